/*
 * Internals of the glossary module shared with the layers above it (check,
 * formats): loading one source→target pair into memory and finding its
 * terms in segment text.  Never installed.
 */
#ifndef YK_GLOSSARY_GLOSSARY_H
#define YK_GLOSSARY_GLOSSARY_H

#include <stddef.h>
#include <yaku/yaku.h>

/* Loaded terms for one source→target pair. */
typedef struct yk_glossary yk_glossary;

/* One match of a glossary source term in a text.  Strings are borrowed from
 * the glossary and valid until yk_glossary_free(). */
typedef struct yk_term_hit {
    size_t off, len;         /* byte range of the match in the text */
    const char *source_term; /* borrowed from the glossary */
    const char *target;      /* approved target term for the pair's language, or NULL */
    const char *const *forbidden;
    size_t nforbidden;       /* forbidden variants in the target language */
    const char *note;        /* or NULL */
    long long entry_id;
    /* added after the first shape */
    const char *concept;            /* the concept id ("open-source") */
    const char *const *targets;     /* every approved target term, preferred first */
    size_t ntargets;
} yk_term_hit;

/* Load every entry whose source language is the project's source language,
 * with its terms for 'target_lang'.  *out is owned by the caller; free it
 * with yk_glossary_free().  Returns YK_OK, YK_EINVAL or YK_EDB. */
int yk_glossary_load(yk_glossary **out, yk_project *p, const char *target_lang);
void yk_glossary_free(yk_glossary *g);

/* Matches of glossary source terms in 'text' (a segment source; Markdown
 * inline syntax allowed), in text order, never overlapping, longest first
 * at a position; never inside a URL, an inline code span or a link
 * destination.  *out is malloc'd (NULL when *n is 0); the caller frees it.
 * Returns YK_OK. */
int yk_glossary_match(yk_term_hit **out, size_t *n, const yk_glossary *g, const char *text,
                      size_t len);

/* 1 when 'term' (a target-language term) occurs in 'target_text' under the
 * same normalisation as yk_glossary_match() (case folding, inflection for
 * Latin script, substring for CJK), else 0. */
int yk_glossary_target_contains(const yk_glossary *g, const char *target_text, size_t len,
                                const char *term);

/* The first forbidden variant of 'hit' used in 'target_text', or NULL.  An
 * occurrence inside an approved target term does not count (the forbidden
 * メンテナ inside the approved メンテナー; コミュニティー is reported, since
 * its ー is outside the approved コミュニティ).  The string is hit's.  Use
 * this rather than yk_glossary_target_contains() for forbidden variants. */
const char *yk_glossary_forbidden_in(const yk_glossary *g, const char *target_text, size_t len,
                                     const yk_term_hit *hit);

/** ## Concept sets: what import reads and export writes */

/* A set of concepts in memory; strings and term arrays are owned by the set.
 * Readers (formats/tbx.c, formats/tsv.c) fill it; yk_glossary_store() writes
 * it; yk_glossary_read() fills it from the project. */
typedef struct yk_glossary_set {
    yk_glossary_concept *v;
    size_t n, cap;
    int *lines; /* input line of each concept (0: unknown) */
    char **strings;
    size_t nstrings, strings_cap;
} yk_glossary_set;
#define YK_GLOSSARY_SET_INIT {NULL, 0, 0, NULL, NULL, 0, 0}

void yk_glossary_set_release(yk_glossary_set *set);
/* Append a concept (id, note may be NULL); returns its index. */
size_t yk_glossary_set_concept(yk_glossary_set *set, const char *id, const char *note, int line);
/* Append a term to concept 'i'; strings are copied. */
void yk_glossary_set_term(yk_glossary_set *set, size_t i, const yk_glossary_term *t);
/* A copy owned by the set, or NULL for NULL. */
const char *yk_glossary_set_strdup(yk_glossary_set *set, const char *s, size_t len);

/* The default of the case-sensitive flag for a term: 1 for an acronym of
 * two or more capitals ("PMC", "OSPO", "PR"), else 0. */
int yk_glossary_auto_case(const char *term);

/* Check a set read from 'path' (languages normalised, terms trimmed and
 * single-line, each concept with an approved term, no term both approved
 * and forbidden) and normalise it in place.  YK_EINVAL with path:line. */
int yk_glossary_validate(yk_glossary_set *set, const char *path);

/* Store every concept of a validated set, inside the caller's transaction. */
int yk_glossary_store(yk_glossary_import_result *out, yk_project *p, const yk_glossary_set *set);

/* 1 when glossary language 'a' serves project language 'b': the same tag,
 * one being the other's primary language ("en" / "en-US"), or the same
 * Chinese script (zh-CN ~ zh-Hans, zh-TW ~ zh-Hant). */
int yk_glossary_lang_match(const char *a, const char *b);

/* Read the project's glossary ('lang' as in yk_glossary_foreach). */
int yk_glossary_read(yk_glossary_set *out, yk_project *p, const char *lang);

#endif
