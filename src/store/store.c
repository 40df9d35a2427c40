/*
 * SQLite implementation of the project store.  WAL journal, foreign keys,
 * a busy timeout so concurrent writers wait instead of failing, and the
 * schema versioned by PRAGMA user_version with forward migrations.
 * Statements are prepared once and cached; parameters are always bound.
 */
#ifdef __linux__
#define _GNU_SOURCE /* sync_file_range */
#endif
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "util/xalloc.h"

#define db_error yk_store_db_error

enum stmt_id {
    S_META_GET,
    S_META_SET,
    S_META_DELETE,
    S_LANG_ADD,
    S_LANGS,
    S_MEMBER_ADD,
    S_CHAPTER_FIND,
    S_CHAPTER_ADD,
    S_DOC_GET,
    S_DOC_INSERT,
    S_DOC_UPDATE,
    S_DOC_IDS,
    S_DOC_SEGMENTS,
    S_CHAPTER_NEXT_N,
    S_CHAPTER_SET_NEXT_N,
    S_SEG_INSERT,
    S_SEG_MOVE,
    S_SEG_SET_SOURCE,
    S_SEG_ARCHIVE,
    S_SEG_TRANSLATIONS,
    S_TR_FUZZY,
    S_SEG_LOOKUP,
    S_TR_REVISION,
    S_TR_UPSERT,
    S_HISTORY_ADD,
    S_DOC_TARGETS,
    S_CHAPTERS,
    S_PROGRESS,
    S_DOC_ARCHIVED,
    S_SEG_RESTORE,
    S_COUNT
};

_Static_assert(S_COUNT <= 32, "grow yk_store.stmts");

static const char *const sql_text[S_COUNT] = {
    [S_META_GET] = "SELECT value FROM meta WHERE key = ?1",
    [S_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    [S_META_DELETE] = "DELETE FROM meta WHERE key = ?1",
    [S_LANG_ADD] = "INSERT INTO languages(lang, position) "
                   "VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM languages))",
    [S_LANGS] = "SELECT lang FROM languages ORDER BY position",
    [S_MEMBER_ADD] = "INSERT INTO members(user, role, added_at) VALUES (?1, ?2, ?3) "
                     "ON CONFLICT(user) DO UPDATE SET role = excluded.role",
    [S_CHAPTER_FIND] = "SELECT id FROM chapters WHERE name = ?1",
    [S_CHAPTER_ADD] = "INSERT INTO chapters(name, position) "
                      "VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM chapters))",
    [S_DOC_GET] = "SELECT d.id, d.chapter_id, d.path, c.name, d.format, d.segment_mode, "
                  "d.fm_keys, d.digest, d.content, d.segmap FROM documents d "
                  "JOIN chapters c ON c.id = d.chapter_id WHERE d.path = ?1",
    [S_DOC_INSERT] = "INSERT INTO documents(chapter_id, path, format, segment_mode, fm_keys, "
                     "digest, content, position, added_at, added_by, segmap) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                     "(SELECT COALESCE(MAX(position), 0) + 1 FROM documents), ?8, ?9, ?10)",
    [S_DOC_UPDATE] = "UPDATE documents SET chapter_id = ?1, format = ?3, segment_mode = ?4, "
                     "fm_keys = ?5, digest = ?6, content = ?7, added_at = ?8, added_by = ?9, "
                     "segmap = ?10 WHERE path = ?2",
    [S_DOC_IDS] = "SELECT d.id FROM documents d JOIN chapters c ON c.id = d.chapter_id "
                  "ORDER BY c.position, d.position",
    [S_DOC_SEGMENTS] = "SELECT id, n, source FROM segments "
                       "WHERE document_id = ?1 AND archived = 0 ORDER BY ord",
    [S_CHAPTER_NEXT_N] = "SELECT next_n FROM chapters WHERE id = ?1",
    [S_CHAPTER_SET_NEXT_N] = "UPDATE chapters SET next_n = ?2 WHERE id = ?1",
    [S_SEG_INSERT] = "INSERT INTO segments(document_id, chapter_id, n, ord, source, kind, line) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [S_SEG_MOVE] = "UPDATE segments SET ord = ?2, kind = ?3, line = ?4 WHERE id = ?1",
    [S_SEG_SET_SOURCE] = "UPDATE segments SET ord = ?2, kind = ?3, line = ?4, source = ?5 "
                         "WHERE id = ?1",
    [S_DOC_ARCHIVED] = "SELECT id, n, source FROM segments "
                       "WHERE document_id = ?1 AND archived = 1 ORDER BY n",
    [S_SEG_RESTORE] = "UPDATE segments SET archived = 0, ord = ?2, kind = ?3, line = ?4 WHERE id = ?1",
    [S_SEG_ARCHIVE] = "UPDATE segments SET archived = 1, ord = NULL WHERE id = ?1",
    [S_SEG_TRANSLATIONS] = "SELECT lang, target, revision FROM translations "
                           "WHERE segment_id = ?1 AND state <> 'new' ORDER BY lang",
    [S_TR_FUZZY] = "UPDATE translations SET state = 'fuzzy', prev_source = ?3, "
                   "revision = revision + 1, updated_by = ?4, updated_at = ?5 "
                   "WHERE segment_id = ?1 AND lang = ?2",
    [S_SEG_LOOKUP] = "SELECT s.id, s.source, COALESCE(t.state, 'new'), COALESCE(t.target, ''), "
                     "COALESCE(t.revision, 0) FROM segments s JOIN chapters c ON c.id = "
                     "s.chapter_id LEFT JOIN translations t ON t.segment_id = s.id AND "
                     "t.lang = ?3 WHERE c.name = ?1 AND s.n = ?2 AND s.archived = 0",
    [S_TR_REVISION] = "SELECT revision FROM translations WHERE segment_id = ?1 AND lang = ?2",
    [S_TR_UPSERT] = "INSERT INTO translations(segment_id, lang, target, state, revision, "
                    "updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6) "
                    "ON CONFLICT(segment_id, lang) DO UPDATE SET target = excluded.target, "
                    "state = excluded.state, revision = revision + 1, "
                    "updated_by = excluded.updated_by, updated_at = excluded.updated_at, "
                    "prev_source = CASE WHEN excluded.state = 'fuzzy' THEN prev_source END",
    [S_HISTORY_ADD] = "INSERT INTO history(segment_id, lang, revision, state, target, who, at, "
                      "action, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    [S_DOC_TARGETS] = "SELECT CASE WHEN t.state IN ('translated', 'reviewed') THEN t.target END "
                      "FROM segments s LEFT JOIN translations t ON t.segment_id = s.id AND "
                      "t.lang = ?2 WHERE s.document_id = ?1 AND s.archived = 0 ORDER BY s.ord",
    [S_CHAPTERS] = "SELECT c.name, c.id, (SELECT COUNT(*) FROM documents d WHERE d.chapter_id = "
                   "c.id), (SELECT COUNT(*) FROM segments s WHERE s.chapter_id = c.id AND "
                   "s.archived = 0), (SELECT GROUP_CONCAT(path, char(10)) FROM (SELECT path FROM "
                   "documents d WHERE d.chapter_id = c.id ORDER BY d.position)) "
                   "FROM chapters c ORDER BY c.position",
    [S_PROGRESS] = "SELECT c.name, COUNT(s.id), "
                   "SUM(COALESCE(t.state, 'new') = 'new'), SUM(t.state = 'fuzzy'), "
                   "SUM(t.state = 'translated'), SUM(t.state = 'reviewed') FROM chapters c "
                   "LEFT JOIN segments s ON s.chapter_id = c.id AND s.archived = 0 "
                   "LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = ?1 "
                   "GROUP BY c.id ORDER BY c.position",
};

/* Forward migrations: migrations[v] takes a database from user_version v
 * to v + 1.  Never edit one that has shipped; add the next.  Each module's
 * tables are defined next to its statements (store/<module>.c). */
static const char migration_core[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE languages(lang TEXT PRIMARY KEY, position INTEGER NOT NULL);"
    "CREATE TABLE members(user TEXT PRIMARY KEY,"
    "  role TEXT NOT NULL CHECK (role IN ('maintainer', 'editor', 'translator')),"
    "  added_at TEXT NOT NULL);"
    "CREATE TABLE chapters(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
    "  position INTEGER NOT NULL, next_n INTEGER NOT NULL DEFAULT 1);"
    "CREATE TABLE documents(id INTEGER PRIMARY KEY,"
    "  chapter_id INTEGER NOT NULL REFERENCES chapters(id), path TEXT NOT NULL UNIQUE,"
    "  format TEXT NOT NULL, segment_mode TEXT NOT NULL, fm_keys TEXT,"
    "  digest TEXT NOT NULL, content BLOB NOT NULL, position INTEGER NOT NULL,"
    "  added_at TEXT NOT NULL, added_by TEXT NOT NULL);"
    "CREATE TABLE segments(id INTEGER PRIMARY KEY,"
    "  document_id INTEGER NOT NULL REFERENCES documents(id),"
    "  chapter_id INTEGER NOT NULL REFERENCES chapters(id), n INTEGER NOT NULL, ord INTEGER,"
    "  source TEXT NOT NULL, kind TEXT NOT NULL, line INTEGER NOT NULL,"
    "  archived INTEGER NOT NULL DEFAULT 0, UNIQUE (chapter_id, n));"
    "CREATE INDEX segments_by_document ON segments(document_id, archived, ord);"
    "CREATE TABLE translations(segment_id INTEGER NOT NULL REFERENCES segments(id),"
    "  lang TEXT NOT NULL REFERENCES languages(lang), target TEXT NOT NULL,"
    "  state TEXT NOT NULL CHECK (state IN ('new', 'fuzzy', 'translated', 'reviewed')),"
    "  revision INTEGER NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL,"
    "  prev_source TEXT, PRIMARY KEY (segment_id, lang));"
    "CREATE TABLE history(id INTEGER PRIMARY KEY,"
    "  segment_id INTEGER NOT NULL REFERENCES segments(id), lang TEXT NOT NULL,"
    "  revision INTEGER NOT NULL, state TEXT NOT NULL, target TEXT NOT NULL,"
    "  who TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL, note TEXT);"
    "CREATE INDEX history_by_segment ON history(segment_id, lang, revision);";

/* Where each stored segment lies in its document (formats/document.c
 * encodes it), so that a build need not run the sentence splitter again. */
static const char migration_segmap[] = "ALTER TABLE documents ADD COLUMN segmap BLOB;";

static const char *const migrations[] = {
    migration_core,
    yk_store_migration_glossary,
    yk_store_migration_tm,
    yk_store_migration_workflow,
    migration_segmap,
};

int yk_store_db_error(yk_store *s, const char *what)
{
    int code = s->db ? sqlite3_extended_errcode(s->db) : 0;
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
        return yk_error_set(YK_ECONFLICT, "the project is busy (another yaku is writing); try again");
    if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN ||
        (code & 0xff) == SQLITE_PERM || (code & 0xff) == SQLITE_FULL ||
        (code & 0xff) == SQLITE_IOERR) {
        /* "disk I/O error" alone does not say the disk is full or read-only */
        int sys = sqlite3_system_errno(s->db);
        if (sys == ENOSPC || sys == EDQUOT || sys == EROFS || sys == EACCES)
            return yk_error_set(YK_EIO, "%s: %s (%s)", what, sqlite3_errmsg(s->db), strerror(sys));
        return yk_error_set(YK_EIO, "%s: %s", what, sqlite3_errmsg(s->db));
    }
    return yk_error_set(YK_EDB, "%s: %s", what, s->db ? sqlite3_errmsg(s->db) : "no database");
}

sqlite3_stmt *yk_store_stmt(yk_store *s, const char *sql)
{
    size_t i;
    sqlite3_stmt *st;
    for (i = 0; i < s->nextra; i++) {
        if (s->extra[i].sql == sql) {
            st = s->extra[i].stmt;
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
    }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        db_error(s, "preparing a statement");
        return NULL;
    }
    s->extra = yk_xgrow(s->extra, &s->extra_cap, s->nextra + 1, sizeof(*s->extra));
    s->extra[s->nextra].sql = sql;
    s->extra[s->nextra].stmt = st;
    s->nextra++;
    return st;
}

sqlite3 *yk_store_db(yk_store *s)
{
    return s->db;
}

static sqlite3_stmt *stmt(yk_store *s, enum stmt_id id)
{
    sqlite3_stmt *st = s->stmts[id];
    if (!st) {
        if (sqlite3_prepare_v3(s->db, sql_text[id], -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
            SQLITE_OK) {
            db_error(s, "preparing a statement");
            return NULL;
        }
        s->stmts[id] = st;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}




/* Run a statement that returns no rows. */

static int exec(yk_store *s, const char *sql, const char *what)
{
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(s, what);
    return YK_OK;
}

static int migrate(yk_store *s, int create)
{
    sqlite3_stmt *st = NULL;
    int version, rc, target = (int)(sizeof(migrations) / sizeof(migrations[0]));

    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK ||
        sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        return db_error(s, "reading the schema version");
    }
    version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > target)
        return yk_error_set(YK_EDB,
                            "the project database has schema version %d but this yaku knows "
                            "only up to %d; upgrade yaku",
                            version, target);
    if (version == 0 && !create)
        return yk_error_set(YK_EDB, "the project database is empty or not a yaku database");
    if (version == target)
        return YK_OK;
    if ((rc = exec(s, "BEGIN IMMEDIATE", "starting the schema migration")) < 0)
        return rc;
    for (; version < target; version++) {
        char pragma[64];
        if ((rc = exec(s, migrations[version], "migrating the schema")) < 0)
            goto fail;
        snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", version + 1);
        if ((rc = exec(s, pragma, "migrating the schema")) < 0)
            goto fail;
    }
    return exec(s, "COMMIT", "committing the schema migration");
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* The page cache: -N is N KiB.  A bulk transaction uses a small one: it
 * writes pages out as it goes instead of all at its commit, and adding a
 * 10 MB corpus took 0.30 s with 2 MiB against 0.34 s with 32 MiB (re-adding
 * it the same with either). */
#define CACHE_KIB "-32768"
#define BULK_CACHE_KIB "-2048"
#define MMAP_BYTES "33554432"

/* WAL unless another command is in a bulk transaction (yk_store_begin_bulk):
 * the switch needs the database to itself and fails at once, without the
 * busy handler, so this connection works in rollback-journal mode, where
 * the busy handler makes it wait for that commit. */
/* Run a journal_mode pragma: 1 when the mode it reports is 'mode', 0 when
 * it is another, -1 when it gave no row (the switch was refused or failed). */
static int journal_mode_is(yk_store *s, const char *pragma, const char *mode)
{
    sqlite3_stmt *st = NULL;
    int is = -1;
    if (sqlite3_prepare_v2(s->db, pragma, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        is = sqlite3_column_text(st, 0) &&
             strcmp((const char *)sqlite3_column_text(st, 0), mode) == 0;
    sqlite3_finalize(st);
    return is;
}

static int set_wal(yk_store *s)
{
    int rc = journal_mode_is(s, "PRAGMA journal_mode", "wal");
    if (rc == 1)
        return YK_OK;
    if (rc < 0)
        return db_error(s, "opening the project database");
    rc = sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
    if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        return YK_OK;
    return db_error(s, "opening the project database");
}

int yk_store_open(yk_store **out, const char *path, int create)
{
    yk_store *s = yk_xcalloc(1, sizeof(*s));
    int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
    int rc;

    s->writeback_fd = -1;

    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        rc = db_error(s, "opening the project database");
        goto fail;
    }
    if (!create) {
        /* WAL mode creates yaku.db-wal and yaku.db-shm next to the database */
        char *dir = yk_xstrdup(path), *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        if (access(slash ? (*dir ? dir : "/") : ".", W_OK) != 0) {
            rc = yk_error_set(YK_EIO,
                              "cannot open the project database: the project directory '%s' is "
                              "not writable (%s); yaku needs to create yaku.db-wal and "
                              "yaku.db-shm there",
                              slash ? (*dir ? dir : "/") : ".", strerror(errno));
            free(dir);
            goto fail;
        }
        free(dir);
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, 30000);
    /* A new project's pages are 8 KiB, before anything is written (a
     * database keeps the size it was made with): adding 10 MB makes half
     * as many page writes and splits, 223 -> 211 ms, a translated build
     * 153 -> 124 ms, import the same.  16 and 64 KiB were slower, each
     * split moving more. */
    if (create && (rc = exec(s, "PRAGMA page_size = 8192", "creating the project database")) < 0)
        goto fail;
    /* A file that is not SQLite shows up at the first read. */
    if ((rc = set_wal(s)) < 0 ||
        (rc = exec(s, "PRAGMA foreign_keys = ON", "opening the project database")) < 0 ||
        (rc = exec(s, "PRAGMA synchronous = NORMAL", "opening the project database")) < 0 ||
        /* a bigger page cache and memory-mapped reads: adding a large
         * document touches many index pages.  The mapping is a window of
         * 32 MiB, not the whole file: the pages a command reads through it
         * count in its memory (a translated build of a 10 MB project read
         * 105 MB of its 138 MB database so, with 256 MiB), and the memory
         * is to grow with one document, not with the project.  Adding and
         * building a 20 MB project is as fast with 32 MiB as with 256 MiB
         * (add 0.43 s, build 0.07 s) and 18 % slower with no mapping. */
        (rc = exec(s, "PRAGMA cache_size = " CACHE_KIB, "opening the project database")) < 0 ||
        (rc = exec(s, "PRAGMA mmap_size = " MMAP_BYTES, "opening the project database")) < 0 ||
        (rc = exec(s, "PRAGMA temp_store = MEMORY", "opening the project database")) < 0)
        goto fail;
    if ((rc = migrate(s, create)) < 0)
        goto fail;
    *out = s;
    return YK_OK;
fail:
    yk_store_close(s);
    return rc;
}

void yk_store_close(yk_store *s)
{
    size_t i;
    if (!s)
        return;
    if (s->writeback_fd >= 0)
        close(s->writeback_fd);
    for (i = 0; i < S_COUNT; i++)
        sqlite3_finalize(s->stmts[i]);
    for (i = 0; i < s->nextra; i++)
        sqlite3_finalize(s->extra[i].stmt);
    free(s->extra);
    sqlite3_close(s->db);
    free(s);
}

/* Back to WAL after a bulk transaction.  Failing here loses nothing: the
 * transaction is over and the next open sets WAL again. */
static void end_bulk(yk_store *s)
{
    if (s->writeback_fd >= 0) {
        close(s->writeback_fd);
        s->writeback_fd = -1;
    }
    if (s->bulk) {
        sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
        sqlite3_exec(s->db, "PRAGMA cache_size = " CACHE_KIB, NULL, NULL, NULL);
        sqlite3_exec(s->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        s->bulk = 0;
    }
}

int yk_store_begin(yk_store *s, int immediate)
{
    int rc = exec(s, immediate ? "BEGIN IMMEDIATE" : "BEGIN", "starting a transaction");
    if (rc == YK_OK)
        s->in_tx = 1;
    return rc;
}

/*
 * In WAL mode every page a transaction writes goes to the WAL and then,
 * at the checkpoint that follows, into the database: twice, with a sync
 * each time.  Adding a 10 MB corpus writes a 32 MB database; its commit
 * took 140 ms of the 470 ms of `add`, 95 ms of them the checkpoint.  A
 * rollback journal saves only the pages that existed before, so a
 * transaction that mostly appends writes each page once: the same commit
 * takes 65 ms.  The switch needs the only connection to the database (it
 * fails otherwise, and the transaction runs in WAL mode as usual); the
 * commit or rollback switches back, and yk_store_open() sets WAL on every
 * open, so a crash in between leaves a rollback journal that SQLite
 * replays and the next command is in WAL mode again.  Other commands wait
 * (busy_timeout) while the transaction writes: a rollback journal lets no
 * reader in once pages go to the database, which with the small cache
 * below is soon after it starts.
 *
 * The transaction also runs without foreign-key enforcement: probing the
 * document and the chapter of every segment row took 13 % of storing a
 * corpus.  Its callers refer only to rows that exist: yk_documents_add
 * inserts documents and chapters before their segments, in the same
 * transaction; an import checks every entry's segment and language before
 * it writes anything, and the TM trigger creates the pair it refers to.
 * t0704 runs PRAGMA foreign_key_check after a bulk add and a bulk import.
 * Neither deletes, so no ON DELETE action is skipped.
 */
int yk_store_begin_bulk(yk_store *s)
{
    int rc;

    s->bulk = journal_mode_is(s, "PRAGMA journal_mode = DELETE", "delete") == 1;
    if (s->bulk) {
        const char *what = "starting a transaction";
        if ((rc = exec(s, "PRAGMA foreign_keys = OFF", what)) < 0 ||
            (rc = exec(s, "PRAGMA cache_size = " BULK_CACHE_KIB, what)) < 0) {
            end_bulk(s);
            return rc;
        }
    }
    if ((rc = yk_store_begin(s, 1)) < 0)
        end_bulk(s);
    return rc;
}

/*
 * In a bulk transaction the pages go straight to the database file, and the
 * commit's sync waited for all of them: 25 ms of adding 10 MB.  Asking the
 * kernel now and then to start writing them (it may at any time anyway, and
 * SQLite has synced the journal before the first one) leaves the commit the
 * last few.  Linux only; elsewhere the commit does it all, as before.
 */
void yk_store_start_writeback(yk_store *s)
{
#ifdef __linux__
    if (!s->bulk)
        return;
    if (s->writeback_fd == -1) {
        const char *path = sqlite3_db_filename(s->db, "main");
        s->writeback_fd = path && *path ? open(path, O_RDONLY | O_CLOEXEC) : -2;
        if (s->writeback_fd < 0)
            s->writeback_fd = -2; /* do not try again */
    }
    if (s->writeback_fd >= 0)
        (void)sync_file_range(s->writeback_fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)s;
#endif
}

int yk_store_commit(yk_store *s)
{
    int rc = exec(s, "COMMIT", "committing");
    if (rc == YK_OK) {
        s->in_tx = 0;
        end_bulk(s);
    }
    return rc;
}

void yk_store_rollback(yk_store *s)
{
    if (s && s->in_tx) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        s->in_tx = 0;
        end_bulk(s);
    }
}

int yk_store_meta_get(char **out, yk_store *s, const char *key)
{
    sqlite3_stmt *st = stmt(s, S_META_GET);
    int rc;
    *out = NULL;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, key);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = yk_xstrdup(col_str(st, 0));
    else if (rc != SQLITE_DONE)
        return db_error(s, "reading settings");
    sqlite3_reset(st);
    return YK_OK;
}

int yk_store_meta_set(yk_store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = stmt(s, S_META_SET);
    if (!st)
        return YK_EDB;
    bind_text(st, 1, key);
    bind_text(st, 2, value);
    return step_done(s, st, "writing settings");
}

int yk_store_meta_delete(yk_store *s, const char *key)
{
    sqlite3_stmt *st = stmt(s, S_META_DELETE);
    if (!st)
        return YK_EDB;
    bind_text(st, 1, key);
    return step_done(s, st, "writing settings");
}

int yk_store_lang_add(yk_store *s, const char *lang)
{
    sqlite3_stmt *st = stmt(s, S_LANG_ADD);
    if (!st)
        return YK_EDB;
    bind_text(st, 1, lang);
    return step_done(s, st, "adding a language");
}

int yk_store_langs(char ***out, size_t *n, yk_store *s)
{
    sqlite3_stmt *st = stmt(s, S_LANGS);
    char **v = NULL;
    size_t cap = 0, len = 0;
    int rc;
    if (!st)
        return YK_EDB;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        v = yk_xgrow(v, &cap, len + 1, sizeof(*v));
        v[len++] = yk_xstrdup(col_str(st, 0));
    }
    sqlite3_reset(st);
    *out = v;
    *n = len;
    return rc == SQLITE_DONE ? YK_OK : db_error(s, "reading languages");
}

int yk_store_member_add(yk_store *s, const char *user, const char *role, const char *at)
{
    sqlite3_stmt *st = stmt(s, S_MEMBER_ADD);
    if (!st)
        return YK_EDB;
    bind_text(st, 1, user);
    bind_text(st, 2, role);
    bind_text(st, 3, at);
    return step_done(s, st, "adding a member");
}

int yk_store_chapter_find(int64_t *out, yk_store *s, const char *name)
{
    sqlite3_stmt *st = stmt(s, S_CHAPTER_FIND);
    int rc;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, name);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return YK_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return db_error(s, "reading chapters");
    return yk_error_set(YK_ENOTFOUND, "no chapter '%s' in this project", name);
}

int yk_store_chapter_ensure(int64_t *out, yk_store *s, const char *name)
{
    sqlite3_stmt *st;
    int rc = yk_store_chapter_find(out, s, name);
    if (rc != YK_ENOTFOUND)
        return rc;
    yk_error_clear();
    if (!(st = stmt(s, S_CHAPTER_ADD)))
        return YK_EDB;
    bind_text(st, 1, name);
    if ((rc = step_done(s, st, "adding a chapter")) < 0)
        return rc;
    *out = sqlite3_last_insert_rowid(s->db);
    return YK_OK;
}

static void read_document(yk_store_document *d, sqlite3_stmt *st)
{
    d->id = sqlite3_column_int64(st, 0);
    d->chapter_id = sqlite3_column_int64(st, 1);
    d->path = col_str(st, 2);
    d->chapter = col_str(st, 3);
    d->format = col_str(st, 4);
    d->segment_mode = col_str(st, 5);
    d->fm_keys = col_text(st, 6);
    d->digest = col_str(st, 7);
    d->content = sqlite3_column_blob(st, 8);
    d->content_len = (size_t)sqlite3_column_bytes(st, 8);
    if (!d->content)
        d->content = "";
    d->segmap = sqlite3_column_blob(st, 9);
    d->segmap_len = (size_t)sqlite3_column_bytes(st, 9);
}


int yk_store_document_get(yk_store *s, const char *path,
                          int (*fn)(const yk_store_document *d, void *payload), void *payload)
{
    sqlite3_stmt *st = stmt(s, S_DOC_GET);
    int found = 0;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, path);
    FOREACH_ROW(s, st, "reading documents", {
        yk_store_document d;
        read_document(&d, st);
        found = 1;
        cb_rc_ = fn(&d, payload);
    });
    return found ? YK_OK : YK_ENOTFOUND;
}

int yk_store_document_put(int64_t *out, yk_store *s, const yk_store_document *d, const char *who,
                          const char *at)
{
    sqlite3_stmt *st = stmt(s, d->id ? S_DOC_UPDATE : S_DOC_INSERT);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, d->chapter_id);
    bind_text(st, 2, d->path);
    bind_text(st, 3, d->format);
    bind_text(st, 4, d->segment_mode);
    bind_text(st, 5, d->fm_keys);
    bind_text(st, 6, d->digest);
    sqlite3_bind_blob64(st, 7, d->content, d->content_len, SQLITE_STATIC);
    bind_text(st, 8, at);
    bind_text(st, 9, who);
    if (d->segmap)
        sqlite3_bind_blob64(st, 10, d->segmap, d->segmap_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 10);
    if ((rc = step_done(s, st, "writing a document")) < 0)
        return rc;
    *out = d->id ? d->id : sqlite3_last_insert_rowid(s->db);
    return YK_OK;
}

static const char sql_document_count[] = "SELECT COUNT(*) FROM documents";

/* The one number a statement without parameters answers (a count, a
 * pragma's value); 'what' names the work in the error. */
static int query_int64(int64_t *out, yk_store *s, const char *sql, const char *what)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql);
    int rc;
    *out = 0;
    if (!st)
        return YK_EDB;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? YK_OK : db_error(s, what);
}

int yk_store_document_count(size_t *out, yk_store *s)
{
    int64_t n;
    int rc = query_int64(&n, s, sql_document_count, "counting documents");
    *out = (size_t)n;
    return rc;
}

/*
 * Sorted in two steps: the ids in book order, then each document by its id.
 * Sorting whole rows copied every document's content into SQLite's sorter and
 * out again, a sixth of what `build` asked of the database.
 */
static const char sql_document_by_id[] =
    "SELECT d.id, d.chapter_id, d.path, c.name, d.format, d.segment_mode, d.fm_keys, d.digest, "
    "d.content, d.segmap FROM documents d JOIN chapters c ON c.id = d.chapter_id WHERE d.id = ?1";

int yk_store_documents_foreach(yk_store *s, int (*fn)(const yk_store_document *d, void *payload),
                               void *payload)
{
    sqlite3_stmt *st = stmt(s, S_DOC_IDS), *one = NULL;
    int64_t *ids = NULL;
    size_t n = 0, cap = 0, i;
    int rc = YK_OK;

    if (!st)
        return YK_EDB;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ids = yk_xgrow(ids, &cap, n + 1, sizeof(*ids));
        ids[n++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    /* Not a cached statement: callers run other queries while iterating. */
    if (rc != SQLITE_DONE ||
        sqlite3_prepare_v2(s->db, sql_document_by_id, -1, &one, NULL) != SQLITE_OK)
        rc = db_error(s, "reading documents");
    else
        rc = YK_OK;
    for (i = 0; rc == YK_OK && i < n; i++) {
        int step_rc;
        sqlite3_bind_int64(one, 1, ids[i]);
        step_rc = sqlite3_step(one);
        if (step_rc == SQLITE_ROW) {
            yk_store_document d;
            read_document(&d, one);
            rc = fn(&d, payload);
        } else if (step_rc != SQLITE_DONE) { /* DONE: the callback removed it */
            rc = db_error(s, "reading documents");
        }
        sqlite3_reset(one);
    }
    sqlite3_finalize(one);
    free(ids);
    return rc;
}

/* Segments of a document in the state the statement 'id' selects. */
static int document_segments(yk_store *s, enum stmt_id id, int64_t document_id,
                             int (*fn)(const yk_store_segment *seg, void *payload), void *payload)
{
    sqlite3_stmt *st = stmt(s, id);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, document_id);
    FOREACH_ROW(s, st, "reading segments", {
        yk_store_segment seg;
        seg.id = sqlite3_column_int64(st, 0);
        seg.n = sqlite3_column_int(st, 1);
        seg.source = col_str(st, 2);
        cb_rc_ = fn(&seg, payload);
    });
    return YK_OK;
}

int yk_store_document_segments(yk_store *s, int64_t document_id,
                               int (*fn)(const yk_store_segment *seg, void *payload), void *payload)
{
    return document_segments(s, S_DOC_SEGMENTS, document_id, fn, payload);
}

int yk_store_document_archived(yk_store *s, int64_t document_id,
                               int (*fn)(const yk_store_segment *seg, void *payload), void *payload)
{
    return document_segments(s, S_DOC_ARCHIVED, document_id, fn, payload);
}

int yk_store_segment_restore(yk_store *s, int64_t id, int ord, const char *kind, int line)
{
    sqlite3_stmt *st = stmt(s, S_SEG_RESTORE);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, ord);
    bind_text(st, 3, kind);
    sqlite3_bind_int(st, 4, line);
    return step_done(s, st, "restoring a segment");
}

int yk_store_chapter_next_n(int *out, yk_store *s, int64_t chapter_id)
{
    sqlite3_stmt *st = stmt(s, S_CHAPTER_NEXT_N);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, chapter_id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? YK_OK : db_error(s, "numbering segments");
}

int yk_store_chapter_set_next_n(yk_store *s, int64_t chapter_id, int next_n)
{
    sqlite3_stmt *st = stmt(s, S_CHAPTER_SET_NEXT_N);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, chapter_id);
    sqlite3_bind_int(st, 2, next_n);
    return step_done(s, st, "numbering segments");
}

int yk_store_segment_insert(int64_t *out, yk_store *s, int64_t document_id, int64_t chapter_id,
                            int n, int ord, const char *source, size_t source_len,
                            const char *kind, int line)
{
    sqlite3_stmt *st = stmt(s, S_SEG_INSERT);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, document_id);
    sqlite3_bind_int64(st, 2, chapter_id);
    sqlite3_bind_int(st, 3, n);
    sqlite3_bind_int(st, 4, ord);
    sqlite3_bind_text64(st, 5, source, source_len, SQLITE_STATIC, SQLITE_UTF8);
    bind_text(st, 6, kind);
    sqlite3_bind_int(st, 7, line);
    if ((rc = step_done(s, st, "adding a segment")) < 0)
        return rc;
    *out = sqlite3_last_insert_rowid(s->db);
    return YK_OK;
}

/* The document and chapter are ?1 and ?2 in every row, bound once: the
 * binds were a tenth of the store thread's work in `add`. */
#define SEG_ROW "(?1,?2,?,?,?,?,?)"
#define SEG_ROWS4 SEG_ROW "," SEG_ROW "," SEG_ROW "," SEG_ROW
#define SEG_ROWS16 SEG_ROWS4 "," SEG_ROWS4 "," SEG_ROWS4 "," SEG_ROWS4
/* OR FAIL, not the default ABORT: with ABORT a statement writing many rows
 * keeps a statement journal so that a failing row can undo the rows before it,
 * and that journal cost 12% of the store thread's work in `add`.  Undoing them
 * is not needed: a failed insert fails the whole command, whose transaction is
 * rolled back, so the rows this statement wrote before the failing one are
 * never committed. */
static const char seg_insert_batch[] =
    "INSERT OR FAIL INTO segments(document_id, chapter_id, n, ord, source, kind, line) VALUES "
    SEG_ROWS16 "," SEG_ROWS16;
_Static_assert(YK_STORE_SEGMENT_BATCH == 32, "seg_insert_batch has 32 rows");

int yk_store_segments_insert(yk_store *s, int64_t document_id, int64_t chapter_id,
                             const yk_store_new_segment *rows, size_t nrows)
{
    size_t i;
    int rc;

    while (nrows >= YK_STORE_SEGMENT_BATCH) {
        sqlite3_stmt *st = yk_store_stmt(s, seg_insert_batch);
        if (!st)
            return YK_EDB;
        sqlite3_bind_int64(st, 1, document_id);
        sqlite3_bind_int64(st, 2, chapter_id);
        /* row i's own five are parameters 3 + 5i to 7 + 5i: a bare ? takes
         * the number after the largest so far */
        for (i = 0; i < YK_STORE_SEGMENT_BATCH; i++) {
            int at = 2 + (int)i * 5;
            sqlite3_bind_int(st, at + 1, rows[i].n);
            sqlite3_bind_int(st, at + 2, rows[i].ord);
            sqlite3_bind_text64(st, at + 3, rows[i].source, rows[i].source_len, SQLITE_STATIC,
                                SQLITE_UTF8);
            bind_text(st, at + 4, rows[i].kind);
            sqlite3_bind_int(st, at + 5, rows[i].line);
        }
        /* The text bound stays the caller's after the step, but every use
         * binds all parameters anew before it steps: no sqlite3_clear_bindings,
         * which cost a third as much as the binds. */
        rc = step_done(s, st, "adding segments");
        if (rc < 0)
            return rc;
        rows += YK_STORE_SEGMENT_BATCH;
        nrows -= YK_STORE_SEGMENT_BATCH;
    }
    for (i = 0; i < nrows; i++) {
        int64_t id;
        if ((rc = yk_store_segment_insert(&id, s, document_id, chapter_id, rows[i].n, rows[i].ord,
                                          rows[i].source, rows[i].source_len, rows[i].kind,
                                          rows[i].line)) < 0)
            return rc;
    }
    return YK_OK;
}

int yk_store_segment_move(yk_store *s, int64_t id, int ord, const char *kind, int line)
{
    sqlite3_stmt *st = stmt(s, S_SEG_MOVE);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, ord);
    bind_text(st, 3, kind);
    sqlite3_bind_int(st, 4, line);
    return step_done(s, st, "updating a segment");
}

static int history_add(yk_store *s, int64_t segment_id, const char *lang, int revision,
                       const char *state, const char *target, const char *who, const char *at,
                       const char *action, const char *note)
{
    sqlite3_stmt *st = stmt(s, S_HISTORY_ADD);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    sqlite3_bind_int(st, 3, revision);
    bind_text(st, 4, state);
    bind_text(st, 5, target);
    bind_text(st, 6, who);
    bind_text(st, 7, at);
    bind_text(st, 8, action);
    bind_text(st, 9, note);
    return step_done(s, st, "writing history");
}

typedef struct tr_row {
    char *lang, *target;
    int revision;
} tr_row;

int yk_store_segment_change_source(yk_store *s, int64_t id, const char *source, size_t source_len,
                                   int ord, const char *kind, int line, const char *who,
                                   const char *at)
{
    sqlite3_stmt *st = stmt(s, S_SEG_TRANSLATIONS);
    tr_row *rows = NULL;
    size_t n = 0, cap = 0, i;
    char *old_source = NULL;
    int rc = YK_OK, step;

    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        rows = yk_xgrow(rows, &cap, n + 1, sizeof(*rows));
        rows[n].lang = yk_xstrdup(col_str(st, 0));
        rows[n].target = yk_xstrdup(col_str(st, 1));
        rows[n].revision = sqlite3_column_int(st, 2);
        n++;
    }
    sqlite3_reset(st);
    if (step != SQLITE_DONE) {
        rc = db_error(s, "reading translations");
        goto done;
    }
    if (n) {
        /* cached: a re-add changes thousands of translated segments */
        sqlite3_stmt *q = yk_store_stmt(s, "SELECT source FROM segments WHERE id = ?1");
        if (!q) {
            rc = YK_EDB;
            goto done;
        }
        sqlite3_bind_int64(q, 1, id);
        if (sqlite3_step(q) == SQLITE_ROW)
            old_source = yk_xstrdup(col_str(q, 0));
        sqlite3_reset(q);
    }
    for (i = 0; i < n && rc == YK_OK; i++) {
        if (!(st = stmt(s, S_TR_FUZZY))) {
            rc = YK_EDB;
            break;
        }
        sqlite3_bind_int64(st, 1, id);
        bind_text(st, 2, rows[i].lang);
        bind_text(st, 3, old_source);
        bind_text(st, 4, who);
        bind_text(st, 5, at);
        if ((rc = step_done(s, st, "marking a translation fuzzy")) == YK_OK)
            rc = history_add(s, id, rows[i].lang, rows[i].revision + 1, "fuzzy", rows[i].target,
                             who, at, "source-changed", old_source);
    }
    if (rc == YK_OK) {
        if (!(st = stmt(s, S_SEG_SET_SOURCE))) {
            rc = YK_EDB;
            goto done;
        }
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, ord);
        bind_text(st, 3, kind);
        sqlite3_bind_int(st, 4, line);
        sqlite3_bind_text64(st, 5, source, source_len, SQLITE_STATIC, SQLITE_UTF8);
        rc = step_done(s, st, "updating a segment");
    }
done:
    for (i = 0; i < n; i++) {
        free(rows[i].lang);
        free(rows[i].target);
    }
    free(rows);
    free(old_source);
    return rc;
}

int yk_store_segment_archive(yk_store *s, int64_t id)
{
    sqlite3_stmt *st = stmt(s, S_SEG_ARCHIVE);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    return step_done(s, st, "archiving a segment");
}

int yk_store_segment_lookup(yk_store *s, const char *chapter, int n, const char *lang,
                            int (*fn)(const yk_store_segment_state *seg, void *payload),
                            void *payload)
{
    sqlite3_stmt *st = stmt(s, S_SEG_LOOKUP);
    int found = 0;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, chapter);
    sqlite3_bind_int(st, 2, n);
    bind_text(st, 3, lang);
    FOREACH_ROW(s, st, "reading a segment", {
        yk_store_segment_state seg;
        seg.id = sqlite3_column_int64(st, 0);
        seg.source = col_str(st, 1);
        seg.state = col_str(st, 2);
        seg.target = col_str(st, 3);
        seg.revision = sqlite3_column_int(st, 4);
        found = 1;
        cb_rc_ = fn(&seg, payload);
    });
    return found ? YK_OK : YK_ENOTFOUND;
}

int yk_store_translation_put(yk_store *s, int64_t segment_id, const char *lang,
                             const char *target, const char *state, const char *who,
                             const char *at, const char *action)
{
    sqlite3_stmt *st = stmt(s, S_TR_UPSERT);
    int revision, rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, target);
    bind_text(st, 4, state);
    bind_text(st, 5, who);
    bind_text(st, 6, at);
    if ((rc = step_done(s, st, "writing a translation")) < 0)
        return rc;
    /* Read back, not RETURNING: SQLite gives a RETURNING statement an
     * ephemeral table on every run, in-memory pages zeroed and freed; the
     * lookup is cheaper (import of 29k entries: 6.2 -> 5.8 G instructions
     * in this function, 154k entries 6.9 -> 6.3 s). */
    if (!(st = stmt(s, S_TR_REVISION)))
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = db_error(s, "writing a translation");
        sqlite3_reset(st);
        return rc;
    }
    revision = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return history_add(s, segment_id, lang, revision, state, target, who, at, action, NULL);
}

/*
 * Segments in book order: the documents in order, then each document's
 * along the segments_by_document index.  One query ordered by chapter,
 * document and place sorted the whole join in a temporary B-tree, sources
 * and targets of every segment: exporting a 10 MB project held 160 MB.
 * A document's segments carry its chapter (documents never change chapter
 * once added), so the chapter filter is the document's.
 */
static const char sql_query_docs[] =
    "SELECT d.id, c.name, d.path FROM documents d JOIN chapters c ON c.id = d.chapter_id "
    "WHERE ?1 = 0 OR d.chapter_id = ?1 ORDER BY c.position, d.position";
static const char sql_query_segs[] =
    "SELECT s.kind, s.source, s.n, s.line, COALESCE(t.state, 'new'), COALESCE(t.target, ''), "
    "t.prev_source, COALESCE(t.revision, 0) FROM segments s "
    "LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = ?2 "
    "WHERE s.document_id = ?1 AND s.archived = 0 "
    "AND (?3 IS NULL OR COALESCE(t.state, 'new') = ?3) ORDER BY s.ord";

typedef struct query_doc {
    int64_t id;
    char *chapter, *path;
} query_doc;

int yk_store_segments_query(yk_store *s, int64_t chapter_id, const char *lang, const char *state,
                            int (*fn)(const yk_store_segment_row *r, void *payload), void *payload)
{
    sqlite3_stmt *st = NULL;
    query_doc *docs = NULL;
    size_t ndocs = 0, cap = 0, i;
    int step_rc, rc = YK_OK;

    /* Own statements: callbacks may query the store while these run. */
    if (sqlite3_prepare_v2(s->db, sql_query_docs, -1, &st, NULL) != SQLITE_OK)
        return db_error(s, "listing segments");
    sqlite3_bind_int64(st, 1, chapter_id);
    while ((step_rc = sqlite3_step(st)) == SQLITE_ROW) {
        docs = yk_xgrow(docs, &cap, ndocs + 1, sizeof(*docs));
        docs[ndocs].id = sqlite3_column_int64(st, 0);
        docs[ndocs].chapter = yk_xstrdup(col_str(st, 1));
        docs[ndocs].path = yk_xstrdup(col_str(st, 2));
        ndocs++;
    }
    if (step_rc != SQLITE_DONE)
        rc = db_error(s, "listing segments");
    sqlite3_finalize(st);
    st = NULL;
    if (rc == YK_OK && ndocs &&
        sqlite3_prepare_v2(s->db, sql_query_segs, -1, &st, NULL) != SQLITE_OK)
        rc = db_error(s, "listing segments");
    for (i = 0; i < ndocs && rc == YK_OK; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, docs[i].id);
        bind_text(st, 2, lang);
        bind_text(st, 3, state);
        while (rc == YK_OK && (step_rc = sqlite3_step(st)) == SQLITE_ROW) {
            yk_store_segment_row r;
            r.chapter = docs[i].chapter;
            r.path = docs[i].path;
            r.kind = col_str(st, 0);
            r.source = col_str(st, 1);
            r.n = sqlite3_column_int(st, 2);
            r.line = sqlite3_column_int(st, 3);
            r.state = col_str(st, 4);
            r.target = col_str(st, 5);
            r.prev_source = col_text(st, 6);
            r.revision = sqlite3_column_int(st, 7);
            rc = fn(&r, payload);
        }
        if (rc == YK_OK && step_rc != SQLITE_DONE)
            rc = db_error(s, "listing segments");
    }
    sqlite3_finalize(st);
    for (i = 0; i < ndocs; i++) {
        free(docs[i].chapter);
        free(docs[i].path);
    }
    free(docs);
    return rc;
}

/*
 * A document none of whose segments is translated (a chapter nobody has
 * started, a language just added) is answered without reading its segments
 * one by one, which was nine tenths of what building an untranslated
 * edition asked of the database.  Whether any is translated stops at the
 * first that is; the count reads only the index.
 */
static const char sql_document_has_targets[] =
    "SELECT EXISTS (SELECT 1 FROM segments s JOIN translations t ON t.segment_id = s.id "
    "AND t.lang = ?2 WHERE s.document_id = ?1 AND s.archived = 0 "
    "AND t.state IN ('translated', 'reviewed'))";
static const char sql_document_segment_count[] =
    "SELECT COUNT(*) FROM segments WHERE document_id = ?1 AND archived = 0";

/* The single integer 'sql' gives for the document (and language), or -1. */
static int64_t document_number(yk_store *s, const char *sql, int64_t document_id,
                               const char *lang)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql);
    int64_t v = -1;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, document_id);
    if (lang)
        bind_text(st, 2, lang);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    if (sqlite3_reset(st) != SQLITE_OK)
        v = -1;
    return v;
}

static const char sql_language_translated[] =
    "SELECT EXISTS (SELECT 1 FROM translations WHERE lang = ?1 "
    "AND state IN ('translated', 'reviewed'))";

int yk_store_language_translated(yk_store *s, const char *lang)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_language_translated);
    int rc, yes = 0;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, lang);
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        yes = sqlite3_column_int(st, 0) != 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? yes : yk_store_db_error(s, "reading translations");
}

int yk_store_document_no_targets(yk_store *s, int64_t document_id,
                                 int (*fn)(const char *target, size_t len, void *payload),
                                 void *payload)
{
    int64_t n = document_number(s, sql_document_segment_count, document_id, NULL), i;
    int rc;
    if (n < 0)
        return yk_store_db_error(s, "counting segments");
    for (i = 0; i < n; i++)
        if ((rc = fn(NULL, 0, payload)) != 0)
            return rc;
    return YK_OK;
}

int yk_store_document_targets(yk_store *s, int64_t document_id, const char *lang,
                              int (*fn)(const char *target, size_t len, void *payload),
                              void *payload)
{
    sqlite3_stmt *st;
    int64_t any = document_number(s, sql_document_has_targets, document_id, lang);

    if (any < 0)
        return yk_store_db_error(s, "reading translations");
    if (!any)
        return yk_store_document_no_targets(s, document_id, fn, payload);
    if (!(st = stmt(s, S_DOC_TARGETS)))
        return YK_EDB;
    sqlite3_bind_int64(st, 1, document_id);
    bind_text(st, 2, lang);
    FOREACH_ROW(s, st, "reading translations", {
        cb_rc_ = fn(col_text(st, 0), (size_t)sqlite3_column_bytes(st, 0), payload);
    });
    return YK_OK;
}

int yk_store_chapters(yk_store *s, int (*fn)(const yk_store_chapter_row *r, void *payload),
                      void *payload)
{
    sqlite3_stmt *st = stmt(s, S_CHAPTERS);
    if (!st)
        return YK_EDB;
    FOREACH_ROW(s, st, "listing chapters", {
        yk_store_chapter_row r;
        r.name = col_str(st, 0);
        r.id = sqlite3_column_int64(st, 1);
        r.documents = (size_t)sqlite3_column_int64(st, 2);
        r.segments = (size_t)sqlite3_column_int64(st, 3);
        r.paths = col_str(st, 4);
        cb_rc_ = fn(&r, payload);
    });
    return YK_OK;
}

int yk_store_progress(yk_store *s, const char *lang,
                      int (*fn)(const yk_store_progress_row *r, void *payload), void *payload)
{
    sqlite3_stmt *st = stmt(s, S_PROGRESS);
    if (!st)
        return YK_EDB;
    bind_text(st, 1, lang);
    FOREACH_ROW(s, st, "computing progress", {
        yk_store_progress_row r;
        r.chapter = col_str(st, 0);
        r.total = (size_t)sqlite3_column_int64(st, 1);
        r.new_ = (size_t)sqlite3_column_int64(st, 2);
        r.fuzzy = (size_t)sqlite3_column_int64(st, 3);
        r.translated = (size_t)sqlite3_column_int64(st, 4);
        r.reviewed = (size_t)sqlite3_column_int64(st, 5);
        cb_rc_ = fn(&r, payload);
    });
    return YK_OK;
}

/*
 * The page cache a walk that reads the project once needs is the b-trees'
 * upper pages, which every document's lookups pass through; the rest (a
 * document's content, its segments and translations, the progress scan of
 * the whole table) is read once.  With the connection's usual cache (sized
 * for adding and importing) those pages stayed cached until it was full,
 * and without mmap that was most of a build's memory: 27 MB for a 10 MB
 * project, 41 MB for 20 MB; a check's 49 MB held 33 of the cache.  A small
 * cache evicts them, least recently used first, and keeps the upper pages.
 * The walk's statements run one after the other (a document at a time), so
 * without a transaction an export running while an import commits showed
 * half of it.
 */
#define READ_ONCE_CACHE "PRAGMA cache_size = -2048"

int yk_store_read_once_begin(yk_store *s, yk_store_read_once *ro)
{
    int rc;
    memset(ro, 0, sizeof(*ro));
    ro->cache_set = query_int64(&ro->cache, s, "PRAGMA cache_size", "setting the page cache") ==
                        YK_OK &&
                    sqlite3_exec(s->db, READ_ONCE_CACHE, NULL, NULL, NULL) == SQLITE_OK;
    if (!ro->cache_set)
        yk_error_clear();
    if (s->in_tx)
        return YK_OK;
    if ((rc = yk_store_begin(s, 0)) == YK_OK)
        ro->started = 1;
    else
        yk_store_read_once_end(s, ro); /* the cache back: nothing to end */
    return rc;
}

/* Failing to restore loses nothing but speed: the setting lives as long as
 * the connection.  The walk wrote nothing: ending its transaction either
 * way is the same, and rollback cannot fail. */
void yk_store_read_once_end(yk_store *s, yk_store_read_once *ro)
{
    if (ro->started)
        yk_store_rollback(s);
    if (ro->cache_set) {
        /* a PRAGMA takes no bound parameter; the number is SQLite's own */
        char sql[48];
        snprintf(sql, sizeof(sql), "PRAGMA cache_size = %lld", (long long)ro->cache);
        sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    }
    ro->started = ro->cache_set = 0;
}
