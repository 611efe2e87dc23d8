/*
 * The outbox: notices are committed with the change that owes them and
 * delivered afterwards, so a crash can delay a notice but never lose it.
 * Delivery is at least once (a crash between deliver() and
 * mark_delivered() repeats it); the idempotency key lets the host's
 * channel drop the repeat, which makes it exactly once end to end.
 *
 * A record in the outbox that is not a keyed notice (corrupt bytes, a
 * record of another type) cannot be delivered nor marked: the sink skips
 * and counts it instead of failing the listing, or that one record would
 * stop every later tick, submit and delivery.  It stays in the outbox,
 * counts as pending, and the call says so in its message (the sink that
 * skips it: src/contract/sink.c).
 */

#include "bpacct/errors.h"
#include "engine/engine_internal.h"

static int list_outbox(bpacct_engine *e, uint32_t skip)
{
	int rc;

	bpacct__sink_reset(&e->notices, skip);
	if (e->notices.max == 0)
		return BPACCT_OK;
	rc = e->store.outbox(e->notices.max, &e->notices,
			     e->store_userdata);
	if (rc == BPACCT_OK)
		e->relayed[0] = '\0';
	return rc == BPACCT_OK ? rc
			       : bpacct__engine_host_fail(e, rc,
							  "store.outbox");
}

/* Delivers one notice; one that does not go counts in *failed and stays
 * in the outbox, first in line for the next attempt. */
static int deliver_one(bpacct_engine *e, const struct bpacct_entry *n,
		       uint32_t *failed)
{
	int rc;

	if (!e->has_notifier) {
		(*failed)++;
		return BPACCT_OK;
	}
	rc = e->notifier.deliver(n, e->notifier_userdata);
	if (rc != BPACCT_OK) {
		(*failed)++;
		e->relayed[0] = '\0'; /* "not now" is not the call's error */
		return BPACCT_OK;
	}
	rc = e->store.mark_delivered(n->key, e->store_userdata);
	/* Not found: another engine marked it and the store let it go. */
	if (rc == BPACCT_OK || rc == BPACCT_ENOTFOUND) {
		e->relayed[0] = '\0';
		return BPACCT_OK;
	}
	return bpacct__engine_host_fail(e, rc, "store.mark_delivered");
}

int bpacct__engine_deliver(bpacct_engine *e, uint32_t *out_pending)
{
	/* Failed notices and unreadable records stay at the head of the
	 * commit-ordered outbox, so the next query skips exactly as many as
	 * have failed. */
	uint32_t failed = 0, unreadable = 0;

	if (!e->has_notifier && !out_pending)
		return BPACCT_OK;
	for (uint32_t round = 0; round < BPACCT__ROUNDS_MAX; round++) {
		int rc = list_outbox(e, failed);

		for (uint32_t i = 0; rc == BPACCT_OK && i < e->notices.count;
		     i++)
			rc = deliver_one(e, &e->notices.notices[i], &failed);
		if (rc != BPACCT_OK)
			return rc;
		failed += e->notices.unreadable;
		unreadable += e->notices.unreadable;
		if (e->notices.seen <= e->notices.skip ||
		    e->notices.seen < e->notices.max)
			break; /* the outbox has no more */
	}
	/* Each delivery lists the whole outbox: the last count is the
	 * call's (a submit delivers twice). */
	e->unreadable = unreadable;
	if (out_pending)
		*out_pending = failed;
	return BPACCT_OK;
}

int bpacct_engine_deliver(bpacct_engine *engine, uint32_t *out_pending)
{
	int rc = bpacct__engine_enter(engine);

	if (rc != BPACCT_OK)
		return rc;
	rc = bpacct__engine_deliver(engine, out_pending);
	return bpacct__engine_leave(engine, rc);
}
