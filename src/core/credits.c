/*
 * Credits for the edition: who translated and who reviewed each chapter,
 * read from the history (what people actually did), not from claims (what
 * they meant to do).  Pretranslation from TM, automatic check fixes and
 * source changes are not anyone's translation.
 */
#include "core/core.h"
#include "store/workflow.h"

typedef struct credits_walk {
    int (*fn)(const yk_credit *c, void *payload);
    void *payload;
} credits_walk;

static int credit_row(const yk_store_credit_row *r, void *payload)
{
    credits_walk *w = payload;
    yk_credit c;
    c.chapter = r->chapter;
    c.user = r->who;
    c.role = r->role;
    c.segments = r->segments;
    return w->fn(&c, w->payload);
}

int yk_credits_foreach(yk_project *p, const char *lang,
                       int (*fn)(const yk_credit *c, void *payload), void *payload)
{
    credits_walk w = {fn, payload};
    char norm[36];
    yk_store_read_once ro;
    int rc;
    if (!lang)
        return yk_error_set(YK_EINVAL, "credits need a language (--lang L)");
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    yk_lang_normalize(norm, lang);
    /* each chapter's history is read once: a small cache suffices */
    if ((rc = yk_store_read_once_begin(p->store, &ro)) < 0)
        return rc;
    rc = yk_store_credits(p->store, norm, credit_row, &w);
    yk_store_read_once_end(p->store, &ro);
    return rc;
}
