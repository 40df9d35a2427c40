/*
 * Shared by the files of the store module (store.c and one file per
 * module's tables: glossary.c, tm.c, workflow.c).  Never included outside
 * src/store/.
 */
#ifndef YK_STORE_INTERNAL_H
#define YK_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store/store.h"

struct yk_store_cached {
    const char *sql; /* static text: the cache is keyed by the pointer */
    sqlite3_stmt *stmt;
};

struct yk_store {
    sqlite3 *db;
    sqlite3_stmt *stmts[32];
    struct yk_store_cached *extra;
    size_t nextra, extra_cap;
    int in_tx;
};

/* A prepared statement for 'sql' (a string with static storage), cached
 * for the life of the store, reset and with bindings cleared.  NULL on
 * error (last error set). */
sqlite3_stmt *yk_store_stmt(yk_store *s, const char *sql);

/* Set the last error from SQLite's state: YK_ECONFLICT when busy, YK_EIO
 * for read-only/full/IO errors, else YK_EDB.  Returns the code. */
int yk_store_db_error(yk_store *s, const char *what);

sqlite3 *yk_store_db(yk_store *s);

/* Schema migrations of each module, applied in this order after the core
 * tables (store.c).  Each is one SQL script. */
extern const char yk_store_migration_glossary[];
extern const char yk_store_migration_tm[];
extern const char yk_store_migration_workflow[];

#endif
