/*
 * Allocation wrappers that abort on exhaustion and on size overflow.
 */
#include "util/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *oom(size_t n)
{
    fprintf(stderr, "yaku: fatal: out of memory allocating %zu bytes\n", n);
    abort();
}

void *yk_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : oom(n);
}

void *yk_xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    return p ? p : oom(count * size);
}

void *yk_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    return q ? q : oom(n);
}

void *yk_xgrow(void *p, size_t *cap, size_t need, size_t size)
{
    size_t c = *cap;
    if (need <= c)
        return p;
    if (c < 8)
        c = 8;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return oom(SIZE_MAX);
        c *= 2;
    }
    if (c > SIZE_MAX / size)
        return oom(SIZE_MAX);
    p = yk_xrealloc(p, c * size);
    *cap = c;
    return p;
}

char *yk_xstrdup(const char *s)
{
    return yk_xstrndup(s, strlen(s));
}

char *yk_xstrndup(const char *s, size_t n)
{
    char *p = yk_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
