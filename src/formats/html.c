/*
 * HTML and XHTML as source documents: which elements are inline, which are
 * skeleton with all they contain, what kind of block each one makes.  The
 * reading itself is markup.c's.
 */
#include "formats/formats.h"

#include <string.h>

#include "util/banned.h"

/* Phrasing content: stays inside the text of its block. */
static const char *const inline_elems[] = {
    "a",     "abbr", "acronym", "b",      "bdi",    "bdo",    "big",   "br",   "button",
    "cite",  "code", "data",    "del",    "dfn",    "em",     "font",  "i",    "img",
    "input", "ins",  "kbd",     "label",  "mark",   "meter",  "nobr",  "output", "q",
    "rb",    "rp",   "rt",      "rtc",    "ruby",   "s",      "samp",  "small", "span",
    "strike", "strong", "sub",  "sup",    "time",   "tt",     "u",     "var",  "wbr",
    NULL};

/* Code, scripts, embedded vocabularies and preformatted text. */
static const char *const opaque[] = {
    "script", "style",   "pre",    "textarea", "svg",    "math",   "template", "iframe",
    "object", "embed",   "canvas", "noembed",  "noframes", "xmp", "listing",  "plaintext",
    NULL};

/* Inline, but what they hold is code, not prose. */
static const char *const code[] = {"code", "kbd", "samp", "var", "tt", NULL};

static const char *const attrs[] = {"alt", "title", NULL};

static int is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static yk_block_kind html_kind(const char *name, const char *parent)
{
    if ((name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) || is(name, "title"))
        return YK_BLOCK_HEADING;
    if (is(name, "li") || is(name, "dt") || is(name, "dd"))
        return YK_BLOCK_LIST_ITEM;
    if (is(name, "td") || is(name, "th"))
        return YK_BLOCK_TABLE_CELL;
    if (is(name, "blockquote"))
        return YK_BLOCK_QUOTE;
    if (is(name, "p") || is(name, "div")) {
        /* a paragraph says where it stands */
        if (is(parent, "li") || is(parent, "dd") || is(parent, "dt"))
            return YK_BLOCK_LIST_ITEM;
        if (is(parent, "blockquote"))
            return YK_BLOCK_QUOTE;
        if (is(parent, "td") || is(parent, "th"))
            return YK_BLOCK_TABLE_CELL;
    }
    return YK_BLOCK_PARAGRAPH;
}

static const yk_markup_dialect html_dialect = {1, inline_elems, opaque, code, attrs, "html",
                                               html_kind};
static const yk_markup_dialect xhtml_dialect = {0, inline_elems, opaque, code, attrs, "html",
                                                html_kind};

int yk_format_parse_html(yk_doc **out, const char *src, size_t len, const yk_parse_options *opts)
{
    return yk_format_parse_markup(out, src, len, opts, &html_dialect);
}

int yk_format_parse_xhtml(yk_doc **out, const char *src, size_t len,
                          const yk_parse_options *opts)
{
    return yk_format_parse_markup(out, src, len, opts, &xhtml_dialect);
}
