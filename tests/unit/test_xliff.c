/*
 * XLIFF 1.2 and 2.0: which inline markup becomes a placeholder, write →
 * parse round trips of both versions (markup, every state, fuzzy units
 * with their previous source, revisions, characters XML cannot hold),
 * files as CAT tools write them back (placeholders without bytes, <mrk>,
 * several segments), and the inputs the reader must refuse with their
 * line.  With YK_XLIFF_SAMPLE_DIR set, the round-trip samples are written
 * there for tests/interop/xliff.sh (Translate Toolkit, xmllint).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/inline.h"
#include "formats/xliff.h"
#include "util/buf.h"

/* ---- inline markup ---- */

/* The codes of 'text' as "role:bytes" joined by " | " (o = open, c =
 * close, i = isolated). */
static char *codes_of(const char *text)
{
    yk_inline x = YK_INLINE_INIT;
    yk_buf b = YK_BUF_INIT;
    size_t i;
    yk_inline_scan(&x, text, strlen(text));
    for (i = 0; i < x.n; i++) {
        const yk_inline_code *c = &x.v[i];
        yk_buf_printf(&b, "%s%c:%.*s", i ? " | " : "",
                      c->role == YK_INLINE_OPEN    ? 'o'
                      : c->role == YK_INLINE_CLOSE ? 'c'
                                                   : 'i',
                      (int)c->len, text + c->off);
        /* pairs point at each other, isolated codes at themselves */
        if (c->role == YK_INLINE_ISOLATED)
            assert_int_equal(c->partner, i);
        else
            assert_int_equal(x.v[c->partner].partner, i);
    }
    yk_inline_release(&x);
    return yk_buf_detach(&b, NULL);
}

static void expect_codes(const char *text, const char *want)
{
    char *got = codes_of(text);
    if (strcmp(got, want) != 0)
        print_error("text: %s\nwant: %s\ngot:  %s\n", text, want, got);
    assert_string_equal(got, want);
    free(got);
}

static void test_inline_emphasis_pairs(void **state)
{
    (void)state;
    expect_codes("今年共有 **1,284** 位贡献者。", "o:** | c:**");
    expect_codes("其中 *第一次* 贡献的新人。", "o:* | c:*");
    expect_codes("a _b_ and ~~c~~.", "o:_ | c:_ | o:~~ | c:~~");
    expect_codes("***x*** *a **b** c*", "o:*** | c:*** | o:* | o:** | c:** | c:*");
}

static void test_inline_literal_stars_stay_text(void **state)
{
    (void)state;
    /* intraword and lone characters are not markup */
    expect_codes("snake_case_name, 2*3=6, 1~3, a * b, \\*not\\*.", "");
}

static void test_inline_run_continued_in_next_segment(void **state)
{
    (void)state;
    /* bold split by the sentence splitter: each half keeps its run */
    expect_codes("第二句**跨句\n粗体。", "i:**");
    expect_codes("**第三句~~删除~~。", "i:** | o:~~ | c:~~");
}

static void test_inline_code_links_footnotes(void **state)
{
    (void)state;
    expect_codes("运行 `pipeline migrate --dry-run` 确认。", "i:`pipeline migrate --dry-run`");
    expect_codes("先查阅[贡献指南](https://example.org/contributing)。",
                 "o:[ | c:](https://example.org/contributing)");
    expect_codes("看[文档](https://e.org/d \"文档标题\")。", "o:[ | c:](https://e.org/d \" | i:\")");
    expect_codes("图 ![alt 文本](a.png) 和 [ref][label]", "o:![ | c:](a.png) | o:[ | c:][label]");
    expect_codes("问卷[^survey]。[普通方括号]", "i:[^survey]");
    expect_codes("`a ]` in [x `]` y](u)", "i:`a ]` | o:[ | i:`]` | c:](u)");
}

static void test_inline_html_shortcodes_autolinks(void **state)
{
    (void)state;
    expect_codes("<b>粗体</b> <br/> <img src=\"a.png\"> <!-- c -->",
                 "o:<b> | c:</b> | i:<br/> | i:<img src=\"a.png\"> | i:<!-- c -->");
    expect_codes("放在 <https://example.org/docs> 上，或 <board@example.org>。",
                 "i:<https://example.org/docs> | i:<board@example.org>");
    expect_codes("{{< note >}}内容{{< /note >}} {{< ref \"x\" >}} {{% a %}}",
                 "o:{{< note >}} | c:{{< /note >}} | i:{{< ref \"x\" >}} | i:{{% a %}}");
    expect_codes("# 标题 {#intro}", "i:{#intro}");
    expect_codes("a < b > c, <not a tag", "");
}

static void test_inline_crossing_pairs_become_isolated(void **state)
{
    (void)state;
    expect_codes("**a [b** c](u)", "o:** | i:[ | c:** | i:](u)");
    expect_codes("<i>a <b>b</i> c</b>", "o:<i> | i:<b> | c:</i> | i:</b>");
}

static void test_inline_hostile_input_is_bounded(void **state)
{
    yk_inline x = YK_INLINE_INIT;
    size_t n = 200000, i;
    char *s = malloc(n);
    (void)state;
    assert_non_null(s);
    /* unclosed brackets, backticks and tags everywhere: must stay linear */
    for (i = 0; i < n; i++)
        s[i] = "[`<*{_"[i % 6];
    yk_inline_scan(&x, s, n);
    for (i = 0; i + 1 < x.n; i++)
        assert_true(x.v[i].off + x.v[i].len <= x.v[i + 1].off);
    yk_inline_release(&x);
    free(s);
}

/* ---- round trips ---- */

static const char *sample_dir(void)
{
    const char *d = getenv("YK_XLIFF_SAMPLE_DIR");
    return d && *d ? d : NULL;
}

static void save_sample(const char *name, const yk_buf *b)
{
    char path[512];
    FILE *f;
    if (!sample_dir())
        return;
    snprintf(path, sizeof(path), "%s/%s", sample_dir(), name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b->buf, 1, b->len, f), b->len);
    assert_int_equal(fclose(f), 0);
}

static int parse_text(yk_xliff_file **out, const char *text, size_t len)
{
    char *copy = malloc(len ? len : 1);
    int rc;
    assert_non_null(copy);
    memcpy(copy, text, len);
    rc = yk_xliff_parse(out, copy, len, "t.xlf");
    free(copy);
    return rc;
}

/* Units covering every state and the markup the CLI scenario uses. */
static const yk_xliff_unit sample_units[] = {
    {"ch01:1", "标题", "", "new", NULL, 0, "report/ch01.md", 1, "ch01, heading", NULL, 0},
    {"ch01:2", "今年共有 **1,284** 位贡献者向 `git` 提交了代码。",
     "今年は **1,284** 人が `git` にコードを提出しました。", "translated", NULL, 3,
     "report/ch01.md", 3, "ch01, paragraph", "glossary: 贡献者 → コントリビューター", 0},
    {"ch01:3", "先查阅[贡献指南](https://example.org/c \"指南\")。{{< note >}}注{{< /note >}}",
     "まず[貢献ガイド](https://example.org/c \"ガイド\")を読む。{{< note >}}注{{< /note >}}",
     "fuzzy", "先查阅[指南](https://example.org/c)。", 1, "report/ch01.md", 5, NULL,
     "review: 用语统一", 0},
    {"ch01:4", "<b>粗体</b>和<br/>以及 *强调* 与脚注[^1]。",
     "<b>太字</b>と<br/>、*強調*と脚注[^1]。<i>新しい</i>", "reviewed", NULL, 7,
     "report/ch01.md", 9, NULL, NULL, 0},
    {"ch02 with spaces:1", "tab\there, CR\rhere, form feed \f and ~~删除~~ & <x> \"q\"",
     "タブ\tと CR\r と改ページ \f と ~~削除~~ & <x> \"q\"", "translated", NULL, 0,
     "notes/a b.txt", 1, NULL, NULL, 0},
    {"ch02 with spaces:2", "第二句**跨句\n粗体。", "第二文**文をまたぐ\n太字。", "fuzzy", NULL,
     -1, "notes/a b.txt", 2, NULL, NULL, 0},
};
#define NSAMPLE (sizeof(sample_units) / sizeof(sample_units[0]))

static void expect_round_trip(int version, const char *sample_name)
{
    yk_buf b = YK_BUF_INIT;
    yk_xliff_file *f = NULL;
    size_t i;

    assert_int_equal(yk_xliff_write(&b, version, "zh-Hans", "ja", sample_units, NSAMPLE), YK_OK);
    save_sample(sample_name, &b);
    assert_true(yk_xliff_sniff(b.buf, b.len));
    if (parse_text(&f, b.buf, b.len) != YK_OK)
        print_error("%s\n%s\n", yk_error_last()->message, b.buf);
    assert_non_null(f);
    assert_int_equal(f->version, version);
    assert_string_equal(f->src_lang, "zh-Hans");
    assert_string_equal(f->tgt_lang, "ja");
    assert_int_equal(f->n, NSAMPLE);
    for (i = 0; i < NSAMPLE; i++) {
        const yk_xliff_unit *w = &sample_units[i], *r = &f->units[i];
        assert_string_equal(r->id, w->id);
        assert_string_equal(r->source, w->source);
        assert_string_equal(r->state, w->state);
        if (strcmp(w->state, "new") == 0)
            assert_true(!r->target || !*r->target);
        else
            assert_string_equal(r->target, w->target);
        assert_int_equal(r->revision, w->revision);
        if (strcmp(w->state, "fuzzy") == 0 && w->prev_source)
            assert_string_equal(r->prev_source, w->prev_source);
        else
            assert_null(r->prev_source);
        assert_true(r->line > 0);
    }
    yk_xliff_file_free(f);
    yk_buf_release(&b);
}

static void test_round_trip_12(void **state)
{
    (void)state;
    expect_round_trip(YK_XLIFF_1_2, "sample.xlf");
}

static void test_round_trip_20(void **state)
{
    (void)state;
    expect_round_trip(YK_XLIFF_2_0, "sample.xlf2");
}

static char *write_one(int version, const yk_xliff_unit *u)
{
    yk_buf b = YK_BUF_INIT;
    assert_int_equal(yk_xliff_write(&b, version, "zh-Hans", "ja", u, 1), YK_OK);
    return yk_buf_detach(&b, NULL);
}

static void expect_in(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        print_error("'%s' not in:\n%s\n", needle, hay);
    assert_non_null(strstr(hay, needle));
}

static void test_write_12_placeholders_carry_bytes(void **state)
{
    char *x = write_one(YK_XLIFF_1_2, &sample_units[1]);
    (void)state;
    expect_in(x, "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"");
    expect_in(x, "<trans-unit id=\"ch01:2\" resname=\"ch01:2\" xml:space=\"preserve\" "
                 "approved=\"yes\">");
    expect_in(x, "<source>今年共有 <g id=\"1\" ctype=\"bold\" yaku:start=\"**\" "
                 "yaku:end=\"**\">1,284</g> 位贡献者向 <ph id=\"2\" ctype=\"x-code\">`git`</ph> "
                 "提交了代码。</source>");
    /* the target's markup has the source's ids */
    expect_in(x, "<target state=\"translated\">今年は <g id=\"1\" ctype=\"bold\" "
                 "yaku:start=\"**\" yaku:end=\"**\">1,284</g> 人が <ph id=\"2\" "
                 "ctype=\"x-code\">`git`</ph> にコードを提出しました。</target>");
    expect_in(x, "<note from=\"yaku\">yaku-rev: 3</note>");
    expect_in(x, "<context context-type=\"sourcefile\">report/ch01.md</context>");
    free(x);
}

static void test_write_12_fuzzy_has_previous_version(void **state)
{
    char *x = write_one(YK_XLIFF_1_2, &sample_units[2]);
    (void)state;
    expect_in(x, "approved=\"no\"");
    expect_in(x, "<target state=\"needs-review-translation\">");
    expect_in(x, "<alt-trans alttranstype=\"previous-version\" origin=\"yaku\"><source>先查阅<g "
                 "id=\"1\" ctype=\"link\" yaku:start=\"[\" "
                 "yaku:end=\"](https://example.org/c)\">指南</g>。</source>");
    /* the title of a link is text: only its delimiters are placeholders */
    expect_in(x, "yaku:end=\"](https://example.org/c &quot;\">贡献指南</g>指南<ph id=\"2\" "
                 "ctype=\"x-title-end\">&quot;)</ph>");
    free(x);
}

static void test_write_20_original_data(void **state)
{
    char *x = write_one(YK_XLIFF_2_0, &sample_units[1]);
    (void)state;
    expect_in(x, "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" "
                 "srcLang=\"zh-Hans\" trgLang=\"ja\">");
    expect_in(x, "<file id=\"f1\" original=\"report/ch01.md\">");
    expect_in(x, "<unit id=\"ch01:2\" name=\"ch01:2\" canResegment=\"no\">");
    expect_in(x, "<note category=\"yaku:revision\">yaku-rev: 3</note>");
    expect_in(x, "<data id=\"d1\">**</data>");
    expect_in(x, "<data id=\"d2\">`git`</data>");
    expect_in(x, "<segment id=\"s1\" state=\"translated\">");
    expect_in(x, "<source xml:space=\"preserve\">今年共有 <pc id=\"1\" dataRefStart=\"d1\" "
                 "dataRefEnd=\"d1\" type=\"fmt\" subType=\"xlf:b\">1,284</pc> 位贡献者向 <ph "
                 "id=\"2\" dataRef=\"d2\"/> 提交了代码。</source>");
    expect_in(x, "<target xml:space=\"preserve\">今年は <pc id=\"1\" dataRefStart=\"d1\" "
                 "dataRefEnd=\"d1\" type=\"fmt\" subType=\"xlf:b\">1,284</pc> 人が <ph id=\"2\" "
                 "dataRef=\"d2\"/> にコードを提出しました。</target>");
    free(x);
}

static void test_write_20_ids_and_control_characters(void **state)
{
    char *x = write_one(YK_XLIFF_2_0, &sample_units[4]);
    (void)state;
    /* a segment id with spaces is no NMTOKEN: the name keeps it */
    expect_in(x, "<unit id=\"u1\" name=\"ch02 with spaces:1\"");
    expect_in(x, "CR&#13;here, form feed <cp hex=\"000C\"/> and ");
    expect_in(x, "&amp; <ph id=\"2\" dataRef=\"d2\"/> &quot;q&quot;");
    expect_in(x, "<data id=\"d2\">&lt;x&gt;</data>");
    free(x);
    x = write_one(YK_XLIFF_1_2, &sample_units[4]);
    expect_in(x, "form feed <x id=\"3\" ctype=\"x-yaku-char\" yaku:cp=\"000C\"/> and");
    expect_in(x, "改ページ <x id=\"3\" ctype=\"x-yaku-char\" yaku:cp=\"000C\"/> と");
    free(x);
}

static void test_write_target_only_markup_gets_new_id(void **state)
{
    char *x = write_one(YK_XLIFF_2_0, &sample_units[3]);
    (void)state;
    /* source codes 1-5 (<b>, <br/>, *, [^1]); the target's <i> is new */
    expect_in(x, "<pc id=\"5\" dataRefStart=\"d6\" dataRefEnd=\"d7\">新しい</pc>");
    expect_in(x, "<data id=\"d6\">&lt;i&gt;</data>");
    free(x);
}

static void test_write_refuses_bad_arguments(void **state)
{
    yk_buf b = YK_BUF_INIT;
    yk_xliff_unit u = sample_units[1];
    (void)state;
    assert_int_equal(yk_xliff_write(&b, 13, "zh", "ja", &u, 1), YK_EINVAL);
    assert_int_equal(yk_xliff_write(&b, YK_XLIFF_2_0, "zh", "ja", &u, 0), YK_EINVAL);
    u.state = "approved";
    assert_int_equal(yk_xliff_write(&b, YK_XLIFF_1_2, "zh", "ja", &u, 1), YK_EINVAL);
    assert_int_equal(b.len, 0);
    /* 1.2 with no unit is valid: one empty <file> */
    assert_int_equal(yk_xliff_write(&b, YK_XLIFF_1_2, "zh", "ja", &u, 0), YK_OK);
    expect_in(b.buf, "<body>\n    </body>");
    yk_buf_release(&b);
}

/* ---- files as CAT tools write them back ---- */

static yk_xliff_file *parse_ok(const char *text)
{
    yk_xliff_file *f = NULL;
    if (parse_text(&f, text, strlen(text)) != YK_OK)
        print_error("%s:%d: %s\n", yk_error_last()->file, yk_error_last()->line,
                    yk_error_last()->message);
    assert_non_null(f);
    return f;
}

#define X12_HEAD                                                                                   \
    "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" "                                             \
    "xmlns=\"urn:oasis:names:tc:xliff:document:1.2\" xmlns:yaku=\"urn:yaku:xliff\">\n<file "       \
    "original=\"a.md\" source-language=\"zh-Hans\" target-language=\"ja\" "                        \
    "datatype=\"x-markdown\"><body>\n"
#define X12_TAIL "</body></file></xliff>\n"
#define X20_HEAD                                                                                   \
    "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" "             \
    "version=\"2.1\" srcLang=\"zh-Hans\" trgLang=\"ja\">\n<file id=\"f\">\n"
#define X20_TAIL "</file></xliff>\n"

static void test_read_12_placeholders_by_id(void **state)
{
    /* OmegaT-style target: <g>/<x>/<ph> with ids only; a segmented target */
    yk_xliff_file *f = parse_ok(
        X12_HEAD
        "<trans-unit id=\"7\" resname=\"ch01:2\" approved=\"yes\">"
        "<source>共有 <g id=\"1\" yaku:start=\"**\" yaku:end=\"**\">1,284</g> 位<ph "
        "id=\"2\">`x`</ph>。</source>"
        "<target><mrk mtype=\"seg\" mid=\"0\"><g id=\"1\">1,284</g> 人<x id=\"2\"/>。</mrk></target>"
        "<note>yaku-rev: 12</note></trans-unit>\n" X12_TAIL);
    (void)state;
    assert_int_equal(f->n, 1);
    assert_string_equal(f->units[0].id, "ch01:2");
    assert_string_equal(f->units[0].source, "共有 **1,284** 位`x`。");
    assert_string_equal(f->units[0].target, "**1,284** 人`x`。");
    assert_string_equal(f->units[0].state, "translated");
    assert_int_equal(f->units[0].revision, 12);
    yk_xliff_file_free(f);
}

static void test_read_12_states(void **state)
{
    yk_xliff_file *f = parse_ok(
        X12_HEAD "<trans-unit id=\"a:1\"><source>s</source></trans-unit>"
                 "<trans-unit id=\"a:2\" approved=\"no\"><source>s</source><target>t</target>"
                 "</trans-unit>"
                 "<trans-unit id=\"a:3\"><source>s</source><target>t</target></trans-unit>"
                 "<trans-unit id=\"a:4\"><source>s</source><target "
                 "state=\"needs-translation\">t</target></trans-unit>"
                 "<trans-unit id=\"a:5\" approved=\"yes\"><source>s</source><target "
                 "state=\"final\">t</target></trans-unit>"
                 "<trans-unit id=\"a:6\"><source>s</source><target state=\"translated\"></target>"
                 "</trans-unit>"
                 "<trans-unit id=\"a:9\"><source>same</source><target>same</target></trans-unit>"
                 "<trans-unit id=\"a:10\" approved=\"yes\"><source>same</source><target>same"
                 "</target></trans-unit>"
                 "<group><trans-unit id=\"a:7\" translate=\"no\"><source>s</source></trans-unit>"
                 "<group><trans-unit id=\"a:8\"><source>&lt;in group&gt;</source></trans-unit>"
                 "</group></group>" X12_TAIL);
    /* a:9: a copy of the source nobody marked (OmegaT's untranslated
     * segment) is new; a:10 says it is translated */
    static const char *const want[] = {"new", "fuzzy",      "translated", "fuzzy", "reviewed",
                                       "new", "new",        "translated", "new"};
    size_t i;
    (void)state;
    assert_int_equal(f->n, 9);
    for (i = 0; i < f->n; i++)
        assert_string_equal(f->units[i].state, want[i]);
    assert_string_equal(f->units[8].id, "a:8");
    assert_string_equal(f->units[8].source, "<in group>");
    yk_xliff_file_free(f);
}

static void test_read_20_placeholders_by_id_and_states(void **state)
{
    yk_xliff_file *f = parse_ok(
        X20_HEAD
        "<unit id=\"u1\" name=\"ch01:2\"><originalData><data id=\"a\">**</data>"
        "<data id=\"b\"><cp hex=\"000C\"/></data></originalData>"
        "<segment state=\"final\"><source><pc id=\"1\" dataRefStart=\"a\" "
        "dataRefEnd=\"a\">x</pc><ph id=\"2\" dataRef=\"b\"/></source>"
        "<target><pc id=\"1\">y</pc><ph id=\"2\"/><mrk id=\"m\" type=\"term\">z</mrk><sm "
        "id=\"s\"/></target></segment>"
        "<ignorable><source> </source></ignorable>"
        "<segment state=\"reviewed\"><source><sc id=\"3\" dataRef=\"a\"/>w</source>"
        "<target><sc id=\"3\"/>v<ec startRef=\"3\" dataRef=\"a\"/></target></segment></unit>"
        "<unit id=\"b\"><segment><source>s</source><target>t</target></segment></unit>"
        "<unit id=\"c\"><segment state=\"translated\"><source>s</source><target>t</target>"
        "</segment></unit>"
        "<unit id=\"e\"><segment><source>same</source><target>same</target></segment></unit>"
        "<group id=\"g\"><unit id=\"d\"><notes><note>yaku-rev: 4</note><note "
        "category=\"yaku:previous-source\">old</note></notes><segment><source>s</source>"
        "</segment></unit></group>" X20_TAIL);
    (void)state;
    assert_int_equal(f->version, YK_XLIFF_2_1);
    assert_int_equal(f->n, 5);
    assert_string_equal(f->units[0].id, "ch01:2");
    assert_string_equal(f->units[0].source, "**x**\f **w");
    assert_string_equal(f->units[0].target, "**y**\fz **v**");
    assert_string_equal(f->units[0].state, "reviewed");
    assert_string_equal(f->units[1].state, "fuzzy"); /* initial, with a target */
    assert_string_equal(f->units[2].state, "translated");
    assert_string_equal(f->units[3].state, "new"); /* a copy of the source */
    assert_string_equal(f->units[4].state, "new");
    assert_int_equal(f->units[4].revision, 4);
    assert_string_equal(f->units[4].prev_source, "old");
    yk_xliff_file_free(f);
}

/* ---- errors ---- */

static void expect_error(const char *text, int code, int line, const char *needle)
{
    yk_xliff_file *f = NULL;
    const yk_error *e;
    int rc = parse_text(&f, text, strlen(text));
    e = yk_error_last();
    if (rc != code || e->line != line || !strstr(e->message, needle))
        print_error("got rc %d at %s:%d: %s\n", rc, e->file, e->line, e->message);
    assert_int_equal(rc, code);
    assert_null(f);
    assert_string_equal(e->file, "t.xlf");
    assert_int_equal(e->line, line);
    assert_non_null(strstr(e->message, needle));
}

static void test_errors_name_the_line(void **state)
{
    (void)state;
    expect_error("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>\n", YK_EINVAL, 2,
                 "not an XLIFF file");
    expect_error("<xliff version=\"3.0\"/>", YK_EINVAL, 1, "version '3.0'");
    expect_error("<xliff version=\"2.0\"/>", YK_EINVAL, 1, "not supported");
    expect_error(X12_HEAD "<trans-unit id=\"a:1\"><source>x</source>\n<target>y</targ></trans-unit>"
                 X12_TAIL, YK_EINVAL, 5, "mismatch");
    expect_error(X12_HEAD "\n<trans-unit><source>x</source></trans-unit>" X12_TAIL, YK_EINVAL, 5,
                 "no resname or id");
    expect_error(X12_HEAD "<trans-unit id=\"a:1\">\n<target>y</target></trans-unit>" X12_TAIL,
                 YK_EINVAL, 4, "has no <source>");
    expect_error(X12_HEAD "<trans-unit id=\"a:1\"><source>x</source>\n<target><g "
                 "id=\"9\">y</g></target></trans-unit>" X12_TAIL,
                 YK_EINVAL, 5, "<g id=\"9\"> carries no original markup");
    expect_error(X12_HEAD "<trans-unit id=\"a:1\"><source>x<b>bold</b></source></trans-unit>"
                 X12_TAIL, YK_EINVAL, 4, "unexpected <b> inside <source>");
}

static void test_errors_languages_and_code_points(void **state)
{
    (void)state;
    expect_error("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
                 "<file original=\"a\" source-language=\"zh\" target-language=\"ja\" "
                 "datatype=\"plaintext\"><body/></file>\n"
                 "<file original=\"b\" source-language=\"zh\" target-language=\"ko\" "
                 "datatype=\"plaintext\"><body/></file></xliff>",
                 YK_EINVAL, 3, "target-language 'ko', an earlier one 'ja'");
    expect_error(X20_HEAD "<unit id=\"a\"><segment><source>x<cp hex=\"0\"/></source></segment>"
                          "</unit>" X20_TAIL,
                 YK_EINVAL, 4, "<cp hex=\"0\">");
    expect_error(X20_HEAD "<unit id=\"a\"><segment><source>x\n<ph id=\"1\" "
                          "dataRef=\"nope\"/></source></segment></unit>" X20_TAIL,
                 YK_EINVAL, 5, "refers to data 'nope'");
    expect_error(X20_HEAD "<unit id=\"a\">\n</unit>" X20_TAIL, YK_EINVAL, 4, "has no <segment>");
}

static void test_errors_hostile_xml(void **state)
{
    (void)state;
    expect_error("<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY x SYSTEM "
                 "\"file:///etc/passwd\">]>\n<xliff version=\"1.2\"/>",
                 YK_EINVAL, 2, "entity declarations are not allowed");
    expect_error("<?xml version=\"1.0\"?>\n<!DOCTYPE xliff [<!ENTITY a \"aaaa\"><!ENTITY b "
                 "\"&a;&a;&a;&a;\">]>\n<xliff version=\"1.2\">&b;</xliff>",
                 YK_EINVAL, 2, "entity declarations are not allowed");
    expect_error(X12_HEAD "<trans-unit id=\"a:1\"><source>\xe0\x80\xaf</source></trans-unit>"
                 X12_TAIL, YK_EINVAL, 4, "UTF-8");
}

static void test_errors_placeholder_amplification(void **state)
{
    /* one 4 KB code referenced by id 400 times per target, 200 units: far
     * more than the ceiling once expanded, from a file of under 200 KB */
    yk_buf b = YK_BUF_INIT;
    yk_xliff_file *f = NULL;
    int i, k;
    (void)state;
    yk_buf_puts(&b, X12_HEAD);
    for (i = 0; i < 200; i++) {
        yk_buf_printf(&b, "<trans-unit id=\"a:%d\"><source><ph id=\"1\">", i + 1);
        for (k = 0; k < 4096; k++)
            yk_buf_putc(&b, 'x');
        yk_buf_puts(&b, "</ph></source><target>");
        for (k = 0; k < 400; k++)
            yk_buf_puts(&b, "<x id=\"1\"/>");
        yk_buf_puts(&b, "</target></trans-unit>\n");
    }
    yk_buf_puts(&b, X12_TAIL);
    assert_int_equal(parse_text(&f, b.buf, b.len), YK_ETOOBIG);
    assert_null(f);
    assert_non_null(strstr(yk_error_last()->message, "placeholders are expanded"));
    yk_buf_release(&b);
}

static void test_sniff(void **state)
{
    (void)state;
    assert_true(yk_xliff_sniff("\xEF\xBB\xBF  \n<?xml", 10));
    assert_true(yk_xliff_sniff("<xliff", 6));
    assert_false(yk_xliff_sniff("msgid \"\"\n", 9));
    assert_false(yk_xliff_sniff("# comment\n<x>", 13));
    assert_false(yk_xliff_sniff("", 0));
    yk_xliff_file_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline_emphasis_pairs),
        cmocka_unit_test(test_inline_literal_stars_stay_text),
        cmocka_unit_test(test_inline_run_continued_in_next_segment),
        cmocka_unit_test(test_inline_code_links_footnotes),
        cmocka_unit_test(test_inline_html_shortcodes_autolinks),
        cmocka_unit_test(test_inline_crossing_pairs_become_isolated),
        cmocka_unit_test(test_inline_hostile_input_is_bounded),
        cmocka_unit_test(test_round_trip_12),
        cmocka_unit_test(test_round_trip_20),
        cmocka_unit_test(test_write_12_placeholders_carry_bytes),
        cmocka_unit_test(test_write_12_fuzzy_has_previous_version),
        cmocka_unit_test(test_write_20_original_data),
        cmocka_unit_test(test_write_20_ids_and_control_characters),
        cmocka_unit_test(test_write_target_only_markup_gets_new_id),
        cmocka_unit_test(test_write_refuses_bad_arguments),
        cmocka_unit_test(test_read_12_placeholders_by_id),
        cmocka_unit_test(test_read_12_states),
        cmocka_unit_test(test_read_20_placeholders_by_id_and_states),
        cmocka_unit_test(test_errors_name_the_line),
        cmocka_unit_test(test_errors_languages_and_code_points),
        cmocka_unit_test(test_errors_hostile_xml),
        cmocka_unit_test(test_errors_placeholder_amplification),
        cmocka_unit_test(test_sniff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
