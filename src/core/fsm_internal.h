/*
 * The two state machines as data (conventions D.23): the account table
 * (state × input → guarded rows) and the request table (request state ×
 * input × outcome).  src/core/fsm.c holds both tables, the step
 * (src/core/lifecycle.c) only reads them, and the DOT text is drawn from
 * them (src/core/fsm_dot.c).
 */
#ifndef BPACCT_CORE_FSM_INTERNAL_H
#define BPACCT_CORE_FSM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Account states and inputs, as table dimensions. */
#define BPACCT__STATES 4
#define BPACCT__INPUTS 9
/* Most rows one (state, input) pair has. */
#define BPACCT__ROWS_MAX 3

/*
 * Guards: what a row needs besides its state and input.  The rows of one
 * pair are tried in order; the first whose guard holds decides, and the
 * last row of every pair has BPACCT__G_ALWAYS, so every pair is decided.
 */
typedef enum bpacct__guard {
	BPACCT__G_ALWAYS = 0,
	BPACCT__G_LOCK_RULE = 1,     /* the profile has a security lock */
	BPACCT__G_UNLOCK = 2,        /* policy BPACCT_POLICY_UNLOCK */
	BPACCT__G_INACTIVITY = 3,    /* the profile has an inactivity rule */
	BPACCT__G_CANCELLABLE = 4,   /* a cancellation is pending, or the
				      * inactivity one is due, at the instant */
	BPACCT__G_CANCEL_DUE = 5,    /* a cancellation is due at the instant */
	BPACCT__G_WARNING_DUE = 6,   /* the inactivity warning is due */
	BPACCT__G_NOT_OFFICER = 7,   /* the actor is not an officer (E5) */
	BPACCT__GUARDS = 8
} bpacct__guard;

/* What the step does on an accepted row. */
typedef enum bpacct__action {
	BPACCT__A_NONE = 0,       /* nothing to do (a tick with nothing due) */
	BPACCT__A_ISSUE = 1,      /* record procedure, owner, holder, issue */
	BPACCT__A_USE = 2,        /* record the last use (BP-R5) */
	BPACCT__A_LOCK = 3,       /* lock, arm lock + 2 h (BP-B1, BP-R4) */
	BPACCT__A_UNLOCK = 4,     /* unlock (BP-R4 policy) */
	BPACCT__A_EXCLUDE = 5,    /* set or clear the BP-C exclusion */
	BPACCT__A_REQUEST = 6,    /* judged by validation (request table) */
	BPACCT__A_SUPPLEMENT = 7, /* judged by the request table, then
				   * validation */
	BPACCT__A_CANCEL = 8,     /* an officer cancels now */
	BPACCT__A_EXPIRE = 9,     /* the engine cancels what is due */
	BPACCT__A_WARN = 10,      /* the inactivity warning */
	BPACCT__ACTIONS = 11
} bpacct__action;

/* One row: to −1 is a refusal with `reason`. */
typedef struct bpacct__fsm_row {
	uint8_t guard;  /* bpacct__guard */
	uint8_t action; /* bpacct__action */
	int16_t to;     /* bpacct_state, or −1 */
	int16_t reason; /* bpacct_reason of a refusal, else 0 */
} bpacct__fsm_row;

typedef struct bpacct__fsm_cell {
	uint8_t count;
	bpacct__fsm_row rows[BPACCT__ROWS_MAX];
} bpacct__fsm_cell;

/* The rows of (state, input), both within range (callers check). */
const bpacct__fsm_cell *bpacct__fsm_cell_of(int32_t state, int32_t input);

/* One row of the request table.  `outcome` 0 is a row decided before any
 * validation (a replay or a refusal); other rows are chosen by the
 * outcome validation gave.  `to` −1 is a refusal with `reason`. */
typedef struct bpacct__request_row {
	uint8_t from;    /* bpacct_request_state */
	uint8_t input;   /* BPACCT_INPUT_REQUEST or _SUPPLEMENT */
	uint8_t outcome; /* bpacct_outcome, or 0 */
	uint8_t replay;  /* 1: E2, the first outcome again, nothing changes */
	int16_t to;      /* bpacct_request_state, or −1 */
	int16_t reason;
} bpacct__request_row;

/* The request row for (from, input, outcome), or NULL. */
const bpacct__request_row *bpacct__request_row_find(int32_t from,
						    int32_t input,
						    int32_t outcome);
/* The whole request table, for the DOT text. */
const bpacct__request_row *bpacct__request_rows(size_t *out_count);

/* Short names of guards and actions, for the DOT text. */
const char *bpacct__guard_name(int32_t guard);
const char *bpacct__action_name(int32_t action);

#endif
