/*
 * The schema of the SQLite store and how a file gets to it.
 *
 * schema_version lists every migration applied to the file.  Opening a
 * file applies the migrations it lacks, in order, in one IMMEDIATE
 * transaction, so two processes opening a new file at once do not both
 * create the tables, and a crash half way leaves the old version.  A
 * migration is never edited once released: a change to the schema is a
 * new entry at the end of the table below.  A file whose version is newer
 * than this library is refused (BPACCT_ENOTSUP) rather than misread.
 *
 * The engine hands the store opaque records and a few columns; only those
 * columns are indexed: the account's revision (compare-and-swap) and next
 * due instant (NULL: nothing due), the notice's idempotency key.  The
 * audit also keeps its states, so that an operator (and the crash test)
 * can count cancellations with SQL without decoding records.
 */
#include <stdio.h>

#include "sqlite_internal.h"

typedef struct migration {
	int64_t version;
	const char *sql;
} migration;

static const migration migrations[] = {
	{ 1,
	  "CREATE TABLE accounts ("
	  " id TEXT PRIMARY KEY,"
	  " revision INTEGER NOT NULL,"
	  " next_due INTEGER,"
	  " record BLOB NOT NULL"
	  ") WITHOUT ROWID;"
	  "CREATE INDEX accounts_due ON accounts (next_due, id)"
	  " WHERE next_due IS NOT NULL;"
	  "CREATE TABLE requests ("
	  " id TEXT PRIMARY KEY,"
	  " record BLOB NOT NULL"
	  ") WITHOUT ROWID;"
	  "CREATE TABLE outbox ("
	  " seq INTEGER PRIMARY KEY,"
	  " key TEXT NOT NULL UNIQUE,"
	  " account TEXT NOT NULL,"
	  " kind INTEGER,"
	  " record BLOB NOT NULL,"
	  " delivered INTEGER NOT NULL DEFAULT 0"
	  ");"
	  "CREATE INDEX outbox_pending ON outbox (seq) WHERE delivered = 0;"
	  "CREATE TABLE audit ("
	  " seq INTEGER PRIMARY KEY,"
	  " account TEXT NOT NULL,"
	  " revision INTEGER,"
	  " from_state INTEGER,"
	  " to_state INTEGER,"
	  " record BLOB NOT NULL"
	  ");"
	  "CREATE INDEX audit_account ON audit (account, seq);" },
};

#define MIGRATIONS (sizeof migrations / sizeof migrations[0])

static int exec(bpacct_sqlite_store *s, const char *sql, const char *what)
{
	int rc;

	s->waited_ms = 0;
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? BPACCT_OK : bpacct__sq_fail(s, rc, what);
}

/* Switching to WAL needs an exclusive lock, and SQLite answers
 * SQLITE_BUSY at once, without the busy handler, when another connection
 * holds any lock: several processes opening a new file at once would
 * fail.  So the switch is retried with the handler's sleeps until the
 * timeout is spent; once another process has switched the file, the
 * pragma finds WAL and needs no lock.  The mode is read back and any
 * answer accepted: a file on a filesystem without shared memory, or
 * ":memory:", keeps another mode, which is still correct (only slower
 * with several readers). */
static int journal_wal(bpacct_sqlite_store *s)
{
	sqlite3_stmt *st = NULL;
	int rc, count = 0;

	s->waited_ms = 0;
	do {
		rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1,
					&st, NULL);
		if (rc == SQLITE_OK)
			rc = sqlite3_step(st);
		sqlite3_finalize(st);
		st = NULL;
	} while ((rc & 0xff) == SQLITE_BUSY && bpacct__sq_busy(s, count++));
	return rc == SQLITE_ROW ? BPACCT_OK
				: bpacct__sq_fail(s, rc, "PRAGMA journal_mode");
}

static int pragmas(bpacct_sqlite_store *s)
{
	int rc = sqlite3_busy_handler(s->db, bpacct__sq_busy, s);

	if (rc != SQLITE_OK)
		return bpacct__sq_fail(s, rc, "busy handler");
	rc = journal_wal(s);
	if (rc == BPACCT_OK)
		rc = exec(s, "PRAGMA synchronous=NORMAL",
			  "PRAGMA synchronous");
	return rc;
}

int64_t bpacct__sq_schema_version(bpacct_sqlite_store *s, int *status)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;
	int rc;

	s->waited_ms = 0;
	rc = sqlite3_prepare_v2(s->db, "SELECT coalesce(max(version), 0) "
				       "FROM schema_version", -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		*status = BPACCT_OK;
	} else {
		*status = bpacct__sq_fail(s, rc, "reading schema_version");
	}
	sqlite3_finalize(st);
	return v;
}

static int apply(bpacct_sqlite_store *s, const migration *m)
{
	char sql[96];
	int rc = exec(s, m->sql, "migrating the schema");

	if (rc != BPACCT_OK)
		return rc;
	snprintf(sql, sizeof sql,
		 "INSERT INTO schema_version (version) VALUES (%lld)",
		 (long long)m->version);
	return exec(s, sql, "recording the schema version");
}

static int migrate(bpacct_sqlite_store *s)
{
	int rc = BPACCT_OK;
	int64_t have = bpacct__sq_schema_version(s, &rc);

	if (rc != BPACCT_OK)
		return rc;
	if (have > migrations[MIGRATIONS - 1].version) {
		snprintf(s->error, sizeof s->error,
			 "sqlite: the database's schema version %lld is newer "
			 "than this library's %lld", (long long)have,
			 (long long)migrations[MIGRATIONS - 1].version);
		return BPACCT_ENOTSUP;
	}
	for (size_t i = 0; i < MIGRATIONS && rc == BPACCT_OK; i++)
		if (migrations[i].version > have)
			rc = apply(s, &migrations[i]);
	return rc;
}

int bpacct__sq_setup(bpacct_sqlite_store *s)
{
	int rc = pragmas(s);

	if (rc == BPACCT_OK)
		rc = exec(s, "BEGIN IMMEDIATE", "BEGIN IMMEDIATE");
	if (rc != BPACCT_OK)
		return rc;
	rc = exec(s, "CREATE TABLE IF NOT EXISTS schema_version ("
		     " version INTEGER PRIMARY KEY,"
		     " applied_at TEXT NOT NULL DEFAULT (datetime('now')))",
		  "creating schema_version");
	if (rc == BPACCT_OK)
		rc = migrate(s);
	if (rc == BPACCT_OK)
		return exec(s, "COMMIT", "COMMIT");
	if (!sqlite3_get_autocommit(s->db))
		(void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
