/*
 * Inline markup of a segment for the tag-based exchange formats: one pass
 * finds the candidate codes (code spans, links, footnote references, HTML,
 * shortcodes, emphasis delimiter runs), then pairs them and makes the
 * pairs nest.  No Markdown parser is involved: a segment is a sentence cut
 * out of a block, which cmark-gfm could not parse on its own.
 */
#include "formats/inline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* Longest code span, link, tag or shortcode looked for: keeps the scan
 * linear on hostile input (no sentence holds a longer one). */
#define SPAN_MAX 4096
/* How far back a closer looks for its opener. */
#define STACK_MAX 256
#define NONE SIZE_MAX

typedef struct tok {
    size_t off, len;
    yk_inline_kind kind;
    yk_inline_role role;
    size_t partner;
    size_t name_off, name_len; /* HTML and shortcode tags */
    char delim;                /* emphasis runs: '*', '_' or '~' */
    unsigned char can_open, can_close;
} tok;

/* A link end waiting for the scan to reach it. */
typedef struct pending {
    size_t off, len, open;
    yk_inline_kind kind;
    yk_inline_role role;
} pending;

typedef struct scan {
    const char *s;
    size_t len;
    tok *t;
    size_t nt, tcap;
    pending *p;
    size_t np, pcap;
} scan;

static size_t add(scan *sc, size_t off, size_t len, yk_inline_kind kind, yk_inline_role role)
{
    tok *t;
    sc->t = yk_xgrow(sc->t, &sc->tcap, sc->nt + 1, sizeof(*sc->t));
    t = &sc->t[sc->nt];
    memset(t, 0, sizeof(*t));
    t->off = off;
    t->len = len;
    t->kind = kind;
    t->role = role;
    t->partner = NONE;
    return sc->nt++;
}

static void push_pending(scan *sc, size_t off, size_t len, size_t open, yk_inline_kind kind,
                         yk_inline_role role)
{
    sc->p = yk_xgrow(sc->p, &sc->pcap, sc->np + 1, sizeof(*sc->p));
    sc->p[sc->np].off = off;
    sc->p[sc->np].len = len;
    sc->p[sc->np].open = open;
    sc->p[sc->np].kind = kind;
    sc->p[sc->np].role = role;
    sc->np++;
}

/* ---- characters ---- */

static int ascii_punct(unsigned char c)
{
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

static int ascii_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int ascii_alnum(unsigned char c)
{
    return ascii_alpha(c) || (c >= '0' && c <= '9');
}

/* Unicode white space; 0 stands for the start or end of the text, which
 * CommonMark counts as white space. */
static int is_ws(uint32_t c)
{
    return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
           c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

/* Punctuation and symbols (CommonMark 0.31 counts both), by block: exact
 * Unicode categories matter little for deciding what a delimiter run does. */
static int is_punct(uint32_t c)
{
    if (c < 0x80)
        return ascii_punct((unsigned char)c);
    return (c >= 0xA1 && c <= 0xBF) || c == 0xD7 || c == 0xF7 ||
           (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E) ||
           (c >= 0x2190 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) ||
           (c >= 0x3001 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) ||
           (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65);
}

static uint32_t cp_at(const char *s, size_t len, size_t i)
{
    uint32_t cp;
    if (i >= len)
        return 0;
    if (!yk_utf8_decode(&cp, s + i, len - i))
        return 0xFFFD;
    return cp;
}

static uint32_t cp_before(const char *s, size_t len, size_t i)
{
    size_t k;
    if (i == 0)
        return 0;
    k = i - 1;
    while (k > 0 && i - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return cp_at(s, len, k);
}

/* ---- spans ---- */

/* The end of the code span opening with the backtick run at i, or 0. */
static size_t code_span_end(const char *s, size_t i, size_t max)
{
    size_t run = 0, j, k;
    while (i + run < max && s[i + run] == '`')
        run++;
    if (max - i > SPAN_MAX)
        max = i + SPAN_MAX;
    for (j = i + run; j < max; j = k) {
        if (s[j] != '`') {
            k = j + 1;
            continue;
        }
        for (k = j; k < max && s[k] == '`'; k++)
            ;
        if (k - j == run)
            return k;
    }
    return 0;
}

static size_t skip_ws(const char *s, size_t k, size_t max)
{
    int newlines = 0;
    while (k < max && (s[k] == ' ' || s[k] == '\t' || (s[k] == '\n' && !newlines++)))
        k++;
    return k;
}

/*
 * A link or image whose '[' is at i: on success the offset of the ']' that
 * closes its text, the end of the close code, and the title's closing
 * quote and the link's end (title_at == 0 without a title).
 */
static int find_link(const char *s, size_t i, size_t max, size_t *bracket, size_t *close_end,
                     size_t *title_at, size_t *end)
{
    size_t j = i + 1, k, depth = 1;
    if (max - i > SPAN_MAX)
        max = i + SPAN_MAX;
    while (j < max) {
        if (s[j] == '\\' && j + 1 < max && ascii_punct((unsigned char)s[j + 1])) {
            j += 2;
            continue;
        }
        if (s[j] == '`') {
            size_t e = code_span_end(s, j, max);
            if (e) {
                j = e;
            } else {
                while (j < max && s[j] == '`')
                    j++;
            }
            continue;
        }
        if (s[j] == '[')
            depth++;
        else if (s[j] == ']' && --depth == 0)
            break;
        j++;
    }
    if (j + 1 >= max)
        return 0;
    *bracket = j;
    *title_at = 0;
    k = j + 1;
    if (s[k] == '[') { /* reference link [text][label] or [text][] */
        for (k++; k < max && s[k] != ']' && s[k] != '['; k++)
            if (s[k] == '\\' && k + 1 < max)
                k++;
        if (k >= max || s[k] != ']')
            return 0;
        *close_end = *end = k + 1;
        return 1;
    }
    if (s[k] != '(')
        return 0;
    k = skip_ws(s, k + 1, max);
    if (k < max && s[k] == '<') {
        for (k++; k < max && s[k] != '>' && s[k] != '\n' && s[k] != '<'; k++)
            if (s[k] == '\\' && k + 1 < max)
                k++;
        if (k >= max || s[k] != '>')
            return 0;
        k++;
    } else {
        int parens = 0;
        while (k < max && (unsigned char)s[k] > ' ') {
            if (s[k] == '\\' && k + 1 < max && ascii_punct((unsigned char)s[k + 1])) {
                k += 2;
                continue;
            }
            if (s[k] == '(' && ++parens > 32)
                return 0;
            if (s[k] == ')' && parens-- == 0)
                break;
            k++;
        }
    }
    {
        size_t after_dest = k;
        k = skip_ws(s, k, max);
        if (k < max && k > after_dest && (s[k] == '"' || s[k] == '\'' || s[k] == '(')) {
            char q = s[k] == '(' ? ')' : s[k];
            size_t open_quote = k;
            for (k++; k < max && s[k] != q; k++)
                if (s[k] == '\\' && k + 1 < max)
                    k++;
            if (k >= max)
                return 0;
            *close_end = open_quote + 1;
            *title_at = k;
            k = skip_ws(s, k + 1, max);
        } else {
            *close_end = 0;
        }
    }
    if (k >= max || s[k] != ')')
        return 0;
    *end = k + 1;
    if (!*close_end)
        *close_end = *end;
    return 1;
}

/* [^label]: its length, or 0. */
static size_t footnote_at(const char *s, size_t i, size_t max)
{
    size_t k;
    if (i + 2 >= max || s[i + 1] != '^')
        return 0;
    for (k = i + 2; k < max && k < i + 256; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c == ']')
            break;
        if (c <= ' ' || c == '[')
            return 0;
    }
    if (k >= max || s[k] != ']' || k == i + 2)
        return 0;
    if (k + 1 < max && (s[k + 1] == '(' || s[k + 1] == ':'))
        return 0;
    return k + 1 - i;
}

static int is_void_element(const char *name, size_t n)
{
    static const char *const voids[] = {"area", "base",  "br",   "col",   "embed",
                                        "hr",   "img",   "input", "link", "meta",
                                        "param", "source", "track", "wbr"};
    size_t i, k;
    for (i = 0; i < sizeof(voids) / sizeof(voids[0]); i++) {
        if (strlen(voids[i]) != n)
            continue;
        for (k = 0; k < n; k++)
            if ((name[k] | 0x20) != voids[i][k])
                break;
        if (k == n)
            return 1;
    }
    return 0;
}

static size_t find_str(const char *s, size_t from, size_t max, const char *what)
{
    size_t m = strlen(what), k;
    for (k = from; k + m <= max; k++)
        if (memcmp(s + k, what, m) == 0)
            return k;
    return NONE;
}

/* Raw HTML, an autolink or nothing at s[i] == '<': the code's length. */
static size_t html_at(const char *s, size_t i, size_t max, tok *t)
{
    size_t k = i + 1, e;
    if (max - i > SPAN_MAX)
        max = i + SPAN_MAX;
    if (k >= max)
        return 0;
    t->kind = YK_INLINE_HTML;
    t->role = YK_INLINE_ISOLATED;
    if (s[k] == '!' && k + 2 < max && s[k + 1] == '-' && s[k + 2] == '-') {
        e = find_str(s, k + 3, max, "-->");
        return e == NONE ? 0 : e + 3 - i;
    }
    if (s[k] == '?' || (s[k] == '!' && k + 1 < max && ascii_alpha((unsigned char)s[k + 1]))) {
        e = find_str(s, k, max, ">");
        return e == NONE ? 0 : e + 1 - i;
    }
    if (s[k] == '/') { /* end tag */
        size_t name = ++k;
        if (k >= max || !ascii_alpha((unsigned char)s[k]))
            return 0;
        while (k < max && (ascii_alnum((unsigned char)s[k]) || s[k] == '-'))
            k++;
        t->name_off = name;
        t->name_len = k - name;
        k = skip_ws(s, k, max);
        if (k >= max || s[k] != '>')
            return 0;
        t->role = YK_INLINE_CLOSE;
        return k + 1 - i;
    }
    if (!ascii_alpha((unsigned char)s[k]))
        return 0;
    /* autolink: scheme ":" then no space, '<' or '>' */
    {
        size_t j = k;
        while (j < max && j - k < 32 &&
               (ascii_alnum((unsigned char)s[j]) || s[j] == '+' || s[j] == '.' || s[j] == '-'))
            j++;
        if (j < max && s[j] == ':' && j - k >= 2) {
            for (j++; j < max && (unsigned char)s[j] > ' ' && s[j] != '<' && s[j] != '>'; j++)
                ;
            if (j < max && s[j] == '>') {
                t->kind = YK_INLINE_AUTOLINK;
                return j + 1 - i;
            }
            return 0;
        }
        j = k;
        while (j < max && (ascii_alnum((unsigned char)s[j]) ||
                            (s[j] && strchr(".!#$%&'*+/=?^_`{|}~-", s[j]))))
            j++;
        if (j < max && s[j] == '@' && j > k) {
            size_t d = ++j;
            while (j < max && (ascii_alnum((unsigned char)s[j]) || s[j] == '.' || s[j] == '-'))
                j++;
            if (j < max && s[j] == '>' && j > d) {
                t->kind = YK_INLINE_AUTOLINK;
                return j + 1 - i;
            }
        }
    }
    /* start tag */
    t->name_off = k;
    while (k < max && (ascii_alnum((unsigned char)s[k]) || s[k] == '-'))
        k++;
    t->name_len = k - t->name_off;
    if (k >= max || !(s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '/' || s[k] == '>'))
        return 0;
    while (k < max && s[k] != '>') {
        if (s[k] == '"' || s[k] == '\'') {
            const char *q = memchr(s + k + 1, s[k], max - k - 1);
            if (!q)
                return 0;
            k = (size_t)(q - s);
        } else if (s[k] == '<') {
            return 0;
        }
        k++;
    }
    if (k >= max)
        return 0;
    if (s[k - 1] != '/' && !is_void_element(s + t->name_off, t->name_len))
        t->role = YK_INLINE_OPEN;
    return k + 1 - i;
}

/* A Hugo shortcode at s[i] ("{{<" or "{{%"): its length, or 0. */
static size_t shortcode_at(const char *s, size_t i, size_t max, tok *t)
{
    char d = s[i + 2];
    char end[4] = {d == '<' ? '>' : d, '}', '}', '\0'};
    size_t e, k, last;
    if (max - i > SPAN_MAX)
        max = i + SPAN_MAX;
    e = find_str(s, i + 3, max, end);
    if (e == NONE)
        return 0;
    t->kind = YK_INLINE_SHORTCODE;
    t->role = YK_INLINE_ISOLATED;
    k = skip_ws(s, i + 3, e);
    for (last = e; last > k && (s[last - 1] == ' ' || s[last - 1] == '\t' || s[last - 1] == '\n');
         last--)
        ;
    if (k < e && s[k] == '/' && !(k + 1 < e && s[k + 1] == '*')) {
        k = skip_ws(s, k + 1, e);
        t->role = YK_INLINE_CLOSE;
    } else if (k < e && s[k] == '/') {
        return e + 3 - i; /* a commented-out shortcode, {{</ * ... * />}} */
    } else if (last > k && s[last - 1] != '/') {
        t->role = YK_INLINE_OPEN;
    }
    t->name_off = k;
    while (k < e && (unsigned char)s[k] > ' ' && s[k] != '/' && s[k] != end[0])
        k++;
    t->name_len = k - t->name_off;
    if (!t->name_len)
        t->role = YK_INLINE_ISOLATED;
    return e + 3 - i;
}

/* {#id .class}: its length, or 0. */
static size_t attributes_at(const char *s, size_t i, size_t max)
{
    size_t k;
    for (k = i + 2; k < max && k < i + 256; k++) {
        if (s[k] == '}')
            return k + 1 - i;
        if (s[k] == '\n' || s[k] == '{')
            return 0;
    }
    return 0;
}

/* ---- the scan ---- */

static void delimiter_run(scan *sc, size_t i, size_t run)
{
    const char *s = sc->s;
    char c = s[i];
    uint32_t prev = cp_before(s, sc->len, i), next = cp_at(s, sc->len, i + run);
    int left = !is_ws(next) && (!is_punct(next) || is_ws(prev) || is_punct(prev));
    int right = !is_ws(prev) && (!is_punct(prev) || is_ws(next) || is_punct(next));
    int can_open = left, can_close = right;
    size_t k;
    tok *t;
    if (c == '_') {
        can_open = left && (!right || is_punct(prev));
        can_close = right && (!left || is_punct(next));
    }
    if (!can_open && !can_close)
        return;
    k = add(sc, i, run, YK_INLINE_DELIMITER, YK_INLINE_ISOLATED);
    t = &sc->t[k];
    t->delim = c;
    t->can_open = (unsigned char)can_open;
    t->can_close = (unsigned char)can_close;
}

static void first_pass(scan *sc)
{
    const char *s = sc->s;
    size_t len = sc->len, i = 0;

    while (i < len) {
        size_t limit = sc->np ? sc->p[sc->np - 1].off : len, n = 0;
        unsigned char c = (unsigned char)s[i];
        tok t;

        if (sc->np && i == limit) {
            pending *p = &sc->p[--sc->np];
            size_t k = add(sc, p->off, p->len, p->kind, p->role);
            if (p->role == YK_INLINE_CLOSE) {
                sc->t[k].partner = p->open;
                sc->t[p->open].partner = k;
            }
            i += p->len;
            continue;
        }
        memset(&t, 0, sizeof(t));
        switch (c) {
        case '\\':
            i += i + 1 < limit && ascii_punct((unsigned char)s[i + 1]) ? 2 : 1;
            continue;
        case '`': {
            size_t e = code_span_end(s, i, limit);
            if (e) {
                add(sc, i, e - i, YK_INLINE_CODE, YK_INLINE_ISOLATED);
                i = e;
            } else {
                while (i < limit && s[i] == '`')
                    i++;
            }
            continue;
        }
        case '*':
        case '_':
        case '~': {
            size_t run = 1;
            while (i + run < limit && s[i + run] == (char)c)
                run++;
            if (c != '~' || run == 2)
                delimiter_run(sc, i, run);
            i += run;
            continue;
        }
        case '<':
            if ((n = html_at(s, i, limit, &t)) != 0) {
                size_t k = add(sc, i, n, t.kind, t.role);
                sc->t[k].name_off = t.name_off;
                sc->t[k].name_len = t.name_len;
                i += n;
                continue;
            }
            break;
        case '{':
            if (i + 2 < limit && s[i + 1] == '{' && (s[i + 2] == '<' || s[i + 2] == '%') &&
                (n = shortcode_at(s, i, limit, &t)) != 0) {
                size_t k = add(sc, i, n, t.kind, t.role);
                sc->t[k].name_off = t.name_off;
                sc->t[k].name_len = t.name_len;
                i += n;
                continue;
            }
            if (i + 1 < limit && s[i + 1] == '#' && (n = attributes_at(s, i, limit)) != 0) {
                add(sc, i, n, YK_INLINE_ATTRIBUTES, YK_INLINE_ISOLATED);
                i += n;
                continue;
            }
            break;
        case '!':
        case '[': {
            size_t open_len = c == '!' ? 2 : 1, bracket, close_end, title_at, end, k;
            yk_inline_kind kind = c == '!' ? YK_INLINE_IMAGE : YK_INLINE_LINK;
            if (c == '!' && !(i + 1 < limit && s[i + 1] == '['))
                break;
            if (c == '[' && (n = footnote_at(s, i, limit)) != 0) {
                add(sc, i, n, YK_INLINE_FOOTNOTE, YK_INLINE_ISOLATED);
                i += n;
                continue;
            }
            if (!find_link(s, i + open_len - 1, limit, &bracket, &close_end, &title_at, &end))
                break;
            k = add(sc, i, open_len, kind, YK_INLINE_OPEN);
            /* the title end comes after the close: pushed first */
            if (title_at)
                push_pending(sc, title_at, end - title_at, k, YK_INLINE_TITLE_END,
                             YK_INLINE_ISOLATED);
            push_pending(sc, bracket, close_end - bracket, k, kind, YK_INLINE_CLOSE);
            i += open_len;
            continue;
        }
        default:
            break;
        }
        i++;
    }
}

/* ---- pairing ---- */

static int same_name(const scan *sc, const tok *a, const tok *b)
{
    size_t k;
    if (a->kind != b->kind || a->name_len != b->name_len)
        return 0;
    for (k = 0; k < a->name_len; k++) {
        char x = sc->s[a->name_off + k], y = sc->s[b->name_off + k];
        if (a->kind == YK_INLINE_HTML ? (x | 0x20) != (y | 0x20) : x != y)
            return 0;
    }
    return 1;
}

static void pair(tok *t, size_t open, size_t close)
{
    t[open].partner = close;
    t[close].partner = open;
    t[open].role = YK_INLINE_OPEN;
    t[close].role = YK_INLINE_CLOSE;
}

/* Start and end tags of HTML and shortcodes, by name. */
static void pair_tags(scan *sc, size_t *stack)
{
    size_t i, n = 0, q;
    for (i = 0; i < sc->nt; i++) {
        tok *t = &sc->t[i];
        if (t->kind != YK_INLINE_HTML && t->kind != YK_INLINE_SHORTCODE)
            continue;
        if (t->role == YK_INLINE_OPEN) {
            stack[n++] = i;
        } else if (t->role == YK_INLINE_CLOSE) {
            for (q = n; q > 0 && n - q < STACK_MAX; q--) {
                const tok *o = &sc->t[stack[q - 1]];
                if (o->role == YK_INLINE_OPEN && same_name(sc, o, t))
                    break;
            }
            if (q > 0 && n - q < STACK_MAX) {
                pair(sc->t, stack[q - 1], i);
                n = q - 1;
            }
        }
    }
}

/* Emphasis: a closing run takes the nearest opening run of the same
 * character and length; the runs between can no longer pair. */
static void pair_emphasis(scan *sc, size_t *stack)
{
    size_t i, n = 0, q;
    for (i = 0; i < sc->nt; i++) {
        tok *t = &sc->t[i];
        if (t->kind != YK_INLINE_DELIMITER)
            continue;
        if (t->can_close) {
            for (q = n; q > 0 && n - q < STACK_MAX; q--) {
                const tok *o = &sc->t[stack[q - 1]];
                if (o->delim == t->delim && o->len == t->len)
                    break;
            }
            if (q > 0 && n - q < STACK_MAX) {
                yk_inline_kind k = t->delim == '~' ? YK_INLINE_STRIKE
                                   : t->len == 1   ? YK_INLINE_EMPHASIS
                                                   : YK_INLINE_STRONG;
                pair(sc->t, stack[q - 1], i);
                sc->t[stack[q - 1]].kind = k;
                t->kind = k;
                n = q - 1;
                continue;
            }
        }
        if (t->can_open)
            stack[n++] = i;
    }
}

static void unpair(tok *t, size_t i)
{
    size_t p = t[i].partner;
    size_t ends[2] = {i, p};
    int k;
    for (k = 0; k < 2; k++) {
        tok *x = &t[ends[k]];
        x->partner = NONE;
        x->role = YK_INLINE_ISOLATED;
        if (x->kind == YK_INLINE_EMPHASIS || x->kind == YK_INLINE_STRONG ||
            x->kind == YK_INLINE_STRIKE)
            x->kind = YK_INLINE_DELIMITER;
    }
}

/* Pairs that cross another (**a [b** c](u)) become isolated codes. */
static void make_nest(scan *sc, size_t *stack)
{
    size_t i, n = 0;
    for (i = 0; i < sc->nt; i++) {
        tok *t = &sc->t[i];
        if (t->partner == NONE)
            continue;
        if (t->role == YK_INLINE_OPEN) {
            stack[n++] = i;
            continue;
        }
        while (n > 0 && stack[n - 1] != t->partner)
            unpair(sc->t, stack[--n]);
        if (n > 0)
            n--;
    }
}

void yk_inline_scan(yk_inline *out, const char *s, size_t len)
{
    scan sc;
    size_t *stack, *remap, i;

    memset(&sc, 0, sizeof(sc));
    sc.s = s;
    sc.len = len;
    out->n = 0;
    first_pass(&sc);
    stack = yk_xmalloc((sc.nt + 1) * sizeof(*stack));
    remap = yk_xmalloc((sc.nt + 1) * sizeof(*remap));
    pair_tags(&sc, stack);
    pair_emphasis(&sc, stack);
    make_nest(&sc, stack);
    for (i = 0; i < sc.nt; i++) {
        tok *t = &sc.t[i];
        remap[i] = NONE;
        if (t->partner == NONE) {
            t->role = YK_INLINE_ISOLATED;
            /* a lone run is markup only when it cannot be a literal '*':
             * "2*3" stays text, "**" opening bold continued in the next
             * sentence is kept */
            if (t->kind == YK_INLINE_DELIMITER && t->len < 2 && t->can_open && t->can_close)
                continue;
        }
        remap[i] = out->n;
        out->v = yk_xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
        out->v[out->n].off = t->off;
        out->v[out->n].len = t->len;
        out->v[out->n].kind = t->kind;
        out->v[out->n].role = t->role;
        out->v[out->n].partner = t->partner;
        out->n++;
    }
    for (i = 0; i < out->n; i++)
        out->v[i].partner = out->v[i].partner == NONE ? i : remap[out->v[i].partner];
    free(remap);
    free(stack);
    free(sc.t);
    free(sc.p);
}

void yk_inline_release(yk_inline *x)
{
    if (!x)
        return;
    free(x->v);
    x->v = NULL;
    x->n = x->cap = 0;
}
