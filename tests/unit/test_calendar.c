/*
 * Rule T4 on the calendar object: the built-in announced data (C2) row by
 * row, the working-day bitmap, counting and moving by working days, day
 * information and the dated entries, the ends of the range, and the checks
 * of NULL and foreign handles.  Host days (C4), the CSV reader, allocation
 * failures and the options are in test_calendar_host.c.
 */
#include <stdio.h>
#include <stdlib.h>

#include "test_calendar_support.h"

#include "core/calendar_layout.h"

#define NO_ANN BPACCT_CALENDAR_NO_ANNOUNCED

/* --- the CSV of announced schedules, read independently ---------------- */

/* Splits one CSV line (quotes, "" escapes) into at most 8 fields. */
static int csv_fields(char *line, char *f[8])
{
	int n = 0;
	char *p = line, *out;
	while (n < 8) {
		f[n++] = out = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*out++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*out++ = *p++;
				}
			}
		} else {
			while (*p && *p != ',' && *p != '\n' && *p != '\r')
				*out++ = *p++;
		}
		if (*p != ',') {
			*out = '\0';
			return n;
		}
		*out = '\0';
		p++;
	}
	return n;
}

static int32_t kind_of_csv(const char *k)
{
	if (!strcmp(k, "holiday"))
		return BPACCT_DAY_HOLIDAY;
	if (!strcmp(k, "compensatory"))
		return BPACCT_DAY_COMPENSATORY;
	if (!strcmp(k, "swap_off"))
		return BPACCT_DAY_SWAP_OFF;
	assert_string_equal(k, "working");
	return BPACCT_DAY_MAKEUP;
}

static void test_t4_every_csv_row_is_reflected(void **state)
{
	const char *root = getenv("BPACCT_SOURCE_ROOT");
	char path[1024], line[1024], *f[8];
	uint32_t rows[7] = { 0 }, total = 0;
	bpacct_calendar *c = tst_new_cal(0);
	FILE *fp;
	(void)state;
	assert_non_null(root);
	snprintf(path, sizeof path,
		 "%s/data/vn_civil_service_calendar_2020_2026.csv", root);
	fp = fopen(path, "r");
	if (!fp)
		fail_msg("cannot open %s", path);
	assert_non_null(fgets(line, sizeof line, fp)); /* header */
	while (fgets(line, sizeof line, fp)) {
		int32_t day, y, kind, source;
		assert_int_equal(csv_fields(line, f), 7);
		assert_int_equal(bpacct_date_parse(&day, f[0], strlen(f[0])),
				 BPACCT_OK);
		kind = kind_of_csv(f[2]);
		source = !strcmp(f[4], "statutory") ? BPACCT_SOURCE_STATUTORY
						    : BPACCT_SOURCE_ANNOUNCED;
		tst_day_info_is(c, day, kind == BPACCT_DAY_MAKEUP, kind, source,
				f[3]);
		y = (int32_t)strtol(f[0], NULL, 10);
		assert_true(y >= 2020 && y <= 2026);
		rows[y - 2020]++;
		total++;
	}
	fclose(fp);
	/* 103 lines: the header and 102 dates */
	assert_int_equal(total, 102);
	/* and nothing else: the years hold exactly their rows */
	for (int32_t y = 2020; y <= 2026; y++) {
		uint32_t n;
		int32_t p;
		assert_int_equal(bpacct_calendar_entry_count(c, y, &n), BPACCT_OK);
		assert_int_equal(n, rows[y - 2020]);
		assert_int_equal(bpacct_calendar_year_projected(c, y, &p),
				 BPACCT_OK);
		assert_int_equal(p, 0);
	}
	bpacct_calendar_free(c);
}

static void test_t4_makeup_saturdays_2026_01_10_and_2026_08_22_work(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	(void)state;
	assert_int_equal(tst_working(c, tst_day_of(2026, 1, 10)), 1);
	assert_int_equal(tst_working(c, tst_day_of(2026, 8, 22)), 1);
	tst_day_info_is(c, tst_day_of(2026, 1, 10), 1, BPACCT_DAY_MAKEUP,
			BPACCT_SOURCE_ANNOUNCED, "làm bù for Fri 02/01");
	/* the Saturdays around them are rest days */
	assert_int_equal(tst_working(c, tst_day_of(2026, 1, 17)), 0);
	assert_int_equal(tst_working(c, tst_day_of(2026, 8, 29)), 0);
	bpacct_calendar_free(c);
}

static void test_t4_2026_02_17_is_not_working(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	(void)state;
	assert_int_equal(tst_working(c, tst_day_of(2026, 2, 17)), 0);
	tst_day_info_is(c, tst_day_of(2026, 2, 17), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_ANNOUNCED, "Tết Nguyên đán (mùng 1)");
	bpacct_calendar_free(c);
}

static void test_t4_plain_weekday_works_plain_weekend_rests(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	(void)state;
	tst_day_info_is(c, tst_day_of(2026, 3, 11), 1, BPACCT_DAY_WORKING,
			BPACCT_SOURCE_NONE, "");
	tst_day_info_is(c, tst_day_of(2026, 3, 14), 0, BPACCT_DAY_WEEKEND,
			BPACCT_SOURCE_NONE, "");
	tst_day_info_is(c, tst_day_of(2026, 3, 15), 0, BPACCT_DAY_WEEKEND,
			BPACCT_SOURCE_NONE, "");
	tst_day_info_is(c, tst_day_of(2013, 1, 2), 1, BPACCT_DAY_WORKING,
			BPACCT_SOURCE_NONE, "");
	bpacct_calendar_free(c);
}

/* By hand from the CSV: 2024 has 262 weekdays, 12 of them off, and 1
 * make-up Saturday (251); 2025 261 − 12 + 1 = 250; 2026 261 − 13 + 2 =
 * 250. */
static void test_t4_working_days_2024_251_2025_250_2026_250(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	(void)state;
	assert_int_equal(tst_year_count(c, 2024), 251);
	assert_int_equal(tst_year_count(c, 2025), 250);
	assert_int_equal(tst_year_count(c, 2026), 250);
	bpacct_calendar_free(c);
}

static void test_t4_day_info_of_weekend_holidays_and_every_kind(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	(void)state;
	tst_day_info_is(c, tst_day_of(2023, 4, 29), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_STATUTORY, "Giỗ Tổ Hùng Vương (Sat)");
	tst_day_info_is(c, tst_day_of(2023, 5, 2), 0, BPACCT_DAY_COMPENSATORY,
			BPACCT_SOURCE_STATUTORY, "for Hùng Kings 29/04 (Sat)");
	tst_day_info_is(c, tst_day_of(2024, 4, 29), 0, BPACCT_DAY_SWAP_OFF,
			BPACCT_SOURCE_ANNOUNCED,
			"swap with Sat 04/05 (bridge to 30/04)");
	tst_day_info_is(c, tst_day_of(2024, 5, 4), 1, BPACCT_DAY_MAKEUP,
			BPACCT_SOURCE_ANNOUNCED, NULL);
	tst_day_info_is(c, tst_day_of(2027, 2, 6), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_PROJECTED, "Tết Nguyên đán (mùng 1)");
	tst_day_info_is(c, tst_day_of(2027, 2, 9), 0, BPACCT_DAY_COMPENSATORY,
			BPACCT_SOURCE_PROJECTED, "Nghỉ bù Tết Nguyên đán");
	tst_day_info_is(c, tst_day_of(2027, 5, 3), 0, BPACCT_DAY_COMPENSATORY,
			BPACCT_SOURCE_STATUTORY, "Nghỉ bù Quốc tế Lao động");
	/* every output may be NULL */
	assert_int_equal(bpacct_calendar_day_info(c, tst_day_of(2027, 2, 6),
						  NULL, NULL, NULL, NULL),
			 BPACCT_OK);
	bpacct_calendar_free(c);
}

static void test_c3_year_projected_flags(void **state)
{
	bpacct_calendar *c = tst_new_cal(0), *r = tst_new_cal(NO_ANN);
	int32_t p;
	(void)state;
	assert_int_equal(bpacct_calendar_year_projected(c, 2027, &p), BPACCT_OK);
	assert_int_equal(p, 1);
	assert_int_equal(bpacct_calendar_year_projected(c, 2013, &p), BPACCT_OK);
	assert_int_equal(p, 1);
	assert_int_equal(bpacct_calendar_year_projected(c, 2024, &p), BPACCT_OK);
	assert_int_equal(p, 0);
	assert_int_equal(bpacct_calendar_year_projected(r, 2024, &p), BPACCT_OK);
	assert_int_equal(p, 1);
	tst_day_info_is(r, tst_day_of(2024, 2, 10), 0, BPACCT_DAY_HOLIDAY,
			BPACCT_SOURCE_PROJECTED, "Tết Nguyên đán (mùng 1)");
	bpacct_calendar_free(c);
	bpacct_calendar_free(r);
}

static void test_entries_sorted_with_every_kind_2024(void **state)
{
	static const int32_t want_kinds[15] = { 2, 2, 2, 2, 2, 2, 3, 3, 2, 4,
						2, 2, 5, 2, 2 };
	bpacct_calendar *c = tst_new_cal(0);
	uint32_t n;
	int32_t day, kind, source, prev = 0;
	const char *name;
	(void)state;
	assert_int_equal(bpacct_calendar_entry_count(c, 2024, &n), BPACCT_OK);
	assert_int_equal(n, 15);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(bpacct_calendar_entry_at(c, 2024, i, &day, &kind,
							  &source, &name),
				 BPACCT_OK);
		assert_int_equal(kind, want_kinds[i]);
		assert_true(i == 0 || day > prev);
		assert_true(source == BPACCT_SOURCE_STATUTORY ||
			    source == BPACCT_SOURCE_ANNOUNCED);
		prev = day;
	}
	assert_int_equal(bpacct_calendar_entry_at(c, 2024, 0, &day, NULL, NULL,
						  NULL),
			 BPACCT_OK);
	assert_int_equal(day, tst_day_of(2024, 1, 1));
	assert_int_equal(bpacct_calendar_entry_at(c, 2024, 15, &day, NULL, NULL,
						  NULL),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_calendar_entry_at(c, 2012, 0, &day, NULL, NULL,
						  NULL),
			 BPACCT_ERANGE);
	assert_int_equal(day, tst_day_of(2024, 1, 1));
	bpacct_calendar_free(c);
}

/* Every day and 3000 random counts and offsets, with and without the
 * announced data, against the reference of test_calendar_support.h. */
static void test_t4_bitmap_count_offset_match_reference(void **state)
{
	bpacct_calendar *c = tst_new_cal(0), *p = tst_new_cal(NO_ANN);
	(void)state;
	tst_check_against_ref(c, 0x9e3779b97f4a7c15u);
	tst_check_against_ref(p, 0x243f6a8885a308d3u);
	bpacct_calendar_free(c);
	bpacct_calendar_free(p);
}

static int32_t offset(const bpacct_calendar *c, int32_t day, int32_t n)
{
	int32_t out = 0;
	assert_int_equal(bpacct_calendar_offset_working_days(c, day, n, &out),
			 BPACCT_OK);
	return out;
}

static int32_t count(const bpacct_calendar *c, int32_t from, int32_t to)
{
	int32_t out = 0;
	assert_int_equal(bpacct_calendar_count_working_days(c, from, to, &out),
			 BPACCT_OK);
	return out;
}

/* Around Tết 2026 (off Sat 14 – Sun 22 Feb) and New Year 2026 (off Thu 1
 * – Sun 4 Jan, make-up Sat 10 Jan). */
static void test_t4_offset_and_count_semantics(void **state)
{
	/* from, n: the day n working days away (n = 0: from, if working) */
	static const struct {
		int32_t from[3], n, to[3];
	} moves[] = {
		{ { 2026, 2, 13 }, 0, { 2026, 2, 13 } },
		{ { 2026, 2, 13 }, 1, { 2026, 2, 23 } },
		{ { 2026, 2, 13 }, 2, { 2026, 2, 24 } },
		{ { 2026, 2, 14 }, 0, { 2026, 2, 23 } },
		{ { 2026, 2, 14 }, 1, { 2026, 2, 23 } },
		{ { 2026, 2, 14 }, -1, { 2026, 2, 13 } },
		{ { 2026, 2, 23 }, -1, { 2026, 2, 13 } },
		{ { 2026, 2, 23 }, -2, { 2026, 2, 12 } },
		{ { 2026, 1, 9 }, 1, { 2026, 1, 10 } },
		{ { 2026, 1, 1 }, 0, { 2026, 1, 5 } },
		{ { 2026, 1, 12 }, -1, { 2026, 1, 10 } },
	};
	/* from, to: the working days in [from, to), negative backwards */
	static const struct {
		int32_t from[3], to[3], n;
	} spans[] = {
		{ { 2026, 2, 13 }, { 2026, 2, 24 }, 2 },
		{ { 2026, 2, 24 }, { 2026, 2, 13 }, -2 },
		{ { 2026, 2, 14 }, { 2026, 2, 14 }, 0 },
		{ { 2026, 1, 1 }, { 2026, 1, 11 }, 6 },
	};
	bpacct_calendar *c = tst_new_cal(0);
	(void)state;
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		const int32_t *f = moves[i].from, *t = moves[i].to;
		assert_int_equal(offset(c, tst_day_of(f[0], f[1], f[2]),
					moves[i].n),
				 tst_day_of(t[0], t[1], t[2]));
	}
	for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
		const int32_t *f = spans[i].from, *t = spans[i].to;
		assert_int_equal(count(c, tst_day_of(f[0], f[1], f[2]),
				       tst_day_of(t[0], t[1], t[2])),
				 spans[i].n);
	}
	bpacct_calendar_free(c);
}

static void test_t4_range_errors(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	int32_t first, last, out = 77, w = 77;
	const char *name = "unchanged";
	uint32_t n = 77;
	(void)state;
	assert_int_equal(bpacct_calendar_range(c, &first, &last), BPACCT_OK);
	assert_int_equal(first, tst_day_of(2013, 1, 1));
	assert_int_equal(last, tst_day_of(2199, 12, 31));
	assert_int_equal(bpacct_calendar_is_working_day(c, first - 1, &w),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_is_working_day(c, last + 1, &w),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_day_info(c, tst_day_of(2012, 12, 31),
						  &w, &w, &w, &name),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_day_info(c, tst_day_of(2200, 1, 1), &w,
						  &w, &w, &name),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_is_working_day(c, INT32_MIN, &w),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_is_working_day(c, INT32_MAX, &w),
			 BPACCT_ERANGE);
	assert_int_equal(w, 77);
	assert_string_equal(name, "unchanged");
	assert_int_equal(bpacct_calendar_entry_count(c, 2200, &n),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_year_projected(c, 2012, &w),
			 BPACCT_ERANGE);
	/* counting may end at last + 1 (half-open), not further */
	assert_int_equal(count(c, first, last + 1),
			 count(c, first, tst_day_of(2100, 1, 1)) +
				 count(c, tst_day_of(2100, 1, 1), last + 1));
	assert_int_equal(bpacct_calendar_count_working_days(c, first - 1,
							    first, &out),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_count_working_days(c, first,
							    last + 2, &out),
			 BPACCT_ERANGE);
	/* 2013-01-01 Tue is New Year's Day; 2199-12-31 is a Tuesday */
	assert_int_equal(offset(c, first, 0), tst_day_of(2013, 1, 2));
	assert_int_equal(bpacct_calendar_offset_working_days(
				 c, tst_day_of(2013, 1, 2), -1, &out),
			 BPACCT_ERANGE);
	assert_int_equal(offset(c, last, 0), last);
	assert_int_equal(offset(c, last - 1, 1), last);
	assert_int_equal(bpacct_calendar_offset_working_days(c, last, 1, &out),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_offset_working_days(c, first,
							     INT32_MAX, &out),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_offset_working_days(c, last,
							     INT32_MIN, &out),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_offset_working_days(c, first - 1, 5,
							     &out),
			 BPACCT_ERANGE);
	assert_int_equal(out, 77);
	/* the far end of a long jump: first is not a working day, so the
	 * last working day is the total-th after it */
	n = (uint32_t)count(c, first, last + 1);
	assert_int_equal(offset(c, first, (int32_t)n), last);
	assert_int_equal(offset(c, last, -(int32_t)n + 1),
			 tst_day_of(2013, 1, 2));
	assert_int_equal(bpacct_calendar_offset_working_days(
				 c, first, (int32_t)n + 1, &out),
			 BPACCT_ERANGE);
	bpacct_calendar_free(c);
}

/* --- NULL and foreign handles, names -------------------------------- */

static void test_null_and_foreign_handles(void **state)
{
	bpacct_calendar *c = tst_new_cal(0);
	bpacct_calendar fake;
	int32_t d = tst_day_of(2026, 3, 11), x;
	uint32_t n;
	(void)state;
	memset(&fake, 0, sizeof fake);
	bpacct_calendar_free(NULL);
	bpacct_calendar_free(&fake); /* not a calendar: ignored */
	assert_int_equal(bpacct_calendar_is_working_day(NULL, d, &x),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_is_working_day(c, d, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_is_working_day(&fake, d, &x),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_day_info(NULL, d, &x, &x, &x, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_day_info(&fake, d, &x, &x, &x, NULL),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_entry_count(NULL, 2026, &n),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_entry_count(c, 2026, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_entry_count(&fake, 2026, &n),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_entry_at(NULL, 2026, 0, &x, NULL, NULL,
						  NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_year_projected(c, 2026, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_year_projected(&fake, 2026, &x),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_count_working_days(c, d, d, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_count_working_days(NULL, d, d, &x),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_count_working_days(&fake, d, d, &x),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_offset_working_days(c, d, 1, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_offset_working_days(&fake, d, 1, &x),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_range(c, NULL, &x), BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_range(c, &x, NULL), BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_range(NULL, &x, &x), BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_range(&fake, &x, &x), BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_add_day(&fake, d, BPACCT_DAY_HOLIDAY,
						 NULL),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_calendar_add_csv(NULL, "", 0, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_add_csv(&fake, "", 0, NULL),
			 BPACCT_EMISUSE);
	bpacct_calendar_free(c);
}

static void test_kind_and_source_names(void **state)
{
	(void)state;
	assert_string_equal(bpacct_day_kind_name(BPACCT_DAY_WORKING), "working");
	assert_string_equal(bpacct_day_kind_name(BPACCT_DAY_WEEKEND), "weekend");
	assert_string_equal(bpacct_day_kind_name(BPACCT_DAY_HOLIDAY), "holiday");
	assert_string_equal(bpacct_day_kind_name(BPACCT_DAY_COMPENSATORY),
			    "compensatory");
	assert_string_equal(bpacct_day_kind_name(BPACCT_DAY_SWAP_OFF),
			    "swap_off");
	assert_string_equal(bpacct_day_kind_name(BPACCT_DAY_MAKEUP), "working");
	assert_string_equal(bpacct_day_kind_name(6), "unknown");
	assert_string_equal(bpacct_day_kind_name(-1), "unknown");
	assert_string_equal(bpacct_day_source_name(BPACCT_SOURCE_NONE), "none");
	assert_string_equal(bpacct_day_source_name(BPACCT_SOURCE_STATUTORY),
			    "statutory");
	assert_string_equal(bpacct_day_source_name(BPACCT_SOURCE_ANNOUNCED),
			    "announced");
	assert_string_equal(bpacct_day_source_name(BPACCT_SOURCE_PROJECTED),
			    "projected");
	assert_string_equal(bpacct_day_source_name(BPACCT_SOURCE_HOST), "host");
	assert_string_equal(bpacct_day_source_name(5), "unknown");
	assert_string_equal(bpacct_day_source_name(INT32_MIN), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_t4_every_csv_row_is_reflected),
		cmocka_unit_test(test_t4_makeup_saturdays_2026_01_10_and_2026_08_22_work),
		cmocka_unit_test(test_t4_2026_02_17_is_not_working),
		cmocka_unit_test(test_t4_plain_weekday_works_plain_weekend_rests),
		cmocka_unit_test(test_t4_working_days_2024_251_2025_250_2026_250),
		cmocka_unit_test(test_t4_day_info_of_weekend_holidays_and_every_kind),
		cmocka_unit_test(test_c3_year_projected_flags),
		cmocka_unit_test(test_entries_sorted_with_every_kind_2024),
		cmocka_unit_test(test_t4_bitmap_count_offset_match_reference),
		cmocka_unit_test(test_t4_offset_and_count_semantics),
		cmocka_unit_test(test_t4_range_errors),
		cmocka_unit_test(test_null_and_foreign_handles),
		cmocka_unit_test(test_kind_and_source_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
