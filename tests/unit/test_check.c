/*
 * The checks (src/check/), one table row per case: a source and target pair
 * (after optional context pairs for the book-wide checks) and whether a
 * given check id must fire on it.  Every id of the catalogue has at least
 * one true positive and one clean case; test_catalogue_is_covered proves it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "glossary/glossary.h"
#include "util/buf.h"

#define MAXCTX 8

typedef struct ck_case {
    const char *check;
    int want; /* 1: must fire on the last pair; 0: must not */
    const char *src_lang, *tgt_lang;
    const char *source, *target; /* target "" = untranslated */
    const char *ctx[MAXCTX];     /* source, target, source, target, ... */
} ck_case;

#define ZJ "zh-Hans", "ja"
#define ZK "zh-Hans", "ko"
#define EJ "en", "ja"
#define EZ "en", "zh-Hans"

static const ck_case cases[] = {
    /* markup and tokens */
    {"markup-link-url", 1, ZJ, "详见[文档](https://example.org/docs)。",
     "詳しくは[ドキュメント](https://example.org/doc)を参照。", {NULL}},
    {"markup-link-url", 0, ZJ, "详见[文档](https://example.org/docs)。",
     "詳しくは[ドキュメント](https://example.org/docs)を参照。", {NULL}},
    {"markup-link-url", 1, ZJ, "见[指南][guide]。", "[ガイド][guid]を参照。", {NULL}},
    {"markup-tags", 1, ZJ, "这是**非常重要**的。", "これは非常に重要です。", {NULL}},
    {"markup-tags", 1, ZJ, "按 <kbd>Ctrl</kbd> 键。", "Ctrl キーを押す。", {NULL}},
    {"markup-tags", 1, ZJ, "{{< note >}}注意{{< /note >}}", "注意{{< /note >}}", {NULL}},
    {"markup-tags", 0, ZJ, "这是**非常重要**的，按 <kbd>Ctrl</kbd> 键。",
     "これは__非常に重要__です。<kbd>Ctrl</kbd>キーを押します。", {NULL}},
    {"markup-tags", 0, ZJ, "见 `snake_case_name` 和 my_var_name。",
     "`snake_case_name` と my_var_name を参照。", {NULL}},
    {"code-span-changed", 1, ZJ, "运行 `make test` 即可。", "`make tests` を実行します。", {NULL}},
    {"code-span-changed", 1, ZJ, "运行 `make test` 即可。", "「make test」を実行します。", {NULL}},
    {"code-span-changed", 0, ZJ, "运行 `make test` 即可。", "`make test` を実行します。", {NULL}},
    {"number-missing", 1, ZJ, "共有 1,234 名贡献者。", "貢献者は123名です。", {NULL}},
    {"number-missing", 0, ZJ, "共有 1,234 名贡献者。", "貢献者は1234名です。", {NULL}},
    {"number-missing", 0, ZJ, "增长了 50%。", "５０％増えた。", {NULL}},
    {"number-missing", 0, ZJ, "有 3 个项目。", "三つのプロジェクトがある。", {NULL}},
    {"url-missing", 1, ZJ, "访问 https://yaku.example.org/about 了解更多。",
     "詳細は https://yaku.example.org/abut を参照。", {NULL}},
    {"url-missing", 0, ZJ, "访问 https://yaku.example.org/about 了解更多。",
     "詳細は https://yaku.example.org/about を参照。", {NULL}},
    {"email-missing", 1, ZJ, "请发邮件至 info@example.org。", "info@example.com まで。", {NULL}},
    {"email-missing", 0, ZJ, "请发邮件至 info@example.org。", "info@example.org まで。", {NULL}},
    {"placeholder-missing", 1, ZJ, "已处理 %d 个文件", "ファイルを処理しました", {NULL}},
    {"placeholder-missing", 1, ZJ, "你好，{name}", "こんにちは、{nom}", {NULL}},
    {"placeholder-missing", 0, ZJ, "已处理 %d 个文件，占 50%。", "%d 個のファイルを処理、50%。",
     {NULL}},
    /* completeness */
    {"empty-target", 1, ZJ, "开源很重要。", "TODO", {NULL}},
    {"empty-target", 1, ZJ, "开源很重要。", "。", {NULL}},
    {"empty-target", 1, ZJ, "开源很重要。", "   ", {NULL}},
    {"empty-target", 0, ZJ, "开源很重要。", "オープンソースは重要です。", {NULL}},
    {"untranslated", 1, ZJ, "开源很重要。", "", {NULL}},
    {"untranslated", 0, ZJ, "开源很重要。", "オープンソースは重要です。", {NULL}},
    {"identical-to-source", 1, ZJ, "社区贡献者数量快速增长。", "社区贡献者数量快速增长。", {NULL}},
    {"identical-to-source", 1, EJ, "Read the contributor guide first.",
     "Read the contributor guide first.", {NULL}},
    {"identical-to-source", 0, ZJ, "概要", "概要", {NULL}},
    {"identical-to-source", 0, EJ, "Apache Kafka", "Apache Kafka", {NULL}},
    {"script-hangul-in-ja", 1, ZJ, "开源社区。", "オープンソース커뮤니티。", {NULL}},
    {"script-hangul-in-ja", 0, ZJ, "开源社区。", "オープンソースコミュニティ。", {NULL}},
    {"script-kana-in-ko", 1, ZK, "开源社区。", "오픈소스 コミュニティ.", {NULL}},
    {"script-kana-in-ko", 0, ZK, "开源社区。", "오픈소스 커뮤니티.", {NULL}},
    {"script-simplified-in-ja-ko", 1, ZJ, "开源社区。", "开源コミュニティ。", {NULL}},
    {"script-simplified-in-ja-ko", 1, ZK, "这是开源社区。", "这是 오픈소스 커뮤니티입니다.", {NULL}},
    {"script-simplified-in-ja-ko", 0, ZJ, "在国际会议上学习。", "国際会議で学び、連携する。",
     {NULL}},
    {"script-latin-run", 1, EJ, "Read it. The project follows the Apache way of governance.",
     "読んでください。The project follows the Apache way of governance.", {NULL}},
    {"script-latin-run", 0, EJ, "Read it. The project follows the Apache way of governance.",
     "読んでください。プロジェクトは Apache Way のガバナンスに従います。", {NULL}},
    /* glossary (开源 → オープンソース / 오픈소스; forbidden オープン・ソース / 오픈 소스) */
    {"glossary-term-missing", 1, ZJ, "开源很重要。", "OSSは重要です。", {NULL}},
    {"glossary-term-missing", 0, ZJ, "开源很重要。", "オープンソースは重要です。", {NULL}},
    {"glossary-term-missing", 1, ZK, "维护者审核代码。", "관리자가 코드를 검토합니다.", {NULL}},
    {"glossary-term-missing", 0, ZK, "维护者审核代码。", "메인테이너가 코드를 검토합니다.", {NULL}},
    {"glossary-forbidden", 1, ZJ, "开源很重要。", "オープン・ソースは重要です。", {NULL}},
    {"glossary-forbidden", 1, ZK, "开源很重要。", "오픈 소스는 중요합니다.", {NULL}},
    {"glossary-forbidden", 0, ZK, "开源很重要。", "오픈소스는 중요합니다.", {NULL}},
    /* consistency */
    {"consistency-source", 1, ZJ, "开源很重要。", "オープンソースが大切です。",
     {"开源很重要。", "オープンソースは重要です。", "开源很重要。", "オープンソースは重要です。"}},
    {"consistency-source", 0, ZJ, "开源很重要。", "オープンソースは重要です",
     {"开源很重要。", "オープンソースは重要です。"}},
    {"consistency-target", 1, ZJ, "贡献者的数量在过去一年里增长了两倍以上。",
     "私たちは毎年年次報告書を発行し、コミュニティの発展をまとめています。",
     {"我们每年发布一次年度报告，总结社区的发展。",
      "私たちは毎年年次報告書を発行し、コミュニティの発展をまとめています。"}},
    {"consistency-target", 0, ZJ, "概述", "概要", {"概览", "概要"}},
    {"consistency-term", 1, ZJ, "开源社区", "オープン・ソースのコミュニティ",
     {"开源很重要。", "オープンソースは重要です。"}},
    {"consistency-term", 0, ZJ, "开源社区", "オープンソースのコミュニティ",
     {"开源很重要。", "オープンソースは重要です。"}},
    /* Japanese */
    {"ja-fullwidth-punct", 1, ZJ, "这是笔。下一步。", "これはペンです.次に進みます.", {NULL}},
    {"ja-fullwidth-punct", 1, ZJ, "他说“你好”。", "彼は“こんにちは”と言った。", {NULL}},
    {"ja-fullwidth-punct", 1, ZJ, "开源，社区。", "オープンソース，コミュニティ。", {NULL}},
    {"ja-fullwidth-punct", 0, ZJ, "使用 1.2 版和 Node.js。", "バージョン1.2とNode.jsを使う。",
     {NULL}},
    {"ja-fullwidth-punct", 0, ZJ, "他说“你好”。", "彼は「こんにちは」と言った。", {NULL}},
    {"ja-space-around-punct", 1, ZJ, "这是笔。下一步。", "これはペンです。 次に進みます。", {NULL}},
    {"ja-space-around-punct", 1, ZJ, "他说“你好”。", "彼は 「こんにちは」と言った。", {NULL}},
    {"ja-space-around-punct", 0, ZJ, "这是笔。下一步。", "これはペンです。次に進みます。", {NULL}},
    {"ja-alnum-spacing", 1, ZJ, "在 GitHub 上公开代码。", "GitHub でコードを公開する。",
     {"Apache 项目。", "Apacheのプロジェクトです。", "使用 Linux。", "Linuxを使う。", "使用 Kafka。",
      "Kafkaを使う。"}},
    {"ja-alnum-spacing", 0, ZJ, "在 GitHub 上公开代码。", "GitHubでコードを公開する。",
     {"Apache 项目。", "Apacheのプロジェクトです。", "使用 Linux。", "Linuxを使う。"}},
    {"ja-fullwidth-digits", 1, ZJ, "2024 年的报告", "２０２４年の報告", {NULL}},
    {"ja-fullwidth-digits", 0, ZJ, "2024 年的报告", "2024年の報告", {NULL}},
    {"ja-long-vowel", 1, ZJ, "停止服务器。", "サーバを停止する。",
     {"启动服务器。", "サーバーを起動する。", "重启服务器。", "サーバーを再起動する。"}},
    {"ja-long-vowel", 0, ZJ, "停止服务器。", "サーバーを停止する。",
     {"启动服务器。", "サーバーを起動する。"}},
    /* Korean */
    {"ko-space-after-punct", 1, ZK, "这是笔。下一步。", "이것은 펜입니다.다음으로 넘어갑니다.",
     {NULL}},
    {"ko-space-after-punct", 1, ZK, "很好。", "좋습니다 .", {NULL}},
    {"ko-space-after-punct", 0, ZK, "这是笔。下一步。", "이것은 펜입니다. 다음으로 넘어갑니다.",
     {NULL}},
    {"ko-space-after-punct", 0, ZK, "使用 1.2 版……", "버전 1.2를 사용합니다...", {NULL}},
    {"ko-fullwidth-punct", 1, ZK, "开源很重要。", "오픈소스는 중요합니다。", {NULL}},
    {"ko-fullwidth-punct", 0, ZK, "开源很重要。", "오픈소스는 중요합니다.", {NULL}},
    {"ko-spelling", 1, ZK, "就这样结束了。", "그렇게 끝나 버렸다. 결국 그렇게 됬다.", {NULL}},
    {"ko-spelling", 0, ZK, "就这样结束了。", "그렇게 끝나 버렸다. 결국 그렇게 됐다.", {NULL}},
    {"ko-spelling", 0, ZK, "维护者审核了代码。", "메인테이너가 코드를 검토했습니다.", {NULL}},
    /* Chinese targets */
    {"zh-cjk-latin-space", 1, EZ, "Use GitHub to collaborate.", "使用GitHub协作。", {NULL}},
    {"zh-cjk-latin-space", 0, EZ, "Use GitHub to collaborate.", "使用 GitHub 协作。", {NULL}},
    {"zh-fullwidth-punct", 1, EZ, "Use GitHub, it is easy.", "使用 GitHub 协作,非常方便.", {NULL}},
    {"zh-fullwidth-punct", 0, EZ, "Use GitHub, it is easy.", "使用 GitHub 协作，非常方便。",
     {NULL}},
    /* form */
    {"whitespace-edges", 1, ZJ, "开源很重要。", "オープンソースは重要です。 ", {NULL}},
    {"whitespace-edges", 0, ZJ, "开源很重要。", "オープンソースは重要です。", {NULL}},
    {"doubled-word", 1, ZJ, "写代码。", "コードをを書く。", {NULL}},
    {"doubled-word", 1, ZK, "社区在成长。", "커뮤니티가 성장하고 있습니다 있습니다.", {NULL}},
    {"doubled-word", 1, EZ, "Read the guide.", "阅读 the the guide。", {NULL}},
    {"doubled-word", 0, ZJ, "各种各样的人。", "いろいろな人がいる。", {NULL}},
    {"doubled-word", 0, ZK, "一个一个来。", "하나 하나씩 옵니다.", {NULL}},
    {"doubled-punct", 1, ZJ, "很重要。", "重要です。。", {NULL}},
    {"doubled-punct", 1, ZK, "很重要，真的。", "중요합니다,, 정말로.", {NULL}},
    {"doubled-punct", 0, ZJ, "等等……", "などなど……", {NULL}},
    {"doubled-punct", 0, EJ, "Wait...", "待って...", {NULL}},
    {"length-ratio", 1, ZJ, "开源社区在过去十年里经历了从边缘到主流的巨大转变，越来越多的企业参与其中。",
     "変化した。", {NULL}},
    {"length-ratio", 0, ZJ, "开源社区在过去十年里经历了从边缘到主流的巨大转变，越来越多的企业参与其中。",
     "オープンソースコミュニティはこの10年で周縁から主流へと大きく変わり、参加する企業も増え続けて"
     "いる。",
     {NULL}},
    {"soft-break-cjk", 1, ZJ, "开源很重要。", "オープンソースは\n重要です。", {NULL}},
    {"soft-break-cjk", 0, ZJ, "开源很重要。", "オープンソースは重要です。", {NULL}},
    {"soft-break-cjk", 0, ZJ, "开源很重要。", "Open source\nmatters.", {NULL}},
};

enum { NCASES = sizeof(cases) / sizeof(cases[0]) };

static yk_project *proj;
static char projdir[256];
static yk_glossary *gloss_ja, *gloss_ko;

static int setup_all(void **state)
{
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    yk_glossary_add_options ga = YK_GLOSSARY_ADD_OPTIONS_INIT;
    const char *fj[] = {"オープン・ソース"}, *fk[] = {"오픈 소스"};
    int created;
    (void)state;
    snprintf(projdir, sizeof(projdir), "%s/yaku-check-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(projdir))
        return -1;
    o.source_lang = "zh-Hans";
    o.target_langs = "ja,ko";
    o.user = "tester@example.org";
    if (yk_project_init(&proj, projdir, &o) != YK_OK || yk_project_begin(proj) != YK_OK)
        return -1;
    ga.forbidden = fj;
    ga.nforbidden = 1;
    if (yk_glossary_add(&created, proj, "开源", "ja", "オープンソース", &ga) != YK_OK)
        return -1;
    ga.forbidden = fk;
    if (yk_glossary_add(&created, proj, "开源", "ko", "오픈소스", &ga) != YK_OK)
        return -1;
    ga.forbidden = NULL;
    ga.nforbidden = 0;
    if (yk_glossary_add(&created, proj, "维护者", "ja", "メンテナー", &ga) != YK_OK ||
        yk_glossary_add(&created, proj, "维护者", "ko", "메인테이너", &ga) != YK_OK ||
        yk_project_commit(proj) != YK_OK)
        return -1;
    if (yk_glossary_load(&gloss_ja, proj, "ja") != YK_OK ||
        yk_glossary_load(&gloss_ko, proj, "ko") != YK_OK)
        return -1;
    return 0;
}

static int teardown_all(void **state)
{
    char cmd[400];
    (void)state;
    yk_glossary_free(gloss_ja);
    yk_glossary_free(gloss_ko);
    yk_project_close(proj);
    yk_ck_spell_cleanup();
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", projdir);
    return system(cmd) == 0 ? 0 : -1;
}

typedef struct seen {
    char ids[1024];
    char messages[4096];
} seen;

static int collect(const yk_check_finding *f, void *payload)
{
    seen *s = payload;
    if (strcmp(f->chapter, "t") != 0)
        return 0;
    strncat(s->ids, ",", sizeof(s->ids) - strlen(s->ids) - 1);
    strncat(s->ids, f->check, sizeof(s->ids) - strlen(s->ids) - 1);
    snprintf(s->messages + strlen(s->messages), sizeof(s->messages) - strlen(s->messages),
             "  [%s] %s\n", f->check, f->message);
    return 0;
}

static int has_id(const char *ids, const char *id)
{
    size_t n = strlen(id);
    const char *p = ids;
    while ((p = strstr(p, id)) != NULL) {
        if (p > ids && p[-1] == ',' && (p[n] == ',' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

typedef struct row {
    const char *chapter;
    int n;
    const char *state, *source, *target;
} row;

/* The two walks of a session over rows, as yk_check_run makes them over a
 * book: learn every row, hand over the rows the messages quote, check
 * every row (one batch). */
static void walk(yk_ck_session *s, const row *r, size_t n)
{
    const char *chapter;
    size_t i;
    int num;
    for (i = 0; i < n; i++)
        yk_ck_session_learn(s, r[i].chapter, r[i].n, r[i].state, r[i].source,
                            strlen(r[i].source), r[i].target, strlen(r[i].target));
    yk_ck_session_learned(s);
    while ((i = yk_ck_session_next_quote(s, &chapter, &num)) != SIZE_MAX) {
        assert_true(i < n);
        assert_string_equal(chapter, r[i].chapter);
        assert_int_equal(num, r[i].n);
        yk_ck_session_quote(s, i, r[i].chapter, r[i].n, r[i].source, r[i].target);
    }
    for (i = 0; i < n; i++)
        yk_ck_session_add(s, r[i].chapter, r[i].n, r[i].state, r[i].source, r[i].target);
}

/* Run every check on one case; the findings of the last pair go to *out. */
static void run_case(seen *out, const ck_case *c, int fix, char **fixed)
{
    yk_ck_session *s = NULL;
    const yk_glossary *g = NULL;
    row rows[MAXCTX / 2 + 1];
    size_t i, n = 0;
    memset(out, 0, sizeof(*out));
    if (strcmp(c->src_lang, "zh-Hans") == 0)
        g = strcmp(c->tgt_lang, "ja") == 0 ? gloss_ja : strcmp(c->tgt_lang, "ko") == 0 ? gloss_ko
                                                                                      : NULL;
    assert_int_equal(yk_ck_session_new(&s, c->src_lang, c->tgt_lang, NULL, g, fix), YK_OK);
    for (i = 0; i + 1 < MAXCTX && c->ctx[i]; i += 2) {
        row r = {"ctx", (int)(i / 2 + 1), "translated", c->ctx[i], c->ctx[i + 1]};
        rows[n++] = r;
    }
    {
        row r = {"t", 1, c->target[0] ? "translated" : "new", c->source, c->target};
        rows[n++] = r;
    }
    walk(s, rows, n);
    assert_int_equal(yk_ck_session_report(s, c->tgt_lang, collect, out), YK_OK);
    if (fixed) {
        yk_ck_stored *st = yk_ck_session_segment(s, yk_ck_session_count(s) - 1);
        *fixed = st->fixed ? strdup(st->fixed) : NULL;
    }
    yk_ck_session_free(s);
}

static void test_check_case(void **state)
{
    const ck_case *c = *state;
    seen out;
    run_case(&out, c, 0, NULL);
    if (has_id(out.ids, c->check) != c->want)
        fail_msg("[%s] should %sfire on\n  source: %s\n  target: %s\nfindings:\n%s", c->check,
                 c->want ? "" : "not ", c->source, c->target, out.messages);
}

static int cover(const yk_check_info *info, void *payload)
{
    size_t k;
    int pos = 0, neg = 0;
    (void)payload;
    for (k = 0; k < NCASES; k++) {
        if (strcmp(cases[k].check, info->check) != 0)
            continue;
        pos |= cases[k].want;
        neg |= !cases[k].want;
    }
    if (!pos || !neg)
        fail_msg("check '%s' lacks a %s case", info->check, pos ? "clean" : "true-positive");
    return 0;
}

static void test_catalogue_is_covered(void **state)
{
    (void)state;
    assert_int_equal(yk_check_catalogue(cover, NULL), YK_OK);
}

static int count_ids(const yk_check_info *info, void *payload)
{
    size_t *n = payload;
    assert_non_null(info->description);
    assert_true(strlen(info->description) > 20);
    (*n)++;
    return 0;
}

static void test_catalogue_ids_are_unique_and_described(void **state)
{
    size_t n = 0, i, j;
    (void)state;
    assert_int_equal(yk_check_catalogue(count_ids, &n), YK_OK);
    assert_int_equal(n, CK_COUNT);
    for (i = 0; i < CK_COUNT; i++)
        for (j = i + 1; j < CK_COUNT; j++)
            assert_string_not_equal(yk_check_defs[i].id, yk_check_defs[j].id);
}

static void test_only_rejects_unknown_id(void **state)
{
    yk_ck_session *s = NULL;
    (void)state;
    assert_int_equal(yk_ck_session_new(&s, "zh-Hans", "ja", "markup-tags,no-such-check", NULL, 0),
                     YK_EINVAL);
    assert_null(s);
    assert_non_null(strstr(yk_error_last()->message, "no-such-check"));
}

static void test_only_runs_the_named_checks(void **state)
{
    static const row r = {"t", 1, "translated", "这是**2024**年。", "これは２０２４年です."};
    yk_ck_session *s = NULL;
    seen out;
    (void)state;
    memset(&out, 0, sizeof(out));
    assert_int_equal(yk_ck_session_new(&s, "zh-Hans", "ja", "ja-fullwidth-digits", NULL, 0), YK_OK);
    walk(s, &r, 1);
    yk_ck_session_report(s, "ja", collect, &out);
    yk_ck_session_free(s);
    assert_string_equal(out.ids, ",ja-fullwidth-digits");
}

/* Findings as "chapter:n [check] message" lines. */
static int collect_lines(const yk_check_finding *f, void *payload)
{
    yk_buf *b = payload;
    yk_buf_printf(b, "%s:%d [%s] %s\n", f->chapter, f->n, f->check, f->message);
    return 0;
}

/* The book-wide checks see the whole book although the second walk keeps
 * one document at a time: a finding in the first document names a
 * segment of the second (quoted before the second walk reached it), the
 * untranslated count covers the chapter's two documents, the long-vowel
 * spelling is counted over both. */
static void test_book_wide_findings_cross_documents(void **state)
{
    static const row doc1[] = {
        {"a", 1, "translated", "开源很重要。", "オープンソースが大切です。"},
        {"a", 2, "translated", "请联系服务器管理员。", "サーバーの管理者に連絡してください。"},
        {"a", 3, "new", "尚未翻译。", ""},
    };
    static const row doc2[] = {
        {"a", 4, "new", "也未翻译。", ""},
        {"b", 1, "translated", "开源很重要。", "オープンソースは重要です。"},
        {"b", 2, "translated", "开源很重要！", "オープンソースは重要です！"},
        {"b", 3, "translated", "服务器已重启。", "サーバが再起動しました。"},
        {"b", 4, "translated", "服务器很慢。", "サーバが遅いです。"},
    };
    row all[8];
    const char *chapter;
    int num;
    yk_buf got = YK_BUF_INIT;
    yk_ck_session *s = NULL;
    size_t i, n1 = sizeof(doc1) / sizeof(doc1[0]), n2 = sizeof(doc2) / sizeof(doc2[0]);
    (void)state;
    memcpy(all, doc1, sizeof(doc1));
    memcpy(all + n1, doc2, sizeof(doc2));
    assert_int_equal(yk_ck_session_new(&s, "zh-Hans", "ja",
                                       "consistency-source,untranslated,ja-long-vowel", NULL, 0),
                     YK_OK);
    for (i = 0; i < n1 + n2; i++)
        yk_ck_session_learn(s, all[i].chapter, all[i].n, all[i].state, all[i].source,
                            strlen(all[i].source), all[i].target, strlen(all[i].target));
    yk_ck_session_learned(s);
    /* the most common translation is first used in b:1 */
    assert_true(yk_ck_session_next_quote(s, &chapter, &num) == n1 + 1);
    assert_string_equal(chapter, "b");
    assert_int_equal(num, 1);
    yk_ck_session_quote(s, n1 + 1, "b", 1, all[n1 + 1].source, all[n1 + 1].target);
    assert_true(yk_ck_session_next_quote(s, &chapter, &num) == SIZE_MAX);
    for (i = 0; i < n1; i++)
        yk_ck_session_add(s, doc1[i].chapter, doc1[i].n, doc1[i].state, doc1[i].source,
                          doc1[i].target);
    assert_int_equal(yk_ck_session_report(s, "ja", collect_lines, &got), YK_OK);
    yk_ck_session_clear(s);
    assert_int_equal(yk_ck_session_count(s), 0);
    for (i = 0; i < n2; i++)
        yk_ck_session_add(s, doc2[i].chapter, doc2[i].n, doc2[i].state, doc2[i].source,
                          doc2[i].target);
    assert_int_equal(yk_ck_session_report(s, "ja", collect_lines, &got), YK_OK);
    yk_ck_session_free(s);
    assert_string_equal(got.buf,
                        "a:1 [consistency-source] the same source is translated as "
                        "'オープンソースは重要です。' in b:1 and elsewhere\n"
                        "a:2 [ja-long-vowel] 'サーバー' here, 'サーバ' in 2 other places of the "
                        "book\n"
                        "a:3 [untranslated] 2 of 4 segments of 'a' are not translated yet\n");
    yk_buf_release(&got);
}

/* --fix: the meaning-preserving corrections chain (width, then spacing). */
static void test_fix_chain_ja(void **state)
{
    static const ck_case c = {"ja-fullwidth-punct", 1, ZJ, "这是笔，２个。下一步。",
                              "これはペンです, ２個です. 次に進みます.", {NULL}};
    seen out;
    char *fixed = NULL;
    (void)state;
    run_case(&out, &c, 1, &fixed);
    assert_non_null(fixed);
    assert_string_equal(fixed, "これはペンです、2個です。次に進みます。");
    free(fixed);
}

static void test_fix_ko_and_edges(void **state)
{
    static const ck_case c = {"ko-fullwidth-punct", 1, ZK, "很好。下一步。",
                              " 좋습니다。다음으로 넘어갑니다.", {NULL}};
    seen out;
    char *fixed = NULL;
    (void)state;
    run_case(&out, &c, 1, &fixed);
    assert_non_null(fixed);
    assert_string_equal(fixed, "좋습니다. 다음으로 넘어갑니다.");
    free(fixed);
}

static void test_fix_leaves_meaning_alone(void **state)
{
    /* a changed URL is an error but has no automatic fix */
    static const ck_case c = {"markup-link-url", 1, ZJ, "见[文档](https://a.example/x)。",
                              "[文書](https://a.example/y)を参照。", {NULL}};
    seen out;
    char *fixed = (char *)"unset";
    (void)state;
    run_case(&out, &c, 1, &fixed);
    assert_true(has_id(out.ids, "markup-link-url"));
    assert_null(fixed);
}

static void test_scan_tokens(void **state)
{
    yk_ck_text t;
    const char *s = "见 [文档](https://x.example/a \"标题\") 和 `a]b` 及 <br/>、**粗**，"
                    "邮件 me@x.example，{{< fig src=\"a\" >}} 共 12,345 人 %s";
    size_t kinds[TK_NUMBER + 1] = {0}, i;
    (void)state;
    yk_ck_scan(&t, s, strlen(s));
    for (i = 0; i < t.ntok; i++)
        kinds[t.tok[i].kind]++;
    assert_int_equal(kinds[TK_LINK], 1);
    assert_int_equal(kinds[TK_CODE], 1);
    assert_int_equal(kinds[TK_HTML], 1);
    assert_int_equal(kinds[TK_EMPH], 2);
    assert_int_equal(kinds[TK_EMAIL], 1);
    assert_int_equal(kinds[TK_SHORTCODE], 1);
    assert_int_equal(kinds[TK_NUMBER], 1);
    assert_int_equal(kinds[TK_PLACEHOLDER], 1);
    for (i = 0; i < t.ntok; i++) {
        if (t.tok[i].kind == TK_LINK)
            assert_string_equal(YK_CK_VAL(&t, &t.tok[i]), "https://x.example/a");
        if (t.tok[i].kind == TK_NUMBER)
            assert_string_equal(YK_CK_VAL(&t, &t.tok[i]), "12345");
    }
    yk_ck_text_release(&t);
}

int main(void)
{
    struct CMUnitTest tests[NCASES + 16];
    static char names[NCASES][96];
    size_t k, t = 0;

    for (k = 0; k < NCASES; k++) {
        struct CMUnitTest u = {names[k], test_check_case, NULL, NULL, (void *)&cases[k]};
        snprintf(names[k], sizeof(names[k]), "%s_%s_%zu", cases[k].check,
                 cases[k].want ? "fires" : "clean", k);
        tests[t++] = u;
    }
#define ADD(fn)                                                                                    \
    do {                                                                                           \
        struct CMUnitTest u = cmocka_unit_test(fn);                                                \
        tests[t++] = u;                                                                            \
    } while (0)
    ADD(test_catalogue_is_covered);
    ADD(test_catalogue_ids_are_unique_and_described);
    ADD(test_only_rejects_unknown_id);
    ADD(test_only_runs_the_named_checks);
    ADD(test_book_wide_findings_cross_documents);
    ADD(test_fix_chain_ja);
    ADD(test_fix_ko_and_edges);
    ADD(test_fix_leaves_meaning_alone);
    ADD(test_scan_tokens);
    return _cmocka_run_group_tests("check", tests, t, setup_all, teardown_all);
}
