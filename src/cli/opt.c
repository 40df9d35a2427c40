/*
 * Table-driven option parsing and the --help text made from the same table.
 */
#include "cli/opt.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/i18n.h"
#include "util/buf.h"
#include "util/xalloc.h"

static int find_long(const cli_usage *u, const char *name, size_t len)
{
    int i;
    for (i = 0; u->opts[i].name; i++)
        if (strlen(u->opts[i].name) == len && strncmp(u->opts[i].name, name, len) == 0)
            return i;
    return -1;
}

static int find_short(const cli_usage *u, char c)
{
    int i;
    for (i = 0; u->opts[i].name; i++)
        if (u->opts[i].short_name == c)
            return i;
    return -1;
}

int cli_usage_error(const cli_usage *u, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "yaku: error: ");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n");
    if (u)
        fprintf(stderr, _("usage: yaku %s %s\n(see 'yaku %s --help')\n"), u->name, u->synopsis,
                u->name);
    return 2;
}

static void set_value(cli_args *a, int i, const char *v)
{
    a->val[i] = v;
    a->multi[i] = yk_xrealloc(a->multi[i], (a->nmulti[i] + 1) * sizeof(char *));
    a->multi[i][a->nmulti[i]++] = v;
}

int cli_parse(cli_args *a, const cli_usage *u, int argc, char **argv)
{
    int i, only_pos = 0;
    memset(a, 0, sizeof(*a));
    a->pos = yk_xcalloc((size_t)argc + 1, sizeof(char *));
    for (i = 1; i < argc; i++) {
        char *arg = argv[i];
        int k;
        if (only_pos || arg[0] != '-' || arg[1] == '\0') {
            a->pos[a->npos++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_pos = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            cli_print_help(u);
            return 1;
        }
        if (arg[1] == '-') {
            const char *name = arg + 2, *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            if ((k = find_long(u, name, len)) < 0)
                return cli_usage_error(u, _("unknown option '--%.*s'"), (int)len, name), -1;
            if (!u->opts[k].arg) {
                if (eq)
                    return cli_usage_error(u, _("option '--%s' takes no value"), u->opts[k].name),
                           -1;
                set_value(a, k, "");
            } else if (eq) {
                set_value(a, k, eq + 1);
            } else if (i + 1 < argc) {
                set_value(a, k, argv[++i]);
            } else {
                return cli_usage_error(u, _("option '--%s' needs a value (%s)"), u->opts[k].name,
                                       u->opts[k].arg),
                       -1;
            }
        } else {
            const char *c;
            for (c = arg + 1; *c; c++) {
                if ((k = find_short(u, *c)) < 0)
                    return cli_usage_error(u, _("unknown option '-%c'"), *c), -1;
                if (!u->opts[k].arg) {
                    set_value(a, k, "");
                    continue;
                }
                if (c[1]) {
                    set_value(a, k, c + 1);
                } else if (i + 1 < argc) {
                    set_value(a, k, argv[++i]);
                } else {
                    return cli_usage_error(u, _("option '-%c' needs a value (%s)"), *c,
                                           u->opts[k].arg),
                           -1;
                }
                break;
            }
        }
    }
    return 0;
}

int cli_parse_or_status(cli_args *a, const cli_usage *u, int argc, char **argv, int *status)
{
    int rc = cli_parse(a, u, argc, argv);
    if (rc != 0) {
        cli_args_release(a);
        *status = rc > 0 ? 0 : 2;
        return -1;
    }
    return 0;
}

int cli_run_verb(const cli_verb *verbs, const cli_usage *u, int argc, char **argv, cli_ctx *ctx)
{
    yk_buf names = YK_BUF_INIT;
    int i;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        cli_print_help(u);
        return 0;
    }
    for (i = 0; argc >= 2 && verbs[i].name; i++)
        if (strcmp(argv[1], verbs[i].name) == 0)
            return verbs[i].fn(argc - 1, argv + 1, ctx);
    for (i = 0; verbs[i].name; i++)
        yk_buf_printf(&names, "%s%s", i ? ", " : "", verbs[i].name);
    if (argc < 2)
        cli_usage_error(u, _("say what to do: %s"), names.buf);
    else
        cli_usage_error(u, _("unknown %s verb '%s' (%s)"), u->name, argv[1], names.buf);
    yk_buf_release(&names);
    return 2;
}

void cli_args_release(cli_args *a)
{
    int i;
    for (i = 0; i < CLI_MAX_OPTS; i++)
        free(a->multi[i]);
    free(a->pos);
    memset(a, 0, sizeof(*a));
}

const char *cli_get(const cli_args *a, const cli_usage *u, const char *name)
{
    int k = find_long(u, name, strlen(name));
    return k < 0 ? NULL : a->val[k];
}

const char **cli_get_all(const cli_args *a, const cli_usage *u, const char *name, size_t *n)
{
    int k = find_long(u, name, strlen(name));
    *n = k < 0 ? 0 : a->nmulti[k];
    return k < 0 ? NULL : a->multi[k];
}

void cli_print_help(const cli_usage *u)
{
    int i;
    printf(_("usage: yaku %s %s\n\n%s\n"), u->name, u->synopsis, _(u->summary));
    /* every command has at least -h */
    printf(_("\noptions:\n"));
    for (i = 0; u->opts[i].name; i++) {
        char left[64];
        const cli_opt *o = &u->opts[i];
        if (o->short_name)
            snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        else
            snprintf(left, sizeof(left), "    --%s%s%s", o->name, o->arg ? " " : "",
                     o->arg ? o->arg : "");
        printf("  %-28s %s\n", left, _(o->help));
    }
    printf("  %-28s %s\n", "-h, --help", _("show this help"));
    if (u->details)
        printf("\n%s\n", _(u->details));
}
