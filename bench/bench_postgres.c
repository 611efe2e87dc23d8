/*
 * bpacct-bench-postgres: `postgres_request`, committed BP requests per
 * second through the engine over libbpacct-postgres, with 4 processes on
 * the Unix socket of one server (issue 5 target: >= 2,000/s in total).
 *
 * Usage: bpacct-bench-postgres [--json] [CONNINFO]   (default: the
 * environment's BPACCT_PG_CONNINFO).  It works in a schema of its own,
 * dropped at the end.  Each process issues its accounts (not timed),
 * then all processes submit one complete BP request per account at once;
 * the figure is all requests over the wall time of that phase.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpacct/bpacct.h>
#include <bpacct/postgres.h>

#define PROCESSES 4
#define PER_PROCESS 2000
#define TARGET 2000.0

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int at(const char *text, int64_t *out)
{
	return bpacct_instant_parse(out, text, strlen(text));
}

static int submit(bpacct_engine *e, const char *id, bpacct_event *ev)
{
	int rc = bpacct_engine_submit(e, id, ev);

	if (rc != BPACCT_OK)
		fprintf(stderr, "bench: %s: %s\n", id,
			bpacct_engine_last_error(e));
	return rc;
}

/* One process: its own connection and engine; waits on the pipe. */
static int worker(const char *conninfo, int p, int go)
{
	bpacct_calendar *cal = NULL;
	bpacct_postgres_store *s = NULL;
	bpacct_engine_options o;
	bpacct_engine *e = NULL;
	char id[32], req[32], c;
	int64_t issued, received;
	int rc = bpacct_calendar_new(&cal, NULL);

	if (rc == BPACCT_OK)
		rc = bpacct_postgres_store_open(&s, conninfo, NULL);
	if (rc == BPACCT_OK)
		rc = bpacct_engine_options_init(&o,
						BPACCT_ENGINE_OPTIONS_VERSION);
	if (rc != BPACCT_OK)
		return 1;
	o.store = bpacct_postgres_store_ops();
	o.store_userdata = s;
	o.calendar = cal;
	if (bpacct_engine_new(&e, &o) != BPACCT_OK)
		return 1;
	at("2026-11-02T08:00:00+07:00", &issued);
	at("2026-11-03T09:00:00+07:00", &received);
	for (int i = 0; rc == BPACCT_OK && i < PER_PROCESS; i++) {
		bpacct_event ev;

		snprintf(id, sizeof id, "P%d-%05d", p, i);
		bpacct_event_init(&ev, BPACCT_EVENT_VERSION,
				  BPACCT_INPUT_ISSUE, issued);
		ev.procedure = BPACCT_PROCEDURE_BP;
		ev.owner = "0100109106";
		ev.holder_id_type = BPACCT_ID_CCCD;
		ev.holder_id_number = "001090012345";
		rc = submit(e, id, &ev);
	}
	if (read(go, &c, 1) != 1)
		rc = BPACCT_EUSER;
	for (int i = 0; rc == BPACCT_OK && i < PER_PROCESS; i++) {
		bpacct_event ev;

		snprintf(id, sizeof id, "P%d-%05d", p, i);
		snprintf(req, sizeof req, "Q%d-%05d", p, i);
		bpacct_event_init(&ev, BPACCT_EVENT_VERSION,
				  BPACCT_INPUT_REQUEST, received);
		ev.request = req;
		ev.requester = "0100109106";
		ev.channel = BPACCT_CHANNEL_IN_PERSON;
		ev.documents = BPACCT_DOC_APPLICATION |
			       BPACCT_DOC_ENTERPRISE_REGISTRATION |
			       BPACCT_DOC_IDENTITY;
		ev.enterprise_code = "0100109106";
		ev.id_type = BPACCT_ID_CCCD;
		ev.id_number = "001090012345";
		rc = submit(e, id, &ev);
	}
	bpacct_engine_free(e);
	bpacct_postgres_store_close(s);
	bpacct_calendar_free(cal);
	return rc == BPACCT_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *base = getenv("BPACCT_PG_CONNINFO");
	char schema[64], info[1024], sql[160];
	int json = 0, go[2], failed = 0;
	pid_t pids[PROCESSES];
	PGconn *admin;
	double t0, t1;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else
			base = argv[i];
	}
	if (!base || !*base) {
		fprintf(stderr, "bpacct-bench-postgres: give a conninfo or "
			"set BPACCT_PG_CONNINFO (scripts/pg-cluster start)\n");
		return 2;
	}
	admin = PQconnectdb(base);
	PQclear(PQexec(admin, "SET client_min_messages = warning"));
	if (PQstatus(admin) != CONNECTION_OK) {
		fprintf(stderr, "bpacct-bench-postgres: %s",
			PQerrorMessage(admin));
		return 1;
	}
	snprintf(schema, sizeof schema, "bpacct_bench_%ld", (long)getpid());
	snprintf(sql, sizeof sql, "CREATE SCHEMA %s", schema);
	PQclear(PQexec(admin, sql));
	snprintf(info, sizeof info, "%s options='-csearch_path=%s'", base,
		 schema);
	{ /* migrate once, before the workers race to */
		bpacct_postgres_store *s = NULL;
		bpacct_postgres_store_open(&s, info, NULL);
		bpacct_postgres_store_close(s);
	}
	if (pipe(go) != 0)
		return 1;
	for (int p = 0; p < PROCESSES; p++) {
		pids[p] = fork();
		if (pids[p] == 0) {
			close(go[1]);
			_exit(worker(info, p, go[0]));
		}
	}
	close(go[0]);
	/* the issues are done when every account row is there */
	while (1) {
		PGresult *r = PQexec(admin, "SELECT 1");
		long n;

		PQclear(r);
		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s.accounts",
			 schema);
		r = PQexec(admin, sql);
		n = PQresultStatus(r) == PGRES_TUPLES_OK
			    ? strtol(PQgetvalue(r, 0, 0), NULL, 10) : 0;
		PQclear(r);
		if (n >= (long)PROCESSES * PER_PROCESS)
			break;
		usleep(20000);
	}
	t0 = now_s();
	for (int p = 0; p < PROCESSES; p++)
		if (write(go[1], "g", 1) != 1)
			failed = 1;
	for (int p = 0; p < PROCESSES; p++) {
		int st = 0;
		waitpid(pids[p], &st, 0);
		failed |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
	}
	t1 = now_s();
	snprintf(sql, sizeof sql, "DROP SCHEMA %s CASCADE", schema);
	PQclear(PQexec(admin, sql));
	PQfinish(admin);
	{
		double n = (double)PROCESSES * PER_PROCESS, rate = n / (t1 - t0);

		if (json)
			printf("{\"name\":\"postgres_request\",\"processes\":%d,"
			       "\"requests\":%.0f,\"seconds\":%.3f,"
			       "\"ops_per_s\":%.0f,\"target_per_s\":%.0f}\n",
			       PROCESSES, n, t1 - t0, rate, TARGET);
		else
			printf("%-20s %d processes %8.0f requests/s (target "
			       ">= %.0f)\n", "postgres_request", PROCESSES,
			       rate, TARGET);
	}
	return failed;
}
