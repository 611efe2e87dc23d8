/*
 * The outbox and the audit of the in-memory store.  Both are append-only,
 * so their bytes live in an arena of large chunks (one allocation per
 * 64 KiB instead of one per entry, and no per-block overhead); the lists
 * (in fixed blocks, never copied) hold pointers into it.
 *
 * The outbox keeps delivered notices (flagged, with their key in the key
 * index) so that marking one again is not an error and a notice committed
 * again under the same key is recognised; outbox() starts at the first
 * undelivered notice, so it costs O(pending window), not O(history).
 */
#include <string.h>

#include "bpacct/errors.h"
#include "store/memory_internal.h"

#define CHUNK_MIN ((size_t)64 * 1024)
#define DIR_MIN 16u

/* Makes room for `bytes` more in the newest chunk.  A chunk added here
 * and left empty by a failed commit is simply used by the next one. */
static int arena_reserve(bpacct__mem_log *l, const bpacct__alloc *a,
			 size_t bytes)
{
	bpacct__mem_chunk *c = l->chunks;
	size_t cap = bytes > CHUNK_MIN ? bytes : CHUNK_MIN;

	if (c && c->cap - c->used >= bytes)
		return BPACCT_OK;
	c = bpacct__alloc_mem(a, sizeof *c + cap);
	if (!c)
		return BPACCT_ENOMEM;
	c->cap = cap;
	c->used = 0;
	c->next = l->chunks;
	l->chunks = c;
	return BPACCT_OK;
}

static uint8_t *arena_put(bpacct__mem_log *l, const void *p, size_t n,
			  const void *q, size_t m)
{
	bpacct__mem_chunk *c = l->chunks;
	uint8_t *at = c->data + c->used;

	memcpy(at, p, n);
	if (m)
		memcpy(at + n, q, m);
	c->used += n + m;
	return at;
}

/* Makes room for `extra` more items of `size` bytes. */
static int list_reserve(bpacct__mem_list *l, const bpacct__alloc *a,
			uint32_t extra, size_t size)
{
	uint32_t need = (uint32_t)(((uint64_t)l->count + extra +
				    BPACCT__MEM_BLOCK - 1) / BPACCT__MEM_BLOCK);

	if (need > l->dir_cap) {
		uint32_t n = l->dir_cap ? l->dir_cap * 2 : DIR_MIN;
		uint8_t **dir;

		while (n < need)
			n *= 2;
		dir = bpacct__alloc_mem(a, (size_t)n * sizeof *dir);
		if (!dir)
			return BPACCT_ENOMEM;
		if (l->nblocks)
			memcpy(dir, l->blocks, l->nblocks * sizeof *dir);
		bpacct__free_mem(a, l->blocks);
		l->blocks = dir;
		l->dir_cap = n;
	}
	while (l->nblocks < need) {
		uint8_t *b = bpacct__alloc_mem(a, BPACCT__MEM_BLOCK * size);
		if (!b)
			return BPACCT_ENOMEM;
		l->blocks[l->nblocks++] = b;
	}
	return BPACCT_OK;
}

static void list_free(bpacct__mem_list *l, const bpacct__alloc *a)
{
	for (uint32_t i = 0; i < l->nblocks; i++)
		bpacct__free_mem(a, l->blocks[i]);
	bpacct__free_mem(a, l->blocks);
}

int bpacct__mem_log_reserve(bpacct__mem_log *l, const bpacct__alloc *a,
			    uint32_t notices, uint32_t audits, size_t bytes)
{
	int rc = BPACCT_OK;

	if (notices > UINT32_MAX / 4 - l->notices.count ||
	    audits > UINT32_MAX / 2 - l->audit.count)
		return BPACCT_ENOMEM;
	if (notices) {
		rc = list_reserve(&l->notices, a, notices,
				  sizeof(bpacct__mem_notice));
		if (rc == BPACCT_OK)
			rc = bpacct__mem_cells_grow(&l->cells, &l->ncells,
						    l->notices.count + notices,
						    a);
	}
	if (rc == BPACCT_OK && audits)
		rc = list_reserve(&l->audit, a, audits,
				  sizeof(bpacct__mem_audit));
	if (rc == BPACCT_OK && bytes)
		rc = arena_reserve(l, a, bytes);
	return rc;
}

uint32_t bpacct__mem_log_find(const bpacct__mem_log *l, const char *key,
			      size_t n)
{
	uint32_t hash = bpacct__mem_hash(key, n), pos;

	if (l->ncells == 0)
		return BPACCT__MEM_NONE;
	pos = hash & (l->ncells - 1);
	for (;;) {
		uint32_t i = bpacct__mem_cells_probe(l->cells, l->ncells, hash,
						     &pos);
		const bpacct__mem_notice *e;

		if (i == BPACCT__MEM_NONE)
			return i;
		e = bpacct__mem_notice_at(l, i);
		if (e->key_len == n && memcmp(e->bytes, key, n) == 0)
			return i;
	}
}

void bpacct__mem_log_notice(bpacct__mem_log *l, const char *key, size_t n,
			    const uint8_t *record, size_t len)
{
	bpacct__mem_notice *e = bpacct__mem_notice_at(l, l->notices.count);

	e->bytes = arena_put(l, key, n, record, len);
	e->len = (uint32_t)len;
	e->key_len = (uint16_t)n;
	e->delivered = 0;
	bpacct__mem_cells_add(l->cells, l->ncells, bpacct__mem_hash(key, n),
			      l->notices.count);
	l->notices.count++;
	l->pending++;
}

void bpacct__mem_log_audit(bpacct__mem_log *l, const uint8_t *record,
			   size_t len)
{
	bpacct__mem_audit *e = bpacct__mem_audit_at(l, l->audit.count++);

	e->bytes = arena_put(l, record, len, NULL, 0);
	e->len = (uint32_t)len;
}

int bpacct__mem_log_outbox(const bpacct__mem_log *l, uint32_t max,
			   bpacct__mem_emit_entry emit, void *ctx)
{
	uint32_t listed = 0;

	for (uint32_t i = l->first_pending; i < l->notices.count && listed < max;
	     i++) {
		const bpacct__mem_notice *e = bpacct__mem_notice_at(l, i);
		int rc;

		if (e->delivered)
			continue;
		rc = emit(ctx, e->bytes + e->key_len, e->len);
		if (rc != BPACCT_OK)
			return rc;
		listed++;
	}
	return BPACCT_OK;
}

void bpacct__mem_log_delivered(bpacct__mem_log *l, uint32_t index)
{
	bpacct__mem_notice *e = bpacct__mem_notice_at(l, index);

	if (e->delivered)
		return; /* idempotent */
	e->delivered = 1;
	l->pending--;
	while (l->first_pending < l->notices.count &&
	       bpacct__mem_notice_at(l, l->first_pending)->delivered)
		l->first_pending++;
}

void bpacct__mem_log_free(bpacct__mem_log *l, const bpacct__alloc *a)
{
	bpacct__mem_chunk *c = l->chunks;

	while (c) {
		bpacct__mem_chunk *next = c->next;
		bpacct__free_mem(a, c);
		c = next;
	}
	list_free(&l->notices, a);
	bpacct__free_mem(a, l->cells);
	list_free(&l->audit, a);
	memset(l, 0, sizeof *l);
}
