/*
 * yaku check: run the editors' checks and print the findings like a
 * compiler, or as JSON; --list prints the catalogue; --fix writes the
 * meaning-preserving corrections.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("check language L only (default: every target language)")},
    {"chapter", 'c', "C", N_("check chapter C only")},
    {"format", 'f', "FORMAT", N_("text (default) or json")},
    {"only", 0, "IDS", N_("run only these checks (comma-separated ids, see --list)")},
    {"fix", 0, NULL, N_("apply the meaning-preserving fixes (punctuation width, spacing)")},
    {"list", 0, NULL, N_("print the catalogue of checks")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "check", "[--lang L] [--chapter C] [--format text|json] [--only ID,...] [--fix] [--list]",
    N_("Check the translations: markup and tokens, completeness, leftovers of the source\n"
       "script, glossary terms, consistency across the book, typography of the target\n"
       "language and form.  Each finding names its check id; 'yaku check --list' explains\n"
       "every check and its fix.  Segments not translated yet are summed up per chapter.\n"
       "Exit status 1 when an error-severity finding is reported."),
    N_("examples:\n  yaku check --lang ja --chapter ch03\n"
       "  yaku check --only markup-link-url,code-span-changed --format json\n"
       "  yaku check --lang ja --fix"),
    opts,
};

typedef struct printer {
    int json, show_lang;
    size_t count;
} printer;

static void print_indented(const char *label, const char *text)
{
    const char *p = text;
    printf("    ");
    cli_pad(stdout, label, 7);
    putchar(' ');
    for (; *p; p++) {
        putchar(*p);
        if (*p == '\n' && p[1])
            printf("    %-7s ", "");
    }
    putchar('\n');
}

static int print_finding(const yk_check_finding *f, void *payload)
{
    printer *pr = payload;
    char id[300];
    snprintf(id, sizeof(id), "%s:%d", f->chapter, f->n);
    if (pr->json) {
        printf("%s\n  {\"segment\": ", pr->count ? "," : "");
        cli_json_str(stdout, id);
        printf(", \"chapter\": ");
        cli_json_str(stdout, f->chapter);
        printf(", \"n\": %d, \"lang\": ", f->n);
        cli_json_str(stdout, f->lang);
        printf(", \"check\": ");
        cli_json_str(stdout, f->check);
        printf(", \"severity\": ");
        cli_json_str(stdout, yk_check_severity_name(f->severity));
        printf(", \"message\": ");
        cli_json_str(stdout, f->message);
        printf(", \"source\": ");
        cli_json_str(stdout, f->source);
        printf(", \"target\": ");
        cli_json_str(stdout, f->target);
        printf(", \"fix\": ");
        if (f->fix)
            cli_json_str(stdout, f->fix);
        else
            printf("null");
        printf(", \"fixed\": %s}", f->fixed ? "true" : "false");
    } else {
        /* "CHAPTER:N: SEVERITY: [CHECK]" is what editors and scripts match, so the
         * severity stays English in every locale, like the check id */
        printf("%s: %s: [%s] %s", id, yk_check_severity_name(f->severity), f->check, f->message);
        if (pr->show_lang)
            printf(" (%s)", f->lang);
        if (f->fixed)
            printf(" %s", _("(fixed)"));
        putchar('\n');
        /*
         * TRANSLATORS: labels before a finding's source, target and suggested
         * fix, padded to 7 columns (a CJK character takes 2); "yaku tm
         * search" uses "source:" too
         */
        print_indented(_("source:"), f->source);
        print_indented(_("target:"), f->target);
        if (f->fix && !f->fixed)
            print_indented(_("fix:"), f->fix);
    }
    pr->count++;
    return 0;
}

static int print_info(const yk_check_info *c, void *payload)
{
    printer *pr = payload;
    if (pr->json) {
        printf("%s\n  {\"check\": ", pr->count ? "," : "");
        cli_json_str(stdout, c->check);
        printf(", \"severity\": ");
        cli_json_str(stdout, yk_check_severity_name(c->severity));
        printf(", \"languages\": ");
        cli_json_str(stdout, c->languages);
        printf(", \"description\": ");
        cli_json_str(stdout, c->description);
        printf(", \"fixable\": %s}", c->fixable ? "true" : "false");
    } else {
        printf("%-28s %-8s %-6s %s%s\n", c->check, yk_check_severity_name(c->severity),
               c->languages, c->description, c->fixable ? "" : "");
    }
    pr->count++;
    return 0;
}

int cmd_check(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_check_options o = YK_CHECK_OPTIONS_INIT;
    yk_check_result res;
    printer pr = {0, 0, 0};
    const char *fmt;
    int rc, in_tx = 0;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    fmt = cli_get(&a, &usage, "format");
    if (a.npos) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("unexpected argument '%s'"), a.pos[0]);
    }
    if (fmt && strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("unknown format '%s' (text or json)"), fmt);
    }
    pr.json = fmt && strcmp(fmt, "json") == 0;
    if (cli_get(&a, &usage, "list")) {
        if (pr.json)
            printf("[");
        yk_check_catalogue(print_info, &pr);
        if (pr.json)
            printf("\n]\n");
        cli_args_release(&a);
        return 0;
    }
    /* --list works outside a project, so the project is opened here, not by main */
    if (!ctx->project) {
        if ((rc = yk_project_open(&ctx->project, ctx->dir)) < 0)
            goto fail;
        if (ctx->user)
            yk_project_set_user(ctx->project, ctx->user);
    }
    o.lang = cli_get(&a, &usage, "lang");
    o.chapter = cli_get(&a, &usage, "chapter");
    o.only = cli_get(&a, &usage, "only");
    o.fix = cli_get(&a, &usage, "fix") != NULL;
    pr.show_lang = !o.lang && yk_project_target_count(ctx->project) > 1;
    if (o.fix) {
        if ((rc = yk_require_role(ctx->project, YK_ROLE_EDITOR, "fixing translations")) < 0 ||
            (rc = yk_project_begin(ctx->project)) < 0)
            goto fail;
        in_tx = 1;
    }
    if (pr.json)
        printf("[");
    rc = yk_check_run(&res, ctx->project, &o, print_finding, &pr);
    if (rc < 0) {
        if (pr.json)
            printf("]\n");
        goto fail;
    }
    if (in_tx) {
        in_tx = 0;
        if ((rc = yk_project_commit(ctx->project)) < 0) {
            yk_project_rollback(ctx->project);
            if (pr.json)
                printf("]\n");
            goto fail;
        }
    }
    if (pr.json) {
        printf("%s]\n", pr.count ? "\n" : "");
    } else {
        /* TRANSLATORS: "25 segments checked: 0 errors, 3 warnings, 1 note" is
         * printed in five parts, each with the form for its own count */
        printf(P_("%zu segment checked: ", "%zu segments checked: ", res.segments),
               res.segments);
        printf(P_("%zu error, ", "%zu errors, ", res.errors), res.errors);
        printf(P_("%zu warning, ", "%zu warnings, ", res.warnings), res.warnings);
        printf(P_("%zu note", "%zu notes", res.infos), res.infos);
        if (o.fix)
            printf(P_("; %zu segment fixed", "; %zu segments fixed", res.fixed), res.fixed);
        printf("\n");
    }
    cli_args_release(&a);
    return res.errors ? CLI_EXIT_FINDINGS : 0;
fail:
    if (in_tx)
        yk_project_rollback(ctx->project);
    cli_args_release(&a);
    return cli_fail(rc);
}
