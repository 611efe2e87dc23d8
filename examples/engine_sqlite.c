/* SPDX-License-Identifier: MIT */
/*
 * An engine over the SQLite store with a notifier (docs/deployment.md):
 * an enterprise asks to cancel its performer's account (case BP-A), the
 * application is accepted, and the tick two hours later cancels it; the
 * cancellation notice goes to both the enterprise and the performer
 * (BP-R6), once.  The state lives in the database file given (default
 * ./example.db, created if missing): run it twice and the second run finds
 * the account already cancelled.
 */
#include <stdio.h>
#include <string.h>

#include <bpacct/bpacct.h>
#include <bpacct/sqlite.h>
#include <bpacct/sys/notifier.h>

#define OWNER "0100109106"
#define CCCD "001090012345"

static int print_notice(const bpacct_entry *n, void *userdata)
{
	const char *key = "", *owner = "", *holder = "";
	int64_t kind = 0;

	(void)userdata;
	bpacct_entry_get_text(n, BPACCT_FIELD_KEY, &key);
	bpacct_entry_get_int(n, BPACCT_FIELD_KIND, &kind);
	bpacct_entry_get_text(n, BPACCT_FIELD_OWNER_ID, &owner);
	bpacct_entry_get_text(n, BPACCT_FIELD_HOLDER_ID, &holder);
	printf("notice %s: %s to %s and %s\n", key,
	       bpacct_value_name(BPACCT_FIELD_KIND, (int32_t)kind), owner,
	       holder);
	return 0;
}

static const bpacct_notifier_ops printer = { BPACCT_NOTIFIER_OPS_VERSION,
					     print_notice };

static int64_t instant(const char *text)
{
	int64_t t = 0;

	bpacct_instant_parse(&t, text, strlen(text));
	return t;
}

static int submit(bpacct_engine *engine, int32_t input, const char *at,
		  int is_request)
{
	bpacct_event e;

	bpacct_event_init(&e, BPACCT_EVENT_VERSION, input, instant(at));
	e.procedure = BPACCT_PROCEDURE_BP;
	e.owner = OWNER;
	e.holder_id_type = BPACCT_ID_CCCD;
	e.holder_id_number = CCCD;
	if (is_request) { /* BP-A1: the three papers, from the owner */
		e.request = "Q1";
		e.requester = OWNER;
		e.channel = BPACCT_CHANNEL_ONLINE;
		e.documents = BPACCT_DOC_APPLICATION |
			      BPACCT_DOC_ENTERPRISE_REGISTRATION |
			      BPACCT_DOC_IDENTITY;
		e.enterprise_code = OWNER;
		e.id_type = BPACCT_ID_CCCD;
		e.id_number = CCCD;
	}
	return bpacct_engine_submit(engine, "A1", &e);
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "example.db";
	bpacct_sqlite_store *db = NULL;
	bpacct_calendar *cal = NULL;
	bpacct_engine *engine = NULL;
	bpacct_account *acc = NULL;
	bpacct_engine_options o;
	int64_t state = 0;
	int rc = bpacct_calendar_new(&cal, NULL);

	if (rc == BPACCT_OK)
		rc = bpacct_sqlite_store_open(&db, path, NULL);
	if (rc != BPACCT_OK) {
		fprintf(stderr, "open %s: %s\n", path,
			db ? bpacct_sqlite_store_last_error(db)
			   : bpacct_strerror(rc));
		bpacct_sqlite_store_close(db);
		bpacct_calendar_free(cal);
		return 1;
	}
	bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);
	o.store = bpacct_sqlite_store_ops();
	o.store_userdata = db;
	o.notifier = &printer;
	o.calendar = cal;
	rc = bpacct_engine_new(&engine, &o);
	if (rc == BPACCT_OK)
		bpacct_sqlite_store_set_engine(db, engine);
	if (rc == BPACCT_OK)
		rc = submit(engine, BPACCT_INPUT_ISSUE,
			    "2026-11-02T08:00:00+07:00", 0);
	if (rc == BPACCT_OK)
		rc = submit(engine, BPACCT_INPUT_REQUEST,
			    "2026-11-16T09:00:00+07:00", 1);
	if (rc == BPACCT_OK) /* BP-R3: receipt + 2 h */
		rc = bpacct_engine_tick(engine,
					instant("2026-11-16T11:00:00+07:00"));
	if (rc == BPACCT_OK)
		rc = bpacct_account_new(&acc, "A1", NULL);
	if (rc == BPACCT_OK)
		rc = bpacct_engine_account(engine, "A1", acc);
	if (rc == BPACCT_OK)
		rc = bpacct_account_get_int(acc, BPACCT_FIELD_STATE, &state);
	if (rc == BPACCT_OK)
		printf("account A1: %s\n",
		       bpacct_value_name(BPACCT_FIELD_STATE, (int32_t)state));
	else
		fprintf(stderr, "%s\n", bpacct_engine_last_error(engine));
	bpacct_account_free(acc);
	bpacct_engine_free(engine);
	bpacct_sqlite_store_close(db);
	bpacct_calendar_free(cal);
	return rc == BPACCT_OK ? 0 : 1;
}
