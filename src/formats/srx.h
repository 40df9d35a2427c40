/*
 * SRX 2.0 segmentation rule files (formats/srx.c): read through the
 * hardened XML parser of xml.c and compiled by segment/srx.c.
 */
#ifndef YK_FORMATS_SRX_H
#define YK_FORMATS_SRX_H

#include <stddef.h>

#include <yaku/project.h>

#include "segment/segment.h"

/* Largest SRX file accepted (LanguageTool's, among the largest in use, is
 * under 1 MB). */
#define YK_SRX_MAX_BYTES ((size_t)4 << 20)

/* The name the rules stored in a project go by in error messages. */
#define YK_SRX_SETTING "segmentation.srx"

/* Read the SRX 2.0 document data[0..len) ('path' names it in errors) and
 * compile its rules.  On success *out holds them; free with
 * yk_segment_srx_free().  Returns YK_OK; YK_EINVAL (path:line:column) for
 * invalid UTF-8, a NUL byte, malformed XML, a DOCTYPE declaring entities,
 * a root other than <srx version="2.0">, a <languagerule> without
 * languagerulename, a <languagemap> without languagepattern or
 * languagerulename or naming an undefined languagerule, a break or cascade
 * other than yes/no, or an invalid regular expression; YK_ETOOBIG over
 * YK_SRX_MAX_BYTES or the limits of segment.h. */
int yk_srx_read(yk_segment_srx **out, const char *data, size_t len, const char *path);

/* The project's rules (setting segmentation.srx), compiled, in *out; NULL
 * when it has none.  Errors name the setting as the file; as
 * yk_srx_read(), or YK_EDB. */
int yk_srx_load(yk_segment_srx **out, yk_project *project);

#endif
