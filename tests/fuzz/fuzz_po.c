/*
 * PO import: yk_po_parse.  Invariants: a parsed file writes (yk_po_write),
 * the written file parses again to the same entries, and writing that gives
 * the same bytes (parse → write → parse → write is stable).  The first byte
 * chooses a small line ceiling (bit 0) to exercise the limit paths.
 */
#include "fuzz.h"

#include "formats/po.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int same(const char *a, const char *b)
{
    if (!a || !b)
        return a == b || (!a && b && !*b) || (!b && a && !*a);
    return strcmp(a, b) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yk_po_parse_options o = YK_PO_PARSE_OPTIONS_INIT;
    yk_po_file *po = NULL, *po2 = NULL;
    yk_buf w1 = YK_BUF_INIT, w2 = YK_BUF_INIT;
    size_t i;
    int rc;

    if (size < 1)
        return 0;
    if (data[0] & 1u)
        o.max_line = 64;
    rc = yk_po_parse(&po, (const char *)data + 1, size - 1, "fuzz.po", &o);
    if (rc != YK_OK) {
        fuzz_expect_input_error(rc, "po_parse: unexpected error code");
        if (po)
            fuzz_fail("po_parse failed but set *out");
        return 0;
    }
    if ((rc = yk_po_write(&w1, &po->header, po->entries, po->n)) != YK_OK)
        fuzz_fail("a parsed file does not write");
    if ((rc = yk_po_parse(&po2, w1.buf, w1.len, "written.po", NULL)) != YK_OK)
        fuzz_fail("a written file does not parse");
    if (po2->n != po->n)
        fuzz_fail("entry count changed by write and parse");
    for (i = 0; i < po->n; i++) {
        const yk_po_entry *a = &po->entries[i], *b = &po2->entries[i];
        if (!same(a->ctxt, b->ctxt) || strcmp(a->id, b->id) != 0 || !same(a->str, b->str) ||
            a->fuzzy != b->fuzzy || !same(a->prev_id, b->prev_id))
            fuzz_fail("an entry changed by write and parse");
    }
    if ((rc = yk_po_write(&w2, &po2->header, po2->entries, po2->n)) != YK_OK)
        fuzz_fail("a re-parsed file does not write");
    if (w1.len != w2.len || memcmp(w1.buf, w2.buf, w1.len) != 0)
        fuzz_fail("parse/write is not stable");
    yk_buf_release(&w1);
    yk_buf_release(&w2);
    yk_po_file_free(po);
    yk_po_file_free(po2);
    return 0;
}
