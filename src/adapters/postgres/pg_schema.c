/*
 * The schema of libbpacct-postgres and its forward migrations.
 *
 * Opening runs, in one transaction: take a transaction-scoped advisory
 * lock (so that many processes opening one database at once migrate it
 * once, one after the other), create schema_version if it is missing,
 * read the version, and apply every migration above it in order.  A
 * database newer than this library is refused (BPACCT_ENOTSUP): an old
 * binary must not write rows it does not understand.
 *
 * Migrations are append-only: a released one is never edited, a change
 * is a new one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

/* 'bpac' as an int: the advisory lock that serialises migrations. */
#define MIGRATION_LOCK "1651532131"

static const char *const migrations[] = {
	/* 1: records by id, the due index, the outbox and the audit.  Ids
	 * compare as bytes (COLLATE "C"): the due order's ties are the same
	 * on every server, whatever its locale. */
	"CREATE TABLE accounts ("
	" id text COLLATE \"C\" PRIMARY KEY,"
	" revision bigint NOT NULL,"
	" next_due bigint,"
	" record bytea NOT NULL);"
	"CREATE INDEX accounts_next_due ON accounts (next_due)"
	" WHERE next_due IS NOT NULL;"
	"CREATE TABLE requests ("
	" id text COLLATE \"C\" PRIMARY KEY,"
	" record bytea NOT NULL);"
	"CREATE TABLE outbox ("
	" seq bigserial PRIMARY KEY,"
	" key text COLLATE \"C\" NOT NULL UNIQUE,"
	" account text COLLATE \"C\" NOT NULL,"
	" record bytea NOT NULL,"
	" delivered boolean NOT NULL DEFAULT false);"
	"CREATE INDEX outbox_pending ON outbox (seq) WHERE NOT delivered;"
	"CREATE TABLE audit ("
	" seq bigserial PRIMARY KEY,"
	" account text COLLATE \"C\" NOT NULL,"
	" record bytea NOT NULL);"
	"CREATE INDEX audit_account ON audit (account);",
	/* 2: claims, so that engines sharing the database share the due
	 * sweep and the delivery (docs/deployment.md). */
	"ALTER TABLE accounts ADD COLUMN claimed_until timestamptz,"
	" ADD COLUMN claimed_by integer;"
	"CREATE INDEX accounts_claimed ON accounts (claimed_by)"
	" WHERE claimed_until IS NOT NULL;"
	"ALTER TABLE outbox ADD COLUMN claimed_until timestamptz,"
	" ADD COLUMN claimed_by integer;"
	"CREATE INDEX outbox_claimed ON outbox (claimed_by)"
	" WHERE claimed_until IS NOT NULL;",
};

#define NMIGRATIONS (int)(sizeof migrations / sizeof migrations[0])

_Static_assert(NMIGRATIONS == BPACCT_POSTGRES_SCHEMA_VERSION,
	       "one migration per schema version");

/* The stored version (0 for a fresh database), or a negative status. */
static int read_version(bpacct_postgres_store *s, long *out)
{
	PGresult *r = PQexec(s->conn, "SELECT coalesce(max(version), 0)"
				      " FROM schema_version");
	int rc = BPACCT_OK;

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		rc = bpacct__pg_fail(s, r, "reading schema_version");
	else
		*out = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return rc;
}

static int apply(bpacct_postgres_store *s, long from)
{
	char sql[96];
	int rc = BPACCT_OK;

	/* migrations[i] brings the schema to version i + 1 */
	for (int i = from > 0 ? (int)from : 0; rc == BPACCT_OK &&
	     i < NMIGRATIONS; i++) {
		rc = bpacct__pg_simple(s, migrations[i], "a migration");
		snprintf(sql, sizeof sql,
			 "INSERT INTO schema_version (version) VALUES (%d)",
			 i + 1);
		if (rc == BPACCT_OK)
			rc = bpacct__pg_simple(s, sql, "schema_version");
	}
	return rc;
}

int bpacct__pg_migrate(bpacct_postgres_store *s)
{
	long version = 0;
	int rc = bpacct__pg_simple(s, "BEGIN", "BEGIN");

	if (rc == BPACCT_OK)
		rc = bpacct__pg_simple(s, "SELECT pg_advisory_xact_lock("
				       MIGRATION_LOCK ")", "the lock");
	if (rc == BPACCT_OK)
		rc = bpacct__pg_simple(s, "CREATE TABLE IF NOT EXISTS "
				       "schema_version (version integer "
				       "PRIMARY KEY, applied timestamptz NOT "
				       "NULL DEFAULT now())",
				       "schema_version");
	if (rc == BPACCT_OK)
		rc = read_version(s, &version);
	if (rc == BPACCT_OK && version > NMIGRATIONS) {
		snprintf(s->error, sizeof s->error,
			 "PostgreSQL: the schema is version %ld, newer than "
			 "this library's %d", version, NMIGRATIONS);
		rc = BPACCT_ENOTSUP;
	}
	if (rc == BPACCT_OK)
		rc = apply(s, version);
	if (rc == BPACCT_OK)
		return bpacct__pg_simple(s, "COMMIT", "COMMIT");
	(void)bpacct__pg_simple(s, "ROLLBACK", "ROLLBACK");
	return rc == BPACCT_ECONFLICT ? BPACCT_EUSER : rc;
}
