/*
 * yaku member: add members with a role (maintainers only), list them.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"

static const cli_opt opts[] = {
    {"role", 'r', "ROLE", N_("maintainer, editor or translator (add)")},
    {"json", 0, NULL, N_("print one JSON document (list)")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "member", "add USER --role maintainer|editor|translator | list [--json]",
    N_("Manage who may work on the project.  Translators submit the segments they have\n"
       "claimed; editors edit and review anywhere; maintainers also add members, assign\n"
       "chapters and release anyone's claim.  Adding a known member changes their role.\n"
       "Only a maintainer may add members."),
    N_("examples:\n  yaku member add alice@example.org --role translator\n  yaku member list"),
    opts,
};

typedef struct list_walk {
    int json;
    size_t n;
} list_walk;

static int print_member(const yk_member_info *m, void *payload)
{
    list_walk *w = payload;
    if (w->json) {
        printf("%s\n  {\"user\": ", w->n ? "," : "");
        cli_json_str(stdout, m->user);
        printf(", \"role\": ");
        cli_json_str(stdout, yk_role_name(m->role));
        printf(", \"added_at\": ");
        cli_json_str(stdout, m->added_at);
        printf("}");
    } else {
        printf("%-40s %-11s %s\n", m->user, yk_role_name(m->role), m->added_at);
    }
    w->n++;
    return 0;
}

int cmd_member(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    const char *verb, *role_name;
    yk_role role;
    int rc;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    verb = a.npos ? a.pos[0] : NULL;
    role_name = cli_get(&a, &usage, "role");
    if (verb && strcmp(verb, "list") == 0 && a.npos == 1 && !role_name) {
        list_walk w = {cli_get(&a, &usage, "json") != NULL, 0};
        if (w.json)
            printf("[");
        rc = yk_members_foreach(ctx->project, print_member, &w);
        if (w.json)
            printf("%s]\n", w.n ? "\n" : "");
        cli_args_release(&a);
        return rc < 0 ? cli_fail(rc) : 0;
    }
    if (!verb || strcmp(verb, "add") != 0 || a.npos != 2 || !role_name ||
        cli_get(&a, &usage, "json")) {
        rc = cli_usage_error(&usage, "%s",
                             verb && strcmp(verb, "add") == 0
                                 ? _("member add needs one USER and --role ROLE")
                                 : _("expected 'add USER --role ROLE' or 'list'"));
        cli_args_release(&a);
        return rc;
    }
    if ((rc = yk_role_from_name(&role, role_name)) < 0)
        goto fail;
    if ((rc = yk_project_begin(ctx->project)) < 0)
        goto fail;
    if ((rc = yk_member_add(ctx->project, a.pos[1], role)) < 0 ||
        (rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        goto fail;
    }
    /*
     * TRANSLATORS: a user and the role given: maintainer, editor or translator
     * (role names are not translated; commands take them as they are)
     */
    printf(_("%s: role %s\n"), a.pos[1], yk_role_name(role));
    cli_args_release(&a);
    return 0;
fail:
    cli_args_release(&a);
    return cli_fail(rc);
}
