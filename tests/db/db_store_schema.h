/*
 * test_db_store.c: schema_version and its migrations at open.
 */
#ifndef BPACCT_TEST_DB_STORE_SCHEMA_H
#define BPACCT_TEST_DB_STORE_SCHEMA_H

#include <sys/wait.h>

static void sql(const char *path, const char *text)
{
	sqlite3 *h = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, text, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

/* A zero-byte file (as `touch` makes it) gets every migration. */
static void test_db_sqlite_schema_created_in_an_empty_file(void **state)
{
	int64_t schema = 0;
	int fd;

	(void)state;
	memset(&D, 0, sizeof D);
	db_temp_dir(D.dir, sizeof D.dir);
	snprintf(D.path, sizeof D.path, "%s/empty.db", D.dir);
	fd = open(D.path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	close(fd);
	D.kind = DB_SQLITE;
	db_connect(&D);
	assert_int_equal(bpacct_sqlite_store_stats(D.sq, NULL, NULL, NULL,
						   &schema), BPACCT_OK);
	assert_int_equal(schema, 1);
	assert_int_equal(BPACCT_SQLITE_SCHEMA_VERSION, 1);
	/* Opening again applies nothing twice. */
	db_disconnect(&D);
	db_connect(&D);
	assert_int_equal(bpacct_sqlite_store_stats(D.sq, NULL, NULL, NULL,
						   &schema), BPACCT_OK);
	assert_int_equal(schema, 1);
	db_close(&D);
}

static void test_db_sqlite_newer_schema_refused_not_misread(void **state)
{
	bpacct_sqlite_store *s = NULL;

	(void)state;
	db_open(&D, DB_SQLITE);
	db_disconnect(&D);
	sql(D.path, "INSERT INTO schema_version (version) VALUES (99)");
	assert_int_equal(bpacct_sqlite_store_open(&s, D.path, NULL),
			 BPACCT_ENOTSUP);
	assert_non_null(strstr(bpacct_sqlite_store_last_error(s), "99"));
	bpacct_sqlite_store_close(s);
	db_remove_files(D.dir, D.path);
}

static void test_db_sqlite_not_a_database_tells_why(void **state)
{
	bpacct_sqlite_store *s = NULL;
	char dir[256], path[300];
	int fd;

	(void)state;
	db_temp_dir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/text.db", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "not a database, a text file long enough "
				   "to have a header\n", 58), 58);
	close(fd);
	assert_int_equal(bpacct_sqlite_store_open(&s, path, NULL),
			 BPACCT_EUSER);
	assert_non_null(strstr(bpacct_sqlite_store_last_error(s),
			       "not a database"));
	bpacct_sqlite_store_close(s);
	assert_int_equal(bpacct_sqlite_store_open(NULL, path, NULL),
			 BPACCT_EINVAL);
	db_remove_files(dir, path);
}

/* Several processes opening one new file at the same moment: one switches
 * it to WAL and creates the schema, the others wait for it (the switch to
 * WAL answers SQLITE_BUSY without the busy handler, so the store retries
 * it) and every open succeeds.  A pipe is the starting gun: the children
 * block reading it until the parent closes it. */
#define RACE_PROCS 8
#define RACE_ROUNDS 6

static int open_when_released(int gun, const char *path)
{
	bpacct_sqlite_store *s = NULL;
	char c;
	int rc;

	(void)!read(gun, &c, 1);
	rc = bpacct_sqlite_store_open(&s, path, NULL);
	if (rc != BPACCT_OK)
		fprintf(stderr, "open: %d %s\n", rc,
			bpacct_sqlite_store_last_error(s));
	bpacct_sqlite_store_close(s);
	return rc == BPACCT_OK ? 0 : 1;
}

static void test_db_sqlite_concurrent_opens_of_a_new_file_all_succeed(
	void **state)
{
	char dir[256], path[300];
	int failed = 0, opened = 0;

	(void)state;
	db_temp_dir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/race.db", dir);
	for (int round = 0; round < RACE_ROUNDS; round++) {
		int gun[2], status;
		int64_t schema = 0;
		bpacct_sqlite_store *s = NULL;

		db_remove_files("", path);
		assert_int_equal(pipe(gun), 0);
		for (int p = 0; p < RACE_PROCS; p++) {
			pid_t pid = fork();

			assert_true(pid >= 0);
			if (pid == 0) {
				close(gun[1]);
				_exit(open_when_released(gun[0], path));
			}
		}
		close(gun[0]);
		close(gun[1]);
		while (wait(&status) > 0) {
			opened++;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
				failed++;
		}
		assert_int_equal(bpacct_sqlite_store_open(&s, path, NULL),
				 BPACCT_OK);
		assert_int_equal(bpacct_sqlite_store_stats(s, NULL, NULL,
							   NULL, &schema),
				 BPACCT_OK);
		assert_int_equal(schema, 1);
		bpacct_sqlite_store_close(s);
	}
	assert_int_equal(opened, RACE_PROCS * RACE_ROUNDS);
	assert_int_equal(failed, 0);
	db_remove_files(dir, path);
}

#endif
