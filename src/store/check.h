/*
 * Store: the reading path of `yaku check` — every segment of a language
 * with its source, state and target, in book order, in one stream.
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

/* The live segments of chapter 'chapter_id' (0: every chapter) with their
 * translation into 'lang' (normalised), in the order of the book: chapters,
 * documents, segments.  Strings are borrowed for the duration of the
 * callback; a non-zero return from fn stops the walk and is returned. */
int yk_store_check_rows(yk_store *store, int64_t chapter_id, const char *lang,
                        int (*fn)(const yk_store_check_row *r, void *payload), void *payload);

#endif
