/*
 * The stored byte format (include/bpacct/sys/store.h, docs/engine.md):
 * round trips of every record a set of real bpacct_apply() sequences
 * produces, every truncation and every single-byte corruption of encoded
 * records (rejected with BPACCT_EPARSE and the output untouched, or
 * decoded to a record whose every enum is in range), the version-1 bytes
 * pinned as literals, the idempotency keys and the entry accessors.
 */
#include "test_lifecycle_support.h"

#include <stdlib.h>

#include <bpacct/sys/store.h>

#include "contract/entry_internal.h"

#define MAX_RECORDS 64

/* The records of the sequences, as they stood after each step. */
static struct {
	struct bpacct_account acc[MAX_RECORDS];
	struct bpacct_request req[MAX_RECORDS];
	struct bpacct_entry ent[MAX_RECORDS];
	uint32_t nacc, nreq, nent;
} corpus;

static bpacct_effects *step_fx;

static void keep(const bpacct_account *a, const bpacct_request *r)
{
	bpacct__entry_source src = { step_fx, a, r, a->revision,
				     BPACCT__KEYS_REVISION };
	uint32_t room = MAX_RECORDS - corpus.nent;

	assert_true(corpus.nacc < MAX_RECORDS && corpus.nreq < MAX_RECORDS);
	memcpy(&corpus.acc[corpus.nacc++], a, sizeof *a);
	if (r)
		memcpy(&corpus.req[corpus.nreq++], r, sizeof *r);
	corpus.nent += bpacct__entries_from_effects(
		&src, &corpus.ent[corpus.nent], room);
}

static void run(const bpacct_profile *p, bpacct_account *a,
		bpacct_request *r, const bpacct_event *e)
{
	tl_apply(p, a, r, e, step_fx);
	keep(a, r);
}

static void at_input(const bpacct_profile *p, bpacct_account *a,
		     int32_t input, const char *at)
{
	bpacct_event e = tl_event(input, at);

	if (input == BPACCT_INPUT_RISK)
		e.detail = "Lộ mật khẩu qua thư giả mạo";
	run(p, a, NULL, &e);
}

/* BP: use, lock, the lock's cancellation, a refused use. */
static void bp_lock_sequence(void)
{
	const bpacct_profile *bp = tl_builtin(BPACCT_PROCEDURE_BP);
	bpacct_account *a = tl_account("bp-lock-1");

	tl_issue(bp, a, step_fx, "2026-03-02T09:00:00+07:00");
	keep(a, NULL);
	at_input(bp, a, BPACCT_INPUT_USE, "2026-03-03T10:00:00+07:00");
	at_input(bp, a, BPACCT_INPUT_RISK, "2026-03-04T10:00:00+07:00");
	at_input(bp, a, BPACCT_INPUT_TICK, "2026-03-04T13:00:00+07:00");
	at_input(bp, a, BPACCT_INPUT_USE, "2026-03-05T10:00:00+07:00");
	bpacct_account_free(a);
}

/* BP-A with a supplement, then the cancellation; a stranger rejected. */
static void bp_request_sequence(void)
{
	const bpacct_profile *bp = tl_builtin(BPACCT_PROCEDURE_BP);
	bpacct_account *a = tl_account("bp-req-2");
	bpacct_request *q = tl_request("Q-2");
	bpacct_request *s = tl_request("Q-stranger");
	bpacct_event e = tl_bp_request("2026-03-09T09:00:00+07:00", "Q-2",
				       BPACCT_CHANNEL_POSTAL);

	tl_issue(bp, a, step_fx, "2026-03-02T09:00:00+07:00");
	e.documents = BPACCT_DOC_APPLICATION;
	e.id_number = NULL;
	run(bp, a, q, &e);
	e = tl_event(BPACCT_INPUT_SUPPLEMENT, "2026-03-10T09:00:00+07:00");
	e.request = "Q-2";
	e.requester = TL_OWNER;
	e.documents = BPACCT_DOC_ENTERPRISE_REGISTRATION |
		      BPACCT_DOC_IDENTITY;
	e.id_type = BPACCT_ID_CCCD;
	e.id_number = TL_CCCD;
	run(bp, a, q, &e);
	e = tl_bp_request("2026-03-10T10:00:00+07:00", "Q-stranger",
			  BPACCT_CHANNEL_ONLINE);
	e.requester = TL_STRANGER;
	run(bp, a, s, &e);
	at_input(bp, a, BPACCT_INPUT_TICK, "2026-03-10T12:00:00+07:00");
	bpacct_account_free(a);
	bpacct_request_free(q);
	bpacct_request_free(s);
}

/* XNC online on a Sunday, cancelled when the Monday session opens; a
 * request about an account that was never issued. */
static void xnc_sequence(void)
{
	const bpacct_profile *xnc = tl_builtin(BPACCT_PROCEDURE_XNC);
	bpacct_account *a = tl_account("xnc-3");
	bpacct_account *none = tl_account("xnc-none");
	bpacct_request *q = tl_request("NA20-3");
	bpacct_request *n = tl_request("NA20-none");
	bpacct_event e = tl_xnc_request("2026-03-08T10:00:00+07:00",
					"NA20-3", BPACCT_CHANNEL_ONLINE,
					"xnc-3");

	tl_issue(xnc, a, step_fx, "2026-03-02T09:00:00+07:00");
	keep(a, NULL);
	e.result_channel = BPACCT_CHANNEL_POSTAL;
	run(xnc, a, q, &e);
	at_input(xnc, a, BPACCT_INPUT_TICK, "2026-03-09T09:00:00+07:00");
	e = tl_xnc_request("2026-03-08T10:00:00+07:00", "NA20-none",
			   BPACCT_CHANNEL_ONLINE, "xnc-none");
	run(xnc, none, n, &e);
	bpacct_account_free(a);
	bpacct_account_free(none);
	bpacct_request_free(q);
	bpacct_request_free(n);
}

static int setup(void **state)
{
	if (tst_calendar_setup(state) != 0)
		return -1;
	step_fx = tl_effects();
	memset(&corpus, 0, sizeof corpus);
	bp_lock_sequence();
	bp_request_sequence();
	xnc_sequence();
	return 0;
}

static int teardown(void **state)
{
	bpacct_effects_free(step_fx);
	return tst_calendar_teardown(state);
}

/* One kind of record, seen through the public functions. */
typedef struct kind {
	size_t size;
	int (*encode)(const void *rec, uint8_t *buf, size_t n, size_t *len);
	int (*decode)(void *rec, const uint8_t *buf, size_t len);
	void (*check)(const void *rec);
} kind;

static int enc_acc(const void *r, uint8_t *b, size_t n, size_t *len)
{
	return bpacct_account_encode(r, b, n, len);
}

static int dec_acc(void *r, const uint8_t *b, size_t len)
{
	return bpacct_account_decode(r, b, len);
}

static int enc_req(const void *r, uint8_t *b, size_t n, size_t *len)
{
	return bpacct_request_encode(r, b, n, len);
}

static int dec_req(void *r, const uint8_t *b, size_t len)
{
	return bpacct_request_decode(r, b, len);
}

static int enc_ent(const void *r, uint8_t *b, size_t n, size_t *len)
{
	return bpacct_entry_encode(r, b, n, len);
}

static int dec_ent(void *r, const uint8_t *b, size_t len)
{
	return bpacct_entry_decode(r, b, len);
}

/* A text field holds its NUL and, when required, something before it. */
static void text_ok(const char *s, size_t size, int required)
{
	size_t n = strnlen(s, size);
	assert_true(n < size);
	assert_true(!required || n > 0);
}

static void check_acc(const void *p)
{
	const struct bpacct_account *a = p;
	assert_int_equal(a->magic, BPACCT__ACCOUNT_MAGIC);
	assert_in_range(a->state, BPACCT_STATE_NONE, BPACCT_STATE_CANCELLED);
	assert_in_range(a->holder_id_type, 0, BPACCT_ID_PASSPORT);
	assert_in_range(a->flags, 0, 7);
	assert_in_range(a->pending_case, BPACCT_CASE_NONE, BPACCT_CASE_XNC);
	assert_true(a->procedure == 0 || a->procedure == 1 ||
		    a->procedure == 2 || a->procedure >= 100);
	assert_in_range(a->pending_rule, 0, BPACCT_RULE_XNC_REQUEST);
	assert_in_range(a->pending_channel, 0, BPACCT_CHANNEL_ONLINE);
	assert_true(a->revision <= (uint64_t)INT64_MAX);
	text_ok(a->id, sizeof a->id, 1);
	text_ok(a->owner, sizeof a->owner, 0);
	text_ok(a->holder_id, sizeof a->holder_id, 0);
	text_ok(a->pending_request, sizeof a->pending_request, 0);
}

static void check_req(const void *p)
{
	const struct bpacct_request *q = p;
	assert_int_equal(q->magic, BPACCT__REQUEST_MAGIC);
	assert_in_range(q->state, 0, BPACCT_REQUEST_REFUSED);
	assert_in_range(q->outcome, 0, BPACCT_OUTCOME_REFUSED);
	assert_in_range(q->first_outcome, 0, BPACCT_OUTCOME_REFUSED);
	assert_in_range(q->channel, 0, BPACCT_CHANNEL_ONLINE);
	assert_in_range(q->result_channel, 0, BPACCT_CHANNEL_ONLINE);
	assert_in_range(q->id_type, 0, BPACCT_ID_PASSPORT);
	assert_in_range(q->nfirst_reasons, 0, BPACCT__REASONS_MAX);
	assert_in_range(q->documents, 0, 0xF);
	assert_in_range(q->na20_present, 0, 0xFF);
	for (uint32_t i = 0; i < q->nfirst_reasons; i++)
		assert_string_not_equal(bpacct_reason_name(q->first_reasons[i]),
					"unknown");
	text_ok(q->id, sizeof q->id, 1);
	text_ok(q->account, sizeof q->account, 0);
	text_ok(q->requester, sizeof q->requester, 0);
	text_ok(q->enterprise_code, sizeof q->enterprise_code, 0);
	text_ok(q->id_number, sizeof q->id_number, 0);
	text_ok(q->na20_account, sizeof q->na20_account, 0);
}

static void check_ent(const void *p)
{
	const struct bpacct_entry *e = p;
	assert_int_equal(e->magic, BPACCT__ENTRY_MAGIC);
	assert_in_range(e->type, BPACCT_ENTRY_NOTICE, BPACCT_ENTRY_AUDIT);
	assert_in_range(e->input, 0, BPACCT_INPUT_EXCLUDE);
	assert_in_range(e->actor, 0, BPACCT_ACTOR_HOLDER);
	assert_in_range(e->case_, 0, BPACCT_CASE_XNC);
	assert_in_range(e->from, 0, BPACCT_STATE_CANCELLED);
	assert_true(e->to == BPACCT__TO_REFUSED ||
		    (e->to >= 0 && e->to <= BPACCT_STATE_CANCELLED));
	assert_in_range(e->kind, 0, BPACCT_NOTICE_INACTIVITY_WARNING);
	assert_in_range(e->channel, 0, BPACCT_CHANNEL_ONLINE);
	assert_in_range(e->document, 0, BPACCT_DOCUMENT_MAU06);
	assert_in_range(e->outcome, 0, BPACCT_OUTCOME_REFUSED);
	assert_in_range(e->fee, 0, 1);
	assert_in_range(e->delivered, 0, 1);
	assert_in_range(e->nreasons, 0, BPACCT__REASONS_MAX);
	assert_in_range(e->recipients, 0, 7);
	text_ok(e->key, sizeof e->key, 0);
	text_ok(e->account, sizeof e->account, 1);
	text_ok(e->request, sizeof e->request, 0);
	text_ok(e->owner, sizeof e->owner, 0);
	text_ok(e->holder, sizeof e->holder, 0);
	text_ok(e->requester, sizeof e->requester, 0);
	text_ok(e->detail, sizeof e->detail, 0);
}

static const kind kinds[] = {
	{ sizeof(struct bpacct_account), enc_acc, dec_acc, check_acc },
	{ sizeof(struct bpacct_request), enc_req, dec_req, check_req },
	{ sizeof(struct bpacct_entry), enc_ent, dec_ent, check_ent },
};

/* The i-th record of kind k in the corpus, or NULL past the end. */
static const void *record(size_t k, uint32_t i)
{
	if (k == 0)
		return i < corpus.nacc ? (const void *)&corpus.acc[i] : NULL;
	if (k == 1)
		return i < corpus.nreq ? (const void *)&corpus.req[i] : NULL;
	return i < corpus.nent ? (const void *)&corpus.ent[i] : NULL;
}

/* A scratch record of kind k, made valid by decoding the first one. */
static void scratch(size_t k, void *out)
{
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;

	memcpy(out, record(k, 0), kinds[k].size);
	assert_int_equal(kinds[k].encode(out, buf, sizeof buf, &len), 0);
	assert_int_equal(kinds[k].decode(out, buf, len), 0);
}

static const int32_t account_ints[] = {
	BPACCT_FIELD_PROCEDURE, BPACCT_FIELD_STATE,
	BPACCT_FIELD_HOLDER_ID_TYPE, BPACCT_FIELD_ISSUED,
	BPACCT_FIELD_LAST_USED, BPACCT_FIELD_LOCKED, BPACCT_FIELD_CANCELLED,
	BPACCT_FIELD_PENDING_RULE, BPACCT_FIELD_PENDING_DUE,
	BPACCT_FIELD_PENDING_CASE, BPACCT_FIELD_CHANNEL,
	BPACCT_FIELD_EXCLUDED, BPACCT_FIELD_WARNED, BPACCT_FIELD_CHANGED,
	BPACCT_FIELD_REVISION,
};
static const int32_t account_texts[] = {
	BPACCT_FIELD_ID, BPACCT_FIELD_OWNER, BPACCT_FIELD_HOLDER_ID_NUMBER,
	BPACCT_FIELD_PENDING_REQUEST,
};

/* Every field a host can read is the same in both accounts. */
static void accounts_same(const bpacct_account *a, const bpacct_account *b)
{
	for (size_t i = 0; i < sizeof account_ints / sizeof *account_ints; i++)
		assert_int_equal(tl_acc(a, account_ints[i]),
				 tl_acc(b, account_ints[i]));
	for (size_t i = 0; i < sizeof account_texts / sizeof *account_texts;
	     i++)
		assert_string_equal(tl_acc_text(a, account_texts[i]),
				    tl_acc_text(b, account_texts[i]));
}

static void test_round_trip_of_real_records_is_identity(void **state)
{
	uint8_t one[BPACCT_RECORD_MAX], two[BPACCT_RECORD_MAX];
	struct bpacct_entry out; /* the largest of the three */

	(void)state;
	assert_true(corpus.nacc >= 12 && corpus.nreq >= 5 &&
		    corpus.nent >= 18);
	for (size_t k = 0; k < 3; k++) {
		const void *rec;

		scratch(k, &out);
		for (uint32_t i = 0; (rec = record(k, i)) != NULL; i++) {
			size_t n1 = 0, n2 = 0;

			assert_int_equal(kinds[k].encode(rec, one, sizeof one,
							 &n1), BPACCT_OK);
			assert_int_equal(kinds[k].decode(&out, one, n1),
					 BPACCT_OK);
			kinds[k].check(&out);
			assert_int_equal(kinds[k].encode(&out, two, sizeof two,
							 &n2), BPACCT_OK);
			assert_int_equal(n1, n2);
			assert_memory_equal(one, two, n1);
			if (k == 0)
				accounts_same(rec, (const void *)&out);
		}
	}
}

static void test_account_encodes_in_about_100_bytes_not_its_250(
	void **state)
{
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;

	(void)state;
	for (uint32_t i = 0; i < corpus.nacc; i++) {
		assert_int_equal(bpacct_account_encode(&corpus.acc[i], buf,
						       sizeof buf, &len),
				 BPACCT_OK);
		assert_true(len <= 128);
	}
	assert_true(sizeof(struct bpacct_account) >= 240);
}

/* Decoding `len` bytes either fails with EPARSE leaving `out` as it was,
 * or gives a valid record that encodes and decodes to itself. */
static void decode_or_reject(size_t k, void *out, const void *before,
			     const uint8_t *bytes, size_t len)
{
	uint8_t again[BPACCT_RECORD_MAX];
	size_t n = 0;
	int rc = kinds[k].decode(out, bytes, len);

	if (rc != BPACCT_OK) {
		assert_int_equal(rc, BPACCT_EPARSE);
		assert_memory_equal(out, before, kinds[k].size);
		return;
	}
	kinds[k].check(out);
	assert_int_equal(kinds[k].encode(out, again, sizeof again, &n),
			 BPACCT_OK);
	assert_int_equal(n, len);
	assert_memory_equal(again, bytes, len);
	memcpy(out, before, kinds[k].size);
}

static void test_every_truncation_is_eparse_and_changes_nothing(
	void **state)
{
	uint8_t buf[BPACCT_RECORD_MAX];
	struct bpacct_entry out, before;

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		const void *rec;

		scratch(k, &out);
		memcpy(&before, &out, sizeof out);
		for (uint32_t i = 0; (rec = record(k, i)) != NULL; i++) {
			size_t len = 0;

			assert_int_equal(kinds[k].encode(rec, buf, sizeof buf,
							 &len), BPACCT_OK);
			for (size_t cut = 0; cut < len; cut++) {
				assert_int_equal(kinds[k].decode(&out, buf,
								 cut),
						 BPACCT_EPARSE);
				assert_memory_equal(&out, &before,
						    kinds[k].size);
			}
			/* One byte too many is not a record either. */
			buf[len] = 0;
			assert_int_equal(kinds[k].decode(&out, buf, len + 1),
					 BPACCT_EPARSE);
		}
	}
}

static void corrupt_all(size_t k, const void *rec, int every_value)
{
	static const uint8_t some[] = { 0x00, 0x01, 0x7F, 0x80, 0xFF };
	uint8_t buf[BPACCT_RECORD_MAX];
	struct bpacct_entry out, before;
	size_t len = 0;

	scratch(k, &out);
	memcpy(&before, &out, sizeof out);
	assert_int_equal(kinds[k].encode(rec, buf, sizeof buf, &len), 0);
	for (size_t pos = 0; pos < len; pos++) {
		uint8_t orig = buf[pos];
		unsigned nvalues = every_value ? 256u : sizeof some + 2u;

		for (unsigned v = 0; v < nvalues; v++) {
			uint8_t b = every_value        ? (uint8_t)v
				    : v < sizeof some ? some[v]
				    : (uint8_t)(orig ^ (v == sizeof some
							       ? 0x01u
							       : 0x80u));
			if (b == orig)
				continue;
			buf[pos] = b;
			/* E8: as stored, the check finds it. */
			assert_int_equal(kinds[k].decode(&out, buf, len),
					 BPACCT_EPARSE);
			assert_memory_equal(&out, &before, kinds[k].size);
			/* Checked again by hand: the fields' own checks. */
			if (pos < len - 4) {
				uint8_t keep[4];

				memcpy(keep, buf + len - 4, 4);
				tst_reseal(buf, len);
				decode_or_reject(k, &out, &before, buf, len);
				memcpy(buf + len - 4, keep, 4);
			}
			buf[pos] = orig;
		}
	}
}

static void test_every_single_byte_corruption_is_rejected_or_valid(
	void **state)
{
	(void)state;
	for (size_t k = 0; k < 3; k++) {
		const void *rec;

		/* Every value at every byte of the first record of each
		 * kind; the telling values for all the others. */
		for (uint32_t i = 0; (rec = record(k, i)) != NULL; i++)
			corrupt_all(k, rec, i == 0);
	}
}

/* E8: the check is CRC-32C (RFC 3720 vectors, on the test's own bitwise
 * implementation), and the library's records end with it. */
static void test_e8_every_record_ends_with_its_crc32c(void **state)
{
	static const uint8_t digits[] = "123456789";
	uint8_t zeros[32] = { 0 }, ones[32];
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;

	(void)state;
	memset(ones, 0xFF, sizeof ones);
	assert_int_equal(tst_crc32c(digits, 9), 0xE3069283u);
	assert_int_equal(tst_crc32c(zeros, 32), 0x8A9136AAu);
	assert_int_equal(tst_crc32c(ones, 32), 0x62A8AB43u);
	for (size_t k = 0; k < 3; k++) {
		const void *rec;

		for (uint32_t i = 0; (rec = record(k, i)) != NULL; i++) {
			uint32_t c;

			assert_int_equal(kinds[k].encode(rec, buf, sizeof buf,
							 &len), BPACCT_OK);
			c = (uint32_t)buf[len - 4] |
			    (uint32_t)buf[len - 3] << 8 |
			    (uint32_t)buf[len - 2] << 16 |
			    (uint32_t)buf[len - 1] << 24;
			assert_int_equal(c, tst_crc32c(buf, len - 4));
		}
	}
}

/* E8: the 0.4.0 forgery.  An owner replaced inside a stored account (same
 * length, a valid enterprise code) is no longer read as the account's. */
static void test_e8_an_owner_edited_in_the_blob_is_rejected(void **state)
{
	bpacct_account *a = tl_account("acc-1");
	bpacct_account *read = tl_account("other");
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;
	uint8_t *at;

	(void)state;
	tl_issue(tl_builtin(BPACCT_PROCEDURE_BP), a, step_fx,
		 "2026-03-02T09:00:00+07:00");
	assert_int_equal(bpacct_account_encode(a, buf, sizeof buf, &len), 0);
	at = memchr(buf, '0', len);
	assert_non_null(at);
	assert_memory_equal(at, TL_OWNER, 10);
	memcpy(at, TL_STRANGER, 10);
	assert_int_equal(bpacct_account_decode(read, buf, len), BPACCT_EPARSE);
	assert_string_equal(tl_acc_text(read, BPACCT_FIELD_ID), "other");
	bpacct_account_free(a);
	bpacct_account_free(read);
}

/* E8: a record of format 1 (0.4.0, no check) is not read: a forger could
 * otherwise write the old format to skip the check. */
static void test_e8_a_format_1_record_is_refused(void **state)
{
	static const uint8_t v1[] = {
		0x41, 0x01, 0x01, 0x02, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x20, 0xef, 0xa4, 0x69, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
		0x20, 0xef, 0xa4, 0x69, 0x00, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x05, 'a', 'c', 'c', '-', '1',
		0x0a, '0', '1', '0', '0', '1', '0', '9', '1', '0', '6',
		0x0c, '0', '0', '1', '0', '9', '0', '0', '1', '2', '3', '4',
		'5', 0x00,
	};
	uint8_t buf[sizeof v1 + 4];
	bpacct_account *read = tl_account("other");

	(void)state;
	assert_int_equal(bpacct_account_decode(read, v1, sizeof v1),
			 BPACCT_EPARSE);
	/* Even with a valid check appended, format 1 is not read. */
	memcpy(buf, v1, sizeof v1);
	tst_reseal(buf, sizeof buf);
	assert_int_equal(bpacct_account_decode(read, buf, sizeof buf),
			 BPACCT_EPARSE);
	bpacct_account_free(read);
}

/* Version 2 of an account, byte by byte (docs/engine.md): the BP account
 * "acc-1" issued on 2026-03-02 09:00 +07:00 (1772416800 = 0x69A4EF20) to
 * enterprise 0100109106 with holder CCCD 001090012345.  A change to these
 * bytes breaks every store: bump the format version instead. */
static const uint8_t pinned_account[] = {
	0x41, 0x02,             /* 'A', format 2 */
	0x01, 0x02, 0x00, 0x00, /* active, CCCD, no flags, no case */
	0x01, 0x00, 0x00, 0x00, /* procedure BP */
	0x00, 0x00, 0x00, 0x00, /* no pending rule */
	0x00, 0x00, 0x00, 0x00, /* no pending channel */
	0x20, 0xef, 0xa4, 0x69, 0x00, 0x00, 0x00, 0x00, /* issued */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, /* first used: none */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, /* last used: none */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, /* locked: none */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, /* cancelled: none */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, /* pending due */
	0x20, 0xef, 0xa4, 0x69, 0x00, 0x00, 0x00, 0x00, /* changed */
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* revision 1 */
	0x05, 'a', 'c', 'c', '-', '1',
	0x0a, '0', '1', '0', '0', '1', '0', '9', '1', '0', '6',
	0x0c, '0', '0', '1', '0', '9', '0', '0', '1', '2', '3', '4', '5',
	0x00, /* no pending request */
	0x3a, 0xd9, 0x5e, 0x6e, /* CRC-32C of the bytes above (E8) */
};

static void test_format_v2_account_bytes_are_pinned(void **state)
{
	bpacct_account *issued = tl_account("acc-1");
	bpacct_account *read = tl_account("other");
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;

	(void)state;
	tl_issue(tl_builtin(BPACCT_PROCEDURE_BP), issued, step_fx,
		 "2026-03-02T09:00:00+07:00");
	assert_int_equal(bpacct_account_encode(issued, buf, sizeof buf, &len),
			 BPACCT_OK);
	assert_int_equal(len, sizeof pinned_account);
	assert_memory_equal(buf, pinned_account, len);
	assert_int_equal(bpacct_account_decode(read, pinned_account,
					       sizeof pinned_account),
			 BPACCT_OK);
	assert_string_equal(tl_acc_text(read, BPACCT_FIELD_ID), "acc-1");
	assert_int_equal(tl_acc(read, BPACCT_FIELD_STATE),
			 BPACCT_STATE_ACTIVE);
	assert_int_equal(tl_acc(read, BPACCT_FIELD_REVISION), 1);
	tl_instant_is(tl_acc(read, BPACCT_FIELD_ISSUED),
		      "2026-03-02T09:00:00+07:00");
	assert_int_equal(tl_acc(read, BPACCT_FIELD_LAST_USED), TL_NONE);
	bpacct_account_free(issued);
	bpacct_account_free(read);
}

/* Version 2 of a notice: the BP-B cancellation notice of "A1" at
 * revision 5, by the portal, form Mẫu 06, to owner and holder. */
static const uint8_t pinned_notice[] = {
	0x45, 0x02, /* 'E', format 2 */
	0x01, 0x07, 0x03, 0x02, 0x02, 0x03, /* notice, tick, system, bp-b,
					     * locked -> cancelled */
	0x01, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, /* cancellation, online,
						   * MAU06, no outcome, no
						   * fee, undelivered, no
						   * reason */
	0x03, 0x00, 0x00, 0x00, /* owner | holder */
	0x20, 0xef, 0xa4, 0x69, 0x00, 0x00, 0x00, 0x00, /* at */
	0x20, 0xef, 0xa4, 0x69, 0x00, 0x00, 0x00, 0x00, /* available from */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, /* due: none */
	0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* revision 5 */
	0x06, 'A', '1', '/', '5', '/', '0', /* key */
	0x02, 'A', '1', /* account */
	0x00, /* request */
	0x0a, '0', '1', '0', '0', '1', '0', '9', '1', '0', '6',
	0x0c, '0', '0', '1', '0', '9', '0', '0', '1', '2', '3', '4', '5',
	0x00, 0x00, /* requester, detail */
	0xfd, 0xaa, 0xd8, 0x47, /* CRC-32C of the bytes above (E8) */
};

static void test_format_v2_notice_bytes_are_pinned(void **state)
{
	bpacct_entry *e = NULL;
	uint8_t buf[BPACCT_RECORD_MAX];
	const char *s = NULL;
	int64_t v = 0;
	size_t len = 0;

	(void)state;
	assert_int_equal(bpacct_entry_new(&e, NULL), BPACCT_OK);
	assert_int_equal(bpacct_entry_decode(e, pinned_notice,
					     sizeof pinned_notice),
			 BPACCT_OK);
	assert_int_equal(bpacct_entry_get_text(e, BPACCT_FIELD_KEY, &s), 0);
	assert_string_equal(s, "A1/5/0");
	assert_int_equal(bpacct_entry_get_text(e, BPACCT_FIELD_HOLDER_ID, &s),
			 0);
	assert_string_equal(s, "001090012345");
	assert_int_equal(bpacct_entry_get_int(e, BPACCT_FIELD_KIND, &v), 0);
	assert_int_equal(v, BPACCT_NOTICE_CANCELLATION);
	assert_int_equal(bpacct_entry_get_int(e, BPACCT_FIELD_ENTRY_REVISION,
					      &v), 0);
	assert_int_equal(v, 5);
	assert_int_equal(bpacct_entry_get_int(e, BPACCT_FIELD_AT, &v), 0);
	tl_instant_is(v, "2026-03-02T09:00:00+07:00");
	assert_int_equal(bpacct_entry_encode(e, buf, sizeof buf, &len), 0);
	assert_int_equal(len, sizeof pinned_notice);
	assert_memory_equal(buf, pinned_notice, len);
	bpacct_entry_free(e);
}

static void test_wrong_calls_are_einval_emisuse_or_ebufsize(void **state)
{
	uint8_t buf[BPACCT_RECORD_MAX];
	struct bpacct_account dead;
	bpacct_request *req = tl_request("Q");
	size_t len = 0;

	(void)state;
	memcpy(&dead, &corpus.acc[0], sizeof dead);
	dead.magic = 0;
	assert_int_equal(bpacct_account_encode(NULL, buf, 4, &len),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_account_encode(&corpus.acc[0], NULL, 4, &len),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_account_encode(&dead, buf, sizeof buf, &len),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_account_decode(&dead, pinned_account,
					       sizeof pinned_account),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_account_encode(&corpus.acc[0], buf, 10, &len),
			 BPACCT_EBUFSIZE);
	/* An account's bytes are not a request's, nor of format 3, even
	 * with a valid check. */
	assert_int_equal(bpacct_request_decode(req, pinned_account,
					       sizeof pinned_account),
			 BPACCT_EPARSE);
	memcpy(buf, pinned_account, sizeof pinned_account);
	buf[1] = 3;
	tst_reseal(buf, sizeof pinned_account);
	assert_int_equal(bpacct_account_decode(&corpus.acc[1], buf,
					       sizeof pinned_account),
			 BPACCT_EPARSE);
	assert_int_equal(bpacct_entry_decode(NULL, pinned_notice, 4),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_entry_encode(NULL, buf, 4, &len),
			 BPACCT_EINVAL);
	bpacct_request_free(req);
}

/* An id of BPACCT_ID_MAX - 1 = 47 bytes. */
#define LONGEST_ID(c)                                                      \
	c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c \
		c c c c c c c c c c c c

static void test_keys_are_account_revision_index_or_request(
	void **state)
{
	char key[BPACCT__KEY_MAX];

	(void)state;
	assert_int_equal(bpacct__entry_key(key, "A1", 7, NULL, 2), 6);
	assert_string_equal(key, "A1/7/2");
	bpacct__entry_key(key, "acc", 18446744073709551615u, NULL, 11);
	assert_string_equal(key, "acc/18446744073709551615/11");
	bpacct__entry_key(key, "ghost", 0, "NA20-9", 0);
	assert_string_equal(key, "ghost/0/NA20-9/0");
	/* The longest ids fit. */
	bpacct__entry_key(key, LONGEST_ID("a"), 0, LONGEST_ID("q"), 11);
	assert_int_equal(strlen(key), 47 + 3 + 47 + 3);
}

/* BP-R6: the cancellation notice of the lock sequence carries both
 * recipients' identities; the refused use after it has an audit whose
 * "to" says refused (E4). */
static void test_bp_r6_e4_entries_of_a_cancellation_and_a_refusal(
	void **state)
{
	const struct bpacct_entry *n = NULL, *refusal = NULL;
	const char *s = NULL;
	int64_t v = 0;

	(void)state;
	for (uint32_t i = 0; i < corpus.nent; i++) {
		const struct bpacct_entry *e = &corpus.ent[i];

		if (strcmp(e->account, "bp-lock-1") != 0)
			continue;
		if (e->type == BPACCT_ENTRY_NOTICE &&
		    e->kind == BPACCT_NOTICE_CANCELLATION)
			n = e;
		if (e->type == BPACCT_ENTRY_AUDIT && e->to < 0)
			refusal = e;
	}
	assert_non_null(n);
	assert_non_null(refusal);
	assert_int_equal(bpacct_entry_get_text(n, BPACCT_FIELD_OWNER_ID, &s),
			 0);
	assert_string_equal(s, TL_OWNER);
	assert_int_equal(bpacct_entry_get_text(n, BPACCT_FIELD_HOLDER_ID, &s),
			 0);
	assert_string_equal(s, TL_CCCD);
	assert_int_equal(bpacct_entry_get_int(n, BPACCT_FIELD_RECIPIENTS, &v),
			 0);
	assert_int_equal(v, BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	assert_int_equal(bpacct_entry_get_int(n, BPACCT_FIELD_AT, &v), 0);
	tl_instant_is(v, "2026-03-04T12:00:00+07:00"); /* lock + 2 h */
	/* issue 1, use 2, lock 3, cancellation 4: the key is the revision
	 * the cancellation was committed with, then its index. */
	assert_int_equal(bpacct_entry_get_text(n, BPACCT_FIELD_KEY, &s), 0);
	assert_string_equal(s, "bp-lock-1/4/0");
	assert_int_equal(bpacct_entry_get_int(refusal, BPACCT_FIELD_TO, &v),
			 0);
	assert_int_equal(v, -1);
	assert_int_equal(bpacct_entry_reason(refusal, 0, (int32_t *)&v), 0);
	assert_int_equal((int32_t)v, BPACCT_REASON_ACCOUNT_CANCELLED);
	assert_int_equal(bpacct_entry_reason(refusal, 1, (int32_t *)&v),
			 BPACCT_ENOTFOUND);
}

/* E4, E6: a use after a passed due runs the cancellation first, then is
 * refused.  The stored audit of the cancellation keeps its transition (to
 * cancelled, case bp-c); only the use's audit is a refusal's. */
static void test_e4_e6_an_owed_cancellation_is_audited_as_such(void **state)
{
	struct bpacct_entry out[16];
	bpacct_account *a = tl_account("owed-1");
	bpacct_event u = tl_event(BPACCT_INPUT_USE,
				  "2026-09-20T10:00:00+07:00");
	bpacct__entry_source src = { NULL, NULL, NULL, 0,
				     BPACCT__KEYS_REVISION };
	uint32_t n, audits = 0;

	(void)state;
	tl_issue(tl_builtin(BPACCT_PROCEDURE_BP), a, step_fx,
		 "2026-03-15T10:00:00+07:00");
	tl_apply(tl_builtin(BPACCT_PROCEDURE_BP), a, NULL, &u, step_fx);
	src.fx = step_fx;
	src.account = a;
	src.revision = a->revision;
	n = bpacct__entries_from_effects(&src, out, 16);
	for (uint32_t i = 0; i < n; i++) {
		if (out[i].type != BPACCT_ENTRY_AUDIT)
			continue;
		if (audits++ == 0) {
			assert_int_equal(out[i].to, BPACCT_STATE_CANCELLED);
			assert_int_equal(out[i].case_, BPACCT_CASE_BP_C);
			assert_int_equal(out[i].input, BPACCT_INPUT_TICK);
		} else {
			assert_int_equal(out[i].to, -1);
			assert_int_equal(out[i].input, BPACCT_INPUT_USE);
		}
	}
	assert_int_equal(audits, 2);
	bpacct_account_free(a);
}

static void test_entry_fields_answer_only_for_their_type(void **state)
{
	const struct bpacct_entry *notice = NULL, *audit = NULL;
	const char *s = NULL;
	int64_t v = 0;

	(void)state;
	for (uint32_t i = 0; i < corpus.nent; i++) {
		if (corpus.ent[i].type == BPACCT_ENTRY_NOTICE)
			notice = &corpus.ent[i];
		else
			audit = &corpus.ent[i];
	}
	assert_int_equal(bpacct_entry_get_int(notice, BPACCT_FIELD_FROM, &v),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_entry_get_int(audit, BPACCT_FIELD_KIND, &v),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_entry_get_int(audit, BPACCT_FIELD_DELIVERED,
					      &v),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_entry_get_text(audit, BPACCT_FIELD_OWNER_ID,
					       &s),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_entry_get_int(audit, BPACCT_FIELD_ENTRY_TYPE,
					      &v),
			 BPACCT_OK);
	assert_int_equal(v, BPACCT_ENTRY_AUDIT);
	assert_int_equal(bpacct_entry_get_int(notice, 9999, &v),
			 BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_entry_get_int(NULL, BPACCT_FIELD_AT, &v),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_entry_get_text(notice, BPACCT_FIELD_KEY,
					       NULL),
			 BPACCT_EINVAL);
}

static size_t live_blocks;

static void *counting_alloc(size_t size, void *opaque)
{
	(void)opaque;
	live_blocks++;
	return malloc(size);
}

static void counting_free(void *p, void *opaque)
{
	(void)opaque;
	live_blocks--;
	free(p);
}

/* The four records share one allocation path (records.c). */
static void test_b17_records_use_the_host_allocator_and_free_once(
	void **state)
{
	bpacct_allocator a = { BPACCT_ALLOCATOR_VERSION, counting_alloc,
			       counting_free, NULL };
	bpacct_allocator bad = a;
	bpacct_entry *e = NULL;
	bpacct_account *acc = NULL;
	bpacct_effects *list = NULL;

	(void)state;
	bad.version = 99;
	assert_int_equal(bpacct_entry_new(&e, &bad), BPACCT_EMISUSE);
	assert_int_equal(bpacct_entry_new(NULL, &a), BPACCT_EINVAL);
	assert_int_equal(bpacct_entry_new(&e, &a), BPACCT_OK);
	assert_int_equal(bpacct_account_new(&acc, "x", &a), BPACCT_OK);
	assert_int_equal(bpacct_effects_new(&list, &a), BPACCT_OK);
	assert_int_equal(live_blocks, 3);
	/* A record of one kind is not one of another. */
	assert_int_equal(bpacct_account_copy(acc, (const void *)e),
			 BPACCT_EMISUSE);
	bpacct_entry_free(e);
	bpacct_account_free(acc);
	bpacct_effects_free(list);
	bpacct_entry_free(NULL);
	assert_int_equal(live_blocks, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_of_real_records_is_identity),
		cmocka_unit_test(
			test_account_encodes_in_about_100_bytes_not_its_250),
		cmocka_unit_test(
			test_every_truncation_is_eparse_and_changes_nothing),
		cmocka_unit_test(
			test_every_single_byte_corruption_is_rejected_or_valid),
		cmocka_unit_test(test_e8_every_record_ends_with_its_crc32c),
		cmocka_unit_test(
			test_e8_an_owner_edited_in_the_blob_is_rejected),
		cmocka_unit_test(test_e8_a_format_1_record_is_refused),
		cmocka_unit_test(test_format_v2_account_bytes_are_pinned),
		cmocka_unit_test(test_format_v2_notice_bytes_are_pinned),
		cmocka_unit_test(
			test_wrong_calls_are_einval_emisuse_or_ebufsize),
		cmocka_unit_test(
			test_keys_are_account_revision_index_or_request),
		cmocka_unit_test(
			test_bp_r6_e4_entries_of_a_cancellation_and_a_refusal),
		cmocka_unit_test(
			test_e4_e6_an_owed_cancellation_is_audited_as_such),
		cmocka_unit_test(test_entry_fields_answer_only_for_their_type),
		cmocka_unit_test(
			test_b17_records_use_the_host_allocator_and_free_once),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
