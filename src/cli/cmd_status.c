/*
 * yaku status: progress per chapter and language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"
#include "cli/status_html.h"

typedef struct claims_walk {
    int json;
    size_t n;
} claims_walk;

/* the active claims after the progress; stale ones say how to reassign */
static int claim_row(const yk_claim_info *c, void *payload)
{
    claims_walk *w = payload;
    if (w->json) {
        printf("%s\n    {\"lang\": ", w->n ? "," : "");
        cli_json_str(stdout, c->lang);
        printf(", \"chapter\": ");
        cli_json_str(stdout, c->chapter);
        printf(", \"holder\": ");
        cli_json_str(stdout, c->holder);
        printf(", \"role\": ");
        cli_json_str(stdout, yk_claim_kind_name(c->kind));
        printf(", \"segments\": %zu, \"claimed_at\": ", c->batch ? c->segments : 0);
        cli_json_str(stdout, c->claimed_at);
        printf(", \"expires_at\": ");
        cli_json_str(stdout, c->expires_at);
        printf(", \"stale\": %s}", c->stale ? "true" : "false");
    } else {
        if (w->n == 0)
            /* TRANSLATORS: heading of the list of active claims */
            printf("\n%s\n", _("claims"));
        printf("  %-4s %-22s %-28s %-10s %s %.10s", c->lang, c->chapter, c->holder,
               yk_claim_kind_name(c->kind),
               /* TRANSLATORS: "expired" or "until", then a claim's expiry date */
               c->stale ? _("expired") : _("until"), c->expires_at);
        if (c->batch)
            printf(P_("  (%zu segment)", "  (%zu segments)", c->segments), c->segments);
        if (c->stale)
            printf(_("  STALE: yaku assign %s --lang %s --to USER"), c->chapter, c->lang);
        printf("\n");
    }
    w->n++;
    return 0;
}

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("only language L")},
    {"json", 0, NULL, N_("print one JSON document")},
    {"fail-under", 0, "PERCENT", N_("exit 1 when a language's overall progress is below PERCENT")},
    {"html", 0, "FILE", N_("write a self-contained HTML progress page to FILE")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "status", "[--lang L] [--json] [--html FILE] [--fail-under PERCENT]",
    N_("Show, per language and chapter, how many segments are new, fuzzy, translated and\n"
       "reviewed, the percentage done (translated + reviewed) and who holds the chapter,\n"
       "then the active claims: stale ones (expired, not released) are marked; a\n"
       "maintainer can reassign them with 'yaku assign'.  --html FILE writes one page\n"
       "(no scripts, no network) with progress per chapter and language and the\n"
       "contributions of each volunteer."),
    NULL,
    opts,
};

typedef struct walk {
    int json;
    const char *lang;     /* current language group */
    size_t nlang, nchap;
    size_t total, done;   /* of the current language */
    double worst;         /* lowest overall percent */
} walk;

static void close_lang(walk *w)
{
    double pct = w->total ? 100.0 * (double)w->done / (double)w->total : 100.0;
    if (pct < w->worst)
        w->worst = pct;
    if (w->json) {
        printf("\n    ]}");
    } else {
        printf("  ");
        /* TRANSLATORS: the row of a language's overall progress, under its chapters */
        cli_pad(stdout, _("all"), 22);
        putchar(' ');
        cli_bar(stdout, pct, 20);
        printf(" %5.1f%%  (%zu/%zu)\n", pct, w->done, w->total);
    }
}

static int row(const yk_progress *p, void *payload)
{
    walk *w = payload;
    if (!w->lang || strcmp(w->lang, p->lang) != 0) {
        if (w->lang)
            close_lang(w);
        if (w->json) {
            printf("%s\n  {\"lang\": ", w->nlang ? "," : "");
            cli_json_str(stdout, p->lang);
            printf(", \"chapters\": [");
        } else {
            printf("%s%s\n", w->nlang ? "\n" : "", p->lang);
        }
        w->lang = p->lang;
        w->nlang++;
        w->nchap = 0;
        w->total = w->done = 0;
    }
    w->total += p->total;
    w->done += p->translated + p->reviewed;
    if (w->json) {
        printf("%s\n      {\"chapter\": ", w->nchap ? "," : "");
        cli_json_str(stdout, p->chapter);
        printf(", \"total\": %zu, \"new\": %zu, \"fuzzy\": %zu, \"translated\": %zu, "
               "\"reviewed\": %zu, \"percent\": %.1f, \"holder\": ",
               p->total, p->new_, p->fuzzy, p->translated, p->reviewed, p->percent);
        if (p->holder)
            cli_json_str(stdout, p->holder);
        else
            printf("null");
        printf("}");
    } else {
        printf("  %-22s ", p->chapter);
        cli_bar(stdout, p->percent, 20);
        printf(" %5.1f%%  %zu new, %zu fuzzy, %zu translated, %zu reviewed", p->percent, p->new_,
               p->fuzzy, p->translated, p->reviewed);
        if (p->holder)
            printf("  (%s)", p->holder);
        printf("\n");
    }
    w->nchap++;
    return 0;
}

int cmd_status(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    walk w = {0, NULL, 0, 0, 0, 0, 100.0};
    const char *fu;
    char *end = NULL;
    double fail_under = -1;
    int rc;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    w.json = cli_get(&a, &usage, "json") != NULL;
    if ((fu = cli_get(&a, &usage, "fail-under"))) {
        fail_under = strtod(fu, &end);
        if (*end || fail_under < 0 || fail_under > 100) {
            cli_args_release(&a);
            return cli_usage_error(&usage, _("--fail-under needs a percentage from 0 to 100"));
        }
    }
    if (cli_get(&a, &usage, "html")) {
        const char *file = cli_get(&a, &usage, "html");
        rc = cli_status_html(ctx->project, cli_get(&a, &usage, "lang"), file);
        if (rc == YK_OK)
            printf(_("wrote %s\n"), file);
        cli_args_release(&a);
        return rc < 0 ? cli_fail(rc) : 0;
    }
    if (w.json)
        printf("{\"languages\": [");
    rc = yk_progress_foreach(ctx->project, cli_get(&a, &usage, "lang"), row, &w);
    if (rc == YK_OK && w.lang)
        close_lang(&w);
    if (w.json)
        printf("%s]", w.nlang ? "\n" : "");
    if (rc == YK_OK) {
        claims_walk cw = {w.json, 0};
        if (w.json)
            printf(", \"claims\": [");
        rc = yk_claims_foreach(ctx->project, cli_get(&a, &usage, "lang"), claim_row, &cw);
        if (w.json)
            printf("%s]", cw.n ? "\n  " : "");
    }
    if (w.json)
        printf("}\n");
    cli_args_release(&a);
    if (rc < 0)
        return cli_fail(rc);
    if (fail_under >= 0 && w.worst < fail_under) {
        fprintf(stderr, _("yaku: progress %.1f%% is under %.1f%%\n"), w.worst, fail_under);
        return CLI_EXIT_FINDINGS;
    }
    return 0;
}
