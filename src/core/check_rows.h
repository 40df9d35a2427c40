/*
 * The segments `yaku check` reads: one stream of source, state and target
 * per segment of a language, in book order, document by document
 * (store/check.c), as many times as the check walks the book.
 */
#ifndef YK_CORE_CHECK_ROWS_H
#define YK_CORE_CHECK_ROWS_H

#include "core/core.h"
#include "store/check.h"

/* Every live segment of 'chapter' (NULL: all) with its translation into
 * 'lang' (a normalised target language of the project), with the calls of
 * 'walk' as in yk_store_check_rows.  YK_ENOTFOUND for an unknown chapter;
 * a non-zero return from a callback stops the walk and is returned. */
int yk_core_check_rows(yk_project *p, const char *chapter, const char *lang,
                       const yk_store_check_walk *walk, void *payload);

/* The live segment 'chapter':'n' with its translation into 'lang', as a
 * row of the walk (borrowed for the call of fn).  YK_ENOTFOUND when there
 * is none. */
int yk_core_check_segment(yk_project *p, const char *chapter, int n, const char *lang,
                          int (*fn)(const yk_store_check_row *r, void *payload), void *payload);

/* One state of the book for all the walks of a check (a read transaction
 * unless one is open), with a small page cache: yk_store_read_once_begin. */
int yk_core_check_read_begin(yk_project *p, yk_store_read_once *rd);
void yk_core_check_read_end(yk_project *p, yk_store_read_once *rd);

#endif
