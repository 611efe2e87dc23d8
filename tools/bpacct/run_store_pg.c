/*
 * `bpacct run --store postgres:CONNINFO` (cli.md): the state is kept in
 * PostgreSQL (libpq connection string, e.g. "host=/run/pg dbname=bpacct"),
 * where many `bpacct run` processes, on many machines, may work on the
 * same accounts at once: the store's compare-and-swap and claims keep
 * them from doing anything twice (docs/deployment.md).
 *
 * Built only with libbpacct-postgres (BPACCT_TOOL_POSTGRES); run_store.c
 * dispatches here.
 */
#include <stdio.h>
#include <string.h>

#include "bpacct/sys/store.h"
#include "run.h"

#ifdef BPACCT_TOOL_POSTGRES
#include <libpq-fe.h>

#include "bpacct/postgres.h"

/* Whether the database has no bpacct schema yet (the store's open will
 * create it): rules E8, a mistyped database must not pass for an empty
 * store.  Asked on a connection of its own, before the store's. */
static int schema_missing(const char *conninfo)
{
	PGconn *c = PQconnectdb(conninfo);
	int missing = 0;

	if (PQstatus(c) == CONNECTION_OK) {
		PGresult *r = PQexec(c, "SELECT to_regclass('schema_version') "
					"IS NULL");

		missing = PQresultStatus(r) == PGRES_TUPLES_OK &&
			  PQntuples(r) == 1 &&
			  strcmp(PQgetvalue(r, 0, 0), "t") == 0;
		PQclear(r);
	}
	PQfinish(c);
	return missing;
}

int run_pg_open(const tool_args *a, run_session *s, const char *conninfo,
		bpacct_engine_options *o)
{
	bpacct_postgres_store *pg = NULL;
	int fresh = schema_missing(conninfo);
	int st = bpacct_postgres_store_open(&pg, conninfo, NULL);

	if (st != BPACCT_OK) {
		if (pg)
			tool_refuse(a, "--store postgres:%s: %s", conninfo,
				    bpacct_postgres_store_last_error(pg));
		bpacct_postgres_store_close(pg);
		return pg ? TOOL_EXIT_REFUSED
			  : tool_lib_fail(a, "bpacct_postgres_store_open",
					  st);
	}
	if (fresh)
		fprintf(stderr, "bpacct: created a new PostgreSQL store "
			"(schema version %d)\n", BPACCT_POSTGRES_SCHEMA_VERSION);
	s->pg = pg;
	o->store = bpacct_postgres_store_ops();
	o->store_userdata = pg;
	return TOOL_EXIT_OK;
}

void run_pg_attach(run_session *s)
{
	if (s->pg)
		bpacct_postgres_store_set_engine(s->pg, s->engine);
}

void run_pg_close(run_session *s)
{
	bpacct_postgres_store_close(s->pg);
	s->pg = NULL;
}

#else
/* ISO C wants a translation unit to declare something. */
typedef int run_store_pg_unused;
#endif
