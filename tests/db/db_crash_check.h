/*
 * The checks of test_db_crash.c on the database file, with SQL: the file
 * is sound, cancellations are exactly the owed ones, once each, and every
 * notice was delivered (marked, and its key in the notifier's log).
 */
#ifndef BPACCT_TEST_DB_CRASH_CHECK_H
#define BPACCT_TEST_DB_CRASH_CHECK_H

static sqlite3_stmt *query(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	return st;
}

static int64_t scalar(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = query(h, sql);
	int64_t v;

	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void check_integrity(sqlite3 *h)
{
	sqlite3_stmt *st = query(h, "PRAGMA integrity_check");

	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
}

/* Exactly the accounts i % 3 != 2 are cancelled, once each. */
static void check_cancellations(sqlite3 *h)
{
	static int seen[ACCOUNTS];
	char sql[200];
	sqlite3_stmt *st;
	int n = 0;

	memset(seen, 0, sizeof seen);
	snprintf(sql, sizeof sql, "SELECT account, count(*) FROM audit "
		 "WHERE to_state = %d GROUP BY account",
		 BPACCT_STATE_CANCELLED);
	st = query(h, sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int i = atoi((const char *)sqlite3_column_text(st, 0) + 1);

		assert_true(i >= 0 && i < ACCOUNTS);
		assert_int_not_equal(i % 3, 2);
		assert_int_equal(sqlite3_column_int(st, 1), 1);
		seen[i] = 1;
		n++;
	}
	sqlite3_finalize(st);
	assert_int_equal(n, ACCOUNTS - ACCOUNTS / 3);
	assert_int_equal(scalar(h, "SELECT count(*) FROM accounts"), ACCOUNTS);
	/* Each cancelled account owes one cancellation notice. */
	snprintf(sql, sizeof sql, "SELECT count(DISTINCT account) FROM outbox"
		 " WHERE kind = %d", BPACCT_NOTICE_CANCELLATION);
	assert_int_equal(scalar(h, sql), n);
}

/* The delivery log, read whole. */
static char *read_log(void)
{
	FILE *f = fopen(log_path, "r");
	long size;
	char *text;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)size + 2);
	assert_non_null(text);
	text[0] = '\n'; /* every key is then "\nKEY\n" */
	assert_int_equal(fread(text + 1, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	return text;
}

static void check_deliveries(sqlite3 *h)
{
	sqlite3_stmt *st = query(h, "SELECT key, delivered FROM outbox");
	char *text = read_log(), needle[160];
	int n = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		snprintf(needle, sizeof needle, "\n%s\n",
			 (const char *)sqlite3_column_text(st, 0));
		if (!strstr(text, needle))
			fail_msg("notice %s never delivered", needle + 1);
		assert_int_equal(sqlite3_column_int(st, 1), 1);
		n++;
	}
	sqlite3_finalize(st);
	free(text);
	assert_true(n >= ACCOUNTS - ACCOUNTS / 3);
}

static void check_file(void)
{
	sqlite3 *h = NULL;

	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
			 SQLITE_OK);
	check_integrity(h);
	check_cancellations(h);
	check_deliveries(h);
	sqlite3_close(h);
}

#endif
