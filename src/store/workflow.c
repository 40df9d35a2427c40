/*
 * Store: the workflow tables and their statements.  Claims live in two
 * tables: `claims` (a chapter claim, or the head of a --next batch) and
 * `claim_segments` (the segments of a batch).  Partial unique indexes make
 * "one holder" a property of the schema, so even a caller that forgot its
 * transaction cannot give a chapter or a segment to two people; the
 * transaction (BEGIN IMMEDIATE) makes the read-decide-write of a claim
 * atomic.  Closed claims are kept (active = 0) with who closed them and why.
 */
#include "store/workflow.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"
#include "util/error.h"
#include "util/xalloc.h"

const char yk_store_migration_workflow[] =
    "CREATE TABLE claims(id INTEGER PRIMARY KEY,"
    "  chapter_id INTEGER REFERENCES chapters(id),"
    "  lang TEXT NOT NULL REFERENCES languages(lang), holder TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('translator', 'reviewer')),"
    "  batch INTEGER NOT NULL DEFAULT 0, claimed_at TEXT NOT NULL, expires_at TEXT NOT NULL,"
    "  active INTEGER NOT NULL DEFAULT 1, closed_at TEXT, closed_by TEXT, close_reason TEXT,"
    "  CHECK ((batch = 0) = (chapter_id IS NOT NULL)));"
    "CREATE UNIQUE INDEX claims_one_per_chapter ON claims(chapter_id, lang, kind)"
    "  WHERE active = 1 AND batch = 0;"
    "CREATE INDEX claims_by_holder ON claims(holder, lang, active);"
    "CREATE TABLE claim_segments(claim_id INTEGER NOT NULL REFERENCES claims(id),"
    "  segment_id INTEGER NOT NULL REFERENCES segments(id), lang TEXT NOT NULL,"
    "  active INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (claim_id, segment_id));"
    "CREATE UNIQUE INDEX claim_segments_one ON claim_segments(segment_id, lang)"
    "  WHERE active = 1;"
    "CREATE TABLE review_notes(segment_id INTEGER NOT NULL REFERENCES segments(id),"
    "  lang TEXT NOT NULL, revision INTEGER NOT NULL, note TEXT NOT NULL,"
    "  who TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (segment_id, lang));"
    "CREATE INDEX history_by_lang_action ON history(lang, action);";

static const char sql_member_role[] = "SELECT role FROM members WHERE user = ?1";
static const char sql_member_count[] = "SELECT COUNT(*) FROM members WHERE role = ?1";
static const char sql_members[] = "SELECT user, role, added_at FROM members ORDER BY added_at, rowid";

#define CLAIM_COLUMNS                                                                              \
    "SELECT cl.id, COALESCE(c.name, (SELECT c2.name FROM claim_segments cs JOIN segments s ON "    \
    "s.id = cs.segment_id JOIN chapters c2 ON c2.id = s.chapter_id WHERE cs.claim_id = cl.id AND " \
    "cs.active = 1 ORDER BY c2.position, s.n LIMIT 1), ''), cl.lang, cl.holder, cl.kind, "         \
    "cl.batch, (SELECT COUNT(*) FROM claim_segments cs WHERE cs.claim_id = cl.id AND "             \
    "cs.active = 1), cl.claimed_at, cl.expires_at FROM claims cl "                                 \
    "LEFT JOIN chapters c ON c.id = cl.chapter_id "

static const char sql_claim_of_chapter[] =
    CLAIM_COLUMNS "WHERE cl.chapter_id = ?1 AND cl.lang = ?2 AND cl.kind = ?3 AND cl.active = 1 "
                  "AND cl.batch = 0";
static const char sql_claim_insert[] =
    "INSERT INTO claims(chapter_id, lang, holder, kind, batch, claimed_at, expires_at) "
    "VALUES (NULLIF(?1, 0), ?2, ?3, ?4, ?1 = 0, ?5, ?6)";
static const char sql_claim_renew[] = "UPDATE claims SET expires_at = ?2 WHERE id = ?1";
static const char sql_claim_close[] =
    "UPDATE claims SET active = 0, closed_at = ?2, closed_by = ?3, close_reason = ?4 "
    "WHERE id = ?1 AND active = 1";
static const char sql_claim_close_segments[] =
    "UPDATE claim_segments SET active = 0 WHERE claim_id = ?1 AND active = 1";
static const char sql_batch_close_in_chapter[] =
    "UPDATE claim_segments SET active = 0 WHERE active = 1 AND lang = ?2 "
    "AND segment_id IN (SELECT id FROM segments WHERE chapter_id = ?1) "
    "AND claim_id IN (SELECT id FROM claims WHERE active = 1 AND batch = 1 "
    "AND (?3 IS NULL OR holder = ?3) AND (?4 IS NULL OR holder <> ?4) "
    "AND (?5 IS NULL OR expires_at <= ?5))";
static const char sql_batch_close_empty[] =
    "UPDATE claims SET active = 0, closed_at = ?1, closed_by = ?2, close_reason = ?3 "
    "WHERE active = 1 AND batch = 1 AND NOT EXISTS (SELECT 1 FROM claim_segments cs "
    "WHERE cs.claim_id = claims.id AND cs.active = 1)";
static const char sql_batch_holders_in_chapter[] =
    "SELECT cl.holder, COUNT(*), MIN(s.n), MAX(s.n) FROM claim_segments cs "
    "JOIN claims cl ON cl.id = cs.claim_id JOIN segments s ON s.id = cs.segment_id "
    "WHERE cs.active = 1 AND cl.active = 1 AND s.chapter_id = ?1 AND cs.lang = ?2 "
    "AND cl.holder <> ?3 AND cl.expires_at > ?4 GROUP BY cl.holder ORDER BY MIN(cl.id)";
static const char sql_next_candidates[] =
    "SELECT s.id, c.name, s.n FROM segments s JOIN chapters c ON c.id = s.chapter_id "
    "JOIN documents d ON d.id = s.document_id "
    "LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = ?1 "
    "WHERE s.archived = 0 AND (?2 = 0 OR s.chapter_id = ?2) "
    "AND COALESCE(t.state, 'new') IN ('new', 'fuzzy') "
    "AND NOT EXISTS (SELECT 1 FROM claim_segments cs JOIN claims cl ON cl.id = cs.claim_id "
    "  WHERE cs.segment_id = s.id AND cs.lang = ?1 AND cs.active = 1 AND cl.expires_at > ?3) "
    "AND NOT EXISTS (SELECT 1 FROM claims cl WHERE cl.chapter_id = s.chapter_id "
    "  AND cl.lang = ?1 AND cl.kind = 'translator' AND cl.batch = 0 AND cl.active = 1 "
    "  AND cl.expires_at > ?3) "
    "ORDER BY c.position, d.position, s.ord LIMIT ?4";
static const char sql_batch_drop_expired[] =
    "UPDATE claim_segments SET active = 0 WHERE segment_id = ?1 AND lang = ?2 AND active = 1";
static const char sql_batch_add[] =
    "INSERT INTO claim_segments(claim_id, segment_id, lang) VALUES (?1, ?2, ?3)";
static const char sql_claims[] =
    CLAIM_COLUMNS "WHERE cl.active = 1 AND (?1 IS NULL OR cl.lang = ?1) "
                  "ORDER BY (SELECT position FROM languages l WHERE l.lang = cl.lang), "
                  "COALESCE(c.position, (SELECT MIN(c2.position) FROM claim_segments cs "
                  "JOIN segments s ON s.id = cs.segment_id JOIN chapters c2 ON "
                  "c2.id = s.chapter_id WHERE cs.claim_id = cl.id AND cs.active = 1)), "
                  "cl.batch, cl.kind, cl.id";
static const char sql_claims_of[] =
    CLAIM_COLUMNS "WHERE cl.active = 1 AND (?1 IS NULL OR cl.holder = ?1) AND cl.lang = ?2 "
                  "AND (?3 = 0 OR cl.chapter_id = ?3 OR EXISTS (SELECT 1 FROM claim_segments cs "
                  "JOIN segments s ON s.id = cs.segment_id WHERE cs.claim_id = cl.id AND "
                  "cs.active = 1 AND s.chapter_id = ?3)) ORDER BY cl.id";
static const char sql_segment_holders[] =
    "SELECT cl.holder, cl.expires_at, 0 FROM claims cl JOIN segments s ON "
    "s.chapter_id = cl.chapter_id WHERE s.id = ?1 AND cl.lang = ?2 AND cl.kind = 'translator' "
    "AND cl.batch = 0 AND cl.active = 1 "
    "UNION ALL SELECT cl.holder, cl.expires_at, 1 FROM claim_segments cs JOIN claims cl ON "
    "cl.id = cs.claim_id WHERE cs.segment_id = ?1 AND cs.lang = ?2 AND cs.active = 1 "
    "AND cl.active = 1";
static const char sql_held_segments[] =
    "SELECT c.name, s.n FROM claims cl JOIN segments s ON s.chapter_id = cl.chapter_id "
    "JOIN chapters c ON c.id = s.chapter_id WHERE cl.holder = ?1 AND cl.lang = ?2 "
    "AND cl.kind = 'translator' AND cl.batch = 0 AND cl.active = 1 AND cl.expires_at > ?3 "
    "AND s.archived = 0 UNION SELECT c.name, s.n FROM claim_segments cs JOIN claims cl ON "
    "cl.id = cs.claim_id JOIN segments s ON s.id = cs.segment_id JOIN chapters c ON "
    "c.id = s.chapter_id WHERE cl.holder = ?1 AND cs.lang = ?2 AND cs.active = 1 "
    "AND cl.active = 1 AND cl.expires_at > ?3 AND s.archived = 0";
static const char sql_chapter_reviewer[] =
    "SELECT holder FROM claims WHERE chapter_id = ?1 AND lang = ?2 AND kind = 'reviewer' "
    "AND batch = 0 AND active = 1 AND expires_at > ?3";
static const char sql_chapter_holder[] =
    "SELECT cl.holder FROM claims cl JOIN chapters c ON c.id = cl.chapter_id WHERE c.name = ?1 "
    "AND cl.lang = ?2 AND cl.kind = 'translator' AND cl.batch = 0 AND cl.active = 1 "
    "AND cl.expires_at > ?3";
static const char sql_chapter_batch_holders[] =
    "SELECT GROUP_CONCAT(holder, ', ') FROM (SELECT cl.holder AS holder FROM claim_segments cs "
    "JOIN claims cl ON cl.id = cs.claim_id JOIN segments s ON s.id = cs.segment_id "
    "JOIN chapters c ON c.id = s.chapter_id WHERE c.name = ?1 AND cs.lang = ?2 "
    "AND cs.active = 1 AND cl.active = 1 AND cl.expires_at > ?3 "
    "GROUP BY cl.holder ORDER BY MIN(cl.id))";
static const char sql_segment_ref[] =
    "SELECT s.id, s.chapter_id, c.name, s.n, s.archived, s.source, COALESCE(t.state, 'new'), "
    "COALESCE(t.target, ''), COALESCE(t.revision, 0) FROM segments s JOIN chapters c ON "
    "c.id = s.chapter_id LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = ?3 "
    "WHERE c.name = ?1 AND s.n = ?2";
static const char sql_tr_state[] =
    "UPDATE translations SET state = ?3, revision = revision + 1, updated_by = ?4, "
    "updated_at = ?5 WHERE segment_id = ?1 AND lang = ?2 RETURNING revision, target";
static const char sql_history_add[] =
    "INSERT INTO history(segment_id, lang, revision, state, target, who, at, action, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_history_target[] =
    "SELECT target FROM history WHERE segment_id = ?1 AND lang = ?2 AND revision = ?3 "
    "AND action NOT LIKE '%-conflict' ORDER BY id DESC LIMIT 1";
static const char sql_history[] =
    "SELECT lang, revision, state, target, who, at, action, note FROM history "
    "WHERE segment_id = ?1 AND (?2 IS NULL OR lang = ?2) ORDER BY id";
static const char sql_review_note_set[] =
    "INSERT INTO review_notes(segment_id, lang, revision, note, who, at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(segment_id, lang) DO UPDATE SET "
    "revision = excluded.revision, note = excluded.note, who = excluded.who, at = excluded.at";
static const char sql_review_note[] =
    "SELECT rn.note, rn.who, rn.at FROM review_notes rn JOIN translations t ON "
    "t.segment_id = rn.segment_id AND t.lang = rn.lang AND t.revision = rn.revision "
    "WHERE rn.segment_id = ?1 AND rn.lang = ?2";
/* Contributions: people who submitted text (import, translate) and people who
 * reviewed it (approve, reject), per chapter, counted in distinct segments.
 * A chapter at a time, its segments in place order and each one's history
 * together (segments' (chapter_id, n) index, then history_by_segment; CROSS
 * JOIN keeps that order: SQLite would scan the language's whole history by
 * history_by_lang_action for each chapter), so yaku counts them as they come: grouping the whole language's history in
 * SQL held a sorter row per entry (74 MB for a 10 MB book's credits). */
static const char sql_credit_chapters[] = "SELECT id, name FROM chapters ORDER BY position";
static const char sql_credits[] =
    "SELECT s.id, h.who, h.action LIKE 'review-%', h.id FROM segments s "
    "CROSS JOIN history h ON h.segment_id = s.id AND h.lang = ?2 "
    "WHERE s.chapter_id = ?1 AND s.archived = 0 AND (h.action IN "
    "('review-approve', 'review-reject') OR (h.action IN ('import', 'translate') "
    "AND h.target <> '')) ORDER BY s.n";




/* Own statement for walks whose callbacks may query the store again. */
static sqlite3_stmt *prepare(yk_store *s, const char *sql, const char *what)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(yk_store_db(s), sql, -1, &st, NULL) != SQLITE_OK) {
        yk_store_db_error(s, what);
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

/* Step a statement owned by the caller (finalized here), calling 'row'. */
#define WALK(s, st, what, body)                                                                    \
    do {                                                                                           \
        int step_rc_, cb_rc_ = 0;                                                                  \
        while (cb_rc_ == 0 && (step_rc_ = sqlite3_step(st)) == SQLITE_ROW) {                       \
            body                                                                                   \
        }                                                                                          \
        if (cb_rc_ == 0 && step_rc_ != SQLITE_DONE)                                                \
            cb_rc_ = yk_store_db_error(s, what);                                                   \
        sqlite3_finalize(st);                                                                      \
        return cb_rc_;                                                                             \
    } while (0)

static int text_query(char **out, yk_store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    *out = NULL;
    if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
        *out = yk_xstrdup(col_str(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return yk_store_db_error(s, what);
    return YK_OK;
}

int yk_store_member_role(char **out, yk_store *s, const char *user)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_member_role);
    *out = NULL;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, user);
    return text_query(out, s, st, "reading members");
}

int yk_store_member_count(size_t *out, yk_store *s, const char *role)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_member_count);
    int rc;
    *out = 0;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, role);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? YK_OK : yk_store_db_error(s, "reading members");
}

int yk_store_members(yk_store *s,
                     int (*fn)(const char *user, const char *role, const char *added_at,
                               void *payload),
                     void *payload)
{
    sqlite3_stmt *st = prepare(s, sql_members, "reading members");
    if (!st)
        return YK_EDB;
    WALK(s, st, "reading members",
         { cb_rc_ = fn(col_str(st, 0), col_str(st, 1), col_str(st, 2), payload); });
}

static void read_claim(yk_store_claim *c, sqlite3_stmt *st)
{
    c->id = sqlite3_column_int64(st, 0);
    c->chapter = col_str(st, 1);
    c->lang = col_str(st, 2);
    c->holder = col_str(st, 3);
    c->kind = col_str(st, 4);
    c->batch = sqlite3_column_int(st, 5);
    c->segments = (size_t)sqlite3_column_int64(st, 6);
    c->claimed_at = col_str(st, 7);
    c->expires_at = col_str(st, 8);
}

int yk_store_claim_of_chapter(yk_store *s, int64_t chapter_id, const char *lang, const char *kind,
                              int (*fn)(const yk_store_claim *c, void *payload), void *payload)
{
    sqlite3_stmt *st = prepare(s, sql_claim_of_chapter, "reading claims");
    int found = 0, rc = YK_OK, step;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, chapter_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, kind);
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        yk_store_claim c;
        read_claim(&c, st);
        found = 1;
        rc = fn(&c, payload);
    } else if (step != SQLITE_DONE) {
        rc = yk_store_db_error(s, "reading claims");
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return found ? YK_OK : YK_ENOTFOUND;
}

int yk_store_claim_insert(int64_t *out, yk_store *s, int64_t chapter_id, const char *lang,
                          const char *holder, const char *kind, const char *claimed_at,
                          const char *expires_at)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_claim_insert);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, chapter_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, holder);
    bind_text(st, 4, kind);
    bind_text(st, 5, claimed_at);
    bind_text(st, 6, expires_at);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        if ((sqlite3_extended_errcode(yk_store_db(s)) & 0xff) == SQLITE_CONSTRAINT)
            return yk_error_set(YK_ECONFLICT, "the chapter was claimed by someone else just now");
        return yk_store_db_error(s, "writing a claim");
    }
    *out = sqlite3_last_insert_rowid(yk_store_db(s));
    return YK_OK;
}

int yk_store_claim_renew(yk_store *s, int64_t id, const char *expires_at)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_claim_renew);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, expires_at);
    return step_done(s, st, "renewing a claim");
}

int yk_store_claim_close(yk_store *s, int64_t id, const char *at, const char *by,
                         const char *reason)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_claim_close);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    bind_text(st, 2, at);
    bind_text(st, 3, by);
    bind_text(st, 4, reason);
    if ((rc = step_done(s, st, "closing a claim")) < 0)
        return rc;
    if (!(st = yk_store_stmt(s, sql_claim_close_segments)))
        return YK_EDB;
    sqlite3_bind_int64(st, 1, id);
    return step_done(s, st, "closing a claim");
}

int yk_store_batch_close_in_chapter(yk_store *s, int64_t chapter_id, const char *lang,
                                    const char *holder, const char *keep_holder, const char *now,
                                    const char *at, const char *by, const char *reason)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_batch_close_in_chapter);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, chapter_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, holder);
    bind_text(st, 4, keep_holder);
    bind_text(st, 5, now);
    if ((rc = step_done(s, st, "closing claimed segments")) < 0)
        return rc;
    if (!(st = yk_store_stmt(s, sql_batch_close_empty)))
        return YK_EDB;
    bind_text(st, 1, at);
    bind_text(st, 2, by);
    bind_text(st, 3, reason);
    return step_done(s, st, "closing claims");
}

int yk_store_batch_holders_in_chapter(yk_store *s, int64_t chapter_id, const char *lang,
                                      const char *except_holder, const char *now,
                                      int (*fn)(const char *holder, size_t n, int first, int last,
                                                void *payload),
                                      void *payload)
{
    sqlite3_stmt *st = prepare(s, sql_batch_holders_in_chapter, "reading claims");
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, chapter_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, except_holder);
    bind_text(st, 4, now);
    WALK(s, st, "reading claims", {
        cb_rc_ = fn(col_str(st, 0), (size_t)sqlite3_column_int64(st, 1),
                    sqlite3_column_int(st, 2), sqlite3_column_int(st, 3), payload);
    });
}

int yk_store_next_candidates(yk_store *s, const char *lang, int64_t chapter_id, const char *now,
                             size_t limit,
                             int (*fn)(const yk_store_candidate *c, void *payload), void *payload)
{
    sqlite3_stmt *st = prepare(s, sql_next_candidates, "finding segments to claim");
    if (!st)
        return YK_EDB;
    bind_text(st, 1, lang);
    sqlite3_bind_int64(st, 2, chapter_id);
    bind_text(st, 3, now);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)limit);
    WALK(s, st, "finding segments to claim", {
        yk_store_candidate c;
        c.segment_id = sqlite3_column_int64(st, 0);
        c.chapter = col_str(st, 1);
        c.n = sqlite3_column_int(st, 2);
        cb_rc_ = fn(&c, payload);
    });
}

int yk_store_batch_add(yk_store *s, int64_t claim_id, int64_t segment_id, const char *lang)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_batch_drop_expired);
    int rc;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    if ((rc = step_done(s, st, "claiming a segment")) < 0)
        return rc;
    if (!(st = yk_store_stmt(s, sql_batch_add)))
        return YK_EDB;
    sqlite3_bind_int64(st, 1, claim_id);
    sqlite3_bind_int64(st, 2, segment_id);
    bind_text(st, 3, lang);
    return step_done(s, st, "claiming a segment");
}

int yk_store_claims(yk_store *s, const char *lang,
                    int (*fn)(const yk_store_claim *c, void *payload), void *payload)
{
    sqlite3_stmt *st = prepare(s, sql_claims, "reading claims");
    if (!st)
        return YK_EDB;
    bind_text(st, 1, lang);
    WALK(s, st, "reading claims", {
        yk_store_claim c;
        read_claim(&c, st);
        cb_rc_ = fn(&c, payload);
    });
}

int yk_store_claims_of(yk_store *s, const char *holder, const char *lang, int64_t chapter_id,
                       int (*fn)(const yk_store_claim *c, void *payload), void *payload)
{
    sqlite3_stmt *st = prepare(s, sql_claims_of, "reading claims");
    if (!st)
        return YK_EDB;
    bind_text(st, 1, holder);
    bind_text(st, 2, lang);
    sqlite3_bind_int64(st, 3, chapter_id);
    WALK(s, st, "reading claims", {
        yk_store_claim c;
        read_claim(&c, st);
        cb_rc_ = fn(&c, payload);
    });
}

int yk_store_segment_holders(yk_store *s, int64_t segment_id, const char *lang,
                             int (*fn)(const char *holder, const char *expires_at, int batch,
                                       void *payload),
                             void *payload)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_segment_holders);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    {
        int step_rc, cb_rc = 0;
        while (cb_rc == 0 && (step_rc = sqlite3_step(st)) == SQLITE_ROW)
            cb_rc = fn(col_str(st, 0), col_str(st, 1), sqlite3_column_int(st, 2), payload);
        sqlite3_reset(st);
        if (cb_rc)
            return cb_rc;
        return step_rc == SQLITE_DONE ? YK_OK : yk_store_db_error(s, "reading claims");
    }
}

int yk_store_held_segments(yk_store *s, const char *holder, const char *lang, const char *now,
                           int (*fn)(const char *chapter, int n, void *payload), void *payload)
{
    sqlite3_stmt *st = prepare(s, sql_held_segments, "reading claims");
    if (!st)
        return YK_EDB;
    bind_text(st, 1, holder);
    bind_text(st, 2, lang);
    bind_text(st, 3, now);
    WALK(s, st, "reading claims", { cb_rc_ = fn(col_str(st, 0), sqlite3_column_int(st, 1), payload); });
}

int yk_store_chapter_reviewer(char **out, yk_store *s, int64_t chapter_id, const char *lang,
                              const char *now)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_chapter_reviewer);
    *out = NULL;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, chapter_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, now);
    return text_query(out, s, st, "reading claims");
}

int yk_store_chapter_holder(char **out, yk_store *s, const char *chapter, const char *lang,
                            const char *now)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_chapter_holder);
    int rc;
    *out = NULL;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, chapter);
    bind_text(st, 2, lang);
    bind_text(st, 3, now);
    if ((rc = text_query(out, s, st, "reading claims")) < 0 || *out)
        return rc;
    if (!(st = yk_store_stmt(s, sql_chapter_batch_holders)))
        return YK_EDB;
    bind_text(st, 1, chapter);
    bind_text(st, 2, lang);
    bind_text(st, 3, now);
    return text_query(out, s, st, "reading claims");
}

int yk_store_segment_ref(yk_store *s, const char *chapter, int n, const char *lang,
                         int (*fn)(const yk_store_seg_ref *r, void *payload), void *payload)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_segment_ref);
    int found = 0, rc = YK_OK, step;
    if (!st)
        return YK_EDB;
    bind_text(st, 1, chapter);
    sqlite3_bind_int(st, 2, n);
    bind_text(st, 3, lang);
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        yk_store_seg_ref r;
        r.id = sqlite3_column_int64(st, 0);
        r.chapter_id = sqlite3_column_int64(st, 1);
        r.chapter = col_str(st, 2);
        r.n = sqlite3_column_int(st, 3);
        r.archived = sqlite3_column_int(st, 4);
        r.source = col_str(st, 5);
        r.state = col_str(st, 6);
        r.target = col_str(st, 7);
        r.revision = sqlite3_column_int(st, 8);
        found = 1;
        rc = fn(&r, payload);
    } else if (step != SQLITE_DONE) {
        rc = yk_store_db_error(s, "reading a segment");
    }
    sqlite3_reset(st);
    if (rc)
        return rc;
    return found ? YK_OK : YK_ENOTFOUND;
}

int yk_store_history_add(yk_store *s, int64_t segment_id, const char *lang, int revision,
                         const char *state, const char *target, const char *who, const char *at,
                         const char *action, const char *note)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_history_add);
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

int yk_store_translation_state(int *revision, yk_store *s, int64_t segment_id, const char *lang,
                               const char *state, const char *who, const char *at,
                               const char *action, const char *note)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_tr_state);
    char *target;
    int rc, rev;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    bind_text(st, 3, state);
    bind_text(st, 4, who);
    bind_text(st, 5, at);
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        rc = rc == SQLITE_DONE ? yk_error_set(YK_ENOTFOUND, "the segment has no translation")
                               : yk_store_db_error(s, "changing a translation");
        sqlite3_reset(st);
        return rc;
    }
    rev = sqlite3_column_int(st, 0);
    target = yk_xstrdup(col_str(st, 1));
    sqlite3_reset(st);
    rc = yk_store_history_add(s, segment_id, lang, rev, state, target, who, at, action, note);
    free(target);
    if (revision)
        *revision = rev;
    return rc;
}

int yk_store_history_target(char **out, yk_store *s, int64_t segment_id, const char *lang,
                            int revision)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_history_target);
    *out = NULL;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    sqlite3_bind_int(st, 3, revision);
    return text_query(out, s, st, "reading history");
}

int yk_store_history(yk_store *s, int64_t segment_id, const char *lang,
                     int (*fn)(const yk_store_history_row *h, void *payload), void *payload)
{
    sqlite3_stmt *st = prepare(s, sql_history, "reading history");
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    WALK(s, st, "reading history", {
        yk_store_history_row h;
        h.lang = col_str(st, 0);
        h.revision = sqlite3_column_int(st, 1);
        h.state = col_str(st, 2);
        h.target = col_str(st, 3);
        h.who = col_str(st, 4);
        h.at = col_str(st, 5);
        h.action = col_str(st, 6);
        h.note = sqlite3_column_type(st, 7) == SQLITE_NULL ? NULL : col_str(st, 7);
        cb_rc_ = fn(&h, payload);
    });
}

int yk_store_review_note_set(yk_store *s, int64_t segment_id, const char *lang, int revision,
                             const char *note, const char *who, const char *at)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_review_note_set);
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    sqlite3_bind_int(st, 3, revision);
    bind_text(st, 4, note);
    bind_text(st, 5, who);
    bind_text(st, 6, at);
    return step_done(s, st, "writing a review note");
}

int yk_store_review_note(yk_store *s, int64_t segment_id, const char *lang,
                         int (*fn)(const char *note, const char *who, const char *at,
                                   void *payload),
                         void *payload)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_review_note);
    int found = 0, rc = YK_OK, step;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, segment_id);
    bind_text(st, 2, lang);
    if ((step = sqlite3_step(st)) == SQLITE_ROW) {
        found = 1;
        rc = fn(col_str(st, 0), col_str(st, 1), col_str(st, 2), payload);
    } else if (step != SQLITE_DONE) {
        rc = yk_store_db_error(s, "reading review notes");
    }
    sqlite3_reset(st);
    if (rc)
        return rc;
    return found ? YK_OK : YK_ENOTFOUND;
}

/* One chapter's contributor in one role while its segments are counted. */
typedef struct credit_acc {
    char *who;
    int reviewer;
    size_t segments;
    int64_t first;        /* the first history entry: the order of the list */
    int64_t last_segment; /* counted already */
} credit_acc;

static int cmp_credit(const void *a, const void *b)
{
    const credit_acc *x = a, *y = b;
    if (x->reviewer != y->reviewer)
        return x->reviewer - y->reviewer;
    return (x->first > y->first) - (x->first < y->first);
}

/* Count the credits of one chapter and hand them to fn, translators first,
 * each role by first contribution. */
static int chapter_credits(yk_store *s, sqlite3_stmt *st, int64_t chapter_id, const char *chapter,
                           int (*fn)(const yk_store_credit_row *r, void *payload), void *payload)
{
    credit_acc *v = NULL;
    size_t n = 0, cap = 0, i;
    int rc = YK_OK, step_rc;

    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, chapter_id);
    while ((step_rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t seg = sqlite3_column_int64(st, 0), hid = sqlite3_column_int64(st, 3);
        const char *who = col_str(st, 1);
        int reviewer = sqlite3_column_int(st, 2) != 0;
        /* a chapter has a handful of contributors: a list is enough */
        for (i = 0; i < n; i++)
            if (v[i].reviewer == reviewer && strcmp(v[i].who, who) == 0)
                break;
        if (i == n) {
            v = yk_xgrow(v, &cap, n + 1, sizeof(*v));
            v[n].who = yk_xstrdup(who);
            v[n].reviewer = reviewer;
            v[n].segments = 0;
            v[n].first = hid;
            v[n].last_segment = 0;
            n++;
        }
        if (hid < v[i].first)
            v[i].first = hid;
        /* a segment's rows come together (ORDER BY s.n): count it once */
        if (v[i].last_segment != seg) {
            v[i].segments++;
            v[i].last_segment = seg;
        }
    }
    if (step_rc != SQLITE_DONE)
        rc = yk_store_db_error(s, "reading history");
    if (rc == YK_OK && n)
        qsort(v, n, sizeof(*v), cmp_credit);
    for (i = 0; i < n && rc == YK_OK; i++) {
        yk_store_credit_row r;
        r.chapter = chapter;
        r.who = v[i].who;
        r.role = v[i].reviewer ? "reviewer" : "translator";
        r.segments = v[i].segments;
        rc = fn(&r, payload);
    }
    for (i = 0; i < n; i++)
        free(v[i].who);
    free(v);
    return rc;
}

int yk_store_credits(yk_store *s, const char *lang,
                     int (*fn)(const yk_store_credit_row *r, void *payload), void *payload)
{
    sqlite3_stmt *chapters = prepare(s, sql_credit_chapters, "reading chapters");
    sqlite3_stmt *st = chapters ? prepare(s, sql_credits, "reading history") : NULL;
    int rc = chapters && st ? YK_OK : YK_EDB, step_rc = SQLITE_DONE;

    if (st)
        bind_text(st, 2, lang);
    while (rc == YK_OK && (step_rc = sqlite3_step(chapters)) == SQLITE_ROW)
        rc = chapter_credits(s, st, sqlite3_column_int64(chapters, 0), col_str(chapters, 1), fn,
                             payload);
    if (rc == YK_OK && step_rc != SQLITE_DONE)
        rc = yk_store_db_error(s, "reading chapters");
    sqlite3_finalize(st);
    sqlite3_finalize(chapters);
    return rc;
}
