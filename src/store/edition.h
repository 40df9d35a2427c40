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

#endif
