/*
 * Internals of the translation-memory module, shared by tm.c (memory,
 * index, search, pretranslate) and fuzzy.c (normalisation, distance, diff,
 * placeables), and with formats/tmx.c, which feeds units in.  Never
 * installed.
 */
#ifndef YK_TM_TM_H
#define YK_TM_TM_H

#include <stddef.h>
#include <stdint.h>
#include <yaku/tm.h>

#include "core/core.h"
#include "store/tm.h"
#include "util/buf.h"

/** ## Tokens
 *
 * A text is compared as a sequence of tokens after normalisation: ASCII
 * and Latin-1 letters case-folded, full-width ASCII folded to half-width,
 * white space ignored, every inline markup (HTML tag, Markdown emphasis
 * delimiter, link bracket and target, code span, Hugo shortcode, TMX inline
 * code) one TAG token whatever its spelling, a number one token.
 * YK_TM_CHARS mode (source in Chinese, Japanese, Korean): every other
 * character is a token (a run of Latin letters is one).  YK_TM_WORDS mode:
 * words and punctuation marks are tokens. */
typedef enum { YK_TM_WORDS = 0, YK_TM_CHARS = 1 } yk_tm_mode;

enum { YK_TM_TEXT = 0, YK_TM_WORD, YK_TM_NUM, YK_TM_TAG };

#define YK_TM_TAG_TOKEN 0x00FFFFF0u
#define YK_TM_MAX_TOKENS 4096 /* longer texts are compared on their first tokens */

typedef struct yk_tm_tokens {
    uint32_t *id;    /* token ids */
    uint32_t *start; /* byte span in the text (raw tokenisation only) */
    uint32_t *end;
    unsigned char *kind; /* YK_TM_TEXT / WORD / NUM / TAG */
    size_t n, cap;
} yk_tm_tokens;

/* Tokenise text[0..len) into 'out' (reset first).  Invalid UTF-8 bytes
 * count as U+FFFD. */
void yk_tm_tokenize(yk_tm_tokens *out, const char *text, size_t len, yk_tm_mode mode);
void yk_tm_tokens_release(yk_tm_tokens *t);

/* The normalised form of text: its tokens written so that tokenising it
 * again gives the same ids (tags as U+FFFC).  Appended to 'out'. */
void yk_tm_normalize(yk_buf *out, const yk_tm_tokens *t, const char *text, yk_tm_mode mode);

/* The comparison mode of a source language. */
yk_tm_mode yk_tm_mode_for(const char *lang);

/* The language a pair is keyed by: the primary subtag, except Chinese,
 * keyed by script (zh, zh-CN, zh-SG, zh-Hans → zh-Hans; zh-TW, zh-HK,
 * zh-MO, zh-Hant → zh-Hant).  out holds 36 bytes. */
void yk_tm_lang_key(char out[36], const char *lang);

/** ## Distance and score */

/* Levenshtein distance between token sequences a and b, or k + 1 when it
 * is larger than k (banded: O(k * min(n, m))). */
size_t yk_tm_distance_bounded(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t k);

/* The score of distance d between sequences of n and m tokens:
 * floor(100 * (1 - d / max(n, m))). */
int yk_tm_score_of(size_t d, size_t n, size_t m);

/* The largest distance that still scores min_score against a sequence of
 * at most 'len' tokens. */
size_t yk_tm_max_distance(size_t len, int min_score);

/* A compact diff from 'old' (the memory's source) to 'new' (the query)
 * over their tokens, as word-diff text: "[-removed-]{+added+}". */
void yk_tm_diff(yk_buf *out, const char *old_text, const yk_tm_tokens *old_t, const char *new_text,
                const yk_tm_tokens *new_t, yk_tm_mode mode);

/* When the query and the memory source differ only in numbers and inline
 * markup (same tokens otherwise, same kinds in the same order), write into
 * 'out' the memory's target with the query's numbers and markup put in
 * place of the source's, and return a mask of what was substituted
 * (1 numbers, 2 markup); 0 when not applicable or when a changed number
 * or tag cannot be found in the target ('out' untouched). */
int yk_tm_substitute(yk_buf *out, const char *query, const yk_tm_tokens *qt, const char *source,
                     const yk_tm_tokens *st, const char *target);

/** ## Feeding the memory (formats/tmx.c, sync) */

typedef struct yk_tm_writer yk_tm_writer;

/* A writer adds units inside the caller's transaction and batches the
 * index postings (memory bounded: flushed every few tens of thousands of
 * units).  yk_tm_writer_finish() flushes; yk_tm_writer_free() alone
 * discards what was not flushed (the caller rolls back). */
int yk_tm_writer_open(yk_tm_writer **out, yk_project *p);
/* Add one unit (u->pair, u->id, u->norm are computed; u->src_lang and
 * u->tgt_lang name the pair).  *added is 0 for a duplicate. */
int yk_tm_writer_add(yk_tm_writer *w, yk_store_tm_unit *u, int *added);
int yk_tm_writer_finish(yk_tm_writer *w);
void yk_tm_writer_free(yk_tm_writer *w);

#endif
