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
    int bulk; /* in a yk_store_begin_bulk() transaction: WAL to restore */
    int writeback_fd; /* the database file, for yk_store_start_writeback; -1 none yet */
};

/* A prepared statement for 'sql' (a string with static storage), cached
 * for the life of the store, reset and with bindings cleared.  NULL on
 * error (last error set). */
sqlite3_stmt *yk_store_stmt(yk_store *s, const char *sql);

/* Set the last error from SQLite's state: YK_ECONFLICT when busy, YK_EIO
 * for read-only/full/IO errors, else YK_EDB.  Returns the code. */
int yk_store_db_error(yk_store *s, const char *what);

sqlite3 *yk_store_db(yk_store *s);

/** ## Helpers shared by the store's files */

/* Bind a string or, for NULL, SQL NULL; the string must outlive the step. */
static inline void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

/* A text column, or NULL for SQL NULL. */
static inline const char *col_text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* A text column, "" for SQL NULL. */
static inline const char *col_str(sqlite3_stmt *st, int i)
{
    const char *t = col_text(st, i);
    return t ? t : "";
}

/* Run a statement for its effect; resets it. */
static inline int step_done(yk_store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return yk_store_db_error(s, what);
    return YK_OK;
}

/* Step through the rows of a cached statement running 'body' for each;
 * 'body' sets cb_rc_ to stop the walk, which then returns it. */
#define FOREACH_ROW(s, st, what, body)                                                             \
    do {                                                                                           \
        int step_rc_, cb_rc_ = 0;                                                                  \
        while (cb_rc_ == 0 && (step_rc_ = sqlite3_step(st)) == SQLITE_ROW) {                       \
            body                                                                                   \
        }                                                                                          \
        sqlite3_reset(st);                                                                         \
        if (cb_rc_)                                                                                \
            return cb_rc_;                                                                         \
        if (step_rc_ != SQLITE_DONE)                                                               \
            return yk_store_db_error(s, what);                                                     \
    } while (0)

/* Schema migrations of each module, applied in this order after the core
 * tables (store.c).  Each is one SQL script. */
extern const char yk_store_migration_glossary[];
extern const char yk_store_migration_tm[];
extern const char yk_store_migration_workflow[];

#endif
