/*
 * Printing for the CLI: errors, JSON strings, progress.
 */
#include "cli/out.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <yaku/common.h>

#include "cli/exit.h"
#include "cli/i18n.h"
#include "util/utf8.h"

int cli_fail(int rc)
{
    const yk_error *e = yk_error_last();
    const char *msg = e->message[0] ? e->message : _("unexpected failure");
    /* "error" is not translated: the compiler form is for editors and scripts */
    if (e->file[0] && e->line)
        fprintf(stderr, "%s:%d:%d: error: %s\n", e->file, e->line, e->column ? e->column : 1,
                msg);
    else if (e->file[0])
        fprintf(stderr, "%s: error: %s\n", e->file, msg);
    else
        fprintf(stderr, "yaku: error: %s\n", msg);
    return cli_exit_code(rc);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fputs("yaku: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_json_str(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    fputc('"', f);
    for (; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

int cli_is_tty(void)
{
    return isatty(STDOUT_FILENO) && isatty(STDERR_FILENO);
}

static int progress_shown;

void cli_pad(FILE *f, const char *s, int columns)
{
    size_t len = strlen(s), i = 0;
    int used = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = yk_utf8_decode(&cp, s + i, len - i);
        /* halfwidth katakana and Hangul lie in the CJK ranges but take one column */
        int w = n && yk_is_cjk(cp) && !(cp >= 0xFF61 && cp <= 0xFFDC) ? 2 : 1;
        if (n == 0)
            n = 1;
        if (used + w > columns)
            break;
        fwrite(s + i, 1, n, f);
        used += w;
        i += n;
    }
    for (; used < columns; used++)
        fputc(' ', f);
}

void cli_progress(const char *label, size_t done, size_t total)
{
    if (!cli_is_tty() || total == 0)
        return;
    fputc('\r', stderr);
    cli_pad(stderr, label, 12);
    fputc(' ', stderr);
    cli_bar(stderr, 100.0 * (double)done / (double)total, 30);
    fprintf(stderr, " %zu/%zu", done, total);
    fflush(stderr);
    progress_shown = 1;
}

void cli_progress_end(void)
{
    if (progress_shown) {
        fprintf(stderr, "\r\033[K");
        fflush(stderr);
        progress_shown = 0;
    }
}

void cli_bar(FILE *f, double percent, int width)
{
    int i, full = (int)(percent * width / 100.0 + 0.5);
    if (full > width)
        full = width;
    fputc('[', f);
    for (i = 0; i < width; i++)
        fputs(i < full ? "#" : "-", f);
    fputc(']', f);
}
