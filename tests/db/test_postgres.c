/*
 * Suite `db`: the store contract of libbpacct-postgres against a real
 * server (pg_support.h: BPACCT_PG_CONNINFO; each test in its own schema).
 * Compare-and-swap on insert and update (a second engine runs a whole
 * event between the first one's read and its commit, as in
 * test_cas_race.c), due order and batches, claims shared between
 * sessions, the outbox and an idempotent mark, state kept across a
 * reopen, forward migration from version 1, a newer schema refused, a
 * dropped connection restored (before a read and before a commit), a
 * database gone for good and an unreachable server reported.
 */
#include "../unit/test_lifecycle_support.h"

#include <bpacct/postgres.h>
#include <bpacct/sys/notifier.h>
#include <bpacct/sys/store.h>

#include "pg_support.h"

#define ISSUED "2026-11-02T08:00:00+07:00"
#define PG_OPS (bpacct_postgres_store_ops())

typedef struct fixture {
	pg_schema db;
	bpacct_postgres_store *s1, *s2;
	bpacct_engine *a, *b;
	/* engine A's get_account lets B run an event first, once */
	const char *raced;
	void (*b_event)(void);
	int conflicts;
	char order[8][BPACCT_ID_MAX]; /* cancellations, in order */
	int ncancel;
} fixture;

static fixture F;

static int a_get_account(const char *id, uint8_t *buf, size_t size,
			 size_t *len, void *ud)
{
	int rc = PG_OPS->get_account(id, buf, size, len, ud);

	if (F.raced && strcmp(id, F.raced) == 0) {
		F.raced = NULL;
		F.b_event();
	}
	return rc;
}

static int a_commit(const bpacct_change *c, void *ud)
{
	int rc = PG_OPS->commit(c, ud);

	F.conflicts += rc == BPACCT_ECONFLICT;
	return rc;
}

static int a_get_request(const char *id, uint8_t *b, size_t n, size_t *l,
			 void *ud)
{
	return PG_OPS->get_request(id, b, n, l, ud);
}

static int a_due(int64_t at, uint32_t max, bpacct_sink *k, void *ud)
{
	return PG_OPS->due(at, max, k, ud);
}

static int a_outbox(uint32_t max, bpacct_sink *k, void *ud)
{
	return PG_OPS->outbox(max, k, ud);
}

static int a_mark(const char *key, void *ud)
{
	return PG_OPS->mark_delivered(key, ud);
}

static const bpacct_store_ops a_ops = { BPACCT_STORE_OPS_VERSION,
	a_get_account, a_get_request, a_commit, a_due, a_outbox, a_mark };

static int take(const bpacct_entry *n, void *u)
{
	(void)n;
	(void)u;
	return 0;
}

static const bpacct_notifier_ops taker = { BPACCT_NOTIFIER_OPS_VERSION,
					   take };

static void on_effects(const char *account, const bpacct_effects *fx,
		       void *u)
{
	uint32_t n = 0;

	(void)u;
	bpacct_effects_count(fx, &n);
	for (uint32_t i = 0; i < n; i++)
		if (tl_int(fx, i, BPACCT_FIELD_TYPE) ==
			    BPACCT_EFFECT_TRANSITION &&
		    tl_int(fx, i, BPACCT_FIELD_TO) == BPACCT_STATE_CANCELLED &&
		    F.ncancel < 8)
			snprintf(F.order[F.ncancel++], BPACCT_ID_MAX, "%s",
				 account);
}

static bpacct_engine *engine(const bpacct_store_ops *ops,
			     bpacct_postgres_store *s, uint32_t batch,
			     int notify)
{
	bpacct_engine_options o;
	bpacct_engine *e = NULL;

	assert_int_equal(bpacct_engine_options_init(
				 &o, BPACCT_ENGINE_OPTIONS_VERSION), BPACCT_OK);
	o.store = ops;
	o.store_userdata = s;
	o.notifier = notify ? &taker : NULL;
	o.calendar = tst_cal;
	o.batch = batch;
	o.on_effects = on_effects;
	assert_int_equal(bpacct_engine_new(&e, &o), BPACCT_OK);
	assert_int_equal(bpacct_postgres_store_set_engine(s, e), BPACCT_OK);
	return e;
}

static void open_all(uint32_t batch, int notify)
{
	memset(&F, 0, sizeof F);
	pg_schema_new(&F.db);
	assert_int_equal(bpacct_postgres_store_open(&F.s1, F.db.conninfo,
						    NULL), BPACCT_OK);
	assert_int_equal(bpacct_postgres_store_open(&F.s2, F.db.conninfo,
						    NULL), BPACCT_OK);
	F.a = engine(&a_ops, F.s1, batch, notify);
	F.b = engine(PG_OPS, F.s2, batch, notify);
}

static void close_all(void)
{
	bpacct_engine_free(F.a);
	bpacct_engine_free(F.b);
	bpacct_postgres_store_close(F.s1);
	bpacct_postgres_store_close(F.s2);
	pg_schema_drop(&F.db);
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

static void risk(bpacct_engine *e, const char *id, const char *at)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_RISK, at);

	ev.detail = "đăng nhập bất thường";
	assert_int_equal(bpacct_engine_submit(e, id, &ev), BPACCT_OK);
}

static long count(const char *sql)
{
	return pg_sql(F.db.admin, sql);
}

/* Audit entries of the account that moved it to `to` (decoded). */
static long audit_to(const char *account, int64_t to)
{
	char sql[160];
	PGresult *r;
	bpacct_entry *e = NULL;
	long n = 0;

	snprintf(sql, sizeof sql, "SELECT record FROM audit WHERE account ="
		 " '%s' ORDER BY seq", account);
	r = PQexecParams(F.db.admin, sql, 0, NULL, NULL, NULL, NULL, 1);
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_int_equal(bpacct_entry_new(&e, NULL), BPACCT_OK);
	for (int i = 0; i < PQntuples(r); i++) {
		int64_t v = 0;

		assert_int_equal(bpacct_entry_decode(
					 e, (const uint8_t *)PQgetvalue(r, i, 0),
					 (size_t)PQgetlength(r, i, 0)),
				 BPACCT_OK);
		bpacct_entry_get_int(e, BPACCT_FIELD_TO, &v);
		n += v == to;
	}
	bpacct_entry_free(e);
	PQclear(r);
	return n;
}

static void b_issue(void)
{
	issue(F.b, "A1", ISSUED);
}

static void b_risk(void)
{
	risk(F.b, "A1", "2026-11-03T09:00:00+07:00");
}

static void test_pg_cas_insert_conflict_one_issue_wins(void **state)
{
	(void)state;
	open_all(0, 1);
	F.raced = "A1";
	F.b_event = b_issue;
	issue(F.a, "A1", ISSUED); /* B inserts first: A's INSERT conflicts */
	assert_true(F.conflicts >= 1);
	assert_int_equal(count("SELECT count(*) FROM accounts"), 1);
	assert_int_equal(count("SELECT revision FROM accounts"), 1);
	assert_int_equal(audit_to("A1", BPACCT_STATE_ACTIVE), 1);
	close_all();
}

static void test_pg_cas_update_conflict_one_lock_wins(void **state)
{
	(void)state;
	open_all(0, 1);
	issue(F.a, "A1", ISSUED);
	F.raced = "A1";
	F.b_event = b_risk;
	risk(F.a, "A1", "2026-11-03T09:00:01+07:00");
	assert_true(F.conflicts >= 1);
	assert_int_equal(count("SELECT revision FROM accounts"), 2);
	assert_int_equal(audit_to("A1", BPACCT_STATE_LOCKED), 1);
	/* the lock's cancellation, once, with one notice */
	assert_int_equal(bpacct_engine_tick(F.a, tst_at(
					    "2026-11-03T12:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(bpacct_engine_tick(F.b, tst_at(
					    "2026-11-03T12:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(audit_to("A1", BPACCT_STATE_CANCELLED), 1);
	assert_int_equal(count("SELECT count(*) FROM outbox"), 1);
	assert_int_equal(count("SELECT count(*) FROM outbox WHERE NOT "
			       "delivered"), 0);
	close_all();
}

/* BP-R4: each lock cancels 2 h later; a tick with batch 2 cancels them
 * earliest first, ties by id. */
static void test_pg_due_order_earliest_first_ties_by_id_in_batches(
	void **state)
{
	static const char *const ids[] = { "A5", "A3", "A4", "A1", "A2" };
	static const char *const locked[] = {
		"2026-11-03T09:03:00+07:00", "2026-11-03T09:01:00+07:00",
		"2026-11-03T09:01:00+07:00", "2026-11-03T09:02:00+07:00",
		"2026-11-03T09:00:00+07:00",
	};
	static const char *const expected[] = { "A2", "A3", "A4", "A1",
						"A5" };

	(void)state;
	open_all(2, 1);
	for (int i = 0; i < 5; i++)
		issue(F.b, ids[i], ISSUED);
	for (int i = 0; i < 5; i++)
		risk(F.b, ids[i], locked[i]);
	assert_int_equal(count("SELECT count(*) FROM accounts WHERE "
			       "next_due IS NOT NULL"), 5);
	F.ncancel = 0;
	assert_int_equal(bpacct_engine_tick(F.a, tst_at(
					    "2026-11-03T12:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(F.ncancel, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(F.order[i], expected[i]);
	close_all();
}

/* A preview claims what it lists: the other session sees none of it
 * until the claim is handed back (or its lease ends). */
static void test_pg_claims_keep_a_due_account_from_two_sessions(
	void **state)
{
	uint32_t n1 = 0, n2 = 9;

	(void)state;
	open_all(0, 1);
	issue(F.b, "A1", ISSUED);
	issue(F.b, "A2", ISSUED);
	risk(F.b, "A1", "2026-11-03T09:00:00+07:00");
	risk(F.b, "A2", "2026-11-03T09:00:00+07:00");
	assert_int_equal(bpacct_engine_preview(F.a, tst_at(
					       "2026-11-03T12:00:00+07:00"),
					       &n1), BPACCT_OK);
	assert_int_equal(n1, 2);
	assert_int_equal(count("SELECT count(*) FROM accounts WHERE "
			       "claimed_until > clock_timestamp()"), 2);
	assert_int_equal(bpacct_engine_preview(F.b, tst_at(
					       "2026-11-03T12:00:00+07:00"),
					       &n2), BPACCT_OK);
	assert_int_equal(n2, 0);
	/* A's tick hands its claims back, lists them again, cancels them
	 * (the commit clears the claim). */
	assert_int_equal(bpacct_engine_tick(F.a, tst_at(
					    "2026-11-03T12:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(count("SELECT count(*) FROM accounts WHERE "
			       "claimed_until IS NOT NULL AND next_due IS NOT "
			       "NULL AND next_due <= 0"), 0);
	assert_int_equal(audit_to("A1", BPACCT_STATE_CANCELLED), 1);
	assert_int_equal(audit_to("A2", BPACCT_STATE_CANCELLED), 1);
	close_all();
}

static void test_pg_outbox_keeps_undelivered_and_mark_is_idempotent(
	void **state)
{
	uint32_t pending = 0;

	(void)state;
	open_all(0, 0); /* no notifier: every notice stays */
	issue(F.a, "A1", ISSUED);
	risk(F.a, "A1", "2026-11-03T09:00:00+07:00");
	assert_int_equal(bpacct_engine_tick(F.a, tst_at(
					    "2026-11-03T11:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(bpacct_engine_deliver(F.a, &pending), BPACCT_OK);
	assert_int_equal(pending, 1);
	assert_int_equal(count("SELECT count(*) FROM outbox WHERE key = "
			       "'A1/3/0' AND NOT delivered"), 1);
	assert_int_equal(PG_OPS->mark_delivered("A1/3/0", F.s2), BPACCT_OK);
	assert_int_equal(PG_OPS->mark_delivered("A1/3/0", F.s2), BPACCT_OK);
	assert_int_equal(PG_OPS->mark_delivered("A9/1/0", F.s2),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_engine_deliver(F.a, &pending), BPACCT_OK);
	assert_int_equal(pending, 0);
	close_all();
}

static void test_pg_reopen_keeps_state(void **state)
{
	bpacct_account *acc = tl_account("scratch");

	(void)state;
	open_all(0, 1);
	issue(F.a, "A1", ISSUED);
	risk(F.a, "A1", "2026-11-03T09:00:00+07:00");
	bpacct_engine_free(F.a);
	bpacct_postgres_store_close(F.s1);
	assert_int_equal(bpacct_postgres_store_open(&F.s1, F.db.conninfo,
						    NULL), BPACCT_OK);
	F.a = engine(&a_ops, F.s1, 0, 1);
	assert_int_equal(bpacct_engine_account(F.a, "A1", acc), BPACCT_OK);
	assert_int_equal(tl_acc(acc, BPACCT_FIELD_STATE), BPACCT_STATE_LOCKED);
	assert_int_equal(bpacct_engine_tick(F.a, tst_at(
					    "2026-11-03T11:00:00+07:00")),
			 BPACCT_OK);
	assert_int_equal(bpacct_engine_account(F.a, "A1", acc), BPACCT_OK);
	assert_int_equal(tl_acc(acc, BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	assert_int_equal(count("SELECT count(*) FROM schema_version"), 2);
	bpacct_account_free(acc);
	close_all();
}

/* Version 1 as it was released (a fixture: the tables without claims). */
static const char v1[] =
	"CREATE TABLE schema_version (version integer PRIMARY KEY,"
	" applied timestamptz NOT NULL DEFAULT now());"
	"INSERT INTO schema_version (version) VALUES (1);"
	"CREATE TABLE accounts (id text COLLATE \"C\" PRIMARY KEY,"
	" revision bigint NOT NULL, next_due bigint, record bytea NOT NULL);"
	"CREATE INDEX accounts_next_due ON accounts (next_due)"
	" WHERE next_due IS NOT NULL;"
	"CREATE TABLE requests (id text COLLATE \"C\" PRIMARY KEY,"
	" record bytea NOT NULL);"
	"CREATE TABLE outbox (seq bigserial PRIMARY KEY,"
	" key text COLLATE \"C\" NOT NULL UNIQUE,"
	" account text COLLATE \"C\" NOT NULL, record bytea NOT NULL,"
	" delivered boolean NOT NULL DEFAULT false);"
	"CREATE INDEX outbox_pending ON outbox (seq) WHERE NOT delivered;"
	"CREATE TABLE audit (seq bigserial PRIMARY KEY,"
	" account text COLLATE \"C\" NOT NULL, record bytea NOT NULL);"
	"CREATE INDEX audit_account ON audit (account);"
	"INSERT INTO audit (account, record) VALUES ('old', '\\x00');";

static void test_pg_migration_from_version_1_keeps_rows(void **state)
{
	bpacct_postgres_store *s = NULL;

	(void)state;
	memset(&F, 0, sizeof F);
	pg_schema_new(&F.db);
	(void)pg_sql(F.db.admin, v1);
	assert_int_equal(bpacct_postgres_store_open(&s, F.db.conninfo, NULL),
			 BPACCT_OK);
	assert_int_equal(count("SELECT max(version) FROM schema_version"),
			 BPACCT_POSTGRES_SCHEMA_VERSION);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE account ="
			       " 'old'"), 1);
	assert_int_equal(count("SELECT count(*) FROM information_schema."
			       "columns WHERE table_schema = current_schema()"
			       " AND column_name = 'claimed_until'"), 2);
	bpacct_postgres_store_close(s);
	/* a second open migrates nothing */
	assert_int_equal(bpacct_postgres_store_open(&s, F.db.conninfo, NULL),
			 BPACCT_OK);
	assert_int_equal(count("SELECT count(*) FROM schema_version"), 2);
	bpacct_postgres_store_close(s);
	pg_schema_drop(&F.db);
}

static void test_pg_newer_schema_is_refused(void **state)
{
	bpacct_postgres_store *s = NULL;

	(void)state;
	memset(&F, 0, sizeof F);
	pg_schema_new(&F.db);
	(void)pg_sql(F.db.admin, "CREATE TABLE schema_version (version "
		     "integer PRIMARY KEY, applied timestamptz NOT NULL "
		     "DEFAULT now()); INSERT INTO schema_version VALUES (99)");
	assert_int_equal(bpacct_postgres_store_open(&s, F.db.conninfo, NULL),
			 BPACCT_ENOTSUP);
	assert_null(s);
	pg_schema_drop(&F.db);
}

/* The server ends the session: the next read resets the connection and
 * succeeds; so does the next event. */
static void test_pg_dropped_connection_is_restored(void **state)
{
	bpacct_account *acc = tl_account("scratch");
	char info[PG_CONNINFO_MAX + 64], sql[256];

	(void)state;
	open_all(0, 1);
	issue(F.a, "A1", ISSUED);
	/* A third session, named, that the server will end. */
	bpacct_engine_free(F.a);
	bpacct_postgres_store_close(F.s1);
	snprintf(info, sizeof info, "%s application_name=victim_%ld",
		 F.db.conninfo, (long)getpid());
	assert_int_equal(bpacct_postgres_store_open(&F.s1, info, NULL),
			 BPACCT_OK);
	F.a = engine(&a_ops, F.s1, 0, 1);
	snprintf(sql, sizeof sql, "SELECT count(pg_terminate_backend(pid)) "
		 "FROM pg_stat_activity WHERE application_name = "
		 "'victim_%ld'", (long)getpid());
	assert_int_equal(count(sql), 1);
	pg_pause();
	/* a read: reset once, read again */
	assert_int_equal(bpacct_engine_account(F.a, "A1", acc), BPACCT_OK);
	assert_int_equal(tl_acc(acc, BPACCT_FIELD_STATE), BPACCT_STATE_ACTIVE);
	/* again, then an event: its first read restores the session */
	assert_int_equal(count(sql), 1);
	pg_pause();
	risk(F.a, "A1", "2026-11-03T09:00:00+07:00");
	assert_int_equal(audit_to("A1", BPACCT_STATE_LOCKED), 1);
	bpacct_account_free(acc);
	close_all();
}

/* A session of its own (application_name), that the server can be told
 * to end: in the test's schema, or on database `db` (NULL: the server's)
 * in its public schema. */
static char gone_db[64], gone_kill[256];

static void end_session(void)
{
	assert_int_equal(count(gone_kill), 1);
	pg_pause();
}

static void drop_database(void)
{
	char sql[128];

	snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", gone_db);
	(void)count(sql);
}

static void open_victim(const char *db)
{
	char info[PG_CONNINFO_MAX + 128];

	snprintf(info, sizeof info, "%s%s%s application_name=victim_%ld",
		 db ? pg_base() : F.db.conninfo, db ? " dbname=" : "",
		 db ? db : "", (long)getpid());
	snprintf(gone_kill, sizeof gone_kill, "SELECT count(pg_terminate_"
		 "backend(pid)) FROM pg_stat_activity WHERE application_name"
		 " = 'victim_%ld'", (long)getpid());
	assert_int_equal(bpacct_postgres_store_open(&F.s1, info, NULL),
			 BPACCT_OK);
	F.a = engine(&a_ops, F.s1, 0, 0);
	issue(F.a, "A1", ISSUED);
}

static int risk_rc(void)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_RISK,
				   "2026-11-03T09:00:00+07:00");

	ev.detail = "đăng nhập bất thường";
	return bpacct_engine_submit(F.a, "A1", &ev);
}

/* The session ends between the read and the commit: the pipelined commit
 * fails with the reason (never applied half), and the next event, on a
 * restored session, succeeds. */
static void test_pg_session_lost_before_commit_then_restored(void **state)
{
	(void)state;
	memset(&F, 0, sizeof F);
	pg_schema_new(&F.db);
	open_victim(NULL);
	F.raced = "A1";
	F.b_event = end_session;
	assert_int_equal(risk_rc(), BPACCT_EUSER);
	assert_non_null(strstr(bpacct_engine_last_error(F.a), "PostgreSQL"));
	assert_int_equal(count("SELECT revision FROM accounts"), 1);
	assert_int_equal(risk_rc(), BPACCT_OK);
	assert_int_equal(count("SELECT revision FROM accounts"), 2);
	assert_int_equal(audit_to("A1", BPACCT_STATE_LOCKED), 1);
	bpacct_engine_free(F.a);
	bpacct_postgres_store_close(F.s1);
	pg_schema_drop(&F.db);
}

/* The database goes away for good between the read and the commit (its
 * sessions ended, DROP DATABASE … WITH (FORCE)): the commit fails, then
 * every call fails at once with EUSER and a message that says the
 * connection could not be restored, and why; closing is clean. */
static void test_pg_server_gone_for_good_is_a_clear_error(void **state)
{
	char sql[128];
	uint8_t buf[64];
	size_t len = 0;

	(void)state;
	memset(&F, 0, sizeof F);
	pg_schema_new(&F.db);
	snprintf(gone_db, sizeof gone_db, "bpacct_gone_%ld", (long)getpid());
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", gone_db);
	(void)count(sql);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", gone_db);
	(void)count(sql);
	open_victim(gone_db);
	F.raced = "A1";
	F.b_event = drop_database;
	assert_int_equal(risk_rc(), BPACCT_EUSER);
	assert_non_null(strstr(bpacct_engine_last_error(F.a), "PostgreSQL"));
	/* now no session can be had: a clear error, each time */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(risk_rc(), BPACCT_EUSER);
		assert_non_null(strstr(bpacct_postgres_store_last_error(F.s1),
				       "could not be restored"));
		assert_non_null(strstr(bpacct_postgres_store_last_error(F.s1),
				       gone_db));
		assert_non_null(strstr(bpacct_engine_last_error(F.a),
				       "could not be restored"));
	}
	print_message("%s\n", bpacct_postgres_store_last_error(F.s1));
	assert_int_equal(PG_OPS->get_account("A1", buf, sizeof buf, &len,
					     F.s1), BPACCT_EUSER);
	assert_int_equal(PG_OPS->commit(NULL, F.s1), BPACCT_EUSER);
	bpacct_engine_free(F.a);
	bpacct_postgres_store_close(F.s1);
	pg_schema_drop(&F.db);
}

static void test_pg_unreachable_server_is_a_clear_error(void **state)
{
	bpacct_postgres_store *s = NULL;

	(void)state;
	assert_int_equal(bpacct_postgres_store_open(
				 &s, "host=/nonexistent/bpacct dbname=x "
				 "connect_timeout=2", NULL), BPACCT_EUSER);
	assert_non_null(s);
	assert_non_null(strstr(bpacct_postgres_store_last_error(s),
			       "cannot connect"));
	assert_int_equal(PG_OPS->get_account("A1", (uint8_t *)"", 0, NULL, s),
			 BPACCT_EMISUSE);
	bpacct_postgres_store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pg_cas_insert_conflict_one_issue_wins),
		cmocka_unit_test(test_pg_cas_update_conflict_one_lock_wins),
		cmocka_unit_test(
			test_pg_due_order_earliest_first_ties_by_id_in_batches),
		cmocka_unit_test(
			test_pg_claims_keep_a_due_account_from_two_sessions),
		cmocka_unit_test(
			test_pg_outbox_keeps_undelivered_and_mark_is_idempotent),
		cmocka_unit_test(test_pg_reopen_keeps_state),
		cmocka_unit_test(test_pg_migration_from_version_1_keeps_rows),
		cmocka_unit_test(test_pg_newer_schema_is_refused),
		cmocka_unit_test(test_pg_dropped_connection_is_restored),
		cmocka_unit_test(
			test_pg_session_lost_before_commit_then_restored),
		cmocka_unit_test(test_pg_server_gone_for_good_is_a_clear_error),
		cmocka_unit_test(test_pg_unreachable_server_is_a_clear_error),
	};

	(void)pg_base(); /* skip, or fail in CI, before any test */
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
