/*
 * The store operations of libbpacct-postgres (bpacct/sys/store.h).
 *
 * Claims (docs/deployment.md).  A row lock taken by FOR UPDATE SKIP
 * LOCKED lasts only as long as its transaction, and the engine reads,
 * applies and commits each due account in transactions of its own, after
 * due() returned.  So due() turns the lock into a lease: in one statement
 * it picks the first due rows nobody holds (SKIP LOCKED: another engine
 * claiming at the same moment takes different rows) and stamps them
 * claimed_by = this session, claimed_until = now + the lease.  Other
 * engines skip a claimed row until its lease ends; the commit that moves
 * the account clears the claim; the next due() of the same session hands
 * back what it claimed and did not move (so a batch that made no progress
 * is listed again, and the engine stops).  A crashed engine's claims end
 * with their lease.  A claim is only a way not to do the work twice: the
 * compare-and-swap makes a second attempt harmless (it conflicts, re-reads
 * and finds nothing left to do), so correctness never rests on a lease.
 *
 * outbox() claims the notices it lists the same way, so that engines do
 * not deliver one notice at the same time; mark_delivered() clears it.
 */
#include <stdio.h>
#include <string.h>

#include "pg_internal.h"

#define LEASE "interval '" BPACCT__PG_STR(BPACCT_POSTGRES_LEASE_S) " seconds'"
#define BPACCT__PG_STR(x) BPACCT__PG_STR2(x)
#define BPACCT__PG_STR2(x) #x
#define FREE_OR_MINE \
	" (claimed_until IS NULL OR claimed_until < clock_timestamp()" \
	" OR claimed_by = pg_backend_pid())"

const bpacct__pg_stmt bpacct__pg_stmts[PG_COUNT] = {
	[PG_GET_ACCOUNT] = { "bpacct_get_account",
		"SELECT record FROM accounts WHERE id = $1", 1 },
	[PG_GET_REQUEST] = { "bpacct_get_request",
		"SELECT record FROM requests WHERE id = $1", 1 },
	[PG_ACCOUNT_INSERT] = { "bpacct_account_insert",
		"INSERT INTO accounts (id, revision, next_due, record)"
		" VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING", 4 },
	[PG_ACCOUNT_UPDATE] = { "bpacct_account_update",
		"UPDATE accounts SET revision = $3, next_due = $4,"
		" record = $5, claimed_until = NULL, claimed_by = NULL"
		" WHERE id = $1 AND revision = $2", 5 },
	[PG_REQUEST_PUT] = { "bpacct_request_put",
		"INSERT INTO requests (id, record) VALUES ($1, $2)"
		" ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record",
		2 },
	[PG_NOTICE_PUT] = { "bpacct_notice_put",
		"INSERT INTO outbox (key, account, record)"
		" VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING", 3 },
	[PG_AUDIT_PUT] = { "bpacct_audit_put",
		"INSERT INTO audit (account, record) VALUES ($1, $2)", 2 },
	[PG_DUE_RELEASE] = { "bpacct_due_release",
		"UPDATE accounts SET claimed_until = NULL, claimed_by = NULL"
		" WHERE claimed_by = pg_backend_pid()"
		" AND claimed_until IS NOT NULL", 0 },
	[PG_DUE_CLAIM] = { "bpacct_due_claim",
		"WITH c AS (UPDATE accounts SET claimed_until ="
		" clock_timestamp() + " LEASE ", claimed_by = pg_backend_pid()"
		" WHERE id IN (SELECT id FROM accounts WHERE next_due <= $1"
		" AND" FREE_OR_MINE " ORDER BY next_due, id LIMIT $2"
		" FOR UPDATE SKIP LOCKED) RETURNING id, next_due)"
		" SELECT id FROM c ORDER BY next_due, id", 2 },
	[PG_OUTBOX_RELEASE] = { "bpacct_outbox_release",
		"UPDATE outbox SET claimed_until = NULL, claimed_by = NULL"
		" WHERE claimed_by = pg_backend_pid()"
		" AND claimed_until IS NOT NULL", 0 },
	[PG_OUTBOX_CLAIM] = { "bpacct_outbox_claim",
		"WITH c AS (UPDATE outbox SET claimed_until ="
		" clock_timestamp() + " LEASE ", claimed_by = pg_backend_pid()"
		" WHERE seq IN (SELECT seq FROM outbox WHERE NOT delivered"
		" AND" FREE_OR_MINE " ORDER BY seq LIMIT $1"
		" FOR UPDATE SKIP LOCKED) RETURNING seq, record)"
		" SELECT record FROM c ORDER BY seq", 1 },
	[PG_MARK] = { "bpacct_mark",
		"UPDATE outbox SET delivered = true, claimed_until = NULL,"
		" claimed_by = NULL WHERE key = $1", 1 },
};

static int store_of(void *userdata, bpacct_postgres_store **out)
{
	bpacct_postgres_store *s = userdata;

	if (!s)
		return BPACCT_EINVAL;
	if (s->magic != BPACCT__PG_MAGIC || s->broken)
		return BPACCT_EMISUSE;
	*out = s;
	return bpacct__pg_ready(s);
}

/* Runs a read-only or idempotent statement; when it fails because the
 * connection broke, resets it once and runs it again. */
static PGresult *run_idempotent(bpacct_postgres_store *s, bpacct__pg_id w,
				const char *const *values, int *status)
{
	PGresult *r = bpacct__pg_exec(s, w, values, NULL, NULL);
	ExecStatusType t = PQresultStatus(r);

	if (t != PGRES_TUPLES_OK && t != PGRES_COMMAND_OK &&
	    bpacct__pg_lost(s)) {
		PQclear(r);
		*status = bpacct__pg_ready(s);
		if (*status != BPACCT_OK)
			return NULL;
		r = bpacct__pg_exec(s, w, values, NULL, NULL);
		t = PQresultStatus(r);
	}
	*status = t == PGRES_TUPLES_OK || t == PGRES_COMMAND_OK
			  ? BPACCT_OK
			  : bpacct__pg_fail(s, r, bpacct__pg_stmts[w].name);
	if (*status != BPACCT_OK) {
		PQclear(r);
		return NULL;
	}
	return r;
}

static int get_record(void *userdata, bpacct__pg_id w, const char *id,
		      uint8_t *buf, size_t size, size_t *out_len)
{
	bpacct_postgres_store *s = NULL;
	const char *values[1] = { id };
	PGresult *r;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!id || !*id || !buf || !out_len)
		return BPACCT_EINVAL;
	r = run_idempotent(s, w, values, &rc);
	if (!r)
		return rc;
	if (PQntuples(r) == 0) {
		rc = BPACCT_ENOTFOUND;
	} else {
		size_t len = (size_t)PQgetlength(r, 0, 0);

		if (len == 0 || PQgetisnull(r, 0, 0))
			rc = BPACCT_EPARSE; /* never written so */
		else if (len > size) {
			rc = BPACCT_EBUFSIZE;
		} else {
			memcpy(buf, PQgetvalue(r, 0, 0), len);
			*out_len = len;
		}
	}
	PQclear(r);
	return rc;
}

static int op_get_account(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *userdata)
{
	return get_record(userdata, PG_GET_ACCOUNT, id, buf, size, out_len);
}

static int op_get_request(const char *id, uint8_t *buf, size_t size,
			  size_t *out_len, void *userdata)
{
	return get_record(userdata, PG_GET_REQUEST, id, buf, size, out_len);
}

static int op_commit(const bpacct_change *change, void *userdata)
{
	bpacct_postgres_store *s = NULL;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	return change ? bpacct__pg_commit(s, change) : BPACCT_EINVAL;
}

/* Hands back the claims of the last listing, then claims anew. */
static PGresult *claim(bpacct_postgres_store *s, bpacct__pg_id release,
		       int *claims, bpacct__pg_id w,
		       const char *const *values, int *status)
{
	PGresult *r;

	if (*claims) {
		r = run_idempotent(s, release, NULL, status);
		if (!r)
			return NULL;
		PQclear(r);
		*claims = 0;
	}
	r = run_idempotent(s, w, values, status);
	if (r && PQntuples(r) > 0)
		*claims = 1;
	return r;
}

static int op_due(int64_t at, uint32_t max, bpacct_sink *sink,
		  void *userdata)
{
	bpacct_postgres_store *s = NULL;
	char at_text[24], max_text[16];
	const char *values[2] = { at_text, max_text };
	PGresult *r;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!sink)
		return BPACCT_EINVAL;
	snprintf(at_text, sizeof at_text, "%lld", (long long)at);
	snprintf(max_text, sizeof max_text, "%lu", (unsigned long)max);
	r = claim(s, PG_DUE_RELEASE, &s->due_claims, PG_DUE_CLAIM, values,
		  &rc);
	if (!r)
		return rc;
	for (int i = 0; rc == BPACCT_OK && i < PQntuples(r); i++)
		rc = bpacct_sink_add_id(sink, PQgetvalue(r, i, 0));
	PQclear(r);
	return rc;
}

static int op_outbox(uint32_t max, bpacct_sink *sink, void *userdata)
{
	bpacct_postgres_store *s = NULL;
	char max_text[16];
	const char *values[1] = { max_text };
	PGresult *r;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!sink)
		return BPACCT_EINVAL;
	snprintf(max_text, sizeof max_text, "%lu", (unsigned long)max);
	r = claim(s, PG_OUTBOX_RELEASE, &s->outbox_claims, PG_OUTBOX_CLAIM,
		  values, &rc);
	if (!r)
		return rc;
	for (int i = 0; rc == BPACCT_OK && i < PQntuples(r); i++)
		rc = bpacct_sink_add_entry(sink,
					   (const uint8_t *)PQgetvalue(r, i, 0),
					   (size_t)PQgetlength(r, i, 0));
	PQclear(r);
	return rc;
}

static int op_mark_delivered(const char *key, void *userdata)
{
	bpacct_postgres_store *s = NULL;
	const char *values[1] = { key };
	PGresult *r;
	int rc = store_of(userdata, &s);

	if (rc != BPACCT_OK)
		return rc;
	if (!key || !*key)
		return BPACCT_EINVAL;
	r = run_idempotent(s, PG_MARK, values, &rc);
	if (!r)
		return rc;
	if (strcmp(PQcmdTuples(r), "0") == 0)
		rc = BPACCT_ENOTFOUND;
	PQclear(r);
	return rc;
}

static const bpacct_store_ops postgres_ops = {
	BPACCT_STORE_OPS_VERSION, op_get_account, op_get_request, op_commit,
	op_due, op_outbox, op_mark_delivered
};

const bpacct_store_ops *bpacct_postgres_store_ops(void)
{
	return &postgres_ops;
}
