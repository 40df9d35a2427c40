/*
 * Store: translation-memory tables.  Units (one source/target pair each,
 * with where it came from) and a compact inverted index: for each gram key
 * a few chunk rows holding the ids of the units that contain it, as
 * delta-encoded varints.  What a gram is, and how units are normalised, is
 * the tm module's business (src/tm/); this file only keeps the bytes.
 *
 * Project units are written by SQLite triggers on `translations` (every
 * translated or reviewed target is in the memory, whatever code wrote it)
 * with norm NULL: "pending".  The tm module indexes pending units (fills
 * norm and appends postings) in the next write that syncs, and searches
 * scan the pending ones directly until then.
 */
#ifndef YK_STORE_TM_H
#define YK_STORE_TM_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* A posting chunk holds at most this many unit ids, so appending to the
 * last chunk rewrites a small blob. */
#define YK_STORE_TM_CHUNK_MAX 8192

typedef struct yk_store_tm_pair {
    int64_t id;
    const char *src, *tgt;
} yk_store_tm_pair;

/* Set the page cache for lookups, which touch scattered rows: a bounded
 * one, so that a lookup's memory does not grow with the memory searched.
 * Best effort. */
void yk_store_tm_tune_reads(yk_store *store);

/* One read transaction around a lookup's many statements (else each takes
 * and drops the file locks).  Returns 1 when it began one (end it with
 * yk_store_tm_read_end), 0 when the caller's transaction is open. */
int yk_store_tm_read_begin(yk_store *store);
void yk_store_tm_read_end(yk_store *store, int began);

/* Every language pair in the memory. */
int yk_store_tm_pairs(yk_store *store, int (*fn)(const yk_store_tm_pair *p, void *payload),
                      void *payload);
/* The id of pair (src, tgt), created when missing. */
int yk_store_tm_pair_ensure(int64_t *out, yk_store *store, const char *src, const char *tgt);

typedef struct yk_store_tm_unit {
    int64_t id, pair;
    const char *src_lang, *tgt_lang; /* read only */
    const char *source, *target;
    const char *source_xml, *target_xml; /* TMX inline markup as imported, or NULL */
    const char *norm;                    /* NULL: not indexed yet */
    int ntok;
    const char *origin; /* "project" or "tmx" */
    const char *project, *file, *translator, *date, *chapter; /* may be NULL */
    int64_t segment_id; /* 0 when none */
    int64_t uhash;
} yk_store_tm_unit;

/* 1 in *out when a unit with the same pair, hash, source and target (and
 * markup) exists. */
int yk_store_tm_unit_exists(int *out, yk_store *store, const yk_store_tm_unit *u);
/* Insert u (u->id ignored); *out gets the new id. */
int yk_store_tm_unit_insert(int64_t *out, yk_store *store, const yk_store_tm_unit *u);
/* Record the normalised source of an indexed unit. */
int yk_store_tm_unit_set_norm(yk_store *store, int64_t id, const char *norm, int ntok);
/* One unit by id (fn not called and YK_ENOTFOUND when there is none). */
int yk_store_tm_unit_get(yk_store *store, int64_t id,
                         int (*fn)(const yk_store_tm_unit *u, void *payload), void *payload);
/* The fields a lookup verifies a candidate with: its pair, token count and
 * normalised source (borrowed until the next store call).  YK_ENOTFOUND. */
int yk_store_tm_unit_norm(int64_t *pair, int *ntok, const char **norm, size_t *len,
                          yk_store *store, int64_t id);
/* Units not indexed yet with id > after, in id order, at most 'limit'.
 * fn must not call the store. */
int yk_store_tm_pending(yk_store *store, int64_t after, int limit,
                        int (*fn)(const yk_store_tm_unit *u, void *payload), void *payload);
/* Every unit in id order (own statement: fn may query the store). */
int yk_store_tm_units_foreach(yk_store *store,
                              int (*fn)(const yk_store_tm_unit *u, void *payload), void *payload);
/* Number of units and the largest id. */
int yk_store_tm_count(int64_t *count, int64_t *max_id, yk_store *store);

/* Postings.  'ids' strictly increasing; all larger than any id already
 * stored for 'gram'. */
int yk_store_tm_postings_append(yk_store *store, int64_t gram, const int64_t *ids, size_t n);
/* How many ids are stored for 'gram' (0 when none). */
int yk_store_tm_postings_count(int64_t *out, yk_store *store, int64_t gram);
/* The chunks of 'gram' in order; decode each with yk_store_tm_varint(). */
int yk_store_tm_postings_foreach(yk_store *store, int64_t gram,
                                 int (*fn)(const unsigned char *ids, size_t len, size_t n,
                                           void *payload),
                                 void *payload);

/* Decode one varint at *p (< end); advances *p.  Postings blobs hold the
 * zigzag-encoded differences between consecutive ids (the first relative
 * to 0); ids are not sorted, as pending units are indexed late. */
static inline uint64_t yk_store_tm_varint(const unsigned char **p, const unsigned char *end)
{
    uint64_t v = 0;
    int shift = 0;
    while (*p < end) {
        unsigned char c = *(*p)++;
        v |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80))
            break;
        shift += 7;
        if (shift > 63)
            break;
    }
    return v;
}

/* Pretranslation notes: the note of the latest history row of a segment's
 * translation.  Used to record and show the TM match that filled it. */
int yk_store_tm_note_set(yk_store *store, int64_t segment_id, const char *lang, const char *note,
                         const char *prev_source);
/* *out (malloc'd) gets the note when the segment's current translation is
 * still the one 'pretranslate' wrote, else NULL. */
int yk_store_tm_note_get(char **out, yk_store *store, const char *chapter, int n,
                         const char *lang);

#endif
