/*
 * yaku — building the translated edition.
 */
#ifndef YAKU_BUILD_H
#define YAKU_BUILD_H

#include <yaku/translation.h>

typedef enum yk_build_fallback { YK_BUILD_FALLBACK_SOURCE = 0, YK_BUILD_FALLBACK_OMIT } yk_build_fallback;

typedef struct yk_build_options {
    yk_format format;          /* YK_FORMAT_MD (the Markdown/text tree) */
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

/* Write the edition for 'lang' under opts->out_dir, each file atomically.
 * Paths never escape out_dir (YK_EPERM).  YK_EINVAL for an unknown
 * language or an unsupported format. */
int yk_build(yk_build_result *out, yk_project *project, const char *lang,
             const yk_build_options *opts);

#endif
