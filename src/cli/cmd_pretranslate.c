/*
 * yaku pretranslate: fill new segments from the translation memory as fuzzy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("target language (required)")},
    {"min", 0, "SCORE", N_("lowest score used, 50-100 (default 75)")},
    {"chapter", 'c', "C", N_("only chapter C")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "pretranslate", "--lang L [--min 75] [--chapter C]",
    N_("Give every segment that is still new its best translation-memory match\n"
       "scoring at least --min, as fuzzy: a translator checks it before it counts as\n"
       "translated.  Translated, reviewed and fuzzy segments are never touched.  The\n"
       "history notes the score and where the match came from; 'yaku export' shows it\n"
       "in the PO comments, with the matched source as the previous msgid."),
    N_("example:\n  yaku pretranslate --lang ja --min 75"),
    opts,
};

int cmd_pretranslate(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_pretranslate_options o = YK_PRETRANSLATE_OPTIONS_INIT;
    yk_pretranslate_result r;
    const char *lang, *v;
    int rc;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    if (!lang || a.npos) {
        rc = cli_usage_error(&usage, lang ? _("unexpected argument '%s'") : _("--lang is required"),
                             a.npos ? a.pos[0] : "");
        cli_args_release(&a);
        return rc;
    }
    if ((v = cli_get(&a, &usage, "min"))) {
        char *end;
        long n;
        errno = 0;
        n = strtol(v, &end, 10);
        if (errno || end == v || *end || n < 50 || n > 100) {
            cli_args_release(&a);
            return cli_usage_error(&usage, _("--min takes a score from 50 to 100, not '%s'"), v);
        }
        o.min_score = (int)n;
    }
    o.chapter = cli_get(&a, &usage, "chapter");
    if ((rc = yk_require_role(ctx->project, YK_ROLE_MAINTAINER, "pretranslating")) < 0)
        goto fail;
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    if ((rc = yk_tm_pretranslate(&r, ctx->project, lang, &o)) < 0 ||
        (rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    printf(P_("%zu new segment: %zu filled as fuzzy (%zu exact, %zu with numbers or markup "
              "substituted), %zu without a match of %d or more\n",
              "%zu new segments: %zu filled as fuzzy (%zu exact, %zu with numbers or markup "
              "substituted), %zu without a match of %d or more\n",
              r.considered),
           r.considered, r.filled, r.exact, r.substituted, r.considered - r.filled, o.min_score);
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
