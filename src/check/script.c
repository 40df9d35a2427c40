/*
 * Source-script leftovers: Hangul in Japanese, kana in Korean,
 * simplified-only Chinese characters in Japanese or Korean, and long runs
 * of Latin words copied from the source.  Prose only: code and URLs may
 * hold anything.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"

/* Simplified-only characters: simplified forms whose traditional form
 * differs and which Japanese does not use either (区, 会, 国, 学, 来, 携...
 * are shared with Japanese shinjitai and left out). */
static const uint32_t simplified[] = {
#include "check/simplified.inc"
};

void yk_ck_simplified_fill(unsigned char bits[YK_CK_SIMPLIFIED_BYTES])
{
    size_t i;
    memset(bits, 0, YK_CK_SIMPLIFIED_BYTES);
    for (i = 0; i < sizeof(simplified) / sizeof(simplified[0]); i++) {
        uint32_t cp = simplified[i];
        if (cp >= 0x4E00 && cp <= 0x9FFF)
            bits[(cp - 0x4E00) >> 3] |= (unsigned char)(1u << ((cp - 0x4E00) & 7));
    }
}

static int has_script(const yk_ck_text *t, int (*is)(uint32_t), size_t *at, uint32_t *which)
{
    size_t i;
    for (i = 0; i < t->ncps; i++) {
        const yk_ck_cp *c = &t->cps[i];
        if (c->cp >= 0x1100 && c->prose && is(c->cp)) { /* every script asked for is above */
            if (at)
                *at = c->off;
            if (which)
                *which = c->cp;
            return 1;
        }
    }
    return 0;
}

/* The first simplified-only character in the prose of t. */
static int has_simplified(const yk_ck_text *t, const unsigned char *bits, size_t *at,
                          uint32_t *which)
{
    size_t i;
    for (i = 0; i < t->ncps; i++) {
        const yk_ck_cp *c = &t->cps[i];
        uint32_t k = c->cp - 0x4E00;
        if (k <= 0x9FFF - 0x4E00 && (bits[k >> 3] >> (k & 7) & 1) && c->prose) {
            *at = c->off;
            *which = c->cp;
            return 1;
        }
    }
    return 0;
}

static int is_kana_only(uint32_t cp)
{
    return yk_ck_is_kana(cp) && cp != 0x30FC; /* ー also appears in Korean romanisation tables */
}

/* A run of 5+ Latin words of the target that is also in the source. */
static void latin_run(yk_ck_session *s, const yk_ck_seg *seg)
{
    const yk_ck_text *t = &seg->t;
    size_t i = 0;
    while (i < t->len) {
        size_t start = i, end = i, words = 0, j = i;
        if (!yk_ck_ascii_alpha((unsigned char)t->s[i]) || !t->prose[i]) {
            i++; /* the quick way past every byte that starts no word */
            continue;
        }
        while (j < t->len && t->prose[j] && yk_ck_ascii_alpha((unsigned char)t->s[j])) {
            while (j < t->len && t->prose[j] &&
                   (yk_ck_ascii_alnum((unsigned char)t->s[j]) || t->s[j] == '\'' ||
                    t->s[j] == '-'))
                j++;
            words++;
            end = j;
            if (j + 1 < t->len && (t->s[j] == ' ' || (t->s[j] == ',' && t->s[j + 1] == ' '))) {
                j += t->s[j] == ',' ? 2 : 1;
                continue;
            }
            break;
        }
        if (words >= 5 && yk_ck_find(seg->src, seg->src_len, t->s + start, end - start)) {
            yk_ck_emit(s, seg->idx, CK_LATIN_RUN, NULL,
                       "%zu English words copied from the source: '%.*s'", words,
                       (int)(end - start), t->s + start);
            return;
        }
        i = end > start ? end : i + 1;
    }
}

void yk_ck_script(yk_ck_session *s, const yk_ck_seg *seg)
{
    size_t at;
    uint32_t cp;
    if (yk_ck_on(s, CK_HANGUL_JA) && (seg->t.pcls & YK_CK_P_HANGUL) &&
        has_script(&seg->t, yk_ck_is_hangul, &at, NULL) &&
        !has_script(&seg->s, yk_ck_is_hangul, NULL, NULL))
        yk_ck_emit(s, seg->idx, CK_HANGUL_JA, NULL, "Hangul in the Japanese text at byte %zu", at);
    if (yk_ck_on(s, CK_KANA_KO) && has_script(&seg->t, is_kana_only, &at, NULL) &&
        !has_script(&seg->s, is_kana_only, NULL, NULL))
        yk_ck_emit(s, seg->idx, CK_KANA_KO, NULL, "Japanese kana in the Korean text at byte %zu",
                   at);
    if (yk_ck_on(s, CK_SIMPLIFIED) &&
        has_simplified(&seg->t, yk_ck_simplified_bits(s), &at, &cp)) {
        char ch[8];
        int len = 0;
        uint32_t c2;
        len = (int)yk_ck_next(&c2, seg->tgt, seg->tgt_len, at);
        memcpy(ch, seg->tgt + at, (size_t)len);
        ch[len] = '\0';
        yk_ck_emit(s, seg->idx, CK_SIMPLIFIED, NULL,
                   "simplified Chinese character '%s' (U+%04X) in the target", ch, (unsigned)cp);
    }
    if (yk_ck_on(s, CK_LATIN_RUN) && (seg->t.pcls & YK_CK_P_ALPHA))
        latin_run(s, seg);
}
