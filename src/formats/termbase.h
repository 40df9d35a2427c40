/*
 * Glossary file formats (TBX, TSV/CSV), between concept sets
 * (glossary/glossary.h) and bytes.  Readers fill a set without validating
 * it; yk_glossary_validate() does that for every format alike.
 */
#ifndef YK_FORMATS_TERMBASE_H
#define YK_FORMATS_TERMBASE_H

#include <stddef.h>

#include "glossary/glossary.h"
#include "util/buf.h"

/* TBX v2 (<martif>, TBX-Basic) and TBX v3 / ISO 30042:2019 (<tbx>, DCA or
 * DCT style).  Terms whose administrativeStatus (or normativeAuthorization)
 * is deprecated or superseded are forbidden.  YK_EINVAL with path:line. */
int yk_tbx_read(yk_glossary_set *out, const char *data, size_t len, const char *path);

/* TBX v3, TBX-Basic dialect, DCA style; 'lang' is the xml:lang of the file. */
void yk_tbx_write(yk_buf *out, const yk_glossary_set *set, const char *lang);

/* A header row of language tags and the columns id, note, note:LANG,
 * forbidden:LANG, pos, case; one concept per row; several terms in a cell
 * separated by '|'.  delim '\t' (TSV, no quoting) or ',' (CSV, RFC 4180).
 * YK_EINVAL with path:line for a bad header or row. */
int yk_tsv_read(yk_glossary_set *out, const char *data, size_t len, const char *path, char delim);
void yk_tsv_write(yk_buf *out, const yk_glossary_set *set, char delim);

#endif
