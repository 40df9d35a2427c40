/*
 * Plain-text reader: paragraph and line modes, identity rebuild, line
 * endings kept.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/formats.h"
#include "segment/segment.h"

static yk_doc *parse(const char *s, yk_segment_mode mode)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_buf out = YK_BUF_INIT;
    yk_doc *doc = NULL;
    o.mode = mode;
    if (yk_format_parse_text(&doc, s, strlen(s), &o) != YK_OK)
        fail_msg("parse failed: %s", yk_error_last()->message);
    assert_int_equal(yk_doc_verify(doc), YK_OK);
    assert_int_equal(yk_format_render(&out, doc, NULL, NULL, "ja", YK_FALLBACK_SOURCE), YK_OK);
    assert_int_equal(out.len, strlen(s));
    assert_memory_equal(out.buf, s, out.len);
    yk_buf_release(&out);
    return doc;
}

static const char *seg(const yk_doc *doc, size_t i)
{
    static char buf[1024];
    const yk_doc_seg *s = &doc->segs[i];
    snprintf(buf, sizeof(buf), "%.*s", (int)s->len, doc->blocks[s->block].text + s->off);
    return buf;
}

static char *render(const yk_doc *doc, const char *const *targets, const char *lang)
{
    yk_buf out = YK_BUF_INIT;
    assert_int_equal(yk_format_render(&out, doc, targets, NULL, lang, YK_FALLBACK_SOURCE), YK_OK);
    return yk_buf_detach(&out, NULL);
}

static void test_paragraph_mode_blocks(void **state)
{
    const char *s = "  First paragraph line\n   continues here.  \n\n \t\nSecond one.\n\n\n";
    yk_doc *doc = parse(s, YK_SEGMENT_PARAGRAPH);
    (void)state;
    assert_int_equal(doc->nblocks, 2);
    assert_int_equal(doc->nsegs, 2);
    assert_string_equal(seg(doc, 0), "First paragraph line\ncontinues here.");
    assert_string_equal(seg(doc, 1), "Second one.");
    assert_int_equal(doc->blocks[0].line, 1);
    assert_int_equal(doc->blocks[1].line, 5);
    assert_int_equal(doc->blocks[0].nprefixes, 1);
    assert_int_equal(doc->blocks[0].prefixes[0].len, 3);
    yk_doc_free(doc);
}

static void test_sentence_mode_and_joiner(void **state)
{
    const char *s = "One. Two.\nThree.\n";
    const char *targets[3] = {"一。", "二。", "三。"};
    yk_doc *doc = parse(s, YK_SEGMENT_SENTENCE);
    char *out;
    (void)state;
    assert_int_equal(doc->nsegs, 3);
    assert_string_equal(seg(doc, 2), "Three.");
    out = render(doc, targets, "ja");
    assert_string_equal(out, "一。二。三。\n");
    free(out);
    yk_doc_free(doc);
}

static void test_line_mode(void **state)
{
    const char *s = "  Slide one  \nSlide two. Still two.\n\n---\n\tLast\n";
    const char *targets[3] = {"スライド1", NULL, "最後"};
    yk_doc *doc = parse(s, YK_SEGMENT_LINE);
    char *out;
    (void)state;
    assert_int_equal(doc->nblocks, 3);
    assert_int_equal(doc->nsegs, 3);
    assert_string_equal(seg(doc, 0), "Slide one");
    assert_string_equal(seg(doc, 1), "Slide two. Still two.");
    assert_string_equal(seg(doc, 2), "Last");
    assert_int_equal(doc->blocks[0].kind, YK_BLOCK_LINE);
    out = render(doc, targets, "ja");
    assert_string_equal(out, "  スライド1  \nSlide two. Still two.\n\n---\n\t最後\n");
    free(out);
    yk_doc_free(doc);
}

static void test_crlf_preserved(void **state)
{
    const char *s = "Line one\r\n  line two.\r\n\r\nNext.\r\n";
    const char *targets[2] = {"Eins\nzwei.", "Weiter."};
    yk_doc *doc = parse(s, YK_SEGMENT_PARAGRAPH);
    char *out;
    (void)state;
    assert_string_equal(seg(doc, 0), "Line one\r\nline two.");
    out = render(doc, targets, "de");
    assert_string_equal(out, "Eins\r\n  zwei.\r\n\r\nWeiter.\r\n");
    free(out);
    yk_doc_free(doc);
    doc = parse(s, YK_SEGMENT_LINE);
    assert_int_equal(doc->nsegs, 3);
    assert_string_equal(seg(doc, 1), "line two.");
    yk_doc_free(doc);
}

static void test_cjk_unwrap(void **state)
{
    const char *s = "第一行\n第二行。\n";
    const char *targets[1] = {"一行目\n二行目。"};
    yk_doc *doc = parse(s, YK_SEGMENT_PARAGRAPH);
    char *out;
    (void)state;
    out = render(doc, targets, "ja");
    assert_string_equal(out, "一行目二行目。\n");
    free(out);
    yk_doc_free(doc);
}

static void test_no_trailing_newline_and_empty(void **state)
{
    yk_doc *doc = parse("last line", YK_SEGMENT_PARAGRAPH);
    (void)state;
    assert_int_equal(doc->nsegs, 1);
    assert_string_equal(seg(doc, 0), "last line");
    yk_doc_free(doc);
    doc = parse("", YK_SEGMENT_PARAGRAPH);
    assert_int_equal(doc->nblocks, 0);
    yk_doc_free(doc);
    doc = parse("\n\n  \n", YK_SEGMENT_LINE);
    assert_int_equal(doc->nblocks, 0);
    yk_doc_free(doc);
}

static void test_invalid_input(void **state)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    (void)state;
    o.path = "slides.txt";
    assert_int_equal(yk_format_parse_text(&doc, "a\n\xc3", 3, &o), YK_EINVAL);
    assert_int_equal(yk_error_last()->line, 2);
    assert_string_equal(yk_error_last()->file, "slides.txt");
    assert_int_equal(yk_format_parse_text(&doc, "a\0", 2, &o), YK_EINVAL);
    assert_null(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraph_mode_blocks),
        cmocka_unit_test(test_sentence_mode_and_joiner),
        cmocka_unit_test(test_line_mode),
        cmocka_unit_test(test_crlf_preserved),
        cmocka_unit_test(test_cjk_unwrap),
        cmocka_unit_test(test_no_trailing_newline_and_empty),
        cmocka_unit_test(test_invalid_input),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    yk_segment_cleanup();
    return rc;
}
