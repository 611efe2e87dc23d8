/*
 * Rule T1: Vietnam civil time (UTC+07:00), day numbers, instants, and the
 * RFC 3339 text of cli.md ("any offset in, +07:00 out, whole seconds").
 */
#include "test_support.h"

static void test_t1_day_numbers_known_dates(void **state)
{
	(void)state;
	assert_int_equal(tst_day_of(1970, 1, 1), 0);
	assert_int_equal(tst_day_of(2000, 3, 1), 11017);
	assert_int_equal(tst_day_of(1969, 12, 31), -1);
	assert_int_equal(tst_day_of(1, 1, 1), -719162);
	assert_int_equal(tst_day_of(9999, 12, 31), 2932896);
}

static void test_t1_day_numbers_round_trip_every_day_1_to_9999(void **state)
{
	(void)state;
	int32_t expect = tst_day_of(1, 1, 1);
	for (int32_t y = 1; y <= 9999; y++)
		for (int32_t m = 1; m <= 12; m++)
			for (int32_t d = 1; d <= 31; d++) {
				int32_t day, yy, mm, dd;
				if (bpacct_day_from_date(&day, y, m, d) != BPACCT_OK)
					continue;
				assert_int_equal(day, expect);
				assert_int_equal(bpacct_day_to_date(day, &yy, &mm, &dd), BPACCT_OK);
				assert_true(yy == y && mm == m && dd == d);
				expect++;
			}
	assert_int_equal(expect, tst_day_of(9999, 12, 31) + 1);
}

static void test_t1_invalid_dates_are_refused(void **state)
{
	(void)state;
	int32_t out = 7;
	assert_int_equal(bpacct_day_from_date(&out, 2026, 2, 29), BPACCT_EINVAL);
	assert_int_equal(bpacct_day_from_date(&out, 2026, 13, 1), BPACCT_EINVAL);
	assert_int_equal(bpacct_day_from_date(&out, 2026, 4, 31), BPACCT_EINVAL);
	assert_int_equal(bpacct_day_from_date(&out, 2026, 1, 0), BPACCT_EINVAL);
	assert_int_equal(bpacct_day_from_date(&out, 0, 1, 1), BPACCT_ERANGE);
	assert_int_equal(bpacct_day_from_date(&out, 10000, 1, 1), BPACCT_ERANGE);
	assert_int_equal(bpacct_day_from_date(NULL, 2026, 1, 1), BPACCT_EINVAL);
	assert_int_equal(out, 7); /* failures leave outputs unchanged */
	assert_int_equal(bpacct_day_from_date(&out, 2024, 2, 29), BPACCT_OK);
	int32_t y, m, d;
	assert_int_equal(bpacct_day_to_date(2932897, &y, &m, &d), BPACCT_ERANGE);
	assert_int_equal(bpacct_day_to_date(0, NULL, &m, &d), BPACCT_EINVAL);
}

static void test_t1_weekdays(void **state)
{
	(void)state;
	int32_t w;
	assert_int_equal(bpacct_day_weekday(tst_day_of(1970, 1, 1), &w),
			 BPACCT_OK);
	assert_int_equal(w, BPACCT_THURSDAY);
	bpacct_day_weekday(tst_day_of(2026, 11, 22), &w);
	assert_int_equal(w, BPACCT_SUNDAY);
	bpacct_day_weekday(tst_day_of(2026, 8, 31), &w); /* E1: Monday */
	assert_int_equal(w, BPACCT_MONDAY);
	bpacct_day_weekday(tst_day_of(1969, 12, 29), &w);
	assert_int_equal(w, BPACCT_MONDAY);
	assert_int_equal(bpacct_day_weekday(0, NULL), BPACCT_EINVAL);
}

/*
 * The header promises a weekday for any day number: the extremes of
 * int32_t must not overflow (UB: UBSan reports it) and must agree with
 * the cycle of 7 from day 0, Thursday 1970-01-01.
 * INT32_MAX = 7 * 306783378 + 1 (a Friday), INT32_MIN = -7 * 306783378 - 2
 * (a Tuesday).
 */
static void test_t1_weekday_of_every_int32_day(void **state)
{
	static const struct {
		int32_t day, weekday;
	} cases[] = {
		{ INT32_MIN, BPACCT_TUESDAY },
		{ INT32_MIN + 1, BPACCT_WEDNESDAY },
		{ -7, BPACCT_THURSDAY },
		{ -1, BPACCT_WEDNESDAY },
		{ 0, BPACCT_THURSDAY },
		{ 1, BPACCT_FRIDAY },
		{ INT32_MAX - 1, BPACCT_THURSDAY },
		{ INT32_MAX, BPACCT_FRIDAY },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int32_t w = -1;
		assert_int_equal(bpacct_day_weekday(cases[i].day, &w),
				 BPACCT_OK);
		assert_int_equal(w, cases[i].weekday);
	}
	/* every residue, on both sides of 0 */
	for (int32_t d = -21; d <= 21; d++) {
		int32_t w = 0, next = 0;
		bpacct_day_weekday(d, &w);
		bpacct_day_weekday(d + 1, &next);
		assert_true(w >= 1 && w <= 7);
		assert_int_equal(next, w % 7 + 1);
	}
}

static void test_t1_instant_day_is_decided_at_utc_plus_7(void **state)
{
	(void)state;
	int32_t day, sec;
	/* 2026-05-01T16:59:59Z is 23:59:59 on 1 May in Vietnam; one second
	 * later it is 2 May. */
	assert_int_equal(bpacct_instant_to_day(tst_at("2026-05-01T16:59:59Z"),
					       &day, &sec),
			 BPACCT_OK);
	assert_int_equal(day, tst_day_of(2026, 5, 1));
	assert_int_equal(sec, 86399);
	bpacct_instant_to_day(tst_at("2026-05-01T17:00:00Z"), &day, &sec);
	assert_int_equal(day, tst_day_of(2026, 5, 2));
	assert_int_equal(sec, 0);
	/* before the epoch */
	bpacct_instant_to_day(-1, &day, NULL);
	assert_int_equal(day, 0); /* 1970-01-01T06:59:59+07:00 */
	bpacct_instant_to_day(-25201, &day, &sec);
	assert_int_equal(day, -1);
	assert_int_equal(sec, 86399);
}

static void test_t3_24h00_is_next_day_midnight(void **state)
{
	(void)state;
	int64_t a, b;
	int32_t d = tst_day_of(2026, 9, 15);
	assert_int_equal(bpacct_instant_from_day(&a, d, 86400), BPACCT_OK);
	assert_int_equal(bpacct_instant_from_day(&b, d + 1, 0), BPACCT_OK);
	assert_true(a == b);
	tst_instant_is(a, "2026-09-16T00:00:00+07:00");
	assert_int_equal(bpacct_instant_from_day(&a, d, 86401), BPACCT_EINVAL);
	assert_int_equal(bpacct_instant_from_day(&a, d, -1), BPACCT_EINVAL);
}

static void test_cli_rfc3339_any_offset_in_plus_7_out(void **state)
{
	(void)state;
	int64_t t = tst_at("2026-05-01T16:15:00Z");
	tst_instant_is(t, "2026-05-01T23:15:00+07:00");
	assert_true(tst_at("2026-05-01T23:15:00+07:00") == t);
	assert_true(tst_at("2026-05-01t23:15:00+07:00") == t);
	assert_true(tst_at("2026-05-01 23:15:00+07:00") == t);
	assert_true(tst_at("2026-05-01T11:15:00-05:00") == t);
	assert_true(tst_at("2026-05-01T16:15:00z") == t);
	assert_true(tst_at("2026-05-01T16:15:00.999999Z") == t);
	assert_true(tst_at("1970-01-01T00:00:00Z") == 0);
	tst_instant_is(0, "1970-01-01T07:00:00+07:00");
	tst_instant_is(tst_at("0001-01-01T00:00:00+07:00"),
		       "0001-01-01T00:00:00+07:00");
	tst_instant_is(tst_at("9999-12-31T23:59:59+07:00"),
		       "9999-12-31T23:59:59+07:00");
}

static void test_cli_rfc3339_malformed_is_a_parse_error(void **state)
{
	(void)state;
	static const char *bad[] = {
		"", "2026-05-01", "2026-05-01T23:15:00", "2026-05-01T24:00:00Z",
		"2026-05-01T23:60:00Z", "2026-05-01T23:15:60Z",
		"2026-02-30T10:00:00Z", "2026-5-01T10:00:00Z",
		"2026-05-01T10:00:00+7:00", "2026-05-01T10:00:00+07:00x",
		"2026-05-01T10:00:00.Z", "2026-05-01X10:00:00Z",
		"2026-05-01T10:00:00+24:00", "2026-05-01T10:00:00+0700",
		"2026-05-01T10:00:00 Z", "+2026-05-01T10:00:00Z",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int64_t t = 42;
		assert_int_equal(bpacct_instant_parse(&t, bad[i], strlen(bad[i])),
				 BPACCT_EPARSE);
		assert_true(t == 42);
	}
	int64_t t;
	assert_int_equal(bpacct_instant_parse(NULL, "x", 1), BPACCT_EINVAL);
	assert_int_equal(bpacct_instant_parse(&t, NULL, 0), BPACCT_EINVAL);
	/* the length bounds the read: a valid prefix is not enough */
	assert_int_equal(bpacct_instant_parse(&t, "2026-05-01T10:00:00Z", 19), BPACCT_EPARSE);
}

static void test_cli_dates_parse_and_format(void **state)
{
	(void)state;
	int32_t d;
	char buf[BPACCT_DATE_BUFSIZE];
	assert_int_equal(bpacct_date_parse(&d, "2027-02-06", 10), BPACCT_OK);
	tst_date_is(d, "2027-02-06");
	assert_int_equal(bpacct_date_parse(&d, "2026-02-30", 10), BPACCT_EPARSE);
	assert_int_equal(bpacct_date_parse(&d, "2026-02-3", 9), BPACCT_EPARSE);
	assert_int_equal(bpacct_date_parse(&d, "2026/02/03", 10), BPACCT_EPARSE);
	assert_int_equal(bpacct_date_parse(&d, "0000-01-01", 10), BPACCT_EPARSE);
	assert_int_equal(bpacct_date_format(buf, 10, 0), BPACCT_EBUFSIZE);
	assert_int_equal(bpacct_date_format(buf, sizeof buf, 2932897), BPACCT_ERANGE);
	char ibuf[BPACCT_INSTANT_BUFSIZE];
	assert_int_equal(bpacct_instant_format(ibuf, 25, 0), BPACCT_EBUFSIZE);
	assert_int_equal(bpacct_instant_format(ibuf, sizeof ibuf, INT64_MAX), BPACCT_ERANGE);
	assert_int_equal(bpacct_instant_format(NULL, 26, 0), BPACCT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_t1_day_numbers_known_dates),
		cmocka_unit_test(test_t1_day_numbers_round_trip_every_day_1_to_9999),
		cmocka_unit_test(test_t1_invalid_dates_are_refused),
		cmocka_unit_test(test_t1_weekdays),
		cmocka_unit_test(test_t1_weekday_of_every_int32_day),
		cmocka_unit_test(test_t1_instant_day_is_decided_at_utc_plus_7),
		cmocka_unit_test(test_t3_24h00_is_next_day_midnight),
		cmocka_unit_test(test_cli_rfc3339_any_offset_in_plus_7_out),
		cmocka_unit_test(test_cli_rfc3339_malformed_is_a_parse_error),
		cmocka_unit_test(test_cli_dates_parse_and_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
