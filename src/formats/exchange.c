/*
 * Exchange with CAT tools: `yaku export` writes a language's segments as PO
 * (msgctxt = the stable segment id, fuzzy entries with "#| msgid" of the
 * previous source), XLIFF 1.2 or 2.0 (formats/xliff.c: unit = segment id,
 * markup as placeholders) or, for TMX, the language's translation memory;
 * `yaku import` reads PO or XLIFF (told apart by their content), validates
 * the whole file before writing anything, then applies it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Strings of the collected entries live in one buffer; entries hold
 * offsets until the buffer stops growing. */
typedef struct export_walk {
    yk_buf strings;
    struct {
        size_t ctxt, id, str, prev, comment, ref;
        size_t state, path, context, notes; /* for XLIFF */
        int has_prev, fuzzy, has_notes, line, revision;
    } *v;
    size_t n, cap;
    yk_project *p;    /* for review notes */
    const char *lang;
    yk_glossary *gloss; /* loaded once per export */
} export_walk;

static size_t keep(yk_buf *b, const char *s)
{
    size_t off = b->len;
    yk_buf_puts(b, s);
    yk_buf_putc(b, '\0');
    return off;
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

static int collect(const yk_segment_info *s, void *payload)
{
    export_walk *w = payload;
    char tmp[1400];
    w->v = yk_xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
    snprintf(tmp, sizeof(tmp), "%s:%d", s->chapter, s->n);
    w->v[w->n].ctxt = keep(&w->strings, tmp);
    w->v[w->n].id = keep(&w->strings, s->source);
    w->v[w->n].fuzzy = strcmp(s->state, "fuzzy") == 0;
    w->v[w->n].str = keep(&w->strings, strcmp(s->state, "new") == 0 ? "" : s->target);
    w->v[w->n].has_prev = w->v[w->n].fuzzy && s->prev_source != NULL;
    w->v[w->n].prev = keep(&w->strings, s->prev_source ? s->prev_source : "");
    w->v[w->n].state = keep(&w->strings, s->state);
    w->v[w->n].path = keep(&w->strings, s->path);
    w->v[w->n].line = s->line;
    w->v[w->n].revision = s->revision;
    snprintf(tmp, sizeof(tmp), "%s, %s", s->chapter, s->kind);
    w->v[w->n].context = keep(&w->strings, tmp);
    {
        /* the revision this text was exported at: import refuses an entry whose
         * segment changed since (an extracted comment survives msgcat/Poedit) */
        yk_buf c = YK_BUF_INIT;
        char *note = NULL;
        size_t rest;
        yk_buf_printf(&c, "%s\nyaku-rev: %d", tmp, s->revision);
        rest = c.len;
        if (strcmp(s->state, "fuzzy") == 0 && w->p &&
            yk_review_note(&note, w->p, w->v[w->n].ctxt + w->strings.buf, w->lang) == YK_OK &&
            note)
            yk_buf_printf(&c, "\nreview: rejected: %s", note);
        yk_error_clear();
        free(note);
        note = NULL;
        /* a fill by 'yaku pretranslate': its score and origin (history note) */
        if (strcmp(s->state, "fuzzy") == 0 && w->p &&
            yk_store_tm_note_get(&note, w->p->store, s->chapter, s->n, w->lang) == YK_OK && note)
            yk_buf_printf(&c, "\n%s", note);
        free(note);
        glossary_line(&c, w->gloss, s->source);
        w->v[w->n].comment = keep(&w->strings, c.buf);
        /* XLIFF has a note per purpose: the review note and glossary hits
         * are the translator's comment */
        w->v[w->n].has_notes = c.len > rest;
        w->v[w->n].notes = keep(&w->strings, c.len > rest ? c.buf + rest + 1 : "");
        yk_buf_release(&c);
    }
    snprintf(tmp, sizeof(tmp), "%s:%d", s->path, s->line);
    w->v[w->n].ref = keep(&w->strings, tmp);
    w->n++;
    return 0;
}

static int export_po(yk_buf *po, export_walk *w, yk_project *p, const char *norm)
{
    yk_po_header h = YK_PO_HEADER_INIT;
    yk_po_entry *entries = yk_xcalloc(w->n + 1, sizeof(*entries));
    char now[32], date[32], *title = NULL;
    size_t i;
    int rc;

    for (i = 0; i < w->n; i++) {
        const char *b = w->strings.buf;
        entries[i].ctxt = b + w->v[i].ctxt;
        entries[i].id = b + w->v[i].id;
        entries[i].str = b + w->v[i].str;
        entries[i].prev_id = w->v[i].has_prev ? b + w->v[i].prev : NULL;
        entries[i].extracted_comments = b + w->v[i].comment;
        entries[i].references = b + w->v[i].ref;
        entries[i].fuzzy = w->v[i].fuzzy;
        /* a translator's text that msgfmt -c would reject goes out fuzzy */
        if (yk_po_entry_check(&entries[i]) < 0) {
            yk_error_clear();
            entries[i].fuzzy = 1;
        }
    }
    if ((rc = yk_store_meta_get(&title, p->store, "title")) < 0)
        goto done;
    yk_core_now(now);
    /* PO dates look like "2026-11-24 13:32+0000" */
    snprintf(date, sizeof(date), "%.10s %.5s+0000", now, now + 11);
    h.project_id = title ? title : "yaku project";
    h.pot_creation_date = date;
    h.revision_date = date;
    h.language = norm;
    h.language_team = norm;
    {
        char extra[128];
        snprintf(extra, sizeof(extra), "X-Yaku-Source-Language: %s", yk_project_source_lang(p));
        h.extra = extra;
        rc = yk_po_write(po, &h, entries, w->n);
    }
done:
    free(title);
    free(entries);
    return rc;
}

static int export_xliff(yk_buf *out, export_walk *w, yk_project *p, const char *norm,
                        int version)
{
    yk_xliff_unit *units = yk_xcalloc(w->n + 1, sizeof(*units));
    size_t i;
    int rc;

    for (i = 0; i < w->n; i++) {
        const char *b = w->strings.buf;
        units[i].id = b + w->v[i].ctxt;
        units[i].source = b + w->v[i].id;
        units[i].target = b + w->v[i].str;
        units[i].state = b + w->v[i].state;
        units[i].prev_source = w->v[i].has_prev ? b + w->v[i].prev : NULL;
        units[i].revision = w->v[i].revision;
        units[i].original = b + w->v[i].path;
        units[i].original_line = w->v[i].line;
        units[i].context = b + w->v[i].context;
        units[i].comment = w->v[i].has_notes ? b + w->v[i].notes : NULL;
    }
    rc = yk_xliff_write(out, version, yk_project_source_lang(p), norm, units, w->n);
    free(units);
    return rc;
}

/* The language's translation memory as TMX (what `yaku tm export --lang`
 * writes), optionally one chapter's units. */
static int export_tmx(yk_bytes *out, yk_project *p, const char *norm, const char *chapter)
{
    yk_tm_export_options o = YK_TM_EXPORT_OPTIONS_INIT;
    yk_buf b = YK_BUF_INIT;
    size_t count;
    int rc;

    if (chapter) {
        int64_t id;
        if ((rc = yk_store_chapter_find(&id, p->store, chapter)) < 0)
            return rc;
    }
    o.lang = norm;
    o.chapter = chapter;
    if ((rc = yk_format_tmx_write(&b, &count, p, &o)) < 0) {
        yk_buf_release(&b);
        return rc;
    }
    out->data = yk_buf_detach(&b, &out->len);
    return YK_OK;
}

int yk_export(yk_bytes *out, yk_project *p, const char *lang, const yk_export_options *opts)
{
    export_walk w;
    yk_segment_filter f = YK_SEGMENT_FILTER_INIT;
    yk_buf text = YK_BUF_INIT;
    char norm[36];
    int rc;

    memset(&w, 0, sizeof(w));
    out->data = NULL;
    out->len = 0;
    if (opts->format != YK_FORMAT_PO && opts->format != YK_FORMAT_XLIFF &&
        opts->format != YK_FORMAT_XLIFF2 && opts->format != YK_FORMAT_TMX)
        return yk_error_set(YK_EINVAL,
                            "cannot export to '%s' (formats: po, xliff, xliff2, tmx)",
                            yk_format_name(opts->format));
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    yk_lang_normalize(norm, lang);
    if (opts->format == YK_FORMAT_TMX)
        return export_tmx(out, p, norm, opts->chapter);
    f.chapter = opts->chapter;
    f.lang = norm;
    w.p = p;
    w.lang = norm;
    if ((rc = yk_glossary_load(&w.gloss, p, norm)) < 0)
        goto done;
    if ((rc = yk_segments_foreach(p, &f, collect, &w)) < 0)
        goto done;
    if (opts->format == YK_FORMAT_PO)
        rc = export_po(&text, &w, p, norm);
    else
        rc = export_xliff(&text, &w, p, norm,
                          opts->format == YK_FORMAT_XLIFF ? YK_XLIFF_1_2 : YK_XLIFF_2_0);
    if (rc < 0)
        goto done;
    out->data = yk_buf_detach(&text, &out->len);
done:
    yk_glossary_free(w.gloss);
    free(w.v);
    yk_buf_release(&w.strings);
    yk_buf_release(&text);
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

static int read_po(import_file *f, const yk_buf *src, const char *path)
{
    yk_po_parse_options o = YK_PO_PARSE_OPTIONS_INIT;
    size_t i;
    int rc;

    if ((rc = yk_po_parse(&f->po, src->buf, src->len, path, &o)) < 0)
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

int yk_import(yk_import_result *out, yk_project *p, const char *path,
              const yk_import_options *opts)
{
    yk_buf src = YK_BUF_INIT;
    import_file f;
    planned *plan = NULL;
    char now[32];
    size_t i;
    int rc;

    memset(out, 0, sizeof(*out));
    memset(&f, 0, sizeof(f));
    if ((rc = yk_require_role(p, YK_ROLE_TRANSLATOR, "importing translations")) < 0)
        return rc;
    if ((rc = yk_fs_read(&src, path,
                         YK_PO_MAX_BYTES > YK_XLIFF_MAX_BYTES ? YK_PO_MAX_BYTES
                                                              : YK_XLIFF_MAX_BYTES)) < 0)
        goto done;
    /* PO never starts with '<': anything that does is read as XLIFF */
    if (yk_xliff_sniff(src.buf, src.len))
        rc = read_xliff(&f, &src, path);
    else
        rc = read_po(&f, &src, path);
    if (rc < 0 || (rc = check_languages(out, p, &f, path, opts)) < 0)
        goto done;

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
        if (plan[i].action == APPLY && (rc = check_apply(&plan[i], p, out->lang)) < 0)
            goto done;
    }

    /* pass 2: apply */
    yk_core_now(now);
    out->entries = f.n;
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
    import_file_release(&f);
    yk_buf_release(&src);
    return rc;
}
