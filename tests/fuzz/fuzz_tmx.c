/*
 * TMX import: yk_tm_import_tmx (streaming xmlTextReader through the
 * hardened set-up of formats/xml.c, then the memory's writer).  The input is
 * written to a file in the fuzz project and imported inside a transaction
 * that is rolled back.  Invariants: success or a clean input error; after a
 * successful import the memory can be searched.
 */
#define _XOPEN_SOURCE 700 /* nftw, for removing the project */
#include "fuzz.h"
#include "fuzz_project.h"

static yk_project *project;
static char tmx_path[300];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    project = fuzz_project();
    snprintf(tmx_path, sizeof(tmx_path), "%s/in.tmx", fuzz_dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yk_tm_import_result res;
    int rc;

    fuzz_write_file(tmx_path, data, size);
    if (yk_project_begin(project) != YK_OK)
        fuzz_fail("begin");
    rc = yk_tm_import_tmx(&res, project, tmx_path);
    if (rc == YK_OK) {
        yk_tm_search_options so = YK_TM_SEARCH_OPTIONS_INIT;
        yk_tm_matches *m = NULL;
        if (res.added + res.duplicates + res.skipped > res.units * 64 + 64)
            fuzz_fail("tmx: more results than units");
        if (yk_tm_sync(project) != YK_OK)
            fuzz_fail("tm sync after an import");
        if (yk_tm_search(&m, project, "ja", "维护者每年选举一次。", strlen("维护者每年选举一次。"),
                         &so) != YK_OK)
            fuzz_fail("tm search after an import");
        if (m)
            yk_tm_matches_free(m);
    } else {
        fuzz_expect_input_error(rc, "tmx import: unexpected error code");
    }
    yk_project_rollback(project);
    return 0;
}
