/*
 * Suite `fault`: every lifecycle scenario (fault_scenarios.c) run against
 * an engine over the real in-memory store while one thing fails: the Nth
 * store call (before, or after, doing its work), the Nth delivery, the
 * engine's Nth allocation, the memory store's Nth allocation — for every
 * N = 1, 2, … until the scenario runs without reaching the fault (as
 * SQLite's FAULTSIM and curl's torture tests do; conventions.md §F.32).
 *
 * Each time: the failing call returns the error (the store's status
 * unchanged, BPACCT_ENOMEM; a failed delivery is no error); the store
 * holds whole changes only (fault_harness.c compares it with the changes
 * it accepted); the same call retried and the rest of the scenario, a
 * final tick and deliveries until the outbox is empty, end with every
 * cancellation exactly once (the accepted changes that cancel, and
 * on_effects), every owed notice committed once under one key and
 * delivered (a key twice only when a fault struck between its delivery
 * and its mark: the host drops it by key), and nothing leaked.
 *
 * BPACCT_FAULT_VERBOSE=1 prints every run (scenario, mode, N).
 */
#include "../unit/test_lifecycle_support.h"

#include <stdio.h>
#include <stdlib.h>

#include "fault_harness.h"
#include "fault_scenarios.h"
#include "fault_event.h"

/* One harness, reused: it is too large for the stack of a test. */
static fx_harness H;
static int verbose;

/* A preview writes nothing and delivers nothing. */
static int preview(const fe_step *s, uint32_t *count)
{
	uint64_t commits = H.commits;
	uint32_t delivered = H.ndeliveries;
	int rc;

	H.in_preview = 1;
	rc = bpacct_engine_preview(H.engine, tst_at(s->at), count);
	H.in_preview = 0;
	assert_int_equal(H.commits, commits);
	assert_int_equal(H.ndeliveries, delivered);
	return rc;
}

static int exec(const fe_step *s, uint32_t *count)
{
	bpacct_event e;

	if (s->op == FE_TICK)
		return bpacct_engine_tick(H.engine, tst_at(s->at));
	if (s->op == FE_PREVIEW)
		return preview(s, count);
	e = fe_build(s);
	return bpacct_engine_submit(H.engine, s->account, &e);
}

/* Runs a step; when the fault made it fail, checks and retries it. */
static void run_step(const fe_step *s)
{
	uint32_t count = UINT32_MAX;

	if (fx_after_call(&H, exec(s, &count)))
		assert_int_equal(exec(s, &count), BPACCT_OK);
	if (s->op == FE_PREVIEW)
		assert_int_equal(count, (uint32_t)s->state);
	else if (s->state != 0)
		assert_int_equal(fx_state(&H, s->watch ? s->watch : s->account),
				 s->state);
}

/* A final tick, then deliveries until the outbox is empty. */
static void finish(const char *at)
{
	uint32_t pending = 1;

	fx_repair(&H); /* the notification channel is back */
	if (fx_after_call(&H, bpacct_engine_tick(H.engine, tst_at(at))))
		assert_int_equal(bpacct_engine_tick(H.engine, tst_at(at)),
				 BPACCT_OK);
	for (int i = 0; i < 4 && pending > 0; i++) {
		pending = 1;
		if (fx_after_call(&H, bpacct_engine_deliver(H.engine,
							    &pending)))
			pending = 1;
	}
	assert_int_equal(pending, 0);
	assert_int_equal(fx_outbox(&H), 0);
}

static void check_accounts(const fe_scenario *sc)
{
	uint32_t cancelled = 0, logged = 0;

	for (uint32_t i = 0; i < sc->nfinals; i++) {
		const fe_final *f = &sc->finals[i];
		const fx_account *a = fx_account_of(&H, f->account);

		assert_int_equal(fx_state(&H, f->account), f->state);
		if (f->state == BPACCT_STATE_NONE) {
			/* never issued: at most the tombstone a request
			 * about it writes (revision 1), never cancelled */
			if (a) {
				assert_int_equal(a->revision, 1);
				assert_int_equal(a->cancellations, 0);
			}
			continue;
		}
		assert_non_null(a);
		if (f->state != BPACCT_STATE_CANCELLED) {
			assert_int_equal(a->cancellations, 0);
			continue;
		}
		cancelled++;
		assert_int_equal(a->cancellations, 1);
		assert_int_equal(a->cancel_case, f->case_);
		tl_instant_is(fx_field(&H, f->account, BPACCT_FIELD_CANCELLED),
			      f->cancelled);
		/* The host hears of it once; of a commit whose success was
		 * lost, not at all. */
		if (fx_modes[H.mode].effects_exact)
			assert_int_equal(a->effects_cancellations, 1);
		else
			assert_true(a->effects_cancellations <= 1);
	}
	for (uint32_t i = 0; i < H.naccounts; i++)
		logged += (uint32_t)H.accounts[i].cancellations;
	assert_int_equal(logged, cancelled);
}

static void check_notices(const fe_scenario *sc)
{
	int used[FX_NOTICES_MAX] = { 0 };

	assert_int_equal(H.nnotices, sc->nowed);
	for (uint32_t i = 0; i < sc->nowed; i++) {
		const fe_owed *o = &sc->owed[i];
		uint32_t k = 0;

		while (k < H.nnotices &&
		       (used[k] ||
			strcmp(H.notices[k].account, o->account) != 0 ||
			H.notices[k].kind != o->kind ||
			H.notices[k].recipients != o->recipients ||
			H.notices[k].channel != o->channel))
			k++;
		if (k == H.nnotices)
			fail_msg("%s: notice %u (kind %d) not owed",
				 sc->name, i, (int)o->kind);
		used[k] = 1;
	}
	for (uint32_t k = 0; k < H.nnotices; k++) {
		uint32_t d = fx_delivered(&H, H.notices[k].key);

		assert_true(H.notices[k].marked);
		assert_true(d >= 1 && d <= 2);
		if (d == 2)
			assert_true(H.notices[k].redeliver_ok);
	}
}

/* One run with the Nth call of `mode` failing; 1 if the fault fired. */
static int run(const fe_scenario *sc, int mode, uint64_t n)
{
	if (verbose)
		print_message("%s %s N=%llu\n", sc->name,
			      fx_modes[mode].name, (unsigned long long)n);
	fx_open(&H, mode, n, tst_cal, sc->warning_days, sc->batch);
	for (uint32_t i = 0; i < sc->nsteps; i++)
		run_step(&sc->steps[i]);
	finish(sc->steps[sc->nsteps - 1].at);
	fx_check_consistent(&H);
	check_accounts(sc);
	check_notices(sc);
	fx_close(&H);
	return H.fired;
}

/* The baseline, then every mode for N = 1, 2, … until nothing fires. */
static void exhaust(int which)
{
	const fe_scenario *sc = &fe_scenarios[which];
	uint64_t runs[FX_MODES] = { 0 };

	assert_int_equal(run(sc, FX_NONE, 0), 0);
	for (int mode = FX_STORE; mode < FX_MODES; mode++) {
		uint64_t n = 1;
		while (run(sc, mode, n)) {
			assert_true(n < 100000);
			n++;
		}
		runs[mode] = n - 1;
	}
	print_message("%-22s faults:", sc->name);
	for (int mode = FX_STORE; mode < FX_MODES; mode++)
		print_message(" %s %llu", fx_modes[mode].name,
			      (unsigned long long)runs[mode]);
	print_message("\n");
	/* Every kind of call was reached: the loops did test something. */
	assert_true(runs[FX_STORE] > 0 && runs[FX_NOTIFIER] > 0);
	assert_true(runs[FX_ALLOC_ENGINE] > 0 && runs[FX_ALLOC_STORE] > 0);
}

static void test_fault_bp_a1_bp_r2_bp_a3_postal_application_with_supplement(
	void **state)
{
	(void)state;
	exhaust(FE_BP_A_SUPPLEMENT);
}

static void test_fault_bp_r1_bp_a2_bp_r3_portal_request_due_after_another_event(
	void **state)
{
	(void)state;
	exhaust(FE_BP_A_PORTAL);
}

static void test_fault_bp_b1_b2_b3_bp_r4_e11_lock_then_system_cancel(
	void **state)
{
	(void)state;
	exhaust(FE_BP_B_LOCK);
}

static void test_fault_bp_c1_c2_bp_r5_e12_inactivity_spares_a_used_account(
	void **state)
{
	(void)state;
	exhaust(FE_BP_C_INACTIVITY);
}

static void test_fault_bp_c_sweep_in_batches_of_two(void **state)
{
	(void)state;
	exhaust(FE_BP_C_SWEEP);
}

static void test_fault_bp_c_inactivity_warning_once_then_cancel(void **state)
{
	(void)state;
	exhaust(FE_BP_C_WARNING);
}

static void test_fault_xnc_2a_xnc_t_xnc_r4_in_person_in_session_at_once(
	void **state)
{
	(void)state;
	exhaust(FE_XNC_IN_PERSON);
}

static void test_fault_xnc_2b_xnc_1_xnc_f_postal_missing_field_then_supplement(
	void **state)
{
	(void)state;
	exhaust(FE_XNC_POSTAL_SUPPLEMENT);
}

static void test_fault_xnc_r4_online_on_sunday_cancelled_at_monday_tick(
	void **state)
{
	(void)state;
	exhaust(FE_XNC_ONLINE_SUNDAY);
}

static void test_fault_xnc_2c_xnc_e_not_eligible_rejection_only(void **state)
{
	(void)state;
	exhaust(FE_XNC_NOT_ELIGIBLE);
}

static void test_fault_xnc_e_e2_request_about_no_account_rejected_once(
	void **state)
{
	(void)state;
	exhaust(FE_XNC_NO_ACCOUNT);
}

static void test_fault_e2_repeated_request_id_cancels_once(void **state)
{
	(void)state;
	exhaust(FE_REPEATED_REQUEST_ID);
}

static void test_fault_e1_use_of_a_cancelled_account_owes_nothing(
	void **state)
{
	(void)state;
	exhaust(FE_USE_OF_CANCELLED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_fault_bp_a1_bp_r2_bp_a3_postal_application_with_supplement),
		cmocka_unit_test(
			test_fault_bp_r1_bp_a2_bp_r3_portal_request_due_after_another_event),
		cmocka_unit_test(
			test_fault_bp_b1_b2_b3_bp_r4_e11_lock_then_system_cancel),
		cmocka_unit_test(
			test_fault_bp_c1_c2_bp_r5_e12_inactivity_spares_a_used_account),
		cmocka_unit_test(test_fault_bp_c_sweep_in_batches_of_two),
		cmocka_unit_test(
			test_fault_bp_c_inactivity_warning_once_then_cancel),
		cmocka_unit_test(
			test_fault_xnc_2a_xnc_t_xnc_r4_in_person_in_session_at_once),
		cmocka_unit_test(
			test_fault_xnc_2b_xnc_1_xnc_f_postal_missing_field_then_supplement),
		cmocka_unit_test(
			test_fault_xnc_r4_online_on_sunday_cancelled_at_monday_tick),
		cmocka_unit_test(
			test_fault_xnc_2c_xnc_e_not_eligible_rejection_only),
		cmocka_unit_test(
			test_fault_xnc_e_e2_request_about_no_account_rejected_once),
		cmocka_unit_test(test_fault_e2_repeated_request_id_cancels_once),
		cmocka_unit_test(
			test_fault_e1_use_of_a_cancelled_account_owes_nothing),
	};
	const char *v = getenv("BPACCT_FAULT_VERBOSE");

	verbose = v != NULL && *v == '1';
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
