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

/* Write data to path atomically: a reader sees the old file or the new one,
 * never a half-written one.  Parent directories are created. */
int yk_fs_write_atomic(const char *path, const void *data, size_t len);

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
