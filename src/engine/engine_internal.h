/*
 * The engine's layout, shared by its files: engine.c (options, handle,
 * errors, the re-entry guard), step.c (one event: read, apply, commit),
 * sweep.c (tick and preview), change.c (building the change set),
 * outbox.c (delivery).  The change set and the sinks themselves, which
 * the stores read and fill, are the store contract's (src/contract/).
 *
 * Every buffer the engine needs is allocated in bpacct_engine_new(), so
 * that a submit or a tick never allocates: an allocation failure can only
 * happen before anything was read or written.  The engine keeps no
 * account's state between calls (the store is the truth): the records
 * here are scratch, overwritten by every read.
 */
#ifndef BPACCT_ENGINE_INTERNAL_H
#define BPACCT_ENGINE_INTERNAL_H

#include "bpacct/engine.h"
#include "bpacct/sys/notifier.h"
#include "bpacct/sys/store.h"
#include "contract/contract_internal.h"
#include "contract/entry_internal.h"
#include "core/record_layout.h"

#define BPACCT__ENGINE_MAGIC 0x42504567u /* "BPEg" */

#define BPACCT__ERROR_MAX 256
#define BPACCT__BATCH_DEFAULT 256u
#define BPACCT__RETRIES_DEFAULT 8u
/* Notices listed per outbox query (each is decoded, ~600 bytes). */
#define BPACCT__OUTBOX_CAP 64u
/* Bounds of the loops over store queries: far above any real run, so
 * that a store that keeps answering the same thing cannot hang a call. */
#define BPACCT__ROUNDS_MAX (1u << 20)
/* Tick steps one account may take at one instant: the inactivity warning
 * then the cancellation, with room to spare. */
#define BPACCT__TICK_STEPS_MAX 4u

/* What one step read from the store. */
typedef struct bpacct__read {
	int32_t found;        /* the account was in the store */
	int32_t uses_request; /* REQUEST or SUPPLEMENT */
	uint64_t revision;    /* the account's revision as read */
} bpacct__read;

struct bpacct_engine {
	uint32_t magic;
	int32_t busy; /* inside a call: a callback may not call back */
	bpacct_store_ops store;
	void *store_userdata;
	bpacct_notifier_ops notifier;
	int32_t has_notifier;
	void *notifier_userdata;
	const bpacct_calendar *calendar;
	const bpacct_profile *const *profiles;
	uint32_t profile_count;
	bpacct_effects_cb on_effects;
	void *effects_userdata;
	uint32_t batch;
	uint32_t retries;
	/* Outbox records of this call that are not keyed notices: told by
	 * the message of a call that otherwise succeeded. */
	uint32_t unreadable;
	/* Due accounts of this call whose stored record is corrupt: skipped
	 * by the sweep (one bad record must not stop every deadline, E8),
	 * told likewise; the first one's id. */
	uint32_t corrupt;
	char corrupt_id[BPACCT_ID_MAX];
	bpacct__alloc alloc;
	struct bpacct_account account;
	struct bpacct_request request;
	struct bpacct_request request_before;
	struct bpacct_effects fx;
	struct bpacct_change change;
	struct bpacct_sink ids;
	struct bpacct_sink notices;
	uint8_t buf[BPACCT_RECORD_MAX];
	char error[BPACCT__ERROR_MAX];
	char relayed[BPACCT__ERROR_MAX];
};

/* options.c: the check of bpacct_engine_new()'s options, which
 * bpacct_engine_options_check() runs too: the status, the message in buf
 * (NULL or size 0: none), and on success the copies of the operations
 * (store, notifier) and the allocator (alloc). */
int bpacct__engine_options_check(const bpacct_engine_options *o,
				 bpacct_store_ops *store,
				 bpacct_notifier_ops *notifier,
				 bpacct__alloc *alloc, char *buf, size_t size);

/* engine.c: the guard around every public call that runs callbacks:
 * enter() refuses a call from inside a callback (BPACCT_ERECURSIVE),
 * leave() sets the message of an error (or of unreadable outbox records
 * after a success) and returns rc. */
int bpacct__engine_enter(bpacct_engine *e);
int bpacct__engine_leave(bpacct_engine *e, int rc);

/* engine.c: the message of an error about to be returned; returns rc. */
int bpacct__engine_fail(bpacct_engine *e, int rc, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* A store or notifier operation `op` failed with rc: the host's relayed
 * message, else "<op> callback returned <rc>"; returns rc unchanged. */
int bpacct__engine_host_fail(bpacct_engine *e, int rc, const char *op);

/* step.c: one event through read, apply, build, commit (with the
 * compare-and-swap retries), then the effects callback.  *out_moved is 1
 * when a change was committed. */
enum { BPACCT__MODE_SUBMIT = 0, BPACCT__MODE_TICK = 1 };
int bpacct__engine_step(bpacct_engine *e, const char *id,
			const bpacct_event *ev, int32_t mode,
			int32_t *out_moved);
/* Reads an account (a fresh NONE record when the store has none) and,
 * when the event names one, its request. */
int bpacct__engine_read(bpacct_engine *e, const char *id,
			const bpacct_event *ev, bpacct__read *out);
/* The profile of the account just read for event ev. */
int bpacct__engine_profile(bpacct_engine *e, const bpacct_event *ev,
			   const bpacct_profile **out);

/* sweep.c: runs everything due at or before `at`; *out_moved counts the
 * committed changes. */
int bpacct__engine_run_due(bpacct_engine *e, int64_t at,
			   uint32_t *out_moved);

/* change.c: builds the change of the step just applied; *out_has is 0
 * when there is nothing to write. */
int bpacct__change_build(bpacct_engine *e, const bpacct__read *r,
			 const bpacct_profile *profile, int32_t *out_has);

/* outbox.c */
int bpacct__engine_deliver(bpacct_engine *e, uint32_t *out_pending);

#endif
