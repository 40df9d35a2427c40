/*
 * Glossary: matching (CJK inside compounds, longest match, English
 * inflection and case, never inside URLs, code spans or link
 * destinations), target lookups, TBX round trip and samples (TBX v3,
 * TBX-Basic v2), TSV/CSV import with bad rows, hostile XML.
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

#include "glossary/glossary.h"

static char dir[512];

static void write_file(const char *name, const char *text)
{
    char path[700];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup_lang(void **state, const char *source)
{
    yk_project *p = NULL;
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    snprintf(dir, sizeof(dir), "%s/yaku-gloss-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    o.source_lang = source;
    o.target_langs = "ja,ko";
    o.user = "editor@example.org";
    assert_int_equal(yk_project_init(&p, dir, &o), YK_OK);
    assert_int_equal(chdir(dir), 0);
    *state = p;
    return 0;
}

static int setup_zh(void **state)
{
    return setup_lang(state, "zh-Hans");
}

static int setup_en(void **state)
{
    return setup_lang(state, "en");
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

/* Import 'text' as file 'name' in one transaction; the import's code. */
static int import_text(yk_project *p, const char *name, const char *text)
{
    yk_glossary_import_result r;
    int rc;
    write_file(name, text);
    assert_int_equal(yk_project_begin(p), YK_OK);
    rc = yk_glossary_import(&r, p, name, YK_GLOSSARY_AUTO);
    if (rc == YK_OK)
        assert_int_equal(yk_project_commit(p), YK_OK);
    else
        yk_project_rollback(p);
    return rc;
}

static int count_concept(const yk_glossary_concept *c, void *payload)
{
    (void)c;
    (*(size_t *)payload)++;
    return 0;
}

static size_t concepts(yk_project *p)
{
    size_t n = 0;
    assert_int_equal(yk_glossary_foreach(p, NULL, count_concept, &n), YK_OK);
    return n;
}

/* The matched text of each hit, joined by '|'. */
static void hits_of(char *out, size_t cap, yk_project *p, const char *lang, const char *text)
{
    yk_glossary *g = NULL;
    yk_term_hit *h = NULL;
    size_t n = 0, i, used = 0;
    assert_int_equal(yk_glossary_load(&g, p, lang), YK_OK);
    assert_int_equal(yk_glossary_match(&h, &n, g, text, strlen(text)), YK_OK);
    out[0] = '\0';
    for (i = 0; i < n; i++)
        used += (size_t)snprintf(out + used, cap - used, "%s%.*s", i ? "|" : "", (int)h[i].len,
                                 text + h[i].off);
    free(h);
    yk_glossary_free(g);
}

#define ZH_GLOSSARY                                                                                \
    "id\tzh-Hans\tja\tko\tforbidden:ko\tnote:ko\tnote\n"                                           \
    "open-source\t开源\tオープンソース\t오픈소스\t오픈 소스\t붙여 쓴다\t開発モデル\n"                   \
    "community\t社区\tコミュニティ\t커뮤니티\t\t\t\n"                                                \
    "os-community\t开源社区\tオープンソースコミュニティ\t오픈소스 커뮤니티\t\t\t\n"                    \
    "maintainer\t维护者\tメンテナー\t메인테이너\t\t\t\n"

static void test_match_cjk_inside_compound_longest(void **state)
{
    yk_project *p = *state;
    char got[400];
    assert_int_equal(import_text(p, "g.tsv", ZH_GLOSSARY), YK_OK);
    /* 开源社区 is one entry: one hit, not 开源 + 社区 */
    hits_of(got, sizeof(got), p, "ja", "我们的开源社区很活跃，开源很重要。社区的维护者们。");
    assert_string_equal(got, "开源社区|开源|社区|维护者");
    /* inside a longer compound with no entry of its own */
    hits_of(got, sizeof(got), p, "ja", "开源软件基金会");
    assert_string_equal(got, "开源");
}

static void test_match_cjk_two_hits_without_compound_entry(void **state)
{
    yk_project *p = *state;
    char got[400];
    assert_int_equal(import_text(p, "g.tsv",
                                 "zh-Hans\tja\n开源\tオープンソース\n社区\tコミュニティ\n"),
                     YK_OK);
    hits_of(got, sizeof(got), p, "ja", "开源社区");
    assert_string_equal(got, "开源|社区");
}

static void test_hit_carries_target_forbidden_note(void **state)
{
    yk_project *p = *state;
    yk_glossary *g = NULL;
    yk_term_hit *h = NULL;
    size_t n = 0;
    const char *text = "参与开源。";
    assert_int_equal(import_text(p, "g.tsv", ZH_GLOSSARY), YK_OK);
    assert_int_equal(yk_glossary_load(&g, p, "ko"), YK_OK);
    assert_int_equal(yk_glossary_match(&h, &n, g, text, strlen(text)), YK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(h[0].off, strlen("参与"));
    assert_int_equal(h[0].len, strlen("开源"));
    assert_string_equal(h[0].source_term, "开源");
    assert_string_equal(h[0].target, "오픈소스");
    assert_int_equal(h[0].nforbidden, 1);
    assert_string_equal(h[0].forbidden[0], "오픈 소스");
    assert_non_null(h[0].note);
    assert_non_null(strstr(h[0].note, "開発モデル"));
    assert_non_null(strstr(h[0].note, "붙여 쓴다"));
    assert_string_equal(h[0].concept, "open-source");
    assert_true(h[0].entry_id > 0);
    free(h);
    yk_glossary_free(g);
}

static void test_match_never_in_url_code_or_link_destination(void **state)
{
    yk_project *p = *state;
    char got[400];
    assert_int_equal(import_text(p, "g.tsv", ZH_GLOSSARY), YK_OK);
    hits_of(got, sizeof(got), p, "ja",
            "见[开源指南](https://example.org/开源/社区 \"社区\")、`开源` 和 "
            "https://开源.example/社区 以及 <a href=\"/社区\">链接</a>{{< ref \"开源.md\" >}}。");
    assert_string_equal(got, "开源");
    hits_of(got, sizeof(got), p, "ja", "``code 开源 `` 社区");
    assert_string_equal(got, "社区");
}

static void test_match_english_inflection_and_case(void **state)
{
    yk_project *p = *state;
    char got[600];
    assert_int_equal(import_text(p, "g.tsv",
                                 "en\tja\n"
                                 "maintainer\tメンテナー\n"
                                 "fork\tフォーク\n"
                                 "release\tリリース\n"
                                 "community\tコミュニティ\n"
                                 "pull request\tプルリクエスト\n"
                                 "PMC\tPMC\n"
                                 "open source\tオープンソース\n"),
                     YK_OK);
    hits_of(got, sizeof(got), p, "ja",
            "Maintainers forked it; both Communities released v2. Forking is fine, a forklift "
            "is not. Two Pull Requests and the community's releases.");
    assert_string_equal(got, "Maintainers|forked|Communities|released|Forking|Pull Requests|"
                             "community's|releases");
    /* an acronym keeps its case; hyphenated compounds still match */
    hits_of(got, sizeof(got), p, "ja", "The pmc and the PMC govern open-source work.");
    assert_string_equal(got, "PMC|open-source");
    /* not inside a URL, code span or link destination */
    hits_of(got, sizeof(got), p, "ja",
            "Read [the guide](https://example.org/maintainer/fork) by `maintainer`, see "
            "https://fork.example.org/release or mail maintainer@example.org.");
    assert_string_equal(got, "");
}

static void test_target_contains(void **state)
{
    yk_project *p = *state;
    yk_glossary *g = NULL;
    const char *ko = "오픈소스를 사용하는 커뮤니티";
    const char *ko_spaced = "오픈 소스를 사용";
    const char *ja = "オープンソースコミュニティの[ガイド](https://example.org/メンテナー)";
    assert_int_equal(import_text(p, "g.tsv", ZH_GLOSSARY), YK_OK);
    assert_int_equal(yk_glossary_load(&g, p, "ko"), YK_OK);
    assert_true(yk_glossary_target_contains(g, ko, strlen(ko), "오픈소스"));
    assert_true(yk_glossary_target_contains(g, ko, strlen(ko), "커뮤니티"));
    assert_false(yk_glossary_target_contains(g, ko, strlen(ko), "오픈 소스"));
    assert_false(yk_glossary_target_contains(g, ko_spaced, strlen(ko_spaced), "오픈소스"));
    assert_true(yk_glossary_target_contains(g, ko_spaced, strlen(ko_spaced), "오픈 소스"));
    assert_true(yk_glossary_target_contains(g, ja, strlen(ja), "コミュニティ"));
    assert_false(yk_glossary_target_contains(g, ja, strlen(ja), "メンテナー"));
    assert_true(yk_glossary_target_contains(g, "Maintainers agree", 17, "maintainer"));
    assert_false(yk_glossary_target_contains(g, "the pmc", 7, "PMC"));
    assert_false(yk_glossary_target_contains(g, ko, strlen(ko), ""));
    yk_glossary_free(g);
}

static void test_forbidden_variant_outside_approved_term(void **state)
{
    yk_project *p = *state;
    yk_glossary *g = NULL;
    yk_term_hit *h = NULL;
    size_t n = 0;
    const char *src = "维护者和社区";
    const char *ok = "メンテナーとコミュニティ";
    const char *bad1 = "メンテナとコミュニティ";
    const char *bad2 = "メンテナーとコミュニティー";
    assert_int_equal(import_text(p, "g.tsv",
                                 "zh-Hans\tja\tforbidden:ja\n"
                                 "维护者\tメンテナー\tメンテナ\n"
                                 "社区\tコミュニティ\tコミュニティー\n"),
                     YK_OK);
    assert_int_equal(yk_glossary_load(&g, p, "ja"), YK_OK);
    assert_int_equal(yk_glossary_match(&h, &n, g, src, strlen(src)), YK_OK);
    assert_int_equal(n, 2);
    assert_null(yk_glossary_forbidden_in(g, ok, strlen(ok), &h[0]));
    assert_null(yk_glossary_forbidden_in(g, ok, strlen(ok), &h[1]));
    assert_string_equal(yk_glossary_forbidden_in(g, bad1, strlen(bad1), &h[0]), "メンテナ");
    assert_null(yk_glossary_forbidden_in(g, bad1, strlen(bad1), &h[1]));
    assert_string_equal(yk_glossary_forbidden_in(g, bad2, strlen(bad2), &h[1]), "コミュニティー");
    /* a plain substring test would have flagged the good text */
    assert_true(yk_glossary_target_contains(g, ok, strlen(ok), "メンテナ"));
    free(h);
    yk_glossary_free(g);
}

static void test_many_entries(void **state)
{
    yk_project *p = *state;
    char *tsv = malloc(400000), got[200];
    size_t used = 0, i;
    used += (size_t)snprintf(tsv, 400000, "en\tja\n");
    for (i = 0; i < 5000; i++)
        used += (size_t)snprintf(tsv + used, 400000 - used, "term%zux widget\tターム%zu\n", i, i);
    assert_int_equal(import_text(p, "big.tsv", tsv), YK_OK);
    assert_int_equal(concepts(p), 5000);
    hits_of(got, sizeof(got), p, "ja", "A term4999x widgets and term17x widget, term17x alone.");
    assert_string_equal(got, "term4999x widgets|term17x widget");
    free(tsv);
}

/* Export, re-import into a fresh project, export again: identical bytes. */
static void test_tbx_round_trip_identical(void **state)
{
    yk_project *p = *state, *q = NULL;
    yk_bytes a = {NULL, 0}, b = {NULL, 0};
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    char sub[600];
    assert_int_equal(import_text(p, "g.csv",
                                 "id,zh-Hans,zh-Hant,en,ja,ko,forbidden:ko,forbidden:ja,pos,case,note\n"
                                 "open-source,开源,開源|開放原始碼,open source,オープンソース,오픈소스,"
                                 "오픈 소스,,noun,,\"model: \"\"open\"\" & <free>\"\n"
                                 "go,Go 语言,Go 語言,Go,Go 言語,Go 언어,,,noun,yes,\n"
                                 "pr,拉取请求,拉取請求,pull request|PR,プルリクエスト,풀 리퀘스트,,"
                                 "プルリク,noun,,\n"),
                     YK_OK);
    assert_int_equal(yk_glossary_export(&a, p, NULL, YK_GLOSSARY_TBX), YK_OK);
    assert_non_null(strstr(a.data, "deprecatedTerm-admn-sts"));
    assert_non_null(strstr(a.data, "&quot;open&quot; &amp; &lt;free&gt;"));
    write_file("out.tbx", a.data);
    snprintf(sub, sizeof(sub), "%s/second", dir);
    o.source_lang = "zh-Hans";
    o.target_langs = "ja,ko";
    o.user = "editor@example.org";
    assert_int_equal(yk_project_init(&q, sub, &o), YK_OK);
    assert_int_equal(yk_project_begin(q), YK_OK);
    {
        yk_glossary_import_result r;
        char path[700];
        snprintf(path, sizeof(path), "%s/out.tbx", dir);
        assert_int_equal(yk_glossary_import(&r, q, path, YK_GLOSSARY_AUTO), YK_OK);
        assert_int_equal(r.concepts, 3);
        assert_int_equal(r.added, 3);
    }
    assert_int_equal(yk_project_commit(q), YK_OK);
    assert_int_equal(yk_glossary_export(&b, q, NULL, YK_GLOSSARY_TBX), YK_OK);
    assert_string_equal(a.data, b.data);
    yk_bytes_release(&b);
    /* TSV too */
    yk_bytes_release(&a);
    assert_int_equal(yk_glossary_export(&a, p, NULL, YK_GLOSSARY_TSV), YK_OK);
    assert_int_equal(yk_glossary_export(&b, q, NULL, YK_GLOSSARY_TSV), YK_OK);
    assert_string_equal(a.data, b.data);
    assert_non_null(strstr(a.data, "pull request|PR"));
    /* importing the same file again updates, never duplicates */
    assert_int_equal(import_text(p, "again.tsv", b.data), YK_OK);
    assert_int_equal(concepts(p), 3);
    yk_bytes_release(&a);
    yk_bytes_release(&b);
    yk_project_close(q);
}

typedef struct first_terms {
    char buf[1000];
} first_terms;

static int dump_concept(const yk_glossary_concept *c, void *payload)
{
    first_terms *f = payload;
    size_t i, used = strlen(f->buf);
    used += (size_t)snprintf(f->buf + used, sizeof(f->buf) - used, "[%s]", c->id);
    for (i = 0; i < c->nterms; i++)
        used += (size_t)snprintf(f->buf + used, sizeof(f->buf) - used, " %s:%s%s%s",
                                 c->terms[i].lang, c->terms[i].forbidden ? "!" : "",
                                 c->terms[i].text, c->terms[i].pos ? "/n" : "");
    if (c->note)
        used += (size_t)snprintf(f->buf + used, sizeof(f->buf) - used, " #%s", c->note);
    snprintf(f->buf + used, sizeof(f->buf) - used, "\n");
    return 0;
}

static void test_tbx_v3_sample(void **state)
{
    yk_project *p = *state;
    first_terms f = {""};
    assert_int_equal(
        import_text(p, "v3.tbx",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" "
                    "xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
                    "<tbxHeader><fileDesc><sourceDesc><p>sample</p></sourceDesc></fileDesc>"
                    "</tbxHeader>\n<text><body>\n"
                    "<conceptEntry id=\"c1\">\n"
                    " <descrip type=\"definition\">software whose source is open</descrip>\n"
                    " <langSec xml:lang=\"zh-CN\"><termSec><term>开源</term>"
                    "<termNote type=\"partOfSpeech\">noun</termNote></termSec></langSec>\n"
                    " <langSec xml:lang=\"ko\">\n"
                    "  <termSec><term>오픈소스</term><termNote type=\"administrativeStatus\">"
                    "preferredTerm-admn-sts</termNote></termSec>\n"
                    "  <termSec><term>오픈 소스</term><termNote type=\"administrativeStatus\">"
                    "deprecatedTerm-admn-sts</termNote></termSec>\n"
                    " </langSec>\n</conceptEntry>\n"
                    "<conceptEntry id=\"c2\"><langSec xml:lang=\"zh-Hans\"><termSec>"
                    "<term>社区</term></termSec></langSec>"
                    "<langSec xml:lang=\"ja\"><termSec><term>コミュニティ</term>"
                    "<note>長音なし</note></termSec></langSec></conceptEntry>\n"
                    "</body></text></tbx>\n"),
        YK_OK);
    assert_int_equal(yk_glossary_foreach(p, NULL, dump_concept, &f), YK_OK);
    assert_string_equal(f.buf, "[c1] zh-CN:开源/n ko:오픈소스 ko:!오픈 소스 #software whose "
                               "source is open\n[c2] zh-Hans:社区 ja:コミュニティ\n");
}

static void test_tbx_basic_v2_sample(void **state)
{
    yk_project *p = *state;
    first_terms f = {""};
    char got[200];
    assert_int_equal(
        import_text(p, "v2.tbx",
                    "<?xml version='1.0'?>\n"
                    "<!DOCTYPE martif SYSTEM \"TBXBasiccoreStructV02.dtd\">\n"
                    "<martif type=\"TBX-Basic\" xml:lang=\"en-US\">\n"
                    "<martifHeader><fileDesc><sourceDesc><p>v2</p></sourceDesc></fileDesc>"
                    "</martifHeader>\n<text><body>\n"
                    "<termEntry id=\"t1\">\n"
                    " <langSet xml:lang=\"zh-Hans\"><tig><term>维护者</term>"
                    "<termNote type=\"partOfSpeech\">noun</termNote></tig></langSet>\n"
                    " <langSet xml:lang=\"ja\">\n"
                    "  <ntig><termGrp><term>メンテナー</term></termGrp></ntig>\n"
                    "  <tig><term>メンテナ</term><termNote type=\"administrativeStatus\">"
                    "deprecatedTerm-admn-sts</termNote></tig>\n"
                    " </langSet>\n"
                    "</termEntry>\n</body></text></martif>\n"),
        YK_OK);
    assert_int_equal(yk_glossary_foreach(p, NULL, dump_concept, &f), YK_OK);
    assert_string_equal(f.buf, "[t1] zh-Hans:维护者/n ja:メンテナー ja:!メンテナ\n");
    hits_of(got, sizeof(got), p, "ja", "维护者们");
    assert_string_equal(got, "维护者");
}

static void test_tsv_and_csv_import(void **state)
{
    yk_project *p = *state;
    first_terms f = {""};
    assert_int_equal(import_text(p, "a.tsv",
                                 "\xEF\xBB\xBFzh-Hans\tko\tforbidden:ko\tpos\tnote\r\n"
                                 "开源\t오픈소스\t오픈 소스|오픈소오스\tnoun\tone word\r\n"
                                 "\r\n"
                                 "社区\t커뮤니티\t\t\t\r\n"),
                     YK_OK);
    assert_int_equal(import_text(p, "b.csv",
                                 "id,zh-Hans,ja,note\n"
                                 "fork,复刻,フォーク,\"a copy, \"\"forked\"\"\n"
                                 "on two lines\"\n"),
                     YK_OK);
    assert_int_equal(yk_glossary_foreach(p, NULL, dump_concept, &f), YK_OK);
    assert_string_equal(f.buf, "[g1] zh-Hans:开源/n ko:오픈소스/n ko:!오픈 소스 ko:!오픈소오스 "
                               "#one word\n[g2] zh-Hans:社区 ko:커뮤니티\n"
                               "[fork] zh-Hans:复刻 ja:フォーク #a copy, \"forked\" on two lines\n");
}

static void expect_refused(yk_project *p, const char *name, const char *text, int line,
                           const char *needle)
{
    const yk_error *e;
    int rc = import_text(p, name, text);
    e = yk_error_last();
    if (rc != YK_EINVAL || e->line != line || !strstr(e->message, needle))
        print_error("%s: rc %d line %d: %s\n", name, rc, e->line, e->message);
    assert_int_equal(rc, YK_EINVAL);
    assert_int_equal(e->line, line);
    assert_non_null(strstr(e->message, needle));
    assert_non_null(strstr(e->file, name));
    assert_int_equal(concepts(p), 0);
}

static void test_bad_rows_refused_nothing_imported(void **state)
{
    yk_project *p = *state;
    expect_refused(p, "a.tsv", "zh-Hans\tja\n开源\tオープンソース\n社区\tコミュニティ\n维护者\n", 4,
                   "1 fields, but the header has 2");
    expect_refused(p, "b.tsv", "zh-Hans\tja\tnote\n开源\tオープンソース\t\n\t\tonly a note\n", 3,
                   "no term in any language");
    expect_refused(p, "c.csv", "zh-Hans,ja\n开源,オープンソース\n社区,\"コミュ\nニティ\n", 3,
                   "never closed");
    expect_refused(p, "d.tsv", "zh-Hans\tjapanese!\n开源\tx\n", 1, "unknown column");
    expect_refused(p, "e.tsv", "zh-Hans\tko\tforbidden:ko\n开源\t오픈소스\t오픈소스\n", 2,
                   "both approved and forbidden");
    expect_refused(p, "f.csv", "zh-Hans,ja\n开源,オープン\"ソース\n", 2, "quote");
    expect_refused(p, "g.tsv", "zh-Hans\tja\n开源\tオープン\xff\n", 2, "UTF-8");
    expect_refused(p, "h.tbx", "<tbx><text><body><conceptEntry id=\"x\"><langSec>\n<termSec>"
                               "<term>开源</term></termSec></langSec></conceptEntry></body></text>"
                               "</tbx>",
                   1, "language tag");
    expect_refused(p, "i.tbx",
                   "<tbx>\n<text>\n<body>\n<conceptEntry>\n</conceptEntry></body></text></tbx>",
                   4, "no terms");
}

static void test_hostile_xml_refused(void **state)
{
    yk_project *p = *state;
    expect_refused(p, "xxe.tbx",
                   "<?xml version=\"1.0\"?>\n"
                   "<!DOCTYPE tbx [\n  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n"
                   "<tbx><text><body><conceptEntry><langSec xml:lang=\"zh-Hans\"><termSec>"
                   "<term>&xxe;</term></termSec></langSec></conceptEntry></body></text></tbx>\n",
                   2, "entity declarations are not allowed");
    expect_refused(p, "lol.tbx",
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n"
                   " <!ENTITY lol \"lol\">\n"
                   " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
                   " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
                   " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
                   "]>\n<tbx><text><body>&lol3;</body></text></tbx>\n",
                   2, "entity declarations are not allowed");
    expect_refused(p, "pe.tbx",
                   "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx SYSTEM \"x.dtd\" [\n"
                   " <!ENTITY % ext SYSTEM \"http://example.invalid/evil.dtd\"> %ext;\n]>\n"
                   "<tbx/>\n",
                   2, "entity declarations are not allowed");
    expect_refused(p, "notxml.tbx", "<tbx><text>\n<body></text></tbx>", 2, "");
}

static void test_add_creates_then_updates(void **state)
{
    yk_project *p = *state;
    yk_glossary_add_options o = YK_GLOSSARY_ADD_OPTIONS_INIT;
    const char *forbid[] = {"오픈 소스"};
    first_terms f = {""};
    int created = -1;
    assert_int_equal(yk_project_begin(p), YK_OK);
    o.forbidden = forbid;
    o.nforbidden = 1;
    o.note = "붙여 쓴다";
    assert_int_equal(yk_glossary_add(&created, p, "开源", "ko", "오픈소스", &o), YK_OK);
    assert_int_equal(created, 1);
    o.nforbidden = 0;
    o.note = NULL;
    assert_int_equal(yk_glossary_add(&created, p, "开源", "ja", "オープンソース", &o), YK_OK);
    assert_int_equal(created, 0);
    assert_int_equal(yk_glossary_add(&created, p, "开源", "fr", "open source", &o), YK_EINVAL);
    assert_int_equal(yk_glossary_add(&created, p, "开源", "ko", "", &o), YK_EINVAL);
    assert_int_equal(yk_project_commit(p), YK_OK);
    assert_int_equal(yk_glossary_foreach(p, NULL, dump_concept, &f), YK_OK);
    assert_string_equal(f.buf, "[g1] zh-Hans:开源 ko:오픈소스 ko:!오픈 소스 ja:オープンソース #붙여 쓴다\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_match_cjk_inside_compound_longest, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_match_cjk_two_hits_without_compound_entry, setup_zh,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_hit_carries_target_forbidden_note, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_match_never_in_url_code_or_link_destination, setup_zh,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_match_english_inflection_and_case, setup_en, teardown),
        cmocka_unit_test_setup_teardown(test_target_contains, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_forbidden_variant_outside_approved_term, setup_zh,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_many_entries, setup_en, teardown),
        cmocka_unit_test_setup_teardown(test_tbx_round_trip_identical, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_tbx_v3_sample, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_tbx_basic_v2_sample, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_tsv_and_csv_import, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_bad_rows_refused_nothing_imported, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_hostile_xml_refused, setup_zh, teardown),
        cmocka_unit_test_setup_teardown(test_add_creates_then_updates, setup_zh, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    yk_cleanup();
    return rc;
}
