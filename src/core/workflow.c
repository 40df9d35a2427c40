/*
 * The volunteer workflow (SPEC §6): roles, claims and their expiry, who may
 * submit or review what, review, history.  Every function that writes runs
 * inside the caller's transaction (yk_project_begin: BEGIN IMMEDIATE), so
 * the checks below and the writes that follow them are one atomic step: a
 * second process waits for the lock and then sees the first one's claim.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "store/workflow.h"
#include "util/xalloc.h"

static const char *const role_names[] = {"none", "translator", "editor", "maintainer"};

const char *yk_role_name(yk_role role)
{
    return role >= YK_ROLE_NONE && role <= YK_ROLE_MAINTAINER ? role_names[role] : "none";
}

int yk_role_from_name(yk_role *out, const char *name)
{
    int i;
    for (i = YK_ROLE_TRANSLATOR; i <= YK_ROLE_MAINTAINER; i++) {
        if (strcmp(name, role_names[i]) == 0) {
            *out = (yk_role)i;
            return YK_OK;
        }
    }
    return yk_error_set(YK_EINVAL, "unknown role '%s' (maintainer, editor, translator)", name);
}

const char *yk_claim_kind_name(yk_claim_kind kind)
{
    return kind == YK_CLAIM_REVIEWER ? "reviewer" : "translator";
}

int yk_claim_kind_from_name(yk_claim_kind *out, const char *name)
{
    if (strcmp(name, "translator") == 0)
        *out = YK_CLAIM_TRANSLATOR;
    else if (strcmp(name, "reviewer") == 0)
        *out = YK_CLAIM_REVIEWER;
    else
        return yk_error_set(YK_EINVAL, "unknown claim role '%s' (translator, reviewer)", name);
    return YK_OK;
}

/* ---- time ---- */

/* The clock, honouring SOURCE_DATE_EPOCH like yk_core_now() (tests move
 * time forward to see claims expire). */
static time_t clock_now(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            return (time_t)v;
    }
    return time(NULL);
}

static void fmt_time(char out[32], time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int expiry_days(long *out, yk_project *p)
{
    char *v = NULL;
    int rc = yk_store_meta_get(&v, p->store, "claim.expiry-days");
    *out = 21;
    if (rc == YK_OK && v) {
        char *end;
        long d = strtol(v, &end, 10);
        if (*end == '\0' && d >= 1)
            *out = d;
    }
    free(v);
    return rc;
}

/* now and now + expiry */
static int times(char now[32], char expires[32], yk_project *p)
{
    long days;
    time_t t = clock_now();
    int rc = expiry_days(&days, p);
    fmt_time(now, t);
    fmt_time(expires, t + (time_t)days * 24 * 3600);
    return rc;
}

static int is_stale(const char *expires_at, const char *now)
{
    return strcmp(expires_at, now) <= 0;
}

/* ---- members ---- */

int yk_member_role(yk_role *out, yk_project *p, const char *user)
{
    char *role = NULL;
    int rc = yk_store_member_role(&role, p->store, user ? user : yk_core_user(p));
    *out = YK_ROLE_NONE;
    if (rc == YK_OK && role)
        yk_role_from_name(out, role);
    free(role);
    return rc;
}

int yk_require_role(yk_project *p, yk_role need, const char *what)
{
    yk_role have;
    int rc = yk_member_role(&have, p, NULL);
    if (rc < 0)
        return rc;
    if (have == YK_ROLE_NONE)
        return yk_error_set(YK_EPERM,
                            "'%s' is not a member of this project; ask a maintainer to add you: "
                            "yaku member add %s --role translator (or act as a member: --as USER)",
                            yk_core_user(p), yk_core_user(p));
    if (have < need)
        return yk_error_set(YK_EPERM,
                            "%s needs the %s role and '%s' is a %s; ask a maintainer: yaku member "
                            "add %s --role %s",
                            what, yk_role_name(need), yk_core_user(p), yk_role_name(have), yk_core_user(p),
                            yk_role_name(need));
    return YK_OK;
}

static int valid_user(const char *user)
{
    const unsigned char *c;
    if (!user || !*user || strlen(user) > 254)
        return 0;
    for (c = (const unsigned char *)user; *c; c++)
        if (*c <= ' ' || *c == 0x7f)
            return 0;
    return 1;
}

int yk_member_add(yk_project *p, const char *user, yk_role role)
{
    char now[32], *old = NULL;
    int rc;
    if ((rc = yk_require_role(p, YK_ROLE_MAINTAINER, "adding members")) < 0)
        return rc;
    if (!valid_user(user))
        return yk_error_set(YK_EINVAL,
                            "'%s' is not a user name (an e-mail address or login, no spaces)",
                            user ? user : "");
    if (role < YK_ROLE_TRANSLATOR || role > YK_ROLE_MAINTAINER)
        return yk_error_set(YK_EINVAL, "unknown role");
    if ((rc = yk_store_member_role(&old, p->store, user)) < 0)
        return rc;
    if (old && strcmp(old, "maintainer") == 0 && role != YK_ROLE_MAINTAINER) {
        size_t n;
        if ((rc = yk_store_member_count(&n, p->store, "maintainer")) == YK_OK && n <= 1)
            rc = yk_error_set(YK_ECONFLICT,
                              "'%s' is the last maintainer; add another maintainer first", user);
    }
    free(old);
    if (rc < 0)
        return rc;
    yk_core_now(now);
    return yk_store_member_add(p->store, user, yk_role_name(role), now);
}

typedef struct member_walk {
    int (*fn)(const yk_member_info *m, void *payload);
    void *payload;
} member_walk;

static int member_row(const char *user, const char *role, const char *added_at, void *payload)
{
    member_walk *w = payload;
    yk_member_info m;
    m.user = user;
    m.role = YK_ROLE_NONE;
    yk_role_from_name(&m.role, role);
    m.added_at = added_at;
    return w->fn(&m, w->payload);
}

int yk_members_foreach(yk_project *p, int (*fn)(const yk_member_info *m, void *payload),
                       void *payload)
{
    member_walk w = {fn, payload};
    return yk_store_members(p->store, member_row, &w);
}

/* ---- claims ---- */

static int target_lang(char out[36], yk_project *p, const char *lang)
{
    int rc;
    if (!lang)
        return yk_error_set(YK_EINVAL, "a language is required (--lang L)");
    if ((rc = yk_project_check_target(p, lang)) < 0)
        return rc;
    return yk_lang_normalize(out, lang);
}

typedef struct found_claim {
    int found;
    int64_t id;
    char holder[256];
    char expires_at[32];
} found_claim;

static int keep_claim(const yk_store_claim *c, void *payload)
{
    found_claim *f = payload;
    f->found = 1;
    f->id = c->id;
    snprintf(f->holder, sizeof(f->holder), "%s", c->holder);
    snprintf(f->expires_at, sizeof(f->expires_at), "%s", c->expires_at);
    return 0;
}

static int chapter_claim(found_claim *f, yk_project *p, int64_t chapter_id, const char *lang,
                         const char *kind)
{
    int rc;
    memset(f, 0, sizeof(*f));
    rc = yk_store_claim_of_chapter(p->store, chapter_id, lang, kind, keep_claim, f);
    if (rc == YK_ENOTFOUND)
        rc = YK_OK;
    return rc;
}

typedef struct batch_conflict {
    char holder[256];
    size_t n;
    int first, last;
} batch_conflict;

static int first_batch(const char *holder, size_t n, int first, int last, void *payload)
{
    batch_conflict *b = payload;
    snprintf(b->holder, sizeof(b->holder), "%s", holder);
    b->n = n;
    b->first = first;
    b->last = last;
    return 1; /* the first is enough for the message */
}

int yk_claim_chapter(yk_project *p, const char *chapter, const char *lang, yk_claim_kind kind)
{
    char norm[36], now[32], expires[32];
    const char *kname = yk_claim_kind_name(kind);
    found_claim f;
    int64_t chapter_id, id;
    int rc;

    if ((rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if ((rc = yk_require_role(p, kind == YK_CLAIM_REVIEWER ? YK_ROLE_EDITOR : YK_ROLE_TRANSLATOR,
                              kind == YK_CLAIM_REVIEWER ? "claiming a chapter for review"
                                                        : "claiming a chapter")) < 0)
        return rc;
    if ((rc = yk_store_chapter_find(&chapter_id, p->store, chapter)) < 0 ||
        (rc = times(now, expires, p)) < 0 ||
        (rc = chapter_claim(&f, p, chapter_id, norm, kname)) < 0)
        return rc;
    if (f.found && strcmp(f.holder, yk_core_user(p)) != 0) {
        if (!is_stale(f.expires_at, now))
            return yk_error_set(YK_ECONFLICT,
                                "'%s' (%s) is claimed by %s as %s until %.10s; ask them to "
                                "release it, or ask a maintainer: yaku assign %s --lang %s --to %s%s",
                                chapter, norm, f.holder, kname, f.expires_at, chapter, norm,
                                yk_core_user(p), kind == YK_CLAIM_REVIEWER ? " --role reviewer" : "");
        /* an expired claim is free for the taking: closing it is recorded */
        if ((rc = yk_store_claim_close(p->store, f.id, now, yk_core_user(p), "taken-over")) < 0)
            return rc;
    }
    if (kind == YK_CLAIM_TRANSLATOR) {
        batch_conflict b;
        memset(&b, 0, sizeof(b));
        rc = yk_store_batch_holders_in_chapter(p->store, chapter_id, norm, yk_core_user(p), now,
                                               first_batch, &b);
        if (rc < 0)
            return rc;
        if (b.n)
            return yk_error_set(YK_ECONFLICT,
                                "'%s' (%s) has %zu segment(s) (%s:%d..%s:%d) in %s's claimed "
                                "batch; ask them to release them (yaku release %s --lang %s), "
                                "or ask a maintainer: yaku assign %s --lang %s --to %s",
                                chapter, norm, b.n, chapter, b.first, chapter, b.last, b.holder,
                                chapter, norm, chapter, norm, yk_core_user(p));
        /* the chapter claim covers the caller's own batch segments there and
         * replaces expired batches of others */
        if ((rc = yk_store_batch_close_in_chapter(p->store, chapter_id, norm, yk_core_user(p), NULL, NULL,
                                                  now, yk_core_user(p), "merged")) < 0 ||
            (rc = yk_store_batch_close_in_chapter(p->store, chapter_id, norm, NULL, yk_core_user(p), now,
                                                  now, yk_core_user(p), "taken-over")) < 0)
            return rc;
    }
    if (f.found && strcmp(f.holder, yk_core_user(p)) == 0)
        return yk_store_claim_renew(p->store, f.id, expires);
    return yk_store_claim_insert(&id, p->store, chapter_id, norm, yk_core_user(p), kname, now, expires);
}

typedef struct cand_list {
    yk_store_candidate *v;
    char **chapters;
    size_t n, cap;
} cand_list;

static int keep_candidate(const yk_store_candidate *c, void *payload)
{
    cand_list *l = payload;
    if (l->n == l->cap) {
        size_t cap = l->cap;
        l->v = yk_xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
        l->chapters = yk_xgrow(l->chapters, &cap, l->n + 1, sizeof(*l->chapters));
    }
    l->v[l->n] = *c;
    l->chapters[l->n] = yk_xstrdup(c->chapter);
    l->v[l->n].chapter = l->chapters[l->n];
    l->n++;
    return 0;
}

int yk_claim_next(yk_claim_next_result *out, yk_project *p, const char *lang, size_t n,
                  const char *chapter)
{
    char norm[36], now[32], expires[32];
    cand_list l;
    int64_t chapter_id = 0, claim_id = 0;
    size_t i;
    int rc;

    memset(out, 0, sizeof(*out));
    memset(&l, 0, sizeof(l));
    if ((rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if (n == 0 || n > 100000)
        return yk_error_set(YK_EINVAL, "--next needs a number of segments from 1 to 100000");
    if ((rc = yk_require_role(p, YK_ROLE_TRANSLATOR, "claiming segments")) < 0)
        return rc;
    if ((chapter && (rc = yk_store_chapter_find(&chapter_id, p->store, chapter)) < 0) ||
        (rc = times(now, expires, p)) < 0)
        return rc;
    if ((rc = yk_store_next_candidates(p->store, norm, chapter_id, now, n, keep_candidate, &l)) <
        0)
        goto done;
    if (l.n == 0)
        goto done;
    if ((rc = yk_store_claim_insert(&claim_id, p->store, 0, norm, yk_core_user(p), "translator", now,
                                    expires)) < 0)
        goto done;
    for (i = 0; i < l.n; i++) {
        if (i == 0 || strcmp(l.chapters[i], l.chapters[i - 1]) != 0) {
            /* a chapter whose claim expired: taking segments from it ends that claim */
            found_claim f;
            int64_t cid;
            if ((rc = yk_store_chapter_find(&cid, p->store, l.chapters[i])) < 0 ||
                (rc = chapter_claim(&f, p, cid, norm, "translator")) < 0)
                goto done;
            if (f.found && strcmp(f.holder, yk_core_user(p)) != 0 && is_stale(f.expires_at, now) &&
                (rc = yk_store_claim_close(p->store, f.id, now, yk_core_user(p), "taken-over")) < 0)
                goto done;
        }
        if ((rc = yk_store_batch_add(p->store, claim_id, l.v[i].segment_id, norm)) < 0)
            goto done;
    }
    out->claim_id = claim_id;
    out->segments = l.n;
    snprintf(out->first, sizeof(out->first), "%s:%d", l.chapters[0], l.v[0].n);
    snprintf(out->last, sizeof(out->last), "%s:%d", l.chapters[l.n - 1], l.v[l.n - 1].n);
done:
    for (i = 0; i < l.n; i++)
        free(l.chapters[i]);
    free(l.chapters);
    free(l.v);
    return rc;
}

int yk_assign(yk_project *p, const char *chapter, const char *lang, const char *user,
              yk_claim_kind kind)
{
    char norm[36], now[32], expires[32];
    const char *kname = yk_claim_kind_name(kind);
    found_claim f;
    yk_role role;
    int64_t chapter_id, id;
    int rc;

    if ((rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if ((rc = yk_require_role(p, YK_ROLE_MAINTAINER, "assigning chapters")) < 0)
        return rc;
    if ((rc = yk_member_role(&role, p, user)) < 0)
        return rc;
    if (role == YK_ROLE_NONE)
        return yk_error_set(YK_EINVAL, "'%s' is not a member; add them first: yaku member add %s "
                                       "--role translator",
                            user, user);
    if ((rc = yk_store_chapter_find(&chapter_id, p->store, chapter)) < 0 ||
        (rc = times(now, expires, p)) < 0 ||
        (rc = chapter_claim(&f, p, chapter_id, norm, kname)) < 0)
        return rc;
    if (f.found && strcmp(f.holder, user) != 0 &&
        (rc = yk_store_claim_close(p->store, f.id, now, yk_core_user(p), "reassigned")) < 0)
        return rc;
    /* the chapter claim supersedes every batch in the chapter */
    if (kind == YK_CLAIM_TRANSLATOR &&
        (rc = yk_store_batch_close_in_chapter(p->store, chapter_id, norm, NULL, NULL, NULL, now,
                                              yk_core_user(p), "reassigned")) < 0)
        return rc;
    if (f.found && strcmp(f.holder, user) == 0)
        return yk_store_claim_renew(p->store, f.id, expires);
    return yk_store_claim_insert(&id, p->store, chapter_id, norm, user, kname, now, expires);
}

typedef struct claim_list {
    struct {
        int64_t id;
        int batch;
        char holder[256];
    } *v;
    size_t n, cap;
} claim_list;

static int keep_claims(const yk_store_claim *c, void *payload)
{
    claim_list *l = payload;
    l->v = yk_xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
    l->v[l->n].id = c->id;
    l->v[l->n].batch = c->batch;
    snprintf(l->v[l->n].holder, sizeof(l->v[l->n].holder), "%s", c->holder);
    l->n++;
    return 0;
}

int yk_release(size_t *released, yk_project *p, const char *chapter, const char *lang, int force)
{
    char norm[36], now[32], expires[32];
    const char *reason = force ? "force-released" : "released";
    claim_list mine;
    int64_t chapter_id = 0;
    size_t i;
    int rc, batches = 0;

    *released = 0;
    memset(&mine, 0, sizeof(mine));
    if ((rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if ((rc = yk_require_role(p, force ? YK_ROLE_MAINTAINER : YK_ROLE_TRANSLATOR,
                              force ? "releasing someone else's claim (--force)"
                                    : "releasing a claim")) < 0)
        return rc;
    if ((chapter && (rc = yk_store_chapter_find(&chapter_id, p->store, chapter)) < 0) ||
        (rc = times(now, expires, p)) < 0)
        return rc;
    if ((rc = yk_store_claims_of(p->store, force ? NULL : yk_core_user(p), norm, chapter_id, keep_claims,
                                 &mine)) < 0)
        goto done;
    if (mine.n == 0) {
        claim_list others;
        memset(&others, 0, sizeof(others));
        rc = yk_store_claims_of(p->store, NULL, norm, chapter_id, keep_claims, &others);
        if (rc == YK_OK && others.n)
            rc = yk_error_set(YK_EPERM,
                              "%s%s (%s) is held by %s, not by you; they can release it, or a "
                              "maintainer: yaku release %s --lang %s --force",
                              chapter ? "'" : "your claims in", chapter ? chapter : "", norm,
                              others.v[0].holder, chapter ? chapter : "--all", norm);
        else if (rc == YK_OK)
            rc = yk_error_set(YK_ENOTFOUND, "%s%s%s (%s) holds no claim to release",
                              chapter ? "'" : "", chapter ? chapter : "nothing",
                              chapter ? "'" : "", norm);
        free(others.v);
        goto done;
    }
    for (i = 0; i < mine.n; i++) {
        if (mine.v[i].batch && chapter) {
            batches = 1; /* only the batch's segments in this chapter */
            continue;
        }
        if ((rc = yk_store_claim_close(p->store, mine.v[i].id, now, yk_core_user(p), reason)) < 0)
            goto done;
        (*released)++;
    }
    if (batches) {
        if ((rc = yk_store_batch_close_in_chapter(p->store, chapter_id, norm,
                                                  force ? NULL : yk_core_user(p), NULL, NULL, now,
                                                  yk_core_user(p), reason)) < 0)
            goto done;
        (*released)++;
    }
done:
    free(mine.v);
    return rc;
}

typedef struct claims_walk {
    int (*fn)(const yk_claim_info *c, void *payload);
    void *payload;
    char now[32];
} claims_walk;

static int claim_row(const yk_store_claim *c, void *payload)
{
    claims_walk *w = payload;
    yk_claim_info i;
    i.id = c->id;
    i.chapter = c->chapter;
    i.lang = c->lang;
    i.holder = c->holder;
    i.kind = strcmp(c->kind, "reviewer") == 0 ? YK_CLAIM_REVIEWER : YK_CLAIM_TRANSLATOR;
    i.batch = c->batch;
    i.segments = c->segments;
    i.claimed_at = c->claimed_at;
    i.expires_at = c->expires_at;
    i.stale = is_stale(c->expires_at, w->now);
    if (c->batch && c->segments == 0)
        return 0;
    return w->fn(&i, w->payload);
}

int yk_claims_foreach(yk_project *p, const char *lang,
                      int (*fn)(const yk_claim_info *c, void *payload), void *payload)
{
    claims_walk w;
    char norm[36];
    int rc;
    w.fn = fn;
    w.payload = payload;
    fmt_time(w.now, clock_now());
    if (lang && (rc = target_lang(norm, p, lang)) < 0)
        return rc;
    return yk_store_claims(p->store, lang ? norm : NULL, claim_row, &w);
}

/* ---- authorisation ---- */

typedef struct seg_ctx {
    int64_t id, chapter_id;
    char chapter[256];
    char *source, *state, *target;
    int n, revision, archived;
} seg_ctx;

static int keep_seg(const yk_store_seg_ref *r, void *payload)
{
    seg_ctx *c = payload;
    c->id = r->id;
    c->chapter_id = r->chapter_id;
    snprintf(c->chapter, sizeof(c->chapter), "%s", r->chapter);
    c->n = r->n;
    c->archived = r->archived;
    c->revision = r->revision;
    c->source = yk_xstrdup(r->source);
    c->state = yk_xstrdup(r->state);
    c->target = yk_xstrdup(r->target);
    return 0;
}

static void seg_release(seg_ctx *c)
{
    free(c->source);
    free(c->state);
    free(c->target);
}

/* Find segment 'id' ("chapter:n"); archived ones only when 'archived_ok'. */
static int find_seg(seg_ctx *c, yk_project *p, const char *id, const char *lang, int archived_ok)
{
    char chapter[256];
    int n, rc;
    memset(c, 0, sizeof(*c));
    if ((rc = yk_segment_id_parse(chapter, &n, id)) < 0)
        return rc;
    rc = yk_store_segment_ref(p->store, chapter, n, lang, keep_seg, c);
    if (rc == YK_ENOTFOUND || (rc == YK_OK && c->archived && !archived_ok)) {
        seg_release(c);
        memset(c, 0, sizeof(*c));
        return yk_error_set(YK_ENOTFOUND, "no segment '%s' in this project%s", id,
                            rc == YK_OK ? " (it was archived)" : "");
    }
    return rc;
}

typedef struct holders {
    const char *user, *now;
    int mine_live, mine_stale;
    char other[256], other_expires[32];
    int other_live, other_batch;
    char stale_other[256];
} holders;

static int on_holder(const char *holder, const char *expires_at, int batch, void *payload)
{
    holders *h = payload;
    int live = !is_stale(expires_at, h->now);
    if (strcmp(holder, h->user) == 0) {
        if (live)
            h->mine_live = 1;
        else
            h->mine_stale = 1;
    } else if (live && !h->other_live) {
        h->other_live = 1;
        h->other_batch = batch;
        snprintf(h->other, sizeof(h->other), "%s", holder);
        snprintf(h->other_expires, sizeof(h->other_expires), "%s", expires_at);
    } else if (!live && !h->stale_other[0]) {
        snprintf(h->stale_other, sizeof(h->stale_other), "%s", holder);
    }
    return 0;
}

int yk_authorize_translate(yk_project *p, const char *id, const char *lang)
{
    char norm[36], now[32];
    yk_role role;
    seg_ctx c;
    holders h;
    int rc;

    if ((rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if ((rc = yk_member_role(&role, p, NULL)) < 0)
        return rc;
    if (role == YK_ROLE_NONE)
        return yk_require_role(p, YK_ROLE_TRANSLATOR, "translating");
    if ((rc = find_seg(&c, p, id, norm, 0)) < 0)
        return rc;
    if (role >= YK_ROLE_EDITOR)
        goto done; /* editors and maintainers may edit anywhere */
    fmt_time(now, clock_now());
    memset(&h, 0, sizeof(h));
    h.user = yk_core_user(p);
    h.now = now;
    if ((rc = yk_store_segment_holders(p->store, c.id, norm, on_holder, &h)) < 0)
        goto done;
    if (h.mine_live)
        goto done;
    if (h.other_live)
        rc = yk_error_set(YK_ECONFLICT,
                          "'%s' (%s) is claimed by %s (%s, until %.10s); ask them or a "
                          "maintainer: yaku assign %s --lang %s --to %s",
                          id, norm, h.other, h.other_batch ? "a --next batch" : "chapter claim",
                          h.other_expires, c.chapter, norm, yk_core_user(p));
    else if (h.mine_stale)
        rc = yk_error_set(YK_EPERM,
                          "your claim on '%s' (%s) has expired; renew it: yaku claim %s --lang %s",
                          id, norm, c.chapter, norm);
    else
        rc = yk_error_set(YK_EPERM,
                          "'%s' (%s) is not claimed by you%s%s%s; claim it first: yaku claim %s "
                          "--lang %s (or yaku claim --next N --lang %s)",
                          id, norm, h.stale_other[0] ? " (an expired claim of " : "",
                          h.stale_other, h.stale_other[0] ? ")" : "", c.chapter, norm, norm);
done:
    seg_release(&c);
    return rc;
}

/* ---- review ---- */

static int may_review(yk_project *p, const seg_ctx *c, const char *lang, const char *id)
{
    yk_role role;
    char now[32], *reviewer = NULL;
    int rc;
    if ((rc = yk_member_role(&role, p, NULL)) < 0)
        return rc;
    if (role >= YK_ROLE_EDITOR)
        return YK_OK;
    if (role == YK_ROLE_NONE)
        return yk_require_role(p, YK_ROLE_EDITOR, "reviewing");
    fmt_time(now, clock_now());
    if ((rc = yk_store_chapter_reviewer(&reviewer, p->store, c->chapter_id, lang, now)) < 0)
        return rc;
    if (reviewer && strcmp(reviewer, yk_core_user(p)) == 0)
        rc = YK_OK;
    else if (reviewer)
        rc = yk_error_set(YK_EPERM,
                          "reviewing '%s' (%s) needs the editor role or the reviewer claim on "
                          "'%s', which %s holds; ask them or a maintainer: yaku assign %s --lang "
                          "%s --to %s --role reviewer",
                          id, lang, c->chapter, reviewer, c->chapter, lang, yk_core_user(p));
    else
        rc = yk_error_set(YK_EPERM,
                          "reviewing '%s' (%s) needs the editor role or a reviewer claim on "
                          "'%s'; ask a maintainer: yaku assign %s --lang %s --to %s --role "
                          "reviewer",
                          id, lang, c->chapter, c->chapter, lang, yk_core_user(p));
    free(reviewer);
    return rc;
}

int yk_review_approve(yk_project *p, const char *id, const char *lang)
{
    char norm[36], now[32];
    seg_ctx c;
    int rc;
    if ((rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if ((rc = yk_require_role(p, YK_ROLE_TRANSLATOR, "reviewing")) < 0)
        return rc;
    if ((rc = find_seg(&c, p, id, norm, 0)) < 0)
        return rc;
    if ((rc = may_review(p, &c, norm, id)) < 0)
        goto done;
    if (strcmp(c.state, "reviewed") == 0)
        goto done;
    if (strcmp(c.state, "translated") != 0) {
        rc = yk_error_set(YK_ECONFLICT, "'%s' (%s) is %s; only translated segments can be approved",
                          id, norm, c.state);
        goto done;
    }
    yk_core_now(now);
    rc = yk_store_translation_state(NULL, p->store, c.id, norm, "reviewed", yk_core_user(p), now,
                                    "review-approve", NULL);
done:
    seg_release(&c);
    return rc;
}

int yk_review_reject(yk_project *p, const char *id, const char *lang, const char *note)
{
    char norm[36], now[32];
    seg_ctx c;
    int rc, rev;
    if ((rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if (!note || !*note)
        return yk_error_set(YK_EINVAL, "a rejection needs a note for the translator (--note TEXT)");
    if ((rc = yk_require_role(p, YK_ROLE_TRANSLATOR, "reviewing")) < 0)
        return rc;
    if ((rc = find_seg(&c, p, id, norm, 0)) < 0)
        return rc;
    if ((rc = may_review(p, &c, norm, id)) < 0)
        goto done;
    if (strcmp(c.state, "new") == 0) {
        rc = yk_error_set(YK_ECONFLICT, "'%s' (%s) has no translation to reject", id, norm);
        goto done;
    }
    yk_core_now(now);
    if ((rc = yk_store_translation_state(&rev, p->store, c.id, norm, "fuzzy", yk_core_user(p), now,
                                         "review-reject", note)) < 0)
        goto done;
    rc = yk_store_review_note_set(p->store, c.id, norm, rev, note, yk_core_user(p), now);
done:
    seg_release(&c);
    return rc;
}

typedef struct note_ctx {
    char *text;
} note_ctx;

static int keep_note(const char *note, const char *who, const char *at, void *payload)
{
    note_ctx *n = payload;
    yk_buf b = YK_BUF_INIT;
    yk_buf_printf(&b, "%s (%s, %.10s)", note, who, at);
    n->text = yk_buf_detach(&b, NULL);
    return 0;
}

int yk_review_note(char **out, yk_project *p, const char *id, const char *lang)
{
    char norm[36];
    note_ctx n = {NULL};
    seg_ctx c;
    int rc;
    *out = NULL;
    if ((rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if ((rc = find_seg(&c, p, id, norm, 1)) < 0)
        return rc;
    rc = yk_store_review_note(p->store, c.id, norm, keep_note, &n);
    seg_release(&c);
    if (rc == YK_ENOTFOUND)
        rc = YK_OK;
    *out = n.text;
    return rc;
}

/* ---- history ---- */

typedef struct history_walk {
    int (*fn)(const yk_history_entry *h, void *payload);
    void *payload;
    const char *id;
} history_walk;

static int history_row(const yk_store_history_row *r, void *payload)
{
    history_walk *w = payload;
    yk_history_entry h;
    h.segment = w->id;
    h.lang = r->lang;
    h.revision = r->revision;
    h.state = r->state;
    h.target = r->target;
    h.who = r->who;
    h.at = r->at;
    h.action = r->action;
    h.note = r->note;
    return w->fn(&h, w->payload);
}

int yk_history_foreach(yk_project *p, const char *id, const char *lang,
                       int (*fn)(const yk_history_entry *h, void *payload), void *payload)
{
    char norm[36];
    history_walk w;
    seg_ctx c;
    int rc;
    if (lang && (rc = target_lang(norm, p, lang)) < 0)
        return rc;
    if ((rc = find_seg(&c, p, id, lang ? norm : NULL, 1)) < 0)
        return rc;
    w.fn = fn;
    w.payload = payload;
    w.id = id;
    rc = yk_store_history(p->store, c.id, lang ? norm : NULL, history_row, &w);
    seg_release(&c);
    return rc;
}
