/*
 * yaku export: a language's segments as PO or XLIFF for Poedit, OmegaT,
 * Lokalize, Okapi..., or the language's memory as TMX.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"
#include "util/fs.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("target language (required)")},
    {"chapter", 'c', "C", N_("only chapter C")},
    {"format", 'f', "FORMAT", N_("po (default), xliff (1.2), xliff2 (2.0) or tmx")},
    {"output", 'o', "FILE", N_("write to FILE (default: standard output)")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "export", "--lang L [--chapter C] [--format po|xliff|xliff2|tmx] [-o FILE]",
    N_("Write the segments of a chapter (or of the whole project) with their current\n"
       "translations, for a CAT tool; translate the file there, then run\n"
       "'yaku import FILE'.\n"
       "\n"
       "po      gettext PO (Poedit, Lokalize, Virtaal).  msgctxt holds the segment id\n"
       "        CHAPTER:N; fuzzy entries carry the previous source as '#| msgid'.\n"
       "xliff   XLIFF 1.2 (OmegaT, Okapi, Translate Toolkit); xliff2: XLIFF 2.0.  One\n"
       "        unit per segment, named CHAPTER:N.  Markdown and HTML markup (**bold**,\n"
       "        `code`, [links](url), {{< shortcodes >}}, <tags>) become tags that\n"
       "        keep the original bytes: move them, don't retype them.  States: new\n"
       "        (no target), fuzzy (1.2 needs-review-translation, 2.0 initial),\n"
       "        translated, reviewed (1.2 signed-off).  Fuzzy units carry the previous\n"
       "        source (1.2 alt-trans, 2.0 a note).\n"
       "tmx     the language's translation memory as TMX 1.4b (as 'yaku tm export').\n"
       "\n"
       "PO and XLIFF carry each segment's revision ('yaku-rev: N' in a comment or\n"
       "note), so an import can tell a stale file.  The file is written as the\n"
       "segments are read: -o FILE is replaced only when the export succeeds; on\n"
       "standard output a failed export may leave part of it behind."),
    N_("examples:\n  yaku export --lang ja --chapter ch01 -o ch01.ja.po\n"
       "  yaku export --lang ja --format xliff -o ja.xlf\n"
       "  yaku export --lang ko --format xliff2 -o ko.xlf"),
    opts,
};

/* -o FILE: the temp file is made at the first write, so that an export
 * refused before it writes anything (an unknown language or chapter, an
 * XLIFF 2 with no unit) creates neither it nor FILE's directories. */
typedef struct file_out {
    const char *path;
    yk_fs_atomic f;
    int opened;
} file_out;

static int write_file(void *ctx, const char *data, size_t len)
{
    file_out *o = ctx;
    int rc;
    if (!o->opened) {
        if ((rc = yk_fs_atomic_open(&o->f, o->path)) < 0)
            return rc;
        o->opened = 1;
    }
    return yk_fs_atomic_write(&o->f, data, len);
}

static int write_stdout(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    if (fwrite(data, 1, len, stdout) != len)
        return yk_error_set(YK_EIO, "cannot write to standard output: %s", strerror(errno));
    return YK_OK;
}

int cmd_export(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_export_options o = YK_EXPORT_OPTIONS_INIT;
    file_out out = {NULL, {-1, NULL, NULL}, 0};
    const char *lang, *fmt, *file;
    int rc;

    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    fmt = cli_get(&a, &usage, "format");
    file = cli_get(&a, &usage, "output");
    o.chapter = cli_get(&a, &usage, "chapter");
    if (!lang || a.npos) {
        cli_args_release(&a);
        return cli_usage_error(&usage, lang ? _("unexpected argument '%s'") : _("--lang is required"),
                               a.npos ? a.pos[0] : "");
    }
    if (fmt && (rc = yk_format_from_name(&o.format, fmt)) < 0)
        goto fail;
    if (file && !(file[0] == '-' && file[1] == '\0')) {
        /* written to a temp file as it goes, renamed over FILE at the end:
         * a failed export leaves FILE as it was */
        out.path = file;
        if ((rc = yk_export_write(ctx->project, lang, &o, write_file, &out)) < 0 ||
            (!out.opened && (rc = write_file(&out, "", 0)) < 0) ||
            (rc = yk_fs_atomic_commit(&out.f, 1)) < 0)
            goto fail;
    } else {
        if ((rc = yk_export_write(ctx->project, lang, &o, write_stdout, NULL)) < 0)
            goto fail;
        if (fflush(stdout) != 0) {
            rc = yk_error_set(YK_EIO, "cannot write to standard output: %s", strerror(errno));
            goto fail;
        }
    }
    cli_args_release(&a);
    return 0;
fail:
    if (out.opened)
        yk_fs_atomic_abort(&out.f);
    cli_args_release(&a);
    return cli_fail(rc);
}
