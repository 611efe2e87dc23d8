/*
 * libbpacct-sqlite: the store operations of bpacct/sys/store.h over one
 * SQLite connection (the commit is in commit.c, the schema in schema.c).
 *
 * Statements are prepared once, on first use, with
 * SQLITE_PREPARE_PERSISTENT, and reset after every use: an engine call
 * runs a handful of them, and parsing SQL each time would cost more than
 * the work.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "sqlite_internal.h"

static const char *const sql_of[SQ_COUNT] = {
	[SQ_GET_ACCOUNT] = "SELECT record FROM accounts WHERE id = ?1",
	[SQ_GET_REQUEST] = "SELECT record FROM requests WHERE id = ?1",
	[SQ_BEGIN] = "BEGIN IMMEDIATE",
	[SQ_COMMIT] = "COMMIT",
	[SQ_ROLLBACK] = "ROLLBACK",
	[SQ_ACCOUNT_INSERT] = "INSERT OR IGNORE INTO accounts "
			      "(id, revision, next_due, record) "
			      "VALUES (?1, ?2, ?3, ?4)",
	[SQ_ACCOUNT_UPDATE] = "UPDATE accounts SET revision = ?2, "
			      "next_due = ?3, record = ?4 "
			      "WHERE id = ?1 AND revision = ?5",
	[SQ_REQUEST_PUT] = "INSERT INTO requests (id, record) VALUES (?1, ?2)"
			   " ON CONFLICT (id) DO UPDATE SET "
			   "record = excluded.record",
	[SQ_NOTICE_PUT] = "INSERT OR IGNORE INTO outbox "
			  "(key, account, kind, record) "
			  "VALUES (?1, ?2, ?3, ?4)",
	[SQ_AUDIT_PUT] = "INSERT INTO audit (account, revision, from_state, "
			 "to_state, record) VALUES (?1, ?2, ?3, ?4, ?5)",
	[SQ_DUE] = "SELECT id FROM accounts WHERE next_due IS NOT NULL AND "
		   "next_due <= ?1 ORDER BY next_due, id LIMIT ?2",
	[SQ_OUTBOX] = "SELECT record FROM outbox WHERE delivered = 0 "
		      "ORDER BY seq LIMIT ?1",
	[SQ_MARK] = "UPDATE outbox SET delivered = 1 WHERE key = ?1",
};

/* Only SQLITE_BUSY is another connection's lock; SQLITE_LOCKED is a
 * conflict inside this connection (or its shared cache), where waiting
 * would not help and the busy handler is never called. */
int bpacct__sq_fail(bpacct_sqlite_store *s, int rc, const char *what)
{
	int primary = rc & 0xff;
	const char *msg = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);

	if (primary == SQLITE_BUSY && s->waited_ms > 0)
		snprintf(s->error, sizeof s->error,
			 "sqlite: %s: the database is locked by another "
			 "connection (waited %d ms): %s", what, s->waited_ms,
			 msg);
	else if (primary == SQLITE_BUSY)
		snprintf(s->error, sizeof s->error,
			 "sqlite: %s: the database is locked by another "
			 "connection: %s", what, msg);
	else
		snprintf(s->error, sizeof s->error, "sqlite: %s: %s", what,
			 msg);
	s->waited_ms = 0;
	if (s->engine)
		(void)bpacct_engine_set_error(s->engine, s->error);
	return primary == SQLITE_NOMEM ? BPACCT_ENOMEM : BPACCT_EUSER;
}

/* As SQLite's own busy timeout: short sleeps first (a commit is short),
 * then 100 ms, never past the timeout. */
int bpacct__sq_busy(void *store, int count)
{
	static const int delay_ms[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50,
					50, 100 };
	bpacct_sqlite_store *s = store;
	size_t n = sizeof delay_ms / sizeof delay_ms[0];
	int d = (size_t)count < n ? delay_ms[count] : delay_ms[n - 1];

	if (count == 0)
		s->event_ms = 0;
	if (s->event_ms >= BPACCT_SQLITE_BUSY_TIMEOUT_MS)
		return 0;
	if (d > BPACCT_SQLITE_BUSY_TIMEOUT_MS - s->event_ms)
		d = BPACCT_SQLITE_BUSY_TIMEOUT_MS - s->event_ms;
	sqlite3_sleep(d);
	s->event_ms += d;
	s->waited_ms += d;
	return 1;
}

sqlite3_stmt *bpacct__sq_stmt(bpacct_sqlite_store *s, bpacct__sq_id which,
			      int *status)
{
	sqlite3_stmt *st = s->stmt[which];
	int rc;

	s->waited_ms = 0; /* a new step: only its own wait counts */
	if (st)
		return st;
	rc = sqlite3_prepare_v3(s->db, sql_of[which], -1,
				SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		*status = bpacct__sq_fail(s, rc, "preparing a statement");
		return NULL;
	}
	s->stmt[which] = st;
	return st;
}

static void done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int bpacct__sq_run(bpacct_sqlite_store *s, sqlite3_stmt *st,
		   const char *what)
{
	int rc = sqlite3_step(st);

	done(st);
	return rc == SQLITE_DONE ? BPACCT_OK : bpacct__sq_fail(s, rc, what);
}

int bpacct__sq_bind_text(sqlite3_stmt *st, int col, const char *text)
{
	return sqlite3_bind_text(st, col, text, (int)strlen(text),
				 SQLITE_TRANSIENT);
}

static int store_of(void *userdata, bpacct_sqlite_store **out)
{
	bpacct_sqlite_store *s = userdata;

	if (!s)
		return BPACCT_EINVAL;
	if (s->magic != BPACCT__SQ_MAGIC || s->broken)
		return BPACCT_EMISUSE;
	s->error[0] = '\0';
	*out = s;
	return BPACCT_OK;
}

static int get_record(bpacct_sqlite_store *s, bpacct__sq_id which,
		      const char *id, uint8_t *buf, size_t size,
		      size_t *out_len)
{
	int status = BPACCT_OK, rc;
	sqlite3_stmt *st;

	if (!id || !*id || !buf || !out_len)
		return BPACCT_EINVAL;
	st = bpacct__sq_stmt(s, which, &status);
	if (!st)
		return status;
	rc = bpacct__sq_bind_text(st, 1, id);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int n = sqlite3_column_bytes(st, 0);
		const void *p = sqlite3_column_blob(st, 0);

		if (n <= 0 || !p)
			status = BPACCT_EPARSE; /* never written so */
		else if ((size_t)n > size)
			status = BPACCT_EBUFSIZE;
		else {
			memcpy(buf, p, (size_t)n);
			*out_len = (size_t)n;
		}
	} else if (rc == SQLITE_DONE) {
		status = BPACCT_ENOTFOUND;
	} else {
		status = bpacct__sq_fail(s, rc, "reading a record");
	}
	done(st);
	return status;
}

static int op_get_account(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *userdata)
{
	bpacct_sqlite_store *s = NULL;
	int rc = store_of(userdata, &s);

	return rc ? rc : get_record(s, SQ_GET_ACCOUNT, id, buf, size, out_len);
}

static int op_get_request(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *userdata)
{
	bpacct_sqlite_store *s = NULL;
	int rc = store_of(userdata, &s);

	return rc ? rc : get_record(s, SQ_GET_REQUEST, id, buf, size, out_len);
}

static int op_commit(const bpacct_change *change, void *userdata)
{
	bpacct_sqlite_store *s = NULL;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	return change ? bpacct__sq_commit(s, change) : BPACCT_EINVAL;
}

/* Reads the rows of a listing statement into the engine's sink. */
static int list(bpacct_sqlite_store *s, sqlite3_stmt *st, bpacct_sink *sink,
		int ids)
{
	int status = BPACCT_OK, rc;

	while (status == BPACCT_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (ids) {
			const unsigned char *id = sqlite3_column_text(st, 0);
			status = id ? bpacct_sink_add_id(sink,
							 (const char *)id)
				    : BPACCT_ENOMEM;
		} else {
			/* An empty blob is handed on as a zero-length record:
			 * the engine's sink counts it as unreadable and keeps
			 * delivering the others, instead of the whole listing
			 * failing on one bad row. */
			static const uint8_t none[1] = { 0 };
			int n = sqlite3_column_bytes(st, 0);
			const void *p = sqlite3_column_blob(st, 0);
			int ok = p != NULL && n > 0;
			status = bpacct_sink_add_entry(
				sink, ok ? (const uint8_t *)p : none,
				ok ? (size_t)n : 0u);
		}
	}
	if (status == BPACCT_OK && rc != SQLITE_DONE)
		status = bpacct__sq_fail(s, rc, ids ? "due" : "outbox");
	done(st);
	return status;
}

static int op_due(int64_t at, uint32_t max, bpacct_sink *sink,
		  void *userdata)
{
	bpacct_sqlite_store *s = NULL;
	sqlite3_stmt *st;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!sink)
		return BPACCT_EINVAL;
	st = bpacct__sq_stmt(s, SQ_DUE, &rc);
	if (!st)
		return rc;
	sqlite3_bind_int64(st, 1, at);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
	return list(s, st, sink, 1);
}

static int op_outbox(uint32_t max, bpacct_sink *sink, void *userdata)
{
	bpacct_sqlite_store *s = NULL;
	sqlite3_stmt *st;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!sink)
		return BPACCT_EINVAL;
	st = bpacct__sq_stmt(s, SQ_OUTBOX, &rc);
	if (!st)
		return rc;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)max);
	return list(s, st, sink, 0);
}

/* An UPDATE counts the rows it matched, changed or not: a second mark
 * finds its row (0) and an unknown key none (ENOTFOUND). */
static int op_mark_delivered(const char *key, void *userdata)
{
	bpacct_sqlite_store *s = NULL;
	sqlite3_stmt *st;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!key || !*key)
		return BPACCT_EINVAL;
	st = bpacct__sq_stmt(s, SQ_MARK, &rc);
	if (!st)
		return rc;
	bpacct__sq_bind_text(st, 1, key);
	rc = bpacct__sq_run(s, st, "mark_delivered");
	if (rc == BPACCT_OK && sqlite3_changes(s->db) == 0)
		rc = BPACCT_ENOTFOUND;
	return rc;
}

static const bpacct_store_ops sqlite_ops = {
	BPACCT_STORE_OPS_VERSION, op_get_account, op_get_request, op_commit,
	op_due, op_outbox, op_mark_delivered
};

const bpacct_store_ops *bpacct_sqlite_store_ops(void)
{
	return &sqlite_ops;
}
