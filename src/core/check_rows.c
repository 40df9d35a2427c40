/*
 * The reading path of `yaku check` over the project's store.
 */
#include "core/check_rows.h"

int yk_core_check_rows(yk_project *p, const char *chapter, const char *lang,
                       int (*fn)(const yk_store_check_row *r, void *payload), void *payload)
{
    int64_t chapter_id = 0;
    int rc;
    if (chapter && (rc = yk_store_chapter_find(&chapter_id, p->store, chapter)) < 0)
        return rc;
    return yk_store_check_rows(p->store, chapter_id, lang, fn, payload);
}
