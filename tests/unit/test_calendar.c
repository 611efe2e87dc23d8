/*
 * Rule T4 and the calendar object: the built-in announced data (C2), the
 * working-day bitmap, counting and moving by working days, host days (C4)
 * by function and by CSV, allocation failures, argument checks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <bpacct/bpacct.h>

#include "core/calendar_internal.h"

#define NO_ANN BPACCT_CALENDAR_NO_ANNOUNCED

static int32_t day_of(int32_t y, int32_t m, int32_t d)
{
	int32_t out = 0;
	assert_int_equal(bpacct_day_from_date(&out, y, m, d), BPACCT_OK);
	return out;
}

static bpacct_calendar *new_cal(uint32_t flags)
{
	bpacct_calendar_options o = BPACCT_CALENDAR_OPTIONS_INIT;
	bpacct_calendar *c = NULL;
	o.flags = flags;
	assert_int_equal(bpacct_calendar_new(&c, &o), BPACCT_OK);
	assert_non_null(c);
	return c;
}

static int working(const bpacct_calendar *c, int32_t day)
{
	int32_t w = -1;
	assert_int_equal(bpacct_calendar_is_working_day(c, day, &w), BPACCT_OK);
	assert_true(w == 0 || w == 1);
	return w;
}

static int32_t year_count(const bpacct_calendar *c, int32_t y)
{
	int32_t n = -1;
	assert_int_equal(bpacct_calendar_count_working_days(
				 c, day_of(y, 1, 1), day_of(y + 1, 1, 1), &n),
			 BPACCT_OK);
	return n;
}

static void info(const bpacct_calendar *c, int32_t day, int32_t want_working,
		 int32_t want_kind, int32_t want_source, const char *want_name)
{
	int32_t w, k, s;
	const char *name = NULL;
	assert_int_equal(bpacct_calendar_day_info(c, day, &w, &k, &s, &name),
			 BPACCT_OK);
	assert_int_equal(w, want_working);
	assert_int_equal(k, want_kind);
	assert_int_equal(s, want_source);
	assert_non_null(name);
	if (want_name)
		assert_string_equal(name, want_name);
}

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
	bpacct_calendar *c = new_cal(0);
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
		info(c, day, kind == BPACCT_DAY_MAKEUP, kind, source, f[3]);
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
	bpacct_calendar *c = new_cal(0);
	(void)state;
	assert_int_equal(working(c, day_of(2026, 1, 10)), 1);
	assert_int_equal(working(c, day_of(2026, 8, 22)), 1);
	info(c, day_of(2026, 1, 10), 1, BPACCT_DAY_MAKEUP,
	     BPACCT_SOURCE_ANNOUNCED, "làm bù for Fri 02/01");
	/* the Saturdays around them are rest days */
	assert_int_equal(working(c, day_of(2026, 1, 17)), 0);
	assert_int_equal(working(c, day_of(2026, 8, 29)), 0);
	bpacct_calendar_free(c);
}

static void test_t4_2026_02_17_is_not_working(void **state)
{
	bpacct_calendar *c = new_cal(0);
	(void)state;
	assert_int_equal(working(c, day_of(2026, 2, 17)), 0);
	info(c, day_of(2026, 2, 17), 0, BPACCT_DAY_HOLIDAY,
	     BPACCT_SOURCE_ANNOUNCED, "Tết Nguyên đán (mùng 1)");
	bpacct_calendar_free(c);
}

static void test_t4_plain_weekday_works_plain_weekend_rests(void **state)
{
	bpacct_calendar *c = new_cal(0);
	(void)state;
	info(c, day_of(2026, 3, 11), 1, BPACCT_DAY_WORKING, BPACCT_SOURCE_NONE,
	     "");
	info(c, day_of(2026, 3, 14), 0, BPACCT_DAY_WEEKEND, BPACCT_SOURCE_NONE,
	     "");
	info(c, day_of(2026, 3, 15), 0, BPACCT_DAY_WEEKEND, BPACCT_SOURCE_NONE,
	     "");
	info(c, day_of(2013, 1, 2), 1, BPACCT_DAY_WORKING, BPACCT_SOURCE_NONE,
	     "");
	bpacct_calendar_free(c);
}

/* By hand from the CSV: 2024 has 262 weekdays, 12 of them off, and 1
 * make-up Saturday (251); 2025 261 − 12 + 1 = 250; 2026 261 − 13 + 2 =
 * 250. */
static void test_t4_working_days_2024_251_2025_250_2026_250(void **state)
{
	bpacct_calendar *c = new_cal(0);
	(void)state;
	assert_int_equal(year_count(c, 2024), 251);
	assert_int_equal(year_count(c, 2025), 250);
	assert_int_equal(year_count(c, 2026), 250);
	bpacct_calendar_free(c);
}

static void test_t4_day_info_of_weekend_holidays_and_every_kind(void **state)
{
	bpacct_calendar *c = new_cal(0);
	(void)state;
	info(c, day_of(2023, 4, 29), 0, BPACCT_DAY_HOLIDAY,
	     BPACCT_SOURCE_STATUTORY, "Giỗ Tổ Hùng Vương (Sat)");
	info(c, day_of(2023, 5, 2), 0, BPACCT_DAY_COMPENSATORY,
	     BPACCT_SOURCE_STATUTORY, "for Hùng Kings 29/04 (Sat)");
	info(c, day_of(2024, 4, 29), 0, BPACCT_DAY_SWAP_OFF,
	     BPACCT_SOURCE_ANNOUNCED, "swap with Sat 04/05 (bridge to 30/04)");
	info(c, day_of(2024, 5, 4), 1, BPACCT_DAY_MAKEUP,
	     BPACCT_SOURCE_ANNOUNCED, NULL);
	info(c, day_of(2027, 2, 6), 0, BPACCT_DAY_HOLIDAY,
	     BPACCT_SOURCE_PROJECTED, "Tết Nguyên đán (mùng 1)");
	info(c, day_of(2027, 2, 9), 0, BPACCT_DAY_COMPENSATORY,
	     BPACCT_SOURCE_PROJECTED, "Nghỉ bù Tết Nguyên đán");
	info(c, day_of(2027, 5, 3), 0, BPACCT_DAY_COMPENSATORY,
	     BPACCT_SOURCE_STATUTORY, "Nghỉ bù Quốc tế Lao động");
	/* every output may be NULL */
	assert_int_equal(bpacct_calendar_day_info(c, day_of(2027, 2, 6), NULL,
						  NULL, NULL, NULL),
			 BPACCT_OK);
	bpacct_calendar_free(c);
}

static void test_c3_year_projected_flags(void **state)
{
	bpacct_calendar *c = new_cal(0), *r = new_cal(NO_ANN);
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
	info(r, day_of(2024, 2, 10), 0, BPACCT_DAY_HOLIDAY,
	     BPACCT_SOURCE_PROJECTED, "Tết Nguyên đán (mùng 1)");
	bpacct_calendar_free(c);
	bpacct_calendar_free(r);
}

static void test_entries_sorted_with_every_kind_2024(void **state)
{
	static const int32_t want_kinds[15] = { 2, 2, 2, 2, 2, 2, 3, 3, 2, 4,
						2, 2, 5, 2, 2 };
	bpacct_calendar *c = new_cal(0);
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
	assert_int_equal(day, day_of(2024, 1, 1));
	assert_int_equal(bpacct_calendar_entry_at(c, 2024, 15, &day, NULL, NULL,
						  NULL),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_calendar_entry_at(c, 2012, 0, &day, NULL, NULL,
						  NULL),
			 BPACCT_ERANGE);
	assert_int_equal(day, day_of(2024, 1, 1));
	bpacct_calendar_free(c);
}

/* --- a reference independent of the bitmap: weekdays + entry list ----- */

typedef struct ref {
	int32_t first, last;
	uint8_t *w; /* 1 = working, by day - first */
} ref;

static void ref_build(const bpacct_calendar *c, ref *r)
{
	assert_int_equal(bpacct_calendar_range(c, &r->first, &r->last),
			 BPACCT_OK);
	r->w = malloc((size_t)(r->last - r->first + 1));
	assert_non_null(r->w);
	for (int32_t d = r->first; d <= r->last; d++) {
		int32_t wd;
		assert_int_equal(bpacct_day_weekday(d, &wd), BPACCT_OK);
		r->w[d - r->first] = wd <= 5;
	}
	for (int32_t y = 2013; y <= 2199; y++) {
		uint32_t n;
		assert_int_equal(bpacct_calendar_entry_count(c, y, &n), BPACCT_OK);
		for (uint32_t i = 0; i < n; i++) {
			int32_t d, k;
			assert_int_equal(bpacct_calendar_entry_at(c, y, i, &d, &k,
								  NULL, NULL),
					 BPACCT_OK);
			r->w[d - r->first] = k == BPACCT_DAY_MAKEUP;
		}
	}
}

static int32_t ref_count(const ref *r, int32_t from, int32_t to)
{
	int32_t n = 0, sign = 1;
	if (to < from) {
		int32_t t = to;
		to = from;
		from = t;
		sign = -1;
	}
	for (int32_t d = from; d < to; d++)
		n += r->w[d - r->first];
	return sign * n;
}

static int ref_offset(const ref *r, int32_t day, int32_t n, int32_t *out)
{
	int32_t d = day, step = n > 0 ? 1 : -1, k = n > 0 ? n : -n;
	if (n == 0) {
		while (d <= r->last && !r->w[d - r->first])
			d++;
		if (d > r->last)
			return BPACCT_ERANGE;
		*out = d;
		return BPACCT_OK;
	}
	while (k) {
		d += step;
		if (d < r->first || d > r->last)
			return BPACCT_ERANGE;
		k -= r->w[d - r->first];
	}
	*out = d;
	return BPACCT_OK;
}

static uint64_t rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The bitmap, the counts and the offsets agree with the reference. */
static void check_against_ref(const bpacct_calendar *c, uint64_t seed)
{
	ref r;
	int32_t span;
	ref_build(c, &r);
	span = r.last - r.first + 1;
	for (int32_t d = r.first; d <= r.last; d++)
		if (working(c, d) != r.w[d - r.first])
			fail_msg("day %d: bitmap %d, reference %d", d,
				 working(c, d), r.w[d - r.first]);
	for (int i = 0; i < 3000; i++) {
		int32_t from = r.first + (int32_t)(rnd(&seed) % (uint64_t)span);
		int32_t to = from + (int32_t)(rnd(&seed) % 1601) - 800;
		int32_t n, got, want, rc_got, rc_want;
		if (i % 16 == 0) /* near both ends */
			from = (i % 32 ? r.first : r.last) -
			       20 + (int32_t)(rnd(&seed) % 41);
		if (to < r.first)
			to = r.first;
		if (to > r.last + 1)
			to = r.last + 1;
		if (from >= r.first && from <= r.last + 1) {
			assert_int_equal(bpacct_calendar_count_working_days(
						 c, from, to, &got),
					 BPACCT_OK);
			assert_int_equal(got, ref_count(&r, from, to));
		}
		n = (int32_t)(rnd(&seed) % 61) - 30;
		if (i % 50 == 0)
			n *= 300;
		got = want = 0;
		rc_got = bpacct_calendar_offset_working_days(c, from, n, &got);
		if (from < r.first || from > r.last) {
			assert_int_equal(rc_got, BPACCT_ERANGE);
			continue;
		}
		rc_want = ref_offset(&r, from, n, &want);
		assert_int_equal(rc_got, rc_want);
		assert_int_equal(got, want);
	}
	free(r.w);
}

static void test_t4_bitmap_count_offset_match_reference(void **state)
{
	bpacct_calendar *c = new_cal(0), *p = new_cal(NO_ANN);
	(void)state;
	check_against_ref(c, 0x9e3779b97f4a7c15u);
	check_against_ref(p, 0x243f6a8885a308d3u);
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
	bpacct_calendar *c = new_cal(0);
	(void)state;
	assert_int_equal(offset(c, day_of(2026, 2, 13), 0), day_of(2026, 2, 13));
	assert_int_equal(offset(c, day_of(2026, 2, 13), 1), day_of(2026, 2, 23));
	assert_int_equal(offset(c, day_of(2026, 2, 13), 2), day_of(2026, 2, 24));
	assert_int_equal(offset(c, day_of(2026, 2, 14), 0), day_of(2026, 2, 23));
	assert_int_equal(offset(c, day_of(2026, 2, 14), 1), day_of(2026, 2, 23));
	assert_int_equal(offset(c, day_of(2026, 2, 14), -1), day_of(2026, 2, 13));
	assert_int_equal(offset(c, day_of(2026, 2, 23), -1), day_of(2026, 2, 13));
	assert_int_equal(offset(c, day_of(2026, 2, 23), -2), day_of(2026, 2, 12));
	assert_int_equal(offset(c, day_of(2026, 1, 9), 1), day_of(2026, 1, 10));
	assert_int_equal(offset(c, day_of(2026, 1, 1), 0), day_of(2026, 1, 5));
	assert_int_equal(offset(c, day_of(2026, 1, 12), -1), day_of(2026, 1, 10));
	assert_int_equal(count(c, day_of(2026, 2, 13), day_of(2026, 2, 24)), 2);
	assert_int_equal(count(c, day_of(2026, 2, 24), day_of(2026, 2, 13)), -2);
	assert_int_equal(count(c, day_of(2026, 2, 14), day_of(2026, 2, 14)), 0);
	assert_int_equal(count(c, day_of(2026, 1, 1), day_of(2026, 1, 11)), 6);
	bpacct_calendar_free(c);
}

static void test_t4_range_errors(void **state)
{
	bpacct_calendar *c = new_cal(0);
	int32_t first, last, out = 77, w = 77;
	const char *name = "unchanged";
	uint32_t n = 77;
	(void)state;
	assert_int_equal(bpacct_calendar_range(c, &first, &last), BPACCT_OK);
	assert_int_equal(first, day_of(2013, 1, 1));
	assert_int_equal(last, day_of(2199, 12, 31));
	assert_int_equal(bpacct_calendar_is_working_day(c, first - 1, &w),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_is_working_day(c, last + 1, &w),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_day_info(c, day_of(2012, 12, 31), &w,
						  &w, &w, &name),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_day_info(c, day_of(2200, 1, 1), &w,
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
			 count(c, first, day_of(2100, 1, 1)) +
				 count(c, day_of(2100, 1, 1), last + 1));
	assert_int_equal(bpacct_calendar_count_working_days(c, first - 1,
							    first, &out),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_count_working_days(c, first,
							    last + 2, &out),
			 BPACCT_ERANGE);
	/* 2013-01-01 Tue is New Year's Day; 2199-12-31 is a Tuesday */
	assert_int_equal(offset(c, first, 0), day_of(2013, 1, 2));
	assert_int_equal(bpacct_calendar_offset_working_days(
				 c, day_of(2013, 1, 2), -1, &out),
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
	assert_int_equal(offset(c, last, -(int32_t)n + 1), day_of(2013, 1, 2));
	assert_int_equal(bpacct_calendar_offset_working_days(
				 c, first, (int32_t)n + 1, &out),
			 BPACCT_ERANGE);
	bpacct_calendar_free(c);
}

/* --- rule C4: host days ------------------------------------------------ */

static void test_c4_host_working_cancels_projected_day_off(void **state)
{
	bpacct_calendar *c = new_cal(0);
	int32_t p;
	(void)state;
	/* 2027: 261 weekdays, 11 of them off by C1/C3 */
	assert_int_equal(year_count(c, 2027), 250);
	info(c, day_of(2027, 2, 10), 0, BPACCT_DAY_COMPENSATORY,
	     BPACCT_SOURCE_PROJECTED, NULL);
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2027, 2, 10),
						 BPACCT_DAY_MAKEUP,
						 "Đi làm theo thông báo"),
			 BPACCT_OK);
	info(c, day_of(2027, 2, 10), 1, BPACCT_DAY_MAKEUP, BPACCT_SOURCE_HOST,
	     "Đi làm theo thông báo");
	assert_int_equal(year_count(c, 2027), 251);
	assert_int_equal(bpacct_calendar_year_projected(c, 2027, &p), BPACCT_OK);
	assert_int_equal(p, 1); /* the rest of the block is still projected */
	check_against_ref(c, 7);
	bpacct_calendar_free(c);
}

static void test_c4_host_holiday_on_weekend_and_weekday(void **state)
{
	bpacct_calendar *c = new_cal(0);
	uint32_t n0, n1;
	(void)state;
	/* 24/11 "Ngày Văn hóa Việt Nam" is not law: a host adds it. */
	assert_int_equal(bpacct_calendar_entry_count(c, 2029, &n0), BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2029, 11, 24),
						 BPACCT_DAY_HOLIDAY,
						 "Ngày Văn hóa Việt Nam"),
			 BPACCT_OK);
	info(c, day_of(2029, 11, 24), 0, BPACCT_DAY_HOLIDAY,
	     BPACCT_SOURCE_HOST, "Ngày Văn hóa Việt Nam");
	/* a host gives its own compensatory days: none is invented */
	info(c, day_of(2029, 11, 26), 1, BPACCT_DAY_WORKING, BPACCT_SOURCE_NONE,
	     "");
	assert_int_equal(bpacct_calendar_entry_count(c, 2029, &n1), BPACCT_OK);
	assert_int_equal(n1, n0 + 1);
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2027, 11, 24),
						 BPACCT_DAY_HOLIDAY, NULL),
			 BPACCT_OK);
	info(c, day_of(2027, 11, 24), 0, BPACCT_DAY_HOLIDAY,
	     BPACCT_SOURCE_HOST, "");
	assert_int_equal(year_count(c, 2027), 249);
	check_against_ref(c, 11);
	bpacct_calendar_free(c);
}

static void test_c4_host_replaces_announced_and_statutory(void **state)
{
	bpacct_calendar *c = new_cal(0);
	uint32_t n0, n1;
	(void)state;
	assert_int_equal(bpacct_calendar_entry_count(c, 2026, &n0), BPACCT_OK);
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2026, 1, 10),
						 BPACCT_DAY_HOLIDAY, "một"),
			 BPACCT_OK);
	info(c, day_of(2026, 1, 10), 0, BPACCT_DAY_HOLIDAY, BPACCT_SOURCE_HOST,
	     "một");
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2026, 1, 10),
						 BPACCT_DAY_SWAP_OFF, "hai"),
			 BPACCT_OK);
	info(c, day_of(2026, 1, 10), 0, BPACCT_DAY_SWAP_OFF, BPACCT_SOURCE_HOST,
	     "hai");
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2026, 2, 17),
						 BPACCT_DAY_MAKEUP, NULL),
			 BPACCT_OK);
	assert_int_equal(working(c, day_of(2026, 2, 17)), 1);
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2026, 1, 1),
						 BPACCT_DAY_COMPENSATORY, "ba"),
			 BPACCT_OK);
	info(c, day_of(2026, 1, 1), 0, BPACCT_DAY_COMPENSATORY,
	     BPACCT_SOURCE_HOST, "ba");
	assert_int_equal(bpacct_calendar_entry_count(c, 2026, &n1), BPACCT_OK);
	assert_int_equal(n1, n0); /* replaced, not added */
	assert_int_equal(year_count(c, 2026), 250 - 1 + 1);
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
	bpacct_calendar *c = new_cal(0);
	int32_t p = -1;
	(void)state;
	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
		assert_int_equal(bpacct_calendar_year_projected(c, 2027, &p),
				 BPACCT_OK);
		assert_int_equal(p, 1);
		assert_int_equal(bpacct_calendar_add_day(
					 c, day_of(2027, days[i][0], days[i][1]),
					 days[i][2], "Thông báo"),
				 BPACCT_OK);
	}
	assert_int_equal(bpacct_calendar_year_projected(c, 2027, &p), BPACCT_OK);
	assert_int_equal(p, 0);
	bpacct_calendar_free(c);
}

static void test_c4_add_day_argument_errors(void **state)
{
	bpacct_calendar *c = new_cal(0);
	char name[129];
	uint32_t n0, n1;
	int32_t d = day_of(2027, 3, 3);
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
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2012, 12, 31),
						 BPACCT_DAY_HOLIDAY, NULL),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_add_day(c, day_of(2200, 1, 1),
						 BPACCT_DAY_HOLIDAY, NULL),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct_calendar_add_day(NULL, d, BPACCT_DAY_HOLIDAY,
						 NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_calendar_entry_count(c, 2027, &n1), BPACCT_OK);
	assert_int_equal(n1, n0);
	assert_int_equal(working(c, d), 1);
	name[127] = '\0'; /* 127 bytes: the longest name */
	assert_int_equal(bpacct_calendar_add_day(c, d, BPACCT_DAY_HOLIDAY, name),
			 BPACCT_OK);
	info(c, d, 0, BPACCT_DAY_HOLIDAY, BPACCT_SOURCE_HOST, name);
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
	bpacct_calendar *c = new_cal(0);
	int32_t line = -5;
	(void)state;
	assert_int_equal(add_csv(c, text, &line), BPACCT_OK);
	assert_int_equal(line, -5);
	info(c, day_of(2027, 2, 3), 0, BPACCT_DAY_HOLIDAY, BPACCT_SOURCE_HOST,
	     "Tết Nguyên đán (27 Chạp), thêm");
	info(c, day_of(2027, 2, 10), 1, BPACCT_DAY_MAKEUP, BPACCT_SOURCE_HOST,
	     "Đi làm");
	/* a later line for the same date wins */
	info(c, day_of(2027, 11, 24), 0, BPACCT_DAY_HOLIDAY, BPACCT_SOURCE_HOST,
	     "Ngày Văn hóa Việt Nam");
	info(c, day_of(2027, 12, 31), 0, BPACCT_DAY_SWAP_OFF,
	     BPACCT_SOURCE_HOST, "");
	info(c, day_of(2027, 12, 30), 0, BPACCT_DAY_COMPENSATORY,
	     BPACCT_SOURCE_HOST, "");
	info(c, day_of(2029, 11, 24), 0, BPACCT_DAY_HOLIDAY, BPACCT_SOURCE_HOST,
	     "");
	/* quotes with "" inside */
	assert_int_equal(add_csv(c, "2027-11-24,holiday,\"Ngày \"\"Văn hóa\"\"\"",
				 &line),
			 BPACCT_OK);
	info(c, day_of(2027, 11, 24), 0, BPACCT_DAY_HOLIDAY, BPACCT_SOURCE_HOST,
	     "Ngày \"Văn hóa\"");
	/* 250 − Feb 3 − Nov 24 − Dec 30 − Dec 31 + Feb 10 */
	assert_int_equal(year_count(c, 2027), 247);
	check_against_ref(c, 3);
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
	bpacct_calendar *c = new_cal(0);
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int32_t line = 0;
		snprintf(text, sizeof text,
			 "date,kind,name\r\n2027-03-01,holiday,A\r\n%s\r\n"
			 "2027-03-02,holiday,B\r\n",
			 bad[i].line);
		assert_int_equal(add_csv(c, text, &line), bad[i].rc);
		assert_int_equal(line, 3);
		info(c, day_of(2027, 3, 1), 1, BPACCT_DAY_WORKING,
		     BPACCT_SOURCE_NONE, "");
		info(c, day_of(2027, 3, 2), 1, BPACCT_DAY_WORKING,
		     BPACCT_SOURCE_NONE, "");
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
	info(c, day_of(2027, 3, 1), 1, BPACCT_DAY_WORKING, BPACCT_SOURCE_NONE,
	     "");
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
	s->count = year_count(c, year);
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
	assert_int_equal(working(c, day_of(2026, 2, 17)), 0);
	bpacct_calendar_free(c);
	assert_int_equal(f.live, 0);
}

static void test_enomem_add_day_every_allocation(void **state)
{
	fail_alloc f = { 0, 0, 0 };
	snapshot *s = malloc(sizeof *s);
	int rc;
	long n, live;
	bpacct_calendar *c = new_failing(&f, &rc);
	(void)state;
	assert_non_null(s);
	assert_non_null(c);
	snap(c, 2027, s);
	live = f.live;
	for (n = 1; n < 20; n++) {
		f.calls = 0;
		f.fail_at = n;
		rc = bpacct_calendar_add_day(c, day_of(2027, 3, 3),
					     BPACCT_DAY_HOLIDAY, "Nghỉ");
		if (rc == BPACCT_OK)
			break;
		assert_int_equal(rc, BPACCT_ENOMEM);
		same(c, 2027, s);
		assert_int_equal(f.live, live);
	}
	assert_true(n > 2 && n < 20); /* the array grew, then the name */
	info(c, day_of(2027, 3, 3), 0, BPACCT_DAY_HOLIDAY, BPACCT_SOURCE_HOST,
	     "Nghỉ");
	bpacct_calendar_free(c);
	assert_int_equal(f.live, 0);
	free(s);
}

static void test_enomem_add_csv_every_allocation_all_or_nothing(void **state)
{
	static const char text[] = "2027-03-03,holiday,một\n"
				   "2027-03-04,swap_off,hai\n"
				   "2027-03-06,working,ba\n"
				   "2027-03-05,compensatory\n";
	fail_alloc f = { 0, 0, 0 };
	snapshot *s = malloc(sizeof *s);
	int rc;
	long n, live;
	bpacct_calendar *c = new_failing(&f, &rc);
	(void)state;
	assert_non_null(s);
	assert_non_null(c);
	snap(c, 2027, s);
	live = f.live;
	for (n = 1; n < 20; n++) {
		f.calls = 0;
		f.fail_at = n;
		rc = bpacct_calendar_add_csv(c, text, sizeof text - 1, NULL);
		if (rc == BPACCT_OK)
			break;
		assert_int_equal(rc, BPACCT_ENOMEM);
		same(c, 2027, s);
		assert_int_equal(f.live, live);
	}
	assert_true(n > 4 && n < 20); /* the list, 3 names, the array */
	info(c, day_of(2027, 3, 6), 1, BPACCT_DAY_MAKEUP, BPACCT_SOURCE_HOST,
	     "ba");
	assert_int_equal(year_count(c, 2027), 250 - 3 + 1);
	bpacct_calendar_free(c);
	assert_int_equal(f.live, 0);
	free(s);
}

/* --- options, NULL and foreign handles, names ------------------------ */

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

static void test_null_and_foreign_handles(void **state)
{
	bpacct_calendar *c = new_cal(0);
	bpacct_calendar fake;
	int32_t d = day_of(2026, 3, 11), x;
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
		cmocka_unit_test(test_c4_host_working_cancels_projected_day_off),
		cmocka_unit_test(test_c4_host_holiday_on_weekend_and_weekday),
		cmocka_unit_test(test_c4_host_replaces_announced_and_statutory),
		cmocka_unit_test(test_c4_host_schedule_clears_projected_flag),
		cmocka_unit_test(test_c4_add_day_argument_errors),
		cmocka_unit_test(test_c4_csv_good_file),
		cmocka_unit_test(test_c4_csv_bad_lines_report_line_and_change_nothing),
		cmocka_unit_test(test_enomem_new_every_allocation),
		cmocka_unit_test(test_enomem_add_day_every_allocation),
		cmocka_unit_test(test_enomem_add_csv_every_allocation_all_or_nothing),
		cmocka_unit_test(test_options_version_misuse),
		cmocka_unit_test(test_null_and_foreign_handles),
		cmocka_unit_test(test_kind_and_source_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
