/*
 * The records the host holds (account, request, effects):
 * allocated through the host's allocator (convention B17), recognised by
 * a magic word (convention C20), fixed-size so that a copy is one
 * assignment.  Nothing else in the lifecycle allocates.
 *
 * The kinds differ only in size, magic and initial values, so one
 * row describes each and one set of functions allocates, frees and
 * copies them all: every record starts with its uint32_t magic and holds
 * the allocator it was made with.  The store contract's entry is one more
 * kind (contract/entry_object.c), through records_internal.h.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "bpacct/lifecycle.h"
#include "core/record_layout.h"
#include "records/records_internal.h"

static const bpacct__record_kind account_kind = {
	BPACCT__ACCOUNT_MAGIC, sizeof(struct bpacct_account),
	offsetof(struct bpacct_account, alloc)
};
static const bpacct__record_kind request_kind = {
	BPACCT__REQUEST_MAGIC, sizeof(struct bpacct_request),
	offsetof(struct bpacct_request, alloc)
};
static const bpacct__record_kind effects_kind = {
	BPACCT__EFFECTS_MAGIC, sizeof(struct bpacct_effects),
	offsetof(struct bpacct_effects, alloc)
};

static uint32_t magic_of(const void *record)
{
	uint32_t m;

	memcpy(&m, record, sizeof m);
	return m;
}

int bpacct__record_new(void **out, const bpacct__record_kind *k,
		       const bpacct_allocator *host)
{
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

void bpacct__record_free(void *record, const bpacct__record_kind *k)
{
	const uint32_t dead = 0;
	bpacct__alloc a;

	if (!record || magic_of(record) != k->magic)
		return;
	memcpy(&a, (char *)record + k->alloc_offset, sizeof a);
	/* A second free is ignored, not a crash. */
	memcpy(record, &dead, sizeof dead);
	bpacct__free_mem(&a, record);
}

static int record_copy(void *dst, const void *src,
		       const bpacct__record_kind *k)
{
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
	rc = bpacct__record_new(&p, &account_kind, allocator);
	if (rc != BPACCT_OK)
		return rc;
	bpacct__account_reset(p, id, n);
	*out = p;
	return BPACCT_OK;
}

void bpacct_account_free(bpacct_account *account)
{
	bpacct__record_free(account, &account_kind);
}

int bpacct_account_copy(bpacct_account *dst, const bpacct_account *src)
{
	return record_copy(dst, src, &account_kind);
}

int bpacct_request_new(bpacct_request **out, const char *id,
		       const bpacct_allocator *allocator)
{
	size_t n = bpacct__id_length(id);
	void *p = NULL;
	int rc;

	if (!out || n == 0)
		return BPACCT_EINVAL;
	rc = bpacct__record_new(&p, &request_kind, allocator);
	if (rc != BPACCT_OK)
		return rc;
	bpacct__request_reset(p, id, n);
	*out = p;
	return BPACCT_OK;
}

void bpacct_request_free(bpacct_request *request)
{
	bpacct__record_free(request, &request_kind);
}

int bpacct_request_copy(bpacct_request *dst, const bpacct_request *src)
{
	return record_copy(dst, src, &request_kind);
}

int bpacct_effects_new(bpacct_effects **out,
		       const bpacct_allocator *allocator)
{
	void *p = NULL;
	int rc;

	if (!out)
		return BPACCT_EINVAL;
	rc = bpacct__record_new(&p, &effects_kind, allocator);
	if (rc == BPACCT_OK)
		*out = p; /* zeroed: count 0 */
	return rc;
}

void bpacct_effects_free(bpacct_effects *effects)
{
	bpacct__record_free(effects, &effects_kind);
}
