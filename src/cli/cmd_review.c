/*
 * yaku review: approve segments, or send them back with a note.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("the target language")},
    {"approve", 'a', NULL, N_("approve the SEGMENTs: they become reviewed")},
    {"reject", 'r', NULL, N_("send the SEGMENTs back to the translator (needs --note)")},
    {"note", 'm', "TEXT", N_("why they were rejected; shown by translate and export")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "review", "--lang L CHAPTER [--approve SEGMENT...|--reject SEGMENT... --note TEXT]",
    N_("Without --approve or --reject: list the chapter's translated segments waiting\n"
       "for review.  --approve moves segments to 'reviewed'; --reject moves them back\n"
       "to 'fuzzy' with a note the translator sees in 'yaku translate' and in exported\n"
       "PO files.  Segments are ids (ch03:7) or numbers of CHAPTER (7).  Needs the\n"
       "editor role or a reviewer claim on the chapter.  All or nothing: one refused\n"
       "segment changes nothing."),
    N_("examples:\n  yaku review --lang ja ch03 --approve ch03:4 ch03:5\n"
       "  yaku review --lang ja ch03 --reject ch03:7 --note \"glossary: コントリビューター\""),
    opts,
};

typedef struct pending {
    size_t n;
} pending;

static int show_pending(const yk_segment_info *s, void *payload)
{
    pending *w = payload;
    if (strcmp(s->state, "translated") != 0)
        return 0;
    printf("%s:%d\n  %s\n  %s\n", s->chapter, s->n, s->source, s->target);
    w->n++;
    return 0;
}

int cmd_review(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    const char *lang, *note;
    int rc, i, approve, reject;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    note = cli_get(&a, &usage, "note");
    approve = cli_get(&a, &usage, "approve") != NULL;
    reject = cli_get(&a, &usage, "reject") != NULL;
    if (!lang || a.npos < 1 || (approve && reject) || (reject && (!note || !*note)) ||
        (note && !reject) || ((approve || reject) && a.npos < 2)) {
        rc = cli_usage_error(&usage, "%s",
                             !lang ? _("--lang is required")
                             : a.npos < 1 ? _("give the CHAPTER")
                             : approve && reject ? _("--approve or --reject, not both")
                             : reject && (!note || !*note) ? _("--reject needs --note TEXT")
                             : note && !reject ? _("--note goes with --reject")
                                               : _("give the SEGMENTs to approve or reject"));
        cli_args_release(&a);
        return rc;
    }
    if (!approve && !reject) {
        yk_segment_filter f = YK_SEGMENT_FILTER_INIT;
        pending w = {0};
        f.chapter = a.pos[0];
        f.lang = lang;
        if ((rc = yk_segments_foreach(ctx->project, &f, show_pending, &w)) < 0)
            goto fail;
        printf(P_("%zu segment of %s (%s) waiting for review\n",
                  "%zu segments of %s (%s) waiting for review\n", w.n),
               w.n, a.pos[0], lang);
        cli_args_release(&a);
        return 0;
    }
    /* every id first: a bad one changes nothing */
    for (i = 1; i < a.npos; i++) {
        size_t cl = strlen(a.pos[0]);
        int bare = strspn(a.pos[i], "0123456789") == strlen(a.pos[i]);
        if (!bare && (strncmp(a.pos[i], a.pos[0], cl) != 0 || a.pos[i][cl] != ':')) {
            rc = cli_usage_error(&usage, _("'%s' is not a segment of %s"), a.pos[i], a.pos[0]);
            cli_args_release(&a);
            return rc;
        }
    }
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    for (i = 1; i < a.npos; i++) {
        char id[600];
        /* a bare number is a segment of CHAPTER */
        if (strspn(a.pos[i], "0123456789") == strlen(a.pos[i]))
            snprintf(id, sizeof(id), "%s:%s", a.pos[0], a.pos[i]);
        else
            snprintf(id, sizeof(id), "%s", a.pos[i]);
        rc = approve ? yk_review_approve(ctx->project, id, lang)
                     : yk_review_reject(ctx->project, id, lang, note);
        if (rc < 0) {
            yk_project_rollback(ctx->project);
            goto fail;
        }
    }
    if ((rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    if (approve)
        printf(P_("approved %d segment of %s (%s)\n", "approved %d segments of %s (%s)\n",
                  a.npos - 1),
               a.npos - 1, a.pos[0], lang);
    else
        printf(P_("rejected %d segment of %s (%s)\n", "rejected %d segments of %s (%s)\n",
                  a.npos - 1),
               a.npos - 1, a.pos[0], lang);
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
