/*
 * yaku build: the translated edition.
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
    {"lang", 'l', "L", N_("target language (required)")},
    {"output", 'o', "DIR", N_("output directory (default: dist/L)")},
    {"format", 'f', "FORMAT",
     N_("md: the source tree with translations (default); html; epub (DIR/L.epub);\n"
        "all: DIR/md, DIR/html and DIR/L.epub")},
    {"min-percent", 0, "N", N_("skip chapters less than N% translated (default 0)")},
    {"fallback", 0, "MODE", N_("untranslated segments: source (default) or omit")},
    {"quiet", 'q', NULL, N_("print nothing but errors")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "build",
    "--lang L [-o DIR] [--format md|html|epub|all] [--min-percent N] [--fallback source|omit]",
    N_("Write the translated edition: every source document at the same relative path\n"
       "under DIR, translated segments in place of the source, joined the way the\n"
       "target language writes (no space between Japanese or Chinese sentences, a space\n"
       "for Korean), with no soft line break left inside CJK text.  Each file is\n"
       "written atomically; nothing is written outside DIR.\n"
       "\n"
       "html and epub make the finished book: chapters in project order (or as the\n"
       "setting edition.chapter-order says), a table of contents, a credits page from\n"
       "the history, metadata from the settings edition.L.title, .subtitle, .creator,\n"
       ".publisher, .rights, .cover.  A chapter shown partly in the source language\n"
       "opens with a note saying so (edition.L.fallback-note).  HTML, XHTML and DocBook\n"
       "sources appear there as HTML made from their translated content (scripts,\n"
       "styles and forms left out); PO catalogues are built into the source tree only.\n"
       "Building twice gives the same bytes."),
    N_("examples:\n  yaku build --lang ja -o dist/ja --min-percent 80\n"
       "  yaku config edition.ja.title '2024 年オープンソース年次報告'\n"
       "  yaku build --lang ja --format epub -o dist"),
    opts,
};

static void progress(const char *path, int skipped, double pct, size_t done, size_t total,
                     void *payload)
{
    int quiet = *(int *)payload;
    /* TRANSLATORS: progress bar label, cut after 12 columns (6 CJK characters) */
    cli_progress(_("building"), done, total);
    if (skipped && !quiet) {
        cli_progress_end();
        printf(_("%s: skipped (%.1f%% translated)\n"), path, pct);
    }
}

int cmd_build(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_build_options o = YK_BUILD_OPTIONS_INIT;
    yk_build_result r;
    const char *lang, *v;
    char dir[512];
    int rc, quiet;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    if (!lang || a.npos) {
        cli_args_release(&a);
        return cli_usage_error(&usage, lang ? _("unexpected argument") : _("--lang is required"));
    }
    quiet = cli_get(&a, &usage, "quiet") != NULL;
    if ((v = cli_get(&a, &usage, "format")) && yk_build_format_from_name(&o.format, v) < 0) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("--format must be md, html, epub or all"));
    }
    if ((v = cli_get(&a, &usage, "min-percent"))) {
        char *end;
        o.min_percent = strtod(v, &end);
        if (*end || o.min_percent < 0 || o.min_percent > 100) {
            cli_args_release(&a);
            return cli_usage_error(&usage, _("--min-percent needs a number from 0 to 100"));
        }
    }
    if ((v = cli_get(&a, &usage, "fallback"))) {
        if (strcmp(v, "source") == 0) {
            o.fallback = YK_BUILD_FALLBACK_SOURCE;
        } else if (strcmp(v, "omit") == 0) {
            o.fallback = YK_BUILD_FALLBACK_OMIT;
        } else {
            cli_args_release(&a);
            return cli_usage_error(&usage, _("--fallback must be source or omit"));
        }
    }
    if ((v = cli_get(&a, &usage, "output"))) {
        o.out_dir = v;
    } else {
        snprintf(dir, sizeof(dir), "dist/%s", lang);
        o.out_dir = dir;
    }
    o.progress = progress;
    o.payload = &quiet;
    rc = yk_build(&r, ctx->project, lang, &o);
    cli_progress_end();
    if (rc < 0)
        goto fail;
    if (!quiet)
        printf(P_("built %s edition in %s: %zu file written, %zu skipped\n",
                  "built %s edition in %s: %zu files written, %zu skipped\n", r.written),
               lang, o.out_dir, r.written, r.skipped);
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
