/*
 * The BP-C inactivity deadline (BP-R5) of an account and its warning, as
 * the account table's guards (lifecycle_account.c), the step's "what runs
 * first" (lifecycle.c) and bpacct_account_next_due() ask for them:
 * reading (a) counts from the issue and ends for good at a first use
 * within the period; reading (b) (BPACCT_POLICY_INACTIVITY_ROLLING) counts
 * from the last use.
 */
#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "core/lifecycle_internal.h"

#define DAY_SECONDS 86400

uint32_t bpacct__deadline_flags(const bpacct_profile *p)
{
	return (p->policies & BPACCT_POLICY_WORKING_HOURS)
		       ? BPACCT_DEADLINE_WORKING_HOURS
		       : 0u;
}

int bpacct__inactivity_due(const bpacct_profile *p, const bpacct_calendar *c,
			   const struct bpacct_account *a, int64_t *out)
{
	bpacct_deadline_options o = BPACCT_DEADLINE_OPTIONS_INIT;
	int rolling = (p->policies & BPACCT_POLICY_INACTIVITY_ROLLING) != 0;
	int64_t due = BPACCT_INSTANT_NONE;
	int rc;

	*out = BPACCT_INSTANT_NONE;
	if (bpacct__inactivity_off(p, a))
		return BPACCT_OK;
	if (rolling) /* BP-R5 (b) */
		o.flags |= BPACCT_DEADLINE_INACTIVITY_ROLLING;
	if (p->policies & BPACCT_POLICY_INACTIVITY_EXTEND)
		o.flags |= BPACCT_DEADLINE_EXTEND;
	o.last_used = a->last_used;
	rc = bpacct_deadline_compute(c, &o, p->inactivity_rule, a->issued, &due,
				     NULL, NULL);
	if (rc != BPACCT_OK)
		return rc;
	/* BP-R5 (a): only an account never used within the period.  The
	 * first use decides, not the last: an account used in its first
	 * month and again after the mark was used within the period. */
	if (!rolling && a->first_used != BPACCT_INSTANT_NONE &&
	    a->first_used < due)
		return BPACCT_OK;
	*out = due;
	return BPACCT_OK;
}

int64_t bpacct__warning_at(const bpacct_profile *p,
			   const struct bpacct_account *a, int64_t inactivity)
{
	int64_t at;

	if (p->warning_days <= 0 || (a->flags & BPACCT__ACC_WARNED) ||
	    inactivity == BPACCT_INSTANT_NONE)
		return BPACCT_INSTANT_NONE;
	at = inactivity - (int64_t)p->warning_days * DAY_SECONDS;
	return at < a->issued ? a->issued : at;
}
