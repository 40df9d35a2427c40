/*
 * Completeness: a target that is empty in substance (only markup,
 * punctuation or a stand-in such as TODO), and a target that is a copy of
 * the source.  Untranslated segments are counted by the session.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "check/check.h"

static int is_word_cp(uint32_t cp)
{
    return (cp < 0x80 && isalnum((int)cp)) || yk_ck_is_han(cp) || yk_ck_is_kana(cp) ||
           yk_ck_is_hangul(cp) || (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0xFF10 && cp <= 0xFF5A);
}

/* Letters and digits in the prose of t; cjk gets the CJK ones, words the
 * Latin words. */
static size_t letters(const yk_ck_text *t, size_t *cjk, size_t *words)
{
    size_t i, n = 0;
    int in_word = 0;
    *cjk = *words = 0;
    for (i = 0; i < t->ncps; i++) {
        uint32_t cp = t->cps[i].cp;
        int w = t->cps[i].prose && is_word_cp(cp);
        if (w) {
            n++;
            if (cp >= 0x2E80)
                (*cjk)++;
        }
        if (w && cp < 0x80 && isalpha((int)cp)) {
            if (!in_word)
                (*words)++;
            in_word = 1;
        } else if (!(cp < 0x80 && (cp == '\'' || cp == '-') && in_word)) {
            in_word = 0;
        }
    }
    return n;
}

static int stand_in(const char *t, size_t len)
{
    static const char *const words[] = {"todo", "tbd", "fixme", "xxx", "n/a", "待翻译", "未翻訳",
                                        "번역 필요"};
    size_t a = 0, i;
    while (a < len && isspace((unsigned char)t[a]))
        a++;
    while (len > a && isspace((unsigned char)t[len - 1]))
        len--;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strlen(words[i]) == len - a && strncasecmp(t + a, words[i], len - a) == 0)
            return 1;
    return 0;
}

static void trimmed(const char **s, size_t *len)
{
    while (*len && isspace((unsigned char)(*s)[0]))
        (*s)++, (*len)--;
    while (*len && isspace((unsigned char)(*s)[*len - 1]))
        (*len)--;
}

void yk_ck_completeness(yk_ck_session *s, const yk_ck_seg *seg)
{
    size_t scjk, swords, tcjk, twords;
    size_t sl = letters(&seg->s, &scjk, &swords), tl = letters(&seg->t, &tcjk, &twords);

    if (yk_ck_on(s, CK_EMPTY)) {
        if (stand_in(seg->tgt, seg->tgt_len)) {
            yk_ck_emit(s, seg->idx, CK_EMPTY, NULL, "target is a stand-in, not a translation");
            return;
        }
        if (sl && !tl && seg->t.ntok <= seg->s.ntok) {
            yk_ck_emit(s, seg->idx, CK_EMPTY, NULL, "target has no words, only markup or "
                                                    "punctuation");
            return;
        }
    }
    if (yk_ck_on(s, CK_IDENTICAL)) {
        const char *a = seg->src, *b = seg->tgt;
        size_t al = seg->src_len, bl = seg->tgt_len;
        trimmed(&a, &al);
        trimmed(&b, &bl);
        /* names, numbers and short headings may stay as they are */
        if (al == bl && memcmp(a, b, al) == 0 && (scjk >= 6 || (swords >= 3 && sl >= 15)) &&
            yk_ck_source_class(s) != yk_ck_target_class(s))
            yk_ck_emit(s, seg->idx, CK_IDENTICAL, NULL, "target is identical to the source");
    }
}
