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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
