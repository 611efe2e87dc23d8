/*
 * The pure step, split over lifecycle.c (dispatch, what runs first),
 * lifecycle_check.c (the checks of a call), lifecycle_account.c (the
 * account table's guards and actions), inactivity.c (the BP-C inactivity
 * due and its warning), lifecycle_request.c (requests and supplements)
 * and notices.c (effects, notices, the cancellation).  One step works on a bpacct__step: it reads
 * the caller's records, computes every new value into local copies, appends
 * effects, and writes the records back once, at the end, when nothing can
 * fail any more (the choke point: step() in lifecycle.c).
 */
#ifndef BPACCT_CORE_LIFECYCLE_INTERNAL_H
#define BPACCT_CORE_LIFECYCLE_INTERNAL_H

#include "bpacct/calendar.h"
#include "bpacct/lifecycle.h"
#include "bpacct/profile.h"
#include "core/record_layout.h"
#include "core/text_internal.h"

typedef struct bpacct__step {
	const bpacct_profile *profile;
	const bpacct_calendar *calendar;
	const bpacct_event *event;
	bpacct_effects *fx;
	const struct bpacct_account *account; /* the caller's, unchanged */
	const struct bpacct_request *request; /* idem; NULL if none */
	int64_t at;
	int32_t input;
	int32_t actor; /* the event's, or the input's default */
} bpacct__step;

/* The checks of a call to bpacct_apply() (lifecycle_check.c): BPACCT_OK
 * or the error of a wrong call. */
int bpacct__check_call(const bpacct_profile *p, const bpacct_calendar *c,
		       const struct bpacct_account *acc,
		       const struct bpacct_request *req,
		       const bpacct_event *ev, const bpacct_effects *fx);

/* Whether a profile is one of the two constant built-ins (profile.c). */
int bpacct__profile_builtin(const bpacct_profile *profile);

/* Appends an effect of `type`, initialised from the step (input, instant,
 * actor, account id, from = to = the account's state) with no reason. */
bpacct__effect *bpacct__effect_add(const bpacct__step *s, int32_t type);
/* Adds reasons to an effect. */
void bpacct__effect_reasons(bpacct__effect *e, const int32_t *reasons,
			    uint32_t n);

/* A refusal (E1, E3, E4): for a request or supplement its outcome
 * "refused", then the REFUSED effect and the audit; nothing else. */
void bpacct__refuse(const bpacct__step *s, int32_t reason);
/* The audit effect of an accepted change (E4). */
bpacct__effect *bpacct__audit(const bpacct__step *s, int32_t to,
			      int32_t case_);

/* The instant a notice sent by `channel` at `at` is available: at once
 * online, else from the first result session at or after `at` when the
 * notice is a result (`result`) or the host set result sessions. */
int bpacct__notice_from(const bpacct__step *s, int32_t channel, int result,
			int64_t at, int64_t *out);
/* A cancellation to execute. */
typedef struct bpacct__cancellation {
	int32_t case_;          /* bpacct_case */
	int32_t rule;           /* the bpacct_rule that made it due */
	int64_t at;             /* when it takes effect */
	const char *request_id; /* the pending request, "" if none */
	int32_t channel;        /* of its notice */
} bpacct__cancellation;

/* The cancellation of `next` (a copy of the account): the transition, the
 * cancellation notice to the profile's recipients (BP-R6, XNC-R5), the
 * audit; `next` becomes cancelled. */
int bpacct__cancel(const bpacct__step *s, struct bpacct_account *next,
		   const bpacct__cancellation *c);

/* Whether no BP-C inactivity due can exist for the account: no rule,
 * excluded, not issued, or (reading (a)) first used within the period.
 * Inline: it is the fast path of every event (rules E6 ask what is owed
 * before each one). */
static inline int bpacct__inactivity_off(const bpacct_profile *p,
					 const struct bpacct_account *a)
{
	return !p->inactivity_rule || (a->flags & BPACCT__ACC_EXCLUDED) ||
	       a->issued == BPACCT_INSTANT_NONE ||
	       (!(p->policies & BPACCT_POLICY_INACTIVITY_ROLLING) &&
		(a->flags & BPACCT__ACC_USED_IN_TIME));
}

/* The BP-C inactivity due of an account (BP-R5; inactivity.c), or
 * BPACCT_INSTANT_NONE when none runs: no rule, excluded, or (reading (a))
 * used within the period. */
int bpacct__inactivity_due(const bpacct_profile *p, const bpacct_calendar *c,
			   const struct bpacct_account *a, int64_t *out);
/* The inactivity warning instant for an inactivity due, or none (the
 * profile's warning_days, once: not after BPACCT__ACC_WARNED). */
int64_t bpacct__warning_at(const bpacct_profile *p,
			   const struct bpacct_account *a, int64_t inactivity);
/* The deadline option flags of the profile's policies. */
uint32_t bpacct__deadline_flags(const bpacct_profile *p);

/* Arms a pending cancellation on `next` unless an earlier one is pending
 * (never two cancellations: the earliest due wins). */
void bpacct__arm(struct bpacct_account *next, int32_t rule, int64_t due,
		 int32_t case_, const char *request_id, int32_t channel);
/* The accepted change of `next` at `at`: instant and revision. */
void bpacct__touch(struct bpacct_account *next, int64_t at);
/* A use of `next` at the step's instant (BP-R5): the first use (reading
 * (a)) is kept for good, the last (reading (b)) moves; a new period owes a
 * new warning. */
int bpacct__use(const bpacct__step *s, struct bpacct_account *next);

/* The records as a step leaves them: copies of the caller's, written back
 * by the step's one commit (lifecycle.c) when the action succeeded. */
typedef struct bpacct__next {
	struct bpacct_account account; /* committed if its revision moved */
	struct bpacct_request request; /* committed if request_dirty */
	int request_dirty;
} bpacct__next;

/* What a TICK or CANCEL may execute, computed only when a guard asks. */
typedef struct bpacct__dues {
	int known;
	int64_t inactivity; /* BP-C due, or none */
	int64_t warning;    /* inactivity warning instant, or none */
} bpacct__dues;

/* Whether the guard of a row holds (lifecycle_account.c). */
int bpacct__guard_holds(const bpacct__step *s, int32_t guard,
			bpacct__dues *d, int *out);
/* Runs the action of an accepted row on the copies in `n`. */
int bpacct__act(const bpacct__step *s, int32_t action, bpacct__next *n,
		bpacct__dues *d);

/* REQUEST and SUPPLEMENT (lifecycle_request.c). */
int bpacct__judge_request(const bpacct__step *s, bpacct__next *n);
int bpacct__judge_supplement(const bpacct__step *s, bpacct__next *n);

#endif
