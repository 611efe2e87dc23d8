/*
 * Day numbers and instants at UTC+07:00 (rule T1).  Pure: no clock, no I/O.
 */
#include "bpacct/civil.h"
#include "bpacct/errors.h"
#include "core/civil_internal.h"

/* Instants of 0001-01-01T00:00+07:00 and of 24:00 of 9999-12-31. */
#define INSTANT_MIN ((int64_t)BPACCT__DAY_MIN * BPACCT__SECONDS_PER_DAY - BPACCT__OFFSET)
#define INSTANT_END ((int64_t)(BPACCT__DAY_MAX + 1) * BPACCT__SECONDS_PER_DAY - BPACCT__OFFSET)

int bpacct_day_from_date(int32_t *out, int32_t year, int32_t month,
			 int32_t day)
{
	if (!out)
		return BPACCT_EINVAL;
	if (year < BPACCT_CIVIL_YEAR_MIN || year > BPACCT_CIVIL_YEAR_MAX)
		return BPACCT_ERANGE;
	if (month < 1 || month > 12 || day < 1 ||
	    day > bpacct__month_length(year, month))
		return BPACCT_EINVAL;
	*out = bpacct__days_from_civil(year, month, day);
	return BPACCT_OK;
}

int bpacct_day_to_date(int32_t day, int32_t *out_year, int32_t *out_month,
		       int32_t *out_day)
{
	if (!out_year || !out_month || !out_day)
		return BPACCT_EINVAL;
	if (day < BPACCT__DAY_MIN || day > BPACCT__DAY_MAX)
		return BPACCT_ERANGE;
	bpacct__civil_from_days(day, out_year, out_month, out_day);
	return BPACCT_OK;
}

int bpacct_day_weekday(int32_t day, int32_t *out)
{
	if (!out)
		return BPACCT_EINVAL;
	*out = bpacct__weekday(day);
	return BPACCT_OK;
}

int bpacct_instant_to_day(int64_t instant, int32_t *out_day,
			  int32_t *out_second_of_day)
{
	if (!out_day)
		return BPACCT_EINVAL;
	if (instant < INSTANT_MIN || instant >= INSTANT_END)
		return BPACCT_ERANGE;
	int32_t day = bpacct__day_of_instant(instant);
	*out_day = day;
	if (out_second_of_day)
		*out_second_of_day =
			(int32_t)(instant - bpacct__instant_of_day(day, 0));
	return BPACCT_OK;
}

int bpacct_instant_from_day(int64_t *out, int32_t day, int32_t second_of_day)
{
	if (!out || second_of_day < 0 ||
	    second_of_day > BPACCT__SECONDS_PER_DAY)
		return BPACCT_EINVAL;
	if (day < BPACCT__DAY_MIN || day > BPACCT__DAY_MAX)
		return BPACCT_ERANGE;
	*out = bpacct__instant_of_day(day, second_of_day);
	return BPACCT_OK;
}
