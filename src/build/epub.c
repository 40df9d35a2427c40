/*
 * The EPUB 3 edition (libzip's one home): XHTML chapters, title page,
 * navigation document and NCX, credits, cover, OPF with the metadata, in
 * one zip with `mimetype` first and stored.  Reproducible: entries sorted by
 * name, every timestamp the project's, so the same project gives the same
 * bytes.  The zip is made in memory and written atomically.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "build/build.h"
#include "util/fs.h"
#include "util/xalloc.h"

/* Largest EPUB written. */
#define MAX_EPUB ((size_t)1 << 30)

typedef struct entry {
    char *name;
    char *data;
    size_t len;
} entry;

typedef struct entries {
    entry *v;
    size_t n, cap;
} entries;

/* Take the bytes of 'b' as the zip entry 'name' (OEBPS/ unless 'top'). */
static void put(entries *es, const char *name, yk_buf *b, int top)
{
    yk_buf n = YK_BUF_INIT;
    es->v = yk_xgrow(es->v, &es->cap, es->n + 1, sizeof(*es->v));
    yk_buf_printf(&n, "%s%s", top ? "" : "OEBPS/", name);
    es->v[es->n].name = yk_buf_detach(&n, NULL);
    es->v[es->n].len = b->len;
    es->v[es->n].data = yk_buf_detach(b, NULL);
    es->n++;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->name, ((const entry *)b)->name);
}

static void esc(yk_buf *out, const char *s)
{
    yk_edition_escape(out, s);
}

static void text_elem(yk_buf *out, const char *open, const char *text, const char *close)
{
    yk_buf_puts(out, open);
    esc(out, text);
    yk_buf_puts(out, close);
}

static void opf(yk_buf *o, const yk_edition *e)
{
    size_t i;
    yk_buf_printf(o,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                  "unique-identifier=\"pub-id\" xml:lang=\"%s\">\n"
                  "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n",
                  e->lang);
    text_elem(o, "<dc:identifier id=\"pub-id\">", e->identifier, "</dc:identifier>\n");
    text_elem(o, "<dc:title id=\"title\">", e->title, "</dc:title>\n");
    yk_buf_puts(o, "<meta refines=\"#title\" property=\"title-type\">main</meta>\n");
    if (e->subtitle) {
        text_elem(o, "<dc:title id=\"subtitle\">", e->subtitle, "</dc:title>\n");
        yk_buf_puts(o, "<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n");
    }
    yk_buf_printf(o, "<dc:language>%s</dc:language>\n", e->lang);
    if (e->creator) {
        text_elem(o, "<dc:creator id=\"creator\">", e->creator, "</dc:creator>\n");
        yk_buf_puts(o, "<meta refines=\"#creator\" property=\"role\" "
                       "scheme=\"marc:relators\">aut</meta>\n");
    }
    if (e->publisher)
        text_elem(o, "<dc:publisher>", e->publisher, "</dc:publisher>\n");
    if (e->rights)
        text_elem(o, "<dc:rights>", e->rights, "</dc:rights>\n");
    for (i = 0; i < e->npeople; i++) {
        yk_buf_printf(o, "<dc:contributor id=\"contributor-%zu\">", i + 1);
        esc(o, e->people[i].user);
        yk_buf_puts(o, "</dc:contributor>\n");
        if (e->people[i].translator)
            yk_buf_printf(o,
                          "<meta refines=\"#contributor-%zu\" property=\"role\" "
                          "scheme=\"marc:relators\">trl</meta>\n",
                          i + 1);
        if (e->people[i].reviewer)
            yk_buf_printf(o,
                          "<meta refines=\"#contributor-%zu\" property=\"role\" "
                          "scheme=\"marc:relators\">edt</meta>\n",
                          i + 1);
    }
    yk_buf_printf(o, "<meta property=\"dcterms:modified\">%s</meta>\n", e->modified);
    if (e->cover_image >= 0)
        yk_buf_printf(o, "<meta name=\"cover\" content=\"image-%ld\" />\n", e->cover_image + 1);
    yk_buf_puts(o, "</metadata>\n<manifest>\n"
                   "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
                   "properties=\"nav\" />\n"
                   "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\" />\n"
                   "<item id=\"style\" href=\"style.css\" media-type=\"text/css\" />\n");
    if (e->cover_image >= 0)
        yk_buf_puts(o, "<item id=\"cover\" href=\"cover.xhtml\" "
                       "media-type=\"application/xhtml+xml\" />\n");
    yk_buf_puts(o, "<item id=\"title-page\" href=\"title.xhtml\" "
                   "media-type=\"application/xhtml+xml\" />\n");
    for (i = 0; i < e->nchapters; i++)
        yk_buf_printf(o,
                      "<item id=\"chapter-%zu\" href=\"%s.xhtml\" "
                      "media-type=\"application/xhtml+xml\" />\n",
                      i + 1, e->chapters[i].file);
    yk_buf_puts(o, "<item id=\"credits\" href=\"credits.xhtml\" "
                   "media-type=\"application/xhtml+xml\" />\n");
    for (i = 0; i < e->nimages; i++) {
        yk_buf_printf(o, "<item id=\"image-%zu\" href=\"", i + 1);
        esc(o, e->images[i].dst);
        yk_buf_printf(o, "\" media-type=\"%s\"%s />\n", e->images[i].media_type,
                      (long)i == e->cover_image ? " properties=\"cover-image\"" : "");
    }
    yk_buf_puts(o, "</manifest>\n<spine toc=\"ncx\">\n");
    if (e->cover_image >= 0)
        yk_buf_puts(o, "<itemref idref=\"cover\" />\n");
    yk_buf_puts(o, "<itemref idref=\"title-page\" />\n<itemref idref=\"nav\" />\n");
    for (i = 0; i < e->nchapters; i++)
        yk_buf_printf(o, "<itemref idref=\"chapter-%zu\" />\n", i + 1);
    yk_buf_puts(o, "<itemref idref=\"credits\" />\n</spine>\n</package>\n");
}

static void nav(yk_buf *o, const yk_edition *e)
{
    size_t i;
    yk_edition_page_open(o, e, yk_edition_text_get(e, YK_ET_CONTENTS), "nav");
    yk_buf_puts(o, "<nav epub:type=\"toc\" id=\"toc\">\n<h1>");
    esc(o, yk_edition_text_get(e, YK_ET_CONTENTS));
    yk_buf_puts(o, "</h1>\n<ol>\n");
    for (i = 0; i < e->nchapters; i++) {
        yk_buf_printf(o, "<li><a href=\"%s.xhtml\">", e->chapters[i].file);
        esc(o, e->chapters[i].title);
        yk_buf_puts(o, "</a></li>\n");
    }
    yk_buf_puts(o, "<li><a href=\"credits.xhtml\">");
    esc(o, yk_edition_text_get(e, YK_ET_CREDITS));
    yk_buf_puts(o, "</a></li>\n</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" "
                   "hidden=\"hidden\">\n<ol>\n");
    if (e->cover_image >= 0) {
        yk_buf_puts(o, "<li><a epub:type=\"cover\" href=\"cover.xhtml\">");
        esc(o, yk_edition_text_get(e, YK_ET_COVER));
        yk_buf_puts(o, "</a></li>\n");
    }
    yk_buf_puts(o, "<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">");
    esc(o, yk_edition_text_get(e, YK_ET_CONTENTS));
    yk_buf_puts(o, "</a></li>\n");
    if (e->nchapters) {
        yk_buf_printf(o, "<li><a epub:type=\"bodymatter\" href=\"%s.xhtml\">",
                      e->chapters[0].file);
        esc(o, e->chapters[0].title);
        yk_buf_puts(o, "</a></li>\n");
    }
    yk_buf_puts(o, "</ol>\n</nav>\n");
    yk_edition_page_close(o);
}

static void ncx(yk_buf *o, const yk_edition *e)
{
    size_t i;
    yk_buf_printf(o,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" "
                  "xml:lang=\"%s\">\n<head>\n<meta name=\"dtb:uid\" content=\"",
                  e->lang);
    esc(o, e->identifier);
    yk_buf_puts(o, "\" />\n<meta name=\"dtb:depth\" content=\"1\" />\n"
                   "<meta name=\"dtb:totalPageCount\" content=\"0\" />\n"
                   "<meta name=\"dtb:maxPageNumber\" content=\"0\" />\n</head>\n");
    text_elem(o, "<docTitle><text>", e->title, "</text></docTitle>\n<navMap>\n");
    for (i = 0; i <= e->nchapters; i++) {
        int credits = i == e->nchapters;
        yk_buf_printf(o, "<navPoint id=\"nav-%zu\" playOrder=\"%zu\">\n", i + 1, i + 1);
        text_elem(o, "<navLabel><text>",
                  credits ? yk_edition_text_get(e, YK_ET_CREDITS) : e->chapters[i].title,
                  "</text></navLabel>\n");
        if (credits)
            yk_buf_puts(o, "<content src=\"credits.xhtml\" />\n");
        else
            yk_buf_printf(o, "<content src=\"%s.xhtml\" />\n", e->chapters[i].file);
        yk_buf_puts(o, "</navPoint>\n");
    }
    yk_buf_puts(o, "</navMap>\n</ncx>\n");
}

static void title_page(yk_buf *o, const yk_edition *e)
{
    yk_edition_page_open(o, e, e->title, "title-page");
    yk_buf_puts(o, "<section class=\"title-page\" epub:type=\"titlepage\">\n");
    text_elem(o, "<h1 class=\"title\">", e->title, "</h1>\n");
    if (e->subtitle)
        text_elem(o, "<p class=\"subtitle\">", e->subtitle, "</p>\n");
    if (e->creator)
        text_elem(o, "<p class=\"creator\">", e->creator, "</p>\n");
    if (e->publisher)
        text_elem(o, "<p class=\"publisher\">", e->publisher, "</p>\n");
    if (e->rights)
        text_elem(o, "<p class=\"rights\">", e->rights, "</p>\n");
    yk_buf_puts(o, "</section>\n");
    yk_edition_page_close(o);
}

static void cover_page(yk_buf *o, const yk_edition *e)
{
    yk_edition_page_open(o, e, yk_edition_text_get(e, YK_ET_COVER), "cover");
    yk_buf_puts(o, "<section class=\"cover\" epub:type=\"cover\">\n<img src=\"");
    esc(o, e->images[e->cover_image].dst);
    yk_buf_puts(o, "\" alt=\"");
    esc(o, e->title);
    yk_buf_puts(o, "\" />\n</section>\n");
    yk_edition_page_close(o);
}

/* libzip writes DOS timestamps in local time: hand it the time whose local
 * fields are the UTC fields of 'iso', so the bytes do not depend on TZ. */
static time_t zip_time(const char *iso)
{
    struct tm tm;
    time_t t;
    memset(&tm, 0, sizeof(tm));
    if (sscanf(iso, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6)
        return 315532800;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    if (tm.tm_year < 80) { /* DOS time starts in 1980 */
        memset(&tm, 0, sizeof(tm));
        tm.tm_year = 80;
        tm.tm_mday = 1;
    }
    tm.tm_isdst = -1;
    t = mktime(&tm);
    return t == (time_t)-1 ? 315532800 : t;
}

static int zip_fail(zip_t *za, const char *what)
{
    return yk_error_set(YK_EIO, "writing the EPUB: %s: %s", what,
                        za ? zip_strerror(za) : "libzip error");
}

/* Zip the entries (mimetype first, stored; the rest sorted, deflated) into
 * 'out'. */
static int zip_entries(yk_buf *out, entries *es, const char *modified)
{
    zip_error_t ze;
    zip_source_t *mem = NULL;
    zip_t *za = NULL;
    time_t mtime = zip_time(modified);
    size_t i;
    zip_int64_t len;
    int rc = YK_OK;

    zip_error_init(&ze);
    if (!(mem = zip_source_buffer_create(NULL, 0, 0, &ze)) ||
        !(za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze))) {
        rc = yk_error_set(YK_EIO, "writing the EPUB: %s", zip_error_strerror(&ze));
        if (mem)
            zip_source_free(mem);
        zip_error_fini(&ze);
        return rc;
    }
    zip_source_keep(mem);
    /* mimetype (put first by the caller) stays first; the rest sorted */
    if (es->n > 1)
        qsort(es->v + 1, es->n - 1, sizeof(*es->v), cmp_entry);
    for (i = 0; i < es->n; i++) {
        zip_source_t *s = zip_source_buffer(za, es->v[i].data, es->v[i].len, 1);
        zip_int64_t idx;
        if (!s) {
            rc = zip_fail(za, es->v[i].name);
            goto fail;
        }
        es->v[i].data = NULL; /* libzip owns it now */
        if ((idx = zip_file_add(za, es->v[i].name, s, ZIP_FL_ENC_UTF_8)) < 0) {
            zip_source_free(s);
            rc = zip_fail(za, es->v[i].name);
            goto fail;
        }
        if (zip_set_file_compression(za, (zip_uint64_t)idx, i == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                     i == 0 ? 0 : 9) < 0 ||
            zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0 ||
            zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                             (zip_uint32_t)0100644 << 16) < 0) {
            rc = zip_fail(za, es->v[i].name);
            goto fail;
        }
    }
    if (zip_close(za) < 0) {
        rc = zip_fail(za, "closing");
        goto fail;
    }
    za = NULL;
    if (zip_source_open(mem) < 0 || zip_source_seek(mem, 0, SEEK_END) < 0 ||
        (len = zip_source_tell(mem)) < 0 || zip_source_seek(mem, 0, SEEK_SET) < 0) {
        rc = yk_error_set(YK_EIO, "writing the EPUB: cannot read the archive back");
        goto fail;
    }
    if ((size_t)len > MAX_EPUB) {
        zip_source_close(mem);
        rc = yk_error_set(YK_ETOOBIG, "the EPUB would be larger than %zu bytes", MAX_EPUB);
        goto fail;
    }
    yk_buf_grow(out, (size_t)len);
    if (zip_source_read(mem, out->buf + out->len, (zip_uint64_t)len) != len) {
        zip_source_close(mem);
        rc = yk_error_set(YK_EIO, "writing the EPUB: cannot read the archive back");
        goto fail;
    }
    out->len += (size_t)len;
    out->buf[out->len] = '\0';
    zip_source_close(mem);
fail:
    if (za)
        zip_discard(za);
    zip_source_free(mem);
    zip_error_fini(&ze);
    return rc;
}

int yk_build_epub(yk_build_result *out, yk_project *p, const char *lang,
                  const yk_build_options *opts)
{
    yk_edition *e = NULL;
    entries es = {NULL, 0, 0};
    yk_buf b = YK_BUF_INIT, root = YK_BUF_INIT, name = YK_BUF_INIT, path = YK_BUF_INIT;
    size_t i, total;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!opts->out_dir || !*opts->out_dir)
        return yk_error_set(YK_EINVAL, "no output directory (-o DIR)");
    if ((rc = yk_edition_load(&e, p, lang, opts, 1, &out->skipped)) < 0)
        goto done;

    yk_buf_puts(&b, "application/epub+zip");
    put(&es, "mimetype", &b, 1);
    yk_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<container version=\"1.0\" "
                    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
                    "<rootfiles>\n<rootfile full-path=\"OEBPS/content.opf\" "
                    "media-type=\"application/oebps-package+xml\" />\n</rootfiles>\n"
                    "</container>\n");
    put(&es, "META-INF/container.xml", &b, 1);
    total = e->nchapters + out->skipped;
    for (i = 0; i < e->nchapters; i++) {
        const yk_edition_chapter *c = &e->chapters[i];
        yk_edition_page_open(&b, e, c->title, "chapter");
        yk_buf_puts(&b, "<section epub:type=\"chapter\">\n");
        if ((rc = yk_edition_chapter_body(&b, e, i)) < 0)
            goto done;
        yk_buf_puts(&b, "</section>\n");
        yk_edition_page_close(&b);
        yk_buf_clear(&name);
        yk_buf_printf(&name, "%s.xhtml", c->file);
        put(&es, name.buf, &b, 0);
        if (opts->progress)
            opts->progress(c->name, 0, c->percent, out->skipped + i + 1, total, opts->payload);
    }
    /* after the chapters: they add the images they use */
    opf(&b, e);
    put(&es, "content.opf", &b, 0);
    nav(&b, e);
    put(&es, "nav.xhtml", &b, 0);
    ncx(&b, e);
    put(&es, "toc.ncx", &b, 0);
    title_page(&b, e);
    put(&es, "title.xhtml", &b, 0);
    if (e->cover_image >= 0) {
        cover_page(&b, e);
        put(&es, "cover.xhtml", &b, 0);
    }
    yk_edition_page_open(&b, e, yk_edition_text_get(e, YK_ET_CREDITS), "credits");
    yk_edition_credits_body(&b, e);
    yk_edition_page_close(&b);
    put(&es, "credits.xhtml", &b, 0);
    yk_buf_puts(&b, yk_edition_css);
    put(&es, "style.css", &b, 0);
    for (i = 0; i < e->nimages; i++) {
        if ((rc = yk_edition_image_read(&b, e, i)) < 0)
            goto done;
        put(&es, e->images[i].dst, &b, 0);
    }

    if ((rc = zip_entries(&b, &es, e->modified)) < 0)
        goto done;
    if ((rc = yk_fs_mkdirs(opts->out_dir)) < 0 || (rc = yk_fs_realpath(&root, opts->out_dir)) < 0)
        goto done;
    yk_buf_clear(&name);
    yk_buf_printf(&name, "%s.epub", e->lang);
    if ((rc = yk_build_output_path(&path, root.buf, name.buf)) < 0 ||
        (rc = yk_fs_write_atomic(path.buf, b.buf, b.len)) < 0)
        goto done;
    out->written++;
done:
    for (i = 0; i < es.n; i++) {
        free(es.v[i].name);
        free(es.v[i].data);
    }
    free(es.v);
    yk_edition_free(e);
    yk_buf_release(&b);
    yk_buf_release(&root);
    yk_buf_release(&name);
    yk_buf_release(&path);
    return rc;
}
