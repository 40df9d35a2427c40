/*
 * Shared by fuzz_tbx.c and fuzz_tsv.c: read, validate, write back in the
 * same format, and read and validate that again.  A validated glossary
 * with at least one concept must export to a file that imports.
 */
#ifndef YK_TESTS_FUZZ_GLOSSARY_H
#define YK_TESTS_FUZZ_GLOSSARY_H

#include "formats/termbase.h"

typedef int (*fuzz_glossary_reader)(yk_glossary_set *out, const char *data, size_t len,
                                    const char *path, int opt);
typedef void (*fuzz_glossary_writer)(yk_buf *out, const yk_glossary_set *set, int opt);

static void fuzz_glossary(const char *data, size_t len, int opt, fuzz_glossary_reader rd,
                          fuzz_glossary_writer wr)
{
    yk_glossary_set set = YK_GLOSSARY_SET_INIT, again = YK_GLOSSARY_SET_INIT;
    yk_buf out = YK_BUF_INIT;
    int rc;

    rc = rd(&set, data, len, "fuzz", opt);
    if (rc == YK_OK)
        rc = yk_glossary_validate(&set, "fuzz");
    if (rc != YK_OK) {
        fuzz_expect_input_error(rc, "glossary read: unexpected error code");
        yk_glossary_set_release(&set);
        return;
    }
    if (set.n == 0) { /* an empty glossary exports a header without languages */
        yk_glossary_set_release(&set);
        return;
    }
    wr(&out, &set, opt);
    if (rd(&again, out.buf, out.len, "written", opt) != YK_OK ||
        yk_glossary_validate(&again, "written") != YK_OK)
        fuzz_fail("a validated glossary does not read back");
    if (again.n != set.n)
        fuzz_fail("concept count changed by write and read");
    yk_buf_release(&out);
    yk_glossary_set_release(&set);
    yk_glossary_set_release(&again);
}

#endif
