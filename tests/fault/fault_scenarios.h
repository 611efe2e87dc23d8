/*
 * The scenario corpus of suite `fault`, as data: the lifecycle scenarios
 * of both procedures (test_lifecycle_bp.c, test_lifecycle_xnc.c), each a
 * list of events with their instants and ids, and the outcome they must
 * end in whatever fails on the way: which accounts end in which state
 * (cancelled: with which case, as of which instant) and which notices
 * (account, kind, recipients, channel) are owed, each exactly once.
 */
#ifndef BPACCT_TEST_FAULT_SCENARIOS_H
#define BPACCT_TEST_FAULT_SCENARIOS_H

#include <stdint.h>

/* Operations beyond the #bpacct_input values submitted as events. */
#define FE_TICK 100    /* bpacct_engine_tick() */
#define FE_PREVIEW 101 /* bpacct_engine_preview(): state is the count */

/* Variations of a complete request (test_lifecycle_support.h). */
#define FE_MISSING 0x1u  /* BP: no identity paper; XNC: no NA20 reason */
#define FE_STRANGER 0x2u /* from an enterprise that is not the owner */

typedef struct fe_step {
	int32_t op;            /* a bpacct_input, FE_TICK or FE_PREVIEW */
	const char *at;        /* RFC 3339 */
	const char *account;
	int32_t procedure;     /* ISSUE, REQUEST, SUPPLEMENT: which papers */
	const char *request;
	int32_t channel;
	uint32_t flavor;       /* FE_* */
	const char *watch;     /* the account checked after; NULL: account */
	int32_t state;         /* its state then (0: unchecked); PREVIEW:
				* the accounts that would change */
} fe_step;

/* An account at the end. */
typedef struct fe_final {
	const char *account;
	int32_t state;
	int32_t case_;         /* the cancellation's case */
	const char *cancelled; /* the instant it was cancelled as of */
} fe_final;

/* A notice owed (and delivered) exactly once. */
typedef struct fe_owed {
	const char *account;
	int32_t kind;
	uint32_t recipients;
	int32_t channel;
} fe_owed;

typedef struct fe_scenario {
	const char *name;
	int32_t warning_days;  /* > 0: BP warns that many days ahead */
	uint32_t batch;        /* the engine's batch (0: its default) */
	const fe_step *steps;
	uint32_t nsteps;
	const fe_final *finals;
	uint32_t nfinals;
	const fe_owed *owed;
	uint32_t nowed;
} fe_scenario;

enum {
	FE_BP_A_SUPPLEMENT,
	FE_BP_A_PORTAL,
	FE_BP_B_LOCK,
	FE_BP_C_INACTIVITY,
	FE_BP_C_SWEEP,
	FE_BP_C_WARNING,
	FE_XNC_IN_PERSON,
	FE_XNC_POSTAL_SUPPLEMENT,
	FE_XNC_ONLINE_SUNDAY,
	FE_XNC_NOT_ELIGIBLE,
	FE_XNC_NO_ACCOUNT,
	FE_REPEATED_REQUEST_ID,
	FE_USE_OF_CANCELLED,
	FE_SCENARIOS
};

extern const fe_scenario fe_scenarios[FE_SCENARIOS];

#endif
