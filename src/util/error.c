/*
 * The last-error slot: one per thread, filled where an error is found.
 */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local yk_error last;

const yk_error *yk_error_last(void)
{
    return &last;
}

void yk_error_clear(void)
{
    memset(&last, 0, sizeof(last));
}

static int set_v(int code, const char *file, int line, int column, const char *fmt, va_list ap)
{
    last.code = code;
    vsnprintf(last.message, sizeof(last.message), fmt, ap);
    snprintf(last.file, sizeof(last.file), "%s", file ? file : "");
    last.line = line;
    last.column = column;
    return code;
}

int yk_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(code, NULL, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

int yk_error_set_at(int code, const char *file, int line, int column, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    set_v(code, file, line, column, fmt, ap);
    va_end(ap);
    return code;
}

void yk_error_restore(const yk_error *e)
{
    last = *e;
}

void yk_error_set_file(const char *file)
{
    if (!last.file[0] && file)
        snprintf(last.file, sizeof(last.file), "%s", file);
}

void yk_bug(const char *file, int line, const char *msg)
{
    fprintf(stderr, "yaku: BUG: %s:%d: %s\n", file, line, msg);
    abort();
}
