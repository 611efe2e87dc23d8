/**
 * @file bpacct/civil.h
 * @brief Vietnam civil time: day numbers, instants and RFC 3339 text.
 * @defgroup bpacct_civil Civil time
 * @{
 *
 * Rule T1: all civil-time reasoning is Vietnam time, UTC+07:00, with no
 * daylight saving.  The library has two time types, both plain integers so
 * that any FFI can pass them:
 *
 * - an **instant** is an `int64_t` count of seconds since
 *   1970-01-01T00:00:00Z (Unix time, leap seconds not counted);
 * - a **day** is an `int32_t` count of civil days since 1970-01-01 in the
 *   proleptic Gregorian calendar, day 0 being Thursday 1970-01-01.  Which
 *   day an instant falls on is decided at UTC+07:00.
 *
 * A period that ends "at 24:00 of day D" is represented by the instant of
 * 00:00:00 of day D + 1.  Every function here is pure: no clock, no I/O, no
 * globals, no heap; each can be called from any thread.
 */
#ifndef BPACCT_CIVIL_H
#define BPACCT_CIVIL_H

#include "common.h"

BPACCT_BEGIN_DECL

/** The offset of Vietnam civil time from UTC, in seconds (T1). */
#define BPACCT_UTC_OFFSET_SECONDS 25200
/** Bytes needed by bpacct_date_format(), the NUL included. */
#define BPACCT_DATE_BUFSIZE 11
/** Bytes needed by bpacct_instant_format(), the NUL included. */
#define BPACCT_INSTANT_BUFSIZE 26
/** First year accepted by the civil conversions. */
#define BPACCT_CIVIL_YEAR_MIN 1
/** Last year accepted by the civil conversions. */
#define BPACCT_CIVIL_YEAR_MAX 9999

/** ISO weekday numbers returned by bpacct_day_weekday(). */
typedef enum bpacct_weekday {
	BPACCT_MONDAY = 1,    /**< Thứ Hai */
	BPACCT_TUESDAY = 2,   /**< Thứ Ba */
	BPACCT_WEDNESDAY = 3, /**< Thứ Tư */
	BPACCT_THURSDAY = 4,  /**< Thứ Năm */
	BPACCT_FRIDAY = 5,    /**< Thứ Sáu */
	BPACCT_SATURDAY = 6,  /**< Thứ Bảy */
	BPACCT_SUNDAY = 7     /**< Chủ Nhật */
} bpacct_weekday;

/**
 * The day number of a Gregorian date.
 *
 * @param[out] out the day number (days since 1970-01-01).
 * @param year 1 to 9999.
 * @param month 1 to 12.
 * @param day 1 to the length of the month.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p out or a date that does not
 *         exist (2026-02-30); #BPACCT_ERANGE for a year outside 1..9999.
 * @since 0.1.0
 */
BPACCT_API int bpacct_day_from_date(int32_t *out, int32_t year, int32_t month,
				    int32_t day);

/**
 * The Gregorian date of a day number.
 *
 * @param day a day number of years 1..9999.
 * @param[out] out_year the year.
 * @param[out] out_month the month, 1 to 12.
 * @param[out] out_day the day of the month.
 * @return #BPACCT_OK; #BPACCT_EINVAL for a NULL output; #BPACCT_ERANGE for a
 *         day outside years 1..9999.
 * @since 0.1.0
 */
BPACCT_API int bpacct_day_to_date(int32_t day, int32_t *out_year,
				  int32_t *out_month, int32_t *out_day);

/**
 * The ISO weekday of a day number.
 *
 * @param day any day number.
 * @param[out] out a #bpacct_weekday value, 1 (Monday) to 7 (Sunday).
 * @return #BPACCT_OK, or #BPACCT_EINVAL for NULL @p out.
 * @since 0.1.0
 */
BPACCT_API int bpacct_day_weekday(int32_t day, int32_t *out);

/**
 * The civil day and time of day (at UTC+07:00) of an instant.
 *
 * @param instant seconds since the Unix epoch.
 * @param[out] out_day the day number at UTC+07:00.
 * @param[out] out_second_of_day 0 to 86399. May be NULL.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p out_day; #BPACCT_ERANGE for
 *         an instant outside years 1..9999.
 * @since 0.1.0
 */
BPACCT_API int bpacct_instant_to_day(int64_t instant, int32_t *out_day,
				     int32_t *out_second_of_day);

/**
 * The instant of a civil time of day (at UTC+07:00).
 *
 * @param[out] out the instant.
 * @param day a day number.
 * @param second_of_day 0 to 86400; 86400 is "24:00", the same instant as
 *        00:00 of the next day (Civil Code Art. 148(6)).
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p out or a second outside
 *         0..86400; #BPACCT_ERANGE for a day outside years 1..9999.
 * @since 0.1.0
 */
BPACCT_API int bpacct_instant_from_day(int64_t *out, int32_t day,
				       int32_t second_of_day);

/**
 * Parses a date "YYYY-MM-DD".
 *
 * @param[out] out the day number.
 * @param text the text, not necessarily NUL-terminated.
 * @param len the number of bytes of @p text to read; all must be used.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL pointers; #BPACCT_EPARSE for
 *         text that is not exactly a valid date (2026-02-30 included).
 * @since 0.1.0
 */
BPACCT_API int bpacct_date_parse(int32_t *out, const char *text, size_t len);

/**
 * Formats a day number as "YYYY-MM-DD" followed by a NUL.
 *
 * @param[out] buf at least #BPACCT_DATE_BUFSIZE bytes.
 * @param size the size of @p buf.
 * @param day a day number of years 1..9999.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p buf; #BPACCT_EBUFSIZE when
 *         @p size is too small; #BPACCT_ERANGE outside years 1..9999.
 * @since 0.1.0
 */
BPACCT_API int bpacct_date_format(char *buf, size_t size, int32_t day);

/**
 * Parses an RFC 3339 date-time with any UTC offset.
 *
 * Accepts `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`, with `T` or
 * `t` (or one space) between date and time and `Z` or `z`.  A fraction is
 * truncated towards the past (instants are whole seconds).  A leap second
 * (`:60`) is refused, as Unix time has none.
 *
 * @param[out] out the instant.
 * @param text the text, not necessarily NUL-terminated.
 * @param len the number of bytes of @p text to read; all must be used.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL pointers; #BPACCT_EPARSE for
 *         text that is not a valid RFC 3339 date-time.
 * @since 0.1.0
 */
BPACCT_API int bpacct_instant_parse(int64_t *out, const char *text,
				    size_t len);

/**
 * Formats an instant as Vietnam time, "YYYY-MM-DDTHH:MM:SS+07:00".
 *
 * @param[out] buf at least #BPACCT_INSTANT_BUFSIZE bytes.
 * @param size the size of @p buf.
 * @param instant seconds since the Unix epoch.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p buf; #BPACCT_EBUFSIZE when
 *         @p size is too small; #BPACCT_ERANGE outside years 1..9999.
 * @since 0.1.0
 */
BPACCT_API int bpacct_instant_format(char *buf, size_t size, int64_t instant);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_CIVIL_H */
