/*
 * The progress page a maintainer can post: one HTML file with inline CSS
 * and SVG, no script, no network (it must render anywhere, offline).
 */
#include "cli/status_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/fs.h"
#include "util/xalloc.h"

static void esc(yk_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            yk_buf_puts(b, "&amp;");
            break;
        case '<':
            yk_buf_puts(b, "&lt;");
            break;
        case '>':
            yk_buf_puts(b, "&gt;");
            break;
        case '"':
            yk_buf_puts(b, "&quot;");
            break;
        default:
            yk_buf_putc(b, *s);
        }
    }
}

typedef struct page {
    yk_buf b;
    const char *lang; /* current language section */
    size_t total, done, reviewed;
} page;

static void bar(yk_buf *b, size_t total, size_t reviewed, size_t translated, size_t fuzzy)
{
    double t = total ? (double)total : 1.0;
    double r = 100.0 * (double)reviewed / t, tr = 100.0 * (double)translated / t,
           f = 100.0 * (double)fuzzy / t;
    /* an SVG bar: reviewed, translated, fuzzy, the rest is new */
    yk_buf_printf(b,
                  "<svg class=\"bar\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" "
                  "role=\"img\"><rect width=\"100\" height=\"6\" fill=\"#e5e7eb\"/>"
                  "<rect width=\"%.2f\" height=\"6\" fill=\"#15803d\"/>"
                  "<rect x=\"%.2f\" width=\"%.2f\" height=\"6\" fill=\"#4ade80\"/>"
                  "<rect x=\"%.2f\" width=\"%.2f\" height=\"6\" fill=\"#facc15\"/></svg>",
                  r, r, tr, r + tr, f);
}

static void close_lang(page *pg)
{
    double pct = pg->total ? 100.0 * (double)pg->done / (double)pg->total : 100.0;
    yk_buf_printf(&pg->b,
                  "<tr class=\"all\"><th scope=\"row\">all</th><td>%zu</td><td>%.1f%%</td>"
                  "<td colspan=\"2\"></td></tr></tbody></table>\n",
                  pg->total, pct);
}

static int progress_row(const yk_progress *p, void *payload)
{
    page *pg = payload;
    if (!pg->lang || strcmp(pg->lang, p->lang) != 0) {
        if (pg->lang)
            close_lang(pg);
        yk_buf_puts(&pg->b, "<h2>");
        esc(&pg->b, p->lang);
        yk_buf_puts(&pg->b, "</h2>\n<table><thead><tr><th>chapter</th><th>segments</th>"
                            "<th>done</th><th>progress</th><th>holder</th></tr></thead><tbody>\n");
        pg->lang = p->lang;
        pg->total = pg->done = 0;
    }
    pg->total += p->total;
    pg->done += p->translated + p->reviewed;
    yk_buf_puts(&pg->b, "<tr><th scope=\"row\">");
    esc(&pg->b, p->chapter);
    yk_buf_printf(&pg->b, "</th><td>%zu</td><td>%.1f%%</td><td>", p->total, p->percent);
    bar(&pg->b, p->total, p->reviewed, p->translated, p->fuzzy);
    yk_buf_printf(&pg->b,
                  "<div class=\"counts\">%zu new · %zu fuzzy · %zu translated · %zu reviewed"
                  "</div></td><td>",
                  p->new_, p->fuzzy, p->translated, p->reviewed);
    esc(&pg->b, p->holder ? p->holder : "—");
    yk_buf_puts(&pg->b, "</td></tr>\n");
    return 0;
}

/* contributions per volunteer: sums of the credits rows */
typedef struct person {
    char *user;
    size_t translated, reviewed, chapters;
} person;

typedef struct people {
    person *v;
    size_t n, cap;
} people;

static int credit_row(const yk_credit *c, void *payload)
{
    people *ps = payload;
    size_t i;
    for (i = 0; i < ps->n && strcmp(ps->v[i].user, c->user) != 0; i++)
        ;
    if (i == ps->n) {
        ps->v = yk_xgrow(ps->v, &ps->cap, ps->n + 1, sizeof(*ps->v));
        memset(&ps->v[i], 0, sizeof(ps->v[i]));
        ps->v[i].user = yk_xstrdup(c->user);
        ps->n++;
    }
    if (strcmp(c->role, "reviewer") == 0)
        ps->v[i].reviewed += c->segments;
    else
        ps->v[i].translated += c->segments;
    ps->v[i].chapters++;
    return 0;
}

static int contributions(yk_buf *b, yk_project *p, const char *lang)
{
    people ps = {NULL, 0, 0};
    size_t i, max = 1;
    int rc = yk_credits_foreach(p, lang, credit_row, &ps);
    if (rc < 0)
        goto done;
    yk_buf_puts(b, "<h3>contributions (");
    esc(b, lang);
    yk_buf_puts(b, ")</h3>\n");
    if (ps.n == 0) {
        yk_buf_puts(b, "<p class=\"none\">nobody has submitted anything yet</p>\n");
        goto done;
    }
    for (i = 0; i < ps.n; i++)
        if (ps.v[i].translated + ps.v[i].reviewed > max)
            max = ps.v[i].translated + ps.v[i].reviewed;
    yk_buf_puts(b, "<table><thead><tr><th>volunteer</th><th>translated</th><th>reviewed</th>"
                   "<th></th></tr></thead><tbody>\n");
    for (i = 0; i < ps.n; i++) {
        double w = 100.0 * (double)(ps.v[i].translated + ps.v[i].reviewed) / (double)max;
        yk_buf_puts(b, "<tr><th scope=\"row\">");
        esc(b, ps.v[i].user);
        yk_buf_printf(b,
                      "</th><td>%zu</td><td>%zu</td><td class=\"cb\"><div class=\"cbar\" "
                      "style=\"width:%.1f%%\"></div></td></tr>\n",
                      ps.v[i].translated, ps.v[i].reviewed, w);
    }
    yk_buf_puts(b, "</tbody></table>\n");
done:
    for (i = 0; i < ps.n; i++)
        free(ps.v[i].user);
    free(ps.v);
    return rc;
}

static int claim_row(const yk_claim_info *c, void *payload)
{
    yk_buf *b = payload;
    yk_buf_printf(b, "<tr%s><td>", c->stale ? " class=\"stale\"" : "");
    esc(b, c->lang);
    yk_buf_puts(b, "</td><td>");
    esc(b, c->chapter);
    if (c->batch)
        yk_buf_printf(b, " (%zu segment%s)", c->segments, c->segments == 1 ? "" : "s");
    yk_buf_puts(b, "</td><td>");
    esc(b, c->holder);
    yk_buf_printf(b, "</td><td>%s</td><td>%.10s%s</td></tr>\n", yk_claim_kind_name(c->kind),
                  c->expires_at, c->stale ? " — stale" : "");
    return 0;
}

int cli_status_html(yk_project *p, const char *lang, const char *path)
{
    page pg;
    char *title = NULL;
    size_t i;
    int rc;

    memset(&pg, 0, sizeof(pg));
    pg.b = (yk_buf)YK_BUF_INIT;
    if (lang && (rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    if ((rc = yk_config_get(&title, p, "title")) < 0)
        return rc;
    yk_buf_puts(&pg.b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<link rel=\"icon\" href=\"data:,\">\n<title>");
    esc(&pg.b, title ? title : "yaku project");
    yk_buf_puts(&pg.b,
                " — translation progress</title>\n<style>\n"
                "body{font-family:system-ui,'Noto Sans CJK JP',sans-serif;margin:2em auto;"
                "max-width:60em;padding:0 1em;color:#111827}\n"
                "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}\n"
                "th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #e5e7eb;"
                "vertical-align:middle}\n"
                "thead th{font-size:.85em;color:#6b7280}\n"
                ".bar{display:block;width:16em;height:.8em}\n"
                ".counts{font-size:.75em;color:#6b7280}\n"
                ".cb{width:40%}\n.cbar{height:.8em;background:#2563eb;min-width:2px}\n"
                "tr.all th,tr.all td{font-weight:bold}\n"
                "tr.stale td{color:#b91c1c}\n"
                ".legend span{display:inline-block;width:.8em;height:.8em;margin:0 .3em 0 1em}\n"
                ".none{color:#6b7280}\n"
                "</style>\n</head>\n<body>\n<h1>");
    esc(&pg.b, title ? title : "yaku project");
    yk_buf_puts(&pg.b,
                "</h1>\n<p class=\"legend\">translation progress"
                "<span style=\"background:#15803d\"></span>reviewed"
                "<span style=\"background:#4ade80\"></span>translated"
                "<span style=\"background:#facc15\"></span>fuzzy"
                "<span style=\"background:#e5e7eb\"></span>new</p>\n");
    if ((rc = yk_progress_foreach(p, lang, progress_row, &pg)) < 0)
        goto done;
    if (pg.lang)
        close_lang(&pg);
    yk_buf_puts(&pg.b, "<h2>volunteers</h2>\n");
    for (i = 0; i < yk_project_target_count(p); i++) {
        const char *l = yk_project_target(p, i);
        char norm[36];
        if (lang && (yk_lang_normalize(norm, lang) < 0 || strcmp(norm, l) != 0))
            continue;
        if ((rc = contributions(&pg.b, p, l)) < 0)
            goto done;
    }
    yk_buf_puts(&pg.b, "<h2>claims</h2>\n<table><thead><tr><th>language</th><th>chapter</th>"
                       "<th>holder</th><th>as</th><th>until</th></tr></thead><tbody>\n");
    if ((rc = yk_claims_foreach(p, lang, claim_row, &pg.b)) < 0)
        goto done;
    yk_buf_puts(&pg.b, "</tbody></table>\n<footer class=\"none\">made by yaku</footer>\n"
                       "</body>\n</html>\n");
    rc = yk_fs_write_atomic(path, pg.b.buf, pg.b.len);
done:
    free(title);
    yk_buf_release(&pg.b);
    return rc;
}
