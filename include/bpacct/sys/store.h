/**
 * @file bpacct/sys/store.h
 * @brief The extender API for storage: the store operations a host
 *        supplies, the change set it commits, and the encoded records.
 * @defgroup bpacct_store Store (extender API)
 * @{
 *
 * A store keeps four things: **accounts** and **requests** (as encoded
 * records, opaque bytes of at most #BPACCT_RECORD_MAX with an id), the
 * **outbox** of notices and the **audit** (as encoded entries).  It never
 * needs to understand a record: the engine encodes and decodes, and hands
 * the store the few columns it indexes (id, revision, next due instant,
 * idempotency key).
 *
 * The contract (docs/engine.md has a worked example):
 * - commit() applies a whole #bpacct_change **atomically** or not at all,
 *   and only if the stored account's revision is still the change's
 *   expected revision (compare-and-swap); otherwise it returns
 *   #BPACCT_ECONFLICT and writes nothing.  Only the audit of a refused
 *   input comes without an account part, and has no condition.  A
 *   request about an account the store does not have carries one too: a
 *   record in state none, expected revision 0 and revision 1, which the
 *   store keeps like any account.
 * - due() lists accounts whose next due instant is at or before the
 *   instant, earliest first (ties in a stable order, e.g. by id), at most
 *   @c max of them; the engine pages a preview by asking again for more.
 * - outbox() lists undelivered notices in the order they were committed;
 *   mark_delivered() marks one by its key (idempotent).
 * - Every operation returns 0 or a negative #bpacct_status; host errors
 *   are #BPACCT_EUSER or the host's own codes at or below
 *   #BPACCT_EHOST_MAX, passed through unchanged; any other value (a
 *   positive one, a negative one the library does not define) is taken as
 *   #BPACCT_EUSER with a message saying so.
 * - Operations are called on the engine's thread, never re-entered.
 */
#ifndef BPACCT_SYS_STORE_H
#define BPACCT_SYS_STORE_H

#include "../common.h"
#include "../engine.h"

BPACCT_BEGIN_DECL

/** The largest encoded record or entry, in bytes. */
#define BPACCT_RECORD_MAX 1024

/** Bytes of an idempotency key of an outbox entry
 *  (#BPACCT_FIELD_KEY: "<account>/<revision>/<n>"), its NUL included: a
 *  store's key column needs no more.  @since 0.5.0 */
#define BPACCT_ENTRY_KEY_MAX 112

/** A change set to commit (opaque, owned by the engine). */
typedef struct bpacct_change bpacct_change;
/** Where a store reports the results of due() and outbox() (opaque). */
typedef struct bpacct_sink bpacct_sink;

/** The version of #bpacct_store_ops this header describes. */
#define BPACCT_STORE_OPS_VERSION 1

/** The operations of a store. Every one is required in version 1. */
struct bpacct_store_ops {
	/** Must be #BPACCT_STORE_OPS_VERSION (or older). */
	uint32_t version;
	/**
	 * Reads an account's encoded record.
	 * @param id the account id.
	 * @param buf where to copy the record.
	 * @param size the size of @p buf (#BPACCT_RECORD_MAX).
	 * @param out_len the record's length.
	 * @param userdata the engine options' @c store_userdata.
	 * @return 0; #BPACCT_ENOTFOUND when there is none; an error.
	 * @since 1
	 */
	int BPACCT_CALLBACK(get_account)(const char *id, uint8_t *buf,
					 size_t size, size_t *out_len,
					 void *userdata);
	/**
	 * Reads a request's encoded record.
	 * @param id the request id.
	 * @param buf where to copy the record.
	 * @param size the size of @p buf (#BPACCT_RECORD_MAX).
	 * @param out_len the record's length.
	 * @param userdata the engine options' @c store_userdata.
	 * @return 0; #BPACCT_ENOTFOUND when there is none; an error.
	 * @since 1
	 */
	int BPACCT_CALLBACK(get_request)(const char *id, uint8_t *buf,
					 size_t size, size_t *out_len,
					 void *userdata);
	/**
	 * Applies a change set atomically, under the compare-and-swap rule.
	 * @param change the change (read it with the bpacct_change_*
	 *        functions during the call).
	 * @param userdata the engine options' @c store_userdata.
	 * @return 0; #BPACCT_ECONFLICT (nothing written); an error (nothing
	 *         written).
	 * @since 1
	 */
	int BPACCT_CALLBACK(commit)(const bpacct_change *change,
				    void *userdata);
	/**
	 * Lists accounts due at or before an instant, earliest first, by
	 * calling bpacct_sink_add_id() at most @p max times.
	 * @param at the instant.
	 * @param max the most ids to list.
	 * @param sink the engine's sink.
	 * @param userdata the engine options' @c store_userdata.
	 * @return 0 or an error.
	 * @since 1
	 */
	int BPACCT_CALLBACK(due)(int64_t at, uint32_t max, bpacct_sink *sink,
				 void *userdata);
	/**
	 * Lists undelivered notices in commit order, by calling
	 * bpacct_sink_add_entry() at most @p max times.
	 * @param max the most notices to list.
	 * @param sink the engine's sink.
	 * @param userdata the engine options' @c store_userdata.
	 * @return 0 or an error.
	 * @since 1
	 */
	int BPACCT_CALLBACK(outbox)(uint32_t max, bpacct_sink *sink,
				    void *userdata);
	/**
	 * Marks a notice delivered; marking one twice is not an error.
	 * @param key the notice's idempotency key.
	 * @param userdata the engine options' @c store_userdata.
	 * @return 0; #BPACCT_ENOTFOUND; an error.
	 * @since 1
	 */
	int BPACCT_CALLBACK(mark_delivered)(const char *key, void *userdata);
};

/** Static initializer of #bpacct_store_ops with no operations. */
#define BPACCT_STORE_OPS_INIT \
	{ BPACCT_STORE_OPS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL }

/**
 * Fills @p ops with no operations for @p version (for FFI).
 *
 * @param ops the struct to fill.
 * @param version #BPACCT_STORE_OPS_VERSION or older.
 * @return #BPACCT_OK, or #BPACCT_EMISUSE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_store_ops_init(bpacct_store_ops *ops, uint32_t version);

/** Integer columns of a change set. Values are stable. */
typedef enum bpacct_change_field {
	/** 1 if the change writes the account (else: audit only). */
	BPACCT_CHANGE_HAS_ACCOUNT = 1,
	/** The revision the stored account must have (0: must not exist). */
	BPACCT_CHANGE_EXPECTED_REVISION = 2,
	/** The revision the account gets. */
	BPACCT_CHANGE_REVISION = 3,
	/** The account's next due instant, or #BPACCT_INSTANT_NONE. */
	BPACCT_CHANGE_NEXT_DUE = 4,
	/** 1 if the change writes a request. */
	BPACCT_CHANGE_HAS_REQUEST = 5,
	/** The number of entries (notices and audit) to append. */
	BPACCT_CHANGE_ENTRY_COUNT = 6
} bpacct_change_field;

/**
 * Reads an integer column of a change.
 *
 * @param change the change.
 * @param field a #bpacct_change_field.
 * @param[out] out the value.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_change_get_int(const bpacct_change *change,
				     int32_t field, int64_t *out);

/**
 * The account part of a change.
 *
 * @param change the change.
 * @param[out] out_id the account id.
 * @param[out] out_record the encoded record.
 * @param[out] out_len its length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND
 *         when the change has no account part.
 * @since 0.3.0
 */
BPACCT_API int bpacct_change_account(const bpacct_change *change,
				     const char **out_id,
				     const uint8_t **out_record,
				     size_t *out_len);

/**
 * The request part of a change.
 *
 * @param change the change.
 * @param[out] out_id the request id.
 * @param[out] out_record the encoded record.
 * @param[out] out_len its length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.3.0
 */
BPACCT_API int bpacct_change_request(const bpacct_change *change,
				     const char **out_id,
				     const uint8_t **out_record,
				     size_t *out_len);

/**
 * One entry (notice or audit) of a change, in order.
 *
 * @param change the change.
 * @param index 0 to the entry count − 1.
 * @param[out] out_entry the decoded entry (for its type, key, account and
 *        other columns).
 * @param[out] out_record the encoded entry.
 * @param[out] out_len its length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.3.0
 */
BPACCT_API int bpacct_change_entry(const bpacct_change *change,
				   uint32_t index,
				   const bpacct_entry **out_entry,
				   const uint8_t **out_record,
				   size_t *out_len);

/**
 * Reports one due account to the engine (from due()).
 *
 * @param sink the sink given to due().
 * @param id the account id.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EBUFSIZE past @c max.
 * @since 0.3.0
 */
BPACCT_API int bpacct_sink_add_id(bpacct_sink *sink, const char *id);

/**
 * Reports one undelivered notice to the engine (from outbox()).
 *
 * @param sink the sink given to outbox().
 * @param record the encoded entry.
 * @param len its length.
 * @return #BPACCT_OK, also for bytes that are not a readable notice: such
 *         a record keeps its place, stays undelivered and is counted, and
 *         the engine reports it through bpacct_engine_last_error() (one bad
 *         record must not block the others); #BPACCT_EINVAL;
 *         #BPACCT_EBUFSIZE past @c max.
 * @since 0.3.0
 */
BPACCT_API int bpacct_sink_add_entry(bpacct_sink *sink, const uint8_t *record,
				     size_t len);

/**
 * Encodes an account record (a stable, versioned byte format).
 *
 * @param account the record.
 * @param[out] buf the buffer.
 * @param size its size (#BPACCT_RECORD_MAX always suffices).
 * @param[out] out_len the encoded length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_EBUFSIZE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_account_encode(const bpacct_account *account,
				     uint8_t *buf, size_t size,
				     size_t *out_len);

/**
 * Decodes an account record.
 *
 * @param account the record overwritten (only on success).
 * @param record the bytes.
 * @param len their length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_EPARSE for
 *         bytes that are not a valid record.
 * @since 0.3.0
 */
BPACCT_API int bpacct_account_decode(bpacct_account *account,
				     const uint8_t *record, size_t len);

/**
 * Encodes a request record.
 *
 * @param request the record.
 * @param[out] buf the buffer.
 * @param size its size (#BPACCT_RECORD_MAX always suffices).
 * @param[out] out_len the encoded length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_EBUFSIZE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_request_encode(const bpacct_request *request,
				     uint8_t *buf, size_t size,
				     size_t *out_len);

/**
 * Decodes a request record.
 *
 * @param request the record overwritten (only on success).
 * @param record the bytes.
 * @param len their length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_EPARSE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_request_decode(bpacct_request *request,
				     const uint8_t *record, size_t len);

/**
 * Creates an empty entry, to decode stored entries into.
 *
 * @param[out] out the entry.
 * @param allocator NULL for malloc/free.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOMEM.
 * @since 0.3.0
 */
BPACCT_API int bpacct_entry_new(bpacct_entry **out,
				const bpacct_allocator *allocator);

/**
 * Releases an entry; NULL is ignored.
 *
 * @param entry the entry.
 * @since 0.3.0
 */
BPACCT_API void bpacct_entry_free(bpacct_entry *entry);

/**
 * Encodes an entry.
 *
 * @param entry the entry.
 * @param[out] buf the buffer.
 * @param size its size (#BPACCT_RECORD_MAX always suffices).
 * @param[out] out_len the encoded length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_EBUFSIZE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_entry_encode(const bpacct_entry *entry, uint8_t *buf,
				   size_t size, size_t *out_len);

/**
 * Decodes an entry.
 *
 * @param entry the entry overwritten (only on success).
 * @param record the bytes.
 * @param len their length.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_EPARSE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_entry_decode(bpacct_entry *entry, const uint8_t *record,
				   size_t len);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_SYS_STORE_H */
