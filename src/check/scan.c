/*
 * One pass over a segment's Markdown inline text: the tokens the checks
 * compare (code spans, links, URLs, tags, emphasis, placeholders, numbers)
 * and a mask of the prose bytes.  Lenient like a reader: what does not parse
 * as markup is prose.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/utf8.h"
#include "util/xalloc.h"

size_t yk_ck_next_slow(uint32_t *cp, const char *s, size_t len, size_t i)
{
    size_t k = yk_utf8_decode(cp, s + i, len - i);
    if (k == 0) {
        *cp = 0xFFFD;
        return 1;
    }
    return k;
}

size_t yk_ck_prev(uint32_t *cp, const char *s, size_t i)
{
    size_t j = i;
    if (i == 0) {
        *cp = 0;
        return 0;
    }
    j--;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    if (yk_utf8_decode(cp, s + j, i - j) != i - j)
        *cp = 0xFFFD;
    return j;
}

const char *yk_ck_find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    size_t i;
    if (nlen == 0)
        return hay;
    if (nlen > hlen)
        return NULL;
    for (i = 0; i + nlen <= hlen; i++) {
        const char *p = memchr(hay + i, needle[0], hlen - nlen + 1 - i);
        if (!p)
            return NULL;
        i = (size_t)(p - hay);
        if (memcmp(p, needle, nlen) == 0)
            return p;
    }
    return NULL;
}

/* Decode t from byte t->dec (a character start) up to 'upto' into t->cps.
 * The scanner calls it as it goes: it never changes the prose mask of a
 * byte behind its position, so the code points take their final mask. */
static void decode_upto(yk_ck_text *t, size_t upto)
{
    yk_ck_cp *v = t->cps;
    size_t i = t->dec, m = t->ncps;
    while (i < upto) {
        uint32_t cp;
        size_t k = yk_ck_next(&cp, t->s, t->len, i);
        v[m].cp = cp;
        v[m].off = i;
        v[m].len = (unsigned char)k;
        v[m].prose = t->prose[i];
        if (v[m].prose)
            t->pcls |= yk_ck_pclass(cp);
        m++;
        i += k;
    }
    t->dec = i;
    t->ncps = m;
}

static void decode_finish(yk_ck_text *t)
{
    yk_ck_cp *v = t->cps;
    size_t m;
    decode_upto(t, t->len);
    m = t->ncps;
    v[m].cp = 0;
    v[m].off = t->len;
    v[m].len = 0;
    v[m].prose = 0;
}

void yk_ck_decode(const yk_ck_cp **out, size_t *n, const yk_ck_text *t)
{
    *out = t->cps;
    *n = t->ncps;
}

void yk_ck_quote(yk_buf *out, const char *s, size_t max)
{
    size_t len = strlen(s), cut = len;
    if (len <= max) {
        yk_buf_put(out, s, len);
        return;
    }
    cut = max;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    yk_buf_put(out, s, cut);
    yk_buf_puts(out, "…");
}

size_t yk_ck_prose_chars(const yk_ck_text *t)
{
    size_t i = 0, n = 0;
    while (i < t->len) {
        uint32_t cp;
        size_t k = yk_ck_next(&cp, t->s, t->len, i);
        if (t->prose[i] && !yk_ck_is_space(cp))
            n++;
        i += k;
    }
    return n;
}

static void add_tok(yk_ck_text *t, yk_ck_kind kind, size_t off, size_t len, const char *val,
                    size_t vlen)
{
    yk_ck_token *k;
    t->tok = yk_xgrow(t->tok, &t->cap, t->ntok + 1, sizeof(*t->tok));
    k = &t->tok[t->ntok++];
    k->kind = kind;
    k->off = off;
    k->len = len;
    k->val = t->vals.len;
    /* the value and its NUL in one append */
    yk_buf_grow(&t->vals, vlen + 1);
    memcpy(t->vals.buf + t->vals.len, val, vlen);
    t->vals.len += vlen;
    t->vals.buf[t->vals.len++] = '\0';
    t->vals.buf[t->vals.len] = '\0';
}

static void protect(yk_ck_text *t, size_t off, size_t len)
{
    memset(t->prose + off, 0, len);
}

static int starts(const char *s, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    return i + n <= len && memcmp(s + i, lit, n) == 0;
}

/* Length of a backtick run at i. */
static size_t run_of(const char *s, size_t len, size_t i, char c)
{
    size_t j = i;
    while (j < len && s[j] == c)
        j++;
    return j - i;
}

/* A code span opened by a run of 'n' backticks at i: end offset (after the
 * closing run) or 0. */
static size_t code_end(const char *s, size_t len, size_t i, size_t n)
{
    size_t j = i + n;
    while (j < len) {
        if (s[j] == '`') {
            size_t r = run_of(s, len, j, '`');
            if (r == n)
                return j + r;
            j += r;
        } else {
            j++;
        }
    }
    return 0;
}

/* The ']' matching the '[' at i (nesting, skipping code spans), or 0. */
static size_t bracket_end(const char *s, size_t len, size_t i)
{
    int depth = 0;
    size_t j = i;
    while (j < len) {
        if (s[j] == '\\' && j + 1 < len) {
            j += 2;
            continue;
        }
        if (s[j] == '`') {
            size_t r = run_of(s, len, j, '`'), e = code_end(s, len, j, r);
            j = e ? e : j + r;
            continue;
        }
        if (s[j] == '[')
            depth++;
        else if (s[j] == ']' && --depth == 0)
            return j;
        j++;
    }
    return 0;
}

/* The ')' closing a link destination opened at i ('('), or 0. */
static size_t paren_end(const char *s, size_t len, size_t i)
{
    int depth = 0;
    size_t j = i;
    char quote = 0;
    for (; j < len; j++) {
        if (quote) {
            if (s[j] == quote)
                quote = 0;
            continue;
        }
        if (s[j] == '\\' && j + 1 < len) {
            j++;
            continue;
        }
        if (s[j] == '"' && depth == 1 && j > i && s[j - 1] == ' ')
            quote = '"';
        else if (s[j] == '(')
            depth++;
        else if (s[j] == ')' && --depth == 0)
            return j;
        else if (s[j] == '\n' && j + 1 < len && s[j + 1] == '\n')
            return 0;
    }
    return 0;
}

static int url_char(unsigned char c)
{
    return c > 0x20 && c < 0x7F && c != '<' && c != '>' && c != '"' && c != '`';
}

/* A bare URL at i: its length, or 0. */
static size_t bare_url(const char *s, size_t len, size_t i)
{
    size_t j;
    int depth = 0;
    if (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '/' || s[i - 1] == '.'))
        return 0;
    if (starts(s, len, i, "https://"))
        j = i + 8;
    else if (starts(s, len, i, "http://"))
        j = i + 7;
    else if (starts(s, len, i, "ftp://"))
        j = i + 6;
    else if (starts(s, len, i, "www.") && i + 4 < len && isalnum((unsigned char)s[i + 4]))
        j = i + 4;
    else
        return 0;
    for (; j < len && url_char((unsigned char)s[j]); j++) {
        if (s[j] == '(')
            depth++;
        else if (s[j] == ')' && --depth < 0)
            break;
    }
    /* trailing punctuation belongs to the sentence */
    while (j > i && strchr(".,;:!?'*_)]", s[j - 1]))
        j--;
    return j - i;
}

static int email_local(unsigned char c)
{
    return isalnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* An e-mail address starting at i: its length, or 0. */
static size_t email_at(const char *s, size_t len, size_t i)
{
    size_t j = i, at, dot = 0, tld;
    if (i > 0 && email_local((unsigned char)s[i - 1]))
        return 0;
    while (j < len && email_local((unsigned char)s[j]))
        j++;
    if (j == i || j >= len || s[j] != '@')
        return 0;
    at = j++;
    while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '.')) {
        if (s[j] == '.')
            dot = j;
        j++;
    }
    while (j > at + 1 && s[j - 1] == '.')
        j--;
    if (!dot || dot >= j - 1 || dot == at + 1)
        return 0;
    for (tld = dot + 1; tld < j; tld++)
        if (!isalpha((unsigned char)s[tld]))
            return 0;
    return j - i;
}

/* An HTML tag, comment or autolink at i ('<'): its length, or 0; *kind
 * gets TK_HTML or TK_AUTOLINK. */
static size_t angle_at(const char *s, size_t len, size_t i, yk_ck_kind *kind)
{
    size_t j = i + 1;
    if (starts(s, len, i, "<!--")) {
        const char *e = NULL;
        size_t k;
        for (k = i + 4; k + 3 <= len; k++)
            if (memcmp(s + k, "-->", 3) == 0) {
                e = s + k;
                break;
            }
        *kind = TK_HTML;
        return e ? (size_t)(e - s) + 3 - i : 0;
    }
    if (j < len && isalpha((unsigned char)s[j])) {
        size_t k = j;
        while (k < len && (isalnum((unsigned char)s[k]) || strchr("+.-", s[k])))
            k++;
        if (k < len && s[k] == ':' && k - j >= 2) { /* autolink <scheme:...> */
            while (k < len && url_char((unsigned char)s[k]))
                k++;
            if (k < len && s[k] == '>') {
                *kind = TK_AUTOLINK;
                return k + 1 - i;
            }
            return 0;
        }
        k = j;
        while (k < len && email_local((unsigned char)s[k]))
            k++;
        if (k < len && s[k] == '@') {
            size_t e = email_at(s, len, j);
            if (e && j + e < len && s[j + e] == '>') {
                *kind = TK_AUTOLINK;
                return e + 2;
            }
        }
    }
    if (j < len && s[j] == '/')
        j++;
    if (j >= len || !isalpha((unsigned char)s[j]))
        return 0;
    while (j < len && (isalnum((unsigned char)s[j]) || s[j] == '-'))
        j++;
    while (j < len && s[j] != '>' && s[j] != '<' && !(s[j] == '\n' && j + 1 < len && s[j + 1] == '\n'))
        j++;
    if (j >= len || s[j] != '>')
        return 0;
    *kind = TK_HTML;
    return j + 1 - i;
}

/* A placeholder at i: its length, or 0. */
static size_t placeholder_at(const char *s, size_t len, size_t i)
{
    size_t j = i + 1;
    if (s[i] == '%') {
        if (j < len && s[j] == '(') {
            while (j < len && (isalnum((unsigned char)s[j + 1]) || s[j + 1] == '_'))
                j++;
            if (j + 2 < len && s[j + 1] == ')' && strchr("sdifr", s[j + 2]))
                return j + 3 - i;
            return 0;
        }
        while (j < len && isdigit((unsigned char)s[j]))
            j++;
        if (j < len && s[j] == '$' && j > i + 1)
            j++;
        else if (j > i + 1) /* "50%" and "%5" are not placeholders */
            return 0;
        if (j < len && strchr("sdiufxXc", s[j]) &&
            !(j + 1 < len && isalpha((unsigned char)s[j + 1])) &&
            !(i > 0 && isdigit((unsigned char)s[i - 1])))
            return j + 1 - i;
        return 0;
    }
    if (s[i] == '$' && j < len && s[j] == '{') {
        const char *e = memchr(s + j, '}', len - j);
        if (e && e - (s + j) > 1 && e - (s + j) < 64)
            return (size_t)(e - s) + 1 - i;
        return 0;
    }
    if (s[i] == '{') {
        size_t k = j;
        if (k < len && s[k] == '{') { /* {{ name }} templates, not shortcodes */
            const char *e;
            if (k + 1 < len && (s[k + 1] == '<' || s[k + 1] == '%'))
                return 0;
            e = memchr(s + k, '}', len - k);
            if (e && (size_t)(e - s) + 1 < len && e[1] == '}' && e - (s + k) < 64)
                return (size_t)(e - s) + 2 - i;
            return 0;
        }
        if (k < len && (isalpha((unsigned char)s[k]) || s[k] == '_' || isdigit((unsigned char)s[k]))) {
            while (k < len && (isalnum((unsigned char)s[k]) || s[k] == '_'))
                k++;
            if (k < len && s[k] == '}' && k - j <= 32)
                return k + 1 - i;
        }
    }
    return 0;
}

/* A number at i (ASCII or full-width digits): its byte length, and its
 * normalised value in 'val' (digits, '.' between digits; ',' followed by
 * three digits is a thousands separator and dropped). */
/* Digits of a number gather in a small array before they go to the value
 * buffer: one append per number, not one per digit. */
typedef struct digits {
    char d[64];
    size_t n;
    yk_buf *val;
} digits;

static void digit_put(digits *g, char c)
{
    if (g->n == sizeof(g->d)) {
        yk_buf_put(g->val, g->d, g->n);
        g->n = 0;
    }
    g->d[g->n++] = c;
}

static size_t number_at(const char *s, size_t len, size_t i, yk_buf *val)
{
    size_t j = i;
    digits g;
    g.n = 0;
    g.val = val;
    yk_buf_clear(val);
    for (;;) {
        uint32_t cp;
        size_t k;
        if (j >= len)
            break;
        k = yk_ck_next(&cp, s, len, j);
        if (cp >= '0' && cp <= '9') {
            digit_put(&g, (char)cp);
        } else if (cp >= 0xFF10 && cp <= 0xFF19) {
            digit_put(&g, (char)('0' + (cp - 0xFF10)));
        } else if ((cp == '.' || cp == ',' || cp == 0xFF0E || cp == 0xFF0C) && (val->len || g.n)) {
            uint32_t nx;
            size_t k2;
            if (j + k >= len)
                break;
            k2 = yk_ck_next(&nx, s, len, j + k);
            (void)k2;
            if (!((nx >= '0' && nx <= '9') || (nx >= 0xFF10 && nx <= 0xFF19)))
                break;
            if (cp == ',' || cp == 0xFF0C) {
                /* thousands separator only when three digits follow */
                size_t d = j + k, cnt = 0;
                while (d < len && isdigit((unsigned char)s[d]) && cnt < 4) {
                    d++;
                    cnt++;
                }
                if (cnt != 3)
                    break;
            } else {
                digit_put(&g, '.');
            }
        } else {
            break;
        }
        j += k;
    }
    yk_buf_put(val, g.d, g.n);
    return j - i;
}

static int is_digit_cp(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

typedef struct pending {
    size_t close;   /* the ']' */
    size_t dest, dend; /* '(' and ')' */
    int image; /* 0 link, 1 image, 2 reference link */
} pending;

void yk_ck_scan(yk_ck_text *t, const char *s, size_t len)
{
    memset(t, 0, sizeof(*t));
    t->vals = (yk_buf)YK_BUF_INIT;
    t->num = (yk_buf)YK_BUF_INIT;
    yk_ck_rescan(t, s, len);
}

void yk_ck_rescan(yk_ck_text *t, const char *s, size_t len)
{
    pending pend[16];
    size_t npend = 0, i = 0;
    yk_buf *num = &t->num;

    t->s = s;
    t->len = len;
    t->ntok = 0;
    t->ncps = 0;
    t->dec = 0;
    t->pcls = 0;
    yk_buf_clear(&t->vals);
    if (len + 1 > t->room) {
        size_t room = t->room ? t->room : 256;
        while (room < len + 1)
            room *= 2;
        free(t->prose);
        free(t->cps);
        t->prose = yk_xmalloc(room);
        t->cps = yk_xmalloc(room * sizeof(*t->cps));
        t->room = room;
    }
    memset(t->prose, 1, len + 1);

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        size_t k;
        yk_ck_kind kind;
        uint32_t cp;

        if (npend && i == pend[npend - 1].close) {
            pending *p = &pend[--npend];
            size_t u = p->dest + 1, ue;
            if (p->image == 2) { /* reference link: token already added */
                i = p->dend + 1;
                continue;
            }
            while (u < p->dend && s[u] == ' ')
                u++;
            ue = u;
            if (ue < p->dend && s[ue] == '<') {
                u++;
                while (ue < p->dend && s[ue] != '>')
                    ue++;
            } else {
                while (ue < p->dend && s[ue] != ' ')
                    ue++;
            }
            add_tok(t, p->image ? TK_IMAGE : TK_LINK, p->close, p->dend + 1 - p->close, s + u,
                    ue > u ? ue - u : 0);
            protect(t, p->close, p->dend + 1 - p->close);
            i = p->dend + 1;
            continue;
        }
        if (c >= 0x80) {
            /* no markup starts with a non-ASCII character: only a
             * full-width digit is more than a prose byte */
            if (t->dec < i)
                decode_upto(t, i);
            if (t->dec == i) { /* decode it once, for the scan and t->cps */
                yk_ck_cp *v = &t->cps[t->ncps];
                k = yk_ck_next(&cp, s, len, i);
                v->cp = cp;
                v->off = i;
                v->len = (unsigned char)k;
                v->prose = t->prose[i];
                if (v->prose)
                    t->pcls |= yk_ck_pclass(cp);
                t->ncps++;
                t->dec = i + k;
            } else {
                k = yk_ck_next(&cp, s, len, i);
            }
            if (!is_digit_cp(cp)) {
                i += k;
                continue;
            }
        }
        if (c == '\\' && i + 1 < len && ispunct((unsigned char)s[i + 1])) {
            i += 2;
            continue;
        }
        if (c == '`') {
            size_t r = run_of(s, len, i, '`'), e = code_end(s, len, i, r);
            if (e) {
                add_tok(t, TK_CODE, i, e - i, s + i + r, e - r - (i + r));
                protect(t, i, e - i);
                i = e;
            } else {
                i += r;
            }
            continue;
        }
        if (c == '{' && i + 2 < len && s[i + 1] == '{' && (s[i + 2] == '<' || s[i + 2] == '%')) {
            const char *close = s[i + 2] == '<' ? ">}}" : "%}}";
            size_t e = i + 3, a, b;
            while (e + 3 <= len && memcmp(s + e, close, 3) != 0)
                e++;
            if (e + 3 <= len) {
                char name[80];
                size_t nl = 0;
                a = i + 3;
                while (a < e && s[a] == ' ')
                    a++;
                if (a < e && s[a] == '/')
                    name[nl++] = '/', a++;
                b = a;
                while (b < e && s[b] != ' ' && nl < sizeof(name) - 1)
                    name[nl++] = s[b++];
                add_tok(t, TK_SHORTCODE, i, e + 3 - i, name, nl);
                protect(t, i, e + 3 - i);
                i = e + 3;
                continue;
            }
        }
        if (c == '<' && (k = angle_at(s, len, i, &kind)) > 0) {
            if (kind == TK_AUTOLINK) {
                add_tok(t, TK_AUTOLINK, i, k, s + i + 1, k - 2);
            } else if (s[i + 1] == '!') {
                add_tok(t, TK_HTML, i, k, "<!--", 4);
            } else {
                char name[40];
                size_t nl = 0, a = i + 1;
                name[nl++] = '<';
                if (s[a] == '/')
                    name[nl++] = '/', a++;
                while (a < i + k && (isalnum((unsigned char)s[a]) || s[a] == '-') &&
                       nl < sizeof(name) - 1)
                    name[nl++] = (char)tolower((unsigned char)s[a++]);
                add_tok(t, TK_HTML, i, k, name, nl);
            }
            protect(t, i, k);
            i += k;
            continue;
        }
        if (c == '[' || (c == '!' && i + 1 < len && s[i + 1] == '[')) {
            size_t open = c == '!' ? i + 1 : i, close = bracket_end(s, len, open);
            if (close && s[open + 1] == '^' && c == '[') {
                add_tok(t, TK_FOOTNOTE, i, close + 1 - i, s + i, close + 1 - i);
                protect(t, i, close + 1 - i);
                i = close + 1;
                continue;
            }
            if (close && close + 1 < len && s[close + 1] == '(' && npend < 16) {
                size_t pe = paren_end(s, len, close + 1);
                if (pe) {
                    pending *p = &pend[npend++];
                    p->close = close;
                    p->dest = close + 1;
                    p->dend = pe;
                    p->image = c == '!';
                    protect(t, i, open + 1 - i);
                    i = open + 1;
                    continue;
                }
            }
            if (close && close + 1 < len && s[close + 1] == '[') {
                size_t e = close + 2;
                while (e < len && s[e] != ']' && s[e] != '[')
                    e++;
                if (e < len && s[e] == ']' && npend < 16) {
                    pending *p = &pend[npend++];
                    add_tok(t, TK_REFLINK, close, e + 1 - close, s + close + 2, e - close - 2);
                    protect(t, i, open + 1 - i);
                    protect(t, close, e + 1 - close);
                    p->close = close;
                    p->dest = close + 1;
                    p->dend = e;
                    p->image = 2;
                    i = open + 1;
                    continue;
                }
            }
            i++;
            continue;
        }
        if ((c == 'h' || c == 'w' || c == 'f') && (k = bare_url(s, len, i)) > 0) {
            add_tok(t, TK_URL, i, k, s + i, k);
            protect(t, i, k);
            i += k;
            continue;
        }
        if (isalnum(c) && (k = email_at(s, len, i)) > 0) {
            add_tok(t, TK_EMAIL, i, k, s + i, k);
            protect(t, i, k);
            i += k;
            continue;
        }
        if ((c == '%' || c == '$' || c == '{') && (k = placeholder_at(s, len, i)) > 0) {
            add_tok(t, TK_PLACEHOLDER, i, k, s + i, k);
            protect(t, i, k);
            i += k;
            continue;
        }
        if (c == '*' || c == '_' || (c == '~' && i + 1 < len && s[i + 1] == '~')) {
            size_t r = run_of(s, len, i, (char)c);
            int flank = 1;
            if (c == '_') {
                /* intra-word underscores (snake_case) are not emphasis */
                int before = i > 0 && isalnum((unsigned char)s[i - 1]);
                int after = i + r < len && isalnum((unsigned char)s[i + r]);
                flank = !(before && after);
            }
            if (c == '*' && i > 0 && s[i - 1] == ' ' && i + r < len && s[i + r] == ' ')
                flank = 0; /* "2 * 3" */
            if (flank && r <= 3) /* _x_ and *x* are the same emphasis */
                add_tok(t, TK_EMPH, i, r, c == '~' ? "~~~" : "***", c == '~' ? 2 : r);
            protect(t, i, r);
            i += r;
            continue;
        }
        k = yk_ck_next(&cp, s, len, i);
        if (is_digit_cp(cp)) {
            uint32_t pc = 0;
            yk_ck_prev(&pc, s, i);
            if (!(pc < 0x80 && (isalnum((int)pc) || pc == '.' || pc == '_'))) {
                size_t nl = number_at(s, len, i, num);
                add_tok(t, TK_NUMBER, i, nl, num->buf, num->len);
                i += nl;
                continue;
            }
            /* digits glued to letters (H2O, v1.2): a number from the first digit */
            if (pc < 0x80 && isalpha((int)pc)) {
                size_t nl = number_at(s, len, i, num);
                add_tok(t, TK_NUMBER, i, nl, num->buf, num->len);
                i += nl;
                continue;
            }
        }
        i += k;
    }
    decode_finish(t);
}

void yk_ck_text_release(yk_ck_text *t)
{
    free(t->cps);
    free(t->tok);
    free(t->prose);
    yk_buf_release(&t->vals);
    yk_buf_release(&t->num);
    memset(t, 0, sizeof(*t));
}

int yk_ck_apply_rule(int (*rule)(yk_buf *out, const yk_ck_text *t, size_t *at), yk_buf *out,
                     const char *t, size_t len)
{
    yk_ck_text txt;
    int n;
    yk_ck_scan(&txt, t, len);
    n = rule(out, &txt, NULL);
    yk_ck_text_release(&txt);
    return n > 0;
}
