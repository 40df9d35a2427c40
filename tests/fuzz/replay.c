/*
 * Runs a fuzz target over corpus files without libFuzzer, so that the seed
 * corpora (and every crash found, kept as a regression input) are replayed
 * by `make test` under the normal and the sanitizer builds.
 *
 *     replay_<target> FILE|DIR...
 *
 * Prints one line per directory and "N inputs" at the end; a broken
 * invariant aborts (the target's fuzz_fail), naming the input first.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t count;

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = NULL, *copy;
    size_t len = 0, cap = 0, n;

    if (!f) {
        perror(path);
        return 1;
    }
    do {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            data = realloc(data, cap);
            if (!data)
                abort();
        }
        n = fread(data + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    fclose(f);
    /* an exact-size copy, so that a read past the end is caught */
    copy = malloc(len ? len : 1);
    if (!copy)
        abort();
    if (len)
        memcpy(copy, data, len);
    free(data);
    fprintf(stderr, "replay: %s\n", path);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    count++;
    return 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, i;
    int bad = 0;

    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return run_file(path);
    if (!(d = opendir(path))) {
        perror(path);
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t l;
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof(*names));
        l = strlen(path) + strlen(e->d_name) + 2;
        if (!names || !(names[n] = malloc(l)))
            abort();
        snprintf(names[n++], l, "%s/%s", path, e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), cmp_names);
    for (i = 0; i < n; i++) {
        bad |= run_path(names[i]);
        free(names[i]);
    }
    free(names);
    return bad;
}

int main(int argc, char **argv)
{
    int i, bad = 0;

    LLVMFuzzerInitialize(&argc, &argv);
    for (i = 1; i < argc; i++)
        bad |= run_path(argv[i]);
    printf("%zu inputs\n", count);
    return bad;
}
