/*
 * Project store and core through the public API: init, add, re-add
 * alignment, import validation, schema versions, transactions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaku/yaku.h>

static char dir[256];

static void write_file(const char *name, const char *text)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    yk_project *p = NULL;
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    snprintf(dir, sizeof(dir), "%s/yaku-core-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    o.source_lang = "zh-Hans";
    o.target_langs = "ja,ko";
    o.title = "测试";
    o.user = "alice@example.org";
    assert_int_equal(yk_project_init(&p, dir, &o), YK_OK);
    assert_int_equal(chdir(dir), 0);
    *state = p;
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

static int add(yk_project *p, const char *path, yk_add_result *r)
{
    yk_add_options o = YK_ADD_OPTIONS_INIT;
    int rc;
    assert_int_equal(yk_project_begin(p), YK_OK);
    rc = yk_document_add(r, p, path, &o);
    if (rc == YK_OK)
        assert_int_equal(yk_project_commit(p), YK_OK);
    else
        yk_project_rollback(p);
    return rc;
}

typedef struct seglist {
    char text[64][256];
    char state[64][16];
    char target[64][256];
    int n[64];
    size_t count;
} seglist;

static int collect(const yk_segment_info *s, void *payload)
{
    seglist *l = payload;
    snprintf(l->text[l->count], 256, "%s", s->source);
    snprintf(l->state[l->count], 16, "%s", s->state ? s->state : "");
    snprintf(l->target[l->count], 256, "%s", s->target ? s->target : "");
    l->n[l->count] = s->n;
    l->count++;
    return 0;
}

static void segments(yk_project *p, seglist *l)
{
    yk_segment_filter f = YK_SEGMENT_FILTER_INIT;
    memset(l, 0, sizeof(*l));
    f.lang = "ja";
    assert_int_equal(yk_segments_foreach(p, &f, collect, l), YK_OK);
}

static void import_po(yk_project *p, const char *name, int expect)
{
    yk_import_options o = YK_IMPORT_OPTIONS_INIT;
    yk_import_result r;
    assert_int_equal(yk_project_begin(p), YK_OK);
    assert_int_equal(yk_import(&r, p, name, &o), expect);
    if (expect == YK_OK)
        assert_int_equal(yk_project_commit(p), YK_OK);
    else
        yk_project_rollback(p);
    yk_import_result_release(&r);
}

static const char po_head[] = "msgid \"\"\nmsgstr \"\"\n\"Language: ja\\n\"\n"
                              "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

static void test_init_refuses_existing_project(void **state)
{
    yk_project *p2 = NULL;
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    (void)state;
    o.source_lang = "en";
    o.target_langs = "ja";
    assert_int_equal(yk_project_init(&p2, dir, &o), YK_EEXISTS);
    assert_null(p2);
}

static void test_init_rejects_bad_language(void **state)
{
    char sub[400];
    yk_project *p2 = NULL;
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    (void)state;
    snprintf(sub, sizeof(sub), "%s/sub", dir);
    o.source_lang = "zh-Hans";
    o.target_langs = "ja,not a tag";
    assert_int_equal(yk_project_init(&p2, sub, &o), YK_EINVAL);
    o.target_langs = "zh-hans";
    assert_int_equal(yk_project_init(&p2, sub, &o), YK_EINVAL); /* same as source */
}

static void test_lang_normalize_cases(void **state)
{
    char out[36];
    (void)state;
    assert_int_equal(yk_lang_normalize(out, "ZH-hans"), YK_OK);
    assert_string_equal(out, "zh-Hans");
    assert_int_equal(yk_lang_normalize(out, "zh_cn"), YK_OK);
    assert_string_equal(out, "zh-CN");
    assert_int_equal(yk_lang_normalize(out, "KO"), YK_OK);
    assert_string_equal(out, "ko");
    assert_int_equal(yk_lang_normalize(out, "j"), YK_EINVAL);
    assert_int_equal(yk_lang_normalize(out, "ja--JP"), YK_EINVAL);
}

static void test_add_assigns_stable_ids(void **state)
{
    yk_project *p = *state;
    yk_add_result r;
    seglist l;
    write_file("ch01.md", "# 标题\n\n第一句。第二句。\n\n```\ncode。不是句子。\n```\n");
    assert_int_equal(add(p, "ch01.md", &r), YK_OK);
    assert_string_equal(r.chapter, "ch01");
    assert_int_equal(r.segments, 3);
    segments(p, &l);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.text[0], "标题");
    assert_string_equal(l.text[1], "第一句。");
    assert_string_equal(l.text[2], "第二句。");
    assert_int_equal(l.n[2], 3);
    /* unchanged re-add is a no-op */
    assert_int_equal(add(p, "ch01.md", &r), YK_OK);
    assert_true(r.unchanged);
}

static void test_readd_keeps_marks_fuzzy_and_archives(void **state)
{
    yk_project *p = *state;
    yk_add_result r;
    seglist l;
    char po[2048];
    write_file("ch01.md", "第一句。第二句话在这里。第三句。\n");
    assert_int_equal(add(p, "ch01.md", &r), YK_OK);
    snprintf(po, sizeof(po),
             "%smsgctxt \"ch01:1\"\nmsgid \"第一句。\"\nmsgstr \"一文目。\"\n\n"
             "msgctxt \"ch01:2\"\nmsgid \"第二句话在这里。\"\nmsgstr \"二文目はここ。\"\n\n"
             "msgctxt \"ch01:3\"\nmsgid \"第三句。\"\nmsgstr \"三文目。\"\n",
             po_head);
    write_file("ja.po", po);
    import_po(p, "ja.po", YK_OK);

    write_file("ch01.md", "第一句。第二句话在那里。新的一句。\n");
    assert_int_equal(add(p, "ch01.md", &r), YK_OK);
    assert_int_equal(r.kept, 1);
    assert_int_equal(r.changed, 1);
    assert_int_equal(r.added, 1);
    assert_int_equal(r.archived, 1);
    segments(p, &l);
    assert_int_equal(l.count, 3);
    assert_int_equal(l.n[0], 1);
    assert_string_equal(l.state[0], "translated");
    assert_int_equal(l.n[1], 2); /* the edited sentence keeps its id */
    assert_string_equal(l.state[1], "fuzzy");
    assert_string_equal(l.target[1], "二文目はここ。");
    assert_int_equal(l.n[2], 4); /* new numbers never reuse an archived one */
    assert_string_equal(l.state[2], "new");
}

static void test_import_unknown_id_writes_nothing(void **state)
{
    yk_project *p = *state;
    yk_add_result r;
    seglist l;
    char po[2048];
    write_file("ch01.md", "第一句。第二句。\n");
    assert_int_equal(add(p, "ch01.md", &r), YK_OK);
    snprintf(po, sizeof(po),
             "%smsgctxt \"ch01:1\"\nmsgid \"第一句。\"\nmsgstr \"一文目。\"\n\n"
             "msgctxt \"ch01:9\"\nmsgid \"第九句。\"\nmsgstr \"九文目。\"\n",
             po_head);
    write_file("bad.po", po);
    import_po(p, "bad.po", YK_EINVAL);
    assert_int_equal(yk_error_last()->line, 10);
    segments(p, &l);
    assert_string_equal(l.state[0], "new"); /* the valid entry did not go in either */
}

static void test_import_stale_entry_is_refused_alone(void **state)
{
    yk_project *p = *state;
    yk_add_result r;
    yk_import_options o = YK_IMPORT_OPTIONS_INIT;
    yk_import_result ir;
    seglist l;
    char po[2048];
    write_file("ch01.md", "第一句。第二句。\n");
    assert_int_equal(add(p, "ch01.md", &r), YK_OK);
    snprintf(po, sizeof(po),
             "%smsgctxt \"ch01:1\"\nmsgid \"第一句。\"\nmsgstr \"一文目。\"\n\n"
             "msgctxt \"ch01:2\"\nmsgid \"旧的第二句。\"\nmsgstr \"古い二文目。\"\n",
             po_head);
    write_file("stale.po", po);
    assert_int_equal(yk_project_begin(p), YK_OK);
    assert_int_equal(yk_import(&ir, p, "stale.po", &o), YK_OK);
    assert_int_equal(yk_project_commit(p), YK_OK);
    assert_int_equal(ir.updated, 1);
    assert_int_equal(ir.nrefused, 1);
    assert_string_equal(ir.refused[0].id, "ch01:2");
    yk_import_result_release(&ir);
    segments(p, &l);
    assert_string_equal(l.state[0], "translated");
    assert_string_equal(l.state[1], "new");
}

static void test_add_outside_project_is_refused(void **state)
{
    yk_project *p = *state;
    yk_add_result r;
    assert_int_equal(add(p, "/etc/hostname", &r), YK_EINVAL);
    assert_int_equal(add(p, "missing.md", &r), YK_ENOTFOUND);
}

static void test_future_schema_is_refused(void **state)
{
    char path[512];
    sqlite3 *db;
    yk_project *p2 = NULL;
    (void)state;
    snprintf(path, sizeof(path), "%s/yaku.db", dir);
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(yk_project_open(&p2, dir), YK_EDB);
    assert_non_null(strstr(yk_error_last()->message, "upgrade yaku"));
    assert_null(p2);
}

static void test_open_walks_up_from_subdirectory(void **state)
{
    char sub[400];
    yk_project *p2 = NULL;
    (void)state;
    snprintf(sub, sizeof(sub), "%s/a/b", dir);
    assert_int_equal(system("mkdir -p a/b"), 0);
    assert_int_equal(chdir(sub), 0);
    assert_int_equal(yk_project_open(&p2, NULL), YK_OK);
    assert_string_equal(yk_project_source_lang(p2), "zh-Hans");
    assert_int_equal(yk_project_target_count(p2), 2);
    yk_project_close(p2);
    assert_int_equal(chdir("/"), 0);
    assert_int_equal(yk_project_open(&p2, "/"), YK_ENOTFOUND);
}

static void test_segment_id_parse(void **state)
{
    char ch[256];
    int n;
    (void)state;
    assert_int_equal(yk_segment_id_parse(ch, &n, "ch03-governance:12"), YK_OK);
    assert_string_equal(ch, "ch03-governance");
    assert_int_equal(n, 12);
    assert_int_equal(yk_segment_id_parse(ch, &n, "a:b:3"), YK_OK);
    assert_string_equal(ch, "a:b");
    assert_int_equal(yk_segment_id_parse(ch, &n, "ch01"), YK_EINVAL);
    assert_int_equal(yk_segment_id_parse(ch, &n, "ch01:0"), YK_EINVAL);
    assert_int_equal(yk_segment_id_parse(ch, &n, ":3"), YK_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_init_refuses_existing_project, setup, teardown),
        cmocka_unit_test_setup_teardown(test_init_rejects_bad_language, setup, teardown),
        cmocka_unit_test(test_lang_normalize_cases),
        cmocka_unit_test_setup_teardown(test_add_assigns_stable_ids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readd_keeps_marks_fuzzy_and_archives, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_unknown_id_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_stale_entry_is_refused_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_add_outside_project_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_future_schema_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_walks_up_from_subdirectory, setup, teardown),
        cmocka_unit_test(test_segment_id_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
