/*
 * yaku config: show or change project settings.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"list", 'l', NULL, N_("list the settings with their values and meaning")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "config", "KEY [VALUE] | --list",
    N_("Show a setting (KEY) or change it (KEY VALUE)."),
    N_("example:\n  yaku config frontmatter.keys title,description,summary,linkTitle"),
    opts,
};

int cmd_config(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    int rc, status = 0;
    char *v = NULL;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    if (cli_get(&a, &usage, "list") || a.npos == 0) {
        size_t i;
        for (i = 0; yk_config_keys[i]; i++) {
            if ((rc = yk_config_get(&v, ctx->project, yk_config_keys[i])) < 0) {
                status = cli_fail(rc);
                break;
            }
            printf("%s = %s\n    %s\n", yk_config_keys[i], v ? v : _("(default)"),
                   _(yk_config_descriptions[i]));
            free(v);
            v = NULL;
        }
    } else if (a.npos == 1) {
        if ((rc = yk_config_get(&v, ctx->project, a.pos[0])) < 0)
            status = cli_fail(rc);
        else
            printf("%s\n", v ? v : "");
    } else if (a.npos == 2) {
        if ((rc = yk_require_role(ctx->project, YK_ROLE_MAINTAINER, "changing settings")) < 0 ||
            (rc = yk_project_begin(ctx->project)) < 0 ||
            (rc = yk_config_set(ctx->project, a.pos[0], a.pos[1])) < 0 ||
            (rc = yk_project_commit(ctx->project)) < 0) {
            yk_project_rollback(ctx->project);
            status = cli_fail(rc);
        }
    } else {
        status = cli_usage_error(&usage, _("too many arguments"));
    }
    free(v);
    cli_args_release(&a);
    return status;
}
