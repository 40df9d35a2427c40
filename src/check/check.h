/*
 * Internals of the check module: the registry of checks, the scanned form of
 * a segment's text (markup tokens and a prose mask), the session that runs
 * the per-segment checks as segments arrive and the book-wide ones at the
 * end.  Never installed.
 */
#ifndef YK_CHECK_CHECK_H
#define YK_CHECK_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <yaku/check.h>

#include "glossary/glossary.h"
#include "util/buf.h"

/** ## The registry (registry.c) */

enum {
    CK_MARKUP_LINK_URL,
    CK_MARKUP_TAGS,
    CK_CODE_SPAN,
    CK_NUMBER,
    CK_URL,
    CK_EMAIL,
    CK_PLACEHOLDER,
    CK_EMPTY,
    CK_UNTRANSLATED,
    CK_IDENTICAL,
    CK_HANGUL_JA,
    CK_KANA_KO,
    CK_SIMPLIFIED,
    CK_LATIN_RUN,
    CK_GLOSSARY_MISSING,
    CK_GLOSSARY_FORBIDDEN,
    CK_CONS_SOURCE,
    CK_CONS_TARGET,
    CK_CONS_TERM,
    CK_JA_PUNCT,
    CK_JA_SPACE_PUNCT,
    CK_JA_ALNUM_SPACING,
    CK_JA_DIGITS,
    CK_JA_LONG_VOWEL,
    CK_KO_SPACE_PUNCT,
    CK_KO_PUNCT,
    CK_KO_SPELLING,
    CK_ZH_SPACE,
    CK_ZH_PUNCT,
    CK_WS_EDGES,
    CK_DOUBLED_WORD,
    CK_DOUBLED_PUNCT,
    CK_LENGTH_RATIO,
    CK_SOFT_BREAK,
    CK_COUNT
};

/* Language classes of a target. */
enum { CK_L_JA = 1, CK_L_KO = 2, CK_L_ZH = 4, CK_L_OTHER = 8, CK_L_ALL = 15 };

struct yk_ck_seg;

typedef struct yk_check_def {
    const char *id;
    yk_check_severity severity;
    unsigned langs;        /* CK_L_* */
    const char *languages; /* the same, for the catalogue */
    const char *description;
    /* Meaning-preserving fix: appends the corrected 'len' bytes of 't' to
     * out; returns 1 when something changed.  NULL: not fixable. */
    int (*fix)(yk_buf *out, const struct yk_ck_seg *seg, const char *t, size_t len);
} yk_check_def;

extern const yk_check_def yk_check_defs[CK_COUNT];

/* The language class of a BCP 47 tag. */
unsigned yk_ck_lang_class(const char *lang);

/** ## Scanned text (scan.c)
 *
 * One pass over a segment's Markdown inline text finds the tokens the
 * checks compare and marks which bytes are prose (translatable words) and
 * which are protected (code, URLs, link destinations, tags, shortcodes,
 * placeholders).  Typography checks look at prose bytes only. */

typedef enum {
    TK_CODE,        /* `code`: value is the content */
    TK_LINK,        /* [text](url): value is the url */
    TK_IMAGE,       /* ![alt](url) */
    TK_REFLINK,     /* [text][label]: value is the label */
    TK_FOOTNOTE,    /* [^label] */
    TK_AUTOLINK,    /* <https://...> */
    TK_URL,         /* bare http(s):// or www. */
    TK_EMAIL,
    TK_HTML,        /* value "<name" or "</name", lower case */
    TK_SHORTCODE,   /* value "{{<name" / "{{</name" */
    TK_EMPH,        /* value the delimiter run: "**", "*", "_", "__", "~~" */
    TK_PLACEHOLDER, /* %s, %1$d, %(name)s, {0}, {name}, ${name}, {{ name }} */
    TK_NUMBER       /* value normalised: ASCII digits, no thousands separators */
} yk_ck_kind;

typedef struct yk_ck_token {
    yk_ck_kind kind;
    size_t off, len; /* the token's bytes in the text */
    size_t val;      /* offset of its NUL-terminated value in the text's 'vals' */
} yk_ck_token;

typedef struct yk_ck_text {
    const char *s;
    size_t len;
    yk_ck_token *tok;
    size_t ntok, cap;
    yk_buf vals;
    unsigned char *prose; /* len bytes: 1 for prose */
    struct yk_ck_cp *cps; /* the text as code points (yk_ck_decode) */
    size_t ncps;
    size_t dec;           /* bytes decoded into cps so far (while scanning) */
    unsigned pcls;        /* YK_CK_P_*: what the prose holds, for quick exits */
    size_t room;          /* bytes of text 'prose' and 'cps' have room for */
    yk_buf num;           /* scratch for number values */
} yk_ck_text;

void yk_ck_scan(yk_ck_text *out, const char *s, size_t len);

/* Run a fix rule on a target: scan 'len' bytes of t, let 'rule' write the
 * fixed text into out.  True when the rule changed something. */
int yk_ck_apply_rule(int (*rule)(yk_buf *out, const yk_ck_text *t, size_t *at), yk_buf *out,
                     const char *t, size_t len);
/* Scan again into a text scanned (or zeroed) before, reusing its buffers:
 * the session scans 100k segments without allocating for each. */
void yk_ck_rescan(yk_ck_text *t, const char *s, size_t len);
void yk_ck_text_release(yk_ck_text *t);
#define YK_CK_VAL(t, k) ((t)->vals.buf + (k)->val)

/* Code point helpers. */
size_t yk_ck_next_slow(uint32_t *cp, const char *s, size_t len, size_t i);
/* The code point at i (U+FFFD for an invalid byte): its length in bytes.
 * Inline for ASCII and well-formed three-byte sequences (the CJK ranges)
 * that need no overlong or surrogate test; the rest as yk_utf8_decode. */
static inline size_t yk_ck_next(uint32_t *cp, const char *s, size_t len, size_t i)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if (((u[0] >= 0xE1 && u[0] <= 0xEC) || u[0] == 0xEE || u[0] == 0xEF) && len - i >= 3 &&
        (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    }
    return yk_ck_next_slow(cp, s, len, i);
}
size_t yk_ck_prev(uint32_t *cp, const char *s, size_t i);              /* start of the cp before i */
/* Inline: every check asks them of every code point. */
static inline int yk_ck_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3134F) || cp == 0x3005;
}
static inline int yk_ck_is_kana(uint32_t cp)
{
    return (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF && cp != 0x30FB) ||
           (cp >= 0x31F0 && cp <= 0x31FF);
}
static inline int yk_ck_is_hangul(uint32_t cp)
{
    return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0x3130 && cp <= 0x318F);
}
/* han, kana, the long-vowel mark, 々 */
static inline int yk_ck_is_ja(uint32_t cp)
{
    return cp >= 0x3005 && (yk_ck_is_han(cp) || yk_ck_is_kana(cp));
}
/* ASCII white space, U+3000, NBSP */
static inline int yk_ck_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}
/* ASCII-only byte classes: text is UTF-8 whatever the C locale says. */
static inline int yk_ck_ascii_alpha(unsigned char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}
static inline int yk_ck_ascii_alnum(unsigned char c)
{
    return yk_ck_ascii_alpha(c) || (unsigned char)(c - '0') < 10;
}
/* ASCII letters and digits */
static inline int yk_ck_is_alnum(uint32_t cp)
{
    return cp < 0x80 && yk_ck_ascii_alnum((unsigned char)cp);
}
/* A text as code points, for checks that look at neighbours. */
typedef struct yk_ck_cp {
    uint32_t cp;
    size_t off;
    unsigned char len, prose;
} yk_ck_cp;
/* Classes of prose code points, gathered while decoding: a check whose
 * pattern needs one the text lacks has nothing to find. */
enum {
    YK_CK_P_ALPHA = 1,  /* ASCII letter */
    YK_CK_P_SPACE = 2,  /* ' ' or U+3000 */
    YK_CK_P_FW = 4,     /* full-width digit or Latin letter */
    YK_CK_P_HANGUL = 8  /* yk_ck_is_hangul */
};
static inline unsigned yk_ck_pclass(uint32_t cp)
{
    if (cp < 0x80)
        return yk_ck_ascii_alpha((unsigned char)cp) ? YK_CK_P_ALPHA
               : cp == ' '                         ? YK_CK_P_SPACE
                                                   : 0;
    if ((cp > 0x3000 && cp < 0x3130) || (cp > 0x318F && cp < 0xAC00))
        return 0; /* kana, CJK marks, kanji: the bulk of a CJK text */
    if (cp == 0x3000)
        return YK_CK_P_SPACE;
    if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
        (cp >= 0xFF41 && cp <= 0xFF5A))
        return YK_CK_P_FW;
    return yk_ck_is_hangul(cp) ? YK_CK_P_HANGUL : 0;
}
/* The code points of t: *n entries plus a sentinel with cp 0 at t->len.
 * Borrowed from t (decoded once by yk_ck_scan). */
void yk_ck_decode(const yk_ck_cp **out, size_t *n, const yk_ck_text *t);

/* First occurrence of needle in hay, or NULL (memmem is a GNU extension). */
const char *yk_ck_find(const char *hay, size_t hlen, const char *needle, size_t nlen);
/* Append at most 'max' bytes of s (cut at a character boundary, "…" when
 * cut) for quoting in a message. */
void yk_ck_quote(yk_buf *out, const char *s, size_t max);
/* Code points of prose, not counting white space: the "length" of a text. */
size_t yk_ck_prose_chars(const yk_ck_text *t);

/** ## Segments and the session (registry.c)
 *
 * A session walks the book twice, so that its memory grows with one
 * document, not with the book.  The first walk only learns what the
 * book-wide checks need, in compact form (hashes of the normalised texts,
 * counts per word and term, per chapter); the second checks each segment
 * and, knowing the whole book by then, gives it its share of the book-wide
 * findings at once.  The findings and texts of the second walk are kept
 * for one batch (a document) until the caller reports and clears it.
 * Between the walks the caller hands over the few segments the book-wide
 * messages quote (yk_ck_session_next_quote). */

typedef struct yk_ck_seg {
    size_t idx; /* in the batch */
    const char *chapter;
    int n;
    const char *state;
    const char *src, *tgt;
    size_t src_len, tgt_len;
    yk_ck_text s, t; /* scanned source and target */
    yk_term_hit *hits; /* glossary matches in the source */
    size_t nhits;
} yk_ck_seg;

/* A segment of the batch. */
typedef struct yk_ck_stored {
    const char *chapter; /* interned */
    int n;
    /* Copies once the segment is added, kept for a segment with findings
     * only (NULL for the others, and tgt for an untranslated one); the
     * row's own texts while it is being checked. */
    char *src, *tgt;
    char *fixed;         /* corrected target when --fix changed it, else NULL */
    int alnum_spaced, alnum_tight; /* ja: Japanese↔Latin boundaries with and without space */
    int written;
} yk_ck_stored;

typedef struct yk_ck_session yk_ck_session;

/* A session checks one language.  'only' as in yk_check_options; 'glossary'
 * is borrowed and may be NULL.  YK_EINVAL for an unknown check id. */
int yk_ck_session_new(yk_ck_session **out, const char *src_lang, const char *tgt_lang,
                      const char *only, const yk_glossary *glossary, int fix);
/* First walk: learn one segment, every segment of the book in book order.
 * 'state' "new" (or an empty target) only counts towards 'untranslated'. */
void yk_ck_session_learn(yk_ck_session *s, const char *chapter, int n, const char *state,
                         const char *source, size_t source_len, const char *target,
                         size_t target_len);
/* Whether the session has anything to learn: with no book-wide check on
 * (--only), the first walk is skipped and yk_ck_session_learned called
 * alone. */
int yk_ck_session_learns(const yk_ck_session *s);
/* End of the first walk: the book-wide figures are final. */
void yk_ck_session_learned(yk_ck_session *s);
/* The place (0 for the first segment learnt) of the next segment the
 * book-wide messages quote, SIZE_MAX when there is none, with its chapter
 * (borrowed from the session) and number; each is handed over with
 * yk_ck_session_quote, in book order, before the second walk. */
size_t yk_ck_session_next_quote(const yk_ck_session *s, const char **chapter, int *n);
void yk_ck_session_quote(yk_ck_session *s, size_t place, const char *chapter, int n,
                         const char *source, const char *target);
/* Second walk: check one segment and add it to the batch, with its share of
 * the book-wide findings.  The same segments in the same order as learnt. */
void yk_ck_session_add(yk_ck_session *s, const char *chapter, int n, const char *state,
                       const char *source, const char *target);
/* The same with the lengths known (target may be NULL, then 0). */
void yk_ck_session_add_n(yk_ck_session *s, const char *chapter, int n, const char *state,
                         const char *source, size_t source_len, const char *target,
                         size_t target_len);
/* The segments of the batch, in order, with their corrected targets. */
size_t yk_ck_session_count(const yk_ck_session *s);
yk_ck_stored *yk_ck_session_segment(yk_ck_session *s, size_t i);
/* Report the findings of the batch in document order. */
int yk_ck_session_report(yk_ck_session *s, const char *lang,
                         int (*fn)(const yk_check_finding *f, void *payload), void *payload);
/* Forget the batch (after its report): the next segment added starts one. */
void yk_ck_session_clear(yk_ck_session *s);
size_t yk_ck_session_checked(const yk_ck_session *s);
void yk_ck_session_free(yk_ck_session *s);

/* For the families. */
int yk_ck_on(const yk_ck_session *s, int check); /* enabled and applies to the target */
/* Simplified-only characters U+4E00..U+9FFF as a bitmap (script.c fills it
 * once per session; the session keeps it). */
#define YK_CK_SIMPLIFIED_BYTES ((0x9FFF - 0x4E00 + 1 + 7) / 8)
void yk_ck_simplified_fill(unsigned char bits[YK_CK_SIMPLIFIED_BYTES]);
const unsigned char *yk_ck_simplified_bits(const yk_ck_session *s);
unsigned yk_ck_target_class(const yk_ck_session *s);
unsigned yk_ck_source_class(const yk_ck_session *s);
const char *yk_ck_source_lang(const yk_ck_session *s);
const yk_glossary *yk_ck_glossary(const yk_ck_session *s);
/* Record a finding for segment idx; 'fix' (the corrected target) may be NULL. */
void yk_ck_emit(yk_ck_session *s, size_t idx, int check, const char *fix, const char *fmt, ...)
    YK_PRINTF(5, 6);
/* Emit with the check's own fixer applied to the target as the suggestion. */
void yk_ck_emit_fixable(yk_ck_session *s, const yk_ck_seg *seg, int check, const char *fmt, ...)
    YK_PRINTF(4, 5);
/* Set the corrected target of a stored segment (book-wide fixes). */
void yk_ck_set_fixed(yk_ck_session *s, size_t idx, char *fixed);

/* The meaning-preserving fixers (typo_*.c, form.c), see yk_check_def.fix. */
int yk_ck_fix_ja_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_ja_space_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_ja_digits(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_ko_space_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_ko_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_zh_space(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_zh_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_ws_edges(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_doubled_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);
int yk_ck_fix_soft_break(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len);

/** ## Families: per segment */
void yk_ck_markup(yk_ck_session *s, const yk_ck_seg *seg);
void yk_ck_numbers(yk_ck_session *s, const yk_ck_seg *seg);
void yk_ck_completeness(yk_ck_session *s, const yk_ck_seg *seg);
void yk_ck_script(yk_ck_session *s, const yk_ck_seg *seg);
void yk_ck_glossary_seg(yk_ck_session *s, const yk_ck_seg *seg);
void yk_ck_typo_ja(yk_ck_session *s, const yk_ck_seg *seg);
void yk_ck_typo_ko(yk_ck_session *s, const yk_ck_seg *seg);
void yk_ck_typo_zh(yk_ck_session *s, const yk_ck_seg *seg);
void yk_ck_form(yk_ck_session *s, const yk_ck_seg *seg);

/* ja: count the Japanese↔Latin boundaries of a target (typo_ja.c). */
void yk_ck_ja_alnum_count(const yk_ck_text *t, int *spaced, int *tight);

/** ## Families: book-wide
 *
 * Each learns in the first walk and reports on one segment in the second
 * (idx: the segment in the batch).  What they keep is bounded by the
 * vocabulary or the glossary, except consistency's 20 bytes a segment. */

/* Glossary renderings seen per term, for consistency-term (glossary.c). */
typedef struct yk_ck_term_use {
    long long entry;
    const char *term;      /* source term, borrowed from the glossary */
    const char *rendering; /* borrowed from the glossary */
    const char *approved;  /* the approved target, or NULL */
} yk_ck_term_use;

/* Consistency (consistency.c): sentences learnt as hashes of their
 * normalised source and target, terms as counts per rendering. */
typedef struct yk_ck_cons yk_ck_cons;
yk_ck_cons *yk_ck_cons_new(int sentences);
void yk_ck_cons_learn(yk_ck_cons *c, size_t place, int n, const char *src, size_t src_len,
                      const char *tgt, size_t tgt_len);
void yk_ck_cons_term_learn(yk_ck_cons *c, const yk_ck_term_use *u, size_t place,
                           const char *chapter, int n);
void yk_ck_cons_learned(yk_ck_cons *c, const yk_ck_session *s);
size_t yk_ck_cons_next_quote(const yk_ck_cons *c, int *n);
void yk_ck_cons_quote(yk_ck_cons *c, size_t place, const char *chapter, int n, const char *src,
                      const char *tgt);
/* The sentence findings of the segment at 'place', then those of its term
 * uses (in any order). */
void yk_ck_cons_check(yk_ck_session *s, yk_ck_cons *c, size_t place, size_t idx,
                      const yk_ck_term_use *uses, size_t nuses);
void yk_ck_cons_free(yk_ck_cons *c);

/* ja-alnum-spacing (typo_ja.c): the boundaries of a target, counted with
 * 'scratch' as scan buffers; then a segment against the book's totals. */
void yk_ck_ja_alnum_learn(yk_ck_text *scratch, const char *tgt, size_t len, size_t *spaced,
                          size_t *tight);
void yk_ck_ja_alnum_check(yk_ck_session *s, size_t idx, size_t spaced, size_t tight);
/* ja-long-vowel (typo_ja.c): katakana words counted per word. */
typedef struct yk_ck_lv yk_ck_lv;
yk_ck_lv *yk_ck_lv_new(void);
void yk_ck_lv_learn(yk_ck_lv *lv, const char *tgt, size_t len);
void yk_ck_lv_learned(yk_ck_lv *lv);
void yk_ck_lv_check(yk_ck_session *s, yk_ck_lv *lv, size_t idx, const char *tgt);
void yk_ck_lv_free(yk_ck_lv *lv);
/* ko-spelling (spell.c): Hangul words counted per word. */
typedef struct yk_ck_spell yk_ck_spell;
yk_ck_spell *yk_ck_spell_new(void);
void yk_ck_spell_learn(yk_ck_spell *sp, const char *tgt);
void yk_ck_spell_check(yk_ck_session *s, yk_ck_spell *sp, size_t idx, const char *tgt);
void yk_ck_spell_free(yk_ck_spell *sp);

/* Words the spelling check trusts: glossary targets met in this language. */
void yk_ck_trust_word(yk_ck_session *s, const char *word);
int yk_ck_trusted(const yk_ck_session *s, const char *word, size_t len);
/* Record the rendering a term got in the segment being learnt or checked. */
void yk_ck_term_use_add(yk_ck_session *s, const yk_ck_term_use *u);

/* Hunspell (spell.c): 1 when 'word' looks misspelt; *suggestion (static
 * buffer) holds the best close spelling.  Loads the dictionary on first use;
 * returns -1 when it is not installed. */
int yk_ck_spell_ko(const char *word, char suggestion[128]);
void yk_ck_spell_add_word(const char *word);
void yk_ck_spell_cleanup(void);

/** ## Arena for strings that live as long as a session or a map (map.c)
 *
 * 100k segments make 100k sources, targets and keys: one malloc per block
 * instead of one per string, one free for all.  Zeroed is empty. */
typedef struct yk_ck_arena {
    struct yk_ck_block *head;
    char *p;
    size_t left;
} yk_ck_arena;
/* A NUL-terminated copy of n bytes of s. */
char *yk_ck_arena_strndup(yk_ck_arena *a, const char *s, size_t n);
void yk_ck_arena_release(yk_ck_arena *a);

/** ## Small string-keyed hash map (map.c) */
typedef struct yk_ck_map {
    uint64_t *slots;              /* cap slots: hash bits and entry + 1, 0 empty */
    struct yk_ck_map_entry *ents; /* in insertion order */
    size_t cap, count, ecap;
    yk_ck_arena keys;             /* the copied keys */
} yk_ck_map;
#define YK_CK_MAP_INIT {NULL, NULL, 0, 0, 0, {NULL, NULL, 0}}
/* The value slot for 'key' (len bytes), inserting 0 when absent.  Valid
 * until the next insertion. */
size_t *yk_ck_map_at(yk_ck_map *m, const char *key, size_t len, int *inserted);
/* The same; *stored gets the map's copy of the key (NUL-terminated, valid
 * until the map is released). */
size_t *yk_ck_map_put(yk_ck_map *m, const char *key, size_t len, int *inserted,
                      const char **stored);
size_t *yk_ck_map_get(const yk_ck_map *m, const char *key, size_t len);
/* The i-th key inserted (i < m->count), *len its length, *value its slot. */
const char *yk_ck_map_entry(const yk_ck_map *m, size_t i, size_t *len, size_t **value);
void yk_ck_map_release(yk_ck_map *m);
/* The map's hash of len bytes, for callers that keep hashes, not keys. */
uint64_t yk_ck_hash(const char *s, size_t len);

#endif
