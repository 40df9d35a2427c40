/*
 * Message translation for the CLI (gettext).  The library returns English
 * messages; only what the CLI prints goes through _().
 */
#ifndef YK_CLI_I18N_H
#define YK_CLI_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
