/*
 * Tests of `bpacct run` and `bpacct demo` against the contract (cli.md,
 * "bpacct run: events in, effects out").  Each scenario feeds JSON lines
 * to the built tool and compares its whole output with literal lines,
 * worked out by hand from the rules (rules.md, seeds-en.md):
 * - E10/BP-R3: bp-request = receipt + 2 h on the clock;
 * - BP-R4: bp-lock = lock + 2 h, through midnight;
 * - BP-R5: 6 months from 2026-11-02 end at 24:00 of 2027-05-02;
 * - XNC-R2/R4: sent online on Sunday 2026-11-22, received and due at the
 *   Monday session, 2026-11-23T08:00; XNC-R5: NB10 through the portal at
 *   once, by post with the fee flag;
 * - BP-R6: the cancellation notice (Mẫu số 06) to owner and holder.
 * Identifiers: enterprise code 0100109106 (valid check digit), passport
 * C1234567 (domain-reference §7).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cli_support.h"

#define AT(t) "\"at\":\"" t "+07:00\""
#define OWNER "0100109106"
#define ORG "0301234562"

/* cli.md, and check-cli-contract's own example. */
#define BP_ISSUE(acc, t)                                                   \
	"{\"op\":\"issue\"," AT(t) ",\"account\":\"" acc "\",\"procedure\":" \
	"\"bp\",\"owner\":\"" OWNER "\",\"holder\":{\"name\":\"Lê Văn "      \
	"Cường\",\"id_type\":\"passport\",\"id_number\":\"C1234567\"}}\n"
#define BP_REQUEST(id, acc, t)                                             \
	"{\"op\":\"request\"," AT(t) ",\"request\":\"" id "\",\"account\":\"" \
	acc "\",\"requester\":\"" OWNER "\",\"channel\":\"online\","         \
	"\"documents\":[\"application\",\"enterprise_registration\","       \
	"\"identity\"],\"enterprise_code\":\"" OWNER "\",\"identity\":"      \
	"{\"id_type\":\"passport\",\"id_number\":\"C1234567\"}}\n"
#define XNC_ISSUE(acc)                                                     \
	"{\"op\":\"issue\"," AT("2026-10-01T09:00:00") ",\"account\":\""     \
	acc "\",\"procedure\":\"xnc\",\"owner\":\"" ORG "\"}\n"
#define NA20_BUT_PHONE(acc)                                                \
	"\"na20\":{\"organisation\":\"Công ty TNHH Du lịch Sông Hồng\","   \
	"\"address\":\"12 Tràng Tiền, Hoàn Kiếm, Hà Nội\",\"email\":"      \
	"\"lienhe@songhong.vn\",\"account\":\"" acc "\",\"reason\":\"Không " \
	"còn nhu cầu sử dụng\",\"signer\":\"Nguyễn Văn An, Giám đốc\","     \
	"\"sealed\":true}"
#define XNC_REQUEST(id, acc, t, ch)                                        \
	"{\"op\":\"request\"," AT(t) ",\"request\":\"" id "\",\"account\":\"" \
	acc "\",\"requester\":\"" ORG "\",\"channel\":\"" ch "\","           \
	"\"na20\":{\"organisation\":\"Công ty TNHH Du lịch Sông Hồng\","   \
	"\"address\":\"12 Tràng Tiền, Hoàn Kiếm, Hà Nội\",\"phone\":"      \
	"\"024 3826 1234\",\"email\":\"lienhe@songhong.vn\",\"account\":\"" \
	acc "\",\"reason\":\"Không còn nhu cầu sử dụng\",\"signer\":"       \
	"\"Nguyễn Văn An, Giám đốc\",\"sealed\":true}}\n"

/* Reasons as the tool prints them: code, vi, en (rule E3). */
#define REASON(code, vi, en) \
	"{\"code\":\"" code "\",\"vi\":\"" vi "\",\"en\":\"" en "\"}"
#define R_ACCOUNT_CANCELLED                                               \
	REASON("account_cancelled", "Tài khoản đã bị hủy; không thể thực " \
	       "hiện thêm thao tác nào với tài khoản này.", "The account is " \
	       "cancelled; nothing can change it any more.")
#define R_ACCOUNT_LOCKED                                                  \
	REASON("account_locked", "Tài khoản đang bị khóa nên không thể sử " \
	       "dụng.", "The account is locked and cannot be used.")
#define R_NA20_PHONE                                                      \
	REASON("na20_phone", "Mẫu NA20: chưa ghi số điện thoại hoặc số "    \
	       "điện thoại không hợp lệ.", "Form NA20: the telephone number " \
	       "is missing or is not a telephone number.")
#define R_OUTSIDE_SESSION                                                 \
	REASON("outside_session", "Hồ sơ được nộp trực tiếp ngoài thời "    \
	       "gian tiếp nhận hồ sơ.", "The application was handed over in " \
	       "person outside a reception session.")
#define R_NOTHING_PENDING                                                 \
	REASON("nothing_pending", "Không có việc hủy tài khoản nào đang chờ " \
	       "thực hiện.", "No cancellation of the account is pending.")
#define R_NOT_ISSUED                                                      \
	REASON("not_issued", "Tài khoản chưa được cấp.", "The account has " \
	       "not been issued.")

#define BP_RECIPIENTS                                                     \
	"\"recipients\":[{\"role\":\"owner\",\"id\":\"" OWNER "\"},"        \
	"{\"role\":\"holder\",\"id\":\"C1234567\"}]"

/* Runs `bpacct run FILE [extra]` on the input text. */
static void run_input(const char *input, const char *extra)
{
	char path[256];

	temp_file(path, sizeof path, input);
	if (extra)
		RUN("run", path, extra);
	else
		RUN("run", path);
	unlink(path);
}

/* The whole output is exactly these lines, in this order. */
static void assert_output(const char *const *lines, size_t n)
{
	const char *p = r.out;

	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(lines[i]);

		if (strncmp(p, lines[i], len) != 0 || p[len] != '\n')
			fail_msg("line %zu of the output differs:\n"
				 "expected: %s\noutput:\n%s", i + 1, lines[i],
				 r.out);
		p += len + 1;
	}
	if (*p)
		fail_msg("more output than expected after line %zu:\n%s", n,
			 p);
}

#define ASSERT_OUTPUT(...)                                          \
	do {                                                        \
		const char *const lines_[] = { __VA_ARGS__ };       \
		assert_output(lines_, sizeof lines_ / sizeof *lines_); \
	} while (0)

/* check-cli-contract's example: BP-A3 (BP-R3, BP-R6), E1, a broken line. */
static void test_cli_run_bp_r3_contract_example(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A1", "2026-11-02T08:00:00")
		  BP_REQUEST("Q1", "A1", "2026-11-16T09:00:00")
		  "{\"op\":\"tick\"," AT("2026-11-16T11:00:00") "}\n"
		  "{\"op\":\"show\"," AT("2026-11-16T11:00:00")
		  ",\"account\":\"A1\"}\n"
		  "{\"op\":\"use\"," AT("2026-11-16T11:30:00")
		  ",\"account\":\"A1\"}\n"
		  "{broken\n", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "{\"type\":\"error\",\"line\":6,"
				      "\"code\":\"not_json\",\"message\":"));
	*strstr(r.out, "{\"type\":\"error\"") = '\0';
	ASSERT_OUTPUT(
		"{\"type\":\"deadline\"," AT("2026-11-02T08:00:00")
		",\"account\":\"A1\",\"rule\":\"bp-inactivity\",\"due\":"
		"\"2027-05-03T00:00:00+07:00\",\"case\":\"bp-c\"}",
		"{\"type\":\"outcome\"," AT("2026-11-16T09:00:00")
		",\"request\":\"Q1\",\"account\":\"A1\",\"outcome\":"
		"\"accepted\",\"received\":\"2026-11-16T09:00:00+07:00\","
		"\"reasons\":[],\"due\":\"2026-11-16T11:00:00+07:00\","
		"\"channel\":\"online\"}",
		"{\"type\":\"deadline\"," AT("2026-11-16T09:00:00")
		",\"account\":\"A1\",\"rule\":\"bp-request\",\"due\":"
		"\"2026-11-16T11:00:00+07:00\",\"case\":\"bp-a\"}",
		"{\"type\":\"transition\"," AT("2026-11-16T11:00:00")
		",\"account\":\"A1\",\"from\":\"active\",\"to\":\"cancelled\","
		"\"case\":\"bp-a\",\"actor\":\"system\",\"request\":\"Q1\","
		"\"rule\":\"bp-request\"}",
		"{\"type\":\"notice\"," AT("2026-11-16T11:00:00")
		",\"account\":\"A1\",\"kind\":\"cancellation_notice\","
		BP_RECIPIENTS ",\"channel\":\"online\",\"document\":\"MAU06\","
		"\"available_from\":\"2026-11-16T11:00:00+07:00\","
		"\"fee\":false,\"request\":\"Q1\",\"case\":\"bp-a\"}",
		"{\"type\":\"account\"," AT("2026-11-16T11:00:00")
		",\"account\":\"A1\",\"procedure\":\"bp\",\"state\":"
		"\"cancelled\",\"owner\":\"" OWNER "\",\"holder\":{\"id_type\":"
		"\"passport\",\"id_number\":\"C1234567\"},\"issued\":"
		"\"2026-11-02T08:00:00+07:00\",\"last_used\":null,"
		"\"cancelled\":\"2026-11-16T11:00:00+07:00\"}",
		"{\"type\":\"refused\"," AT("2026-11-16T11:30:00")
		",\"op\":\"use\",\"account\":\"A1\",\"reasons\":["
		R_ACCOUNT_CANCELLED "]}");
}

/* XNC-R2, XNC-R4, XNC-R5: online on a Sunday, received and cancelled at
 * the Monday session, NB10 through the portal. */
static void test_cli_run_xnc_r2_online_sunday_cancelled_monday(void **state)
{
	(void)state;
	run_input(XNC_ISSUE("X1")
		  XNC_REQUEST("N1", "X1", "2026-11-22T10:00:00", "online")
		  "{\"op\":\"tick\"," AT("2026-11-23T07:59:59") "}\n"
		  "{\"op\":\"tick\"," AT("2026-11-23T08:00:00") "}\n", NULL);
	assert_int_equal(r.status, 0);
	ASSERT_OUTPUT(
		"{\"type\":\"outcome\"," AT("2026-11-22T10:00:00")
		",\"request\":\"N1\",\"account\":\"X1\",\"outcome\":"
		"\"accepted\",\"received\":\"2026-11-23T08:00:00+07:00\","
		"\"reasons\":[],\"due\":\"2026-11-23T08:00:00+07:00\","
		"\"channel\":\"online\"}",
		"{\"type\":\"notice\"," AT("2026-11-22T10:00:00")
		",\"account\":\"X1\",\"kind\":\"acceptance\",\"recipients\":"
		"[{\"role\":\"owner\",\"id\":\"" ORG "\"}],\"channel\":"
		"\"online\",\"available_from\":\"2026-11-23T08:00:00+07:00\","
		"\"fee\":false,\"request\":\"N1\"}",
		"{\"type\":\"deadline\"," AT("2026-11-22T10:00:00")
		",\"account\":\"X1\",\"rule\":\"xnc-request\",\"due\":"
		"\"2026-11-23T08:00:00+07:00\",\"case\":\"xnc\"}",
		"{\"type\":\"transition\"," AT("2026-11-23T08:00:00")
		",\"account\":\"X1\",\"from\":\"active\",\"to\":\"cancelled\","
		"\"case\":\"xnc\",\"actor\":\"system\",\"request\":\"N1\","
		"\"rule\":\"xnc-request\"}",
		"{\"type\":\"notice\"," AT("2026-11-23T08:00:00")
		",\"account\":\"X1\",\"kind\":\"nb10\",\"recipients\":"
		"[{\"role\":\"owner\",\"id\":\"" ORG "\"}],\"channel\":"
		"\"online\",\"document\":\"NB10\",\"available_from\":"
		"\"2026-11-23T08:00:00+07:00\",\"fee\":false,\"request\":"
		"\"N1\",\"case\":\"xnc\"}");
}

/* XNC-R3, XNC-2b, XNC-2d: by post with the telephone missing, a written
 * request to supplement; the supplement (naming only the request) is
 * accepted, the account cancelled at once, the NB10 posted with the fee.
 * XNC-R2: in person on a Sunday is not receivable. */
static void test_cli_run_xnc_r3_postal_supplement_then_accepted(void **state)
{
	(void)state;
	run_input(XNC_ISSUE("X2")
		  "{\"op\":\"request\"," AT("2026-11-18T15:00:00")
		  ",\"request\":\"N2\",\"account\":\"X2\",\"requester\":\"" ORG
		  "\",\"channel\":\"postal\"," NA20_BUT_PHONE("X2") "}\n"
		  XNC_REQUEST("N3", "X2", "2026-11-22T10:00:00", "in_person")
		  "{\"op\":\"supplement\"," AT("2026-11-24T10:00:00")
		  ",\"request\":\"N2\",\"requester\":\"" ORG "\","
		  "\"channel\":\"postal\",\"na20\":"
		  "{\"phone\":\"024 3826 1234\"}}\n", NULL);
	assert_int_equal(r.status, 0);
	ASSERT_OUTPUT(
		"{\"type\":\"outcome\"," AT("2026-11-18T15:00:00")
		",\"request\":\"N2\",\"account\":\"X2\",\"outcome\":"
		"\"supplement\",\"received\":\"2026-11-18T15:00:00+07:00\","
		"\"reasons\":[" R_NA20_PHONE "],\"channel\":\"postal\"}",
		"{\"type\":\"notice\"," AT("2026-11-18T15:00:00")
		",\"account\":\"X2\",\"kind\":\"supplement_request\","
		"\"recipients\":[{\"role\":\"owner\",\"id\":\"" ORG "\"}],"
		"\"channel\":\"postal\",\"available_from\":"
		"\"2026-11-18T15:00:00+07:00\",\"fee\":false,\"request\":"
		"\"N2\",\"reasons\":[" R_NA20_PHONE "]}",
		"{\"type\":\"outcome\"," AT("2026-11-22T10:00:00")
		",\"request\":\"N3\",\"account\":\"X2\",\"outcome\":"
		"\"refused\",\"received\":\"2026-11-22T10:00:00+07:00\","
		"\"reasons\":[" R_OUTSIDE_SESSION "],"
		"\"channel\":\"in_person\"}",
		"{\"type\":\"outcome\"," AT("2026-11-24T10:00:00")
		",\"request\":\"N2\",\"account\":\"X2\",\"outcome\":"
		"\"accepted\",\"received\":\"2026-11-24T10:00:00+07:00\","
		"\"reasons\":[],\"due\":\"2026-11-24T10:00:00+07:00\","
		"\"channel\":\"postal\"}",
		"{\"type\":\"deadline\"," AT("2026-11-24T10:00:00")
		",\"account\":\"X2\",\"rule\":\"xnc-request\",\"due\":"
		"\"2026-11-24T10:00:00+07:00\",\"case\":\"xnc\"}",
		"{\"type\":\"transition\"," AT("2026-11-24T10:00:00")
		",\"account\":\"X2\",\"from\":\"active\",\"to\":\"cancelled\","
		"\"case\":\"xnc\",\"actor\":\"system\",\"request\":\"N2\","
		"\"rule\":\"xnc-request\"}",
		"{\"type\":\"notice\"," AT("2026-11-24T10:00:00")
		",\"account\":\"X2\",\"kind\":\"nb10\",\"recipients\":"
		"[{\"role\":\"owner\",\"id\":\"" ORG "\"}],\"channel\":"
		"\"postal\",\"document\":\"NB10\",\"available_from\":"
		"\"2026-11-24T10:00:00+07:00\",\"fee\":true,\"request\":"
		"\"N2\",\"case\":\"xnc\"}");
}

/* E2: the same request id again returns the first outcome, nothing
 * else; cli.md: one outcome for every request line. */
/* E2 revised: the owner's replay answers the standing outcome, marked
 * "replay":true, with nothing else. */
static void test_cli_run_e2_repeated_request_same_outcome_only(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A2", "2026-11-02T08:00:00")
		  BP_REQUEST("Q2", "A2", "2026-11-16T09:00:00")
		  BP_REQUEST("Q2", "A2", "2026-11-16T09:30:00"), NULL);
	assert_int_equal(r.status, 0);
	ASSERT_OUTPUT(
		"{\"type\":\"deadline\"," AT("2026-11-02T08:00:00")
		",\"account\":\"A2\",\"rule\":\"bp-inactivity\",\"due\":"
		"\"2027-05-03T00:00:00+07:00\",\"case\":\"bp-c\"}",
		"{\"type\":\"outcome\"," AT("2026-11-16T09:00:00")
		",\"request\":\"Q2\",\"account\":\"A2\",\"outcome\":"
		"\"accepted\",\"received\":\"2026-11-16T09:00:00+07:00\","
		"\"reasons\":[],\"due\":\"2026-11-16T11:00:00+07:00\","
		"\"channel\":\"online\"}",
		"{\"type\":\"deadline\"," AT("2026-11-16T09:00:00")
		",\"account\":\"A2\",\"rule\":\"bp-request\",\"due\":"
		"\"2026-11-16T11:00:00+07:00\",\"case\":\"bp-a\"}",
		"{\"type\":\"outcome\"," AT("2026-11-16T09:30:00")
		",\"request\":\"Q2\",\"account\":\"A2\",\"outcome\":"
		"\"accepted\",\"received\":\"2026-11-16T09:00:00+07:00\","
		"\"reasons\":[],\"due\":\"2026-11-16T11:00:00+07:00\","
		"\"channel\":\"online\",\"replay\":true}");
}

/* The position of needle in r.out, failing when absent. */
static size_t where(const char *needle)
{
	const char *p = strstr(r.out, needle);

	if (!p)
		fail_msg("\"%s\" not found in: %s", needle, r.out);
	return (size_t)(p - r.out);
}

static void assert_absent(const char *needle)
{
	if (strstr(r.out, needle))
		fail_msg("\"%s\" found in: %s", needle, r.out);
}

/* E2 revised: a stranger reusing the owner's id is refused
 * request_id_reused and told nothing (no due, no outcome of the first);
 * a supplement from a stranger is refused not_owner (E5). */
static void test_cli_run_e2_e5_a_stranger_is_told_nothing(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A3", "2026-11-02T08:00:00")
		  BP_REQUEST("Q3", "A3", "2026-11-16T09:00:00")
		  "{\"op\":\"request\"," AT("2026-11-16T09:10:00")
		  ",\"request\":\"Q3\",\"account\":\"A3\",\"requester\":\""
		  ORG "\",\"channel\":\"online\"}\n"
		  "{\"op\":\"supplement\"," AT("2026-11-16T09:20:00")
		  ",\"request\":\"Q3\",\"requester\":\"" ORG "\"}\n", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(line_with(AT("2026-11-16T09:10:00")),
			"\"outcome\":\"refused\",\"received\":"
			"\"2026-11-16T09:10:00+07:00\",\"reasons\":[{\"code\":"
			"\"request_id_reused\"");
	assert_int_equal(strstr(line_with(AT("2026-11-16T09:10:00")), "due"),
			 NULL);
	assert_contains(line_with(AT("2026-11-16T09:20:00")),
			"\"code\":\"not_owner\"");
	assert_absent("\"replay\"");
}

/* E6: `show` at 13:00 of a request due at 12:00 runs the cancellation
 * first (at 12:00, by the system), then shows the cancelled account. */
static void test_cli_run_e6_show_runs_what_is_due_first(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A4", "2026-11-02T08:00:00")
		  BP_REQUEST("Q4", "A4", "2026-11-16T10:00:00")
		  "{\"op\":\"show\"," AT("2026-11-16T13:00:00")
		  ",\"account\":\"A4\"}\n", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(line_with("\"type\":\"transition\""),
			AT("2026-11-16T12:00:00") ",\"account\":\"A4\","
			"\"from\":\"active\",\"to\":\"cancelled\","
			"\"case\":\"bp-a\",\"actor\":\"system\"");
	assert_contains(line_with("\"type\":\"account\""),
			"\"state\":\"cancelled\"");
	assert_true(where("\"type\":\"transition\"") <
		    where("\"type\":\"account\""));
	assert_true(where("\"kind\":\"cancellation_notice\"") <
		    where("\"type\":\"account\""));
}

/* E6, BP-R5 (a): the 0.4.0 bug through the tool.  Issued 2026-05-18, used
 * 2026-06-01, used again 2026-12-01: never cancelled. */
static void test_cli_run_e6_bp_r5_used_early_is_never_cancelled(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A5", "2026-05-18T09:00:00")
		  "{\"op\":\"use\"," AT("2026-06-01T09:00:00")
		  ",\"account\":\"A5\"}\n"
		  "{\"op\":\"use\"," AT("2026-12-01T09:00:00")
		  ",\"account\":\"A5\"}\n"
		  "{\"op\":\"tick\"," AT("2027-06-01T09:00:00") "}\n"
		  "{\"op\":\"show\"," AT("2027-06-01T09:00:00")
		  ",\"account\":\"A5\"}\n", NULL);
	assert_int_equal(r.status, 0);
	assert_absent("\"type\":\"transition\"");
	assert_absent("\"type\":\"refused\"");
	assert_contains(line_with("\"type\":\"account\""),
			"\"state\":\"active\"");
}

/* E6: a supplement for an unknown id first runs what is due. */
static void test_cli_run_e6_unknown_supplement_runs_due_first(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A6", "2026-11-02T08:00:00")
		  BP_REQUEST("Q6", "A6", "2026-11-16T10:00:00")
		  "{\"op\":\"supplement\"," AT("2026-11-16T13:00:00")
		  ",\"request\":\"NO-SUCH\",\"requester\":\"" OWNER "\"}\n",
		  NULL);
	assert_int_equal(r.status, 0);
	assert_true(where("\"to\":\"cancelled\"") <
		    where("\"code\":\"unknown_request\""));
}

/* E7: strict JSON, said plainly: a trailing comma, an unquoted key or a
 * line cut short is `not_json` with a message a person understands (never
 * the parser's state name), never taken for a duplicate key. */
static void test_e7_malformed_json_is_said_plainly(void **state)
{
	(void)state;
	run_input("{\"op\":\"use\",}\n"
		  "{op:\"use\"}\n"
		  "{\"op\":\"use\"\n", NULL);
	assert_int_equal(r.status, 1);
	assert_contains(line_with("\"line\":1"), "\"code\":\"not_json\"");
	assert_contains(line_with("\"line\":2"),
			"a key must be a string in double quotes");
	assert_contains(line_with("\"line\":3"),
			"the line ends before the JSON object does");
	assert_absent("continue");
	assert_absent("duplicate_key");
}

/* E5, cli.md: a cancel names who cancels; without `actor` the line is an
 * error, not an officer's cancel. */
static void test_cli_run_e5_cancel_without_actor_is_an_error(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A7", "2026-11-02T08:00:00")
		  BP_REQUEST("Q7", "A7", "2026-11-16T10:00:00")
		  "{\"op\":\"cancel\"," AT("2026-11-16T10:10:00")
		  ",\"account\":\"A7\"}\n", NULL);
	assert_int_equal(r.status, 1);
	assert_contains(line_with("\"line\":3"),
			"\"code\":\"missing_key\"");
	assert_absent("\"to\":\"cancelled\"");
}

/* E5: a rejected or refused request line leaves nothing the tool would
 * take for the request: a supplement naming only the id goes to the
 * account the library stored it for (restart consistency, in one run). */
static void test_cli_run_e5_a_refused_line_claims_no_request_id(void **state)
{
	(void)state;
	run_input(BP_ISSUE("B1", "2026-05-18T09:00:00")
		  BP_ISSUE("B5", "2026-05-18T09:00:00")
		  "{\"op\":\"use\"," AT("2026-05-18T10:00:00")
		  ",\"account\":\"B1\"}\n"
		  BP_REQUEST("R1", "B1", "2026-05-18T09:30:00")
		  "{\"op\":\"request\"," AT("2026-05-18T11:00:00")
		  ",\"request\":\"R1\",\"account\":\"B5\",\"requester\":\""
		  OWNER "\",\"channel\":\"online\",\"documents\":"
		  "[\"application\"]}\n"
		  "{\"op\":\"supplement\"," AT("2026-05-18T11:10:00")
		  ",\"request\":\"R1\",\"requester\":\"" OWNER "\","
		  "\"documents\":[\"enterprise_registration\",\"identity\"],"
		  "\"enterprise_code\":\"" OWNER "\",\"identity\":"
		  "{\"id_type\":\"passport\",\"id_number\":\"C1234567\"}}\n",
		  NULL);
	assert_int_equal(r.status, 0);
	assert_contains(line_with(AT("2026-05-18T09:30:00")),
			"\"code\":\"out_of_order\"");
	assert_contains(line_with("\"type\":\"outcome\"," AT(
				  "2026-05-18T11:10:00")),
			"\"account\":\"B5\",\"outcome\":\"accepted\"");
}

/* E5: a cancel by anyone but an officer is refused; a BP issue to an
 * invalid enterprise code or without a holder is refused. */
static void test_cli_run_e5_who_may_act(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A7", "2026-11-02T08:00:00")
		  BP_REQUEST("Q7", "A7", "2026-11-16T10:00:00")
		  "{\"op\":\"cancel\"," AT("2026-11-16T10:10:00")
		  ",\"account\":\"A7\",\"actor\":\"holder\"}\n"
		  "{\"op\":\"issue\"," AT("2026-11-16T10:20:00")
		  ",\"account\":\"A8\",\"procedure\":\"bp\",\"owner\":"
		  "\"not-a-code\",\"holder\":{\"id_type\":\"passport\","
		  "\"id_number\":\"C1234567\"}}\n"
		  "{\"op\":\"issue\"," AT("2026-11-16T10:30:00")
		  ",\"account\":\"A9\",\"procedure\":\"bp\",\"owner\":\""
		  OWNER "\"}\n", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(line_with(AT("2026-11-16T10:10:00")),
			"\"code\":\"actor_not_allowed\"");
	assert_contains(line_with(AT("2026-11-16T10:20:00")),
			"\"code\":\"invalid_enterprise_code\"");
	assert_contains(line_with(AT("2026-11-16T10:30:00")),
			"\"code\":\"holder_required\"");
	/* The pending cancellation stayed: the system runs it at 12:00. */
	run_input(BP_ISSUE("A7", "2026-11-02T08:00:00")
		  BP_REQUEST("Q7", "A7", "2026-11-16T10:00:00")
		  "{\"op\":\"cancel\"," AT("2026-11-16T10:10:00")
		  ",\"account\":\"A7\",\"actor\":\"owner\"}\n"
		  "{\"op\":\"tick\"," AT("2026-11-16T12:00:00") "}\n", NULL);
	assert_contains(line_with("\"type\":\"transition\""),
			"\"actor\":\"system\"");
}

/* BP-B1, BP-B2, BP-R4: a risk locks at once (officer); a locked account
 * cannot be used; the engine cancels 2 h after the lock, through
 * midnight; BP-R6: notice online to owner and holder.  A refusal is not
 * an error: exit status 0. */
static void test_cli_run_bp_r4_risk_locks_then_system_cancels(void **state)
{
	(void)state;
	run_input(BP_ISSUE("B1", "2026-11-02T08:00:00")
		  "{\"op\":\"risk\"," AT("2026-11-20T22:10:00")
		  ",\"account\":\"B1\",\"detail\":\"unusual logins\"}\n"
		  "{\"op\":\"use\"," AT("2026-11-20T23:00:00")
		  ",\"account\":\"B1\"}\n"
		  "{\"op\":\"tick\"," AT("2026-11-21T00:10:00") "}\n"
		  "{\"op\":\"cancel\"," AT("2026-11-21T00:20:00")
		  ",\"account\":\"B1\",\"actor\":\"officer\"}\n", NULL);
	assert_int_equal(r.status, 0);
	ASSERT_OUTPUT(
		"{\"type\":\"deadline\"," AT("2026-11-02T08:00:00")
		",\"account\":\"B1\",\"rule\":\"bp-inactivity\",\"due\":"
		"\"2027-05-03T00:00:00+07:00\",\"case\":\"bp-c\"}",
		"{\"type\":\"transition\"," AT("2026-11-20T22:10:00")
		",\"account\":\"B1\",\"from\":\"active\",\"to\":\"locked\","
		"\"case\":\"bp-b\",\"actor\":\"officer\"}",
		"{\"type\":\"deadline\"," AT("2026-11-20T22:10:00")
		",\"account\":\"B1\",\"rule\":\"bp-lock\",\"due\":"
		"\"2026-11-21T00:10:00+07:00\",\"case\":\"bp-b\"}",
		"{\"type\":\"refused\"," AT("2026-11-20T23:00:00")
		",\"op\":\"use\",\"account\":\"B1\",\"reasons\":["
		R_ACCOUNT_LOCKED "]}",
		"{\"type\":\"transition\"," AT("2026-11-21T00:10:00")
		",\"account\":\"B1\",\"from\":\"locked\",\"to\":\"cancelled\","
		"\"case\":\"bp-b\",\"actor\":\"system\",\"rule\":\"bp-lock\"}",
		"{\"type\":\"notice\"," AT("2026-11-21T00:10:00")
		",\"account\":\"B1\",\"kind\":\"cancellation_notice\","
		BP_RECIPIENTS ",\"channel\":\"online\",\"document\":\"MAU06\","
		"\"available_from\":\"2026-11-21T00:10:00+07:00\","
		"\"fee\":false,\"case\":\"bp-b\"}",
		"{\"type\":\"refused\"," AT("2026-11-21T00:20:00")
		",\"op\":\"cancel\",\"account\":\"B1\",\"reasons\":["
		R_ACCOUNT_CANCELLED "]}");
}

/* cli.md: a line that is not a valid event is an error effect with its
 * line number; nothing of it is applied; the run goes on; exit 1. */
static void test_cli_run_bad_lines_are_errors_with_line_numbers(void **state)
{
	(void)state;
	run_input("# events with mistakes\n"
		  "\n"
		  "this is not JSON\n"
		  "{\"at\":\"2026-11-16T09:00:00+07:00\"}\n"
		  "{\"op\":\"fly\"," AT("2026-11-16T09:00:00") "}\n"
		  "{\"op\":\"use\",\"at\":\"yesterday\",\"account\":\"A9\"}\n"
		  "{\"op\":\"use\"," AT("2026-11-16T09:00:00") "}\n"
		  "{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
		  "\"A9\",\"procedure\":\"fax\",\"owner\":\"" OWNER "\"}\n"
		  "[1, 2]\n"
		  "{\"op\":\"show\"," AT("2026-11-16T09:00:00")
		  ",\"account\":\"A9\"}\n"
		  "{\"op\":\"cancel\"," AT("2026-11-16T09:00:00")
		  ",\"account\":\"A9\",\"actor\":\"officer\"}\n"
		  XNC_ISSUE("X9")
		  "{\"op\":\"cancel\"," AT("2026-11-16T09:00:00")
		  ",\"account\":\"X9\",\"actor\":\"officer\"}\n"
		  "{\"op\":\"use\"," AT("1999-01-01T00:00:00")
		  ",\"account\":\"X9\"}\n"
		  "{\"op\":\"show\"," AT("2026-11-16T09:00:00")
		  ",\"account\":\"X9\",\"colour\":\"blue\"}\n", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "{\"type\":\"error\",\"line\":3,"
				      "\"code\":\"not_json\",\"message\":"));
	assert_non_null(strstr(r.out, "{\"type\":\"error\",\"line\":9,"
				      "\"code\":\"not_json\",\"message\":"));
	assert_non_null(strstr(r.out, "{\"type\":\"error\"," AT(
		"1999-01-01T00:00:00") ",\"line\":14,\"code\":\"out_of_range\","
		"\"message\":"));
	assert_non_null(line_with("\"line\":4,\"code\":\"missing_key\","
				  "\"message\":\"missing key 'op'\"}"));
	assert_non_null(line_with("\"line\":5,\"code\":\"unknown_op\","
				  "\"message\":\"unknown op 'fly'"));
	assert_non_null(line_with("\"line\":6,\"code\":\"bad_instant\","
				  "\"message\":\"key 'at': invalid instant "
				  "'yesterday'"));
	assert_non_null(line_with(AT("2026-11-16T09:00:00") ",\"line\":7,"
				  "\"code\":\"missing_key\",\"message\":"
				  "\"missing key 'account' (op 'use')\"}"));
	assert_non_null(line_with(AT("2026-11-02T08:00:00") ",\"line\":8,"
				  "\"code\":\"bad_value\",\"message\":\"key "
				  "'procedure': unknown value 'fax' (expected "
				  "bp or xnc)\"}"));
	/* Line 8 issued nothing: A9 does not exist. */
	assert_non_null(line_with("{\"type\":\"refused\","
				  AT("2026-11-16T09:00:00") ",\"op\":\"show\","
				  "\"account\":\"A9\",\"reasons\":["
				  R_NOT_ISSUED "]}"));
	assert_non_null(line_with("{\"type\":\"refused\","
				  AT("2026-11-16T09:00:00")
				  ",\"op\":\"cancel\",\"account\":\"X9\","
				  "\"reasons\":[" R_NOTHING_PENDING "]}"));
	/* Unknown keys are ignored. */
	assert_non_null(line_with("{\"type\":\"account\","
				  AT("2026-11-16T09:00:00") ",\"account\":"
				  "\"X9\",\"procedure\":\"xnc\",\"state\":"
				  "\"active\",\"owner\":\"" ORG "\",\"issued\":"
				  "\"2026-10-01T09:00:00+07:00\",\"last_used\":"
				  "null}"));
	assert_null(strstr(r.out, "\"line\":1,"));
	assert_null(strstr(r.out, "\"line\":2,"));
}

/* Every kind of malformed value is a bad_value error. */
static void test_cli_run_malformed_values_are_bad_value(void **state)
{
	static const char *const lines[] = {
		"{\"op\":\"use\"," AT("2026-11-16T09:00:00") ",\"account\":7}",
		"{\"op\":\"use\"," AT("2026-11-16T09:00:00")
		",\"account\":\"\"}",
		"{\"op\":\"use\"," AT("2026-11-16T09:00:00") ",\"account\":"
		"\"0123456789012345678901234567890123456789012345678\"}",
		"{\"op\":\"request\"," AT("2026-11-16T09:00:00") ",\"request\":"
		"\"Q\",\"account\":\"A\",\"requester\":\"R\",\"channel\":"
		"\"fax\"}",
		"{\"op\":\"request\"," AT("2026-11-16T09:00:00") ",\"request\":"
		"\"Q\",\"account\":\"A\",\"requester\":\"R\",\"channel\":"
		"\"online\",\"documents\":[\"passport_photo\"]}",
		"{\"op\":\"request\"," AT("2026-11-16T09:00:00") ",\"request\":"
		"\"Q\",\"account\":\"A\",\"requester\":\"R\",\"channel\":"
		"\"online\",\"na20\":{\"sealed\":\"yes\"}}",
		"{\"op\":\"cancel\"," AT("2026-11-16T09:00:00") ",\"account\":"
		"\"A\",\"actor\":\"king\"}",
		"{\"op\":\"issue\"," AT("2026-11-16T09:00:00") ",\"account\":"
		"\"A\",\"procedure\":\"bp\",\"owner\":\"" OWNER "\",\"holder\":"
		"{\"id_type\":\"ssn\",\"id_number\":\"1\"}}",
		/* '/' separates the parts of idempotency keys */
		"{\"op\":\"use\"," AT("2026-11-16T09:00:00") ",\"account\":"
		"\"A/0\"}",
		"{\"op\":\"show\"," AT("2026-11-16T09:00:00") ",\"account\":"
		"\"A/0\"}",
		"{\"op\":\"request\"," AT("2026-11-16T09:00:00") ",\"request\":"
		"\"x/y\",\"account\":\"A\",\"requester\":\"R\",\"channel\":"
		"\"online\"}",
	};

	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		char input[512];

		snprintf(input, sizeof input, "%s\n", lines[i]);
		run_input(input, NULL);
		if (r.status != 1 || !strstr(r.out, "\"line\":1,\"code\":"
						    "\"bad_value\""))
			fail_msg("line %zu: status %d, output %s", i, r.status,
				 r.out);
	}
}

/* A request about an unknown account leaves a record in state none in
 * the store (the compare-and-swap anchor): `show` still says not
 * issued. */
static void test_cli_run_show_after_a_request_about_no_account(void **state)
{
	(void)state;
	run_input(BP_REQUEST("Q7", "G1", "2026-11-16T09:00:00")
		  "{\"op\":\"show\"," AT("2026-11-16T10:00:00")
		  ",\"account\":\"G1\"}\n", NULL);
	assert_non_null(line_with("{\"type\":\"refused\","
				  AT("2026-11-16T10:00:00") ",\"op\":\"show\","
				  "\"account\":\"G1\",\"reasons\":["
				  R_NOT_ISSUED "]}"));
	assert_null(strstr(r.out, "\"type\":\"account\""));
}

/* --audit adds the audit records (E4) and the deliveries. */
static void test_cli_run_e4_audit_option(void **state)
{
	(void)state;
	run_input(BP_ISSUE("A3", "2026-11-02T08:00:00")
		  "{\"op\":\"risk\"," AT("2026-11-20T22:10:00")
		  ",\"account\":\"A3\",\"detail\":\"unusual logins\"}\n",
		  "--audit");
	assert_int_equal(r.status, 0);
	assert_contains(line_with("\"type\":\"audit\","
				  AT("2026-11-20T22:10:00")),
			"\"input\":\"risk\"");
	assert_contains(line_with("\"input\":\"risk\""),
			"\"detail\":\"unusual logins\"");
	assert_contains(line_with("\"input\":\"risk\""), "\"to\":\"locked\"");
	run_input(BP_ISSUE("A3", "2026-11-02T08:00:00"), NULL);
	assert_null(strstr(r.out, "\"audit\""));
}

/* Input from stdin; a store whose adapter is not built: exit 2 with a
 * message, nothing on stdout (the SQLite store itself: suite db). */
static void test_cli_run_stdin_and_store_spec(void **state)
{
	char path[256];
	const char *const args[] = { "run", NULL };

	(void)state;
	temp_file(path, sizeof path, BP_ISSUE("A4", "2026-11-02T08:00:00"));
	run_argv_in(args, path);
	unlink(path);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "\"rule\":\"bp-inactivity\"");
#ifdef BPACCT_HAVE_SQLITE
	RUN("run", "--store", "sqlite:", "/dev/null");
	assert_usage_error("path is missing");
#else
	RUN("run", "--store", "sqlite:/tmp/x.db", "/dev/null");
	assert_usage_error("not built");
#endif
#ifdef BPACCT_HAVE_POSTGRES
	/* cli.md: a store that cannot be opened is status 2, the cause on
	 * stderr */
	RUN("run", "--store", "postgres:host=/nonexistent/pg dbname=x",
	    "/dev/null");
	assert_int_equal(r.status, 2);
	assert_int_equal(r.out_len, 0);
	assert_contains(r.err, "cannot connect");
#else
	RUN("run", "--store", "postgres:dbname=x", "/dev/null");
	assert_usage_error("PostgreSQL");
#endif
	RUN("run", "--store", "memory", "/dev/null");
	assert_int_equal(r.status, 0);
	assert_int_equal(r.out_len, 0);
	RUN("run", "--store", "floppy", "/dev/null");
	assert_usage_error("floppy");
	RUN("run", "/nonexistent/events.jsonl");
	assert_usage_error("/nonexistent/events.jsonl");
	RUN("run", "--help");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "refusals included");
}

/* --- rule E7: input hygiene ------------------------------------------ */

/* Runs `bpacct run FILE [extra]` on n bytes (NUL bytes included). */
static void run_bytes(const char *data, size_t n, const char *extra)
{
	const char *dir = getenv("TMPDIR");
	char path[256];
	int fd;

	snprintf(path, sizeof path, "%s/bpacct-cli-XXXXXX",
		 dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	close(fd);
	if (extra)
		RUN("run", path, extra);
	else
		RUN("run", path);
	unlink(path);
}

/* The error effect of line n has this code (and its message contains
 * needle when not NULL). */
static void assert_line_error(int n, const char *code, const char *needle)
{
	char pat[96];
	const char *line;

	snprintf(pat, sizeof pat, "\"line\":%d,\"code\":\"%s\"", n, code);
	line = line_with(pat);
	if (needle)
		assert_contains(line, needle);
}

/* The last line of stderr is this summary. */
static void assert_summary(const char *expected)
{
	size_t n = strlen(expected);

	if (r.err_len < n || strcmp(r.err + r.err_len - n, expected) != 0 ||
	    (r.err_len > n && r.err[r.err_len - n - 1] != '\n'))
		fail_msg("stderr does not end with the summary \"%s\":\n%s",
			 expected, r.err);
}

#define NOT_ISSUED(acc, t)                                                \
	"{\"type\":\"refused\"," AT(t) ",\"op\":\"show\",\"account\":\"" acc \
	"\",\"reasons\":[" R_NOT_ISSUED "]}"
#define SHOW(acc, t) \
	"{\"op\":\"show\"," AT(t) ",\"account\":\"" acc "\"}\n"

/* E7: a key given twice is an error (json-c alone would keep the last),
 * in nested objects and arrays too, also when an escape spells the same
 * key; nothing of the line is applied. */
static void test_e7_duplicate_key_is_an_error(void **state)
{
	(void)state;
	run_input(
		/* 1: today "last wins" would issue */
		"{\"op\":\"use\",\"op\":\"issue\"," AT("2026-11-02T08:00:00")
		",\"account\":\"D1\",\"procedure\":\"xnc\",\"owner\":\"" ORG
		"\"}\n"
		/* 2: nested, in holder */
		"{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
		"\"D2\",\"procedure\":\"bp\",\"owner\":\"" OWNER "\",\"holder\":"
		"{\"id_type\":\"passport\",\"id_number\":\"C1234567\","
		"\"id_number\":\"C7654321\"}}\n"
		/* 3: the same key spelt with an escape */
		"{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
		"\"D3\",\"\\u0061ccount\":\"D4\",\"procedure\":\"xnc\","
		"\"owner\":\"" ORG "\"}\n"
		/* 4: inside a list, in a key nobody reads */
		"{\"op\":\"tick\"," AT("2026-11-02T08:00:00") ",\"x\":[{},"
		"{\"k\":1,\"k\":2}]}\n"
		/* 5: the same key in two objects is fine */
		"{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
		"\"D5\",\"procedure\":\"xnc\",\"owner\":\"" ORG "\",\"x\":"
		"{\"op\":1,\"account\":{\"op\":2}}}\n"
		SHOW("D1", "2026-11-03T08:00:00")
		SHOW("D2", "2026-11-03T08:00:00")
		SHOW("D3", "2026-11-03T08:00:00")
		SHOW("D4", "2026-11-03T08:00:00"), NULL);
	assert_int_equal(r.status, 1);
	assert_line_error(1, "duplicate_key", "key 'op' appears twice");
	assert_line_error(2, "duplicate_key", "key 'id_number' appears twice");
	assert_line_error(3, "duplicate_key", "key 'account' appears twice");
	assert_line_error(4, "duplicate_key", "key 'k' appears twice");
	assert_null(strstr(r.out, "\"line\":5,"));
	assert_non_null(line_with(NOT_ISSUED("D1", "2026-11-03T08:00:00")));
	assert_non_null(line_with(NOT_ISSUED("D2", "2026-11-03T08:00:00")));
	assert_non_null(line_with(NOT_ISSUED("D3", "2026-11-03T08:00:00")));
	assert_non_null(line_with(NOT_ISSUED("D4", "2026-11-03T08:00:00")));
	assert_summary("bpacct run: 9 lines, 5 events (4 refused), 4 errors\n");
}

/* E7: a NUL byte anywhere in the line — in a string, after the object,
 * in a comment, or escaped — is an error; nothing of the line is
 * applied.  The tool reads lengths from getline, not strlen. */
static void test_e7_nul_byte_is_an_error(void **state)
{
	static const char in[] =
		"{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
		"\"N1\",\"procedure\":\"xnc\",\"owner\":\"" ORG "\"}\0junk\n"
		"{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
		"\"N2\0\",\"procedure\":\"xnc\",\"owner\":\"" ORG "\"}\n"
		"# a comment\0\n"
		"\0{\"op\":\"tick\"," AT("2026-11-02T08:00:00") "}\n"
		"{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
		"\"N3\",\"procedure\":\"xnc\",\"owner\":\"" ORG "\","
		"\"note\":\"a\\u0000b\"}\n"
		SHOW("N1", "2026-11-03T08:00:00")
		SHOW("N2", "2026-11-03T08:00:00")
		SHOW("N3", "2026-11-03T08:00:00");

	(void)state;
	run_bytes(in, sizeof in - 1, NULL);
	assert_int_equal(r.status, 1);
	assert_line_error(1, "nul_byte", "NUL byte");
	assert_line_error(2, "nul_byte", NULL);
	assert_line_error(3, "nul_byte", NULL);
	assert_line_error(4, "nul_byte", "byte 1;");
	assert_line_error(5, "nul_byte", NULL);
	assert_non_null(line_with(NOT_ISSUED("N1", "2026-11-03T08:00:00")));
	assert_non_null(line_with(NOT_ISSUED("N2", "2026-11-03T08:00:00")));
	assert_non_null(line_with(NOT_ISSUED("N3", "2026-11-03T08:00:00")));
}

/* E7: bytes that are not UTF-8 anywhere (a stray byte, an overlong form,
 * an encoded surrogate, a truncated sequence, in a key nobody reads, in a
 * comment) are an error; Vietnamese text is fine. */
static void test_e7_invalid_utf8_is_an_error(void **state)
{
	(void)state;
	run_input(
		"{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
		"\"U\xff\",\"procedure\":\"xnc\",\"owner\":\"" ORG "\"}\n"
		"{\"op\":\"tick\"," AT("2026-11-02T08:00:00") ",\"x\":"
		"\"\xc0\xaf\"}\n"
		"{\"op\":\"tick\"," AT("2026-11-02T08:00:00") ",\"x\":"
		"\"\xed\xa0\x80\"}\n"
		"{\"op\":\"tick\"," AT("2026-11-02T08:00:00") "} \xe1\x80\n"
		"# Ti\xe1ng Vi\xe1\xbb\x87t\n"
		"{\"op\":\"risk\"," AT("2026-11-02T08:00:00") ",\"account\":"
		"\"U1\",\"detail\":\"đăng nhập bất thường\"}\n", NULL);
	assert_int_equal(r.status, 1);
	assert_line_error(1, "bad_utf8", "not UTF-8");
	assert_line_error(2, "bad_utf8", NULL);
	assert_line_error(3, "bad_utf8", NULL);
	assert_line_error(4, "bad_utf8", NULL);
	assert_line_error(5, "bad_utf8", NULL);
	/* line 6 is a valid event: refused, the account does not exist */
	assert_null(strstr(r.out, "\"line\":6,"));
	assert_summary("bpacct run: 6 lines, 1 event (1 refused), 5 errors\n");
}

/* E7: ids hold no control character (C0, DEL, ESC, C1), no space (also
 * U+00A0) and no '/'; nothing of the line is applied. */
static void test_e7_ids_without_controls_spaces_or_slash(void **state)
{
	static const char *const ids[] = {
		"I 1", "I\\t1", "I\\n1", "I\\u001b[31m", "I\\u007f", "I\\u0085",
		"I\\u00a01", "I/1", " I1", "I\\ud800",
	};
	char input[8192] = "";
	size_t n = 0;

	(void)state;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		n += (size_t)snprintf(input + n, sizeof input - n,
				      "{\"op\":\"issue\"," AT("2026-11-02T08:00:00")
				      ",\"account\":\"%s\",\"procedure\":\"xnc\","
				      "\"owner\":\"" ORG "\"}\n", ids[i]);
	n += (size_t)snprintf(input + n, sizeof input - n,
			      /* owner, requester, holder number, NA20 account */
			      "{\"op\":\"issue\"," AT("2026-11-02T08:00:00")
			      ",\"account\":\"I2\",\"procedure\":\"xnc\","
			      "\"owner\":\"0301 234562\"}\n"
			      "{\"op\":\"issue\"," AT("2026-11-02T08:00:00")
			      ",\"account\":\"I3\",\"procedure\":\"bp\","
			      "\"owner\":\"" OWNER "\",\"holder\":{\"id_type\":"
			      "\"passport\",\"id_number\":\"C123\\u001b4567\"}}\n"
			      "{\"op\":\"request\"," AT("2026-11-16T09:00:00")
			      ",\"request\":\"Q1\",\"account\":\"I4\","
			      "\"requester\":\"03/01\",\"channel\":\"online\"}\n"
			      "{\"op\":\"request\"," AT("2026-11-16T09:00:00")
			      ",\"request\":\"Q2\",\"account\":\"I4\","
			      "\"requester\":\"" ORG "\",\"channel\":\"online\","
			      "\"na20\":{\"account\":\"I 4\"}}\n"
			      SHOW("I2", "2026-11-20T08:00:00")
			      SHOW("I3", "2026-11-20T08:00:00"));
	assert_true(n < sizeof input);
	run_input(input, NULL);
	assert_int_equal(r.status, 1);
	for (int i = 1; i <= 14; i++) {
		char pat[64];

		snprintf(pat, sizeof pat, "\"line\":%d,\"code\":\"bad_value\"",
			 i);
		if (!strstr(r.out, pat))
			fail_msg("line %d is not a bad_value error:\n%s", i,
				 r.out);
	}
	assert_line_error(1, "bad_value", "must not contain spaces");
	assert_line_error(4, "bad_value", "control character (U+001B");
	assert_line_error(8, "bad_value", "must not contain '/'");
	assert_line_error(11, "bad_value", "key 'owner'");
	assert_line_error(12, "bad_value", "key 'holder.id_number'");
	assert_line_error(13, "bad_value", "key 'requester'");
	assert_line_error(14, "bad_value", "key 'na20.account'");
	assert_non_null(line_with(NOT_ISSUED("I2", "2026-11-20T08:00:00")));
	assert_non_null(line_with(NOT_ISSUED("I3", "2026-11-20T08:00:00")));
	assert_null(strstr(r.out, "\"type\":\"outcome\""));
}

/* E7: a text longer than its limit is an error that names the limit,
 * never cut (a 10 MB detail was cut to 95 bytes); at the limit it is
 * kept whole. */
static void test_e7_text_over_its_limit_names_the_limit(void **state)
{
	const size_t big = (size_t)10 << 20;
	char *in = malloc(big + 4096);
	size_t n;

	(void)state;
	if (!in) {
		fail_msg("out of memory");
		return;
	}
	n = (size_t)sprintf(in, "%s", BP_ISSUE("L1", "2026-11-02T08:00:00"));
	n += (size_t)sprintf(in + n, "{\"op\":\"risk\"," AT("2026-11-20T22:10:00")
			     ",\"account\":\"L1\",\"detail\":\"");
	memset(in + n, 'x', big);
	n += big;
	n += (size_t)sprintf(in + n, "\"}\n");
	/* 96 bytes: one over */
	n += (size_t)sprintf(in + n, "{\"op\":\"risk\"," AT("2026-11-20T22:10:00")
			     ",\"account\":\"L1\",\"detail\":\"%096d\"}\n", 0);
	/* a holder name of 1024 bytes */
	n += (size_t)sprintf(in + n, "{\"op\":\"issue\"," AT("2026-11-02T08:00:00")
			     ",\"account\":\"L2\",\"procedure\":\"bp\",\"owner\":"
			     "\"" OWNER "\",\"holder\":{\"name\":\"%01024d\","
			     "\"id_type\":\"passport\",\"id_number\":"
			     "\"C1234567\"}}\n", 0);
	/* an account of 48 bytes */
	n += (size_t)sprintf(in + n, "{\"op\":\"use\"," AT("2026-11-02T08:00:00")
			     ",\"account\":\"%048d\"}\n", 0);
	/* 95 bytes: kept whole in the audit */
	n += (size_t)sprintf(in + n, "{\"op\":\"risk\"," AT("2026-11-20T22:10:00")
			     ",\"account\":\"L1\",\"detail\":\"%095d\"}\n", 7);
	run_bytes(in, n, "--audit");
	free(in);
	assert_int_equal(r.status, 1);
	assert_line_error(2, "bad_value", "key 'detail' has 10485760 bytes: "
			  "the limit is 95");
	assert_line_error(3, "bad_value", "key 'detail' has 96 bytes: the "
			  "limit is 95");
	assert_line_error(4, "bad_value", "key 'holder.name' has 1024 bytes: "
			  "the limit is 1023");
	assert_line_error(5, "bad_value", "key 'account' has 48 bytes: the "
			  "limit is 47");
	/* the lock came from line 6 only, with its whole detail */
	assert_contains(line_with("\"input\":\"risk\""),
			"\"detail\":\"0000000000000000000000000000000000000000"
			"0000000000000000000000000000000000000000000000000"
			"000007\"");
	assert_contains(line_with("\"to\":\"locked\""), AT("2026-11-20T22:10:00"));
}

/* An `at` that parses as RFC 3339 but lies outside years 1–9999 at
 * UTC+07:00 is an error naming the range (it printed "at":"?"). */
static void test_t1_at_outside_years_1_to_9999_is_an_error(void **state)
{
	(void)state;
	run_input("{\"op\":\"tick\",\"at\":\"0001-01-01T00:00:00+08:00\"}\n"
		  "{\"op\":\"tick\",\"at\":\"9999-12-31T23:00:00-01:00\"}\n"
		  "{\"op\":\"tick\",\"at\":\"0001-01-01T00:00:00+07:00\"}\n"
		  "{\"op\":\"show\",\"at\":\"9999-12-31T16:59:59Z\","
		  "\"account\":\"Z\"}\n", NULL);
	assert_int_equal(r.status, 1);
	assert_line_error(1, "bad_instant", "outside the years 1 to 9999 at "
			  "UTC+07:00");
	assert_line_error(2, "bad_instant", "outside the years 1 to 9999");
	assert_null(strstr(r.out, "\"?\""));
	assert_null(strstr(r.out, "\"line\":4,"));
	assert_non_null(line_with(NOT_ISSUED("Z", "9999-12-31T23:59:59")));
	RUN("deadline", "--rule", "bp-request", "--at",
	    "0001-01-01T00:00:00+08:00");
	assert_usage_error("outside the years 1 to 9999");
}

/* cli.md, exit status of `run`: 0 when every line was a valid event,
 * refusals included; 1 when a line was an error; 2 when the input or the
 * store cannot be opened (the cause on stderr); a one-line summary on
 * stderr at the end. */
static void test_cli_run_exit_status_and_summary(void **state)
{
	(void)state;
	run_input(XNC_ISSUE("S1")
		  "# a comment\n"
		  "{\"op\":\"cancel\"," AT("2026-11-16T09:00:00")
		  ",\"account\":\"S1\",\"actor\":\"officer\"}\n"
		  SHOW("S2", "2026-11-16T09:00:00"), NULL);
	assert_int_equal(r.status, 0);
	assert_summary("bpacct run: 4 lines, 3 events (2 refused), 0 errors\n");
	run_input(XNC_ISSUE("S1") "{broken\n", NULL);
	assert_int_equal(r.status, 1);
	assert_summary("bpacct run: 2 lines, 1 event (0 refused), 1 error\n");
	RUN("run", "/dev/null");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "bpacct run: 0 lines, 0 events (0 refused), "
			    "0 errors\n");
	RUN("run", "/nonexistent/events.jsonl");
	assert_usage_error("cannot read '/nonexistent/events.jsonl'");
	assert_null(strstr(r.err, "lines,"));
#ifdef BPACCT_HAVE_SQLITE
	RUN("run", "--store", "sqlite:/nonexistent/dir/x.db", "/dev/null");
	assert_usage_error("/nonexistent/dir/x.db");
#endif
	/* --calendar that cannot be read: 2 as well */
	RUN("run", "--calendar", "/nonexistent/cal.csv", "/dev/null");
	assert_usage_error("/nonexistent/cal.csv");
}

/* cli.md: --progress (or a terminal) reports progress on long inputs:
 * every 10000 lines, then the summary. */
static void test_cli_run_progress_option(void **state)
{
	const size_t lines = 20001;
	char *in = malloc(lines * 2 + 1);

	(void)state;
	if (!in) {
		fail_msg("out of memory");
		return;
	}
	for (size_t i = 0; i < lines; i++)
		memcpy(in + 2 * i, "#\n", 2);
	run_bytes(in, lines * 2, "--progress");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err,
			    "bpacct run: 10000 lines, 0 events (0 refused), "
			    "0 errors so far\n"
			    "bpacct run: 20000 lines, 0 events (0 refused), "
			    "0 errors so far\n"
			    "bpacct run: 20001 lines, 0 events (0 refused), "
			    "0 errors\n");
	run_bytes(in, lines * 2, NULL);
	free(in);
	assert_string_equal(r.err, "bpacct run: 20001 lines, 0 events (0 "
			    "refused), 0 errors\n");
	RUN("run", "--help");
	assert_contains(r.out, "--progress");
}

/* The demo: exit 0, every case of both procedures, computed values. */
static void test_cli_demo_tells_every_case(void **state)
{
	static const char *const needles[] = {
		"BP-A", "BP-B", "BP-C", "XNC in person", "XNC by post",
		"XNC online", "XNC not eligible",
		/* BP-A: supplement, then accepted: due 2 h after 10:30 */
		"missing_identity", "2026-11-17T12:30:00+07:00",
		/* BP-B: lock + 2 h through midnight */
		"2026-11-21T00:10:00+07:00", "account_locked",
		/* BP-C: 24:00 of 2026-09-15 */
		"2026-09-16T00:00:00+07:00",
		/* XNC: Saturday in person, NB10 from Monday's session */
		"2026-11-23T08:00:00+07:00", "NB10", "na20_phone",
		"the delivery fee is due", "not_owner", "already_cancelled",
		/* rules and articles, recipients and channels */
		"Điều 147", "Art. 147(1)", "148(3)", "to the owner",
		"to the holder", "trực tuyến", "bưu chính",
	};

	(void)state;
	RUN("demo");
	if (r.status != 0)
		fail_msg("status %d: %s", r.status, r.err);
	for (size_t i = 0; i < sizeof needles / sizeof *needles; i++)
		assert_contains(r.out, needles[i]);
	assert_true(r.out_len < OUT_MAX - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_run_bp_r3_contract_example),
		cmocka_unit_test(
			test_cli_run_xnc_r2_online_sunday_cancelled_monday),
		cmocka_unit_test(
			test_cli_run_xnc_r3_postal_supplement_then_accepted),
		cmocka_unit_test(
			test_cli_run_e2_repeated_request_same_outcome_only),
		cmocka_unit_test(test_cli_run_e2_e5_a_stranger_is_told_nothing),
		cmocka_unit_test(test_cli_run_e6_show_runs_what_is_due_first),
		cmocka_unit_test(
			test_cli_run_e6_bp_r5_used_early_is_never_cancelled),
		cmocka_unit_test(
			test_cli_run_e6_unknown_supplement_runs_due_first),
		cmocka_unit_test(test_cli_run_e5_who_may_act),
		cmocka_unit_test(test_e7_malformed_json_is_said_plainly),
		cmocka_unit_test(
			test_cli_run_e5_cancel_without_actor_is_an_error),
		cmocka_unit_test(
			test_cli_run_e5_a_refused_line_claims_no_request_id),
		cmocka_unit_test(
			test_cli_run_bp_r4_risk_locks_then_system_cancels),
		cmocka_unit_test(
			test_cli_run_bad_lines_are_errors_with_line_numbers),
		cmocka_unit_test(test_cli_run_malformed_values_are_bad_value),
		cmocka_unit_test(
			test_cli_run_show_after_a_request_about_no_account),
		cmocka_unit_test(test_cli_run_e4_audit_option),
		cmocka_unit_test(test_cli_run_stdin_and_store_spec),
		cmocka_unit_test(test_e7_duplicate_key_is_an_error),
		cmocka_unit_test(test_e7_nul_byte_is_an_error),
		cmocka_unit_test(test_e7_invalid_utf8_is_an_error),
		cmocka_unit_test(test_e7_ids_without_controls_spaces_or_slash),
		cmocka_unit_test(test_e7_text_over_its_limit_names_the_limit),
		cmocka_unit_test(test_t1_at_outside_years_1_to_9999_is_an_error),
		cmocka_unit_test(test_cli_run_exit_status_and_summary),
		cmocka_unit_test(test_cli_run_progress_option),
		cmocka_unit_test(test_cli_demo_tells_every_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
