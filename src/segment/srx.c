/*
 * A project's SRX segmentation rules: compiling their patterns with ICU
 * regular expressions, choosing the rules for a language, and correcting
 * the boundaries of sentence.c and rules.c with them (semantics in
 * segment.h).  Reading the SRX file is formats/srx.c's job.
 */
#include "segment/segment.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "segment/segment_internal.h"
#include "util/error.h"
#include "util/xalloc.h"
#include "util/banned.h"

/*
 * ICU counts a match's work in ticks of 10 000 engine steps.  All the rules
 * on one text together get BUDGET_BASE ticks plus one per BUDGET_UNITS
 * UTF-16 units per rule, which ordinary patterns never come near (they take
 * tens of steps a position) while a pattern that backtracks without end is
 * stopped after a fraction of a second.  Each search also runs under an
 * ICU time limit of what is left of the budget; matching a language tag,
 * under MATCH_TICKS.
 */
#define MATCH_TICKS 500
#define BUDGET_BASE 200
#define BUDGET_UNITS 16
/* ICU's own default, set here so that the bound is ours to see. */
#define STACK_LIMIT (8 << 20)

typedef struct srx_rule {
    URegularExpression *re; /* (?:before)(?=after); only ever cloned */
    int brk, line;
} srx_rule;

typedef struct srx_langrule {
    size_t first, n; /* its rules: rules[first .. first + n) */
} srx_langrule;

typedef struct srx_map {
    URegularExpression *re; /* the languagepattern, case-insensitive; only ever cloned */
    size_t langrule;
} srx_map;

struct yk_segment_srx {
    unsigned long serial; /* tells the threads' clone caches apart */
    int cascade;
    char *path;
    srx_rule *rules;
    size_t nrules;
    srx_langrule *langrules;
    size_t nlangrules;
    srx_map *maps;
    size_t nmaps;
};

static atomic_ulong last_serial;

/* ---- compiling ---- */

static const char *describe(UErrorCode st)
{
    switch (st) {
    case U_REGEX_RULE_SYNTAX:
        return "syntax error";
    case U_REGEX_MISMATCHED_PAREN:
        return "unbalanced parentheses";
    case U_REGEX_MISSING_CLOSE_BRACKET:
        return "missing ']'";
    case U_REGEX_BAD_ESCAPE_SEQUENCE:
        return "unknown escape sequence";
    case U_REGEX_PROPERTY_SYNTAX:
        return "malformed \\p{...}";
    case U_REGEX_INVALID_RANGE:
        return "invalid character range";
    case U_REGEX_BAD_INTERVAL:
    case U_REGEX_NUMBER_TOO_BIG:
        return "malformed {min,max}";
    case U_REGEX_MAX_LT_MIN:
        return "{min,max} with max below min";
    case U_REGEX_LOOK_BEHIND_LIMIT:
        return "look-behind without a bounded length";
    case U_REGEX_INVALID_BACK_REF:
        return "reference to a group that does not exist";
    case U_REGEX_INVALID_FLAG:
        return "invalid flag";
    case U_REGEX_SET_CONTAINS_STRING:
        return "a string inside [...]";
    case U_REGEX_PATTERN_TOO_BIG:
        return "pattern too big";
    default:
        return u_errorName(st);
    }
}

/* The pattern as shown in a message: at most 60 bytes, not cut inside a character. */
static void shown(char *out, size_t cap, const char *pattern)
{
    size_t n = strlen(pattern), max = 60;
    if (n <= max) {
        snprintf(out, cap, "%s", pattern);
        return;
    }
    while (max > 0 && ((unsigned char)pattern[max] & 0xC0) == 0x80)
        max--;
    snprintf(out, cap, "%.*s...", (int)max, pattern);
}

static int check_length(const char *pattern, const char *path, int line, const char *what)
{
    if (strlen(pattern) > YK_SEGMENT_SRX_MAX_PATTERN)
        return yk_error_set_at(YK_ETOOBIG, path, line, 0, "%s is longer than %d bytes", what,
                               YK_SEGMENT_SRX_MAX_PATTERN);
    return YK_OK;
}

/* Compile 'pattern' (UTF-8; "" matches the empty string).  'what' and
 * 'line' say where it is in 'path' for errors. */
static int open_pattern(URegularExpression **out, const char *pattern, uint32_t flags,
                        const char *path, int line, const char *what)
{
    UErrorCode st = U_ZERO_ERROR;
    UParseError pe;
    UChar *u;
    int32_t n16 = 0;
    size_t len = strlen(pattern);
    char show[80];

    *out = NULL;
    if (len == 0) {
        pattern = "(?:)"; /* ICU refuses an empty pattern */
        len = 4;
    }
    u = yk_xmalloc((len + 1) * sizeof(*u));
    u_strFromUTF8(u, (int32_t)len + 1, &n16, pattern, (int32_t)len, &st);
    if (U_FAILURE(st)) {
        free(u);
        return yk_error_set_at(YK_EINVAL, path, line, 0, "invalid UTF-8 in %s", what);
    }
    memset(&pe, 0, sizeof(pe));
    *out = uregex_open(u, n16, flags, &pe, &st);
    free(u);
    if (U_FAILURE(st)) {
        uregex_close(*out);
        *out = NULL;
        shown(show, sizeof(show), pattern);
        if (pe.offset > 0 || pe.line > 1)
            return yk_error_set_at(YK_EINVAL, path, line + (pe.line > 1 ? pe.line - 1 : 0), 0,
                                   "invalid regular expression in %s '%s': %s at character %d",
                                   what, show, describe(st), pe.offset + 1);
        return yk_error_set_at(YK_EINVAL, path, line, 0,
                               "invalid regular expression in %s '%s': %s", what, show,
                               describe(st));
    }
    return YK_OK;
}

static int group_count(URegularExpression *re)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = uregex_groupCount(re, &st);
    return U_FAILURE(st) ? -1 : n;
}

/*
 * One rule as one pattern, "(?:before)(?=after)": a match ends where a
 * break would be, and ICU backtracks into 'before' until 'after' fits.
 * Each half is compiled alone first, so that an error names the element.
 */
static int compile_rule(srx_rule *out, const yk_segment_srx_rule_def *r, const char *path)
{
    URegularExpression *before = NULL, *after = NULL;
    int before_groups, after_groups, rc;
    char *both;
    size_t nb = strlen(r->before), na = strlen(r->after);

    out->re = NULL;
    out->brk = r->brk;
    out->line = r->line;
    if ((rc = check_length(r->before, path, r->before_line, "<beforebreak>")) < 0 ||
        (rc = check_length(r->after, path, r->after_line, "<afterbreak>")) < 0 ||
        (rc = open_pattern(&before, r->before, 0, path, r->before_line, "<beforebreak>")) < 0 ||
        (rc = open_pattern(&after, r->after, 0, path, r->after_line, "<afterbreak>")) < 0)
        goto done;
    before_groups = group_count(before);
    after_groups = group_count(after);
    both = yk_xmalloc(nb + na + 16);
    memcpy(both, "(?:", 3);
    memcpy(both + 3, r->before, nb);
    memcpy(both + 3 + nb, ")(?=", 4);
    memcpy(both + 7 + nb, r->after, na);
    memcpy(both + 7 + nb + na, ")", 2);
    rc = open_pattern(&out->re, both, 0, path, r->line, "<rule>");
    free(both);
    if (rc < 0 || group_count(out->re) != before_groups + after_groups) {
        /* An unclosed \Q or a (?x) comment in one half swallows the rest. */
        uregex_close(out->re);
        out->re = NULL;
        yk_error_clear();
        rc = yk_error_set_at(YK_EINVAL, path, r->line, 0,
                             "<beforebreak> and <afterbreak> do not combine into one "
                             "regular expression (an unclosed \\Q or a (?x) comment?)");
    }
done:
    uregex_close(before);
    uregex_close(after);
    return rc;
}

void yk_segment_srx_free(yk_segment_srx *srx)
{
    size_t i;
    if (!srx)
        return;
    for (i = 0; i < srx->nrules; i++)
        uregex_close(srx->rules[i].re);
    for (i = 0; i < srx->nmaps; i++)
        uregex_close(srx->maps[i].re);
    free(srx->rules);
    free(srx->langrules);
    free(srx->maps);
    free(srx->path);
    free(srx);
}

int yk_segment_srx_compile(yk_segment_srx **out, const yk_segment_srx_def *def, const char *path)
{
    yk_segment_srx *srx;
    size_t i, j, total = 0;
    int rc = YK_OK;

    *out = NULL;
    if (!path)
        path = "";
    for (i = 0; i < def->nlangrules; i++) {
        total += def->langrules[i].nrules;
        if (total > YK_SEGMENT_SRX_MAX_RULES)
            return yk_error_set_at(YK_ETOOBIG, path, def->langrules[i].line, 0,
                                   "more than %d rules", YK_SEGMENT_SRX_MAX_RULES);
        for (j = 0; j < i; j++)
            if (strcmp(def->langrules[j].name, def->langrules[i].name) == 0)
                return yk_error_set_at(YK_EINVAL, path, def->langrules[i].line, 0,
                                       "a second languagerule named '%s' (the first is on "
                                       "line %d)",
                                       def->langrules[i].name, def->langrules[j].line);
    }
    srx = yk_xcalloc(1, sizeof(*srx));
    srx->serial = atomic_fetch_add(&last_serial, 1) + 1;
    srx->cascade = def->cascade;
    srx->path = yk_xstrdup(path);
    srx->rules = yk_xcalloc(total + 1, sizeof(*srx->rules));
    srx->langrules = yk_xcalloc(def->nlangrules + 1, sizeof(*srx->langrules));
    srx->maps = yk_xcalloc(def->nmaps + 1, sizeof(*srx->maps));
    for (i = 0; i < def->nlangrules; i++) {
        const yk_segment_srx_langrule_def *lr = &def->langrules[i];
        srx->langrules[i].first = srx->nrules;
        for (j = 0; j < lr->nrules; j++) {
            if ((rc = compile_rule(&srx->rules[srx->nrules], &lr->rules[j], path)) < 0)
                goto fail;
            srx->nrules++;
        }
        srx->langrules[i].n = lr->nrules;
        srx->nlangrules++;
    }
    for (i = 0; i < def->nmaps; i++) {
        const yk_segment_srx_map_def *m = &def->maps[i];
        for (j = 0; j < def->nlangrules; j++)
            if (strcmp(def->langrules[j].name, m->name) == 0)
                break;
        if (j == def->nlangrules) {
            rc = yk_error_set_at(YK_EINVAL, path, m->line, 0,
                                 "languagemap names languagerule '%s', which is not defined",
                                 m->name);
            goto fail;
        }
        if ((rc = check_length(m->pattern, path, m->line, "languagepattern")) < 0 ||
            (rc = open_pattern(&srx->maps[i].re, m->pattern, UREGEX_CASE_INSENSITIVE, path,
                               m->line, "languagepattern")) < 0)
            goto fail;
        srx->maps[i].langrule = j;
        srx->nmaps++;
    }
    *out = srx;
    return YK_OK;
fail:
    yk_segment_srx_free(srx);
    return rc;
}

/* ---- the calling thread's clones ---- */

typedef struct active_rule {
    URegularExpression *re;
    int brk, line;
} active_rule;

/* The rules of one rule set for one language, cloned for this thread (ICU
 * regular expressions hold their match state: one per thread).  One slot:
 * an `add` uses one rule set and one source language throughout. */
typedef struct selection {
    unsigned long serial; /* 0: empty */
    char *lang;
    active_rule *v;
    size_t n;
} selection;

static _Thread_local selection sel;
/* Ticks left in the current call's budget; the clones' match callback counts it down. */
static _Thread_local long long ticks_left;

static UBool U_CALLCONV on_tick(const void *context, int32_t steps)
{
    long long *left = (long long *)context;
    (void)steps;
    return --*left > 0;
}

void yk_segment_srx_cleanup(void)
{
    size_t i;
    for (i = 0; i < sel.n; i++)
        uregex_close(sel.v[i].re);
    free(sel.v);
    free(sel.lang);
    memset(&sel, 0, sizeof(sel));
}

static int icu_failed(UErrorCode st, const char *what)
{
    return yk_error_set(YK_ERROR, "ICU cannot %s: %s", what, u_errorName(st));
}

/* Whether languagepattern 'm' matches all of 'lang' (UTF-16, n16 units). */
static int map_matches(int *out, const srx_map *m, const UChar *lang, int32_t n16)
{
    UErrorCode st = U_ZERO_ERROR;
    URegularExpression *re = uregex_clone(m->re, &st);
    if (U_SUCCESS(st))
        uregex_setText(re, lang, n16, &st);
    if (U_SUCCESS(st))
        uregex_setTimeLimit(re, MATCH_TICKS, &st);
    *out = U_SUCCESS(st) && uregex_matches(re, 0, &st);
    uregex_close(re);
    return U_FAILURE(st) ? icu_failed(st, "match a languagepattern") : YK_OK;
}

/*
 * Make 'sel' hold the rules 'srx' has for 'lang': the languagerules of the
 * first languagemap whose pattern matches the tag, or with cascade of
 * every one that matches, in map order (a languagerule named twice counts
 * once), their rules in file order.
 */
static int select_rules(const yk_segment_srx *srx, const char *lang)
{
    unsigned char *taken = NULL;
    UChar *lang16 = NULL;
    int32_t n16 = 0;
    size_t i, j, len = strlen(lang);
    UErrorCode st = U_ZERO_ERROR;
    int rc = YK_OK;

    if (sel.serial == srx->serial && strcmp(sel.lang, lang) == 0)
        return YK_OK;
    yk_segment_srx_cleanup();
    lang16 = yk_xmalloc((len + 1) * sizeof(*lang16));
    u_strFromUTF8(lang16, (int32_t)len + 1, &n16, lang, (int32_t)len, &st);
    if (U_FAILURE(st)) {
        rc = yk_error_set(YK_EINVAL, "language tag '%s' is not valid UTF-8", lang);
        goto done;
    }
    taken = yk_xcalloc(srx->nlangrules + 1, 1);
    sel.v = yk_xcalloc(srx->nrules + 1, sizeof(*sel.v));
    for (i = 0; i < srx->nmaps; i++) {
        const srx_langrule *lr = &srx->langrules[srx->maps[i].langrule];
        int match;
        if ((rc = map_matches(&match, &srx->maps[i], lang16, n16)) < 0)
            goto done;
        if (!match)
            continue;
        for (j = 0; !taken[srx->maps[i].langrule] && j < lr->n; j++) {
            const srx_rule *r = &srx->rules[lr->first + j];
            active_rule *a = &sel.v[sel.n];
            a->re = uregex_clone(r->re, &st);
            a->brk = r->brk;
            a->line = r->line;
            if (U_SUCCESS(st))
                uregex_setStackLimit(a->re, STACK_LIMIT, &st);
            if (U_SUCCESS(st))
                uregex_setMatchCallback(a->re, on_tick, &ticks_left, &st);
            if (a->re)
                sel.n++;
            if (U_FAILURE(st)) {
                rc = icu_failed(st, "copy a segmentation rule");
                goto done;
            }
        }
        taken[srx->maps[i].langrule] = 1;
        if (!srx->cascade)
            break;
    }
    sel.serial = srx->serial;
    sel.lang = yk_xstrdup(lang);
done:
    if (rc < 0)
        yk_segment_srx_cleanup();
    free(taken);
    free(lang16);
    return rc;
}

size_t yk_segment_srx_count(const yk_segment_srx *srx, const char *lang)
{
    if (!srx || select_rules(srx, lang ? lang : "") < 0)
        return 0;
    return sel.n;
}

/* ---- applying ---- */

enum { UNDECIDED = 0, NO_BREAK, BREAK };

static int space_before(const char *s, size_t i)
{
    unsigned char c;
    if (i == 0)
        return 0;
    c = (unsigned char)s[i - 1];
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (i >= 3 && c == 0x80 && (unsigned char)s[i - 2] == 0x80 && (unsigned char)s[i - 3] == 0xE3)
        return 3;
    return 0;
}

/* Where the white space that starts at or goes through byte i ends. */
static size_t past_space(const yk_segment_text *t, size_t i)
{
    size_t n;
    while (i < t->len && yk_segment_is_space_at(t->text + i, t->len - i, &n))
        i += n;
    return i;
}

/* Record rule 'brk' at the match end e (a UTF-16 index) unless an earlier
 * rule decided that place: the end of the white space there, where a
 * sentence would start. */
static void mark(unsigned char *decision, const yk_segment_text *t, int32_t e, int brk)
{
    size_t at;
    if (e <= 0 || (size_t)e >= t->n16)
        return;
    if (U16_IS_TRAIL(t->u[e]) && U16_IS_LEAD(t->u[e - 1]))
        return; /* inside a character */
    at = past_space(t, t->map[e]);
    if (at < t->len && decision[at] == UNDECIDED)
        decision[at] = brk ? BREAK : NO_BREAK;
}

static void resolve(unsigned char *brk, const unsigned char *prot, const unsigned char *decision,
                    const yk_segment_text *t)
{
    size_t at, from, k, n, newlines;

    for (at = 1; at < t->len; at++) {
        if ((at = yk_segment_next_set(decision, at, t->len)) >= t->len)
            break;
        for (from = at, newlines = 0; (n = space_before(t->text, from)) > 0; from -= n)
            newlines += t->text[from - 1] == '\n';
        if (decision[at] == NO_BREAK) {
            if (newlines < 2) /* a blank line always separates */
                memset(brk + from, 0, at - from + 1);
            continue;
        }
        if (prot[at])
            continue;
        for (k = from; k <= at && !brk[k]; k++)
            ;
        if (k > at)
            brk[at] = 1;
    }
}

int yk_segment_srx_apply(unsigned char *brk, const unsigned char *prot, const yk_segment_text *t,
                         const char *lang, const yk_segment_srx *srx)
{
    static const UChar empty[1] = {0};
    unsigned char *decision;
    size_t r;
    int rc;

    if ((rc = select_rules(srx, lang ? lang : "")) < 0)
        return rc;
    if (sel.n == 0)
        return YK_OK;
    decision = yk_xcalloc(t->len + 1, 1);
    ticks_left = BUDGET_BASE + (long long)(t->n16 / BUDGET_UNITS + 1) * (long long)sel.n;
    for (r = 0; r < sel.n && rc == YK_OK; r++) {
        const active_rule *a = &sel.v[r];
        UErrorCode st = U_ZERO_ERROR, st2 = U_ZERO_ERROR;
        int32_t limit = ticks_left < 1           ? 1
                        : ticks_left < INT32_MAX ? (int32_t)ticks_left
                                                 : INT32_MAX;
        uregex_setTimeLimit(a->re, limit, &st);
        uregex_setText(a->re, t->u, (int32_t)t->n16, &st);
        while (U_SUCCESS(st) && uregex_findNext(a->re, &st)) {
            int32_t e = uregex_end(a->re, 0, &st);
            if (U_SUCCESS(st))
                mark(decision, t, e, a->brk);
        }
        /* No location: the reader puts the paragraph's file and line on it. */
        if (st == U_REGEX_TIME_OUT || st == U_REGEX_STOPPED_BY_CALLER)
            rc = yk_error_set(YK_ETOOBIG,
                              "the segmentation rule on line %d of %s is too slow for this "
                              "paragraph (its regular expressions exceed their time limit); "
                              "simplify it",
                              a->line, srx->path);
        else if (st == U_REGEX_STACK_OVERFLOW)
            rc = yk_error_set(YK_ETOOBIG,
                              "the segmentation rule on line %d of %s needs too much memory for "
                              "this paragraph (its regular expressions exceed their "
                              "backtracking limit); simplify it",
                              a->line, srx->path);
        else if (U_FAILURE(st))
            rc = icu_failed(st, "apply a segmentation rule");
        /* The clone outlives this call; do not leave it pointing at freed text. */
        uregex_setText(a->re, empty, 0, &st2);
    }
    if (rc == YK_OK)
        resolve(brk, prot, decision, t);
    free(decision);
    return rc;
}
