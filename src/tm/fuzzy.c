/*
 * Fuzzy matching: the normalised token view of a text, the bounded edit
 * distance behind scores, the word-diff shown with a match, and the
 * number/markup substitution of suggestions.  Pure functions; no store.
 */
#include <stdlib.h>
#include <string.h>

#include "tm/tm.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* ---- characters ---- */

static uint32_t fold(uint32_t cp)
{
    if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII */
        cp -= 0xFEE0;
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if (cp >= 0x391 && cp <= 0x3A9)
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp == 0x2018 || cp == 0x2019)
        return '\'';
    return cp;
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x3000 || cp == 0x200B || cp == 0xFEFF;
}

static int is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* Letters of the scripts written with spaces (Latin, Greek, Cyrillic...):
 * runs of them are words. */
static int is_letter(uint32_t cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
        return 1;
    if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
        return 0;
    if (cp >= 0x2000 && cp <= 0x2BFF) /* punctuation, symbols, arrows */
        return 0;
    if (yk_is_cjk(cp) || cp == 0xFFFC || cp == 0xFFFD)
        return 0;
    return cp < 0x2E80 || (cp >= 0xA000 && cp < 0xAC00);
}

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static size_t decode(uint32_t *cp, const char *s, size_t len, size_t i)
{
    size_t k = yk_utf8_decode(cp, s + i, len - i);
    if (k == 0) {
        *cp = 0xFFFD;
        k = 1;
    }
    return k;
}

/* Length of the inline markup starting at s[i], 0 when there is none. */
static size_t markup_at(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    size_t j, lim = i + 1000 < len ? i + 1000 : len;

    switch (c) {
    case '<':
        if (i + 1 < len && (ascii_alnum((unsigned char)s[i + 1]) || s[i + 1] == '/' ||
                            s[i + 1] == '!' || s[i + 1] == '?')) {
            for (j = i + 1; j < lim && s[j] != '<' && s[j] != '\n'; j++)
                if (s[j] == '>')
                    return j - i + 1;
        }
        return 0;
    case '{':
        if (i + 2 < len && s[i + 1] == '{' && (s[i + 2] == '<' || s[i + 2] == '%')) {
            for (j = i + 3; j + 1 < lim; j++)
                if (s[j] == '}' && s[j + 1] == '}')
                    return j - i + 2;
        }
        return 0;
    case '`': {
        size_t run = 1, k;
        while (i + run < len && s[i + run] == '`')
            run++;
        for (j = i + run; j < lim; j++) {
            if (s[j] != '`')
                continue;
            for (k = j; k < len && s[k] == '`'; k++)
                ;
            if (k - j == run)
                return k - i;
            j = k;
        }
        return 0;
    }
    case '*':
    case '~': {
        size_t run = 1;
        while (i + run < len && (unsigned char)s[i + run] == c)
            run++;
        return c == '~' && run < 2 ? 0 : run;
    }
    case '_': {
        size_t run = 1;
        while (i + run < len && s[i + run] == '_')
            run++;
        /* inside an identifier (snake_case) it is a letter */
        if (i > 0 && ascii_alnum((unsigned char)s[i - 1]) && i + run < len &&
            ascii_alnum((unsigned char)s[i + run]))
            return 0;
        return run;
    }
    case '!':
        if (i + 1 < len && s[i + 1] == '[' && markup_at(s, len, i + 1))
            return 2;
        return 0;
    case '[':
        for (j = i + 1; j + 1 < lim && s[j] != '[' && s[j] != '\n'; j++)
            if (s[j] == ']')
                return s[j + 1] == '(' && markup_at(s, len, j) ? 1 : 0;
        return 0;
    case ']':
        if (i + 1 < len && s[i + 1] == '(') {
            for (j = i + 2; j < lim && s[j] != '\n' && s[j] != ' '; j++)
                if (s[j] == ')')
                    return j - i + 1;
        }
        return 0;
    case 0xEF: /* U+FFFC, the tag of normalised text */
        if (i + 2 < len && (unsigned char)s[i + 1] == 0xBF && (unsigned char)s[i + 2] == 0xBC)
            return 3;
        return 0;
    default:
        return 0;
    }
}

/* ---- tokens ---- */

static void push(yk_tm_tokens *t, uint32_t id, size_t start, size_t end, int kind)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        t->id = yk_xrealloc(t->id, cap * sizeof(*t->id));
        t->start = yk_xrealloc(t->start, cap * sizeof(*t->start));
        t->end = yk_xrealloc(t->end, cap * sizeof(*t->end));
        t->kind = yk_xrealloc(t->kind, cap);
        t->cap = cap;
    }
    t->id[t->n] = id;
    t->start[t->n] = (uint32_t)start;
    t->end[t->n] = (uint32_t)end;
    t->kind[t->n] = (unsigned char)kind;
    t->n++;
}

static uint32_t fnv_cp(uint32_t h, uint32_t cp)
{
    char u[4];
    size_t k = yk_utf8_encode(u, cp), i;
    for (i = 0; i < k; i++) {
        h ^= (unsigned char)u[i];
        h *= 16777619u;
    }
    return h;
}

void yk_tm_tokenize(yk_tm_tokens *t, const char *s, size_t len, yk_tm_mode mode)
{
    size_t i = 0;
    (void)mode; /* both modes cut the same tokens; CHARS differs in scoring only by script */
    t->n = 0;
    while (i < len && t->n < YK_TM_MAX_TOKENS) {
        uint32_t cp;
        size_t k = markup_at(s, len, i), start = i;
        if (k) {
            push(t, YK_TM_TAG_TOKEN, i, i + k, YK_TM_TAG);
            i += k;
            continue;
        }
        k = decode(&cp, s, len, i);
        cp = fold(cp);
        if (is_space(cp)) {
            i += k;
            continue;
        }
        if (is_digit(cp)) {
            uint32_t h = 2166136261u;
            for (;;) {
                h = fnv_cp(h, cp);
                i += k;
                if (i >= len)
                    break;
                k = decode(&cp, s, len, i);
                cp = fold(cp);
                if (is_digit(cp))
                    continue;
                if ((cp == '.' || cp == ',') && i + k < len) {
                    uint32_t next;
                    size_t k2 = decode(&next, s, len, i + k);
                    if (is_digit(fold(next))) {
                        h = fnv_cp(h, cp);
                        i += k;
                        k = k2;
                        cp = fold(next);
                        continue;
                    }
                }
                break;
            }
            push(t, (h & 0x7FFFFFFFu) | 0x80000000u, start, i, YK_TM_NUM);
            continue;
        }
        if (is_letter(cp)) {
            uint32_t h = 2166136261u;
            for (;;) {
                h = fnv_cp(h, cp);
                i += k;
                if (i >= len)
                    break;
                k = decode(&cp, s, len, i);
                cp = fold(cp);
                if (is_letter(cp) || is_digit(cp))
                    continue;
                /* don't, snake_case: joined when a letter follows */
                if ((cp == '\'' || cp == '_') && i + k < len) {
                    uint32_t next;
                    size_t k2 = decode(&next, s, len, i + k);
                    next = fold(next);
                    if (is_letter(next) || (cp == '_' && is_digit(next))) {
                        h = fnv_cp(h, cp);
                        i += k;
                        k = k2;
                        cp = next;
                        continue;
                    }
                }
                break;
            }
            push(t, (h & 0x7FFFFFFFu) | 0x80000000u, start, i, YK_TM_WORD);
            continue;
        }
        push(t, cp, i, i + k, YK_TM_TEXT);
        i += k;
    }
}

void yk_tm_tokens_release(yk_tm_tokens *t)
{
    free(t->id);
    free(t->start);
    free(t->end);
    free(t->kind);
    memset(t, 0, sizeof(*t));
}

static void put_folded(yk_buf *out, const char *s, size_t start, size_t end)
{
    size_t i = start;
    while (i < end) {
        uint32_t cp;
        char u[4];
        size_t k = decode(&cp, s, end, i);
        yk_buf_put(out, u, yk_utf8_encode(u, fold(cp)));
        i += k;
    }
}

void yk_tm_normalize(yk_buf *out, const yk_tm_tokens *t, const char *text, yk_tm_mode mode)
{
    size_t i;
    (void)mode;
    for (i = 0; i < t->n; i++) {
        /* CJK characters never merge with their neighbours: no space needed */
        int cjk_pair = i > 0 && t->kind[i] == YK_TM_TEXT && t->kind[i - 1] == YK_TM_TEXT &&
                       t->id[i] >= 0x2E80 && t->id[i - 1] >= 0x2E80;
        if (i > 0 && !cjk_pair)
            yk_buf_putc(out, ' ');
        if (t->kind[i] == YK_TM_TAG)
            yk_buf_puts(out, "\xEF\xBF\xBC");
        else
            put_folded(out, text, t->start[i], t->end[i]);
    }
}

yk_tm_mode yk_tm_mode_for(const char *lang)
{
    static const char *const chars[] = {"zh", "ja", "ko", "yue", "wuu", "cmn", "th", "lo", "my",
                                        "km", NULL};
    size_t n = strcspn(lang, "-_"), i;
    for (i = 0; chars[i]; i++)
        if (strlen(chars[i]) == n && strncmp(lang, chars[i], n) == 0)
            return YK_TM_CHARS;
    return YK_TM_WORDS;
}

void yk_tm_lang_key(char out[36], const char *lang)
{
    size_t n = strcspn(lang, "-_"), i;
    if (n >= 36)
        n = 35;
    if (n == 2 && (lang[0] == 'z' || lang[0] == 'Z') && (lang[1] == 'h' || lang[1] == 'H')) {
        const char *rest = lang + n;
        int hant = strstr(rest, "Hant") || strstr(rest, "hant") || strstr(rest, "TW") ||
                   strstr(rest, "HK") || strstr(rest, "MO") || strstr(rest, "tw") ||
                   strstr(rest, "hk") || strstr(rest, "mo");
        memcpy(out, hant ? "zh-Hant" : "zh-Hans", 8);
        return;
    }
    for (i = 0; i < n; i++)
        out[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
    out[n] = '\0';
}

/* ---- distance and score ---- */

size_t yk_tm_distance_bounded(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t k)
{
    size_t stackrow[2][513], *prev, *cur, *heap = NULL, i, j, inf = k + 1;
    if (n > m) {
        const uint32_t *t = a;
        size_t tn = n;
        a = b;
        n = m;
        b = t;
        m = tn;
    }
    /* now n <= m: rows over a, columns over b */
    if (m - n > k)
        return inf;
    if (n == 0)
        return m;
    while (n > 0 && a[0] == b[0]) { /* common prefix and suffix cost nothing */
        a++, b++, n--, m--;
    }
    while (n > 0 && a[n - 1] == b[m - 1])
        n--, m--;
    if (n == 0)
        return m <= k ? m : inf;
    if (m + 1 <= 513) {
        prev = stackrow[0];
        cur = stackrow[1];
    } else {
        heap = yk_xmalloc(2 * (m + 1) * sizeof(size_t));
        prev = heap;
        cur = heap + m + 1;
    }
    for (j = 0; j <= m; j++)
        prev[j] = j <= k ? j : inf;
    for (i = 1; i <= n; i++) {
        size_t lo = i > k ? i - k : 1, hi = i + k < m ? i + k : m, rowmin = inf;
        cur[lo - 1] = lo - 1 == 0 ? (i <= k ? i : inf) : inf;
        for (j = lo; j <= hi; j++) {
            size_t v = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (v > inf)
                v = inf;
            cur[j] = v;
            if (v < rowmin)
                rowmin = v;
        }
        if (hi < m)
            cur[hi + 1] = inf;
        if (rowmin > k) {
            free(heap);
            return inf;
        }
        {
            size_t *t = prev;
            prev = cur;
            cur = t;
        }
    }
    j = prev[m];
    free(heap);
    return j <= k ? j : inf;
}

int yk_tm_score_of(size_t d, size_t n, size_t m)
{
    size_t l = n > m ? n : m;
    if (l == 0)
        return 100;
    if (d >= l)
        return 0;
    return (int)((100 * (l - d)) / l);
}

size_t yk_tm_max_distance(size_t len, int min_score)
{
    return (len * (size_t)(100 - min_score)) / 100;
}

/* ---- diff ---- */

static void put_span(yk_buf *out, const char *text, const yk_tm_tokens *t, size_t i,
                     yk_tm_mode mode, int *first)
{
    /* keep the text's own spacing: a space when the token had one before it */
    if (!*first && i > 0 && t->start[i] > t->end[i - 1])
        yk_buf_putc(out, ' ');
    else if (!*first && mode == YK_TM_WORDS && i == 0)
        yk_buf_putc(out, ' ');
    yk_buf_put(out, text + t->start[i], t->end[i] - t->start[i]);
    *first = 0;
}

void yk_tm_diff(yk_buf *out, const char *old_text, const yk_tm_tokens *ot, const char *new_text,
                const yk_tm_tokens *nt, yk_tm_mode mode)
{
    size_t n = ot->n, m = nt->n, i, j;
    unsigned short *L;
    int first = 1, after_del = 0;

    if (n * m > 200000 || n >= 65535 || m >= 65535) { /* too long to align: say it all changed */
        yk_buf_puts(out, "[-");
        yk_buf_put(out, old_text, n ? ot->end[n - 1] : 0);
        yk_buf_puts(out, "-]{+");
        yk_buf_put(out, new_text, m ? nt->end[m - 1] : 0);
        yk_buf_puts(out, "+}");
        return;
    }
    /* L[i][j]: longest common subsequence of old[i..] and new[j..] */
    L = yk_xcalloc((n + 1) * (m + 1), sizeof(*L));
    for (i = n; i-- > 0;)
        for (j = m; j-- > 0;)
            L[i * (m + 1) + j] =
                ot->id[i] == nt->id[j]
                    ? (unsigned short)(L[(i + 1) * (m + 1) + j + 1] + 1)
                    : (L[(i + 1) * (m + 1) + j] > L[i * (m + 1) + j + 1] ? L[(i + 1) * (m + 1) + j]
                                                                         : L[i * (m + 1) + j + 1]);
    i = j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && ot->id[i] == nt->id[j]) {
            put_span(out, new_text, nt, j, mode, &first);
            i++, j++;
            after_del = 0;
            continue;
        }
        if (i < n && (j == m || L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1])) {
            if (!first && i > 0 && ot->start[i] > ot->end[i - 1])
                yk_buf_putc(out, ' ');
            yk_buf_puts(out, "[-");
            first = 1;
            while (i < n && !(j < m && ot->id[i] == nt->id[j]) &&
                   (j == m || L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1])) {
                put_span(out, old_text, ot, i, mode, &first);
                i++;
            }
            yk_buf_puts(out, "-]");
            first = 0;
            after_del = 1;
            continue;
        }
        /* a replacement reads [-old-]{+new+}: no space between the two */
        if (!first && !after_del && j > 0 && nt->start[j] > nt->end[j - 1])
            yk_buf_putc(out, ' ');
        yk_buf_puts(out, "{+");
        first = 1;
        while (j < m && !(i < n && ot->id[i] == nt->id[j]) &&
               !(i < n && L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1])) {
            put_span(out, new_text, nt, j, mode, &first);
            j++;
        }
        yk_buf_puts(out, "+}");
        first = 0;
        after_del = 0;
    }
    free(L);
}

/* ---- placeables ---- */

typedef struct subst {
    const char *from, *to;
    size_t flen, tlen;
    int kind, found;
} subst;

static int digit_at(const char *s, size_t len, size_t i)
{
    return i < len && s[i] >= '0' && s[i] <= '9';
}

int yk_tm_substitute(yk_buf *out, const char *query, const yk_tm_tokens *qt, const char *source,
                     const yk_tm_tokens *st, const char *target)
{
    subst *map = NULL;
    size_t nmap = 0, cap = 0, i, tlen = strlen(target);
    int mask = 0;
    yk_buf res = YK_BUF_INIT;

    if (qt->n != st->n)
        return 0;
    for (i = 0; i < qt->n; i++) {
        int qk = qt->kind[i], sk = st->kind[i];
        const char *f, *t;
        size_t fl, tl, k;
        if (qk == YK_TM_NUM || qk == YK_TM_TAG || sk == YK_TM_NUM || sk == YK_TM_TAG) {
            if (qk != sk)
                goto fail;
        } else if (qt->id[i] != st->id[i]) {
            goto fail;
        } else {
            continue;
        }
        f = source + st->start[i];
        fl = st->end[i] - st->start[i];
        t = query + qt->start[i];
        tl = qt->end[i] - qt->start[i];
        if (fl == tl && memcmp(f, t, fl) == 0)
            continue;
        for (k = 0; k < nmap; k++)
            if (map[k].flen == fl && memcmp(map[k].from, f, fl) == 0)
                break;
        if (k < nmap) {
            if (map[k].tlen != tl || memcmp(map[k].to, t, tl) != 0)
                goto fail; /* one source value, two query values: ambiguous */
            continue;
        }
        map = yk_xgrow(map, &cap, nmap + 1, sizeof(*map));
        map[nmap].from = f;
        map[nmap].flen = fl;
        map[nmap].to = t;
        map[nmap].tlen = tl;
        map[nmap].kind = qk;
        map[nmap].found = 0;
        nmap++;
        mask |= qk == YK_TM_NUM ? 1 : 2;
    }
    if (!nmap)
        goto fail;
    for (i = 0; i < tlen;) {
        size_t k, best = nmap;
        for (k = 0; k < nmap; k++) {
            const subst *m = &map[k];
            if (m->flen > tlen - i || memcmp(target + i, m->from, m->flen) != 0)
                continue;
            /* a number matches whole, not inside a longer one */
            if (m->kind == YK_TM_NUM &&
                ((i > 0 && (digit_at(target, tlen, i - 1) ||
                            ((target[i - 1] == '.' || target[i - 1] == ',') &&
                             digit_at(target, tlen, i - 2 + (i < 2))))) ||
                 digit_at(target, tlen, i + m->flen) ||
                 ((i + m->flen < tlen &&
                   (target[i + m->flen] == '.' || target[i + m->flen] == ',')) &&
                  digit_at(target, tlen, i + m->flen + 1))))
                continue;
            if (best == nmap || m->flen > map[best].flen)
                best = k;
        }
        if (best < nmap) {
            yk_buf_put(&res, map[best].to, map[best].tlen);
            map[best].found = 1;
            i += map[best].flen;
        } else {
            yk_buf_putc(&res, target[i]);
            i++;
        }
    }
    for (i = 0; i < nmap; i++)
        if (!map[i].found)
            goto fail;
    yk_buf_put(out, res.buf, res.len);
    yk_buf_release(&res);
    free(map);
    return mask;
fail:
    yk_buf_release(&res);
    free(map);
    return 0;
}
