/*
 * bpacct-bench: sqlite_request (issue 5), committed BP requests per second
 * through the engine over the SQLite store on one process: a database in
 * a new temporary file (WAL, synchronous=NORMAL: the store's defaults),
 * REQUESTS accounts issued before the clock starts, then one complete
 * BP application each through bpacct_engine_submit(): read account and
 * request, validation, acceptance, one transaction with the records, the
 * notice and the audit, the delivery to a no-op notifier with its mark,
 * and the due query that follows every event.  Best of the rounds, each
 * on a fresh file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpacct/bpacct.h>
#include <bpacct/sqlite.h>
#include <bpacct/sys/notifier.h>

#include "bench_engine.h"
#include "bench_sqlite.h"

#define REQUESTS 20000u

static int deliver_nothing(const bpacct_entry *notice, void *userdata)
{
	(void)notice;
	(void)userdata;
	return 0;
}

static const bpacct_notifier_ops noop = { BPACCT_NOTIFIER_OPS_VERSION,
					  deliver_nothing };

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int64_t instant(const char *text)
{
	int64_t t = 0;

	if (bpacct_instant_parse(&t, text, strlen(text)) != BPACCT_OK)
		abort();
	return t;
}

static int submit_all(bpacct_engine *e, int requests)
{
	int64_t issued = instant("2026-11-02T08:00:00+07:00");
	int64_t at = instant("2026-11-16T09:00:00+07:00");
	char id[16], req[16];
	bpacct_event ev;
	int st = BPACCT_OK;

	for (uint32_t i = 0; st == BPACCT_OK && i < REQUESTS; i++) {
		snprintf(id, sizeof id, "R%07u", i);
		snprintf(req, sizeof req, "Q%07u", i);
		bpacct_event_init(&ev, BPACCT_EVENT_VERSION,
				  requests ? BPACCT_INPUT_REQUEST
					   : BPACCT_INPUT_ISSUE,
				  requests ? at : issued);
		if (!requests) {
			ev.procedure = BPACCT_PROCEDURE_BP;
			ev.owner = "0100109106";
			ev.holder_id_type = BPACCT_ID_CCCD;
			ev.holder_id_number = "001090012345";
		} else {
			ev.request = req;
			ev.requester = "0100109106";
			ev.channel = BPACCT_CHANNEL_ONLINE;
			ev.documents = BPACCT_DOC_APPLICATION |
				       BPACCT_DOC_ENTERPRISE_REGISTRATION |
				       BPACCT_DOC_IDENTITY;
			ev.enterprise_code = "0100109106";
			ev.id_type = BPACCT_ID_CCCD;
			ev.id_number = "001090012345";
		}
		st = bpacct_engine_submit(e, id, &ev);
	}
	return st;
}

/* One round: ns per request, or < 0. */
static double round_ns(const bpacct_calendar *cal)
{
	char dir[] = "/tmp/bpacct-bench-XXXXXX", path[64], side[72];
	bpacct_sqlite_store *s = NULL;
	bpacct_engine *e = NULL;
	bpacct_engine_options o;
	uint64_t outbox = 1;
	double t0, ns = -1;

	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/bench.db", dir);
	bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);
	if (bpacct_sqlite_store_open(&s, path, NULL) != BPACCT_OK)
		goto out;
	o.store = bpacct_sqlite_store_ops();
	o.store_userdata = s;
	o.notifier = &noop;
	o.calendar = cal;
	if (bpacct_engine_new(&e, &o) != BPACCT_OK ||
	    submit_all(e, 0) != BPACCT_OK)
		goto out;
	t0 = now_ns();
	if (submit_all(e, 1) != BPACCT_OK)
		goto out;
	ns = (now_ns() - t0) / REQUESTS;
	/* Meaningless unless every notice went out (acceptance notices). */
	if (bpacct_sqlite_store_stats(s, NULL, &outbox, NULL, NULL) !=
		    BPACCT_OK || outbox != 0)
		ns = -1;
out:
	bpacct_engine_free(e);
	bpacct_sqlite_store_close(s);
	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
	return ns;
}

int bench_sqlite(const bpacct_calendar *cal, int json, int rounds, int argc,
		 char **argv)
{
	double best = 1e30;

	if (!bench_wanted("sqlite_request", argc, argv))
		return 0;
	for (int r = 0; r < rounds && r < 3; r++) {
		double ns = round_ns(cal);

		if (ns < 0) {
			fprintf(stderr, "bpacct-bench: sqlite_request: an issue "
				"or application failed\n");
			return 1;
		}
		if (ns < best)
			best = ns;
	}
	if (json)
		printf("{\"name\":\"sqlite_request\",\"ns_per_op\":%.2f,"
		       "\"ops_per_s\":%.0f,\"per\":\"request\"}\n", best,
		       1e9 / best);
	else
		printf("%-20s %9.2f ns/op %14.0f ops/s  %s\n",
		       "sqlite_request", best, 1e9 / best,
		       "complete BP application through the engine, SQLite "
		       "store (WAL, synchronous=NORMAL, temp file)");
	return 0;
}
