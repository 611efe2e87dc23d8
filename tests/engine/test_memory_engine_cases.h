/*
 * The in-memory store driven by a real engine: compare-and-swap, atomic
 * commits under allocation failure, due order across batches, the outbox,
 * the memory per account.  Included once, by test_memory_engine.h.
 */
#ifndef BPACCT_TEST_MEMORY_ENGINE_CASES_H
#define BPACCT_TEST_MEMORY_ENGINE_CASES_H

#define TM_ISSUED "2026-11-02T08:00:00+07:00"
#define TM_APPLIED "2026-11-16T09:00:00+07:00"
#define TM_DUE "2026-11-16T11:00:00+07:00"   /* BP-R3: receipt + 2 h */
#define TM_AFTER "2026-11-16T11:01:00+07:00"

static void test_store_cas_replayed_change_conflicts_and_writes_nothing(
	void **state)
{
	tm_wrap w = { 0 };
	bpacct_engine *e;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&w.mem, NULL), BPACCT_OK);
	w.replay = 1;
	e = tm_engine(&tm_wrap_ops, &w, NULL, NULL, 0);
	/* expected revision 0: the account must not exist yet */
	tm_issue(e, "A1", TM_ISSUED);
	assert_int_equal(w.conflicts, 1);
	/* expected revision 1: the replay finds revision 2 */
	tm_apply(e, "A1", "Q1", TM_APPLIED);
	assert_int_equal(w.conflicts, 2);
	assert_int_equal(bpacct_engine_tick(e, tst_at(TM_AFTER)), BPACCT_OK);
	assert_int_equal(w.conflicts, 3);
	assert_int_equal(tm_account_int(e, "A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	bpacct_engine_free(e);
	bpacct_memory_store_free(w.mem);
}

static void test_store_commit_enomem_at_every_allocation_changes_nothing(
	void **state)
{
	tm_alloc t = { 0, 0, 0, 0 };
	bpacct_allocator a = tm_allocator(&t);
	tm_wrap w = { 0 };
	bpacct_engine *e;
	uint64_t accounts = 0;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&w.mem, &a), BPACCT_OK);
	w.alloc = &t;
	w.enomem_loop = 1;
	e = tm_engine(&tm_wrap_ops, &w, NULL, NULL, 0);
	tm_issue(e, "A1", TM_ISSUED);
	/* The first commit allocates every structure of the store (slots,
	 * index, record, heap, audit list, arena), each failed in turn; an
	 * array grown before a failure is kept (capacity, not content), so
	 * the six failure points take four attempts. */
	assert_int_equal(w.enomem, 4);
	tm_issue(e, "A2", TM_ISSUED);
	tm_issue(e, "A3", TM_ISSUED);
	tm_apply(e, "A2", "Q2", TM_APPLIED);
	assert_int_equal(bpacct_engine_tick(e, tst_at(TM_AFTER)), BPACCT_OK);
	assert_int_equal(tm_account_int(e, "A2", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	assert_int_equal(tm_account_int(e, "A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	assert_int_equal(bpacct_memory_store_stats(w.mem, &accounts, NULL,
						   NULL, NULL),
			 BPACCT_OK);
	assert_int_equal(accounts, 3);
	bpacct_engine_free(e);
	bpacct_memory_store_free(w.mem);
	assert_int_equal(t.live, 0); /* nothing leaked */
}

static void test_store_due_lists_again_after_a_failed_tick(void **state)
{
	tm_wrap w = { 0 };
	bpacct_engine *e;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&w.mem, NULL), BPACCT_OK);
	e = tm_engine(&tm_wrap_ops, &w, NULL, NULL, 0);
	tm_issue(e, "A1", TM_ISSUED);
	tm_apply(e, "A1", "Q1", TM_APPLIED);
	w.fail = 1;
	assert_int_equal(bpacct_engine_tick(e, tst_at(TM_AFTER)), BPACCT_EUSER);
	assert_int_equal(tm_account_int(e, "A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	/* due() consumed nothing: the retry finds the account */
	assert_int_equal(bpacct_engine_tick(e, tst_at(TM_AFTER)), BPACCT_OK);
	assert_int_equal(tm_account_int(e, "A1", BPACCT_FIELD_STATE),
			 BPACCT_STATE_CANCELLED);
	bpacct_engine_free(e);
	bpacct_memory_store_free(w.mem);
}

static void test_store_request_commits_record_notices_and_audit(void **state)
{
	bpacct_memory_store *s = NULL;
	tm_notifier nt = { 0 };
	bpacct_engine *e;
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;
	uint64_t accounts = 0, outbox = 9, audit = 0;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	e = tm_engine(bpacct_memory_store_ops(), s, &nt, NULL, 0);
	tm_issue(e, "A1", TM_ISSUED);
	tm_apply(e, "A1", "Q1", TM_APPLIED);
	assert_int_equal(tm_account_int(e, "A1", BPACCT_FIELD_PENDING_DUE),
			 tst_at(TM_DUE));
	assert_int_equal(bpacct_memory_store_ops()->get_request(
				 "Q1", buf, sizeof buf, &len, s),
			 BPACCT_OK);
	assert_true(len > 0);
	assert_int_equal(bpacct_memory_store_stats(s, &accounts, NULL, &outbox,
						   &audit),
			 BPACCT_OK);
	assert_int_equal(accounts, 1);
	assert_int_equal(audit, 2);  /* the issue and the acceptance */
	assert_int_equal(nt.n, 0);   /* BP-A owes no notice before (BP-R6) */
	assert_int_equal(bpacct_engine_tick(e, tst_at(TM_AFTER)), BPACCT_OK);
	assert_int_equal(bpacct_memory_store_stats(s, &accounts, NULL, &outbox,
						   &audit),
			 BPACCT_OK);
	/* BP-R6: one cancellation notice, delivered after the commit */
	assert_int_equal(outbox, 0);
	assert_int_equal(nt.n, 1);
	assert_int_equal(audit, 3);
	bpacct_engine_free(e);
	bpacct_memory_store_free(s);
}

static void test_store_request_about_an_unknown_account_keeps_the_request(
	void **state)
{
	bpacct_memory_store *s = NULL;
	bpacct_engine *e;
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;
	uint64_t accounts = 9, audit = 0;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	e = tm_engine(bpacct_memory_store_ops(), s, NULL, NULL, 0);
	/* rejected (no account): the request with a tombstone account in
	 * state none, under compare-and-swap (expected revision 0) */
	tm_apply(e, "NOPE", "QZ", TM_APPLIED);
	assert_int_equal(bpacct_memory_store_ops()->get_request(
				 "QZ", buf, sizeof buf, &len, s),
			 BPACCT_OK);
	assert_int_equal(bpacct_memory_store_ops()->get_account(
				 "NOPE", buf, sizeof buf, &len, s),
			 BPACCT_OK);
	assert_int_equal(bpacct_memory_store_stats(s, &accounts, NULL, NULL,
						   &audit),
			 BPACCT_OK);
	assert_int_equal(accounts, 1); /* the tombstone counts */
	assert_int_equal(audit, 1);
	bpacct_engine_free(e);
	bpacct_memory_store_free(s);
}

static void test_store_tick_cancels_in_due_order_across_batches(void **state)
{
	static const char *const ids[] = { "A5", "A4", "A3", "A2", "A1" };
	static const char *const applied[] = {
		"2026-11-16T09:00:00+07:00", "2026-11-16T09:01:00+07:00",
		"2026-11-16T09:02:00+07:00", "2026-11-16T09:03:00+07:00",
		"2026-11-16T09:04:00+07:00",
	};
	bpacct_memory_store *s = NULL;
	tm_cancels c = { 0 };
	char req[8];
	bpacct_engine *e;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	e = tm_engine(bpacct_memory_store_ops(), s, NULL, &c, 2);
	for (int i = 4; i >= 0; i--)
		tm_issue(e, ids[i], TM_ISSUED);
	for (int i = 0; i < 5; i++) {
		snprintf(req, sizeof req, "Q%d", i);
		tm_apply(e, ids[i], req, applied[i]);
	}
	assert_int_equal(c.n, 0);
	/* five due, batches of two: the tick ends, in due order */
	assert_int_equal(bpacct_engine_tick(e, tst_at("2026-11-16T12:00:00"
						      "+07:00")),
			 BPACCT_OK);
	assert_int_equal(c.n, 5);
	for (int i = 0; i < 5; i++)
		assert_string_equal(c.ids[i], ids[i]);
	assert_int_equal(bpacct_engine_tick(e, tst_at("2026-11-16T12:00:00"
						      "+07:00")),
			 BPACCT_OK);
	assert_int_equal(c.n, 5);
	bpacct_engine_free(e);
	bpacct_memory_store_free(s);
}

static void test_store_outbox_keeps_failed_notices_in_commit_order(
	void **state)
{
	static tm_notifier nt, first;
	bpacct_memory_store *s = NULL;
	bpacct_engine *e;
	uint64_t outbox = 0;
	uint32_t pending = 9, k = 0;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	nt.rc = BPACCT_EUSER;
	e = tm_engine(bpacct_memory_store_ops(), s, &nt, NULL, 0);
	tm_issue(e, "A1", TM_ISSUED);
	tm_issue(e, "A2", TM_ISSUED);
	tm_apply(e, "A1", "Q1", TM_APPLIED);
	tm_apply(e, "A2", "Q2", "2026-11-16T09:30:00+07:00");
	/* two cancellations (BP-R6), each owing a notice: both fail */
	assert_int_equal(bpacct_engine_tick(e, tst_at("2026-11-16T12:00:00"
						      "+07:00")),
			 BPACCT_OK);
	assert_int_equal(bpacct_memory_store_stats(s, NULL, NULL, &outbox,
						   NULL),
			 BPACCT_OK);
	assert_int_equal(outbox, 2);
	/* the order of first attempts, each key once */
	for (uint32_t i = 0; i < nt.n; i++) {
		uint32_t j = 0;
		while (j < k && strcmp(first.keys[j], nt.keys[i]) != 0)
			j++;
		if (j == k)
			strcpy(first.keys[k++], nt.keys[i]);
	}
	assert_int_equal(k, outbox);
	memset(&nt, 0, sizeof nt);
	assert_int_equal(bpacct_engine_deliver(e, &pending), BPACCT_OK);
	assert_int_equal(pending, 0);
	assert_int_equal(nt.n, k);
	for (uint32_t i = 0; i < k; i++)
		assert_string_equal(nt.keys[i], first.keys[i]);
	/* marking again is not an error, and nothing is sent twice */
	assert_int_equal(bpacct_memory_store_ops()->mark_delivered(
				 first.keys[0], s),
			 BPACCT_OK);
	assert_int_equal(bpacct_engine_deliver(e, &pending), BPACCT_OK);
	assert_int_equal(nt.n, k);
	bpacct_engine_free(e);
	bpacct_memory_store_free(s);
}

static void test_store_holds_an_account_in_at_most_256_bytes(void **state)
{
	bpacct_memory_store *s = NULL;
	bpacct_engine *e;
	uint64_t accounts = 0, bytes = 0;
	char id[16];

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	e = tm_engine(bpacct_memory_store_ops(), s, NULL, NULL, 0);
	for (uint32_t i = 0; i < 3000; i++) {
		snprintf(id, sizeof id, "B%07u", i);
		tm_issue(e, id, TM_ISSUED);
	}
	assert_int_equal(bpacct_memory_store_stats(s, &accounts, &bytes, NULL,
						   NULL),
			 BPACCT_OK);
	assert_int_equal(accounts, 3000);
	print_message("memory store: %.1f bytes per account\n",
		      (double)bytes / (double)accounts);
	assert_true(bytes <= 256 * accounts);
	bpacct_engine_free(e);
	bpacct_memory_store_free(s);
}

#define TM_ENGINE_CASES \
	cmocka_unit_test( \
		test_store_cas_replayed_change_conflicts_and_writes_nothing), \
	cmocka_unit_test( \
		test_store_commit_enomem_at_every_allocation_changes_nothing), \
	cmocka_unit_test(test_store_due_lists_again_after_a_failed_tick), \
	cmocka_unit_test(test_store_request_commits_record_notices_and_audit), \
	cmocka_unit_test( \
		test_store_request_about_an_unknown_account_keeps_the_request), \
	cmocka_unit_test(test_store_tick_cancels_in_due_order_across_batches), \
	cmocka_unit_test( \
		test_store_outbox_keeps_failed_notices_in_commit_order),  \
	cmocka_unit_test(test_store_holds_an_account_in_at_most_256_bytes),

#endif
