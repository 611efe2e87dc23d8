/*
 * The core's interface to the layers above it: the layouts of the opaque
 * records (account, request, effects) the pure step computes on, and their
 * fresh state (record_layout.c).  The layers above use them as they are:
 * src/records/ allocates them, src/contract/ encodes them, src/engine/
 * keeps scratch copies.  Fixed-size, no pointers into other memory, so
 * that a record is copied with memcpy and a store may keep it as it is.
 */
#ifndef BPACCT_CORE_RECORD_LAYOUT_H
#define BPACCT_CORE_RECORD_LAYOUT_H

#include <stdint.h>

#include "bpacct/lifecycle.h"
#include "bpacct/reason.h"
#include "support/alloc_internal.h"

#define BPACCT__ACCOUNT_MAGIC 0x42504163u /* "BPAc" */
#define BPACCT__REQUEST_MAGIC 0x42505271u /* "BPRq" */
#define BPACCT__EFFECTS_MAGIC 0x42504678u /* "BPFx" */

/* Most reasons one outcome or refusal carries (every NA20 field and every
 * BP paper problem fit). */
#define BPACCT__REASONS_MAX 16
/* Most effects one step owes: what was due first (a warning, a
 * cancellation: 5) and the event's own (outcome, notice, deadline, audit),
 * with room to spare. */
#define BPACCT__EFFECTS_MAX 16
/* Bytes of the detail text an audit effect keeps. */
#define BPACCT__DETAIL_MAX 96

/* account flags */
#define BPACCT__ACC_EXCLUDED 0x1u
#define BPACCT__ACC_WARNED 0x2u
/* BP-R5 (a): first used within the inactivity period, so never due for
 * inactivity: a fast path, set by the first use (the first-use instant
 * decides when it is not set). */
#define BPACCT__ACC_USED_IN_TIME 0x4u

struct bpacct_account {
	uint32_t magic;
	uint8_t state;          /* bpacct_state */
	uint8_t holder_id_type; /* bpacct_id_type, 0 if none on record */
	uint8_t flags;          /* BPACCT__ACC_* */
	uint8_t pending_case;   /* bpacct_case of the pending cancellation */
	int32_t procedure;      /* bpacct_procedure */
	int32_t pending_rule;   /* bpacct_rule, 0 if nothing pending */
	int32_t pending_channel; /* bpacct_channel of its notice */
	int64_t issued;         /* BPACCT_INSTANT_NONE when unset */
	int64_t first_used;     /* BP-R5 (a): the first use */
	int64_t last_used;      /* BP-R5 (b): the last use */
	int64_t locked;
	int64_t cancelled;
	int64_t pending_due;
	int64_t changed;        /* instant of the last accepted change */
	uint64_t revision;      /* accepted changes, for compare-and-swap */
	char id[BPACCT_ID_MAX];
	char owner[BPACCT_CODE_MAX];
	char holder_id[BPACCT_CODE_MAX];
	char pending_request[BPACCT_ID_MAX];
	bpacct__alloc alloc;    /* how the record was allocated */
};

/* The length of an id of 1 to BPACCT_ID_MAX - 1 bytes without '/', else
 * 0 (NULL, empty, too long or holding the key separator '/').  Pure
 * (record_layout.c). */
size_t bpacct__id_length(const char *id);

/* Sets a record to its fresh state for `id` (n bytes, 1 to
 * BPACCT_ID_MAX - 1): state NONE, no instants, revision 0, magic set,
 * allocator kept.  Pure (record_layout.c): what bpacct_account_new()
 * makes and what the engine reads for an id the store does not have. */
void bpacct__account_reset(struct bpacct_account *a, const char *id,
			   size_t n);

/* request: which NA20 fields were received valid (bit = bpacct_na20_field,
 * bit 7 = the seal) */
#define BPACCT__NA20_SEAL_BIT 7

struct bpacct_request {
	uint32_t magic;
	uint8_t state;          /* bpacct_request_state */
	uint8_t outcome;        /* bpacct_outcome of the last decision */
	uint8_t first_outcome;  /* bpacct_outcome of the first submission */
	uint8_t channel;        /* bpacct_channel */
	uint8_t result_channel; /* bpacct_channel */
	uint8_t id_type;        /* of the attached identity document */
	uint8_t nfirst_reasons;
	uint8_t nreasons;       /* of the standing (latest) decision, E2 */
	uint32_t documents;     /* BPACCT_DOC_* received so far */
	uint32_t na20_present;  /* NA20 fields received and valid */
	int64_t submitted;      /* first submission instant */
	int64_t received;       /* legal receipt of the standing decision's
				 * submission (the complete request's) */
	int64_t due;            /* cancellation due, when accepted */
	int64_t first_received; /* legal receipt of the first submission */
	int32_t first_reasons[BPACCT__REASONS_MAX];
	int32_t reasons[BPACCT__REASONS_MAX]; /* standing decision's */
	char id[BPACCT_ID_MAX];
	char account[BPACCT_ID_MAX];
	char requester[BPACCT_CODE_MAX];
	char enterprise_code[BPACCT_CODE_MAX];
	char id_number[BPACCT_CODE_MAX];
	char na20_account[BPACCT_ID_MAX];
	bpacct__alloc alloc;
};

/* As bpacct__account_reset(), for a request record. */
void bpacct__request_reset(struct bpacct_request *r, const char *id,
			   size_t n);

typedef struct bpacct__effect {
	int32_t type;           /* bpacct_effect_type */
	int32_t input;          /* bpacct_input that caused it */
	int64_t at;
	int32_t from, to;       /* bpacct_state */
	int32_t case_;          /* bpacct_case */
	int32_t actor;          /* bpacct_actor */
	int32_t kind;           /* bpacct_notice_kind */
	int32_t document;       /* bpacct_document */
	int32_t channel;        /* bpacct_channel */
	int32_t rule;           /* bpacct_rule */
	int32_t outcome;        /* bpacct_outcome */
	uint32_t recipients;    /* BPACCT_RECIPIENT_* */
	int32_t fee;
	int32_t replay;         /* an outcome answering an id given again */
	int64_t due;
	int64_t received;
	int64_t available_from;
	uint32_t nreasons;
	int32_t reasons[BPACCT__REASONS_MAX];
	char account[BPACCT_ID_MAX];
	char request[BPACCT_ID_MAX];
	char detail[BPACCT__DETAIL_MAX];
} bpacct__effect;

struct bpacct_effects {
	uint32_t magic;
	uint32_t count;
	bpacct__effect items[BPACCT__EFFECTS_MAX];
	bpacct__alloc alloc;
};

#endif
