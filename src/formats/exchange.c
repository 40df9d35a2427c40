/*
 * Exchange with CAT tools: `yaku export` writes a language's segments as PO
 * (msgctxt = the stable segment id, fuzzy entries with "#| msgid" of the
 * previous source), XLIFF 1.2 or 2.0 (formats/xliff.c: unit = segment id,
 * markup as placeholders) or, for TMX, the language's translation memory;
 * `yaku import` reads PO or XLIFF (told apart by their content) and
 * applies it inside the caller's transaction, validating before it writes:
 * an XLIFF whole, a PO a piece at a time (the caller rolls back a file
 * that fails).  An export is written as the segments come.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/core.h"
#include "formats/formats.h"
#include "formats/po.h"
#include "formats/xliff.h"
#include "glossary/glossary.h"
#include "store/tm.h"
#include "store/workflow.h"
#include "tm/tm.h"
#include "util/fs.h"
#include "util/xalloc.h"

/* An export writes each entry as the segments come and hands the text to
 * the caller's sink a megabyte at a time: the PO of a whole language is
 * three or four times its sources, and memory is to grow with one
 * document, not with the project. */
#define EXPORT_FLUSH_BYTES ((size_t)1 << 20)

typedef struct export_walk {
    yk_buf out;         /* written, not yet given to the sink */
    yk_write_fn write;
    void *ctx;
    yk_format format;
    yk_xliff_writer xliff;
    yk_project *p;      /* for review notes */
    const char *lang;
    yk_glossary *gloss; /* loaded once per export */
} export_walk;

static int flush(export_walk *w)
{
    int rc = YK_OK;
    if (w->out.len)
        rc = w->write(w->ctx, w->out.buf, w->out.len);
    yk_buf_clear(&w->out);
    return rc;
}

/* "glossary: 开源 → オープンソース (not …); 社区 → コミュニティ", one mention per entry. */
static void glossary_line(yk_buf *c, const yk_glossary *g, const char *source)
{
    yk_term_hit *hits = NULL;
    size_t n = 0, i, j, shown = 0;
    if (!g || yk_glossary_match(&hits, &n, g, source, strlen(source)) < 0 || n == 0)
        goto done;
    for (i = 0; i < n; i++) {
        for (j = 0; j < i; j++)
            if (hits[j].entry_id == hits[i].entry_id)
                break;
        if (j < i || !hits[i].target)
            continue;
        yk_buf_printf(c, "%s%s → %s", shown++ ? "; " : "\nglossary: ", hits[i].source_term,
                      hits[i].target);
        for (j = 0; j < hits[i].nforbidden; j++)
            yk_buf_printf(c, "%s%s", j ? ", " : " (not ", hits[i].forbidden[j]);
        if (hits[i].nforbidden)
            yk_buf_putc(c, ')');
    }
done:
    free(hits);
}

/* The extracted comment of a segment: "chapter, kind", the revision this
 * text was exported at (import refuses an entry whose segment changed
 * since; an extracted comment survives msgcat and Poedit), then a review
 * note, a pretranslation's score and origin and glossary hits.  Returns
 * where the part after the revision starts. */
static size_t entry_comment(yk_buf *c, export_walk *w, const yk_segment_info *s,
                            const char *context, const char *id)
{
    char *note = NULL;
    size_t rest;
    yk_buf_printf(c, "%s\nyaku-rev: %d", context, s->revision);
    rest = c->len;
    if (strcmp(s->state, "fuzzy") == 0 && w->p &&
        yk_review_note(&note, w->p, id, w->lang) == YK_OK && note)
        yk_buf_printf(c, "\nreview: rejected: %s", note);
    yk_error_clear();
    free(note);
    note = NULL;
    /* a fill by 'yaku pretranslate': its score and origin (history note) */
    if (strcmp(s->state, "fuzzy") == 0 && w->p &&
        yk_store_tm_note_get(&note, w->p->store, s->chapter, s->n, w->lang) == YK_OK && note)
        yk_buf_printf(c, "\n%s", note);
    free(note);
    glossary_line(c, w->gloss, s->source);
    return rest;
}

static int write_segment(const yk_segment_info *s, void *payload)
{
    export_walk *w = payload;
    char id[1400], context[1400], ref[1400];
    yk_buf c = YK_BUF_INIT;
    int fuzzy = strcmp(s->state, "fuzzy") == 0, rc;
    const char *target = strcmp(s->state, "new") == 0 ? "" : s->target;
    size_t rest;

    snprintf(id, sizeof(id), "%s:%d", s->chapter, s->n);
    snprintf(context, sizeof(context), "%s, %s", s->chapter, s->kind);
    snprintf(ref, sizeof(ref), "%s:%d", s->path, s->line);
    rest = entry_comment(&c, w, s, context, id);
    if (w->format == YK_FORMAT_PO) {
        yk_po_entry e;
        memset(&e, 0, sizeof(e));
        e.ctxt = id;
        e.id = s->source;
        e.str = target;
        e.prev_id = fuzzy && s->prev_source ? s->prev_source : NULL;
        e.extracted_comments = c.buf;
        e.references = ref;
        e.fuzzy = fuzzy;
        /* a translator's text that msgfmt -c would reject goes out fuzzy */
        if (yk_po_entry_check(&e) < 0) {
            yk_error_clear();
            e.fuzzy = 1;
        }
        rc = yk_po_write_entry(&w->out, &e);
    } else {
        yk_xliff_unit u;
        memset(&u, 0, sizeof(u));
        u.id = id;
        u.source = s->source;
        u.target = target;
        u.state = s->state;
        u.prev_source = fuzzy && s->prev_source ? s->prev_source : NULL;
        u.revision = s->revision;
        u.original = s->path;
        u.original_line = s->line;
        u.context = context;
        /* XLIFF has a note per purpose: the review note and glossary hits
         * are the translator's comment */
        u.comment = c.len > rest ? c.buf + rest + 1 : NULL;
        rc = yk_xliff_writer_unit(&w->xliff, &w->out, &u);
    }
    yk_buf_release(&c);
    if (rc == YK_OK && w->out.len >= EXPORT_FLUSH_BYTES)
        rc = flush(w);
    return rc;
}

static int po_header(export_walk *w, const char *norm)
{
    yk_po_header h = YK_PO_HEADER_INIT;
    char now[32], date[32], extra[128], *title = NULL;
    int rc;

    if ((rc = yk_store_meta_get(&title, w->p->store, "title")) < 0)
        return rc;
    yk_core_now(now);
    /* PO dates look like "2026-11-24 13:32+0000" */
    snprintf(date, sizeof(date), "%.10s %.5s+0000", now, now + 11);
    h.project_id = title ? title : "yaku project";
    h.pot_creation_date = date;
    h.revision_date = date;
    h.language = norm;
    h.language_team = norm;
    snprintf(extra, sizeof(extra), "X-Yaku-Source-Language: %s", yk_project_source_lang(w->p));
    h.extra = extra;
    rc = yk_po_write_header(&w->out, &h);
    free(title);
    return rc;
}

/* The language's translation memory as TMX (what `yaku tm export --lang`
 * writes), optionally one chapter's units. */
static int export_tmx(yk_project *p, const char *norm, const char *chapter, yk_write_fn write,
                      void *ctx)
{
    yk_tm_export_options o = YK_TM_EXPORT_OPTIONS_INIT;
    size_t count;
    int rc;

    if (chapter) {
        int64_t id;
        if ((rc = yk_store_chapter_find(&id, p->store, chapter)) < 0)
            return rc;
    }
    o.lang = norm;
    o.chapter = chapter;
    return yk_format_tmx_write(&count, p, &o, write, ctx);
}

int yk_export_write(yk_project *p, const char *lang, const yk_export_options *opts,
                    yk_write_fn write, void *ctx)
{
    export_walk w;
    yk_segment_filter f = YK_SEGMENT_FILTER_INIT;
    char norm[36];
    int rc;

    memset(&w, 0, sizeof(w));
    if (opts->format != YK_FORMAT_PO && opts->format != YK_FORMAT_XLIFF &&
        opts->format != YK_FORMAT_XLIFF2 && opts->format != YK_FORMAT_TMX)
        return yk_error_set(YK_EINVAL,
                            "cannot export to '%s' (formats: po, xliff, xliff2, tmx)",
                            yk_format_name(opts->format));
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    yk_lang_normalize(norm, lang);
    if (opts->format == YK_FORMAT_TMX)
        return export_tmx(p, norm, opts->chapter, write, ctx);
    f.chapter = opts->chapter;
    f.lang = norm;
    w.write = write;
    w.ctx = ctx;
    w.format = opts->format == YK_FORMAT_PO ? YK_FORMAT_PO : YK_FORMAT_XLIFF;
    w.p = p;
    w.lang = norm;
    if ((rc = yk_glossary_load(&w.gloss, p, norm)) < 0)
        goto done;
    if (opts->chapter) {
        /* an unknown chapter fails before anything is written */
        int64_t id;
        if ((rc = yk_store_chapter_find(&id, p->store, opts->chapter)) < 0)
            goto done;
    }
    if (opts->format == YK_FORMAT_PO)
        rc = po_header(&w, norm);
    else
        rc = yk_xliff_writer_begin(&w.xliff, &w.out,
                                   opts->format == YK_FORMAT_XLIFF ? YK_XLIFF_1_2 : YK_XLIFF_2_0,
                                   yk_project_source_lang(p), norm);
    if (rc < 0)
        goto done;
    {
        /* one state of the project for every document's statement, and
         * memory for one entry, not for every page of the language read */
        yk_store_read_once ro;
        if ((rc = yk_store_read_once_begin(p->store, &ro)) == YK_OK)
            rc = yk_segments_foreach(p, &f, write_segment, &w);
        yk_store_read_once_end(p->store, &ro);
        if (rc < 0)
            goto done;
    }
    if (opts->format != YK_FORMAT_PO && (rc = yk_xliff_writer_end(&w.xliff, &w.out)) < 0)
        goto done;
    rc = flush(&w);
done:
    yk_xliff_writer_release(&w.xliff);
    yk_glossary_free(w.gloss);
    yk_buf_release(&w.out);
    return rc;
}

static int write_to_buf(void *ctx, const char *data, size_t len)
{
    return yk_buf_put(ctx, data, len);
}

int yk_export(yk_bytes *out, yk_project *p, const char *lang, const yk_export_options *opts)
{
    yk_buf b = YK_BUF_INIT;
    int rc = yk_export_write(p, lang, opts, write_to_buf, &b);
    out->data = NULL;
    out->len = 0;
    if (rc == YK_OK)
        out->data = yk_buf_detach(&b, &out->len);
    yk_buf_release(&b);
    return rc;
}

void yk_import_result_release(yk_import_result *r)
{
    if (r) {
        free(r->refused);
        r->refused = NULL;
        r->nrefused = 0;
    }
}

/* One translation read from an exchange file, whatever its format. */
typedef struct import_entry {
    const char *id;     /* the segment id ("CHAPTER:N") */
    const char *source; /* the source it was exported with */
    const char *target; /* "" when untranslated */
    int fuzzy;
    int revision;       /* the revision it was exported at, -1 when the file does not say */
    int line;
} import_entry;

/* What validation found for one entry, applied in the second pass. */
typedef struct planned {
    int64_t segment_id;
    const import_entry *e;
    enum { SKIP_EMPTY, UNCHANGED, APPLY, REFUSE, STALE, DENIED } action;
    int revision;         /* the segment's current revision */
    char *current;        /* STALE: the current target */
    char *why;            /* DENIED: who holds it and how to ask */
} planned;

typedef struct lookup_ctx {
    const import_entry *e;
    planned *plan;
} lookup_ctx;

static int on_lookup(const yk_store_segment_state *s, void *payload)
{
    lookup_ctx *c = payload;
    const char *state = c->e->fuzzy ? "fuzzy" : "translated";
    c->plan->segment_id = s->id;
    c->plan->revision = s->revision;
    /* the current text goes into the refusal of a stale entry, and only
     * there: a copy of every target would double what an import holds */
    if (c->e->revision >= 0 && c->e->revision != s->revision)
        c->plan->current = yk_xstrdup(s->target);
    if (strcmp(s->source, c->e->source) != 0)
        c->plan->action = REFUSE;
    else if (c->e->target[0] == '\0')
        c->plan->action = SKIP_EMPTY;
    else if (strcmp(s->target, c->e->target) == 0 &&
             (strcmp(s->state, state) == 0 ||
              (strcmp(s->state, "reviewed") == 0 && !c->e->fuzzy)))
        c->plan->action = UNCHANGED;
    else
        c->plan->action = APPLY;
    return 0;
}

/* The revision a PO entry was exported at ("yaku-rev: N" in its extracted
 * comments), or -1 when the file does not say (written by another tool). */
static int exported_revision(const yk_po_entry *e)
{
    const char *c = e->extracted_comments, *hit;
    long v;
    char *end;
    if (!c || !(hit = strstr(c, "yaku-rev:")))
        return -1;
    if (hit != c && hit[-1] != '\n')
        return -1;
    v = strtol(hit + 9, &end, 10);
    if (end == hit + 9 || v < 0 || v > 2000000000 || (*end && *end != '\n' && *end != ' '))
        return -1;
    return (int)v;
}

/* Optimistic import and claims, for an entry that would change something. */
static int check_apply(planned *pl, yk_project *p, const char *lang)
{
    int rev = pl->e->revision, rc;
    if (rev >= 0 && rev != pl->revision) {
        char *then = NULL;
        if ((rc = yk_store_history_target(&then, p->store, pl->segment_id, lang, rev)) < 0)
            return rc;
        /* the entry still holds what was exported: the newer text wins, quietly */
        if ((then && strcmp(then, pl->e->target) == 0) || (rev == 0 && !then && !*pl->e->target))
            pl->action = UNCHANGED;
        else
            pl->action = STALE;
        free(then);
        /* a stale entry is kept in the history: only for someone who may
         * translate the segment, so the authorisation comes first */
        if (pl->action == UNCHANGED)
            return YK_OK;
    }
    rc = yk_authorize_translate(p, pl->e->id, lang);
    if (rc == YK_EPERM || rc == YK_ECONFLICT) {
        pl->action = DENIED;
        pl->why = yk_xstrdup(yk_error_last()->message);
        yk_error_clear();
        return YK_OK;
    }
    return rc;
}

/* At most 'max' bytes of s, cut at a character boundary, "…" when cut. */
static void excerpt(yk_buf *out, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        yk_buf_puts(out, s);
        return;
    }
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    yk_buf_put(out, s, max);
    yk_buf_puts(out, "…");
}

static int cmp_entry_id(const void *a, const void *b)
{
    const import_entry *x = *(const import_entry *const *)a, *y = *(const import_entry *const *)b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Two entries for one segment id would be applied or refused one by one,
 * the file half imported; refuse the file instead.  (The PO reader already
 * refuses two entries with the same msgctxt and msgid.) */
static int check_duplicate_ids(const import_entry *e, size_t n, const char *path)
{
    const import_entry **v;
    size_t i;
    int rc = YK_OK;

    if (n < 2)
        return YK_OK;
    v = yk_xmalloc(n * sizeof(*v));
    for (i = 0; i < n; i++)
        v[i] = &e[i];
    qsort(v, n, sizeof(*v), cmp_entry_id);
    for (i = 1; i < n && rc == YK_OK; i++)
        if (strcmp(v[i]->id, v[i - 1]->id) == 0)
            rc = yk_error_set_at(YK_EINVAL, path, v[i]->line, 0,
                                 "segment '%s' has a second entry here (the first is at line %d)",
                                 v[i]->id, v[i - 1]->line);
    free(v);
    return rc;
}

/* What an exchange file says, in one shape for PO and XLIFF. */
typedef struct import_file {
    import_entry *v;
    size_t n;
    const char *lang;      /* the file's target language, or NULL */
    const char *src_lang;  /* the file's source language (XLIFF), or NULL */
    int lang_line;         /* where the file declares them */
    const char *id_label;  /* what holds the segment id: "msgctxt" or "unit" */
    const char *lang_hint; /* where a language would be declared */
    yk_po_file *po;
    yk_xliff_file *xliff;
} import_file;

static void import_file_release(import_file *f)
{
    free(f->v);
    yk_po_file_free(f->po);
    yk_xliff_file_free(f->xliff);
}

/* The largest file an import reads, a ceiling on untrusted input: the
 * translated PO of a whole language of a 20 MB project is 80 MB.  A PO is
 * read a piece at a time (import_po); XLIFF is read whole and keeps its
 * own, lower ceiling (YK_XLIFF_MAX_BYTES). */
#define IMPORT_MAX_BYTES ((size_t)128 << 20)

static int read_po(import_file *f, const char *data, size_t len, int first_line,
                   const char *path)
{
    yk_po_parse_options o = YK_PO_PARSE_OPTIONS_INIT;
    size_t i;
    int rc;

    o.max_bytes = IMPORT_MAX_BYTES;
    o.first_line = first_line;
    if ((rc = yk_po_parse(&f->po, data, len, path, &o)) < 0)
        return rc;
    f->lang = yk_po_file_header_field(f->po, "Language");
    if (f->lang && !*f->lang)
        f->lang = NULL;
    f->lang_line = f->po->header_line;
    f->id_label = "msgctxt";
    f->lang_hint = "no Language header";
    f->v = yk_xcalloc(f->po->n + 1, sizeof(*f->v));
    for (i = 0; i < f->po->n; i++) {
        const yk_po_entry *e = &f->po->entries[i];
        if (!e->ctxt)
            return yk_error_set_at(YK_EINVAL, path, e->line, 0,
                                   "entry has no msgctxt; yaku needs the segment id (CHAPTER:N) "
                                   "that export wrote there");
        f->v[i].id = e->ctxt;
        f->v[i].source = e->id;
        f->v[i].target = e->str;
        f->v[i].fuzzy = e->fuzzy;
        f->v[i].revision = exported_revision(e);
        f->v[i].line = e->line;
    }
    f->n = f->po->n;
    return YK_OK;
}

/* Units marked reviewed (signed-off, final) go in as translated: approving
 * is `yaku review`'s, and a reviewed segment whose text is unchanged stays
 * reviewed. */
static int read_xliff(import_file *f, const yk_buf *src, const char *path)
{
    size_t i;
    int rc;

    if ((rc = yk_xliff_parse(&f->xliff, src->buf, src->len, path)) < 0)
        return rc;
    f->lang = f->xliff->tgt_lang;
    f->src_lang = f->xliff->src_lang;
    f->lang_line = f->xliff->lang_line;
    f->id_label = "unit";
    f->lang_hint = f->xliff->version == YK_XLIFF_1_2 ? "no target-language" : "no trgLang";
    f->v = yk_xcalloc(f->xliff->n + 1, sizeof(*f->v));
    for (i = 0; i < f->xliff->n; i++) {
        const yk_xliff_unit *u = &f->xliff->units[i];
        f->v[i].id = u->id;
        f->v[i].source = u->source;
        f->v[i].target = u->target && strcmp(u->state, "new") != 0 ? u->target : "";
        f->v[i].fuzzy = strcmp(u->state, "fuzzy") == 0;
        f->v[i].revision = u->revision;
        f->v[i].line = u->line;
    }
    f->n = f->xliff->n;
    return YK_OK;
}

/* The file's languages against the project's and --lang. */
static int check_languages(yk_import_result *out, yk_project *p, const import_file *f,
                           const char *path, const yk_import_options *opts)
{
    int rc;
    if (!opts->lang && !f->lang)
        return yk_error_set_at(YK_EINVAL, path, f->lang_line, 0,
                               "the file names no language (%s); use --lang", f->lang_hint);
    if ((rc = yk_project_check_target(p, opts->lang ? opts->lang : f->lang)) < 0) {
        char msg[sizeof(yk_error_last()->message)];
        if (opts->lang) {
            yk_error_set_file(path);
            return rc;
        }
        /* the file's own language: point at where it says so */
        snprintf(msg, sizeof(msg), "%s", yk_error_last()->message);
        return yk_error_set_at(rc, path, f->lang_line, 0, "%s", msg);
    }
    yk_lang_normalize(out->lang, opts->lang ? opts->lang : f->lang);
    if (opts->lang && f->lang) {
        char fl[36];
        if (yk_lang_normalize(fl, f->lang) < 0 || strcmp(fl, out->lang) != 0)
            return yk_error_set_at(YK_EINVAL, path, f->lang_line, 0,
                                   "the file is for language '%s', not '%s'", f->lang, out->lang);
    }
    if (f->src_lang) {
        /* zh-CN and zh-Hans are one source: compare as the memory keys them */
        char a[36], b[36];
        yk_tm_lang_key(a, f->src_lang);
        yk_tm_lang_key(b, yk_project_source_lang(p));
        if (strcmp(a, b) != 0)
            return yk_error_set_at(YK_EINVAL, path, f->lang_line, 0,
                                   "the file's source language is '%s'; this project translates "
                                   "from '%s'",
                                   f->src_lang, yk_project_source_lang(p));
    }
    return YK_OK;
}

/* Segments an import has seen, with the line of their entry: two entries
 * for one segment in different pieces of a file are refused like two in
 * one piece (check_duplicate_ids).  Segment ids are the rows' ids, dense
 * from 1: the line of segment i is line[i], 0 when not seen, 4 bytes a
 * segment of the project. */
typedef struct seen_segments {
    int *line;
    size_t cap;
} seen_segments;

static int *seen_slot(seen_segments *s, int64_t id)
{
    if (id < 0 || id > INT32_MAX)
        return NULL;
    if ((size_t)id >= s->cap) {
        size_t cap = s->cap ? s->cap : 4096, old = s->cap;
        while (cap <= (size_t)id)
            cap *= 2;
        s->line = yk_xrealloc(s->line, cap * sizeof(*s->line));
        memset(s->line + old, 0, (cap - old) * sizeof(*s->line));
        s->cap = cap;
    }
    return &s->line[id];
}

/* One import, over the pieces of its file. */
typedef struct import_run {
    yk_import_result *out;
    yk_project *p;
    const char *path;
    const yk_import_options *opts;
    char now[32];
    int pieces;         /* pieces imported so far */
    seen_segments seen;
} import_run;

/* Validate the entries of one piece (nothing written), then apply them.
 * An error leaves what earlier pieces wrote in the caller's transaction,
 * which the caller rolls back: the file goes in whole or not at all. */
static int import_piece(import_run *run, const import_file *fp)
{
    yk_import_result *out = run->out;
    yk_project *p = run->p;
    const char *path = run->path;
    const import_file f = *fp;
    planned *plan = NULL;
    const char *now = run->now;
    size_t i;
    int rc;

    if (run->pieces++ == 0 && (rc = check_languages(out, p, &f, path, run->opts)) < 0)
        return rc;

    /* pass 1: validate everything, write nothing */
    if ((rc = check_duplicate_ids(f.v, f.n, path)) < 0)
        goto done;
    plan = yk_xcalloc(f.n + 1, sizeof(*plan));
    for (i = 0; i < f.n; i++) {
        const import_entry *e = &f.v[i];
        lookup_ctx c = {e, &plan[i]};
        char chapter[256];
        int n;
        plan[i].e = e;
        if (yk_segment_id_parse(chapter, &n, e->id) < 0) {
            rc = yk_error_set_at(YK_EINVAL, path, e->line, 0,
                                 "%s '%s' is not a segment id (CHAPTER:N)", f.id_label, e->id);
            goto done;
        }
        rc = yk_store_segment_lookup(p->store, chapter, n, out->lang, on_lookup, &c);
        if (rc == YK_ENOTFOUND) {
            rc = yk_error_set_at(YK_EINVAL, path, e->line, 0,
                                 "unknown segment '%s' (not in this project, or archived)", e->id);
            goto done;
        }
        if (rc < 0)
            goto done;
        {
            int *line = seen_slot(&run->seen, plan[i].segment_id);
            if (!line) {
                rc = yk_error_set(YK_EDB, "segment '%s' has an id out of range", e->id);
                goto done;
            }
            if (*line) {
                rc = yk_error_set_at(YK_EINVAL, path, e->line, 0,
                                     "segment '%s' has a second entry here (the first is at line "
                                     "%d)",
                                     e->id, *line);
                goto done;
            }
            *line = e->line;
        }
        if (plan[i].action == APPLY && (rc = check_apply(&plan[i], p, out->lang)) < 0)
            goto done;
    }

    /* pass 2: apply */
    out->entries += f.n;
    for (i = 0; i < f.n; i++) {
        const import_entry *e = plan[i].e;
        switch (plan[i].action) {
        case SKIP_EMPTY:
            out->skipped_empty++;
            break;
        case UNCHANGED:
            out->unchanged++;
            break;
        case REFUSE: {
            yk_import_refusal *r;
            out->refused = yk_xrealloc(out->refused, (out->nrefused + 1) * sizeof(*r));
            r = &out->refused[out->nrefused++];
            snprintf(r->id, sizeof(r->id), "%s", e->id);
            r->line = e->line;
            snprintf(r->reason, sizeof(r->reason),
                     "the source changed since this file was exported; export again");
            break;
        }
        case STALE:
        case DENIED: {
            yk_import_refusal *r;
            yk_buf why = YK_BUF_INIT;
            if (plan[i].action == STALE) {
                /* keep the refused text in history: nothing is lost */
                yk_buf_printf(&why, "exported at revision %d, now at %d", e->revision,
                              plan[i].revision);
                if ((rc = yk_store_history_add(p->store, plan[i].segment_id, out->lang,
                                               plan[i].revision, e->fuzzy ? "fuzzy" : "translated",
                                               e->target, yk_core_user(p), now, "import-conflict",
                                               why.buf)) < 0) {
                    yk_buf_release(&why);
                    goto done;
                }
                yk_buf_clear(&why);
                yk_buf_printf(&why,
                              "the translation changed since this file was exported (revision "
                              "%d, now %d); yours: \"",
                              e->revision, plan[i].revision);
                excerpt(&why, e->target, 120);
                yk_buf_puts(&why, "\", current: \"");
                excerpt(&why, plan[i].current ? plan[i].current : "", 120);
                yk_buf_printf(&why, "\"; both are in 'yaku log %s'; export again", e->id);
            } else {
                yk_buf_puts(&why, plan[i].why);
            }
            out->refused = yk_xrealloc(out->refused, (out->nrefused + 1) * sizeof(*r));
            r = &out->refused[out->nrefused++];
            snprintf(r->id, sizeof(r->id), "%s", e->id);
            r->line = e->line;
            snprintf(r->reason, sizeof(r->reason), "%s", why.buf);
            yk_buf_release(&why);
            break;
        }
        case APPLY:
            if ((rc = yk_store_translation_put(p->store, plan[i].segment_id, out->lang, e->target,
                                               e->fuzzy ? "fuzzy" : "translated", yk_core_user(p),
                                               now,
                                               "import")) < 0)
                goto done;
            out->updated++;
            break;
        }
    }
done:
    for (i = 0; plan && i < f.n; i++) {
        free(plan[i].current);
        free(plan[i].why);
    }
    free(plan);
    return rc;
}

/* A PO file is read and imported a piece at a time, so that importing the
 * PO of a whole language holds one piece, not the file (a 10 MB project's:
 * 40 MB, read whole, held 123 MB).  Pieces are cut before an entry: after a
 * blank line that follows a msgstr, where a line starting with '#' or "msg"
 * begins.  A file with no such place is read whole. */
#define IMPORT_PIECE_BYTES ((size_t)1 << 20)

/* Whether the line at b[at..len) starts with 'word'. */
static int starts_with(const char *b, size_t at, size_t len, const char *word)
{
    size_t n = strlen(word);
    return len - at >= n && memcmp(b + at, word, n) == 0;
}

/* The offset of the last place in b[0..len) where a piece may end, or 0:
 * a line starting an entry ('#', "msgctxt", "msgid") after a blank line
 * that follows an entry's msgstr (its keyword line, then any continued
 * strings).  A blank line elsewhere (gettext allows one between msgid and
 * msgstr) is no place to cut. */
static size_t last_cut(const char *b, size_t from, size_t len)
{
    size_t i;
    for (i = len; i-- > (from > 3 ? from : 3);) {
        size_t end_prev, start_prev;
        if (b[i - 1] != '\n' ||
            !(b[i] == '#' || starts_with(b, i, len, "msgctxt") || starts_with(b, i, len, "msgid")))
            continue;
        if (b[i - 2] == '\n')
            end_prev = i - 2;
        else if (b[i - 2] == '\r' && b[i - 3] == '\n')
            end_prev = i - 3;
        else
            continue;
        /* back over the strings before the blank line to their keyword */
        for (;;) {
            start_prev = end_prev;
            while (start_prev > 0 && b[start_prev - 1] != '\n')
                start_prev--;
            if (b[start_prev] != '"' || start_prev == 0)
                break;
            end_prev = start_prev - 1;
        }
        if (starts_with(b, start_prev, len, "msgstr"))
            return i;
    }
    return 0;
}

static int lines_in(const char *b, size_t len)
{
    const char *end = b + len;
    int n = 0;
    while ((b = memchr(b, '\n', (size_t)(end - b))) != NULL) {
        n++;
        b++;
    }
    return n;
}

/* 'more': whether the file goes on after what 'buf' holds. */
static int import_po(import_run *run, int fd, yk_buf *buf, size_t *total, int more)
{
    size_t want = IMPORT_PIECE_BYTES, searched = 0;
    int line = 1, rc = YK_OK, header_line = 0;

    while (rc == YK_OK) {
        import_file f;
        size_t cut;
        if (more && buf->len < want &&
            (more = yk_fs_read_some(buf, fd, want - buf->len, run->path, IMPORT_MAX_BYTES,
                                    total)) < 0)
            return more;
        /* what was searched before holds no place to cut: only the new
         * bytes (and the blank line they may finish) are searched */
        cut = more ? last_cut(buf->buf, searched, buf->len) : buf->len;
        if (more && cut == 0) {
            size_t tail = 0;
            while (tail < buf->len && buf->buf[buf->len - tail - 1] != '\n')
                tail++;
            /* one line longer than the parser takes: say so now, before
             * reading the rest of it */
            if (tail > YK_PO_MAX_LINE)
                return yk_error_set_at(YK_ETOOBIG, run->path,
                                       line + lines_in(buf->buf, buf->len - tail), 0,
                                       "line longer than %zu bytes", YK_PO_MAX_LINE);
            /* a cut may start in the last bytes, its keyword unfinished */
            searched = buf->len > 8 ? buf->len - 8 : 0;
            want += IMPORT_PIECE_BYTES; /* no place to cut yet: read on */
            continue;
        }
        if (cut == 0 && run->pieces > 0)
            break; /* nothing left after the last piece */
        memset(&f, 0, sizeof(f));
        rc = read_po(&f, buf->buf, cut, line, run->path);
        if (rc == YK_OK && run->pieces == 0 && !f.po->header_line && more) {
            /* The header names the language the first piece is checked
             * against, and gettext lets it stand anywhere: a file whose
             * first piece has none is read whole, as before pieces. */
            import_file_release(&f);
            while (more > 0)
                more = yk_fs_read_some(buf, fd, (size_t)1 << 20, run->path, IMPORT_MAX_BYTES,
                                       total);
            if (more < 0)
                return more;
            continue;
        }
        if (rc == YK_OK && f.po->header_line) {
            if (header_line)
                rc = yk_error_set_at(YK_EINVAL, run->path, f.po->header_line, 0,
                                     "duplicate header entry (msgid \"\"), first at line %d",
                                     header_line);
            header_line = f.po->header_line;
        }
        if (rc == YK_OK)
            rc = import_piece(run, &f);
        import_file_release(&f);
        if (rc < 0 || !more)
            break;
        line += lines_in(buf->buf, cut);
        memmove(buf->buf, buf->buf + cut, buf->len - cut);
        yk_buf_truncate(buf, buf->len - cut);
        want = IMPORT_PIECE_BYTES;
        searched = 0;
    }
    return rc;
}

/* The offset of the first byte of b[from..len) that is not white space
 * (nor, at the start, a UTF-8 BOM), or len. */
static size_t skip_blank(const char *b, size_t from, size_t len)
{
    size_t i = from == 0 && len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : from;
    while (i < len && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r'))
        i++;
    return i;
}

int yk_import(yk_import_result *out, yk_project *p, const char *path,
              const yk_import_options *opts)
{
    yk_buf buf = YK_BUF_INIT;
    import_run run;
    size_t total = 0, start;
    int fd = -1, rc, more;

    memset(out, 0, sizeof(*out));
    memset(&run, 0, sizeof(run));
    run.out = out;
    run.p = p;
    run.path = path;
    run.opts = opts;
    yk_core_now(run.now);
    if ((rc = yk_require_role(p, YK_ROLE_TRANSLATOR, "importing translations")) < 0)
        return rc;
    if ((rc = yk_fs_open_read(&fd, path, IMPORT_MAX_BYTES)) < 0 ||
        (more = rc = yk_fs_read_some(&buf, fd, 4096, path, IMPORT_MAX_BYTES, &total)) < 0)
        goto done;
    /* what the file starts with, past a BOM and blank lines (each byte
     * looked at once: a file of blank lines is not scanned again and again) */
    for (start = skip_blank(buf.buf, 0, buf.len); more > 0 && start == buf.len;
         start = skip_blank(buf.buf, start, buf.len))
        more = rc = yk_fs_read_some(&buf, fd, 65536, path, IMPORT_MAX_BYTES, &total);
    if (rc < 0)
        goto done;
    /* PO never starts with '<': anything that does is read as XLIFF, whole */
    if (yk_xliff_sniff(buf.buf, buf.len)) {
        import_file f;
        struct stat st;
        if (fstat(fd, &st) == 0 && (size_t)st.st_size > YK_XLIFF_MAX_BYTES) {
            rc = yk_error_set_at(YK_ETOOBIG, path, 0, 0, "XLIFF file larger than %zu bytes",
                                 YK_XLIFF_MAX_BYTES);
            goto done;
        }
        while (more > 0)
            more = yk_fs_read_some(&buf, fd, (size_t)1 << 20, path, IMPORT_MAX_BYTES, &total);
        if ((rc = more) < 0)
            goto done;
        memset(&f, 0, sizeof(f));
        rc = read_xliff(&f, &buf, path);
        /* the parsed file holds its own copies of the strings */
        yk_buf_release(&buf);
        if (rc == YK_OK)
            rc = import_piece(&run, &f);
        import_file_release(&f);
    } else {
        rc = import_po(&run, fd, &buf, &total, more);
    }
done:
    /* over the ceiling: found by its size when opened (fd is then -1) or
     * while it was read (it grew); the parser's own ETOOBIG keep theirs */
    if (rc == YK_ETOOBIG && (fd < 0 || total > IMPORT_MAX_BYTES))
        yk_error_set(rc, "'%s' is larger than %zu MiB, the most one import reads; export and "
                         "import it a chapter at a time (yaku export --chapter C)",
                     path, IMPORT_MAX_BYTES >> 20);
    if (fd >= 0)
        close(fd);
    free(run.seen.line);
    yk_buf_release(&buf);
    return rc;
}
