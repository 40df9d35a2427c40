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

/* Append s with &, <, >, " escaped (for text and attribute values). */
void yk_xml_escape(yk_buf *out, const char *s);

/* The value of attribute 'name' (xml:lang when name is "xml:lang") or NULL;
 * free with xmlFree(). */
char *yk_xml_attr(const xmlNode *n, const char *name);

/* 1 when n is an element named 'name' (local name, any namespace). */
int yk_xml_is(const xmlNode *n, const char *name);

#endif
