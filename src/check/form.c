/*
 * Form: white space at the edges, doubled words and punctuation, a length
 * far from the language pair's norm, soft line breaks inside CJK text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/check.h"
#include "segment/segment.h"

static size_t lead_ws(const char *s, size_t len)
{
    size_t i = 0;
    for (;;) {
        if (i < len && strchr(" \t\r\n", s[i]) && s[i])
            i++;
        else if (i + 3 <= len && memcmp(s + i, "\xe3\x80\x80", 3) == 0)
            i += 3;
        else
            return i;
    }
}

static size_t trail_ws(const char *s, size_t len)
{
    size_t i = len;
    for (;;) {
        if (i > 0 && s[i - 1] && strchr(" \t\r\n", s[i - 1]))
            i--;
        else if (i >= 3 && memcmp(s + i - 3, "\xe3\x80\x80", 3) == 0)
            i -= 3;
        else
            return len - i;
    }
}

int yk_ck_fix_ws_edges(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    size_t sl = lead_ws(seg->src, seg->src_len), st = trail_ws(seg->src, seg->src_len);
    size_t tl = lead_ws(t, len), tt = tl < len ? trail_ws(t, len) : 0;
    if ((sl > 0) == (tl > 0) && (st > 0) == (tt > 0))
        return 0;
    yk_buf_put(out, seg->src, sl);
    yk_buf_put(out, t + tl, len - tl - tt);
    yk_buf_put(out, seg->src + seg->src_len - st, st);
    return 1;
}

/** ## Doubled words */

static int word_byte(unsigned char c)
{
    return isalnum(c) || c == '\'';
}

/* "the the", "있다 있다": the doubled word, or 0.  Words start and end at
 * code points of the decoded text. */
static size_t doubled_spaced(const yk_ck_text *t, size_t *at)
{
    const yk_ck_cp *v = t->cps;
    size_t i = 0, n = t->ncps;
    if (!(t->pcls & (YK_CK_P_ALPHA | YK_CK_P_HANGUL)))
        return 0; /* words start with a Latin letter or Hangul of prose */
    while (i < n) {
        uint32_t cp = v[i].cp;
        size_t a = v[i].off, b, c, d, syl = 0, j;
        int latin = cp < 0x80 && isalpha((int)cp), hangul = !latin && yk_ck_is_hangul(cp);
        if (!v[i].prose || (!latin && !hangul) ||
            (a > 0 &&
             (word_byte((unsigned char)t->s[a - 1]) || (unsigned char)t->s[a - 1] >= 0x80))) {
            i++;
            continue;
        }
        j = i;
        while (j < n && v[j].prose) {
            uint32_t c2 = v[j].cp;
            if (latin ? !(c2 < 0x80 && word_byte((unsigned char)c2)) : !yk_ck_is_hangul(c2))
                break;
            syl++;
            j++;
        }
        b = v[j].off;
        c = b;
        while (c < t->len && t->s[c] == ' ')
            c++;
        d = c + (b - a);
        if (c > b && c < t->len && d <= t->len && (latin || syl >= 2) &&
            (latin ? strncasecmp(t->s + a, t->s + c, b - a) == 0
                   : memcmp(t->s + a, t->s + c, b - a) == 0) &&
            (d == t->len || !(word_byte((unsigned char)t->s[d]) || (unsigned char)t->s[d] >= 0x80)) &&
            !isdigit((unsigned char)t->s[a])) {
            *at = a;
            return b - a;
        }
        i = j > i ? j : i + 1;
    }
    return 0;
}

static int katakana_cp(uint32_t cp)
{
    return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC;
}

/* Japanese: a particle written twice (をを, がが) or a katakana word doubled.
 * One walk over the code points finds the first place of each particle
 * pair (as a byte search would: UTF-8 matches only at character starts). */
static size_t doubled_ja(const yk_ck_text *t, size_t *at)
{
    /* をを がが にには でで, in the order they are tried */
    static const uint32_t first[] = {0x3092, 0x304C, 0x306B, 0x3067};
    size_t where[4] = {(size_t)-1, (size_t)-1, (size_t)-1, (size_t)-1};
    const yk_ck_cp *v = t->cps;
    size_t n = t->ncps, i, p, j;
    for (i = 0; i + 1 < n; i++) {
        uint32_t cp = v[i].cp;
        if (cp < 0x304C || cp > 0x3092 || v[i + 1].cp != cp)
            continue;
        for (p = 0; p < 4; p++)
            if (cp == first[p] && where[p] == (size_t)-1 &&
                (p != 2 || v[i + 2].cp == 0x306F)) /* に then には */
                where[p] = v[i].off;
    }
    for (p = 0; p < 4; p++) {
        if (where[p] != (size_t)-1 && t->prose[where[p]]) {
            *at = where[p];
            return 3;
        }
    }
    /* katakana runs: XX where X has 3+ characters */
    i = 0;
    while (i < n) {
        size_t a, b;
        if (!katakana_cp(v[i].cp)) {
            i++;
            continue;
        }
        j = i;
        while (j < n && katakana_cp(v[j].cp))
            j++;
        a = v[i].off;
        b = v[j].off;
        if ((b - a) % 2 == 0 && (b - a) / 2 >= 9 &&
            memcmp(t->s + a, t->s + a + (b - a) / 2, (b - a) / 2) == 0) {
            *at = a;
            return (b - a) / 2;
        }
        i = j;
    }
    return 0;
}

static void doubled_word(yk_ck_session *s, const yk_ck_seg *seg)
{
    size_t at = 0, len = doubled_spaced(&seg->t, &at);
    unsigned cls = yk_ck_target_class(s);
    if (!len && cls == CK_L_JA)
        len = doubled_ja(&seg->t, &at);
    if (!len)
        return;
    /* doubled in the source too: on purpose */
    {
        yk_buf pair = YK_BUF_INIT;
        size_t sat = 0, slen = doubled_spaced(&seg->s, &sat);
        int same = slen == len && strncasecmp(seg->src + sat, seg->tgt + at, len) == 0;
        yk_buf_release(&pair);
        if (same)
            return;
    }
    yk_ck_emit(s, seg->idx, CK_DOUBLED_WORD, NULL, "'%.*s' is written twice", (int)len,
               seg->tgt + at);
}

/** ## Doubled punctuation */

static const char *const doubles[] = {"。。", "、、", "，，", "！！", "？？", "；；", "：：",
                                      "、。", "。、", "，。", ",,", ";;", "!!", "??", ",."};

/* The doubled sequence at i, or NULL; ".." only when not part of "...". */
static const char *double_at(const char *s, size_t len, size_t i)
{
    size_t d;
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x80 ? !((c == 0xE3 && i + 1 < len && (unsigned char)s[i + 1] == 0x80) ||
                      (c == 0xEF && i + 1 < len && (unsigned char)s[i + 1] == 0xBC))
                  : (c != ',' && c != ';' && c != '!' && c != '?' && c != '.'))
        return NULL; /* the quick way out for almost every byte: the full-width
                        marks are U+3001, U+3002 (E3 80 ..) and U+FF01..FF1F (EF BC ..) */
    if (c == '.') {
        if (i + 1 < len && s[i + 1] == '.' && (i == 0 || s[i - 1] != '.') &&
            (i + 2 >= len || s[i + 2] != '.'))
            return "..";
        return NULL;
    }
    for (d = 0; d < sizeof(doubles) / sizeof(doubles[0]); d++) {
        size_t n;
        if ((unsigned char)doubles[d][0] != c)
            continue;
        n = strlen(doubles[d]);
        if (i + n <= len && memcmp(s + i, doubles[d], n) == 0)
            return doubles[d];
    }
    return NULL;
}

static int collapsible(const char *d)
{
    return !strchr(d, '!') && !strchr(d, '?') && strcmp(d, "！！") != 0 && strcmp(d, "？？") != 0;
}

static int punct_cp(uint32_t cp)
{
    return cp == ',' || cp == ';' || cp == '!' || cp == '?' || cp == '.' || cp == 0x3001 ||
           cp == 0x3002 || (cp >= 0xFF01 && cp <= 0xFF1F);
}

/* doubled_rewrite without 'out': every doubled sequence is two code points
 * (marks of punct_cp), so only such neighbours are looked at, in the
 * decoded text of t. */
static int doubled_count(const yk_ck_text *t, const char *src, size_t src_len, const char **which)
{
    const yk_ck_cp *v = t->cps;
    size_t i = 0, n = t->ncps;
    int found = 0;
    while (i + 1 < n) {
        const char *d;
        if (!punct_cp(v[i + 1].cp)) {
            i += 2;
            continue;
        }
        if (!punct_cp(v[i].cp) || !v[i].prose) {
            i++;
            continue;
        }
        d = double_at(t->s, t->len, v[i].off);
        if (d && !yk_ck_find(src, src_len, d, strlen(d))) {
            if (!found && which)
                *which = d;
            found++;
            i += 2;
            continue;
        }
        i++;
    }
    return found;
}

static int doubled_rewrite(yk_buf *out, const yk_ck_text *t, const char *src, size_t src_len,
                           const char **which)
{
    size_t i = 0;
    int found = 0;
    if (!out)
        return doubled_count(t, src, src_len, which);
    while (i < t->len) {
        const char *d = t->prose[i] ? double_at(t->s, t->len, i) : NULL;
        if (d && !yk_ck_find(src, src_len, d, strlen(d))) {
            size_t n = strlen(d), first;
            uint32_t cp;
            if (!found && which)
                *which = d;
            found++;
            first = yk_ck_next(&cp, d, n, 0);
            if (out) {
                /* keep the first mark; "、。" keeps the stronger second */
                if (collapsible(d))
                    yk_buf_put(out, strcmp(d, "、。") == 0 || strcmp(d, "，。") == 0 ||
                                            strcmp(d, ",.") == 0
                                        ? d + first
                                        : d,
                               strcmp(d, "、。") == 0 || strcmp(d, "，。") == 0 ||
                                       strcmp(d, ",.") == 0
                                   ? n - first
                                   : first);
                else
                    yk_buf_put(out, d, n);
            }
            i += n;
            continue;
        }
        if (out)
            yk_buf_putc(out, t->s[i]);
        i++;
    }
    return found;
}

int yk_ck_fix_doubled_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    yk_ck_text txt;
    yk_buf tmp = YK_BUF_INIT;
    int n;
    yk_ck_scan(&txt, t, len);
    n = doubled_rewrite(&tmp, &txt, seg->src, seg->src_len, NULL);
    yk_ck_text_release(&txt);
    if (n && (tmp.len != len || memcmp(tmp.buf, t, len) != 0)) {
        yk_buf_put(out, tmp.buf, tmp.len);
        yk_buf_release(&tmp);
        return 1;
    }
    yk_buf_release(&tmp);
    return 0;
}

/** ## Length ratio */

/* Target characters per source character (white space and markup not
 * counted), measured on parallel community texts; 0 when unknown. */
static double pair_norm(unsigned s, unsigned t)
{
    if (s == t)
        return 1.0;
    if (s == CK_L_ZH)
        return t == CK_L_JA ? 1.6 : t == CK_L_KO ? 1.3 : 3.0;
    if (s == CK_L_OTHER)
        return t == CK_L_JA ? 0.55 : t == CK_L_KO ? 0.45 : 0.35;
    if (s == CK_L_JA)
        return t == CK_L_KO ? 0.85 : t == CK_L_ZH ? 0.65 : 1.8;
    if (s == CK_L_KO)
        return t == CK_L_JA ? 1.2 : t == CK_L_ZH ? 0.8 : 2.2;
    return 0;
}

/* Length in characters of prose; in a CJK text, Latin letters count a
 * third each (an English name or quote inside Chinese is not three times
 * the Japanese it becomes). */
static double weighted_len(const yk_ck_text *t, int cjk)
{
    size_t i, whole = 0;
    double n = 0;
    if (!cjk || !(t->pcls & YK_CK_P_ALPHA)) {
        /* every character counts 1: the same sum, without a chain of
         * floating-point additions */
        for (i = 0; i < t->ncps; i++)
            whole += t->cps[i].prose && !yk_ck_is_space(t->cps[i].cp);
        return (double)whole;
    }
    for (i = 0; i < t->ncps; i++) {
        uint32_t cp = t->cps[i].cp;
        if (t->cps[i].prose && !yk_ck_is_space(cp))
            n += cjk && cp < 0x80 && isalpha((int)cp) ? 1.0 / 3 : 1.0;
    }
    return n;
}

static void length_ratio(yk_ck_session *s, const yk_ck_seg *seg)
{
    unsigned sc = yk_ck_source_class(s), tc = yk_ck_target_class(s);
    double norm = pair_norm(sc, tc), ratio;
    double a = weighted_len(&seg->s, sc != CK_L_OTHER), b = weighted_len(&seg->t, tc != CK_L_OTHER);
    double min = sc == CK_L_OTHER ? 40 : 15;
    if (norm <= 0 || a < min)
        return;
    ratio = b / a;
    if (ratio < norm / 2.5)
        yk_ck_emit(s, seg->idx, CK_LENGTH_RATIO, NULL,
                   "target is short for its source: %.0f characters for %.0f (usual ratio %.2f)",
                   b, a, norm);
    else if (ratio > norm * 2.5)
        yk_ck_emit(s, seg->idx, CK_LENGTH_RATIO, NULL,
                   "target is long for its source: %.0f characters for %.0f (usual ratio %.2f)",
                   b, a, norm);
}

/** ## Soft line breaks in CJK text */

static int cjk_no_space(uint32_t cp)
{
    return yk_ck_is_han(cp) || yk_ck_is_kana(cp) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF);
}

static int soft_break(const yk_ck_text *t, size_t *at)
{
    size_t i;
    for (i = 1; i + 1 < t->len; i++) {
        size_t a, b;
        uint32_t l = 0, r = 0;
        const char *nl = memchr(t->s + i, '\n', t->len - 1 - i);
        if (!nl)
            break;
        i = (size_t)(nl - t->s);
        a = i;
        b = i + 1;
        if (!t->prose[i])
            continue;
        while (a > 0 && t->s[a - 1] == ' ')
            a--;
        if (a == 0 || (i >= 2 && t->s[i - 1] == ' ' && t->s[i - 2] == ' ') || t->s[a - 1] == '\\' ||
            t->s[a - 1] == '\n')
            continue; /* hard break or blank line */
        while (b < t->len && t->s[b] == ' ')
            b++;
        if (b >= t->len || t->s[b] == '\n')
            continue;
        yk_ck_prev(&l, t->s, a);
        yk_ck_next(&r, t->s, t->len, b);
        if (cjk_no_space(l) || cjk_no_space(r)) {
            *at = i;
            return 1;
        }
    }
    return 0;
}

int yk_ck_fix_soft_break(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    yk_ck_text txt;
    size_t at;
    int found;
    (void)seg;
    yk_ck_scan(&txt, t, len);
    found = soft_break(&txt, &at);
    yk_ck_text_release(&txt);
    if (!found)
        return 0;
    yk_segment_unwrap_cjk(out, t, len);
    return out->len != len || memcmp(out->buf, t, len) != 0;
}

void yk_ck_form(yk_ck_session *s, const yk_ck_seg *seg)
{
    size_t at = 0;
    const char *which = NULL;
    yk_ck_text src_scan;
    if (yk_ck_on(s, CK_WS_EDGES)) {
        yk_buf tmp = YK_BUF_INIT;
        if (yk_ck_fix_ws_edges(&tmp, seg, seg->tgt, seg->tgt_len))
            yk_ck_emit_fixable(s, seg, CK_WS_EDGES,
                               "leading or trailing white space differs from the source");
        yk_buf_release(&tmp);
    }
    if (yk_ck_on(s, CK_DOUBLED_WORD))
        doubled_word(s, seg);
    if (yk_ck_on(s, CK_DOUBLED_PUNCT) &&
        doubled_rewrite(NULL, &seg->t, seg->src, seg->src_len, &which)) {
        yk_buf fixed = YK_BUF_INIT;
        int changed = yk_ck_fix_doubled_punct(&fixed, seg, seg->tgt, seg->tgt_len);
        yk_ck_emit(s, seg->idx, CK_DOUBLED_PUNCT, changed ? fixed.buf : NULL,
                   "doubled punctuation '%s'", which);
        yk_buf_release(&fixed);
    }
    if (yk_ck_on(s, CK_LENGTH_RATIO))
        length_ratio(s, seg);
    if (yk_ck_on(s, CK_SOFT_BREAK) && soft_break(&seg->t, &at))
        yk_ck_emit_fixable(s, seg, CK_SOFT_BREAK,
                           "line break inside Japanese or Chinese text at byte %zu", at);
    (void)src_scan;
}
