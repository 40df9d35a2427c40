/*
 * yk_build: picks the edition writer (Markdown tree, HTML, EPUB or all of
 * them); the writers live in mdtree.c, html.c and epub.c.
 */
#include <stdlib.h>
#include <string.h>

#include "build/build.h"
#include "core/core.h"
#include "store/edition.h"
#include "util/buf.h"
#include "util/error.h"
#include "util/fs.h"

int yk_build_format_from_name(yk_format *out, const char *name)
{
    static const struct {
        const char *name;
        yk_format format;
    } names[] = {
        {"md", YK_FORMAT_MD},          {"markdown", YK_FORMAT_MD}, {"html", YK_FORMAT_HTML},
        {"epub", YK_FORMAT_EPUB},      {"all", YK_BUILD_FORMAT_ALL},
    };
    size_t i;
    for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
        if (strcmp(names[i].name, name) == 0) {
            *out = names[i].format;
            return YK_OK;
        }
    }
    return yk_error_set(YK_EINVAL, "cannot build format '%s' (formats: md, html, epub, all)",
                        name);
}

/* Skipped chapters are counted (and reported) once, by the Markdown tree. */
static void add_result(yk_build_result *sum, const yk_build_result *r, int count_skipped)
{
    sum->written += r->written;
    if (count_skipped)
        sum->skipped += r->skipped;
}

static int build_formats(yk_build_result *out, yk_project *p, const char *lang,
                         const yk_build_options *opts)
{
    yk_build_options sub = *opts;
    yk_build_result r;
    yk_buf dir = YK_BUF_INIT;
    int rc;

    switch (opts->format) {
    case YK_FORMAT_MD:
        return yk_build_mdtree(out, p, lang, opts);
    case YK_FORMAT_HTML:
        return yk_build_html(out, p, lang, opts);
    case YK_FORMAT_EPUB:
        return yk_build_epub(out, p, lang, opts);
    default:
        break;
    }
    if (opts->format != YK_BUILD_FORMAT_ALL)
        return yk_error_set(YK_EINVAL, "cannot build format '%s' (formats: md, html, epub, all)",
                            yk_format_name(opts->format));
    /* the Markdown tree and the HTML pages each get their own directory, so
     * neither overwrites the other's index or images */
    yk_buf_printf(&dir, "%s/md", opts->out_dir);
    sub.out_dir = dir.buf;
    sub.format = YK_FORMAT_MD;
    if ((rc = yk_build_mdtree(&r, p, lang, &sub)) < 0)
        goto done;
    add_result(out, &r, 1);
    sub.progress = NULL;
    yk_buf_clear(&dir);
    yk_buf_printf(&dir, "%s/html", opts->out_dir);
    sub.out_dir = dir.buf;
    sub.format = YK_FORMAT_HTML;
    if ((rc = yk_build_html(&r, p, lang, &sub)) < 0)
        goto done;
    add_result(out, &r, 0);
    sub.out_dir = opts->out_dir;
    sub.format = YK_FORMAT_EPUB;
    if ((rc = yk_build_epub(&r, p, lang, &sub)) < 0)
        goto done;
    add_result(out, &r, 0);
done:
    yk_buf_release(&dir);
    return rc;
}

int yk_build(yk_build_result *out, yk_project *p, const char *lang, const yk_build_options *opts)
{
    yk_store_read_once ro;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!opts->out_dir || !*opts->out_dir)
        return yk_error_set(YK_EINVAL, "no output directory (-o DIR)");
    /* temp files of a build that was killed before its renames */
    yk_fs_remove_stale_temps(opts->out_dir, NULL);
    /* memory for one document, not for every page of the project read */
    if ((rc = yk_store_read_once_begin(p->store, &ro)) < 0)
        return rc;
    rc = build_formats(out, p, lang, opts);
    yk_store_read_once_end(p->store, &ro);
    return rc;
}
