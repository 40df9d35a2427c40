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

/* The values of the tokens of 'kinds', sorted; 'v' has room for t->ntok. */
static size_t collect(const char **v, const yk_ck_text *t, unsigned kinds)
{
    size_t i, n = 0;
    for (i = 0; i < t->ntok; i++)
        if (kinds & (1u << t->tok[i].kind))
            v[n++] = YK_CK_VAL(t, &t->tok[i]);
    if (n > 8) {
        qsort(v, n, sizeof(*v), cmp_str);
    } else {
        for (i = 1; i < n; i++) { /* a few tokens: insertion sort, no call per compare */
            const char *x = v[i];
            size_t j = i;
            for (; j > 0 && strcmp(v[j - 1], x) > 0; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
    }
    return n;
}

void yk_ck_diff(yk_ck_diff_result *d, const yk_ck_text *src, const yk_ck_text *tgt, unsigned kinds)
{
    /* segments rarely have more than a handful of tokens: no allocation then */
    const char *sa[32], *sb[32];
    const char **a = src->ntok <= 32 ? sa : yk_xmalloc(src->ntok * sizeof(*a));
    const char **b = tgt->ntok <= 32 ? sb : yk_xmalloc(tgt->ntok * sizeof(*b));
    size_t na = collect(a, src, kinds), nb = collect(b, tgt, kinds), i = 0, j = 0;
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
    if (a != sa)
        free(a);
    if (b != sb)
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
