/*
 * `yaku status --html FILE`: one self-contained page of progress per
 * chapter and language and contributions per volunteer.
 */
#ifndef YK_CLI_STATUS_HTML_H
#define YK_CLI_STATUS_HTML_H

#include <yaku/yaku.h>

/* Write the page to 'path' (atomically).  'lang' NULL: every target. */
int cli_status_html(yk_project *project, const char *lang, const char *path);

#endif
