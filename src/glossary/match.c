/*
 * Finding glossary terms in segment text.  Text and terms are cut into the
 * same keys: a case-folded, lightly stemmed word for alphabetic text
 * (maintainers → maintainer, forked → fork), one key per Han, kana or
 * Hangul character (so 开源 is found inside 开源社区), significant white
 * space only between two words or two CJK characters (오픈소스 is not
 * 오픈 소스), and a barrier over URLs, code spans, link destinations, HTML
 * tags and shortcodes.  The glossary's terms form a trie over those keys,
 * so a segment costs one walk per token whatever the glossary's size.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "glossary/glossary.h"
#include "segment/words.h"
#include "store/glossary.h"
#include "util/buf.h"
#include "util/xalloc.h"
#include "util/banned.h"

#define BARRIER "\x01" /* never part of a term's keys */
#define RAW_SEP '\x1f'

/** A small arena: strings live as long as the glossary */

typedef struct arena_block {
    struct arena_block *next;
    size_t used, cap;
    char data[];
} arena_block;

static char *arena_dup(arena_block **a, const char *s, size_t len)
{
    arena_block *b = *a;
    char *p;
    if (!b || b->cap - b->used < len + 1) {
        size_t cap = len + 1 > 60000 ? len + 1 : 60000;
        b = yk_xmalloc(sizeof(*b) + cap);
        b->next = *a;
        b->used = 0;
        b->cap = cap;
        *a = b;
    }
    p = b->data + b->used;
    memcpy(p, s, len);
    p[len] = '\0';
    b->used += len + 1;
    return p;
}

static const char *arena_str(arena_block **a, const char *s)
{
    return s ? arena_dup(a, s, strlen(s)) : NULL;
}

/** Keys */

typedef struct key {
    size_t off, len;   /* bytes of the text */
    size_t koff, klen; /* the key in the key buffer */
    yk_token_kind kind;
    int barrier;
} key;

typedef struct keys {
    key *v;
    size_t n, cap;
    yk_buf buf;
    yk_token *tok;
    size_t ntok, tokcap;
} keys;

static void keys_release(keys *k)
{
    free(k->v);
    free(k->tok);
    yk_buf_release(&k->buf);
}

static int ends(const char *w, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m && memcmp(w + n - m, suf, m) == 0;
}

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/*
 * English inflection, just enough that a glossary's base form finds its
 * plurals, possessives and -ed/-ing forms: both sides go through the same
 * function, so "release", "releases", "released" and "releasing" all
 * become "releas".  Only for words of ASCII letters.
 */
static size_t stem(char *w, size_t n)
{
    size_t i;
    if (n >= 4 && ends(w, n, "'s"))
        n -= 2;
    else if (n >= 6 && ends(w, n, "\xE2\x80\x99s"))
        n -= 4;
    else if (n >= 3 && (ends(w, n, "s'") || ends(w, n, "s\xE2\x80\x99")))
        n -= w[n - 1] == '\'' ? 1 : 3;
    for (i = 0; i < n; i++)
        if (!((w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z')))
            return n;
    if (n >= 5 && ends(w, n, "ies")) {
        n -= 2;
        w[n - 1] = 'y';
    } else if (n >= 5 && ends(w, n, "sses")) {
        n -= 2;
    } else if (n >= 4 && (ends(w, n, "ches") || ends(w, n, "shes") || ends(w, n, "xes") ||
                          ends(w, n, "zes"))) {
        n -= 2;
    } else if (n >= 3 && w[n - 1] == 's' && !ends(w, n, "ss") && !ends(w, n, "us") &&
               !ends(w, n, "is")) {
        n -= 1;
    }
    if (n >= 6 && ends(w, n, "ing")) {
        n -= 3;
    } else if (n >= 5 && ends(w, n, "ied")) {
        n -= 2;
        w[n - 1] = 'y';
    } else if (n >= 5 && ends(w, n, "ed")) {
        n -= 2;
    }
    if (n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) && w[n - 1] != 'l' &&
        w[n - 1] != 's' && w[n - 1] != 'z')
        n--;
    if (n >= 4 && w[n - 1] == 'e')
        n--;
    return n;
}

/* Append the key of one word: folded (or not) and stemmed. */
static void word_key(yk_buf *b, const char *w, size_t len, int fold)
{
    size_t start = b->len;
    if (fold)
        yk_segment_fold(b, w, len);
    else
        yk_buf_put(b, w, len);
    b->len = start + stem(b->buf + start, b->len - start);
    b->buf[b->len] = '\0';
}

static int in_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static int starts_ci(const char *s, size_t len, const char *with)
{
    size_t i, m = strlen(with);
    if (len < m)
        return 0;
    for (i = 0; i < m; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != with[i])
            return 0;
    }
    return 1;
}

/* Find 'c' from i (not past a line break when 'one_line'); len when absent. */
static size_t find_close(const char *t, size_t len, size_t i, const char *close, int one_line)
{
    size_t m = strlen(close);
    for (; i + m <= len; i++) {
        if (one_line && t[i] == '\n')
            return len;
        if (memcmp(t + i, close, m) == 0)
            return i;
    }
    return len;
}

/*
 * Mark the bytes no term may match in: URLs, e-mail addresses, inline code,
 * link and image destinations "](...)" and reference labels "][...]", HTML
 * tags and autolinks, and template shortcodes "{{...}}".
 */
static void mark_zones(unsigned char *mask, const char *t, size_t len)
{
    size_t i = 0, j, e;
    while (i < len) {
        char c = t[i];
        if (c == '`') {
            size_t run = 0;
            while (i + run < len && t[i + run] == '`')
                run++;
            for (j = i + run; j < len;) {
                size_t r = 0;
                if (t[j] != '`') {
                    j++;
                    continue;
                }
                while (j + r < len && t[j + r] == '`')
                    r++;
                if (r == run)
                    break;
                j += r;
            }
            if (j < len) {
                memset(mask + i, 1, j + run - i);
                i = j + run;
            } else {
                i += run;
            }
            continue;
        }
        if (c == ']' && i + 1 < len && (t[i + 1] == '(' || t[i + 1] == '[')) {
            int depth = 0;
            char open = t[i + 1], close = open == '(' ? ')' : ']';
            for (j = i + 1; j < len; j++) {
                if (t[j] == '\\' && j + 1 < len) {
                    j++;
                    continue;
                }
                if (t[j] == open)
                    depth++;
                else if (t[j] == close && --depth == 0)
                    break;
            }
            if (j < len) {
                memset(mask + i + 1, 1, j - i);
                i = j + 1;
                continue;
            }
        }
        if (c == '<' && i + 1 < len &&
            ((unsigned)((t[i + 1] | 0x20) - 'a') < 26u || t[i + 1] == '/' || t[i + 1] == '!' ||
             t[i + 1] == '?')) {
            e = find_close(t, len, i + 1, ">", 0);
            if (e < len) {
                memset(mask + i, 1, e + 1 - i);
                i = e + 1;
                continue;
            }
        }
        if (c == '{' && i + 1 < len && t[i + 1] == '{') {
            e = find_close(t, len, i + 2, "}}", 0);
            if (e < len) {
                memset(mask + i, 1, e + 2 - i);
                i = e + 2;
                continue;
            }
        }
        if ((c | 0x20) == 'h' || (c | 0x20) == 'f' || (c | 0x20) == 'm' || (c | 0x20) == 'w') {
            int url = (i == 0 || !in_word_char(t[i - 1])) &&
                      (starts_ci(t + i, len - i, "http://") ||
                       starts_ci(t + i, len - i, "https://") ||
                       starts_ci(t + i, len - i, "ftp://") ||
                       starts_ci(t + i, len - i, "mailto:") || starts_ci(t + i, len - i, "www."));
            if (url) {
                for (e = i; e < len; e++) {
                    unsigned char u = (unsigned char)t[e];
                    /* like GFM autolinks, up to white space; CJK punctuation ends it too */
                    if (u <= ' ' || u == '<' || u == '>' || u == '"' || u == '`')
                        break;
                    if (u == 0xE3 && e + 1 < len && (unsigned char)t[e + 1] == 0x80)
                        break; /* U+3000..U+303F */
                    if (u == 0xEF && e + 1 < len &&
                        ((unsigned char)t[e + 1] == 0xBC || (unsigned char)t[e + 1] == 0xBD))
                        break; /* full-width forms U+FF00..U+FF7F */
                }
                memset(mask + i, 1, e - i);
                i = e;
                continue;
            }
        }
        if (c == '@' && i > 0 && i + 1 < len && in_word_char(t[i - 1]) &&
            in_word_char(t[i + 1])) {
            size_t a = i;
            while (a > 0 && in_word_char(t[a - 1]))
                a--;
            for (e = i + 1; e < len && in_word_char(t[e]); e++)
                ;
            memset(mask + a, 1, e - a);
            i = e;
            continue;
        }
        i++;
    }
}

static void push_key(keys *k, const yk_token *t, int barrier)
{
    k->v = yk_xgrow(k->v, &k->cap, k->n + 1, sizeof(*k->v));
    k->v[k->n].off = t->off;
    k->v[k->n].len = t->len;
    k->v[k->n].kind = t->kind;
    k->v[k->n].barrier = barrier;
    k->v[k->n].koff = k->buf.len;
    k->v[k->n].klen = 0;
    k->n++;
}

/*
 * Cut 'text' into keys.  'zones': honour the Markdown/URL zones (text, not
 * terms).  White space stays only between two words or two CJK characters.
 */
static int keys_build(keys *k, const char *text, size_t len, int fold, int zones)
{
    unsigned char *mask = NULL;
    size_t i, j;
    int rc;

    k->n = 0;
    yk_buf_clear(&k->buf);
    if ((rc = yk_segment_tokens(&k->tok, &k->ntok, &k->tokcap, text, len)) < 0)
        return rc;
    if (zones && len) {
        mask = yk_xcalloc(len, 1);
        mark_zones(mask, text, len);
    }
    for (i = 0; i < k->ntok; i++) {
        const yk_token *t = &k->tok[i];
        int masked = 0;
        key *x;
        if (mask)
            for (j = 0; j < t->len && !masked; j++)
                masked = mask[t->off + j];
        if (masked) {
            if (k->n && k->v[k->n - 1].barrier) {
                k->v[k->n - 1].len = t->off + t->len - k->v[k->n - 1].off;
                continue;
            }
            push_key(k, t, 1);
            yk_buf_puts(&k->buf, BARRIER);
        } else {
            push_key(k, t, 0);
            if (t->kind == YK_TOKEN_WORD)
                word_key(&k->buf, text + t->off, t->len, fold);
            else if (t->kind == YK_TOKEN_SPACE)
                yk_buf_putc(&k->buf, ' ');
            else
                yk_buf_put(&k->buf, text + t->off, t->len);
        }
        x = &k->v[k->n - 1];
        x->klen = k->buf.len - x->koff;
    }
    free(mask);
    /* white space between a word and a CJK character, or at an edge, is style */
    for (i = 0, j = 0; i < k->n; i++) {
        key *x = &k->v[i];
        if (x->kind == YK_TOKEN_SPACE && !x->barrier) {
            const key *prev = j ? &k->v[j - 1] : NULL;
            const key *next = i + 1 < k->n ? &k->v[i + 1] : NULL;
            if (!prev || !next || prev->barrier || next->barrier || prev->kind != next->kind ||
                (prev->kind != YK_TOKEN_WORD && prev->kind != YK_TOKEN_CJK))
                continue;
        }
        k->v[j++] = *x;
    }
    k->n = j;
    return YK_OK;
}

static int key_eq(const keys *k, size_t i, const char *s, size_t len)
{
    return k->v[i].klen == len && memcmp(k->buf.buf + k->v[i].koff, s, len) == 0;
}

/* The unfolded keys of keys i..j of 'text', joined by RAW_SEP. */
static void raw_key(yk_buf *out, const keys *k, const char *text, size_t i, size_t j)
{
    size_t x;
    yk_buf_clear(out);
    for (x = i; x <= j; x++) {
        if (x > i)
            yk_buf_putc(out, RAW_SEP);
        if (k->v[x].kind == YK_TOKEN_WORD)
            word_key(out, text + k->v[x].off, k->v[x].len, 0);
        else
            yk_buf_put(out, k->buf.buf + k->v[x].koff, k->v[x].klen);
    }
}

/** The trie: nodes, and edges in one open-addressing hash table */

typedef struct edge {
    uint32_t parent, child; /* child 0: empty slot (the root is never a child) */
    uint64_t hash;
    const char *key;
    size_t klen;
} edge;

typedef struct entry {
    long long id;
    const char *concept, *source, *note, *raw;
    int case_sensitive;
    int64_t concept_id;
    size_t targets_at, ntargets, forbidden_at, nforbidden; /* into yk_glossary.terms */
    const char *const *targets, *const *forbidden;
    long next; /* next entry with the same keys, -1 */
} entry;

struct yk_glossary {
    arena_block *arena;
    entry *entries;
    size_t nentries, entries_cap;
    long *node_entry; /* first entry ending at each node, -1 */
    size_t nnodes, nodes_cap;
    edge *edges;
    size_t nedges, edges_cap; /* edges_cap: power of two */
    const char **terms;       /* target and forbidden strings, grouped */
    size_t nterms, terms_cap;
};

static uint64_t hash_key(uint32_t parent, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL ^ parent;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

static uint32_t child_of(const yk_glossary *g, uint32_t parent, const char *s, size_t len)
{
    uint64_t h;
    size_t mask, i;
    if (!g->edges_cap)
        return 0;
    h = hash_key(parent, s, len);
    mask = g->edges_cap - 1;
    for (i = (size_t)h & mask;; i = (i + 1) & mask) {
        const edge *e = &g->edges[i];
        if (!e->child)
            return 0;
        if (e->hash == h && e->parent == parent && e->klen == len && memcmp(e->key, s, len) == 0)
            return e->child;
    }
}

static void edge_place(edge *tab, size_t cap, const edge *e)
{
    size_t i, mask = cap - 1;
    for (i = (size_t)e->hash & mask; tab[i].child; i = (i + 1) & mask)
        ;
    tab[i] = *e;
}

static uint32_t add_child(yk_glossary *g, uint32_t parent, const char *s, size_t len)
{
    edge e;
    uint32_t c = child_of(g, parent, s, len);
    if (c)
        return c;
    if ((g->nedges + 1) * 2 > g->edges_cap) {
        size_t cap = g->edges_cap ? g->edges_cap * 2 : 64, i;
        edge *tab = yk_xcalloc(cap, sizeof(*tab));
        for (i = 0; i < g->edges_cap; i++)
            if (g->edges[i].child)
                edge_place(tab, cap, &g->edges[i]);
        free(g->edges);
        g->edges = tab;
        g->edges_cap = cap;
    }
    g->node_entry = yk_xgrow(g->node_entry, &g->nodes_cap, g->nnodes + 1, sizeof(long));
    g->node_entry[g->nnodes] = -1;
    c = (uint32_t)g->nnodes++;
    e.parent = parent;
    e.child = c;
    e.hash = hash_key(parent, s, len);
    e.key = arena_dup(&g->arena, s, len);
    e.klen = len;
    edge_place(g->edges, g->edges_cap, &e);
    g->nedges++;
    return c;
}

/** Loading */

typedef struct load_walk {
    yk_glossary *g;
    yk_project *p;
    const char *target;
    int64_t concept_id;
    size_t first_entry;  /* entries of the current concept start here */
    size_t group_at;     /* its target-language terms start here in tmp */
    struct tmp_term {
        const char *text, *note;
        int forbidden;
    } *tmp;
    size_t ntmp, tmp_cap;
    yk_buf note;
} load_walk;

/* Give the entries of the concept just read their targets and notes. */
static void close_concept(load_walk *w)
{
    yk_glossary *g = w->g;
    size_t i, k, at = g->nterms, nt = 0, nf = 0;
    /* approved first, then forbidden, each in stored order */
    for (k = 0; k < 2; k++)
        for (i = w->group_at; i < w->ntmp; i++) {
            if (w->tmp[i].forbidden != (int)k)
                continue;
            g->terms = yk_xgrow(g->terms, &g->terms_cap, g->nterms + 1, sizeof(*g->terms));
            g->terms[g->nterms++] = w->tmp[i].text;
            if (k)
                nf++;
            else
                nt++;
        }
    for (i = w->first_entry; i < g->nentries; i++) {
        entry *e = &g->entries[i];
        e->targets_at = at;
        e->ntargets = nt;
        e->forbidden_at = at + nt;
        e->nforbidden = nf;
        /* the concept's note, then the target language's term notes */
        yk_buf_clear(&w->note);
        if (e->note)
            yk_buf_puts(&w->note, e->note);
        for (k = w->group_at; k < w->ntmp; k++) {
            if (!w->tmp[k].note || strstr(w->note.buf, w->tmp[k].note))
                continue;
            if (w->note.len)
                yk_buf_puts(&w->note, "; ");
            yk_buf_puts(&w->note, w->tmp[k].note);
        }
        e->note = w->note.len ? arena_dup(&g->arena, w->note.buf, w->note.len) : NULL;
    }
    w->first_entry = g->nentries;
    w->group_at = w->ntmp;
}

static int load_row(const yk_store_glossary_row *r, void *payload)
{
    load_walk *w = payload;
    yk_glossary *g = w->g;
    if (r->concept_id != w->concept_id) {
        close_concept(w);
        w->concept_id = r->concept_id;
    }
    if (yk_glossary_lang_match(r->lang, w->target)) {
        w->tmp = yk_xgrow(w->tmp, &w->tmp_cap, w->ntmp + 1, sizeof(*w->tmp));
        w->tmp[w->ntmp].text = arena_str(&g->arena, r->term);
        w->tmp[w->ntmp].note = arena_str(&g->arena, r->note);
        w->tmp[w->ntmp].forbidden = r->forbidden;
        w->ntmp++;
    } else if (!r->forbidden && yk_glossary_lang_match(r->lang, w->p->source_lang)) {
        entry *e;
        g->entries = yk_xgrow(g->entries, &g->entries_cap, g->nentries + 1, sizeof(*e));
        e = &g->entries[g->nentries++];
        memset(e, 0, sizeof(*e));
        e->id = r->term_id;
        e->concept_id = r->concept_id;
        e->concept = arena_str(&g->arena, r->concept);
        e->source = arena_str(&g->arena, r->term);
        /* a source term's own note joins the concept note */
        if (r->note && r->concept_note) {
            yk_buf_clear(&w->note);
            yk_buf_printf(&w->note, "%s; %s", r->concept_note, r->note);
            e->note = arena_str(&g->arena, w->note.buf);
        } else {
            e->note = arena_str(&g->arena, r->note ? r->note : r->concept_note);
        }
        e->case_sensitive = r->case_sensitive;
        e->next = -1;
    }
    return 0;
}

static int index_entries(yk_glossary *g)
{
    keys k;
    yk_buf raw = YK_BUF_INIT;
    size_t i, j;
    int rc = YK_OK;

    memset(&k, 0, sizeof(k));
    k.buf = (yk_buf)YK_BUF_INIT;
    g->node_entry = yk_xgrow(g->node_entry, &g->nodes_cap, 1, sizeof(long));
    g->node_entry[0] = -1;
    g->nnodes = 1;
    for (i = 0; i < g->nentries; i++) {
        entry *e = &g->entries[i];
        uint32_t node = 0;
        e->targets = g->terms + e->targets_at;
        e->forbidden = g->terms + e->forbidden_at;
        if ((rc = keys_build(&k, e->source, strlen(e->source), 1, 0)) < 0)
            break;
        if (k.n == 0)
            continue;
        for (j = 0; j < k.n; j++)
            node = add_child(g, node, k.buf.buf + k.v[j].koff, k.v[j].klen);
        if (e->case_sensitive) {
            raw_key(&raw, &k, e->source, 0, k.n - 1);
            e->raw = arena_dup(&g->arena, raw.buf, raw.len);
        }
        /* keep store order among entries with the same keys */
        if (g->node_entry[node] < 0) {
            g->node_entry[node] = (long)i;
        } else {
            long x = g->node_entry[node];
            while (g->entries[x].next >= 0)
                x = g->entries[x].next;
            g->entries[x].next = (long)i;
        }
    }
    keys_release(&k);
    yk_buf_release(&raw);
    return rc;
}

int yk_glossary_load(yk_glossary **out, yk_project *p, const char *target_lang)
{
    yk_glossary *g = yk_xcalloc(1, sizeof(*g));
    load_walk w;
    char norm[36];
    int rc;

    *out = NULL;
    memset(&w, 0, sizeof(w));
    w.note = (yk_buf)YK_BUF_INIT;
    if (yk_lang_normalize(norm, target_lang) < 0) {
        rc = yk_error_set(YK_EINVAL, "'%s' is not a language tag", target_lang);
        goto fail;
    }
    w.g = g;
    w.p = p;
    w.target = norm;
    w.concept_id = -1;
    if ((rc = yk_store_glossary_terms(p->store, NULL, 0, load_row, &w)) < 0)
        goto fail;
    close_concept(&w);
    if ((rc = index_entries(g)) < 0)
        goto fail;
    free(w.tmp);
    yk_buf_release(&w.note);
    *out = g;
    return YK_OK;
fail:
    free(w.tmp);
    yk_buf_release(&w.note);
    yk_glossary_free(g);
    return rc;
}

void yk_glossary_free(yk_glossary *g)
{
    if (!g)
        return;
    while (g->arena) {
        arena_block *next = g->arena->next;
        free(g->arena);
        g->arena = next;
    }
    free(g->entries);
    free(g->node_entry);
    free(g->edges);
    free(g->terms);
    free(g);
}

/** Matching */

static int entry_fits(const entry *e, const keys *k, const char *text, size_t i, size_t j,
                      yk_buf *raw)
{
    if (!e->case_sensitive)
        return 1;
    raw_key(raw, k, text, i, j);
    return strcmp(raw->buf, e->raw) == 0;
}

int yk_glossary_match(yk_term_hit **out, size_t *n, const yk_glossary *g, const char *text,
                      size_t len)
{
    keys k;
    yk_buf raw = YK_BUF_INIT;
    yk_term_hit *hits = NULL;
    size_t nhits = 0, cap = 0, i, j;
    int rc;

    *out = NULL;
    *n = 0;
    if (!g || g->nentries == 0 || len == 0)
        return YK_OK;
    memset(&k, 0, sizeof(k));
    k.buf = (yk_buf)YK_BUF_INIT;
    if ((rc = keys_build(&k, text, len, 1, 1)) < 0)
        goto done;
    for (i = 0; i < k.n;) {
        uint32_t node = 0;
        long best = -1;
        size_t best_end = 0;
        for (j = i; j < k.n; j++) {
            long x;
            if (k.v[j].barrier)
                break;
            node = child_of(g, node, k.buf.buf + k.v[j].koff, k.v[j].klen);
            if (!node)
                break;
            for (x = g->node_entry[node]; x >= 0; x = g->entries[x].next)
                if (entry_fits(&g->entries[x], &k, text, i, j, &raw)) {
                    best = x;
                    best_end = j;
                    break;
                }
        }
        if (best < 0) {
            i++;
            continue;
        }
        {
            const entry *e = &g->entries[best];
            yk_term_hit *h;
            hits = yk_xgrow(hits, &cap, nhits + 1, sizeof(*hits));
            h = &hits[nhits++];
            h->off = k.v[i].off;
            h->len = k.v[best_end].off + k.v[best_end].len - h->off;
            h->source_term = e->source;
            h->target = e->ntargets ? e->targets[0] : NULL;
            h->forbidden = e->forbidden;
            h->nforbidden = e->nforbidden;
            h->note = e->note;
            h->entry_id = e->id;
            h->concept = e->concept;
            h->targets = e->targets;
            h->ntargets = e->ntargets;
        }
        i = best_end + 1;
    }
    *out = hits;
    *n = nhits;
    hits = NULL;
done:
    free(hits);
    keys_release(&k);
    yk_buf_release(&raw);
    return rc;
}

/* The next occurrence of term keys 'kt' (of 'term') in 'kx' (of 'text') at or
 * after key 'from', or (size_t)-1.  'want' is the raw key when the term is
 * case-sensitive, else NULL. */
static size_t find_seq(const keys *kx, const char *text, const keys *kt, const char *want,
                       size_t from, yk_buf *raw)
{
    size_t i, j;
    for (i = from; i + kt->n <= kx->n; i++) {
        for (j = 0; j < kt->n; j++)
            if (kx->v[i + j].barrier ||
                !key_eq(kx, i + j, kt->buf.buf + kt->v[j].koff, kt->v[j].klen))
                break;
        if (j < kt->n)
            continue;
        if (want) {
            raw_key(raw, kx, text, i, i + kt->n - 1);
            if (strcmp(raw->buf, want) != 0)
                continue;
        }
        return i;
    }
    return (size_t)-1;
}

/* Keys of a target term; *want set to its raw key when case-sensitive. */
static int term_keys(keys *kt, yk_buf *want, const char *term, const char **wantp)
{
    *wantp = NULL;
    if (!term || !*term || keys_build(kt, term, strlen(term), 1, 0) < 0 || kt->n == 0)
        return -1;
    if (yk_glossary_auto_case(term)) {
        raw_key(want, kt, term, 0, kt->n - 1);
        *wantp = want->buf;
    }
    return 0;
}

int yk_glossary_target_contains(const yk_glossary *g, const char *target_text, size_t len,
                                const char *term)
{
    keys kt, kx;
    yk_buf raw = YK_BUF_INIT, want = YK_BUF_INIT;
    const char *w;
    int found = 0;

    (void)g;
    if (!target_text)
        return 0;
    memset(&kt, 0, sizeof(kt));
    memset(&kx, 0, sizeof(kx));
    kt.buf = (yk_buf)YK_BUF_INIT;
    kx.buf = (yk_buf)YK_BUF_INIT;
    if (term_keys(&kt, &want, term, &w) == 0 && keys_build(&kx, target_text, len, 1, 1) == 0)
        found = find_seq(&kx, target_text, &kt, w, 0, &raw) != (size_t)-1;
    keys_release(&kt);
    keys_release(&kx);
    yk_buf_release(&raw);
    yk_buf_release(&want);
    return found;
}

const char *yk_glossary_forbidden_in(const yk_glossary *g, const char *target_text, size_t len,
                                     const yk_term_hit *hit)
{
    keys kt, kx;
    yk_buf raw = YK_BUF_INIT, want = YK_BUF_INIT;
    unsigned char *covered = NULL;
    const char *w, *found = NULL;
    size_t i, j, at;

    (void)g;
    if (!target_text || !hit || hit->nforbidden == 0)
        return NULL;
    memset(&kt, 0, sizeof(kt));
    memset(&kx, 0, sizeof(kx));
    kt.buf = (yk_buf)YK_BUF_INIT;
    kx.buf = (yk_buf)YK_BUF_INIT;
    if (keys_build(&kx, target_text, len, 1, 1) < 0 || kx.n == 0)
        goto done;
    covered = yk_xcalloc(kx.n, 1);
    /* an approved term covers its keys: メンテナ inside メンテナー is no finding */
    for (i = 0; i < hit->ntargets; i++) {
        if (term_keys(&kt, &want, hit->targets[i], &w) < 0)
            continue;
        for (at = 0; (at = find_seq(&kx, target_text, &kt, w, at, &raw)) != (size_t)-1; at++)
            memset(covered + at, 1, kt.n);
    }
    for (i = 0; i < hit->nforbidden && !found; i++) {
        if (term_keys(&kt, &want, hit->forbidden[i], &w) < 0)
            continue;
        for (at = 0; !found && (at = find_seq(&kx, target_text, &kt, w, at, &raw)) != (size_t)-1;
             at++)
            for (j = 0; j < kt.n; j++)
                if (!covered[at + j]) {
                    found = hit->forbidden[i];
                    break;
                }
    }
done:
    free(covered);
    keys_release(&kt);
    keys_release(&kx);
    yk_buf_release(&raw);
    yk_buf_release(&want);
    return found;
}
