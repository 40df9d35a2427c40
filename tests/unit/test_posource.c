/*
 * A PO/POT file as a source document: one block per msgid with words, the
 * header as metadata, identity rebuild, translations written into the
 * msgstrs (gettext layout, newlines as in the msgid), the header's
 * Language and charset set for the target, plural entries refused.
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
#include "formats/po.h"
#include "segment/segment.h"

static const char pot[] =
    "# SOME DESCRIPTIVE TITLE.\n"
    "#, fuzzy\n"
    "msgid \"\"\n"
    "msgstr \"\"\n"
    "\"Project-Id-Version: report 2024\\n\"\n"
    "\"Language: \\n\"\n"
    "\"MIME-Version: 1.0\\n\"\n"
    "\"Content-Type: text/plain; charset=CHARSET\\n\"\n"
    "\"Content-Transfer-Encoding: 8bit\\n\"\n"
    "\n"
    "#: src/main.c:12\n"
    "msgid \"Welcome to the community! Read the guide.\\n\"\n"
    "msgstr \"\"\n"
    "\n"
    "#: src/menu.c:3\n"
    "msgctxt \"menu\"\n"
    "msgid \"Open\"\n"
    "msgstr \"\"\n"
    "\n"
    "msgid \"%d%%\"\n"
    "msgstr \"\"\n"
    "\n"
    "#, c-format\n"
    "msgid \"\"\n"
    "\"%d contributors\\n\"\n"
    "\"from %s\"\n"
    "msgstr \"\"\n"
    "\n"
    "#~ msgid \"Obsolete\"\n"
    "#~ msgstr \"Vieux\"\n";

static yk_doc *parse(const char *s, size_t len)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_buf out = YK_BUF_INIT;
    yk_doc *doc = NULL;
    o.path = "messages.pot";
    if (yk_format_parse_po_source(&doc, s, len, &o) != YK_OK)
        fail_msg("parse failed: %s", yk_error_last()->message);
    assert_int_equal(yk_doc_verify(doc), YK_OK);
    assert_int_equal(yk_format_render(&out, doc, NULL, NULL, "ja", YK_FALLBACK_SOURCE), YK_OK);
    assert_int_equal(out.len, len);
    assert_memory_equal(out.buf, s, len);
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

static char *render(const yk_doc *doc, const char *const *t, yk_fallback fb)
{
    yk_buf out = YK_BUF_INIT;
    assert_int_equal(yk_format_render(&out, doc, t, NULL, "ja", fb), YK_OK);
    return yk_buf_detach(&out, NULL);
}

static void test_messages_are_segments(void **state)
{
    yk_doc *doc = parse(pot, strlen(pot));
    size_t i, meta = 0;
    (void)state;
    /* one segment per message with words (outside its %-directives), even
     * in sentence mode */
    assert_int_equal(doc->nsegs, 3);
    assert_string_equal(seg(doc, 0), "Welcome to the community! Read the guide.");
    assert_string_equal(seg(doc, 1), "Open");
    assert_string_equal(doc->blocks[doc->segs[1].block].key, "menu");
    assert_int_equal(doc->blocks[doc->segs[1].block].kind, YK_BLOCK_MESSAGE);
    assert_string_equal(seg(doc, 2), "%d contributors\nfrom %s");
    assert_int_equal(doc->blocks[doc->segs[2].block].line, 24);
    for (i = 0; i < doc->nblocks; i++)
        if (doc->blocks[i].encoding == YK_ENC_PO_HEADER)
            meta++;
    assert_int_equal(meta, 1);
    yk_doc_free(doc);
}

static void test_translations_fill_msgstr(void **state)
{
    yk_doc *doc = parse(pot, strlen(pot));
    const char *t[] = {"コミュニティへようこそ！ガイドを読んでください。\n", "開く",
                       "%2$s から\n%1$d 人の \"貢献者\""};
    char *out = render(doc, t, YK_FALLBACK_SOURCE);
    yk_po_file *po = NULL;
    (void)state;
    assert_non_null(strstr(out, "msgid \"Welcome to the community! Read the guide.\\n\"\n"
                                "msgstr \"コミュニティへようこそ！ガイドを読んでください。\\n\"\n"));
    assert_non_null(strstr(out, "msgctxt \"menu\"\nmsgid \"Open\"\nmsgstr \"開く\"\n"));
    assert_non_null(strstr(out, "msgid \"%d%%\"\nmsgstr \"\"\n"));
    assert_non_null(strstr(out, "msgstr \"\"\n\"%2$s から\\n\"\n\"%1$d 人の \\\"貢献者\\\"\"\n"));
    assert_non_null(strstr(out, "\"Language: ja\\n\"\n"));
    assert_non_null(strstr(out, "charset=UTF-8\\n\"\n"));
    assert_non_null(strstr(out, "#~ msgid \"Obsolete\"\n"));
    assert_int_equal(yk_po_parse(&po, out, strlen(out), "out.po", NULL), YK_OK);
    assert_int_equal(po->n, 4);
    assert_string_equal(po->entries[1].str, "開く");
    assert_string_equal(yk_po_file_header_field(po, "Language"), "ja");
    yk_po_file_free(po);
    free(out);
    yk_doc_free(doc);
}

static void test_omit_and_crlf(void **state)
{
    const char *src = "msgid \"\"\r\nmsgstr \"Language: zh_CN\\n\"\r\n\r\n"
                      "msgid \"One\"\r\nmsgstr \"一\"\r\n\r\nmsgid \"Two\"\r\nmsgstr \"二\"\r\n";
    const char *t[] = {"いち\nに", NULL};
    yk_doc *doc = parse(src, strlen(src));
    char *out;
    (void)state;
    assert_int_equal(doc->nsegs, 2);
    /* without a translation the existing msgstr is kept, or emptied */
    out = render(doc, t, YK_FALLBACK_SOURCE);
    assert_string_equal(out, "msgid \"\"\r\nmsgstr \"\"\r\n\"Language: ja\\n\"\r\n"
                             "\"Content-Type: text/plain; charset=UTF-8\\n\"\r\n\r\n"
                             "msgid \"One\"\r\nmsgstr \"\"\r\n\"いち\\n\"\r\n\"に\"\r\n\r\n"
                             "msgid \"Two\"\r\nmsgstr \"二\"\r\n");
    free(out);
    out = render(doc, t, YK_FALLBACK_OMIT);
    assert_non_null(strstr(out, "msgid \"Two\"\r\nmsgstr \"\"\r\n"));
    free(out);
    yk_doc_free(doc);
}

static void test_header_added_when_missing(void **state)
{
    const char *src = "#: a.c:1\nmsgid \"Hello\"\nmsgstr \"\"\n";
    const char *t[] = {"こんにちは"};
    yk_doc *doc = parse(src, strlen(src));
    yk_po_file *po = NULL;
    char *out;
    (void)state;
    out = render(doc, t, YK_FALLBACK_SOURCE);
    assert_string_equal(out, "msgid \"\"\nmsgstr \"\"\n\"MIME-Version: 1.0\\n\"\n"
                             "\"Content-Transfer-Encoding: 8bit\\n\"\n\"Language: ja\\n\"\n"
                             "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                             "#: a.c:1\nmsgid \"Hello\"\nmsgstr \"こんにちは\"\n");
    assert_int_equal(yk_po_parse(&po, out, strlen(out), "out.po", NULL), YK_OK);
    assert_string_equal(po->charset, "UTF-8");
    yk_po_file_free(po);
    free(out);
    yk_doc_free(doc);
}

static void test_refused(void **state)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    const char *plural = "msgid \"file\"\nmsgid_plural \"files\"\nmsgstr[0] \"\"\n";
    const char *cut = "msgid \"a\"\nmsgstr \"unterminated\n";
    (void)state;
    o.path = "ui.po";
    assert_int_equal(yk_format_parse_po_source(&doc, plural, strlen(plural), &o), YK_EINVAL);
    assert_non_null(strstr(yk_error_last()->message, "msgid_plural"));
    assert_int_equal(yk_error_last()->line, 2);
    assert_string_equal(yk_error_last()->file, "ui.po");
    assert_int_equal(yk_format_parse_po_source(&doc, cut, strlen(cut), &o), YK_EINVAL);
    assert_int_equal(yk_error_last()->line, 2);
    assert_null(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_messages_are_segments),
        cmocka_unit_test(test_translations_fill_msgstr),
        cmocka_unit_test(test_omit_and_crlf),
        cmocka_unit_test(test_header_added_when_missing),
        cmocka_unit_test(test_refused),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    yk_segment_cleanup();
    return rc;
}
