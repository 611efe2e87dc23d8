/*
 * Host days from CSV text (rule C4; the format of `bpacct --calendar
 * FILE`): `date,kind,name` per line.
 *
 * Accepted: an optional UTF-8 byte-order mark; LF or CRLF line ends; blank
 * lines and lines whose first non-blank character is `#`; a header line
 * `date,kind,name` (any case) as the first line that is neither; blanks
 * around fields; a field in double quotes with "" for a quote (a quoted
 * field cannot span lines); the name may be missing or empty.  The name
 * must be valid UTF-8 without control characters, at most 127 bytes once
 * unquoted.
 *
 * Refused (rule E7), naming the line: a `working` line on a statutory
 * holiday (bpacct__calendar_statutory(), rule C1), and one date on two
 * lines with different kinds (the later line; the same kind twice is
 * accepted and the later name stands).
 *
 * The text is parsed whole twice: the first pass validates every line and
 * counts the days without allocating, so that an error names its line and
 * changes nothing; the second copies the names, and the days sorted by
 * date show the conflicts.  Only when every allocation has succeeded and
 * no two lines conflict are the days applied (all-or-nothing).
 */
#include <stdlib.h>
#include <string.h>

#include "bpacct/calendar.h"
#include "bpacct/civil.h"
#include "bpacct/errors.h"
#include "calendar/calendar_object.h"

#define FIELDS_MAX 3

typedef struct span {
	const char *p;
	size_t len;
} span;

/* One parsed line; name holds the unquoted name. */
typedef struct line_fields {
	span f[FIELDS_MAX];
	uint32_t n;
	char name[BPACCT__CAL_NAME_MAX];
	size_t name_len;
} line_fields;

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static span trim(span s)
{
	while (s.len && is_blank(s.p[0])) {
		s.p++;
		s.len--;
	}
	while (s.len && is_blank(s.p[s.len - 1]))
		s.len--;
	return s;
}

/* Unquotes field s into out (at most cap bytes); returns its length or -1
 * for a bad quote or an overlong field. */
static long unquote(span s, char *out, size_t cap)
{
	size_t n = 0, i;
	if (!s.len || s.p[0] != '"') {
		if (s.len > cap)
			return -1;
		memcpy(out, s.p, s.len);
		return (long)s.len;
	}
	for (i = 1; i < s.len; i++) {
		if (s.p[i] == '"') {
			if (i + 1 < s.len && s.p[i + 1] == '"')
				i++;
			else
				break;
		}
		if (n >= cap)
			return -1;
		out[n++] = s.p[i];
	}
	/* The closing quote must end the (trimmed) field. */
	return i == s.len - 1 ? (long)n : -1;
}

/* Splits a line at commas outside quotes; fields come out trimmed. */
static int split(span line, line_fields *lf)
{
	size_t i = 0, start = 0;
	int quoted = 0;
	lf->n = 0;
	for (;; i++) {
		if (i < line.len && line.p[i] == '"')
			quoted = !quoted;
		if (i < line.len && (quoted || line.p[i] != ','))
			continue;
		if (quoted || lf->n == FIELDS_MAX)
			return BPACCT_EPARSE;
		lf->f[lf->n].p = line.p + start;
		lf->f[lf->n].len = i - start;
		lf->f[lf->n] = trim(lf->f[lf->n]);
		lf->n++;
		if (i >= line.len)
			return BPACCT_OK;
		start = i + 1;
	}
}

static int valid_utf8_text(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char b = s[i];
		size_t need;
		uint32_t cp;
		if (b < 0x80) {
			if (b < 0x20 || b == 0x7f)
				return 0;
			i++;
			continue;
		}
		if (b >= 0xc2 && b <= 0xdf) {
			need = 1;
			cp = b & 0x1fu;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			cp = b & 0x0fu;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			cp = b & 0x07u;
		} else {
			return 0;
		}
		if (len - i <= need)
			return 0;
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0u) != 0x80u)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3fu);
		}
		/* Overlong forms, surrogates, beyond U+10FFFF. */
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return 0;
		i += need + 1;
	}
	return 1;
}

static int span_is(span s, const char *word)
{
	size_t n = strlen(word);
	if (s.len != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s.p[i];
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch != word[i])
			return 0;
	}
	return 1;
}

static int is_header(const line_fields *lf)
{
	return lf->n == 3 && span_is(lf->f[0], "date") &&
	       span_is(lf->f[1], "kind") && span_is(lf->f[2], "name");
}

static int parse_kind(span s, int32_t *out)
{
	static const struct {
		char name[16];
		int32_t kind;
	} kinds[] = {
		{ "holiday", BPACCT_DAY_HOLIDAY },
		{ "compensatory", BPACCT_DAY_COMPENSATORY },
		{ "swap_off", BPACCT_DAY_SWAP_OFF },
		{ "working", BPACCT_DAY_MAKEUP },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i].name);
		if (s.len == n && memcmp(s.p, kinds[i].name, n) == 0) {
			*out = kinds[i].kind;
			return BPACCT_OK;
		}
	}
	return BPACCT_EPARSE;
}

/* Parses one data line into h (without copying the name). */
static int parse_line(const bpacct_calendar *c, line_fields *lf,
		      bpacct__host_day *h)
{
	char buf[16];
	long n;
	if (lf->n < 2)
		return BPACCT_EPARSE;
	n = unquote(lf->f[0], buf, sizeof buf);
	if (n < 0 || bpacct_date_parse(&h->day, buf, (size_t)n) != BPACCT_OK)
		return BPACCT_EPARSE;
	n = unquote(lf->f[1], buf, sizeof buf);
	if (n < 0 || parse_kind((span){ buf, (size_t)n }, &h->kind))
		return BPACCT_EPARSE;
	lf->name_len = 0;
	if (lf->n == 3) {
		const unsigned char *text = (const unsigned char *)lf->name;
		n = unquote(lf->f[2], lf->name, sizeof lf->name - 1);
		if (n < 0 || !valid_utf8_text(text, (size_t)n))
			return BPACCT_EPARSE;
		lf->name_len = (size_t)n;
	}
	if (h->day < c->first_day || h->day > c->last_day)
		return BPACCT_ERANGE;
	/* Rule E7: no host line makes a statutory holiday a working day. */
	if (h->kind == BPACCT_DAY_MAKEUP && bpacct__calendar_statutory(c, h->day))
		return BPACCT_EINVAL;
	return BPACCT_OK;
}

/*
 * One pass over the text.  With days NULL it validates and counts; else
 * it also fills days[] and copies names (may fail with ENOMEM, leaving
 * the names copied so far in days[0 .. *count)).
 */
static int scan(const bpacct_calendar *c, const char *text, size_t len,
		bpacct__host_day *days, uint32_t *count, int32_t *err_line)
{
	size_t pos = 0;
	int32_t lineno = 0;
	int seen_data = 0;
	line_fields lf;
	*count = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		span line = { text + pos, nl ? (size_t)(nl - text) - pos
					     : len - pos };
		bpacct__host_day h;
		int rc;
		pos += line.len + 1;
		lineno++;
		*err_line = lineno;
		if (line.len && line.p[line.len - 1] == '\r')
			line.len--;
		if (memchr(line.p, '\0', line.len))
			return BPACCT_EPARSE;
		line = trim(line);
		if (!line.len || line.p[0] == '#')
			continue;
		rc = split(line, &lf);
		if (rc)
			return rc;
		if (!seen_data) {
			seen_data = 1;
			if (is_header(&lf))
				continue;
		}
		rc = parse_line(c, &lf, &h);
		if (rc)
			return rc;
		h.line = lineno;
		if (days) {
			rc = bpacct__calendar_copy_name(c, lf.name,
							lf.name_len, &h.name);
			if (rc)
				return rc;
			days[*count] = h;
		}
		(*count)++;
	}
	return BPACCT_OK;
}

static int by_day_then_line(const void *a, const void *b)
{
	const bpacct__host_day *x = a, *y = b;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

/*
 * Rule E7: one date on two lines with different kinds is refused; the
 * same kind twice is accepted, the later line's name standing (a file may
 * repeat a day, as concatenated announcements do).  Sorts days by date,
 * then line (the order of application within a date stays that of the
 * file).  Returns BPACCT_ECONFLICT with the later line of the conflict
 * that comes first in the file, else BPACCT_OK.
 */
static int check_conflicts(bpacct__host_day *days, uint32_t n,
			   int32_t *err_line)
{
	int32_t worst = 0;
	qsort(days, n, sizeof *days, by_day_then_line);
	for (uint32_t i = 0, first = 0; i < n; i++) {
		if (days[i].day != days[first].day)
			first = i;
		else if (days[i].kind != days[first].kind &&
			 (worst == 0 || days[i].line < worst))
			worst = days[i].line;
	}
	if (worst == 0)
		return BPACCT_OK;
	*err_line = worst;
	return BPACCT_ECONFLICT;
}

static void free_days(const bpacct_calendar *c, bpacct__host_day *days,
		      uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		bpacct__calendar_free_name(c, days[i].name);
	bpacct__free_mem(&c->alloc, days);
}

int bpacct_calendar_add_csv(bpacct_calendar *calendar, const char *text,
			    size_t len, int32_t *out_error_line)
{
	bpacct__host_day *days;
	uint32_t n, filled;
	int32_t line = 0;
	int rc;
	if (!calendar || (!text && len))
		return BPACCT_EINVAL;
	if (calendar->magic != BPACCT__CALENDAR_MAGIC)
		return BPACCT_EMISUSE;
	rc = scan(calendar, text, len, NULL, &n, &line);
	if (rc) {
		if (out_error_line)
			*out_error_line = line;
		return rc;
	}
	if (n == 0)
		return BPACCT_OK;
	days = bpacct__alloc_mem(&calendar->alloc, n * sizeof *days);
	if (!days)
		return BPACCT_ENOMEM;
	rc = scan(calendar, text, len, days, &filled, &line);
	if (!rc) {
		rc = check_conflicts(days, n, &line);
		if (rc && out_error_line)
			*out_error_line = line;
	}
	if (!rc)
		rc = bpacct__calendar_reserve(calendar, n);
	if (rc) {
		free_days(calendar, days, filled);
		return rc;
	}
	bpacct__calendar_apply(calendar, days, n);
	for (uint32_t i = 0; i < n; i++)
		days[i].name = NULL; /* now owned by the calendar */
	free_days(calendar, days, n);
	return BPACCT_OK;
}
