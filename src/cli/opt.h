/*
 * Option tables: each command declares its options once; opt.c parses argv
 * against the table and turns the same table into --help.
 */
#ifndef YK_CLI_OPT_H
#define YK_CLI_OPT_H

#include <stddef.h>

#define CLI_MAX_OPTS 32

typedef struct cli_opt {
    const char *name;  /* long name without "--" */
    char short_name;   /* 0 when none */
    const char *arg;   /* NULL: a flag; else the value's placeholder, e.g. "LANG" */
    const char *help;  /* N_() */
} cli_opt;

typedef struct cli_usage {
    const char *name;     /* "export" */
    const char *synopsis; /* "--lang L [--chapter C] [-o FILE]" */
    const char *summary;  /* one line */
    const char *details;  /* paragraphs after the options, or NULL */
    const cli_opt *opts;  /* terminated by {NULL} */
} cli_usage;

typedef struct cli_args {
    const char *val[CLI_MAX_OPTS];  /* last value, or "" for a flag that was given */
    const char **multi[CLI_MAX_OPTS]; /* every value of a repeated option */
    size_t nmulti[CLI_MAX_OPTS];
    char **pos;                     /* positional arguments */
    int npos;
} cli_args;

/* Parse argv (argv[0] is the command name).  Returns 0 when parsed, 1 when
 * --help was printed (exit 0), or -1 after printing a usage error. */
int cli_parse(cli_args *out, const cli_usage *usage, int argc, char **argv);
void cli_args_release(cli_args *a);

/* cli_parse for commands that return right away when it does not give 0:
 * returns -1 with *status set (0 after --help, 2 after a usage error, the
 * arguments released), else 0. */
int cli_parse_or_status(cli_args *a, const cli_usage *usage, int argc, char **argv, int *status);

/* The value of option 'name', or NULL when absent.  A flag gives "". */
const char *cli_get(const cli_args *a, const cli_usage *usage, const char *name);
/* All values of a repeatable option; *n gets the count. */
const char **cli_get_all(const cli_args *a, const cli_usage *usage, const char *name, size_t *n);

void cli_print_help(const cli_usage *usage);
/* Print "yaku: error: ..." with a hint to --help; returns 2. */
int cli_usage_error(const cli_usage *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
