/*
 * yaku tm: the translation memory.  import reads TMX files, export writes
 * one, search shows ranked fuzzy matches.  A small table of verbs; each
 * verb parses its own options and calls the library.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt import_opts[] = {
    {NULL, 0, NULL, NULL},
};
static const cli_usage import_usage = {
    "tm import", "FILE.tmx...",
    N_("Add the translation units of TMX 1.4b files to the memory (every language pair\n"
       "in them).  Inline codes (<bpt>, <ept>, <ph>, <it>) are kept.  A file with\n"
       "malformed XML, invalid UTF-8, a <tuv> without xml:lang or entity declarations\n"
       "stops the import with file:line and nothing is added.  Units already in the\n"
       "memory are counted as duplicates."),
    N_("example:\n  yaku tm import last-year.tmx other-book.tmx"),
    import_opts,
};

static const cli_opt export_opts[] = {
    {"output", 'o', "FILE", N_("write to FILE (required)")},
    {"lang", 'l', "L", N_("only units translated into L")},
    {NULL, 0, NULL, NULL},
};
static const cli_usage export_usage = {
    "tm export", "-o FILE.tmx [--lang L]",
    N_("Write the memory (the project's translated and reviewed segments and what was\n"
       "imported) as TMX 1.4b, readable by OmegaT, Translate Toolkit and other CAT\n"
       "tools; 'yaku tm import' reads it back unchanged."),
    N_("example:\n  yaku tm export -o project.tmx --lang ja"),
    export_opts,
};

static const cli_opt search_opts[] = {
    {"lang", 'l', "L", N_("target language (required)")},
    {"min", 0, "SCORE", N_("lowest score shown, 50-100 (default 70)")},
    {"max", 'n', "N", N_("at most N matches (default 5)")},
    {"chapter", 'c', "C", N_("the text's chapter: exact matches from it rank first")},
    {"json", 0, NULL, N_("print JSON")},
    {NULL, 0, NULL, NULL},
};
static const cli_usage search_usage = {
    "tm search", "TEXT --lang L [--min 70] [--max N] [--chapter C] [--json]",
    N_("Show the memory's best matches for TEXT, best first, with a score from 0 to\n"
       "100 (edit distance over characters for Chinese, Japanese and Korean, over\n"
       "words otherwise; case, width, spacing and the spelling of inline markup do not\n"
       "count; 100 = identical), what differs ([-memory-]{+text+}), and where the\n"
       "match comes from.  When the match differs only in numbers or markup, the\n"
       "suggested target has them replaced and says so."),
    N_("example:\n  yaku tm search \"开源项目需要健康的社区\" --lang ja --min 70"),
    search_opts,
};

static const cli_opt all_opts[] = {
    {"output", 'o', "FILE", N_("export: write to FILE")},
    {"lang", 'l', "L", N_("export: only L; search: target language")},
    {"min", 0, "SCORE", N_("search: lowest score (default 70)")},
    {"max", 'n', "N", N_("search: at most N matches (default 5)")},
    {"chapter", 'c', "C", N_("search: the text's chapter")},
    {"json", 0, NULL, N_("search: print JSON")},
    {NULL, 0, NULL, NULL},
};
static const cli_usage tm_usage = {
    "tm", "import|export|search [OPTIONS]",
    N_("The translation memory: every translated or reviewed segment of the project\n"
       "plus imported TMX.  'yaku pretranslate' fills new segments from it.\n\n"
       "verbs:\n"
       "  import FILE.tmx...                   add TMX files\n"
       "  export -o FILE.tmx [--lang L]        write TMX\n"
       "  search TEXT --lang L [--min 70]      show ranked matches"),
    N_("'yaku tm VERB --help' shows the options of one verb."),
    all_opts,
};

/* A whole decimal number in [lo, hi]; -1 when it is not one. */
static long parse_num(const char *s, long lo, long hi)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return -1;
    return v;
}

static int do_import(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    int rc, i, status;

    if (cli_parse_or_status(&a, &import_usage, argc, argv, &status) < 0)
        return status;
    if (a.npos == 0) {
        cli_args_release(&a);
        return cli_usage_error(&import_usage, _("no file given"));
    }
    if ((rc = yk_require_role(ctx->project, YK_ROLE_MAINTAINER, "importing a translation memory")) < 0)
        goto fail;
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    for (i = 0; i < a.npos; i++) {
        yk_tm_import_result r;
        if ((rc = yk_tm_import_tmx(&r, ctx->project, a.pos[i])) < 0) {
            yk_project_rollback(ctx->project);
            goto fail;
        }
        printf(P_("%s: %zu unit: %zu added, %zu already in the memory, %zu skipped\n",
                  "%s: %zu units: %zu added, %zu already in the memory, %zu skipped\n", r.units),
               a.pos[i], r.units, r.added, r.duplicates, r.skipped);
    }
    if ((rc = yk_tm_sync(ctx->project)) < 0 || (rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}

static int do_export(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_tm_export_options o = YK_TM_EXPORT_OPTIONS_INIT;
    const char *file;
    size_t n;
    int rc, status;

    if (cli_parse_or_status(&a, &export_usage, argc, argv, &status) < 0)
        return status;
    file = cli_get(&a, &export_usage, "output");
    o.lang = cli_get(&a, &export_usage, "lang");
    if (!file || a.npos) {
        cli_args_release(&a);
        return cli_usage_error(&export_usage,
                               file ? _("unexpected argument '%s'") : _("-o FILE is required"),
                               a.npos ? a.pos[0] : "");
    }
    if ((rc = yk_tm_export_tmx(&n, ctx->project, file, &o)) < 0) {
        cli_args_release(&a);
        return cli_fail(rc);
    }
    printf(P_("%s: %zu unit\n", "%s: %zu units\n", n), file, n);
    cli_args_release(&a);
    return 0;
}

static void print_json(const yk_tm_matches *m)
{
    size_t i;
    printf("[");
    for (i = 0; i < m->n; i++) {
        const yk_tm_match *x = &m->v[i];
        printf("%s\n  {\"score\": %d, \"source\": ", i ? "," : "", x->score);
        cli_json_str(stdout, x->source);
        printf(", \"target\": ");
        cli_json_str(stdout, x->target);
        printf(", \"origin\": {\"kind\": ");
        cli_json_str(stdout, x->origin);
        printf(", \"project\": ");
        if (x->project)
            cli_json_str(stdout, x->project);
        else
            printf("null");
        printf(", \"file\": ");
        if (x->file)
            cli_json_str(stdout, x->file);
        else
            printf("null");
        printf(", \"translator\": ");
        if (x->translator)
            cli_json_str(stdout, x->translator);
        else
            printf("null");
        printf(", \"chapter\": ");
        if (x->chapter)
            cli_json_str(stdout, x->chapter);
        else
            printf("null");
        printf("}, \"date\": ");
        cli_json_str(stdout, x->date);
        printf(", \"diff\": ");
        cli_json_str(stdout, x->diff);
        printf(", \"context\": %s, \"substituted\": ", x->context ? "true" : "false");
        if (x->substituted)
            cli_json_str(stdout, x->substituted);
        else
            printf("null");
        printf(", \"memory_target\": ");
        cli_json_str(stdout, x->memory_target);
        printf(", \"source_lang\": ");
        cli_json_str(stdout, x->source_lang);
        printf(", \"target_lang\": ");
        cli_json_str(stdout, x->target_lang);
        printf("}");
    }
    printf("%s]\n", m->n ? "\n" : "");
}

static void print_text(const yk_tm_matches *m)
{
    size_t i;
    if (m->n == 0) {
        printf(_("no matches\n"));
        return;
    }
    for (i = 0; i < m->n; i++) {
        const yk_tm_match *x = &m->v[i];
        /* TRANSLATORS: after a match's score: the match comes from the same chapter */
        printf("%3d%%%s  %s\n", x->score, x->context ? _(" (context)") : "", x->target);
        /*
         * TRANSLATORS: "source:", "diff:  ", "note:  " and "from:  " label the
         * lines of one match; the English ones are padded to line up
         */
        printf("      %s %s\n", _("source:"), x->source);
        if (x->score < 100)
            printf("      %s %s\n", _("diff:  "), x->diff);
        if (x->substituted)
            printf("      %s %s\n", _("note:  "),
                   strcmp(x->substituted, "numbers") == 0  ? _("numbers substituted")
                   : strcmp(x->substituted, "markup") == 0 ? _("markup substituted")
                                                           : _("numbers and markup substituted"));
        printf("      %s %s", _("from:  "), x->origin);
        if (x->project)
            printf(" '%s'", x->project);
        if (x->file)
            printf(", %s", x->file);
        if (x->translator)
            printf(", %s", x->translator);
        if (x->date)
            printf(", %.10s", x->date);
        printf("\n");
    }
}

static int do_search(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_tm_search_options o = YK_TM_SEARCH_OPTIONS_INIT;
    yk_tm_matches *m = NULL;
    const char *lang, *v;
    int rc, status;
    long n;

    if (cli_parse_or_status(&a, &search_usage, argc, argv, &status) < 0)
        return status;
    lang = cli_get(&a, &search_usage, "lang");
    if (!lang || a.npos != 1) {
        rc = cli_usage_error(&search_usage, !lang       ? _("--lang is required")
                                            : a.npos == 0 ? _("no text given")
                                                          : _("give the text as one argument"));
        cli_args_release(&a);
        return rc;
    }
    if ((v = cli_get(&a, &search_usage, "min"))) {
        if ((n = parse_num(v, 50, 100)) < 0) {
            cli_args_release(&a);
            return cli_usage_error(&search_usage, _("--min takes a score from 50 to 100, not '%s'"),
                                   v);
        }
        o.min_score = (int)n;
    }
    if ((v = cli_get(&a, &search_usage, "max"))) {
        if ((n = parse_num(v, 1, 1000)) < 0) {
            cli_args_release(&a);
            return cli_usage_error(&search_usage, _("--max takes a number from 1 to 1000, not '%s'"),
                                   v);
        }
        o.max = (size_t)n;
    }
    o.chapter = cli_get(&a, &search_usage, "chapter");
    /* bring the index up to date with recent translations; a busy or
     * read-only project is searched as it is */
    if (yk_project_begin(ctx->project) == YK_OK) {
        if (yk_tm_sync(ctx->project) == YK_OK && yk_project_commit(ctx->project) == YK_OK)
            ;
        else
            yk_project_rollback(ctx->project);
    }
    yk_error_clear();
    if ((rc = yk_tm_search(&m, ctx->project, lang, a.pos[0], strlen(a.pos[0]), &o)) < 0) {
        cli_args_release(&a);
        return cli_fail(rc);
    }
    if (cli_get(&a, &search_usage, "json"))
        print_json(m);
    else
        print_text(m);
    yk_tm_matches_free(m);
    cli_args_release(&a);
    return 0;
}

static const cli_verb verbs[] = {
    {"import", do_import},
    {"export", do_export},
    {"search", do_search},
    {NULL, NULL},
};

int cmd_tm(int argc, char **argv, cli_ctx *ctx)
{
    return cli_run_verb(verbs, &tm_usage, argc, argv, ctx);
}
