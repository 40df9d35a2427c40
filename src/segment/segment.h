/*
 * Sentence segmentation (ICU BreakIterator corrected by exception rules) and
 * the joining of target sentences back into a block.  Knows nothing about
 * documents or the database: text in, ranges out.
 */
#ifndef YK_SEGMENT_SEGMENT_H
#define YK_SEGMENT_SEGMENT_H

#include <stddef.h>

#include "util/buf.h"

typedef struct yk_range {
    size_t off, len;
} yk_range;

/* Split UTF-8 'text' (len bytes, need not be NUL-terminated) written in
 * language 'lang' (BCP 47: zh-Hans, zh-Hant, zh-CN, ja, ko, en, ...) into
 * sentences.  On success *out is a malloc'd array of *n ranges, in order,
 * non-overlapping, each trimmed of leading and trailing white space (ASCII
 * and U+3000) and non-empty; the caller frees it.  Text that is only white
 * space gives zero ranges.
 *
 * Never breaks inside: a URL, an e-mail address, inline code (`...`), a
 * Markdown link or image destination "](...)", an HTML tag or autolink
 * "<...>", a Hugo shortcode "{{< ... >}}" / "{{% ... %}}", a number such as
 * 3.14 or v1.2.3, or after a known abbreviation (e.g., i.e., Dr., U.S., ...).
 * Closing quotes and brackets after 。！？.!? stay with their sentence;
 * "……" and "——" do not end a sentence by themselves.
 *
 * A '\n' alone is a soft line break, not a boundary; a blank line is.  In
 * Japanese a quote closed after its full stop and followed by a particle
 * (「…。」と言った) continues the sentence.  Emoji and closing tags or
 * shortcodes right after a sentence's end stay with it.
 *
 * Returns YK_OK, YK_EINVAL for invalid UTF-8, YK_ETOOBIG for text over 1 GiB,
 * or YK_ERROR when ICU fails; on error *out is NULL and *n is 0. */
int yk_segment_sentences(yk_range **out, size_t *n, const char *text, size_t len,
                         const char *lang);

/* The separator to put between two translated sentences of one block in
 * language 'lang': "" for Chinese and Japanese, " " otherwise. */
const char *yk_segment_joiner(const char *lang);

/* True when 'lang' is written without spaces between words and sentences
 * (Chinese, Japanese). */
int yk_segment_lang_is_cjk(const char *lang);

/* Remove soft line breaks from a translated block in a CJK target language:
 * a '\n' (with surrounding spaces) between two characters of which one is
 * CJK is dropped, a '\n' between two non-CJK characters becomes a space.
 * Hangul counts as non-CJK here, since Korean puts spaces between words.
 * Left as they are: a '\n' at either end, a blank line, and a Markdown hard
 * line break (two spaces or a backslash before the '\n').
 * Appends the result to out. */
void yk_segment_unwrap_cjk(yk_buf *out, const char *text, size_t len);

/* Release the ICU objects yk_segment_sentences cached in the calling thread
 * (optional, for leak checkers; the next call opens them again). */
void yk_segment_cleanup(void);

#endif
