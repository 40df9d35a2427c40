/*
 * Store: what the edition builder reads besides documents and targets.
 */
#ifndef YK_STORE_EDITION_H
#define YK_STORE_EDITION_H

#include "store/store.h"

/* The time of the project's last recorded change (ISO 8601 UTC): the
 * latest history entry, document registration or the project's creation.
 * *out is malloc'd, or NULL for a project with no timestamps at all. */
int yk_store_last_change(char **out, yk_store *store);

/* Give the connection a small page cache for a build, which reads each
 * page of the project about once; *saved gets the setting to hand back to
 * yk_store_read_once_end() when the build is over.  YK_EDB on failure
 * (the cache is then unchanged). */
int yk_store_read_once_begin(int64_t *saved, yk_store *store);
void yk_store_read_once_end(yk_store *store, int64_t saved);

#endif
