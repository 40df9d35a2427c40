/*
 * Store: the tm tables and their statements (see store/tm.h).  Triggers on
 * `translations` copy every translated or reviewed target into tm_units, so
 * the memory is complete whichever code path writes translations; the
 * gram index is appended by the tm module (it knows the normalisation).
 */
#include "store/tm.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The body shared by the insert and update triggers: upsert the unit of
 * (segment, pair, source); a corrected target replaces the old one, a new
 * source (after the source changed) is a new unit and the old pair stays. */
#define TM_TRIGGER_BODY                                                                            \
    "BEGIN"                                                                                        \
    /* not INSERT OR IGNORE: inside a trigger fired by an upsert the outer   \
     * statement's conflict handling wins and the insert fails */            \
    "  INSERT INTO tm_pairs(src, tgt)"                                                             \
    "    SELECT m.value, NEW.lang FROM meta m WHERE m.key = 'source' AND NOT EXISTS"               \
    "      (SELECT 1 FROM tm_pairs q WHERE q.src = m.value AND q.tgt = NEW.lang);"                 \
    "  INSERT INTO tm_units(pair, source, target, origin, project, file, translator,"              \
    "                       created_at, chapter, segment_id)"                                      \
    "    SELECT p.id, s.source, NEW.target, 'project',"                                            \
    "           (SELECT value FROM meta WHERE key = 'title'), d.path, NEW.updated_by,"             \
    "           NEW.updated_at, c.name, s.id"                                                      \
    "    FROM segments s JOIN chapters c ON c.id = s.chapter_id"                                   \
    "    JOIN documents d ON d.id = s.document_id"                                                 \
    "    JOIN tm_pairs p ON p.tgt = NEW.lang"                                                      \
    "      AND p.src = (SELECT value FROM meta WHERE key = 'source')"                              \
    "    WHERE s.id = NEW.segment_id"                                                              \
    "    ON CONFLICT(segment_id, pair, source) WHERE segment_id IS NOT NULL DO UPDATE SET"         \
    "      target = excluded.target, translator = excluded.translator,"                            \
    "      created_at = excluded.created_at, file = excluded.file, chapter = excluded.chapter;"    \
    "END;"

const char yk_store_migration_tm[] =
    "CREATE TABLE tm_pairs(id INTEGER PRIMARY KEY, src TEXT NOT NULL, tgt TEXT NOT NULL,"
    "  UNIQUE (src, tgt));"
    "CREATE TABLE tm_units(id INTEGER PRIMARY KEY,"
    "  pair INTEGER NOT NULL REFERENCES tm_pairs(id),"
    "  source TEXT NOT NULL, target TEXT NOT NULL, source_xml TEXT, target_xml TEXT,"
    "  norm TEXT, ntok INTEGER,"
    "  origin TEXT NOT NULL CHECK (origin IN ('project', 'tmx')),"
    "  project TEXT, file TEXT, translator TEXT, created_at TEXT NOT NULL, chapter TEXT,"
    "  segment_id INTEGER, uhash INTEGER);"
    "CREATE UNIQUE INDEX tm_units_by_segment ON tm_units(segment_id, pair, source)"
    "  WHERE segment_id IS NOT NULL;"
    "CREATE INDEX tm_units_by_hash ON tm_units(uhash) WHERE uhash IS NOT NULL;"
    "CREATE INDEX tm_units_pending ON tm_units(id) WHERE norm IS NULL;"
    /* n: ids in the chunk; last: the largest, so appending needs no decoding */
    "CREATE TABLE tm_postings(gram INTEGER NOT NULL, chunk INTEGER NOT NULL,"
    "  n INTEGER NOT NULL, last INTEGER NOT NULL, ids BLOB NOT NULL,"
    "  PRIMARY KEY (gram, chunk)) WITHOUT ROWID;"
    "CREATE TRIGGER tm_translation_insert AFTER INSERT ON translations"
    "  WHEN NEW.state IN ('translated', 'reviewed') AND NEW.target <> '' " TM_TRIGGER_BODY
    "CREATE TRIGGER tm_translation_update AFTER UPDATE OF target, state ON translations"
    "  WHEN NEW.state IN ('translated', 'reviewed') AND NEW.target <> '' " TM_TRIGGER_BODY
    /* a database that already holds translations gets them in its memory */
    "INSERT OR IGNORE INTO tm_pairs(src, tgt)"
    "  SELECT DISTINCT m.value, t.lang FROM translations t JOIN meta m ON m.key = 'source'"
    "  WHERE t.state IN ('translated', 'reviewed');"
    "INSERT OR IGNORE INTO tm_units(pair, source, target, origin, project, file, translator,"
    "  created_at, chapter, segment_id)"
    "  SELECT p.id, s.source, t.target, 'project', (SELECT value FROM meta WHERE key = 'title'),"
    "    d.path, t.updated_by, t.updated_at, c.name, s.id"
    "  FROM translations t JOIN segments s ON s.id = t.segment_id"
    "  JOIN chapters c ON c.id = s.chapter_id JOIN documents d ON d.id = s.document_id"
    "  JOIN tm_pairs p ON p.tgt = t.lang AND p.src = (SELECT value FROM meta WHERE key = 'source')"
    "  WHERE t.state IN ('translated', 'reviewed') AND t.target <> '';";

static const char SQL_PAIRS[] = "SELECT id, src, tgt FROM tm_pairs ORDER BY id";
static const char SQL_PAIR_FIND[] = "SELECT id FROM tm_pairs WHERE src = ?1 AND tgt = ?2";
static const char SQL_PAIR_ADD[] = "INSERT INTO tm_pairs(src, tgt) VALUES (?1, ?2)";
static const char SQL_UNIT_EXISTS[] =
    "SELECT 1 FROM tm_units WHERE uhash = ?1 AND pair = ?2 AND source = ?3 AND target = ?4 "
    "AND source_xml IS ?5 AND target_xml IS ?6 LIMIT 1";
static const char SQL_UNIT_INSERT[] =
    "INSERT INTO tm_units(pair, source, target, source_xml, target_xml, norm, ntok, origin, "
    "project, file, translator, created_at, chapter, segment_id, uhash) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
static const char SQL_UNIT_SET_NORM[] = "UPDATE tm_units SET norm = ?2, ntok = ?3 WHERE id = ?1";
#define UNIT_COLUMNS                                                                               \
    "u.id, u.pair, p.src, p.tgt, u.source, u.target, u.source_xml, u.target_xml, u.norm, "        \
    "u.ntok, u.origin, u.project, u.file, u.translator, u.created_at, u.chapter, u.segment_id, "  \
    "u.uhash FROM tm_units u JOIN tm_pairs p ON p.id = u.pair "
static const char SQL_UNIT_GET[] = "SELECT " UNIT_COLUMNS "WHERE u.id = ?1";
static const char SQL_UNIT_NORM[] = "SELECT pair, ntok, norm FROM tm_units WHERE id = ?1";
static const char SQL_PENDING[] =
    "SELECT " UNIT_COLUMNS "WHERE u.norm IS NULL AND u.id > ?1 ORDER BY u.id LIMIT ?2";
static const char SQL_UNITS_ALL[] = "SELECT " UNIT_COLUMNS "ORDER BY u.id";
static const char SQL_COUNT[] = "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM tm_units";
static const char SQL_LAST_CHUNK[] =
    "SELECT chunk, n, last, ids FROM tm_postings WHERE gram = ?1 ORDER BY chunk DESC LIMIT 1";
static const char SQL_CHUNK_PUT[] =
    "INSERT OR REPLACE INTO tm_postings(gram, chunk, n, last, ids) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_POSTINGS_COUNT[] = "SELECT COALESCE(SUM(n), 0) FROM tm_postings "
                                         "WHERE gram = ?1";
static const char SQL_POSTINGS[] = "SELECT ids, n FROM tm_postings WHERE gram = ?1 ORDER BY chunk";
static const char SQL_NOTE_SET[] =
    "UPDATE history SET note = ?3 WHERE id = (SELECT MAX(id) FROM history "
    "WHERE segment_id = ?1 AND lang = ?2)";
static const char SQL_PREV_SET[] =
    "UPDATE translations SET prev_source = ?3 WHERE segment_id = ?1 AND lang = ?2";
static const char SQL_NOTE_GET[] =
    "SELECT h.note FROM segments s JOIN chapters c ON c.id = s.chapter_id "
    "JOIN translations t ON t.segment_id = s.id AND t.lang = ?3 "
    "JOIN history h ON h.segment_id = s.id AND h.lang = t.lang AND h.revision = t.revision "
    "WHERE c.name = ?1 AND s.n = ?2 AND s.archived = 0 AND h.action = 'pretranslate' "
    "ORDER BY h.id DESC LIMIT 1";





/* It mapped up to 1 GiB of the database and kept a 64 MiB cache: the pages
 * lookups touch stayed in the process, 404 MB for a memory of a million
 * units.  With the store's 32 MiB window and an 8 MiB cache the same 1000
 * lookups (bench/tm_lookup) take 66 MB, median 0.59 -> 0.78 ms, mean
 * 7.3 -> 9.1 ms; at 100k units 0.138 -> 0.144 ms.  A 64 MiB cache was
 * slower than 8 (0.84 ms) and twice the memory. */
void yk_store_tm_tune_reads(yk_store *s)
{
    sqlite3_exec(yk_store_db(s), "PRAGMA cache_size = -8192", NULL, NULL, NULL);
}

int yk_store_tm_read_begin(yk_store *s)
{
    if (!sqlite3_get_autocommit(yk_store_db(s)))
        return 0;
    return sqlite3_exec(yk_store_db(s), "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void yk_store_tm_read_end(yk_store *s, int began)
{
    /* yk_store_tm_unit_norm leaves its statement on a row, and a statement
     * still stepping keeps the read snapshot after COMMIT: the connection's
     * next BEGIN IMMEDIATE then fails with SQLITE_BUSY as soon as anyone else
     * has written (yaku translate, whose editor stays open after the TM
     * lookups).  yk_store_stmt() resets it. */
    yk_store_stmt(s, SQL_UNIT_NORM);
    if (began)
        sqlite3_exec(yk_store_db(s), "COMMIT", NULL, NULL, NULL);
}

int yk_store_tm_pairs(yk_store *s, int (*fn)(const yk_store_tm_pair *p, void *payload),
                      void *payload)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_PAIRS);
    int rc, cb = 0;
    if (!st)
        return YK_EDB;
    while (cb == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        yk_store_tm_pair p;
        p.id = sqlite3_column_int64(st, 0);
        p.src = col_str(st, 1);
        p.tgt = col_str(st, 2);
        cb = fn(&p, payload);
    }
    sqlite3_reset(st);
    if (cb)
        return cb;
    return rc == SQLITE_DONE ? YK_OK : yk_store_db_error(s, "reading memory languages");
}

int yk_store_tm_pair_ensure(int64_t *out, yk_store *s, const char *src, const char *tgt)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_PAIR_FIND);
    int rc;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, src);
    bind_text(st, 2, tgt);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return YK_OK;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return yk_store_db_error(s, "reading memory languages");
    if (!(st = yk_store_stmt(s, SQL_PAIR_ADD)))
        return YK_EDB;
    bind_text(st, 1, src);
    bind_text(st, 2, tgt);
    if ((rc = step_done(s, st, "adding a memory language pair")) < 0)
        return rc;
    *out = sqlite3_last_insert_rowid(yk_store_db(s));
    return YK_OK;
}

int yk_store_tm_unit_exists(int *out, yk_store *s, const yk_store_tm_unit *u)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_UNIT_EXISTS);
    int rc;
    *out = 0;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, u->uhash);
    sqlite3_bind_int64(st, 2, u->pair);
    bind_text(st, 3, u->source);
    bind_text(st, 4, u->target);
    bind_text(st, 5, u->source_xml);
    bind_text(st, 6, u->target_xml);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        *out = 1;
    else if (rc != SQLITE_DONE)
        return yk_store_db_error(s, "reading the memory");
    return YK_OK;
}

int yk_store_tm_unit_insert(int64_t *out, yk_store *s, const yk_store_tm_unit *u)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_UNIT_INSERT);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, u->pair);
    bind_text(st, 2, u->source);
    bind_text(st, 3, u->target);
    bind_text(st, 4, u->source_xml);
    bind_text(st, 5, u->target_xml);
    bind_text(st, 6, u->norm);
    if (u->norm)
        sqlite3_bind_int(st, 7, u->ntok);
    bind_text(st, 8, u->origin);
    bind_text(st, 9, u->project);
    bind_text(st, 10, u->file);
    bind_text(st, 11, u->translator);
    bind_text(st, 12, u->date);
    bind_text(st, 13, u->chapter);
    if (u->segment_id)
        sqlite3_bind_int64(st, 14, u->segment_id);
    sqlite3_bind_int64(st, 15, u->uhash);
    if ((rc = step_done(s, st, "adding to the memory")) < 0)
        return rc;
    *out = sqlite3_last_insert_rowid(yk_store_db(s));
    return YK_OK;
}

int yk_store_tm_unit_set_norm(yk_store *s, int64_t id, const char *norm, int ntok)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_UNIT_SET_NORM);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, norm);
    sqlite3_bind_int(st, 3, ntok);
    return step_done(s, st, "indexing the memory");
}

static void read_unit(yk_store_tm_unit *u, sqlite3_stmt *st)
{
    u->id = sqlite3_column_int64(st, 0);
    u->pair = sqlite3_column_int64(st, 1);
    u->src_lang = col_str(st, 2);
    u->tgt_lang = col_str(st, 3);
    u->source = col_str(st, 4);
    u->target = col_str(st, 5);
    u->source_xml = col_text(st, 6);
    u->target_xml = col_text(st, 7);
    u->norm = col_text(st, 8);
    u->ntok = sqlite3_column_int(st, 9);
    u->origin = col_str(st, 10);
    u->project = col_text(st, 11);
    u->file = col_text(st, 12);
    u->translator = col_text(st, 13);
    u->date = col_text(st, 14);
    u->chapter = col_text(st, 15);
    u->segment_id = sqlite3_column_int64(st, 16);
    u->uhash = sqlite3_column_int64(st, 17);
}

static int units_loop(yk_store *s, sqlite3_stmt *st, int own,
                      int (*fn)(const yk_store_tm_unit *u, void *payload), void *payload,
                      int *found)
{
    int rc, cb = 0;
    while (cb == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        yk_store_tm_unit u;
        read_unit(&u, st);
        if (found)
            *found = 1;
        cb = fn(&u, payload);
    }
    if (own)
        sqlite3_finalize(st);
    else
        sqlite3_reset(st);
    if (cb)
        return cb;
    return rc == SQLITE_DONE ? YK_OK : yk_store_db_error(s, "reading the memory");
}

int yk_store_tm_unit_get(yk_store *s, int64_t id,
                         int (*fn)(const yk_store_tm_unit *u, void *payload), void *payload)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_UNIT_GET);
    int found = 0, rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    if ((rc = units_loop(s, st, 0, fn, payload, &found)) != YK_OK)
        return rc;
    return found ? YK_OK : YK_ENOTFOUND;
}

int yk_store_tm_unit_norm(int64_t *pair, int *ntok, const char **norm, size_t *len, yk_store *s,
                          int64_t id)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_UNIT_NORM);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        /* the statement stays on the row: the text lives until the next call */
        *pair = sqlite3_column_int64(st, 0);
        *ntok = sqlite3_column_int(st, 1);
        *norm = col_str(st, 2);
        *len = (size_t)sqlite3_column_bytes(st, 2);
        return YK_OK;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? YK_ENOTFOUND : yk_store_db_error(s, "reading the memory");
}

int yk_store_tm_pending(yk_store *s, int64_t after, int limit,
                        int (*fn)(const yk_store_tm_unit *u, void *payload), void *payload)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_PENDING);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int(st, 2, limit);
    return units_loop(s, st, 0, fn, payload, NULL);
}

int yk_store_tm_units_foreach(yk_store *s, int (*fn)(const yk_store_tm_unit *u, void *payload),
                              void *payload)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(yk_store_db(s), SQL_UNITS_ALL, -1, &st, NULL) != SQLITE_OK)
        return yk_store_db_error(s, "reading the memory");
    return units_loop(s, st, 1, fn, payload, NULL);
}

int yk_store_tm_count(int64_t *count, int64_t *max_id, yk_store *s)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_COUNT);
    int rc;
    if (!st)
        return YK_EDB;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *count = sqlite3_column_int64(st, 0);
        *max_id = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? YK_OK : yk_store_db_error(s, "counting the memory");
}

static void put_varint(yk_buf *b, uint64_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        tmp[n] = (unsigned char)(v & 0x7f);
        v >>= 7;
        if (v)
            tmp[n] |= 0x80;
        n++;
    } while (v);
    yk_buf_put(b, tmp, n);
}

static int chunk_put(yk_store *s, int64_t gram, int64_t chunk, size_t n, int64_t last,
                     const yk_buf *ids)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_CHUNK_PUT);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, gram);
    sqlite3_bind_int64(st, 2, chunk);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)n);
    sqlite3_bind_int64(st, 4, last);
    sqlite3_bind_blob64(st, 5, ids->buf, ids->len, SQLITE_STATIC);
    return step_done(s, st, "writing the memory index");
}

int yk_store_tm_postings_append(yk_store *s, int64_t gram, const int64_t *ids, size_t n)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_LAST_CHUNK);
    yk_buf blob = YK_BUF_INIT;
    int64_t chunk = 0, last = 0;
    size_t have = 0, i = 0;
    int rc = YK_OK, step;

    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, gram);
    step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        chunk = sqlite3_column_int64(st, 0);
        have = (size_t)sqlite3_column_int64(st, 1);
        last = sqlite3_column_int64(st, 2);
        if (have < YK_STORE_TM_CHUNK_MAX)
            yk_buf_put(&blob, sqlite3_column_blob(st, 3), (size_t)sqlite3_column_bytes(st, 3));
    }
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return yk_store_db_error(s, "reading the memory index");
    if (step == SQLITE_ROW && have >= YK_STORE_TM_CHUNK_MAX) {
        chunk++;
        have = 0;
    }
    while (i < n && rc == YK_OK) {
        for (; i < n && have < YK_STORE_TM_CHUNK_MAX; i++, have++) {
            int64_t d = ids[i] - (have ? last : 0);
            put_varint(&blob, ((uint64_t)d << 1) ^ (uint64_t)(d >> 63)); /* zigzag */
            last = ids[i];
        }
        rc = chunk_put(s, gram, chunk, have, last, &blob);
        yk_buf_clear(&blob);
        chunk++;
        have = 0;
    }
    yk_buf_release(&blob);
    return rc;
}

int yk_store_tm_postings_count(int64_t *out, yk_store *s, int64_t gram)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_POSTINGS_COUNT);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, gram);
    rc = sqlite3_step(st);
    *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? YK_OK : yk_store_db_error(s, "reading the memory index");
}

int yk_store_tm_postings_foreach(yk_store *s, int64_t gram,
                                 int (*fn)(const unsigned char *ids, size_t len, size_t n,
                                           void *payload),
                                 void *payload)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_POSTINGS);
    int rc, cb = 0;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, gram);
    while (cb == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
        cb = fn(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                (size_t)sqlite3_column_int64(st, 1), payload);
    sqlite3_reset(st);
    if (cb)
        return cb;
    return rc == SQLITE_DONE ? YK_OK : yk_store_db_error(s, "reading the memory index");
}

int yk_store_tm_note_set(yk_store *s, int64_t segment_id, const char *lang, const char *note,
                         const char *prev_source)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_NOTE_SET);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, note);
    if ((rc = step_done(s, st, "writing history")) < 0)
        return rc;
    if (!(st = yk_store_stmt(s, SQL_PREV_SET)))
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, prev_source);
    return step_done(s, st, "writing a translation");
}

int yk_store_tm_note_get(char **out, yk_store *s, const char *chapter, int n, const char *lang)
{
    sqlite3_stmt *st = yk_store_stmt(s, SQL_NOTE_GET);
    int rc;
    *out = NULL;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, chapter);
    sqlite3_bind_int(st, 2, n);
    bind_text(st, 3, lang);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && col_text(st, 0))
        *out = yk_xstrdup(col_text(st, 0));
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? YK_OK : yk_store_db_error(s, "reading history");
}
