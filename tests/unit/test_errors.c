/*
 * Status codes (convention C19–C21): stable values, a name and a message
 * for each, never NULL; the allocator options follow the version rule.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <bpacct/bpacct.h>

static void test_status_values_are_stable(void **state)
{
	(void)state;
	/* These numbers are ABI: a change here is an incompatible change. */
	assert_int_equal(BPACCT_OK, 0);
	assert_int_equal(BPACCT_EINVAL, -1);
	assert_int_equal(BPACCT_ERANGE, -2);
	assert_int_equal(BPACCT_ENOMEM, -3);
	assert_int_equal(BPACCT_EMISUSE, -4);
	assert_int_equal(BPACCT_EPARSE, -5);
	assert_int_equal(BPACCT_ENOTFOUND, -6);
	assert_int_equal(BPACCT_EBUFSIZE, -7);
	assert_int_equal(BPACCT_ENOTSUP, -8);
	assert_int_equal(BPACCT_EUSER, -9);
	assert_int_equal(BPACCT_ECONFLICT, -10);
	assert_int_equal(BPACCT_ERECURSIVE, -11);
	assert_int_equal(BPACCT_EINVALID_TRANSITION, -12);
}

static void test_every_status_has_a_name_and_a_message(void **state)
{
	(void)state;
	for (int s = 0; s >= BPACCT_EINVALID_TRANSITION; s--) {
		const char *name = bpacct_error_name(s);
		const char *msg = bpacct_strerror(s);
		assert_non_null(name);
		assert_non_null(msg);
		assert_true(strncmp(name, "BPACCT_", 7) == 0);
		assert_string_not_equal(name, "BPACCT_UNKNOWN");
		assert_string_not_equal(msg, "Unknown error");
	}
	assert_string_equal(bpacct_error_name(BPACCT_EPARSE), "BPACCT_EPARSE");
	assert_string_equal(bpacct_strerror(1), "Unknown error");
	assert_string_equal(bpacct_strerror(-999), "Unknown error");
	/* BPACCT_EHOST_MAX and below: the host's own codes. */
	assert_string_equal(bpacct_strerror(BPACCT_EHOST_MAX),
			    "Error code of the host");
	assert_string_equal(bpacct_error_name(-5000), "BPACCT_EHOST");
	assert_string_equal(bpacct_error_name(12345), "BPACCT_UNKNOWN");
}

static void test_version_matches_headers(void **state)
{
	(void)state;
	assert_string_equal(bpacct_version_string(), BPACCT_VERSION_STRING);
	assert_int_equal(bpacct_version_number(), BPACCT_VERSION_NUMBER);
	assert_int_equal(bpacct_soversion(), 1);
	assert_true(BPACCT_VERSION_CHECK(0, 1, 0));
	assert_false(BPACCT_VERSION_CHECK(99, 0, 0));
}

static void test_allocator_init_checks_version(void **state)
{
	(void)state;
	bpacct_allocator a;
	assert_int_equal(bpacct_allocator_init(&a, BPACCT_ALLOCATOR_VERSION), BPACCT_OK);
	assert_int_equal(a.version, BPACCT_ALLOCATOR_VERSION);
	assert_null(a.alloc);
	assert_int_equal(bpacct_allocator_init(&a, 0), BPACCT_EMISUSE);
	assert_int_equal(bpacct_allocator_init(&a, BPACCT_ALLOCATOR_VERSION + 1), BPACCT_EMISUSE);
	assert_int_equal(bpacct_allocator_init(NULL, 1), BPACCT_EMISUSE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status_values_are_stable),
		cmocka_unit_test(test_every_status_has_a_name_and_a_message),
		cmocka_unit_test(test_version_matches_headers),
		cmocka_unit_test(test_allocator_init_checks_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
