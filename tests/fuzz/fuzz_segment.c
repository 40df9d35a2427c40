/*
 * The sentence segmenter: yk_segment_sentences.  The first byte chooses the
 * language.  Invariants: ranges in order, in bounds, non-overlapping,
 * non-empty and trimmed; invalid UTF-8 is YK_EINVAL with no ranges.
 */
#include "fuzz.h"

#include "segment/segment.h"
#include "util/utf8.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int space_at(const char *s, size_t len, size_t i)
{
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
        return 1;
    return i + 3 <= len && memcmp(s + i, "\xe3\x80\x80", 3) == 0; /* U+3000 */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    yk_range *r = NULL;
    size_t n = 7, i, prev_end = 0;
    const char *text;
    int rc;

    if (size < 1)
        return 0;
    text = (const char *)data + 1;
    size--;
    rc = yk_segment_sentences(&r, &n, text, size, fuzz_lang(data[0]));
    if (rc != YK_OK) {
        if (rc != YK_EINVAL || r || n)
            fuzz_fail("segment: unexpected error or output on error");
        if (yk_utf8_invalid_at(text, size) == size)
            fuzz_fail("segment: valid UTF-8 refused");
        yk_error_clear();
        return 0;
    }
    for (i = 0; i < n; i++) {
        if (r[i].len == 0 || r[i].off < prev_end || r[i].off > size || r[i].len > size - r[i].off)
            fuzz_fail("segment: range out of order or bounds");
        if (space_at(text, size, r[i].off))
            fuzz_fail("segment: range starts with white space");
        if (text[r[i].off + r[i].len - 1] == ' ' || text[r[i].off + r[i].len - 1] == '\n')
            fuzz_fail("segment: range ends with white space");
        prev_end = r[i].off + r[i].len;
    }
    free(r);
    return 0;
}
