/*
 * Read-only views of the project: chapters, segments and progress.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/workflow.h"
#include "util/xalloc.h"

typedef struct chapter_walk {
    int (*fn)(const yk_chapter_info *info, void *payload);
    void *payload;
} chapter_walk;

static int chapter_row(const yk_store_chapter_row *r, void *payload)
{
    chapter_walk *w = payload;
    yk_chapter_info info;
    const char **paths = yk_xcalloc(r->documents + 1, sizeof(*paths));
    char *copy = yk_xstrdup(r->paths);
    size_t n = 0;
    char *p = copy;
    int rc;

    while (*p && n < r->documents) {
        char *nl = strchr(p, '\n');
        paths[n++] = p;
        if (!nl)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    info.chapter = r->name;
    info.documents = r->documents;
    info.segments = r->segments;
    info.paths = paths;
    rc = w->fn(&info, w->payload);
    free(copy);
    free(paths);
    return rc;
}

int yk_chapters_foreach(yk_project *p, int (*fn)(const yk_chapter_info *info, void *payload),
                        void *payload)
{
    chapter_walk w = {fn, payload};
    return yk_store_chapters(p->store, chapter_row, &w);
}

typedef struct segment_walk {
    int (*fn)(const yk_segment_info *info, void *payload);
    void *payload;
    int with_lang;
} segment_walk;

static int segment_row(const yk_store_segment_row *r, void *payload)
{
    segment_walk *w = payload;
    yk_segment_info info;
    info.chapter = r->chapter;
    info.n = r->n;
    info.source = r->source;
    info.path = r->path;
    info.line = r->line;
    info.kind = r->kind;
    info.state = w->with_lang ? r->state : NULL;
    info.target = w->with_lang ? r->target : NULL;
    info.prev_source = w->with_lang ? r->prev_source : NULL;
    info.revision = w->with_lang ? r->revision : 0;
    return w->fn(&info, w->payload);
}

static int valid_state(const char *s)
{
    return strcmp(s, "new") == 0 || strcmp(s, "fuzzy") == 0 || strcmp(s, "translated") == 0 ||
           strcmp(s, "reviewed") == 0;
}

int yk_segments_foreach(yk_project *p, const yk_segment_filter *filter,
                        int (*fn)(const yk_segment_info *info, void *payload), void *payload)
{
    segment_walk w = {fn, payload, filter->lang != NULL};
    int64_t chapter_id = 0;
    char lang[36];
    int rc;

    if (filter->chapter && (rc = yk_store_chapter_find(&chapter_id, p->store, filter->chapter)) < 0)
        return rc;
    if (filter->lang) {
        if ((rc = yk_project_check_target(p, filter->lang)) < 0)
            return rc;
        yk_lang_normalize(lang, filter->lang);
    }
    if (filter->state) {
        if (!filter->lang)
            return yk_error_set(YK_EINVAL, "filtering by state needs a language (--lang)");
        if (!valid_state(filter->state))
            return yk_error_set(YK_EINVAL,
                                "unknown state '%s' (new, fuzzy, translated, reviewed)",
                                filter->state);
    }
    return yk_store_segments_query(p->store, chapter_id, filter->lang ? lang : NULL, filter->state,
                                   segment_row, &w);
}

typedef struct progress_walk {
    int (*fn)(const yk_progress *pr, void *payload);
    void *payload;
    const char *lang;
    yk_store *store;
} progress_walk;

static int progress_row(const yk_store_progress_row *r, void *payload)
{
    progress_walk *w = payload;
    yk_progress pr;
    pr.lang = w->lang;
    pr.chapter = r->chapter;
    pr.total = r->total;
    pr.new_ = r->new_;
    pr.fuzzy = r->fuzzy;
    pr.translated = r->translated;
    pr.reviewed = r->reviewed;
    pr.percent = r->total ? 100.0 * (double)(r->translated + r->reviewed) / (double)r->total : 100.0;
    {
        /* the live claim of the chapter, or the holders of live batches in it */
        char now[32], *holder = NULL;
        int rc;
        yk_core_now(now);
        if ((rc = yk_store_chapter_holder(&holder, w->store, r->chapter, w->lang, now)) < 0)
            return rc;
        pr.holder = holder;
        rc = w->fn(&pr, w->payload);
        free(holder);
        return rc;
    }
}

int yk_progress_foreach(yk_project *p, const char *lang,
                        int (*fn)(const yk_progress *pr, void *payload), void *payload)
{
    progress_walk w = {fn, payload, NULL, p->store};
    yk_store_read_once ro;
    size_t i;
    int rc;
    char norm[36];

    if (lang) {
        if ((rc = yk_project_check_target(p, lang)) < 0)
            return rc;
        yk_lang_normalize(norm, lang);
    }
    /* the scan reads every segment's state once: a small cache suffices */
    if ((rc = yk_store_read_once_begin(p->store, &ro)) < 0)
        return rc;
    for (i = 0; i < p->ntargets && rc == YK_OK; i++) {
        if (lang && strcmp(p->targets[i], norm) != 0)
            continue;
        w.lang = p->targets[i];
        rc = yk_store_progress(p->store, p->targets[i], progress_row, &w);
    }
    yk_store_read_once_end(p->store, &ro);
    return rc;
}

int yk_segment_id_parse(char chapter[256], int *n, const char *id)
{
    const char *colon = strrchr(id, ':');
    char *end;
    long v;
    if (!colon || colon == id || (size_t)(colon - id) >= 256)
        return yk_error_set(YK_EINVAL, "'%s' is not a segment id (CHAPTER:N)", id);
    v = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || v < 1 || v > 100000000)
        return yk_error_set(YK_EINVAL, "'%s' is not a segment id (CHAPTER:N)", id);
    memcpy(chapter, id, (size_t)(colon - id));
    chapter[colon - id] = '\0';
    *n = (int)v;
    return YK_OK;
}
