/*
 * The transition table (src/core/fsm.c) against a literal copy of the
 * state × input matrix, then every row of it driven through bpacct_apply()
 * on real records: each of the 4 states × 9 inputs either moves as the
 * table says or is refused with the table's reason, a refusal changes
 * nothing, and nothing leaves CANCELLED (E1).  Also the DOT text
 * (conventions D.25) and the names of every value.
 */
#include <stdio.h>

#include "test_lifecycle_support.h"

#define N BPACCT_STATE_NONE
#define A BPACCT_STATE_ACTIVE
#define L BPACCT_STATE_LOCKED
#define C BPACCT_STATE_CANCELLED
#define R(x) BPACCT_REASON_##x
#define I(x) BPACCT_INPUT_##x

typedef struct row {
	int32_t from, input, to, reason;
} row;

/* The matrix, in the table's order: state, then input, then guard. */
static const row matrix[] = {
	{ N, I(ISSUE), A, 0 },
	{ N, I(USE), -1, R(NOT_ISSUED) },
	{ N, I(RISK), -1, R(NOT_ISSUED) },
	{ N, I(REQUEST), N, 0 },
	{ N, I(SUPPLEMENT), N, 0 },
	{ N, I(CANCEL), -1, R(NOT_ISSUED) },
	{ N, I(TICK), -1, R(NOT_ISSUED) },
	{ N, I(UNLOCK), -1, R(NOT_ISSUED) },
	{ N, I(EXCLUDE), -1, R(NOT_ISSUED) },
	{ A, I(ISSUE), -1, R(ALREADY_ISSUED) },
	{ A, I(USE), A, 0 },
	{ A, I(RISK), L, 0 },
	{ A, I(RISK), -1, R(NOT_IN_PROCEDURE) },
	{ A, I(REQUEST), A, 0 },
	{ A, I(SUPPLEMENT), A, 0 },
	{ A, I(CANCEL), -1, R(ACTOR_NOT_ALLOWED) },
	{ A, I(CANCEL), C, 0 },
	{ A, I(CANCEL), -1, R(NOTHING_PENDING) },
	{ A, I(TICK), C, 0 },
	{ A, I(TICK), A, 0 },
	{ A, I(TICK), A, 0 },
	{ A, I(UNLOCK), -1, R(NOT_LOCKED) },
	{ A, I(EXCLUDE), A, 0 },
	{ A, I(EXCLUDE), -1, R(NOT_IN_PROCEDURE) },
	{ L, I(ISSUE), -1, R(ALREADY_ISSUED) },
	{ L, I(USE), -1, R(ACCOUNT_LOCKED) },
	{ L, I(RISK), -1, R(ALREADY_LOCKED) },
	{ L, I(REQUEST), L, 0 },
	{ L, I(SUPPLEMENT), L, 0 },
	{ L, I(CANCEL), -1, R(ACTOR_NOT_ALLOWED) },
	{ L, I(CANCEL), C, 0 },
	{ L, I(CANCEL), -1, R(NOTHING_PENDING) },
	{ L, I(TICK), C, 0 },
	{ L, I(TICK), L, 0 },
	{ L, I(TICK), L, 0 },
	{ L, I(UNLOCK), A, 0 },
	{ L, I(UNLOCK), -1, R(UNLOCK_NOT_ALLOWED) },
	{ L, I(EXCLUDE), L, 0 },
	{ L, I(EXCLUDE), -1, R(NOT_IN_PROCEDURE) },
	{ C, I(ISSUE), -1, R(ACCOUNT_CANCELLED) },
	{ C, I(USE), -1, R(ACCOUNT_CANCELLED) },
	{ C, I(RISK), -1, R(ACCOUNT_CANCELLED) },
	{ C, I(REQUEST), C, 0 },
	{ C, I(SUPPLEMENT), -1, R(ACCOUNT_CANCELLED) },
	{ C, I(CANCEL), -1, R(ACCOUNT_CANCELLED) },
	{ C, I(TICK), -1, R(ACCOUNT_CANCELLED) },
	{ C, I(UNLOCK), -1, R(ACCOUNT_CANCELLED) },
	{ C, I(EXCLUDE), -1, R(ACCOUNT_CANCELLED) },
};

#define ROWS (sizeof matrix / sizeof matrix[0])

static void test_fsm_table_is_the_state_input_matrix(void **state)
{
	uint32_t n = 0;
	int32_t from, input, to, reason;
	int pairs[4][10] = { { 0 } };

	(void)state;
	assert_int_equal(bpacct_fsm_transition_count(&n), BPACCT_OK);
	assert_int_equal(n, ROWS);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(bpacct_fsm_transition_at(i, &from, &input, &to,
							  &reason),
				 BPACCT_OK);
		assert_int_equal(from, matrix[i].from);
		assert_int_equal(input, matrix[i].input);
		assert_int_equal(to, matrix[i].to);
		assert_int_equal(reason, matrix[i].reason);
		pairs[from][input]++;
	}
	/* Every one of the 4 × 9 pairs has a row. */
	for (int s = 0; s < 4; s++)
		for (int in = 1; in <= 9; in++)
			assert_true(pairs[s][in] >= 1);
	assert_int_equal(bpacct_fsm_transition_at(n, &from, &input, &to,
						  &reason),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_fsm_transition_at(0, NULL, &input, &to,
						  &reason),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_fsm_transition_count(NULL), BPACCT_EINVAL);
}

/* Conditions a row's guard needs. */
#define S_XNC 0x1u       /* the XNC profile: no lock, no inactivity */
#define S_UNLOCK 0x2u    /* BP with the unlock policy */
#define S_WARN 0x4u      /* BP warning 30 days ahead, events on 08-20 */
#define S_HOSTLOCK 0x8u  /* a host profile: XNC with a security lock */
#define S_PENDING 0x10u  /* an accepted application pending, due 10:45 */
#define S_LATE 0x20u     /* the event after every due (11:30) */
#define S_WAITING 0x40u  /* the request waits for a supplement */
#define S_NOPENDING 0x80u /* a locked record whose pending was cleared */
#define S_NOT_OFFICER 0x100u /* the event's actor is the owner (E5) */

/* What else the step must show. */
enum check { CHK_NONE, CHK_SILENT, CHK_WARNING, CHK_OUTCOME, CHK_REQ_REFUSED };

typedef struct scenario {
	uint32_t row; /* index into matrix */
	uint32_t setup;
	int check;
	int32_t outcome; /* CHK_OUTCOME: the outcome */
	int32_t reason;  /* CHK_OUTCOME: first reason; CHK_REQ_REFUSED */
} scenario;

static const scenario scenarios[] = {
	{ 0, 0, CHK_NONE, 0, 0 },
	{ 1, 0, CHK_NONE, 0, 0 },
	{ 2, 0, CHK_NONE, 0, 0 },
	{ 3, 0, CHK_OUTCOME, BPACCT_OUTCOME_REJECTED, R(NO_ACCOUNT) },
	{ 4, 0, CHK_REQ_REFUSED, 0, R(UNKNOWN_REQUEST) },
	{ 5, 0, CHK_NONE, 0, 0 },
	{ 6, 0, CHK_NONE, 0, 0 },
	{ 7, 0, CHK_NONE, 0, 0 },
	{ 8, 0, CHK_NONE, 0, 0 },
	{ 9, 0, CHK_NONE, 0, 0 },
	{ 10, 0, CHK_SILENT, 0, 0 },
	{ 11, 0, CHK_NONE, 0, 0 },
	{ 12, S_XNC, CHK_NONE, 0, 0 },
	{ 13, 0, CHK_OUTCOME, BPACCT_OUTCOME_ACCEPTED, 0 },
	{ 13, S_XNC, CHK_OUTCOME, BPACCT_OUTCOME_ACCEPTED, 0 },
	{ 14, 0, CHK_REQ_REFUSED, 0, R(UNKNOWN_REQUEST) },
	{ 14, S_WAITING, CHK_OUTCOME, BPACCT_OUTCOME_ACCEPTED, 0 },
	{ 15, S_PENDING | S_NOT_OFFICER, CHK_NONE, 0, 0 },
	{ 16, S_PENDING, CHK_NONE, 0, 0 },
	{ 17, 0, CHK_NONE, 0, 0 },
	{ 18, S_PENDING | S_LATE, CHK_NONE, 0, 0 },
	{ 19, S_WARN, CHK_WARNING, 0, 0 },
	{ 20, 0, CHK_SILENT, 0, 0 },
	{ 20, S_PENDING, CHK_SILENT, 0, 0 },
	{ 21, 0, CHK_NONE, 0, 0 },
	{ 22, 0, CHK_NONE, 0, 0 },
	{ 23, S_XNC, CHK_NONE, 0, 0 },
	{ 24, 0, CHK_NONE, 0, 0 },
	{ 25, 0, CHK_NONE, 0, 0 },
	{ 26, 0, CHK_NONE, 0, 0 },
	{ 27, 0, CHK_OUTCOME, BPACCT_OUTCOME_ACCEPTED, 0 },
	{ 28, S_WAITING, CHK_OUTCOME, BPACCT_OUTCOME_ACCEPTED, 0 },
	{ 29, S_NOT_OFFICER, CHK_NONE, 0, 0 },
	{ 30, 0, CHK_NONE, 0, 0 },
	{ 31, S_NOPENDING, CHK_NONE, 0, 0 },
	{ 32, S_LATE, CHK_NONE, 0, 0 },
	{ 33, S_WARN | S_NOPENDING, CHK_WARNING, 0, 0 },
	{ 34, 0, CHK_SILENT, 0, 0 },
	{ 35, S_UNLOCK, CHK_NONE, 0, 0 },
	{ 36, 0, CHK_NONE, 0, 0 },
	{ 37, 0, CHK_NONE, 0, 0 },
	{ 38, S_HOSTLOCK, CHK_NONE, 0, 0 },
	{ 39, 0, CHK_NONE, 0, 0 },
	{ 40, 0, CHK_NONE, 0, 0 },
	{ 41, 0, CHK_NONE, 0, 0 },
	{ 42, 0, CHK_OUTCOME, BPACCT_OUTCOME_REJECTED, R(ALREADY_CANCELLED) },
	{ 43, S_WAITING, CHK_NONE, 0, 0 },
	{ 44, 0, CHK_NONE, 0, 0 },
	{ 45, 0, CHK_NONE, 0, 0 },
	{ 46, 0, CHK_NONE, 0, 0 },
	{ 47, 0, CHK_NONE, 0, 0 },
};

typedef struct world {
	bpacct_profile profile;
	bpacct_account *acc;
	bpacct_request *req;
	bpacct_effects *fx;
	char day[11]; /* the day of the scenario's events */
} world;

static int64_t at_on(const world *w, const char *hhmm)
{
	char text[32];
	snprintf(text, sizeof text, "%sT%s:00+07:00", w->day, hhmm);
	return tst_at(text);
}

static bpacct_event event(const world *w, int32_t input, const char *hhmm)
{
	bpacct_event e = tl_event(input, "2026-03-15T10:00:00+07:00");
	e.at = at_on(w, hhmm);
	return e;
}

static bpacct_event submission(const world *w, int32_t input,
			       const char *hhmm)
{
	bpacct_event e;
	if (w->profile.procedure == BPACCT_PROCEDURE_BP)
		e = tl_bp_request("2026-03-15T10:00:00+07:00", "Q1",
				  BPACCT_CHANNEL_ONLINE);
	else
		e = tl_xnc_request("2026-03-15T10:00:00+07:00", "Q1",
				   BPACCT_CHANNEL_ONLINE, "A1");
	e.input = input;
	e.at = at_on(w, hhmm);
	return e;
}

static void apply(world *w, bpacct_request *r, const bpacct_event *e)
{
	tl_apply(&w->profile, w->acc, r, e, w->fx);
}

static void make_profile(world *w, uint32_t setup)
{
	int32_t base = (setup & (S_XNC | S_HOSTLOCK)) ? BPACCT_PROCEDURE_XNC
						      : BPACCT_PROCEDURE_BP;
	assert_int_equal(bpacct_profile_init(&w->profile,
					     BPACCT_PROFILE_VERSION, base),
			 BPACCT_OK);
	if (setup & S_UNLOCK)
		w->profile.policies |= BPACCT_POLICY_UNLOCK;
	if (setup & S_WARN)
		w->profile.warning_days = 30;
	if (setup & S_HOSTLOCK) {
		w->profile.procedure = 100;
		w->profile.lock_rule = BPACCT_RULE_BP_LOCK;
	}
}

/* Brings the account to `target` (in session hours on a working day:
 * 2026-04-01 is a Wednesday, 2026-08-20 a Thursday). */
static void reach(world *w, int32_t target, uint32_t setup)
{
	bpacct_event e;

	if (target == N)
		return;
	e = tl_event(BPACCT_INPUT_ISSUE, "2026-03-15T10:00:00+07:00");
	e.owner = TL_OWNER;
	e.holder_id_type = BPACCT_ID_CCCD;
	e.holder_id_number = TL_CCCD;
	apply(w, NULL, &e);
	if (setup & S_PENDING) {
		bpacct_request *q = tl_request("Q0");
		e = submission(w, BPACCT_INPUT_REQUEST, "08:45");
		e.request = "Q0";
		apply(w, q, &e);
		bpacct_request_free(q);
	}
	if (setup & S_WAITING) {
		e = submission(w, BPACCT_INPUT_REQUEST, "08:30");
		e.documents = BPACCT_DOC_APPLICATION;
		e.na20_sealed = 0;
		apply(w, w->req, &e);
		assert_int_equal(tl_req(w->req, BPACCT_FIELD_STATE),
				 BPACCT_REQUEST_SUPPLEMENT);
	}
	if (target == A)
		return;
	e = event(w, BPACCT_INPUT_RISK, "09:00");
	/* Locked before the warning is due (E6 would send it first). */
	if (setup & S_WARN)
		e.at = tst_at("2026-08-10T09:00:00+07:00");
	apply(w, NULL, &e);
	assert_int_equal(tl_acc(w->acc, BPACCT_FIELD_STATE), L);
	if (setup & S_NOPENDING) {
		w->acc->pending_rule = 0;
		w->acc->pending_case = 0;
		w->acc->pending_due = BPACCT_INSTANT_NONE;
	}
	if (target == L)
		return;
	e = event(w, BPACCT_INPUT_CANCEL, "09:30");
	apply(w, NULL, &e);
	assert_int_equal(tl_acc(w->acc, BPACCT_FIELD_STATE), C);
}

static bpacct_event input_event(const world *w, int32_t input,
				uint32_t setup)
{
	const char *hhmm = (setup & S_LATE) ? "11:30" : "10:00";
	bpacct_event e;

	if (input == BPACCT_INPUT_REQUEST || input == BPACCT_INPUT_SUPPLEMENT)
		return submission(w, input, hhmm);
	e = event(w, input, hhmm);
	e.owner = TL_OWNER;
	e.holder_id_type = BPACCT_ID_CCCD;
	e.holder_id_number = TL_CCCD;
	e.flag = 1;
	if (setup & S_NOT_OFFICER)
		e.actor = BPACCT_ACTOR_OWNER;
	return e;
}

static void check_extra(const world *w, const scenario *sc)
{
	uint32_t o;

	switch (sc->check) {
	case CHK_SILENT:
		assert_int_equal(tl_count(w->fx), 0);
		break;
	case CHK_WARNING:
		assert_int_equal(tl_int(w->fx, tl_one(w->fx, BPACCT_EFFECT_NOTICE),
					BPACCT_FIELD_KIND),
				 BPACCT_NOTICE_INACTIVITY_WARNING);
		break;
	case CHK_OUTCOME:
		o = tl_one(w->fx, BPACCT_EFFECT_OUTCOME);
		assert_int_equal(tl_int(w->fx, o, BPACCT_FIELD_OUTCOME),
				 sc->outcome);
		if (sc->reason)
			assert_int_equal(tl_reason(w->fx, o, 0), sc->reason);
		else
			assert_int_equal(tl_int(w->fx, o,
						BPACCT_FIELD_REASON_COUNT),
					 0);
		break;
	case CHK_REQ_REFUSED:
		assert_int_equal(tl_refused(w->fx), sc->reason);
		break;
	default:
		break;
	}
}

static void run_scenario(const scenario *sc)
{
	const row *want = &matrix[sc->row];
	world w;
	struct bpacct_account before;
	bpacct_event e;

	memcpy(w.day, (sc->setup & S_WARN) ? "2026-08-20" : "2026-04-01", 11);
	make_profile(&w, sc->setup);
	w.acc = tl_account("A1");
	w.req = tl_request("Q1");
	w.fx = tl_effects();
	reach(&w, want->from, sc->setup);
	tl_snapshot(w.acc, &before);
	e = input_event(&w, want->input, sc->setup);
	apply(&w, w.req, &e);
	if (want->to < 0) {
		/* A refusal: its reason, and nothing changed. */
		assert_int_equal(tl_refused(w.fx), want->reason);
		assert_memory_equal(&before, w.acc, sizeof before);
		tl_one(w.fx, BPACCT_EFFECT_AUDIT);
	} else {
		assert_int_equal(tl_acc(w.acc, BPACCT_FIELD_STATE), want->to);
		if (sc->check != CHK_REQ_REFUSED)
			assert_int_equal(tl_refused(w.fx), 0);
	}
	check_extra(&w, sc);
	bpacct_account_free(w.acc);
	bpacct_request_free(w.req);
	bpacct_effects_free(w.fx);
}

static void test_fsm_every_row_through_bpacct_apply(void **state)
{
	int covered[ROWS] = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
		run_scenario(&scenarios[i]);
		covered[scenarios[i].row] = 1;
	}
	for (size_t r = 0; r < ROWS; r++)
		assert_int_equal(covered[r], 1);
}

/* E1: no input takes a cancelled account anywhere. */
static void test_e1_nothing_leaves_cancelled(void **state)
{
	int32_t from, input, to, reason;
	uint32_t n = 0;

	(void)state;
	assert_int_equal(bpacct_fsm_transition_count(&n), BPACCT_OK);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(bpacct_fsm_transition_at(i, &from, &input, &to,
							  &reason),
				 BPACCT_OK);
		if (from == C)
			assert_true(to == -1 || to == C);
		if (to == -1)
			assert_true(reason > 0);
	}
}

static void test_d25_dot_names_every_state_and_input(void **state)
{
	size_t len = 0, len2 = 0;
	char *buf, small[16];

	(void)state;
	assert_int_equal(bpacct_fsm_dot(NULL, 0, &len), BPACCT_EBUFSIZE);
	assert_true(len > 1000);
	buf = test_malloc(len + 1);
	assert_int_equal(bpacct_fsm_dot(buf, len + 1, &len2), BPACCT_OK);
	assert_int_equal(len2, len);
	assert_int_equal(strlen(buf), len);
	assert_true(strncmp(buf, "digraph bpacct {", 16) == 0);
	for (int32_t s = 0; s <= 3; s++)
		assert_non_null(strstr(buf, bpacct_value_name(
					       BPACCT_FIELD_STATE, s)));
	for (int32_t i = 1; i <= 9; i++)
		assert_non_null(strstr(buf, bpacct_value_name(
					       BPACCT_FIELD_INPUT, i)));
	for (int32_t s = 0; s <= 4; s++)
		assert_non_null(strstr(buf, bpacct_value_name(
					       BPACCT_FIELD_REQUEST_STATE, s)));
	assert_non_null(strstr(buf, "\"account/active\" -> \"account/locked\" "
				    "[label=\"risk [lock rule] / lock\"];"));
	assert_non_null(strstr(buf, "account_cancelled"));
	assert_non_null(strstr(buf, "cluster_request"));
	assert_int_equal(bpacct_fsm_dot(small, sizeof small, &len2),
			 BPACCT_EBUFSIZE);
	assert_int_equal(len2, len);
	assert_int_equal(strlen(small), sizeof small - 1);
	assert_int_equal(bpacct_fsm_dot(buf, len + 1, NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_fsm_dot(NULL, 5, &len2), BPACCT_EINVAL);
	test_free(buf);
}

static void test_value_names_are_the_contract_names(void **state)
{
	static const struct {
		int32_t field, value;
		const char *name;
	} names[] = {
		{ BPACCT_FIELD_STATE, 0, "none" },
		{ BPACCT_FIELD_STATE, 1, "active" },
		{ BPACCT_FIELD_STATE, 2, "locked" },
		{ BPACCT_FIELD_STATE, 3, "cancelled" },
		{ BPACCT_FIELD_INPUT, 1, "issue" },
		{ BPACCT_FIELD_INPUT, 2, "use" },
		{ BPACCT_FIELD_INPUT, 3, "risk" },
		{ BPACCT_FIELD_INPUT, 4, "request" },
		{ BPACCT_FIELD_INPUT, 5, "supplement" },
		{ BPACCT_FIELD_INPUT, 6, "cancel" },
		{ BPACCT_FIELD_INPUT, 7, "tick" },
		{ BPACCT_FIELD_INPUT, 8, "unlock" },
		{ BPACCT_FIELD_INPUT, 9, "exclude" },
		{ BPACCT_FIELD_REQUEST_STATE, 0, "none" },
		{ BPACCT_FIELD_REQUEST_STATE, 1, "supplement" },
		{ BPACCT_FIELD_REQUEST_STATE, 2, "accepted" },
		{ BPACCT_FIELD_REQUEST_STATE, 3, "rejected" },
		{ BPACCT_FIELD_REQUEST_STATE, 4, "refused" },
		{ BPACCT_FIELD_OUTCOME, 1, "accepted" },
		{ BPACCT_FIELD_OUTCOME, 2, "supplement" },
		{ BPACCT_FIELD_OUTCOME, 3, "rejected" },
		{ BPACCT_FIELD_OUTCOME, 4, "refused" },
		{ BPACCT_FIELD_CASE, 0, "none" },
		{ BPACCT_FIELD_CASE, 1, "bp-a" },
		{ BPACCT_FIELD_CASE, 2, "bp-b" },
		{ BPACCT_FIELD_CASE, 3, "bp-c" },
		{ BPACCT_FIELD_CASE, 4, "xnc" },
		{ BPACCT_FIELD_ACTOR, 1, "officer" },
		{ BPACCT_FIELD_ACTOR, 2, "owner" },
		{ BPACCT_FIELD_ACTOR, 3, "system" },
		{ BPACCT_FIELD_ACTOR, 4, "holder" },
		{ BPACCT_FIELD_TYPE, 1, "outcome" },
		{ BPACCT_FIELD_TYPE, 2, "transition" },
		{ BPACCT_FIELD_TYPE, 3, "notice" },
		{ BPACCT_FIELD_TYPE, 4, "deadline" },
		{ BPACCT_FIELD_TYPE, 5, "audit" },
		{ BPACCT_FIELD_TYPE, 6, "refused" },
		{ BPACCT_FIELD_KIND, 1, "cancellation_notice" },
		{ BPACCT_FIELD_KIND, 2, "lock_notice" },
		{ BPACCT_FIELD_KIND, 3, "receipt" },
		{ BPACCT_FIELD_KIND, 4, "acceptance" },
		{ BPACCT_FIELD_KIND, 5, "supplement_request" },
		{ BPACCT_FIELD_KIND, 6, "rejection" },
		{ BPACCT_FIELD_KIND, 7, "nb10" },
		{ BPACCT_FIELD_KIND, 8, "inactivity_warning" },
		{ BPACCT_FIELD_DOCUMENT, 1, "NB10" },
		{ BPACCT_FIELD_DOCUMENT, 2, "MAU06" },
		{ BPACCT_FIELD_PROCEDURE, 1, "bp" },
		{ BPACCT_FIELD_PROCEDURE, 2, "xnc" },
		{ BPACCT_FIELD_CHANNEL, 3, "online" },
		{ BPACCT_FIELD_RULE, 2, "bp-lock" },
		{ BPACCT_FIELD_STATE, 4, "unknown" },
		{ BPACCT_FIELD_INPUT, 0, "unknown" },
		{ BPACCT_FIELD_KIND, 9, "unknown" },
		{ BPACCT_FIELD_OWNER, 1, "unknown" },
		{ BPACCT_FIELD_STATE, -1, "unknown" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_string_equal(bpacct_value_name(names[i].field,
						      names[i].value),
				    names[i].name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fsm_table_is_the_state_input_matrix),
		cmocka_unit_test(test_fsm_every_row_through_bpacct_apply),
		cmocka_unit_test(test_e1_nothing_leaves_cancelled),
		cmocka_unit_test(test_d25_dot_names_every_state_and_input),
		cmocka_unit_test(test_value_names_are_the_contract_names),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
