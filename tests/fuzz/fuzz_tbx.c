/*
 * TBX glossary import: yk_tbx_read (the hardened libxml2 parser of
 * formats/xml.c) and yk_glossary_validate; a valid glossary is written
 * back with yk_tbx_write and must read back to as many concepts.
 */
#include "fuzz.h"
#include "fuzz_glossary.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int read_tbx(yk_glossary_set *out, const char *data, size_t len, const char *path, int opt)
{
    (void)opt;
    return yk_tbx_read(out, data, len, path);
}

static void write_tbx(yk_buf *out, const yk_glossary_set *set, int opt)
{
    (void)opt;
    yk_tbx_write(out, set, "zh-Hans");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_glossary((const char *)data, size, 0, read_tbx, write_tbx);
    return 0;
}
