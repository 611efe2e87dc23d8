/* SPDX-License-Identifier: MIT */
/*
 * A host store written in C (docs/engine.md, section 8, where the same
 * code is explained; suite `examples` checks that the two stay the same):
 * a store over fixed arrays behind the versioned store vtable, and a
 * notifier that prints.  A BP account locked at 10:00 is cancelled by the
 * tick at 12:00 (BP-R4); its notice goes out once, keyed by the revision of
 * the cancellation.
 */
#include <string.h>

#include <bpacct/bpacct.h>
#include <bpacct/sys/notifier.h>
#include <bpacct/sys/store.h>

#define ROWS 64

struct row {          /* an account or a request */
	char id[BPACCT_ID_MAX];
	uint8_t bytes[BPACCT_RECORD_MAX];
	size_t len;
	int64_t revision; /* accounts: the compare-and-swap column */
	int64_t next_due; /* accounts: the due index */
};

struct notice {       /* the outbox (audit entries go to a log) */
	char key[128];
	uint8_t bytes[BPACCT_RECORD_MAX];
	size_t len;
	int delivered;
};

struct array_store {
	struct row accounts[ROWS], requests[ROWS];
	size_t naccounts, nrequests;
	struct notice outbox[ROWS];
	size_t nnotices;
};

static struct row *find(struct row *rows, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].id, id) == 0)
			return &rows[i];
	return NULL;
}

static int read_row(const struct row *r, uint8_t *buf, size_t size,
		    size_t *out_len)
{
	if (!r)
		return BPACCT_ENOTFOUND;
	if (r->len > size)
		return BPACCT_EUSER;
	memcpy(buf, r->bytes, r->len);
	*out_len = r->len;
	return 0;
}

static int get_account(const char *id, uint8_t *buf, size_t size,
		       size_t *out_len, void *userdata)
{
	struct array_store *s = userdata;
	return read_row(find(s->accounts, s->naccounts, id), buf, size,
			out_len);
}

static int get_request(const char *id, uint8_t *buf, size_t size,
		       size_t *out_len, void *userdata)
{
	struct array_store *s = userdata;
	return read_row(find(s->requests, s->nrequests, id), buf, size,
			out_len);
}

static struct row *upsert(struct row *rows, size_t *n, const char *id,
			  const uint8_t *bytes, size_t len)
{
	struct row *r = find(rows, *n, id);

	if (!r) {
		r = &rows[(*n)++];
		strcpy(r->id, id);
	}
	memcpy(r->bytes, bytes, len);
	r->len = len;
	return r;
}

/* Check everything first, then write: the whole change or nothing. */
static int commit(const bpacct_change *c, void *userdata)
{
	struct array_store *s = userdata;
	int64_t has_account, has_request, count, expected, revision, due;
	const bpacct_entry *e;
	const uint8_t *bytes;
	const char *id, *key;
	size_t len;
	int64_t type;

	bpacct_change_get_int(c, BPACCT_CHANGE_HAS_ACCOUNT, &has_account);
	bpacct_change_get_int(c, BPACCT_CHANGE_HAS_REQUEST, &has_request);
	bpacct_change_get_int(c, BPACCT_CHANGE_ENTRY_COUNT, &count);
	if (s->naccounts == ROWS || s->nrequests == ROWS ||
	    s->nnotices + (size_t)count > ROWS)
		return BPACCT_EUSER; /* full: a host error, passed through */
	if (has_account) {
		struct row *r;

		bpacct_change_get_int(c, BPACCT_CHANGE_EXPECTED_REVISION,
				      &expected);
		bpacct_change_get_int(c, BPACCT_CHANGE_REVISION, &revision);
		bpacct_change_get_int(c, BPACCT_CHANGE_NEXT_DUE, &due);
		bpacct_change_account(c, &id, &bytes, &len);
		r = find(s->accounts, s->naccounts, id);
		if ((r ? r->revision : 0) != expected)
			return BPACCT_ECONFLICT; /* someone else won */
		r = upsert(s->accounts, &s->naccounts, id, bytes, len);
		r->revision = revision;
		r->next_due = due;
	}
	if (has_request) {
		bpacct_change_request(c, &id, &bytes, &len);
		upsert(s->requests, &s->nrequests, id, bytes, len);
	}
	for (uint32_t i = 0; i < (uint32_t)count; i++) {
		bpacct_change_entry(c, i, &e, &bytes, &len);
		bpacct_entry_get_int(e, BPACCT_FIELD_ENTRY_TYPE, &type);
		if (type != BPACCT_ENTRY_NOTICE)
			continue; /* an audit record: append it to a log */
		bpacct_entry_get_text(e, BPACCT_FIELD_KEY, &key);
		strcpy(s->outbox[s->nnotices].key, key);
		memcpy(s->outbox[s->nnotices].bytes, bytes, len);
		s->outbox[s->nnotices].len = len;
		s->outbox[s->nnotices++].delivered = 0;
	}
	return 0;
}

/* Earliest first, ties by id. */
static int due(int64_t at, uint32_t max, bpacct_sink *sink, void *userdata)
{
	struct array_store *s = userdata;
	const struct row *last = NULL;

	for (uint32_t k = 0; k < max; k++) {
		const struct row *best = NULL;

		for (size_t i = 0; i < s->naccounts; i++) {
			const struct row *r = &s->accounts[i];
			if (r->next_due == BPACCT_INSTANT_NONE ||
			    r->next_due > at)
				continue;
			if (last && (r->next_due < last->next_due ||
				     (r->next_due == last->next_due &&
				      strcmp(r->id, last->id) <= 0)))
				continue; /* listed already */
			if (!best || r->next_due < best->next_due ||
			    (r->next_due == best->next_due &&
			     strcmp(r->id, best->id) < 0))
				best = r;
		}
		if (!best)
			break;
		if (bpacct_sink_add_id(sink, best->id) != 0)
			break;
		last = best;
	}
	return 0;
}

static int outbox(uint32_t max, bpacct_sink *sink, void *userdata)
{
	struct array_store *s = userdata;
	uint32_t listed = 0;

	for (size_t i = 0; i < s->nnotices && listed < max; i++)
		if (!s->outbox[i].delivered) {
			int rc = bpacct_sink_add_entry(sink, s->outbox[i].bytes,
						       s->outbox[i].len);
			if (rc != 0)
				return rc;
			listed++;
		}
	return 0;
}

static int mark_delivered(const char *key, void *userdata)
{
	struct array_store *s = userdata;

	for (size_t i = 0; i < s->nnotices; i++)
		if (strcmp(s->outbox[i].key, key) == 0) {
			s->outbox[i].delivered = 1; /* twice is fine */
			return 0;
		}
	return BPACCT_ENOTFOUND;
}

static const bpacct_store_ops array_store_ops = {
	BPACCT_STORE_OPS_VERSION, get_account, get_request, commit, due,
	outbox, mark_delivered
};

#include <stdio.h>

static int print_notice(const bpacct_entry *n, void *userdata)
{
	const char *key;
	int64_t kind;

	(void)userdata;
	bpacct_entry_get_text(n, BPACCT_FIELD_KEY, &key);
	bpacct_entry_get_int(n, BPACCT_FIELD_KIND, &kind);
	printf("notice %s: %s\n", key,
	       bpacct_value_name(BPACCT_FIELD_KIND, (int32_t)kind));
	return 0; /* delivered; an error would leave it for the next tick */
}

static const bpacct_notifier_ops printer = { BPACCT_NOTIFIER_OPS_VERSION,
					     print_notice };

static struct array_store store; /* zeroed: empty */

int main(void)
{
	bpacct_calendar *calendar = NULL;
	bpacct_engine_options o;
	bpacct_engine *engine = NULL;
	bpacct_event e;
	int64_t at;
	int rc;

	bpacct_calendar_new(&calendar, NULL);
	bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);
	o.store = &array_store_ops;
	o.store_userdata = &store;
	o.notifier = &printer;
	o.calendar = calendar;
	rc = bpacct_engine_new(&engine, &o);
	if (rc != BPACCT_OK)
		return 1;

	bpacct_instant_parse(&at, "2026-03-04T10:00:00+07:00", 25);
	bpacct_event_init(&e, BPACCT_EVENT_VERSION, BPACCT_INPUT_ISSUE,
			  at - 86400);
	e.procedure = BPACCT_PROCEDURE_BP;
	e.owner = "0100109106";          /* a valid enterprise code (E5) */
	e.holder_id_type = BPACCT_ID_CCCD; /* and the holder's document */
	e.holder_id_number = "001090012345";
	rc = bpacct_engine_submit(engine, "A1", &e);
	bpacct_event_init(&e, BPACCT_EVENT_VERSION, BPACCT_INPUT_RISK, at);
	if (rc == BPACCT_OK)
		rc = bpacct_engine_submit(engine, "A1", &e); /* locked */
	if (rc == BPACCT_OK) /* two hours later: cancelled, notice sent */
		rc = bpacct_engine_tick(engine, at + 2 * 3600);
	if (rc != BPACCT_OK)
		fprintf(stderr, "%s\n", bpacct_engine_last_error(engine));
	bpacct_engine_free(engine);
	bpacct_calendar_free(calendar);
	return rc == BPACCT_OK ? 0 : 1;
}
