/*
 * yaku init: create a project.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"source", 's', "LANG", N_("source language (BCP 47: zh-Hans, zh-Hant, en, ...)")},
    {"target", 't', "LANG[,LANG...]", N_("target languages (e.g. ja,ko)")},
    {"title", 0, "TEXT", N_("title of the work")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "init", "[DIR] --source LANG --target LANG[,LANG...] [--title TEXT]",
    N_("Create a project in DIR (default: the current directory): a yaku.db that holds the\n"
       "segments, translations and history.  Source documents stay where they are.\n"
       "The user running init becomes the project's first maintainer."),
    N_("example:\n  yaku init --source zh-Hans --target ja,ko --title \"2024 中国开源年度报告\""),
    opts,
};

int cmd_init(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_init_options o = YK_INIT_OPTIONS_INIT;
    yk_project *p = NULL;
    char *user = NULL;
    const char *dir;
    int rc, status;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    if (a.npos > 1) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("too many arguments"));
    }
    dir = a.npos ? a.pos[0] : (ctx->dir ? ctx->dir : ".");
    o.source_lang = cli_get(&a, &usage, "source");
    o.target_langs = cli_get(&a, &usage, "target");
    o.title = cli_get(&a, &usage, "title");
    if (!o.source_lang || !o.target_langs) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("--source and --target are required"));
    }
    user = ctx->user ? NULL : yk_default_user();
    o.user = ctx->user ? ctx->user : user;
    rc = yk_project_init(&p, dir, &o);
    if (rc < 0) {
        status = cli_fail(rc);
    } else {
        size_t i;
        printf(_("Initialised yaku project in %s\n"), yk_project_root(p));
        printf(_("  source: %s\n  targets:"), yk_project_source_lang(p));
        for (i = 0; i < yk_project_target_count(p); i++)
            printf(" %s", yk_project_target(p, i));
        printf(_("\n  maintainer: %s\nnext: yaku add FILE...\n"), o.user);
        status = 0;
    }
    yk_project_close(p);
    free(user);
    cli_args_release(&a);
    return status;
}
