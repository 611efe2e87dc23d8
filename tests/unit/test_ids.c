/*
 * Identifiers of rule BP-R2: enterprise codes (domain-reference §7.2), CMND,
 * CCCD / thẻ căn cước and passports (§7.1), the CMND cut-off (§8 D10).
 * Expected values are literals worked out by hand from the spec.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <bpacct/bpacct.h>
#include <bpacct/ids.h>
#include <bpacct/reason.h>

/* Instants (Unix seconds) of Vietnam civil times (UTC+07:00). */
#define T_2020_06_01_0800 INT64_C(1590973200)
#define T_2024_12_31_235959 INT64_C(1735664399) /* last second of CMND */
#define T_2025_01_01_0000 INT64_C(1735664400)   /* first without CMND */
#define T_2025_12_31_235959 INT64_C(1767200399)
#define T_2026_01_01_0030 INT64_C(1767202200)   /* 2025-12-31 in UTC */
#define T_2026_03_15_0900 INT64_C(1773540000)

static int32_t code_reason(const char *s)
{
	int32_t r = -1;
	assert_int_equal(bpacct_enterprise_code_check(s, strlen(s), &r),
			 BPACCT_OK);
	return r;
}

static int32_t id_reason(int32_t type, const char *s, int64_t received,
			 uint32_t *flags)
{
	int32_t r = -1;
	uint32_t f = 0xFFu;
	assert_int_equal(bpacct_identity_check(type, s, strlen(s), received,
					       &r, &f),
			 BPACCT_OK);
	if (flags != NULL)
		*flags = f;
	return r;
}

static int32_t same(int32_t type, const char *a, const char *b)
{
	int32_t out = -1;
	assert_int_equal(bpacct_identity_same(type, a, b, &out), BPACCT_OK);
	return out;
}

/* Every code of `bad` is an invalid enterprise code. */
static void expect_codes_invalid(const char *const *bad, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(code_reason(bad[i]),
				 BPACCT_REASON_INVALID_ENTERPRISE_CODE);
}

/* `s`, a document of `type` received at `received`, is valid and carries
 * exactly `flags`. */
static void expect_id_valid(int32_t type, const char *s, int64_t received,
			    uint32_t flags)
{
	uint32_t f;
	assert_int_equal(id_reason(type, s, received, &f), BPACCT_REASON_NONE);
	assert_int_equal(f, flags);
}

/* `s`, a document of `type` received at `received`, gives `reason`. */
static void expect_id_reason(int32_t type, const char *s, int64_t received,
			     int32_t reason)
{
	assert_int_equal(id_reason(type, s, received, NULL), reason);
}

/* Every number of `ids` of `type` received at `received` gives `reason`. */
static void expect_ids_reason(int32_t type, const char *const *ids, size_t n,
			      int64_t received, int32_t reason)
{
	for (size_t i = 0; i < n; i++)
		assert_int_equal(id_reason(type, ids[i], received, NULL),
				 reason);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void test_ids_values_are_stable(void **state)
{
	(void)state;
	assert_int_equal(BPACCT_ID_CMND, 1);
	assert_int_equal(BPACCT_ID_CCCD, 2);
	assert_int_equal(BPACCT_ID_PASSPORT, 3);
	assert_int_equal(BPACCT_ID_UNLISTED_PLACE, 0x1u);
	assert_int_equal(BPACCT_ID_FOREIGN_PASSPORT, 0x2u);
}

/* ---- §7.2 enterprise codes ----------------------------------------------- */

static void test_bp_r2_s7_2_worked_example_0100109106_is_valid(void **state)
{
	(void)state;
	/* S = 29·1 + 17·1 + 7·9 + 5·1 = 114; 114 mod 11 = 4; 10 − 4 = 6. */
	assert_int_equal(code_reason("0100109106"), BPACCT_REASON_NONE);
	/* 0300588569: S = 29·3 + 17·5 + 13·8 + 7·8 + 5·5 + 3·6
	 *            = 87 + 85 + 104 + 56 + 25 + 18 = 375; 375 = 34·11 + 1;
	 *            10 − 1 = 9. */
	assert_int_equal(code_reason("0300588569"), BPACCT_REASON_NONE);
	/* Not NUL-terminated: only `len` bytes are read. */
	int32_t r = -1;
	assert_int_equal(bpacct_enterprise_code_check("0100109106XYZ", 10, &r),
			 BPACCT_OK);
	assert_int_equal(r, BPACCT_REASON_NONE);
}

static void test_bp_r2_s7_2_wrong_check_digit_is_invalid(void **state)
{
	(void)state;
	char code[] = "0100109106";
	for (int d = 0; d <= 9; d++) {
		code[9] = (char)('0' + d);
		int32_t want = d == 6 ? BPACCT_REASON_NONE
				      : BPACCT_REASON_INVALID_ENTERPRISE_CODE;
		assert_int_equal(code_reason(code), want);
	}
	/* A changed stem digit breaks the check. */
	assert_int_equal(code_reason("0100109116"),
			 BPACCT_REASON_INVALID_ENTERPRISE_CODE);
}

static void test_bp_r2_s7_2_remainder_10_gives_check_digit_0(void **state)
{
	(void)state;
	/* 001000003: S = 23·1 + 3·3 = 32; 32 mod 11 = 10; 10 − 10 = 0. */
	assert_int_equal(code_reason("0010000030"), BPACCT_REASON_NONE);
	assert_int_equal(code_reason("0010000031"),
			 BPACCT_REASON_INVALID_ENTERPRISE_CODE);
}

static void test_bp_r2_s7_2_stem_with_sum_0_mod_11_is_invalid(void **state)
{
	(void)state;
	/* 100000070: S = 31·1 + 5·7 = 66 = 6·11, so S mod 11 = 0 and the
	 * check digit would be 10 − 0 = 10: no last digit makes it valid. */
	char code[] = "1000000700";
	for (int d = 0; d <= 9; d++) {
		code[9] = (char)('0' + d);
		assert_int_equal(code_reason(code),
				 BPACCT_REASON_INVALID_ENTERPRISE_CODE);
	}
	/* 000000000: S = 0. */
	assert_int_equal(code_reason("0000000000"),
			 BPACCT_REASON_INVALID_ENTERPRISE_CODE);
}

static void test_bp_r2_s7_2_branch_001_to_999_is_valid(void **state)
{
	(void)state;
	assert_int_equal(code_reason("0100109106-001"), BPACCT_REASON_NONE);
	assert_int_equal(code_reason("0100109106-010"), BPACCT_REASON_NONE);
	assert_int_equal(code_reason("0100109106-999"), BPACCT_REASON_NONE);
}

static void test_bp_r2_s7_2_branch_000_or_malformed_is_invalid(void **state)
{
	static const char *const bad[] = {
		"0100109106-000",  /* branch 000 is never issued */
		"0100109107-001",  /* the stem must be valid itself */
		"1000000700-001",  /* stem with S mod 11 = 0 */
		"0100109106_001", "0100109106 001", "0100109106001",
		"0100109106-01",   "0100109106-0011", "0100109106-00a",
		"0100109106-",     "0100109106--01",
	};
	(void)state;
	expect_codes_invalid(bad, COUNT(bad));
}

static void test_bp_r2_s7_2_wrong_length_or_characters_is_invalid(
	void **state)
{
	static const char *const bad[] = {
		"", "0", "010010910", "01001091060", "010010910600",
		"01001O9106", /* letter O for a zero */
		" 0100109106", "0100109106 ", "0100 109106", "-100109106",
		"+100109106", "０100109106",
	};
	(void)state;
	expect_codes_invalid(bad, COUNT(bad));
}

/* ---- §7.1 CCCD / thẻ căn cước -------------------------------------------- */

static void test_bp_r2_s7_1_cccd_with_tabled_province_is_valid(void **state)
{
	(void)state;
	/* 001 Hà Nội, G = 0 (1900s, male), YY = 90: born 1990. */
	expect_id_valid(BPACCT_ID_CCCD, "001090012345", T_2026_03_15_0900, 0u);
	/* 079 Hồ Chí Minh, G = 2 (2000s, male), YY = 03: born 2003. */
	expect_id_valid(BPACCT_ID_CCCD, "079203000123", T_2026_03_15_0900, 0u);
	/* 096 Cà Mau, G = 1 (1900s, female), YY = 99: born 1999. */
	expect_id_valid(BPACCT_ID_CCCD, "096199654321", T_2026_03_15_0900, 0u);
	/* out_flags may be NULL. */
	int32_t r = -1;
	assert_int_equal(bpacct_identity_check(BPACCT_ID_CCCD, "001090012345",
					       12, T_2026_03_15_0900, &r,
					       NULL),
			 BPACCT_OK);
	assert_int_equal(r, BPACCT_REASON_NONE);
}

/* The 63 codes of Circular 07/2016 as listed in §7.1. */
static const int tabled[] = {
	1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25,
	26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48,
	49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75,
	77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
};

static int is_tabled(int p)
{
	for (size_t i = 0; i < sizeof tabled / sizeof tabled[0]; i++)
		if (tabled[i] == p)
			return 1;
	return 0;
}

static void test_bp_r2_s7_1_unlisted_place_001_to_099_is_flagged(
	void **state)
{
	char num[] = "000090012345";
	(void)state;
	assert_int_equal(sizeof tabled / sizeof tabled[0], 63);
	for (int p = 1; p <= 99; p++) {
		num[1] = (char)('0' + p / 10);
		num[2] = (char)('0' + p % 10);
		expect_id_valid(BPACCT_ID_CCCD, num, T_2026_03_15_0900,
				is_tabled(p) ? 0u : BPACCT_ID_UNLISTED_PLACE);
	}
	/* e.g. 003, 097: accepted, flagged */
	expect_id_valid(BPACCT_ID_CCCD, "003090012345", T_2026_03_15_0900,
			BPACCT_ID_UNLISTED_PLACE);
}

static void test_bp_r2_s7_1_cccd_place_000_or_100_up_is_invalid(void **state)
{
	static const char *const bad[] = { "000090012345", "100090012345",
					   "101090012345", "500090012345",
					   "999090012345" };
	(void)state;
	expect_ids_reason(BPACCT_ID_CCCD, bad, COUNT(bad), T_2026_03_15_0900,
			  BPACCT_REASON_INVALID_CCCD);
}

static void test_bp_r2_s7_1_cccd_birth_after_received_year_is_invalid(
	void **state)
{
	(void)state;
	/* G = 2, YY = 26: born 2026, received in 2026: valid. */
	expect_id_reason(BPACCT_ID_CCCD, "001226123456", T_2026_03_15_0900,
			 BPACCT_REASON_NONE);
	/* G = 3, YY = 27: born 2027, after 2026. */
	expect_id_reason(BPACCT_ID_CCCD, "001327123456", T_2026_03_15_0900,
			 BPACCT_REASON_INVALID_CCCD);
	/* G = 4, YY = 00: born 2100; G = 9, YY = 99: born 2399. */
	expect_id_reason(BPACCT_ID_CCCD, "001400123456", T_2026_03_15_0900,
			 BPACCT_REASON_INVALID_CCCD);
	expect_id_reason(BPACCT_ID_CCCD, "001999123456", T_2026_03_15_0900,
			 BPACCT_REASON_INVALID_CCCD);
	/* G = 0, YY = 00: born 1900: valid. */
	expect_id_reason(BPACCT_ID_CCCD, "001000123456", T_2026_03_15_0900,
			 BPACCT_REASON_NONE);
}

static void test_t1_cccd_year_of_receipt_is_vietnam_time(void **state)
{
	(void)state;
	/* 2026-01-01T00:30+07:00 is still 2025 in UTC: born 2026 is valid. */
	expect_id_reason(BPACCT_ID_CCCD, "001226123456", T_2026_01_01_0030,
			 BPACCT_REASON_NONE);
	expect_id_reason(BPACCT_ID_CCCD, "001226123456", T_2025_12_31_235959,
			 BPACCT_REASON_INVALID_CCCD);
	/* Extreme instants do not overflow. */
	expect_id_reason(BPACCT_ID_CCCD, "001090012345", INT64_MAX,
			 BPACCT_REASON_NONE);
	expect_id_reason(BPACCT_ID_CCCD, "001090012345", INT64_MIN,
			 BPACCT_REASON_INVALID_CCCD);
}

static void test_bp_r2_s7_1_cccd_wrong_length_or_non_digit_is_invalid(
	void **state)
{
	static const char *const bad[] = {
		"", "00109001234", "0010900123456", "00109001234a",
		" 00109001234", "001 090 012345", "001-090-012345",
		"O01090012345",
	};
	(void)state;
	expect_ids_reason(BPACCT_ID_CCCD, bad, COUNT(bad), T_2026_03_15_0900,
			  BPACCT_REASON_INVALID_CCCD);
}

/* ---- §7.1 CMND and §8 D10 ------------------------------------------------ */

static void test_d10_cmnd_9_or_12_digits_valid_until_2024_12_31(void **state)
{
	(void)state;
	expect_id_valid(BPACCT_ID_CMND, "012345678", T_2024_12_31_235959, 0u);
	expect_id_valid(BPACCT_ID_CMND, "001090012345", T_2024_12_31_235959,
			0u);
	expect_id_reason(BPACCT_ID_CMND, "272000123", T_2020_06_01_0800,
			 BPACCT_REASON_NONE);
}

static void test_d10_cmnd_received_2025_01_01_is_expired(void **state)
{
	(void)state;
	expect_id_reason(BPACCT_ID_CMND, "012345678", T_2025_01_01_0000,
			 BPACCT_REASON_CMND_EXPIRED);
	expect_id_reason(BPACCT_ID_CMND, "001090012345", T_2025_01_01_0000,
			 BPACCT_REASON_CMND_EXPIRED);
	expect_id_reason(BPACCT_ID_CMND, "012345678", T_2026_03_15_0900,
			 BPACCT_REASON_CMND_EXPIRED);
}

static void test_bp_r2_s7_1_cmnd_other_lengths_are_invalid(void **state)
{
	static const char *const bad[] = {
		"", "01234567", "0123456789", "01234567890",
		"0123456789012", "01234567a", "012 345 678", "00109001234x",
	};
	(void)state;
	expect_ids_reason(BPACCT_ID_CMND, bad, COUNT(bad), T_2020_06_01_0800,
			  BPACCT_REASON_INVALID_CMND);
}

/* ---- §7.1 passports ------------------------------------------------------ */

static void test_bp_r2_s7_1_vietnamese_passport_is_valid(void **state)
{
	static const char *const good[] = {
		"B1234567", "C1234567", "N1234567", "E0000001",
		"b1234567", " C 123 4567 ", "c1234567",
	};
	(void)state;
	for (size_t i = 0; i < COUNT(good); i++)
		expect_id_valid(BPACCT_ID_PASSPORT, good[i], T_2026_03_15_0900,
				0u);
}

static void test_bp_r2_s7_1_foreign_passport_5_to_9_is_flagged(void **state)
{
	static const char *const good[] = {
		"12345", "AB123", "L898902C3", "123456789", "B123456",
		"x1234567y", "AB 12 34 56", "BB1234567",
	};
	(void)state;
	for (size_t i = 0; i < COUNT(good); i++)
		expect_id_valid(BPACCT_ID_PASSPORT, good[i], T_2026_03_15_0900,
				BPACCT_ID_FOREIGN_PASSPORT);
}

static void test_bp_r2_s7_1_passport_too_short_long_or_bad_is_invalid(
	void **state)
{
	static const char *const bad[] = {
		"", "    ", "B123", "1234", "B12345678X", "1234567890",
		"B123-4567", "B1234567\xC3\xA9", "B1234567.", "B12\t34567",
	};
	(void)state;
	expect_ids_reason(BPACCT_ID_PASSPORT, bad, COUNT(bad),
			  T_2026_03_15_0900, BPACCT_REASON_INVALID_PASSPORT);
}

static void test_bp_r2_unknown_document_type_is_a_reason(void **state)
{
	(void)state;
	assert_int_equal(id_reason(0, "B1234567", T_2026_03_15_0900, NULL),
			 BPACCT_REASON_UNKNOWN_ID_TYPE);
	assert_int_equal(id_reason(4, "B1234567", T_2026_03_15_0900, NULL),
			 BPACCT_REASON_UNKNOWN_ID_TYPE);
}

/* ---- identity_same ------------------------------------------------------- */

static void test_bp_r2_same_passport_ignores_case_and_spaces(void **state)
{
	(void)state;
	assert_int_equal(same(BPACCT_ID_PASSPORT, "B1234567", "b 1234567"), 1);
	assert_int_equal(same(BPACCT_ID_PASSPORT, " c123 4567 ", "C1234567"),
			 1);
	assert_int_equal(same(BPACCT_ID_PASSPORT, "B1234567", "B1234568"), 0);
	assert_int_equal(same(BPACCT_ID_PASSPORT, "B1234567", "B12345678"),
			 0);
	assert_int_equal(same(BPACCT_ID_PASSPORT, "B12345678", "B1234567"),
			 0);
	assert_int_equal(same(BPACCT_ID_PASSPORT, "B1234567", "C1234567"), 0);
}

static void test_bp_r2_same_cmnd_cccd_compare_exactly(void **state)
{
	(void)state;
	assert_int_equal(same(BPACCT_ID_CCCD, "001090012345", "001090012345"),
			 1);
	assert_int_equal(same(BPACCT_ID_CCCD, "001090012345", "001090012346"),
			 0);
	assert_int_equal(same(BPACCT_ID_CMND, "012345678", "012345678"), 1);
	assert_int_equal(same(BPACCT_ID_CMND, "012345678", "0123456789"), 0);
	assert_int_equal(same(BPACCT_ID_CMND, "012345678", "01234567"), 0);
}

static void test_bp_r2_same_with_unknown_type_is_einval(void **state)
{
	int32_t out = 7;
	(void)state;
	assert_int_equal(bpacct_identity_same(0, "B1234567", "B1234567", &out),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_identity_same(4, "B1234567", "B1234567", &out),
			 BPACCT_EINVAL);
	assert_int_equal(out, 7);
}

/* ---- names --------------------------------------------------------------- */

static void test_id_type_names_round_trip(void **state)
{
	static const char *const names[] = { "cmnd", "cccd", "passport" };
	(void)state;
	assert_string_equal(bpacct_id_type_name(BPACCT_ID_CMND), "cmnd");
	assert_string_equal(bpacct_id_type_name(BPACCT_ID_CCCD), "cccd");
	assert_string_equal(bpacct_id_type_name(BPACCT_ID_PASSPORT),
			    "passport");
	assert_string_equal(bpacct_id_type_name(0), "unknown");
	assert_string_equal(bpacct_id_type_name(4), "unknown");
	assert_string_equal(bpacct_id_type_name(-1), "unknown");
	assert_string_equal(bpacct_id_type_name(INT32_MAX), "unknown");
	for (int32_t t = 1; t <= 3; t++) {
		int32_t out = -1;
		const char *n = names[t - 1];
		assert_int_equal(bpacct_id_type_from_name(n, strlen(n), &out),
				 BPACCT_OK);
		assert_int_equal(out, t);
		assert_string_equal(bpacct_id_type_name(out), n);
	}
	int32_t out = -1;
	assert_int_equal(bpacct_id_type_from_name("cccd!", 4, &out),
			 BPACCT_OK);
	assert_int_equal(out, BPACCT_ID_CCCD);
}

static void test_id_type_unknown_name_is_not_found(void **state)
{
	static const char *const bad[] = { "", "CMND", "cmn", "cmndx",
					   "pass", "unknown", "Passport" };
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int32_t out = 42;
		assert_int_equal(bpacct_id_type_from_name(bad[i],
							  strlen(bad[i]), &out),
				 BPACCT_ENOTFOUND);
		assert_int_equal(out, 42);
	}
}

/* ---- arguments ----------------------------------------------------------- */

static void test_null_pointers_are_einval_and_leave_outputs(void **state)
{
	int32_t r = 42;
	uint32_t f = 42u;
	(void)state;
	assert_int_equal(bpacct_enterprise_code_check(NULL, 0, &r),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_enterprise_code_check("0100109106", 10, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_identity_check(BPACCT_ID_CCCD, NULL, 0,
					       T_2026_03_15_0900, &r, &f),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_identity_check(BPACCT_ID_CCCD, "001090012345",
					       12, T_2026_03_15_0900, NULL,
					       &f),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_identity_same(BPACCT_ID_CCCD, NULL, "1", &r),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_identity_same(BPACCT_ID_CCCD, "1", NULL, &r),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_identity_same(BPACCT_ID_CCCD, "1", "1", NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_id_type_from_name(NULL, 0, &r),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_id_type_from_name("cmnd", 4, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(r, 42);
	assert_int_equal(f, 42u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_values_are_stable),
		cmocka_unit_test(
			test_bp_r2_s7_2_worked_example_0100109106_is_valid),
		cmocka_unit_test(test_bp_r2_s7_2_wrong_check_digit_is_invalid),
		cmocka_unit_test(
			test_bp_r2_s7_2_remainder_10_gives_check_digit_0),
		cmocka_unit_test(
			test_bp_r2_s7_2_stem_with_sum_0_mod_11_is_invalid),
		cmocka_unit_test(test_bp_r2_s7_2_branch_001_to_999_is_valid),
		cmocka_unit_test(
			test_bp_r2_s7_2_branch_000_or_malformed_is_invalid),
		cmocka_unit_test(
			test_bp_r2_s7_2_wrong_length_or_characters_is_invalid),
		cmocka_unit_test(
			test_bp_r2_s7_1_cccd_with_tabled_province_is_valid),
		cmocka_unit_test(
			test_bp_r2_s7_1_unlisted_place_001_to_099_is_flagged),
		cmocka_unit_test(
			test_bp_r2_s7_1_cccd_place_000_or_100_up_is_invalid),
		cmocka_unit_test(
			test_bp_r2_s7_1_cccd_birth_after_received_year_is_invalid),
		cmocka_unit_test(test_t1_cccd_year_of_receipt_is_vietnam_time),
		cmocka_unit_test(
			test_bp_r2_s7_1_cccd_wrong_length_or_non_digit_is_invalid),
		cmocka_unit_test(
			test_d10_cmnd_9_or_12_digits_valid_until_2024_12_31),
		cmocka_unit_test(test_d10_cmnd_received_2025_01_01_is_expired),
		cmocka_unit_test(test_bp_r2_s7_1_cmnd_other_lengths_are_invalid),
		cmocka_unit_test(test_bp_r2_s7_1_vietnamese_passport_is_valid),
		cmocka_unit_test(
			test_bp_r2_s7_1_foreign_passport_5_to_9_is_flagged),
		cmocka_unit_test(
			test_bp_r2_s7_1_passport_too_short_long_or_bad_is_invalid),
		cmocka_unit_test(test_bp_r2_unknown_document_type_is_a_reason),
		cmocka_unit_test(
			test_bp_r2_same_passport_ignores_case_and_spaces),
		cmocka_unit_test(test_bp_r2_same_cmnd_cccd_compare_exactly),
		cmocka_unit_test(test_bp_r2_same_with_unknown_type_is_einval),
		cmocka_unit_test(test_id_type_names_round_trip),
		cmocka_unit_test(test_id_type_unknown_name_is_not_found),
		cmocka_unit_test(
			test_null_pointers_are_einval_and_leave_outputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
