/*
 * yaku — the volunteer workflow (SPEC §6): members and roles, claims on
 * chapters or batches of segments, review, history and credits.
 */
#ifndef YAKU_WORKFLOW_H
#define YAKU_WORKFLOW_H

#include <yaku/translation.h>

/** ## Members and roles
 *
 * Roles are ordered: a maintainer may do everything an editor may, an editor
 * everything a translator may.  The user who ran `init` is the first
 * maintainer.  Users who are not members are refused (YK_EPERM). */

typedef enum yk_role {
    YK_ROLE_NONE = 0,
    YK_ROLE_TRANSLATOR = 1,
    YK_ROLE_EDITOR = 2,
    YK_ROLE_MAINTAINER = 3
} yk_role;

/* "translator", "editor", "maintainer" (or "none"). */
const char *yk_role_name(yk_role role);
/* YK_EINVAL for an unknown name. */
int yk_role_from_name(yk_role *out, const char *name);

/* The role of 'user' (NULL: the acting user); YK_ROLE_NONE for a stranger. */
int yk_member_role(yk_role *out, yk_project *project, const char *user);

/* YK_OK when the acting user is a member with at least 'role', else YK_EPERM
 * with a message naming what needs it ('what', e.g. "adding documents") and
 * how to get the role.  Every write command calls this (or a finer check). */
int yk_require_role(yk_project *project, yk_role role, const char *what);

/* Add 'user' with 'role', or change the role of a known member.  Only a
 * maintainer may (YK_EPERM).  Inside the caller's transaction.  The last
 * maintainer cannot be demoted (YK_ECONFLICT). */
int yk_member_add(yk_project *project, const char *user, yk_role role);

typedef struct yk_member_info {
    const char *user;
    yk_role role;
    const char *added_at; /* ISO 8601 UTC */
} yk_member_info;

/* Members in the order they were added.  Strings borrowed for the call. */
int yk_members_foreach(yk_project *project,
                       int (*fn)(const yk_member_info *m, void *payload), void *payload);

/** ## Claims
 *
 * A claim gives one person a chapter (or a batch of segments) of one
 * language, as translator or reviewer, until it is released or expires
 * (config `claim.expiry-days`, default 21).  A chapter/language has at most
 * one active translator claim and one reviewer claim; a segment is in at
 * most one translator batch, and never in a batch while its chapter is
 * claimed by someone.  Claiming is atomic across processes: callers run it
 * inside yk_project_begin() (BEGIN IMMEDIATE). */

typedef enum yk_claim_kind {
    YK_CLAIM_TRANSLATOR = 0,
    YK_CLAIM_REVIEWER = 1
} yk_claim_kind;

const char *yk_claim_kind_name(yk_claim_kind kind);
int yk_claim_kind_from_name(yk_claim_kind *out, const char *name);

typedef struct yk_claim_info {
    long long id;
    const char *chapter;   /* the claimed chapter; for a batch, the segments' chapter(s) */
    const char *lang;
    const char *holder;
    yk_claim_kind kind;
    int batch;             /* 1: a --next batch of segments, 0: a whole chapter */
    size_t segments;       /* segments in the batch (0 for a chapter claim) */
    const char *claimed_at, *expires_at;
    int stale;             /* expired but not released */
} yk_claim_info;

/* Claim 'chapter' in 'lang' for the acting user.  YK_ECONFLICT (message
 * naming the holder and how to ask) when someone else holds it; claiming a
 * chapter one already holds renews it.  Translators need the translator role,
 * reviewer claims need editor. */
int yk_claim_chapter(yk_project *project, const char *chapter, const char *lang,
                     yk_claim_kind kind);

typedef struct yk_claim_next_result {
    long long claim_id;
    size_t segments;       /* how many were claimed (may be fewer than asked, or 0) */
    char first[300], last[300]; /* ids of the first and last claimed segment */
} yk_claim_next_result;

/* Claim the next 'n' segments of 'lang' that are not translated (new or
 * fuzzy), not in anybody's batch and not in a chapter claimed by someone
 * else; 'chapter' NULL: any chapter, in chapter order. */
int yk_claim_next(yk_claim_next_result *out, yk_project *project, const char *lang, size_t n,
                  const char *chapter);

/* Give 'chapter' to 'user' (a maintainer only).  Replaces any active claim of
 * the same kind: reassigning a stale or abandoned chapter. */
int yk_assign(yk_project *project, const char *chapter, const char *lang, const char *user,
              yk_claim_kind kind);

/* Release the acting user's claims on 'chapter' ('chapter' NULL: all their
 * claims and batches in 'lang').  'force': a maintainer releases whoever
 * holds it.  *released counts the claims released.  YK_ENOTFOUND when there
 * was nothing to release, YK_EPERM for someone else's claim without force. */
int yk_release(size_t *released, yk_project *project, const char *chapter, const char *lang,
               int force);

/* Active claims (stale ones included, marked) of 'lang' (NULL: all), by
 * language and chapter. */
int yk_claims_foreach(yk_project *project, const char *lang,
                      int (*fn)(const yk_claim_info *c, void *payload), void *payload);

/* May the acting user submit a translation of segment 'id' ("chapter:n") in
 * 'lang'?  YK_OK, or YK_EPERM / YK_ECONFLICT with a message that names the
 * holder and how to ask.  Used by import and translate. */
int yk_authorize_translate(yk_project *project, const char *id, const char *lang);

/** ## Review */

/* Approve: the segment becomes `reviewed`.  Needs editor (or a reviewer claim
 * on the chapter).  Only translated (or reviewed) segments can be approved:
 * YK_ECONFLICT otherwise. */
int yk_review_approve(yk_project *project, const char *id, const char *lang);
/* Reject: the segment goes back to `fuzzy` with 'note' (required), shown by
 * `translate` and `export` until the next submission. */
int yk_review_reject(yk_project *project, const char *id, const char *lang, const char *note);

/* The pending rejection note of a segment, or *out = NULL.  Caller frees. */
int yk_review_note(char **out, yk_project *project, const char *id, const char *lang);

/** ## The terminal translation session (`yaku translate`)
 *
 * A plain-text file for any editor: one block per segment, opened by a line
 * "==> CHAPTER:N" (followed by "fuzzy" for a fuzzy one), then comment lines
 * starting with '#' (source, previous source, review note, glossary hits, TM
 * matches), then the translation to edit.  A translation line that itself
 * starts with '#', '\\' or "==>" is written with a '\\' in front. */

typedef struct yk_session_options {
    const char *chapter; /* NULL: every segment the user holds */
    int all;             /* 1: translated and reviewed segments too, not only new/fuzzy */
    size_t tm_matches;   /* TM matches per segment (default 3; 0: none) */
} yk_session_options;
#define YK_SESSION_OPTIONS_INIT {NULL, 0, 3}

/* Write the session file for the acting user into *out (free with
 * yk_bytes_release); *nblocks gets the number of segments in it.  A
 * translator gets the unfinished segments they hold (of 'chapter' only, when
 * given: YK_EPERM/YK_ECONFLICT naming the holder when they hold none of it);
 * an editor or maintainer gets every unfinished segment of 'chapter', or
 * the ones they hold when no chapter is given. */
int yk_session_write(yk_bytes *out, size_t *nblocks, yk_project *project, const char *lang,
                     const yk_session_options *opts);

typedef struct yk_session_result {
    size_t blocks;     /* blocks in the original */
    size_t submitted;  /* changed and stored */
    size_t unchanged;  /* left as they were */
    yk_import_refusal *refused; /* malloc'd: blocks not submitted, with why */
    size_t nrefused;
    /* line = line in the edited file (0 when the block is missing) */
} yk_session_result;

/* Submit what changed between 'original' (as yk_session_write wrote it) and
 * 'edited', inside the caller's transaction.  Each changed block is
 * validated (UTF-8, no control characters), authorised (the caller's claim)
 * and checked against the revision it was written at; what fails is listed
 * in out->refused and not stored, the rest is stored with action
 * "translate".  A block whose "==>" line is missing, text outside any
 * block, an unknown or repeated id: refused and reported. */
int yk_session_submit(yk_session_result *out, yk_project *project, const char *lang,
                      const char *original, size_t original_len, const char *edited,
                      size_t edited_len);
void yk_session_result_release(yk_session_result *r);

/** ## History */

typedef struct yk_history_entry {
    const char *segment; /* "chapter:n" */
    const char *lang;
    int revision;
    const char *state;
    const char *target;
    const char *who;
    const char *at;      /* ISO 8601 UTC */
    const char *action;  /* "import", "translate", "review-approve", "review-reject", ... */
    const char *note;    /* or NULL */
} yk_history_entry;

/* Every recorded change of segment 'id' ("chapter:n"), oldest first, all
 * languages ('lang' NULL) or one.  YK_ENOTFOUND for an unknown segment. */
int yk_history_foreach(yk_project *project, const char *id, const char *lang,
                       int (*fn)(const yk_history_entry *h, void *payload), void *payload);

/** ## Credits */

typedef struct yk_credit {
    const char *chapter;
    const char *user;
    const char *role;      /* "translator" or "reviewer" */
    size_t segments;       /* segments this person translated / reviewed in the chapter */
} yk_credit;

/* From the history (not from claims): who translated and who reviewed each
 * chapter in 'lang', chapters in order, people by first contribution.
 * Strings are borrowed for the call; a non-zero return from fn stops the
 * walk and is returned. */
int yk_credits_foreach(yk_project *p, const char *lang,
                       int (*fn)(const yk_credit *c, void *payload), void *payload);

#endif
