/*
 * Procedure BP through bpacct_apply(): one test per requirement id and
 * rule (seeds-en.md BP-A1..BP-C2, rules.md BP-R1..R6, E1..E4), on real
 * records, against literal instants from the spec (domain-reference
 * worked examples E10, E11, E12).
 */
#include "test_lifecycle_support.h"

#include <bpacct/sys/store.h>

#define ISSUED_AT "2026-11-02T08:00:00+07:00"

typedef struct fixture {
	const bpacct_profile *bp;
	bpacct_account *acc;
	bpacct_request *req;
	bpacct_effects *fx;
} fixture;

static fixture f;

static int setup(void **state)
{
	(void)state;
	f.bp = tl_builtin(BPACCT_PROCEDURE_BP);
	f.acc = tl_account("A1");
	f.req = tl_request("Q1");
	f.fx = tl_effects();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	bpacct_account_free(f.acc);
	bpacct_request_free(f.req);
	bpacct_effects_free(f.fx);
	return 0;
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

static void issue(const char *at)
{
	tl_issue(f.bp, f.acc, f.fx, at);
}

static void step(const bpacct_profile *p, bpacct_request *r,
		 const bpacct_event *e)
{
	tl_apply(p, f.acc, r, e, f.fx);
}

static void tick(const char *at)
{
	bpacct_event e = tl_event(BPACCT_INPUT_TICK, at);
	step(f.bp, NULL, &e);
}

/* The step's cancellation: transition, notice, audit. */
static void expect_cancelled(const char *at, int32_t case_, int32_t actor,
			     const char *request, int32_t channel)
{
	uint32_t t = tl_one(f.fx, BPACCT_EFFECT_TRANSITION);
	uint32_t n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);
	uint32_t a = tl_one(f.fx, BPACCT_EFFECT_AUDIT);

	tl_instant_is(tl_int(f.fx, t, BPACCT_FIELD_AT), at);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_TO),
			 BPACCT_STATE_CANCELLED);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_CASE), case_);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_ACTOR), actor);
	assert_string_equal(tl_text(f.fx, t, BPACCT_FIELD_REQUEST), request);
	/* BP-A3, BP-B3, BP-C2, BP-R6: the notice to both recipients. */
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_CANCELLATION);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_DOCUMENT),
			 BPACCT_DOCUMENT_MAU06);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_CHANNEL), channel);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_FEE), 0);
	tl_instant_is(tl_int(f.fx, n, BPACCT_FIELD_AVAILABLE_FROM), at);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_TO),
			 BPACCT_STATE_CANCELLED);
	tl_instant_is(tl_int(f.fx, a, BPACCT_FIELD_AT), at);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	tl_instant_is(tl_acc(f.acc, BPACCT_FIELD_CANCELLED), at);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_PENDING_RULE), 0);
}

static void test_bp_a1_application_with_three_papers_accepted_by_each_channel(
	void **state)
{
	static const int32_t channels[] = { BPACCT_CHANNEL_IN_PERSON,
					    BPACCT_CHANNEL_POSTAL,
					    BPACCT_CHANNEL_ONLINE };
	(void)state;
	issue(ISSUED_AT);
	for (size_t i = 0; i < 3; i++) {
		bpacct_account *a = tl_account("A1");
		bpacct_request *r = tl_request("Q1");
		bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00",
					       "Q1", channels[i]);
		uint32_t o, d;

		assert_int_equal(bpacct_account_copy(a, f.acc), BPACCT_OK);
		tl_apply(f.bp, a, r, &e, f.fx);
		o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
		assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME),
				 BPACCT_OUTCOME_ACCEPTED);
		assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 0);
		tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_RECEIVED),
			      "2026-11-16T09:00:00+07:00");
		tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_DUE),
			      "2026-11-16T11:00:00+07:00");
		d = tl_one(f.fx, BPACCT_EFFECT_DEADLINE);
		assert_int_equal(tl_int(f.fx, d, BPACCT_FIELD_RULE),
				 BPACCT_RULE_BP_REQUEST);
		/* The acceptance owes no notice: the cancellation's follows. */
		assert_false(tl_has(f.fx, BPACCT_EFFECT_NOTICE));
		assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE),
				 BPACCT_STATE_ACTIVE);
		assert_int_equal(tl_acc(a, BPACCT_FIELD_PENDING_CASE),
				 BPACCT_CASE_BP_A);
		assert_string_equal(tl_acc_text(a, BPACCT_FIELD_PENDING_REQUEST),
				    "Q1");
		assert_int_equal(tl_acc(a, BPACCT_FIELD_CHANNEL), channels[i]);
		assert_int_equal(tl_req(r, BPACCT_FIELD_STATE),
				 BPACCT_REQUEST_ACCEPTED);
		bpacct_account_free(a);
		bpacct_request_free(r);
	}
}

static void test_bp_a1_bp_r2_missing_papers_supplement_lists_every_problem(
	void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_POSTAL);
	struct bpacct_account before;
	uint32_t o, n;

	(void)state;
	issue(ISSUED_AT);
	tl_snapshot(f.acc, &before);
	e.documents = BPACCT_DOC_APPLICATION;
	step(f.bp, f.req, &e);
	o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 2);
	assert_int_equal(tl_reason(f.fx, o, 0),
			 BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION);
	assert_int_equal(tl_reason(f.fx, o, 1), BPACCT_REASON_MISSING_IDENTITY);
	n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_CHANNEL),
			 BPACCT_CHANNEL_POSTAL);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_REASON_COUNT), 2);
	assert_false(tl_has(f.fx, BPACCT_EFFECT_DEADLINE));
	assert_memory_equal(&before, f.acc, sizeof before);
	assert_int_equal(tl_req(f.req, BPACCT_FIELD_STATE),
			 BPACCT_REQUEST_SUPPLEMENT);
}

static void test_bp_r2_stranger_rejected_whatever_it_attaches(void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	uint32_t o, n;

	(void)state;
	issue(ISSUED_AT);
	e.requester = TL_STRANGER;
	step(f.bp, f.req, &e);
	o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_REJECTED);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 1);
	assert_int_equal(tl_reason(f.fx, o, 0), BPACCT_REASON_NOT_OWNER);
	/* The rejection goes back to whoever asked, not to the owner. */
	n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_REJECTION);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_REQUESTER);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_PENDING_RULE), 0);
}

static void test_bp_a2_bp_r3_engine_cancels_at_receipt_plus_2h(void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	int64_t due = 0;

	(void)state;
	issue(ISSUED_AT);
	step(f.bp, f.req, &e);
	assert_int_equal(bpacct_account_next_due(f.bp, tst_cal, f.acc, &due),
			 BPACCT_OK);
	tl_instant_is(due, "2026-11-16T11:00:00+07:00");
	tick("2026-11-16T10:59:59+07:00");
	assert_int_equal(tl_count(f.fx), 0);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	tick("2026-11-16T11:00:00+07:00");
	expect_cancelled("2026-11-16T11:00:00+07:00", BPACCT_CASE_BP_A,
			 BPACCT_ACTOR_SYSTEM, "Q1", BPACCT_CHANNEL_ONLINE);
	assert_int_equal(bpacct_account_next_due(f.bp, tst_cal, f.acc, &due),
			 BPACCT_OK);
	assert_true(due == TL_NONE);
}

static void test_bp_r3_late_tick_cancels_as_of_the_due_instant(void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_IN_PERSON);
	(void)state;
	issue(ISSUED_AT);
	step(f.bp, f.req, &e);
	tick("2026-11-16T15:00:00+07:00");
	expect_cancelled("2026-11-16T11:00:00+07:00", BPACCT_CASE_BP_A,
			 BPACCT_ACTOR_SYSTEM, "Q1", BPACCT_CHANNEL_IN_PERSON);
}

static void test_bp_r3_officer_may_cancel_before_the_due(void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	bpacct_event c = tl_event(BPACCT_INPUT_CANCEL,
				  "2026-11-16T10:00:00+07:00");
	(void)state;
	issue(ISSUED_AT);
	step(f.bp, f.req, &e);
	step(f.bp, NULL, &c);
	expect_cancelled("2026-11-16T10:00:00+07:00", BPACCT_CASE_BP_A,
			 BPACCT_ACTOR_OFFICER, "Q1", BPACCT_CHANNEL_ONLINE);
}

static void test_bp_r3_e10_due_2h_after_the_supplement_receipt(void **state)
{
	bpacct_event e = tl_bp_request("2026-04-30T10:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	bpacct_event s = tl_event(BPACCT_INPUT_SUPPLEMENT,
				  "2026-05-01T23:15:00+07:00");
	uint32_t o;

	(void)state;
	s.requester = TL_OWNER; /* E5: the requester on record */
	issue("2026-03-02T08:00:00+07:00");
	e.documents &= ~BPACCT_DOC_IDENTITY;
	step(f.bp, f.req, &e);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_OUTCOME),
				BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_SUPPLEMENT);
	/* E10: received Fri 2026-05-01 23:15 (a holiday), clock hours. */
	s.request = "Q1";
	s.documents = BPACCT_DOC_IDENTITY;
	step(f.bp, f.req, &s);
	o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_ACCEPTED);
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_RECEIVED),
		      "2026-05-01T23:15:00+07:00");
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_DUE),
		      "2026-05-02T01:15:00+07:00");
	tl_instant_is(tl_acc(f.acc, BPACCT_FIELD_PENDING_DUE),
		      "2026-05-02T01:15:00+07:00");
	assert_int_equal(tl_req(f.req, BPACCT_FIELD_FIRST_OUTCOME),
			 BPACCT_OUTCOME_SUPPLEMENT);
	tick("2026-05-02T01:15:00+07:00");
	expect_cancelled("2026-05-02T01:15:00+07:00", BPACCT_CASE_BP_A,
			 BPACCT_ACTOR_SYSTEM, "Q1", BPACCT_CHANNEL_ONLINE);
}

static void test_bp_a3_bp_r6_notice_to_both_by_the_application_channel(
	void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_POSTAL);
	(void)state;
	issue(ISSUED_AT);
	step(f.bp, f.req, &e);
	tick("2026-11-16T11:00:00+07:00");
	expect_cancelled("2026-11-16T11:00:00+07:00", BPACCT_CASE_BP_A,
			 BPACCT_ACTOR_SYSTEM, "Q1", BPACCT_CHANNEL_POSTAL);
}

static void risk(const bpacct_profile *p, const char *at)
{
	bpacct_event e = tl_event(BPACCT_INPUT_RISK, at);
	e.detail = "đăng nhập bất thường từ địa chỉ lạ";
	step(p, NULL, &e);
}

static void test_bp_b1_b2_b3_bp_r4_e11_lock_at_once_cancel_by_lock_plus_2h(
	void **state)
{
	uint32_t t, d;

	(void)state;
	issue("2026-01-05T08:00:00+07:00");
	risk(f.bp, "2026-02-16T22:30:00+07:00"); /* E11: Tết eve */
	t = tl_one(f.fx, BPACCT_EFFECT_TRANSITION);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_FROM),
			 BPACCT_STATE_ACTIVE);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_TO),
			 BPACCT_STATE_LOCKED);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_CASE), BPACCT_CASE_BP_B);
	tl_instant_is(tl_int(f.fx, t, BPACCT_FIELD_AT),
		      "2026-02-16T22:30:00+07:00");
	d = tl_one(f.fx, BPACCT_EFFECT_DEADLINE);
	assert_int_equal(tl_int(f.fx, d, BPACCT_FIELD_RULE),
			 BPACCT_RULE_BP_LOCK);
	tl_instant_is(tl_int(f.fx, d, BPACCT_FIELD_DUE),
		      "2026-02-17T00:30:00+07:00");
	/* BP-R4: no lock notice by default. */
	assert_false(tl_has(f.fx, BPACCT_EFFECT_NOTICE));
	tl_instant_is(tl_acc(f.acc, BPACCT_FIELD_LOCKED),
		      "2026-02-16T22:30:00+07:00");
	tick("2026-02-17T00:29:59+07:00");
	assert_int_equal(tl_count(f.fx), 0);
	tick("2026-02-17T00:30:00+07:00");
	/* BP-B3, BP-R6: cases B and C by the portal. */
	expect_cancelled("2026-02-17T00:30:00+07:00", BPACCT_CASE_BP_B,
			 BPACCT_ACTOR_SYSTEM, "", BPACCT_CHANNEL_ONLINE);
}

static void test_bp_r4_locked_account_cannot_be_used(void **state)
{
	bpacct_event u = tl_event(BPACCT_INPUT_USE,
				  "2026-02-16T23:00:00+07:00");
	struct bpacct_account before;

	(void)state;
	issue("2026-01-05T08:00:00+07:00");
	risk(f.bp, "2026-02-16T22:30:00+07:00");
	tl_snapshot(f.acc, &before);
	step(f.bp, NULL, &u);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_ACCOUNT_LOCKED);
	assert_memory_equal(&before, f.acc, sizeof before);
}

static void test_bp_b2_officer_cancels_a_locked_account_before_the_due(
	void **state)
{
	bpacct_event c = tl_event(BPACCT_INPUT_CANCEL,
				  "2026-02-16T23:10:00+07:00");
	(void)state;
	issue("2026-01-05T08:00:00+07:00");
	risk(f.bp, "2026-02-16T22:30:00+07:00");
	step(f.bp, NULL, &c);
	expect_cancelled("2026-02-16T23:10:00+07:00", BPACCT_CASE_BP_B,
			 BPACCT_ACTOR_OFFICER, "", BPACCT_CHANNEL_ONLINE);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_TRANSITION),
				BPACCT_FIELD_FROM),
			 BPACCT_STATE_LOCKED);
}

static void test_bp_r4_lock_notice_policy_on_notifies_both(void **state)
{
	bpacct_profile p;
	uint32_t n;

	(void)state;
	assert_int_equal(bpacct_profile_init(&p, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	p.policies |= BPACCT_POLICY_LOCK_NOTICE;
	issue("2026-01-05T08:00:00+07:00");
	risk(&p, "2026-02-16T22:30:00+07:00");
	n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_LOCK);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_CHANNEL),
			 BPACCT_CHANNEL_ONLINE);
	assert_string_equal(tl_text(f.fx, n, BPACCT_FIELD_DETAIL),
			    "đăng nhập bất thường từ địa chỉ lạ");
}

static void test_bp_r4_unlock_policy_off_refuses_unlock(void **state)
{
	bpacct_event u = tl_event(BPACCT_INPUT_UNLOCK,
				  "2026-02-16T23:00:00+07:00");
	(void)state;
	issue("2026-01-05T08:00:00+07:00");
	risk(f.bp, "2026-02-16T22:30:00+07:00");
	step(f.bp, NULL, &u);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_UNLOCK_NOT_ALLOWED);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE),
			 BPACCT_STATE_LOCKED);
}

static void test_bp_r4_unlock_policy_on_unlocks_and_drops_the_lock_due(
	void **state)
{
	bpacct_profile p;
	bpacct_event u = tl_event(BPACCT_INPUT_UNLOCK,
				  "2026-02-16T23:00:00+07:00");
	bpacct_event use = tl_event(BPACCT_INPUT_USE,
				    "2026-02-16T23:05:00+07:00");
	(void)state;
	assert_int_equal(bpacct_profile_init(&p, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	p.policies |= BPACCT_POLICY_UNLOCK;
	issue("2026-01-05T08:00:00+07:00");
	risk(&p, "2026-02-16T22:30:00+07:00");
	step(&p, NULL, &u);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_TRANSITION),
				BPACCT_FIELD_TO),
			 BPACCT_STATE_ACTIVE);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_PENDING_RULE), 0);
	assert_true(tl_acc(f.acc, BPACCT_FIELD_LOCKED) == TL_NONE);
	step(&p, NULL, &use);
	assert_int_equal(tl_refused(f.fx), 0);
	tick("2026-02-17T01:00:00+07:00");
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
}

static void test_bp_c1_c2_bp_r5_e12_never_used_cancelled_2026_09_16(void **state)
{
	int64_t due = 0;
	uint32_t d;

	(void)state;
	issue("2026-03-15T10:00:00+07:00");
	d = tl_one(f.fx, BPACCT_EFFECT_DEADLINE);
	assert_int_equal(tl_int(f.fx, d, BPACCT_FIELD_RULE),
			 BPACCT_RULE_BP_INACTIVITY);
	tl_instant_is(tl_int(f.fx, d, BPACCT_FIELD_DUE),
		      "2026-09-16T00:00:00+07:00");
	assert_int_equal(bpacct_account_next_due(f.bp, tst_cal, f.acc, &due),
			 BPACCT_OK);
	tl_instant_is(due, "2026-09-16T00:00:00+07:00");
	tick("2026-09-15T23:59:59+07:00");
	assert_int_equal(tl_count(f.fx), 0);
	tick("2026-09-16T00:00:00+07:00");
	/* BP-C2, BP-R6: online, to both. */
	expect_cancelled("2026-09-16T00:00:00+07:00", BPACCT_CASE_BP_C,
			 BPACCT_ACTOR_SYSTEM, "", BPACCT_CHANNEL_ONLINE);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_TRANSITION),
				BPACCT_FIELD_RULE),
			 BPACCT_RULE_BP_INACTIVITY);
}

static void test_bp_r5_reading_a_used_account_is_never_cancelled(void **state)
{
	bpacct_event u = tl_event(BPACCT_INPUT_USE,
				  "2026-04-01T10:00:00+07:00");
	int64_t due = 0;

	(void)state;
	issue("2026-03-15T10:00:00+07:00");
	step(f.bp, NULL, &u);
	assert_int_equal(tl_count(f.fx), 0);
	tl_instant_is(tl_acc(f.acc, BPACCT_FIELD_LAST_USED),
		      "2026-04-01T10:00:00+07:00");
	assert_int_equal(bpacct_account_next_due(f.bp, tst_cal, f.acc, &due),
			 BPACCT_OK);
	assert_true(due == TL_NONE);
	tick("2027-06-01T00:00:00+07:00");
	assert_int_equal(tl_count(f.fx), 0);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
}

/* The effect of `type` whose field `field` is `value`, nth (0-based). */
static uint32_t find_where(int32_t type, int32_t field, int64_t value)
{
	for (int k = 0;; k++) {
		int i = tl_find(f.fx, type, k);

		assert_true(i >= 0);
		if (tl_int(f.fx, (uint32_t)i, field) == value)
			return (uint32_t)i;
	}
}

/* E6, BP-R5 (a): a use after a passed due, with no tick in between,
 * meets an account the rules already cancelled at the due instant, by the
 * system; the use is refused. */
static void test_e6_bp_r5_use_after_the_due_meets_it_cancelled(void **state)
{
	bpacct_event u = tl_event(BPACCT_INPUT_USE,
				  "2026-09-20T10:00:00+07:00");
	uint32_t t;

	(void)state;
	issue("2026-03-15T10:00:00+07:00");
	step(f.bp, NULL, &u);
	t = tl_one(f.fx, BPACCT_EFFECT_TRANSITION);
	tl_instant_is(tl_int(f.fx, t, BPACCT_FIELD_AT),
		      "2026-09-16T00:00:00+07:00");
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_CASE), BPACCT_CASE_BP_C);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_ACTOR),
			 BPACCT_ACTOR_SYSTEM);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_NOTICE),
				BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_ACCOUNT_CANCELLED);
	tl_instant_is(tl_acc(f.acc, BPACCT_FIELD_CANCELLED),
		      "2026-09-16T00:00:00+07:00");
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_LAST_USED), TL_NONE);
}

/* E6, BP-R5 (a): the 0.4.0 bug.  Issued 2026-05-18, used 2026-06-01, then
 * not until 2026-12-01: used within its first six months, it is never
 * cancelled for inactivity, whenever the next use comes and however the
 * host ticks. */
static void test_e6_bp_r5_used_in_its_first_month_is_never_cancelled(
	void **state)
{
	static const char *const later[] = {
		"2026-11-18T23:59:59+07:00", "2026-11-19T00:00:00+07:00",
		"2026-12-01T09:00:00+07:00", "2028-05-18T09:00:00+07:00",
	};
	bpacct_event u = tl_event(BPACCT_INPUT_USE,
				  "2026-06-01T10:00:00+07:00");

	(void)state;
	issue("2026-05-18T10:00:00+07:00");
	step(f.bp, NULL, &u);
	for (size_t i = 0; i < sizeof later / sizeof later[0]; i++) {
		u = tl_event(BPACCT_INPUT_USE, later[i]);
		tick(later[i]);
		assert_false(tl_has(f.fx, BPACCT_EFFECT_TRANSITION));
		step(f.bp, NULL, &u);
		assert_false(tl_has(f.fx, BPACCT_EFFECT_TRANSITION));
		assert_false(tl_has(f.fx, BPACCT_EFFECT_REFUSED));
		assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE),
				 BPACCT_STATE_ACTIVE);
	}
	tl_instant_is(tl_acc(f.acc, BPACCT_FIELD_FIRST_USED),
		      "2026-06-01T10:00:00+07:00");
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_PENDING_RULE), 0);
}

/* E6: an officer's cancel after the 2-hour due of an accepted request
 * (BP-R3) finds the cancellation already executed at the due, by the
 * system, and is refused. */
static void test_e6_officer_cancel_after_the_due_is_the_systems(void **state)
{
	bpacct_event r = tl_bp_request("2026-11-16T03:32:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	bpacct_event c = tl_event(BPACCT_INPUT_CANCEL,
				  "2026-11-16T07:59:00+07:00");
	uint32_t t;

	(void)state;
	issue(ISSUED_AT);
	step(f.bp, f.req, &r);
	step(f.bp, NULL, &c);
	t = tl_one(f.fx, BPACCT_EFFECT_TRANSITION);
	tl_instant_is(tl_int(f.fx, t, BPACCT_FIELD_AT),
		      "2026-11-16T05:32:00+07:00");
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_ACTOR),
			 BPACCT_ACTOR_SYSTEM);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_CASE), BPACCT_CASE_BP_A);
	assert_string_equal(tl_text(f.fx, t, BPACCT_FIELD_REQUEST), "Q1");
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_ACCOUNT_CANCELLED);
}

/* E6: a risk at 03:08 on an account whose inactivity due was 00:00 finds
 * it cancelled (bp-c, from active), sends no lock notice, locks nothing. */
static void test_e6_risk_after_the_inactivity_due_finds_it_cancelled(
	void **state)
{
	bpacct_profile p;
	bpacct_event k = tl_event(BPACCT_INPUT_RISK,
				  "2026-09-16T03:08:00+07:00");
	uint32_t t;

	(void)state;
	assert_int_equal(bpacct_profile_init(&p, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	p.policies |= BPACCT_POLICY_LOCK_NOTICE;
	tl_issue(&p, f.acc, f.fx, "2026-03-15T10:00:00+07:00");
	step(&p, NULL, &k);
	t = tl_one(f.fx, BPACCT_EFFECT_TRANSITION);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_FROM),
			 BPACCT_STATE_ACTIVE);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_CASE), BPACCT_CASE_BP_C);
	tl_instant_is(tl_int(f.fx, t, BPACCT_FIELD_AT),
		      "2026-09-16T00:00:00+07:00");
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_NOTICE),
				BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_CANCELLATION);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_ACCOUNT_CANCELLED);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_LOCKED), TL_NONE);
}

/* E6: with the warning policy, a use long after both the warning and the
 * due meets the warning then the cancellation, each at its own instant. */
static void test_e6_warning_then_cancellation_run_in_due_order(void **state)
{
	bpacct_profile p;
	bpacct_event u = tl_event(BPACCT_INPUT_USE,
				  "2026-10-01T10:00:00+07:00");
	uint32_t n, t;

	(void)state;
	assert_int_equal(bpacct_profile_init(&p, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	p.warning_days = 10;
	tl_issue(&p, f.acc, f.fx, "2026-03-15T10:00:00+07:00");
	step(&p, NULL, &u);
	n = find_where(BPACCT_EFFECT_NOTICE, BPACCT_FIELD_KIND,
		       BPACCT_NOTICE_INACTIVITY_WARNING);
	t = tl_one(f.fx, BPACCT_EFFECT_TRANSITION);
	assert_true(n < t);
	tl_instant_is(tl_int(f.fx, n, BPACCT_FIELD_AT),
		      "2026-09-06T00:00:00+07:00"); /* due − 10 days */
	tl_instant_is(tl_int(f.fx, t, BPACCT_FIELD_AT),
		      "2026-09-16T00:00:00+07:00");
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_ACCOUNT_CANCELLED);
}

/* E5: only an officer executes a cancellation; every other actor is
 * refused and the pending cancellation stays. */
static void test_e5_cancel_by_anyone_but_an_officer_is_refused(void **state)
{
	static const int32_t actors[] = { BPACCT_ACTOR_OWNER,
					  BPACCT_ACTOR_HOLDER,
					  BPACCT_ACTOR_SYSTEM };
	bpacct_event r = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	struct bpacct_account before;

	(void)state;
	issue(ISSUED_AT);
	step(f.bp, f.req, &r);
	for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++) {
		bpacct_event c = tl_event(BPACCT_INPUT_CANCEL,
					  "2026-11-16T10:00:00+07:00");

		c.actor = actors[i];
		tl_snapshot(f.acc, &before);
		step(f.bp, NULL, &c);
		assert_int_equal(tl_refused(f.fx),
				 BPACCT_REASON_ACTOR_NOT_ALLOWED);
		assert_memory_equal(&before, f.acc, sizeof before);
	}
	{
		bpacct_event c = tl_event(BPACCT_INPUT_CANCEL,
					  "2026-11-16T10:00:00+07:00");
		c.actor = BPACCT_ACTOR_OFFICER;
		step(f.bp, NULL, &c);
		expect_cancelled("2026-11-16T10:00:00+07:00", BPACCT_CASE_BP_A,
				 BPACCT_ACTOR_OFFICER, "Q1",
				 BPACCT_CHANNEL_ONLINE);
	}
}

/* E5: a BP account is issued only to a valid enterprise code, naming its
 * holder with a valid identity document. */
static void test_e5_bp_issue_needs_a_valid_owner_and_holder(void **state)
{
	static const struct {
		const char *owner;
		int32_t id_type;
		const char *holder;
		int32_t reason;
	} rows[] = {
		{ "not-a-code", BPACCT_ID_CCCD, TL_CCCD,
		  BPACCT_REASON_INVALID_ENTERPRISE_CODE },
		{ "0100109107", BPACCT_ID_CCCD, TL_CCCD,
		  BPACCT_REASON_INVALID_ENTERPRISE_CODE },
		{ TL_OWNER, 0, NULL, BPACCT_REASON_HOLDER_REQUIRED },
		{ TL_OWNER, BPACCT_ID_CCCD, "", BPACCT_REASON_HOLDER_REQUIRED },
		{ TL_OWNER, BPACCT_ID_CCCD, "12345",
		  BPACCT_REASON_INVALID_CCCD },
	};
	struct bpacct_account before;

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		bpacct_event e = tl_event(BPACCT_INPUT_ISSUE, ISSUED_AT);

		e.procedure = BPACCT_PROCEDURE_BP;
		e.owner = rows[i].owner;
		e.holder_id_type = rows[i].id_type;
		e.holder_id_number = rows[i].holder;
		tl_snapshot(f.acc, &before);
		step(f.bp, NULL, &e);
		assert_int_equal(tl_refused(f.fx), rows[i].reason);
		assert_memory_equal(&before, f.acc, sizeof before);
	}
	issue(ISSUED_AT); /* the valid one */
}

static void test_bp_r5_reading_b_rolling_from_the_last_use(void **state)
{
	bpacct_profile p;
	bpacct_event u = tl_event(BPACCT_INPUT_USE,
				  "2026-04-01T10:00:00+07:00");
	bpacct_event t1 = tl_event(BPACCT_INPUT_TICK,
				   "2026-10-01T23:59:59+07:00");
	bpacct_event t2 = tl_event(BPACCT_INPUT_TICK,
				   "2026-10-02T00:00:00+07:00");
	int64_t due = 0;

	(void)state;
	assert_int_equal(bpacct_profile_init(&p, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	p.policies |= BPACCT_POLICY_INACTIVITY_ROLLING;
	tl_issue(&p, f.acc, f.fx, "2026-03-15T10:00:00+07:00");
	step(&p, NULL, &u);
	assert_int_equal(bpacct_account_next_due(&p, tst_cal, f.acc, &due),
			 BPACCT_OK);
	tl_instant_is(due, "2026-10-02T00:00:00+07:00");
	step(&p, NULL, &t1);
	assert_int_equal(tl_count(f.fx), 0);
	step(&p, NULL, &t2);
	expect_cancelled("2026-10-02T00:00:00+07:00", BPACCT_CASE_BP_C,
			 BPACCT_ACTOR_SYSTEM, "", BPACCT_CHANNEL_ONLINE);
}

static void test_bp_c_excluded_account_is_not_cancelled(void **state)
{
	bpacct_event ex = tl_event(BPACCT_INPUT_EXCLUDE,
				   "2026-05-01T09:00:00+07:00");
	bpacct_event in = tl_event(BPACCT_INPUT_EXCLUDE,
				   "2026-10-01T09:00:00+07:00");
	int64_t due = 0;

	(void)state;
	issue("2026-03-15T10:00:00+07:00");
	ex.flag = 1;
	step(f.bp, NULL, &ex);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_EXCLUDED), 1);
	tl_one(f.fx, BPACCT_EFFECT_AUDIT);
	assert_int_equal(bpacct_account_next_due(f.bp, tst_cal, f.acc, &due),
			 BPACCT_OK);
	assert_true(due == TL_NONE);
	tick("2026-09-30T00:00:00+07:00");
	assert_int_equal(tl_count(f.fx), 0);
	/* Included again after the due: cancelled at the next tick, not
	 * before the inclusion. */
	step(f.bp, NULL, &in);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_EXCLUDED), 0);
	tick("2026-10-01T09:00:00+07:00");
	expect_cancelled("2026-10-01T09:00:00+07:00", BPACCT_CASE_BP_C,
			 BPACCT_ACTOR_SYSTEM, "", BPACCT_CHANNEL_ONLINE);
}

static void test_bp_c_warning_n_days_ahead_once(void **state)
{
	bpacct_profile p;
	bpacct_event t = tl_event(BPACCT_INPUT_TICK,
				  "2026-08-20T09:00:00+07:00");
	int64_t due = 0;
	uint32_t n;

	(void)state;
	assert_int_equal(bpacct_profile_init(&p, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	p.warning_days = 30;
	tl_issue(&p, f.acc, f.fx, "2026-03-15T10:00:00+07:00");
	assert_int_equal(bpacct_account_next_due(&p, tst_cal, f.acc, &due),
			 BPACCT_OK);
	tl_instant_is(due, "2026-08-17T00:00:00+07:00");
	step(&p, NULL, &t);
	n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_INACTIVITY_WARNING);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	tl_instant_is(tl_int(f.fx, n, BPACCT_FIELD_AT),
		      "2026-08-17T00:00:00+07:00");
	tl_instant_is(tl_int(f.fx, n, BPACCT_FIELD_DUE),
		      "2026-09-16T00:00:00+07:00");
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_WARNED), 1);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	t.at = tst_at("2026-08-21T09:00:00+07:00");
	step(&p, NULL, &t);
	assert_int_equal(tl_count(f.fx), 0); /* once */
	assert_int_equal(bpacct_account_next_due(&p, tst_cal, f.acc, &due),
			 BPACCT_OK);
	tl_instant_is(due, "2026-09-16T00:00:00+07:00");
	/* Default: no warning at all. */
	assert_int_equal(f.bp->warning_days, 0);
}

static void test_bp_r1_portal_is_open_24_7(void **state)
{
	bpacct_event e = tl_bp_request("2026-11-22T23:30:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	uint32_t o;

	(void)state;
	issue(ISSUED_AT);
	step(f.bp, f.req, &e); /* a Sunday night */
	o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_RECEIVED),
		      "2026-11-22T23:30:00+07:00");
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_DUE),
		      "2026-11-23T01:30:00+07:00");
}

static void cancel_by_lock(void)
{
	bpacct_event c = tl_event(BPACCT_INPUT_CANCEL,
				  "2026-11-16T10:30:00+07:00");
	issue(ISSUED_AT);
	risk(f.bp, "2026-11-16T10:00:00+07:00");
	step(f.bp, NULL, &c);
}

static void test_e1_cancelled_is_final(void **state)
{
	struct bpacct_account before;

	(void)state;
	cancel_by_lock();
	tl_snapshot(f.acc, &before);
	for (int32_t in = BPACCT_INPUT_ISSUE; in <= BPACCT_INPUT_EXCLUDE;
	     in++) {
		bpacct_event e = tl_bp_request("2026-11-16T12:00:00+07:00",
					       "Q1", BPACCT_CHANNEL_ONLINE);
		bpacct_request *r = tl_request("Q1");

		e.input = in;
		e.owner = TL_OWNER;
		tl_apply(f.bp, f.acc, r, &e, f.fx);
		if (in == BPACCT_INPUT_REQUEST) {
			uint32_t o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
			assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME),
					 BPACCT_OUTCOME_REJECTED);
			assert_int_equal(tl_reason(f.fx, o, 0),
					 BPACCT_REASON_ALREADY_CANCELLED);
		} else {
			assert_int_equal(tl_refused(f.fx),
					 BPACCT_REASON_ACCOUNT_CANCELLED);
		}
		assert_false(tl_has(f.fx, BPACCT_EFFECT_TRANSITION));
		assert_memory_equal(&before, f.acc, sizeof before);
		bpacct_request_free(r);
	}
}

/* E2 revised: the same id again from its requester returns the standing
 * outcome (the latest decision, here the acceptance after a supplement)
 * marked as a replay, and changes nothing. */
static void test_e2_same_request_id_returns_its_standing_outcome(void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	struct bpacct_account acc_before;
	struct bpacct_request req_before;
	uint32_t o;

	(void)state;
	issue(ISSUED_AT);
	e.documents = BPACCT_DOC_APPLICATION | BPACCT_DOC_IDENTITY;
	step(f.bp, f.req, &e); /* supplement: registration missing */
	o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REPLAY), 0);
	/* Replayed while waiting: the supplement, with what is missing. */
	step(f.bp, f.req, &e);
	o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REPLAY), 1);
	assert_int_equal(tl_reason(f.fx, o, 0),
			 BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION);
	e = tl_bp_request("2026-11-16T09:30:00+07:00", "Q1",
			  BPACCT_CHANNEL_ONLINE);
	e.input = BPACCT_INPUT_SUPPLEMENT;
	step(f.bp, f.req, &e); /* accepted */
	tl_snapshot(f.acc, &acc_before);
	memcpy(&req_before, f.req, sizeof req_before);
	e = tl_bp_request("2026-11-16T10:00:00+07:00", "Q1",
			  BPACCT_CHANNEL_ONLINE);
	step(f.bp, f.req, &e);
	assert_int_equal(tl_count(f.fx), 1);
	o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_ACCEPTED);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REPLAY), 1);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 0);
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_RECEIVED),
		      "2026-11-16T09:30:00+07:00");
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_DUE),
		      "2026-11-16T11:30:00+07:00");
	assert_memory_equal(&acc_before, f.acc, sizeof acc_before);
	assert_memory_equal(&req_before, f.req, sizeof req_before);
}

/* E2 revised: a stranger who reuses the owner's request id is refused
 * request_id_reused and learns nothing: no due, no first outcome, no
 * notice; the refusal is audited (E4). */
static void test_e2_stranger_reusing_an_id_is_refused_and_told_nothing(
	void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	struct bpacct_request before;
	uint32_t o;

	(void)state;
	issue(ISSUED_AT);
	step(f.bp, f.req, &e); /* accepted, due 11:00 */
	memcpy(&before, f.req, sizeof before);
	e = tl_bp_request("2026-11-16T09:10:00+07:00", "Q1",
			  BPACCT_CHANNEL_ONLINE);
	e.requester = TL_STRANGER;
	e.enterprise_code = TL_STRANGER;
	step(f.bp, f.req, &e);
	o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_REFUSED);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_DUE), TL_NONE);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REPLAY), 0);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 1);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_REQUEST_ID_REUSED);
	assert_false(tl_has(f.fx, BPACCT_EFFECT_NOTICE));
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_AUDIT),
				BPACCT_FIELD_ACTOR),
			 BPACCT_ACTOR_OWNER);
	assert_memory_equal(&before, f.req, sizeof before);
}

/* E5: a supplement from anyone but the requester on record is refused
 * not_owner and nothing of it is kept; the requester's own completes it. */
static void test_e5_supplement_from_a_stranger_is_refused(void **state)
{
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	bpacct_event s = tl_event(BPACCT_INPUT_SUPPLEMENT,
				  "2026-11-16T09:20:00+07:00");
	struct bpacct_request before;
	struct bpacct_account acc_before;
	static const char *const strangers[] = { TL_STRANGER, "", NULL };

	(void)state;
	issue(ISSUED_AT);
	e.documents &= ~BPACCT_DOC_ENTERPRISE_REGISTRATION;
	step(f.bp, f.req, &e); /* supplement asked */
	s.request = "Q1";
	s.documents = BPACCT_DOC_ENTERPRISE_REGISTRATION;
	for (size_t i = 0; i < 3; i++) {
		s.requester = strangers[i];
		memcpy(&before, f.req, sizeof before);
		tl_snapshot(f.acc, &acc_before);
		step(f.bp, f.req, &s);
		assert_int_equal(tl_refused(f.fx), BPACCT_REASON_NOT_OWNER);
		assert_memory_equal(&before, f.req, sizeof before);
		assert_memory_equal(&acc_before, f.acc, sizeof acc_before);
	}
	s.requester = TL_OWNER;
	step(f.bp, f.req, &s);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_OUTCOME),
				BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_ACCEPTED);
}

static void test_e2_request_id_of_another_account_is_refused(void **state)
{
	bpacct_account *other = tl_account("A2");
	bpacct_event e = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	struct bpacct_request before;

	(void)state;
	issue(ISSUED_AT);
	tl_issue(f.bp, other, f.fx, ISSUED_AT);
	step(f.bp, f.req, &e);
	memcpy(&before, f.req, sizeof before);
	tl_apply(f.bp, other, f.req, &e, f.fx);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_REQUEST_ID_REUSED);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_OUTCOME),
				BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_REFUSED);
	assert_memory_equal(&before, f.req, sizeof before);
	assert_int_equal(tl_acc(other, BPACCT_FIELD_PENDING_RULE), 0);
	bpacct_account_free(other);
}

/* E3: the refusals of a walk through the machine all carry a stable code
 * with a message in both languages. */
static void test_e3_every_refusal_has_a_code_with_vi_and_en(void **state)
{
	static const int32_t inputs[] = {
		BPACCT_INPUT_USE,    BPACCT_INPUT_RISK,   BPACCT_INPUT_CANCEL,
		BPACCT_INPUT_UNLOCK, BPACCT_INPUT_ISSUE,  BPACCT_INPUT_TICK,
		BPACCT_INPUT_SUPPLEMENT,
	};
	int seen = 0;

	(void)state;
	for (int round = 0; round < 3; round++) {
		if (round == 1)
			issue(ISSUED_AT);
		if (round == 2)
			risk(f.bp, "2026-11-16T10:00:00+07:00");
		for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
			bpacct_event e = tl_event(inputs[i],
						  "2026-11-16T10:00:00+07:00");
			int32_t r;

			if (round == 0 && inputs[i] == BPACCT_INPUT_ISSUE)
				continue;
			e.owner = TL_OWNER;
			e.request = "Q1";
			tl_apply(f.bp, f.acc, f.req, &e, f.fx);
			r = tl_refused(f.fx);
			if (r == 0)
				continue;
			seen++;
			assert_string_not_equal(bpacct_reason_name(r),
						"unknown");
			assert_true(strlen(bpacct_reason_message(
					    r, BPACCT_LANG_VI)) > 0);
			assert_true(strlen(bpacct_reason_message(
					    r, BPACCT_LANG_EN)) > 0);
		}
	}
	assert_true(seen >= 10);
}

/* E4: every transition and every refusal is audited with its instant,
 * actor and case. */
static void test_e4_every_transition_and_refusal_is_audited(void **state)
{
	bpacct_event use = tl_event(BPACCT_INPUT_USE,
				    "2026-11-16T10:10:00+07:00");
	uint32_t a;

	(void)state;
	issue(ISSUED_AT);
	a = tl_one(f.fx, BPACCT_EFFECT_AUDIT);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_ACTOR),
			 BPACCT_ACTOR_OFFICER);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_TO), BPACCT_STATE_ACTIVE);
	risk(f.bp, "2026-11-16T10:00:00+07:00");
	a = tl_one(f.fx, BPACCT_EFFECT_AUDIT);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_CASE), BPACCT_CASE_BP_B);
	tl_instant_is(tl_int(f.fx, a, BPACCT_FIELD_AT),
		      "2026-11-16T10:00:00+07:00");
	assert_string_equal(tl_text(f.fx, a, BPACCT_FIELD_DETAIL),
			    "đăng nhập bất thường từ địa chỉ lạ");
	step(f.bp, NULL, &use);
	a = tl_one(f.fx, BPACCT_EFFECT_AUDIT);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_ACTOR),
			 BPACCT_ACTOR_HOLDER);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_REASON_COUNT), 1);
	assert_int_equal(tl_reason(f.fx, a, 0), BPACCT_REASON_ACCOUNT_LOCKED);
	tick("2026-11-16T12:00:00+07:00");
	a = tl_one(f.fx, BPACCT_EFFECT_AUDIT);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_ACTOR),
			 BPACCT_ACTOR_SYSTEM);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_FROM),
			 BPACCT_STATE_LOCKED);
	assert_int_equal(tl_int(f.fx, a, BPACCT_FIELD_TO),
			 BPACCT_STATE_CANCELLED);
}

static void test_event_before_the_last_change_is_refused_out_of_order(
	void **state)
{
	bpacct_event u = tl_event(BPACCT_INPUT_USE,
				  "2026-11-01T08:00:00+07:00");
	struct bpacct_account before;

	(void)state;
	issue(ISSUED_AT);
	tl_snapshot(f.acc, &before);
	step(f.bp, NULL, &u);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_OUT_OF_ORDER);
	assert_memory_equal(&before, f.acc, sizeof before);
}

static void test_issue_refuses_an_invalid_holder_document(void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_ISSUE, ISSUED_AT);
	(void)state;
	e.owner = TL_OWNER;
	e.holder_id_type = BPACCT_ID_CCCD;
	e.holder_id_number = "12345";
	step(f.bp, NULL, &e);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_INVALID_CCCD);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE), BPACCT_STATE_NONE);
}

static void test_apply_rejects_bad_calls_and_changes_nothing(void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_USE, ISSUED_AT);
	bpacct_event r = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	struct bpacct_account before;
	const bpacct_calendar *c = tst_cal;

	(void)state;
	issue(ISSUED_AT);
	tl_snapshot(f.acc, &before);
	assert_int_equal(bpacct_apply(NULL, c, f.acc, NULL, &e, f.fx),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_apply(f.bp, NULL, f.acc, NULL, &e, f.fx),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_apply(f.bp, c, NULL, NULL, &e, f.fx),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, NULL, NULL, f.fx),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, NULL, &e, NULL),
			 BPACCT_EINVAL);
	e.input = 42;
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, NULL, &e, f.fx),
			 BPACCT_EINVAL);
	e.input = BPACCT_INPUT_USE;
	e.version = 99;
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, NULL, &e, f.fx),
			 BPACCT_EMISUSE);
	e.version = BPACCT_EVENT_VERSION;
	e.at = tst_at("2300-01-01T00:00:00+07:00");
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, NULL, &e, f.fx),
			 BPACCT_ERANGE);
	/* A request needs its record, with the event's id. */
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, NULL, &r, f.fx),
			 BPACCT_EINVAL);
	r.request = "Q2";
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, f.req, &r, f.fx),
			 BPACCT_EINVAL);
	/* The profile of another procedure. */
	e.at = tst_at("2026-11-16T09:00:00+07:00");
	assert_int_equal(bpacct_apply(tl_builtin(BPACCT_PROCEDURE_XNC), c,
				      f.acc, NULL, &e, f.fx),
			 BPACCT_EINVAL);
	assert_memory_equal(&before, f.acc, sizeof before);
	assert_int_equal(tl_req(f.req, BPACCT_FIELD_STATE),
			 BPACCT_REQUEST_NONE);
	assert_int_equal(tl_count(f.fx), 0);
}

/* Replaces the first length-prefixed string "<from>" (2 bytes) of an
 * encoded record with "<to>": a record no constructor would make. */
static void patch_id(uint8_t *buf, size_t len, const char *from,
		     const char *to)
{
	for (size_t i = 0; i + 2 < len; i++)
		if (buf[i] == 2 && memcmp(buf + i + 1, from, 2) == 0) {
			memcpy(buf + i + 1, to, 2);
			tst_reseal(buf, len);
			return;
		}
	fail_msg("no id '%s' in the record", from);
}

/* An id is 1..47 bytes without '/', the separator of idempotency keys:
 * the constructors and bpacct_apply() refuse any other (EINVAL), also in
 * a record decoded from bytes. */
static void test_ids_with_a_slash_are_einval(void **state)
{
	bpacct_event r = tl_bp_request("2026-11-16T09:00:00+07:00", "x/y",
				       BPACCT_CHANNEL_ONLINE);
	bpacct_event u = tl_event(BPACCT_INPUT_USE, "2026-11-16T09:00:00+07:00");
	bpacct_account *a = NULL;
	bpacct_request *q = NULL;
	struct bpacct_account before;
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;
	const bpacct_calendar *c = tst_cal;

	(void)state;
	assert_int_equal(bpacct_account_new(&a, "A/0", NULL), BPACCT_EINVAL);
	assert_null(a);
	assert_int_equal(bpacct_account_new(&a, "/", NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_request_new(&q, "x/y", NULL), BPACCT_EINVAL);
	assert_null(q);
	issue(ISSUED_AT);
	tl_snapshot(f.acc, &before);
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, f.req, &r, f.fx),
			 BPACCT_EINVAL);
	assert_memory_equal(&before, f.acc, sizeof before);
	assert_int_equal(tl_req(f.req, BPACCT_FIELD_STATE),
			 BPACCT_REQUEST_NONE);
	assert_int_equal(tl_count(f.fx), 0);
	/* A decoded request "Q/" and a decoded account "A/". */
	assert_int_equal(bpacct_request_encode(f.req, buf, sizeof buf, &len),
			 BPACCT_OK);
	patch_id(buf, len, "Q1", "Q/");
	assert_int_equal(bpacct_request_decode(f.req, buf, len), BPACCT_OK);
	r.request = NULL; /* the record's id is the request's */
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, f.req, &r, f.fx),
			 BPACCT_EINVAL);
	r.request = "Q/";
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, f.req, &r, f.fx),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_account_encode(f.acc, buf, sizeof buf, &len),
			 BPACCT_OK);
	patch_id(buf, len, "A1", "A/");
	assert_int_equal(bpacct_account_decode(f.acc, buf, len), BPACCT_OK);
	tl_snapshot(f.acc, &before);
	assert_int_equal(bpacct_apply(f.bp, c, f.acc, NULL, &u, f.fx),
			 BPACCT_EINVAL);
	assert_memory_equal(&before, f.acc, sizeof before);
	assert_int_equal(tl_count(f.fx), 0);
}

static void test_records_new_copy_free_and_accessors(void **state)
{
	bpacct_account *a = NULL;
	bpacct_effects *fx = NULL;
	const char *s = NULL;
	int64_t v = 0;
	int32_t reason = 0;
	char long_id[BPACCT_ID_MAX + 1];

	(void)state;
	memset(long_id, 'x', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	assert_int_equal(bpacct_account_new(&a, long_id, NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_account_new(&a, "", NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_account_new(NULL, "A", NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_account_get_int(f.acc, BPACCT_FIELD_KIND, &v),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_account_get_text(f.acc, BPACCT_FIELD_ID, &s),
			 BPACCT_OK);
	assert_string_equal(s, "A1");
	assert_int_equal(bpacct_account_get_int(f.acc, BPACCT_FIELD_STATE, &v),
			 BPACCT_OK);
	assert_int_equal(v, BPACCT_STATE_NONE);
	assert_int_equal(bpacct_account_copy(f.acc, (bpacct_account *)f.req),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_effects_new(&fx, NULL), BPACCT_OK);
	assert_int_equal(bpacct_effect_get_int(fx, 0, BPACCT_FIELD_TYPE, &v),
			 BPACCT_ENOTFOUND);
	issue(ISSUED_AT);
	/* A transition has no notice kind; an audit has a detail. */
	assert_int_equal(bpacct_effect_get_int(f.fx, 0, BPACCT_FIELD_KIND, &v),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_effect_get_text(f.fx, 0, BPACCT_FIELD_DETAIL,
						&s),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_effect_reason(f.fx, 0, 0, &reason),
			 BPACCT_ENOTFOUND);
	bpacct_effects_free(fx);
	bpacct_effects_free(NULL);
	/* A handle of another kind is misuse, never a crash. */
	{
		bpacct_event e = tl_event(BPACCT_INPUT_USE, ISSUED_AT);
		bpacct_effects *wrong = (bpacct_effects *)f.req;
		uint32_t n = 0;

		assert_int_equal(bpacct_apply(f.bp, tst_cal, f.acc, NULL, &e,
					      wrong),
				 BPACCT_EMISUSE);
		assert_int_equal(bpacct_effects_count(wrong, &n),
				 BPACCT_EMISUSE);
		assert_int_equal(bpacct_event_init(&e, 0, BPACCT_INPUT_USE, 0),
				 BPACCT_EMISUSE);
		assert_int_equal(bpacct_account_next_due(f.bp, tst_cal, f.acc,
							 NULL),
				 BPACCT_EINVAL);
		assert_int_equal(bpacct_request_get_int(f.req,
							BPACCT_FIELD_KIND, &v),
				 BPACCT_ENOTFOUND);
		assert_int_equal(bpacct_request_get_text(f.req,
							 BPACCT_FIELD_ID, &s),
				 BPACCT_OK);
		assert_string_equal(s, "Q1");
	}
	bpacct_account_free(NULL);
	bpacct_request_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_bp_a1_application_with_three_papers_accepted_by_each_channel),
		TEST(test_bp_a1_bp_r2_missing_papers_supplement_lists_every_problem),
		TEST(test_bp_r2_stranger_rejected_whatever_it_attaches),
		TEST(test_bp_a2_bp_r3_engine_cancels_at_receipt_plus_2h),
		TEST(test_bp_r3_late_tick_cancels_as_of_the_due_instant),
		TEST(test_bp_r3_officer_may_cancel_before_the_due),
		TEST(test_bp_r3_e10_due_2h_after_the_supplement_receipt),
		TEST(test_bp_a3_bp_r6_notice_to_both_by_the_application_channel),
		TEST(test_bp_b1_b2_b3_bp_r4_e11_lock_at_once_cancel_by_lock_plus_2h),
		TEST(test_bp_r4_locked_account_cannot_be_used),
		TEST(test_bp_b2_officer_cancels_a_locked_account_before_the_due),
		TEST(test_bp_r4_lock_notice_policy_on_notifies_both),
		TEST(test_bp_r4_unlock_policy_off_refuses_unlock),
		TEST(test_bp_r4_unlock_policy_on_unlocks_and_drops_the_lock_due),
		TEST(test_bp_c1_c2_bp_r5_e12_never_used_cancelled_2026_09_16),
		TEST(test_bp_r5_reading_a_used_account_is_never_cancelled),
		TEST(test_e6_bp_r5_use_after_the_due_meets_it_cancelled),
		TEST(test_e6_bp_r5_used_in_its_first_month_is_never_cancelled),
		TEST(test_e6_officer_cancel_after_the_due_is_the_systems),
		TEST(test_e6_risk_after_the_inactivity_due_finds_it_cancelled),
		TEST(test_e6_warning_then_cancellation_run_in_due_order),
		TEST(test_e5_cancel_by_anyone_but_an_officer_is_refused),
		TEST(test_e5_bp_issue_needs_a_valid_owner_and_holder),
		TEST(test_bp_r5_reading_b_rolling_from_the_last_use),
		TEST(test_bp_c_excluded_account_is_not_cancelled),
		TEST(test_bp_c_warning_n_days_ahead_once),
		TEST(test_bp_r1_portal_is_open_24_7),
		TEST(test_e1_cancelled_is_final),
		TEST(test_e2_same_request_id_returns_its_standing_outcome),
		TEST(test_e2_stranger_reusing_an_id_is_refused_and_told_nothing),
		TEST(test_e5_supplement_from_a_stranger_is_refused),
		TEST(test_e2_request_id_of_another_account_is_refused),
		TEST(test_e3_every_refusal_has_a_code_with_vi_and_en),
		TEST(test_e4_every_transition_and_refusal_is_audited),
		TEST(test_event_before_the_last_change_is_refused_out_of_order),
		TEST(test_issue_refuses_an_invalid_holder_document),
		TEST(test_apply_rejects_bad_calls_and_changes_nothing),
		TEST(test_ids_with_a_slash_are_einval),
		TEST(test_records_new_copy_free_and_accessors),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
