/*
 * Office sessions and receipt: XNC-R1 (reception Mon–Sat morning, no
 * session in a holiday break), XNC-R2 (receipt instant per channel), XNC-R5
 * (results on working days only), BP-R1 (the portal is open 24/7), custom
 * hours, and the checks of a sessions table.
 */
#include "test_support.h"

static bpacct_sessions preset(int32_t which)
{
	bpacct_sessions s;
	assert_int_equal(bpacct_sessions_init(&s, BPACCT_SESSIONS_VERSION,
					      which),
			 BPACCT_OK);
	return s;
}

/* The session at or after `when`, as two instants. */
static void session_is(const bpacct_sessions *s, const char *when,
		       const char *open, const char *close)
{
	int64_t o = 0, c = 0;
	assert_int_equal(bpacct_sessions_find(tst_cal, s, tst_at(when), &o, &c),
			 BPACCT_OK);
	tst_instant_is(o, open);
	tst_instant_is(c, close);
}

static void first_open_is(const bpacct_sessions *s, const char *when,
			  const char *want)
{
	int64_t t = 0;
	assert_int_equal(bpacct_sessions_first_open(tst_cal, s, tst_at(when),
						    &t),
			 BPACCT_OK);
	tst_instant_is(t, want);
}

static void test_xnc_r1_weekday_morning_is_in_session(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	session_is(&s, "2026-11-20T10:00:00+07:00",
		   "2026-11-20T08:00:00+07:00", "2026-11-20T12:00:00+07:00");
	first_open_is(&s, "2026-11-20T10:00:00+07:00",
		      "2026-11-20T10:00:00+07:00");
	/* Bounds: the opening instant is inside, the closing one is not. */
	first_open_is(&s, "2026-11-20T08:00:00+07:00",
		      "2026-11-20T08:00:00+07:00");
	session_is(&s, "2026-11-20T12:00:00+07:00",
		   "2026-11-20T13:00:00+07:00", "2026-11-20T17:00:00+07:00");
}

static void test_xnc_r1_lunch_break_opens_at_13_00(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	session_is(&s, "2026-11-20T12:30:00+07:00",
		   "2026-11-20T13:00:00+07:00", "2026-11-20T17:00:00+07:00");
	first_open_is(&s, "2026-11-20T12:30:00+07:00",
		      "2026-11-20T13:00:00+07:00");
}

static void test_xnc_r1_plain_saturday_morning_only(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	session_is(&s, "2026-11-21T09:00:00+07:00",
		   "2026-11-21T08:00:00+07:00", "2026-11-21T12:00:00+07:00");
	session_is(&s, "2026-11-21T13:00:00+07:00",
		   "2026-11-23T08:00:00+07:00", "2026-11-23T12:00:00+07:00");
}

static void test_xnc_r1_sunday_opens_monday_08_00(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	first_open_is(&s, "2026-11-22T10:00:00+07:00",
		      "2026-11-23T08:00:00+07:00");
}

static void test_xnc_r1_saturday_2026_01_03_in_new_year_break(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	/* Fri 2026-01-02 is a swapped-off day: no Saturday session. */
	session_is(&s, "2026-01-03T09:00:00+07:00",
		   "2026-01-05T08:00:00+07:00", "2026-01-05T12:00:00+07:00");
}

static void test_xnc_r1_makeup_saturday_2026_01_10_full_day(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	session_is(&s, "2026-01-10T14:00:00+07:00",
		   "2026-01-10T13:00:00+07:00", "2026-01-10T17:00:00+07:00");
	/* Also a result day (working day, T4). */
	bpacct_sessions r = preset(BPACCT_SESSIONS_XNC_RESULT);
	first_open_is(&r, "2026-01-10T09:00:00+07:00",
		      "2026-01-10T09:00:00+07:00");
}

static void test_xnc_r1_saturdays_inside_tet_break_closed(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	first_open_is(&s, "2026-02-14T09:00:00+07:00",
		      "2026-02-23T08:00:00+07:00");
	first_open_is(&s, "2026-02-21T09:00:00+07:00",
		      "2026-02-23T08:00:00+07:00");
	/* The Saturday before (07/02) is an ordinary one. */
	first_open_is(&s, "2026-02-07T09:00:00+07:00",
		      "2026-02-07T09:00:00+07:00");
}

static void test_xnc_r1_policy_saturday_in_break_both_ways(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	s.flags |= BPACCT_SESSIONS_FLAG_SATURDAY_IN_BREAK;
	first_open_is(&s, "2026-01-03T09:00:00+07:00",
		      "2026-01-03T09:00:00+07:00");
	first_open_is(&s, "2026-02-14T09:00:00+07:00",
		      "2026-02-14T09:00:00+07:00");
	/* A Saturday that is itself a holiday (Hùng Kings 2023-04-29) stays
	 * closed; the break runs to Wed 3/5. */
	first_open_is(&s, "2023-04-29T09:00:00+07:00",
		      "2023-05-04T08:00:00+07:00");
	s.flags &= ~BPACCT_SESSIONS_FLAG_SATURDAY_IN_BREAK;
	first_open_is(&s, "2023-04-29T09:00:00+07:00",
		      "2023-05-04T08:00:00+07:00");
}

static void test_xnc_r2_in_person_outside_session_refused(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	int64_t got = 0;
	int32_t status = -1;
	assert_int_equal(bpacct_receipt_instant(
				 tst_cal, &s, BPACCT_RECEIPT_SESSION_ONLY,
				 tst_at("2026-11-22T10:00:00+07:00"), &got,
				 &status),
			 BPACCT_OK);
	assert_int_equal(status, BPACCT_RECEIPT_REFUSED);
	tst_instant_is(got, "2026-11-22T10:00:00+07:00");
	assert_int_equal(bpacct_receipt_instant(
				 tst_cal, &s, BPACCT_RECEIPT_SESSION_ONLY,
				 tst_at("2026-11-20T12:15:00+07:00"), &got,
				 &status),
			 BPACCT_OK);
	assert_int_equal(status, BPACCT_RECEIPT_REFUSED);
}

static void test_xnc_r2_postal_and_online_outside_moved(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	int64_t got = 0;
	int32_t status = -1;
	assert_int_equal(bpacct_receipt_instant(
				 tst_cal, &s, BPACCT_RECEIPT_NEXT_SESSION,
				 tst_at("2026-11-22T10:00:00+07:00"), &got,
				 &status),
			 BPACCT_OK);
	assert_int_equal(status, BPACCT_RECEIPT_MOVED);
	tst_instant_is(got, "2026-11-23T08:00:00+07:00");
	/* Friday evening → the plain Saturday morning session. */
	assert_int_equal(bpacct_receipt_instant(
				 tst_cal, &s, BPACCT_RECEIPT_NEXT_SESSION,
				 tst_at("2026-11-20T17:30:00+07:00"), &got,
				 &status),
			 BPACCT_OK);
	assert_int_equal(status, BPACCT_RECEIPT_MOVED);
	tst_instant_is(got, "2026-11-21T08:00:00+07:00");
}

static void test_xnc_r2_inside_session_received_at_submission(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	static const int32_t rules[2] = { BPACCT_RECEIPT_NEXT_SESSION,
					  BPACCT_RECEIPT_SESSION_ONLY };
	for (int i = 0; i < 2; i++) {
		int64_t got = 0;
		int32_t status = -1;
		assert_int_equal(bpacct_receipt_instant(
					 tst_cal, &s, rules[i],
					 tst_at("2026-11-21T11:59:59+07:00"),
					 &got, &status),
				 BPACCT_OK);
		assert_int_equal(status, BPACCT_RECEIPT_RECEIVED);
		tst_instant_is(got, "2026-11-21T11:59:59+07:00");
	}
}

static void test_bp_r1_immediate_at_any_time(void **state)
{
	(void)state;
	int64_t got = 0;
	int32_t status = -1;
	/* Mùng 1 Tết, 02:00: the portal is open; nothing else is needed. */
	assert_int_equal(bpacct_receipt_instant(
				 NULL, NULL, BPACCT_RECEIPT_IMMEDIATE,
				 tst_at("2026-02-17T02:00:00+07:00"), &got,
				 &status),
			 BPACCT_OK);
	assert_int_equal(status, BPACCT_RECEIPT_RECEIVED);
	tst_instant_is(got, "2026-02-17T02:00:00+07:00");
	bpacct_sessions always = preset(BPACCT_SESSIONS_ALWAYS);
	first_open_is(&always, "2026-02-17T02:00:00+07:00",
		      "2026-02-17T02:00:00+07:00");
	int64_t o = 0, c = 0;
	assert_int_equal(bpacct_sessions_find(
				 NULL, &always,
				 tst_at("2026-02-17T02:00:00+07:00"), &o, &c),
			 BPACCT_OK);
	tst_instant_is(o, "2026-02-17T00:00:00+07:00");
	tst_instant_is(c, "2026-02-18T00:00:00+07:00");
}

static void test_xnc_r5_result_first_open_never_plain_saturday(void **state)
{
	(void)state;
	bpacct_sessions r = preset(BPACCT_SESSIONS_XNC_RESULT);
	first_open_is(&r, "2026-11-21T09:00:00+07:00",
		      "2026-11-23T08:00:00+07:00");
	first_open_is(&r, "2026-11-20T14:00:00+07:00",
		      "2026-11-20T14:00:00+07:00");
	first_open_is(&r, "2026-11-20T17:00:00+07:00",
		      "2026-11-23T08:00:00+07:00");
}

static void test_sessions_custom_hours_hcmc(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	static const int32_t hcmc[4] = { 27000, 41400, 46800, 61200 };
	memcpy(s.working_day, hcmc, sizeof hcmc);
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_OK);
	first_open_is(&s, "2026-11-20T07:45:00+07:00",
		      "2026-11-20T07:45:00+07:00");
	session_is(&s, "2026-11-20T11:45:00+07:00",
		   "2026-11-20T13:00:00+07:00", "2026-11-20T17:00:00+07:00");
	session_is(&s, "2026-11-20T17:30:00+07:00",
		   "2026-11-23T07:30:00+07:00", "2026-11-23T11:30:00+07:00");
}

static void test_sessions_presets(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	assert_int_equal(s.version, BPACCT_SESSIONS_VERSION);
	assert_int_equal(s.flags, 0);
	assert_int_equal(s.working_day_count, 2);
	assert_int_equal(s.working_day[0], 28800);
	assert_int_equal(s.working_day[1], 43200);
	assert_int_equal(s.working_day[2], 46800);
	assert_int_equal(s.working_day[3], 61200);
	assert_int_equal(s.saturday_count, 1);
	assert_int_equal(s.saturday[0], 28800);
	assert_int_equal(s.saturday[1], 43200);
	s = preset(BPACCT_SESSIONS_XNC_RESULT);
	assert_int_equal(s.saturday_count, 0);
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	assert_int_equal(s.working_day_count, 2);
	assert_int_equal(s.saturday_count, 0);
	s = preset(BPACCT_SESSIONS_ALWAYS);
	assert_int_equal(s.flags, BPACCT_SESSIONS_FLAG_ALWAYS);
	assert_int_equal(bpacct_sessions_init(&s, 1, 0), BPACCT_EINVAL);
	assert_int_equal(bpacct_sessions_init(&s, 1, 5), BPACCT_EINVAL);
	assert_int_equal(bpacct_sessions_init(NULL, 1, 1), BPACCT_EMISUSE);
	assert_int_equal(bpacct_sessions_init(&s, 0, 1), BPACCT_EMISUSE);
	assert_int_equal(bpacct_sessions_init(&s, 2, 1), BPACCT_EMISUSE);
}

static void test_sessions_check_rejects_malformed_tables(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.working_day[2] = 39600; /* 11:00 overlaps 08:00–12:00 */
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EINVAL);
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.working_day[0] = 46800; /* 13:00–17:00 before 08:00–12:00 */
	s.working_day[1] = 61200;
	s.working_day[2] = 28800;
	s.working_day[3] = 43200;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EINVAL);
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.working_day[3] = 86401;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EINVAL);
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.working_day[1] = s.working_day[0]; /* empty session */
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EINVAL);
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.working_day[0] = -1;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EINVAL);
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.working_day_count = 5;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EINVAL);
	s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	s.saturday_count = 5;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EINVAL);
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.flags = 0x4u;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EINVAL);
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.version = 0;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EMISUSE);
	s.version = BPACCT_SESSIONS_VERSION + 1;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_EMISUSE);
	assert_int_equal(bpacct_sessions_check(NULL), BPACCT_EMISUSE);
	/* Touching sessions and a whole day are well formed. */
	s = preset(BPACCT_SESSIONS_OFFICE_HOURS);
	s.working_day[0] = 0;
	s.working_day[1] = 43200;
	s.working_day[2] = 43200;
	s.working_day[3] = 86400;
	assert_int_equal(bpacct_sessions_check(&s), BPACCT_OK);
}

static void test_sessions_erange_without_a_next_session(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	int64_t o = 42, c = 42;
	assert_int_equal(bpacct_sessions_find(
				 tst_cal, &s,
				 tst_at("2199-12-31T18:00:00+07:00"), &o, &c),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_sessions_find(
				 tst_cal, &s,
				 tst_at("2012-06-01T09:00:00+07:00"), &o, &c),
			 BPACCT_ERANGE);
	/* No session at all: refused at once, not after 187 years. */
	s.working_day_count = 0;
	s.saturday_count = 0;
	assert_int_equal(bpacct_sessions_find(
				 tst_cal, &s,
				 tst_at("2026-01-05T09:00:00+07:00"), &o, &c),
			 BPACCT_ERANGE);
	assert_int_equal(o, 42);
	assert_int_equal(c, 42);
	int64_t got = 42;
	int32_t status = 42;
	assert_int_equal(bpacct_receipt_instant(
				 tst_cal, &s, BPACCT_RECEIPT_NEXT_SESSION,
				 tst_at("2026-01-05T09:00:00+07:00"), &got,
				 &status),
			 BPACCT_ERANGE);
	assert_int_equal(got, 42);
	assert_int_equal(status, 42);
	/* A Saturday-only office still finds its Saturdays. */
	s.saturday_count = 1;
	first_open_is(&s, "2026-11-18T09:00:00+07:00",
		      "2026-11-21T08:00:00+07:00");
}

static void test_sessions_rejects_bad_arguments(void **state)
{
	(void)state;
	bpacct_sessions s = preset(BPACCT_SESSIONS_XNC_RECEPTION);
	int64_t t = tst_at("2026-11-20T10:00:00+07:00"), out = 0;
	int32_t status = 0;
	assert_int_equal(bpacct_sessions_find(tst_cal, NULL, t, NULL, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_sessions_find(NULL, &s, t, NULL, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_sessions_first_open(tst_cal, &s, t, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_receipt_instant(
				 tst_cal, &s, 0, t, &out, &status),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_receipt_instant(
				 tst_cal, &s, 4, t, &out, &status),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_receipt_instant(tst_cal, &s,
						BPACCT_RECEIPT_IMMEDIATE, t,
						NULL, &status),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_receipt_instant(NULL, &s,
						BPACCT_RECEIPT_NEXT_SESSION, t,
						&out, &status),
			 BPACCT_EINVAL);
	uint64_t junk[8] = { 0 };
	assert_int_equal(bpacct_sessions_find((const bpacct_calendar *)junk,
					      &s, t, NULL, NULL),
			 BPACCT_EMISUSE);
	s.version = 0;
	assert_int_equal(bpacct_sessions_find(tst_cal, &s, t, NULL, NULL),
			 BPACCT_EMISUSE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xnc_r1_weekday_morning_is_in_session),
		cmocka_unit_test(test_xnc_r1_lunch_break_opens_at_13_00),
		cmocka_unit_test(test_xnc_r1_plain_saturday_morning_only),
		cmocka_unit_test(test_xnc_r1_sunday_opens_monday_08_00),
		cmocka_unit_test(test_xnc_r1_saturday_2026_01_03_in_new_year_break),
		cmocka_unit_test(test_xnc_r1_makeup_saturday_2026_01_10_full_day),
		cmocka_unit_test(test_xnc_r1_saturdays_inside_tet_break_closed),
		cmocka_unit_test(test_xnc_r1_policy_saturday_in_break_both_ways),
		cmocka_unit_test(test_xnc_r2_in_person_outside_session_refused),
		cmocka_unit_test(test_xnc_r2_postal_and_online_outside_moved),
		cmocka_unit_test(test_xnc_r2_inside_session_received_at_submission),
		cmocka_unit_test(test_bp_r1_immediate_at_any_time),
		cmocka_unit_test(test_xnc_r5_result_first_open_never_plain_saturday),
		cmocka_unit_test(test_sessions_custom_hours_hcmc),
		cmocka_unit_test(test_sessions_presets),
		cmocka_unit_test(test_sessions_check_rejects_malformed_tables),
		cmocka_unit_test(test_sessions_erange_without_a_next_session),
		cmocka_unit_test(test_sessions_rejects_bad_arguments),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
