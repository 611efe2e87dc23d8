/**
 * @file bpacct/engine.h
 * @brief The engine: drives the pure lifecycle over host-supplied storage
 *        and notification, with a durable outbox, audit and sweeps.
 * @defgroup bpacct_engine Engine
 * @{
 *
 * An engine (opaque) is created from a #bpacct_engine_options struct that
 * names a store (include/bpacct/sys/store.h), a notifier
 * (include/bpacct/sys/notifier.h), the calendar and the profiles.  For
 * every event it reads the records from the store, runs bpacct_apply(),
 * and writes the new records, the notices owed (the outbox) and the audit
 * entries in **one** atomic store call guarded by the account's revision
 * (compare-and-swap).  Only then are the notices delivered; a failed
 * delivery stays in the outbox and is retried by the next tick.  Each
 * notice carries an idempotency key, so a host can drop a redelivery.
 * After every event, and on every tick, the engine also runs everything
 * that is due at or before the instant given.
 *
 * Threads (docs/threading.md): no global state; an engine is used by one
 * thread at a time; any number of engines, in one process or on many
 * machines, may share one store, which the compare-and-swap keeps
 * consistent.  Callbacks run on the calling thread; calling the engine from
 * inside one of its callbacks returns #BPACCT_ERECURSIVE.
 */
#ifndef BPACCT_ENGINE_H
#define BPACCT_ENGINE_H

#include "common.h"
#include "alloc.h"
#include "calendar.h"
#include "lifecycle.h"
#include "profile.h"

BPACCT_BEGIN_DECL

/** The engine (opaque). */
typedef struct bpacct_engine bpacct_engine;
/** An outbox notice or an audit entry (opaque). */
typedef struct bpacct_entry bpacct_entry;
/** A store's operations (include/bpacct/sys/store.h). */
typedef struct bpacct_store_ops bpacct_store_ops;
/** A notifier's operations (include/bpacct/sys/notifier.h). */
typedef struct bpacct_notifier_ops bpacct_notifier_ops;

/** Entry types. Values are stable. */
typedef enum bpacct_entry_type {
	/** A notice owed to recipients (the outbox). */
	BPACCT_ENTRY_NOTICE = 1,
	/** An audit record (E4). */
	BPACCT_ENTRY_AUDIT = 2
} bpacct_entry_type;

/** Fields of entries beyond those of #bpacct_field. Values are stable. */
typedef enum bpacct_entry_field {
	/** text: the idempotency key, unique per notice and stable across
	 *  retries and redeliveries. */
	BPACCT_FIELD_KEY = 80,
	/** text: the owner's code (recipient role owner). */
	BPACCT_FIELD_OWNER_ID = 81,
	/** text: the holder's document number (recipient role holder). */
	BPACCT_FIELD_HOLDER_ID = 82,
	/** integer: the #bpacct_entry_type. */
	BPACCT_FIELD_ENTRY_TYPE = 83,
	/** integer: the account's revision the entry was written with. */
	BPACCT_FIELD_ENTRY_REVISION = 84,
	/** integer: 1 once the notice was delivered. */
	BPACCT_FIELD_DELIVERED = 85
} bpacct_entry_field;

/**
 * Called after each step that the store committed (or, in a preview,
 * after each step computed), with its effects (read them with the
 * accessors of lifecycle.h).  Runs on the calling thread; the effects are
 * valid during the call only.
 *
 * @param account the account id (1 to #BPACCT_ID_MAX − 1 bytes, no '/').
 * @param effects the effects of the step.
 * @param userdata the options' @c effects_userdata.
 */
typedef void BPACCT_CALLBACK(bpacct_effects_cb)(const char *account,
						const bpacct_effects *effects,
						void *userdata);

/** The version of #bpacct_engine_options this header describes. */
#define BPACCT_ENGINE_OPTIONS_VERSION 1

/** The largest bpacct_engine_options::batch (2¹⁶): the ids of one batch
 *  are allocated at once, and must fit a 32-bit @c size_t. */
#define BPACCT_ENGINE_BATCH_MAX 65536u

/** The most bpacct_engine_options::retries counts (a larger value is
 *  clamped to it), so that a store that always conflicts cannot keep a
 *  call running for ever. */
#define BPACCT_ENGINE_RETRIES_MAX 1000u

/** Options of bpacct_engine_new(); bpacct_engine_options_init() first. */
typedef struct bpacct_engine_options {
	/** Must be #BPACCT_ENGINE_OPTIONS_VERSION (or older). */
	uint32_t version;
	/** The store's operations, copied (required). @since 1 */
	const bpacct_store_ops *store;
	/** Passed to every store operation. @since 1 */
	void *store_userdata;
	/** The notifier's operations, copied; NULL to leave every notice in
	 *  the outbox. @since 1 */
	const bpacct_notifier_ops *notifier;
	/** Passed to every notifier operation. @since 1 */
	void *notifier_userdata;
	/** The working calendar (required); must outlive the engine.
	 *  @since 1 */
	const bpacct_calendar *calendar;
	/** The procedure profiles; NULL for the built-in BP and XNC.  The
	 *  array and the profiles must outlive the engine. @since 1 */
	const bpacct_profile *const *profiles;
	/** The number of @c profiles. @since 1 */
	uint32_t profile_count;
	/** The allocator, copied; NULL for malloc/free. @since 1 */
	const bpacct_allocator *allocator;
	/** Called with the effects of every committed step; may be NULL.
	 *  @since 1 */
	bpacct_effects_cb on_effects;
	/** Passed to @c on_effects. @since 1 */
	void *effects_userdata;
	/** Accounts read from the store per due query; 0 for 256, at most
	 *  #BPACCT_ENGINE_BATCH_MAX (more: #BPACCT_EINVAL from
	 *  bpacct_engine_new()). @since 1 */
	uint32_t batch;
	/** Re-reads after a compare-and-swap conflict before giving up with
	 *  #BPACCT_ECONFLICT; 0 for 8; more than #BPACCT_ENGINE_RETRIES_MAX
	 *  counts as #BPACCT_ENGINE_RETRIES_MAX. @since 1 */
	uint32_t retries;
} bpacct_engine_options;

/**
 * Fills @p options with the defaults (no store, no notifier, no calendar).
 *
 * @param options the struct to fill.
 * @param version #BPACCT_ENGINE_OPTIONS_VERSION or older.
 * @return #BPACCT_OK, or #BPACCT_EMISUSE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_engine_options_init(bpacct_engine_options *options,
					  uint32_t version);

/**
 * Checks options as bpacct_engine_new() does, without creating anything,
 * and says which field is wrong: bpacct_engine_new() runs this same check
 * first, so for the same options it returns the same status (when this
 * one returns #BPACCT_OK, bpacct_engine_new() can fail only with
 * #BPACCT_ENOMEM).  For a binding whose mirror of a struct is wrong, or a
 * host that wants the reason of a bare #BPACCT_EINVAL.
 *
 * @param options the options, as for bpacct_engine_new().
 * @param[out] buf where to write a one-line English message naming the
 *        field ("options.store->commit is NULL", "options.batch: 70000 is
 *        above 65536"), cut to fit; "" when the options are right; may be
 *        NULL.
 * @param size the size of @p buf; may be 0.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; the status of
 *         bpacct_profile_check() for a bad profile: exactly the status
 *         bpacct_engine_new() returns for these options (before it
 *         allocates).
 * @since 0.5.0
 */
BPACCT_API int bpacct_engine_options_check(
	const bpacct_engine_options *options, char *buf, size_t size);

/**
 * Creates an engine.
 *
 * @param[out] out the engine.
 * @param options the options (store and calendar required).
 * @return #BPACCT_OK; #BPACCT_EINVAL (a required member missing, a store
 *         without a required operation, a bad profile, a batch above
 *         #BPACCT_ENGINE_BATCH_MAX); #BPACCT_EMISUSE (a
 *         bad version); #BPACCT_ENOMEM.  The reason of a wrong option,
 *         in words: bpacct_engine_options_check().
 * @since 0.3.0
 */
BPACCT_API int bpacct_engine_new(bpacct_engine **out,
				 const bpacct_engine_options *options);

/**
 * Releases an engine; NULL is ignored, and so is a call from inside one of
 * the engine's own callbacks (the call still running would use it).  The
 * store and notifier are the host's and are not touched.
 *
 * @param engine the engine.
 * @since 0.3.0
 */
BPACCT_API void bpacct_engine_free(bpacct_engine *engine);

/**
 * Submits an event for an account.  First everything due at or before the
 * event's instant runs, for every account, in due order, each at its due
 * instant by the system (rules E6, as bpacct_engine_tick()); then the event
 * is read, applied and committed atomically against the state that
 * results; then what the event itself made due by its instant (an XNC
 * request accepted in a session); then the notices are delivered.  A
 * refused input is a result (its effects say why), committed as an audit
 * entry.
 *
 * @param engine the engine.
 * @param account the account id.
 * @param event the event (for REQUEST and SUPPLEMENT its @c request names
 *        the request record; for ISSUE its @c procedure the profile).
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ECONFLICT after too many
 *         compare-and-swap conflicts; #BPACCT_ERECURSIVE; a store's error
 *         unchanged (#BPACCT_EUSER included).  A failed notice delivery is
 *         not an error: the notice stays in the outbox.  On an error the
 *         store holds either the whole change or none of it, and the same
 *         call may be retried.
 * @since 0.3.0
 */
BPACCT_API int bpacct_engine_submit(bpacct_engine *engine,
				    const char *account,
				    const bpacct_event *event);

/**
 * Runs everything due at or before @p at (pending cancellations, BP-C
 * inactivity warnings and cancellations), in due order and in batches,
 * then retries the outbox.
 *
 * @param engine the engine.
 * @param at the instant.
 * @return as bpacct_engine_submit().
 * @since 0.3.0
 */
BPACCT_API int bpacct_engine_tick(bpacct_engine *engine, int64_t at);

/**
 * Retries the delivery of every notice still in the outbox.
 *
 * @param engine the engine.
 * @param[out] out_pending the notices still undelivered after the attempt,
 *        counting the outbox records that are not readable notices (left
 *        in the outbox, see bpacct_engine_last_error()); may be NULL.
 * @return #BPACCT_OK (a failed delivery is not an error); a store's error.
 * @since 0.3.0
 */
BPACCT_API int bpacct_engine_deliver(bpacct_engine *engine,
				     uint32_t *out_pending);

/**
 * A dry run for operators: computes what bpacct_engine_tick() at @p at
 * would do, reporting each step to @c on_effects, and writes nothing.
 *
 * @param engine the engine.
 * @param at the instant.
 * @param[out] out_count the number of accounts that would change; may be
 *        NULL.
 * @return as bpacct_engine_tick().
 * @since 0.3.0
 */
BPACCT_API int bpacct_engine_preview(bpacct_engine *engine, int64_t at,
				     uint32_t *out_count);

/**
 * Reads an account's current record from the store.
 *
 * @param engine the engine.
 * @param id the account id.
 * @param out a record made by bpacct_account_new(), overwritten.
 * @return #BPACCT_OK; #BPACCT_ENOTFOUND; a store's error.
 * @since 0.3.0
 */
BPACCT_API int bpacct_engine_account(bpacct_engine *engine, const char *id,
				     bpacct_account *out);

/**
 * The message of the engine's last error, valid until its next call;
 * "" after a success, except when the call met outbox records that are
 * not readable notices: it succeeded (the other notices were delivered)
 * and the message says how many stay in the outbox.
 *
 * @param engine the engine.
 * @return a string, never NULL.
 * @since 0.3.0
 */
BPACCT_API const char *bpacct_engine_last_error(const bpacct_engine *engine);

/**
 * Lets a store or notifier relay its own message: the next error the
 * engine returns carries it (convention C13).
 *
 * @param engine the engine.
 * @param message a one-line message, copied.
 * @return #BPACCT_OK; #BPACCT_EINVAL.
 * @since 0.3.0
 */
BPACCT_API int bpacct_engine_set_error(bpacct_engine *engine,
				       const char *message);

/**
 * Reads an integer field of an entry (#bpacct_field or
 * #bpacct_entry_field).  Both types: #BPACCT_FIELD_ENTRY_TYPE, AT, INPUT,
 * ACTOR, CASE, OUTCOME (of a decision, else 0), #BPACCT_FIELD_ENTRY_REVISION,
 * REASON_COUNT.  Notices: KIND, RECIPIENTS, CHANNEL, DOCUMENT,
 * AVAILABLE_FROM, FEE, DUE (a warning's cancellation), DELIVERED.  Audit:
 * FROM and TO, where TO is −1 for a refused input (as in
 * bpacct_fsm_transition_at()).  Any other field is #BPACCT_ENOTFOUND.
 *
 * @param entry the entry.
 * @param field the field.
 * @param[out] out the value.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.3.0
 */
BPACCT_API int bpacct_entry_get_int(const bpacct_entry *entry, int32_t field,
				    int64_t *out);

/**
 * Reads a text field of an entry; "" when unset.  Both types: KEY (""
 * for the audit of a refused input, which writes nothing else), ACCOUNT,
 * REQUEST, DETAIL.  Notices: OWNER_ID, HOLDER_ID, REQUESTER (of the
 * request the notice answers), so the notifier never reads the account.
 *
 * @param entry the entry.
 * @param field the field.
 * @param[out] out the text, valid while the entry lives.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.3.0
 */
BPACCT_API int bpacct_entry_get_text(const bpacct_entry *entry, int32_t field,
				     const char **out);

/**
 * One reason of an audit entry.
 *
 * @param entry the entry.
 * @param k 0 to its reason count − 1.
 * @param[out] out_reason the #bpacct_reason.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.3.0
 */
BPACCT_API int bpacct_entry_reason(const bpacct_entry *entry, uint32_t k,
				   int32_t *out_reason);

/** The in-memory store (opaque), for test harnesses and the tool. */
typedef struct bpacct_memory_store bpacct_memory_store;

/**
 * Creates an empty in-memory store: a hash index by account, a due-time
 * heap (a tick costs O(due), not O(accounts)), the outbox and the audit.
 *
 * @param[out] out the store.
 * @param allocator NULL for malloc/free.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOMEM.
 * @since 0.3.0
 */
BPACCT_API int bpacct_memory_store_new(bpacct_memory_store **out,
				       const bpacct_allocator *allocator);

/**
 * Releases an in-memory store; NULL is ignored.
 *
 * @param store the store.
 * @since 0.3.0
 */
BPACCT_API void bpacct_memory_store_free(bpacct_memory_store *store);

/**
 * The operations of the in-memory store, to put in
 * bpacct_engine_options::store with the store as @c store_userdata.
 *
 * @return a pointer to constant operations, never NULL.
 * @since 0.3.0
 */
BPACCT_API const bpacct_store_ops *bpacct_memory_store_ops(void);

/**
 * Counts of an in-memory store.
 *
 * @param store the store.
 * @param[out] out_accounts accounts stored; may be NULL.  A request about
 *        an account the store does not have stores a record in state
 *        none (the compare-and-swap anchor), which counts.
 * @param[out] out_bytes bytes held for accounts and their indexes; may be
 *        NULL.
 * @param[out] out_outbox notices not yet delivered; may be NULL.
 * @param[out] out_audit audit entries; may be NULL.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_memory_store_stats(const bpacct_memory_store *store,
					 uint64_t *out_accounts,
					 uint64_t *out_bytes,
					 uint64_t *out_outbox,
					 uint64_t *out_audit);

/**
 * The number of notices an in-memory store holds: every notice committed,
 * delivered or not (bpacct_memory_store_stats() counts the undelivered
 * ones only).
 *
 * @param store the store.
 * @param[out] out the count; the notices are at indexes 0 to @p *out − 1.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.5.0
 */
BPACCT_API int bpacct_memory_store_outbox_count(
	const bpacct_memory_store *store, uint32_t *out);

/**
 * Reads one notice of an in-memory store's outbox, in commit order (index
 * 0 is the first notice committed), delivered or not: for a test harness
 * to check what was owed and what went out.
 *
 * The entry is the notice as the engine committed it (type
 * #BPACCT_ENTRY_NOTICE; its key, recipients, kind, channel, instants);
 * the store keeps the delivery beside it, so the entry's
 * #BPACCT_FIELD_DELIVERED reads 0 and @p out_delivered says whether the
 * notice was delivered.
 *
 * @param store the store.
 * @param index 0 to bpacct_memory_store_outbox_count() − 1.
 * @param out an entry made by bpacct_entry_new(), overwritten (only on
 *        success).
 * @param[out] out_delivered 1 once the notice was delivered (marked by
 *        the store's @c mark_delivered), else 0; may be NULL.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE (@p store or @p out
 *         not what it should be); #BPACCT_ENOTFOUND for an index past the
 *         end.
 * @since 0.5.0
 */
BPACCT_API int bpacct_memory_store_outbox_at(const bpacct_memory_store *store,
					     uint32_t index, bpacct_entry *out,
					     int32_t *out_delivered);

/**
 * The number of audit entries an in-memory store holds (rule E4: one per
 * step, a refused input included).
 *
 * @param store the store.
 * @param[out] out the count; the entries are at indexes 0 to @p *out − 1.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.5.0
 */
BPACCT_API int bpacct_memory_store_audit_count(
	const bpacct_memory_store *store, uint32_t *out);

/**
 * Reads one audit entry of an in-memory store, in commit order (index 0
 * is the first committed): type #BPACCT_ENTRY_AUDIT, with its instant,
 * input, actor, from and to states, reasons (bpacct_entry_get_int(),
 * bpacct_entry_reason()).
 *
 * @param store the store.
 * @param index 0 to bpacct_memory_store_audit_count() − 1.
 * @param out an entry made by bpacct_entry_new(), overwritten (only on
 *        success).
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE (@p store or @p out
 *         not what it should be); #BPACCT_ENOTFOUND for an index past the
 *         end.
 * @since 0.5.0
 */
BPACCT_API int bpacct_memory_store_audit_at(const bpacct_memory_store *store,
					    uint32_t index, bpacct_entry *out);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_ENGINE_H */
