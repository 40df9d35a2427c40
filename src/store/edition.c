/*
 * Store: queries of the edition builder (no tables of its own).
 */
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
