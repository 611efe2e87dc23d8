/**
 * @file bpacct/postgres.h
 * @brief The PostgreSQL store (libbpacct-postgres): many engines, on many
 *        machines, sharing one database.
 * @defgroup bpacct_postgres PostgreSQL store
 * @{
 *
 * A separate library (`pkg-config bpacct-postgres`), built when libpq is
 * found; the core library stays dependency-free.  It implements the store
 * operations of bpacct/sys/store.h and nothing else:
 *
 * - one transaction per commit(), the compare-and-swap an
 *   `UPDATE accounts … WHERE id = $1 AND revision = $2` (a new account:
 *   `INSERT … ON CONFLICT DO NOTHING`); no row changed is
 *   #BPACCT_ECONFLICT and a `ROLLBACK`;
 * - due() and outbox() **claim** what they list, with
 *   `FOR UPDATE SKIP LOCKED` and a short lease (#BPACCT_POSTGRES_LEASE_S),
 *   so that engines sharing the database share the work instead of doing
 *   it twice; the compare-and-swap keeps it correct whatever a lease does;
 * - a `schema_version` table, with forward migrations applied at open
 *   under an advisory lock, so that processes opening at once do not race;
 * - prepared statements; text parameters, records as binary `bytea`.
 *
 * Connection loss: an operation that finds the connection broken resets
 * it once (PQreset) and prepares its statements again.  A read is then
 * retried; a commit is not (it may or may not have been applied: the
 * engine's caller retries the call, which the compare-and-swap makes
 * safe).  When the reset fails the operation returns #BPACCT_EUSER with
 * a message saying so.  A commit that leaves its session out of step
 * (still in pipeline mode, or a transaction still open after `ROLLBACK`)
 * resets the connection too, so that the next commit cannot save the
 * refused change, and returns #BPACCT_EUSER; a `COMMIT` that the server
 * answers with the tag `ROLLBACK` is #BPACCT_EUSER as well.  A change of
 * more than `UINT16_MAX` entries, or with an empty record or one longer
 * than #BPACCT_RECORD_MAX, is #BPACCT_EINVAL before anything is sent.
 *
 * Errors: #BPACCT_EUSER for a PostgreSQL failure, its message kept (read
 * it with bpacct_postgres_store_last_error(), and relayed to the engine
 * given by bpacct_postgres_store_set_engine()); a deadlock or
 * serialization failure is #BPACCT_ECONFLICT (the engine re-reads).
 *
 * Threads: a store is one connection, used by one engine at a time.  Any
 * number of stores, in any number of processes, may open one database.
 */
#ifndef BPACCT_POSTGRES_H
#define BPACCT_POSTGRES_H

#include "common.h"
#include "alloc.h"
#include "engine.h"

#if defined(BPACCT_DOXYGEN)
/** Marks the functions exported by libbpacct-postgres: default visibility on
 *  GCC and Clang, dllexport/dllimport on Windows (keyed on
 *  `BUILDING_BPACCT_POSTGRES` and `BPACCT_POSTGRES_STATIC`, as #BPACCT_API is on
 *  `BUILDING_BPACCT` and `BPACCT_STATIC`). */
#define BPACCT_POSTGRES_API
#elif defined(_WIN32) && !defined(BPACCT_POSTGRES_STATIC)
#if defined(BUILDING_BPACCT_POSTGRES)
#define BPACCT_POSTGRES_API __declspec(dllexport)
#else
#define BPACCT_POSTGRES_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define BPACCT_POSTGRES_API __attribute__((visibility("default")))
#else
#define BPACCT_POSTGRES_API
#endif

BPACCT_BEGIN_DECL

/** The PostgreSQL store (opaque): one connection to one database. */
typedef struct bpacct_postgres_store bpacct_postgres_store;

/** The newest schema version this library writes (schema_version). */
#define BPACCT_POSTGRES_SCHEMA_VERSION 2

/** Seconds a claim of due() or outbox() holds when its engine dies. */
#define BPACCT_POSTGRES_LEASE_S 30

/**
 * Connects to a database and makes it a store: brings the schema (in the
 * connection's search_path) up to #BPACCT_POSTGRES_SCHEMA_VERSION by
 * applying the missing migrations in order, in one transaction under an
 * advisory lock, then prepares the statements.
 *
 * @param[out] out the store.
 * @param conninfo a libpq connection string, e.g.
 *        "host=/tmp/pg dbname=bpacct" or a postgresql:// URI.
 * @param allocator NULL for malloc/free (used for the store object; libpq
 *        allocates its own memory).
 * @return #BPACCT_OK; #BPACCT_EINVAL (a NULL argument); #BPACCT_EMISUSE
 *         (a bad allocator version); #BPACCT_ENOMEM; #BPACCT_ENOTSUP (the
 *         database's schema is newer than this library); #BPACCT_EUSER
 *         (no connection, or the migration failed: @p out then holds a
 *         store that only tells why, through
 *         bpacct_postgres_store_last_error(), and must be closed).
 * @since 0.4.0
 */
BPACCT_POSTGRES_API int
bpacct_postgres_store_open(bpacct_postgres_store **out, const char *conninfo,
			   const bpacct_allocator *allocator);

/**
 * Releases the store's claims, closes the connection and frees the store;
 * NULL is ignored.
 *
 * @param store the store.
 * @since 0.4.0
 */
BPACCT_POSTGRES_API void
bpacct_postgres_store_close(bpacct_postgres_store *store);

/**
 * The operations of the PostgreSQL store, to put in
 * bpacct_engine_options::store with the store as @c store_userdata.
 *
 * @return a pointer to constant operations, never NULL.
 * @since 0.4.0
 */
BPACCT_POSTGRES_API const bpacct_store_ops *bpacct_postgres_store_ops(void);

/**
 * Names the engine that drives the store, so that a PostgreSQL failure's
 * message is relayed with bpacct_engine_set_error(); NULL stops relaying.
 *
 * @param store the store.
 * @param engine the engine, or NULL; it must outlive the relaying.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.4.0
 */
BPACCT_POSTGRES_API int
bpacct_postgres_store_set_engine(bpacct_postgres_store *store,
				 bpacct_engine *engine);

/**
 * The message of the store's last PostgreSQL failure; "" when there was
 * none.
 *
 * @param store the store.
 * @return a string valid until the store's next operation, never NULL.
 * @since 0.4.0
 */
BPACCT_POSTGRES_API const char *
bpacct_postgres_store_last_error(const bpacct_postgres_store *store);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_POSTGRES_H */
