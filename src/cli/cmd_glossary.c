/*
 * yaku glossary import|add|list|export: the shared terminology.  One small
 * table of verbs; each verb parses its own options and calls the library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"
#include "util/fs.h"

static const cli_opt import_opts[] = {
    {"format", 'f', "FORMAT", N_("tbx, tsv or csv (default: from the file name and content)")},
    {NULL, 0, NULL, NULL},
};
static const cli_usage import_usage = {
    "glossary import", "FILE... [--format tbx|tsv|csv]",
    N_("Read glossary files: TBX (TBX-Basic, TBX v3 / ISO 30042) or TSV/CSV with a header\n"
       "row of language tags and the optional columns id, note, note:LANG,\n"
       "forbidden:LANG, pos and case; several terms in a cell are separated by '|'.\n"
       "Every file is checked before anything is stored; a bad row stops the import\n"
       "with its line number and nothing is written."),
    N_("example:\n  yaku glossary import glossaries/oss-community.tsv"),
    import_opts,
};

static const cli_opt add_opts[] = {
    {"lang", 'l', "L", N_("target language (required)")},
    {"forbid", 0, "VARIANT", N_("a variant not to use in L (repeatable)")},
    {"note", 0, "TEXT", N_("usage note")},
    {"pos", 0, "POS", N_("part of speech (noun, verb, ...)")},
    {NULL, 0, NULL, NULL},
};
static const cli_usage add_usage = {
    "glossary add", "SRC --lang L TARGET [--forbid VARIANT]... [--note TEXT]",
    N_("Set TARGET as the approved translation in L of the source-language term SRC,\n"
       "with forbidden variants and a note."),
    N_("example:\n  yaku glossary add 开源 --lang ko 오픈소스 --forbid '오픈 소스' --note 'one word'"),
    add_opts,
};

static const cli_opt list_opts[] = {
    {"lang", 'l', "L", N_("only terms in L (and the source language)")},
    {"json", 0, NULL, N_("print one JSON document")},
    {NULL, 0, NULL, NULL},
};
static const cli_usage list_usage = {
    "glossary list", "[--lang L] [--json]",
    N_("List the glossary: each source-language term with its approved terms and\n"
       "forbidden variants per language, and notes."),
    NULL,
    list_opts,
};

static const cli_opt export_opts[] = {
    {"lang", 'l', "L", N_("only the source language and L")},
    {"format", 'f', "FORMAT", N_("tbx (default), tsv or csv")},
    {"output", 'o', "FILE", N_("write to FILE (default: standard output)")},
    {NULL, 0, NULL, NULL},
};
static const cli_usage export_usage = {
    "glossary export", "[--lang L] [--format tbx|tsv|csv] [-o FILE]",
    N_("Write the glossary as TBX (TBX v3, TBX-Basic dialect) or TSV/CSV; the file\n"
       "imports back to the same entries."),
    NULL,
    export_opts,
};

/* Every option of every verb, for 'yaku glossary --help'. */
static const cli_opt all_opts[] = {
    {"lang", 'l', "L", N_("add: target language; list, export: only L")},
    {"forbid", 0, "VARIANT", N_("add: a variant not to use (repeatable)")},
    {"note", 0, "TEXT", N_("add: usage note")},
    {"pos", 0, "POS", N_("add: part of speech")},
    {"format", 'f', "FORMAT", N_("import, export: tbx, tsv or csv")},
    {"output", 'o', "FILE", N_("export: write to FILE")},
    {"json", 0, NULL, N_("list: print JSON")},
    {NULL, 0, NULL, NULL},
};
static const cli_usage glossary_usage = {
    "glossary", "import|add|list|export [OPTIONS]",
    N_("Shared terminology: concepts with approved terms and forbidden variants per\n"
       "language.  Segments show the glossary terms they contain ('yaku export'), and\n"
       "'yaku check' reports missing approved terms and forbidden variants.\n\n"
       "verbs:\n"
       "  import FILE...                 read TBX, TSV or CSV glossaries\n"
       "  add SRC --lang L TARGET        add or change one entry\n"
       "  list [--lang L] [--json]       list the entries\n"
       "  export [--lang L] [--format F] write TBX, TSV or CSV"),
    N_("'yaku glossary VERB --help' shows the options of one verb."),
    all_opts,
};

static int do_import(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_glossary_format fmt = YK_GLOSSARY_AUTO;
    const char *f;
    int rc, i, status;

    if (cli_parse_or_status(&a, &import_usage, argc, argv, &status) < 0)
        return status;
    if (a.npos == 0) {
        cli_args_release(&a);
        return cli_usage_error(&import_usage, _("no file given"));
    }
    f = cli_get(&a, &import_usage, "format");
    if (f && (rc = yk_glossary_format_from_name(&fmt, f)) < 0)
        goto fail;
    if ((rc = yk_require_role(ctx->project, YK_ROLE_EDITOR, "importing a glossary")) < 0)
        goto fail;
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    for (i = 0; i < a.npos; i++) {
        yk_glossary_import_result r;
        if ((rc = yk_glossary_import(&r, ctx->project, a.pos[i], fmt)) < 0) {
            yk_project_rollback(ctx->project);
            goto fail;
        }
        printf(P_("%s: %zu concept (%zu new, %zu updated), ",
                  "%s: %zu concepts (%zu new, %zu updated), ", r.concepts),
               a.pos[i], r.concepts, r.added, r.updated);
        printf(P_("%zu term\n", "%zu terms\n", r.terms), r.terms);
    }
    if ((rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}

static int do_add(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_glossary_add_options o = YK_GLOSSARY_ADD_OPTIONS_INIT;
    const char *lang;
    int rc, created = 0, status;

    if (cli_parse_or_status(&a, &add_usage, argc, argv, &status) < 0)
        return status;
    lang = cli_get(&a, &add_usage, "lang");
    if (!lang || a.npos != 2) {
        cli_args_release(&a);
        return cli_usage_error(&add_usage, !lang ? _("--lang is required")
                                                 : _("give the source term and the target term"));
    }
    o.forbidden = cli_get_all(&a, &add_usage, "forbid", &o.nforbidden);
    o.note = cli_get(&a, &add_usage, "note");
    o.pos = cli_get(&a, &add_usage, "pos");
    if ((rc = yk_require_role(ctx->project, YK_ROLE_EDITOR, "changing the glossary")) < 0)
        goto fail;
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    if ((rc = yk_glossary_add(&created, ctx->project, a.pos[0], lang, a.pos[1], &o)) < 0 ||
        (rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    printf(created ? _("added: %s → %s (%s)\n") : _("updated: %s → %s (%s)\n"), a.pos[0],
           a.pos[1], lang);
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}

typedef struct list_walk {
    int json;
    size_t count;
    const char *source;
} list_walk;

static int is_source(const list_walk *w, const yk_glossary_term *t)
{
    size_t n = strlen(w->source);
    return strcmp(t->lang, w->source) == 0 ||
           (strncmp(t->lang, w->source, n) == 0 && t->lang[n] == '-') ||
           (strncmp(t->lang, w->source, strcspn(t->lang, "-")) == 0 &&
            w->source[strcspn(t->lang, "-")] == '-' && !strchr(t->lang, '-'));
}

static void print_json_terms(const yk_glossary_concept *c, const char *lang, int forbidden)
{
    size_t j, k = 0;
    printf("[");
    for (j = 0; j < c->nterms; j++) {
        if (strcmp(c->terms[j].lang, lang) || c->terms[j].forbidden != forbidden)
            continue;
        printf("%s", k++ ? ", " : "");
        cli_json_str(stdout, c->terms[j].text);
    }
    printf("]");
}

static int list_concept(const yk_glossary_concept *c, void *payload)
{
    list_walk *w = payload;
    size_t j, k;
    if (w->json) {
        printf("%s\n  {\"id\": ", w->count ? "," : "");
        cli_json_str(stdout, c->id);
        printf(", \"note\": ");
        if (c->note)
            cli_json_str(stdout, c->note);
        else
            printf("null");
        printf(", \"terms\": {");
        for (j = 0, k = 0; j < c->nterms; j++) {
            size_t x;
            for (x = 0; x < j; x++)
                if (strcmp(c->terms[x].lang, c->terms[j].lang) == 0)
                    break;
            if (x < j)
                continue;
            printf("%s", k++ ? ", " : "");
            cli_json_str(stdout, c->terms[j].lang);
            printf(": {\"approved\": ");
            print_json_terms(c, c->terms[j].lang, 0);
            printf(", \"forbidden\": ");
            print_json_terms(c, c->terms[j].lang, 1);
            printf("}");
        }
        printf("}}");
    } else {
        const char *sep = "";
        for (j = 0; j < c->nterms; j++)
            if (is_source(w, &c->terms[j]) && !c->terms[j].forbidden) {
                printf("%s%s", sep, c->terms[j].text);
                sep = " | ";
            }
        if (!*sep)
            printf("[%s]", c->id);
        for (j = 0; j < c->nterms; j++) {
            const yk_glossary_term *t = &c->terms[j];
            if (is_source(w, t))
                continue;
            if (t->forbidden)
                /* TRANSLATORS: after an approved term: a forbidden variant */
                printf(_(" (not %s)"), t->text);
            else
                printf("\t%s: %s", t->lang, t->text);
        }
        if (c->note)
            printf("\t# %s", c->note);
        printf("\n");
    }
    w->count++;
    return 0;
}

static int do_list(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    list_walk w;
    const char *lang;
    int rc, status;

    if (cli_parse_or_status(&a, &list_usage, argc, argv, &status) < 0)
        return status;
    if (a.npos) {
        cli_args_release(&a);
        return cli_usage_error(&list_usage, _("unexpected argument '%s'"), a.pos[0]);
    }
    memset(&w, 0, sizeof(w));
    w.json = cli_get(&a, &list_usage, "json") != NULL;
    w.source = yk_project_source_lang(ctx->project);
    lang = cli_get(&a, &list_usage, "lang");
    if (w.json)
        printf("[");
    rc = yk_glossary_foreach(ctx->project, lang, list_concept, &w);
    if (w.json)
        printf("%s]\n", w.count ? "\n" : "");
    else if (rc == YK_OK && !w.count)
        printf(_("the glossary is empty; see 'yaku glossary import --help'\n"));
    cli_args_release(&a);
    return rc < 0 ? cli_fail(rc) : 0;
}

static int do_export(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_glossary_format fmt = YK_GLOSSARY_TBX;
    yk_bytes text = {NULL, 0};
    const char *f, *file;
    int rc, status;

    if (cli_parse_or_status(&a, &export_usage, argc, argv, &status) < 0)
        return status;
    if (a.npos) {
        cli_args_release(&a);
        return cli_usage_error(&export_usage, _("unexpected argument '%s'"), a.pos[0]);
    }
    f = cli_get(&a, &export_usage, "format");
    file = cli_get(&a, &export_usage, "output");
    if (f && (rc = yk_glossary_format_from_name(&fmt, f)) < 0)
        goto fail;
    if ((rc = yk_glossary_export(&text, ctx->project, cli_get(&a, &export_usage, "lang"), fmt)) <
        0)
        goto fail;
    if (file && strcmp(file, "-") != 0) {
        if ((rc = yk_fs_write_atomic(file, text.data, text.len)) < 0)
            goto fail;
    } else {
        fwrite(text.data, 1, text.len, stdout);
    }
    yk_bytes_release(&text);
    cli_args_release(&a);
    return 0;
fail:
    yk_bytes_release(&text);
    cli_args_release(&a);
    return cli_fail(rc);
}

static const cli_verb verbs[] = {
    {"import", do_import},
    {"add", do_add},
    {"list", do_list},
    {"export", do_export},
    {NULL, NULL},
};

int cmd_glossary(int argc, char **argv, cli_ctx *ctx)
{
    return cli_run_verb(verbs, &glossary_usage, argc, argv, ctx);
}
