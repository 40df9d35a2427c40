/*
 * Setting the last-error slot.  The library reports errors here and returns a
 * code; only the CLI prints them.
 */
#ifndef YK_UTIL_ERROR_H
#define YK_UTIL_ERROR_H

#include <yaku/common.h>

#if defined(__GNUC__)
#define YK_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define YK_NORETURN __attribute__((noreturn))
#else
#define YK_PRINTF(a, b)
#define YK_NORETURN
#endif

/* Set the last error and return 'code', so callers can write
 * 'return yk_error_set(YK_EINVAL, "...")'. */
int yk_error_set(int code, const char *fmt, ...) YK_PRINTF(2, 3);

/* Same, with the location in an input file. */
int yk_error_set_at(int code, const char *file, int line, int column, const char *fmt, ...)
    YK_PRINTF(5, 6);

/* Attach a file name to the last error if it has none yet (a parser knows the
 * line, its caller knows the file). */
void yk_error_set_file(const char *file);

/* Make 'e' (an error taken from another thread's slot) this thread's last
 * error. */
void yk_error_restore(const yk_error *e);

/* A bug: print and abort. */
YK_NORETURN void yk_bug(const char *file, int line, const char *msg);
#define YK_BUG(msg) yk_bug(__FILE__, __LINE__, (msg))

#endif
