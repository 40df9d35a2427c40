/*
 * Markdown reader.  cmark-gfm finds the block structure; this file maps its
 * leaf blocks back to exact source byte ranges (with the container prefixes
 * of continuation lines split off) and leaves everything else as skeleton.
 *
 * Only block positions of cmark-gfm are trusted, and even those are checked:
 * a paragraph's text is located from its string content (the lines as
 * cmark-gfm saw them after container prefixes, link reference definitions
 * already removed) matched against the end of each source line.  A block
 * whose bytes cannot be matched stays skeleton, so a rebuild is always exact.
 */
#include "formats/formats.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* A translatable block found in the tree, before sorting into source order
 * (footnote definitions come last in cmark-gfm's tree). */
typedef struct cand {
    size_t start, end;
    size_t pfirst, np; /* prefix lengths: ctx.plens[pfirst .. pfirst+np) */
    int line;
    yk_block_kind kind;
    yk_encoding enc;
} cand;

typedef struct ctx {
    const char *src;
    size_t len;
    uint32_t *lines; /* byte offset where each file line starts, 1-based */
    size_t nlines;
    int line_base; /* file line of the body's first line, minus 1 */
    cand *cands;
    size_t ncands, cands_cap;
    size_t *plens;
    size_t nplens, plens_cap;
    yk_buf scratch;
} ctx;

static void build_lines(ctx *c)
{
    size_t i, n = 1, cap = 0;
    yk_eol_scan sc;
    c->lines = yk_xgrow(NULL, &cap, 2, sizeof(*c->lines));
    c->lines[0] = 0;
    c->lines[1] = 0;
    yk_eol_scan_init(&sc, c->src, c->len);
    for (i = yk_eol_scan_next(&sc, 0); i < c->len; i = yk_eol_scan_next(&sc, i)) {
        i += yk_format_eol_len(c->src, c->len, i);
        c->lines = yk_xgrow(c->lines, &cap, n + 2, sizeof(*c->lines));
        c->lines[++n] = (uint32_t)i;
    }
    c->nlines = n;
}

/* File line of body line 'l' (as cmark-gfm numbers it), or 0 when out of range. */
static size_t file_line(const ctx *c, int l)
{
    long f = (long)l + c->line_base;
    return (f >= 1 && (size_t)f <= c->nlines) ? (size_t)f : 0;
}

static size_t line_start(const ctx *c, size_t fl)
{
    return c->lines[fl];
}

/* End of line fl's content, before its line ending. */
static size_t line_content_end(const ctx *c, size_t fl)
{
    size_t e = fl < c->nlines ? c->lines[fl + 1] : c->len;
    if (fl < c->nlines) {
        if (e >= 1 && c->src[e - 1] == '\n')
            e--;
        if (e >= 1 && c->src[e - 1] == '\r')
            e--;
    }
    return e;
}

static void add_cand(ctx *c, size_t start, size_t end, const size_t *plens, size_t np,
                     int line, yk_block_kind kind)
{
    cand *k;
    c->cands = yk_xgrow(c->cands, &c->cands_cap, c->ncands + 1, sizeof(*c->cands));
    k = &c->cands[c->ncands++];
    k->start = start;
    k->end = end;
    k->line = line;
    k->kind = kind;
    k->enc = YK_ENC_RAW;
    k->pfirst = c->nplens;
    k->np = np;
    c->plens = yk_xgrow(c->plens, &c->plens_cap, c->nplens + np + 1, sizeof(*c->plens));
    if (np)
        memcpy(c->plens + c->nplens, plens, np * sizeof(*plens));
    c->nplens += np;
}

static int is_blank_char(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Is s[0..n) a Hugo shortcode alone ("{{< name >}}", "{{% name %}}")? */
static int shortcode_line(const char *s, size_t n)
{
    size_t i;
    while (n && is_blank_char(s[n - 1]))
        n--;
    if (n < 6 || s[0] != '{' || s[1] != '{' || (s[2] != '<' && s[2] != '%'))
        return 0;
    if (s[n - 1] != '}' || s[n - 2] != '}' || s[n - 3] != (s[2] == '<' ? '>' : '%'))
        return 0;
    /* one shortcode, not two on a line with text between them */
    for (i = 3; i + 1 < n - 3; i++)
        if (s[i] == '}' && s[i + 1] == '}')
            return 0;
    return 1;
}

/* A block made of the last 'nl' lines of cmark-gfm's string content, whose
 * last line is file line 'last': each content line (leading blanks dropped)
 * must be the tail of its source line.  Lines holding only a shortcode at
 * the start or end of the block (paired shortcodes around a paragraph) are
 * left to the skeleton. */
static void lines_block(ctx *c, const char *content, int last_body_line, yk_block_kind kind)
{
    size_t clen = strlen(content), nl = 0, i, fl_last, fl_first, first, last, end;
    size_t *ts = NULL, *plens = NULL, np = 0;
    const char *p, *q;

    for (p = content; (p = memchr(p, '\n', clen - (size_t)(p - content))) != NULL; p++)
        nl++;
    if (clen && content[clen - 1] != '\n')
        nl++;
    fl_last = file_line(c, last_body_line);
    if (nl == 0 || fl_last == 0 || fl_last < nl)
        return;
    fl_first = fl_last - nl + 1;
    if (file_line(c, 1) > fl_first)
        return;
    ts = yk_xmalloc(nl * sizeof(*ts));
    plens = yk_xmalloc(nl * sizeof(*plens));
    for (p = content, i = 0; i < nl; i++, p = q + 1) {
        size_t fl = fl_first + i, ls = line_start(c, fl), le = line_content_end(c, fl), n;
        q = memchr(p, '\n', clen - (size_t)(p - content));
        if (!q)
            q = content + clen;
        n = (size_t)(q - p);
        if (n && p[n - 1] == '\r')
            n--;
        while (n && is_blank_char(*p)) {
            p++;
            n--;
        }
        if (n > le - ls || memcmp(c->src + le - n, p, n) != 0)
            goto out;
        ts[i] = le - n;
    }
    for (first = 0; first < nl; first++)
        if (!shortcode_line(c->src + ts[first], line_content_end(c, fl_first + first) - ts[first]))
            break;
    for (last = nl; last > first; last--)
        if (!shortcode_line(c->src + ts[last - 1],
                            line_content_end(c, fl_first + last - 1) - ts[last - 1]))
            break;
    if (first >= last)
        goto out;
    for (i = first + 1; i < last; i++) {
        size_t ls = line_start(c, fl_first + i);
        /* after a lone '\r' line ending no prefix can be split off (the doc
         * model cuts lines at '\n'); the bytes stay in the text */
        if (c->src[ls - 1] == '\n')
            plens[np++] = ts[i] - ls;
    }
    end = line_content_end(c, fl_first + last - 1);
    while (end > ts[first] && is_blank_char(c->src[end - 1]))
        end--;
    if (end > ts[first])
        add_cand(c, ts[first], end, plens, np, (int)(fl_first + first), kind);
out:
    free(ts);
    free(plens);
}

static void atx_heading(ctx *c, cmark_node *n, const char *content)
{
    size_t fl = file_line(c, cmark_node_get_start_line(n)), ls, le, i, clen = strlen(content);
    if (!fl || clen == 0)
        return;
    ls = line_start(c, fl);
    le = line_content_end(c, fl);
    i = ls + (size_t)(cmark_node_get_start_column(n) > 0 ? cmark_node_get_start_column(n) - 1 : 0);
    while (i < le && is_blank_char(c->src[i]))
        i++;
    while (i < le && c->src[i] == '#')
        i++;
    while (i < le && is_blank_char(c->src[i]))
        i++;
    if (le - i < clen || memcmp(c->src + i, content, clen) != 0)
        return;
    add_cand(c, i, i + clen, NULL, 0, (int)fl, YK_BLOCK_HEADING);
}

static int heading_is_atx(const ctx *c, cmark_node *n)
{
    size_t fl = file_line(c, cmark_node_get_start_line(n)), i, le;
    if (!fl)
        return 0;
    le = line_content_end(c, fl);
    i = line_start(c, fl) +
        (size_t)(cmark_node_get_start_column(n) > 0 ? cmark_node_get_start_column(n) - 1 : 0);
    while (i < le && is_blank_char(c->src[i]))
        i++;
    return i < le && c->src[i] == '#';
}

static int has_words_node(ctx *c, cmark_node *node);

/* Table rows are single lines; cell positions of cmark-gfm are off when the
 * row is indented, so the row is split again on unescaped pipes (the GFM
 * rule), walking cmark-gfm's cells alongside.  A cell's string content is
 * not used: cmark-gfm 0.29 can leave it without a terminating NUL (found by
 * fuzzing), and the cell's bytes come from the source anyway. */
static void table_row(ctx *c, cmark_node *row)
{
    size_t fl = file_line(c, cmark_node_get_start_line(row)), i, le;
    cmark_node *cell;
    if (!fl)
        return;
    le = line_content_end(c, fl);
    i = line_start(c, fl) +
        (size_t)(cmark_node_get_start_column(row) > 0 ? cmark_node_get_start_column(row) - 1 : 0);
    if (i > le)
        return;
    while (i < le && is_blank_char(c->src[i]))
        i++;
    if (i < le && c->src[i] == '|')
        i++;
    for (cell = cmark_node_first_child(row); cell && i < le; cell = cmark_node_next(cell)) {
        size_t cs = i, ce, ts, te;
        while (i < le && c->src[i] != '|')
            i += (c->src[i] == '\\' && i + 1 < le) ? 2 : 1;
        ce = i < le ? i : le;
        if (i < le)
            i++;
        ts = cs;
        te = ce;
        while (ts < te && is_blank_char(c->src[ts]))
            ts++;
        while (te > ts && is_blank_char(c->src[te - 1]))
            te--;
        if (te == ts)
            continue;
        if (has_words_node(c, cell))
            add_cand(c, ts, te, NULL, 0, (int)fl, YK_BLOCK_TABLE_CELL);
    }
}

/* Remove Hugo shortcodes and URLs from the visible text, then look for a
 * letter (yk_format_is_word_char): a block that is only a figure shortcode, an image
 * without alt text or a bare URL has nothing to translate.  One pass that
 * stops at the first word character outside them: most blocks start with
 * one.  Shortcodes and URLs start with ASCII bytes, which never occur inside
 * a multi-byte character, so looking for them at character starts only is
 * enough. */
static int words_outside_markup(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j, k;
        uint32_t cp;
        if (i + 3 <= n && s[i] == '{' && s[i + 1] == '{' && (s[i + 2] == '<' || s[i + 2] == '%')) {
            const char *close = NULL;
            for (j = i + 3; j + 1 < n; j++)
                if ((s[j] == '>' || s[j] == '%') && s[j + 1] == '}' && j + 2 < n &&
                    s[j + 2] == '}') {
                    close = s + j + 3;
                    break;
                }
            if (close) {
                i = (size_t)(close - s);
                continue;
            }
        }
        if ((i == 0 || s[i - 1] == ' ') &&
            ((n - i > 7 && memcmp(s + i, "http://", 7) == 0) ||
             (n - i > 8 && memcmp(s + i, "https://", 8) == 0) ||
             (n - i > 4 && memcmp(s + i, "www.", 4) == 0) ||
             (n - i > 7 && memcmp(s + i, "mailto:", 7) == 0))) {
            for (j = i; j < n && s[j] != ' '; j++)
                ;
            i = j;
            continue;
        }
        if ((k = yk_utf8_decode(&cp, s + i, n - i)) == 0) {
            i++; /* as yk_format_has_words(): an invalid byte is no word */
            continue;
        }
        if (yk_format_is_word_char(cp))
            return 1;
        i += k;
    }
    return 0;
}

/* The text a reader sees in a block (code spans, raw HTML, link
 * destinations and footnote references left out). */
static int has_words_node(ctx *c, cmark_node *node)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    int skip_depth = 0;

    yk_buf_clear(&c->scratch);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(cur);
        if (t == CMARK_NODE_LINK && ev == CMARK_EVENT_ENTER) {
            /* an autolink's text is its URL */
            cmark_node *ch = cmark_node_first_child(cur);
            const char *url = cmark_node_get_url(cur);
            if (ch && !cmark_node_next(ch) && cmark_node_get_type(ch) == CMARK_NODE_TEXT && url &&
                (strcmp(cmark_node_get_literal(ch), url) == 0 ||
                 (strncmp(url, "mailto:", 7) == 0 &&
                  strcmp(cmark_node_get_literal(ch), url + 7) == 0)))
                skip_depth++;
        } else if (t == CMARK_NODE_LINK && ev == CMARK_EVENT_EXIT) {
            cmark_node *ch = cmark_node_first_child(cur);
            const char *url = cmark_node_get_url(cur);
            if (ch && !cmark_node_next(ch) && cmark_node_get_type(ch) == CMARK_NODE_TEXT && url &&
                (strcmp(cmark_node_get_literal(ch), url) == 0 ||
                 (strncmp(url, "mailto:", 7) == 0 &&
                  strcmp(cmark_node_get_literal(ch), url + 7) == 0)))
                skip_depth--;
        } else if (ev == CMARK_EVENT_ENTER && skip_depth == 0) {
            if (t == CMARK_NODE_TEXT) {
                const char *lit = cmark_node_get_literal(cur);
                if (lit)
                    yk_buf_puts(&c->scratch, lit);
            } else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
                       t == CMARK_NODE_CODE || t == CMARK_NODE_HTML_INLINE) {
                yk_buf_putc(&c->scratch, ' ');
            }
        }
    }
    cmark_iter_free(it);
    return words_outside_markup(c->scratch.buf, c->scratch.len);
}

static yk_block_kind paragraph_kind(cmark_node *n)
{
    cmark_node *parent = cmark_node_parent(n);
    cmark_node_type t = parent ? cmark_node_get_type(parent) : CMARK_NODE_NONE;
    if (t == CMARK_NODE_ITEM)
        return YK_BLOCK_LIST_ITEM;
    if (t == CMARK_NODE_BLOCK_QUOTE)
        return YK_BLOCK_QUOTE;
    if (t == CMARK_NODE_FOOTNOTE_DEFINITION)
        return YK_BLOCK_FOOTNOTE;
    return YK_BLOCK_PARAGRAPH;
}

/* Is the paragraph one image, possibly inside a link ("[![alt](src)](url)"),
 * and nothing else but white space? */
static int image_only(cmark_node *para)
{
    cmark_node *n, *img = NULL;
    for (n = cmark_node_first_child(para); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_SOFTBREAK ||
            (t == CMARK_NODE_TEXT && strspn(cmark_node_get_literal(n), " \t") ==
                                         strlen(cmark_node_get_literal(n))))
            continue;
        if (img)
            return 0;
        if (t == CMARK_NODE_LINK && cmark_node_first_child(n) &&
            cmark_node_first_child(n) == cmark_node_last_child(n))
            img = cmark_node_first_child(n);
        else
            img = n;
        if (cmark_node_get_type(img) != CMARK_NODE_IMAGE)
            return 0;
    }
    return img != NULL;
}

/* End of a bracketed run starting at s[i] == open, honouring backslash
 * escapes and nesting; returns the index of the closing byte or n. */
static size_t match_close(const char *s, size_t i, size_t n, char open, char close)
{
    int depth = 0;
    for (; i < n; i++) {
        if (s[i] == '\\') {
            i++;
        } else if (s[i] == open && open != close) {
            depth++;
        } else if (s[i] == close) {
            if (open == close && depth == 0) {
                depth = 1;
                continue;
            }
            if (--depth == 0)
                return i;
        }
    }
    return n;
}

/* SPEC: image alt text and the image title are units of their own.  The
 * last candidate (the paragraph, one line) is replaced by candidates for
 * the alt text and the title inside "![alt](dest "title")". */
static void split_image(ctx *c)
{
    cand k = c->cands[c->ncands - 1];
    const char *s = c->src;
    size_t i = k.start, n = k.end, a, b;

    if (k.np != 0)
        return;
    if (i < n && s[i] == '[')
        i++;
    if (i + 1 >= n || s[i] != '!' || s[i + 1] != '[')
        return;
    a = i + 2;
    b = match_close(s, i + 1, n, '[', ']');
    if (b >= n || b + 1 >= n || s[b + 1] != '(')
        return;
    c->ncands--; /* from here on the paragraph itself is skeleton */
    if (b > a && yk_format_has_words(s + a, b - a)) {
        add_cand(c, a, b, NULL, 0, k.line, YK_BLOCK_ALT);
    }
    i = b + 2;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < n && s[i] == '<') {
        i = match_close(s, i, n, '<', '>') + 1;
    } else {
        int depth = 0;
        for (; i < n && s[i] != ' ' && s[i] != '\t'; i++) {
            if (s[i] == '\\')
                i++;
            else if (s[i] == '(')
                depth++;
            else if (s[i] == ')' && depth-- == 0)
                break;
        }
    }
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < n && (s[i] == '"' || s[i] == '\'' || s[i] == '(')) {
        char close = s[i] == '(' ? ')' : s[i];
        size_t e = match_close(s, i, n, s[i], close);
        if (e < n && e > i + 1 && yk_format_has_words(s + i + 1, e - i - 1)) {
            add_cand(c, i + 1, e, NULL, 0, k.line, YK_BLOCK_TITLE);
            if (close == '"')
                c->cands[c->ncands - 1].enc = YK_ENC_YAML_DQ; /* '"' and '\' escaped */
        }
    }
}

static void visit(ctx *c, cmark_node *n)
{
    cmark_node_type t = cmark_node_get_type(n);
    const char *ts;
    if (t == CMARK_NODE_PARAGRAPH) {
        const char *content = cmark_node_get_string_content(n);
        size_t before = c->ncands;
        if (content && has_words_node(c, n))
            lines_block(c, content, cmark_node_get_end_line(n), paragraph_kind(n));
        if (c->ncands > before && image_only(n))
            split_image(c);
        return;
    }
    if (t == CMARK_NODE_HEADING) {
        const char *content = cmark_node_get_string_content(n);
        if (!content || !has_words_node(c, n))
            return;
        if (heading_is_atx(c, n)) {
            atx_heading(c, n, content);
        } else {
            /* setext: the end is reported one line past the underline, at
             * column 0 */
            int underline = cmark_node_get_end_line(n);
            if (cmark_node_get_end_column(n) == 0)
                underline--;
            lines_block(c, content, underline - 1, YK_BLOCK_HEADING);
        }
        return;
    }
    /* Table rows are the table extension's nodes: its node types are not
     * published, only their names.  Most nodes belong to no extension. */
    if (!cmark_node_get_syntax_extension(n))
        return;
    ts = cmark_node_get_type_string(n);
    if (strcmp(ts, "table_row") == 0 || strcmp(ts, "table_header") == 0)
        table_row(c, n);
}

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * cmark-gfm allocates every node, string buffer, delimiter and iterator on
 * its own and frees them one by one: for the reader that was a quarter of
 * the parse.  Each parse gets an arena instead, which hands out memory from
 * large chunks, never reuses it, and is released at once when the reader is
 * done with the tree.  cmark_mem callbacks take no context argument, so the
 * arena in use is per thread; it serves from the parser's creation to the
 * last cmark call on the tree (iterators and literals allocate too).
 * cmark-gfm ships an arena allocator of its own, but a global one, which
 * the parse-ahead thread of `add` cannot share.
 */
#define ARENA_ALIGN _Alignof(max_align_t)
#define ARENA_HEAD ARENA_ALIGN /* each block's size, stored before it */
#define ARENA_CHUNK ((size_t)256 << 10)

typedef struct arena_chunk {
    struct arena_chunk *prev;
    size_t used, cap;
    max_align_t data[];
} arena_chunk;

static _Thread_local arena_chunk *arena_top;
static _Thread_local unsigned char *arena_last; /* last block cut from arena_top */

static _Noreturn void arena_oom(size_t n)
{
    fprintf(stderr, "yaku: fatal: out of memory allocating %zu bytes\n", n);
    abort();
}

static size_t arena_round(size_t n)
{
    if (n > SIZE_MAX / 2)
        arena_oom(n);
    return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static void *arena_alloc(size_t n)
{
    size_t need = ARENA_HEAD + arena_round(n ? n : 1);
    arena_chunk *c = arena_top;
    unsigned char *p;
    if (!c || c->cap - c->used < need) {
        size_t cap = need > ARENA_CHUNK / 4 ? need : ARENA_CHUNK;
        arena_chunk *big = malloc(offsetof(arena_chunk, data) + cap);
        if (!big)
            arena_oom(cap);
        big->used = 0;
        big->cap = cap;
        if (c && cap != ARENA_CHUNK) {
            /* a block of its own: keep filling the current chunk */
            big->prev = c->prev;
            c->prev = big;
            p = (unsigned char *)big->data;
            big->used = need;
            memcpy(p, &n, sizeof(n));
            return p + ARENA_HEAD;
        }
        big->prev = c;
        arena_top = c = big;
    }
    p = (unsigned char *)c->data + c->used;
    c->used += need;
    memcpy(p, &n, sizeof(n));
    arena_last = p + ARENA_HEAD;
    return arena_last;
}

static void *arena_calloc(size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size)
        arena_oom(SIZE_MAX);
    p = arena_alloc(count * size);
    memset(p, 0, count * size);
    return p;
}

static void *arena_realloc(void *ptr, size_t n)
{
    unsigned char *p = ptr, *q;
    arena_chunk *c = arena_top;
    size_t old;
    if (!p)
        return arena_alloc(n);
    memcpy(&old, p - ARENA_HEAD, sizeof(old));
    if (n <= old)
        return p;
    /* The last block of the current chunk (a growing buffer, usually)
     * grows in place when there is room. */
    if (p == arena_last && arena_round(n) - arena_round(old) <= c->cap - c->used) {
        c->used += arena_round(n) - arena_round(old);
        memcpy(p - ARENA_HEAD, &n, sizeof(n));
        return p;
    }
    q = arena_alloc(n);
    memcpy(q, p, old);
    return q;
}

/* Blocks go back all at once, in arena_release. */
static void arena_free(void *ptr)
{
    (void)ptr;
}

static cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_free};

static void arena_release(void)
{
    while (arena_top) {
        arena_chunk *prev = arena_top->prev;
        free(arena_top);
        arena_top = prev;
    }
    arena_last = NULL;
}

static cmark_node *parse_cmark(const char *s, size_t len)
{
    cmark_parser *p;
    cmark_node *root;
    const char *exts[] = {"table", "strikethrough"};
    size_t i;

    yk_format_markdown_init();
    p = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES, &arena_mem);
    for (i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, s, len);
    root = cmark_parser_finish(p);
    cmark_parser_free(p);
    return root;
}

void yk_format_markdown_init(void)
{
    cmark_gfm_core_extensions_ensure_registered();
}

int yk_format_parse_markdown(yk_doc **out, const char *src, size_t len,
                             const yk_parse_options *opts)
{
    yk_parse_options def = YK_PARSE_OPTIONS_INIT;
    ctx c;
    yk_doc *doc = NULL;
    cmark_node *root = NULL;
    cmark_iter *it = NULL;
    cmark_event_type ev;
    size_t body_off = 0, i, prev_end;
    int body_line = 1, rc;

    *out = NULL;
    memset(&c, 0, sizeof(c));
    c.scratch = (yk_buf)YK_BUF_INIT;
    if (!opts)
        opts = &def;
    if ((rc = yk_format_check_structured(src, len, opts)) < 0)
        return rc;
    doc = yk_doc_new(src, len);
    if (!(opts->flags & YK_PARSE_NO_FRONT_MATTER) &&
        (rc = yk_format_front_matter(doc, &body_off, &body_line, opts)) < 0)
        goto done;
    prev_end = doc->nblocks ? doc->blocks[doc->nblocks - 1].src_end : 0;

    c.src = src;
    c.len = len;
    c.line_base = body_line - 1;
    build_lines(&c);
    root = parse_cmark(src + body_off, len - body_off);
    it = cmark_iter_new(root);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER)
            visit(&c, cmark_iter_get_node(it));

    /* the tree walk finds the blocks in document order nearly always (the
     * exceptions come from nested constructs): sort only when it did not */
    for (i = 1; i < c.ncands && c.cands[i - 1].start <= c.cands[i].start; i++)
        ;
    if (i < c.ncands)
        qsort(c.cands, c.ncands, sizeof(*c.cands), cmp_cand);
    for (i = 0; i < c.ncands; i++) {
        const cand *k = &c.cands[i];
        size_t b;
        if (k->start < prev_end || k->start < body_off)
            continue;
        b = yk_doc_add_block_lines(doc, k->start, k->end, c.plens + k->pfirst, k->np, k->kind,
                                   k->enc, k->line);
        prev_end = k->end;
        if ((rc = yk_format_segment_block(doc, b, 0, doc->blocks[b].text_len, opts)) < 0)
            goto done;
    }
    *out = doc;
    doc = NULL;
    rc = YK_OK;
done:
    if (it)
        cmark_iter_free(it);
    if (root)
        cmark_node_free(root);
    arena_release();
    free(c.lines);
    free(c.cands);
    free(c.plens);
    yk_buf_release(&c.scratch);
    yk_doc_free(doc);
    return rc;
}

/** ## Markdown to HTML (the HTML and EPUB editions, see formats/mdhtml.h) */

#include "formats/mdhtml.h"

static int mdhtml_is_break(cmark_node *n)
{
    cmark_node_type t = cmark_node_get_type(n);
    return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

/* "{{< name args >}}" or "{{% name %}}" and nothing else on the line. */
static int mdhtml_is_shortcode(const char *s, size_t n)
{
    const char *close;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n < 6 || s[0] != '{' || s[1] != '{' || (s[2] != '<' && s[2] != '%'))
        return 0;
    if (s[n - 1] != '}' || s[n - 2] != '}' || s[n - 3] != (s[2] == '<' ? '>' : '%'))
        return 0;
    close = strstr(s + 2, "}}");
    return close == s + n - 2;
}

static void mdhtml_remove(cmark_node *n)
{
    cmark_node_unlink(n);
    cmark_node_free(n);
}

/* Hugo shortcodes mean nothing outside Hugo: drop the lines of a paragraph
 * that hold only one, and the paragraph when nothing else is left. */
static void mdhtml_drop_shortcodes(cmark_node *para, yk_buf *scratch)
{
    cmark_node *start = cmark_node_first_child(para);
    while (start) {
        cmark_node *n, *next_start;
        int plain = 1;
        yk_buf_clear(scratch);
        for (n = start; n && !mdhtml_is_break(n); n = cmark_node_next(n)) {
            cmark_node_type t = cmark_node_get_type(n);
            if (t == CMARK_NODE_TEXT || t == CMARK_NODE_HTML_INLINE)
                yk_buf_puts(scratch, cmark_node_get_literal(n));
            else
                plain = 0;
        }
        next_start = n ? cmark_node_next(n) : NULL;
        if (plain && mdhtml_is_shortcode(scratch->buf, scratch->len)) {
            cmark_node *brk = n ? n : cmark_node_previous(start);
            while (start != n) {
                cmark_node *after = cmark_node_next(start);
                mdhtml_remove(start);
                start = after;
            }
            if (brk && mdhtml_is_break(brk))
                mdhtml_remove(brk);
        }
        start = next_start;
    }
    if (!cmark_node_first_child(para))
        mdhtml_remove(para);
}

/* Han, kana and CJK punctuation, but not Hangul: Korean separates words
 * with spaces, so its soft breaks stay spaces. */
static int mdhtml_unspaced(uint32_t cp)
{
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
        (cp >= 0xAC00 && cp <= 0xD7AF))
        return 0;
    return yk_is_cjk(cp);
}

static int mdhtml_edge_unspaced(cmark_node *n, int last)
{
    const char *s;
    size_t len, i;
    uint32_t cp;
    if (!n || cmark_node_get_type(n) != CMARK_NODE_TEXT)
        return 0;
    s = cmark_node_get_literal(n);
    len = s ? strlen(s) : 0;
    if (!len)
        return 0;
    i = 0;
    if (last)
        for (i = len - 1; i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80; i--)
            ;
    return yk_utf8_decode(&cp, s + i, len - i) && mdhtml_unspaced(cp);
}

/* Plain text of a heading, for its id and the table of contents. */
static void mdhtml_plain_text(yk_buf *out, cmark_node *node)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(cur);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
            yk_buf_puts(out, cmark_node_get_literal(cur));
        else if (mdhtml_is_break(cur))
            yk_buf_putc(out, ' ');
    }
    cmark_iter_free(it);
}

/* A GitHub-like slug: ASCII letters lower-cased, digits, '-' and '_' kept,
 * white space to '-', other ASCII and CJK/general punctuation dropped,
 * other characters (Han, kana, Hangul, ...) kept.  Starts with a letter so
 * it is a valid XML name; unique within 'used' (a '\n'-separated list). */
static void mdhtml_slug(yk_buf *out, const char *text, const char *prefix, yk_buf *used)
{
    size_t i = 0, len = strlen(text), start, base;
    int n = 0, dash = 0;
    yk_buf_puts(out, prefix ? prefix : "");
    start = out->len;
    while (i < len) {
        uint32_t cp;
        size_t k = yk_utf8_decode(&cp, text + i, len - i);
        if (!k) {
            i++;
            continue;
        }
        if (cp < 0x80) {
            char c = (char)cp;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                yk_buf_putc(out, c);
                dash = 0;
            } else if ((c == ' ' || c == '-' || c == '\t') && out->len > start && !dash) {
                yk_buf_putc(out, '-');
                dash = 1;
            }
        } else if (!((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
                     (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
                     (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
                     cp == 0xFEFF || cp == 0x00A0)) {
            yk_buf_put(out, text + i, k);
            dash = 0;
        }
        i += k;
    }
    while (out->len > start && out->buf[out->len - 1] == '-')
        yk_buf_truncate(out, out->len - 1);
    if (out->len == start || !((out->buf[start] >= 'a' && out->buf[start] <= 'z') ||
                               (unsigned char)out->buf[start] >= 0x80)) {
        yk_buf tail = YK_BUF_INIT;
        yk_buf_put(&tail, out->buf + start, out->len - start);
        yk_buf_truncate(out, start);
        yk_buf_printf(out, "section%s%s", tail.len ? "-" : "", tail.buf);
        yk_buf_release(&tail);
    }
    base = out->len;
    for (;;) {
        /* used holds "\nid\n" entries: search for the delimited form */
        yk_buf probe = YK_BUF_INIT;
        int seen;
        yk_buf_putc(&probe, '\n');
        yk_buf_put(&probe, out->buf, out->len);
        yk_buf_putc(&probe, '\n');
        seen = strstr(used->buf, probe.buf) != NULL;
        yk_buf_release(&probe);
        if (!seen)
            break;
        yk_buf_truncate(out, base);
        yk_buf_printf(out, "-%d", ++n);
    }
    if (!used->len)
        yk_buf_putc(used, '\n');
    yk_buf_put(used, out->buf, out->len);
    yk_buf_putc(used, '\n');
}

void yk_format_heading_id(yk_buf *out, const char *text, const char *prefix, yk_buf *used)
{
    mdhtml_slug(out, text, prefix, used);
}

/* cmark-gfm writes a few attributes without a value (footnotes); XHTML
 * needs one, and HTML does not mind. */
static void mdhtml_fix_attributes(yk_buf *out, const char *html, const char *id_prefix,
                                  unsigned flags)
{
    static const struct {
        const char *from, *to;
    } fix[] = {
        {" data-footnotes>", " data-footnotes=\"\">"},
        {" data-footnote-ref>", " data-footnote-ref=\"\">"},
        {" data-footnote-backref ", " data-footnote-backref=\"\" "},
        {" id=\"fn-", " id=\"%sfn-"},
        {" href=\"#fn-", " href=\"#%sfn-"},
        {" id=\"fnref-", " id=\"%sfnref-"},
        {" href=\"#fnref-", " href=\"#%sfnref-"},
    };
    const char *s = html;
    while (*s) {
        size_t i, n = 0;
        if (*s == ' ') {
            for (i = 0; i < sizeof(fix) / sizeof(*fix); i++) {
                size_t fl = strlen(fix[i].from);
                if (strncmp(s, fix[i].from, fl) == 0) {
                    const char *pct = strstr(fix[i].to, "%s");
                    if (pct) {
                        yk_buf_put(out, fix[i].to, (size_t)(pct - fix[i].to));
                        yk_buf_puts(out, id_prefix ? id_prefix : "");
                        yk_buf_puts(out, pct + 2);
                    } else {
                        yk_buf_puts(out, fix[i].to);
                    }
                    n = fl;
                    break;
                }
            }
        }
        if (n) {
            s += n;
            continue;
        }
        /* XML 1.0 allows no C0 control character but tab, LF and CR */
        if (!(flags & YK_MDHTML_XHTML) || (unsigned char)*s >= 0x20 || *s == '\t' ||
            *s == '\n' || *s == '\r')
            yk_buf_putc(out, *s);
        s++;
    }
}

static void mdhtml_unwrap(cmark_node *n)
{
    cmark_node *ch;
    while ((ch = cmark_node_first_child(n)) != NULL) {
        cmark_node_unlink(ch);
        cmark_node_insert_before(n, ch);
    }
    mdhtml_remove(n);
}

static int mdhtml_links(cmark_node **nodes, size_t n, const yk_mdhtml_options *opts)
{
    yk_buf rep = YK_BUF_INIT;
    size_t i;
    int rc = YK_OK;
    for (i = 0; i < n && opts->url; i++) {
        cmark_node *node = nodes[i];
        int image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
        const char *url = cmark_node_get_url(node);
        yk_buf_clear(&rep);
        rc = opts->url(&rep, url ? url : "", image, opts->payload);
        if (rc < 0)
            break;
        if (rc == YK_MDHTML_URL_REPLACE) {
            cmark_node_set_url(node, rep.buf);
        } else if (rc == YK_MDHTML_URL_DROP) {
            mdhtml_unwrap(node);
        } else if (rc == YK_MDHTML_URL_TO_LINK && image) {
            cmark_node *link = cmark_node_new(CMARK_NODE_LINK);
            cmark_node *ch;
            cmark_node_set_url(link, url ? url : "");
            cmark_node_set_title(link, cmark_node_get_title(node));
            while ((ch = cmark_node_first_child(node)) != NULL) {
                cmark_node_unlink(ch);
                cmark_node_append_child(link, ch);
            }
            cmark_node_replace(node, link);
            cmark_node_free(node);
        }
        rc = YK_OK;
    }
    yk_buf_release(&rep);
    return rc;
}

static void mdhtml_heading(cmark_node *h, int options, cmark_llist *exts,
                           const yk_mdhtml_options *opts, yk_buf *used)
{
    yk_buf text = YK_BUF_INIT, id = YK_BUF_INIT, html = YK_BUF_INIT;
    int level = cmark_node_get_heading_level(h);
    char *inner = cmark_render_html(h, options, exts);
    const char *open = strchr(inner, '>'), *close = strrchr(inner, '<');
    cmark_node *block;

    mdhtml_plain_text(&text, h);
    mdhtml_slug(&id, text.buf, opts->id_prefix, used);
    if (opts->heading)
        opts->heading(level, id.buf, text.buf, opts->payload);
    yk_buf_printf(&html, "<h%d id=\"%s\">", level, id.buf);
    if (open && close && close > open)
        yk_buf_put(&html, open + 1, (size_t)(close - open - 1));
    yk_buf_printf(&html, "</h%d>", level);
    block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(block, html.buf);
    cmark_node_replace(h, block);
    cmark_node_free(h);
    free(inner);
    yk_buf_release(&text);
    yk_buf_release(&id);
    yk_buf_release(&html);
}

int yk_format_markdown_to_html(yk_buf *out, const char *md, size_t len,
                               const yk_mdhtml_options *opts)
{
    static const char *const exts[] = {"table", "strikethrough", "autolink", "tasklist"};
    const int options = CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;
    yk_mdhtml_options def = YK_MDHTML_OPTIONS_INIT;
    cmark_parser *parser;
    cmark_node *root, **nodes = NULL, **heads = NULL, **paras = NULL, **breaks = NULL;
    size_t n = 0, cap = 0, nh = 0, caph = 0, np = 0, capp = 0, nb = 0, capb = 0, i;
    yk_buf scratch = YK_BUF_INIT, used = YK_BUF_INIT;
    cmark_iter *it;
    cmark_event_type ev;
    char *html;
    int rc;

    if (!opts)
        opts = &def;
    yk_format_markdown_init();
    parser = cmark_parser_new(options);
    for (i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
        if (e)
            cmark_parser_attach_syntax_extension(parser, e);
    }
    cmark_parser_feed(parser, md, len);
    root = cmark_parser_finish(parser);
    cmark_consolidate_text_nodes(root);

    /* collect first: the tree must not change under the iterator */
    it = cmark_iter_new(root);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(cur);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
            nodes = yk_xgrow(nodes, &cap, n + 1, sizeof(*nodes));
            nodes[n++] = cur;
        } else if (t == CMARK_NODE_HEADING) {
            heads = yk_xgrow(heads, &caph, nh + 1, sizeof(*heads));
            heads[nh++] = cur;
        } else if (t == CMARK_NODE_PARAGRAPH) {
            paras = yk_xgrow(paras, &capp, np + 1, sizeof(*paras));
            paras[np++] = cur;
        } else if (t == CMARK_NODE_SOFTBREAK) {
            breaks = yk_xgrow(breaks, &capb, nb + 1, sizeof(*breaks));
            breaks[nb++] = cur;
        }
    }
    cmark_iter_free(it);

    for (i = 0; i < nb; i++)
        if (mdhtml_edge_unspaced(cmark_node_previous(breaks[i]), 1) &&
            mdhtml_edge_unspaced(cmark_node_next(breaks[i]), 0))
            mdhtml_remove(breaks[i]);
    /* links before paragraphs: dropping a shortcode line may free a link */
    if ((rc = mdhtml_links(nodes, n, opts)) < 0)
        goto done;
    for (i = 0; i < np; i++)
        mdhtml_drop_shortcodes(paras[i], &scratch);
    for (i = 0; i < nh; i++)
        mdhtml_heading(heads[i], options, cmark_parser_get_syntax_extensions(parser), opts, &used);
    html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser));
    mdhtml_fix_attributes(out, html, opts->id_prefix, opts->flags);
    free(html);
    rc = YK_OK;
done:
    free(nodes);
    free(heads);
    free(paras);
    free(breaks);
    cmark_node_free(root);
    cmark_parser_free(parser);
    yk_buf_release(&scratch);
    yk_buf_release(&used);
    return rc;
}
