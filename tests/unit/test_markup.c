/*
 * HTML, XHTML and DocBook readers: which blocks are found (inline markup
 * kept in their text, code and scripts left as skeleton), the identity
 * rebuild, and translations written back escaped, balanced and with the
 * document's language following the target.
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

typedef int (*parse_fn)(yk_doc **, const char *, size_t, const yk_parse_options *);

static yk_doc *parse_with(parse_fn fn, const char *s, yk_segment_mode mode)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_buf out = YK_BUF_INIT;
    yk_doc *doc = NULL;
    o.mode = mode;
    o.lang = "zh-Hans";
    o.path = "test";
    if (fn(&doc, s, strlen(s), &o) != YK_OK)
        fail_msg("parse failed: %s", yk_error_last()->message);
    if (yk_doc_verify(doc) != YK_OK)
        fail_msg("verify: %s", yk_error_last()->message);
    assert_int_equal(yk_format_render(&out, doc, NULL, NULL, "ja", YK_FALLBACK_SOURCE), YK_OK);
    assert_int_equal(out.len, strlen(s));
    assert_memory_equal(out.buf, s, out.len);
    yk_buf_release(&out);
    return doc;
}

static yk_doc *html(const char *s)
{
    return parse_with(yk_format_parse_html, s, YK_SEGMENT_PARAGRAPH);
}

static yk_doc *xhtml(const char *s)
{
    return parse_with(yk_format_parse_xhtml, s, YK_SEGMENT_PARAGRAPH);
}

static yk_doc *docbook(const char *s)
{
    return parse_with(yk_format_parse_docbook, s, YK_SEGMENT_PARAGRAPH);
}

static const char *seg(const yk_doc *doc, size_t i)
{
    static char buf[2048];
    const yk_doc_seg *s = &doc->segs[i];
    snprintf(buf, sizeof(buf), "%.*s", (int)s->len, doc->blocks[s->block].text + s->off);
    return buf;
}

static yk_block_kind kind(const yk_doc *doc, size_t i)
{
    return doc->blocks[doc->segs[i].block].kind;
}

/* Render with targets[i] for segment i (NULL entries untranslated). */
static char *render(const yk_doc *doc, const char *const *targets, const char *lang)
{
    yk_buf out = YK_BUF_INIT;
    assert_int_equal(yk_format_render(&out, doc, targets, NULL, lang, YK_FALLBACK_SOURCE), YK_OK);
    return yk_buf_detach(&out, NULL);
}

/* Every segment translated as "<mark>" + its source. */
static char *render_marked(const yk_doc *doc, const char *mark, const char *lang)
{
    char **t = calloc(doc->nsegs + 1, sizeof(*t));
    char *out;
    size_t i;
    for (i = 0; i < doc->nsegs; i++) {
        size_t n = strlen(mark) + doc->segs[i].len + 1;
        t[i] = malloc(n);
        snprintf(t[i], n, "%s%s", mark, seg(doc, i));
    }
    out = render(doc, (const char *const *)t, lang);
    for (i = 0; i < doc->nsegs; i++)
        free(t[i]);
    free(t);
    return out;
}

/* Well-formed XML, as the XHTML reader requires. */
static int well_formed(const char *s)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    int rc = yk_format_parse_xhtml(&doc, s, strlen(s), &o);
    if (rc != YK_OK)
        print_message("not well-formed: %s\n", yk_error_last()->message);
    yk_doc_free(doc);
    return rc == YK_OK;
}

static const char report_html[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"zh-Hans\">\n"
    "<head>\n"
    "  <meta charset=\"utf-8\">\n"
    "  <title>2024 开源社区报告</title>\n"
    "  <style>p { color: red; }</style>\n"
    "</head>\n"
    "<body>\n"
    "<h1 id=\"top\">第三章 社区治理</h1>\n"
    "<!-- 编辑注释：不要翻译 -->\n"
    "<p>社区的<b>核心</b>是人。参见<a href=\"https://example.org/?a=1&amp;b=2\" "
    "title=\"官方网站\">官网</a>&nbsp;了解详情。</p>\n"
    "<ul>\n"
    "  <li>透明的决策</li>\n"
    "  <li>开放的<em>讨论</em></li>\n"
    "</ul>\n"
    "<table>\n"
    "  <tr><th>指标</th><th>数值</th></tr>\n"
    "  <tr><td>贡献者</td><td>1,284</td></tr>\n"
    "</table>\n"
    "<p><img src=\"growth.png\" alt=\"成员增长曲线\" title=\"2020—2024 年\"></p>\n"
    "<pre><code>make &amp;&amp; make install  # 不翻译</code></pre>\n"
    "<script>if (a < b) { document.write(\"</p>\"); }</script>\n"
    "</body>\n"
    "</html>\n";

static void test_html_blocks_and_skeleton(void **state)
{
    yk_doc *doc = html(report_html);
    (void)state;
    assert_int_equal(doc->nsegs, 10);
    assert_string_equal(seg(doc, 0), "2024 开源社区报告");
    assert_int_equal(kind(doc, 0), YK_BLOCK_HEADING);
    assert_string_equal(seg(doc, 1), "第三章 社区治理");
    assert_int_equal(kind(doc, 1), YK_BLOCK_HEADING);
    /* inline markup and references stay in the text, as bytes */
    assert_string_equal(seg(doc, 2), "社区的<b>核心</b>是人。参见<a href=\"https://example.org/?a=1&amp;"
                                     "b=2\" title=\"官方网站\">官网</a>&nbsp;了解详情。");
    assert_int_equal(kind(doc, 2), YK_BLOCK_PARAGRAPH);
    assert_string_equal(seg(doc, 3), "透明的决策");
    assert_int_equal(kind(doc, 3), YK_BLOCK_LIST_ITEM);
    assert_string_equal(seg(doc, 4), "开放的<em>讨论</em>");
    assert_string_equal(seg(doc, 5), "指标");
    assert_int_equal(kind(doc, 5), YK_BLOCK_TABLE_CELL);
    assert_string_equal(seg(doc, 6), "数值");
    assert_string_equal(seg(doc, 7), "贡献者");
    /* "1,284" has no words; an image alone gives its alt and title */
    assert_string_equal(seg(doc, 8), "成员增长曲线");
    assert_int_equal(kind(doc, 8), YK_BLOCK_ALT);
    assert_string_equal(seg(doc, 9), "2020—2024 年");
    assert_int_equal(kind(doc, 9), YK_BLOCK_TITLE);
    assert_int_equal(doc->blocks[doc->segs[2].block].line, 11);
    yk_doc_free(doc);
}

static void test_html_sentences_do_not_split_tags(void **state)
{
    const char *s = "<p>第一句。<a href=\"a.html\" title=\"不要。在这里断开\">第二句</a>。第三句！</p>";
    yk_doc *doc = parse_with(yk_format_parse_html, s, YK_SEGMENT_SENTENCE);
    (void)state;
    assert_int_equal(doc->nsegs, 3);
    assert_string_equal(seg(doc, 0), "第一句。");
    assert_string_equal(seg(doc, 1),
                        "<a href=\"a.html\" title=\"不要。在这里断开\">第二句</a>。");
    assert_string_equal(seg(doc, 2), "第三句！");
    yk_doc_free(doc);
}

static void test_html_translation_round_trip(void **state)
{
    yk_doc *doc = html(report_html);
    char *out = render_marked(doc, "«JA»", "ja");
    (void)state;
    assert_non_null(strstr(out, "<html lang=\"ja\">"));
    assert_non_null(strstr(out, "<title>«JA»2024 开源社区报告</title>"));
    assert_non_null(strstr(out, "<p>«JA»社区的<b>核心</b>是人。参见<a href=\"https://example.org/"
                                "?a=1&amp;b=2\" title=\"官方网站\">官网</a>&nbsp;了解详情。</p>"));
    assert_non_null(strstr(out, "alt=\"«JA»成员增长曲线\" title=\"«JA»2020—2024 年\""));
    assert_non_null(strstr(out, "<td>1,284</td>"));
    /* skeleton untouched */
    assert_non_null(strstr(out, "<!-- 编辑注释：不要翻译 -->"));
    assert_non_null(strstr(out, "<pre><code>make &amp;&amp; make install  # 不翻译</code></pre>"));
    assert_non_null(strstr(out, "<script>if (a < b) { document.write(\"</p>\"); }</script>"));
    free(out);
    yk_doc_free(doc);
}

static void test_html_implied_end_tags(void **state)
{
    const char *s = "<p>第一段\n<p>第二段<ul><li>甲<li>乙</ul>\n<dl><dt>术语<dd>定义</dl>\n"
                    "<div><b><i>错误嵌套</b>之后</i></div>\n";
    yk_doc *doc = html(s);
    (void)state;
    assert_int_equal(doc->nsegs, 7);
    assert_string_equal(seg(doc, 0), "第一段");
    assert_string_equal(seg(doc, 1), "第二段");
    assert_string_equal(seg(doc, 2), "甲");
    assert_string_equal(seg(doc, 3), "乙");
    assert_string_equal(seg(doc, 4), "术语");
    assert_string_equal(seg(doc, 5), "定义");
    /* the stray </i> libxml2 ignores is left out at the end */
    assert_string_equal(seg(doc, 6), "<b><i>错误嵌套</b>之后");
    yk_doc_free(doc);
}

static void test_html_lenient_tags(void **state)
{
    /* unquoted values, '>' inside quotes, upper case, a '<' that starts
     * no tag, a self-closing p, text outside any element */
    const char *s = "<P CLASS=x title='a>b 标题'>大写 <B>标签</b> a < b</P>\n"
                    "顶层文字 <a href=x.html>链接</a>\n";
    yk_doc *doc = html(s);
    (void)state;
    assert_int_equal(doc->nsegs, 3);
    assert_string_equal(seg(doc, 0), "a>b 标题");
    assert_int_equal(doc->blocks[doc->segs[0].block].encoding, YK_ENC_ATTR_SQ);
    assert_string_equal(seg(doc, 1), "大写 <B>标签</b> a < b");
    assert_string_equal(seg(doc, 2), "顶层文字 <a href=x.html>链接</a>");
    yk_doc_free(doc);
}

/* found by probing the lexer against libxml2: an HTML comment may end with
 * "--!>", and an element closed implicitly may hold the run's trailing
 * white space */
static void test_html_comment_ends_and_implicit_close(void **state)
{
    const char *s = "<p>注释 <!-- 中间 --!> 之后</p>\n<p>不闭合的 <b>粗体\n<p>下一段</p>\n";
    yk_doc *doc = html(s);
    (void)state;
    assert_int_equal(doc->nsegs, 3);
    assert_string_equal(seg(doc, 0), "注释 <!-- 中间 --!> 之后");
    assert_string_equal(seg(doc, 1), "不闭合的 <b>粗体");
    assert_string_equal(seg(doc, 2), "下一段");
    yk_doc_free(doc);
}

static void test_html_escaping(void **state)
{
    const char *s = "<p>A &amp; B &copy 2024</p>\n<img alt=bare src=x.png>\n"
                    "<img alt='single' src=y.png>\n";
    const char *t1[] = {"a < b & c <b>粗</b> &amp; &copy 2024 &lt; <注意> \x01",
                        "with \"quotes\" & spaces", "it's \"x\""};
    yk_doc *doc = html(s);
    char *out;
    (void)state;
    assert_int_equal(doc->nsegs, 3);
    assert_int_equal(doc->blocks[doc->segs[1].block].encoding, YK_ENC_ATTR_BARE);
    out = render(doc, t1, "en");
    assert_string_equal(out, "<p>a &lt; b &amp; c <b>粗</b> &amp; &copy 2024 &lt; &lt;注意> </p>\n"
                             "<img alt=\"with &quot;quotes&quot; &amp; spaces\" src=x.png>\n"
                             "<img alt='it&#39;s \"x\"' src=y.png>\n");
    free(out);
    yk_doc_free(doc);
}

static void test_html_cjk_lines_and_prefixes(void **state)
{
    const char *s = "<div>\n  <p>第一行\n     第二行</p>\n</div>\n";
    const char *ja[] = {"一行目\n二行目"};
    const char *en[] = {"Line one\nline two\nline three"};
    yk_doc *doc = html(s);
    char *out;
    (void)state;
    assert_int_equal(doc->nsegs, 1);
    /* the indentation of continuation lines is not shown to translators */
    assert_string_equal(seg(doc, 0), "第一行\n第二行");
    out = render(doc, ja, "ja");
    assert_string_equal(out, "<div>\n  <p>一行目二行目</p>\n</div>\n");
    free(out);
    out = render(doc, en, "en");
    assert_string_equal(out, "<div>\n  <p>Line one\n     line two\n     line three</p>\n</div>\n");
    free(out);
    yk_doc_free(doc);
}

static void test_html_nested_blocks_and_opaque(void **state)
{
    const char *s = "<ul><li>外层文字<ul><li>内层</li></ul>尾巴</li></ul>\n"
                    "<blockquote>引用<p>引用里的段落</p></blockquote>\n"
                    "<p>代码 <code>x = 1</code> 在句中</p>\n"
                    "<div><code>only_code()</code></div>\n"
                    "<p><a href=\"https://example.org\">https://example.org</a></p>\n"
                    "<textarea>不翻译</textarea><svg><text>图形</text></svg>\n";
    yk_doc *doc = html(s);
    (void)state;
    assert_int_equal(doc->nsegs, 6);
    assert_string_equal(seg(doc, 0), "外层文字");
    assert_string_equal(seg(doc, 1), "内层");
    assert_string_equal(seg(doc, 2), "尾巴");
    assert_string_equal(seg(doc, 3), "引用");
    assert_int_equal(kind(doc, 3), YK_BLOCK_QUOTE);
    assert_string_equal(seg(doc, 4), "引用里的段落");
    assert_int_equal(kind(doc, 4), YK_BLOCK_QUOTE);
    assert_string_equal(seg(doc, 5), "代码 <code>x = 1</code> 在句中");
    yk_doc_free(doc);
}

static void test_html_lang_only_when_translated(void **state)
{
    const char *s = "<html lang=zh-Hans><body><p>一</p><p>二</p></body></html>";
    const char *one[] = {NULL, "二"};
    const char *none[] = {NULL, NULL};
    yk_doc *doc = html(s);
    char *out;
    (void)state;
    out = render(doc, none, "ko");
    assert_string_equal(out, s);
    free(out);
    out = render(doc, one, "ko");
    assert_string_equal(out, "<html lang=ko><body><p>一</p><p>二</p></body></html>");
    free(out);
    yk_doc_free(doc);
}

static const char report_xhtml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE html>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"zh-Hans\" lang=\"zh-Hans\">\n"
    "<head><title>第三章</title></head>\n"
    "<body>\n"
    "<p>社区&amp;基金会<br/>第二行，<span class=\"x\">跨度</span>。</p>\n"
    "<p><img src=\"a.png\" alt=\"图一\"/></p>\n"
    "<script><![CDATA[ if (a < b) {} ]]></script>\n"
    "<p>带<![CDATA[<原样>]]>的段落</p>\n"
    "</body>\n"
    "</html>\n";

static void test_xhtml_blocks(void **state)
{
    yk_doc *doc = xhtml(report_xhtml);
    (void)state;
    assert_int_equal(doc->nsegs, 4);
    assert_string_equal(seg(doc, 0), "第三章");
    assert_string_equal(seg(doc, 1), "社区&amp;基金会<br/>第二行，<span class=\"x\">跨度</span>。");
    assert_int_equal(doc->blocks[doc->segs[1].block].encoding, YK_ENC_XML_TEXT);
    assert_string_equal(seg(doc, 2), "图一");
    assert_int_equal(doc->blocks[doc->segs[2].block].encoding, YK_ENC_XML_ATTR_DQ);
    assert_string_equal(seg(doc, 3), "带<![CDATA[<原样>]]>的段落");
    yk_doc_free(doc);
}

static void test_xhtml_translation_stays_well_formed(void **state)
{
    yk_doc *doc = xhtml(report_xhtml);
    const char *t[] = {"第3章 &copy; & <b>太字", "</span>A<i>B</i>C<br/>&nbsp;]]>",
                       "図 \"1\" <&>", "<![CDATA[x]]> &#0; &#x41; \xef\xbf\xbe"};
    char *out;
    (void)state;
    out = render(doc, t, "ja");
    assert_true(well_formed(out));
    assert_non_null(strstr(out, "xml:lang=\"ja\" lang=\"ja\""));
    assert_non_null(strstr(out, "<title>第3章 &amp;copy; &amp; &lt;b>太字</title>"));
    assert_non_null(strstr(out, "<p>&lt;/span>A<i>B</i>C<br/>&amp;nbsp;]]&gt;</p>"));
    assert_non_null(strstr(out, "alt=\"図 &quot;1&quot; &lt;&amp;&gt;\"") ||
                    strstr(out, "alt=\"図 &quot;1&quot; &lt;&amp;>\""));
    assert_non_null(strstr(out, "<p><![CDATA[x]]> &amp;#0; &#x41; </p>"));
    free(out);
    out = render_marked(doc, "«JA»", "ja");
    assert_true(well_formed(out));
    free(out);
    yk_doc_free(doc);
}

static void test_xhtml_bad_input(void **state)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    const char *mismatch = "<?xml version=\"1.0\"?>\n<html><body>\n<p>未闭合</body></html>\n";
    const char *bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n<!ENTITY a \"aaaa\">\n"
                       "<!ENTITY b \"&a;&a;&a;&a;\">\n]>\n<html><p>&b;</p></html>\n";
    const char *undeclared = "<html><p>&nbsp;</p></html>";
    (void)state;
    o.path = "ch.xhtml";
    assert_int_equal(yk_format_parse_xhtml(&doc, mismatch, strlen(mismatch), &o), YK_EINVAL);
    assert_null(doc);
    assert_int_equal(yk_error_last()->line, 3);
    assert_string_equal(yk_error_last()->file, "ch.xhtml");
    assert_int_equal(yk_format_parse_xhtml(&doc, bomb, strlen(bomb), &o), YK_EINVAL);
    assert_non_null(strstr(yk_error_last()->message, "entity declarations are not allowed"));
    assert_int_equal(yk_format_parse_xhtml(&doc, undeclared, strlen(undeclared), &o), YK_EINVAL);
    assert_int_equal(yk_format_parse_xhtml(&doc, "<p>\xff</p>", 8, &o), YK_EINVAL);
    assert_non_null(strstr(yk_error_last()->message, "invalid UTF-8"));
    assert_int_equal(yk_format_parse_xhtml(&doc, "", 0, &o), YK_EINVAL);
    /* HTML is read leniently: the same mismatch is no error there */
    assert_int_equal(yk_format_parse_html(&doc, mismatch, strlen(mismatch), &o), YK_OK);
    yk_doc_free(doc);
}

static const char chapter_dbk[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<chapter xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:lang=\"zh-Hans\">\n"
    "  <title>社区治理</title>\n"
    "  <para>开源社区需要<emphasis>透明</emphasis>的治理。</para>\n"
    "  <itemizedlist>\n"
    "    <listitem><para>第一项：<literal>make</literal> 构建。</para></listitem>\n"
    "    <listitem><para>第二项<indexterm><primary>索引</primary></indexterm>说明。</para>"
    "</listitem>\n"
    "  </itemizedlist>\n"
    "  <programlisting>echo \"不要翻译\" &amp;&amp; exit</programlisting>\n"
    "  <informaltable><tgroup cols=\"2\"><tbody><row><entry>名称</entry><entry>42</entry>"
    "</row></tbody></tgroup></informaltable>\n"
    "  <para>正文<footnote><para>脚注内容。</para></footnote>继续。</para>\n"
    "</chapter>\n";

static void test_docbook_blocks(void **state)
{
    yk_doc *doc = docbook(chapter_dbk);
    (void)state;
    assert_int_equal(doc->nsegs, 8);
    assert_string_equal(seg(doc, 0), "社区治理");
    assert_int_equal(kind(doc, 0), YK_BLOCK_HEADING);
    assert_string_equal(seg(doc, 1), "开源社区需要<emphasis>透明</emphasis>的治理。");
    assert_string_equal(seg(doc, 2), "第一项：<literal>make</literal> 构建。");
    assert_int_equal(kind(doc, 2), YK_BLOCK_LIST_ITEM);
    assert_string_equal(seg(doc, 3), "第二项<indexterm><primary>索引</primary></indexterm>说明。");
    assert_string_equal(seg(doc, 4), "名称");
    assert_int_equal(kind(doc, 4), YK_BLOCK_TABLE_CELL);
    /* a footnote holds paragraphs: it splits the paragraph around it */
    assert_string_equal(seg(doc, 5), "正文");
    assert_string_equal(seg(doc, 6), "脚注内容。");
    assert_int_equal(kind(doc, 6), YK_BLOCK_FOOTNOTE);
    assert_string_equal(seg(doc, 7), "继续。");
    yk_doc_free(doc);
}

static void test_docbook_translation(void **state)
{
    yk_doc *doc = docbook(chapter_dbk);
    char *out = render_marked(doc, "«KO»", "ko");
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *again = NULL;
    (void)state;
    assert_non_null(strstr(out, "version=\"5.0\" xml:lang=\"ko\">"));
    assert_non_null(strstr(out, "<title>«KO»社区治理</title>"));
    assert_non_null(
        strstr(out, "<programlisting>echo \"不要翻译\" &amp;&amp; exit</programlisting>"));
    assert_non_null(strstr(out, "<entry>42</entry>"));
    assert_int_equal(yk_format_parse_docbook(&again, out, strlen(out), &o), YK_OK);
    assert_int_equal(again->nsegs, doc->nsegs);
    yk_doc_free(again);
    free(out);
    yk_doc_free(doc);
}

static void test_balance(void **state)
{
    yk_buf b = YK_BUF_INIT;
    (void)state;
    yk_buf_puts(&b, "<b>x<i>y</b>z</i><br/><!-- <c> --><d a=\"1\">e</d>");
    yk_format_markup_balance(&b);
    assert_string_equal(b.buf, "&lt;b>x<i>y&lt;/b>z</i><br/><!-- <c> --><d a=\"1\">e</d>");
    yk_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_blocks_and_skeleton),
        cmocka_unit_test(test_html_sentences_do_not_split_tags),
        cmocka_unit_test(test_html_translation_round_trip),
        cmocka_unit_test(test_html_implied_end_tags),
        cmocka_unit_test(test_html_lenient_tags),
        cmocka_unit_test(test_html_comment_ends_and_implicit_close),
        cmocka_unit_test(test_html_escaping),
        cmocka_unit_test(test_html_cjk_lines_and_prefixes),
        cmocka_unit_test(test_html_nested_blocks_and_opaque),
        cmocka_unit_test(test_html_lang_only_when_translated),
        cmocka_unit_test(test_xhtml_blocks),
        cmocka_unit_test(test_xhtml_translation_stays_well_formed),
        cmocka_unit_test(test_xhtml_bad_input),
        cmocka_unit_test(test_docbook_blocks),
        cmocka_unit_test(test_docbook_translation),
        cmocka_unit_test(test_balance),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    yk_segment_cleanup();
    return rc;
}
