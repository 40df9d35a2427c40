/*
 * File system helpers.  Writes go through a temp file and rename so that a
 * crash never leaves a half-written file at the final path.
 */
#define _GNU_SOURCE /* syncfs() */
#include "util/fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/xalloc.h"

int yk_fs_open_read(int *fd, const char *path, size_t limit)
{
    struct stat st;
    *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd < 0)
        return yk_error_set(errno == ENOENT ? YK_ENOTFOUND : YK_EIO, "cannot open '%s': %s", path,
                            strerror(errno));
    if (fstat(*fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(*fd);
        *fd = -1;
        return yk_error_set(YK_EIO, "'%s' is not a regular file", path);
    }
    if (limit && (size_t)st.st_size > limit) {
        close(*fd);
        *fd = -1;
        return yk_error_set(YK_ETOOBIG, "'%s' is larger than %zu bytes", path, limit);
    }
    return YK_OK;
}

int yk_fs_read_some(yk_buf *out, int fd, size_t want, const char *path, size_t limit,
                    size_t *total)
{
    size_t got = 0;
    while (got < want) {
        size_t ask = want - got < 65536 ? want - got : 65536;
        ssize_t n;
        int rc;
        if ((rc = yk_buf_grow(out, ask)) < 0)
            return rc;
        n = read(fd, out->buf + out->len, ask);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return yk_error_set(YK_EIO, "cannot read '%s': %s", path, strerror(errno));
        }
        if (n == 0)
            return 0;
        out->len += (size_t)n;
        out->buf[out->len] = '\0';
        got += (size_t)n;
        *total += (size_t)n;
        /* the file grew after it was opened */
        if (limit && *total > limit)
            return yk_error_set(YK_ETOOBIG, "'%s' is larger than %zu bytes", path, limit);
    }
    return 1;
}

int yk_fs_read(yk_buf *out, const char *path, size_t limit)
{
    struct stat st;
    size_t total = 0;
    int fd, rc;

    if ((rc = yk_fs_open_read(&fd, path, limit)) < 0)
        return rc;
    if (fstat(fd, &st) == 0 && (rc = yk_buf_grow(out, (size_t)st.st_size)) < 0)
        goto done;
    while ((rc = yk_fs_read_some(out, fd, (size_t)1 << 20, path, limit, &total)) > 0)
        ;
done:
    close(fd);
    return rc;
}

int yk_fs_mkdirs(const char *path)
{
    char *p = yk_xstrdup(path);
    size_t i, n = strlen(p);
    int rc = YK_OK;

    for (i = 1; i <= n; i++) {
        if (p[i] == '/' || p[i] == '\0') {
            char c = p[i];
            p[i] = '\0';
            if (mkdir(p, 0777) < 0 && errno != EEXIST) {
                rc = yk_error_set(YK_EIO, "cannot create directory '%s': %s", p, strerror(errno));
                break;
            }
            p[i] = c;
        }
    }
    free(p);
    return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int yk_fs_atomic_open(yk_fs_atomic *f, const char *path)
{
    yk_buf tmp = YK_BUF_INIT;
    const char *slash = strrchr(path, '/');
    int rc;

    f->fd = -1;
    f->path = f->temp = NULL;
    if (slash && slash != path) {
        char *dir = yk_xstrndup(path, (size_t)(slash - path));
        rc = yk_fs_mkdirs(dir);
        free(dir);
        if (rc < 0)
            return rc;
    }
    /* the pid lets a later run tell a killed writer's leftover from a live one */
    yk_buf_printf(&tmp, "%s.tmp-%ld-XXXXXX", path, (long)getpid());
    f->fd = mkstemp(tmp.buf);
    if (f->fd < 0) {
        rc = yk_error_set(YK_EIO, "cannot create '%s': %s", tmp.buf, strerror(errno));
        yk_buf_release(&tmp);
        return rc;
    }
    f->temp = yk_buf_detach(&tmp, NULL);
    f->path = yk_xstrdup(path);
    return YK_OK;
}

static void atomic_release(yk_fs_atomic *f)
{
    free(f->temp);
    free(f->path);
    f->temp = f->path = NULL;
}

void yk_fs_atomic_abort(yk_fs_atomic *f)
{
    if (f->fd >= 0) {
        close(f->fd);
        unlink(f->temp);
        f->fd = -1;
    }
    atomic_release(f);
}

/* The error of a failed write or commit, after which the temp file goes. */
static int atomic_fail(yk_fs_atomic *f)
{
    int rc = yk_error_set(YK_EIO, "cannot write '%s': %s", f->path, strerror(errno));
    yk_fs_atomic_abort(f);
    return rc;
}

int yk_fs_atomic_write(yk_fs_atomic *f, const void *data, size_t len)
{
    if (f->fd < 0)
        return yk_error_set(YK_EIO, "cannot write: the file is closed");
    if (write_all(f->fd, data, len) < 0)
        return atomic_fail(f);
    return YK_OK;
}

int yk_fs_atomic_commit(yk_fs_atomic *f, int sync)
{
    int fd = f->fd;
    if (fd < 0)
        return yk_error_set(YK_EIO, "cannot write: the file is closed");
    if (sync && fsync(fd) < 0)
        return atomic_fail(f);
#ifdef __linux__
    /* Unsynced, the bytes still start on their way to disk now, without
     * waiting: the sync of the whole tree at the end (yk_fs_sync_tree)
     * then has less left to wait for (building 10 MB: 8 ms of it). */
    if (!sync)
        (void)sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
    fchmod(fd, 0644);
    f->fd = -1;
    if (close(fd) < 0 || rename(f->temp, f->path) < 0) {
        int rc = yk_error_set(YK_EIO, "cannot write '%s': %s", f->path, strerror(errno));
        unlink(f->temp);
        atomic_release(f);
        return rc;
    }
    atomic_release(f);
    return YK_OK;
}

static int write_replace(const char *path, const void *data, size_t len, int sync)
{
    yk_fs_atomic f;
    int rc;
    if ((rc = yk_fs_atomic_open(&f, path)) < 0)
        return rc;
    if ((rc = yk_fs_atomic_write(&f, data, len)) < 0)
        return rc;
    return yk_fs_atomic_commit(&f, sync);
}

int yk_fs_write_atomic(const char *path, const void *data, size_t len)
{
    return write_replace(path, data, len, 1);
}

int yk_fs_write_atomic_nosync(const char *path, const void *data, size_t len)
{
    return write_replace(path, data, len, 0);
}

int yk_fs_sync_tree(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = YK_OK;
    if (fd < 0 || syncfs(fd) < 0)
        rc = yk_error_set(YK_EIO, "cannot flush '%s' to disk: %s", dir, strerror(errno));
    if (fd >= 0)
        close(fd);
    return rc;
}

/* The pid of a yk_fs_write_atomic() temp name "NAME.tmp-PID-XXXXXX", or 0. */
static long temp_pid(const char *name)
{
    const char *t = NULL, *s;
    char *end;
    long pid;
    size_t i;

    for (s = strstr(name, ".tmp-"); s; s = strstr(s + 1, ".tmp-"))
        t = s;
    if (!t || t == name)
        return 0;
    pid = strtol(t + 5, &end, 10);
    if (end == t + 5 || *end != '-' || pid <= 0 || strlen(end + 1) != 6)
        return 0;
    for (i = 1; i <= 6; i++)
        if (!((end[i] >= 'a' && end[i] <= 'z') || (end[i] >= 'A' && end[i] <= 'Z') ||
              (end[i] >= '0' && end[i] <= '9')))
            return 0;
    return pid;
}

static void remove_stale(const char *dir, int depth, size_t *removed)
{
    DIR *d;
    struct dirent *e;
    yk_buf path = YK_BUF_INIT;

    if (depth > 32 || !(d = opendir(dir)))
        return;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        long pid;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        yk_buf_clear(&path);
        yk_buf_printf(&path, "%s/%s", dir, e->d_name);
        if (lstat(path.buf, &st) < 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            remove_stale(path.buf, depth + 1, removed);
        } else if (S_ISREG(st.st_mode) && (pid = temp_pid(e->d_name)) != 0 &&
                   pid != (long)getpid() && kill((pid_t)pid, 0) < 0 && errno == ESRCH &&
                   unlink(path.buf) == 0 && removed) {
            (*removed)++;
        }
    }
    closedir(d);
    yk_buf_release(&path);
}

void yk_fs_remove_stale_temps(const char *dir, size_t *removed)
{
    if (removed)
        *removed = 0;
    remove_stale(dir, 0, removed);
}

int yk_fs_relpath_normalize(yk_buf *out, const char *path)
{
    const char *p = path;
    size_t start = out->len;

    if (path[0] == '/')
        return yk_error_set(YK_EINVAL, "'%s' is an absolute path", path);
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 0 || (n == 1 && p[0] == '.')) {
            /* skip */
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            char *last;
            if (out->len == start) {
                yk_buf_truncate(out, start);
                return yk_error_set(YK_EINVAL, "'%s' escapes its root directory", path);
            }
            last = strrchr(out->buf + start, '/');
            yk_buf_truncate(out, last ? (size_t)(last - out->buf) : start);
        } else {
            if (out->len > start)
                yk_buf_putc(out, '/');
            yk_buf_put(out, p, n);
        }
        p += n;
        if (*p == '/')
            p++;
    }
    return YK_OK;
}

int yk_fs_realpath(yk_buf *out, const char *path)
{
    char *r = realpath(path, NULL);
    if (!r)
        return yk_error_set(errno == ENOENT ? YK_ENOTFOUND : YK_EIO, "cannot resolve '%s': %s",
                            path, strerror(errno));
    yk_buf_puts(out, r);
    free(r);
    return YK_OK;
}

int yk_fs_relative_to(yk_buf *out, const char *root, const char *path)
{
    yk_buf r = YK_BUF_INIT, p = YK_BUF_INIT;
    int rc;

    if ((rc = yk_fs_realpath(&r, root)) < 0 || (rc = yk_fs_realpath(&p, path)) < 0)
        goto done;
    if (strncmp(p.buf, r.buf, r.len) != 0 || (p.buf[r.len] != '/' && r.len > 1)) {
        rc = yk_error_set(YK_EINVAL, "'%s' is outside the project directory '%s'", path, r.buf);
        goto done;
    }
    yk_buf_puts(out, p.buf + r.len + (r.len > 1 ? 1 : 0));
done:
    yk_buf_release(&r);
    yk_buf_release(&p);
    return rc;
}

int yk_fs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int yk_fs_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}
