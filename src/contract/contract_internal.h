/*
 * The store contract (include/bpacct/sys/), the module the engine and the
 * stores both use, as SQLite keeps sqlite3_vfs apart from the VDBE: the
 * change set a store commits (change.c), the sinks it lists into
 * (sink.c), the versioned vtables' init functions (ops.c); the entries
 * and the record codecs have their own headers (entry_internal.h,
 * codec_internal.h).  Everything here is pure but entry_object.c (the
 * host-allocated entry): the engine owns the memory, the contract only
 * lays it out and reads and fills it.
 */
#ifndef BPACCT_CONTRACT_INTERNAL_H
#define BPACCT_CONTRACT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "bpacct/sys/store.h"
#include "contract/entry_internal.h"
#include "core/record_layout.h"

#define BPACCT__CHANGE_MAGIC 0x42504368u /* "BPCh" */
#define BPACCT__SINK_MAGIC 0x4250536bu   /* "BPSk" */

struct bpacct_change {
	uint32_t magic;
	int32_t has_account;
	int32_t has_request;
	uint32_t nentries;
	int64_t expected;
	int64_t revision;
	int64_t next_due;
	size_t account_len;
	size_t request_len;
	const char *account_id;
	const char *request_id;
	uint8_t account_rec[BPACCT_RECORD_MAX];
	uint8_t request_rec[BPACCT_RECORD_MAX];
	struct bpacct_entry entries[BPACCT__EFFECTS_MAX];
	size_t entry_len[BPACCT__EFFECTS_MAX];
	uint8_t entry_rec[BPACCT__EFFECTS_MAX][BPACCT__ENTRY_BYTES_MAX];
};

enum { BPACCT__SINK_IDS = 1, BPACCT__SINK_NOTICES = 2 };

/*
 * A sink collects what a store lists.  Stores list from the start every
 * time (due order, commit order), so a caller that must look past items it
 * already handled (notices that failed to go, accounts previewed) asks for
 * skip + cap items and the sink drops the first `skip`.
 */
struct bpacct_sink {
	uint32_t magic;
	int32_t kind;  /* BPACCT__SINK_* */
	uint32_t max;  /* the most the store may report: skip + cap */
	uint32_t skip; /* reported items to drop */
	uint32_t seen; /* items reported */
	uint32_t count; /* items kept */
	uint32_t unreadable; /* notices: reported, not a keyed notice */
	uint32_t cap;
	char (*ids)[BPACCT_ID_MAX];
	struct bpacct_entry *notices;
};

/* Sets up a sink of `kind` that keeps at most cap items in the arrays
 * the caller gives it afterwards (ids or notices). */
void bpacct__sink_init(struct bpacct_sink *s, int32_t kind, uint32_t cap);
/* Empties a sink before a listing that drops the first `skip` items. */
void bpacct__sink_reset(struct bpacct_sink *s, uint32_t skip);

/* Every caller-allocated struct starts with its uint32_t version
 * (convention A2): zeroes the `size` bytes at p and stamps version, which
 * must be 1 to `known` (BPACCT_EMISUSE otherwise). */
int bpacct__versioned_init(void *p, size_t size, uint32_t version,
			   uint32_t known);

#endif
