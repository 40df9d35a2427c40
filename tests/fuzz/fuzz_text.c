/*
 * Plain text: yk_format_parse_text.  First byte: bits 0-1 segment mode
 * (sentence, paragraph, line), 2-4 language.  Invariants as for Markdown:
 * verify, identity render, render with translations.
 */
#include "fuzz.h"

#include "formats/formats.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const yk_segment_mode modes[] = {YK_SEGMENT_SENTENCE, YK_SEGMENT_PARAGRAPH,
                                            YK_SEGMENT_LINE, YK_SEGMENT_LINE};
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    yk_buf out = YK_BUF_INIT;
    const char **targets;
    const char *src;
    unsigned opt;
    size_t i;
    int rc;

    if (size < 1)
        return 0;
    opt = data[0];
    src = (const char *)data + 1;
    size--;
    o.mode = modes[opt & 3u];
    o.lang = fuzz_lang(opt >> 2);
    o.path = "fuzz.txt";
    rc = yk_format_parse_text(&doc, src, size, &o);
    if (rc != YK_OK) {
        fuzz_expect_input_error(rc, "parse_text: unexpected error code");
        return 0;
    }
    if (yk_doc_verify(doc) != YK_OK)
        fuzz_fail("yk_doc_verify");
    if (yk_format_render(&out, doc, NULL, NULL, o.lang, YK_FALLBACK_SOURCE) != YK_OK)
        fuzz_fail("identity render failed");
    if (out.len != size || (size && memcmp(out.buf, src, size) != 0))
        fuzz_fail("identity render differs from the input");
    yk_buf_clear(&out);
    targets = calloc(doc->nsegs + 1, sizeof(*targets));
    for (i = 0; i < doc->nsegs; i++)
        targets[i] = i % 3 == 1 ? NULL : "訳\n文";
    if (yk_format_render(&out, doc, targets, NULL, (opt & 0x20u) ? "ja" : "en",
                         YK_FALLBACK_OMIT) != YK_OK)
        fuzz_fail("render with translations failed");
    free(targets);
    yk_buf_release(&out);
    yk_doc_free(doc);
    return 0;
}
