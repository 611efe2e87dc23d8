/*
 * Tests of `bpacct simulate` (docs/lifecycle.md, "Simulation"): the built
 * tool runs a seeded population through the engine, and each test states
 * what the rules must have done:
 * - the same seed gives the same bytes; another seed another population;
 * - --json is one object with every documented key, and its counts agree
 *   with one another (cases add up to the total, every notice owed was
 *   delivered, every cancellation is an account in state cancelled);
 * - deadlines: no cancellation is recorded after its legal bound (BP-R3,
 *   BP-R4: 2 h; BP-R5: the mark; XNC-R4: the session of receipt) nor
 *   before its trigger;
 * - BP-R5: under reading (a) an account is cancelled for inactivity only
 *   if it was never used in its first six months, and then at the mark;
 *   under (b) at the mark after its last use.  An account that (a)
 *   cancels was never used before issue + 6 months, so (b), whose mark is
 *   then the same, cancels it at the same instant: the event streams of
 *   one seed are the same until a policy makes an account differ, hence
 *   bp-c under (b) ≥ bp-c under (a), month by month, and XNC (no
 *   inactivity rule) is untouched.  A pattern "once" (one use, then
 *   silence) is cancelled by (b) only, so with it in the mix the
 *   inequality is strict;
 * - a population that never logs in, files nothing and meets no risk is
 *   cancelled whole, as bp-c, exactly at its six-month mark (24:00 of the
 *   corresponding day, T3): with issues over the first six months of
 *   2026, none in January–June and every one by the end of December;
 * - the policies of rules.md are switched on a copy of the BP profile:
 *   the inactivity warning goes once to each account that (a) cancels,
 *   the lock notice once per lock (BP-R4), neither by default;
 * - bad options: exit 2 with a message naming the option.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "cli_support.h"

#define SIM "simulate"
/* A population small enough for a test, large enough for every case. */
#define BASE SIM, "--accounts", "3000", "--years", "2"
#define NEVER "--mix", "never=1,requests=0,risks=0"

/* The text of the object or array under "key" (the first one), copied. */
static const char *object_of(const char *json, const char *key)
{
	static char buf[OUT_MAX];
	char pat[64];
	const char *p, *q;
	int depth = 0;

	snprintf(pat, sizeof pat, "\"%s\":", key);
	/* The key with an object or array value ("requests" is also a
	 * share of mix_ppm). */
	for (p = strstr(json, pat); p; p = strstr(p + 1, pat))
		if (p[strlen(pat)] == '{' || p[strlen(pat)] == '[')
			break;
	if (!p)
		fail_msg("no object \"%s\" in: %s", key, json);
	p += strlen(pat);
	for (q = p; *q; q++) {
		if (*q == '{' || *q == '[')
			depth++;
		else if ((*q == '}' || *q == ']') && --depth == 0)
			break;
	}
	assert_true(*q);
	memcpy(buf, p, (size_t)(q - p + 1));
	buf[q - p + 1] = '\0';
	return buf;
}

/* The integer at "key" of the object "obj" (or of the whole output). */
static long long num(const char *obj, const char *key)
{
	const char *text = obj ? object_of(r.out, obj) : r.out;
	const char *v = field(text, key);
	char *end = NULL;
	long long n;

	if (!v)
		fail_msg("key \"%s\" missing in %s: %s", key,
			 obj ? obj : "the output", text);
	n = strtoll(v, &end, 10);
	if (!end || *end != '\0')
		fail_msg("key \"%s\" is not an integer: %s", key, v);
	return n;
}

/* The integer at obj.sub.key (e.g. deadlines.bp_a.late). */
static long long num2(const char *obj, const char *sub, const char *key)
{
	char inner[OUT_MAX];
	const char *v;

	snprintf(inner, sizeof inner, "%s", object_of(r.out, obj));
	v = field(object_of(inner, sub), key);
	if (!v)
		fail_msg("key %s.%s.%s missing", obj, sub, key);
	return strtoll(v, NULL, 10);
}

/* The per-month counts of one case, in month order. */
static int months_of(const char *key, long long *out, int max)
{
	char months[OUT_MAX];
	const char *p;
	int n = 0;

	snprintf(months, sizeof months, "%s",
		 object_of(r.out, "cancellations_by_month"));
	for (p = months; (p = strstr(p, "{\"month\":")) && n < max; p++) {
		const char *v = field(p, key);

		assert_non_null(v);
		out[n++] = strtoll(v, NULL, 10);
	}
	return n;
}

static void assert_ok(void)
{
	if (r.status != 0)
		fail_msg("status %d: %s", r.status, r.err);
}

static void test_cli_simulate_same_seed_same_bytes(void **state)
{
	static char first[OUT_MAX];

	(void)state;
	RUN(BASE, "--seed", "42", "--json");
	assert_one_json_line();
	memcpy(first, r.out, r.out_len + 1);
	RUN(BASE, "--seed", "42", "--json");
	assert_one_json_line();
	assert_string_equal(r.out, first);
	/* The text report too. */
	RUN(BASE, "--seed", "42");
	assert_ok();
	memcpy(first, r.out, r.out_len + 1);
	RUN(BASE, "--seed", "42");
	assert_string_equal(r.out, first);
}

static void test_cli_simulate_other_seed_other_population(void **state)
{
	static char first[OUT_MAX];

	(void)state;
	RUN(BASE, "--seed", "1", "--json");
	assert_one_json_line();
	memcpy(first, r.out, r.out_len + 1);
	RUN(BASE, "--seed", "2", "--json");
	assert_one_json_line();
	assert_string_not_equal(r.out, first);
	assert_field("seed", "2");
}

static void test_cli_simulate_json_keys_and_totals(void **state)
{
	static const char *const keys[] = {
		"seed", "accounts", "years", "procedure", "start", "end",
		"issue_months", "tick_seconds", "policy", "rolling",
		"warning_days", "lock_notice", "mix_ppm", "issued", "patterns",
		"events", "officer_cancel", "cancellations", "bp_a", "bp_b",
		"bp_c", "xnc", "total", "cancellations_by_actor", "officer",
		"system", "cancellations_by_month", "month", "notices",
		"cancellation_notice", "inactivity_warning", "nb10",
		"notices_delivered", "requests", "accepted", "supplement",
		"rejected", "refused", "request_reasons", "refusals",
		"deadlines", "min_seconds", "mean_seconds", "max_seconds",
		"late", "early", "mean_run_lag_seconds", "max_run_lag_seconds",
		"final_states", "active", "locked", "cancelled", "store",
		"audit_entries", "outbox_pending",
	};
	long long total = 0, m[64];
	int n;

	(void)state;
	RUN(BASE, "--seed", "7", "--json");
	assert_one_json_line();
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
		char pat[64];

		snprintf(pat, sizeof pat, "\"%s\":", keys[i]);
		assert_contains(r.out, pat);
	}
	assert_field("procedure", "both");
	assert_field("start", "2026-01-01");
	assert_field("end", "2028-01-01");
	assert_int_equal(num(NULL, "tick_seconds"), 3600);
	assert_int_equal(num("issued", "bp") + num("issued", "xnc"), 3000);
	/* Every case happened, and they add up. */
	for (const char *const *c = (const char *const[]){ "bp_a", "bp_b",
							   "bp_c", "xnc",
							   NULL };
	     *c; c++) {
		assert_true(num("cancellations", *c) > 0);
		total += num("cancellations", *c);
	}
	assert_int_equal(num("cancellations", "total"), total);
	assert_int_equal(num("cancellations_by_actor", "officer") +
				 num("cancellations_by_actor", "system"),
			 total);
	/* 24 months, and the months add up to the total. */
	n = months_of("total", m, 64);
	assert_int_equal(n, 24);
	for (int i = 0; i < n; i++)
		total -= m[i];
	assert_int_equal(total, 0);
	/* Each cancelled account is one cancellation (E1: once). */
	assert_int_equal(num2("final_states", "bp", "cancelled"),
			 num("cancellations", "bp_a") +
				 num("cancellations", "bp_b") +
				 num("cancellations", "bp_c"));
	assert_int_equal(num2("final_states", "xnc", "cancelled"),
			 num("cancellations", "xnc"));
	/* BP-R6: one cancellation notice per BP cancellation; XNC-R5: one
	 * NB10 per XNC cancellation.  Every notice owed was delivered. */
	assert_int_equal(num("notices", "cancellation_notice"),
			 num2("final_states", "bp", "cancelled"));
	assert_int_equal(num("notices", "nb10"), num("cancellations", "xnc"));
	assert_int_equal(num(NULL, "notices_delivered"),
			 num("notices", "total"));
	assert_int_equal(num("store", "outbox_pending"), 0);
	/* Requests of every outcome; the reasons say why. */
	assert_true(num("requests", "accepted") > 0);
	assert_true(num("requests", "supplement") > 0);
	assert_true(num("requests", "rejected") > 0);
	assert_true(num("request_reasons", "not_owner") > 0);
	assert_true(num("request_reasons", "missing_identity") > 0);
	assert_true(num("request_reasons", "na20_phone") > 0);
}

static void test_cli_simulate_no_cancellation_after_its_bound(void **state)
{
	(void)state;
	RUN(BASE, "--seed", "11", "--json", "--warning-days", "15",
	    "--lock-notice");
	assert_one_json_line();
	assert_int_equal(num("deadlines", "late"), 0);
	assert_int_equal(num("deadlines", "early"), 0);
	/* BP-R3, BP-R4: within 2 h of receipt or lock, officer or system. */
	assert_true(num2("deadlines", "bp_a", "count") > 0);
	assert_true(num2("deadlines", "bp_a", "max_seconds") <= 7200);
	assert_true(num2("deadlines", "bp_b", "max_seconds") <= 7200);
	assert_true(num2("deadlines", "bp_a", "min_seconds") >= 0);
	/* BP-R5: at the mark; XNC-R4: on acceptance, at receipt. */
	assert_int_equal(num2("deadlines", "bp_c", "min_seconds"), 0);
	assert_int_equal(num2("deadlines", "bp_c", "max_seconds"), 0);
	assert_int_equal(num2("deadlines", "xnc", "max_seconds"), 0);
	/* The hourly tick runs a due at most an hour late (E6 records it at
	 * the due instant all the same). */
	assert_true(num2("deadlines", "bp_a", "max_run_lag_seconds") <= 3600);
	/* The same under the rolling reading. */
	RUN(BASE, "--seed", "11", "--json", "--rolling");
	assert_one_json_line();
	assert_int_equal(num("deadlines", "late"), 0);
	assert_int_equal(num("deadlines", "early"), 0);
}

static void test_cli_simulate_bp_r5_rolling_cancels_no_fewer(void **state)
{
	long long a[64], b[64], xa[64], xb[64];
	long long bp_c_a, bp_c_b, bp_cancelled_a, xnc_a;
	int na, nb;

	(void)state;
	RUN(BASE, "--seed", "5", "--json");
	assert_one_json_line();
	bp_c_a = num("cancellations", "bp_c");
	bp_cancelled_a = num2("final_states", "bp", "cancelled");
	xnc_a = num("cancellations", "xnc");
	na = months_of("bp_c", a, 64);
	months_of("xnc", xa, 64);
	RUN(BASE, "--seed", "5", "--json", "--rolling");
	assert_one_json_line();
	assert_contains(object_of(r.out, "policy"), "\"rolling\":true");
	bp_c_b = num("cancellations", "bp_c");
	nb = months_of("bp_c", b, 64);
	months_of("xnc", xb, 64);
	assert_int_equal(na, nb);
	for (int i = 0; i < na; i++) {
		if (b[i] < a[i])
			fail_msg("month %d: bp-c %lld under (b) < %lld under "
				 "(a)", i + 1, b[i], a[i]);
		assert_int_equal(xb[i], xa[i]);
	}
	/* "once" accounts: (b) cancels them 6 months after their use. */
	assert_true(bp_c_b > bp_c_a);
	assert_true(num2("final_states", "bp", "cancelled") >= bp_cancelled_a);
	assert_int_equal(num("cancellations", "xnc"), xnc_a);
	/* Without "once" and "never" accounts, (a) cancels nobody. */
	RUN(BASE, "--seed", "5", "--json", "--mix",
	    "daily=0.5,occasional=0.5,requests=0,risks=0");
	assert_one_json_line();
	assert_int_equal(num("cancellations", "total"), 0);
	assert_int_equal(num2("final_states", "bp", "active") +
				 num2("final_states", "xnc", "active"),
			 3000);
}

static void test_cli_simulate_never_used_all_bp_c_at_six_months(void **state)
{
	long long m[16];
	int n;

	(void)state;
	RUN(SIM, "--accounts", "2000", "--years", "1", "--seed", "3",
	    "--procedure", "bp", NEVER, "--issue-months", "6", "--json");
	assert_one_json_line();
	assert_int_equal(num("issued", "bp"), 2000);
	assert_int_equal(num("issued", "xnc"), 0);
	assert_int_equal(num("patterns", "never"), 2000);
	assert_int_equal(num("events", "use"), 0);
	assert_int_equal(num("cancellations", "bp_c"), 2000);
	assert_int_equal(num("cancellations", "total"), 2000);
	assert_int_equal(num("cancellations_by_actor", "system"), 2000);
	assert_int_equal(num2("deadlines", "bp_c", "count"), 2000);
	assert_int_equal(num2("deadlines", "bp_c", "min_seconds"), 0);
	assert_int_equal(num2("deadlines", "bp_c", "max_seconds"), 0);
	assert_int_equal(num("deadlines", "late"), 0);
	assert_int_equal(num("deadlines", "early"), 0);
	/* BP-R5 cases are run at 00:00, on an hourly tick: no lag. */
	assert_int_equal(num2("deadlines", "bp_c", "max_run_lag_seconds"), 0);
	assert_int_equal(num2("final_states", "bp", "cancelled"), 2000);
	assert_int_equal(num2("final_states", "bp", "active"), 0);
	/* BP-R6: both recipients, one notice each. */
	assert_int_equal(num("notices", "cancellation_notice"), 2000);
	assert_int_equal(num("notices", "inactivity_warning"), 0);
	/* Issued 2026-01-01..06-30: marks from 2026-07-02T00:00 on. */
	n = months_of("bp_c", m, 16);
	assert_int_equal(n, 12);
	for (int i = 0; i < 6; i++)
		assert_int_equal(m[i], 0);
	for (int i = 6; i < 12; i++)
		assert_true(m[i] > 0);
	/* Reading (b) is the same for accounts never used. */
	RUN(SIM, "--accounts", "2000", "--years", "1", "--seed", "3",
	    "--procedure", "bp", NEVER, "--issue-months", "6", "--json",
	    "--rolling");
	assert_one_json_line();
	assert_int_equal(num("cancellations", "bp_c"), 2000);
	assert_int_equal(num2("deadlines", "bp_c", "max_seconds"), 0);
}

static void test_cli_simulate_policies_warning_and_lock_notice(void **state)
{
	(void)state;
	/* The warning: once per account cancelled for inactivity. */
	RUN(SIM, "--accounts", "1000", "--years", "1", "--seed", "9",
	    "--procedure", "bp", NEVER, "--issue-months", "6", "--json",
	    "--warning-days", "30");
	assert_one_json_line();
	assert_int_equal(num("policy", "warning_days"), 30);
	assert_int_equal(num("notices", "inactivity_warning"), 1000);
	assert_int_equal(num("cancellations", "bp_c"), 1000);
	/* A risk on every account: one lock notice per lock with the
	 * policy, none without (BP-R4). */
	RUN(SIM, "--accounts", "1000", "--years", "1", "--seed", "9",
	    "--procedure", "bp", "--mix", "daily=1,requests=0,risks=1",
	    "--json");
	assert_one_json_line();
	assert_int_equal(num("notices", "lock_notice"), 0);
	assert_int_equal(num("cancellations", "bp_b") +
				 num2("final_states", "bp", "locked"),
			 1000);
	RUN(SIM, "--accounts", "1000", "--years", "1", "--seed", "9",
	    "--procedure", "bp", "--mix", "daily=1,requests=0,risks=1",
	    "--json", "--lock-notice");
	assert_one_json_line();
	assert_contains(object_of(r.out, "policy"), "\"lock_notice\":true");
	assert_int_equal(num("notices", "lock_notice"),
			 num("cancellations", "bp_b") +
				 num2("final_states", "bp", "locked"));
	assert_int_equal(num("notices", "lock_notice"), 1000);
	/* A daily user is refused while locked (BP-R4). */
	assert_true(num("refusals", "account_locked") > 0);
}

static void test_cli_simulate_xnc_requests_on_every_channel(void **state)
{
	(void)state;
	RUN(SIM, "--accounts", "600", "--years", "1", "--seed", "4",
	    "--procedure", "xnc", "--mix", "requests=1", "--json");
	assert_one_json_line();
	assert_int_equal(num("issued", "bp"), 0);
	assert_int_equal(num("cancellations", "bp_a") +
				 num("cancellations", "bp_b") +
				 num("cancellations", "bp_c"),
			 0);
	/* XNC-R2: handed over in person outside a session → refused, and
	 * made again in a session. */
	assert_true(num("request_reasons", "outside_session") > 0);
	assert_true(num("requests", "refused") > 0);
	/* XNC-R3/R5: receipt in person, acceptance online, NB10 always. */
	assert_true(num("notices", "receipt") > 0);
	assert_true(num("notices", "acceptance") > 0);
	assert_int_equal(num("notices", "nb10"), num("cancellations", "xnc"));
	assert_int_equal(num2("deadlines", "xnc", "late"), 0);
	assert_int_equal(num2("final_states", "xnc", "cancelled"),
			 num("cancellations", "xnc"));
}

static void test_cli_simulate_text_report(void **state)
{
	static const char *const needles[] = {
		"Simulation: 3000 accounts",
		"2 years from 2026-01-01 to 2028-01-01, seed 42",
		"BP-R5 (a)", "hourly ticks",
		"Cancellations (hủy tài khoản) by month", "2027-12",
		"Deadlines met", "6-month mark", "Notices by kind",
		"cancellation_notice", "Requests and supplements by outcome",
		"Accounts by final state",
	};

	(void)state;
	RUN(BASE, "--seed", "42");
	assert_ok();
	for (size_t i = 0; i < sizeof needles / sizeof *needles; i++)
		assert_contains(r.out, needles[i]);
	RUN(SIM, "--help");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "mean_run_lag_seconds");
	assert_contains(r.out, "cancellations_by_month");
	assert_contains(r.out, "never=1,requests=0,risks=0");
}

static void test_cli_simulate_bad_options_exit_2(void **state)
{
	(void)state;
	RUN(SIM, "--years", "1", "--seed", "1");
	assert_usage_error("--accounts");
	RUN(SIM, "--accounts", "0", "--years", "1", "--seed", "1");
	assert_usage_error("--accounts");
	RUN(SIM, "--accounts", "1000001", "--years", "1", "--seed", "1");
	assert_usage_error("--accounts");
	RUN(SIM, "--accounts", "ten", "--years", "1", "--seed", "1");
	assert_usage_error("'ten'");
	RUN(SIM, "--accounts", "10", "--years", "0", "--seed", "1");
	assert_usage_error("--years");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "-1");
	assert_usage_error("--seed");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1",
	    "--procedure", "both,bp");
	assert_usage_error("--procedure");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1",
	    "--start", "2026-02-30");
	assert_usage_error("--start");
	RUN(SIM, "--accounts", "10", "--years", "2", "--seed", "1",
	    "--start", "2198-06-01");
	assert_usage_error("leaves the calendar");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1",
	    "--warning-days", "367");
	assert_usage_error("--warning-days");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1",
	    "--issue-months", "13");
	assert_usage_error("--issue-months");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1", "--mix",
	    "never=1.5");
	assert_usage_error("never");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1", "--mix",
	    "sometimes=0.5");
	assert_usage_error("sometimes");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1", "--mix",
	    "daily=0.5,occasional=0.5,once=0.5");
	assert_usage_error("add up to");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1", "--mix",
	    "daily=0.25,occasional=0.25,once=0.25,never=0.2");
	assert_usage_error("not 1");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1", "--mix",
	    "risks=0.1,risks=0.2");
	assert_usage_error("twice");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1", "--store",
	    "memory");
	assert_usage_error("--store");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1",
	    "--lock-notice=yes");
	assert_usage_error("--lock-notice");
	RUN(SIM, "--accounts", "10", "--years", "1", "--seed", "1", "extra");
	assert_usage_error("extra");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_simulate_same_seed_same_bytes),
		cmocka_unit_test(test_cli_simulate_other_seed_other_population),
		cmocka_unit_test(test_cli_simulate_json_keys_and_totals),
		cmocka_unit_test(
			test_cli_simulate_no_cancellation_after_its_bound),
		cmocka_unit_test(
			test_cli_simulate_bp_r5_rolling_cancels_no_fewer),
		cmocka_unit_test(
			test_cli_simulate_never_used_all_bp_c_at_six_months),
		cmocka_unit_test(
			test_cli_simulate_policies_warning_and_lock_notice),
		cmocka_unit_test(
			test_cli_simulate_xnc_requests_on_every_channel),
		cmocka_unit_test(test_cli_simulate_text_report),
		cmocka_unit_test(test_cli_simulate_bad_options_exit_2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
