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
