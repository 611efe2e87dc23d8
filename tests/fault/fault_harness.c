/*
 * The fault harness (fault_harness.h): the fault modes, counting
 * allocators, the wrapping store, the recording notifier, and the checks
 * that compare the memory store with the log of accepted changes
 * (fault_log.c).
 */
#include "fault_harness.h"

#include <stdlib.h>
#include <string.h>

#define EUSER BPACCT_EUSER
#define ENOMEM BPACCT_ENOMEM

const fx_mode_def fx_modes[FX_MODES] = {
	/* name, kind, lost, persistent, status, restart, effects_exact:
	 * on_effects hears of every committed step but one whose commit
	 * was done and reported failed (the engine cannot know). */
	[FX_NONE] = { "none", -1, 0, 0, 0, 0, 1 },
	[FX_STORE] = { "store", FX_K_STORE, 0, 0, EUSER, 0, 1 },
	[FX_STORE_LOST] = { "store-lost-ack", FX_K_STORE, 1, 0, EUSER, 1, 0 },
	[FX_STORE_DOWN] = { "store-down", FX_K_STORE, 0, 1, EUSER, 0, 1 },
	[FX_NOTIFIER] = { "notifier", FX_K_NOTIFIER, 0, 0, 0, 0, 1 },
	[FX_NOTIFIER_DOWN] = { "notifier-down", FX_K_NOTIFIER, 0, 1, 0, 0,
			       1 },
	[FX_ALLOC_ENGINE] = { "alloc-engine", FX_K_ALLOC_ENGINE, 0, 0,
			      ENOMEM, 0, 1 },
	[FX_ALLOC_STORE] = { "alloc-store", FX_K_ALLOC_STORE, 0, 0, ENOMEM,
			     0, 1 },
	[FX_ALLOC_STORE_DOWN] = { "alloc-store-down", FX_K_ALLOC_STORE, 0, 1,
				  ENOMEM, 0, 1 },
};

/* A fault fires now: every notice delivered but not yet marked may be
 * delivered again (at least once), so a second delivery of its key is
 * the host's to drop. */
static void note_redeliveries(fx_harness *h)
{
	for (uint32_t i = 0; i < h->nnotices; i++)
		if (!h->notices[i].marked &&
		    fx_delivered(h, h->notices[i].key) > 0)
			h->notices[i].redeliver_ok = 1;
}

/* Counts a call of `kind`; 1 when it is the one that fails. */
static int should_fail(fx_harness *h, int kind)
{
	const fx_mode_def *m = &fx_modes[h->mode];
	uint64_t n;

	if (h->paused)
		return 0;
	n = ++h->calls[kind];
	if (m->kind != kind || n < h->fail_at)
		return 0;
	if (n > h->fail_at && (!m->persistent || h->repaired))
		return 0;
	h->fired = 1;
	note_redeliveries(h);
	return 1;
}

/* ---- the counting allocators ---- */

static void *fx_alloc_fn(size_t size, void *opaque)
{
	fx_alloc *a = opaque;
	void *p;

	if (should_fail(a->h, a->kind))
		return NULL;
	p = malloc(size);
	if (p != NULL)
		a->outstanding++;
	return p;
}

static void fx_free_fn(void *ptr, void *opaque)
{
	fx_alloc *a = opaque;
	a->outstanding--;
	free(ptr);
}

static void alloc_init(fx_alloc *a, fx_harness *h, int kind)
{
	a->ops.version = BPACCT_ALLOCATOR_VERSION;
	a->ops.alloc = fx_alloc_fn;
	a->ops.free = fx_free_fn;
	a->ops.opaque = a;
	a->h = h;
	a->kind = kind;
	a->outstanding = 0;
}

/* ---- the wrapping store ---- */

#define INNER (bpacct_memory_store_ops())

static int inject(fx_harness *h)
{
	static const char msg[] = "injected store fault";

	if (h->engine != NULL)
		assert_int_equal(bpacct_engine_set_error(h->engine, msg),
				 BPACCT_OK);
	return BPACCT_EUSER;
}

static int st_get_account(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *ud)
{
	fx_harness *h = ud;
	int fail = should_fail(h, FX_K_STORE);
	int rc;

	if (fail && !fx_modes[h->mode].lost)
		return inject(h);
	rc = INNER->get_account(id, buf, size, out_len, h->mem);
	return fail ? inject(h) : rc;
}

static int st_get_request(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *ud)
{
	fx_harness *h = ud;
	int fail = should_fail(h, FX_K_STORE);
	int rc;

	if (fail && !fx_modes[h->mode].lost)
		return inject(h);
	rc = INNER->get_request(id, buf, size, out_len, h->mem);
	return fail ? inject(h) : rc;
}

static int st_commit(const bpacct_change *change, void *ud)
{
	fx_harness *h = ud;
	int fail = should_fail(h, FX_K_STORE);
	int rc;

	if (fail && !fx_modes[h->mode].lost)
		return inject(h);
	fx_check_change(h, change);
	rc = INNER->commit(change, h->mem);
	/* One engine: its reads are never stale. */
	assert_int_not_equal(rc, BPACCT_ECONFLICT);
	if (rc == BPACCT_OK)
		fx_log_change(h, change);
	return fail ? inject(h) : rc;
}

static int st_due(int64_t at, uint32_t max, bpacct_sink *sink, void *ud)
{
	fx_harness *h = ud;
	int fail = should_fail(h, FX_K_STORE);
	int rc;

	if (fail && !fx_modes[h->mode].lost)
		return inject(h);
	rc = INNER->due(at, max, sink, h->mem);
	return fail ? inject(h) : rc;
}

static int st_outbox(uint32_t max, bpacct_sink *sink, void *ud)
{
	fx_harness *h = ud;
	int fail = should_fail(h, FX_K_STORE);
	int rc;

	if (fail && !fx_modes[h->mode].lost)
		return inject(h);
	rc = INNER->outbox(max, sink, h->mem);
	return fail ? inject(h) : rc;
}

static int st_mark_delivered(const char *key, void *ud)
{
	fx_harness *h = ud;
	int fail = should_fail(h, FX_K_STORE);
	fx_notice *n = fx_notice_of(h, key);
	int rc;

	/* Marked only once delivered: else the notice would be lost. */
	assert_non_null(n);
	assert_true(fx_delivered(h, key) > 0);
	if (fail && !fx_modes[h->mode].lost) {
		n->mark_failed = 1;
		return inject(h);
	}
	rc = INNER->mark_delivered(key, h->mem);
	if (rc == BPACCT_OK)
		n->marked = 1;
	if (fail || rc != BPACCT_OK)
		n->mark_failed = 1;
	return fail ? inject(h) : rc;
}

static const bpacct_store_ops fx_store_ops = {
	BPACCT_STORE_OPS_VERSION, st_get_account, st_get_request, st_commit,
	st_due, st_outbox, st_mark_delivered,
};

/* ---- the recording notifier and the effects hook ---- */

static int nt_deliver(const bpacct_entry *notice, void *ud)
{
	fx_harness *h = ud;
	const char *key = fx_entry_text(notice, BPACCT_FIELD_KEY);
	const fx_notice *n = fx_notice_of(h, key);

	/* Delivered only after its change was committed, as committed,
	 * and never once marked. */
	assert_non_null(n);
	assert_false(n->marked);
	assert_int_equal(fx_entry_int(notice, BPACCT_FIELD_KIND), n->kind);
	assert_int_equal(fx_entry_int(notice, BPACCT_FIELD_RECIPIENTS),
			 n->recipients);
	assert_int_equal(fx_entry_int(notice, BPACCT_FIELD_CHANNEL),
			 n->channel);
	assert_string_equal(fx_entry_text(notice, BPACCT_FIELD_ACCOUNT),
			    n->account);
	if (should_fail(h, FX_K_NOTIFIER))
		return BPACCT_EUSER;
	assert_true(h->ndeliveries < FX_DELIVERIES_MAX);
	fx_copy(h->deliveries[h->ndeliveries].key, FX_KEY_MAX, key);
	h->ndeliveries++;
	return 0;
}

static const bpacct_notifier_ops fx_notifier_ops = {
	BPACCT_NOTIFIER_OPS_VERSION, nt_deliver,
};

static void on_effects(const char *account, const bpacct_effects *fx,
		       void *ud)
{
	fx_harness *h = ud;
	uint32_t n = 0;

	if (h->in_preview)
		return;
	assert_int_equal(bpacct_effects_count(fx, &n), BPACCT_OK);
	for (uint32_t i = 0; i < n; i++) {
		int64_t type = 0, to = 0;
		fx_account *a;

		assert_int_equal(bpacct_effect_get_int(fx, i, BPACCT_FIELD_TYPE,
						       &type),
				 BPACCT_OK);
		if (type != BPACCT_EFFECT_TRANSITION)
			continue;
		assert_int_equal(bpacct_effect_get_int(fx, i, BPACCT_FIELD_TO,
						       &to),
				 BPACCT_OK);
		/* Reported only once committed (cancelled is final, so a
		 * later commit cannot have moved it on). */
		a = fx_account_of(h, account);
		assert_non_null(a);
		if (to != BPACCT_STATE_CANCELLED)
			continue;
		assert_int_equal(a->state, BPACCT_STATE_CANCELLED);
		a->effects_cancellations++;
	}
}

/* ---- opening, checking, closing ---- */

/* A creation call: a fired fault gives ENOMEM, nothing, no leak. */
static int created(fx_harness *h, int rc, const void *out, const fx_alloc *a)
{
	if (h->fired && !h->handled) {
		h->handled = 1;
		h->repaired = 1;
		assert_int_equal(rc, BPACCT_ENOMEM);
		assert_null(out);
		assert_int_equal(a->outstanding, 0);
		return 0;
	}
	assert_int_equal(rc, BPACCT_OK);
	return 1;
}

static void engine_options(fx_harness *h, bpacct_engine_options *o)
{
	assert_int_equal(bpacct_engine_options_init(
				 o, BPACCT_ENGINE_OPTIONS_VERSION),
			 BPACCT_OK);
	o->calendar = h->cal;
	o->profiles = h->profile_count ? h->profiles : NULL;
	o->profile_count = h->profile_count;
}

static void open_engine(fx_harness *h)
{
	bpacct_engine_options o;

	do {
		h->engine = NULL;
		engine_options(h, &o);
		o.store = &fx_store_ops;
		o.store_userdata = h;
		o.notifier = &fx_notifier_ops;
		o.notifier_userdata = h;
		o.allocator = &h->engine_alloc.ops;
		o.on_effects = on_effects;
		o.effects_userdata = h;
		o.batch = h->batch;
	} while (!created(h, bpacct_engine_new(&h->engine, &o), h->engine,
			  &h->engine_alloc));
}

static void open_engines(fx_harness *h)
{
	bpacct_engine_options o;

	open_engine(h);
	/* The inspector reads the memory store directly, with malloc. */
	engine_options(h, &o);
	o.store = bpacct_memory_store_ops();
	o.store_userdata = h->mem;
	h->paused = 1;
	assert_int_equal(bpacct_engine_new(&h->inspector, &o), BPACCT_OK);
	h->paused = 0;
}

void fx_open(fx_harness *h, int mode, uint64_t fail_at,
	     const bpacct_calendar *cal, int32_t warning_days,
	     uint32_t batch)
{
	memset(h, 0, sizeof *h);
	h->mode = mode;
	h->fail_at = fail_at;
	h->cal = cal;
	h->batch = batch;
	alloc_init(&h->engine_alloc, h, FX_K_ALLOC_ENGINE);
	alloc_init(&h->store_alloc, h, FX_K_ALLOC_STORE);
	if (warning_days > 0) {
		assert_int_equal(bpacct_profile_init(&h->custom,
						     BPACCT_PROFILE_VERSION,
						     BPACCT_PROCEDURE_BP),
				 BPACCT_OK);
		h->custom.warning_days = warning_days;
		h->profiles[0] = &h->custom;
		assert_int_equal(bpacct_profile_get(BPACCT_PROCEDURE_XNC,
						    &h->profiles[1]),
				 BPACCT_OK);
		h->profile_count = 2;
	}
	assert_int_equal(bpacct_account_new(&h->scratch, "scratch", NULL),
			 BPACCT_OK);
	assert_int_equal(bpacct_request_new(&h->scratch_req, "scratch", NULL),
			 BPACCT_OK);
	do {
		h->mem = NULL;
	} while (!created(h, bpacct_memory_store_new(&h->mem,
						     &h->store_alloc.ops),
			  h->mem, &h->store_alloc));
	open_engines(h);
}

void fx_repair(fx_harness *h)
{
	h->repaired = 1;
}

void fx_close(fx_harness *h)
{
	bpacct_engine_free(h->engine);
	bpacct_engine_free(h->inspector);
	bpacct_memory_store_free(h->mem);
	bpacct_account_free(h->scratch);
	bpacct_request_free(h->scratch_req);
	assert_int_equal(h->engine_alloc.outstanding, 0);
	assert_int_equal(h->store_alloc.outstanding, 0);
}

int64_t fx_field(fx_harness *h, const char *id, int32_t field)
{
	int rc;

	h->paused = 1;
	rc = bpacct_engine_account(h->inspector, id, h->scratch);
	h->paused = 0;
	if (rc == BPACCT_ENOTFOUND && field == BPACCT_FIELD_STATE)
		return BPACCT_STATE_NONE;
	assert_int_equal(rc, BPACCT_OK);
	{
		int64_t v = 0;
		assert_int_equal(bpacct_account_get_int(h->scratch, field, &v),
				 BPACCT_OK);
		return v;
	}
}

int64_t fx_state(fx_harness *h, const char *id)
{
	return fx_field(h, id, BPACCT_FIELD_STATE);
}

uint64_t fx_outbox(fx_harness *h)
{
	uint64_t outbox = 0;
	assert_int_equal(bpacct_memory_store_stats(h->mem, NULL, NULL, &outbox,
						   NULL),
			 BPACCT_OK);
	return outbox;
}

static void check_request(fx_harness *h, const fx_request *r)
{
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;
	int64_t state = 0;

	assert_int_equal(INNER->get_request(r->id, buf, sizeof buf, &len,
					    h->mem),
			 BPACCT_OK);
	assert_int_equal(bpacct_request_decode(h->scratch_req, buf, len),
			 BPACCT_OK);
	assert_int_equal(bpacct_request_get_int(h->scratch_req,
						BPACCT_FIELD_STATE, &state),
			 BPACCT_OK);
	assert_int_equal(state, r->state);
}

void fx_check_consistent(fx_harness *h)
{
	uint64_t accounts = 0, outbox = 0, audit = 0, marked = 0;

	h->paused = 1;
	assert_int_equal(bpacct_memory_store_stats(h->mem, &accounts, NULL,
						   &outbox, &audit),
			 BPACCT_OK);
	for (uint32_t i = 0; i < h->nnotices; i++)
		marked += (uint64_t)h->notices[i].marked;
	assert_int_equal(accounts, h->naccounts);
	assert_int_equal(audit, h->naudit);
	assert_int_equal(outbox, h->nnotices - marked);
	for (uint32_t i = 0; i < h->nrequests; i++)
		check_request(h, &h->requests[i]);
	h->paused = 0;
	for (uint32_t i = 0; i < h->naccounts; i++) {
		const fx_account *a = &h->accounts[i];
		assert_int_equal(fx_field(h, a->id, BPACCT_FIELD_REVISION),
				 a->revision);
		assert_int_equal(fx_state(h, a->id), a->state);
	}
}

int fx_after_call(fx_harness *h, int rc)
{
	const fx_mode_def *m = &fx_modes[h->mode];

	if (!h->fired || h->handled) {
		assert_int_equal(rc, BPACCT_OK);
		return 0;
	}
	h->handled = 1;
	/* A failed delivery is not an error: the notice stays. */
	assert_int_equal(rc, m->status);
	if (rc == BPACCT_OK)
		return 0;
	assert_true(strlen(bpacct_engine_last_error(h->engine)) > 0);
	if (rc == BPACCT_EUSER)
		assert_non_null(strstr(bpacct_engine_last_error(h->engine),
				       "injected store fault"));
	fx_check_consistent(h);
	h->repaired = 1;
	if (m->restart) {
		bpacct_engine_free(h->engine);
		assert_int_equal(h->engine_alloc.outstanding, 0);
		h->engine = NULL;
		open_engine(h);
	}
	return 1;
}
