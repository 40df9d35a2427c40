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

#endif
