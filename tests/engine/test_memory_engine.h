/*
 * The in-memory store through its public functions and store operations,
 * and driven by a real engine.  Included once, by test_memory_store.c.
 */
#ifndef BPACCT_TEST_MEMORY_ENGINE_H
#define BPACCT_TEST_MEMORY_ENGINE_H

#include "test_memory_support.h"

static void test_store_new_free_and_stats_check_arguments(void **state)
{
	bpacct_memory_store *s = NULL;
	bpacct_allocator bad = BPACCT_ALLOCATOR_INIT;
	uint64_t accounts = 9, bytes = 9, outbox = 9, audit = 9;
	uint32_t foreign[64] = { 0 };

	(void)state;
	assert_int_equal(bpacct_memory_store_new(NULL, NULL), BPACCT_EINVAL);
	bad.version = 0;
	assert_int_equal(bpacct_memory_store_new(&s, &bad), BPACCT_EMISUSE);
	assert_null(s);
	bpacct_memory_store_free(NULL);
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	assert_int_equal(bpacct_memory_store_stats(s, &accounts, &bytes,
						   &outbox, &audit),
			 BPACCT_OK);
	assert_int_equal(accounts, 0);
	assert_int_equal(bytes, 0);
	assert_int_equal(outbox, 0);
	assert_int_equal(audit, 0);
	assert_int_equal(bpacct_memory_store_stats(s, NULL, NULL, NULL, NULL),
			 BPACCT_OK);
	assert_int_equal(bpacct_memory_store_stats(NULL, NULL, NULL, NULL,
						   NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_memory_store_stats(
				 (const bpacct_memory_store *)foreign, NULL,
				 NULL, NULL, NULL),
			 BPACCT_EMISUSE);
	bpacct_memory_store_free(s);
}

static void test_store_new_reports_enomem_and_leaks_nothing(void **state)
{
	tm_alloc t = { 0, 1, 0, 0 };
	bpacct_allocator a = tm_allocator(&t);
	bpacct_memory_store *s = NULL;

	(void)state;
	assert_int_equal(bpacct_memory_store_new(&s, &a), BPACCT_ENOMEM);
	assert_null(s);
	t.fail_at = 0;
	assert_int_equal(bpacct_memory_store_new(&s, &a), BPACCT_OK);
	assert_int_equal(t.live, 1);
	bpacct_memory_store_free(s);
	assert_int_equal(t.live, 0);
}

static void test_store_ops_check_their_arguments(void **state)
{
	const bpacct_store_ops *ops = bpacct_memory_store_ops();
	bpacct_memory_store *s = NULL;
	uint32_t foreign[64] = { 0 };
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;
	char long_id[BPACCT_ID_MAX + 1];

	(void)state;
	assert_non_null(ops);
	assert_int_equal(ops->version, BPACCT_STORE_OPS_VERSION);
	assert_non_null(ops->get_account);
	assert_non_null(ops->get_request);
	assert_non_null(ops->commit);
	assert_non_null(ops->due);
	assert_non_null(ops->outbox);
	assert_non_null(ops->mark_delivered);
	assert_int_equal(bpacct_memory_store_new(&s, NULL), BPACCT_OK);
	assert_int_equal(ops->get_account("A1", buf, sizeof buf, &len, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(ops->get_account("A1", buf, sizeof buf, &len,
					  foreign),
			 BPACCT_EMISUSE);
	assert_int_equal(ops->get_account("A1", buf, sizeof buf, &len, s),
			 BPACCT_ENOTFOUND);
	assert_int_equal(ops->get_request("Q1", buf, sizeof buf, &len, s),
			 BPACCT_ENOTFOUND);
	assert_int_equal(ops->get_account(NULL, buf, sizeof buf, &len, s),
			 BPACCT_EINVAL);
	assert_int_equal(ops->get_account("A1", NULL, sizeof buf, &len, s),
			 BPACCT_EINVAL);
	memset(long_id, 'x', BPACCT_ID_MAX);
	long_id[BPACCT_ID_MAX] = '\0';
	assert_int_equal(ops->get_account(long_id, buf, sizeof buf, &len, s),
			 BPACCT_EINVAL);
	assert_int_equal(ops->commit(NULL, s), BPACCT_EINVAL);
	assert_int_equal(ops->due(0, 10, NULL, s), BPACCT_EINVAL);
	assert_int_equal(ops->outbox(10, NULL, s), BPACCT_EINVAL);
	assert_int_equal(ops->mark_delivered("k", s), BPACCT_ENOTFOUND);
	assert_int_equal(ops->mark_delivered("", s), BPACCT_EINVAL);
	assert_int_equal(ops->mark_delivered("k", foreign), BPACCT_EMISUSE);
	bpacct_memory_store_free(s);
}

/* A store that forwards to an in-memory store, with a hook on commit so
 * that a test can replay or fail a real change built by the engine. */
typedef struct tm_wrap {
	bpacct_memory_store *mem;
	tm_alloc *alloc;          /* the memory store's allocator */
	int replay, enomem_loop;  /* what the commit hook does */
	int fail;                 /* commits to fail with BPACCT_EUSER */
	long conflicts, enomem;   /* what it saw */
	long commits;
} tm_wrap;

static const bpacct_store_ops *tm_mem(void)
{
	return bpacct_memory_store_ops();
}

static int tm_get_account(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *ud)
{
	return tm_mem()->get_account(id, buf, size, out_len,
				     ((tm_wrap *)ud)->mem);
}

static int tm_get_request(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *ud)
{
	return tm_mem()->get_request(id, buf, size, out_len,
				     ((tm_wrap *)ud)->mem);
}

/* Fails the commit's Nth allocation for N = 1, 2, … until it succeeds;
 * each failure must leave the store exactly as it was.  Odd commits fail
 * every allocation from the Nth on, even ones only the Nth. */
static int tm_commit_enomem_loop(tm_wrap *w, const bpacct_change *c)
{
	uint64_t before = tm_digest(w->mem);
	int rc;

	w->commits++;
	w->alloc->transient = w->commits % 2 == 0;
	for (long n = 1;; n++) {
		w->alloc->fail_at = w->alloc->calls + n;
		rc = tm_mem()->commit(c, w->mem);
		w->alloc->fail_at = 0;
		if (rc != BPACCT_ENOMEM)
			break;
		w->enomem++;
		assert_int_equal(tm_digest(w->mem), before);
	}
	return rc;
}

static int tm_commit(const bpacct_change *c, void *ud)
{
	tm_wrap *w = ud;
	int64_t has_account = 0;
	uint64_t after;
	int rc;

	if (w->fail > 0) {
		w->fail--;
		return BPACCT_EUSER;
	}
	rc = w->enomem_loop ? tm_commit_enomem_loop(w, c)
		 : tm_mem()->commit(c, w->mem);

	if (rc != BPACCT_OK || !w->replay)
		return rc;
	assert_int_equal(bpacct_change_get_int(c, BPACCT_CHANGE_HAS_ACCOUNT,
					       &has_account),
			 BPACCT_OK);
	if (!has_account)
		return rc; /* an audit-only change has no condition */
	/* The same change again: its expected revision is gone. */
	after = tm_digest(w->mem);
	assert_int_equal(tm_mem()->commit(c, w->mem), BPACCT_ECONFLICT);
	assert_int_equal(tm_digest(w->mem), after);
	w->conflicts++;
	return rc;
}

static int tm_due(int64_t at, uint32_t max, bpacct_sink *sink, void *ud)
{
	return tm_mem()->due(at, max, sink, ((tm_wrap *)ud)->mem);
}

static int tm_outbox(uint32_t max, bpacct_sink *sink, void *ud)
{
	return tm_mem()->outbox(max, sink, ((tm_wrap *)ud)->mem);
}

static int tm_mark(const char *key, void *ud)
{
	return tm_mem()->mark_delivered(key, ((tm_wrap *)ud)->mem);
}

static const bpacct_store_ops tm_wrap_ops = {
	BPACCT_STORE_OPS_VERSION, tm_get_account, tm_get_request, tm_commit,
	tm_due, tm_outbox, tm_mark
};

/* A notifier that records the keys it is given and answers `rc`. */
#define TM_MAX_NOTICES 64
typedef struct tm_notifier {
	int rc;
	uint32_t n;
	char keys[TM_MAX_NOTICES][96];
} tm_notifier;

static int tm_deliver(const bpacct_entry *notice, void *ud)
{
	tm_notifier *t = ud;
	const char *key = NULL;

	assert_int_equal(bpacct_entry_get_text(notice, BPACCT_FIELD_KEY, &key),
			 BPACCT_OK);
	assert_true(t->n < TM_MAX_NOTICES && strlen(key) < 96);
	strcpy(t->keys[t->n++], key);
	return t->rc;
}

static const bpacct_notifier_ops tm_notifier_ops = { 1, tm_deliver };

/* The accounts whose committed step cancelled them, in order. */
typedef struct tm_cancels {
	uint32_t n;
	char ids[16][BPACCT_ID_MAX];
} tm_cancels;

static void tm_on_effects(const char *account, const bpacct_effects *fx,
			  void *ud)
{
	tm_cancels *c = ud;
	uint32_t n = 0;
	int64_t type = 0, to = 0;

	assert_int_equal(bpacct_effects_count(fx, &n), BPACCT_OK);
	for (uint32_t i = 0; i < n; i++) {
		bpacct_effect_get_int(fx, i, BPACCT_FIELD_TYPE, &type);
		if (type != BPACCT_EFFECT_TRANSITION ||
		    bpacct_effect_get_int(fx, i, BPACCT_FIELD_TO, &to) != 0 ||
		    to != BPACCT_STATE_CANCELLED)
			continue;
		assert_true(c->n < 16);
		strcpy(c->ids[c->n++], account);
	}
}

/* An engine over `ud` with `ops` (the wrapper or the memory store). */
static bpacct_engine *tm_engine(const bpacct_store_ops *ops, void *ud,
				tm_notifier *nt, tm_cancels *cancels,
				uint32_t batch)
{
	bpacct_engine_options o;
	bpacct_engine *e = NULL;

	assert_int_equal(bpacct_engine_options_init(
				 &o, BPACCT_ENGINE_OPTIONS_VERSION),
			 BPACCT_OK);
	o.store = ops;
	o.store_userdata = ud;
	o.notifier = nt ? &tm_notifier_ops : NULL;
	o.notifier_userdata = nt;
	o.calendar = tst_cal;
	o.on_effects = cancels ? tm_on_effects : NULL;
	o.effects_userdata = cancels;
	o.batch = batch;
	assert_int_equal(bpacct_engine_new(&e, &o), BPACCT_OK);
	return e;
}

/* Issues BP account `id` (owner 0100109106, CCCD holder) at `at`. */
static void tm_issue(bpacct_engine *e, const char *id, const char *at)
{
	bpacct_event ev;

	assert_int_equal(bpacct_event_init(&ev, BPACCT_EVENT_VERSION,
					   BPACCT_INPUT_ISSUE, tst_at(at)),
			 BPACCT_OK);
	ev.procedure = BPACCT_PROCEDURE_BP;
	ev.owner = "0100109106";
	ev.holder_id_type = BPACCT_ID_CCCD;
	ev.holder_id_number = "001090012345";
	assert_int_equal(bpacct_engine_submit(e, id, &ev), BPACCT_OK);
}

/* A complete BP-A application (BP-R2) on the portal: accepted, due 2 h
 * after `at` (BP-R3). */
static void tm_apply(bpacct_engine *e, const char *id, const char *req,
		     const char *at)
{
	bpacct_event ev;

	assert_int_equal(bpacct_event_init(&ev, BPACCT_EVENT_VERSION,
					   BPACCT_INPUT_REQUEST, tst_at(at)),
			 BPACCT_OK);
	ev.request = req;
	ev.requester = "0100109106";
	ev.channel = BPACCT_CHANNEL_ONLINE;
	ev.documents = BPACCT_DOC_APPLICATION |
		       BPACCT_DOC_ENTERPRISE_REGISTRATION | BPACCT_DOC_IDENTITY;
	ev.enterprise_code = "0100109106";
	ev.id_type = BPACCT_ID_CCCD;
	ev.id_number = "001090012345";
	assert_int_equal(bpacct_engine_submit(e, id, &ev), BPACCT_OK);
}

/* Field `field` of account `id` as the store holds it. */
static int64_t tm_account_int(bpacct_engine *e, const char *id, int32_t field)
{
	bpacct_account *a = NULL;
	int64_t v = 0;

	assert_int_equal(bpacct_account_new(&a, id, NULL), BPACCT_OK);
	assert_int_equal(bpacct_engine_account(e, id, a), BPACCT_OK);
	assert_int_equal(bpacct_account_get_int(a, field, &v), BPACCT_OK);
	bpacct_account_free(a);
	return v;
}

#include "test_memory_engine_cases.h"

#define TM_ENGINE_TESTS \
	cmocka_unit_test(test_store_new_free_and_stats_check_arguments), \
	cmocka_unit_test(test_store_new_reports_enomem_and_leaks_nothing), \
	cmocka_unit_test(test_store_ops_check_their_arguments), \
	TM_ENGINE_CASES

#endif
