/*
 * yaku — building the translated edition.
 */
#ifndef YAKU_BUILD_H
#define YAKU_BUILD_H

#include <yaku/translation.h>

typedef enum yk_build_fallback { YK_BUILD_FALLBACK_SOURCE = 0, YK_BUILD_FALLBACK_OMIT } yk_build_fallback;

/* Every edition at once (opts->format): the Markdown tree in DIR/md, the
 * HTML edition in DIR/html and the EPUB as DIR/LANG.epub. */
#define YK_BUILD_FORMAT_ALL ((yk_format)0x100)

typedef struct yk_build_options {
    /* YK_FORMAT_MD: the source tree with translations, each document at its
     * relative path.  YK_FORMAT_HTML: one page per chapter, index.html (the
     * table of contents), credits.html, style.css, images/.
     * YK_FORMAT_EPUB: DIR/LANG.epub (EPUB 3).  YK_BUILD_FORMAT_ALL. */
    yk_format format;
    const char *out_dir;       /* required */
    double min_percent;        /* chapters below are skipped (po4a's -k) */
    yk_build_fallback fallback;
    /* called once per document written or skipped; may be NULL */
    void (*progress)(const char *path, int skipped, double percent, size_t done, size_t total,
                     void *payload);
    void *payload;
} yk_build_options;
#define YK_BUILD_OPTIONS_INIT {YK_FORMAT_MD, NULL, 0, YK_BUILD_FALLBACK_SOURCE, NULL, NULL}

typedef struct yk_build_result {
    size_t written, skipped;
} yk_build_result;

/* Parse a --format value of `build`: "md", "html", "epub" or "all".
 * YK_EINVAL for anything else. */
int yk_build_format_from_name(yk_format *out, const char *name);

/* Write the edition for 'lang' under opts->out_dir, each file atomically.
 * Paths never escape out_dir (YK_EPERM).  YK_EINVAL for an unknown
 * language or an unsupported format.
 *
 * HTML and EPUB: chapters in project order or the order of the setting
 * `edition.chapter-order`; links between documents point at the chapter
 * pages, images under the project root are copied (others are replaced by
 * their alt text); the metadata comes from the settings `edition.LANG.*`
 * (title, subtitle, creator, publisher, rights, cover, identifier,
 * fallback-note) and the credits from the history.  A chapter built with
 * source text in place of missing translations opens with a note saying
 * so.  The same project gives byte-identical files: the modification date
 * is $SOURCE_DATE_EPOCH or the project's last change, never the clock.
 * YK_ENOTFOUND for a configured cover that does not exist. */
int yk_build(yk_build_result *out, yk_project *project, const char *lang,
             const yk_build_options *opts);

#endif
