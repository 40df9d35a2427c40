/*
 * TBX glossaries: TBX v2 TBX-Basic (<martif>, termEntry/langSet/tig|ntig)
 * and TBX v3 / ISO 30042:2019 (<tbx>, conceptEntry/langSec/termSec, DCA
 * attributes or DCT elements) in; TBX v3 TBX-Basic (DCA) out.  Parsing goes
 * through the hardened parser of xml.c.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "formats/termbase.h"
#include "formats/xml.h"
#include "util/error.h"
#include "util/banned.h"

static char *content(const xmlNode *n)
{
    return (char *)xmlNodeGetContent(n);
}

/* A data category given either DCA style (<termNote type="partOfSpeech">)
 * or DCT style (<basic:partOfSpeech>): its name, else NULL. */
static const char *category(const xmlNode *n, char **type_owned)
{
    *type_owned = NULL;
    if (n->type != XML_ELEMENT_NODE)
        return NULL;
    if (yk_xml_is(n, "termNote") || yk_xml_is(n, "descrip") || yk_xml_is(n, "admin")) {
        *type_owned = yk_xml_attr(n, "type");
        return *type_owned;
    }
    return (const char *)n->name;
}

static int forbidden_status(const char *v)
{
    return v && (strstr(v, "deprecated") || strstr(v, "superseded") || strstr(v, "forbidden"));
}

static int yes(const char *v)
{
    return v && (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 || strcmp(v, "1") == 0);
}

typedef struct term_acc {
    yk_glossary_term t;
    char *text, *pos, *note, *lang;
    int seen_term;
} term_acc;

/* Walk a term container (tig, ntig, termSec) and its groups. */
static void read_term_parts(term_acc *a, const xmlNode *n)
{
    const xmlNode *c;
    for (c = n->children; c; c = c->next) {
        char *type = NULL;
        const char *cat;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (yk_xml_is(c, "term")) {
            if (!a->seen_term) {
                a->text = content(c);
                a->seen_term = 1;
            }
            continue;
        }
        if (yk_xml_is(c, "termGrp") || yk_xml_is(c, "termNoteGrp") ||
            yk_xml_is(c, "descripGrp")) {
            read_term_parts(a, c);
            continue;
        }
        if (yk_xml_is(c, "note")) {
            if (!a->note)
                a->note = content(c);
            continue;
        }
        cat = category(c, &type);
        if (cat && strcmp(cat, "partOfSpeech") == 0) {
            if (!a->pos)
                a->pos = content(c);
        } else if (cat && (strcmp(cat, "administrativeStatus") == 0 ||
                           strcmp(cat, "normativeAuthorization") == 0)) {
            char *v = content(c);
            a->t.forbidden = forbidden_status(v);
            xmlFree(v);
        } else if (cat && strcmp(cat, "x-caseSensitive") == 0) {
            char *v = content(c);
            a->t.case_sensitive = yes(v);
            xmlFree(v);
        }
        xmlFree(type);
    }
}

static void read_lang(yk_glossary_set *set, size_t ci, const xmlNode *ls)
{
    const xmlNode *c;
    char *lang = yk_xml_attr(ls, "xml:lang");
    char *lang_note = NULL;
    for (c = ls->children; c; c = c->next)
        if (yk_xml_is(c, "note") && !lang_note)
            lang_note = content(c);
    for (c = ls->children; c; c = c->next) {
        term_acc a;
        if (!(yk_xml_is(c, "tig") || yk_xml_is(c, "ntig") || yk_xml_is(c, "termSec")))
            continue;
        memset(&a, 0, sizeof(a));
        a.t.case_sensitive = -1;
        read_term_parts(&a, c);
        a.t.lang = lang ? lang : "";
        a.t.text = a.text;
        a.t.pos = a.pos;
        /* a note on the language section applies to its terms */
        a.t.note = a.note ? a.note : lang_note;
        if (a.text)
            yk_glossary_set_term(set, ci, &a.t);
        xmlFree(a.text);
        xmlFree(a.pos);
        xmlFree(a.note);
    }
    xmlFree(lang_note);
    xmlFree(lang);
}

static int read_concept(yk_glossary_set *set, const xmlNode *n, const char *path)
{
    const xmlNode *c;
    char *id = yk_xml_attr(n, "id"), *note = NULL, *definition = NULL;
    size_t ci;
    int line = (int)xmlGetLineNo(n);

    for (c = n->children; c; c = c->next) {
        char *type = NULL;
        const char *cat;
        if (yk_xml_is(c, "note") && !note)
            note = content(c);
        if (yk_xml_is(c, "descripGrp")) {
            const xmlNode *d;
            for (d = c->children; d; d = d->next) {
                cat = category(d, &type);
                if (cat && strcmp(cat, "definition") == 0 && !definition)
                    definition = content(d);
                xmlFree(type);
                type = NULL;
            }
        }
        cat = category(c, &type);
        if (cat && strcmp(cat, "definition") == 0 && !definition)
            definition = content(c);
        xmlFree(type);
    }
    ci = yk_glossary_set_concept(set, id, note ? note : definition, line);
    for (c = n->children; c; c = c->next)
        if (yk_xml_is(c, "langSet") || yk_xml_is(c, "langSec"))
            read_lang(set, ci, c);
    xmlFree(id);
    xmlFree(note);
    xmlFree(definition);
    if (set->v[ci].nterms == 0)
        return yk_error_set_at(YK_EINVAL, path, line, 0, "concept entry has no terms");
    return YK_OK;
}

static int walk(yk_glossary_set *set, const xmlNode *n, const char *path, size_t *found)
{
    const xmlNode *c;
    int rc;
    for (c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (yk_xml_is(c, "termEntry") || yk_xml_is(c, "conceptEntry")) {
            if ((rc = read_concept(set, c, path)) < 0)
                return rc;
            (*found)++;
        } else if (yk_xml_is(c, "text") || yk_xml_is(c, "body")) {
            if ((rc = walk(set, c->children, path, found)) < 0)
                return rc;
        }
    }
    return YK_OK;
}

int yk_tbx_read(yk_glossary_set *out, const char *data, size_t len, const char *path)
{
    xmlDoc *doc = NULL;
    xmlNode *root;
    size_t found = 0;
    int rc;

    if ((rc = yk_xml_parse(&doc, data, len, path)) < 0)
        return rc;
    root = xmlDocGetRootElement(doc);
    if (!root || !(yk_xml_is(root, "martif") || yk_xml_is(root, "tbx"))) {
        rc = yk_error_set_at(YK_EINVAL, path, root ? (int)xmlGetLineNo(root) : 0, 0,
                             "not a TBX file (root element '%s', expected 'tbx' or 'martif')",
                             root ? (const char *)root->name : "");
        goto done;
    }
    rc = walk(out, root->children, path, &found);
done:
    xmlFreeDoc(doc);
    return rc;
}

static void put_elem(yk_buf *b, const char *indent, const char *open, const char *text,
                     const char *close)
{
    yk_buf_puts(b, indent);
    yk_buf_puts(b, open);
    yk_xml_escape(b, text);
    yk_buf_puts(b, close);
}

void yk_tbx_write(yk_buf *b, const yk_glossary_set *set, const char *lang)
{
    size_t i, j, k;
    yk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"");
    yk_xml_escape(b, lang ? lang : "en");
    yk_buf_puts(b, "\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n"
                   "  <tbxHeader>\n    <fileDesc>\n"
                   "      <sourceDesc>\n        <p>exported by yaku</p>\n      </sourceDesc>\n"
                   "    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n");
    for (i = 0; i < set->n; i++) {
        const yk_glossary_concept *c = &set->v[i];
        yk_buf_puts(b, "      <conceptEntry");
        if (c->id) {
            yk_buf_puts(b, " id=\"");
            yk_xml_escape(b, c->id);
            yk_buf_putc(b, '"');
        }
        yk_buf_puts(b, ">\n");
        if (c->note)
            put_elem(b, "        ", "<note>", c->note, "</note>\n");
        for (j = 0; j < c->nterms; j++) {
            const char *l = c->terms[j].lang;
            int approved = 0;
            for (k = 0; k < j; k++)
                if (strcmp(c->terms[k].lang, l) == 0)
                    break;
            if (k < j)
                continue; /* the language's section is written */
            yk_buf_puts(b, "        <langSec xml:lang=\"");
            yk_xml_escape(b, l);
            yk_buf_puts(b, "\">\n");
            for (k = j; k < c->nterms; k++) {
                const yk_glossary_term *t = &c->terms[k];
                if (strcmp(t->lang, l) != 0)
                    continue;
                yk_buf_puts(b, "          <termSec>\n");
                put_elem(b, "            ", "<term>", t->text, "</term>\n");
                if (t->pos)
                    put_elem(b, "            ", "<termNote type=\"partOfSpeech\">", t->pos,
                             "</termNote>\n");
                put_elem(b, "            ", "<termNote type=\"administrativeStatus\">",
                         t->forbidden  ? "deprecatedTerm-admn-sts"
                         : approved++ ? "admittedTerm-admn-sts"
                                      : "preferredTerm-admn-sts",
                         "</termNote>\n");
                if (t->case_sensitive != yk_glossary_auto_case(t->text))
                    put_elem(b, "            ", "<termNote type=\"x-caseSensitive\">",
                             t->case_sensitive ? "yes" : "no", "</termNote>\n");
                if (t->note)
                    put_elem(b, "            ", "<note>", t->note, "</note>\n");
                yk_buf_puts(b, "          </termSec>\n");
            }
            yk_buf_puts(b, "        </langSec>\n");
        }
        yk_buf_puts(b, "      </conceptEntry>\n");
    }
    yk_buf_puts(b, "    </body>\n  </text>\n</tbx>\n");
}
