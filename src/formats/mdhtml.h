/*
 * Markdown to HTML for the HTML and EPUB editions: cmark-gfm's renderer
 * (implemented in markdown.c, cmark-gfm's one home) with the edition's
 * needs around it: link and image rewriting, heading ids, XHTML output.
 */
#ifndef YK_FORMATS_MDHTML_H
#define YK_FORMATS_MDHTML_H

#include <stddef.h>

#include "util/buf.h"

/* Bits of yk_mdhtml_options.flags. */
#define YK_MDHTML_XHTML 0x1u /* well-formed XHTML (EPUB): no valueless attributes, no C0 controls */

/* What the url callback decided. */
enum {
    YK_MDHTML_URL_KEEP = 0, /* keep the destination as written */
    YK_MDHTML_URL_REPLACE,  /* use the bytes the callback appended to 'out' */
    YK_MDHTML_URL_DROP,     /* no link: a link becomes its text, an image its alt text */
    YK_MDHTML_URL_TO_LINK   /* images only: a link to the image, its alt text as the label */
};

typedef struct yk_mdhtml_options {
    unsigned flags; /* YK_MDHTML_* */
    /* Prefix for the ids this document gives its headings and footnotes,
     * so several documents can share one page; may be NULL. */
    const char *id_prefix;
    /* Called for every link (image 0) and image (image 1) destination, in
     * document order.  Returns one of YK_MDHTML_URL_* or a negative error
     * code that stops the conversion.  May be NULL: everything is kept. */
    int (*url)(yk_buf *out, const char *url, int image, void *payload);
    /* Called for every heading in document order with the id it was given
     * (unique in the document) and its plain text.  May be NULL. */
    void (*heading)(int level, const char *id, const char *text, void *payload);
    void *payload;
} yk_mdhtml_options;
#define YK_MDHTML_OPTIONS_INIT {0, NULL, NULL, NULL, NULL}

/* Append to 'out' the HTML body fragment for the Markdown md[0..len)
 * (CommonMark + GFM tables, strikethrough, autolinks, task lists and
 * footnotes; no front matter: strip it first).  Raw HTML is never copied
 * (cmark-gfm's safe mode: it becomes a comment, and javascript: URLs are
 * emptied), so the output cannot carry scripts a translation slipped in.
 * Lines that hold only a Hugo shortcode ("{{< notice >}}") are left out, and
 * a soft line break between two CJK characters is removed so it does not
 * show as a space.  Returns YK_OK, or the callback's error. */
int yk_format_markdown_to_html(yk_buf *out, const char *md, size_t len,
                               const yk_mdhtml_options *opts);

/* Append to 'out' the HTML body fragment for a translated HTML, XHTML or
 * DocBook document src[0..len) ('format': "html", "xhtml" or "docbook"),
 * with the options of yk_format_markdown_to_html().  The document is
 * parsed by libxml2 (formats/xml.c) and its content written again with a
 * closed set of elements and attributes: scripts, styles, forms, embedded
 * objects, event handlers and URLs other than http(s), mailto, ftp and
 * relative ones never get through; elements outside the set give their
 * content only.  HTML and XHTML: the body; DocBook: its elements mapped
 * onto HTML ones (para → p, titles → headings by section depth, lists,
 * tables, links, images, verbatim → pre).  Headings get ids (their own,
 * prefixed, when they have one) and are reported to opts->heading.
 * Returns YK_OK, YK_EINVAL for a document libxml2 cannot read (path in
 * the message), or the url callback's error. */
int yk_format_markup_to_html(yk_buf *out, const char *src, size_t len, const char *format,
                             const char *path, const yk_mdhtml_options *opts);

/* A heading id as the Markdown renderer makes them (see mdhtml_slug in
 * markdown.c): a slug of 'text' after 'prefix', unique among the
 * '\n'-separated ids of 'used', to which it is added. */
void yk_format_heading_id(yk_buf *out, const char *text, const char *prefix, yk_buf *used);

#endif
