/*
 * `bpacct demo`: every case of both procedures, told step by step for a
 * reader who has never seen the seeds.  Each step is a line of `bpacct run`
 * input, parsed and handed to the same engine over the in-memory store;
 * what follows it (outcomes, deadlines with their rule and article,
 * transitions, notices with their recipients, channel, document, date and
 * fee, refusals with their reasons) is the library's answer, narrated by
 * demo_say.c.  Only the sentences that set each scene are the tool's.
 */
#include <string.h>

#include "run.h"

typedef struct demo_step {
	const char *say;  /* the event, in words */
	const char *line; /* the event, as `bpacct run` reads it */
} demo_step;

typedef struct demo_case {
	const char *title, *intro;
	demo_step steps[5];
} demo_case;

/* Identifiers (domain-reference §7): enterprise code 0100109106 with a
 * valid check digit, CCCD 001090012345 (Hà Nội, 1990). */
#define ENTERPRISE "0100109106"
#define ORG "0301234562"
#define OTHER_ORG "0312345670"
#define AT(t) "\"at\":\"" t "+07:00\""
#define BP_ISSUE(acc, t)                                                   \
	"{\"op\":\"issue\"," AT(t) ",\"account\":\"" acc "\",\"procedure\":" \
	"\"bp\",\"owner\":\"" ENTERPRISE "\",\"holder\":{\"name\":\"Lê Văn " \
	"Cường\",\"id_type\":\"cccd\",\"id_number\":\"001090012345\"}}"
#define XNC_ISSUE(acc)                                                     \
	"{\"op\":\"issue\"," AT("2026-10-01T09:00:00") ",\"account\":\"" acc \
	"\",\"procedure\":\"xnc\",\"owner\":\"" ORG "\"}"
#define NA20_BUT_PHONE(acc)                                                \
	"\"na20\":{\"organisation\":\"Công ty TNHH Du lịch Sông Hồng\","   \
	"\"address\":\"12 Tràng Tiền, Hoàn Kiếm, Hà Nội\",\"email\":"      \
	"\"lienhe@songhong.vn\",\"account\":\"" acc "\",\"reason\":\"Không " \
	"còn nhu cầu sử dụng\",\"signer\":\"Nguyễn Văn An, Giám đốc\","     \
	"\"sealed\":true,"
#define NA20(acc) NA20_BUT_PHONE(acc) "\"phone\":\"024 3826 1234\"}"
#define XNC_REQUEST(id, acc, t, ch, who)                                   \
	"{\"op\":\"request\"," AT(t) ",\"request\":\"" id "\",\"account\":\"" \
	acc "\",\"requester\":\"" who "\",\"channel\":\"" ch "\"," NA20(acc) "}"

static const demo_case cases[] = {
	{ "BP-A — the enterprise asks; a paper is missing, then supplied",
	  "Enterprise " ENTERPRISE " (doanh nghiệp chủ quản, the managing "
	  "enterprise) asks the\nBorder Guard of a land border gate (Biên "
	  "phòng cửa khẩu) to cancel the portal\naccount of its performer "
	  "(người làm thủ tục) Lê Văn Cường.  It must send an\napplication "
	  "(Đơn đề nghị hủy tài khoản), a copy of its registration "
	  "certificate\nand the performer's identity document (BP-A1); the "
	  "account is cancelled within\n2 hours of receipt (BP-A2).",
	  { { "The Border Guard issues account BP-A1 to the performer.",
	      BP_ISSUE("BP-A1", "2026-11-02T08:00:00") },
	    { "The enterprise posts its application with the registration "
	      "copy,\n    but forgets the identity document.",
	      "{\"op\":\"request\"," AT("2026-11-16T09:00:00") ",\"request\":"
	      "\"Q-A1\",\"account\":\"BP-A1\",\"requester\":\"" ENTERPRISE
	      "\",\"channel\":\"postal\",\"documents\":[\"application\","
	      "\"enterprise_registration\"],\"enterprise_code\":\"" ENTERPRISE
	      "\"}" },
	    { "The copy of the performer's CCCD (căn cước công dân) "
	      "arrives.",
	      "{\"op\":\"supplement\"," AT("2026-11-17T10:30:00")
	      ",\"request\":\"Q-A1\",\"account\":\"BP-A1\",\"requester\":\""
	      ENTERPRISE "\",\"documents\":"
	      "[\"identity\"],"
	      "\"identity\":{\"id_type\":\"cccd\",\"id_number\":"
	      "\"001090012345\"}}" },
	    { "An officer cancels the account before the 2 hours run out "
	      "(BP-R3\n    allows it).",
	      "{\"op\":\"cancel\"," AT("2026-11-17T11:45:00") ",\"account\":"
	      "\"BP-A1\",\"actor\":\"officer\"}" } } },
	{ "BP-B — a security risk: lock at once, cancel within 2 hours",
	  "A risk to the security of electronic border-procedure data is "
	  "found on a\nFriday night.  The account is locked at once (BP-B1) "
	  "and cancelled no later\nthan 2 hours after the lock (BP-B2), on "
	  "the clock, through midnight.",
	  { { "The Border Guard issues account BP-B1.",
	      BP_ISSUE("BP-B1", "2026-11-02T08:05:00") },
	    { "Logins from unknown addresses are detected (phát hiện nguy "
	      "cơ).",
	      "{\"op\":\"risk\"," AT("2026-11-20T22:10:00") ",\"account\":"
	      "\"BP-B1\",\"detail\":\"đăng nhập bất thường / unusual "
	      "logins\"}" },
	    { "The performer tries to use the account.",
	      "{\"op\":\"use\"," AT("2026-11-20T23:00:00") ",\"account\":"
	      "\"BP-B1\"}" },
	    { "Nobody acts; the engine's clock reaches the due instant.",
	      "{\"op\":\"tick\"," AT("2026-11-21T00:10:00") "}" } } },
	{ "BP-C — six months unused from the issue date",
	  "An account not used for 6 consecutive months from the date it was "
	  "issued is\ncancelled (BP-C1).  Default reading (a) of rule BP-R5: "
	  "never used since the\nissue; the period ends at 24:00 of the "
	  "corresponding day, with no move to the\nnext working day.",
	  { { "Account BP-C1 is issued on a Sunday.",
	      BP_ISSUE("BP-C1", "2026-03-15T09:00:00") },
	    { "Account BP-C2 is issued at the same time.",
	      BP_ISSUE("BP-C2", "2026-03-15T09:00:00") },
	    { "BP-C2 is used once; BP-C1 never is.",
	      "{\"op\":\"use\"," AT("2026-04-01T10:00:00") ",\"account\":"
	      "\"BP-C2\"}" },
	    { "The engine's clock reaches 24:00 of 15 September.",
	      "{\"op\":\"tick\"," AT("2026-09-16T00:00:00") "}" },
	    { "How BP-C2 stands now.",
	      "{\"op\":\"show\"," AT("2026-09-16T00:00:00") ",\"account\":"
	      "\"BP-C2\"}" } } },
	{ "XNC in person — a Saturday morning at the office",
	  "Organisation " ORG " asks the Immigration Department (Cục Quản lý "
	  "xuất nhập\ncảnh) to cancel its electronic account, on form NA20 "
	  "(XNC-1).  Reception is\nMonday to Saturday morning (XNC-2e); the "
	  "account is cancelled immediately on\nreceipt (XNC-T); results "
	  "(letter NB10) are handed out Monday to Friday (XNC-3).",
	  { { "The Immigration Department issues account XNC-1.",
	      XNC_ISSUE("XNC-1") },
	    { "The organisation hands a complete NA20 over at the office and "
	      "will\n    collect the result in person.",
	      XNC_REQUEST("N-1", "XNC-1", "2026-11-21T09:00:00", "in_person",
			  ORG) } } },
	{ "XNC by post — a field of NA20 is missing",
	  "A form sent by post that is not fully filled in gets a written "
	  "request to\nsupplement (XNC-2b); once complete, the reply in "
	  "writing is the NB10, and its\npostal delivery carries the fee "
	  "(XNC-2d).",
	  { { "The Immigration Department issues account XNC-2.",
	      XNC_ISSUE("XNC-2") },
	    { "The organisation posts an NA20 without its telephone number.",
	      "{\"op\":\"request\"," AT("2026-11-18T15:00:00") ",\"request\":"
	      "\"N-2\",\"account\":\"XNC-2\",\"requester\":\"" ORG "\","
	      "\"channel\":\"postal\"," NA20_BUT_PHONE("XNC-2") "\"phone\":"
	      "\"\"}}" },
	    { "The missing telephone number arrives by post.",
	      "{\"op\":\"supplement\"," AT("2026-11-24T10:00:00")
	      ",\"request\":\"N-2\",\"requester\":\"" ORG "\","
	      "\"channel\":\"postal\",\"na20\":{\"phone\":"
	      "\"024 3826 1234\"}}" } } },
	{ "XNC online — sent on a Sunday",
	  "Through the portal a request may be sent at any time, but it is "
	  "received at\nthe start of the next reception session (XNC-R2); the "
	  "cancellation follows at\nonce (XNC-R4) and the NB10 goes back "
	  "through the portal.",
	  { { "The Immigration Department issues account XNC-3.",
	      XNC_ISSUE("XNC-3") },
	    { "The organisation sends its NA20 through the portal on Sunday.",
	      XNC_REQUEST("N-3", "XNC-3", "2026-11-22T10:00:00", "online",
			  ORG) },
	    { "Monday: the reception session opens.",
	      "{\"op\":\"tick\"," AT("2026-11-23T08:00:00") "}" } } },
	{ "XNC not eligible — rejected with reasons",
	  "Only the organisation that was issued the account may have it "
	  "cancelled\n(XNC-E); a request that is not eligible is not accepted, "
	  "and a portal notice\nstates the reasons (XNC-2c).",
	  { { "The Immigration Department issues account XNC-4 to " ORG ".",
	      XNC_ISSUE("XNC-4") },
	    { "Another organisation, " OTHER_ORG ", asks to cancel XNC-4.",
	      XNC_REQUEST("N-4", "XNC-4", "2026-11-24T14:00:00", "online",
			  OTHER_ORG) },
	    { "The owner of XNC-3 asks again, a day after it was cancelled.",
	      XNC_REQUEST("N-5", "XNC-3", "2026-11-24T14:30:00", "online",
			  ORG) } } },
};

#define NCASES (sizeof cases / sizeof cases[0])

/* show: the account as the store holds it, and when anything will next
 * be due for it. */
static void say_account(run_session *s, const run_line *l)
{
	const bpacct_account *acc = run_session_account(s, l->account);
	const bpacct_profile *p = NULL;
	char used[BPACCT_INSTANT_BUFSIZE], next[BPACCT_INSTANT_BUFSIZE];
	int64_t state = 0, procedure = 0, t = BPACCT_INSTANT_NONE;

	if (!acc) {
		printf("  → %s: not issued\n", l->account);
		return;
	}
	bpacct_account_get_int(acc, BPACCT_FIELD_STATE, &state);
	bpacct_account_get_int(acc, BPACCT_FIELD_PROCEDURE, &procedure);
	bpacct_account_get_int(acc, BPACCT_FIELD_LAST_USED, &t);
	snprintf(used, sizeof used, "%s", t == BPACCT_INSTANT_NONE
						  ? "never"
						  : tool_instant(next, t));
	t = BPACCT_INSTANT_NONE;
	if (bpacct_profile_get((int32_t)procedure, &p) == BPACCT_OK)
		bpacct_account_next_due(p, s->cal, acc, &t);
	printf("  → Tài khoản %s: %s (%s)\n      last used: %s\n      "
	       "next due: %s\n", l->account,
	       demo_state_vi((int32_t)state),
	       bpacct_value_name(BPACCT_FIELD_STATE, (int32_t)state), used,
	       t == BPACCT_INSTANT_NONE ? "nothing, ever (không có thời hạn "
					  "nào)"
					: tool_instant(next, t));
}

static int step(const tool_args *a, run_session *s, const demo_step *st)
{
	char buf[BPACCT_INSTANT_BUFSIZE];
	run_line l;
	run_error err;
	int32_t day = 0;
	int rc;

	if (run_parse(st->line, strlen(st->line), &l, &err) != 0)
		return tool_refuse(a, "demo line: %s", err.message);
	bpacct_instant_to_day(l.ev.at, &day, NULL);
	printf("\n  ▸ %s (%s, %s)\n    %s\n", tool_instant(buf, l.ev.at),
	       tool_weekday_vi(day), tool_weekday_en(day), st->say);
	run_session_clear(s);
	if (l.op == RUN_OP_SHOW) {
		say_account(s, &l);
		rc = BPACCT_OK;
	} else {
		rc = run_session_submit(s, &l);
		demo_say_effects(s, stdout);
	}
	run_line_free(&l);
	return rc == BPACCT_OK ? TOOL_EXIT_OK
			       : tool_lib_fail(a, "the engine", rc);
}

static void summary(const run_session *s)
{
	uint64_t accounts = 0, outbox = 0, audit = 0;

	bpacct_memory_store_stats(s->store, &accounts, NULL, &outbox, &audit);
	printf("\n== In the store ==\n%llu accounts; %lu notices delivered "
	       "through the notifier, %llu left in the\noutbox; %llu audit "
	       "records (every transition and refusal, rule E4).\n",
	       (unsigned long long)accounts, s->delivered,
	       (unsigned long long)outbox, (unsigned long long)audit);
}

int tool_cmd_demo(const tool_args *a)
{
	run_session s;
	int rc = run_session_open(a, &s);

	if (rc != TOOL_EXIT_OK)
		return rc;
	printf("bpacct %s — the lifecycle of electronic accounts under "
	       "Vietnamese law\n(vòng đời tài khoản điện tử): active → locked "
	       "→ cancelled, on the in-memory\nstore.  Times are Vietnam time "
	       "(UTC+07:00).  Everything after an arrow (→)\nis computed by "
	       "the library.\n", bpacct_version_string());
	for (size_t c = 0; c < NCASES && rc == TOOL_EXIT_OK; c++) {
		printf("\n== %zu. %s ==\n%s\n", c + 1, cases[c].title,
		       cases[c].intro);
		for (size_t i = 0; i < 5 && cases[c].steps[i].line &&
				   rc == TOOL_EXIT_OK;
		     i++)
			rc = step(a, &s, &cases[c].steps[i]);
	}
	if (rc == TOOL_EXIT_OK)
		summary(&s);
	run_session_close(&s);
	return rc;
}
