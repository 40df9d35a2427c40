/*
 * Reading a stored or new source document with the right reader and
 * options: shared by `add` (here) and the edition builder (src/build/).
 */
#ifndef YK_FORMATS_DOCUMENT_H
#define YK_FORMATS_DOCUMENT_H

#include <yaku/document.h>

#include "core/doc.h"

/* Parse 'content' as 'format' ("md", "txt", "html", "xhtml", "docbook" or
 * "po") with segmentation 'mode'
 * ("sentence", "paragraph", "line") and the comma-separated front-matter
 * keys 'fm_keys' (may be NULL), in source language 'lang'.  'content' must
 * outlive *out.  Same error codes as the readers.  The project's SRX rules
 * are not applied here (add applies them, see yk_documents_add). */
int yk_format_parse_document(yk_doc **out, const char *format, const char *mode,
                             const char *fm_keys, const char *lang, const char *content,
                             size_t len, const char *path);

/* Append to 'out' where the segments of 'doc' lie (block, offset, length),
 * compactly, for the segmap column: never empty, starts with a version byte. */
void yk_format_segmap_encode(yk_buf *out, const yk_doc *doc);

/* yk_format_parse_document() for a stored document with 'nsegs' segments
 * in the store: in sentence mode the segments are taken from 'segmap'
 * (written by yk_format_segmap_encode when the document was added) instead
 * of running the sentence splitter, which gives the stored segments even if
 * the splitter changed since.  When 'segmap' is NULL, unreadable, holds
 * another number of ranges than 'nsegs', or does not fit the document
 * (checked range by range, then with yk_doc_verify), the document is parsed
 * in full, without the project's SRX rules: a document cut by rules then
 * gets other segments than those stored, which the caller reports. */
int yk_format_parse_stored(yk_doc **out, const char *format, const char *mode,
                           const char *fm_keys, const char *lang, const char *content, size_t len,
                           const char *path, const void *segmap, size_t segmap_len,
                           size_t nsegs);

/* The name of a block kind as shown to translators ("heading", ...). */
const char *yk_format_block_kind_name(int kind);

#endif
