/*
 * test_db_store.c: schema_version and its migrations at open.
 */
#ifndef BPACCT_TEST_DB_STORE_SCHEMA_H
#define BPACCT_TEST_DB_STORE_SCHEMA_H

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

#endif
