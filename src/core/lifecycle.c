/*
 * The pure step bpacct_apply(): check the call, pick the row of the
 * transition table (fsm.c) whose guard holds, and run its action.  Every
 * action computes what can fail first (deadlines, sessions) into local
 * copies, appends its effects, and writes the records last, so a refused
 * input or an error leaves both records exactly as they were.
 *
 * What runs first (E6): before the event, everything the account owes at
 * or before the event's instant (a warning, a cancellation) runs as the
 * engine's own tick would, recorded at its due instant by the system; the
 * event then meets the state that results.  So a use or a lock arriving
 * after a passed due, with no tick in between, finds the account as the
 * rules left it, whoever drives the core and however often it ticks.
 *
 * Before the table come the checks that do not depend on the state: a
 * request id given by another requester or for another account is refused
 * (REQUEST_ID_REUSED, revealing nothing), one given again by its requester
 * returns the standing outcome (E2), a supplement from anyone but the
 * requester on record is refused (NOT_OWNER, E5); an event dated before the
 * account's last change is refused (OUT_OF_ORDER).
 */
#include <string.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "core/calendar_layout.h"
#include "core/fsm_internal.h"
#include "core/lifecycle_internal.h"

int bpacct_event_init(bpacct_event *event, uint32_t version, int32_t input,
		      int64_t at)
{
	if (!event || version == 0 || version > BPACCT_EVENT_VERSION)
		return BPACCT_EMISUSE;
	memset(event, 0, sizeof *event);
	event->version = version;
	event->input = input;
	event->at = at;
	return BPACCT_OK;
}

/* The default actor of each input (lifecycle.h). */
static const uint8_t default_actor[BPACCT__INPUTS + 1] = {
	BPACCT_ACTOR_NONE,    BPACCT_ACTOR_OFFICER, BPACCT_ACTOR_HOLDER,
	BPACCT_ACTOR_OFFICER, BPACCT_ACTOR_OWNER,   BPACCT_ACTOR_OWNER,
	BPACCT_ACTOR_OFFICER, BPACCT_ACTOR_SYSTEM,  BPACCT_ACTOR_OFFICER,
	BPACCT_ACTOR_OFFICER,
};

/* E2: a decided request given again by its requester returns its
 * standing outcome (the latest decision), marked as a replay, and changes
 * nothing. */
static void replay(const bpacct__step *s, const struct bpacct_request *r)
{
	bpacct__effect *e = bpacct__effect_add(s, BPACCT_EFFECT_OUTCOME);

	e->outcome = r->outcome;
	e->received = r->received;
	e->channel = r->channel;
	e->replay = 1;
	if (r->outcome == BPACCT_OUTCOME_ACCEPTED)
		e->due = r->due;
	bpacct__effect_reasons(e, r->reasons, r->nreasons);
}

/* Whether the event comes from the requester on record (E2, E5): a
 * request record not yet written has none, and anyone may start it. */
static int from_requester(const bpacct__step *s,
			  const struct bpacct_request *req)
{
	const char *who = s->event->requester;

	return req->state == BPACCT_REQUEST_NONE ||
	       (who && bpacct__text_same(who, req->requester));
}

/* The checks of a request id (E2, E5).  Returns 1 when decided. */
static int precheck_request(const bpacct__step *s,
			    const struct bpacct_account *acc,
			    const struct bpacct_request *req)
{
	const bpacct__request_row *row;
	int same_account = req->account[0] == '\0' ||
			   bpacct__text_same(req->account, acc->id);

	/* Another account, or another requester reusing an id: refused
	 * alike, so that the refusal tells a stranger nothing. */
	if (!same_account || (s->input == BPACCT_INPUT_REQUEST &&
			      !from_requester(s, req))) {
		bpacct__refuse(s, BPACCT_REASON_REQUEST_ID_REUSED);
		return 1;
	}
	if (s->input == BPACCT_INPUT_SUPPLEMENT && !from_requester(s, req)) {
		bpacct__refuse(s, BPACCT_REASON_NOT_OWNER);
		return 1;
	}
	row = bpacct__request_row_find(req->state, s->input, 0);
	if (row && row->replay) {
		replay(s, req);
		return 1;
	}
	return 0;
}

/* Checks that come before the table: the request id (E2, E5) and the
 * order of events.  Returns 1 when the step is decided. */
static int precheck(const bpacct__step *s, const struct bpacct_account *acc,
		    const struct bpacct_request *req)
{
	if (req && precheck_request(s, acc, req))
		return 1;
	if (acc->changed != BPACCT_INSTANT_NONE && s->at < acc->changed) {
		bpacct__refuse(s, BPACCT_REASON_OUT_OF_ORDER);
		return 1;
	}
	return 0;
}

/*
 * The choke point: the one function that writes the caller's records.  The
 * row of (state, input) whose guard holds either refuses (nothing is
 * written) or runs its action on copies, committed only when the action
 * succeeded.  The row ACTIVE × USE changes three fields and owes nothing:
 * it writes them in place, without copies, because it cannot fail.
 */
static int step(const bpacct__step *s, struct bpacct_account *acc,
		struct bpacct_request *req)
{
	const bpacct__fsm_cell *cell;
	const bpacct__fsm_row *row = NULL;
	bpacct__dues d = { 0, BPACCT_INSTANT_NONE, BPACCT_INSTANT_NONE };
	bpacct__next n;
	int rc;

	if (precheck(s, acc, req))
		return BPACCT_OK;
	cell = bpacct__fsm_cell_of(acc->state, s->input);
	for (uint8_t k = 0; k < cell->count && !row; k++) {
		int holds = 1;

		rc = bpacct__guard_holds(s, cell->rows[k].guard, &d, &holds);
		if (rc != BPACCT_OK)
			return rc;
		if (holds)
			row = &cell->rows[k];
	}
	if (!row) /* unreachable: every pair ends with an ALWAYS row */
		return BPACCT_EINVAL;
	if (row->to < 0) {
		bpacct__refuse(s, row->reason);
		return BPACCT_OK;
	}
	if (row->action == BPACCT__A_USE) /* cannot fail but for ERANGE,
					     * before anything is written */
		return bpacct__use(s, acc);
	/* memcpy, not assignment: the records are bytes a store may keep,
	 * padding included. */
	memcpy(&n.account, acc, sizeof n.account);
	n.request_dirty = 0;
	if (req)
		memcpy(&n.request, req, sizeof n.request);
	rc = bpacct__act(s, row->action, &n, &d);
	if (rc != BPACCT_OK)
		return rc;
	if (n.account.revision != acc->revision)
		memcpy(acc, &n.account, sizeof *acc);
	if (req && n.request_dirty)
		memcpy(req, &n.request, sizeof *req);
	return BPACCT_OK;
}

/* Most steps E6 runs before an event: the inactivity warning, then a
 * cancellation (nothing is left after one), with room to spare. */
#define OWED_STEPS_MAX 4

static int next_due(const bpacct_profile *profile,
		    const bpacct_calendar *calendar,
		    const struct bpacct_account *account, int64_t *out_due);

/* Whether `acc` owes something at or before the event's instant (E6).
 * Nothing is owed to a tick (it is the run of what is owed), nor to an
 * event dated before the account's last change (it is refused as out of
 * order). */
static int owes(const bpacct__step *ev, const struct bpacct_account *acc,
		int *out)
{
	int64_t due = BPACCT_INSTANT_NONE;
	int rc;

	*out = 0;
	if (ev->input == BPACCT_INPUT_TICK ||
	    (acc->state != BPACCT_STATE_ACTIVE &&
	     acc->state != BPACCT_STATE_LOCKED) ||
	    (acc->changed != BPACCT_INSTANT_NONE && ev->at < acc->changed))
		return BPACCT_OK;
	if (bpacct__inactivity_off(ev->profile, acc)) { /* the usual case */
		*out = acc->pending_rule != 0 && acc->pending_due <= ev->at;
		return BPACCT_OK;
	}
	rc = next_due(ev->profile, ev->calendar, acc, &due);
	*out = rc == BPACCT_OK && due != BPACCT_INSTANT_NONE && due <= ev->at;
	return rc;
}

/* E6: runs what `acc` owes at or before the event's instant, as the
 * engine's tick would (actor system, each at its due instant), so that the
 * event meets the state the rules left. */
static int run_owed(const bpacct__step *ev, struct bpacct_account *acc)
{
	bpacct__step t = *ev;

	t.input = BPACCT_INPUT_TICK;
	t.actor = BPACCT_ACTOR_SYSTEM;
	t.request = NULL;
	t.account = acc;
	for (int k = 0; k < OWED_STEPS_MAX; k++) {
		uint64_t revision = acc->revision;
		int more = 0;
		int rc = owes(ev, acc, &more);

		if (rc != BPACCT_OK || !more)
			return rc;
		rc = step(&t, acc, NULL);
		if (rc != BPACCT_OK || acc->revision == revision)
			return rc; /* nothing moved: nothing more will */
	}
	return BPACCT_OK;
}

/* What is owed, then the event, on copies (`acc`, `req`: the caller's
 * scratch), written to the caller's records once both succeeded. */
static int owed_then_step(bpacct__step *s, struct bpacct_account *account,
			  struct bpacct_request *request,
			  struct bpacct_account *acc,
			  struct bpacct_request *req)
{
	int rc;

	memcpy(acc, account, sizeof *acc);
	if (request)
		memcpy(req, request, sizeof *req);
	s->account = acc;
	s->request = request ? req : NULL;
	rc = run_owed(s, acc);
	if (rc == BPACCT_OK)
		rc = step(s, acc, request ? req : NULL);
	if (rc != BPACCT_OK)
		return rc;
	memcpy(account, acc, sizeof *acc);
	if (request)
		memcpy(request, req, sizeof *req);
	return BPACCT_OK;
}

int bpacct_apply(const bpacct_profile *profile,
		 const bpacct_calendar *calendar, bpacct_account *account,
		 bpacct_request *request, const bpacct_event *event,
		 bpacct_effects *effects)
{
	/* The step works on these; the caller's records are written once,
	 * at the end, and only when every part succeeded. */
	struct bpacct_account acc;
	struct bpacct_request req;
	bpacct__step s;
	int rc;
	int uses_request, owed = 0;

	rc = bpacct__check_call(profile, calendar, account, request, event, effects);
	if (rc != BPACCT_OK) {
		if (effects && effects->magic == BPACCT__EFFECTS_MAGIC)
			effects->count = 0;
		return rc;
	}
	uses_request = event->input == BPACCT_INPUT_REQUEST ||
		       event->input == BPACCT_INPUT_SUPPLEMENT;
	s.profile = profile;
	s.calendar = calendar;
	s.event = event;
	s.fx = effects;
	s.account = account;
	s.request = uses_request ? request : NULL;
	s.at = event->at;
	s.input = event->input;
	s.actor = event->actor != BPACCT_ACTOR_NONE
			  ? event->actor
			  : default_actor[event->input];
	effects->count = 0;
	rc = owes(&s, account, &owed);
	if (rc == BPACCT_OK && !owed) /* the usual case: the step alone,
				       * which commits only on success */
		rc = step(&s, account, uses_request ? request : NULL);
	else if (rc == BPACCT_OK)
		rc = owed_then_step(&s, account, uses_request ? request : NULL,
				    &acc, &req);
	if (rc != BPACCT_OK)
		effects->count = 0;
	return rc;
}

static int next_due(const bpacct_profile *profile,
		    const bpacct_calendar *calendar,
		    const struct bpacct_account *account, int64_t *out_due)
{
	int64_t due = BPACCT_INSTANT_NONE, inactivity = BPACCT_INSTANT_NONE;

	if (account->state == BPACCT_STATE_ACTIVE ||
	    account->state == BPACCT_STATE_LOCKED) {
		int64_t warn;
		int rc = bpacct__inactivity_due(profile, calendar, account,
						&inactivity);

		if (rc != BPACCT_OK)
			return rc;
		if (account->pending_rule != 0)
			due = account->pending_due;
		warn = bpacct__warning_at(profile, account, inactivity);
		if (warn != BPACCT_INSTANT_NONE && warn < inactivity)
			inactivity = warn;
		if (inactivity != BPACCT_INSTANT_NONE &&
		    (due == BPACCT_INSTANT_NONE || inactivity < due))
			due = inactivity;
	}
	*out_due = due;
	return BPACCT_OK;
}

int bpacct_account_next_due(const bpacct_profile *profile,
			    const bpacct_calendar *calendar,
			    const bpacct_account *account, int64_t *out_due)
{
	if (!profile || !calendar || !account || !out_due)
		return BPACCT_EINVAL;
	if (account->magic != BPACCT__ACCOUNT_MAGIC ||
	    !bpacct__calendar_ok(calendar))
		return BPACCT_EMISUSE;
	if (!bpacct__profile_builtin(profile)) {
		int rc = bpacct_profile_check(profile);
		if (rc != BPACCT_OK)
			return rc;
	}
	return next_due(profile, calendar, account, out_due);
}
