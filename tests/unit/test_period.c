/*
 * Rules T2 and T3: time limits under the Civil Code 2015, Arts 147–148,
 * with the worked examples E1–E13 of domain-reference §1 and every policy
 * switch tested both ways.  Expected values are literals from the spec.
 */
#include "test_support.h"

/* The result of one period computation. */
typedef struct result {
	int64_t due;
	int32_t last_day;
	uint32_t flags;
} result;

static result run(const bpacct_calendar *c, uint32_t policy,
		  const char *start, int32_t unit, int32_t count)
{
	bpacct_period_options o = BPACCT_PERIOD_OPTIONS_INIT;
	result r = { 0, -1, 0 };
	o.flags = policy;
	assert_int_equal(bpacct_period_end(c, &o, tst_at(start), unit, count,
					   &r.due, &r.last_day, &r.flags),
			 BPACCT_OK);
	return r;
}

#define DAY_FLAGS BPACCT_PERIOD_HAS_LAST_DAY
#define EXT BPACCT_PERIOD_EXTENDED
#define MEND BPACCT_PERIOD_MONTH_END

/* A period of count units from start, under the default policy and the
 * shared calendar, ends at due with this last day (-1: none) and flags. */
static void period_is(const char *start, int32_t unit, int32_t count,
		      const char *due, int32_t last_day, uint32_t flags)
{
	result r = run(tst_cal, 0, start, unit, count);
	tst_instant_is(r.due, due);
	assert_int_equal(r.last_day, last_day);
	assert_int_equal(r.flags, flags);
}

static void test_t3_e1_six_months_from_2026_08_31_ends_2027_03_02(void **state)
{
	(void)state;
	period_is("2026-08-31T10:00:00+07:00", BPACCT_UNIT_MONTH, 6,
		  "2027-03-02T00:00:00+07:00", tst_day_of(2027, 3, 1),
		  DAY_FLAGS | EXT | MEND);
}

static void test_t3_e2_six_months_from_2027_08_29_ends_2028_02_29(void **state)
{
	(void)state;
	period_is("2027-08-29T08:00:00+07:00", BPACCT_UNIT_MONTH, 6,
		  "2028-03-01T00:00:00+07:00", tst_day_of(2028, 2, 29),
		  DAY_FLAGS);
}

static void test_t3_e3_six_months_from_2027_08_31_month_end(void **state)
{
	(void)state;
	period_is("2027-08-31T23:59:59+07:00", BPACCT_UNIT_MONTH, 6,
		  "2028-03-01T00:00:00+07:00", tst_day_of(2028, 2, 29),
		  DAY_FLAGS | MEND);
}

static void test_t3_e4_six_months_from_2025_08_17_ends_after_tet(void **state)
{
	(void)state;
	period_is("2025-08-17T00:00:00+07:00", BPACCT_UNIT_MONTH, 6,
		  "2026-02-24T00:00:00+07:00", tst_day_of(2026, 2, 23),
		  DAY_FLAGS | EXT);
}

static void test_t3_e5_one_month_from_2026_01_31_ends_2026_03_02(void **state)
{
	(void)state;
	period_is("2026-01-31T12:00:00+07:00", BPACCT_UNIT_MONTH, 1,
		  "2026-03-03T00:00:00+07:00", tst_day_of(2026, 3, 2),
		  DAY_FLAGS | EXT | MEND);
}

static void test_t3_e6_ten_days_from_2026_04_24_ends_2026_05_04(void **state)
{
	(void)state;
	period_is("2026-04-24T15:00:00+07:00", BPACCT_UNIT_DAY, 10,
		  "2026-05-05T00:00:00+07:00", tst_day_of(2026, 5, 4),
		  DAY_FLAGS);
}

static void test_t3_e7_seven_days_from_2026_04_23_extended(void **state)
{
	(void)state;
	period_is("2026-04-23T15:00:00+07:00", BPACCT_UNIT_DAY, 7,
		  "2026-05-05T00:00:00+07:00", tst_day_of(2026, 5, 4),
		  DAY_FLAGS | EXT);
}

static void test_t3_e8_one_week_from_2026_03_04_ends_2026_03_11(void **state)
{
	(void)state;
	period_is("2026-03-04T09:00:00+07:00", BPACCT_UNIT_WEEK, 1,
		  "2026-03-12T00:00:00+07:00", tst_day_of(2026, 3, 11),
		  DAY_FLAGS);
}

static void test_t3_e9_a2_one_year_from_2024_02_29_ends_2025_02_28(void **state)
{
	(void)state;
	period_is("2024-02-29T09:00:00+07:00", BPACCT_UNIT_YEAR, 1,
		  "2025-03-01T00:00:00+07:00", tst_day_of(2025, 2, 28),
		  DAY_FLAGS | MEND);
}

static void test_t2_e10_two_hours_from_holiday_night_2026_05_01(void **state)
{
	(void)state;
	/* no last day: it stays -1 */
	period_is("2026-05-01T23:15:00+07:00", BPACCT_UNIT_HOUR, 2,
		  "2026-05-02T01:15:00+07:00", -1, 0);
}

static void test_t2_e11_two_hours_from_tet_eve_lock(void **state)
{
	(void)state;
	result r = run(tst_cal, 0, "2026-02-16T22:30:00+07:00",
		       BPACCT_UNIT_HOUR, 2);
	tst_instant_is(r.due, "2026-02-17T00:30:00+07:00");
	/* A3: no Art. 148(5) extension of an hour period, even with no
	 * calendar at all. */
	r = run(NULL, 0, "2026-02-16T22:30:00+07:00", BPACCT_UNIT_HOUR, 2);
	tst_instant_is(r.due, "2026-02-17T00:30:00+07:00");
}

static void test_t3_e12_six_months_from_2026_03_15_ends_2026_09_15(void **state)
{
	(void)state;
	period_is("2026-03-15T10:00:00+07:00", BPACCT_UNIT_MONTH, 6,
		  "2026-09-16T00:00:00+07:00", tst_day_of(2026, 9, 15),
		  DAY_FLAGS);
}

static void test_t3_e13_a1b_one_year_from_2022_05_10(void **state)
{
	(void)state;
	result a = run(tst_cal, 0, "2022-05-10T10:00:00+07:00",
		       BPACCT_UNIT_YEAR, 1);
	result b = run(tst_cal, BPACCT_PERIOD_ANCHOR_FIRST_DAY,
		       "2022-05-10T10:00:00+07:00", BPACCT_UNIT_YEAR, 1);
	assert_int_equal(a.last_day, tst_day_of(2023, 5, 10));
	tst_instant_is(a.due, "2023-05-11T00:00:00+07:00");
	assert_int_equal(b.last_day, tst_day_of(2023, 5, 11));
	tst_instant_is(b.due, "2023-05-12T00:00:00+07:00");
}

static void test_a1b_months_and_weeks_anchor_on_first_counted_day(void **state)
{
	(void)state;
	/* 1 month from 30 Jan: (a) 28 Feb by the fallback; (b) anchors on
	 * 31 Jan, also 28 Feb by the fallback; weeks move by one day. */
	result r = run(tst_cal,
		       BPACCT_PERIOD_ANCHOR_FIRST_DAY | BPACCT_PERIOD_NO_EXTEND,
		       "2026-01-30T10:00:00+07:00", BPACCT_UNIT_MONTH, 1);
	assert_int_equal(r.last_day, tst_day_of(2026, 2, 28));
	assert_int_equal(r.flags, DAY_FLAGS | MEND);
	r = run(tst_cal, BPACCT_PERIOD_ANCHOR_FIRST_DAY,
		"2026-03-04T09:00:00+07:00", BPACCT_UNIT_WEEK, 1);
	assert_int_equal(r.last_day, tst_day_of(2026, 3, 12));
	/* Days are counted alike under both readings. */
	r = run(tst_cal, BPACCT_PERIOD_ANCHOR_FIRST_DAY,
		"2026-04-24T15:00:00+07:00", BPACCT_UNIT_DAY, 10);
	assert_int_equal(r.last_day, tst_day_of(2026, 5, 4));
}

static void test_t3_policy_no_extend_both_ways(void **state)
{
	(void)state;
	result on = run(tst_cal, 0, "2026-08-31T10:00:00+07:00",
			BPACCT_UNIT_MONTH, 6);
	result off = run(tst_cal, BPACCT_PERIOD_NO_EXTEND,
			 "2026-08-31T10:00:00+07:00", BPACCT_UNIT_MONTH, 6);
	tst_instant_is(on.due, "2027-03-02T00:00:00+07:00");
	tst_instant_is(off.due, "2027-03-01T00:00:00+07:00");
	assert_int_equal(off.last_day, tst_day_of(2027, 2, 28));
	assert_int_equal(off.flags, DAY_FLAGS | MEND);
	off = run(tst_cal, BPACCT_PERIOD_NO_EXTEND, "2025-08-17T00:00:00+07:00",
		  BPACCT_UNIT_MONTH, 6);
	tst_instant_is(off.due, "2026-02-18T00:00:00+07:00");
	/* No extension needs no calendar. */
	off = run(NULL, BPACCT_PERIOD_NO_EXTEND, "2025-08-17T00:00:00+07:00",
		  BPACCT_UNIT_MONTH, 6);
	tst_instant_is(off.due, "2026-02-18T00:00:00+07:00");
}

static void test_t2_minutes_run_on_the_clock(void **state)
{
	(void)state;
	result r = run(tst_cal, 0, "2026-05-01T23:15:00+07:00",
		       BPACCT_UNIT_MINUTE, 90);
	tst_instant_is(r.due, "2026-05-02T00:45:00+07:00");
	r = run(NULL, 0, "2026-02-16T23:59:30+07:00", BPACCT_UNIT_MINUTE, 1);
	tst_instant_is(r.due, "2026-02-17T00:00:30+07:00");
}

static void test_t3_weeks_extended_over_tet(void **state)
{
	(void)state;
	/* Sat 2026-02-21 is a weekend day of the Tết break → Mon 23. */
	period_is("2026-02-07T09:00:00+07:00", BPACCT_UNIT_WEEK, 2,
		  "2026-02-24T00:00:00+07:00", tst_day_of(2026, 2, 23),
		  DAY_FLAGS | EXT);
}

static void test_t3_working_days_count_after_the_event_day(void **state)
{
	(void)state;
	/* 27/4 compensatory, 30/4 and 1/5 holidays: the 10th working day
	 * after Fri 24/4 is Wed 13/5. */
	result r = run(tst_cal, 0, "2026-04-24T15:00:00+07:00",
		       BPACCT_UNIT_WORKING_DAY, 10);
	assert_int_equal(r.last_day, tst_day_of(2026, 5, 13));
	tst_instant_is(r.due, "2026-05-14T00:00:00+07:00");
	assert_int_equal(r.flags, DAY_FLAGS);
	r = run(tst_cal, 0, "2026-02-13T09:00:00+07:00",
		BPACCT_UNIT_WORKING_DAY, 1);
	assert_int_equal(r.last_day, tst_day_of(2026, 2, 23));
	/* Make-up Saturday 2026-01-10 is a working day. */
	r = run(tst_cal, 0, "2026-01-09T09:00:00+07:00",
		BPACCT_UNIT_WORKING_DAY, 1);
	assert_int_equal(r.last_day, tst_day_of(2026, 1, 10));
}

static void test_t2_policy_working_hours_from_friday_afternoon(void **state)
{
	(void)state;
	result clock = run(tst_cal, 0, "2026-11-20T16:30:00+07:00",
			   BPACCT_UNIT_HOUR, 2);
	result work = run(tst_cal, BPACCT_PERIOD_WORKING_HOURS,
			  "2026-11-20T16:30:00+07:00", BPACCT_UNIT_HOUR, 2);
	tst_instant_is(clock.due, "2026-11-20T18:30:00+07:00");
	tst_instant_is(work.due, "2026-11-23T09:30:00+07:00");
	assert_int_equal(work.flags, 0);
}

static void test_t2_policy_working_hours_from_a_holiday_and_lunch(void **state)
{
	(void)state;
	result r = run(tst_cal, BPACCT_PERIOD_WORKING_HOURS,
		       "2026-09-02T10:00:00+07:00", BPACCT_UNIT_HOUR, 2);
	tst_instant_is(r.due, "2026-09-03T10:00:00+07:00");
	r = run(tst_cal, BPACCT_PERIOD_WORKING_HOURS,
		"2026-11-20T11:30:00+07:00", BPACCT_UNIT_MINUTE, 60);
	tst_instant_is(r.due, "2026-11-20T13:30:00+07:00");
	/* Exactly to the end of a session: the due instant is the close. */
	r = run(tst_cal, BPACCT_PERIOD_WORKING_HOURS,
		"2026-11-20T15:00:00+07:00", BPACCT_UNIT_HOUR, 2);
	tst_instant_is(r.due, "2026-11-20T17:00:00+07:00");
	/* Zero from a Saturday: the next opening. */
	r = run(tst_cal, BPACCT_PERIOD_WORKING_HOURS,
		"2026-11-21T09:00:00+07:00", BPACCT_UNIT_HOUR, 0);
	tst_instant_is(r.due, "2026-11-23T08:00:00+07:00");
}

static void test_t2_policy_working_hours_custom_sessions(void **state)
{
	(void)state;
	bpacct_sessions hcmc;
	bpacct_period_options o = BPACCT_PERIOD_OPTIONS_INIT;
	int64_t due = 0;
	static const int32_t hours[4] = { 27000, 41400, 46800, 61200 };
	assert_int_equal(bpacct_sessions_init(&hcmc, BPACCT_SESSIONS_VERSION,
					      BPACCT_SESSIONS_OFFICE_HOURS),
			 BPACCT_OK);
	memcpy(hcmc.working_day, hours, sizeof hours);
	o.flags = BPACCT_PERIOD_WORKING_HOURS;
	o.working_hours = &hcmc;
	assert_int_equal(bpacct_period_end(tst_cal, &o,
					   tst_at("2026-11-20T16:30:00+07:00"),
					   BPACCT_UNIT_HOUR, 2, &due, NULL,
					   NULL),
			 BPACCT_OK);
	tst_instant_is(due, "2026-11-23T09:00:00+07:00");
	hcmc.working_day[1] = 99999; /* malformed table */
	assert_int_equal(bpacct_period_end(tst_cal, &o, due, BPACCT_UNIT_HOUR,
					   2, &due, NULL, NULL),
			 BPACCT_EINVAL);
}

static void test_t3_count_zero(void **state)
{
	(void)state;
	result r = run(tst_cal, 0, "2026-03-04T09:00:00+07:00",
		       BPACCT_UNIT_DAY, 0);
	assert_int_equal(r.last_day, tst_day_of(2026, 3, 4));
	tst_instant_is(r.due, "2026-03-05T00:00:00+07:00");
	r = run(tst_cal, 0, "2026-03-15T09:00:00+07:00", BPACCT_UNIT_MONTH, 0);
	assert_int_equal(r.last_day, tst_day_of(2026, 3, 16));
	assert_int_equal(r.flags, DAY_FLAGS | EXT);
	r = run(tst_cal, 0, "2026-02-15T09:00:00+07:00",
		BPACCT_UNIT_WORKING_DAY, 0);
	assert_int_equal(r.last_day, tst_day_of(2026, 2, 23));
	r = run(NULL, 0, "2026-03-04T09:00:00+07:00", BPACCT_UNIT_HOUR, 0);
	tst_instant_is(r.due, "2026-03-04T09:00:00+07:00");
}

static void test_period_parse_accepts_every_unit(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int32_t unit, count;
	} ok[] = {
		{ "15min", BPACCT_UNIT_MINUTE, 15 },
		{ "2h", BPACCT_UNIT_HOUR, 2 },
		{ "0d", BPACCT_UNIT_DAY, 0 },
		{ "1w", BPACCT_UNIT_WEEK, 1 },
		{ "6mo", BPACCT_UNIT_MONTH, 6 },
		{ "3y", BPACCT_UNIT_YEAR, 3 },
		{ "10wd", BPACCT_UNIT_WORKING_DAY, 10 },
		{ "100000d", BPACCT_UNIT_DAY, 100000 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int32_t unit = 0, count = -1;
		assert_int_equal(bpacct_period_parse(ok[i].text,
						     strlen(ok[i].text), &unit,
						     &count),
				 BPACCT_OK);
		assert_int_equal(unit, ok[i].unit);
		assert_int_equal(count, ok[i].count);
	}
	/* Not NUL-terminated: only len bytes are read. */
	int32_t unit = 0, count = 0;
	assert_int_equal(bpacct_period_parse("6moX", 3, &unit, &count),
			 BPACCT_OK);
	assert_int_equal(unit, BPACCT_UNIT_MONTH);
}

static void test_period_parse_rejects_malformed_text(void **state)
{
	(void)state;
	static const char *const bad[] = { "6months", "-1d", "h", "100001d",
					   "2x", "", "2", "2H", " 2h", "2h ",
					   "9999999999d", "2 h" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int32_t unit = 77, count = 77;
		assert_int_equal(bpacct_period_parse(bad[i], strlen(bad[i]),
						     &unit, &count),
				 BPACCT_EPARSE);
		assert_int_equal(unit, 77);
		assert_int_equal(count, 77);
	}
	int32_t unit, count;
	assert_int_equal(bpacct_period_parse(NULL, 2, &unit, &count),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_period_parse("2h", 2, NULL, &count),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_period_parse("2h", 2, &unit, NULL),
			 BPACCT_EINVAL);
}

static void test_period_rejects_bad_unit_count_flags_version(void **state)
{
	(void)state;
	bpacct_period_options o = BPACCT_PERIOD_OPTIONS_INIT;
	int64_t start = tst_at("2026-03-04T09:00:00+07:00"), due = 42;
	int32_t last = 42;
	uint32_t flags = 42;
	assert_int_equal(bpacct_period_end(tst_cal, NULL, start, 0, 1, &due,
					   &last, &flags), BPACCT_EINVAL);
	assert_int_equal(bpacct_period_end(tst_cal, NULL, start, 8, 1, &due,
					   &last, &flags), BPACCT_EINVAL);
	assert_int_equal(bpacct_period_end(tst_cal, NULL, start,
					   BPACCT_UNIT_DAY, -1, &due, &last,
					   &flags), BPACCT_EINVAL);
	assert_int_equal(bpacct_period_end(tst_cal, NULL, start,
					   BPACCT_UNIT_DAY, 100001, &due,
					   &last, &flags), BPACCT_EINVAL);
	assert_int_equal(bpacct_period_end(tst_cal, NULL, start,
					   BPACCT_UNIT_DAY, 1, NULL, &last,
					   &flags), BPACCT_EINVAL);
	o.flags = 0x8u;
	assert_int_equal(bpacct_period_end(tst_cal, &o, start,
					   BPACCT_UNIT_DAY, 1, &due, &last,
					   &flags), BPACCT_EINVAL);
	o.flags = BPACCT_PERIOD_EXTENDED; /* a result flag, not a policy */
	assert_int_equal(bpacct_period_end(tst_cal, &o, start,
					   BPACCT_UNIT_DAY, 1, &due, &last,
					   &flags), BPACCT_EINVAL);
	o.flags = 0;
	o.version = 0;
	assert_int_equal(bpacct_period_end(tst_cal, &o, start,
					   BPACCT_UNIT_DAY, 1, &due, &last,
					   &flags), BPACCT_EMISUSE);
	o.version = BPACCT_PERIOD_OPTIONS_VERSION + 1;
	assert_int_equal(bpacct_period_end(tst_cal, &o, start,
					   BPACCT_UNIT_DAY, 1, &due, &last,
					   &flags), BPACCT_EMISUSE);
	assert_int_equal(due, 42);
	assert_int_equal(last, 42);
	assert_int_equal(flags, 42);
}

static void test_period_options_init(void **state)
{
	(void)state;
	bpacct_period_options o;
	memset(&o, 0xff, sizeof o);
	assert_int_equal(bpacct_period_options_init(&o, 1), BPACCT_OK);
	assert_int_equal(o.version, 1);
	assert_int_equal(o.flags, 0);
	assert_null(o.working_hours);
	assert_int_equal(bpacct_period_options_init(NULL, 1), BPACCT_EMISUSE);
	assert_int_equal(bpacct_period_options_init(&o, 0), BPACCT_EMISUSE);
	assert_int_equal(bpacct_period_options_init(&o, 2), BPACCT_EMISUSE);
}

static void test_period_calendar_needed_only_when_read(void **state)
{
	(void)state;
	bpacct_period_options o = BPACCT_PERIOD_OPTIONS_INIT;
	int64_t start = tst_at("2026-03-04T09:00:00+07:00"), due = 0;
	assert_int_equal(bpacct_period_end(NULL, NULL, start, BPACCT_UNIT_MONTH,
					   6, &due, NULL, NULL),
			 BPACCT_EINVAL);
	o.flags = BPACCT_PERIOD_NO_EXTEND;
	assert_int_equal(bpacct_period_end(NULL, &o, start,
					   BPACCT_UNIT_WORKING_DAY, 1, &due,
					   NULL, NULL),
			 BPACCT_EINVAL);
	o.flags = BPACCT_PERIOD_WORKING_HOURS;
	assert_int_equal(bpacct_period_end(NULL, &o, start, BPACCT_UNIT_HOUR,
					   2, &due, NULL, NULL),
			 BPACCT_EINVAL);
	/* A handle that is not a calendar is misuse. */
	uint64_t junk[8] = { 0 };
	assert_int_equal(bpacct_period_end((const bpacct_calendar *)junk, NULL,
					   start, BPACCT_UNIT_DAY, 1, &due,
					   NULL, NULL),
			 BPACCT_EMISUSE);
}

static void test_period_erange_beyond_2199(void **state)
{
	static const struct {
		const char *start;
		int32_t unit, count;
	} far[] = {
		{ "2199-10-01T09:00:00+07:00", BPACCT_UNIT_MONTH, 6 },
		{ "2199-12-31T09:00:00+07:00", BPACCT_UNIT_DAY, 1 },
		{ "2199-12-31T09:00:00+07:00", BPACCT_UNIT_WORKING_DAY, 1 },
		{ "2010-01-04T09:00:00+07:00", BPACCT_UNIT_WORKING_DAY, 1 },
		{ "2026-01-01T09:00:00+07:00", BPACCT_UNIT_YEAR, 100000 },
	};
	(void)state;
	int64_t due = 42;
	int32_t last = 42;
	for (size_t i = 0; i < sizeof far / sizeof far[0]; i++)
		assert_int_equal(bpacct_period_end(tst_cal, NULL,
						   tst_at(far[i].start),
						   far[i].unit, far[i].count,
						   &due, &last, NULL),
				 BPACCT_ERANGE);
	assert_int_equal(due, 42);
	assert_int_equal(last, 42);
	/* Without the extension the calendar's range does not matter. */
	result r = run(NULL, BPACCT_PERIOD_NO_EXTEND,
		       "2199-10-01T09:00:00+07:00", BPACCT_UNIT_MONTH, 6);
	assert_int_equal(r.last_day, tst_day_of(2200, 4, 1));
}

static void test_period_basis_cites_articles_and_extension(void **state)
{
	(void)state;
	char buf[256];
	uint32_t f = DAY_FLAGS | EXT | MEND;
	assert_int_equal(bpacct_period_basis(buf, sizeof buf, BPACCT_UNIT_MONTH,
					     6, f, BPACCT_LANG_EN),
			 BPACCT_OK);
	assert_non_null(strstr(buf, "Art. 147(2), 148(3)"));
	assert_non_null(strstr(buf, "6 months"));
	assert_non_null(strstr(buf, "moved to the next working day (Art. 148(5))"));
	assert_non_null(strstr(buf, "last day of the month"));
	assert_int_equal(bpacct_period_basis(buf, sizeof buf, BPACCT_UNIT_MONTH,
					     6, f, BPACCT_LANG_VI),
			 BPACCT_OK);
	assert_non_null(strstr(buf, "BLDS 2015 Điều 147(2), 148(3)"));
	assert_non_null(strstr(buf, "6 tháng"));
	assert_non_null(strstr(buf, "Điều 148(5)"));
	assert_int_equal(bpacct_period_basis(buf, sizeof buf, BPACCT_UNIT_HOUR,
					     2, 0, BPACCT_LANG_EN),
			 BPACCT_OK);
	assert_string_equal(buf, "Civil Code Art. 147(1): 2 hours on the clock "
				 "from the exact instant; no Art. 148(5) "
				 "extension");
	assert_int_equal(bpacct_period_basis(buf, sizeof buf, BPACCT_UNIT_DAY,
					     1, DAY_FLAGS, BPACCT_LANG_EN),
			 BPACCT_OK);
	assert_non_null(strstr(buf, "1 day,"));
	assert_null(strstr(buf, "148(5)"));
	assert_int_equal(bpacct_period_basis(buf, sizeof buf, BPACCT_UNIT_YEAR,
					     1, BPACCT_PERIOD_NO_EXTEND |
					     BPACCT_PERIOD_ANCHOR_FIRST_DAY |
					     MEND, BPACCT_LANG_EN),
			 BPACCT_OK);
	assert_non_null(strstr(buf, "A1(b)"));
	assert_non_null(strstr(buf, "28 Feb"));
	assert_non_null(strstr(buf, "no Art. 148(5) extension (policy)"));
}

static void test_period_basis_fits_256_and_checks_arguments(void **state)
{
	(void)state;
	char buf[256], small[8] = "keep";
	const uint32_t all = BPACCT_PERIOD_NO_EXTEND |
			     BPACCT_PERIOD_ANCHOR_FIRST_DAY |
			     BPACCT_PERIOD_WORKING_HOURS | EXT | MEND | DAY_FLAGS;
	for (int32_t lang = BPACCT_LANG_VI; lang <= BPACCT_LANG_EN; lang++)
		for (int32_t unit = BPACCT_UNIT_MINUTE;
		     unit <= BPACCT_UNIT_WORKING_DAY; unit++)
			assert_int_equal(bpacct_period_basis(buf, sizeof buf,
							     unit, 100000, all,
							     lang),
					 BPACCT_OK);
	assert_int_equal(bpacct_period_basis(small, sizeof small,
					     BPACCT_UNIT_DAY, 1, 0,
					     BPACCT_LANG_EN),
			 BPACCT_EBUFSIZE);
	assert_string_equal(small, "keep");
	assert_int_equal(bpacct_period_basis(NULL, 9, BPACCT_UNIT_DAY, 1, 0,
					     BPACCT_LANG_EN), BPACCT_EINVAL);
	assert_int_equal(bpacct_period_basis(buf, sizeof buf, 9, 1, 0,
					     BPACCT_LANG_EN), BPACCT_EINVAL);
	assert_int_equal(bpacct_period_basis(buf, sizeof buf, BPACCT_UNIT_DAY,
					     1, 0, 3), BPACCT_EINVAL);
	assert_int_equal(bpacct_period_basis(buf, sizeof buf, BPACCT_UNIT_DAY,
					     1, 0x10000u, BPACCT_LANG_EN),
			 BPACCT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_t3_e1_six_months_from_2026_08_31_ends_2027_03_02),
		cmocka_unit_test(test_t3_e2_six_months_from_2027_08_29_ends_2028_02_29),
		cmocka_unit_test(test_t3_e3_six_months_from_2027_08_31_month_end),
		cmocka_unit_test(test_t3_e4_six_months_from_2025_08_17_ends_after_tet),
		cmocka_unit_test(test_t3_e5_one_month_from_2026_01_31_ends_2026_03_02),
		cmocka_unit_test(test_t3_e6_ten_days_from_2026_04_24_ends_2026_05_04),
		cmocka_unit_test(test_t3_e7_seven_days_from_2026_04_23_extended),
		cmocka_unit_test(test_t3_e8_one_week_from_2026_03_04_ends_2026_03_11),
		cmocka_unit_test(test_t3_e9_a2_one_year_from_2024_02_29_ends_2025_02_28),
		cmocka_unit_test(test_t2_e10_two_hours_from_holiday_night_2026_05_01),
		cmocka_unit_test(test_t2_e11_two_hours_from_tet_eve_lock),
		cmocka_unit_test(test_t3_e12_six_months_from_2026_03_15_ends_2026_09_15),
		cmocka_unit_test(test_t3_e13_a1b_one_year_from_2022_05_10),
		cmocka_unit_test(test_a1b_months_and_weeks_anchor_on_first_counted_day),
		cmocka_unit_test(test_t3_policy_no_extend_both_ways),
		cmocka_unit_test(test_t2_minutes_run_on_the_clock),
		cmocka_unit_test(test_t3_weeks_extended_over_tet),
		cmocka_unit_test(test_t3_working_days_count_after_the_event_day),
		cmocka_unit_test(test_t2_policy_working_hours_from_friday_afternoon),
		cmocka_unit_test(test_t2_policy_working_hours_from_a_holiday_and_lunch),
		cmocka_unit_test(test_t2_policy_working_hours_custom_sessions),
		cmocka_unit_test(test_t3_count_zero),
		cmocka_unit_test(test_period_parse_accepts_every_unit),
		cmocka_unit_test(test_period_parse_rejects_malformed_text),
		cmocka_unit_test(test_period_rejects_bad_unit_count_flags_version),
		cmocka_unit_test(test_period_options_init),
		cmocka_unit_test(test_period_calendar_needed_only_when_read),
		cmocka_unit_test(test_period_erange_beyond_2199),
		cmocka_unit_test(test_period_basis_cites_articles_and_extension),
		cmocka_unit_test(test_period_basis_fits_256_and_checks_arguments),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
