/*
 * yaku credits: translators and reviewers per chapter, from the history.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("the edition's language")},
    {"format", 'f', "FMT", N_("md (default) or json")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "credits", "--lang L [--format md|json]",
    N_("Who translated and who reviewed each chapter, read from the history (what was\n"
       "actually submitted and reviewed, not who claimed what), chapters in book order,\n"
       "people in the order they first contributed.  Markdown for the edition's credits\n"
       "page, or JSON: an array of {\"chapter\", \"user\", \"role\", \"segments\"}."),
    N_("example:\n  yaku credits --lang ja > credits.md"),
    opts,
};

typedef struct walk {
    int json;
    size_t n;
    char chapter[256];
    char role[16];
} walk;

static int row(const yk_credit *c, void *payload)
{
    walk *w = payload;
    if (w->json) {
        printf("%s\n  {\"chapter\": ", w->n ? "," : "");
        cli_json_str(stdout, c->chapter);
        printf(", \"user\": ");
        cli_json_str(stdout, c->user);
        printf(", \"role\": ");
        cli_json_str(stdout, c->role);
        printf(", \"segments\": %zu}", c->segments);
    } else {
        if (strcmp(w->chapter, c->chapter) != 0) {
            printf("%s## %s\n\n", w->n ? "\n" : "", c->chapter);
            snprintf(w->chapter, sizeof(w->chapter), "%s", c->chapter);
            w->role[0] = '\0';
        }
        if (strcmp(w->role, c->role) != 0) {
            /* TRANSLATORS: headings of the Markdown credits page of an edition */
            printf("%s:\n", strcmp(c->role, "reviewer") == 0 ? _("Reviewed by")
                                                             : _("Translated by"));
            snprintf(w->role, sizeof(w->role), "%s", c->role);
        }
        printf("- %s (%zu)\n", c->user, c->segments);
    }
    w->n++;
    return 0;
}

int cmd_credits(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    walk w;
    const char *lang, *fmt;
    int rc;

    memset(&w, 0, sizeof(w));
    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    fmt = cli_get(&a, &usage, "format");
    if (!lang || a.npos || (fmt && strcmp(fmt, "md") != 0 && strcmp(fmt, "json") != 0)) {
        rc = cli_usage_error(&usage, "%s",
                             !lang ? _("--lang is required")
                             : a.npos ? _("unexpected argument")
                                      : _("--format is md or json"));
        cli_args_release(&a);
        return rc;
    }
    w.json = fmt && strcmp(fmt, "json") == 0;
    if (w.json)
        printf("[");
    else
        printf("# %s (%s)\n\n", _("Credits"), lang);
    rc = yk_credits_foreach(ctx->project, lang, row, &w);
    if (w.json)
        printf("%s]\n", w.n ? "\n" : "");
    else if (rc == YK_OK && w.n == 0)
        printf(_("Nobody has translated anything in %s yet.\n"), lang);
    cli_args_release(&a);
    return rc < 0 ? cli_fail(rc) : 0;
}
