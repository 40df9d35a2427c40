/*
 * yaku config: show or change project settings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    N_("examples:\n  yaku config frontmatter.keys title,description,summary,linkTitle\n"
       "  yaku config segmentation.srx rules.srx\n"
       "  yaku config segmentation.srx \"\"      (remove the rules)\n"
       "\n"
       "segmentation.srx: SRX 2.0 rules that correct yaku's sentence boundaries (ICU and\n"
       "its built-in exceptions, which stay the default) for the source language.  The\n"
       "file is checked when set (XML, regular expressions) and its content stored in the\n"
       "project; 'yaku config segmentation.srx' prints it, and errors at add time name\n"
       "its lines as segmentation.srx:LINE.  The languagemaps choose the rules: each\n"
       "languagepattern is a regular expression matched against the whole source\n"
       "language tag (zh-Hans, ja, en; case-insensitive); with cascade=\"yes\" every\n"
       "matching map applies in order, else the first.  At each position of a\n"
       "paragraph's text the first rule whose beforebreak matches the text before it and\n"
       "whose afterbreak matches the text after it decides: break=\"no\" removes a\n"
       "boundary there, break=\"yes\" adds one; where no rule matches, yaku's boundary\n"
       "stands.  Positions that only white space separates count as one.  Never broken:\n"
       "URLs, inline code, links, HTML tags and shortcodes; a blank line always ends a\n"
       "sentence.  A rule too slow for a text fails the add (exit 2).  Re-add the files\n"
       "to apply new rules: segments whose text changes become fuzzy, keeping their\n"
       "translations."),
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
            if (v && strchr(v, '\n'))
                /* TRANSLATORS: a setting whose value is a whole file (segmentation.srx) */
                printf(_("%s = (%zu bytes; 'yaku config %s' prints them)\n    %s\n"),
                       yk_config_keys[i], strlen(v), yk_config_keys[i],
                       _(yk_config_descriptions[i]));
            else
                printf("%s = %s\n    %s\n", yk_config_keys[i], v ? v : _("(default)"),
                       _(yk_config_descriptions[i]));
            free(v);
            v = NULL;
        }
    } else if (a.npos == 1) {
        if ((rc = yk_config_get(&v, ctx->project, a.pos[0])) < 0)
            status = cli_fail(rc);
        else if (v && *v && v[strlen(v) - 1] == '\n')
            fputs(v, stdout);
        else
            printf("%s\n", v ? v : "");
    } else if (a.npos == 2) {
        if ((rc = yk_require_role(ctx->project, YK_ROLE_MAINTAINER, "changing settings")) < 0 ||
            (rc = yk_project_begin(ctx->project)) < 0 ||
            (rc = strcmp(a.pos[0], "segmentation.srx") == 0
                      ? yk_segmentation_rules_set(ctx->project, a.pos[1])
                      : yk_config_set(ctx->project, a.pos[0], a.pos[1])) < 0 ||
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
