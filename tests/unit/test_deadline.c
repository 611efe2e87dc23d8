/*
 * The procedure deadlines of deadline.h, one test per rule and per policy:
 * BP-A2/BP-R3 (bp-request), BP-B2/BP-R4 (bp-lock), BP-C1/BP-R5
 * (bp-inactivity), XNC-T/XNC-R2/XNC-R4 (xnc-request).
 */
#include "test_support.h"

typedef struct outcome {
	int64_t due, late;
	uint32_t flags;
} outcome;

static outcome compute(const bpacct_deadline_options *o, int32_t rule,
		       const char *when)
{
	outcome r = { 0, 0, 0xdeadu };
	assert_int_equal(bpacct_deadline_compute(tst_cal, o, rule, tst_at(when),
						 &r.due, &r.late, &r.flags),
			 BPACCT_OK);
	return r;
}

static bpacct_deadline_options options(uint32_t flags, int32_t channel)
{
	bpacct_deadline_options o;
	assert_int_equal(bpacct_deadline_options_init(
				 &o, BPACCT_DEADLINE_OPTIONS_VERSION),
			 BPACCT_OK);
	o.flags = flags;
	o.channel = channel;
	return o;
}

static void test_bp_a2_bp_r3_e10_request_plus_two_clock_hours(void **state)
{
	(void)state;
	outcome r = compute(NULL, BPACCT_RULE_BP_REQUEST,
			    "2026-05-01T23:15:00+07:00");
	tst_instant_is(r.due, "2026-05-02T01:15:00+07:00");
	tst_instant_is(r.late, "2026-05-02T01:15:00+07:00");
	assert_int_equal(r.flags, 0);
	/* Every channel: the host reports the receipt instant (BP-R1). */
	for (int32_t ch = BPACCT_CHANNEL_IN_PERSON; ch <= BPACCT_CHANNEL_ONLINE;
	     ch++) {
		bpacct_deadline_options o = options(0, ch);
		r = compute(&o, BPACCT_RULE_BP_REQUEST,
			    "2026-05-01T23:15:00+07:00");
		tst_instant_is(r.due, "2026-05-02T01:15:00+07:00");
		assert_int_equal(r.flags, 0);
	}
	/* No calendar is needed for clock hours. */
	int64_t due = 0;
	assert_int_equal(bpacct_deadline_compute(
				 NULL, NULL, BPACCT_RULE_BP_REQUEST,
				 tst_at("2026-05-01T23:15:00+07:00"), &due,
				 NULL, NULL),
			 BPACCT_OK);
	tst_instant_is(due, "2026-05-02T01:15:00+07:00");
}

static void test_bp_r3_policy_working_hours(void **state)
{
	(void)state;
	bpacct_deadline_options o = options(BPACCT_DEADLINE_WORKING_HOURS,
					    BPACCT_CHANNEL_ONLINE);
	outcome r = compute(&o, BPACCT_RULE_BP_REQUEST,
			    "2026-11-20T16:30:00+07:00");
	tst_instant_is(r.due, "2026-11-23T09:30:00+07:00");
	r = compute(NULL, BPACCT_RULE_BP_REQUEST, "2026-11-20T16:30:00+07:00");
	tst_instant_is(r.due, "2026-11-20T18:30:00+07:00");
}

static void test_bp_b2_bp_r4_e11_lock_plus_two_clock_hours(void **state)
{
	(void)state;
	outcome r = compute(NULL, BPACCT_RULE_BP_LOCK,
			    "2026-02-16T22:30:00+07:00");
	tst_instant_is(r.due, "2026-02-17T00:30:00+07:00");
	tst_instant_is(r.late, "2026-02-17T00:30:00+07:00");
	assert_int_equal(r.flags, 0);
}

static void test_bp_r4_policy_working_hours_over_tet(void **state)
{
	(void)state;
	bpacct_deadline_options o = options(BPACCT_DEADLINE_WORKING_HOURS,
					    BPACCT_CHANNEL_ONLINE);
	outcome r = compute(&o, BPACCT_RULE_BP_LOCK,
			    "2026-02-16T22:30:00+07:00");
	tst_instant_is(r.due, "2026-02-23T10:00:00+07:00");
}

static void test_bp_r5_reading_a_issued_2026_03_15_due_2026_09_16(void **state)
{
	(void)state;
	outcome r = compute(NULL, BPACCT_RULE_BP_INACTIVITY,
			    "2026-03-15T14:00:00+07:00");
	tst_instant_is(r.due, "2026-09-16T00:00:00+07:00");
	tst_instant_is(r.late, "2026-09-16T00:00:00+07:00");
	assert_int_equal(r.flags, 0);
	/* A last use does not matter under reading (a). */
	bpacct_deadline_options o = options(0, BPACCT_CHANNEL_ONLINE);
	o.last_used = tst_at("2026-05-20T10:00:00+07:00");
	r = compute(&o, BPACCT_RULE_BP_INACTIVITY,
		    "2026-03-15T14:00:00+07:00");
	tst_instant_is(r.due, "2026-09-16T00:00:00+07:00");
}

static void test_bp_r5_e12_no_calendar_needed_without_extension(void **state)
{
	(void)state;
	int64_t due = 0;
	assert_int_equal(bpacct_deadline_compute(
				 NULL, NULL, BPACCT_RULE_BP_INACTIVITY,
				 tst_at("2026-03-15T00:00:00+07:00"), &due,
				 NULL, NULL),
			 BPACCT_OK);
	tst_instant_is(due, "2026-09-16T00:00:00+07:00");
}

static void test_bp_r5_policy_b_rolling_from_last_use(void **state)
{
	(void)state;
	bpacct_deadline_options o = options(BPACCT_DEADLINE_INACTIVITY_ROLLING,
					    BPACCT_CHANNEL_ONLINE);
	o.last_used = tst_at("2026-05-20T10:00:00+07:00");
	outcome r = compute(&o, BPACCT_RULE_BP_INACTIVITY,
			    "2026-03-15T14:00:00+07:00");
	tst_instant_is(r.due, "2026-11-21T00:00:00+07:00");
	/* Never used: from the issue, as under (a). */
	o.last_used = BPACCT_INSTANT_NONE;
	r = compute(&o, BPACCT_RULE_BP_INACTIVITY,
		    "2026-03-15T14:00:00+07:00");
	tst_instant_is(r.due, "2026-09-16T00:00:00+07:00");
	/* A use before the issue cannot move the start back. */
	o.last_used = tst_at("2026-01-05T10:00:00+07:00");
	r = compute(&o, BPACCT_RULE_BP_INACTIVITY,
		    "2026-03-15T14:00:00+07:00");
	tst_instant_is(r.due, "2026-09-16T00:00:00+07:00");
}

static void test_bp_r5_policy_extend_both_ways(void **state)
{
	(void)state;
	/* Issued 2026-03-01: the corresponding day 2026-09-01 is a holiday,
	 * so is 2/9; Art. 148(5) would move it to Thu 3/9. */
	outcome off = compute(NULL, BPACCT_RULE_BP_INACTIVITY,
			      "2026-03-01T09:00:00+07:00");
	tst_instant_is(off.due, "2026-09-02T00:00:00+07:00");
	assert_int_equal(off.flags, 0);
	bpacct_deadline_options o = options(BPACCT_DEADLINE_EXTEND,
					    BPACCT_CHANNEL_ONLINE);
	outcome on = compute(&o, BPACCT_RULE_BP_INACTIVITY,
			     "2026-03-01T09:00:00+07:00");
	tst_instant_is(on.due, "2026-09-04T00:00:00+07:00");
	assert_int_equal(on.flags, BPACCT_DEADLINE_EXTENDED);
	/* The extension reads the calendar. */
	int64_t due = 0;
	assert_int_equal(bpacct_deadline_compute(
				 NULL, &o, BPACCT_RULE_BP_INACTIVITY,
				 tst_at("2026-03-01T09:00:00+07:00"), &due,
				 NULL, NULL),
			 BPACCT_EINVAL);
}

static void test_xnc_r4_in_person_inside_session_due_at_once(void **state)
{
	(void)state;
	bpacct_deadline_options o = options(0, BPACCT_CHANNEL_IN_PERSON);
	outcome r = compute(&o, BPACCT_RULE_XNC_REQUEST,
			    "2026-11-20T09:00:00+07:00");
	tst_instant_is(r.due, "2026-11-20T09:00:00+07:00");
	tst_instant_is(r.late, "2026-11-20T12:00:00+07:00");
	assert_int_equal(r.flags, 0);
	r = compute(&o, BPACCT_RULE_XNC_REQUEST, "2026-11-20T14:00:00+07:00");
	tst_instant_is(r.late, "2026-11-20T17:00:00+07:00");
}

static void test_xnc_r2_in_person_outside_session_refused(void **state)
{
	(void)state;
	bpacct_deadline_options o = options(0, BPACCT_CHANNEL_IN_PERSON);
	outcome r = compute(&o, BPACCT_RULE_XNC_REQUEST,
			    "2026-11-22T10:00:00+07:00");
	assert_int_equal(r.flags, BPACCT_DEADLINE_REFUSED);
	tst_instant_is(r.due, "2026-11-22T10:00:00+07:00");
	tst_instant_is(r.late, "2026-11-22T10:00:00+07:00");
}

static void test_xnc_r2_postal_outside_session_moved(void **state)
{
	(void)state;
	bpacct_deadline_options o = options(0, BPACCT_CHANNEL_POSTAL);
	outcome r = compute(&o, BPACCT_RULE_XNC_REQUEST,
			    "2026-11-22T10:00:00+07:00");
	assert_int_equal(r.flags, BPACCT_DEADLINE_MOVED);
	tst_instant_is(r.due, "2026-11-23T08:00:00+07:00");
	tst_instant_is(r.late, "2026-11-23T12:00:00+07:00");
	r = compute(&o, BPACCT_RULE_XNC_REQUEST, "2026-11-23T09:00:00+07:00");
	assert_int_equal(r.flags, 0);
	tst_instant_is(r.due, "2026-11-23T09:00:00+07:00");
}

static void test_xnc_r2_online_outside_session_moved(void **state)
{
	(void)state;
	/* The default channel is online. */
	outcome r = compute(NULL, BPACCT_RULE_XNC_REQUEST,
			    "2026-11-20T17:30:00+07:00");
	assert_int_equal(r.flags, BPACCT_DEADLINE_MOVED);
	tst_instant_is(r.due, "2026-11-21T08:00:00+07:00");
	tst_instant_is(r.late, "2026-11-21T12:00:00+07:00");
	/* Inside the plain Saturday session. */
	r = compute(NULL, BPACCT_RULE_XNC_REQUEST, "2026-11-21T10:00:00+07:00");
	assert_int_equal(r.flags, 0);
	tst_instant_is(r.due, "2026-11-21T10:00:00+07:00");
	tst_instant_is(r.late, "2026-11-21T12:00:00+07:00");
	/* Sent during the Tết break: the first session after it. */
	r = compute(NULL, BPACCT_RULE_XNC_REQUEST, "2026-02-14T09:00:00+07:00");
	tst_instant_is(r.due, "2026-02-23T08:00:00+07:00");
}

static void test_xnc_r1_custom_reception_sessions(void **state)
{
	(void)state;
	bpacct_sessions hcmc;
	static const int32_t hours[4] = { 27000, 41400, 46800, 61200 };
	assert_int_equal(bpacct_sessions_init(&hcmc, BPACCT_SESSIONS_VERSION,
					      BPACCT_SESSIONS_XNC_RECEPTION),
			 BPACCT_OK);
	memcpy(hcmc.working_day, hours, sizeof hours);
	bpacct_deadline_options o = options(0, BPACCT_CHANNEL_IN_PERSON);
	o.reception = &hcmc;
	outcome r = compute(&o, BPACCT_RULE_XNC_REQUEST,
			    "2026-11-20T07:45:00+07:00");
	assert_int_equal(r.flags, 0);
	tst_instant_is(r.late, "2026-11-20T11:30:00+07:00");
}

static void test_deadline_names_round_trip(void **state)
{
	(void)state;
	static const char *const names[4] = { "bp-request", "bp-lock",
					      "bp-inactivity", "xnc-request" };
	for (int32_t r = 1; r <= 4; r++) {
		int32_t back = 0;
		assert_string_equal(bpacct_rule_name(r), names[r - 1]);
		assert_int_equal(bpacct_rule_from_name(names[r - 1],
						       strlen(names[r - 1]),
						       &back),
				 BPACCT_OK);
		assert_int_equal(back, r);
	}
	static const char *const channels[3] = { "in_person", "postal",
						 "online" };
	for (int32_t c = 1; c <= 3; c++) {
		int32_t back = 0;
		assert_string_equal(bpacct_channel_name(c), channels[c - 1]);
		assert_int_equal(bpacct_channel_from_name(channels[c - 1],
							  strlen(channels[c - 1]),
							  &back),
				 BPACCT_OK);
		assert_int_equal(back, c);
	}
	int32_t out = 42;
	assert_string_equal(bpacct_rule_name(0), "unknown");
	assert_string_equal(bpacct_rule_name(5), "unknown");
	assert_string_equal(bpacct_channel_name(0), "unknown");
	assert_string_equal(bpacct_channel_name(4), "unknown");
	assert_int_equal(bpacct_rule_from_name("bp-requestX", 10, &out),
			 BPACCT_OK);
	assert_int_equal(out, BPACCT_RULE_BP_REQUEST);
	assert_int_equal(bpacct_rule_from_name("bp-req", 6, &out),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_rule_from_name("BP-REQUEST", 10, &out),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_channel_from_name("post", 4, &out),
			 BPACCT_ENOTFOUND);
	assert_int_equal(out, BPACCT_RULE_BP_REQUEST);
	assert_int_equal(bpacct_rule_from_name(NULL, 3, &out), BPACCT_EINVAL);
	assert_int_equal(bpacct_rule_from_name("x", 1, NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_channel_from_name(NULL, 3, &out),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_channel_from_name("x", 1, NULL), BPACCT_EINVAL);
}

static void test_deadline_basis_cites_the_requirements(void **state)
{
	(void)state;
	static const char *const ids[4][3] = {
		{ "BP-A2", "BP-R3", "T2" },
		{ "BP-B2", "BP-R4", "T2" },
		{ "BP-C1", "BP-R5", "T3" },
		{ "XNC-T", "XNC-R2", "XNC-R4" },
	};
	for (int32_t r = 1; r <= 4; r++)
		for (int32_t lang = BPACCT_LANG_VI; lang <= BPACCT_LANG_EN;
		     lang++) {
			const char *text = bpacct_rule_basis(r, lang);
			assert_true(strlen(text) > 40);
			for (int i = 0; i < 3; i++)
				assert_non_null(strstr(text, ids[r - 1][i]));
		}
	assert_non_null(strstr(bpacct_rule_basis(BPACCT_RULE_BP_REQUEST,
						 BPACCT_LANG_VI), "02 giờ"));
	assert_non_null(strstr(bpacct_rule_basis(BPACCT_RULE_BP_INACTIVITY,
						 BPACCT_LANG_EN),
			       "no Art. 148(5) extension"));
	assert_string_equal(bpacct_rule_basis(0, BPACCT_LANG_EN), "");
	assert_string_equal(bpacct_rule_basis(1, 0), "");
	assert_string_equal(bpacct_rule_basis(1, 3), "");
}

static void test_deadline_rejects_bad_rule_channel_options(void **state)
{
	(void)state;
	bpacct_deadline_options o = options(0, BPACCT_CHANNEL_ONLINE);
	int64_t t = tst_at("2026-11-20T09:00:00+07:00"), due = 42, late = 42;
	uint32_t flags = 42;
	assert_int_equal(bpacct_deadline_compute(tst_cal, NULL, 0, t, &due,
						 &late, &flags), BPACCT_EINVAL);
	assert_int_equal(bpacct_deadline_compute(tst_cal, NULL, 5, t, &due,
						 &late, &flags), BPACCT_EINVAL);
	assert_int_equal(bpacct_deadline_compute(tst_cal, NULL, 1, t, NULL,
						 &late, &flags), BPACCT_EINVAL);
	o.channel = 0;
	assert_int_equal(bpacct_deadline_compute(tst_cal, &o, 4, t, &due, &late,
						 &flags), BPACCT_EINVAL);
	o.channel = 4;
	assert_int_equal(bpacct_deadline_compute(tst_cal, &o, 4, t, &due, &late,
						 &flags), BPACCT_EINVAL);
	o = options(0x8u, BPACCT_CHANNEL_ONLINE);
	assert_int_equal(bpacct_deadline_compute(tst_cal, &o, 1, t, &due, &late,
						 &flags), BPACCT_EINVAL);
	o = options(BPACCT_DEADLINE_MOVED, BPACCT_CHANNEL_ONLINE);
	assert_int_equal(bpacct_deadline_compute(tst_cal, &o, 1, t, &due, &late,
						 &flags), BPACCT_EINVAL);
	o = options(0, BPACCT_CHANNEL_ONLINE);
	o.version = 0;
	assert_int_equal(bpacct_deadline_compute(tst_cal, &o, 1, t, &due, &late,
						 &flags), BPACCT_EMISUSE);
	o.version = BPACCT_DEADLINE_OPTIONS_VERSION + 1;
	assert_int_equal(bpacct_deadline_compute(tst_cal, &o, 1, t, &due, &late,
						 &flags), BPACCT_EMISUSE);
	/* xnc-request reads the calendar. */
	assert_int_equal(bpacct_deadline_compute(NULL, NULL, 4, t, &due, &late,
						 &flags), BPACCT_EINVAL);
	assert_int_equal(due, 42);
	assert_int_equal(late, 42);
	assert_int_equal(flags, 42);
	assert_int_equal(bpacct_deadline_options_init(NULL, 1), BPACCT_EMISUSE);
	assert_int_equal(bpacct_deadline_options_init(&o, 0), BPACCT_EMISUSE);
	assert_int_equal(bpacct_deadline_options_init(&o, 2), BPACCT_EMISUSE);
	assert_int_equal(bpacct_deadline_options_init(&o, 1), BPACCT_OK);
	assert_int_equal(o.channel, BPACCT_CHANNEL_ONLINE);
	assert_true(o.last_used == BPACCT_INSTANT_NONE);
	assert_null(o.reception);
	assert_null(o.working_hours);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bp_a2_bp_r3_e10_request_plus_two_clock_hours),
		cmocka_unit_test(test_bp_r3_policy_working_hours),
		cmocka_unit_test(test_bp_b2_bp_r4_e11_lock_plus_two_clock_hours),
		cmocka_unit_test(test_bp_r4_policy_working_hours_over_tet),
		cmocka_unit_test(test_bp_r5_reading_a_issued_2026_03_15_due_2026_09_16),
		cmocka_unit_test(test_bp_r5_e12_no_calendar_needed_without_extension),
		cmocka_unit_test(test_bp_r5_policy_b_rolling_from_last_use),
		cmocka_unit_test(test_bp_r5_policy_extend_both_ways),
		cmocka_unit_test(test_xnc_r4_in_person_inside_session_due_at_once),
		cmocka_unit_test(test_xnc_r2_in_person_outside_session_refused),
		cmocka_unit_test(test_xnc_r2_postal_outside_session_moved),
		cmocka_unit_test(test_xnc_r2_online_outside_session_moved),
		cmocka_unit_test(test_xnc_r1_custom_reception_sessions),
		cmocka_unit_test(test_deadline_names_round_trip),
		cmocka_unit_test(test_deadline_basis_cites_the_requirements),
		cmocka_unit_test(test_deadline_rejects_bad_rule_channel_options),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
