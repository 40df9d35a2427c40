/*
 * Korean typography: a space after . , ? ! and none before them; no
 * Chinese or Japanese full-width punctuation.  Spelling is spell.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/utf8.h"

static int sentence_punct(uint32_t cp)
{
    return cp == '.' || cp == ',' || cp == '?' || cp == '!';
}

static int closer(uint32_t cp)
{
    return cp == ')' || cp == '"' || cp == '\'' || cp == 0x201D || cp == 0x2019;
}

/* ko-space-after-punct: count (and with out, fix) spacing around . , ? ! */
static int ko_space(yk_buf *out, const yk_ck_text *t, size_t *at)
{
    const yk_ck_cp *v;
    size_t n, i;
    int found = 0;
    yk_ck_decode(&v, &n, t);
    for (i = 0; i < n; i++) {
        uint32_t cp = v[i].cp, prev = i ? v[i - 1].cp : 0, next = v[i + 1].cp;
        if (v[i].prose && cp == ' ' && i > 0 && yk_ck_is_hangul(prev)) {
            size_t j = i;
            while (j < n && v[j].cp == ' ')
                j++;
            if (j < n && v[j].prose && sentence_punct(v[j].cp) && v[j + 1].cp != v[j].cp &&
                (v[j + 1].cp == 0 || v[j + 1].cp == ' ' || v[j + 1].cp == '\n' ||
                 yk_ck_is_hangul(v[j + 1].cp))) {
                if (!found && at)
                    *at = v[i].off;
                found++;
                i = j - 1; /* drop the spaces before the punctuation */
                continue;
            }
        }
        if (out)
            yk_buf_put(out, t->s + v[i].off, v[i].len);
        if (v[i].prose && sentence_punct(cp) && (yk_ck_is_hangul(prev) || closer(prev)) &&
            yk_ck_is_hangul(next) && v[i + 1].prose) {
            if (!found && at)
                *at = v[i].off;
            found++;
            if (out)
                yk_buf_putc(out, ' ');
        }
    }
    return found;
}

static uint32_t ko_replacement(uint32_t cp)
{
    switch (cp) {
    case 0x3002: case 0xFF0E: return '.';
    case 0x3001: case 0xFF0C: return ',';
    case 0xFF01: return '!';
    case 0xFF1F: return '?';
    case 0xFF1A: return ':';
    case 0xFF1B: return ';';
    case 0xFF08: return '(';
    case 0xFF09: return ')';
    default: return 0;
    }
}

static int ko_punct(yk_buf *out, const yk_ck_text *t, size_t *at)
{
    const yk_ck_cp *v;
    size_t n, i;
    int found = 0;
    yk_ck_decode(&v, &n, t);
    for (i = 0; i < n; i++) {
        uint32_t rep = v[i].prose ? ko_replacement(v[i].cp) : 0;
        if (!rep) {
            if (out)
                yk_buf_put(out, t->s + v[i].off, v[i].len);
            continue;
        }
        if (!found && at)
            *at = v[i].off;
        found++;
        if (out) {
            yk_buf_putc(out, (char)rep);
            /* 。 carried its own spacing: 했다。그리고 → 했다. 그리고 */
            if (rep != '(' && v[i + 1].cp && v[i + 1].cp != ' ' && v[i + 1].cp != '\n' &&
                !ko_replacement(v[i + 1].cp) && !closer(v[i + 1].cp) &&
                (yk_ck_is_hangul(v[i + 1].cp) || yk_ck_is_alnum(v[i + 1].cp)))
                yk_buf_putc(out, ' ');
        }
    }
    return found;
}

int yk_ck_fix_ko_space_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    (void)seg;
    return yk_ck_apply_rule(ko_space, out, t, len);
}

int yk_ck_fix_ko_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    (void)seg;
    return yk_ck_apply_rule(ko_punct, out, t, len);
}

void yk_ck_typo_ko(yk_ck_session *s, const yk_ck_seg *seg)
{
    size_t at = 0;
    if (yk_ck_target_class(s) != CK_L_KO)
        return;
    if (yk_ck_on(s, CK_KO_SPACE_PUNCT) && ko_space(NULL, &seg->t, &at))
        yk_ck_emit_fixable(s, seg, CK_KO_SPACE_PUNCT,
                           "spacing around punctuation at byte %zu: a space after . , ? ! and "
                           "none before",
                           at);
    if (yk_ck_on(s, CK_KO_PUNCT) && ko_punct(NULL, &seg->t, &at)) {
        uint32_t cp;
        size_t k = yk_ck_next(&cp, seg->tgt, seg->tgt_len, at);
        yk_ck_emit_fixable(s, seg, CK_KO_PUNCT, "full-width '%.*s' in Korean text", (int)k,
                           seg->tgt + at);
    }
}
