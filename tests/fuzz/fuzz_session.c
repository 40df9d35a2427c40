/*
 * The `translate` editor file: yk_session_submit parses the edited file
 * (and the original) and submits what changed, inside a transaction that is
 * rolled back.  The original is the session the fuzz project wrote; the
 * first byte chooses the language and whether the input is also used as
 * the original (bit 1).  Invariants: success with consistent counts (every
 * block of the edited file is submitted, unchanged or refused) or a clean
 * error.
 */
#define _XOPEN_SOURCE 700 /* nftw, for removing the project */
#include "fuzz.h"
#include "fuzz_project.h"

static yk_project *project;
static yk_bytes original;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    yk_session_options so = YK_SESSION_OPTIONS_INIT;
    size_t nblocks = 0;
    (void)argc;
    (void)argv;
    project = fuzz_project();
    so.chapter = "ch01";
    so.all = 1;
    if (yk_project_begin(project) != YK_OK ||
        yk_claim_chapter(project, "ch01", "ja", YK_CLAIM_TRANSLATOR) != YK_OK ||
        yk_project_commit(project) != YK_OK)
        fuzz_fail("cannot claim the fuzz chapter");
    if (yk_session_write(&original, &nblocks, project, "ja", &so) != YK_OK || nblocks == 0)
        fuzz_fail("cannot write the fuzz session");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yk_session_result res;
    const char *orig = (const char *)original.data, *edited;
    size_t orig_len = original.len;
    int rc;

    if (size < 1)
        return 0;
    edited = (const char *)data + 1;
    if (data[0] & 2u) {
        orig = edited;
        orig_len = size - 1;
    }
    if (yk_project_begin(project) != YK_OK)
        fuzz_fail("begin");
    rc = yk_session_submit(&res, project, (data[0] & 1u) ? "ko" : "ja", orig, orig_len, edited,
                           size - 1);
    if (rc == YK_OK) {
        if (res.submitted + res.unchanged > res.blocks + size)
            fuzz_fail("session: more blocks submitted than written");
        yk_session_result_release(&res);
    } else {
        fuzz_fail("session submit failed");
    }
    yk_project_rollback(project);
    return 0;
}
