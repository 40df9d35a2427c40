/*
 * Putting translated sentences back together: the separator between
 * sentences and the removal of soft line breaks in CJK targets.  Pure text
 * functions; no ICU.
 */
#include <stdint.h>
#include <string.h>

#include "segment/segment.h"
#include "segment/segment_internal.h"
#include "util/utf8.h"
#include "util/banned.h"

int yk_segment_lang_is_cjk(const char *lang)
{
    /* Cantonese and Classical Chinese are written like Chinese. */
    return yk_segment_lang_is(lang, "zh") || yk_segment_lang_is(lang, "ja") ||
           yk_segment_lang_is(lang, "yue") || yk_segment_lang_is(lang, "lzh");
}

const char *yk_segment_joiner(const char *lang)
{
    return yk_segment_lang_is_cjk(lang) ? "" : " ";
}

/*
 * Hangul is in yk_is_cjk() but Korean puts spaces between words, so a line
 * break between Hangul words is a space like in English.
 */
static int joins_without_space(uint32_t cp)
{
    return yk_is_cjk(cp) && !((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) ||
                              (cp >= 0x3130 && cp <= 0x318F));
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/*
 * The code point ending just before s[end], or 0 at the start (or after an
 * invalid byte, which counts as non-CJK).
 */
static uint32_t cp_before(const char *s, size_t start, size_t end)
{
    size_t j;
    uint32_t cp = 0;

    if (end <= start)
        return 0;
    j = end - 1;
    while (j > start && ((unsigned char)s[j] & 0xC0) == 0x80 && end - j < 4)
        j--;
    if (yk_utf8_decode(&cp, s + j, end - j) != end - j)
        return 0xFFFD;
    return cp;
}

void yk_segment_unwrap_cjk(yk_buf *out, const char *text, size_t len)
{
    size_t i = 0, copied = 0;

    while (i < len) {
        size_t a, b;
        uint32_t prev, next = 0;
        int hard;

        if (text[i] != '\n') {
            i++;
            continue;
        }
        /* The soft break with the blanks around it: text[a..b). */
        a = i;
        while (a > copied && (is_blank(text[a - 1]) || text[a - 1] == '\r'))
            a--;
        b = i + 1;
        while (b < len && is_blank(text[b]))
            b++;
        /*
         * Kept as they are: a break at either end, a blank line (a paragraph
         * break, not a wrap), and a Markdown hard break (two spaces or a
         * backslash before the newline).
         */
        hard = (i >= 2 && text[i - 1] == ' ' && text[i - 2] == ' ') ||
               (i >= 3 && text[i - 1] == '\r' && text[i - 2] == ' ' && text[i - 3] == ' ') ||
               (a > 0 && text[a - 1] == '\\');
        if (a == 0 || b >= len || text[b] == '\n' || text[b] == '\r' || text[a - 1] == '\n' ||
            hard) {
            i = b;
            continue;
        }
        prev = cp_before(text, copied, a);
        if (yk_utf8_decode(&next, text + b, len - b) == 0)
            next = 0xFFFD;
        yk_buf_put(out, text + copied, a - copied);
        if (!joins_without_space(prev) && !joins_without_space(next))
            yk_buf_putc(out, ' ');
        copied = b;
        i = b;
    }
    yk_buf_put(out, text + copied, len - copied);
}
