/*
 * DocBook 4 and 5 as source documents: para-level elements are blocks,
 * inline elements stay in their text, verbatim environments are skeleton.
 * The reading itself is markup.c's.
 */
#include "formats/formats.h"

#include <string.h>

#include "util/banned.h"

static const char *const inline_elems[] = {
    "abbrev", "acronym", "anchor", "application", "biblioref", "citation", "citerefentry",
    "citetitle", "classname", "co", "code", "command", "computeroutput", "constant", "coref",
    "email", "emphasis", "envar", "errorcode", "errorname", "errortext", "errortype",
    "filename", "firstterm", "footnote", "footnoteref", "foreignphrase", "function",
    "glossterm", "guibutton", "guiicon", "guilabel", "guimenu", "guimenuitem", "guisubmenu",
    "hardware", "imagedata", "imageobject", "indexterm", "inlineequation", "inlinegraphic",
    "inlinemediaobject", "interface", "jobtitle", "keycap", "keycode", "keycombo", "keysym",
    "lineannotation", "link", "literal", "markup", "menuchoice", "methodname", "mousebutton",
    "olink", "option", "optional", "orgname", "package", "parameter", "personname", "phrase",
    "primary", "productname", "productnumber", "prompt", "property", "quote", "remark",
    "replaceable", "returnvalue", "secondary", "see", "seealso", "sgmltag", "shortcut",
    "subscript", "superscript", "symbol", "systemitem", "tag", "termdef", "tertiary", "token",
    "trademark", "type", "ulink", "uri", "userinput", "varname", "wordasword", "xref", NULL};

/* Verbatim text, synopses, and metadata that is not prose. */
static const char *const opaque[] = {
    "programlisting", "screen", "literallayout", "synopsis", "funcsynopsis", "cmdsynopsis",
    "classsynopsis", "fieldsynopsis", "methodsynopsis", "constructorsynopsis",
    "destructorsynopsis", "mathphrase", "author", "authorgroup", "editor", "othercredit",
    "copyright", "revhistory", "pubdate", "releaseinfo", "biblioid", "isbn", "issn",
    "keywordset", "subjectset", "include", NULL};

static const char *const code[] = {
    "code", "command", "computeroutput", "constant", "classname", "email", "envar",
    "errorcode", "filename", "function", "keycode", "keysym", "literal", "markup",
    "methodname", "option", "parameter", "prompt", "property", "replaceable", "returnvalue",
    "sgmltag", "symbol", "systemitem", "tag", "token", "type", "uri", "userinput", "varname",
    NULL};

static int is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static yk_block_kind docbook_kind(const char *name, const char *parent)
{
    if (is(name, "title") || is(name, "subtitle") || is(name, "titleabbrev") ||
        is(name, "refname") || is(name, "refpurpose"))
        return YK_BLOCK_HEADING;
    if (is(name, "entry"))
        return YK_BLOCK_TABLE_CELL;
    if (is(name, "term") || is(name, "listitem") || is(name, "member"))
        return YK_BLOCK_LIST_ITEM;
    if (is(name, "footnote"))
        return YK_BLOCK_FOOTNOTE;
    if (is(name, "blockquote") || is(name, "epigraph"))
        return YK_BLOCK_QUOTE;
    if (is(name, "alt") || is(name, "textobject"))
        return YK_BLOCK_ALT;
    if (is(name, "para") || is(name, "simpara") || is(name, "formalpara")) {
        if (is(parent, "listitem") || is(parent, "varlistentry"))
            return YK_BLOCK_LIST_ITEM;
        if (is(parent, "blockquote") || is(parent, "epigraph"))
            return YK_BLOCK_QUOTE;
        if (is(parent, "footnote"))
            return YK_BLOCK_FOOTNOTE;
        if (is(parent, "entry"))
            return YK_BLOCK_TABLE_CELL;
    }
    return YK_BLOCK_PARAGRAPH;
}

static const yk_markup_dialect docbook_dialect = {0, inline_elems, opaque, code, NULL, NULL,
                                                  docbook_kind};

int yk_format_parse_docbook(yk_doc **out, const char *src, size_t len,
                            const yk_parse_options *opts)
{
    return yk_format_parse_markup(out, src, len, opts, &docbook_dialect);
}
