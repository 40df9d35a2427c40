/*
 * yaku release: give a claimed chapter (or all one's claims) back.
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("the target language")},
    {"all", 'a', NULL, N_("release every claim you hold in L")},
    {"force", 'f', NULL, N_("maintainers: release whoever holds it")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "release", "CHAPTER --lang L | --all --lang L [--force]",
    N_("Give work back: your claims on CHAPTER (chapter and reviewer claims, and the\n"
       "segments of your --next batches in it), or with --all every claim you hold in\n"
       "L.  A maintainer can release someone else's claim with --force."),
    N_("examples:\n  yaku release ch04 --lang ko\n  yaku release --all --lang ja"),
    opts,
};

int cmd_release(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    const char *lang;
    size_t n = 0;
    int rc, all;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    all = cli_get(&a, &usage, "all") != NULL;
    if (!lang || (all ? a.npos != 0 : a.npos != 1)) {
        rc = cli_usage_error(&usage, "%s",
                             !lang ? _("--lang is required")
                                   : _("give one CHAPTER, or --all (not both)"));
        cli_args_release(&a);
        return rc;
    }
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    if ((rc = yk_release(&n, ctx->project, all ? NULL : a.pos[0], lang,
                         cli_get(&a, &usage, "force") != NULL)) < 0 ||
        (rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    printf(P_("released %zu claim in %s\n", "released %zu claims in %s\n", n), n, lang);
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
