/*
 * Building the change set of one step (include/bpacct/sys/store.h; its
 * layout and the accessors a store reads it with: src/contract/change.c):
 * everything the step owes, encoded, for the store to apply in one atomic
 * call.
 *
 * What a step writes decides the change's shape:
 * - the account moved, the request was decided, or a notice is owed: the
 *   account part, guarded by the revision read (compare-and-swap).  A
 *   request decided without an account change (a supplement asked for, a
 *   rejection) still moves the revision by one, so that two engines
 *   deciding one request id race on the account and one loses (E2);
 * - the same for an account the store does not have: the account part is
 *   the fresh record in state none the engine made for the id, expected
 *   revision 0 ("must not exist") and revision 1, so that the decision is
 *   guarded too: an engine that issues the account and decides the same
 *   request meanwhile makes this commit conflict, and the re-read replays
 *   the first outcome (E2);
 * - a refused input: its audit only, without condition (E4).
 */
#include <string.h>

#include "bpacct/errors.h"
#include "engine/engine_internal.h"

static uint32_t count_type(const bpacct_effects *fx, int32_t type)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < fx->count; i++)
		n += fx->items[i].type == type;
	return n;
}

/* Decides the parts of the change and the keys of its entries. */
static void shape(bpacct_engine *e, const bpacct__read *r, int32_t *keys)
{
	struct bpacct_change *c = &e->change;
	int moved = e->account.revision != r->revision;
	/* Records are bytes, copied whole with memcpy (padding included:
	 * lifecycle.c), so the bytes tell whether the step wrote it. */
	/* NOLINTNEXTLINE(bugprone-suspicious-memory-comparison) */
	int decided = r->uses_request && memcmp(&e->request,
						&e->request_before,
						sizeof e->request) != 0;
	int owes = count_type(&e->fx, BPACCT_EFFECT_NOTICE) > 0;

	c->has_account = 0;
	c->has_request = decided;
	*keys = BPACCT__KEYS_NONE;
	if (!moved && !decided && !owes)
		return; /* audit only */
	/* Always the account part, even for an account the store does not
	 * have (a tombstone in state none, revision 1): without it a
	 * decision would be written unguarded over a racing one. */
	c->has_account = 1;
	if (!moved) /* the compare-and-swap must move */
		e->account.revision = r->revision + 1u;
	*keys = BPACCT__KEYS_REVISION;
}

static int encode_entries(bpacct_engine *e, const bpacct__read *r,
			  int32_t keys)
{
	struct bpacct_change *c = &e->change;
	bpacct__entry_source src;

	src.fx = &e->fx;
	src.account = &e->account;
	/* A notice about a request goes to its requester too. */
	src.request = r->uses_request ? &e->request : NULL;
	src.revision = e->account.revision;
	src.keys = keys;
	c->nentries = bpacct__entries_from_effects(&src, c->entries,
						   BPACCT__EFFECTS_MAX);
	for (uint32_t i = 0; i < c->nentries; i++) {
		int rc = bpacct_entry_encode(&c->entries[i], c->entry_rec[i],
					     sizeof c->entry_rec[i],
					     &c->entry_len[i]);
		if (rc != BPACCT_OK)
			return rc;
	}
	return BPACCT_OK;
}

static int encode_records(bpacct_engine *e, const bpacct_profile *profile)
{
	struct bpacct_change *c = &e->change;
	int rc = BPACCT_OK;

	c->account_id = e->account.id;
	c->request_id = e->request.id;
	c->next_due = BPACCT_INSTANT_NONE;
	c->account_len = 0;
	c->request_len = 0;
	if (c->has_account) {
		rc = bpacct_account_next_due(profile, e->calendar, &e->account,
					     &c->next_due);
		if (rc == BPACCT_OK)
			rc = bpacct_account_encode(&e->account,
						   c->account_rec,
						   sizeof c->account_rec,
						   &c->account_len);
	}
	if (rc == BPACCT_OK && c->has_request)
		rc = bpacct_request_encode(&e->request, c->request_rec,
					   sizeof c->request_rec,
					   &c->request_len);
	return rc;
}

int bpacct__change_build(bpacct_engine *e, const bpacct__read *r,
			 const bpacct_profile *profile, int32_t *out_has)
{
	struct bpacct_change *c = &e->change;
	int32_t keys = BPACCT__KEYS_NONE;
	int rc;

	*out_has = 0;
	if (e->fx.count == 0 && e->account.revision == r->revision)
		return BPACCT_OK; /* nothing owed, nothing moved */
	shape(e, r, &keys);
	c->expected = (int64_t)r->revision;
	c->revision = (int64_t)e->account.revision;
	rc = encode_records(e, profile);
	if (rc == BPACCT_OK)
		rc = encode_entries(e, r, keys);
	if (rc != BPACCT_OK)
		return bpacct__engine_fail(e, rc,
					   "the change of '%s' could not be "
					   "built: %s", e->account.id,
					   bpacct_strerror(rc));
	*out_has = c->has_account || c->has_request || c->nentries > 0;
	return BPACCT_OK;
}
