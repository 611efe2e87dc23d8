/*
 * Internal civil-time helpers shared by the pure core.  Header-only so the
 * hot paths (working-day bitmap, lunar lookup) inline them.
 */
#ifndef BPACCT_CORE_CIVIL_INTERNAL_H
#define BPACCT_CORE_CIVIL_INTERNAL_H

#include <stdint.h>

#define BPACCT__SECONDS_PER_DAY 86400
#define BPACCT__OFFSET 25200 /* UTC+07:00, rule T1 */

/* Day numbers of 0001-01-01 and 9999-12-31: the civil range. */
#define BPACCT__DAY_MIN (-719162)
#define BPACCT__DAY_MAX 2932896

static inline int32_t bpacct__floor_div32(int32_t a, int32_t b)
{
	int32_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static inline int64_t bpacct__floor_div64(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static inline int bpacct__is_leap(int32_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static inline int32_t bpacct__month_length(int32_t y, int32_t m)
{
	static const int8_t len[12] = { 31, 28, 31, 30, 31, 30,
					31, 31, 30, 31, 30, 31 };
	return (m == 2 && bpacct__is_leap(y)) ? 29 : len[m - 1];
}

/*
 * Days since 1970-01-01 of a proleptic Gregorian date, counting in 400-year
 * eras that start on 1 March so that the leap day is the era's last day.
 * Valid for years 1..9999 (the caller checks).
 */
static inline int32_t bpacct__days_from_civil(int32_t y, int32_t m, int32_t d)
{
	int32_t yy = m <= 2 ? y - 1 : y;
	int32_t era = bpacct__floor_div32(yy, 400);
	int32_t yoe = yy - era * 400;
	int32_t mp = m > 2 ? m - 3 : m + 9;
	int32_t doy = (153 * mp + 2) / 5 + d - 1;
	int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static inline void bpacct__civil_from_days(int32_t z, int32_t *y, int32_t *m,
					   int32_t *d)
{
	int32_t zz = z + 719468;
	int32_t era = bpacct__floor_div32(zz, 146097);
	int32_t doe = zz - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	int32_t dd = doy - (153 * mp + 2) / 5 + 1;
	int32_t mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (mm <= 2 ? 1 : 0);
	*m = mm;
	*d = dd;
}

/* ISO weekday, 1 = Monday .. 7 = Sunday; day 0 (1970-01-01) was Thursday.
 * Defined for every int32_t: the remainder is taken before the offset of
 * 3 is added, so that INT32_MAX + 3 never overflows. */
static inline int32_t bpacct__weekday(int32_t day)
{
	int32_t w = day % 7; /* -6 .. 6 */
	if (w < 0)
		w += 7;
	return (w + 3) % 7 + 1;
}

/* The local (UTC+7) day of an instant; the caller checks the range. */
static inline int32_t bpacct__day_of_instant(int64_t t)
{
	return (int32_t)bpacct__floor_div64(t + BPACCT__OFFSET,
					    BPACCT__SECONDS_PER_DAY);
}

/* The instant of local 00:00 of a day, plus a number of seconds. */
static inline int64_t bpacct__instant_of_day(int32_t day, int32_t seconds)
{
	return (int64_t)day * BPACCT__SECONDS_PER_DAY + seconds - BPACCT__OFFSET;
}

#endif
