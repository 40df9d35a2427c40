/*
 * Strict UTF-8 decoding (RFC 3629) and a few script predicates.
 */
#include "util/utf8.h"

size_t yk_utf8_decode(uint32_t *cp, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c;
    size_t n, i;

    if (len == 0)
        return 0;
    c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        c &= 0x07;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

size_t yk_utf8_invalid_at(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        n = yk_utf8_decode(&cp, s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

size_t yk_utf8_encode(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

void yk_utf8_line_col(const char *s, size_t off, int *line, int *column)
{
    int l = 1;
    size_t start = 0, i;
    for (i = 0; i < off; i++) {
        if (s[i] == '\n') {
            l++;
            start = i + 1;
        }
    }
    *line = l;
    *column = (int)(off - start) + 1;
}

int yk_is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x2FDF) ||   /* radicals */
           (cp >= 0x3000 && cp <= 0x303F) ||   /* CJK symbols and punctuation */
           (cp >= 0x3040 && cp <= 0x30FF) ||   /* hiragana, katakana */
           (cp >= 0x3100 && cp <= 0x31FF) ||   /* bopomofo, katakana ext */
           (cp >= 0x3400 && cp <= 0x4DBF) ||   /* ext A */
           (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* unified ideographs */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* hangul syllables */
           (cp >= 0x1100 && cp <= 0x11FF) ||   /* hangul jamo */
           (cp >= 0xF900 && cp <= 0xFAFF) ||   /* compatibility ideographs */
           (cp >= 0xFF00 && cp <= 0xFFEF) ||   /* half/full-width forms */
           (cp >= 0x20000 && cp <= 0x3134F);   /* ext B and beyond */
}
