/*
 * Markdown with front matter: yk_format_parse_markdown.  The first byte
 * chooses the options (bits 0-1 segment mode, 2-4 language, 5 no front
 * matter).  Invariants: a parsed document verifies (yk_doc_verify), renders
 * back to its input byte for byte without translations, and renders with
 * translations (CJK and not) without error.
 */
#include "fuzz.h"

#include "formats/formats.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* a translation per segment: quotes, a colon, a newline and non-ASCII, to
 * exercise YAML/TOML quoting and CJK unwrapping */
static void render_translated(const yk_doc *doc, const char *lang)
{
    static const char *const words[] = {"訳文", "a: \"b\" 'c'", "줄\n바꿈", "x\\y #z", ""};
    const char **targets = calloc(doc->nsegs + 1, sizeof(*targets));
    yk_buf out = YK_BUF_INIT;
    size_t i;
    for (i = 0; i < doc->nsegs; i++)
        targets[i] = i % 7 == 3 ? NULL : words[i % 5];
    if (yk_format_render(&out, doc, targets, NULL, lang, YK_FALLBACK_OMIT) != YK_OK)
        fuzz_fail("render with translations failed");
    yk_buf_release(&out);
    free(targets);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const yk_segment_mode modes[] = {YK_SEGMENT_SENTENCE, YK_SEGMENT_PARAGRAPH,
                                            YK_SEGMENT_SENTENCE, YK_SEGMENT_LINE};
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
    o.mode = modes[opt & 3u];
    o.lang = fuzz_lang(opt >> 2);
    o.flags = (opt & 0x20u) ? YK_PARSE_NO_FRONT_MATTER : 0;
    o.path = "fuzz.md";
    rc = yk_format_parse_markdown(&doc, src, size, &o);
    if (rc != YK_OK) {
        fuzz_expect_input_error(rc, "parse_markdown: unexpected error code");
        return 0;
    }
    if (o.mode == YK_SEGMENT_LINE)
        fuzz_fail("line mode accepted for Markdown");
    if (yk_doc_verify(doc) != YK_OK)
        fuzz_fail("yk_doc_verify");
    if (yk_format_render(&out, doc, NULL, NULL, o.lang, YK_FALLBACK_SOURCE) != YK_OK)
        fuzz_fail("identity render failed");
    if (out.len != size || (size && memcmp(out.buf, src, size) != 0))
        fuzz_fail("identity render differs from the input");
    yk_buf_release(&out);
    render_translated(doc, (opt & 0x40u) ? "ja" : "ko");
    yk_doc_free(doc);
    return 0;
}
