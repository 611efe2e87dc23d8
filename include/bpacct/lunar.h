/**
 * @file bpacct/lunar.h
 * @brief The Vietnamese lunisolar calendar (âm lịch), 1900-01-31 to
 *        2199-12-31.
 * @defgroup bpacct_lunar Lunar calendar
 * @{
 *
 * Rule C5: the calendar is computed at UTC+07:00 (the 105° E meridian) for
 * every year, proleptically before 1968.  A month starts on the civil day
 * of the new moon; the month holding the winter solstice is month 11; in a
 * year of 13 months the first month without a principal solar term is the
 * leap month and repeats the number of the month before it
 * (domain-reference §3.1).
 *
 * The library carries a compact table (one entry per lunar year: start day,
 * month lengths, leap month) produced by the repository's own generator,
 * `tools/gen/gen_lunar.py`, from new moons (Meeus ch. 49) and the solar
 * longitude (VSOP87, Meeus ch. 25/32).  Outside the covered range every
 * function returns #BPACCT_ERANGE, never a wrong date.  All functions are
 * pure and thread-safe.
 */
#ifndef BPACCT_LUNAR_H
#define BPACCT_LUNAR_H

#include "common.h"

BPACCT_BEGIN_DECL

/**
 * A lunar date.  A plain value type whose layout never changes (four
 * `int32_t`).
 */
typedef struct bpacct_lunar_date {
	/** The lunar year, named by the Gregorian year in which its month 1
	 *  (Tết) begins. */
	int32_t year;
	/** 1 to 12. */
	int32_t month;
	/** 1 to 30. */
	int32_t day;
	/** 1 if the month is the leap month (tháng nhuận) that repeats
	 *  @c month, else 0. */
	int32_t leap;
} bpacct_lunar_date;

/**
 * The lunar date of a solar (Gregorian) day.
 *
 * @param[out] out the lunar date.
 * @param day a day number (see civil.h) from 1900-01-31 to 2199-12-31.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p out; #BPACCT_ERANGE outside
 *         the covered range.
 * @since 0.1.0
 */
BPACCT_API int bpacct_lunar_from_solar(bpacct_lunar_date *out, int32_t day);

/**
 * The solar day of a lunar date.
 *
 * @param[out] out the day number.
 * @param date the lunar date; @c leap must be 0 or 1 and a leap month must
 *        exist in that year; @c day may not exceed the month's length.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL pointers or a lunar date that
 *         does not exist (day 30 of a 29-day month, a leap month the year
 *         does not have); #BPACCT_ERANGE when the result would fall outside
 *         1900-01-31 .. 2199-12-31.
 * @since 0.1.0
 */
BPACCT_API int bpacct_lunar_to_solar(int32_t *out,
				     const bpacct_lunar_date *date);

/**
 * The leap month of a lunar year.
 *
 * @param[out] out the number of the month that is repeated (1 to 12), or 0
 *        when the year has no leap month.
 * @param lunar_year 1900 to 2199.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p out; #BPACCT_ERANGE for a
 *         year outside the table.
 * @since 0.1.0
 */
BPACCT_API int bpacct_lunar_leap_month(int32_t *out, int32_t lunar_year);

/**
 * The length of a lunar month.
 *
 * @param[out] out 29 or 30.
 * @param lunar_year 1900 to 2199.
 * @param month 1 to 12.
 * @param leap 1 for the leap month that repeats @p month, else 0.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p out or a month that does
 *         not exist; #BPACCT_ERANGE for a year outside the table.
 * @since 0.1.0
 */
BPACCT_API int bpacct_lunar_month_length(int32_t *out, int32_t lunar_year,
					 int32_t month, int32_t leap);

/**
 * The range of solar days the lunar functions cover.
 *
 * @param[out] out_first the first day number (1900-01-31).
 * @param[out] out_last the last day number (2199-12-31).
 * @return #BPACCT_OK, or #BPACCT_EINVAL for NULL pointers.
 * @since 0.1.0
 */
BPACCT_API int bpacct_lunar_range(int32_t *out_first, int32_t *out_last);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_LUNAR_H */
