/*
 * Rule C4 and the making of a calendar object: host days by function and
 * by CSV (replacing what the law and the announcements say), the CSV
 * reader's errors with their line numbers, every allocation failing in
 * turn with nothing changed, and misuse of the options.  The queries of
 * rule T4 are in test_calendar.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "test_calendar_support.h"

/* --- rule C4: host days ------------------------------------------------ */

static void test_c4_host_working_cancels_projected_day_off(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	int32_t p;
	(void)state;
	/* 2027: 261 weekdays, 11 of them off by C1/C3 */
	assert_int_equal(tst_year_count(c, 2027), 250);
	tst_day_info_is(c, tst_day_of(2027, 2, 10), 0, BPACCT_DAY_COMPENSATORY,
			BPACCT_SOURCE_PROJECTED, NULL);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2027, 2, 10),
						 BPACCT_DAY_MAKEUP,
						 "Đi làm theo thông báo"),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2027, 2, 10), 1, BPACCT_DAY_MAKEUP,
			BPACCT_SOURCE_HOST, "Đi làm theo thông báo");
	assert_int_equal(tst_year_count(c, 2027), 251);
	assert_int_equal(bpacct_calendar_year_projected(c, 2027, &p), BPACCT_OK);
	assert_int_equal(p, 1); /* the rest of the block is still projected */
	tst_check_against_ref(c, 7);
	bpacct_calendar_free(c);
}

static void test_c4_host_holiday_on_weekend_and_weekday(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	uint32_t n0, n1;
	(void)state;
	/* 24/11 "Ngày Văn hóa Việt Nam" is not law: a host adds it. */
	assert_int_equal(bpacct_calendar_entry_count(c, 2029, &n0), BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2029, 11, 24),
						 BPACCT_DAY_HOLIDAY,
						 "Ngày Văn hóa Việt Nam"),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2029, 11, 24), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "Ngày Văn hóa Việt Nam");
	/* a host gives its own compensatory days: none is invented */
	tst_day_info_is(c, tst_day_of(2029, 11, 26), 1, BPACCT_DAY_WORKING,
			BPACCT_SOURCE_NONE, "");
	assert_int_equal(bpacct_calendar_entry_count(c, 2029, &n1), BPACCT_OK);
	assert_int_equal(n1, n0 + 1);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2027, 11, 24),
						 BPACCT_DAY_HOLIDAY, NULL),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2027, 11, 24), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "");
	assert_int_equal(tst_year_count(c, 2027), 249);
	tst_check_against_ref(c, 11);
	bpacct_calendar_free(c);
}

static void test_c4_host_replaces_announced_and_statutory(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	uint32_t n0, n1;
	(void)state;
	assert_int_equal(bpacct_calendar_entry_count(c, 2026, &n0), BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2026, 1, 10),
						 BPACCT_DAY_HOLIDAY, "một"),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2026, 1, 10), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "một");
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2026, 1, 10),
						 BPACCT_DAY_SWAP_OFF, "hai"),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2026, 1, 10), 0, BPACCT_DAY_SWAP_OFF,
			BPACCT_SOURCE_HOST, "hai");
	/* an announced swapped-off day may be worked after all (not Tết
	 * mùng 1, 2026-02-17: rule E7, test_e7_host_working_on_statutory_*) */
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2026, 1, 2),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_OK);
	assert_int_equal(tst_working(c, tst_day_of(2026, 1, 2)), 1);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2026, 1, 1),
						 BPACCT_DAY_COMPENSATORY, "ba"),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2026, 1, 1), 0, BPACCT_DAY_COMPENSATORY,
			BPACCT_SOURCE_HOST, "ba");
	assert_int_equal(bpacct_calendar_entry_count(c, 2026, &n1), BPACCT_OK);
	assert_int_equal(n1, n0); /* replaced, not added */
	assert_int_equal(tst_year_count(c, 2026), 250 - 1 + 1);
	bpacct_calendar_free(c);
}

/* Replacing every projected day of 2027 makes the year not projected. */
static void test_c4_host_schedule_clears_projected_flag(void **state)
{
	static const int32_t days[][3] = {
		{ 2, 4, BPACCT_DAY_HOLIDAY }, { 2, 5, BPACCT_DAY_HOLIDAY },
		{ 2, 6, BPACCT_DAY_HOLIDAY }, { 2, 7, BPACCT_DAY_HOLIDAY },
		{ 2, 8, BPACCT_DAY_HOLIDAY }, { 2, 9, BPACCT_DAY_COMPENSATORY },
		{ 2, 10, BPACCT_DAY_COMPENSATORY }, { 9, 3, BPACCT_DAY_HOLIDAY },
	};
	bpacct_calendar *c = tst_new_cal(0);
	int32_t p = -1;
	(void)state;
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		assert_int_equal(bpacct_calendar_year_projected(c, 2027, &p),
				 BPACCT_OK);
		assert_int_equal(p, 1);
		int32_t d = tst_day_of(2027, days[i][0], days[i][1]);
		assert_int_equal(bpacct_calendar_add_day(c, d, days[i][2],
							 "Thông báo"),
				 BPACCT_OK);
	}
	assert_int_equal(bpacct_calendar_year_projected(c, 2027, &p), BPACCT_OK);
	assert_int_equal(p, 0);
	bpacct_calendar_free(c);
}

static void test_c4_add_day_argument_errors(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	char name[129];
	uint32_t n0, n1;
	int32_t d = tst_day_of(2027, 3, 3);
	(void)state;
	assert_int_equal(bpacct_calendar_entry_count(c, 2027, &n0), BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(c, d, BPACCT_DAY_WORKING, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_add_day(c, d, BPACCT_DAY_WEEKEND, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_add_day(c, d, 6, NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_add_day(c, d, -1, NULL), BPACCT_EINVAL);
	memset(name, 'x', 128);
	name[128] = '\0';
	assert_int_equal(bpacct_calendar_add_day(c, d, BPACCT_DAY_HOLIDAY, name),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2012, 12, 31),
						 BPACCT_DAY_HOLIDAY, NULL),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2200, 1, 1),
						 BPACCT_DAY_HOLIDAY, NULL),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_add_day(NULL, d, BPACCT_DAY_HOLIDAY,
						 NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_entry_count(c, 2027, &n1), BPACCT_OK);
	assert_int_equal(n1, n0);
	assert_int_equal(tst_working(c, d), 1);
	name[127] = '\0'; /* 127 bytes: the longest name */
	assert_int_equal(bpacct_calendar_add_day(c, d, BPACCT_DAY_HOLIDAY, name),
			 BPACCT_OK);
	tst_day_info_is(c, d, 0, BPACCT_DAY_HOLIDAY, BPACCT_SOURCE_HOST, name);
	bpacct_calendar_free(c);
}

/* --- CSV ------------------------------------------------------------- */

static int add_csv(bpacct_calendar *c, const char *text, int32_t *line)
{
	return bpacct_calendar_add_csv(c, text, strlen(text), line);
}

static void test_c4_csv_good_file(void **state)
{
	static const char text[] =
		"\xef\xbb\xbf# host calendar 2027\r\n"
		"date,kind,name\r\n"
		"\r\n"
		"2027-02-03,holiday,\"Tết Nguyên đán (27 Chạp), thêm\"\r\n"
		"   # an indented comment\n"
		"2027-02-10,working,Đi làm\n"
		" 2027-11-24 , holiday , \"Ngày \"\"Văn hóa\"\" Việt Nam\"\n"
		"2027-12-31,swap_off\n"
		"2027-12-30,compensatory,\n"
		"2029-11-24,holiday,\"\"\n"
		"2027-11-24,holiday,Ngày Văn hóa Việt Nam";
	bpacct_calendar *c = tst_new_cal(0);
	int32_t line = -5;
	(void)state;
	assert_int_equal(add_csv(c, text, &line), BPACCT_OK);
	assert_int_equal(line, -5);
	tst_day_info_is(c, tst_day_of(2027, 2, 3), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "Tết Nguyên đán (27 Chạp), thêm");
	tst_day_info_is(c, tst_day_of(2027, 2, 10), 1, BPACCT_DAY_MAKEUP,
			BPACCT_SOURCE_HOST, "Đi làm");
	/* a later line for the same date wins */
	tst_day_info_is(c, tst_day_of(2027, 11, 24), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "Ngày Văn hóa Việt Nam");
	tst_day_info_is(c, tst_day_of(2027, 12, 31), 0, BPACCT_DAY_SWAP_OFF,
			BPACCT_SOURCE_HOST, "");
	tst_day_info_is(c, tst_day_of(2027, 12, 30), 0, BPACCT_DAY_COMPENSATORY,
			BPACCT_SOURCE_HOST, "");
	tst_day_info_is(c, tst_day_of(2029, 11, 24), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "");
	/* quotes with "" inside */
	assert_int_equal(add_csv(c, "2027-11-24,holiday,\"Ngày \"\"Văn hóa\"\"\"",
				 &line),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2027, 11, 24), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "Ngày \"Văn hóa\"");
	/* 250 − Feb 3 − Nov 24 − Dec 30 − Dec 31 + Feb 10 */
	assert_int_equal(tst_year_count(c, 2027), 247);
	tst_check_against_ref(c, 3);
	/* nothing to add is fine */
	assert_int_equal(bpacct_calendar_add_csv(c, NULL, 0, NULL), BPACCT_OK);
	assert_int_equal(add_csv(c, "# nothing\n\ndate,kind,name\n", NULL),
			 BPACCT_OK);
	bpacct_calendar_free(c);
}

static void test_c4_csv_bad_lines_report_line_and_change_nothing(void **state)
{
	static const struct {
		const char *line;
		int rc;
	} bad[] = {
		{ "2027-02-30,holiday,X", BPACCT_EPARSE },
		{ "2027-3-01,holiday,X", BPACCT_EPARSE },
		{ "01/03/2027,holiday,X", BPACCT_EPARSE },
		{ "2027-03-03,feast,X", BPACCT_EPARSE },
		{ "2027-03-03,Holiday,X", BPACCT_EPARSE },
		{ "2027-03-03,weekend,X", BPACCT_EPARSE },
		{ "2027-03-03", BPACCT_EPARSE },
		{ "2027-03-03,,X", BPACCT_EPARSE },
		{ "2027-03-03,holiday,X,Y", BPACCT_EPARSE },
		{ "2027-03-03,holiday,\"unterminated", BPACCT_EPARSE },
		{ "2027-03-03,holiday,\"x\"y", BPACCT_EPARSE },
		{ "2027-03-03,holiday,\xc3\x28", BPACCT_EPARSE },
		{ "2027-03-03,holiday,a\x01z", BPACCT_EPARSE },
		{ "date,kind,name", BPACCT_EPARSE }, /* header not first */
		{ "2012-12-31,holiday,X", BPACCT_ERANGE },
		{ "2200-01-01,holiday,X", BPACCT_ERANGE },
	};
	char text[512], longname[160];
	bpacct_calendar *c = tst_new_cal(0);
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int32_t line = 0;
		snprintf(text, sizeof text,
			 "date,kind,name\r\n2027-03-01,holiday,A\r\n%s\r\n"
			 "2027-03-02,holiday,B\r\n",
			 bad[i].line);
		assert_int_equal(add_csv(c, text, &line), bad[i].rc);
		assert_int_equal(line, 3);
		tst_day_info_is(c, tst_day_of(2027, 3, 1), 1,
				BPACCT_DAY_WORKING, BPACCT_SOURCE_NONE, "");
		tst_day_info_is(c, tst_day_of(2027, 3, 2), 1,
				BPACCT_DAY_WORKING, BPACCT_SOURCE_NONE, "");
	}
	/* a name of 128 bytes once unquoted; comments and blanks count */
	memset(longname, 'y', 128);
	longname[128] = '\0';
	snprintf(text, sizeof text, "# c\r\n\r\n2027-03-01,holiday,A\n"
		 "2027-03-03,holiday,\"%s\"\n", longname);
	{
		int32_t line = 0;
		assert_int_equal(add_csv(c, text, &line), BPACCT_EPARSE);
		assert_int_equal(line, 4);
		/* a NUL byte inside the text */
		static const char nul[] = "2027-03-01,holiday,A\n"
					  "2027-03-03,holiday,a\0b\n";
		assert_int_equal(bpacct_calendar_add_csv(c, nul, sizeof nul - 1,
							 &line),
				 BPACCT_EPARSE);
		assert_int_equal(line, 2);
	}
	assert_int_equal(bpacct_calendar_add_csv(c, NULL, 3, NULL),
			 BPACCT_EINVAL);
	tst_day_info_is(c, tst_day_of(2027, 3, 1), 1, BPACCT_DAY_WORKING,
			BPACCT_SOURCE_NONE, "");
	bpacct_calendar_free(c);
}

/* --- rule E7: host data that contradicts the law --------------------- */

/* Days a host may not make working days (rules C1, E7), by year: fixed
 * dates, Hùng Kings (10/3 lunar), Tết eve and mùng 1–3, and every holiday
 * of an announced schedule (the 2026 Tết block to mùng 4 and the 1/9
 * National Day adjacent day; 2021: 3/9). */
static const int32_t statutory_days[][3] = {
	{ 2026, 1, 1 }, { 2026, 4, 30 }, { 2026, 5, 1 }, { 2026, 9, 2 },
	{ 2026, 4, 26 },                 /* Hùng Kings, a Sunday */
	{ 2026, 2, 16 }, { 2026, 2, 17 }, { 2026, 2, 18 }, { 2026, 2, 19 },
	{ 2026, 2, 20 },                 /* announced: mùng 4 */
	{ 2026, 9, 1 },                  /* announced adjacent day */
	{ 2021, 9, 3 },                  /* announced adjacent day */
	{ 2027, 1, 1 }, { 2027, 9, 2 },  /* projected years: the law's days */
	{ 2027, 4, 16 },                 /* 10/3 lunar 2027 */
	{ 2027, 2, 5 }, { 2027, 2, 6 }, { 2027, 2, 7 }, { 2027, 2, 8 },
	{ 2013, 9, 2 }, { 2199, 1, 1 },  /* the range's ends */
};

static void test_e7_host_working_on_statutory_holiday_is_refused(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	bpacct_calendar *bare = tst_new_cal(BPACCT_CALENDAR_NO_ANNOUNCED);
	(void)state;
	for (size_t i = 0;
	     i < sizeof statutory_days / sizeof statutory_days[0]; i++) {
		int32_t d = tst_day_of(statutory_days[i][0],
				       statutory_days[i][1],
				       statutory_days[i][2]);
		uint32_t n0, n1;
		int32_t w0 = tst_working(c, d);
		assert_int_equal(bpacct_calendar_entry_count(
					 c, statutory_days[i][0], &n0),
				 BPACCT_OK);
		if (bpacct_calendar_add_day(c, d, BPACCT_DAY_MAKEUP, "làm") !=
		    BPACCT_EINVAL)
			fail_msg("%d-%02d-%02d made a working day",
				 statutory_days[i][0], statutory_days[i][1],
				 statutory_days[i][2]);
		assert_int_equal(tst_working(c, d), w0);
		assert_int_equal(bpacct_calendar_entry_count(
					 c, statutory_days[i][0], &n1),
				 BPACCT_OK);
		assert_int_equal(n1, n0);
		/* a day off of another kind is still a day off: accepted */
		assert_int_equal(bpacct_calendar_add_day(c, d,
							 BPACCT_DAY_HOLIDAY,
							 "Nghỉ lễ"),
				 BPACCT_OK);
	}
	/* without the announced schedules, the law's own days still hold */
	assert_int_equal(bpacct_calendar_add_day(bare, tst_day_of(2026, 2, 17),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_add_day(bare, tst_day_of(2026, 9, 2),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_EINVAL);
	/* What stays the host's (rule C4): a projected day the law does not
	 * fix (2027: 28 Chạp, 2027-02-04; the projected adjacent day
	 * 2027-09-03), a compensatory or swapped-off day, a Saturday, and
	 * with --no-announced the 2026 days only the announcement fixed. */
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2027, 2, 4),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2027, 9, 3),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2026, 4, 27),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(c, tst_day_of(2026, 8, 31),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(bare, tst_day_of(2026, 2, 20),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_OK);
	bpacct_calendar_free(bare);
	bpacct_calendar_free(c);
}

static void test_e7_csv_working_on_statutory_holiday_names_line(void **state)
{
	char text[256];
	bpacct_calendar *c = tst_new_cal(0);
	(void)state;
	for (size_t i = 0;
	     i < sizeof statutory_days / sizeof statutory_days[0]; i++) {
		int32_t line = 0;
		snprintf(text, sizeof text,
			 "date,kind,name\n2027-03-01,holiday,A\n"
			 "# a comment\n%04d-%02d-%02d,working,Đi làm\n"
			 "2027-03-02,holiday,B\n",
			 statutory_days[i][0], statutory_days[i][1],
			 statutory_days[i][2]);
		assert_int_equal(add_csv(c, text, &line), BPACCT_EINVAL);
		assert_int_equal(line, 4);
		/* nothing applied */
		tst_day_info_is(c, tst_day_of(2027, 3, 1), 1,
				BPACCT_DAY_WORKING, BPACCT_SOURCE_NONE, "");
	}
	bpacct_calendar_free(c);
}

/* Rule E7: one date on two lines with different kinds is refused with the
 * later line (the tool names both); the same kind twice is accepted and
 * the later name stands (our choice, docs/calendar.md). */
static void test_e7_csv_date_twice_with_different_kinds_is_refused(
	void **state)
{
	static const char conflict[] =
		"date,kind,name\n"
		"2027-03-01,holiday,A\n"    /* 2 */
		"2027-03-03,holiday,C\n"    /* 3 */
		"2027-03-01,holiday,A2\n"   /* 4: same kind, fine */
		"2027-03-05,swap_off,E\n"   /* 5 */
		"2027-03-03,swap_off,C2\n"  /* 6: conflicts with 3 */
		"2027-03-01,working,A3\n";  /* 7: conflicts with 2 and 4 */
	bpacct_calendar *c = tst_new_cal(0);
	int32_t line = 0;
	(void)state;
	assert_int_equal(add_csv(c, conflict, &line), BPACCT_ECONFLICT);
	assert_int_equal(line, 6); /* the first conflict in the file */
	for (int32_t d = 1; d <= 5; d++)
		tst_day_info_is(c, tst_day_of(2027, 3, d), 1,
				BPACCT_DAY_WORKING, BPACCT_SOURCE_NONE, "");
	assert_int_equal(add_csv(c, "2027-03-08,holiday,X\n"
				 "2027-03-08,compensatory,Y\n", &line),
			 BPACCT_ECONFLICT);
	assert_int_equal(line, 2);
	/* a malformed line is reported before a conflict */
	assert_int_equal(add_csv(c, "2027-03-08,holiday,X\n"
				 "2027-03-08,working,Y\n2027-03-09,feast\n",
				 &line),
			 BPACCT_EPARSE);
	assert_int_equal(line, 3);
	/* the same kind twice: accepted, the later name stands */
	assert_int_equal(add_csv(c, "2027-03-08,holiday,X\n"
				 "2027-03-09,holiday,Z\n"
				 "2027-03-08,holiday,Y\n", &line),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2027, 3, 8), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "Y");
	tst_day_info_is(c, tst_day_of(2027, 3, 9), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "Z");
	/* a later text replaces a host day (rule C4): no conflict */
	assert_int_equal(add_csv(c, "2027-03-08,working,W\n", &line),
			 BPACCT_OK);
	tst_day_info_is(c, tst_day_of(2027, 3, 8), 1, BPACCT_DAY_MAKEUP,
			BPACCT_SOURCE_HOST, "W");
	tst_check_against_ref(c, 5);
	bpacct_calendar_free(c);
}

/* --- allocation failures: every allocation in turn ------------------- */

typedef struct fail_alloc {
	long fail_at; /* the call that fails; 0: none */
	long calls;
	long live;
} fail_alloc;

static void *fa_alloc(size_t size, void *opaque)
{
	fail_alloc *f = opaque;
	void *p;
	if (++f->calls == f->fail_at)
		return NULL;
	p = malloc(size);
	if (p)
		f->live++;
	return p;
}

static void fa_free(void *ptr, void *opaque)
{
	fail_alloc *f = opaque;
	f->live--;
	free(ptr);
}

/* What a failed change must leave as it was. */
typedef struct snapshot {
	uint32_t n;
	int32_t day[64], kind[64], source[64], count;
	char name[64][128];
} snapshot;

static void snap(const bpacct_calendar *c, int32_t year, snapshot *s)
{
	assert_int_equal(bpacct_calendar_entry_count(c, year, &s->n), BPACCT_OK);
	assert_true(s->n <= 64);
	for (uint32_t i = 0; i < s->n; i++) {
		const char *name;
		assert_int_equal(bpacct_calendar_entry_at(c, year, i, &s->day[i],
							  &s->kind[i],
							  &s->source[i], &name),
				 BPACCT_OK);
		snprintf(s->name[i], sizeof s->name[i], "%s", name);
	}
	s->count = tst_year_count(c, year);
}

static void same(const bpacct_calendar *c, int32_t year, const snapshot *a)
{
	snapshot *b = malloc(sizeof *b);
	assert_non_null(b);
	snap(c, year, b);
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->count, b->count);
	for (uint32_t i = 0; i < a->n; i++) {
		assert_int_equal(a->day[i], b->day[i]);
		assert_int_equal(a->kind[i], b->kind[i]);
		assert_int_equal(a->source[i], b->source[i]);
		assert_string_equal(a->name[i], b->name[i]);
	}
	free(b);
}

static bpacct_calendar *new_failing(fail_alloc *f, int *rc)
{
	bpacct_allocator a = { BPACCT_ALLOCATOR_VERSION, fa_alloc, fa_free, f };
	bpacct_calendar_options o = BPACCT_CALENDAR_OPTIONS_INIT;
	bpacct_calendar *c = (bpacct_calendar *)&o; /* must stay untouched */
	o.allocator = &a; /* copied by the calendar */
	*rc = bpacct_calendar_new(&c, &o);
	if (*rc) {
		assert_ptr_equal(c, (bpacct_calendar *)&o);
		return NULL;
	}
	return c;
}

static void test_enomem_new_every_allocation(void **state)
{
	fail_alloc f;
	bpacct_calendar *c = NULL;
	long n;
	int rc = -1;
	(void)state;
	for (n = 1; n < 100; n++) {
		f = (fail_alloc){ n, 0, 0 };
		c = new_failing(&f, &rc);
		if (rc == BPACCT_OK)
			break;
		assert_int_equal(rc, BPACCT_ENOMEM);
		assert_int_equal(f.live, 0);
	}
	assert_true(n > 1 && n < 100);
	assert_int_equal(tst_working(c, tst_day_of(2026, 2, 17)), 0);
	bpacct_calendar_free(c);
	assert_int_equal(f.live, 0);
}

/* Makes allocation 1, 2, ... of change fail in turn until the change
 * succeeds: each failure must be ENOMEM and leave the entries and the count
 * of 2027 and the live blocks as they were.  Returns the first n for
 * which the change needed fewer than n allocations (20: none found). */
static long fail_each_allocation(bpacct_calendar *c, fail_alloc *f,
				 int (*change)(bpacct_calendar *c))
{
	snapshot *s = malloc(sizeof *s);
	long n, live;
	assert_non_null(s);
	snap(c, 2027, s);
	live = f->live;
	for (n = 1; n < 20; n++) {
		int rc;
		f->calls = 0;
		f->fail_at = n;
		rc = change(c);
		if (rc == BPACCT_OK)
			break;
		assert_int_equal(rc, BPACCT_ENOMEM);
		same(c, 2027, s);
		assert_int_equal(f->live, live);
	}
	free(s);
	return n;
}

static int add_one_day(bpacct_calendar *c)
{
	return bpacct_calendar_add_day(c, tst_day_of(2027, 3, 3),
				       BPACCT_DAY_HOLIDAY, "Nghỉ");
}

static int add_four_rows(bpacct_calendar *c)
{
	static const char text[] = "2027-03-03,holiday,một\n"
				   "2027-03-04,swap_off,hai\n"
				   "2027-03-06,working,ba\n"
				   "2027-03-05,compensatory\n";
	return bpacct_calendar_add_csv(c, text, sizeof text - 1, NULL);
}

static void test_enomem_add_day_every_allocation(void **state)
{
	fail_alloc f = { 0, 0, 0 };
	int rc;
	bpacct_calendar *c = new_failing(&f, &rc);
	long n;
	(void)state;
	assert_non_null(c);
	n = fail_each_allocation(c, &f, add_one_day);
	assert_true(n > 2 && n < 20); /* the array grew, then the name */
	tst_day_info_is(c, tst_day_of(2027, 3, 3), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_HOST, "Nghỉ");
	bpacct_calendar_free(c);
	assert_int_equal(f.live, 0);
}

static void test_enomem_add_csv_every_allocation_all_or_nothing(void **state)
{
	fail_alloc f = { 0, 0, 0 };
	int rc;
	bpacct_calendar *c = new_failing(&f, &rc);
	long n;
	(void)state;
	assert_non_null(c);
	n = fail_each_allocation(c, &f, add_four_rows);
	assert_true(n > 4 && n < 20); /* the list, 3 names, the array */
	tst_day_info_is(c, tst_day_of(2027, 3, 6), 1, BPACCT_DAY_MAKEUP,
			BPACCT_SOURCE_HOST, "ba");
	assert_int_equal(tst_year_count(c, 2027), 250 - 3 + 1);
	bpacct_calendar_free(c);
	assert_int_equal(f.live, 0);
}

/* --- options -------------------------------------------------------- */

static void test_options_version_misuse(void **state)
{
	bpacct_calendar_options o;
	bpacct_allocator a = BPACCT_ALLOCATOR_INIT;
	bpacct_calendar *c = NULL;
	(void)state;
	assert_int_equal(bpacct_calendar_options_init(NULL, 1), BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_options_init(&o, 0), BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_options_init(&o, 2), BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_options_init(&o, 1), BPACCT_OK);
	assert_int_equal(o.version, 1);
	assert_int_equal(o.flags, 0);
	assert_null(o.allocator);
	o.version = 0;
	assert_int_equal(bpacct_calendar_new(&c, &o), BPACCT_EMISUSE);
	o.version = BPACCT_CALENDAR_OPTIONS_VERSION + 1;
	assert_int_equal(bpacct_calendar_new(&c, &o), BPACCT_EMISUSE);
	o.version = BPACCT_CALENDAR_OPTIONS_VERSION;
	o.flags = 0x2;
	assert_int_equal(bpacct_calendar_new(&c, &o), BPACCT_EINVAL);
	o.flags = 0x80000000u;
	assert_int_equal(bpacct_calendar_new(&c, &o), BPACCT_EINVAL);
	o.flags = 0;
	a.version = 0;
	o.allocator = &a;
	assert_int_equal(bpacct_calendar_new(&c, &o), BPACCT_EMISUSE);
	a.version = BPACCT_ALLOCATOR_VERSION;
	a.alloc = fa_alloc; /* without its free */
	assert_int_equal(bpacct_calendar_new(&c, &o), BPACCT_EINVAL);
	assert_null(c);
	assert_int_equal(bpacct_calendar_new(NULL, NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_new(&c, NULL), BPACCT_OK);
	assert_non_null(c);
	bpacct_calendar_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c4_host_working_cancels_projected_day_off),
		cmocka_unit_test(test_c4_host_holiday_on_weekend_and_weekday),
		cmocka_unit_test(test_c4_host_replaces_announced_and_statutory),
		cmocka_unit_test(test_c4_host_schedule_clears_projected_flag),
		cmocka_unit_test(test_c4_add_day_argument_errors),
		cmocka_unit_test(test_c4_csv_good_file),
		cmocka_unit_test(test_c4_csv_bad_lines_report_line_and_change_nothing),
		cmocka_unit_test(
			test_e7_host_working_on_statutory_holiday_is_refused),
		cmocka_unit_test(
			test_e7_csv_working_on_statutory_holiday_names_line),
		cmocka_unit_test(
			test_e7_csv_date_twice_with_different_kinds_is_refused),
		cmocka_unit_test(test_enomem_new_every_allocation),
		cmocka_unit_test(test_enomem_add_day_every_allocation),
		cmocka_unit_test(test_enomem_add_csv_every_allocation_all_or_nothing),
		cmocka_unit_test(test_options_version_misuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
