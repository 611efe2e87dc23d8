/*
 * Sweeps: a tick runs everything due at or before an instant (pending
 * cancellations, inactivity warnings and cancellations), account by
 * account in the store's due order, in batches; a preview computes the
 * same without writing.
 *
 * The store's due index is the only list of work.  A tick asks for the
 * first `batch` due accounts, runs each (an account may take two steps at
 * one instant: the warning, then the cancellation), and asks again while
 * the store fills the page it asked for.  An account whose tick does
 * nothing (another engine did it first, a stale due index, a tick dated
 * before its last change) is skipped without a write, so it stays in the
 * due list: the next query pages past it, or a batch of such accounts
 * would hide every account due after them.  An account whose stored
 * record is corrupt is skipped the same way, counted and named in the
 * call's message (rules E8): one bad record must not stop every deadline
 * due after it.
 *
 * Each listed account runs until it owes nothing at `at` (a warning then
 * its cancellation), each step recorded at its own due instant: across
 * accounts the steps come in the store's due order of their first due,
 * not interleaved.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "engine/engine_internal.h"

static void tick_event(bpacct_event *ev, int64_t at)
{
	(void)bpacct_event_init(ev, BPACCT_EVENT_VERSION, BPACCT_INPUT_TICK,
				at);
}

/* Lists due accounts into e->ids: the first `skip` dropped, at most
 * e->batch kept. */
static int list_due(bpacct_engine *e, int64_t at, uint32_t skip)
{
	int rc;

	bpacct__sink_reset(&e->ids, skip);
	if (e->ids.max == 0) /* skip + cap overflowed: nothing more */
		return BPACCT_OK;
	rc = e->store.due(at, e->ids.max, &e->ids, e->store_userdata);
	if (rc == BPACCT_OK)
		e->relayed[0] = '\0';
	return rc == BPACCT_OK ? rc
			       : bpacct__engine_host_fail(e, rc, "store.due");
}

/* Ticks one account until it has nothing left due at `at`. */
static int tick_account(bpacct_engine *e, const char *id, int64_t at,
			uint32_t *moved)
{
	bpacct_event ev;

	tick_event(&ev, at);
	for (uint32_t k = 0; k < BPACCT__TICK_STEPS_MAX; k++) {
		int32_t step_moved = 0;
		int rc = bpacct__engine_step(e, id, &ev, BPACCT__MODE_TICK,
					     &step_moved);
		if (rc != BPACCT_OK)
			return rc;
		if (!step_moved)
			break;
		(*moved)++;
	}
	return BPACCT_OK;
}

int bpacct__engine_run_due(bpacct_engine *e, int64_t at,
			   uint32_t *out_moved)
{
	/* The ids are copied out of the sink: a step's own reads do not
	 * touch it, but a copy keeps that a local fact. */
	char id[BPACCT_ID_MAX];

	/* Accounts that did not move keep their place at the head of the
	 * due order (nothing was written); moved ones left it. */
	uint32_t skip = 0;

	*out_moved = 0;
	for (uint32_t round = 0; round < BPACCT__ROUNDS_MAX; round++) {
		int rc = list_due(e, at, skip);

		if (rc != BPACCT_OK)
			return rc;
		for (uint32_t i = 0; i < e->ids.count; i++) {
			uint32_t was = *out_moved;

			memcpy(id, e->ids.ids[i], sizeof id);
			rc = tick_account(e, id, at, out_moved);
			if (rc == BPACCT_EPARSE) { /* corrupt: skip it */
				if (e->corrupt++ == 0)
					memcpy(e->corrupt_id, id, sizeof id);
				rc = BPACCT_OK;
			}
			if (rc != BPACCT_OK)
				return rc;
			if (*out_moved == was)
				skip++;
		}
		/* A short list is all there was: each listed account ran
		 * until it had nothing left (or its step bound). */
		if (e->ids.count == 0 || e->ids.seen < e->ids.max)
			break;
	}
	return BPACCT_OK;
}

int bpacct_engine_tick(bpacct_engine *engine, int64_t at)
{
	uint32_t moved = 0;
	int rc = bpacct__engine_enter(engine);

	if (rc != BPACCT_OK)
		return rc;
	rc = bpacct__engine_run_due(engine, at, &moved);
	if (rc == BPACCT_OK) /* the new notices and any left before */
		rc = bpacct__engine_deliver(engine, NULL);
	return bpacct__engine_leave(engine, rc);
}

/* What a tick would do to one account, on the scratch copy only. */
static int preview_account(bpacct_engine *e, const char *id, int64_t at,
			   uint32_t *count)
{
	const bpacct_profile *profile = NULL;
	bpacct__read r;
	bpacct_event ev;
	int changed = 0;
	int rc;

	tick_event(&ev, at);
	rc = bpacct__engine_read(e, id, &ev, &r);
	if (rc == BPACCT_OK)
		rc = bpacct__engine_profile(e, &ev, &profile);
	for (uint32_t k = 0; rc == BPACCT_OK && k < BPACCT__TICK_STEPS_MAX;
	     k++) {
		uint64_t revision = e->account.revision;

		rc = bpacct_apply(profile, e->calendar, &e->account, NULL,
				  &ev, &e->fx);
		if (rc != BPACCT_OK)
			return bpacct__engine_fail(e, rc,
						   "the tick of '%s' was not "
						   "applied: %s", id,
						   bpacct_strerror(rc));
		if (e->account.revision == revision)
			break; /* nothing due, or refused */
		changed = 1;
		if (e->on_effects)
			e->on_effects(id, &e->fx, e->effects_userdata);
	}
	*count += (uint32_t)changed;
	return rc;
}

int bpacct_engine_preview(bpacct_engine *engine, int64_t at,
			  uint32_t *out_count)
{
	char id[BPACCT_ID_MAX];
	uint32_t count = 0, skip = 0;
	int rc = bpacct__engine_enter(engine);

	if (rc != BPACCT_OK)
		return rc;
	/* Nothing is written, so the due list stays as it is: page
	 * through it by skipping what was previewed. */
	for (uint32_t round = 0; rc == BPACCT_OK && round < BPACCT__ROUNDS_MAX;
	     round++) {
		rc = list_due(engine, at, skip);
		for (uint32_t i = 0; rc == BPACCT_OK && i < engine->ids.count;
		     i++) {
			memcpy(id, engine->ids.ids[i], sizeof id);
			rc = preview_account(engine, id, at, &count);
		}
		skip += engine->ids.count;
		if (engine->ids.count == 0 ||
		    engine->ids.seen < engine->ids.max)
			break; /* the store listed all there is */
	}
	if (rc == BPACCT_OK && out_count)
		*out_count = count;
	return bpacct__engine_leave(engine, rc);
}
