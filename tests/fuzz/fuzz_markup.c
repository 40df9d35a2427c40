/*
 * HTML, XHTML, DocBook and PO sources: yk_format_parse_html, _xhtml,
 * _docbook and _po_source.  The first byte chooses the options (bits 0-1
 * format: html, xhtml, docbook, po; bit 2 paragraph mode; bits 3-5
 * language; bit 6 target ja or ko).  Invariants: a parsed document
 * verifies, renders back to its input byte for byte without translations,
 * and renders with hostile translations (markup, stray '<' and '&', quotes,
 * "]]>", control characters) into a document the same parser accepts
 * again: well-formed XML for XHTML and DocBook, a valid PO file with the
 * same entries for PO.
 */
#include "fuzz.h"

#include "formats/formats.h"
#include "formats/po.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

typedef int (*parse_fn)(yk_doc **, const char *, size_t, const yk_parse_options *);

static void render_translated(const yk_doc *doc, parse_fn parse, int po, const char *lang,
                              const char *src, size_t size)
{
    static const char *const words[] = {
        "訳文 <b>太字</b> &amp; <i>斜体",
        "a < b && c > d; \"q\" 'a' ]]> <!-- x",
        "</p><p>段落</p> &nbsp; &#0; &#x41; &bogus;",
        "<a href=\"x?a=1&b=2\">リンク</a> <br/> <img src='i.png' alt=\"画像\"/>",
        "line\nnext\n\x01\x7f ok",
        "",
        "<注意>中文</注意> <x:y a='1'>z</x:y> <?pi x?> <![CDATA[<>]]>",
    };
    const char **targets = calloc(doc->nsegs + 1, sizeof(*targets));
    yk_buf out = YK_BUF_INIT;
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *again = NULL;
    size_t i;
    int rc;

    for (i = 0; i < doc->nsegs; i++)
        targets[i] = i % 9 == 4 ? NULL : words[i % 7];
    if (yk_format_render(&out, doc, targets, NULL, lang, YK_FALLBACK_OMIT) != YK_OK)
        fuzz_fail("render with translations failed");
    o.path = "translated";
    o.mode = YK_SEGMENT_PARAGRAPH;
    rc = parse(&again, out.buf, out.len, &o);
    if (rc != YK_OK) {
        fprintf(stderr, "--- translated output:\n%s\n---\n", out.buf);
        fuzz_fail(po ? "translated PO is not a valid PO file"
                     : "translated document is no longer accepted by its parser");
    }
    if (po) {
        yk_po_file *a = NULL, *b = NULL;
        /* every msgid of the source is still there, in the same order */
        if (yk_po_parse(&a, src, size, "source", NULL) != YK_OK ||
            yk_po_parse(&b, out.buf, out.len, "translated", NULL) != YK_OK)
            fuzz_fail("translated PO does not parse");
        if (a->n != b->n)
            fuzz_fail("translated PO has another number of entries");
        for (i = 0; i < a->n; i++)
            if (strcmp(a->entries[i].id, b->entries[i].id) != 0)
                fuzz_fail("translated PO has another msgid");
        yk_po_file_free(a);
        yk_po_file_free(b);
    }
    yk_doc_free(again);
    yk_buf_release(&out);
    free(targets);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const parse_fn parsers[] = {yk_format_parse_html, yk_format_parse_xhtml,
                                       yk_format_parse_docbook, yk_format_parse_po_source};
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    yk_buf out = YK_BUF_INIT;
    const char *src;
    unsigned opt;
    int rc;

    if (size < 1)
        return 0;
    opt = data[0];
    src = (const char *)data + 1;
    size--;
    o.mode = (opt & 4u) ? YK_SEGMENT_PARAGRAPH : YK_SEGMENT_SENTENCE;
    o.lang = fuzz_lang(opt >> 3);
    o.path = "fuzz.src";
    rc = parsers[opt & 3u](&doc, src, size, &o);
    if (rc != YK_OK) {
        fuzz_expect_input_error(rc, "parse: unexpected error code");
        return 0;
    }
    if (yk_doc_verify(doc) != YK_OK)
        fuzz_fail("yk_doc_verify");
    if (yk_format_render(&out, doc, NULL, NULL, o.lang, YK_FALLBACK_SOURCE) != YK_OK)
        fuzz_fail("identity render failed");
    if (out.len != size || (size && memcmp(out.buf, src, size) != 0))
        fuzz_fail("identity render differs from the input");
    yk_buf_release(&out);
    render_translated(doc, parsers[opt & 3u], (opt & 3u) == 3, (opt & 0x40u) ? "ja" : "ko", src,
                      size);
    yk_doc_free(doc);
    return 0;
}
