/*
 * The layout of an entry (an outbox notice or an audit record, engine.h)
 * and how entries are built from the effects of one step.  Pure: the
 * engine (src/engine/) fills entries with these functions and allocates
 * nothing for them beyond its own workspace.
 */
#ifndef BPACCT_CONTRACT_ENTRY_INTERNAL_H
#define BPACCT_CONTRACT_ENTRY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "bpacct/engine.h"
#include "bpacct/sys/store.h"
#include "contract/codec_internal.h"
#include "core/record_layout.h"

#define BPACCT__ENTRY_MAGIC 0x42504574u /* "BPEt" */

/* Bytes of an idempotency key, the NUL included: the longest key is
 * "<account>/0/<request>/<n>" (47 + 3 + 47 + 1 + 2 bytes). */
#define BPACCT__KEY_MAX BPACCT_ENTRY_KEY_MAX /* sys/store.h */

/* The audit of a refused input records "to" as this (as the refusal rows
 * of bpacct_fsm_transition_at() do). */
#define BPACCT__TO_REFUSED (-1)

/* The longest encoded entry (2 + 13 + 4 + 32 + 64 bytes of integers, the
 * strings at their limits: 491 bytes), rounded up. */
#define BPACCT__ENTRY_BYTES_MAX 512

struct bpacct_entry {
	uint32_t magic;
	int32_t type;        /* bpacct_entry_type */
	int32_t input;       /* bpacct_input of the step */
	int32_t actor;       /* bpacct_actor */
	int32_t case_;       /* bpacct_case */
	int32_t from, to;    /* bpacct_state; to = BPACCT__TO_REFUSED */
	int32_t kind;        /* bpacct_notice_kind (notices) */
	int32_t channel;     /* bpacct_channel */
	int32_t document;    /* bpacct_document */
	int32_t outcome;     /* bpacct_outcome of a decision, else 0 */
	uint32_t recipients; /* BPACCT_RECIPIENT_* */
	int32_t fee;         /* 0 or 1 */
	int32_t delivered;   /* 0 or 1 */
	uint32_t nreasons;
	int32_t reasons[BPACCT__REASONS_MAX];
	int64_t at;
	int64_t available_from;
	int64_t due;         /* a warning's cancellation due, else none */
	uint64_t revision;   /* the account's revision the entry was
			      * written with */
	char key[BPACCT__KEY_MAX];
	char account[BPACCT_ID_MAX];
	char request[BPACCT_ID_MAX];
	char owner[BPACCT_CODE_MAX];
	char holder[BPACCT_CODE_MAX];
	char requester[BPACCT_CODE_MAX];
	char detail[BPACCT__DETAIL_MAX];
	bpacct__alloc alloc;
};

/* How the entries of one change are keyed. */
typedef enum bpacct__keys {
	/* No key: the audit of a refused input (nothing was written). */
	BPACCT__KEYS_NONE = 0,
	/* "<account>/<revision>/<n>": the change writes the account, so its
	 * revision is the compare-and-swap revision, unique per change and
	 * the same on every retry of the same computation. */
	BPACCT__KEYS_REVISION = 1
} bpacct__keys;

/* What the entries of one step are built from. */
typedef struct bpacct__entry_source {
	const bpacct_effects *fx;             /* the step's effects */
	const struct bpacct_account *account; /* the account after it */
	const struct bpacct_request *request; /* NULL when none */
	uint64_t revision;                    /* the change's revision */
	int32_t keys;                         /* bpacct__keys */
} bpacct__entry_source;

/* Fills out[0..max) with the notice and audit entries owed by the
 * effects, in effect order, and returns how many (NOTICE and AUDIT
 * effects only: the others are reported, not stored).  Pure. */
uint32_t bpacct__entries_from_effects(const bpacct__entry_source *src,
				      struct bpacct_entry *out,
				      uint32_t max);

/* Formats the idempotency key of entry n; returns its length. */
size_t bpacct__entry_key(char *dst, const char *account, uint64_t revision,
			 const char *request, uint32_t n);

/* Resets an entry to empty (magic set, allocator kept). */
void bpacct__entry_clear(struct bpacct_entry *e);

#endif
