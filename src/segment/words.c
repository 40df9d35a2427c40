/*
 * Word tokens for term matching: ICU's word BreakIterator over a UTF-8
 * UText (so boundaries come back as byte offsets), with runs of CJK
 * letters split into single characters, since terms are found inside
 * compounds (开源 in 开源社区).  ICU case folding lives here too.
 */
#include "segment/words.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ucasemap.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "util/error.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Opening a word iterator costs far more than tokenising a segment. */
static _Thread_local UBreakIterator *word_iter;
static _Thread_local UCaseMap *case_map;

void yk_segment_words_cleanup(void)
{
    if (word_iter)
        ubrk_close(word_iter);
    word_iter = NULL;
    if (case_map)
        ucasemap_close(case_map);
    case_map = NULL;
}

int yk_segment_is_cjk_letter(unsigned cp)
{
    return (cp >= 0x3041 && cp <= 0x309F) || /* hiragana */
           (cp >= 0x30A0 && cp <= 0x30FF) || /* katakana, incl. ー */
           (cp >= 0x31F0 && cp <= 0x31FF) || /* katakana extension */
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || /* hangul syllables */
           (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
           (cp >= 0xFF66 && cp <= 0xFF9F) || /* half-width katakana */
           cp == 0x3005 || cp == 0x3007;    /* 々 〇 */
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
           cp == 0x3000 || cp == 0x00A0 || cp == 0x202F || (cp >= 0x2000 && cp <= 0x200A);
}

static int is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

static void push(yk_token **v, size_t *n, size_t *cap, size_t off, size_t len, yk_token_kind k)
{
    /* adjacent white space or punctuation pieces merge into one token */
    if (*n && (k == YK_TOKEN_SPACE || k == YK_TOKEN_PUNCT) && (*v)[*n - 1].kind == k &&
        (*v)[*n - 1].off + (*v)[*n - 1].len == off) {
        (*v)[*n - 1].len += len;
        return;
    }
    *v = yk_xgrow(*v, cap, *n + 1, sizeof(**v));
    (*v)[*n].off = off;
    (*v)[*n].len = len;
    (*v)[*n].kind = k;
    (*n)++;
}

/* A word-like ICU segment: CJK letters one by one, other runs whole. */
static void split_word(yk_token **v, size_t *n, size_t *cap, const char *text, size_t a, size_t b)
{
    size_t i = a, run = a;
    while (i < b) {
        uint32_t cp;
        size_t k = yk_utf8_decode(&cp, text + i, b - i);
        if (yk_segment_is_cjk_letter(cp)) {
            if (run < i)
                push(v, n, cap, run, i - run, YK_TOKEN_WORD);
            push(v, n, cap, i, k, YK_TOKEN_CJK);
            run = i + k;
        }
        i += k;
    }
    if (run < b)
        push(v, n, cap, run, b - run, YK_TOKEN_WORD);
}

/* A non-word ICU segment: white space, hyphens, punctuation, symbols. */
static void split_other(yk_token **v, size_t *n, size_t *cap, const char *text, size_t a,
                        size_t b)
{
    size_t i = a;
    while (i < b) {
        uint32_t cp;
        size_t k = yk_utf8_decode(&cp, text + i, b - i);
        if (yk_segment_is_cjk_letter(cp))
            push(v, n, cap, i, k, YK_TOKEN_CJK);
        else if (is_space(cp) || is_hyphen(cp))
            push(v, n, cap, i, k, YK_TOKEN_SPACE);
        else
            push(v, n, cap, i, k, YK_TOKEN_PUNCT);
        i += k;
    }
}

int yk_segment_tokens(yk_token **v, size_t *n, size_t *cap, const char *text, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    UText *ut = NULL;
    int32_t a, b;
    size_t i;

    *n = 0;
    if (len == 0)
        return YK_OK;
    if (len > INT32_MAX)
        return yk_error_set(YK_ETOOBIG, "text too long to tokenise");
    if (!word_iter) {
        word_iter = ubrk_open(UBRK_WORD, "root", NULL, 0, &st);
        if (U_FAILURE(st)) {
            word_iter = NULL;
            return yk_error_set(YK_ERROR, "cannot open the ICU word break iterator: %s",
                                u_errorName(st));
        }
    }
    if (yk_utf8_invalid_at(text, len) < len) {
        /* ICU would substitute; keep byte offsets honest with a plain scan */
        for (i = 0; i < len;) {
            uint32_t cp;
            size_t k = yk_utf8_decode(&cp, text + i, len - i);
            if (k == 0) {
                k = 1;
                cp = 0xFFFD;
            }
            push(v, n, cap, i, k,
                 yk_segment_is_cjk_letter(cp)      ? YK_TOKEN_CJK
                 : is_space(cp) || is_hyphen(cp)   ? YK_TOKEN_SPACE
                 : (cp < 0x80 && ((cp | 0x20) - 'a' < 26u || cp - '0' < 10u)) ? YK_TOKEN_WORD
                                                   : YK_TOKEN_PUNCT);
            i += k;
        }
        return YK_OK;
    }
    ut = utext_openUTF8(NULL, text, (int64_t)len, &st);
    if (U_FAILURE(st))
        return yk_error_set(YK_ERROR, "ICU cannot read the text: %s", u_errorName(st));
    ubrk_setUText(word_iter, ut, &st);
    if (U_FAILURE(st)) {
        utext_close(ut);
        return yk_error_set(YK_ERROR, "ICU cannot tokenise the text: %s", u_errorName(st));
    }
    a = ubrk_first(word_iter);
    for (b = ubrk_next(word_iter); b != UBRK_DONE; a = b, b = ubrk_next(word_iter)) {
        if (ubrk_getRuleStatus(word_iter) >= UBRK_WORD_NONE_LIMIT)
            split_word(v, n, cap, text, (size_t)a, (size_t)b);
        else
            split_other(v, n, cap, text, (size_t)a, (size_t)b);
    }
    /* the iterator outlives this call: do not leave it pointing at the text */
    {
        static const UChar empty[1] = {0};
        UErrorCode st2 = U_ZERO_ERROR;
        ubrk_setText(word_iter, empty, 0, &st2);
    }
    utext_close(ut);
    /* a hyphen counts as a word joiner only between two words */
    for (i = 0; i < *n; i++) {
        yk_token *t = &(*v)[i];
        if (t->kind == YK_TOKEN_SPACE) {
            size_t j;
            int spaces = 0;
            for (j = 0; j < t->len; j++)
                if (text[t->off + j] != '-' && (unsigned char)text[t->off + j] < 0x80)
                    spaces = 1;
            if (!spaces && (unsigned char)text[t->off] == '-' &&
                (i == 0 || i + 1 == *n || (*v)[i - 1].kind != YK_TOKEN_WORD ||
                 (*v)[i + 1].kind != YK_TOKEN_WORD))
                t->kind = YK_TOKEN_PUNCT;
        }
    }
    return YK_OK;
}

void yk_segment_fold(yk_buf *out, const char *s, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    size_t i;
    int32_t need;

    for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
        ;
    if (i == len) {
        /* ASCII: the common case, no ICU call */
        yk_buf_grow(out, len);
        for (i = 0; i < len; i++) {
            char c = s[i];
            out->buf[out->len + i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out->len += len;
        out->buf[out->len] = '\0';
        return;
    }
    if (!case_map) {
        case_map = ucasemap_open("", 0, &st);
        if (U_FAILURE(st)) {
            case_map = NULL;
            yk_buf_put(out, s, len);
            return;
        }
    }
    if (len > INT32_MAX / 4) {
        yk_buf_put(out, s, len);
        return;
    }
    yk_buf_grow(out, len * 3 + 4);
    need = ucasemap_utf8FoldCase(case_map, out->buf + out->len, (int32_t)(len * 3 + 4), s,
                                 (int32_t)len, &st);
    if (U_FAILURE(st) || need < 0) {
        yk_buf_put(out, s, len);
        return;
    }
    out->len += (size_t)need;
    out->buf[out->len] = '\0';
}
