/*
 * Helpers for the two calendar test binaries (test_calendar, the queries of
 * rule T4; test_calendar_host, host days and object creation): calendar
 * constructors and asserts, and a working-day reference built from the
 * weekdays and the entry list alone, independent of the bitmap, to check
 * the bitmap, the counts and the offsets against.  Static inline, as in
 * test_support.h.
 */
#ifndef BPACCT_TEST_CALENDAR_SUPPORT_H
#define BPACCT_TEST_CALENDAR_SUPPORT_H

#include <stdlib.h>

#include "test_support.h"

/* A new calendar with these flags (0: the built-in data). */
static inline bpacct_calendar *tst_new_cal(uint32_t flags)
{
	bpacct_calendar_options o = BPACCT_CALENDAR_OPTIONS_INIT;
	bpacct_calendar *c = NULL;
	o.flags = flags;
	assert_int_equal(bpacct_calendar_new(&c, &o), BPACCT_OK);
	assert_non_null(c);
	return c;
}

/* 1 if day is a working day of c, 0 if not. */
static inline int tst_working(const bpacct_calendar *c, int32_t day)
{
	int32_t w = -1;
	assert_int_equal(bpacct_calendar_is_working_day(c, day, &w),
			 BPACCT_OK);
	assert_true(w == 0 || w == 1);
	return w;
}

/* The number of working days of c in the year y. */
static inline int32_t tst_year_count(const bpacct_calendar *c, int32_t y)
{
	int32_t n = -1;
	assert_int_equal(bpacct_calendar_count_working_days(
				 c, tst_day_of(y, 1, 1),
				 tst_day_of(y + 1, 1, 1), &n),
			 BPACCT_OK);
	return n;
}

/* bpacct_calendar_day_info of day says this; want_name NULL: any name. */
static inline void tst_day_info_is(const bpacct_calendar *c, int32_t day,
				   int32_t want_working, int32_t want_kind,
				   int32_t want_source, const char *want_name)
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

/* --- a reference independent of the bitmap: weekdays + entry list ----- */

/* 1 = working, by day - first; free w when done. */
typedef struct tst_ref {
	int32_t first, last;
	uint8_t *w;
} tst_ref;

static inline void tst_ref_build(const bpacct_calendar *c, tst_ref *r)
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
		assert_int_equal(bpacct_calendar_entry_count(c, y, &n),
				 BPACCT_OK);
		for (uint32_t i = 0; i < n; i++) {
			int32_t d, k;
			assert_int_equal(bpacct_calendar_entry_at(c, y, i, &d,
								  &k, NULL,
								  NULL),
					 BPACCT_OK);
			r->w[d - r->first] = k == BPACCT_DAY_MAKEUP;
		}
	}
}

/* Working days in [from, to), negative when to < from. */
static inline int32_t tst_ref_count(const tst_ref *r, int32_t from,
				    int32_t to)
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

/* The n-th working day after day (n < 0: before; 0: the first working
 * day from day on), or BPACCT_ERANGE past the range. */
static inline int tst_ref_offset(const tst_ref *r, int32_t day, int32_t n,
				 int32_t *out)
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

/* xorshift64: a fixed sequence per seed, so a failure reproduces. */
static inline uint64_t tst_rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The bitmap, the counts and the offsets agree with the reference. */
static inline void tst_check_against_ref(const bpacct_calendar *c,
					 uint64_t seed)
{
	tst_ref r;
	int32_t span;
	tst_ref_build(c, &r);
	span = r.last - r.first + 1;
	for (int32_t d = r.first; d <= r.last; d++)
		if (tst_working(c, d) != r.w[d - r.first])
			fail_msg("day %d: bitmap %d, reference %d", d,
				 tst_working(c, d), r.w[d - r.first]);
	for (int i = 0; i < 3000; i++) {
		int32_t from = r.first +
			       (int32_t)(tst_rnd(&seed) % (uint64_t)span);
		int32_t to = from + (int32_t)(tst_rnd(&seed) % 1601) - 800;
		int32_t n, got, want, rc_got, rc_want;
		if (i % 16 == 0) /* near both ends */
			from = (i % 32 ? r.first : r.last) -
			       20 + (int32_t)(tst_rnd(&seed) % 41);
		if (to < r.first)
			to = r.first;
		if (to > r.last + 1)
			to = r.last + 1;
		if (from >= r.first && from <= r.last + 1) {
			assert_int_equal(bpacct_calendar_count_working_days(
						 c, from, to, &got),
					 BPACCT_OK);
			assert_int_equal(got, tst_ref_count(&r, from, to));
		}
		n = (int32_t)(tst_rnd(&seed) % 61) - 30;
		if (i % 50 == 0)
			n *= 300;
		got = want = 0;
		rc_got = bpacct_calendar_offset_working_days(c, from, n, &got);
		if (from < r.first || from > r.last) {
			assert_int_equal(rc_got, BPACCT_ERANGE);
			continue;
		}
		rc_want = tst_ref_offset(&r, from, n, &want);
		assert_int_equal(rc_got, rc_want);
		assert_int_equal(got, want);
	}
	free(r.w);
}

#endif
