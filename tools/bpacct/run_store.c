/*
 * The store behind `bpacct run --store SPEC` (cli.md): `memory` (the
 * default) keeps state for one run; `sqlite:PATH` keeps it in an SQLite
 * database (libbpacct-sqlite, when the tool was built with it), so that
 * a later run, and its ticks, continue where the last one stopped.
 *
 * A supplement that names only its request, and a notice to a requester,
 * are answered from the request record the store keeps
 * (run_session_stored_request()), whichever run or process wrote it.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bpacct/sys/store.h"
#include "run.h"

#ifdef BPACCT_TOOL_SQLITE
#include "bpacct/sqlite.h"
#define SQLITE_BUILT 1
#else
#define SQLITE_BUILT 0
#endif
#ifdef BPACCT_TOOL_POSTGRES
#define POSTGRES_BUILT 1
#else
#define POSTGRES_BUILT 0
#endif

static const char sqlite_prefix[] = "sqlite:";
static const char postgres_prefix[] = "postgres:";

static int has_prefix(const char *spec, const char *prefix)
{
	return strncmp(spec, prefix, strlen(prefix)) == 0;
}

int run_store_check(const tool_args *a)
{
	const char *spec = a->value[TOOL_OPT_STORE];

	if (!spec || strcmp(spec, "memory") == 0)
		return TOOL_EXIT_OK;
	if (has_prefix(spec, sqlite_prefix)) {
		if (!SQLITE_BUILT)
			return tool_usage(a, "--store '%s': not built: this "
					  "bpacct has no SQLite adapter "
					  "(sqlite3 was not found)",
					  spec);
		if (spec[sizeof sqlite_prefix - 1] == '\0')
			return tool_usage(a, "--store sqlite:PATH: the path "
					  "is missing");
		return TOOL_EXIT_OK;
	}
	if (has_prefix(spec, postgres_prefix))
		return POSTGRES_BUILT
			       ? TOOL_EXIT_OK
			       : tool_usage(a, "--store '%s': not built: this "
					    "bpacct has no PostgreSQL adapter "
					    "(libpq was not found)", spec);
	return tool_usage(a, "--store: unknown store '%s' (expected memory, "
			  "sqlite:PATH or postgres:CONNINFO)", spec);
}

#ifdef BPACCT_TOOL_SQLITE
static int open_sqlite(const tool_args *a, run_session *s, const char *path,
		       bpacct_engine_options *o)
{
	bpacct_sqlite_store *db = NULL;
	/* rules E8: a mistyped path must not pass for an empty store. */
	int fresh = access(path, F_OK) != 0;
	int st = bpacct_sqlite_store_open(&db, path, NULL);

	if (st != BPACCT_OK) {
		/* Like an unreadable FILE: exit 2 before any output. */
		int rc = db ? tool_usage(a, "--store sqlite:%s: %s", path,
					 bpacct_sqlite_store_last_error(db))
			    : tool_lib_fail(a, "bpacct_sqlite_store_open", st);

		bpacct_sqlite_store_close(db);
		return rc;
	}
	if (fresh)
		fprintf(stderr, "bpacct: created a new SQLite store at '%s'\n",
			path);
	s->db = db;
	o->store = bpacct_sqlite_store_ops();
	o->store_userdata = db;
	return TOOL_EXIT_OK;
}
#endif

int run_store_open(const tool_args *a, run_session *s,
		   bpacct_engine_options *o)
{
	const char *spec = a->value[TOOL_OPT_STORE];
	int st;

#ifdef BPACCT_TOOL_SQLITE
	if (spec && has_prefix(spec, sqlite_prefix))
		return open_sqlite(a, s, spec + sizeof sqlite_prefix - 1, o);
#endif
#ifdef BPACCT_TOOL_POSTGRES
	if (spec && has_prefix(spec, postgres_prefix))
		return run_pg_open(a, s, spec + sizeof postgres_prefix - 1, o);
#endif
	(void)spec;
	st = bpacct_memory_store_new(&s->store, NULL);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "the in-memory store", st);
	o->store = bpacct_memory_store_ops();
	o->store_userdata = s->store;
	return TOOL_EXIT_OK;
}

void run_store_attach(run_session *s)
{
#ifdef BPACCT_TOOL_SQLITE
	if (s->db)
		bpacct_sqlite_store_set_engine(s->db, s->engine);
#endif
#ifdef BPACCT_TOOL_POSTGRES
	run_pg_attach(s);
#endif
	(void)s;
}

void run_store_close(run_session *s)
{
	bpacct_memory_store_free(s->store);
	s->store = NULL;
#ifdef BPACCT_TOOL_SQLITE
	bpacct_sqlite_store_close(s->db);
#endif
	s->db = NULL;
#ifdef BPACCT_TOOL_POSTGRES
	run_pg_close(s);
#endif
}

