/*
 * `yaku add`: find the file inside the project, pick its reader, parse it,
 * and hand the segments to the core, which aligns them with what is stored.
 */
#include "formats/document.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "formats/formats.h"
#include "segment/segment.h"
#include "util/fs.h"
#include "util/xalloc.h"

static const char *const format_names[] = {
    [YK_FORMAT_AUTO] = "auto", [YK_FORMAT_MD] = "md",       [YK_FORMAT_TXT] = "txt",
    [YK_FORMAT_PO] = "po",     [YK_FORMAT_XLIFF] = "xliff", [YK_FORMAT_XLIFF2] = "xliff2",
    [YK_FORMAT_TMX] = "tmx",   [YK_FORMAT_HTML] = "html",   [YK_FORMAT_EPUB] = "epub",
    [YK_FORMAT_XHTML] = "xhtml", [YK_FORMAT_DOCBOOK] = "docbook",
};

int yk_format_from_name(yk_format *out, const char *name)
{
    size_t i;
    if (strcmp(name, "markdown") == 0) {
        *out = YK_FORMAT_MD;
        return YK_OK;
    }
    if (strcmp(name, "text") == 0) {
        *out = YK_FORMAT_TXT;
        return YK_OK;
    }
    for (i = 1; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
        if (strcmp(format_names[i], name) == 0) {
            *out = (yk_format)i;
            return YK_OK;
        }
    }
    return yk_error_set(YK_EINVAL, "unknown format '%s'", name);
}

const char *yk_format_name(yk_format format)
{
    return (size_t)format < sizeof(format_names) / sizeof(format_names[0]) ? format_names[format]
                                                                          : "?";
}

const char *yk_format_block_kind_name(int kind)
{
    static const char *const names[] = {
        [YK_BLOCK_PARAGRAPH] = "paragraph",   [YK_BLOCK_HEADING] = "heading",
        [YK_BLOCK_LIST_ITEM] = "list item",   [YK_BLOCK_TABLE_CELL] = "table cell",
        [YK_BLOCK_QUOTE] = "quote",           [YK_BLOCK_FRONT_MATTER] = "front matter",
        [YK_BLOCK_FOOTNOTE] = "footnote",     [YK_BLOCK_ALT] = "image alt text",
        [YK_BLOCK_TITLE] = "title",           [YK_BLOCK_LINE] = "line",
        [YK_BLOCK_MESSAGE] = "message",       [YK_BLOCK_META] = "metadata",
    };
    return kind >= 0 && (size_t)kind < sizeof(names) / sizeof(names[0]) && names[kind]
               ? names[kind]
               : "text";
}

void yk_cleanup(void)
{
    yk_segment_cleanup();
}

static yk_format format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return YK_FORMAT_AUTO;
    dot++;
    if (!strcmp(dot, "md") || !strcmp(dot, "markdown") || !strcmp(dot, "mdown") ||
        !strcmp(dot, "mkd"))
        return YK_FORMAT_MD;
    if (!strcmp(dot, "txt") || !strcmp(dot, "text"))
        return YK_FORMAT_TXT;
    if (!strcmp(dot, "html") || !strcmp(dot, "htm"))
        return YK_FORMAT_HTML;
    if (!strcmp(dot, "xhtml"))
        return YK_FORMAT_XHTML;
    if (!strcmp(dot, "xml") || !strcmp(dot, "dbk") || !strcmp(dot, "docbook"))
        return YK_FORMAT_DOCBOOK;
    if (!strcmp(dot, "po") || !strcmp(dot, "pot"))
        return YK_FORMAT_PO;
    return YK_FORMAT_AUTO;
}

#define SOURCE_FORMATS "md, txt, html, xhtml, docbook, po"

static int parse_with(yk_doc **out, const char *format, const char *mode, const char *fm_keys,
                      const char *lang, const char *content, size_t len, const char *path,
                      yk_seg_hint *hint)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    const char *keys[64];
    char *copy = NULL;
    int rc;

    o.lang = lang;
    o.path = path;
    o.hint = hint;
    o.mode = !strcmp(mode, "paragraph") ? YK_SEGMENT_PARAGRAPH
             : !strcmp(mode, "line")    ? YK_SEGMENT_LINE
                                        : YK_SEGMENT_SENTENCE;
    if (fm_keys) {
        char *p;
        copy = yk_xstrdup(fm_keys);
        for (p = copy; *p && o.nfm_keys < 64;) {
            char *comma = strchr(p, ',');
            if (comma)
                *comma = '\0';
            if (*p)
                keys[o.nfm_keys++] = p;
            if (!comma)
                break;
            p = comma + 1;
        }
        o.fm_keys = keys;
    }
    if (!strcmp(format, "md")) {
        if (o.mode == YK_SEGMENT_LINE) {
            rc = yk_error_set(YK_EINVAL, "--segment line is for text files; use it with --format txt");
            goto done;
        }
        rc = yk_format_parse_markdown(out, content, len, &o);
    } else if (!strcmp(format, "txt")) {
        rc = yk_format_parse_text(out, content, len, &o);
    } else if (!strcmp(format, "html")) {
        rc = yk_format_parse_html(out, content, len, &o);
    } else if (!strcmp(format, "xhtml")) {
        rc = yk_format_parse_xhtml(out, content, len, &o);
    } else if (!strcmp(format, "docbook")) {
        rc = yk_format_parse_docbook(out, content, len, &o);
    } else if (!strcmp(format, "po")) {
        rc = yk_format_parse_po_source(out, content, len, &o);
    } else {
        rc = yk_error_set(YK_EINVAL, "format '%s' is not supported for source documents "
                                     "(supported: " SOURCE_FORMATS ")", format);
    }
done:
    free(copy);
    return rc;
}

int yk_format_parse_document(yk_doc **out, const char *format, const char *mode,
                             const char *fm_keys, const char *lang, const char *content,
                             size_t len, const char *path)
{
    return parse_with(out, format, mode, fm_keys, lang, content, len, path, NULL);
}

/* segmap: version byte 1, then per segment three LEB128 numbers: the block
 * index minus the previous segment's, the offset (from the previous
 * segment's end when in the same block), the length. */
#define SEGMAP_V1 1

static void put_uv(yk_buf *out, size_t v)
{
    unsigned char b[10];
    size_t n = 0;
    do {
        b[n] = (unsigned char)(v & 0x7F);
        v >>= 7;
        if (v)
            b[n] |= 0x80;
        n++;
    } while (v);
    yk_buf_put(out, b, n);
}

static int get_uv(size_t *v, const unsigned char *p, size_t len, size_t *at)
{
    size_t r = 0;
    unsigned shift = 0;
    while (*at < len && shift < 63) {
        unsigned char c = p[(*at)++];
        r |= (size_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *v = r;
            return 1;
        }
        shift += 7;
    }
    return 0;
}

void yk_format_segmap_encode(yk_buf *out, const yk_doc *doc)
{
    size_t i, block = 0, end = 0;
    yk_buf_putc(out, SEGMAP_V1);
    for (i = 0; i < doc->nsegs; i++) {
        const yk_doc_seg *sg = &doc->segs[i];
        if (sg->block != block)
            end = 0;
        put_uv(out, sg->block - block);
        put_uv(out, sg->off - end);
        put_uv(out, sg->len);
        block = sg->block;
        end = sg->off + sg->len;
    }
}

/* The ranges of a segmap, or NULL when it is not one this yaku wrote. */
static yk_doc_seg *segmap_decode(size_t *n, const void *segmap, size_t len)
{
    const unsigned char *p = segmap;
    yk_doc_seg *v = NULL;
    size_t at = 1, cap = 0, block = 0, end = 0;

    *n = 0;
    if (!p || len == 0 || p[0] != SEGMAP_V1)
        return NULL;
    while (at < len) {
        size_t db, off, sl;
        if (!get_uv(&db, p, len, &at) || !get_uv(&off, p, len, &at) ||
            !get_uv(&sl, p, len, &at) || db > SIZE_MAX - block) {
            free(v);
            return NULL;
        }
        if (db)
            end = 0;
        block += db;
        if (off > SIZE_MAX - end || sl > SIZE_MAX - end - off) {
            free(v);
            return NULL;
        }
        v = yk_xgrow(v, &cap, *n + 1, sizeof(*v));
        v[*n].block = block;
        v[*n].off = end + off;
        v[*n].len = sl;
        end = end + off + sl;
        (*n)++;
    }
    if (!v) /* a document without segments */
        v = yk_xmalloc(sizeof(*v));
    return v;
}

int yk_format_parse_stored(yk_doc **out, const char *format, const char *mode,
                           const char *fm_keys, const char *lang, const char *content, size_t len,
                           const char *path, const void *segmap, size_t segmap_len,
                           size_t nsegs)
{
    yk_seg_hint hint;
    int rc;

    memset(&hint, 0, sizeof(hint));
    if (strcmp(mode, "sentence") != 0 ||
        !(hint.segs = segmap_decode(&hint.n, segmap, segmap_len)) || hint.n != nsegs) {
        free((void *)hint.segs);
        return yk_format_parse_document(out, format, mode, fm_keys, lang, content, len, path);
    }
    rc = parse_with(out, format, mode, fm_keys, lang, content, len, path, &hint);
    free((void *)hint.segs);
    if (rc < 0)
        return rc;
    if (!hint.miss && hint.next == hint.n && yk_doc_verify(*out) == YK_OK)
        return YK_OK;
    /* Stale or damaged: cut the document afresh. */
    yk_error_clear();
    yk_doc_free(*out);
    *out = NULL;
    return yk_format_parse_document(out, format, mode, fm_keys, lang, content, len, path);
}

/* What translators see of a segment's origin: the block kind, and for a
 * PO message its context. */
static const char *kind_label(yk_doc *doc, const yk_doc_block *b)
{
    const char *name = yk_format_block_kind_name((int)b->kind);
    yk_buf label = YK_BUF_INIT;
    const char *s;
    if (b->kind != YK_BLOCK_MESSAGE || !b->key)
        return name;
    yk_buf_printf(&label, "%s in context \"%s\"", name, b->key);
    s = yk_doc_strndup(doc, label.buf, label.len);
    yk_buf_release(&label);
    return s;
}

static void chapter_from_path(char *out, size_t size, const char *rel)
{
    const char *base = strrchr(rel, '/');
    const char *dot;
    size_t n;
    base = base ? base + 1 : rel;
    dot = strrchr(base, '.');
    n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    snprintf(out, size, "%.*s", (int)n, base);
}

int yk_document_add(yk_add_result *out, yk_project *p, const char *path,
                    const yk_add_options *opts)
{
    yk_buf rel = YK_BUF_INIT, content = YK_BUF_INIT, segmap = YK_BUF_INIT;
    yk_core_document d;
    yk_core_seg *segs = NULL;
    yk_doc *doc = NULL;
    yk_format format = opts->format;
    char chapter[256], *fm_keys = NULL;
    const char *mode = opts->segment ? opts->segment : "sentence";
    size_t i;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!yk_fs_exists(path)) {
        rc = yk_error_set(YK_ENOTFOUND, "no such file '%s'", path);
        goto done;
    }
    if ((rc = yk_fs_relative_to(&rel, yk_project_root(p), path)) < 0)
        goto done;
    if (format == YK_FORMAT_AUTO && (format = format_from_path(rel.buf)) == YK_FORMAT_AUTO) {
        rc = yk_error_set(YK_EINVAL, "cannot tell the format of '%s' from its name; use --format",
                          path);
        goto done;
    }
    if (format != YK_FORMAT_MD && format != YK_FORMAT_TXT && format != YK_FORMAT_HTML &&
        format != YK_FORMAT_XHTML && format != YK_FORMAT_DOCBOOK && format != YK_FORMAT_PO) {
        rc = yk_error_set(YK_EINVAL,
                          "format '%s' is not supported for source documents (supported: "
                          SOURCE_FORMATS ")",
                          yk_format_name(format));
        goto done;
    }
    if ((rc = yk_fs_read(&content, path, YK_FORMAT_MAX_SOURCE)) < 0)
        goto done;
    if (format == YK_FORMAT_MD && (rc = yk_core_fm_keys(&fm_keys, p)) < 0)
        goto done;
    if ((rc = yk_format_parse_document(&doc, yk_format_name(format), mode, fm_keys,
                                       yk_project_source_lang(p), content.buf, content.len,
                                       path)) < 0)
        goto done;
    segs = yk_xcalloc(doc->nsegs + 1, sizeof(*segs));
    for (i = 0; i < doc->nsegs; i++) {
        const yk_doc_seg *s = &doc->segs[i];
        const yk_doc_block *b = &doc->blocks[s->block];
        segs[i].text = b->text + s->off;
        segs[i].len = s->len;
        segs[i].kind = kind_label(doc, b);
        segs[i].line = b->line;
    }
    if (opts->chapter)
        snprintf(chapter, sizeof(chapter), "%s", opts->chapter);
    else
        chapter_from_path(chapter, sizeof(chapter), rel.buf);
    d.path = rel.buf;
    d.chapter = chapter;
    d.chapter_given = opts->chapter != NULL;
    d.format = yk_format_name(format);
    d.segment_mode = mode;
    d.fm_keys = fm_keys;
    d.content = content.buf;
    d.content_len = content.len;
    yk_format_segmap_encode(&segmap, doc);
    d.segmap = segmap.buf;
    d.segmap_len = segmap.len;
    rc = yk_core_register(out, p, &d, segs, doc->nsegs);
done:
    free(segs);
    yk_doc_free(doc);
    free(fm_keys);
    yk_buf_release(&rel);
    yk_buf_release(&content);
    yk_buf_release(&segmap);
    return rc;
}
