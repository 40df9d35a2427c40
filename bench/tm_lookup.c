/*
 * In-process lookup benchmark for bench/tm_bench.sh: opens a project, runs
 * `tm search`-style lookups (min 70, 5 matches) for each line of a query
 * file, and prints the median, p99 and mean time per lookup, so process
 * start-up is not counted.  Linked against build/libyaku.a.
 *   tm_lookup PROJECT_DIR QUERIES [LANG]
 * With TM_LOOKUP_SLOW=MS in the environment, every lookup slower than MS
 * milliseconds is printed to stderr with its time, match count and text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaku/yaku.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    yk_project *p = NULL;
    yk_tm_searcher *s = NULL;
    yk_tm_search_options o = YK_TM_SEARCH_OPTIONS_INIT;
    FILE *f;
    char line[4096];
    const char *slow_env = getenv("TM_LOOKUP_SLOW");
    double slow = slow_env ? atof(slow_env) : -1;
    double *t = NULL, total = 0;
    size_t n = 0, cap = 0, with_match = 0, exact = 0;

    if (argc < 3) {
        fprintf(stderr, "usage: tm_lookup PROJECT_DIR QUERIES [LANG]\n");
        return 2;
    }
    if (yk_project_open(&p, argv[1]) < 0 ||
        yk_tm_searcher_open(&s, p, argc > 3 ? argv[3] : "ja", NULL) < 0) {
        fprintf(stderr, "tm_lookup: %s\n", yk_error_last()->message);
        return 1;
    }
    if (!(f = fopen(argv[2], "r"))) {
        perror(argv[2]);
        return 1;
    }
    while (fgets(line, sizeof(line), f)) {
        yk_tm_matches *m = NULL;
        size_t len = strcspn(line, "\n");
        double t0, t1;
        line[len] = '\0';
        t0 = now_ms();
        if (yk_tm_searcher_search(&m, s, line, len, &o) < 0) {
            fprintf(stderr, "tm_lookup: %s\n", yk_error_last()->message);
            return 1;
        }
        t1 = now_ms();
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            t = realloc(t, cap * sizeof(*t));
        }
        t[n++] = t1 - t0;
        if (slow >= 0 && t1 - t0 > slow)
            fprintf(stderr, "%.1f ms, %zu matches: %s\n", t1 - t0, m->n, line);
        total += t1 - t0;
        with_match += m->n > 0;
        exact += m->n > 0 && m->v[0].score == 100;
        yk_tm_matches_free(m);
    }
    fclose(f);
    qsort(t, n, sizeof(*t), cmp_double);
    printf("lookups=%zu median_ms=%.3f p99_ms=%.3f mean_ms=%.3f max_ms=%.3f with_match=%zu "
           "exact=%zu\n",
           n, n ? t[n / 2] : 0, n ? t[(size_t)((double)n * 0.99)] : 0, n ? total / (double)n : 0,
           n ? t[n - 1] : 0, with_match, exact);
    free(t);
    yk_tm_searcher_close(s);
    yk_project_close(p);
    yk_cleanup();
    return 0;
}
