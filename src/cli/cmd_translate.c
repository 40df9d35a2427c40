/*
 * yaku translate: open $EDITOR on the caller's claimed, unfinished
 * segments; on save, submit what changed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/i18n.h"
#include "cli/opt.h"
#include "cli/out.h"
#include "util/buf.h"
#include "util/fs.h"

static const cli_opt opts[] = {
    {"lang", 'l', "L", N_("the target language")},
    {"all", 'a', NULL, N_("include translated and reviewed segments, to revise them")},
    {NULL, 0, NULL, NULL},
};

static const cli_usage usage = {
    "translate", "--lang L [CHAPTER] [--all]",
    N_("Open your editor ($VISUAL, $EDITOR, else vi) on a plain-text file with one block\n"
       "per segment you hold that is not translated yet (of CHAPTER only, when given;\n"
       "editors may name any chapter): its id, the source, glossary hits and any review\n"
       "note as '#' comments, and the translation to write.  Save and quit to submit\n"
       "the blocks you changed; the others stay as they were.  Quit without saving to\n"
       "change nothing.  Blocks that cannot be submitted (not yours, changed by someone\n"
       "else meanwhile, a deleted \"==>\" line) are reported, the command exits 3 and\n"
       "your edited file is kept."),
    N_("examples:\n  yaku translate --lang ja\n  EDITOR=nano yaku translate --lang ko ch04"),
    opts,
};

/* Run the editor through the shell, so EDITOR may hold arguments
 * ("code --wait", "sed -i s/a/b/").  Returns its exit status or -1. */
static int run_editor(const char *path)
{
    const char *ed = getenv("VISUAL");
    yk_buf cmd = YK_BUF_INIT;
    pid_t pid;
    int status;

    if (!ed || !*ed)
        ed = getenv("EDITOR");
    if (!ed || !*ed)
        ed = "vi";
    yk_buf_printf(&cmd, "%s \"$1\"", ed);
    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        yk_buf_release(&cmd);
        return -1;
    }
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd.buf, "yaku-editor", path, (char *)NULL);
        _exit(127);
    }
    yk_buf_release(&cmd);
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int cmd_translate(int argc, char **argv, cli_ctx *ctx)
{
    cli_args a;
    yk_session_options o = YK_SESSION_OPTIONS_INIT;
    yk_session_result r;
    yk_bytes text = {NULL, 0};
    yk_buf edited = YK_BUF_INIT, path = YK_BUF_INIT;
    const char *lang, *tmpdir;
    size_t nblocks, i;
    int rc, fd = -1, status = 0, keep = 0;

    memset(&r, 0, sizeof(r));
    if ((rc = cli_parse(&a, &usage, argc, argv)) != 0) {
        cli_args_release(&a);
        return rc > 0 ? 0 : CLI_EXIT_USAGE;
    }
    lang = cli_get(&a, &usage, "lang");
    if (!lang || a.npos > 1) {
        rc = cli_usage_error(&usage, "%s",
                             !lang ? _("--lang is required") : _("give at most one CHAPTER"));
        cli_args_release(&a);
        return rc;
    }
    o.chapter = a.npos ? a.pos[0] : NULL;
    o.all = cli_get(&a, &usage, "all") != NULL;
    if ((rc = yk_session_write(&text, &nblocks, ctx->project, lang, &o)) < 0)
        goto fail;
    if (nblocks == 0) {
        printf(_("nothing to translate: every segment you hold in %s is translated\n"), lang);
        goto out;
    }
    tmpdir = getenv("TMPDIR");
    yk_buf_printf(&path, "%s/yaku-translate-XXXXXX.txt", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if ((fd = mkstemps(path.buf, 4)) < 0 ||
        write(fd, text.data, text.len) != (ssize_t)text.len || close(fd) != 0) {
        cli_error(_("cannot write the session file '%s': %s"), path.buf, strerror(errno));
        if (fd >= 0)
            unlink(path.buf);
        status = CLI_EXIT_USAGE;
        goto out;
    }
    if ((status = run_editor(path.buf)) != 0) {
        cli_error(_("the editor failed (exit %d); nothing submitted"), status);
        unlink(path.buf);
        status = CLI_EXIT_USAGE;
        goto out;
    }
    if ((rc = yk_fs_read(&edited, path.buf, (size_t)64 << 20)) < 0) {
        unlink(path.buf);
        goto fail;
    }
    if (edited.len == text.len && memcmp(edited.buf, text.data, text.len) == 0) {
        printf(_("no changes: nothing submitted\n"));
        unlink(path.buf);
        goto out;
    }
    if ((rc = yk_project_begin(ctx->project)) < 0) {
        keep = 1;
        goto fail;
    }
    if ((rc = yk_session_submit(&r, ctx->project, lang, text.data, text.len, edited.buf,
                                edited.len)) < 0 ||
        (rc = yk_project_commit(ctx->project)) < 0) {
        yk_project_rollback(ctx->project);
        keep = 1;
        goto fail;
    }
    for (i = 0; i < r.nrefused; i++) {
        if (r.refused[i].line)
            /* "FILE:LINE: refused:" stays English, as in import */
            fprintf(stderr, "%s:%d: refused: %s%s%s%s\n", path.buf, r.refused[i].line,
                    r.refused[i].id[0] ? "[" : "", r.refused[i].id, r.refused[i].id[0] ? "] " : "",
                    r.refused[i].reason);
        else
            fprintf(stderr, "%s: refused: [%s] %s\n", path.buf, r.refused[i].id,
                    r.refused[i].reason);
    }
    printf(P_("%zu block: %zu submitted, %zu unchanged, %zu refused\n",
              "%zu blocks: %zu submitted, %zu unchanged, %zu refused\n", r.blocks),
           r.blocks, r.submitted, r.unchanged, r.nrefused);
    if (r.nrefused) {
        fprintf(stderr, _("yaku: your edited file is kept: %s\n"), path.buf);
        status = CLI_EXIT_REFUSED;
    } else {
        unlink(path.buf);
    }
out:
    yk_session_result_release(&r);
    yk_bytes_release(&text);
    yk_buf_release(&edited);
    yk_buf_release(&path);
    cli_args_release(&a);
    return status;
fail:
    if (keep)
        fprintf(stderr, _("yaku: your edited file is kept: %s\n"), path.buf);
    status = cli_fail(rc);
    goto out;
}
