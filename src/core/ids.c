/*
 * Vietnamese identifiers (domain-reference §7, rule BP-R2): enterprise
 * codes with their check digit, CMND, CCCD / thẻ căn cước and passports.
 * The checks run inside the validation of every request, so they read
 * each byte once, keep no buffer and use ASCII helpers rather than the
 * locale-dependent <ctype.h>.
 */
#include <stddef.h>
#include <string.h>

#include "bpacct/errors.h"
#include "bpacct/ids.h"
#include "bpacct/reason.h"
#include "civil_internal.h"

/* 2025-01-01T00:00:00+07:00: the first instant a CMND is no longer
 * accepted (Law on Identity 2023; domain-reference §8 D10). */
#define CMND_END_INSTANT INT64_C(1735664400)

/* Province codes of Circular 07/2016/TT-BCA (domain-reference §7.1),
 * sorted for binary search. */
static const uint8_t provinces[] = {
	1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25,
	26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48,
	49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75,
	77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
};

/* Weights of the nine stem digits of an enterprise code (§7.2). */
static const uint8_t code_weights[9] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Passport bytes are handled as unsigned char: no implementation-defined
 * narrowing, and bytes >= 0x80 stay above every ASCII letter. */
static unsigned char to_upper(unsigned char c)
{
	return (c >= 'a' && c <= 'z') ? (unsigned char)(c - 0x20u) : c;
}

static int is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static int all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int32_t digits_value(const char *s, size_t len)
{
	int32_t v = 0;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* 10 digits whose last is 10 − (S mod 11); S mod 11 = 0 would need the
 * digit 10, so such a stem is never issued. */
static int stem_valid(const char *s)
{
	int32_t sum = 0;
	if (!all_digits(s, 10))
		return 0;
	for (size_t i = 0; i < 9; i++)
		sum += code_weights[i] * (s[i] - '0');
	int32_t r = sum % 11;
	return r != 0 && s[9] - '0' == 10 - r;
}

int bpacct_enterprise_code_check(const char *text, size_t len,
				 int32_t *out_reason)
{
	if (text == NULL || out_reason == NULL)
		return BPACCT_EINVAL;
	int ok = (len == 10 || len == 14) && stem_valid(text);
	if (ok && len == 14)
		ok = text[10] == '-' && all_digits(text + 11, 3) &&
		     digits_value(text + 11, 3) != 0;
	*out_reason = ok ? BPACCT_REASON_NONE
			 : BPACCT_REASON_INVALID_ENTERPRISE_CODE;
	return BPACCT_OK;
}

static int province_listed(int32_t code)
{
	size_t lo = 0, hi = sizeof provinces;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (provinces[mid] == code)
			return 1;
		if (provinces[mid] < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* The civil year (UTC+7) of an instant, clamped to the civil range so that
 * any int64 is safe. */
static int32_t year_of(int64_t t)
{
	const int64_t lo = bpacct__instant_of_day(BPACCT__DAY_MIN, 0);
	const int64_t hi = bpacct__instant_of_day(BPACCT__DAY_MAX, 0);
	int32_t y, m, d;
	if (t < lo)
		return 1;
	if (t > hi)
		return 9999;
	bpacct__civil_from_days(bpacct__day_of_instant(t), &y, &m, &d);
	return y;
}

static int32_t check_cmnd(const char *s, size_t len, int64_t received)
{
	if ((len != 9 && len != 12) || !all_digits(s, len))
		return BPACCT_REASON_INVALID_CMND;
	if (received >= CMND_END_INSTANT)
		return BPACCT_REASON_CMND_EXPIRED;
	return BPACCT_REASON_NONE;
}

/* `PPP G YY RRRRRR`: G gives the century (0/1 → 1900s, 2/3 → 2000s, …)
 * and YY the year in it; no check digit exists. */
static int32_t check_cccd(const char *s, size_t len, int64_t received,
			  uint32_t *flags)
{
	if (len != 12 || !all_digits(s, len))
		return BPACCT_REASON_INVALID_CCCD;
	int32_t place = digits_value(s, 3);
	if (place == 0 || place > 99)
		return BPACCT_REASON_INVALID_CCCD;
	int32_t born = 1900 + 100 * ((s[3] - '0') / 2) + digits_value(s + 4, 2);
	if (born > year_of(received))
		return BPACCT_REASON_INVALID_CCCD;
	if (!province_listed(place))
		*flags |= BPACCT_ID_UNLISTED_PLACE;
	return BPACCT_REASON_NONE;
}

/* Reads the passport number as upper-cased with the spaces removed:
 * Vietnamese `[A-Z][0-9]{7}`, else foreign `[A-Z0-9]{5,9}`. */
static int32_t check_passport(const char *s, size_t len, uint32_t *flags)
{
	size_t n = 0;
	int vn = 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = to_upper((unsigned char)s[i]);
		if (c == ' ')
			continue;
		if (!is_upper(c) && !is_digit(c))
			return BPACCT_REASON_INVALID_PASSPORT;
		if (n == 0 ? !is_upper(c) : !is_digit(c))
			vn = 0;
		if (++n > 9)
			return BPACCT_REASON_INVALID_PASSPORT;
	}
	if (vn && n == 8)
		return BPACCT_REASON_NONE;
	if (n < 5)
		return BPACCT_REASON_INVALID_PASSPORT;
	*flags |= BPACCT_ID_FOREIGN_PASSPORT;
	return BPACCT_REASON_NONE;
}

int bpacct_identity_check(int32_t id_type, const char *text, size_t len,
			  int64_t received, int32_t *out_reason,
			  uint32_t *out_flags)
{
	uint32_t flags = 0;
	int32_t reason;
	if (text == NULL || out_reason == NULL)
		return BPACCT_EINVAL;
	switch ((bpacct_id_type)id_type) {
	case BPACCT_ID_CMND:
		reason = check_cmnd(text, len, received);
		break;
	case BPACCT_ID_CCCD:
		reason = check_cccd(text, len, received, &flags);
		break;
	case BPACCT_ID_PASSPORT:
		reason = check_passport(text, len, &flags);
		break;
	default:
		reason = BPACCT_REASON_UNKNOWN_ID_TYPE;
		break;
	}
	*out_reason = reason;
	if (out_flags != NULL)
		*out_flags = flags;
	return BPACCT_OK;
}

/* The next byte of a passport number as compared: spaces skipped, letters
 * upper-cased; NUL at the end. */
static unsigned char passport_next(const char **p)
{
	while (**p == ' ')
		(*p)++;
	unsigned char c = to_upper((unsigned char)**p);
	if (c != 0)
		(*p)++;
	return c;
}

static int passports_same(const char *a, const char *b)
{
	for (;;) {
		unsigned char ca = passport_next(&a);
		unsigned char cb = passport_next(&b);
		if (ca != cb)
			return 0;
		if (ca == 0)
			return 1;
	}
}

int bpacct_identity_same(int32_t id_type, const char *a, const char *b,
			 int32_t *out_same)
{
	if (a == NULL || b == NULL || out_same == NULL)
		return BPACCT_EINVAL;
	switch ((bpacct_id_type)id_type) {
	case BPACCT_ID_CMND:
	case BPACCT_ID_CCCD: {
		size_t la = strlen(a);
		*out_same = la == strlen(b) && memcmp(a, b, la) == 0;
		return BPACCT_OK;
	}
	case BPACCT_ID_PASSPORT:
		*out_same = passports_same(a, b);
		return BPACCT_OK;
	}
	return BPACCT_EINVAL;
}

/* Contract names, indexed by bpacct_id_type. */
static const char type_names[4][12] = { "unknown", "cmnd", "cccd",
					"passport" };

const char *bpacct_id_type_name(int32_t id_type)
{
	if (id_type < BPACCT_ID_CMND || id_type > BPACCT_ID_PASSPORT)
		return type_names[0];
	return type_names[id_type];
}

int bpacct_id_type_from_name(const char *text, size_t len, int32_t *out)
{
	if (text == NULL || out == NULL)
		return BPACCT_EINVAL;
	for (int32_t t = BPACCT_ID_CMND; t <= BPACCT_ID_PASSPORT; t++) {
		if (strlen(type_names[t]) == len &&
		    memcmp(type_names[t], text, len) == 0) {
			*out = t;
			return BPACCT_OK;
		}
	}
	return BPACCT_ENOTFOUND;
}
