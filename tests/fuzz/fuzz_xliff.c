/*
 * XLIFF reader.  Option byte bit 0 clear: yk_xliff_parse() on the rest of
 * the input, and when it succeeds, the units written again in the file's
 * version must parse back to the same ids, texts, states, revisions and
 * previous sources (placeholders, code points and escapes lose nothing).
 * Bit 0 set: the whole import (yk_import, which tells XLIFF from PO by
 * content) into the fuzz project, inside a transaction that is rolled
 * back.  Invariant for both: success or a clean input error.
 */
#define _XOPEN_SOURCE 700 /* nftw, for removing the project */
#include "fuzz.h"
#include "fuzz_project.h"

#include "formats/xliff.h"
#include "util/buf.h"

static yk_project *project;
static char xliff_path[300];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    project = fuzz_project();
    snprintf(xliff_path, sizeof(xliff_path), "%s/in.xlf", fuzz_dir);
    return 0;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static void same_units(const yk_xliff_file *a, const yk_xliff_file *b)
{
    size_t i;
    if (a->n != b->n)
        fuzz_fail("xliff: unit count changed after write + parse");
    for (i = 0; i < a->n; i++) {
        const yk_xliff_unit *x = &a->units[i], *y = &b->units[i];
        int fuzzy = strcmp(x->state, "fuzzy") == 0;
        if (strcmp(x->id, y->id) != 0)
            fuzz_fail("xliff: unit id changed");
        if (strcmp(x->source, y->source) != 0)
            fuzz_fail("xliff: source changed");
        if (strcmp(x->state, y->state) != 0)
            fuzz_fail("xliff: state changed");
        if (strcmp(x->state, "new") != 0 && strcmp(or_empty(x->target), or_empty(y->target)) != 0)
            fuzz_fail("xliff: target changed");
        if (x->revision != y->revision)
            fuzz_fail("xliff: revision changed");
        if (fuzzy && strcmp(or_empty(x->prev_source), or_empty(y->prev_source)) != 0)
            fuzz_fail("xliff: previous source changed");
    }
}

static void parse_and_rewrite(const char *data, size_t size)
{
    yk_xliff_file *f = NULL, *g = NULL;
    yk_buf out = YK_BUF_INIT;
    size_t i, total = 0;
    int rc = yk_xliff_parse(&f, data, size, "in.xlf");

    if (rc != YK_OK) {
        fuzz_expect_input_error(rc, "xliff parse: unexpected error code");
        return;
    }
    for (i = 0; i < f->n; i++)
        total += strlen(f->units[i].source) + strlen(or_empty(f->units[i].target));
    /* (placeholders may expand a small input a lot: keep each run quick) */
    if (total < ((size_t)1 << 20) && (f->n > 0 || f->version == YK_XLIFF_1_2)) {
        int version = f->version == YK_XLIFF_1_2 ? YK_XLIFF_1_2 : YK_XLIFF_2_0;
        if (yk_xliff_write(&out, version, f->src_lang ? f->src_lang : "zh-Hans",
                           f->tgt_lang ? f->tgt_lang : "ja", f->units, f->n) != YK_OK)
            fuzz_fail("xliff: a parsed file cannot be written");
        if (yk_xliff_parse(&g, out.buf, out.len, "again.xlf") != YK_OK)
            fuzz_fail("xliff: what the writer wrote does not parse");
        same_units(f, g);
    }
    yk_xliff_file_free(g);
    yk_xliff_file_free(f);
    yk_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned opt;
    yk_import_options o = YK_IMPORT_OPTIONS_INIT;
    yk_import_result res;
    int rc;

    if (size < 1)
        return 0;
    opt = data[0];
    data++;
    size--;
    if (!(opt & 1)) {
        parse_and_rewrite((const char *)data, size);
        return 0;
    }
    fuzz_write_file(xliff_path, data, size);
    if (yk_project_begin(project) != YK_OK)
        fuzz_fail("begin");
    if (opt & 2)
        o.lang = "ja";
    rc = yk_import(&res, project, xliff_path, &o);
    if (rc == YK_OK) {
        if (res.updated + res.unchanged + res.skipped_empty + res.nrefused != res.entries)
            fuzz_fail("import: entries do not add up");
    } else {
        fuzz_expect_input_error(rc, "xliff import: unexpected error code");
    }
    yk_import_result_release(&res);
    yk_project_rollback(project);
    return 0;
}
