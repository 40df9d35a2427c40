/*
 * Token multiset comparison for the check families (tokens.c).
 */
#ifndef YK_CHECK_TOKENS_H
#define YK_CHECK_TOKENS_H

#include "check/check.h"

#define TKB(k) (1u << (k))

typedef struct yk_ck_diff_result {
    size_t nsrc, ntgt;
    size_t nmissing, nextra;
    const char *missing; /* first source value absent from the target (borrowed), or NULL */
    const char *extra;   /* first target value absent from the source, or NULL */
} yk_ck_diff_result;

/* Compare the values of the tokens of 'kinds' (TKB bits) in both texts. */
void yk_ck_diff(yk_ck_diff_result *d, const yk_ck_text *src, const yk_ck_text *tgt, unsigned kinds);
/* Tokens of 'kind' (with value 'val' unless NULL). */
size_t yk_ck_count(const yk_ck_text *t, yk_ck_kind kind, const char *val);

#endif
