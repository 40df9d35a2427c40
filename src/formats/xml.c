/*
 * libxml2 parser set-up, in one place so every XML reader gets the same
 * hardening: XML_PARSE_NONET, no DTD loading or validation, no entity
 * substitution (no XML_PARSE_NOENT), XML_PARSE_HUGE off, and a DOCTYPE
 * that declares entities refused before parsing (external entities and
 * "billion laughs" both need one).
 */
#include "formats/xml.h"

#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "util/error.h"
#include "util/utf8.h"
#include "util/banned.h"

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
                                XML_PARSE_NOCDATA);
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
