/*
 * yaku — shared terminology: a glossary of concepts, each with terms in any
 * number of languages (approved, or forbidden variants), notes and part of
 * speech.  Import and export TBX (TBX-Basic, TBX v3 / ISO 30042) and
 * TSV/CSV; add and list entries.
 */
#ifndef YAKU_GLOSSARY_H
#define YAKU_GLOSSARY_H

#include <yaku/project.h>

/** ## The data
 *
 * A concept groups the terms that mean the same thing.  An approved term in
 * the project's source language is an entry that segments are matched
 * against; the approved terms of the same concept in a target language are
 * its translations, the forbidden ones variants that must not be used.
 * All strings are borrowed for the duration of a callback.
 */
typedef struct yk_glossary_term {
    const char *lang;   /* BCP 47, normalised ("zh-Hans", "ko") */
    const char *text;
    int forbidden;      /* 1: a variant not to use */
    int case_sensitive; /* 1: matched with its case ("PR" but not "pr") */
    const char *pos;    /* part of speech ("noun", "verb"...), or NULL */
    const char *note;   /* usage note for this term, or NULL */
} yk_glossary_term;

typedef struct yk_glossary_concept {
    const char *id;   /* stable concept id, e.g. "open-source" or "g12" */
    const char *note; /* usage note for the concept, or NULL */
    const yk_glossary_term *terms;
    size_t nterms;    /* in file order: approved before forbidden per language */
} yk_glossary_concept;

/* Calls 'fn' for each concept, in the order they were added.  'lang' not
 * NULL: only terms in the project's source language and in 'lang', and only
 * concepts with an approved source-language term.  A non-zero return from
 * 'fn' stops the walk and is returned.  YK_OK or YK_EDB. */
int yk_glossary_foreach(yk_project *project, const char *lang,
                        int (*fn)(const yk_glossary_concept *c, void *payload), void *payload);

/** ## Adding */

typedef struct yk_glossary_add_options {
    const char *const *forbidden; /* variants to forbid in the target language */
    size_t nforbidden;
    const char *note; /* concept note; NULL keeps the existing one */
    const char *pos;  /* part of speech, or NULL */
} yk_glossary_add_options;
#define YK_GLOSSARY_ADD_OPTIONS_INIT {NULL, 0, NULL, NULL}

/* Set 'target' as the approved term in 'lang' for 'source', a term in the
 * project's source language: the concept that already has 'source' gets it
 * (replacing its approved terms in 'lang'), else a new concept is made.
 * *created is 1 for a new concept.  Inside the caller's transaction.
 * YK_EINVAL for an empty or multi-line term, a language that is not a
 * project target, or a forbidden variant equal to the target; YK_EDB. */
int yk_glossary_add(int *created, yk_project *project, const char *source, const char *lang,
                    const char *target, const yk_glossary_add_options *opts);

/** ## Import and export */

typedef enum {
    YK_GLOSSARY_AUTO = 0, /* from the file name and content */
    YK_GLOSSARY_TBX,
    YK_GLOSSARY_TSV,
    YK_GLOSSARY_CSV
} yk_glossary_format;

typedef struct yk_glossary_import_result {
    size_t concepts; /* in the file */
    size_t added;    /* new concepts */
    size_t updated;  /* concepts that existed (same id, or same first term) and were replaced */
    size_t terms;
} yk_glossary_import_result;

/* Read a TBX, TSV or CSV glossary and store its concepts, inside the
 * caller's transaction.  The whole file is validated before anything is
 * written.  A concept with an id replaces the stored concept with that id;
 * one without is matched by its first approved term.
 * YK_EINVAL for malformed input (the last error has file and line),
 * YK_ETOOBIG over 64 MiB, YK_EIO, YK_EDB. */
int yk_glossary_import(yk_glossary_import_result *out, yk_project *project, const char *path,
                       yk_glossary_format format);

/* Write the glossary as TBX (TBX v3, TBX-Basic dialect, DCA style) or TSV
 * into *out (free with yk_bytes_release()).  'lang' not NULL: only the
 * project's source language and 'lang'.  yk_glossary_import() of the result
 * gives the same concepts.  YK_EINVAL for YK_GLOSSARY_AUTO, YK_EDB. */
int yk_glossary_export(yk_bytes *out, yk_project *project, const char *lang,
                       yk_glossary_format format);

/* "tbx", "tsv", "csv" → the format; YK_EINVAL otherwise. */
int yk_glossary_format_from_name(yk_glossary_format *out, const char *name);

#endif
