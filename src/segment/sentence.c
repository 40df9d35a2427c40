/*
 * Sentence segmentation: ICU's sentence BreakIterator proposes boundaries,
 * rules.c corrects them, a project's SRX rules (srx.c) correct them again,
 * and this file turns them into trimmed byte ranges.  rules.c and join.c
 * are plain C; ICU is called from here, words.c and srx.c.
 */
#include "segment/segment.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uloc.h>
#include <unicode/utypes.h>

#include "segment/segment_internal.h"
#include "segment/words.h"
#include "util/error.h"
#include "util/utf8.h"
#include "util/xalloc.h"
#include "util/banned.h"

/*
 * Opening an ICU break iterator loads and compiles rule data, which costs far
 * more than segmenting a paragraph; keep a few per thread, keyed by locale.
 * Thread-local so that no locking is needed: an iterator holds its text.
 */
#define CACHE_SLOTS 4

typedef struct iter_slot {
    char locale[ULOC_FULLNAME_CAPACITY];
    char tag[64]; /* the BCP 47 tag last asked for, mapping to 'locale' */
    UBreakIterator *bi;
} iter_slot;

static _Thread_local iter_slot cache[CACHE_SLOTS];
static _Thread_local unsigned cache_next;

static void icu_locale(char *out, size_t cap, const char *lang)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t parsed = 0;

    out[0] = '\0';
    if (!lang || !*lang)
        return;
    uloc_forLanguageTag(lang, out, (int32_t)cap, &parsed, &st);
    /* An unparsable tag falls back to the root rules, which suit most text. */
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
        out[0] = '\0';
}

static UBreakIterator *iter_get(const char *lang)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi;
    iter_slot *slot;
    unsigned i;

    /* Converting the tag costs more than a short paragraph's segmentation:
     * look the tag itself up first. */
    for (i = 0; lang && *lang && i < CACHE_SLOTS; i++)
        if (cache[i].bi && strcmp(cache[i].tag, lang) == 0)
            return cache[i].bi;
    icu_locale(loc, sizeof(loc), lang);
    for (i = 0; i < CACHE_SLOTS; i++) {
        if (cache[i].bi && strcmp(cache[i].locale, loc) == 0) {
            if (lang && strlen(lang) < sizeof(cache[i].tag))
                snprintf(cache[i].tag, sizeof(cache[i].tag), "%s", lang);
            return cache[i].bi;
        }
    }
    bi = ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &st);
    if (U_FAILURE(st))
        return NULL;
    slot = &cache[cache_next];
    cache_next = (cache_next + 1) % CACHE_SLOTS;
    if (slot->bi)
        ubrk_close(slot->bi);
    slot->bi = bi;
    snprintf(slot->locale, sizeof(slot->locale), "%s", loc);
    slot->tag[0] = '\0';
    if (lang && strlen(lang) < sizeof(slot->tag))
        snprintf(slot->tag, sizeof(slot->tag), "%s", lang);
    return bi;
}

/*
 * The working memory of yk_segment_sentences_srx, kept per thread from one
 * call to the next and grown as needed: a document has thousands of
 * paragraphs, and four allocations (two of them zeroed) per paragraph cost
 * more than converting a short one.  Nothing the splitter calls splits
 * sentences itself, so one set per thread is enough.
 */
typedef struct work_mem {
    UChar *u;
    size_t *map;
    unsigned char *brk, *prot;
    size_t cap; /* bytes of text the arrays have room for */
} work_mem;

static _Thread_local work_mem work;

/* The cached iterators keep pointing at the text of their last call, which
 * is work.u: detach them before it moves or goes. */
static void iters_detach(void)
{
    static const UChar empty[1] = {0};
    unsigned i;
    for (i = 0; i < CACHE_SLOTS; i++) {
        UErrorCode st = U_ZERO_ERROR;
        if (cache[i].bi)
            ubrk_setText(cache[i].bi, empty, 0, &st);
    }
}

static void work_reserve(size_t len)
{
    size_t cap = work.cap ? work.cap : 256;
    if (len < work.cap)
        return;
    while (cap <= len)
        cap *= 2;
    iters_detach();
    free(work.u);
    free(work.map);
    free(work.brk);
    free(work.prot);
    work.u = yk_xmalloc(cap * sizeof(*work.u));
    work.map = yk_xmalloc((cap + 1) * sizeof(*work.map));
    work.brk = yk_xmalloc(cap + 1);
    work.prot = yk_xmalloc(cap + 1);
    work.cap = cap;
}

static void work_release(void)
{
    free(work.u);
    free(work.map);
    free(work.brk);
    free(work.prot);
    memset(&work, 0, sizeof(work));
}

void yk_segment_cleanup(void)
{
    unsigned i;
    for (i = 0; i < CACHE_SLOTS; i++) {
        if (cache[i].bi)
            ubrk_close(cache[i].bi);
        cache[i].bi = NULL;
        cache[i].locale[0] = '\0';
        cache[i].tag[0] = '\0';
    }
    cache_next = 0;
    work_release();
    yk_segment_words_cleanup();
    yk_segment_srx_cleanup();
}

/*
 * UTF-8 → UTF-16, recording for each UTF-16 index the byte offset it starts
 * at (map[n16] = len), so ICU's offsets can be taken back to bytes.  ICU only
 * reports boundaries between code points, never inside a surrogate pair.
 * Validates as it goes: returns the UTF-16 length, or sets *bad to the
 * offset of the first invalid byte (*bad is len when all is valid).
 */
static size_t to_utf16(UChar *u, size_t *map, const char *text, size_t len, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, k = 0;

    *bad = len;
    while (i < len) {
        unsigned char c = s[i];
        uint32_t cp;
        size_t n;
        if (c < 0x80) {
            map[k] = i;
            u[k++] = c;
            i++;
            continue;
        }
        /* Inline, the commonest case of CJK text (yk_utf8_plain3); the rest
         * goes through the strict decoder. */
        if (yk_utf8_plain3(text + i, len - i)) {
            map[k] = i;
            u[k++] = (UChar)(((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F));
            i += 3;
            continue;
        }
        if ((n = yk_utf8_decode(&cp, text + i, len - i)) == 0) {
            *bad = i;
            return 0;
        }
        map[k] = i;
        if (cp >= 0x10000) {
            u[k++] = (UChar)(0xD800 + ((cp - 0x10000) >> 10));
            map[k] = i;
            u[k++] = (UChar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            u[k++] = (UChar)cp;
        }
        i += n;
    }
    map[k] = len;
    return k;
}

/* Leaves the iterator on t->u, which is work.u (see iters_detach). */
static int icu_boundaries(unsigned char *brk, const yk_segment_text *t, const char *lang)
{
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi;
    int32_t pos;

    if ((bi = iter_get(lang)) == NULL)
        return yk_error_set(YK_ERROR, "cannot open the ICU sentence break iterator for '%s'",
                            lang ? lang : "");
    ubrk_setText(bi, t->u, (int32_t)t->n16, &st);
    if (U_FAILURE(st))
        return yk_error_set(YK_ERROR, "ICU cannot segment the text: %s", u_errorName(st));
    for (pos = ubrk_first(bi); pos != UBRK_DONE; pos = ubrk_next(bi))
        brk[t->map[pos]] = 1;
    return YK_OK;
}

int yk_segment_is_space_at(const char *s, size_t len, size_t *n)
{
    unsigned char c;

    if (len == 0)
        return 0;
    c = (unsigned char)s[0];
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
        *n = 1;
        return 1;
    }
    /* U+3000 IDEOGRAPHIC SPACE is E3 80 80. */
    if (len >= 3 && c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80) {
        *n = 3;
        return 1;
    }
    return 0;
}

/* A Markdown hard break written as a backslash before the line end belongs
 * between sentences, not at the start of the next one. */
static int hard_break_at(const char *text, size_t i, size_t end)
{
    return i + 1 < end && text[i] == '\\' && (text[i + 1] == '\n' || text[i + 1] == '\r');
}

static size_t trim_start(const char *text, size_t start, size_t end)
{
    size_t n;
    for (;;) {
        if (start < end && yk_segment_is_space_at(text + start, end - start, &n))
            start += n;
        else if (hard_break_at(text, start, end))
            start++;
        else
            return start;
    }
}

static size_t trim_end(const char *text, size_t start, size_t end)
{
    for (;;) {
        if (end > start &&
            (text[end - 1] == ' ' || (text[end - 1] >= '\t' && text[end - 1] <= '\r')))
            end--;
        else if (end >= start + 3 && (unsigned char)text[end - 3] == 0xE3 &&
                 (unsigned char)text[end - 2] == 0x80 && (unsigned char)text[end - 1] == 0x80)
            end -= 3;
        else
            return end;
    }
}

int yk_segment_sentences(yk_range **out, size_t *n, const char *text, size_t len, const char *lang)
{
    return yk_segment_sentences_srx(out, n, text, len, lang, NULL);
}

int yk_segment_sentences_srx(yk_range **out, size_t *n, const char *text, size_t len,
                             const char *lang, const yk_segment_srx *srx)
{
    unsigned char *brk = NULL, *prot = NULL;
    yk_range *ranges = NULL;
    UChar *u = NULL;
    size_t *map = NULL;
    size_t count = 0, cap = 0, bad, start, i;
    yk_segment_text t;
    int rc;

    *out = NULL;
    *n = 0;
    if (len > 0 && !text)
        return yk_error_set(YK_EINVAL, "no text to segment");
    /* ICU indexes text with int32_t. */
    if (len > INT32_MAX / 2) {
        bad = yk_utf8_invalid_at(text, len);
        if (bad < len)
            return yk_error_set(YK_EINVAL, "invalid UTF-8 at byte %zu of the text to segment",
                                bad);
        return yk_error_set(YK_ETOOBIG, "text to segment is too long (%zu bytes)", len);
    }
    /* White space only (valid UTF-8 by construction).  Other text is
     * validated while it is converted for ICU, before the rules see it. */
    if (trim_start(text, 0, len) == len)
        return YK_OK;

    work_reserve(len);
    u = work.u;
    map = work.map;
    t.text = text;
    t.len = len;
    t.u = u;
    t.map = map;
    t.n16 = to_utf16(u, map, text, len, &bad);
    if (bad < len) {
        rc = yk_error_set(YK_EINVAL, "invalid UTF-8 at byte %zu of the text to segment", bad);
        goto done;
    }
    brk = work.brk;
    prot = work.prot;
    memset(brk, 0, len + 1);
    memset(prot, 0, len + 1);
    if ((rc = icu_boundaries(brk, &t, lang)) < 0)
        goto done;
    yk_segment_rules_apply(brk, prot, text, len);
    if (srx && (rc = yk_segment_srx_apply(brk, prot, &t, lang, srx)) < 0)
        goto done;

    brk[len] = 1;
    start = 0;
    for (i = 1; i <= len; i++) {
        size_t s, e;
        i = yk_segment_next_set(brk, i, len + 1); /* brk[len] is set */
        s = trim_start(text, start, i);
        e = trim_end(text, s, i);
        start = i;
        if (s == e)
            continue;
        ranges = yk_xgrow(ranges, &cap, count + 1, sizeof(*ranges));
        ranges[count].off = s;
        ranges[count].len = e - s;
        count++;
    }
    *out = ranges;
    *n = count;
    ranges = NULL;
done:
    free(ranges);
    return rc;
}
