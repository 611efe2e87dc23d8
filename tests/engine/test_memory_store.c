/*
 * The in-memory store (issue 4): its contract checked directly, on its
 * internal parts where the public API cannot reach (the due heap against a
 * brute-force reference, the outbox log), and through a real engine
 * (compare-and-swap, atomic commits under allocation failure, due order,
 * batches, the outbox, stats) in test_memory_engine.h.
 */
#include "test_memory_support.h"

#define HN 200 /* accounts of the heap fixture */

/* Accounts as the heap sees them: slots with an id blob, and a reference
 * model (due and the order in which it was scheduled). */
typedef struct heap_fixture {
	bpacct__mem_rec recs[HN];
	char ids[HN][8];
	bpacct__mem_heap heap;
	bpacct__alloc alloc;
	int64_t ref_due[HN];
} heap_fixture;

static void hf_init(heap_fixture *f)
{
	memset(f, 0, sizeof *f);
	for (uint32_t i = 0; i < HN; i++) {
		snprintf(f->ids[i], sizeof f->ids[i], "a%03u", i);
		f->recs[i].blob = (uint8_t *)f->ids[i];
		f->recs[i].next_due = BPACCT_INSTANT_NONE;
		f->ref_due[i] = BPACCT_INSTANT_NONE;
	}
}

static void hf_set(heap_fixture *f, uint32_t i, int64_t due)
{
	if (due != BPACCT_INSTANT_NONE)
		assert_int_equal(bpacct__mem_heap_reserve(&f->heap, &f->alloc,
							  f->recs),
				 BPACCT_OK);
	bpacct__mem_heap_set(&f->heap, f->recs, i, due);
	f->ref_due[i] = due;
}

/* The reference answer: accounts due at or before `at`, by (due, id) as
 * the SQL stores order them (the ids "a000".. sort as their index), the
 * first `max`. */
static uint32_t hf_expected(const heap_fixture *f, int64_t at, uint32_t max,
			    uint32_t *out)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < HN; i++) {
		uint32_t k;
		if (f->ref_due[i] == BPACCT_INSTANT_NONE || f->ref_due[i] > at)
			continue;
		/* insertion sort: HN is small */
		for (k = n; k > 0; k--) {
			uint32_t j = out[k - 1];
			if (f->ref_due[j] < f->ref_due[i] ||
			    (f->ref_due[j] == f->ref_due[i] &&
			     strcmp(f->ids[j], f->ids[i]) < 0))
				break;
			out[k] = j;
		}
		out[k] = i;
		n++;
	}
	return n < max ? n : max;
}

static void hf_check_due(heap_fixture *f, int64_t at, uint32_t max)
{
	static tm_list got;
	uint32_t want[HN];
	uint32_t n = hf_expected(f, at, max, want);

	for (int pass = 0; pass < 2; pass++) {
		/* Twice: listing consumes nothing. */
		memset(&got, 0, sizeof got);
		assert_int_equal(bpacct__mem_heap_due(&f->heap, f->recs, at,
						      max, tm_emit_id, &got),
				 BPACCT_OK);
		assert_int_equal(got.n, n);
		for (uint32_t k = 0; k < n; k++)
			assert_string_equal(got.ids[k], f->ids[want[k]]);
	}
}

static void test_heap_due_matches_brute_force_over_random_updates(
	void **state)
{
	static heap_fixture f;
	uint32_t stale_bound = 0;

	(void)state;
	hf_init(&f);
	srand(4);
	for (int step = 0; step < 20000; step++) {
		uint32_t i = (uint32_t)rand() % HN;
		/* small range: many ties; 1 in 8 clears the due */
		int64_t due = rand() % 8 == 0 ? BPACCT_INSTANT_NONE
			      : (int64_t)(rand() % 64);

		hf_set(&f, i, due);
		if (step % 16 == 0)
			hf_check_due(&f, rand() % 70 - 3,
				     (uint32_t)rand() % (HN + 20));
		if (f.heap.len + f.heap.parked > stale_bound)
			stale_bound = f.heap.len + f.heap.parked;
	}
	/* Lazy invalidation stays bounded: compaction keeps the heap within
	 * a small multiple of the accounts, never one entry per update. */
	assert_true(stale_bound <= 4 * HN);
	bpacct__mem_heap_free(&f.heap, &f.alloc);
}

static void test_heap_due_lists_each_account_once_in_due_order(void **state)
{
	static heap_fixture f;
	static tm_list got;

	(void)state;
	hf_init(&f);
	/* a005 is rescheduled three times: two stale entries remain */
	hf_set(&f, 5, 30);
	hf_set(&f, 7, 10);
	hf_set(&f, 5, 5);
	hf_set(&f, 9, 20);
	hf_set(&f, 5, 15);
	hf_set(&f, 3, 100);
	assert_int_equal(f.heap.len, 6);
	assert_int_equal(bpacct__mem_heap_due(&f.heap, f.recs, 50, 10,
					      tm_emit_id, &got),
			 BPACCT_OK);
	assert_int_equal(got.n, 3);
	assert_string_equal(got.ids[0], "a007");
	assert_string_equal(got.ids[1], "a005");
	assert_string_equal(got.ids[2], "a009");
	/* The stale entries met on the way were dropped; the listed ones
	 * wait, parked, for the next call. */
	assert_int_equal(f.heap.len, 1);
	assert_int_equal(f.heap.parked, 3);
	/* a007 moved on: the next call lists the other two again */
	hf_set(&f, 7, 80);
	hf_check_due(&f, 50, 10);
	bpacct__mem_heap_free(&f.heap, &f.alloc);
}

static void test_heap_due_respects_max_and_at(void **state)
{
	static heap_fixture f;
	static tm_list got;

	(void)state;
	hf_init(&f);
	for (uint32_t i = 0; i < 10; i++)
		hf_set(&f, i, 100 - (int64_t)i * 10); /* a009 first */
	assert_int_equal(bpacct__mem_heap_due(&f.heap, f.recs, 45, 2,
					      tm_emit_id, &got),
			 BPACCT_OK);
	assert_int_equal(got.n, 2);
	assert_string_equal(got.ids[0], "a009");
	assert_string_equal(got.ids[1], "a008");
	memset(&got, 0, sizeof got);
	assert_int_equal(bpacct__mem_heap_due(&f.heap, f.recs, 9, 10,
					      tm_emit_id, &got),
			 BPACCT_OK);
	assert_int_equal(got.n, 0);
	assert_int_equal(bpacct__mem_heap_due(&f.heap, f.recs, 1000, 0,
					      tm_emit_id, &got),
			 BPACCT_OK);
	assert_int_equal(got.n, 0);
	bpacct__mem_heap_free(&f.heap, &f.alloc);
}

static void test_heap_due_sink_error_keeps_every_entry(void **state)
{
	static heap_fixture f;
	static tm_list got;

	(void)state;
	hf_init(&f);
	for (uint32_t i = 0; i < 6; i++)
		hf_set(&f, i, (int64_t)i);
	got.fail_at = 3;
	assert_int_equal(bpacct__mem_heap_due(&f.heap, f.recs, 100, 10,
					      tm_emit_id, &got),
			 BPACCT_EUSER);
	assert_int_equal(got.n, 2);
	hf_check_due(&f, 100, 10);
	bpacct__mem_heap_free(&f.heap, &f.alloc);
}

/* Appends one notice to a bare log, as a commit would. */
static void log_notice(bpacct__mem_log *l, const bpacct__alloc *a,
		       const char *key, const char *body)
{
	assert_int_equal(bpacct__mem_log_reserve(l, a, 1, 0,
						 strlen(key) + strlen(body)),
			 BPACCT_OK);
	bpacct__mem_log_notice(l, key, strlen(key), (const uint8_t *)body,
			       strlen(body));
}

static void check_outbox(const bpacct__mem_log *l, uint32_t max,
			 const char *const *want, uint32_t n)
{
	static tm_list got;

	memset(&got, 0, sizeof got);
	assert_int_equal(bpacct__mem_log_outbox(l, max, tm_emit_entry, &got),
			 BPACCT_OK);
	assert_int_equal(got.n, n);
	for (uint32_t k = 0; k < n; k++) {
		assert_int_equal(got.lens[k], strlen(want[k]));
		assert_memory_equal(got.ids[k], want[k], got.lens[k]);
	}
}

static void test_outbox_lists_undelivered_in_commit_order(void **state)
{
	static bpacct__mem_log l;
	bpacct__alloc a = { NULL, NULL, NULL };
	const char *const all[] = { "n1", "n2", "n3", "n4" };
	const char *const rest[] = { "n1", "n3" };
	const char *const last[] = { "n3" };

	(void)state;
	log_notice(&l, &a, "k1", "n1");
	log_notice(&l, &a, "k2", "n2");
	log_notice(&l, &a, "k3", "n3");
	log_notice(&l, &a, "k4", "n4");
	check_outbox(&l, 10, all, 4);
	check_outbox(&l, 2, all, 2);
	bpacct__mem_log_delivered(&l, bpacct__mem_log_find(&l, "k2", 2));
	bpacct__mem_log_delivered(&l, bpacct__mem_log_find(&l, "k4", 2));
	check_outbox(&l, 10, rest, 2);
	/* Marking again changes nothing (idempotent). */
	bpacct__mem_log_delivered(&l, bpacct__mem_log_find(&l, "k2", 2));
	assert_int_equal(l.pending, 2);
	bpacct__mem_log_delivered(&l, bpacct__mem_log_find(&l, "k1", 2));
	check_outbox(&l, 10, last, 1);
	assert_int_equal(l.first_pending, 2);
	assert_int_equal(bpacct__mem_log_find(&l, "k5", 2), BPACCT__MEM_NONE);
	bpacct__mem_log_free(&l, &a);
}

static void test_table_keeps_every_record_across_growth(void **state)
{
	static bpacct__mem_table t;
	bpacct__alloc a = { NULL, NULL, NULL };
	char id[16];

	(void)state;
	for (uint32_t i = 0; i < 5000; i++) {
		size_t n = (size_t)snprintf(id, sizeof id, "ACC%u", i * 7919u);
		uint16_t cap = 0;
		uint8_t *blob = bpacct__mem_blob_new(&a, n + 1 + 4, 0, &cap);

		assert_non_null(blob);
		assert_int_equal(bpacct__mem_table_reserve(&t, &a, 1),
				 BPACCT_OK);
		assert_int_equal(bpacct__mem_put(&t, &a, BPACCT__MEM_NONE,
						 bpacct__mem_hash(id, n), blob,
						 cap, id, n,
						 (const uint8_t *)&i, 4),
				 i);
	}
	for (uint32_t i = 0; i < 5000; i++) {
		size_t n = (size_t)snprintf(id, sizeof id, "ACC%u", i * 7919u);
		size_t len = 0;
		uint32_t slot = bpacct__mem_find(&t, id, n,
						 bpacct__mem_hash(id, n));

		assert_int_equal(slot, i);
		assert_memory_equal(bpacct__mem_record(&t.recs[slot], &len),
				    &i, 4);
		assert_int_equal(len, 4);
	}
	/* A prefix of an id is another id. */
	assert_int_equal(bpacct__mem_find(&t, "ACC", 3,
					  bpacct__mem_hash("ACC", 3)),
			 BPACCT__MEM_NONE);
	/* Load ≤ 1/2. */
	assert_true(t.ncells >= 2 * t.count);
	bpacct__mem_table_free(&t, &a);
}

#include "test_memory_engine.h"

/* Integer field `field` of entry e. */
static int64_t tm_entry_int(const bpacct_entry *e, int32_t field)
{
	int64_t v = 0;

	assert_int_equal(bpacct_entry_get_int(e, field, &v), BPACCT_OK);
	return v;
}

/* Text field `field` of entry e. */
static const char *tm_entry_text(const bpacct_entry *e, int32_t field)
{
	const char *v = NULL;

	assert_int_equal(bpacct_entry_get_text(e, field, &v), BPACCT_OK);
	return v;
}

/* Audit entry i is input `input` by `actor` at `at`, from `from` to `to`. */
static void tm_audit_is(const bpacct_memory_store *s, bpacct_entry *e,
			uint32_t i, int32_t input, int32_t actor,
			const char *at, int32_t from, int32_t to)
{
	assert_int_equal(bpacct_memory_store_audit_at(s, i, e), BPACCT_OK);
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_ENTRY_TYPE),
			 BPACCT_ENTRY_AUDIT);
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_INPUT), input);
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_ACTOR), actor);
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_AT), tst_at(at));
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_FROM), from);
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_TO), to);
	assert_string_equal(tm_entry_text(e, BPACCT_FIELD_ACCOUNT), "A1");
}

/* A BP-A case (BP-R2, BP-R3, BP-R6, E4) read back from the store: the
 * audit holds the issue (08:00, officer), the acceptance of the
 * enterprise's application (09:00, owner) and the cancellation by the
 * system at its due instant 11:00 (not at the tick's 11:01), in that
 * order; the outbox holds the one cancellation notice to the owner and
 * the holder, keyed A1/3/0 (revision 3), delivered. */
static void test_memory_store_reads_bp_case_outbox_and_audit(void **state)
{
	bpacct_memory_store *s = NULL;
	bpacct_entry *e = NULL;
	tm_notifier nt = { 0 };
	bpacct_engine *eng;
	uint32_t n = 9;
	int32_t delivered = 9;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	assert_int_equal(bpacct_entry_new(&e, NULL), BPACCT_OK);
	eng = tm_engine(bpacct_memory_store_ops(), s, &nt, NULL, 0);
	assert_int_equal(bpacct_memory_store_outbox_count(s, &n), BPACCT_OK);
	assert_int_equal(n, 0);
	tm_issue(eng, "A1", TM_ISSUED);
	tm_apply(eng, "A1", "Q1", TM_APPLIED);
	assert_int_equal(bpacct_engine_tick(eng, tst_at(TM_AFTER)), BPACCT_OK);

	assert_int_equal(bpacct_memory_store_audit_count(s, &n), BPACCT_OK);
	assert_int_equal(n, 3);
	tm_audit_is(s, e, 0, BPACCT_INPUT_ISSUE, BPACCT_ACTOR_OFFICER,
		    TM_ISSUED, BPACCT_STATE_NONE, BPACCT_STATE_ACTIVE);
	tm_audit_is(s, e, 1, BPACCT_INPUT_REQUEST, BPACCT_ACTOR_OWNER,
		    TM_APPLIED, BPACCT_STATE_ACTIVE, BPACCT_STATE_ACTIVE);
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_ACCEPTED);
	assert_string_equal(tm_entry_text(e, BPACCT_FIELD_REQUEST), "Q1");
	tm_audit_is(s, e, 2, BPACCT_INPUT_TICK, BPACCT_ACTOR_SYSTEM, TM_DUE,
		    BPACCT_STATE_ACTIVE, BPACCT_STATE_CANCELLED);
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_CASE),
			 BPACCT_CASE_BP_A);

	assert_int_equal(bpacct_memory_store_outbox_count(s, &n), BPACCT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(bpacct_memory_store_outbox_at(s, 0, e, &delivered),
			 BPACCT_OK);
	assert_int_equal(delivered, 1);
	assert_int_equal(nt.n, 1);
	assert_string_equal(nt.keys[0], "A1/3/0");
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_ENTRY_TYPE),
			 BPACCT_ENTRY_NOTICE);
	assert_string_equal(tm_entry_text(e, BPACCT_FIELD_KEY), "A1/3/0");
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_CANCELLATION);
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	assert_string_equal(tm_entry_text(e, BPACCT_FIELD_OWNER_ID),
			    "0100109106");
	assert_string_equal(tm_entry_text(e, BPACCT_FIELD_HOLDER_ID),
			    "001090012345");
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_AT), tst_at(TM_DUE));
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_ENTRY_REVISION), 3);
	/* NULL: the caller does not ask whether it was delivered */
	assert_int_equal(bpacct_memory_store_outbox_at(s, 0, e, NULL),
			 BPACCT_OK);
	bpacct_engine_free(eng);
	bpacct_entry_free(e);
	bpacct_memory_store_free(s);
}

/* Notices that fail stay in the outbox, read as undelivered; after a
 * delivery that succeeds the same notices read as delivered, in the same
 * (commit) order. */
static void test_memory_store_outbox_at_says_if_delivered(void **state)
{
	bpacct_memory_store *s = NULL;
	bpacct_entry *e = NULL;
	tm_notifier nt = { 0 };
	bpacct_engine *eng;
	const char *keys[] = { "A1/3/0", "A2/3/0" };
	uint32_t n = 0, pending = 9;
	int32_t delivered = 9;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	assert_int_equal(bpacct_entry_new(&e, NULL), BPACCT_OK);
	nt.rc = BPACCT_EUSER;
	eng = tm_engine(bpacct_memory_store_ops(), s, &nt, NULL, 0);
	tm_issue(eng, "A1", TM_ISSUED);
	tm_issue(eng, "A2", TM_ISSUED);
	tm_apply(eng, "A1", "Q1", TM_APPLIED);
	tm_apply(eng, "A2", "Q2", "2026-11-16T09:30:00+07:00");
	/* both cancellations (11:00, 11:30) owe a notice; both fail */
	assert_int_equal(bpacct_engine_tick(eng, tst_at("2026-11-16T12:00:00"
							"+07:00")),
			 BPACCT_OK);
	assert_int_equal(bpacct_memory_store_outbox_count(s, &n), BPACCT_OK);
	assert_int_equal(n, 2);
	for (uint32_t i = 0; i < 2; i++) {
		assert_int_equal(bpacct_memory_store_outbox_at(s, i, e,
							       &delivered),
				 BPACCT_OK);
		assert_int_equal(delivered, 0);
		assert_string_equal(tm_entry_text(e, BPACCT_FIELD_KEY),
				    keys[i]);
	}
	nt.rc = BPACCT_OK;
	assert_int_equal(bpacct_engine_deliver(eng, &pending), BPACCT_OK);
	assert_int_equal(pending, 0);
	assert_int_equal(bpacct_memory_store_outbox_count(s, &n), BPACCT_OK);
	assert_int_equal(n, 2); /* delivered notices are still listed */
	for (uint32_t i = 0; i < 2; i++) {
		assert_int_equal(bpacct_memory_store_outbox_at(s, i, e,
							       &delivered),
				 BPACCT_OK);
		assert_int_equal(delivered, 1);
		assert_string_equal(tm_entry_text(e, BPACCT_FIELD_KEY),
				    keys[i]);
	}
	bpacct_engine_free(eng);
	bpacct_entry_free(e);
	bpacct_memory_store_free(s);
}

/* An index past the end is BPACCT_ENOTFOUND and leaves the entry as it
 * was; a NULL store or entry is BPACCT_EINVAL; a pointer that is not a
 * memory store, or an entry that is not an entry, BPACCT_EMISUSE. */
static void test_memory_store_index_past_the_end_is_enotfound(void **state)
{
	bpacct_memory_store *s = NULL;
	bpacct_entry *e = NULL;
	bpacct_engine *eng;
	uint32_t foreign[64] = { 0 };
	uint32_t n = 9;
	int32_t delivered = 9;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	assert_int_equal(bpacct_entry_new(&e, NULL), BPACCT_OK);
	/* empty: index 0 is already past the end */
	assert_int_equal(bpacct_memory_store_outbox_at(s, 0, e, &delivered),
			 BPACCT_ENOTFOUND);
	assert_int_equal(delivered, 9);
	assert_int_equal(bpacct_memory_store_audit_at(s, 0, e),
			 BPACCT_ENOTFOUND);
	eng = tm_engine(bpacct_memory_store_ops(), s, NULL, NULL, 0);
	tm_issue(eng, "A1", TM_ISSUED); /* one audit entry, no notice */
	assert_int_equal(bpacct_memory_store_audit_count(s, &n), BPACCT_OK);
	assert_int_equal(n, 1);
	assert_int_equal(bpacct_memory_store_audit_at(s, 0, e), BPACCT_OK);
	assert_int_equal(bpacct_memory_store_audit_at(s, 1, e),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_memory_store_audit_at(s, UINT32_MAX, e),
			 BPACCT_ENOTFOUND);
	/* the entry still holds audit entry 0 */
	assert_int_equal(tm_entry_int(e, BPACCT_FIELD_INPUT),
			 BPACCT_INPUT_ISSUE);
	assert_int_equal(bpacct_memory_store_outbox_count(s, &n), BPACCT_OK);
	assert_int_equal(n, 0);
	assert_int_equal(bpacct_memory_store_outbox_at(s, 0, e, NULL),
			 BPACCT_ENOTFOUND);
	/* arguments */
	assert_int_equal(bpacct_memory_store_outbox_count(NULL, &n),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_outbox_count(s, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_audit_count(NULL, &n),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_audit_count(s, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_outbox_at(NULL, 0, e, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_outbox_at(s, 0, NULL, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_audit_at(NULL, 0, e),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_audit_at(s, 0, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_outbox_count(
				 (const bpacct_memory_store *)foreign, &n),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_memory_store_audit_count(
				 (const bpacct_memory_store *)foreign, &n),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_memory_store_outbox_at(
				 (const bpacct_memory_store *)foreign, 0, e,
				 NULL),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_memory_store_audit_at(
				 (const bpacct_memory_store *)foreign, 0, e),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_memory_store_audit_at(
				 s, 0, (bpacct_entry *)(void *)foreign),
			 BPACCT_EMISUSE);
	bpacct_engine_free(eng);
	bpacct_entry_free(e);
	bpacct_memory_store_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_heap_due_matches_brute_force_over_random_updates),
		cmocka_unit_test(
			test_heap_due_lists_each_account_once_in_due_order),
		cmocka_unit_test(test_heap_due_respects_max_and_at),
		cmocka_unit_test(test_heap_due_sink_error_keeps_every_entry),
		cmocka_unit_test(test_outbox_lists_undelivered_in_commit_order),
		cmocka_unit_test(test_table_keeps_every_record_across_growth),
		TM_ENGINE_TESTS
		cmocka_unit_test(
			test_memory_store_reads_bp_case_outbox_and_audit),
		cmocka_unit_test(
			test_memory_store_outbox_at_says_if_delivered),
		cmocka_unit_test(
			test_memory_store_index_past_the_end_is_enotfound),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
