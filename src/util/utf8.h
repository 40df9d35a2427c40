/*
 * UTF-8 validation and decoding.  Strict: overlong forms, surrogates and code
 * points above U+10FFFF are invalid.
 */
#ifndef YK_UTIL_UTF8_H
#define YK_UTIL_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s[0..len).  Returns its byte length (1-4) and sets
 * *cp, or returns 0 when the bytes there are not valid UTF-8. */
size_t yk_utf8_decode(uint32_t *cp, const char *s, size_t len);

/* 3 when s[0..len) starts with a three-byte character whose lead byte
 * takes any continuation (E1-EC, EE-EF: no overlong or surrogate form to
 * rule out), else 0, and the caller falls back to yk_utf8_decode.  CJK text
 * is mostly such characters: tested inline, before the strict decoder. */
static inline size_t yk_utf8_plain3(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c;
    if (len < 3)
        return 0; /* and s[0] may not be there */
    c = s[0];
    if (c < 0xE1 || c > 0xEF || c == 0xED)
        return 0;
    /* both continuation bytes have their top two bits 1 and 0 */
    return ((s[1] ^ 0x80u) | (s[2] ^ 0x80u)) < 0x40u ? 3 : 0;
}

/* Offset of the first invalid byte, or 'len' when all of s is valid UTF-8. */
size_t yk_utf8_invalid_at(const char *s, size_t len);

/* Encode cp into out (at least 4 bytes); returns the byte length. */
size_t yk_utf8_encode(char *out, uint32_t cp);

/* 1-based line and column (in bytes) of offset 'off' in s. */
void yk_utf8_line_col(const char *s, size_t off, int *line, int *column);

/* True for the Han, Hiragana, Katakana, Hangul and CJK punctuation ranges:
 * the scripts written without spaces between words (Hangul aside). */
int yk_is_cjk(uint32_t cp);

#endif
