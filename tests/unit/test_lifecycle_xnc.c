/*
 * Procedure XNC through bpacct_apply(): one test per requirement id and
 * rule (seeds-en.md XNC-CH..XNC-R, rules.md XNC-R1..R5).  Dates: Fri
 * 2026-11-20 and Mon 2026-11-23 are working days, Sat 2026-11-21 a plain
 * Saturday (reception 08:00–12:00, no result session), Sun 2026-11-22 a
 * rest day.
 */
#include "test_lifecycle_support.h"

#define ISSUED_AT "2026-06-01T09:00:00+07:00"
#define FRI_10 "2026-11-20T10:00:00+07:00"

typedef struct fixture {
	const bpacct_profile *xnc;
	bpacct_account *acc;
	bpacct_request *req;
	bpacct_effects *fx;
} fixture;

static fixture f;

static int setup(void **state)
{
	(void)state;
	f.xnc = tl_builtin(BPACCT_PROCEDURE_XNC);
	f.acc = tl_account("XNC-001");
	f.req = tl_request("NA20-1");
	f.fx = tl_effects();
	tl_issue(f.xnc, f.acc, f.fx, ISSUED_AT);
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

/* A newly issued account in place of f.acc: an XNC request accepted in
 * session is cancelled at once (XNC-R4), and by rules E6 the next event
 * meets it cancelled, so a test of a second decision needs a fresh one. */
static void fresh_account(void)
{
	bpacct_account_free(f.acc);
	f.acc = tl_account("XNC-001");
	tl_issue(f.xnc, f.acc, f.fx, ISSUED_AT);
}

static bpacct_event request(const char *at, int32_t channel)
{
	return tl_xnc_request(at, "NA20-1", channel, "XNC-001");
}

static void step(const bpacct_event *e)
{
	tl_apply(f.xnc, f.acc, f.req, e, f.fx);
}

static void tick(const char *at)
{
	bpacct_event e = tl_event(BPACCT_INPUT_TICK, at);
	tl_apply(f.xnc, f.acc, NULL, &e, f.fx);
}

static uint32_t outcome_is(int32_t outcome)
{
	uint32_t o = tl_one(f.fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_OUTCOME), outcome);
	return o;
}

/* The notice kind of the step, or 0 when it has no notice. */
static int64_t notice_kind(void)
{
	int n = tl_find(f.fx, BPACCT_EFFECT_NOTICE, 0);
	return n < 0 ? 0 : tl_int(f.fx, (uint32_t)n, BPACCT_FIELD_KIND);
}

/* XNC-R, XNC-R5, XNC-F: the step cancelled with its NB10. */
static void expect_nb10(const char *at, int32_t channel, const char *from,
			int fee)
{
	uint32_t t = tl_one(f.fx, BPACCT_EFFECT_TRANSITION);
	uint32_t n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);

	tl_one(f.fx, BPACCT_EFFECT_AUDIT);
	tl_instant_is(tl_int(f.fx, t, BPACCT_FIELD_AT), at);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_TO),
			 BPACCT_STATE_CANCELLED);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_CASE), BPACCT_CASE_XNC);
	assert_int_equal(tl_int(f.fx, t, BPACCT_FIELD_ACTOR),
			 BPACCT_ACTOR_SYSTEM);
	assert_string_equal(tl_text(f.fx, t, BPACCT_FIELD_REQUEST), "NA20-1");
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_NB10);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_DOCUMENT),
			 BPACCT_DOCUMENT_NB10);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_CHANNEL), channel);
	tl_instant_is(tl_int(f.fx, n, BPACCT_FIELD_AVAILABLE_FROM), from);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_FEE), fee);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
}

static void test_xnc_ch_every_channel_is_accepted(void **state)
{
	static const int32_t channels[] = { BPACCT_CHANNEL_IN_PERSON,
					    BPACCT_CHANNEL_POSTAL,
					    BPACCT_CHANNEL_ONLINE };
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		bpacct_account *a = tl_account("XNC-001");
		bpacct_request *r = tl_request("NA20-1");
		bpacct_event e = request(FRI_10, channels[i]);

		assert_int_equal(bpacct_account_copy(a, f.acc), BPACCT_OK);
		tl_apply(f.xnc, a, r, &e, f.fx);
		outcome_is(BPACCT_OUTCOME_ACCEPTED);
		bpacct_account_free(a);
		bpacct_request_free(r);
	}
}

static void test_xnc_1_na20_missing_or_incomplete_lists_every_field(
	void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_ONLINE);
	bpacct_request *r = tl_request("NA20-2");
	uint32_t o;

	(void)state;
	e.documents = 0;
	step(&e);
	o = outcome_is(BPACCT_OUTCOME_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 1);
	assert_int_equal(tl_reason(f.fx, o, 0), BPACCT_REASON_NA20_MISSING);
	e = tl_xnc_request(FRI_10, "NA20-2", BPACCT_CHANNEL_ONLINE, "XNC-001");
	e.na20[BPACCT_NA20_PHONE] = NULL;
	e.na20[BPACCT_NA20_EMAIL] = "not an address";
	e.na20_sealed = 0;
	tl_apply(f.xnc, f.acc, r, &e, f.fx);
	o = outcome_is(BPACCT_OUTCOME_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 3);
	assert_int_equal(tl_reason(f.fx, o, 0), BPACCT_REASON_NA20_PHONE);
	assert_int_equal(tl_reason(f.fx, o, 1), BPACCT_REASON_NA20_EMAIL);
	assert_int_equal(tl_reason(f.fx, o, 2), BPACCT_REASON_NA20_SEAL);
	bpacct_request_free(r);
}

static void test_xnc_2a_in_person_receipt_or_supplement_on_the_spot(
	void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_IN_PERSON);
	bpacct_request *r = tl_request("NA20-2");
	uint32_t n;

	(void)state;
	step(&e);
	outcome_is(BPACCT_OUTCOME_ACCEPTED);
	n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_RECEIPT);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_CHANNEL),
			 BPACCT_CHANNEL_IN_PERSON);
	tl_instant_is(tl_int(f.fx, n, BPACCT_FIELD_AVAILABLE_FROM), FRI_10);
	fresh_account();
	e = tl_xnc_request(FRI_10, "NA20-2", BPACCT_CHANNEL_IN_PERSON,
			   "XNC-001");
	e.na20[BPACCT_NA20_SIGNER] = "  ";
	tl_apply(f.xnc, f.acc, r, &e, f.fx);
	outcome_is(BPACCT_OUTCOME_SUPPLEMENT);
	n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_CHANNEL),
			 BPACCT_CHANNEL_IN_PERSON);
	tl_instant_is(tl_int(f.fx, n, BPACCT_FIELD_AVAILABLE_FROM), FRI_10);
	assert_int_equal(tl_reason(f.fx, n, 0), BPACCT_REASON_NA20_SIGNER);
	bpacct_request_free(r);
}

static void test_xnc_r2_in_person_outside_a_session_is_refused(void **state)
{
	bpacct_event e = request("2026-11-22T10:00:00+07:00",
				 BPACCT_CHANNEL_IN_PERSON);
	uint32_t o;

	(void)state;
	step(&e);
	o = outcome_is(BPACCT_OUTCOME_REFUSED);
	assert_int_equal(tl_reason(f.fx, o, 0), BPACCT_REASON_OUTSIDE_SESSION);
	assert_int_equal(notice_kind(), 0);
	assert_int_equal(tl_req(f.req, BPACCT_FIELD_STATE),
			 BPACCT_REQUEST_REFUSED);
	assert_int_equal(tl_acc(f.acc, BPACCT_FIELD_PENDING_RULE), 0);
}

static void test_xnc_2b_postal_written_request_then_written_reply(
	void **state)
{
	/* Handed over at lunch: received when the 13:00 session opens. */
	bpacct_event e = request("2026-11-20T12:30:00+07:00",
				 BPACCT_CHANNEL_POSTAL);
	bpacct_event s = tl_event(BPACCT_INPUT_SUPPLEMENT,
				  "2026-11-20T14:00:00+07:00");
	uint32_t o;

	(void)state;
	s.requester = TL_OWNER; /* E5: the requester on record */
	e.na20[BPACCT_NA20_REASON] = NULL;
	step(&e);
	o = outcome_is(BPACCT_OUTCOME_SUPPLEMENT);
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_RECEIVED),
		      "2026-11-20T13:00:00+07:00");
	assert_int_equal(notice_kind(), BPACCT_NOTICE_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_NOTICE),
				BPACCT_FIELD_CHANNEL),
			 BPACCT_CHANNEL_POSTAL);
	s.request = "NA20-1";
	s.na20[BPACCT_NA20_REASON] = "Giải thể doanh nghiệp";
	step(&s);
	o = outcome_is(BPACCT_OUTCOME_ACCEPTED);
	/* XNC-R3: postal acceptance owes no notice; the NB10 is the reply. */
	assert_int_equal(notice_kind(), 0);
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_DUE),
		      "2026-11-20T14:00:00+07:00");
	tick("2026-11-20T14:00:00+07:00");
	expect_nb10("2026-11-20T14:00:00+07:00", BPACCT_CHANNEL_POSTAL,
		    "2026-11-20T14:00:00+07:00", 1);
}

static void test_xnc_2c_online_acceptance_supplement_or_rejection(
	void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_ONLINE);
	bpacct_request *r2 = tl_request("NA20-2");
	bpacct_request *r3 = tl_request("NA20-3");
	uint32_t n;

	(void)state;
	step(&e);
	outcome_is(BPACCT_OUTCOME_ACCEPTED);
	assert_int_equal(notice_kind(), BPACCT_NOTICE_ACCEPTANCE);
	fresh_account();
	e = tl_xnc_request(FRI_10, "NA20-2", BPACCT_CHANNEL_ONLINE, "XNC-001");
	e.na20[BPACCT_NA20_ADDRESS] = "";
	tl_apply(f.xnc, f.acc, r2, &e, f.fx);
	outcome_is(BPACCT_OUTCOME_SUPPLEMENT);
	assert_int_equal(notice_kind(), BPACCT_NOTICE_SUPPLEMENT);
	/* Not eligible: not accepted, reasons stated on the portal. */
	e = tl_xnc_request(FRI_10, "NA20-3", BPACCT_CHANNEL_ONLINE, "XNC-001");
	e.requester = TL_STRANGER;
	tl_apply(f.xnc, f.acc, r3, &e, f.fx);
	outcome_is(BPACCT_OUTCOME_REJECTED);
	n = tl_one(f.fx, BPACCT_EFFECT_NOTICE);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_REJECTION);
	assert_int_equal(tl_int(f.fx, n, BPACCT_FIELD_CHANNEL),
			 BPACCT_CHANNEL_ONLINE);
	assert_int_equal(tl_reason(f.fx, n, 0), BPACCT_REASON_NOT_OWNER);
	bpacct_request_free(r2);
	bpacct_request_free(r3);
}

static void test_xnc_2d_xnc_f_result_by_post_carries_the_fee(void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_ONLINE);
	(void)state;
	e.result_channel = BPACCT_CHANNEL_POSTAL;
	step(&e);
	tick(FRI_10);
	expect_nb10(FRI_10, BPACCT_CHANNEL_POSTAL, FRI_10, 1);
}

static void test_xnc_f_no_fee_in_person_or_online(void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_IN_PERSON);
	(void)state;
	step(&e);
	tick(FRI_10);
	expect_nb10(FRI_10, BPACCT_CHANNEL_IN_PERSON, FRI_10, 0);
	assert_int_equal(f.xnc->fee_channels, 1u << BPACCT_CHANNEL_POSTAL);
}

static void test_xnc_2e_xnc_r1_saturday_morning_only(void **state)
{
	bpacct_event am = request("2026-11-21T09:00:00+07:00",
				  BPACCT_CHANNEL_IN_PERSON);
	bpacct_event pm = tl_xnc_request("2026-11-21T14:00:00+07:00",
					 "NA20-2", BPACCT_CHANNEL_IN_PERSON,
					 "XNC-001");
	bpacct_request *r2 = tl_request("NA20-2");

	(void)state;
	step(&am);
	outcome_is(BPACCT_OUTCOME_ACCEPTED);
	tl_apply(f.xnc, f.acc, r2, &pm, f.fx);
	assert_int_equal(tl_reason(f.fx, outcome_is(BPACCT_OUTCOME_REFUSED), 0),
			 BPACCT_REASON_OUTSIDE_SESSION);
	bpacct_request_free(r2);
}

static void test_xnc_3_xnc_r5_saturday_request_nb10_in_person_from_monday_0800(
	void **state)
{
	bpacct_event e = request("2026-11-21T09:00:00+07:00",
				 BPACCT_CHANNEL_IN_PERSON);
	(void)state;
	step(&e);
	tick("2026-11-21T09:00:00+07:00");
	expect_nb10("2026-11-21T09:00:00+07:00", BPACCT_CHANNEL_IN_PERSON,
		    "2026-11-23T08:00:00+07:00", 0);
}

static void test_xnc_r5_nb10_online_at_once(void **state)
{
	bpacct_event e = request("2026-11-21T09:00:00+07:00",
				 BPACCT_CHANNEL_IN_PERSON);
	(void)state;
	e.result_channel = BPACCT_CHANNEL_ONLINE;
	step(&e);
	tick("2026-11-21T09:00:00+07:00");
	expect_nb10("2026-11-21T09:00:00+07:00", BPACCT_CHANNEL_ONLINE,
		    "2026-11-21T09:00:00+07:00", 0);
}

static void test_xnc_t_xnc_r4_cancelled_at_once_in_session(void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_IN_PERSON);
	uint32_t o;
	int64_t due = 0;

	(void)state;
	step(&e);
	o = outcome_is(BPACCT_OUTCOME_ACCEPTED);
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_DUE), FRI_10);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_DEADLINE),
				BPACCT_FIELD_RULE),
			 BPACCT_RULE_XNC_REQUEST);
	assert_int_equal(bpacct_account_next_due(f.xnc, tst_cal, f.acc, &due),
			 BPACCT_OK);
	tl_instant_is(due, FRI_10);
	tick(FRI_10);
	expect_nb10(FRI_10, BPACCT_CHANNEL_IN_PERSON, FRI_10, 0);
}

static void test_xnc_r4_online_on_sunday_cancelled_when_monday_opens(
	void **state)
{
	bpacct_event e = request("2026-11-22T10:00:00+07:00",
				 BPACCT_CHANNEL_ONLINE);
	uint32_t o;

	(void)state;
	step(&e);
	o = outcome_is(BPACCT_OUTCOME_ACCEPTED);
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_RECEIVED),
		      "2026-11-23T08:00:00+07:00");
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_DUE),
		      "2026-11-23T08:00:00+07:00");
	/* The portal acceptance is available from the receipt. */
	assert_int_equal(notice_kind(), BPACCT_NOTICE_ACCEPTANCE);
	tl_instant_is(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_NOTICE),
			     BPACCT_FIELD_AVAILABLE_FROM),
		      "2026-11-23T08:00:00+07:00");
	tick("2026-11-22T10:00:00+07:00");
	assert_int_equal(tl_count(f.fx), 0);
	tick("2026-11-23T07:59:59+07:00");
	assert_int_equal(tl_count(f.fx), 0);
	tick("2026-11-23T08:00:00+07:00");
	expect_nb10("2026-11-23T08:00:00+07:00", BPACCT_CHANNEL_ONLINE,
		    "2026-11-23T08:00:00+07:00", 0);
}

static void test_xnc_r2_receipt_online_in_session_and_postal_moved(
	void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_ONLINE);
	bpacct_request *r2 = tl_request("NA20-2");

	(void)state;
	step(&e);
	tl_instant_is(tl_int(f.fx, outcome_is(BPACCT_OUTCOME_ACCEPTED),
			     BPACCT_FIELD_RECEIVED),
		      FRI_10);
	fresh_account();
	e = tl_xnc_request("2026-11-20T18:30:00+07:00", "NA20-2",
			   BPACCT_CHANNEL_POSTAL, "XNC-001");
	tl_apply(f.xnc, f.acc, r2, &e, f.fx);
	/* After Friday's last session: Saturday morning's. */
	tl_instant_is(tl_int(f.fx, outcome_is(BPACCT_OUTCOME_ACCEPTED),
			     BPACCT_FIELD_RECEIVED),
		      "2026-11-21T08:00:00+07:00");
	bpacct_request_free(r2);
}

/* XNC-R3: the notice of each outcome, by submission channel. */
static void test_xnc_r3_each_outcome_notice_per_channel(void **state)
{
	static const int32_t channels[3] = { BPACCT_CHANNEL_IN_PERSON,
					     BPACCT_CHANNEL_POSTAL,
					     BPACCT_CHANNEL_ONLINE };
	/* [outcome: accepted, supplement, rejected][channel] */
	static const int32_t want[3][3] = {
		{ BPACCT_NOTICE_RECEIPT, 0, BPACCT_NOTICE_ACCEPTANCE },
		{ BPACCT_NOTICE_SUPPLEMENT, BPACCT_NOTICE_SUPPLEMENT,
		  BPACCT_NOTICE_SUPPLEMENT },
		{ BPACCT_NOTICE_REJECTION, BPACCT_NOTICE_REJECTION,
		  BPACCT_NOTICE_REJECTION },
	};
	(void)state;
	for (int o = 0; o < 3; o++) {
		for (int c = 0; c < 3; c++) {
			bpacct_request *r = tl_request("NA20-9");
			bpacct_event e = tl_xnc_request(
				FRI_10, "NA20-9", channels[c], "XNC-001");

			fresh_account();
			if (o == 1)
				e.na20_sealed = 0;
			if (o == 2)
				e.requester = TL_STRANGER;
			tl_apply(f.xnc, f.acc, r, &e, f.fx);
			outcome_is(o + 1);
			assert_int_equal(notice_kind(), want[o][c]);
			bpacct_request_free(r);
		}
	}
}

static void test_xnc_e_only_an_issued_account_of_the_owner(void **state)
{
	bpacct_account *none = tl_account("XNC-404");
	bpacct_event e = tl_xnc_request(FRI_10, "NA20-1",
					BPACCT_CHANNEL_ONLINE, "XNC-404");
	bpacct_request *r2 = tl_request("NA20-2");
	uint32_t o;

	(void)state;
	tl_apply(f.xnc, none, f.req, &e, f.fx);
	o = outcome_is(BPACCT_OUTCOME_REJECTED);
	assert_int_equal(tl_reason(f.fx, o, 0), BPACCT_REASON_NO_ACCOUNT);
	assert_int_equal(tl_int(f.fx, tl_one(f.fx, BPACCT_EFFECT_NOTICE),
				BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_REQUESTER);
	assert_int_equal(tl_acc(none, BPACCT_FIELD_STATE), BPACCT_STATE_NONE);
	/* Already cancelled. */
	e = tl_xnc_request(FRI_10, "NA20-2", BPACCT_CHANNEL_ONLINE, "XNC-001");
	tl_apply(f.xnc, f.acc, r2, &e, f.fx);
	tick(FRI_10);
	bpacct_request_free(r2);
	r2 = tl_request("NA20-3");
	e = tl_xnc_request("2026-11-20T11:00:00+07:00", "NA20-3",
			   BPACCT_CHANNEL_ONLINE, "XNC-001");
	tl_apply(f.xnc, f.acc, r2, &e, f.fx);
	o = outcome_is(BPACCT_OUTCOME_REJECTED);
	assert_int_equal(tl_reason(f.fx, o, 0),
			 BPACCT_REASON_ALREADY_CANCELLED);
	bpacct_request_free(r2);
	bpacct_account_free(none);
}

static void test_xnc_r_result_is_the_nb10_letter(void **state)
{
	(void)state;
	assert_int_equal(f.xnc->cancellation_notice, BPACCT_NOTICE_NB10);
	assert_int_equal(f.xnc->cancellation_document, BPACCT_DOCUMENT_NB10);
	assert_string_equal(bpacct_value_name(BPACCT_FIELD_DOCUMENT,
					      BPACCT_DOCUMENT_NB10),
			    "NB10");
}

static void test_xnc_has_no_lock_and_no_inactivity(void **state)
{
	bpacct_event r = tl_event(BPACCT_INPUT_RISK, FRI_10);
	bpacct_event x = tl_event(BPACCT_INPUT_EXCLUDE, FRI_10);
	int64_t due = 0;

	(void)state;
	tl_apply(f.xnc, f.acc, NULL, &r, f.fx);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_NOT_IN_PROCEDURE);
	tl_apply(f.xnc, f.acc, NULL, &x, f.fx);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_NOT_IN_PROCEDURE);
	tick("2030-01-01T00:00:00+07:00");
	assert_int_equal(tl_count(f.fx), 0);
	assert_int_equal(bpacct_account_next_due(f.xnc, tst_cal, f.acc, &due),
			 BPACCT_OK);
	assert_true(due == TL_NONE);
}

static void test_xnc_supplement_brings_only_the_missing_fields(void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_ONLINE);
	bpacct_event s = tl_event(BPACCT_INPUT_SUPPLEMENT,
				  "2026-11-20T11:00:00+07:00");
	uint32_t o;

	(void)state;
	s.requester = TL_OWNER; /* E5: the requester on record */
	e.na20[BPACCT_NA20_PHONE] = "12";
	e.na20_sealed = 0;
	step(&e);
	o = outcome_is(BPACCT_OUTCOME_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 2);
	s.request = "NA20-1";
	s.na20[BPACCT_NA20_PHONE] = "0243 826 1234";
	step(&s);
	o = outcome_is(BPACCT_OUTCOME_SUPPLEMENT);
	assert_int_equal(tl_int(f.fx, o, BPACCT_FIELD_REASON_COUNT), 1);
	assert_int_equal(tl_reason(f.fx, o, 0), BPACCT_REASON_NA20_SEAL);
	s.na20[BPACCT_NA20_PHONE] = NULL;
	s.na20_sealed = 1;
	s.at = tst_at("2026-11-20T11:30:00+07:00");
	step(&s);
	o = outcome_is(BPACCT_OUTCOME_ACCEPTED);
	tl_instant_is(tl_int(f.fx, o, BPACCT_FIELD_DUE),
		      "2026-11-20T11:30:00+07:00");
	/* Decided, and executed at 11:30 before the next event (E6): a
	 * further supplement meets a cancelled account. */
	s.at = tst_at("2026-11-20T11:40:00+07:00");
	step(&s);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_ACCOUNT_CANCELLED);
}

static void test_xnc_supplement_outside_a_session_leaves_it_waiting(
	void **state)
{
	bpacct_event e = request(FRI_10, BPACCT_CHANNEL_IN_PERSON);
	bpacct_event s = tl_event(BPACCT_INPUT_SUPPLEMENT,
				  "2026-11-22T10:00:00+07:00");
	struct bpacct_request before;

	(void)state;
	s.requester = TL_OWNER; /* E5: the requester on record */
	e.na20_sealed = 0;
	step(&e);
	memcpy(&before, f.req, sizeof before);
	s.request = "NA20-1";
	s.na20_sealed = 1;
	step(&s);
	assert_int_equal(tl_reason(f.fx, outcome_is(BPACCT_OUTCOME_REFUSED), 0),
			 BPACCT_REASON_OUTSIDE_SESSION);
	assert_memory_equal(&before, f.req, sizeof before);
	assert_int_equal(tl_req(f.req, BPACCT_FIELD_STATE),
			 BPACCT_REQUEST_SUPPLEMENT);
}

static void test_xnc_supplement_of_an_unknown_request_is_refused(
	void **state)
{
	bpacct_event s = tl_event(BPACCT_INPUT_SUPPLEMENT, FRI_10);
	(void)state;
	s.requester = TL_OWNER; /* E5: the requester on record */
	s.na20_sealed = 1;
	step(&s);
	assert_int_equal(tl_refused(f.fx), BPACCT_REASON_UNKNOWN_REQUEST);
	assert_int_equal(tl_req(f.req, BPACCT_FIELD_STATE),
			 BPACCT_REQUEST_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_xnc_ch_every_channel_is_accepted),
		TEST(test_xnc_1_na20_missing_or_incomplete_lists_every_field),
		TEST(test_xnc_2a_in_person_receipt_or_supplement_on_the_spot),
		TEST(test_xnc_r2_in_person_outside_a_session_is_refused),
		TEST(test_xnc_2b_postal_written_request_then_written_reply),
		TEST(test_xnc_2c_online_acceptance_supplement_or_rejection),
		TEST(test_xnc_2d_xnc_f_result_by_post_carries_the_fee),
		TEST(test_xnc_f_no_fee_in_person_or_online),
		TEST(test_xnc_2e_xnc_r1_saturday_morning_only),
		TEST(test_xnc_3_xnc_r5_saturday_request_nb10_in_person_from_monday_0800),
		TEST(test_xnc_r5_nb10_online_at_once),
		TEST(test_xnc_t_xnc_r4_cancelled_at_once_in_session),
		TEST(test_xnc_r4_online_on_sunday_cancelled_when_monday_opens),
		TEST(test_xnc_r2_receipt_online_in_session_and_postal_moved),
		TEST(test_xnc_r3_each_outcome_notice_per_channel),
		TEST(test_xnc_e_only_an_issued_account_of_the_owner),
		TEST(test_xnc_r_result_is_the_nb10_letter),
		TEST(test_xnc_has_no_lock_and_no_inactivity),
		TEST(test_xnc_supplement_brings_only_the_missing_fields),
		TEST(test_xnc_supplement_outside_a_session_leaves_it_waiting),
		TEST(test_xnc_supplement_of_an_unknown_request_is_refused),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
