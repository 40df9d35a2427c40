/*
 * HTML, XHTML and DocBook sources.  libxml2 (formats/xml.c) says which
 * elements there are and how they nest, implied end tags and misnesting of
 * lenient HTML included; a lexer over the original bytes says exactly where
 * each tag lies.  Each element libxml2 reports is matched to its tags by the
 * parser's byte offset, and the inline content of block elements is cut out
 * of the source byte for byte: everything else stays skeleton, so a rebuild
 * without translations gives back the input.  What counts as inline, opaque
 * (code, scripts) or a block comes from the dialect (html.c, docbook.c).
 *
 * The matching is checked at every step; an element whose tags cannot be
 * matched exactly is treated as opaque, so a doubt costs a translatable
 * block, never a broken output.  Writing translations back into markup is
 * markup_escape.c's.
 */
#include "formats/formats.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "formats/markup_chars.h"
#include "formats/xml.h"
#include "util/error.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Deeper elements are skeleton: it bounds the recursion below. */
#define MAX_DEPTH 200
/* Longer element names are compared but never in a dialect's lists. */
#define NAME_CAP 40

enum tok_type { T_TEXT, T_START, T_END, T_COMMENT, T_CDATA, T_PI, T_DOCTYPE };

typedef struct mtok {
    size_t start, end; /* [start, end) of the source */
    size_t name_off;   /* tags: the name's offset and length */
    size_t name_len;
    unsigned char type, self_closing;
} mtok;

enum elem_class { C_BLOCK, C_INLINE, C_OPAQUE };

typedef struct melem {
    char name[NAME_CAP]; /* as libxml2 reports it (local, lower case in HTML) */
    size_t parent;
    size_t start_tok, end_tok; /* NONE when absent */
    size_t first_item, nitems; /* its children, after grouping */
    unsigned depth;
    unsigned char cls, uncertain, has_noninline, long_name;
} melem;

/* A child of an element: a token or an element, in source order. */
typedef struct mitem {
    size_t parent, index;
    int elem;
} mitem;

#define NONE ((size_t)-1)
#define IMPLIED ((size_t)-2) /* stack entry of an element without tags */

typedef struct mctx {
    const char *src;
    size_t len;
    const yk_markup_dialect *d;
    const yk_parse_options *opts;
    yk_doc *doc;
    mtok *toks;
    size_t ntoks, cap_toks;
    melem *elems;
    size_t nelems, cap_elems;
    mitem *items;
    size_t nitems, cap_items;
    size_t *stack;
    size_t nstack, cap_stack;
    size_t cursor;   /* first token not yet given to an element */
    size_t *lines;   /* offset where each line starts */
    size_t nlines;
    size_t last_end; /* end of the last block */
    size_t lang_root;
    yk_buf scratch;
    int rc;
} mctx;

/** ## Lexer */

static int xml_name_start(char c)
{
    return is_alpha(c) || c == '_' || c == ':' || (unsigned char)c >= 0x80;
}

static int xml_name_char(char c)
{
    return xml_name_start(c) || is_digit(c) || c == '-' || c == '.';
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int ci_prefix(const char *s, size_t n, const char *lit)
{
    size_t i, m = strlen(lit);
    if (n < m)
        return 0;
    for (i = 0; i < m; i++)
        if (lower((unsigned char)s[i]) != lower((unsigned char)lit[i]))
            return 0;
    return 1;
}

/* Offset of 'what' in s[from..len), or len. */
static size_t find(const char *s, size_t from, size_t len, const char *what)
{
    size_t m = strlen(what);
    const char *p = s + from, *end = s + len;
    while (p && (size_t)(end - p) >= m) {
        p = memchr(p, what[0], (size_t)(end - p) - m + 1);
        if (!p)
            break;
        if (memcmp(p, what, m) == 0)
            return (size_t)(p - s);
        p++;
    }
    return len;
}

static void add_tok(mctx *c, int type, size_t start, size_t end, size_t name_off,
                    size_t name_len, int self_closing)
{
    mtok *t;
    if (type == T_TEXT && c->ntoks && c->toks[c->ntoks - 1].type == T_TEXT &&
        c->toks[c->ntoks - 1].end == start) {
        c->toks[c->ntoks - 1].end = end;
        return;
    }
    c->toks = yk_xgrow(c->toks, &c->cap_toks, c->ntoks + 1, sizeof(*c->toks));
    t = &c->toks[c->ntoks++];
    t->start = start;
    t->end = end;
    t->name_off = name_off;
    t->name_len = name_len;
    t->type = (unsigned char)type;
    t->self_closing = (unsigned char)self_closing;
}

/* A DOCTYPE from its "<!": quoted strings and (XML) the internal subset
 * skipped, up to the closing '>'. */
static size_t doctype_end(const char *s, size_t i, size_t len, int xml)
{
    size_t p = i + 2;
    while (p < len) {
        char ch = s[p];
        if (ch == '"' || ch == '\'') {
            const char *q = memchr(s + p + 1, ch, len - p - 1);
            p = q ? (size_t)(q - s) + 1 : len;
        } else if (ch == '[' && xml) {
            p++;
            while (p < len && s[p] != ']') {
                if (s[p] == '"' || s[p] == '\'') {
                    const char *q = memchr(s + p + 1, s[p], len - p - 1);
                    p = q ? (size_t)(q - s) + 1 : len;
                } else if (len - p >= 4 && memcmp(s + p, "<!--", 4) == 0) {
                    p = find(s, p + 4, len, "-->");
                    p = p < len ? p + 3 : len;
                } else {
                    p++;
                }
            }
            if (p < len)
                p++;
        } else if (ch == '>') {
            return p + 1;
        } else {
            p++;
        }
    }
    return len;
}

/* An HTML start tag as libxml2 2.9's HTML parser reads it (htmlParseStartTag):
 * attribute values in quotes run to the matching quote, unquoted ones to a
 * blank or '>', and what is not an attribute is skipped to a blank or the
 * end of the tag. */
static size_t html_start_tag(const char *s, size_t i, size_t len, size_t *name_len, int *self)
{
    size_t p = i + 1;
    while (p < len && html_name_char(s[p]))
        p++;
    *name_len = p - i - 1;
    *self = 0;
    for (;;) {
        while (p < len && is_blank(s[p]))
            p++;
        if (p >= len)
            return len;
        if (s[p] == '>')
            return p + 1;
        if (s[p] == '/' && p + 1 < len && s[p + 1] == '>') {
            *self = 1;
            return p + 2;
        }
        if (is_alpha(s[p]) || s[p] == '_' || s[p] == ':' || s[p] == '.') {
            while (p < len && html_name_char(s[p]))
                p++;
            while (p < len && is_blank(s[p]))
                p++;
            if (p < len && s[p] == '=') {
                p++;
                while (p < len && is_blank(s[p]))
                    p++;
                if (p < len && (s[p] == '"' || s[p] == '\'')) {
                    const char *q = memchr(s + p + 1, s[p], len - p - 1);
                    p = q ? (size_t)(q - s) + 1 : len;
                } else {
                    while (p < len && !is_blank(s[p]) && s[p] != '>')
                        p++;
                }
            }
        } else {
            while (p < len && !is_blank(s[p]) && s[p] != '>' &&
                   !(s[p] == '/' && p + 1 < len && s[p + 1] == '>'))
                p++;
        }
    }
}

/* An XML start tag (the document is well-formed: libxml2 checked it). */
static size_t xml_start_tag(const char *s, size_t i, size_t len, size_t *name_len, int *self)
{
    size_t p = i + 1;
    while (p < len && xml_name_char(s[p]))
        p++;
    *name_len = p - i - 1;
    *self = 0;
    while (p < len) {
        if (s[p] == '"' || s[p] == '\'') {
            const char *q = memchr(s + p + 1, s[p], len - p - 1);
            p = q ? (size_t)(q - s) + 1 : len;
        } else if (s[p] == '>') {
            return p + 1;
        } else if (s[p] == '/' && p + 1 < len && s[p + 1] == '>') {
            *self = 1;
            return p + 2;
        } else {
            p++;
        }
    }
    return len;
}

static void lex(mctx *c)
{
    const char *s = c->src;
    size_t len = c->len, i = 0, raw_off = 0, raw_len = 0;
    int html = c->d->html;

    while (i < len) {
        size_t e, nl;
        int self;
        if (raw_len) {
            /* script and style content, up to "</name" (libxml2 in recovery mode) */
            for (e = i; e + 1 < len; e++)
                if (s[e] == '<' && s[e + 1] == '/' && e + 2 + raw_len <= len &&
                    strncasecmp(s + e + 2, s + raw_off, raw_len) == 0)
                    break;
            if (e + 1 >= len)
                e = len;
            if (e > i)
                add_tok(c, T_TEXT, i, e, 0, 0, 0);
            raw_len = 0;
            i = e;
            continue;
        }
        if (s[i] != '<') {
            const char *lt = memchr(s + i, '<', len - i);
            e = lt ? (size_t)(lt - s) : len;
            add_tok(c, T_TEXT, i, e, 0, 0, 0);
            i = e;
            continue;
        }
        if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            e = find(s, i + 4, len, "-->");
            if (html) {
                /* libxml2's HTML parser also ends a comment at "--!>" */
                size_t bang = find(s, i + 4, e, "--!>");
                e = bang < e ? bang + 4 : e < len ? e + 3 : len;
            } else {
                e = e < len ? e + 3 : len;
            }
            add_tok(c, T_COMMENT, i, e, 0, 0, 0);
        } else if (!html && len - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
            e = find(s, i + 9, len, "]]>");
            e = e < len ? e + 3 : len;
            add_tok(c, T_CDATA, i, e, 0, 0, 0);
        } else if (len - i >= 2 && s[i + 1] == '!' &&
                   (!html || ci_prefix(s + i + 2, len - i - 2, "doctype"))) {
            e = doctype_end(s, i, len, !html);
            add_tok(c, T_DOCTYPE, i, e, 0, 0, 0);
        } else if (len - i >= 2 && s[i + 1] == '?') {
            e = html ? find(s, i + 2, len, ">") : find(s, i + 2, len, "?>");
            e = e < len ? e + (html ? 1 : 2) : len;
            add_tok(c, T_PI, i, e, 0, 0, 0);
        } else if (len - i >= 3 && s[i + 1] == '/' &&
                   (html ? is_alpha(s[i + 2]) : xml_name_start(s[i + 2]))) {
            for (nl = i + 2; nl < len && (html ? html_name_char(s[nl]) : xml_name_char(s[nl]));)
                nl++;
            e = find(s, nl, len, ">");
            e = e < len ? e + 1 : len;
            add_tok(c, T_END, i, e, i + 2, nl - i - 2, 0);
        } else if (len - i >= 2 && (html ? is_alpha(s[i + 1]) : xml_name_start(s[i + 1]))) {
            e = html ? html_start_tag(s, i, len, &nl, &self) : xml_start_tag(s, i, len, &nl, &self);
            add_tok(c, T_START, i, e, i + 1, nl, self);
            if (html && !self && ((nl == 6 && strncasecmp(s + i + 1, "script", 6) == 0) ||
                                  (nl == 5 && strncasecmp(s + i + 1, "style", 5) == 0))) {
                raw_off = i + 1;
                raw_len = nl;
            }
        } else {
            e = i + 1; /* a '<' that starts nothing is text */
            add_tok(c, T_TEXT, i, e, 0, 0, 0);
        }
        i = e;
    }
}

/** ## Matching libxml2's elements to the tokens */

/* The token holding byte 'at' (start <= at < end), or ntoks. */
static size_t tok_at(const mctx *c, size_t at)
{
    size_t lo = 0, hi = c->ntoks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->toks[mid].end <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->ntoks && c->toks[lo].start <= at ? lo : c->ntoks;
}

static int tok_named(const mctx *c, const mtok *t, const char *name)
{
    const char *n = c->src + t->name_off;
    size_t len = t->name_len, want = strlen(name);
    if (!c->d->html) {
        /* libxml2 gives the local name; the tag has the prefix too */
        const char *colon = memchr(n, ':', len);
        if (colon) {
            len -= (size_t)(colon + 1 - n);
            n = colon + 1;
        }
        return len == want && memcmp(n, name, len) == 0;
    }
    return len == want && strncasecmp(n, name, len) == 0;
}

/* The element the next tokens belong to: elements without tags are
 * transparent. */
static size_t current(const mctx *c)
{
    size_t i = c->nstack;
    while (i > 0) {
        if (c->stack[i - 1] != IMPLIED)
            return c->stack[i - 1];
        i--;
    }
    return 0;
}

static void add_item(mctx *c, size_t parent, size_t index, int elem)
{
    mitem *it;
    c->items = yk_xgrow(c->items, &c->cap_items, c->nitems + 1, sizeof(*c->items));
    it = &c->items[c->nitems++];
    it->parent = parent;
    it->index = index;
    it->elem = elem;
}

/* Tokens before 'upto' not yet placed are children of the current element. */
static void give_tokens(mctx *c, size_t upto)
{
    size_t parent = current(c);
    for (; c->cursor < upto && c->cursor < c->ntoks; c->cursor++)
        add_item(c, parent, c->cursor, 0);
}

static void push(mctx *c, size_t v)
{
    c->stack = yk_xgrow(c->stack, &c->cap_stack, c->nstack + 1, sizeof(*c->stack));
    c->stack[c->nstack++] = v;
}

static void on_start(const char *name, size_t at, void *payload)
{
    mctx *c = payload;
    size_t k = tok_at(c, at), parent;
    const mtok *t = k < c->ntoks ? &c->toks[k] : NULL;
    melem *e;

    /* libxml2 calls back with the parser at the '>' or "/>" of the tag */
    if (!t || k < c->cursor || t->type != T_START ||
        !(at + 1 == t->end || (t->self_closing && at + 2 == t->end))) {
        if (!c->d->html)
            c->elems[current(c)].uncertain = 1; /* every XML element has its tag */
        push(c, IMPLIED);
        return;
    }
    give_tokens(c, k);
    parent = current(c);
    c->elems = yk_xgrow(c->elems, &c->cap_elems, c->nelems + 1, sizeof(*c->elems));
    e = &c->elems[c->nelems];
    memset(e, 0, sizeof(*e));
    if (strlen(name) < NAME_CAP)
        memcpy(e->name, name, strlen(name) + 1);
    else
        e->long_name = 1;
    e->parent = parent;
    e->start_tok = k;
    e->end_tok = NONE;
    e->depth = c->elems[parent].depth + 1;
    e->uncertain = !tok_named(c, t, name);
    add_item(c, parent, c->nelems, 1);
    c->cursor = k + 1;
    push(c, c->nelems);
    c->nelems++;
}

static void on_end(const char *name, size_t at, void *payload)
{
    mctx *c = payload;
    size_t top, j = c->ntoks, k;
    melem *e;

    if (c->nstack == 0)
        return;
    top = c->stack[c->nstack - 1];
    if (top == IMPLIED) {
        if (!c->d->html)
            c->elems[current(c)].uncertain = 1;
        c->nstack--;
        return;
    }
    e = &c->elems[top];
    if (at > 0) {
        k = tok_at(c, at - 1);
        if (k < c->ntoks && c->toks[k].end == at)
            j = k;
    }
    if (j < c->ntoks && j >= c->cursor && c->toks[j].type == T_END &&
        tok_named(c, &c->toks[j], name)) {
        give_tokens(c, j); /* closed by its own end tag */
        e->end_tok = j;
        c->cursor = j + 1;
    } else if (j < c->ntoks && j >= c->cursor && c->toks[j].type == T_END) {
        give_tokens(c, j); /* closed by an ancestor's end tag */
    } else {
        k = tok_at(c, at);
        if (k < c->ntoks && c->toks[k].start != at && c->toks[k].type != T_START)
            e->uncertain = 1; /* the parser stood inside text: no reliable boundary */
        give_tokens(c, k);
    }
    if (!c->d->html && e->end_tok == NONE && !c->toks[e->start_tok].self_closing)
        e->uncertain = 1;
    c->nstack--;
}

/* Children lists: items grouped by parent, in source order. */
static void group_items(mctx *c)
{
    size_t i, *count = yk_xcalloc(c->nelems + 1, sizeof(*count));
    mitem *sorted = yk_xmalloc((c->nitems + 1) * sizeof(*sorted));
    for (i = 0; i < c->nitems; i++)
        count[c->items[i].parent + 1]++;
    for (i = 0; i < c->nelems; i++) {
        count[i + 1] += count[i];
        c->elems[i].first_item = count[i];
        c->elems[i].nitems = count[i + 1] - count[i];
    }
    for (i = 0; i < c->nitems; i++)
        sorted[count[c->items[i].parent]++] = c->items[i];
    free(c->items);
    c->items = sorted;
    c->cap_items = c->nitems + 1;
    free(count);
}

static int listed(const char *const *list, const char *name)
{
    for (; list && *list; list++)
        if (strcmp(*list, name) == 0)
            return 1;
    return 0;
}

/* Children come after their parents: one backward pass classifies. */
static void classify(mctx *c)
{
    size_t i;
    for (i = c->nelems; i-- > 1;) {
        melem *e = &c->elems[i];
        if (e->uncertain || e->depth > MAX_DEPTH || listed(c->d->opaque, e->name))
            e->cls = C_OPAQUE;
        else if (!e->long_name && listed(c->d->inline_elems, e->name) && !e->has_noninline)
            e->cls = C_INLINE;
        else
            e->cls = C_BLOCK;
        if (e->cls != C_INLINE)
            c->elems[e->parent].has_noninline = 1;
    }
}

/** ## Blocks */

static size_t item_start(const mctx *c, const mitem *it)
{
    return it->elem ? c->toks[c->elems[it->index].start_tok].start : c->toks[it->index].start;
}

/* An element ends with its end tag, or (closed implicitly) with its last child. */
static size_t item_end(const mctx *c, const mitem *it)
{
    while (it->elem) {
        const melem *e = &c->elems[it->index];
        if (e->end_tok != NONE)
            return c->toks[e->end_tok].end;
        if (e->nitems == 0)
            return c->toks[e->start_tok].end;
        it = &c->items[e->first_item + e->nitems - 1];
    }
    return c->toks[it->index].end;
}

static int blank_text(const mctx *c, const mtok *t)
{
    size_t i;
    for (i = t->start; i < t->end; i++)
        if (!is_blank(c->src[i]) && c->src[i] != '\f')
            return 0;
    return 1;
}

/* Can the item be part of a run of inline content? */
static int runnable(const mctx *c, const mitem *it)
{
    if (it->elem)
        return c->elems[it->index].cls == C_INLINE;
    return c->toks[it->index].type != T_DOCTYPE;
}

/* Left out at either end of a run: white space, comments, processing
 * instructions, tags libxml2 ignored. */
static int edge_skippable(const mctx *c, const mitem *it)
{
    const mtok *t;
    if (it->elem)
        return 0;
    t = &c->toks[it->index];
    return (t->type == T_TEXT && blank_text(c, t)) || t->type == T_COMMENT || t->type == T_PI ||
           t->type == T_START || t->type == T_END;
}

/* Visible text of a run for the words test: character and entity
 * references, tags, and the content of code-like elements left out. */
static void visible_text(mctx *c, const mitem *items, size_t n, int depth)
{
    size_t i, k;
    for (i = 0; i < n; i++) {
        const mitem *it = &items[i];
        if (it->elem) {
            const melem *e = &c->elems[it->index];
            yk_buf_putc(&c->scratch, ' ');
            if (!listed(c->d->code, e->name) && depth < MAX_DEPTH)
                visible_text(c, c->items + e->first_item, e->nitems, depth + 1);
            continue;
        }
        if (c->toks[it->index].type == T_CDATA) {
            const mtok *t = &c->toks[it->index];
            if (t->end - t->start >= 12)
                yk_buf_put(&c->scratch, c->src + t->start + 9, t->end - t->start - 12);
        } else if (c->toks[it->index].type == T_TEXT) {
            const mtok *t = &c->toks[it->index];
            for (k = t->start; k < t->end; k++) {
                if (c->src[k] == '&') {
                    size_t r = k + 1;
                    while (r < t->end && r - k < 40 && (html_name_char(c->src[r]) || c->src[r] == '#'))
                        r++;
                    if (r < t->end && c->src[r] == ';') {
                        yk_buf_putc(&c->scratch, ' ');
                        k = r;
                        continue;
                    }
                }
                yk_buf_putc(&c->scratch, c->src[k]);
            }
        } else {
            yk_buf_putc(&c->scratch, ' ');
        }
    }
}

/* Words outside URLs: a run that is only a link's address has nothing to
 * translate. */
static int has_words(const char *s, size_t n)
{
    size_t i = 0, run = 0;
    while (i < n) {
        if ((i == 0 || is_blank(s[i - 1])) &&
            ((n - i > 7 && memcmp(s + i, "http://", 7) == 0) ||
             (n - i > 8 && memcmp(s + i, "https://", 8) == 0) ||
             (n - i > 4 && memcmp(s + i, "www.", 4) == 0) ||
             (n - i > 7 && memcmp(s + i, "mailto:", 7) == 0))) {
            if (yk_format_has_words(s + run, i - run))
                return 1;
            while (i < n && !is_blank(s[i]))
                i++;
            run = i;
            continue;
        }
        i++;
    }
    return yk_format_has_words(s + run, n - run);
}

static int line_of(const mctx *c, size_t off)
{
    size_t lo = 0, hi = c->nlines;
    while (lo + 1 < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (int)(lo + 1);
}

/* Add block [start, end): the white space that opens each continuation
 * line is a prefix, as in plain text, so translators see the lines without
 * the document's indentation. */
static int add_block(mctx *c, size_t start, size_t end, yk_block_kind kind, yk_encoding enc,
                     int prefixes, int segmented)
{
    size_t *plens = NULL, np = 0, cap = 0, i, b;
    int rc = YK_OK;

    if (start < c->last_end || end < start)
        return YK_OK; /* never out of order (cannot happen: a safety net) */
    if (prefixes) {
        for (i = start; i < end; i++) {
            size_t k = i + 1;
            if (c->src[i] != '\n')
                continue;
            while (k < end && (c->src[k] == ' ' || c->src[k] == '\t'))
                k++;
            plens = yk_xgrow(plens, &cap, np + 1, sizeof(*plens));
            plens[np++] = k - i - 1;
        }
    }
    b = yk_doc_add_block_lines(c->doc, start, end, plens, np, kind, enc, line_of(c, start));
    free(plens);
    c->last_end = end;
    if (segmented)
        rc = yk_format_segment_block(c->doc, b, 0, c->doc->blocks[b].text_len, c->opts);
    return rc;
}

/* One attribute of a start tag, as the lexer reads it. */
typedef struct mattr {
    size_t name, name_len, value, value_len;
    char quote; /* '"', '\'' or 0 (unquoted, or no value: value_len 0) */
    int has_value;
} mattr;

/* The next attribute of the start tag t from *p, or 0 at its end. */
static int next_attr(const mctx *c, const mtok *t, size_t *p, mattr *a)
{
    const char *s = c->src;
    size_t i = *p, end = t->end;
    int html = c->d->html;
    for (;;) {
        while (i < end && is_blank(s[i]))
            i++;
        if (i >= end || s[i] == '>' || (s[i] == '/' && i + 1 < end && s[i + 1] == '>'))
            return 0;
        if (html ? (is_alpha(s[i]) || s[i] == '_' || s[i] == ':' || s[i] == '.')
                 : xml_name_start(s[i]))
            break;
        /* not an attribute (libxml2 skips it the same way) */
        while (i < end && !is_blank(s[i]) && s[i] != '>' &&
               !(s[i] == '/' && i + 1 < end && s[i + 1] == '>'))
            i++;
    }
    memset(a, 0, sizeof(*a));
    a->name = i;
    while (i < end && (html ? html_name_char(s[i]) : xml_name_char(s[i])))
        i++;
    a->name_len = i - a->name;
    while (i < end && is_blank(s[i]))
        i++;
    if (i < end && s[i] == '=') {
        i++;
        while (i < end && is_blank(s[i]))
            i++;
        a->has_value = 1;
        if (i < end && (s[i] == '"' || s[i] == '\'')) {
            const char *q = memchr(s + i + 1, s[i], end - i - 1);
            a->quote = s[i];
            a->value = i + 1;
            if (!q) /* unterminated: libxml2 took the rest of the document */
                return 0;
            a->value_len = (size_t)(q - s) - a->value;
            i = (size_t)(q - s) + 1;
        } else {
            a->value = i;
            while (i < end && !is_blank(s[i]) && s[i] != '>')
                i++;
            a->value_len = i - a->value;
        }
    }
    *p = i;
    return 1;
}

static int attr_is(const mctx *c, const mattr *a, const char *name)
{
    size_t n = strlen(name);
    return a->name_len == n && (c->d->html ? strncasecmp(c->src + a->name, name, n) == 0
                                           : memcmp(c->src + a->name, name, n) == 0);
}

static yk_encoding attr_encoding(const mctx *c, char quote)
{
    if (quote == '"')
        return c->d->html ? YK_ENC_ATTR_DQ : YK_ENC_XML_ATTR_DQ;
    if (quote == '\'')
        return c->d->html ? YK_ENC_ATTR_SQ : YK_ENC_XML_ATTR_SQ;
    return YK_ENC_ATTR_BARE; /* only HTML has unquoted values */
}

/* Translatable attributes of element e's start tag, and the language of the
 * root element, as blocks in the order of the tag. */
static int element_attrs(mctx *c, size_t ei)
{
    const melem *e = &c->elems[ei];
    const mtok *t;
    size_t p;
    mattr a;
    int rc;

    if (e->uncertain || e->depth > MAX_DEPTH || e->start_tok == NONE)
        return YK_OK;
    t = &c->toks[e->start_tok];
    p = t->name_off + t->name_len;
    while (next_attr(c, t, &p, &a)) {
        const char *const *name;
        if (!a.has_value || a.value_len == 0)
            continue;
        if (ei == c->lang_root && (attr_is(c, &a, "lang") || attr_is(c, &a, "xml:lang"))) {
            if ((rc = add_block(c, a.value, a.value + a.value_len, YK_BLOCK_META, YK_ENC_LANG, 0,
                                0)) < 0)
                return rc;
            continue;
        }
        for (name = c->d->attrs; name && *name; name++) {
            if (!attr_is(c, &a, *name) ||
                !yk_format_has_words(c->src + a.value, a.value_len))
                continue;
            if ((rc = add_block(c, a.value, a.value + a.value_len,
                                strcmp(*name, "alt") == 0 ? YK_BLOCK_ALT : YK_BLOCK_TITLE,
                                attr_encoding(c, a.quote),
                                0, 1)) < 0)
                return rc;
            break;
        }
    }
    return YK_OK;
}

/* Attributes of inline elements in a run without words (an image alone). */
static int run_attrs(mctx *c, const mitem *items, size_t n, int depth)
{
    size_t i;
    int rc;
    for (i = 0; i < n; i++) {
        const melem *e;
        if (!items[i].elem)
            continue;
        e = &c->elems[items[i].index];
        if ((rc = element_attrs(c, items[i].index)) < 0)
            return rc;
        if (depth < MAX_DEPTH &&
            (rc = run_attrs(c, c->items + e->first_item, e->nitems, depth + 1)) < 0)
            return rc;
    }
    return YK_OK;
}

static yk_block_kind kind_of(const mctx *c, size_t ei)
{
    const melem *e = &c->elems[ei];
    if (ei == 0)
        return YK_BLOCK_PARAGRAPH;
    return c->d->kind(e->name, e->parent ? c->elems[e->parent].name : "");
}

static int do_run(mctx *c, size_t ei, const mitem *items, size_t n)
{
    size_t a = 0, b = n, start, end;
    while (a < b && edge_skippable(c, &items[a]))
        a++;
    while (b > a && edge_skippable(c, &items[b - 1]))
        b--;
    if (a == b)
        return YK_OK;
    yk_buf_clear(&c->scratch);
    visible_text(c, items + a, b - a, 0);
    if (!has_words(c->scratch.buf, c->scratch.len))
        return run_attrs(c, items + a, b - a, 0);
    /* white space at either end is skeleton, also when it lies inside an
     * element closed implicitly ("<b>bold\n<p>") */
    start = item_start(c, &items[a]);
    end = item_end(c, &items[b - 1]);
    while (start < end && (is_blank(c->src[start]) || c->src[start] == '\f'))
        start++;
    while (end > start && (is_blank(c->src[end - 1]) || c->src[end - 1] == '\f'))
        end--;
    return add_block(c, start, end, kind_of(c, ei),
                     c->d->html ? YK_ENC_HTML_TEXT : YK_ENC_XML_TEXT, 1, 1);
}

/* The children of block element ei: runs of inline content become blocks,
 * block children are visited (their depth is bounded by MAX_DEPTH, deeper
 * elements being opaque). */
static int visit(mctx *c, size_t ei)
{
    const melem *e = &c->elems[ei];
    const mitem *items = c->items + e->first_item;
    size_t i = 0, n = e->nitems;
    int rc;

    while (i < n) {
        size_t j = i;
        while (j < n && runnable(c, &items[j]))
            j++;
        if (j > i) {
            if ((rc = do_run(c, ei, items + i, j - i)) < 0)
                return rc;
            i = j;
            continue;
        }
        if (items[i].elem) {
            size_t ci = items[i].index;
            if ((rc = element_attrs(c, ci)) < 0)
                return rc;
            if (c->elems[ci].cls == C_BLOCK && (rc = visit(c, ci)) < 0)
                return rc;
        }
        i++;
    }
    return YK_OK;
}

static void find_lang_root(mctx *c)
{
    size_t i;
    c->lang_root = NONE;
    for (i = 1; i < c->nelems; i++) {
        if (c->elems[i].depth != 1)
            continue;
        if (!c->d->lang_root || strcmp(c->elems[i].name, c->d->lang_root) == 0) {
            c->lang_root = i;
            return;
        }
    }
}

static void build_lines(mctx *c)
{
    size_t i, cap = 0;
    c->lines = yk_xgrow(NULL, &cap, 1, sizeof(*c->lines));
    c->lines[0] = 0;
    c->nlines = 1;
    for (i = 0; i < c->len; i++) {
        size_t e = yk_format_eol_len(c->src, c->len, i);
        if (!e)
            continue;
        i += e - 1;
        c->lines = yk_xgrow(c->lines, &cap, c->nlines + 1, sizeof(*c->lines));
        c->lines[c->nlines++] = i + 1;
    }
}

int yk_format_parse_markup(yk_doc **out, const char *src, size_t len,
                           const yk_parse_options *opts, const yk_markup_dialect *dialect)
{
    yk_parse_options def = YK_PARSE_OPTIONS_INIT;
    yk_xml_scan_events ev;
    mctx c;
    int rc;

    *out = NULL;
    if (!opts)
        opts = &def;
    if ((rc = yk_format_check_structured(src, len, opts)) < 0)
        return rc;
    memset(&c, 0, sizeof(c));
    c.src = src;
    c.len = len;
    c.d = dialect;
    c.opts = opts;
    c.scratch = (yk_buf)YK_BUF_INIT;
    lex(&c);
    /* element 0 is the document */
    c.elems = yk_xgrow(NULL, &c.cap_elems, 1, sizeof(*c.elems));
    memset(c.elems, 0, sizeof(*c.elems));
    c.elems[0].start_tok = c.elems[0].end_tok = NONE;
    c.nelems = 1;
    ev.start = on_start;
    ev.end = on_end;
    ev.payload = &c;
    if ((rc = yk_xml_scan(src, len, opts->path, dialect->html, &ev)) < 0)
        goto done;
    c.nstack = 0;
    give_tokens(&c, c.ntoks);
    group_items(&c);
    classify(&c);
    find_lang_root(&c);
    build_lines(&c);
    c.doc = yk_doc_new(src, len);
    if ((rc = visit(&c, 0)) < 0)
        goto done;
    *out = c.doc;
    c.doc = NULL;
done:
    yk_doc_free(c.doc);
    free(c.toks);
    free(c.elems);
    free(c.items);
    free(c.stack);
    free(c.lines);
    yk_buf_release(&c.scratch);
    return rc;
}
