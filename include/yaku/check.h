/*
 * yaku — the editors' checks: markup and tokens, completeness, source-script
 * leftovers, glossary, book-wide consistency, typography per target language
 * and form.  Each check has a stable id; `yk_check_catalogue` lists them.
 */
#ifndef YAKU_CHECK_H
#define YAKU_CHECK_H

#include <yaku/project.h>

typedef enum yk_check_severity {
    YK_CHECK_INFO = 0,
    YK_CHECK_WARNING,
    YK_CHECK_ERROR
} yk_check_severity;

/* "info", "warning", "error".  Borrowed (static). */
const char *yk_check_severity_name(yk_check_severity severity);

/** ## The catalogue */

typedef struct yk_check_info {
    const char *check;       /* stable id, e.g. "markup-link-url" */
    yk_check_severity severity;
    const char *languages;   /* target languages it applies to: "*", "ja", "ja,ko", "zh" */
    const char *description; /* one line: what it finds and how to fix it */
    int fixable;             /* 1: `yk_check_options.fix` corrects it (meaning-preserving) */
} yk_check_info;

/* Calls 'fn' for each check in catalogue order.  Strings are static.  A
 * non-zero return from fn stops the walk and is returned. */
int yk_check_catalogue(int (*fn)(const yk_check_info *info, void *payload), void *payload);

/** ## Running the checks
 *
 * Every translated, reviewed or fuzzy segment with a target is checked
 * against its source, then the book-wide checks (consistency, katakana
 * long vowels, alphanumeric spacing) run over all of them in one pass per
 * language.  Segments still `new` are not checked one by one: `untranslated`
 * reports one `info` finding per chapter (at its first untranslated
 * segment), so an unfinished book does not drown the editor.
 */

typedef struct yk_check_options {
    const char *lang;    /* NULL: every target language of the project */
    const char *chapter; /* NULL: every chapter */
    const char *only;    /* comma-separated check ids, NULL: all */
    int fix;             /* write the meaning-preserving fixes (see yk_check_info.fixable) */
} yk_check_options;
#define YK_CHECK_OPTIONS_INIT {NULL, NULL, NULL, 0}

/* One finding.  Strings are borrowed for the duration of the callback. */
typedef struct yk_check_finding {
    const char *lang;
    const char *chapter;
    int n;                    /* segment id is "chapter:n" */
    const char *check;        /* id */
    yk_check_severity severity;
    const char *message;
    const char *source;
    const char *target;
    const char *fix;          /* the corrected target when the fix is automatic, else NULL */
    int fixed;                /* 1 when opts.fix wrote a corrected target for this segment */
} yk_check_finding;

typedef struct yk_check_result {
    size_t segments; /* segments checked (with a target) */
    size_t findings, errors, warnings, infos;
    size_t fixed;    /* segments whose target --fix rewrote */
} yk_check_result;

/* Run the checks and call 'fn' for each finding, per language in project
 * order, then in document order.  With opts->fix the corrected targets are
 * written (history action "check-fix") inside the caller's transaction
 * (yk_project_begin) before the findings are reported.  A non-zero return
 * from fn stops the run and is returned.
 * YK_EINVAL for an unknown language or check id, YK_ENOTFOUND for an
 * unknown chapter, YK_EDB. */
int yk_check_run(yk_check_result *out, yk_project *project, const yk_check_options *opts,
                 int (*fn)(const yk_check_finding *f, void *payload), void *payload);

#endif
