/*
 * One SQLite transaction per change: BEGIN IMMEDIATE, the account under
 * compare-and-swap, the request, the entries, COMMIT; any failure rolls
 * the whole transaction back, so the file holds all of a change or none.
 *
 * IMMEDIATE takes the write lock at BEGIN: a second connection waits
 * there (busy timeout) instead of failing at its first write after it
 * read, and the compare-and-swap is then decided under the lock.  The
 * compare-and-swap itself is the WHERE clause: "revision = expected"
 * (UPDATE) or "no such id" (INSERT OR IGNORE, for expected revision 0),
 * and sqlite3_changes() says whether the row was written.
 */
#include <string.h>

#include "sqlite_internal.h"

typedef struct change_cols {
	int64_t has_account, has_request, count;
} change_cols;

static int get_int(const bpacct_change *c, int32_t field, int64_t *out,
		   int rc)
{
	return rc == BPACCT_OK ? bpacct_change_get_int(c, field, out) : rc;
}

static int bind_due(sqlite3_stmt *st, int col, int64_t due)
{
	return due == BPACCT_INSTANT_NONE ? sqlite3_bind_null(st, col)
					  : sqlite3_bind_int64(st, col, due);
}

static int put_account(bpacct_sqlite_store *s, const bpacct_change *c)
{
	int64_t expected = 0, revision = 0, due = BPACCT_INSTANT_NONE;
	const uint8_t *rec = NULL;
	const char *id = NULL;
	size_t len = 0;
	sqlite3_stmt *st;
	int rc = get_int(c, BPACCT_CHANGE_EXPECTED_REVISION, &expected,
			 BPACCT_OK);

	rc = get_int(c, BPACCT_CHANGE_REVISION, &revision, rc);
	rc = get_int(c, BPACCT_CHANGE_NEXT_DUE, &due, rc);
	if (rc == BPACCT_OK)
		rc = bpacct_change_account(c, &id, &rec, &len);
	if (rc != BPACCT_OK)
		return rc;
	if (!id || !*id || !rec || len == 0 || len > BPACCT_RECORD_MAX)
		return BPACCT_EINVAL;
	st = bpacct__sq_stmt(s, expected == 0 ? SQ_ACCOUNT_INSERT
					      : SQ_ACCOUNT_UPDATE, &rc);
	if (!st)
		return rc;
	bpacct__sq_bind_text(st, 1, id);
	sqlite3_bind_int64(st, 2, revision);
	bind_due(st, 3, due);
	sqlite3_bind_blob(st, 4, rec, (int)len, SQLITE_STATIC);
	if (expected != 0)
		sqlite3_bind_int64(st, 5, expected);
	rc = bpacct__sq_run(s, st, "writing an account");
	if (rc == BPACCT_OK && sqlite3_changes(s->db) != 1)
		rc = BPACCT_ECONFLICT; /* another engine got there first */
	return rc;
}

static int put_request(bpacct_sqlite_store *s, const bpacct_change *c)
{
	const uint8_t *rec = NULL;
	const char *id = NULL;
	size_t len = 0;
	sqlite3_stmt *st;
	int rc = bpacct_change_request(c, &id, &rec, &len);

	if (rc != BPACCT_OK)
		return rc;
	if (!id || !*id || !rec || len == 0 || len > BPACCT_RECORD_MAX)
		return BPACCT_EINVAL;
	st = bpacct__sq_stmt(s, SQ_REQUEST_PUT, &rc);
	if (!st)
		return rc;
	bpacct__sq_bind_text(st, 1, id);
	sqlite3_bind_blob(st, 2, rec, (int)len, SQLITE_STATIC);
	return bpacct__sq_run(s, st, "writing a request");
}

/* An entry column the entry may lack: NULL then. */
static void bind_field(sqlite3_stmt *st, int col, const bpacct_entry *e,
		       int32_t field)
{
	int64_t v = 0;

	if (bpacct_entry_get_int(e, field, &v) == BPACCT_OK)
		sqlite3_bind_int64(st, col, v);
	else
		sqlite3_bind_null(st, col);
}

/* A notice whose key is already in the outbox is not added twice: the
 * key is its identity (as in the in-memory store). */
static int put_entry(bpacct_sqlite_store *s, const bpacct_change *c,
		     uint32_t i)
{
	const bpacct_entry *e = NULL;
	const uint8_t *rec = NULL;
	const char *account = "", *key = "";
	size_t len = 0;
	int64_t type = 0;
	sqlite3_stmt *st;
	int rc = bpacct_change_entry(c, i, &e, &rec, &len);

	if (rc == BPACCT_OK)
		rc = bpacct_entry_get_int(e, BPACCT_FIELD_ENTRY_TYPE, &type);
	if (rc == BPACCT_OK)
		rc = bpacct_entry_get_text(e, BPACCT_FIELD_ACCOUNT, &account);
	if (rc == BPACCT_OK && type == BPACCT_ENTRY_NOTICE)
		rc = bpacct_entry_get_text(e, BPACCT_FIELD_KEY, &key);
	if (rc != BPACCT_OK)
		return rc;
	if (!rec || len == 0 || len > BPACCT_RECORD_MAX ||
	    (type == BPACCT_ENTRY_NOTICE && !*key) ||
	    (type != BPACCT_ENTRY_NOTICE && type != BPACCT_ENTRY_AUDIT))
		return BPACCT_EINVAL;
	st = bpacct__sq_stmt(s, type == BPACCT_ENTRY_NOTICE ? SQ_NOTICE_PUT
							    : SQ_AUDIT_PUT,
			     &rc);
	if (!st)
		return rc;
	if (type == BPACCT_ENTRY_NOTICE) {
		bpacct__sq_bind_text(st, 1, key);
		bpacct__sq_bind_text(st, 2, account);
		bind_field(st, 3, e, BPACCT_FIELD_KIND);
		sqlite3_bind_blob(st, 4, rec, (int)len, SQLITE_STATIC);
		return bpacct__sq_run(s, st, "writing a notice");
	}
	bpacct__sq_bind_text(st, 1, account);
	bind_field(st, 2, e, BPACCT_FIELD_ENTRY_REVISION);
	bind_field(st, 3, e, BPACCT_FIELD_FROM);
	bind_field(st, 4, e, BPACCT_FIELD_TO);
	sqlite3_bind_blob(st, 5, rec, (int)len, SQLITE_STATIC);
	return bpacct__sq_run(s, st, "writing an audit entry");
}

static int write_change(bpacct_sqlite_store *s, const bpacct_change *c,
			const change_cols *k)
{
	int rc = k->has_account ? put_account(s, c) : BPACCT_OK;

	if (rc == BPACCT_OK && k->has_request)
		rc = put_request(s, c);
	for (uint32_t i = 0; rc == BPACCT_OK && i < (uint32_t)k->count; i++)
		rc = put_entry(s, c, i);
	return rc;
}

static int statement(bpacct_sqlite_store *s, bpacct__sq_id which,
		     const char *what)
{
	int rc = BPACCT_OK;
	sqlite3_stmt *st = bpacct__sq_stmt(s, which, &rc);

	return st ? bpacct__sq_run(s, st, what) : rc;
}

/* SQLite may already have rolled back (SQLITE_FULL, SQLITE_IOERR); a
 * second ROLLBACK would only add an error. */
static void rollback(bpacct_sqlite_store *s)
{
	char keep[sizeof s->error];

	if (sqlite3_get_autocommit(s->db))
		return;
	memcpy(keep, s->error, sizeof keep);
	if (statement(s, SQ_ROLLBACK, "ROLLBACK") == BPACCT_OK)
		return;
	memcpy(s->error, keep, sizeof keep); /* the first failure tells */
	if (s->engine)
		(void)bpacct_engine_set_error(s->engine, s->error);
}

int bpacct__sq_commit(bpacct_sqlite_store *s, const bpacct_change *c)
{
	change_cols k = { 0, 0, 0 };
	int rc = get_int(c, BPACCT_CHANGE_HAS_ACCOUNT, &k.has_account,
			 BPACCT_OK);

	rc = get_int(c, BPACCT_CHANGE_HAS_REQUEST, &k.has_request, rc);
	rc = get_int(c, BPACCT_CHANGE_ENTRY_COUNT, &k.count, rc);
	if (rc != BPACCT_OK)
		return rc;
	if (k.count < 0 || k.count > UINT16_MAX)
		return BPACCT_EINVAL;
	rc = statement(s, SQ_BEGIN, "BEGIN IMMEDIATE");
	if (rc != BPACCT_OK)
		return rc;
	rc = write_change(s, c, &k);
	if (rc == BPACCT_OK)
		rc = statement(s, SQ_COMMIT, "COMMIT");
	if (rc != BPACCT_OK)
		rollback(s);
	return rc;
}
