/*
 * Markup and tokens: link destinations, the set of inline markup (links,
 * images, emphasis, footnotes, shortcodes, HTML tags) and code spans must be
 * the same in the target as in the source.
 */
#include <string.h>

#include "check/tokens.h"

static const char *kind_name(yk_ck_kind k)
{
    switch (k) {
    case TK_LINK:
        return "links";
    case TK_IMAGE:
        return "images";
    case TK_REFLINK:
        return "reference links";
    default:
        return "markup";
    }
}

static void link_urls(yk_ck_session *s, const yk_ck_seg *seg)
{
    yk_ck_diff_result d;
    yk_ck_diff(&d, &seg->s, &seg->t, TKB(TK_LINK) | TKB(TK_IMAGE) | TKB(TK_REFLINK));
    if (d.missing && d.extra)
        yk_ck_emit(s, seg->idx, CK_MARKUP_LINK_URL, NULL, "link URL changed: '%s' became '%s'",
                   d.missing, d.extra);
    else if (d.missing)
        yk_ck_emit(s, seg->idx, CK_MARKUP_LINK_URL, NULL, "link URL '%s' is missing", d.missing);
    else if (d.extra)
        yk_ck_emit(s, seg->idx, CK_MARKUP_LINK_URL, NULL, "link URL '%s' is not in the source",
                   d.extra);
}

static int tags_differ(yk_ck_session *s, const yk_ck_seg *seg, unsigned kinds, const char *what)
{
    yk_ck_diff_result d;
    yk_ck_diff(&d, &seg->s, &seg->t, kinds);
    if (!d.missing && !d.extra)
        return 0;
    if (d.missing && d.extra)
        yk_ck_emit(s, seg->idx, CK_MARKUP_TAGS, NULL, "%s differ: '%s' in the source, '%s' here",
                   what, d.missing, d.extra);
    else if (d.missing)
        yk_ck_emit(s, seg->idx, CK_MARKUP_TAGS, NULL, "%s '%s' of the source is missing (%zu in "
                   "the source, %zu here)", what, d.missing, d.nsrc, d.ntgt);
    else
        yk_ck_emit(s, seg->idx, CK_MARKUP_TAGS, NULL, "%s '%s' is not in the source (%zu in the "
                   "source, %zu here)", what, d.extra, d.nsrc, d.ntgt);
    return 1;
}

static void tags(yk_ck_session *s, const yk_ck_seg *seg)
{
    static const yk_ck_kind counted[] = {TK_LINK, TK_IMAGE, TK_REFLINK};
    size_t i;
    for (i = 0; i < sizeof(counted) / sizeof(counted[0]); i++) {
        size_t a = yk_ck_count(&seg->s, counted[i], NULL), b = yk_ck_count(&seg->t, counted[i], NULL);
        if (a != b) {
            yk_ck_emit(s, seg->idx, CK_MARKUP_TAGS, NULL, "%s: %zu in the source, %zu here",
                       kind_name(counted[i]), a, b);
            return;
        }
    }
    if (tags_differ(s, seg, TKB(TK_HTML), "HTML tag") ||
        tags_differ(s, seg, TKB(TK_SHORTCODE), "shortcode") ||
        tags_differ(s, seg, TKB(TK_FOOTNOTE), "footnote reference") ||
        tags_differ(s, seg, TKB(TK_EMPH), "emphasis marker"))
        return;
}

static void code_spans(yk_ck_session *s, const yk_ck_seg *seg)
{
    yk_ck_diff_result d;
    yk_ck_diff(&d, &seg->s, &seg->t, TKB(TK_CODE));
    if (d.missing && d.extra)
        yk_ck_emit(s, seg->idx, CK_CODE_SPAN, NULL, "code span `%s` became `%s`", d.missing,
                   d.extra);
    else if (d.missing)
        yk_ck_emit(s, seg->idx, CK_CODE_SPAN, NULL, "code span `%s` is missing", d.missing);
    else if (d.extra)
        yk_ck_emit(s, seg->idx, CK_CODE_SPAN, NULL, "code span `%s` is not in the source",
                   d.extra);
}

void yk_ck_markup(yk_ck_session *s, const yk_ck_seg *seg)
{
    if (yk_ck_on(s, CK_MARKUP_LINK_URL))
        link_urls(s, seg);
    if (yk_ck_on(s, CK_MARKUP_TAGS))
        tags(s, seg);
    if (yk_ck_on(s, CK_CODE_SPAN))
        code_spans(s, seg);
}
