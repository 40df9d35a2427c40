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
    uint64_t h = hash_of(key, len);
    struct yk_ck_map_slot *sl;
    if ((m->count + 1) * 4 >= m->cap * 3)
        grow(m);
    sl = find(m, key, len, h);
    if (inserted)
        *inserted = !sl->hash;
    if (!sl->hash) {
        sl->hash = h;
        sl->key = yk_xstrndup(key, len);
        sl->len = len;
        sl->value = 0;
        m->count++;
    }
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
    size_t i;
    for (i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}
