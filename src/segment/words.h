/*
 * Word tokens for term matching (glossary, checks): ICU word boundaries for
 * alphabetic text, one token per character for Han, kana and Hangul, which
 * are written without word boundaries, and ICU case folding.
 */
#ifndef YK_SEGMENT_WORDS_H
#define YK_SEGMENT_WORDS_H

#include <stddef.h>

#include "util/buf.h"

typedef enum yk_token_kind {
    YK_TOKEN_WORD,  /* letters and digits between ICU word boundaries ("maintainer's", "v1.2") */
    YK_TOKEN_CJK,   /* one Han, kana or Hangul character */
    YK_TOKEN_SPACE, /* a run of white space, or a hyphen between two words */
    YK_TOKEN_PUNCT  /* anything else: a run of punctuation and symbols */
} yk_token_kind;

typedef struct yk_token {
    size_t off, len;
    yk_token_kind kind;
} yk_token;

/* Split UTF-8 'text' into tokens covering it completely, in order.  The
 * array *v (capacity *cap, may start NULL/0) is grown as needed and reused
 * across calls; *n receives the count.  Invalid UTF-8 bytes become PUNCT
 * tokens.  Returns YK_OK, or YK_ERROR when ICU fails. */
int yk_segment_tokens(yk_token **v, size_t *n, size_t *cap, const char *text, size_t len);

/* True for a character tokenised one by one: Han, kana, Hangul. */
int yk_segment_is_cjk_letter(unsigned cp);

/* Append the ICU full case folding of s[0..len) to out ("Straße" → "strasse"). */
void yk_segment_fold(yk_buf *out, const char *s, size_t len);

/* Release the word iterator cached in this thread (yk_segment_cleanup calls it). */
void yk_segment_words_cleanup(void);

#endif
