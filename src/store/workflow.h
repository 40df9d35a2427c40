/*
 * Store: the workflow tables (claims, claimed segments, review notes) and
 * the queries over members and history that the workflow needs.  Times are
 * ISO 8601 UTC strings, so they compare as text.  Strings handed to
 * callbacks are borrowed for the call.
 */
#ifndef YK_STORE_WORKFLOW_H
#define YK_STORE_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/** ## Members */

/* *out: the member's role ("maintainer", ...), malloc'd, or NULL. */
int yk_store_member_role(char **out, yk_store *s, const char *user);
int yk_store_member_count(size_t *out, yk_store *s, const char *role);
int yk_store_members(yk_store *s,
                     int (*fn)(const char *user, const char *role, const char *added_at,
                               void *payload),
                     void *payload);

/** ## Claims */

typedef struct yk_store_claim {
    int64_t id;
    const char *chapter; /* chapter claim: its chapter; batch: the first segment's chapter */
    const char *lang, *holder, *kind;
    int batch;
    size_t segments;     /* active segments of a batch */
    const char *claimed_at, *expires_at;
} yk_store_claim;

/* The active chapter claim of 'kind' on chapter/lang (expired or not); fn is
 * called once, or YK_ENOTFOUND. */
int yk_store_claim_of_chapter(yk_store *s, int64_t chapter_id, const char *lang, const char *kind,
                              int (*fn)(const yk_store_claim *c, void *payload), void *payload);
/* chapter_id 0: a batch claim. */
int yk_store_claim_insert(int64_t *out, yk_store *s, int64_t chapter_id, const char *lang,
                          const char *holder, const char *kind, const char *claimed_at,
                          const char *expires_at);
int yk_store_claim_renew(yk_store *s, int64_t id, const char *expires_at);
/* Close a claim (and its batch segments): 'reason' is "released",
 * "reassigned", "taken-over" or "force-released". */
int yk_store_claim_close(yk_store *s, int64_t id, const char *at, const char *by,
                         const char *reason);
/* Close batch memberships in a chapter: of every holder but 'keep_holder'
 * (NULL: of everyone) whose claim expired before 'now' ('now' NULL: expired
 * or not).  Then closes batch claims left without segments. */
int yk_store_batch_close_in_chapter(yk_store *s, int64_t chapter_id, const char *lang,
                                    const char *holder, const char *keep_holder, const char *now,
                                    const char *at, const char *by, const char *reason);

/* Other holders' live (not expired at 'now') batches with segments in the
 * chapter: fn(holder, segments, first n, last n). */
int yk_store_batch_holders_in_chapter(yk_store *s, int64_t chapter_id, const char *lang,
                                      const char *except_holder, const char *now,
                                      int (*fn)(const char *holder, size_t n, int first, int last,
                                                void *payload),
                                      void *payload);

/* Up to 'limit' segments of 'lang' (chapter_id 0: any chapter) that are new
 * or fuzzy, in no live batch and in no chapter with a live translator claim,
 * in edition order. */
typedef struct yk_store_candidate {
    int64_t segment_id;
    const char *chapter;
    int n;
} yk_store_candidate;
int yk_store_next_candidates(yk_store *s, const char *lang, int64_t chapter_id, const char *now,
                             size_t limit,
                             int (*fn)(const yk_store_candidate *c, void *payload), void *payload);
/* Put a segment in a batch, closing any expired membership it still has. */
int yk_store_batch_add(yk_store *s, int64_t claim_id, int64_t segment_id, const char *lang);

/* Every active claim ('lang' NULL: all) by language, chapter, kind. */
int yk_store_claims(yk_store *s, const char *lang,
                    int (*fn)(const yk_store_claim *c, void *payload), void *payload);
/* Active claims of one holder in 'lang' (chapter_id 0: any chapter; for
 * batches: those with segments in the chapter). 'holder' NULL: anyone's. */
int yk_store_claims_of(yk_store *s, const char *holder, const char *lang, int64_t chapter_id,
                       int (*fn)(const yk_store_claim *c, void *payload), void *payload);

/* Who holds a segment: its chapter's active translator claim and any active
 * batch membership, expired or not.  fn(holder, expires_at, batch). */
int yk_store_segment_holders(yk_store *s, int64_t segment_id, const char *lang,
                             int (*fn)(const char *holder, const char *expires_at, int batch,
                                       void *payload),
                             void *payload);
/* The segments 'holder' holds live in 'lang' (chapter claims and batches),
 * as fn(chapter, n), unordered. */
int yk_store_held_segments(yk_store *s, const char *holder, const char *lang, const char *now,
                           int (*fn)(const char *chapter, int n, void *payload), void *payload);
/* Live (not expired) reviewer claim holder of the segment's chapter. */
int yk_store_chapter_reviewer(char **out, yk_store *s, int64_t chapter_id, const char *lang,
                              const char *now);
/* The holder shown by `status`: the live translator claim of the chapter,
 * else the holders of live batches in it ("a, b"); *out NULL when none. */
int yk_store_chapter_holder(char **out, yk_store *s, const char *chapter, const char *lang,
                            const char *now);

/** ## Segments and history */

typedef struct yk_store_seg_ref {
    int64_t id, chapter_id;
    const char *chapter;
    int n, archived;
    const char *source, *state, *target;
    int revision;
} yk_store_seg_ref;
/* A segment by chapter name and number, archived or not, with its
 * translation in 'lang' (may be NULL).  YK_ENOTFOUND when none. */
int yk_store_segment_ref(yk_store *s, const char *chapter, int n, const char *lang,
                         int (*fn)(const yk_store_seg_ref *r, void *payload), void *payload);

/* Change a translation's state, keeping its target: a new revision and a
 * history row with 'note'.  *revision gets the new revision. */
int yk_store_translation_state(int *revision, yk_store *s, int64_t segment_id, const char *lang,
                               const char *state, const char *who, const char *at,
                               const char *action, const char *note);
/* A history row that changes no translation (a refused import keeps the
 * refused text this way). */
int yk_store_history_add(yk_store *s, int64_t segment_id, const char *lang, int revision,
                         const char *state, const char *target, const char *who, const char *at,
                         const char *action, const char *note);
/* The target recorded at 'revision' (the latest history row of it); *out
 * malloc'd or NULL when unknown. */
int yk_store_history_target(char **out, yk_store *s, int64_t segment_id, const char *lang,
                            int revision);

typedef struct yk_store_history_row {
    const char *lang, *state, *target, *who, *at, *action, *note;
    int revision;
} yk_store_history_row;
int yk_store_history(yk_store *s, int64_t segment_id, const char *lang,
                     int (*fn)(const yk_store_history_row *h, void *payload), void *payload);

/** ## Review notes */

int yk_store_review_note_set(yk_store *s, int64_t segment_id, const char *lang, int revision,
                             const char *note, const char *who, const char *at);
/* The note left at the translation's current revision (a rejection not yet
 * answered); fn once, or YK_ENOTFOUND. */
int yk_store_review_note(yk_store *s, int64_t segment_id, const char *lang,
                         int (*fn)(const char *note, const char *who, const char *at,
                                   void *payload),
                         void *payload);

/** ## Credits and contributions */

typedef struct yk_store_credit_row {
    const char *chapter, *who, *role;
    size_t segments;
} yk_store_credit_row;
/* From history: per chapter (in order) translators then reviewers, each by
 * first contribution. */
int yk_store_credits(yk_store *s, const char *lang,
                     int (*fn)(const yk_store_credit_row *r, void *payload), void *payload);

#endif
