/*
 * Internals of libbpacct-sqlite: the store object, its cached prepared
 * statements, and the helpers shared by store.c (operations, open and
 * close), commit.c (the one transaction per change) and schema.c (the
 * tables and their forward migrations).  Only public bpacct headers are
 * used: the adapter is a host of the engine like any other.
 */
#ifndef BPACCT_SQLITE_INTERNAL_H
#define BPACCT_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include <bpacct/bpacct.h>
#include <bpacct/sqlite.h>
#include <bpacct/sys/store.h>

#define BPACCT__SQ_MAGIC 0x53514c31u /* "SQL1" */

/* The cached statements, prepared on first use (bpacct__sq_stmt). */
typedef enum bpacct__sq_id {
	SQ_GET_ACCOUNT,
	SQ_GET_REQUEST,
	SQ_BEGIN,
	SQ_COMMIT,
	SQ_ROLLBACK,
	SQ_ACCOUNT_INSERT,
	SQ_ACCOUNT_UPDATE,
	SQ_REQUEST_PUT,
	SQ_NOTICE_PUT,
	SQ_AUDIT_PUT,
	SQ_DUE,
	SQ_OUTBOX,
	SQ_MARK,
	SQ_COUNT
} bpacct__sq_id;

struct bpacct_sqlite_store {
	uint32_t magic;
	sqlite3 *db;
	sqlite3_stmt *stmt[SQ_COUNT];
	bpacct_allocator alloc;  /* version 0: malloc/free */
	bpacct_engine *engine;   /* relays messages; may be NULL */
	int broken;              /* opening failed: only the message is left */
	int waited_ms;           /* slept for locks since the operation began */
	int event_ms;            /* slept for the current lock (busy handler) */
	char error[256];
};

/* Records an SQLite failure (rc) of `what` and returns the status for it:
 * BPACCT_ENOMEM for SQLITE_NOMEM, else BPACCT_EUSER. */
int bpacct__sq_fail(bpacct_sqlite_store *s, int rc, const char *what);
/* The cached statement `which`, reset and unbound, or NULL (failure
 * recorded, *status set). */
sqlite3_stmt *bpacct__sq_stmt(bpacct_sqlite_store *s, bpacct__sq_id which,
			      int *status);
/* Steps a statement that returns no row and resets it: 0 or a status. */
int bpacct__sq_run(bpacct_sqlite_store *s, sqlite3_stmt *st,
		   const char *what);
/* The busy handler (sqlite3_busy_handler): sleeps a little longer each
 * time, up to BPACCT_SQLITE_BUSY_TIMEOUT_MS per lock, counting the time
 * in waited_ms so that a failure says how long it really waited.
 * Returns 1 to retry, 0 when the time is spent. */
int bpacct__sq_busy(void *store, int count);
/* Binds a NUL-terminated text (copied by SQLite). */
int bpacct__sq_bind_text(sqlite3_stmt *st, int col, const char *text);

/* schema.c: pragmas, then the migrations missing from the file. */
int bpacct__sq_setup(bpacct_sqlite_store *s);
int64_t bpacct__sq_schema_version(bpacct_sqlite_store *s, int *status);

/* commit.c */
int bpacct__sq_commit(bpacct_sqlite_store *s, const bpacct_change *c);

#endif /* BPACCT_SQLITE_INTERNAL_H */
