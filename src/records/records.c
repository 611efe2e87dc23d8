/*
 * The three records the host holds (account, request, effects): allocated
 * through the host's allocator (convention B17), recognised by a magic word
 * (convention C20), fixed-size so that a copy is one assignment.  Nothing
 * else in the lifecycle allocates.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "bpacct/lifecycle.h"
#include "core/records_internal.h"

/* The id's length when it is 1 to BPACCT_ID_MAX − 1 bytes, else 0. */
static size_t id_length(const char *id)
{
	size_t n = 0;
	if (!id)
		return 0;
	while (n < BPACCT_ID_MAX && id[n] != '\0')
		n++;
	return n < BPACCT_ID_MAX ? n : 0;
}

/* Allocates `size` zeroed bytes through the host's allocator, which is
 * stored at `alloc_offset` inside the block. */
static int new_block(void **out, size_t size, size_t alloc_offset,
		     const bpacct_allocator *allocator)
{
	bpacct__alloc a;
	void *p;
	int rc = bpacct__alloc_setup(&a, allocator);

	if (rc != BPACCT_OK)
		return rc;
	p = bpacct__alloc_mem(&a, size);
	if (!p)
		return BPACCT_ENOMEM;
	memset(p, 0, size);
	memcpy((char *)p + alloc_offset, &a, sizeof a);
	*out = p;
	return BPACCT_OK;
}

int bpacct_account_new(bpacct_account **out, const char *id,
		       const bpacct_allocator *allocator)
{
	size_t n = id_length(id);
	void *p = NULL;
	struct bpacct_account *a;
	int rc;

	if (!out || n == 0)
		return BPACCT_EINVAL;
	rc = new_block(&p, sizeof *a, offsetof(struct bpacct_account, alloc),
		       allocator);
	if (rc != BPACCT_OK)
		return rc;
	a = p;
	a->magic = BPACCT__ACCOUNT_MAGIC;
	a->state = BPACCT_STATE_NONE;
	a->issued = BPACCT_INSTANT_NONE;
	a->last_used = BPACCT_INSTANT_NONE;
	a->locked = BPACCT_INSTANT_NONE;
	a->cancelled = BPACCT_INSTANT_NONE;
	a->pending_due = BPACCT_INSTANT_NONE;
	a->changed = BPACCT_INSTANT_NONE;
	memcpy(a->id, id, n + 1);
	*out = a;
	return BPACCT_OK;
}

void bpacct_account_free(bpacct_account *account)
{
	bpacct__alloc a;

	if (!account || account->magic != BPACCT__ACCOUNT_MAGIC)
		return;
	a = account->alloc;
	account->magic = 0; /* a second free is ignored, not a crash */
	bpacct__free_mem(&a, account);
}

int bpacct_account_copy(bpacct_account *dst, const bpacct_account *src)
{
	bpacct__alloc keep;

	if (!dst || !src)
		return BPACCT_EINVAL;
	if (dst->magic != BPACCT__ACCOUNT_MAGIC ||
	    src->magic != BPACCT__ACCOUNT_MAGIC)
		return BPACCT_EMISUSE;
	if (dst == src)
		return BPACCT_OK;
	/* Each record keeps the allocator it was made with. */
	keep = dst->alloc;
	memcpy(dst, src, sizeof *dst); /* padding too: records are bytes */
	dst->alloc = keep;
	return BPACCT_OK;
}

int bpacct_request_new(bpacct_request **out, const char *id,
		       const bpacct_allocator *allocator)
{
	size_t n = id_length(id);
	void *p = NULL;
	struct bpacct_request *r;
	int rc;

	if (!out || n == 0)
		return BPACCT_EINVAL;
	rc = new_block(&p, sizeof *r, offsetof(struct bpacct_request, alloc),
		       allocator);
	if (rc != BPACCT_OK)
		return rc;
	r = p;
	r->magic = BPACCT__REQUEST_MAGIC;
	r->state = BPACCT_REQUEST_NONE;
	r->submitted = BPACCT_INSTANT_NONE;
	r->received = BPACCT_INSTANT_NONE;
	r->first_received = BPACCT_INSTANT_NONE;
	r->due = BPACCT_INSTANT_NONE;
	memcpy(r->id, id, n + 1);
	*out = r;
	return BPACCT_OK;
}

void bpacct_request_free(bpacct_request *request)
{
	bpacct__alloc a;

	if (!request || request->magic != BPACCT__REQUEST_MAGIC)
		return;
	a = request->alloc;
	request->magic = 0;
	bpacct__free_mem(&a, request);
}

int bpacct_request_copy(bpacct_request *dst, const bpacct_request *src)
{
	bpacct__alloc keep;

	if (!dst || !src)
		return BPACCT_EINVAL;
	if (dst->magic != BPACCT__REQUEST_MAGIC ||
	    src->magic != BPACCT__REQUEST_MAGIC)
		return BPACCT_EMISUSE;
	if (dst == src)
		return BPACCT_OK;
	keep = dst->alloc;
	memcpy(dst, src, sizeof *dst); /* padding too: records are bytes */
	dst->alloc = keep;
	return BPACCT_OK;
}

int bpacct_effects_new(bpacct_effects **out,
		       const bpacct_allocator *allocator)
{
	void *p = NULL;
	struct bpacct_effects *fx;
	int rc;

	if (!out)
		return BPACCT_EINVAL;
	rc = new_block(&p, sizeof *fx, offsetof(struct bpacct_effects, alloc),
		       allocator);
	if (rc != BPACCT_OK)
		return rc;
	fx = p;
	fx->magic = BPACCT__EFFECTS_MAGIC;
	fx->count = 0;
	*out = fx;
	return BPACCT_OK;
}

void bpacct_effects_free(bpacct_effects *effects)
{
	bpacct__alloc a;

	if (!effects || effects->magic != BPACCT__EFFECTS_MAGIC)
		return;
	a = effects->alloc;
	effects->magic = 0;
	bpacct__free_mem(&a, effects);
}
