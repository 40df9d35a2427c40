/*
 * Internals of the build module shared by its files: the Markdown tree
 * (mdtree.c), the edition model the HTML and EPUB writers share
 * (edition.c), and the writers (html.c, epub.c).  Never installed.
 */
#ifndef YK_BUILD_BUILD_H
#define YK_BUILD_BUILD_H

#include <yaku/yaku.h>

#include "store/store.h"
#include "util/buf.h"

/** ## Shared steps (mdtree.c) */

/* The stored document 'd' rebuilt with the 'lang' translations into 'out'.
 * *untranslated (may be NULL) counts its segments without a usable
 * translation; *fm_title (may be NULL) gets the translated value of its
 * front-matter key "title" (malloc'd), or NULL.  YK_EDB when the stored
 * segments no longer match the document. */
int yk_build_translate(yk_buf *out, size_t *untranslated, char **fm_title, yk_project *p,
                       const yk_store_document *d, const char *lang, yk_build_fallback fallback);

/* out_root/rel, with directories created; YK_EINVAL when it would land
 * outside out_root (an absolute or climbing path, a symlinked directory or
 * a symlink planted at the final path). */
int yk_build_output_path(yk_buf *out, const char *out_root, const char *rel);

int yk_build_mdtree(yk_build_result *out, yk_project *p, const char *lang,
                    const yk_build_options *opts);

/** ## The edition model (edition.c) */

typedef struct yk_edition_chapter {
    char *name;      /* the project's chapter name */
    char *file;      /* page name without extension: unique, [a-z0-9_-] */
    char *title;     /* for the table of contents (plain text) */
    double percent;
    int fallback;    /* shows source text where translations are missing */
    char **docs;     /* project-relative document paths, in order */
    size_t ndocs;
    yk_buf ids;      /* "\n"-separated ids of the page, for fragment checks */
} yk_edition_chapter;

typedef struct yk_edition_image {
    char *src;              /* project-relative path */
    char *dst;              /* output-relative path ("images/...") */
    const char *media_type; /* "image/png", ... */
} yk_edition_image;

typedef struct yk_edition_credit {
    char *chapter, *user, *role; /* role: "translator" or "reviewer" */
} yk_edition_credit;

typedef struct yk_edition_person {
    char *user;
    int translator, reviewer;
} yk_edition_person;

typedef struct yk_edition {
    yk_project *p;
    char lang[36];
    const yk_build_options *opts;
    int xhtml;           /* EPUB: XHTML pages, remote images become links */
    const char *ext;     /* ".html" or ".xhtml" */
    yk_edition_chapter *chapters;
    size_t nchapters, cap_chapters;
    yk_edition_image *images;
    size_t nimages, cap_images;
    yk_edition_credit *credits;
    size_t ncredits, cap_credits;
    yk_edition_person *people; /* in order of first contribution */
    size_t npeople, cap_people;
    /* metadata: never NULL but subtitle, creator, publisher, rights, cover */
    char *title, *subtitle, *creator, *publisher, *rights, *cover, *note, *identifier;
    char modified[32]; /* ISO 8601 UTC */
    long cover_image; /* index in images[], or -1 */
    /* set while a chapter is rendered */
    size_t cur;
    const char *cur_doc;
} yk_edition;

/* Read the project into an edition of 'lang' (normalised): chapters in
 * order with titles and heading ids (chapters under opts->min_percent are
 * left out and reported through opts->progress), metadata, credits.
 * 'xhtml' selects EPUB rules.  Free with yk_edition_free(). */
int yk_edition_load(yk_edition **out, yk_project *p, const char *lang,
                    const yk_build_options *opts, int xhtml, size_t *skipped);
void yk_edition_free(yk_edition *e);

/* Append the body of chapter i: the fallback note if any, then each of its
 * documents as HTML (XHTML for EPUB) with links rewritten.  Images it
 * references are added to e->images. */
int yk_edition_chapter_body(yk_buf *out, yk_edition *e, size_t i);

/* The bytes of image i, read from the project (confined to its root). */
int yk_edition_image_read(yk_buf *out, const yk_edition *e, size_t i);

/* Localised interface strings. */
typedef enum yk_edition_text {
    YK_ET_CONTENTS,
    YK_ET_CREDITS,
    YK_ET_TRANSLATION,
    YK_ET_REVIEW,
    YK_ET_COVER,
    YK_ET_PREV,
    YK_ET_NEXT,
    YK_ET_CREDITS_INTRO,
    YK_ET_NO_CREDITS
} yk_edition_text;
const char *yk_edition_text_get(const yk_edition *e, yk_edition_text which);

/* XML/HTML escape of s (NUL-terminated) for text and attribute values. */
void yk_edition_escape(yk_buf *out, const char *s);

/* The page head: doctype (and XML declaration for XHTML), <html lang>,
 * <head> with title and the style sheet, then "<body>\n". */
void yk_edition_page_open(yk_buf *out, const yk_edition *e, const char *title,
                          const char *body_class);
void yk_edition_page_close(yk_buf *out);

/* The credits section (per chapter, translators and reviewers). */
void yk_edition_credits_body(yk_buf *out, const yk_edition *e);

/* The style sheet, tuned for Japanese and Korean text. */
extern const char yk_edition_css[];

int yk_build_html(yk_build_result *out, yk_project *p, const char *lang,
                  const yk_build_options *opts);
int yk_build_epub(yk_build_result *out, yk_project *p, const char *lang,
                  const yk_build_options *opts);

#endif
