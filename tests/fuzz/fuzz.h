/*
 * Shared by the fuzz targets (tests/fuzz/fuzz_*.c).  Each target defines
 * LLVMFuzzerInitialize and LLVMFuzzerTestOneInput; built with clang
 * -fsanitize=fuzzer they run under libFuzzer (make fuzz), linked with
 * replay.c they replay a corpus under the normal build (make test).
 *
 * A target never returns an error for bad input: bad input must give a clean
 * error code and message.  A broken invariant calls fuzz_fail(), which aborts
 * so that libFuzzer keeps the input.
 */
#ifndef YK_TESTS_FUZZ_H
#define YK_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaku/common.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fuzz_fail(msg) fuzz_fail_at(__FILE__, __LINE__, (msg))

static inline void fuzz_fail_at(const char *file, int line, const char *msg)
{
    const yk_error *e = yk_error_last();
    fprintf(stderr, "%s:%d: fuzz invariant broken: %s (last error: %s)\n", file, line, msg,
            e && e->message[0] ? e->message : "none");
    abort();
}

/* A failure must be one of the codes for bad input, with a message. */
static inline void fuzz_expect_input_error(int rc, const char *what)
{
    const yk_error *e = yk_error_last();
    if (rc != YK_EINVAL && rc != YK_ETOOBIG)
        fuzz_fail(what);
    if (!e || !e->message[0])
        fuzz_fail("an input error without a message");
    yk_error_clear();
}

/* The source language chosen by option bits. */
static inline const char *fuzz_lang(unsigned bits)
{
    static const char *const langs[] = {"zh-Hans", "ja", "ko", "en",
                                        "zh-Hant", "de", "th", "fr"};
    return langs[bits & 7u];
}

#endif
