/*
 * Allocation that cannot fail: out of memory prints and aborts, so callers
 * never carry an "allocation failed" path.
 */
#ifndef YK_UTIL_XALLOC_H
#define YK_UTIL_XALLOC_H

#include <stddef.h>

void *yk_xmalloc(size_t n);
void *yk_xcalloc(size_t count, size_t size);
void *yk_xrealloc(void *p, size_t n);
/* Grow an array of 'size'-byte elements to hold at least 'need'; '*cap' is updated. */
void *yk_xgrow(void *p, size_t *cap, size_t need, size_t size);
char *yk_xstrdup(const char *s);
char *yk_xstrndup(const char *s, size_t n);

#endif
