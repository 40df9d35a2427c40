/*
 * TSV / CSV glossary import: yk_tsv_read and yk_glossary_validate.  The
 * first byte chooses the delimiter (bit 0: CSV).  A valid glossary is
 * written back with yk_tsv_write and must read back to as many concepts.
 */
#include "fuzz.h"
#include "fuzz_glossary.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int read_tsv(yk_glossary_set *out, const char *data, size_t len, const char *path, int opt)
{
    return yk_tsv_read(out, data, len, path, opt ? ',' : '\t');
}

static void write_tsv(yk_buf *out, const yk_glossary_set *set, int opt)
{
    yk_tsv_write(out, set, opt ? ',' : '\t');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fuzz_glossary((const char *)data + 1, size - 1, data[0] & 1, read_tsv, write_tsv);
    return 0;
}
