/*
 * The guards and actions of the account table (fsm.c): issue, lock,
 * unlock, exclusion, the cancellations of CANCEL and TICK, the inactivity
 * warning.  Each action works on the step's copy of the account (n) and
 * never on the caller's record: lifecycle.c commits.
 *
 * Cancellation instants: an officer's CANCEL acts at its own instant; the
 * engine (TICK) executes a cancellation at its due instant (BP-R3, BP-R4:
 * "at the due instant the engine cancels by itself"), so the result does
 * not depend on how often the host ticks; never before the account's last
 * change, so that instants never run backwards.
 */
#include <string.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/ids.h"
#include "core/fsm_internal.h"
#include "core/lifecycle_internal.h"

static int dues_get(const bpacct__step *s, bpacct__dues *d)
{
	const bpacct_profile *p = s->profile;
	const struct bpacct_account *a = s->account;
	int rc;

	if (d->known)
		return BPACCT_OK;
	rc = bpacct__inactivity_due(p, s->calendar, a, &d->inactivity);
	if (rc != BPACCT_OK)
		return rc;
	d->warning = bpacct__warning_at(p, a, d->inactivity);
	d->known = 1;
	return BPACCT_OK;
}

/* Which cancellation to execute: the pending one (whenever due when `any`,
 * else only if due at the instant) or the inactivity one if due, the
 * earliest first. */
typedef struct choice {
	int32_t case_; /* BPACCT_CASE_NONE: nothing */
	int64_t due;
	int pending;
} choice;

static void choose(const bpacct__step *s, const bpacct__dues *d, int any,
		   choice *c)
{
	const struct bpacct_account *a = s->account;

	c->case_ = BPACCT_CASE_NONE;
	c->due = BPACCT_INSTANT_NONE;
	c->pending = 0;
	if (a->pending_rule != 0 && (any || a->pending_due <= s->at)) {
		c->case_ = a->pending_case;
		c->due = a->pending_due;
		c->pending = 1;
	}
	if (d->inactivity != BPACCT_INSTANT_NONE && d->inactivity <= s->at &&
	    (!c->pending || d->inactivity < c->due)) {
		c->case_ = BPACCT_CASE_BP_C; /* BP-C1 */
		c->due = d->inactivity;
		c->pending = 0;
	}
}

int bpacct__guard_holds(const bpacct__step *s, int32_t guard,
			bpacct__dues *d, int *out)
{
	const bpacct_profile *p = s->profile;
	choice c;
	int rc;

	switch (guard) {
	case BPACCT__G_LOCK_RULE:
		*out = p->lock_rule != 0;
		return BPACCT_OK;
	case BPACCT__G_UNLOCK:
		*out = (p->policies & BPACCT_POLICY_UNLOCK) != 0;
		return BPACCT_OK;
	case BPACCT__G_INACTIVITY:
		*out = p->inactivity_rule != 0;
		return BPACCT_OK;
	case BPACCT__G_CANCELLABLE:
	case BPACCT__G_CANCEL_DUE:
		rc = dues_get(s, d);
		choose(s, d, guard == BPACCT__G_CANCELLABLE, &c);
		*out = c.case_ != BPACCT_CASE_NONE;
		/* In due order (E6): a warning due before the cancellation
		 * goes out first, as it would have with a tick in time. */
		if (guard == BPACCT__G_CANCEL_DUE && d->warning <= s->at &&
		    d->warning != BPACCT_INSTANT_NONE && d->warning < c.due)
			*out = 0;
		return rc;
	case BPACCT__G_NOT_OFFICER:
		*out = s->actor != BPACCT_ACTOR_OFFICER;
		return BPACCT_OK;
	case BPACCT__G_WARNING_DUE:
		rc = dues_get(s, d);
		*out = d->warning != BPACCT_INSTANT_NONE && d->warning <= s->at;
		return rc;
	default:
		*out = 1;
		return BPACCT_OK;
	}
}

/* The holder's document at issue: a reason when it cannot be on record. */
static int32_t holder_reason(const bpacct__step *s)
{
	const bpacct_event *ev = s->event;
	const char *number = ev->holder_id_number;
	int32_t reason = 0;

	if (ev->holder_id_type < BPACCT_ID_CMND ||
	    ev->holder_id_type > BPACCT_ID_PASSPORT)
		return BPACCT_REASON_UNKNOWN_ID_TYPE;
	if (bpacct_identity_check(ev->holder_id_type, number, strlen(number),
				  s->at, &reason, NULL) != BPACCT_OK)
		return BPACCT_REASON_UNKNOWN_ID_TYPE;
	return reason;
}

int bpacct__use(const bpacct__step *s, struct bpacct_account *next)
{
	int64_t due = BPACCT_INSTANT_NONE;

	if (next->first_used == BPACCT_INSTANT_NONE &&
	    !(s->profile->policies & BPACCT_POLICY_INACTIVITY_ROLLING)) {
		/* The first use: whether it came within the period is
		 * known now, once, and kept (BP-R5 (a)). */
		int rc = bpacct__inactivity_due(s->profile, s->calendar, next,
						&due);

		if (rc != BPACCT_OK)
			return rc;
		if (due != BPACCT_INSTANT_NONE && s->at < due)
			next->flags |= BPACCT__ACC_USED_IN_TIME;
	}
	if (next->first_used == BPACCT_INSTANT_NONE)
		next->first_used = s->at;
	next->last_used = s->at;
	next->flags &= (uint8_t)~BPACCT__ACC_WARNED;
	bpacct__touch(next, s->at);
	return BPACCT_OK;
}

/* E5: who an account may be issued to.  A procedure that checks
 * enterprise codes issues only to a valid one; one whose notices go to a
 * holder needs the holder's valid identity document on record. */
static int32_t issue_reason(const bpacct__step *s, int with_holder)
{
	const bpacct_profile *p = s->profile;
	const char *owner = s->event->owner;
	int32_t reason = 0;

	if ((p->checks & BPACCT_CHECK_ENTERPRISE_CODE) &&
	    (bpacct_enterprise_code_check(owner, strlen(owner), &reason) !=
		     BPACCT_OK ||
	     reason != 0))
		return BPACCT_REASON_INVALID_ENTERPRISE_CODE;
	if ((p->recipients & BPACCT_RECIPIENT_HOLDER) && !with_holder)
		return BPACCT_REASON_HOLDER_REQUIRED;
	return with_holder ? holder_reason(s) : 0;
}

static int act_issue(const bpacct__step *s, struct bpacct_account *next)
{
	const bpacct_event *ev = s->event;
	const char *holder = ev->holder_id_number;
	/* The holder is on record only where the procedure has one (BP: a
	 * recipient of the notice, BP-R6); XNC's is ignored. */
	int with_holder = holder && holder[0] &&
			  (s->profile->recipients & BPACCT_RECIPIENT_HOLDER);
	int32_t reason = issue_reason(s, with_holder);
	int64_t due = BPACCT_INSTANT_NONE;
	bpacct__effect *e;
	int rc;

	if (reason != 0) {
		bpacct__refuse(s, reason);
		return BPACCT_OK;
	}
	next->holder_id_type = with_holder ? (uint8_t)ev->holder_id_type : 0;
	bpacct__text_copy(next->holder_id, sizeof next->holder_id,
			  with_holder ? holder : "");
	bpacct__text_copy(next->owner, sizeof next->owner, ev->owner);
	next->state = BPACCT_STATE_ACTIVE;
	next->flags = 0;
	next->procedure = s->profile->procedure;
	next->issued = s->at;
	next->first_used = BPACCT_INSTANT_NONE;
	next->last_used = BPACCT_INSTANT_NONE;
	next->locked = BPACCT_INSTANT_NONE;
	next->cancelled = BPACCT_INSTANT_NONE;
	next->pending_rule = 0;
	next->pending_channel = 0;
	next->pending_case = BPACCT_CASE_NONE;
	next->pending_due = BPACCT_INSTANT_NONE;
	next->pending_request[0] = '\0';
	bpacct__touch(next, s->at);
	rc = bpacct__inactivity_due(s->profile, s->calendar, next, &due);
	if (rc != BPACCT_OK)
		return rc;
	e = bpacct__effect_add(s, BPACCT_EFFECT_TRANSITION);
	e->to = BPACCT_STATE_ACTIVE;
	if (due != BPACCT_INSTANT_NONE) { /* BP-C1: armed from the issue */
		e = bpacct__effect_add(s, BPACCT_EFFECT_DEADLINE);
		e->to = BPACCT_STATE_ACTIVE;
		e->rule = s->profile->inactivity_rule;
		e->due = due;
		e->case_ = BPACCT_CASE_BP_C;
	}
	bpacct__audit(s, BPACCT_STATE_ACTIVE, BPACCT_CASE_NONE);
	return BPACCT_OK;
}

static void lock_notice(const bpacct__step *s)
{
	bpacct__effect *e = bpacct__effect_add(s, BPACCT_EFFECT_NOTICE);

	e->to = BPACCT_STATE_LOCKED;
	e->case_ = BPACCT_CASE_BP_B;
	e->kind = BPACCT_NOTICE_LOCK;
	e->recipients = s->profile->recipients;
	e->channel = BPACCT_CHANNEL_ONLINE;
	e->available_from = s->at;
	bpacct__text_copy(e->detail, sizeof e->detail, s->event->detail);
}

/* BP-B1, BP-R4: lock at the detection instant, cancellation due at lock +
 * 2 h; the lock notice with the reason is a policy. */
static int act_lock(const bpacct__step *s, struct bpacct_account *next)
{
	const bpacct_profile *p = s->profile;
	bpacct_deadline_options o = BPACCT_DEADLINE_OPTIONS_INIT;
	int64_t due = s->at;
	bpacct__effect *e;
	int rc;

	o.flags = bpacct__deadline_flags(p);
	rc = bpacct_deadline_compute(s->calendar, &o, p->lock_rule, s->at, &due,
				     NULL, NULL);
	if (rc != BPACCT_OK)
		return rc;
	next->state = BPACCT_STATE_LOCKED;
	next->locked = s->at;
	bpacct__arm(next, p->lock_rule, due, BPACCT_CASE_BP_B, "",
		    BPACCT_CHANNEL_ONLINE);
	bpacct__touch(next, s->at);
	e = bpacct__effect_add(s, BPACCT_EFFECT_TRANSITION);
	e->to = BPACCT_STATE_LOCKED;
	e->case_ = BPACCT_CASE_BP_B;
	if (p->policies & BPACCT_POLICY_LOCK_NOTICE)
		lock_notice(s);
	/* An earlier cancellation already pending (case A) keeps its slot:
	 * then no new deadline is armed. */
	if (next->pending_case == BPACCT_CASE_BP_B) {
		e = bpacct__effect_add(s, BPACCT_EFFECT_DEADLINE);
		e->to = BPACCT_STATE_LOCKED;
		e->case_ = BPACCT_CASE_BP_B;
		e->rule = p->lock_rule;
		e->due = due;
	}
	bpacct__audit(s, BPACCT_STATE_LOCKED, BPACCT_CASE_BP_B);
	return BPACCT_OK;
}

static int act_unlock(const bpacct__step *s, struct bpacct_account *next)
{
	next->state = BPACCT_STATE_ACTIVE;
	next->locked = BPACCT_INSTANT_NONE;
	/* The lock's own cancellation goes with it; one asked for (case A)
	 * stays. */
	if (next->pending_case == BPACCT_CASE_BP_B) {
		next->pending_rule = 0;
		next->pending_due = BPACCT_INSTANT_NONE;
		next->pending_case = BPACCT_CASE_NONE;
		next->pending_channel = 0;
		next->pending_request[0] = '\0';
	}
	bpacct__touch(next, s->at);
	bpacct__effect_add(s, BPACCT_EFFECT_TRANSITION)->to =
		BPACCT_STATE_ACTIVE;
	bpacct__audit(s, BPACCT_STATE_ACTIVE, BPACCT_CASE_BP_B);
	return BPACCT_OK;
}

static int act_exclude(const bpacct__step *s, struct bpacct_account *next)
{
	bpacct__effect *e = bpacct__audit(s, next->state, BPACCT_CASE_NONE);

	if (s->event->flag) {
		next->flags |= BPACCT__ACC_EXCLUDED;
		bpacct__text_copy(e->detail, sizeof e->detail, "excluded");
	} else {
		next->flags &= (uint8_t)~BPACCT__ACC_EXCLUDED;
		bpacct__text_copy(e->detail, sizeof e->detail, "included");
	}
	bpacct__touch(next, s->at);
	return BPACCT_OK;
}

/* CANCEL (an officer, now: BP-R3 "may cancel earlier") and TICK (the
 * engine, at the due instant). */
static int act_cancel(const bpacct__step *s, struct bpacct_account *next,
		      bpacct__dues *d, int officer)
{
	const struct bpacct_account *a = s->account;
	bpacct__cancellation k;
	choice c;
	int rc = dues_get(s, d);

	if (rc != BPACCT_OK)
		return rc;
	choose(s, d, officer, &c);
	k.case_ = c.case_;
	k.rule = c.pending ? a->pending_rule : s->profile->inactivity_rule;
	k.request_id = c.pending ? a->pending_request : "";
	/* BP-R6: cases B and C by the portal. */
	k.channel = c.pending ? a->pending_channel : BPACCT_CHANNEL_ONLINE;
	k.at = s->at;
	if (!officer)
		k.at = c.due > a->changed ? c.due : a->changed;
	return bpacct__cancel(s, next, &k);
}

/* The inactivity warning, once (profile warning_days). */
static int act_warn(const bpacct__step *s, struct bpacct_account *next,
		    const bpacct__dues *d)
{
	int64_t at = d->warning > next->changed ? d->warning : next->changed;
	bpacct__effect *e = bpacct__effect_add(s, BPACCT_EFFECT_NOTICE);

	e->at = at;
	e->case_ = BPACCT_CASE_BP_C;
	e->kind = BPACCT_NOTICE_INACTIVITY_WARNING;
	e->recipients = s->profile->recipients;
	e->channel = BPACCT_CHANNEL_ONLINE;
	e->available_from = at;
	e->due = d->inactivity;
	bpacct__audit(s, next->state, BPACCT_CASE_BP_C)->at = at;
	next->flags |= BPACCT__ACC_WARNED;
	bpacct__touch(next, at);
	return BPACCT_OK;
}

int bpacct__act(const bpacct__step *s, int32_t action, bpacct__next *n,
		bpacct__dues *d)
{
	switch (action) {
	case BPACCT__A_ISSUE:
		return act_issue(s, &n->account);
	case BPACCT__A_USE:
		return bpacct__use(s, &n->account);
	case BPACCT__A_LOCK:
		return act_lock(s, &n->account);
	case BPACCT__A_UNLOCK:
		return act_unlock(s, &n->account);
	case BPACCT__A_EXCLUDE:
		return act_exclude(s, &n->account);
	case BPACCT__A_REQUEST:
		return bpacct__judge_request(s, n);
	case BPACCT__A_SUPPLEMENT:
		return bpacct__judge_supplement(s, n);
	case BPACCT__A_CANCEL:
		return act_cancel(s, &n->account, d, 1);
	case BPACCT__A_EXPIRE:
		return act_cancel(s, &n->account, d, 0);
	case BPACCT__A_WARN:
		return act_warn(s, &n->account, d);
	default: /* BPACCT__A_NONE: a tick with nothing due */
		return BPACCT_OK;
	}
}
