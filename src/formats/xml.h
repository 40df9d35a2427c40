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

/* Append s with &, <, >, " escaped (for text and attribute values). */
void yk_xml_escape(yk_buf *out, const char *s);

/* The value of attribute 'name' (xml:lang when name is "xml:lang") or NULL;
 * free with xmlFree(). */
char *yk_xml_attr(const xmlNode *n, const char *name);

/* 1 when n is an element named 'name' (local name, any namespace). */
int yk_xml_is(const xmlNode *n, const char *name);

#endif
