/*
 * Store: glossary tables.  A concept (glossary_concepts) has terms in any
 * number of languages (glossary_terms), each approved or forbidden.  An
 * approved term in a project's source language is a glossary entry; the
 * terms of the same concept in a target language are its approved targets
 * and forbidden variants.
 */
#ifndef YK_STORE_GLOSSARY_H
#define YK_STORE_GLOSSARY_H

#include <stdint.h>

#include "store/store.h"

/* The concept with this key, or YK_ENOTFOUND. */
int yk_store_glossary_concept_find(int64_t *out, yk_store *store, const char *key);
/* The first concept with 'term' approved in 'lang' (exact bytes), or YK_ENOTFOUND. */
int yk_store_glossary_concept_by_term(int64_t *out, yk_store *store, const char *lang,
                                      const char *term);
/* Insert a concept (key NULL: a fresh "gN" key is made) and set *out. */
int yk_store_glossary_concept_insert(int64_t *out, yk_store *store, const char *key,
                                     const char *note, const char *who, const char *at);
int yk_store_glossary_concept_set_note(yk_store *store, int64_t id, const char *note);
/* Remove every term of a concept in 'lang' with 'status' (lang or status
 * NULL: any). */
int yk_store_glossary_terms_delete(yk_store *store, int64_t concept_id, const char *lang,
                                   const char *status);
/* Add a term; an identical (concept, lang, term) row is replaced. */
int yk_store_glossary_term_put(yk_store *store, int64_t concept_id, const char *lang,
                               const char *term, int forbidden, int case_sensitive,
                               const char *pos, const char *note);

typedef struct yk_store_glossary_row {
    int64_t term_id, concept_id;
    const char *concept, *concept_note;
    const char *lang, *term, *pos, *note; /* pos, note: NULL when none */
    int forbidden, case_sensitive;
} yk_store_glossary_row;

/* Terms in concept order, then term order; only language 'lang' when not
 * NULL, only approved terms when approved_only. */
int yk_store_glossary_terms(yk_store *store, const char *lang, int approved_only,
                            int (*fn)(const yk_store_glossary_row *r, void *payload),
                            void *payload);

#endif
