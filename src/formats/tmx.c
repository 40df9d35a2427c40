/*
 * TMX 1.4b in and out.  Import streams the file (xmlTextReader through the
 * hardened set-up of formats/xml.c; one <tu> in memory at a time) into the
 * memory; inline codes (<bpt>, <ept>, <ph>, <it>, <hi>, <ut>) are kept as
 * XML next to the plain text they stand for, so export writes them back.
 * Export streams units to a temporary file renamed into place.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "formats/formats.h"
#include "formats/xml.h"
#include "store/tm.h"
#include "tm/tm.h"
#include "util/fs.h"
#include "util/xalloc.h"

/* ---- import ---- */

typedef struct tuv_text {
    char lang[36];
    yk_buf plain, xml;
    int has_inline;
    char *date, *who;
} tuv_text;

typedef struct tmx_import {
    yk_project *p;
    const char *path, *base;
    yk_tm_writer *w;
    char header_src[36]; /* "" or "*all*" or a tag */
    yk_tm_import_result *res;
    char now[32];
} tmx_import;


/* Plain text of a <seg>: text as is, inline codes by their native code
 * (their content), <hi> by its (translatable) content. */
static void seg_plain(yk_buf *out, const xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            yk_buf_puts(out, (const char *)n->content);
        } else if (yk_xml_is(n, "hi")) {
            seg_plain(out, n->children);
        } else if (n->type == XML_ELEMENT_NODE) {
            xmlChar *c = xmlNodeGetContent(n);
            if (c)
                yk_buf_puts(out, (const char *)c);
            xmlFree(c);
        }
    }
}

static int seg_xml(yk_buf *out, xmlDoc *doc, const xmlNode *n)
{
    int inl = 0;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            yk_xml_escape(out, (const char *)n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            xmlBufferPtr b = xmlBufferCreate();
            xmlNodeDump(b, doc, (xmlNode *)n, 0, 0);
            yk_buf_put(out, xmlBufferContent(b), (size_t)xmlBufferLength(b));
            xmlBufferFree(b);
            inl = 1;
        }
    }
    return inl;
}

/* "20250115T103000Z" -> "2025-01-15T10:30:00Z"; NULL when malformed. */
static char *tmx_date_in(const char *d)
{
    char out[32];
    size_t i;
    if (!d || strlen(d) != 16 || d[8] != 'T' || d[15] != 'Z')
        return NULL;
    for (i = 0; i < 15; i++)
        if (i != 8 && (d[i] < '0' || d[i] > '9'))
            return NULL;
    snprintf(out, sizeof(out), "%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 9, d + 11,
             d + 13);
    return yk_xstrdup(out);
}

static char *first_attr(const xmlNode *n, const char *a, const char *b)
{
    char *v = yk_xml_attr(n, a);
    if (!v && b)
        v = yk_xml_attr(n, b);
    return v;
}

static void tuv_release(tuv_text *t)
{
    yk_buf_release(&t->plain);
    yk_buf_release(&t->xml);
    if (t->date)
        xmlFree(t->date);
    if (t->who)
        xmlFree(t->who);
}

static int lang_matches(const char *a, const char *b)
{
    char ka[36], kb[36];
    yk_tm_lang_key(ka, a);
    yk_tm_lang_key(kb, b);
    return strcmp(ka, kb) == 0;
}

static int import_tu(tmx_import *im, xmlDoc *doc, xmlNode *tu)
{
    tuv_text *tuvs = NULL;
    size_t ntuv = 0, cap = 0, i, src = (size_t)-1;
    char *tu_src = yk_xml_attr(tu, "srclang"), *tu_date = NULL, *tu_who = NULL;
    char *project = NULL, *file = NULL, *chapter = NULL, *date = NULL;
    const char *want;
    xmlNode *c;
    int rc = YK_OK;

    tu_date = first_attr(tu, "changedate", "creationdate");
    tu_who = first_attr(tu, "changeid", "creationid");
    im->res->units++;
    for (c = tu->children; c; c = c->next) {
        if (yk_xml_is(c, "prop")) {
            char *type = yk_xml_attr(c, "type");
            char **slot = !type                                  ? NULL
                          : strcmp(type, "x-yaku-project") == 0 ? &project
                          : strcmp(type, "x-yaku-file") == 0    ? &file
                          : strcmp(type, "x-yaku-chapter") == 0 ? &chapter
                                                                 : NULL;
            if (slot && !*slot) {
                xmlChar *v = xmlNodeGetContent(c);
                *slot = yk_xstrdup(v ? (const char *)v : "");
                xmlFree(v);
            }
            if (type)
                xmlFree(type);
        } else if (yk_xml_is(c, "tuv")) {
            char *lang = first_attr(c, "xml:lang", "lang");
            xmlNode *seg;
            tuv_text *t;
            if (!lang) {
                rc = yk_error_set_at(YK_EINVAL, im->path, (int)xmlGetLineNo(c), 0,
                                     "<tuv> has no xml:lang attribute");
                goto done;
            }
            tuvs = yk_xgrow(tuvs, &cap, ntuv + 1, sizeof(*tuvs));
            t = &tuvs[ntuv++];
            memset(t, 0, sizeof(*t));
            t->plain = (yk_buf)YK_BUF_INIT;
            t->xml = (yk_buf)YK_BUF_INIT;
            if (yk_lang_normalize(t->lang, lang) < 0) {
                rc = yk_error_set_at(YK_EINVAL, im->path, (int)xmlGetLineNo(c), 0,
                                     "'%s' is not a language tag", lang);
                xmlFree(lang);
                goto done;
            }
            xmlFree(lang);
            t->date = first_attr(c, "changedate", "creationdate");
            t->who = first_attr(c, "changeid", "creationid");
            for (seg = c->children; seg && !yk_xml_is(seg, "seg"); seg = seg->next)
                ;
            if (seg) {
                seg_plain(&t->plain, seg->children);
                t->has_inline = seg_xml(&t->xml, doc, seg->children);
            }
        }
    }
    if (ntuv < 2 || rc < 0) {
        im->res->skipped += rc == YK_OK;
        goto done;
    }
    /* the source: the tu's srclang, else the header's, else the project's
     * source language if present, else the first tuv */
    want = tu_src && strcmp(tu_src, "*all*") != 0 ? tu_src
           : im->header_src[0] && strcmp(im->header_src, "*all*") != 0
               ? im->header_src
               : yk_project_source_lang(im->p);
    for (i = 0; i < ntuv && src == (size_t)-1; i++)
        if (lang_matches(tuvs[i].lang, want))
            src = i;
    if (src == (size_t)-1)
        src = 0;
    if (tuvs[src].plain.len == 0) {
        im->res->skipped++;
        goto done;
    }
    for (i = 0; i < ntuv && rc == YK_OK; i++) {
        yk_store_tm_unit u;
        int added;
        char *who;
        if (i == src)
            continue;
        if (tuvs[i].plain.len == 0)
            continue;
        memset(&u, 0, sizeof(u));
        u.src_lang = tuvs[src].lang;
        u.tgt_lang = tuvs[i].lang;
        u.source = tuvs[src].plain.buf;
        u.target = tuvs[i].plain.buf;
        u.source_xml = tuvs[src].has_inline ? tuvs[src].xml.buf : NULL;
        u.target_xml = tuvs[i].has_inline ? tuvs[i].xml.buf : NULL;
        u.origin = "tmx";
        u.project = project;
        u.file = file ? file : im->base;
        u.chapter = chapter;
        free(date);
        date = tmx_date_in(tuvs[i].date ? tuvs[i].date : tu_date);
        u.date = date ? date : im->now;
        who = tuvs[i].who ? tuvs[i].who : tu_who;
        u.translator = who;
        if ((rc = yk_tm_writer_add(im->w, &u, &added)) < 0)
            goto done;
        if (added)
            im->res->added++;
        else
            im->res->duplicates++;
    }
done:
    for (i = 0; i < ntuv; i++)
        tuv_release(&tuvs[i]);
    free(tuvs);
    free(project);
    free(file);
    free(chapter);
    free(date);
    if (tu_src)
        xmlFree(tu_src);
    if (tu_date)
        xmlFree(tu_date);
    if (tu_who)
        xmlFree(tu_who);
    return rc;
}

int yk_tm_import_tmx(yk_tm_import_result *out, yk_project *p, const char *path)
{
    yk_xml_reader *xr = NULL;
    tmx_import im;
    int rc, seen_root = 0;

    memset(out, 0, sizeof(*out));
    memset(&im, 0, sizeof(im));
    im.p = p;
    im.path = path;
    im.base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    im.res = out;
    yk_core_now(im.now);
    if ((rc = yk_xml_reader_open(&xr, path)) < 0)
        return rc;
    yk_tm_writer_open(&im.w, p);
    rc = yk_xml_reader_read(xr);
    while (rc == 1) {
        xmlTextReaderPtr r = yk_xml_reader_raw(xr);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (xmlTextReaderNodeType(r) != XML_READER_TYPE_ELEMENT) {
            rc = yk_xml_reader_read(xr);
            continue;
        }
        if (!seen_root) {
            if (strcmp(name, "tmx") != 0) {
                rc = yk_error_set_at(YK_EINVAL, path, xmlTextReaderGetParserLineNumber(r), 0,
                                     "not a TMX file: the root element is <%s>, not <tmx>", name);
                break;
            }
            seen_root = 1;
        } else if (strcmp(name, "header") == 0) {
            xmlChar *s = xmlTextReaderGetAttribute(r, (const xmlChar *)"srclang");
            if (s) {
                if (strcmp((const char *)s, "*all*") == 0 ||
                    yk_lang_normalize(im.header_src, (const char *)s) < 0)
                    snprintf(im.header_src, sizeof(im.header_src), "*all*");
                xmlFree(s);
            }
        } else if (strcmp(name, "tu") == 0) {
            xmlNode *tu = xmlTextReaderExpand(r);
            if (!tu) {
                rc = yk_xml_reader_read(xr); /* reports the parse error */
                if (rc >= 0)
                    rc = yk_error_set_at(YK_EINVAL, path, xmlTextReaderGetParserLineNumber(r), 0,
                                         "malformed <tu>");
                break;
            }
            if ((rc = import_tu(&im, xmlTextReaderCurrentDoc(r), tu)) < 0)
                break;
            rc = yk_xml_reader_next(xr);
            continue;
        }
        rc = yk_xml_reader_read(xr);
    }
    if (rc == 0 && !seen_root)
        rc = yk_error_set_at(YK_EINVAL, path, 1, 0, "not a TMX file: no <tmx> element");
    if (rc == 0)
        rc = yk_tm_writer_finish(im.w);
    yk_tm_writer_free(im.w);
    yk_xml_reader_free(xr);
    return rc < 0 ? rc : YK_OK;
}

/* ---- export ---- */

typedef struct tmx_export {
    FILE *f;      /* written to the file, or else */
    yk_write_fn write; /* handed to this a megabyte at a time */
    void *ctx;
    yk_buf pending;    /* what 'write' has not had yet */
    char key[36]; /* target language key, "" for all */
    const char *chapter; /* only units of this chapter, or NULL */
    size_t count;
    yk_buf b;
} tmx_export;

/* Text of the document to ex->f or to ex->write ('last': the end of it,
 * so hand on what is pending). */
static int put_out(tmx_export *ex, const char *data, size_t len, int last)
{
    if (!ex->write) {
        if (fwrite(data, 1, len, ex->f) != len)
            return yk_error_set(YK_EIO, "writing the TMX file failed");
        return YK_OK;
    }
    yk_buf_put(&ex->pending, data, len);
    if (last || ex->pending.len >= ((size_t)1 << 20)) {
        int rc = ex->write(ex->ctx, ex->pending.buf, ex->pending.len);
        yk_buf_clear(&ex->pending);
        return rc;
    }
    return YK_OK;
}

/* "2025-01-15T10:30:00Z" -> "20250115T103000Z" */
static void tmx_date_out(char out[20], const char *iso)
{
    out[0] = '\0';
    if (iso && strlen(iso) >= 19 && iso[4] == '-' && iso[10] == 'T')
        snprintf(out, 20, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", iso, iso + 5, iso + 8, iso + 11, iso + 14,
                 iso + 17);
}

static void put_attr(yk_buf *b, const char *name, const char *v)
{
    if (!v || !*v)
        return;
    yk_buf_printf(b, " %s=\"", name);
    yk_xml_escape(b, v);
    yk_buf_putc(b, '"');
}

static void put_prop(yk_buf *b, const char *type, const char *v)
{
    if (!v)
        return;
    yk_buf_printf(b, "      <prop type=\"%s\">", type);
    yk_xml_escape(b, v);
    yk_buf_puts(b, "</prop>\n");
}

static void put_tuv(yk_buf *b, const char *lang, const char *plain, const char *xml)
{
    yk_buf_puts(b, "      <tuv");
    put_attr(b, "xml:lang", lang);
    yk_buf_puts(b, "><seg>");
    if (xml)
        yk_buf_puts(b, xml);
    else
        yk_xml_escape(b, plain);
    yk_buf_puts(b, "</seg></tuv>\n");
}

static int export_unit(const yk_store_tm_unit *u, void *payload)
{
    tmx_export *ex = payload;
    char key[36], date[20];
    if (ex->key[0]) {
        yk_tm_lang_key(key, u->tgt_lang);
        if (strcmp(key, ex->key) != 0)
            return 0;
    }
    if (ex->chapter && (!u->chapter || strcmp(u->chapter, ex->chapter) != 0))
        return 0;
    yk_buf_clear(&ex->b);
    tmx_date_out(date, u->date);
    yk_buf_puts(&ex->b, "    <tu");
    put_attr(&ex->b, "srclang", u->src_lang);
    put_attr(&ex->b, "creationdate", date);
    put_attr(&ex->b, "creationid", u->translator);
    yk_buf_puts(&ex->b, ">\n");
    put_prop(&ex->b, "x-yaku-project", u->project);
    put_prop(&ex->b, "x-yaku-file", u->file);
    put_prop(&ex->b, "x-yaku-chapter", u->chapter);
    put_tuv(&ex->b, u->src_lang, u->source, u->source_xml);
    put_tuv(&ex->b, u->tgt_lang, u->target, u->target_xml);
    yk_buf_puts(&ex->b, "    </tu>\n");
    ex->count++;
    return put_out(ex, ex->b.buf, ex->b.len, 0);
}

typedef struct src_walk {
    char key[36];
    char src[36];
    int several;
} src_walk;

static int on_src_pair(const yk_store_tm_pair *pr, void *payload)
{
    src_walk *sw = payload;
    char k[36];
    if (sw->key[0]) {
        yk_tm_lang_key(k, pr->tgt);
        if (strcmp(k, sw->key) != 0)
            return 0;
    }
    if (!sw->src[0])
        snprintf(sw->src, sizeof(sw->src), "%s", pr->src);
    else if (strcmp(sw->src, pr->src) != 0)
        sw->several = 1;
    return 0;
}

/* The header, the units and the end of a TMX document, into ex->f or
 * ex->mem. */
static int write_tmx(tmx_export *ex, yk_project *p, const yk_tm_export_options *opts)
{
    src_walk sw;
    yk_buf head = YK_BUF_INIT;
    char now[32], date[20];
    int rc;

    memset(&sw, 0, sizeof(sw));
    if (opts->lang) {
        char norm[36];
        if ((rc = yk_lang_normalize(norm, opts->lang)) < 0)
            return rc;
        yk_tm_lang_key(ex->key, norm);
        memcpy(sw.key, ex->key, sizeof(sw.key));
    }
    ex->chapter = opts->chapter;
    if ((rc = yk_store_tm_pairs(p->store, on_src_pair, &sw)) < 0)
        return rc;
    yk_core_now(now);
    tmx_date_out(date, now);
    yk_buf_puts(&head, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n  <header");
    put_attr(&head, "creationtool", "yaku");
    put_attr(&head, "creationtoolversion", YAKU_VERSION);
    put_attr(&head, "datatype", "plaintext");
    put_attr(&head, "segtype", "sentence");
    put_attr(&head, "adminlang", "en");
    put_attr(&head, "srclang", sw.several || !sw.src[0] ? "*all*" : sw.src);
    put_attr(&head, "o-tmf", "yaku");
    put_attr(&head, "creationdate", date);
    yk_buf_puts(&head, "/>\n  <body>\n");
    rc = put_out(ex, head.buf, head.len, 0);
    yk_buf_release(&head);
    if (rc < 0 || (rc = yk_store_tm_units_foreach(p->store, export_unit, ex)) < 0)
        return rc;
    return put_out(ex, "  </body>\n</tmx>\n", strlen("  </body>\n</tmx>\n"), 1);
}

int yk_format_tmx_write(size_t *count, yk_project *p, const yk_tm_export_options *opts,
                        yk_write_fn write, void *ctx)
{
    tmx_export ex;
    int rc;

    memset(&ex, 0, sizeof(ex));
    ex.b = (yk_buf)YK_BUF_INIT;
    ex.pending = (yk_buf)YK_BUF_INIT;
    ex.write = write;
    ex.ctx = ctx;
    rc = write_tmx(&ex, p, opts);
    *count = ex.count;
    yk_buf_release(&ex.b);
    yk_buf_release(&ex.pending);
    return rc;
}

int yk_tm_export_tmx(size_t *count, yk_project *p, const char *path,
                     const yk_tm_export_options *opts)
{
    tmx_export ex;
    yk_buf tmp = YK_BUF_INIT;
    int rc;

    *count = 0;
    memset(&ex, 0, sizeof(ex));
    ex.b = (yk_buf)YK_BUF_INIT;
    if (opts->lang) {
        char norm[36];
        if ((rc = yk_lang_normalize(norm, opts->lang)) < 0)
            return rc;
    }
    yk_buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
    if (!(ex.f = fopen(tmp.buf, "wb"))) {
        rc = yk_error_set(YK_EIO, "cannot write '%s'", path);
        goto done;
    }
    if ((rc = write_tmx(&ex, p, opts)) < 0)
        goto done;
    if (fflush(ex.f) != 0 || ferror(ex.f) || fsync(fileno(ex.f)) != 0) {
        rc = yk_error_set(YK_EIO, "writing '%s' failed", path);
        goto done;
    }
    fclose(ex.f);
    ex.f = NULL;
    if (rename(tmp.buf, path) != 0) {
        rc = yk_error_set(YK_EIO, "cannot write '%s'", path);
        goto done;
    }
    *count = ex.count;
done:
    if (ex.f) {
        fclose(ex.f);
        remove(tmp.buf);
    } else if (rc < 0) {
        remove(tmp.buf);
    }
    yk_buf_release(&ex.b);
    yk_buf_release(&tmp);
    return rc;
}
