/*
 * PO reader and writer: write → parse round trips, hand-written samples,
 * and every malformed input the reader must refuse with its line.  With
 * YK_PO_SAMPLE_DIR set, the round-trip samples are also written there for
 * tests/interop/po_msgfmt.sh (msgfmt -c, Translate Toolkit).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/po.h"
#include "util/buf.h"

/* Parse from an exact-size heap copy, so ASan catches any read past 'len'
 * (the reader must never rely on a terminating NUL). */
static int parse_n(yk_po_file **out, const char *text, size_t len, const yk_po_parse_options *o)
{
    char *copy = malloc(len ? len : 1);
    int rc;

    assert_non_null(copy);
    memcpy(copy, text, len);
    rc = yk_po_parse(out, copy, len, "t.po", o);
    free(copy);
    return rc;
}

static int parse(yk_po_file **out, const char *text)
{
    return parse_n(out, text, strlen(text), NULL);
}

#define HEADER                                                                                     \
    "msgid \"\"\n"                                                                                 \
    "msgstr \"\"\n"                                                                                \
    "\"Project-Id-Version: demo\\n\"\n"                                                            \
    "\"Language: ja\\n\"\n"                                                                        \
    "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"                                             \
    "\n"

/* The file must be refused with 'code' at 'line'; the message must contain
 * 'needle' when given. */
static void expect_error_n(const char *text, size_t len, int code, int line, const char *needle,
                           const yk_po_parse_options *o)
{
    yk_po_file *po = NULL;
    const yk_error *err;
    int rc = parse_n(&po, text, len, o);

    err = yk_error_last();
    if (rc != code || err->line != line || (needle && !strstr(err->message, needle)))
        print_error("got rc %d at %s:%d:%d: %s\n", rc, err->file, err->line, err->column,
                    err->message);
    assert_int_equal(rc, code);
    assert_null(po);
    assert_int_equal(err->line, line);
    assert_string_equal(err->file, "t.po");
    if (needle)
        assert_non_null(strstr(err->message, needle));
}

static void expect_error(const char *text, int code, int line, const char *needle)
{
    expect_error_n(text, strlen(text), code, line, needle, NULL);
}

static void assert_same_opt(const char *a, const char *b)
{
    if (!a || !b) {
        assert_ptr_equal(a, b);
        return;
    }
    assert_string_equal(a, b);
}

static void assert_same_entry(const yk_po_entry *a, const yk_po_entry *b)
{
    assert_same_opt(a->ctxt, b->ctxt);
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->str ? a->str : "", b->str ? b->str : "");
    assert_same_opt(a->prev_ctxt, b->prev_ctxt);
    assert_same_opt(a->prev_id, b->prev_id);
    assert_same_opt(a->translator_comments, b->translator_comments);
    assert_same_opt(a->extracted_comments, b->extracted_comments);
    assert_same_opt(a->references, b->references);
    assert_same_opt(a->flags, b->flags);
    assert_int_equal(!!a->fuzzy, !!b->fuzzy);
}

/* ---------------------------------------------------------------------- */
/* Round trips                                                             */

static const char long_en[] =
    "Open source communities grow when newcomers find a path from their first "
    "question to their first contribution, and when maintainers share the work of "
    "review, release and mentoring instead of carrying it alone for years.";
static const char long_zh[] =
    "开源社区的可持续发展依赖于新贡献者能够顺利地从第一个问题走到第一次贡献，"
    "也依赖于维护者之间分担审阅、发布和指导的工作，而不是多年来独自承担。这是一个没有空格的长句子"
    "。";
static const char long_word[] =
    "https://example.org/a/very/long/path/without/any/space/at/all/that/keeps/going/"
    "and/going/until/it/is/far/wider/than/the/page/of/seventy/nine/columns/index.html";

static const yk_po_entry tricky[] = {
    {"ch01:1", "开源社区的年度报告。", "オープンソースコミュニティの年次報告。", NULL, NULL, NULL,
     "paragraph", "ch01.md:3", NULL, 0, 0},
    {"ch01:2", "He said \"hi\" and left.", "彼は「やあ」と言って去った。", NULL, NULL,
     "chapter ch01\n\n  indented line", NULL, NULL, NULL, 0, 0},
    {"ch01:3", "C:\\path\\to\\file and \\n literally", "C:\\path\\to\\file と \\n", NULL, NULL,
     NULL, NULL, NULL, NULL, 0, 0},
    {"ch01:4", "tab\there\tand\ttrailing tab\t", "タブ\tここ\t", NULL, NULL, NULL, NULL, NULL, NULL,
     0, 0},
    {"ch01:5", "line one\nline two\nline three", "一行目\n二行目\n三行目", NULL, NULL, NULL, NULL,
     NULL, NULL, 0, 0},
    {"ch01:6", "\nstarts and ends with newline\n", "\n改行で始まり改行で終わる\n", NULL, NULL, NULL,
     NULL, NULL, NULL, 0, 0},
    {"ch01:7", "untranslated", "", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0},
    {"ch01:8", "The new source sentence.", "古い訳文。", "ch01:8", "The old source sentence.", NULL,
     "TM match 87%", NULL, "no-c-format", 1, 0},
    {"ch01:9", long_en, "", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0},
    {"ch01:10", long_zh,
     "오픈 소스 커뮤니티의 지속 가능한 발전은 새로운 기여자가 첫 질문에서 "
     "첫 기여까지 순조롭게 나아갈 수 있는지에 달려 있습니다.",
     NULL, NULL, NULL, NULL, NULL, NULL, 0, 0},
    {"ch01:11", long_word, long_word, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0},
    {"ch01:12", "controls: \a \b \f \v \r \x01 \x1b \x7f end", "制御文字 \r\x1b", NULL, NULL, NULL,
     NULL, NULL, NULL, 0, 0},
    {"ch01:13", "emoji 🎉 and 𠮷 (U+20BB7)", "絵文字 🎉 と 𠮷", NULL, NULL, NULL, NULL, NULL, NULL, 0,
     0},
    {"ch01:14", "\n", "\n", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0},
    {"ch01:15", "fuzzy with a newline mismatch\n", "改行が合わない", NULL,
     "multi\nline previous\nsource\n", NULL, NULL, NULL, NULL, 1, 0},
    {NULL, "no context", "文脈なし", NULL, NULL, NULL, NULL, "a.md:1\nb.md:2", "no-wrap", 0, 0},
    {"ch01:17", "\"quoted\"\\", "\"\\", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0},
    {"ch01:18", "ends with backslash-n escape \\n\\", "x\\", NULL, NULL, NULL, NULL, NULL, NULL, 0,
     0},
    {"", "empty context", "空の文脈", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0},
    {"ch01:20", "  leading and trailing spaces  ", "  前後の空白  ", NULL, NULL, NULL, NULL, NULL,
     NULL, 0, 0},
};
#define NTRICKY (sizeof(tricky) / sizeof(tricky[0]))

static yk_po_header sample_header(void)
{
    yk_po_header h = YK_PO_HEADER_INIT;
    h.project_id = "demo-book 2026";
    h.pot_creation_date = "2026-03-01 09:00+0900";
    h.revision_date = "2026-03-02 10:30+0900";
    h.last_translator = "Mina <mina@example.org>";
    h.language_team = "Japanese <ja@example.org>";
    h.language = "ja";
    h.extra = "X-Yaku-Project: demo-book\nX-Yaku-Chapter: ch01";
    h.comments = "Japanese translation of demo-book.\nExported by yaku.";
    return h;
}

static void write_sample(const char *name, const yk_buf *b)
{
    const char *dir = getenv("YK_PO_SAMPLE_DIR");
    char path[1024];
    FILE *f;

    if (!dir || !*dir)
        return;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b->buf, 1, b->len, f), b->len);
    assert_int_equal(fclose(f), 0);
}

/* The entries as hex ctxt / id / str / fuzzy lines, so the interop script can
 * compare what other readers see without any escaping in between. */
static void write_expect(const char *name, const yk_po_entry *e, size_t n)
{
    yk_buf b = YK_BUF_INIT;
    size_t i;
    const unsigned char *s;

    for (i = 0; i < n; i++) {
        const char *fields[3] = {e[i].ctxt, e[i].id, e[i].str ? e[i].str : ""};
        int k;
        for (k = 0; k < 3; k++) {
            if (!fields[k]) {
                yk_buf_putc(&b, '-');
            } else {
                yk_buf_putc(&b, 'x');
                for (s = (const unsigned char *)fields[k]; *s; s++)
                    yk_buf_printf(&b, "%02x", *s);
            }
            yk_buf_putc(&b, '\t');
        }
        yk_buf_printf(&b, "%d\n", e[i].fuzzy ? 1 : 0);
    }
    write_sample(name, &b);
    yk_buf_release(&b);
}

static void test_roundtrip_tricky_strings(void **state)
{
    yk_buf b = YK_BUF_INIT;
    yk_po_header h = sample_header();
    yk_po_file *po = NULL;
    size_t i;

    (void)state;
    assert_int_equal(yk_po_write(&b, &h, tricky, NTRICKY), YK_OK);
    write_sample("tricky.po", &b);
    write_expect("tricky.expect", tricky, NTRICKY);
    assert_int_equal(parse_n(&po, b.buf, b.len, NULL), YK_OK);
    assert_int_equal(po->n, NTRICKY);
    for (i = 0; i < NTRICKY; i++)
        assert_same_entry(&po->entries[i], &tricky[i]);

    assert_string_equal(po->header.project_id, h.project_id);
    assert_string_equal(po->header.pot_creation_date, h.pot_creation_date);
    assert_string_equal(po->header.revision_date, h.revision_date);
    assert_string_equal(po->header.last_translator, h.last_translator);
    assert_string_equal(po->header.language_team, h.language_team);
    assert_string_equal(po->header.language, "ja");
    assert_string_equal(po->header.extra, h.extra);
    assert_string_equal(po->header.comments, h.comments);
    assert_string_equal(po->charset, "UTF-8");
    assert_string_equal(yk_po_file_header_field(po, "plural-forms"), "nplurals=1; plural=0;");
    assert_string_equal(yk_po_file_header_field(po, "X-Yaku-Chapter"), "ch01");
    assert_null(yk_po_file_header_field(po, "X-Missing"));
    assert_int_equal(po->header_line, 3);
    yk_po_file_free(po);
    yk_buf_release(&b);
}

/* parse → write → parse: the second file is byte-identical to the first. */
static void test_rewrite_is_stable(void **state)
{
    yk_buf a = YK_BUF_INIT, b = YK_BUF_INIT;
    yk_po_header h = sample_header();
    yk_po_file *po = NULL;

    (void)state;
    assert_int_equal(yk_po_write(&a, &h, tricky, NTRICKY), YK_OK);
    assert_int_equal(parse_n(&po, a.buf, a.len, NULL), YK_OK);
    assert_int_equal(yk_po_write(&b, &po->header, po->entries, po->n), YK_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.buf, b.buf, a.len);
    yk_po_file_free(po);
    yk_buf_release(&a);
    yk_buf_release(&b);
}

static void test_write_layout_like_gettext(void **state)
{
    static const yk_po_entry e[] = {
        {"ch02:1", "line one\nline two\n", "一行目\n二行目\n", NULL, "line one\nline 2\n",
         "chapter ch02", "heading", "ch02.md:1", NULL, 1, 0},
    };
    static const char expect[] = "\n"
                                 "# chapter ch02\n"
                                 "#. heading\n"
                                 "#: ch02.md:1\n"
                                 "#, fuzzy\n"
                                 "#| msgid \"\"\n"
                                 "#| \"line one\\n\"\n"
                                 "#| \"line 2\\n\"\n"
                                 "msgctxt \"ch02:1\"\n"
                                 "msgid \"\"\n"
                                 "\"line one\\n\"\n"
                                 "\"line two\\n\"\n"
                                 "msgstr \"\"\n"
                                 "\"一行目\\n\"\n"
                                 "\"二行目\\n\"\n";
    yk_buf b = YK_BUF_INIT;
    const char *tail;

    (void)state;
    assert_int_equal(yk_po_write(&b, NULL, e, 1), YK_OK);
    assert_true(strncmp(b.buf, "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: \\n\"\n", 43) == 0);
    assert_non_null(strstr(b.buf, "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"));
    assert_non_null(strstr(b.buf, "\"Plural-Forms: nplurals=1; plural=0;\\n\"\n"));
    assert_non_null(strstr(b.buf, "\"X-Generator: yaku "));
    tail = strstr(b.buf, "\n\n# chapter");
    assert_non_null(tail);
    assert_string_equal(tail + 1, expect);
    yk_buf_release(&b);
}

/* Every written line fits 79 columns (CJK counted twice) unless a single
 * character forces it, and lines are split only between characters. */
static void test_write_wraps_within_page_width(void **state)
{
    yk_buf b = YK_BUF_INIT;
    const char *line;
    yk_po_header h = sample_header();

    (void)state;
    assert_int_equal(yk_po_write(&b, &h, tricky, NTRICKY), YK_OK);
    for (line = b.buf; *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = (size_t)(nl - line), i, cols = 0;
        for (i = 0; i < n; i++) {
            unsigned char c = (unsigned char)line[i];
            if (c >= 0xE0)
                cols += 2; /* every 3- and 4-byte character in the samples is wide */
            else if (c < 0x80 || c >= 0xC0)
                cols += 1;
        }
        if (strncmp(line, "#", 1) != 0 && !strstr(line, "no context"))
            assert_true(cols <= 79);
        line = nl + 1;
    }
    /* the URL without spaces is cut somewhere, yet comes back whole */
    assert_null(strstr(b.buf, long_word));
    yk_buf_release(&b);
}

static void test_write_no_wrap_flag_keeps_long_lines(void **state)
{
    static const yk_po_entry e[] = {
        {"a:1", long_en, "", NULL, NULL, NULL, NULL, NULL, "no-wrap", 0, 0},
    };
    yk_buf b = YK_BUF_INIT;

    (void)state;
    assert_int_equal(yk_po_write(&b, NULL, e, 1), YK_OK);
    assert_non_null(strstr(b.buf, "#, no-wrap\n"));
    assert_non_null(strstr(b.buf, long_en));
    yk_buf_release(&b);
}

static void test_write_refuses_bad_entries_and_leaves_buffer(void **state)
{
    yk_po_entry e = {"a:1", "x", "y", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0};
    yk_buf b = YK_BUF_INIT;

    (void)state;
    yk_buf_puts(&b, "keep");

    e.str = "bad \xff utf-8";
    assert_int_equal(yk_po_write(&b, NULL, &e, 1), YK_EINVAL);
    assert_string_equal(b.buf, "keep");

    e.str = "eot \x04 inside";
    assert_int_equal(yk_po_write(&b, NULL, &e, 1), YK_EINVAL);

    e.id = "ends\n";
    e.str = "does not";
    assert_int_equal(yk_po_write(&b, NULL, &e, 1), YK_EINVAL);
    assert_non_null(strstr(yk_error_last()->message, "entry 'a:1'"));
    assert_non_null(strstr(yk_error_last()->message, "end with"));
    e.id = "\nbegins";
    e.str = "does not";
    assert_int_equal(yk_po_entry_check(&e), YK_EINVAL);
    e.fuzzy = 1; /* msgfmt -c does not check fuzzy entries */
    assert_int_equal(yk_po_entry_check(&e), YK_OK);
    e.fuzzy = 0;
    e.str = ""; /* nor untranslated ones */
    assert_int_equal(yk_po_entry_check(&e), YK_OK);

    e.ctxt = NULL;
    e.id = "";
    assert_int_equal(yk_po_write(&b, NULL, &e, 1), YK_EINVAL);
    assert_string_equal(b.buf, "keep");
    yk_buf_release(&b);
}

static void test_write_refuses_bad_header(void **state)
{
    yk_po_header h = YK_PO_HEADER_INIT;
    yk_buf b = YK_BUF_INIT;

    (void)state;
    h.language = "ja\nX-Evil: 1";
    assert_int_equal(yk_po_write(&b, &h, NULL, 0), YK_EINVAL);
    h.language = "ja";
    h.extra = "no colon here";
    assert_int_equal(yk_po_write(&b, &h, NULL, 0), YK_EINVAL);
    assert_int_equal(b.len, 0);
    yk_buf_release(&b);
}

static void test_write_respects_buffer_limit(void **state)
{
    yk_buf b = YK_BUF_INIT;

    (void)state;
    b.limit = 100;
    assert_int_equal(yk_po_write(&b, NULL, tricky, NTRICKY), YK_ETOOBIG);
    assert_int_equal(b.len, 0);
    yk_buf_release(&b);
}

/* Comments with control characters still give a file that reads back. */
static void test_write_sanitizes_comment_controls(void **state)
{
    static const yk_po_entry e[] = {
        {"a:1", "x", "y", NULL, NULL,
         "tm: a\rb\x04"
         "c",
         "kind\x1b", NULL, NULL, 0, 0},
    };
    yk_buf b = YK_BUF_INIT;
    yk_po_file *po = NULL;

    (void)state;
    assert_int_equal(yk_po_write(&b, NULL, e, 1), YK_OK);
    write_sample("comments.po", &b);
    write_expect("comments.expect", e, 1);
    assert_int_equal(parse_n(&po, b.buf, b.len, NULL), YK_OK);
    assert_string_equal(po->entries[0].translator_comments, "tm: a b c");
    assert_string_equal(po->entries[0].extracted_comments, "kind ");
    yk_po_file_free(po);
    yk_buf_release(&b);
}

/* ---------------------------------------------------------------------- */
/* Reading hand-written files                                              */

static void test_parse_handwritten_sample(void **state)
{
    static const char text[] =
        "\xEF\xBB\xBF# Japanese translation\r\n"
        "#, fuzzy\r\n"
        "msgid \"\"\r\n"
        "msgstr \"\"\r\n"
        "\"Project-Id-Version: demo 1.0\\n\"\r\n"
        "\"Language: ko\\n\"\r\n"
        "\"Content-Type: text/plain; charset=utf-8\\n\"\r\n"
        "\"X-Custom: kept\\n\"\r\n"
        "\r\n"
        "#  translator note\n"
        "#. extracted one\n"
        "#.extracted two\n"
        "#: ch01.md:1 ch01.md:7\n"
        "#: ch01.md:9\n"
        "#, c-format, fuzzy\n"
        "#, no-wrap\n"
        "#| msgctxt \"old:1\"\n"
        "#| msgid \"old \"\n"
        "#| \"source\"\n"
        "msgctxt \"ch01:1\"\n"
        "msgid \"\"\n"
        "\"multi \"\n"
        "\"line\\n\"\n"
        "\"text\"\n"
        "msgstr \"多行\\n\" \"テキスト\"\n"
        "\n"
        "#~ msgid \"obsolete\"\n"
        "#~ msgstr \"廃止\"\n"
        "\n"
        "msgctxt \"ch01:2\"\n"
        "msgid \"esc \\a\\b\\f\\v\\t\\r\\n\\\\\\\" \\101\\x42\\x43x \\343\\201\\202\"\n"
        "msgstr \"\\xe3\\x81\\x82 ok\"\n"
        "msgctxt\n"
        "  \"ch01:3\" msgid \"continued \\\n"
        "line\"   msgstr \"行\\\n"
        "継続\"\n"
        "#\n"
        "#.\n"
        "msgid \"no ctxt\"\n"
        "msgstr \"\"\n"
        "# trailing comment without an entry\n";
    yk_po_file *po = NULL;
    const yk_po_entry *e;

    (void)state;
    assert_int_equal(parse_n(&po, text, sizeof(text) - 1, NULL), YK_OK);
    assert_int_equal(po->n, 4);
    assert_int_equal(po->header_line, 3);
    assert_true(po->header_fuzzy);
    assert_string_equal(po->header.comments, "Japanese translation");
    assert_string_equal(po->header.project_id, "demo 1.0");
    assert_string_equal(po->header.language, "ko");
    assert_string_equal(po->header.extra, "X-Custom: kept");
    assert_string_equal(po->charset, "utf-8");

    e = &po->entries[0];
    assert_int_equal(e->line, 20);
    assert_string_equal(e->ctxt, "ch01:1");
    assert_string_equal(e->id, "multi line\ntext");
    assert_string_equal(e->str, "多行\nテキスト");
    assert_string_equal(e->translator_comments, " translator note");
    assert_string_equal(e->extracted_comments, "extracted one\nextracted two");
    assert_string_equal(e->references, "ch01.md:1 ch01.md:7\nch01.md:9");
    assert_string_equal(e->flags, "c-format, no-wrap");
    assert_true(e->fuzzy);
    assert_string_equal(e->prev_ctxt, "old:1");
    assert_string_equal(e->prev_id, "old source");

    e = &po->entries[1];
    assert_int_equal(e->line, 30);
    assert_string_equal(e->id, "esc \a\b\f\v\t\r\n\\\" ABCx あ");
    assert_string_equal(e->str, "あ ok");
    assert_false(e->fuzzy);
    assert_null(e->flags);
    assert_null(e->prev_id);
    assert_null(e->translator_comments);

    e = &po->entries[2];
    assert_int_equal(e->line, 33);
    assert_string_equal(e->ctxt, "ch01:3");
    assert_string_equal(e->id, "continued line");
    assert_string_equal(e->str, "行継続");

    e = &po->entries[3];
    assert_null(e->ctxt);
    assert_string_equal(e->id, "no ctxt");
    assert_string_equal(e->str, "");
    assert_string_equal(e->translator_comments, "");
    assert_string_equal(e->extracted_comments, "");
    assert_int_equal(e->line, 39);
    yk_po_file_free(po);
}

static void test_parse_file_without_header(void **state)
{
    yk_po_file *po = NULL;

    (void)state;
    assert_int_equal(parse(&po, "msgid \"a\"\nmsgstr \"b\"\n"), YK_OK);
    assert_int_equal(po->n, 1);
    assert_int_equal(po->header_line, 0);
    assert_null(po->header.language);
    assert_null(po->charset);
    yk_po_file_free(po);

    assert_int_equal(parse_n(&po, "", 0, NULL), YK_OK);
    assert_int_equal(po->n, 0);
    yk_po_file_free(po);
}

static void test_parse_accepts_template_charset(void **state)
{
    yk_po_file *po = NULL;

    (void)state;
    assert_int_equal(parse(&po, "msgid \"\"\nmsgstr \"Content-Type: text/plain; "
                                "charset=CHARSET\\n\"\n\nmsgid \"a\"\nmsgstr \"\"\n"),
                     YK_OK);
    yk_po_file_free(po);
}

static void test_parse_fuzzy_entry_may_mismatch_newlines(void **state)
{
    yk_po_file *po = NULL;

    (void)state;
    assert_int_equal(parse(&po, HEADER "#, fuzzy\nmsgid \"a\\n\"\nmsgstr \"b\"\n"), YK_OK);
    assert_true(po->entries[0].fuzzy);
    yk_po_file_free(po);
}

/* Every prefix of a valid file either parses or fails cleanly. */
static void test_parse_every_truncation_is_clean(void **state)
{
    yk_buf b = YK_BUF_INIT;
    yk_po_header h = sample_header();
    size_t cut;

    (void)state;
    assert_int_equal(yk_po_write(&b, &h, tricky, 8), YK_OK);
    for (cut = 0; cut <= b.len; cut++) {
        yk_po_file *po = NULL;
        int rc = parse_n(&po, b.buf, cut, NULL);
        assert_true(rc == YK_OK || rc == YK_EINVAL);
        assert_true((rc == YK_OK) == (po != NULL));
        yk_po_file_free(po);
    }
    yk_buf_release(&b);
}

/* ---------------------------------------------------------------------- */
/* Refusals                                                                */

static void test_error_invalid_utf8_names_line(void **state)
{
    (void)state;
    expect_error(HEADER "msgid \"ok\"\nmsgstr \"caf\xe9\"\n", YK_EINVAL, 8, "invalid UTF-8");
    expect_error(HEADER "# comment \xc3\x28\nmsgid \"ok\"\nmsgstr \"\"\n", YK_EINVAL, 7,
                 "invalid UTF-8");
    /* escapes may build UTF-8 across strings, but not invalid UTF-8 */
    expect_error(HEADER "msgid \"a\"\nmsgstr \"\\xff\"\n", YK_EINVAL, 8, "invalid UTF-8");
}

static void test_error_charset_not_utf8(void **state)
{
    (void)state;
    /* the Latin-1 byte further down does not hide the real cause */
    expect_error("# header\nmsgid \"\"\nmsgstr \"\"\n"
                 "\"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n\n"
                 "msgid \"caf\xe9\"\nmsgstr \"\"\n",
                 YK_EINVAL, 2, "charset 'ISO-8859-1' is not supported");
}

static void test_error_unterminated_string(void **state)
{
    (void)state;
    expect_error(HEADER "msgid \"abc\nmsgstr \"\"\n", YK_EINVAL, 7, "unterminated string");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"abc", YK_EINVAL, 8, "unterminated string");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"abc\\", YK_EINVAL, 8, "unterminated string");
}

static void test_error_truncated_entry(void **state)
{
    (void)state;
    expect_error(HEADER "msgid \"a\"\nmsgstr \"b\"\n\nmsgctxt \"c:2\"\nmsgid \"x\"\n", YK_EINVAL,
                 11, "msgid without msgstr");
    expect_error(HEADER "msgctxt \"c:2\"\n", YK_EINVAL, 7, "msgctxt without msgid");
    expect_error(HEADER "msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n", YK_EINVAL, 7,
                 "msgid without msgstr");
    expect_error(HEADER "msgid \"a\"\n# comment\nmsgstr \"\"\n", YK_EINVAL, 7,
                 "msgid without msgstr");
    expect_error(HEADER "msgid \"a\"\nmsgstr\n", YK_EINVAL, 8, "missing string after 'msgstr'");
    expect_error(HEADER "msgstr \"a\"\n", YK_EINVAL, 7, "msgstr without msgid");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"\"\nmsgstr \"\"\n", YK_EINVAL, 9,
                 "msgstr without msgid");
    expect_error("# c\n\"stray\"\n", YK_EINVAL, 2, "string without a keyword");
    expect_error(HEADER "#| msgid \"a\"\n\"b\"\n", YK_EINVAL, 8, "string without a keyword");
}

static void test_error_unknown_keyword(void **state)
{
    (void)state;
    expect_error(HEADER "msgid \"a\"\nmsgtsr \"b\"\n", YK_EINVAL, 8, "keyword 'msgtsr' unknown");
    expect_error(HEADER "domain \"x\"\n", YK_EINVAL, 7, "'domain'");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"b\" ;\n", YK_EINVAL, 8, "unexpected character ';'");
    expect_error(HEADER "#| msgstr \"a\"\nmsgid \"a\"\nmsgstr \"\"\n", YK_EINVAL, 7,
                 "unknown in a '#|' line");
}

static void test_error_bad_escape(void **state)
{
    (void)state;
    expect_error(HEADER "msgid \"a\\qb\"\nmsgstr \"\"\n", YK_EINVAL, 7, "'\\q'");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"\\x\"\n", YK_EINVAL, 8, "without hex digits");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"\\x100\"\n", YK_EINVAL, 8, "out of range");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"\\400\"\n", YK_EINVAL, 8, "out of range");
    expect_error(HEADER "msgid \"a\\0\"\nmsgstr \"\"\n", YK_EINVAL, 7, "NUL");
    expect_error(HEADER "msgid \"a\\004\"\nmsgstr \"\"\n", YK_EINVAL, 7, "EOT");
    expect_error(HEADER "msgid \"a\x04\"\nmsgstr \"\"\n", YK_EINVAL, 7, "EOT");
}

static void test_error_plural_entries(void **state)
{
    (void)state;
    expect_error(HEADER "msgid \"file\"\nmsgid_plural \"files\"\nmsgstr[0] \"ファイル\"\n",
                 YK_EINVAL, 8, "plural entries are not supported");
    expect_error(HEADER "#| msgid_plural \"x\"\nmsgid \"a\"\nmsgstr \"\"\n", YK_EINVAL, 7,
                 "plural entries are not supported");
    /* badly numbered forms are named before the general refusal */
    expect_error(HEADER "msgid \"f\"\nmsgid_plural \"fs\"\nmsgstr[0] \"a\"\nmsgstr[2] \"b\"\n",
                 YK_EINVAL, 10, "msgstr[2] where msgstr[1] was expected");
    expect_error(HEADER "msgid \"f\"\nmsgid_plural \"fs\"\nmsgstr[1] \"a\"\n", YK_EINVAL, 9,
                 "must start at msgstr[0]");
    expect_error(HEADER "msgid \"f\"\nmsgid_plural \"fs\"\nmsgstr \"a\"\n", YK_EINVAL, 9,
                 "followed by msgstr[0]");
    expect_error(HEADER "msgid \"f\"\nmsgstr[0] \"a\"\n", YK_EINVAL, 8,
                 "msgstr[0] without msgid_plural");
    expect_error(HEADER "msgid \"f\"\nmsgid_plural \"fs\"\nmsgstr[0] \"a\"\nmsgstr \"b\"\n",
                 YK_EINVAL, 10, "without an index");
    expect_error(HEADER "msgid \"f\"\nmsgstr[x] \"a\"\n", YK_EINVAL, 8, "malformed plural index");
}

static void test_error_duplicate_entries_name_both_lines(void **state)
{
    (void)state;
    expect_error(HEADER "msgctxt \"c:1\"\nmsgid \"a\"\nmsgstr \"\"\n\n"
                        "msgctxt \"c:2\"\nmsgid \"a\"\nmsgstr \"\"\n\n"
                        "msgctxt \"c:1\"\nmsgid \"a\"\nmsgstr \"x\"\n",
                 YK_EINVAL, 15, "first defined at line 7");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"\"\n\nmsgid \"a\"\nmsgstr \"\"\n", YK_EINVAL, 10,
                 "first defined at line 7");
    expect_error(HEADER "msgid \"\"\nmsgstr \"\"\n", YK_EINVAL, 7,
                 "duplicate header entry (msgid \"\"), first at line 1");
}

static void test_distinct_contexts_are_not_duplicates(void **state)
{
    yk_po_file *po = NULL;

    (void)state;
    assert_int_equal(parse(&po, HEADER "msgid \"a\"\nmsgstr \"\"\n\n"
                                       "msgctxt \"\"\nmsgid \"a\"\nmsgstr \"\"\n\n"
                                       "msgctxt \"c:1\"\nmsgid \"a\"\nmsgstr \"\"\n"),
                     YK_OK);
    assert_int_equal(po->n, 3);
    yk_po_file_free(po);
}

static void test_error_newline_mismatch(void **state)
{
    (void)state;
    expect_error(HEADER "msgid \"a\\n\"\nmsgstr \"b\"\n", YK_EINVAL, 8, "end with '\\n'");
    expect_error(HEADER "msgid \"a\"\nmsgstr \"\\nb\"\n", YK_EINVAL, 8, "begin with '\\n'");
}

static void test_error_nul_byte(void **state)
{
    static const char text[] = HEADER "msgid \"a\"\nmsgstr \"b\0c\"\n";

    (void)state;
    expect_error_n(text, sizeof(text) - 1, YK_EINVAL, 8, "NUL byte", NULL);
}

static void test_error_limits(void **state)
{
    yk_po_parse_options o = YK_PO_PARSE_OPTIONS_INIT;
    static const char text[] =
        HEADER "msgid \"a very long line indeed, longer than any header line\"\nmsgstr \"\"\n";
    yk_po_file *po = NULL;

    (void)state;
    o.max_line = 50;
    expect_error_n(text, sizeof(text) - 1, YK_ETOOBIG, 7, "line longer than 50 bytes", &o);
    o.max_line = 0;
    o.max_bytes = 64;
    assert_int_equal(parse_n(&po, text, sizeof(text) - 1, &o), YK_ETOOBIG);
    assert_null(po);
    o.max_bytes = sizeof(text) - 1;
    assert_int_equal(parse_n(&po, text, sizeof(text) - 1, &o), YK_OK);
    yk_po_file_free(po);
}

static void test_error_column_points_at_problem(void **state)
{
    yk_po_file *po = NULL;

    (void)state;
    assert_int_equal(parse(&po, "msgid \"a\"\nmsgstr \"x\\qy\"\n"), YK_EINVAL);
    assert_int_equal(yk_error_last()->line, 2);
    assert_int_equal(yk_error_last()->column, 10);
    assert_int_equal(parse(&po, "\xEF\xBB\xBFmsgid \"a\" bogus\nmsgstr \"\"\n"), YK_EINVAL);
    assert_int_equal(yk_error_last()->line, 1);
    assert_int_equal(yk_error_last()->column, 11);
}

static void test_free_accepts_null(void **state)
{
    (void)state;
    yk_po_file_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_tricky_strings),
        cmocka_unit_test(test_rewrite_is_stable),
        cmocka_unit_test(test_write_layout_like_gettext),
        cmocka_unit_test(test_write_wraps_within_page_width),
        cmocka_unit_test(test_write_no_wrap_flag_keeps_long_lines),
        cmocka_unit_test(test_write_refuses_bad_entries_and_leaves_buffer),
        cmocka_unit_test(test_write_refuses_bad_header),
        cmocka_unit_test(test_write_respects_buffer_limit),
        cmocka_unit_test(test_write_sanitizes_comment_controls),
        cmocka_unit_test(test_parse_handwritten_sample),
        cmocka_unit_test(test_parse_file_without_header),
        cmocka_unit_test(test_parse_accepts_template_charset),
        cmocka_unit_test(test_parse_fuzzy_entry_may_mismatch_newlines),
        cmocka_unit_test(test_parse_every_truncation_is_clean),
        cmocka_unit_test(test_error_invalid_utf8_names_line),
        cmocka_unit_test(test_error_charset_not_utf8),
        cmocka_unit_test(test_error_unterminated_string),
        cmocka_unit_test(test_error_truncated_entry),
        cmocka_unit_test(test_error_unknown_keyword),
        cmocka_unit_test(test_error_bad_escape),
        cmocka_unit_test(test_error_plural_entries),
        cmocka_unit_test(test_error_duplicate_entries_name_both_lines),
        cmocka_unit_test(test_distinct_contexts_are_not_duplicates),
        cmocka_unit_test(test_error_newline_mismatch),
        cmocka_unit_test(test_error_nul_byte),
        cmocka_unit_test(test_error_limits),
        cmocka_unit_test(test_error_column_points_at_problem),
        cmocka_unit_test(test_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
