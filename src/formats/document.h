/*
 * Reading a stored or new source document with the right reader and
 * options: shared by `add` (here) and the edition builder (src/build/).
 */
#ifndef YK_FORMATS_DOCUMENT_H
#define YK_FORMATS_DOCUMENT_H

#include <yaku/document.h>

#include "core/doc.h"

/* Parse 'content' as 'format' ("md" or "txt") with segmentation 'mode'
 * ("sentence", "paragraph", "line") and the comma-separated front-matter
 * keys 'fm_keys' (may be NULL), in source language 'lang'.  'content' must
 * outlive *out.  Same error codes as the readers. */
int yk_format_parse_document(yk_doc **out, const char *format, const char *mode,
                             const char *fm_keys, const char *lang, const char *content,
                             size_t len, const char *path);

/* The name of a block kind as shown to translators ("heading", ...). */
const char *yk_format_block_kind_name(int kind);

#endif
