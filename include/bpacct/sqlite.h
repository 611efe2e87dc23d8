/**
 * @file bpacct/sqlite.h
 * @brief The SQLite store (libbpacct-sqlite): the embedded default for one
 *        engine on one machine, kept in a database file.
 * @defgroup bpacct_sqlite SQLite store
 * @{
 *
 * A separate library (`pkg-config bpacct-sqlite`), built when SQLite 3 is
 * found; the core library stays dependency-free.  It implements the store
 * operations of bpacct/sys/store.h and nothing else:
 *
 * - one SQLite transaction (`BEGIN IMMEDIATE` … `COMMIT`) per commit(),
 *   the compare-and-swap an `UPDATE … WHERE id = ? AND revision = ?`;
 * - the due sweep over an index on the next due instant;
 * - the outbox and the audit as tables, in commit order;
 * - a `schema_version` table, with forward migrations applied in order
 *   when the file is opened.
 *
 * Durability: the database runs in WAL mode with `synchronous=NORMAL`.  A
 * crash of the application loses nothing committed; a power loss or an
 * operating-system crash may lose the last transactions before the next
 * checkpoint, but never corrupts the file (docs/deployment.md).
 *
 * Errors: a store operation returns #BPACCT_EUSER for an SQLite failure
 * (#BPACCT_ENOMEM when SQLite is out of memory), and keeps the message,
 * read with bpacct_sqlite_store_last_error().  A store given an engine
 * with bpacct_sqlite_store_set_engine() also relays the message through
 * bpacct_engine_set_error(), so bpacct_engine_last_error() tells it.
 * A lock held by another connection for longer than the busy timeout
 * says "locked by another connection (waited N ms)", N being the time
 * really waited.
 *
 * Threads: a store is one SQLite connection, used by one engine at a
 * time.  Several processes may open the same file: SQLite serializes
 * their transactions (the busy timeout waits for the lock) and the
 * compare-and-swap keeps the accounts consistent.
 */
#ifndef BPACCT_SQLITE_H
#define BPACCT_SQLITE_H

#include "common.h"
#include "alloc.h"
#include "engine.h"

#if defined(BPACCT_DOXYGEN)
/** Marks the functions exported by libbpacct-sqlite: default visibility on
 *  GCC and Clang, dllexport/dllimport on Windows (keyed on
 *  `BUILDING_BPACCT_SQLITE` and `BPACCT_SQLITE_STATIC`, as #BPACCT_API is on
 *  `BUILDING_BPACCT` and `BPACCT_STATIC`). */
#define BPACCT_SQLITE_API
#elif defined(_WIN32) && !defined(BPACCT_SQLITE_STATIC)
#if defined(BUILDING_BPACCT_SQLITE)
#define BPACCT_SQLITE_API __declspec(dllexport)
#else
#define BPACCT_SQLITE_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define BPACCT_SQLITE_API __attribute__((visibility("default")))
#else
#define BPACCT_SQLITE_API
#endif

BPACCT_BEGIN_DECL

/** The SQLite store (opaque): one connection to one database file. */
typedef struct bpacct_sqlite_store bpacct_sqlite_store;

/** The newest schema version this library writes (schema_version). */
#define BPACCT_SQLITE_SCHEMA_VERSION 1

/** Milliseconds an operation waits for another connection's lock. */
#define BPACCT_SQLITE_BUSY_TIMEOUT_MS 5000

/**
 * Opens (creating if needed) a database file as a store: sets WAL mode,
 * `synchronous=NORMAL`, the busy timeout, and brings the schema up to
 * #BPACCT_SQLITE_SCHEMA_VERSION by applying the missing migrations in
 * order, in one transaction.  Several processes may open one new file at
 * once: the switch to WAL, which SQLite refuses at once while another
 * connection holds a lock, is retried within the busy timeout.
 *
 * @param[out] out the store.
 * @param path the file (UTF-8); ":memory:" for a private database.
 * @param allocator NULL for malloc/free (used for the store object;
 *        SQLite allocates its own memory).
 * @return #BPACCT_OK; #BPACCT_EINVAL (a NULL argument);
 *         #BPACCT_EMISUSE (a bad allocator version); #BPACCT_ENOMEM;
 *         #BPACCT_ENOTSUP (the file's schema is newer than this
 *         library); #BPACCT_EUSER (SQLite could not open or migrate the
 *         file: @p out then holds a store that only tells why, through
 *         bpacct_sqlite_store_last_error(), and must be closed).
 * @since 0.4.0
 */
BPACCT_SQLITE_API int bpacct_sqlite_store_open(bpacct_sqlite_store **out,
					       const char *path,
					       const bpacct_allocator *allocator);

/**
 * Closes a store (finalizes its statements, closes the connection, which
 * checkpoints the WAL when it is the last one); NULL is ignored.
 *
 * @param store the store.
 * @since 0.4.0
 */
BPACCT_SQLITE_API void bpacct_sqlite_store_close(bpacct_sqlite_store *store);

/**
 * The operations of the SQLite store, to put in
 * bpacct_engine_options::store with the store as @c store_userdata.
 *
 * @return a pointer to constant operations, never NULL.
 * @since 0.4.0
 */
BPACCT_SQLITE_API const bpacct_store_ops *bpacct_sqlite_store_ops(void);

/**
 * Names the engine that drives the store, so that an SQLite failure's
 * message is relayed with bpacct_engine_set_error(); NULL stops relaying.
 *
 * @param store the store.
 * @param engine the engine, or NULL; it must outlive the relaying.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.4.0
 */
BPACCT_SQLITE_API int bpacct_sqlite_store_set_engine(bpacct_sqlite_store *store,
						     bpacct_engine *engine);

/**
 * The message of the store's last SQLite failure; "" when there was none.
 *
 * @param store the store.
 * @return a string valid until the store's next operation, never NULL.
 * @since 0.4.0
 */
BPACCT_SQLITE_API const char *
bpacct_sqlite_store_last_error(const bpacct_sqlite_store *store);

/**
 * Counts of a store, read with one query each.
 *
 * @param store the store.
 * @param[out] out_accounts accounts stored; may be NULL.  A request about
 *        an account the store does not have stores a record in state
 *        none (the compare-and-swap anchor), which counts.
 * @param[out] out_outbox notices not yet delivered; may be NULL.
 * @param[out] out_audit audit entries; may be NULL.
 * @param[out] out_schema the file's schema version; may be NULL.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_EUSER.
 * @since 0.4.0
 */
BPACCT_SQLITE_API int bpacct_sqlite_store_stats(bpacct_sqlite_store *store,
						uint64_t *out_accounts,
						uint64_t *out_outbox,
						uint64_t *out_audit,
						int64_t *out_schema);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_SQLITE_H */
