/*
 * Plain-text reader (paragraphs separated by blank lines, or one block per
 * line), plus the helpers every reader of this module shares: input
 * validation and the segmentation of a block.
 */
#include "formats/formats.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/segment.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* yk_utf8_invalid_at() with the commonest non-ASCII case, a three-byte
 * character with a lead byte that allows any continuation, checked inline
 * (yk_utf8_plain3): CJK text is mostly that. */
static size_t invalid_at(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if ((n = yk_utf8_plain3(str + i, len - i)) != 0) {
            i += n;
            continue;
        }
        if ((n = yk_utf8_decode(&cp, str + i, len - i)) == 0)
            return i;
        i += n;
    }
    return len;
}

int yk_format_check_input(const char *src, size_t len, const char *path)
{
    const char *nul;
    size_t bad;
    int line, col;

    if (len > YK_FORMAT_MAX_SOURCE)
        return yk_error_set_at(YK_ETOOBIG, path, 0, 0, "document is larger than %zu MiB",
                               YK_FORMAT_MAX_SOURCE >> 20);
    nul = len ? memchr(src, '\0', len) : NULL;
    if (nul) {
        yk_utf8_line_col(src, (size_t)(nul - src), &line, &col);
        return yk_error_set_at(YK_EINVAL, path, line, col, "NUL byte in text");
    }
    bad = invalid_at(src, len);
    if (bad < len) {
        yk_utf8_line_col(src, bad, &line, &col);
        return yk_error_set_at(YK_EINVAL, path, line, col, "invalid UTF-8");
    }
    return YK_OK;
}

int yk_format_check_structured(const char *src, size_t len, const yk_parse_options *opts)
{
    if (opts->mode == YK_SEGMENT_LINE)
        return yk_error_set_at(YK_EINVAL, opts->path, 0, 0,
                               "segment mode 'line' applies to plain text only");
    return yk_format_check_input(src, len, opts->path);
}

size_t yk_format_eol_len(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return 0;
    if (s[i] == '\n')
        return 1;
    if (s[i] == '\r')
        return (i + 1 < len && s[i + 1] == '\n') ? 2 : 1;
    return 0;
}

static size_t find_byte(const char *s, size_t len, size_t i, char ch)
{
    const char *p = i < len ? memchr(s + i, ch, len - i) : NULL;
    return p ? (size_t)(p - s) : len;
}

void yk_eol_scan_init(yk_eol_scan *sc, const char *s, size_t len)
{
    sc->s = s;
    sc->len = len;
    sc->lf = find_byte(s, len, 0, '\n');
    sc->cr = find_byte(s, len, 0, '\r');
}

size_t yk_eol_scan_next(yk_eol_scan *sc, size_t i)
{
    if (sc->lf < i)
        sc->lf = find_byte(sc->s, sc->len, i, '\n');
    if (sc->cr < i)
        sc->cr = find_byte(sc->s, sc->len, i, '\r');
    return sc->lf < sc->cr ? sc->lf : sc->cr;
}

/* Digits, punctuation, symbols and emoji are not words: a table cell
 * holding "1,284" or "37.5%" has nothing to translate.  Every other non-ASCII
 * code point (letters of any script, CJK ideographs, kana, Hangul) is. */
int yk_format_is_word_char(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp >= 0xFF10 && cp <= 0xFF19) /* full-width digits */
        return 0;
    if (cp < 0xC0 && cp != 0xAA && cp != 0xB5 && cp != 0xBA)
        return 0;
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x3004) ||
        (cp >= 0x3008 && cp <= 0x3020) || cp == 0x3030 || cp == 0x30FB ||
        (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xFE00 && cp <= 0xFE4F) ||
        (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
        (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
        (cp >= 0x1F000 && cp <= 0x1FAFF) || cp == 0xFEFF)
        return 0;
    return 1;
}

int yk_format_has_words(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = yk_utf8_decode(&cp, s + i, len - i);
        if (n == 0) {
            i++;
            continue;
        }
        if (yk_format_is_word_char(cp))
            return 1;
        i += n;
    }
    return 0;
}

static size_t space_at(const char *s, size_t len, size_t i)
{
    if (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
                    s[i] == '\f' || s[i] == '\v'))
        return 1;
    if (i + 3 <= len && memcmp(s + i, "\xe3\x80\x80", 3) == 0) /* U+3000 */
        return 3;
    return 0;
}

static size_t space_before(const char *s, size_t i)
{
    if (i >= 1 && (s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '\n' ||
                   s[i - 1] == '\r' || s[i - 1] == '\f' || s[i - 1] == '\v'))
        return 1;
    if (i >= 3 && memcmp(s + i - 3, "\xe3\x80\x80", 3) == 0)
        return 3;
    return 0;
}

/* A UTF-8 continuation byte at offset i of the block's text: no segment may
 * start or end there. */
static int cont_byte(const yk_doc_block *blk, size_t i)
{
    return i < blk->text_len && ((unsigned char)blk->text[i] & 0xC0) == 0x80;
}

int yk_format_segment_block(yk_doc *doc, size_t b, size_t off, size_t len,
                            const yk_parse_options *opts)
{
    const char *text = doc->blocks[b].text + off;
    yk_range *r = NULL;
    size_t n = 0, i;
    int rc;

    if (opts->hint) {
        yk_seg_hint *h = opts->hint;
        size_t at = off;
        for (; h->next < h->n && h->segs[h->next].block <= b; h->next++) {
            const yk_doc_seg *sg = &h->segs[h->next];
            if (sg->block != b || sg->off < at || sg->len == 0 || sg->off - off > len ||
                sg->len > len - (sg->off - off) || cont_byte(&doc->blocks[b], sg->off) ||
                cont_byte(&doc->blocks[b], sg->off + sg->len)) {
                h->miss = 1;
                return YK_OK;
            }
            yk_doc_add_seg(doc, b, sg->off, sg->len);
            at = sg->off + sg->len;
        }
        return YK_OK;
    }
    if (opts->mode != YK_SEGMENT_SENTENCE) {
        size_t s = 0, e = len, k;
        while ((k = space_at(text, e, s)) != 0)
            s += k;
        while (e > s && (k = space_before(text, e)) != 0)
            e -= k;
        if (e > s)
            yk_doc_add_seg(doc, b, off + s, e - s);
        return YK_OK;
    }
    rc = yk_segment_sentences_srx(&r, &n, text, len, opts->lang ? opts->lang : "en", opts->srx);
    if (rc < 0) {
        /* The splitter knows the text, not where it is (a project's SRX
         * rule can fail on one paragraph): say which paragraph. */
        const yk_error *e = yk_error_last();
        if (e && !e->file[0] && opts->path) {
            char msg[sizeof(e->message)];
            snprintf(msg, sizeof(msg), "%s", e->message);
            yk_error_set_at(rc, opts->path, doc->blocks[b].line, 0, "%s", msg);
        }
        return rc;
    }
    for (i = 0; i < n; i++)
        if (r[i].len > 0)
            yk_doc_add_seg(doc, b, off + r[i].off, r[i].len);
    free(r);
    return YK_OK;
}

/* One source line: [start, end) without its line ending, which is eol bytes. */
typedef struct line {
    size_t start, end, eol;
} line;

static int is_blank(const char *s, const line *l)
{
    size_t i;
    for (i = l->start; i < l->end; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

static size_t skip_ws(const char *s, size_t i, size_t end)
{
    while (i < end && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static size_t trim_end(const char *s, size_t start, size_t end)
{
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t'))
        end--;
    return end;
}

static void next_line(line *l, const char *s, size_t len, size_t from)
{
    size_t i = from;
    while (i < len && s[i] != '\n' && s[i] != '\r')
        i++;
    l->start = from;
    l->end = i;
    l->eol = yk_format_eol_len(s, len, i);
}

/* Add block [start,end) whose continuation lines start at the offsets in
 * 'cont' (after their leading white space), then segment it. */
static int add_text_block(yk_doc *doc, size_t start, size_t end, const size_t *lstart,
                          const size_t *cont, size_t ncont, yk_block_kind kind, int lineno,
                          const yk_parse_options *opts)
{
    size_t *plens = ncont ? yk_xmalloc(ncont * sizeof(*plens)) : NULL;
    size_t np = 0, k, b;
    int rc;

    /* A prefix can only follow a '\n'; after a lone '\r' line ending the
     * leading white space stays in the text, where it is harmless. */
    for (k = 0; k < ncont; k++)
        if (doc->src[lstart[k] - 1] == '\n')
            plens[np++] = cont[k] - lstart[k];
    b = yk_doc_add_block_lines(doc, start, end, plens, np, kind, YK_ENC_RAW, lineno);
    free(plens);
    rc = yk_format_segment_block(doc, b, 0, doc->blocks[b].text_len, opts);
    return rc;
}

int yk_format_parse_text(yk_doc **out, const char *src, size_t len, const yk_parse_options *opts)
{
    yk_parse_options def = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    size_t *lstart = NULL, *cont = NULL, ncont = 0, cap = 0, cap2 = 0;
    size_t pos = 0, bstart = 0, bend = 0;
    int lineno = 0, bline = 0, inblock = 0;
    int rc;

    *out = NULL;
    if (!opts)
        opts = &def;
    if ((rc = yk_format_check_input(src, len, opts->path)) < 0)
        return rc;
    doc = yk_doc_new(src, len);
    while (pos < len || inblock) {
        line l = {0, 0, 0};
        int blank = 1;
        if (pos < len) {
            next_line(&l, src, len, pos);
            lineno++;
            blank = is_blank(src, &l);
        }
        if (opts->mode == YK_SEGMENT_LINE) {
            if (pos >= len)
                break;
            if (!blank) {
                size_t s = skip_ws(src, l.start, l.end), e = trim_end(src, s, l.end);
                if (yk_format_has_words(src + s, e - s) &&
                    (rc = add_text_block(doc, s, e, NULL, NULL, 0, YK_BLOCK_LINE, lineno,
                                         opts)) < 0)
                    goto done;
            }
            pos = l.end + l.eol;
            continue;
        }
        if (!blank) {
            size_t s = skip_ws(src, l.start, l.end);
            if (!inblock) {
                inblock = 1;
                bstart = s;
                bline = lineno;
                ncont = 0;
            } else {
                lstart = yk_xgrow(lstart, &cap, ncont + 1, sizeof(*lstart));
                cont = yk_xgrow(cont, &cap2, ncont + 1, sizeof(*cont));
                lstart[ncont] = l.start;
                cont[ncont] = s;
                ncont++;
            }
            bend = trim_end(src, s, l.end);
        } else if (inblock) {
            inblock = 0;
            if (yk_format_has_words(src + bstart, bend - bstart) &&
                (rc = add_text_block(doc, bstart, bend, lstart, cont, ncont,
                                     YK_BLOCK_PARAGRAPH, bline, opts)) < 0)
                goto done;
        }
        if (pos >= len)
            break;
        pos = l.end + l.eol;
    }
    *out = doc;
    doc = NULL;
    rc = YK_OK;
done:
    free(lstart);
    free(cont);
    yk_doc_free(doc);
    return rc;
}
