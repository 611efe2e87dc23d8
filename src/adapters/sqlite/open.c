/*
 * Opening and closing the SQLite store, and what a host may ask of it
 * besides the store operations (messages, counts).
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "sqlite_internal.h"

static void *store_alloc(const bpacct_allocator *a)
{
	if (a->version != 0 && a->alloc)
		return a->alloc(sizeof(bpacct_sqlite_store), a->opaque);
	return malloc(sizeof(bpacct_sqlite_store));
}

static void store_free(bpacct_sqlite_store *s)
{
	bpacct_allocator a = s->alloc;

	s->magic = 0; /* a second close is ignored, not a crash */
	if (a.version != 0 && a.free)
		a.free(s, a.opaque);
	else
		free(s);
}

/* A host allocator needs both functions or neither (alloc.h). */
static int check_allocator(const bpacct_allocator *a)
{
	if (!a)
		return BPACCT_OK;
	if (a->version == 0 || a->version > BPACCT_ALLOCATOR_VERSION)
		return BPACCT_EMISUSE;
	return (a->alloc == NULL) == (a->free == NULL) ? BPACCT_OK
						       : BPACCT_EINVAL;
}

int bpacct_sqlite_store_open(bpacct_sqlite_store **out, const char *path,
			     const bpacct_allocator *allocator)
{
	bpacct_sqlite_store *s;
	bpacct_allocator a = { 0, NULL, NULL, NULL };
	int rc;

	if (!out || !path)
		return BPACCT_EINVAL;
	rc = check_allocator(allocator);
	if (rc != BPACCT_OK)
		return rc;
	if (allocator && allocator->alloc)
		a = *allocator;
	s = store_alloc(&a);
	if (!s)
		return BPACCT_ENOMEM;
	memset(s, 0, sizeof *s);
	s->magic = BPACCT__SQ_MAGIC;
	s->alloc = a;
	rc = sqlite3_open_v2(path, &s->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc == SQLITE_NOMEM && !s->db) {
		store_free(s);
		return BPACCT_ENOMEM;
	}
	rc = rc == SQLITE_OK ? bpacct__sq_setup(s)
			     : bpacct__sq_fail(s, rc, "opening the database");
	if (rc == BPACCT_ENOMEM) {
		bpacct_sqlite_store_close(s);
		return rc;
	}
	if (rc != BPACCT_OK) {
		/* Like sqlite3_open(): a handle that tells why. */
		s->broken = 1;
		sqlite3_close_v2(s->db);
		s->db = NULL;
	}
	*out = s;
	return rc;
}

void bpacct_sqlite_store_close(bpacct_sqlite_store *store)
{
	if (!store || store->magic != BPACCT__SQ_MAGIC)
		return;
	for (int i = 0; i < SQ_COUNT; i++)
		sqlite3_finalize(store->stmt[i]);
	/* v2: a statement a host still holds (none: they are ours) would
	 * delay the close instead of failing it. */
	sqlite3_close_v2(store->db);
	store_free(store);
}

int bpacct_sqlite_store_set_engine(bpacct_sqlite_store *store,
				   bpacct_engine *engine)
{
	if (!store)
		return BPACCT_EINVAL;
	if (store->magic != BPACCT__SQ_MAGIC)
		return BPACCT_EMISUSE;
	store->engine = engine;
	return BPACCT_OK;
}

const char *bpacct_sqlite_store_last_error(const bpacct_sqlite_store *store)
{
	if (!store || store->magic != BPACCT__SQ_MAGIC)
		return "";
	return store->error;
}

static int count(bpacct_sqlite_store *s, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	s->waited_ms = 0;
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? BPACCT_OK : bpacct__sq_fail(s, rc, "stats");
}

int bpacct_sqlite_store_stats(bpacct_sqlite_store *store,
			      uint64_t *out_accounts, uint64_t *out_outbox,
			      uint64_t *out_audit, int64_t *out_schema)
{
	int64_t n[3] = { 0, 0, 0 }, schema = 0;
	int rc;

	if (!store)
		return BPACCT_EINVAL;
	if (store->magic != BPACCT__SQ_MAGIC || store->broken)
		return BPACCT_EMISUSE;
	rc = count(store, "SELECT count(*) FROM accounts", &n[0]);
	if (rc == BPACCT_OK)
		rc = count(store, "SELECT count(*) FROM outbox "
				  "WHERE delivered = 0", &n[1]);
	if (rc == BPACCT_OK)
		rc = count(store, "SELECT count(*) FROM audit", &n[2]);
	if (rc == BPACCT_OK)
		schema = bpacct__sq_schema_version(store, &rc);
	if (rc != BPACCT_OK)
		return rc;
	if (out_schema)
		*out_schema = schema;
	if (out_accounts)
		*out_accounts = (uint64_t)n[0];
	if (out_outbox)
		*out_outbox = (uint64_t)n[1];
	if (out_audit)
		*out_audit = (uint64_t)n[2];
	return BPACCT_OK;
}
