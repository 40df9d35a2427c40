/*
 * The command table: one row per subcommand, with what main() prepares
 * before calling it.  `yaku help` and the README command list come from it.
 */
#ifndef YK_CLI_CMD_H
#define YK_CLI_CMD_H

#include <yaku/yaku.h>

enum {
    CLI_NEEDS_PROJECT = 1 << 0, /* main opens the project first */
};

typedef struct cli_ctx {
    const char *dir;   /* -C DIR */
    const char *user;  /* --as USER */
    yk_project *project;
} cli_ctx;

typedef int (*cli_fn)(int argc, char **argv, cli_ctx *ctx);

typedef struct cli_cmd {
    const char *name;
    cli_fn fn;
    const char *summary; /* N_() */
    unsigned flags;
} cli_cmd;

int cmd_init(int argc, char **argv, cli_ctx *ctx);
int cmd_add(int argc, char **argv, cli_ctx *ctx);
int cmd_list(int argc, char **argv, cli_ctx *ctx);
int cmd_export(int argc, char **argv, cli_ctx *ctx);
int cmd_import(int argc, char **argv, cli_ctx *ctx);
int cmd_status(int argc, char **argv, cli_ctx *ctx);
int cmd_build(int argc, char **argv, cli_ctx *ctx);
int cmd_config(int argc, char **argv, cli_ctx *ctx);
int cmd_glossary(int argc, char **argv, cli_ctx *ctx);
int cmd_tm(int argc, char **argv, cli_ctx *ctx);
int cmd_pretranslate(int argc, char **argv, cli_ctx *ctx);
int cmd_help(int argc, char **argv, cli_ctx *ctx);
int cmd_member(int argc, char **argv, cli_ctx *ctx);
int cmd_assign(int argc, char **argv, cli_ctx *ctx);
int cmd_claim(int argc, char **argv, cli_ctx *ctx);
int cmd_release(int argc, char **argv, cli_ctx *ctx);
int cmd_translate(int argc, char **argv, cli_ctx *ctx);
int cmd_review(int argc, char **argv, cli_ctx *ctx);
int cmd_log(int argc, char **argv, cli_ctx *ctx);
int cmd_credits(int argc, char **argv, cli_ctx *ctx);
int cmd_check(int argc, char **argv, cli_ctx *ctx);

extern const cli_cmd cli_cmds[];

/* Commands with verbs (glossary import|add|..., tm import|...) keep a
 * second table in their own file and hand argv to cli_run_verb. */
typedef struct cli_verb {
    const char *name;
    cli_fn fn;
} cli_verb;

struct cli_usage;
/* Run the verb named by argv[1] with argv shifted by one; prints the
 * command's help for --help and a usage error for a missing or unknown
 * verb.  Returns the exit status. */
int cli_run_verb(const cli_verb *verbs, const struct cli_usage *usage, int argc, char **argv,
                 cli_ctx *ctx);

#endif
