/*
 * `yaku add`: find the file inside the project, pick its reader, parse it,
 * and hand the segments to the core, which aligns them with what is stored.
 */
#include "formats/document.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

#include "core/core.h"
#include "formats/formats.h"
#include "formats/srx.h"
#include "formats/xml.h"
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
                      yk_seg_hint *hint, const yk_segment_srx *srx)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    const char *keys[64];
    char *copy = NULL;
    int rc;

    o.lang = lang;
    o.path = path;
    o.hint = hint;
    o.srx = srx;
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
    return parse_with(out, format, mode, fm_keys, lang, content, len, path, NULL, NULL);
}

/* segmap: where a document's segments lie, stored with it so that a build
 * neither parses the document nor runs the sentence splitter again, and
 * gets exactly the stored segments even if the readers changed since.
 *
 * Version 2 (written now): the whole layout.  A count of blocks, then per
 * block its source range (start from the previous block's end, length),
 * kind, encoding, line, front-matter key (length + 1, 0 for none, then the
 * bytes) and the lengths of its continuation-line prefixes; then the
 * segments as in version 1.  A block's text is the source range with the
 * prefixes cut out, so it is not stored.
 * Version 1 (older projects, and any document whose block texts could not
 * be rebuilt that way): per segment three numbers only, the block index
 * minus the previous segment's, the offset (from the previous segment's end
 * when in the same block), the length; the document is parsed again with
 * these segments as a hint.  Numbers are LEB128. */
#define SEGMAP_V1 1
#define SEGMAP_V2 2
#define BLOCK_KINDS (YK_BLOCK_META + 1)
#define ENCODINGS (YK_ENC_PO_HEADER + 1)

/* Written into the buffer's spare room, not through yk_buf_put: a segment
 * map holds three numbers per segment. */
static void put_uv(yk_buf *out, size_t v)
{
    unsigned char *b;
    if (out->cap - out->len <= 10 && yk_buf_grow(out, 10) < 0)
        return; /* cannot happen: segmap buffers have no limit */
    b = (unsigned char *)out->buf + out->len;
    do {
        *b = (unsigned char)(v & 0x7F);
        v >>= 7;
        if (v)
            *b |= 0x80;
        b++;
    } while (v);
    out->len = (size_t)((char *)b - out->buf);
    out->buf[out->len] = '\0';
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

/* Whether the block's text is its source range with its prefixes cut out
 * after each newline, which is what yk_doc_add_block_lines rebuilds. */
static int text_is_derivable(const yk_doc *doc, const yk_doc_block *b)
{
    const char *s = doc->src;
    size_t i = b->src_start, t = 0, k = 0;
    while (i < b->src_end) {
        /* Up to and with the next newline the text is the source as is:
         * compare line by line rather than byte by byte. */
        const char *nl = memchr(s + i, '\n', b->src_end - i);
        size_t n = nl ? (size_t)(nl - (s + i)) + 1 : b->src_end - i;
        if (n > b->text_len - t || memcmp(b->text + t, s + i, n) != 0)
            return 0;
        t += n;
        i += n;
        if (nl && k < b->nprefixes) {
            size_t p = b->prefixes[k].len;
            if (p > b->src_end - i || memcmp(b->prefixes[k].ptr, s + i, p) != 0)
                return 0;
            k++;
            i += p;
        }
    }
    return t == b->text_len && k == b->nprefixes;
}

static void put_segments(yk_buf *out, const yk_doc *doc)
{
    size_t i, block = 0, end = 0;
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

void yk_format_segmap_encode(yk_buf *out, const yk_doc *doc)
{
    size_t i, k, prev_end = 0, start = out->len;
    yk_buf_putc(out, SEGMAP_V2);
    put_uv(out, doc->nblocks);
    for (i = 0; i < doc->nblocks; i++) {
        const yk_doc_block *b = &doc->blocks[i];
        if (b->src_start < prev_end || !text_is_derivable(doc, b)) {
            out->len = start; /* the layout cannot be kept: segments only */
            yk_buf_putc(out, SEGMAP_V1);
            put_segments(out, doc);
            return;
        }
        put_uv(out, b->src_start - prev_end);
        put_uv(out, b->src_end - b->src_start);
        put_uv(out, (size_t)b->kind);
        put_uv(out, (size_t)b->encoding);
        put_uv(out, b->line > 0 ? (size_t)b->line : 0);
        put_uv(out, b->key ? strlen(b->key) + 1 : 0);
        if (b->key)
            yk_buf_puts(out, b->key);
        put_uv(out, b->nprefixes);
        for (k = 0; k < b->nprefixes; k++)
            put_uv(out, b->prefixes[k].len);
        prev_end = b->src_end;
    }
    put_segments(out, doc);
}

/* The segment ranges from p[at..len), or NULL when they are not well formed. */
static yk_doc_seg *segments_decode(size_t *n, const unsigned char *p, size_t len, size_t at)
{
    yk_doc_seg *v = NULL;
    size_t cap = 0, block = 0, end = 0;

    *n = 0;
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

/* The ranges of a version 1 segmap, or NULL when it is not one. */
static yk_doc_seg *segmap_decode(size_t *n, const void *segmap, size_t len)
{
    const unsigned char *p = segmap;
    *n = 0;
    if (!p || len == 0 || p[0] != SEGMAP_V1)
        return NULL;
    return segments_decode(n, p, len, 1);
}

/* One block of a version 2 segmap, as read. */
typedef struct block_rec {
    size_t gap, len, kind, encoding, line;
    size_t key_at, key_len1; /* key_len1 = length + 1, 0 for no key */
    size_t first_prefix, nprefixes;
} block_rec;

/* The document rebuilt from a version 2 segmap without parsing, or NULL
 * when the map is not one or does not fit 'src' (checked field by field,
 * then with yk_doc_verify). */
static yk_doc *layout_decode(const char *src, size_t src_len, const void *segmap, size_t len)
{
    const unsigned char *p = segmap;
    yk_doc *doc = NULL;
    yk_doc_seg *segs = NULL;
    block_rec *blocks = NULL;
    size_t *prefix_lens = NULL, cap_prefix = 0, nprefix = 0;
    size_t nblocks, nsegs = 0, i, k, s = 0, at = 1, prev_end = 0;

    if (!p || len == 0 || p[0] != SEGMAP_V2 || !get_uv(&nblocks, p, len, &at) ||
        nblocks > len) /* every block takes bytes: a bound before allocating */
        return NULL;
    blocks = yk_xcalloc(nblocks + 1, sizeof(*blocks));
    for (i = 0; i < nblocks; i++) {
        block_rec *r = &blocks[i];
        if (!get_uv(&r->gap, p, len, &at) || !get_uv(&r->len, p, len, &at) ||
            !get_uv(&r->kind, p, len, &at) || !get_uv(&r->encoding, p, len, &at) ||
            !get_uv(&r->line, p, len, &at) || !get_uv(&r->key_len1, p, len, &at) ||
            (r->key_len1 && r->key_len1 - 1 > len - at))
            goto bad;
        r->key_at = at;
        at += r->key_len1 ? r->key_len1 - 1 : 0;
        if (!get_uv(&r->nprefixes, p, len, &at) || r->nprefixes > len - at)
            goto bad;
        r->first_prefix = nprefix;
        prefix_lens = yk_xgrow(prefix_lens, &cap_prefix, nprefix + r->nprefixes + 1,
                               sizeof(*prefix_lens));
        for (k = 0; k < r->nprefixes; k++)
            if (!get_uv(&prefix_lens[nprefix++], p, len, &at))
                goto bad;
    }
    if (!(segs = segments_decode(&nsegs, p, len, at)))
        goto bad;
    doc = yk_doc_new(src, src_len);
    for (i = 0; i < nblocks; i++) {
        const block_rec *r = &blocks[i];
        const char *key = (const char *)p + r->key_at;
        size_t b;
        if (r->gap > src_len - prev_end || r->len > src_len - prev_end - r->gap ||
            r->kind >= BLOCK_KINDS || r->encoding >= ENCODINGS || r->line > 0x7fffffff ||
            (r->key_len1 && memchr(key, '\0', r->key_len1 - 1)))
            goto bad;
        b = yk_doc_add_block_lines(doc, prev_end + r->gap, prev_end + r->gap + r->len,
                                   prefix_lens ? prefix_lens + r->first_prefix : NULL,
                                   r->nprefixes, (yk_block_kind)r->kind,
                                   (yk_encoding)r->encoding, (int)r->line);
        if (doc->blocks[b].nprefixes != r->nprefixes)
            goto bad;
        if (r->key_len1)
            doc->blocks[b].key = yk_doc_strndup(doc, key, r->key_len1 - 1);
        prev_end += r->gap + r->len;
        for (; s < nsegs && segs[s].block == i; s++)
            yk_doc_add_seg(doc, b, segs[s].off, segs[s].len);
        if (s < nsegs && segs[s].block < i)
            goto bad;
    }
    if (s != nsegs || yk_doc_verify(doc) != YK_OK)
        goto bad;
    free(blocks);
    free(segs);
    free(prefix_lens);
    return doc;
bad:
    yk_error_clear();
    free(blocks);
    free(segs);
    free(prefix_lens);
    yk_doc_free(doc);
    return NULL;
}

int yk_format_parse_stored(yk_doc **out, const char *format, const char *mode,
                           const char *fm_keys, const char *lang, const char *content, size_t len,
                           const char *path, const void *segmap, size_t segmap_len,
                           size_t nsegs)
{
    yk_seg_hint hint;
    int rc;

    if ((*out = layout_decode(content, len, segmap, segmap_len))) {
        if ((*out)->nsegs == nsegs)
            return YK_OK;
        yk_doc_free(*out);
        *out = NULL;
    }
    memset(&hint, 0, sizeof(hint));
    if (strcmp(mode, "sentence") != 0 ||
        !(hint.segs = segmap_decode(&hint.n, segmap, segmap_len)) || hint.n != nsegs) {
        free((void *)hint.segs);
        return yk_format_parse_document(out, format, mode, fm_keys, lang, content, len, path);
    }
    rc = parse_with(out, format, mode, fm_keys, lang, content, len, path, &hint, NULL);
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

/* A file read, parsed and cut into segments, ready for the store.  Made
 * without touching the database, so the next file can be prepared on a
 * worker thread while this one is stored (yk_documents_add). */
typedef struct prepared {
    int rc;
    yk_error err;       /* the preparing thread's error, when rc < 0 */
    yk_buf rel, content, segmap;
    yk_doc *doc;
    yk_core_seg *segs;
    yk_format format;
    char chapter[256];
    char digest[17]; /* of content, for the store */
} prepared;

/* What every file of one `add` shares: read from the project once. */
typedef struct add_env {
    const char *root, *source_lang;
    char *fm_keys;
    /* The project's SRX rules, compiled once; the worker thread and this
     * one may both use them (segment/srx.c matches with per-thread clones). */
    yk_segment_srx *srx;
    const yk_add_options *opts;
} add_env;

static void prepared_release(prepared *pd)
{
    free(pd->segs);
    yk_doc_free(pd->doc);
    yk_buf_release(&pd->rel);
    yk_buf_release(&pd->content);
    yk_buf_release(&pd->segmap);
    memset(pd, 0, sizeof(*pd));
}

static int prepare(prepared *pd, const add_env *env, const char *path)
{
    const yk_add_options *opts = env->opts;
    const char *mode = opts->segment ? opts->segment : "sentence";
    size_t i;
    int rc;

    memset(pd, 0, sizeof(*pd));
    pd->format = opts->format;
    if (!yk_fs_exists(path))
        return yk_error_set(YK_ENOTFOUND, "no such file '%s'", path);
    if ((rc = yk_fs_relative_to(&pd->rel, env->root, path)) < 0)
        return rc;
    if (pd->format == YK_FORMAT_AUTO &&
        (pd->format = format_from_path(pd->rel.buf)) == YK_FORMAT_AUTO)
        return yk_error_set(YK_EINVAL, "cannot tell the format of '%s' from its name; use --format",
                            path);
    if (pd->format != YK_FORMAT_MD && pd->format != YK_FORMAT_TXT &&
        pd->format != YK_FORMAT_HTML && pd->format != YK_FORMAT_XHTML &&
        pd->format != YK_FORMAT_DOCBOOK && pd->format != YK_FORMAT_PO)
        return yk_error_set(YK_EINVAL,
                            "format '%s' is not supported for source documents (supported: "
                            SOURCE_FORMATS ")",
                            yk_format_name(pd->format));
    if ((rc = yk_fs_read(&pd->content, path, YK_FORMAT_MAX_SOURCE)) < 0)
        return rc;
    if ((rc = parse_with(&pd->doc, yk_format_name(pd->format), mode,
                         pd->format == YK_FORMAT_MD ? env->fm_keys : NULL, env->source_lang,
                         pd->content.buf, pd->content.len, path, NULL, env->srx)) < 0)
        return rc;
    pd->segs = yk_xcalloc(pd->doc->nsegs + 1, sizeof(*pd->segs));
    for (i = 0; i < pd->doc->nsegs; i++) {
        const yk_doc_seg *s = &pd->doc->segs[i];
        const yk_doc_block *b = &pd->doc->blocks[s->block];
        pd->segs[i].text = b->text + s->off;
        pd->segs[i].len = s->len;
        pd->segs[i].kind = kind_label(pd->doc, b);
        pd->segs[i].line = b->line;
    }
    if (opts->chapter)
        snprintf(pd->chapter, sizeof(pd->chapter), "%s", opts->chapter);
    else
        chapter_from_path(pd->chapter, sizeof(pd->chapter), pd->rel.buf);
    yk_format_segmap_encode(&pd->segmap, pd->doc);
    yk_core_digest(pd->digest, pd->content.buf, pd->content.len);
    return YK_OK;
}

static int store_prepared(yk_add_result *out, yk_project *p, const add_env *env,
                          const prepared *pd)
{
    yk_core_document d;
    d.path = pd->rel.buf;
    d.chapter = pd->chapter;
    d.chapter_given = env->opts->chapter != NULL;
    d.format = yk_format_name(pd->format);
    d.segment_mode = env->opts->segment ? env->opts->segment : "sentence";
    d.fm_keys = pd->format == YK_FORMAT_MD ? env->fm_keys : NULL;
    d.content = pd->content.buf;
    d.content_len = pd->content.len;
    d.segmap = pd->segmap.buf;
    d.segmap_len = pd->segmap.len;
    d.digest = pd->digest;
    return yk_core_register(out, p, &d, pd->segs, pd->doc->nsegs);
}

static int env_init(add_env *env, yk_project *p, const yk_add_options *opts)
{
    int rc;

    env->root = yk_project_root(p);
    env->source_lang = yk_project_source_lang(p);
    env->opts = opts;
    env->fm_keys = NULL;
    env->srx = NULL;
    /* the Markdown reader registers cmark-gfm's extensions in a global list:
     * do it here, before a worker thread could race to do it too */
    yk_format_markdown_init();
    yk_xml_init(); /* the HTML, XHTML and DocBook readers on several workers */
    if ((rc = yk_core_fm_keys(&env->fm_keys, p)) < 0)
        return rc;
    return yk_srx_load(&env->srx, p);
}

static void env_release(add_env *env)
{
    free(env->fm_keys);
    yk_segment_srx_free(env->srx);
}

int yk_document_add(yk_add_result *out, yk_project *p, const char *path,
                    const yk_add_options *opts)
{
    add_env env;
    prepared pd;
    int rc;

    memset(out, 0, sizeof(*out));
    memset(&pd, 0, sizeof(pd));
    if ((rc = env_init(&env, p, opts)) == YK_OK && (rc = prepare(&pd, &env, path)) == YK_OK)
        rc = store_prepared(out, p, &env, &pd);
    prepared_release(&pd);
    env_release(&env);
    return rc;
}

/*
 * Parse ahead.  Parsing and segmenting a document costs about as much as
 * storing it, so workers prepare the next files while this thread stores
 * the current one, in order.  There are as many workers as cores (at most
 * MAX_WORKERS).  The workers may run QUEUE_AHEAD documents ahead of the
 * store, so that one long document does not leave the store waiting: on
 * two cores, adding 10 MB took 400 ms with room for 3 documents and about
 * 330 ms with room for 10, and then one worker or two measured the same.
 * Memory stays bounded by those few documents.
 */
#define MAX_WORKERS 4
#define QUEUE_AHEAD 8
#define QUEUE_SLOTS (MAX_WORKERS + QUEUE_AHEAD)

typedef struct add_queue {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    prepared slot[QUEUE_SLOTS];
    unsigned char filled[QUEUE_SLOTS];
    /* counts of files; file i goes to slot i % slots, and is taken only
     * once file i - slots is consumed, so its slot is free */
    size_t taken, consumed;
    int stop;     /* the consumer gave up: prepare nothing more */
    size_t slots; /* slots in use: workers + QUEUE_AHEAD */
    const add_env *env;
    const char *const *paths;
    size_t npaths;
} add_queue;

/*
 * The store thread is the pipeline's bottleneck: it alone writes, in file
 * order, while the workers may run ahead.  With more threads than cores the
 * scheduler shares the cores evenly, which held the store to two thirds of a
 * core on two cores; a lower priority for the workers gives the store a core
 * of its own and the workers the rest (and all of it while the store waits).
 * Adding 10 MB on two cores: median 291-318 ms before, 263-276 ms after.
 * Linux sets the priority of one thread this way; elsewhere the call would
 * lower the whole process, so it is left out.  The step is relative: a
 * yaku started with nice keeps its workers below its store thread.
 */
#define WORKER_NICE_STEP 10

static void lower_worker_priority(void)
{
#ifdef __linux__
    id_t self = (id_t)syscall(SYS_gettid);
    int nice;
    errno = 0;
    nice = getpriority(PRIO_PROCESS, self) + WORKER_NICE_STEP;
    if (errno == 0)
        (void)setpriority(PRIO_PROCESS, self, nice > 19 ? 19 : nice);
#endif
}

static void *prepare_ahead(void *arg)
{
    add_queue *q = arg;
    lower_worker_priority();
    for (;;) {
        prepared pd;
        size_t i;
        pthread_mutex_lock(&q->lock);
        while (!q->stop && q->taken < q->npaths && q->taken - q->consumed == q->slots)
            pthread_cond_wait(&q->changed, &q->lock);
        if (q->stop || q->taken == q->npaths) {
            pthread_mutex_unlock(&q->lock);
            break;
        }
        i = q->taken++;
        pthread_mutex_unlock(&q->lock);
        if ((pd.rc = prepare(&pd, q->env, q->paths[i])) < 0)
            pd.err = *yk_error_last();
        pthread_mutex_lock(&q->lock);
        q->slot[i % q->slots] = pd;
        q->filled[i % q->slots] = 1;
        pthread_cond_broadcast(&q->changed);
        pthread_mutex_unlock(&q->lock);
    }
    yk_segment_cleanup(); /* this thread's break iterators */
    return NULL;
}

static size_t worker_count(size_t npaths)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t n = cores < 1 ? 1 : (size_t)cores;
    if (n > MAX_WORKERS)
        n = MAX_WORKERS;
    return n < npaths ? n : (npaths ? npaths : 1);
}

int yk_documents_add(yk_project *p, const char *const *paths, size_t npaths,
                     const yk_add_options *opts,
                     int (*each)(const yk_add_result *r, size_t index, void *payload),
                     void *payload)
{
    add_queue q;
    add_env env;
    pthread_t workers[MAX_WORKERS];
    size_t i, nworkers = 0, want;
    int rc;

    memset(&q, 0, sizeof(q));
    if ((rc = env_init(&env, p, opts)) < 0)
        goto done;
    q.env = &env;
    q.paths = paths;
    q.npaths = npaths;
    want = worker_count(npaths);
    q.slots = want + QUEUE_AHEAD;
    pthread_mutex_init(&q.lock, NULL);
    pthread_cond_init(&q.changed, NULL);
    while (nworkers < want && pthread_create(&workers[nworkers], NULL, prepare_ahead, &q) == 0)
        nworkers++;
    if (nworkers == 0) {
        rc = yk_error_set(YK_ERROR, "cannot start a thread");
        goto destroy;
    }
    for (i = 0; i < npaths; i++) {
        yk_add_result r;
        prepared *pd = &q.slot[i % q.slots];
        pthread_mutex_lock(&q.lock);
        while (!q.filled[i % q.slots])
            pthread_cond_wait(&q.changed, &q.lock);
        pthread_mutex_unlock(&q.lock);
        memset(&r, 0, sizeof(r));
        if ((rc = pd->rc) < 0)
            yk_error_restore(&pd->err);
        else if ((rc = store_prepared(&r, p, &env, pd)) == YK_OK && each)
            rc = each(&r, i, payload);
        pthread_mutex_lock(&q.lock);
        prepared_release(pd);
        q.filled[i % q.slots] = 0;
        q.consumed++;
        if (rc != YK_OK)
            q.stop = 1;
        pthread_cond_broadcast(&q.changed);
        pthread_mutex_unlock(&q.lock);
        if (rc != YK_OK)
            break;
    }
    for (i = 0; i < nworkers; i++)
        pthread_join(workers[i], NULL);
    /* a stop leaves the documents prepared past the failing one */
    for (i = 0; i < q.slots; i++)
        if (q.filled[i])
            prepared_release(&q.slot[i]);
destroy:
    pthread_cond_destroy(&q.changed);
    pthread_mutex_destroy(&q.lock);
done:
    env_release(&env);
    return rc;
}
