/*
 * Suite `db`: the store contract of bpacct/sys/store.h (docs/engine.md
 * §1) proven on the SQLite store, through an engine where the operation
 * needs a change set or a sink, and directly otherwise.
 */
#include "../unit/test_lifecycle_support.h"

#include <fcntl.h>

#include <sqlite3.h>

#include "db_support.h"

#define ISSUED "2026-11-02T08:00:00+07:00"

static db_store D;

static bpacct_engine *engine_over(const bpacct_store_ops *ops, void *data,
				  const bpacct_notifier_ops *notifier,
				  uint32_t batch)
{
	bpacct_engine_options o;
	bpacct_engine *e = NULL;

	bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);
	o.store = ops;
	o.store_userdata = data;
	o.notifier = notifier;
	o.notifier_userdata = &D;
	o.calendar = tst_cal;
	o.batch = batch;
	assert_int_equal(bpacct_engine_new(&e, &o), BPACCT_OK);
	return e;
}

static void issue(bpacct_engine *e, const char *id, const char *at)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_ISSUE, at);

	ev.procedure = BPACCT_PROCEDURE_BP;
	ev.owner = TL_OWNER;
	ev.holder_id_type = BPACCT_ID_CCCD;
	ev.holder_id_number = TL_CCCD;
	assert_int_equal(bpacct_engine_submit(e, id, &ev), BPACCT_OK);
}

static void request(bpacct_engine *e, const char *acc, const char *req,
		    const char *at)
{
	bpacct_event ev = tl_bp_request(at, req, BPACCT_CHANNEL_ONLINE);

	assert_int_equal(bpacct_engine_submit(e, acc, &ev), BPACCT_OK);
}

static int64_t state_of(bpacct_engine *e, const char *id)
{
	bpacct_account *a = tl_account("scratch");
	int64_t v = 0;

	if (bpacct_engine_account(e, id, a) == BPACCT_OK)
		bpacct_account_get_int(a, BPACCT_FIELD_STATE, &v);
	bpacct_account_free(a);
	return v;
}

/* Compare-and-swap: a second connection changes the account between the
 * first engine's read and its commit; the commit conflicts and writes
 * nothing, the engine re-reads and applies its event to the new state. */
static bpacct_engine *other;
static int conflicts, let_in;

static int racing_commit(const bpacct_change *c, void *u)
{
	int rc;

	if (let_in) {
		bpacct_event use = tl_event(BPACCT_INPUT_USE,
					    "2026-11-05T08:00:00+07:00");
		let_in = 0;
		assert_int_equal(bpacct_engine_submit(other, "A1", &use),
				 BPACCT_OK);
	}
	rc = db_spy_commit(c, u);
	if (rc == BPACCT_ECONFLICT)
		conflicts++;
	return rc;
}

static void test_db_sqlite_cas_conflict_writes_nothing_then_retry_wins(
	void **state)
{
	bpacct_store_ops racing = db_spy_ops;
	bpacct_sqlite_store *second = NULL;
	bpacct_engine *e;

	(void)state;
	racing.commit = racing_commit;
	db_open(&D, DB_SQLITE);
	assert_int_equal(bpacct_sqlite_store_open(&second, D.path, NULL),
			 BPACCT_OK);
	e = engine_over(&racing, &D, NULL, 0);
	other = engine_over(bpacct_sqlite_store_ops(), second, NULL, 0);
	issue(e, "A1", ISSUED);
	let_in = 1; /* the other engine uses A1 before this risk commits */
	{
		bpacct_event risk = tl_event(BPACCT_INPUT_RISK,
					     "2026-11-06T08:00:00+07:00");
		assert_int_equal(bpacct_engine_submit(e, "A1", &risk),
				 BPACCT_OK);
	}
	assert_int_equal(conflicts, 1);
	assert_int_equal(state_of(e, "A1"), BPACCT_STATE_LOCKED);
	{
		bpacct_account *a = tl_account("scratch");
		assert_int_equal(bpacct_engine_account(other, "A1", a),
				 BPACCT_OK);
		/* issue 1, use 2 (the other engine), lock 3 */
		assert_int_equal(tl_acc(a, BPACCT_FIELD_REVISION), 3);
		tl_instant_is(tl_acc(a, BPACCT_FIELD_LAST_USED),
			      "2026-11-05T08:00:00+07:00");
		bpacct_account_free(a);
	}
	bpacct_engine_free(other);
	bpacct_engine_free(e);
	bpacct_sqlite_store_close(second);
	db_close(&D);
}

/* due(): earliest first, ties by id, in batches; cancellations are
 * heard in that order. */
static char heard[8][BPACCT_ID_MAX];
static int nheard;

static void on_effects(const char *account, const bpacct_effects *fx,
		       void *u)
{
	(void)u;
	if (tl_has(fx, BPACCT_EFFECT_TRANSITION) && nheard < 8)
		snprintf(heard[nheard++], BPACCT_ID_MAX, "%s", account);
}

static void test_db_sqlite_due_earliest_first_ties_by_id_in_batches(
	void **state)
{
	bpacct_engine_options o;
	bpacct_engine *e = NULL;

	(void)state;
	db_open(&D, DB_SQLITE);
	bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);
	o.store = bpacct_sqlite_store_ops();
	o.store_userdata = D.sq;
	o.calendar = tst_cal;
	o.batch = 2;
	o.on_effects = on_effects;
	assert_int_equal(bpacct_engine_new(&e, &o), BPACCT_OK);
	issue(e, "C", ISSUED);
	issue(e, "B", ISSUED);
	issue(e, "A", ISSUED);
	issue(e, "D", ISSUED);
	/* BP-R3: due 2 h after receipt: D 11:00, then B and C 11:30. */
	request(e, "C", "QC", "2026-11-16T09:30:00+07:00");
	request(e, "D", "QD", "2026-11-16T09:00:00+07:00");
	request(e, "B", "QB", "2026-11-16T09:30:00+07:00");
	nheard = 0;
	assert_int_equal(bpacct_engine_tick(e, tst_at(
					"2026-11-16T12:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(nheard, 3);
	assert_string_equal(heard[0], "D");
	assert_string_equal(heard[1], "B");
	assert_string_equal(heard[2], "C");
	assert_int_equal(state_of(e, "A"), BPACCT_STATE_ACTIVE);
	bpacct_engine_free(e);
	db_close(&D);
}

/* outbox(): undelivered notices in commit order; mark_delivered() is
 * idempotent; an unknown key is ENOTFOUND. */
static char order[8][128];
static int norder;

static int record(const bpacct_entry *n, void *u)
{
	const char *key = "";

	(void)u;
	bpacct_entry_get_text(n, BPACCT_FIELD_KEY, &key);
	if (norder < 8)
		snprintf(order[norder++], 128, "%s", key);
	return 0;
}

static void test_db_sqlite_outbox_in_commit_order_mark_is_idempotent(
	void **state)
{
	static const bpacct_notifier_ops recorder = {
		BPACCT_NOTIFIER_OPS_VERSION, record
	};
	const bpacct_store_ops *ops = bpacct_sqlite_store_ops();
	bpacct_engine *quiet, *loud;
	uint32_t pending = 9;
	uint64_t outbox = 9;

	(void)state;
	db_open(&D, DB_SQLITE);
	quiet = engine_over(bpacct_sqlite_store_ops(), D.sq, NULL, 0);
	issue(quiet, "B", ISSUED);
	issue(quiet, "A", ISSUED);
	request(quiet, "B", "QB", "2026-11-16T09:00:00+07:00");
	request(quiet, "A", "QA", "2026-11-16T09:30:00+07:00");
	assert_int_equal(bpacct_engine_tick(quiet, tst_at(
					"2026-11-16T12:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(bpacct_sqlite_store_stats(D.sq, NULL, &outbox, NULL,
						   NULL), BPACCT_OK);
	assert_int_equal(outbox, 2); /* the cancellation notices */
	loud = engine_over(bpacct_sqlite_store_ops(), D.sq, &recorder, 0);
	norder = 0;
	assert_int_equal(bpacct_engine_deliver(loud, &pending), BPACCT_OK);
	assert_int_equal(pending, 0);
	assert_int_equal(norder, 2);
	/* B cancelled at 11:00 first: revisions issue 1, accept 2, cancel 3 */
	assert_string_equal(order[0], "B/3/0");
	assert_string_equal(order[1], "A/3/0");
	assert_int_equal(ops->mark_delivered("B/3/0", D.sq), BPACCT_OK);
	assert_int_equal(ops->mark_delivered("B/3/0", D.sq), BPACCT_OK);
	assert_int_equal(ops->mark_delivered("Z/1/0", D.sq),
			 BPACCT_ENOTFOUND);
	bpacct_engine_free(loud);
	bpacct_engine_free(quiet);
	db_close(&D);
}

/* Nothing is lost to one bad row: an outbox row whose record was emptied
 * (a damaged file, a careless repair) stays undelivered and is reported,
 * and the notices after it are still delivered. */
static void test_db_sqlite_empty_outbox_record_does_not_block_the_others(
	void **state)
{
	static const bpacct_notifier_ops recorder = {
		BPACCT_NOTIFIER_OPS_VERSION, record
	};
	bpacct_engine *quiet, *loud;
	uint32_t pending = 9;

	(void)state;
	db_open(&D, DB_SQLITE);
	quiet = engine_over(bpacct_sqlite_store_ops(), D.sq, NULL, 0);
	issue(quiet, "B", ISSUED);
	issue(quiet, "A", ISSUED);
	request(quiet, "B", "QB", "2026-11-16T09:00:00+07:00");
	request(quiet, "A", "QA", "2026-11-16T09:30:00+07:00");
	assert_int_equal(bpacct_engine_tick(quiet, tst_at(
					"2026-11-16T12:00:00+07:00")),
			 BPACCT_OK);
	bpacct_engine_free(quiet);
	db_disconnect(&D);
	{
		sqlite3 *h = NULL;
		assert_int_equal(sqlite3_open(D.path, &h), SQLITE_OK);
		assert_int_equal(sqlite3_exec(h, "UPDATE outbox SET record = "
					      "x'' WHERE key = 'B/3/0';",
					      NULL, NULL, NULL),
				 SQLITE_OK);
		sqlite3_close(h);
	}
	db_connect(&D);
	loud = engine_over(bpacct_sqlite_store_ops(), D.sq, &recorder, 0);
	norder = 0;
	assert_int_equal(bpacct_engine_deliver(loud, &pending), BPACCT_OK);
	assert_int_equal(pending, 1);
	assert_int_equal(norder, 1);
	assert_string_equal(order[0], "A/3/0");
	assert_non_null(strstr(bpacct_engine_last_error(loud), "outbox"));
	bpacct_engine_free(loud);
	db_close(&D);
}

/* Reads: ENOTFOUND, EBUFSIZE, and what a reopened file still has. */
static void test_db_sqlite_reopen_keeps_state(void **state)
{
	const bpacct_store_ops *ops = bpacct_sqlite_store_ops();
	uint8_t buf[BPACCT_RECORD_MAX];
	uint64_t accounts = 0, audit = 0;
	size_t len = 0;
	bpacct_engine *e;

	(void)state;
	db_open(&D, DB_SQLITE);
	e = engine_over(bpacct_sqlite_store_ops(), D.sq, NULL, 0);
	issue(e, "A1", ISSUED);
	request(e, "A1", "Q1", "2026-11-16T09:00:00+07:00");
	bpacct_engine_free(e);
	db_disconnect(&D);
	db_connect(&D);
	assert_int_equal(ops->get_account("nobody", buf, sizeof buf, &len,
					  D.sq), BPACCT_ENOTFOUND);
	assert_int_equal(ops->get_account("A1", buf, 4, &len, D.sq),
			 BPACCT_EBUFSIZE);
	assert_int_equal(ops->get_request("Q1", buf, sizeof buf, &len, D.sq),
			 BPACCT_OK);
	e = engine_over(bpacct_sqlite_store_ops(), D.sq, NULL, 0);
	/* The due instant survived: the tick of a later process cancels. */
	assert_int_equal(bpacct_engine_tick(e, tst_at(
					"2026-11-16T11:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(state_of(e, "A1"), BPACCT_STATE_CANCELLED);
	assert_int_equal(bpacct_sqlite_store_stats(D.sq, &accounts, NULL,
						   &audit, NULL), BPACCT_OK);
	assert_int_equal(accounts, 1);
	assert_int_equal(audit, 3); /* issue, acceptance, cancellation */
	bpacct_engine_free(e);
	db_close(&D);
}

#include "db_store_schema.h"

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_db_sqlite_cas_conflict_writes_nothing_then_retry_wins),
		cmocka_unit_test(
			test_db_sqlite_due_earliest_first_ties_by_id_in_batches),
		cmocka_unit_test(
			test_db_sqlite_outbox_in_commit_order_mark_is_idempotent),
		cmocka_unit_test(
			test_db_sqlite_empty_outbox_record_does_not_block_the_others),
		cmocka_unit_test(test_db_sqlite_reopen_keeps_state),
		cmocka_unit_test(
			test_db_sqlite_schema_created_in_an_empty_file),
		cmocka_unit_test(
			test_db_sqlite_newer_schema_refused_not_misread),
		cmocka_unit_test(
			test_db_sqlite_not_a_database_tells_why),
		cmocka_unit_test(
			test_db_sqlite_concurrent_opens_of_a_new_file_all_succeed),
	};

	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
