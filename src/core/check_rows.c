/*
 * The reading path of `yaku check` over the project's store.
 */
#include <string.h>

#include "core/check_rows.h"

int yk_core_check_rows(yk_project *p, const char *chapter, const char *lang,
                       const yk_store_check_walk *walk, void *payload)
{
    int64_t chapter_id = 0;
    int rc;
    if (chapter && (rc = yk_store_chapter_find(&chapter_id, p->store, chapter)) < 0)
        return rc;
    return yk_store_check_rows(p->store, chapter_id, lang, walk, payload);
}

typedef struct one_row {
    const char *chapter;
    int n;
    int (*fn)(const yk_store_check_row *r, void *payload);
    void *payload;
} one_row;

static int on_segment(const yk_store_segment_state *seg, void *payload)
{
    one_row *o = payload;
    yk_store_check_row r;
    r.chapter = o->chapter;
    r.n = o->n;
    r.state = seg->state;
    r.source = seg->source;
    r.source_len = strlen(seg->source);
    r.target = seg->target;
    r.target_len = strlen(seg->target);
    return o->fn(&r, o->payload);
}

int yk_core_check_segment(yk_project *p, const char *chapter, int n, const char *lang,
                          int (*fn)(const yk_store_check_row *r, void *payload), void *payload)
{
    one_row o;
    o.chapter = chapter;
    o.n = n;
    o.fn = fn;
    o.payload = payload;
    return yk_store_segment_lookup(p->store, chapter, n, lang, on_segment, &o);
}

int yk_core_check_read_begin(yk_project *p, yk_store_read_once *rd)
{
    return yk_store_read_once_begin(p->store, rd);
}

void yk_core_check_read_end(yk_project *p, yk_store_read_once *rd)
{
    yk_store_read_once_end(p->store, rd);
}
