/*
 * yaku — translations: progress per chapter and language, exchange with
 * CAT tools (PO and XLIFF export and import, TMX export).
 */
#ifndef YAKU_TRANSLATION_H
#define YAKU_TRANSLATION_H

#include <yaku/document.h>

/** ## Progress */

typedef struct yk_progress {
    const char *lang;
    const char *chapter;
    size_t total, new_, fuzzy, translated, reviewed;
    double percent;        /* (translated + reviewed) / total * 100 */
    const char *holder;    /* who holds the chapter, or NULL */
} yk_progress;

/* Calls 'fn' for each (language, chapter) in order: languages in project
 * order, chapters in chapter order.  'lang' NULL: every target. */
int yk_progress_foreach(yk_project *project, const char *lang,
                        int (*fn)(const yk_progress *p, void *payload), void *payload);

/** ## Export and import */

typedef struct yk_export_options {
    yk_format format;      /* YK_FORMAT_PO (default), _XLIFF (1.2), _XLIFF2 (2.0), _TMX */
    const char *chapter;   /* NULL: every chapter */
} yk_export_options;
#define YK_EXPORT_OPTIONS_INIT {YK_FORMAT_PO, NULL}

/* Write the segments of 'lang' as an exchange file into *out; free it with
 * yk_bytes_release().  PO: one entry per segment, msgctxt = "CHAPTER:N".
 * XLIFF 1.2 / 2.0: one unit per segment named "CHAPTER:N", inline markup as
 * tags carrying its bytes, states mapped as formats/xliff.h describes.
 * Both carry each segment's revision for yk_import()'s stale check.  TMX:
 * the language's translation memory (yk_tm_export_tmx()), with 'chapter'
 * only that chapter's units.
 * YK_EINVAL for an unknown language or an unsupported format, YK_ENOTFOUND
 * for an unknown chapter. */
int yk_export(yk_bytes *out, yk_project *project, const char *lang, const yk_export_options *opts);

/* Receives an export's text in pieces, in order: returns YK_OK, or an error
 * (set with its message) that stops the export. */
typedef int (*yk_write_fn)(void *ctx, const char *data, size_t len);

/* yk_export() written as it goes, a megabyte at a time, to 'write': the
 * memory it needs does not grow with the project.  Errors found before the
 * first segment (unknown language, format or chapter) come before anything
 * is written; after an error the text written so far is incomplete. */
int yk_export_write(yk_project *project, const char *lang, const yk_export_options *opts,
                    yk_write_fn write, void *ctx);

typedef struct yk_import_options {
    const char *lang; /* NULL: from the file's header */
} yk_import_options;
#define YK_IMPORT_OPTIONS_INIT {NULL}

/* One entry refused by an import (the rest went in). */
typedef struct yk_import_refusal {
    char id[300];
    int line;
    char reason[512];
} yk_import_refusal;

typedef struct yk_import_result {
    char lang[36];
    size_t entries, updated, unchanged, skipped_empty;
    yk_import_refusal *refused; /* malloc'd; free with yk_import_result_release */
    size_t nrefused;
} yk_import_result;

/* Import the exchange file 'path' (PO, or XLIFF 1.2 / 2.x: a file that
 * starts with '<' is read as XLIFF) inside the caller's transaction.  An
 * unknown id, a language that is not a target (or an XLIFF source language
 * that is not the project's), invalid UTF-8, malformed syntax, two entries
 * for one segment, XML declaring entities or an XLIFF placeholder whose
 * bytes cannot be found fails the whole file with YK_EINVAL (or
 * YK_ETOOBIG) and file:line; the caller then rolls its transaction back.
 * (A PO is read and applied a megabyte at a time, each piece validated
 * before it is written, so a failure may come after earlier pieces went
 * into the transaction; XLIFF is validated whole first.)  An entry whose source
 * changed since export, whose translation changed since (its revision), or
 * that the caller may not translate is refused (listed in out->refused),
 * the others are applied: fuzzy ones as fuzzy, the rest as translated. */
int yk_import(yk_import_result *out, yk_project *project, const char *path,
              const yk_import_options *opts);
void yk_import_result_release(yk_import_result *r);

#endif
