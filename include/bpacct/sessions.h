/**
 * @file bpacct/sessions.h
 * @brief Office sessions: reception and result hours, and the legal receipt
 *        instant of a submission.
 * @defgroup bpacct_sessions Sessions
 * @{
 *
 * A #bpacct_sessions table says when an office is open: a list of
 * sessions on working days (rule T4) and a list on plain Saturdays.  The
 * presets give the defaults of rules.md:
 *
 * - #BPACCT_SESSIONS_OFFICE_HOURS: 08:00–12:00 and 13:00–17:00 on working
 *   days (the working-hours clock of the T2 policy);
 * - #BPACCT_SESSIONS_XNC_RECEPTION (XNC-R1): the same, plus 08:00–12:00 on
 *   a Saturday that is not a working day, unless it is a holiday or lies
 *   inside a holiday break (the Friday before or the Monday after is a
 *   non-working weekday);
 * - #BPACCT_SESSIONS_XNC_RESULT (XNC-R5): the working-day sessions only,
 *   never a plain Saturday;
 * - #BPACCT_SESSIONS_ALWAYS: open every second (the BP portal, 24/7).
 *
 * All hours are configurable.  Every function is pure and thread-safe.
 */
#ifndef BPACCT_SESSIONS_H
#define BPACCT_SESSIONS_H

#include "common.h"
#include "calendar.h"

BPACCT_BEGIN_DECL

/** The version of #bpacct_sessions this header describes. */
#define BPACCT_SESSIONS_VERSION 1
/** The most sessions a day may have. */
#define BPACCT_SESSIONS_MAX 4

/** Presets for bpacct_sessions_init(). Values are stable. */
typedef enum bpacct_sessions_preset {
	/** Working days 08:00–12:00 and 13:00–17:00. */
	BPACCT_SESSIONS_OFFICE_HOURS = 1,
	/** XNC-R1 reception: office hours plus plain Saturdays 08:00–12:00. */
	BPACCT_SESSIONS_XNC_RECEPTION = 2,
	/** XNC-R5 result hand-out: office hours, no Saturday. */
	BPACCT_SESSIONS_XNC_RESULT = 3,
	/** Always open (24/7). */
	BPACCT_SESSIONS_ALWAYS = 4
} bpacct_sessions_preset;

/** Flag: the office is open at every instant; the lists are ignored. */
#define BPACCT_SESSIONS_FLAG_ALWAYS 0x1u
/** Flag: a plain Saturday inside a holiday break still has its sessions
 *  (by default it has none, XNC-R1). */
#define BPACCT_SESSIONS_FLAG_SATURDAY_IN_BREAK 0x2u

/**
 * When an office is open.  Times are seconds from local (UTC+07:00)
 * midnight, as `open, close` pairs, ascending and not overlapping, each
 * pair with open < close ≤ 86400.
 */
typedef struct bpacct_sessions {
	/** Must be #BPACCT_SESSIONS_VERSION (or older). */
	uint32_t version;
	/** `BPACCT_SESSIONS_FLAG_*`. @since 1 */
	uint32_t flags;
	/** Number of sessions on a working day, 0 to #BPACCT_SESSIONS_MAX.
	 *  @since 1 */
	uint32_t working_day_count;
	/** The working-day sessions. @since 1 */
	int32_t working_day[2 * BPACCT_SESSIONS_MAX];
	/** Number of sessions on a plain Saturday (one that is not a working
	 *  day), 0 to #BPACCT_SESSIONS_MAX. @since 1 */
	uint32_t saturday_count;
	/** The plain-Saturday sessions. @since 1 */
	int32_t saturday[2 * BPACCT_SESSIONS_MAX];
} bpacct_sessions;

/**
 * Fills @p sessions with a preset.
 *
 * @param sessions the struct to fill.
 * @param version #BPACCT_SESSIONS_VERSION or older.
 * @param preset a #bpacct_sessions_preset.
 * @return #BPACCT_OK; #BPACCT_EMISUSE for NULL or an unknown version;
 *         #BPACCT_EINVAL for an unknown preset.
 * @since 0.1.0
 */
BPACCT_API int bpacct_sessions_init(bpacct_sessions *sessions,
				    uint32_t version, int32_t preset);

/**
 * Checks that a sessions table is well formed.
 *
 * @param sessions the table.
 * @return #BPACCT_OK; #BPACCT_EMISUSE for NULL or a bad version;
 *         #BPACCT_EINVAL for counts, order or hours out of bounds.
 * @since 0.1.0
 */
BPACCT_API int bpacct_sessions_check(const bpacct_sessions *sessions);

/**
 * The session open at @p at, or else the next one to open.
 *
 * @param calendar the working calendar.
 * @param sessions the office's sessions.
 * @param at the instant.
 * @param[out] out_open the session's start (≤ @p at when @p at is inside
 *        it); may be NULL.
 * @param[out] out_close the session's end (exclusive); may be NULL.
 * @return #BPACCT_OK; #BPACCT_EINVAL or #BPACCT_EMISUSE for bad arguments;
 *         #BPACCT_ERANGE when no session opens before the calendar's end.
 * @since 0.1.0
 */
BPACCT_API int bpacct_sessions_find(const bpacct_calendar *calendar,
				    const bpacct_sessions *sessions,
				    int64_t at, int64_t *out_open,
				    int64_t *out_close);

/**
 * The first instant at or after @p at at which the office is open: @p at
 * itself inside a session, else the start of the next session.  This is
 * "the first result session at or after T" of XNC-R5.
 *
 * @param calendar the working calendar.
 * @param sessions the office's sessions.
 * @param at the instant.
 * @param[out] out the instant.
 * @return as bpacct_sessions_find().
 * @since 0.1.0
 */
BPACCT_API int bpacct_sessions_first_open(const bpacct_calendar *calendar,
					  const bpacct_sessions *sessions,
					  int64_t at, int64_t *out);

/** How a channel's submission instant becomes its legal receipt instant.
 *  Values are stable. */
typedef enum bpacct_receipt_rule {
	/** Received when submitted, at any time (BP-R1: portal 24/7; postal
	 *  and in person at the handover instant). */
	BPACCT_RECEIPT_IMMEDIATE = 1,
	/** Inside a session: when submitted; outside: at the start of the next
	 *  session (XNC-R2 postal and online). */
	BPACCT_RECEIPT_NEXT_SESSION = 2,
	/** Inside a session: when submitted; outside: not receivable (XNC-R2
	 *  in person). */
	BPACCT_RECEIPT_SESSION_ONLY = 3
} bpacct_receipt_rule;

/** What happened to a submission, from bpacct_receipt_instant(). */
typedef enum bpacct_receipt_status {
	/** Received at the submission instant. */
	BPACCT_RECEIPT_RECEIVED = 0,
	/** Received later, at the start of the next session. */
	BPACCT_RECEIPT_MOVED = 1,
	/** Not receivable: handed over outside a session. */
	BPACCT_RECEIPT_REFUSED = 2
} bpacct_receipt_status;

/**
 * The legal receipt instant of a submission (BP-R1, XNC-R2).
 *
 * @param calendar the working calendar (may be NULL for
 *        #BPACCT_RECEIPT_IMMEDIATE).
 * @param sessions the reception sessions (may be NULL for
 *        #BPACCT_RECEIPT_IMMEDIATE).
 * @param rule a #bpacct_receipt_rule.
 * @param submitted the submission (handover) instant.
 * @param[out] out_received the receipt instant; set to @p submitted when
 *        the submission is refused.
 * @param[out] out_status a #bpacct_receipt_status; may be NULL.
 * @return #BPACCT_OK (a refusal is a result, not an error); #BPACCT_EINVAL;
 *         #BPACCT_ERANGE.
 * @since 0.1.0
 */
BPACCT_API int bpacct_receipt_instant(const bpacct_calendar *calendar,
				      const bpacct_sessions *sessions,
				      int32_t rule, int64_t submitted,
				      int64_t *out_received,
				      int32_t *out_status);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_SESSIONS_H */
