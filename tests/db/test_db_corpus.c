/*
 * Suite `db`: the scenario corpus of suite fault (fault_scenarios.c), run
 * unchanged on the store named by argv[1]: `memory`, `sqlite` or
 * `postgres` (in a schema of its own per scenario; without a server the
 * test skips, or fails under CI=true: pg_support.h).  On SQLite and
 * PostgreSQL, the engine and the connection are closed and reopened after
 * every step, so each step starts from what the database kept.
 *
 * Each scenario: every step succeeds and leaves its watched account in
 * the state the corpus says; a preview counts what it says; then a final
 * tick and deliveries until the outbox is empty; then every account ends
 * as the corpus says (cancelled exactly once, with its case and instant),
 * and every owed notice was committed once under one key and delivered
 * exactly once.
 */
#include "../unit/test_lifecycle_support.h"

#include "db_support.h"
#include "../fault/fault_event.h"
#include "../fault/fault_scenarios.h"

static int kind = DB_MEMORY;
static db_store D;
static bpacct_engine *E;
static bpacct_profile custom;

static void engine_open(const fe_scenario *sc)
{
	static const bpacct_profile *profiles[2];
	bpacct_engine_options o;

	assert_int_equal(bpacct_engine_options_init(
				 &o, BPACCT_ENGINE_OPTIONS_VERSION), BPACCT_OK);
	o.store = &db_spy_ops;
	o.store_userdata = &D;
	o.notifier = &db_notifier;
	o.notifier_userdata = &D;
	o.calendar = tst_cal;
	o.batch = sc->batch;
	if (sc->warning_days > 0) {
		assert_int_equal(bpacct_profile_init(&custom,
						     BPACCT_PROFILE_VERSION,
						     BPACCT_PROCEDURE_BP),
				 BPACCT_OK);
		custom.warning_days = sc->warning_days;
		profiles[0] = &custom;
		assert_int_equal(bpacct_profile_get(BPACCT_PROCEDURE_XNC,
						    &profiles[1]), BPACCT_OK);
		o.profiles = profiles;
		o.profile_count = 2;
	}
	assert_int_equal(bpacct_engine_new(&E, &o), BPACCT_OK);
#ifdef BPACCT_HAVE_POSTGRES
	if (kind == DB_POSTGRES) /* its failures reach last_error() */
		assert_int_equal(bpacct_postgres_store_set_engine(D.pg, E),
				 BPACCT_OK);
#endif
}

static void engine_close(void)
{
#ifdef BPACCT_HAVE_POSTGRES
	if (kind == DB_POSTGRES)
		assert_int_equal(bpacct_postgres_store_set_engine(D.pg, NULL),
				 BPACCT_OK);
#endif
	bpacct_engine_free(E);
	E = NULL;
}

static int64_t account_int(const char *id, int32_t field)
{
	bpacct_account *a = NULL;
	int64_t v = 0;
	int rc;

	assert_int_equal(bpacct_account_new(&a, "scratch", NULL), BPACCT_OK);
	rc = bpacct_engine_account(E, id, a);
	if (rc == BPACCT_OK)
		assert_int_equal(bpacct_account_get_int(a, field, &v),
				 BPACCT_OK);
	else
		assert_int_equal(rc, BPACCT_ENOTFOUND);
	bpacct_account_free(a);
	return v;
}

static void run_step(const fe_step *s)
{
	uint32_t count = UINT32_MAX;
	bpacct_event e;
	int rc;

	if (s->op == FE_TICK) {
		rc = bpacct_engine_tick(E, tst_at(s->at));
	} else if (s->op == FE_PREVIEW) {
		uint64_t commits = D.commits;

		rc = bpacct_engine_preview(E, tst_at(s->at), &count);
		assert_int_equal(D.commits, commits);
		assert_int_equal(count, (uint32_t)s->state);
	} else {
		e = fe_build(s);
		rc = bpacct_engine_submit(E, s->account, &e);
	}
	if (rc != BPACCT_OK)
		fail_msg("step at %s: %s: %s", s->at, bpacct_error_name(rc),
			 bpacct_engine_last_error(E));
	if (s->op != FE_PREVIEW && s->state != 0)
		assert_int_equal(account_int(s->watch ? s->watch : s->account,
					     BPACCT_FIELD_STATE), s->state);
}

static void finish(const char *at)
{
	uint32_t pending = 1;

	assert_int_equal(bpacct_engine_tick(E, tst_at(at)), BPACCT_OK);
	assert_int_equal(bpacct_engine_deliver(E, &pending), BPACCT_OK);
	assert_int_equal(pending, 0);
}

static const db_cancel *cancel_of(const char *account)
{
	for (uint32_t i = 0; i < D.ncancels; i++)
		if (strcmp(D.cancels[i].account, account) == 0)
			return &D.cancels[i];
	return NULL;
}

static void check_accounts(const fe_scenario *sc)
{
	uint32_t cancelled = 0;

	for (uint32_t i = 0; i < sc->nfinals; i++) {
		const fe_final *f = &sc->finals[i];
		const db_cancel *k = cancel_of(f->account);

		assert_int_equal(account_int(f->account, BPACCT_FIELD_STATE),
				 f->state);
		if (f->state != BPACCT_STATE_CANCELLED) {
			assert_null(k);
			continue;
		}
		cancelled++;
		assert_non_null(k);
		assert_int_equal(k->count, 1);
		assert_int_equal(k->case_, f->case_);
		tl_instant_is(account_int(f->account, BPACCT_FIELD_CANCELLED),
			      f->cancelled);
	}
	assert_int_equal(D.ncancels, cancelled);
}

static void check_notices(const fe_scenario *sc)
{
	int used[DB_KEYS] = { 0 };

	assert_int_equal(D.nnotices, sc->nowed);
	for (uint32_t i = 0; i < sc->nowed; i++) {
		const fe_owed *o = &sc->owed[i];
		uint32_t k = 0;

		while (k < D.nnotices &&
		       (used[k] || strcmp(D.notices[k].account, o->account) ||
			D.notices[k].kind != o->kind ||
			D.notices[k].recipients != o->recipients ||
			D.notices[k].channel != o->channel))
			k++;
		if (k == D.nnotices)
			fail_msg("%s: notice %u (kind %d) not owed", sc->name,
				 i, (int)o->kind);
		used[k] = 1;
		assert_int_equal(D.notices[k].delivered, 1);
	}
}

/* Notices the database still holds undelivered. */
static uint64_t outbox_pending(void)
{
	uint64_t outbox = 1;

	switch (kind) {
#ifdef BPACCT_HAVE_SQLITE
	case DB_SQLITE:
		assert_int_equal(bpacct_sqlite_store_stats(D.sq, NULL, &outbox,
							   NULL, NULL),
				 BPACCT_OK);
		break;
#endif
#ifdef BPACCT_HAVE_POSTGRES
	case DB_POSTGRES:
		outbox = (uint64_t)pg_sql(D.schema.admin,
					  "SELECT count(*) FROM outbox"
					  " WHERE NOT delivered");
		break;
#endif
	default:
		outbox = 0; /* the memory store: the deliveries tell */
	}
	return outbox;
}

static void run_scenario(const fe_scenario *sc)
{
	db_open(&D, kind);
	engine_open(sc);
	for (uint32_t i = 0; i < sc->nsteps; i++) {
		run_step(&sc->steps[i]);
		if (db_kind_persists(kind)) { /* the database is the truth */
			engine_close();
			db_disconnect(&D);
			db_connect(&D);
			engine_open(sc);
		}
	}
	finish(sc->steps[sc->nsteps - 1].at);
	check_accounts(sc);
	check_notices(sc);
	assert_int_equal(outbox_pending(), 0);
	engine_close();
	db_close(&D);
}

static void test_db_corpus_every_lifecycle_scenario_passes_unchanged(
	void **state)
{
	(void)state;
	for (int i = 0; i < FE_SCENARIOS; i++) {
		print_message("%s: %s\n", db_kind_name(kind),
			      fe_scenarios[i].name);
		run_scenario(&fe_scenarios[i]);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_db_corpus_every_lifecycle_scenario_passes_unchanged),
	};

#ifdef BPACCT_HAVE_SQLITE
	if (argc > 1 && strcmp(argv[1], "sqlite") == 0)
		kind = DB_SQLITE;
#endif
#ifdef BPACCT_HAVE_POSTGRES
	if (argc > 1 && strcmp(argv[1], "postgres") == 0) {
		kind = DB_POSTGRES;
		(void)pg_base(); /* skip (77) before any test without one */
	}
#endif
	if (argc > 1 && strcmp(argv[1], db_kind_name(kind)) != 0)
		return 2;
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
