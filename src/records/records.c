/*
 * The records the host holds (account, request, effects, entry):
 * allocated through the host's allocator (convention B17), recognised by
 * a magic word (convention C20), fixed-size so that a copy is one
 * assignment.  Nothing else in the lifecycle allocates.
 *
 * The four kinds differ only in size, magic and initial values, so one
 * table row describes each and one set of functions allocates, frees and
 * copies them all: every record starts with its uint32_t magic and holds
 * the allocator it was made with.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "bpacct/lifecycle.h"
#include "bpacct/sys/store.h"
#include "core/entry_internal.h"
#include "core/records_internal.h"

typedef struct record_kind {
	uint32_t magic;
	size_t size;
	size_t alloc_offset; /* where the record keeps its allocator */
} record_kind;

enum { K_ACCOUNT, K_REQUEST, K_EFFECTS, K_ENTRY };

static const record_kind kinds[] = {
	{ BPACCT__ACCOUNT_MAGIC, sizeof(struct bpacct_account),
	  offsetof(struct bpacct_account, alloc) },
	{ BPACCT__REQUEST_MAGIC, sizeof(struct bpacct_request),
	  offsetof(struct bpacct_request, alloc) },
	{ BPACCT__EFFECTS_MAGIC, sizeof(struct bpacct_effects),
	  offsetof(struct bpacct_effects, alloc) },
	{ BPACCT__ENTRY_MAGIC, sizeof(struct bpacct_entry),
	  offsetof(struct bpacct_entry, alloc) },
};

static uint32_t magic_of(const void *record)
{
	uint32_t m;

	memcpy(&m, record, sizeof m);
	return m;
}

/* A zeroed record of `kind` with its magic and the host's allocator. */
static int record_new(void **out, int kind, const bpacct_allocator *host)
{
	const record_kind *k = &kinds[kind];
	bpacct__alloc a;
	void *p;
	int rc = bpacct__alloc_setup(&a, host);

	if (rc != BPACCT_OK)
		return rc;
	p = bpacct__alloc_mem(&a, k->size);
	if (!p)
		return BPACCT_ENOMEM;
	memset(p, 0, k->size);
	memcpy(p, &k->magic, sizeof k->magic);
	memcpy((char *)p + k->alloc_offset, &a, sizeof a);
	*out = p;
	return BPACCT_OK;
}

static void record_free(void *record, int kind)
{
	const record_kind *k = &kinds[kind];
	const uint32_t dead = 0;
	bpacct__alloc a;

	if (!record || magic_of(record) != k->magic)
		return;
	memcpy(&a, (char *)record + k->alloc_offset, sizeof a);
	/* A second free is ignored, not a crash. */
	memcpy(record, &dead, sizeof dead);
	bpacct__free_mem(&a, record);
}

static int record_copy(void *dst, const void *src, int kind)
{
	const record_kind *k = &kinds[kind];
	bpacct__alloc keep;

	if (!dst || !src)
		return BPACCT_EINVAL;
	if (magic_of(dst) != k->magic || magic_of(src) != k->magic)
		return BPACCT_EMISUSE;
	if (dst == src)
		return BPACCT_OK;
	/* Each record keeps the allocator it was made with; padding is
	 * copied too: records are bytes. */
	memcpy(&keep, (char *)dst + k->alloc_offset, sizeof keep);
	memcpy(dst, src, k->size);
	memcpy((char *)dst + k->alloc_offset, &keep, sizeof keep);
	return BPACCT_OK;
}

int bpacct_account_new(bpacct_account **out, const char *id,
		       const bpacct_allocator *allocator)
{
	size_t n = bpacct__id_length(id);
	void *p = NULL;
	int rc;

	if (!out || n == 0)
		return BPACCT_EINVAL;
	rc = record_new(&p, K_ACCOUNT, allocator);
	if (rc != BPACCT_OK)
		return rc;
	bpacct__account_reset(p, id, n);
	*out = p;
	return BPACCT_OK;
}

void bpacct_account_free(bpacct_account *account)
{
	record_free(account, K_ACCOUNT);
}

int bpacct_account_copy(bpacct_account *dst, const bpacct_account *src)
{
	return record_copy(dst, src, K_ACCOUNT);
}

int bpacct_request_new(bpacct_request **out, const char *id,
		       const bpacct_allocator *allocator)
{
	size_t n = bpacct__id_length(id);
	void *p = NULL;
	int rc;

	if (!out || n == 0)
		return BPACCT_EINVAL;
	rc = record_new(&p, K_REQUEST, allocator);
	if (rc != BPACCT_OK)
		return rc;
	bpacct__request_reset(p, id, n);
	*out = p;
	return BPACCT_OK;
}

void bpacct_request_free(bpacct_request *request)
{
	record_free(request, K_REQUEST);
}

int bpacct_request_copy(bpacct_request *dst, const bpacct_request *src)
{
	return record_copy(dst, src, K_REQUEST);
}

int bpacct_effects_new(bpacct_effects **out,
		       const bpacct_allocator *allocator)
{
	void *p = NULL;
	int rc;

	if (!out)
		return BPACCT_EINVAL;
	rc = record_new(&p, K_EFFECTS, allocator);
	if (rc == BPACCT_OK)
		*out = p; /* zeroed: count 0 */
	return rc;
}

void bpacct_effects_free(bpacct_effects *effects)
{
	record_free(effects, K_EFFECTS);
}

int bpacct_entry_new(bpacct_entry **out, const bpacct_allocator *allocator)
{
	void *p = NULL;
	int rc;

	if (!out)
		return BPACCT_EINVAL;
	rc = record_new(&p, K_ENTRY, allocator);
	if (rc != BPACCT_OK)
		return rc;
	bpacct__entry_clear(p);
	*out = p;
	return BPACCT_OK;
}

void bpacct_entry_free(bpacct_entry *entry)
{
	record_free(entry, K_ENTRY);
}
