/*
 * The hardened libxml2 parser every XML reader uses (TBX, TMX, XLIFF):
 * no network, no DTD loading, no entity substitution, libxml2's default
 * size and depth limits, and any DOCTYPE that declares entities refused.
 * Also the escaping XML writers share.
 */
#ifndef YK_FORMATS_XML_H
#define YK_FORMATS_XML_H

#include <stddef.h>

#include <libxml/tree.h>

#include "util/buf.h"

/* libxml2's global state (its mutexes, its dictionary's random seed) is
 * set up lazily, and two threads doing it at once deadlock: call this on
 * one thread before parsing on several (xmlInitParser). */
void yk_xml_init(void);

/* Largest XML input a reader accepts. */
#define YK_XML_MAX_BYTES ((size_t)64 << 20)

/* Parse data[0..len) ('path' names it in errors).  On success *out is the
 * document; free it with xmlFreeDoc().  Returns YK_OK; YK_EINVAL for
 * malformed XML (path:line:column) or a DOCTYPE with entity declarations
 * ("entity declarations are not allowed"); YK_ETOOBIG over
 * YK_XML_MAX_BYTES. */
int yk_xml_parse(xmlDoc **out, const char *data, size_t len, const char *path);

/* A streaming reader (xmlTextReader) over the file 'path' with the same
 * hardening, for inputs too large to hold (TMX): memory stays bounded.
 * yk_xml_reader_read() advances like xmlTextReaderRead(): 1 at a node, 0
 * at the end, or YK_EINVAL (path:line:column) for malformed XML, invalid
 * UTF-8 or a DOCTYPE with entity declarations.  YK_ENOTFOUND when the
 * file cannot be opened. */
typedef struct yk_xml_reader yk_xml_reader;
int yk_xml_reader_open(yk_xml_reader **out, const char *path);
int yk_xml_reader_read(yk_xml_reader *xr);
/* Skip the current node's subtree (xmlTextReaderNext); same returns. */
int yk_xml_reader_next(yk_xml_reader *xr);
/* The libxml2 reader, for node accessors.  Borrowed. */
struct _xmlTextReader *yk_xml_reader_raw(yk_xml_reader *xr);
void yk_xml_reader_free(yk_xml_reader *xr);

/* Elements as the parser meets them, for readers that keep the source
 * bytes and want libxml2's view of the structure (formats/markup.c).
 * 'name' is the local name (lower case in HTML); 'at' is the byte offset
 * of the input where the parser stood: for a start, at the '>' or "/>"
 * ending the start tag (or elsewhere when the element is implied); for an
 * end, after the end tag, or where the element was closed implicitly. */
typedef struct yk_xml_scan_events {
    void (*start)(const char *name, size_t at, void *payload);
    void (*end)(const char *name, size_t at, void *payload);
    void *payload;
} yk_xml_scan_events;

/* Parse data[0..len) with the hardening of yk_xml_parse and report its
 * elements to 'ev'.  The bytes are read as UTF-8 whatever the document
 * declares.  html 0: XML, which must be well-formed; html 1: libxml2's HTML
 * parser, which recovers from errors (no implied html/body elements).
 * Returns YK_OK; YK_EINVAL for malformed XML (path:line:column) or a
 * DOCTYPE with entity declarations; YK_ETOOBIG over YK_XML_MAX_BYTES. */
int yk_xml_scan(const char *data, size_t len, const char *path, int html,
                const yk_xml_scan_events *ev);

/* A tree of data[0..len), read as UTF-8 whatever it declares, with the
 * hardening of yk_xml_parse: html 0 XML (must be well-formed), html 1
 * libxml2's lenient HTML parser.  Free *out with xmlFreeDoc().  Errors as
 * yk_xml_parse (YK_EINVAL also when the HTML parser gives up). */
int yk_xml_parse_utf8(xmlDoc **out, const char *data, size_t len, const char *path, int html);

/* Append s with &, <, >, " escaped (for text and attribute values). */
void yk_xml_escape(yk_buf *out, const char *s);

/* The value of attribute 'name' (xml:lang when name is "xml:lang") or NULL;
 * free with xmlFree(). */
char *yk_xml_attr(const xmlNode *n, const char *name);

/* 1 when n is an element named 'name' (local name, any namespace). */
int yk_xml_is(const xmlNode *n, const char *name);

#endif
