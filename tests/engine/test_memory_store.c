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
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
