/*
 * Shared declarations of `bpacct simulate` (cmd_simulate.c): a seeded
 * population driven through the library's engine over the in-memory
 * store (sim_model.c), and what the rules did, counted from the engine's
 * effects and printed as text or one JSON object (sim_report.c).
 *
 * Everything random comes from splitmix64 streams, one per account, and
 * every draw is integer arithmetic (shares are parts per million), so the
 * same seed gives the same bytes on every machine.  An account's draws
 * depend only on its own history, so two runs of one seed under two
 * policies see the same events until a policy makes them differ.
 */
#ifndef BPACCT_TOOL_SIM_H
#define BPACCT_TOOL_SIM_H

#include "tool.h"

/* Seconds between two ticks of the simulated host (hourly). */
#define SIM_HOUR ((int64_t)3600)
#define SIM_TICK SIM_HOUR
#define SIM_DAY ((int64_t)86400)
/* Bounds of the command line. */
#define SIM_ACCOUNTS_MAX 1000000u
#define SIM_YEARS_MAX 50
#define SIM_PPM 1000000u
/* 2^53 − 1: a seed every JSON reader reads back exactly. */
#define SIM_SEED_MAX 9007199254740991u

/* Usage patterns (--mix). */
enum { SIM_DAILY, SIM_OCCASIONAL, SIM_ONCE, SIM_NEVER, SIM_PATTERNS };
/* Shares of --mix after the patterns. */
enum { SIM_MIX_REQUESTS = SIM_PATTERNS, SIM_MIX_RISKS, SIM_MIX_COUNT };

/* The cases of a cancellation, in report order (bpacct_case − 1). */
enum { SIM_CASES = 4 };

/* What kind of request an account's owner files. */
enum {
	SIM_REQ_NONE,
	SIM_REQ_COMPLETE,   /* accepted at once */
	SIM_REQ_SUPPLEMENT, /* a paper missing, supplied later */
	SIM_REQ_ABANDONED,  /* a paper missing, never supplied */
	SIM_REQ_STRANGER    /* filed by an enterprise that is not the owner */
};

/* Pending actions of an account (one heap entry each at most). */
enum { SIM_K_ISSUE, SIM_K_USE, SIM_K_REQUEST, SIM_K_RISK, SIM_K_CANCEL,
       SIM_KINDS };

typedef struct sim_config {
	uint32_t accounts;
	int32_t years;
	uint64_t seed;
	int procedures;           /* bit 1: BP, bit 2: XNC */
	int32_t start_day;        /* day number of --start */
	int32_t issue_months;     /* accounts are issued over this many */
	int rolling, lock_notice, json;
	int32_t warning_days;
	uint32_t mix[SIM_MIX_COUNT]; /* ppm */
} sim_config;

/* One simulated account (88 bytes), beside its store record. */
typedef struct sim_acct {
	uint64_t rng;
	int64_t t[SIM_KINDS];  /* when each pending action is, or NONE */
	int64_t issued, last_used;
	int64_t trig_request;  /* receipt of the accepted request */
	int64_t trig_lock;     /* the lock */
	uint8_t procedure, pattern, request, channel;
	uint8_t step;          /* requests filed (ids R<n>-<step>) */
	uint8_t cancelled, locked, supplement_due;
} sim_acct;

/* A heap entry: account idx has action kind at t (stale when the
 * account's t[kind] says otherwise). */
typedef struct sim_ev {
	int64_t t;
	uint32_t idx;
	uint32_t kind;
} sim_ev;

/* Delays from trigger to cancellation, per case. */
typedef struct sim_delay {
	uint64_t count, late, early;
	int64_t min, max, total, max_lag, total_lag;
} sim_delay;

typedef struct sim_stats {
	uint64_t issued[3];       /* by procedure (1 BP, 2 XNC) */
	uint64_t events[SIM_KINDS + 2]; /* by kind, + supplements, ticks */
	uint64_t cancel[SIM_CASES];
	uint64_t by_actor[5];     /* bpacct_actor */
	uint32_t months;
	uint64_t (*monthly)[SIM_CASES];
	uint64_t notices[9];      /* bpacct_notice_kind 1..8 */
	uint64_t outcomes[5];     /* bpacct_outcome 1..4 */
	uint64_t refused[1024];   /* inputs refused, by reason code; 0: other */
	uint64_t outcome_reasons[1024]; /* reasons of the outcomes */
	sim_delay delay[SIM_CASES];
	uint64_t final[3][4];     /* procedure × bpacct_state */
	uint64_t delivered;
	uint64_t audit, pending;
} sim_stats;

typedef struct sim {
	sim_config cfg;
	const tool_args *args;
	bpacct_calendar *cal;
	bpacct_memory_store *store;
	bpacct_engine *engine;
	bpacct_account *scratch;
	bpacct_profile bp;                /* the built-in BP with --policy */
	const bpacct_profile *profiles[2];
	bpacct_sessions reception;        /* XNC-R1, for visits in person */
	int64_t start, end, issue_end;
	int32_t end_day;                  /* the day after the period */
	int64_t clock;                    /* instant of the current call */
	sim_acct *acc;
	sim_ev *heap;
	size_t nheap, cap;
	char owners[16][BPACCT_CODE_MAX]; /* valid enterprise codes */
	int oom;                          /* the heap could not grow */
	uint32_t current;                 /* account of the call, or ~0 */
	int32_t current_input;            /* its bpacct_input */
	int current_refused;              /* its input was refused */
	int current_outcome;              /* the outcome of its request */
	sim_stats st;
} sim;

/* sim_model.c */
uint64_t sim_next(uint64_t *state);
uint64_t sim_below(uint64_t *state, uint64_t n);
int sim_chance(uint64_t *state, uint32_t ppm);
int sim_setup(sim *s);
int sim_run(sim *s);
void sim_free(sim *s);
void sim_push(sim *s, uint32_t idx, uint32_t kind, int64_t t);
void sim_officer(sim *s, uint32_t idx, int64_t trigger);

/* sim_report.c */
void sim_on_effects(const char *account, const bpacct_effects *effects,
		    void *userdata);
int sim_month_of(const sim *s, int64_t t);
void sim_print_text(const sim *s, FILE *f);
void sim_print_json(const sim *s, FILE *f);
const char *sim_ppm_text(char buf[16], uint32_t ppm);

#endif /* BPACCT_TOOL_SIM_H */
