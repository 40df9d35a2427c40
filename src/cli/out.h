/*
 * Output helpers for commands: errors in the compiler form, JSON strings,
 * and a progress bar that shows only on a terminal.
 */
#ifndef YK_CLI_OUT_H
#define YK_CLI_OUT_H

#include <stdio.h>

/* Print the library's last error ("file:line:col: error: msg" or
 * "yaku: error: msg") and return the exit status for 'rc'. */
int cli_fail(int rc);

/* Print "yaku: error: " and the formatted message on stderr.  The prefix,
 * like the severity in "file:line: error:", stays English in every locale:
 * editors and scripts match it; the message after it is translated. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write s as a JSON string literal (quotes included). */
void cli_json_str(FILE *f, const char *s);

/* A progress bar on stderr when stdout is a terminal; silent otherwise. */
void cli_progress(const char *label, size_t done, size_t total);
void cli_progress_end(void);
int cli_is_tty(void);

/* Print s in exactly 'columns' terminal columns: cut before a character
 * that would not fit, then padded with spaces.  Chinese, Japanese and Korean
 * characters take two columns, so a translated label lines up where
 * printf's %-12s, which counts bytes, would not. */
void cli_pad(FILE *f, const char *s, int columns);

/* A text bar of 'width' cells for a percentage. */
void cli_bar(FILE *f, double percent, int width);

#endif
