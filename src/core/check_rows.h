/*
 * The segments `yaku check` reads: one stream of source, state and target
 * per segment of a language, in book order (store/check.c).
 */
#ifndef YK_CORE_CHECK_ROWS_H
#define YK_CORE_CHECK_ROWS_H

#include "core/core.h"
#include "store/check.h"

/* Every live segment of 'chapter' (NULL: all) with its translation into
 * 'lang' (a normalised target language of the project).  YK_ENOTFOUND for
 * an unknown chapter; a non-zero return from fn stops the walk and is
 * returned. */
int yk_core_check_rows(yk_project *p, const char *chapter, const char *lang,
                       int (*fn)(const yk_store_check_row *r, void *payload), void *payload);

#endif
