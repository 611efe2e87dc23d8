/**
 * @file bpacct/deadline.h
 * @brief The deadlines of the two procedures, as a table of rules.
 * @defgroup bpacct_deadline Procedure deadlines
 * @{
 *
 * | rule | event | due | source |
 * | --- | --- | --- | --- |
 * | `bp-request` | receipt of the complete application | receipt + 2 h on the clock | BP-A2, BP-R3, T2 |
 * | `bp-lock` | lock on a security risk | lock + 2 h on the clock | BP-B2, BP-R4, T2 |
 * | `bp-inactivity` | issue (or, policy (b), last use) | 24:00 of the corresponding day 6 months later, no Art. 148(5) extension | BP-C1, BP-R5, T3 |
 * | `xnc-request` | submission by a channel | the legal receipt instant (XNC-R2); late after the end of the reception session of receipt | XNC-T, XNC-R4 |
 *
 * Each rule is one row of a constant table (event, period, receipt
 * mapping, basis texts); the functions below only read it.  Pure and
 * thread-safe; no heap.
 */
#ifndef BPACCT_DEADLINE_H
#define BPACCT_DEADLINE_H

#include "common.h"
#include "calendar.h"
#include "sessions.h"

BPACCT_BEGIN_DECL

/** Procedure deadline rules. Values are stable. */
typedef enum bpacct_rule {
	/** BP-A2: receipt + 2 hours. */
	BPACCT_RULE_BP_REQUEST = 1,
	/** BP-B2: lock + 2 hours. */
	BPACCT_RULE_BP_LOCK = 2,
	/** BP-C1 / BP-R5: 6 months without use from the issue date. */
	BPACCT_RULE_BP_INACTIVITY = 3,
	/** XNC-T / XNC-R4: immediately on receipt. */
	BPACCT_RULE_XNC_REQUEST = 4
} bpacct_rule;

/** Submission channels. Values are stable. */
typedef enum bpacct_channel {
	/** In person at the office (trực tiếp). */
	BPACCT_CHANNEL_IN_PERSON = 1,
	/** Public postal service (bưu chính công ích). */
	BPACCT_CHANNEL_POSTAL = 2,
	/** Online, through the portal (trực tuyến). */
	BPACCT_CHANNEL_ONLINE = 3
} bpacct_channel;

/** Policy flag (BP-R5 (b)): inactivity runs from the later of issue and
 *  last use, instead of from issue only. */
#define BPACCT_DEADLINE_INACTIVITY_ROLLING 0x1u
/** Policy flag: apply the Art. 148(5) roll-forward to `bp-inactivity`
 *  (off by default, rule BP-R5). */
#define BPACCT_DEADLINE_EXTEND 0x2u
/** Policy flag (T2): count the 2 hours of `bp-request` and `bp-lock` on
 *  the working-hours clock. */
#define BPACCT_DEADLINE_WORKING_HOURS 0x4u

/** Result flag: the receipt instant was moved to the next session. */
#define BPACCT_DEADLINE_MOVED 0x100u
/** Result flag: the submission is not receivable (in person outside a
 *  session); no deadline runs. */
#define BPACCT_DEADLINE_REFUSED 0x200u
/** Result flag: the due instant was moved by Art. 148(5). */
#define BPACCT_DEADLINE_EXTENDED 0x400u

/** The version of #bpacct_deadline_options this header describes. */
#define BPACCT_DEADLINE_OPTIONS_VERSION 1

/** Options of bpacct_deadline_compute(). */
typedef struct bpacct_deadline_options {
	/** Must be #BPACCT_DEADLINE_OPTIONS_VERSION (or older). */
	uint32_t version;
	/** `BPACCT_DEADLINE_*` policy flags; 0 by default. @since 1 */
	uint32_t flags;
	/** The #bpacct_channel of the submission, for `xnc-request`;
	 *  #BPACCT_CHANNEL_ONLINE by default. @since 1 */
	int32_t channel;
	/** The last use of the account, for the rolling inactivity policy;
	 *  #BPACCT_INSTANT_NONE when never used (the default). @since 1 */
	int64_t last_used;
	/** Reception sessions for `xnc-request`; NULL for
	 *  #BPACCT_SESSIONS_XNC_RECEPTION. @since 1 */
	const bpacct_sessions *reception;
	/** Working hours for #BPACCT_DEADLINE_WORKING_HOURS; NULL for
	 *  #BPACCT_SESSIONS_OFFICE_HOURS. @since 1 */
	const bpacct_sessions *working_hours;
} bpacct_deadline_options;

/** Static initializer of #bpacct_deadline_options with the defaults. */
#define BPACCT_DEADLINE_OPTIONS_INIT                                     \
	{ BPACCT_DEADLINE_OPTIONS_VERSION, 0u, BPACCT_CHANNEL_ONLINE,    \
	  BPACCT_INSTANT_NONE, NULL, NULL }

/**
 * Fills @p options with the defaults for @p version.
 *
 * @param options the struct to fill.
 * @param version #BPACCT_DEADLINE_OPTIONS_VERSION or older.
 * @return #BPACCT_OK, or #BPACCT_EMISUSE for NULL or an unknown version.
 * @since 0.1.0
 */
BPACCT_API int bpacct_deadline_options_init(bpacct_deadline_options *options,
					    uint32_t version);

/**
 * Computes a procedure deadline.
 *
 * @param calendar the working calendar.
 * @param options NULL for the defaults.
 * @param rule a #bpacct_rule.
 * @param at the instant of the rule's event: receipt (`bp-request`), lock
 *        (`bp-lock`), issue (`bp-inactivity`), submission (`xnc-request`).
 * @param[out] out_due when the action is due.
 * @param[out] out_late_after the instant after which the action is late:
 *        the end of the reception session of receipt for `xnc-request`
 *        (XNC-R4), else the due instant; may be NULL.
 * @param[out] out_flags result flags (`BPACCT_DEADLINE_MOVED`, …); may be
 *        NULL.  When #BPACCT_DEADLINE_REFUSED is set, @p out_due is @p at.
 * @return #BPACCT_OK; #BPACCT_EINVAL for a bad rule, channel or flag;
 *         #BPACCT_EMISUSE for a bad options version; #BPACCT_ERANGE.
 * @since 0.1.0
 */
BPACCT_API int bpacct_deadline_compute(const bpacct_calendar *calendar,
				       const bpacct_deadline_options *options,
				       int32_t rule, int64_t at,
				       int64_t *out_due,
				       int64_t *out_late_after,
				       uint32_t *out_flags);

/**
 * The contract name of a rule, e.g. "bp-request".
 *
 * @param rule a #bpacct_rule.
 * @return a static string; "unknown" for other values.
 * @since 0.1.0
 */
BPACCT_API const char *bpacct_rule_name(int32_t rule);

/**
 * Looks a rule up by its contract name.
 *
 * @param text the name, not necessarily NUL-terminated.
 * @param len its length.
 * @param[out] out the #bpacct_rule.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL pointers; #BPACCT_ENOTFOUND.
 * @since 0.1.0
 */
BPACCT_API int bpacct_rule_from_name(const char *text, size_t len,
				     int32_t *out);

/**
 * The legal basis of a rule in one line, citing the requirement ids and the
 * articles, in the language asked.
 *
 * @param rule a #bpacct_rule.
 * @param lang a #bpacct_lang.
 * @return a static UTF-8 string; "" for unknown values.
 * @since 0.1.0
 */
BPACCT_API const char *bpacct_rule_basis(int32_t rule, int32_t lang);

/**
 * The contract name of a channel: "in_person", "postal", "online".
 *
 * @param channel a #bpacct_channel.
 * @return a static string; "unknown" for other values.
 * @since 0.1.0
 */
BPACCT_API const char *bpacct_channel_name(int32_t channel);

/**
 * Looks a channel up by its contract name.
 *
 * @param text the name, not necessarily NUL-terminated.
 * @param len its length.
 * @param[out] out the #bpacct_channel.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL pointers; #BPACCT_ENOTFOUND.
 * @since 0.1.0
 */
BPACCT_API int bpacct_channel_from_name(const char *text, size_t len,
					int32_t *out);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_DEADLINE_H */
