/*
 * The in-memory store's layout, shared by its five files:
 * - memory.c        the public functions (the readers of the outbox and
 *                   the audit too) and the store operations;
 * - memory_commit.c the commit (compare-and-swap, reserve everything, then
 *                   write);
 * - memory_table.c  records by id (accounts, requests): a slot array and an
 *                   open-addressing hash index;
 * - memory_heap.c   the due-time 4-ary heap with lazy invalidation, due();
 * - memory_log.c    the outbox and the audit in an append-only arena.
 *
 * Every allocation goes through the store's allocator.  The store never
 * decodes a record: it keeps the columns the change hands it (id,
 * revision, next due, idempotency key) beside opaque bytes, and its
 * readers of the outbox and the audit hand those bytes to the contract's
 * bpacct_entry_decode().
 */
#ifndef BPACCT_STORE_MEMORY_INTERNAL_H
#define BPACCT_STORE_MEMORY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "bpacct/sys/store.h"
#include "support/alloc_internal.h"

#define BPACCT__MEMORY_MAGIC 0x42504d73u /* "BPMs" */
#define BPACCT__MEM_NONE UINT32_MAX      /* no such slot */

/* One stored record (an account or a request): 32 bytes, so that an
 * account with its index cells and heap entry stays far under 256 bytes.
 * The blob holds the id, a NUL (so that due() hands the id out without a
 * copy) and the encoded record; cap is its allocated size, so a record
 * that does not grow is rewritten in place without an allocation. */
typedef struct bpacct__mem_rec {
	uint8_t *blob;
	int64_t next_due;  /* accounts: the due column, or INSTANT_NONE */
	int64_t revision;  /* accounts: the compare-and-swap column */
	uint32_t stamp;    /* the stamp of the account's valid heap entry */
	uint16_t len;      /* the record's length */
	uint16_t cap;      /* the blob's size */
} bpacct__mem_rec;

/* Records by id.  cells[] is a power-of-two open-addressing table (linear
 * probing, load ≤ 1/2, no deletion: records are never removed); a cell is
 * (hash << 32) | (slot + 1), 0 when empty, so a probe compares hashes
 * without touching the record. */
typedef struct bpacct__mem_table {
	bpacct__mem_rec *recs;
	uint32_t count, cap;
	uint64_t *cells;
	uint32_t ncells;       /* 0 or a power of two */
	uint64_t blob_bytes;   /* bytes of every blob, for the stats */
	/* The last lookup (bpacct__mem_lookup): the engine reads a record
	 * and commits it right after, so a commit's lookup is usually the
	 * read's.  A slot found stays right (records never move or go);
	 * "none" stays right while count is unchanged.  last_n 0: empty. */
	char last_id[BPACCT_ID_MAX];
	size_t last_n;
	uint32_t last_hash, last_slot, last_count;
} bpacct__mem_table;

/* A heap entry: valid while the account's stamp and due are still these.
 * Stamps come from one 32-bit counter; a stale entry cannot live long
 * enough to meet its stamp again, because a full heap with a quarter of
 * stale entries is compacted (memory_heap.c) well before 2^32 pushes. */
typedef struct bpacct__mem_due {
	int64_t due;
	uint32_t slot;
	uint32_t stamp;
} bpacct__mem_due;

/* items[0..len) is the heap; items[len..len + parked) are the entries the
 * last due() listed (memory_heap.c says why they wait there). */
typedef struct bpacct__mem_heap {
	uint8_t *raw;          /* the allocation; items is aligned inside */
	bpacct__mem_due *items;
	uint32_t len, parked, cap;
	uint32_t live;         /* accounts with a due, i.e. valid entries */
	uint32_t next_stamp;
} bpacct__mem_heap;

/* A chunk of the append-only arena that holds outbox and audit bytes. */
typedef struct bpacct__mem_chunk {
	struct bpacct__mem_chunk *next;
	size_t used, cap;
	uint8_t data[];
} bpacct__mem_chunk;

/* An outbox notice: its key, then its encoded entry, in the arena. */
typedef struct bpacct__mem_notice {
	const uint8_t *bytes;
	uint32_t len;          /* of the encoded entry */
	uint16_t key_len;
	uint8_t delivered;
} bpacct__mem_notice;

/* An audit entry in the arena. */
typedef struct bpacct__mem_audit {
	const uint8_t *bytes;
	uint32_t len;
} bpacct__mem_audit;

/* An append-only list in fixed blocks of BPACCT__MEM_BLOCK items: growing
 * it never copies the items (a contiguous array doubling from a million
 * audit entries would copy 16 MiB in the middle of some unlucky tick). */
#define BPACCT__MEM_BLOCK 1024u
typedef struct bpacct__mem_list {
	uint8_t **blocks;
	uint32_t nblocks, dir_cap;
	uint32_t count;
} bpacct__mem_list;

typedef struct bpacct__mem_log {
	bpacct__mem_chunk *chunks;   /* newest first; appends go to it */
	bpacct__mem_list notices;    /* of bpacct__mem_notice */
	uint32_t first_pending;      /* no undelivered notice before it */
	uint32_t pending;
	uint64_t *cells;             /* notices by key, as in the tables */
	uint32_t ncells;
	bpacct__mem_list audit;      /* of bpacct__mem_audit */
} bpacct__mem_log;

static inline void *bpacct__mem_list_at(const bpacct__mem_list *l,
					uint32_t i, size_t size)
{
	return l->blocks[i / BPACCT__MEM_BLOCK] +
	       (size_t)(i % BPACCT__MEM_BLOCK) * size;
}

static inline bpacct__mem_notice *bpacct__mem_notice_at(
	const bpacct__mem_log *l, uint32_t i)
{
	return bpacct__mem_list_at(&l->notices, i, sizeof(bpacct__mem_notice));
}

static inline bpacct__mem_audit *bpacct__mem_audit_at(
	const bpacct__mem_log *l, uint32_t i)
{
	return bpacct__mem_list_at(&l->audit, i, sizeof(bpacct__mem_audit));
}

struct bpacct_memory_store {
	uint32_t magic;
	bpacct__alloc alloc;
	bpacct__mem_table accounts;
	bpacct__mem_table requests;
	bpacct__mem_heap heap;
	bpacct__mem_log log;
};

/* memory.c: the id's length when it is 1 to BPACCT_ID_MAX − 1 bytes,
 * else 0. */
size_t bpacct__mem_id_length(const char *id);

/* memory_commit.c: the store operation commit() on a valid store. */
int bpacct__mem_commit(bpacct_memory_store *s, const bpacct_change *change);

/* memory_table.c */
uint32_t bpacct__mem_hash(const char *s, size_t n);
uint32_t bpacct__mem_find(const bpacct__mem_table *t, const char *id,
			  size_t n, uint32_t hash);
/* bpacct__mem_find() through the last-lookup memory; *out_hash is the
 * id's hash, for an insert. */
uint32_t bpacct__mem_lookup(bpacct__mem_table *t, const char *id, size_t n,
			    uint32_t *out_hash);
int bpacct__mem_table_reserve(bpacct__mem_table *t, const bpacct__alloc *a,
			      uint32_t extra);
uint8_t *bpacct__mem_blob_new(const bpacct__alloc *a, size_t need,
			      size_t slack, uint16_t *out_cap);
uint32_t bpacct__mem_put(bpacct__mem_table *t, const bpacct__alloc *a,
			 uint32_t slot, uint32_t hash, uint8_t *blob,
			 uint16_t cap, const char *id, size_t n,
			 const uint8_t *record, size_t len);
const uint8_t *bpacct__mem_record(const bpacct__mem_rec *r, size_t *out_len);
void bpacct__mem_table_free(bpacct__mem_table *t, const bpacct__alloc *a);
uint64_t bpacct__mem_table_bytes(const bpacct__mem_table *t);
uint32_t bpacct__mem_cells_probe(const uint64_t *cells, uint32_t ncells,
				 uint32_t hash, uint32_t *io_pos);
int bpacct__mem_cells_grow(uint64_t **cells, uint32_t *ncells,
			   uint32_t want, const bpacct__alloc *a);
void bpacct__mem_cells_add(uint64_t *cells, uint32_t ncells, uint32_t hash,
			   uint32_t slot);

/* Where due() and outbox() report: the engine's sink in the store
 * operations, a test's own function in the unit tests. */
typedef int (*bpacct__mem_emit_id)(void *ctx, const char *id);
typedef int (*bpacct__mem_emit_entry)(void *ctx, const uint8_t *record,
				      size_t len);

/* memory_heap.c */
int bpacct__mem_heap_reserve(bpacct__mem_heap *h, const bpacct__alloc *a,
			     const bpacct__mem_rec *recs);
void bpacct__mem_heap_set(bpacct__mem_heap *h, bpacct__mem_rec *recs,
			  uint32_t slot, int64_t due);
int bpacct__mem_heap_due(bpacct__mem_heap *h, const bpacct__mem_rec *recs,
			 int64_t at, uint32_t max, bpacct__mem_emit_id emit,
			 void *ctx);
uint64_t bpacct__mem_heap_bytes(const bpacct__mem_heap *h);
void bpacct__mem_heap_free(bpacct__mem_heap *h, const bpacct__alloc *a);

/* memory_log.c */
int bpacct__mem_log_reserve(bpacct__mem_log *l, const bpacct__alloc *a,
			    uint32_t notices, uint32_t audits, size_t bytes);
void bpacct__mem_log_notice(bpacct__mem_log *l, const char *key, size_t n,
			    const uint8_t *record, size_t len);
void bpacct__mem_log_audit(bpacct__mem_log *l, const uint8_t *record,
			   size_t len);
uint32_t bpacct__mem_log_find(const bpacct__mem_log *l, const char *key,
			      size_t n);
int bpacct__mem_log_outbox(const bpacct__mem_log *l, uint32_t max,
			   bpacct__mem_emit_entry emit, void *ctx);
void bpacct__mem_log_delivered(bpacct__mem_log *l, uint32_t index);
void bpacct__mem_log_free(bpacct__mem_log *l, const bpacct__alloc *a);

#endif
