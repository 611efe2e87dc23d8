/*
 * The fresh state of the records the core computes on (record_layout.h):
 * what bpacct_account_new() and bpacct_request_new() make, and what the
 * engine reads for an id the store does not have.  Pure.
 */
#include <string.h>

#include "bpacct/common.h"
#include "core/record_layout.h"

size_t bpacct__id_length(const char *id)
{
	size_t n = 0;

	if (!id)
		return 0;
	/* '/' separates the parts of an idempotency key: an id holding one
	 * could make two notices' keys equal (account "A/0" revision 3 and
	 * account "A" revision 0 ...), and a store drops the second. */
	while (n < BPACCT_ID_MAX && id[n] != '\0') {
		if (id[n] == '/')
			return 0;
		n++;
	}
	return n < BPACCT_ID_MAX ? n : 0;
}

void bpacct__account_reset(struct bpacct_account *a, const char *id,
			   size_t n)
{
	bpacct__alloc keep = a->alloc;

	memset(a, 0, sizeof *a);
	a->magic = BPACCT__ACCOUNT_MAGIC;
	a->state = BPACCT_STATE_NONE;
	a->issued = BPACCT_INSTANT_NONE;
	a->first_used = BPACCT_INSTANT_NONE;
	a->last_used = BPACCT_INSTANT_NONE;
	a->locked = BPACCT_INSTANT_NONE;
	a->cancelled = BPACCT_INSTANT_NONE;
	a->pending_due = BPACCT_INSTANT_NONE;
	a->changed = BPACCT_INSTANT_NONE;
	memcpy(a->id, id, n);
	a->id[n] = '\0';
	a->alloc = keep;
}

void bpacct__request_reset(struct bpacct_request *r, const char *id,
			   size_t n)
{
	bpacct__alloc keep = r->alloc;

	memset(r, 0, sizeof *r);
	r->magic = BPACCT__REQUEST_MAGIC;
	r->state = BPACCT_REQUEST_NONE;
	r->submitted = BPACCT_INSTANT_NONE;
	r->received = BPACCT_INSTANT_NONE;
	r->first_received = BPACCT_INSTANT_NONE;
	r->due = BPACCT_INSTANT_NONE;
	memcpy(r->id, id, n);
	r->id[n] = '\0';
	r->alloc = keep;
}
