/*
 * The reading path of `yaku check`: documents in book order, then each
 * document's segments along the segments_by_document index, so SQLite
 * streams the rows without sorting 100k sources and targets (the general
 * yk_store_segments_query orders the whole join with a temporary B-tree).
 * One statement per document, so the check can write between documents.
 */
#include <stdlib.h>
#include <string.h>

#include "store/check.h"
#include "store/store_internal.h"
#include "util/xalloc.h"

/* A document's segments carry its chapter (documents never change chapter
 * once added), so the chapter filter is the document's. */
static const char sql_docs[] =
    "SELECT d.id, c.name FROM documents d JOIN chapters c ON c.id = d.chapter_id "
    "WHERE ?1 = 0 OR d.chapter_id = ?1 ORDER BY c.position, d.position";

static const char sql_segs[] =
    "SELECT s.n, s.source, COALESCE(t.state, 'new'), COALESCE(t.target, '') FROM segments s "
    "LEFT JOIN translations t ON t.segment_id = s.id AND t.lang = ?2 "
    "WHERE s.document_id = ?1 AND s.archived = 0 ORDER BY s.ord";

typedef struct doc_ref {
    int64_t id;
    char *chapter;
} doc_ref;

static int read_docs(doc_ref **out, size_t *n, yk_store *s, int64_t chapter_id)
{
    sqlite3_stmt *st = yk_store_stmt(s, sql_docs);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (!st)
        return YK_EDB;
    sqlite3_bind_int64(st, 1, chapter_id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *out = yk_xgrow(*out, &cap, *n + 1, sizeof(**out));
        (*out)[*n].id = sqlite3_column_int64(st, 0);
        (*out)[*n].chapter = yk_xstrdup(col_str(st, 1));
        (*n)++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? YK_OK : yk_store_db_error(s, "listing documents");
}

int yk_store_check_rows(yk_store *s, int64_t chapter_id, const char *lang,
                        const yk_store_check_walk *walk, void *payload)
{
    doc_ref *docs;
    size_t ndocs, i;
    int rc = read_docs(&docs, &ndocs, s, chapter_id);
    for (i = 0; i < ndocs && rc == YK_OK; i++) {
        sqlite3_stmt *st;
        int step_rc = SQLITE_DONE, cb_rc = 0;
        if (!(st = yk_store_stmt(s, sql_segs))) {
            rc = YK_EDB;
            break;
        }
        sqlite3_bind_int64(st, 1, docs[i].id);
        bind_text(st, 2, lang);
        while (cb_rc == 0 && (step_rc = sqlite3_step(st)) == SQLITE_ROW) {
            yk_store_check_row r;
            r.chapter = docs[i].chapter;
            r.n = sqlite3_column_int(st, 0);
            r.source = col_str(st, 1);
            /* as C strings: a NUL stored inside a text ends it, as everywhere else */
            r.source_len = strnlen(r.source, (size_t)sqlite3_column_bytes(st, 1));
            r.state = col_str(st, 2);
            r.target = col_str(st, 3);
            r.target_len = strnlen(r.target, (size_t)sqlite3_column_bytes(st, 3));
            cb_rc = walk->row(&r, payload);
        }
        sqlite3_reset(st);
        if (cb_rc)
            rc = cb_rc;
        else if (step_rc != SQLITE_DONE)
            rc = yk_store_db_error(s, "reading segments");
        else if (walk->doc_end)
            rc = walk->doc_end(i, payload);
    }
    for (i = 0; i < ndocs; i++)
        free(docs[i].chapter);
    free(docs);
    return rc;
}
