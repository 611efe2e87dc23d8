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
#include <bpacct/sys/notifier.h>
#include <bpacct/sys/store.h>

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

/* Made for bindings (issue 9): the size and version of every struct a host
 * fills in, as the library knows them, equal what these headers give. */
static void test_struct_size_of_every_host_struct(void **state)
{
	static const struct {
		int32_t kind;
		size_t size;
		uint32_t version;
	} rows[] = {
		{ BPACCT_STRUCT_ALLOCATOR, sizeof(bpacct_allocator),
		  BPACCT_ALLOCATOR_VERSION },
		{ BPACCT_STRUCT_CALENDAR_OPTIONS, sizeof(bpacct_calendar_options),
		  BPACCT_CALENDAR_OPTIONS_VERSION },
		{ BPACCT_STRUCT_SESSIONS, sizeof(bpacct_sessions),
		  BPACCT_SESSIONS_VERSION },
		{ BPACCT_STRUCT_PERIOD_OPTIONS, sizeof(bpacct_period_options),
		  BPACCT_PERIOD_OPTIONS_VERSION },
		{ BPACCT_STRUCT_DEADLINE_OPTIONS, sizeof(bpacct_deadline_options),
		  BPACCT_DEADLINE_OPTIONS_VERSION },
		{ BPACCT_STRUCT_PROFILE, sizeof(bpacct_profile),
		  BPACCT_PROFILE_VERSION },
		{ BPACCT_STRUCT_EVENT, sizeof(bpacct_event), BPACCT_EVENT_VERSION },
		{ BPACCT_STRUCT_ENGINE_OPTIONS, sizeof(bpacct_engine_options),
		  BPACCT_ENGINE_OPTIONS_VERSION },
		{ BPACCT_STRUCT_STORE_OPS, sizeof(bpacct_store_ops),
		  BPACCT_STORE_OPS_VERSION },
		{ BPACCT_STRUCT_NOTIFIER_OPS, sizeof(bpacct_notifier_ops),
		  BPACCT_NOTIFIER_OPS_VERSION },
		{ BPACCT_STRUCT_LUNAR_DATE, sizeof(bpacct_lunar_date), 0 },
	};
	uint32_t size = 0, version = 0;

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_int_equal(bpacct_struct_size(rows[i].kind, &size,
						    &version),
				 BPACCT_OK);
		assert_int_equal(size, rows[i].size);
		assert_int_equal(version, rows[i].version);
		assert_int_equal(bpacct_struct_size(rows[i].kind, &size, NULL),
				 BPACCT_OK);
	}
	assert_int_equal(bpacct_struct_size(0, &size, &version),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_struct_size(12, &size, &version),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_struct_size(BPACCT_STRUCT_EVENT, NULL, NULL),
			 BPACCT_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_struct_size_of_every_host_struct),
		cmocka_unit_test(test_status_values_are_stable),
		cmocka_unit_test(test_every_status_has_a_name_and_a_message),
		cmocka_unit_test(test_version_matches_headers),
		cmocka_unit_test(test_allocator_init_checks_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
