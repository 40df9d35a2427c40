/*
 * gettext PO reader and writer, hand-written after gettext's po-lex.c and
 * write-po.c so that yaku needs no libgettextpo at run time.  What the
 * entries mean (segments, states, revisions) is the export/import code's.
 */
#include "formats/po.h"

#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

#include "util/banned.h"

#define EOT '\004'    /* gettext's msgctxt separator: forbidden inside strings */
#define PAGE_WIDTH 79 /* gettext's and Poedit's default line width */

/* ------------------------------------------------------------------------ */
/* Storage of a parsed file: every string is one allocation listed here.    */

struct yk_po_pool {
    char **items;
    size_t n, cap;
};

static const char *pool_keep(struct yk_po_pool *pool, char *s)
{
    pool->items = yk_xgrow(pool->items, &pool->cap, pool->n + 1, sizeof(*pool->items));
    pool->items[pool->n++] = s;
    return s;
}

static const char *pool_dup(struct yk_po_pool *pool, const char *s, size_t len)
{
    return pool_keep(pool, yk_xstrndup(s, len));
}

void yk_po_file_free(yk_po_file *po)
{
    size_t i;

    if (!po)
        return;
    if (po->pool) {
        for (i = 0; i < po->pool->n; i++)
            free(po->pool->items[i]);
        free(po->pool->items);
        free(po->pool);
    }
    free(po->fields);
    free(po->entries);
    free(po->msgstr_spans);
    free(po);
}

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z')
            cb += 'a' - 'A';
        if (ca != cb || ca == 0)
            return ca - cb;
    }
}

const char *yk_po_file_header_field(const yk_po_file *po, const char *name)
{
    size_t i;

    if (!po)
        return NULL;
    for (i = 0; i < po->nfields; i++)
        if (ascii_casecmp(po->fields[i].name, name) == 0)
            return po->fields[i].value;
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Reader                                                                    */

enum state {
    ST_IDLE, /* between entries: comments and #| fields accumulate */
    ST_CTXT, /* after msgctxt */
    ST_ID,   /* after msgid (and msgid_plural) */
    ST_STR   /* after msgstr: the entry is complete */
};

typedef struct parser {
    const char *src;
    size_t len, pos;
    int line, first_line;
    size_t line_start;
    size_t body; /* offset after the BOM */
    const char *file;

    /* The first byte-level problem (NUL, long line, invalid UTF-8), found by
     * a pre-pass but reported only if no syntax error comes before it, so
     * that a Latin-1 file gets the charset message, not a UTF-8 one. */
    size_t bad_off;
    int bad_code;
    char bad_msg[160];

    /* The error of the parse proper. */
    int err;
    size_t err_off;
    char err_msg[400];

    yk_po_file *po;
    size_t *entry_offs; /* offset of each entry's first keyword, for duplicates */
    size_t entry_offs_cap;
    size_t entries_cap;

    /* The entry being read. */
    enum state st;
    yk_buf ctxt, id, str, prev_ctxt, prev_id, tcom, xcom, refs, flags, scratch;
    int has_ctxt, has_prev_ctxt, has_prev_id, has_tcom, has_xcom, has_refs, fuzzy;
    size_t entry_off, id_off, str_off;
    yk_po_span str_span; /* the msgstr strings read so far */
    size_t spans_cap;
    int entry_line;
    int plural;
    size_t plural_off;
    int next_index;

    /* Where the next string goes. */
    yk_buf *field;
    int field_prev; /* field is a #| one */
    int in_prev;    /* the current line began with #| */
    int need_string;
    size_t kw_off;
    char kw[48];
} parser;

static int fail(parser *p, size_t off, int code, const char *fmt, ...) YK_PRINTF(4, 5);

static int fail(parser *p, size_t off, int code, const char *fmt, ...)
{
    va_list ap;

    if (p->err)
        return p->err;
    va_start(ap, fmt);
    vsnprintf(p->err_msg, sizeof(p->err_msg), fmt, ap);
    va_end(ap);
    p->err = code;
    p->err_off = off;
    return code;
}

/* Report the earlier of the parse error and the byte-level problem. */
static int report(parser *p)
{
    int line, col;
    size_t off;
    const char *msg;
    int code;

    if (p->bad_code && (!p->err || p->bad_off < p->err_off)) {
        off = p->bad_off;
        msg = p->bad_msg;
        code = p->bad_code;
    } else if (p->err) {
        off = p->err_off;
        msg = p->err_msg;
        code = p->err;
    } else {
        return YK_OK;
    }
    yk_utf8_line_col(p->src, off, &line, &col);
    if (line == 1 && p->body > 0)
        col -= (int)p->body; /* columns count from after the BOM */
    if (col < 1)
        col = 1;
    return yk_error_set_at(code, p->file, line + p->first_line - 1, col, "%s", msg);
}

static void set_bad(parser *p, size_t off, int code, const char *msg)
{
    if (p->bad_code)
        return;
    p->bad_off = off;
    p->bad_code = code;
    snprintf(p->bad_msg, sizeof(p->bad_msg), "%s", msg);
}

/* Line length, NUL bytes and UTF-8, line by line, without trusting a NUL at
 * the end of the input. */
static void prepass(parser *p, size_t max_line)
{
    size_t start = p->body;

    while (start < p->len && !p->bad_code) {
        const char *nl = memchr(p->src + start, '\n', p->len - start);
        size_t end = nl ? (size_t)(nl - p->src) : p->len;
        const char *nul = memchr(p->src + start, '\0', end - start);
        size_t bad = yk_utf8_invalid_at(p->src + start, end - start);

        if (end - start > max_line) {
            char msg[160];
            snprintf(msg, sizeof(msg), "line longer than %zu bytes", max_line);
            set_bad(p, start + max_line, YK_ETOOBIG, msg);
        } else if (nul && (size_t)(nul - p->src) < start + bad) {
            set_bad(p, (size_t)(nul - p->src), YK_EINVAL, "NUL byte in a PO file");
        } else if (bad < end - start) {
            set_bad(p, start + bad, YK_EINVAL, "invalid UTF-8");
        }
        start = end + 1;
    }
}

static void newline(parser *p)
{
    p->pos++;
    p->line++;
    p->line_start = p->pos;
    p->in_prev = 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int is_ident(char c, int first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
           (!first && c >= '0' && c <= '9');
}

static void entry_reset(parser *p)
{
    yk_buf *bufs[] = {&p->ctxt, &p->id,   &p->str,  &p->prev_ctxt, &p->prev_id,
                      &p->tcom, &p->xcom, &p->refs, &p->flags,     &p->scratch};
    size_t i;

    for (i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
        yk_buf_clear(bufs[i]);
    p->has_ctxt = p->has_prev_ctxt = p->has_prev_id = 0;
    p->has_tcom = p->has_xcom = p->has_refs = p->fuzzy = 0;
    p->plural = 0;
    p->next_index = 0;
    p->st = ST_IDLE;
    p->field = NULL;
    p->field_prev = 0;
}

static void entry_release(parser *p)
{
    yk_buf *bufs[] = {&p->ctxt, &p->id,   &p->str,  &p->prev_ctxt, &p->prev_id,
                      &p->tcom, &p->xcom, &p->refs, &p->flags,     &p->scratch};
    size_t i;

    for (i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
        yk_buf_release(bufs[i]);
}

/* Append a comment line to a '\n'-joined list. */
static void add_line(yk_buf *b, int *has, const char *s, size_t n)
{
    if (*has)
        yk_buf_putc(b, '\n');
    yk_buf_put(b, s, n);
    *has = 1;
}

static void add_flags(parser *p, const char *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        size_t a, b;
        /* control characters (DEL too) count as space: the writer turns
         * them into spaces, so "#,\4fuzzy" must already read as fuzzy */
        while (i < n && ((unsigned char)s[i] <= ' ' || s[i] == 0x7F))
            i++;
        a = i;
        while (i < n && s[i] != ',')
            i++;
        b = i;
        while (b > a && ((unsigned char)s[b - 1] <= ' ' || s[b - 1] == 0x7F))
            b--;
        if (b - a == 5 && memcmp(s + a, "fuzzy", 5) == 0) {
            p->fuzzy = 1;
        } else if (b > a) {
            if (p->flags.len)
                yk_buf_puts(&p->flags, ", ");
            yk_buf_put(&p->flags, s + a, b - a);
        }
        i++;
    }
}

/* Something other than a string or msgstr came while an entry was open. */
static int fail_incomplete(parser *p)
{
    if (p->st == ST_CTXT)
        return fail(p, p->entry_off, YK_EINVAL, "msgctxt without msgid");
    return fail(p, p->id_off, YK_EINVAL, "msgid without msgstr (truncated file?)");
}

static int check_string_due(parser *p)
{
    if (p->need_string)
        return fail(p, p->kw_off, YK_EINVAL, "missing string after '%s'", p->kw);
    return YK_OK;
}

static int begins_nl(const yk_buf *b)
{
    return b->len > 0 && b->buf[0] == '\n';
}

static int ends_nl(const yk_buf *b)
{
    return b->len > 0 && b->buf[b->len - 1] == '\n';
}

static int check_field_utf8(parser *p, const yk_buf *b, size_t off, const char *what)
{
    if (yk_utf8_invalid_at(b->buf, b->len) < b->len)
        return fail(p, off, YK_EINVAL, "escape sequences in %s make invalid UTF-8", what);
    return YK_OK;
}

static int parse_header(parser *p, const char *text)
{
    yk_po_file *po = p->po;
    struct yk_po_pool *pool = po->pool;
    yk_buf extra = YK_BUF_INIT;
    const char *s = text;
    size_t cap = 0;
    int rc = YK_OK;

    while (*s) {
        const char *eol = strchr(s, '\n');
        size_t n = eol ? (size_t)(eol - s) : strlen(s);
        const char *colon = memchr(s, ':', n);
        const char *name, *value;
        size_t vstart;

        if (colon && colon > s) {
            vstart = (size_t)(colon - s) + 1;
            while (vstart < n && (s[vstart] == ' ' || s[vstart] == '\t'))
                vstart++;
            name = pool_dup(pool, s, (size_t)(colon - s));
            value = pool_dup(pool, s + vstart, n - vstart);
            po->fields = yk_xgrow(po->fields, &cap, po->nfields + 1, sizeof(*po->fields));
            po->fields[po->nfields].name = name;
            po->fields[po->nfields].value = value;
            po->nfields++;

            if (!ascii_casecmp(name, "Project-Id-Version"))
                po->header.project_id = value;
            else if (!ascii_casecmp(name, "POT-Creation-Date"))
                po->header.pot_creation_date = value;
            else if (!ascii_casecmp(name, "PO-Revision-Date"))
                po->header.revision_date = value;
            else if (!ascii_casecmp(name, "Last-Translator"))
                po->header.last_translator = value;
            else if (!ascii_casecmp(name, "Language-Team"))
                po->header.language_team = value;
            else if (!ascii_casecmp(name, "Language"))
                po->header.language = value;
            else if (!ascii_casecmp(name, "Content-Type")) {
                const char *cs = value;
                for (; *cs; cs++) {
                    if (!strncmp(cs, "charset=", 8) || !strncmp(cs, "CHARSET=", 8) ||
                        !strncmp(cs, "Charset=", 8))
                        break;
                }
                if (*cs) {
                    size_t cl = strcspn(cs + 8, "; \t");
                    po->charset = pool_dup(pool, cs + 8, cl);
                }
            } else if (ascii_casecmp(name, "MIME-Version") &&
                       ascii_casecmp(name, "Content-Transfer-Encoding") &&
                       ascii_casecmp(name, "Plural-Forms") && ascii_casecmp(name, "X-Generator")) {
                if (extra.len)
                    yk_buf_putc(&extra, '\n');
                yk_buf_put(&extra, s, n);
            }
        }
        s += n;
        if (*s == '\n')
            s++;
    }
    if (extra.len)
        po->header.extra = pool_keep(pool, yk_buf_detach(&extra, NULL));
    if (po->charset && ascii_casecmp(po->charset, "UTF-8") && ascii_casecmp(po->charset, "UTF8") &&
        strcmp(po->charset, "CHARSET")) {
        /* "CHARSET" is the template placeholder; the bytes are checked as
         * UTF-8 anyway, so accepting it cannot misread anything. */
        rc = fail(p, p->entry_off, YK_EINVAL,
                  "charset '%s' is not supported: yaku reads UTF-8 PO files only "
                  "(convert with 'msgconv -t UTF-8')",
                  po->charset);
    }
    yk_buf_release(&extra);
    return rc;
}

static const char *keep_opt(struct yk_po_pool *pool, int has, const yk_buf *b)
{
    return has ? pool_dup(pool, b->buf, b->len) : NULL;
}

static int finish_entry(parser *p)
{
    yk_po_file *po = p->po;
    struct yk_po_pool *pool = po->pool;
    yk_po_entry *e;
    int rc;

    if (p->plural)
        return fail(p, p->plural_off, YK_EINVAL,
                    "plural entries are not supported (yaku exports none)");
    if ((rc = check_field_utf8(p, &p->ctxt, p->entry_off, "msgctxt")) < 0 ||
        (rc = check_field_utf8(p, &p->id, p->id_off, "msgid")) < 0 ||
        (rc = check_field_utf8(p, &p->str, p->str_off, "msgstr")) < 0 ||
        (rc = check_field_utf8(p, &p->prev_ctxt, p->entry_off, "#| msgctxt")) < 0 ||
        (rc = check_field_utf8(p, &p->prev_id, p->entry_off, "#| msgid")) < 0)
        return rc;

    if (!p->has_ctxt && p->id.len == 0) {
        if (po->header_line)
            return fail(p, p->entry_off, YK_EINVAL,
                        "duplicate header entry (msgid \"\"), first at line %d", po->header_line);
        po->header_line = p->entry_line;
        po->header_fuzzy = p->fuzzy;
        po->header_msgstr = p->str_span;
        po->header.comments = keep_opt(pool, p->has_tcom, &p->tcom);
        if ((rc = parse_header(p, p->str.buf)) < 0)
            return rc;
        entry_reset(p);
        return YK_OK;
    }

    if (!p->fuzzy && p->str.len > 0) {
        if (begins_nl(&p->id) != begins_nl(&p->str))
            return fail(p, p->str_off, YK_EINVAL,
                        "msgid and msgstr must both begin with '\\n' or neither (msgfmt -c "
                        "rejects this)");
        if (ends_nl(&p->id) != ends_nl(&p->str))
            return fail(p, p->str_off, YK_EINVAL,
                        "msgid and msgstr must both end with '\\n' or neither (msgfmt -c "
                        "rejects this)");
    }

    po->entries = yk_xgrow(po->entries, &p->entries_cap, po->n + 1, sizeof(*po->entries));
    p->entry_offs = yk_xgrow(p->entry_offs, &p->entry_offs_cap, po->n + 1, sizeof(*p->entry_offs));
    p->entry_offs[po->n] = p->entry_off;
    po->msgstr_spans =
        yk_xgrow(po->msgstr_spans, &p->spans_cap, po->n + 1, sizeof(*po->msgstr_spans));
    po->msgstr_spans[po->n] = p->str_span;
    e = &po->entries[po->n++];
    memset(e, 0, sizeof(*e));
    e->ctxt = keep_opt(pool, p->has_ctxt, &p->ctxt);
    e->id = pool_dup(pool, p->id.buf, p->id.len);
    e->str = pool_dup(pool, p->str.buf, p->str.len);
    e->prev_ctxt = keep_opt(pool, p->has_prev_ctxt, &p->prev_ctxt);
    e->prev_id = keep_opt(pool, p->has_prev_id, &p->prev_id);
    e->translator_comments = keep_opt(pool, p->has_tcom, &p->tcom);
    e->extracted_comments = keep_opt(pool, p->has_xcom, &p->xcom);
    e->references = keep_opt(pool, p->has_refs, &p->refs);
    e->flags = keep_opt(pool, p->flags.len > 0, &p->flags);
    e->fuzzy = p->fuzzy;
    e->line = p->entry_line;
    entry_reset(p);
    return YK_OK;
}

/* A comment line, p->pos at its '#'.  Consumes up to (not including) '\n',
 * except for "#|", whose keyword and strings the main loop reads. */
static int read_comment(parser *p)
{
    const char *s = p->src;
    size_t start = p->pos, end, text;
    const char *nl;
    int rc;

    if ((rc = check_string_due(p)) < 0)
        return rc;
    if (p->st == ST_CTXT || p->st == ST_ID)
        return fail_incomplete(p);
    nl = memchr(s + start, '\n', p->len - start);
    end = nl ? (size_t)(nl - s) : p->len;

    if (start + 1 < end && s[start + 1] == '~') {
        p->pos = end; /* obsolete entry: gettext drops it too */
        return YK_OK;
    }
    if (p->st == ST_STR && (rc = finish_entry(p)) < 0)
        return rc;
    if (start + 1 < end && s[start + 1] == '|') {
        p->pos = start + 2;
        p->in_prev = 1;
        return YK_OK;
    }

    /* CRLF files: the '\r' is not part of the comment. */
    if (end > start && s[end - 1] == '\r')
        end--;
    text = start + 1;
    if (text < end && (s[text] == '.' || s[text] == ':' || s[text] == ',')) {
        char kind = s[text++];
        if (text < end && s[text] == ' ')
            text++;
        if (kind == '.')
            add_line(&p->xcom, &p->has_xcom, s + text, end - text);
        else if (kind == ':')
            add_line(&p->refs, &p->has_refs, s + text, end - text);
        else
            add_flags(p, s + text, end - text);
    } else {
        if (text < end && s[text] == ' ')
            text++;
        add_line(&p->tcom, &p->has_tcom, s + text, end - text);
    }
    p->pos = nl ? (size_t)(nl - s) : p->len;
    return YK_OK;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* One backslash escape at p->pos (the backslash); appends its byte. */
static int read_escape(parser *p, yk_buf *out)
{
    const char *s = p->src;
    size_t at = p->pos, i = at + 1;
    unsigned long val;
    char c;

    if (i >= p->len)
        return fail(p, at, YK_EINVAL, "unterminated string");
    c = s[i];
    switch (c) {
    case 'n':
        val = '\n';
        i++;
        break;
    case 't':
        val = '\t';
        i++;
        break;
    case 'r':
        val = '\r';
        i++;
        break;
    case 'a':
        val = '\a';
        i++;
        break;
    case 'b':
        val = '\b';
        i++;
        break;
    case 'f':
        val = '\f';
        i++;
        break;
    case 'v':
        val = '\v';
        i++;
        break;
    case '\\':
    case '"':
        val = (unsigned char)c;
        i++;
        break;
    case 'x':
        i++;
        if (i >= p->len || hexval(s[i]) < 0)
            return fail(p, at, YK_EINVAL, "invalid escape sequence '\\x' without hex digits");
        /* Like C and gettext, \x takes every hex digit that follows. */
        for (val = 0; i < p->len && hexval(s[i]) >= 0; i++) {
            val = val * 16 + (unsigned long)hexval(s[i]);
            if (val > 0xFF)
                return fail(p, at, YK_EINVAL, "escape sequence out of range (over \\xFF)");
        }
        break;
    default:
        if (c >= '0' && c <= '7') {
            int k;
            for (val = 0, k = 0; k < 3 && i < p->len && s[i] >= '0' && s[i] <= '7'; k++, i++)
                val = val * 8 + (unsigned long)(s[i] - '0');
            if (val > 0xFF)
                return fail(p, at, YK_EINVAL, "escape sequence out of range (over \\377)");
            break;
        }
        if ((unsigned char)c < 0x80 && c >= 0x20 && c < 0x7F)
            return fail(p, at, YK_EINVAL, "invalid escape sequence '\\%c'", c);
        return fail(p, at, YK_EINVAL, "invalid escape sequence");
    }
    if (val == 0)
        return fail(p, at, YK_EINVAL, "escape sequence for a NUL character");
    if (val == (unsigned char)EOT)
        return fail(p, at, YK_EINVAL, "context separator <EOT> within string");
    yk_buf_putc(out, (char)val);
    p->pos = i;
    return YK_OK;
}

/* A quoted string at p->pos; appended to the current field. */
static int read_string(parser *p)
{
    const char *s = p->src;
    size_t open = p->pos;
    yk_buf *out = p->field;
    int rc;

    if (!out || p->field_prev != p->in_prev)
        return fail(p, open, YK_EINVAL, "string without a keyword before it");
    if (out == &p->str && !p->plural) {
        if (p->need_string)
            p->str_span.start = open;
        p->str_span.end = open; /* until the closing quote is read */
    }
    p->need_string = 0;
    p->pos++;
    for (;;) {
        size_t run = p->pos;
        while (p->pos < p->len && s[p->pos] != '"' && s[p->pos] != '\\' && s[p->pos] != '\n' &&
               s[p->pos] != EOT)
            p->pos++;
        yk_buf_put(out, s + run, p->pos - run);
        if (p->pos >= p->len)
            return fail(p, open, YK_EINVAL, "unterminated string (end of file)");
        switch (s[p->pos]) {
        case '"':
            p->pos++;
            if (out == &p->str && !p->plural)
                p->str_span.end = p->pos;
            return YK_OK;
        case '\n':
            return fail(p, open, YK_EINVAL, "unterminated string (end of line)");
        case EOT:
            return fail(p, p->pos, YK_EINVAL, "context separator <EOT> within string");
        default: /* backslash */
            if (p->pos + 1 < p->len && s[p->pos + 1] == '\n') {
                /* backslash-newline continues the line, as in gettext */
                p->pos++;
                p->line++;
                p->line_start = p->pos + 1;
                p->pos++;
                break;
            }
            if ((rc = read_escape(p, out)) < 0)
                return rc;
            break;
        }
    }
}

static int expect_string(parser *p, const char *kw, size_t off, yk_buf *field, int prev)
{
    p->field = field;
    p->field_prev = prev;
    p->need_string = 1;
    p->kw_off = off;
    snprintf(p->kw, sizeof(p->kw), "%s", kw);
    return YK_OK;
}

/* "#| msgctxt", "#| msgid": the previous source of a fuzzy entry. */
static int read_prev_keyword(parser *p, const char *kw, size_t off)
{
    if (!strcmp(kw, "msgctxt")) {
        yk_buf_clear(&p->prev_ctxt);
        p->has_prev_ctxt = 1;
        return expect_string(p, kw, off, &p->prev_ctxt, 1);
    }
    if (!strcmp(kw, "msgid")) {
        yk_buf_clear(&p->prev_id);
        p->has_prev_id = 1;
        return expect_string(p, kw, off, &p->prev_id, 1);
    }
    if (!strcmp(kw, "msgid_plural"))
        return fail(p, off, YK_EINVAL, "plural entries are not supported (yaku exports none)");
    return fail(p, off, YK_EINVAL, "keyword '%s' unknown in a '#|' line", kw);
}

/* "msgstr" or "msgstr[N]"; p->pos after "msgstr". */
static int read_msgstr(parser *p, size_t off)
{
    const char *s = p->src;
    long idx = -1;
    size_t i = p->pos;
    char name[32];

    while (i < p->len && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < p->len && s[i] == '[') {
        size_t digits;
        i++;
        while (i < p->len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        for (idx = 0, digits = 0; i < p->len && s[i] >= '0' && s[i] <= '9'; i++, digits++) {
            if (idx > 9999)
                return fail(p, off, YK_EINVAL, "plural index too large");
            idx = idx * 10 + (s[i] - '0');
        }
        while (i < p->len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (!digits || i >= p->len || s[i] != ']')
            return fail(p, off, YK_EINVAL, "malformed plural index after 'msgstr'");
        p->pos = i + 1;
        snprintf(name, sizeof(name), "msgstr[%ld]", idx);
    } else {
        snprintf(name, sizeof(name), "msgstr");
    }

    if (p->st == ST_IDLE || p->st == ST_CTXT)
        return fail(p, off, YK_EINVAL, "%s without msgid", name);
    if (p->st == ST_ID) {
        if (p->plural && idx < 0)
            return fail(p, off, YK_EINVAL,
                        "msgid_plural must be followed by msgstr[0], not msgstr");
        if (p->plural && idx != 0)
            return fail(p, off, YK_EINVAL, "%s: plural forms must start at msgstr[0]", name);
        if (!p->plural && idx >= 0)
            return fail(p, off, YK_EINVAL, "%s without msgid_plural", name);
        p->st = ST_STR;
        p->str_off = off;
        p->next_index = 1;
        return expect_string(p, name, off, p->plural ? &p->scratch : &p->str, 0);
    }
    /* ST_STR */
    if (p->plural && idx >= 0) {
        if (idx != p->next_index)
            return fail(p, off, YK_EINVAL,
                        "%s where msgstr[%d] was expected: plural indices "
                        "must count up from 0",
                        name, p->next_index);
        p->next_index++;
        return expect_string(p, name, off, &p->scratch, 0);
    }
    if (p->plural)
        return fail(p, off, YK_EINVAL, "msgstr without an index in a plural entry");
    if (idx >= 0)
        return fail(p, off, YK_EINVAL, "%s without msgid_plural", name);
    /* A second msgstr has no msgid of its own, whether or not a blank line
     * makes it look like the start of a new entry. */
    return fail(p, off, YK_EINVAL, "msgstr without msgid");
}

static int read_keyword(parser *p)
{
    const char *s = p->src;
    size_t off = p->pos, n;
    char kw[48];
    int rc;

    while (p->pos < p->len && is_ident(s[p->pos], 0))
        p->pos++;
    n = p->pos - off;
    if (n >= sizeof(kw)) {
        return fail(p, off, YK_EINVAL, "keyword '%.*s...' unknown", 40, s + off);
    }
    memcpy(kw, s + off, n);
    kw[n] = '\0';

    if ((rc = check_string_due(p)) < 0)
        return rc;
    if (p->in_prev)
        return read_prev_keyword(p, kw, off);

    if (!strcmp(kw, "msgctxt")) {
        if (p->st == ST_CTXT || p->st == ST_ID)
            return fail_incomplete(p);
        if (p->st == ST_STR && (rc = finish_entry(p)) < 0)
            return rc;
        p->st = ST_CTXT;
        p->has_ctxt = 1;
        p->entry_off = off;
        p->entry_line = p->line;
        return expect_string(p, kw, off, &p->ctxt, 0);
    }
    if (!strcmp(kw, "msgid")) {
        if (p->st == ST_ID)
            return fail_incomplete(p);
        if (p->st == ST_STR && (rc = finish_entry(p)) < 0)
            return rc;
        if (p->st == ST_IDLE) {
            p->entry_off = off;
            p->entry_line = p->line;
        }
        p->st = ST_ID;
        p->id_off = off;
        return expect_string(p, kw, off, &p->id, 0);
    }
    if (!strcmp(kw, "msgid_plural")) {
        if (p->st != ST_ID || p->plural)
            return fail(p, off, YK_EINVAL, "msgid_plural without msgid");
        p->plural = 1;
        p->plural_off = off;
        return expect_string(p, kw, off, &p->scratch, 0);
    }
    if (!strcmp(kw, "msgstr"))
        return read_msgstr(p, off);
    if (!strcmp(kw, "domain"))
        return fail(p, off, YK_EINVAL, "'domain' directives are not supported");
    return fail(p, off, YK_EINVAL, "keyword '%s' unknown", kw);
}

static int parse_body(parser *p)
{
    const char *s = p->src;
    int rc;

    while (p->pos < p->len) {
        char c = s[p->pos];

        if (c == '\n') {
            newline(p);
        } else if (is_space(c)) {
            p->pos++;
        } else if (c == '\\' && p->pos + 1 < p->len && s[p->pos + 1] == '\n') {
            p->pos++;
            newline(p);
        } else if (c == '#') {
            if ((rc = read_comment(p)) < 0)
                return rc;
        } else if (c == '"') {
            if ((rc = read_string(p)) < 0)
                return rc;
        } else if (is_ident(c, 1)) {
            if ((rc = read_keyword(p)) < 0)
                return rc;
        } else {
            if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7F)
                return fail(p, p->pos, YK_EINVAL, "unexpected character '%c'", c);
            return fail(p, p->pos, YK_EINVAL, "unexpected character");
        }
    }
    if ((rc = check_string_due(p)) < 0)
        return rc;
    if (p->st == ST_CTXT || p->st == ST_ID)
        return fail_incomplete(p);
    if (p->st == ST_STR)
        return finish_entry(p);
    return YK_OK;
}

/* Duplicate detection: gettext keys a message by msgctxt EOT msgid. */
static uint64_t entry_hash(const yk_po_entry *e)
{
    uint64_t h = 1469598103934665603ULL;
    const unsigned char *s;

    if (e->ctxt) {
        for (s = (const unsigned char *)e->ctxt; *s; s++)
            h = (h ^ *s) * 1099511628211ULL;
        h = (h ^ (unsigned char)EOT) * 1099511628211ULL;
    }
    for (s = (const unsigned char *)e->id; *s; s++)
        h = (h ^ *s) * 1099511628211ULL;
    return h;
}

static int same_key(const yk_po_entry *a, const yk_po_entry *b)
{
    if (!a->ctxt != !b->ctxt)
        return 0;
    if (a->ctxt && strcmp(a->ctxt, b->ctxt))
        return 0;
    return strcmp(a->id, b->id) == 0;
}

static int check_duplicates(parser *p)
{
    yk_po_file *po = p->po;
    size_t size = 16, mask, i;
    size_t *slots;
    int rc = YK_OK;

    while (size < po->n * 2)
        size *= 2;
    mask = size - 1;
    slots = yk_xcalloc(size, sizeof(*slots)); /* entry index + 1; 0 is empty */
    for (i = 0; i < po->n && rc == YK_OK; i++) {
        size_t j = (size_t)entry_hash(&po->entries[i]) & mask;
        for (; slots[j]; j = (j + 1) & mask) {
            const yk_po_entry *first = &po->entries[slots[j] - 1];
            if (same_key(first, &po->entries[i])) {
                rc = fail(p, p->entry_offs[i], YK_EINVAL,
                          "duplicate entry: msgctxt \"%.60s\" and this msgid were first "
                          "defined at line %d",
                          first->ctxt ? first->ctxt : "", first->line);
                break;
            }
        }
        slots[j] = i + 1;
    }
    free(slots);
    return rc;
}

int yk_po_parse(yk_po_file **out, const char *src, size_t len, const char *filename,
                const yk_po_parse_options *opts)
{
    parser p;
    size_t max_bytes = opts && opts->max_bytes ? opts->max_bytes : YK_PO_MAX_BYTES;
    size_t max_line = opts && opts->max_line ? opts->max_line : YK_PO_MAX_LINE;
    yk_buf init = YK_BUF_INIT;
    int rc;

    assert(out);
    if (len > max_bytes)
        return yk_error_set_at(YK_ETOOBIG, filename, 0, 0, "PO file larger than %zu bytes",
                               max_bytes);
    if (!src)
        src = "";

    memset(&p, 0, sizeof(p));
    p.src = src;
    p.len = len;
    p.first_line = opts && opts->first_line > 0 ? opts->first_line : 1;
    p.line = p.first_line;
    p.file = filename;
    p.ctxt = p.id = p.str = p.prev_ctxt = p.prev_id = init;
    p.tcom = p.xcom = p.refs = p.flags = p.scratch = init;
    if (len >= 3 && !memcmp(src, "\xEF\xBB\xBF", 3))
        p.body = 3;
    p.pos = p.line_start = p.body;

    p.po = yk_xcalloc(1, sizeof(*p.po));
    p.po->pool = yk_xcalloc(1, sizeof(*p.po->pool));
    entry_reset(&p);

    prepass(&p, max_line);
    if (p.bad_code == YK_ETOOBIG) {
        /* Don't parse what is too big to trust. */
        rc = report(&p);
        goto done;
    }
    if (parse_body(&p) == YK_OK)
        check_duplicates(&p);
    rc = report(&p);
done:
    entry_release(&p);
    free(p.entry_offs);
    if (rc < 0) {
        yk_po_file_free(p.po);
        return rc;
    }
    *out = p.po;
    return YK_OK;
}

/* ------------------------------------------------------------------------ */
/* Writer                                                                    */

/* How a character is written inside quotes: its bytes or an escape. */
static const char *escape_of(char c)
{
    switch (c) {
    case '\\':
        return "\\\\";
    case '"':
        return "\\\"";
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\r':
        return "\\r";
    case '\a':
        return "\\a";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    case '\v':
        return "\\v";
    default:
        return NULL;
    }
}

/* Byte length and display width of the character at s (valid UTF-8). */
static size_t char_at(const char *s, size_t len, int *width)
{
    uint32_t cp;
    size_t n;
    const char *esc = escape_of(s[0]);

    if (esc) {
        *width = 2;
        return 1;
    }
    n = yk_utf8_decode(&cp, s, len);
    if (n == 0) { /* checked before writing; be safe anyway */
        *width = 1;
        return 1;
    }
    *width = yk_is_cjk(cp) && !(cp >= 0xFF61 && cp <= 0xFFDC) ? 2 : 1;
    return n;
}

static int is_wide_at(const char *s, size_t len)
{
    int w;
    char_at(s, len, &w);
    return w == 2 && !escape_of(s[0]);
}

static void put_escaped(yk_buf *b, const char *s, size_t n)
{
    size_t i, run = 0;

    for (i = 0; i < n; i++) {
        const char *esc = escape_of(s[i]);
        if (esc) {
            yk_buf_put(b, s + run, i - run);
            yk_buf_puts(b, esc);
            run = i + 1;
        }
    }
    yk_buf_put(b, s + run, n - run);
}

static void put_quoted_line(yk_buf *b, const char *prefix, const char *s, size_t n)
{
    yk_buf_puts(b, prefix);
    yk_buf_putc(b, '"');
    put_escaped(b, s, n);
    yk_buf_puts(b, "\"\n");
}

static size_t text_width(const char *s, size_t n)
{
    size_t i = 0, w = 0;
    while (i < n) {
        int cw;
        i += char_at(s + i, n - i, &cw);
        w += (size_t)cw;
    }
    return w;
}

/* One '\n'-terminated piece, broken to fit 'limit' columns inside quotes:
 * after a space, or before/after a wide CJK character. */
static void put_piece(yk_buf *b, const char *prefix, const char *s, size_t n, size_t limit)
{
    size_t start = 0, i = 0, brk = 0, cur = 0, cur_at_brk = 0;

    while (i < n) {
        int cw;
        size_t clen = char_at(s + i, n - i, &cw);

        /* May a line start at this character? */
        if (i > start && s[i] != ' ' && s[i - 1] == ' ') {
            brk = i;
            cur_at_brk = cur;
        } else if (i > start && s[i] != ' ') {
            size_t pj = i - 1;
            while (pj > start && ((unsigned char)s[pj] & 0xC0) == 0x80)
                pj--;
            if ((cw == 2 && !escape_of(s[i])) || is_wide_at(s + pj, i - pj)) {
                brk = i;
                cur_at_brk = cur;
            }
        }
        if (i > start && cur + (size_t)cw > limit) {
            if (brk > start) {
                put_quoted_line(b, prefix, s + start, brk - start);
                start = brk;
                cur -= cur_at_brk;
            } else {
                put_quoted_line(b, prefix, s + start, i - start);
                start = i;
                cur = 0;
            }
            brk = start;
        }
        cur += (size_t)cw;
        i += clen;
    }
    if (i > start)
        put_quoted_line(b, prefix, s + start, i - start);
}

/* keyword "text", or keyword "" and one quoted line per piece when the text
 * has an inner '\n' or does not fit the page (gettext's layout). */
static void put_string(yk_buf *b, const char *prefix, const char *kw, const char *s, int wrap)
{
    size_t n = strlen(s), i = 0;
    size_t head = strlen(prefix) + strlen(kw) + 1;
    size_t limit = wrap ? PAGE_WIDTH - strlen(prefix) - 2 : SIZE_MAX;
    int inner_nl = n > 1 && memchr(s, '\n', n - 1) != NULL;

    if (!inner_nl && (!wrap || head + 2 + text_width(s, n) <= PAGE_WIDTH)) {
        yk_buf_puts(b, prefix);
        yk_buf_puts(b, kw);
        yk_buf_putc(b, ' ');
        put_quoted_line(b, "", s, n);
        return;
    }
    yk_buf_puts(b, prefix);
    yk_buf_puts(b, kw);
    yk_buf_puts(b, " \"\"\n");
    while (i < n) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t j = nl ? (size_t)(nl - s) + 1 : n;
        put_piece(b, prefix, s + i, j - i, limit);
        i = j;
    }
}

/* Comments are information for people, never read back as data: control
 * characters become spaces rather than failing the export. */
static void put_sanitized(yk_buf *b, const char *s, size_t n)
{
    size_t i, run = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            yk_buf_put(b, s + run, i - run);
            yk_buf_putc(b, ' ');
            run = i + 1;
        }
    }
    yk_buf_put(b, s + run, n - run);
}

static void put_comment(yk_buf *b, const char *mark, const char *text)
{
    const char *s = text;

    if (!text)
        return;
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        yk_buf_puts(b, mark);
        if (n) {
            yk_buf_putc(b, ' ');
            put_sanitized(b, s, n);
        }
        yk_buf_putc(b, '\n');
        if (!nl)
            break;
        s = nl + 1;
    }
}

/* Whether the comma-separated 'flags' list 'want' (spaces around ignored). */
static int has_flag(const char *flags, const char *want)
{
    const char *s = flags;
    size_t wl = strlen(want);

    while (s && *s) {
        size_t n = strcspn(s, ",");
        size_t a = 0, e = n;
        while (a < n && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        if (e - a == wl && !memcmp(s + a, want, wl))
            return 1;
        s += n;
        if (*s == ',')
            s++;
    }
    return 0;
}

static void put_flags(yk_buf *b, const yk_po_entry *e)
{
    const char *s = e->flags;
    int fuzzy = e->fuzzy || has_flag(e->flags, "fuzzy");
    int any = 0;

    if (fuzzy) {
        yk_buf_puts(b, "#, fuzzy");
        any = 1;
    }
    while (s && *s) {
        size_t n = strcspn(s, ",");
        size_t a = 0, end = n;
        while (a < n && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (end > a && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        if (end > a && !(end - a == 5 && !memcmp(s + a, "fuzzy", 5))) {
            yk_buf_puts(b, any ? ", " : "#, ");
            put_sanitized(b, s + a, end - a);
            any = 1;
        }
        s += n;
        if (*s == ',')
            s++;
    }
    if (any)
        yk_buf_putc(b, '\n');
}

/* How an entry is named in messages: its msgctxt (the segment id), else the
 * start of its msgid, cut at a character boundary. */
static void describe(char *out, size_t size, const yk_po_entry *e)
{
    const char *s = e->ctxt ? e->ctxt : (e->id ? e->id : "");
    size_t n = strlen(s), cut = n < 40 ? n : 40;

    while (cut < n && cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    snprintf(out, size, "%s '%.*s%s'", e->ctxt ? "entry" : "entry with msgid", (int)cut, s,
             cut < n ? "..." : "");
}

static int bad_text(const char *s, int allow_eot)
{
    size_t n;

    if (!s)
        return 0;
    n = strlen(s);
    if (yk_utf8_invalid_at(s, n) < n)
        return 1;
    return !allow_eot && memchr(s, EOT, n) != NULL;
}

int yk_po_entry_check(const yk_po_entry *e)
{
    const char *str = e->str ? e->str : "";
    char name[96];
    size_t il, sl;

    assert(e && e->id);
    describe(name, sizeof(name), e);
    if (bad_text(e->ctxt, 0) || bad_text(e->id, 0) || bad_text(str, 0) ||
        bad_text(e->prev_ctxt, 0) || bad_text(e->prev_id, 0))
        return yk_error_set(YK_EINVAL, "%s: text is not valid UTF-8 or contains EOT (0x04)", name);
    if (bad_text(e->translator_comments, 1) || bad_text(e->extracted_comments, 1) ||
        bad_text(e->references, 1) || bad_text(e->flags, 1))
        return yk_error_set(YK_EINVAL, "%s: a comment is not valid UTF-8", name);
    if (!e->ctxt && !e->id[0])
        return yk_error_set(YK_EINVAL,
                            "an entry needs a msgctxt or a non-empty msgid (msgid \"\" is the "
                            "header)");
    if (e->fuzzy || has_flag(e->flags, "fuzzy") || !str[0])
        return YK_OK;
    il = strlen(e->id);
    sl = strlen(str);
    if ((il && e->id[0] == '\n') != (str[0] == '\n'))
        return yk_error_set(YK_EINVAL,
                            "%s: msgid and msgstr must both begin with '\\n' or neither "
                            "(msgfmt -c rejects this)",
                            name);
    if ((il && e->id[il - 1] == '\n') != (str[sl - 1] == '\n'))
        return yk_error_set(YK_EINVAL,
                            "%s: msgid and msgstr must both end with '\\n' or neither "
                            "(msgfmt -c rejects this)",
                            name);
    return YK_OK;
}

static int header_value_ok(const char *name, const char *v)
{
    size_t n;

    if (!v)
        return YK_OK;
    n = strlen(v);
    if (memchr(v, '\n', n) || yk_utf8_invalid_at(v, n) < n || memchr(v, EOT, n))
        return yk_error_set(YK_EINVAL, "PO header field '%s' has a newline or invalid UTF-8", name);
    return YK_OK;
}

static int build_header(yk_buf *h, const yk_po_header *hd)
{
    static const char *const names[] = {"Project-Id-Version", "POT-Creation-Date",
                                        "PO-Revision-Date",   "Last-Translator",
                                        "Language-Team",      "Language"};
    const char *values[6];
    size_t i;
    int rc;

    values[0] = hd->project_id;
    values[1] = hd->pot_creation_date;
    values[2] = hd->revision_date;
    values[3] = hd->last_translator;
    values[4] = hd->language_team;
    values[5] = hd->language;
    for (i = 0; i < 6; i++) {
        if ((rc = header_value_ok(names[i], values[i])) < 0)
            return rc;
        yk_buf_printf(h, "%s: %s\n", names[i], values[i] ? values[i] : "");
        if (i == 5) {
            yk_buf_puts(h, "MIME-Version: 1.0\n"
                           "Content-Type: text/plain; charset=UTF-8\n"
                           "Content-Transfer-Encoding: 8bit\n"
                           "Plural-Forms: nplurals=1; plural=0;\n"
                           "X-Generator: yaku " YAKU_VERSION "\n");
        }
    }
    if (hd->extra) {
        const char *s = hd->extra;
        size_t n = strlen(s);
        if (yk_utf8_invalid_at(s, n) < n || memchr(s, EOT, n))
            return yk_error_set(YK_EINVAL, "extra PO header fields are not valid UTF-8");
        while (*s) {
            size_t ln = strcspn(s, "\n");
            const char *colon = memchr(s, ':', ln);
            if (ln && (!colon || colon == s))
                return yk_error_set(YK_EINVAL, "extra PO header line '%.*s' is not 'Name: value'",
                                    (int)(ln < 60 ? ln : 60), s);
            if (ln) {
                yk_buf_put(h, s, ln);
                yk_buf_putc(h, '\n');
            }
            s += ln;
            if (*s == '\n')
                s++;
        }
    }
    return YK_OK;
}

static void put_entry(yk_buf *b, const yk_po_entry *e)
{
    int wrap = !has_flag(e->flags, "no-wrap");

    put_comment(b, "#", e->translator_comments);
    put_comment(b, "#.", e->extracted_comments);
    put_comment(b, "#:", e->references);
    put_flags(b, e);
    if (e->prev_ctxt)
        put_string(b, "#| ", "msgctxt", e->prev_ctxt, wrap);
    if (e->prev_id)
        put_string(b, "#| ", "msgid", e->prev_id, wrap);
    if (e->ctxt)
        put_string(b, "", "msgctxt", e->ctxt, wrap);
    put_string(b, "", "msgid", e->id, wrap);
    put_string(b, "", "msgstr", e->str ? e->str : "", wrap);
}

int yk_po_write_header(yk_buf *out, const yk_po_header *header)
{
    yk_buf h = YK_BUF_INIT;
    yk_po_header none = YK_PO_HEADER_INIT;
    int rc;

    if (!header)
        header = &none;
    if ((rc = build_header(&h, header)) < 0)
        goto done;
    if (header->comments) {
        size_t cl = strlen(header->comments);
        if (yk_utf8_invalid_at(header->comments, cl) < cl) {
            rc = yk_error_set(YK_EINVAL, "PO header comments are not valid UTF-8");
            goto done;
        }
    }
    put_comment(out, "#", header->comments);
    yk_buf_puts(out, "msgid \"\"\n");
    put_string(out, "", "msgstr", h.buf, 1);
done:
    yk_buf_release(&h);
    return rc;
}

int yk_po_write_entry(yk_buf *out, const yk_po_entry *entry)
{
    int rc;
    if ((rc = yk_po_entry_check(entry)) < 0)
        return rc;
    yk_buf_putc(out, '\n');
    put_entry(out, entry);
    return YK_OK;
}

int yk_po_write(yk_buf *out, const yk_po_header *header, const yk_po_entry *entries, size_t n)
{
    /* Written aside and appended at once, so that an error or out's limit
     * leaves out as it was. */
    yk_buf b = YK_BUF_INIT;
    size_t i;
    int rc;

    assert(out);
    if ((rc = yk_po_write_header(&b, header)) < 0)
        goto done;
    for (i = 0; i < n; i++)
        if ((rc = yk_po_write_entry(&b, &entries[i])) < 0)
            goto done;
    rc = yk_buf_put(out, b.buf, b.len);
done:
    yk_buf_release(&b);
    return rc;
}

void yk_po_write_msgstr_value(yk_buf *out, const char *s, const char *eol)
{
    yk_buf b = YK_BUF_INIT;
    size_t i, kw = strlen("msgstr ");

    put_string(&b, "", "msgstr", s, 1);
    if (b.len && b.buf[b.len - 1] == '\n')
        yk_buf_truncate(&b, b.len - 1);
    for (i = kw; i < b.len; i++) {
        if (b.buf[i] == '\n')
            yk_buf_puts(out, eol);
        else
            yk_buf_putc(out, b.buf[i]);
    }
    yk_buf_release(&b);
}
