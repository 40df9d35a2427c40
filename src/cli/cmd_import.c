/*
 * yaku import: translations back from PO and XLIFF files.
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("the files' language (default: the language they name)")},
    {"quiet", 'q', NULL, N_("print nothing but errors and refusals")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "import", "FILE... [--lang L]",
    N_("Read translations from files written by 'yaku export' and edited in a CAT\n"
       "tool: PO, XLIFF 1.2 or XLIFF 2.0/2.1, told apart by their content.  A file goes\n"
       "in whole or not at all: an unknown segment id, a\n"
       "language that is not a target, invalid UTF-8, broken syntax, XML with entity\n"
       "declarations or an XLIFF tag whose markup cannot be found stops the import\n"
       "with file:line and changes nothing.  Entries whose source changed since the\n"
       "export, or whose translation someone else changed meanwhile, are refused one\n"
       "by one (exit 3); the rest go in.  XLIFF tags turn back into the markup they\n"
       "stand for.  Fuzzy entries (XLIFF: needs-* states, approved=\"no\", 2.0\n"
       "initial) are stored as fuzzy, the others as translated (approving is for\n"
       "'yaku review'); empty ones are skipped."),
    N_("examples:\n  yaku import ch01.ja.po\n  yaku import ja.xlf ko.xlf"),
    opts,
};

int cmd_import(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_import_options o = YK_IMPORT_OPTIONS_INIT;
    size_t refused = 0;
    int rc, i, quiet;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    if (a.npos == 0) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("no file given"));
    }
    o.lang = cli_get(&a, &usage, "lang");
    quiet = cli_get(&a, &usage, "quiet") != NULL;
    /* a whole book's PO (every entry checked before anything is written) */
    if ((rc = yk_project_begin_for_files(ctx->project, (const char *const *)a.pos,
                                         (size_t)a.npos)) < 0)
        goto fail;
    for (i = 0; i < a.npos; i++) {
        yk_import_result r;
        size_t k;
        if ((rc = yk_import(&r, ctx->project, a.pos[i], &o)) < 0) {
            yk_import_result_release(&r);
            yk_project_rollback(ctx->project);
            goto fail;
        }
        for (k = 0; k < r.nrefused; k++)
            /* "FILE:LINE: refused: [SEGMENT]" stays English: scripts match it */
            fprintf(stderr, "%s:%d: refused: [%s] %s\n", a.pos[i], r.refused[k].line,
                    r.refused[k].id, r.refused[k].reason);
        refused += r.nrefused;
        if (!quiet)
            printf(P_("%s (%s): %zu entry: %zu updated, %zu unchanged, %zu empty, %zu refused\n",
                      "%s (%s): %zu entries: %zu updated, %zu unchanged, %zu empty, %zu refused\n",
                      r.entries),
                   a.pos[i], r.lang, r.entries, r.updated, r.unchanged, r.skipped_empty,
                   r.nrefused);
        yk_import_result_release(&r);
    }
    if ((rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    cli_args_release(&a);
    return refused ? CLI_EXIT_REFUSED : 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
