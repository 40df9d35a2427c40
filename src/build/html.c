/*
 * The HTML edition: index.html (title and table of contents), one page per
 * chapter with links to the previous and next, credits.html, style.css and
 * the images the chapters use, each file written atomically inside -o DIR.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build/build.h"
#include "util/fs.h"
#include "util/xalloc.h"

static int write_file(yk_build_result *res, const char *root, const char *rel, const yk_buf *b)
{
    yk_buf path = YK_BUF_INIT;
    int rc;
    if ((rc = yk_build_output_path(&path, root, rel)) == YK_OK &&
        (rc = yk_fs_write_atomic(path.buf, b->buf, b->len)) == YK_OK)
        res->written++;
    yk_buf_release(&path);
    return rc;
}

static void link_to(yk_buf *out, const char *href, const char *label, const char *rel)
{
    yk_buf_puts(out, "<a href=\"");
    yk_edition_escape(out, href);
    yk_buf_puts(out, "\"");
    if (rel)
        yk_buf_printf(out, " rel=\"%s\"", rel);
    yk_buf_puts(out, ">");
    yk_edition_escape(out, label);
    yk_buf_puts(out, "</a>");
}

static void pager(yk_buf *out, const yk_edition *e, size_t i)
{
    yk_buf href = YK_BUF_INIT;
    yk_buf_puts(out, "<nav class=\"pager\">\n");
    if (i > 0) {
        yk_buf_printf(&href, "%s.html", e->chapters[i - 1].file);
        link_to(out, href.buf, yk_edition_text_get(e, YK_ET_PREV), "prev");
        yk_buf_putc(out, '\n');
    }
    link_to(out, "index.html", yk_edition_text_get(e, YK_ET_CONTENTS), "index");
    yk_buf_putc(out, '\n');
    if (i + 1 < e->nchapters) {
        yk_buf_clear(&href);
        yk_buf_printf(&href, "%s.html", e->chapters[i + 1].file);
        link_to(out, href.buf, yk_edition_text_get(e, YK_ET_NEXT), "next");
        yk_buf_putc(out, '\n');
    } else {
        link_to(out, "credits.html", yk_edition_text_get(e, YK_ET_CREDITS), "next");
        yk_buf_putc(out, '\n');
    }
    yk_buf_puts(out, "</nav>\n");
    yk_buf_release(&href);
}

static void index_page(yk_buf *out, const yk_edition *e)
{
    size_t i;
    yk_edition_page_open(out, e, e->title, "index");
    yk_buf_puts(out, "<header class=\"title-page\">\n");
    if (e->cover_image >= 0) {
        yk_buf_puts(out, "<p class=\"cover\"><img src=\"");
        yk_edition_escape(out, e->images[e->cover_image].dst);
        yk_buf_puts(out, "\" alt=\"");
        yk_edition_escape(out, yk_edition_text_get(e, YK_ET_COVER));
        yk_buf_puts(out, "\" /></p>\n");
    }
    yk_buf_puts(out, "<h1 class=\"title\">");
    yk_edition_escape(out, e->title);
    yk_buf_puts(out, "</h1>\n");
    if (e->subtitle) {
        yk_buf_puts(out, "<p class=\"subtitle\">");
        yk_edition_escape(out, e->subtitle);
        yk_buf_puts(out, "</p>\n");
    }
    if (e->creator) {
        yk_buf_puts(out, "<p class=\"creator\">");
        yk_edition_escape(out, e->creator);
        yk_buf_puts(out, "</p>\n");
    }
    if (e->publisher) {
        yk_buf_puts(out, "<p class=\"publisher\">");
        yk_edition_escape(out, e->publisher);
        yk_buf_puts(out, "</p>\n");
    }
    yk_buf_puts(out, "</header>\n<nav class=\"toc\" id=\"toc\">\n<h2>");
    yk_edition_escape(out, yk_edition_text_get(e, YK_ET_CONTENTS));
    yk_buf_puts(out, "</h2>\n<ol>\n");
    for (i = 0; i < e->nchapters; i++) {
        yk_buf href = YK_BUF_INIT;
        yk_buf_printf(&href, "%s.html", e->chapters[i].file);
        yk_buf_puts(out, "<li>");
        link_to(out, href.buf, e->chapters[i].title, NULL);
        yk_buf_puts(out, "</li>\n");
        yk_buf_release(&href);
    }
    yk_buf_puts(out, "<li class=\"credits-link\">");
    link_to(out, "credits.html", yk_edition_text_get(e, YK_ET_CREDITS), NULL);
    yk_buf_puts(out, "</li>\n</ol>\n</nav>\n");
    if (e->rights) {
        yk_buf_puts(out, "<footer><p class=\"rights\">");
        yk_edition_escape(out, e->rights);
        yk_buf_puts(out, "</p></footer>\n");
    }
    yk_edition_page_close(out);
}

int yk_build_html(yk_build_result *out, yk_project *p, const char *lang,
                  const yk_build_options *opts)
{
    yk_edition *e = NULL;
    yk_buf root = YK_BUF_INIT, page = YK_BUF_INIT, rel = YK_BUF_INIT, data = YK_BUF_INIT;
    size_t i, total;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!opts->out_dir || !*opts->out_dir)
        return yk_error_set(YK_EINVAL, "no output directory (-o DIR)");
    if ((rc = yk_edition_load(&e, p, lang, opts, 0, &out->skipped)) < 0)
        goto done;
    if ((rc = yk_fs_mkdirs(opts->out_dir)) < 0 || (rc = yk_fs_realpath(&root, opts->out_dir)) < 0)
        goto done;
    total = e->nchapters + out->skipped;
    for (i = 0; i < e->nchapters; i++) {
        const yk_edition_chapter *c = &e->chapters[i];
        yk_buf_clear(&page);
        yk_edition_page_open(&page, e, c->title, "chapter");
        yk_buf_puts(&page, "<main>\n");
        if ((rc = yk_edition_chapter_body(&page, e, i)) < 0)
            goto done;
        yk_buf_puts(&page, "</main>\n");
        pager(&page, e, i);
        yk_edition_page_close(&page);
        yk_buf_clear(&rel);
        yk_buf_printf(&rel, "%s.html", c->file);
        if ((rc = write_file(out, root.buf, rel.buf, &page)) < 0)
            goto done;
        if (opts->progress)
            opts->progress(c->name, 0, c->percent, out->skipped + i + 1, total, opts->payload);
    }
    yk_buf_clear(&page);
    index_page(&page, e);
    if ((rc = write_file(out, root.buf, "index.html", &page)) < 0)
        goto done;
    yk_buf_clear(&page);
    yk_edition_page_open(&page, e, yk_edition_text_get(e, YK_ET_CREDITS), "credits");
    yk_buf_puts(&page, "<main>\n");
    yk_edition_credits_body(&page, e);
    yk_buf_puts(&page, "</main>\n<nav class=\"pager\">\n");
    link_to(&page, "index.html", yk_edition_text_get(e, YK_ET_CONTENTS), "index");
    yk_buf_puts(&page, "\n</nav>\n");
    yk_edition_page_close(&page);
    if ((rc = write_file(out, root.buf, "credits.html", &page)) < 0)
        goto done;
    yk_buf_clear(&page);
    yk_buf_puts(&page, yk_edition_css);
    if ((rc = write_file(out, root.buf, "style.css", &page)) < 0)
        goto done;
    for (i = 0; i < e->nimages; i++) {
        yk_buf_clear(&data);
        if ((rc = yk_edition_image_read(&data, e, i)) < 0 ||
            (rc = write_file(out, root.buf, e->images[i].dst, &data)) < 0)
            goto done;
    }
done:
    yk_edition_free(e);
    yk_buf_release(&root);
    yk_buf_release(&page);
    yk_buf_release(&rel);
    yk_buf_release(&data);
    return rc;
}
