/*
 * Store: the reading path of `yaku check` — every segment of a language
 * with its source, state and target, in book order, one document at a
 * time, as often as the check needs to walk the book.
 */
#ifndef YK_STORE_CHECK_H
#define YK_STORE_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

typedef struct yk_store_check_row {
    const char *chapter;
    int n;
    const char *state;  /* "new" when there is no translation */
    const char *source; /* source_len bytes, NUL-terminated */
    const char *target; /* "" when there is no translation */
    size_t source_len, target_len;
} yk_store_check_row;

/* What a walk calls.  'doc' counts the documents of the walk from 0. */
typedef struct yk_store_check_walk {
    int (*row)(const yk_store_check_row *r, void *payload);
    /* After a document's rows, its statement reset (may be NULL): the place
     * for writes to the segments just read.  Non-zero stops the walk. */
    int (*doc_end)(size_t doc, void *payload);
} yk_store_check_walk;

/* The live segments of chapter 'chapter_id' (0: every chapter) with their
 * translation into 'lang' (normalised), in the order of the book: chapters,
 * documents, segments.  Strings are borrowed for the duration of the
 * callback; a non-zero return from a callback stops the walk and is
 * returned. */
int yk_store_check_rows(yk_store *store, int64_t chapter_id, const char *lang,
                        const yk_store_check_walk *walk, void *payload);

#endif
