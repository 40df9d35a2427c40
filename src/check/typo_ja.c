/*
 * Japanese typography after the JTF style guide for translation (JTF日本語
 * 標記ルールブック): full-width 、。！？ and 「」, no space around full-width
 * punctuation, half-width digits, one spacing style between Japanese and
 * Latin letters in the book, one spelling of katakana long vowels.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static int is_fw_punct(uint32_t cp)
{
    switch (cp) {
    case 0x3001: case 0x3002: case 0xFF0C: case 0xFF0E: case 0xFF01: case 0xFF1F:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0xFF08: case 0xFF09:
    case 0x3010: case 0x3011: case 0x3014: case 0x3015: case 0xFF1A: case 0xFF1B:
        return 1;
    default:
        return 0;
    }
}

static int is_closer(uint32_t cp)
{
    return cp == 0x300D || cp == 0x300F || cp == 0xFF09 || cp == 0x3011 || cp == 0x3015;
}

static void put_cp(yk_buf *out, uint32_t cp)
{
    char b[4];
    if (out)
        yk_buf_put(out, b, yk_utf8_encode(b, cp));
}

static void put_raw(yk_buf *out, const yk_ck_text *t, const yk_ck_cp *c)
{
    if (out)
        yk_buf_put(out, t->s + c->off, c->len);
}

/* '"' in the prose: counted when the first one is met. */
static int dq_count(const yk_ck_cp *v, size_t n)
{
    size_t i;
    int k = 0;
    for (i = 0; i < n; i++)
        k += v[i].prose && v[i].cp == '"';
    return k;
}

/* ja-fullwidth-punct: counts (and with out, fixes) half-width and Chinese
 * punctuation in Japanese prose. */
static int ja_punct(yk_buf *out, const yk_ck_text *t, size_t *at)
{
    const yk_ck_cp *v;
    size_t n, i;
    int found = 0, dq_open = 0, dq_conv = 0, dq_total = -1;
    yk_ck_decode(&v, &n, t);
    for (i = 0; i < n; i++) {
        uint32_t cp = v[i].cp, prev = i ? v[i - 1].cp : 0, next = v[i + 1].cp, rep = 0;
        if (!v[i].prose || (cp > 0x201D && cp < 0xFF0C)) {
            put_raw(out, t, &v[i]); /* not prose, or no mark this rule rewrites */
            continue;
        }
        if ((cp == ',' || cp == '.' || cp == '!' || cp == '?') &&
            (yk_ck_is_ja(prev) || is_closer(prev)) && !yk_ck_is_alnum(next) && next != '.' &&
            next != cp && prev != '.') {
            rep = cp == ',' ? 0x3001 : cp == '.' ? 0x3002 : cp == '!' ? 0xFF01 : 0xFF1F;
        } else if (cp == 0xFF64) {
            rep = 0x3001;
        } else if (cp == 0xFF61) {
            rep = 0x3002;
        } else if (cp == 0xFF62 || cp == 0xFF63) {
            rep = cp == 0xFF62 ? 0x300C : 0x300D;
        } else if (cp == 0xFF0C && (yk_ck_is_ja(prev) || yk_ck_is_ja(next))) {
            rep = 0x3001;
        } else if (cp == 0x201C && yk_ck_is_ja(next)) {
            rep = 0x300C;
        } else if (cp == 0x201D && (yk_ck_is_ja(prev) || is_fw_punct(prev))) {
            rep = 0x300D;
        } else if (cp == '"' && (dq_total < 0 ? (dq_total = dq_count(v, n)) : dq_total) % 2 == 0) {
            if (!dq_open) {
                dq_open = 1;
                dq_conv = yk_ck_is_ja(next);
                rep = dq_conv ? 0x300C : 0;
            } else {
                dq_open = 0;
                rep = dq_conv ? 0x300D : 0;
            }
        }
        if (!rep) {
            put_raw(out, t, &v[i]);
            continue;
        }
        if (!found && at)
            *at = v[i].off;
        found++;
        put_cp(out, rep);
        /* "です. 次" → "です。次": the space belonged to the half-width stop */
        if (rep == 0x3001 || rep == 0x3002 || rep == 0xFF01 || rep == 0xFF1F) {
            size_t j = i + 1;
            while (j < n && v[j].cp == ' ')
                j++;
            if (j > i + 1 && j < n && v[j].cp != '\n')
                i = j - 1;
        }
    }
    return found;
}

/* ja-space-around-punct: spaces between full-width punctuation and Japanese. */
static int ja_space(yk_buf *out, const yk_ck_text *t, size_t *at)
{
    const yk_ck_cp *v;
    size_t n, i;
    int found = 0;
    if (!out && !(t->pcls & YK_CK_P_SPACE))
        return 0; /* no space in the prose */
    yk_ck_decode(&v, &n, t);
    for (i = 0; i < n; i++) {
        size_t j = i;
        int nl = 0;
        if (v[i].prose && (v[i].cp == ' ' || v[i].cp == 0x3000) && i > 0) {
            uint32_t l = v[i - 1].cp, r;
            while (j < n && (v[j].cp == ' ' || v[j].cp == 0x3000 || v[j].cp == '\n')) {
                nl |= v[j].cp == '\n';
                j++;
            }
            r = v[j].cp;
            if (!nl && j < n && ((is_fw_punct(l) && (yk_ck_is_ja(r) || is_fw_punct(r))) ||
                                 (is_fw_punct(r) && (yk_ck_is_ja(l) || is_fw_punct(l))))) {
                if (!found && at)
                    *at = v[i].off;
                found++;
                i = j - 1;
                continue;
            }
        }
        put_raw(out, t, &v[i]);
    }
    return found;
}

/* ja-fullwidth-digits: ０-９, Ａ-Ｚ, ａ-ｚ. */
static int ja_digits(yk_buf *out, const yk_ck_text *t, size_t *at)
{
    const yk_ck_cp *v;
    size_t n, i;
    int found = 0;
    if (!out && !(t->pcls & YK_CK_P_FW))
        return 0; /* no full-width letter or digit in the prose */
    yk_ck_decode(&v, &n, t);
    for (i = 0; i < n; i++) {
        uint32_t cp = v[i].cp;
        if (v[i].prose && ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
                           (cp >= 0xFF41 && cp <= 0xFF5A))) {
            if (!found && at)
                *at = v[i].off;
            found++;
            put_cp(out, cp - 0xFEE0);
        } else {
            put_raw(out, t, &v[i]);
        }
    }
    return found;
}

typedef int (*ja_rule)(yk_buf *out, const yk_ck_text *t, size_t *at);

static int apply(ja_rule rule, yk_buf *out, const char *t, size_t len)
{
    yk_ck_text txt;
    int n;
    yk_ck_scan(&txt, t, len);
    n = rule(out, &txt, NULL);
    yk_ck_text_release(&txt);
    return n > 0;
}

int yk_ck_fix_ja_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    (void)seg;
    return apply(ja_punct, out, t, len);
}

int yk_ck_fix_ja_space_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    (void)seg;
    return apply(ja_space, out, t, len);
}

int yk_ck_fix_ja_digits(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    (void)seg;
    return apply(ja_digits, out, t, len);
}

static void quote_at(char q[16], const char *s, size_t len, size_t at)
{
    uint32_t cp;
    size_t k = yk_ck_next(&cp, s, len, at);
    memcpy(q, s + at, k);
    q[k] = '\0';
}

void yk_ck_typo_ja(yk_ck_session *s, const yk_ck_seg *seg)
{
    size_t at = 0;
    char q[16];
    if (yk_ck_target_class(s) != CK_L_JA)
        return;
    if (yk_ck_on(s, CK_JA_PUNCT) && ja_punct(NULL, &seg->t, &at)) {
        quote_at(q, seg->tgt, seg->tgt_len, at);
        yk_ck_emit_fixable(s, seg, CK_JA_PUNCT, "'%s' in Japanese text: use full-width "
                           "punctuation (、。！？「」)", q);
    }
    if (yk_ck_on(s, CK_JA_SPACE_PUNCT) && ja_space(NULL, &seg->t, &at))
        yk_ck_emit_fixable(s, seg, CK_JA_SPACE_PUNCT,
                           "space next to full-width punctuation at byte %zu", at);
    if (yk_ck_on(s, CK_JA_DIGITS) && ja_digits(NULL, &seg->t, &at)) {
        quote_at(q, seg->tgt, seg->tgt_len, at);
        yk_ck_emit_fixable(s, seg, CK_JA_DIGITS, "full-width '%s': use half-width digits and "
                           "letters", q);
    }
}

/** ## Book-wide: spacing between Japanese and Latin letters */

static int ascii_letter(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

static int ja_word(uint32_t cp)
{
    return yk_ck_is_ja(cp) && cp != 0x30FC;
}

/* Boundaries Japanese|Latin and Latin|Japanese, tight or with one space.
 * Digits are left out: 2024年 and 3人 are written tight by everyone.  With
 * 'out', rewrite them to 'style' (1 spaced, 0 tight). */
static void alnum(const yk_ck_text *t, int *spaced, int *tight, yk_buf *out, int style)
{
    const yk_ck_cp *v;
    size_t n, i;
    yk_ck_decode(&v, &n, t);
    *spaced = *tight = 0;
    for (i = 0; i < n; i++) {
        uint32_t cp = v[i].cp, nx = v[i + 1].cp;
        put_raw(out, t, &v[i]);
        if (!v[i].prose || i + 1 >= n || !v[i + 1].prose)
            continue;
        if ((ja_word(cp) && ascii_letter(nx)) || (ascii_letter(cp) && ja_word(nx))) {
            (*tight)++;
            if (style == 1 && out)
                yk_buf_putc(out, ' ');
        } else if (nx == ' ' && i + 2 < n && v[i + 2].prose &&
                   ((ja_word(cp) && ascii_letter(v[i + 2].cp)) ||
                    (ascii_letter(cp) && ja_word(v[i + 2].cp)))) {
            (*spaced)++;
            if (style == 0 && out)
                i++; /* drop the space */
        }
    }
}

void yk_ck_ja_alnum_count(const yk_ck_text *t, int *spaced, int *tight)
{
    if (!(t->pcls & YK_CK_P_ALPHA)) { /* every boundary counted has a Latin letter of prose */
        *spaced = *tight = 0;
        return;
    }
    alnum(t, spaced, tight, NULL, -1);
}

/* Whether a Japanese|Latin boundary, tight or across one space, may be in
 * the text: a Japanese character is never ASCII, so an ASCII letter with a
 * byte past ASCII beside it (or one space away) is needed.  Most targets
 * have none, and then alnum() counts nothing: the first walk need not
 * scan them. */
static int may_have_boundary(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i;
    for (i = 0; i < len; i++) {
        if (!yk_ck_ascii_alpha(u[i])) {
            /* over the continuations of a three-byte character, not over
             * a letter after a stray lead byte */
            if (u[i] >= 0xE0 && i + 2 < len && (u[i + 1] & 0xC0) == 0x80 &&
                (u[i + 2] & 0xC0) == 0x80)
                i += 2;
            continue;
        }
        if (i + 1 < len &&
            (u[i + 1] >= 0x80 || (u[i + 1] == ' ' && i + 2 < len && u[i + 2] >= 0x80)))
            return 1;
        if (i > 0 && (u[i - 1] >= 0x80 || (u[i - 1] == ' ' && i > 1 && u[i - 2] >= 0x80)))
            return 1;
    }
    return 0;
}

void yk_ck_ja_alnum_learn(yk_ck_text *scratch, const char *tgt, size_t len, size_t *spaced,
                          size_t *tight)
{
    int sp, ti;
    if (!may_have_boundary(tgt, len))
        return;
    yk_ck_rescan(scratch, tgt, len);
    yk_ck_ja_alnum_count(scratch, &sp, &ti);
    *spaced += (size_t)sp;
    *tight += (size_t)ti;
}

/* The segment against the book's style: the more common spacing, and
 * whether it is common enough (twice the other) to report a segment that
 * mixes both. */
void yk_ck_ja_alnum_check(yk_ck_session *s, size_t idx, size_t sp, size_t ti)
{
    yk_ck_stored *st = yk_ck_session_segment(s, idx);
    int style, strong, minority, majority, a, b;
    const char *cur;
    yk_ck_text txt;
    yk_buf fixed = YK_BUF_INIT;
    if (!sp && !ti)
        return;
    style = sp > ti; /* ties: JTF 3.1.1, no space */
    strong = style ? sp >= 2 * ti : ti >= 2 * sp;
    minority = style ? st->alnum_tight : st->alnum_spaced;
    majority = style ? st->alnum_spaced : st->alnum_tight;
    if (!st->tgt || !minority || (!strong && !majority))
        return;
    cur = st->fixed ? st->fixed : st->tgt;
    yk_ck_scan(&txt, cur, strlen(cur));
    alnum(&txt, &a, &b, &fixed, style);
    yk_ck_text_release(&txt);
    yk_ck_emit(s, idx, CK_JA_ALNUM_SPACING, fixed.buf,
               style ? "no space between Japanese and Latin letters here (%d), while the "
                       "book puts one (%zu to %zu)"
                     : "a space between Japanese and Latin letters here (%d), while the book "
                       "puts none (%zu to %zu)",
               minority, style ? sp : ti, style ? ti : sp);
    if (yk_ck_on(s, CK_JA_ALNUM_SPACING))
        yk_ck_set_fixed(s, idx, yk_buf_detach(&fixed, NULL));
    yk_buf_release(&fixed);
}

/** ## Book-wide: katakana long vowels */

static int katakana(uint32_t cp)
{
    return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC;
}

/* Calls fn for each katakana word of text. */
static void katakana_words(const char *s, void (*fn)(const char *w, size_t len, void *p), void *p)
{
    size_t i = 0, len = strlen(s), start = (size_t)-1;
    while (i <= len) {
        uint32_t cp = 0;
        size_t k = i < len ? yk_ck_next(&cp, s, len, i) : 1;
        if (i < len && katakana(cp)) {
            if (start == (size_t)-1)
                start = i;
        } else if (start != (size_t)-1) {
            fn(s + start, i - start, p);
            start = (size_t)-1;
        }
        i += k;
    }
}

typedef struct lv_ctx {
    yk_ck_map *minority; /* word → its other form's count + 1 */
    yk_ck_session *s;
    size_t idx;
    const char *reported;
} lv_ctx;

static void report_word(const char *w, size_t len, void *p)
{
    lv_ctx *c = p;
    size_t *other = yk_ck_map_get(c->minority, w, len);
    int with_mark = len > 3 && memcmp(w + len - 3, "ー", 3) == 0;
    if (!other || c->reported)
        return;
    c->reported = w; /* one finding per segment */
    yk_ck_emit(c->s, c->idx, CK_JA_LONG_VOWEL, NULL,
               "'%.*s' here, '%.*s%s' in %zu other place%s of the book", (int)len, w,
               (int)(with_mark ? len - 3 : len), w, with_mark ? "" : "ー", *other - 1,
               *other == 2 ? "" : "s");
}

/* Katakana words counted in the first walk; at its end, the forms of a
 * word written both with and without the final mark, the rarer one with
 * the count of the other. */
struct yk_ck_lv {
    yk_ck_map count;
    yk_ck_map minority; /* word → its other form's count + 1 */
};

yk_ck_lv *yk_ck_lv_new(void)
{
    return yk_xcalloc(1, sizeof(yk_ck_lv));
}

/* The length of the katakana() code point at u (left bytes), or 0: U+30A1
 * to U+30FA and U+30FC are E3 82 A1..BF, E3 83 80..BA and E3 83 BC. */
static size_t katakana_at(const unsigned char *u, size_t left)
{
    if (left < 3 || u[0] != 0xE3)
        return 0;
    if (u[1] == 0x82)
        return u[2] >= 0xA1 && u[2] <= 0xBF ? 3 : 0;
    if (u[1] == 0x83)
        return (u[2] >= 0x80 && u[2] <= 0xBA) || u[2] == 0xBC ? 3 : 0;
    return 0;
}

/* The words katakana_words() finds, without decoding the rest: a katakana
 * starts with E3, which is never inside another sequence. */
void yk_ck_lv_learn(yk_ck_lv *lv, const char *tgt, size_t len)
{
    const unsigned char *p = (const unsigned char *)tgt, *end = p + len;
    while ((p = memchr(p, 0xE3, (size_t)(end - p))) != NULL) {
        const unsigned char *w = p;
        size_t k;
        while ((k = katakana_at(p, (size_t)(end - p))) != 0)
            p += k;
        if (p > w)
            (*yk_ck_map_at(&lv->count, (const char *)w, (size_t)(p - w), NULL))++;
        else
            p++;
    }
}

/* Pairs "Xー" (three kana or more before the mark) with "X", the words
 * in the order they first came, as the pairs met in the book would. */
void yk_ck_lv_learned(yk_ck_lv *lv)
{
    size_t i, wl, *full;
    for (i = 0; i < lv->count.count; i++) {
        const char *w = yk_ck_map_entry(&lv->count, i, &wl, &full);
        size_t *bare;
        if (wl < 12 || memcmp(w + wl - 3, "ー", 3) != 0)
            continue; /* katakana are 3 bytes: four of them, the last ー */
        bare = yk_ck_map_get(&lv->count, w, wl - 3);
        if (bare && !yk_ck_map_get(&lv->minority, w, wl) &&
            !yk_ck_map_get(&lv->minority, w, wl - 3)) {
            /* the rarer form is reported; ties: the form without the mark */
            size_t nfull = *full, nbare = *bare;
            if (nfull >= nbare)
                *yk_ck_map_at(&lv->minority, w, wl - 3, NULL) = nfull + 1;
            else
                *yk_ck_map_at(&lv->minority, w, wl, NULL) = nbare + 1;
        }
    }
}

void yk_ck_lv_check(yk_ck_session *s, yk_ck_lv *lv, size_t idx, const char *tgt)
{
    lv_ctx c;
    if (!lv->minority.count)
        return;
    c.minority = &lv->minority;
    c.s = s;
    c.idx = idx;
    c.reported = NULL;
    katakana_words(tgt, report_word, &c);
}

void yk_ck_lv_free(yk_ck_lv *lv)
{
    if (!lv)
        return;
    yk_ck_map_release(&lv->count);
    yk_ck_map_release(&lv->minority);
    free(lv);
}
