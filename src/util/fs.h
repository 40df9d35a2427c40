/*
 * File system helpers: bounded reads, atomic writes (temp file in the same
 * directory, fsync, rename, after git's lockfile.h) and path containment.
 */
#ifndef YK_UTIL_FS_H
#define YK_UTIL_FS_H

#include <stddef.h>

#include "util/buf.h"

/* Read a whole file into 'out' (appended).  Files over 'limit' bytes fail with
 * YK_ETOOBIG; a missing file with YK_ENOTFOUND; other errors YK_EIO. */
int yk_fs_read(yk_buf *out, const char *path, size_t limit);

/* The same in pieces, for a file read as it is parsed.  yk_fs_open_read()
 * opens 'path' for reading (*fd; the caller closes it), with yk_fs_read()'s
 * errors.  yk_fs_read_some() appends up to 'want' bytes to 'out' (less only
 * at the end of the file) and adds them to *total: 1 when there may be
 * more, 0 at the end, or an error (YK_ETOOBIG when *total passes 'limit'). */
int yk_fs_open_read(int *fd, const char *path, size_t limit);
int yk_fs_read_some(yk_buf *out, int fd, size_t want, const char *path, size_t limit,
                    size_t *total);

/* Write data to path atomically: a reader sees the old file or the new one,
 * never a half-written one.  Parent directories are created. */
int yk_fs_write_atomic(const char *path, const void *data, size_t len);

/* The same without the fsync before the rename, for a command that writes
 * many files and then calls yk_fs_sync_tree() once: a killed process still
 * leaves each file old or new; after a power cut before that sync a file
 * may be empty.  A build writes its edition so: it can be built again. */
int yk_fs_write_atomic_nosync(const char *path, const void *data, size_t len);

/*
 * The same, written in pieces: for output too big to hold in memory (the
 * PO of a whole language).  yk_fs_atomic_open() creates the temp file,
 * yk_fs_atomic_write() appends to it, yk_fs_atomic_commit() syncs it and
 * renames it over 'path'; yk_fs_atomic_abort() removes it, leaving 'path'
 * as it was.  After a failed write or commit the temp file is already gone
 * and abort is a no-op; abort may always be called.
 */
typedef struct yk_fs_atomic {
    int fd;       /* -1 when closed */
    char *path;   /* the final path */
    char *temp;   /* PATH.tmp-PID- and mkstemp's six characters */
} yk_fs_atomic;

int yk_fs_atomic_open(yk_fs_atomic *f, const char *path);
int yk_fs_atomic_write(yk_fs_atomic *f, const void *data, size_t len);
int yk_fs_atomic_commit(yk_fs_atomic *f, int sync);
void yk_fs_atomic_abort(yk_fs_atomic *f);

/* Flush everything written to the file system holding 'dir' (syncfs): one
 * wait for all of a build's files instead of one per file. */
int yk_fs_sync_tree(const char *dir);

/* Remove the temp files yk_fs_write_atomic() left under 'dir' (recursively,
 * symlinks not followed) when its process died before the rename: names
 * "NAME.tmp-PID-XXXXXX" whose PID is no running process.  Best effort;
 * *removed (may be NULL) counts them.  A SIGKILL between the temp file's
 * creation and its rename leaves one behind; the next writer of the
 * directory calls this. */
void yk_fs_remove_stale_temps(const char *dir, size_t *removed);

/* mkdir -p */
int yk_fs_mkdirs(const char *path);

/* Normalise a relative path lexically ("a/./b/../c" -> "a/c").  Fails with
 * YK_EINVAL when it is absolute or climbs out of its root with "..". */
int yk_fs_relpath_normalize(yk_buf *out, const char *path);

/* The absolute, symlink-resolved form of 'path' (which must exist). */
int yk_fs_realpath(yk_buf *out, const char *path);

/* Express an existing file 'path' relative to directory 'root' (both resolved
 * through symlinks).  YK_EINVAL when the file lies outside root. */
int yk_fs_relative_to(yk_buf *out, const char *root, const char *path);

int yk_fs_is_dir(const char *path);
int yk_fs_exists(const char *path);

#endif
