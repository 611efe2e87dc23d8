/*
 * The log of the fault harness (fault_harness.h): every change the memory
 * store accepted, decoded — accounts (state, revision, cancellations and
 * their case), requests, audit count, notices by key — and the checks of
 * one change before the store sees it.
 */
#include "fault_harness.h"

#include <string.h>

void fx_copy(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);

	assert_true(n < size);
	memcpy(dst, src, n + 1);
}

fx_notice *fx_notice_of(fx_harness *h, const char *key)
{
	for (uint32_t i = 0; i < h->nnotices; i++)
		if (strcmp(h->notices[i].key, key) == 0)
			return &h->notices[i];
	return NULL;
}

fx_account *fx_account_of(fx_harness *h, const char *id)
{
	for (uint32_t i = 0; i < h->naccounts; i++)
		if (strcmp(h->accounts[i].id, id) == 0)
			return &h->accounts[i];
	return NULL;
}

uint32_t fx_delivered(const fx_harness *h, const char *key)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < h->ndeliveries; i++)
		n += strcmp(h->deliveries[i].key, key) == 0;
	return n;
}

int64_t fx_entry_int(const bpacct_entry *e, int32_t field)
{
	int64_t v = 0;
	assert_int_equal(bpacct_entry_get_int(e, field, &v), BPACCT_OK);
	return v;
}

const char *fx_entry_text(const bpacct_entry *e, int32_t field)
{
	const char *s = NULL;
	assert_int_equal(bpacct_entry_get_text(e, field, &s), BPACCT_OK);
	return s;
}

static int64_t change_int(const bpacct_change *c, int32_t field)
{
	int64_t v = 0;
	assert_int_equal(bpacct_change_get_int(c, field, &v), BPACCT_OK);
	return v;
}

static const bpacct_entry *change_entry(const bpacct_change *c, uint32_t i)
{
	const bpacct_entry *e = NULL;
	const uint8_t *rec = NULL;
	size_t len = 0;

	assert_int_equal(bpacct_change_entry(c, i, &e, &rec, &len), BPACCT_OK);
	assert_non_null(e);
	assert_true(len > 0 && len <= BPACCT_RECORD_MAX);
	return e;
}

/* The account part of a change, decoded into h->scratch; NULL if none. */
static const char *change_account(fx_harness *h, const bpacct_change *c)
{
	const char *id = NULL;
	const uint8_t *rec = NULL;
	size_t len = 0;

	if (change_int(c, BPACCT_CHANGE_HAS_ACCOUNT) == 0)
		return NULL;
	assert_int_equal(bpacct_change_account(c, &id, &rec, &len), BPACCT_OK);
	assert_int_equal(bpacct_account_decode(h->scratch, rec, len),
			 BPACCT_OK);
	return id;
}

static int64_t scratch_int(const bpacct_account *a, int32_t field)
{
	int64_t v = 0;
	assert_int_equal(bpacct_account_get_int(a, field, &v), BPACCT_OK);
	return v;
}

/* Does the change owe an entry of `type` for account id with `want`
 * in `field`?  Returns the entry, or NULL. */
static const bpacct_entry *find_entry(const bpacct_change *c, int64_t type,
				      const char *id, int32_t field,
				      const int64_t *want, size_t nwant)
{
	uint32_t n = (uint32_t)change_int(c, BPACCT_CHANGE_ENTRY_COUNT);
	for (uint32_t i = 0; i < n; i++) {
		const bpacct_entry *e = change_entry(c, i);
		if (fx_entry_int(e, BPACCT_FIELD_ENTRY_TYPE) != type ||
		    strcmp(fx_entry_text(e, BPACCT_FIELD_ACCOUNT), id) != 0)
			continue;
		for (size_t k = 0; k < nwant; k++)
			if (fx_entry_int(e, field) == want[k])
				return e;
	}
	return NULL;
}

/* The invariants of one change, before the store sees it: a change that
 * cancels carries its cancellation notice and its audit (one commit);
 * a cancelled account is never written again; keys are never reused. */
void fx_check_change(fx_harness *h, const bpacct_change *c)
{
	static const int64_t cancel_kinds[] = { BPACCT_NOTICE_CANCELLATION,
						BPACCT_NOTICE_NB10 };
	static const int64_t cancelled[] = { BPACCT_STATE_CANCELLED };
	uint32_t n = (uint32_t)change_int(c, BPACCT_CHANGE_ENTRY_COUNT);
	const char *id = change_account(h, c);

	for (uint32_t i = 0; i < n; i++) {
		const bpacct_entry *e = change_entry(c, i);
		const char *key;

		if (fx_entry_int(e, BPACCT_FIELD_ENTRY_TYPE) !=
		    BPACCT_ENTRY_NOTICE)
			continue;
		key = fx_entry_text(e, BPACCT_FIELD_KEY);
		assert_true(strlen(key) > 0 && strlen(key) < FX_KEY_MAX);
		assert_null(fx_notice_of(h, key));
	}
	if (id == NULL)
		return;
	if (scratch_int(h->scratch, BPACCT_FIELD_STATE) !=
	    BPACCT_STATE_CANCELLED)
		return;
	{
		const fx_account *before = fx_account_of(h, id);
		assert_true(before == NULL ||
			    before->state != BPACCT_STATE_CANCELLED);
	}
	assert_non_null(find_entry(c, BPACCT_ENTRY_NOTICE, id,
				   BPACCT_FIELD_KIND, cancel_kinds, 2));
	assert_non_null(find_entry(c, BPACCT_ENTRY_AUDIT, id, BPACCT_FIELD_TO,
				   cancelled, 1));
}

static fx_account *account_slot(fx_harness *h, const char *id)
{
	fx_account *a = fx_account_of(h, id);
	if (a != NULL)
		return a;
	assert_true(h->naccounts < FX_ACCOUNTS_MAX);
	a = &h->accounts[h->naccounts++];
	memset(a, 0, sizeof *a);
	fx_copy(a->id, sizeof a->id, id);
	return a;
}

static void log_request(fx_harness *h, const bpacct_change *c)
{
	const char *id = NULL;
	const uint8_t *rec = NULL;
	size_t len = 0;
	fx_request *r = NULL;

	if (change_int(c, BPACCT_CHANGE_HAS_REQUEST) == 0)
		return;
	assert_int_equal(bpacct_change_request(c, &id, &rec, &len), BPACCT_OK);
	assert_int_equal(bpacct_request_decode(h->scratch_req, rec, len),
			 BPACCT_OK);
	for (uint32_t i = 0; i < h->nrequests && r == NULL; i++)
		if (strcmp(h->requests[i].id, id) == 0)
			r = &h->requests[i];
	if (r == NULL) {
		assert_true(h->nrequests < FX_REQUESTS_MAX);
		r = &h->requests[h->nrequests++];
		fx_copy(r->id, sizeof r->id, id);
	}
	assert_int_equal(bpacct_request_get_int(h->scratch_req,
						BPACCT_FIELD_STATE, &r->state),
			 BPACCT_OK);
}

static void log_entry(fx_harness *h, const bpacct_entry *e)
{
	fx_notice *n;

	if (fx_entry_int(e, BPACCT_FIELD_ENTRY_TYPE) == BPACCT_ENTRY_AUDIT) {
		h->naudit++;
		return;
	}
	assert_true(h->nnotices < FX_NOTICES_MAX);
	n = &h->notices[h->nnotices++];
	memset(n, 0, sizeof *n);
	fx_copy(n->key, sizeof n->key, fx_entry_text(e, BPACCT_FIELD_KEY));
	fx_copy(n->account, sizeof n->account,
		fx_entry_text(e, BPACCT_FIELD_ACCOUNT));
	n->kind = fx_entry_int(e, BPACCT_FIELD_KIND);
	n->recipients = fx_entry_int(e, BPACCT_FIELD_RECIPIENTS);
	n->channel = fx_entry_int(e, BPACCT_FIELD_CHANNEL);
}

/* The memory store accepted the change: it is now the reference. */
void fx_log_change(fx_harness *h, const bpacct_change *c)
{
	static const int64_t cancelled[] = { BPACCT_STATE_CANCELLED };
	uint32_t n = (uint32_t)change_int(c, BPACCT_CHANGE_ENTRY_COUNT);
	const char *id = change_account(h, c);

	h->commits++;
	if (id != NULL) {
		fx_account *a = account_slot(h, id);
		int64_t state = scratch_int(h->scratch, BPACCT_FIELD_STATE);
		int64_t revision = change_int(c, BPACCT_CHANGE_REVISION);

		assert_int_equal(revision, scratch_int(h->scratch,
						       BPACCT_FIELD_REVISION));
		if (state == BPACCT_STATE_CANCELLED &&
		    a->state != BPACCT_STATE_CANCELLED) {
			a->cancellations++;
			a->cancel_case = fx_entry_int(
				find_entry(c, BPACCT_ENTRY_AUDIT, id,
					   BPACCT_FIELD_TO, cancelled, 1),
				BPACCT_FIELD_CASE);
		}
		a->state = state;
		a->revision = revision;
	}
	log_request(h, c);
	for (uint32_t i = 0; i < n; i++)
		log_entry(h, change_entry(c, i));
}
