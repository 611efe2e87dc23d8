/*
 * Text forms of days and instants: "YYYY-MM-DD" and RFC 3339.  Output is
 * always Vietnam time with "+07:00" and whole seconds (cli.md).
 */
#include "bpacct/civil.h"
#include "bpacct/errors.h"
#include "core/civil_internal.h"

/* Reads exactly n ASCII digits at s; -1 if any is not a digit. */
static int32_t read_digits(const char *s, int n)
{
	int32_t v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static void write_digits(char *s, int32_t v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		s[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* Parses "YYYY-MM-DD" at the start of s (10 bytes available). */
static int parse_date10(const char *s, int32_t *out)
{
	int32_t y = read_digits(s, 4), m = read_digits(s + 5, 2),
		d = read_digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || s[4] != '-' || s[7] != '-')
		return BPACCT_EPARSE;
	if (bpacct_day_from_date(out, y, m, d) != BPACCT_OK)
		return BPACCT_EPARSE;
	return BPACCT_OK;
}

int bpacct_date_parse(int32_t *out, const char *text, size_t len)
{
	if (!out || !text)
		return BPACCT_EINVAL;
	if (len != 10)
		return BPACCT_EPARSE;
	return parse_date10(text, out);
}

int bpacct_date_format(char *buf, size_t size, int32_t day)
{
	int32_t y, m, d;
	if (!buf)
		return BPACCT_EINVAL;
	if (size < BPACCT_DATE_BUFSIZE)
		return BPACCT_EBUFSIZE;
	int rc = bpacct_day_to_date(day, &y, &m, &d);
	if (rc != BPACCT_OK)
		return rc;
	write_digits(buf, y, 4);
	buf[4] = '-';
	write_digits(buf + 5, m, 2);
	buf[7] = '-';
	write_digits(buf + 8, d, 2);
	buf[10] = '\0';
	return BPACCT_OK;
}

/* Parses "HH:MM:SS" into seconds of the day; the hour is 00..23. */
static int parse_time8(const char *s, int32_t *out)
{
	int32_t h = read_digits(s, 2), mi = read_digits(s + 3, 2),
		se = read_digits(s + 6, 2);
	if (h < 0 || mi < 0 || se < 0 || s[2] != ':' || s[5] != ':')
		return BPACCT_EPARSE;
	if (h > 23 || mi > 59 || se > 59)
		return BPACCT_EPARSE;
	*out = h * 3600 + mi * 60 + se;
	return BPACCT_OK;
}

/* Parses the offset at s (Z or ±HH:MM) using exactly n bytes. */
static int parse_offset(const char *s, size_t n, int32_t *out)
{
	if (n == 1 && (s[0] == 'Z' || s[0] == 'z')) {
		*out = 0;
		return BPACCT_OK;
	}
	if (n != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':')
		return BPACCT_EPARSE;
	int32_t h = read_digits(s + 1, 2), m = read_digits(s + 4, 2);
	if (h < 0 || m < 0 || h > 23 || m > 59)
		return BPACCT_EPARSE;
	*out = (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return BPACCT_OK;
}

int bpacct_instant_parse(int64_t *out, const char *text, size_t len)
{
	int32_t day, secs, offset;
	if (!out || !text)
		return BPACCT_EINVAL;
	if (len < 20)
		return BPACCT_EPARSE;
	char sep = text[10];
	if (sep != 'T' && sep != 't' && sep != ' ')
		return BPACCT_EPARSE;
	if (parse_date10(text, &day) != BPACCT_OK ||
	    parse_time8(text + 11, &secs) != BPACCT_OK)
		return BPACCT_EPARSE;
	size_t pos = 19;
	if (text[pos] == '.') {
		size_t start = ++pos;
		while (pos < len && text[pos] >= '0' && text[pos] <= '9')
			pos++;
		if (pos == start)
			return BPACCT_EPARSE;
	}
	if (parse_offset(text + pos, len - pos, &offset) != BPACCT_OK)
		return BPACCT_EPARSE;
	/* The fraction is dropped: truncation towards the past for positive
	 * instants, and the written second for negative ones alike. */
	*out = (int64_t)day * BPACCT__SECONDS_PER_DAY + secs - offset;
	return BPACCT_OK;
}

int bpacct_instant_format(char *buf, size_t size, int64_t instant)
{
	int32_t day, secs;
	if (!buf)
		return BPACCT_EINVAL;
	if (size < BPACCT_INSTANT_BUFSIZE)
		return BPACCT_EBUFSIZE;
	int rc = bpacct_instant_to_day(instant, &day, &secs);
	if (rc != BPACCT_OK)
		return rc;
	rc = bpacct_date_format(buf, size, day);
	if (rc != BPACCT_OK)
		return rc;
	buf[10] = 'T';
	write_digits(buf + 11, secs / 3600, 2);
	buf[13] = ':';
	write_digits(buf + 14, secs / 60 % 60, 2);
	buf[16] = ':';
	write_digits(buf + 17, secs % 60, 2);
	static const char tz[] = "+07:00";
	for (int i = 0; i < 7; i++)
		buf[19 + i] = tz[i];
	return BPACCT_OK;
}
