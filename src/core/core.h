/*
 * Internals of the core module shared with the layers above it: the project
 * handle's body, clock and identity helpers.  Never installed.
 */
#ifndef YK_CORE_CORE_H
#define YK_CORE_CORE_H

#include <stdint.h>
#include <yaku/yaku.h>

#include "store/store.h"
#include "util/buf.h"

struct yk_project {
    yk_store *store;
    char *root;        /* absolute */
    char *user;        /* NULL until yk_core_user() first needs it */
    char *source_lang;
    char **targets;
    size_t ntargets;
};

/* The acting user (yk_project_set_user, else yk_default_user()), looked up
 * on first use: asking git costs a process, and read-only commands never
 * need to know who runs them. */
const char *yk_core_user(yk_project *p);

/* The current time as ISO 8601 UTC ("2026-11-24T13:32:52Z").  Honours
 * SOURCE_DATE_EPOCH so builds and tests are reproducible. */
void yk_core_now(char out[32]);

/* 64-bit FNV-1a digest as 16 hex digits: a quick fingerprint of a file's
 * bytes (equality is always confirmed byte for byte). */
void yk_core_digest(char out[17], const char *data, size_t len);

/* The front-matter keys to translate: the project setting, or the default. */
int yk_core_fm_keys(char **out, yk_project *p);

/* Store setting 'key' as 'value' (NULL: remove it) without the checks of
 * yk_config_set(), for a setting an upper layer has checked:
 * segmentation.srx, whose SRX content formats/srx.c validates. */
int yk_core_config_store(yk_project *p, const char *key, const char *value);

/* One segment as a format reader found it, for yk_core_register(). */
typedef struct yk_core_seg {
    const char *text;
    size_t len;
    const char *kind;
    int line;
} yk_core_seg;

typedef struct yk_core_document {
    const char *path; /* relative to the root, normalised */
    const char *chapter;
    int chapter_given; /* --chapter: a known document must already be in it */
    const char *format, *segment_mode, *fm_keys;
    const char *content;
    size_t content_len;
    const void *segmap; /* where the segments lie (formats/document.h), or NULL */
    size_t segmap_len;
    /* yk_core_digest of the content when the caller has it (add computes it
     * on its parse-ahead thread), else NULL */
    const char *digest;
} yk_core_document;

/* Record a parsed document: insert it, or align its new segments with the
 * stored ones (unchanged keep id and translations, changed become fuzzy,
 * removed are archived, new are numbered after the chapter's last).
 * Inside the caller's transaction. */
int yk_core_register(yk_add_result *out, yk_project *p, const yk_core_document *doc,
                     const yk_core_seg *segs, size_t nsegs);

/* Replace the target of segment chapter:n in 'lang' by 'target', keeping its
 * state, with a history row under 'action' (translation.c).  YK_ECONFLICT
 * when the stored target is no longer 'expected'; YK_ENOTFOUND; YK_EDB.
 * Inside the caller's transaction. */
int yk_core_translation_rewrite(yk_project *p, const char *chapter, int n, const char *lang,
                                const char *expected, const char *target, const char *action);

#endif
