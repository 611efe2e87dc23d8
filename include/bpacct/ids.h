/**
 * @file bpacct/ids.h
 * @brief Vietnamese identifiers: enterprise codes, CMND, CCCD / thẻ căn
 *        cước, passports (domain-reference §7).
 * @defgroup bpacct_ids Identifiers
 * @{
 *
 * Each check answers with #BPACCT_OK and a #bpacct_reason: 0 when the
 * identifier is valid, else the code that says what is wrong.  A status
 * other than #BPACCT_OK means the call itself was wrong (NULL pointers).
 * Pure and thread-safe.
 */
#ifndef BPACCT_IDS_H
#define BPACCT_IDS_H

#include "common.h"

BPACCT_BEGIN_DECL

/** Identity document types. Values are stable. */
typedef enum bpacct_id_type {
	/** Chứng minh nhân dân (9 or 12 digits), valid until 2024-12-31. */
	BPACCT_ID_CMND = 1,
	/** Căn cước công dân / thẻ căn cước (12 digits). */
	BPACCT_ID_CCCD = 2,
	/** Passport (hộ chiếu). */
	BPACCT_ID_PASSPORT = 3
} bpacct_id_type;

/** Result flag of bpacct_identity_check(): a CCCD whose place code is in
 *  001–099 but not in the province table (a country code of a birth
 *  registered abroad); accepted. */
#define BPACCT_ID_UNLISTED_PLACE 0x1u
/** Result flag: a passport that is not of the Vietnamese form (one capital
 *  letter and 7 digits) but is a valid foreign document number. */
#define BPACCT_ID_FOREIGN_PASSPORT 0x2u

/**
 * Checks an enterprise code (mã số doanh nghiệp = tax code): 10 digits
 * whose last is the check digit 10 − (Σ wᵢ·Nᵢ mod 11) with weights 31, 29,
 * 23, 19, 17, 13, 7, 5, 3 (a stem whose sum is 0 mod 11 is never issued and
 * is invalid), optionally followed by `-` and a 3-digit branch number
 * 001–999.
 *
 * @param text the code, not necessarily NUL-terminated.
 * @param len its length.
 * @param[out] out_reason 0, or #BPACCT_REASON_INVALID_ENTERPRISE_CODE.
 * @return #BPACCT_OK, or #BPACCT_EINVAL for NULL pointers.
 * @since 0.2.0
 */
BPACCT_API int bpacct_enterprise_code_check(const char *text, size_t len,
					    int32_t *out_reason);

/**
 * Checks the number of an identity document as received at an instant.
 *
 * - CMND: 9 or 12 digits, and received on or before 2024-12-31 (Vietnam
 *   time); otherwise #BPACCT_REASON_INVALID_CMND or
 *   #BPACCT_REASON_CMND_EXPIRED.
 * - CCCD: 12 digits `PPP G YY RRRRRR`: PPP a province code of the table of
 *   Circular 07/2016 (or 001–099, flagged #BPACCT_ID_UNLISTED_PLACE), G a
 *   century/sex digit, and a birth year (from G and YY) not after the year
 *   of @p received.
 * - Passport: after upper-casing and removing spaces, a Vietnamese number
 *   (`[A-Z][0-9]{7}`) or a foreign one (5 to 9 letters or digits, flagged
 *   #BPACCT_ID_FOREIGN_PASSPORT).
 *
 * @param id_type a #bpacct_id_type.
 * @param text the number, not necessarily NUL-terminated.
 * @param len its length.
 * @param received the instant the document was received.
 * @param[out] out_reason 0 or the #bpacct_reason of the problem.
 * @param[out] out_flags `BPACCT_ID_*` flags; may be NULL.
 * @return #BPACCT_OK, or #BPACCT_EINVAL for NULL pointers.
 * @since 0.2.0
 */
BPACCT_API int bpacct_identity_check(int32_t id_type, const char *text,
				     size_t len, int64_t received,
				     int32_t *out_reason, uint32_t *out_flags);

/**
 * Whether two identity numbers of one type are the same document
 * (passports compare after upper-casing and removing spaces).
 *
 * @param id_type a #bpacct_id_type.
 * @param a the first number (NUL-terminated).
 * @param b the second number (NUL-terminated).
 * @param[out] out_same 1 if they are the same, else 0.
 * @return #BPACCT_OK, or #BPACCT_EINVAL for NULL pointers or an unknown
 *         type.
 * @since 0.2.0
 */
BPACCT_API int bpacct_identity_same(int32_t id_type, const char *a,
				    const char *b, int32_t *out_same);

/**
 * The contract name of a document type: "cmnd", "cccd", "passport".
 *
 * @param id_type a #bpacct_id_type.
 * @return a static string; "unknown" for other values.
 * @since 0.2.0
 */
BPACCT_API const char *bpacct_id_type_name(int32_t id_type);

/**
 * Looks a document type up by its contract name.
 *
 * @param text the name, not necessarily NUL-terminated.
 * @param len its length.
 * @param[out] out the #bpacct_id_type.
 * @return #BPACCT_OK; #BPACCT_EINVAL for NULL pointers; #BPACCT_ENOTFOUND.
 * @since 0.2.0
 */
BPACCT_API int bpacct_id_type_from_name(const char *text, size_t len,
					int32_t *out);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_IDS_H */
