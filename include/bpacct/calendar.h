/**
 * @file bpacct/calendar.h
 * @brief The Vietnamese civil-service working calendar: holidays,
 *        compensatory days, swaps, make-up Saturdays and working-day
 *        arithmetic.
 * @defgroup bpacct_calendar Working calendar
 * @{
 *
 * A working day (rule T4) is a day that is not a weekly rest day (Saturday
 * and Sunday, Decision 188/1999/QĐ-TTg) and not a non-working day of the
 * civil-service calendar of its year (holiday, compensatory day,
 * swapped-off day); an announced make-up Saturday is a working day.
 *
 * Where each day comes from, in increasing priority:
 * - **statutory** (rule C1): Labour Code 2012 Art. 115 for 2013–2020 (10
 *   days), Labour Code 2019 Art. 112 from 2021 (11 days), with a
 *   compensatory day on the next working day for a holiday on a weekly rest
 *   day (Art. 111(3));
 * - **projected** (rule C3): for a year with no announced schedule, the Tết
 *   block (lunar eve − 1, eve, mùng 1–3) with compensatory weekdays, and the
 *   National Day adjacent day chosen by the weekday of 2 September;
 * - **announced** (rule C2): the civil-service schedules of 2020–2026,
 *   built in from `data/vn_civil_service_calendar_2020_2026.csv`, which
 *   replace the rules for their years;
 * - **host** (rule C4): days the host adds at run time, which win over
 *   everything.
 *
 * A #bpacct_calendar is an opaque object built once (it precomputes a
 * working-day bitmap over its whole range with a rank per 64 days, about
 * 13 KiB, beside about 42 KiB of dated entries) and then read by the pure
 * functions of this library.  Queries never allocate and are safe
 * from any number of threads at once; bpacct_calendar_add_day() and
 * bpacct_calendar_add_csv() modify it and must not run concurrently with
 * anything else on the same calendar.
 *
 * Every function that takes a calendar returns #BPACCT_EINVAL for a NULL
 * calendar or a NULL required output, and #BPACCT_EMISUSE for a pointer
 * that is not a live calendar.  docs/calendar.md describes the sources of
 * each day and the performance design.
 */
#ifndef BPACCT_CALENDAR_H
#define BPACCT_CALENDAR_H

#include "common.h"
#include "alloc.h"

BPACCT_BEGIN_DECL

/** The working calendar (opaque). */
typedef struct bpacct_calendar bpacct_calendar;

/** What kind of day a day is. Values are stable. */
typedef enum bpacct_day_kind {
	/** An ordinary working day. */
	BPACCT_DAY_WORKING = 0,
	/** A weekly rest day (Saturday or Sunday). */
	BPACCT_DAY_WEEKEND = 1,
	/** A public holiday (ngày lễ, tết). */
	BPACCT_DAY_HOLIDAY = 2,
	/** A compensatory day off (nghỉ bù). */
	BPACCT_DAY_COMPENSATORY = 3,
	/** A weekday off repaid on a make-up day (hoán đổi). */
	BPACCT_DAY_SWAP_OFF = 4,
	/** A day worked by announcement: a make-up Saturday (làm bù), or a
	 *  host entry that cancels a day off. */
	BPACCT_DAY_MAKEUP = 5
} bpacct_day_kind;

/** Where the classification of a day comes from. Values are stable. */
typedef enum bpacct_day_source {
	/** An ordinary weekday or weekly rest day: no calendar entry. */
	BPACCT_SOURCE_NONE = 0,
	/** The Labour Code (holidays and Art. 111(3) compensatory days). */
	BPACCT_SOURCE_STATUTORY = 1,
	/** An announced civil-service schedule built into the library. */
	BPACCT_SOURCE_ANNOUNCED = 2,
	/** Projected by rule C3 for a year not announced. */
	BPACCT_SOURCE_PROJECTED = 3,
	/** Added by the host at run time. */
	BPACCT_SOURCE_HOST = 4
} bpacct_day_source;

/** Option flag: ignore the built-in announced schedules and apply the
 *  statutory rules and the projection (C1, C3) to every year. */
#define BPACCT_CALENDAR_NO_ANNOUNCED 0x1u

/** The version of #bpacct_calendar_options this header describes. */
#define BPACCT_CALENDAR_OPTIONS_VERSION 1

/** Options of bpacct_calendar_new(); fill with
 *  bpacct_calendar_options_init() or #BPACCT_CALENDAR_OPTIONS_INIT. */
typedef struct bpacct_calendar_options {
	/** Must be #BPACCT_CALENDAR_OPTIONS_VERSION (or older). */
	uint32_t version;
	/** `BPACCT_CALENDAR_*` flags; 0 by default. @since 1 */
	uint32_t flags;
	/** The allocator, copied; NULL for malloc/free. @since 1 */
	const bpacct_allocator *allocator;
} bpacct_calendar_options;

/** Static initializer of #bpacct_calendar_options with the defaults. */
#define BPACCT_CALENDAR_OPTIONS_INIT \
	{ BPACCT_CALENDAR_OPTIONS_VERSION, 0u, NULL }

/**
 * Fills @p options with the defaults for @p version.
 *
 * @param options the struct to fill.
 * @param version #BPACCT_CALENDAR_OPTIONS_VERSION or older.
 * @return #BPACCT_OK, or #BPACCT_EMISUSE for NULL or an unknown version.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_options_init(bpacct_calendar_options *options,
					    uint32_t version);

/**
 * Builds a working calendar covering 2013-01-01 to 2199-12-31.
 *
 * @param[out] out the new calendar; set only on success.
 * @param options NULL for the defaults.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL @p out or unknown flags;
 *         #BPACCT_EMISUSE for a bad options or allocator version;
 *         #BPACCT_ENOMEM.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_new(bpacct_calendar **out,
				   const bpacct_calendar_options *options);

/**
 * Releases a calendar.  NULL is accepted and ignored.
 *
 * @param calendar the calendar, or NULL.
 * @since 0.1.0
 */
BPACCT_API void bpacct_calendar_free(bpacct_calendar *calendar);

/**
 * The first and last day the calendar classifies.
 *
 * @param calendar the calendar.
 * @param[out] out_first the first day number (2013-01-01).
 * @param[out] out_last the last day number (2199-12-31).
 * @return #BPACCT_OK, #BPACCT_EINVAL or #BPACCT_EMISUSE.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_range(const bpacct_calendar *calendar,
				     int32_t *out_first, int32_t *out_last);

/**
 * Adds or replaces the classification of one day (rule C4).  A host entry
 * wins over built-in and projected data for that date, and only for that
 * date: nothing is derived from it (a host holiday on a weekly rest day
 * brings no compensatory day; the host adds that day too, as an
 * announcement lists it).
 *
 * @param calendar the calendar.
 * @param day the day number, inside the calendar's range.
 * @param kind #BPACCT_DAY_HOLIDAY, #BPACCT_DAY_COMPENSATORY or
 *        #BPACCT_DAY_SWAP_OFF for a day off; #BPACCT_DAY_MAKEUP for a day
 *        worked (a make-up Saturday, or a projected day off that the real
 *        announcement does not have).  A statutory holiday cannot be made
 *        a working day (rule E7): 1/1, 30/4, 1/5, 2/9, 10/3 lunar, the
 *        lunar New Year's eve and mùng 1–3, and every holiday of an
 *        announced schedule (docs/calendar.md).
 * @param name a UTF-8 name, copied (at most 127 bytes); NULL for none.
 * @return #BPACCT_OK; #BPACCT_EINVAL for a bad kind, a name too long or
 *         #BPACCT_DAY_MAKEUP on a statutory holiday (nothing changes);
 *         #BPACCT_ERANGE for a day outside the range; #BPACCT_ENOMEM.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_add_day(bpacct_calendar *calendar, int32_t day,
				       int32_t kind, const char *name);

/**
 * Adds host days from CSV text, one `date,kind,name` line each (the format
 * of `bpacct --calendar FILE`): `kind` is `holiday`, `compensatory`,
 * `swap_off` or `working`; `name` (UTF-8 without control characters, at
 * most 127 bytes) may be empty or missing, and may be quoted ("…", with ""
 * for a quote; a quoted field cannot span lines).  A first line
 * `date,kind,name` is a header and is skipped, as are blank lines and lines
 * starting with `#`; CRLF line ends and a UTF-8 byte-order mark are
 * accepted.  Rule E7: a `working` line on a statutory holiday (as for
 * bpacct_calendar_add_day()) is refused, and so is one date on two lines
 * with different kinds; the same date twice with the same kind is
 * accepted, the later line's name standing.  (A later call, or
 * bpacct_calendar_add_day(), replaces a host day as before: only lines of
 * one text conflict.)  The text is checked whole before anything is
 * added: on error nothing changes.  Malformed lines are reported before
 * conflicts between lines.
 *
 * @param calendar the calendar.
 * @param text the CSV text (UTF-8), not necessarily NUL-terminated.
 * @param len its length in bytes.
 * @param[out] out_error_line on #BPACCT_EPARSE, #BPACCT_ERANGE, #BPACCT_EINVAL
 *        (for a line) or #BPACCT_ECONFLICT, the 1-based number of the
 *        offending line (for a conflict, the later of the two lines);
 *        may be NULL.
 * @return #BPACCT_OK; #BPACCT_EPARSE for a malformed line; #BPACCT_ERANGE for
 *         a date outside the range; #BPACCT_EINVAL for a `working` line on
 *         a statutory holiday, or for NULL @p text with a non-zero @p len
 *         (then the line is not set); #BPACCT_ECONFLICT for a date listed
 *         twice with different kinds; #BPACCT_ENOMEM.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_add_csv(bpacct_calendar *calendar,
				       const char *text, size_t len,
				       int32_t *out_error_line);

/**
 * Whether a day is a working day (rule T4).  The fast path: one bit test.
 *
 * @param calendar the calendar.
 * @param day the day number.
 * @param[out] out_working 1 for a working day, 0 otherwise.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ERANGE outside the range.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_is_working_day(const bpacct_calendar *calendar,
					      int32_t day,
					      int32_t *out_working);

/**
 * Why a day is or is not a working day.
 *
 * @param calendar the calendar.
 * @param day the day number.
 * @param[out] out_working 1 for a working day, 0 otherwise; may be NULL.
 * @param[out] out_kind a #bpacct_day_kind; may be NULL.
 * @param[out] out_source a #bpacct_day_source; may be NULL.
 * @param[out] out_name the name of the entry (UTF-8, Vietnamese as in the
 *        announcement), or "" when there is none; valid until the calendar
 *        is modified or freed; may be NULL.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ERANGE outside the range.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_day_info(const bpacct_calendar *calendar,
					int32_t day, int32_t *out_working,
					int32_t *out_kind, int32_t *out_source,
					const char **out_name);

/**
 * The number of calendar entries of a year: every holiday (weekend ones
 * included), compensatory day, swapped-off day and make-up day, sorted by
 * date.
 *
 * @param calendar the calendar.
 * @param year a year inside the range.
 * @param[out] out_count the number of entries.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ERANGE.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_entry_count(const bpacct_calendar *calendar,
					   int32_t year, uint32_t *out_count);

/**
 * One calendar entry of a year, by index (0-based, in date order).
 *
 * @param calendar the calendar.
 * @param year a year inside the range.
 * @param index 0 to the count of bpacct_calendar_entry_count() − 1.
 * @param[out] out_day the day number; may be NULL.
 * @param[out] out_kind a #bpacct_day_kind other than working or weekend;
 *        may be NULL.
 * @param[out] out_source a #bpacct_day_source; may be NULL.
 * @param[out] out_name the entry's name, valid until the calendar is
 *        modified or freed; may be NULL.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ERANGE; #BPACCT_ENOTFOUND for an
 *         index past the end.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_entry_at(const bpacct_calendar *calendar,
					int32_t year, uint32_t index,
					int32_t *out_day, int32_t *out_kind,
					int32_t *out_source,
					const char **out_name);

/**
 * Whether a year's schedule is projected (rule C3) rather than announced or
 * given by the host.
 *
 * @param calendar the calendar.
 * @param year a year inside the range.
 * @param[out] out_projected 1 if any entry of the year is projected.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ERANGE.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_year_projected(const bpacct_calendar *calendar,
					      int32_t year,
					      int32_t *out_projected);

/**
 * Counts the working days in the half-open range [@p from, @p to).
 *
 * @param calendar the calendar.
 * @param from the first day counted.
 * @param to the day after the last counted; if @p to < @p from the result
 *        is minus the count of [@p to, @p from).
 * @param[out] out_count the count.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ERANGE when the range leaves
 *         the calendar.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_count_working_days(
	const bpacct_calendar *calendar, int32_t from, int32_t to,
	int32_t *out_count);

/**
 * Moves by whole working days.  For @p n > 0 the result is the n-th working
 * day after @p day (the day itself is not counted, Civil Code Art. 147);
 * for @p n < 0 the |n|-th working day before it; for @p n = 0, @p day
 * itself if it is a working day, else the next working day.
 *
 * @param calendar the calendar.
 * @param day the starting day.
 * @param n the number of working days.
 * @param[out] out_day the resulting day.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ERANGE when the result would
 *         leave the calendar.
 * @since 0.1.0
 */
BPACCT_API int bpacct_calendar_offset_working_days(
	const bpacct_calendar *calendar, int32_t day, int32_t n,
	int32_t *out_day);

/**
 * The contract name of a day kind: "working", "weekend", "holiday",
 * "compensatory", "swap_off", "working" for #BPACCT_DAY_MAKEUP.
 *
 * @param kind a #bpacct_day_kind.
 * @return a static string; "unknown" for other values.
 * @since 0.1.0
 */
BPACCT_API const char *bpacct_day_kind_name(int32_t kind);

/**
 * The contract name of a source: "none", "statutory", "announced",
 * "projected", "host".
 *
 * @param source a #bpacct_day_source.
 * @return a static string; "unknown" for other values.
 * @since 0.1.0
 */
BPACCT_API const char *bpacct_day_source_name(int32_t source);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_CALENDAR_H */
