/*
 * THE transition tables of bpacct (conventions D.23), and the names of
 * every value of lifecycle.h.
 *
 * The account table gives, for each of the 4 states × 9 inputs, one to
 * three rows tried in order: a row whose guard holds either moves to a
 * state with an action, or refuses with a stable reason (E1, E3).  Three
 * kinds of rows are "judged": their result depends on more than the state.
 *
 * - REQUEST and SUPPLEMENT rows never refuse and never change the state
 *   themselves: the request table below decides replays (E2) and
 *   refusals, then validation (bpacct__validate) gives the outcome, and an
 *   accepted request arms a pending cancellation.  So a request on a
 *   cancelled account is judged too: it is rejected ALREADY_CANCELLED, an
 *   outcome with reasons, not an input refusal.
 * - TICK rows run what is due at the tick's instant: a cancellation
 *   (pending, or BP-C inactivity) before an inactivity warning; with
 *   nothing due the tick changes nothing and owes nothing.
 * - CANCEL needs a cancellation to execute (pending, or inactivity due).
 *
 * Nothing leaves CANCELLED (E1): every row of that state refuses, except
 * REQUEST, whose row stays in CANCELLED.
 */
#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/lifecycle.h"
#include "bpacct/profile.h"
#include "bpacct/reason.h"
#include "core/fsm_internal.h"

#define S_NONE BPACCT_STATE_NONE
#define S_ACTIVE BPACCT_STATE_ACTIVE
#define S_LOCKED BPACCT_STATE_LOCKED
#define S_CANCELLED BPACCT_STATE_CANCELLED

/* Row builders: GO always moves; IF moves when the guard holds; NO
 * refuses. */
#define GO(to, act) { BPACCT__G_ALWAYS, BPACCT__A_##act, (int16_t)(to), 0 }
#define IF(g, to, act) { BPACCT__G_##g, BPACCT__A_##act, (int16_t)(to), 0 }
#define NO(r) { BPACCT__G_ALWAYS, BPACCT__A_NONE, -1, BPACCT_REASON_##r }
#define NO_IF(g, r) { BPACCT__G_##g, BPACCT__A_NONE, -1, BPACCT_REASON_##r }
#define C1(a) { 1, { a } }
#define C2(a, b) { 2, { a, b } }
#define C3(a, b, c) { 3, { a, b, c } }

/* [state][input - 1]; inputs in the order issue, use, risk, request,
 * supplement, cancel, tick, unlock, exclude. */
static const bpacct__fsm_cell account_table[BPACCT__STATES]
					  [BPACCT__INPUTS] = {
	[S_NONE] = {
		C1(GO(S_ACTIVE, ISSUE)),
		C1(NO(NOT_ISSUED)),
		C1(NO(NOT_ISSUED)),
		C1(GO(S_NONE, REQUEST)), /* rejected NO_ACCOUNT (XNC-E) */
		C1(GO(S_NONE, SUPPLEMENT)),
		C1(NO(NOT_ISSUED)),
		C1(NO(NOT_ISSUED)),
		C1(NO(NOT_ISSUED)),
		C1(NO(NOT_ISSUED)),
	},
	[S_ACTIVE] = {
		C1(NO(ALREADY_ISSUED)),
		C1(GO(S_ACTIVE, USE)), /* BP-R5 (b): the last use */
		C2(IF(LOCK_RULE, S_LOCKED, LOCK), /* BP-B1 */
		   NO(NOT_IN_PROCEDURE)),     /* XNC has no lock */
		C1(GO(S_ACTIVE, REQUEST)),
		C1(GO(S_ACTIVE, SUPPLEMENT)),
		C3(NO_IF(NOT_OFFICER, ACTOR_NOT_ALLOWED), /* E5 */
		   IF(CANCELLABLE, S_CANCELLED, CANCEL), /* BP-R3 */
		   NO(NOTHING_PENDING)),
		C3(IF(CANCEL_DUE, S_CANCELLED, EXPIRE), /* BP-R3, XNC-R4 */
		   IF(WARNING_DUE, S_ACTIVE, WARN), GO(S_ACTIVE, NONE)),
		C1(NO(NOT_LOCKED)),
		C2(IF(INACTIVITY, S_ACTIVE, EXCLUDE), NO(NOT_IN_PROCEDURE)),
	},
	[S_LOCKED] = {
		C1(NO(ALREADY_ISSUED)),
		C1(NO(ACCOUNT_LOCKED)), /* BP-R4 */
		C1(NO(ALREADY_LOCKED)),
		C1(GO(S_LOCKED, REQUEST)),
		C1(GO(S_LOCKED, SUPPLEMENT)),
		C3(NO_IF(NOT_OFFICER, ACTOR_NOT_ALLOWED), /* E5 */
		   IF(CANCELLABLE, S_CANCELLED, CANCEL), /* BP-B2 */
		   NO(NOTHING_PENDING)),
		C3(IF(CANCEL_DUE, S_CANCELLED, EXPIRE), /* BP-R4 */
		   IF(WARNING_DUE, S_LOCKED, WARN), GO(S_LOCKED, NONE)),
		C2(IF(UNLOCK, S_ACTIVE, UNLOCK), NO(UNLOCK_NOT_ALLOWED)),
		C2(IF(INACTIVITY, S_LOCKED, EXCLUDE), NO(NOT_IN_PROCEDURE)),
	},
	[S_CANCELLED] = { /* E1 */
		C1(NO(ACCOUNT_CANCELLED)),
		C1(NO(ACCOUNT_CANCELLED)),
		C1(NO(ACCOUNT_CANCELLED)),
		C1(GO(S_CANCELLED, REQUEST)), /* rejected ALREADY_CANCELLED */
		C1(NO(ACCOUNT_CANCELLED)),
		C1(NO(ACCOUNT_CANCELLED)),
		C1(NO(ACCOUNT_CANCELLED)),
		C1(NO(ACCOUNT_CANCELLED)),
		C1(NO(ACCOUNT_CANCELLED)),
	},
};

#define RQ_NONE BPACCT_REQUEST_NONE
#define RQ_SUPPLEMENT BPACCT_REQUEST_SUPPLEMENT
#define RQ_ACCEPTED BPACCT_REQUEST_ACCEPTED
#define RQ_REJECTED BPACCT_REQUEST_REJECTED
#define RQ_REFUSED BPACCT_REQUEST_REFUSED
#define IN_REQ BPACCT_INPUT_REQUEST
#define IN_SUP BPACCT_INPUT_SUPPLEMENT
#define O(x) BPACCT_OUTCOME_##x
#define REPLAY(from) { from, IN_REQ, 0, 1, (int16_t)(from), 0 }
#define DECIDE(from, in, o, to) { from, in, O(o), 0, (int16_t)(to), 0 }
#define REFUSE(from, in, r) { from, in, 0, 0, -1, BPACCT_REASON_##r }

/* The request machine: none → supplement → … → accepted / rejected /
 * refused.  A decided request given again returns its first outcome (E2);
 * a supplement not received (in person outside a session) leaves the
 * request waiting. */
static const bpacct__request_row request_table[] = {
	DECIDE(RQ_NONE, IN_REQ, ACCEPTED, RQ_ACCEPTED),
	DECIDE(RQ_NONE, IN_REQ, SUPPLEMENT, RQ_SUPPLEMENT),
	DECIDE(RQ_NONE, IN_REQ, REJECTED, RQ_REJECTED),
	DECIDE(RQ_NONE, IN_REQ, REFUSED, RQ_REFUSED),
	REFUSE(RQ_NONE, IN_SUP, UNKNOWN_REQUEST),
	REPLAY(RQ_SUPPLEMENT),
	DECIDE(RQ_SUPPLEMENT, IN_SUP, ACCEPTED, RQ_ACCEPTED),
	DECIDE(RQ_SUPPLEMENT, IN_SUP, SUPPLEMENT, RQ_SUPPLEMENT),
	DECIDE(RQ_SUPPLEMENT, IN_SUP, REJECTED, RQ_REJECTED),
	DECIDE(RQ_SUPPLEMENT, IN_SUP, REFUSED, RQ_SUPPLEMENT),
	REPLAY(RQ_ACCEPTED),
	REFUSE(RQ_ACCEPTED, IN_SUP, REQUEST_CLOSED),
	REPLAY(RQ_REJECTED),
	REFUSE(RQ_REJECTED, IN_SUP, REQUEST_CLOSED),
	REPLAY(RQ_REFUSED),
	REFUSE(RQ_REFUSED, IN_SUP, REQUEST_CLOSED),
};

#define REQUEST_ROWS (sizeof request_table / sizeof request_table[0])

const bpacct__fsm_cell *bpacct__fsm_cell_of(int32_t state, int32_t input)
{
	return &account_table[state][input - 1];
}

const bpacct__request_row *bpacct__request_row_find(int32_t from,
						    int32_t input,
						    int32_t outcome)
{
	for (size_t i = 0; i < REQUEST_ROWS; i++) {
		const bpacct__request_row *r = &request_table[i];
		if (r->from == from && r->input == input &&
		    r->outcome == outcome)
			return r;
	}
	return NULL;
}

const bpacct__request_row *bpacct__request_rows(size_t *out_count)
{
	*out_count = REQUEST_ROWS;
	return request_table;
}

int bpacct_fsm_transition_count(uint32_t *out_count)
{
	uint32_t n = 0;
	if (!out_count)
		return BPACCT_EINVAL;
	for (int32_t s = 0; s < BPACCT__STATES; s++)
		for (int32_t i = 1; i <= BPACCT__INPUTS; i++)
			n += bpacct__fsm_cell_of(s, i)->count;
	*out_count = n;
	return BPACCT_OK;
}

int bpacct_fsm_transition_at(uint32_t index, int32_t *out_from,
			     int32_t *out_input, int32_t *out_to,
			     int32_t *out_reason)
{
	if (!out_from || !out_input || !out_to || !out_reason)
		return BPACCT_EINVAL;
	for (int32_t s = 0; s < BPACCT__STATES; s++) {
		for (int32_t i = 1; i <= BPACCT__INPUTS; i++) {
			const bpacct__fsm_cell *c = bpacct__fsm_cell_of(s, i);
			if (index >= c->count) {
				index -= c->count;
				continue;
			}
			*out_from = s;
			*out_input = i;
			*out_to = c->rows[index].to;
			*out_reason = c->rows[index].reason;
			return BPACCT_OK;
		}
	}
	return BPACCT_ENOTFOUND;
}

/* Names: arrays of characters, not pointers (no relocations). */
#define W 24
static const char state_names[][W] = { "none", "active", "locked",
					"cancelled" };
static const char input_names[][W] = { "issue", "use", "risk", "request",
				       "supplement", "cancel", "tick",
				       "unlock", "exclude" };
static const char request_state_names[][W] = { "none", "supplement",
					       "accepted", "rejected",
					       "refused" };
static const char outcome_names[][W] = { "accepted", "supplement",
					 "rejected", "refused" };
static const char case_names[][W] = { "none", "bp-a", "bp-b", "bp-c",
				      "xnc" };
static const char actor_names[][W] = { "none", "officer", "owner", "system",
				       "holder" };
static const char type_names[][W] = { "outcome", "transition", "notice",
				      "deadline", "audit", "refused" };
static const char kind_names[][W] = { "cancellation_notice", "lock_notice",
				      "receipt", "acceptance",
				      "supplement_request", "rejection",
				      "nb10", "inactivity_warning" };
static const char document_names[][W] = { "none", "NB10", "MAU06" };
static const char procedure_names[][W] = { "bp", "xnc" };
static const char guard_names[][W] = { "", "lock rule", "unlock policy",
				       "inactivity rule", "cancellation owed",
				       "cancellation due", "warning due",
				       "not an officer" };
static const char action_names[][W] = { "", "issue", "last use", "lock",
					"unlock", "set flag", "judge",
					"judge", "cancel now",
					"cancel (system)", "warn" };

#define PICK(names, first, v) pick((names), sizeof(names) / W, (first), (v))

static const char *pick(const char (*names)[W], size_t n, int32_t first,
			int32_t value)
{
	if (value < first || (size_t)(value - first) >= n)
		return "unknown";
	return names[value - first];
}

const char *bpacct_value_name(int32_t field, int32_t value)
{
	switch (field) {
	case BPACCT_FIELD_STATE:
	case BPACCT_FIELD_FROM:
	case BPACCT_FIELD_TO:
		return PICK(state_names, 0, value);
	case BPACCT_FIELD_INPUT:
		return PICK(input_names, 1, value);
	case BPACCT_FIELD_REQUEST_STATE:
		return PICK(request_state_names, 0, value);
	case BPACCT_FIELD_OUTCOME:
	case BPACCT_FIELD_FIRST_OUTCOME:
		return PICK(outcome_names, 1, value);
	case BPACCT_FIELD_CASE:
	case BPACCT_FIELD_PENDING_CASE:
		return PICK(case_names, 0, value);
	case BPACCT_FIELD_ACTOR:
		return PICK(actor_names, 0, value);
	case BPACCT_FIELD_TYPE:
		return PICK(type_names, 1, value);
	case BPACCT_FIELD_KIND:
		return PICK(kind_names, 1, value);
	case BPACCT_FIELD_DOCUMENT:
		return PICK(document_names, 0, value);
	case BPACCT_FIELD_PROCEDURE:
		return PICK(procedure_names, 1, value);
	case BPACCT_FIELD_CHANNEL:
	case BPACCT_FIELD_RESULT_CHANNEL:
		return bpacct_channel_name(value);
	case BPACCT_FIELD_RULE:
	case BPACCT_FIELD_PENDING_RULE:
		return bpacct_rule_name(value);
	default:
		return "unknown";
	}
}

const char *bpacct__guard_name(int32_t guard)
{
	return PICK(guard_names, 0, guard);
}

const char *bpacct__action_name(int32_t action)
{
	return PICK(action_names, 0, action);
}
