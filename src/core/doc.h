/*
 * The parsed form of one source document: skeleton and translatable blocks,
 * each block split into segments.  Format readers (src/formats/) fill it;
 * the store records its segments; the edition builder (src/build/) renders it
 * back with translations.  It never touches the database.
 *
 * Layout.  A document is the source bytes cut into alternating runs:
 *
 *     skeleton | block 0 | skeleton | block 1 | ... | skeleton
 *
 * Block i covers src[blocks[i].src_start, blocks[i].src_end).  Everything
 * outside blocks is skeleton and is copied byte for byte.
 *
 * A block's 'text' is its source range with the container prefixes of its
 * continuation lines removed ("> " of a block quote, list indentation, YAML
 * block-scalar indentation), lines joined by '\n'.  prefixes[k] holds the
 * bytes removed after the (k+1)-th '\n' of the text.  Re-inserting them
 * (yk_doc_block_render) gives back exactly the source range.
 *
 * One exception: a "decoded" block (yk_doc_block_is_decoded) has a text
 * that is not made of its source bytes, such as a PO msgid whose
 * translation goes into the msgstr range; it has no prefixes.
 *
 * A block's segments are ranges of its text; the bytes between two segments
 * (and before the first, after the last) are the block's gaps, usually
 * whitespace.  Segments never overlap and are in order.
 *
 * Memory: one arena per document.  'src' is borrowed from the caller (must
 * outlive the doc); every other pointer points into src or into the doc's
 * own storage and is freed by yk_doc_free().
 */
#ifndef YK_CORE_DOC_H
#define YK_CORE_DOC_H

#include <stddef.h>

#include "util/buf.h"

/* How a block's bytes are written when a translation replaces them. */
typedef enum yk_encoding {
    YK_ENC_RAW = 0,      /* Markdown/text inline bytes: written as is */
    YK_ENC_YAML_PLAIN,   /* YAML plain scalar: quoted when the new text needs it */
    YK_ENC_YAML_DQ,      /* inside "…": '"' and '\' escaped */
    YK_ENC_YAML_SQ,      /* inside '…': "'" doubled */
    YK_ENC_TOML_BASIC,   /* inside "…" */
    YK_ENC_TOML_LITERAL, /* inside '…': a "'" cannot be written, the block becomes "…" */
    /* HTML element content (inline markup and references kept): a '&' that
     * starts no reference and a '<' that starts no tag are escaped */
    YK_ENC_HTML_TEXT,
    /* XML element content (XHTML, DocBook): as HTML, and tags a translation
     * leaves unbalanced are escaped, so the output stays well-formed */
    YK_ENC_XML_TEXT,
    YK_ENC_ATTR_DQ,     /* HTML attribute value inside "…": also '"' escaped */
    YK_ENC_ATTR_SQ,     /* HTML attribute value inside '…': also "'" escaped */
    YK_ENC_ATTR_BARE,   /* unquoted HTML attribute value: a translation is written in "…" */
    YK_ENC_XML_ATTR_DQ, /* the same in XML, with XML's rules for references */
    YK_ENC_XML_ATTR_SQ,
    /* Blocks whose text is not their source bytes ("decoded" blocks): */
    YK_ENC_PO_MSGSTR, /* text is the decoded msgid; the range is the msgstr strings, rewritten
                       * as a PO string when translated */
    /* Blocks without segments that change only when the document gets a
     * translation (any target at all): */
    YK_ENC_LANG,         /* a root lang / xml:lang attribute value: becomes the target language */
    YK_ENC_PO_HEADER,    /* a PO header's msgstr: Language and charset set for the target */
    YK_ENC_PO_NEW_HEADER /* empty, where a PO without header gets one for the target */
} yk_encoding;

/* What kind of source construct a block came from; shown to translators as
 * context (PO extracted comments) and used by checks. */
typedef enum yk_block_kind {
    YK_BLOCK_PARAGRAPH = 0,
    YK_BLOCK_HEADING,
    YK_BLOCK_LIST_ITEM,
    YK_BLOCK_TABLE_CELL,
    YK_BLOCK_QUOTE,
    YK_BLOCK_FRONT_MATTER, /* a translatable front-matter value */
    YK_BLOCK_FOOTNOTE,
    YK_BLOCK_ALT,          /* image alt text */
    YK_BLOCK_TITLE,        /* link or image title */
    YK_BLOCK_LINE,         /* one line of a text file in --segment line mode */
    YK_BLOCK_MESSAGE,      /* a msgid of a PO (gettext) source */
    YK_BLOCK_META          /* document metadata without segments (YK_ENC_LANG, _PO_HEADER) */
} yk_block_kind;

typedef struct yk_slice {
    const char *ptr;
    size_t len;
} yk_slice;

typedef struct yk_doc_seg {
    size_t block;    /* index into doc->blocks */
    size_t off, len; /* range of the block's text */
} yk_doc_seg;

typedef struct yk_doc_block {
    size_t src_start, src_end; /* range of the source replaced by this block */
    const char *text;          /* prefix-free text, NOT NUL-terminated */
    size_t text_len;
    yk_slice *prefixes;        /* prefixes[k] follows the (k+1)-th '\n' of text */
    size_t nprefixes;
    yk_encoding encoding;
    yk_block_kind kind;
    const char *key;           /* front-matter key or PO msgctxt, or NULL; NUL-terminated */
    int line;                  /* 1-based source line where the block starts */
    size_t first_seg, nsegs;   /* its segments: doc->segs[first_seg ..] */
} yk_doc_block;

typedef struct yk_doc {
    const char *src; /* borrowed */
    size_t src_len;
    yk_doc_block *blocks;
    size_t nblocks, blocks_cap;
    yk_doc_seg *segs;
    size_t nsegs, segs_cap;
    /* arena: every block text and prefix array lives in here */
    struct yk_arena_chunk *arena;
} yk_doc;

/* Segmentation of blocks into segments. */
typedef enum yk_segment_mode {
    YK_SEGMENT_SENTENCE = 0, /* default: ICU sentences + exception rules */
    YK_SEGMENT_PARAGRAPH,    /* one segment per block */
    YK_SEGMENT_LINE          /* text files: one block per line */
} yk_segment_mode;

yk_doc *yk_doc_new(const char *src, size_t len);
void yk_doc_free(yk_doc *doc);

/* Arena allocation, freed with the doc.  Never fails (aborts on OOM). */
void *yk_doc_alloc(yk_doc *doc, size_t n);
char *yk_doc_strndup(yk_doc *doc, const char *s, size_t n);

/* Append a block; returns its index.  'text' and 'prefixes' must live in the
 * arena or in src.  The block starts with no segments. */
size_t yk_doc_add_block(yk_doc *doc, const yk_doc_block *block);

/* Append a segment of block 'b' (which must be the last block added). */
void yk_doc_add_seg(yk_doc *doc, size_t b, size_t off, size_t len);

/* Build a block from the source range [start,end) when every line after the
 * first begins with a prefix of 'prefix_len(line)' bytes to remove; the
 * common case of readers.  'prefix_lens[k]' is the prefix length of line k+1
 * (the first line has none).  Returns the new block's index. */
size_t yk_doc_add_block_lines(yk_doc *doc, size_t start, size_t end, const size_t *prefix_lens,
                              size_t nprefix_lens, yk_block_kind kind, yk_encoding enc, int line);

/* Write block 'text' (len bytes) into out with the block's prefixes
 * re-inserted after each '\n'.  Beyond the block's own prefixes the last one
 * is repeated, so a translation with more lines stays inside its container. */
void yk_doc_block_render(yk_buf *out, const yk_doc_block *block, const char *text, size_t len);

/* True for a block whose text is not its source bytes but a decoded form
 * of them (YK_ENC_PO_MSGSTR, YK_ENC_PO_HEADER): rendered untranslated,
 * such a block is its source range, copied. */
int yk_doc_block_is_decoded(const yk_doc_block *block);

/* Check the invariants (ranges in order and in bounds, render of the source
 * text gives back the source, except for decoded blocks).  For tests and
 * fuzzers; returns YK_OK or YK_ERROR with a message. */
int yk_doc_verify(const yk_doc *doc);

#endif
