/*
 * A string-keyed open-addressing hash map from text to a size_t, for the
 * book-wide checks (one pass over 100k segments).  Keys are copied.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/xalloc.h"

struct yk_ck_map_slot {
    char *key;
    size_t len;
    uint64_t hash;
    size_t value;
};

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

/** ## Map */

static uint64_t hash_of(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

static struct yk_ck_map_slot *find(const yk_ck_map *m, const char *key, size_t len, uint64_t h)
{
    size_t i = (size_t)h & (m->cap - 1);
    for (;;) {
        struct yk_ck_map_slot *sl = &m->slots[i];
        if (!sl->hash || (sl->hash == h && sl->len == len && memcmp(sl->key, key, len) == 0))
            return sl;
        i = (i + 1) & (m->cap - 1);
    }
}

static void grow(yk_ck_map *m)
{
    struct yk_ck_map_slot *old = m->slots;
    size_t oldcap = m->cap, i;
    m->cap = oldcap ? oldcap * 2 : 64;
    m->slots = yk_xcalloc(m->cap, sizeof(*m->slots));
    for (i = 0; i < oldcap; i++)
        if (old[i].hash)
            *find(m, old[i].key, old[i].len, old[i].hash) = old[i];
    free(old);
}

size_t *yk_ck_map_at(yk_ck_map *m, const char *key, size_t len, int *inserted)
{
    return yk_ck_map_put(m, key, len, inserted, NULL);
}

size_t *yk_ck_map_put(yk_ck_map *m, const char *key, size_t len, int *inserted,
                      const char **stored)
{
    uint64_t h = hash_of(key, len);
    struct yk_ck_map_slot *sl;
    if ((m->count + 1) * 4 >= m->cap * 3)
        grow(m);
    sl = find(m, key, len, h);
    if (inserted)
        *inserted = !sl->hash;
    if (!sl->hash) {
        sl->hash = h;
        sl->key = yk_ck_arena_strndup(&m->keys, key, len);
        sl->len = len;
        sl->value = 0;
        m->count++;
    }
    if (stored)
        *stored = sl->key;
    return &sl->value;
}

size_t *yk_ck_map_get(const yk_ck_map *m, const char *key, size_t len)
{
    struct yk_ck_map_slot *sl;
    if (!m->cap)
        return NULL;
    sl = find(m, key, len, hash_of(key, len));
    return sl->hash ? &sl->value : NULL;
}

void yk_ck_map_release(yk_ck_map *m)
{
    yk_ck_arena_release(&m->keys);
    free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}
