/*
 * Suite `db`, crash: a process runs thousands of generated events through
 * an engine over the SQLite store and is killed with SIGKILL at a random
 * instant (fixed seeds), three times in a row on the same file, each run
 * starting the whole input again; then a run to the end, a final tick and
 * deliveries until the outbox is empty.  Then, read from the file with
 * SQL: PRAGMA integrity_check is "ok"; every account whose cancellation
 * the rules owe (BP-R3: a complete application, due 2 h after receipt;
 * BP-R4: a lock, due 2 h after) has exactly one cancelling audit entry and
 * the others none; every notice in the outbox is marked delivered and its
 * idempotency key is in the notifier's log (at least once: a kill between
 * a delivery and its mark repeats it under the same key).
 *
 * The notifier appends each key to a log file with one write(2) before it
 * returns, so a kill never loses a delivery that happened.
 */
#include "../unit/test_lifecycle_support.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>

#include <sqlite3.h>

#include "db_support.h"

#define ACCOUNTS 1500
#define KILLS 3
#define SEEDS 5

typedef struct ev {
	int32_t op; /* a bpacct_input, or FE_TICK-like 100 */
	int64_t at;
	int account;
} ev;

#define OP_TICK 100

static ev events[4 * ACCOUNTS];
static size_t nevents;
static char ids[ACCOUNTS][16], reqs[ACCOUNTS][16];
static char dir[256], db[300], log_path[300];
static int log_fd = -1;

static void add(int32_t op, int64_t at, int account)
{
	events[nevents].op = op;
	events[nevents].at = at;
	events[nevents].account = account;
	nevents++;
	if (nevents % 64 == 0) { /* a tick now and then, as a host would */
		events[nevents] = (ev){ OP_TICK, at, -1 };
		nevents++;
	}
}

/* i % 3 == 0: a complete online application (cancelled 2 h later);
 * 1: a risk, locked (cancelled 2 h later); 2: used (never cancelled). */
static void generate(void)
{
	int64_t issue = tst_at("2026-11-02T08:00:00+07:00");
	int64_t use = tst_at("2026-11-10T08:00:00+07:00");
	int64_t request = tst_at("2026-11-16T09:00:00+07:00");
	int64_t risk = tst_at("2026-11-20T09:00:00+07:00");

	nevents = 0;
	for (int i = 0; i < ACCOUNTS; i++) {
		snprintf(ids[i], sizeof ids[i], "A%04d", i);
		snprintf(reqs[i], sizeof reqs[i], "Q%04d", i);
		add(BPACCT_INPUT_ISSUE, issue + i * 10, i);
	}
	for (int i = 2; i < ACCOUNTS; i += 3)
		add(BPACCT_INPUT_USE, use + i * 10, i);
	for (int i = 0; i < ACCOUNTS; i += 3)
		add(BPACCT_INPUT_REQUEST, request + i * 10, i);
	for (int i = 1; i < ACCOUNTS; i += 3)
		add(BPACCT_INPUT_RISK, risk + i * 10, i);
}

static bpacct_event event_of(const ev *v)
{
	bpacct_event e;

	if (v->op == BPACCT_INPUT_REQUEST) {
		e = tl_bp_request("2026-11-16T09:00:00+07:00",
				  reqs[v->account], BPACCT_CHANNEL_ONLINE);
	} else {
		e = tl_event(v->op, "2026-11-02T08:00:00+07:00");
		if (v->op == BPACCT_INPUT_ISSUE) {
			e.procedure = BPACCT_PROCEDURE_BP;
			e.owner = TL_OWNER;
			e.holder_id_type = BPACCT_ID_CCCD;
			e.holder_id_number = TL_CCCD;
		}
	}
	e.at = v->at;
	return e;
}

static int log_delivery(const bpacct_entry *n, void *u)
{
	const char *key = "";
	char line[160];
	int len;

	(void)u;
	bpacct_entry_get_text(n, BPACCT_FIELD_KEY, &key);
	len = snprintf(line, sizeof line, "%s\n", key);
	return write(log_fd, line, (size_t)len) == len ? 0 : -9;
}

static const bpacct_notifier_ops logger = { BPACCT_NOTIFIER_OPS_VERSION,
					    log_delivery };

/* The whole input, then (finish) a final tick and the deliveries; 0 or
 * the failing status. */
static int run_all(int finish)
{
	bpacct_sqlite_store *s = NULL;
	bpacct_engine *e = NULL;
	bpacct_engine_options o;
	uint32_t pending = 0;
	int rc = bpacct_sqlite_store_open(&s, db, NULL);

	bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);
	o.store = bpacct_sqlite_store_ops();
	o.store_userdata = s;
	o.notifier = &logger;
	o.calendar = tst_cal;
	if (rc == BPACCT_OK)
		rc = bpacct_engine_new(&e, &o);
	for (size_t i = 0; rc == BPACCT_OK && i < nevents; i++) {
		bpacct_event x = event_of(&events[i]);

		rc = events[i].op == OP_TICK
			     ? bpacct_engine_tick(e, events[i].at)
			     : bpacct_engine_submit(e, ids[events[i].account],
						    &x);
	}
	if (rc == BPACCT_OK && finish)
		rc = bpacct_engine_tick(e, tst_at("2026-12-01T00:00:00+07:00"));
	if (rc == BPACCT_OK && finish)
		rc = bpacct_engine_deliver(e, &pending);
	if (rc == BPACCT_OK && pending != 0)
		rc = BPACCT_EUSER;
	if (rc != BPACCT_OK)
		fprintf(stderr, "run: %s: %s\n", bpacct_error_name(rc),
			e ? bpacct_engine_last_error(e) : "");
	bpacct_engine_free(e);
	bpacct_sqlite_store_close(s);
	return rc;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A child runs everything; killed after `delay` s unless done; returns
 * whether the kill struck. */
static int run_child(double delay)
{
	pid_t pid = fork();
	int st = 0;

	assert_true(pid >= 0);
	if (pid == 0)
		_exit(run_all(1) == BPACCT_OK ? 0 : 1);
	if (delay >= 0) {
		struct timespec ts = { (time_t)delay,
				       (long)((delay - (double)(time_t)delay) *
					      1e9) };
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (WIFSIGNALED(st)) {
		assert_int_equal(WTERMSIG(st), SIGKILL);
		return 1;
	}
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
	return 0;
}

static void open_files(void)
{
	db_temp_dir(dir, sizeof dir);
	snprintf(db, sizeof db, "%s/crash.db", dir);
	snprintf(log_path, sizeof log_path, "%s/delivered.log", dir);
	log_fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND, 0600);
	assert_true(log_fd >= 0);
}

static void close_files(void)
{
	close(log_fd);
	unlink(log_path);
	db_remove_files(dir, db);
}

#include "db_crash_check.h"

static void test_db_crash_sigkill_then_rerun_cancels_once_delivers_all(
	void **state)
{
	double full;
	int struck = 0;

	(void)state;
	generate();
	open_files(); /* the time of a whole run, to aim the kills */
	full = now_s();
	assert_int_equal(run_child(-1), 0);
	full = now_s() - full;
	check_file();
	close_files();
	print_message("%zu events, a whole run %.2f s\n", nevents, full);
	for (unsigned seed = 1; seed <= SEEDS; seed++) {
		srand(seed);
		open_files();
		for (int k = 0; k < KILLS; k++)
			struck += run_child(full * (double)rand() /
					    (double)RAND_MAX);
		assert_int_equal(run_all(1), BPACCT_OK);
		check_file();
		close_files();
	}
	print_message("%d of %d kills struck a running process\n", struck,
		      SEEDS * KILLS);
	assert_true(struck > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_db_crash_sigkill_then_rerun_cancels_once_delivers_all),
	};

	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
