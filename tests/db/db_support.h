/*
 * Suite `db`: a store under test (the in-memory store, the SQLite store
 * in a temporary directory, or the PostgreSQL store in a schema of its
 * own: pg_support.h), seen through a spy that forwards every
 * operation and logs what the store accepted (cancellations per account,
 * notices with their keys), and a notifier that counts deliveries per
 * key.  The spy only reads the change set: it proves the corpus "passes
 * unchanged" on any store, whatever the store keeps.
 *
 * Each adapter is there only when its library is built: BPACCT_HAVE_SQLITE
 * and BPACCT_HAVE_POSTGRES (set by tests/db/meson.build).
 */
#ifndef BPACCT_TEST_DB_SUPPORT_H
#define BPACCT_TEST_DB_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpacct/bpacct.h>
#include <bpacct/sys/notifier.h>
#include <bpacct/sys/store.h>
#ifdef BPACCT_HAVE_SQLITE
#include <bpacct/sqlite.h>
#endif
#ifdef BPACCT_HAVE_POSTGRES
#include <bpacct/postgres.h>
#include "pg_support.h"
#endif

enum { DB_MEMORY, DB_SQLITE, DB_POSTGRES };

#define DB_KEYS 64

typedef struct db_notice {
	char key[128];
	char account[BPACCT_ID_MAX];
	int64_t kind, recipients, channel;
	uint32_t delivered;
} db_notice;

typedef struct db_cancel {
	char account[BPACCT_ID_MAX];
	int64_t case_;
	int count;
} db_cancel;

typedef struct db_store {
	int kind;
	char dir[256], path[300];
	bpacct_memory_store *mem;
#ifdef BPACCT_HAVE_SQLITE
	bpacct_sqlite_store *sq;
#endif
#ifdef BPACCT_HAVE_POSTGRES
	bpacct_postgres_store *pg;
	pg_schema schema;
#endif
	const bpacct_store_ops *inner;
	void *inner_data;
	db_notice notices[DB_KEYS];
	uint32_t nnotices;
	db_cancel cancels[DB_KEYS];
	uint32_t ncancels;
	uint64_t commits;
} db_store;

static inline const char *db_kind_name(int kind)
{
	static const char *const names[] = { "memory", "sqlite",
					     "postgres" };

	return names[kind];
}

/* A store that outlives its connection (a file, a server). */
static inline int db_kind_persists(int kind)
{
	return kind != DB_MEMORY;
}

static inline void db_temp_dir(char *dir, size_t size)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, size, "%s/bpacct-db-XXXXXX", t && *t ? t : "/tmp");
	assert_non_null(mkdtemp(dir));
}

/* Removes the database, its WAL and shared-memory files, and the dir. */
static inline void db_remove_files(const char *dir, const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm",
					      "-journal" };
	char p[320];

	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
	rmdir(dir);
}

/* (Re)connects to the store; the SQLite file and the PostgreSQL schema
 * are kept between calls. */
static inline void db_connect(db_store *d)
{
	switch (d->kind) {
#ifdef BPACCT_HAVE_SQLITE
	case DB_SQLITE:
		assert_int_equal(bpacct_sqlite_store_open(&d->sq, d->path,
							  NULL), BPACCT_OK);
		d->inner = bpacct_sqlite_store_ops();
		d->inner_data = d->sq;
		return;
#endif
#ifdef BPACCT_HAVE_POSTGRES
	case DB_POSTGRES:
		assert_int_equal(bpacct_postgres_store_open(
					 &d->pg, d->schema.conninfo, NULL),
				 BPACCT_OK);
		d->inner = bpacct_postgres_store_ops();
		d->inner_data = d->pg;
		return;
#endif
	default:
		assert_int_equal(bpacct_memory_store_new(&d->mem, NULL),
				 BPACCT_OK);
		d->inner = bpacct_memory_store_ops();
		d->inner_data = d->mem;
	}
}

static inline void db_disconnect(db_store *d)
{
	bpacct_memory_store_free(d->mem);
	d->mem = NULL;
#ifdef BPACCT_HAVE_SQLITE
	bpacct_sqlite_store_close(d->sq);
	d->sq = NULL;
#endif
#ifdef BPACCT_HAVE_POSTGRES
	bpacct_postgres_store_close(d->pg);
	d->pg = NULL;
#endif
}

static inline void db_open(db_store *d, int kind)
{
	memset(d, 0, sizeof *d);
	d->kind = kind;
	if (kind == DB_SQLITE) {
		db_temp_dir(d->dir, sizeof d->dir);
		snprintf(d->path, sizeof d->path, "%s/bpacct.db", d->dir);
	}
#ifdef BPACCT_HAVE_POSTGRES
	if (kind == DB_POSTGRES)
		pg_schema_new(&d->schema); /* skips without a server */
#endif
	db_connect(d);
}

static inline void db_close(db_store *d)
{
	db_disconnect(d);
	if (d->kind == DB_SQLITE)
		db_remove_files(d->dir, d->path);
#ifdef BPACCT_HAVE_POSTGRES
	if (d->kind == DB_POSTGRES)
		pg_schema_drop(&d->schema);
#endif
}

static inline db_notice *db_notice_of(db_store *d, const char *key)
{
	for (uint32_t i = 0; i < d->nnotices; i++)
		if (strcmp(d->notices[i].key, key) == 0)
			return &d->notices[i];
	return NULL;
}

static inline int64_t db_entry_int(const bpacct_entry *e, int32_t field)
{
	int64_t v = -1;

	(void)bpacct_entry_get_int(e, field, &v);
	return v;
}

/* Logs an accepted change: its cancellations and its notices. */
static inline void db_log(db_store *d, const bpacct_change *c)
{
	int64_t n = 0;

	assert_int_equal(bpacct_change_get_int(c, BPACCT_CHANGE_ENTRY_COUNT,
					       &n), BPACCT_OK);
	d->commits++;
	for (uint32_t i = 0; i < (uint32_t)n; i++) {
		const bpacct_entry *e = NULL;
		const uint8_t *rec = NULL;
		const char *key = "", *acc = "";
		size_t len = 0;

		assert_int_equal(bpacct_change_entry(c, i, &e, &rec, &len),
				 BPACCT_OK);
		bpacct_entry_get_text(e, BPACCT_FIELD_ACCOUNT, &acc);
		if (db_entry_int(e, BPACCT_FIELD_ENTRY_TYPE) ==
		    BPACCT_ENTRY_AUDIT) {
			db_cancel *k;
			uint32_t j = 0;

			if (db_entry_int(e, BPACCT_FIELD_TO) !=
			    BPACCT_STATE_CANCELLED)
				continue;
			while (j < d->ncancels &&
			       strcmp(d->cancels[j].account, acc) != 0)
				j++;
			assert_true(j < DB_KEYS);
			k = &d->cancels[j];
			if (j == d->ncancels++)
				snprintf(k->account, sizeof k->account, "%s",
					 acc);
			k->case_ = db_entry_int(e, BPACCT_FIELD_CASE);
			k->count++;
			continue;
		}
		bpacct_entry_get_text(e, BPACCT_FIELD_KEY, &key);
		assert_null(db_notice_of(d, key)); /* keys are new */
		assert_true(d->nnotices < DB_KEYS);
		{
			db_notice *o = &d->notices[d->nnotices++];

			snprintf(o->key, sizeof o->key, "%s", key);
			snprintf(o->account, sizeof o->account, "%s", acc);
			o->kind = db_entry_int(e, BPACCT_FIELD_KIND);
			o->recipients = db_entry_int(e,
						     BPACCT_FIELD_RECIPIENTS);
			o->channel = db_entry_int(e, BPACCT_FIELD_CHANNEL);
		}
	}
}

static inline int db_spy_get_account(const char *id, uint8_t *buf,
				     size_t size, size_t *len, void *u)
{
	db_store *d = u;
	return d->inner->get_account(id, buf, size, len, d->inner_data);
}

static inline int db_spy_get_request(const char *id, uint8_t *buf,
				     size_t size, size_t *len, void *u)
{
	db_store *d = u;
	return d->inner->get_request(id, buf, size, len, d->inner_data);
}

static inline int db_spy_commit(const bpacct_change *c, void *u)
{
	db_store *d = u;
	int rc = d->inner->commit(c, d->inner_data);

	if (rc == BPACCT_OK)
		db_log(d, c);
	return rc;
}

static inline int db_spy_due(int64_t at, uint32_t max, bpacct_sink *sink,
			     void *u)
{
	db_store *d = u;
	return d->inner->due(at, max, sink, d->inner_data);
}

static inline int db_spy_outbox(uint32_t max, bpacct_sink *sink, void *u)
{
	db_store *d = u;
	return d->inner->outbox(max, sink, d->inner_data);
}

static inline int db_spy_mark(const char *key, void *u)
{
	db_store *d = u;
	return d->inner->mark_delivered(key, d->inner_data);
}

static const bpacct_store_ops db_spy_ops = {
	BPACCT_STORE_OPS_VERSION, db_spy_get_account, db_spy_get_request,
	db_spy_commit, db_spy_due, db_spy_outbox, db_spy_mark
};

/* Counts each delivery under its key. */
static inline int db_deliver(const bpacct_entry *n, void *u)
{
	db_store *d = u;
	const char *key = "";
	db_notice *o;

	bpacct_entry_get_text(n, BPACCT_FIELD_KEY, &key);
	o = db_notice_of(d, key);
	assert_non_null(o);
	o->delivered++;
	return 0;
}

static const bpacct_notifier_ops db_notifier = {
	BPACCT_NOTIFIER_OPS_VERSION, db_deliver
};

#endif
