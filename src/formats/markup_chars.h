/*
 * ASCII character classes of the HTML/XML lexer (markup.c) and of the
 * writer of translations into markup (markup_escape.c): locale-free, so a
 * tag is a tag whatever the user's locale.
 */
#ifndef YK_FORMATS_MARKUP_CHARS_H
#define YK_FORMATS_MARKUP_CHARS_H

static inline int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static inline int html_name_char(char c)
{
    return is_alpha(c) || is_digit(c) || c == ':' || c == '-' || c == '_' || c == '.';
}

#endif
