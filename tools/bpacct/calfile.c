/*
 * The working calendar of a command: the library's built-in one, with
 * --no-announced and the host days of --calendar FILE.  The tool reads the
 * file (the library does no I/O) and hands the text to
 * bpacct_calendar_add_csv(), which checks it whole (rules C4, E7); the
 * tool only words the library's verdict, naming the line or lines.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* A calendar file is a few hundred lines; refuse anything absurd. */
#define CSV_MAX_BYTES ((size_t)16 << 20)

/* Reads a whole file; returns 0, or an errno value (EFBIG when too big). */
static int read_file(const char *path, char **out, size_t *out_len)
{
	FILE *f;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int err = 0;

	errno = 0;
	f = fopen(path, "rb");
	if (!f)
		return errno ? errno : ENOENT;
	for (;;) {
		if (len == cap) {
			char *grown;

			cap = cap ? cap * 2 : 4096;
			if (cap > CSV_MAX_BYTES) {
				err = EFBIG;
				break;
			}
			grown = realloc(buf, cap);
			if (!grown) {
				err = ENOMEM;
				break;
			}
			buf = grown;
		}
		len += fread(buf + len, 1, cap - len, f);
		if (len < cap)
			break;
	}
	if (!err && ferror(f))
		err = EIO;
	fclose(f);
	if (err) {
		free(buf);
		return err;
	}
	*out = buf;
	*out_len = len;
	return 0;
}

void tool_calendar_range_text(const bpacct_calendar *cal, char *first,
			      char *last)
{
	int32_t d0 = 0, d1 = 0;

	bpacct_calendar_range(cal, &d0, &d1);
	tool_date(first, d0);
	tool_date(last, d1);
}

/* The bytes of line `line` (1-based) of text, without its line end. */
static const char *line_span(const char *text, size_t len, int32_t line,
			     size_t *out_len)
{
	const char *p = text, *end = text + len, *nl;

	*out_len = 0;
	if (!text || len == 0)
		return "";
	for (int32_t i = 1; i < line && p < end; i++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : end;
	}
	if (p >= end)
		return p;
	nl = memchr(p, '\n', (size_t)(end - p));
	*out_len = (size_t)((nl ? nl : end) - p);
	return p;
}

/*
 * Rule E7: the library names the later of two lines that give one date
 * different kinds; the earlier is the first line k for which lines 1..k
 * followed by the later line still conflict (lines before the later one
 * do not conflict among themselves).  Found by bisection, each probe on a
 * scratch calendar with the same options.  Returns 0 if not found.
 */
static int32_t earlier_line(const bpacct_calendar_options *opts,
			    const char *text, size_t len, int32_t later)
{
	bpacct_calendar *scratch = NULL;
	size_t llen, plen;
	const char *l;
	char *probe;
	int32_t lo = 1, hi = later - 1, found = 0;

	if (!text || len == 0 || later < 2)
		return 0;
	l = line_span(text, len, later, &llen);
	probe = malloc(len + 2);
	if (!probe || bpacct_calendar_new(&scratch, opts) != BPACCT_OK) {
		free(probe);
		return 0;
	}
	while (lo <= hi) {
		int32_t mid = lo + (hi - lo) / 2;
		const char *m = line_span(text, len, mid, &plen);

		plen = (size_t)(m - text) + plen;
		memcpy(probe, text, plen);
		probe[plen] = '\n';
		memcpy(probe + plen + 1, l, llen);
		if (bpacct_calendar_add_csv(scratch, probe, plen + 1 + llen,
					    NULL) == BPACCT_ECONFLICT) {
			found = mid;
			hi = mid - 1;
		} else {
			lo = mid + 1;
		}
	}
	bpacct_calendar_free(scratch);
	free(probe);
	return found;
}

static int csv_error(const tool_args *a, const bpacct_calendar *cal,
		     const bpacct_calendar_options *opts, const char *text,
		     size_t len, int st, int32_t line)
{
	const char *path = a->value[TOOL_OPT_CALENDAR];

	if (st == BPACCT_ERANGE) {
		char first[BPACCT_DATE_BUFSIZE], last[BPACCT_DATE_BUFSIZE];

		tool_calendar_range_text(cal, first, last);
		return tool_usage(a, "--calendar '%s': line %ld: date outside "
				  "the calendar (%s to %s)", path, (long)line,
				  first, last);
	}
	if (st == BPACCT_EINVAL && line > 0)
		return tool_usage(a, "--calendar '%s': line %ld: a statutory "
				  "holiday (Labour Code Art. 112, rules C1, "
				  "E7) cannot be made a working day", path,
				  (long)line);
	if (st == BPACCT_ECONFLICT) {
		int32_t first = earlier_line(opts, text, len, line);

		if (first > 0)
			return tool_usage(a, "--calendar '%s': lines %ld and "
					  "%ld give the same date different "
					  "kinds (rule E7)", path, (long)first,
					  (long)line);
		return tool_usage(a, "--calendar '%s': line %ld gives a date "
				  "an earlier line lists with another kind "
				  "(rule E7)", path, (long)line);
	}
	if (st == BPACCT_EPARSE || st == BPACCT_EINVAL)
		return tool_usage(a, "--calendar '%s': line %ld: malformed "
				  "entry (expected date,kind,name with kind "
				  "holiday, compensatory, swap_off or working)",
				  path, (long)line);
	return tool_lib_fail(a, "--calendar", st);
}

static int add_file(const tool_args *a, bpacct_calendar *cal,
		    const bpacct_calendar_options *opts)
{
	const char *path = a->value[TOOL_OPT_CALENDAR];
	char *text = NULL;
	size_t len = 0;
	int32_t line = 0;
	int err = read_file(path, &text, &len);
	int st;

	if (err)
		return tool_usage(a, "--calendar: cannot read '%s': %s", path,
				  err == EFBIG ? "file too large"
					       : strerror(err));
	st = bpacct_calendar_add_csv(cal, text, len, &line);
	err = st == BPACCT_OK ? TOOL_EXIT_OK
			      : csv_error(a, cal, opts, text, len, st, line);
	free(text);
	return err;
}

int tool_calendar_open(const tool_args *a, bpacct_calendar **out)
{
	bpacct_calendar_options opts;
	bpacct_calendar *cal = NULL;
	int st;

	st = bpacct_calendar_options_init(&opts,
					  BPACCT_CALENDAR_OPTIONS_VERSION);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_calendar_options_init", st);
	if (tool_has(a, TOOL_OPT_NO_ANNOUNCED))
		opts.flags |= BPACCT_CALENDAR_NO_ANNOUNCED;
	st = bpacct_calendar_new(&cal, &opts);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_calendar_new", st);
	if (tool_has(a, TOOL_OPT_CALENDAR)) {
		int rc = add_file(a, cal, &opts);

		if (rc != TOOL_EXIT_OK) {
			bpacct_calendar_free(cal);
			return rc;
		}
	}
	*out = cal;
	return TOOL_EXIT_OK;
}
