/*
 * The inline markup of a segment's text (Markdown emphasis, code spans,
 * links, footnote references, raw HTML tags, Hugo shortcodes), found for the
 * exchange formats that show markup as tags (XLIFF) instead of as text.
 * Only finds; writing tags is the format's business (formats/xliff.c).
 */
#ifndef YK_FORMATS_INLINE_H
#define YK_FORMATS_INLINE_H

#include <stddef.h>

/* What a code stands for. */
typedef enum yk_inline_kind {
    YK_INLINE_EMPHASIS = 0, /* *text*, _text_ */
    YK_INLINE_STRONG,       /* **text**, __text__ (and ***text***) */
    YK_INLINE_STRIKE,       /* ~~text~~ */
    YK_INLINE_DELIMITER,    /* an emphasis delimiter run without its partner in this segment */
    YK_INLINE_CODE,         /* `code`: the whole span, content included */
    YK_INLINE_LINK,         /* "[" and "](url)" / "][label]" around the link text */
    YK_INLINE_IMAGE,        /* "![" and "](url)" around the alt text */
    YK_INLINE_TITLE_END,    /* '")' closing a link title: the title itself is text */
    YK_INLINE_FOOTNOTE,     /* [^label] */
    YK_INLINE_AUTOLINK,     /* <https://...>, <a@b.org> */
    YK_INLINE_HTML,         /* a tag, a comment, a declaration */
    YK_INLINE_SHORTCODE,    /* {{< name >}}, {{% name %}} */
    YK_INLINE_ATTRIBUTES    /* {#id .class} */
} yk_inline_kind;

typedef enum yk_inline_role {
    YK_INLINE_ISOLATED = 0, /* a code of its own (a placeholder) */
    YK_INLINE_OPEN,         /* the start of a pair; 'partner' is its end */
    YK_INLINE_CLOSE         /* the end of a pair; 'partner' is its start */
} yk_inline_role;

typedef struct yk_inline_code {
    size_t off, len; /* the code's bytes in the text */
    yk_inline_kind kind;
    yk_inline_role role;
    size_t partner; /* index of the other end of a pair; the code itself when isolated */
} yk_inline_code;

/* The codes of one text, in order, never overlapping.  Pairs nest
 * properly: between an OPEN and its CLOSE every pair is complete, so they
 * can be written as nested elements (XLIFF <g>, <pc>). */
typedef struct yk_inline {
    yk_inline_code *v;
    size_t n, cap;
} yk_inline;

#define YK_INLINE_INIT {NULL, 0, 0}

/* Find the inline markup of s[0..len) (UTF-8, need not be NUL-terminated)
 * into 'out' (reset first).  Everything that is not a code is text a
 * translator may change.  Follows CommonMark's rules where they matter for
 * a sentence cut out of a block: backslash escapes are text, emphasis pairs
 * by delimiter run (a run whose partner is in another segment becomes a
 * YK_INLINE_DELIMITER code, so it is kept), an HTML or shortcode start tag
 * pairs with the matching end tag, anything unmatched is isolated.  Work is
 * bounded: spans longer than a few kilobytes are not looked for. */
void yk_inline_scan(yk_inline *out, const char *s, size_t len);
void yk_inline_release(yk_inline *x);

#endif
