/*
 * Chinese typography for Chinese targets, after the common Chinese
 * copywriting guidelines: a space between Chinese characters and Latin
 * letters or digits, full-width punctuation after Chinese text.
 */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/utf8.h"

static int zh_space(yk_buf *out, const yk_ck_text *t, size_t *at)
{
    const yk_ck_cp *v;
    size_t n, i;
    int found = 0;
    yk_ck_decode(&v, &n, t);
    for (i = 0; i < n; i++) {
        uint32_t cp = v[i].cp, nx = v[i + 1].cp;
        if (out)
            yk_buf_put(out, t->s + v[i].off, v[i].len);
        if (v[i].prose && v[i + 1].prose &&
            ((yk_ck_is_han(cp) && yk_ck_is_alnum(nx)) || (yk_ck_is_alnum(cp) && yk_ck_is_han(nx)))) {
            if (!found && at)
                *at = v[i].off;
            found++;
            if (out)
                yk_buf_putc(out, ' ');
        }
    }
    return found;
}

static int zh_punct(yk_buf *out, const yk_ck_text *t, size_t *at)
{
    const yk_ck_cp *v;
    size_t n, i;
    int found = 0;
    yk_ck_decode(&v, &n, t);
    for (i = 0; i < n; i++) {
        uint32_t cp = v[i].cp, prev = i ? v[i - 1].cp : 0, next = v[i + 1].cp, rep = 0;
        if (v[i].prose && yk_ck_is_han(prev) && !yk_ck_is_alnum(next) && next != cp) {
            switch (cp) {
            case ',': rep = 0xFF0C; break;
            case '!': rep = 0xFF01; break;
            case '?': rep = 0xFF1F; break;
            case ';': rep = 0xFF1B; break;
            case ':': rep = 0xFF1A; break;
            case '.': rep = next == '.' ? 0 : 0x3002; break;
            default: break;
            }
        }
        if (!rep) {
            if (out)
                yk_buf_put(out, t->s + v[i].off, v[i].len);
            continue;
        }
        if (!found && at)
            *at = v[i].off;
        found++;
        if (out) {
            char b[4];
            yk_buf_put(out, b, yk_utf8_encode(b, rep));
            while (v[i + 1].cp == ' ' && v[i + 2].cp && v[i + 2].cp != '\n')
                i++; /* the full-width mark carries its own spacing */
        }
    }
    return found;
}

int yk_ck_fix_zh_space(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    (void)seg;
    return yk_ck_apply_rule(zh_space, out, t, len);
}

int yk_ck_fix_zh_punct(yk_buf *out, const yk_ck_seg *seg, const char *t, size_t len)
{
    (void)seg;
    return yk_ck_apply_rule(zh_punct, out, t, len);
}

void yk_ck_typo_zh(yk_ck_session *s, const yk_ck_seg *seg)
{
    size_t at = 0;
    if (yk_ck_target_class(s) != CK_L_ZH)
        return;
    if (yk_ck_on(s, CK_ZH_SPACE) && zh_space(NULL, &seg->t, &at))
        yk_ck_emit_fixable(s, seg, CK_ZH_SPACE,
                           "no space between Chinese and Latin text at byte %zu", at);
    if (yk_ck_on(s, CK_ZH_PUNCT) && zh_punct(NULL, &seg->t, &at))
        yk_ck_emit_fixable(s, seg, CK_ZH_PUNCT, "half-width '%c' after Chinese text: use "
                           "full-width punctuation", seg->tgt[at]);
}
