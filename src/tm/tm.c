/*
 * Translation memory: adding units with their index postings, keeping the
 * index in step with the project, fuzzy search over the index, and
 * pretranslation.  Scoring and normalisation live in fuzzy.c; TMX in
 * formats/tmx.c.
 *
 * Index: each unit's normalised token sequence, padded with a begin and an
 * end marker, gives n + 1 token bigrams; a gram key is a 64-bit hash of the
 * bigram and the language pair.  If two sequences are within edit distance
 * k, the longer (length M) shares at least M + 1 - 2k bigrams with the
 * other (an edit destroys at most two), so for min_score >= 50 a match
 * always shares T >= 1 grams with the query.  A lookup reads the postings
 * of the query's grams (rarest first; the most frequent ones may be left
 * out as long as the remaining count still proves something), keeps the
 * units whose count reaches the bound, and verifies them with a bounded
 * edit distance, best count first, stopping once no remaining candidate
 * can beat the results in hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/tm.h"
#include "tm/tm.h"
#include "util/xalloc.h"

#define GRAM_BEGIN 0x00FFFFF1u
#define GRAM_END 0x00FFFFF2u
/* Postings buffered before they are written: about 32 MB. */
#define WRITER_MAX_POSTINGS ((size_t)2 << 20)
/* Grams with more postings than this may be skipped by a lookup. */
#define DROP_MIN_DF 2048

/* ---- hashing ---- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

static uint64_t fnv64(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

static uint64_t fnv64s(uint64_t h, const char *s)
{
    return fnv64(h, s ? s : "", s ? strlen(s) + 1 : 0);
}

static uint64_t pair_hash(const char *src, const char *tgt)
{
    char a[36], b[36];
    yk_tm_lang_key(a, src);
    yk_tm_lang_key(b, tgt);
    return mix64(fnv64s(fnv64s(0xCBF29CE484222325ull, a), b));
}

static int64_t gram_key(uint64_t pair, uint32_t a, uint32_t b)
{
    return (int64_t)mix64(pair ^ mix64(((uint64_t)a << 32) | b));
}

/* The grams of tokens t[0..n), padded; out holds n + 1. */
static void grams_of(int64_t *out, uint64_t pair, const uint32_t *t, size_t n)
{
    size_t i;
    for (i = 0; i <= n; i++)
        out[i] = gram_key(pair, i == 0 ? GRAM_BEGIN : t[i - 1], i == n ? GRAM_END : t[i]);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* ---- writer ---- */

typedef struct posting {
    int64_t gram, id;
} posting;

typedef struct pair_cache {
    char src[36], tgt[36];
    int64_t id;
    uint64_t hash;
} pair_cache;

struct yk_tm_writer {
    yk_project *p;
    pair_cache *pairs;
    size_t npairs, pairs_cap;
    posting *posts;
    size_t nposts, posts_cap;
    yk_tm_tokens tok;
    yk_buf norm;
    int64_t *grams;
    size_t grams_cap;
};

int yk_tm_writer_open(yk_tm_writer **out, yk_project *p)
{
    yk_tm_writer *w = yk_xcalloc(1, sizeof(*w));
    w->p = p;
    *out = w;
    return YK_OK;
}

static int cmp_posting(const void *a, const void *b)
{
    const posting *x = a, *y = b;
    if (x->gram != y->gram)
        return x->gram < y->gram ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int writer_flush(yk_tm_writer *w)
{
    size_t i = 0, j;
    int64_t *ids = NULL;
    size_t ids_cap = 0;
    int rc = YK_OK;
    if (w->nposts > 1)
        qsort(w->posts, w->nposts, sizeof(*w->posts), cmp_posting);
    while (i < w->nposts && rc == YK_OK) {
        size_t n = 0;
        for (j = i; j < w->nposts && w->posts[j].gram == w->posts[i].gram; j++) {
            ids = yk_xgrow(ids, &ids_cap, n + 1, sizeof(*ids));
            ids[n++] = w->posts[j].id;
        }
        rc = yk_store_tm_postings_append(w->p->store, w->posts[i].gram, ids, n);
        i = j;
    }
    free(ids);
    w->nposts = 0;
    return rc;
}

static int writer_pair(pair_cache **out, yk_tm_writer *w, const char *src, const char *tgt)
{
    size_t i;
    int rc;
    for (i = 0; i < w->npairs; i++)
        if (strcmp(w->pairs[i].src, src) == 0 && strcmp(w->pairs[i].tgt, tgt) == 0) {
            *out = &w->pairs[i];
            return YK_OK;
        }
    w->pairs = yk_xgrow(w->pairs, &w->pairs_cap, w->npairs + 1, sizeof(*w->pairs));
    snprintf(w->pairs[w->npairs].src, 36, "%s", src);
    snprintf(w->pairs[w->npairs].tgt, 36, "%s", tgt);
    if ((rc = yk_store_tm_pair_ensure(&w->pairs[w->npairs].id, w->p->store, src, tgt)) < 0)
        return rc;
    w->pairs[w->npairs].hash = pair_hash(src, tgt);
    *out = &w->pairs[w->npairs++];
    return YK_OK;
}

/* Tokenise u->source, fill w->norm, and queue the postings of unit 'id'. */
static void index_unit(yk_tm_writer *w, uint64_t pair, int64_t id)
{
    size_t i, n = w->tok.n;
    w->grams = yk_xgrow(w->grams, &w->grams_cap, n + 1, sizeof(*w->grams));
    grams_of(w->grams, pair, w->tok.id, n);
    qsort(w->grams, n + 1, sizeof(*w->grams), cmp_i64);
    for (i = 0; i <= n; i++) {
        if (i > 0 && w->grams[i] == w->grams[i - 1])
            continue;
        w->posts = yk_xgrow(w->posts, &w->posts_cap, w->nposts + 1, sizeof(*w->posts));
        w->posts[w->nposts].gram = w->grams[i];
        w->posts[w->nposts].id = id;
        w->nposts++;
    }
}

int yk_tm_writer_add(yk_tm_writer *w, yk_store_tm_unit *u, int *added)
{
    pair_cache *pc;
    uint64_t h;
    int exists, rc;

    *added = 0;
    if ((rc = writer_pair(&pc, w, u->src_lang, u->tgt_lang)) < 0)
        return rc;
    u->pair = pc->id;
    h = fnv64s(fnv64s(fnv64s(0xCBF29CE484222325ull, u->source), u->target), u->source_xml);
    h = fnv64s(h, u->target_xml);
    u->uhash = (int64_t)(h & 0x7FFFFFFFFFFFFFFFull);
    if ((rc = yk_store_tm_unit_exists(&exists, w->p->store, u)) < 0)
        return rc;
    if (exists)
        return YK_OK;
    yk_tm_tokenize(&w->tok, u->source, strlen(u->source), yk_tm_mode_for(u->src_lang));
    yk_buf_clear(&w->norm);
    yk_tm_normalize(&w->norm, &w->tok, u->source, yk_tm_mode_for(u->src_lang));
    u->norm = w->norm.buf;
    u->ntok = (int)w->tok.n;
    if ((rc = yk_store_tm_unit_insert(&u->id, w->p->store, u)) < 0)
        return rc;
    index_unit(w, pc->hash, u->id);
    *added = 1;
    if (w->nposts >= WRITER_MAX_POSTINGS)
        return writer_flush(w);
    return YK_OK;
}

int yk_tm_writer_finish(yk_tm_writer *w)
{
    return writer_flush(w);
}

void yk_tm_writer_free(yk_tm_writer *w)
{
    if (!w)
        return;
    free(w->pairs);
    free(w->posts);
    free(w->grams);
    yk_tm_tokens_release(&w->tok);
    yk_buf_release(&w->norm);
    free(w);
}

/* ---- sync: index the units the triggers added ---- */

typedef struct pending_unit {
    int64_t id;
    char *source, *src, *tgt;
} pending_unit;

typedef struct pending_list {
    pending_unit *v;
    size_t n, cap;
} pending_list;

static int collect_pending(const yk_store_tm_unit *u, void *payload)
{
    pending_list *l = payload;
    l->v = yk_xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
    l->v[l->n].id = u->id;
    l->v[l->n].source = yk_xstrdup(u->source);
    l->v[l->n].src = yk_xstrdup(u->src_lang);
    l->v[l->n].tgt = yk_xstrdup(u->tgt_lang);
    l->n++;
    return 0;
}

static void pending_clear(pending_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        free(l->v[i].source);
        free(l->v[i].src);
        free(l->v[i].tgt);
    }
    l->n = 0;
}

int yk_tm_sync(yk_project *p)
{
    yk_tm_writer *w = NULL;
    pending_list l = {NULL, 0, 0};
    int64_t after = 0;
    size_t i;
    int rc;

    yk_tm_writer_open(&w, p);
    for (;;) {
        pending_clear(&l);
        if ((rc = yk_store_tm_pending(p->store, after, 4096, collect_pending, &l)) < 0)
            goto done;
        if (l.n == 0)
            break;
        for (i = 0; i < l.n; i++) {
            pair_cache *pc;
            yk_tm_mode mode = yk_tm_mode_for(l.v[i].src);
            if ((rc = writer_pair(&pc, w, l.v[i].src, l.v[i].tgt)) < 0)
                goto done;
            yk_tm_tokenize(&w->tok, l.v[i].source, strlen(l.v[i].source), mode);
            yk_buf_clear(&w->norm);
            yk_tm_normalize(&w->norm, &w->tok, l.v[i].source, mode);
            if ((rc = yk_store_tm_unit_set_norm(p->store, l.v[i].id, w->norm.buf,
                                                (int)w->tok.n)) < 0)
                goto done;
            index_unit(w, pc->hash, l.v[i].id);
            after = l.v[i].id;
        }
        if (w->nposts >= WRITER_MAX_POSTINGS && (rc = writer_flush(w)) < 0)
            goto done;
    }
    rc = writer_flush(w);
done:
    pending_clear(&l);
    free(l.v);
    yk_tm_writer_free(w);
    return rc;
}

/* ---- score ---- */

int yk_tm_score(const char *a, size_t alen, const char *b, size_t blen, const char *lang)
{
    yk_tm_tokens ta = {0}, tb = {0};
    yk_tm_mode mode = yk_tm_mode_for(lang ? lang : "en");
    size_t d;
    int score;
    yk_tm_tokenize(&ta, a, alen, mode);
    yk_tm_tokenize(&tb, b, blen, mode);
    d = yk_tm_distance_bounded(ta.id, ta.n, tb.id, tb.n, ta.n > tb.n ? ta.n : tb.n);
    score = yk_tm_score_of(d, ta.n, tb.n);
    if (score == 100 && !(alen == blen && memcmp(a, b, alen) == 0))
        score = 99;
    yk_tm_tokens_release(&ta);
    yk_tm_tokens_release(&tb);
    return score;
}

/* ---- search ---- */

/* What the candidate check needs of a unit, kept across the lookups of one
 * searcher: a pretranslation run meets the same units again and again
 * (text from one template shares the template's grams).  A unit's source
 * never changes under its id (a changed source is a new unit), and the
 * full row is read again before a match is reported, so a memo can only
 * save work, never change a result.  Bounded: cleared when full. */
typedef struct unit_memo {
    int64_t id;    /* 0: empty slot (unit ids start at 1) */
    uint32_t ntok; /* MEMO_OTHER_PAIR: not in the searcher's language pairs */
    uint32_t *tok; /* NULL until the tokens are needed */
} unit_memo;

#define MEMO_SLOTS (1u << 17)        /* a power of two; 2 MB of slots */
#define MEMO_MAX_USED (MEMO_SLOTS / 4 * 3)
#define MEMO_MAX_TOKENS (4u << 20)   /* 16 MB of token ids */
#define MEMO_OTHER_PAIR UINT32_MAX

struct yk_tm_searcher {
    unit_memo *memo;
    size_t memo_used, memo_tokens;
    yk_project *p;
    char src[36], tgt[36];
    uint64_t pair;
    int64_t *pair_ids;
    size_t npairs;
    uint16_t *count; /* per unit id, zero between lookups */
    size_t count_cap;
    int64_t *touched;
    size_t ntouched, touched_cap;
    yk_tm_tokens qt, ut, st;
    yk_buf buf;
};

typedef struct pair_walk {
    yk_tm_searcher *s;
    char skey[36], tkey[36];
} pair_walk;

static int on_pair(const yk_store_tm_pair *pr, void *payload)
{
    pair_walk *pw = payload;
    char a[36], b[36];
    yk_tm_lang_key(a, pr->src);
    yk_tm_lang_key(b, pr->tgt);
    if (strcmp(a, pw->skey) == 0 && strcmp(b, pw->tkey) == 0) {
        pw->s->pair_ids = yk_xrealloc(pw->s->pair_ids, (pw->s->npairs + 1) * sizeof(int64_t));
        pw->s->pair_ids[pw->s->npairs++] = pr->id;
    }
    return 0;
}

int yk_tm_searcher_open(yk_tm_searcher **out, yk_project *p, const char *lang,
                        const char *source_lang)
{
    yk_tm_searcher *s;
    pair_walk pw;
    int64_t count, max_id;
    int rc;

    *out = NULL;
    if (!source_lang)
        source_lang = yk_project_source_lang(p);
    s = yk_xcalloc(1, sizeof(*s));
    s->p = p;
    if ((rc = yk_lang_normalize(s->tgt, lang)) < 0 ||
        (rc = yk_lang_normalize(s->src, source_lang)) < 0)
        goto fail;
    s->pair = pair_hash(s->src, s->tgt);
    yk_store_tm_tune_reads(p->store);
    pw.s = s;
    yk_tm_lang_key(pw.skey, s->src);
    yk_tm_lang_key(pw.tkey, s->tgt);
    if ((rc = yk_store_tm_pairs(p->store, on_pair, &pw)) < 0)
        goto fail;
    if ((rc = yk_store_tm_count(&count, &max_id, p->store)) < 0)
        goto fail;
    s->count_cap = (size_t)max_id + 1;
    s->count = yk_xcalloc(s->count_cap, sizeof(*s->count));
    *out = s;
    return YK_OK;
fail:
    yk_tm_searcher_close(s);
    return rc;
}

static void memo_clear(yk_tm_searcher *s)
{
    size_t i;
    if (!s->memo)
        return;
    for (i = 0; i < MEMO_SLOTS; i++)
        free(s->memo[i].tok);
    memset(s->memo, 0, MEMO_SLOTS * sizeof(*s->memo));
    s->memo_used = s->memo_tokens = 0;
}

/* The slot of unit 'id': its memo, or the empty slot to fill. */
static unit_memo *memo_slot(yk_tm_searcher *s, int64_t id)
{
    size_t i;
    if (!s->memo)
        s->memo = yk_xcalloc(MEMO_SLOTS, sizeof(*s->memo));
    else if (s->memo_used >= MEMO_MAX_USED || s->memo_tokens >= MEMO_MAX_TOKENS)
        memo_clear(s);
    i = (size_t)mix64((uint64_t)id) & (MEMO_SLOTS - 1);
    while (s->memo[i].id != 0 && s->memo[i].id != id)
        i = (i + 1) & (MEMO_SLOTS - 1);
    return &s->memo[i];
}

void yk_tm_searcher_close(yk_tm_searcher *s)
{
    if (!s)
        return;
    memo_clear(s);
    free(s->memo);
    free(s->pair_ids);
    free(s->count);
    free(s->touched);
    yk_tm_tokens_release(&s->qt);
    yk_tm_tokens_release(&s->ut);
    yk_tm_tokens_release(&s->st);
    yk_buf_release(&s->buf);
    free(s);
}

static void match_release(yk_tm_match *x)
{
    free((char *)x->source);
    free((char *)x->target);
    free((char *)x->memory_target);
    free((char *)x->diff);
    free((char *)x->origin);
    free((char *)x->project);
    free((char *)x->file);
    free((char *)x->translator);
    free((char *)x->chapter);
    free((char *)x->date);
    free((char *)x->source_lang);
    free((char *)x->target_lang);
}

void yk_tm_matches_free(yk_tm_matches *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < m->n; i++)
        match_release(&m->v[i]);
    free(m->v);
    free(m);
}

static char *dup_or_null(const char *s)
{
    return s ? yk_xstrdup(s) : NULL;
}

static int match_cmp(const yk_tm_match *a, const yk_tm_match *b)
{
    int c;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->context != b->context)
        return a->context ? -1 : 1;
    c = strcmp(a->date ? a->date : "", b->date ? b->date : "");
    if (c)
        return -c;
    return a->unit > b->unit ? -1 : a->unit < b->unit;
}

typedef struct lookup {
    yk_tm_searcher *s;
    const char *query;
    size_t qlen;
    const yk_tm_search_options *o;
    yk_tm_matches *res; /* sorted, at most o->max */
    int from_pending;
} lookup;

/* Verify one unit against the query; keep it when it scores. */
static int on_candidate(const yk_store_tm_unit *u, void *payload)
{
    lookup *L = payload;
    yk_tm_searcher *s = L->s;
    size_t n = s->qt.n, m, len, k, d, i;
    yk_tm_match x;
    int score, mask;

    for (i = 0; i < s->npairs && s->pair_ids[i] != u->pair; i++)
        ;
    if (i == s->npairs)
        return 0;
    if (u->norm)
        yk_tm_tokenize(&s->ut, u->norm, strlen(u->norm), YK_TM_WORDS);
    else
        yk_tm_tokenize(&s->ut, u->source, strlen(u->source), YK_TM_WORDS);
    m = s->ut.n;
    len = n > m ? n : m;
    k = yk_tm_max_distance(len, L->o->min_score);
    if ((n > m ? n - m : m - n) > k)
        return 0;
    d = yk_tm_distance_bounded(s->qt.id, n, s->ut.id, m, k);
    if (d > k)
        return 0;
    score = yk_tm_score_of(d, n, m);
    if (score == 100 && strcmp(u->source, L->query) != 0)
        score = 99;
    if (score < L->o->min_score)
        return 0;

    memset(&x, 0, sizeof(x));
    x.score = score;
    x.context = score == 100 && L->o->chapter && u->chapter && strcmp(u->chapter, L->o->chapter) == 0;
    x.date = dup_or_null(u->date);
    x.unit = u->id;
    /* cheap reject before building strings: worse than the last kept one */
    if (L->res->n >= L->o->max && match_cmp(&x, &L->res->v[L->res->n - 1]) >= 0) {
        free((char *)x.date);
        return 0;
    }
    x.source = yk_xstrdup(u->source);
    x.memory_target = yk_xstrdup(u->target);
    x.origin = yk_xstrdup(u->origin);
    x.project = dup_or_null(u->project);
    x.file = dup_or_null(u->file);
    x.translator = dup_or_null(u->translator);
    x.chapter = dup_or_null(u->chapter);
    x.source_lang = yk_xstrdup(u->src_lang);
    x.target_lang = yk_xstrdup(u->tgt_lang);
    yk_tm_tokenize(&s->st, u->source, strlen(u->source), YK_TM_WORDS);
    yk_buf_clear(&s->buf);
    yk_tm_diff(&s->buf, u->source, &s->st, L->query, &s->qt, yk_tm_mode_for(u->src_lang));
    x.diff = yk_xstrdup(s->buf.buf);
    yk_buf_clear(&s->buf);
    mask = score == 100 ? 0 : yk_tm_substitute(&s->buf, L->query, &s->qt, u->source, &s->st,
                                               u->target);
    x.target = yk_xstrdup(mask ? s->buf.buf : u->target);
    x.substituted = mask == 1 ? "numbers" : mask == 2 ? "markup" : mask == 3 ? "numbers, markup"
                                                                             : NULL;
    /* insert in order, drop what falls off the end */
    {
        yk_tm_matches *r = L->res;
        size_t pos = r->n;
        while (pos > 0 && match_cmp(&x, &r->v[pos - 1]) < 0)
            pos--;
        r->v = yk_xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
        memmove(&r->v[pos + 1], &r->v[pos], (r->n - pos) * sizeof(*r->v));
        r->v[pos] = x;
        r->n++;
        if (r->n > L->o->max) {
            match_release(&r->v[r->n - 1]);
            r->n--;
        }
    }
    return 0;
}

typedef struct qgram {
    int64_t gram, df;
    unsigned c; /* occurrences in the query */
} qgram;

static int cmp_qgram_df(const void *a, const void *b)
{
    const qgram *x = a, *y = b;
    return x->df < y->df ? -1 : x->df > y->df;
}

typedef struct scan {
    yk_tm_searcher *s;
    unsigned c;
} scan;

static void count_grow(yk_tm_searcher *s, uint64_t id)
{
    size_t cap = s->count_cap * 2 > id + 1 ? s->count_cap * 2 : (size_t)id + 1;
    s->count = yk_xrealloc(s->count, cap * sizeof(*s->count));
    memset(s->count + s->count_cap, 0, (cap - s->count_cap) * sizeof(*s->count));
    s->count_cap = cap;
}

static int on_chunk(const unsigned char *ids, size_t len, size_t n, void *payload)
{
    scan *sc = payload;
    yk_tm_searcher *s = sc->s;
    const unsigned char *p = ids, *end = ids + len;
    uint64_t id = 0;
    size_t i;
    if (s->touched_cap < s->ntouched + n) {
        s->touched_cap = (s->ntouched + n) * 2;
        s->touched = yk_xrealloc(s->touched, s->touched_cap * sizeof(*s->touched));
    }
    for (i = 0; i < n && p < end; i++) {
        uint64_t z = yk_store_tm_varint(&p, end);
        id += (z >> 1) ^ (~(z & 1) + 1); /* zigzag */
        if (id >= s->count_cap)
            count_grow(s, id);
        if (s->count[id] == 0)
            s->touched[s->ntouched++] = (int64_t)id;
        s->count[id] = (uint16_t)(s->count[id] + sc->c > 65535 ? 65535 : s->count[id] + sc->c);
    }
    return 0;
}

typedef struct cand {
    int64_t id;
    unsigned count;
} cand;

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->id > y->id ? -1 : x->id < y->id;
}

/* The best score a candidate sharing at most 'shared' grams can reach. */
static int score_bound(size_t n, size_t shared)
{
    size_t d = shared >= n + 1 ? 0 : (n + 1 - shared + 1) / 2;
    return yk_tm_score_of(d, n, n);
}

/* 1 when unit 'id' is in the pair and within the score's distance of the
 * query, 0 when not, or an error: the cheap test before the whole row. */
static int quick_check(yk_tm_searcher *s, int64_t id, int min_score)
{
    int64_t pair;
    int ntok, rc;
    const char *norm;
    size_t len, n = s->qt.n, m, k, i;
    unit_memo *memo = memo_slot(s, id);

    if (memo->id == id) {
        if (memo->ntok == MEMO_OTHER_PAIR)
            return 0;
        m = memo->ntok;
        k = yk_tm_max_distance(n > m ? n : m, min_score);
        if ((n > m ? n - m : m - n) > k)
            return 0;
        if (memo->tok)
            return yk_tm_distance_bounded(s->qt.id, n, memo->tok, m, k) <= k;
    }
    if ((rc = yk_store_tm_unit_norm(&pair, &ntok, &norm, &len, s->p->store, id)) < 0)
        return rc;
    for (i = 0; i < s->npairs && s->pair_ids[i] != pair; i++)
        ;
    if (memo->id != id) {
        memo->id = id;
        memo->ntok = i == s->npairs ? MEMO_OTHER_PAIR : (uint32_t)ntok;
        memo->tok = NULL;
        s->memo_used++;
    }
    if (i == s->npairs)
        return 0;
    m = (size_t)ntok;
    k = yk_tm_max_distance(n > m ? n : m, min_score);
    if ((n > m ? n - m : m - n) > k)
        return 0;
    yk_tm_tokenize(&s->ut, norm, len, YK_TM_WORDS);
    m = s->ut.n;
    if (m == memo->ntok) {
        memo->tok = yk_xmalloc((m + 1) * sizeof(*memo->tok));
        memcpy(memo->tok, s->ut.id, m * sizeof(*memo->tok));
        s->memo_tokens += m + 1;
    }
    k = yk_tm_max_distance(n > m ? n : m, min_score);
    return yk_tm_distance_bounded(s->qt.id, n, s->ut.id, m, k) <= k;
}

static int search(yk_tm_matches **out, yk_tm_searcher *s, const char *text, size_t len,
                  const yk_tm_search_options *o)
{
    lookup L;
    qgram *q = NULL;
    int64_t *g = NULL;
    cand *cands = NULL;
    size_t n, ng, nq = 0, i, ncand = 0, dropped = 0, T, need, kn, kn1;
    int rc = YK_OK;
    char *query = NULL;

    *out = NULL;
    if (o->min_score < 50 || o->min_score > 100)
        return yk_error_set(YK_EINVAL,
                            "minimum score %d is out of range (50-100: lower scores are not "
                            "useful matches)",
                            o->min_score);
    query = yk_xstrndup(text, len);
    L.s = s;
    L.query = query;
    L.qlen = len;
    L.o = o;
    L.res = yk_xcalloc(1, sizeof(*L.res));
    L.from_pending = 0;
    if (o->max == 0)
        goto done;
    yk_tm_tokenize(&s->qt, query, len, yk_tm_mode_for(s->src));
    n = s->qt.n;
    if (n == 0 || s->npairs == 0)
        goto pending;

    /* the shared-gram bound over every admissible candidate length */
    kn = yk_tm_max_distance(n, o->min_score);
    kn1 = yk_tm_max_distance(n + 1, o->min_score);
    T = n + 1 - 2 * kn;
    if (n + 2 - 2 * kn1 < T)
        T = n + 2 - 2 * kn1;

    ng = n + 1;
    g = yk_xmalloc(ng * sizeof(*g));
    grams_of(g, s->pair, s->qt.id, n);
    qsort(g, ng, sizeof(*g), cmp_i64);
    q = yk_xmalloc(ng * sizeof(*q));
    for (i = 0; i < ng; i++) {
        if (nq && q[nq - 1].gram == g[i]) {
            q[nq - 1].c++;
            continue;
        }
        q[nq].gram = g[i];
        q[nq].c = 1;
        if ((rc = yk_store_tm_postings_count(&q[nq].df, s->p->store, g[i])) < 0)
            goto done;
        nq++;
    }
    qsort(q, nq, sizeof(*q), cmp_qgram_df);
    /* leave out the most frequent grams while the rest still proves a
     * match (T - dropped >= 1) and keeps half the bound */
    while (nq > 0 && q[nq - 1].df > DROP_MIN_DF &&
           dropped + q[nq - 1].c + (T + 1) / 2 <= T && dropped + q[nq - 1].c < T) {
        dropped += q[nq - 1].c;
        nq--;
    }
    need = T - dropped;
    s->ntouched = 0;
    for (i = 0; i < nq; i++) {
        scan sc = {s, q[i].c};
        if (q[i].df == 0)
            continue;
        if ((rc = yk_store_tm_postings_foreach(s->p->store, q[i].gram, on_chunk, &sc)) < 0)
            goto done;
    }
    cands = yk_xmalloc((s->ntouched + 1) * sizeof(*cands));
    for (i = 0; i < s->ntouched; i++) {
        int64_t id = s->touched[i];
        if (s->count[id] >= need) {
            cands[ncand].id = id;
            cands[ncand].count = s->count[id];
            ncand++;
        }
        s->count[id] = 0;
    }
    s->ntouched = 0;
    qsort(cands, ncand, sizeof(*cands), cmp_cand);
    for (i = 0; i < ncand; i++) {
        if (L.res->n >= o->max &&
            score_bound(n, cands[i].count + dropped) < L.res->v[L.res->n - 1].score)
            break;
        if ((rc = quick_check(s, cands[i].id, o->min_score)) <= 0) {
            if (rc == YK_ENOTFOUND)
                yk_error_clear();
            if (rc == 0 || rc == YK_ENOTFOUND)
                continue;
            goto done;
        }
        rc = yk_store_tm_unit_get(s->p->store, cands[i].id, on_candidate, &L);
        if (rc == YK_ENOTFOUND) {
            yk_error_clear();
            rc = YK_OK;
        }
        if (rc < 0)
            goto done;
    }
pending:
    /* units the triggers added since the last sync: checked one by one */
    L.from_pending = 1;
    if (s->npairs && (rc = yk_store_tm_pending(s->p->store, 0, 1 << 30, on_candidate, &L)) < 0)
        goto done;
done:
    free(cands);
    free(q);
    free(g);
    free(query);
    if (rc < 0) {
        yk_tm_matches_free(L.res);
        return rc;
    }
    *out = L.res;
    return YK_OK;
}

int yk_tm_searcher_search(yk_tm_matches **out, yk_tm_searcher *s, const char *text, size_t len,
                          const yk_tm_search_options *o)
{
    int began = yk_store_tm_read_begin(s->p->store), rc;
    rc = search(out, s, text, len, o);
    yk_store_tm_read_end(s->p->store, began);
    return rc;
}

int yk_tm_search(yk_tm_matches **out, yk_project *p, const char *lang, const char *text,
                 size_t len, const yk_tm_search_options *o)
{
    yk_tm_searcher *s = NULL;
    int rc;
    *out = NULL;
    if ((rc = yk_tm_searcher_open(&s, p, lang, o->source_lang)) < 0)
        return rc;
    rc = yk_tm_searcher_search(out, s, text, len, o);
    yk_tm_searcher_close(s);
    return rc;
}

/* ---- pretranslate ---- */

typedef struct new_seg {
    char *chapter, *source;
    int n;
} new_seg;

typedef struct seg_list {
    new_seg *v;
    size_t n, cap;
} seg_list;

static int collect_new(const yk_segment_info *si, void *payload)
{
    seg_list *l = payload;
    l->v = yk_xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
    l->v[l->n].chapter = yk_xstrdup(si->chapter);
    l->v[l->n].source = yk_xstrdup(si->source);
    l->v[l->n].n = si->n;
    l->n++;
    return 0;
}

typedef struct seg_state {
    int64_t id;
    int is_new;
} seg_state;

static int on_seg_state(const yk_store_segment_state *st, void *payload)
{
    seg_state *ss = payload;
    ss->id = st->id;
    ss->is_new = strcmp(st->state, "new") == 0;
    return 0;
}

int yk_tm_pretranslate(yk_pretranslate_result *out, yk_project *p, const char *lang,
                       const yk_pretranslate_options *opts)
{
    yk_segment_filter f = YK_SEGMENT_FILTER_INIT;
    yk_tm_search_options so = YK_TM_SEARCH_OPTIONS_INIT;
    yk_tm_searcher *s = NULL;
    seg_list l = {NULL, 0, 0};
    yk_buf note = YK_BUF_INIT;
    char norm[36], now[32];
    size_t i;
    int rc;

    memset(out, 0, sizeof(*out));
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    if (opts->min_score < 50 || opts->min_score > 100)
        return yk_error_set(YK_EINVAL, "minimum score %d is out of range (50-100)",
                            opts->min_score);
    yk_lang_normalize(norm, lang);
    if ((rc = yk_tm_sync(p)) < 0)
        return rc;
    f.lang = norm;
    f.state = "new";
    f.chapter = opts->chapter;
    if ((rc = yk_segments_foreach(p, &f, collect_new, &l)) < 0)
        goto done;
    if ((rc = yk_tm_searcher_open(&s, p, norm, NULL)) < 0)
        goto done;
    yk_core_now(now);
    so.min_score = opts->min_score;
    so.max = 1;
    for (i = 0; i < l.n; i++) {
        yk_tm_matches *m = NULL;
        seg_state ss = {0, 0};
        const yk_tm_match *x;
        out->considered++;
        so.chapter = l.v[i].chapter;
        if ((rc = yk_tm_searcher_search(&m, s, l.v[i].source, strlen(l.v[i].source), &so)) < 0)
            goto done;
        if (m->n == 0) {
            yk_tm_matches_free(m);
            continue;
        }
        x = &m->v[0];
        /* checked again inside the transaction: never overwrite a translation */
        rc = yk_store_segment_lookup(p->store, l.v[i].chapter, l.v[i].n, norm, on_seg_state, &ss);
        if (rc == YK_OK && ss.is_new)
            rc = yk_store_translation_put(p->store, ss.id, norm, x->target, "fuzzy", yk_core_user(p), now,
                                          "pretranslate");
        if (rc == YK_OK && ss.is_new) {
            yk_buf_clear(&note);
            yk_buf_printf(&note, "tm %d%%%s from %s", x->score, x->context ? " (context)" : "",
                          x->origin);
            if (x->project)
                yk_buf_printf(&note, " '%s'", x->project);
            if (x->file)
                yk_buf_printf(&note, " %s", x->file);
            if (x->translator)
                yk_buf_printf(&note, " by %s", x->translator);
            if (x->date)
                yk_buf_printf(&note, " %.10s", x->date);
            if (x->substituted)
                yk_buf_printf(&note, "; %s substituted", x->substituted);
            rc = yk_store_tm_note_set(p->store, ss.id, norm, note.buf,
                                      strcmp(x->source, l.v[i].source) ? x->source : NULL);
            out->filled++;
            out->exact += x->score == 100;
            out->substituted += x->substituted != NULL;
        }
        yk_tm_matches_free(m);
        if (rc < 0)
            goto done;
    }
done:
    for (i = 0; i < l.n; i++) {
        free(l.v[i].chapter);
        free(l.v[i].source);
    }
    free(l.v);
    yk_buf_release(&note);
    yk_tm_searcher_close(s);
    return rc;
}
