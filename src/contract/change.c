/*
 * The change set as a store reads it (include/bpacct/sys/store.h): the
 * integer columns, the account and request parts and the entries, checked
 * against the handle's magic.  The engine fills it (engine/change.c); a
 * store only reads it, during its commit() call.
 */
#include "bpacct/errors.h"
#include "contract/contract_internal.h"

/* The change a store was handed, if it is one. */
static int check_change(const bpacct_change *c, const void *out)
{
	if (!c || !out)
		return BPACCT_EINVAL;
	return c->magic == BPACCT__CHANGE_MAGIC ? BPACCT_OK : BPACCT_EMISUSE;
}

int bpacct_change_get_int(const bpacct_change *change, int32_t field,
			  int64_t *out)
{
	int rc = check_change(change, out);

	if (rc != BPACCT_OK)
		return rc;
	switch (field) {
	case BPACCT_CHANGE_HAS_ACCOUNT: *out = change->has_account; break;
	case BPACCT_CHANGE_EXPECTED_REVISION: *out = change->expected; break;
	case BPACCT_CHANGE_REVISION: *out = change->revision; break;
	case BPACCT_CHANGE_NEXT_DUE: *out = change->next_due; break;
	case BPACCT_CHANGE_HAS_REQUEST: *out = change->has_request; break;
	case BPACCT_CHANGE_ENTRY_COUNT: *out = change->nentries; break;
	default: return BPACCT_EINVAL;
	}
	return BPACCT_OK;
}

/* The account (which 0) or request (which 1) part of a change. */
static int part(const bpacct_change *c, int which, const char **out_id,
		const uint8_t **out_record, size_t *out_len)
{
	int rc = check_change(c, out_id);

	if (rc != BPACCT_OK)
		return rc;
	if (!out_record || !out_len)
		return BPACCT_EINVAL;
	if (!(which ? c->has_request : c->has_account))
		return BPACCT_ENOTFOUND;
	*out_id = which ? c->request_id : c->account_id;
	*out_record = which ? c->request_rec : c->account_rec;
	*out_len = which ? c->request_len : c->account_len;
	return BPACCT_OK;
}

int bpacct_change_account(const bpacct_change *change, const char **out_id,
			  const uint8_t **out_record, size_t *out_len)
{
	return part(change, 0, out_id, out_record, out_len);
}

int bpacct_change_request(const bpacct_change *change, const char **out_id,
			  const uint8_t **out_record, size_t *out_len)
{
	return part(change, 1, out_id, out_record, out_len);
}

int bpacct_change_entry(const bpacct_change *change, uint32_t index,
			const bpacct_entry **out_entry,
			const uint8_t **out_record, size_t *out_len)
{
	int rc = check_change(change, out_entry);

	if (rc != BPACCT_OK)
		return rc;
	if (!out_record || !out_len)
		return BPACCT_EINVAL;
	if (index >= change->nentries)
		return BPACCT_ENOTFOUND;
	*out_entry = &change->entries[index];
	*out_record = change->entry_rec[index];
	*out_len = change->entry_len[index];
	return BPACCT_OK;
}
