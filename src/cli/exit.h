/*
 * The one place that maps library return codes to the exit statuses of the
 * SPEC: 0 ok, 1 findings, 2 usage or bad input, 3 conflict or permission.
 */
#ifndef YK_CLI_EXIT_H
#define YK_CLI_EXIT_H

#include <yaku/common.h>

enum { CLI_EXIT_OK = 0, CLI_EXIT_FINDINGS = 1, CLI_EXIT_USAGE = 2, CLI_EXIT_REFUSED = 3 };

static inline int cli_exit_code(int rc)
{
    switch (rc) {
    case YK_OK:
        return CLI_EXIT_OK;
    case YK_ECONFLICT:
    case YK_EPERM:
    case YK_EEXISTS: /* e.g. init where a project already is */
        return CLI_EXIT_REFUSED;
    default:
        /* bad input, unknown names, I/O and database trouble: nothing was written */
        return CLI_EXIT_USAGE;
    }
}

#endif
