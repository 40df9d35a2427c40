/*
 * Glossary checks on one segment: each term matched in the source should
 * have its approved translation in the target, and no forbidden variant.
 * Also records which rendering each term got, for consistency-term.
 * Matching itself is the glossary module's (src/glossary/).
 */
#include <string.h>

#include "check/check.h"

/* Occurrences of needle in hay (bytes). */
static size_t occurrences(const char *hay, size_t hlen, const char *needle)
{
    size_t n = 0, nl = strlen(needle);
    const char *p = hay, *end = hay + hlen;
    while (nl && (p = yk_ck_find(p, (size_t)(end - p), needle, nl)) != NULL) {
        n++;
        p += nl;
    }
    return n;
}

/* The forbidden variant is used: found in the target, and not only as a
 * part of the approved term (approved コミュニティー contains コミュニティ). */
static int forbidden_used(const yk_glossary *g, const yk_ck_seg *seg, const char *approved,
                          const char *variant)
{
    if (!yk_glossary_target_contains(g, seg->tgt, seg->tgt_len, variant))
        return 0;
    if (approved && strstr(approved, variant))
        return occurrences(seg->tgt, seg->tgt_len, variant) >
               occurrences(seg->tgt, seg->tgt_len, approved);
    return 1;
}

void yk_ck_glossary_seg(yk_ck_session *s, const yk_ck_seg *seg)
{
    const yk_glossary *g = yk_ck_glossary(s);
    size_t i, j;
    if (!g)
        return;
    for (i = 0; i < seg->nhits; i++) {
        const yk_term_hit *h = &seg->hits[i];
        const char *used = NULL;
        int has_approved = h->target && yk_glossary_target_contains(g, seg->tgt, seg->tgt_len,
                                                                     h->target);
        int dup = 0;
        for (j = 0; j < i; j++)
            if (seg->hits[j].entry_id == h->entry_id)
                dup = 1;
        if (dup)
            continue; /* one report per term and segment */
        if (h->target)
            yk_ck_trust_word(s, h->target);
        if (has_approved)
            used = h->target;
        for (j = 0; j < h->nforbidden; j++) {
            if (forbidden_used(g, seg, has_approved ? h->target : NULL, h->forbidden[j])) {
                yk_ck_emit(s, seg->idx, CK_GLOSSARY_FORBIDDEN, NULL,
                           "'%s' is translated with the forbidden variant '%s'; use '%s'",
                           h->source_term, h->forbidden[j], h->target ? h->target : "?");
                if (!used)
                    used = h->forbidden[j];
                break;
            }
        }
        if (h->target && !has_approved && used == NULL)
            yk_ck_emit(s, seg->idx, CK_GLOSSARY_MISSING, NULL,
                       "glossary term '%s' should be translated as '%s'%s%s", h->source_term,
                       h->target, h->note ? " — " : "", h->note ? h->note : "");
        if (used) {
            yk_ck_term_use u;
            u.entry = h->entry_id;
            u.term = h->source_term;
            u.rendering = used;
            u.approved = h->target;
            yk_ck_term_use_add(s, &u);
        }
    }
}
