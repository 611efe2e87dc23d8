/*
 * Tests of the `bpacct` command-line tool against its contract (cli.md)
 * and the worked examples of the specs.  Each test runs the built tool
 * (BPACCT_TOOL) with posix_spawn, captures stdout, stderr and the exit
 * status, and compares with literal values taken from the specs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cli_support.h"

static void test_cli_version_prints_bpacct_x_y_z(void **state)
{
	unsigned x, y, z;
	char nl;

	(void)state;
	RUN("--version");
	assert_int_equal(r.status, 0);
	assert_int_equal(sscanf(r.out, "bpacct %u.%u.%u%c", &x, &y, &z, &nl),
			 4);
	assert_int_equal(nl, '\n');
}

static void test_cli_lunar_tet_2027(void **state)
{
	(void)state;
	RUN("lunar", "2027-02-06", "--json");
	assert_one_json_line();
	assert_field("solar", "2027-02-06");
	assert_field("lunar_year", "2027");
	assert_field("lunar_month", "1");
	assert_field("lunar_day", "1");
	assert_field("leap", "false");
}

static void test_cli_lunar_text_names_vietnamese(void **state)
{
	(void)state;
	RUN("lunar", "2027-02-06");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "Thứ Bảy");
	assert_contains(r.out, "mùng 1 tháng Giêng năm 2027");
}

/* domain-reference §3: 2033 has leap month 11 (the "2033 problem"). */
static void test_cli_solar_2033_leap_month_11(void **state)
{
	(void)state;
	RUN("solar", "2033-11-01", "--leap", "--json");
	assert_one_json_line();
	assert_field("solar", "2033-12-22");
	assert_field("lunar_year", "2033");
	assert_field("lunar_month", "11");
	assert_field("lunar_day", "1");
	assert_field("leap", "true");
}

static void test_cli_solar_tet_2026(void **state)
{
	(void)state;
	RUN("solar", "2026-01-01", "--json");
	assert_one_json_line();
	assert_field("solar", "2026-02-17");
	assert_field("leap", "false");
}

/* The object of one date in the days_off array of a calendar line. */
static const char *day_off(const char *date)
{
	static char obj[512];
	char pat[64];
	const char *p, *end;

	snprintf(pat, sizeof pat, "{\"date\":\"%s\"", date);
	p = strstr(r.out, pat);
	if (!p)
		fail_msg("%s not in days_off: %s", date, r.out);
	end = strchr(p, '}');
	assert_non_null(end);
	assert_true((size_t)(end - p) < sizeof obj - 1);
	memcpy(obj, p, (size_t)(end - p + 1));
	obj[end - p + 1] = '\0';
	return obj;
}

/*
 * C2: 2026 as announced.  working_days by hand from
 * data/vn_civil_service_calendar_2020_2026.csv: 2026 starts and ends on a
 * Thursday (365 = 52 weeks + 1 day), so it has 52 * 5 + 1 = 261 weekdays.
 * Weekdays off: 01-01 (Thu), 01-02 (Fri, swap), 02-16..02-20 (Mon-Fri, 5
 * Tết days), 04-27 (Mon, compensatory for Sun 04-26), 04-30 (Thu), 05-01
 * (Fri), 08-31 (Mon, swap), 09-01 (Tue), 09-02 (Wed): 13 days (04-26 is a
 * Sunday, already a rest day).  Make-up Saturdays 01-10 and 08-22 add 2.
 * 261 - 13 + 2 = 250.
 */
static void test_cli_c2_calendar_2026_announced(void **state)
{
	const char *o;

	(void)state;
	RUN("calendar", "2026", "--json");
	assert_one_json_line();
	assert_field("year", "2026");
	o = day_off("2026-02-17");
	assert_contains(o, "\"kind\":\"holiday\"");
	assert_contains(o, "\"source\":\"announced\"");
	assert_contains(o, "Tết");
	o = day_off("2026-04-26"); /* a holiday on a Sunday is listed too */
	assert_contains(o, "\"kind\":\"holiday\"");
	assert_contains(o, "\"source\":\"statutory\"");
	o = day_off("2026-04-27");
	assert_contains(o, "\"kind\":\"compensatory\"");
	o = day_off("2026-01-02");
	assert_contains(o, "\"kind\":\"swap_off\"");
	assert_null(strstr(r.out, "{\"date\":\"2026-01-10\""));
	assert_contains(r.out, "\"working_saturdays\":[\"2026-01-10\","
			"\"2026-08-22\"]");
	assert_field("working_days", "250");
	assert_field("projected", "false");
}

/* C3: 2027 has no announced schedule; its Tết block (2027-02-06 is mùng
 * 1) is projected: eve-1 2027-02-04 to mùng 3 2027-02-08. */
static void test_cli_c3_calendar_2027_projected(void **state)
{
	const char *o;

	(void)state;
	RUN("calendar", "2027", "--json");
	assert_one_json_line();
	assert_field("projected", "true");
	o = day_off("2027-02-06");
	assert_contains(o, "\"source\":\"projected\"");
	o = day_off("2027-02-04");
	assert_contains(o, "\"source\":\"projected\"");
	o = day_off("2027-01-01");
	assert_contains(o, "\"source\":\"statutory\"");
}

static void test_cli_calendar_text_table_vietnamese(void **state)
{
	(void)state;
	RUN("calendar", "2026");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "2026-02-17  Thứ Ba");
	assert_contains(r.out, "Tết Nguyên đán");
	assert_contains(r.out, "Chủ Nhật");
	assert_contains(r.out, "nghỉ bù");
	assert_contains(r.out, "250");
}

/* T4: an announced make-up Saturday is a working day. */
static void test_cli_t4_workday_makeup_saturday_2026_01_10(void **state)
{
	(void)state;
	RUN("workday", "2026-01-10", "--json");
	assert_one_json_line();
	assert_field("date", "2026-01-10");
	assert_field("working", "true");
	assert_contains(field(r.out, "why"), "make-up");
}

static void test_cli_t4_workday_tet_2026_02_17_is_off(void **state)
{
	(void)state;
	RUN("workday", "2026-02-17", "--json");
	assert_one_json_line();
	assert_field("working", "false");
	assert_contains(field(r.out, "why"), "Tết Nguyên đán");
	assert_contains(field(r.out, "why"), "announced");
}

static void test_cli_t4_workday_plain_days(void **state)
{
	(void)state;
	RUN("workday", "2026-03-17", "--json");
	assert_field("working", "true");
	assert_field("why", "working day (Tuesday)");
	RUN("workday", "2026-03-15", "--json");
	assert_field("working", "false");
	assert_field("why", "weekly rest day (Sunday)");
	RUN("workday", "2026-03-15");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "Chủ Nhật");
}

/* C1/C3 only: without the announcement, 2026-01-10 is a plain Saturday. */
static void test_cli_c2_no_announced_drops_makeup_saturday(void **state)
{
	(void)state;
	RUN("workday", "2026-01-10", "--no-announced", "--json");
	assert_one_json_line();
	assert_field("working", "false");
}

/* E1: 6 months from Mon 2026-08-31 → Sun 2027-02-28 → Art. 148(5). */
static void test_cli_deadline_e1_six_months_extended(void **state)
{
	(void)state;
	RUN("deadline", "--period", "6mo", "--at", "2026-08-31T10:00:00+07:00",
	    "--json");
	assert_one_json_line();
	assert_field("period", "6mo");
	assert_field("at", "2026-08-31T10:00:00+07:00");
	assert_field("due", "2027-03-02T00:00:00+07:00");
	assert_field("last_day", "2027-03-01");
	assert_true(strlen(field(r.out, "basis")) > 0);
}

static void test_cli_deadline_e1_six_months_no_extend(void **state)
{
	(void)state;
	RUN("deadline", "--period", "6mo", "--at", "2026-08-31T10:00:00+07:00",
	    "--no-extend", "--json");
	assert_one_json_line();
	assert_field("due", "2027-03-01T00:00:00+07:00");
	assert_field("last_day", "2027-02-28");
}

/* T2: hour periods run on the clock and have no last day. */
static void test_cli_deadline_t2_hours_have_no_last_day(void **state)
{
	(void)state;
	RUN("deadline", "--period", "2h", "--at", "2026-05-01T23:15:00+07:00",
	    "--json");
	assert_one_json_line();
	assert_field("due", "2026-05-02T01:15:00+07:00");
	assert_null(field(r.out, "last_day"));
}

/* Nwd from Fri 2026-02-13: 14-15 weekend, 16-20 Tết, 21-22 weekend;
 * working days 1, 2, 3 = 23, 24, 25 February. */
static void test_cli_deadline_working_days_skip_tet(void **state)
{
	(void)state;
	RUN("deadline", "--period", "3wd", "--at", "2026-02-13T10:00:00+07:00",
	    "--json");
	assert_one_json_line();
	assert_field("last_day", "2026-02-25");
	assert_field("due", "2026-02-26T00:00:00+07:00");
}

/* E10: any input offset; output at +07:00. */
static void test_cli_deadline_e10_bp_request_two_hours(void **state)
{
	(void)state;
	RUN("deadline", "--rule", "bp-request", "--at", "2026-05-01T16:15:00Z",
	    "--json");
	assert_one_json_line();
	assert_field("rule", "bp-request");
	assert_field("at", "2026-05-01T23:15:00+07:00");
	assert_field("due", "2026-05-02T01:15:00+07:00");
	assert_true(strlen(field(r.out, "basis")) > 0);
}

/* BP-R5 / E12: issued Sun 2026-03-15 → due 2026-09-16T00:00+07:00. */
static void test_cli_deadline_bp_r5_inactivity(void **state)
{
	(void)state;
	RUN("deadline", "--rule", "bp-inactivity", "--at",
	    "2026-03-15T09:00:00+07:00", "--json");
	assert_one_json_line();
	assert_field("rule", "bp-inactivity");
	assert_field("due", "2026-09-16T00:00:00+07:00");
}

/* XNC-R2: online on Sunday 2026-03-15 → received at the Monday session;
 * XNC-R4: late after the end of that session (12:00). */
static void test_cli_deadline_xnc_r2_online_sunday_moves_to_monday(void **state)
{
	(void)state;
	RUN("deadline", "--rule", "xnc-request", "--at",
	    "2026-03-15T10:00:00+07:00", "--channel", "online", "--json");
	assert_one_json_line();
	assert_field("due", "2026-03-16T08:00:00+07:00");
	assert_field("received", "2026-03-16T08:00:00+07:00");
	assert_field("late_after", "2026-03-16T12:00:00+07:00");
	assert_field("channel", "online");
}

/* XNC-R2: in person outside a session is refused: exit status 1. */
static void test_cli_deadline_xnc_r2_in_person_sunday_refused(void **state)
{
	(void)state;
	RUN("deadline", "--rule", "xnc-request", "--at",
	    "2026-03-15T10:00:00+07:00", "--channel", "in_person", "--json");
	assert_int_equal(r.status, 1);
	assert_field("refused", "true");
	assert_null(field(r.out, "due"));
	assert_contains(r.err, "refused");
}

static void test_cli_deadline_text_mode(void **state)
{
	(void)state;
	RUN("deadline", "--period", "6mo", "--at", "2026-08-31T10:00:00+07:00");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "2027-03-02T00:00:00+07:00");
	assert_contains(r.out, "2027-03-01 (Thứ Hai)");
}

/* Exit status 2, a message naming the argument, nothing on stdout. */
static void test_cli_bad_input_exits_2_naming_the_argument(void **state)
{
	static const struct {
		const char *args[8];
		const char *needle;
	} cases[] = {
		{ { "lunar", "2026-02-30", "--json" }, "'2026-02-30'" },
		{ { "lunar", "1899-12-31" }, "1899-12-31" },
		{ { "lunar" }, "DATE" },
		{ { "lunar", "2026-01-01", "--frobnicate" }, "--frobnicate" },
		{ { "lunar", "2026-01-01", "2026-01-02" }, "2026-01-02" },
		{ { "solar", "2026-13-01" }, "2026-13-01" },
		{ { "solar", "1800-01-01" }, "1800-01-01" },
		{ { "solar", "2033-1x-01" }, "2033-1x-01" },
		{ { "calendar", "2012", "--json" }, "2012" },
		{ { "calendar", "2200" }, "2013 to 2199" },
		{ { "calendar", "twenty" }, "twenty" },
		{ { "workday", "2026-1-5" }, "2026-1-5" },
		{ { "workday", "2012-06-01" }, "2012-06-01" },
		{ { "deadline", "--period", "6x", "--at",
		    "2026-08-31T10:00:00+07:00" }, "'6x'" },
		{ { "deadline", "--rule", "bp-nothing", "--at",
		    "2026-08-31T10:00:00+07:00" }, "bp-nothing" },
		{ { "deadline", "--period", "6mo" }, "--at" },
		{ { "deadline", "--period", "6mo", "--at", "yesterday" },
		  "yesterday" },
		{ { "deadline", "--period", "6mo", "--at" }, "--at" },
		{ { "deadline", "--rule", "xnc-request", "--channel", "fax",
		    "--at", "2026-03-15T10:00:00+07:00" }, "fax" },
		{ { "deadline", "--at", "2026-03-15T10:00:00+07:00" },
		  "--rule" },
		{ { "frobnicate" }, "frobnicate" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		run_argv(cases[i].args);
		assert_usage_error(cases[i].needle);
	}
}

static void test_cli_help_exits_0(void **state)
{
	(void)state;
	RUN("deadline", "--help");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "--rule");
	assert_contains(r.out, "--calendar");
	RUN("--help");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "calendar");
}

/* C4: host days win; `working` makes a Saturday a working day. */
static void test_cli_c4_host_calendar_changes_workday(void **state)
{
	char path[256];

	(void)state;
	temp_file(path, sizeof path,
		  "date,kind,name\n"
		  "2026-03-16,holiday,Ngày thử nghiệm\n"
		  "2026-03-21,working,Làm bù thử\n");
	RUN("workday", "2026-03-16", "--json");
	assert_field("working", "true");
	RUN("workday", "2026-03-16", "--calendar", path, "--json");
	assert_one_json_line();
	assert_field("working", "false");
	assert_field("why", "holiday: Ngày thử nghiệm (host)");
	RUN("workday", "2026-03-21", "--calendar", path, "--json");
	assert_field("working", "true");
	/* One weekday off (-1) and one Saturday worked (+1): still 250. */
	RUN("calendar", "2026", "--calendar", path, "--json");
	assert_contains(day_off("2026-03-16"), "\"source\":\"host\"");
	assert_contains(r.out, "\"working_saturdays\":[\"2026-01-10\","
			"\"2026-03-21\",\"2026-08-22\"]");
	assert_field("working_days", "250");
	unlink(path);
}

static void test_cli_c4_bad_calendar_line_exits_2(void **state)
{
	char path[256];

	(void)state;
	temp_file(path, sizeof path,
		  "date,kind,name\n"
		  "2026-03-16,holiday,Ngày thử nghiệm\n"
		  "2026-03-17,feast,Không có loại này\n");
	RUN("workday", "2026-03-16", "--calendar", path, "--json");
	assert_usage_error("line 3");
	unlink(path);
	RUN("workday", "2026-03-16", "--calendar", "/nonexistent/cal.csv");
	assert_usage_error("/nonexistent/cal.csv");
}

/* Rule E7: host data that makes a statutory holiday (C1) a working day,
 * or gives one date two kinds, is refused naming the line(s): exit 2,
 * nothing printed. */
static void test_cli_e7_calendar_statutory_working_and_twice_refused(
	void **state)
{
	static const struct {
		const char *csv, *needle;
	} cases[] = {
		{ "date,kind,name\n2026-09-02,working,Đi làm\n",
		  "line 2: a statutory holiday" },
		{ "# Tết 2027\n\n2027-03-01,holiday,A\n"
		  "2027-02-06,working,mùng 1\n", "line 4: a statutory holiday" },
		{ "date,kind,name\n2027-03-01,holiday,A\n"
		  "2027-03-02,holiday,B\n# x\n2027-03-01,swap_off,A\n",
		  "lines 2 and 5 give the same date different kinds" },
		{ "\xef\xbb\xbf" "2027-03-03,holiday,C\r\n2027-03-01,holiday,A\r\n"
		  "2027-03-02,holiday,B\r\n2027-03-04,holiday,D\r\n"
		  "2027-03-03,working,C\r\n",
		  "lines 1 and 5 give the same date different kinds" },
	};
	char path[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		temp_file(path, sizeof path, cases[i].csv);
		RUN("workday", "2027-03-01", "--calendar", path, "--json");
		unlink(path);
		assert_usage_error(cases[i].needle);
		assert_contains(r.err, "E7");
	}
	/* the same kind twice is accepted: the later name stands */
	temp_file(path, sizeof path, "2027-03-01,holiday,A\n"
		  "2027-03-01,holiday,B\n");
	RUN("workday", "2027-03-01", "--calendar", path, "--json");
	unlink(path);
	assert_one_json_line();
	assert_field("why", "holiday: B (host)");
}

/* JSON strings escape quotes and backslashes; UTF-8 passes through. */
static void test_cli_json_escapes_host_names(void **state)
{
	char path[256];

	(void)state;
	temp_file(path, sizeof path,
		  "2026-03-16,holiday,\"Lễ \"\"thử\"\" a\\b\"\n");
	RUN("workday", "2026-03-16", "--calendar", path, "--json");
	assert_one_json_line();
	assert_contains(r.out, "\"name\":\"Lễ \\\"thử\\\" a\\\\b\"");
	unlink(path);
}

/* Conventions D.25: the diagram comes from the library's own table and
 * names every state and every input of lifecycle.h. */
static void test_cli_fsm_dot_names_every_state_and_input(void **state)
{
	static const char *const names[] = {
		"active", "locked", "cancelled", "issue", "use", "risk",
		"request", "supplement", "cancel", "tick", "unlock", "exclude",
		"accepted", "rejected", "refused",
	};

	(void)state;
	RUN("fsm", "--dot");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "digraph");
	assert_int_equal(r.out[r.out_len - 1], '\n');
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_contains(r.out, names[i]);
}

/* E1: cancelled is final; a use of a cancelled account is refused with
 * the stable reason account_cancelled (E3), in both languages. */
static void test_cli_e1_fsm_json_cancelled_use_refused(void **state)
{
	const char *row;

	(void)state;
	RUN("fsm", "--json");
	assert_json_lines();
	row = line_with("\"from\":\"cancelled\",\"input\":\"use\"");
	assert_contains(row, "\"machine\":\"account\"");
	assert_contains(row, "\"refused\":true");
	assert_contains(row, "\"code\":\"account_cancelled\"");
	assert_contains(row, "\"value\":502");
	assert_null(strstr(row, "\"to\":"));
	assert_true(strlen(field(row, "vi")) > 0);
	assert_true(strlen(field(row, "en")) > 0);
	/* BP-R4: a locked account cannot be used. */
	row = line_with("\"from\":\"locked\",\"input\":\"use\"");
	assert_contains(row, "\"code\":\"account_locked\"");
	/* BP-B1: a risk on an active account locks it. */
	row = line_with("\"from\":\"active\",\"input\":\"risk\"");
	assert_contains(row, "\"to\":\"locked\"");
	/* BP-R3/R4: the engine cancels what is due, at a tick. */
	row = line_with("\"from\":\"active\",\"input\":\"tick\"");
	assert_contains(row, "\"when\":\"cancellation due\"");
	assert_contains(row, "\"to\":\"cancelled\"");
	/* E2: a decided request given again returns its first outcome. */
	row = line_with("\"from\":\"accepted\",\"input\":\"request\"");
	assert_contains(row, "\"replay\":true");
	assert_contains(row, "\"to\":\"accepted\"");
	/* The request machine: a supplement may end in acceptance. */
	row = line_with("\"from\":\"supplement\",\"input\":\"supplement\","
			"\"outcome\":\"accepted\"");
	assert_contains(row, "\"machine\":\"request\"");
	assert_contains(row, "\"to\":\"accepted\"");
}

static void test_cli_e1_fsm_text_table(void **state)
{
	(void)state;
	RUN("fsm");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "cancelled (đã hủy)");
	assert_contains(r.out, "refused: account_cancelled — ");
	assert_contains(r.out, "Request machine");
	RUN("fsm", "--dot", "--json");
	assert_usage_error("--dot");
}

/* E3: every reason code has a stable name and a message in Vietnamese and
 * in English; not_owner (BP-R2, XNC-R3) is 102. */
static void test_cli_e3_reasons_lists_not_owner_vi_en(void **state)
{
	const char *row;

	(void)state;
	RUN("reasons", "--json");
	assert_json_lines();
	row = line_with("\"code\":\"not_owner\"");
	assert_contains(row, "\"value\":102");
	assert_contains(row, "\"vi\":\"Tổ chức đề nghị không phải là cơ quan, "
			"doanh nghiệp chủ quản của tài khoản.\"");
	assert_contains(row, "\"en\":\"The requester is not the agency or "
			"enterprise that owns the account.\"");
	row = line_with("\"code\":\"na20_missing\"");
	assert_contains(row, "\"value\":400");
	row = line_with("\"code\":\"account_cancelled\"");
	assert_contains(row, "\"value\":502");
	assert_null(strstr(r.out, "\"code\":\"unknown\""));
	RUN("reasons");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "  102  not_owner ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_version_prints_bpacct_x_y_z),
		cmocka_unit_test(test_cli_lunar_tet_2027),
		cmocka_unit_test(test_cli_lunar_text_names_vietnamese),
		cmocka_unit_test(test_cli_solar_2033_leap_month_11),
		cmocka_unit_test(test_cli_solar_tet_2026),
		cmocka_unit_test(test_cli_c2_calendar_2026_announced),
		cmocka_unit_test(test_cli_c3_calendar_2027_projected),
		cmocka_unit_test(test_cli_calendar_text_table_vietnamese),
		cmocka_unit_test(
			test_cli_t4_workday_makeup_saturday_2026_01_10),
		cmocka_unit_test(test_cli_t4_workday_tet_2026_02_17_is_off),
		cmocka_unit_test(test_cli_t4_workday_plain_days),
		cmocka_unit_test(
			test_cli_c2_no_announced_drops_makeup_saturday),
		cmocka_unit_test(test_cli_deadline_e1_six_months_extended),
		cmocka_unit_test(test_cli_deadline_e1_six_months_no_extend),
		cmocka_unit_test(test_cli_deadline_t2_hours_have_no_last_day),
		cmocka_unit_test(test_cli_deadline_working_days_skip_tet),
		cmocka_unit_test(test_cli_deadline_e10_bp_request_two_hours),
		cmocka_unit_test(test_cli_deadline_bp_r5_inactivity),
		cmocka_unit_test(
			test_cli_deadline_xnc_r2_online_sunday_moves_to_monday),
		cmocka_unit_test(
			test_cli_deadline_xnc_r2_in_person_sunday_refused),
		cmocka_unit_test(test_cli_deadline_text_mode),
		cmocka_unit_test(
			test_cli_bad_input_exits_2_naming_the_argument),
		cmocka_unit_test(test_cli_help_exits_0),
		cmocka_unit_test(test_cli_c4_host_calendar_changes_workday),
		cmocka_unit_test(test_cli_c4_bad_calendar_line_exits_2),
		cmocka_unit_test(
			test_cli_e7_calendar_statutory_working_and_twice_refused),
		cmocka_unit_test(test_cli_json_escapes_host_names),
		cmocka_unit_test(test_cli_fsm_dot_names_every_state_and_input),
		cmocka_unit_test(test_cli_e1_fsm_json_cancelled_use_refused),
		cmocka_unit_test(test_cli_e1_fsm_text_table),
		cmocka_unit_test(test_cli_e3_reasons_lists_not_owner_vi_en),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
