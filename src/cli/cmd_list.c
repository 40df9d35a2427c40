/*
 * yaku list chapters|segments.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"chapter", 'c', "C", N_("only this chapter (segments)")},
    {"lang", 'l', "L", N_("show the state and target in language L (segments)")},
    {"state", 0, "S", N_("only segments in state S: new, fuzzy, translated, reviewed (needs --lang)")},
    {"json", 0, NULL, N_("print one JSON document")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "list", "chapters|segments [--chapter C] [--lang L] [--state S] [--json]",
    N_("List the chapters (documents and segment counts, progress per language) or the\n"
       "segments with their stable ids CHAPTER:N."),
    N_("examples:\n  yaku list chapters\n  yaku list segments --chapter ch01 --lang ja --state fuzzy"),
    opts,
};

typedef struct walk {
    int json;
    size_t count;
    yk_project *project;
} walk;

static int print_chapter(const yk_chapter_info *c, void *payload)
{
    walk *w = payload;
    size_t i;
    if (w->json) {
        printf("%s\n  {\"chapter\": ", w->count ? "," : "");
        cli_json_str(stdout, c->chapter);
        printf(", \"documents\": [");
        for (i = 0; i < c->documents; i++) {
            printf("%s", i ? ", " : "");
            cli_json_str(stdout, c->paths[i]);
        }
        printf("], \"segments\": %zu}", c->segments);
    } else {
        printf("%-24s %4zu %s  ", c->chapter, c->segments, _("segments"));
        for (i = 0; i < c->documents; i++)
            printf("%s%s", i ? ", " : "", c->paths[i]);
        printf("\n");
    }
    w->count++;
    return 0;
}

static int print_progress(const yk_progress *p, void *payload)
{
    (void)payload;
    printf("  %-22s %-6s ", p->chapter, p->lang);
    cli_bar(stdout, p->percent, 20);
    printf(" %5.1f%%\n", p->percent);
    return 0;
}

static int print_segment(const yk_segment_info *s, void *payload)
{
    walk *w = payload;
    if (w->json) {
        char id[300];
        snprintf(id, sizeof(id), "%s:%d", s->chapter, s->n);
        printf("%s\n  {\"id\": ", w->count ? "," : "");
        cli_json_str(stdout, id);
        printf(", \"chapter\": ");
        cli_json_str(stdout, s->chapter);
        printf(", \"n\": %d, \"source\": ", s->n);
        cli_json_str(stdout, s->source);
        printf(", \"path\": ");
        cli_json_str(stdout, s->path);
        printf(", \"line\": %d, \"kind\": ", s->line);
        cli_json_str(stdout, s->kind);
        if (s->state) {
            printf(", \"state\": ");
            cli_json_str(stdout, s->state);
            printf(", \"target\": ");
            cli_json_str(stdout, s->target);
            printf(", \"revision\": %d", s->revision);
            if (s->prev_source) {
                printf(", \"previous_source\": ");
                cli_json_str(stdout, s->prev_source);
            }
        }
        printf("}");
    } else {
        printf("%s:%d\t", s->chapter, s->n);
        if (s->state)
            printf("[%s]\t", s->state);
        printf("%s\n", s->source);
        if (s->state && s->target && s->target[0])
            printf("\t\t→ %s\n", s->target);
    }
    w->count++;
    return 0;
}

int cmd_list(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    walk w = {0, 0, ctx->project};
    int rc;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    w.json = cli_get(&a, &usage, "json") != NULL;
    if (a.npos != 1 || (strcmp(a.pos[0], "chapters") && strcmp(a.pos[0], "segments"))) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("say what to list: chapters or segments"));
    }
    if (w.json)
        printf("[");
    if (strcmp(a.pos[0], "chapters") == 0) {
        rc = yk_chapters_foreach(ctx->project, print_chapter, &w);
        if (rc == YK_OK && !w.json && w.count) {
            printf(_("\nprogress:\n"));
            rc = yk_progress_foreach(ctx->project, cli_get(&a, &usage, "lang"), print_progress,
                                     NULL);
        }
        if (rc == YK_OK && !w.json && !w.count)
            printf(_("no chapters yet; add documents with 'yaku add FILE...'\n"));
    } else {
        yk_segment_filter f = YK_SEGMENT_FILTER_INIT;
        f.chapter = cli_get(&a, &usage, "chapter");
        f.lang = cli_get(&a, &usage, "lang");
        f.state = cli_get(&a, &usage, "state");
        rc = yk_segments_foreach(ctx->project, &f, print_segment, &w);
    }
    if (w.json)
        printf("%s]\n", w.count ? "\n" : "");
    cli_args_release(&a);
    return rc < 0 ? cli_fail(rc) : 0;
}
