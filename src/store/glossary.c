/*
 * Store: the glossary tables and their statements.  Terms of every
 * language sit side by side under their concept, so one glossary serves
 * any source → target pair (zh-Hans → ja, en → ko, ...).
 */
#include "store/glossary.h"

#include <stdio.h>
#include <string.h>

#include "store/store_internal.h"
#include "util/banned.h"

const char yk_store_migration_glossary[] =
    "CREATE TABLE glossary_concepts(id INTEGER PRIMARY KEY, concept TEXT NOT NULL UNIQUE,"
    "  note TEXT, added_at TEXT NOT NULL, added_by TEXT NOT NULL);"
    "CREATE TABLE glossary_terms(id INTEGER PRIMARY KEY,"
    "  concept_id INTEGER NOT NULL REFERENCES glossary_concepts(id) ON DELETE CASCADE,"
    "  lang TEXT NOT NULL, term TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('approved', 'forbidden')),"
    "  case_sensitive INTEGER NOT NULL DEFAULT 0, pos TEXT, note TEXT,"
    "  UNIQUE (concept_id, lang, term));"
    "CREATE INDEX glossary_terms_by_lang ON glossary_terms(lang, status, concept_id);"
    "CREATE INDEX glossary_terms_by_term ON glossary_terms(lang, term);";

static const char sql_find[] = "SELECT id FROM glossary_concepts WHERE concept = ?1";
static const char sql_by_term[] = "SELECT concept_id FROM glossary_terms WHERE lang = ?1 AND "
                                  "term = ?2 AND status = 'approved' ORDER BY concept_id LIMIT 1";
static const char sql_insert[] = "INSERT INTO glossary_concepts(concept, note, added_at, added_by) "
                                 "VALUES (?1, ?2, ?3, ?4)";
static const char sql_next_key[] = "SELECT COALESCE(MAX(id), 0) + 1 FROM glossary_concepts";
static const char sql_set_note[] = "UPDATE glossary_concepts SET note = ?2 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM glossary_terms WHERE concept_id = ?1 AND "
                                 "(?2 IS NULL OR lang = ?2) AND (?3 IS NULL OR status = ?3)";
static const char sql_put[] =
    "INSERT INTO glossary_terms(concept_id, lang, term, status, case_sensitive, pos, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(concept_id, lang, term) DO UPDATE SET "
    "status = excluded.status, case_sensitive = excluded.case_sensitive, pos = excluded.pos, "
    "note = excluded.note";
static const char sql_terms[] =
    "SELECT t.id, t.concept_id, c.concept, c.note, t.lang, t.term, t.pos, t.note, "
    "t.status = 'forbidden', t.case_sensitive FROM glossary_terms t "
    "JOIN glossary_concepts c ON c.id = t.concept_id "
    "WHERE (?1 IS NULL OR t.lang = ?1) AND (?2 = 0 OR t.status = 'approved') "
    "ORDER BY t.concept_id, t.id";

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static int one_id(int64_t *out, yk_store *s, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        return YK_OK;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return YK_ENOTFOUND;
    return yk_store_db_error(s, "reading the glossary");
}

static int done(yk_store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return yk_store_db_error(s, what);
    return YK_OK;
}

int yk_store_glossary_concept_find(int64_t *out, yk_store *s, const char *key)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_find);
    if (!st)
        return YK_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    return one_id(out, s, st);
}

int yk_store_glossary_concept_by_term(int64_t *out, yk_store *s, const char *lang,
                                      const char *term)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_by_term);
    if (!st)
        return YK_EDB;
    sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, term, -1, SQLITE_STATIC);
    return one_id(out, s, st);
}

int yk_store_glossary_concept_insert(int64_t *out, yk_store *s, const char *key,
                                     const char *note, const char *who, const char *at)
{
    char made[32];
    sqlite3_stmt *st;
    int rc;

    if (!key) {
        int64_t next, tmp;
        if (!(st = yk_store_stmt(s, sql_next_key)))
            return YK_EDB;
        if ((rc = one_id(&next, s, st)) < 0)
            return rc;
        /* a user may have taken "gN" for a concept of their own */
        for (;; next++) {
            snprintf(made, sizeof(made), "g%lld", (long long)next);
            rc = yk_store_glossary_concept_find(&tmp, s, made);
            if (rc == YK_ENOTFOUND)
                break;
            if (rc < 0)
                return rc;
        }
        key = made;
    }
    if (!(st = yk_store_stmt(s, sql_insert)))
        return YK_EDB;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    bind_opt(st, 2, note);
    sqlite3_bind_text(st, 3, at, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, who, -1, SQLITE_STATIC);
    if ((rc = done(s, st, "adding a glossary concept")) < 0)
        return rc;
    *out = sqlite3_last_insert_rowid(yk_store_db(s));
    return YK_OK;
}

int yk_store_glossary_concept_set_note(yk_store *s, int64_t id, const char *note)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_set_note);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    bind_opt(st, 2, note);
    return done(s, st, "updating a glossary concept");
}

int yk_store_glossary_terms_delete(yk_store *s, int64_t concept_id, const char *lang,
                                   const char *status)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_delete);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, concept_id);
    bind_opt(st, 2, lang);
    bind_opt(st, 3, status);
    return done(s, st, "removing glossary terms");
}

int yk_store_glossary_term_put(yk_store *s, int64_t concept_id, const char *lang,
                               const char *term, int forbidden, int case_sensitive,
                               const char *pos, const char *note)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_put);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, concept_id);
    sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, term, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, forbidden ? "forbidden" : "approved", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, case_sensitive != 0);
    bind_opt(st, 6, pos);
    bind_opt(st, 7, note);
    return done(s, st, "adding a glossary term");
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

int yk_store_glossary_terms(yk_store *s, const char *lang, int approved_only,
                            int (*fn)(const yk_store_glossary_row *r, void *payload),
                            void *payload)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_terms);
    int rc;
    if (!st)
        return YK_EDB;
    bind_opt(st, 1, lang);
    sqlite3_bind_int(st, 2, approved_only != 0);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        yk_store_glossary_row r;
        int frc;
        r.term_id = sqlite3_column_int64(st, 0);
        r.concept_id = sqlite3_column_int64(st, 1);
        r.concept = col(st, 2);
        r.concept_note = col(st, 3);
        r.lang = col(st, 4);
        r.term = col(st, 5);
        r.pos = col(st, 6);
        r.note = col(st, 7);
        r.forbidden = sqlite3_column_int(st, 8);
        r.case_sensitive = sqlite3_column_int(st, 9);
        if ((frc = fn(&r, payload)) != 0) {
            sqlite3_reset(st);
            return frc;
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return yk_store_db_error(s, "reading the glossary");
    return YK_OK;
}
