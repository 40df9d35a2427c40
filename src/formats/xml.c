/*
 * libxml2 parser set-up, in one place so every XML reader gets the same
 * hardening: XML_PARSE_NONET, no DTD loading or validation, no entity
 * substitution (no XML_PARSE_NOENT), XML_PARSE_HUGE off, and a DOCTYPE
 * that declares entities refused before parsing (external entities and
 * "billion laughs" both need one).
 */
#include "formats/xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "util/error.h"
#include "util/xalloc.h"
#include "util/utf8.h"
#include "util/banned.h"

void yk_xml_init(void)
{
    xmlInitParser();
}

static const char *find(const char *s, size_t len, const char *what)
{
    size_t m = strlen(what), i;
    for (i = 0; i + m <= len; i++)
        if (memcmp(s + i, what, m) == 0)
            return s + i;
    return NULL;
}

/* Refuse a DOCTYPE whose internal subset declares an entity. */
static int check_doctype(const char *data, size_t len, const char *path)
{
    const char *d = find(data, len, "<!DOCTYPE"), *end = data + len, *p;
    int line, col;
    if (!d)
        return YK_OK;
    /* the internal subset is between '[' and "]>"; quoted system ids may hold '[' */
    for (p = d + 9; p < end && *p != '[' && *p != '>'; p++) {
        if (*p == '"' || *p == '\'') {
            const char *q = memchr(p + 1, *p, (size_t)(end - p - 1));
            if (!q)
                break;
            p = q;
        }
    }
    if (p >= end || *p != '[')
        return YK_OK;
    if (find(p, (size_t)(end - p), "<!ENTITY")) {
        yk_utf8_line_col(data, (size_t)(d - data), &line, &col);
        return yk_error_set_at(YK_EINVAL, path, line, col, "entity declarations are not allowed");
    }
    return YK_OK;
}

int yk_xml_parse(xmlDoc **out, const char *data, size_t len, const char *path)
{
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    int rc;

    *out = NULL;
    if (len > YK_XML_MAX_BYTES)
        return yk_error_set_at(YK_ETOOBIG, path, 0, 0, "XML file larger than %zu bytes",
                               YK_XML_MAX_BYTES);
    if (len > (size_t)0x7fffffff)
        return yk_error_set_at(YK_ETOOBIG, path, 0, 0, "XML file too large");
    if ((rc = check_doctype(data, len, path)) < 0)
        return rc;
    if (!(ctxt = xmlNewParserCtxt()))
        return yk_error_set(YK_ERROR, "cannot create an XML parser");
    doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES);
    if (!doc || !ctxt->wellFormed) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        char msg[300];
        size_t n;
        snprintf(msg, sizeof(msg), "%s", e && e->message ? e->message : "malformed XML");
        n = strlen(msg);
        while (n && (msg[n - 1] == '\n' || msg[n - 1] == '.' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
            msg[0] = (char)(msg[0] + 32);
        rc = yk_error_set_at(YK_EINVAL, path, e ? e->line : 0, e ? e->int2 : 0, "%s", msg);
        xmlFreeDoc(doc);
        xmlFreeParserCtxt(ctxt);
        return rc;
    }
    xmlFreeParserCtxt(ctxt);
    /* the pre-scan should have caught these; a parameter entity could hide one */
    if (doc->intSubset && (doc->intSubset->entities || doc->intSubset->pentities)) {
        xmlFreeDoc(doc);
        return yk_error_set_at(YK_EINVAL, path, 0, 0, "entity declarations are not allowed");
    }
    *out = doc;
    return YK_OK;
}

/* yk_xml_scan: SAX callbacks turned into yk_xml_scan_events. */
typedef struct scan_ctx {
    xmlParserCtxtPtr ctxt;
    const yk_xml_scan_events *ev;
    size_t len;
    int entity_line; /* an entity declaration was met (a parameter entity hid it) */
    int failed, line, column;
    char msg[300];
} scan_ctx;

static size_t scan_at(const scan_ctx *sc)
{
    long at = xmlByteConsumed(sc->ctxt);
    if (at < 0)
        return 0;
    return (size_t)at > sc->len ? sc->len : (size_t)at;
}

static void scan_start_ns(void *arg, const xmlChar *local, const xmlChar *prefix,
                          const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
                          int ndefaulted, const xmlChar **attrs)
{
    scan_ctx *sc = arg;
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattrs, (void)ndefaulted, (void)attrs;
    sc->ev->start((const char *)local, scan_at(sc), sc->ev->payload);
}

static void scan_end_ns(void *arg, const xmlChar *local, const xmlChar *prefix,
                        const xmlChar *uri)
{
    scan_ctx *sc = arg;
    (void)prefix, (void)uri;
    sc->ev->end((const char *)local, scan_at(sc), sc->ev->payload);
}

static void scan_start_html(void *arg, const xmlChar *name, const xmlChar **attrs)
{
    scan_ctx *sc = arg;
    (void)attrs;
    sc->ev->start((const char *)name, scan_at(sc), sc->ev->payload);
}

static void scan_end_html(void *arg, const xmlChar *name)
{
    scan_ctx *sc = arg;
    sc->ev->end((const char *)name, scan_at(sc), sc->ev->payload);
}

static void scan_entity_decl(void *arg, const xmlChar *name, int type, const xmlChar *public_id,
                             const xmlChar *system_id, xmlChar *content)
{
    scan_ctx *sc = arg;
    (void)name, (void)type, (void)public_id, (void)system_id, (void)content;
    if (!sc->entity_line)
        sc->entity_line = xmlSAX2GetLineNumber(sc->ctxt) > 0 ? xmlSAX2GetLineNumber(sc->ctxt) : 1;
    xmlStopParser(sc->ctxt);
}

/* libxml2's error in yaku's message style: where, and the message without
 * its capital, final full stop and newline. */
static void keep_message(char *msg, size_t size, int *line, int *column, const xmlError *e)
{
    size_t n;
    *line = e->line;
    *column = e->int2;
    snprintf(msg, size, "%s", e->message ? e->message : "malformed XML");
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '.' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    if (msg[0] >= 'A' && msg[0] <= 'Z' && !(msg[1] >= 'A' && msg[1] <= 'Z'))
        msg[0] = (char)(msg[0] + 32);
}

/* The first error is the one to show, in yaku's message style. */
static void scan_error(void *arg, xmlErrorPtr e)
{
    scan_ctx *sc = arg;
    if (sc->failed || !e || e->level < XML_ERR_FATAL)
        return;
    sc->failed = 1;
    keep_message(sc->msg, sizeof(sc->msg), &sc->line, &sc->column, e);
}

int yk_xml_scan(const char *data, size_t len, const char *path, int html,
                const yk_xml_scan_events *ev)
{
    xmlSAXHandler sax;
    scan_ctx sc;
    int rc;

    if (len > YK_XML_MAX_BYTES)
        return yk_error_set_at(YK_ETOOBIG, path, 0, 0, "file larger than %zu bytes",
                               YK_XML_MAX_BYTES);
    if ((rc = check_doctype(data, len, path)) < 0)
        return rc;
    if (len == 0) /* libxml2 makes no context for no bytes */
        return html ? YK_OK : yk_error_set_at(YK_EINVAL, path, 1, 1, "document is empty");
    memset(&sc, 0, sizeof(sc));
    memset(&sax, 0, sizeof(sax));
    sc.ev = ev;
    sc.len = len;
    /* no tree is built; entities are neither looked up nor substituted */
    if (html) {
        sax.startElement = scan_start_html;
        sax.endElement = scan_end_html;
        sc.ctxt = htmlCreateMemoryParserCtxt(data, (int)len);
    } else {
        sax.initialized = XML_SAX2_MAGIC;
        sax.startElementNs = scan_start_ns;
        sax.endElementNs = scan_end_ns;
        sax.entityDecl = scan_entity_decl;
        sax.serror = scan_error;
        sc.ctxt = xmlCreateMemoryParserCtxt(data, (int)len);
    }
    if (!sc.ctxt)
        return yk_error_set(YK_ERROR, "cannot create an XML parser");
    memcpy(sc.ctxt->sax, &sax, sizeof(sax));
    sc.ctxt->userData = &sc;
    /* byte offsets are only meaningful if nothing is converted */
    xmlSwitchEncoding(sc.ctxt, XML_CHAR_ENCODING_UTF8);
    if (html) {
        htmlCtxtUseOptions(sc.ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED |
                                        HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
        htmlParseDocument(sc.ctxt);
    } else {
        xmlCtxtUseOptions(sc.ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                       XML_PARSE_IGNORE_ENC);
        xmlParseDocument(sc.ctxt);
    }
    rc = YK_OK;
    if (sc.entity_line)
        rc = yk_error_set_at(YK_EINVAL, path, sc.entity_line, 0,
                             "entity declarations are not allowed");
    else if (!html && (!sc.ctxt->wellFormed || sc.failed))
        rc = yk_error_set_at(YK_EINVAL, path, sc.line, sc.column, "%s",
                             sc.failed ? sc.msg : "malformed XML");
    if (html)
        htmlFreeParserCtxt(sc.ctxt);
    else
        xmlFreeParserCtxt(sc.ctxt);
    return rc;
}

int yk_xml_parse_utf8(xmlDoc **out, const char *data, size_t len, const char *path, int html)
{
    xmlParserCtxtPtr ctxt;
    xmlDoc *doc;
    scan_ctx sc;
    int rc;

    *out = NULL;
    if (len > YK_XML_MAX_BYTES)
        return yk_error_set_at(YK_ETOOBIG, path, 0, 0, "file larger than %zu bytes",
                               YK_XML_MAX_BYTES);
    if ((rc = check_doctype(data, len, path)) < 0)
        return rc;
    ctxt = html ? htmlNewParserCtxt() : xmlNewParserCtxt();
    if (!ctxt)
        return yk_error_set(YK_ERROR, "cannot create an XML parser");
    memset(&sc, 0, sizeof(sc));
    if (html)
        doc = htmlCtxtReadMemory(ctxt, len ? data : "", (int)len, path, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC);
    else
        doc = xmlCtxtReadMemory(ctxt, len ? data : "", (int)len, path, "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_IGNORE_ENC);
    if (!doc || (!html && !ctxt->wellFormed)) {
        const xmlError *e = xmlCtxtGetLastError(ctxt);
        scan_error(&sc, (xmlErrorPtr)e);
        rc = yk_error_set_at(YK_EINVAL, path, e ? e->line : 0, e ? e->int2 : 0, "%s",
                             sc.failed ? sc.msg : "malformed document");
        xmlFreeDoc(doc);
        doc = NULL;
    } else if (doc->intSubset && (doc->intSubset->entities || doc->intSubset->pentities)) {
        rc = yk_error_set_at(YK_EINVAL, path, 0, 0, "entity declarations are not allowed");
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (html)
        htmlFreeParserCtxt(ctxt);
    else
        xmlFreeParserCtxt(ctxt);
    *out = doc;
    return doc ? YK_OK : rc;
}

struct yk_xml_reader {
    xmlTextReaderPtr r;
    xmlDocPtr doc; /* once asked for, the reader no longer frees it: we do */
    char *path;
    int failed, line, column, checked;
    char msg[300];
};

/* libxml2 reports here instead of stderr; the first error is the one to show. */
static void reader_error(void *arg, xmlErrorPtr e)
{
    yk_xml_reader *xr = arg;
    if (xr->failed || !e || e->level < XML_ERR_ERROR)
        return;
    xr->failed = 1;
    keep_message(xr->msg, sizeof(xr->msg), &xr->line, &xr->column, e);
}

int yk_xml_reader_open(yk_xml_reader **out, const char *path)
{
    yk_xml_reader *xr;
    char head[65536];
    size_t n;
    int rc;
    FILE *f = fopen(path, "rb");

    *out = NULL;
    if (!f)
        return yk_error_set(YK_ENOTFOUND, "cannot open '%s'", path);
    /* the DOCTYPE comes first: refuse entity declarations before libxml2 reads them */
    n = fread(head, 1, sizeof(head), f);
    fclose(f);
    if ((rc = check_doctype(head, n, path)) < 0)
        return rc;
    xr = yk_xcalloc(1, sizeof(*xr));
    xr->path = yk_xstrdup(path);
    xr->r = xmlReaderForFile(path, NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                 XML_PARSE_NOCDATA);
    if (!xr->r) {
        yk_xml_reader_free(xr);
        return yk_error_set(YK_ENOTFOUND, "cannot open '%s'", path);
    }
    xmlTextReaderSetStructuredErrorHandler(xr->r, reader_error, xr);
    *out = xr;
    return YK_OK;
}

static int reader_step(yk_xml_reader *xr, int rc)
{
    if (rc < 0 || xr->failed) {
        if (!xr->failed)
            snprintf(xr->msg, sizeof(xr->msg), "malformed XML");
        return yk_error_set_at(YK_EINVAL, xr->path, xr->line, xr->column, "%s", xr->msg);
    }
    if (rc == 1 && !xr->checked) {
        /* the internal subset has been read by the first node after it */
        xmlDocPtr doc = xr->doc ? xr->doc : (xr->doc = xmlTextReaderCurrentDoc(xr->r));
        if (doc && doc->intSubset && (doc->intSubset->entities || doc->intSubset->pentities))
            return yk_error_set_at(YK_EINVAL, xr->path, xmlTextReaderGetParserLineNumber(xr->r),
                                   0, "entity declarations are not allowed");
        if (xmlTextReaderNodeType(xr->r) == XML_READER_TYPE_ELEMENT)
            xr->checked = 1;
    }
    return rc;
}

int yk_xml_reader_read(yk_xml_reader *xr)
{
    return reader_step(xr, xmlTextReaderRead(xr->r));
}

int yk_xml_reader_next(yk_xml_reader *xr)
{
    return reader_step(xr, xmlTextReaderNext(xr->r));
}

struct _xmlTextReader *yk_xml_reader_raw(yk_xml_reader *xr)
{
    return xr->r;
}

void yk_xml_reader_free(yk_xml_reader *xr)
{
    if (!xr)
        return;
    if (xr->r)
        xmlFreeTextReader(xr->r);
    if (xr->doc)
        xmlFreeDoc(xr->doc);
    free(xr->path);
    free(xr);
}

void yk_xml_escape(yk_buf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            yk_buf_puts(out, "&amp;");
            break;
        case '<':
            yk_buf_puts(out, "&lt;");
            break;
        case '>':
            yk_buf_puts(out, "&gt;");
            break;
        case '"':
            yk_buf_puts(out, "&quot;");
            break;
        default:
            yk_buf_putc(out, *s);
        }
    }
}

char *yk_xml_attr(const xmlNode *n, const char *name)
{
    if (strcmp(name, "xml:lang") == 0)
        return (char *)xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

int yk_xml_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}
