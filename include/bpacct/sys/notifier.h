/**
 * @file bpacct/sys/notifier.h
 * @brief The extender API for notification: how the engine hands a notice
 *        to the host for delivery.
 * @defgroup bpacct_notifier Notifier (extender API)
 * @{
 *
 * The engine calls deliver() for each notice in the outbox, only after the
 * change that owes it was committed.  A return of 0 means delivered (the
 * engine marks it in the store); any error means "not now": the notice
 * stays in the outbox and the next tick or bpacct_engine_deliver() tries
 * again.  Delivery is therefore at least once; the notice's idempotency key
 * (#BPACCT_FIELD_KEY, stable across retries) lets the host's channel drop a
 * redelivery, which makes it exactly once end to end.
 */
#ifndef BPACCT_SYS_NOTIFIER_H
#define BPACCT_SYS_NOTIFIER_H

#include "../common.h"
#include "../engine.h"

BPACCT_BEGIN_DECL

/** The version of #bpacct_notifier_ops this header describes. */
#define BPACCT_NOTIFIER_OPS_VERSION 1

/** The operations of a notifier. */
struct bpacct_notifier_ops {
	/** Must be #BPACCT_NOTIFIER_OPS_VERSION (or older). */
	uint32_t version;
	/**
	 * Delivers one notice (required).
	 * @param notice the notice: read it with bpacct_entry_get_int() and
	 *        bpacct_entry_get_text() during the call.
	 * @param userdata the engine options' @c notifier_userdata.
	 * @return 0 when delivered; a negative status to retry later.
	 * @since 1
	 */
	int BPACCT_CALLBACK(deliver)(const bpacct_entry *notice,
				     void *userdata);
};

/** Static initializer of #bpacct_notifier_ops with no operation. */
#define BPACCT_NOTIFIER_OPS_INIT { BPACCT_NOTIFIER_OPS_VERSION, NULL }

/**
 * Fills @p ops with no operation for @p version (for FFI).
 *
 * @param ops the struct to fill.
 * @param version #BPACCT_NOTIFIER_OPS_VERSION or older.
 * @return #BPACCT_OK, or #BPACCT_EMISUSE.
 * @since 0.3.0
 */
BPACCT_API int bpacct_notifier_ops_init(bpacct_notifier_ops *ops,
					uint32_t version);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_SYS_NOTIFIER_H */
