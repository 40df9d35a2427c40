/*
 * Rewriting one translation in place (same state, new revision, history
 * row), for tools that correct a target mechanically such as `check --fix`.
 */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "util/xalloc.h"

typedef struct found {
    int64_t id;
    char *state, *target;
} found;

static int on_segment(const yk_store_segment_state *s, void *payload)
{
    found *f = payload;
    f->id = s->id;
    f->state = yk_xstrdup(s->state);
    f->target = yk_xstrdup(s->target);
    return 0;
}

int yk_core_translation_rewrite(yk_project *p, const char *chapter, int n, const char *lang,
                                const char *expected, const char *target, const char *action)
{
    found f = {0, NULL, NULL};
    char now[32];
    int rc;

    if ((rc = yk_store_segment_lookup(p->store, chapter, n, lang, on_segment, &f)) < 0)
        goto done;
    if (strcmp(f.state, "new") == 0 || strcmp(f.target, expected) != 0) {
        rc = yk_error_set(YK_ECONFLICT, "segment '%s:%d' changed while it was being checked",
                          chapter, n);
        goto done;
    }
    yk_core_now(now);
    rc = yk_store_translation_put(p->store, f.id, lang, target, f.state, yk_core_user(p), now, action);
done:
    free(f.state);
    free(f.target);
    return rc;
}
