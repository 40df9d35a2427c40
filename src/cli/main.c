/*
 * yaku's entry point: global options, the command table, opening the
 * project for the commands that need one.  Commands do the rest.
 */
#include <errno.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/out.h"

const cli_cmd cli_cmds[] = {
    {"init", cmd_init, N_("create a project: source and target languages, title"), 0},
    {"add", cmd_add, N_("register source documents and split them into segments"),
     CLI_NEEDS_PROJECT},
    {"list", cmd_list, N_("list chapters or segments"), CLI_NEEDS_PROJECT},
    {"export", cmd_export, N_("write a language's segments for a CAT tool (PO, XLIFF, TMX)"),
     CLI_NEEDS_PROJECT},
    {"import", cmd_import, N_("read translations back from PO and XLIFF files"), CLI_NEEDS_PROJECT},
    {"status", cmd_status, N_("progress per chapter and language"), CLI_NEEDS_PROJECT},
    {"build", cmd_build, N_("build the translated edition (Markdown tree, HTML, EPUB)"), CLI_NEEDS_PROJECT},
    {"config", cmd_config, N_("show or change project settings"), CLI_NEEDS_PROJECT},
    {"tm", cmd_tm, N_("translation memory: import, export, search"), CLI_NEEDS_PROJECT},
    {"pretranslate", cmd_pretranslate, N_("fill new segments from the translation memory"),
     CLI_NEEDS_PROJECT},
    {"glossary", cmd_glossary, N_("shared terminology: import, add, list, export"),
     CLI_NEEDS_PROJECT},
    {"member", cmd_member, N_("add members with a role, list them"), CLI_NEEDS_PROJECT},
    {"assign", cmd_assign, N_("give a chapter to a member (maintainers)"), CLI_NEEDS_PROJECT},
    {"claim", cmd_claim, N_("take a chapter or the next N segments to translate"),
     CLI_NEEDS_PROJECT},
    {"release", cmd_release, N_("give claimed work back"), CLI_NEEDS_PROJECT},
    {"translate", cmd_translate, N_("translate your claimed segments in $EDITOR"),
     CLI_NEEDS_PROJECT},
    {"review", cmd_review, N_("approve segments, or send them back with a note"),
     CLI_NEEDS_PROJECT},
    {"log", cmd_log, N_("the history of a segment: every change, who, when"), CLI_NEEDS_PROJECT},
    {"credits", cmd_credits, N_("translators and reviewers per chapter, for the edition"),
     CLI_NEEDS_PROJECT},
    {"check", cmd_check, N_("check translations: markup, glossary, consistency, typography"), 0},
    {"help", cmd_help, N_("list the commands, or show one command's help"), 0},
    {NULL, NULL, NULL, 0},
};

static void print_usage(FILE *f)
{
    const cli_cmd *c;
    fprintf(f, _("usage: yaku [-C DIR] [--as USER] COMMAND [OPTIONS]\n\n"
                 "A translation workflow for volunteer communities: segment Markdown and text,\n"
                 "translate in any CAT tool through PO, check, and build the edition.\n\n"
                 "commands:\n"));
    for (c = cli_cmds; c->name; c++)
        fprintf(f, "  %-13s %s\n", c->name, _(c->summary));
    fprintf(f, _("\nglobal options:\n"
                 "  -C DIR          use the project in DIR (default: search upwards; $YAKU_PROJECT)\n"
                 "  --as USER       act as USER (default: $YAKU_USER, git user.email, login)\n"
                 "  --version       print the version\n\n"
                 "'yaku COMMAND --help' shows a command's options.\n"
                 "exit status: 0 ok, 1 check findings, 2 usage error or bad input, 3 refused\n"));
}

/*
 * Keep freed memory for the next document instead of handing it back to the
 * system and faulting it in again: a document's buffers are a few hundred
 * KiB each, glibc's defaults mmap and unmap such blocks (128 KiB and up) and
 * trim the heap top each time, and in a VM each page fault costs.  Adding
 * 10 MB took 8750 page faults before, 4000 after, and 6 % less time; the
 * peak RSS is the same (36 MB), as what is kept is what the next document
 * needs.
 */
static void tune_malloc(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
}

/*
 * Messages follow the user's locale; nothing else does.  Only LC_CTYPE and
 * LC_MESSAGES are taken from the environment (as git does): LC_NUMERIC stays
 * "C", so "percent": 12.5 in JSON and the numbers given to --fail-under mean
 * the same everywhere.  The catalogue is read from LOCALEDIR, or from
 * $YAKU_LOCALEDIR to run an uninstalled build (build/locale, as the tests
 * do; git's GIT_TEXTDOMAINDIR).  Translations come out in UTF-8 whatever the
 * locale's charset, like the document text yaku prints.
 */
static void init_messages(void)
{
    const char *dir = getenv("YAKU_LOCALEDIR");
    setlocale(LC_CTYPE, "");
    setlocale(LC_MESSAGES, "");
    bindtextdomain(YAKU_TEXTDOMAIN, dir && *dir ? dir : LOCALEDIR);
    bind_textdomain_codeset(YAKU_TEXTDOMAIN, "UTF-8");
    textdomain(YAKU_TEXTDOMAIN);
}

int cmd_help(int argc, char **argv, cli_ctx *ctx)
{
    const cli_cmd *c;
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_usage(stdout);
        return 0;
    }
    for (c = cli_cmds; c->name; c++) {
        if (strcmp(c->name, argv[1]) == 0) {
            char *args[] = {argv[1], (char *)"--help", NULL};
            return c->fn(2, args, ctx);
        }
    }
    cli_error(_("unknown command '%s'"), argv[1]);
    return CLI_EXIT_USAGE;
}

int main(int argc, char **argv)
{
    cli_ctx ctx = {NULL, NULL, NULL};
    const cli_cmd *c;
    int i = 1, status;

    tune_malloc();
    init_messages();
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "-C") == 0 && i + 1 < argc) {
            ctx.dir = argv[++i];
        } else if (strncmp(argv[i], "-C", 2) == 0 && argv[i][2]) {
            ctx.dir = argv[i] + 2;
        } else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc) {
            ctx.user = argv[++i];
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("yaku %s\n", YAKU_VERSION);
            return 0;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            print_usage(stdout);
            return 0;
        } else {
            cli_error(_("unknown global option '%s'"), argv[i]);
            print_usage(stderr);
            return CLI_EXIT_USAGE;
        }
    }
    if (i >= argc) {
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    for (c = cli_cmds; c->name; c++)
        if (strcmp(c->name, argv[i]) == 0)
            break;
    if (!c->name) {
        cli_error(_("unknown command '%s' (see 'yaku help')"), argv[i]);
        return CLI_EXIT_USAGE;
    }
    if (ctx.dir) {
        /* like git -C: run as if started in DIR, so FILE arguments are
         * relative to it; init may create it */
        if (c->fn == cmd_init && mkdir(ctx.dir, 0777) < 0 && errno != EEXIST) {
            cli_error(_("cannot create '%s': %s"), ctx.dir, strerror(errno));
            return CLI_EXIT_USAGE;
        }
        if (chdir(ctx.dir) < 0) {
            cli_error(_("cannot change to '%s': %s"), ctx.dir, strerror(errno));
            return CLI_EXIT_USAGE;
        }
        ctx.dir = NULL;
    }
    if (c->flags & CLI_NEEDS_PROJECT) {
        int j, rc;
        /* --help works outside a project */
        for (j = i + 1; j < argc; j++)
            if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0)
                return c->fn(argc - i, argv + i, &ctx);
        if ((rc = yk_project_open(&ctx.project, ctx.dir)) < 0)
            return cli_fail(rc);
        if (ctx.user)
            yk_project_set_user(ctx.project, ctx.user);
    }
    status = c->fn(argc - i, argv + i, &ctx);
    yk_project_close(ctx.project);
    yk_cleanup();
    return status;
}
