/*
 * Reason codes (rule E3): stable values and names, and a sentence in
 * Vietnamese and in English for every code.  The codes are listed here
 * literally, so a code added to reason.h without its texts is caught as
 * soon as it is added to this list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <bpacct/bpacct.h>
#include <bpacct/reason.h>

static const int32_t all_codes[] = {
	BPACCT_REASON_NONE,
	BPACCT_REASON_NO_ACCOUNT,
	BPACCT_REASON_NOT_OWNER,
	BPACCT_REASON_ALREADY_CANCELLED,
	BPACCT_REASON_WRONG_PROCEDURE,
	BPACCT_REASON_OUTSIDE_SESSION,
	BPACCT_REASON_CHANNEL_NOT_ALLOWED,
	BPACCT_REASON_MISSING_APPLICATION,
	BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION,
	BPACCT_REASON_MISSING_IDENTITY,
	BPACCT_REASON_MISSING_ENTERPRISE_CODE,
	BPACCT_REASON_INVALID_ENTERPRISE_CODE,
	BPACCT_REASON_ENTERPRISE_CODE_MISMATCH,
	BPACCT_REASON_INVALID_CMND,
	BPACCT_REASON_CMND_EXPIRED,
	BPACCT_REASON_INVALID_CCCD,
	BPACCT_REASON_INVALID_PASSPORT,
	BPACCT_REASON_IDENTITY_MISMATCH,
	BPACCT_REASON_UNKNOWN_ID_TYPE,
	BPACCT_REASON_NA20_MISSING,
	BPACCT_REASON_NA20_ORGANISATION,
	BPACCT_REASON_NA20_ADDRESS,
	BPACCT_REASON_NA20_PHONE,
	BPACCT_REASON_NA20_EMAIL,
	BPACCT_REASON_NA20_ACCOUNT,
	BPACCT_REASON_NA20_REASON,
	BPACCT_REASON_NA20_SIGNER,
	BPACCT_REASON_NA20_SEAL,
	BPACCT_REASON_NA20_ACCOUNT_MISMATCH,
	BPACCT_REASON_ACCOUNT_LOCKED,
	BPACCT_REASON_ACCOUNT_CANCELLED,
	BPACCT_REASON_ALREADY_ISSUED,
	BPACCT_REASON_ALREADY_LOCKED,
	BPACCT_REASON_NOTHING_PENDING,
	BPACCT_REASON_NOT_LOCKED,
	BPACCT_REASON_UNLOCK_NOT_ALLOWED,
	BPACCT_REASON_NOT_IN_PROCEDURE,
	BPACCT_REASON_UNKNOWN_REQUEST,
	BPACCT_REASON_REQUEST_CLOSED,
	BPACCT_REASON_OUT_OF_ORDER,
	BPACCT_REASON_NOT_ISSUED,
	BPACCT_REASON_REQUEST_ID_REUSED,
};

#define NCODES (sizeof all_codes / sizeof all_codes[0])

static void test_reason_values_are_stable(void **state)
{
	(void)state;
	/* These numbers are ABI: a change here is an incompatible change. */
	assert_int_equal(BPACCT_REASON_NONE, 0);
	assert_int_equal(BPACCT_REASON_NO_ACCOUNT, 101);
	assert_int_equal(BPACCT_REASON_NOT_OWNER, 102);
	assert_int_equal(BPACCT_REASON_ALREADY_CANCELLED, 103);
	assert_int_equal(BPACCT_REASON_WRONG_PROCEDURE, 104);
	assert_int_equal(BPACCT_REASON_OUTSIDE_SESSION, 201);
	assert_int_equal(BPACCT_REASON_CHANNEL_NOT_ALLOWED, 202);
	assert_int_equal(BPACCT_REASON_MISSING_APPLICATION, 301);
	assert_int_equal(BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION, 302);
	assert_int_equal(BPACCT_REASON_MISSING_IDENTITY, 303);
	assert_int_equal(BPACCT_REASON_MISSING_ENTERPRISE_CODE, 304);
	assert_int_equal(BPACCT_REASON_INVALID_ENTERPRISE_CODE, 305);
	assert_int_equal(BPACCT_REASON_ENTERPRISE_CODE_MISMATCH, 306);
	assert_int_equal(BPACCT_REASON_INVALID_CMND, 307);
	assert_int_equal(BPACCT_REASON_CMND_EXPIRED, 308);
	assert_int_equal(BPACCT_REASON_INVALID_CCCD, 309);
	assert_int_equal(BPACCT_REASON_INVALID_PASSPORT, 310);
	assert_int_equal(BPACCT_REASON_IDENTITY_MISMATCH, 311);
	assert_int_equal(BPACCT_REASON_UNKNOWN_ID_TYPE, 312);
	assert_int_equal(BPACCT_REASON_NA20_MISSING, 400);
	assert_int_equal(BPACCT_REASON_NA20_ORGANISATION, 401);
	assert_int_equal(BPACCT_REASON_NA20_ADDRESS, 402);
	assert_int_equal(BPACCT_REASON_NA20_PHONE, 403);
	assert_int_equal(BPACCT_REASON_NA20_EMAIL, 404);
	assert_int_equal(BPACCT_REASON_NA20_ACCOUNT, 405);
	assert_int_equal(BPACCT_REASON_NA20_REASON, 406);
	assert_int_equal(BPACCT_REASON_NA20_SIGNER, 407);
	assert_int_equal(BPACCT_REASON_NA20_SEAL, 408);
	assert_int_equal(BPACCT_REASON_NA20_ACCOUNT_MISMATCH, 409);
	assert_int_equal(BPACCT_REASON_ACCOUNT_LOCKED, 501);
	assert_int_equal(BPACCT_REASON_ACCOUNT_CANCELLED, 502);
	assert_int_equal(BPACCT_REASON_ALREADY_ISSUED, 503);
	assert_int_equal(BPACCT_REASON_ALREADY_LOCKED, 504);
	assert_int_equal(BPACCT_REASON_NOTHING_PENDING, 505);
	assert_int_equal(BPACCT_REASON_NOT_LOCKED, 506);
	assert_int_equal(BPACCT_REASON_UNLOCK_NOT_ALLOWED, 507);
	assert_int_equal(BPACCT_REASON_NOT_IN_PROCEDURE, 508);
	assert_int_equal(BPACCT_REASON_UNKNOWN_REQUEST, 509);
	assert_int_equal(BPACCT_REASON_REQUEST_CLOSED, 510);
	assert_int_equal(BPACCT_REASON_OUT_OF_ORDER, 511);
	assert_int_equal(BPACCT_REASON_NOT_ISSUED, 512);
	assert_int_equal(BPACCT_REASON_REQUEST_ID_REUSED, 513);
	assert_int_equal(BPACCT_LANG_VI, 1);
	assert_int_equal(BPACCT_LANG_EN, 2);
}

/* A full sentence: non-empty, starts with a capital (ASCII or a UTF-8
 * lead byte for Đ, Ê, …) and ends with a full stop; a text cut short by
 * its storage would lose the full stop. */
static void assert_sentence(const char *s)
{
	assert_non_null(s);
	size_t n = strlen(s);
	assert_true(n > 5);
	assert_true((s[0] >= 'A' && s[0] <= 'Z') ||
		    (unsigned char)s[0] >= 0xC0);
	assert_int_equal(s[n - 1], '.');
	assert_null(strstr(s, "  "));
}

static void test_e3_every_code_has_a_vietnamese_and_an_english_message(
	void **state)
{
	(void)state;
	for (size_t i = 0; i < NCODES; i++) {
		const char *vi = bpacct_reason_message(all_codes[i],
						       BPACCT_LANG_VI);
		const char *en = bpacct_reason_message(all_codes[i],
						       BPACCT_LANG_EN);
		assert_sentence(vi);
		assert_sentence(en);
		assert_string_not_equal(vi, en);
	}
}

static int has_byte_above_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static void test_e3_vietnamese_messages_carry_diacritics(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCODES; i++) {
		const char *vi = bpacct_reason_message(all_codes[i],
						       BPACCT_LANG_VI);
		const char *en = bpacct_reason_message(all_codes[i],
						       BPACCT_LANG_EN);
		assert_true(has_byte_above_ascii(vi));
		/* "CMND", "CCCD", "NA20", never Vietnamese words */
		assert_false(has_byte_above_ascii(en));
	}
}

static void test_e3_not_owner_message_is_the_agreed_sentence(void **state)
{
	(void)state;
	assert_string_equal(
		bpacct_reason_message(BPACCT_REASON_NOT_OWNER, BPACCT_LANG_VI),
		"Tổ chức đề nghị không phải là cơ quan, doanh nghiệp chủ quản "
		"của tài khoản.");
	assert_string_equal(
		bpacct_reason_message(BPACCT_REASON_NOT_OWNER, BPACCT_LANG_EN),
		"The requester is not the agency or enterprise that owns the "
		"account.");
}

static int is_snake_case(const char *s)
{
	if (!(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (; *s != '\0'; s++) {
		int ok = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			 (*s == '_' && s[1] != '_' && s[1] != '\0');
		if (!ok)
			return 0;
	}
	return 1;
}

static void test_e3_every_code_has_a_unique_snake_case_name(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCODES; i++) {
		const char *name = bpacct_reason_name(all_codes[i]);
		assert_true(is_snake_case(name));
		assert_string_not_equal(name, "unknown");
		for (size_t j = 0; j < i; j++) {
			const char *other = bpacct_reason_name(all_codes[j]);
			assert_string_not_equal(name, other);
		}
	}
}

static void test_e3_names_are_stable(void **state)
{
	(void)state;
	/* The `code` of the tool's JSON (cli.md): a contract. */
	assert_string_equal(bpacct_reason_name(BPACCT_REASON_NONE), "none");
	assert_string_equal(bpacct_reason_name(101), "no_account");
	assert_string_equal(bpacct_reason_name(102), "not_owner");
	assert_string_equal(bpacct_reason_name(103), "already_cancelled");
	assert_string_equal(bpacct_reason_name(104), "wrong_procedure");
	assert_string_equal(bpacct_reason_name(201), "outside_session");
	assert_string_equal(bpacct_reason_name(202), "channel_not_allowed");
	assert_string_equal(bpacct_reason_name(301), "missing_application");
	assert_string_equal(bpacct_reason_name(302),
			    "missing_enterprise_registration");
	assert_string_equal(bpacct_reason_name(305),
			    "invalid_enterprise_code");
	assert_string_equal(bpacct_reason_name(308), "cmnd_expired");
	assert_string_equal(bpacct_reason_name(309), "invalid_cccd");
	assert_string_equal(bpacct_reason_name(400), "na20_missing");
	assert_string_equal(bpacct_reason_name(401), "na20_organisation");
	assert_string_equal(bpacct_reason_name(408), "na20_seal");
	assert_string_equal(bpacct_reason_name(409), "na20_account_mismatch");
	assert_string_equal(bpacct_reason_name(501), "account_locked");
	assert_string_equal(bpacct_reason_name(502), "account_cancelled");
	assert_string_equal(bpacct_reason_name(505), "nothing_pending");
	assert_string_equal(bpacct_reason_name(511), "out_of_order");
	assert_string_equal(bpacct_reason_name(513), "request_id_reused");
}

static void test_e3_unknown_code_or_language_gives_empty_and_unknown(
	void **state)
{
	static const int32_t unknown[] = { -1, 1, 100, 105, 200, 203, 300,
					   313, 399, 410, 500, 516, 600,
					   INT32_MIN, INT32_MAX };
	(void)state;
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		assert_string_equal(bpacct_reason_name(unknown[i]), "unknown");
		assert_string_equal(
			bpacct_reason_message(unknown[i], BPACCT_LANG_VI), "");
		assert_string_equal(
			bpacct_reason_message(unknown[i], BPACCT_LANG_EN), "");
	}
	assert_string_equal(bpacct_reason_message(BPACCT_REASON_NOT_OWNER, 0),
			    "");
	assert_string_equal(bpacct_reason_message(BPACCT_REASON_NOT_OWNER, 3),
			    "");
	assert_string_equal(
		bpacct_reason_message(BPACCT_REASON_NOT_OWNER, -1), "");
}

static void test_e3_cmnd_expired_names_the_last_valid_day(void **state)
{
	(void)state;
	/* D10: the date people need to read is in both sentences. */
	assert_non_null(strstr(bpacct_reason_message(BPACCT_REASON_CMND_EXPIRED,
						     BPACCT_LANG_VI),
			       "31/12/2024"));
	assert_non_null(strstr(bpacct_reason_message(BPACCT_REASON_CMND_EXPIRED,
						     BPACCT_LANG_EN),
			       "31 December 2024"));
	assert_non_null(strstr(bpacct_reason_message(BPACCT_REASON_NA20_SEAL,
						     BPACCT_LANG_VI),
			       "NA20"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reason_values_are_stable),
		cmocka_unit_test(
			test_e3_every_code_has_a_vietnamese_and_an_english_message),
		cmocka_unit_test(test_e3_vietnamese_messages_carry_diacritics),
		cmocka_unit_test(
			test_e3_not_owner_message_is_the_agreed_sentence),
		cmocka_unit_test(
			test_e3_every_code_has_a_unique_snake_case_name),
		cmocka_unit_test(test_e3_names_are_stable),
		cmocka_unit_test(
			test_e3_unknown_code_or_language_gives_empty_and_unknown),
		cmocka_unit_test(test_e3_cmnd_expired_names_the_last_valid_day),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
