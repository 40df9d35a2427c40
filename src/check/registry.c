/*
 * The catalogue of checks and the session that runs them: per-segment
 * families as segments arrive, book-wide families at the end, findings
 * reported in document order.  yk_check_run() feeds it from the project.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "core/check_rows.h"
#include "core/core.h"
#include "util/xalloc.h"

/* TRANSLATORS: the descriptions are the catalogue of `yaku check --list`. */
const yk_check_def yk_check_defs[CK_COUNT] = {
    [CK_MARKUP_LINK_URL] = {"markup-link-url", YK_CHECK_ERROR, CK_L_ALL, "*",
                            "a link or image destination (or reference label) differs from the "
                            "source; copy the URL from the source unchanged",
                            NULL},
    [CK_MARKUP_TAGS] = {"markup-tags", YK_CHECK_ERROR, CK_L_ALL, "*",
                        "inline markup differs from the source (links, images, emphasis, "
                        "footnotes, shortcodes, HTML tags); keep the same set, balanced",
                        NULL},
    [CK_CODE_SPAN] = {"code-span-changed", YK_CHECK_ERROR, CK_L_ALL, "*",
                      "an inline code span was changed, translated or lost; code stays "
                      "byte for byte as in the source",
                      NULL},
    [CK_NUMBER] = {"number-missing", YK_CHECK_ERROR, CK_L_ALL, "*",
                   "a number of the source is missing from the target (thousands separators "
                   "and full-width digits are ignored); restore it",
                   NULL},
    [CK_URL] = {"url-missing", YK_CHECK_ERROR, CK_L_ALL, "*",
                "a URL of the source text is missing or altered in the target; copy it "
                "unchanged",
                NULL},
    [CK_EMAIL] = {"email-missing", YK_CHECK_ERROR, CK_L_ALL, "*",
                  "an e-mail address of the source is missing or altered; copy it unchanged",
                  NULL},
    [CK_PLACEHOLDER] = {"placeholder-missing", YK_CHECK_ERROR, CK_L_ALL, "*",
                        "placeholders (%s, %1$d, {name}, ${var}, {{ var }}) differ from the "
                        "source; keep each one exactly",
                        NULL},
    [CK_EMPTY] = {"empty-target", YK_CHECK_ERROR, CK_L_ALL, "*",
                  "the target is empty, only markup or a stand-in such as TODO although the "
                  "segment is marked translated; translate it or set it back to new",
                  NULL},
    [CK_UNTRANSLATED] = {"untranslated", YK_CHECK_INFO, CK_L_ALL, "*",
                         "segments of the chapter have no translation yet (one finding per "
                         "chapter, at the first); 'yaku list segments --state new' lists them",
                         NULL},
    [CK_IDENTICAL] = {"identical-to-source", YK_CHECK_WARNING, CK_L_ALL, "*",
                      "the target is a copy of the source text; translate it (names and "
                      "short headings are not reported)",
                      NULL},
    [CK_HANGUL_JA] = {"script-hangul-in-ja", YK_CHECK_ERROR, CK_L_JA, "ja",
                      "Hangul in a Japanese target (a Korean translation pasted into the wrong "
                      "language?); replace it with the Japanese text",
                      NULL},
    [CK_KANA_KO] = {"script-kana-in-ko", YK_CHECK_ERROR, CK_L_KO, "ko",
                    "hiragana or katakana in a Korean target; replace it with the Korean text",
                    NULL},
    [CK_SIMPLIFIED] = {"script-simplified-in-ja-ko", YK_CHECK_WARNING, CK_L_JA | CK_L_KO, "ja,ko",
                       "a simplified-only Chinese character left in a Japanese or Korean "
                       "target (e.g. 开 for 開, 们); write the Japanese kanji or Korean word",
                       NULL},
    [CK_LATIN_RUN] = {"script-latin-run", YK_CHECK_WARNING, CK_L_JA | CK_L_KO | CK_L_ZH,
                      "ja,ko,zh",
                      "a run of five or more Latin words copied from the source into a CJK "
                      "target; translate it (code and URLs are not counted)",
                      NULL},
    [CK_GLOSSARY_MISSING] = {"glossary-term-missing", YK_CHECK_WARNING, CK_L_ALL, "*",
                             "a glossary term is in the source but its approved translation "
                             "is not in the target; use the approved term",
                             NULL},
    [CK_GLOSSARY_FORBIDDEN] = {"glossary-forbidden", YK_CHECK_ERROR, CK_L_ALL, "*",
                               "a variant the glossary forbids is used for a term of the "
                               "source; replace it with the approved term",
                               NULL},
    [CK_CONS_SOURCE] = {"consistency-source", YK_CHECK_WARNING, CK_L_ALL, "*",
                        "the same source is translated differently elsewhere in the book; "
                        "use one translation (the most common is named)",
                        NULL},
    [CK_CONS_TARGET] = {"consistency-target", YK_CHECK_WARNING, CK_L_ALL, "*",
                        "the same translation is used for different source sentences "
                        "elsewhere in the book (a copy-paste slip?); check both",
                        NULL},
    [CK_CONS_TERM] = {"consistency-term", YK_CHECK_WARNING, CK_L_ALL, "*",
                      "a glossary term is rendered in two ways across the book; use the "
                      "approved (or most common) rendering everywhere",
                      NULL},
    [CK_JA_PUNCT] = {"ja-fullwidth-punct", YK_CHECK_WARNING, CK_L_JA, "ja",
                     "half-width or Chinese punctuation in Japanese text (JTF 4.1: 、。！？ and "
                     "「」 for quotes); --fix converts it",
                     yk_ck_fix_ja_punct},
    [CK_JA_SPACE_PUNCT] = {"ja-space-around-punct", YK_CHECK_WARNING, CK_L_JA, "ja",
                           "a space before or after full-width punctuation in Japanese text "
                           "(JTF 3.1.2); --fix removes it",
                           yk_ck_fix_ja_space_punct},
    [CK_JA_ALNUM_SPACING] = {"ja-alnum-spacing", YK_CHECK_INFO, CK_L_JA, "ja",
                             "spacing between Japanese and Latin letters differs from the rest "
                             "of the book (JTF 3.1.1 prefers none); --fix follows the book",
                             NULL},
    [CK_JA_DIGITS] = {"ja-fullwidth-digits", YK_CHECK_WARNING, CK_L_JA, "ja",
                      "full-width digits or Latin letters in Japanese text (JTF 2.2: "
                      "half-width); --fix converts them",
                      yk_ck_fix_ja_digits},
    [CK_JA_LONG_VOWEL] = {"ja-long-vowel", YK_CHECK_INFO, CK_L_JA, "ja",
                          "a katakana word is written with and without the final long vowel "
                          "mark in the book (サーバー / サーバ); pick one",
                          NULL},
    [CK_KO_SPACE_PUNCT] = {"ko-space-after-punct", YK_CHECK_WARNING, CK_L_KO, "ko",
                           "no space after . , ? ! before Hangul, or a space before them, in "
                           "Korean text; --fix corrects the spacing",
                           yk_ck_fix_ko_space_punct},
    [CK_KO_PUNCT] = {"ko-fullwidth-punct", YK_CHECK_WARNING, CK_L_KO, "ko",
                     "Chinese or Japanese full-width punctuation (。、，！？) in Korean text; "
                     "--fix uses . , ! ?",
                     yk_ck_fix_ko_punct},
    [CK_KO_SPELLING] = {"ko-spelling", YK_CHECK_WARNING, CK_L_KO, "ko",
                        "a Hangul word hunspell-ko rejects, with a suggestion that differs in one "
                        "commonly confused jamo (됬다 → 됐다; words used three times or more "
                        "and glossary terms are trusted); correct it",
                        NULL},
    [CK_ZH_SPACE] = {"zh-cjk-latin-space", YK_CHECK_INFO, CK_L_ZH, "zh",
                     "no space between Chinese characters and Latin letters or digits "
                     "(Chinese copywriting guidelines); --fix inserts it",
                     yk_ck_fix_zh_space},
    [CK_ZH_PUNCT] = {"zh-fullwidth-punct", YK_CHECK_WARNING, CK_L_ZH, "zh",
                     "half-width punctuation after Chinese text (use ，。！？：；); --fix "
                     "converts it",
                     yk_ck_fix_zh_punct},
    [CK_WS_EDGES] = {"whitespace-edges", YK_CHECK_WARNING, CK_L_ALL, "*",
                     "leading or trailing white space differs from the source; --fix "
                     "copies the source's",
                     yk_ck_fix_ws_edges},
    [CK_DOUBLED_WORD] = {"doubled-word", YK_CHECK_WARNING, CK_L_ALL, "*",
                         "a word (or Japanese particle) is written twice in a row; delete one",
                         NULL},
    [CK_DOUBLED_PUNCT] = {"doubled-punct", YK_CHECK_WARNING, CK_L_ALL, "*",
                          "punctuation doubled (。。 、、 ,, ..) where the source has none; "
                          "--fix removes the repeat of 。、，,;",
                          yk_ck_fix_doubled_punct},
    [CK_LENGTH_RATIO] = {"length-ratio", YK_CHECK_INFO, CK_L_ALL, "*",
                         "the target is far shorter or longer than usual for the language "
                         "pair (part left out, or something added?); compare with the source",
                         NULL},
    [CK_SOFT_BREAK] = {"soft-break-cjk", YK_CHECK_WARNING, CK_L_JA | CK_L_ZH, "ja,zh",
                       "a line break inside Japanese or Chinese text would become a stray "
                       "space in some renderers; --fix joins the lines",
                       yk_ck_fix_soft_break},
};

const char *yk_check_severity_name(yk_check_severity s)
{
    return s == YK_CHECK_ERROR ? "error" : s == YK_CHECK_WARNING ? "warning" : "info";
}

static int is_fixable(int c)
{
    return yk_check_defs[c].fix != NULL || c == CK_JA_ALNUM_SPACING;
}

int yk_check_catalogue(int (*fn)(const yk_check_info *info, void *payload), void *payload)
{
    int c, rc;
    for (c = 0; c < CK_COUNT; c++) {
        yk_check_info info;
        info.check = yk_check_defs[c].id;
        info.severity = yk_check_defs[c].severity;
        info.languages = yk_check_defs[c].languages;
        info.description = yk_check_defs[c].description;
        info.fixable = is_fixable(c);
        if ((rc = fn(&info, payload)) != 0)
            return rc;
    }
    return YK_OK;
}

unsigned yk_ck_lang_class(const char *lang)
{
    if (strncmp(lang, "ja", 2) == 0 && (!lang[2] || lang[2] == '-'))
        return CK_L_JA;
    if (strncmp(lang, "ko", 2) == 0 && (!lang[2] || lang[2] == '-'))
        return CK_L_KO;
    if (strncmp(lang, "zh", 2) == 0 && (!lang[2] || lang[2] == '-'))
        return CK_L_ZH;
    return CK_L_OTHER;
}

/** ## The session */

typedef struct finding {
    size_t idx, seq;
    int check;
    char *msg, *fix;
} finding;

typedef struct chapter_count {
    const char *chapter;
    size_t first, untranslated, total;
} chapter_count;

struct yk_ck_session {
    char src_lang[36], tgt_lang[36];
    unsigned scls, tcls;
    unsigned char enabled[CK_COUNT];
    const yk_glossary *g;
    int fix;
    yk_ck_stored *segs;
    size_t nsegs, capsegs;
    finding *f;
    size_t nf, capf;
    chapter_count *ch;
    size_t nch, capch;
    yk_ck_term_use *uses;
    size_t nuses, capuses;
    yk_ck_map trusted;
    yk_ck_text scan_s, scan_t; /* scan buffers, reused from segment to segment */
    yk_ck_arena strings;       /* the sources and targets of segs */
    yk_ck_cons *cons;          /* NULL: no sentence consistency check */
    yk_ck_lv *lv;              /* NULL: no katakana long-vowel check */
    unsigned char simplified[YK_CK_SIMPLIFIED_BYTES];
    size_t checked;
    int cur_fixable; /* a fixable check fired on the segment being added */
};

int yk_ck_on(const yk_ck_session *s, int c)
{
    return s->enabled[c] && (yk_check_defs[c].langs & s->tcls);
}

unsigned yk_ck_target_class(const yk_ck_session *s)
{
    return s->tcls;
}

unsigned yk_ck_source_class(const yk_ck_session *s)
{
    return s->scls;
}

const char *yk_ck_source_lang(const yk_ck_session *s)
{
    return s->src_lang;
}

const yk_glossary *yk_ck_glossary(const yk_ck_session *s)
{
    return s->g;
}

static int check_index(const char *id, size_t len)
{
    int c;
    for (c = 0; c < CK_COUNT; c++)
        if (strlen(yk_check_defs[c].id) == len && memcmp(yk_check_defs[c].id, id, len) == 0)
            return c;
    return -1;
}

int yk_ck_session_new(yk_ck_session **out, const char *src_lang, const char *tgt_lang,
                      const char *only, const yk_glossary *g, int fix)
{
    yk_ck_session *s = yk_xcalloc(1, sizeof(*s));
    snprintf(s->src_lang, sizeof(s->src_lang), "%s", src_lang);
    snprintf(s->tgt_lang, sizeof(s->tgt_lang), "%s", tgt_lang);
    s->scls = yk_ck_lang_class(src_lang);
    s->tcls = yk_ck_lang_class(tgt_lang);
    s->g = g;
    s->fix = fix;
    yk_ck_simplified_fill(s->simplified);
    yk_ck_scan(&s->scan_s, "", 0);
    yk_ck_scan(&s->scan_t, "", 0);
    memset(s->enabled, only ? 0 : 1, sizeof(s->enabled));
    while (only && *only) {
        const char *e = strchr(only, ',');
        size_t len = e ? (size_t)(e - only) : strlen(only);
        while (len && only[0] == ' ')
            only++, len--;
        while (len && only[len - 1] == ' ')
            len--;
        if (len) {
            int c = check_index(only, len);
            if (c < 0) {
                int rc = yk_error_set(YK_EINVAL, "unknown check '%.*s' (see 'yaku check --list')",
                                      (int)len, only);
                yk_ck_session_free(s);
                *out = NULL;
                return rc;
            }
            s->enabled[c] = 1;
        }
        only = e ? e + 1 : only + strlen(only);
    }
    if (yk_ck_on(s, CK_CONS_SOURCE) || yk_ck_on(s, CK_CONS_TARGET))
        s->cons = yk_ck_cons_new();
    if (yk_ck_on(s, CK_JA_LONG_VOWEL))
        s->lv = yk_ck_lv_new();
    *out = s;
    return YK_OK;
}

const unsigned char *yk_ck_simplified_bits(const yk_ck_session *s)
{
    return s->simplified;
}

yk_ck_lv *yk_ck_session_lv(const yk_ck_session *s)
{
    return s->lv;
}

yk_ck_cons *yk_ck_session_cons(const yk_ck_session *s)
{
    return s->cons;
}

static const char *intern_chapter(yk_ck_session *s, const char *chapter, int *is_new)
{
    chapter_count *c;
    if (s->nch && strcmp(s->ch[s->nch - 1].chapter, chapter) == 0) {
        *is_new = 0;
        return s->ch[s->nch - 1].chapter;
    }
    s->ch = yk_xgrow(s->ch, &s->capch, s->nch + 1, sizeof(*s->ch));
    c = &s->ch[s->nch++];
    c->chapter = yk_xstrdup(chapter);
    c->first = (size_t)-1;
    c->untranslated = c->total = 0;
    *is_new = 1;
    return c->chapter;
}

void yk_ck_emit(yk_ck_session *s, size_t idx, int check, const char *fix, const char *fmt, ...)
{
    finding *f;
    va_list ap;
    yk_buf msg = YK_BUF_INIT;
    if (!yk_ck_on(s, check))
        return;
    va_start(ap, fmt);
    yk_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    s->f = yk_xgrow(s->f, &s->capf, s->nf + 1, sizeof(*s->f));
    f = &s->f[s->nf];
    f->idx = idx;
    f->seq = s->nf++;
    f->check = check;
    f->msg = yk_buf_detach(&msg, NULL);
    f->fix = fix ? yk_xstrdup(fix) : NULL;
    if (yk_check_defs[check].fix)
        s->cur_fixable = 1;
}

void yk_ck_emit_fixable(yk_ck_session *s, const yk_ck_seg *seg, int check, const char *fmt, ...)
{
    yk_buf fixed = YK_BUF_INIT, msg = YK_BUF_INIT;
    va_list ap;
    int changed;
    if (!yk_ck_on(s, check))
        return;
    changed = yk_check_defs[check].fix(&fixed, seg, seg->tgt, seg->tgt_len);
    va_start(ap, fmt);
    yk_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    yk_ck_emit(s, seg->idx, check, changed ? fixed.buf : NULL, "%s", msg.buf);
    yk_buf_release(&fixed);
    yk_buf_release(&msg);
}

void yk_ck_set_fixed(yk_ck_session *s, size_t idx, char *fixed)
{
    free(s->segs[idx].fixed);
    s->segs[idx].fixed = fixed;
}

void yk_ck_trust_word(yk_ck_session *s, const char *word)
{
    yk_ck_map_at(&s->trusted, word, strlen(word), NULL);
}

int yk_ck_trusted(const yk_ck_session *s, const char *word, size_t len)
{
    return yk_ck_map_get(&s->trusted, word, len) != NULL;
}

void yk_ck_term_use_add(yk_ck_session *s, const yk_ck_term_use *u)
{
    s->uses = yk_xgrow(s->uses, &s->capuses, s->nuses + 1, sizeof(*s->uses));
    s->uses[s->nuses++] = *u;
}

const yk_ck_term_use *yk_ck_term_uses(const yk_ck_session *s, size_t *n)
{
    *n = s->nuses;
    return s->uses;
}

static int blank(const char *t)
{
    for (; *t; t++)
        if (!strchr(" \t\r\n", *t))
            return 0;
    return 1;
}

/* Apply every enabled fixer in catalogue order: later fixes see earlier
 * ones ("です. 次" → "です。 次" → "です。次"). */
static char *fix_chain(yk_ck_session *s, const yk_ck_seg *seg)
{
    yk_buf cur = YK_BUF_INIT;
    int c, changed = 0;
    yk_buf_put(&cur, seg->tgt, seg->tgt_len);
    for (c = 0; c < CK_COUNT; c++) {
        yk_buf next = YK_BUF_INIT;
        if (!yk_check_defs[c].fix || !yk_ck_on(s, c))
            continue;
        if (yk_check_defs[c].fix(&next, seg, cur.buf, cur.len)) {
            yk_buf_release(&cur);
            cur = next;
            changed = 1;
        } else {
            yk_buf_release(&next);
        }
    }
    if (!changed) {
        yk_buf_release(&cur);
        return NULL;
    }
    return yk_buf_detach(&cur, NULL);
}

void yk_ck_session_add(yk_ck_session *s, const char *chapter, int n, const char *state,
                       const char *source, const char *target)
{
    yk_ck_session_add_n(s, chapter, n, state, source, strlen(source), target,
                        target ? strlen(target) : 0);
}

void yk_ck_session_add_n(yk_ck_session *s, const char *chapter, int n, const char *state,
                         const char *source, size_t src_len, const char *target, size_t tgt_len)
{
    yk_ck_stored *st;
    yk_ck_seg seg;
    chapter_count *cc;
    int is_new;
    const char *ch = intern_chapter(s, chapter, &is_new);
    int untranslated = !target || !target[0] || strcmp(state, "new") == 0;

    cc = &s->ch[s->nch - 1];
    s->segs = yk_xgrow(s->segs, &s->capsegs, s->nsegs + 1, sizeof(*s->segs));
    st = &s->segs[s->nsegs];
    memset(st, 0, sizeof(*st));
    st->chapter = ch;
    st->n = n;
    st->src = yk_ck_arena_strndup(&s->strings, source, src_len);
    if (!untranslated)
        st->tgt = yk_ck_arena_strndup(&s->strings, target, tgt_len);
    cc->total++;
    if (untranslated) {
        if (!cc->untranslated++)
            cc->first = s->nsegs;
        s->nsegs++;
        return;
    }
    memset(&seg, 0, sizeof(seg));
    seg.idx = s->nsegs++;
    seg.chapter = ch;
    seg.n = n;
    seg.state = state;
    seg.src = st->src;
    seg.src_len = src_len;
    seg.tgt = st->tgt;
    seg.tgt_len = tgt_len;
    s->checked++;

    seg.s = s->scan_s;
    seg.t = s->scan_t;
    yk_ck_rescan(&seg.s, seg.src, seg.src_len);
    yk_ck_rescan(&seg.t, seg.tgt, seg.tgt_len);
    if (s->cons)
        yk_ck_cons_add(s->cons, st, &seg.s, &seg.t);
    if (s->lv)
        yk_ck_lv_add(s->lv, seg.idx, &seg.t);
    if (s->g)
        yk_glossary_match(&seg.hits, &seg.nhits, s->g, seg.src, seg.src_len);
    s->cur_fixable = 0;

    if (blank(seg.tgt)) {
        yk_ck_emit(s, seg.idx, CK_EMPTY, NULL, "target is empty");
    } else {
        yk_ck_markup(s, &seg);
        yk_ck_numbers(s, &seg);
        yk_ck_completeness(s, &seg);
        yk_ck_script(s, &seg);
        yk_ck_glossary_seg(s, &seg);
        yk_ck_typo_ja(s, &seg);
        yk_ck_typo_ko(s, &seg);
        yk_ck_typo_zh(s, &seg);
        yk_ck_form(s, &seg);
        if (s->tcls == CK_L_JA)
            yk_ck_ja_alnum_count(&seg.t, &st->alnum_spaced, &st->alnum_tight);
    }
    /* fix_chain may run after the segment array grew: use the index */
    if (s->fix && s->cur_fixable)
        s->segs[seg.idx].fixed = fix_chain(s, &seg);
    free((void *)seg.hits);
    s->scan_s = seg.s;
    s->scan_t = seg.t;
}

void yk_ck_session_finish(yk_ck_session *s)
{
    size_t i;
    for (i = 0; i < s->nch; i++) {
        chapter_count *c = &s->ch[i];
        if (c->untranslated)
            yk_ck_emit(s, c->first, CK_UNTRANSLATED, NULL,
                       "%zu of %zu segments of '%s' are not translated yet", c->untranslated,
                       c->total, c->chapter);
    }
    yk_ck_consistency_finish(s, s->segs, s->nsegs);
    yk_ck_typo_ja_finish(s, s->segs, s->nsegs);
    yk_ck_spell_finish(s, s->segs, s->nsegs);
}

size_t yk_ck_session_count(const yk_ck_session *s)
{
    return s->nsegs;
}

size_t yk_ck_session_checked(const yk_ck_session *s)
{
    return s->checked;
}

yk_ck_stored *yk_ck_session_segment(yk_ck_session *s, size_t i)
{
    return &s->segs[i];
}

static int by_position(const void *a, const void *b)
{
    const finding *x = a, *y = b;
    if (x->idx != y->idx)
        return x->idx < y->idx ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int yk_ck_session_report(yk_ck_session *s, const char *lang,
                         int (*fn)(const yk_check_finding *f, void *payload), void *payload)
{
    size_t i;
    int rc;
    if (s->nf)
        qsort(s->f, s->nf, sizeof(*s->f), by_position);
    for (i = 0; i < s->nf; i++) {
        const finding *f = &s->f[i];
        const yk_ck_stored *st = &s->segs[f->idx];
        yk_check_finding out;
        out.lang = lang;
        out.chapter = st->chapter;
        out.n = st->n;
        out.check = yk_check_defs[f->check].id;
        out.severity = yk_check_defs[f->check].severity;
        out.message = f->msg;
        out.source = st->src;
        out.target = st->tgt ? st->tgt : "";
        out.fix = f->fix;
        out.fixed = st->written;
        if ((rc = fn(&out, payload)) != 0)
            return rc;
    }
    return YK_OK;
}

void yk_ck_session_free(yk_ck_session *s)
{
    size_t i;
    if (!s)
        return;
    for (i = 0; i < s->nsegs; i++)
        free(s->segs[i].fixed);
    yk_ck_arena_release(&s->strings);
    yk_ck_cons_free(s->cons);
    yk_ck_lv_free(s->lv);
    for (i = 0; i < s->nf; i++) {
        free(s->f[i].msg);
        free(s->f[i].fix);
    }
    for (i = 0; i < s->nch; i++)
        free((void *)s->ch[i].chapter);
    free(s->segs);
    free(s->f);
    free(s->ch);
    free(s->uses);
    yk_ck_map_release(&s->trusted);
    yk_ck_text_release(&s->scan_s);
    yk_ck_text_release(&s->scan_t);
    free(s);
}

/** ## Running over a project */

typedef struct run_ctx {
    yk_ck_session *s;
} run_ctx;

static int on_segment(const yk_store_check_row *row, void *payload)
{
    run_ctx *r = payload;
    yk_ck_session_add_n(r->s, row->chapter, row->n, row->state, row->source, row->source_len,
                        row->target, row->target_len);
    return 0;
}

typedef struct tally {
    yk_check_result *res;
    int (*fn)(const yk_check_finding *f, void *payload);
    void *payload;
} tally;

static int count_finding(const yk_check_finding *f, void *payload)
{
    tally *t = payload;
    t->res->findings++;
    if (f->severity == YK_CHECK_ERROR)
        t->res->errors++;
    else if (f->severity == YK_CHECK_WARNING)
        t->res->warnings++;
    else
        t->res->infos++;
    return t->fn(f, t->payload);
}

static int needs_glossary(const yk_ck_session *s)
{
    return yk_ck_on(s, CK_GLOSSARY_MISSING) || yk_ck_on(s, CK_GLOSSARY_FORBIDDEN) ||
           yk_ck_on(s, CK_CONS_TERM) || yk_ck_on(s, CK_KO_SPELLING);
}

static int check_lang(yk_check_result *out, yk_project *p, const char *lang,
                      const yk_check_options *opts,
                      int (*fn)(const yk_check_finding *f, void *payload), void *payload)
{
    yk_ck_session *s = NULL;
    yk_glossary *g = NULL;
    run_ctx r;
    tally t = {out, fn, payload};
    size_t i;
    int rc;

    if ((rc = yk_ck_session_new(&s, p->source_lang, lang, opts->only, NULL, opts->fix)) < 0)
        return rc;
    if (needs_glossary(s)) {
        if ((rc = yk_glossary_load(&g, p, lang)) < 0)
            goto done;
        yk_ck_session_free(s);
        if ((rc = yk_ck_session_new(&s, p->source_lang, lang, opts->only, g, opts->fix)) < 0)
            goto done;
    }
    r.s = s;
    if ((rc = yk_core_check_rows(p, opts->chapter, lang, on_segment, &r)) < 0)
        goto done;
    yk_ck_session_finish(s);
    out->segments += yk_ck_session_checked(s);
    if (opts->fix) {
        for (i = 0; i < yk_ck_session_count(s); i++) {
            yk_ck_stored *st = yk_ck_session_segment(s, i);
            if (!st->fixed || !st->tgt || strcmp(st->fixed, st->tgt) == 0)
                continue;
            if ((rc = yk_core_translation_rewrite(p, st->chapter, st->n, lang, st->tgt, st->fixed,
                                                  "check-fix")) < 0)
                goto done;
            st->written = 1;
            out->fixed++;
        }
    }
    rc = yk_ck_session_report(s, lang, count_finding, &t);
done:
    yk_ck_session_free(s);
    yk_glossary_free(g);
    return rc;
}

int yk_check_run(yk_check_result *out, yk_project *p, const yk_check_options *opts,
                 int (*fn)(const yk_check_finding *f, void *payload), void *payload)
{
    yk_ck_session *probe = NULL;
    size_t i;
    int rc;

    memset(out, 0, sizeof(*out));
    /* validate --only before reading anything */
    if ((rc = yk_ck_session_new(&probe, p->source_lang, p->source_lang, opts->only, NULL, 0)) < 0)
        return rc;
    yk_ck_session_free(probe);
    if (opts->lang) {
        char norm[36];
        if ((rc = yk_project_check_target(p, opts->lang)) < 0)
            return rc;
        yk_lang_normalize(norm, opts->lang);
        rc = check_lang(out, p, norm, opts, fn, payload);
    } else {
        rc = YK_OK;
        for (i = 0; i < p->ntargets && rc == YK_OK; i++)
            rc = check_lang(out, p, p->targets[i], opts, fn, payload);
    }
    yk_ck_spell_cleanup();
    return rc;
}
