/**
 * @file bpacct/reason.h
 * @brief Stable reason codes for every refusal, rejection and request to
 *        supplement, with a message in Vietnamese and in English (rule E3).
 * @defgroup bpacct_reason Reasons
 * @{
 *
 * Values are grouped by hundreds and are part of the ABI: never renumbered,
 * never reused; new codes are appended inside their group.  Each code also
 * has a stable snake_case name (the `code` of the `bpacct` tool's JSON).
 */
#ifndef BPACCT_REASON_H
#define BPACCT_REASON_H

#include "common.h"

BPACCT_BEGIN_DECL

/** Reason codes. */
typedef enum bpacct_reason {
	/** No reason (success). */
	BPACCT_REASON_NONE = 0,

	/* 1xx: not eligible, the request is rejected (XNC-E, XNC-R3, BP-R2) */
	/** The account does not exist (was never issued). */
	BPACCT_REASON_NO_ACCOUNT = 101,
	/** The requester is not the agency, enterprise or organisation that
	 *  owns the account (BP-A1, BP-R2, XNC-R3). */
	BPACCT_REASON_NOT_OWNER = 102,
	/** The account is already cancelled (E1, XNC-R3). */
	BPACCT_REASON_ALREADY_CANCELLED = 103,
	/** The account belongs to another procedure. */
	BPACCT_REASON_WRONG_PROCEDURE = 104,

	/* 2xx: not receivable, the request is refused (XNC-R2) */
	/** Handed over in person outside a reception session (XNC-R1/R2). */
	BPACCT_REASON_OUTSIDE_SESSION = 201,
	/** The procedure does not accept this channel. */
	BPACCT_REASON_CHANNEL_NOT_ALLOWED = 202,

	/* 3xx: papers missing or invalid, the owner is asked to supplement */
	/** The application (Đơn đề nghị hủy tài khoản) is missing (BP-A1). */
	BPACCT_REASON_MISSING_APPLICATION = 301,
	/** The copy of the enterprise registration certificate is missing. */
	BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION = 302,
	/** The performer's identity document is missing. */
	BPACCT_REASON_MISSING_IDENTITY = 303,
	/** The enterprise code of the registration is not given. */
	BPACCT_REASON_MISSING_ENTERPRISE_CODE = 304,
	/** The enterprise code is malformed or its check digit is wrong
	 *  (domain-reference §7.2). */
	BPACCT_REASON_INVALID_ENTERPRISE_CODE = 305,
	/** The enterprise code is valid but is not the owner's. */
	BPACCT_REASON_ENTERPRISE_CODE_MISMATCH = 306,
	/** A CMND number is not 9 or 12 digits. */
	BPACCT_REASON_INVALID_CMND = 307,
	/** A CMND was received after 2024-12-31, when CMND ceased to be
	 *  valid (Law on Identity 2023). */
	BPACCT_REASON_CMND_EXPIRED = 308,
	/** A CCCD / thẻ căn cước number does not have the 12-digit structure
	 *  of domain-reference §7.1. */
	BPACCT_REASON_INVALID_CCCD = 309,
	/** A passport number is not of a valid form. */
	BPACCT_REASON_INVALID_PASSPORT = 310,
	/** The identity document is not the one on record for the holder. */
	BPACCT_REASON_IDENTITY_MISMATCH = 311,
	/** The identity document type is not CMND, CCCD or passport. */
	BPACCT_REASON_UNKNOWN_ID_TYPE = 312,

	/* 4xx: form NA20 incomplete, the organisation is asked to supplement
	 * (XNC-1, XNC-2, XNC-R3); every missing field has its own code */
	/** No NA20 form at all. */
	BPACCT_REASON_NA20_MISSING = 400,
	/** NA20: name of the organisation missing. */
	BPACCT_REASON_NA20_ORGANISATION = 401,
	/** NA20: address missing. */
	BPACCT_REASON_NA20_ADDRESS = 402,
	/** NA20: telephone missing or not a telephone number. */
	BPACCT_REASON_NA20_PHONE = 403,
	/** NA20: e-mail missing or not an e-mail address. */
	BPACCT_REASON_NA20_EMAIL = 404,
	/** NA20: the electronic account to cancel missing. */
	BPACCT_REASON_NA20_ACCOUNT = 405,
	/** NA20: reason missing. */
	BPACCT_REASON_NA20_REASON = 406,
	/** NA20: signature, name and title of the head missing. */
	BPACCT_REASON_NA20_SIGNER = 407,
	/** NA20: seal of the organisation missing. */
	BPACCT_REASON_NA20_SEAL = 408,
	/** NA20: the account named on the form is not the account asked
	 *  about. */
	BPACCT_REASON_NA20_ACCOUNT_MISMATCH = 409,

	/* 5xx: an input the account lifecycle does not allow (E1, E3) */
	/** A locked account cannot be used (BP-R4). */
	BPACCT_REASON_ACCOUNT_LOCKED = 501,
	/** A cancelled account: nothing leaves cancelled (E1). */
	BPACCT_REASON_ACCOUNT_CANCELLED = 502,
	/** The account was already issued. */
	BPACCT_REASON_ALREADY_ISSUED = 503,
	/** The account is already locked. */
	BPACCT_REASON_ALREADY_LOCKED = 504,
	/** An officer's cancellation with no cancellation pending. */
	BPACCT_REASON_NOTHING_PENDING = 505,
	/** Unlock of an account that is not locked. */
	BPACCT_REASON_NOT_LOCKED = 506,
	/** The procedure has no unlock (BP-R4 policy off). */
	BPACCT_REASON_UNLOCK_NOT_ALLOWED = 507,
	/** The input does not exist in this procedure (a security lock under
	 *  XNC). */
	BPACCT_REASON_NOT_IN_PROCEDURE = 508,
	/** A supplement for a request that does not exist. */
	BPACCT_REASON_UNKNOWN_REQUEST = 509,
	/** A supplement for a request that is not waiting for one. */
	BPACCT_REASON_REQUEST_CLOSED = 510,
	/** The event is dated before the account's last recorded change. */
	BPACCT_REASON_OUT_OF_ORDER = 511,
	/** The account has not been issued. */
	BPACCT_REASON_NOT_ISSUED = 512,
	/** A request id already used by another requester or for another
	 *  account (E2); the refusal reveals nothing of the first request. */
	BPACCT_REASON_REQUEST_ID_REUSED = 513,
	/** Only an officer executes a cancellation (E5). @since 0.5.0 */
	BPACCT_REASON_ACTOR_NOT_ALLOWED = 514,
	/** The procedure's account names its holder with a valid identity
	 *  document, and none was given (E5). @since 0.5.0 */
	BPACCT_REASON_HOLDER_REQUIRED = 515
} bpacct_reason;

/**
 * The message of a reason code.
 *
 * @param reason a #bpacct_reason.
 * @param lang #BPACCT_LANG_VI or #BPACCT_LANG_EN.
 * @return a static UTF-8 sentence, never NULL; "" for an unknown code or
 *         language.
 * @since 0.2.0
 */
BPACCT_API const char *bpacct_reason_message(int32_t reason, int32_t lang);

/**
 * The stable snake_case name of a reason code, e.g. "not_owner".
 *
 * @param reason a #bpacct_reason.
 * @return a static string, never NULL; "unknown" for an unknown code.
 * @since 0.2.0
 */
BPACCT_API const char *bpacct_reason_name(int32_t reason);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_REASON_H */
