/*
 * A gettext PO or POT file as a source document (a catalogue being
 * translated): each msgid is a segment, and the rebuilt file has the
 * translations in the msgstrs.  The PO reader is po.c's; this file maps its
 * entries onto the document model and rewrites the header for the target.
 */
#include "formats/formats.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/po.h"
#include "util/error.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* The header as "Name: value" lines, the form gettext gives it. */
static const char *header_text(yk_doc *doc, const yk_po_file *po, size_t *len)
{
    yk_buf h = YK_BUF_INIT;
    const char *text;
    size_t i;
    for (i = 0; i < po->nfields; i++)
        yk_buf_printf(&h, "%s: %s\n", po->fields[i].name, po->fields[i].value);
    text = yk_doc_strndup(doc, h.buf, h.len);
    *len = h.len;
    yk_buf_release(&h);
    return text;
}

static void add_header(yk_doc *doc, const yk_po_file *po)
{
    yk_doc_block b;
    memset(&b, 0, sizeof(b));
    b.src_start = po->header_msgstr.start;
    b.src_end = po->header_msgstr.end;
    b.text = header_text(doc, po, &b.text_len);
    b.kind = YK_BLOCK_META;
    b.encoding = YK_ENC_PO_HEADER;
    b.line = po->header_line;
    yk_doc_add_block(doc, &b);
}

/* Words outside printf-style directives: "%d%%" or "%s: %s" has nothing
 * to translate, and gettext shows the msgid when the msgstr is empty. */
static int has_words_outside_formats(const char *id)
{
    yk_buf t = YK_BUF_INIT;
    const char *s = id;
    int words;
    while (*s) {
        if (*s == '%') {
            s++;
            s += strspn(s, "0123456789$-+ #'*.");
            s += strspn(s, "hlLqjzt");
            if (*s)
                s++; /* the conversion */
            yk_buf_putc(&t, ' ');
            continue;
        }
        yk_buf_putc(&t, *s++);
    }
    words = yk_format_has_words(t.buf, t.len);
    yk_buf_release(&t);
    return words;
}

/* The reader's message is about PO files yaku imports; say what it means
 * for a source. */
static int source_error(int rc)
{
    const yk_error *e = yk_error_last();
    if (e && strncmp(e->message, "plural entries are not supported", 32) == 0) {
        char file[sizeof(e->file)];
        int line = e->line, col = e->column;
        memcpy(file, e->file, sizeof(file));
        return yk_error_set_at(rc, file[0] ? file : NULL, line, col,
                               "plural entries (msgid_plural) are not supported in a source PO "
                               "file; translate the plural forms with a PO editor");
    }
    return rc;
}

int yk_format_parse_po_source(yk_doc **out, const char *src, size_t len,
                              const yk_parse_options *opts)
{
    yk_parse_options def = YK_PARSE_OPTIONS_INIT, whole;
    yk_po_file *po = NULL;
    yk_doc *doc = NULL;
    size_t i;
    int rc, header_done;

    *out = NULL;
    if (!opts)
        opts = &def;
    if ((rc = yk_format_check_structured(src, len, opts)) < 0)
        return rc;
    if ((rc = yk_po_parse(&po, src, len, opts->path, NULL)) < 0)
        return source_error(rc);
    /* a message is one unit: its translation fills one msgstr */
    whole = *opts;
    whole.mode = YK_SEGMENT_PARAGRAPH;
    doc = yk_doc_new(src, len);
    if (!po->header_line) {
        /* msgfmt needs a charset to take non-ASCII translations: a
         * translated rebuild gets a header before the first entry */
        yk_doc_block b;
        memset(&b, 0, sizeof(b));
        b.src_start = b.src_end = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        b.text = src + b.src_start;
        b.kind = YK_BLOCK_META;
        b.encoding = YK_ENC_PO_NEW_HEADER;
        b.line = 1;
        yk_doc_add_block(doc, &b);
    }
    header_done = !po->header_line || po->header_msgstr.end <= po->header_msgstr.start;
    for (i = 0; i < po->n; i++) {
        const yk_po_entry *e = &po->entries[i];
        const yk_po_span *sp = &po->msgstr_spans[i];
        yk_doc_block b;
        size_t k;
        if (!header_done && po->header_msgstr.start < sp->start) {
            add_header(doc, po);
            header_done = 1;
        }
        if (!has_words_outside_formats(e->id))
            continue;
        memset(&b, 0, sizeof(b));
        b.src_start = sp->start;
        b.src_end = sp->end;
        b.text_len = strlen(e->id);
        b.text = yk_doc_strndup(doc, e->id, b.text_len);
        b.key = e->ctxt ? yk_doc_strndup(doc, e->ctxt, strlen(e->ctxt)) : NULL;
        b.kind = YK_BLOCK_MESSAGE;
        b.encoding = YK_ENC_PO_MSGSTR;
        b.line = e->line;
        k = yk_doc_add_block(doc, &b);
        if ((rc = yk_format_segment_block(doc, k, 0, b.text_len, &whole)) < 0)
            goto done;
    }
    if (!header_done)
        add_header(doc, po);
    *out = doc;
    doc = NULL;
    rc = YK_OK;
done:
    yk_doc_free(doc);
    yk_po_file_free(po);
    return rc;
}

static int field_is(const char *line, size_t n, const char *name)
{
    size_t k = strlen(name);
    return n > k && line[k] == ':' && strncasecmp(line, name, k) == 0;
}

void yk_format_po_header_for(yk_buf *out, const char *header, size_t len, const char *lang)
{
    size_t i = 0;
    int have_lang = 0, have_type = 0;
    while (i < len) {
        const char *nl = memchr(header + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - header) : len, n = end - i;
        const char *line = header + i;
        if (field_is(line, n, "Language")) {
            yk_buf_printf(out, "Language: %s\n", lang);
            have_lang = 1;
        } else if (field_is(line, n, "Content-Type")) {
            const char *cs = NULL;
            have_type = 1;
            size_t k;
            for (k = 0; k + 8 <= n; k++)
                if (strncasecmp(line + k, "charset=", 8) == 0) {
                    cs = line + k + 8;
                    break;
                }
            if (cs) {
                size_t rest = (size_t)(cs - line);
                while (rest < n && line[rest] != ';' && line[rest] != ' ' && line[rest] != '\t')
                    rest++;
                yk_buf_put(out, line, (size_t)(cs - line));
                yk_buf_puts(out, "UTF-8");
                yk_buf_put(out, line + rest, n - rest);
                yk_buf_putc(out, '\n');
            } else {
                yk_buf_put(out, line, n);
                yk_buf_puts(out, "; charset=UTF-8\n");
            }
        } else {
            yk_buf_put(out, line, n);
            yk_buf_putc(out, '\n');
        }
        i = end + 1;
    }
    if (!have_lang)
        yk_buf_printf(out, "Language: %s\n", lang);
    if (!have_type)
        yk_buf_puts(out, "Content-Type: text/plain; charset=UTF-8\n");
}
