/*
 * Sentence segmentation, joining and soft-break removal (src/segment/).  The
 * table is the specification: one row per case, the exact sentences expected.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment/segment.h"
#include "util/buf.h"

#define MAX_SENTENCES 8

typedef struct seg_case {
    const char *name; /* the behaviour, as a test name would state it */
    const char *lang;
    const char *text;
    const char *want[MAX_SENTENCES]; /* NULL-terminated */
} seg_case;

static const seg_case cases[] = {
    /* ---- the cases of the issue ---- */
    {"zh_splits_after_full_stop",
     "zh-Hans",
     "开源不是无缘无故发生的。人也不会无缘无故的去做事。",
     {"开源不是无缘无故发生的。", "人也不会无缘无故的去做事。"}},
    {"zh_closing_quote_stays_then_breaks",
     "zh-Hans",
     "他说：“参与开源没有想象的那么难。”然后离开了。",
     {"他说：“参与开源没有想象的那么难。”", "然后离开了。"}},
    {"ja_quote_followed_by_particle_continues",
     "ja",
     "「こんにちは。」と彼は言った。次の文です。",
     {"「こんにちは。」と彼は言った。", "次の文です。"}},
    {"zh_document_quoting_japanese_keeps_the_quote_in_its_sentence",
     "zh-Hans",
     "她在东京听到：「こんにちは。」と彼は言った。我们笑了。",
     {"她在东京听到：「こんにちは。」と彼は言った。", "我们笑了。"}},
    {"zh_hant_corner_quote_then_han_breaks",
     "zh-Hant",
     "他說：「參與開源沒有想像的那麼難。」然後離開了。",
     {"他說：「參與開源沒有想像的那麼難。」", "然後離開了。"}},
    {"zh_version_number_is_no_boundary",
     "zh-Hans",
     "Kafka 3.7.0 发布了！你升级了吗？",
     {"Kafka 3.7.0 发布了！", "你升级了吗？"}},
    {"zh_eg_is_no_boundary",
     "zh-Hans",
     "e.g. Apache Kafka, Flink 等项目。",
     {"e.g. Apache Kafka, Flink 等项目。"}},
    {"en_backslash_hard_break_stays_between_sentences",
     "en",
     "First line.\\\nSecond line.\\\nThird line.",
     {"First line.", "Second line.", "Third line."}},
    {"ko_period_space_hangul_breaks",
     "ko",
     "오픈소스는 협업입니다. 커뮤니티는 코드보다 중요합니다!",
     {"오픈소스는 협업입니다.", "커뮤니티는 코드보다 중요합니다!"}},
    {"zh_url_ends_before_full_stop",
     "zh-Hans",
     "详情见 https://example.org/a.b/c。谢谢！",
     {"详情见 https://example.org/a.b/c。", "谢谢！"}},
    {"zh_ellipsis_and_dash_do_not_end",
     "zh-Hans",
     "这是……真的吗？是的——当然。",
     {"这是……真的吗？", "是的——当然。"}},

    /* ---- Simplified Chinese ---- */
    {"zh_three_sentences",
     "zh-Hans",
     "第一句。第二句！第三句？",
     {"第一句。", "第二句！", "第三句？"}},
    {"zh_decimal_stays",
     "zh-Hans",
     "圆周率约为 3.14。它是无理数。",
     {"圆周率约为 3.14。", "它是无理数。"}},
    {"zh_full_stop_before_latin_breaks",
     "zh-Hans",
     "我们用 Git。GitHub 是托管平台。",
     {"我们用 Git。", "GitHub 是托管平台。"}},
    {"zh_half_width_exclamation_after_cjk_breaks",
     "zh-Hans",
     "太好了!我们开始吧?好的。",
     {"太好了!", "我们开始吧?", "好的。"}},
    {"zh_question_exclamation_run_is_one_end",
     "zh-Hans",
     "真的吗？！我不信。",
     {"真的吗？！", "我不信。"}},
    {"en_interrobang_is_one_end", "en", "What?! No way.", {"What?!", "No way."}},
    {"zh_closing_bracket_stays",
     "zh-Hans",
     "（这是注释。）正文继续。",
     {"（这是注释。）", "正文继续。"}},
    {"zh_corner_quote_then_text_breaks",
     "zh-Hans",
     "他问：「你来吗？」我说来。",
     {"他问：「你来吗？」", "我说来。"}},
    {"zh_book_title_mark_stays",
     "zh-Hans",
     "推荐《大教堂与集市。》读完再说。",
     {"推荐《大教堂与集市。》", "读完再说。"}},
    {"zh_quote_then_comma_continues", "zh-Hans", "“好。”，他说。", {"“好。”，他说。"}},
    {"zh_inline_code_with_dots_stays",
     "zh-Hans",
     "运行 `make test.all` 即可。然后提交。",
     {"运行 `make test.all` 即可。", "然后提交。"}},
    {"zh_inline_code_with_full_stop_stays",
     "zh-Hans",
     "输出 `完成。下一步` 表示成功。好。",
     {"输出 `完成。下一步` 表示成功。", "好。"}},
    {"zh_markdown_link_stays",
     "zh-Hans",
     "请看[a.b](http://x.y/z.html)。然后回来。",
     {"请看[a.b](http://x.y/z.html)。", "然后回来。"}},
    {"zh_link_text_with_full_stop_stays",
     "zh-Hans",
     "见[第一章。导言](ch01.md)的说明。好。",
     {"见[第一章。导言](ch01.md)的说明。", "好。"}},
    {"zh_image_stays",
     "zh-Hans",
     "![图 1. 架构](img/a.png)如图所示。",
     {"![图 1. 架构](img/a.png)如图所示。"}},
    {"zh_hugo_shortcode_stays",
     "zh-Hans",
     "{{< figure src=\"a.png\" title=\"图。一\" >}}这是图。下一句。",
     {"{{< figure src=\"a.png\" title=\"图。一\" >}}这是图。", "下一句。"}},
    {"zh_hugo_percent_shortcode_stays",
     "zh-Hans",
     "{{% note %}}注意。{{% /note %}}",
     {"{{% note %}}注意。{{% /note %}}"}},
    {"zh_closing_tag_stays_with_sentence",
     "zh-Hans",
     "<b>加粗。</b>下一句。",
     {"<b>加粗。</b>", "下一句。"}},
    {"zh_closing_shortcode_stays_with_sentence",
     "zh-Hans",
     "{{< hl >}}重点。{{< /hl >}} 然后。",
     {"{{< hl >}}重点。{{< /hl >}}", "然后。"}},
    {"zh_html_tag_stays",
     "zh-Hans",
     "<span title=\"a. B\">文本</span>结束。再见。",
     {"<span title=\"a. B\">文本</span>结束。", "再见。"}},
    {"zh_autolink_stays",
     "zh-Hans",
     "访问 <https://a.org/x.html?q=1!> 吧。好。",
     {"访问 <https://a.org/x.html?q=1!> 吧。", "好。"}},
    {"zh_email_stays",
     "zh-Hans",
     "联系 dev.team@example.org。谢谢。",
     {"联系 dev.team@example.org。", "谢谢。"}},
    {"zh_soft_line_break_is_no_boundary",
     "zh-Hans",
     "开源社区\n需要贡献者。欢迎\n加入。",
     {"开源社区\n需要贡献者。", "欢迎\n加入。"}},
    {"zh_blank_line_separates",
     "zh-Hans",
     "第一段没有句号\n\n第二段",
     {"第一段没有句号", "第二段"}},
    {"zh_leading_trailing_space_trimmed", "zh-Hans", "　  你好。 再见。\n ", {"你好。", "再见。"}},
    {"zh_emoji_stays_with_sentence",
     "zh-Hans",
     "发布了！🎉下一个版本见。",
     {"发布了！🎉", "下一个版本见。"}},
    {"zh_emoji_inside_sentence", "zh-Hans", "我爱🍕和☕。真的。", {"我爱🍕和☕。", "真的。"}},
    {"zh_half_width_ellipsis_glued_is_no_boundary",
     "zh-Hans",
     "这是...真的吗？",
     {"这是...真的吗？"}},
    {"zh_no_terminator_is_one_sentence", "zh-Hans", "没有标点的一句话", {"没有标点的一句话"}},
    {"zh_fullwidth_digits_decimal", "zh-Hans", "约３．１４。好。", {"约３．１４。", "好。"}},
    {"zh_mixed_full_half_width",
     "zh-Hans",
     "用 Python 3.12，速度快了 5%!真不错。",
     {"用 Python 3.12，速度快了 5%!", "真不错。"}},

    /* ---- Traditional Chinese ---- */
    {"zh_hant_splits",
     "zh-Hant",
     "開源軟體很重要。社群是核心！",
     {"開源軟體很重要。", "社群是核心！"}},
    {"zh_hant_corner_quotes",
     "zh-Hant",
     "他說：「開源沒那麼難。」然後離開了。",
     {"他說：「開源沒那麼難。」", "然後離開了。"}},
    {"zh_hant_double_corner_quotes", "zh-Hant", "『好。』下一句？", {"『好。』", "下一句？"}},
    {"zh_hant_version_v_prefix",
     "zh-Hant",
     "升級到 v1.2.3 了。請測試。",
     {"升級到 v1.2.3 了。", "請測試。"}},
    {"zh_hant_ellipsis", "zh-Hant", "嗯……我想想。好吧。", {"嗯……我想想。", "好吧。"}},

    /* ---- Japanese ---- */
    {"ja_splits_after_kuten",
     "ja",
     "これはペンです。あれは本です。",
     {"これはペンです。", "あれは本です。"}},
    {"ja_quote_then_tte_continues",
     "ja",
     "「無理だ！」って彼は言った。",
     {"「無理だ！」って彼は言った。"}},
    {"ja_question_then_to_continues",
     "ja",
     "本当？と彼女は聞いた。はい。",
     {"本当？と彼女は聞いた。", "はい。"}},
    {"ja_quote_then_kanji_breaks",
     "ja",
     "「行こう。」彼は立った。",
     {"「行こう。」", "彼は立った。"}},
    {"ja_double_quote_then_particle",
     "ja",
     "『それは違う。』という意見もある。",
     {"『それは違う。』という意見もある。"}},
    {"ja_kuten_before_latin_breaks",
     "ja",
     "Gitを使います。Hugoも使います。",
     {"Gitを使います。", "Hugoも使います。"}},
    {"ja_halfwidth_kuten", "ja", "ｺﾝﾆﾁﾊ｡ｻﾖｳﾅﾗ｡", {"ｺﾝﾆﾁﾊ｡", "ｻﾖｳﾅﾗ｡"}},
    {"ja_exclamation_question", "ja", "すごい！本当に？うん。", {"すごい！", "本当に？", "うん。"}},
    {"ja_soft_line_break", "ja", "これは長い\n文です。次。", {"これは長い\n文です。", "次。"}},
    {"ja_version_and_url",
     "ja",
     "v2.0 は https://ex.jp/v2.0/ にあります。詳細。",
     {"v2.0 は https://ex.jp/v2.0/ にあります。", "詳細。"}},
    {"ja_dash_does_not_end", "ja", "それは――つまり――嘘だ。", {"それは――つまり――嘘だ。"}},

    /* ---- Korean ---- */
    {"ko_question_and_exclamation", "ko", "정말요? 네! 좋아요.", {"정말요?", "네!", "좋아요."}},
    {"ko_decimal_stays",
     "ko",
     "버전 3.14를 씁니다. 좋습니다.",
     {"버전 3.14를 씁니다.", "좋습니다."}},
    {"ko_period_before_latin_capital",
     "ko",
     "깃을 씁니다. GitHub도 씁니다.",
     {"깃을 씁니다.", "GitHub도 씁니다."}},
    {"ko_soft_line_break", "ko", "오픈소스는\n협업입니다. 네.", {"오픈소스는\n협업입니다.", "네."}},
    {"ko_quote_stays",
     "ko",
     "그는 \"좋아요.\" 라고 했다. 끝.",
     {"그는 \"좋아요.\"", "라고 했다.", "끝."}},

    /* ---- English ---- */
    {"en_two_sentences",
     "en",
     "Open source is collaboration. Community matters.",
     {"Open source is collaboration.", "Community matters."}},
    {"en_quote_stays_with_sentence", "en", "\"Hello.\" He left.", {"\"Hello.\"", "He left."}},
    {"en_dr_is_no_boundary", "en", "Dr. Smith arrived. He sat.", {"Dr. Smith arrived.", "He sat."}},
    {"en_mr_mrs_prof",
     "en",
     "Mr. and Mrs. Lee met Prof. Kim. Then they ate.",
     {"Mr. and Mrs. Lee met Prof. Kim.", "Then they ate."}},
    {"en_us_is_no_boundary",
     "en",
     "The U.S. Army came. It left.",
     {"The U.S. Army came.", "It left."}},
    {"en_ie_is_no_boundary",
     "en",
     "Use a VCS, i.e. Git. It helps.",
     {"Use a VCS, i.e. Git.", "It helps."}},
    {"en_eg_comma", "en", "Tools, e.g., Make, help. Yes.", {"Tools, e.g., Make, help.", "Yes."}},
    {"en_vs_cf_fig",
     "en",
     "Compare A vs. B, cf. Fig. 3 below. Done.",
     {"Compare A vs. B, cf. Fig. 3 below.", "Done."}},
    {"en_no_before_number",
     "en",
     "See No. 5 Street. Then turn.",
     {"See No. 5 Street.", "Then turn."}},
    {"en_etc_before_lowercase_continues",
     "en",
     "Apples, pears, etc. are fruit. Yes.",
     {"Apples, pears, etc. are fruit.", "Yes."}},
    {"en_etc_before_capital_ends",
     "en",
     "We sell apples, pears, etc. Come in.",
     {"We sell apples, pears, etc.", "Come in."}},
    {"en_initial_is_no_boundary",
     "en",
     "J. R. R. Tolkien wrote it. Read it.",
     {"J. R. R. Tolkien wrote it.", "Read it."}},
    {"en_version_v123",
     "en",
     "Upgrade to v1.2.3 now. It is safe.",
     {"Upgrade to v1.2.3 now.", "It is safe."}},
    {"en_version_at_end",
     "en",
     "Upgrade to v1.2.3. It is safe.",
     {"Upgrade to v1.2.3.", "It is safe."}},
    {"en_decimal", "en", "Pi is 3.14 or so. Nice.", {"Pi is 3.14 or so.", "Nice."}},
    {"en_domain_is_no_boundary",
     "en",
     "Visit example.org today. Thanks.",
     {"Visit example.org today.", "Thanks."}},
    {"en_url_with_trailing_period",
     "en",
     "Go to https://a.org/b.c. Then stop.",
     {"Go to https://a.org/b.c.", "Then stop."}},
    {"en_www_url", "en", "See www.Example.com/A. Thanks.", {"See www.Example.com/A.", "Thanks."}},
    {"en_ellipsis_lowercase_continues", "en", "Wait... what? Okay.", {"Wait... what?", "Okay."}},
    {"en_ellipsis_glued", "en", "Wait...What is it? Fine.", {"Wait...What is it?", "Fine."}},
    {"en_question_exclamation", "en", "Really? Yes! Good.", {"Really?", "Yes!", "Good."}},
    {"en_numbered_list_markers_stay",
     "en",
     "1. Install it. 2. Run it.",
     {"1. Install it.", "2. Run it."}},
    {"en_list_after_colon", "en", "Steps: 1. Install. 2. Run.", {"Steps: 1. Install.", "2. Run."}},
    {"en_year_ends_sentence",
     "en",
     "It was 2023. Then came 2024.",
     {"It was 2023.", "Then came 2024."}},
    {"en_inline_code_with_dots",
     "en",
     "Call `a.b(). C.d()` first. Then go.",
     {"Call `a.b(). C.d()` first.", "Then go."}},
    {"en_double_backtick_code",
     "en",
     "Use ``x `y`. Z`` here. Ok.",
     {"Use ``x `y`. Z`` here.", "Ok."}},
    {"en_link_destination",
     "en",
     "Read [the docs. Now](http://x.y/z.html). Then go.",
     {"Read [the docs. Now](http://x.y/z.html).", "Then go."}},
    {"en_html_comment",
     "en",
     "Text <!-- a. B --> more. End.",
     {"Text <!-- a. B --> more.", "End."}},
    {"en_soft_line_break",
     "en",
     "This is a line\nwrapped here. Next one.",
     {"This is a line\nwrapped here.", "Next one."}},
    {"en_parenthesis_stays", "en", "It works (mostly.) Try it.", {"It works (mostly.)", "Try it."}},
    {"en_question_before_lowercase_continues",
     "en",
     "Ask (why?) then go. Ok.",
     {"Ask (why?) then go.", "Ok."}},
    {"en_section_number_ends_sentence",
     "en",
     "See section 2. The end.",
     {"See section 2.", "The end."}},
    {"en_comma_after_quote_continues",
     "en",
     "\"Really?\", he asked. Yes.",
     {"\"Really?\", he asked.", "Yes."}},
    {"en_emoji_after_terminator",
     "en",
     "We shipped! 🎉 Next week more.",
     {"We shipped! 🎉", "Next week more."}},
    {"en_emoji_zwj_sequence",
     "en",
     "Team 👩‍💻 done. Next.",
     {"Team 👩‍💻 done.", "Next."}},
    {"en_closing_tag_after_space",
     "en",
     "It is <em>done.</em> Next.",
     {"It is <em>done.</em>", "Next."}},
    {"en_mixed_quotes_curly",
     "en",
     "He said \u201cno.\u201d She agreed.",
     {"He said \u201cno.\u201d", "She agreed."}},
    {"en_no_lang_falls_back", "", "One. Two.", {"One.", "Two."}},
    {"en_unknown_lang_falls_back", "xx-Qqqq", "One. Two.", {"One.", "Two."}},
    {"en_single_sentence_no_final_stop", "en", "Just words", {"Just words"}},
    {"en_email_with_dots",
     "en",
     "Mail j.doe@mail.example.com. Thanks.",
     {"Mail j.doe@mail.example.com.", "Thanks."}},

    /* ---- white space only ---- */
    {"empty_gives_nothing", "zh-Hans", "", {NULL}},
    {"spaces_give_nothing", "en", "  \t\n ", {NULL}},
    {"ideographic_spaces_give_nothing", "ja", "　　\n　", {NULL}},
};

static void check_case(const seg_case *tc)
{
    yk_range *r = NULL;
    size_t n = 0, want_n = 0, i;
    int rc, ok;

    while (want_n < MAX_SENTENCES && tc->want[want_n])
        want_n++;
    rc = yk_segment_sentences(&r, &n, tc->text, strlen(tc->text), tc->lang);
    ok = rc == 0 && n == want_n;
    for (i = 0; ok && i < n; i++)
        ok = r[i].len == strlen(tc->want[i]) &&
             memcmp(tc->text + r[i].off, tc->want[i], r[i].len) == 0;
    if (!ok) {
        print_error("case %s [%s] rc=%d: got %zu sentence(s), want %zu\n", tc->name, tc->lang, rc,
                    n, want_n);
        for (i = 0; i < n; i++)
            print_error("  got  [%.*s]\n", (int)r[i].len, tc->text + r[i].off);
        for (i = 0; i < want_n; i++)
            print_error("  want [%s]\n", tc->want[i]);
    }
    free(r);
    assert_true(ok);
}

static void test_segment_case(void **state)
{
    check_case(*state);
}

/* Ranges are in order, non-overlapping, non-empty and trimmed for every row. */
static void test_segment_ranges_are_ordered_trimmed_nonempty(void **state)
{
    size_t k;
    (void)state;
    for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        yk_range *r = NULL;
        size_t n = 0, i, end = 0;
        assert_int_equal(
            yk_segment_sentences(&r, &n, cases[k].text, strlen(cases[k].text), cases[k].lang), 0);
        for (i = 0; i < n; i++) {
            const char *s = cases[k].text + r[i].off;
            assert_true(r[i].len > 0);
            assert_true(r[i].off >= end);
            assert_true(s[0] != ' ' && s[0] != '\n' && s[r[i].len - 1] != ' ' &&
                        s[r[i].len - 1] != '\n');
            end = r[i].off + r[i].len;
        }
        free(r);
    }
}

static void test_segment_invalid_utf8_is_einval(void **state)
{
    static const char *const bad[] = {"abc\xff. def", "\xe4\xbd", "\xc0\xaf", "\xed\xa0\x80.",
                                      "ok\xf5\x80\x80\x80"};
    size_t k;
    (void)state;
    for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
        yk_range *r = (yk_range *)&k;
        size_t n = 99;
        assert_int_equal(yk_segment_sentences(&r, &n, bad[k], strlen(bad[k]), "en"), YK_EINVAL);
        assert_null(r);
        assert_int_equal(n, 0);
        assert_int_equal(yk_error_last()->code, YK_EINVAL);
    }
}

/* Not NUL-terminated: the segmenter must stay within 'len'. */
static void test_segment_reads_only_len_bytes(void **state)
{
    static const char text[] = "Go. Do. Be.";
    yk_range *r = NULL;
    size_t n = 0;
    char *copy;
    (void)state;
    copy = malloc(7);
    memcpy(copy, text, 7);
    assert_int_equal(yk_segment_sentences(&r, &n, copy, 7, "en"), 0);
    assert_int_equal(n, 2);
    assert_int_equal(r[0].off, 0);
    assert_int_equal(r[0].len, 3);
    assert_int_equal(r[1].off, 4);
    assert_int_equal(r[1].len, 3);
    free(r);
    free(copy);
}

/* The iterator cache must not mix languages up when they alternate. */
static void test_segment_alternating_languages_share_nothing(void **state)
{
    static const char *const langs[] = {"en", "ja", "ko", "zh-Hans", "zh-Hant", "de", "fr"};
    size_t k;
    (void)state;
    for (k = 0; k < 3 * sizeof(langs) / sizeof(langs[0]); k++) {
        yk_range *r = NULL;
        size_t n = 0;
        assert_int_equal(yk_segment_sentences(&r, &n, "你好。再见。", strlen("你好。再见。"),
                                              langs[k % (sizeof(langs) / sizeof(langs[0]))]),
                         0);
        assert_int_equal(n, 2);
        free(r);
    }
    yk_segment_cleanup();
    yk_segment_cleanup();
}

/* ---- joiner ---- */

static void test_joiner_cjk_is_empty_and_others_space(void **state)
{
    (void)state;
    assert_string_equal(yk_segment_joiner("ja"), "");
    assert_string_equal(yk_segment_joiner("zh-Hans"), "");
    assert_string_equal(yk_segment_joiner("zh-Hant"), "");
    assert_string_equal(yk_segment_joiner("zh-CN"), "");
    assert_string_equal(yk_segment_joiner("ZH_tw"), "");
    assert_string_equal(yk_segment_joiner("ja-JP"), "");
    assert_string_equal(yk_segment_joiner("ko"), " ");
    assert_string_equal(yk_segment_joiner("ko-KR"), " ");
    assert_string_equal(yk_segment_joiner("en"), " ");
    assert_string_equal(yk_segment_joiner("jav"), " ");
    assert_string_equal(yk_segment_joiner(""), " ");
    assert_string_equal(yk_segment_joiner(NULL), " ");
}

static void test_lang_is_cjk_only_for_chinese_and_japanese(void **state)
{
    (void)state;
    assert_true(yk_segment_lang_is_cjk("zh"));
    assert_true(yk_segment_lang_is_cjk("zh-Hans-CN"));
    assert_true(yk_segment_lang_is_cjk("ja"));
    assert_false(yk_segment_lang_is_cjk("ko"));
    assert_false(yk_segment_lang_is_cjk("en"));
    assert_false(yk_segment_lang_is_cjk("zhx"));
    assert_false(yk_segment_lang_is_cjk(NULL));
}

/* ---- unwrap_cjk ---- */

typedef struct unwrap_case {
    const char *name, *in, *want;
} unwrap_case;

static const unwrap_case unwraps[] = {
    {"drops_break_between_han", "开源社区\n需要贡献者。", "开源社区需要贡献者。"},
    {"drops_break_and_blanks_between_kana", "これは  \t\n  文です。", "これは文です。"},
    {"drops_break_between_cjk_and_latin", "使用\nGit 管理。", "使用Git 管理。"},
    {"drops_break_between_latin_and_cjk", "Git\n管理。", "Git管理。"},
    {"drops_break_after_full_stop", "完了。\nNext", "完了。Next"},
    {"latin_break_becomes_space", "open\nsource", "open source"},
    {"latin_break_with_blanks_becomes_one_space", "open \n  source", "open source"},
    {"hangul_break_becomes_space", "오픈소스는\n협업입니다", "오픈소스는 협업입니다"},
    {"crlf_is_a_break", "开源\r\n社区", "开源社区"},
    {"several_breaks", "一\n二\nthree\nfour\n五", "一二three four五"},
    {"blank_line_kept", "段落一\n\n段落二", "段落一\n\n段落二"},
    {"leading_and_trailing_breaks_kept", "\n开源\n", "\n开源\n"},
    {"markdown_hard_break_kept", "开源  \n社区", "开源  \n社区"},
    {"backslash_hard_break_kept", "开源\\\n社区", "开源\\\n社区"},
    {"no_break_unchanged", "没有换行", "没有换行"},
    {"empty_unchanged", "", ""},
    {"emoji_and_latin_break_becomes_space", "🎉\nyes", "🎉 yes"},
};

static void test_unwrap_cjk_table(void **state)
{
    size_t k;
    (void)state;
    for (k = 0; k < sizeof(unwraps) / sizeof(unwraps[0]); k++) {
        yk_buf b = YK_BUF_INIT;
        yk_segment_unwrap_cjk(&b, unwraps[k].in, strlen(unwraps[k].in));
        if (strcmp(b.buf, unwraps[k].want) != 0)
            print_error("unwrap %s: got [%s] want [%s]\n", unwraps[k].name, b.buf, unwraps[k].want);
        assert_string_equal(b.buf, unwraps[k].want);
        yk_buf_release(&b);
    }
}

static void test_unwrap_cjk_appends(void **state)
{
    yk_buf b = YK_BUF_INIT;
    (void)state;
    yk_buf_puts(&b, "前：");
    yk_segment_unwrap_cjk(&b, "一\n二", strlen("一\n二"));
    assert_string_equal(b.buf, "前：一二");
    yk_buf_release(&b);
}

static void test_unwrap_cjk_invalid_bytes_survive(void **state)
{
    yk_buf b = YK_BUF_INIT;
    (void)state;
    yk_segment_unwrap_cjk(&b, "a\xff\nb", 4);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.buf, "a\xff b", 4);
    yk_buf_release(&b);
}

static int teardown_all(void **state)
{
    (void)state;
    yk_segment_cleanup();
    return 0;
}

int main(void)
{
    enum { NCASES = sizeof(cases) / sizeof(cases[0]) };
    struct CMUnitTest tests[NCASES + 12];
    size_t k, t = 0;

    for (k = 0; k < NCASES; k++) {
        struct CMUnitTest u = {cases[k].name, test_segment_case, NULL, NULL, (void *)&cases[k]};
        tests[t++] = u;
    }
#define ADD(fn)                                                                                    \
    do {                                                                                           \
        struct CMUnitTest u = cmocka_unit_test(fn);                                                \
        tests[t++] = u;                                                                            \
    } while (0)
    ADD(test_segment_ranges_are_ordered_trimmed_nonempty);
    ADD(test_segment_invalid_utf8_is_einval);
    ADD(test_segment_reads_only_len_bytes);
    ADD(test_segment_alternating_languages_share_nothing);
    ADD(test_joiner_cjk_is_empty_and_others_space);
    ADD(test_lang_is_cjk_only_for_chinese_and_japanese);
    ADD(test_unwrap_cjk_table);
    ADD(test_unwrap_cjk_appends);
    ADD(test_unwrap_cjk_invalid_bytes_survive);
#undef ADD
    return _cmocka_run_group_tests("segment", tests, t, NULL, teardown_all);
}
