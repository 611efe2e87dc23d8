/*
 * Helpers of the in-memory store tests: a counting allocator that can fail
 * on its Nth call, a digest of everything a reader of the store can see
 * (to prove "unchanged"), a check of the heap's invariants, and collectors
 * for the internal due()/outbox() reporting functions.  They read the
 * store's internal layout (src/store/memory_internal.h) on purpose: the
 * public API cannot show that a failed commit changed nothing.
 */
#ifndef BPACCT_TEST_MEMORY_SUPPORT_H
#define BPACCT_TEST_MEMORY_SUPPORT_H

#include "../unit/test_support.h"

#include <stdio.h>
#include <stdlib.h>

#include "bpacct/sys/notifier.h"
#include "bpacct/sys/store.h"
#include "store/memory_internal.h"

/* An allocator that counts, and fails from its `fail_at`-th call on
 * (persistent) or only at that call (transient); 0 never fails. */
typedef struct tm_alloc {
	long calls, fail_at, live;
	int transient;
} tm_alloc;

static void *tm_alloc_fn(size_t size, void *opaque)
{
	tm_alloc *t = opaque;
	void *p;

	t->calls++;
	if (t->fail_at > 0 && (t->transient ? t->calls == t->fail_at
					    : t->calls >= t->fail_at))
		return NULL;
	p = malloc(size);
	if (p)
		t->live++;
	return p;
}

static void tm_free_fn(void *ptr, void *opaque)
{
	tm_alloc *t = opaque;

	t->live--;
	free(ptr);
}

static inline bpacct_allocator tm_allocator(tm_alloc *t)
{
	bpacct_allocator a = BPACCT_ALLOCATOR_INIT;

	a.alloc = tm_alloc_fn;
	a.free = tm_free_fn;
	a.opaque = t;
	return a;
}

/* FNV-1a over everything a reader can see. */
static inline uint64_t tm_mix(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3u;
	}
	return h;
}

static inline uint64_t tm_table_digest(uint64_t h, const bpacct__mem_table *t)
{
	h = tm_mix(h, &t->count, sizeof t->count);
	for (uint32_t i = 0; i < t->count; i++) {
		const bpacct__mem_rec *r = &t->recs[i];
		size_t len = 0;
		const uint8_t *rec = bpacct__mem_record(r, &len);
		const char *id = (const char *)r->blob;

		h = tm_mix(h, id, strlen(id) + 1);
		h = tm_mix(h, rec, len);
		h = tm_mix(h, &r->revision, sizeof r->revision);
		h = tm_mix(h, &r->next_due, sizeof r->next_due);
		/* Every record is reachable through the index. */
		assert_int_equal(bpacct__mem_find(t, id, strlen(id),
						  bpacct__mem_hash(id,
								   strlen(id))),
				 i);
	}
	return h;
}

static inline uint64_t tm_log_digest(uint64_t h, const bpacct__mem_log *l)
{
	h = tm_mix(h, &l->notices.count, sizeof l->notices.count);
	h = tm_mix(h, &l->pending, sizeof l->pending);
	for (uint32_t i = 0; i < l->notices.count; i++) {
		const bpacct__mem_notice *e = bpacct__mem_notice_at(l, i);
		h = tm_mix(h, e->bytes, e->key_len + (size_t)e->len);
		h = tm_mix(h, &e->delivered, 1);
	}
	h = tm_mix(h, &l->audit.count, sizeof l->audit.count);
	for (uint32_t i = 0; i < l->audit.count; i++) {
		const bpacct__mem_audit *e = bpacct__mem_audit_at(l, i);
		h = tm_mix(h, e->bytes, e->len);
	}
	return h;
}

/* The heap (4-ary) and the entries the last due() parked hold exactly one
 * valid entry per account with a due. */
static inline void tm_check_heap(const bpacct_memory_store *s)
{
	const bpacct__mem_heap *hp = &s->heap;
	const bpacct__mem_rec *recs = s->accounts.recs;
	uint32_t with_due = 0, valid = 0;

	for (uint32_t i = 0; i < s->accounts.count; i++)
		with_due += recs[i].next_due != BPACCT_INSTANT_NONE;
	for (uint32_t i = 0; i < hp->len + hp->parked; i++) {
		const bpacct__mem_due *e = &hp->items[i];
		if (i > 0 && i < hp->len)
			assert_true(hp->items[(i - 1) / 4].due <= e->due);
		valid += recs[e->slot].stamp == e->stamp &&
			 recs[e->slot].next_due == e->due;
	}
	assert_int_equal(valid, with_due);
	assert_int_equal(hp->live, with_due);
	assert_true(hp->len + hp->parked <= hp->cap);
	/* each group of four siblings shares one cache line */
	if (hp->items)
		assert_int_equal((uintptr_t)&hp->items[1] % 64, 0);
}

/* A digest of the store's visible content (not its capacities). */
static inline uint64_t tm_digest(const bpacct_memory_store *s)
{
	uint64_t h = 0xcbf29ce484222325u;

	tm_check_heap(s);
	h = tm_table_digest(h, &s->accounts);
	h = tm_table_digest(h, &s->requests);
	return tm_log_digest(h, &s->log);
}

/* Collects what the internal due() and outbox() report; fails with
 * BPACCT_EUSER at the `fail_at`-th report (0: never). */
#define TM_MAX_IDS 4096
typedef struct tm_list {
	uint32_t n, fail_at;
	const char *ids[TM_MAX_IDS];
	size_t lens[TM_MAX_IDS];
} tm_list;

static int tm_emit_id(void *ctx, const char *id)
{
	tm_list *l = ctx;

	if (l->fail_at && l->n + 1 == l->fail_at)
		return BPACCT_EUSER;
	assert_true(l->n < TM_MAX_IDS);
	l->ids[l->n++] = id;
	return BPACCT_OK;
}

static int tm_emit_entry(void *ctx, const uint8_t *record, size_t len)
{
	tm_list *l = ctx;

	if (l->fail_at && l->n + 1 == l->fail_at)
		return BPACCT_EUSER;
	assert_true(l->n < TM_MAX_IDS);
	l->lens[l->n] = len;
	l->ids[l->n++] = (const char *)record;
	return BPACCT_OK;
}

#endif
