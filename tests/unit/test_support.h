/*
 * Helpers shared by the unit tests, one copy of each.  They are static
 * inline so that a test binary using only some of them builds warning-free
 * (an unused static inline function is not diagnosed).  Every helper
 * asserts that the call it wraps succeeded, so a test reads as the values
 * it expects.
 */
#ifndef BPACCT_TEST_SUPPORT_H
#define BPACCT_TEST_SUPPORT_H

/* cmocka.h needs the first four. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <bpacct/bpacct.h>

/* The day number of the valid civil date y-m-d. */
static inline int32_t tst_day_of(int32_t y, int32_t m, int32_t d)
{
	int32_t out = 0;
	assert_int_equal(bpacct_day_from_date(&out, y, m, d), BPACCT_OK);
	return out;
}

/* The instant of the valid RFC 3339 text s. */
static inline int64_t tst_at(const char *s)
{
	int64_t t = 0;
	assert_int_equal(bpacct_instant_parse(&t, s, strlen(s)), BPACCT_OK);
	return t;
}

/* The instant t formats as want (always at +07:00). */
static inline void tst_instant_is(int64_t t, const char *want)
{
	char buf[BPACCT_INSTANT_BUFSIZE];
	assert_int_equal(bpacct_instant_format(buf, sizeof buf, t), BPACCT_OK);
	assert_string_equal(buf, want);
}

/* The day number day formats as want (YYYY-MM-DD). */
static inline void tst_date_is(int32_t day, const char *want)
{
	char buf[BPACCT_DATE_BUFSIZE];
	assert_int_equal(bpacct_date_format(buf, sizeof buf, day), BPACCT_OK);
	assert_string_equal(buf, want);
}

/*
 * One built-in calendar shared by every test of a group: pass
 * tst_calendar_setup and tst_calendar_teardown to cmocka_run_group_tests.
 * Building it once keeps the binaries fast under Valgrind.
 */
static bpacct_calendar *tst_cal;

static inline int tst_calendar_setup(void **state)
{
	(void)state;
	return bpacct_calendar_new(&tst_cal, NULL) == BPACCT_OK ? 0 : -1;
}

static inline int tst_calendar_teardown(void **state)
{
	(void)state;
	bpacct_calendar_free(tst_cal);
	tst_cal = NULL;
	return 0;
}

/* CRC-32C bit by bit, written apart from the library's table (crc32c.c),
 * so that a test can make a record whose bytes it changed valid again:
 * rules E8 put the check in the last 4 bytes of every stored record. */
static inline uint32_t tst_crc32c(const uint8_t *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = (c & 1u) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}

/* Rewrites the check of a stored record of `len` bytes. */
static inline void tst_reseal(uint8_t *buf, size_t len)
{
	uint32_t c = tst_crc32c(buf, len - 4);

	for (unsigned i = 0; i < 4; i++)
		buf[len - 4 + i] = (uint8_t)(c >> (8u * i));
}

#endif
