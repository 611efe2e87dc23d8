/*
 * The commit of the in-memory store, all or nothing in three phases:
 * (1) read the change and check the compare-and-swap, writing nothing;
 * (2) reserve every byte the change needs (larger arrays, indexes and
 * heap, new record blobs, arena room), which may fail with BPACCT_ENOMEM
 * but changes nothing a reader can see; (3) write, which cannot fail.  A
 * single-threaded store needs no lock for this: the contract says
 * operations are never re-entered.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "store/memory_internal.h"

/* What one record write of a change needs, found in phases 1 and 2. */
typedef struct put_plan {
	const char *id;
	size_t n;
	const uint8_t *record;
	size_t len;
	uint32_t hash, slot;
	uint8_t *blob;        /* a new blob, or NULL to rewrite in place */
	uint16_t cap;
} put_plan;

typedef struct commit_plan {
	int64_t has_account, expected, revision, next_due;
	int64_t has_request, count;
	put_plan acc, req;
	uint32_t notices, audits;
	size_t bytes;
} commit_plan;

/* Phase 1 for one record: where it goes. */
static int plan_put(bpacct__mem_table *t, put_plan *p)
{
	p->n = bpacct__mem_id_length(p->id);
	if (p->n == 0 || !p->record || p->len == 0 ||
	    p->len > BPACCT_RECORD_MAX)
		return BPACCT_EINVAL;
	/* Usually the id the engine just read: no second probe. */
	p->slot = bpacct__mem_lookup(t, p->id, p->n, &p->hash);
	return BPACCT_OK;
}

/* Phase 1 for the entries: how many of each and how many bytes. */
static int plan_entries(const bpacct_change *change, commit_plan *p)
{
	for (uint32_t i = 0; i < (uint32_t)p->count; i++) {
		const bpacct_entry *e = NULL;
		const uint8_t *rec = NULL;
		const char *key = NULL;
		size_t len = 0;
		int64_t type = 0;
		int rc = bpacct_change_entry(change, i, &e, &rec, &len);

		if (rc == BPACCT_OK)
			rc = bpacct_entry_get_int(e, BPACCT_FIELD_ENTRY_TYPE,
						  &type);
		if (rc == BPACCT_OK && type == BPACCT_ENTRY_NOTICE)
			rc = bpacct_entry_get_text(e, BPACCT_FIELD_KEY, &key);
		if (rc != BPACCT_OK)
			return rc;
		if (!rec || len == 0 || len > BPACCT_RECORD_MAX)
			return BPACCT_EINVAL;
		if (type == BPACCT_ENTRY_NOTICE) {
			size_t k = key ? strlen(key) : 0;
			if (k == 0 || k > UINT16_MAX)
				return BPACCT_EINVAL;
			p->notices++;
			p->bytes += k + len;
		} else if (type == BPACCT_ENTRY_AUDIT) {
			p->audits++;
			p->bytes += len;
		} else {
			return BPACCT_EINVAL;
		}
	}
	return BPACCT_OK;
}

static int read_int(const bpacct_change *c, int32_t field, int64_t *out,
		    int rc)
{
	return rc == BPACCT_OK ? bpacct_change_get_int(c, field, out) : rc;
}

/* Phase 1: read the change and apply the compare-and-swap rule. */
static int plan_commit(bpacct_memory_store *s,
		       const bpacct_change *change, commit_plan *p)
{
	int rc = read_int(change, BPACCT_CHANGE_HAS_ACCOUNT, &p->has_account,
			  BPACCT_OK);
	rc = read_int(change, BPACCT_CHANGE_HAS_REQUEST, &p->has_request, rc);
	rc = read_int(change, BPACCT_CHANGE_ENTRY_COUNT, &p->count, rc);
	if (rc == BPACCT_OK && (p->count < 0 || p->count > UINT16_MAX))
		rc = BPACCT_EINVAL;
	if (rc == BPACCT_OK && p->has_account) {
		rc = read_int(change, BPACCT_CHANGE_EXPECTED_REVISION,
			      &p->expected, rc);
		rc = read_int(change, BPACCT_CHANGE_REVISION, &p->revision, rc);
		rc = read_int(change, BPACCT_CHANGE_NEXT_DUE, &p->next_due, rc);
		if (rc == BPACCT_OK)
			rc = bpacct_change_account(change, &p->acc.id,
						   &p->acc.record,
						   &p->acc.len);
		if (rc == BPACCT_OK)
			rc = plan_put(&s->accounts, &p->acc);
		if (rc != BPACCT_OK)
			return rc;
		/* Compare-and-swap: 0 means "must not exist yet". */
		if (p->expected == 0 ? p->acc.slot != BPACCT__MEM_NONE
		    : (p->acc.slot == BPACCT__MEM_NONE ||
		       s->accounts.recs[p->acc.slot].revision != p->expected))
			return BPACCT_ECONFLICT;
	}
	if (rc == BPACCT_OK && p->has_request) {
		rc = bpacct_change_request(change, &p->req.id, &p->req.record,
					   &p->req.len);
		if (rc == BPACCT_OK)
			rc = plan_put(&s->requests, &p->req);
	}
	return rc == BPACCT_OK ? plan_entries(change, p) : rc;
}

/* Phase 2 for one record: index room and, unless it fits, a new blob.
 * A first blob is tight (rounded up to 16 bytes): most accounts are
 * issued and never change, and a million of them pay for every byte.  A
 * record that outgrew its blob gets room to grow again (a pending request,
 * a lock), so an account that moves is reallocated once, not on every
 * step. */
#define REGROW_SLACK 48u

static int reserve_put(bpacct__mem_table *t, const bpacct__alloc *a,
		       put_plan *p)
{
	size_t need = p->n + 1 + p->len, slack = REGROW_SLACK;

	if (p->slot == BPACCT__MEM_NONE) {
		int rc = bpacct__mem_table_reserve(t, a, 1);
		if (rc != BPACCT_OK)
			return rc;
		slack = 0;
	} else if (need <= t->recs[p->slot].cap) {
		return BPACCT_OK;
	}
	p->blob = bpacct__mem_blob_new(a, need, slack, &p->cap);
	return p->blob ? BPACCT_OK : BPACCT_ENOMEM;
}

/* Phase 2: everything that can fail; on failure nothing is written. */
static int reserve_commit(bpacct_memory_store *s, commit_plan *p)
{
	int rc = BPACCT_OK;

	if (p->has_account) {
		rc = reserve_put(&s->accounts, &s->alloc, &p->acc);
		if (rc == BPACCT_OK && p->next_due != BPACCT_INSTANT_NONE)
			rc = bpacct__mem_heap_reserve(&s->heap, &s->alloc,
						      s->accounts.recs);
	}
	if (rc == BPACCT_OK && p->has_request)
		rc = reserve_put(&s->requests, &s->alloc, &p->req);
	if (rc == BPACCT_OK)
		rc = bpacct__mem_log_reserve(&s->log, &s->alloc, p->notices,
					     p->audits, p->bytes);
	if (rc != BPACCT_OK) {
		bpacct__free_mem(&s->alloc, p->acc.blob);
		bpacct__free_mem(&s->alloc, p->req.blob);
	}
	return rc;
}

static uint32_t write_put(bpacct__mem_table *t, const bpacct__alloc *a,
			  const put_plan *p)
{
	return bpacct__mem_put(t, a, p->slot, p->hash, p->blob, p->cap, p->id,
			       p->n, p->record, p->len);
}

/* Phase 3: the writes, which cannot fail.  A notice whose key is already
 * in the outbox is not appended twice: the key is its identity. */
static void write_commit(bpacct_memory_store *s, const bpacct_change *change,
			 const commit_plan *p)
{
	if (p->has_account) {
		uint32_t slot = write_put(&s->accounts, &s->alloc, &p->acc);
		bpacct__mem_rec *r = &s->accounts.recs[slot];

		r->revision = p->revision;
		bpacct__mem_heap_set(&s->heap, s->accounts.recs, slot,
				     p->next_due);
	}
	if (p->has_request)
		(void)write_put(&s->requests, &s->alloc, &p->req);
	for (uint32_t i = 0; i < (uint32_t)p->count; i++) {
		const bpacct_entry *e = NULL;
		const uint8_t *rec = NULL;
		const char *key = NULL;
		size_t len = 0, k;
		int64_t type = 0;

		/* The same calls succeeded in phase 1. */
		(void)bpacct_change_entry(change, i, &e, &rec, &len);
		(void)bpacct_entry_get_int(e, BPACCT_FIELD_ENTRY_TYPE, &type);
		if (type != BPACCT_ENTRY_NOTICE) {
			bpacct__mem_log_audit(&s->log, rec, len);
			continue;
		}
		(void)bpacct_entry_get_text(e, BPACCT_FIELD_KEY, &key);
		k = strlen(key);
		if (bpacct__mem_log_find(&s->log, key, k) == BPACCT__MEM_NONE)
			bpacct__mem_log_notice(&s->log, key, k, rec, len);
	}
}

int bpacct__mem_commit(bpacct_memory_store *s, const bpacct_change *change)
{
	commit_plan p;
	int rc;

	memset(&p, 0, sizeof p);
	p.next_due = BPACCT_INSTANT_NONE;
	rc = plan_commit(s, change, &p);
	if (rc == BPACCT_OK)
		rc = reserve_commit(s, &p);
	if (rc == BPACCT_OK)
		write_commit(s, change, &p);
	return rc;
}
