/*
 * The in-memory store shipped in the library (test harnesses, the tool's
 * default): the store operations of bpacct/sys/store.h over the tables,
 * heap and log of memory_internal.h (the commit is in memory_commit.c).
 */
#include <string.h>

#include "bpacct/errors.h"
#include "store/memory_internal.h"

size_t bpacct__mem_id_length(const char *id)
{
	size_t n = 0;

	if (!id)
		return 0;
	while (n < BPACCT_ID_MAX && id[n] != '\0')
		n++;
	return n < BPACCT_ID_MAX ? n : 0;
}

static int store_of(void *userdata, bpacct_memory_store **out)
{
	bpacct_memory_store *s = userdata;

	if (!s)
		return BPACCT_EINVAL;
	if (s->magic != BPACCT__MEMORY_MAGIC)
		return BPACCT_EMISUSE;
	*out = s;
	return BPACCT_OK;
}

static int get_record(bpacct__mem_table *t, const char *id, uint8_t *buf,
		      size_t size, size_t *out_len)
{
	size_t n = bpacct__mem_id_length(id), len;
	uint32_t slot, hash;
	const uint8_t *rec;

	if (n == 0 || !buf || !out_len)
		return BPACCT_EINVAL;
	slot = bpacct__mem_lookup(t, id, n, &hash);
	if (slot == BPACCT__MEM_NONE)
		return BPACCT_ENOTFOUND;
	rec = bpacct__mem_record(&t->recs[slot], &len);
	if (len > size)
		return BPACCT_EBUFSIZE;
	memcpy(buf, rec, len);
	*out_len = len;
	return BPACCT_OK;
}

static int op_get_account(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *userdata)
{
	bpacct_memory_store *s = NULL;
	int rc = store_of(userdata, &s);

	return rc ? rc : get_record(&s->accounts, id, buf, size, out_len);
}

static int op_get_request(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *userdata)
{
	bpacct_memory_store *s = NULL;
	int rc = store_of(userdata, &s);

	return rc ? rc : get_record(&s->requests, id, buf, size, out_len);
}

static int op_commit(const bpacct_change *change, void *userdata)
{
	bpacct_memory_store *s = NULL;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	return change ? bpacct__mem_commit(s, change) : BPACCT_EINVAL;
}

/* The engine's sink behind the internal reporting functions. */
static int sink_id(void *ctx, const char *id)
{
	return bpacct_sink_add_id(ctx, id);
}

static int sink_entry(void *ctx, const uint8_t *record, size_t len)
{
	return bpacct_sink_add_entry(ctx, record, len);
}

static int op_due(int64_t at, uint32_t max, bpacct_sink *sink,
		  void *userdata)
{
	bpacct_memory_store *s = NULL;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!sink)
		return BPACCT_EINVAL;
	return bpacct__mem_heap_due(&s->heap, s->accounts.recs, at, max,
				    sink_id, sink);
}

static int op_outbox(uint32_t max, bpacct_sink *sink, void *userdata)
{
	bpacct_memory_store *s = NULL;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!sink)
		return BPACCT_EINVAL;
	return bpacct__mem_log_outbox(&s->log, max, sink_entry, sink);
}

static int op_mark_delivered(const char *key, void *userdata)
{
	bpacct_memory_store *s = NULL;
	uint32_t i;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!key || key[0] == '\0')
		return BPACCT_EINVAL;
	i = bpacct__mem_log_find(&s->log, key, strlen(key));
	if (i == BPACCT__MEM_NONE)
		return BPACCT_ENOTFOUND;
	bpacct__mem_log_delivered(&s->log, i);
	return BPACCT_OK;
}

static const bpacct_store_ops memory_ops = {
	BPACCT_STORE_OPS_VERSION, op_get_account, op_get_request, op_commit,
	op_due, op_outbox, op_mark_delivered
};

const bpacct_store_ops *bpacct_memory_store_ops(void)
{
	return &memory_ops;
}

int bpacct_memory_store_new(bpacct_memory_store **out,
			    const bpacct_allocator *allocator)
{
	bpacct__alloc a;
	bpacct_memory_store *s;
	int rc;

	if (!out)
		return BPACCT_EINVAL;
	rc = bpacct__alloc_setup(&a, allocator);
	if (rc != BPACCT_OK)
		return rc;
	s = bpacct__alloc_mem(&a, sizeof *s);
	if (!s)
		return BPACCT_ENOMEM;
	memset(s, 0, sizeof *s);
	s->magic = BPACCT__MEMORY_MAGIC;
	s->alloc = a;
	*out = s;
	return BPACCT_OK;
}

void bpacct_memory_store_free(bpacct_memory_store *store)
{
	bpacct__alloc a;

	if (!store || store->magic != BPACCT__MEMORY_MAGIC)
		return;
	a = store->alloc;
	bpacct__mem_table_free(&store->accounts, &a);
	bpacct__mem_table_free(&store->requests, &a);
	bpacct__mem_heap_free(&store->heap, &a);
	bpacct__mem_log_free(&store->log, &a);
	store->magic = 0; /* a second free is ignored, not a crash */
	bpacct__free_mem(&a, store);
}

int bpacct_memory_store_stats(const bpacct_memory_store *store,
			      uint64_t *out_accounts, uint64_t *out_bytes,
			      uint64_t *out_outbox, uint64_t *out_audit)
{
	if (!store)
		return BPACCT_EINVAL;
	if (store->magic != BPACCT__MEMORY_MAGIC)
		return BPACCT_EMISUSE;
	if (out_accounts)
		*out_accounts = store->accounts.count;
	/* Accounts, requests and their indexes, as allocated (capacity, not
	 * use); the outbox and audit are history, not per-account state. */
	if (out_bytes)
		*out_bytes = bpacct__mem_table_bytes(&store->accounts) +
			     bpacct__mem_table_bytes(&store->requests) +
			     bpacct__mem_heap_bytes(&store->heap);
	if (out_outbox)
		*out_outbox = store->log.pending;
	if (out_audit)
		*out_audit = store->log.audit.count;
	return BPACCT_OK;
}

/* The readers for test harnesses: the store's history as the engine
 * committed it, decoded by the contract (bpacct_entry_decode()), never by
 * the store itself. */
static int log_of(const bpacct_memory_store *store, const void *out,
		  const bpacct__mem_log **log)
{
	if (!store || !out)
		return BPACCT_EINVAL;
	if (store->magic != BPACCT__MEMORY_MAGIC)
		return BPACCT_EMISUSE;
	*log = &store->log;
	return BPACCT_OK;
}

int bpacct_memory_store_outbox_count(const bpacct_memory_store *store,
				     uint32_t *out)
{
	const bpacct__mem_log *l = NULL;
	int rc = log_of(store, out, &l);

	if (rc == BPACCT_OK)
		*out = l->notices.count;
	return rc;
}

int bpacct_memory_store_outbox_at(const bpacct_memory_store *store,
				  uint32_t index, bpacct_entry *out,
				  int32_t *out_delivered)
{
	const bpacct__mem_log *l = NULL;
	const bpacct__mem_notice *n;
	int rc = log_of(store, out, &l);

	if (rc != BPACCT_OK)
		return rc;
	if (index >= l->notices.count)
		return BPACCT_ENOTFOUND;
	n = bpacct__mem_notice_at(l, index);
	rc = bpacct_entry_decode(out, n->bytes + n->key_len, n->len);
	if (rc == BPACCT_OK && out_delivered)
		*out_delivered = n->delivered;
	return rc;
}

int bpacct_memory_store_audit_count(const bpacct_memory_store *store,
				    uint32_t *out)
{
	const bpacct__mem_log *l = NULL;
	int rc = log_of(store, out, &l);

	if (rc == BPACCT_OK)
		*out = l->audit.count;
	return rc;
}

int bpacct_memory_store_audit_at(const bpacct_memory_store *store,
				 uint32_t index, bpacct_entry *out)
{
	const bpacct__mem_log *l = NULL;
	const bpacct__mem_audit *a;
	int rc = log_of(store, out, &l);

	if (rc != BPACCT_OK)
		return rc;
	if (index >= l->audit.count)
		return BPACCT_ENOTFOUND;
	a = bpacct__mem_audit_at(l, index);
	return bpacct_entry_decode(out, a->bytes, a->len);
}
