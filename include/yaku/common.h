/*
 * yaku — common definitions shared by every public header: return codes,
 * the last-error slot and the library version.
 */
#ifndef YAKU_COMMON_H
#define YAKU_COMMON_H

#include <stddef.h>

#define YAKU_VERSION "0.1.0"

/** ## Return codes
 *
 * Fallible functions return YK_OK (0) or one of these negative codes.  The
 * detail (message, and file/line/column when the error is in an input file)
 * is in the last-error slot, see yk_error_last().
 */
enum {
    YK_OK = 0,
    YK_ERROR = -1,     /* anything else */
    YK_EINVAL = -2,    /* bad argument or malformed input */
    YK_ENOTFOUND = -3, /* no such project, chapter, segment, file */
    YK_EEXISTS = -4,   /* already exists */
    YK_ECONFLICT = -5, /* stale revision, claimed by someone else */
    YK_EPERM = -6,     /* role missing, path escaping the project */
    YK_ETOOBIG = -7,   /* input over a size or depth limit */
    YK_EIO = -8,       /* file system error */
    YK_EDB = -9        /* database error, or a database from a newer yaku */
};

/** ## Errors */
typedef struct yk_error {
    int code;
    char message[512];
    char file[256]; /* input file the error is in, or "" */
    int line;       /* 1-based, 0 when unknown */
    int column;     /* 1-based, 0 when unknown */
} yk_error;

/* The last error set in this thread.  Borrowed; valid until the next error. */
const yk_error *yk_error_last(void);

/* Forget the last error. */
void yk_error_clear(void);

/** ## Byte strings returned to the caller */
typedef struct yk_bytes {
    char *data; /* NUL-terminated; owned by the caller */
    size_t len;
} yk_bytes;
void yk_bytes_release(yk_bytes *b);

#endif
