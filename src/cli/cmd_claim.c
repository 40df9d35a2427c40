/*
 * yaku claim: take a chapter, or the next N untranslated segments.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("the target language")},
    {"next", 'n', "N", N_("claim the next N untranslated segments instead of a chapter")},
    {"chapter", 'c', "C", N_("with --next: only from chapter C")},
    {"role", 'r', "ROLE", N_("translator (default) or reviewer (editors)")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "claim", "CHAPTER --lang L [--role reviewer] | --next N --lang L [--chapter C]",
    N_("Take work so that nobody else translates it at the same time.  A chapter claim\n"
       "covers every segment of the chapter; --next N takes the next N new or fuzzy\n"
       "segments nobody holds.  Claims expire after claim.expiry-days (default 21);\n"
       "claiming again renews.  When someone else holds it, the command names them and\n"
       "exits 3.  Two volunteers claiming at once never both win."),
    N_("examples:\n  yaku claim ch04 --lang ko\n  yaku claim --next 30 --lang ja"),
    opts,
};

int cmd_claim(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    const char *lang, *next, *chapter, *role;
    yk_claim_kind kind = YK_CLAIM_TRANSLATOR;
    yk_claim_next_result r;
    size_t n = 0;
    int rc;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    next = cli_get(&a, &usage, "next");
    chapter = cli_get(&a, &usage, "chapter");
    role = cli_get(&a, &usage, "role");
    if (!lang || (next ? a.npos != 0 || role : a.npos != 1 || chapter)) {
        rc = cli_usage_error(&usage, "%s",
                             !lang ? _("--lang is required")
                             : next ? _("--next takes no CHAPTER argument (use --chapter) and "
                                        "no --role")
                                    : _("give one CHAPTER, or --next N"));
        cli_args_release(&a);
        return rc;
    }
    if (next) {
        char *end;
        long v = strtol(next, &end, 10);
        if (*end || v < 1 || v > 100000) {
            cli_args_release(&a);
            return cli_usage_error(&usage, _("--next needs a number from 1 to 100000"));
        }
        n = (size_t)v;
    }
    if (role && (rc = yk_claim_kind_from_name(&kind, role)) < 0)
        goto fail;
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    rc = next ? yk_claim_next(&r, ctx->project, lang, n, chapter)
              : yk_claim_chapter(ctx->project, a.pos[0], lang, kind);
    if (rc < 0 || (rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    if (!next)
        /* TRANSLATORS: chapter, language, then "translator" or "reviewer" (not translated) */
        printf(_("claimed %s (%s) as %s\n"), a.pos[0], lang, yk_claim_kind_name(kind));
    else if (r.segments)
        printf(P_("claimed %zu segment (%s): %s .. %s\n", "claimed %zu segments (%s): %s .. %s\n",
                  r.segments),
               r.segments, lang, r.first, r.last);
    else
        printf(_("nothing left to claim in %s: every new or fuzzy segment is held\n"), lang);
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
