/*
 * libbpacct-postgres: opening and closing a store, the connection and its
 * one reset, and the way a failure is reported.
 *
 * A reset happens only at the start of an operation that finds the
 * connection broken (or after a read failed because it broke): prepared
 * statements live in the server session, so a new session prepares them
 * again before anything runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

static void *mem_alloc(const bpacct_allocator *a, size_t size)
{
	return a->version && a->alloc ? a->alloc(size, a->opaque)
				      : malloc(size);
}

static void mem_free(const bpacct_allocator *a, void *p)
{
	if (!p)
		return;
	if (a->version && a->free)
		a->free(p, a->opaque);
	else
		free(p);
}

/* The first line of a libpq message: enough for a one-line error. */
static void keep(bpacct_postgres_store *s, const char *what, const char *msg)
{
	size_t n;

	snprintf(s->error, sizeof s->error, "PostgreSQL: %s: %s", what,
		 msg && *msg ? msg : "unknown error");
	n = strcspn(s->error, "\n");
	s->error[n] = '\0';
	if (s->engine)
		(void)bpacct_engine_set_error(s->engine, s->error);
}

int bpacct__pg_fail(bpacct_postgres_store *s, const PGresult *res,
		    const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE)
				: NULL;
	const char *msg = res ? PQresultErrorMessage(res) : "";

	if (!msg || !*msg)
		msg = PQerrorMessage(s->conn);
	keep(s, what, msg);
	/* 40001 serialization failure, 40P01 deadlock: try again. */
	if (state && (strcmp(state, "40001") == 0 ||
		      strcmp(state, "40P01") == 0))
		return BPACCT_ECONFLICT;
	return BPACCT_EUSER;
}

int bpacct__pg_lost(const bpacct_postgres_store *s)
{
	return PQstatus(s->conn) != CONNECTION_OK;
}

int bpacct__pg_prepare(bpacct_postgres_store *s)
{
	for (int i = 0; i < PG_COUNT; i++) {
		const bpacct__pg_stmt *st = &bpacct__pg_stmts[i];
		PGresult *r = PQprepare(s->conn, st->name, st->sql, st->nparams,
					NULL);
		int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		int rc = ok ? BPACCT_OK : bpacct__pg_fail(s, r, st->name);

		PQclear(r);
		if (!ok)
			return rc == BPACCT_ECONFLICT ? BPACCT_EUSER : rc;
	}
	return BPACCT_OK;
}

void bpacct__pg_keep(bpacct_postgres_store *s, const char *what,
		     const char *msg)
{
	keep(s, what, msg);
}

int bpacct__pg_reset(bpacct_postgres_store *s, const char *why)
{
	char was[sizeof s->error];
	int rc;

	memcpy(was, s->error, sizeof was);
	/* The claims of the old session are left to their lease. */
	s->due_claims = 0;
	s->outbox_claims = 0;
	PQreset(s->conn);
	if (bpacct__pg_lost(s)) {
		keep(s, "the connection was lost and could not be restored",
		     PQerrorMessage(s->conn));
		return BPACCT_EUSER;
	}
	rc = bpacct__pg_prepare(s);
	if (rc == BPACCT_OK && why) {
		keep(s, why, was[0] ? was : "no earlier error");
		rc = BPACCT_EUSER;
	}
	return rc;
}

int bpacct__pg_ready(bpacct_postgres_store *s)
{
	return bpacct__pg_lost(s) ? bpacct__pg_reset(s, NULL) : BPACCT_OK;
}

PGresult *bpacct__pg_exec(bpacct_postgres_store *s, bpacct__pg_id which,
			  const char *const *values, const int *lengths,
			  const int *formats)
{
	const bpacct__pg_stmt *st = &bpacct__pg_stmts[which];

	return PQexecPrepared(s->conn, st->name, st->nparams, values, lengths,
			      formats, 1);
}

int bpacct__pg_simple(bpacct_postgres_store *s, const char *sql,
		      const char *what)
{
	PGresult *r = PQexec(s->conn, sql);
	ExecStatusType t = PQresultStatus(r);
	int rc = t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK
			 ? BPACCT_OK
			 : bpacct__pg_fail(s, r, what);

	PQclear(r);
	return rc;
}

static void quiet(void *arg, const PGresult *res)
{
	(void)arg; /* NOTICEs (CREATE … IF NOT EXISTS) are not errors */
	(void)res;
}

int bpacct_postgres_store_open(bpacct_postgres_store **out,
			       const char *conninfo,
			       const bpacct_allocator *allocator)
{
	bpacct_allocator a = { 0, NULL, NULL, NULL };
	bpacct_postgres_store *s;
	int rc;

	if (!out || !conninfo)
		return BPACCT_EINVAL;
	if (allocator) {
		if (allocator->version == 0 ||
		    allocator->version > BPACCT_ALLOCATOR_VERSION ||
		    !allocator->alloc != !allocator->free)
			return BPACCT_EMISUSE;
		a = *allocator;
	}
	s = mem_alloc(&a, sizeof *s);
	if (!s)
		return BPACCT_ENOMEM;
	memset(s, 0, sizeof *s);
	s->magic = BPACCT__PG_MAGIC;
	s->alloc = a;
	s->conn = PQconnectdb(conninfo);
	if (!s->conn) {
		mem_free(&a, s);
		return BPACCT_ENOMEM;
	}
	if (bpacct__pg_lost(s)) {
		keep(s, "cannot connect", PQerrorMessage(s->conn));
		rc = BPACCT_EUSER;
	} else {
		PQsetNoticeReceiver(s->conn, quiet, NULL);
		rc = bpacct__pg_migrate(s);
		if (rc == BPACCT_OK)
			rc = bpacct__pg_prepare(s);
	}
	if (rc == BPACCT_EUSER) {
		s->broken = 1;
		*out = s;
		return rc;
	}
	if (rc != BPACCT_OK) {
		PQfinish(s->conn);
		mem_free(&a, s);
		return rc;
	}
	*out = s;
	return BPACCT_OK;
}

/* Hands back what this session claimed, so other engines need not wait
 * for the lease. */
static void release_claims(bpacct_postgres_store *s)
{
	if (bpacct__pg_lost(s))
		return;
	if (s->due_claims)
		PQclear(bpacct__pg_exec(s, PG_DUE_RELEASE, NULL, NULL, NULL));
	if (s->outbox_claims)
		PQclear(bpacct__pg_exec(s, PG_OUTBOX_RELEASE, NULL, NULL,
					NULL));
}

void bpacct_postgres_store_close(bpacct_postgres_store *store)
{
	bpacct_allocator a;

	if (!store || store->magic != BPACCT__PG_MAGIC)
		return;
	a = store->alloc;
	if (!store->broken)
		release_claims(store);
	PQfinish(store->conn);
	store->magic = 0;
	mem_free(&a, store);
}

int bpacct_postgres_store_set_engine(bpacct_postgres_store *store,
				     bpacct_engine *engine)
{
	if (!store)
		return BPACCT_EINVAL;
	if (store->magic != BPACCT__PG_MAGIC)
		return BPACCT_EMISUSE;
	store->engine = engine;
	return BPACCT_OK;
}

const char *bpacct_postgres_store_last_error(const bpacct_postgres_store *s)
{
	if (!s || s->magic != BPACCT__PG_MAGIC)
		return "";
	return s->error;
}
