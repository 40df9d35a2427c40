/*
 * XLIFF 1.2 and 2.0 as yaku's tag-based exchange format: a writer and a
 * reader (through the hardened libxml2 set-up of formats/xml.c).  One unit
 * per segment, named by the segment id ("CHAPTER:N"); the inline markup of
 * the text becomes placeholders that carry its bytes (formats/inline.h), so
 * a CAT tool shows it as tags a translator cannot break, and reading turns
 * them back into exactly those bytes.  Mapping units to segments, claims
 * and revisions is left to the export/import code (formats/exchange.c).
 */
#ifndef YK_FORMATS_XLIFF_H
#define YK_FORMATS_XLIFF_H

#include <stddef.h>

#include "util/buf.h"

/* Versions: 1.2 (1.0 and 1.1 are read as 1.2) and 2.0 (2.1 is read as 2.0:
 * same namespace and core). */
#define YK_XLIFF_1_2 12
#define YK_XLIFF_2_0 20
#define YK_XLIFF_2_1 21

/* Ceilings for untrusted input: the file, one text once its placeholders
 * are expanded, and all texts of a file together (a placeholder may stand
 * for kilobytes of markup: a file of placeholders must not become
 * gigabytes). */
#define YK_XLIFF_MAX_BYTES ((size_t)64 << 20)
#define YK_XLIFF_MAX_TEXT ((size_t)1 << 20)
#define YK_XLIFF_MAX_TOTAL ((size_t)256 << 20)

/*
 * One unit.  Strings are UTF-8 and NUL-terminated.  Given to the writer
 * they are the caller's; parsed, they belong to the yk_xliff_file.
 *
 * 'state' is a yaku state, mapped to XLIFF both ways:
 *
 *   yaku        XLIFF 1.2 (<target state>, approved)     XLIFF 2.x (<segment state>)
 *   new         no <target>                              initial, no <target>
 *   fuzzy       needs-review-translation, approved="no"  initial with a <target>,
 *                                                        subState="yaku:fuzzy"
 *   translated  translated, approved="yes"               translated
 *   reviewed    signed-off, approved="yes"               reviewed
 *
 * Reading maps back: no <target> or an empty one is new, and so is a
 * target equal to the source with no state (nor 1.2 approved) at all: what
 * OmegaT writes for a segment nobody translated.  1.2: a state of
 * new or needs-* is fuzzy, translated is translated, signed-off and final
 * are reviewed; without a state, approved="no" is fuzzy and anything else
 * translated (what Translate Toolkit and Virtaal write).  2.x: initial is
 * fuzzy (a target nobody confirmed), translated is translated, reviewed and
 * final are reviewed.  1.2's approved="yes" is what Translate Toolkit calls
 * "not fuzzy"; 2.x's final is never written, as a yaku segment stays open
 * to revision.
 */
typedef struct yk_xliff_unit {
    const char *id;          /* the segment id: 1.2 id and resname, 2.x name (and id) */
    const char *source;
    const char *target;      /* NULL or "" when there is none */
    const char *state;       /* "new", "fuzzy", "translated", "reviewed" */
    const char *prev_source; /* fuzzy: the source the target was made for, or NULL */
    int revision;            /* the segment's revision at export (a note "yaku-rev: N"); -1: none */
    /* written only (shown to translators; not read back): */
    const char *original;    /* document path; consecutive units of one document share a <file> */
    int original_line;       /* line of the segment's block in that document, 0: unknown */
    const char *context;     /* "chapter, kind", or NULL */
    const char *comment;     /* review note, glossary hits ('\n'-separated), or NULL */
    /* parsed only: */
    int line;                /* line of the <trans-unit> or <unit> element */
} yk_xliff_unit;

typedef struct yk_xliff_file {
    int version;          /* YK_XLIFF_1_2, YK_XLIFF_2_0 or YK_XLIFF_2_1 */
    const char *src_lang; /* NULL when the file does not say */
    const char *tgt_lang; /* NULL when the file does not say */
    int lang_line;        /* line of the element declaring the languages */
    yk_xliff_unit *units; /* in document order; units with translate="no" are left out */
    size_t n;
} yk_xliff_file;

/** ## Writing */

/*
 * Append a complete XLIFF document of 'version' (YK_XLIFF_1_2 or
 * YK_XLIFF_2_0) to 'out': source language 'src_lang', target 'tgt_lang',
 * 'units' in order.  Markup found by yk_inline_scan() becomes <g>/<ph>
 * (1.2: <g> carries its start and end bytes in yaku:start/yaku:end, <ph>
 * holds them as native code) or <pc>/<ph> referring to <originalData>
 * (2.x).  A target's markup gets the id of the same markup in the source.
 * Characters XML 1.0 cannot hold become <cp> (2.x) or an <x> with
 * yaku:cp (1.2).  The 2.x output follows the OASIS XLIFF 2.0 core schema:
 * unit ids that are not NMTOKENs are written as "u" + their position (the
 * name keeps the segment id).
 *
 * Returns YK_OK, YK_EINVAL for an unknown version or state, or for
 * YK_XLIFF_2_0 with no units (the schema needs one), YK_ETOOBIG when 'out'
 * has a limit and the document does not fit.
 */
int yk_xliff_write(yk_buf *out, int version, const char *src_lang, const char *tgt_lang,
                   const yk_xliff_unit *units, size_t n);

/*
 * yk_xliff_write() in pieces, for a file written as its units come (an
 * export too big to hold): begin, a unit at a time, end.  The languages
 * given to begin must outlive the writer.  A unit that fails (no id, no
 * source, an unknown state) appends nothing; end fails for a 2.0 file
 * without units.  end releases the writer; after an error call
 * yk_xliff_writer_release() instead (calling it twice is harmless).
 */
typedef struct yk_xliff_writer {
    int version;
    const char *src_lang, *tgt_lang;
    size_t units, files;
    char *original; /* the document of the open <file>, NULL: none given */
} yk_xliff_writer;

int yk_xliff_writer_begin(yk_xliff_writer *w, yk_buf *out, int version, const char *src_lang,
                          const char *tgt_lang);
int yk_xliff_writer_unit(yk_xliff_writer *w, yk_buf *out, const yk_xliff_unit *unit);
int yk_xliff_writer_end(yk_xliff_writer *w, yk_buf *out);
void yk_xliff_writer_release(yk_xliff_writer *w);

/** ## Reading */

/* 1 when data[0..len) starts like an XML document (after a byte-order mark
 * and white space), which a PO file never does. */
int yk_xliff_sniff(const char *data, size_t len);

/*
 * Parse XLIFF 1.0-1.2 or 2.0-2.1 from data[0..len) ('path' names the file in
 * errors).  Placeholders are turned back into bytes: from the element itself
 * (1.2 <ph>/<bpt>/<ept>/<it> content, <g> yaku:start/yaku:end, <x>
 * yaku:cp; 2.x dataRef into <originalData>, <cp>), else from the code with
 * the same id in the unit's source.  <mrk> is read through.
 *
 * On success *out holds the file; free it with yk_xliff_file_free().
 * Returns YK_OK, or YK_EINVAL with path:line for malformed XML, invalid
 * UTF-8, a DOCTYPE declaring entities, a root other than <xliff>, an
 * unsupported version, a unit without id or <source>, <file>s for
 * different target languages, a placeholder whose bytes cannot be found,
 * a <cp> for NUL or a non-character; YK_ETOOBIG over the ceilings above.
 */
int yk_xliff_parse(yk_xliff_file **out, const char *data, size_t len, const char *path);

/* Free a parsed file and every string of it.  NULL is a no-op. */
void yk_xliff_file_free(yk_xliff_file *f);

#endif
