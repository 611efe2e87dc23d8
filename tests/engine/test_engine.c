/*
 * The engine over a fake store and a fake notifier (fake_store.h): one
 * atomic change per step with its notices and audit, delivery only after
 * the commit, the outbox kept through failures and retried with the same
 * idempotency key, the due sweep, compare-and-swap conflicts, host errors
 * passed through, re-entry refused, options checked, a preview that writes
 * nothing.  Requirement ids: rules.md BP-R3, BP-R6, XNC-R4, E2, E4.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "../unit/test_lifecycle_support.h"
#include "fake_store.h"

static fake_store fs;
static fake_notifier fn;
static bpacct_engine *eng;
static unsigned effects_calls;
static int32_t effects_types[16];
static uint32_t effects_ntypes;
static int effects_reenter;
static int effects_reenter_rc;

static void on_effects(const char *account, const bpacct_effects *fx,
		       void *ud)
{
	uint32_t n = 0;

	(void)account;
	(void)ud;
	effects_calls++;
	bpacct_effects_count(fx, &n);
	effects_ntypes = 0;
	for (uint32_t i = 0; i < n && i < 16; i++) {
		int64_t t = 0;
		bpacct_effect_get_int(fx, i, BPACCT_FIELD_TYPE, &t);
		effects_types[effects_ntypes++] = (int32_t)t;
	}
	if (effects_reenter)
		effects_reenter_rc = bpacct_engine_tick(eng, 0);
}

static void options(bpacct_engine_options *o)
{
	assert_int_equal(bpacct_engine_options_init(
				 o, BPACCT_ENGINE_OPTIONS_VERSION),
			 BPACCT_OK);
	o->store = &fs_ops;
	o->store_userdata = &fs;
	o->notifier = &fn_ops;
	o->notifier_userdata = &fn;
	o->calendar = tst_cal;
	o->on_effects = on_effects;
}

static int setup(void **state)
{
	bpacct_engine_options o;

	(void)state;
	memset(&fs, 0, sizeof fs);
	memset(&fn, 0, sizeof fn);
	fs.fail_op = -1;
	fn.store = &fs;
	effects_calls = 0;
	effects_reenter = 0;
	options(&o);
	if (bpacct_engine_new(&eng, &o) != BPACCT_OK)
		return -1;
	fs.engine = eng;
	fn.engine = eng;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	bpacct_engine_free(eng);
	eng = NULL;
	return 0;
}

#define TEST(fn_) cmocka_unit_test_setup_teardown(fn_, setup, teardown)

/* Asserts success, showing the engine's message otherwise. */
static void ok(int rc)
{
	if (rc != BPACCT_OK)
		fail_msg("%s: %s", bpacct_error_name(rc),
			 bpacct_engine_last_error(eng));
}

static void submit(const char *account, const bpacct_event *e)
{
	ok(bpacct_engine_submit(eng, account, e));
}

static void issue_bp(const char *account, const char *at)
{
	bpacct_event e = tl_event(BPACCT_INPUT_ISSUE, at);

	e.procedure = BPACCT_PROCEDURE_BP;
	e.owner = TL_OWNER;
	e.holder_id_type = BPACCT_ID_CCCD;
	e.holder_id_number = TL_CCCD;
	submit(account, &e);
}

static void reset_counts(void)
{
	memset(fs.calls, 0, sizeof fs.calls);
	fs.nlog = 0;
	effects_calls = 0;
}

static int64_t stored(const char *account, int32_t field)
{
	bpacct_account *a = tl_account(account);
	int64_t v;

	ok(bpacct_engine_account(eng, account, a));
	v = tl_acc(a, field);
	bpacct_account_free(a);
	return v;
}

/* The stored entry `i`, decoded. */
static int64_t entry_int(size_t i, int32_t field)
{
	bpacct_entry *e = NULL;
	int64_t v = 0;

	assert_int_equal(bpacct_entry_new(&e, NULL), BPACCT_OK);
	assert_int_equal(bpacct_entry_decode(e, fs.entries[i].bytes,
					     fs.entries[i].len),
			 BPACCT_OK);
	assert_int_equal(bpacct_entry_get_int(e, field, &v), BPACCT_OK);
	bpacct_entry_free(e);
	return v;
}

static void test_bp_r2_incomplete_request_commits_once_then_delivers(
	void **state)
{
	bpacct_event e = tl_bp_request("2026-03-09T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_POSTAL);
	size_t first;
	int commit, deliver;

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	reset_counts();
	first = fs.nentries;
	e.documents = BPACCT_DOC_APPLICATION; /* two papers missing */
	submit("A1", &e);
	/* One store call holds the account, the request, the notice and
	 * the audit. */
	assert_int_equal(fs.calls[FS_COMMIT], 1);
	assert_int_equal(fs.last_has_account, 1);
	assert_int_equal(fs.last_has_request, 1);
	assert_int_equal(fs.last_entries, 2);
	assert_int_equal(fs.entries[first].type, BPACCT_ENTRY_NOTICE);
	assert_int_equal(fs.entries[first + 1].type, BPACCT_ENTRY_AUDIT);
	assert_int_equal(entry_int(first, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_SUPPLEMENT);
	/* The decision moved the revision (compare-and-swap), issue = 1. */
	assert_int_equal(stored("A1", BPACCT_FIELD_REVISION), 2);
	assert_string_equal(fs.entries[first].key, "A1/2/0");
	/* Delivered after the commit, then marked. */
	commit = fs_logged(&fs, FS_COMMIT, 0);
	deliver = fs_logged(&fs, FS_DELIVER, 0);
	assert_true(commit >= 0 && deliver > commit);
	assert_true(fs_logged(&fs, FS_MARK, deliver) > deliver);
	assert_int_equal(fn.count, 1); /* the issue owed none */
	assert_string_equal(fn.keys[0], "A1/2/0");
	assert_int_equal(fs_pending(&fs), 0);
	assert_int_equal(effects_calls, 1);
}

/* BP-R3: accepted at 09:00, the engine cancels at receipt + 2 h, as of
 * the due instant, with the notice to owner and holder (BP-R6). */
static void test_bp_r3_bp_r6_tick_cancels_at_receipt_plus_2h(void **state)
{
	bpacct_event e = tl_bp_request("2026-03-09T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	size_t first;

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	submit("A1", &e);
	assert_int_equal(fs.last_has_request, 1);
	tl_instant_is(fs.accounts[0].next_due, "2026-03-09T11:00:00+07:00");
	reset_counts();
	ok(bpacct_engine_tick(eng, tst_at("2026-03-09T10:59:59+07:00")));
	assert_int_equal(fs.calls[FS_COMMIT], 0);
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	first = fs.nentries;
	ok(bpacct_engine_tick(eng, tst_at("2026-03-09T13:30:00+07:00")));
	assert_int_equal(fs.calls[FS_COMMIT], 1);
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	tl_instant_is(stored("A1", BPACCT_FIELD_CANCELLED),
		      "2026-03-09T11:00:00+07:00");
	assert_true(fs.accounts[0].next_due == BPACCT_INSTANT_NONE);
	assert_int_equal(entry_int(first, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_CANCELLATION);
	assert_int_equal(entry_int(first, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	assert_string_equal(fs.entries[first].key, "A1/3/0");
	assert_string_equal(fn.keys[fn.count - 1], "A1/3/0");
	/* Nothing is due any more: a later tick does nothing. */
	reset_counts();
	ok(bpacct_engine_tick(eng, tst_at("2026-03-10T09:00:00+07:00")));
	assert_int_equal(fs.calls[FS_COMMIT], 0);
}

/* XNC-R4: in session, the submit itself runs what its instant made due:
 * accepted, then cancelled at once, two commits in one call. */
static void test_xnc_r4_in_session_request_cancelled_in_the_submit(
	void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_ISSUE,
				  "2026-03-02T09:00:00+07:00");

	(void)state;
	e.procedure = BPACCT_PROCEDURE_XNC;
	e.owner = TL_OWNER;
	submit("X1", &e);
	reset_counts();
	e = tl_xnc_request("2026-03-06T10:00:00+07:00", "NA20-1",
			   BPACCT_CHANNEL_IN_PERSON, "X1");
	submit("X1", &e);
	assert_int_equal(fs.calls[FS_COMMIT], 2);
	assert_int_equal(stored("X1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	tl_instant_is(stored("X1", BPACCT_FIELD_CANCELLED),
		      "2026-03-06T10:00:00+07:00");
	/* The receipt, then the NB10 letter. */
	assert_int_equal(fn.count, 2);
	assert_int_equal(fn.kinds[0], BPACCT_NOTICE_RECEIPT);
	assert_int_equal(fn.kinds[1], BPACCT_NOTICE_NB10);
	assert_int_equal(fs_pending(&fs), 0);
}

/* A notifier that fails leaves the notice in the outbox; the next tick
 * delivers it once, with the key it was committed with. */
static void test_bp_r6_failed_notice_stays_then_next_tick_sends_once(
	void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");
	uint32_t pending = 99;

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	submit("A1", &e); /* locked; cancellation due 12:00 */
	fn.fail_times = 1;
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:00:00+07:00")));
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	assert_int_equal(fs_pending(&fs), 1);
	assert_int_equal(fn.count, 0);
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:05:00+07:00")));
	assert_int_equal(fn.count, 1);
	assert_int_equal(fn.kinds[0], BPACCT_NOTICE_CANCELLATION);
	assert_string_equal(fn.keys[0], "A1/3/0");
	assert_int_equal(fs_pending(&fs), 0);
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:10:00+07:00")));
	ok(bpacct_engine_deliver(eng, &pending));
	assert_int_equal(fn.count, 1);
	assert_int_equal(pending, 0);
}

/* The key comes from the compare-and-swap revision: a retry after a
 * conflict computes the same change with the same key. */
static void test_bp_r6_key_is_the_same_after_a_conflict_retry(void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	submit("A1", &e);
	fs.conflicts = 2;
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:00:00+07:00")));
	assert_int_equal(fn.count, 1);
	assert_string_equal(fn.keys[0], "A1/3/0");
}

/* Delivered but not marked (the store failed, or the process died in
 * between): delivered again, with the same key for the channel to drop. */
static void test_bp_r6_unmarked_notice_is_redelivered_with_its_key(
	void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	submit("A1", &e);
	fs.fail_op = FS_MARK;
	fs.fail_rc = BPACCT_EUSER;
	fs.fail_times = 1;
	assert_int_equal(bpacct_engine_tick(eng, tst_at("2026-03-04T12:00:00"
							"+07:00")),
			 BPACCT_EUSER);
	assert_string_equal(bpacct_engine_last_error(eng),
			    "store.mark_delivered callback returned -9");
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	ok(bpacct_engine_deliver(eng, NULL));
	assert_int_equal(fn.count, 2);
	assert_string_equal(fn.keys[0], fn.keys[1]);
	assert_int_equal(fs_pending(&fs), 0);
}

static void test_deliver_reports_what_stays_pending(void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");
	uint32_t pending = 0;

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	submit("A1", &e);
	fn.fail_times = 100;
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:00:00+07:00")));
	ok(bpacct_engine_deliver(eng, &pending));
	assert_int_equal(pending, 1);
	fn.fail_times = 0;
	ok(bpacct_engine_deliver(eng, &pending));
	assert_int_equal(pending, 0);
	assert_int_equal(fn.count, 1);
}

/* E4: a refused input changes nothing but is audited: an audit-only
 * change, without the account part and its condition. */
static void test_e4_refused_input_commits_an_audit_only_change(void **state)
{
	bpacct_event risk = tl_event(BPACCT_INPUT_RISK,
				     "2026-03-04T10:00:00+07:00");
	bpacct_event use = tl_event(BPACCT_INPUT_USE,
				    "2026-03-04T10:30:00+07:00");
	size_t first;

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	submit("A1", &risk);
	reset_counts();
	first = fs.nentries;
	submit("A1", &use); /* BP-R4: a locked account cannot be used */
	assert_int_equal(fs.calls[FS_COMMIT], 1);
	assert_int_equal(fs.last_has_account, 0);
	assert_int_equal(fs.last_has_request, 0);
	assert_int_equal(fs.last_entries, 1);
	assert_int_equal(fs.entries[first].type, BPACCT_ENTRY_AUDIT);
	assert_string_equal(fs.entries[first].key, "");
	assert_int_equal(entry_int(first, BPACCT_FIELD_TO), -1);
	assert_int_equal(entry_int(first, BPACCT_FIELD_ACTOR),
			 BPACCT_ACTOR_HOLDER);
	assert_int_equal(stored("A1", BPACCT_FIELD_REVISION), 2);
	assert_int_equal(effects_calls, 1);
	assert_int_equal(effects_types[effects_ntypes - 2],
			 BPACCT_EFFECT_REFUSED);
}

/* E2: the same request id again returns its first outcome and writes
 * nothing. */
static void test_e2_repeated_request_id_commits_nothing(void **state)
{
	bpacct_event e = tl_bp_request("2026-03-09T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	submit("A1", &e);
	reset_counts();
	e.at = tst_at("2026-03-09T09:30:00+07:00");
	submit("A1", &e);
	assert_int_equal(fs.calls[FS_COMMIT], 0);
	assert_int_equal(effects_calls, 1);
	assert_int_equal(effects_ntypes, 1);
	assert_int_equal(effects_types[0], BPACCT_EFFECT_OUTCOME);
}

/* A request about an account the store does not have is rejected once:
 * the request is written with a guarded account part (a record in state
 * none, expected revision 0, revision 1), its notice keyed by it. */
static void test_e2_request_for_an_unknown_account_writes_the_request(
	void **state)
{
	bpacct_event e = tl_bp_request("2026-03-09T09:00:00+07:00", "Q9",
				       BPACCT_CHANNEL_ONLINE);
	bpacct_account *ghost = tl_account("ghost");
	size_t first = fs.nentries;
	int64_t v = -1;

	(void)state;
	submit("ghost", &e);
	assert_int_equal(fs.last_has_account, 1);
	assert_int_equal(fs.last_has_request, 1);
	assert_int_equal(fs.naccounts, 1);
	assert_int_equal(entry_int(first, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_REJECTION);
	assert_string_equal(fs.entries[first].key, "ghost/1/0");
	assert_int_equal(bpacct_engine_account(eng, "ghost", ghost),
			 BPACCT_OK);
	assert_int_equal(bpacct_account_get_int(ghost, BPACCT_FIELD_STATE,
						&v),
			 BPACCT_OK);
	assert_int_equal(v, BPACCT_STATE_NONE);
	assert_int_equal(bpacct_account_get_int(ghost, BPACCT_FIELD_REVISION,
						&v),
			 BPACCT_OK);
	assert_int_equal(v, 1);
	bpacct_account_free(ghost);
}

/* Ids never contain '/', the separator of idempotency keys: the engine
 * refuses one before reading or writing anything. */
static void test_ids_with_a_slash_are_einval_and_write_nothing(void **state)
{
	bpacct_event issue = tl_event(BPACCT_INPUT_ISSUE,
				      "2026-03-02T09:00:00+07:00");
	bpacct_event req = tl_bp_request("2026-03-09T09:00:00+07:00", "x/y",
					 BPACCT_CHANNEL_ONLINE);

	(void)state;
	issue.procedure = BPACCT_PROCEDURE_BP;
	issue.owner = TL_OWNER;
	reset_counts();
	assert_int_equal(bpacct_engine_submit(eng, "A/0", &issue),
			 BPACCT_EINVAL);
	assert_non_null(strstr(bpacct_engine_last_error(eng), "'/'"));
	assert_int_equal(bpacct_engine_submit(eng, "A1", &req), BPACCT_EINVAL);
	assert_non_null(strstr(bpacct_engine_last_error(eng), "'/'"));
	for (int op = 0; op < FS_OPS; op++)
		assert_int_equal(fs.calls[op], 0);
	assert_int_equal(fs.naccounts, 0);
	assert_int_equal(fs.nrequests, 0);
	assert_int_equal(fs.nentries, 0);
	assert_int_equal(effects_calls, 0);
}

/* The collision of /tmp/rv/key2.c: account "A/0" at revision 3 and a
 * request "3" about the unknown account "A" both keyed "A/0/3/0".  "A/0"
 * is now refused, and the request's notice is keyed "A/1/0". */
static void test_bp_r6_keys_of_two_accounts_cannot_collide(void **state)
{
	bpacct_event req = tl_bp_request("2026-03-04T08:00:00+07:00", "3",
					 BPACCT_CHANNEL_ONLINE);
	bpacct_event issue = tl_event(BPACCT_INPUT_ISSUE,
				      "2026-03-03T10:00:00+07:00");
	size_t first = fs.nentries;

	(void)state;
	submit("A", &req);
	assert_int_equal(entry_int(first, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_REJECTION);
	assert_string_equal(fs.entries[first].key, "A/1/0");
	issue.procedure = BPACCT_PROCEDURE_BP;
	issue.owner = TL_OWNER;
	reset_counts();
	assert_int_equal(bpacct_engine_submit(eng, "A/0", &issue),
			 BPACCT_EINVAL);
	assert_int_equal(fs.calls[FS_COMMIT], 0);
	assert_int_equal(fs.naccounts, 1); /* "A"'s tombstone only */
}

/* Another engine committed in between: read again, judge again. */
static void test_cas_conflict_once_rereads_and_commits(void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	reset_counts();
	fs.conflicts = 1;
	submit("A1", &e);
	assert_int_equal(fs.calls[FS_COMMIT], 2);
	assert_int_equal(fs.calls[FS_GET_ACCOUNT], 2);
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_LOCKED);
	assert_string_equal(bpacct_engine_last_error(eng), "");
}

static void test_cas_conflict_always_gives_econflict_after_retries(
	void **state)
{
	bpacct_engine_options o;
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	bpacct_engine_free(eng);
	options(&o);
	o.retries = 3;
	ok(bpacct_engine_new(&eng, &o));
	reset_counts();
	fs.conflicts = 1000;
	assert_int_equal(bpacct_engine_submit(eng, "A1", &e),
			 BPACCT_ECONFLICT);
	assert_int_equal(fs.calls[FS_COMMIT], 4);
	assert_non_null(strstr(bpacct_engine_last_error(eng),
			       "compare-and-swap"));
	fs.conflicts = 0;
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	/* The same call again finishes the job. */
	submit("A1", &e);
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_LOCKED);
}

/* retries = UINT32_MAX is clamped to BPACCT_ENGINE_RETRIES_MAX: against
 * a store that always conflicts the call ends, after 1001 commits. */
static void test_cas_retries_uint32_max_is_clamped_and_ends(void **state)
{
	bpacct_engine_options o;
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	bpacct_engine_free(eng);
	options(&o);
	o.retries = UINT32_MAX;
	ok(bpacct_engine_new(&eng, &o));
	fs.engine = eng;
	fn.engine = eng;
	reset_counts();
	fs.conflicts = UINT_MAX; /* always */
	assert_int_equal(bpacct_engine_submit(eng, "A1", &e),
			 BPACCT_ECONFLICT);
	assert_int_equal(fs.calls[FS_COMMIT], BPACCT_ENGINE_RETRIES_MAX + 1u);
	assert_non_null(strstr(bpacct_engine_last_error(eng),
			       "1001 times in a row"));
	fs.conflicts = 0;
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
}

/* A batch whose ids would not fit a 32-bit size_t is refused at
 * creation; BPACCT_ENGINE_BATCH_MAX itself is fine. */
static void test_b2_batch_above_its_maximum_is_einval(void **state)
{
	bpacct_engine_options o;
	bpacct_engine *other = NULL;

	(void)state;
	options(&o);
	o.batch = BPACCT_ENGINE_BATCH_MAX + 1u;
	assert_int_equal(bpacct_engine_new(&other, &o), BPACCT_EINVAL);
	assert_null(other);
	o.batch = UINT32_MAX;
	assert_int_equal(bpacct_engine_new(&other, &o), BPACCT_EINVAL);
	assert_null(other);
	o.batch = BPACCT_ENGINE_BATCH_MAX;
	ok(bpacct_engine_new(&other, &o));
	bpacct_engine_free(other);
}

/* A store that relays words and then succeeds. */
static int chatty_get_account(const char *id, uint8_t *buf, size_t size,
			      size_t *out_len, void *ud)
{
	bpacct_engine_set_error(fs.engine, "a warning about nothing");
	return fs_ops.get_account(id, buf, size, out_len, ud);
}

/* Convention C13: a relayed message belongs to the failure it was
 * relayed with, never to a later one. */
static void test_c13_relayed_message_is_not_attached_to_another_failure(
	void **state)
{
	bpacct_store_ops chatty = fs_ops;
	bpacct_engine_options o;
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	/* set before the call, outside any store call */
	ok(bpacct_engine_set_error(eng, "stale words"));
	fs.fail_op = FS_COMMIT;
	fs.fail_rc = BPACCT_EUSER;
	fs.fail_times = 1;
	assert_int_equal(bpacct_engine_submit(eng, "A1", &e), BPACCT_EUSER);
	assert_string_equal(bpacct_engine_last_error(eng),
			    "store.commit callback returned -9");
	/* relayed by a get_account that then succeeded */
	bpacct_engine_free(eng);
	options(&o);
	chatty.get_account = chatty_get_account;
	o.store = &chatty;
	ok(bpacct_engine_new(&eng, &o));
	fs.engine = eng;
	fn.engine = eng;
	fs.fail_times = 1;
	assert_int_equal(bpacct_engine_submit(eng, "A1", &e), BPACCT_EUSER);
	assert_string_equal(bpacct_engine_last_error(eng),
			    "store.commit callback returned -9");
}

/* Host codes (errors.h, BPACCT_EHOST_MAX): a code at or below -1000 is the
 * host's and comes back unchanged; a positive value or a negative one the
 * library does not define is no status and comes back as BPACCT_EUSER,
 * with a message saying what the callback returned. */
static void test_host_codes_pass_and_non_statuses_become_euser(void **state)
{
	static const struct {
		int from_callback, to_caller;
	} rows[] = {
		{ -1000, -1000 },  { -4242, -4242 }, { 7, BPACCT_EUSER },
		{ -999, BPACCT_EUSER }, { -13, BPACCT_EUSER },
		{ BPACCT_ENOMEM, BPACCT_ENOMEM },
	};
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		fs.fail_op = FS_COMMIT;
		fs.fail_rc = rows[i].from_callback;
		fs.fail_times = 1;
		assert_int_equal(bpacct_engine_submit(eng, "A1", &e),
				 rows[i].to_caller);
		if (rows[i].to_caller != rows[i].from_callback)
			assert_non_null(strstr(bpacct_engine_last_error(eng),
					       "which is not a status"));
	}
	assert_string_equal(bpacct_error_name(-1234), "BPACCT_EHOST");
	assert_string_equal(bpacct_error_name(-999), "BPACCT_UNKNOWN");
}

/* Convention C13: a host error comes back unchanged, with a message. */
static void test_c13_store_error_passes_through_with_last_error(
	void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	fs.fail_op = FS_COMMIT;
	fs.fail_rc = BPACCT_EUSER;
	fs.fail_times = 1;
	assert_int_equal(bpacct_engine_submit(eng, "A1", &e), BPACCT_EUSER);
	assert_string_equal(bpacct_engine_last_error(eng),
			    "store.commit callback returned -9");
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	/* A host's own code and its own words. */
	fs.fail_op = FS_GET_ACCOUNT;
	fs.fail_rc = -1000;
	fs.fail_times = 1;
	fs.relay = "disk full on /var/lib/bpacct";
	assert_int_equal(bpacct_engine_submit(eng, "A1", &e), -1000);
	assert_string_equal(bpacct_engine_last_error(eng),
			    "disk full on /var/lib/bpacct");
	/* The relayed words belonged to that call only. */
	fs.relay = NULL;
	fs.fail_op = FS_DUE;
	fs.fail_rc = BPACCT_EUSER;
	fs.fail_times = 1;
	assert_int_equal(bpacct_engine_tick(eng, e.at), BPACCT_EUSER);
	assert_string_equal(bpacct_engine_last_error(eng),
			    "store.due callback returned -9");
	submit("A1", &e);
	assert_string_equal(bpacct_engine_last_error(eng), "");
}

/* Convention B15: a call into the engine from its own callbacks. */
static void test_b15_call_from_a_callback_is_erecursive(void **state)
{
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");

	(void)state;
	effects_reenter = 1;
	fs.reenter = 1;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	assert_int_equal(effects_reenter_rc, BPACCT_ERECURSIVE);
	assert_int_equal(fs.reenter_rc, BPACCT_ERECURSIVE);
	effects_reenter = 0;
	fs.reenter = 0;
	fn.reenter = 1;
	submit("A1", &e);
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:00:00+07:00")));
	assert_int_equal(fn.reenter_rc, BPACCT_ERECURSIVE);
	assert_int_equal(fn.count, 1); /* the outer call went on */
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
}

static void test_b2_options_and_vtables_are_versioned_and_checked(
	void **state)
{
	bpacct_engine_options o;
	bpacct_store_ops no_commit = fs_ops;
	bpacct_store_ops newer = fs_ops;
	bpacct_notifier_ops mute = BPACCT_NOTIFIER_OPS_INIT;
	bpacct_store_ops empty = BPACCT_STORE_OPS_INIT;
	bpacct_engine *other = NULL;

	(void)state;
	assert_int_equal(bpacct_engine_options_init(NULL, 1), BPACCT_EMISUSE);
	assert_int_equal(bpacct_engine_options_init(&o, 0), BPACCT_EMISUSE);
	assert_int_equal(bpacct_engine_options_init(&o, 2), BPACCT_EMISUSE);
	assert_int_equal(bpacct_store_ops_init(&empty, 2), BPACCT_EMISUSE);
	assert_int_equal(bpacct_store_ops_init(&empty, 1), BPACCT_OK);
	assert_null(empty.commit);
	assert_int_equal(bpacct_notifier_ops_init(&mute, 0), BPACCT_EMISUSE);
	assert_int_equal(bpacct_notifier_ops_init(&mute, 1), BPACCT_OK);
	options(&o);
	assert_int_equal(bpacct_engine_new(NULL, &o), BPACCT_EINVAL);
	assert_int_equal(bpacct_engine_new(&other, NULL), BPACCT_EINVAL);
	o.version = 2;
	assert_int_equal(bpacct_engine_new(&other, &o), BPACCT_EMISUSE);
	options(&o);
	o.calendar = NULL;
	assert_int_equal(bpacct_engine_new(&other, &o), BPACCT_EINVAL);
	options(&o);
	no_commit.commit = NULL;
	o.store = &no_commit;
	assert_int_equal(bpacct_engine_new(&other, &o), BPACCT_EINVAL);
	newer.version = BPACCT_STORE_OPS_VERSION + 1;
	o.store = &newer;
	assert_int_equal(bpacct_engine_new(&other, &o), BPACCT_EMISUSE);
	options(&o);
	o.notifier = &mute; /* a notifier without deliver() */
	assert_int_equal(bpacct_engine_new(&other, &o), BPACCT_EINVAL);
	options(&o);
	o.profile_count = 1; /* with no profiles */
	assert_int_equal(bpacct_engine_new(&other, &o), BPACCT_EINVAL);
	assert_null(other);
	/* Handles and arguments. */
	assert_int_equal(bpacct_engine_submit(NULL, "A1", NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_engine_submit(eng, "A1", NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_engine_tick((bpacct_engine *)(void *)&o, 0),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_engine_set_error(eng, NULL), BPACCT_EINVAL);
	assert_string_equal(bpacct_engine_last_error(NULL),
			    "invalid engine handle");
	bpacct_engine_free(NULL);
}

/* The copy of the operations is the engine's: the host's struct may go. */
static void test_b10_operations_are_copied(void **state)
{
	bpacct_engine_options o;
	bpacct_store_ops *ops = malloc(sizeof *ops);
	bpacct_engine *other = NULL;

	(void)state;
	*ops = fs_ops;
	options(&o);
	o.store = ops;
	o.notifier = NULL; /* notices stay in the outbox */
	ok(bpacct_engine_new(&other, &o));
	memset(ops, 0, sizeof *ops);
	free(ops);
	{
		bpacct_event e = tl_event(BPACCT_INPUT_RISK,
					  "2026-03-04T10:00:00+07:00");
		issue_bp("A1", "2026-03-02T09:00:00+07:00");
		assert_int_equal(bpacct_engine_submit(other, "A1", &e),
				 BPACCT_OK);
		assert_int_equal(bpacct_engine_tick(
					 other,
					 tst_at("2026-03-04T12:00:00+07:00")),
				 BPACCT_OK);
	}
	assert_int_equal(fs_pending(&fs), 1);
	bpacct_engine_free(other);
}

/* A dry run: what a tick would do, told to on_effects, nothing written. */
static void test_preview_reports_and_writes_nothing(void **state)
{
	bpacct_event e = tl_bp_request("2026-03-09T09:00:00+07:00", "Q1",
				       BPACCT_CHANNEL_ONLINE);
	uint32_t count = 99;

	(void)state;
	issue_bp("A1", "2026-03-02T09:00:00+07:00");
	issue_bp("A2", "2026-03-02T09:00:00+07:00");
	submit("A1", &e);
	reset_counts();
	ok(bpacct_engine_preview(eng, tst_at("2026-03-09T12:00:00+07:00"),
				 &count));
	assert_int_equal(count, 1);
	assert_int_equal(fs.calls[FS_COMMIT], 0);
	assert_int_equal(fs.calls[FS_OUTBOX], 0);
	assert_int_equal(effects_calls, 1);
	assert_int_equal(effects_types[0], BPACCT_EFFECT_TRANSITION);
	assert_int_equal(stored("A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	/* BP-C: six months unused, both would go (E12 shape). */
	ok(bpacct_engine_preview(eng, tst_at("2026-09-30T12:00:00+07:00"),
				 &count));
	assert_int_equal(count, 2);
	assert_int_equal(fs.calls[FS_COMMIT], 0);
}

/* The sweep pages through the due index in batches. */
static void test_tick_runs_every_due_account_in_small_batches(void **state)
{
	bpacct_engine_options o;
	char id[8];

	(void)state;
	bpacct_engine_free(eng);
	options(&o);
	o.batch = 2;
	ok(bpacct_engine_new(&eng, &o));
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "B%d", i);
		issue_bp(id, "2026-03-02T09:00:00+07:00");
	}
	reset_counts();
	ok(bpacct_engine_tick(eng, tst_at("2026-09-30T00:00:00+07:00")));
	assert_int_equal(fs.calls[FS_COMMIT], 5);
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "B%d", i);
		assert_int_equal(stored(id, BPACCT_FIELD_STATE),
				 BPACCT_STATE_CANCELLED);
	}
	assert_int_equal(fn.count, 5);
}

/* A stale due index (or a tick the core refuses: clock skew between
 * engines) leaves accounts listed first that owe nothing at the tick's
 * instant; they write nothing, so they stay first in the due order.  The
 * sweep pages past them to the account that is really due. */
static void test_tick_pages_past_due_accounts_that_owe_nothing(void **state)
{
	bpacct_engine_options o;
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");
	int64_t stale = tst_at("2026-03-03T00:00:00+07:00");

	(void)state;
	bpacct_engine_free(eng);
	options(&o);
	o.batch = 2;
	ok(bpacct_engine_new(&eng, &o));
	fs.engine = eng;
	fn.engine = eng;
	issue_bp("S0", "2026-03-02T09:00:00+07:00");
	issue_bp("S1", "2026-03-02T09:00:00+07:00");
	issue_bp("S2", "2026-03-02T09:00:00+07:00");
	submit("S2", &e); /* locked; cancellation due 12:00 */
	/* S0 and S1 are due months later; the index says yesterday. */
	fs_find(fs.accounts, fs.naccounts, "S0")->next_due = stale;
	fs_find(fs.accounts, fs.naccounts, "S1")->next_due = stale;
	reset_counts();
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:00:00+07:00")));
	assert_int_equal(fs.calls[FS_COMMIT], 1);
	assert_int_equal(stored("S2", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	assert_int_equal(stored("S0", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	assert_int_equal(stored("S1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	assert_int_equal(fn.count, 1);
	assert_string_equal(fn.keys[0], "S2/3/0");
	/* Bounded: [S0 S1] then [S2] (short: the store has no more). */
	assert_int_equal(fs.calls[FS_DUE], 2);
	/* Nothing left: [S0 S1] read again, nothing written, then an
	 * empty page past them. */
	reset_counts();
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:05:00+07:00")));
	assert_int_equal(fs.calls[FS_COMMIT], 0);
	assert_int_equal(fs.calls[FS_DUE], 2);
}

/* The stored notice with this key. */
static fs_entry *notice_of(const char *key)
{
	for (size_t i = 0; i < fs.nentries; i++)
		if (fs.entries[i].type == BPACCT_ENTRY_NOTICE &&
		    strcmp(fs.entries[i].key, key) == 0)
			return &fs.entries[i];
	fail_msg("no notice %s", key);
	return NULL;
}

/* BP-R6 under a damaged store: one outbox record that is not a readable
 * notice must not stop the others, nor every later call.  It stays in the
 * outbox, counts as pending, and the call's message says so. */
static void test_bp_r6_corrupt_outbox_record_does_not_block_the_others(
	void **state)
{
	const char *ids[3] = { "C0", "C1", "C2" };
	bpacct_event e = tl_event(BPACCT_INPUT_RISK,
				  "2026-03-04T10:00:00+07:00");
	uint32_t pending = 99;

	(void)state;
	for (int i = 0; i < 3; i++) {
		issue_bp(ids[i], "2026-03-02T09:00:00+07:00");
		submit(ids[i], &e); /* locked; cancellation due 12:00 */
	}
	fn.fail_times = 3; /* the three cancellation notices stay */
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:00:00+07:00")));
	assert_int_equal(fs_pending(&fs), 3);
	notice_of("C1/3/0")->bytes[0] = 'X'; /* not an entry any more */
	ok(bpacct_engine_deliver(eng, &pending));
	assert_int_equal(pending, 1);
	assert_int_equal(fn.count, 2);
	assert_string_equal(fn.keys[0], "C0/3/0");
	assert_string_equal(fn.keys[1], "C2/3/0");
	assert_int_equal(fs_pending(&fs), 1);
	assert_string_equal(bpacct_engine_last_error(eng),
			    "store.outbox: 1 record(s) are not notices that "
			    "can be read (BPACCT_EPARSE); they stay in the "
			    "outbox, undelivered");
	/* Later calls keep working and deliver what they owe. */
	issue_bp("C3", "2026-03-02T09:00:00+07:00");
	submit("C3", &e);
	ok(bpacct_engine_tick(eng, tst_at("2026-03-04T12:00:00+07:00")));
	assert_int_equal(stored("C3", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	assert_int_equal(fn.count, 3);
	assert_string_equal(fn.keys[2], "C3/3/0");
	ok(bpacct_engine_deliver(eng, &pending));
	assert_int_equal(pending, 1);
	/* A call that never reads the outbox says nothing of it. */
	ok(bpacct_engine_preview(eng, tst_at("2026-03-04T12:00:00+07:00"),
				 NULL));
	assert_string_equal(bpacct_engine_last_error(eng), "");
}

static size_t allocations, frees;
static size_t fail_at; /* 1-based; 0: never */

static void *host_alloc(size_t size, void *opaque)
{
	(void)opaque;
	if (++allocations == fail_at)
		return NULL;
	return malloc(size);
}

static void host_free(void *p, void *opaque)
{
	(void)opaque;
	frees++;
	free(p);
}

/* Convention B17: only the options' allocator, and a failure at any
 * allocation is BPACCT_ENOMEM with nothing kept. */
static void test_b17_allocation_failures_are_enomem_without_leaks(
	void **state)
{
	bpacct_allocator a = { BPACCT_ALLOCATOR_VERSION, host_alloc,
			       host_free, NULL };
	bpacct_engine_options o;
	bpacct_engine *other = NULL;
	size_t n;

	(void)state;
	options(&o);
	o.allocator = &a;
	for (n = 1; n < 16; n++) {
		allocations = frees = 0;
		fail_at = n;
		if (bpacct_engine_new(&other, &o) == BPACCT_OK)
			break;
		assert_int_equal(allocations - 1, frees);
	}
	assert_true(n > 1 && n < 16);
	/* Work allocates nothing more. */
	allocations = 0;
	{
		bpacct_event e = tl_event(BPACCT_INPUT_ISSUE,
					  "2026-03-02T09:00:00+07:00");
		e.procedure = BPACCT_PROCEDURE_BP;
		e.owner = TL_OWNER;
		assert_int_equal(bpacct_engine_submit(other, "A9", &e), 0);
		assert_int_equal(bpacct_engine_tick(
					 other,
					 tst_at("2026-09-30T00:00:00+07:00")),
				 0);
	}
	assert_int_equal(allocations, 0);
	frees = 0;
	bpacct_engine_free(other);
	assert_int_equal(frees, n - 1);
}

/* One wrong field of the options: what the test breaks, and what both
 * bpacct_engine_options_check() and bpacct_engine_new() must answer. */
typedef struct bad_option {
	int32_t status;
	const char *message;
} bad_option;

static bpacct_store_ops bo_store;
static bpacct_notifier_ops bo_notifier;
static bpacct_profile bo_profiles[2];
static const bpacct_profile *bo_list[2];
static bpacct_allocator bo_alloc;
static uint64_t bo_foreign[64];

static const bad_option bad_options[] = {
	{ BPACCT_EMISUSE,
	  "options: version 2 is newer than this library's 1" },
	{ BPACCT_EMISUSE, "options: version 0 is not a version (1 to 1)" },
	{ BPACCT_EINVAL, "options.store is NULL" },
	{ BPACCT_EINVAL, "options.calendar is NULL" },
	{ BPACCT_EINVAL, "options.batch: 70000 is above 65536" },
	{ BPACCT_EMISUSE, "options.calendar is not a calendar made by "
			  "bpacct_calendar_new()" },
	{ BPACCT_EMISUSE,
	  "options.store: version 7 is newer than this library's 1" },
	{ BPACCT_EMISUSE,
	  "options.store: version 0 is not a version (1 to 1)" },
	{ BPACCT_EINVAL, "options.store->get_account is NULL" },
	{ BPACCT_EINVAL, "options.store->commit is NULL" },
	{ BPACCT_EINVAL, "options.store->mark_delivered is NULL" },
	{ BPACCT_EMISUSE,
	  "options.notifier: version 2 is newer than this library's 1" },
	{ BPACCT_EINVAL, "options.notifier->deliver is NULL" },
	{ BPACCT_EINVAL,
	  "options.profiles is NULL but options.profile_count is 1" },
	{ BPACCT_EINVAL,
	  "options.profile_count is 0 but options.profiles is set" },
	{ BPACCT_EINVAL, "options.profiles[1] is NULL" },
	{ BPACCT_EMISUSE, "options.profiles[1]: bpacct_profile_check() "
			  "returned BPACCT_EMISUSE" },
	{ BPACCT_EINVAL, "options.profiles[0]: bpacct_profile_check() "
			 "returned BPACCT_EINVAL" },
	{ BPACCT_EMISUSE,
	  "options.allocator: version 0 is not a version (1 to 1)" },
	{ BPACCT_EINVAL, "options.allocator: alloc and free must both be set "
			 "or both be NULL" },
};

/* Right operations, two right BP profiles and a right allocator. */
static void bo_reset(void)
{
	bo_store = fs_ops;
	bo_notifier = fn_ops;
	for (int k = 0; k < 2; k++) {
		ok(bpacct_profile_init(&bo_profiles[k], BPACCT_PROFILE_VERSION,
				       BPACCT_PROCEDURE_BP));
		bo_list[k] = &bo_profiles[k];
	}
	ok(bpacct_allocator_init(&bo_alloc, BPACCT_ALLOCATOR_VERSION));
}

/* Breaks field number i of valid options o. */
static void break_option(bpacct_engine_options *o, size_t i)
{
	bo_reset();
	switch (i) {
	case 0: o->version = 2; break;
	case 1: o->version = 0; break;
	case 2: o->store = NULL; break;
	case 3: o->calendar = NULL; break;
	case 4: o->batch = 70000; break;
	case 5: o->calendar = (const bpacct_calendar *)(void *)bo_foreign;
		break;
	case 6: bo_store.version = 7; o->store = &bo_store; break;
	case 7: bo_store.version = 0; o->store = &bo_store; break;
	case 8: bo_store.get_account = NULL; o->store = &bo_store; break;
	case 9: bo_store.commit = NULL; o->store = &bo_store; break;
	case 10: bo_store.mark_delivered = NULL; o->store = &bo_store; break;
	case 11: bo_notifier.version = 2; o->notifier = &bo_notifier; break;
	case 12: bo_notifier.deliver = NULL; o->notifier = &bo_notifier;
		break;
	case 13: o->profile_count = 1; break;
	case 14: o->profiles = bo_list; break;
	case 15: bo_list[1] = NULL; o->profiles = bo_list;
		o->profile_count = 2; break;
	case 16: bo_profiles[1].version = 0; o->profiles = bo_list;
		o->profile_count = 2; break;
	case 17: bo_profiles[0].procedure = 99; /* below 100: no host's */
		o->profiles = bo_list; o->profile_count = 2; break;
	case 18: bo_alloc.version = 0; o->allocator = &bo_alloc; break;
	case 19: bo_alloc.alloc = host_alloc; o->allocator = &bo_alloc; break;
	default: fail_msg("no such option case %zu", i);
	}
}

/* Issue 9, "construction errors say why": for each wrong field of the
 * options, bpacct_engine_options_check() returns the status
 * bpacct_engine_new() returns (and new() makes no engine), and its
 * message names the field; right options are BPACCT_OK with "". */
static void test_b2_options_check_and_new_agree_and_name_the_field(
	void **state)
{
	bpacct_engine_options o;
	bpacct_engine *other = NULL;
	char msg[160];

	(void)state;
	for (size_t i = 0; i < sizeof bad_options / sizeof bad_options[0];
	     i++) {
		options(&o);
		break_option(&o, i);
		memset(msg, 'x', sizeof msg);
		assert_int_equal(bpacct_engine_options_check(&o, msg,
							     sizeof msg),
				 bad_options[i].status);
		assert_string_equal(msg, bad_options[i].message);
		assert_int_equal(bpacct_engine_new(&other, &o),
				 bad_options[i].status);
		assert_null(other);
		/* no buffer: the same status, nothing written */
		assert_int_equal(bpacct_engine_options_check(&o, NULL, 0),
				 bad_options[i].status);
		assert_int_equal(bpacct_engine_options_check(&o, msg, 0),
				 bad_options[i].status);
		assert_string_equal(msg, bad_options[i].message);
	}
	/* NULL options: BPACCT_EINVAL from both */
	assert_int_equal(bpacct_engine_options_check(NULL, msg, sizeof msg),
			 BPACCT_EINVAL);
	assert_string_equal(msg, "options is NULL");
	assert_int_equal(bpacct_engine_new(&other, NULL), BPACCT_EINVAL);
	/* a short buffer holds the start of the line, NUL-terminated */
	options(&o);
	o.store = NULL;
	assert_int_equal(bpacct_engine_options_check(&o, msg, 8),
			 BPACCT_EINVAL);
	assert_string_equal(msg, "options");
	/* right options: BPACCT_OK, "" and an engine */
	options(&o);
	bo_reset();
	o.profiles = bo_list;
	o.profile_count = 2;
	o.allocator = &bo_alloc;
	assert_int_equal(bpacct_engine_options_check(&o, msg, sizeof msg),
			 BPACCT_OK);
	assert_string_equal(msg, "");
	ok(bpacct_engine_new(&other, &o));
	bpacct_engine_free(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_bp_r2_incomplete_request_commits_once_then_delivers),
		TEST(test_bp_r3_bp_r6_tick_cancels_at_receipt_plus_2h),
		TEST(test_xnc_r4_in_session_request_cancelled_in_the_submit),
		TEST(test_bp_r6_failed_notice_stays_then_next_tick_sends_once),
		TEST(test_bp_r6_key_is_the_same_after_a_conflict_retry),
		TEST(test_bp_r6_unmarked_notice_is_redelivered_with_its_key),
		TEST(test_deliver_reports_what_stays_pending),
		TEST(test_e4_refused_input_commits_an_audit_only_change),
		TEST(test_e2_repeated_request_id_commits_nothing),
		TEST(test_e2_request_for_an_unknown_account_writes_the_request),
		TEST(test_cas_conflict_once_rereads_and_commits),
		TEST(test_cas_conflict_always_gives_econflict_after_retries),
		TEST(test_ids_with_a_slash_are_einval_and_write_nothing),
		TEST(test_bp_r6_keys_of_two_accounts_cannot_collide),
		TEST(test_cas_retries_uint32_max_is_clamped_and_ends),
		TEST(test_b2_batch_above_its_maximum_is_einval),
		TEST(test_c13_relayed_message_is_not_attached_to_another_failure),
		TEST(test_c13_store_error_passes_through_with_last_error),
		TEST(test_host_codes_pass_and_non_statuses_become_euser),
		TEST(test_b15_call_from_a_callback_is_erecursive),
		TEST(test_b2_options_and_vtables_are_versioned_and_checked),
		TEST(test_b2_options_check_and_new_agree_and_name_the_field),
		TEST(test_b10_operations_are_copied),
		TEST(test_preview_reports_and_writes_nothing),
		TEST(test_tick_runs_every_due_account_in_small_batches),
		TEST(test_tick_pages_past_due_accounts_that_owe_nothing),
		TEST(test_bp_r6_corrupt_outbox_record_does_not_block_the_others),
		TEST(test_b17_allocation_failures_are_enomem_without_leaks),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
