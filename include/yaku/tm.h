/*
 * yaku — translation memory: every translated or reviewed segment of the
 * project plus imported TMX, fuzzy search with scores a translator reads
 * as percentages, pretranslation of new segments, TMX 1.4b in and out.
 */
#ifndef YAKU_TM_H
#define YAKU_TM_H

#include <yaku/translation.h>

/** ## Scores
 *
 * A score is 0-100: 100 * (1 - edit distance / length of the longer text),
 * rounded down.  Distance is counted in characters for a Chinese, Japanese
 * or Korean source and in words (and punctuation marks) otherwise, after
 * normalisation: case, full-width/half-width and white space do not count,
 * and every inline markup (HTML tag, Markdown emphasis, link, code span,
 * shortcode, TMX inline code) is one token whatever its spelling.  100 means
 * the same text byte for byte; texts equal after normalisation score 99.
 */

/* The score of 'b' as a match for 'a' in source language 'lang'. */
int yk_tm_score(const char *a, size_t alen, const char *b, size_t blen, const char *lang);

/** ## Searching */

typedef struct yk_tm_match {
    int score;
    int context;            /* same source in the same chapter as the query */
    const char *source;     /* the memory's source */
    const char *target;     /* the suggestion: numbers/markup substituted when 'substituted' */
    const char *memory_target; /* the target as stored */
    const char *substituted; /* NULL, "numbers", "markup" or "numbers, markup" */
    const char *diff;       /* memory source -> query: "[-removed-]{+added+}" */
    const char *origin;     /* "project" or "tmx" */
    const char *project, *file, *translator, *chapter, *date; /* each may be NULL */
    const char *source_lang, *target_lang;
    long long unit;         /* the unit's id */
} yk_tm_match;

typedef struct yk_tm_matches {
    yk_tm_match *v; /* best first */
    size_t n;
} yk_tm_matches;
void yk_tm_matches_free(yk_tm_matches *m);

typedef struct yk_tm_search_options {
    int min_score;           /* 50-100; default 70 */
    size_t max;              /* at most this many matches; default 5 */
    const char *chapter;     /* the query's chapter, for context matches; may be NULL */
    const char *source_lang; /* NULL: the project's source language */
} yk_tm_search_options;
#define YK_TM_SEARCH_OPTIONS_INIT {70, 5, NULL, NULL}

/* Matches for 'text' in the memory for target language 'lang', best first:
 * higher score, then context matches, then newer.  Candidates come from the
 * n-gram index (a lookup reads the postings of the query's grams, never the
 * whole memory) and every one is verified by a bounded edit distance, so
 * all units scoring min_score or more are found.  *out is the caller's;
 * free it with yk_tm_matches_free().  YK_EINVAL for a bad language tag or
 * min_score outside 50-100, YK_EDB. */
int yk_tm_search(yk_tm_matches **out, yk_project *project, const char *lang, const char *text,
                 size_t len, const yk_tm_search_options *opts);

/* For many lookups in a row (pretranslate, benchmarks): the language pair
 * and the scratch memory are set up once. */
typedef struct yk_tm_searcher yk_tm_searcher;
int yk_tm_searcher_open(yk_tm_searcher **out, yk_project *project, const char *lang,
                        const char *source_lang);
int yk_tm_searcher_search(yk_tm_matches **out, yk_tm_searcher *searcher, const char *text,
                          size_t len, const yk_tm_search_options *opts);
void yk_tm_searcher_close(yk_tm_searcher *searcher);

/** ## Keeping the index current
 *
 * Translations reach the memory at once (database triggers); their index
 * entries are added by the next yk_tm_sync(), which the TM commands call.
 * Until then searches check those units one by one.  Inside the caller's
 * transaction. */
int yk_tm_sync(yk_project *project);

/** ## TMX */

typedef struct yk_tm_import_result {
    size_t units;      /* translation units read */
    size_t added;      /* memory entries added (one per source/target pair) */
    size_t duplicates; /* already in the memory */
    size_t skipped;    /* <tu> with no source or no target text */
} yk_tm_import_result;

/* Read a TMX 1.4b file (streamed: memory stays bounded) into the memory,
 * inside the caller's transaction.  Inline <bpt>/<ept>/<ph>/<it>/<hi>/<ut>
 * are kept (and exported again as they came).  YK_EINVAL with file:line for
 * malformed XML, invalid UTF-8, a <tuv> without xml:lang, a DOCTYPE that
 * declares entities (never expanded or fetched); YK_ENOTFOUND, YK_EIO,
 * YK_EDB.  On error the caller rolls back: nothing is imported. */
int yk_tm_import_tmx(yk_tm_import_result *out, yk_project *project, const char *path);

typedef struct yk_tm_export_options {
    const char *lang;    /* only this target language; NULL: every pair */
    const char *chapter; /* only units from this chapter of the project; NULL: all */
} yk_tm_export_options;
#define YK_TM_EXPORT_OPTIONS_INIT {NULL, NULL}

/* Write the memory as TMX 1.4b to 'path' (streamed, then renamed into
 * place).  *count gets the number of <tu> written.  YK_EINVAL, YK_EIO. */
int yk_tm_export_tmx(size_t *count, yk_project *project, const char *path,
                     const yk_tm_export_options *opts);

/** ## Pretranslation */

typedef struct yk_pretranslate_options {
    int min_score;       /* default 75 */
    const char *chapter; /* NULL: every chapter */
} yk_pretranslate_options;
#define YK_PRETRANSLATE_OPTIONS_INIT {75, NULL}

typedef struct yk_pretranslate_result {
    size_t considered; /* new segments looked up */
    size_t filled;     /* filled as fuzzy */
    size_t exact;      /* of which scored 100 */
    size_t substituted; /* of which had numbers/markup substituted */
} yk_pretranslate_result;

/* Fill every segment of 'lang' that is still new with its best memory
 * match scoring min_score or more, as fuzzy; the history row of the fill
 * notes the score and origin, and the matched source becomes the previous
 * source (PO "#| msgid").  Translated, reviewed and fuzzy segments are
 * never touched.  Inside the caller's transaction.  YK_EINVAL, YK_ENOTFOUND
 * (chapter), YK_EDB. */
int yk_tm_pretranslate(yk_pretranslate_result *out, yk_project *project, const char *lang,
                       const yk_pretranslate_options *opts);

#endif
