/*
 * Message translation for the CLI (gettext).  The library returns English
 * messages; only what the CLI prints goes through _().  What scripts read
 * never does: JSON keys and values, check ids, segment ids, and the
 * "error"/"warning"/"info"/"refused" keyword of a "file:line: KEYWORD:" line.
 * Catalogues: po/LANG.po, compiled to LOCALEDIR/LANG/LC_MESSAGES/yaku.mo.
 */
#ifndef YK_CLI_I18N_H
#define YK_CLI_I18N_H

#include <libintl.h>

#define YAKU_TEXTDOMAIN "yaku"

/* LOCALEDIR comes from the Makefile ($(PREFIX)/share/locale) */
#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

#define _(s) gettext(s)
#define N_(s) (s)
/* the form of a message for n things: "1 segment", "2 segments" */
#define P_(one, many, n) ngettext(one, many, (unsigned long)(n))

#endif
