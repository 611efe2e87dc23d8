/*
 * Suite `db`, PostgreSQL: the server comes from BPACCT_PG_CONNINFO (set by
 * scripts/test-all from scripts/pg-cluster).  Without a reachable server a
 * test SKIPS (exit 77) with a message, except in CI (CI=true), where it
 * FAILS: CI must never pass without having run the PostgreSQL tests.
 *
 * Each test works in a schema of its own (bpacct_t_<pid>_<n>, selected
 * through the connection's search_path), so the binaries run in parallel
 * on one database and leave nothing behind.
 */
#ifndef BPACCT_TEST_PG_SUPPORT_H
#define BPACCT_TEST_PG_SUPPORT_H

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PG_CONNINFO_MAX 512

/* A tenth of a second: the server ends a session asynchronously. */
static inline void pg_pause(void)
{
	struct timespec t = { 0, 100000000L };

	nanosleep(&t, NULL);
}

/* The server's conninfo, or the process ends: skip, or fail in CI. */
static inline const char *pg_base(void)
{
	const char *base = getenv("BPACCT_PG_CONNINFO");
	const char *ci = getenv("CI");
	int in_ci = ci && (strcmp(ci, "true") == 0 || strcmp(ci, "1") == 0);

	if (base && *base) {
		PGconn *c = PQconnectdb(base);
		if (PQstatus(c) == CONNECTION_OK) {
			PQfinish(c);
			return base;
		}
		fprintf(stderr, "PostgreSQL at '%s' is not reachable: %s",
			base, PQerrorMessage(c));
		PQfinish(c);
	} else {
		fprintf(stderr, "BPACCT_PG_CONNINFO is not set (start a server "
			"with: eval \"$(scripts/pg-cluster start)\")\n");
	}
	if (in_ci) {
		fprintf(stderr, "FAIL: CI=true and no PostgreSQL server: the "
			"db suite must not pass without it\n");
		exit(1);
	}
	fprintf(stderr, "SKIP: the PostgreSQL tests need a server\n");
	exit(77);
}

/* Runs SQL on a connection; asserts success; returns the first value as
 * an integer (0 without one). */
static inline long pg_sql(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	ExecStatusType t = PQresultStatus(r);
	long v = 0;

	if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
		fprintf(stderr, "SQL failed: %s\n%s", sql,
			PQresultErrorMessage(r));
		PQclear(r);
		abort();
	}
	if (t == PGRES_TUPLES_OK && PQntuples(r) > 0 && PQnfields(r) > 0)
		v = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return v;
}

typedef struct pg_schema {
	char name[64];
	char conninfo[PG_CONNINFO_MAX];
	PGconn *admin; /* for the test's own queries, in that schema */
} pg_schema;

/* A new empty schema; conninfo selects it. */
static inline void pg_schema_new(pg_schema *s)
{
	static unsigned n;
	const char *base = pg_base();
	char sql[320];

	snprintf(s->name, sizeof s->name, "bpacct_t_%ld_%u", (long)getpid(),
		 n++);
	snprintf(s->conninfo, sizeof s->conninfo,
		 "%s options='-csearch_path=%s'", base, s->name);
	s->admin = PQconnectdb(base);
	if (PQstatus(s->admin) != CONNECTION_OK)
		abort();
	snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS %s CASCADE; "
		 "CREATE SCHEMA %s; SET search_path = %s", s->name, s->name,
		 s->name);
	(void)pg_sql(s->admin, sql);
}

static inline void pg_schema_drop(pg_schema *s)
{
	char sql[128];

	snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", s->name);
	(void)pg_sql(s->admin, sql);
	PQfinish(s->admin);
	s->admin = NULL;
}

#endif
