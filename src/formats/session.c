/*
 * The terminal translation session of `yaku translate`: a plain-text file
 * that reads well in any editor, and the submission of what changed in it.
 *
 *     ==> ch03-governance:7  fuzzy  [r2]
 *     # source: 维护者每年选举一次。
 *     # review: rejected: use 用語集 terms (bob@example.org, 2026-03-01)
 *     # glossary: 维护者 → メンテナー
 *     # tm 86%: 维护者每两年选举一次。 → メンテナーは2年ごとに選ばれます。
 *     メンテナーは毎年選挙で選ばれます。
 *
 * The "[rN]" is the revision the block was written at (optimistic
 * submission, as for import); it is read from the original file only, so an
 * edited "==>" line cannot change it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "glossary/glossary.h"
#include "store/workflow.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define MARK "==>"

/* ---- writing ---- */

typedef struct held_set {
    char **ids; /* "chapter:n", sorted */
    size_t n, cap;
} held_set;

static int add_held(const char *chapter, int n, void *payload)
{
    held_set *h = payload;
    yk_buf b = YK_BUF_INIT;
    yk_buf_printf(&b, "%s:%d", chapter, n);
    h->ids = yk_xgrow(h->ids, &h->cap, h->n + 1, sizeof(*h->ids));
    h->ids[h->n++] = yk_buf_detach(&b, NULL);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int held_has(const held_set *h, const char *id)
{
    return h->n && bsearch(&id, h->ids, h->n, sizeof(*h->ids), cmp_str) != NULL;
}

static void held_release(held_set *h)
{
    size_t i;
    for (i = 0; i < h->n; i++)
        free(h->ids[i]);
    free(h->ids);
}

typedef struct write_walk {
    yk_project *p;
    const char *lang;
    const yk_session_options *o;
    int anywhere;        /* editor with a chapter: no claim needed */
    held_set held;
    yk_glossary *g;
    yk_buf out;
    size_t blocks;
    size_t in_scope, held_in_scope; /* segments of the chapter, and of them the user's */
    char first_in_scope[300];
} write_walk;

/* "# label" + text, continuation lines indented under the text */
static void comment(yk_buf *b, const char *label, const char *text)
{
    size_t indent = strlen(label) + 2, i;
    yk_buf_printf(b, "# %s", label);
    for (; *text; text++) {
        if (*text == '\n') {
            yk_buf_puts(b, "\n#");
            for (i = 1; i < indent; i++)
                yk_buf_putc(b, ' ');
        } else if (*text != '\r') {
            yk_buf_putc(b, *text);
        }
    }
    yk_buf_putc(b, '\n');
}

static void glossary_comment(write_walk *w, const char *source)
{
    yk_term_hit *hits = NULL;
    yk_buf line = YK_BUF_INIT;
    size_t n = 0, i, j, shown = 0;
    if (!w->g || yk_glossary_match(&hits, &n, w->g, source, strlen(source)) < 0) {
        yk_error_clear();
        return;
    }
    for (i = 0; i < n; i++) {
        int dup = 0;
        for (j = 0; j < i; j++)
            if (strcmp(hits[j].source_term, hits[i].source_term) == 0)
                dup = 1;
        if (dup)
            continue;
        yk_buf_printf(&line, "%s%s → %s", shown ? "; " : "", hits[i].source_term,
                      hits[i].target ? hits[i].target : "(no approved term)");
        for (j = 0; j < hits[i].nforbidden; j++)
            yk_buf_printf(&line, "%s%s", j ? ", " : " (not: ", hits[i].forbidden[j]);
        if (hits[i].nforbidden)
            yk_buf_putc(&line, ')');
        shown++;
    }
    if (shown)
        comment(&w->out, "glossary: ", line.buf);
    yk_buf_release(&line);
    free(hits);
}

/* the best translation-memory matches, other than the segment's own unit */
static void tm_comment(write_walk *w, const char *source, const char *chapter)
{
    yk_tm_search_options so = YK_TM_SEARCH_OPTIONS_INIT;
    yk_tm_matches *m = NULL;
    size_t i, shown = 0;
    if (w->o->tm_matches == 0)
        return;
    so.max = w->o->tm_matches + 1;
    so.chapter = chapter;
    if (yk_tm_search(&m, w->p, w->lang, source, strlen(source), &so) < 0) {
        yk_error_clear();
        return;
    }
    for (i = 0; m && i < m->n && shown < w->o->tm_matches; i++) {
        yk_buf line = YK_BUF_INIT, label = YK_BUF_INIT;
        if (m->v[i].score == 100 && m->v[i].chapter && strcmp(m->v[i].chapter, chapter) == 0 &&
            strcmp(m->v[i].source, source) == 0)
            continue; /* most likely this segment's own translation */
        yk_buf_printf(&label, "tm %d%%: ", m->v[i].score);
        yk_buf_printf(&line, "%s → %s", m->v[i].source, m->v[i].target);
        comment(&w->out, label.buf, line.buf);
        yk_buf_release(&line);
        yk_buf_release(&label);
        shown++;
    }
    if (m)
        yk_tm_matches_free(m);
}

static void write_target(yk_buf *b, const char *t)
{
    while (*t) {
        size_t n = strcspn(t, "\n");
        if (*t == '#' || *t == '\\' || strncmp(t, MARK, 3) == 0)
            yk_buf_putc(b, '\\');
        yk_buf_put(b, t, n);
        yk_buf_putc(b, '\n');
        t += n + (t[n] == '\n');
    }
}

static int write_block(const yk_segment_info *s, void *payload)
{
    write_walk *w = payload;
    char id[300];
    int fuzzy = strcmp(s->state, "fuzzy") == 0, held;
    snprintf(id, sizeof(id), "%s:%d", s->chapter, s->n);
    if (w->in_scope++ == 0)
        snprintf(w->first_in_scope, sizeof(w->first_in_scope), "%s", id);
    held = w->anywhere || held_has(&w->held, id);
    w->held_in_scope += held;
    if (!held || (!w->o->all && strcmp(s->state, "new") != 0 && !fuzzy))
        return 0;
    /* the state after the id: "fuzzy" (delete it to accept), or "translated"/"reviewed" with --all */
    yk_buf_printf(&w->out, "\n%s %s%s%s  [r%d]\n", MARK, id,
                  strcmp(s->state, "new") == 0 ? "" : "  ",
                  strcmp(s->state, "new") == 0 ? "" : s->state, s->revision);
    comment(&w->out, "source: ", s->source);
    if (fuzzy && s->prev_source)
        comment(&w->out, "previous source: ", s->prev_source);
    if (fuzzy) {
        char *note = NULL;
        if (yk_review_note(&note, w->p, id, w->lang) == YK_OK && note)
            comment(&w->out, "review: rejected: ", note);
        yk_error_clear();
        free(note);
    }
    glossary_comment(w, s->source);
    tm_comment(w, s->source, s->chapter);
    if (strcmp(s->state, "new") != 0)
        write_target(&w->out, s->target);
    w->blocks++;
    return 0;
}

int yk_session_write(yk_bytes *out, size_t *nblocks, yk_project *p, const char *lang,
                     const yk_session_options *opts)
{
    yk_session_options defaults = YK_SESSION_OPTIONS_INIT;
    yk_segment_filter f = YK_SEGMENT_FILTER_INIT;
    write_walk w;
    yk_role role;
    char norm[36], now[32];
    int rc;

    out->data = NULL;
    out->len = 0;
    *nblocks = 0;
    memset(&w, 0, sizeof(w));
    w.out = (yk_buf)YK_BUF_INIT;
    if (!opts)
        opts = &defaults;
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    yk_lang_normalize(norm, lang);
    if ((rc = yk_require_role(p, YK_ROLE_TRANSLATOR, "translating")) < 0 ||
        (rc = yk_member_role(&role, p, NULL)) < 0)
        return rc;
    w.p = p;
    w.lang = norm;
    w.o = opts;
    w.anywhere = role >= YK_ROLE_EDITOR && opts->chapter;
    yk_core_now(now);
    if (!w.anywhere) {
        if ((rc = yk_store_held_segments(p->store, yk_core_user(p), norm, now, add_held, &w.held)) < 0)
            goto done;
        if (w.held.n)
            qsort(w.held.ids, w.held.n, sizeof(*w.held.ids), cmp_str);
        if (w.held.n == 0 && !opts->chapter) {
            rc = role >= YK_ROLE_EDITOR
                     ? yk_error_set(YK_EINVAL,
                                    "you hold no claim in %s; name a CHAPTER (editors may "
                                    "translate anywhere) or claim one: yaku claim CHAPTER --lang %s",
                                    norm, norm)
                     : yk_error_set(YK_EPERM,
                                    "you hold no claim in %s; claim a chapter first: yaku claim "
                                    "CHAPTER --lang %s (or yaku claim --next N --lang %s)",
                                    norm, norm, norm);
            goto done;
        }
    }
    if (yk_glossary_load(&w.g, p, norm) < 0) {
        w.g = NULL; /* no glossary hits, the session still works */
        yk_error_clear();
    }
    yk_buf_printf(&w.out,
                  "# yaku translate: %s, for %s\n"
                  "# Write each translation under its \"==>\" line and the '#' comments, then\n"
                  "# save and quit: changed blocks are submitted, the others are kept as they\n"
                  "# are.  Quit without saving to change nothing.  Leave the \"==>\" lines alone;\n"
                  "# to accept a fuzzy translation as it is, delete the word \"fuzzy\" from its\n"
                  "# \"==>\" line.  A translation line that starts with '#' is written \"\\#\".\n",
                  norm, yk_core_user(p));
    f.chapter = opts->chapter;
    f.lang = norm;
    if ((rc = yk_segments_foreach(p, &f, write_block, &w)) < 0)
        goto done;
    if (opts->chapter && w.in_scope && !w.held_in_scope) {
        /* a translator naming a chapter they hold nothing of: say who does */
        rc = yk_authorize_translate(p, w.first_in_scope, norm);
        if (rc == YK_OK)
            rc = yk_error_set(YK_EPERM, "you hold no segment of '%s' (%s)", opts->chapter, norm);
        goto done;
    }
    *nblocks = w.blocks;
    out->data = yk_buf_detach(&w.out, &out->len);
done:
    held_release(&w.held);
    yk_glossary_free(w.g);
    yk_buf_release(&w.out);
    return rc;
}

/* ---- reading ---- */

typedef struct block {
    char id[300];
    int line;
    int fuzzy;         /* "fuzzy" on its "==>" line */
    int rev;           /* "[rN]", -1 when absent */
    yk_buf target;
    int seen_text, seen_source, headless; /* parser state */
    size_t blanks;
} block;

typedef struct parsed {
    block *v;
    size_t n, cap;
    struct {
        int line;
    } *orphans;        /* text outside any block */
    size_t norphans, orphans_cap;
} parsed;

static void add_orphan(parsed *ps, int line)
{
    ps->orphans = yk_xgrow(ps->orphans, &ps->orphans_cap, ps->norphans + 1, sizeof(*ps->orphans));
    ps->orphans[ps->norphans++].line = line;
}

static void parse_header(block *b, const char *l, size_t len)
{
    size_t i = 3, start;
    char rest[512];
    while (i < len && (l[i] == ' ' || l[i] == '\t'))
        i++;
    start = i;
    while (i < len && l[i] != ' ' && l[i] != '\t')
        i++;
    snprintf(b->id, sizeof(b->id), "%.*s", (int)(i - start), l + start);
    snprintf(rest, sizeof(rest), "%.*s", (int)(len - i), l + i);
    b->fuzzy = strstr(rest, "fuzzy") != NULL;
    b->rev = -1;
    {
        const char *r = strstr(rest, "[r");
        if (r) {
            char *end;
            long v = strtol(r + 2, &end, 10);
            if (end != r + 2 && *end == ']' && v >= 0 && v < 2000000000)
                b->rev = (int)v;
        }
    }
}

/* A line of only spaces and tabs ('l' is not NUL-terminated: no strspn). */
static int blank_line(const char *l, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (l[i] != ' ' && l[i] != '\t')
            return 0;
    return 1;
}

static void parse(parsed *ps, const char *text, size_t len)
{
    size_t off = 0;
    int lineno = 0, preamble_text = 0;
    block *cur = NULL;
    memset(ps, 0, sizeof(*ps));
    while (off < len) {
        size_t n = 0;
        const char *l = text + off;
        while (off + n < len && l[n] != '\n')
            n++;
        off += n + (off + n < len);
        lineno++;
        if (n && l[n - 1] == '\r')
            n--;
        if (n >= 3 && strncmp(l, MARK, 3) == 0) {
            ps->v = yk_xgrow(ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v));
            cur = &ps->v[ps->n++];
            memset(cur, 0, sizeof(*cur));
            cur->target = (yk_buf)YK_BUF_INIT;
            cur->line = lineno;
            parse_header(cur, l, n);
            continue;
        }
        if (n && l[0] == '#') {
            /* a comment after the text, or a second source: the next block
             * lost its "==>" line, and what follows is nobody's */
            if (cur && (cur->seen_text || (n >= 9 && strncmp(l, "# source:", 9) == 0 &&
                                           cur->seen_source)))
                cur->headless = 1;
            if (cur && n >= 9 && strncmp(l, "# source:", 9) == 0)
                cur->seen_source = 1;
            continue;
        }
        if (blank_line(l, n)) {
            if (cur && cur->seen_text && !cur->headless)
                cur->blanks++;
            continue;
        }
        if (!cur || cur->headless) {
            /* report each stretch of such text once */
            if (cur ? cur->headless != 2 : !preamble_text)
                add_orphan(ps, lineno);
            if (cur)
                cur->headless = 2;
            else
                preamble_text = 1;
            continue;
        }
        while (cur->blanks) {
            yk_buf_putc(&cur->target, '\n');
            cur->blanks--;
        }
        if (cur->seen_text)
            yk_buf_putc(&cur->target, '\n');
        if (l[0] == '\\')
            yk_buf_put(&cur->target, l + 1, n - 1);
        else
            yk_buf_put(&cur->target, l, n);
        cur->seen_text = 1;
    }
}

static void parsed_release(parsed *ps)
{
    size_t i;
    for (i = 0; i < ps->n; i++)
        yk_buf_release(&ps->v[i].target);
    free(ps->v);
    free(ps->orphans);
}

static block *find_block(parsed *ps, const char *id)
{
    size_t i;
    for (i = 0; i < ps->n; i++)
        if (strcmp(ps->v[i].id, id) == 0)
            return &ps->v[i];
    return NULL;
}

static void refuse(yk_session_result *out, const char *id, int line, const char *fmt, ...)
    YK_PRINTF(4, 5);
static void refuse(yk_session_result *out, const char *id, int line, const char *fmt, ...)
{
    yk_import_refusal *r;
    va_list ap;
    out->refused = yk_xrealloc(out->refused, (out->nrefused + 1) * sizeof(*r));
    r = &out->refused[out->nrefused++];
    snprintf(r->id, sizeof(r->id), "%s", id);
    r->line = line;
    va_start(ap, fmt);
    vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
    va_end(ap);
}

static const char *bad_text(const char *t, size_t len)
{
    size_t i;
    if (yk_utf8_invalid_at(t, len) != len)
        return "it is not valid UTF-8";
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)t[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return "it holds a control character";
    }
    return NULL;
}

typedef struct cur_state {
    int64_t id;
    int revision;
    char *target;
} cur_state;

static int keep_state(const yk_store_segment_state *s, void *payload)
{
    cur_state *c = payload;
    c->id = s->id;
    c->revision = s->revision;
    c->target = yk_xstrdup(s->target);
    return 0;
}

/* Submit one changed block.  Returns YK_OK (stored or refused) or an error
 * that aborts the whole submission. */
static int submit_block(yk_session_result *out, yk_project *p, const char *lang, const block *o,
                        const block *e, const char *now)
{
    const char *why = bad_text(e->target.buf, e->target.len);
    char chapter[256];
    cur_state c = {0, 0, NULL};
    int n, rc;

    if (why) {
        refuse(out, e->id, e->line, "not submitted: %s", why);
        return YK_OK;
    }
    rc = yk_authorize_translate(p, e->id, lang);
    if (rc == YK_EPERM || rc == YK_ECONFLICT || rc == YK_ENOTFOUND) {
        refuse(out, e->id, e->line, "%s", yk_error_last()->message);
        yk_error_clear();
        return YK_OK;
    }
    if (rc < 0)
        return rc;
    if ((rc = yk_segment_id_parse(chapter, &n, e->id)) < 0 ||
        (rc = yk_store_segment_lookup(p->store, chapter, n, lang, keep_state, &c)) < 0)
        return rc;
    if (o->rev >= 0 && c.revision != o->rev) {
        yk_buf note = YK_BUF_INIT;
        yk_buf_printf(&note, "written at revision %d, now at %d", o->rev, c.revision);
        rc = yk_store_history_add(p->store, c.id, lang, c.revision, "translated", e->target.buf,
                                  yk_core_user(p), now, "translate-conflict", note.buf);
        yk_buf_release(&note);
        if (rc == YK_OK)
            refuse(out, e->id, e->line,
                   "changed by someone else while you were editing (revision %d, now %d); "
                   "current: \"%.150s\"; yours is kept in 'yaku log %s'",
                   o->rev, c.revision, c.target, e->id);
        free(c.target);
        return rc;
    }
    free(c.target);
    if ((rc = yk_store_translation_put(p->store, c.id, lang, e->target.buf, "translated", yk_core_user(p),
                                       now, "translate")) < 0)
        return rc;
    out->submitted++;
    return YK_OK;
}

int yk_session_submit(yk_session_result *out, yk_project *p, const char *lang,
                      const char *original, size_t original_len, const char *edited,
                      size_t edited_len)
{
    parsed o, e;
    char norm[36], now[32];
    size_t i, j;
    int rc = YK_OK;

    memset(out, 0, sizeof(*out));
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    yk_lang_normalize(norm, lang);
    if ((rc = yk_require_role(p, YK_ROLE_TRANSLATOR, "translating")) < 0)
        return rc;
    yk_core_now(now);
    parse(&o, original, original_len);
    parse(&e, edited, edited_len);
    out->blocks = o.n;
    for (i = 0; i < e.n && rc == YK_OK; i++) {
        block *eb = &e.v[i], *ob = find_block(&o, eb->id);
        int dup = 0;
        for (j = 0; j < e.n; j++)
            if (j != i && strcmp(e.v[j].id, eb->id) == 0)
                dup = 1;
        if (!ob) {
            refuse(out, eb->id, eb->line, "'%s' is not a segment of this session; not submitted",
                   eb->id);
            continue;
        }
        if (dup) {
            refuse(out, eb->id, eb->line, "'%s' appears twice; neither was submitted", eb->id);
            continue;
        }
        if (strcmp(eb->target.buf, ob->target.buf) == 0 && !(ob->fuzzy && !eb->fuzzy)) {
            out->unchanged++;
            continue;
        }
        if (eb->target.len == 0) {
            if (ob->target.len)
                refuse(out, eb->id, eb->line,
                       "the translation was emptied; kept the current one (to withdraw a "
                       "translation, ask an editor)");
            else
                out->unchanged++;
            continue;
        }
        rc = submit_block(out, p, norm, ob, eb, now);
    }
    for (i = 0; i < o.n && rc == YK_OK; i++)
        if (!find_block(&e, o.v[i].id))
            refuse(out, o.v[i].id, 0,
                   "its \"==>\" line is missing (deleted?); nothing submitted for it");
    for (i = 0; i < e.norphans && rc == YK_OK; i++)
        refuse(out, "", e.orphans[i].line,
               "text outside any block (a \"==>\" line deleted?); not submitted");
    parsed_release(&o);
    parsed_release(&e);
    return rc;
}

void yk_session_result_release(yk_session_result *r)
{
    if (r) {
        free(r->refused);
        r->refused = NULL;
        r->nrefused = 0;
    }
}
