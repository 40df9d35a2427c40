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
 * offsets strictly between 0 and len are meaningful on return.  prot[0..len]
 * (zeroed by the caller) receives the protected spans: prot[i] != 0 when
 * offset i is strictly inside one, so no boundary may be there.  The rules
 * do not depend on the document's language: the script of the text tells
 * (a quote closed before hiragana goes on, in a Chinese report too).
 */
void yk_segment_rules_apply(unsigned char *brk, unsigned char *prot, const char *text, size_t len);

/*
 * The text as ICU sees it: u[0..n16) in UTF-16, map[k] the byte offset in
 * 'text' where UTF-16 unit k starts (map[n16] = len; both units of a
 * surrogate pair map to the start of their character).
 */
typedef struct yk_segment_text {
    const char *text;
    size_t len;
    const uint16_t *u;
    const size_t *map;
    size_t n16;
} yk_segment_text;

/*
 * Correct brk[] (after yk_segment_rules_apply) by the SRX rules 'srx'
 * selects for 'lang' (srx.c; segment.h states the semantics).  prot[] is
 * what yk_segment_rules_apply filled in.  Returns YK_OK, YK_ETOOBIG when a
 * rule exceeds its time or step budget, or YK_ERROR when ICU fails.
 */
struct yk_segment_srx;
int yk_segment_srx_apply(unsigned char *brk, const unsigned char *prot, const yk_segment_text *t,
                         const char *lang, const struct yk_segment_srx *srx);

/* Release the calling thread's clones of SRX patterns (srx.c). */
void yk_segment_srx_cleanup(void);

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
