/*
 * The catalogue of checks and the session that runs them: a first walk over
 * the book learns what the book-wide families need, a second runs every
 * family on each segment and reports the findings document by document.
 * yk_check_run() feeds it from the project.
 */
#include <stdarg.h>
#include <stdint.h>
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
    size_t idx; /* in the batch */
    int check;
    char *msg, *fix;
} finding;

typedef struct chapter_count {
    const char *chapter;
    size_t start;                      /* the place of its first segment */
    size_t first, untranslated, total; /* first: the place of the first untranslated */
} chapter_count;

struct yk_ck_session {
    char src_lang[36], tgt_lang[36];
    unsigned scls, tcls;
    unsigned char enabled[CK_COUNT];
    const yk_glossary *g;
    int fix;
    int learnt;    /* the first walk is over: findings are recorded from now on */
    size_t places; /* segments learnt */
    size_t place;  /* segments added in the second walk */
    size_t cur_ch; /* second walk: the chapter of the segment being added */
    const char *learn_chapter; /* first walk: of the segment being learnt */
    int learn_n;
    yk_ck_stored *segs; /* the batch */
    size_t nsegs, capsegs;
    finding *f; /* of the batch, in order: segments are checked in order */
    size_t nf, capf;
    chapter_count *ch;
    size_t nch, capch;
    yk_ck_term_use *uses; /* of the segment being checked */
    size_t nuses, capuses;
    yk_ck_map trusted;
    yk_ck_text scan_s, scan_t; /* scan buffers, reused from segment to segment */
    yk_ck_arena strings;       /* the sources and targets of the batch */
    yk_ck_cons *cons;          /* NULL: no consistency check */
    int cons_sentences;        /* consistency-source or -target on */
    yk_ck_lv *lv;              /* NULL: no katakana long-vowel check */
    yk_ck_spell *spell;        /* NULL: no Korean spelling check */
    size_t alnum_spaced, alnum_tight; /* ja: the book's Japanese↔Latin boundaries */
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
    s->cons_sentences = yk_ck_on(s, CK_CONS_SOURCE) || yk_ck_on(s, CK_CONS_TARGET);
    if (s->cons_sentences || yk_ck_on(s, CK_CONS_TERM))
        s->cons = yk_ck_cons_new(s->cons_sentences);
    if (yk_ck_on(s, CK_JA_LONG_VOWEL))
        s->lv = yk_ck_lv_new();
    if (yk_ck_on(s, CK_KO_SPELLING))
        s->spell = yk_ck_spell_new();
    *out = s;
    return YK_OK;
}

const unsigned char *yk_ck_simplified_bits(const yk_ck_session *s)
{
    return s->simplified;
}

void yk_ck_emit(yk_ck_session *s, size_t idx, int check, const char *fix, const char *fmt, ...)
{
    finding *f;
    va_list ap;
    yk_buf msg = YK_BUF_INIT;
    /* the first walk runs the glossary family only for the term uses */
    if (!s->learnt || !yk_ck_on(s, check))
        return;
    va_start(ap, fmt);
    yk_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    s->f = yk_xgrow(s->f, &s->capf, s->nf + 1, sizeof(*s->f));
    f = &s->f[s->nf++];
    f->idx = idx;
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
    if (!s->learnt) {
        if (s->cons && yk_ck_on(s, CK_CONS_TERM))
            yk_ck_cons_term_learn(s->cons, u, s->places, s->learn_chapter, s->learn_n);
        return;
    }
    s->uses = yk_xgrow(s->uses, &s->capuses, s->nuses + 1, sizeof(*s->uses));
    s->uses[s->nuses++] = *u;
}

static int blank(const char *t)
{
    for (; *t; t++)
        if (!strchr(" \t\r\n", *t))
            return 0;
    return 1;
}

static int is_untranslated(const char *state, const char *target)
{
    return !target || !target[0] || strcmp(state, "new") == 0;
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

/** ## The first walk */

static void add_chapter(yk_ck_session *s, const char *chapter)
{
    chapter_count *cc;
    s->ch = yk_xgrow(s->ch, &s->capch, s->nch + 1, sizeof(*s->ch));
    cc = &s->ch[s->nch++];
    cc->chapter = yk_xstrdup(chapter);
    cc->start = s->places;
    cc->first = SIZE_MAX;
    cc->untranslated = cc->total = 0;
}

void yk_ck_session_learn(yk_ck_session *s, const char *chapter, int n, const char *state,
                         const char *source, size_t src_len, const char *target, size_t tgt_len)
{
    chapter_count *cc;
    if (s->learnt)
        YK_BUG("yk_ck_session_learn after yk_ck_session_learned");
    /* a chapter's documents are next to each other in book order */
    if (!s->nch || strcmp(s->ch[s->nch - 1].chapter, chapter) != 0)
        add_chapter(s, chapter);
    cc = &s->ch[s->nch - 1];
    cc->total++;
    if (is_untranslated(state, target)) {
        if (!cc->untranslated++)
            cc->first = s->places;
        s->places++;
        return;
    }
    if (s->cons && s->cons_sentences)
        yk_ck_cons_learn(s->cons, s->places, n, source, src_len, target, tgt_len);
    if (s->lv)
        yk_ck_lv_learn(s->lv, target, tgt_len);
    if (s->spell)
        yk_ck_spell_learn(s->spell, target);
    if (!blank(target)) {
        if (yk_ck_on(s, CK_JA_ALNUM_SPACING))
            yk_ck_ja_alnum_learn(&s->scan_t, target, tgt_len, &s->alnum_spaced,
                                 &s->alnum_tight);
        /* the terms' renderings, and the words the spelling check trusts */
        if (s->g && (yk_ck_on(s, CK_CONS_TERM) || yk_ck_on(s, CK_KO_SPELLING))) {
            yk_ck_seg seg;
            memset(&seg, 0, sizeof(seg));
            seg.chapter = cc->chapter;
            seg.n = n;
            seg.state = state;
            seg.src = source;
            seg.src_len = src_len;
            seg.tgt = target;
            seg.tgt_len = tgt_len;
            yk_glossary_match(&seg.hits, &seg.nhits, s->g, source, src_len);
            s->learn_chapter = cc->chapter;
            s->learn_n = n;
            yk_ck_glossary_seg(s, &seg);
            free((void *)seg.hits);
        }
    }
    s->places++;
}

int yk_ck_session_learns(const yk_ck_session *s)
{
    return s->cons || s->lv || s->spell || yk_ck_on(s, CK_UNTRANSLATED) ||
           yk_ck_on(s, CK_JA_ALNUM_SPACING);
}

void yk_ck_session_learned(yk_ck_session *s)
{
    s->learnt = 1;
    if (s->cons)
        yk_ck_cons_learned(s->cons, s);
    if (s->lv)
        yk_ck_lv_learned(s->lv);
}

size_t yk_ck_session_next_quote(const yk_ck_session *s, const char **chapter, int *n)
{
    size_t place, lo = 0, hi = s->nch;
    if (!s->cons || (place = yk_ck_cons_next_quote(s->cons, n)) == SIZE_MAX)
        return SIZE_MAX;
    while (hi - lo > 1) { /* the last chapter starting at or before place */
        size_t mid = lo + (hi - lo) / 2;
        if (s->ch[mid].start <= place)
            lo = mid;
        else
            hi = mid;
    }
    *chapter = s->ch[lo].chapter;
    return place;
}

void yk_ck_session_quote(yk_ck_session *s, size_t place, const char *chapter, int n,
                         const char *source, const char *target)
{
    if (s->cons)
        yk_ck_cons_quote(s->cons, place, chapter, n, source, target);
}

/** ## The second walk */

void yk_ck_session_add(yk_ck_session *s, const char *chapter, int n, const char *state,
                       const char *source, const char *target)
{
    yk_ck_session_add_n(s, chapter, n, state, source, strlen(source), target,
                        target ? strlen(target) : 0);
}

/* The findings of the book-wide checks on the segment, known from the first
 * walk, in the order they had when they were found at the end of the book. */
static void book_wide(yk_ck_session *s, size_t place, size_t idx)
{
    const char *tgt = s->segs[idx].tgt;
    if (s->cons)
        yk_ck_cons_check(s, s->cons, place, idx, s->uses, s->nuses);
    if (yk_ck_on(s, CK_JA_ALNUM_SPACING))
        yk_ck_ja_alnum_check(s, idx, s->alnum_spaced, s->alnum_tight);
    if (s->lv)
        yk_ck_lv_check(s, s->lv, idx, tgt);
    if (s->spell)
        yk_ck_spell_check(s, s->spell, idx, tgt);
}

/* A segment's texts outlive its row only when the report quotes them: most
 * segments of a book have no finding, and copying every text was 2 % of a
 * check.  A fix comes with a finding. */
static void keep_texts(yk_ck_session *s, yk_ck_stored *st, size_t nf_before, const char *src,
                       size_t src_len, const char *tgt, size_t tgt_len)
{
    if (s->nf == nf_before) {
        st->src = st->tgt = NULL;
        return;
    }
    st->src = yk_ck_arena_strndup(&s->strings, src, src_len);
    if (tgt)
        st->tgt = yk_ck_arena_strndup(&s->strings, tgt, tgt_len);
}

void yk_ck_session_add_n(yk_ck_session *s, const char *chapter, int n, const char *state,
                         const char *source, size_t src_len, const char *target, size_t tgt_len)
{
    yk_ck_stored *st;
    yk_ck_seg seg;
    chapter_count *cc;
    size_t place = s->place++, nf = s->nf;
    int untranslated = is_untranslated(state, target);

    if (!s->learnt || (s->places && place >= s->places))
        YK_BUG("yk_ck_session_add: not the segments learnt");
    if (!s->places) {
        /* nothing learnt (no book-wide check on): chapters as they come */
        if (!s->nch || strcmp(s->ch[s->nch - 1].chapter, chapter) != 0)
            add_chapter(s, chapter);
        s->cur_ch = s->nch - 1;
    }
    while (s->cur_ch + 1 < s->nch && strcmp(s->ch[s->cur_ch].chapter, chapter) != 0)
        s->cur_ch++;
    cc = &s->ch[s->cur_ch];
    s->segs = yk_xgrow(s->segs, &s->capsegs, s->nsegs + 1, sizeof(*s->segs));
    st = &s->segs[s->nsegs];
    memset(st, 0, sizeof(*st));
    st->chapter = cc->chapter;
    st->n = n;
    /* the row's texts while the segment is checked; copied if it is reported */
    st->src = (char *)source;
    if (untranslated) {
        size_t idx = s->nsegs++;
        if (place == cc->first)
            yk_ck_emit(s, idx, CK_UNTRANSLATED, NULL,
                       "%zu of %zu segments of '%s' are not translated yet", cc->untranslated,
                       cc->total, cc->chapter);
        keep_texts(s, st, nf, source, src_len, NULL, 0);
        return;
    }
    st->tgt = (char *)target;
    memset(&seg, 0, sizeof(seg));
    seg.idx = s->nsegs++;
    seg.chapter = cc->chapter;
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
    if (s->g)
        yk_glossary_match(&seg.hits, &seg.nhits, s->g, seg.src, seg.src_len);
    s->cur_fixable = 0;
    s->nuses = 0;

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
    book_wide(s, place, seg.idx);
    keep_texts(s, &s->segs[seg.idx], nf, source, src_len, target, tgt_len);
    free((void *)seg.hits);
    s->scan_s = seg.s;
    s->scan_t = seg.t;
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

int yk_ck_session_report(yk_ck_session *s, const char *lang,
                         int (*fn)(const yk_check_finding *f, void *payload), void *payload)
{
    size_t i;
    int rc;
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

void yk_ck_session_clear(yk_ck_session *s)
{
    size_t i;
    for (i = 0; i < s->nsegs; i++)
        free(s->segs[i].fixed);
    for (i = 0; i < s->nf; i++) {
        free(s->f[i].msg);
        free(s->f[i].fix);
    }
    yk_ck_arena_release(&s->strings);
    s->nsegs = s->nf = 0;
}

void yk_ck_session_free(yk_ck_session *s)
{
    size_t i;
    if (!s)
        return;
    yk_ck_session_clear(s);
    yk_ck_cons_free(s->cons);
    yk_ck_lv_free(s->lv);
    yk_ck_spell_free(s->spell);
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

/** ## Running over a project
 *
 * Two walks over the book, document by document, in one read transaction:
 * learn every segment; check every segment, each document's fixes written
 * and findings reported before the next is read.  In between, the few
 * segments the book-wide messages quote are looked up one by one. */

typedef struct tally {
    yk_check_result *res;
    int (*fn)(const yk_check_finding *f, void *payload);
    void *payload;
} tally;

typedef struct run_ctx {
    yk_ck_session *s;
    yk_project *p;
    const char *lang;
    int fix;
    yk_check_result *out;
    tally *t;
    size_t place; /* of the segment looked up */
} run_ctx;

static int learn_row(const yk_store_check_row *row, void *payload)
{
    run_ctx *r = payload;
    yk_ck_session_learn(r->s, row->chapter, row->n, row->state, row->source, row->source_len,
                        row->target, row->target_len);
    return 0;
}

static int quote_row(const yk_store_check_row *row, void *payload)
{
    run_ctx *r = payload;
    yk_ck_session_quote(r->s, r->place, row->chapter, row->n, row->source, row->target);
    return 0;
}

static int quote_all(run_ctx *r)
{
    const char *chapter;
    int n, rc;
    while ((r->place = yk_ck_session_next_quote(r->s, &chapter, &n)) != SIZE_MAX)
        if ((rc = yk_core_check_segment(r->p, chapter, n, r->lang, quote_row, r)) < 0)
            return rc;
    return YK_OK;
}

static int check_row(const yk_store_check_row *row, void *payload)
{
    run_ctx *r = payload;
    yk_ck_session_add_n(r->s, row->chapter, row->n, row->state, row->source, row->source_len,
                        row->target, row->target_len);
    return 0;
}

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

/* A document checked: write its fixes, report it, forget it. */
static int check_doc_end(size_t doc, void *payload)
{
    run_ctx *r = payload;
    yk_ck_session *s = r->s;
    size_t i;
    int rc;
    (void)doc;
    if (r->fix) {
        for (i = 0; i < yk_ck_session_count(s); i++) {
            yk_ck_stored *st = yk_ck_session_segment(s, i);
            if (!st->fixed || !st->tgt || strcmp(st->fixed, st->tgt) == 0)
                continue;
            if ((rc = yk_core_translation_rewrite(r->p, st->chapter, st->n, r->lang, st->tgt,
                                                  st->fixed, "check-fix")) < 0)
                return rc;
            st->written = 1;
            r->out->fixed++;
        }
    }
    rc = yk_ck_session_report(s, r->lang, count_finding, r->t);
    yk_ck_session_clear(s);
    return rc;
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
    static const yk_store_check_walk learn = {learn_row, NULL};
    static const yk_store_check_walk check = {check_row, check_doc_end};
    yk_ck_session *s = NULL;
    yk_glossary *g = NULL;
    run_ctx r;
    tally t = {out, fn, payload};
    int rc;

    memset(&r, 0, sizeof(r));
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
    r.p = p;
    r.lang = lang;
    r.fix = opts->fix;
    r.out = out;
    r.t = &t;
    if (yk_ck_session_learns(s) &&
        (rc = yk_core_check_rows(p, opts->chapter, lang, &learn, &r)) < 0)
        goto done;
    yk_ck_session_learned(s);
    if ((rc = quote_all(&r)) < 0)
        goto done;
    if ((rc = yk_core_check_rows(p, opts->chapter, lang, &check, &r)) < 0)
        goto done;
    out->segments += yk_ck_session_checked(s);
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
    yk_store_read_once rd;
    int rc;

    memset(out, 0, sizeof(*out));
    /* validate --only before reading anything */
    if ((rc = yk_ck_session_new(&probe, p->source_lang, p->source_lang, opts->only, NULL, 0)) < 0)
        return rc;
    yk_ck_session_free(probe);
    if (opts->lang && (rc = yk_project_check_target(p, opts->lang)) < 0)
        return rc;
    if ((rc = yk_core_check_read_begin(p, &rd)) < 0) {
        yk_core_check_read_end(p, &rd);
        return rc;
    }
    if (opts->lang) {
        char norm[36];
        yk_lang_normalize(norm, opts->lang);
        rc = check_lang(out, p, norm, opts, fn, payload);
    } else {
        for (i = 0; i < p->ntargets && rc == YK_OK; i++)
            rc = check_lang(out, p, p->targets[i], opts, fn, payload);
    }
    yk_core_check_read_end(p, &rd);
    yk_ck_spell_cleanup();
    return rc;
}
