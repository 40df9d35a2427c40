/*
 * Writing translations into HTML and XML: what in a translator's text is
 * markup (tags, comments, CDATA, references) is kept, anything else that
 * would be read as markup is escaped, and in XML the tags a translation
 * leaves unbalanced are escaped too, so the document stays well-formed.
 * Called by render.c for the blocks markup.c finds.
 */
#include "formats/formats.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/markup_chars.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Offset of 'what' in s[from..len), or len. */
static size_t find(const char *s, size_t from, size_t len, const char *what)
{
    size_t m = strlen(what), i;
    for (i = from; i + m <= len; i++)
        if (s[i] == what[0] && memcmp(s + i, what, m) == 0)
            return i;
    return len;
}


/* XML 1.0 (fifth edition) NameStartChar and NameChar. */
static int xml_name_cp(uint32_t cp, int first)
{
    if (cp < 0x80)
        return is_alpha((char)cp) || cp == '_' || cp == ':' ||
               (!first && (is_digit((char)cp) || cp == '-' || cp == '.'));
    if (!first && (cp == 0xB7 || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x203F && cp <= 0x2040)))
        return 1;
    return (cp >= 0xC0 && cp <= 0xD6) || (cp >= 0xD8 && cp <= 0xF6) ||
           (cp >= 0xF8 && cp <= 0x2FF) || (cp >= 0x370 && cp <= 0x37D) ||
           (cp >= 0x37F && cp <= 0x1FFF) || (cp >= 0x200C && cp <= 0x200D) ||
           (cp >= 0x2070 && cp <= 0x218F) || (cp >= 0x2C00 && cp <= 0x2FEF) ||
           (cp >= 0x3001 && cp <= 0xD7FF) || (cp >= 0xF900 && cp <= 0xFDCF) ||
           (cp >= 0xFDF0 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0xEFFFF);
}

/* Length of a tag name at s[i] in a translation, or 0: an XML Name, or in
 * HTML an ASCII letter and name characters (a '<' before anything else is
 * text to an HTML parser). */
static size_t name_at(const char *s, size_t n, size_t i, int xml)
{
    size_t k = i;
    if (!xml) {
        if (k >= n || !is_alpha(s[k]))
            return 0;
        while (k < n && html_name_char(s[k]))
            k++;
        return k - i;
    }
    while (k < n) {
        uint32_t cp;
        size_t len = yk_utf8_decode(&cp, s + k, n - k);
        if (!len || !xml_name_cp(cp, k == i))
            break;
        k += len;
    }
    return k - i;
}

/* Is the code point allowed in XML 1.0 text? */
static int xml_char(uint32_t cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Length of the character or entity reference at s[0] == '&', or 0.  In
 * XML a named reference must be predefined or used by the block's source
 * ('known'), and a numeric one must name a character XML allows. */
static size_t ref_len(const char *s, size_t n, int xml, const char *known, size_t known_len)
{
    size_t i = 1;
    if (n < 3)
        return 0;
    if (s[1] == '#') {
        uint32_t cp = 0;
        int hex = i + 1 < n && (s[2] == 'x' || s[2] == 'X');
        i = hex ? 3 : 2;
        if (i >= n)
            return 0;
        while (i < n && (hex ? (is_digit(s[i]) || (lower((unsigned char)s[i]) >= 'a' &&
                                                   lower((unsigned char)s[i]) <= 'f'))
                             : is_digit(s[i]))) {
            int v = is_digit(s[i]) ? s[i] - '0' : lower((unsigned char)s[i]) - 'a' + 10;
            cp = cp > 0x10FFFF ? cp : cp * (hex ? 16u : 10u) + (uint32_t)v;
            i++;
        }
        if (i == (hex ? 3u : 2u) || i >= n || s[i] != ';')
            return 0;
        if (xml && !xml_char(cp))
            return 0;
        return i + 1;
    }
    if (!is_alpha(s[1]))
        return 0;
    while (i < n && i < 40 && (is_alpha(s[i]) || is_digit(s[i])))
        i++;
    if (!xml && (i >= n || s[i] != ';')) {
        /* HTML's legacy references without ';' ("&amp c", "&copy 2024"):
         * kept when the source writes the same */
        size_t k;
        for (k = 0; k + i <= known_len; k++)
            if (memcmp(known + k, s, i) == 0 &&
                (k + i == known_len || !(is_alpha(known[k + i]) || is_digit(known[k + i]))))
                return i;
        return 0;
    }
    if (i >= n || s[i] != ';')
        return 0;
    if (xml) {
        static const char *const predefined[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
        size_t k;
        for (k = 0; k < sizeof(predefined) / sizeof(*predefined); k++)
            if (strlen(predefined[k]) == i + 1 && memcmp(predefined[k], s, i + 1) == 0)
                return i + 1;
        for (k = 0; k + i + 1 <= known_len; k++)
            if (memcmp(known + k, s, i + 1) == 0)
                return i + 1;
        return 0;
    }
    return i + 1;
}

size_t yk_format_markup_construct(const char *s, size_t n, int xml)
{
    size_t i, k;
    if (n < 2 || s[0] != '<')
        return 0;
    if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
        k = find(s, 4, n, "-->");
        return k < n ? k + 3 : 0;
    }
    if (n >= 9 && memcmp(s, "<![CDATA[", 9) == 0) {
        k = find(s, 9, n, "]]>");
        return k < n ? k + 3 : 0;
    }
    if (s[1] == '?') {
        k = find(s, 2, n, "?>");
        return k < n && name_at(s, n, 2, xml) ? k + 2 : 0;
    }
    if (s[1] == '/') {
        if (!(k = name_at(s, n, 2, xml)))
            return 0;
        for (i = 2 + k; i < n && is_blank(s[i]); i++)
            ;
        return i < n && s[i] == '>' ? i + 1 : 0;
    }
    if (!(k = name_at(s, n, 1, xml)))
        return 0;
    i = 1 + k;
    for (;;) {
        size_t ws = i;
        while (i < n && is_blank(s[i]))
            i++;
        if (i >= n)
            return 0;
        if (s[i] == '>')
            return i + 1;
        if (s[i] == '/')
            return i + 1 < n && s[i + 1] == '>' ? i + 2 : 0;
        if (ws == i || !(k = name_at(s, n, i, xml)))
            return 0; /* attributes are separated by white space */
        i += k;
        while (i < n && is_blank(s[i]))
            i++;
        if (i >= n || s[i] != '=') {
            if (xml)
                return 0; /* XML has no attribute without a value */
            continue;
        }
        for (i++; i < n && is_blank(s[i]); i++)
            ;
        if (i < n && (s[i] == '"' || s[i] == '\'')) {
            const char *q = memchr(s + i + 1, s[i], n - i - 1);
            if (!q || memchr(s + i + 1, '<', (size_t)(q - s) - i - 1))
                return 0;
            if (xml) {
                const char *amp = s + i + 1;
                while ((amp = memchr(amp, '&', (size_t)(q - amp))) != NULL) {
                    size_t r = ref_len(amp, (size_t)(q - amp), 1, NULL, 0);
                    if (!r)
                        return 0;
                    amp += r;
                }
            }
            i = (size_t)(q - s) + 1;
        } else if (!xml) {
            size_t st = i;
            while (i < n && !is_blank(s[i]) && !strchr("\"'<>=`", s[i]))
                i++;
            if (i == st)
                return 0;
        } else {
            return 0;
        }
    }
}

void yk_format_markup_put_text(yk_buf *out, const char *s, size_t n, int xml,
                               const char *source, size_t source_len)
{
    size_t i = 0;
    while (i < n) {
        char ch = s[i];
        size_t k;
        if (ch == '<') {
            if ((k = yk_format_markup_construct(s + i, n - i, xml)) != 0) {
                yk_buf_put(out, s + i, k);
                i += k;
            } else {
                yk_buf_puts(out, "&lt;");
                i++;
            }
        } else if (ch == '&') {
            if ((k = ref_len(s + i, n - i, xml, source, source_len)) != 0) {
                yk_buf_put(out, s + i, k);
                i += k;
            } else {
                yk_buf_puts(out, "&amp;");
                i++;
            }
        } else if (ch == ']' && n - i >= 3 && s[i + 1] == ']' && s[i + 2] == '>') {
            yk_buf_puts(out, "]]&gt;");
            i += 3;
        } else if ((unsigned char)ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
            i++; /* no C0 control character is allowed in XML, none is useful in HTML */
        } else if (xml && n - i >= 3 && memcmp(s + i, "\xef\xbf", 2) == 0 &&
                   ((unsigned char)s[i + 2] == 0xbe || (unsigned char)s[i + 2] == 0xbf)) {
            i += 3; /* U+FFFE, U+FFFF: not XML characters either */
        } else {
            yk_buf_putc(out, ch);
            i++;
        }
    }
}

void yk_format_markup_put_attr(yk_buf *out, const char *s, size_t n, char quote, int xml,
                               int is_source, const char *source, size_t source_len)
{
    size_t i = 0;
    while (i < n) {
        char ch = s[i];
        size_t k;
        if (ch == '&' && !is_source) {
            if ((k = ref_len(s + i, n - i, xml, source, source_len)) != 0) {
                yk_buf_put(out, s + i, k);
                i += k;
                continue;
            }
            yk_buf_puts(out, "&amp;");
        } else if (ch == '<') {
            yk_buf_puts(out, "&lt;");
        } else if (ch == '"' && quote != '\'') {
            yk_buf_puts(out, "&quot;");
        } else if (ch == '\'' && quote == '\'') {
            yk_buf_puts(out, "&#39;");
        } else if ((unsigned char)ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') {
            /* dropped, as in text */
        } else if (xml && n - i >= 3 && memcmp(s + i, "\xef\xbf", 2) == 0 &&
                   ((unsigned char)s[i + 2] == 0xbe || (unsigned char)s[i + 2] == 0xbf)) {
            i += 2;
        } else {
            yk_buf_putc(out, ch);
        }
        i++;
    }
}

/* A tag found by the balancing pass. */
typedef struct open_tag {
    size_t at, name, name_len;
} open_tag;

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

void yk_format_markup_balance(yk_buf *text)
{
    open_tag *stack = NULL;
    size_t *bad = NULL, nstack = 0, cap = 0, nbad = 0, capbad = 0, i = 0, k;
    const char *s = text->buf;
    size_t n = text->len;
    yk_buf out = YK_BUF_INIT;

    while (i < n) {
        size_t len, nl;
        if (s[i] != '<' || (len = yk_format_markup_construct(s + i, n - i, 1)) == 0) {
            i++;
            continue;
        }
        if (s[i + 1] == '/') {
            nl = name_at(s, n, i + 2, 1);
            if (nstack && stack[nstack - 1].name_len == nl &&
                memcmp(s + stack[nstack - 1].name, s + i + 2, nl) == 0) {
                nstack--;
            } else {
                bad = yk_xgrow(bad, &capbad, nbad + 1, sizeof(*bad));
                bad[nbad++] = i;
            }
        } else if (s[i + 1] != '!' && s[i + 1] != '?' && s[i + len - 2] != '/') {
            stack = yk_xgrow(stack, &cap, nstack + 1, sizeof(*stack));
            stack[nstack].at = i;
            stack[nstack].name = i + 1;
            stack[nstack].name_len = name_at(s, n, i + 1, 1);
            nstack++;
        }
        i += len;
    }
    for (k = 0; k < nstack; k++) {
        bad = yk_xgrow(bad, &capbad, nbad + 1, sizeof(*bad));
        bad[nbad++] = stack[k].at;
    }
    if (nbad) {
        size_t from = 0;
        qsort(bad, nbad, sizeof(*bad), cmp_size);
        for (k = 0; k < nbad; k++) {
            yk_buf_put(&out, s + from, bad[k] - from);
            yk_buf_puts(&out, "&lt;");
            from = bad[k] + 1;
        }
        yk_buf_put(&out, s + from, n - from);
        yk_buf_clear(text);
        yk_buf_put(text, out.buf, out.len);
    }
    yk_buf_release(&out);
    free(stack);
    free(bad);
}
