/*
 * yaku assign: a maintainer gives a chapter to someone (replacing any claim,
 * e.g. a stale one).
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("the target language")},
    {"to", 't', "USER", N_("the member who gets the chapter")},
    {"role", 'r', "ROLE", N_("translator (default) or reviewer")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "assign", "CHAPTER --lang L --to USER [--role translator|reviewer]",
    N_("Give CHAPTER in language L to USER as translator or reviewer.  Any claim of the\n"
       "same kind on it (another volunteer's, or a stale one) is closed, and so are\n"
       "--next batches in the chapter.  Only a maintainer may assign."),
    N_("example:\n  yaku assign ch03 --lang ja --to alice@example.org"),
    opts,
};

int cmd_assign(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    const char *lang, *to, *role;
    yk_claim_kind kind = YK_CLAIM_TRANSLATOR;
    int rc;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    to = cli_get(&a, &usage, "to");
    role = cli_get(&a, &usage, "role");
    if (a.npos != 1 || !lang || !to) {
        rc = cli_usage_error(&usage, "%s",
                             a.npos != 1 ? _("give one CHAPTER") : _("--lang and --to are required"));
        cli_args_release(&a);
        return rc;
    }
    if (role && (rc = yk_claim_kind_from_name(&kind, role)) < 0)
        goto fail;
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    if ((rc = yk_assign(ctx->project, a.pos[0], lang, to, kind)) < 0 ||
        (rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    /* TRANSLATORS: chapter, language, user, then "translator" or "reviewer" (not translated) */
    printf(_("assigned %s (%s) to %s as %s\n"), a.pos[0], lang, to, yk_claim_kind_name(kind));
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
