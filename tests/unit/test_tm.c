/*
 * Translation memory through the public API: the score table, ranking of
 * planted matches, number/markup substitution, diffs, TMX round trip and
 * refusals (bad XML, missing language, invalid UTF-8, hostile DOCTYPEs),
 * and the index's recall against a brute-force scan.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaku/yaku.h>

static char dir[256];

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(name, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_file(const char *name)
{
    FILE *f = fopen(name, "rb");
    long n;
    char *s;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc((size_t)n + 1);
    assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

static yk_project *new_project(const char *sub)
{
    yk_project *p = NULL;
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", dir, sub);
    o.source_lang = "zh-Hans";
    o.target_langs = "ja,ko";
    o.title = "测试";
    o.user = "alice@example.org";
    assert_int_equal(yk_project_init(&p, path, &o), YK_OK);
    return p;
}

static int setup(void **state)
{
    snprintf(dir, sizeof(dir), "%s/yaku-tm-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    assert_int_equal(chdir(dir), 0);
    setenv("SOURCE_DATE_EPOCH", "1735689600", 1);
    *state = new_project("p");
    return 0;
}

static int teardown(void **state)
{
    char cmd[600];
    yk_project_close(*state);
    assert_int_equal(chdir("/"), 0);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    return 0;
}

static size_t tm_count(yk_project *p)
{
    size_t n = 0;
    char *s;
    assert_int_equal(yk_tm_export_tmx(&n, p, "count.tmx", &(yk_tm_export_options)YK_TM_EXPORT_OPTIONS_INIT),
                     YK_OK);
    s = read_file("count.tmx");
    free(s);
    return n;
}

/* A TMX file of (source, target) pairs, zh-Hans -> ja unless langs say otherwise. */
static void write_tmx(const char *name, const char *src, const char *tgt, const char *const *pairs,
                      size_t n)
{
    FILE *f = fopen(name, "wb");
    size_t i;
    assert_non_null(f);
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header "
               "creationtool=\"test\" creationtoolversion=\"1\" datatype=\"plaintext\" "
               "segtype=\"sentence\" adminlang=\"en\" srclang=\"%s\" o-tmf=\"test\"/><body>\n",
            src);
    for (i = 0; i < n; i++)
        fprintf(f, "<tu creationdate=\"20240102T030405Z\"><tuv xml:lang=\"%s\"><seg>%s</seg></tuv>"
                   "<tuv xml:lang=\"%s\"><seg>%s</seg></tuv></tu>\n",
                src, pairs[2 * i], tgt, pairs[2 * i + 1]);
    fputs("</body></tmx>\n", f);
    fclose(f);
}

static void import_ok(yk_project *p, const char *path, yk_tm_import_result *r)
{
    assert_int_equal(yk_project_begin(p), YK_OK);
    if (yk_tm_import_tmx(r, p, path) != YK_OK)
        fail_msg("import %s: %s", path, yk_error_last()->message);
    assert_int_equal(yk_project_commit(p), YK_OK);
}

/* ---- scores ---- */

static int score(const char *a, const char *b, const char *lang)
{
    return yk_tm_score(a, strlen(a), b, strlen(b), lang);
}

static void test_score_table(void **state)
{
    (void)state;
    /* 20 Chinese characters, one changed: 19/20 */
    assert_int_equal(score("开源项目需要一个健康的社区与长期的维护者", "开源项目需要一个健康的社区与长期的维护者",
                           "zh-Hans"),
                     100);
    assert_int_equal(score("开源项目需要一个健康的社区与长期的维护者", "开源项目需要一个活跃的社区与长期的维护者",
                           "zh-Hans"),
                     90); /* 健康 -> 活跃: two characters of 20 */
    assert_int_equal(score("开源项目需要一个健康的社区与长期的维护者", "开源项目需要一个健康的社群与长期的维护者",
                           "zh-Hans"),
                     95);
    /* one inserted character in 20: 20/21 */
    assert_int_equal(score("开源项目需要一个健康的社区与长期的维护者", "开源项目需要一个很健康的社区与长期的维护者",
                           "zh-Hans"),
                     95);
    /* unrelated */
    assert_true(score("开源项目需要一个健康的社区与长期的维护者", "今天天气很好我们去公园散步吧", "zh-Hans") < 30);
    assert_true(score("The project needs a healthy community.", "Bananas are yellow and sweet.", "en") <
                30);
    /* words: one word of seven tokens (six words and the full stop) */
    assert_int_equal(score("The project needs a healthy community.",
                           "The project needs a strong community.", "en"),
                     85);
    /* one word of ten changed */
    assert_int_equal(score("we publish the annual report of the community every spring",
                           "we publish the annual report of the community every autumn", "en"),
                     90);
    /* case, spacing and full-width forms do not count, but identical is only identical */
    assert_int_equal(score("Open source is great", "open  source is GREAT", "en"), 99);
    assert_int_equal(score("ＧｉｔＨｕｂ上有42个仓库", "GitHub 上有 42 个仓库", "zh-Hans"), 99);
    /* markup spelled differently is the same markup */
    assert_int_equal(score("**开源**项目需要社区", "<b>开源</b>项目需要社区", "zh-Hans"), 99);
    assert_int_equal(score("See [the guide](https://a.example/x) first.",
                           "See [the guide](https://b.example/y) first.", "en"),
                     99);
    /* but markup that is missing is an edit per tag: 4 chars + 2 tags */
    assert_int_equal(score("开源项目", "**开源**项目", "zh-Hans"), 66);
    /* Korean: characters (11 syllables, one changed) */
    assert_int_equal(score("커뮤니티는 건강해야 한다", "커뮤니티가 건강해야 한다", "ko"), 90);
    /* Japanese mixed scripts */
    assert_int_equal(score("コミュニティの成長を支える", "コミュニティの成長を支えた", "ja"), 92);
    /* empty against text */
    assert_int_equal(score("", "x", "en"), 0);
}

/* ---- search ---- */

static const char *const planted[] = {
    "开源项目需要健康的社区。", "オープンソースプロジェクトには健全なコミュニティが必要です。",
    "开源项目需要活跃的社区。", "オープンソースプロジェクトには活発なコミュニティが必要です。",
    "开源项目需要健康的社区和资金。", "オープンソースプロジェクトには健全なコミュニティと資金が必要です。",
    "开源社区需要更多的维护者。", "オープンソースコミュニティにはもっと多くのメンテナーが必要です。",
    "今年共有 42 个仓库发布了新版本。", "今年は 42 のリポジトリが新しいバージョンを公開しました。",
    "请阅读**贡献指南**。", "**貢献ガイド**をお読みください。",
    "志愿者翻译了整本书。", "ボランティアが本全体を翻訳しました。",
    "志愿者翻译了整份报告。", "ボランティアが報告書全体を翻訳しました。",
    "社区的治理结构在 2023 年发生了变化。", "コミュニティのガバナンス構造は 2023 年に変わりました。",
};

static void test_search_ranks_planted_best_first(void **state)
{
    yk_project *p = *state;
    yk_tm_import_result r;
    yk_tm_search_options o = YK_TM_SEARCH_OPTIONS_INIT;
    yk_tm_matches *m = NULL;
    static const struct {
        const char *query, *best;
    } cases[] = {
        {"开源项目需要健康的社区。", "开源项目需要健康的社区。"},
        {"开源项目需要健全的社区。", "开源项目需要健康的社区。"},
        {"开源项目需要活跃的社区！", "开源项目需要活跃的社区。"},
        {"开源项目需要健康的社区和资源。", "开源项目需要健康的社区和资金。"},
        {"志愿者翻译了整份报告", "志愿者翻译了整份报告。"},
        {"志愿者翻译了整本书", "志愿者翻译了整本书。"},
    };
    size_t i;

    write_tmx("planted.tmx", "zh-Hans", "ja", planted, sizeof(planted) / sizeof(planted[0]) / 2);
    import_ok(p, "planted.tmx", &r);
    assert_int_equal(r.units, 9);
    assert_int_equal(r.added, 9);
    o.min_score = 60;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(yk_tm_search(&m, p, "ja", cases[i].query, strlen(cases[i].query), &o), YK_OK);
        assert_true(m->n >= 1);
        assert_string_equal(m->v[0].source, cases[i].best);
        if (m->n > 1)
            assert_true(m->v[0].score >= m->v[1].score);
        yk_tm_matches_free(m);
    }
    /* exact: 100, and the exact one before the near ones */
    assert_int_equal(yk_tm_search(&m, p, "ja", "开源项目需要健康的社区。", strlen("开源项目需要健康的社区。"), &o),
                     YK_OK);
    assert_int_equal(m->v[0].score, 100);
    assert_string_equal(m->v[0].origin, "tmx");
    assert_string_equal(m->v[0].file, "planted.tmx");
    assert_string_equal(m->v[0].date, "2024-01-02T03:04:05Z");
    assert_true(m->n >= 2 && m->v[1].score < 100);
    yk_tm_matches_free(m);
    /* nothing for another target language, nothing below the minimum */
    assert_int_equal(yk_tm_search(&m, p, "ko", "开源项目需要健康的社区。", strlen("开源项目需要健康的社区。"), &o),
                     YK_OK);
    assert_int_equal(m->n, 0);
    yk_tm_matches_free(m);
    o.min_score = 95;
    assert_int_equal(yk_tm_search(&m, p, "ja", "开源项目需要健全的社区。", strlen("开源项目需要健全的社区。"), &o),
                     YK_OK);
    assert_int_equal(m->n, 0);
    yk_tm_matches_free(m);
    o.min_score = 40;
    assert_int_equal(yk_tm_search(&m, p, "ja", "x", 1, &o), YK_EINVAL);
}

static void test_search_substitutes_numbers_and_markup(void **state)
{
    yk_project *p = *state;
    yk_tm_import_result r;
    yk_tm_search_options o = YK_TM_SEARCH_OPTIONS_INIT;
    yk_tm_matches *m = NULL;
    const char *q;

    write_tmx("planted.tmx", "zh-Hans", "ja", planted, sizeof(planted) / sizeof(planted[0]) / 2);
    import_ok(p, "planted.tmx", &r);
    q = "今年共有 57 个仓库发布了新版本。";
    assert_int_equal(yk_tm_search(&m, p, "ja", q, strlen(q), &o), YK_OK);
    assert_true(m->n >= 1);
    assert_string_equal(m->v[0].target, "今年は 57 のリポジトリが新しいバージョンを公開しました。");
    assert_string_equal(m->v[0].memory_target, "今年は 42 のリポジトリが新しいバージョンを公開しました。");
    assert_string_equal(m->v[0].substituted, "numbers");
    assert_string_equal(m->v[0].diff, "今年共有 [-42-]{+57+} 个仓库发布了新版本。");
    yk_tm_matches_free(m);

    q = "社区的治理结构在 2024 年发生了变化。";
    assert_int_equal(yk_tm_search(&m, p, "ja", q, strlen(q), &o), YK_OK);
    assert_string_equal(m->v[0].target, "コミュニティのガバナンス構造は 2024 年に変わりました。");
    yk_tm_matches_free(m);

    /* markup: ** in memory, __ in the query */
    q = "请阅读__贡献指南__。";
    assert_int_equal(yk_tm_search(&m, p, "ja", q, strlen(q), &o), YK_OK);
    assert_int_equal(m->v[0].score, 99);
    assert_string_equal(m->v[0].target, "__貢献ガイド__をお読みください。");
    assert_string_equal(m->v[0].substituted, "markup");
    yk_tm_matches_free(m);

    /* a different word is not a placeable: no substitution */
    q = "今年共有 57 个项目发布了新版本。";
    assert_int_equal(yk_tm_search(&m, p, "ja", q, strlen(q), &o), YK_OK);
    assert_true(m->n >= 1);
    assert_null(m->v[0].substituted);
    assert_string_equal(m->v[0].target, m->v[0].memory_target);
    yk_tm_matches_free(m);
}

static void test_search_english_words(void **state)
{
    yk_project *p = *state;
    yk_tm_import_result r;
    yk_tm_search_options o = YK_TM_SEARCH_OPTIONS_INIT;
    yk_tm_matches *m = NULL;
    static const char *const en[] = {
        "The community grew faster than ever this year.", "コミュニティは今年かつてない速さで成長した。",
        "The community grew slowly this year.", "コミュニティは今年ゆっくり成長した。",
        "Read the contributing guide first.", "まず貢献ガイドを読んでください。",
    };
    const char *q = "The community grew faster than ever last year.";

    write_tmx("en.tmx", "en", "ja", en, 3);
    import_ok(p, "en.tmx", &r);
    o.source_lang = "en";
    assert_int_equal(yk_tm_search(&m, p, "ja", q, strlen(q), &o), YK_OK);
    assert_int_equal(m->n, 1);
    assert_int_equal(m->v[0].score, 88); /* one word of nine tokens */
    assert_string_equal(m->v[0].source, "The community grew faster than ever this year.");
    assert_string_equal(m->v[0].diff, "The community grew faster than ever [-this-]{+last+} year.");
    yk_tm_matches_free(m);
    /* the zh-Hans pair does not see English units */
    o.source_lang = NULL;
    assert_int_equal(yk_tm_search(&m, p, "ja", q, strlen(q), &o), YK_OK);
    assert_int_equal(m->n, 0);
    yk_tm_matches_free(m);
}

/* ---- TMX ---- */

static const char inline_tmx[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n"
    "<tmx version=\"1.4\"><header creationtool=\"x\" creationtoolversion=\"1\" "
    "datatype=\"html\" segtype=\"sentence\" adminlang=\"en\" srclang=\"zh-CN\" o-tmf=\"x\"/>\n"
    "<body>\n"
    "<tu tuid=\"1\" changeid=\"mina\" changedate=\"20250301T120000Z\">\n"
    "  <prop type=\"x-yaku-chapter\">ch02</prop>\n"
    "  <tuv xml:lang=\"zh-CN\"><seg>请阅读<bpt i=\"1\">&lt;b&gt;</bpt>贡献指南<ept i=\"1\">"
    "&lt;/b&gt;</ept>。<ph x=\"2\">&lt;br/&gt;</ph></seg></tuv>\n"
    "  <tuv xml:lang=\"ja-JP\"><seg><bpt i=\"1\">&lt;b&gt;</bpt>貢献ガイド<ept i=\"1\">&lt;/b&gt;"
    "</ept>をお読みください。<ph x=\"2\">&lt;br/&gt;</ph></seg></tuv>\n"
    "  <tuv xml:lang=\"ko\"><seg>기여 가이드를 읽어 주세요 &amp; 감사합니다.</seg></tuv>\n"
    "</tu>\n"
    "<tu><tuv xml:lang=\"zh-CN\"><seg>只有源文</seg></tuv></tu>\n"
    "<tu><tuv xml:lang=\"zh-CN\"><seg>x &lt; y <it pos=\"begin\">&lt;i&gt;</it>斜体</seg></tuv>"
    "<tuv xml:lang=\"ja\"><seg>x &lt; y <it pos=\"begin\">&lt;i&gt;</it>斜体</seg></tuv></tu>\n"
    "</body></tmx>\n";

static void test_tmx_import_keeps_inline_and_round_trips(void **state)
{
    yk_project *p = *state, *q;
    yk_tm_import_result r;
    yk_tm_search_options o = YK_TM_SEARCH_OPTIONS_INIT;
    yk_tm_export_options eo = YK_TM_EXPORT_OPTIONS_INIT;
    yk_tm_matches *m = NULL;
    size_t n;
    char *a, *b;
    const char *query = "请阅读<b>贡献指南</b>。<br/>";

    write_file("inline.tmx", inline_tmx);
    import_ok(p, "inline.tmx", &r);
    assert_int_equal(r.units, 3);
    assert_int_equal(r.added, 3); /* zh->ja, zh->ko, and the <it> unit */
    assert_int_equal(r.skipped, 1);
    /* the plain text is the native code; the zh-CN / ja-JP pair serves zh-Hans / ja */
    assert_int_equal(yk_tm_search(&m, p, "ja", query, strlen(query), &o), YK_OK);
    assert_int_equal(m->n, 1);
    assert_int_equal(m->v[0].score, 100);
    assert_string_equal(m->v[0].target, "<b>貢献ガイド</b>をお読みください。<br/>");
    assert_string_equal(m->v[0].translator, "mina");
    assert_string_equal(m->v[0].chapter, "ch02");
    assert_string_equal(m->v[0].date, "2025-03-01T12:00:00Z");
    assert_string_equal(m->v[0].source_lang, "zh-CN");
    yk_tm_matches_free(m);

    /* export, import into a fresh project, export again: the same bytes */
    assert_int_equal(yk_tm_export_tmx(&n, p, "out1.tmx", &eo), YK_OK);
    assert_int_equal(n, 3);
    q = new_project("q");
    import_ok(q, "out1.tmx", &r);
    assert_int_equal(r.added, 3);
    assert_int_equal(yk_tm_export_tmx(&n, q, "out2.tmx", &eo), YK_OK);
    a = read_file("out1.tmx");
    b = read_file("out2.tmx");
    assert_string_equal(a, b);
    /* inline codes are written back as elements */
    assert_non_null(strstr(a, "<bpt i=\"1\">&lt;b&gt;</bpt>贡献指南<ept i=\"1\">&lt;/b&gt;</ept>"));
    assert_non_null(strstr(a, "<it pos=\"begin\">&lt;i&gt;</it>"));
    assert_non_null(strstr(a, "기여 가이드를 읽어 주세요 &amp; 감사합니다."));
    free(a);
    free(b);
    /* importing the same file again adds nothing */
    import_ok(q, "out1.tmx", &r);
    assert_int_equal(r.added, 0);
    assert_int_equal(r.duplicates, 3);
    /* --lang */
    eo.lang = "ko";
    assert_int_equal(yk_tm_export_tmx(&n, q, "ko.tmx", &eo), YK_OK);
    assert_int_equal(n, 1);
    yk_project_close(q);
}

static void expect_refused(yk_project *p, const char *name, const char *text, const char *msg)
{
    yk_tm_import_result r;
    int rc;
    write_file(name, text);
    assert_int_equal(yk_project_begin(p), YK_OK);
    rc = yk_tm_import_tmx(&r, p, name);
    yk_project_rollback(p);
    if (rc != YK_EINVAL)
        fail_msg("%s: expected YK_EINVAL, got %d", name, rc);
    if (!strstr(yk_error_last()->message, msg))
        fail_msg("%s: message '%s' lacks '%s'", name, yk_error_last()->message, msg);
    assert_string_equal(yk_error_last()->file, name);
    assert_int_equal(tm_count(p), 0);
}

#define TMX_HEAD                                                                                   \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"zh-CN\" " \
    "creationtool=\"x\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" "   \
    "adminlang=\"en\" o-tmf=\"x\"/><body>\n"
#define GOOD_TU                                                                                    \
    "<tu><tuv xml:lang=\"zh-CN\"><seg>第一句</seg></tuv><tuv xml:lang=\"ja\"><seg>一文目</seg>"     \
    "</tuv></tu>\n"

static void test_tmx_bad_input_imports_nothing(void **state)
{
    yk_project *p = *state;
    /* the good unit comes first: a failure later still leaves nothing */
    expect_refused(p, "broken.tmx", TMX_HEAD GOOD_TU "<tu><tuv xml:lang=\"ja\"><seg>x</tuv></tu>\n",
                   "mismatch");
    assert_true(yk_error_last()->line >= 3);
    expect_refused(p, "nolang.tmx",
                   TMX_HEAD GOOD_TU "<tu><tuv xml:lang=\"zh-CN\"><seg>a</seg></tuv>\n"
                                    "<tuv><seg>b</seg></tuv></tu></body></tmx>\n",
                   "xml:lang");
    assert_int_equal(yk_error_last()->line, 5);
    expect_refused(p, "utf8.tmx",
                   TMX_HEAD GOOD_TU "<tu><tuv xml:lang=\"zh-CN\"><seg>a\xC3\x28</seg></tuv>"
                                    "<tuv xml:lang=\"ja\"><seg>b</seg></tuv></tu></body></tmx>\n",
                   "UTF-8");
    expect_refused(p, "notmx.tmx", "<?xml version=\"1.0\"?><xliff/>", "not a TMX file");
    expect_refused(p, "badlang.tmx",
                   TMX_HEAD "<tu><tuv xml:lang=\"zh CN!\"><seg>a</seg></tuv></tu></body></tmx>\n",
                   "language tag");
}

static void test_tmx_hostile_xml_refused(void **state)
{
    yk_project *p = *state;
    yk_tm_import_result r;
    expect_refused(p, "xxe.tmx",
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "
                   "\"file:///etc/passwd\">]>\n<tmx version=\"1.4\"><header srclang=\"zh-CN\"/>"
                   "<body><tu><tuv xml:lang=\"zh-CN\"><seg>&xxe;</seg></tuv><tuv xml:lang=\"ja\">"
                   "<seg>x</seg></tuv></tu></body></tmx>\n",
                   "entity declarations are not allowed");
    expect_refused(p, "lol.tmx",
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n"
                   " <!ENTITY lol \"lol\">\n"
                   " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                   " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
                   " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
                   " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
                   "]>\n<tmx version=\"1.4\"><header srclang=\"zh-CN\"/><body><tu>"
                   "<tuv xml:lang=\"zh-CN\"><seg>&lol4;</seg></tuv><tuv xml:lang=\"ja\"><seg>x</seg>"
                   "</tuv></tu></body></tmx>\n",
                   "entity declarations are not allowed");
    /* an undeclared entity is malformed XML, not a lookup */
    expect_refused(p, "undeclared.tmx",
                   TMX_HEAD "<tu><tuv xml:lang=\"zh-CN\"><seg>&xxe;</seg></tuv><tuv xml:lang=\"ja\">"
                            "<seg>x</seg></tuv></tu></body></tmx>\n",
                   "xxe");
    /* a DOCTYPE naming the TMX DTD (never loaded) is fine */
    write_file("dtd.tmx", "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"http://example.invalid/"
                          "tmx14.dtd\">\n<tmx version=\"1.4\"><header srclang=\"zh-CN\"/><body>" GOOD_TU
                          "</body></tmx>\n");
    import_ok(p, "dtd.tmx", &r);
    assert_int_equal(r.added, 1);
}

/* ---- recall of the index against brute force ---- */

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 8) & 0xFFFFFF;
}

static const char *const zh_chars[] = {"社", "区", "开", "源", "项", "目", "的", "年", "报", "告",
                                       "志", "愿", "者", "翻", "译", "维", "护", "发", "布", "版"};
static const char *const en_words[] = {"the", "community", "grew", "report", "open", "source",
                                       "project", "needs", "healthy", "volunteers", "translate",
                                       "book", "every", "year", "and", "of"};

/* A random sentence: a common head (so some grams are in every unit and the
 * lookup leaves them out) and a random tail. */
static void random_text(char *out, size_t cap, int en, size_t len)
{
    size_t i, o = 0;
    o += (size_t)snprintf(out + o, cap - o, "%s", en ? "this year the " : "我们的社区在今年");
    for (i = 0; i < len && o + 32 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, en ? "%s " : "%s",
                              en ? en_words[rnd() % 16] : zh_chars[rnd() % 20]);
    snprintf(out + o, cap - o, "%s", en ? "." : "。");
}

/* Change 'edits' tokens of a text made by random_text (by regenerating
 * pieces): replace, insert or delete a few characters/words. */
static void mutate(char *out, size_t cap, const char *in, int en, int edits)
{
    /* split into tokens on character (zh) or space (en) boundaries */
    char toks[128][32];
    size_t n = 0, i, o = 0;
    const char *s = in;
    while (*s && n < 128) {
        size_t k;
        if (en) {
            k = strcspn(s, " ");
            if (k == 0) {
                s++;
                continue;
            }
        } else {
            k = ((unsigned char)*s >= 0xE0) ? 3 : 1;
        }
        snprintf(toks[n++], 32, "%.*s", (int)k, s);
        s += k;
    }
    while (edits-- > 0 && n > 2) {
        size_t at = 5 + rnd() % (n > 6 ? n - 6 : 1);
        int op = (int)(rnd() % 3);
        if (at >= n)
            at = n - 1;
        if (op == 0) {
            snprintf(toks[at], 32, "%s", en ? en_words[rnd() % 16] : zh_chars[rnd() % 20]);
        } else if (op == 1 && n < 127) {
            memmove(toks[at + 1], toks[at], (n - at) * 32);
            snprintf(toks[at], 32, "%s", en ? en_words[rnd() % 16] : zh_chars[rnd() % 20]);
            n++;
        } else {
            memmove(toks[at], toks[at + 1], (n - at - 1) * 32);
            n--;
        }
    }
    for (i = 0; i < n && o + 40 < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, en && i ? " %s" : "%s", toks[i]);
}

/* With 'shared', every query goes through one searcher, as in a
 * pretranslation run, so what it remembers of units between lookups is
 * exercised too. */
static void recall(yk_project *p, int en, size_t units, size_t queries, int shared)
{
    yk_tm_searcher *searcher = NULL;
    char **src = calloc(units, sizeof(*src));
    char path[64], buf[1024], q[1024];
    FILE *f;
    size_t i, j, checked = 0, found_total = 0;
    yk_tm_import_result r;
    static const int mins[] = {50, 60, 70, 80, 90};

    snprintf(path, sizeof(path), "recall-%s.tmx", en ? "en" : "zh");
    f = fopen(path, "wb");
    fprintf(f, "<?xml version=\"1.0\"?><tmx version=\"1.4\"><header srclang=\"%s\"/><body>\n",
            en ? "en" : "zh-Hans");
    for (i = 0; i < units; i++) {
        /* every third unit is a near copy of an earlier one: clusters of matches */
        if (i > 3 && i % 3 == 0)
            mutate(buf, sizeof(buf), src[rnd() % i], en, 1 + (int)(rnd() % 4));
        else
            random_text(buf, sizeof(buf), en, 6 + rnd() % 20);
        /* make each source unique */
        snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), en ? " n%zu" : "%zu", i);
        src[i] = strdup(buf);
        fprintf(f, "<tu><tuv xml:lang=\"%s\"><seg>%s</seg></tuv><tuv xml:lang=\"ja\"><seg>t%zu</seg>"
                   "</tuv></tu>\n",
                en ? "en" : "zh-Hans", buf, i);
    }
    fputs("</body></tmx>\n", f);
    fclose(f);
    import_ok(p, path, &r);
    assert_int_equal(r.added, units);
    if (shared)
        assert_int_equal(yk_tm_searcher_open(&searcher, p, "ja", en ? "en" : "zh-Hans"), YK_OK);

    for (j = 0; j < queries; j++) {
        yk_tm_search_options o = YK_TM_SEARCH_OPTIONS_INIT;
        yk_tm_matches *m = NULL;
        size_t expected = 0, k, hit;
        if (j % 4 == 3)
            random_text(q, sizeof(q), en, 6 + rnd() % 20);
        else
            mutate(q, sizeof(q), src[rnd() % units], en, (int)(rnd() % 6));
        o.min_score = mins[j % 5];
        o.max = units;
        o.source_lang = en ? "en" : "zh-Hans";
        if (shared)
            assert_int_equal(yk_tm_searcher_search(&m, searcher, q, strlen(q), &o), YK_OK);
        else
            assert_int_equal(yk_tm_search(&m, p, "ja", q, strlen(q), &o), YK_OK);
        for (i = 0; i < units; i++) {
            int s = yk_tm_score(q, strlen(q), src[i], strlen(src[i]), en ? "en" : "zh-Hans");
            if (s < o.min_score)
                continue;
            expected++;
            for (k = 0, hit = 0; k < m->n; k++)
                if (strcmp(m->v[k].source, src[i]) == 0) {
                    hit = 1;
                    assert_int_equal(m->v[k].score, s);
                }
            if (!hit)
                fail_msg("query '%s' (min %d): the index missed '%s' (score %d)", q, o.min_score,
                         src[i], s);
        }
        /* and nothing below the minimum came back */
        assert_int_equal(m->n, expected);
        found_total += expected;
        checked++;
        yk_tm_matches_free(m);
    }
    /* the sample is not trivial: matches were found */
    assert_true(found_total >= queries);
    assert_int_equal(checked, queries);
    yk_tm_searcher_close(searcher);
    for (i = 0; i < units; i++)
        free(src[i]);
    free(src);
}

static void test_index_recall_matches_brute_force_zh(void **state)
{
    recall(*state, 0, 4000, 150, 0);
}

static void test_index_recall_one_searcher_for_all_queries(void **state)
{
    recall(*state, 0, 3000, 200, 1);
}

static void test_index_recall_matches_brute_force_en(void **state)
{
    recall(*state, 1, 3000, 120, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_score_table),
        cmocka_unit_test_setup_teardown(test_search_ranks_planted_best_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_substitutes_numbers_and_markup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_english_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tmx_import_keeps_inline_and_round_trips, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_tmx_bad_input_imports_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tmx_hostile_xml_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_recall_matches_brute_force_zh, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_recall_matches_brute_force_en, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_recall_one_searcher_for_all_queries, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
