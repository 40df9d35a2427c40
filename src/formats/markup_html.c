/*
 * HTML, XHTML and DocBook documents in the HTML and EPUB editions: the
 * translated document is parsed by libxml2 (formats/xml.c) and its content
 * written again as the edition's HTML, element by element, from a closed
 * list: what is not on it gives its text only or nothing at all, so
 * nothing active (scripts, handlers, javascript: URLs) reaches a reader.
 * Links and images go through the edition's url callback like Markdown's.
 */
#include "formats/mdhtml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "formats/formats.h"
#include "formats/xml.h"
#include "segment/segment.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* How deep the writer follows the tree; deeper content is left out. */
#define MAX_DEPTH 200

typedef struct writer {
    yk_buf *out;
    const yk_mdhtml_options *o;
    int xhtml, docbook;
    int pre; /* inside preformatted text: line breaks are content */
    yk_buf used;
    int rc;
} writer;

static int is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static int in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(*list, name) == 0)
            return 1;
    return 0;
}

static void put_escaped(writer *w, const char *s, size_t n, int attr)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '&')
            yk_buf_puts(w->out, "&amp;");
        else if (ch == '<')
            yk_buf_puts(w->out, "&lt;");
        else if (ch == '>')
            yk_buf_puts(w->out, "&gt;");
        else if (ch == '"' && attr)
            yk_buf_puts(w->out, "&quot;");
        else if ((unsigned char)ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r')
            yk_buf_putc(w->out, ch);
    }
}

static void put_attr(writer *w, const char *name, const char *value)
{
    yk_buf_printf(w->out, " %s=\"", name);
    put_escaped(w, value, strlen(value), 1);
    yk_buf_putc(w->out, '"');
}

/* Text as readers see it: outside preformatted text a line break between
 * two CJK characters is no space (as in the Markdown edition). */
static void put_text(writer *w, const char *s)
{
    size_t n = strlen(s);
    if (!w->pre && memchr(s, '\n', n)) {
        yk_buf un = YK_BUF_INIT;
        yk_segment_unwrap_cjk(&un, s, n);
        put_escaped(w, un.buf, un.len, 0);
        yk_buf_release(&un);
        return;
    }
    put_escaped(w, s, n, 0);
}

static char *attr_of(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* Schemes a link or image may use; anything else is dropped. */
static int safe_url(const char *u)
{
    const char *s = u;
    size_t n;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    n = strcspn(s, ":/?#");
    if (s[n] != ':')
        return 1; /* relative */
    return (n == 4 && strncasecmp(s, "http", 4) == 0) ||
           (n == 5 && strncasecmp(s, "https", 5) == 0) ||
           (n == 6 && strncasecmp(s, "mailto", 6) == 0) ||
           (n == 3 && strncasecmp(s, "ftp", 3) == 0);
}

static void walk_children(writer *w, const xmlNode *n, int depth);
static void walk(writer *w, const xmlNode *n, int depth);

static void open_tag(writer *w, const char *name)
{
    yk_buf_printf(w->out, "<%s", name);
}

static void element(writer *w, const char *name, const xmlNode *n, int depth)
{
    yk_buf_printf(w->out, "<%s>", name);
    walk_children(w, n, depth);
    yk_buf_printf(w->out, "</%s>", name);
}

static char *plain_text(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = yk_xstrdup(c ? (const char *)c : "");
    xmlFree(c);
    return s;
}

/* An id from the document itself, if it can serve as one here. */
static int usable_id(const char *id)
{
    const char *s = id;
    if (!id || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

static int id_used(const yk_buf *used, const char *id)
{
    const char *p = used->buf;
    size_t n = strlen(id);
    while ((p = strstr(p, id)) != NULL) {
        if ((p == used->buf || p[-1] == '\n') && p[n] == '\n')
            return 1;
        p++;
    }
    return 0;
}

static void heading(writer *w, int level, const xmlNode *n, const char *own_id, int depth)
{
    yk_buf id = YK_BUF_INIT;
    char *text = plain_text(n);
    if (usable_id(own_id)) {
        yk_buf_printf(&id, "%s%s", w->o->id_prefix ? w->o->id_prefix : "", own_id);
        if (id_used(&w->used, id.buf)) {
            yk_buf_clear(&id);
        } else {
            if (!w->used.len)
                yk_buf_putc(&w->used, '\n');
            yk_buf_puts(&w->used, id.buf);
            yk_buf_putc(&w->used, '\n');
        }
    }
    if (!id.len)
        yk_format_heading_id(&id, text, w->o->id_prefix, &w->used);
    if (w->o->heading)
        w->o->heading(level, id.buf, text, w->o->payload);
    yk_buf_printf(w->out, "<h%d id=\"", level);
    put_escaped(w, id.buf, id.len, 1);
    yk_buf_puts(w->out, "\">");
    walk_children(w, n, depth);
    yk_buf_printf(w->out, "</h%d>", level);
    yk_buf_release(&id);
    free(text);
}

/* A link: the url callback decides; no callback keeps it. */
static void link(writer *w, const xmlNode *n, const char *href, const char *title, int depth)
{
    yk_buf rep = YK_BUF_INIT;
    int rc = YK_MDHTML_URL_KEEP;
    if (!href || !*href || !safe_url(href)) {
        walk_children(w, n, depth);
        return;
    }
    if (w->o->url && (rc = w->o->url(&rep, href, 0, w->o->payload)) < 0) {
        w->rc = rc;
        yk_buf_release(&rep);
        return;
    }
    if (rc == YK_MDHTML_URL_DROP) {
        walk_children(w, n, depth);
    } else {
        open_tag(w, "a");
        put_attr(w, "href", rc == YK_MDHTML_URL_REPLACE ? rep.buf : href);
        if (title && *title)
            put_attr(w, "title", title);
        yk_buf_putc(w->out, '>');
        walk_children(w, n, depth);
        yk_buf_puts(w->out, "</a>");
    }
    yk_buf_release(&rep);
}

static void image(writer *w, const char *src, const char *alt, const char *title)
{
    yk_buf rep = YK_BUF_INIT;
    int rc = YK_MDHTML_URL_KEEP;
    if (!alt)
        alt = "";
    if (!src || !*src || !safe_url(src)) {
        put_text(w, alt);
        return;
    }
    if (w->o->url && (rc = w->o->url(&rep, src, 1, w->o->payload)) < 0) {
        w->rc = rc;
        yk_buf_release(&rep);
        return;
    }
    if (rc == YK_MDHTML_URL_DROP) {
        put_text(w, alt);
    } else if (rc == YK_MDHTML_URL_TO_LINK) {
        open_tag(w, "a");
        put_attr(w, "href", src);
        yk_buf_putc(w->out, '>');
        put_text(w, *alt ? alt : src);
        yk_buf_puts(w->out, "</a>");
    } else {
        open_tag(w, "img");
        put_attr(w, "src", rc == YK_MDHTML_URL_REPLACE ? rep.buf : src);
        put_attr(w, "alt", alt);
        if (title && *title)
            put_attr(w, "title", title);
        yk_buf_puts(w->out, w->xhtml ? " />" : ">");
    }
    yk_buf_release(&rep);
}

/** ## HTML and XHTML */

/* Elements written as they are (with a few attributes). */
static const char *const html_keep[] = {
    "p",    "div",  "section", "article", "aside", "header", "footer", "main", "nav",
    "ul",   "ol",   "li",      "dl",      "dt",    "dd",     "blockquote", "pre", "figure",
    "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "address", "abbr", "b",   "bdi",     "bdo",   "cite",   "code",  "del",  "dfn",
    "em",   "i",    "ins",     "kbd",     "mark",  "q",      "rp",    "rt",   "ruby",
    "s",    "samp", "small",   "span",    "strong", "sub",   "sup",   "time", "u",
    "var",  NULL};

/* Elements left out with all they contain. */
static const char *const html_drop[] = {
    "script", "style", "template", "iframe", "object", "embed", "noscript", "head", "title",
    "meta", "link", "base", "form", "input", "select", "textarea", "button", "option",
    "svg", "math", "canvas", "audio", "video", "source", "track", "frame", "frameset",
    "applet", "param", "map", "area", "dialog", NULL};

static const char *const html_void[] = {"br", "hr", "wbr", NULL};

static void html_attrs(writer *w, const xmlNode *n)
{
    static const char *const common[] = {"class", "title", "lang", "dir", NULL};
    static const char *const cells[] = {"colspan", "rowspan", NULL};
    const xmlAttr *a;
    for (a = n->properties; a; a = a->next) {
        const char *name = (const char *)a->name;
        char *v;
        int ok = in_list(name, common) ||
                 ((is(n, "td") || is(n, "th")) && in_list(name, cells)) ||
                 (is(n, "ol") && strcmp(name, "start") == 0) ||
                 (is(n, "time") && strcmp(name, "datetime") == 0);
        if (!ok || (a->ns && strcmp(name, "lang") != 0))
            continue;
        v = attr_of(n, name);
        if (v)
            put_attr(w, name, v);
        xmlFree(v);
    }
}

static void html_element(writer *w, const xmlNode *n, int depth)
{
    const char *name = (const char *)n->name;
    if (in_list(name, html_drop))
        return;
    if (strlen(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
        char *id = attr_of(n, "id");
        heading(w, name[1] - '0', n, id, depth);
        xmlFree(id);
    } else if (is(n, "a")) {
        char *href = attr_of(n, "href"), *title = attr_of(n, "title");
        link(w, n, href, title, depth);
        xmlFree(href);
        xmlFree(title);
    } else if (is(n, "img")) {
        char *src = attr_of(n, "src"), *alt = attr_of(n, "alt"), *title = attr_of(n, "title");
        image(w, src, alt, title);
        xmlFree(src);
        xmlFree(alt);
        xmlFree(title);
    } else if (in_list(name, html_void)) {
        yk_buf_printf(w->out, w->xhtml ? "<%s />" : "<%s>", name);
    } else if (in_list(name, html_keep)) {
        int was_pre = w->pre;
        if (is(n, "pre"))
            w->pre = 1;
        open_tag(w, name);
        html_attrs(w, n);
        yk_buf_putc(w->out, '>');
        walk_children(w, n, depth);
        yk_buf_printf(w->out, "</%s>", name);
        w->pre = was_pre;
    } else {
        walk_children(w, n, depth); /* html, body, span-like unknowns: their content */
    }
}

/** ## DocBook */

static const char *const db_code[] = {
    "literal", "code", "command", "filename", "option", "userinput", "computeroutput",
    "envar", "function", "parameter", "varname", "classname", "methodname", "constant",
    "type", "systemitem", "tag", "markup", "sgmltag", "prompt", "uri", "token", "property",
    "returnvalue", "errorcode", "keycap", NULL};

static const char *const db_drop[] = {
    "indexterm", "remark", "anchor", "co", "coref", "titleabbrev", "colspec", "spanspec",
    "textobject", "alt", "author", "authorgroup", "editor", "othercredit", "copyright",
    "revhistory", "pubdate", "releaseinfo", "biblioid", "isbn", "issn", "keywordset",
    "subjectset", "abstract", "legalnotice", "xref", "include", NULL};

static const char *const db_sections[] = {
    "section", "sect1", "sect2", "sect3", "sect4", "sect5", "simplesect", "refsection",
    "refsect1", "refsect2", "refsect3", NULL};

static const char *const db_top[] = {"chapter", "article", "book", "preface", "appendix",
                                     "part", "reference", "refentry", "partintro", NULL};

static const char *const db_boxes[] = {"note", "tip", "warning", "caution", "important",
                                       "sidebar", NULL};

static const char *name_of(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
}

/* The heading level of a title: 1 for a chapter, one more per section. */
static int title_level(const xmlNode *title)
{
    const xmlNode *owner = title->parent, *p;
    int level = 1;
    if (is(owner, "info") || in_list(name_of(owner), (const char *const[]){
                                                         "chapterinfo", "articleinfo",
                                                         "bookinfo", "sectioninfo", NULL}))
        owner = owner->parent;
    if (!owner || (!in_list(name_of(owner), db_sections) && !in_list(name_of(owner), db_top)))
        return 0;
    for (p = owner; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (in_list(name_of(p), db_sections))
            level++;
    return level > 6 ? 6 : level;
}

/* Alt text of an image: the textobject's phrase or the alt element nearby. */
static char *db_alt(const xmlNode *imagedata)
{
    const xmlNode *media = imagedata->parent ? imagedata->parent->parent : NULL, *c;
    for (c = media ? media->children : NULL; c; c = c->next) {
        if (is(c, "alt") || is(c, "textobject"))
            return plain_text(c);
    }
    return NULL;
}

static void db_element(writer *w, const xmlNode *n, int depth)
{
    const char *name = (const char *)n->name;
    const xmlNode *parent = n->parent;
    if (in_list(name, db_drop))
        return;
    if (is(n, "info") || is(n, "chapterinfo") || is(n, "articleinfo") || is(n, "bookinfo") ||
        is(n, "sectioninfo")) {
        const xmlNode *c;
        for (c = n->children; c; c = c->next)
            if (is(c, "title") || is(c, "subtitle"))
                walk(w, c, depth + 1);
        return;
    }
    if (is(n, "title") || is(n, "subtitle")) {
        int level = is(n, "title") ? title_level(n) : 0;
        const xmlNode *owner = parent && strstr(name_of(parent), "info") ? parent->parent : parent;
        /* xml:id (DocBook 5) or id (DocBook 4) of the titled element */
        char *id = owner && owner->type == XML_ELEMENT_NODE ? attr_of(owner, "id") : NULL;
        if (level) {
            heading(w, level, n, id, depth);
        } else {
            yk_buf_puts(w->out, "<p class=\"title\"><strong>");
            walk_children(w, n, depth);
            yk_buf_puts(w->out, "</strong></p>");
        }
        xmlFree(id);
        return;
    }
    if (is(n, "para") || is(n, "simpara") || is(n, "attribution")) {
        element(w, "p", n, depth);
    } else if (is(n, "emphasis")) {
        char *role = attr_of(n, "role");
        element(w, role && (!strcmp(role, "bold") || !strcmp(role, "strong")) ? "strong" : "em",
                n, depth);
        xmlFree(role);
    } else if (in_list(name, db_code)) {
        element(w, "code", n, depth);
    } else if (is(n, "replaceable")) {
        element(w, "var", n, depth);
    } else if (is(n, "programlisting") || is(n, "screen") || is(n, "literallayout") ||
               is(n, "synopsis")) {
        int was_pre = w->pre;
        w->pre = 1;
        element(w, "pre", n, depth);
        w->pre = was_pre;
    } else if (is(n, "itemizedlist") || is(n, "simplelist")) {
        element(w, "ul", n, depth);
    } else if (is(n, "orderedlist") || is(n, "procedure")) {
        element(w, "ol", n, depth);
    } else if (is(n, "listitem")) {
        element(w, is(parent, "varlistentry") ? "dd" : "li", n, depth);
    } else if (is(n, "member") || is(n, "step")) {
        element(w, "li", n, depth);
    } else if (is(n, "variablelist")) {
        element(w, "dl", n, depth);
    } else if (is(n, "term")) {
        element(w, "dt", n, depth);
    } else if (is(n, "link") || is(n, "ulink") || is(n, "email")) {
        yk_buf href = YK_BUF_INIT;
        char *v = NULL;
        if ((v = (char *)xmlGetNsProp(n, (const xmlChar *)"href",
                                      (const xmlChar *)"http://www.w3.org/1999/xlink")) ||
            (v = attr_of(n, "url"))) {
            yk_buf_puts(&href, v);
        } else if ((v = attr_of(n, "linkend"))) {
            yk_buf_printf(&href, "#%s", v);
        } else if (is(n, "email")) {
            char *t = plain_text(n);
            yk_buf_printf(&href, "mailto:%s", t);
            free(t);
        }
        xmlFree(v);
        link(w, n, href.len ? href.buf : NULL, NULL, depth);
        yk_buf_release(&href);
    } else if (is(n, "quote")) {
        element(w, "q", n, depth);
    } else if (is(n, "blockquote") || is(n, "epigraph")) {
        element(w, "blockquote", n, depth);
    } else if (in_list(name, db_boxes)) {
        yk_buf_printf(w->out, "<div class=\"%s\">", name);
        walk_children(w, n, depth);
        yk_buf_puts(w->out, "</div>");
    } else if (is(n, "table") || is(n, "informaltable")) {
        element(w, "table", n, depth);
    } else if (is(n, "thead") || is(n, "tbody") || is(n, "tfoot")) {
        element(w, name, n, depth);
    } else if (is(n, "row")) {
        element(w, "tr", n, depth);
    } else if (is(n, "entry")) {
        element(w, parent && is(parent->parent, "thead") ? "th" : "td", n, depth);
    } else if (is(n, "figure") || is(n, "informalfigure")) {
        element(w, "figure", n, depth);
    } else if (is(n, "caption")) {
        element(w, "figcaption", n, depth);
    } else if (is(n, "imagedata") || is(n, "graphic") || is(n, "inlinegraphic")) {
        char *src = attr_of(n, "fileref"), *alt = db_alt(n);
        image(w, src, alt, NULL);
        xmlFree(src);
        free(alt);
    } else if (is(n, "footnote")) {
        char *t = plain_text(n);
        yk_buf_puts(w->out, "<span class=\"footnote\">(");
        put_text(w, t);
        yk_buf_puts(w->out, ")</span>");
        free(t);
    } else if (is(n, "subscript")) {
        element(w, "sub", n, depth);
    } else if (is(n, "superscript")) {
        element(w, "sup", n, depth);
    } else if (is(n, "acronym") || is(n, "abbrev")) {
        element(w, "abbr", n, depth);
    } else if (is(n, "citetitle")) {
        element(w, "cite", n, depth);
    } else if (is(n, "firstterm") || is(n, "glossterm") || is(n, "foreignphrase") ||
               is(n, "wordasword")) {
        element(w, "em", n, depth);
    } else if (in_list(name, db_sections) || in_list(name, db_top)) {
        element(w, "section", n, depth);
    } else {
        walk_children(w, n, depth);
    }
}

/** ## The walk */

static void walk(writer *w, const xmlNode *n, int depth)
{
    if (w->rc < 0 || depth > MAX_DEPTH)
        return;
    switch (n->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (n->content)
            put_text(w, (const char *)n->content);
        break;
    case XML_ENTITY_REF_NODE: {
        /* an XHTML entity the document's DTD would define (&nbsp;) */
        const htmlEntityDesc *e = htmlEntityLookup(n->name);
        if (e) {
            char u[8];
            size_t k = yk_utf8_encode(u, e->value);
            put_escaped(w, u, k, 0);
        }
        break;
    }
    case XML_ELEMENT_NODE:
        if (w->docbook)
            db_element(w, n, depth + 1);
        else
            html_element(w, n, depth + 1);
        break;
    default:
        break; /* comments, processing instructions */
    }
}

static void walk_children(writer *w, const xmlNode *n, int depth)
{
    const xmlNode *c;
    for (c = n->children; c && w->rc == YK_OK; c = c->next)
        walk(w, c, depth);
}

static const xmlNode *find_body(const xmlNode *n, int depth)
{
    const xmlNode *c, *r;
    if (is(n, "body"))
        return n;
    if (depth > 3)
        return NULL;
    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (r = find_body(c, depth + 1)))
            return r;
    return NULL;
}

int yk_format_markup_to_html(yk_buf *out, const char *src, size_t len, const char *format,
                             const char *path, const yk_mdhtml_options *opts)
{
    yk_mdhtml_options def = YK_MDHTML_OPTIONS_INIT;
    xmlDoc *doc = NULL;
    const xmlNode *root, *start;
    writer w;
    int rc;

    if (!opts)
        opts = &def;
    if ((rc = yk_xml_parse_utf8(&doc, src, len, path, strcmp(format, "html") == 0)) < 0)
        return rc;
    memset(&w, 0, sizeof(w));
    w.out = out;
    w.o = opts;
    w.xhtml = (opts->flags & YK_MDHTML_XHTML) != 0;
    w.docbook = strcmp(format, "docbook") == 0;
    w.used = (yk_buf)YK_BUF_INIT;
    root = xmlDocGetRootElement(doc);
    if (root) {
        start = w.docbook ? root : find_body(root, 0);
        if (w.docbook)
            walk(&w, start, 0);
        else
            walk_children(&w, start ? start : root, 0);
        yk_buf_putc(out, '\n');
    }
    rc = w.rc;
    yk_buf_release(&w.used);
    xmlFreeDoc(doc);
    return rc;
}
