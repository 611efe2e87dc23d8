/*
 * Suite `db`, PostgreSQL: a commit that fails half way never leaves its
 * session out of step.  libpq is interposed (this executable defines
 * PQexitPipelineMode and PQexec, which the adapter's library binds to
 * first; the originals are reached with dlsym(RTLD_NEXT)) to make the
 * failures the server and the network make rarely happen on demand:
 *
 * - PQexitPipelineMode fails after the first flight, the session still
 *   in pipeline mode with the transaction open: the refused change must
 *   not be saved by the NEXT commit;
 * - the transaction is aborted just before COMMIT, which the server then
 *   answers with the tag ROLLBACK and no error: not a success.
 *
 * And a record the store did not write (empty) reads as BPACCT_EPARSE.
 */
#define _GNU_SOURCE
#include "../unit/test_lifecycle_support.h"

#include <dlfcn.h>

#include <bpacct/postgres.h>
#include <bpacct/sys/store.h>

#include "pg_support.h"

#define ISSUED "2026-11-02T08:00:00+07:00"

static int fail_exit, abort_commit;

int PQexitPipelineMode(PGconn *conn)
{
	int (*real)(PGconn *);

	*(void **)&real = dlsym(RTLD_NEXT, "PQexitPipelineMode");

	if (fail_exit) {
		fail_exit = 0;
		return 0; /* as when results are still pending */
	}
	return real(conn);
}

PGresult *PQexec(PGconn *conn, const char *query)
{
	PGresult *(*real)(PGconn *, const char *);

	*(void **)&real = dlsym(RTLD_NEXT, "PQexec");

	if (abort_commit && strcmp(query, "COMMIT") == 0) {
		abort_commit = 0;
		PQclear(real(conn, "SELECT 1/0"));
	}
	return real(conn, query);
}

static pg_schema db;
static bpacct_postgres_store *store;
static bpacct_engine *engine;

static void open_store(void)
{
	bpacct_engine_options o;

	pg_schema_new(&db);
	assert_int_equal(bpacct_postgres_store_open(&store, db.conninfo,
						    NULL), BPACCT_OK);
	bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);
	o.store = bpacct_postgres_store_ops();
	o.store_userdata = store;
	o.calendar = tst_cal;
	assert_int_equal(bpacct_engine_new(&engine, &o), BPACCT_OK);
	assert_int_equal(bpacct_postgres_store_set_engine(store, engine),
			 BPACCT_OK);
}

static void close_store(void)
{
	bpacct_engine_free(engine);
	bpacct_postgres_store_close(store);
	pg_schema_drop(&db);
}

static int issue(const char *id)
{
	bpacct_event ev = tl_event(BPACCT_INPUT_ISSUE, ISSUED);

	ev.procedure = BPACCT_PROCEDURE_BP;
	ev.owner = TL_OWNER;
	ev.holder_id_type = BPACCT_ID_CCCD;
	ev.holder_id_number = TL_CCCD;
	return bpacct_engine_submit(engine, id, &ev);
}

static int stored(const char *id)
{
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;

	return bpacct_postgres_store_ops()->get_account(id, buf, sizeof buf,
							 &len, store);
}

/* The failed change is refused and the session reset; the next change
 * commits alone: no row of the first reaches the database. */
static void assert_refused_then_next_alone(const char *why)
{
	assert_int_equal(issue("X1"), BPACCT_EUSER);
	assert_non_null(strstr(bpacct_postgres_store_last_error(store), why));
	assert_int_equal(issue("X2"), BPACCT_OK);
	assert_int_equal(stored("X1"), BPACCT_ENOTFOUND);
	assert_int_equal(stored("X2"), BPACCT_OK);
	assert_int_equal(pg_sql(db.admin, "SELECT count(*) FROM accounts"), 1);
	assert_int_equal(pg_sql(db.admin, "SELECT count(*) FROM audit"), 1);
}

static void test_pg_failed_pipeline_exit_resets_next_commit_alone(
	void **state)
{
	(void)state;
	open_store();
	fail_exit = 1;
	assert_refused_then_next_alone("reset");
	close_store();
}

static void test_pg_commit_answered_rollback_is_a_failure(void **state)
{
	(void)state;
	open_store();
	abort_commit = 1;
	assert_refused_then_next_alone("ROLLBACK");
	close_store();
}

static void test_pg_empty_record_reads_as_eparse(void **state)
{
	(void)state;
	open_store();
	(void)pg_sql(db.admin, "INSERT INTO accounts (id, revision, record)"
		     " VALUES ('E1', 1, ''::bytea)");
	assert_int_equal(stored("E1"), BPACCT_EPARSE);
	close_store();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_pg_failed_pipeline_exit_resets_next_commit_alone),
		cmocka_unit_test(test_pg_commit_answered_rollback_is_a_failure),
		cmocka_unit_test(test_pg_empty_record_reads_as_eparse),
	};

	(void)pg_base(); /* skip, or fail in CI, before any test */
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
