/*
 * Glossary data: concept sets in memory (what readers fill and writers
 * print), their validation, and storing, reading, listing and adding
 * concepts.  Matching terms in text is match.c; file formats are in
 * src/formats/ (tbx.c, tsv.c).
 */
#include "glossary/glossary.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/glossary.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define MAX_TERM_BYTES 512
#define MAX_ID_BYTES 200

/** Sets */

void yk_glossary_set_release(yk_glossary_set *set)
{
    size_t i;
    if (!set)
        return;
    for (i = 0; i < set->n; i++)
        free((void *)set->v[i].terms);
    for (i = 0; i < set->nstrings; i++)
        free(set->strings[i]);
    free(set->v);
    free(set->lines);
    free(set->strings);
    memset(set, 0, sizeof(*set));
}

const char *yk_glossary_set_strdup(yk_glossary_set *set, const char *s, size_t len)
{
    char *copy;
    if (!s)
        return NULL;
    copy = yk_xstrndup(s, len);
    set->strings = yk_xgrow(set->strings, &set->strings_cap, set->nstrings + 1,
                            sizeof(*set->strings));
    set->strings[set->nstrings++] = copy;
    return copy;
}

static const char *keep(yk_glossary_set *set, const char *s)
{
    return s ? yk_glossary_set_strdup(set, s, strlen(s)) : NULL;
}

size_t yk_glossary_set_concept(yk_glossary_set *set, const char *id, const char *note, int line)
{
    size_t cap = set->cap;
    set->v = yk_xgrow(set->v, &set->cap, set->n + 1, sizeof(*set->v));
    if (set->cap != cap)
        set->lines = yk_xrealloc(set->lines, set->cap * sizeof(*set->lines));
    memset(&set->v[set->n], 0, sizeof(set->v[set->n]));
    set->v[set->n].id = keep(set, id);
    set->v[set->n].note = keep(set, note);
    set->lines[set->n] = line;
    return set->n++;
}

void yk_glossary_set_term(yk_glossary_set *set, size_t i, const yk_glossary_term *t)
{
    yk_glossary_concept *c = &set->v[i];
    yk_glossary_term *terms = (yk_glossary_term *)c->terms;
    terms = yk_xrealloc(terms, (c->nterms + 1) * sizeof(*terms));
    terms[c->nterms].lang = keep(set, t->lang);
    terms[c->nterms].text = keep(set, t->text);
    terms[c->nterms].forbidden = t->forbidden != 0;
    terms[c->nterms].case_sensitive = t->case_sensitive;
    terms[c->nterms].pos = keep(set, t->pos);
    terms[c->nterms].note = keep(set, t->note);
    c->terms = terms;
    c->nterms++;
}

int yk_glossary_auto_case(const char *term)
{
    size_t upper = 0;
    const char *s;
    for (s = term; *s; s++) {
        if (*s >= 'a' && *s <= 'z')
            return 0;
        if (*s >= 'A' && *s <= 'Z')
            upper++;
    }
    return upper >= 2;
}

/** Languages */

static size_t primary_len(const char *tag)
{
    return strcspn(tag, "-");
}

/* zh-CN → "Hans", zh-TW → "Hant", zh-Hans-CN → "Hans"; NULL when unknown. */
static const char *zh_script(const char *tag)
{
    static const char *const hans[] = {"zh", "zh-CN", "zh-SG", "zh-Hans", NULL};
    static const char *const hant[] = {"zh-TW", "zh-HK", "zh-MO", "zh-Hant", NULL};
    size_t i;
    if (strncmp(tag, "zh-Hans", 7) == 0)
        return "Hans";
    if (strncmp(tag, "zh-Hant", 7) == 0)
        return "Hant";
    for (i = 0; hans[i]; i++)
        if (strcmp(tag, hans[i]) == 0)
            return "Hans";
    for (i = 0; hant[i]; i++)
        if (strcmp(tag, hant[i]) == 0)
            return "Hant";
    return NULL;
}

int yk_glossary_lang_match(const char *a, const char *b)
{
    size_t pa = primary_len(a), pb = primary_len(b);
    if (strcmp(a, b) == 0)
        return 1;
    if (pa != pb || strncmp(a, b, pa) != 0)
        return 0;
    if (pa == 2 && strncmp(a, "zh", 2) == 0) {
        const char *sa = zh_script(a), *sb = zh_script(b);
        return sa && sb && strcmp(sa, sb) == 0;
    }
    /* "en" serves "en-US" and the other way round, "en-GB" does not serve "en-US" */
    return a[pa] == '\0' || b[pb] == '\0';
}

/** Validation */

static int is_space_at(const char *s, size_t len, size_t *n)
{
    if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r')) {
        *n = 1;
        return 1;
    }
    if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) { /* U+3000 */
        *n = 3;
        return 1;
    }
    if (len >= 2 && memcmp(s, "\xC2\xA0", 2) == 0) {
        *n = 2;
        return 1;
    }
    return 0;
}

/* Trim s; NULL when nothing is left. */
static const char *trimmed(yk_glossary_set *set, const char *s)
{
    size_t len, k;
    if (!s)
        return NULL;
    len = strlen(s);
    while (len && is_space_at(s, len, &k)) {
        s += k;
        len -= k;
    }
    for (;;) {
        if (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                    s[len - 1] == '\r'))
            len--;
        else if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
            len -= 3;
        else if (len >= 2 && memcmp(s + len - 2, "\xC2\xA0", 2) == 0)
            len -= 2;
        else
            break;
    }
    return len ? yk_glossary_set_strdup(set, s, len) : NULL;
}

/* Notes are one line in TSV: line breaks become spaces. */
static const char *one_line(yk_glossary_set *set, const char *s)
{
    char *copy, *p;
    if (!s || !strpbrk(s, "\r\n\t"))
        return s;
    copy = (char *)yk_glossary_set_strdup(set, s, strlen(s));
    for (p = copy; *p; p++)
        if (*p == '\r' || *p == '\n' || *p == '\t')
            *p = ' ';
    return copy;
}

static int bad(const char *path, int line, const char *fmt, ...) YK_PRINTF(3, 4);
static int bad(const char *path, int line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return yk_error_set_at(YK_EINVAL, path ? path : "", line, 0, "%s", msg);
}

/*
 * Terms grouped by language in order of first appearance, approved before
 * forbidden, otherwise as read: every format writes them this way, so an
 * export re-imports in the same order.
 */
static void canonical_order(yk_glossary_term *t, size_t n)
{
    yk_glossary_term *sorted;
    size_t i, j, k, out = 0;
    int pass;
    if (n < 2)
        return;
    sorted = yk_xmalloc(n * sizeof(*sorted));
    for (i = 0; i < n; i++) {
        for (j = 0; j < i; j++)
            if (strcmp(t[j].lang, t[i].lang) == 0)
                break;
        if (j < i)
            continue; /* language already placed */
        for (pass = 0; pass < 2; pass++)
            for (k = i; k < n; k++)
                if (t[k].forbidden == pass && strcmp(t[k].lang, t[i].lang) == 0)
                    sorted[out++] = t[k];
    }
    memcpy(t, sorted, n * sizeof(*t));
    free(sorted);
}

int yk_glossary_validate(yk_glossary_set *set, const char *path)
{
    size_t i, j, k;
    for (i = 0; i < set->n; i++) {
        yk_glossary_concept *c = &set->v[i];
        yk_glossary_term *t = (yk_glossary_term *)c->terms;
        int line = set->lines[i], approved = 0;
        size_t out = 0;

        c->id = trimmed(set, c->id);
        if (c->id && (strlen(c->id) > MAX_ID_BYTES || strpbrk(c->id, "\t\r\n")))
            return bad(path, line, "concept id '%.60s' is too long or has line breaks", c->id);
        for (j = 0; j < i && c->id; j++)
            if (set->v[j].id && strcmp(set->v[j].id, c->id) == 0)
                return bad(path, line, "concept id '%s' appears twice", c->id);
        c->note = one_line(set, trimmed(set, c->note));
        for (j = 0; j < c->nterms; j++) {
            char norm[36];
            const char *text = trimmed(set, t[j].text);
            size_t len;
            if (!text)
                continue; /* an empty cell or element: no term */
            len = strlen(text);
            if (yk_utf8_invalid_at(text, len) < len)
                return bad(path, line, "term is not valid UTF-8");
            if (strpbrk(text, "\t\r\n"))
                return bad(path, line, "term '%.60s' has a line break or tab", text);
            if (len > MAX_TERM_BYTES)
                return bad(path, line, "term '%.60s...' is longer than %d bytes", text,
                           MAX_TERM_BYTES);
            if (!t[j].lang || yk_lang_normalize(norm, t[j].lang) < 0)
                return bad(path, line, "term '%s' has no valid language tag ('%s')", text,
                           t[j].lang ? t[j].lang : "");
            t[out] = t[j];
            t[out].text = text;
            t[out].lang = keep(set, norm);
            t[out].pos = trimmed(set, t[j].pos);
            t[out].note = one_line(set, trimmed(set, t[j].note));
            if (t[out].case_sensitive < 0)
                t[out].case_sensitive = yk_glossary_auto_case(text);
            /* the same term twice in a language: once is enough */
            for (k = 0; k < out; k++) {
                if (strcmp(t[k].lang, t[out].lang) || strcmp(t[k].text, t[out].text))
                    continue;
                if (t[k].forbidden != t[out].forbidden)
                    return bad(path, line, "'%s' (%s) is both approved and forbidden", text,
                               t[out].lang);
                break;
            }
            if (k < out)
                continue;
            approved |= !t[out].forbidden;
            out++;
        }
        c->nterms = out;
        canonical_order(t, out);
        if (!approved)
            return bad(path, line, "concept%s%s has no approved term", c->id ? " " : "",
                       c->id ? c->id : "");
    }
    return YK_OK;
}

/** Storing */

static int store_concept(yk_glossary_import_result *out, yk_project *p,
                         const yk_glossary_concept *c, const char *at)
{
    int64_t id = 0;
    size_t j, k;
    int rc = YK_ENOTFOUND;

    if (c->id)
        rc = yk_store_glossary_concept_find(&id, p->store, c->id);
    else
        for (j = 0; j < c->nterms && rc == YK_ENOTFOUND; j++)
            if (!c->terms[j].forbidden)
                rc = yk_store_glossary_concept_by_term(&id, p->store, c->terms[j].lang,
                                                       c->terms[j].text);
    if (rc == YK_ENOTFOUND) {
        if ((rc = yk_store_glossary_concept_insert(&id, p->store, c->id, c->note, yk_core_user(p), at)) <
            0)
            return rc;
        out->added++;
    } else if (rc < 0) {
        return rc;
    } else {
        if (c->note && (rc = yk_store_glossary_concept_set_note(p->store, id, c->note)) < 0)
            return rc;
        /* the file's languages replace the stored ones; others stay */
        for (j = 0; j < c->nterms; j++) {
            for (k = 0; k < j; k++)
                if (strcmp(c->terms[k].lang, c->terms[j].lang) == 0)
                    break;
            if (k == j &&
                (rc = yk_store_glossary_terms_delete(p->store, id, c->terms[j].lang, NULL)) < 0)
                return rc;
        }
        out->updated++;
    }
    for (j = 0; j < c->nterms; j++) {
        const yk_glossary_term *t = &c->terms[j];
        if ((rc = yk_store_glossary_term_put(p->store, id, t->lang, t->text, t->forbidden,
                                             t->case_sensitive, t->pos, t->note)) < 0)
            return rc;
        out->terms++;
    }
    return YK_OK;
}

int yk_glossary_store(yk_glossary_import_result *out, yk_project *p, const yk_glossary_set *set)
{
    char now[32];
    size_t i;
    int rc;
    memset(out, 0, sizeof(*out));
    yk_core_now(now);
    out->concepts = set->n;
    for (i = 0; i < set->n; i++)
        if ((rc = store_concept(out, p, &set->v[i], now)) < 0)
            return rc;
    return YK_OK;
}

/** Reading */

typedef struct read_walk {
    yk_glossary_set *set;
    yk_project *p;
    const char *lang;
    int64_t concept_id;
    size_t index;
} read_walk;

static int read_row(const yk_store_glossary_row *r, void *payload)
{
    read_walk *w = payload;
    yk_glossary_term t;
    if (w->lang && !yk_glossary_lang_match(r->lang, w->lang) &&
        !yk_glossary_lang_match(r->lang, w->p->source_lang))
        return 0;
    if (r->concept_id != w->concept_id || w->set->n == 0) {
        w->index = yk_glossary_set_concept(w->set, r->concept, r->concept_note, 0);
        w->concept_id = r->concept_id;
    }
    t.lang = r->lang;
    t.text = r->term;
    t.forbidden = r->forbidden;
    t.case_sensitive = r->case_sensitive;
    t.pos = r->pos;
    t.note = r->note;
    yk_glossary_set_term(w->set, w->index, &t);
    return 0;
}

int yk_glossary_read(yk_glossary_set *out, yk_project *p, const char *lang)
{
    read_walk w;
    char norm[36];
    int rc;
    memset(&w, 0, sizeof(w));
    w.set = out;
    w.p = p;
    if (lang) {
        if (yk_lang_normalize(norm, lang) < 0)
            return yk_error_set(YK_EINVAL, "'%s' is not a language tag", lang);
        w.lang = norm;
    }
    w.concept_id = -1;
    if ((rc = yk_store_glossary_terms(p->store, NULL, 0, read_row, &w)) < 0)
        return rc;
    return YK_OK;
}

int yk_glossary_foreach(yk_project *p, const char *lang,
                        int (*fn)(const yk_glossary_concept *c, void *payload), void *payload)
{
    yk_glossary_set set = YK_GLOSSARY_SET_INIT;
    size_t i, j;
    int rc;
    if ((rc = yk_glossary_read(&set, p, lang)) < 0)
        goto done;
    for (i = 0; i < set.n; i++) {
        const yk_glossary_concept *c = &set.v[i];
        if (lang) {
            for (j = 0; j < c->nterms; j++)
                if (!c->terms[j].forbidden && yk_glossary_lang_match(c->terms[j].lang,
                                                                     p->source_lang))
                    break;
            if (j == c->nterms)
                continue;
        }
        if ((rc = fn(c, payload)) != 0)
            goto done;
    }
done:
    yk_glossary_set_release(&set);
    return rc;
}

/** Adding */

int yk_glossary_add(int *created, yk_project *p, const char *source, const char *lang,
                    const char *target, const yk_glossary_add_options *opts)
{
    yk_glossary_set set = YK_GLOSSARY_SET_INIT;
    yk_glossary_term t;
    char norm[36], now[32];
    int64_t id;
    size_t i, c;
    int rc;

    *created = 0;
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    yk_lang_normalize(norm, lang);
    /* validate through the same path as an import */
    c = yk_glossary_set_concept(&set, NULL, opts->note, 0);
    memset(&t, 0, sizeof(t));
    t.lang = p->source_lang;
    t.text = source;
    t.case_sensitive = -1;
    t.pos = opts->pos;
    yk_glossary_set_term(&set, c, &t);
    t.lang = norm;
    t.text = target;
    yk_glossary_set_term(&set, c, &t);
    for (i = 0; i < opts->nforbidden; i++) {
        t.text = opts->forbidden[i];
        t.forbidden = 1;
        t.pos = NULL;
        yk_glossary_set_term(&set, c, &t);
    }
    if ((rc = yk_glossary_validate(&set, NULL)) < 0)
        goto done;
    if (set.v[0].nterms < 2 || set.v[0].terms[0].forbidden ||
        strcmp(set.v[0].terms[0].lang, set.v[0].terms[1].lang) == 0 ||
        set.v[0].terms[1].forbidden) {
        rc = yk_error_set(YK_EINVAL, "give a source term and a target term");
        goto done;
    }
    rc = yk_store_glossary_concept_by_term(&id, p->store, set.v[0].terms[0].lang,
                                           set.v[0].terms[0].text);
    if (rc == YK_ENOTFOUND) {
        yk_core_now(now);
        if ((rc = yk_store_glossary_concept_insert(&id, p->store, NULL, set.v[0].note, yk_core_user(p),
                                                   now)) < 0)
            goto done;
        *created = 1;
        if ((rc = yk_store_glossary_term_put(p->store, id, set.v[0].terms[0].lang,
                                             set.v[0].terms[0].text, 0,
                                             set.v[0].terms[0].case_sensitive,
                                             set.v[0].terms[0].pos, NULL)) < 0)
            goto done;
    } else if (rc < 0) {
        goto done;
    } else {
        if (set.v[0].note &&
            (rc = yk_store_glossary_concept_set_note(p->store, id, set.v[0].note)) < 0)
            goto done;
        if ((rc = yk_store_glossary_terms_delete(p->store, id, norm, "approved")) < 0)
            goto done;
    }
    for (i = 1; i < set.v[0].nterms; i++) {
        const yk_glossary_term *x = &set.v[0].terms[i];
        if ((rc = yk_store_glossary_term_put(p->store, id, x->lang, x->text, x->forbidden,
                                             x->case_sensitive, NULL, NULL)) < 0)
            goto done;
    }
done:
    yk_glossary_set_release(&set);
    return rc;
}
