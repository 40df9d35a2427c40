/*
 * yaku log: the history of one segment.
 */
#include <stdio.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("only language L")},
    {"json", 0, NULL, N_("print one JSON document")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "log", "SEGMENT [--lang L] [--json]",
    N_("Every recorded change of a segment's translations, oldest first: revision,\n"
       "state, who, when, what did it (import, translate, review-approve,\n"
       "review-reject, source-changed, ...), the text and any note.  Refused imports\n"
       "are kept here too (import-conflict)."),
    N_("example:\n  yaku log ch03:7"),
    opts,
};

typedef struct walk {
    int json;
    size_t n;
} walk;

static int row(const yk_history_entry *h, void *payload)
{
    walk *w = payload;
    if (w->json) {
        printf("%s\n  {\"segment\": ", w->n ? "," : "");
        cli_json_str(stdout, h->segment);
        printf(", \"lang\": ");
        cli_json_str(stdout, h->lang);
        printf(", \"revision\": %d, \"state\": ", h->revision);
        cli_json_str(stdout, h->state);
        printf(", \"who\": ");
        cli_json_str(stdout, h->who);
        printf(", \"at\": ");
        cli_json_str(stdout, h->at);
        printf(", \"action\": ");
        cli_json_str(stdout, h->action);
        printf(", \"target\": ");
        cli_json_str(stdout, h->target);
        printf(", \"note\": ");
        if (h->note)
            cli_json_str(stdout, h->note);
        else
            printf("null");
        printf("}");
    } else {
        printf("%s  %-3s r%-3d %-10s %-16s %s\n", h->at, h->lang, h->revision, h->state,
               h->action, h->who);
        if (h->target[0])
            printf("    %s\n", h->target);
        if (h->note)
            printf("    %s: %s\n", _("note"), h->note);
    }
    w->n++;
    return 0;
}

int cmd_log(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    walk w = {0, 0};
    int rc;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    if (a.npos != 1) {
        cli_args_release(&a);
        return cli_usage_error(&usage, _("give one SEGMENT (CHAPTER:N)"));
    }
    w.json = cli_get(&a, &usage, "json") != NULL;
    if (w.json)
        printf("[");
    rc = yk_history_foreach(ctx->project, a.pos[0], cli_get(&a, &usage, "lang"), row, &w);
    if (w.json)
        printf("%s]\n", w.n ? "\n" : "");
    else if (rc == YK_OK && w.n == 0)
        printf(_("%s: no recorded changes yet\n"), a.pos[0]);
    cli_args_release(&a);
    return rc < 0 ? cli_fail(rc) : 0;
}
