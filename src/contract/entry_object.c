/*
 * The entry a host allocates to decode stored entries into
 * (include/bpacct/sys/store.h): one more kind of host-held record, made
 * and freed by the records layer (src/records/).  Apart from the pure
 * rest of the contract because it allocates.
 */
#include <stddef.h>

#include "bpacct/errors.h"
#include "bpacct/sys/store.h"
#include "contract/entry_internal.h"
#include "records/records_internal.h"

static const bpacct__record_kind entry_kind = {
	BPACCT__ENTRY_MAGIC, sizeof(struct bpacct_entry),
	offsetof(struct bpacct_entry, alloc)
};

int bpacct_entry_new(bpacct_entry **out, const bpacct_allocator *allocator)
{
	void *p = NULL;
	int rc;

	if (!out)
		return BPACCT_EINVAL;
	rc = bpacct__record_new(&p, &entry_kind, allocator);
	if (rc != BPACCT_OK)
		return rc;
	bpacct__entry_clear(p);
	*out = p;
	return BPACCT_OK;
}

void bpacct_entry_free(bpacct_entry *entry)
{
	bpacct__record_free(entry, &entry_kind);
}
