/*
 * Store: queries of the edition builder (no tables of its own).
 */
#include <stdio.h>
#include <stdlib.h>

#include "store/edition.h"
#include "store/store_internal.h"
#include "util/xalloc.h"

static const char sql_last_change[] =
    "SELECT MAX(t) FROM (SELECT MAX(at) AS t FROM history"
    " UNION ALL SELECT MAX(added_at) FROM documents"
    " UNION ALL SELECT value FROM meta WHERE key = 'created')";

int yk_store_last_change(char **out, yk_store *s)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_last_change);
    int rc;
    *out = NULL;
    if (!st)
        return YK_EDB;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        if (v)
            *out = yk_xstrdup((const char *)v);
        rc = SQLITE_DONE;
    }
    if (rc != SQLITE_DONE)
        rc = yk_store_db_error(s, "reading the project's last change");
    else
        rc = YK_OK;
    sqlite3_reset(st);
    return rc;
}

/*
 * The page cache a build needs is the b-trees' upper pages, which every
 * document's lookups pass through; the rest of what it reads (a document's
 * content, its segments and translations, the progress scan of the whole
 * table) is read once.  With the connection's usual cache (sized for
 * adding and importing, store.c) those pages stayed cached until it was
 * full, and without mmap that was most of a build's memory: 27 MB for a
 * 10 MB project, 41 MB for 20 MB.  A small cache evicts them, least
 * recently used first, and keeps the upper pages; its buffers are reused
 * instead of allocated.
 */
#define READ_ONCE_CACHE "PRAGMA cache_size = -2048"

int yk_store_read_once_begin(int64_t *saved, yk_store *s)
{
    sqlite3_stmt *st = yk_store_stmt(s, "PRAGMA cache_size");
    int rc;
    *saved = 0;
    if (!st)
        return YK_EDB;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *saved = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW || sqlite3_exec(s->db, READ_ONCE_CACHE, NULL, NULL, NULL) != SQLITE_OK)
        return yk_store_db_error(s, "setting the page cache");
    return YK_OK;
}

/* Failing to restore loses nothing but speed: the setting lives as long as
 * the connection. */
void yk_store_read_once_end(yk_store *s, int64_t saved)
{
    char sql[48];
    snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", (long long)saved);
    sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}
