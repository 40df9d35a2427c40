/*
 * yaku add: register source documents (or their new versions).
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"chapter", 'c', "NAME", N_("put the documents in chapter NAME (default: each file's stem)")},
    {"format", 'f', "FORMAT",
     N_("md, txt, html, xhtml, docbook or po (default: from the file extension: .md, .txt,\n"
        ".html/.htm, .xhtml, .xml/.dbk/.docbook, .po/.pot)")},
    {"segment", 0, "MODE", N_("sentence (default), paragraph, or line (text files: one per line)")},
    {"quiet", 'q', NULL, N_("print nothing but errors")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "add",
    "FILE... [--chapter NAME] [--format md|txt|html|xhtml|docbook|po] "
    "[--segment sentence|paragraph|line]",
    N_("Register source documents and split them into segments.  Re-adding a changed file\n"
       "keeps the translations of unchanged segments, marks changed segments fuzzy (keeping\n"
       "the previous target and source) and archives removed ones; nothing is deleted.\n"
       "All files are added in one transaction: if one fails, none is added.\n"
       "Sentences follow the project's SRX rules when it has some (see 'yaku config --help');\n"
       "re-adding an unchanged file after the rules changed cuts it anew, like a changed file."),
    N_("examples:\n  yaku add report/*.md\n  yaku add notes/slides.txt --format txt --segment line\n"
       "  yaku add site/about.html book/ch01.xml ui/messages.pot"),
    opts,
};

typedef struct add_report {
    int quiet;
    size_t nfiles;
    size_t added, changed, archived, segments;
    size_t reported; /* files already listed on stdout */
} add_report;

static int report_file(const yk_add_result *r, size_t index, void *payload)
{
    add_report *rep = payload;
    rep->reported++;
    rep->segments += r->segments;
    rep->added += r->added;
    rep->changed += r->changed;
    rep->archived += r->archived;
    if (rep->quiet) {
        /* TRANSLATORS: progress bar label, cut after 12 columns (6 CJK characters) */
        cli_progress(_("adding"), index + 1, rep->nfiles);
        return 0;
    }
    cli_progress_end();
    if (r->unchanged)
        printf(P_("%s: unchanged (%zu segment, chapter %s)\n",
                  "%s: unchanged (%zu segments, chapter %s)\n", r->segments),
               r->path, r->segments, r->chapter);
    else if (r->kept + r->changed + r->archived == 0)
        printf(P_("%s: %zu segment (chapter %s)\n", "%s: %zu segments (chapter %s)\n",
                  r->segments),
               r->path, r->segments, r->chapter);
    else
        printf(P_("%s: %zu segment (chapter %s): %zu kept, %zu changed (now fuzzy), %zu new, "
                  "%zu restored, %zu archived\n",
                  "%s: %zu segments (chapter %s): %zu kept, %zu changed (now fuzzy), %zu new, "
                  "%zu restored, %zu archived\n",
                  r->segments),
               r->path, r->segments, r->chapter, r->kept, r->changed, r->added, r->restored,
               r->archived);
    cli_progress(_("adding"), index + 1, rep->nfiles);
    return 0;
}

int cmd_add(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_add_options o = YK_ADD_OPTIONS_INIT;
    add_report rep;
    const char *fmt, *seg;
    int rc = YK_OK;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    if (a.npos == 0) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("no file given"));
    }
    memset(&rep, 0, sizeof(rep));
    o.chapter = cli_get(&a, &usage, "chapter");
    rep.quiet = cli_get(&a, &usage, "quiet") != NULL;
    rep.nfiles = (size_t)a.npos;
    fmt = cli_get(&a, &usage, "format");
    seg = cli_get(&a, &usage, "segment");
    if (fmt && yk_format_from_name(&o.format, fmt) < 0) {
        cli_args_release(&a);
        return cli_fail(YK_EINVAL);
    }
    if (seg && strcmp(seg, "sentence") && strcmp(seg, "paragraph") && strcmp(seg, "line")) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("--segment must be sentence, paragraph or line"));
    }
    o.segment = seg;
    /* the maintainer sets up the sources (SPEC §6) */
    if ((rc = yk_require_role(ctx->project, YK_ROLE_MAINTAINER, "adding documents")) < 0 ||
        (rc = yk_project_begin_for_files(ctx->project, (const char *const *)a.pos, rep.nfiles)) < 0)
        goto fail;
    cli_progress(_("adding"), 0, rep.nfiles);
    rc = yk_documents_add(ctx->project, (const char *const *)a.pos, rep.nfiles, &o, report_file,
                          &rep);
    cli_progress_end();
    if (rc < 0 || (rc = yk_project_commit(ctx->project)) < 0) {
        int code;
        yk_project_rollback(ctx->project);
        cli_args_release(&a);
        fflush(stdout); /* the files listed, then why none of them was added */
        code = cli_fail(rc);
        /* the files listed above were read, and the rollback took them out */
        if (rep.reported)
            fprintf(stderr, P_("yaku: nothing was added: the %zu file listed above is not in the "
                               "project either\n",
                               "yaku: nothing was added: the %zu files listed above are not in the "
                               "project either\n",
                               rep.reported),
                    rep.reported);
        return code;
    }
    if (!rep.quiet && a.npos > 1) {
        /* TRANSLATORS: the first part of "3 files, 108 segments: ..." */
        printf(P_("%d file, ", "%d files, ", a.npos), a.npos);
        printf(P_("%zu segment: %zu new, %zu changed, %zu archived\n",
                  "%zu segments: %zu new, %zu changed, %zu archived\n", rep.segments),
               rep.segments, rep.added, rep.changed, rep.archived);
    }
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
