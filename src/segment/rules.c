/*
 * The exception rules that correct ICU's sentence boundaries for the text
 * yaku sees: Markdown with inline code, links, HTML and Hugo shortcodes,
 * mixed CJK and Latin, full- and half-width punctuation.  Works on byte
 * offsets of valid UTF-8; knows nothing of ICU.  A project's own SRX rules
 * (read by formats/srx.c) are applied after these, by srx.c.
 */
#include <stdint.h>
#include <string.h>

#include "segment/segment_internal.h"
#include "util/utf8.h"
#include "util/banned.h"

/* Protected spans longer than this are assumed to be unclosed. */
#define MAX_SPAN 4096

/* A boundary moved by past_trailers(): kept without a second look. */
#define APPROVED 2

typedef struct ctx {
    const char *s;
    size_t len;
    unsigned char *brk;  /* brk[i]: candidate boundary at offset i */
    unsigned char *prot; /* prot[i]: offset i is inside a protected span */
} ctx;

/* ---- characters ---- */

/* The text is valid UTF-8 (checked by the caller), so this only decodes;
 * it still never reads past the end. */
static inline uint32_t cp_at(const ctx *c, size_t i, size_t *n)
{
    const unsigned char *s = (const unsigned char *)c->s + i;
    size_t left = c->len - i;
    unsigned char b = s[0];

    if (b < 0x80) {
        *n = 1;
        return b;
    }
    if (b < 0xE0 && left >= 2) {
        *n = 2;
        return ((uint32_t)(b & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (b < 0xF0 && left >= 3) {
        *n = 3;
        return ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    if (left >= 4) {
        *n = 4;
        return ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
               ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
    *n = 1; /* cannot happen on validated text */
    return 0;
}

/* The code point that ends just before offset i (i > 0); *start receives its offset. */
static uint32_t cp_before(const ctx *c, size_t i, size_t *start)
{
    size_t j = i - 1, n;
    while (j > 0 && ((unsigned char)c->s[j] & 0xC0) == 0x80)
        j--;
    *start = j;
    return cp_at(c, j, &n);
}

/* strchr() that does not match the NUL byte: the text may contain one. */
static int in_set(char ch, const char *set)
{
    return ch != '\0' && strchr(set, ch) != NULL;
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x3000;
}

static int is_ascii_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static int is_upper(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
           (cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x410 && cp <= 0x42F);
}

static int is_hangul(uint32_t cp)
{
    return (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) ||
           (cp >= 0x3130 && cp <= 0x318F);
}

static int is_hiragana(uint32_t cp)
{
    return cp >= 0x3041 && cp <= 0x309F;
}

/* Full stops, question and exclamation marks of the scripts yaku meets. */
static int is_term(uint32_t cp)
{
    switch (cp) {
    /* clang-format off */
    case '.': case '!': case '?':
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61: case 0xFF0E: /* 。！？｡． */
    case 0x203C: case 0x2047: case 0x2048: case 0x2049:               /* ‼⁇⁈⁉ */
    case 0xFE52: case 0xFE56: case 0xFE57:                             /* small forms */
    case 0x0964: case 0x0965: case 0x061F: case 0x06D4: case 0x0589:
        /* clang-format on */
        return 1;
    default:
        return 0;
    }
}

/* The terminators that end a CJK sentence whatever follows them. */
static int is_cjk_term(uint32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF61;
}

static int is_ellipsis(uint32_t cp)
{
    return cp == 0x2026 || cp == 0x2025; /* … ‥ */
}

/* Closing quotes and brackets that stay with the sentence they close. */
static int is_closer(uint32_t cp)
{
    switch (cp) {
    /* clang-format off */
    case '"': case '\'': case ')': case ']': case '}':
    case 0x2019: case 0x201D: case 0x00BB: case 0x203A:             /* ’ ” » › */
    case 0x300D: case 0x300F: case 0x3009: case 0x300B: case 0x3011: /* 」』〉》】 */
    case 0x3015: case 0x3017: case 0x3019: case 0x301B:             /* 〕〗〙〛 */
    case 0x301E: case 0x301F:                                       /* 〞〟 */
    case 0xFF09: case 0xFF3D: case 0xFF5D: case 0xFF02: case 0xFF07: /* ）］｝＂＇ */
    case 0xFF63:                                                    /* ｣ */
        /* clang-format on */
        return 1;
    default:
        return 0;
    }
}

/*
 * Pictographs, flags, skin tones, and the joiners and selectors that glue
 * them into one emoji.
 */
static int is_emoji(uint32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0xFE0F || cp == 0x200D || cp == 0x20E3 ||
           (cp >= 0xE0020 && cp <= 0xE007F);
}

static int is_comma_like(uint32_t cp)
{
    return cp == ',' || cp == ';' || cp == ':' || cp == 0xFF0C || cp == 0x3001 || cp == 0xFF1B ||
           cp == 0xFF1A;
}

/* ---- protected spans: no boundary strictly inside ---- */

static void protect(ctx *c, size_t start, size_t end)
{
    size_t i;
    for (i = start + 1; i < end && i < c->len; i++)
        c->prot[i] = 1;
}

/* The first offset >= i holding byte ch, or c->len: the protected spans
 * start at rare bytes, and memchr passes over the rest much faster than a
 * loop testing each byte. */
static size_t next_byte(const ctx *c, size_t i, char ch)
{
    const char *p = i < c->len ? memchr(c->s + i, ch, c->len - i) : NULL;
    return p ? (size_t)(p - c->s) : c->len;
}

static int has_prefix(const ctx *c, size_t i, const char *p)
{
    size_t n = strlen(p);
    return i + n <= c->len && memcmp(c->s + i, p, n) == 0;
}

/*
 * Where a URL starting at 'from' ends: at white space, CJK text, quotes or
 * angle brackets, minus the punctuation that ends the sentence around it.
 */
static size_t url_end(const ctx *c, size_t from)
{
    size_t k = from, n, open_paren = 0, close_paren = 0, open_sq = 0, close_sq = 0;

    while (k < c->len) {
        uint32_t cp = cp_at(c, k, &n);
        if (is_space(cp) || yk_is_cjk(cp) || cp == '<' || cp == '>' || cp == '"' || cp == '`' ||
            (cp >= 0x2000 && cp <= 0x206F))
            break;
        open_paren += cp == '(';
        close_paren += cp == ')';
        open_sq += cp == '[';
        close_sq += cp == ']';
        k += n;
    }
    while (k > from) {
        char ch = c->s[k - 1];
        if (ch == ')' && close_paren > open_paren)
            close_paren--;
        else if (ch == ']' && close_sq > open_sq)
            close_sq--;
        else if (!in_set(ch, ".,;:!?'*_"))
            break;
        k--;
    }
    return k;
}

static void protect_urls(ctx *c)
{
    size_t i, colon = next_byte(c, 0, ':'), w = next_byte(c, 0, 'w');

    for (i = 0; i < c->len; i++) {
        size_t start;
        /* the next ':' (of "://") or 'w' (of "www."), each found once */
        if (colon < i)
            colon = next_byte(c, i, ':');
        if (w < i)
            w = next_byte(c, i, 'w');
        i = colon < w ? colon : w;
        if (i >= c->len)
            break;
        start = i;
        if (has_prefix(c, i, "://")) {
            while (start > 0 && (is_ascii_alnum((unsigned char)c->s[start - 1]) ||
                                 in_set(c->s[start - 1], "+.-")))
                start--;
            if (start == i)
                continue;
        } else if (!has_prefix(c, i, "www.") ||
                   (i > 0 && (is_ascii_alnum((unsigned char)c->s[i - 1]) || c->s[i - 1] == '/'))) {
            continue;
        }
        protect(c, start, url_end(c, i + 3));
    }
}

static int is_email_local(char ch)
{
    return is_ascii_alnum((unsigned char)ch) || in_set(ch, "._%+-");
}

static int is_domain(char ch)
{
    return is_ascii_alnum((unsigned char)ch) || ch == '.' || ch == '-';
}

static void protect_emails(ctx *c)
{
    size_t i, l, r, k;

    for (i = 0; i < c->len; i++) {
        int dot = 0;
        if ((i = next_byte(c, i, '@')) >= c->len)
            break;
        for (l = i; l > 0 && is_email_local(c->s[l - 1]); l--)
            ;
        for (r = i + 1; r < c->len && is_domain(c->s[r]); r++)
            ;
        while (r > i + 1 && (c->s[r - 1] == '.' || c->s[r - 1] == '-'))
            r--;
        for (k = i + 1; k < r; k++)
            dot |= c->s[k] == '.';
        if (l < i && dot)
            protect(c, l, r);
    }
}

/* CommonMark code spans: a run of n backticks up to the next run of exactly n. */
static void protect_code(ctx *c)
{
    size_t i = 0;

    while (i < c->len) {
        size_t n = 0, k;
        if (c->s[i] != '`') {
            i = next_byte(c, i, '`');
            continue;
        }
        while (i + n < c->len && c->s[i + n] == '`')
            n++;
        for (k = i + n; k < c->len;) {
            size_t m = 0;
            if (c->s[k] != '`') {
                k = next_byte(c, k, '`');
                continue;
            }
            while (k + m < c->len && c->s[k + m] == '`')
                m++;
            if (m == n)
                break;
            k += m;
        }
        if (k < c->len) {
            protect(c, i, k + n);
            i = k + n;
        } else {
            i += n;
        }
    }
}

/*
 * A whole Markdown link or image "[text](dest)": splitting its text from its
 * destination would leave neither sentence rebuildable.
 */
static void protect_links(ctx *c)
{
    size_t i, k, start;

    for (i = 0; i + 1 < c->len; i++) {
        int depth = 1;
        if ((i = next_byte(c, i, ']')) + 1 >= c->len)
            break;
        if (c->s[i + 1] != '(')
            continue;
        for (k = i + 2; k < c->len && k - i < MAX_SPAN; k++) {
            if (c->s[k] == '(')
                depth++;
            else if (c->s[k] == ')' && --depth == 0)
                break;
        }
        if (depth != 0 || k >= c->len)
            continue;
        depth = 1;
        for (start = i; start > 0 && i - start < MAX_SPAN; start--) {
            if (c->s[start - 1] == ']')
                depth++;
            else if (c->s[start - 1] == '[' && --depth == 0)
                break;
        }
        if (depth == 0) {
            start--;
            if (start > 0 && c->s[start - 1] == '!')
                start--;
        } else {
            start = i;
        }
        protect(c, start, k + 1);
    }
}

/* HTML tags, comments and autolinks "<...>". */
static void protect_tags(ctx *c)
{
    size_t i, k;

    for (i = 0; i + 1 < c->len; i++) {
        char ch;
        if ((i = next_byte(c, i, '<')) + 1 >= c->len)
            break;
        ch = c->s[i + 1];
        if (!(is_ascii_alnum((unsigned char)ch) || in_set(ch, "/!?")))
            continue;
        for (k = i + 1; k < c->len && k - i < MAX_SPAN && c->s[k] != '>' && c->s[k] != '<'; k++)
            ;
        if (k < c->len && c->s[k] == '>')
            protect(c, i, k + 1);
    }
}

/* Hugo shortcodes "{{< >}}", "{{% %}}" and template actions "{{ }}". */
static void protect_shortcodes(ctx *c)
{
    size_t i, k;

    for (i = 0; i + 1 < c->len; i++) {
        if ((i = next_byte(c, i, '{')) + 1 >= c->len)
            break;
        if (c->s[i + 1] != '{')
            continue;
        for (k = i + 2; k + 1 < c->len && k - i < MAX_SPAN; k++)
            if (c->s[k] == '}' && c->s[k + 1] == '}')
                break;
        if (k + 1 < c->len && k - i < MAX_SPAN)
            protect(c, i, k + 2);
    }
}

/* ---- vetoes ---- */

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return 1;
    return 0;
}

/* Abbreviations after which a sentence never ends (the '.' is left off). */
static const char *const abbrev_always[] = {
    "Dr",   "Mr",   "Mrs", "Ms",   "Mx",  "Prof", "St",  "Jr",     "Sr",  "Mt",  "Gen",  "Rev",
    "Hon",  "vs",   "Vs",  "cf",   "Cf",  "viz",  "ca",  "approx", "Fig", "fig", "Figs", "figs",
    "Eq",   "eq",   "Ch",  "ch",   "Sec", "sec",  "Vol", "vol",    "Ed",  "ed",  "eds",  "resp",
    "Dept", "dept", "Sgt", "Capt", "Col", "Lt",   "Gov", "Pres",   "Rep", "Sen", NULL};

/*
 * Abbreviations that may end a sentence: only a capital (or Hangul) after
 * them starts a new one.
 */
static const char *const abbrev_maybe[] = {"etc", "Inc", "Ltd", "Co", "Corp", "al", "Bros", NULL};

/* Abbreviations that are never last before a number: "No. 5", "pp. 12". */
static const char *const abbrev_number[] = {"No",  "no",  "Nos", "nos", "Nr",  "nr",  "p", "pp",
                                            "Art", "art", "Op",  "op",  "Tab", "tab", NULL};

/*
 * A run of single letters each followed by '.', as in "U.S" or "e.g"
 * (final '.' left off), or one capital initial "J".
 */
static int is_initials(const char *w, size_t n)
{
    size_t i;
    if (n == 1)
        return w[0] >= 'A' && w[0] <= 'Z';
    if (n < 3 || n % 2 == 0)
        return 0;
    for (i = 0; i < n; i++) {
        int letter = (w[i] >= 'a' && w[i] <= 'z') || (w[i] >= 'A' && w[i] <= 'Z');
        if ((i % 2 == 0 && !letter) || (i % 2 == 1 && w[i] != '.'))
            return 0;
    }
    return 1;
}

/* The word that ends at offset 'end' (ASCII letters, digits and inner dots). */
static size_t word_start(const ctx *c, size_t end)
{
    size_t w = end;
    while (w > 0 && (is_ascii_alnum((unsigned char)c->s[w - 1]) || c->s[w - 1] == '.'))
        w--;
    while (w < end && c->s[w] == '.')
        w++;
    return w;
}

static int all_digits(const char *w, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (w[i] < '0' || w[i] > '9')
            return 0;
    return n > 0;
}

/* A list number "1." or "12." that starts its sentence or follows a colon. */
static int is_list_marker(const ctx *c, size_t w, size_t n, size_t last)
{
    size_t p = w, q;
    uint32_t prev;

    if (n > 2 || !all_digits(c->s + w, n))
        return 0;
    while (p > last) {
        prev = cp_before(c, p, &q);
        if (!is_space(prev))
            return prev == ':' || prev == 0xFF1A;
        p = q;
    }
    return 1;
}

/* Whether a '.' ending at 'dot_end' belongs to an abbreviation given what follows. */
static int after_abbreviation(const ctx *c, size_t dot_end, size_t i, size_t last)
{
    size_t w = word_start(c, dot_end - 1), n = dot_end - 1 - w, m;
    const char *word = c->s + w;
    uint32_t next = i < c->len ? cp_at(c, i, &m) : 0;

    if (n == 0)
        return 0;
    /* Part of a path or URL ("/b.c.", "x=A."), not a word of its own. */
    if (w > 0 && (unsigned char)c->s[w - 1] < 0x80 && !is_space((unsigned char)c->s[w - 1]) &&
        !in_set(c->s[w - 1], "([{\"'*_"))
        return 0;
    if (w > 0 && (unsigned char)c->s[w - 1] >= 0x80) {
        /* Glued to a non-ASCII word ("ça." or "了.") it is no abbreviation. */
        size_t q;
        uint32_t prev = cp_before(c, w, &q);
        if (!yk_is_cjk(prev) && !is_space(prev) && prev < 0x2000)
            return 0;
    }
    if (word_in(word, n, abbrev_always) || is_initials(word, n))
        return 1;
    if (word_in(word, n, abbrev_maybe))
        return !(is_upper(next) || is_hangul(next));
    if (word_in(word, n, abbrev_number))
        return next >= '0' && next <= '9';
    return is_list_marker(c, w, n, last);
}

/*
 * Whether the candidate boundary at i survives.  'last' is the previous
 * surviving boundary (or 0).  The text before i must end like a sentence:
 * terminator, then closing brackets or emoji, then white space; a blank line
 * always separates.  ICU also breaks at every line end, which inside a
 * paragraph is only a soft wrap.
 */
static int keep_boundary(const ctx *c, size_t i, size_t last)
{
    size_t p = i, q, t_end, t_start, m, newlines = 0;
    uint32_t cp, next = 0, last_term = 0;
    int ws_before, had_closer, dots = 0, others = 0;

    if (c->prot[i])
        return 0;
    while (p > last) {
        cp = cp_before(c, p, &q);
        if (!is_space(cp))
            break;
        if (cp == '\n' && ++newlines >= 2)
            return 1;
        p = q;
    }
    ws_before = p < i;
    t_end = p;
    while (t_end > last) {
        cp = cp_before(c, t_end, &q);
        /* Spaces only between an emoji and the terminator: "Done! 🎉". */
        if (!is_closer(cp) && !is_emoji(cp) && !(is_space(cp) && t_end < p))
            break;
        t_end = q;
    }
    had_closer = t_end < p;
    t_start = t_end;
    while (t_start > last) {
        cp = cp_before(c, t_start, &q);
        if (is_term(cp)) {
            if (!last_term)
                last_term = cp;
            dots += cp == '.';
            others += cp != '.';
        } else if (is_ellipsis(cp)) {
            dots += 2;
        } else {
            break;
        }
        t_start = q;
    }
    if (!last_term)
        return 0;
    if (i < c->len)
        next = cp_at(c, i, &m);

    /* "Wait...what", "这是...真的吗": an ellipsis glued to what follows. */
    if (dots >= 2 && others == 0 && !ws_before && !had_closer)
        return 0;
    /* "“Really?”, he asked", "。”，": the sentence goes on. */
    if (is_comma_like(next))
        return 0;
    /* "Ask (why?) then go": ICU breaks after every ?!, English goes on in lower case. */
    if ((last_term == '?' || last_term == '!') && next >= 'a' && next <= 'z')
        return 0;
    if (dots == 1 && others == 0 && !had_closer) {
        /* 3.14, example.org, file.txt */
        if (!ws_before && is_ascii_alnum(next))
            return 0;
        if (after_abbreviation(c, t_end, i, last))
            return 0;
    }
    if (!ws_before) {
        /* 「こんにちは。」と言った / 本当？と聞いた: a quoted sentence inside a
         * sentence.  Whatever the document's language: hiragana is only ever
         * Japanese, and a Chinese report may quote Japanese. */
        if (had_closer && is_hiragana(next))
            return 0;
        if (!had_closer && last_term != 0x3002 && last_term != '.' &&
            (next == 0x3068 || next == 0x3063)) /* と っ(て) */
            return 0;
    }
    return 1;
}

/*
 * Length of a closing tag "</b>" or closing shortcode "{{< /note >}}",
 * "{{% /note %}}" at offset i, or 0.
 */
static size_t closing_markup(const ctx *c, size_t i)
{
    size_t k;

    if (has_prefix(c, i, "{{<") || has_prefix(c, i, "{{%")) {
        for (k = i + 3; k < c->len && c->s[k] == ' '; k++)
            ;
        if (k >= c->len || c->s[k] != '/')
            return 0;
    } else if (!has_prefix(c, i, "</")) {
        return 0;
    }
    /*
     * Only complete ones: those are protected spans, ending at the first
     * unprotected offset.
     */
    for (k = i + 1; k < c->len && c->prot[k]; k++)
        ;
    return k > i + 2 && (c->s[k - 1] == '>' || c->s[k - 1] == '}') ? k - i : 0;
}

/*
 * What follows a sentence's end but still belongs to it: emoji ("完成！🎉")
 * and the closing tags and shortcodes of markup opened inside it.
 */
static size_t past_trailers(const ctx *c, size_t i)
{
    size_t j = i, n, m;

    while (j < c->len) {
        uint32_t cp = cp_at(c, j, &n);
        if (is_emoji(cp)) {
            j += n;
            continue;
        }
        if ((m = closing_markup(c, j)) > 0) {
            j += m;
            continue;
        }
        /* Spaces only between trailers, never after the last one. */
        if (is_space(cp) && j > i) {
            size_t k = j;
            while (k < c->len && is_space(cp_at(c, k, &n)))
                k += n;
            if (k < c->len && (is_emoji(cp_at(c, k, &n)) || closing_markup(c, k) > 0)) {
                j = k;
                continue;
            }
        }
        break;
    }
    return j;
}

/* ---- boundaries ICU misses ---- */

/* Past the terminators, closing brackets and emoji that follow offset i. */
static size_t skip_tail(const ctx *c, size_t i)
{
    size_t n;
    while (i < c->len) {
        uint32_t cp = cp_at(c, i, &n);
        if (!is_term(cp) && !is_ellipsis(cp) && !is_closer(cp) && !is_emoji(cp))
            break;
        i += n;
    }
    return i;
}

/*
 * ICU does not always break after 。！？ (before Latin text, after some
 * quotes), nor after a half-width !? closing a CJK sentence; and a '.' then a
 * space then Hangul or a capital starts a new sentence in Korean and English.
 * Candidates only: the vetoes below still apply.
 */
static void add_breaks(ctx *c)
{
    /* Only . ! ? and the CJK full stops (lead bytes E3, EF) matter here.  No
     * byte of the table occurs inside another character of valid UTF-8, so
     * the rest, continuation bytes included, is passed over a byte at a
     * time with one lookup each. */
    static const unsigned char stop[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1,
                                            [0xE3] = 1, [0xEF] = 1};
    const unsigned char *s = (const unsigned char *)c->s;
    const size_t len = c->len; /* a local: brk[] writes could alias c->len */
    size_t i = 0, n, j, p;

    for (;;) {
        uint32_t cp;
        int cjk_end;
        /* four bytes per test: the loop is most of the pass */
        while (len - i >= 4 && !(stop[s[i]] | stop[s[i + 1]] | stop[s[i + 2]] | stop[s[i + 3]]))
            i += 4;
        while (i < len && !stop[s[i]])
            i++;
        if (i >= len)
            break;
        cp = cp_at(c, i, &n);
        cjk_end = is_cjk_term(cp);
        if (!cjk_end && (cp == '!' || cp == '?') && i > 0) {
            uint32_t prev = cp_before(c, i, &p);
            cjk_end = yk_is_cjk(prev) && !is_hangul(prev);
        }
        if (cjk_end) {
            j = skip_tail(c, i + n);
            if (j < c->len)
                c->brk[j] = 1;
            i = j;
            continue;
        }
        if (cp == '.' || cp == '!' || cp == '?') {
            size_t m;
            size_t k;
            int markup;
            j = skip_tail(c, i + n);
            /* "done.</em> Next": ICU reads the tag's letters as a lower-case continuation. */
            k = past_trailers(c, j);
            markup = k > j;
            if (k < c->len && is_space(cp_at(c, k, &m))) {
                while (k < c->len && is_space(cp_at(c, k, &m)))
                    k += m;
                if (k < c->len) {
                    uint32_t next = cp_at(c, k, &m);
                    if (is_hangul(next) || is_upper(next))
                        c->brk[markup ? j : k] = 1;
                }
            }
            i = j > i ? j : i + n;
            continue;
        }
        i += n;
    }
}

int yk_segment_lang_is(const char *lang, const char *primary)
{
    size_t i;

    if (!lang)
        return 0;
    for (i = 0; primary[i]; i++) {
        char a = lang[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != primary[i])
            return 0;
    }
    return lang[i] == '\0' || lang[i] == '-' || lang[i] == '_';
}

void yk_segment_rules_apply(unsigned char *brk, unsigned char *prot, const char *text, size_t len)
{
    ctx c;
    size_t i, last = 0;

    c.s = text;
    c.len = len;
    c.brk = brk;
    c.prot = prot;

    protect_code(&c);
    protect_urls(&c);
    protect_emails(&c);
    protect_links(&c);
    protect_tags(&c);
    protect_shortcodes(&c);
    add_breaks(&c);

    for (i = 1; i < len; i++) {
        size_t j;
        if ((i = yk_segment_next_set(brk, i, len)) >= len)
            break;
        if (brk[i] == APPROVED) {
            brk[i] = 1;
            last = i;
            continue;
        }
        brk[i] = 0;
        if (!keep_boundary(&c, i, last))
            continue;
        j = past_trailers(&c, i);
        if (j > i) {
            /* Moved past what belongs to the sentence, already approved. */
            if (j < len)
                brk[j] = APPROVED;
            continue;
        }
        brk[i] = 1;
        last = i;
    }
}
