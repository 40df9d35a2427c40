/*
 * Shared between sentence.c (ICU boundaries, ranges) and rules.c (the
 * exceptions that correct ICU).  Not part of any public or module-wide API.
 */
#ifndef YK_SEGMENT_SEGMENT_INTERNAL_H
#define YK_SEGMENT_SEGMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The first i' >= i below end with v[i'] != 0, or end: boundary arrays are
 * mostly zero, so skip them eight bytes at a time. */
static inline size_t yk_segment_next_set(const unsigned char *v, size_t i, size_t end)
{
    while (i + 8 <= end) {
        uint64_t w;
        memcpy(&w, v + i, sizeof(w));
        if (w)
            break;
        i += 8;
    }
    while (i < end && !v[i])
        i++;
    return i;
}

/*
 * Correct the candidate boundaries in brk[0..len] (brk[i] != 0: a sentence
 * may start at byte offset i of 'text') in place: drop the ones inside
 * protected spans, after abbreviations, before continuations; add the ones
 * ICU misses after CJK full stops.  'text' must be valid UTF-8.  Only
 * offsets strictly between 0 and len are meaningful on return.
 */
void yk_segment_rules_apply(unsigned char *brk, const char *text, size_t len, const char *lang);

/*
 * True for the white space that ranges are trimmed of: ASCII space, \t, \n,
 * \v, \f, \r and U+3000; 'n' receives the byte length of the character at
 * s[0..len).
 */
int yk_segment_is_space_at(const char *s, size_t len, size_t *n);

/*
 * True when the primary subtag of BCP 47 'lang' equals 'primary' (ASCII,
 * case-insensitive): lang_is("ja-JP", "ja").
 */
int yk_segment_lang_is(const char *lang, const char *primary);

#endif
