/*
 * Workflow logic through the public API: roles, claims (conflicts, renewal,
 * expiry and take-over, batches), authorisation of submissions, review,
 * release and credits.  Time moves with SOURCE_DATE_EPOCH.
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

#define T0 1700000000LL
#define DAY 86400LL

static char dir[256];

static void at(long long t)
{
    char v[32];
    snprintf(v, sizeof(v), "%lld", t);
    setenv("SOURCE_DATE_EPOCH", v, 1);
}

static void write_file(const char *name, const char *text)
{
    FILE *f = fopen(name, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* a project by boss (maintainer) with members ed (editor), tr and tr2
 * (translators) and two chapters of three sentences */
static int setup(void **state)
{
    yk_project *p = NULL;
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    yk_add_options ao = YK_ADD_OPTIONS_INIT;
    yk_add_result r;
    at(T0);
    snprintf(dir, sizeof(dir), "%s/yaku-wf-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    o.source_lang = "zh-Hans";
    o.target_langs = "ja";
    o.user = "boss";
    assert_int_equal(yk_project_init(&p, dir, &o), YK_OK);
    assert_int_equal(chdir(dir), 0);
    write_file("a.md", "第一句。第二句。第三句。\n");
    write_file("b.md", "第四句。第五句。第六句。\n");
    assert_int_equal(yk_project_begin(p), YK_OK);
    assert_int_equal(yk_document_add(&r, p, "a.md", &ao), YK_OK);
    assert_int_equal(yk_document_add(&r, p, "b.md", &ao), YK_OK);
    assert_int_equal(yk_member_add(p, "ed", YK_ROLE_EDITOR), YK_OK);
    assert_int_equal(yk_member_add(p, "tr", YK_ROLE_TRANSLATOR), YK_OK);
    assert_int_equal(yk_member_add(p, "tr2", YK_ROLE_TRANSLATOR), YK_OK);
    assert_int_equal(yk_project_commit(p), YK_OK);
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
    unsetenv("SOURCE_DATE_EPOCH");
    return 0;
}

/* run one write as 'user' in its own transaction, like a command */
static int claim_as(yk_project *p, const char *user, const char *chapter, yk_claim_kind kind)
{
    int rc;
    yk_project_set_user(p, user);
    assert_int_equal(yk_project_begin(p), YK_OK);
    rc = yk_claim_chapter(p, chapter, "ja", kind);
    if (rc == YK_OK)
        assert_int_equal(yk_project_commit(p), YK_OK);
    else
        yk_project_rollback(p);
    return rc;
}

static int authorize_as(yk_project *p, const char *user, const char *id)
{
    yk_project_set_user(p, user);
    return yk_authorize_translate(p, id, "ja");
}

static void test_roles(void **state)
{
    yk_project *p = *state;
    yk_role r;
    assert_int_equal(yk_member_role(&r, p, "boss"), YK_OK);
    assert_int_equal(r, YK_ROLE_MAINTAINER);
    assert_int_equal(yk_member_role(&r, p, "nobody"), YK_OK);
    assert_int_equal(r, YK_ROLE_NONE);
    assert_int_equal(yk_role_from_name(&r, "owner"), YK_EINVAL);
    yk_project_set_user(p, "ed");
    assert_int_equal(yk_require_role(p, YK_ROLE_EDITOR, "x"), YK_OK);
    assert_int_equal(yk_require_role(p, YK_ROLE_MAINTAINER, "x"), YK_EPERM);
    assert_int_equal(yk_member_add(p, "new", YK_ROLE_TRANSLATOR), YK_EPERM);
    yk_project_set_user(p, "nobody");
    assert_int_equal(yk_require_role(p, YK_ROLE_TRANSLATOR, "x"), YK_EPERM);
    assert_non_null(strstr(yk_error_last()->message, "not a member"));
    /* the last maintainer cannot be demoted */
    yk_project_set_user(p, "boss");
    assert_int_equal(yk_member_add(p, "boss", YK_ROLE_EDITOR), YK_ECONFLICT);
    assert_int_equal(yk_member_add(p, "bad user", YK_ROLE_EDITOR), YK_EINVAL);
}

static void test_claim_conflict_and_renew(void **state)
{
    yk_project *p = *state;
    assert_int_equal(claim_as(p, "tr", "a", YK_CLAIM_TRANSLATOR), YK_OK);
    assert_int_equal(claim_as(p, "tr2", "a", YK_CLAIM_TRANSLATOR), YK_ECONFLICT);
    assert_non_null(strstr(yk_error_last()->message, "claimed by tr"));
    assert_non_null(strstr(yk_error_last()->message, "yaku assign a --lang ja --to tr2"));
    /* editors cannot take a held chapter either; a reviewer claim is separate */
    assert_int_equal(claim_as(p, "ed", "a", YK_CLAIM_TRANSLATOR), YK_ECONFLICT);
    assert_int_equal(claim_as(p, "ed", "a", YK_CLAIM_REVIEWER), YK_OK);
    assert_int_equal(claim_as(p, "tr2", "b", YK_CLAIM_REVIEWER), YK_EPERM);
    /* renewing one's own claim is fine */
    at(T0 + 10 * DAY);
    assert_int_equal(claim_as(p, "tr", "a", YK_CLAIM_TRANSLATOR), YK_OK);
    at(T0 + 25 * DAY); /* 15 days after the renewal: still live */
    assert_int_equal(claim_as(p, "tr2", "a", YK_CLAIM_TRANSLATOR), YK_ECONFLICT);
    assert_int_equal(claim_as(p, "nobody", "b", YK_CLAIM_TRANSLATOR), YK_EPERM);
    assert_int_equal(claim_as(p, "tr", "nosuch", YK_CLAIM_TRANSLATOR), YK_ENOTFOUND);
}

static int count_stale(const yk_claim_info *c, void *payload)
{
    int *n = payload;
    if (c->stale)
        (*n)++;
    return 0;
}

static void test_expiry_and_takeover(void **state)
{
    yk_project *p = *state;
    int stale = 0;
    assert_int_equal(claim_as(p, "tr", "a", YK_CLAIM_TRANSLATOR), YK_OK);
    assert_int_equal(authorize_as(p, "tr", "a:1"), YK_OK);
    at(T0 + 22 * DAY); /* past the default 21 days */
    assert_int_equal(yk_claims_foreach(p, "ja", count_stale, &stale), YK_OK);
    assert_int_equal(stale, 1);
    /* an expired claim no longer authorises its holder ... */
    assert_int_equal(authorize_as(p, "tr", "a:1"), YK_EPERM);
    assert_non_null(strstr(yk_error_last()->message, "expired"));
    /* ... and anyone may take the chapter over */
    assert_int_equal(claim_as(p, "tr2", "a", YK_CLAIM_TRANSLATOR), YK_OK);
    assert_int_equal(authorize_as(p, "tr2", "a:1"), YK_OK);
    assert_int_equal(authorize_as(p, "tr", "a:1"), YK_ECONFLICT);
    stale = 0;
    assert_int_equal(yk_claims_foreach(p, "ja", count_stale, &stale), YK_OK);
    assert_int_equal(stale, 0);
}

static void test_expiry_days_setting(void **state)
{
    yk_project *p = *state;
    int stale = 0;
    yk_project_set_user(p, "boss");
    assert_int_equal(yk_config_set(p, "claim.expiry-days", "2"), YK_OK);
    assert_int_equal(claim_as(p, "tr", "a", YK_CLAIM_TRANSLATOR), YK_OK);
    at(T0 + 1 * DAY);
    assert_int_equal(yk_claims_foreach(p, "ja", count_stale, &stale), YK_OK);
    assert_int_equal(stale, 0);
    at(T0 + 3 * DAY);
    assert_int_equal(yk_claims_foreach(p, "ja", count_stale, &stale), YK_OK);
    assert_int_equal(stale, 1);
}

static void test_next_batches(void **state)
{
    yk_project *p = *state;
    yk_claim_next_result r;
    yk_project_set_user(p, "tr");
    assert_int_equal(yk_project_begin(p), YK_OK);
    assert_int_equal(yk_claim_next(&r, p, "ja", 2, NULL), YK_OK);
    assert_int_equal(yk_project_commit(p), YK_OK);
    assert_int_equal(r.segments, 2);
    assert_string_equal(r.first, "a:1");
    assert_string_equal(r.last, "a:2");
    /* the next one skips tr's batch */
    yk_project_set_user(p, "tr2");
    assert_int_equal(yk_project_begin(p), YK_OK);
    assert_int_equal(yk_claim_next(&r, p, "ja", 2, NULL), YK_OK);
    assert_int_equal(yk_project_commit(p), YK_OK);
    assert_string_equal(r.first, "a:3");
    assert_string_equal(r.last, "b:1");
    assert_int_equal(authorize_as(p, "tr", "a:2"), YK_OK);
    assert_int_equal(authorize_as(p, "tr", "a:3"), YK_ECONFLICT);
    assert_non_null(strstr(yk_error_last()->message, "tr2"));
    assert_int_equal(authorize_as(p, "tr", "b:3"), YK_EPERM);
    /* a chapter with someone else's live batch in it cannot be claimed whole */
    assert_int_equal(claim_as(p, "tr", "b", YK_CLAIM_TRANSLATOR), YK_ECONFLICT);
    assert_non_null(strstr(yk_error_last()->message, "tr2's claimed batch"));
    /* but the maintainer can assign it, which ends the batch there */
    yk_project_set_user(p, "boss");
    assert_int_equal(yk_project_begin(p), YK_OK);
    assert_int_equal(yk_assign(p, "b", "ja", "tr", YK_CLAIM_TRANSLATOR), YK_OK);
    assert_int_equal(yk_project_commit(p), YK_OK);
    assert_int_equal(authorize_as(p, "tr", "b:1"), YK_OK);
    assert_int_equal(authorize_as(p, "tr2", "b:1"), YK_ECONFLICT);
    assert_int_equal(authorize_as(p, "tr2", "a:3"), YK_OK);
    /* editors edit anywhere, strangers nowhere */
    assert_int_equal(authorize_as(p, "ed", "b:1"), YK_OK);
    assert_int_equal(authorize_as(p, "nobody", "a:1"), YK_EPERM);
    assert_int_equal(authorize_as(p, "tr", "a:99"), YK_ENOTFOUND);
}

static void test_release(void **state)
{
    yk_project *p = *state;
    size_t n;
    assert_int_equal(claim_as(p, "tr", "a", YK_CLAIM_TRANSLATOR), YK_OK);
    yk_project_set_user(p, "tr2");
    assert_int_equal(yk_release(&n, p, "a", "ja", 0), YK_EPERM);
    assert_non_null(strstr(yk_error_last()->message, "held by tr"));
    assert_int_equal(yk_release(&n, p, "a", "ja", 1), YK_EPERM); /* force: maintainers only */
    yk_project_set_user(p, "boss");
    assert_int_equal(yk_release(&n, p, "a", "ja", 1), YK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(claim_as(p, "tr2", "a", YK_CLAIM_TRANSLATOR), YK_OK);
    yk_project_set_user(p, "tr2");
    assert_int_equal(yk_release(&n, p, NULL, "ja", 0), YK_OK);
    assert_int_equal(n, 1);
    assert_int_equal(yk_release(&n, p, NULL, "ja", 0), YK_ENOTFOUND);
}

static int credit_row(const yk_credit *c, void *payload)
{
    char *out = payload;
    size_t used = strlen(out);
    snprintf(out + used, 2000 - used, "%s %s %s %zu\n", c->chapter, c->user, c->role,
             c->segments);
    return 0;
}

static void test_review_and_credits(void **state)
{
    yk_project *p = *state;
    char credits[2000] = "", *note = NULL;
    yk_import_result ir;
    yk_import_options io = YK_IMPORT_OPTIONS_INIT;
    write_file("t.po", "msgid \"\"\nmsgstr \"\"\n\"Language: ja\\n\"\n"
                       "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                       "msgctxt \"a:1\"\nmsgid \"第一句。\"\nmsgstr \"一文目。\"\n\n"
                       "msgctxt \"a:2\"\nmsgid \"第二句。\"\nmsgstr \"二文目。\"\n\n"
                       "msgctxt \"b:1\"\nmsgid \"第四句。\"\nmsgstr \"四文目。\"\n");
    assert_int_equal(claim_as(p, "tr", "a", YK_CLAIM_TRANSLATOR), YK_OK);
    yk_project_set_user(p, "tr");
    assert_int_equal(yk_project_begin(p), YK_OK);
    assert_int_equal(yk_import(&ir, p, "t.po", &io), YK_OK);
    assert_int_equal(yk_project_commit(p), YK_OK);
    assert_int_equal(ir.updated, 2);
    assert_int_equal(ir.nrefused, 1); /* b:1 is not tr's */
    assert_string_equal(ir.refused[0].id, "b:1");
    yk_import_result_release(&ir);
    /* translators cannot review; editors can */
    assert_int_equal(yk_review_approve(p, "a:1", "ja"), YK_EPERM);
    yk_project_set_user(p, "ed");
    assert_int_equal(yk_review_approve(p, "a:1", "ja"), YK_OK);
    assert_int_equal(yk_review_reject(p, "a:2", "ja", ""), YK_EINVAL);
    assert_int_equal(yk_review_reject(p, "a:2", "ja", "check the glossary"), YK_OK);
    assert_int_equal(yk_review_approve(p, "a:2", "ja"), YK_ECONFLICT); /* fuzzy now */
    assert_int_equal(yk_review_approve(p, "a:3", "ja"), YK_ECONFLICT); /* new */
    assert_int_equal(yk_review_note(&note, p, "a:2", "ja"), YK_OK);
    assert_non_null(note);
    assert_non_null(strstr(note, "check the glossary (ed,"));
    free(note);
    assert_int_equal(yk_credits_foreach(p, "ja", credit_row, credits), YK_OK);
    assert_string_equal(credits, "a tr translator 2\na ed reviewer 2\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_claim_conflict_and_renew, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry_and_takeover, setup, teardown),
        cmocka_unit_test_setup_teardown(test_expiry_days_setting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_next_batches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_release, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review_and_credits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
