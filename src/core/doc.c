/*
 * The parsed document: block and segment bookkeeping, its arena, and the
 * prefix re-insertion that makes a rebuild byte-exact.
 */
#include "core/doc.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

typedef struct yk_arena_chunk {
    struct yk_arena_chunk *next;
    size_t used, size;
    _Alignas(max_align_t) char data[];
} yk_arena_chunk;

yk_doc *yk_doc_new(const char *src, size_t len)
{
    yk_doc *doc = yk_xcalloc(1, sizeof(*doc));
    doc->src = src;
    doc->src_len = len;
    return doc;
}

void yk_doc_free(yk_doc *doc)
{
    yk_arena_chunk *c, *next;
    if (!doc)
        return;
    for (c = doc->arena; c; c = next) {
        next = c->next;
        free(c);
    }
    free(doc->blocks);
    free(doc->segs);
    free(doc);
}

void *yk_doc_alloc(yk_doc *doc, size_t n)
{
    yk_arena_chunk *c = doc->arena;
    size_t align = _Alignof(max_align_t);
    void *p;

    n = (n + align - 1) & ~(align - 1);
    if (!c || c->size - c->used < n) {
        size_t size = n > 65536 ? n : 65536;
        c = yk_xmalloc(sizeof(*c) + size);
        c->used = 0;
        c->size = size;
        c->next = doc->arena;
        doc->arena = c;
    }
    p = c->data + c->used;
    c->used += n;
    return p;
}

char *yk_doc_strndup(yk_doc *doc, const char *s, size_t n)
{
    char *p = yk_doc_alloc(doc, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

size_t yk_doc_add_block(yk_doc *doc, const yk_doc_block *block)
{
    yk_doc_block *b;
    doc->blocks = yk_xgrow(doc->blocks, &doc->blocks_cap, doc->nblocks + 1, sizeof(*b));
    b = &doc->blocks[doc->nblocks];
    *b = *block;
    b->first_seg = doc->nsegs;
    b->nsegs = 0;
    return doc->nblocks++;
}

void yk_doc_add_seg(yk_doc *doc, size_t b, size_t off, size_t len)
{
    yk_doc_seg *s;
    if (b + 1 != doc->nblocks)
        YK_BUG("segments must be added to the last block");
    doc->segs = yk_xgrow(doc->segs, &doc->segs_cap, doc->nsegs + 1, sizeof(*s));
    s = &doc->segs[doc->nsegs++];
    s->block = b;
    s->off = off;
    s->len = len;
    doc->blocks[b].nsegs++;
}

size_t yk_doc_add_block_lines(yk_doc *doc, size_t start, size_t end, const size_t *prefix_lens,
                              size_t nprefix_lens, yk_block_kind kind, yk_encoding enc, int line)
{
    yk_doc_block b;
    const char *s = doc->src;
    char *text;
    size_t i, k = 0, t = 0;

    memset(&b, 0, sizeof(b));
    b.src_start = start;
    b.src_end = end;
    b.kind = kind;
    b.encoding = enc;
    b.line = line;
    if (nprefix_lens == 0) {
        b.text = s + start;
        b.text_len = end - start;
        return yk_doc_add_block(doc, &b);
    }
    text = yk_doc_alloc(doc, end - start);
    b.prefixes = yk_doc_alloc(doc, nprefix_lens * sizeof(*b.prefixes));
    for (i = start; i < end; i++) {
        text[t++] = s[i];
        if (s[i] == '\n' && k < nprefix_lens) {
            size_t n = prefix_lens[k];
            if (n > end - i - 1)
                n = end - i - 1;
            b.prefixes[k].ptr = s + i + 1;
            b.prefixes[k].len = n;
            k++;
            i += n;
        }
    }
    b.text = text;
    b.text_len = t;
    b.nprefixes = k;
    return yk_doc_add_block(doc, &b);
}

void yk_doc_block_render(yk_buf *out, const yk_doc_block *block, const char *text, size_t len)
{
    size_t i, start = 0, k = 0;
    const yk_slice *p;
    if (block->nprefixes == 0) { /* most blocks: the text as it is */
        yk_buf_put(out, text, len);
        return;
    }
    for (i = 0; i < len; i++) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl)
            break;
        i = (size_t)(nl - text);
        yk_buf_put(out, text + start, i + 1 - start);
        start = i + 1;
        p = &block->prefixes[k < block->nprefixes ? k : block->nprefixes - 1];
        yk_buf_put(out, p->ptr, p->len);
        k++;
    }
    yk_buf_put(out, text + start, len - start);
}

int yk_doc_block_is_decoded(const yk_doc_block *block)
{
    return block->encoding == YK_ENC_PO_MSGSTR || block->encoding == YK_ENC_PO_HEADER;
}

/* Whether block b, rendered (into scratch), gives its source range back. */
static int renders_back(const yk_doc *doc, const yk_doc_block *b, yk_buf *scratch)
{
    size_t len = b->src_end - b->src_start;
    /* A text that is the source range itself renders back to itself: most
     * blocks, and rendering them to compare was two thirds of reading a
     * stored document back. */
    if (b->nprefixes == 0 && b->text == doc->src + b->src_start && b->text_len == len)
        return 1;
    yk_buf_clear(scratch);
    yk_doc_block_render(scratch, b, b->text, b->text_len);
    return scratch->len == len && memcmp(scratch->buf, doc->src + b->src_start, len) == 0;
}

int yk_doc_verify(const yk_doc *doc)
{
    size_t i, pos = 0;
    yk_buf out = YK_BUF_INIT;
    int rc = YK_OK;

    for (i = 0; i < doc->nblocks && rc == YK_OK; i++) {
        const yk_doc_block *b = &doc->blocks[i];
        size_t j, segpos = 0;
        if (b->src_start < pos || b->src_end < b->src_start || b->src_end > doc->src_len) {
            rc = yk_error_set(YK_ERROR, "block %zu range %zu-%zu out of order", i, b->src_start,
                              b->src_end);
            break;
        }
        pos = b->src_end;
        if (yk_doc_block_is_decoded(b) && b->nprefixes != 0)
            rc = yk_error_set(YK_ERROR, "decoded block %zu (line %d) has prefixes", i, b->line);
        else if (!yk_doc_block_is_decoded(b) && !renders_back(doc, b, &out))
            rc = yk_error_set(YK_ERROR, "block %zu (line %d) does not render back to its source",
                              i, b->line);
        for (j = b->first_seg; j < b->first_seg + b->nsegs && rc == YK_OK; j++) {
            const yk_doc_seg *s = &doc->segs[j];
            if (s->block != i || s->off < segpos || s->off + s->len > b->text_len || s->len == 0)
                rc = yk_error_set(YK_ERROR, "segment %zu of block %zu out of range", j, i);
            segpos = s->off + s->len;
        }
    }
    yk_buf_release(&out);
    return rc;
}
