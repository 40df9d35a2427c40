/*
 * The edition model shared by the HTML and EPUB writers: chapters in
 * order with titles and heading ids, metadata from the settings, credits
 * from the history, images, and each chapter's HTML made from its
 * translated Markdown by cmark-gfm's renderer (formats/mdhtml.h).  The
 * writers (html.c, epub.c) only lay the files out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "build/build.h"
#include "core/core.h"
#include "formats/mdhtml.h"
#include "store/edition.h"
#include "util/fs.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* Largest image copied into an edition. */
#define MAX_IMAGE ((size_t)64 << 20)

/** ## Interface strings */

typedef struct ui_lang {
    const char *lang; /* primary subtag, or a full tag for the Chinese scripts */
    const char *text[9];
    const char *fallback_note;
} ui_lang;

static const ui_lang ui_langs[] = {
    {"ja",
     {"目次", "クレジット", "翻訳", "校閲", "表紙", "前へ", "次へ",
      "この版の翻訳と校閲に参加した方々（章ごと）。", "まだ記録がありません。"},
     "この章には未翻訳の部分があります（原文のまま表示しています）。"},
    {"ko",
     {"차례", "참여자", "번역", "검토", "표지", "이전", "다음",
      "이 판의 번역과 검토에 참여한 분들(장별).", "아직 기록이 없습니다."},
     "이 장에는 아직 번역되지 않은 부분이 있습니다(원문을 그대로 표시합니다)."},
    {"zh-Hant",
     {"目錄", "致謝", "翻譯", "審校", "封面", "上一章", "下一章",
      "參與本版翻譯與審校的志願者（按章節）。", "尚無記錄。"},
     "本章有尚未翻譯的部分（以原文顯示）。"},
    {"zh",
     {"目录", "致谢", "翻译", "审校", "封面", "上一章", "下一章",
      "参与本版翻译与审校的志愿者（按章节）。", "尚无记录。"},
     "本章有尚未翻译的部分（以原文显示）。"},
    {"en",
     {"Contents", "Credits", "Translation", "Review", "Cover", "Previous", "Next",
      "The volunteers who translated and reviewed this edition, by chapter.",
      "Nobody is recorded yet."},
     "Parts of this chapter are not translated yet; they are shown in the original language."},
};

static const ui_lang *ui_for(const char *lang)
{
    size_t i, n;
    if (strncmp(lang, "zh-Hant", 7) == 0 || strcmp(lang, "zh-TW") == 0 ||
        strcmp(lang, "zh-HK") == 0)
        return &ui_langs[2];
    n = strcspn(lang, "-");
    for (i = 0; i < sizeof(ui_langs) / sizeof(*ui_langs); i++)
        if (strlen(ui_langs[i].lang) == n && strncmp(ui_langs[i].lang, lang, n) == 0)
            return &ui_langs[i];
    return &ui_langs[sizeof(ui_langs) / sizeof(*ui_langs) - 1];
}

const char *yk_edition_text_get(const yk_edition *e, yk_edition_text which)
{
    return ui_for(e->lang)->text[which];
}

/** ## Markup helpers */

void yk_edition_escape(yk_buf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            yk_buf_puts(out, "&amp;");
            break;
        case '<':
            yk_buf_puts(out, "&lt;");
            break;
        case '>':
            yk_buf_puts(out, "&gt;");
            break;
        case '"':
            yk_buf_puts(out, "&quot;");
            break;
        default:
            /* XML 1.0 has no C0 controls but tab, LF, CR */
            if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n' || *s == '\r')
                yk_buf_putc(out, *s);
        }
    }
}

void yk_edition_page_open(yk_buf *out, const yk_edition *e, const char *title,
                          const char *body_class)
{
    if (e->xhtml) {
        yk_buf_printf(out,
                      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
                      "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                      "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"%s\" xml:lang=\"%s\">\n"
                      "<head>\n<meta charset=\"UTF-8\" />\n<title>",
                      e->lang, e->lang);
    } else {
        yk_buf_printf(out,
                      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\" />\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                      "<title>",
                      e->lang);
    }
    yk_edition_escape(out, title);
    yk_buf_printf(out,
                  "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\" />\n"
                  "</head>\n<body class=\"%s\">\n",
                  body_class);
}

void yk_edition_page_close(yk_buf *out)
{
    yk_buf_puts(out, "</body>\n</html>\n");
}

void yk_edition_credits_body(yk_buf *out, const yk_edition *e)
{
    size_t i, k;
    static const char *const roles[] = {"translator", "reviewer"};
    yk_buf_puts(out, "<section class=\"credits\" id=\"credits\">\n<h1>");
    yk_edition_escape(out, yk_edition_text_get(e, YK_ET_CREDITS));
    yk_buf_puts(out, "</h1>\n<p>");
    yk_edition_escape(out, yk_edition_text_get(e, YK_ET_CREDITS_INTRO));
    yk_buf_puts(out, "</p>\n");
    if (!e->ncredits) {
        yk_buf_puts(out, "<p>");
        yk_edition_escape(out, yk_edition_text_get(e, YK_ET_NO_CREDITS));
        yk_buf_puts(out, "</p>\n");
    }
    for (i = 0; i < e->nchapters; i++) {
        const yk_edition_chapter *c = &e->chapters[i];
        int any = 0, r;
        for (k = 0; k < e->ncredits; k++)
            any |= strcmp(e->credits[k].chapter, c->name) == 0;
        if (!any)
            continue;
        yk_buf_printf(out, "<section class=\"credits-chapter\" data-chapter=\"");
        yk_edition_escape(out, c->name);
        yk_buf_puts(out, "\">\n<h2>");
        yk_edition_escape(out, c->title);
        yk_buf_puts(out, "</h2>\n<dl>\n");
        for (r = 0; r < 2; r++) {
            int head = 0;
            for (k = 0; k < e->ncredits; k++) {
                const yk_edition_credit *cr = &e->credits[k];
                if (strcmp(cr->chapter, c->name) != 0 || strcmp(cr->role, roles[r]) != 0)
                    continue;
                if (!head) {
                    yk_buf_printf(out, "<dt class=\"%s\">", roles[r]);
                    yk_edition_escape(out, yk_edition_text_get(
                                               e, r ? YK_ET_REVIEW : YK_ET_TRANSLATION));
                    yk_buf_puts(out, "</dt>\n");
                    head = 1;
                }
                yk_buf_printf(out, "<dd class=\"%s\">", roles[r]);
                yk_edition_escape(out, cr->user);
                yk_buf_puts(out, "</dd>\n");
            }
        }
        yk_buf_puts(out, "</dl>\n</section>\n");
    }
    yk_buf_puts(out, "</section>\n");
}

/** ## Style */

const char yk_edition_css[] =
    "/* yaku edition: set for Japanese and Korean text */\n"
    "html {\n"
    "  font-family: \"Noto Sans CJK JP\", \"Noto Sans JP\", \"Hiragino Kaku Gothic ProN\",\n"
    "    \"Hiragino Sans\", \"Yu Gothic\", YuGothic, Meiryo, sans-serif;\n"
    "  line-height: 1.8;\n"
    "  line-break: strict;\n"
    "  word-break: normal;\n"
    "  hyphens: manual;\n"
    "}\n"
    "html:lang(ko) {\n"
    "  font-family: \"Noto Sans CJK KR\", \"Noto Sans KR\", \"Apple SD Gothic Neo\",\n"
    "    \"Malgun Gothic\", sans-serif;\n"
    "  word-break: keep-all;\n"
    "  overflow-wrap: break-word; /* a long unspaced run (source text) may still wrap */\n"
    "}\n"
    "html:lang(zh-Hans), html:lang(zh-CN) {\n"
    "  font-family: \"Noto Sans CJK SC\", \"Noto Sans SC\", \"PingFang SC\",\n"
    "    \"Microsoft YaHei\", sans-serif;\n"
    "}\n"
    "html:lang(zh-Hant), html:lang(zh-TW) {\n"
    "  font-family: \"Noto Sans CJK TC\", \"Noto Sans TC\", \"PingFang TC\",\n"
    "    \"Microsoft JhengHei\", sans-serif;\n"
    "}\n"
    "body {\n"
    "  margin: 0 auto;\n"
    "  max-width: 40em;\n"
    "  padding: 1em 1.25em 3em;\n"
    "  color: #1a1a1a;\n"
    "  background-color: #ffffff;\n"
    "}\n"
    "h1, h2, h3, h4, h5, h6 { line-height: 1.4; margin: 1.6em 0 0.6em; }\n"
    "h1 { font-size: 1.6em; }\n"
    "h2 { font-size: 1.3em; }\n"
    "h3 { font-size: 1.1em; }\n"
    "p { margin: 0 0 1em; }\n"
    "em { font-style: normal; font-weight: bold; }\n"
    "code, kbd, pre {\n"
    "  font-family: \"Noto Sans Mono CJK JP\", \"DejaVu Sans Mono\", Menlo, Consolas, monospace;\n"
    "  font-size: 0.9em;\n"
    "}\n"
    "pre {\n"
    "  white-space: pre-wrap;\n"
    "  overflow-wrap: break-word;\n"
    "  line-height: 1.5;\n"
    "  background-color: #f4f4f4;\n"
    "  padding: 0.8em 1em;\n"
    "}\n"
    "a { color: #0b57a4; overflow-wrap: break-word; }\n"
    "table { border-collapse: collapse; margin: 0 0 1em; }\n"
    "th, td { border: 1px solid #bbbbbb; padding: 0.3em 0.7em; }\n"
    "th { background-color: #f0f0f0; }\n"
    "img { max-width: 100%; height: auto; }\n"
    "blockquote { margin: 0 0 1em; padding: 0 1em; border-left: 4px solid #dddddd; }\n"
    "ul, ol { padding-left: 1.5em; }\n"
    ".fallback-note {\n"
    "  border-left: 4px solid #d08a00;\n"
    "  background-color: #fff6e0;\n"
    "  padding: 0.6em 1em;\n"
    "}\n"
    ".footnotes { font-size: 0.9em; border-top: 1px solid #cccccc; margin-top: 2em; }\n"
    ".pager { margin: 2em 0 1em; padding-top: 0.5em; border-top: 1px solid #dddddd; }\n"
    ".pager a { margin-right: 1.5em; }\n"
    ".title-page { text-align: center; }\n"
    ".subtitle { font-size: 1.2em; }\n"
    ".credits dt { font-weight: bold; margin-top: 0.5em; }\n"
    ".credits dd { margin-left: 1.5em; }\n"
    ".cover { text-align: center; }\n"
    ".cover img { max-height: 95%; }\n";

/** ## Loading */

static char *config(yk_project *p, const char *lang, const char *name)
{
    yk_buf key = YK_BUF_INIT;
    char *v = NULL;
    if (lang)
        yk_buf_printf(&key, "edition.%s.%s", lang, name);
    else
        yk_buf_puts(&key, name);
    if (yk_config_get(&v, p, key.buf) < 0 || (v && !*v)) {
        free(v);
        v = NULL;
    }
    yk_error_clear();
    yk_buf_release(&key);
    return v;
}

static char *trimmed(const char *s)
{
    size_t n;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return yk_xstrndup(s, n);
}

static int ids_have(const yk_buf *ids, const char *id)
{
    size_t n = strlen(id);
    const char *s = ids->buf;
    if (!n)
        return 0;
    while ((s = strstr(s, id)) != NULL) {
        if ((s == ids->buf || s[-1] == '\n') && (s[n] == '\n' || s[n] == '\0'))
            return 1;
        s++;
    }
    return 0;
}

static const char *media_type(const char *path, int xhtml)
{
    static const struct {
        const char *ext, *type;
        int epub;
    } types[] = {
        {".png", "image/png", 1},     {".jpg", "image/jpeg", 1}, {".jpeg", "image/jpeg", 1},
        {".gif", "image/gif", 1},     {".svg", "image/svg+xml", 1},
        {".webp", "image/webp", 0}, /* not an EPUB 3.2 core media type */
    };
    const char *dot = strrchr(path, '.');
    size_t i, k;
    if (!dot || strchr(dot, '/'))
        return NULL;
    for (i = 0; i < sizeof(types) / sizeof(*types); i++) {
        const char *a = dot, *b = types[i].ext;
        for (k = 0; a[k] && b[k]; k++)
            if ((a[k] >= 'A' && a[k] <= 'Z' ? a[k] - 'A' + 'a' : a[k]) != b[k])
                break;
        if (!a[k] && !b[k] && (types[i].epub || !xhtml))
            return types[i].type;
    }
    return NULL;
}

/* A project-relative file that really lies inside the project: the path is
 * lexically confined (no "..", not absolute) and, with symlinks resolved,
 * still under the root.  YK_EPERM otherwise, YK_ENOTFOUND when missing. */
static int confined_file(yk_buf *real, const char *root, const char *rel)
{
    yk_buf norm = YK_BUF_INIT, full = YK_BUF_INIT;
    struct stat st;
    size_t rl = strlen(root);
    int rc;
    if ((rc = yk_fs_relpath_normalize(&norm, rel)) < 0) {
        rc = yk_error_set(YK_EPERM, "'%s' is outside the project", rel);
        goto done;
    }
    yk_buf_printf(&full, "%s/%s", root, norm.buf);
    if (!yk_fs_exists(full.buf)) {
        rc = yk_error_set(YK_ENOTFOUND, "no file '%s' in the project", rel);
        goto done;
    }
    if ((rc = yk_fs_realpath(real, full.buf)) < 0)
        goto done;
    if (strncmp(real->buf, root, rl) != 0 || real->buf[rl] != '/') {
        rc = yk_error_set(YK_EPERM, "'%s' leads out of the project through a link", rel);
        goto done;
    }
    if (stat(real->buf, &st) != 0 || !S_ISREG(st.st_mode)) {
        rc = yk_error_set(YK_ENOTFOUND, "'%s' is not a regular file", rel);
        goto done;
    }
done:
    yk_buf_release(&norm);
    yk_buf_release(&full);
    return rc;
}

/* Register image 'rel' (normalised, project-relative) and return its index;
 * -1 when it cannot be used (missing, outside the project, not an image the
 * edition can carry). */
static long add_image(yk_edition *e, const char *rel)
{
    yk_buf real = YK_BUF_INIT, dst = YK_BUF_INIT;
    const char *type = media_type(rel, e->xhtml), *s;
    size_t i, base;
    int n = 0;

    for (i = 0; i < e->nimages; i++)
        if (strcmp(e->images[i].src, rel) == 0)
            return (long)i;
    if (!type || confined_file(&real, yk_project_root(e->p), rel) < 0) {
        yk_error_clear();
        yk_buf_release(&real);
        return -1;
    }
    /* images/ + the project path flattened to safe ASCII: readable, and
     * valid in a zip and an EPUB manifest */
    yk_buf_puts(&dst, "images/");
    for (s = rel; *s; s++) {
        char c = *s;
        if (c == '/')
            c = '-';
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '_' || c == '-'))
            c = '_';
        yk_buf_putc(&dst, c);
    }
    base = dst.len;
    for (;;) {
        int clash = 0;
        for (i = 0; i < e->nimages; i++)
            clash |= strcmp(e->images[i].dst, dst.buf) == 0;
        if (!clash)
            break;
        yk_buf_truncate(&dst, base);
        yk_buf_printf(&dst, "-%d", ++n);
        /* keep the extension last */
        {
            const char *dot = strrchr(rel, '.');
            yk_buf_puts(&dst, dot ? dot : "");
        }
    }
    e->images = yk_xgrow(e->images, &e->cap_images, e->nimages + 1, sizeof(*e->images));
    e->images[e->nimages].src = yk_xstrdup(rel);
    e->images[e->nimages].dst = yk_buf_detach(&dst, NULL);
    e->images[e->nimages].media_type = type;
    yk_buf_release(&real);
    return (long)e->nimages++;
}

int yk_edition_image_read(yk_buf *out, const yk_edition *e, size_t i)
{
    yk_buf real = YK_BUF_INIT;
    int rc = confined_file(&real, yk_project_root(e->p), e->images[i].src);
    if (rc == YK_OK)
        rc = yk_fs_read(out, real.buf, MAX_IMAGE);
    yk_buf_release(&real);
    return rc;
}

/* The offset where the Markdown body starts after "---"/"+++" front matter
 * (the rendered document keeps the source's fences byte for byte). */
static size_t body_offset(const char *s, size_t len)
{
    size_t i = 0, pos;
    const char *fence;
    if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    if (len - i >= 3 && memcmp(s + i, "---", 3) == 0)
        fence = "---";
    else if (len - i >= 3 && memcmp(s + i, "+++", 3) == 0)
        fence = "+++";
    else
        return 0;
    for (pos = i + 3; pos < len && (s[pos] == ' ' || s[pos] == '\t'); pos++)
        ;
    if (pos < len && s[pos] != '\n' && s[pos] != '\r')
        return 0;
    for (;;) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t k;
        if (!nl)
            return 0;
        pos = (size_t)(nl - s) + 1;
        if (len - pos >= 3 && (memcmp(s + pos, fence, 3) == 0 ||
                               (fence[0] == '-' && memcmp(s + pos, "...", 3) == 0))) {
            for (k = pos + 3; k < len && (s[k] == ' ' || s[k] == '\t'); k++)
                ;
            if (k == len || s[k] == '\n' || s[k] == '\r') {
                const char *end = memchr(s + k, '\n', len - k);
                return end ? (size_t)(end - s) + 1 : len;
            }
        }
    }
}

/* Plain text: a paragraph per run of non-blank lines, lines kept. */
static void text_to_html(yk_buf *out, const char *s, size_t len)
{
    size_t i = 0;
    int open = 0;
    yk_buf line = YK_BUF_INIT;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len, k = i, e = end;
        while (k < e && (s[k] == ' ' || s[k] == '\t'))
            k++;
        while (e > k && (s[e - 1] == '\r' || s[e - 1] == ' ' || s[e - 1] == '\t'))
            e--;
        if (k == e) {
            if (open)
                yk_buf_puts(out, "</p>\n");
            open = 0;
        } else {
            yk_buf_puts(out, open ? "<br />\n" : "<p>");
            open = 1;
            yk_buf_clear(&line);
            yk_buf_put(&line, s + k, e - k);
            yk_edition_escape(out, line.buf);
        }
        i = end + 1;
    }
    if (open)
        yk_buf_puts(out, "</p>\n");
    yk_buf_release(&line);
}

typedef struct doc_job {
    yk_edition *e;
    size_t chapter, doc;
    yk_buf *out;        /* pass 2: the page body; pass 1: NULL */
    char *first_h1, *first_h;
    char *fm_title;
    int catalogue; /* a PO source: no part of the book */
    int rc;
} doc_job;

static void id_prefix(char out[24], size_t doc)
{
    if (doc)
        snprintf(out, 24, "d%zu-", doc + 1);
    else
        out[0] = '\0';
}

static void on_heading(int level, const char *id, const char *text, void *payload)
{
    doc_job *j = payload;
    yk_edition_chapter *c = &j->e->chapters[j->chapter];
    if (j->out)
        return;
    yk_buf_puts(&c->ids, id);
    yk_buf_putc(&c->ids, '\n');
    if (!j->first_h)
        j->first_h = trimmed(text);
    if (level == 1 && !j->first_h1)
        j->first_h1 = trimmed(text);
}

static int has_scheme(const char *u)
{
    const char *s = u;
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return 0;
    while ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
           *s == '+' || *s == '.' || *s == '-')
        s++;
    return *s == ':';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void percent_decode(yk_buf *out, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            yk_buf_putc(out, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 2;
        } else {
            yk_buf_putc(out, s[i]);
        }
    }
}

/* The chapter and document index of project path 'rel' in the edition. */
static int find_doc(const yk_edition *e, const char *rel, size_t *chapter, size_t *doc)
{
    size_t i, k;
    for (i = 0; i < e->nchapters; i++)
        for (k = 0; k < e->chapters[i].ndocs; k++)
            if (strcmp(e->chapters[i].docs[k], rel) == 0) {
                *chapter = i;
                *doc = k;
                return 1;
            }
    return 0;
}

/* A fragment in chapter 'ch', document 'doc': its id on the page, or NULL
 * when the page has no such id (the link then goes to the page). */
static int fragment_id(yk_buf *out, const yk_edition *e, size_t ch, size_t doc, const char *frag)
{
    char pfx[24];
    yk_buf id = YK_BUF_INIT;
    int ok;
    id_prefix(pfx, doc);
    yk_buf_puts(&id, pfx);
    percent_decode(&id, frag, strlen(frag));
    ok = ids_have(&e->chapters[ch].ids, id.buf);
    if (ok)
        yk_buf_put(out, id.buf, id.len);
    yk_buf_release(&id);
    return ok;
}

static int rewrite_url(yk_buf *out, const char *url, int image, void *payload)
{
    doc_job *j = payload;
    yk_edition *e = j->e;
    yk_buf path = YK_BUF_INIT, full = YK_BUF_INIT, norm = YK_BUF_INIT;
    const char *hash, *cut;
    size_t ch, doc;
    int rc = YK_MDHTML_URL_DROP;

    if (!*url)
        return image ? YK_MDHTML_URL_DROP : YK_MDHTML_URL_KEEP;
    if (has_scheme(url) || (url[0] == '/' && url[1] == '/'))
        return image && e->xhtml ? YK_MDHTML_URL_TO_LINK : YK_MDHTML_URL_KEEP;
    if (url[0] == '#') {
        if (image)
            return YK_MDHTML_URL_DROP;
        yk_buf_putc(out, '#');
        if (fragment_id(out, e, j->chapter, j->doc, url + 1))
            return YK_MDHTML_URL_REPLACE;
        yk_buf_clear(out);
        return e->xhtml ? YK_MDHTML_URL_DROP : YK_MDHTML_URL_KEEP;
    }
    if (url[0] == '/') /* site-absolute: nothing in the edition to point at */
        return YK_MDHTML_URL_DROP;
    hash = strchr(url, '#');
    cut = url + strcspn(url, "?#");
    percent_decode(&path, url, (size_t)(cut - url));
    {
        const char *slash = strrchr(e->chapters[j->chapter].docs[j->doc], '/');
        if (slash)
            yk_buf_put(&full, e->chapters[j->chapter].docs[j->doc],
                       (size_t)(slash - e->chapters[j->chapter].docs[j->doc]) + 1);
    }
    yk_buf_put(&full, path.buf, path.len);
    if (!path.len || yk_fs_relpath_normalize(&norm, full.buf) < 0 || !norm.len) {
        yk_error_clear();
        goto done;
    }
    if (!image) {
        if (find_doc(e, norm.buf, &ch, &doc)) {
            yk_buf_printf(out, "%s%s", e->chapters[ch].file, e->ext);
            if (hash && hash[1]) {
                size_t at = out->len;
                yk_buf_putc(out, '#');
                if (!fragment_id(out, e, ch, doc, hash + 1))
                    yk_buf_truncate(out, at);
            }
            rc = YK_MDHTML_URL_REPLACE;
        }
    } else {
        long k = add_image(e, norm.buf);
        if (k >= 0) {
            yk_buf_puts(out, e->images[k].dst);
            rc = YK_MDHTML_URL_REPLACE;
        }
    }
done:
    yk_buf_release(&path);
    yk_buf_release(&full);
    yk_buf_release(&norm);
    return rc;
}

/* Render one stored document: pass 1 (j->out NULL) learns its headings and
 * title, pass 2 appends its HTML to j->out. */
static int render_doc(const yk_store_document *d, void *payload)
{
    doc_job *j = payload;
    yk_edition *e = j->e;
    yk_edition_chapter *c = &e->chapters[j->chapter];
    yk_buf md = YK_BUF_INIT, html = YK_BUF_INIT;
    size_t untranslated = 0, off;
    char pfx[24];
    int rc;

    if (strcmp(d->format, "po") == 0) {
        /* a catalogue of interface strings is built into the source tree */
        j->catalogue = 1;
        return YK_OK;
    }
    if ((rc = yk_build_translate(&md, &untranslated, j->out ? NULL : &j->fm_title, e->p, d,
                                 e->lang, e->opts->fallback)) < 0)
        goto done;
    if (untranslated && e->opts->fallback == YK_BUILD_FALLBACK_SOURCE)
        c->fallback = 1;
    if (strcmp(d->format, "html") == 0 || strcmp(d->format, "xhtml") == 0 ||
        strcmp(d->format, "docbook") == 0) {
        yk_mdhtml_options o = YK_MDHTML_OPTIONS_INIT;
        id_prefix(pfx, j->doc);
        o.flags = e->xhtml ? YK_MDHTML_XHTML : 0;
        o.id_prefix = pfx;
        o.url = j->out ? rewrite_url : NULL;
        o.heading = on_heading;
        o.payload = j;
        rc = yk_format_markup_to_html(&html, md.buf, md.len, d->format, d->path, &o);
    } else if (strcmp(d->format, "md") == 0) {
        yk_mdhtml_options o = YK_MDHTML_OPTIONS_INIT;
        id_prefix(pfx, j->doc);
        off = body_offset(md.buf, md.len);
        o.flags = e->xhtml ? YK_MDHTML_XHTML : 0;
        o.id_prefix = pfx;
        o.url = j->out ? rewrite_url : NULL;
        o.heading = on_heading;
        o.payload = j;
        rc = yk_format_markdown_to_html(&html, md.buf + off, md.len - off, &o);
    } else {
        text_to_html(&html, md.buf, md.len);
    }
    if (rc == YK_OK && j->out)
        yk_buf_put(j->out, html.buf, html.len);
done:
    yk_buf_release(&md);
    yk_buf_release(&html);
    return rc;
}

int yk_edition_chapter_body(yk_buf *out, yk_edition *e, size_t i)
{
    yk_edition_chapter *c = &e->chapters[i];
    doc_job j;
    size_t k;
    int rc = YK_OK;

    if (c->fallback && e->note) {
        yk_buf_puts(out, "<p class=\"fallback-note\" role=\"note\">");
        yk_edition_escape(out, e->note);
        yk_buf_puts(out, "</p>\n");
    }
    for (k = 0; k < c->ndocs && rc == YK_OK; k++) {
        memset(&j, 0, sizeof(j));
        j.e = e;
        j.chapter = i;
        j.doc = k;
        j.out = out;
        rc = yk_store_document_get(e->p->store, c->docs[k], render_doc, &j);
    }
    return rc;
}

/* The page name of a chapter: ASCII letters, digits, '-' and '_', unique,
 * never one of the edition's own pages. */
static char *chapter_file(const yk_edition *e, const char *name)
{
    static const char *const reserved[] = {"index", "nav", "toc", "cover", "credits",
                                           "title", "style", "images", "content"};
    yk_buf f = YK_BUF_INIT;
    const char *s;
    size_t base, i;
    int n = 0, dash = 0;
    for (s = name; *s; s++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
            yk_buf_putc(&f, c);
            dash = 0;
        } else if (f.len && !dash) {
            yk_buf_putc(&f, '-');
            dash = 1;
        }
    }
    while (f.len && f.buf[f.len - 1] == '-')
        yk_buf_truncate(&f, f.len - 1);
    if (!f.len || !(f.buf[0] >= 'a' && f.buf[0] <= 'z')) {
        yk_buf tail = YK_BUF_INIT;
        yk_buf_put(&tail, f.buf, f.len);
        yk_buf_clear(&f);
        yk_buf_printf(&f, "chapter%s%s", tail.len ? "-" : "", tail.buf);
        yk_buf_release(&tail);
    }
    base = f.len;
    for (;;) {
        int clash = 0;
        for (i = 0; i < sizeof(reserved) / sizeof(*reserved); i++)
            clash |= strcmp(f.buf, reserved[i]) == 0;
        for (i = 0; i < e->nchapters; i++)
            clash |= e->chapters[i].file && strcmp(e->chapters[i].file, f.buf) == 0;
        if (!clash)
            break;
        yk_buf_truncate(&f, base);
        yk_buf_printf(&f, "-%d", ++n);
    }
    return yk_buf_detach(&f, NULL);
}

typedef struct load_ctx {
    yk_edition *e;
    double *pct;
    char **pct_names;
    size_t npct, cap_pct, cap_names;
    /* every chapter of the project in project order */
    yk_edition_chapter *all;
    size_t nall, cap_all;
} load_ctx;

static int keep_pct(const yk_progress *pr, void *payload)
{
    load_ctx *l = payload;
    l->pct = yk_xgrow(l->pct, &l->cap_pct, l->npct + 1, sizeof(*l->pct));
    l->pct_names = yk_xgrow(l->pct_names, &l->cap_names, l->npct + 1, sizeof(*l->pct_names));
    l->pct[l->npct] = pr->percent;
    l->pct_names[l->npct++] = yk_xstrdup(pr->chapter);
    return 0;
}

static int keep_chapter(const yk_chapter_info *info, void *payload)
{
    load_ctx *l = payload;
    yk_edition_chapter *c;
    size_t i;
    l->all = yk_xgrow(l->all, &l->cap_all, l->nall + 1, sizeof(*l->all));
    c = &l->all[l->nall++];
    memset(c, 0, sizeof(*c));
    c->name = yk_xstrdup(info->chapter);
    c->ids = (yk_buf)YK_BUF_INIT;
    c->docs = yk_xcalloc(info->documents + 1, sizeof(*c->docs));
    for (i = 0; i < info->documents; i++)
        c->docs[i] = yk_xstrdup(info->paths[i]);
    c->ndocs = info->documents;
    for (i = 0; i < l->npct; i++)
        if (strcmp(l->pct_names[i], c->name) == 0)
            c->percent = l->pct[i];
    return 0;
}

static void chapter_release(yk_edition_chapter *c)
{
    size_t i;
    free(c->name);
    free(c->file);
    free(c->title);
    for (i = 0; i < c->ndocs; i++)
        free(c->docs[i]);
    free(c->docs);
    yk_buf_release(&c->ids);
}

/* Order the chapters: those named in edition.chapter-order first, in that
 * order, then the rest in project order. */
static int order_chapters(yk_edition_chapter *all, size_t n, const char *order)
{
    size_t placed = 0, i;
    const char *s = order;
    while (s && *s) {
        size_t len = strcspn(s, ","), k;
        char *name = yk_xstrndup(s, len), *t = trimmed(name);
        int found = 0;
        free(name);
        if (*t) {
            for (k = placed; k < n; k++) {
                if (strcmp(all[k].name, t) == 0) {
                    yk_edition_chapter tmp = all[k];
                    memmove(&all[placed + 1], &all[placed], (k - placed) * sizeof(*all));
                    all[placed++] = tmp;
                    found = 1;
                    break;
                }
            }
            for (i = 0; i < placed && !found; i++)
                found = strcmp(all[i].name, t) == 0;
            if (!found) {
                int rc = yk_error_set(YK_EINVAL,
                                      "edition.chapter-order names '%s', which is not a chapter "
                                      "(see 'yaku list chapters')",
                                      t);
                free(t);
                return rc;
            }
        }
        free(t);
        s += len + (s[len] == ',');
    }
    return YK_OK;
}

static int keep_credit(const yk_credit *cr, void *payload)
{
    yk_edition *e = payload;
    size_t i;
    int in = 0;
    for (i = 0; i < e->nchapters && !in; i++)
        in = strcmp(e->chapters[i].name, cr->chapter) == 0;
    if (!in || !cr->user || !cr->role)
        return 0;
    e->credits = yk_xgrow(e->credits, &e->cap_credits, e->ncredits + 1, sizeof(*e->credits));
    e->credits[e->ncredits].chapter = yk_xstrdup(cr->chapter);
    e->credits[e->ncredits].user = yk_xstrdup(cr->user);
    e->credits[e->ncredits].role = yk_xstrdup(cr->role);
    e->ncredits++;
    return 0;
}

/* People in order of their first credit in the edition's chapter order. */
static void collect_people(yk_edition *e)
{
    size_t i, k, n;
    for (i = 0; i < e->nchapters; i++) {
        for (k = 0; k < e->ncredits; k++) {
            const yk_edition_credit *cr = &e->credits[k];
            if (strcmp(cr->chapter, e->chapters[i].name) != 0)
                continue;
            for (n = 0; n < e->npeople; n++)
                if (strcmp(e->people[n].user, cr->user) == 0)
                    break;
            if (n == e->npeople) {
                e->people = yk_xgrow(e->people, &e->cap_people, n + 1, sizeof(*e->people));
                memset(&e->people[n], 0, sizeof(e->people[n]));
                e->people[n].user = yk_xstrdup(cr->user);
                e->npeople++;
            }
            if (strcmp(cr->role, "reviewer") == 0)
                e->people[n].reviewer = 1;
            else
                e->people[n].translator = 1;
        }
    }
}

static int iso_ok(const char *s)
{
    /* "2026-11-24T13:32:52Z" */
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    size_t i;
    for (i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != shape[i])
            return 0;
    return s[i] == '\0';
}

/* A name-based UUID (version 8, RFC 9562) from what never changes in the
 * project: when it was created, its source language, and the edition's
 * language.  The same project gives the same identifier on every build. */
static char *derived_identifier(yk_edition *e)
{
    char *created = NULL, d1[17], d2[17], hex[33];
    yk_buf seed = YK_BUF_INIT;
    yk_store_meta_get(&created, e->p->store, "created");
    yk_error_clear();
    yk_buf_printf(&seed, "yaku edition\n%s\n%s\n%s", created ? created : "",
                  yk_project_source_lang(e->p), e->lang);
    yk_core_digest(d1, seed.buf, seed.len);
    yk_buf_puts(&seed, "\n2");
    yk_core_digest(d2, seed.buf, seed.len);
    memcpy(hex, d1, 16);
    memcpy(hex + 16, d2, 16);
    hex[32] = '\0';
    hex[12] = '8';                                      /* version */
    hex[16] = "89ab"[hexval(hex[16]) & 3];              /* variant 10xx */
    yk_buf_clear(&seed);
    yk_buf_printf(&seed, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
                  hex + 20);
    free(created);
    return yk_buf_detach(&seed, NULL);
}

static int load_meta(yk_edition *e)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *v;
    int rc = YK_OK;

    e->title = config(e->p, e->lang, "title");
    if (!e->title)
        e->title = config(e->p, NULL, "title");
    if (!e->title)
        e->title = yk_xstrdup(e->nchapters ? e->chapters[0].title : "yaku");
    e->subtitle = config(e->p, e->lang, "subtitle");
    e->creator = config(e->p, e->lang, "creator");
    e->publisher = config(e->p, e->lang, "publisher");
    e->rights = config(e->p, e->lang, "rights");
    e->cover = config(e->p, e->lang, "cover");
    e->identifier = config(e->p, e->lang, "identifier");
    if (!e->identifier)
        e->identifier = derived_identifier(e);
    e->note = config(e->p, e->lang, "fallback-note");
    if (!e->note)
        e->note = yk_xstrdup(ui_for(e->lang)->fallback_note);

    if (sde && *sde) {
        yk_core_now(e->modified);
    } else {
        if ((rc = yk_store_last_change(&v, e->p->store)) < 0)
            return rc;
        if (v && iso_ok(v))
            snprintf(e->modified, sizeof(e->modified), "%s", v);
        else
            yk_core_now(e->modified);
        free(v);
    }
    if (e->cover) {
        yk_buf norm = YK_BUF_INIT, real = YK_BUF_INIT;
        long k;
        const char *type = media_type(e->cover, e->xhtml);
        if (!type) {
            rc = yk_error_set(YK_EINVAL,
                              "cover image '%s' must be a PNG, JPEG, GIF or SVG file "
                              "(setting edition.%s.cover)",
                              e->cover, e->lang);
        } else if ((rc = yk_fs_relpath_normalize(&norm, e->cover)) < 0 ||
                   (rc = confined_file(&real, yk_project_root(e->p), norm.buf)) < 0) {
            rc = yk_error_set(rc == YK_ENOTFOUND ? YK_ENOTFOUND : YK_EPERM,
                              "cover image '%s' (setting edition.%s.cover) is not a file inside "
                              "the project",
                              e->cover, e->lang);
        } else if ((k = add_image(e, norm.buf)) >= 0) {
            e->cover_image = k;
        }
        yk_buf_release(&norm);
        yk_buf_release(&real);
    }
    return rc;
}

int yk_edition_load(yk_edition **out, yk_project *p, const char *lang,
                    const yk_build_options *opts, int xhtml, size_t *skipped)
{
    yk_edition *e = yk_xcalloc(1, sizeof(*e));
    load_ctx l;
    char *order = NULL;
    size_t i, k, total;
    int rc;

    *out = NULL;
    *skipped = 0;
    memset(&l, 0, sizeof(l));
    l.e = e;
    e->p = p;
    e->opts = opts;
    e->xhtml = xhtml;
    e->ext = xhtml ? ".xhtml" : ".html";
    e->cover_image = -1;
    if ((rc = yk_project_check_target(p, lang)) < 0)
        goto done;
    yk_lang_normalize(e->lang, lang);
    if ((rc = yk_progress_foreach(p, e->lang, keep_pct, &l)) < 0 ||
        (rc = yk_chapters_foreach(p, keep_chapter, &l)) < 0)
        goto done;
    order = config(p, NULL, "edition.chapter-order");
    if ((rc = order_chapters(l.all, l.nall, order)) < 0)
        goto done;

    total = l.nall;
    for (i = 0; i < l.nall; i++) {
        yk_edition_chapter *c = &l.all[i];
        if (c->percent < opts->min_percent || c->ndocs == 0) {
            (*skipped)++;
            if (opts->progress)
                opts->progress(c->name, 1, c->percent, i + 1, total, opts->payload);
            chapter_release(c);
            memset(c, 0, sizeof(*c));
            continue;
        }
        e->chapters = yk_xgrow(e->chapters, &e->cap_chapters, e->nchapters + 1,
                               sizeof(*e->chapters));
        e->chapters[e->nchapters] = *c;
        e->chapters[e->nchapters].file = NULL;
        e->chapters[e->nchapters].file = chapter_file(e, c->name);
        e->nchapters++;
        memset(c, 0, sizeof(*c));
    }
    /* pass 1: titles, heading ids, which chapters fall back to the source */
    for (i = 0; i < e->nchapters; i++) {
        yk_edition_chapter *c = &e->chapters[i];
        char *fm = NULL, *h1 = NULL, *h = NULL;
        size_t book_docs = 0;
        for (k = 0; k < c->ndocs; k++) {
            doc_job j;
            memset(&j, 0, sizeof(j));
            j.e = e;
            j.chapter = i;
            j.doc = k;
            rc = yk_store_document_get(p->store, c->docs[k], render_doc, &j);
            if (!j.catalogue)
                book_docs++;
            if (!fm && j.fm_title && *j.fm_title)
                fm = trimmed(j.fm_title);
            if (!h1 && j.first_h1 && *j.first_h1)
                h1 = yk_xstrdup(j.first_h1);
            if (!h && j.first_h && *j.first_h)
                h = yk_xstrdup(j.first_h);
            free(j.fm_title);
            free(j.first_h1);
            free(j.first_h);
            if (rc < 0)
                break;
        }
        c->title = h1 ? h1 : fm ? fm : h ? h : yk_xstrdup(c->name);
        if (c->title != fm)
            free(fm);
        if (c->title != h)
            free(h);
        if (rc < 0)
            goto done;
        if (book_docs == 0) {
            /* only catalogues: no page for it */
            chapter_release(c);
            memmove(c, c + 1, (e->nchapters - i - 1) * sizeof(*c));
            e->nchapters--;
            i--;
        }
    }
    if ((rc = load_meta(e)) < 0)
        goto done;
    if ((rc = yk_credits_foreach(p, e->lang, keep_credit, e)) < 0)
        goto done;
    collect_people(e);
    *out = e;
    e = NULL;
done:
    for (i = 0; i < l.nall; i++)
        chapter_release(&l.all[i]);
    free(l.all);
    for (i = 0; i < l.npct; i++)
        free(l.pct_names[i]);
    free(l.pct_names);
    free(l.pct);
    free(order);
    yk_edition_free(e);
    return rc;
}

void yk_edition_free(yk_edition *e)
{
    size_t i;
    if (!e)
        return;
    for (i = 0; i < e->nchapters; i++)
        chapter_release(&e->chapters[i]);
    free(e->chapters);
    for (i = 0; i < e->nimages; i++) {
        free(e->images[i].src);
        free(e->images[i].dst);
    }
    free(e->images);
    for (i = 0; i < e->ncredits; i++) {
        free(e->credits[i].chapter);
        free(e->credits[i].user);
        free(e->credits[i].role);
    }
    free(e->credits);
    for (i = 0; i < e->npeople; i++)
        free(e->people[i].user);
    free(e->people);
    free(e->title);
    free(e->subtitle);
    free(e->creator);
    free(e->publisher);
    free(e->rights);
    free(e->cover);
    free(e->note);
    free(e->identifier);
    free(e);
}
