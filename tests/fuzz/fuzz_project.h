/*
 * A throw-away project for the targets that need one (TMX import, the
 * translate session): created once in a temporary directory (on /dev/shm
 * when there is one), removed at exit.  Each input runs inside a
 * transaction that is rolled back, so the project never grows.
 */
#ifndef YK_TESTS_FUZZ_PROJECT_H
#define YK_TESTS_FUZZ_PROJECT_H

#include <ftw.h>
#include <unistd.h>

#include <yaku/yaku.h>

static char fuzz_dir[256];

static int fuzz_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void fuzz_cleanup(void)
{
    if (fuzz_dir[0])
        nftw(fuzz_dir, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void fuzz_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

/* Create the project (source zh-Hans, target ja; the acting user is its
 * maintainer) with one document of a few sentences; returns it open. */
static yk_project *fuzz_project(void)
{
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    yk_add_options ao = YK_ADD_OPTIONS_INIT;
    yk_add_result r;
    yk_project *p = NULL;
    char doc[300];
    static const char text[] = "# 标题\n\n维护者每年选举一次。社区欢迎新的贡献者。\n\n"
                               "- 列表项一。\n- 列表项二。\n";

    snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/yaku-fuzz-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(fuzz_dir)) {
        perror(fuzz_dir);
        abort();
    }
    atexit(fuzz_cleanup);
    o.source_lang = "zh-Hans";
    o.target_langs = "ja,ko";
    o.user = "fuzz@example.org";
    if (yk_project_init(&p, fuzz_dir, &o) != YK_OK)
        fuzz_fail("cannot create the fuzz project");
    yk_project_set_user(p, "fuzz@example.org");
    snprintf(doc, sizeof(doc), "%s/ch01.md", fuzz_dir);
    fuzz_write_file(doc, text, sizeof(text) - 1);
    if (yk_project_begin(p) != YK_OK || yk_document_add(&r, p, doc, &ao) != YK_OK ||
        yk_project_commit(p) != YK_OK)
        fuzz_fail("cannot add the fuzz document");
    return p;
}

#endif
