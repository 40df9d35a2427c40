/*
 * A string-keyed open-addressing hash map from text to a size_t, for the
 * book-wide checks (one pass over 100k segments).  Keys are copied.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/xalloc.h"

/** ## Arena */

struct yk_ck_block {
    struct yk_ck_block *next;
};

enum { ARENA_BLOCK = 64 * 1024 };

char *yk_ck_arena_strndup(yk_ck_arena *a, const char *s, size_t n)
{
    char *p;
    if (n + 1 > a->left) {
        /* big strings get a block of their own; the current one stays */
        size_t size = n + 1 > ARENA_BLOCK / 4 ? n + 1 : ARENA_BLOCK;
        struct yk_ck_block *b = yk_xmalloc(sizeof(*b) + size);
        b->next = a->head;
        a->head = b;
        p = (char *)(b + 1);
        if (size == ARENA_BLOCK) {
            a->p = p + n + 1;
            a->left = size - (n + 1);
        }
    } else {
        p = a->p;
        a->p += n + 1;
        a->left -= n + 1;
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void yk_ck_arena_release(yk_ck_arena *a)
{
    while (a->head) {
        struct yk_ck_block *b = a->head;
        a->head = b->next;
        free(b);
    }
    a->p = NULL;
    a->left = 0;
}

/** ## Map
 *
 * Open addressing over a compact slot array (8 bytes a slot: the high half
 * of the hash and the entry number) with the entries in a dense array: 100k
 * keys probe 1 MB of slots, not the entries, and growing rehashes the dense
 * array without comparing keys. */

struct yk_ck_map_entry {
    const char *key;
    size_t len;
    uint64_t hash;
    size_t value;
};

/* Eight bytes at a time, then a final mix (MurmurHash3's fmix64). */
static uint64_t hash_of(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)len, w;
    while (len >= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
        s += 8;
        len -= 8;
    }
    w = 0;
    memcpy(&w, s, len);
    h ^= w;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    return h;
}

#define TAG(h) ((h) & 0xFFFFFFFF00000000ULL)

/* The slot holding key, or the empty slot where it would go. */
static uint64_t *find(const yk_ck_map *m, const char *key, size_t len, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);
    for (;;) {
        uint64_t *sl = &m->slots[i];
        if (!*sl)
            return sl;
        if (TAG(*sl) == TAG(h)) {
            const struct yk_ck_map_entry *e = &m->ents[(*sl & 0xFFFFFFFFULL) - 1];
            if (e->hash == h && e->len == len && memcmp(e->key, key, len) == 0)
                return sl;
        }
        i = (i + 1) & (m->cap - 1);
    }
}

static void grow(yk_ck_map *m)
{
    size_t i;
    m->cap = m->cap ? m->cap * 2 : 64;
    free(m->slots);
    m->slots = yk_xcalloc(m->cap, sizeof(*m->slots));
    for (i = 0; i < m->count; i++) {
        size_t j = (size_t)m->ents[i].hash & (m->cap - 1);
        while (m->slots[j])
            j = (j + 1) & (m->cap - 1);
        m->slots[j] = TAG(m->ents[i].hash) | (uint64_t)(i + 1);
    }
}

size_t *yk_ck_map_at(yk_ck_map *m, const char *key, size_t len, int *inserted)
{
    return yk_ck_map_put(m, key, len, inserted, NULL);
}

size_t *yk_ck_map_put(yk_ck_map *m, const char *key, size_t len, int *inserted,
                      const char **stored)
{
    uint64_t h = hash_of(key, len), *sl;
    struct yk_ck_map_entry *e;
    if ((m->count + 1) * 4 >= m->cap * 3)
        grow(m);
    sl = find(m, key, len, h);
    if (inserted)
        *inserted = !*sl;
    if (!*sl) {
        m->ents = yk_xgrow(m->ents, &m->ecap, m->count + 1, sizeof(*m->ents));
        e = &m->ents[m->count++];
        e->key = yk_ck_arena_strndup(&m->keys, key, len);
        e->len = len;
        e->hash = h;
        e->value = 0;
        *sl = TAG(h) | (uint64_t)m->count;
    } else {
        e = &m->ents[(*sl & 0xFFFFFFFFULL) - 1];
    }
    if (stored)
        *stored = e->key;
    return &e->value;
}

size_t *yk_ck_map_get(const yk_ck_map *m, const char *key, size_t len)
{
    uint64_t *sl;
    if (!m->cap)
        return NULL;
    sl = find(m, key, len, hash_of(key, len));
    return *sl ? &m->ents[(*sl & 0xFFFFFFFFULL) - 1].value : NULL;
}

const char *yk_ck_map_entry(const yk_ck_map *m, size_t i, size_t *len, size_t **value)
{
    struct yk_ck_map_entry *e = &m->ents[i];
    *len = e->len;
    *value = &e->value;
    return e->key;
}

uint64_t yk_ck_hash(const char *s, size_t len)
{
    return hash_of(s, len);
}

void yk_ck_map_release(yk_ck_map *m)
{
    yk_ck_arena_release(&m->keys);
    free(m->slots);
    free(m->ents);
    m->slots = NULL;
    m->ents = NULL;
    m->cap = m->count = m->ecap = 0;
}
