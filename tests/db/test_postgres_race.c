/*
 * Suite `db`, issue 5's race: four processes (fork + exec of `bpacct run
 * --store postgres:…`) run the same requests and ticks for the same 200
 * BP accounts against one database, at once.  Every account is issued,
 * gets a complete request (BP-R3: cancelled 2 h after receipt) or a lock
 * (BP-R4: cancelled 2 h after the lock), and the ticks run.  Afterwards,
 * read from the database: each account is cancelled, its cancellation is
 * in the audit exactly once, and the outbox holds exactly one set of
 * cancellation notices for it (one notice, by the key of the revision
 * that cancelled) — whichever process did it.
 */
#include "../unit/test_lifecycle_support.h"

#include <sys/wait.h>

#include <bpacct/sys/store.h>

#include "pg_support.h"

#define ACCOUNTS 200
#define PROCESSES 4

static pg_schema DB;

static void write_input(const char *path)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	for (int i = 0; i < ACCOUNTS; i++)
		fprintf(f, "{\"op\":\"issue\",\"at\":\"2026-11-02T08:00:00+07:00\","
			"\"account\":\"R%03d\",\"procedure\":\"bp\",\"owner\":"
			"\"0100109106\",\"holder\":{\"name\":\"Nguyễn Văn A\","
			"\"id_type\":\"cccd\",\"id_number\":\"001090012345\"}}\n",
			i);
	for (int i = 0; i < ACCOUNTS; i++) {
		int minute = i % 60;

		if (i % 2 == 0)
			fprintf(f, "{\"op\":\"request\",\"at\":\"2026-11-03T09:"
				"%02d:00+07:00\",\"request\":\"Q%03d\","
				"\"account\":\"R%03d\",\"requester\":"
				"\"0100109106\",\"channel\":\"in_person\","
				"\"documents\":[\"application\","
				"\"enterprise_registration\",\"identity\"],"
				"\"enterprise_code\":\"0100109106\","
				"\"identity\":{\"id_type\":\"cccd\","
				"\"id_number\":\"001090012345\"}}\n",
				minute, i, i);
		else
			fprintf(f, "{\"op\":\"risk\",\"at\":\"2026-11-03T09:"
				"%02d:00+07:00\",\"account\":\"R%03d\","
				"\"detail\":\"x\"}\n", minute, i);
	}
	for (int h = 10; h <= 13; h++)
		for (int m = 0; m < 60; m += 15)
			fprintf(f, "{\"op\":\"tick\",\"at\":\"2026-11-03T%02d:"
				"%02d:00+07:00\"}\n", h, m);
	fclose(f);
}

static pid_t spawn(const char *tool, const char *spec, const char *input,
		   const char *out)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		if (!freopen(input, "r", stdin) || !freopen(out, "w", stdout))
			_exit(127);
		execl(tool, tool, "run", "--store", spec, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* Per account: audit entries to cancelled, and cancellation notices. */
static void check_each_account_once(void)
{
	PGresult *r = PQexecParams(DB.admin, "SELECT account, record FROM "
				   "audit UNION ALL SELECT account, record "
				   "FROM outbox", 0, NULL, NULL, NULL, NULL,
				   1);
	int cancels[ACCOUNTS] = { 0 }, notices[ACCOUNTS] = { 0 };
	bpacct_entry *e = NULL;

	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_int_equal(bpacct_entry_new(&e, NULL), BPACCT_OK);
	for (int i = 0; i < PQntuples(r); i++) {
		int64_t type = 0, to = 0, kind = 0;
		int k = atoi(PQgetvalue(r, i, 0) + 1);

		assert_true(k >= 0 && k < ACCOUNTS);
		assert_int_equal(bpacct_entry_decode(
					 e, (const uint8_t *)PQgetvalue(r, i, 1),
					 (size_t)PQgetlength(r, i, 1)),
				 BPACCT_OK);
		bpacct_entry_get_int(e, BPACCT_FIELD_ENTRY_TYPE, &type);
		if (type == BPACCT_ENTRY_AUDIT) {
			bpacct_entry_get_int(e, BPACCT_FIELD_TO, &to);
			cancels[k] += to == BPACCT_STATE_CANCELLED;
		} else {
			bpacct_entry_get_int(e, BPACCT_FIELD_KIND, &kind);
			notices[k] += kind == BPACCT_NOTICE_CANCELLATION;
		}
	}
	bpacct_entry_free(e);
	PQclear(r);
	for (int k = 0; k < ACCOUNTS; k++) {
		if (cancels[k] != 1 || notices[k] != 1)
			fail_msg("R%03d: %d cancellations, %d cancellation "
				 "notices", k, cancels[k], notices[k]);
	}
}

static void test_race_four_processes_cancel_each_of_200_accounts_once(
	void **state)
{
	const char *tool = getenv("BPACCT_TOOL");
	char dir[] = "/tmp/bpacct-race-XXXXXX", input[64], out[80];
	char spec[PG_CONNINFO_MAX + 16];
	pid_t pids[PROCESSES];

	(void)state;
	assert_non_null(tool);
	assert_non_null(mkdtemp(dir));
	snprintf(input, sizeof input, "%s/events.jsonl", dir);
	write_input(input);
	pg_schema_new(&DB);
	snprintf(spec, sizeof spec, "postgres:%s", DB.conninfo);
	for (int p = 0; p < PROCESSES; p++) {
		snprintf(out, sizeof out, "%s/out%d.jsonl", dir, p);
		pids[p] = spawn(tool, spec, input, out);
	}
	for (int p = 0; p < PROCESSES; p++) {
		int status = 0;

		assert_int_equal(waitpid(pids[p], &status, 0), pids[p]);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			snprintf(out, sizeof out, "%s/out%d.jsonl", dir, p);
			fail_msg("process %d: status %d (see %s)", p, status,
				 out);
		}
	}
	assert_int_equal(pg_sql(DB.admin, "SELECT count(*) FROM accounts"),
			 ACCOUNTS);
	check_each_account_once();
	assert_int_equal(pg_sql(DB.admin, "SELECT count(*) FROM outbox "
				"WHERE NOT delivered"), 0);
	pg_schema_drop(&DB);
	for (int p = 0; p < PROCESSES; p++) {
		snprintf(out, sizeof out, "%s/out%d.jsonl", dir, p);
		unlink(out);
	}
	unlink(input);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_race_four_processes_cancel_each_of_200_accounts_once),
	};

	(void)pg_base();
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
