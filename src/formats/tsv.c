/*
 * Glossaries as TSV or CSV: a header row naming the columns (language tags,
 * id, note, note:LANG, forbidden:LANG, pos, case), one concept per row,
 * several terms in a cell separated by '|'.  TSV has no quoting; CSV
 * follows RFC 4180 (quoted fields, "" for a quote, line breaks inside
 * quotes).  A bad row fails the whole file with its line number.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/core.h"
#include "formats/termbase.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

enum col_kind { COL_LANG, COL_ID, COL_NOTE, COL_LANG_NOTE, COL_FORBIDDEN, COL_POS, COL_CASE };

typedef struct column {
    enum col_kind kind;
    char lang[36];
} column;

typedef struct row {
    char **f;
    size_t n, cap;
    int line;
} row;

static void row_clear(row *r)
{
    size_t i;
    for (i = 0; i < r->n; i++)
        free(r->f[i]);
    r->n = 0;
}

static void row_push(row *r, const char *s, size_t len)
{
    r->f = yk_xgrow(r->f, &r->cap, r->n + 1, sizeof(*r->f));
    r->f[r->n++] = yk_xstrndup(s, len);
}

/* Read one record from data[*pos..len); 0 at the end of input, 1 with a
 * record, or a negative code. */
static int next_record(row *r, const char *data, size_t len, size_t *pos, int *line,
                       char delim, const char *path)
{
    yk_buf field = YK_BUF_INIT;
    size_t i = *pos;
    int rc = 1;

    row_clear(r);
    if (i >= len)
        return 0;
    r->line = *line;
    for (;;) {
        yk_buf_clear(&field);
        if (delim == ',' && i < len && data[i] == '"') {
            int start_line = *line;
            i++;
            for (;;) {
                if (i >= len) {
                    rc = yk_error_set_at(YK_EINVAL, path, start_line, 0,
                                         "quoted field is never closed");
                    goto done;
                }
                if (data[i] == '"') {
                    if (i + 1 < len && data[i + 1] == '"') {
                        yk_buf_putc(&field, '"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (data[i] == '\n')
                    (*line)++;
                yk_buf_putc(&field, data[i++]);
            }
            if (i < len && data[i] != delim && data[i] != '\n' && data[i] != '\r') {
                rc = yk_error_set_at(YK_EINVAL, path, *line, 0,
                                     "text after a closing quote (write \"\" for a quote inside "
                                     "a quoted field)");
                goto done;
            }
        } else {
            size_t a = i;
            while (i < len && data[i] != delim && data[i] != '\n' && data[i] != '\r')
                i++;
            if (delim == ',' && memchr(data + a, '"', i - a)) {
                rc = yk_error_set_at(YK_EINVAL, path, *line, 0,
                                     "a quote inside an unquoted CSV field; quote the whole "
                                     "field");
                goto done;
            }
            yk_buf_put(&field, data + a, i - a);
        }
        row_push(r, field.buf, field.len);
        if (i < len && data[i] == delim) {
            i++;
            continue;
        }
        if (i < len && data[i] == '\r')
            i++;
        if (i < len && data[i] == '\n')
            i++;
        (*line)++;
        break;
    }
done:
    *pos = i;
    yk_buf_release(&field);
    return rc;
}

static int blank(const row *r)
{
    size_t i, j;
    for (i = 0; i < r->n; i++)
        for (j = 0; r->f[i][j]; j++)
            if (r->f[i][j] != ' ' && r->f[i][j] != '\t')
                return 0;
    return 1;
}

static int parse_header(column **out, size_t *n, const row *r, const char *path)
{
    column *cols = yk_xcalloc(r->n + 1, sizeof(*cols));
    size_t i, j, nlang = 0;
    for (i = 0; i < r->n; i++) {
        char *name = r->f[i], *colon;
        size_t len = strlen(name);
        while (len && (name[len - 1] == ' ' || name[len - 1] == '\t'))
            name[--len] = '\0';
        while (*name == ' ')
            name++;
        colon = strchr(name, ':');
        /* keywords in any case: "iD" or "POS" read as a language tag would
         * be written back as "id" / "pos" and read as the keyword */
        if (strcasecmp(name, "id") == 0 || strcasecmp(name, "concept") == 0) {
            cols[i].kind = COL_ID;
        } else if (strcasecmp(name, "note") == 0) {
            cols[i].kind = COL_NOTE;
        } else if (strcasecmp(name, "pos") == 0) {
            cols[i].kind = COL_POS;
        } else if (strcasecmp(name, "case") == 0) {
            cols[i].kind = COL_CASE;
        } else if (colon && (strncasecmp(name, "forbidden:", 10) == 0 ||
                             strncasecmp(name, "note:", 5) == 0)) {
            cols[i].kind = (name[0] == 'f' || name[0] == 'F') ? COL_FORBIDDEN : COL_LANG_NOTE;
            if (yk_lang_normalize(cols[i].lang, colon + 1) < 0)
                goto bad_lang;
            /* a language named like a keyword column could never come back
             * as a language column of its own */
            if (strcmp(cols[i].lang, "id") == 0 || strcmp(cols[i].lang, "pos") == 0) {
                yk_error_set_at(YK_EINVAL, path, r->line, 0,
                                "language '%s' in column '%s' has the name of a keyword column; "
                                "glossary files cannot hold it",
                                cols[i].lang, name);
                free(cols);
                return YK_EINVAL;
            }
        } else if (!colon && yk_lang_normalize(cols[i].lang, name) == 0) {
            cols[i].kind = COL_LANG;
            nlang++;
        } else {
            free(cols);
            return yk_error_set_at(YK_EINVAL, path, r->line, 0,
                                   "unknown column '%s' in the header (expected language tags, "
                                   "id, note, note:LANG, forbidden:LANG, pos, case)",
                                   name);
        }
        for (j = 0; j < i; j++)
            if (cols[j].kind == cols[i].kind &&
                strcmp(cols[j].lang, cols[i].lang) == 0) {
                free(cols);
                return yk_error_set_at(YK_EINVAL, path, r->line, 0,
                                       "column '%s' appears twice in the header", name);
            }
        continue;
    bad_lang:
        free(cols);
        return yk_error_set_at(YK_EINVAL, path, r->line, 0, "'%s' is not a language tag",
                               colon + 1);
    }
    if (!nlang) {
        free(cols);
        return yk_error_set_at(YK_EINVAL, path, r->line, 0,
                               "the header row names no language column (e.g. zh-Hans, en, ja)");
    }
    *out = cols;
    *n = r->n;
    return YK_OK;
}

/* Add each '|'-separated term of a cell. */
static void add_terms(yk_glossary_set *set, size_t ci, const char *cell, const char *lang,
                      int forbidden, int cs, const char *pos)
{
    const char *s = cell;
    for (;;) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        yk_glossary_term t;
        memset(&t, 0, sizeof(t));
        t.lang = lang;
        t.text = yk_glossary_set_strdup(set, s, len);
        t.forbidden = forbidden;
        t.case_sensitive = cs;
        t.pos = forbidden ? NULL : pos;
        yk_glossary_set_term(set, ci, &t);
        if (!bar)
            break;
        s = bar + 1;
    }
}

static int row_concept(yk_glossary_set *set, const row *r, const column *cols, size_t ncols,
                       const char *path)
{
    const char *id = NULL, *note = NULL, *pos = NULL;
    int cs = -1, any = 0;
    size_t i, j, ci;

    for (i = 0; i < ncols; i++) {
        const char *v = r->f[i];
        switch (cols[i].kind) {
        case COL_ID:
            id = *v ? v : NULL;
            break;
        case COL_NOTE:
            note = *v ? v : NULL;
            break;
        case COL_POS:
            pos = *v ? v : NULL;
            break;
        case COL_CASE:
            if (!*v)
                break;
            if (strcmp(v, "yes") == 0 || strcmp(v, "sensitive") == 0 || strcmp(v, "1") == 0)
                cs = 1;
            else if (strcmp(v, "no") == 0 || strcmp(v, "insensitive") == 0 ||
                     strcmp(v, "0") == 0)
                cs = 0;
            else
                return yk_error_set_at(YK_EINVAL, path, r->line, 0,
                                       "case is '%s'; write yes or no", v);
            break;
        default:
            break;
        }
    }
    ci = yk_glossary_set_concept(set, id, note, r->line);
    for (i = 0; i < ncols; i++) {
        if (cols[i].kind == COL_LANG && r->f[i][0]) {
            add_terms(set, ci, r->f[i], cols[i].lang, 0, cs, pos);
            any = 1;
        }
    }
    for (i = 0; i < ncols; i++) {
        if (cols[i].kind == COL_FORBIDDEN && r->f[i][0])
            add_terms(set, ci, r->f[i], cols[i].lang, 1, cs, NULL);
    }
    /* note:LANG goes on the approved terms of LANG */
    for (i = 0; i < ncols; i++) {
        yk_glossary_term *t = (yk_glossary_term *)set->v[ci].terms;
        if (cols[i].kind != COL_LANG_NOTE || !r->f[i][0])
            continue;
        for (j = 0; j < set->v[ci].nterms; j++)
            if (!t[j].forbidden && strcmp(t[j].lang, cols[i].lang) == 0)
                t[j].note = yk_glossary_set_strdup(set, r->f[i], strlen(r->f[i]));
    }
    if (!any)
        return yk_error_set_at(YK_EINVAL, path, r->line, 0, "no term in any language column");
    return YK_OK;
}

int yk_tsv_read(yk_glossary_set *out, const char *data, size_t len, const char *path, char delim)
{
    row r;
    column *cols = NULL;
    size_t pos = 0, ncols = 0, bad;
    const char *nul;
    int line = 1, rc;

    memset(&r, 0, sizeof(r));
    if ((bad = yk_utf8_invalid_at(data, len)) < len) {
        int l, c;
        yk_utf8_line_col(data, bad, &l, &c);
        return yk_error_set_at(YK_EINVAL, path, l, c, "invalid UTF-8");
    }
    if ((nul = memchr(data, '\0', len)) != NULL) { /* strings end there: the cell would be cut */
        int l, c;
        yk_utf8_line_col(data, (size_t)(nul - data), &l, &c);
        return yk_error_set_at(YK_EINVAL, path, l, c, "NUL byte in the file");
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    /* the header is the first non-blank record */
    while ((rc = next_record(&r, data, len, &pos, &line, delim, path)) == 1 && blank(&r))
        ;
    if (rc <= 0) {
        if (rc == 0)
            rc = yk_error_set_at(YK_EINVAL, path, line, 0, "empty glossary file (no header row)");
        goto done;
    }
    if ((rc = parse_header(&cols, &ncols, &r, path)) < 0)
        goto done;
    while ((rc = next_record(&r, data, len, &pos, &line, delim, path)) == 1) {
        if (blank(&r))
            continue;
        if (r.n != ncols) {
            rc = yk_error_set_at(YK_EINVAL, path, r.line, 0,
                                 "%zu fields, but the header has %zu columns%s", r.n, ncols,
                                 delim == '\t' ? " (fields are separated by tabs)" : "");
            goto done;
        }
        if ((rc = row_concept(out, &r, cols, ncols, path)) < 0)
            goto done;
    }
done:
    row_clear(&r);
    free(r.f);
    free(cols);
    return rc < 0 ? rc : YK_OK;
}

static void put_field(yk_buf *b, const char *s, char delim)
{
    if (delim == ',' && (strpbrk(s, ",\"\r\n") || s[0] == ' ')) {
        yk_buf_putc(b, '"');
        for (; *s; s++) {
            if (*s == '"')
                yk_buf_putc(b, '"');
            yk_buf_putc(b, *s);
        }
        yk_buf_putc(b, '"');
    } else {
        yk_buf_puts(b, s);
    }
}

/* The languages of the set in order of first appearance; those with
 * forbidden terms and term notes flagged. */
typedef struct lang_col {
    const char *lang;
    int forbidden, notes;
} lang_col;

void yk_tsv_write(yk_buf *b, const yk_glossary_set *set, char delim)
{
    lang_col *langs = NULL;
    size_t nlangs = 0, cap = 0, i, j, k;
    int any_pos = 0, any_case = 0, any_note = 0;
    char sep[2] = {delim, '\0'};

    for (i = 0; i < set->n; i++) {
        const yk_glossary_concept *c = &set->v[i];
        any_note |= c->note != NULL;
        for (j = 0; j < c->nterms; j++) {
            const yk_glossary_term *t = &c->terms[j];
            for (k = 0; k < nlangs; k++)
                if (strcmp(langs[k].lang, t->lang) == 0)
                    break;
            if (k == nlangs) {
                langs = yk_xgrow(langs, &cap, nlangs + 1, sizeof(*langs));
                langs[nlangs].lang = t->lang;
                langs[nlangs].forbidden = langs[nlangs].notes = 0;
                nlangs++;
            }
            langs[k].forbidden |= t->forbidden;
            langs[k].notes |= t->note != NULL && !t->forbidden;
            any_pos |= t->pos != NULL;
            any_case |= t->case_sensitive != yk_glossary_auto_case(t->text);
        }
    }
    yk_buf_puts(b, "id");
    for (k = 0; k < nlangs; k++) {
        yk_buf_puts(b, sep);
        yk_buf_puts(b, langs[k].lang);
    }
    for (k = 0; k < nlangs; k++)
        if (langs[k].forbidden)
            yk_buf_printf(b, "%sforbidden:%s", sep, langs[k].lang);
    for (k = 0; k < nlangs; k++)
        if (langs[k].notes)
            yk_buf_printf(b, "%snote:%s", sep, langs[k].lang);
    if (any_pos)
        yk_buf_printf(b, "%spos", sep);
    if (any_case)
        yk_buf_printf(b, "%scase", sep);
    if (any_note)
        yk_buf_printf(b, "%snote", sep);
    yk_buf_putc(b, '\n');

    for (i = 0; i < set->n; i++) {
        const yk_glossary_concept *c = &set->v[i];
        yk_buf cell = YK_BUF_INIT;
        const char *pos = NULL;
        int cs = -1;
        int pass;
        put_field(b, c->id ? c->id : "", delim);
        /* pass 0: approved terms, 1: forbidden, 2: notes */
        for (pass = 0; pass < 3; pass++) {
            for (k = 0; k < nlangs; k++) {
                if ((pass == 1 && !langs[k].forbidden) || (pass == 2 && !langs[k].notes))
                    continue;
                yk_buf_clear(&cell);
                for (j = 0; j < c->nterms; j++) {
                    const yk_glossary_term *t = &c->terms[j];
                    if (strcmp(t->lang, langs[k].lang) != 0 || t->forbidden != (pass == 1))
                        continue;
                    if (pass == 2) {
                        if (t->note && !cell.len)
                            yk_buf_puts(&cell, t->note);
                        continue;
                    }
                    if (cell.len)
                        yk_buf_putc(&cell, '|');
                    yk_buf_puts(&cell, t->text);
                    if (!pos && t->pos)
                        pos = t->pos;
                    if (cs < 0 && t->case_sensitive != yk_glossary_auto_case(t->text))
                        cs = t->case_sensitive;
                }
                yk_buf_puts(b, sep);
                put_field(b, cell.buf, delim);
            }
        }
        if (any_pos) {
            yk_buf_puts(b, sep);
            put_field(b, pos ? pos : "", delim);
        }
        if (any_case)
            yk_buf_printf(b, "%s%s", sep, cs < 0 ? "" : cs ? "yes" : "no");
        if (any_note) {
            yk_buf_puts(b, sep);
            put_field(b, c->note ? c->note : "", delim);
        }
        yk_buf_putc(b, '\n');
        yk_buf_release(&cell);
    }
    free(langs);
}
