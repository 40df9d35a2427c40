/*
 * yaku — source documents: adding (and re-adding) them, and listing
 * chapters and segments.
 */
#ifndef YAKU_DOCUMENT_H
#define YAKU_DOCUMENT_H

#include <yaku/project.h>

/** ## Adding documents */

typedef enum yk_format {
    YK_FORMAT_AUTO = 0, /* from the file name */
    YK_FORMAT_MD,
    YK_FORMAT_TXT,
    YK_FORMAT_PO,
    YK_FORMAT_XLIFF,
    YK_FORMAT_XLIFF2,
    YK_FORMAT_TMX,
    YK_FORMAT_HTML,
    YK_FORMAT_EPUB,
    YK_FORMAT_XHTML,  /* source documents only */
    YK_FORMAT_DOCBOOK /* source documents only */
} yk_format;

/* Parse a --format value; YK_EINVAL for an unknown name. */
int yk_format_from_name(yk_format *out, const char *name);
const char *yk_format_name(yk_format format);

typedef struct yk_add_options {
    const char *chapter;   /* NULL: the file stem */
    yk_format format;      /* YK_FORMAT_AUTO: from the extension */
    const char *segment;   /* "sentence" (default), "paragraph" or "line" */
} yk_add_options;
#define YK_ADD_OPTIONS_INIT {NULL, YK_FORMAT_AUTO, NULL}

typedef struct yk_add_result {
    char path[1024];      /* relative to the project root */
    char chapter[256];
    int unchanged;        /* same bytes and options as last time: nothing done */
    size_t segments;      /* active segments now */
    size_t kept, changed, added, archived;
    size_t restored;      /* archived segments that came back, with their translations */
} yk_add_result;

/* Register or update the source file 'path' in the project, inside the
 * transaction of the caller (see yk_project_begin).  A changed file keeps
 * the translations of unchanged segments, marks changed segments fuzzy
 * with their previous target and source, and archives removed segments.
 * Returns YK_OK, YK_EPERM for a path outside the project, YK_EINVAL for
 * malformed input (with file:line:column), YK_ETOOBIG, YK_EIO, YK_EDB.  On
 * an error the caller rolls the transaction back (yk_project_rollback):
 * what was written for the document before the error is not undone. */
int yk_document_add(yk_add_result *out, yk_project *project, const char *path,
                    const yk_add_options *opts);

/* yk_document_add() for each of 'paths' in order, inside the caller's
 * transaction; the next files are read and parsed on a second thread while
 * the current one is stored.  'each' (may be NULL) is called after each file
 * with its result and index; a non-zero return stops and is returned.  On
 * the first error the code is returned with that file's error: the files
 * before it are in the transaction, which the caller rolls back. */
int yk_documents_add(yk_project *project, const char *const *paths, size_t npaths,
                     const yk_add_options *opts,
                     int (*each)(const yk_add_result *result, size_t index, void *payload),
                     void *payload);

/** ## Segmentation rules
 *
 * A project may correct yaku's sentence boundaries with SRX 2.0 rules
 * (setting segmentation.srx): the rules the languagemaps select for the
 * source language are applied by every later add, a rule that matches at a
 * position deciding there (break="no" removes a boundary, break="yes" adds
 * one; the first matching rule wins), never inside URLs, inline code, links,
 * tags or shortcodes.  Re-adding a file whose segments the new rules cut
 * differently updates it like a changed file. */

/* Make the SRX 2.0 file 'path' the project's segmentation rules: the file
 * is read and checked now (XML through the hardened parser, every regular
 * expression compiled) and its content stored in the project, so later adds
 * do not need the file.  "" or NULL removes the rules.  Inside the caller's
 * transaction.  Returns YK_OK; YK_ENOTFOUND or YK_EIO when the file cannot
 * be read; YK_EINVAL for a file that is not valid SRX 2.0 (path:line:column:
 * malformed or hostile XML, invalid UTF-8, a missing languagerulename, an
 * invalid regular expression, ...); YK_ETOOBIG over 4 MiB or 20000 rules;
 * YK_EDB. */
int yk_segmentation_rules_set(yk_project *project, const char *path);

/** ## Transactions
 *
 * Every command that writes does it in one transaction: begin, any number
 * of writes, then commit, or rollback on the first error. */
int yk_project_begin(yk_project *project);
/* The same for a command that writes megabytes and creates or checks
 * every row it refers to (adding a corpus, importing a whole book's PO): it
 * commits in about half the time of a WAL transaction (each page written
 * once), but other commands wait until it commits, and foreign keys are not
 * enforced inside it.  When another connection has the project open it is
 * yk_project_begin(). */
int yk_project_begin_bulk(yk_project *project);
/* yk_project_begin_bulk() when the files to be read total 512 KiB or more,
 * else yk_project_begin(): below that, WAL's commit is the quicker. */
int yk_project_begin_for_files(yk_project *project, const char *const *paths, size_t npaths);
int yk_project_commit(yk_project *project);
void yk_project_rollback(yk_project *project);

/** ## Listing */

typedef struct yk_chapter_info {
    const char *chapter;
    size_t documents;
    size_t segments;
    const char *const *paths; /* the chapter's documents, 'documents' of them */
} yk_chapter_info;

/* Calls 'fn' for each chapter in order.  Strings are borrowed for the call.
 * A non-zero return from fn stops the walk and is returned. */
int yk_chapters_foreach(yk_project *project,
                        int (*fn)(const yk_chapter_info *info, void *payload), void *payload);

typedef struct yk_segment_info {
    const char *chapter;
    int n;                 /* the id is "chapter:n" */
    const char *source;
    const char *path;      /* document, relative to the root */
    int line;              /* line of its block in the document */
    const char *kind;      /* "paragraph", "heading", ... */
    /* with a language: */
    const char *state;     /* "new", "fuzzy", "translated", "reviewed" */
    const char *target;    /* "" when none */
    const char *prev_source; /* source before it changed (fuzzy), or NULL */
    int revision;
} yk_segment_info;

typedef struct yk_segment_filter {
    const char *chapter; /* NULL: all */
    const char *lang;    /* NULL: no translation fields */
    const char *state;   /* NULL: all; needs lang */
} yk_segment_filter;
#define YK_SEGMENT_FILTER_INIT {NULL, NULL, NULL}

/* Calls 'fn' for each active segment in document order.  YK_ENOTFOUND for
 * an unknown chapter, YK_EINVAL for an unknown language or state. */
int yk_segments_foreach(yk_project *project, const yk_segment_filter *filter,
                        int (*fn)(const yk_segment_info *info, void *payload), void *payload);

/* Split "chapter:n" into its parts.  YK_EINVAL when malformed. */
int yk_segment_id_parse(char chapter[256], int *n, const char *id);

#endif
