/*
 * bpacct-bench: speed figures for the pure core and, in bench_engine.c,
 * the engine over the in-memory store; printed, never asserted (targets
 * live in docs/performance.md).  Inputs are drawn before timing
 * from a fixed-seed generator, so runs are repeatable; each figure is the
 * best of several rounds, which filters out scheduler noise on a shared
 * machine.
 *
 *   bpacct-bench [--json] [--rounds N] [NAME...]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpacct/bpacct.h>

#include "bench_engine.h"
#ifdef BPACCT_BENCH_SQLITE
#include "bench_sqlite.h"
#endif

#define N_INPUTS 4096
#define OPS_PER_ROUND 4000000

/* The records of the lifecycle cases (issue 3). */
typedef struct life_ctx {
	const bpacct_profile *bp;
	bpacct_account *active;            /* an issued BP account, in use */
	bpacct_account *account, *pristine_account;
	bpacct_request *request, *pristine_request;
	bpacct_effects *fx;
	bpacct_event use, apply;
} life_ctx;

typedef struct bench_ctx {
	bpacct_calendar *cal;
	life_ctx life;
	int32_t days[N_INPUTS];
	int32_t counts[N_INPUTS];
	int64_t instants[N_INPUTS];
} bench_ctx;

typedef uint64_t (*bench_fn)(const bench_ctx *ctx, uint32_t ops);

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rng(void)
{
	/* xorshift64*: small, deterministic, good enough to spread dates. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Du) >> 32);
}

static int32_t day_of(int32_t y, int32_t m, int32_t d)
{
	int32_t out = 0;
	if (bpacct_day_from_date(&out, y, m, d) != BPACCT_OK)
		abort();
	return out;
}

static void fill_days(bench_ctx *c, int32_t first, int32_t last)
{
	uint32_t span = (uint32_t)(last - first + 1);
	for (int i = 0; i < N_INPUTS; i++)
		c->days[i] = first + (int32_t)(rng() % span);
}

static uint64_t run_lunar(const bench_ctx *c, uint32_t ops)
{
	uint64_t sink = 0;
	bpacct_lunar_date ld;
	for (uint32_t i = 0; i < ops; i++) {
		if (bpacct_lunar_from_solar(&ld, c->days[i % N_INPUTS]) == 0)
			sink += (uint64_t)ld.day;
	}
	return sink;
}

static uint64_t run_is_working(const bench_ctx *c, uint32_t ops)
{
	uint64_t sink = 0;
	int32_t w;
	for (uint32_t i = 0; i < ops; i++) {
		if (bpacct_calendar_is_working_day(c->cal, c->days[i % N_INPUTS],
						   &w) == 0)
			sink += (uint64_t)w;
	}
	return sink;
}

static uint64_t run_offset(const bench_ctx *c, uint32_t ops)
{
	uint64_t sink = 0;
	int32_t out;
	for (uint32_t i = 0; i < ops; i++) {
		uint32_t k = i % N_INPUTS;
		if (bpacct_calendar_offset_working_days(c->cal, c->days[k],
							c->counts[k], &out) == 0)
			sink += (uint64_t)out;
	}
	return sink;
}

static uint64_t run_period(const bench_ctx *c, uint32_t ops)
{
	uint64_t sink = 0;
	int64_t due;
	for (uint32_t i = 0; i < ops; i++) {
		if (bpacct_period_end(c->cal, NULL, c->instants[i % N_INPUTS],
				      BPACCT_UNIT_MONTH, 6, &due, NULL,
				      NULL) == 0)
			sink += (uint64_t)due;
	}
	return sink;
}

/* One BPACCT_INPUT_USE on an active BP account: the state stays active,
 * last_used moves; the account is never reset because a use leaves it in
 * the same state (the event's instant is the same every time, which is not
 * "before the last change"). */
static uint64_t run_transition(const bench_ctx *c, uint32_t ops)
{
	const life_ctx *l = &c->life;
	uint64_t sink = 0;
	uint32_t n = 0;

	for (uint32_t i = 0; i < ops; i++) {
		if (bpacct_apply(l->bp, c->cal, l->active, NULL, &l->use,
				 l->fx) == 0 &&
		    bpacct_effects_count(l->fx, &n) == 0)
			sink += n;
	}
	return sink;
}

/* A complete BP application (BP-A1, BP-R2) judged on a fresh request: the
 * account and the request are reset from pristine copies INSIDE the timed
 * loop (bpacct_account_copy + bpacct_request_copy, two fixed-size record
 * copies), so the figure includes them and is an upper bound for the
 * validation and the acceptance (outcome, deadline, audit effects). */
static uint64_t run_validate_request(const bench_ctx *c, uint32_t ops)
{
	const life_ctx *l = &c->life;
	uint64_t sink = 0;
	uint32_t n = 0;

	for (uint32_t i = 0; i < ops; i++) {
		bpacct_account_copy(l->account, l->pristine_account);
		bpacct_request_copy(l->request, l->pristine_request);
		if (bpacct_apply(l->bp, c->cal, l->account, l->request,
				 &l->apply, l->fx) == 0 &&
		    bpacct_effects_count(l->fx, &n) == 0)
			sink += n;
	}
	return sink;
}

typedef struct bench_case {
	const char *name;
	const char *what;
	bench_fn fn;
	uint32_t ops;
	int32_t first_year, last_year;
} bench_case;

static const bench_case cases[] = {
	{ "lunar_from_solar", "solar -> lunar, random days 1900-2199",
	  run_lunar, OPS_PER_ROUND, 1900, 2199 },
	{ "is_working_day", "working-day test, random days 2020-2035",
	  run_is_working, OPS_PER_ROUND * 4, 2020, 2035 },
	{ "working_day_offset", "offset by 0-29 working days, start 2020-2033",
	  run_offset, OPS_PER_ROUND, 2020, 2033 },
	{ "period_6mo", "6-month period end (T3, Art. 148(5)), 2020-2035",
	  run_period, OPS_PER_ROUND / 4, 2020, 2035 },
	{ "transition", "one use event through bpacct_apply, active BP account",
	  run_transition, OPS_PER_ROUND, 2026, 2026 },
	{ "validate_request", "complete BP application on a fresh request",
	  run_validate_request, OPS_PER_ROUND / 4, 2026, 2026 },
};

static int64_t instant(const char *text)
{
	int64_t t = 0;
	if (bpacct_instant_parse(&t, text, strlen(text)) != BPACCT_OK)
		abort();
	return t;
}

/* Whether the last step produced an effect of this type (and, for an
 * outcome, this outcome). */
static int has_effect(const bpacct_effects *fx, int32_t type, int32_t outcome)
{
	uint32_t n = 0;
	int64_t v = 0;

	bpacct_effects_count(fx, &n);
	for (uint32_t i = 0; i < n; i++) {
		if (bpacct_effect_get_int(fx, i, BPACCT_FIELD_TYPE, &v) != 0 ||
		    v != type)
			continue;
		if (type != BPACCT_EFFECT_OUTCOME)
			return 1;
		if (bpacct_effect_get_int(fx, i, BPACCT_FIELD_OUTCOME, &v) == 0 &&
		    v == outcome)
			return 1;
	}
	return 0;
}

/* A BP account issued to enterprise 0100109106 for a performer with CCCD
 * 001090012345, used once, and a complete application from its owner with
 * the three papers (BP-A1). The figures are meaningless unless the use is
 * allowed and the application accepted, so both are checked first. */
static int setup_life(bench_ctx *c)
{
	life_ctx *l = &c->life;
	bpacct_event issue;
	int st;

	st = bpacct_profile_get(BPACCT_PROCEDURE_BP, &l->bp);
	if (st == 0)
		st = bpacct_account_new(&l->active, "A1", NULL);
	if (st == 0)
		st = bpacct_account_new(&l->account, "A1", NULL);
	if (st == 0)
		st = bpacct_request_new(&l->request, "Q1", NULL);
	if (st == 0)
		st = bpacct_request_new(&l->pristine_request, "Q1", NULL);
	if (st == 0)
		st = bpacct_effects_new(&l->fx, NULL);
	if (st != 0)
		return st;
	bpacct_event_init(&issue, BPACCT_EVENT_VERSION, BPACCT_INPUT_ISSUE,
			  instant("2026-11-02T08:00:00+07:00"));
	issue.procedure = BPACCT_PROCEDURE_BP;
	issue.owner = "0100109106";
	issue.holder_id_type = BPACCT_ID_CCCD;
	issue.holder_id_number = "001090012345";
	st = bpacct_apply(l->bp, c->cal, l->active, NULL, &issue, l->fx);
	if (st != 0 || has_effect(l->fx, BPACCT_EFFECT_REFUSED, 0))
		return st ? st : -1;
	/* The application's account is the issued one, before any use. */
	st = bpacct_account_new(&l->pristine_account, "A1", NULL);
	if (st == 0)
		st = bpacct_account_copy(l->pristine_account, l->active);
	if (st != 0)
		return st;

	bpacct_event_init(&l->use, BPACCT_EVENT_VERSION, BPACCT_INPUT_USE,
			  instant("2026-11-10T10:00:00+07:00"));
	st = bpacct_apply(l->bp, c->cal, l->active, NULL, &l->use, l->fx);
	if (st != 0 || has_effect(l->fx, BPACCT_EFFECT_REFUSED, 0))
		return st ? st : -1;

	bpacct_event_init(&l->apply, BPACCT_EVENT_VERSION,
			  BPACCT_INPUT_REQUEST,
			  instant("2026-11-16T09:00:00+07:00"));
	l->apply.request = "Q1";
	l->apply.requester = "0100109106";
	l->apply.channel = BPACCT_CHANNEL_ONLINE;
	l->apply.documents = BPACCT_DOC_APPLICATION |
			     BPACCT_DOC_ENTERPRISE_REGISTRATION |
			     BPACCT_DOC_IDENTITY;
	l->apply.enterprise_code = "0100109106";
	l->apply.id_type = BPACCT_ID_CCCD;
	l->apply.id_number = "001090012345";
	bpacct_account_copy(l->account, l->pristine_account);
	st = bpacct_apply(l->bp, c->cal, l->account, l->request, &l->apply,
			  l->fx);
	if (st != 0 || !has_effect(l->fx, BPACCT_EFFECT_OUTCOME,
				   BPACCT_OUTCOME_ACCEPTED))
		return st ? st : -1;
	return 0;
}

static void free_life(life_ctx *l)
{
	bpacct_account_free(l->active);
	bpacct_account_free(l->account);
	bpacct_account_free(l->pristine_account);
	bpacct_request_free(l->request);
	bpacct_request_free(l->pristine_request);
	bpacct_effects_free(l->fx);
}

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void prepare(bench_ctx *c, const bench_case *bc)
{
	int32_t first = day_of(bc->first_year, 1, 1);
	int32_t last = day_of(bc->last_year, 12, 31);
	if (bc->first_year == 1900)
		first = day_of(1900, 1, 31);
	fill_days(c, first, last);
	for (int i = 0; i < N_INPUTS; i++) {
		c->counts[i] = (int32_t)(rng() % 30);
		c->instants[i] = (int64_t)c->days[i] * 86400 +
				 (int64_t)(rng() % 86400) - 25200;
	}
}

static volatile uint64_t global_sink;

static double measure(bench_ctx *c, const bench_case *bc, int rounds)
{
	double best = 1e30;
	prepare(c, bc);
	global_sink += bc->fn(c, bc->ops / 16); /* warm caches */
	for (int r = 0; r < rounds; r++) {
		double t0 = now_ns();
		global_sink += bc->fn(c, bc->ops);
		double ns = (now_ns() - t0) / (double)bc->ops;
		if (ns < best)
			best = ns;
	}
	return best;
}

int bench_wanted(const char *name, int argc, char **argv)
{
	int any = 0;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		if (strcmp(argv[i - 1], "--rounds") == 0)
			continue;
		any = 1;
		if (strcmp(argv[i], name) == 0)
			return 1;
	}
	return !any;
}

int main(int argc, char **argv)
{
	int json = 0, rounds = 5;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = (int)strtol(argv[++i], NULL, 10);
	}
	if (rounds < 1)
		rounds = 1;
	static bench_ctx ctx;
	if (bpacct_calendar_new(&ctx.cal, NULL) != BPACCT_OK) {
		fprintf(stderr, "bpacct-bench: cannot build the calendar\n");
		return 1;
	}
	if (setup_life(&ctx) != 0) {
		fprintf(stderr, "bpacct-bench: the lifecycle records cannot be "
			"set up (issue, use, or a complete application refused)\n");
		free_life(&ctx.life);
		bpacct_calendar_free(ctx.cal);
		return 1;
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const bench_case *bc = &cases[i];
		if (!bench_wanted(bc->name, argc, argv))
			continue;
		double ns = measure(&ctx, bc, rounds);
		if (json)
			printf("{\"name\":\"%s\",\"ns_per_op\":%.2f,"
			       "\"ops_per_s\":%.0f}\n",
			       bc->name, ns, 1e9 / ns);
		else
			printf("%-20s %9.2f ns/op %14.0f ops/s  %s\n", bc->name,
			       ns, 1e9 / ns, bc->what);
	}
	int rc = bench_engine(ctx.cal, json, rounds, argc, argv);
#ifdef BPACCT_BENCH_SQLITE
	if (rc == 0)
		rc = bench_sqlite(ctx.cal, json, rounds, argc, argv);
#endif
	free_life(&ctx.life);
	bpacct_calendar_free(ctx.cal);
	return rc;
}
