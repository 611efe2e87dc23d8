/**
 * @file bpacct/period.h
 * @brief Time limits under the Civil Code 2015, Arts 144–148.
 * @defgroup bpacct_period Periods
 * @{
 *
 * - Minutes and hours (rule T2) start at the exact instant and run on the
 *   clock, through nights, weekends and holidays (Art. 147(1)); no
 *   Art. 148(5) extension.  Policy #BPACCT_PERIOD_WORKING_HOURS counts only
 *   the minutes inside working-hours sessions instead.
 * - Days, weeks, months and years (rule T3): the event day is not counted
 *   (Art. 147(2)); weeks, months and years end on the corresponding day
 *   anchored on the event day (reading A1(a)); a missing corresponding day
 *   falls back to the last day of the month (Art. 148(3)), so a year from
 *   29 February ends on 28 February; the period ends at 24:00 of its last
 *   day (Art. 148(6)), represented as 00:00 of the next day; when the last
 *   day is not a working day it ends at 24:00 of the next working day
 *   (Art. 148(5)) unless #BPACCT_PERIOD_NO_EXTEND.
 * - Working days: the n-th working day after the event day, ending at 24:00.
 *
 * Pure and thread-safe; no heap.
 */
#ifndef BPACCT_PERIOD_H
#define BPACCT_PERIOD_H

#include "common.h"
#include "calendar.h"
#include "sessions.h"

BPACCT_BEGIN_DECL

/** Units of a period. Values are stable. */
typedef enum bpacct_unit {
	BPACCT_UNIT_MINUTE = 1,     /**< `Nmin` */
	BPACCT_UNIT_HOUR = 2,       /**< `Nh` */
	BPACCT_UNIT_DAY = 3,        /**< `Nd` */
	BPACCT_UNIT_WEEK = 4,       /**< `Nw` */
	BPACCT_UNIT_MONTH = 5,      /**< `Nmo` */
	BPACCT_UNIT_YEAR = 6,       /**< `Ny` */
	BPACCT_UNIT_WORKING_DAY = 7 /**< `Nwd` */
} bpacct_unit;

/** Policy flag: no Art. 148(5) roll-forward to the next working day. */
#define BPACCT_PERIOD_NO_EXTEND 0x1u
/** Policy flag: anchor the corresponding day on the first counted day
 *  (reading A1(b)) instead of the event day. */
#define BPACCT_PERIOD_ANCHOR_FIRST_DAY 0x2u
/** Policy flag (T2): minutes and hours count only inside working-hours
 *  sessions. */
#define BPACCT_PERIOD_WORKING_HOURS 0x4u

/** Result flag: the end was moved by Art. 148(5). */
#define BPACCT_PERIOD_EXTENDED 0x100u
/** Result flag: the corresponding day did not exist; the last day of the
 *  month was used (Art. 148(3)). */
#define BPACCT_PERIOD_MONTH_END 0x200u
/** Result flag: the period is counted in days and has a last day. */
#define BPACCT_PERIOD_HAS_LAST_DAY 0x400u

/** The version of #bpacct_period_options this header describes. */
#define BPACCT_PERIOD_OPTIONS_VERSION 1

/** Options of bpacct_period_end(). */
typedef struct bpacct_period_options {
	/** Must be #BPACCT_PERIOD_OPTIONS_VERSION (or older). */
	uint32_t version;
	/** `BPACCT_PERIOD_*` policy flags; 0 by default. @since 1 */
	uint32_t flags;
	/** The sessions that count under #BPACCT_PERIOD_WORKING_HOURS; NULL
	 *  for #BPACCT_SESSIONS_OFFICE_HOURS. @since 1 */
	const bpacct_sessions *working_hours;
} bpacct_period_options;

/** Static initializer of #bpacct_period_options with the defaults. */
#define BPACCT_PERIOD_OPTIONS_INIT \
	{ BPACCT_PERIOD_OPTIONS_VERSION, 0u, NULL }

/**
 * Fills @p options with the defaults for @p version.
 *
 * @param options the struct to fill.
 * @param version #BPACCT_PERIOD_OPTIONS_VERSION or older.
 * @return #BPACCT_OK, or #BPACCT_EMISUSE for NULL or an unknown version.
 * @since 0.1.0
 */
BPACCT_API int bpacct_period_options_init(bpacct_period_options *options,
					  uint32_t version);

/**
 * Parses a period such as `2h`, `6mo`, `10wd`: a count of 0 to 100000
 * followed by `min`, `h`, `d`, `w`, `mo`, `y` or `wd`.
 *
 * @param text the text, not necessarily NUL-terminated.
 * @param len its length in bytes.
 * @param[out] out_unit a #bpacct_unit.
 * @param[out] out_count the count.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL pointers; #BPACCT_EPARSE for
 *         an unknown unit or a malformed count.
 * @since 0.1.0
 */
BPACCT_API int bpacct_period_parse(const char *text, size_t len,
				   int32_t *out_unit, int32_t *out_count);

/**
 * When a period that starts at @p start ends.
 *
 * @param calendar the working calendar; may be NULL only for a clock
 *        period without #BPACCT_PERIOD_WORKING_HOURS, or a day-based period
 *        with #BPACCT_PERIOD_NO_EXTEND.
 * @param options NULL for the defaults.
 * @param start the instant of the event that starts the period.
 * @param unit a #bpacct_unit.
 * @param count 0 to 100000.
 * @param[out] out_due the instant the period ends (for a day-based period,
 *        00:00 of the day after its last day).
 * @param[out] out_last_day the last day of a day-based period (after any
 *        extension); unchanged for clock periods; may be NULL.
 * @param[out] out_flags result flags (`BPACCT_PERIOD_EXTENDED`, …); may be
 *        NULL.
 * @return #BPACCT_OK; #BPACCT_EINVAL for a bad unit, count, flag or a
 *         missing calendar; #BPACCT_EMISUSE for a bad options version;
 *         #BPACCT_ERANGE when the result leaves the calendar.
 * @since 0.1.0
 */
BPACCT_API int bpacct_period_end(const bpacct_calendar *calendar,
				 const bpacct_period_options *options,
				 int64_t start, int32_t unit, int32_t count,
				 int64_t *out_due, int32_t *out_last_day,
				 uint32_t *out_flags);

/**
 * A one-line explanation of how a period was computed, citing the Civil
 * Code articles, e.g. "Civil Code Art. 147(2), 148(3): 6 months; the last
 * day fell on a day off, moved to the next working day (Art. 148(5))".
 *
 * @param[out] buf the text buffer.
 * @param size its size; 256 bytes always suffice.
 * @param unit the #bpacct_unit.
 * @param count the count.
 * @param flags the result flags from bpacct_period_end(), plus the policy
 *        flags used.
 * @param lang a #bpacct_lang.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EBUFSIZE.
 * @since 0.1.0
 */
BPACCT_API int bpacct_period_basis(char *buf, size_t size, int32_t unit,
				   int32_t count, uint32_t flags,
				   int32_t lang);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_PERIOD_H */
