/*
 * Rebuilding a parsed document with translations: skeleton copied, each
 * block reassembled from its segments' targets (escaped for the block's
 * encoding), container prefixes re-inserted by the document model.
 */
#include "formats/formats.h"

#include <string.h>

#include "formats/po.h"
#include "segment/segment.h"
#include "util/error.h"
#include "util/banned.h"

/* YAML double-quoted escapes (after the backslash). */
static int yaml_escape_char(char ch)
{
    return ch && strchr("0abt\tnvfre \"/\\N_LPxuU", ch) != NULL;
}

static int toml_escape_char(char ch)
{
    return ch && strchr("btnfre\"\\uU", ch) != NULL;
}

/* Write a target into a "..." string: '"' and '\' are escaped unless they
 * already form an escape (a translator may have copied the source's). */
static void put_dq(yk_buf *out, const char *s, size_t n, int toml, int strict)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\\' && !strict && i + 1 < n &&
            (toml ? toml_escape_char(s[i + 1]) : yaml_escape_char(s[i + 1]))) {
            yk_buf_put(out, s + i, 2);
            i++;
        } else if (ch == '\\' || ch == '"') {
            yk_buf_putc(out, '\\');
            yk_buf_putc(out, ch);
        } else if (ch == '\n' || ch == '\r' || ch == '\t') {
            yk_buf_putc(out, ' ');
        } else {
            yk_buf_putc(out, ch);
        }
    }
}

/* Inside '...': a lone "'" is doubled, "''" is already an escape. */
static void put_sq(yk_buf *out, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] == '\'') {
            yk_buf_puts(out, "''");
            if (i + 1 < n && s[i + 1] == '\'')
                i++;
        } else {
            yk_buf_putc(out, (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
        }
    }
}

/* Would this text change meaning or break the YAML as a plain scalar? */
static int yaml_plain_needs_quotes(const char *s, size_t n)
{
    static const char *const words[] = {"true", "false", "yes", "no", "on",   "off",
                                        "y",    "n",     "null", "~",  "TRUE", "FALSE",
                                        "True", "False", "Yes",  "No", "Null", "NULL",
                                        "YES",  "NO",    "ON",   "On", "OFF",  "Off"};
    size_t i, numeric = 1;
    if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':' || s[n - 1] == '\t')
        return 1;
    if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
        return 1;
    for (i = 0; i < n; i++) {
        if ((s[i] == ':' && i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t')) ||
            (s[i] == '#' && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) ||
            (unsigned char)s[i] < 0x20)
            return 1;
        if (!strchr("0123456789+-._:eExXoObBaAcCdDfF", s[i]))
            numeric = 0;
    }
    if (numeric)
        return 1;
    for (i = 0; i < sizeof(words) / sizeof(*words); i++)
        if (strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
            return 1;
    return 0;
}

/* Markdown hard break ending at the '\n' at text[i]: two spaces or a
 * backslash before it. */
static int hard_break_at(const char *t, size_t i)
{
    size_t j = i;
    if (j > 0 && t[j - 1] == '\r')
        j--;
    return (j >= 1 && t[j - 1] == '\\') || (j >= 2 && t[j - 1] == ' ' && t[j - 2] == ' ');
}

/* A gap that must survive joining: it holds a blank line or a hard break
 * (or any line break in a literal block scalar, where lines are content). */
static int gap_is_kept(const yk_doc_block *b, size_t from, size_t to, int literal)
{
    const char *t = b->text;
    size_t i, last_nl = (size_t)-1;
    for (i = from; i < to; i++) {
        if (t[i] != '\n')
            continue;
        if (literal)
            return 1;
        if (b->encoding == YK_ENC_RAW && hard_break_at(t, i))
            return 1;
        if (last_nl != (size_t)-1) {
            size_t k = last_nl + 1;
            while (k < i && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r'))
                k++;
            if (k == i)
                return 1;
        }
        last_nl = i;
    }
    return 0;
}

/* Block scalars of YAML front matter (literal '|' or folded '>'): found by
 * looking back from the block to the header line. */
static int yaml_block_scalar(const yk_doc *doc, const yk_doc_block *b, int *literal)
{
    size_t i = b->src_start;
    const char *s = doc->src;
    if (b->kind != YK_BLOCK_FRONT_MATTER || b->encoding != YK_ENC_RAW)
        return 0;
    while (i > 0 && s[i - 1] != '\n' && s[i - 1] != '\r')
        i--;
    while (i > 0 && (s[i - 1] == '\n' || s[i - 1] == '\r' || s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    while (i > 0 && (s[i - 1] == '-' || s[i - 1] == '+' || (s[i - 1] >= '0' && s[i - 1] <= '9')))
        i--;
    *literal = i > 0 && s[i - 1] == '|';
    return 1;
}

typedef struct piece_opts {
    int cjk;        /* remove soft line breaks */
    int crlf;       /* the block's lines end in "\r\n" */
    int single;     /* one line only: ATX heading, table cell */
    int table_cell; /* escape '|' */
} piece_opts;

/* s[0..n), with a '\r' put before each '\n' that has none when crlf is
 * set; copied a line at a time, not a byte at a time. */
static void put_lines(yk_buf *out, const char *s, size_t n, int crlf)
{
    const char *nl;
    if (!crlf) {
        yk_buf_put(out, s, n);
        return;
    }
    while ((nl = memchr(s, '\n', n)) != NULL) {
        size_t k = (size_t)(nl - s);
        yk_buf_put(out, s, k);
        if (k == 0 || s[k - 1] != '\r') /* k == 0: after a '\n', or the start */
            yk_buf_putc(out, '\r');
        yk_buf_putc(out, '\n');
        s += k + 1;
        n -= k + 1;
    }
    yk_buf_put(out, s, n);
}

/* Unwrap one run of text without hard breaks for a CJK target, keeping the
 * block's line endings. */
static void put_unwrapped(yk_buf *out, const char *s, size_t n, const piece_opts *po)
{
    yk_buf lf = YK_BUF_INIT, un = YK_BUF_INIT;
    size_t i;
    /* Without a line break there is nothing to unwrap: most pieces. */
    if (!memchr(s, '\n', n)) {
        yk_buf_put(out, s, n);
        return;
    }
    for (i = 0; i < n; i++)
        if (!(s[i] == '\r' && i + 1 < n && s[i + 1] == '\n'))
            yk_buf_putc(&lf, s[i]);
    yk_segment_unwrap_cjk(&un, lf.buf, lf.len);
    for (i = 0; i < un.len; i++) {
        if (un.buf[i] == '\n' && po->crlf)
            yk_buf_putc(out, '\r');
        yk_buf_putc(out, un.buf[i]);
    }
    yk_buf_release(&lf);
    yk_buf_release(&un);
}

/* A Markdown piece (target or source text of one segment). */
static void put_raw_piece(yk_buf *out, const char *s, size_t n, const piece_opts *po,
                          int is_target)
{
    size_t i, run = 0;
    if (po->single) {
        yk_buf un = YK_BUF_INIT;
        if (po->cjk) {
            /* a line break between CJK characters disappears, not a space */
            put_unwrapped(&un, s, n, po);
            s = un.buf;
            n = un.len;
        }
        for (i = 0; i < n; i++) {
            char ch = s[i];
            if (ch == '\r' && i + 1 < n && s[i + 1] == '\n')
                continue;
            if (ch == '\n' || ch == '\r')
                ch = ' ';
            if (ch == '|' && po->table_cell && is_target && (i == 0 || s[i - 1] != '\\'))
                yk_buf_putc(out, '\\');
            yk_buf_putc(out, ch);
        }
        yk_buf_release(&un);
        return;
    }
    if (!po->cjk) {
        put_lines(out, s, n, po->crlf && is_target);
        return;
    }
    /* unwrap between hard breaks, which stay as they are */
    for (i = 0; i < n; i++) {
        const char *nl = memchr(s + i, '\n', n - i);
        if (!nl)
            break;
        i = (size_t)(nl - s);
        if (!hard_break_at(s, i))
            continue;
        {
            size_t e = i;
            if (e > run && s[e - 1] == '\r')
                e--;
            while (e > run && (s[e - 1] == ' ' || s[e - 1] == '\\'))
                e--;
            put_unwrapped(out, s + run, e - run, po);
            yk_buf_put(out, s + e, i - e);
            if (po->crlf && (i == 0 || s[i - 1] != '\r'))
                yk_buf_putc(out, '\r');
            yk_buf_putc(out, '\n');
            run = i + 1;
        }
    }
    put_unwrapped(out, s + run, n - run, po);
}

/* A translation's lines as the block wants them: soft line breaks removed
 * for a CJK target, the block's CRLF line endings otherwise. */
static void target_lines(yk_buf *out, const char *s, size_t n, const piece_opts *po)
{
    if (po->cjk) {
        put_unwrapped(out, s, n, po);
        return;
    }
    put_lines(out, s, n, po->crlf);
}

/* A translation written into HTML or XML: escaped for element content or
 * for an attribute value in its quotes. */
static void put_markup_piece(yk_buf *out, const yk_doc_block *b, const char *s, size_t n,
                             const piece_opts *po)
{
    yk_buf lines = YK_BUF_INIT;
    int xml = b->encoding == YK_ENC_XML_TEXT;
    target_lines(&lines, s, n, po);
    switch (b->encoding) {
    case YK_ENC_HTML_TEXT:
    case YK_ENC_XML_TEXT:
        yk_format_markup_put_text(out, lines.buf, lines.len, xml, b->text, b->text_len);
        break;
    default:
        yk_format_markup_put_attr(
            out, lines.buf, lines.len,
            b->encoding == YK_ENC_ATTR_SQ || b->encoding == YK_ENC_XML_ATTR_SQ ? '\'' : '"',
            b->encoding == YK_ENC_XML_ATTR_DQ || b->encoding == YK_ENC_XML_ATTR_SQ, 0, b->text,
            b->text_len);
        break;
    }
    yk_buf_release(&lines);
}

static int is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void put_piece(yk_buf *out, const yk_doc_block *b, const char *s, size_t n,
                      const piece_opts *po, int is_target)
{
    if (!is_target && b->encoding == YK_ENC_ATTR_BARE) {
        /* the value is going to be quoted: its own '"' must be escaped */
        yk_format_markup_put_attr(out, s, n, '"', 0, 1, NULL, 0);
        return;
    }
    if (!is_target && b->encoding != YK_ENC_RAW) {
        /* source bytes are already encoded for this block (or, decoded, are
         * encoded with the whole block) */
        yk_buf_put(out, s, n);
        return;
    }
    switch (b->encoding) {
    case YK_ENC_HTML_TEXT:
    case YK_ENC_XML_TEXT:
    case YK_ENC_ATTR_DQ:
    case YK_ENC_ATTR_SQ:
    case YK_ENC_ATTR_BARE:
    case YK_ENC_XML_ATTR_DQ:
    case YK_ENC_XML_ATTR_SQ:
        put_markup_piece(out, b, s, n, po);
        break;
    case YK_ENC_PO_MSGSTR:
        /* the msgid's own leading and trailing white space is in the gaps:
         * msgfmt -c wants both to begin and end alike */
        while (n && is_ascii_space(s[0]))
            s++, n--;
        while (n && is_ascii_space(s[n - 1]))
            n--;
        for (; n; s++, n--)
            if (*s != '\004') /* gettext's context separator cannot be in a string */
                yk_buf_putc(out, *s);
        break;
    case YK_ENC_YAML_DQ:
        put_dq(out, s, n, 0, 0);
        break;
    case YK_ENC_TOML_BASIC:
        put_dq(out, s, n, 1, 0);
        break;
    case YK_ENC_YAML_SQ:
        put_sq(out, s, n);
        break;
    case YK_ENC_YAML_PLAIN:
    case YK_ENC_TOML_LITERAL: {
        /* written raw; the whole block is requoted afterwards if needed */
        size_t i;
        for (i = 0; i < n; i++)
            yk_buf_putc(out, (s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
        break;
    }
    default:
        put_raw_piece(out, s, n, po, is_target);
    }
}

/* The line ending of a PO source around the block. */
static const char *po_eol(const yk_doc *doc, const yk_doc_block *b)
{
    return b->src_end < doc->src_len && doc->src[b->src_end] == '\r' ? "\r\n" : "\n";
}

/* Requote a plain YAML scalar or a TOML literal string when its new text
 * cannot be written that way; balance XML content, quote a bare attribute
 * value, encode a msgstr. */
static void finish_encoding(yk_buf *text, const yk_doc *doc, const yk_doc_block *b)
{
    yk_buf q = YK_BUF_INIT;
    if (b->encoding == YK_ENC_XML_TEXT) {
        yk_format_markup_balance(text);
        return;
    } else if (b->encoding == YK_ENC_ATTR_BARE) {
        yk_buf_putc(&q, '"');
        yk_buf_put(&q, text->buf, text->len);
        yk_buf_putc(&q, '"');
    } else if (b->encoding == YK_ENC_PO_MSGSTR) {
        yk_po_write_msgstr_value(&q, text->buf, po_eol(doc, b));
    } else if (b->encoding == YK_ENC_YAML_PLAIN) {
        if (!yaml_plain_needs_quotes(text->buf, text->len))
            return;
        yk_buf_putc(&q, '"');
        put_dq(&q, text->buf, text->len, 0, 1);
        yk_buf_putc(&q, '"');
    } else if (b->encoding == YK_ENC_TOML_LITERAL) {
        const char *inner = text->buf + 1;
        size_t n = text->len >= 2 ? text->len - 2 : 0;
        if (text->len >= 2 && !memchr(inner, '\'', n))
            return;
        yk_buf_putc(&q, '"');
        put_dq(&q, inner, n, 1, 1);
        yk_buf_putc(&q, '"');
    } else {
        return;
    }
    yk_buf_clear(text);
    yk_buf_put(text, q.buf, q.len);
    yk_buf_release(&q);
}

/* Block scalars: every non-empty line gets the full indentation, whatever
 * line of the source it took its prefix from. */
static void render_block_scalar(yk_buf *out, const yk_doc_block *b, const char *t, size_t n)
{
    const yk_slice *indent = NULL;
    size_t i, k, start = 0;
    for (k = 0; k < b->nprefixes; k++)
        if (!indent || b->prefixes[k].len > indent->len)
            indent = &b->prefixes[k];
    for (i = 0; i <= n; i++) {
        if (i < n && t[i] != '\n')
            continue;
        if (start > 0 && i > start && indent && !(i == start + 1 && t[start] == '\r'))
            yk_buf_put(out, indent->ptr, indent->len);
        yk_buf_put(out, t + start, (i < n ? i + 1 : n) - start);
        start = i + 1;
    }
}

/* A block as it is in the source. */
static void put_source(yk_buf *out, const yk_doc *doc, const yk_doc_block *b)
{
    if (yk_doc_block_is_decoded(b))
        yk_buf_put(out, doc->src + b->src_start, b->src_end - b->src_start);
    else
        yk_doc_block_render(out, b, b->text, b->text_len);
}

/* A block without segments: document metadata that follows the target
 * language once the document has a translation. */
static void render_meta(yk_buf *out, const yk_doc *doc, const yk_doc_block *b,
                        const char *target_lang, int translated)
{
    if (translated && *target_lang && b->encoding == YK_ENC_LANG) {
        yk_buf_puts(out, target_lang);
    } else if (translated && *target_lang && b->encoding == YK_ENC_PO_HEADER) {
        yk_buf h = YK_BUF_INIT;
        yk_format_po_header_for(&h, b->text, b->text_len, target_lang);
        yk_po_write_msgstr_value(out, h.buf, po_eol(doc, b));
        yk_buf_release(&h);
    } else if (translated && *target_lang && b->encoding == YK_ENC_PO_NEW_HEADER) {
        static const char fields[] = "MIME-Version: 1.0\nContent-Transfer-Encoding: 8bit\n";
        const char *nl = memchr(doc->src, '\n', doc->src_len);
        const char *eol = nl && nl > doc->src && nl[-1] == '\r' ? "\r\n" : "\n";
        yk_buf h = YK_BUF_INIT;
        yk_format_po_header_for(&h, fields, sizeof(fields) - 1, target_lang);
        yk_buf_printf(out, "msgid \"\"%smsgstr ", eol);
        yk_po_write_msgstr_value(out, h.buf, eol);
        yk_buf_printf(out, "%s%s", eol, eol);
        yk_buf_release(&h);
    } else {
        put_source(out, doc, b);
    }
}

static void render_block(yk_buf *out, const yk_doc *doc, const yk_doc_block *b,
                         const char *const *targets, const size_t *target_lens,
                         const char *target_lang, yk_fallback fallback, int translated,
                         yk_buf *text)
{
    /* a document without segments has no segment array at all */
    const yk_doc_seg *segs = b->nsegs ? doc->segs + b->first_seg : NULL;
    const char *joiner = yk_segment_joiner(target_lang);
    piece_opts po;
    size_t j, emitted = 0, prev_end = 0;
    int any = 0, literal = 0, scalar;

    if (b->nsegs == 0) {
        render_meta(out, doc, b, target_lang, translated);
        return;
    }
    for (j = 0; j < b->nsegs && targets; j++)
        if (targets[b->first_seg + j])
            any = 1;
    if (!any && fallback == YK_FALLBACK_SOURCE) {
        put_source(out, doc, b);
        return;
    }
    scalar = yaml_block_scalar(doc, b, &literal);
    memset(&po, 0, sizeof(po));
    po.cjk = any && yk_segment_lang_is_cjk(target_lang) && !literal &&
             b->encoding != YK_ENC_PO_MSGSTR;
    {
        const char *nl = memchr(b->text, '\n', b->text_len);
        po.crlf = nl && nl > b->text && nl[-1] == '\r';
    }
    po.table_cell = b->kind == YK_BLOCK_TABLE_CELL;
    po.single = po.table_cell || (b->kind == YK_BLOCK_HEADING && b->nprefixes == 0 &&
                                  !memchr(b->text, '\n', b->text_len));

    yk_buf_clear(text);
    for (j = 0; j < b->nsegs; j++) {
        const yk_doc_seg *s = &segs[j];
        const char *t = targets ? targets[b->first_seg + j] : NULL;
        size_t tlen = 0;
        if (t)
            tlen = target_lens ? target_lens[b->first_seg + j] : strlen(t);
        else if (fallback == YK_FALLBACK_OMIT)
            continue;
        if (emitted == 0) {
            yk_buf_put(text, b->text, segs[0].off); /* leading gap */
        } else if (gap_is_kept(b, prev_end, s->off, literal)) {
            yk_buf_put(text, b->text + prev_end, s->off - prev_end);
        } else {
            yk_buf_puts(text, joiner);
        }
        if (t)
            put_piece(text, b, t, tlen, &po, 1);
        else
            put_piece(text, b, b->text + s->off, s->len, &po, 0);
        prev_end = s->off + s->len;
        emitted++;
    }
    if (emitted == 0) {
        /* every segment omitted: the block's text is empty */
        if (b->encoding == YK_ENC_PO_MSGSTR || b->encoding == YK_ENC_ATTR_BARE)
            yk_buf_puts(out, "\"\"");
        return;
    }
    {
        /* the trailing gap follows the block's last segment, emitted or not */
        size_t last_end = segs[b->nsegs - 1].off + segs[b->nsegs - 1].len;
        yk_buf_put(text, b->text + last_end, b->text_len - last_end);
    }
    finish_encoding(text, doc, b);
    if (scalar)
        render_block_scalar(out, b, text->buf, text->len);
    else
        yk_doc_block_render(out, b, text->buf, text->len);
}

int yk_format_render(yk_buf *out, const yk_doc *doc, const char *const *targets,
                     const size_t *target_lens, const char *target_lang, yk_fallback fallback)
{
    yk_buf text = YK_BUF_INIT, blk = YK_BUF_INIT;
    size_t i, pos = 0, start_len = out->len;
    int rc = YK_OK, translated = 0;

    if (!target_lang)
        target_lang = "";
    for (i = 0; targets && i < doc->nsegs && !translated; i++)
        translated = targets[i] != NULL;
    for (i = 0; i < doc->nblocks; i++) {
        const yk_doc_block *b = &doc->blocks[i];
        if ((rc = yk_buf_put(out, doc->src + pos, b->src_start - pos)) < 0)
            goto done;
        /* built aside so that a size limit on 'out' is noticed */
        yk_buf_clear(&blk);
        render_block(&blk, doc, b, targets, target_lens, target_lang, fallback, translated,
                     &text);
        if ((rc = yk_buf_put(out, blk.buf, blk.len)) < 0)
            goto done;
        pos = b->src_end;
    }
    rc = yk_buf_put(out, doc->src + pos, doc->src_len - pos);
done:
    if (rc < 0)
        yk_buf_truncate(out, start_len);
    yk_buf_release(&text);
    yk_buf_release(&blk);
    return rc;
}
