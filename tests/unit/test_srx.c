/*
 * Project segmentation rules: the SRX 2.0 reader (formats/srx.c) and how
 * its rules correct yaku's sentence boundaries (segment/srx.c).  Each case
 * shows the segmentation without the rules too, so that it proves the rule
 * made the difference.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/formats.h"
#include "formats/srx.h"
#include "segment/segment.h"
#include "util/buf.h"

#define SRX_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define SRX_OPEN(cascade)                                                                     \
    SRX_HEAD "<srx xmlns=\"http://www.lisa.org/srx20\" version=\"2.0\">\n"                    \
             "<header segmentsubflows=\"yes\" cascade=\"" cascade "\"/>\n<body>\n"
#define SRX_CLOSE "</body>\n</srx>\n"
#define RULE(brk, before, after)                                                              \
    "<rule break=\"" brk "\"><beforebreak>" before "</beforebreak><afterbreak>" after         \
    "</afterbreak></rule>\n"
#define LANGRULE(name, rules) "<languagerule languagerulename=\"" name "\">\n" rules "</languagerule>\n"
#define MAP(pattern, name) "<languagemap languagepattern=\"" pattern "\" languagerulename=\"" name "\"/>\n"

/* Chinese: break after a full-width semicolon.  Japanese: break after the
 * ideographic comma.  Default: no break after "Mgr." before white space. */
#define THREE_LANGRULES                                                                       \
    "<languagerules>\n" LANGRULE("Chinese", RULE("yes", "；", ""))                             \
        LANGRULE("Japanese", RULE("yes", "、", ""))                                            \
            LANGRULE("Default", RULE("no", "\\bMgr\\.", "\\s")) "</languagerules>\n"
#define THREE_MAPS                                                                            \
    "<maprules>\n" MAP("zh.*", "Chinese") MAP("ja.*", "Japanese") MAP(".*", "Default")        \
        "</maprules>\n"

static yk_segment_srx *read_ok(const char *xml)
{
    yk_segment_srx *srx = NULL;
    int rc = yk_srx_read(&srx, xml, strlen(xml), "t.srx");
    if (rc != YK_OK)
        print_error("yk_srx_read: %d %s:%d: %s\n", rc, yk_error_last()->file,
                    yk_error_last()->line, yk_error_last()->message);
    assert_int_equal(rc, YK_OK);
    assert_non_null(srx);
    return srx;
}

/* The sentences of 'text', joined by " | ". */
static char *seg(const char *text, const char *lang, const yk_segment_srx *srx)
{
    yk_range *r = NULL;
    yk_buf out = YK_BUF_INIT;
    size_t n = 0, i;
    int rc = yk_segment_sentences_srx(&r, &n, text, strlen(text), lang, srx);
    if (rc != YK_OK)
        print_error("segment: %d %s\n", rc, yk_error_last()->message);
    assert_int_equal(rc, YK_OK);
    for (i = 0; i < n; i++) {
        if (i)
            yk_buf_puts(&out, " | ");
        yk_buf_put(&out, text + r[i].off, r[i].len);
    }
    free(r);
    return yk_buf_detach(&out, NULL);
}

static void expect(const char *text, const char *lang, const yk_segment_srx *srx,
                   const char *want)
{
    char *got = seg(text, lang, srx);
    if (strcmp(got, want) != 0)
        print_error("[%s] %s\n  got:  %s\n  want: %s\n", lang, text, got, want);
    assert_string_equal(got, want);
    free(got);
}

/* ---- rules applied ---- */

static void test_srx_no_break_rule_keeps_an_abbreviation_together(void **state)
{
    static const char xml[] = SRX_OPEN("no") "<languagerules>\n" LANGRULE(
        "English", RULE("no", "\\bFig\\.", "\\s") RULE("no", "\\bMgr\\.", "\\s")) "</languagerules>\n"
        "<maprules>\n" MAP("en.*", "English") "</maprules>\n" SRX_CLOSE;
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    /* The case of the brief; yaku's own list knows "Fig." already. */
    expect("See Fig. 3 for details.", "en", srx, "See Fig. 3 for details.");
    /* "Mgr." it does not know: only the rule keeps the sentence whole. */
    expect("Contact Mgr. Smith today. Then go.", "en", NULL,
           "Contact Mgr. | Smith today. | Then go.");
    expect("Contact Mgr. Smith today. Then go.", "en", srx, "Contact Mgr. Smith today. | Then go.");
    yk_segment_srx_free(srx);
}

static void test_srx_break_rule_splits_after_chinese_semicolon(void **state)
{
    static const char xml[] = SRX_OPEN("no") THREE_LANGRULES THREE_MAPS SRX_CLOSE;
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    expect("第一句；第二句。第三句。", "zh-Hans", NULL, "第一句；第二句。 | 第三句。");
    expect("第一句；第二句。第三句。", "zh-Hans", srx, "第一句； | 第二句。 | 第三句。");
    yk_segment_srx_free(srx);
}

static void test_srx_languagemap_selects_by_language_tag(void **state)
{
    static const char xml[] = SRX_OPEN("no") THREE_LANGRULES THREE_MAPS SRX_CLOSE;
    static const char text[] = "第一句；第二句、第三句。Ask Mgr. Kim now.";
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    assert_int_equal(yk_segment_srx_count(srx, "zh-Hans"), 1);
    assert_int_equal(yk_segment_srx_count(srx, "ZH-hant"), 1); /* patterns ignore case */
    assert_int_equal(yk_segment_srx_count(srx, "ja"), 1);
    assert_int_equal(yk_segment_srx_count(srx, "en"), 1);
    expect(text, "zh-Hans", NULL, "第一句；第二句、第三句。 | Ask Mgr. | Kim now.");
    /* zh: only the Chinese rule, not the first map's neighbours */
    expect(text, "zh-Hans", srx, "第一句； | 第二句、第三句。 | Ask Mgr. | Kim now.");
    expect(text, "ja", srx, "第一句；第二句、 | 第三句。 | Ask Mgr. | Kim now.");
    expect(text, "en", srx, "第一句；第二句、第三句。 | Ask Mgr. Kim now.");
    yk_segment_srx_free(srx);
}

static void test_srx_cascade_applies_every_matching_map_in_order(void **state)
{
    static const char xml[] = SRX_OPEN("yes") THREE_LANGRULES THREE_MAPS SRX_CLOSE;
    static const char text[] = "第一句；第二句、第三句。Ask Mgr. Kim now.";
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    assert_int_equal(yk_segment_srx_count(srx, "zh-Hans"), 2);
    assert_int_equal(yk_segment_srx_count(srx, "ja-JP"), 2);
    assert_int_equal(yk_segment_srx_count(srx, "ko"), 1);
    expect(text, "zh-Hans", srx, "第一句； | 第二句、第三句。 | Ask Mgr. Kim now.");
    expect(text, "ja", srx, "第一句；第二句、 | 第三句。 | Ask Mgr. Kim now.");
    yk_segment_srx_free(srx);
}

static void test_srx_first_matching_rule_wins(void **state)
{
    static const char no_first[] = SRX_OPEN("no") "<languagerules>\n" LANGRULE(
        "zh", RULE("no", "；", "第二") RULE("yes", "；", "")) "</languagerules>\n"
        "<maprules>\n" MAP(".*", "zh") "</maprules>\n" SRX_CLOSE;
    static const char yes_first[] = SRX_OPEN("no") "<languagerules>\n" LANGRULE(
        "zh", RULE("yes", "；", "") RULE("no", "；", "第二")) "</languagerules>\n"
        "<maprules>\n" MAP(".*", "zh") "</maprules>\n" SRX_CLOSE;
    static const char text[] = "第一句；第二句；第三句。";
    yk_segment_srx *a = read_ok(no_first), *b = read_ok(yes_first);
    (void)state;
    expect(text, "zh-Hans", a, "第一句；第二句； | 第三句。");
    expect(text, "zh-Hans", b, "第一句； | 第二句； | 第三句。");
    yk_segment_srx_free(a);
    yk_segment_srx_free(b);
}

/* "\." + "\s" and "\.\s" + "[A-Z]" name the same place: the space between. */
static void test_srx_positions_across_white_space_are_one(void **state)
{
    static const char xml[] = SRX_OPEN("no") "<languagerules>\n" LANGRULE(
        "en", RULE("no", "\\bMgr\\.\\s+", "[A-Z]")) "</languagerules>\n"
        "<maprules>\n" MAP(".*", "en") "</maprules>\n" SRX_CLOSE;
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    expect("Ask Mgr.  Kim now. Then go.", "en", srx, "Ask Mgr.  Kim now. | Then go.");
    yk_segment_srx_free(srx);
}

static void test_srx_never_breaks_protected_spans_or_joins_blank_lines(void **state)
{
    /* break after every ". " and nowhere else may it not */
    static const char xml[] = SRX_OPEN("no") "<languagerules>\n" LANGRULE(
        "all", RULE("yes", "\\.", "\\s") RULE("no", "\\.", "\\n")) "</languagerules>\n"
        "<maprules>\n" MAP(".*", "all") "</maprules>\n" SRX_CLOSE;
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    expect("Run `make a. b` now.", "en", srx, "Run `make a. b` now.");
    expect("See [a. b](x.md) now.", "en", srx, "See [a. b](x.md) now.");
    expect("See <a title=\"a. b\">x</a> now.", "en", srx, "See <a title=\"a. b\">x</a> now.");
    expect("See {{< ref \"a. b\" >}} now.", "en", srx, "See {{< ref \"a. b\" >}} now.");
    expect("Mail a.b@example.org. Go to https://x.org/a. b now.", "en", srx,
           "Mail a.b@example.org. | Go to https://x.org/a. | b now.");
    /* outside the spans the rule does break: "e. g" is not yaku's boundary */
    expect("Say e. g now.", "en", NULL, "Say e. g now.");
    expect("Say e. g now.", "en", srx, "Say e. | g now.");
    /* a blank line separates even where a no-break rule matches */
    expect("One.\n\nTwo.", "en", srx, "One. | Two.");
    yk_segment_srx_free(srx);
}

static void test_srx_break_rule_without_before_pattern(void **state)
{
    static const char xml[] = SRX_OPEN("no") "<languagerules>\n" LANGRULE(
        "zh", RULE("yes", "", "但是")) "</languagerules>\n"
        "<maprules>\n" MAP(".*", "zh") "</maprules>\n" SRX_CLOSE;
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    expect("我想去，但是下雨了。", "zh-Hans", srx, "我想去， | 但是下雨了。");
    yk_segment_srx_free(srx);
}

static void test_srx_unmatched_language_changes_nothing(void **state)
{
    static const char xml[] = SRX_OPEN("no") THREE_LANGRULES
        "<maprules>\n" MAP("zh.*", "Chinese") "</maprules>\n" SRX_CLOSE;
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    char *plain = seg("A；B. Ask Mgr. Kim. 第一句；第二句。", "en", NULL);
    assert_int_equal(yk_segment_srx_count(srx, "en"), 0);
    expect("A；B. Ask Mgr. Kim. 第一句；第二句。", "en", srx, plain);
    free(plain);
    yk_segment_srx_free(srx);
}

/* A pattern that backtracks without end fails the text, quickly. */
static void test_srx_runaway_pattern_is_etoobig(void **state)
{
    static const char xml[] = SRX_OPEN("no") "<languagerules>\n" LANGRULE(
        "bad", RULE("no", "(a+)+b", "")) "</languagerules>\n"
        "<maprules>\n" MAP(".*", "bad") "</maprules>\n" SRX_CLOSE;
    yk_segment_srx *srx = read_ok(xml);
    char text[200];
    yk_range *r = NULL;
    size_t n = 0;
    (void)state;
    memset(text, 'a', 60);
    snprintf(text + 60, sizeof(text) - 60, "。再见。");
    assert_int_equal(yk_segment_sentences_srx(&r, &n, text, strlen(text), "zh-Hans", srx),
                     YK_ETOOBIG);
    assert_null(r);
    /* the rule is line 7: declaration, srx, header, body, languagerules, languagerule */
    assert_non_null(strstr(yk_error_last()->message, "line 7 of t.srx"));
    /* and the thread's clones are still fine for the next text */
    expect("不慢。", "zh-Hans", srx, "不慢。");
    yk_segment_srx_free(srx);
}

/* The rules travel in the parse options to every reader. */
static void test_srx_reaches_the_markdown_reader(void **state)
{
    static const char xml[] = SRX_OPEN("no") THREE_LANGRULES THREE_MAPS SRX_CLOSE;
    static const char md[] = "# 标题；副标题\n\n第一句；第二句。\n";
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_segment_srx *srx = read_ok(xml);
    yk_doc *doc = NULL;
    (void)state;
    o.lang = "zh-Hans";
    o.path = "t.md";
    o.srx = srx;
    assert_int_equal(yk_format_parse_markdown(&doc, md, strlen(md), &o), YK_OK);
    assert_int_equal(doc->nsegs, 4);
    yk_doc_free(doc);
    o.srx = NULL;
    assert_int_equal(yk_format_parse_markdown(&doc, md, strlen(md), &o), YK_OK);
    assert_int_equal(doc->nsegs, 2);
    yk_doc_free(doc);
    yk_segment_srx_free(srx);
}

/* One compiled rule set, two threads segmenting at once (each with its own
 * clones of the patterns): the same answers as one thread. */
typedef struct thread_job {
    const yk_segment_srx *srx;
    int ok;
} thread_job;

static void *segment_many(void *arg)
{
    thread_job *job = arg;
    int i;
    job->ok = 1;
    for (i = 0; i < 300 && job->ok; i++) {
        yk_range *r = NULL;
        size_t n = 0;
        static const char text[] = "第一句；第二句、第三句。Ask Mgr. Kim now.";
        if (yk_segment_sentences_srx(&r, &n, text, strlen(text), i % 2 ? "ja" : "zh-Hans",
                                     job->srx) != YK_OK ||
            n != 3)
            job->ok = 0;
        free(r);
    }
    yk_segment_cleanup();
    return NULL;
}

static void test_srx_rules_are_shared_between_threads(void **state)
{
    static const char xml[] = SRX_OPEN("yes") THREE_LANGRULES THREE_MAPS SRX_CLOSE;
    yk_segment_srx *srx = read_ok(xml);
    thread_job jobs[3];
    pthread_t t[3];
    int i;
    (void)state;
    for (i = 0; i < 3; i++) {
        jobs[i].srx = srx;
        assert_int_equal(pthread_create(&t[i], NULL, segment_many, &jobs[i]), 0);
    }
    for (i = 0; i < 3; i++) {
        pthread_join(t[i], NULL);
        assert_true(jobs[i].ok);
    }
    yk_segment_srx_free(srx);
}

/* ---- the reader refuses bad files with file:line ---- */

typedef struct bad_case {
    const char *name, *xml;
    int code, line;
    const char *needle;
} bad_case;

static const bad_case bad[] = {
    {"malformed_xml", SRX_OPEN("no") "<languagerules>\n" SRX_CLOSE, YK_EINVAL, 8, ""},
    {"missing_languagerulename",
     SRX_OPEN("no") "<languagerules>\n<languagerule>\n" RULE("no", "a", "b")
         "</languagerule></languagerules>\n" SRX_CLOSE,
     YK_EINVAL, 6, "languagerulename"},
    {"invalid_regex_before",
     SRX_OPEN("no") "<languagerules>\n" LANGRULE("x", RULE("no", "(ab", ""))
         "</languagerules>\n" SRX_CLOSE,
     YK_EINVAL, 7, "invalid regular expression in <beforebreak> '(ab'"},
    {"invalid_regex_after",
     SRX_OPEN("no") "<languagerules>\n" LANGRULE("x", "\n" RULE("no", "a", "[b"))
         "</languagerules>\n" SRX_CLOSE,
     YK_EINVAL, 8, "invalid regular expression in <afterbreak>"},
    {"invalid_languagepattern",
     SRX_OPEN("no") "<languagerules>\n" LANGRULE("x", "") "</languagerules>\n"
     "<maprules>\n" MAP("zh(", "x") "</maprules>\n" SRX_CLOSE,
     YK_EINVAL, 10, "languagepattern"},
    {"unclosed_quote_swallows_afterbreak",
     SRX_OPEN("no") "<languagerules>\n" LANGRULE("x", RULE("no", "\\Qab", "c"))
         "</languagerules>\n" SRX_CLOSE,
     YK_EINVAL, 7, "do not combine"},
    {"map_to_unknown_languagerule",
     SRX_OPEN("no") "<languagerules>\n" LANGRULE("x", "") "</languagerules>\n"
     "<maprules>\n" MAP("zh.*", "y") "</maprules>\n" SRX_CLOSE,
     YK_EINVAL, 10, "'y'"},
    {"map_without_pattern",
     SRX_OPEN("no") "<maprules>\n<languagemap languagerulename=\"x\"/>\n</maprules>\n" SRX_CLOSE,
     YK_EINVAL, 6, "languagepattern"},
    {"duplicate_languagerule",
     SRX_OPEN("no") "<languagerules>\n" LANGRULE("x", "") LANGRULE("x", "") "</languagerules>\n" SRX_CLOSE,
     YK_EINVAL, 8, "second languagerule"},
    {"break_maybe",
     SRX_OPEN("no") "<languagerules>\n" LANGRULE("x", RULE("maybe", "a", "")) "</languagerules>\n" SRX_CLOSE,
     YK_EINVAL, 7, "break=\"maybe\""},
    {"cascade_maybe", SRX_OPEN("maybe") SRX_CLOSE, YK_EINVAL, 3, "cascade"},
    {"version_1", "<srx version=\"1.0\"><body/></srx>", YK_EINVAL, 1, "SRX 2.0"},
    {"not_srx", "<tmx version=\"1.4\"/>", YK_EINVAL, 1, "not an SRX file"},
    {"no_body", "<srx version=\"2.0\"><header/></srx>", YK_EINVAL, 1, "<body>"},
    {"invalid_utf8",
     SRX_OPEN("no") "<languagerules>\n" LANGRULE("x", RULE("no", "\xff", "")) "</languagerules>\n" SRX_CLOSE,
     YK_EINVAL, 7, "invalid UTF-8"},
    {"external_entity",
     SRX_HEAD "<!DOCTYPE srx [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
              "<srx version=\"2.0\"><body>&xxe;</body></srx>\n",
     YK_EINVAL, 2, "entity declarations are not allowed"},
    {"entity_bomb",
     SRX_HEAD "<!DOCTYPE srx [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>\n"
              "<srx version=\"2.0\"><body>&b;</body></srx>\n",
     YK_EINVAL, 2, "entity declarations are not allowed"},
};

static void test_srx_bad_files_are_refused_with_line(void **state)
{
    size_t k;
    (void)state;
    for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        yk_segment_srx *srx = (yk_segment_srx *)&k;
        int rc = yk_srx_read(&srx, bad[k].xml, strlen(bad[k].xml), "t.srx");
        const yk_error *e = yk_error_last();
        int ok = rc == bad[k].code && srx == NULL && strcmp(e->file, "t.srx") == 0 &&
                 e->line == bad[k].line && strstr(e->message, bad[k].needle) != NULL;
        if (!ok)
            print_error("case %s: rc=%d %s:%d: %s (want %d line %d '%s')\n", bad[k].name, rc,
                        e->file, e->line, e->message, bad[k].code, bad[k].line, bad[k].needle);
        assert_true(ok);
    }
}

static void test_srx_oversized_file_is_etoobig(void **state)
{
    size_t len = YK_SRX_MAX_BYTES + 1;
    char *big = malloc(len);
    yk_segment_srx *srx = NULL;
    (void)state;
    memset(big, ' ', len);
    assert_int_equal(yk_srx_read(&srx, big, len, "big.srx"), YK_ETOOBIG);
    assert_null(srx);
    free(big);
}

static void test_srx_empty_patterns_and_defaults(void **state)
{
    /* no header (cascade no), break defaults to yes, comments and unknown
     * elements ignored */
    static const char xml[] = "<srx version=\"2.0\"><body><!-- c --><x/><languagerules>"
                              "<languagerule languagerulename=\"d\"><rule><beforebreak>；"
                              "</beforebreak></rule></languagerule></languagerules>"
                              "<maprules><languagemap languagepattern=\".*\" "
                              "languagerulename=\"d\"/></maprules></body></srx>";
    yk_segment_srx *srx = read_ok(xml);
    (void)state;
    expect("甲；乙。", "zh-Hans", srx, "甲； | 乙。");
    yk_segment_srx_free(srx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_srx_no_break_rule_keeps_an_abbreviation_together),
        cmocka_unit_test(test_srx_break_rule_splits_after_chinese_semicolon),
        cmocka_unit_test(test_srx_languagemap_selects_by_language_tag),
        cmocka_unit_test(test_srx_cascade_applies_every_matching_map_in_order),
        cmocka_unit_test(test_srx_first_matching_rule_wins),
        cmocka_unit_test(test_srx_positions_across_white_space_are_one),
        cmocka_unit_test(test_srx_never_breaks_protected_spans_or_joins_blank_lines),
        cmocka_unit_test(test_srx_break_rule_without_before_pattern),
        cmocka_unit_test(test_srx_unmatched_language_changes_nothing),
        cmocka_unit_test(test_srx_runaway_pattern_is_etoobig),
        cmocka_unit_test(test_srx_reaches_the_markdown_reader),
        cmocka_unit_test(test_srx_rules_are_shared_between_threads),
        cmocka_unit_test(test_srx_bad_files_are_refused_with_line),
        cmocka_unit_test(test_srx_oversized_file_is_etoobig),
        cmocka_unit_test(test_srx_empty_patterns_and_defaults),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    yk_segment_cleanup();
    return rc;
}
