/*
 * The Markdown/text edition: every source document rebuilt with its
 * translations at the same relative path under the output directory.
 * Documents go through a short queue (see build_documents), so memory holds
 * a few documents.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build/build.h"
#include "core/core.h"
#include "formats/document.h"
#include "formats/formats.h"
#include "segment/segment.h"
#include "util/fs.h"
#include "util/xalloc.h"

typedef struct chapter_pct {
    char *chapter;
    double percent;
} chapter_pct;

typedef struct build_ctx {
    yk_project *p;
    const char *lang;
    int lang_translated; /* some segment is translated into lang */
    const yk_build_options *opts;
    yk_build_result *result;
    char *out_root; /* resolved output directory */
    chapter_pct *pct;
    size_t npct, cap_pct;
    size_t done, total;
    /* targets of the current document: their bytes one after another, each
     * with a NUL after it, and where each starts (NO_TARGET for none) */
    yk_buf target_text;
    size_t *offs, *lens;
    size_t ntargets, cap_offs, cap_lens;
} build_ctx;

#define NO_TARGET SIZE_MAX

static int keep_pct(const yk_progress *pr, void *payload)
{
    build_ctx *c = payload;
    c->pct = yk_xgrow(c->pct, &c->cap_pct, c->npct + 1, sizeof(*c->pct));
    c->pct[c->npct].chapter = yk_xstrdup(pr->chapter);
    c->pct[c->npct].percent = pr->percent;
    c->npct++;
    return 0;
}

static double chapter_percent(const build_ctx *c, const char *chapter)
{
    size_t i;
    for (i = 0; i < c->npct; i++)
        if (strcmp(c->pct[i].chapter, chapter) == 0)
            return c->pct[i].percent;
    return 0;
}

static int keep_target(const char *t, size_t len, void *payload)
{
    build_ctx *c = payload;
    c->offs = yk_xgrow(c->offs, &c->cap_offs, c->ntargets + 1, sizeof(*c->offs));
    c->lens = yk_xgrow(c->lens, &c->cap_lens, c->ntargets + 1, sizeof(*c->lens));
    c->offs[c->ntargets] = t ? c->target_text.len : NO_TARGET;
    c->lens[c->ntargets] = len;
    c->ntargets++;
    /* one buffer (without a limit: the puts cannot fail), not an allocation
     * a segment: those were a tenth of building a translated edition */
    if (t) {
        yk_buf_put(&c->target_text, t, len);
        yk_buf_put(&c->target_text, "", 1);
    }
    return 0;
}

/* The targets as pointers into 'text', which holds c->target_text's bytes. */
static char **target_pointers(const build_ctx *c, char *text)
{
    char **t = yk_xcalloc(c->ntargets + 1, sizeof(*t));
    size_t i;
    for (i = 0; i < c->ntargets; i++)
        t[i] = c->offs[i] == NO_TARGET ? NULL : text + c->offs[i];
    return t;
}

/* out_root/rel, refusing anything that would land outside out_root, also
 * through a symlinked directory inside it. */
int yk_build_output_path(yk_buf *out, const char *out_root, const char *rel)
{
    yk_buf norm = YK_BUF_INIT, parent = YK_BUF_INIT;
    char *slash;
    int rc;
    if ((rc = yk_fs_relpath_normalize(&norm, rel)) < 0)
        goto done;
    if (norm.len == 0) {
        rc = yk_error_set(YK_EINVAL, "empty output path for '%s'", rel);
        goto done;
    }
    yk_buf_printf(out, "%s/%s", out_root, norm.buf);
    slash = strrchr(out->buf, '/');
    {
        char *dir = yk_xstrndup(out->buf, (size_t)(slash - out->buf));
        rc = yk_fs_mkdirs(dir);
        if (rc == YK_OK)
            rc = yk_fs_realpath(&parent, dir);
        free(dir);
    }
    if (rc == YK_OK && (strncmp(parent.buf, out_root, strlen(out_root)) != 0 ||
                        (parent.buf[strlen(out_root)] != '/' &&
                         parent.buf[strlen(out_root)] != '\0')))
        rc = yk_error_set(YK_EINVAL, "output path '%s' escapes the output directory '%s'", rel,
                          out_root);
    if (rc == YK_OK && yk_fs_exists(out->buf) && !yk_fs_is_dir(out->buf)) {
        /* never write through a symlink planted at the final path */
        yk_buf real = YK_BUF_INIT;
        if (yk_fs_realpath(&real, out->buf) == YK_OK &&
            strncmp(real.buf, out_root, strlen(out_root)) != 0)
            rc = yk_error_set(YK_EINVAL, "'%s' is a link out of the output directory", out->buf);
        yk_buf_release(&real);
    }
done:
    yk_buf_release(&norm);
    yk_buf_release(&parent);
    return rc;
}

/*
 * Reading a document and its targets from the store costs about as much as
 * rendering and writing it, so a worker renders and writes while this
 * thread reads the next ones: JOB_SLOTS documents at most are in flight,
 * and the worker reports them in edition order.
 */
#define JOB_SLOTS 4

typedef struct build_job {
    char *path, *format, *segment_mode, *fm_keys, *content;
    size_t content_len, segmap_len;
    void *segmap;
    char **targets; /* into target_text, or NULL */
    char *target_text;
    size_t *lens, ntargets;
    int skipped;
    double pct;
    size_t done;
} build_job;

typedef struct build_queue {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    build_job job[JOB_SLOTS];
    size_t produced, consumed;
    int finished; /* nothing more will be produced */
    int rc;       /* the worker's first error; it stops there */
    yk_error err;
    build_ctx *c;
} build_queue;

static void job_release(build_job *j)
{
    free(j->target_text);
    free(j->targets);
    free(j->lens);
    free(j->path);
    free(j->format);
    free(j->segment_mode);
    free(j->fm_keys);
    free(j->content);
    free(j->segmap);
    memset(j, 0, sizeof(*j));
}

/* A stored document read back along its segment map, which must give as
 * many segments as the store has targets for it. */
static int parse_checked(yk_doc **doc, yk_project *p, const yk_store_document *d, size_t ntargets)
{
    int rc = yk_format_parse_stored(doc, d->format, d->segment_mode, d->fm_keys,
                                    yk_project_source_lang(p), d->content, d->content_len,
                                    d->path, d->segmap, d->segmap_len, ntargets);
    if (rc == YK_OK && ntargets != (*doc)->nsegs)
        rc = yk_error_set(YK_EDB,
                          "'%s' has %zu segments stored but %zu when read again; run 'yaku add %s'",
                          d->path, ntargets, (*doc)->nsegs, d->path);
    return rc;
}

static int render_job(build_ctx *c, const build_job *j)
{
    yk_store_document d;
    yk_doc *doc = NULL;
    yk_buf out = YK_BUF_INIT, path = YK_BUF_INIT;
    int rc;

    memset(&d, 0, sizeof(d));
    d.path = j->path;
    d.format = j->format;
    d.segment_mode = j->segment_mode;
    d.fm_keys = j->fm_keys;
    d.content = j->content;
    d.content_len = j->content_len;
    d.segmap = j->segmap;
    d.segmap_len = j->segmap_len;
    if ((rc = parse_checked(&doc, c->p, &d, j->ntargets)) < 0)
        goto done;
    /* the edition is about as long as its source: room for it at once, not
     * the copies of growing there */
    yk_buf_grow(&out, j->content_len + j->content_len / 4);
    if ((rc = yk_format_render(&out, doc, (const char *const *)j->targets, j->lens, c->lang,
                               c->opts->fallback == YK_BUILD_FALLBACK_OMIT ? YK_FALLBACK_OMIT
                                                                           : YK_FALLBACK_SOURCE)) <
        0)
        goto done;
    if ((rc = yk_build_output_path(&path, c->out_root, j->path)) < 0 ||
        (rc = yk_fs_write_atomic_nosync(path.buf, out.buf, out.len)) < 0)
        goto done;
done:
    yk_doc_free(doc);
    yk_buf_release(&out);
    yk_buf_release(&path);
    return rc;
}

static void *render_ahead(void *arg)
{
    build_queue *q = arg;
    build_ctx *c = q->c;
    for (;;) {
        build_job *j;
        int rc = YK_OK;
        pthread_mutex_lock(&q->lock);
        while (q->consumed == q->produced && !q->finished)
            pthread_cond_wait(&q->changed, &q->lock);
        if (q->consumed == q->produced) {
            pthread_mutex_unlock(&q->lock);
            break;
        }
        j = &q->job[q->consumed % JOB_SLOTS];
        pthread_mutex_unlock(&q->lock);
        if (j->skipped)
            c->result->skipped++;
        else if ((rc = render_job(c, j)) == YK_OK)
            c->result->written++;
        if (rc == YK_OK && c->opts->progress)
            c->opts->progress(j->path, j->skipped, j->pct, j->done, c->total, c->opts->payload);
        pthread_mutex_lock(&q->lock);
        job_release(j);
        q->consumed++;
        if (rc < 0) {
            q->rc = rc;
            q->err = *yk_error_last();
        }
        pthread_cond_broadcast(&q->changed);
        pthread_mutex_unlock(&q->lock);
        if (rc < 0)
            break;
    }
    yk_segment_cleanup(); /* this thread's break iterators, if reading made any */
    return NULL;
}

/* A document's targets into c; with no translation in the language at all,
 * none is looked for. */
static int document_targets(build_ctx *c, int64_t document_id)
{
    if (!c->lang_translated)
        return yk_store_document_no_targets(c->p->store, document_id, keep_target, c);
    return yk_store_document_targets(c->p->store, document_id, c->lang, keep_target, c);
}

static int queue_document(const yk_store_document *d, void *payload)
{
    build_queue *q = payload;
    build_ctx *c = q->c;
    build_job j;
    int rc;

    memset(&j, 0, sizeof(j));
    j.done = ++c->done;
    j.pct = chapter_percent(c, d->chapter);
    j.skipped = j.pct < c->opts->min_percent;
    j.path = yk_xstrdup(d->path);
    if (!j.skipped) {
        c->ntargets = 0;
        yk_buf_clear(&c->target_text);
        if ((rc = document_targets(c, d->id)) < 0) {
            job_release(&j);
            return rc;
        }
        /* the job takes the targets over */
        j.target_text = yk_buf_detach(&c->target_text, NULL);
        j.targets = target_pointers(c, j.target_text);
        j.lens = c->lens;
        j.ntargets = c->ntargets;
        c->lens = NULL;
        c->ntargets = c->cap_lens = 0;
        j.format = yk_xstrdup(d->format);
        j.segment_mode = yk_xstrdup(d->segment_mode);
        j.fm_keys = d->fm_keys ? yk_xstrdup(d->fm_keys) : NULL;
        j.content = yk_xmalloc(d->content_len + 1);
        memcpy(j.content, d->content, d->content_len);
        j.content[d->content_len] = '\0';
        j.content_len = d->content_len;
        if (d->segmap && d->segmap_len) {
            j.segmap = yk_xmalloc(d->segmap_len);
            memcpy(j.segmap, d->segmap, d->segmap_len);
            j.segmap_len = d->segmap_len;
        }
    }
    pthread_mutex_lock(&q->lock);
    while (q->produced - q->consumed == JOB_SLOTS && q->rc == YK_OK)
        pthread_cond_wait(&q->changed, &q->lock);
    if ((rc = q->rc) == YK_OK) {
        q->job[q->produced % JOB_SLOTS] = j;
        q->produced++;
        pthread_cond_broadcast(&q->changed);
    }
    pthread_mutex_unlock(&q->lock);
    if (rc < 0) {
        job_release(&j);
        return 1; /* stop: the worker failed, and its error is reported */
    }
    return 0;
}

/* Every document through the worker: the first error of either thread. */
static int build_documents(build_ctx *c)
{
    build_queue q;
    pthread_t worker;
    int rc;

    memset(&q, 0, sizeof(q));
    q.c = c;
    pthread_mutex_init(&q.lock, NULL);
    pthread_cond_init(&q.changed, NULL);
    if (pthread_create(&worker, NULL, render_ahead, &q) != 0) {
        rc = yk_error_set(YK_ERROR, "cannot start a thread");
        goto destroy;
    }
    rc = yk_store_documents_foreach(c->p->store, queue_document, &q);
    pthread_mutex_lock(&q.lock);
    q.finished = 1;
    pthread_cond_broadcast(&q.changed);
    pthread_mutex_unlock(&q.lock);
    pthread_join(worker, NULL);
    if (rc >= 0 && q.rc < 0) {
        yk_error_restore(&q.err);
        rc = q.rc;
    }
    while (q.consumed < q.produced)
        job_release(&q.job[q.consumed++ % JOB_SLOTS]);
destroy:
    pthread_cond_destroy(&q.changed);
    pthread_mutex_destroy(&q.lock);
    return rc < 0 ? rc : YK_OK;
}

int yk_build_mdtree(yk_build_result *out, yk_project *p, const char *lang,
                    const yk_build_options *opts)
{
    build_ctx c;
    yk_buf root = YK_BUF_INIT;
    char norm[36];
    size_t i;
    int rc;

    memset(out, 0, sizeof(*out));
    memset(&c, 0, sizeof(c));
    c.target_text = (yk_buf)YK_BUF_INIT;
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    yk_lang_normalize(norm, lang);
    if (opts->format != YK_FORMAT_MD)
        return yk_error_set(YK_EINVAL,
                            "building '%s' is not supported yet (supported: md, the source tree)",
                            yk_format_name(opts->format));
    if (!opts->out_dir || !*opts->out_dir)
        return yk_error_set(YK_EINVAL, "no output directory (-o DIR)");
    if ((rc = yk_fs_mkdirs(opts->out_dir)) < 0 || (rc = yk_fs_realpath(&root, opts->out_dir)) < 0)
        goto done;
    c.p = p;
    c.lang = norm;
    c.opts = opts;
    c.result = out;
    c.out_root = root.buf;
    /* chapter percentages decide only what --min-percent skips */
    if ((opts->min_percent > 0 && (rc = yk_progress_foreach(p, norm, keep_pct, &c)) < 0) ||
        (rc = yk_store_document_count(&c.total, p->store)) < 0 ||
        (rc = c.lang_translated = yk_store_language_translated(p->store, norm)) < 0)
        goto done;
    /* the files are written unsynced and flushed together: a sync per file
     * was a fifth of building a 10 MB edition */
    if ((rc = build_documents(&c)) == YK_OK && out->written)
        rc = yk_fs_sync_tree(root.buf);
done:
    yk_buf_release(&c.target_text);
    free(c.offs);
    free(c.lens);
    for (i = 0; i < c.npct; i++)
        free(c.pct[i].chapter);
    free(c.pct);
    yk_buf_release(&root);
    return rc;
}

/* The front-matter title as the edition shows it: its segments' targets
 * (or sources, when untranslated) with the source's gaps between them. */
static char *fm_title_of(const yk_doc *doc, char *const *targets, const size_t *lens)
{
    yk_buf t = YK_BUF_INIT;
    size_t b, k;
    for (b = 0; b < doc->nblocks; b++) {
        const yk_doc_block *blk = &doc->blocks[b];
        size_t at = 0;
        if (blk->kind != YK_BLOCK_FRONT_MATTER || !blk->key || strcmp(blk->key, "title") != 0)
            continue;
        for (k = blk->first_seg; k < blk->first_seg + blk->nsegs; k++) {
            const yk_doc_seg *sg = &doc->segs[k];
            yk_buf_put(&t, blk->text + at, sg->off - at);
            if (targets[k])
                yk_buf_put(&t, targets[k], lens[k]);
            else
                yk_buf_put(&t, blk->text + sg->off, sg->len);
            at = sg->off + sg->len;
        }
        yk_buf_put(&t, blk->text + at, blk->text_len - at);
        return yk_buf_detach(&t, NULL);
    }
    return NULL;
}

int yk_build_translate(yk_buf *out, size_t *untranslated, char **fm_title, yk_project *p,
                       const yk_store_document *d, const char *lang, yk_build_fallback fallback)
{
    build_ctx c;
    yk_doc *doc = NULL;
    char **targets = NULL;
    size_t i;
    int rc;

    memset(&c, 0, sizeof(c));
    c.target_text = (yk_buf)YK_BUF_INIT;
    if (untranslated)
        *untranslated = 0;
    if (fm_title)
        *fm_title = NULL;
    if ((rc = yk_store_document_targets(p->store, d->id, lang, keep_target, &c)) < 0 ||
        (rc = parse_checked(&doc, p, d, c.ntargets)) < 0)
        goto done;
    targets = target_pointers(&c, c.target_text.buf);
    if (fm_title)
        *fm_title = fm_title_of(doc, targets, c.lens);
    for (i = 0; untranslated && i < c.ntargets; i++)
        if (!targets[i])
            (*untranslated)++;
    rc = yk_format_render(out, doc, (const char *const *)targets, c.lens, lang,
                          fallback == YK_BUILD_FALLBACK_OMIT ? YK_FALLBACK_OMIT
                                                             : YK_FALLBACK_SOURCE);
done:
    free(targets);
    yk_buf_release(&c.target_text);
    free(c.offs);
    free(c.lens);
    yk_doc_free(doc);
    return rc;
}
