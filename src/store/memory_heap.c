/*
 * The due-time index of the in-memory store: a 4-ary min-heap of
 * (due, slot, stamp) with lazy invalidation.
 *
 * When an account's next due changes, the store does not look for its old
 * entry (that would need a position map, 4 more bytes per account and a
 * write on every move); it bumps the account's stamp and pushes a new
 * entry.  An entry is valid while its stamp and due are still the
 * account's; stale ones are dropped when they reach the top, and the whole
 * heap is compacted in place when a quarter of it is stale and it is full.
 *
 * 4-ary, with each group of four siblings in one 64-byte cache line: a
 * pop from a million entries touches 10 lines instead of 20, and the pops
 * are what a sweep over a large store pays for.
 *
 * due() design.  The contract says due() lists, it does not consume: an
 * account stays due until a commit gives it a new next due, so a tick that
 * fails half-way (a store error, an allocation failure, a crash) loses no
 * deadline, and a retry finds the same accounts.  due() pops the earliest
 * valid entries with due ≤ at (at most max) and hands each account id to
 * the sink; each account has exactly one valid entry, so it is listed at
 * most once per call, in due order (ties by account id, as the SQL
 * stores order them, so that every store prints one stream alike).  The popped entries are PARKED in the array right after the
 * heap, not pushed back: the engine is about to commit a new next due for
 * most of them, which makes their entries stale, and a stale parked entry
 * is then dropped for free.  Before anything reads or reorders the heap
 * (the next due(), a compaction) the parked entries are settled: the ones
 * still valid (listed, not changed) go back into the heap, so they are
 * listed again by the next call, exactly as if due() had never popped
 * them.  Parking allocates nothing, so due() cannot fail for want of
 * memory; a sweep pays one pop per due account and O(s log n) for s stale
 * entries met, never O(accounts).
 *
 * Termination of a tick is the engine's side of the contract: it commits
 * a new next due for every account it processes (bpacct_account_next_due()
 * moves past `at` once the step ran), and stops asking when a batch made
 * no progress; what due() answers depends only on the stored accounts, so
 * two engines (or a retry after a failure) see the same answer.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "store/memory_internal.h"

#define HEAP_MIN 64u
#define LINE 64u

/* Earlier due first; equal dues by account id (the blob starts with it),
 * as the SQL stores' ORDER BY next_due, id; two entries of one account
 * (one stale) by stamp, compared as serial numbers. */
static int earlier(const bpacct__mem_due *x, const bpacct__mem_due *y,
		   const bpacct__mem_rec *recs)
{
	if (x->due != y->due)
		return x->due < y->due;
	if (x->slot != y->slot) {
		int c = strcmp((const char *)recs[x->slot].blob,
			   (const char *)recs[y->slot].blob);
		if (c != 0)
			return c < 0;
	}
	return (int32_t)(x->stamp - y->stamp) < 0;
}

static int valid(const bpacct__mem_due *e, const bpacct__mem_rec *recs)
{
	const bpacct__mem_rec *r = &recs[e->slot];
	return r->stamp == e->stamp && r->next_due == e->due;
}

static void sift_up(bpacct__mem_due *v, uint32_t i,
		    const bpacct__mem_rec *recs)
{
	bpacct__mem_due e = v[i];

	while (i > 0) {
		uint32_t parent = (i - 1) / 4;
		if (!earlier(&e, &v[parent], recs))
			break;
		v[i] = v[parent];
		i = parent;
	}
	v[i] = e;
}

static void sift_down(bpacct__mem_due *v, uint32_t n, uint32_t i,
		      const bpacct__mem_rec *recs)
{
	bpacct__mem_due e = v[i];

	for (;;) {
		uint32_t first = 4 * i + 1, end, c;
		if (first >= n)
			break;
		end = first + 4 < n ? first + 4 : n;
		c = first;
		for (uint32_t k = first + 1; k < end; k++)
			if (earlier(&v[k], &v[c], recs))
				c = k;
		if (!earlier(&v[c], &e, recs))
			break;
		v[i] = v[c];
		i = c;
	}
	v[i] = e;
}

/* Puts the parked entries that are still valid back into the heap and
 * forgets the others. */
static void settle(bpacct__mem_heap *h, const bpacct__mem_rec *recs)
{
	uint32_t end = h->len + h->parked;

	for (uint32_t k = h->len; k < end; k++) {
		if (!valid(&h->items[k], recs))
			continue;
		h->items[h->len] = h->items[k]; /* len ≤ k: nothing lost */
		sift_up(h->items, h->len, recs);
		h->len++;
	}
	h->parked = 0;
}

/* Drops every stale entry and rebuilds the heap, in place. */
static void compact(bpacct__mem_heap *h, const bpacct__mem_rec *recs)
{
	uint32_t j = 0, n = h->len + h->parked;

	for (uint32_t i = 0; i < n; i++) {
		if (valid(&h->items[i], recs))
			h->items[j++] = h->items[i];
	}
	h->len = j;
	h->parked = 0;
	for (uint32_t i = j / 4 + 1; i-- > 0;)
		sift_down(h->items, j, i, recs);
}

/* Allocates room for n entries placed so that items[1 + 4k .. 4 + 4k],
 * the children of entry k, share one cache line. */
static int grow(bpacct__mem_heap *h, const bpacct__alloc *a, uint32_t n)
{
	uint8_t *raw = bpacct__alloc_mem(a, (size_t)n * sizeof *h->items +
					     LINE);
	size_t skip;

	if (!raw)
		return BPACCT_ENOMEM;
	skip = (LINE - ((uintptr_t)raw + sizeof *h->items) % LINE) % LINE;
	if (h->len + h->parked)
		memcpy(raw + skip, h->items,
		       (size_t)(h->len + h->parked) * sizeof *h->items);
	bpacct__free_mem(a, h->raw);
	h->raw = raw;
	h->items = (bpacct__mem_due *)(void *)(raw + skip);
	h->cap = n;
	return BPACCT_OK;
}

int bpacct__mem_heap_reserve(bpacct__mem_heap *h, const bpacct__alloc *a,
			     const bpacct__mem_rec *recs)
{
	uint32_t used = h->len + h->parked;

	if (used < h->cap)
		return BPACCT_OK;
	/* Compacting costs O(len) and frees at least len/4 entries, so it is
	 * paid for by the pushes that made them stale. */
	if (used - h->live >= used / 4 && used > 0) {
		compact(h, recs);
		if (h->len < h->cap)
			return BPACCT_OK;
	}
	if (h->cap > UINT32_MAX / 2)
		return BPACCT_ENOMEM;
	return grow(h, a, h->cap ? h->cap * 2 : HEAP_MIN);
}

void bpacct__mem_heap_set(bpacct__mem_heap *h, bpacct__mem_rec *recs,
			  uint32_t slot, int64_t due)
{
	bpacct__mem_rec *r = &recs[slot];
	bpacct__mem_due *v = h->items;

	if (r->next_due == due)
		return; /* its entry, if any, is still the valid one */
	if (r->next_due != BPACCT_INSTANT_NONE)
		h->live--;
	r->next_due = due;
	r->stamp = h->next_stamp++;
	if (due == BPACCT_INSTANT_NONE)
		return;
	/* bpacct__mem_heap_reserve() made room before the commit wrote; the
	 * parked entries move up by one, the first to the end. */
	if (h->parked)
		v[h->len + h->parked] = v[h->len];
	v[h->len].due = due;
	v[h->len].slot = slot;
	v[h->len].stamp = r->stamp;
	sift_up(v, h->len, recs);
	h->len++;
	h->live++;
}

/* Pops the top entry of the heap v[0..n) into v[n − 1], the front of the
 * parked entries v[n − 1 .. n − 1 + t]; a stale one is dropped instead,
 * the last parked entry filling its place.  Returns whether it was kept. */
static int pop_to_parked(bpacct__mem_due *v, uint32_t n, uint32_t t,
			 const bpacct__mem_rec *recs)
{
	bpacct__mem_due e = v[0];

	v[0] = v[n - 1];
	sift_down(v, n - 1, 0, recs);
	if (valid(&e, recs)) {
		v[n - 1] = e;
		return 1;
	}
	v[n - 1] = v[n - 1 + t];
	return 0;
}

int bpacct__mem_heap_due(bpacct__mem_heap *h, const bpacct__mem_rec *recs,
			 int64_t at, uint32_t max, bpacct__mem_emit_id emit,
			 void *ctx)
{
	uint32_t n, t = 0;
	int rc = BPACCT_OK;

	settle(h, recs);
	n = h->len;
	while (t < max && n > 0 && h->items[0].due <= at) {
		if (pop_to_parked(h->items, n, t, recs)) {
			t++;
			rc = emit(ctx, (const char *)
				  recs[h->items[n - 1].slot].blob);
		}
		n--;
		if (rc != BPACCT_OK)
			break;
	}
	h->len = n;
	h->parked = t;
	return rc;
}

uint64_t bpacct__mem_heap_bytes(const bpacct__mem_heap *h)
{
	return h->raw ? (uint64_t)h->cap * sizeof *h->items + LINE : 0;
}

void bpacct__mem_heap_free(bpacct__mem_heap *h, const bpacct__alloc *a)
{
	bpacct__free_mem(a, h->raw);
	memset(h, 0, sizeof *h);
}
