/*
 * Suite `db`: `bpacct run --store sqlite:PATH` keeps state between runs
 * (cli.md).  XNC-R3/R4: a postal NA20 without the telephone (run 1) is
 * supplemented by a line naming only the request (run 3, a new process:
 * the request is found in the file), accepted and the account cancelled
 * at once with the NB10; BP-R3: an application accepted in run 1 is
 * cancelled by the tick of run 2 at receipt + 2 h; run 4 ticks again
 * (nothing left) and shows X2 cancelled.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "../cli/cli_support.h"

#define AT(t) "\"at\":\"" t "+07:00\""
#define ORG "0301234562"
#define OWNER "0100109106"

static char db_dir[256], spec[320];

static void run_db(const char *input)
{
	char path[256];

	temp_file(path, sizeof path, input);
	RUN("run", "--store", spec, path);
	unlink(path);
}

/* A fresh store file in a new temporary folder: spec and db_dir set. */
static void fresh_store(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(db_dir, sizeof db_dir, "%s/bpacct-cli-db-XXXXXX",
		 t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(db_dir));
	snprintf(spec, sizeof spec, "sqlite:%s/run.db", db_dir);
}

static void remove_store(void)
{
	static const char *const tails[] = { "", "-wal", "-shm" };
	char p[330];

	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/run.db%s", db_dir, tails[i]);
		unlink(p);
	}
	rmdir(db_dir);
}

#define BP_ISSUE(acc)                                                      \
	"{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":\""   \
	acc "\",\"procedure\":\"bp\",\"owner\":\"" OWNER "\",\"holder\":" \
	"{\"id_type\":\"passport\",\"id_number\":\"C1234567\"}}\n"

/* Restart consistency: a request id first used on B1 in a first run,
 * reused for B5 in a second (refused), is still B1's: the supplement of
 * that second run, naming only the request, completes B1's application;
 * the third run shows B1 cancelled; all as one in-memory run of the same
 * stream prints it. */
static void test_db_cli_restart_keeps_the_first_account_of_an_id(void **state)
{
	static const char *const runs[] = {
		BP_ISSUE("B1") BP_ISSUE("B5")
		"{\"op\":\"request\"," AT("2026-11-16T09:00:00")
		",\"request\":\"R1\",\"account\":\"B1\",\"requester\":\""
		OWNER "\",\"channel\":\"online\",\"documents\":"
		"[\"application\",\"enterprise_registration\"],"
		"\"enterprise_code\":\"" OWNER "\"}\n",
		"{\"op\":\"request\"," AT("2026-11-16T09:10:00")
		",\"request\":\"R1\",\"account\":\"B5\",\"requester\":\""
		OWNER "\",\"channel\":\"online\"}\n"
		"{\"op\":\"supplement\"," AT("2026-11-16T09:20:00")
		",\"request\":\"R1\",\"requester\":\"" OWNER "\","
		"\"documents\":[\"identity\"],\"identity\":{\"id_type\":"
		"\"passport\",\"id_number\":\"C1234567\"}}\n",
		"{\"op\":\"show\"," AT("2026-11-16T12:00:00")
		",\"account\":\"B1\"}\n",
	};
	char path[256];
	char *split = NULL, *whole;
	size_t n = 0;

	(void)state;
	fresh_store();
	for (size_t i = 0; i < 3; i++) {
		run_db(runs[i]);
		assert_int_equal(r.status, 0);
		split = realloc(split, n + r.out_len + 1);
		memcpy(split + n, r.out, r.out_len + 1);
		n += r.out_len;
	}
	assert_non_null(strstr(split, "\"request\":\"R1\",\"account\":"
				      "\"B1\",\"outcome\":\"accepted\""));
	temp_file(path, sizeof path, "");
	{
		FILE *f = fopen(path, "w");

		for (size_t i = 0; i < 3; i++)
			fputs(runs[i], f);
		fclose(f);
	}
	RUN("run", path);
	unlink(path);
	whole = strdup(r.out);
	assert_string_equal(split, whole);
	free(split);
	free(whole);
	remove_store();
}

/* E8: an account whose stored bytes were edited (one byte) is reported as
 * corrupt, naming it, by `show` and by an event: never "not issued". */
static void test_db_cli_e8_a_corrupt_record_is_named(void **state)
{
	char file[330];
	sqlite3 *db = NULL;

	(void)state;
	fresh_store();
	run_db(BP_ISSUE("B9"));
	assert_int_equal(r.status, 0);
	assert_contains(r.err, "created a new SQLite store");
	snprintf(file, sizeof file, "%s/run.db", db_dir);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE accounts SET record = "
					  "CAST(substr(record, 1, 20) || X'FF' "
					  "|| substr(record, 22) AS BLOB) "
					  "WHERE id = 'B9'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	run_db("{\"op\":\"show\"," AT("2026-11-03T08:00:00")
	       ",\"account\":\"B9\"}\n"
	       "{\"op\":\"use\"," AT("2026-11-03T09:00:00")
	       ",\"account\":\"B9\"}\n");
	assert_int_equal(r.status, 1);
	assert_null(strstr(r.err, "created a new"));
	assert_null(strstr(r.out, "not_issued"));
	assert_contains(line_with(AT("2026-11-03T08:00:00")),
			"\"code\":\"corrupt_record\"");
	assert_contains(line_with(AT("2026-11-03T08:00:00")),
			"account 'B9' is corrupt");
	assert_contains(line_with(AT("2026-11-03T09:00:00")),
			"\"code\":\"corrupt_record\"");
	remove_store();
}

/* E8: a corrupt request record is reported, naming it, when a supplement
 * that names only the request looks it up: never "unknown request". */
static void test_db_cli_e8_a_corrupt_request_is_named(void **state)
{
	char file[330];
	sqlite3 *db = NULL;

	(void)state;
	fresh_store();
	run_db(BP_ISSUE("B3")
	       "{\"op\":\"request\"," AT("2026-11-16T09:00:00")
	       ",\"request\":\"R3\",\"account\":\"B3\",\"requester\":\""
	       OWNER "\",\"channel\":\"online\",\"documents\":"
	       "[\"application\"]}\n");
	assert_int_equal(r.status, 0);
	snprintf(file, sizeof file, "%s/run.db", db_dir);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE requests SET record = "
					  "CAST(substr(record, 1, 12) || X'FF' "
					  "|| substr(record, 14) AS BLOB) "
					  "WHERE id = 'R3'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	run_db("{\"op\":\"supplement\"," AT("2026-11-16T09:10:00")
	       ",\"request\":\"R3\",\"requester\":\"" OWNER "\"}\n");
	assert_int_equal(r.status, 1);
	assert_null(strstr(r.out, "unknown_request"));
	assert_contains(r.out, "\"code\":\"corrupt_record\"");
	assert_contains(r.out, "request 'R3' is corrupt");
	remove_store();
}

/* E8: one corrupt account record does not stop every deadline: the due
 * sweep skips it, names it on stderr, and runs the others. */
static void test_db_cli_e8_a_corrupt_due_account_does_not_stop_others(
	void **state)
{
	char file[330];
	sqlite3 *db = NULL;

	(void)state;
	fresh_store();
	run_db("{\"op\":\"issue\"," AT("2026-03-15T08:00:00")
	       ",\"account\":\"B1\",\"procedure\":\"bp\",\"owner\":\""
	       OWNER "\",\"holder\":{\"id_type\":\"passport\","
	       "\"id_number\":\"C1234567\"}}\n"
	       "{\"op\":\"issue\"," AT("2026-03-15T09:00:00")
	       ",\"account\":\"B2\",\"procedure\":\"bp\",\"owner\":\""
	       OWNER "\",\"holder\":{\"id_type\":\"passport\","
	       "\"id_number\":\"C1234567\"}}\n");
	assert_int_equal(r.status, 0);
	snprintf(file, sizeof file, "%s/run.db", db_dir);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE accounts SET record = "
					  "CAST(substr(record, 1, 20) || X'FF' "
					  "|| substr(record, 22) AS BLOB) "
					  "WHERE id = 'B1'",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	run_db("{\"op\":\"tick\"," AT("2026-09-17T08:00:00") "}\n");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "\"account\":\"B2\",\"from\":\"active\","
			       "\"to\":\"cancelled\"");
	assert_contains(r.err, "store.due: 1 due account record(s) are "
			       "corrupt (first: account 'B1'");
	remove_store();
}

/* E8: an undelivered outbox record that cannot be read is said on stderr
 * (the run goes on: the other notices are delivered), not kept silent. */
static void test_db_cli_e8_an_unreadable_outbox_record_is_said(void **state)
{
	char file[330];
	sqlite3 *db = NULL;

	(void)state;
	fresh_store();
	run_db(BP_ISSUE("B8"));
	assert_int_equal(r.status, 0);
	snprintf(file, sizeof file, "%s/run.db", db_dir);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO outbox (key, account, "
					  "kind, record) VALUES ('B8/9/0', "
					  "'B8', 1, X'45020102030405')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	run_db("{\"op\":\"risk\"," AT("2026-11-03T08:00:00")
	       ",\"account\":\"B8\"}\n"
	       "{\"op\":\"tick\"," AT("2026-11-03T10:00:00") "}\n");
	assert_int_equal(r.status, 0);
	assert_contains(r.err, "store.outbox: 1 record(s)");
	assert_contains(r.out, "\"kind\":\"cancellation_notice\"");
	remove_store();
}

static void test_db_cli_sqlite_store_keeps_state_between_runs(void **state)
{
	char p[330];
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(db_dir, sizeof db_dir, "%s/bpacct-cli-db-XXXXXX",
		 t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(db_dir));
	snprintf(spec, sizeof spec, "sqlite:%s/run.db", db_dir);
	run_db("{\"op\":\"issue\"," AT("2026-10-01T09:00:00") ",\"account\":"
	       "\"X2\",\"procedure\":\"xnc\",\"owner\":\"" ORG "\"}\n"
	       "{\"op\":\"request\"," AT("2026-11-18T15:00:00") ",\"request\":"
	       "\"N2\",\"account\":\"X2\",\"requester\":\"" ORG "\","
	       "\"channel\":\"postal\",\"na20\":{\"organisation\":\"Công ty\","
	       "\"address\":\"12 Tràng Tiền\",\"email\":\"a@songhong.vn\","
	       "\"account\":\"X2\",\"reason\":\"Không còn nhu cầu\","
	       "\"signer\":\"Nguyễn Văn An\",\"sealed\":true}}\n"
	       "{\"op\":\"issue\"," AT("2026-11-02T08:00:00") ",\"account\":"
	       "\"A1\",\"procedure\":\"bp\",\"owner\":\"" OWNER "\",\"holder\":"
	       "{\"name\":\"Lê Văn Cường\",\"id_type\":\"passport\","
	       "\"id_number\":\"C1234567\"}}\n"
	       "{\"op\":\"request\"," AT("2026-11-16T09:00:00") ",\"request\":"
	       "\"Q1\",\"account\":\"A1\",\"requester\":\"" OWNER "\","
	       "\"channel\":\"online\",\"documents\":[\"application\","
	       "\"enterprise_registration\",\"identity\"],\"enterprise_code\":"
	       "\"" OWNER "\",\"identity\":{\"id_type\":\"passport\","
	       "\"id_number\":\"C1234567\"}}\n");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "\"outcome\":\"supplement\"");
	assert_contains(r.out, "\"due\":\"2026-11-16T11:00:00+07:00\"");
	run_db("{\"op\":\"tick\"," AT("2026-11-16T11:00:00") "}\n");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "{\"type\":\"transition\","
			       AT("2026-11-16T11:00:00") ",\"account\":\"A1\","
			       "\"from\":\"active\",\"to\":\"cancelled\"");
	run_db("{\"op\":\"supplement\"," AT("2026-11-24T10:00:00")
	       ",\"request\":\"N2\",\"requester\":\"" ORG "\","
		  "\"channel\":\"postal\",\"na20\":"
	       "{\"phone\":\"024 3826 1234\"}}\n");
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "\"account\":\"X2\",\"from\":\"active\","
			       "\"to\":\"cancelled\"");
	assert_contains(r.out, "\"kind\":\"nb10\",\"recipients\":[{\"role\":"
			       "\"owner\",\"id\":\"" ORG "\"}]");
	run_db("{\"op\":\"tick\"," AT("2026-11-25T12:00:00") "}\n"
	       "{\"op\":\"show\"," AT("2026-11-25T12:00:00")
	       ",\"account\":\"X2\"}\n");
	assert_int_equal(r.status, 0);
	assert_null(strstr(r.out, "\"transition\"")); /* once only */
	assert_contains(r.out, "\"state\":\"cancelled\"");
	RUN("run", "--store", "sqlite:/nonexistent/db_dir/x.db", "/dev/null");
	assert_usage_error("unable to open");
	snprintf(p, sizeof p, "%s/run.db", db_dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/run.db-wal", db_dir);
	unlink(p);
	snprintf(p, sizeof p, "%s/run.db-shm", db_dir);
	unlink(p);
	rmdir(db_dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_db_cli_sqlite_store_keeps_state_between_runs),
		cmocka_unit_test(
			test_db_cli_restart_keeps_the_first_account_of_an_id),
		cmocka_unit_test(test_db_cli_e8_a_corrupt_record_is_named),
		cmocka_unit_test(
			test_db_cli_e8_an_unreadable_outbox_record_is_said),
		cmocka_unit_test(
			test_db_cli_e8_a_corrupt_due_account_does_not_stop_others),
		cmocka_unit_test(test_db_cli_e8_a_corrupt_request_is_named),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
