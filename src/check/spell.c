/*
 * Korean spelling with hunspell and the Debian hunspell-ko dictionary: the
 * one home of hunspell in yaku.  Only Hangul words of prose are checked;
 * a word is reported when hunspell rejects it (and its stem without a
 * particle), it is used fewer than three times in the book, it does not
 * start with a glossary term, and hunspell suggests a spelling that differs
 * in one jamo Korean writers confuse (됬다 → 됐다): unknown loanwords and
 * names have no such neighbour and stay quiet.
 */
#include <hunspell/hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "util/fs.h"
#include "util/xalloc.h"

static Hunhandle *hun;
static int hun_tried;

/* Suggestions from n-grams and word splits are slow (0.2 s a word) and
 * mostly wrong for Korean; a copy of the affix file without them keeps
 * the near-miss suggestions that matter (됬다 → 됐다) at 5 ms a word. */
static const char *const aff_extra = "MAXNGRAMSUGS 0\nNOSPLITSUGS\nMAXCPDSUGS 0\n";

static int load(void)
{
    const char *dir = getenv("YAKU_HUNSPELL_DIR");
    char aff[1024], dic[1024], tmp[1024];
    yk_buf text = YK_BUF_INIT;
    FILE *f = NULL;
    int fd;

    if (hun_tried)
        return hun ? 0 : -1;
    hun_tried = 1;
    if (!dir)
        dir = "/usr/share/hunspell";
    snprintf(aff, sizeof(aff), "%s/ko.aff", dir);
    snprintf(dic, sizeof(dic), "%s/ko.dic", dir);
    if (access(dic, R_OK) != 0 || yk_fs_read(&text, aff, 64u << 20) < 0) {
        yk_buf_release(&text);
        return -1;
    }
    snprintf(tmp, sizeof(tmp), "%s/yaku-ko-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if ((fd = mkstemp(tmp)) < 0 || !(f = fdopen(fd, "wb"))) {
        if (fd >= 0)
            close(fd);
        yk_buf_release(&text);
        return -1;
    }
    /* the options go first and replace the file's own: hunspell reads the
     * affix file's header options only before its affix tables */
    fputs(aff_extra, f);
    {
        const char *p = text.buf, *end = text.buf + text.len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
            if (strncmp(p, "MAXNGRAMSUGS", 12) != 0 && strncmp(p, "MAXCPDSUGS", 10) != 0)
                fwrite(p, 1, n, f);
            p += n;
        }
    }
    fclose(f);
    yk_buf_release(&text);
    hun = Hunspell_create(tmp, dic);
    unlink(tmp);
    return hun ? 0 : -1;
}

void yk_ck_spell_cleanup(void)
{
    if (hun)
        Hunspell_destroy(hun);
    hun = NULL;
    hun_tried = 0;
}

void yk_ck_spell_add_word(const char *word)
{
    if (load() == 0)
        Hunspell_add(hun, word);
}

/* A word as jamo: three symbols per Hangul syllable (initial, vowel,
 * final or none), so 됬다/됐다 or 있씁니다/있습니다 are one edit apart. */
static size_t jamo(int *out, size_t max, const char *w)
{
    size_t i = 0, n = 0, len = strlen(w);
    while (i < len && n + 3 <= max) {
        uint32_t cp;
        i += yk_ck_next(&cp, w, len, i);
        if (cp >= 0xAC00 && cp <= 0xD7A3) {
            uint32_t s = cp - 0xAC00;
            out[n++] = (int)(s / 588);
            out[n++] = 100 + (int)(s % 588 / 28);
            out[n++] = 200 + (int)(s % 28);
        } else {
            out[n++] = 1000 + (int)cp;
        }
    }
    return n;
}

/* Two initials or vowels Korean writers confuse because they sound alike
 * (ㄲ/ㄱ 할께요, ㅆ/ㅅ 있씁니다, ㅇ/ㅅ 했읍니다, ㅎ/ㅇ 일일히, ㅐ/ㅔ 금새,
 * ㅚ/ㅙ 됬다).  Keyboard slips into other words (로컬 → 보컬) are not. */
static int confusable(int a, int b)
{
    static const int pairs[][2] = {{0, 1},     {3, 4},     {7, 8},     {9, 10},    {12, 13},
                                   {11, 9},    {11, 18},   {101, 105}, {103, 107}, {110, 111},
                                   {110, 115}, {111, 115}};
    size_t i;
    for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
        if ((pairs[i][0] == a && pairs[i][1] == b) || (pairs[i][0] == b && pairs[i][1] == a))
            return 1;
    return a >= 200 && b >= 200 && a < 300 && b < 300; /* any final consonant: 몇일, 않하고 */
}

/* 'sug' is 'word' with one confusable jamo corrected. */
static int close_spelling(const char *word, const char *sug)
{
    int x[192], y[192];
    size_t na = jamo(x, 192, word), nb = jamo(y, 192, sug), i, diff = 0, at = 0;
    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (x[i] != y[i]) {
            diff++;
            at = i;
        }
    return diff == 1 && confusable(x[at], y[at]);
}

/* Particles and endings a dictionary stem may carry. */
static const char *const particles[] = {
    "에서는", "에게서", "으로는", "으로서", "으로써", "이라는", "에서", "에게", "으로", "부터",
    "까지", "처럼", "보다", "이나", "이라", "이다", "들이", "들은", "들의", "들을", "들에",
    "들과", "들도", "들로", "들", "은", "는", "이", "가", "을", "를", "의", "에", "와", "과",
    "도", "만", "로", "나", "란"};

int yk_ck_spell_ko(const char *word, char suggestion[128])
{
    char **sugs = NULL;
    size_t i, len = strlen(word);
    int n, found = 0;
    if (load() < 0)
        return -1;
    if (Hunspell_spell(hun, word))
        return 0;
    for (i = 0; i < sizeof(particles) / sizeof(particles[0]); i++) {
        size_t pl = strlen(particles[i]);
        if (len > pl + 2 && memcmp(word + len - pl, particles[i], pl) == 0) {
            char stem[256];
            if (len - pl >= sizeof(stem))
                continue;
            memcpy(stem, word, len - pl);
            stem[len - pl] = '\0';
            if (Hunspell_spell(hun, stem))
                return 0;
        }
    }
    n = Hunspell_suggest(hun, &sugs, word);
    for (i = 0; i < (size_t)n && !found; i++) {
        if (strchr(sugs[i], ' ') || strchr(sugs[i], '-') || strcmp(sugs[i], word) == 0)
            continue;
        if (close_spelling(word, sugs[i])) {
            snprintf(suggestion, 128, "%s", sugs[i]);
            found = 1;
        }
    }
    if (n > 0)
        Hunspell_free_list(hun, &sugs, n);
    return found;
}

/** ## The book-wide pass */

typedef void (*word_fn)(const char *w, size_t len, void *payload);

static void hangul_words(const char *s, word_fn fn, void *payload)
{
    yk_ck_text t;
    size_t i = 0, start = (size_t)-1, len = strlen(s);
    yk_ck_scan(&t, s, len);
    while (i <= len) {
        uint32_t cp = 0;
        size_t k = i < len ? yk_ck_next(&cp, s, len, i) : 1;
        int in = i < len && t.prose[i] && cp >= 0xAC00 && cp <= 0xD7A3;
        if (in && start == (size_t)-1)
            start = i;
        if (!in && start != (size_t)-1) {
            /* a word glued to Latin letters or digits is a name or a unit: skip */
            int glued = (start > 0 && ((unsigned char)s[start - 1] < 0x80) &&
                         s[start - 1] != ' ' && s[start - 1] != '(' && s[start - 1] != '"' &&
                         s[start - 1] != '\'' && s[start - 1] != '\n') ||
                        (i < len && (unsigned char)s[i] < 0x80 && strchr(" .,!?;:)\"'\n", s[i]) == NULL);
            if (!glued)
                fn(s + start, i - start, payload);
            start = (size_t)-1;
        }
        i += k;
    }
    yk_ck_text_release(&t);
}

/* The Hangul words of the book counted in the first walk (words used three
 * times or more are trusted), the dictionary's verdicts cached per word in
 * the second. */
struct yk_ck_spell {
    yk_ck_session *s;
    yk_ck_map counts;
    yk_ck_map verdict; /* word → 1 ok, index into sugs + 2 misspelt */
    char **sugs;
    size_t nsugs, capsugs;
    size_t idx;
    int reported, broken;
};

typedef struct yk_ck_spell spell_ctx;

static void count_word(const char *w, size_t len, void *payload)
{
    spell_ctx *c = payload;
    (*yk_ck_map_at(&c->counts, w, len, NULL))++;
}

static int trusted_prefix(const yk_ck_session *s, const char *w, size_t len)
{
    size_t i = 3;
    for (; i <= len; i += 3)
        if (yk_ck_trusted(s, w, i))
            return 1;
    return 0;
}

static void check_word(const char *w, size_t len, void *payload)
{
    spell_ctx *c = payload;
    size_t *count, *v;
    int ins;
    if (c->reported || c->broken || len < 6) /* one-syllable words: too little to judge */
        return;
    count = yk_ck_map_get(&c->counts, w, len);
    if ((count && *count >= 3) || trusted_prefix(c->s, w, len))
        return;
    v = yk_ck_map_at(&c->verdict, w, len, &ins);
    if (ins) {
        char word[256], sug[128];
        int r;
        if (len >= sizeof(word)) {
            *v = 1;
            return;
        }
        memcpy(word, w, len);
        word[len] = '\0';
        r = yk_ck_spell_ko(word, sug);
        if (r < 0) {
            c->broken = 1; /* no dictionary: nothing to say */
            *v = 1;
            return;
        }
        if (r == 0) {
            *v = 1;
        } else {
            c->sugs = yk_xgrow(c->sugs, &c->capsugs, c->nsugs + 1, sizeof(*c->sugs));
            c->sugs[c->nsugs] = yk_xstrdup(sug);
            *v = 2 + c->nsugs++;
        }
    }
    if (*v >= 2) {
        c->reported = 1;
        yk_ck_emit(c->s, c->idx, CK_KO_SPELLING, NULL,
                   "'%.*s' is not in the Korean dictionary (hunspell-ko); did you mean '%s'?",
                   (int)len, w, c->sugs[*v - 2]);
    }
}

yk_ck_spell *yk_ck_spell_new(void)
{
    return yk_xcalloc(1, sizeof(yk_ck_spell));
}

void yk_ck_spell_learn(yk_ck_spell *sp, const char *tgt)
{
    hangul_words(tgt, count_word, sp);
}

void yk_ck_spell_check(yk_ck_session *s, yk_ck_spell *sp, size_t idx, const char *tgt)
{
    if (sp->broken) /* no dictionary: nothing more to say */
        return;
    sp->s = s;
    sp->idx = idx;
    sp->reported = 0;
    hangul_words(tgt, check_word, sp);
}

void yk_ck_spell_free(yk_ck_spell *sp)
{
    size_t i;
    if (!sp)
        return;
    for (i = 0; i < sp->nsugs; i++)
        free(sp->sugs[i]);
    free(sp->sugs);
    yk_ck_map_release(&sp->counts);
    yk_ck_map_release(&sp->verdict);
    free(sp);
}
