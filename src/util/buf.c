/*
 * Growable byte buffer with an optional ceiling for untrusted input.
 */
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

char yk_buf_empty[1];

int yk_buf_grow(yk_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need < b->len)
        return yk_error_set(YK_ETOOBIG, "buffer size overflow");
    if (b->limit && need - 1 > b->limit)
        return yk_error_set(YK_ETOOBIG, "input larger than %zu bytes", b->limit);
    if (need <= b->cap)
        return YK_OK;
    if (b->cap == 0) {
        size_t cap = 0;
        b->buf = yk_xgrow(NULL, &cap, need, 1);
        b->buf[0] = '\0';
        b->cap = cap;
    } else {
        b->buf = yk_xgrow(b->buf, &b->cap, need, 1);
    }
    return YK_OK;
}

int yk_buf_put(yk_buf *b, const void *data, size_t len)
{
    int rc;
    if (len == 0)
        return YK_OK;
    if ((rc = yk_buf_grow(b, len)) < 0)
        return rc;
    memmove(b->buf + b->len, data, len);
    b->len += len;
    b->buf[b->len] = '\0';
    return YK_OK;
}

int yk_buf_puts(yk_buf *b, const char *s)
{
    return yk_buf_put(b, s, strlen(s));
}

int yk_buf_vprintf(yk_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n, rc;
    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return yk_error_set(YK_ERROR, "bad format string");
    if ((rc = yk_buf_grow(b, (size_t)n)) < 0)
        return rc;
    vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return YK_OK;
}

int yk_buf_printf(yk_buf *b, const char *fmt, ...)
{
    va_list ap;
    int rc;
    va_start(ap, fmt);
    rc = yk_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

void yk_buf_truncate(yk_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->buf[len] = '\0';
    }
}

void yk_buf_clear(yk_buf *b)
{
    yk_buf_truncate(b, 0);
}

char *yk_buf_detach(yk_buf *b, size_t *len)
{
    char *p = b->cap ? b->buf : yk_xstrdup("");
    if (len)
        *len = b->len;
    b->buf = yk_buf_empty;
    b->len = b->cap = 0;
    return p;
}

void yk_buf_release(yk_buf *b)
{
    if (b->cap)
        free(b->buf);
    b->buf = yk_buf_empty;
    b->len = b->cap = 0;
}

void yk_bytes_release(yk_bytes *b)
{
    if (b) {
        free(b->data);
        b->data = NULL;
        b->len = 0;
    }
}
