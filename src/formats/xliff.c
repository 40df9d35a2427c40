/*
 * XLIFF 1.2 and 2.0 writer and reader (formats/xliff.h).  The writer
 * builds the text directly; the reader walks the tree yk_xml_parse()
 * gives (no entities, no network, no DTD).  Which markup becomes a
 * placeholder is formats/inline.c's decision; the state mapping is in
 * xliff.h.
 */
#include "formats/xliff.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "formats/inline.h"
#include "formats/xml.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#define NS_12 "urn:oasis:names:tc:xliff:document:1.2"
#define NS_11 "urn:oasis:names:tc:xliff:document:1.1"
#define NS_20 "urn:oasis:names:tc:xliff:document:2.0"
/* yaku's own attributes (the bytes of a 1.2 <g>, characters XML cannot hold) */
#define NS_YAKU "urn:yaku:xliff"

/* ==== writing ==== */

/* Characters XML 1.0 can hold. */
static int xml_char(uint32_t c)
{
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
           (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static int all_xml_chars(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = yk_utf8_decode(&cp, s + i, len - i);
        if (!k || !xml_char(cp))
            return 0;
        i += k;
    }
    return 1;
}

/* What to do with a character XML cannot hold. */
typedef enum { BAD_REPLACE, BAD_CP, BAD_X } bad_char_mode;

typedef struct unit_writer {
    int version;
    int next_id; /* the last inline id handed out */
    /* 2.x <originalData>: distinct code bytes in order of first use */
    struct {
        const char *p;
        size_t len;
    } *data;
    size_t ndata, datacap;
    /* 1.2 characters XML cannot hold, by id: the target's take the ids of
     * the source's with the same code point, in order */
    struct {
        uint32_t cp;
        int id, used;
    } *chars;
    size_t nchars, charcap;
    int in_target;
} unit_writer;

/* The id of the <x> standing for character 'cp'. */
static int char_id(unit_writer *u, uint32_t cp)
{
    size_t i;
    if (u->in_target) {
        for (i = 0; i < u->nchars; i++)
            if (u->chars[i].cp == cp && !u->chars[i].used) {
                u->chars[i].used = 1;
                return u->chars[i].id;
            }
        return ++u->next_id;
    }
    u->chars = yk_xgrow(u->chars, &u->charcap, u->nchars + 1, sizeof(*u->chars));
    u->chars[u->nchars].cp = cp;
    u->chars[u->nchars].used = 0;
    return u->chars[u->nchars++].id = ++u->next_id;
}

/*
 * Append s[0..len) escaped for XML text (attr = 0) or a quoted attribute
 * value (attr = 1: white space as character references so that attribute
 * normalisation keeps it).  A carriage return is always a reference (a
 * parser would turn a literal one into a line feed).  Invalid UTF-8 becomes
 * U+FFFD; characters XML cannot hold follow 'mode'.
 */
static void esc(yk_buf *b, const char *s, size_t len, int attr, bad_char_mode mode, unit_writer *u)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80 && c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"') {
            size_t j = i + 1;
            while (j < len && (unsigned char)s[j] < 0x80 && (unsigned char)s[j] >= 0x20 &&
                   s[j] != '&' && s[j] != '<' && s[j] != '>' && s[j] != '"')
                j++;
            yk_buf_put(b, s + i, j - i);
            i = j;
            continue;
        }
        k = yk_utf8_decode(&cp, s + i, len - i);
        if (!k) {
            yk_buf_puts(b, "\xEF\xBF\xBD");
            i++;
            continue;
        }
        i += k;
        switch (cp) {
        case '&':
            yk_buf_puts(b, "&amp;");
            continue;
        case '<':
            yk_buf_puts(b, "&lt;");
            continue;
        case '>':
            yk_buf_puts(b, "&gt;");
            continue;
        case '"':
            yk_buf_puts(b, "&quot;");
            continue;
        case '\r':
            yk_buf_puts(b, "&#13;");
            continue;
        case '\t':
        case '\n':
            if (attr)
                yk_buf_printf(b, "&#%u;", (unsigned)cp);
            else
                yk_buf_putc(b, (char)cp);
            continue;
        default:
            break;
        }
        if (xml_char(cp)) {
            yk_buf_put(b, s + i - k, k);
        } else if (mode == BAD_CP && !attr) {
            yk_buf_printf(b, "<cp hex=\"%04X\"/>", (unsigned)cp);
        } else if (mode == BAD_X && !attr && u) {
            yk_buf_printf(b, "<x id=\"%d\" ctype=\"x-yaku-char\" yaku:cp=\"%04X\"/>",
                          char_id(u, cp), (unsigned)cp);
        } else {
            yk_buf_puts(b, "\xEF\xBF\xBD");
        }
    }
}

static void esc_str(yk_buf *b, const char *s, int attr)
{
    esc(b, s, strlen(s), attr, BAD_REPLACE, NULL);
}

/* The 2.x data id ("d" + number) for these bytes, added when new. */
static int data_ref(unit_writer *u, const char *p, size_t len)
{
    size_t i;
    for (i = 0; i < u->ndata; i++)
        if (u->data[i].len == len && memcmp(u->data[i].p, p, len) == 0)
            return (int)i + 1;
    u->data = yk_xgrow(u->data, &u->datacap, u->ndata + 1, sizeof(*u->data));
    u->data[u->ndata].p = p;
    u->data[u->ndata].len = len;
    return (int)++u->ndata;
}

/* A text with its codes, the id of each and whether it is written as a
 * code at all (1.2 cannot carry bytes XML cannot hold in an attribute). */
typedef struct coded {
    const char *s;
    size_t len;
    yk_inline x;
    int *ids;
    unsigned char *on;
} coded;

static void coded_init(coded *c, const char *s, int version)
{
    size_t i;
    c->s = s ? s : "";
    c->len = strlen(c->s);
    c->x = (yk_inline)YK_INLINE_INIT;
    yk_inline_scan(&c->x, c->s, c->len);
    c->ids = yk_xcalloc(c->x.n + 1, sizeof(*c->ids));
    c->on = yk_xcalloc(c->x.n + 1, 1);
    for (i = 0; i < c->x.n; i++)
        c->on[i] = 1;
    if (version == YK_XLIFF_1_2)
        for (i = 0; i < c->x.n; i++)
            if (!all_xml_chars(c->s + c->x.v[i].off, c->x.v[i].len))
                c->on[i] = c->on[c->x.v[i].partner] = 0;
}

static void coded_release(coded *c)
{
    yk_inline_release(&c->x);
    free(c->ids);
    free(c->on);
}

static int same_bytes(const coded *a, size_t i, const coded *b, size_t j)
{
    const yk_inline_code *x = &a->x.v[i], *y = &b->x.v[j];
    return x->len == y->len && memcmp(a->s + x->off, b->s + y->off, x->len) == 0;
}

/* Ids for the source's codes, then for the target's: a target code takes
 * the id of an unused source code with the same bytes (and, for a pair,
 * the same end), else a new one. */
static void assign_ids(unit_writer *u, coded *src, coded *tgt)
{
    size_t i, j;
    unsigned char *used = yk_xcalloc(src->x.n + 1, 1);
    for (i = 0; i < src->x.n; i++)
        if (src->on[i])
            src->ids[i] = src->x.v[i].role == YK_INLINE_CLOSE ? src->ids[src->x.v[i].partner]
                                                               : ++u->next_id;
    for (j = 0; tgt && j < tgt->x.n; j++) {
        const yk_inline_code *t = &tgt->x.v[j];
        if (!tgt->on[j])
            continue;
        if (t->role == YK_INLINE_CLOSE) {
            tgt->ids[j] = tgt->ids[t->partner];
            continue;
        }
        for (i = 0; i < src->x.n; i++) {
            const yk_inline_code *s = &src->x.v[i];
            if (used[i] || !src->on[i] || s->role != t->role || !same_bytes(src, i, tgt, j))
                continue;
            if (s->role == YK_INLINE_OPEN && !same_bytes(src, s->partner, tgt, t->partner))
                continue;
            break;
        }
        if (i < src->x.n) {
            used[i] = 1;
            tgt->ids[j] = src->ids[i];
        } else {
            tgt->ids[j] = ++u->next_id;
        }
    }
    free(used);
}

static const char *ctype_12(const yk_inline_code *c)
{
    switch (c->kind) {
    case YK_INLINE_EMPHASIS:
        return c->role == YK_INLINE_ISOLATED ? "x-emphasis" : "italic";
    case YK_INLINE_STRONG:
        return c->role == YK_INLINE_ISOLATED ? "x-strong" : "bold";
    case YK_INLINE_STRIKE:
        return "x-strike";
    case YK_INLINE_DELIMITER:
        return "x-delimiter";
    case YK_INLINE_CODE:
        return "x-code";
    case YK_INLINE_LINK:
        return c->role == YK_INLINE_ISOLATED ? "x-link" : "link";
    case YK_INLINE_IMAGE:
        return c->role == YK_INLINE_ISOLATED ? "image" : "x-image";
    case YK_INLINE_TITLE_END:
        return "x-title-end";
    case YK_INLINE_FOOTNOTE:
        return "x-footnote";
    case YK_INLINE_AUTOLINK:
        return "x-autolink";
    case YK_INLINE_HTML:
        return "x-html";
    case YK_INLINE_SHORTCODE:
        return "x-shortcode";
    case YK_INLINE_ATTRIBUTES:
        return "x-attributes";
    }
    return "x-markup";
}

/* 2.x type and subType of a paired code (both optional). */
static const char *type_20(const yk_inline_code *c, const char **sub)
{
    *sub = NULL;
    switch (c->kind) {
    case YK_INLINE_STRONG:
        *sub = "xlf:b";
        return "fmt";
    case YK_INLINE_EMPHASIS:
        *sub = "xlf:i";
        return "fmt";
    case YK_INLINE_STRIKE:
        return "fmt";
    case YK_INLINE_LINK:
        return "link";
    case YK_INLINE_IMAGE:
        return "image";
    default:
        return NULL;
    }
}

/* Write a coded text as inline content. */
static void put_inline(yk_buf *b, unit_writer *u, const coded *c)
{
    size_t i, pos = 0;
    bad_char_mode mode = u->version == YK_XLIFF_1_2 ? BAD_X : BAD_CP;
    for (i = 0; i < c->x.n; i++) {
        const yk_inline_code *k = &c->x.v[i];
        const char *bytes = c->s + k->off;
        if (!c->on[i])
            continue;
        esc(b, c->s + pos, k->off - pos, 0, mode, u);
        pos = k->off + k->len;
        if (u->version == YK_XLIFF_1_2) {
            if (k->role == YK_INLINE_OPEN) {
                const yk_inline_code *e = &c->x.v[k->partner];
                yk_buf_printf(b, "<g id=\"%d\" ctype=\"%s\" yaku:start=\"", c->ids[i], ctype_12(k));
                esc(b, bytes, k->len, 1, BAD_REPLACE, NULL);
                yk_buf_puts(b, "\" yaku:end=\"");
                esc(b, c->s + e->off, e->len, 1, BAD_REPLACE, NULL);
                yk_buf_puts(b, "\">");
            } else if (k->role == YK_INLINE_CLOSE) {
                yk_buf_puts(b, "</g>");
            } else {
                yk_buf_printf(b, "<ph id=\"%d\" ctype=\"%s\">", c->ids[i], ctype_12(k));
                esc(b, bytes, k->len, 0, BAD_REPLACE, NULL);
                yk_buf_puts(b, "</ph>");
            }
        } else {
            if (k->role == YK_INLINE_OPEN) {
                const yk_inline_code *e = &c->x.v[k->partner];
                const char *sub, *type = type_20(k, &sub);
                int d1 = data_ref(u, bytes, k->len), d2 = data_ref(u, c->s + e->off, e->len);
                yk_buf_printf(b, "<pc id=\"%d\" dataRefStart=\"d%d\" dataRefEnd=\"d%d\"", c->ids[i],
                              d1, d2);
                if (type)
                    yk_buf_printf(b, " type=\"%s\"", type);
                if (sub)
                    yk_buf_printf(b, " subType=\"%s\"", sub);
                yk_buf_putc(b, '>');
            } else if (k->role == YK_INLINE_CLOSE) {
                yk_buf_puts(b, "</pc>");
            } else {
                yk_buf_printf(b, "<ph id=\"%d\" dataRef=\"d%d\"/>", c->ids[i],
                              data_ref(u, bytes, k->len));
            }
        }
    }
    esc(b, c->s + pos, c->len - pos, 0, mode, u);
}

/* Source and target of one unit (or of an alt-trans) as inline content. */
static void encode_pair(yk_buf *src_out, yk_buf *tgt_out, unit_writer *u, const char *source,
                        const char *target)
{
    coded s, t;
    coded_init(&s, source, u->version);
    if (target)
        coded_init(&t, target, u->version);
    assign_ids(u, &s, target ? &t : NULL);
    u->in_target = 0;
    put_inline(src_out, u, &s);
    u->in_target = 1;
    if (target)
        put_inline(tgt_out, u, &t);
    coded_release(&s);
    if (target)
        coded_release(&t);
}

static int has_text(const char *s)
{
    return s && *s;
}

/* Letters, digits and the XML 1.0 name characters outside ASCII that an
 * NMTOKEN allows (XML 1.0 fifth edition, NameChar). */
static int is_nmtoken(const char *s)
{
    size_t i = 0, len = strlen(s);
    if (!len)
        return 0;
    while (i < len) {
        uint32_t c;
        size_t k = yk_utf8_decode(&c, s + i, len - i);
        if (!k)
            return 0;
        i += k;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == ':' || c == 0xB7 ||
            (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x37D) ||
            (c >= 0x37F && c <= 0x1FFF) || c == 0x200C || c == 0x200D ||
            (c >= 0x203F && c <= 0x2040) || (c >= 0x2070 && c <= 0x218F) ||
            (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
            (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) ||
            (c >= 0x10000 && c <= 0xEFFFF))
            continue;
        return 0;
    }
    return 1;
}

static int state_known(const char *st)
{
    return st && (strcmp(st, "new") == 0 || strcmp(st, "fuzzy") == 0 ||
                  strcmp(st, "translated") == 0 || strcmp(st, "reviewed") == 0);
}

static void put_note_12(yk_buf *b, const char *text)
{
    yk_buf_puts(b, "        <note from=\"yaku\">");
    esc_str(b, text, 0);
    yk_buf_puts(b, "</note>\n");
}

static void write_unit_12(yk_buf *b, const yk_xliff_unit *x)
{
    unit_writer u;
    yk_buf src = YK_BUF_INIT, tgt = YK_BUF_INIT;
    int with_target = has_text(x->target) && strcmp(x->state, "new") != 0;
    int fuzzy = strcmp(x->state, "fuzzy") == 0;

    memset(&u, 0, sizeof(u));
    u.version = YK_XLIFF_1_2;
    encode_pair(&src, &tgt, &u, x->source, with_target ? x->target : NULL);
    yk_buf_puts(b, "      <trans-unit id=\"");
    esc_str(b, x->id, 1);
    yk_buf_puts(b, "\" resname=\"");
    esc_str(b, x->id, 1);
    yk_buf_puts(b, "\" xml:space=\"preserve\"");
    if (with_target)
        yk_buf_printf(b, " approved=\"%s\"", fuzzy ? "no" : "yes");
    yk_buf_printf(b, ">\n        <source>%s</source>\n", src.buf);
    if (with_target)
        yk_buf_printf(b, "        <target state=\"%s\">%s</target>\n",
                      fuzzy                                    ? "needs-review-translation"
                      : strcmp(x->state, "reviewed") == 0 ? "signed-off"
                                                               : "translated",
                      tgt.buf);
    if (x->original) {
        yk_buf_puts(b, "        <context-group purpose=\"location\"><context "
                       "context-type=\"sourcefile\">");
        esc_str(b, x->original, 0);
        yk_buf_puts(b, "</context>");
        if (x->original_line > 0)
            yk_buf_printf(b, "<context context-type=\"linenumber\">%d</context>",
                          x->original_line);
        yk_buf_puts(b, "</context-group>\n");
    }
    if (x->revision >= 0) {
        char rev[40];
        snprintf(rev, sizeof(rev), "yaku-rev: %d", x->revision);
        put_note_12(b, rev);
    }
    if (has_text(x->context))
        put_note_12(b, x->context);
    if (has_text(x->comment))
        put_note_12(b, x->comment);
    if (fuzzy && x->prev_source) {
        /* the source this target was made for: what msgmerge's "#| msgid" is in PO */
        unit_writer pu;
        yk_buf ps = YK_BUF_INIT, pt = YK_BUF_INIT;
        memset(&pu, 0, sizeof(pu));
        pu.version = YK_XLIFF_1_2;
        encode_pair(&ps, &pt, &pu, x->prev_source, with_target ? x->target : "");
        yk_buf_printf(b,
                      "        <alt-trans alttranstype=\"previous-version\" origin=\"yaku\">"
                      "<source>%s</source><target>%s</target></alt-trans>\n",
                      ps.buf, pt.buf);
        free(pu.chars);
        yk_buf_release(&ps);
        yk_buf_release(&pt);
    }
    yk_buf_puts(b, "      </trans-unit>\n");
    free(u.chars);
    yk_buf_release(&src);
    yk_buf_release(&tgt);
}

static void put_note_20(yk_buf *b, const char *category, const char *text)
{
    yk_buf_printf(b, "        <note category=\"%s\">", category);
    esc_str(b, text, 0);
    yk_buf_puts(b, "</note>\n");
}

static void write_unit_20(yk_buf *b, const yk_xliff_unit *x, size_t position)
{
    unit_writer u;
    yk_buf src = YK_BUF_INIT, tgt = YK_BUF_INIT;
    int with_target = has_text(x->target) && strcmp(x->state, "new") != 0;
    const char *state = !with_target || strcmp(x->state, "fuzzy") == 0 ? "initial"
                        : strcmp(x->state, "reviewed") == 0             ? "reviewed"
                                                                        : "translated";
    size_t i;

    memset(&u, 0, sizeof(u));
    u.version = YK_XLIFF_2_0;
    encode_pair(&src, &tgt, &u, x->source, with_target ? x->target : NULL);
    if (is_nmtoken(x->id)) {
        yk_buf_puts(b, "    <unit id=\"");
        esc_str(b, x->id, 1);
    } else {
        yk_buf_printf(b, "    <unit id=\"u%zu", position + 1);
    }
    yk_buf_puts(b, "\" name=\"");
    esc_str(b, x->id, 1);
    yk_buf_puts(b, "\" canResegment=\"no\">\n");
    if (x->revision >= 0 || x->original || has_text(x->context) || has_text(x->comment) ||
        (x->prev_source && strcmp(x->state, "fuzzy") == 0)) {
        yk_buf_puts(b, "      <notes>\n");
        if (x->revision >= 0) {
            char rev[40];
            snprintf(rev, sizeof(rev), "yaku-rev: %d", x->revision);
            put_note_20(b, "yaku:revision", rev);
        }
        if (x->original) {
            yk_buf buf = YK_BUF_INIT;
            yk_buf_puts(&buf, x->original);
            if (x->original_line > 0)
                yk_buf_printf(&buf, ":%d", x->original_line);
            put_note_20(b, "location", buf.buf);
            yk_buf_release(&buf);
        }
        if (has_text(x->context))
            put_note_20(b, "context", x->context);
        if (has_text(x->comment))
            put_note_20(b, "comment", x->comment);
        if (x->prev_source && strcmp(x->state, "fuzzy") == 0)
            put_note_20(b, "yaku:previous-source", x->prev_source);
        yk_buf_puts(b, "      </notes>\n");
    }
    if (u.ndata) {
        yk_buf_puts(b, "      <originalData>\n");
        for (i = 0; i < u.ndata; i++) {
            yk_buf_printf(b, "        <data id=\"d%zu\">", i + 1);
            esc(b, u.data[i].p, u.data[i].len, 0, BAD_CP, NULL);
            yk_buf_puts(b, "</data>\n");
        }
        yk_buf_puts(b, "      </originalData>\n");
    }
    yk_buf_printf(b, "      <segment id=\"s1\" state=\"%s\"%s>\n", state,
                  with_target && strcmp(x->state, "fuzzy") == 0 ? " subState=\"yaku:fuzzy\"" : "");
    yk_buf_printf(b, "        <source xml:space=\"preserve\">%s</source>\n", src.buf);
    if (with_target)
        yk_buf_printf(b, "        <target xml:space=\"preserve\">%s</target>\n", tgt.buf);
    yk_buf_puts(b, "      </segment>\n    </unit>\n");
    free(u.data);
    free(u.chars);
    yk_buf_release(&src);
    yk_buf_release(&tgt);
}

/* Whether unit u belongs to the <file> the writer has open. */
static int same_original(const yk_xliff_writer *w, const yk_xliff_unit *u)
{
    if (!w->original || !u->original)
        return !w->original && !u->original;
    return strcmp(w->original, u->original) == 0;
}

static void open_file_12(yk_xliff_writer *w, yk_buf *b, const char *original)
{
    if (w->files++)
        yk_buf_puts(b, "    </body>\n  </file>\n");
    yk_buf_puts(b, "  <file original=\"");
    esc_str(b, original ? original : "yaku", 1);
    yk_buf_puts(b, "\" source-language=\"");
    esc_str(b, w->src_lang, 1);
    yk_buf_puts(b, "\" target-language=\"");
    esc_str(b, w->tgt_lang, 1);
    yk_buf_puts(b, "\" datatype=\"x-markdown\" tool-id=\"yaku\">\n"
                   "    <header><tool tool-id=\"yaku\" tool-name=\"yaku\" "
                   "tool-version=\"" YAKU_VERSION "\"/></header>\n    <body>\n");
}

static void open_file_20(yk_xliff_writer *w, yk_buf *b, const char *original)
{
    if (w->files)
        yk_buf_puts(b, "  </file>\n");
    yk_buf_printf(b, "  <file id=\"f%zu\"", ++w->files);
    if (original) {
        yk_buf_puts(b, " original=\"");
        esc_str(b, original, 1);
        yk_buf_putc(b, '"');
    }
    yk_buf_puts(b, ">\n");
}

int yk_xliff_writer_begin(yk_xliff_writer *w, yk_buf *out, int version, const char *src_lang,
                          const char *tgt_lang)
{
    memset(w, 0, sizeof(*w));
    if (version != YK_XLIFF_1_2 && version != YK_XLIFF_2_0)
        return yk_error_set(YK_EINVAL, "XLIFF version %d cannot be written (1.2 and 2.0 can)",
                            version);
    w->version = version;
    w->src_lang = src_lang;
    w->tgt_lang = tgt_lang;
    yk_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (version == YK_XLIFF_1_2) {
        yk_buf_puts(out, "<xliff version=\"1.2\" xmlns=\"" NS_12 "\" xmlns:yaku=\"" NS_YAKU "\">\n");
    } else {
        yk_buf_puts(out, "<xliff xmlns=\"" NS_20 "\" version=\"2.0\" srcLang=\"");
        esc_str(out, src_lang, 1);
        yk_buf_puts(out, "\" trgLang=\"");
        esc_str(out, tgt_lang, 1);
        yk_buf_puts(out, "\">\n");
    }
    return YK_OK;
}

int yk_xliff_writer_unit(yk_xliff_writer *w, yk_buf *out, const yk_xliff_unit *u)
{
    if (!u->id || !u->source || !state_known(u->state))
        return yk_error_set(YK_EINVAL, "XLIFF unit %zu has no id, no source or an unknown state",
                            w->units + 1);
    if (w->units == 0 || !same_original(w, u)) {
        if (w->version == YK_XLIFF_1_2)
            open_file_12(w, out, u->original);
        else
            open_file_20(w, out, u->original);
        free(w->original);
        w->original = u->original ? yk_xstrdup(u->original) : NULL;
    }
    if (w->version == YK_XLIFF_1_2)
        write_unit_12(out, u);
    else
        write_unit_20(out, u, w->units);
    w->units++;
    return YK_OK;
}

int yk_xliff_writer_end(yk_xliff_writer *w, yk_buf *out)
{
    int rc = YK_OK;
    if (w->version == YK_XLIFF_2_0 && w->units == 0) {
        rc = yk_error_set(YK_EINVAL, "there are no segments to export (an XLIFF 2 file needs "
                                     "at least one unit)");
    } else if (w->version == YK_XLIFF_1_2) {
        /* 1.2 needs a <file> even with nothing in it */
        if (w->files == 0)
            open_file_12(w, out, NULL);
        yk_buf_puts(out, "    </body>\n  </file>\n</xliff>\n");
    } else {
        yk_buf_puts(out, "  </file>\n</xliff>\n");
    }
    yk_xliff_writer_release(w);
    return rc;
}

void yk_xliff_writer_release(yk_xliff_writer *w)
{
    free(w->original);
    w->original = NULL;
}

int yk_xliff_write(yk_buf *out, int version, const char *src_lang, const char *tgt_lang,
                   const yk_xliff_unit *units, size_t n)
{
    /* written aside, so that an error or out's limit leaves out as it was */
    yk_buf b = YK_BUF_INIT;
    yk_xliff_writer w;
    size_t i;
    int rc;

    if ((rc = yk_xliff_writer_begin(&w, &b, version, src_lang, tgt_lang)) < 0)
        goto done;
    for (i = 0; i < n; i++)
        if ((rc = yk_xliff_writer_unit(&w, &b, &units[i])) < 0)
            goto done;
    if ((rc = yk_xliff_writer_end(&w, &b)) < 0)
        goto done;
    rc = yk_buf_put(out, b.buf, b.len);
done:
    yk_xliff_writer_release(&w);
    yk_buf_release(&b);
    return rc;
}

/* ==== reading ==== */

int yk_xliff_sniff(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
                     ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
        return 1; /* UTF-16: libxml2 reads it, PO never is */
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
        i++;
    return i < len && data[i] == '<';
}

/* Bytes a placeholder id stands for in the unit's source. */
typedef struct code_def {
    char *id;
    char *start, *end; /* NULL when not seen */
    size_t start_len, end_len;
} code_def;

typedef struct code_table {
    code_def *v;
    size_t n, cap;
} code_table;

typedef struct reader {
    const char *path;
    int version;
    const char *ns; /* the XLIFF namespace of the file; NULL: none (1.x only) */
    size_t total;   /* text produced so far */
    /* 2.x <originalData> of the current unit */
    code_table data;
    /* collected units */
    yk_xliff_unit *units;
    size_t n, cap;
} reader;

static void table_clear(code_table *t)
{
    size_t i;
    for (i = 0; i < t->n; i++) {
        free(t->v[i].id);
        free(t->v[i].start);
        free(t->v[i].end);
    }
    t->n = 0;
}

static void table_free(code_table *t)
{
    table_clear(t);
    free(t->v);
    t->v = NULL;
    t->cap = 0;
}

static code_def *table_find(const code_table *t, const char *id)
{
    size_t i;
    if (!id)
        return NULL;
    for (i = 0; i < t->n; i++)
        if (strcmp(t->v[i].id, id) == 0)
            return &t->v[i];
    return NULL;
}

/* Record bytes for one end of code 'id' (first definition wins). */
static void table_set(code_table *t, const char *id, int end, const char *p, size_t len)
{
    code_def *d = table_find(t, id);
    if (!id)
        return;
    if (!d) {
        t->v = yk_xgrow(t->v, &t->cap, t->n + 1, sizeof(*t->v));
        d = &t->v[t->n++];
        memset(d, 0, sizeof(*d));
        d->id = yk_xstrdup(id);
    }
    if (end && !d->end) {
        d->end = yk_xstrndup(p, len);
        d->end_len = len;
    } else if (!end && !d->start) {
        d->start = yk_xstrndup(p, len);
        d->start_len = len;
    }
}

static int line_of(const xmlNode *n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

/* An element of the XLIFF namespace named 'name'. */
static int is_xlf(const reader *r, const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name) != 0)
        return 0;
    if (!r->ns)
        return n->ns == NULL;
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, r->ns) == 0;
}

static const xmlNode *child(const reader *r, const xmlNode *n, const char *name)
{
    for (n = n ? n->children : NULL; n; n = n->next)
        if (is_xlf(r, n, name))
            return n;
    return NULL;
}

/* Attribute without namespace; free with xmlFree(). */
static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

static char *attr_ns(const xmlNode *n, const char *name, const char *ns)
{
    return (char *)xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns);
}

static int emit(reader *r, yk_buf *b, const char *p, size_t len, const xmlNode *at)
{
    if (b->len + len > YK_XLIFF_MAX_TEXT)
        return yk_error_set_at(YK_ETOOBIG, r->path, line_of(at), 0,
                               "text longer than %zu bytes once its placeholders are expanded",
                               YK_XLIFF_MAX_TEXT);
    if (r->total + len > YK_XLIFF_MAX_TOTAL)
        return yk_error_set_at(YK_ETOOBIG, r->path, line_of(at), 0,
                               "the texts of this file exceed %zu bytes once their placeholders "
                               "are expanded",
                               YK_XLIFF_MAX_TOTAL);
    r->total += len;
    yk_buf_put(b, p, len);
    return YK_OK;
}

/* <cp hex="..."/>: the character, refused when it is NUL or not one. */
static int code_point(reader *r, yk_buf *b, const xmlNode *n)
{
    char *hex = attr(n, "hex"), *end = NULL, u[4];
    unsigned long v = 0;
    int rc;
    if (hex)
        v = strtoul(hex, &end, 16);
    if (!hex || !*hex || *end || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        rc = yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                             "<cp hex=\"%s\"> is not a character yaku can store", hex ? hex : "");
        xmlFree(hex);
        return rc;
    }
    xmlFree(hex);
    return emit(r, b, u, yk_utf8_encode(u, (uint32_t)v), n);
}

/* The text content of a node's children (text, CDATA, and 2.x <cp>). */
static int plain_content(reader *r, yk_buf *b, const xmlNode *n)
{
    int rc;
    for (n = n->children; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if ((rc = emit(r, b, (const char *)n->content, strlen((const char *)n->content), n)) <
                0)
                return rc;
        } else if (is_xlf(r, n, "cp")) {
            if ((rc = code_point(r, b, n)) < 0)
                return rc;
        } else if (n->type == XML_ELEMENT_NODE && (rc = plain_content(r, b, n)) < 0) {
            return rc;
        }
    }
    return YK_OK;
}

/* What one placeholder end resolves to. */
typedef struct side {
    const char *p;
    size_t len;
} side;

/* Bytes for one end of a placeholder: 'own' when the element carries them,
 * else the same id's end in the source table.  Errors name the element. */
static int resolve(reader *r, side *out, const xmlNode *n, const char *id, int end, const char *own,
                   size_t own_len, int have_own, const code_table *src)
{
    const code_def *d;
    if (have_own) {
        out->p = own;
        out->len = own_len;
        return YK_OK;
    }
    d = src ? table_find(src, id) : NULL;
    if (d && (end ? d->end : d->start)) {
        out->p = end ? d->end : d->start;
        out->len = end ? d->end_len : d->start_len;
        return YK_OK;
    }
    return yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                           "<%s%s%s%s> carries no original markup and the source has no "
                           "placeholder with that id",
                           (const char *)n->name, id ? " id=\"" : "", id ? id : "", id ? "\"" : "");
}

static int read_inline(reader *r, yk_buf *b, const xmlNode *n, code_table *own,
                       const code_table *src, int depth);

/* 1.2 placeholders. */
static int inline_12(reader *r, yk_buf *b, const xmlNode *n, code_table *own,
                     const code_table *src, int depth)
{
    const char *name = (const char *)n->name;
    char *id = attr(n, "id"), *a = NULL, *z = NULL;
    side s = {NULL, 0}, e = {NULL, 0};
    yk_buf content = YK_BUF_INIT;
    int rc = YK_OK;

    if (strcmp(name, "g") == 0) {
        a = attr_ns(n, "start", NS_YAKU);
        z = attr_ns(n, "end", NS_YAKU);
        if ((rc = resolve(r, &s, n, id, 0, a, a ? strlen(a) : 0, a != NULL, src)) < 0 ||
            (rc = resolve(r, &e, n, id, 1, z, z ? strlen(z) : 0, z != NULL, src)) < 0)
            goto done;
        if (own) {
            table_set(own, id, 0, s.p, s.len);
            table_set(own, id, 1, e.p, e.len);
        }
        if ((rc = emit(r, b, s.p, s.len, n)) < 0 ||
            (rc = read_inline(r, b, n, own, src, depth + 1)) < 0 ||
            (rc = emit(r, b, e.p, e.len, n)) < 0)
            goto done;
    } else if (strcmp(name, "x") == 0 || strcmp(name, "bx") == 0 || strcmp(name, "ex") == 0) {
        /* no native code: a character yaku wrote, else the source's code */
        int is_end = strcmp(name, "ex") == 0;
        char *rid = is_end ? attr(n, "rid") : NULL;
        a = attr_ns(n, "cp", NS_YAKU);
        if (a) {
            char *endp;
            unsigned long v = strtoul(a, &endp, 16);
            char u[4];
            if (!*a || *endp || v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                rc = yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                                     "yaku:cp=\"%s\" is not a character yaku can store", a);
                xmlFree(rid);
                goto done;
            }
            yk_buf_put(&content, u, yk_utf8_encode(u, (uint32_t)v));
        }
        rc = resolve(r, &s, n, rid ? rid : id, is_end, content.buf, content.len, a != NULL, src);
        if (rc == YK_OK && own)
            table_set(own, rid ? rid : id, is_end, s.p, s.len);
        if (rc == YK_OK)
            rc = emit(r, b, s.p, s.len, n);
        xmlFree(rid);
    } else {
        /* ph, bpt, ept, it: the native code is the content */
        int is_end = strcmp(name, "ept") == 0, have;
        char *rid = is_end ? attr(n, "rid") : NULL;
        if (strcmp(name, "it") == 0) {
            char *pos = attr(n, "pos");
            is_end = pos && strcmp(pos, "close") == 0;
            xmlFree(pos);
        }
        if ((rc = plain_content(r, &content, n)) < 0) {
            xmlFree(rid);
            goto done;
        }
        have = content.len > 0;
        rc = resolve(r, &s, n, rid ? rid : id, is_end, content.buf, content.len, have, src);
        if (rc == YK_OK && own)
            table_set(own, rid ? rid : id, is_end, s.p, s.len);
        if (rc == YK_OK)
            rc = emit(r, b, s.p, s.len, n);
        xmlFree(rid);
    }
done:
    yk_buf_release(&content);
    xmlFree(id);
    xmlFree(a);
    xmlFree(z);
    return rc;
}

/* The <originalData> entry a dataRef names. */
static int data_bytes(reader *r, const xmlNode *n, const char *ref, const char **p, size_t *len)
{
    const code_def *d = table_find(&r->data, ref);
    if (!d)
        return yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                               "<%s> refers to data '%s', which <originalData> does not hold",
                               (const char *)n->name, ref);
    *p = d->start;
    *len = d->start_len;
    return YK_OK;
}

/* 2.x placeholders. */
static int inline_20(reader *r, yk_buf *b, const xmlNode *n, code_table *own,
                     const code_table *src, int depth)
{
    const char *name = (const char *)n->name;
    char *id = attr(n, "id"), *ref = NULL, *ref2 = NULL;
    side s = {NULL, 0}, e = {NULL, 0};
    const char *p = NULL;
    size_t len = 0;
    int rc = YK_OK;

    if (strcmp(name, "pc") == 0) {
        ref = attr(n, "dataRefStart");
        ref2 = attr(n, "dataRefEnd");
        if ((ref && (rc = data_bytes(r, n, ref, &p, &len)) < 0) ||
            (rc = resolve(r, &s, n, id, 0, p, len, ref != NULL, src)) < 0)
            goto done;
        p = NULL;
        len = 0;
        if ((ref2 && (rc = data_bytes(r, n, ref2, &p, &len)) < 0) ||
            (rc = resolve(r, &e, n, id, 1, p, len, ref2 != NULL, src)) < 0)
            goto done;
        if (own) {
            table_set(own, id, 0, s.p, s.len);
            table_set(own, id, 1, e.p, e.len);
        }
        if ((rc = emit(r, b, s.p, s.len, n)) < 0 ||
            (rc = read_inline(r, b, n, own, src, depth + 1)) < 0 ||
            (rc = emit(r, b, e.p, e.len, n)) < 0)
            goto done;
    } else {
        /* ph, sc, ec: one end each; an ec names its sc by startRef */
        int is_end = strcmp(name, "ec") == 0;
        char *start_ref = is_end ? attr(n, "startRef") : NULL;
        const char *key = start_ref ? start_ref : id;
        ref = attr(n, "dataRef");
        if ((ref && (rc = data_bytes(r, n, ref, &p, &len)) < 0) ||
            (rc = resolve(r, &s, n, key, is_end, p, len, ref != NULL, src)) < 0) {
            xmlFree(start_ref);
            goto done;
        }
        if (own)
            table_set(own, key, is_end, s.p, s.len);
        rc = emit(r, b, s.p, s.len, n);
        xmlFree(start_ref);
    }
done:
    xmlFree(id);
    xmlFree(ref);
    xmlFree(ref2);
    return rc;
}

/*
 * Append the text of an inline container (<source>, <target>, <g>, <pc>,
 * <mrk>) with placeholders turned back into bytes.  'own' (may be NULL)
 * records the bytes of each placeholder id met (the source's table);
 * 'src' is looked up for placeholders that carry none (a target's).
 */
static int read_inline(reader *r, yk_buf *b, const xmlNode *n, code_table *own,
                       const code_table *src, int depth)
{
    int rc = YK_OK;
    for (n = n->children; n && rc == YK_OK; n = n->next) {
        const char *name = (const char *)n->name;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            rc = emit(r, b, (const char *)n->content, strlen((const char *)n->content), n);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (!is_xlf(r, n, name))
            return yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                                   "unexpected <%s> inside <%s>", name,
                                   (const char *)n->parent->name);
        if (strcmp(name, "mrk") == 0) {
            rc = read_inline(r, b, n, own, src, depth + 1);
        } else if (r->version == YK_XLIFF_1_2 &&
                   (strcmp(name, "g") == 0 || strcmp(name, "x") == 0 || strcmp(name, "bx") == 0 ||
                    strcmp(name, "ex") == 0 || strcmp(name, "ph") == 0 ||
                    strcmp(name, "bpt") == 0 || strcmp(name, "ept") == 0 ||
                    strcmp(name, "it") == 0)) {
            rc = inline_12(r, b, n, own, src, depth);
        } else if (r->version != YK_XLIFF_1_2 && strcmp(name, "cp") == 0) {
            rc = code_point(r, b, n);
        } else if (r->version != YK_XLIFF_1_2 &&
                   (strcmp(name, "ph") == 0 || strcmp(name, "pc") == 0 ||
                    strcmp(name, "sc") == 0 || strcmp(name, "ec") == 0)) {
            rc = inline_20(r, b, n, own, src, depth);
        } else if (r->version != YK_XLIFF_1_2 &&
                   (strcmp(name, "sm") == 0 || strcmp(name, "em") == 0)) {
            continue; /* annotation boundaries: no text */
        } else {
            return yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                                   "unexpected <%s> inside <%s>", name,
                                   (const char *)n->parent->name);
        }
    }
    return rc;
}

static char *text_of(reader *r, const xmlNode *n, code_table *own, const code_table *src, int *rc)
{
    yk_buf b = YK_BUF_INIT;
    if ((*rc = read_inline(r, &b, n, own, src, 0)) < 0) {
        yk_buf_release(&b);
        return NULL;
    }
    return yk_buf_detach(&b, NULL);
}

/* "yaku-rev: N" at the start of a note (or of one of its lines). */
static int revision_in(const char *note)
{
    const char *hit = note;
    while ((hit = strstr(hit, "yaku-rev:")) != NULL) {
        if (hit == note || hit[-1] == '\n') {
            char *end;
            long v = strtol(hit + 9, &end, 10);
            if (end != hit + 9 && v >= 0 && v <= 2000000000 &&
                (!*end || *end == '\n' || *end == ' '))
                return (int)v;
        }
        hit += 9;
    }
    return -1;
}

static yk_xliff_unit *new_unit(reader *r, const xmlNode *n)
{
    yk_xliff_unit *u;
    r->units = yk_xgrow(r->units, &r->cap, r->n + 1, sizeof(*r->units));
    u = &r->units[r->n++];
    memset(u, 0, sizeof(*u));
    u->revision = -1;
    u->line = line_of(n);
    u->state = "new";
    return u;
}

static int unit_id(reader *r, const xmlNode *n, const char *first, const char *second,
                   yk_xliff_unit *u)
{
    char *v = attr(n, first);
    if (!v || !*v) {
        xmlFree(v);
        v = attr(n, second);
    }
    if (!v || !*v) {
        xmlFree(v);
        return yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0, "<%s> has no %s or %s",
                               (const char *)n->name, first, second);
    }
    u->id = yk_xstrdup(v);
    xmlFree(v);
    return YK_OK;
}

static int translate_no(const xmlNode *n)
{
    char *t = attr(n, "translate");
    int no = t && strcmp(t, "no") == 0;
    xmlFree(t);
    return no;
}

static int trans_unit_12(reader *r, const xmlNode *n)
{
    code_table table = {NULL, 0, 0};
    const xmlNode *src = child(r, n, "source"), *tgt = child(r, n, "target"), *c;
    yk_xliff_unit *u;
    char *approved = NULL, *state = NULL;
    int rc;

    if (translate_no(n))
        return YK_OK;
    u = new_unit(r, n);
    if ((rc = unit_id(r, n, "resname", "id", u)) < 0)
        return rc;
    if (!src)
        return yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                               "<trans-unit> '%s' has no <source>", u->id);
    if (!(u->source = text_of(r, src, &table, NULL, &rc)))
        goto done;
    if (tgt && !(u->target = text_of(r, tgt, NULL, &table, &rc)))
        goto done;
    for (c = n->children; c; c = c->next) {
        if (is_xlf(r, c, "note") && u->revision < 0) {
            xmlChar *t = xmlNodeGetContent(c);
            u->revision = t ? revision_in((const char *)t) : -1;
            xmlFree(t);
        } else if (is_xlf(r, c, "alt-trans") && !u->prev_source) {
            char *type = attr(c, "alttranstype");
            const xmlNode *as = child(r, c, "source");
            if (type && strcmp(type, "previous-version") == 0 && as) {
                code_table alt = {NULL, 0, 0};
                u->prev_source = text_of(r, as, &alt, &table, &rc);
                table_free(&alt);
            }
            xmlFree(type);
            if (rc < 0)
                goto done;
        }
    }
    approved = attr(n, "approved");
    state = tgt ? attr(tgt, "state") : NULL;
    if (!u->target || !*u->target)
        u->state = "new";
    else if (!state && !approved && strcmp(u->target, u->source) == 0)
        u->state = "new"; /* a copy of the source nobody marked: what OmegaT writes
                             for a segment left untranslated */
    else if (state && (strcmp(state, "signed-off") == 0 || strcmp(state, "final") == 0))
        u->state = "reviewed";
    else if (state && strcmp(state, "translated") == 0)
        u->state = "translated";
    else if (state && (strcmp(state, "new") == 0 || strncmp(state, "needs-", 6) == 0))
        u->state = "fuzzy";
    else
        u->state = approved && strcmp(approved, "no") == 0 ? "fuzzy" : "translated";
    rc = YK_OK;
done:
    xmlFree(approved);
    xmlFree(state);
    table_free(&table);
    return rc;
}

static int unit_20(reader *r, const xmlNode *n)
{
    code_table table = {NULL, 0, 0};
    const xmlNode *c, *notes = child(r, n, "notes"), *od = child(r, n, "originalData");
    yk_xliff_unit *u;
    yk_buf src = YK_BUF_INIT, tgt = YK_BUF_INIT;
    int rc = YK_OK, rank = 3, any_target = 0, segments = 0, any_state = 0;

    if (translate_no(n))
        return YK_OK;
    u = new_unit(r, n);
    if ((rc = unit_id(r, n, "name", "id", u)) < 0)
        return rc;
    table_clear(&r->data);
    for (c = od ? od->children : NULL; c; c = c->next) {
        char *id;
        yk_buf d = YK_BUF_INIT;
        if (!is_xlf(r, c, "data"))
            continue;
        id = attr(c, "id");
        if (!id || table_find(&r->data, id)) {
            rc = yk_error_set_at(YK_EINVAL, r->path, line_of(c), 0,
                                 id ? "a second <data id=\"%s\">" : "<data> without id%s",
                                 id ? id : "");
            xmlFree(id);
            goto done;
        }
        if ((rc = plain_content(r, &d, c)) == YK_OK)
            table_set(&r->data, id, 0, d.buf, d.len);
        xmlFree(id);
        yk_buf_release(&d);
        if (rc < 0)
            goto done;
    }
    for (c = notes ? notes->children : NULL; c; c = c->next) {
        xmlChar *t;
        char *cat;
        if (!is_xlf(r, c, "note"))
            continue;
        t = xmlNodeGetContent(c);
        cat = attr(c, "category");
        if (t && u->revision < 0)
            u->revision = revision_in((const char *)t);
        if (t && cat && strcmp(cat, "yaku:previous-source") == 0 && !u->prev_source)
            u->prev_source = yk_xstrdup((const char *)t);
        xmlFree(t);
        xmlFree(cat);
    }
    /* segments and ignorables in order; a unit yaku wrote has one segment */
    for (c = n->children; c; c = c->next) {
        const xmlNode *s, *t;
        int seg = is_xlf(r, c, "segment");
        if (!seg && !is_xlf(r, c, "ignorable"))
            continue;
        if (!(s = child(r, c, "source"))) {
            rc = yk_error_set_at(YK_EINVAL, r->path, line_of(c), 0, "<%s> has no <source>",
                                 (const char *)c->name);
            goto done;
        }
        t = child(r, c, "target");
        {
            size_t before = src.len;
            if ((rc = read_inline(r, &src, s, &table, NULL, 0)) < 0)
                goto done;
            if (t) {
                if ((rc = read_inline(r, &tgt, t, NULL, &table, 0)) < 0)
                    goto done;
            } else if (!seg) {
                if ((rc = emit(r, &tgt, src.buf + before, src.len - before, c)) < 0)
                    goto done;
            }
        }
        if (seg) {
            char *st = attr(c, "state");
            int k = !t ? 0
                    : !st || strcmp(st, "initial") == 0  ? 1
                    : strcmp(st, "translated") == 0      ? 2
                                                         : 3;
            segments++;
            any_target |= t != NULL;
            any_state |= st != NULL;
            if (k < rank)
                rank = k;
            xmlFree(st);
        }
    }
    if (!segments) {
        rc = yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0, "<unit> '%s' has no <segment>",
                             u->id);
        goto done;
    }
    u->source = yk_buf_detach(&src, NULL);
    if (any_target)
        u->target = yk_buf_detach(&tgt, NULL);
    if (!u->target || !*u->target || (!any_state && strcmp(u->target, u->source) == 0))
        u->state = "new"; /* no target, or a copy of the source nobody marked */
    else
        u->state = rank <= 1 ? "fuzzy" : rank == 2 ? "translated" : "reviewed";
done:
    yk_buf_release(&src);
    yk_buf_release(&tgt);
    table_free(&table);
    return rc;
}

/* The units under n, through nested groups (both versions call them
 * <group>; a group marked translate="no" is skipped whole). */
static int read_units(reader *r, const xmlNode *n, const char *unit_name,
                      int (*read_unit)(reader *r, const xmlNode *unit))
{
    int rc = YK_OK;
    for (n = n->children; n && rc == YK_OK; n = n->next) {
        if (is_xlf(r, n, unit_name))
            rc = read_unit(r, n);
        else if (is_xlf(r, n, "group") && !translate_no(n))
            rc = read_units(r, n, unit_name, read_unit);
    }
    return rc;
}

static void units_free(yk_xliff_unit *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free((char *)v[i].id);
        free((char *)v[i].source);
        free((char *)v[i].target);
        free((char *)v[i].prev_source);
    }
    free(v);
}

/* Keep the first non-empty language seen; a different one later is an error. */
static int take_lang(reader *r, const xmlNode *n, const char *what, char *v, char **slot)
{
    int rc = YK_OK;
    if (v && *v) {
        if (!*slot)
            *slot = yk_xstrdup(v);
        else if (strcmp(*slot, v) != 0)
            rc = yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                                 "this <file> has %s '%s', an earlier one '%s': import one "
                                 "language at a time",
                                 what, v, *slot);
    }
    xmlFree(v);
    return rc;
}

int yk_xliff_parse(yk_xliff_file **out, const char *data, size_t len, const char *path)
{
    xmlDoc *doc = NULL;
    const xmlNode *root, *n;
    reader r;
    char *version = NULL, *src_lang = NULL, *tgt_lang = NULL;
    yk_xliff_file *f;
    int rc, lang_line = 0;

    *out = NULL;
    memset(&r, 0, sizeof(r));
    r.path = path;
    if (len > YK_XLIFF_MAX_BYTES)
        return yk_error_set_at(YK_ETOOBIG, path, 0, 0, "XLIFF file larger than %zu bytes",
                               YK_XLIFF_MAX_BYTES);
    if ((rc = yk_xml_parse(&doc, data, len, path)) < 0)
        return rc;
    root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "xliff") != 0) {
        rc = yk_error_set_at(YK_EINVAL, path, root ? line_of(root) : 1, 0,
                             "not an XLIFF file: the root element is <%s>, not <xliff>",
                             root ? (const char *)root->name : "");
        goto done;
    }
    version = attr(root, "version");
    r.ns = root->ns && root->ns->href ? (const char *)root->ns->href : NULL;
    if (version && (strcmp(version, "1.2") == 0 || strcmp(version, "1.1") == 0 ||
                    strcmp(version, "1.0") == 0) &&
        (!r.ns || strcmp(r.ns, NS_12) == 0 || strcmp(r.ns, NS_11) == 0)) {
        r.version = YK_XLIFF_1_2;
    } else if (version && (strcmp(version, "2.0") == 0 || strcmp(version, "2.1") == 0) && r.ns &&
               strcmp(r.ns, NS_20) == 0) {
        r.version = version[2] == '0' ? YK_XLIFF_2_0 : YK_XLIFF_2_1;
    } else {
        rc = yk_error_set_at(YK_EINVAL, path, line_of(root), 0,
                             "XLIFF version '%s' in namespace '%s' is not supported (1.2, 2.0 and "
                             "2.1 are)",
                             version ? version : "", r.ns ? r.ns : "");
        goto done;
    }
    if (r.version == YK_XLIFF_1_2) {
        for (n = root->children; n && rc == YK_OK; n = n->next) {
            const xmlNode *body;
            if (!is_xlf(&r, n, "file"))
                continue;
            if (!lang_line)
                lang_line = line_of(n);
            if ((rc = take_lang(&r, n, "source-language", attr(n, "source-language"), &src_lang)) <
                    0 ||
                (rc = take_lang(&r, n, "target-language", attr(n, "target-language"), &tgt_lang)) <
                    0)
                break;
            if ((body = child(&r, n, "body")) != NULL)
                rc = read_units(&r, body, "trans-unit", trans_unit_12);
        }
    } else {
        lang_line = line_of(root);
        src_lang = attr(root, "srcLang");
        tgt_lang = attr(root, "trgLang");
        for (n = root->children; n && rc == YK_OK; n = n->next)
            if (is_xlf(&r, n, "file") && !translate_no(n))
                rc = read_units(&r, n, "unit", unit_20);
    }
    if (rc < 0)
        goto done;
    f = yk_xcalloc(1, sizeof(*f));
    f->version = r.version;
    f->src_lang = src_lang && *src_lang ? yk_xstrdup(src_lang) : NULL;
    f->tgt_lang = tgt_lang && *tgt_lang ? yk_xstrdup(tgt_lang) : NULL;
    f->lang_line = lang_line;
    f->units = r.units;
    f->n = r.n;
    r.units = NULL;
    r.n = 0;
    *out = f;
done:
    /* 1.2 languages are yk_xstrdup'ed copies, 2.x ones come from libxml2 */
    if (r.version == YK_XLIFF_1_2) {
        free(src_lang);
        free(tgt_lang);
    } else {
        xmlFree(src_lang);
        xmlFree(tgt_lang);
    }
    xmlFree(version);
    units_free(r.units, r.n);
    table_free(&r.data);
    xmlFreeDoc(doc);
    return rc;
}

void yk_xliff_file_free(yk_xliff_file *f)
{
    if (!f)
        return;
    units_free(f->units, f->n);
    free((char *)f->src_lang);
    free((char *)f->tgt_lang);
    free(f);
}
