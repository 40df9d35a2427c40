/*
 * Printing for the CLI: errors, JSON strings, progress.
 */
#include "cli/out.h"

#include <stdarg.h>
#include <unistd.h>
#include <yaku/common.h>

#include "cli/exit.h"
#include "cli/i18n.h"

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

void cli_progress(const char *label, size_t done, size_t total)
{
    if (!cli_is_tty() || total == 0)
        return;
    fprintf(stderr, "\r%-12.12s ", label);
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
