/*
 * `bpacct lunar DATE` and `bpacct solar LY-LM-LD [--leap]`: the two
 * directions of the lunar calendar (rule C5), both printing the same
 * object.
 */
#include <string.h>

#include "tool.h"

/* The customary names of the lunar months (tháng Giêng … tháng Chạp). */
static const char *const month_vi[13] = {
	"?", "Giêng", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín",
	"Mười", "Mười Một", "Chạp",
};

static void print_text(int32_t solar, const bpacct_lunar_date *l)
{
	char date[BPACCT_DATE_BUFSIZE], buf[160];
	int m = l->month >= 1 && l->month <= 12 ? (int)l->month : 0;

	snprintf(buf, sizeof buf, "%s (%s)", tool_date(date, solar),
		 tool_weekday_vi(solar));
	tool_text_field(stdout, "dương lịch", buf);
	snprintf(buf, sizeof buf, "%s%ld tháng %s%s năm %ld",
		 l->day <= 10 ? "mùng " : "ngày ", (long)l->day, month_vi[m],
		 l->leap ? " nhuận" : "", (long)l->year);
	tool_text_field(stdout, "âm lịch", buf);
	snprintf(buf, sizeof buf, "%ld-%02ld-%02ld%s", (long)l->year,
		 (long)l->month, (long)l->day, l->leap ? " (leap month)" : "");
	tool_text_field(stdout, "lunar", buf);
}

static void print_json(int32_t solar, const bpacct_lunar_date *l)
{
	char date[BPACCT_DATE_BUFSIZE];
	tool_json j;

	tool_json_open(&j, stdout);
	tool_json_str(&j, "solar", tool_date(date, solar));
	tool_json_int(&j, "lunar_year", l->year);
	tool_json_int(&j, "lunar_month", l->month);
	tool_json_int(&j, "lunar_day", l->day);
	tool_json_bool(&j, "leap", l->leap != 0);
	tool_json_close(&j);
}

static int out_of_range(const tool_args *a, const char *what,
			const char *input)
{
	char first[BPACCT_DATE_BUFSIZE], last[BPACCT_DATE_BUFSIZE];
	int32_t d0 = 0, d1 = 0;

	bpacct_lunar_range(&d0, &d1);
	return tool_usage(a, "%s '%s' is outside the lunar calendar (solar "
			  "%s to %s)", what, input, tool_date(first, d0),
			  tool_date(last, d1));
}

/* Prints the lunar date of a solar day, as computed by the library. */
static int print_day(const tool_args *a, int32_t solar, const char *input)
{
	bpacct_lunar_date l;
	int st = bpacct_lunar_from_solar(&l, solar);

	if (st == BPACCT_ERANGE)
		return out_of_range(a, "date", input);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_lunar_from_solar", st);
	if (tool_has(a, TOOL_OPT_JSON))
		print_json(solar, &l);
	else
		print_text(solar, &l);
	return TOOL_EXIT_OK;
}

int tool_cmd_lunar(const tool_args *a)
{
	int32_t day = 0;
	int rc = tool_parse_date(a, "date", a->pos[0], &day);

	if (rc != TOOL_EXIT_OK)
		return rc;
	return print_day(a, day, a->pos[0]);
}

/* Reads 1 to max decimal digits; returns the position after them or NULL. */
static const char *read_number(const char *s, int max, int32_t *out)
{
	int n = 0;

	*out = 0;
	while (s[n] >= '0' && s[n] <= '9' && n < max) {
		*out = *out * 10 + (s[n] - '0');
		n++;
	}
	return n > 0 ? s + n : NULL;
}

/* "LY-LM-LD": a 4-digit lunar year, then month and day of 1 or 2 digits.
 * Only the shape is checked here; the library says whether it exists. */
static int parse_lunar(const char *s, bpacct_lunar_date *out)
{
	const char *p = read_number(s, 4, &out->year);

	if (!p || p - s != 4 || *p++ != '-')
		return -1;
	p = read_number(p, 2, &out->month);
	if (!p || *p++ != '-')
		return -1;
	p = read_number(p, 2, &out->day);
	return p && *p == '\0' ? 0 : -1;
}

int tool_cmd_solar(const tool_args *a)
{
	bpacct_lunar_date l;
	int32_t day = 0;
	int st;

	memset(&l, 0, sizeof l);
	if (parse_lunar(a->pos[0], &l) != 0)
		return tool_usage(a, "invalid lunar date '%s' (expected "
				  "LY-LM-LD, e.g. 2033-11-01)", a->pos[0]);
	l.leap = tool_has(a, TOOL_OPT_LEAP);
	st = bpacct_lunar_to_solar(&day, &l);
	if (st == BPACCT_EINVAL)
		return tool_usage(a, "lunar date '%s'%s does not exist",
				  a->pos[0], l.leap ? " (leap month)" : "");
	if (st == BPACCT_ERANGE)
		return out_of_range(a, "lunar date", a->pos[0]);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_lunar_to_solar", st);
	return print_day(a, day, a->pos[0]);
}
