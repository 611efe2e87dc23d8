/*
 * The fault harness of suite `fault`: an engine over the REAL in-memory
 * store, seen through a store that fails its Nth call, a notifier that
 * records what it delivers and fails its Nth call, and two counting
 * allocators (the engine's and the store's) that fail their Nth
 * allocation.  Exactly one fault is armed per run, and it fires once (a
 * transient fault, as SQLite's FAULTSIM and curl's torture tests do).
 *
 * The wrapping store also keeps a log of every change the memory store
 * accepted, decoded: that log is the reference the store is compared
 * with after a failure ("the whole change or none of it"), and the
 * counter of cancellations and owed notices ("exactly once").
 */
#ifndef BPACCT_TEST_FAULT_HARNESS_H
#define BPACCT_TEST_FAULT_HARNESS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <bpacct/bpacct.h>
#include <bpacct/sys/notifier.h>
#include <bpacct/sys/store.h>

/* What fails (fx_modes[] describes each). */
typedef enum fx_mode {
	FX_NONE = 0,         /* nothing: the baseline */
	FX_STORE,            /* the Nth store call fails, nothing done */
	FX_STORE_LOST,       /* the Nth store call is done, then reports a
			      * failure (a lost acknowledgement), and the
			      * engine crashes: a new one retries */
	FX_STORE_DOWN,       /* every store call from the Nth fails until
			      * the failing engine call returned */
	FX_NOTIFIER,         /* the Nth delivery fails (retry later) */
	FX_NOTIFIER_DOWN,    /* every delivery from the Nth fails until the
			      * scenario's end, when the channel is back */
	FX_ALLOC_ENGINE,     /* the engine's Nth allocation fails */
	FX_ALLOC_STORE,      /* the memory store's Nth allocation fails */
	FX_ALLOC_STORE_DOWN, /* and every one after it, until the error */
	FX_MODES
} fx_mode;

/* Where calls are counted. */
enum { FX_K_STORE, FX_K_NOTIFIER, FX_K_ALLOC_ENGINE, FX_K_ALLOC_STORE,
       FX_KINDS };

typedef struct fx_mode_def {
	const char *name;
	int kind;          /* FX_K_*, -1 for none */
	int lost;          /* the store call is done before it fails */
	int persistent;    /* the calls after the Nth fail too */
	int status;        /* what the failing engine call returns */
	int restart;       /* the retry is by a new engine (a crash) */
	int effects_exact; /* on_effects hears every cancellation */
} fx_mode_def;

extern const fx_mode_def fx_modes[FX_MODES];

#define FX_KEY_MAX 128
#define FX_NOTICES_MAX 48
#define FX_DELIVERIES_MAX 96
#define FX_ACCOUNTS_MAX 8
#define FX_REQUESTS_MAX 8

/* A notice the memory store accepted in a change. */
typedef struct fx_notice {
	char key[FX_KEY_MAX];
	char account[BPACCT_ID_MAX];
	int64_t kind, recipients, channel;
	int marked;      /* mark_delivered() reached the store */
	int mark_failed; /* a mark_delivered() reported a failure */
	int redeliver_ok; /* a fault fired while it was delivered but not
			   * yet marked: a second delivery is expected */
} fx_notice;

/* An account as the accepted changes left it. */
typedef struct fx_account {
	char id[BPACCT_ID_MAX];
	int64_t revision, state;
	int cancellations;  /* accepted changes that cancelled it */
	int64_t cancel_case; /* the case of its cancelling audit entry */
	int effects_cancellations; /* TRANSITION to cancelled seen by
				    * on_effects */
} fx_account;

typedef struct fx_request {
	char id[BPACCT_ID_MAX];
	int64_t state;
} fx_request;

/* One successful delivery. */
typedef struct fx_delivery {
	char key[FX_KEY_MAX];
} fx_delivery;

/* A counting allocator: opaque points back at it. */
typedef struct fx_alloc {
	bpacct_allocator ops;
	struct fx_harness *h;
	int kind;             /* FX_K_ALLOC_* */
	int64_t outstanding;  /* allocations not yet freed */
} fx_alloc;

typedef struct fx_harness {
	int mode;
	uint64_t fail_at;    /* the call that fails (1-based) */
	uint64_t calls[FX_KINDS];
	int fired;           /* the fault was injected */
	int handled;         /* and the error it caused was checked */
	int repaired;        /* a persistent fault is over */
	uint32_t batch;      /* the engine's batch option */
	int paused;          /* inspecting: count nothing */
	int in_preview;      /* effects are not committed */
	fx_alloc engine_alloc, store_alloc;
	bpacct_memory_store *mem;
	bpacct_engine *engine;
	bpacct_engine *inspector; /* over the memory store, unwrapped */
	const bpacct_calendar *cal;
	const bpacct_profile *profiles[2];
	bpacct_profile custom; /* BP with a warning, when asked */
	uint32_t profile_count;
	bpacct_account *scratch; /* decodes accepted account records */
	bpacct_request *scratch_req;
	uint64_t commits;    /* changes the memory store accepted */
	uint64_t naudit;     /* audit entries in them */
	fx_notice notices[FX_NOTICES_MAX];
	uint32_t nnotices;
	fx_account accounts[FX_ACCOUNTS_MAX];
	uint32_t naccounts;
	fx_request requests[FX_REQUESTS_MAX];
	uint32_t nrequests;
	fx_delivery deliveries[FX_DELIVERIES_MAX];
	uint32_t ndeliveries;
} fx_harness;

/* Arms a harness (mode, the failing call) over the calendar; warning_days
 * > 0 replaces the BP profile by one that warns that many days ahead;
 * batch is the engine's option (0: its default).  Creates the memory
 * store and the engines; a fault that fires there is checked (ENOMEM, no
 * leak) and the creation retried. */
void fx_open(fx_harness *h, int mode, uint64_t fail_at,
	     const bpacct_calendar *cal, int32_t warning_days,
	     uint32_t batch);
/* A persistent fault is over (the host repaired its store, the channel
 * is back). */
void fx_repair(fx_harness *h);
/* Frees everything and asserts that no allocation is left. */
void fx_close(fx_harness *h);

/* After an engine call returned rc: a fault that fired and is not yet
 * handled must have caused rc (store: the injected status unchanged;
 * allocation: ENOMEM; notifier: no error at all), with the store holding
 * whole changes only.  Returns 1 when the call failed by the fault and
 * is to be retried: the fault is then over, and after a crash
 * (FX_STORE_LOST) h->engine is a new engine. */
int fx_after_call(fx_harness *h, int rc);

/* The store equals the accepted changes: accounts (state, revision),
 * requests, audit count, outbox = notices − marked. */
void fx_check_consistent(fx_harness *h);

/* Copies a string that must fit (asserted). */
void fx_copy(char *dst, size_t size, const char *src);

/* The log (fault_log.c). */
fx_notice *fx_notice_of(fx_harness *h, const char *key);
int64_t fx_entry_int(const bpacct_entry *e, int32_t field);
const char *fx_entry_text(const bpacct_entry *e, int32_t field);
/* A change, before the store sees it: one that cancels carries its
 * cancellation notice and audit; a cancelled account is never written
 * again; notice keys are new. */
void fx_check_change(fx_harness *h, const bpacct_change *c);
/* The memory store accepted the change: it is now the reference. */
void fx_log_change(fx_harness *h, const bpacct_change *c);

/* The accepted-change view of an account, or NULL. */
fx_account *fx_account_of(fx_harness *h, const char *id);
/* The state of an account read by the inspector (0 when not found). */
int64_t fx_state(fx_harness *h, const char *id);
/* An integer field of an account read by the inspector. */
int64_t fx_field(fx_harness *h, const char *id, int32_t field);
/* How many times a key was delivered. */
uint32_t fx_delivered(const fx_harness *h, const char *key);
/* The memory store's undelivered notices. */
uint64_t fx_outbox(fx_harness *h);

#endif
