/*
 * `bpacct calendar YEAR` and `bpacct workday DATE`: the working calendar
 * of a year and of one day (rules T4, C1–C4), as the library classifies
 * them.
 */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* Vietnamese names of the day kinds, indexed by bpacct_day_kind. */
static const char *const kind_vi[6] = {
	"ngày làm việc", "nghỉ hằng tuần", "nghỉ lễ, tết", "nghỉ bù",
	"nghỉ hoán đổi", "làm bù",
};

/* English for the `why` of workday, indexed by bpacct_day_kind. */
static const char *const kind_why[6] = {
	"working day", "weekly rest day", "holiday", "compensatory day off",
	"swapped-off day", "make-up working day",
};

static const char *kind_text(const char *const table[6], int32_t kind)
{
	return kind >= 0 && kind < 6 ? table[kind] : "?";
}

/* One entry of a year (bpacct_calendar_entry_at). */
typedef struct entry {
	int32_t day, kind, source;
	const char *name;
} entry;

static int is_weekend(int32_t day)
{
	int32_t wd = 0;

	bpacct_day_weekday(day, &wd);
	return wd == BPACCT_SATURDAY || wd == BPACCT_SUNDAY;
}

/* A make-up day on a weekend is a working Saturday; a host `working`
 * entry on a weekday only cancels a day off and is not listed. */
static int is_working_saturday(const entry *e)
{
	return e->kind == BPACCT_DAY_MAKEUP && is_weekend(e->day);
}

static void print_json(int32_t year, const entry *es, uint32_t n,
		       int32_t working_days, int32_t projected)
{
	char date[BPACCT_DATE_BUFSIZE];
	tool_json j;

	tool_json_open(&j, stdout);
	tool_json_int(&j, "year", year);
	tool_json_begin(&j, "days_off", '[');
	for (uint32_t i = 0; i < n; i++) {
		if (es[i].kind == BPACCT_DAY_MAKEUP)
			continue;
		tool_json_begin(&j, NULL, '{');
		tool_json_str(&j, "date", tool_date(date, es[i].day));
		tool_json_str(&j, "kind", bpacct_day_kind_name(es[i].kind));
		tool_json_str(&j, "name", es[i].name);
		tool_json_str(&j, "source",
			      bpacct_day_source_name(es[i].source));
		tool_json_end(&j, '}');
	}
	tool_json_end(&j, ']');
	tool_json_begin(&j, "working_saturdays", '[');
	for (uint32_t i = 0; i < n; i++)
		if (is_working_saturday(&es[i]))
			tool_json_str(&j, NULL, tool_date(date, es[i].day));
	tool_json_end(&j, ']');
	tool_json_int(&j, "working_days", working_days);
	tool_json_bool(&j, "projected", projected != 0);
	tool_json_close(&j);
}

static void print_text(int32_t year, const entry *es, uint32_t n,
		       int32_t working_days, int32_t projected)
{
	char date[BPACCT_DATE_BUFSIZE], kind[64];
	size_t wname = 4;
	uint32_t off = 0, sat = 0;

	for (uint32_t i = 0; i < n; i++)
		if (tool_text_width(es[i].name) > wname)
			wname = tool_text_width(es[i].name);
	printf("Lịch làm việc năm %ld (civil-service calendar%s)\n\n",
	       (long)year, projected ? ", projected by rule C3" : "");
	tool_text_cell(stdout, "date", 12);
	tool_text_cell(stdout, "weekday", 10);
	tool_text_cell(stdout, "kind", 32);
	tool_text_cell(stdout, "name", wname + 2);
	printf("source\n");
	for (uint32_t i = 0; i < n; i++) {
		snprintf(kind, sizeof kind, "%s (%s)",
			 kind_text(kind_vi, es[i].kind),
			 bpacct_day_kind_name(es[i].kind));
		tool_text_cell(stdout, tool_date(date, es[i].day), 12);
		tool_text_cell(stdout, tool_weekday_vi(es[i].day), 10);
		tool_text_cell(stdout, kind, 32);
		tool_text_cell(stdout, es[i].name, wname + 2);
		printf("%s\n", bpacct_day_source_name(es[i].source));
		if (es[i].kind != BPACCT_DAY_MAKEUP)
			off++;
		if (is_working_saturday(&es[i]))
			sat++;
	}
	printf("\ndays off (ngày nghỉ)          %lu\n", (unsigned long)off);
	printf("make-up Saturdays (làm bù)    %lu\n", (unsigned long)sat);
	printf("working days (ngày làm việc)  %ld\n", (long)working_days);
}

/* A year is all digits; its range is the calendar's. */
static int parse_year(const tool_args *a, const bpacct_calendar *cal,
		      int32_t *out)
{
	const char *s = a->pos[0];
	int32_t y0 = 0, y1 = 0, m, d, first = 0, last = 0;
	long year = 0;
	size_t len = strlen(s);

	if (len == 0 || len > 6 || strspn(s, "0123456789") != len)
		return tool_usage(a, "invalid year '%s' (expected YYYY)", s);
	year = strtol(s, NULL, 10);
	bpacct_calendar_range(cal, &first, &last);
	bpacct_day_to_date(first, &y0, &m, &d);
	bpacct_day_to_date(last, &y1, &m, &d);
	if (year < y0 || year > y1)
		return tool_usage(a, "year %ld is outside the supported range "
				  "%ld to %ld", year, (long)y0, (long)y1);
	*out = (int32_t)year;
	return TOOL_EXIT_OK;
}

static int show_year(const tool_args *a, const bpacct_calendar *cal,
		     int32_t year)
{
	entry *es = NULL;
	uint32_t n = 0;
	int32_t jan1 = 0, next = 0, working = 0, projected = 0;
	int st;

	st = bpacct_calendar_entry_count(cal, year, &n);
	if (st == BPACCT_OK && n > 0 && !(es = calloc(n, sizeof *es)))
		st = BPACCT_ENOMEM;
	for (uint32_t i = 0; st == BPACCT_OK && i < n; i++)
		st = bpacct_calendar_entry_at(cal, year, i, &es[i].day,
					      &es[i].kind, &es[i].source,
					      &es[i].name);
	if (st == BPACCT_OK)
		st = bpacct_day_from_date(&jan1, year, 1, 1);
	if (st == BPACCT_OK)
		st = bpacct_day_from_date(&next, year + 1, 1, 1);
	if (st == BPACCT_OK)
		st = bpacct_calendar_count_working_days(cal, jan1, next,
							&working);
	if (st == BPACCT_OK)
		st = bpacct_calendar_year_projected(cal, year, &projected);
	if (st == BPACCT_OK && tool_has(a, TOOL_OPT_JSON))
		print_json(year, es, n, working, projected);
	else if (st == BPACCT_OK)
		print_text(year, es, n, working, projected);
	free(es);
	return st == BPACCT_OK ? TOOL_EXIT_OK
			       : tool_lib_fail(a, "calendar", st);
}

int tool_cmd_calendar(const tool_args *a)
{
	bpacct_calendar *cal = NULL;
	int32_t year = 0;
	int rc = tool_calendar_open(a, &cal);

	if (rc != TOOL_EXIT_OK)
		return rc;
	rc = parse_year(a, cal, &year);
	if (rc == TOOL_EXIT_OK)
		rc = show_year(a, cal, year);
	bpacct_calendar_free(cal);
	return rc;
}

/* "holiday: Tết Nguyên đán (mùng 1) (announced)", "working day (Tuesday)" */
static void explain(char *buf, size_t size, int32_t day, int32_t kind,
		    int32_t source, const char *name)
{
	const char *what = kind_text(kind_why, kind);
	int32_t wd = 0;

	bpacct_day_weekday(day, &wd);
	if (kind == BPACCT_DAY_MAKEUP && wd == BPACCT_SATURDAY)
		what = "make-up working Saturday";
	if (source == BPACCT_SOURCE_NONE)
		snprintf(buf, size, "%s (%s)", what, tool_weekday_en(day));
	else if (name && *name)
		snprintf(buf, size, "%s: %s (%s)", what, name,
			 bpacct_day_source_name(source));
	else
		snprintf(buf, size, "%s (%s)", what,
			 bpacct_day_source_name(source));
}

static void print_workday(const tool_args *a, int32_t day, int32_t working,
			  int32_t kind, int32_t source, const char *name)
{
	char date[BPACCT_DATE_BUFSIZE], why[256];
	tool_json j;

	explain(why, sizeof why, day, kind, source, name);
	tool_date(date, day);
	if (!tool_has(a, TOOL_OPT_JSON)) {
		char buf[300];

		snprintf(buf, sizeof buf, "%s (%s)", date,
			 tool_weekday_vi(day));
		tool_text_field(stdout, "date", buf);
		snprintf(buf, sizeof buf, "%s — %s", working ? "yes" : "no",
			 kind_text(kind_vi, kind));
		tool_text_field(stdout, "working", buf);
		tool_text_field(stdout, "why", why);
		return;
	}
	tool_json_open(&j, stdout);
	tool_json_str(&j, "date", date);
	tool_json_bool(&j, "working", working != 0);
	tool_json_str(&j, "why", why);
	tool_json_str(&j, "weekday", tool_weekday_en(day));
	tool_json_str(&j, "kind", bpacct_day_kind_name(kind));
	tool_json_str(&j, "source", bpacct_day_source_name(source));
	tool_json_str(&j, "name", name);
	tool_json_close(&j);
}

int tool_cmd_workday(const tool_args *a)
{
	bpacct_calendar *cal = NULL;
	char first[BPACCT_DATE_BUFSIZE], last[BPACCT_DATE_BUFSIZE];
	const char *name = "";
	int32_t day = 0, working = 0, kind = 0, source = 0;
	int rc = tool_parse_date(a, "date", a->pos[0], &day);
	int st;

	if (rc == TOOL_EXIT_OK)
		rc = tool_calendar_open(a, &cal);
	if (rc != TOOL_EXIT_OK)
		return rc;
	st = bpacct_calendar_day_info(cal, day, &working, &kind, &source,
				      &name);
	if (st == BPACCT_OK)
		print_workday(a, day, working, kind, source, name);
	else if (st == BPACCT_ERANGE) {
		tool_calendar_range_text(cal, first, last);
		rc = tool_usage(a, "date '%s' is outside the calendar (%s to "
				"%s)", a->pos[0], first, last);
	} else
		rc = tool_lib_fail(a, "bpacct_calendar_day_info", st);
	bpacct_calendar_free(cal);
	return rc;
}
