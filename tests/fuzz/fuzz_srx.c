/*
 * SRX segmentation rules: yk_srx_read (the hardened libxml2 parser of
 * formats/xml.c, then ICU regex compilation), and the compiled rules
 * applied by yk_segment_sentences_srx.  The first byte chooses the
 * language; the rest is the SRX file, then a NUL byte and the text to
 * segment (a fixed mixed-script text when there is no NUL).
 * Invariants: a refused file is an input error with a message and no
 * rules; segmenting either succeeds with ranges in order, in bounds,
 * non-empty and trimmed, or fails as the text allows (invalid UTF-8) or
 * with YK_ETOOBIG (a rule over its time budget), with no ranges.
 */
#include "fuzz.h"

#include "formats/srx.h"
#include "segment/segment.h"
#include "util/utf8.h"

static const char default_text[] =
    "第一句；第二句。第三句！还有一句。「こんにちは。」と言った。Ask Mgr. Kim, e.g. at "
    "https://example.org/a.b now. Run `a. b` and [x. y](z.md). 안녕하세요. 반갑습니다!";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int is_space(const char *s, size_t len, size_t i)
{
    if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))
        return 1;
    return i + 3 <= len && memcmp(s + i, "\xe3\x80\x80", 3) == 0; /* U+3000 */
}

static void check_segments(const char *text, size_t len, const char *lang,
                           const yk_segment_srx *srx)
{
    yk_range *r = NULL;
    size_t n = 7, i, prev_end = 0;
    int rc = yk_segment_sentences_srx(&r, &n, text, len, lang, srx);

    if (rc != YK_OK) {
        if (r || n)
            fuzz_fail("srx segment: output on error");
        if (rc == YK_EINVAL && yk_utf8_invalid_at(text, len) == len)
            fuzz_fail("srx segment: valid UTF-8 refused");
        fuzz_expect_input_error(rc, "srx segment: unexpected error");
        return;
    }
    for (i = 0; i < n; i++) {
        if (r[i].len == 0 || r[i].off < prev_end || r[i].off > len || r[i].len > len - r[i].off)
            fuzz_fail("srx segment: range out of order or bounds");
        if (is_space(text, len, r[i].off) || is_space(text, len, r[i].off + r[i].len - 1))
            fuzz_fail("srx segment: range not trimmed");
        prev_end = r[i].off + r[i].len;
    }
    free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yk_segment_srx *srx = (yk_segment_srx *)&size;
    const char *xml, *text = default_text, *nul;
    size_t xml_len, text_len = sizeof(default_text) - 1;
    const char *lang;
    int rc;

    if (size < 1)
        return 0;
    lang = fuzz_lang(data[0]);
    xml = (const char *)data + 1;
    xml_len = size - 1;
    if ((nul = memchr(xml, '\0', xml_len)) != NULL) {
        text = nul + 1;
        text_len = xml_len - (size_t)(nul - xml) - 1;
        xml_len = (size_t)(nul - xml);
    }
    rc = yk_srx_read(&srx, xml, xml_len, "fuzz.srx");
    if (rc != YK_OK) {
        if (srx)
            fuzz_fail("srx read: rules returned with an error");
        fuzz_expect_input_error(rc, "srx read: unexpected error");
        return 0;
    }
    if (!srx)
        fuzz_fail("srx read: no rules and no error");
    check_segments(text, text_len, lang, srx);
    /* the same rules through the calling thread's cached clones */
    check_segments(text, text_len, lang, srx);
    yk_segment_srx_free(srx);
    return 0;
}
