/*
 * Projects: creating one, finding it by walking up from the current
 * directory (like git), the acting user, languages and settings.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/core.h"
#include "util/fs.h"
#include "util/xalloc.h"

const char *const yk_config_keys[] = {
    "title",
    "frontmatter.keys",
    "claim.expiry-days",
    "edition.chapter-order",
    "segmentation.srx",
    "edition.LANG.title",
    "edition.LANG.subtitle",
    "edition.LANG.creator",
    "edition.LANG.publisher",
    "edition.LANG.rights",
    "edition.LANG.cover",
    "edition.LANG.identifier",
    "edition.LANG.fallback-note",
    NULL,
};

const char *const yk_config_descriptions[] = {
    "the project's title",
    "comma-separated front-matter keys whose values are translated "
    "(default: title,description,summary,subtitle,heroHeading,heroSubHeading)",
    "days before a claim expires (default: 21)",
    "comma-separated chapters in edition order; chapters not listed follow in project order",
    "SRX 2.0 rules that correct sentence segmentation for the source language (VALUE: an SRX "
    "file, checked and stored in the project, so later adds do not need it; \"\" removes the "
    "rules; see 'yaku config --help')",
    "title of the LANG edition (LANG: a target language; default: the project's title)",
    "subtitle of the LANG edition",
    "author of the original work, shown as the edition's creator",
    "publisher of the LANG edition",
    "rights statement of the LANG edition",
    "cover image of the LANG edition (PNG, JPEG, GIF or SVG, relative to the project root)",
    "unique identifier of the LANG edition (default: a urn:uuid derived from the project)",
    "note at the top of a chapter shown partly in the source language (default per language)",
    NULL,
};

static const char default_fm_keys[] =
    "title,description,summary,subtitle,heroHeading,heroSubHeading";

void yk_core_now(char out[32])
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = time(NULL);
    struct tm tm;
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            t = (time_t)v;
    }
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void yk_core_digest(char out[17], const char *data, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)data[i];
        h *= 1099511628211ULL;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

int yk_lang_normalize(char out[36], const char *tag)
{
    size_t i, n = strlen(tag), sub = 0, start = 0;
    if (n == 0 || n > 35)
        return yk_error_set(YK_EINVAL, "'%s' is not a BCP 47 language tag", tag);
    /* language (2-3 letters), then subtags of 1-8 alphanumerics: Script
     * (4 letters, title case), REGION (2 letters, upper case) */
    for (i = 0; i <= n; i++) {
        if (i < n && tag[i] != '-' && tag[i] != '_') {
            if (!isalnum((unsigned char)tag[i]))
                return yk_error_set(YK_EINVAL, "'%s' is not a BCP 47 language tag", tag);
            continue;
        }
        {
            size_t len = i - start, k;
            if (len == 0 || len > 8 || (sub == 0 && (len < 2 || len > 3)))
                return yk_error_set(YK_EINVAL, "'%s' is not a BCP 47 language tag", tag);
            for (k = start; k < i; k++) {
                char c = tag[k];
                if (sub == 0 && !isalpha((unsigned char)c))
                    return yk_error_set(YK_EINVAL, "'%s' is not a BCP 47 language tag", tag);
                if (sub > 0 && len == 4 && isalpha((unsigned char)tag[start]))
                    c = (char)(k == start ? toupper((unsigned char)c) : tolower((unsigned char)c));
                else if (sub > 0 && len == 2)
                    c = (char)toupper((unsigned char)c);
                else
                    c = (char)tolower((unsigned char)c);
                out[k] = c;
            }
            if (i < n)
                out[i] = '-';
            sub++;
            start = i + 1;
        }
    }
    out[n] = '\0';
    return YK_OK;
}

extern char **environ;

/* The first line `git config user.email` prints, or NULL.  git is started
 * directly, not through popen's shell: the shell cost as much again (about
 * 1 ms), and every command that writes asks this once. */
static char *git_user_email(void)
{
    static char git[] = "git", config[] = "config", key[] = "user.email";
    char *const argv[] = {git, config, key, NULL};
    posix_spawn_file_actions_t fa;
    char line[256];
    size_t len = 0;
    int fds[2], status;
    pid_t pid;
    ssize_t got;

    if (pipe(fds) != 0)
        return NULL;
    if (posix_spawn_file_actions_init(&fa) != 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    posix_spawn_file_actions_addclose(&fa, fds[0]);
    posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fds[1]);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    status = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (status != 0) { /* no git */
        close(fds[0]);
        return NULL;
    }
    while (len < sizeof(line) - 1 &&
           ((got = read(fds[0], line + len, sizeof(line) - 1 - len)) > 0 ||
            (got < 0 && errno == EINTR)))
        len += got > 0 ? (size_t)got : 0;
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    line[len] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    return line[0] ? yk_xstrdup(line) : NULL;
}

char *yk_default_user(void)
{
    const char *env = getenv("YAKU_USER");
    char *email;

    if (env && *env)
        return yk_xstrdup(env);
    if ((email = git_user_email()) != NULL)
        return email;
    env = getenv("USER");
    if (env && *env)
        return yk_xstrdup(env);
    env = getenv("LOGNAME");
    return yk_xstrdup(env && *env ? env : "unknown");
}

static int load(yk_project *p)
{
    int rc;
    char *v = NULL;
    if ((rc = yk_store_meta_get(&v, p->store, "source")) < 0)
        return rc;
    if (!v)
        return yk_error_set(YK_EDB, "the project database has no source language");
    p->source_lang = v;
    return yk_store_langs(&p->targets, &p->ntargets, p->store);
}

static yk_project *project_new(const char *root)
{
    yk_project *p = yk_xcalloc(1, sizeof(*p));
    p->root = yk_xstrdup(root);
    return p;
}

int yk_project_init(yk_project **out, const char *dir, const yk_init_options *opts)
{
    yk_buf root = YK_BUF_INIT, dbpath = YK_BUF_INIT;
    yk_project *p = NULL;
    char src[36], now[32];
    const char *t;
    int rc;

    *out = NULL;
    if (!opts->source_lang || !opts->target_langs || !*opts->target_langs)
        return yk_error_set(YK_EINVAL, "a source language and at least one target are required");
    if ((rc = yk_lang_normalize(src, opts->source_lang)) < 0)
        return rc;
    /* validate every target before touching the disk */
    for (t = opts->target_langs; *t;) {
        size_t n = strcspn(t, ",");
        char tag[64], norm[36];
        if (n == 0 || n >= sizeof(tag))
            return yk_error_set(YK_EINVAL, "bad target list '%s'", opts->target_langs);
        memcpy(tag, t, n);
        tag[n] = '\0';
        if ((rc = yk_lang_normalize(norm, tag)) < 0)
            return rc;
        if (strcmp(norm, src) == 0)
            return yk_error_set(YK_EINVAL, "target '%s' is the source language", norm);
        t += n + (t[n] == ',');
    }
    if ((rc = yk_fs_mkdirs(dir)) < 0 || (rc = yk_fs_realpath(&root, dir)) < 0)
        goto done;
    yk_buf_printf(&dbpath, "%s/%s", root.buf, YK_STORE_FILENAME);
    if (yk_fs_exists(dbpath.buf)) {
        rc = yk_error_set(YK_EEXISTS, "'%s' already holds a yaku project", root.buf);
        goto done;
    }
    p = project_new(root.buf);
    p->user = yk_xstrdup(opts->user ? opts->user : "unknown");
    if ((rc = yk_store_open(&p->store, dbpath.buf, 1)) < 0)
        goto done;
    yk_core_now(now);
    if ((rc = yk_store_begin(p->store, 1)) < 0)
        goto done;
    if ((rc = yk_store_meta_set(p->store, "source", src)) < 0 ||
        (rc = yk_store_meta_set(p->store, "created", now)) < 0 ||
        (opts->title && (rc = yk_store_meta_set(p->store, "title", opts->title)) < 0) ||
        (rc = yk_store_member_add(p->store, p->user, "maintainer", now)) < 0)
        goto rollback;
    for (t = opts->target_langs; *t;) {
        size_t n = strcspn(t, ",");
        char tag[64], norm[36];
        memcpy(tag, t, n);
        tag[n] = '\0';
        yk_lang_normalize(norm, tag);
        if ((rc = yk_store_lang_add(p->store, norm)) < 0) {
            if (rc == YK_EDB)
                rc = yk_error_set(YK_EINVAL, "target '%s' given twice", norm);
            goto rollback;
        }
        t += n + (t[n] == ',');
    }
    if ((rc = yk_store_commit(p->store)) < 0 || (rc = load(p)) < 0)
        goto done;
    *out = p;
    p = NULL;
    goto done;
rollback:
    yk_store_rollback(p->store);
done:
    if (p) {
        yk_project_close(p);
        if (rc != YK_EEXISTS && dbpath.len) {
            /* leave nothing behind from a failed init */
            const char *sfx[] = {"", "-wal", "-shm"};
            size_t i;
            for (i = 0; i < 3; i++) {
                yk_buf f = YK_BUF_INIT;
                yk_buf_printf(&f, "%s%s", dbpath.buf, sfx[i]);
                unlink(f.buf);
                yk_buf_release(&f);
            }
        }
    }
    yk_buf_release(&root);
    yk_buf_release(&dbpath);
    return rc;
}

static int find_root(yk_buf *out, const char *dir)
{
    yk_buf cur = YK_BUF_INIT, db = YK_BUF_INIT;
    int rc;
    if (dir) {
        if ((rc = yk_fs_realpath(&cur, dir)) < 0) {
            yk_buf_release(&cur);
            return yk_error_set(YK_ENOTFOUND, "no project directory '%s'", dir);
        }
        yk_buf_printf(&db, "%s/%s", cur.buf, YK_STORE_FILENAME);
        rc = yk_fs_exists(db.buf) ? YK_OK
                                  : yk_error_set(YK_ENOTFOUND, "'%s' holds no yaku project", dir);
        if (rc == YK_OK)
            yk_buf_puts(out, cur.buf);
        goto done;
    }
    if ((rc = yk_fs_realpath(&cur, ".")) < 0)
        goto done;
    for (;;) {
        char *slash;
        yk_buf_clear(&db);
        yk_buf_printf(&db, "%s/%s", cur.buf, YK_STORE_FILENAME);
        if (yk_fs_exists(db.buf)) {
            yk_buf_puts(out, cur.buf);
            rc = YK_OK;
            break;
        }
        slash = strrchr(cur.buf, '/');
        if (!slash || cur.len <= 1) {
            rc = yk_error_set(YK_ENOTFOUND,
                              "not in a yaku project (no yaku.db here or in any parent); run "
                              "'yaku init' or use -C DIR");
            break;
        }
        yk_buf_truncate(&cur, slash == cur.buf ? 1 : (size_t)(slash - cur.buf));
    }
done:
    yk_buf_release(&cur);
    yk_buf_release(&db);
    return rc;
}

int yk_project_open(yk_project **out, const char *dir)
{
    yk_buf root = YK_BUF_INIT, db = YK_BUF_INIT;
    yk_project *p = NULL;
    int rc;

    *out = NULL;
    if (!dir) {
        const char *env = getenv("YAKU_PROJECT");
        if (env && *env)
            dir = env;
    }
    if ((rc = find_root(&root, dir)) < 0)
        goto done;
    yk_buf_printf(&db, "%s/%s", root.buf, YK_STORE_FILENAME);
    p = project_new(root.buf);
    if ((rc = yk_store_open(&p->store, db.buf, 0)) < 0 || (rc = load(p)) < 0)
        goto done;
    *out = p;
    p = NULL;
done:
    yk_project_close(p);
    yk_buf_release(&root);
    yk_buf_release(&db);
    return rc;
}

void yk_project_close(yk_project *p)
{
    size_t i;
    if (!p)
        return;
    yk_store_rollback(p->store);
    yk_store_close(p->store);
    for (i = 0; i < p->ntargets; i++)
        free(p->targets[i]);
    free(p->targets);
    free(p->source_lang);
    free(p->user);
    free(p->root);
    free(p);
}

const char *yk_project_root(const yk_project *p)
{
    return p->root;
}

void yk_project_set_user(yk_project *p, const char *user)
{
    free(p->user);
    p->user = yk_xstrdup(user);
}

const char *yk_core_user(yk_project *p)
{
    if (!p->user)
        p->user = yk_default_user();
    return p->user;
}

const char *yk_project_user(const yk_project *p)
{
    /* the lookup is a cache fill, not a change the caller could see */
    return yk_core_user((yk_project *)p);
}

const char *yk_project_source_lang(const yk_project *p)
{
    return p->source_lang;
}

size_t yk_project_target_count(const yk_project *p)
{
    return p->ntargets;
}

const char *yk_project_target(const yk_project *p, size_t i)
{
    return i < p->ntargets ? p->targets[i] : NULL;
}

int yk_project_check_target(const yk_project *p, const char *lang)
{
    yk_buf list = YK_BUF_INIT;
    size_t i;
    char norm[36];
    if (yk_lang_normalize(norm, lang) == YK_OK) {
        for (i = 0; i < p->ntargets; i++)
            if (strcmp(p->targets[i], norm) == 0)
                return YK_OK;
    }
    for (i = 0; i < p->ntargets; i++)
        yk_buf_printf(&list, "%s%s", i ? ", " : "", p->targets[i]);
    yk_error_set(YK_EINVAL, "'%s' is not a target language of this project (targets: %s)", lang,
                 list.buf);
    yk_buf_release(&list);
    return YK_EINVAL;
}

int yk_project_begin(yk_project *p)
{
    return yk_store_begin(p->store, 1);
}

int yk_project_begin_bulk(yk_project *p)
{
    return yk_store_begin_bulk(p->store);
}

/* Measured on 1 MB of Markdown, a bulk add is already quicker (55 against
 * 68 ms); on one 115 KB file the two are the same. */
#define BULK_BYTES (512 << 10)

int yk_project_begin_for_files(yk_project *p, const char *const *paths, size_t npaths)
{
    off_t total = 0;
    struct stat st;
    size_t i;
    for (i = 0; i < npaths && total < BULK_BYTES; i++)
        if (stat(paths[i], &st) == 0 && S_ISREG(st.st_mode))
            total += st.st_size;
    return total >= BULK_BYTES ? yk_project_begin_bulk(p) : yk_project_begin(p);
}

int yk_project_commit(yk_project *p)
{
    return yk_store_commit(p->store);
}

void yk_project_rollback(yk_project *p)
{
    yk_store_rollback(p->store);
}

static int known_key(const char *key)
{
    size_t i;
    for (i = 0; yk_config_keys[i]; i++)
        if (strcmp(yk_config_keys[i], key) == 0)
            return 1;
    return 0;
}

/* "edition.ja.title" is the key "edition.LANG.title" for target ja: put the
 * stored form (language tag normalised) in 'out'.  YK_EINVAL for a key that
 * is not per language or a language that is not a target. */
static int lang_key(yk_buf *out, yk_project *p, const char *key)
{
    const char *tag = key + strlen("edition."), *dot;
    char buf[64], norm[36];
    int rc;
    if (strncmp(key, "edition.", 8) != 0 || !(dot = strchr(tag, '.')) ||
        (size_t)(dot - tag) >= sizeof(buf))
        return yk_error_set(YK_EINVAL, "unknown setting '%s' (see 'yaku config --list')", key);
    yk_buf_printf(out, "edition.LANG%s", dot);
    if (!known_key(out->buf) || dot == tag)
        return yk_error_set(YK_EINVAL, "unknown setting '%s' (see 'yaku config --list')", key);
    memcpy(buf, tag, (size_t)(dot - tag));
    buf[dot - tag] = '\0';
    if ((rc = yk_lang_normalize(norm, buf)) < 0 || (rc = yk_project_check_target(p, norm)) < 0)
        return rc;
    yk_buf_clear(out);
    yk_buf_printf(out, "edition.%s%s", norm, dot);
    return YK_OK;
}

int yk_config_get(char **out, yk_project *p, const char *key)
{
    yk_buf k = YK_BUF_INIT;
    int rc;
    *out = NULL;
    if (known_key(key))
        return strstr(key, ".LANG.") ? YK_OK : yk_store_meta_get(out, p->store, key);
    if ((rc = lang_key(&k, p, key)) == YK_OK)
        rc = yk_store_meta_get(out, p->store, k.buf);
    yk_buf_release(&k);
    return rc;
}

int yk_config_set(yk_project *p, const char *key, const char *value)
{
    if (strncmp(key, "edition.", 8) == 0 && strcmp(key, "edition.chapter-order") != 0) {
        yk_buf k = YK_BUF_INIT;
        int rc = strstr(key, ".LANG.")
                     ? yk_error_set(YK_EINVAL, "say which language: 'edition.ja.%s'",
                                    strstr(key, ".LANG.") + 6)
                     : lang_key(&k, p, key);
        if (rc == YK_OK)
            rc = yk_store_meta_set(p->store, k.buf, value);
        yk_buf_release(&k);
        return rc;
    }
    if (!known_key(key))
        return yk_error_set(YK_EINVAL, "unknown setting '%s' (see 'yaku config --list')", key);
    if (strcmp(key, "segmentation.srx") == 0)
        return yk_error_set(YK_EINVAL, "'%s' is read from an SRX file: use "
                                       "yk_segmentation_rules_set()", key);
    if (strcmp(key, "claim.expiry-days") == 0) {
        char *end;
        long v = strtol(value, &end, 10);
        if (*end || v < 1 || v > 3650)
            return yk_error_set(YK_EINVAL, "'%s' must be a number of days from 1 to 3650", key);
    }
    if (strcmp(key, "frontmatter.keys") == 0) {
        const char *c;
        for (c = value; *c; c++)
            if (!isalnum((unsigned char)*c) && !strchr(",_-.", *c))
                return yk_error_set(YK_EINVAL,
                                    "'%s' must be a comma-separated list of keys, got '%s'", key,
                                    value);
    }
    return yk_store_meta_set(p->store, key, value);
}

int yk_core_config_store(yk_project *p, const char *key, const char *value)
{
    return value ? yk_store_meta_set(p->store, key, value) : yk_store_meta_delete(p->store, key);
}

int yk_core_fm_keys(char **out, yk_project *p)
{
    int rc = yk_store_meta_get(out, p->store, "frontmatter.keys");
    if (rc == YK_OK && !*out)
        *out = yk_xstrdup(default_fm_keys);
    return rc;
}
