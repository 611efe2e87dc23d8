/*
 * Records by id for the in-memory store (accounts and requests): a slot
 * array of 32-byte records and an open-addressing hash index.  Records are
 * never removed (a cancelled account stays on record), so the index needs
 * no tombstones and a slot number never changes, which lets the due heap
 * name an account by its slot.
 *
 * Growth is split from writing: *_reserve() makes room (a larger array or
 * index, which changes nothing a reader can see) and may fail; the writes
 * that follow cannot fail.  That is how a commit is all or nothing.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "store/memory_internal.h"

#define RECS_MIN 64u
#define CELLS_MIN 128u
#define BLOB_ROUND 16u

uint32_t bpacct__mem_hash(const char *s, size_t n)
{
	/* FNV-1a, then a multiply-xorshift finish: ids like "A000123" differ
	 * in their last bytes, which FNV alone spreads poorly into the low
	 * bits the index uses. */
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < n; i++) {
		h ^= (uint8_t)s[i];
		h *= 0x100000001b3u;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	return (uint32_t)h;
}

uint32_t bpacct__mem_cells_probe(const uint64_t *cells, uint32_t ncells,
				 uint32_t hash, uint32_t *io_pos)
{
	/* Load ≤ 1/2 guarantees an empty cell, so the loop ends. */
	for (;;) {
		uint64_t c = cells[*io_pos];

		*io_pos = (*io_pos + 1) & (ncells - 1);
		if (c == 0)
			return BPACCT__MEM_NONE;
		if ((uint32_t)(c >> 32) == hash)
			return (uint32_t)c - 1;
	}
}

void bpacct__mem_cells_add(uint64_t *cells, uint32_t ncells, uint32_t hash,
			   uint32_t slot)
{
	uint32_t pos = hash & (ncells - 1);

	while (cells[pos] != 0)
		pos = (pos + 1) & (ncells - 1);
	cells[pos] = ((uint64_t)hash << 32) | ((uint64_t)slot + 1);
}

int bpacct__mem_cells_grow(uint64_t **cells, uint32_t *ncells,
			   uint32_t want, const bpacct__alloc *a)
{
	uint32_t n = *ncells ? *ncells : CELLS_MIN;
	uint64_t *fresh;

	if (want > UINT32_MAX / 4)
		return BPACCT_ENOMEM;
	while (n < 2 * want)
		n *= 2;
	if (n == *ncells)
		return BPACCT_OK;
	fresh = bpacct__alloc_mem(a, (size_t)n * sizeof *fresh);
	if (!fresh)
		return BPACCT_ENOMEM;
	memset(fresh, 0, (size_t)n * sizeof *fresh);
	/* A cell keeps its hash, so moving it needs no record. */
	for (uint32_t i = 0; i < *ncells; i++) {
		uint64_t c = (*cells)[i];
		if (c != 0)
			bpacct__mem_cells_add(fresh, n, (uint32_t)(c >> 32),
					      (uint32_t)c - 1);
	}
	bpacct__free_mem(a, *cells);
	*cells = fresh;
	*ncells = n;
	return BPACCT_OK;
}

uint32_t bpacct__mem_find(const bpacct__mem_table *t, const char *id,
			  size_t n, uint32_t hash)
{
	uint32_t pos;

	if (t->ncells == 0)
		return BPACCT__MEM_NONE;
	pos = hash & (t->ncells - 1);
	for (;;) {
		uint32_t slot = bpacct__mem_cells_probe(t->cells, t->ncells,
							hash, &pos);

		if (slot == BPACCT__MEM_NONE)
			return slot;
		if (memcmp(t->recs[slot].blob, id, n) == 0 &&
		    t->recs[slot].blob[n] == '\0')
			return slot;
	}
}

uint32_t bpacct__mem_lookup(bpacct__mem_table *t, const char *id, size_t n,
			    uint32_t *out_hash)
{
	if (n == t->last_n && memcmp(t->last_id, id, n) == 0 &&
	    (t->last_slot != BPACCT__MEM_NONE || t->last_count == t->count)) {
		*out_hash = t->last_hash;
		return t->last_slot;
	}
	*out_hash = bpacct__mem_hash(id, n);
	t->last_slot = bpacct__mem_find(t, id, n, *out_hash);
	t->last_hash = *out_hash;
	t->last_count = t->count;
	memcpy(t->last_id, id, n);
	t->last_n = n;
	return t->last_slot;
}

/* Grows the slot array to hold `want` records. */
static int grow_recs(bpacct__mem_table *t, const bpacct__alloc *a,
		     uint32_t want)
{
	uint32_t n = t->cap ? t->cap : RECS_MIN;
	bpacct__mem_rec *fresh;

	if (want <= t->cap)
		return BPACCT_OK;
	while (n < want) {
		if (n > UINT32_MAX / 2)
			return BPACCT_ENOMEM;
		n *= 2;
	}
	fresh = bpacct__alloc_mem(a, (size_t)n * sizeof *fresh);
	if (!fresh)
		return BPACCT_ENOMEM;
	if (t->count)
		memcpy(fresh, t->recs, (size_t)t->count * sizeof *fresh);
	bpacct__free_mem(a, t->recs);
	t->recs = fresh;
	t->cap = n;
	return BPACCT_OK;
}

int bpacct__mem_table_reserve(bpacct__mem_table *t, const bpacct__alloc *a,
			      uint32_t extra)
{
	uint32_t want;
	int rc;

	if (extra > UINT32_MAX / 4 - t->count)
		return BPACCT_ENOMEM;
	want = t->count + extra;
	rc = grow_recs(t, a, want);
	if (rc == BPACCT_OK)
		rc = bpacct__mem_cells_grow(&t->cells, &t->ncells, want, a);
	return rc;
}

uint8_t *bpacct__mem_blob_new(const bpacct__alloc *a, size_t need,
			      size_t slack, uint16_t *out_cap)
{
	size_t cap = (need + slack + BLOB_ROUND - 1) &
		     ~(size_t)(BLOB_ROUND - 1);
	uint8_t *p;

	if (cap > UINT16_MAX)
		return NULL;
	p = bpacct__alloc_mem(a, cap);
	if (p)
		*out_cap = (uint16_t)cap;
	return p;
}

uint32_t bpacct__mem_put(bpacct__mem_table *t, const bpacct__alloc *a,
			 uint32_t slot, uint32_t hash, uint8_t *blob,
			 uint16_t cap, const char *id, size_t n,
			 const uint8_t *record, size_t len)
{
	bpacct__mem_rec *r;

	if (slot == BPACCT__MEM_NONE) {
		slot = t->count++;
		r = &t->recs[slot];
		memset(r, 0, sizeof *r);
		r->next_due = BPACCT_INSTANT_NONE;
		bpacct__mem_cells_add(t->cells, t->ncells, hash, slot);
	}
	r = &t->recs[slot];
	if (blob) {
		t->blob_bytes += cap;
		if (r->blob) {
			t->blob_bytes -= r->cap;
			bpacct__free_mem(a, r->blob);
		}
		r->blob = blob;
		r->cap = cap;
	}
	memcpy(r->blob, id, n);
	r->blob[n] = '\0';
	memcpy(r->blob + n + 1, record, len);
	r->len = (uint16_t)len;
	return slot;
}

const uint8_t *bpacct__mem_record(const bpacct__mem_rec *r, size_t *out_len)
{
	*out_len = r->len;
	return r->blob + strlen((const char *)r->blob) + 1;
}

uint64_t bpacct__mem_table_bytes(const bpacct__mem_table *t)
{
	return (uint64_t)t->cap * sizeof *t->recs +
	       (uint64_t)t->ncells * sizeof *t->cells + t->blob_bytes;
}

void bpacct__mem_table_free(bpacct__mem_table *t, const bpacct__alloc *a)
{
	for (uint32_t i = 0; i < t->count; i++)
		bpacct__free_mem(a, t->recs[i].blob);
	bpacct__free_mem(a, t->recs);
	bpacct__free_mem(a, t->cells);
	memset(t, 0, sizeof *t);
}
