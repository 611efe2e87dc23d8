/*
 * bpacct-bench: the engine over the in-memory store (issue 4).  Unlike the
 * pure cases, each of these consumes its input (a request is decided once,
 * a due account is cancelled once), so every round gets fresh accounts,
 * loaded before the clock starts.
 *
 * - engine_memory_request: a complete BP application submitted through
 *   bpacct_engine_submit() on an issued account: read, validation,
 *   acceptance, the commit of records, notices and audit, the delivery of
 *   the notices to a no-op notifier, and the due query that follows every
 *   event.  The accounts are issued before timing; ns per request.
 * - sweep_1m: 1,000,000 accounts, 1 % of them due at the tick (10,000
 *   accepted BP-A applications whose 2-hour due has passed; the rest issued
 *   accounts whose inactivity due is months away); one bpacct_engine_tick()
 *   timed, in ns per STORED account.  Three groups of 10,000 are due 10
 *   minutes apart, so three ticks of the same store give three rounds.
 * - memory_per_account: bpacct_memory_store_stats() bytes / accounts after
 *   the sweep's store is loaded.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpacct/bpacct.h>
#include <bpacct/sys/notifier.h>

#include "bench_engine.h"

#define REQUESTS_PER_ROUND 100000u
#define SWEEP_ACCOUNTS 1000000u
#define SWEEP_DUE 10000u
#define SWEEP_GROUPS 3u

typedef struct engine_env {
	bpacct_memory_store *store;
	bpacct_engine *engine;
} engine_env;

static int deliver_nothing(const bpacct_entry *notice, void *userdata)
{
	(void)notice;
	(void)userdata;
	return 0;
}

static const bpacct_notifier_ops noop_notifier = { 1, deliver_nothing };

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

static void env_free(engine_env *e)
{
	bpacct_engine_free(e->engine);
	bpacct_memory_store_free(e->store);
	e->engine = NULL;
	e->store = NULL;
}

static int env_new(engine_env *e, const bpacct_calendar *cal)
{
	bpacct_engine_options o;
	int st;

	memset(e, 0, sizeof *e);
	st = bpacct_memory_store_new(&e->store, NULL);
	if (st == 0)
		st = bpacct_engine_options_init(&o,
						BPACCT_ENGINE_OPTIONS_VERSION);
	if (st != 0)
		return st;
	o.store = bpacct_memory_store_ops();
	o.store_userdata = e->store;
	o.notifier = &noop_notifier;
	o.calendar = cal;
	st = bpacct_engine_new(&e->engine, &o);
	if (st != 0)
		env_free(e);
	return st;
}

/* Issues BP account `id` on 2026-11-02 (owner 0100109106, CCCD holder). */
static int issue(engine_env *e, const char *id)
{
	bpacct_event ev;

	bpacct_event_init(&ev, BPACCT_EVENT_VERSION, BPACCT_INPUT_ISSUE,
			  instant("2026-11-02T08:00:00+07:00"));
	ev.procedure = BPACCT_PROCEDURE_BP;
	ev.owner = "0100109106";
	ev.holder_id_type = BPACCT_ID_CCCD;
	ev.holder_id_number = "001090012345";
	return bpacct_engine_submit(e->engine, id, &ev);
}

/* A complete BP-A application (BP-A1, BP-R2) by the owner on the portal. */
static bpacct_event application(int64_t at)
{
	bpacct_event ev;

	bpacct_event_init(&ev, BPACCT_EVENT_VERSION, BPACCT_INPUT_REQUEST, at);
	ev.requester = "0100109106";
	ev.channel = BPACCT_CHANNEL_ONLINE;
	ev.documents = BPACCT_DOC_APPLICATION |
		       BPACCT_DOC_ENTERPRISE_REGISTRATION | BPACCT_DOC_IDENTITY;
	ev.enterprise_code = "0100109106";
	ev.id_type = BPACCT_ID_CCCD;
	ev.id_number = "001090012345";
	return ev;
}

static int request(engine_env *e, const char *account, const char *req,
		   int64_t at)
{
	bpacct_event ev = application(at);

	ev.request = req;
	return bpacct_engine_submit(e->engine, account, &ev);
}

/* Whether field `field` of account `id` in the store is `want`. */
static int account_is(engine_env *e, const char *id, int32_t field,
		      int64_t want)
{
	bpacct_account *a = NULL;
	int64_t v = -1;
	int ok = bpacct_account_new(&a, id, NULL) == 0 &&
		 bpacct_engine_account(e->engine, id, a) == 0 &&
		 bpacct_account_get_int(a, field, &v) == 0;

	bpacct_account_free(a);
	return ok && v == want;
}

/* The ids of a round, formatted before the clock starts. */
typedef struct round_ids {
	char account[REQUESTS_PER_ROUND][12];
	char request[REQUESTS_PER_ROUND][12];
} round_ids;

/* One round of engine_memory_request: ns per request, or < 0. */
static double request_round(const bpacct_calendar *cal, round_ids *ids)
{
	engine_env e;
	int64_t at = instant("2026-11-16T09:00:00+07:00");
	double t0, ns = -1;
	uint64_t outbox = 1;

	if (env_new(&e, cal) != 0)
		return -1;
	for (uint32_t i = 0; i < REQUESTS_PER_ROUND; i++) {
		snprintf(ids->account[i], sizeof ids->account[i], "R%07u", i);
		snprintf(ids->request[i], sizeof ids->request[i], "Q%07u", i);
		if (issue(&e, ids->account[i]) != 0)
			goto out;
	}
	t0 = now_ns();
	for (uint32_t i = 0; i < REQUESTS_PER_ROUND; i++) {
		if (request(&e, ids->account[i], ids->request[i], at) != 0)
			goto out;
	}
	ns = (now_ns() - t0) / REQUESTS_PER_ROUND;
	/* Meaningless unless accepted and every notice delivered. */
	bpacct_memory_store_stats(e.store, NULL, NULL, &outbox, NULL);
	if (outbox != 0 ||
	    !account_is(&e, "R0000000", BPACCT_FIELD_PENDING_DUE,
			at + 7200))
		ns = -1;
out:
	env_free(&e);
	return ns;
}

/* Loads the sweep's store: SWEEP_ACCOUNTS issued accounts, and in group g
 * (< SWEEP_GROUPS) SWEEP_DUE of them with an application accepted at
 * 09:00 + 10 g minutes, hence due 2 hours later (BP-R3). */
static int sweep_load(engine_env *e, const bpacct_calendar *cal)
{
	int64_t first = instant("2026-11-16T09:00:00+07:00");
	char id[16], req[16];
	int st = env_new(e, cal);

	for (uint32_t i = 0; st == 0 && i < SWEEP_ACCOUNTS; i++) {
		snprintf(id, sizeof id, "S%07u", i);
		st = issue(e, id);
	}
	for (uint32_t g = 0; st == 0 && g < SWEEP_GROUPS; g++) {
		for (uint32_t k = 0; st == 0 && k < SWEEP_DUE; k++) {
			/* spread over the store, not its first slots */
			uint32_t i = (g * SWEEP_DUE + k) * 31u % SWEEP_ACCOUNTS;
			snprintf(id, sizeof id, "S%07u", i);
			snprintf(req, sizeof req, "Q%u-%u", g, k);
			st = request(e, id, req, first + (int64_t)g * 600);
		}
	}
	return st;
}

/* One figure, in bench.c's formats; `extra` adds JSON members. */
static void print_figure(int json, const char *name, double ns,
			 const char *what, const char *extra)
{
	if (json)
		printf("{\"name\":\"%s\",\"ns_per_op\":%.2f,"
		       "\"ops_per_s\":%.0f%s}\n", name, ns, 1e9 / ns, extra);
	else
		printf("%-20s %9.2f ns/op %14.0f ops/s  %s\n", name, ns,
		       1e9 / ns, what);
}

static int run_requests(const bpacct_calendar *cal, int json, int rounds)
{
	static round_ids ids;
	double best = 1e30;

	for (int r = 0; r < rounds; r++) {
		double ns = request_round(cal, &ids);
		if (ns < 0) {
			fprintf(stderr, "bpacct-bench: engine_memory_request: "
				"an issue or application failed\n");
			return 1;
		}
		if (ns < best)
			best = ns;
	}
	print_figure(json, "engine_memory_request", best,
		     "complete BP application through the engine, memory store",
		     ",\"per\":\"request\"");
	return 0;
}

static void print_memory(const engine_env *e, int json)
{
	uint64_t accounts = 0, bytes = 0;
	double per;

	bpacct_memory_store_stats(e->store, &accounts, &bytes, NULL, NULL);
	per = accounts ? (double)bytes / (double)accounts : 0;
	if (json)
		printf("{\"name\":\"memory_per_account\","
		       "\"bytes_per_account\":%.1f,\"accounts\":%llu}\n", per,
		       (unsigned long long)accounts);
	else
		printf("%-20s %9.1f bytes/account  (%llu accounts, stats)\n",
		       "memory_per_account", per,
		       (unsigned long long)accounts);
}

/* Ticks group g's due instant (1 minute after it) and checks that the
 * group, and only it, was cancelled. */
static double sweep_tick(engine_env *e, uint32_t g)
{
	int64_t at = instant("2026-11-16T11:01:00+07:00") + (int64_t)g * 600;
	char id[16];
	double t0 = now_ns(), ns;

	if (bpacct_engine_tick(e->engine, at) != 0)
		return -1;
	ns = (now_ns() - t0) / SWEEP_ACCOUNTS;
	snprintf(id, sizeof id, "S%07u", g * SWEEP_DUE * 31u % SWEEP_ACCOUNTS);
	if (!account_is(e, id, BPACCT_FIELD_STATE, BPACCT_STATE_CANCELLED))
		return -1;
	if (g + 1 < SWEEP_GROUPS) {
		snprintf(id, sizeof id, "S%07u",
			 (g + 1) * SWEEP_DUE * 31u % SWEEP_ACCOUNTS);
		if (account_is(e, id, BPACCT_FIELD_STATE,
			       BPACCT_STATE_CANCELLED))
			return -1;
	}
	return ns;
}

static int run_sweep(const bpacct_calendar *cal, int json, int sweep,
		     int memory)
{
	engine_env e;
	double best = 1e30;

	if (sweep_load(&e, cal) != 0) {
		fprintf(stderr, "bpacct-bench: sweep_1m: loading failed\n");
		env_free(&e);
		return 1;
	}
	if (memory)
		print_memory(&e, json);
	for (uint32_t g = 0; sweep && g < SWEEP_GROUPS; g++) {
		double ns = sweep_tick(&e, g);
		if (ns < 0) {
			fprintf(stderr, "bpacct-bench: sweep_1m: the tick did "
				"not cancel exactly the due group\n");
			env_free(&e);
			return 1;
		}
		if (ns < best)
			best = ns;
	}
	if (sweep)
		print_figure(json, "sweep_1m", best,
			     "tick, 1M accounts, 1% due (ns per stored account)",
			     ",\"per\":\"stored account\",\"accounts\":1000000,"
			     "\"due\":10000");
	env_free(&e);
	return 0;
}

int bench_engine(const bpacct_calendar *cal, int json, int rounds, int argc,
		 char **argv)
{
	int rc = 0;
	int sweep = bench_wanted("sweep_1m", argc, argv);
	int memory = bench_wanted("memory_per_account", argc, argv);

	if (bench_wanted("engine_memory_request", argc, argv))
		rc |= run_requests(cal, json, rounds);
	if (sweep || memory)
		rc |= run_sweep(cal, json, sweep, memory);
	return rc;
}
