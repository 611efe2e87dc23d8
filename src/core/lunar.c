/*
 * The Vietnamese lunisolar calendar (rule C5), read from the table that
 * tools/gen/gen_lunar.py writes to src/core/lunar_table.c.  Pure: no I/O,
 * no state; every lookup is O(1) plus at most two steps of adjustment.
 */
#include "bpacct/errors.h"
#include "bpacct/lunar.h"
#include "core/lunar_internal.h"

/*
 * 2^20 / 365.2422, rounded: multiplying a day offset by it and shifting
 * right by 20 estimates the number of whole lunar years elapsed.  Tết
 * wanders by less than a month around its mean, so the estimate is off by
 * at most one year; the callers correct it against the table.
 */
#define YEARS_PER_DAY_Q20 2871

/* Number of 30-day months among the first n (0..13) months of a year. */
static int32_t long_months_before(uint32_t mask, int32_t n)
{
	uint32_t v = mask & ((1u << n) - 1u);

	/* Bit count of a 16-bit value (the mask has 13 bits). */
	v = v - ((v >> 1) & 0x5555u);
	v = (v & 0x3333u) + ((v >> 2) & 0x3333u);
	v = (v + (v >> 4)) & 0x0f0fu;
	return (int32_t)((v + (v >> 8)) & 0x1fu);
}

/* Days from Tết to the first day of the month of order k. */
static int32_t order_offset(const bpacct__lunar_year *y, int32_t k)
{
	return 29 * k + long_months_before(y->long_months, k);
}

static int32_t order_length(const bpacct__lunar_year *y, int32_t k)
{
	return 29 + (int32_t)((y->long_months >> k) & 1u);
}

static int32_t month_count(const bpacct__lunar_year *y)
{
	return y->leap ? 13 : 12;
}

/* The order (0..12) of a month in its year, or -1 if the year lacks it;
 * month and leap were checked by the caller. */
static int32_t month_order(const bpacct__lunar_year *y, int32_t month,
			   int32_t leap)
{
	if (leap)
		return y->leap == month ? month : -1;
	return (y->leap && month > y->leap) ? month : month - 1;
}

/* The table index of the lunar year holding a day of the covered range. */
static int32_t year_index(int32_t day)
{
	int32_t i = ((day - BPACCT__LUNAR_FIRST_DAY) * YEARS_PER_DAY_Q20) >> 20;

	if (i >= BPACCT__LUNAR_YEARS)
		i = BPACCT__LUNAR_YEARS - 1;
	while (day < bpacct__lunar_years[i].first_day)
		i--;
	while (i + 1 < BPACCT__LUNAR_YEARS &&
	       day >= bpacct__lunar_years[i + 1].first_day)
		i++;
	return i;
}

static int valid_month(int32_t month, int32_t leap)
{
	return month >= 1 && month <= 12 && (leap == 0 || leap == 1);
}

static const bpacct__lunar_year *year_entry(int32_t lunar_year)
{
	if (lunar_year < BPACCT__LUNAR_FIRST_YEAR ||
	    lunar_year > BPACCT__LUNAR_LAST_YEAR)
		return NULL;
	return &bpacct__lunar_years[lunar_year - BPACCT__LUNAR_FIRST_YEAR];
}

int bpacct_lunar_from_solar(bpacct_lunar_date *out, int32_t day)
{
	if (!out)
		return BPACCT_EINVAL;
	if (day < BPACCT__LUNAR_FIRST_DAY || day > BPACCT__LUNAR_LAST_DAY)
		return BPACCT_ERANGE;
	int32_t i = year_index(day);
	const bpacct__lunar_year *y = &bpacct__lunar_years[i];
	int32_t off = day - y->first_day;
	int32_t n = month_count(y);
	/* Months last 29 or 30 days, so off / 30 never overshoots and is at
	 * most one month short (off < 385 and 385 / 29 - 385 / 30 < 1). */
	int32_t k = off / 30;

	while (k + 1 < n && order_offset(y, k + 1) <= off)
		k++;
	out->year = BPACCT__LUNAR_FIRST_YEAR + i;
	out->day = off - order_offset(y, k) + 1;
	out->leap = (y->leap && k == y->leap) ? 1 : 0;
	out->month = (y->leap && k >= y->leap) ? k : k + 1;
	return BPACCT_OK;
}

int bpacct_lunar_to_solar(int32_t *out, const bpacct_lunar_date *date)
{
	if (!out || !date)
		return BPACCT_EINVAL;
	if (!valid_month(date->month, date->leap) || date->day < 1 ||
	    date->day > 30)
		return BPACCT_EINVAL;
	const bpacct__lunar_year *y = year_entry(date->year);
	if (!y)
		return BPACCT_ERANGE;
	int32_t k = month_order(y, date->month, date->leap);
	if (k < 0 || date->day > order_length(y, k))
		return BPACCT_EINVAL;
	int32_t day = y->first_day + order_offset(y, k) + date->day - 1;
	if (day > BPACCT__LUNAR_LAST_DAY)
		return BPACCT_ERANGE;
	*out = day;
	return BPACCT_OK;
}

int bpacct_lunar_leap_month(int32_t *out, int32_t lunar_year)
{
	if (!out)
		return BPACCT_EINVAL;
	const bpacct__lunar_year *y = year_entry(lunar_year);
	if (!y)
		return BPACCT_ERANGE;
	*out = y->leap;
	return BPACCT_OK;
}

int bpacct_lunar_month_length(int32_t *out, int32_t lunar_year,
			      int32_t month, int32_t leap)
{
	if (!out || !valid_month(month, leap))
		return BPACCT_EINVAL;
	const bpacct__lunar_year *y = year_entry(lunar_year);
	if (!y)
		return BPACCT_ERANGE;
	int32_t k = month_order(y, month, leap);
	if (k < 0)
		return BPACCT_EINVAL;
	*out = order_length(y, k);
	return BPACCT_OK;
}

int bpacct_lunar_range(int32_t *out_first, int32_t *out_last)
{
	if (!out_first || !out_last)
		return BPACCT_EINVAL;
	*out_first = BPACCT__LUNAR_FIRST_DAY;
	*out_last = BPACCT__LUNAR_LAST_DAY;
	return BPACCT_OK;
}
