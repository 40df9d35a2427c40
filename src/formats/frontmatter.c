/*
 * Front matter of Markdown files: YAML between "---" fences (libyaml events
 * give the positions of top-level values) and TOML between "+++" fences (a
 * small line reader for top-level single-line strings).  Only the values of
 * translatable keys become blocks; keys and everything else are skeleton.
 */
#include "formats/formats.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/error.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

static const char *const default_keys[] = {"title",    "description", "summary",
                                           "subtitle", "heroHeading", "heroSubHeading"};

static int key_wanted(const yk_parse_options *opts, const char *key, size_t len)
{
    const char *const *keys = opts->fm_keys ? opts->fm_keys : default_keys;
    size_t n = opts->fm_keys ? opts->nfm_keys : sizeof(default_keys) / sizeof(*default_keys);
    size_t i;
    for (i = 0; i < n; i++)
        if (keys[i] && strlen(keys[i]) == len && memcmp(keys[i], key, len) == 0)
            return 1;
    return 0;
}

/* Does the line at s[i] consist of 'fence' and optional trailing blanks? */
static int fence_at(const char *s, size_t len, size_t i, const char *fence)
{
    size_t n = strlen(fence);
    if (len - i < n || memcmp(s + i, fence, n) != 0)
        return 0;
    for (i += n; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
        ;
    return i == len || s[i] == '\n' || s[i] == '\r';
}

static size_t line_end(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

static size_t next_line_start(const char *s, size_t len, size_t i)
{
    i = line_end(s, len, i);
    return i + yk_format_eol_len(s, len, i);
}

/* Add a block for the value text [start,end) whose continuation lines lose
 * their leading spaces (up to 'indent' when indent > 0, else all blanks),
 * with key 'key', then segment text[seg_off, text_len - seg_trim). */
static int add_value(yk_doc *doc, size_t start, size_t end, size_t indent, yk_encoding enc,
                     const char *key, size_t keylen, size_t seg_off, size_t seg_trim,
                     const yk_parse_options *opts)
{
    const char *s = doc->src;
    size_t *plens = NULL, np = 0, cap = 0, i, b;
    int line, col, rc;

    for (i = start; i < end; i++) {
        size_t j = i + 1, n = 0;
        if (s[i] != '\n')
            continue;
        while (j < end && (s[j] == ' ' || (indent == 0 && s[j] == '\t')) &&
               (indent == 0 || n < indent)) {
            j++;
            n++;
        }
        plens = yk_xgrow(plens, &cap, np + 1, sizeof(*plens));
        plens[np++] = n;
    }
    yk_utf8_line_col(s, start, &line, &col);
    b = yk_doc_add_block_lines(doc, start, end, plens, np, YK_BLOCK_FRONT_MATTER, enc, line);
    free(plens);
    doc->blocks[b].key = yk_doc_strndup(doc, key, keylen);
    if (doc->blocks[b].text_len < seg_off + seg_trim)
        return YK_OK;
    rc = yk_format_segment_block(doc, b, seg_off, doc->blocks[b].text_len - seg_off - seg_trim,
                                 opts);
    return rc;
}

/* libyaml marks count characters; map them to byte offsets of the front
 * matter text, moving a cursor forward (events come in source order). */
typedef struct char_map {
    const char *s;
    size_t len, chars, bytes;
} char_map;

static size_t map_index(char_map *m, size_t index)
{
    if (index < m->chars) {
        m->chars = 0;
        m->bytes = 0;
    }
    while (m->chars < index && m->bytes < m->len) {
        unsigned char c = (unsigned char)m->s[m->bytes];
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        m->bytes += n;
        m->chars++;
    }
    return m->bytes < m->len ? m->bytes : m->len;
}

/* Skip the rest of a node whose start event was just read. */
static int skip_node(yaml_parser_t *p, yaml_event_t *ev)
{
    int depth = 1;
    while (depth > 0) {
        if (!yaml_parser_parse(p, ev))
            return -1;
        if (ev->type == YAML_SEQUENCE_START_EVENT || ev->type == YAML_MAPPING_START_EVENT)
            depth++;
        else if (ev->type == YAML_SEQUENCE_END_EVENT || ev->type == YAML_MAPPING_END_EVENT)
            depth--;
        else if (ev->type == YAML_STREAM_END_EVENT)
            depth = 0;
        yaml_event_delete(ev);
    }
    return 0;
}

/* A block scalar: the content lines after the header line, up to 'end'. */
static int add_block_scalar(yk_doc *doc, size_t hdr, size_t end, const char *key, size_t keylen,
                            const yk_parse_options *opts)
{
    const char *s = doc->src;
    size_t i = hdr, indent = 0, first = 0, last = 0, pos;
    int found = 0;

    /* An explicit indentation indicator fixes the indentation; top-level
     * values sit at indentation 0, so the digit is the indentation. */
    for (i = hdr + 1; i < end && s[i] != '\n' && s[i] != '\r' && s[i] != ' ' && s[i] != '#'; i++)
        if (s[i] >= '1' && s[i] <= '9')
            indent = (size_t)(s[i] - '0');
    for (pos = next_line_start(s, end, hdr); pos < end; pos = next_line_start(s, end, pos)) {
        size_t le = line_end(s, end, pos), j = pos;
        while (j < le && s[j] == ' ')
            j++;
        if (j == le)
            continue;
        if (!found) {
            found = 1;
            if (indent == 0)
                indent = j - pos;
            first = pos + (indent < j - pos ? indent : j - pos);
        }
        last = le;
        while (last > first && (s[last - 1] == ' ' || s[last - 1] == '\t'))
            last--;
    }
    if (!found || indent == 0 || !yk_format_has_words(s + first, last - first))
        return YK_OK;
    return add_value(doc, first, last, indent, YK_ENC_RAW, key, keylen, 0, 0, opts);
}

static int yaml_value(yk_doc *doc, const yaml_event_t *ev, char_map *m, size_t base,
                      const char *key, size_t keylen, const yk_parse_options *opts)
{
    const char *s = doc->src;
    size_t st = base + map_index(m, ev->start_mark.index);
    size_t en = base + map_index(m, ev->end_mark.index);
    const char *val = (const char *)ev->data.scalar.value;
    size_t vlen = ev->data.scalar.length;

    if (ev->data.scalar.anchor || ev->data.scalar.tag || !yk_format_has_words(val, vlen))
        return YK_OK;
    switch (ev->data.scalar.style) {
    case YAML_PLAIN_SCALAR_STYLE:
        while (en > st && (s[en - 1] == ' ' || s[en - 1] == '\t'))
            en--;
        return add_value(doc, st, en, 0, YK_ENC_YAML_PLAIN, key, keylen, 0, 0, opts);
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
        if (en < st + 2 || s[st] != s[en - 1])
            return YK_OK;
        return add_value(doc, st + 1, en - 1, 0,
                         ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE
                             ? YK_ENC_YAML_DQ
                             : YK_ENC_YAML_SQ,
                         key, keylen, 0, 0, opts);
    case YAML_LITERAL_SCALAR_STYLE:
    case YAML_FOLDED_SCALAR_STYLE:
        return add_block_scalar(doc, st, en, key, keylen, opts);
    default:
        return YK_OK;
    }
}

static int parse_yaml(yk_doc *doc, size_t start, size_t end, const yk_parse_options *opts)
{
    yaml_parser_t p;
    yaml_event_t ev;
    char_map m = {doc->src + start, end - start, 0, 0};
    char *key = NULL;
    size_t keylen = 0;
    int rc = YK_OK, depth = 0, expect_key = 1, done = 0;

    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)doc->src + start, end - start);
    while (!done && rc == YK_OK) {
        if (!yaml_parser_parse(&p, &ev))
            goto yaml_error;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            done = 1;
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            if (depth == 0 && ev.type == YAML_MAPPING_START_EVENT) {
                depth = 1;
                break;
            }
            /* A nested collection (as a key or a value) is skipped whole. */
            yaml_event_delete(&ev);
            if (skip_node(&p, &ev) < 0)
                goto yaml_error;
            if (depth == 0)
                done = 1;
            else if (!(expect_key = !expect_key))
                keylen = (size_t)-1;
            continue;
        case YAML_MAPPING_END_EVENT:
            done = 1;
            break;
        case YAML_SCALAR_EVENT:
            if (depth == 0) {
                done = 1;
            } else if (expect_key) {
                free(key);
                key = yk_xstrndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
                keylen = ev.data.scalar.length;
                expect_key = 0;
            } else {
                if (keylen != (size_t)-1 && key_wanted(opts, key, keylen))
                    rc = yaml_value(doc, &ev, &m, start, key, keylen, opts);
                expect_key = 1;
            }
            break;
        case YAML_ALIAS_EVENT:
            if (depth == 0)
                done = 1;
            else if (!(expect_key = !expect_key))
                keylen = (size_t)-1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    goto out;
yaml_error : {
    int line, col;
    size_t off = start + map_index(&m, p.problem_mark.index);
    yk_utf8_line_col(doc->src, off, &line, &col);
    rc = yk_error_set_at(YK_EINVAL, opts->path, line, col, "front matter: %s%s%s",
                         p.problem ? p.problem : "malformed YAML", p.context ? " " : "",
                         p.context ? p.context : "");
}
out:
    free(key);
    yaml_parser_delete(&p);
    return rc;
}

/* A TOML bare or quoted key at s[*i]; sets [*ks,*ke) to the key's name. */
static int toml_key(const char *s, size_t le, size_t *i, size_t *ks, size_t *ke)
{
    size_t j = *i;
    if (j < le && (s[j] == '"' || s[j] == '\'')) {
        char q = s[j++];
        *ks = j;
        while (j < le && s[j] != q && s[j] != '\\')
            j++;
        if (j >= le || s[j] != q)
            return 0;
        *ke = j++;
    } else {
        *ks = j;
        while (j < le && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                          (s[j] >= '0' && s[j] <= '9') || s[j] == '_' || s[j] == '-'))
            j++;
        *ke = j;
        if (j == *ks)
            return 0;
    }
    *i = j;
    return 1;
}

static int parse_toml(yk_doc *doc, size_t start, size_t end, const yk_parse_options *opts)
{
    const char *s = doc->src;
    size_t pos;
    const char *ml = NULL; /* closing delimiter of a multi-line string being skipped */
    int rc;

    for (pos = start; pos < end; pos = next_line_start(s, end, pos)) {
        size_t le = line_end(s, end, pos), i = pos, ks, ke;
        if (ml) {
            const char *hit = NULL;
            size_t j;
            for (j = pos; j + 3 <= le && !hit; j++)
                if (memcmp(s + j, ml, 3) == 0)
                    hit = s + j;
            if (hit)
                ml = NULL;
            continue;
        }
        while (i < le && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == le || s[i] == '#')
            continue;
        if (s[i] == '[')
            break; /* a table header: what follows is not top level */
        if (!toml_key(s, le, &i, &ks, &ke))
            continue;
        while (i < le && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == le || s[i] != '=')
            continue;
        for (i++; i < le && (s[i] == ' ' || s[i] == '\t'); i++)
            ;
        if (le - i >= 3 && (memcmp(s + i, "\"\"\"", 3) == 0 || memcmp(s + i, "'''", 3) == 0)) {
            size_t j;
            ml = s[i] == '"' ? "\"\"\"" : "'''";
            for (j = i + 3; j + 3 <= le; j++)
                if (memcmp(s + j, ml, 3) == 0) {
                    ml = NULL;
                    break;
                }
            continue;
        }
        if (i < le && s[i] == '"') {
            size_t j = i + 1;
            while (j < le && s[j] != '"')
                j += (s[j] == '\\' && j + 1 < le) ? 2 : 1;
            if (j >= le || !key_wanted(opts, s + ks, ke - ks) ||
                !yk_format_has_words(s + i + 1, j - i - 1))
                continue;
            if ((rc = add_value(doc, i + 1, j, 0, YK_ENC_TOML_BASIC, s + ks, ke - ks, 0, 0,
                                opts)) < 0)
                return rc;
        } else if (i < le && s[i] == '\'') {
            const char *q = memchr(s + i + 1, '\'', le - i - 1);
            size_t j;
            if (!q || !key_wanted(opts, s + ks, ke - ks))
                continue;
            j = (size_t)(q - s);
            if (!yk_format_has_words(s + i + 1, j - i - 1))
                continue;
            /* The quotes belong to the block so that render can turn it
             * into a basic string when a translation holds a "'". */
            if ((rc = add_value(doc, i, j + 1, 0, YK_ENC_TOML_LITERAL, s + ks, ke - ks, 1, 1,
                                opts)) < 0)
                return rc;
        }
    }
    return YK_OK;
}

int yk_format_front_matter(yk_doc *doc, size_t *body_off, int *body_line,
                           const yk_parse_options *opts)
{
    const char *s = doc->src;
    size_t len = doc->src_len, i = 0, fm_start, pos;
    const char *fence;
    int yaml, line = 1;

    *body_off = 0;
    *body_line = 1;
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    if (fence_at(s, len, i, "---"))
        yaml = 1;
    else if (fence_at(s, len, i, "+++"))
        yaml = 0;
    else
        return YK_OK;
    fence = yaml ? "---" : "+++";
    fm_start = next_line_start(s, len, i);
    for (pos = fm_start; pos < len; pos = next_line_start(s, len, pos)) {
        line++;
        if (fence_at(s, len, pos, fence) || (yaml && fence_at(s, len, pos, "...")))
            break;
    }
    if (pos >= len)
        return yk_error_set_at(YK_EINVAL, opts->path, 1, 1, "unclosed front matter started here");
    *body_off = next_line_start(s, len, pos);
    *body_line = line + 1;
    return yaml ? parse_yaml(doc, fm_start, pos, opts) : parse_toml(doc, fm_start, pos, opts);
}
