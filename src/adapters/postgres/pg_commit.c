/*
 * commit() of libbpacct-postgres: one transaction per change, in two
 * round trips.
 *
 * First flight, in libpq pipeline mode (one write, one read): BEGIN; the
 * account under compare-and-swap (UPDATE … WHERE id = $1 AND revision =
 * $2, or for a new one INSERT … ON CONFLICT DO NOTHING); the request; the
 * notices (ON CONFLICT (key) DO NOTHING: a key is a notice's identity)
 * and the audit.  Every result is checked.  Second flight: COMMIT when
 * every statement succeeded and the compare-and-swap changed its row;
 * otherwise ROLLBACK, and no row changed is BPACCT_ECONFLICT (another
 * engine moved the account first).  COMMIT cannot travel in the first
 * flight: a compare-and-swap that changes no row is not an error, so the
 * server would commit the rest.  Under READ COMMITTED a concurrent UPDATE
 * of the same row waits for the first transaction and then sees its new
 * revision, so exactly one wins; the statements after it wait behind it.
 *
 * A connection lost in the middle is not retried here: if it broke while
 * COMMIT was on its way, the change may be in the database.  The store
 * resets the connection on the next call, and the engine's caller retries
 * the call, which re-reads and either finds the change done or makes it.
 *
 * A session left out of step is worse than a lost one: still in pipeline
 * mode, or with its transaction open after a ROLLBACK that did not run,
 * the NEXT commit's COMMIT would also save the refused change's writes.
 * So the session's state is checked before a commit starts (out of
 * pipeline mode, no transaction), after the first flight (out of pipeline
 * mode, the transaction open) and after COMMIT or ROLLBACK (none open);
 * a session out of step is reset (PQreset ends its transaction unsaved)
 * and the commit answers BPACCT_EUSER.  COMMIT is judged by its command
 * tag too: the server answers COMMIT in an aborted transaction with the
 * tag ROLLBACK and no error.
 */
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"

typedef struct cols {
	int64_t has_account, expected, revision, next_due;
	int64_t has_request, count;
} cols;

static int read_cols(const bpacct_change *c, cols *k)
{
	static const struct {
		int32_t field;
		size_t off;
	} fields[] = {
		{ BPACCT_CHANGE_HAS_ACCOUNT, offsetof(cols, has_account) },
		{ BPACCT_CHANGE_EXPECTED_REVISION, offsetof(cols, expected) },
		{ BPACCT_CHANGE_REVISION, offsetof(cols, revision) },
		{ BPACCT_CHANGE_NEXT_DUE, offsetof(cols, next_due) },
		{ BPACCT_CHANGE_HAS_REQUEST, offsetof(cols, has_request) },
		{ BPACCT_CHANGE_ENTRY_COUNT, offsetof(cols, count) },
	};

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		int rc = bpacct_change_get_int(c, fields[i].field,
					       (int64_t *)(void *)
					       ((char *)k + fields[i].off));
		if (rc != BPACCT_OK)
			return rc;
	}
	return k->count < 0 ? BPACCT_EINVAL : BPACCT_OK;
}

/* The statements of one flight, in the order sent: what each one is, for
 * a failure's message, and which one is the compare-and-swap. */
#define FLIGHT_NAMES 16

typedef struct flight {
	int sent;                       /* statements in the pipeline */
	int cas;                        /* index of the CAS, or -1 */
	const char *names[FLIGHT_NAMES];
} flight;

/* Queues a prepared statement (results in binary, as every read). */
static int write(bpacct_postgres_store *s, flight *fl, bpacct__pg_id w,
		 const char *const *values, const int *lengths,
		 const int *formats)
{
	const bpacct__pg_stmt *st = &bpacct__pg_stmts[w];

	if (!PQsendQueryPrepared(s->conn, st->name, st->nparams, values,
				 lengths, formats, 1))
		return bpacct__pg_fail(s, NULL, st->name);
	if (fl->sent < FLIGHT_NAMES)
		fl->names[fl->sent] = st->name;
	fl->sent++;
	return BPACCT_OK;
}

static int put_account(bpacct_postgres_store *s, flight *fl,
		       const bpacct_change *c, const cols *k)
{
	char expected[24], revision[24], due[24];
	const uint8_t *rec = NULL;
	const char *id = NULL;
	size_t len = 0;
	int rc = bpacct_change_account(c, &id, &rec, &len);

	if (rc != BPACCT_OK)
		return rc;
	fl->cas = fl->sent;
	snprintf(expected, sizeof expected, "%lld", (long long)k->expected);
	snprintf(revision, sizeof revision, "%lld", (long long)k->revision);
	snprintf(due, sizeof due, "%lld", (long long)k->next_due);
	if (k->expected == 0) {
		const char *v[4] = { id, revision, NULL, (const char *)rec };
		const int l[4] = { 0, 0, 0, (int)len }, f[4] = { 0, 0, 0, 1 };

		v[2] = k->next_due == BPACCT_INSTANT_NONE ? NULL : due;
		rc = write(s, fl, PG_ACCOUNT_INSERT, v, l, f);
	} else {
		const char *v[5] = { id, expected, revision, NULL,
				     (const char *)rec };
		const int l[5] = { 0, 0, 0, 0, (int)len };
		const int f[5] = { 0, 0, 0, 0, 1 };

		v[3] = k->next_due == BPACCT_INSTANT_NONE ? NULL : due;
		rc = write(s, fl, PG_ACCOUNT_UPDATE, v, l, f);
	}
	return rc;
}

static int put_request(bpacct_postgres_store *s, flight *fl,
		       const bpacct_change *c)
{
	const uint8_t *rec = NULL;
	const char *id = NULL;
	size_t len = 0;
	int rc = bpacct_change_request(c, &id, &rec, &len);
	const char *v[2] = { id, (const char *)rec };
	const int l[2] = { 0, (int)len }, f[2] = { 0, 1 };

	return rc == BPACCT_OK ? write(s, fl, PG_REQUEST_PUT, v, l, f) : rc;
}

static int put_entry(bpacct_postgres_store *s, flight *fl,
		     const bpacct_change *c, uint32_t i)
{
	const bpacct_entry *e = NULL;
	const uint8_t *rec = NULL;
	const char *key = NULL, *account = NULL;
	size_t len = 0;
	int64_t type = 0;
	int rc = bpacct_change_entry(c, i, &e, &rec, &len);

	if (rc == BPACCT_OK)
		rc = bpacct_entry_get_int(e, BPACCT_FIELD_ENTRY_TYPE, &type);
	if (rc == BPACCT_OK)
		rc = bpacct_entry_get_text(e, BPACCT_FIELD_ACCOUNT, &account);
	if (rc != BPACCT_OK)
		return rc;
	if (type == BPACCT_ENTRY_NOTICE) {
		const char *v[3] = { NULL, account, (const char *)rec };
		const int l[3] = { 0, 0, (int)len }, f[3] = { 0, 0, 1 };

		rc = bpacct_entry_get_text(e, BPACCT_FIELD_KEY, &key);
		if (rc == BPACCT_OK && (!key || !*key))
			rc = BPACCT_EINVAL;
		v[0] = key;
		return rc == BPACCT_OK
			       ? write(s, fl, PG_NOTICE_PUT, v, l, f)
			       : rc;
	}
	if (type == BPACCT_ENTRY_AUDIT) {
		const char *v[2] = { account, (const char *)rec };
		const int l[2] = { 0, (int)len }, f[2] = { 0, 1 };

		return write(s, fl, PG_AUDIT_PUT, v, l, f);
	}
	return BPACCT_EINVAL;
}

static int put_all(bpacct_postgres_store *s, flight *fl,
		   const bpacct_change *c, const cols *k)
{
	int rc = BPACCT_OK;

	if (!PQsendQueryParams(s->conn, "BEGIN", 0, NULL, NULL, NULL, NULL,
			       1))
		return bpacct__pg_fail(s, NULL, "BEGIN");
	fl->names[fl->sent++] = "BEGIN";
	if (k->has_account)
		rc = put_account(s, fl, c, k);
	if (rc == BPACCT_OK && k->has_request)
		rc = put_request(s, fl, c);
	for (uint32_t i = 0; rc == BPACCT_OK && i < (uint32_t)k->count; i++)
		rc = put_entry(s, fl, c, i);
	return rc;
}

static const char *name_of(const flight *fl, int i)
{
	return i < FLIGHT_NAMES && i < fl->sent ? fl->names[i] : "commit";
}

/* Reads the flight's results up to its sync point: the first failure's
 * status (its message kept), else whether the CAS changed its row.  After
 * a failure the server skips the rest (PGRES_PIPELINE_ABORTED). */
static int collect(bpacct_postgres_store *s, const flight *fl)
{
	int rc = BPACCT_OK, i = 0, idle = 0;
	long cas_rows = 1;

	while (idle < 2 && !bpacct__pg_lost(s)) {
		PGresult *r = PQgetResult(s->conn);
		ExecStatusType t;

		if (!r) { /* the end of one statement's results */
			i++;
			idle++;
			continue;
		}
		idle = 0;
		t = PQresultStatus(r);
		if (t == PGRES_PIPELINE_SYNC) {
			PQclear(r);
			return rc != BPACCT_OK ? rc
			       : cas_rows == 1 ? BPACCT_OK
					       : BPACCT_ECONFLICT;
		}
		if (t == PGRES_COMMAND_OK && i == fl->cas)
			cas_rows = strtol(PQcmdTuples(r), NULL, 10);
		else if (t != PGRES_COMMAND_OK && rc == BPACCT_OK)
			rc = bpacct__pg_fail(s, r, name_of(fl, i));
		PQclear(r);
	}
	/* No sync point: the connection broke. */
	return rc != BPACCT_OK ? rc : bpacct__pg_fail(s, NULL, "commit");
}

/* The first flight: sends everything but COMMIT, then reads it all. */
static int fly(bpacct_postgres_store *s, const bpacct_change *c,
	       const cols *k)
{
	flight fl;
	int rc, out;

	memset(&fl, 0, sizeof fl);
	fl.cas = -1;
	if (!PQenterPipelineMode(s->conn))
		return bpacct__pg_fail(s, NULL, "pipeline");
	rc = put_all(s, &fl, c, k);
	if (!PQpipelineSync(s->conn) && rc == BPACCT_OK)
		rc = bpacct__pg_fail(s, NULL, "pipeline sync");
	out = collect(s, &fl);
	if (rc == BPACCT_OK)
		rc = out;
	if (!PQexitPipelineMode(s->conn) && rc == BPACCT_OK)
		rc = bpacct__pg_fail(s, NULL, "pipeline exit");
	return rc;
}

/* Validates what put_all would send, before anything is sent: the limits
 * of the SQLite store (entries, record sizes). */
static int valid_record(const uint8_t *rec, size_t len)
{
	return rec && len > 0 && len <= BPACCT_RECORD_MAX;
}

static int check(const bpacct_change *c, const cols *k)
{
	const uint8_t *rec = NULL;
	const char *id = NULL;
	size_t len = 0;
	int rc = BPACCT_OK;

	if (k->count > UINT16_MAX)
		return BPACCT_EINVAL;
	if (k->has_account) {
		rc = bpacct_change_account(c, &id, &rec, &len);
		if (rc == BPACCT_OK && (!id || !*id || !valid_record(rec, len)))
			rc = BPACCT_EINVAL;
	}
	if (rc == BPACCT_OK && k->has_request) {
		rc = bpacct_change_request(c, &id, &rec, &len);
		if (rc == BPACCT_OK && (!id || !*id || !valid_record(rec, len)))
			rc = BPACCT_EINVAL;
	}
	for (uint32_t i = 0; rc == BPACCT_OK && i < (uint32_t)k->count; i++) {
		const bpacct_entry *e = NULL;

		rc = bpacct_change_entry(c, i, &e, &rec, &len);
		if (rc == BPACCT_OK && !valid_record(rec, len))
			rc = BPACCT_EINVAL;
	}
	return rc;
}

static const char out_of_step[] =
	"the session was left in a transaction or in pipeline mode after a "
	"failed commit; it was reset and the change was not saved";

static int in_step(const bpacct_postgres_store *s,
		   PGTransactionStatusType want)
{
	return PQpipelineStatus(s->conn) == PQ_PIPELINE_OFF &&
	       PQtransactionStatus(s->conn) == want;
}

/* Ends the refused change's transaction; rc is the refusal.  A lost
 * connection ended it on the server (the next call resets). */
static int roll_back(bpacct_postgres_store *s, int rc)
{
	PGresult *r;
	int ok;

	if (bpacct__pg_lost(s))
		return rc;
	if (PQpipelineStatus(s->conn) != PQ_PIPELINE_OFF)
		return bpacct__pg_reset(s, out_of_step);
	r = PQexec(s->conn, "ROLLBACK");
	ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (bpacct__pg_lost(s))
		return rc;
	if (!ok || !in_step(s, PQTRANS_IDLE))
		return bpacct__pg_reset(s, out_of_step);
	return rc;
}

static int commit_tx(bpacct_postgres_store *s)
{
	PGresult *r;
	int rc;

	if (!in_step(s, PQTRANS_INTRANS))
		return bpacct__pg_reset(s, out_of_step);
	r = PQexec(s->conn, "COMMIT");
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		rc = bpacct__pg_fail(s, r, "COMMIT");
	} else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
		bpacct__pg_keep(s, "COMMIT",
				"the server answered ROLLBACK (the transaction "
				"had failed); the change was not saved");
		rc = BPACCT_EUSER;
	} else {
		rc = BPACCT_OK;
	}
	PQclear(r);
	if (!bpacct__pg_lost(s) && !in_step(s, PQTRANS_IDLE))
		rc = bpacct__pg_reset(s, out_of_step);
	return rc;
}

int bpacct__pg_commit(bpacct_postgres_store *s, const bpacct_change *c)
{
	cols k;
	int rc;

	memset(&k, 0, sizeof k);
	s->error[0] = '\0';
	rc = read_cols(c, &k);
	if (rc == BPACCT_OK)
		rc = check(c, &k);
	if (rc != BPACCT_OK)
		return rc;
	/* A session out of step from an earlier call starts afresh; its open
	 * transaction, if any, ends unsaved. */
	if (!in_step(s, PQTRANS_IDLE)) {
		rc = bpacct__pg_reset(s, NULL);
		if (rc != BPACCT_OK)
			return rc;
	}
	rc = fly(s, c, &k);
	return rc == BPACCT_OK ? commit_tx(s) : roll_back(s, rc);
}
