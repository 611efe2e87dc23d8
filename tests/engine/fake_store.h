/*
 * A small fake store and notifier for the engine tests, written only
 * against the extender API (include/bpacct/sys/store.h, notifier.h), the
 * way a host writes one (docs/engine.md has the same store as its worked
 * example).  Fixed arrays, no index: a linear scan is the clearest
 * statement of the contract.  It counts every call, logs their order, and
 * can be told to fail an operation or to report compare-and-swap
 * conflicts.
 */
#ifndef BPACCT_TEST_FAKE_STORE_H
#define BPACCT_TEST_FAKE_STORE_H

#include <bpacct/sys/notifier.h>
#include <bpacct/sys/store.h>

#define FS_RECORDS 16
#define FS_ENTRIES 128
#define FS_LOG 256

enum fs_op { FS_GET_ACCOUNT, FS_GET_REQUEST, FS_COMMIT, FS_DUE, FS_OUTBOX,
	     FS_MARK, FS_DELIVER, FS_OPS };

typedef struct fs_record {
	char id[BPACCT_ID_MAX];
	uint8_t bytes[BPACCT_RECORD_MAX];
	size_t len;
	int64_t revision;
	int64_t next_due;
} fs_record;

typedef struct fs_entry {
	uint8_t bytes[BPACCT_RECORD_MAX];
	size_t len;
	char key[128];
	int64_t type;
	int delivered;
} fs_entry;

typedef struct fake_store {
	fs_record accounts[FS_RECORDS];
	size_t naccounts;
	fs_record requests[FS_RECORDS];
	size_t nrequests;
	fs_entry entries[FS_ENTRIES];
	size_t nentries;
	unsigned calls[FS_OPS];
	int log[FS_LOG]; /* the order of the calls */
	size_t nlog;
	/* scripted failures: the next `fail_times` calls of fail_op return
	 * fail_rc, after relaying `relay` when it is set */
	int fail_op;
	int fail_rc;
	unsigned fail_times;
	const char *relay;
	unsigned conflicts; /* commits answered ECONFLICT first */
	bpacct_engine *engine; /* for set_error and re-entry */
	int reenter;           /* commit calls the engine back */
	int reenter_rc;
	/* the last change committed, as the store saw it */
	int64_t last_has_account, last_has_request, last_entries;
} fake_store;

typedef struct fake_notifier {
	unsigned fail_times; /* deliveries answered "not now" first */
	char keys[64][128];  /* keys delivered, in order */
	int64_t kinds[64];
	size_t count;
	fake_store *store; /* for the call log */
	bpacct_engine *engine;
	int reenter;
	int reenter_rc;
} fake_notifier;

static inline int fs_fail(fake_store *s, int op)
{
	s->calls[op]++;
	if (s->nlog < FS_LOG)
		s->log[s->nlog++] = op;
	if (s->fail_op != op || s->fail_times == 0)
		return 0;
	s->fail_times--;
	if (s->relay)
		bpacct_engine_set_error(s->engine, s->relay);
	return s->fail_rc;
}

static inline fs_record *fs_find(fs_record *rows, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].id, id) == 0)
			return &rows[i];
	return NULL;
}

static inline int fs_copy_out(const fs_record *r, uint8_t *buf, size_t size,
		       size_t *out_len)
{
	if (!r)
		return BPACCT_ENOTFOUND;
	if (r->len > size)
		return BPACCT_EBUFSIZE;
	memcpy(buf, r->bytes, r->len);
	*out_len = r->len;
	return 0;
}

static inline int fs_get_account(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *ud)
{
	fake_store *s = ud;
	int rc = fs_fail(s, FS_GET_ACCOUNT);
	return rc ? rc : fs_copy_out(fs_find(s->accounts, s->naccounts, id),
				     buf, size, out_len);
}

static inline int fs_get_request(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *ud)
{
	fake_store *s = ud;
	int rc = fs_fail(s, FS_GET_REQUEST);
	return rc ? rc : fs_copy_out(fs_find(s->requests, s->nrequests, id),
				     buf, size, out_len);
}

/* Writes one record (insert or replace). */
static inline void fs_put(fs_record *rows, size_t *n, const char *id,
		   const uint8_t *bytes, size_t len)
{
	fs_record *r = fs_find(rows, *n, id);

	if (!r) {
		r = &rows[(*n)++];
		strcpy(r->id, id);
	}
	memcpy(r->bytes, bytes, len);
	r->len = len;
}

/* Every check first, then every write: all of the change or none. */
static inline int fs_commit(const bpacct_change *c, void *ud)
{
	fake_store *s = ud;
	int64_t has_acc = 0, has_req = 0, n = 0, expected = 0, rev = 0,
		due = 0;
	const char *id = NULL;
	const uint8_t *rec = NULL;
	size_t len = 0;
	int rc = fs_fail(s, FS_COMMIT);

	if (rc)
		return rc;
	if (s->reenter) {
		bpacct_account *a = NULL;
		bpacct_account_new(&a, "x", NULL);
		s->reenter_rc = bpacct_engine_account(s->engine, "x", a);
		bpacct_account_free(a);
	}
	if (s->conflicts > 0) {
		s->conflicts--;
		return BPACCT_ECONFLICT;
	}
	bpacct_change_get_int(c, BPACCT_CHANGE_HAS_ACCOUNT, &has_acc);
	bpacct_change_get_int(c, BPACCT_CHANGE_HAS_REQUEST, &has_req);
	bpacct_change_get_int(c, BPACCT_CHANGE_ENTRY_COUNT, &n);
	if (s->nentries + (size_t)n > FS_ENTRIES ||
	    s->naccounts == FS_RECORDS || s->nrequests == FS_RECORDS)
		return BPACCT_EUSER; /* full: a host error */
	if (has_acc) {
		fs_record *r;

		bpacct_change_get_int(c, BPACCT_CHANGE_EXPECTED_REVISION,
				      &expected);
		bpacct_change_get_int(c, BPACCT_CHANGE_REVISION, &rev);
		bpacct_change_get_int(c, BPACCT_CHANGE_NEXT_DUE, &due);
		bpacct_change_account(c, &id, &rec, &len);
		r = fs_find(s->accounts, s->naccounts, id);
		if ((r ? r->revision : 0) != expected)
			return BPACCT_ECONFLICT; /* another engine won */
		fs_put(s->accounts, &s->naccounts, id, rec, len);
		r = fs_find(s->accounts, s->naccounts, id);
		r->revision = rev;
		r->next_due = due;
	}
	if (has_req) {
		bpacct_change_request(c, &id, &rec, &len);
		fs_put(s->requests, &s->nrequests, id, rec, len);
	}
	for (uint32_t i = 0; i < (uint32_t)n; i++) {
		fs_entry *e = &s->entries[s->nentries++];
		const bpacct_entry *entry = NULL;
		const char *key = NULL;

		bpacct_change_entry(c, i, &entry, &rec, &len);
		bpacct_entry_get_int(entry, BPACCT_FIELD_ENTRY_TYPE, &e->type);
		bpacct_entry_get_text(entry, BPACCT_FIELD_KEY, &key);
		strcpy(e->key, key);
		memcpy(e->bytes, rec, len);
		e->len = len;
		e->delivered = 0;
	}
	s->last_has_account = has_acc;
	s->last_has_request = has_req;
	s->last_entries = n;
	return 0;
}

/* Earliest first, ties by id; at most max. */
static inline int fs_due(int64_t at, uint32_t max, bpacct_sink *sink, void *ud)
{
	fake_store *s = ud;
	int rc = fs_fail(s, FS_DUE);
	const char *last = "";
	int64_t last_due = INT64_MIN;

	for (uint32_t k = 0; !rc && k < max; k++) {
		const fs_record *best = NULL;

		for (size_t i = 0; i < s->naccounts; i++) {
			const fs_record *r = &s->accounts[i];
			int after = r->next_due > last_due ||
				    (r->next_due == last_due &&
				     strcmp(r->id, last) > 0);
			if (r->next_due == BPACCT_INSTANT_NONE ||
			    r->next_due > at || !after)
				continue;
			if (!best || r->next_due < best->next_due ||
			    (r->next_due == best->next_due &&
			     strcmp(r->id, best->id) < 0))
				best = r;
		}
		if (!best)
			break;
		rc = bpacct_sink_add_id(sink, best->id);
		last = best->id;
		last_due = best->next_due;
	}
	return rc;
}

static inline int fs_outbox(uint32_t max, bpacct_sink *sink, void *ud)
{
	fake_store *s = ud;
	int rc = fs_fail(s, FS_OUTBOX);
	uint32_t listed = 0;

	for (size_t i = 0; !rc && i < s->nentries && listed < max; i++) {
		const fs_entry *e = &s->entries[i];
		if (e->type != BPACCT_ENTRY_NOTICE || e->delivered)
			continue;
		rc = bpacct_sink_add_entry(sink, e->bytes, e->len);
		listed++;
	}
	return rc;
}

static inline int fs_mark(const char *key, void *ud)
{
	fake_store *s = ud;
	int rc = fs_fail(s, FS_MARK);

	if (rc)
		return rc;
	for (size_t i = 0; i < s->nentries; i++)
		if (s->entries[i].type == BPACCT_ENTRY_NOTICE &&
		    strcmp(s->entries[i].key, key) == 0) {
			s->entries[i].delivered = 1;
			return 0;
		}
	return BPACCT_ENOTFOUND;
}

static const bpacct_store_ops fs_ops = {
	BPACCT_STORE_OPS_VERSION, fs_get_account, fs_get_request, fs_commit,
	fs_due, fs_outbox, fs_mark
};

static inline int fn_deliver(const bpacct_entry *notice, void *ud)
{
	fake_notifier *n = ud;
	const char *key = NULL;

	fs_fail(n->store, FS_DELIVER);
	if (n->reenter) {
		bpacct_event ev;
		bpacct_event_init(&ev, BPACCT_EVENT_VERSION, BPACCT_INPUT_USE,
				  0);
		n->reenter_rc = bpacct_engine_submit(n->engine, "x", &ev);
	}
	if (n->fail_times > 0) {
		n->fail_times--;
		return BPACCT_EUSER; /* "not now" */
	}
	bpacct_entry_get_text(notice, BPACCT_FIELD_KEY, &key);
	strcpy(n->keys[n->count], key);
	bpacct_entry_get_int(notice, BPACCT_FIELD_KIND, &n->kinds[n->count]);
	n->count++;
	return 0;
}

static const bpacct_notifier_ops fn_ops = { BPACCT_NOTIFIER_OPS_VERSION,
					    fn_deliver };

/* The position of the first call of op in the log at or after `from`,
 * or -1. */
static inline int fs_logged(const fake_store *s, int op, int from)
{
	for (size_t i = (size_t)from; i < s->nlog; i++)
		if (s->log[i] == op)
			return (int)i;
	return -1;
}

/* Undelivered notices in the store. */
static inline size_t fs_pending(const fake_store *s)
{
	size_t n = 0;
	for (size_t i = 0; i < s->nentries; i++)
		n += s->entries[i].type == BPACCT_ENTRY_NOTICE &&
		     !s->entries[i].delivered;
	return n;
}

#endif
