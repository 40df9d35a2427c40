/*
 * Markdown reader and renderer: exact segments for each construct, skeleton
 * stays skeleton, byte-exact identity rebuild, and rebuilds with marker
 * translations keep the document's structure (compared through cmark HTML).
 *
 * "test_markdown --spec FILE" runs the CommonMark spec examples written by
 * tests/spec/fetch.sh instead (see tests/spec/run.sh).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/document.h"
#include "formats/formats.h"
#include "segment/segment.h"

/* ---- helpers ---------------------------------------------------------- */

static const char MARK[] = "\xc2\xab" "T" "\xc2\xbb"; /* «T» */

static char *md_to_html(const char *s, size_t n)
{
    cmark_parser *p;
    cmark_node *root;
    cmark_llist *exts;
    char *html;
    const char *names[] = {"table", "strikethrough"};
    size_t i;

    cmark_gfm_core_extensions_ensure_registered();
    p = cmark_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE);
    for (i = 0; i < 2; i++)
        cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(names[i]));
    cmark_parser_feed(p, s, n);
    root = cmark_parser_finish(p);
    exts = cmark_parser_get_syntax_extensions(p);
    html = cmark_render_html(root, CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE, exts);
    cmark_node_free(root);
    cmark_parser_free(p);
    return html;
}

/* Drop alt="..." and title="..." (translated text) from a tag. */
static void put_tag(yk_buf *out, const char *t, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((n - i > 6 && memcmp(t + i, " alt=\"", 6) == 0) ||
            (n - i > 8 && memcmp(t + i, " title=\"", 8) == 0)) {
            const char *q = memchr(t + i + (t[i + 1] == 'a' ? 6 : 8), '"',
                                   n - i - (t[i + 1] == 'a' ? 6 : 8));
            if (q) {
                i = (size_t)(q - t) + 1;
                continue;
            }
        }
        yk_buf_putc(out, t[i++]);
    }
    yk_buf_putc(out, '\n');
}

/* The structure of an HTML rendering: every tag (with its attributes but
 * alt and title) and the content of code elements; other text is dropped. */
static void html_structure(yk_buf *out, const char *html)
{
    const char *p = html;
    while (*p) {
        const char *end;
        if (*p != '<') {
            p++;
            continue;
        }
        end = strchr(p, '>');
        if (!end)
            break;
        put_tag(out, p, (size_t)(end - p + 1));
        if (strncmp(p, "<code", 5) == 0 && (p[5] == '>' || p[5] == ' ')) {
            const char *close = strstr(end, "</code>");
            if (close) {
                yk_buf_puts(out, "code:");
                yk_buf_put(out, end + 1, (size_t)(close - end - 1));
                yk_buf_putc(out, '\n');
                end = close - 1;
            }
        }
        p = end + 1;
    }
}

/* Render 'doc' with every target "«T»" + source and compare the structure
 * of the original and the rebuilt document.  Returns 1 when equal; on a
 * difference fills 'why' with both structures. */
static int same_structure(const yk_doc *doc, const char *lang, yk_buf *why)
{
    const char **targets = calloc(doc->nsegs + 1, sizeof(*targets));
    yk_buf out = YK_BUF_INIT, a = YK_BUF_INIT, b = YK_BUF_INIT;
    char *h1, *h2;
    size_t i;
    int same;

    for (i = 0; i < doc->nsegs; i++) {
        const yk_doc_seg *s = &doc->segs[i];
        char *t = malloc(s->len + sizeof(MARK));
        memcpy(t, MARK, sizeof(MARK) - 1);
        memcpy(t + sizeof(MARK) - 1, doc->blocks[s->block].text + s->off, s->len);
        t[sizeof(MARK) - 1 + s->len] = '\0';
        targets[i] = t;
    }
    yk_format_render(&out, doc, targets, NULL, lang, YK_FALLBACK_SOURCE);
    h1 = md_to_html(doc->src, doc->src_len);
    h2 = md_to_html(out.buf, out.len);
    html_structure(&a, h1);
    html_structure(&b, h2);
    same = a.len == b.len && memcmp(a.buf, b.buf, a.len) == 0;
    if (!same && why)
        yk_buf_printf(why, "--- source structure\n%s--- rebuilt (%s)\n%s--- rebuilt text\n%s", a.buf,
                      lang, b.buf, out.buf);
    for (i = 0; i < doc->nsegs; i++)
        free((char *)targets[i]);
    free(targets);
    free(h1);
    free(h2);
    yk_buf_release(&out);
    yk_buf_release(&a);
    yk_buf_release(&b);
    return same;
}

static int identity(const yk_doc *doc)
{
    yk_buf out = YK_BUF_INIT;
    int ok = yk_format_render(&out, doc, NULL, NULL, "ja", YK_FALLBACK_SOURCE) == YK_OK &&
             out.len == doc->src_len && memcmp(out.buf, doc->src, out.len) == 0;
    yk_buf_release(&out);
    return ok;
}

static yk_doc *parse(const char *md, yk_segment_mode mode)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    int rc;
    o.mode = mode;
    o.lang = "en";
    rc = yk_format_parse_markdown(&doc, md, strlen(md), &o);
    if (rc != YK_OK)
        fail_msg("parse failed: %s", yk_error_last()->message);
    assert_int_equal(yk_doc_verify(doc), YK_OK);
    assert_true(identity(doc));
    return doc;
}

static char *seg_text(const yk_doc *doc, size_t i)
{
    const yk_doc_seg *s = &doc->segs[i];
    static char buf[4096];
    snprintf(buf, sizeof(buf), "%.*s", (int)s->len, doc->blocks[s->block].text + s->off);
    return buf;
}

static void expect_segs(const yk_doc *doc, const char *const *want, size_t n)
{
    size_t i;
    for (i = 0; i < doc->nsegs && i < n; i++)
        assert_string_equal(seg_text(doc, i), want[i]);
    if (doc->nsegs != n) {
        for (i = 0; i < doc->nsegs; i++)
            print_message("segment %zu: [%s]\n", i, seg_text(doc, i));
        assert_int_equal(doc->nsegs, n);
    }
}

#define EXPECT_SEGS(doc, ...)                                                                   \
    do {                                                                                        \
        static const char *const want_[] = {__VA_ARGS__};                                       \
        expect_segs((doc), want_, sizeof(want_) / sizeof(*want_));                              \
    } while (0)

static void no_seg_contains(const yk_doc *doc, const char *needle)
{
    size_t i;
    for (i = 0; i < doc->nsegs; i++)
        if (strstr(seg_text(doc, i), needle))
            fail_msg("segment %zu [%s] contains [%s]", i, seg_text(doc, i), needle);
}

static void check_structure(const yk_doc *doc)
{
    yk_buf why = YK_BUF_INIT;
    if (!same_structure(doc, "en", &why) || !same_structure(doc, "ja", &why))
        fail_msg("structure changed:\n%s", why.buf);
    yk_buf_release(&why);
}

/* Render with one target per segment (NULL entries = none). */
static char *render_with(const yk_doc *doc, const char *const *targets, const char *lang,
                         yk_fallback fb)
{
    yk_buf out = YK_BUF_INIT;
    assert_int_equal(yk_format_render(&out, doc, targets, NULL, lang, fb), YK_OK);
    return yk_buf_detach(&out, NULL);
}

/* ---- the documents ---------------------------------------------------- */

static const char FULL_DOC[] =
    "---\n"
    "title: Open Source Report 2024\n"
    "description: \"An \\\"annual\\\" report\"\n"
    "tags: [community, report]\n"
    "summary: |\n"
    "  First line of summary.\n"
    "  Second line.\n"
    "author: Mina\n"
    "---\n"
    "\n"
    "# The *Big* Picture ##\n"
    "\n"
    "Intro with **bold**, `code` and a [link](https://example.com/a.b). Second one!\n"
    "Third on a soft-broken line.\n"
    "\n"
    "> Quoted text that\n"
    "continues lazily.\n"
    "> - nested item one\n"
    ">   continues here\n"
    ">   - deeper item\n"
    "\n"
    "Setext heading\n"
    "==============\n"
    "\n"
    "```go\n"
    "fmt.Println(\"code in a fence\")\n"
    "```\n"
    "\n"
    "    indented code block\n"
    "\n"
    "<div class=\"note\">\n"
    "HTML block text.\n"
    "</div>\n"
    "\n"
    "<!-- a comment -->\n"
    "\n"
    "{{< figure src=\"x.png\" >}}\n"
    "\n"
    "![](img.png)\n"
    "\n"
    "https://example.com/bare\n"
    "\n"
    "See {{< ref \"other.md\" >}} for ~~old~~ details.\n"
    "\n"
    "[ref]: https://example.com/ref \"Ref title\"\n"
    "\n"
    "***\n"
    "\n"
    "| Name | Value |\n"
    "|------|------:|\n"
    "| foo `x` | ~~old~~ new |\n"
    "| a \\| b | <b>bold</b> |\n"
    "\n"
    "Footnote ref[^1].\n"
    "\n"
    "[^1]: The note text.\n"
    "\n"
    "中文段落第一句。第二句在这里\n"
    "继续写。\n";

static void test_full_document_paragraph_mode(void **state)
{
    yk_doc *doc = parse(FULL_DOC, YK_SEGMENT_PARAGRAPH);
    (void)state;
    EXPECT_SEGS(doc, "Open Source Report 2024", "An \\\"annual\\\" report",
                "First line of summary.\nSecond line.", "The *Big* Picture",
                "Intro with **bold**, `code` and a [link](https://example.com/a.b). Second "
                "one!\nThird on a soft-broken line.",
                "Quoted text that\ncontinues lazily.", "nested item one\ncontinues here",
                "deeper item", "Setext heading",
                "See {{< ref \"other.md\" >}} for ~~old~~ details.", "Name", "Value",
                "foo `x`", "~~old~~ new", "a \\| b", "<b>bold</b>", "Footnote ref[^1].",
                "The note text.", "中文段落第一句。第二句在这里\n继续写。");
    no_seg_contains(doc, "fmt.Println");
    no_seg_contains(doc, "indented code");
    no_seg_contains(doc, "HTML block");
    no_seg_contains(doc, "comment");
    no_seg_contains(doc, "figure");
    no_seg_contains(doc, "img.png");
    no_seg_contains(doc, "example.com/ref");
    no_seg_contains(doc, "example.com/bare");
    no_seg_contains(doc, "tags");
    no_seg_contains(doc, "Mina");
    no_seg_contains(doc, "title");
    no_seg_contains(doc, "---");
    no_seg_contains(doc, "===");
    no_seg_contains(doc, "#");
    check_structure(doc);
    yk_doc_free(doc);
}

static void test_full_document_sentence_mode(void **state)
{
    yk_doc *doc = parse(FULL_DOC, YK_SEGMENT_SENTENCE);
    size_t i;
    int found_second = 0;
    (void)state;
    for (i = 0; i < doc->nsegs; i++)
        if (strcmp(seg_text(doc, i), "Second one!") == 0)
            found_second = 1;
    assert_true(found_second);
    check_structure(doc);
    yk_doc_free(doc);
}

/* ---- stored segment maps (build without the sentence splitter) ------- */

static yk_doc *parse_stored(const char *md, const void *map, size_t maplen, size_t nsegs)
{
    yk_doc *doc = NULL;
    int rc = yk_format_parse_stored(&doc, "md", "sentence", NULL, "en", md, strlen(md), "t.md",
                                    map, maplen, nsegs);
    if (rc != YK_OK)
        fail_msg("parse failed: %s", yk_error_last()->message);
    assert_int_equal(yk_doc_verify(doc), YK_OK);
    return doc;
}

static void assert_same_segs(const yk_doc *a, const yk_doc *b)
{
    size_t i;
    assert_int_equal(a->nsegs, b->nsegs);
    for (i = 0; i < a->nsegs; i++) {
        assert_int_equal(a->segs[i].block, b->segs[i].block);
        assert_int_equal(a->segs[i].off, b->segs[i].off);
        assert_int_equal(a->segs[i].len, b->segs[i].len);
    }
}

static void put_uv(yk_buf *out, size_t v)
{
    do {
        yk_buf_putc(out, (char)((v & 0x7F) | (v > 0x7F ? 0x80 : 0)));
        v >>= 7;
    } while (v);
}

/* A version 1 segmap as older yaku wrote it: segment ranges only. */
static void segmap_v1(yk_buf *out, const yk_doc *doc)
{
    size_t i, block = 0, end = 0;
    yk_buf_putc(out, 1);
    for (i = 0; i < doc->nsegs; i++) {
        const yk_doc_seg *sg = &doc->segs[i];
        if (sg->block != block)
            end = 0;
        put_uv(out, sg->block - block);
        put_uv(out, sg->off - end);
        put_uv(out, sg->len);
        block = sg->block;
        end = sg->off + sg->len;
    }
}

/* Blocks and segments alike, text byte for byte. */
static void assert_same_layout(const yk_doc *a, const yk_doc *b)
{
    size_t i;
    assert_int_equal(a->nblocks, b->nblocks);
    for (i = 0; i < a->nblocks; i++) {
        const yk_doc_block *x = &a->blocks[i], *y = &b->blocks[i];
        assert_int_equal(x->src_start, y->src_start);
        assert_int_equal(x->src_end, y->src_end);
        assert_int_equal(x->text_len, y->text_len);
        assert_memory_equal(x->text, y->text, x->text_len);
        assert_int_equal(x->nprefixes, y->nprefixes);
        assert_int_equal(x->kind, y->kind);
        assert_int_equal(x->encoding, y->encoding);
        assert_int_equal(x->line, y->line);
        assert_int_equal(x->first_seg, y->first_seg);
        assert_int_equal(x->nsegs, y->nsegs);
        if (x->key || y->key) {
            assert_non_null(x->key);
            assert_non_null(y->key);
            assert_string_equal(x->key, y->key);
        }
    }
    assert_same_segs(a, b);
}

static void test_stored_layout(void **state)
{
    /* front matter (keys, a block scalar, a quoted value), block quotes and
     * lists (prefixes), a table, an image: the stored layout gives back the
     * same document without parsing, and the parser is not needed for it */
    yk_doc *fresh = parse(FULL_DOC, YK_SEGMENT_SENTENCE), *d;
    yk_buf map = YK_BUF_INIT, bad = YK_BUF_INIT;
    size_t i;
    (void)state;

    yk_format_segmap_encode(&map, fresh);
    assert_true(map.len > 1 && (unsigned char)map.buf[0] == 2);
    d = parse_stored(FULL_DOC, map.buf, map.len, fresh->nsegs);
    assert_same_layout(d, fresh);
    yk_doc_free(d);
    /* the layout is used as stored, whatever the mode and front-matter keys
     * now say: the segments are those in the store */
    {
        yk_doc *e = NULL;
        assert_int_equal(yk_format_parse_stored(&e, "md", "paragraph", "author", "en", FULL_DOC,
                                                strlen(FULL_DOC), "t.md", map.buf, map.len,
                                                fresh->nsegs),
                         YK_OK);
        assert_same_layout(e, fresh);
        yk_doc_free(e);
    }
    /* every single-byte change of the map either still fits the document
     * (verified) or is refused and the document is parsed afresh: never a
     * crash, never a document that does not render back to its source */
    for (i = 1; i < map.len; i++) {
        yk_buf_clear(&bad);
        yk_buf_put(&bad, map.buf, map.len);
        bad.buf[i] = (char)(bad.buf[i] ^ 0x5a);
        d = parse_stored(FULL_DOC, bad.buf, bad.len, fresh->nsegs);
        assert_int_equal(d->nsegs, fresh->nsegs);
        yk_doc_free(d);
        d = parse_stored(FULL_DOC, bad.buf, i, fresh->nsegs); /* cut short */
        yk_doc_free(d);
    }
    yk_buf_release(&map);
    yk_buf_release(&bad);
    yk_doc_free(fresh);
}

static void test_stored_segmap(void **state)
{
    static const char other[] = "# One\n\nTwo. Three.\n";
    yk_doc *fresh = parse(FULL_DOC, YK_SEGMENT_SENTENCE);
    yk_doc *para = parse(FULL_DOC, YK_SEGMENT_PARAGRAPH);
    yk_doc *small = parse(other, YK_SEGMENT_SENTENCE), *d;
    yk_buf map = YK_BUF_INIT, pmap = YK_BUF_INIT, omap = YK_BUF_INIT;
    (void)state;

    /* version 1 maps (segments only, written by older versions) are a hint
     * for the parser */
    segmap_v1(&map, fresh);
    segmap_v1(&pmap, para);
    segmap_v1(&omap, small);
    assert_true(map.len > 1 && (unsigned char)map.buf[0] == 1);

    /* the map gives back the same segments */
    d = parse_stored(FULL_DOC, map.buf, map.len, fresh->nsegs);
    assert_same_segs(d, fresh);
    yk_doc_free(d);
    /* and it is what counts: a map of whole blocks gives whole blocks */
    assert_true(para->nsegs < fresh->nsegs);
    d = parse_stored(FULL_DOC, pmap.buf, pmap.len, para->nsegs);
    assert_same_segs(d, para);
    yk_doc_free(d);
    /* no map, another document's map, a damaged or unknown one: cut afresh */
    d = parse_stored(FULL_DOC, NULL, 0, fresh->nsegs);
    assert_same_segs(d, fresh);
    yk_doc_free(d);
    d = parse_stored(FULL_DOC, omap.buf, omap.len, fresh->nsegs);
    assert_same_segs(d, fresh);
    yk_doc_free(d);
    d = parse_stored(FULL_DOC, map.buf, map.len - 1, fresh->nsegs); /* one range short */
    assert_same_segs(d, fresh);
    yk_doc_free(d);
    d = parse_stored(FULL_DOC, "\x01\xff\xff", 3, fresh->nsegs); /* truncated number */
    assert_same_segs(d, fresh);
    yk_doc_free(d);
    d = parse_stored(FULL_DOC, "\x09", 1, fresh->nsegs); /* unknown version */
    assert_same_segs(d, fresh);
    yk_doc_free(d);
    /* a map that fits the document's first block but misses the others */
    d = parse_stored(FULL_DOC, "\x01\x00\x00\x01", 4, fresh->nsegs);
    assert_same_segs(d, fresh);
    yk_doc_free(d);
    /* the count the store holds decides: the right map with the wrong count */
    d = parse_stored(FULL_DOC, map.buf, map.len, fresh->nsegs + 1);
    assert_same_segs(d, fresh);
    yk_doc_free(d);
    /* ranges are checked one by one ("中文。": one block, one sentence) */
    {
        static const char cjk[] = "\xe4\xb8\xad\xe6\x96\x87\xe3\x80\x82\n";
        yk_doc *c;
        c = parse_stored(cjk, "\x01\x00\x03\x06", 4, 1); /* "文。": fits, used */
        assert_int_equal(c->nsegs, 1);
        assert_int_equal(c->segs[0].off, 3);
        assert_int_equal(c->segs[0].len, 6);
        yk_doc_free(c);
        c = parse_stored(cjk, "\x01\x00\x00\x04", 4, 1); /* cuts 文 in two */
        assert_int_equal(c->segs[0].off, 0);
        assert_int_equal(c->segs[0].len, 9);
        yk_doc_free(c);
        c = parse_stored(cjk, "\x01\x00\x00\x7f", 4, 1); /* past the block's end */
        assert_int_equal(c->segs[0].len, 9);
        yk_doc_free(c);
        c = parse_stored(cjk, "\x01\x01\x00\x03", 4, 1); /* a block that is not there */
        assert_int_equal(c->nsegs, 1);
        assert_int_equal(c->segs[0].block, 0);
        assert_int_equal(c->segs[0].len, 9);
        yk_doc_free(c);
    }

    yk_buf_release(&map);
    yk_buf_release(&pmap);
    yk_buf_release(&omap);
    yk_doc_free(fresh);
    yk_doc_free(para);
    yk_doc_free(small);
}

static void test_block_kinds_and_lines(void **state)
{
    yk_doc *doc = parse(FULL_DOC, YK_SEGMENT_PARAGRAPH);
    (void)state;
    assert_int_equal(doc->blocks[0].kind, YK_BLOCK_FRONT_MATTER);
    assert_string_equal(doc->blocks[0].key, "title");
    assert_int_equal(doc->blocks[0].encoding, YK_ENC_YAML_PLAIN);
    assert_int_equal(doc->blocks[1].encoding, YK_ENC_YAML_DQ);
    assert_string_equal(doc->blocks[2].key, "summary");
    assert_int_equal(doc->blocks[3].kind, YK_BLOCK_HEADING);
    assert_int_equal(doc->blocks[3].line, 11);
    assert_int_equal(doc->blocks[5].kind, YK_BLOCK_QUOTE);
    assert_int_equal(doc->blocks[5].line, 16);
    assert_int_equal(doc->blocks[6].kind, YK_BLOCK_LIST_ITEM);
    assert_int_equal(doc->blocks[10].kind, YK_BLOCK_TABLE_CELL);
    assert_int_equal(doc->blocks[17].kind, YK_BLOCK_FOOTNOTE);
    yk_doc_free(doc);
}

static void test_prefixes_are_split_off(void **state)
{
    const char *md = "> - one\n>   two\n>three\n\n1. x\n   y\n      z\n";
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    (void)state;
    EXPECT_SEGS(doc, "one\ntwo\nthree", "x\ny\nz");
    assert_int_equal(doc->blocks[0].nprefixes, 2);
    assert_int_equal(doc->blocks[0].prefixes[0].len, 4); /* ">   " */
    assert_int_equal(doc->blocks[0].prefixes[1].len, 1); /* ">" lazy-ish */
    assert_int_equal(doc->blocks[1].prefixes[1].len, 6);
    check_structure(doc);
    yk_doc_free(doc);
}

static void test_hard_break_and_trailing_space(void **state)
{
    const char *md = "First line.  \nSecond line.\nThird line.   \n\nOne\\\ntwo.\n";
    const char *targets[4] = {"A.", "B.", "C.", "D\\\nE."};
    yk_doc *doc = parse(md, YK_SEGMENT_SENTENCE);
    char *out;
    (void)state;
    EXPECT_SEGS(doc, "First line.", "Second line.", "Third line.", "One\\\ntwo.");
    /* the hard break after "First line." survives joining, the soft break
     * before "Third" becomes the joiner; trailing blanks are skeleton */
    out = render_with(doc, targets, "en", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "A.  \nB. C.   \n\nD\\\nE.\n");
    free(out);
    /* a hard break inside a CJK target is not unwrapped */
    out = render_with(doc, targets, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "A.  \nB.C.   \n\nD\\\nE.\n");
    free(out);
    yk_doc_free(doc);
}

static void test_setext_and_atx(void **state)
{
    const char *md = "Title\n  two\n===\n\n## Sub ##\n\n#\n\nLast\n---";
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    (void)state;
    EXPECT_SEGS(doc, "Title\ntwo", "Sub", "Last");
    check_structure(doc);
    yk_doc_free(doc);
}

static void test_cjk_soft_breaks_removed(void **state)
{
    const char *md = "> 中文第一行\n> 第二行。\n";
    const char *targets[1] = {"日本語の一行目\n二行目。"};
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    char *out;
    (void)state;
    out = render_with(doc, targets, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "> 日本語の一行目二行目。\n");
    free(out);
    yk_doc_free(doc);
}

static void test_joiner_by_language(void **state)
{
    const char *md = "One. Two.\nThree.\n";
    const char *ja[3] = {"一。", "二。", "三。"};
    const char *ko[3] = {"하나.", "둘.", "셋."};
    yk_doc *doc = parse(md, YK_SEGMENT_SENTENCE);
    char *out;
    (void)state;
    assert_int_equal(doc->nsegs, 3);
    out = render_with(doc, ja, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "一。二。三。\n");
    free(out);
    out = render_with(doc, ko, "ko", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "하나. 둘. 셋.\n");
    free(out);
    yk_doc_free(doc);
}

static void test_fallback_omit(void **state)
{
    const char *md = "# Head\n\nOne. Two.\n\nKeep.\n";
    const char *targets[4] = {NULL, NULL, "二。", NULL};
    yk_doc *doc = parse(md, YK_SEGMENT_SENTENCE);
    char *out;
    (void)state;
    EXPECT_SEGS(doc, "Head", "One.", "Two.", "Keep.");
    out = render_with(doc, targets, "ja", YK_FALLBACK_OMIT);
    assert_string_equal(out, "# \n\n二。\n\n\n");
    free(out);
    out = render_with(doc, targets, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "# Head\n\nOne.二。\n\nKeep.\n");
    free(out);
    yk_doc_free(doc);
}

static void test_table_cell_target_escapes_pipe(void **state)
{
    const char *md = "| a | b |\n|---|---|\n| c | d |\n";
    const char *targets[4] = {"x|y", NULL, "line\nbreak", NULL};
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    char *out;
    (void)state;
    EXPECT_SEGS(doc, "a", "b", "c", "d");
    out = render_with(doc, targets, "en", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "| x\\|y | b |\n|---|---|\n| line break | d |\n");
    free(out);
    targets[2] = "表の\nセル";
    out = render_with(doc, targets, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "| x\\|y | b |\n|---|---|\n| 表のセル | d |\n");
    free(out);
    check_structure(doc);
    yk_doc_free(doc);
}

static void test_yaml_front_matter_encodings(void **state)
{
    const char *md = "---\n"
                     "title: Plain title\n"
                     "description: 'It''s single'\n"
                     "summary: \"Double \\\"q\\\"\"\n"
                     "subtitle: >\n"
                     "  Folded text\n"
                     "  goes on.\n"
                     "heroHeading:\n"
                     "  - not a scalar\n"
                     "nested:\n"
                     "  title: not top level\n"
                     "---\n"
                     "Body.\n";
    const char *targets[5] = {"Title: with colon", "Don't", "Say \"hi\" \\o/", "折り畳み\nテキスト",
                              "本文。"};
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    char *out;
    (void)state;
    EXPECT_SEGS(doc, "Plain title", "It''s single", "Double \\\"q\\\"", "Folded text\ngoes on.",
                "Body.");
    out = render_with(doc, targets, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "---\n"
                             "title: \"Title: with colon\"\n"
                             "description: 'Don''t'\n"
                             "summary: \"Say \\\"hi\\\" \\\\o/\"\n"
                             "subtitle: >\n"
                             "  折り畳みテキスト\n"
                             "heroHeading:\n"
                             "  - not a scalar\n"
                             "nested:\n"
                             "  title: not top level\n"
                             "---\n"
                             "本文。\n");
    free(out);
    yk_doc_free(doc);
}

static void test_yaml_custom_keys(void **state)
{
    const char *md = "---\ntitle: T\nmotto: Be kind\n---\n";
    const char *keys[] = {"motto"};
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc;
    (void)state;
    o.mode = YK_SEGMENT_PARAGRAPH;
    o.fm_keys = keys;
    o.nfm_keys = 1;
    assert_int_equal(yk_format_parse_markdown(&doc, md, strlen(md), &o), YK_OK);
    EXPECT_SEGS(doc, "Be kind");
    assert_string_equal(doc->blocks[0].key, "motto");
    yk_doc_free(doc);
}

static void test_toml_front_matter(void **state)
{
    const char *md = "+++\n"
                     "title = \"Basic \\\"title\\\"\"\n"
                     "description = 'Literal text'\n"
                     "draft = false\n"
                     "[params]\n"
                     "summary = \"not top level\"\n"
                     "+++\n"
                     "# Body\n";
    const char *targets[3] = {"基本\"題\"", "It's", NULL};
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    char *out;
    (void)state;
    EXPECT_SEGS(doc, "Basic \\\"title\\\"", "Literal text", "Body");
    assert_int_equal(doc->blocks[0].encoding, YK_ENC_TOML_BASIC);
    assert_int_equal(doc->blocks[1].encoding, YK_ENC_TOML_LITERAL);
    out = render_with(doc, targets, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "+++\n"
                             "title = \"基本\\\"題\\\"\"\n"
                             "description = \"It's\"\n"
                             "draft = false\n"
                             "[params]\n"
                             "summary = \"not top level\"\n"
                             "+++\n"
                             "# Body\n");
    free(out);
    yk_doc_free(doc);
}

static void test_front_matter_errors(void **state)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    const char *unclosed = "---\ntitle: x\n\nBody\n";
    const char *bad = "---\ntitle: x\n  bad: [1\n---\nBody\n";
    (void)state;
    o.path = "ch01.md";
    assert_int_equal(yk_format_parse_markdown(&doc, unclosed, strlen(unclosed), &o), YK_EINVAL);
    assert_string_equal(yk_error_last()->message, "unclosed front matter started here");
    assert_int_equal(yk_error_last()->line, 1);
    assert_int_equal(yk_error_last()->column, 1);
    assert_string_equal(yk_error_last()->file, "ch01.md");
    assert_int_equal(yk_format_parse_markdown(&doc, bad, strlen(bad), &o), YK_EINVAL);
    assert_true(yk_error_last()->line >= 2 && yk_error_last()->line <= 4);
    assert_null(doc);
}

static void test_invalid_input(void **state)
{
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    const char bad_utf8[] = "ok\nab\xff";
    const char nul[] = "a\0b";
    char *big;
    (void)state;
    assert_int_equal(yk_format_parse_markdown(&doc, bad_utf8, sizeof(bad_utf8) - 1, &o),
                     YK_EINVAL);
    assert_int_equal(yk_error_last()->line, 2);
    assert_int_equal(yk_error_last()->column, 3);
    assert_int_equal(yk_format_parse_markdown(&doc, nul, 3, &o), YK_EINVAL);
    big = calloc(1, YK_FORMAT_MAX_SOURCE + 1);
    assert_int_equal(yk_format_parse_markdown(&doc, big, YK_FORMAT_MAX_SOURCE + 1, &o),
                     YK_ETOOBIG);
    free(big);
    o.mode = YK_SEGMENT_LINE;
    assert_int_equal(yk_format_parse_markdown(&doc, "x", 1, &o), YK_EINVAL);
    assert_null(doc);
}

static void deep(const char *unit, size_t n, const char *tail)
{
    size_t ul = strlen(unit), tl = strlen(tail), i;
    char *s = malloc(ul * n + tl + 1);
    yk_parse_options o = YK_PARSE_OPTIONS_INIT;
    yk_doc *doc = NULL;
    for (i = 0; i < n; i++)
        memcpy(s + i * ul, unit, ul);
    memcpy(s + n * ul, tail, tl + 1);
    o.mode = YK_SEGMENT_PARAGRAPH;
    assert_int_equal(yk_format_parse_markdown(&doc, s, n * ul + tl, &o), YK_OK);
    assert_int_equal(yk_doc_verify(doc), YK_OK);
    assert_true(identity(doc));
    yk_doc_free(doc);
    free(s);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    deep(">", 100000, " deep quote\nlazy\n");
    deep("- ", 20000, "deep item\n");
    deep("*", 50000, "x\n");
    deep("[", 50000, "x\n");
}

static void test_crlf_and_bom(void **state)
{
    const char *md = "\xef\xbb\xbf# Title\r\n\r\n> one\r\n> two\r\n";
    const char *targets[2] = {"題", "一\n二"};
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    char *out;
    (void)state;
    EXPECT_SEGS(doc, "Title", "one\r\ntwo");
    out = render_with(doc, targets, "en", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "\xef\xbb\xbf# 題\r\n\r\n> 一\r\n> 二\r\n");
    free(out);
    yk_doc_free(doc);
}

static void test_html_inline_and_entities(void **state)
{
    const char *md = "Text with <span class=\"x\">inline</span> &amp; entity.\n\n&nbsp;\n\n"
                     "<https://example.com>\n\n`only code`\n";
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    (void)state;
    EXPECT_SEGS(doc, "Text with <span class=\"x\">inline</span> &amp; entity.");
    check_structure(doc);
    yk_doc_free(doc);
}

static void test_paired_shortcodes_are_skeleton(void **state)
{
    const char *md = "{{< notice info >}}\nThis is a note.\n{{< /notice >}}\n\n"
                     "{{% details %}}\n{{% /details %}}\n\n> {{< x >}}\n> text {{< y >}}\n";
    const char *targets[2] = {"注記。", "文 {{< y >}}"};
    yk_doc *doc = parse(md, YK_SEGMENT_PARAGRAPH);
    char *out;
    (void)state;
    EXPECT_SEGS(doc, "This is a note.", "text {{< y >}}");
    out = render_with(doc, targets, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "{{< notice info >}}\n注記。\n{{< /notice >}}\n\n"
                             "{{% details %}}\n{{% /details %}}\n\n> {{< x >}}\n> 文 {{< y >}}\n");
    free(out);
    check_structure(doc);
    yk_doc_free(doc);
}

static void test_yaml_literal_block_keeps_lines(void **state)
{
    const char *md = "---\nsummary: |\n  One.\n  Two.\n\n  Three.\n---\n";
    const char *targets[3] = {"一。", "二。", "三。"};
    yk_doc *doc = parse(md, YK_SEGMENT_SENTENCE);
    char *out;
    (void)state;
    EXPECT_SEGS(doc, "One.", "Two.", "Three.");
    out = render_with(doc, targets, "ja", YK_FALLBACK_SOURCE);
    assert_string_equal(out, "---\nsummary: |\n  一。\n  二。\n\n  三。\n---\n");
    free(out);
    yk_doc_free(doc);
}

/* ---- CommonMark spec examples ------------------------------------------ */

/* Examples whose structure legitimately changes when a marker is put in
 * front of every segment (filled in from the runs; see the report). */
static const struct {
    int number;
    const char *why;
} spec_excluded[] = {
    /* "[link](<foo\nbar>)" is raw HTML; removing the soft break for a
     * CJK target makes "<foo bar>" a valid link destination (ja run only) */
    {491, "CJK soft-break removal turns raw HTML into a link destination"},
};

static const char *excluded_why(int number)
{
    size_t i;
    for (i = 0; i < sizeof(spec_excluded) / sizeof(*spec_excluded); i++)
        if (spec_excluded[i].number == number)
            return spec_excluded[i].why;
    return NULL;
}

static int run_spec(const char *path, int verbose)
{
    FILE *f = fopen(path, "rb");
    char header[128];
    int passed = 0, failed = 0, excluded = 0, identity_failed = 0;

    if (!f) {
        fprintf(stderr, "test_markdown: cannot open '%s' (run tests/spec/fetch.sh)\n", path);
        return 2;
    }
    while (fgets(header, sizeof(header), f)) {
        int number;
        size_t len;
        char *md;
        yk_doc *doc = NULL;
        yk_parse_options o = YK_PARSE_OPTIONS_INIT;
        const char *fail = NULL;
        yk_buf why = YK_BUF_INIT;
        int m;

        if (sscanf(header, "example %d %zu", &number, &len) != 2)
            continue;
        md = malloc(len + 1);
        if (fread(md, 1, len, f) != len) {
            free(md);
            break;
        }
        md[len] = '\0';
        fgetc(f); /* the record's closing newline */
        for (m = 0; m < 2 && !fail; m++) {
            o.mode = m == 0 ? YK_SEGMENT_SENTENCE : YK_SEGMENT_PARAGRAPH;
            o.flags = YK_PARSE_NO_FRONT_MATTER; /* the examples are bare CommonMark */
            if (yk_format_parse_markdown(&doc, md, len, &o) != YK_OK)
                fail = "parse";
            else if (yk_doc_verify(doc) != YK_OK)
                fail = "verify";
            else if (!identity(doc))
                fail = "identity";
            else if (!same_structure(doc, "en", &why) || !same_structure(doc, "ja", &why))
                fail = "structure";
            yk_doc_free(doc);
            doc = NULL;
        }
        if (fail && strcmp(fail, "structure") == 0 && excluded_why(number)) {
            excluded++;
            passed++;
        } else if (fail) {
            failed++;
            if (strcmp(fail, "structure") != 0)
                identity_failed++;
            printf("example %d: %s failed\n", number, fail);
            if (verbose)
                printf("%s\n%s\n", md, why.buf);
        } else {
            passed++;
        }
        yk_buf_release(&why);
        free(md);
    }
    fclose(f);
    yk_segment_cleanup();
    printf("spec: %d examples excluded from the structure check (listed in test_markdown.c)\n",
           excluded);
    printf("spec: %d identity/verify failures\n", identity_failed);
    printf("spec: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_document_paragraph_mode),
        cmocka_unit_test(test_full_document_sentence_mode),
        cmocka_unit_test(test_block_kinds_and_lines),
        cmocka_unit_test(test_prefixes_are_split_off),
        cmocka_unit_test(test_hard_break_and_trailing_space),
        cmocka_unit_test(test_setext_and_atx),
        cmocka_unit_test(test_cjk_soft_breaks_removed),
        cmocka_unit_test(test_joiner_by_language),
        cmocka_unit_test(test_fallback_omit),
        cmocka_unit_test(test_table_cell_target_escapes_pipe),
        cmocka_unit_test(test_yaml_front_matter_encodings),
        cmocka_unit_test(test_yaml_custom_keys),
        cmocka_unit_test(test_toml_front_matter),
        cmocka_unit_test(test_front_matter_errors),
        cmocka_unit_test(test_invalid_input),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_html_inline_and_entities),
        cmocka_unit_test(test_paired_shortcodes_are_skeleton),
        cmocka_unit_test(test_yaml_literal_block_keeps_lines),
        cmocka_unit_test(test_stored_segmap),
        cmocka_unit_test(test_stored_layout),
    };
    int rc;
    if (argc >= 3 && strcmp(argv[1], "--spec") == 0)
        return run_spec(argv[2], argc >= 4 && strcmp(argv[3], "-v") == 0);
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    yk_segment_cleanup();
    return rc;
}
