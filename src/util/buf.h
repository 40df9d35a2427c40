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
int yk_buf_putc(yk_buf *b, char c);
int yk_buf_printf(yk_buf *b, const char *fmt, ...) YK_PRINTF(2, 3);
int yk_buf_vprintf(yk_buf *b, const char *fmt, va_list ap);
void yk_buf_truncate(yk_buf *b, size_t len);
void yk_buf_clear(yk_buf *b);
/* Hand the bytes over to the caller (free() them); the buffer is reset. */
char *yk_buf_detach(yk_buf *b, size_t *len);
void yk_buf_release(yk_buf *b);

#endif
