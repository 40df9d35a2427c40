/*
 * Consistency across the book: one source translated in different ways,
 * one translation used for different sources, one glossary term rendered
 * in two ways.  The first walk learns each sentence as two hashes and each
 * term use as a count; the groups are formed at its end and the second
 * walk reports each segment against them.
 */
#include <stdint.h>
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

/* Whether the code point at u (left bytes) may be one drop_cp() drops:
 * past ASCII those are U+00A0 (C2 A0), U+2010..206F (E2 80, E2 81),
 * U+3000..303F (E3 80) and U+FF01..FF65 (EF BC, EF BD). */
static int may_drop(const unsigned char *u, size_t left)
{
    if (left < 2)
        return 0;
    switch (u[0]) {
    case 0xC2: return u[1] == 0xA0;
    case 0xE2: return u[1] == 0x80 || u[1] == 0x81;
    case 0xE3: return u[1] == 0x80;
    case 0xEF: return u[1] == 0xBC || u[1] == 0xBD;
    default: return 0;
    }
}

/* Text without white space and punctuation: "はじめに。" and "はじめに" are
 * the same translation.  Byte by byte, about as fast as a copy: a lead
 * byte is never the continuation of another sequence, so decoding (with
 * yk_ck_next, as the scanner decodes) only where may_drop() says a
 * dropped code point may start keeps and drops what decoding every code
 * point from the first byte would.  Runs of kept bytes are copied at once. */
static void norm_key(yk_buf *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    char *o;
    yk_buf_clear(out);
    yk_buf_grow(out, len);
    o = out->buf;
    while (i < len) {
        unsigned char c = u[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80) {
            if (yk_ck_ascii_alnum(c)) {
                i++;
                continue;
            }
            k = 1;
        } else if (may_drop(u + i, len - i)) {
            k = yk_ck_next(&cp, s, len, i);
            if (!drop_cp(cp)) {
                i += k;
                continue;
            }
        } else {
            /* kept whole: three bytes at once when they are a lead and two
             * continuations (nothing else can start inside them) */
            i += (c & 0xF0) == 0xE0 && len - i >= 3 && (u[i + 1] & 0xC0) == 0x80 &&
                         (u[i + 2] & 0xC0) == 0x80
                     ? 3
                     : 1;
            continue;
        }
        memcpy(o, s + run, i - run);
        o += i - run;
        i += k;
        run = i;
    }
    memcpy(o, s + run, len - run);
    o += len - run;
    *o = '\0';
    out->len = (size_t)(o - out->buf);
}

static int has_words(const char *key)
{
    return key[0] != '\0' && strspn(key, "0123456789") < strlen(key);
}

/*
 * A sentence is kept as the hashes of its normalised source and target,
 * 16 bytes instead of the texts (and its number: 4).  The top bits say what the checks ask of
 * the key text (so they are part of the key too): KEY_WORDS not only
 * digits, KEY_LONG 30 bytes or more (short targets, headings or "はい",
 * legitimately serve several sources), KEY_SET a translated segment (0: an
 * untranslated place).  That leaves 61 bits of hash: two different texts
 * share one with odds of about n²/2⁶² for n segments, 2e-8 for 300k.
 */
#define KEY_SET (1ULL << 61)
#define KEY_WORDS (1ULL << 62)
#define KEY_LONG (1ULL << 63)
#define KEY_HASH (KEY_SET - 1)

static uint64_t key_of(yk_buf *scratch, const char *s, size_t len)
{
    uint64_t k;
    norm_key(scratch, s, len);
    k = (yk_ck_hash(scratch->buf, scratch->len) & KEY_HASH) | KEY_SET;
    if (has_words(scratch->buf))
        k |= KEY_WORDS;
    if (scratch->len >= 30)
        k |= KEY_LONG;
    return k;
}

/*
 * Which keys occur more than once, roughly: a bit per hash value (its low
 * bits) seen once and one seen twice, side by side so that one cache line
 * holds both.  Most sentences of a book are unique; only those whose
 * 'twice' bit is set (the repeated ones, and a few that share bits with
 * them) are grouped exactly at the end.  2^21 values, 512 KiB a side,
 * whatever the size of the book: both sides stay in a 2 MiB L2 cache (at
 * 2^22 the misses cost 3 % of a check), and at 300k segments one unique
 * sentence in seven is a candidate by chance, which grouping sorts out.
 */
#define BITS_LOG 21

typedef struct seen {
    uint64_t w[(1u << BITS_LOG) / 64][2]; /* [once, twice] */
} seen;

static void seen_add(seen *b, uint64_t key)
{
    size_t bit = (size_t)(key & ((1u << BITS_LOG) - 1));
    uint64_t m = 1ULL << (bit & 63), *w = b->w[bit >> 6];
    if (w[0] & m)
        w[1] |= m;
    w[0] |= m;
}

static int seen_twice(const seen *b, uint64_t key)
{
    size_t bit = (size_t)(key & ((1u << BITS_LOG) - 1));
    return (b->w[bit >> 6][1] >> (bit & 63)) & 1;
}

/* A pair of keys with how often and where first (book order) it occurs. */
typedef struct pair {
    uint64_t s, t;
    size_t count, first;
} pair;

/* A group of one key whose members disagree on the other side: members
 * whose other key is not 'best' are reported with 'msg'. */
typedef struct conflict {
    int check; /* CK_CONS_SOURCE or CK_CONS_TARGET */
    uint64_t key, best;
    size_t bestn, first;
    char *msg; /* set when the first segment of 'best' is quoted */
} conflict;

typedef struct side {
    conflict *c; /* sorted by key */
    size_t n;
} side;

/* The count and first use of one rendering of one term. */
typedef struct rendering {
    long long entry;
    const char *term, *rendering, *approved;
    size_t count, first;
    const char *chapter; /* of the first use, interned by the session */
    int n;
} rendering;

/* Per term: the reference rendering and where it is first used. */
typedef struct term_ref {
    long long entry;
    const char *rendering;
    size_t count;
    const char *chapter;
    int n;
} term_ref;

struct yk_ck_cons {
    int sentences;
    yk_buf key;
    /* place → source key, target key; 0, 0 for an untranslated place */
    uint64_t (*keys)[2];
    size_t nkeys, capkeys;
    int *ns; /* place → the segment's number, to look up the ones quoted */
    size_t capns;
    seen *src_seen, *tgt_seen; /* the first walk's */
    side src, tgt;
    uint64_t *reported; /* a bit per place: a sentence finding there */
    conflict **quotes; /* the conflicts by the place of their first segment */
    size_t nquotes, next;
    yk_ck_map term_index; /* entry + rendering → index in terms + 1 */
    rendering *terms;
    size_t nterms, capterms;
    term_ref *refs; /* sorted by entry */
    size_t nrefs;
};

yk_ck_cons *yk_ck_cons_new(int sentences)
{
    yk_ck_cons *c = yk_xcalloc(1, sizeof(*c));
    c->sentences = sentences;
    c->key = (yk_buf)YK_BUF_INIT;
    if (sentences) {
        c->src_seen = yk_xcalloc(1, sizeof(*c->src_seen));
        c->tgt_seen = yk_xcalloc(1, sizeof(*c->tgt_seen));
    }
    return c;
}

void yk_ck_cons_learn(yk_ck_cons *c, size_t place, int n, const char *src, size_t src_len,
                      const char *tgt, size_t tgt_len)
{
    uint64_t ks, kt;
    if (!c->sentences)
        return;
    c->keys = yk_xgrow(c->keys, &c->capkeys, place + 1, sizeof(*c->keys));
    c->ns = yk_xgrow(c->ns, &c->capns, place + 1, sizeof(*c->ns));
    while (c->nkeys < place) { /* the untranslated places in between */
        c->keys[c->nkeys][0] = c->keys[c->nkeys][1] = 0;
        c->ns[c->nkeys] = 0;
        c->nkeys++;
    }
    c->ns[place] = n;
    ks = key_of(&c->key, src, src_len);
    kt = key_of(&c->key, tgt, tgt_len);
    c->keys[place][0] = ks;
    c->keys[place][1] = kt;
    c->nkeys = place + 1;
    seen_add(c->src_seen, ks);
    seen_add(c->tgt_seen, kt);
}

void yk_ck_cons_term_learn(yk_ck_cons *c, const yk_ck_term_use *u, size_t place,
                           const char *chapter, int n)
{
    yk_buf k = YK_BUF_INIT;
    size_t *slot;
    int ins;
    /* the rendering's text, not its pointer: two entries' strings may be equal */
    yk_buf_put(&k, (const char *)&u->entry, sizeof(u->entry));
    yk_buf_puts(&k, u->rendering);
    slot = yk_ck_map_at(&c->term_index, k.buf, k.len, &ins);
    if (ins) {
        rendering *r;
        c->terms = yk_xgrow(c->terms, &c->capterms, c->nterms + 1, sizeof(*c->terms));
        r = &c->terms[c->nterms++];
        r->entry = u->entry;
        r->term = u->term;
        r->rendering = u->rendering;
        r->approved = u->approved;
        r->count = 0;
        r->first = place;
        r->chapter = chapter;
        r->n = n;
        *slot = c->nterms;
    }
    c->terms[*slot - 1].count++;
    yk_buf_release(&k);
}

/** ## The groups, at the end of the first walk */

/* Open addressing over the pairs of the repeated keys: a book repeats few
 * sentences, and a repeated one mostly with the same translation. */
typedef struct pairs {
    pair *p;
    size_t cap, n;
} pairs;

static size_t pair_slot(const pairs *t, uint64_t s, uint64_t k)
{
    size_t i = (size_t)((s ^ (k * 0x9E3779B97F4A7C15ULL)) * 0xFF51AFD7ED558CCDULL >> 20) &
               (t->cap - 1);
    while (t->p[i].count && (t->p[i].s != s || t->p[i].t != k))
        i = (i + 1) & (t->cap - 1);
    return i;
}

static void pairs_add(pairs *t, uint64_t s, uint64_t k, size_t place)
{
    size_t i;
    if ((t->n + 1) * 2 > t->cap) {
        pairs old = *t;
        size_t j;
        t->cap = t->cap ? t->cap * 2 : 256;
        t->p = yk_xcalloc(t->cap, sizeof(*t->p));
        for (j = 0; j < old.cap; j++)
            if (old.p[j].count)
                t->p[pair_slot(t, old.p[j].s, old.p[j].t)] = old.p[j];
        free(old.p);
    }
    i = pair_slot(t, s, k);
    if (!t->p[i].count) {
        t->p[i].s = s;
        t->p[i].t = k;
        t->p[i].first = place; /* places arrive in book order */
        t->n++;
    }
    t->p[i].count++;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
    return a < b ? -1 : a > b;
}

static int by_source(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    int c = cmp_u64(x->s, y->s);
    return c ? c : cmp_u64(x->t, y->t);
}

static int by_target(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    int c = cmp_u64(x->t, y->t);
    return c ? c : cmp_u64(x->s, y->s);
}

/* Groups of the pairs sorted by one side ('tgt': by target): a group whose
 * pairs differ on the other side is a conflict, reported at the members of
 * every pair but the most common (ties: the one that comes first in the
 * book), when its key passes 'need' (the KEY_ bits it must have). */
static void group(side *out, pair *p, size_t n, int tgt, uint64_t need)
{
    size_t a = 0, cap = 0;
    while (a < n) {
        uint64_t key = tgt ? p[a].t : p[a].s;
        size_t b = a + 1, r, best = a;
        while (b < n && (tgt ? p[b].t : p[b].s) == key)
            b++;
        if (b - a > 1 && (key & need) == need) {
            conflict *c;
            for (r = a + 1; r < b; r++)
                if (p[r].count > p[best].count ||
                    (p[r].count == p[best].count && p[r].first < p[best].first))
                    best = r;
            out->c = yk_xgrow(out->c, &cap, out->n + 1, sizeof(*out->c));
            c = &out->c[out->n++];
            c->check = tgt ? CK_CONS_TARGET : CK_CONS_SOURCE;
            c->key = key;
            c->best = tgt ? p[best].s : p[best].t;
            c->bestn = p[best].count;
            c->first = p[best].first;
            c->msg = NULL;
        }
        a = b;
    }
}

static int by_first(const void *a, const void *b)
{
    const conflict *x = *(conflict *const *)a, *y = *(conflict *const *)b;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* bsearch() comparisons of a key with an element sorted by it */
static int key_vs_conflict(const void *key, const void *elem)
{
    uint64_t a = *(const uint64_t *)key, b = ((const conflict *)elem)->key;
    return (a > b) - (a < b);
}

static const conflict *find_conflict(const side *sd, uint64_t key)
{
    return sd->n ? bsearch(&key, sd->c, sd->n, sizeof(*sd->c), key_vs_conflict) : NULL;
}

static void sentences_learned(yk_ck_cons *c, const yk_ck_session *s)
{
    pairs t = {NULL, 0, 0};
    pair *list;
    size_t i, n = 0;
    c->reported = yk_xcalloc(c->nkeys / 64 + 1, sizeof(*c->reported));
    for (i = 0; i < c->nkeys; i++) {
        uint64_t ks = c->keys[i][0], kt = c->keys[i][1];
        /* a key seen once cannot make a group: leave its pair out */
        if (ks && (seen_twice(c->src_seen, ks) || seen_twice(c->tgt_seen, kt))) {
            pairs_add(&t, ks, kt, i);
            c->reported[i / 64] |= 1ULL << (i % 64); /* a candidate, for now */
        }
    }
    list = yk_xmalloc((t.n + 1) * sizeof(*list));
    for (i = 0; i < t.cap; i++)
        if (t.p[i].count)
            list[n++] = t.p[i];
    free(t.p);
    if (yk_ck_on(s, CK_CONS_SOURCE)) {
        qsort(list, n, sizeof(*list), by_source);
        group(&c->src, list, n, 0, KEY_WORDS);
    }
    if (yk_ck_on(s, CK_CONS_TARGET)) {
        qsort(list, n, sizeof(*list), by_target);
        group(&c->tgt, list, n, 1, KEY_WORDS | KEY_LONG);
    }
    free(list);
    /* of the candidates, the places reported: the second walk then reads a
     * bit per segment, in order, and searches the groups only there */
    for (i = 0; i < c->nkeys; i++) {
        uint64_t ks = c->keys[i][0], kt = c->keys[i][1];
        const conflict *k;
        if (!((c->reported[i / 64] >> (i % 64)) & 1))
            continue;
        if (!((k = find_conflict(&c->src, ks)) != NULL && k->best != kt) &&
            !((k = find_conflict(&c->tgt, kt)) != NULL && k->best != ks))
            c->reported[i / 64] &= ~(1ULL << (i % 64));
    }
    c->nquotes = c->src.n + c->tgt.n;
    c->quotes = yk_xmalloc((c->nquotes + 1) * sizeof(*c->quotes));
    for (i = 0; i < c->src.n; i++)
        c->quotes[i] = &c->src.c[i];
    for (i = 0; i < c->tgt.n; i++)
        c->quotes[c->src.n + i] = &c->tgt.c[i];
    qsort(c->quotes, c->nquotes, sizeof(*c->quotes), by_first);
}

static int by_rendering(const void *a, const void *b)
{
    const rendering *x = a, *y = b;
    if (x->entry != y->entry)
        return x->entry < y->entry ? -1 : 1;
    return strcmp(x->rendering, y->rendering);
}

/* Per term the reference: the approved rendering when used, else the most
 * common (ties: the first in byte order). */
static void terms_learned(yk_ck_cons *c)
{
    size_t a = 0, cap = 0;
    if (c->nterms)
        qsort(c->terms, c->nterms, sizeof(*c->terms), by_rendering);
    while (a < c->nterms) {
        const rendering *u = c->terms;
        size_t b = a, r, ref = a;
        int ref_approved = 0;
        term_ref *t;
        while (b < c->nterms && u[b].entry == u[a].entry)
            b++;
        for (r = a; r < b; r++) {
            int approved = u[r].approved && strcmp(u[r].rendering, u[r].approved) == 0;
            if ((approved && !ref_approved) ||
                (approved == ref_approved && (r == a || u[r].count > u[ref].count))) {
                ref = r;
                ref_approved = approved;
            }
        }
        if (b - a > 1) { /* one rendering: nothing to report */
            c->refs = yk_xgrow(c->refs, &cap, c->nrefs + 1, sizeof(*c->refs));
            t = &c->refs[c->nrefs++];
            t->entry = u[ref].entry;
            t->rendering = u[ref].rendering;
            t->count = u[ref].count;
            t->chapter = u[ref].chapter;
            t->n = u[ref].n;
        }
        a = b;
    }
}

void yk_ck_cons_learned(yk_ck_cons *c, const yk_ck_session *s)
{
    if (c->sentences)
        sentences_learned(c, s);
    free(c->src_seen);
    free(c->tgt_seen);
    c->src_seen = c->tgt_seen = NULL;
    terms_learned(c);
}

size_t yk_ck_cons_next_quote(const yk_ck_cons *c, int *n)
{
    size_t place;
    if (c->next >= c->nquotes)
        return SIZE_MAX;
    place = c->quotes[c->next]->first;
    *n = c->ns[place];
    return place;
}

void yk_ck_cons_quote(yk_ck_cons *c, size_t place, const char *chapter, int n, const char *src,
                      const char *tgt)
{
    yk_buf q = YK_BUF_INIT, msg = YK_BUF_INIT;
    while (c->next < c->nquotes && c->quotes[c->next]->first == place) {
        conflict *k = c->quotes[c->next++];
        yk_buf_clear(&q);
        yk_buf_clear(&msg);
        if (k->check == CK_CONS_SOURCE) {
            yk_ck_quote(&q, tgt, 80);
            yk_buf_printf(&msg, "the same source is translated as '%s' in %s:%d%s", q.buf,
                          chapter, n, k->bestn > 1 ? " and elsewhere" : "");
        } else {
            yk_ck_quote(&q, src, 80);
            yk_buf_printf(&msg,
                          "the same translation is used in %s:%d for a different source: '%s'",
                          chapter, n, q.buf);
        }
        k->msg = yk_buf_detach(&msg, NULL);
    }
    yk_buf_release(&q);
    yk_buf_release(&msg);
}

/** ## The second walk */

static int entry_vs_ref(const void *key, const void *elem)
{
    long long a = *(const long long *)key, b = ((const term_ref *)elem)->entry;
    return (a > b) - (a < b);
}

static const term_ref *find_ref(const yk_ck_cons *c, long long entry)
{
    return c->nrefs ? bsearch(&entry, c->refs, c->nrefs, sizeof(*c->refs), entry_vs_ref) : NULL;
}

void yk_ck_cons_check(yk_ck_session *s, yk_ck_cons *c, size_t place, size_t idx,
                      const yk_ck_term_use *uses, size_t nuses)
{
    size_t i, j;
    long long last = 0;
    if (place < c->nkeys && ((c->reported[place / 64] >> (place % 64)) & 1)) {
        uint64_t ks = c->keys[place][0], kt = c->keys[place][1];
        const conflict *k;
        if ((k = find_conflict(&c->src, ks)) != NULL && k->best != kt)
            yk_ck_emit(s, idx, CK_CONS_SOURCE, NULL, "%s", k->msg);
        if ((k = find_conflict(&c->tgt, kt)) != NULL && k->best != ks)
            yk_ck_emit(s, idx, CK_CONS_TARGET, NULL, "%s", k->msg);
    }
    if (!c->nrefs || !yk_ck_on(s, CK_CONS_TERM))
        return;
    /* in the order of the terms' entries (a segment has one use per entry,
     * and a handful in all: picked by rank, not sorted) */
    for (i = 0; i < nuses; i++) {
        const yk_ck_term_use *u = NULL;
        const term_ref *r;
        for (j = 0; j < nuses; j++)
            if ((i == 0 || uses[j].entry > last) && (!u || uses[j].entry < u->entry))
                u = &uses[j];
        if (!u)
            break;
        last = u->entry;
        if ((r = find_ref(c, u->entry)) == NULL || strcmp(u->rendering, r->rendering) == 0)
            continue;
        yk_ck_emit(s, idx, CK_CONS_TERM, NULL,
                   "'%s' is rendered '%s' here but '%s' in %zu other segment%s (first %s:%d)",
                   u->term, u->rendering, r->rendering, r->count, r->count == 1 ? "" : "s",
                   r->chapter, r->n);
    }
}

void yk_ck_cons_free(yk_ck_cons *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->src.n; i++)
        free(c->src.c[i].msg);
    for (i = 0; i < c->tgt.n; i++)
        free(c->tgt.c[i].msg);
    free(c->src.c);
    free(c->tgt.c);
    free(c->quotes);
    free(c->keys);
    free(c->ns);
    free(c->reported);
    free(c->src_seen);
    free(c->tgt_seen);
    yk_ck_map_release(&c->term_index);
    free(c->terms);
    free(c->refs);
    yk_buf_release(&c->key);
    free(c);
}
