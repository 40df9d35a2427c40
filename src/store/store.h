/*
 * The project store: the only code that speaks SQL.  Every function maps to
 * a few portable statements so that a PostgreSQL backend can implement the
 * same interface.  Strings handed to callbacks are borrowed for the call.
 */
#ifndef YK_STORE_STORE_H
#define YK_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define YK_STORE_SCHEMA_VERSION 1
#define YK_STORE_FILENAME "yaku.db"

typedef struct yk_store yk_store;

/* Open (create=1: create and migrate) the database at 'path'.  YK_EDB for a
 * database written by a newer yaku (user_version above ours) or a file that
 * is not a yaku database. */
int yk_store_open(yk_store **out, const char *path, int create);
void yk_store_close(yk_store *store);

/* Transactions.  'immediate' takes the write lock at once (BEGIN
 * IMMEDIATE), so two writers never both read then write. */
int yk_store_begin(yk_store *store, int immediate);
/* BEGIN IMMEDIATE for a transaction that writes many megabytes: see
 * store.c.  Falls back to yk_store_begin() when another connection is
 * open. */
int yk_store_begin_bulk(yk_store *store);
/* Ask the system to start writing what this transaction wrote so far to
 * disk, without waiting: the commit then has less to wait for.  A hint, for
 * bulk transactions; nothing happens otherwise. */
void yk_store_start_writeback(yk_store *store);
int yk_store_commit(yk_store *store);
void yk_store_rollback(yk_store *store);

/* Settings */
int yk_store_meta_get(char **out, yk_store *store, const char *key); /* NULL when unset */
int yk_store_meta_set(yk_store *store, const char *key, const char *value);
int yk_store_meta_delete(yk_store *store, const char *key); /* no error when unset */

/* Languages (targets), in project order */
int yk_store_lang_add(yk_store *store, const char *lang);
int yk_store_langs(char ***out, size_t *n, yk_store *store); /* free each, then the array */

/* Members */
int yk_store_member_add(yk_store *store, const char *user, const char *role, const char *at);

/* Chapters */
int yk_store_chapter_ensure(int64_t *out, yk_store *store, const char *name);
int yk_store_chapter_find(int64_t *out, yk_store *store, const char *name); /* YK_ENOTFOUND */

/* Documents */
typedef struct yk_store_document {
    int64_t id, chapter_id;
    const char *path, *chapter, *format, *segment_mode, *fm_keys, *digest;
    const char *content;
    size_t content_len;
    /* Where the segments lie (formats/document.c's encoding), or NULL when
     * not recorded; a cache that readers check and may ignore. */
    const void *segmap;
    size_t segmap_len;
} yk_store_document;

/* Look a document up by path; calls fn once (YK_ENOTFOUND if none). */
int yk_store_document_get(yk_store *store, const char *path,
                          int (*fn)(const yk_store_document *d, void *payload), void *payload);
/* Insert (d->id == 0, sets *out) or update the document row. */
int yk_store_document_put(int64_t *out, yk_store *store, const yk_store_document *d,
                          const char *who, const char *at);
/* How many documents the project has. */
int yk_store_document_count(size_t *out, yk_store *store);
/* Every document in edition order (chapter, then document position), with
 * content: one row at a time, so memory holds one document. */
int yk_store_documents_foreach(yk_store *store,
                               int (*fn)(const yk_store_document *d, void *payload), void *payload);

/* Segments */
typedef struct yk_store_segment {
    int64_t id;
    int n;
    const char *source;
} yk_store_segment;

/* Active segments of a document in document order. */
int yk_store_document_segments(yk_store *store, int64_t document_id,
                               int (*fn)(const yk_store_segment *s, void *payload), void *payload);
/* Archived segments of a document (removed by an earlier re-add). */
int yk_store_document_archived(yk_store *store, int64_t document_id,
                               int (*fn)(const yk_store_segment *s, void *payload), void *payload);
/* Bring an archived segment back, with its id and translations. */
int yk_store_segment_restore(yk_store *store, int64_t id, int ord, const char *kind, int line);
/* Segment numbers: the chapter's next unused number, and recording the
 * new next one after numbering a batch (numbers are never reused). */
int yk_store_chapter_next_n(int *out, yk_store *store, int64_t chapter_id);
int yk_store_chapter_set_next_n(yk_store *store, int64_t chapter_id, int next_n);
int yk_store_segment_insert(int64_t *out, yk_store *store, int64_t document_id,
                            int64_t chapter_id, int n, int ord, const char *source,
                            size_t source_len, const char *kind, int line);
/* New segments of one document, inserted in order by
 * yk_store_segments_insert: several rows a statement, which costs much less
 * than one statement each. */
typedef struct yk_store_new_segment {
    int n, ord, line;
    const char *source;
    size_t source_len;
    const char *kind;
} yk_store_new_segment;
#define YK_STORE_SEGMENT_BATCH 32
int yk_store_segments_insert(yk_store *store, int64_t document_id, int64_t chapter_id,
                             const yk_store_new_segment *rows, size_t nrows);
int yk_store_segment_move(yk_store *store, int64_t id, int ord, const char *kind, int line);
/* Change the source of a segment: every translation of it becomes fuzzy,
 * keeping its target and recording the previous source, with history. */
int yk_store_segment_change_source(yk_store *store, int64_t id, const char *source,
                                   size_t source_len, int ord, const char *kind, int line,
                                   const char *who, const char *at);
int yk_store_segment_archive(yk_store *store, int64_t id);

/* Find an active segment by chapter and number.  YK_ENOTFOUND when none. */
typedef struct yk_store_segment_state {
    int64_t id;
    const char *source;
    const char *state;  /* "new" when there is no translation */
    const char *target; /* "" when none */
    int revision;       /* 0 when none */
} yk_store_segment_state;
int yk_store_segment_lookup(yk_store *store, const char *chapter, int n, const char *lang,
                            int (*fn)(const yk_store_segment_state *s, void *payload),
                            void *payload);

/* Set a translation (new revision + history row). */
int yk_store_translation_put(yk_store *store, int64_t segment_id, const char *lang,
                             const char *target, const char *state, const char *who,
                             const char *at, const char *action);

/* Listing: active segments, document order, optionally of one chapter
 * (chapter_id 0: all), with translation fields for 'lang' (may be NULL),
 * filtered by 'state' (may be NULL). */
typedef struct yk_store_segment_row {
    const char *chapter, *path, *kind, *source;
    int n, line;
    const char *state, *target, *prev_source;
    int revision;
} yk_store_segment_row;
int yk_store_segments_query(yk_store *store, int64_t chapter_id, const char *lang,
                            const char *state,
                            int (*fn)(const yk_store_segment_row *r, void *payload),
                            void *payload);

/* 1 when some segment has a translated or reviewed translation in 'lang',
 * 0 when none has, or a negative error code. */
int yk_store_language_translated(yk_store *store, const char *lang);
/* What yk_store_document_targets gives for a document with nothing
 * translated, without asking which are: fn gets NULL for each active
 * segment. */
int yk_store_document_no_targets(yk_store *store, int64_t document_id,
                                 int (*fn)(const char *target, size_t len, void *payload),
                                 void *payload);
/* Translations of a document's active segments for 'lang' in document
 * order; fn gets NULL target for segments with no usable translation
 * (states other than translated/reviewed). */
int yk_store_document_targets(yk_store *store, int64_t document_id, const char *lang,
                              int (*fn)(const char *target, size_t len, void *payload),
                              void *payload);

/* Chapters with their documents and active segment counts, in order. */
typedef struct yk_store_chapter_row {
    const char *name;
    int64_t id;
    size_t documents, segments;
    const char *paths; /* '\n'-separated */
} yk_store_chapter_row;
int yk_store_chapters(yk_store *store,
                      int (*fn)(const yk_store_chapter_row *r, void *payload), void *payload);

/* Counts by state per chapter for 'lang'. */
typedef struct yk_store_progress_row {
    const char *chapter;
    size_t total, new_, fuzzy, translated, reviewed;
} yk_store_progress_row;
int yk_store_progress(yk_store *store, const char *lang,
                      int (*fn)(const yk_store_progress_row *r, void *payload), void *payload);

/* A walk that reads the project once from end to end and writes nothing
 * (a build, an export, status, credits, a check): one state of the
 * project for all its statements (a read transaction, unless one is open
 * already) and a small page cache, each page being read about once.
 * yk_store_read_once_end ends the transaction it began and puts the cache
 * size back.  YK_OK, or the error of BEGIN with everything put back (no
 * need to call _end, harmless to); a cache that cannot be set is only
 * bigger. */
typedef struct yk_store_read_once {
    int started;   /* the transaction is the walk's */
    int cache_set; /* 'cache' is to be put back */
    int64_t cache;
} yk_store_read_once;
int yk_store_read_once_begin(yk_store *store, yk_store_read_once *ro);
void yk_store_read_once_end(yk_store *store, yk_store_read_once *ro);

#endif
