/*
 * Sentence segmentation (ICU BreakIterator corrected by exception rules) and
 * the joining of target sentences back into a block.  Knows nothing about
 * documents or the database: text in, ranges out.
 */
#ifndef YK_SEGMENT_SEGMENT_H
#define YK_SEGMENT_SEGMENT_H

#include <stddef.h>

#include "util/buf.h"

typedef struct yk_range {
    size_t off, len;
} yk_range;

/* Split UTF-8 'text' (len bytes, need not be NUL-terminated) written in
 * language 'lang' (BCP 47: zh-Hans, zh-Hant, zh-CN, ja, ko, en, ...) into
 * sentences.  On success *out is a malloc'd array of *n ranges, in order,
 * non-overlapping, each trimmed of leading and trailing white space (ASCII
 * and U+3000) and non-empty; the caller frees it.  Text that is only white
 * space gives zero ranges.
 *
 * Never breaks inside: a URL, an e-mail address, inline code (`...`), a
 * Markdown link or image destination "](...)", an HTML tag or autolink
 * "<...>", a Hugo shortcode "{{< ... >}}" / "{{% ... %}}", a number such as
 * 3.14 or v1.2.3, or after a known abbreviation (e.g., i.e., Dr., U.S., ...).
 * Closing quotes and brackets after 。！？.!? stay with their sentence;
 * "……" and "——" do not end a sentence by themselves.
 *
 * A '\n' alone is a soft line break, not a boundary; a blank line is.  In
 * Japanese a quote closed after its full stop and followed by a particle
 * (「…。」と言った) continues the sentence.  Emoji and closing tags or
 * shortcodes right after a sentence's end stay with it.
 *
 * Returns YK_OK, YK_EINVAL for invalid UTF-8, YK_ETOOBIG for text over 1 GiB,
 * or YK_ERROR when ICU fails; on error *out is NULL and *n is 0. */
int yk_segment_sentences(yk_range **out, size_t *n, const char *text, size_t len,
                         const char *lang);

/** ## Project segmentation rules (SRX 2.0)
 *
 * formats/srx.c reads an SRX file into a yk_segment_srx_def (plain text and
 * line numbers); yk_segment_srx_compile() checks it and compiles its regular
 * expressions with ICU.
 *
 * How the rules correct yaku's boundaries (ICU plus the exceptions above,
 * which stay the default): at every position between two characters of a
 * block's text, the first rule (in SRX order: the languagerules the
 * languagemaps select for the language, each in file order) whose
 * beforebreak matches the text ending there and whose afterbreak matches
 * the text starting there decides; break="no" removes a boundary there,
 * break="yes" adds one, and where no rule matches yaku's boundary stands.
 * Positions separated only by white space are one position (yaku trims
 * sentences), so "\." + "\s" and "\.\s" + "[A-Z]" name the same place.
 * Never changed: positions inside protected spans (URLs, inline code,
 * links, HTML tags, shortcodes, e-mail addresses), and a blank line, which
 * always ends a sentence.  A rule's matches are found left to right without
 * overlapping, as other SRX tools do; a group number in afterbreak counts
 * after the groups of beforebreak.
 *
 * Work is bounded: each pattern runs under an ICU time and stack limit and
 * all the rules together get a step budget proportional to the text; a rule
 * that exceeds it fails the segmentation with YK_ETOOBIG rather than
 * running on. */

typedef struct yk_segment_srx_rule_def {
    int brk;            /* break="yes" (1) or "no" (0) */
    const char *before; /* beforebreak pattern, "" when absent */
    const char *after;  /* afterbreak pattern, "" when absent */
    int line, before_line, after_line; /* where they are in the file, for errors */
} yk_segment_srx_rule_def;

typedef struct yk_segment_srx_langrule_def {
    const char *name; /* languagerulename */
    const yk_segment_srx_rule_def *rules;
    size_t nrules;
    int line;
} yk_segment_srx_langrule_def;

typedef struct yk_segment_srx_map_def {
    const char *pattern; /* languagepattern: matched against the whole language tag */
    const char *name;    /* languagerulename it selects */
    int line;
} yk_segment_srx_map_def;

typedef struct yk_segment_srx_def {
    int cascade; /* header cascade="yes": every matching languagemap applies, in order */
    const yk_segment_srx_langrule_def *langrules;
    size_t nlangrules;
    const yk_segment_srx_map_def *maps;
    size_t nmaps;
} yk_segment_srx_def;

/* Compiled rules: immutable once compiled, so one object may serve several
 * threads at once (each thread matches with its own clones of the patterns,
 * see yk_segment_cleanup). */
typedef struct yk_segment_srx yk_segment_srx;

/* Most rules, and longest pattern in bytes, a rule set may have. */
#define YK_SEGMENT_SRX_MAX_RULES 20000
#define YK_SEGMENT_SRX_MAX_PATTERN 8192

/* Check 'def' and compile its patterns ('path' names the file in errors,
 * which carry the line of the element at fault).  On success *out holds
 * the rules; free them with yk_segment_srx_free().  Returns YK_OK;
 * YK_EINVAL for an invalid regular expression, a languagemap naming no
 * languagerule, two languagerules of one name; YK_ETOOBIG over
 * YK_SEGMENT_SRX_MAX_RULES rules or a pattern over
 * YK_SEGMENT_SRX_MAX_PATTERN bytes. */
int yk_segment_srx_compile(yk_segment_srx **out, const yk_segment_srx_def *def, const char *path);
void yk_segment_srx_free(yk_segment_srx *srx);

/* How many rules apply to language 'lang' (after languagemap selection). */
size_t yk_segment_srx_count(const yk_segment_srx *srx, const char *lang);

/* yk_segment_sentences() corrected by the project rules 'srx' (NULL: none)
 * selected for 'lang', as described above.  Also returns YK_ETOOBIG when a
 * rule exceeds its time or step budget on this text (the error names the
 * rule's line). */
int yk_segment_sentences_srx(yk_range **out, size_t *n, const char *text, size_t len,
                             const char *lang, const yk_segment_srx *srx);

/* The separator to put between two translated sentences of one block in
 * language 'lang': "" for Chinese and Japanese, " " otherwise. */
const char *yk_segment_joiner(const char *lang);

/* True when 'lang' is written without spaces between words and sentences
 * (Chinese, Japanese). */
int yk_segment_lang_is_cjk(const char *lang);

/* Remove soft line breaks from a translated block in a CJK target language:
 * a '\n' (with surrounding spaces) between two characters of which one is
 * CJK is dropped, a '\n' between two non-CJK characters becomes a space.
 * Hangul counts as non-CJK here, since Korean puts spaces between words.
 * Left as they are: a '\n' at either end, a blank line, and a Markdown hard
 * line break (two spaces or a backslash before the '\n').
 * Appends the result to out. */
void yk_segment_unwrap_cjk(yk_buf *out, const char *text, size_t len);

/* Release the ICU objects yk_segment_sentences cached in the calling thread:
 * break iterators and the clones of SRX patterns (optional, for leak
 * checkers and before a thread ends; the next call opens them again). */
void yk_segment_cleanup(void);

#endif
