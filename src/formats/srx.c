/*
 * SRX 2.0 segmentation rule files: <srx version="2.0"> with <header
 * cascade="yes|no"> and a <body> of <languagerules> (<languagerule
 * languagerulename> holding <rule break="yes|no"> with <beforebreak> and
 * <afterbreak>) and <maprules> (<languagemap languagepattern
 * languagerulename>).  Parsed by the hardened reader of xml.c into the plain
 * description of segment.h, whose srx.c compiles and applies the patterns.
 * Also the project setting segmentation.srx, which stores a checked file.
 */
#include "formats/srx.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "core/core.h"
#include "formats/xml.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/* Everything read from the file, freed together. */
typedef struct srx_read {
    const char *path;
    int cascade;
    yk_segment_srx_langrule_def *langrules;
    size_t nlangrules, cap_langrules;
    yk_segment_srx_rule_def **rules; /* rules[i]: those of langrules[i] */
    yk_segment_srx_map_def *maps;
    size_t nmaps, cap_maps;
    char **strings;
    size_t nstrings, cap_strings;
} srx_read;

static int line_of(const xmlNode *n)
{
    long line = xmlGetLineNo(n);
    return line > 0 && line < 0x7fffffff ? (int)line : 0;
}

/* Keep a libxml2 string until the end of the read ("" for NULL). */
static const char *keep(srx_read *r, char *s)
{
    if (!s)
        return "";
    r->strings = yk_xgrow(r->strings, &r->cap_strings, r->nstrings + 1, sizeof(*r->strings));
    r->strings[r->nstrings++] = s;
    return s;
}

static void srx_read_release(srx_read *r)
{
    size_t i;
    for (i = 0; i < r->nstrings; i++)
        xmlFree(r->strings[i]);
    for (i = 0; i < r->nlangrules; i++)
        free(r->rules[i]);
    free(r->strings);
    free(r->rules);
    free(r->langrules);
    free(r->maps);
}

/* A yes/no attribute: *out keeps 'dflt' when it is absent. */
static int yes_no(int *out, srx_read *r, const xmlNode *n, const char *name, int dflt)
{
    const char *v = keep(r, yk_xml_attr(n, name));
    *out = dflt;
    if (!*v && !xmlHasProp(n, (const xmlChar *)name))
        return YK_OK;
    if (strcmp(v, "yes") == 0)
        *out = 1;
    else if (strcmp(v, "no") == 0)
        *out = 0;
    else
        return yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                               "%s=\"%s\" on <%s>: expected \"yes\" or \"no\"", name, v,
                               (const char *)n->name);
    return YK_OK;
}

/* A required attribute that may not be empty. */
static int required(const char **out, srx_read *r, const xmlNode *n, const char *name)
{
    *out = keep(r, yk_xml_attr(n, name));
    if (!**out)
        return yk_error_set_at(YK_EINVAL, r->path, line_of(n), 0,
                               "<%s> without a %s attribute", (const char *)n->name, name);
    return YK_OK;
}

static int read_rule(srx_read *r, size_t lr, size_t *cap, const xmlNode *n)
{
    yk_segment_srx_langrule_def *l = &r->langrules[lr];
    yk_segment_srx_rule_def *d;
    const xmlNode *c;
    int rc, seen_before = 0, seen_after = 0;

    r->rules[lr] = yk_xgrow(r->rules[lr], cap, l->nrules + 1, sizeof(*r->rules[lr]));
    l->rules = r->rules[lr];
    d = &r->rules[lr][l->nrules];
    memset(d, 0, sizeof(*d));
    d->before = d->after = "";
    d->line = d->before_line = d->after_line = line_of(n);
    if ((rc = yes_no(&d->brk, r, n, "break", 1)) < 0)
        return rc;
    for (c = n->children; c; c = c->next) {
        int *seen;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (yk_xml_is(c, "beforebreak"))
            seen = &seen_before;
        else if (yk_xml_is(c, "afterbreak"))
            seen = &seen_after;
        else
            continue;
        if ((*seen)++)
            return yk_error_set_at(YK_EINVAL, r->path, line_of(c), 0,
                                   "a second <%s> in one <rule>", (const char *)c->name);
        /* The text as written: white space in a pattern matches white space. */
        if (seen == &seen_before) {
            d->before = keep(r, (char *)xmlNodeGetContent(c));
            d->before_line = line_of(c);
        } else {
            d->after = keep(r, (char *)xmlNodeGetContent(c));
            d->after_line = line_of(c);
        }
    }
    l->nrules++;
    return YK_OK;
}

static int read_languagerules(srx_read *r, const xmlNode *n)
{
    const xmlNode *c, *k;
    int rc;

    for (c = n->children; c; c = c->next) {
        yk_segment_srx_langrule_def *l;
        size_t cap = 0, at = r->nlangrules;
        if (!yk_xml_is(c, "languagerule"))
            continue;
        r->langrules = yk_xgrow(r->langrules, &r->cap_langrules, at + 1, sizeof(*r->langrules));
        r->rules = yk_xrealloc(r->rules, (at + 1) * sizeof(*r->rules));
        r->rules[at] = NULL;
        l = &r->langrules[at];
        memset(l, 0, sizeof(*l));
        r->nlangrules++;
        l->line = line_of(c);
        if ((rc = required(&l->name, r, c, "languagerulename")) < 0)
            return rc;
        for (k = c->children; k; k = k->next)
            if (yk_xml_is(k, "rule") && (rc = read_rule(r, at, &cap, k)) < 0)
                return rc;
    }
    return YK_OK;
}

static int read_maprules(srx_read *r, const xmlNode *n)
{
    const xmlNode *c;
    int rc;

    for (c = n->children; c; c = c->next) {
        yk_segment_srx_map_def *m;
        if (!yk_xml_is(c, "languagemap"))
            continue;
        r->maps = yk_xgrow(r->maps, &r->cap_maps, r->nmaps + 1, sizeof(*r->maps));
        m = &r->maps[r->nmaps++];
        m->line = line_of(c);
        if ((rc = required(&m->pattern, r, c, "languagepattern")) < 0 ||
            (rc = required(&m->name, r, c, "languagerulename")) < 0)
            return rc;
    }
    return YK_OK;
}

static int read_root(srx_read *r, const xmlNode *root)
{
    const xmlNode *c, *k;
    const char *version;
    int rc, body = 0;

    if (!yk_xml_is(root, "srx"))
        return yk_error_set_at(YK_EINVAL, r->path, line_of(root), 0,
                               "not an SRX file: the root element is <%s>, not <srx>",
                               root ? (const char *)root->name : "");
    version = keep(r, yk_xml_attr(root, "version"));
    if (strcmp(version, "2.0") != 0)
        return yk_error_set_at(YK_EINVAL, r->path, line_of(root), 0,
                               "SRX version \"%s\" is not supported; yaku reads SRX 2.0 "
                               "(version=\"2.0\")",
                               version);
    for (c = root->children; c; c = c->next) {
        if (yk_xml_is(c, "header")) {
            if ((rc = yes_no(&r->cascade, r, c, "cascade", 0)) < 0)
                return rc;
        } else if (yk_xml_is(c, "body")) {
            body = 1;
            for (k = c->children; k; k = k->next) {
                if (yk_xml_is(k, "languagerules") && (rc = read_languagerules(r, k)) < 0)
                    return rc;
                if (yk_xml_is(k, "maprules") && (rc = read_maprules(r, k)) < 0)
                    return rc;
            }
        }
    }
    if (!body)
        return yk_error_set_at(YK_EINVAL, r->path, line_of(root), 0, "<srx> without a <body>");
    return YK_OK;
}

int yk_srx_read(yk_segment_srx **out, const char *data, size_t len, const char *path)
{
    srx_read r;
    yk_segment_srx_def def;
    xmlDoc *doc = NULL;
    size_t bad;
    const char *nul;
    int rc, line, col;

    *out = NULL;
    memset(&r, 0, sizeof(r));
    r.path = path ? path : "";
    if (len > YK_SRX_MAX_BYTES)
        return yk_error_set_at(YK_ETOOBIG, r.path, 0, 0, "SRX file larger than %zu bytes",
                               YK_SRX_MAX_BYTES);
    /* Stored in the project as text: UTF-8 only, as yaku's other inputs. */
    if ((bad = yk_utf8_invalid_at(data, len)) < len) {
        yk_utf8_line_col(data, bad, &line, &col);
        return yk_error_set_at(YK_EINVAL, r.path, line, col, "invalid UTF-8");
    }
    if ((nul = memchr(data, '\0', len)) != NULL) {
        yk_utf8_line_col(data, (size_t)(nul - data), &line, &col);
        return yk_error_set_at(YK_EINVAL, r.path, line, col, "NUL byte");
    }
    if ((rc = yk_xml_parse(&doc, data, len, r.path)) < 0)
        return rc;
    if ((rc = read_root(&r, xmlDocGetRootElement(doc))) < 0)
        goto done;
    def.cascade = r.cascade;
    def.langrules = r.langrules;
    def.nlangrules = r.nlangrules;
    def.maps = r.maps;
    def.nmaps = r.nmaps;
    rc = yk_segment_srx_compile(out, &def, r.path);
done:
    srx_read_release(&r);
    xmlFreeDoc(doc);
    return rc;
}

int yk_segmentation_rules_set(yk_project *p, const char *path)
{
    yk_buf data = YK_BUF_INIT;
    yk_segment_srx *srx = NULL;
    int rc;

    if (!path || !*path)
        return yk_core_config_store(p, YK_SRX_SETTING, NULL);
    if ((rc = yk_fs_read(&data, path, YK_SRX_MAX_BYTES)) == YK_OK &&
        (rc = yk_srx_read(&srx, data.buf, data.len, path)) == YK_OK)
        rc = yk_core_config_store(p, YK_SRX_SETTING, data.buf);
    yk_segment_srx_free(srx);
    yk_buf_release(&data);
    return rc;
}

int yk_srx_load(yk_segment_srx **out, yk_project *p)
{
    char *content = NULL;
    int rc;

    *out = NULL;
    if ((rc = yk_config_get(&content, p, YK_SRX_SETTING)) == YK_OK && content)
        rc = yk_srx_read(out, content, strlen(content), YK_SRX_SETTING);
    free(content);
    return rc;
}
