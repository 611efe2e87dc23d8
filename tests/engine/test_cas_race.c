/*
 * Two engines over ONE in-memory store (docs/threading.md: any number of
 * engines may share a store, kept consistent by compare-and-swap).  The
 * race is made deterministic: engine A sees the store through a wrapper
 * whose get_account() of the raced account, once A has read it, lets
 * engine B run a whole event — between A's read and A's commit.  B is a
 * different engine, so this is not a re-entry of A.  A's commit must then
 * fail the compare-and-swap, and A re-read and re-apply: the store ends as
 * if the two events had run one after the other, with one cancellation
 * and one set of notices; a conflict that outlasts `retries` gives
 * BPACCT_ECONFLICT with nothing of A's written.
 */
#include "../unit/test_lifecycle_support.h"

#include <bpacct/sys/notifier.h>
#include <bpacct/sys/store.h>

#define ISSUED "2026-11-02T08:00:00+07:00"
#define KEY_MAX 128

typedef struct race {
	bpacct_memory_store *mem;
	bpacct_engine *a, *b;
	const char *raced;         /* the account whose read lets B in */
	int lets;                  /* how many more times */
	const char *raced_request; /* or the request whose read does */
	void (*b_event)(int k);    /* what B does the kth time */
	int b_runs;
	int a_commits, a_conflicts;
	int cancellations;         /* TRANSITION to cancelled, both engines */
	int64_t cancel_case;       /* the case of the last one */
	char keys[16][KEY_MAX];    /* distinct notice keys delivered */
	int64_t kinds[16];
	int nkeys;
} race;

static race R;

/* ---- engine A's view of the store ---- */

#define INNER (bpacct_memory_store_ops())

static int a_get_account(const char *id, uint8_t *buf, size_t size,
			 size_t *out_len, void *ud)
{
	int rc = INNER->get_account(id, buf, size, out_len, ud);

	if (R.lets > 0 && !R.raced_request && strcmp(id, R.raced) == 0) {
		R.lets--;
		R.b_event(R.b_runs++);
	}
	return rc;
}

static int a_get_request(const char *id, uint8_t *buf, size_t size,
			 size_t *out_len, void *ud)
{
	int rc = INNER->get_request(id, buf, size, out_len, ud);

	if (R.lets > 0 && R.raced_request && strcmp(id, R.raced_request) == 0) {
		R.lets--;
		R.b_event(R.b_runs++);
	}
	return rc;
}

static int a_commit(const bpacct_change *change, void *ud)
{
	int rc = INNER->commit(change, ud);
	int64_t has_account = 0;

	assert_int_equal(bpacct_change_get_int(change,
					       BPACCT_CHANGE_HAS_ACCOUNT,
					       &has_account),
			 BPACCT_OK);
	if (has_account) {
		R.a_commits++;
		R.a_conflicts += rc == BPACCT_ECONFLICT;
	}
	return rc;
}

static int a_due(int64_t at, uint32_t max, bpacct_sink *sink, void *ud)
{
	return INNER->due(at, max, sink, ud);
}

static int a_outbox(uint32_t max, bpacct_sink *sink, void *ud)
{
	return INNER->outbox(max, sink, ud);
}

static int a_mark_delivered(const char *key, void *ud)
{
	return INNER->mark_delivered(key, ud);
}

static const bpacct_store_ops a_ops = {
	BPACCT_STORE_OPS_VERSION, a_get_account, a_get_request, a_commit,
	a_due, a_outbox, a_mark_delivered,
};

/* ---- one notifier and one effects hook for both ---- */

static int deliver(const bpacct_entry *notice, void *ud)
{
	const char *key = NULL;
	int64_t kind = 0;

	(void)ud;
	assert_int_equal(bpacct_entry_get_text(notice, BPACCT_FIELD_KEY, &key),
			 BPACCT_OK);
	assert_int_equal(bpacct_entry_get_int(notice, BPACCT_FIELD_KIND, &kind),
			 BPACCT_OK);
	for (int i = 0; i < R.nkeys; i++)
		if (strcmp(R.keys[i], key) == 0)
			return 0; /* a redelivery: dropped by key */
	assert_true(R.nkeys < 16);
	assert_true(strlen(key) < KEY_MAX);
	memcpy(R.keys[R.nkeys], key, strlen(key) + 1);
	R.kinds[R.nkeys++] = kind;
	return 0;
}

static const bpacct_notifier_ops notifier = { BPACCT_NOTIFIER_OPS_VERSION,
					      deliver };

static void on_effects(const char *account, const bpacct_effects *fx,
		       void *ud)
{
	uint32_t n = 0;

	(void)account;
	(void)ud;
	assert_int_equal(bpacct_effects_count(fx, &n), BPACCT_OK);
	for (uint32_t i = 0; i < n; i++) {
		int64_t type = 0, to = 0;
		assert_int_equal(bpacct_effect_get_int(fx, i, BPACCT_FIELD_TYPE,
						       &type),
				 BPACCT_OK);
		if (type != BPACCT_EFFECT_TRANSITION)
			continue;
		assert_int_equal(bpacct_effect_get_int(fx, i, BPACCT_FIELD_TO,
						       &to),
				 BPACCT_OK);
		if (to != BPACCT_STATE_CANCELLED)
			continue;
		R.cancellations++;
		assert_int_equal(bpacct_effect_get_int(fx, i, BPACCT_FIELD_CASE,
						       &R.cancel_case),
				 BPACCT_OK);
	}
}

static bpacct_engine *engine(bpacct_memory_store *mem,
			     const bpacct_store_ops *ops, uint32_t retries)
{
	bpacct_engine_options o;
	bpacct_engine *e = NULL;

	assert_int_equal(bpacct_engine_options_init(
				 &o, BPACCT_ENGINE_OPTIONS_VERSION),
			 BPACCT_OK);
	o.store = ops;
	o.store_userdata = mem;
	o.notifier = &notifier;
	o.calendar = tst_cal;
	o.on_effects = on_effects;
	o.retries = retries;
	assert_int_equal(bpacct_engine_new(&e, &o), BPACCT_OK);
	return e;
}

static int setup(void **state)
{
	(void)state;
	memset(&R, 0, sizeof R);
	assert_int_equal(bpacct_memory_store_new(&R.mem, NULL), BPACCT_OK);
	R.a = engine(R.mem, &a_ops, 2);
	R.b = engine(R.mem, bpacct_memory_store_ops(), 0);
	R.raced = "A1";
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	bpacct_engine_free(R.a);
	bpacct_engine_free(R.b);
	bpacct_memory_store_free(R.mem);
	return 0;
}

#define TEST(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/* ---- events ---- */

static void submit(bpacct_engine *e, const bpacct_event *ev)
{
	assert_int_equal(bpacct_engine_submit(e, "A1", ev), BPACCT_OK);
}

static void issue(bpacct_engine *e)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_ISSUE, ISSUED);
	ev.procedure = BPACCT_PROCEDURE_BP;
	ev.owner = TL_OWNER;
	ev.holder_id_type = BPACCT_ID_CCCD;
	ev.holder_id_number = TL_CCCD;
	submit(e, &ev);
}

static void request(bpacct_engine *e)
{
	bpacct_event ev = tl_bp_request("2026-11-16T09:00:00+07:00", "Q1",
					BPACCT_CHANNEL_ONLINE);
	submit(e, &ev);
}

static void risk(bpacct_engine *e)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_RISK,
				   "2026-11-16T09:30:00+07:00");
	submit(e, &ev);
}

static void b_requests(int k)
{
	(void)k;
	request(R.b);
}

static void b_risks(int k)
{
	(void)k;
	risk(R.b);
}

static void b_ticks(int k)
{
	int64_t at = tst_at("2026-11-16T11:00:00+07:00");

	(void)k;
	assert_int_equal(bpacct_engine_tick(R.b, at), BPACCT_OK);
}

/* Excludes and includes again, a minute apart: a change every time. */
static void b_toggles_exclusion(int k)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_EXCLUDE,
				   "2026-11-16T09:00:00+07:00");
	ev.at += (int64_t)60 * k;
	ev.flag = (k % 2) == 0;
	submit(R.b, &ev);
}

/* XNC-2a, XNC-T: the NA20 handed over in person on Friday 10:00, in
 * session: accepted and cancelled at once. */
static void xnc_in_person(bpacct_engine *e)
{
	bpacct_event ev = tl_xnc_request("2026-11-20T10:00:00+07:00", "N1",
					 BPACCT_CHANNEL_IN_PERSON, "X1");
	assert_int_equal(bpacct_engine_submit(e, "X1", &ev), BPACCT_OK);
}

/* B issues A1 and accepts Q1 for it. */
static void b_issues_and_requests(int k)
{
	(void)k;
	issue(R.b);
	request(R.b);
}

static void b_same_request(int k)
{
	(void)k;
	xnc_in_person(R.b);
}

/* ---- reading the store ---- */

static bpacct_account *read_account(bpacct_engine *e)
{
	bpacct_account *a = tl_account("A1");
	assert_int_equal(bpacct_engine_account(e, "A1", a), BPACCT_OK);
	return a;
}

static void stats(uint64_t *outbox, uint64_t *audit)
{
	assert_int_equal(bpacct_memory_store_stats(R.mem, NULL, NULL, outbox,
						   audit),
			 BPACCT_OK);
}

/* The raced account's record equals the one a single engine leaves after
 * the same events in `order`: the race was serialised. */
static void expect_serial(void (*const order[])(bpacct_engine *), int n)
{
	bpacct_memory_store *mem = NULL;
	bpacct_engine *solo;
	bpacct_account *raced = read_account(R.a), *serial;
	uint8_t x[BPACCT_RECORD_MAX], y[BPACCT_RECORD_MAX];
	size_t nx = 0, ny = 0;

	assert_int_equal(bpacct_memory_store_new(&mem, NULL), BPACCT_OK);
	solo = engine(mem, bpacct_memory_store_ops(), 0);
	for (int i = 0; i < n; i++)
		order[i](solo);
	serial = read_account(solo);
	assert_int_equal(bpacct_account_encode(raced, x, sizeof x, &nx),
			 BPACCT_OK);
	assert_int_equal(bpacct_account_encode(serial, y, sizeof y, &ny),
			 BPACCT_OK);
	assert_int_equal(nx, ny);
	assert_memory_equal(x, y, nx);
	bpacct_account_free(raced);
	bpacct_account_free(serial);
	bpacct_engine_free(solo);
	bpacct_memory_store_free(mem);
}

/* After the due tick: one cancellation, one notice, nothing left. */
static void expect_one_cancellation(const char *at, int64_t case_)
{
	bpacct_account *a;
	uint64_t outbox = 1;

	assert_int_equal(bpacct_engine_tick(R.a, tst_at(at)), BPACCT_OK);
	assert_int_equal(bpacct_engine_tick(R.b, tst_at(at)), BPACCT_OK);
	assert_int_equal(bpacct_engine_deliver(R.a, NULL), BPACCT_OK);
	assert_int_equal(bpacct_engine_deliver(R.b, NULL), BPACCT_OK);
	a = read_account(R.b);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE), BPACCT_STATE_CANCELLED);
	tl_instant_is(tl_acc(a, BPACCT_FIELD_CANCELLED), at);
	assert_int_equal(R.cancellations, 1);
	assert_int_equal(R.cancel_case, case_);
	assert_int_equal(R.nkeys, 1);
	assert_int_equal(R.kinds[0], BPACCT_NOTICE_CANCELLATION);
	stats(&outbox, NULL);
	assert_int_equal(outbox, 0);
	bpacct_account_free(a);
}

/* ---- the races ---- */

/* B's accepted request lands between A's read and A's commit of a risk:
 * A conflicts, re-reads, locks the account that now has the BP-A
 * cancellation pending (due 11:00, before the lock's 11:30). */
static void test_cas_request_between_read_and_commit_of_a_risk(void **state)
{
	static void (*const order[])(bpacct_engine *) = { issue, request,
							  risk };
	bpacct_account *a;

	(void)state;
	issue(R.b);
	R.lets = 1;
	R.b_event = b_requests;
	risk(R.a);
	assert_int_equal(R.b_runs, 1);
	assert_int_equal(R.a_conflicts, 1);
	assert_int_equal(R.a_commits, 2);
	a = read_account(R.a);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE), BPACCT_STATE_LOCKED);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_REVISION), 3);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_PENDING_CASE),
			 BPACCT_CASE_BP_A);
	tl_instant_is(tl_acc(a, BPACCT_FIELD_PENDING_DUE),
		      "2026-11-16T11:00:00+07:00");
	bpacct_account_free(a);
	expect_serial(order, 3);
	expect_one_cancellation("2026-11-16T11:00:00+07:00", BPACCT_CASE_BP_A);
}

/* The mirror: B's risk lands between A's read and A's commit of the
 * request; re-applied after the lock, the request is refused, and the
 * lock's cancellation (11:30) is the one that happens. */
static void test_cas_risk_between_read_and_commit_of_a_request(void **state)
{
	static void (*const order[])(bpacct_engine *) = { issue, risk,
							  request };
	bpacct_account *a;

	(void)state;
	issue(R.b);
	R.lets = 1;
	R.b_event = b_risks;
	request(R.a);
	assert_int_equal(R.a_conflicts, 1);
	a = read_account(R.a);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE), BPACCT_STATE_LOCKED);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_REVISION), 2);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_PENDING_CASE),
			 BPACCT_CASE_BP_B);
	bpacct_account_free(a);
	expect_serial(order, 3);
	expect_one_cancellation("2026-11-16T11:30:00+07:00", BPACCT_CASE_BP_B);
}

/* B changes the account before every commit of A: after `retries` (2)
 * re-reads A gives up with BPACCT_ECONFLICT and writes nothing. */
static void test_cas_conflict_beyond_retries_returns_econflict_unwritten(
	void **state)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_RISK,
				   "2026-11-16T12:00:00+07:00");
	bpacct_account *a;
	uint64_t outbox = 1, audit = 0;

	(void)state;
	issue(R.b);
	R.lets = 100;
	R.b_event = b_toggles_exclusion;
	assert_int_equal(bpacct_engine_submit(R.a, "A1", &ev),
			 BPACCT_ECONFLICT);
	assert_true(strlen(bpacct_engine_last_error(R.a)) > 0);
	assert_int_equal(R.a_commits, 3);
	assert_int_equal(R.a_conflicts, 3);
	assert_int_equal(R.b_runs, 3);
	a = read_account(R.b);
	/* Issued, then B's three changes; never locked. */
	assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE), BPACCT_STATE_ACTIVE);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_REVISION), 4);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_EXCLUDED), 1);
	stats(&outbox, &audit);
	assert_int_equal(audit, 4);
	assert_int_equal(outbox, 0);
	bpacct_account_free(a);
	/* The conflict gone, the same call succeeds. */
	R.lets = 0;
	assert_int_equal(bpacct_engine_submit(R.a, "A1", &ev), BPACCT_OK);
	a = read_account(R.b);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE), BPACCT_STATE_LOCKED);
	bpacct_account_free(a);
}

/* Both engines tick the account when its BP-A cancellation is due; B's
 * tick lands between A's read and A's commit.  A conflicts, re-reads a
 * cancelled account and does nothing: one cancellation, one notice. */
static void test_cas_two_engines_tick_the_same_due_account_cancel_once(
	void **state)
{
	int64_t at = tst_at("2026-11-16T11:00:00+07:00");
	uint64_t audit = 0;

	(void)state;
	issue(R.b);
	request(R.b);
	R.lets = 1;
	R.b_event = b_ticks;
	assert_int_equal(bpacct_engine_tick(R.a, at), BPACCT_OK);
	assert_int_equal(R.b_runs, 1);
	assert_int_equal(R.a_conflicts, 1);
	expect_one_cancellation("2026-11-16T11:00:00+07:00", BPACCT_CASE_BP_A);
	/* Issue, acceptance, cancellation: nothing of A's. */
	stats(NULL, &audit);
	assert_int_equal(audit, 3);
}

/* Both engines take the same NA20 (request N1); B decides it, and
 * cancels, between A's reads and A's commit.  A conflicts, re-reads a
 * decided request and a cancelled account: the first outcome (E2), no
 * write.  One receipt, one NB10, one cancellation. */
static void test_cas_e2_same_request_id_from_two_engines_decided_once(
	void **state)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_ISSUE,
				   "2026-06-01T09:00:00+07:00");
	bpacct_account *a = tl_account("X1");
	uint64_t audit = 0, outbox = 1;
	int64_t kinds = 0;

	(void)state;
	ev.procedure = BPACCT_PROCEDURE_XNC;
	ev.owner = TL_OWNER;
	assert_int_equal(bpacct_engine_submit(R.b, "X1", &ev), BPACCT_OK);
	R.raced_request = "N1";
	R.lets = 1;
	R.b_event = b_same_request;
	xnc_in_person(R.a);
	assert_int_equal(R.b_runs, 1);
	assert_int_equal(R.a_conflicts, 1);
	assert_int_equal(bpacct_engine_deliver(R.a, NULL), BPACCT_OK);
	assert_int_equal(bpacct_engine_account(R.a, "X1", a), BPACCT_OK);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE), BPACCT_STATE_CANCELLED);
	tl_instant_is(tl_acc(a, BPACCT_FIELD_CANCELLED),
		      "2026-11-20T10:00:00+07:00");
	bpacct_account_free(a);
	assert_int_equal(R.cancellations, 1);
	assert_int_equal(R.cancel_case, BPACCT_CASE_XNC);
	assert_int_equal(R.nkeys, 2);
	for (int i = 0; i < R.nkeys; i++)
		kinds |= (int64_t)1 << R.kinds[i];
	assert_int_equal(kinds, ((int64_t)1 << BPACCT_NOTICE_RECEIPT) |
					((int64_t)1 << BPACCT_NOTICE_NB10));
	/* Issue, acceptance, cancellation: nothing of A's. */
	stats(&outbox, &audit);
	assert_int_equal(audit, 3);
	assert_int_equal(outbox, 0);
}

/* A reads A1 missing and Q1 missing; B then issues A1 and accepts Q1;
 * A's "Q1 rejected, no account" carries the state-none account part with
 * expected revision 0, so it conflicts; A re-reads and replays B's
 * outcome (E2).  Without the guard, A's rejection overwrote the accepted
 * request while A1 was cancelled on that acceptance. */
static void test_cas_e2_request_about_unknown_account_races_its_issue(
	void **state)
{
	bpacct_request *q = tl_request("Q1");
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;
	uint64_t audit = 0;

	(void)state;
	R.raced_request = "Q1";
	R.lets = 1;
	R.b_event = b_issues_and_requests;
	request(R.a);
	assert_int_equal(R.b_runs, 1);
	assert_int_equal(R.a_commits, 1);
	assert_int_equal(R.a_conflicts, 1);
	/* the first outcome stands: accepted, not rejected */
	assert_int_equal(INNER->get_request("Q1", buf, sizeof buf, &len,
					    R.mem),
			 BPACCT_OK);
	assert_int_equal(bpacct_request_decode(q, buf, len), BPACCT_OK);
	assert_int_equal(tl_req(q, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_ACCEPTED);
	bpacct_request_free(q);
	/* issue and acceptance; nothing of A's (a replay writes nothing) */
	stats(NULL, &audit);
	assert_int_equal(audit, 2);
	expect_one_cancellation("2026-11-16T11:00:00+07:00", BPACCT_CASE_BP_A);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_cas_request_between_read_and_commit_of_a_risk),
		TEST(test_cas_risk_between_read_and_commit_of_a_request),
		TEST(test_cas_conflict_beyond_retries_returns_econflict_unwritten),
		TEST(test_cas_two_engines_tick_the_same_due_account_cancel_once),
		TEST(test_cas_e2_same_request_id_from_two_engines_decided_once),
		TEST(test_cas_e2_request_about_unknown_account_races_its_issue),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
