/*
 * Internals of libbpacct-postgres: the store object, its prepared
 * statements, and the helpers shared by pg_store.c (open, close, the
 * connection and its reset), pg_schema.c (tables and forward migrations)
 * and pg_ops.c (the store operations).  Only public bpacct headers are
 * used: the adapter is a host of the engine like any other.
 *
 * Parameters are sent as text, records as binary bytea; every result is
 * asked for in binary (a text column's binary form is its bytes).
 */
#ifndef BPACCT_PG_INTERNAL_H
#define BPACCT_PG_INTERNAL_H

#include <libpq-fe.h>

#include <bpacct/bpacct.h>
#include <bpacct/postgres.h>
#include <bpacct/sys/store.h>

#define BPACCT__PG_MAGIC 0x50474c31u /* "PGL1" */

/* The prepared statements (pg_ops.c has their text). */
typedef enum bpacct__pg_id {
	PG_GET_ACCOUNT,
	PG_GET_REQUEST,
	PG_ACCOUNT_INSERT,
	PG_ACCOUNT_UPDATE,
	PG_REQUEST_PUT,
	PG_NOTICE_PUT,
	PG_AUDIT_PUT,
	PG_DUE_RELEASE,
	PG_DUE_CLAIM,
	PG_OUTBOX_RELEASE,
	PG_OUTBOX_CLAIM,
	PG_MARK,
	PG_COUNT
} bpacct__pg_id;

typedef struct bpacct__pg_stmt {
	const char *name, *sql;
	int nparams;
} bpacct__pg_stmt;

extern const bpacct__pg_stmt bpacct__pg_stmts[PG_COUNT];

struct bpacct_postgres_store {
	uint32_t magic;
	PGconn *conn;
	bpacct_allocator alloc;  /* version 0: malloc/free */
	bpacct_engine *engine;   /* relays messages; may be NULL */
	int broken;              /* opening failed: only the message is left */
	int due_claims;          /* due() claimed rows not yet released */
	int outbox_claims;       /* outbox() likewise */
	char error[256];
};

/* A failure of `what`: keeps (and relays) the message, returns EUSER, or
 * ECONFLICT for a deadlock or serialization failure (res may be NULL). */
int bpacct__pg_fail(bpacct_postgres_store *s, const PGresult *res,
		    const char *what);
/* Makes sure the connection is up: resets a broken one once and prepares
 * the statements again.  0 or a status (message kept). */
int bpacct__pg_ready(bpacct_postgres_store *s);
/* Starts a new session (PQreset) and prepares the statements again: the
 * old session's transaction, pipeline and claims end with it.  With `why`
 * (the session was out of step, not lost), a successful reset still
 * returns EUSER with the message "why: <the earlier message>".  0 or a
 * status (message kept). */
int bpacct__pg_reset(bpacct_postgres_store *s, const char *why);
/* Keeps (and relays) the message "PostgreSQL: what: msg". */
void bpacct__pg_keep(bpacct_postgres_store *s, const char *what,
		     const char *msg);
/* Prepares every statement on the current connection. */
int bpacct__pg_prepare(bpacct_postgres_store *s);
/* Runs a prepared statement; NULL lengths for all-text parameters, else
 * formats[i] = 1 marks binary ones.  Never NULL (libpq's own results). */
PGresult *bpacct__pg_exec(bpacct_postgres_store *s, bpacct__pg_id which,
			  const char *const *values, const int *lengths,
			  const int *formats);
/* Runs an SQL text without parameters and checks its status. */
int bpacct__pg_simple(bpacct_postgres_store *s, const char *sql,
		      const char *what);
/* Whether the connection is broken (after a failed call). */
int bpacct__pg_lost(const bpacct_postgres_store *s);

/* pg_schema.c: the migrations missing from the database. */
int bpacct__pg_migrate(bpacct_postgres_store *s);

/* pg_commit.c */
int bpacct__pg_commit(bpacct_postgres_store *s, const bpacct_change *c);

#endif /* BPACCT_PG_INTERNAL_H */
