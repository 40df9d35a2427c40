/*
 * Document readers (Markdown with front matter, plain text) that cut a
 * source file into skeleton, blocks and segments (core/doc.h), and the
 * renderer that rebuilds a document with translations.  Readers never touch
 * the database; the caller stores the segments.
 */
#ifndef YK_FORMATS_FORMATS_H
#define YK_FORMATS_FORMATS_H

#include <stddef.h>
#include <stdint.h>

#include <yaku/tm.h>

#include "core/doc.h"
#include "segment/segment.h"
#include "util/buf.h"

/* Largest source document a reader accepts. */
#define YK_FORMAT_MAX_SOURCE ((size_t)64 << 20)

/** ## Parsing */

/* Segment ranges recorded when the document was added (yk_doc_seg, in
 * order).  With one, yk_format_segment_block() takes each block's segments
 * from it instead of running the sentence splitter, and sets 'miss' when a
 * recorded range does not fit the block being cut; the caller then parses
 * again without it.  'next' is the first range not yet used. */
typedef struct yk_seg_hint {
    const yk_doc_seg *segs;
    size_t n, next;
    int miss;
} yk_seg_hint;

/* Bits of yk_parse_options.flags. */
#define YK_PARSE_NO_FRONT_MATTER 0x1u /* Markdown: a leading "---" / "+++" is Markdown */

typedef struct yk_parse_options {
    yk_segment_mode mode; /* sentence (default) | paragraph | line (text only) */
    const char *lang;     /* source language, for the sentence splitter */
    /* Translatable front-matter keys; NULL gives the default set: title,
     * description, summary, subtitle, heroHeading, heroSubHeading. */
    const char *const *fm_keys;
    size_t nfm_keys;
    const char *path; /* for error messages; may be NULL */
    unsigned flags;   /* YK_PARSE_* */
    yk_seg_hint *hint; /* may be NULL; see yk_seg_hint */
    /* A project's SRX rules for sentence mode (formats/srx.h), or NULL.
     * Compiled rules may be shared by threads parsing at the same time. */
    const yk_segment_srx *srx;
} yk_parse_options;

#define YK_PARSE_OPTIONS_INIT {YK_SEGMENT_SENTENCE, "en", NULL, 0, NULL, 0, NULL, NULL}

/* Parse a Markdown document (CommonMark + GFM tables, strikethrough and
 * footnotes, YAML "---" or TOML "+++" front matter, Hugo shortcodes, raw
 * HTML).  'src' is borrowed and must outlive the returned doc; it need not be
 * NUL-terminated.  Translatable blocks are paragraphs, heading text, table
 * cells, footnote paragraphs and the values of translatable front-matter
 * keys; everything else is skeleton.  On success *out holds the document,
 * free it with yk_doc_free().
 *
 * Returns YK_OK; YK_EINVAL for invalid UTF-8, a NUL byte, malformed or
 * unclosed front matter, or mode YK_SEGMENT_LINE (the last error carries
 * opts->path, line and column); YK_ETOOBIG over YK_FORMAT_MAX_SOURCE bytes;
 * YK_ERROR when the sentence splitter fails. */
int yk_format_parse_markdown(yk_doc **out, const char *src, size_t len,
                             const yk_parse_options *opts);

/* Register cmark-gfm's extensions (a process-wide list).  The Markdown
 * functions call it; call it once yourself before parsing on several
 * threads, so that they do not race to register. */
void yk_format_markdown_init(void);

/* Parse a plain-text document.  Paragraph and sentence modes: a block is a
 * run of non-blank lines (the leading white space of its continuation lines
 * is skeleton).  YK_SEGMENT_LINE: every non-blank line is a block with one
 * segment.  Same ownership and error codes as yk_format_parse_markdown(). */
int yk_format_parse_text(yk_doc **out, const char *src, size_t len, const yk_parse_options *opts);

/* Parse an HTML document with libxml2's lenient HTML parser.  Translatable
 * blocks are the inline content of block elements (p, h1-h6, li, td, th,
 * dt, dd, caption, figcaption, title, the text of blockquote and div ...),
 * inline markup included as bytes (<b>, <a href>, <code>, &amp;), and the
 * values of alt and title attributes outside such content; script, style,
 * pre, textarea, svg and math are skeleton, as are comments and the rest
 * of the markup.  The root element's lang attribute follows the target
 * language in a translated rebuild.  The bytes are read as UTF-8 whatever
 * the document declares.  Same ownership and error codes as
 * yk_format_parse_markdown(). */
int yk_format_parse_html(yk_doc **out, const char *src, size_t len, const yk_parse_options *opts);

/* The same for XHTML, which must be well-formed XML (YK_EINVAL with
 * path:line:column otherwise, or for a DOCTYPE declaring entities). */
int yk_format_parse_xhtml(yk_doc **out, const char *src, size_t len,
                          const yk_parse_options *opts);

/* Parse a DocBook (4 or 5) XML document: para, simpara, title, term, entry,
 * and the like are blocks, inline elements (emphasis, link, literal ...)
 * stay in their text, programlisting, screen, literallayout and synopses
 * are skeleton.  Errors as yk_format_parse_xhtml(). */
int yk_format_parse_docbook(yk_doc **out, const char *src, size_t len,
                            const yk_parse_options *opts);

/* Parse a gettext PO or POT file as a source document: every entry whose
 * msgid has words is a block of one segment (sentence and paragraph modes
 * alike; line mode is refused),
 * its text the msgid; a translation replaces the entry's msgstr.  The
 * msgctxt becomes the block's key.  The header's msgstr is a meta block: in
 * a translated rebuild its Language is the target language and its charset
 * UTF-8.  Plural entries are refused (YK_EINVAL), as is anything the PO
 * reader (po.h) refuses, with path:line:column. */
int yk_format_parse_po_source(yk_doc **out, const char *src, size_t len,
                              const yk_parse_options *opts);

/** ## Rendering */

/* What to write for a segment without a translation. */
typedef enum { YK_FALLBACK_SOURCE, YK_FALLBACK_OMIT } yk_fallback;

/* Append to 'out' the document rebuilt with translations: targets[i] (of
 * target_lens[i] bytes; target_lens may be NULL for NUL-terminated targets)
 * replaces doc->segs[i]; NULL, or targets == NULL, means no translation.
 * Skeleton is copied byte for byte.  In a block with at least one
 * translation the gaps between segments become yk_segment_joiner(target_lang)
 * (a gap holding a blank line or a Markdown hard break is kept), targets are
 * escaped for the block's encoding (YAML / TOML quoting, HTML/XML content
 * and attribute values, PO strings), and for a CJK target language soft
 * line breaks are removed (not in PO messages, where they are content).
 * Blocks without segments (root lang attribute, PO header) change only when
 * the document has at least one translation.  With no translation at all
 * and YK_FALLBACK_SOURCE the output equals the source.
 *
 * Returns YK_OK, or YK_ETOOBIG when 'out' has a limit and the output
 * exceeds it. */
int yk_format_render(yk_buf *out, const yk_doc *doc, const char *const *targets,
                     const size_t *target_lens, const char *target_lang, yk_fallback fallback);

/** ## Internal: shared by the readers of this module, not installed */

/* Reject inputs over YK_FORMAT_MAX_SOURCE (YK_ETOOBIG), holding a NUL byte
 * or invalid UTF-8 (YK_EINVAL, with path:line:column). */
int yk_format_check_input(const char *src, size_t len, const char *path);

/* What every reader of structured sources (Markdown, HTML/XML, PO) checks
 * first: --segment line is for plain text, then yk_format_check_input(). */
int yk_format_check_structured(const char *src, size_t len, const yk_parse_options *opts);

/* True when s[0..len) holds a letter (any script); digits alone are not
 * worth translating. */
int yk_format_has_words(const char *s, size_t len);

/* The test yk_format_has_words() makes of each code point: true for a
 * letter of any script, false for digits, punctuation, symbols and emoji. */
int yk_format_is_word_char(uint32_t cp);

/* Add the segments of the last block 'b' of doc: the part of its text at
 * [off, off+len) split per opts->mode.  Returns YK_OK or the splitter's
 * error. */
int yk_format_segment_block(yk_doc *doc, size_t b, size_t off, size_t len,
                            const yk_parse_options *opts);

/* If src starts with front matter ("---" YAML or "+++" TOML fences), add a
 * block for each translatable value and set *body_off / *body_line to the
 * byte offset and 1-based line where the Markdown body starts; otherwise set
 * them to 0 and 1.  Returns YK_OK, YK_EINVAL for malformed or unclosed front
 * matter (with location), or a segmentation error. */
int yk_format_front_matter(yk_doc *doc, size_t *body_off, int *body_line,
                           const yk_parse_options *opts);

/* Number of bytes of the line ending at s[i] ("\n", "\r\n", "\r"), 0 if
 * none. */
size_t yk_format_eol_len(const char *s, size_t len, size_t i);

/* Finds the line endings of s[0..len) from left to right with memchr
 * instead of a test at every byte.  It remembers the next '\n' and the next
 * '\r' it found, so each byte is searched once whatever the line endings
 * (LF, CRLF, lone CR or a mix). */
typedef struct yk_eol_scan {
    const char *s;
    size_t len;
    size_t lf, cr; /* offset of the next '\n' / '\r' found, or len */
} yk_eol_scan;

void yk_eol_scan_init(yk_eol_scan *sc, const char *s, size_t len);

/* Offset of the first '\n' or '\r' at or after i, or len when there is none.
 * Successive calls must not go backwards (i never below a previous i). */
size_t yk_eol_scan_next(yk_eol_scan *sc, size_t i);

/* The memory as TMX 1.4b (what yk_tm_export_tmx() writes to a file),
 * handed to 'write' a megabyte at a time, for `yaku export --format tmx`.
 * *count gets the number of <tu>.  YK_EINVAL for a bad language tag,
 * YK_EDB, or the error 'write' returned. */
int yk_format_tmx_write(size_t *count, yk_project *project, const yk_tm_export_options *opts,
                        yk_write_fn write, void *ctx);
/* What an HTML-like vocabulary makes of its elements (html.c, docbook.c).
 * Names are as libxml2 reports them: local names, lower case in HTML. */
typedef struct yk_markup_dialect {
    int html;                        /* lenient HTML (else well-formed XML) */
    const char *const *inline_elems; /* inline: stay inside their block's text */
    const char *const *opaque;       /* skeleton with all they contain */
    const char *const *code;         /* inline, but their text is not words */
    const char *const *attrs;        /* attribute values translated as blocks */
    const char *lang_root;           /* root element whose lang follows the target (NULL: any) */
    yk_block_kind (*kind)(const char *name, const char *parent);
} yk_markup_dialect;

/* The reader behind yk_format_parse_html/xhtml/docbook (markup.c). */
int yk_format_parse_markup(yk_doc **out, const char *src, size_t len,
                           const yk_parse_options *opts, const yk_markup_dialect *dialect);

/* Length of the tag, comment, CDATA section or processing instruction
 * starting at s[0] == '<' in a translation, or 0 when it is none (xml:
 * attribute values must be quoted and their references valid). */
size_t yk_format_markup_construct(const char *s, size_t n, int xml);

/* Append a translation to element content: markup constructs and
 * references are kept, any other '<' and '&' escaped, "]]>" written
 * "]]&gt;", C0 controls dropped.  In XML a named reference is kept only if
 * predefined or used by 'source' (the block's source text). */
void yk_format_markup_put_text(yk_buf *out, const char *s, size_t n, int xml,
                               const char *source, size_t source_len);

/* The same for an attribute value inside 'quote' ('"', '\'', or 0 for a
 * value that will be put in '"').  is_source: s is the source's own text,
 * whose references are already right. */
void yk_format_markup_put_attr(yk_buf *out, const char *s, size_t n, char quote, int xml,
                               int is_source, const char *source, size_t source_len);

/* Escape the '<' of every start or end tag in text that has no partner, so
 * the content is balanced XML. */
void yk_format_markup_balance(yk_buf *text);

/* A PO header text (decoded msgstr of msgid "") for language 'lang':
 * Language set (added when missing), charset UTF-8.  Appended to out. */
void yk_format_po_header_for(yk_buf *out, const char *header, size_t len, const char *lang);

#endif
