/*
 * The checks of a call to bpacct_apply() (lifecycle.c): the records are
 * the library's and sound, the calendar and the event's version are
 * known, a host profile holds together, and the event is well formed for
 * its input.  A failed check is a wrong call (EINVAL, EMISUSE, ERANGE),
 * never a judgement: nothing is written and no effect is owed.
 */
#include <stddef.h>

#include "bpacct/errors.h"
#include "core/calendar_layout.h"
#include "core/civil_internal.h"
#include "core/lifecycle_internal.h"

/* The length of s if it is shorter than max, else max. */
static size_t bounded(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n] != '\0')
		n++;
	return n;
}

static int check_records(const struct bpacct_account *acc,
			 const struct bpacct_request *req,
			 const bpacct_effects *fx)
{
	if (acc->magic != BPACCT__ACCOUNT_MAGIC ||
	    fx->magic != BPACCT__EFFECTS_MAGIC ||
	    acc->state > BPACCT_STATE_CANCELLED)
		return BPACCT_EMISUSE;
	if (req && (req->magic != BPACCT__REQUEST_MAGIC ||
		    req->state > BPACCT_REQUEST_REFUSED))
		return BPACCT_EMISUSE;
	/* A decoded record may carry an id that no constructor would
	 * make (a '/' would break the idempotency keys). */
	if (bpacct__id_length(acc->id) == 0 ||
	    (req && bpacct__id_length(req->id) == 0))
		return BPACCT_EINVAL;
	return BPACCT_OK;
}

/* What only ISSUE carries: a wrong call, not a judgement. */
static int check_issue(const bpacct_profile *p, const bpacct_event *ev)
{
	if (ev->procedure != 0 && ev->procedure != p->procedure)
		return BPACCT_EINVAL;
	if (!ev->owner || ev->owner[0] == '\0' ||
	    bounded(ev->owner, BPACCT_CODE_MAX) == BPACCT_CODE_MAX)
		return BPACCT_EINVAL;
	if (ev->holder_id_number &&
	    bounded(ev->holder_id_number, BPACCT_CODE_MAX) == BPACCT_CODE_MAX)
		return BPACCT_EINVAL;
	return BPACCT_OK;
}

static int check_event(const bpacct_profile *p, const bpacct_calendar *c,
		       const struct bpacct_account *acc,
		       const struct bpacct_request *req, const bpacct_event *ev)
{
	int32_t in = ev->input;

	if (in < BPACCT_INPUT_ISSUE || in > BPACCT_INPUT_EXCLUDE ||
	    ev->actor < BPACCT_ACTOR_NONE || ev->actor > BPACCT_ACTOR_HOLDER)
		return BPACCT_EINVAL;
	if (ev->at < bpacct__instant_of_day(c->first_day, 0) ||
	    ev->at >= bpacct__instant_of_day(c->last_day + 1, 0))
		return BPACCT_ERANGE;
	if (in == BPACCT_INPUT_ISSUE)
		return check_issue(p, ev);
	if (in == BPACCT_INPUT_REQUEST || in == BPACCT_INPUT_SUPPLEMENT) {
		if (!req || (ev->request &&
			     (bpacct__id_length(ev->request) == 0 ||
			      !bpacct__text_same(ev->request, req->id))))
			return BPACCT_EINVAL;
		return BPACCT_OK;
	}
	/* Any other input is about this procedure's own account: the wrong
	 * profile is the host's mistake (a request to the wrong authority
	 * is judged instead: WRONG_PROCEDURE). */
	if (acc->state != BPACCT_STATE_NONE && acc->procedure != p->procedure)
		return BPACCT_EINVAL;
	return BPACCT_OK;
}

int bpacct__check_call(const bpacct_profile *p, const bpacct_calendar *c,
		       const struct bpacct_account *acc,
		       const struct bpacct_request *req,
		       const bpacct_event *ev, const bpacct_effects *fx)
{
	int rc;

	if (!p || !c || !acc || !ev || !fx)
		return BPACCT_EINVAL;
	rc = check_records(acc, req, fx);
	if (rc != BPACCT_OK)
		return rc;
	if (!bpacct__calendar_ok(c) || ev->version == 0 ||
	    ev->version > BPACCT_EVENT_VERSION)
		return BPACCT_EMISUSE;
	/* The built-in profiles are constant and known good. */
	if (!bpacct__profile_builtin(p)) {
		rc = bpacct_profile_check(p);
		if (rc != BPACCT_OK)
			return rc;
	}
	return check_event(p, c, acc, req, ev);
}
