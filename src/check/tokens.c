/*
 * Multiset comparison of scanned tokens, shared by the markup and number
 * families: which values of the source are missing from the target and
 * which of the target are not in the source.
 */
#include <stdlib.h>
#include <string.h>

#include "check/tokens.h"
#include "util/xalloc.h"

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t collect(const char ***out, const yk_ck_text *t, unsigned kinds)
{
    size_t i, n = 0;
    const char **v = yk_xcalloc(t->ntok + 1, sizeof(*v));
    for (i = 0; i < t->ntok; i++)
        if (kinds & (1u << t->tok[i].kind))
            v[n++] = YK_CK_VAL(t, &t->tok[i]);
    qsort(v, n, sizeof(*v), cmp_str);
    *out = v;
    return n;
}

void yk_ck_diff(yk_ck_diff_result *d, const yk_ck_text *src, const yk_ck_text *tgt, unsigned kinds)
{
    const char **a, **b;
    size_t na = collect(&a, src, kinds), nb = collect(&b, tgt, kinds), i = 0, j = 0;
    memset(d, 0, sizeof(*d));
    d->nsrc = na;
    d->ntgt = nb;
    while (i < na || j < nb) {
        int c = i >= na ? 1 : j >= nb ? -1 : strcmp(a[i], b[j]);
        if (c == 0) {
            i++, j++;
        } else if (c < 0) {
            if (!d->missing)
                d->missing = a[i];
            d->nmissing++;
            i++;
        } else {
            if (!d->extra)
                d->extra = b[j];
            d->nextra++;
            j++;
        }
    }
    free(a);
    free(b);
}

size_t yk_ck_count(const yk_ck_text *t, yk_ck_kind kind, const char *val)
{
    size_t i, n = 0;
    for (i = 0; i < t->ntok; i++)
        if (t->tok[i].kind == kind && (!val || strcmp(YK_CK_VAL(t, &t->tok[i]), val) == 0))
            n++;
    return n;
}
