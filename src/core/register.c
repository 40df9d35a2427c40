/*
 * Registering a parsed document, and re-registering a changed one without
 * losing work: the new segment list is aligned with the stored one.
 *
 * Alignment: identical texts are matched in order (each new segment takes
 * the first unused stored segment with the same text after the previous
 * match), giving anchors.  Between two anchors, leftover stored and new
 * segments are paired in order when they are similar enough (character
 * bigram overlap), which is how an edited sentence keeps its id and its
 * translation (marked fuzzy).  Stored segments left over are archived and
 * new ones numbered after the chapter's last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "util/xalloc.h"

typedef struct old_seg {
    int64_t id;
    char *source;
    size_t len;
    uint64_t hash;
    long match; /* index of the new segment it went to, or -1 */
} old_seg;

typedef struct old_list {
    old_seg *v;
    size_t n, cap;
} old_list;

static uint64_t hash_text(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static int collect_old(const yk_store_segment *s, void *payload)
{
    old_list *l = payload;
    old_seg *o;
    l->v = yk_xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
    o = &l->v[l->n++];
    o->id = s->id;
    o->len = strlen(s->source);
    o->source = yk_xstrndup(s->source, o->len);
    o->hash = hash_text(o->source, o->len);
    o->match = -1;
    return 0;
}

/* Sorted in place: insertion sort when short, else two counting passes
 * (low byte, then high byte) through tmp, which has room for n.  qsort with
 * a comparator was a tenth of re-adding a changed corpus: every changed
 * segment is compared with up to 8 candidates, both sides sorted each time. */
static void sort_u16(unsigned short *v, unsigned short *tmp, size_t n)
{
    size_t count[256], i, sum;
    int pass;
    if (n < 48) {
        for (i = 1; i < n; i++) {
            unsigned short x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--)
                v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    for (pass = 0; pass < 2; pass++) {
        unsigned short *from = pass ? tmp : v, *to = pass ? v : tmp;
        int shift = pass * 8;
        memset(count, 0, sizeof(count));
        for (i = 0; i < n; i++)
            count[(from[i] >> shift) & 0xFF]++;
        for (i = 0, sum = 0; i < 256; i++) {
            size_t c = count[i];
            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            to[count[(from[i] >> shift) & 0xFF]++] = from[i];
    }
}

static unsigned short *bigrams(const char *s, size_t n)
{
    /* the second half is sort_u16's scratch */
    unsigned short *v = yk_xmalloc(2 * (n - 1) * sizeof(*v));
    size_t i;
    for (i = 0; i + 1 < n; i++)
        v[i] = (unsigned short)(((unsigned char)s[i] << 8) | (unsigned char)s[i + 1]);
    sort_u16(v, v + (n - 1), n - 1);
    return v;
}

/* Dice coefficient over byte bigrams, good enough to tell an edited
 * sentence from an unrelated one in any script. */
static double similarity(const char *a, size_t na, const char *b, size_t nb)
{
    unsigned short *va, *vb;
    size_t i = 0, j = 0, common = 0;
    if (na < 2 || nb < 2)
        return (na == nb && memcmp(a, b, na) == 0) ? 1.0 : 0.0;
    va = bigrams(a, na);
    vb = bigrams(b, nb);
    while (i < na - 1 && j < nb - 1) {
        if (va[i] == vb[j]) {
            common++;
            i++;
            j++;
        } else if (va[i] < vb[j]) {
            i++;
        } else {
            j++;
        }
    }
    free(va);
    free(vb);
    return 2.0 * (double)common / (double)((na - 1) + (nb - 1));
}

/* Open-addressing table from text hash to the stored segments with that
 * hash, in document order. */
typedef struct bucket {
    uint64_t hash;
    size_t *idx; /* indexes into old_list, ascending */
    size_t n, cap, next; /* next: first candidate not yet passed */
} bucket;

static bucket *table_build(const old_list *old, size_t *size_out)
{
    size_t size = 16, i;
    bucket *t;
    while (size < old->n * 2)
        size *= 2;
    t = yk_xcalloc(size, sizeof(*t));
    for (i = 0; i < old->n; i++) {
        size_t h = (size_t)old->v[i].hash & (size - 1);
        while (t[h].idx && t[h].hash != old->v[i].hash)
            h = (h + 1) & (size - 1);
        t[h].hash = old->v[i].hash;
        t[h].idx = yk_xgrow(t[h].idx, &t[h].cap, t[h].n + 1, sizeof(size_t));
        t[h].idx[t[h].n++] = i;
    }
    *size_out = size;
    return t;
}

static bucket *table_find(bucket *t, size_t size, uint64_t hash)
{
    size_t h = (size_t)hash & (size - 1);
    while (t[h].idx) {
        if (t[h].hash == hash)
            return &t[h];
        h = (h + 1) & (size - 1);
    }
    return NULL;
}

typedef struct doc_found {
    int found;
    int64_t id, chapter_id;
    int same;
    char chapter[256];
} doc_found;

typedef struct doc_probe {
    const yk_core_document *doc;
    doc_found *out;
} doc_probe;

static int probe_document(const yk_store_document *d, void *payload)
{
    doc_probe *pr = payload;
    pr->out->found = 1;
    pr->out->id = d->id;
    pr->out->chapter_id = d->chapter_id;
    snprintf(pr->out->chapter, sizeof(pr->out->chapter), "%s", d->chapter);
    pr->out->same = d->content_len == pr->doc->content_len &&
                    memcmp(d->content, pr->doc->content, d->content_len) == 0 &&
                    strcmp(d->format, pr->doc->format) == 0 &&
                    strcmp(d->segment_mode, pr->doc->segment_mode) == 0 &&
                    strcmp(d->fm_keys ? d->fm_keys : "", pr->doc->fm_keys ? pr->doc->fm_keys : "") ==
                        0;
    /* The same bytes cut differently (the project's segmentation rules
     * changed) is a change too: the segments must follow.  A row without a
     * segment map predates them and cannot tell. */
    if (pr->out->same && d->segmap && pr->doc->segmap)
        pr->out->same = d->segmap_len == pr->doc->segmap_len &&
                        memcmp(d->segmap, pr->doc->segmap, d->segmap_len) == 0;
    return 0;
}

int yk_core_register(yk_add_result *out, yk_project *p, const yk_core_document *doc,
                     const yk_core_seg *segs, size_t nsegs)
{
    yk_store *s = p->store;
    yk_store_document row;
    doc_found found;
    doc_probe probe = {doc, &found};
    old_list old = {NULL, 0, 0}, archived = {NULL, 0, 0};
    bucket *table = NULL;
    size_t tsize = 0, i, j;
    long *new_match = NULL; /* new index -> old index or -1 */
    int64_t doc_id, chapter_id;
    char now[32], digest[17];
    int rc, next_n = 0;
    yk_store_new_segment pending[YK_STORE_SEGMENT_BATCH];
    size_t npending = 0;

    memset(out, 0, sizeof(*out));
    snprintf(out->path, sizeof(out->path), "%s", doc->path);
    memset(&found, 0, sizeof(found));
    rc = yk_store_document_get(s, doc->path, probe_document, &probe);
    if (rc < 0 && rc != YK_ENOTFOUND)
        return rc;
    yk_error_clear();
    if (found.found && doc->chapter_given && strcmp(doc->chapter, found.chapter) != 0)
        return yk_error_set(YK_EINVAL, "'%s' already belongs to chapter '%s', not '%s'", doc->path,
                            found.chapter, doc->chapter);
    snprintf(out->chapter, sizeof(out->chapter), "%s", found.found ? found.chapter : doc->chapter);
    if (found.found && found.same) {
        out->unchanged = 1;
        out->segments = nsegs;
        out->kept = nsegs;
        return YK_OK;
    }
    if (found.found)
        chapter_id = found.chapter_id;
    else if ((rc = yk_store_chapter_ensure(&chapter_id, s, doc->chapter)) < 0)
        return rc;

    yk_core_now(now);
    if (doc->digest)
        snprintf(digest, sizeof(digest), "%s", doc->digest);
    else
        yk_core_digest(digest, doc->content, doc->content_len);
    memset(&row, 0, sizeof(row));
    row.id = found.found ? found.id : 0;
    row.chapter_id = chapter_id;
    row.path = doc->path;
    row.format = doc->format;
    row.segment_mode = doc->segment_mode;
    row.fm_keys = doc->fm_keys;
    row.digest = digest;
    row.content = doc->content;
    row.content_len = doc->content_len;
    row.segmap = doc->segmap;
    row.segmap_len = doc->segmap_len;
    if ((rc = yk_store_document_put(&doc_id, s, &row, yk_core_user(p), now)) < 0)
        return rc;
    if (found.found && (rc = yk_store_document_segments(s, doc_id, collect_old, &old)) < 0)
        goto done;

    /* anchors: identical texts, in order.  A document seen for the first
     * time has nothing to align with: every segment is new. */
    new_match = yk_xmalloc((nsegs ? nsegs : 1) * sizeof(*new_match));
    for (j = 0; j < nsegs; j++)
        new_match[j] = -1;
    table = old.n ? table_build(&old, &tsize) : NULL;
    if (old.n) {
        long last = -1;
        for (j = 0; j < nsegs; j++) {
            bucket *b = table_find(table, tsize, hash_text(segs[j].text, segs[j].len));
            if (!b)
                continue;
            while (b->next < b->n && (long)b->idx[b->next] <= last)
                b->next++;
            for (i = b->next; i < b->n; i++) {
                old_seg *o = &old.v[b->idx[i]];
                if (o->match < 0 && o->len == segs[j].len &&
                    memcmp(o->source, segs[j].text, o->len) == 0) {
                    o->match = (long)j;
                    new_match[j] = (long)b->idx[i];
                    last = (long)b->idx[i];
                    b->next = i + 1;
                    break;
                }
            }
        }
    }
    /* between anchors: pair similar leftovers in order, looking at a
     * bounded window so a heavily rewritten document stays linear */
    if (old.n) {
        size_t oi = 0;
        for (j = 0; j < nsegs; j++) {
            size_t k, tried = 0;
            if (new_match[j] >= 0) {
                oi = (size_t)new_match[j] + 1;
                continue;
            }
            for (k = oi; k < old.n && old.v[k].match < 0 && tried < 8; k++, tried++) {
                if (similarity(old.v[k].source, old.v[k].len, segs[j].text, segs[j].len) >= 0.5) {
                    old.v[k].match = (long)j;
                    new_match[j] = (long)k;
                    oi = k + 1;
                    break;
                }
            }
        }
    }
    /* a sentence that comes back gets its archived id and translations */
    if (found.found && (rc = yk_store_document_archived(s, doc_id, collect_old, &archived)) < 0)
        goto done;

    for (j = 0; j < nsegs && rc == YK_OK; j++) {
        int ord = (int)j + 1;
        if (new_match[j] < 0) {
            size_t k;
            for (k = 0; k < archived.n; k++) {
                old_seg *a = &archived.v[k];
                if (a->match < 0 && a->len == segs[j].len &&
                    memcmp(a->source, segs[j].text, a->len) == 0) {
                    a->match = (long)j;
                    break;
                }
            }
            if (k < archived.n) {
                rc = yk_store_segment_restore(s, archived.v[k].id, ord, segs[j].kind,
                                              segs[j].line);
                out->restored++;
                continue;
            }
        }
        if (new_match[j] >= 0) {
            old_seg *o = &old.v[new_match[j]];
            if (o->len == segs[j].len && memcmp(o->source, segs[j].text, o->len) == 0) {
                rc = yk_store_segment_move(s, o->id, ord, segs[j].kind, segs[j].line);
                out->kept++;
            } else {
                rc = yk_store_segment_change_source(s, o->id, segs[j].text, segs[j].len, ord,
                                                    segs[j].kind, segs[j].line, yk_core_user(p), now);
                out->changed++;
            }
        } else {
            yk_store_new_segment *ns;
            if (next_n == 0 && (rc = yk_store_chapter_next_n(&next_n, s, chapter_id)) < 0)
                break;
            /* inserted in batches, in order: only the row numbers are
             * needed, and they follow next_n */
            ns = &pending[npending++];
            ns->n = next_n++;
            ns->ord = ord;
            ns->line = segs[j].line;
            ns->source = segs[j].text;
            ns->source_len = segs[j].len;
            ns->kind = segs[j].kind;
            if (npending == YK_STORE_SEGMENT_BATCH) {
                rc = yk_store_segments_insert(s, doc_id, chapter_id, pending, npending);
                npending = 0;
            }
            out->added++;
        }
    }
    if (rc == YK_OK && npending > 0)
        rc = yk_store_segments_insert(s, doc_id, chapter_id, pending, npending);
    if (rc == YK_OK && next_n > 0)
        rc = yk_store_chapter_set_next_n(s, chapter_id, next_n);
    for (i = 0; i < old.n && rc == YK_OK; i++) {
        if (old.v[i].match < 0) {
            rc = yk_store_segment_archive(s, old.v[i].id);
            out->archived++;
        }
    }
    out->segments = nsegs;
    /* this document's pages on their way to disk while the next is stored */
    yk_store_start_writeback(s);
done:
    for (i = 0; i < old.n; i++)
        free(old.v[i].source);
    free(old.v);
    for (i = 0; i < archived.n; i++)
        free(archived.v[i].source);
    free(archived.v);
    for (i = 0; i < tsize; i++)
        free(table[i].idx);
    free(table);
    free(new_match);
    return rc;
}
