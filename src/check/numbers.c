/*
 * Numbers, URLs, e-mail addresses and placeholders of the source must be
 * in the target.  Numbers are compared normalised (full-width digits,
 * thousands separators); a target may add numbers of its own.
 */
#include <string.h>

#include "check/tokens.h"
#include "util/utf8.h"

/* Small numbers may be written out: 3 → 三 (Japanese), 세 명 / 셋 (Korean
 * native numerals, as a word of their own). */
static int written_out(const yk_ck_seg *seg, const char *num, unsigned tcls)
{
    static const char *const han[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    static const char *const ko[][2] = {{"", ""}, {"한 ", "하나"}, {"두 ", "둘"}, {"세 ", "셋"},
                                        {"네 ", "넷"}, {"다섯", "다섯"}, {"여섯", "여섯"},
                                        {"일곱", "일곱"}, {"여덟", "여덟"}, {"아홉", "아홉"},
                                        {"열 ", "열 "}};
    int v;
    size_t k;
    if (strlen(num) > 2 || (strlen(num) == 2 && strcmp(num, "10") != 0))
        return 0;
    v = strcmp(num, "10") == 0 ? 10 : num[0] - '0';
    if (yk_ck_find(seg->tgt, seg->tgt_len, han[v], strlen(han[v])))
        return 1;
    if (tcls == CK_L_KO && v > 0)
        for (k = 0; k < 2; k++) {
            const char *w = ko[v][k];
            const char *f = yk_ck_find(seg->tgt, seg->tgt_len, w, strlen(w));
            /* a word of its own: "세 명", not the 세 of "세계" */
            if (f && (f == seg->tgt || f[-1] == ' '))
                return 1;
        }
    return 0;
}

static void numbers(yk_ck_session *s, const yk_ck_seg *seg)
{
    yk_ck_diff_result d;
    size_t i;
    yk_ck_diff(&d, &seg->s, &seg->t, TKB(TK_NUMBER));
    if (!d.missing)
        return;
    /* report the first missing number that is not written out */
    for (i = 0; i < seg->s.ntok; i++) {
        const yk_ck_token *k = &seg->s.tok[i];
        const char *v = YK_CK_VAL(&seg->s, k);
        if (k->kind != TK_NUMBER)
            continue;
        if (yk_ck_count(&seg->t, TK_NUMBER, v) >= yk_ck_count(&seg->s, TK_NUMBER, v))
            continue;
        if (written_out(seg, v, yk_ck_target_class(s)))
            continue;
        yk_ck_emit(s, seg->idx, CK_NUMBER, NULL, "number '%.*s' of the source is missing",
                   (int)k->len, seg->src + k->off);
        return;
    }
}

static void verbatim(yk_ck_session *s, const yk_ck_seg *seg, unsigned kinds, int check,
                     const char *what)
{
    size_t i;
    for (i = 0; i < seg->s.ntok; i++) {
        const yk_ck_token *k = &seg->s.tok[i];
        const char *v = YK_CK_VAL(&seg->s, k);
        if (!(kinds & TKB(k->kind)))
            continue;
        if (k->kind == TK_AUTOLINK && (check == CK_URL) == (strchr(v, ':') == NULL))
            continue; /* <a@b.org> is an address, <https://...> a URL */
        if (!yk_ck_find(seg->tgt, seg->tgt_len, v, strlen(v))) {
            yk_ck_emit(s, seg->idx, check, NULL, "%s '%s' of the source is missing", what, v);
            return;
        }
    }
}

static void placeholders(yk_ck_session *s, const yk_ck_seg *seg)
{
    yk_ck_diff_result d;
    yk_ck_diff(&d, &seg->s, &seg->t, TKB(TK_PLACEHOLDER));
    if (d.missing)
        yk_ck_emit(s, seg->idx, CK_PLACEHOLDER, NULL, "placeholder '%s' is missing", d.missing);
    else if (d.extra)
        yk_ck_emit(s, seg->idx, CK_PLACEHOLDER, NULL, "placeholder '%s' is not in the source",
                   d.extra);
}

void yk_ck_numbers(yk_ck_session *s, const yk_ck_seg *seg)
{
    if (yk_ck_on(s, CK_NUMBER))
        numbers(s, seg);
    if (yk_ck_on(s, CK_URL))
        verbatim(s, seg, TKB(TK_URL) | TKB(TK_AUTOLINK), CK_URL, "URL");
    if (yk_ck_on(s, CK_EMAIL))
        verbatim(s, seg, TKB(TK_EMAIL) | TKB(TK_AUTOLINK), CK_EMAIL, "e-mail address");
    if (yk_ck_on(s, CK_PLACEHOLDER))
        placeholders(s, seg);
}
