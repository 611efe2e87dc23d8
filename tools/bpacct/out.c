/*
 * The tool's writers: messages on stderr, one-line JSON objects and aligned
 * text on stdout.  JSON strings are escaped here and nowhere else, and any
 * byte that is not valid UTF-8 (a host CSV may hold anything) becomes
 * U+FFFD so that every line stays parseable.
 */
#include <stdarg.h>
#include <string.h>

#include "tool.h"

static void vmessage(const tool_args *a, const char *fmt, va_list ap)
{
	fprintf(stderr, "bpacct: %s: ", a->cmd);
	/* The callers va_start() ap; clang-analyzer 14 cannot see it. */
	vfprintf(stderr, fmt, ap); /* NOLINT(clang-analyzer-valist.Uninitialized) */
	fputc('\n', stderr);
}

int tool_usage(const tool_args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(a, fmt, ap);
	va_end(ap);
	return TOOL_EXIT_USAGE;
}

int tool_refuse(const tool_args *a, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(a, fmt, ap);
	va_end(ap);
	return TOOL_EXIT_REFUSED;
}

/* A library failure that no input explains (out of memory, a bug). */
int tool_lib_fail(const tool_args *a, const char *what, int status)
{
	return tool_refuse(a, "%s failed: %s (%s)", what,
			   bpacct_strerror(status), bpacct_error_name(status));
}

int tool_parse_date(const tool_args *a, const char *what, const char *text,
		    int32_t *out)
{
	if (bpacct_date_parse(out, text, strlen(text)) != BPACCT_OK)
		return tool_usage(a, "invalid %s '%s' (expected YYYY-MM-DD)",
				  what, text);
	return TOOL_EXIT_OK;
}

int tool_parse_instant(const tool_args *a, const char *what,
		       const char *text, int64_t *out)
{
	char buf[BPACCT_INSTANT_BUFSIZE];

	if (bpacct_instant_parse(out, text, strlen(text)) != BPACCT_OK)
		return tool_usage(a, "invalid %s '%s' (expected an RFC 3339 "
				  "instant such as 2026-05-01T16:15:00+07:00)",
				  what, text);
	/* An offset can carry a valid text outside years 1..9999 at UTC+7,
	 * which no output could write. */
	if (bpacct_instant_format(buf, sizeof buf, *out) != BPACCT_OK)
		return tool_usage(a, "%s '%s' lies outside the years 1 to 9999 "
				  "at UTC+07:00", what, text);
	return TOOL_EXIT_OK;
}

const char *tool_date(char buf[BPACCT_DATE_BUFSIZE], int32_t day)
{
	if (bpacct_date_format(buf, BPACCT_DATE_BUFSIZE, day) != BPACCT_OK)
		snprintf(buf, BPACCT_DATE_BUFSIZE, "?");
	return buf;
}

const char *tool_instant(char buf[BPACCT_INSTANT_BUFSIZE], int64_t t)
{
	if (bpacct_instant_format(buf, BPACCT_INSTANT_BUFSIZE, t) != BPACCT_OK)
		snprintf(buf, BPACCT_INSTANT_BUFSIZE, "?");
	return buf;
}

static const char *const weekday_vi[8] = {
	"?", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy",
	"Chủ Nhật",
};
static const char *const weekday_en[8] = {
	"?", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
	"Saturday", "Sunday",
};

static int32_t weekday_of(int32_t day)
{
	int32_t wd = 0;

	if (bpacct_day_weekday(day, &wd) != BPACCT_OK || wd < 1 || wd > 7)
		return 0;
	return wd;
}

const char *tool_weekday_vi(int32_t day)
{
	return weekday_vi[weekday_of(day)];
}

const char *tool_weekday_en(int32_t day)
{
	return weekday_en[weekday_of(day)];
}

/* Length of the valid UTF-8 sequence at p, with its code point; 0 if the
 * bytes there are not valid UTF-8 (overlong forms and surrogates
 * included). */
static size_t utf8_next(const unsigned char *p, uint32_t *cp)
{
	size_t n;
	unsigned char min = 0x80, max = 0xBF;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 3;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 4;
	else
		return 0;
	if (p[0] == 0xE0)
		min = 0xA0;
	else if (p[0] == 0xED)
		max = 0x9F;
	else if (p[0] == 0xF0)
		min = 0x90;
	else if (p[0] == 0xF4)
		max = 0x8F;
	if (p[1] < min || p[1] > max)
		return 0;
	*cp = p[0] & (0xFFu >> (n + 1));
	for (size_t i = 1; i < n; i++) {
		if (i > 1 && (p[i] & 0xC0u) != 0x80u)
			return 0;
		*cp = (*cp << 6) | (p[i] & 0x3Fu);
	}
	return n;
}

static void json_escape(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		uint32_t cp;
		size_t n = utf8_next(p, &cp);

		if (n == 0) {
			fputs("\xEF\xBF\xBD", f); /* U+FFFD */
			p++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			fprintf(f, "\\%c", (int)cp);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\r')
			fputs("\\r", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (cp < 0x20 || cp == 0x7F)
			fprintf(f, "\\u%04x", (unsigned)cp);
		else
			fwrite(p, 1, n, f);
		p += n;
	}
	fputc('"', f);
}

/* Writes the separator and the key (none inside an array). */
static void json_key(tool_json *j, const char *key)
{
	if (j->count[j->depth]++ > 0)
		fputc(',', j->f);
	if (key) {
		json_escape(j->f, key);
		fputc(':', j->f);
	}
}

void tool_json_open(tool_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->count[0] = 0;
	fputc('{', f);
}

void tool_json_close(tool_json *j)
{
	while (j->depth > 0)
		tool_json_end(j, '}');
	fputs("}\n", j->f);
}

void tool_json_begin(tool_json *j, const char *key, char bracket)
{
	json_key(j, key);
	fputc(bracket, j->f);
	if (j->depth + 1 < TOOL_JSON_DEPTH)
		j->count[++j->depth] = 0;
}

void tool_json_end(tool_json *j, char bracket)
{
	fputc(bracket, j->f);
	if (j->depth > 0)
		j->depth--;
}

void tool_json_str(tool_json *j, const char *key, const char *value)
{
	json_key(j, key);
	json_escape(j->f, value ? value : "");
}

void tool_json_int(tool_json *j, const char *key, long long value)
{
	json_key(j, key);
	fprintf(j->f, "%lld", value);
}

void tool_json_null(tool_json *j, const char *key)
{
	json_key(j, key);
	fputs("null", j->f);
}

void tool_json_bool(tool_json *j, const char *key, int value)
{
	json_key(j, key);
	fputs(value ? "true" : "false", j->f);
}

/* Characters shown, not bytes: combining marks (U+0300..U+036F) take no
 * column, so names in decomposed form still line up. */
size_t tool_text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;

	while (*p) {
		uint32_t cp = 0xFFFD;
		size_t n = utf8_next(p, &cp);

		if (!(cp >= 0x300 && cp <= 0x36F))
			w++;
		p += n ? n : 1;
	}
	return w;
}

void tool_text_cell(FILE *f, const char *s, size_t width)
{
	size_t w = tool_text_width(s);

	fputs(s, f);
	while (w++ < width)
		fputc(' ', f);
}

/* One "label  value" line of a record; labels are padded to one column. */
void tool_text_field(FILE *f, const char *label, const char *value)
{
	tool_text_cell(f, label, 14);
	fputs(value, f);
	fputc('\n', f);
}
