/**
 * @file bpacct/profile.h
 * @brief Procedures as data: the BP and XNC profiles, and host-defined
 *        ones.
 * @defgroup bpacct_profile Procedure profiles
 * @{
 *
 * A profile is everything that differs between two procedures: channels,
 * the papers required and the checks made on them, the deadline rules, who
 * receives the cancellation notice and through which channel, the
 * document it carries, the notices owed for each outcome, the sessions and
 * the policies of rules.md.  BP and XNC are two constant profiles of the
 * same engine; a third procedure is a #bpacct_profile the host fills in
 * (start from bpacct_profile_init() on a built-in one), not new code.
 */
#ifndef BPACCT_PROFILE_H
#define BPACCT_PROFILE_H

#include "common.h"
#include "sessions.h"

BPACCT_BEGIN_DECL

/** Built-in procedures. Values are stable; host profiles use 100 and
 *  above. */
typedef enum bpacct_procedure {
	/** Border Guard, land border gates (seed 000, requirement ids BP-…). */
	BPACCT_PROCEDURE_BP = 1,
	/** Immigration Department (seed 004, requirement ids XNC-…). */
	BPACCT_PROCEDURE_XNC = 2
} bpacct_procedure;

/** Policy: a lock notice with the reason goes to both recipients (BP-R4;
 *  off by default). */
#define BPACCT_POLICY_LOCK_NOTICE 0x1u
/** Policy: a locked account may be unlocked (BP-R4; off by default: the
 *  procedure has none). */
#define BPACCT_POLICY_UNLOCK 0x2u
/** Policy (BP-R5 (b)): inactivity runs from the later of issue and last
 *  use (default (a): never used since issue). */
#define BPACCT_POLICY_INACTIVITY_ROLLING 0x4u
/** Policy: the Art. 148(5) roll-forward applies to the inactivity period
 *  (off by default, BP-R5). */
#define BPACCT_POLICY_INACTIVITY_EXTEND 0x8u
/** Policy (T2): the hours of the request and lock deadlines run on the
 *  working-hours clock. */
#define BPACCT_POLICY_WORKING_HOURS 0x10u

/** Check: the enterprise code of the registration is valid and is the
 *  owner's (BP-R2). */
#define BPACCT_CHECK_ENTERPRISE_CODE 0x1u
/** Check: the identity document is valid and, when the holder's is on
 *  record, the same (BP-R2). */
#define BPACCT_CHECK_IDENTITY 0x2u
/** Check: every NA20 field is filled in (XNC-R3). */
#define BPACCT_CHECK_NA20 0x4u

/** How the channel of a cancellation notice is chosen. Values are
 *  stable. */
typedef enum bpacct_notice_channel {
	/** The channel the request came by (BP-R6, case A). */
	BPACCT_NOTICE_BY_REQUEST = 1,
	/** The result channel the requester chose (XNC-R5). */
	BPACCT_NOTICE_BY_RESULT = 2,
	/** Online, through the portal (BP-R6, cases B and C). */
	BPACCT_NOTICE_BY_PORTAL = 3
} bpacct_notice_channel;

/** The version of #bpacct_profile this header describes. */
#define BPACCT_PROFILE_VERSION 1

/** A procedure profile. */
typedef struct bpacct_profile {
	/** Must be #BPACCT_PROFILE_VERSION (or older). */
	uint32_t version;
	/** A #bpacct_procedure, or 100 and above for a host procedure.
	 *  @since 1 */
	int32_t procedure;
	/** Short name, e.g. "bp" (NUL-terminated). @since 1 */
	char name[16];
	/** Channels accepted for requests: bit (1 << #bpacct_channel).
	 *  @since 1 */
	uint32_t channels;
	/** Papers a complete request carries (`BPACCT_DOC_*`). @since 1 */
	uint32_t required_documents;
	/** Checks made on them (`BPACCT_CHECK_*`). @since 1 */
	uint32_t checks;
	/** The #bpacct_rule of an accepted request's cancellation. @since 1 */
	int32_t request_rule;
	/** The #bpacct_case of a cancellation on request. @since 1 */
	int32_t request_case;
	/** The #bpacct_rule after a security lock; 0 when the procedure has
	 *  no security lock. @since 1 */
	int32_t lock_rule;
	/** The #bpacct_rule of inactivity; 0 when none. @since 1 */
	int32_t inactivity_rule;
	/** Days before the inactivity cancellation at which a warning goes to
	 *  the recipients; 0 for none (the default). @since 1 */
	int32_t warning_days;
	/** Recipients of the cancellation notice (`BPACCT_RECIPIENT_*`).
	 *  @since 1 */
	uint32_t recipients;
	/** The #bpacct_notice_kind of the cancellation notice. @since 1 */
	int32_t cancellation_notice;
	/** The #bpacct_document the cancellation notice carries. @since 1 */
	int32_t cancellation_document;
	/** The #bpacct_notice_channel of a cancellation on request. @since 1 */
	int32_t request_notice_channel;
	/** The #bpacct_notice_kind owed for each outcome (index outcome − 1)
	 *  and submission channel (index channel − 1); 0 for none.
	 *  @since 1 */
	int32_t outcome_notice[4][3];
	/** Result channels whose delivery carries the fee flag: bit (1 <<
	 *  #bpacct_channel) (XNC-2d). @since 1 */
	uint32_t fee_channels;
	/** `BPACCT_POLICY_*` flags. @since 1 */
	uint32_t policies;
	/** Reception sessions; NULL for the request rule's default.  When
	 *  set, a submission in person outside them is not receivable
	 *  under any rule (BP-R1: "in person, any time unless the host
	 *  configures office sessions"). @since 1 */
	const bpacct_sessions *reception;
	/** Result hand-out sessions: a cancellation notice not sent online
	 *  is available from the first session at or after the
	 *  cancellation.  NULL: #BPACCT_SESSIONS_XNC_RESULT for a notice
	 *  that goes by the result channel (#BPACCT_NOTICE_BY_RESULT,
	 *  XNC-R5), at once otherwise. @since 1 */
	const bpacct_sessions *result;
} bpacct_profile;

/**
 * A built-in profile.
 *
 * @param procedure #BPACCT_PROCEDURE_BP or #BPACCT_PROCEDURE_XNC.
 * @param[out] out a pointer to the library's constant profile.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL; #BPACCT_ENOTFOUND.
 * @since 0.2.0
 */
BPACCT_API int bpacct_profile_get(int32_t procedure,
				  const bpacct_profile **out);

/**
 * Fills a host profile with a copy of a built-in one, to change its
 * policies or to define a new procedure from it.
 *
 * @param profile the struct to fill.
 * @param version #BPACCT_PROFILE_VERSION or older.
 * @param base #BPACCT_PROCEDURE_BP or #BPACCT_PROCEDURE_XNC.
 * @return #BPACCT_OK; #BPACCT_EMISUSE for NULL or a bad version;
 *         #BPACCT_ENOTFOUND for an unknown base.
 * @since 0.2.0
 */
BPACCT_API int bpacct_profile_init(bpacct_profile *profile, uint32_t version,
				   int32_t base);

/**
 * Checks that a profile is coherent: known rules, cases, kinds, channels,
 * documents and flags, a NUL-terminated name, valid sessions.
 *
 * @param profile the profile.
 * @return #BPACCT_OK; #BPACCT_EMISUSE for a bad version; #BPACCT_EINVAL.
 * @since 0.2.0
 */
BPACCT_API int bpacct_profile_check(const bpacct_profile *profile);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_PROFILE_H */
