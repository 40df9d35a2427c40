/*
 * Consistency across the book, one pass with hash maps over every
 * translated segment of a language: one source translated in different
 * ways, one translation used for different sources, one glossary term
 * rendered in two ways.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/xalloc.h"

static int drop_cp(uint32_t cp)
{
    if (cp >= 0x3040 && cp < 0xFF01)
        return 0; /* kana, kanji, Hangul: the bulk of a CJK text */
    return yk_ck_is_space(cp) ||
           (cp < 0x80 &&
            !((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))) ||
           (cp >= 0x2010 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
}

/* Text without white space and punctuation: "はじめに。" and "はじめに" are
 * the same translation.  From the decoded code points of the text. */
static void norm_key(yk_buf *out, const yk_ck_text *t)
{
    size_t i = 0, run = 0, n = t->ncps;
    const yk_ck_cp *v = t->cps;
    yk_buf_clear(out);
    /* copy runs of kept code points at once */
    for (i = 0; i < n; i++) {
        if (drop_cp(v[i].cp)) {
            if (i > run)
                yk_buf_put(out, t->s + v[run].off, v[i].off - v[run].off);
            run = i + 1;
        }
    }
    if (n > run)
        yk_buf_put(out, t->s + v[run].off, t->len - v[run].off);
}

static int has_words(const char *key)
{
    return key[0] != '\0' && strspn(key, "0123456789") < strlen(key);
}

typedef struct member {
    size_t idx;
    size_t group; /* group of its key */
    size_t other; /* the other side's key id */
} member;

typedef struct groups {
    yk_ck_map keys;     /* key text → key id + 1 */
    const char **text;  /* key id → key text (the map's copy) */
    size_t n, cap;
} groups;

static size_t key_id(groups *g, const char *key, size_t len)
{
    int ins;
    const char *stored;
    size_t *v = yk_ck_map_put(&g->keys, key, len, &ins, &stored);
    if (ins) {
        g->text = yk_xgrow(g->text, &g->cap, g->n + 1, sizeof(*g->text));
        g->text[g->n] = stored;
        *v = ++g->n;
    }
    return *v - 1;
}

static void groups_release(groups *g)
{
    free(g->text);
    yk_ck_map_release(&g->keys);
}

struct yk_ck_cons {
    groups src, tgt;
    yk_buf key;
};

yk_ck_cons *yk_ck_cons_new(void)
{
    yk_ck_cons *c = yk_xcalloc(1, sizeof(*c));
    c->key = (yk_buf)YK_BUF_INIT;
    return c;
}

/* Key ids are given in the order segments arrive, as a pass over the
 * stored segments at the end would. */
void yk_ck_cons_add(yk_ck_cons *c, yk_ck_stored *st, const yk_ck_text *src, const yk_ck_text *tgt)
{
    norm_key(&c->key, src);
    st->skey = key_id(&c->src, c->key.buf, c->key.len);
    norm_key(&c->key, tgt);
    st->tkey = key_id(&c->tgt, c->key.buf, c->key.len);
}

void yk_ck_cons_free(yk_ck_cons *c)
{
    if (!c)
        return;
    groups_release(&c->src);
    groups_release(&c->tgt);
    yk_buf_release(&c->key);
    free(c);
}

static int by_group(const void *a, const void *b)
{
    const member *x = a, *y = b;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    if (x->other != y->other)
        return x->other < y->other ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* For each group (members sorted by group, then other key): members whose
 * other-side key differs from the group's most common one. */
static void report(yk_ck_session *s, yk_ck_stored *segs, member *m, size_t n, int check,
                   size_t min_key, groups *side)
{
    size_t a = 0;
    yk_buf q1 = YK_BUF_INIT, q2 = YK_BUF_INIT;
    while (a < n) {
        size_t b = a, best = a, bestn = 0, r, run, distinct = 0;
        while (b < n && m[b].group == m[a].group)
            b++;
        for (r = a; r < b; r += run) {
            run = 1;
            while (r + run < b && m[r + run].other == m[r].other)
                run++;
            distinct++;
            /* ties: the one that comes first in the book */
            if (run > bestn || (run == bestn && m[r].idx < m[best].idx)) {
                best = r;
                bestn = run;
            }
        }
        if (distinct > 1 && strlen(side->text[m[a].group]) >= min_key &&
            has_words(side->text[m[a].group])) {
            size_t first = m[best].idx; /* members of a run are in book order */
            for (r = a; r < b; r++) {
                if (m[r].other == m[best].other)
                    continue;
                yk_buf_clear(&q1);
                yk_buf_clear(&q2);
                if (check == CK_CONS_SOURCE) {
                    yk_ck_quote(&q1, segs[first].tgt, 80);
                    yk_ck_emit(s, m[r].idx, check, NULL,
                               "the same source is translated as '%s' in %s:%d%s", q1.buf,
                               segs[first].chapter, segs[first].n,
                               bestn > 1 ? " and elsewhere" : "");
                } else {
                    yk_ck_quote(&q1, segs[first].src, 80);
                    yk_ck_emit(s, m[r].idx, check, NULL,
                               "the same translation is used in %s:%d for a different source: "
                               "'%s'",
                               segs[first].chapter, segs[first].n, q1.buf);
                }
            }
        }
        a = b;
    }
    yk_buf_release(&q1);
    yk_buf_release(&q2);
}

/* The order of by_group: members come in book order, so a counting sort
 * by group keeps them in book order within a group; only groups of several
 * members (the few repeated sentences) are sorted further. */
static void sort_members(member *m, size_t n, size_t ngroups)
{
    size_t *start = yk_xcalloc(ngroups + 1, sizeof(*start)), i, g;
    member *tmp = yk_xmalloc((n + 1) * sizeof(*tmp));
    for (i = 0; i < n; i++)
        start[m[i].group + 1]++;
    for (g = 0; g < ngroups; g++)
        start[g + 1] += start[g];
    for (i = 0; i < n; i++)
        tmp[start[m[i].group]++] = m[i];
    /* start[g] is now the end of group g */
    for (g = 0, i = 0; g < ngroups; g++) {
        if (start[g] - i > 1)
            qsort(tmp + i, start[g] - i, sizeof(*tmp), by_group);
        i = start[g];
    }
    memcpy(m, tmp, n * sizeof(*m));
    free(tmp);
    free(start);
}

static void sentences(yk_ck_session *s, yk_ck_stored *segs, size_t n)
{
    yk_ck_cons *c = yk_ck_session_cons(s);
    member *bysrc = yk_xcalloc(n + 1, sizeof(*bysrc)), *bytgt = yk_xcalloc(n + 1, sizeof(*bytgt));
    size_t i, m = 0;
    for (i = 0; i < n; i++) {
        if (!segs[i].tgt)
            continue;
        bysrc[m].idx = bytgt[m].idx = i;
        bysrc[m].group = segs[i].skey;
        bysrc[m].other = segs[i].tkey;
        bytgt[m].group = segs[i].tkey;
        bytgt[m].other = segs[i].skey;
        m++;
    }
    sort_members(bysrc, m, c->src.n);
    sort_members(bytgt, m, c->tgt.n);
    if (yk_ck_on(s, CK_CONS_SOURCE))
        report(s, segs, bysrc, m, CK_CONS_SOURCE, 1, &c->src);
    /* short targets (headings, "はい") legitimately serve several sources */
    if (yk_ck_on(s, CK_CONS_TARGET))
        report(s, segs, bytgt, m, CK_CONS_TARGET, 30, &c->tgt);
    free(bysrc);
    free(bytgt);
}

static int by_entry(const void *a, const void *b)
{
    const yk_ck_term_use *x = a, *y = b;
    int c;
    if (x->entry != y->entry)
        return x->entry < y->entry ? -1 : 1;
    if ((c = strcmp(x->rendering, y->rendering)) != 0)
        return c;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static void terms(yk_ck_session *s, yk_ck_stored *segs)
{
    size_t n, a = 0;
    const yk_ck_term_use *all = yk_ck_term_uses(s, &n);
    yk_ck_term_use *u;
    if (!n)
        return;
    u = yk_xmalloc(n * sizeof(*u));
    memcpy(u, all, n * sizeof(*u));
    qsort(u, n, sizeof(*u), by_entry);
    while (a < n) {
        size_t b = a, r, run, ref = a, refn = 0;
        int ref_approved = 0;
        while (b < n && u[b].entry == u[a].entry)
            b++;
        /* the reference: the approved rendering when used, else the most common */
        for (r = a; r < b; r += run) {
            int approved = u[r].approved && strcmp(u[r].rendering, u[r].approved) == 0;
            run = 1;
            while (r + run < b && strcmp(u[r + run].rendering, u[r].rendering) == 0)
                run++;
            if ((approved && !ref_approved) || (approved == ref_approved && run > refn)) {
                ref = r;
                refn = run;
                ref_approved = approved;
            }
        }
        for (r = a; r < b; r++) {
            if (strcmp(u[r].rendering, u[ref].rendering) == 0)
                continue;
            yk_ck_emit(s, u[r].idx, CK_CONS_TERM, NULL,
                       "'%s' is rendered '%s' here but '%s' in %zu other segment%s (first "
                       "%s:%d)",
                       u[r].term, u[r].rendering, u[ref].rendering, refn, refn == 1 ? "" : "s",
                       segs[u[ref].idx].chapter, segs[u[ref].idx].n);
        }
        a = b;
    }
    free(u);
}

void yk_ck_consistency_finish(yk_ck_session *s, yk_ck_stored *segs, size_t n)
{
    if (yk_ck_on(s, CK_CONS_SOURCE) || yk_ck_on(s, CK_CONS_TARGET))
        sentences(s, segs, n);
    if (yk_ck_on(s, CK_CONS_TERM))
        terms(s, segs);
}
