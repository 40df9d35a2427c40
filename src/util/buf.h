/*
 * yk_buf: a growable byte buffer.
 *
 * Invariants (after git's strbuf.h): 'buf' is never NULL and always
 * NUL-terminated, so it can be printed; 'len' bytes are valid and may include
 * NULs.  YK_BUF_INIT points at a shared empty string until the first append.
 * An optional 'limit' caps growth for untrusted input: appends past it fail
 * with YK_ETOOBIG and leave the buffer as it was.
 */
#ifndef YK_UTIL_BUF_H
#define YK_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "util/error.h"

typedef struct yk_buf {
    char *buf;
    size_t len;
    size_t cap;   /* 0 while buf is the shared empty string */
    size_t limit; /* 0: no limit */
} yk_buf;

extern char yk_buf_empty[];
#define YK_BUF_INIT {yk_buf_empty, 0, 0, 0}

int yk_buf_grow(yk_buf *b, size_t extra);
int yk_buf_put(yk_buf *b, const void *data, size_t len);
int yk_buf_puts(yk_buf *b, const char *s);
/* Inline: renderers write many single bytes, and the call through
 * yk_buf_put cost several times the store itself. */
static inline int yk_buf_putc(yk_buf *b, char c)
{
    if (b->len + 2 <= b->cap && (!b->limit || b->len + 1 <= b->limit)) {
        b->buf[b->len++] = c;
        b->buf[b->len] = '\0';
        return YK_OK;
    }
    return yk_buf_put(b, &c, 1);
}
int yk_buf_printf(yk_buf *b, const char *fmt, ...) YK_PRINTF(2, 3);
int yk_buf_vprintf(yk_buf *b, const char *fmt, va_list ap);
void yk_buf_truncate(yk_buf *b, size_t len);
void yk_buf_clear(yk_buf *b);
/* Hand the bytes over to the caller (free() them); the buffer is reset. */
char *yk_buf_detach(yk_buf *b, size_t *len);
void yk_buf_release(yk_buf *b);

#endif
