/*
 * One event through the engine: read the account (and the request) from
 * the store, run the pure step, build the change set, commit it under the
 * compare-and-swap rule, and only then report the effects.  A conflict
 * means another engine committed first: read again and judge the event
 * again against what is now true, a bounded number of times.
 *
 * Nothing is kept between calls: every attempt starts from the store.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "engine/engine_internal.h"

/* Reads one record with `get` into e->buf; *out_len its length. */
static int fetch(bpacct_engine *e,
		 int (*get)(const char *, uint8_t *, size_t, size_t *,
			    void *),
		 const char *op, const char *id, size_t *out_len)
{
	size_t len = 0;
	int rc = get(id, e->buf, sizeof e->buf, &len, e->store_userdata);

	if (rc == BPACCT_OK || rc == BPACCT_ENOTFOUND)
		e->relayed[0] = '\0'; /* a success's words are not kept */
	if (rc == BPACCT_ENOTFOUND)
		return rc;
	if (rc != BPACCT_OK)
		return bpacct__engine_host_fail(e, rc, op);
	if (len > sizeof e->buf)
		return bpacct__engine_fail(e, BPACCT_EPARSE,
					   "%s returned %zu bytes for a "
					   "%zu-byte buffer",
					   op, len, sizeof e->buf);
	*out_len = len;
	return BPACCT_OK;
}

/* Reads the account (is_request 0) or the request (1) `id` into the
 * engine's scratch record; a record the store does not have reads as a
 * fresh one, *found 0. */
static int read_record(bpacct_engine *e, int is_request, const char *id,
		       int32_t *found)
{
	static const char ops[2][20] = { "store.get_account",
					 "store.get_request" };
	size_t len = 0;
	int rc = fetch(e, is_request ? e->store.get_request
				     : e->store.get_account,
		       ops[is_request], id, &len);

	*found = rc == BPACCT_OK;
	if (rc == BPACCT_ENOTFOUND && is_request)
		bpacct__request_reset(&e->request, id, bpacct__id_length(id));
	else if (rc == BPACCT_ENOTFOUND)
		bpacct__account_reset(&e->account, id, bpacct__id_length(id));
	if (rc == BPACCT_ENOTFOUND)
		return BPACCT_OK;
	if (rc == BPACCT_OK)
		rc = is_request
			     ? bpacct_request_decode(&e->request, e->buf, len)
			     : bpacct_account_decode(&e->account, e->buf, len);
	/* A store that answers with another record is as wrong as one
	 * that answers with bytes that are not a record. */
	if (rc == BPACCT_OK &&
	    strcmp(is_request ? e->request.id : e->account.id, id) != 0)
		rc = BPACCT_EPARSE;
	if (rc == BPACCT_EPARSE)
		return bpacct__engine_fail(e, rc,
					   "%s: the stored record of %s '%s' "
					   "is corrupt (its check, length or "
					   "format version fails)",
					   ops[is_request],
					   is_request ? "request" : "account",
					   id);
	return rc;
}

int bpacct__engine_read(bpacct_engine *e, const char *id,
			const bpacct_event *ev, bpacct__read *out)
{
	int32_t found = 0;
	int rc = read_record(e, 0, id, &out->found);

	if (rc != BPACCT_OK)
		return rc;
	out->revision = e->account.revision;
	out->uses_request = ev->input == BPACCT_INPUT_REQUEST ||
			    ev->input == BPACCT_INPUT_SUPPLEMENT;
	if (!out->uses_request)
		return BPACCT_OK;
	rc = read_record(e, 1, ev->request, &found);
	if (rc == BPACCT_OK) /* to tell whether the step wrote it */
		memcpy(&e->request_before, &e->request, sizeof e->request);
	return rc;
}

static int find_profile(bpacct_engine *e, int32_t procedure,
			const bpacct_profile **out)
{
	if (!e->profiles)
		return bpacct_profile_get(procedure, out);
	for (uint32_t i = 0; i < e->profile_count; i++)
		if (e->profiles[i]->procedure == procedure) {
			*out = e->profiles[i];
			return BPACCT_OK;
		}
	return BPACCT_ENOTFOUND;
}

int bpacct__engine_profile(bpacct_engine *e, const bpacct_event *ev,
			   const bpacct_profile **out)
{
	/* An issued account names its procedure.  An unknown one takes the
	 * event's (ISSUE), else the first profile: a request for it is
	 * rejected NO_ACCOUNT whatever the procedure. */
	int32_t p = e->account.procedure;

	if (e->account.state == BPACCT_STATE_NONE || p == 0)
		p = ev->procedure;
	if (p == 0)
		p = e->profiles ? e->profiles[0]->procedure
				: BPACCT_PROCEDURE_BP;
	if (find_profile(e, p, out) != BPACCT_OK)
		return bpacct__engine_fail(e, BPACCT_EINVAL,
					   "no profile for procedure %d",
					   (int)p);
	return BPACCT_OK;
}

static int step_refused(const bpacct_effects *fx)
{
	for (uint32_t i = 0; i < fx->count; i++)
		if (fx->items[i].type == BPACCT_EFFECT_REFUSED)
			return 1;
	return 0;
}

static void report(bpacct_engine *e)
{
	if (e->on_effects && e->fx.count > 0)
		e->on_effects(e->account.id, &e->fx, e->effects_userdata);
}

/* One attempt: read, apply, build; *out_has is 1 when e->change holds
 * something to commit, -1 when a tick has nothing to do. */
static int attempt(bpacct_engine *e, const char *id, const bpacct_event *ev,
		   int32_t mode, int32_t *out_has)
{
	const bpacct_profile *profile = NULL;
	bpacct__read r;
	int rc = bpacct__engine_read(e, id, ev, &r);

	if (rc == BPACCT_OK)
		rc = bpacct__engine_profile(e, ev, &profile);
	if (rc != BPACCT_OK)
		return rc;
	rc = bpacct_apply(profile, e->calendar, &e->account,
			  r.uses_request ? &e->request : NULL, ev, &e->fx);
	if (rc != BPACCT_OK)
		return bpacct__engine_fail(e, rc,
					   "the event for '%s' was not "
					   "applied: %s", id,
					   bpacct_strerror(rc));
	/* A tick the core refuses (an account changed after the instant)
	 * or that owes nothing is no work: nothing to write, nothing to
	 * say, and a stale due index cannot make the sweep write audits. */
	if (mode == BPACCT__MODE_TICK &&
	    (e->fx.count == 0 || step_refused(&e->fx))) {
		*out_has = -1;
		return BPACCT_OK;
	}
	return bpacct__change_build(e, &r, profile, out_has);
}

int bpacct__engine_step(bpacct_engine *e, const char *id,
			const bpacct_event *ev, int32_t mode,
			int32_t *out_moved)
{
	*out_moved = 0;
	/* retries <= BPACCT_ENGINE_RETRIES_MAX: n cannot wrap. */
	for (uint32_t n = 0; n <= e->retries; n++) {
		int32_t has = 0;
		int rc = attempt(e, id, ev, mode, &has);

		if (rc != BPACCT_OK || has < 0)
			return rc;
		if (has) {
			rc = e->store.commit(&e->change, e->store_userdata);
			if (rc == BPACCT_OK || rc == BPACCT_ECONFLICT)
				e->relayed[0] = '\0';
			if (rc == BPACCT_ECONFLICT)
				continue; /* another engine won: again */
			if (rc != BPACCT_OK)
				return bpacct__engine_host_fail(
					e, rc, "store.commit");
			*out_moved = 1;
		}
		/* Convention B14: effects are told after the write. */
		report(e);
		return BPACCT_OK;
	}
	return bpacct__engine_fail(e, BPACCT_ECONFLICT,
				   "store.commit: account '%s' changed under "
				   "the engine %u times in a row "
				   "(compare-and-swap); try again", id,
				   (unsigned)e->retries + 1u);
}

static int check_event(bpacct_engine *e, const char *account,
		       const bpacct_event *ev)
{
	if (!ev || bpacct__id_length(account) == 0)
		return bpacct__engine_fail(e, BPACCT_EINVAL,
					   "an account id of 1 to %d bytes "
					   "without '/' and an event are "
					   "required",
					   BPACCT_ID_MAX - 1);
	if (ev->version == 0 || ev->version > BPACCT_EVENT_VERSION)
		return BPACCT_EMISUSE;
	if ((ev->input == BPACCT_INPUT_REQUEST ||
	     ev->input == BPACCT_INPUT_SUPPLEMENT) &&
	    bpacct__id_length(ev->request) == 0)
		return bpacct__engine_fail(e, BPACCT_EINVAL,
					   "a request or supplement needs a "
					   "request id of 1 to %d bytes "
					   "without '/'",
					   BPACCT_ID_MAX - 1);
	return BPACCT_OK;
}

/* Whether the step just committed left its account owing something at or
 * before `at` (an XNC request accepted in session is due at its receipt:
 * XNC-R4 "the engine cancels on acceptance"). */
static int owes_now(const bpacct_engine *e, int32_t moved, int64_t at)
{
	const struct bpacct_change *c = &e->change;

	return moved && c->has_account && c->next_due != BPACCT_INSTANT_NONE &&
	       c->next_due <= at;
}

int bpacct_engine_submit(bpacct_engine *engine, const char *account,
			 const bpacct_event *event)
{
	int32_t moved = 0;
	uint32_t due_moved = 0;
	int rc = bpacct__engine_enter(engine);

	if (rc != BPACCT_OK)
		return rc;
	rc = check_event(engine, account, event);
	/* E6: what is due at or before the event's instant runs first, in
	 * due order, as a tick; the event then meets what results (the
	 * core makes sure of it for the event's own account too). */
	if (rc == BPACCT_OK)
		rc = bpacct__engine_run_due(engine, event->at, &due_moved);
	if (rc == BPACCT_OK)
		rc = bpacct__engine_step(engine, account, event,
					 BPACCT__MODE_SUBMIT, &moved);
	/* Then what the event itself made due by now, then the outbox:
	 * the notices of both, and any left before. */
	if (rc == BPACCT_OK && owes_now(engine, moved, event->at))
		rc = bpacct__engine_run_due(engine, event->at, &due_moved);
	if (rc == BPACCT_OK)
		rc = bpacct__engine_deliver(engine, NULL);
	return bpacct__engine_leave(engine, rc);
}

int bpacct_engine_account(bpacct_engine *engine, const char *id,
			  bpacct_account *out)
{
	bpacct__read r = { 0, 0, 0 };
	int rc = bpacct__engine_enter(engine);

	if (rc != BPACCT_OK)
		return rc;
	if (bpacct__id_length(id) == 0 || !out)
		rc = BPACCT_EINVAL;
	else if (out->magic != BPACCT__ACCOUNT_MAGIC)
		rc = BPACCT_EMISUSE;
	else
		rc = read_record(engine, 0, id, &r.found);
	if (rc == BPACCT_OK && !r.found)
		rc = bpacct__engine_fail(engine, BPACCT_ENOTFOUND,
					 "no account '%s' in the store", id);
	if (rc == BPACCT_OK)
		rc = bpacct_account_copy(out, &engine->account);
	return bpacct__engine_leave(engine, rc);
}
