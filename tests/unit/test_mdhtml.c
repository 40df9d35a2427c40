/*
 * Markdown to HTML for the editions (formats/mdhtml.h): cmark-gfm output
 * that is well-formed XHTML, raw HTML dropped, heading ids, link and image
 * rewriting, Hugo shortcode lines dropped, CJK soft breaks removed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/mdhtml.h"
#include "formats/xml.h"

static char *to_html(const char *md, const yk_mdhtml_options *o)
{
    yk_buf out = YK_BUF_INIT;
    assert_int_equal(yk_format_markdown_to_html(&out, md, strlen(md), o), YK_OK);
    return yk_buf_detach(&out, NULL);
}

/* The fragment parses as XML inside a root element. */
static void assert_well_formed(const char *html)
{
    yk_buf doc = YK_BUF_INIT;
    xmlDoc *x = NULL;
    yk_buf_printf(&doc, "<div xmlns=\"http://www.w3.org/1999/xhtml\">%s</div>", html);
    if (yk_xml_parse(&x, doc.buf, doc.len, "fragment") != YK_OK)
        fail_msg("not well-formed: %s\n%s", yk_error_last()->message, html);
    xmlFreeDoc(x);
    yk_buf_release(&doc);
}

static void test_xhtml_well_formed_gfm(void **state)
{
    yk_mdhtml_options o = YK_MDHTML_OPTIONS_INIT;
    char *h;
    (void)state;
    o.flags = YK_MDHTML_XHTML;
    h = to_html("# 标题\n\n文[^1]与~~删除~~ www.example.org &nbsp;&copy;\n\n"
                "- [x] 完成\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n---\n\n"
                "行一  \n行二\n\n<div onclick=\"x()\">raw <b>html</b></div>\n\n"
                "a\x01b [x](javascript:alert(1))\n\n[^1]: 注。\n",
                &o);
    assert_well_formed(h);
    assert_non_null(strstr(h, "<del>删除</del>"));
    assert_non_null(strstr(h, "style=\"text-align: right\""));
    assert_null(strstr(h, " align="));
    assert_null(strstr(h, "onclick"));
    assert_null(strstr(h, "<div"));
    assert_null(strstr(h, "javascript:"));
    assert_null(strstr(h, "&nbsp;"));
    assert_null(strstr(h, "\x01"));
    assert_non_null(strstr(h, "<br />"));
    assert_non_null(strstr(h, "<hr />"));
    assert_non_null(strstr(h, "data-footnotes=\"\""));
    free(h);
}

static void test_heading_ids_unique_and_reported(void **state)
{
    yk_mdhtml_options o = YK_MDHTML_OPTIONS_INIT;
    char *h;
    (void)state;
    o.id_prefix = "d2-";
    h = to_html("# 概要\n\n## Key *numbers*!\n\n## Key numbers\n\n## 2024\n\n## 「引用」と、点\n", &o);
    assert_non_null(strstr(h, "<h1 id=\"d2-概要\">概要</h1>"));
    assert_non_null(strstr(h, "<h2 id=\"d2-key-numbers\">Key <em>numbers</em>!</h2>"));
    assert_non_null(strstr(h, "<h2 id=\"d2-key-numbers-1\">Key numbers</h2>"));
    assert_non_null(strstr(h, "<h2 id=\"d2-section-2024\">"));
    assert_non_null(strstr(h, "<h2 id=\"d2-引用と点\">"));
    free(h);
}

static int rewrite(yk_buf *out, const char *url, int image, void *payload)
{
    (*(int *)payload)++;
    if (strcmp(url, "ch03.md") == 0) {
        yk_buf_puts(out, "ch03.xhtml");
        return YK_MDHTML_URL_REPLACE;
    }
    if (strcmp(url, "gone.png") == 0 || strcmp(url, "nowhere.md") == 0)
        return YK_MDHTML_URL_DROP;
    if (image && strncmp(url, "https:", 6) == 0)
        return YK_MDHTML_URL_TO_LINK;
    if (strcmp(url, "fail") == 0)
        return YK_EINVAL;
    return YK_MDHTML_URL_KEEP;
}

static void test_links_and_images_rewritten(void **state)
{
    yk_mdhtml_options o = YK_MDHTML_OPTIONS_INIT;
    yk_buf out = YK_BUF_INIT;
    int calls = 0;
    char *h;
    (void)state;
    o.url = rewrite;
    o.payload = &calls;
    o.flags = YK_MDHTML_XHTML;
    h = to_html("见[治理](ch03.md)和[别处](nowhere.md)。\n\n![图 *一*](gone.png)\n\n"
                "![远程](https://example.org/a.png \"t\") <https://example.org>\n",
                &o);
    assert_int_equal(calls, 5);
    assert_non_null(strstr(h, "<a href=\"ch03.xhtml\">治理</a>"));
    assert_non_null(strstr(h, "和别处。"));
    assert_non_null(strstr(h, "<p>图 <em>一</em></p>"));
    assert_non_null(strstr(h, "<a href=\"https://example.org/a.png\" title=\"t\">远程</a>"));
    assert_null(strstr(h, "<img"));
    assert_well_formed(h);
    free(h);
    assert_int_equal(yk_format_markdown_to_html(&out, "[x](fail)", 9, &o), YK_EINVAL);
    yk_buf_release(&out);
}

static void test_shortcode_lines_dropped(void **state)
{
    char *h;
    (void)state;
    h = to_html("{{< notice tip >}}\n升级前请备份。\n{{< /notice >}}\n\n"
                "{{< figure src=\"a.jpg\" alt=\"图\" >}}\n\n{{%note%}}\n\n"
                "正文 {{< ref \"x\" >}} 留下。\n",
                NULL);
    assert_string_equal(h, "<p>升级前请备份。</p>\n<p>正文 {{&lt; ref &quot;x&quot; &gt;}} 留下。</p>\n");
    free(h);
}

static void test_cjk_soft_breaks_removed_not_korean(void **state)
{
    char *h;
    (void)state;
    h = to_html("第一行\n第二行\n\n한국어\n문장\n\nword\nwrap\n", NULL);
    assert_string_equal(h, "<p>第一行第二行</p>\n<p>한국어\n문장</p>\n<p>word\nwrap</p>\n");
    free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xhtml_well_formed_gfm),
        cmocka_unit_test(test_heading_ids_unique_and_reported),
        cmocka_unit_test(test_links_and_images_rewritten),
        cmocka_unit_test(test_shortcode_lines_dropped),
        cmocka_unit_test(test_cjk_soft_breaks_removed_not_korean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
