/*
 * The stored byte format of accounts and requests (entries: entry.c; the
 * inline primitives: codec_internal.h), and the one decode routine every
 * record kind goes through: the record codecs of the store contract
 * (include/bpacct/sys/store.h).
 * A store keeps these bytes without understanding them, possibly for years
 * and across library versions, so the format is defined here byte by byte
 * and never follows the in-memory layout (docs/engine.md, "Record format"):
 *
 *   tag (1 byte: 'A' account, 'R' request, 'E' entry), format version (1),
 *   then fixed-width little-endian integers in a fixed order, then strings
 *   as one length byte and the bytes, without the NUL and without the
 *   unused rest of the field (an account is ~100 bytes, not its 250).
 *
 * Decoding trusts nothing: every length, tag, enum and string is checked,
 * trailing bytes are an error, and the output is written only once all is
 * known good.  Encode then decode then encode gives the same bytes.
 */
#include <string.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/ids.h"
#include "bpacct/reason.h"
#include "bpacct/sys/store.h"
#include "contract/entry_internal.h"
#include "core/record_layout.h"
#include "core/text_internal.h"

void bpacct__get_head(bpacct__reader *r, uint32_t tag)
{
	if (bpacct__get_u8(r, 0xFFu) != tag ||
	    bpacct__get_u8(r, 0xFFu) != BPACCT__FORMAT_VERSION)
		r->bad = 1;
}

int32_t bpacct__get_reason(bpacct__reader *r)
{
	int32_t v = bpacct__get_i32(r);

	/* The reason table is the one authority on which codes exist. */
	if (!r->bad && bpacct__text_same(bpacct_reason_name(v), "unknown"))
		r->bad = 1;
	return r->bad ? 0 : v;
}

int bpacct__reader_done(const bpacct__reader *r)
{
	return !r->bad && r->pos == r->len ? BPACCT_OK : BPACCT_EPARSE;
}

/* The magic word every record starts with. */
static uint32_t magic_of(const void *record)
{
	uint32_t m;

	memcpy(&m, record, sizeof m);
	return m;
}

int bpacct__decode(void *out, const bpacct__form *form,
		   const uint8_t *record, size_t len)
{
	union {
		struct bpacct_account account;
		struct bpacct_request request;
		struct bpacct_entry entry;
	} tmp;
	bpacct__reader r = { record, 0, 0, 0 };
	int rc;

	if (!out || !record)
		return BPACCT_EINVAL;
	if (magic_of(out) != form->magic)
		return BPACCT_EMISUSE;
	/* E8: the check first, so that no field of a damaged record is
	 * believed, not even its tag. */
	if (len < 2u + BPACCT__CHECK_BYTES)
		return BPACCT_EPARSE;
	r.len = len - BPACCT__CHECK_BYTES;
	if (bpacct__le32(record + r.len) != bpacct__crc32c(record, r.len))
		return BPACCT_EPARSE;
	/* Decode into a zeroed copy: the output is written only whole,
	 * and keeps its magic and the allocator it was made with. */
	memset(&tmp, 0, form->size);
	form->read(&r, &tmp);
	rc = bpacct__reader_done(&r);
	if (rc != BPACCT_OK)
		return rc;
	memcpy(&tmp, &form->magic, sizeof form->magic);
	memcpy((char *)&tmp + form->alloc_offset,
	       (const char *)out + form->alloc_offset, sizeof(bpacct__alloc));
	memcpy(out, &tmp, form->size);
	return BPACCT_OK;
}

/* A procedure: none (0), a built-in one, or a host one (100 and up). */
static int32_t get_procedure(bpacct__reader *r)
{
	int32_t v = bpacct__get_i32(r);

	if (v < 0 || (v > BPACCT_PROCEDURE_XNC && v < 100))
		r->bad = 1;
	return r->bad ? 0 : v;
}

/* A bpacct_rule or 0, a bpacct_channel or 0. */
#define RULE_MAX BPACCT_RULE_XNC_REQUEST
#define CHANNEL_MAX BPACCT_CHANNEL_ONLINE

static int32_t get_small(bpacct__reader *r, int32_t max)
{
	int32_t v = bpacct__get_i32(r);

	if (v < 0 || v > max)
		r->bad = 1;
	return r->bad ? 0 : v;
}

static int check_args(const void *rec, uint32_t magic, const void *buf,
		      const size_t *out_len)
{
	uint32_t m;

	if (!rec || !buf || !out_len)
		return BPACCT_EINVAL;
	memcpy(&m, rec, sizeof m); /* every record starts with its magic */
	return m == magic ? BPACCT_OK : BPACCT_EMISUSE;
}

/* An account's bytes but its strings: the header, 4 u8, 3 i32, 8 i64
 * and the check (docs/engine.md, "Record format"). */
#define ACCOUNT_FIXED (2u + 4u + 3u * 4u + 8u * 8u + BPACCT__CHECK_BYTES)

int bpacct_account_encode(const bpacct_account *a, uint8_t *buf,
			  size_t size, size_t *out_len)
{
	bpacct__text t[4];
	uint8_t *p = buf;
	size_t need;
	int rc = check_args(a, BPACCT__ACCOUNT_MAGIC, buf, out_len);

	if (rc != BPACCT_OK)
		return rc;
	t[0] = bpacct__text_of(a->id, sizeof a->id);
	t[1] = bpacct__text_of(a->owner, sizeof a->owner);
	t[2] = bpacct__text_of(a->holder_id, sizeof a->holder_id);
	t[3] = bpacct__text_of(a->pending_request, sizeof a->pending_request);
	need = ACCOUNT_FIXED + bpacct__texts_size(t, 4);
	if (need > size)
		return BPACCT_EBUFSIZE;
	p = bpacct__put_head(p, BPACCT__TAG_ACCOUNT);
	p = bpacct__put_u8(p, a->state);
	p = bpacct__put_u8(p, a->holder_id_type);
	p = bpacct__put_u8(p, a->flags);
	p = bpacct__put_u8(p, a->pending_case);
	p = bpacct__put_u32(p, (uint32_t)a->procedure);
	p = bpacct__put_u32(p, (uint32_t)a->pending_rule);
	p = bpacct__put_u32(p, (uint32_t)a->pending_channel);
	p = bpacct__put_u64(p, (uint64_t)a->issued);
	p = bpacct__put_u64(p, (uint64_t)a->first_used);
	p = bpacct__put_u64(p, (uint64_t)a->last_used);
	p = bpacct__put_u64(p, (uint64_t)a->locked);
	p = bpacct__put_u64(p, (uint64_t)a->cancelled);
	p = bpacct__put_u64(p, (uint64_t)a->pending_due);
	p = bpacct__put_u64(p, (uint64_t)a->changed);
	p = bpacct__put_u64(p, a->revision);
	p = bpacct__put_texts(p, t, 4);
	p = bpacct__put_check(buf, p);
	*out_len = (size_t)(p - buf);
	return BPACCT_OK;
}

static void read_account(bpacct__reader *r, void *record)
{
	struct bpacct_account *a = record;

	bpacct__get_head(r, BPACCT__TAG_ACCOUNT);
	a->state = (uint8_t)bpacct__get_u8(r, BPACCT_STATE_CANCELLED);
	a->holder_id_type = (uint8_t)bpacct__get_u8(r, BPACCT_ID_PASSPORT);
	a->flags = (uint8_t)bpacct__get_u8(
		r, BPACCT__ACC_EXCLUDED | BPACCT__ACC_WARNED |
			   BPACCT__ACC_USED_IN_TIME);
	a->pending_case = (uint8_t)bpacct__get_u8(r, BPACCT_CASE_XNC);
	a->procedure = get_procedure(r);
	a->pending_rule = get_small(r, RULE_MAX);
	a->pending_channel = get_small(r, CHANNEL_MAX);
	a->issued = bpacct__get_i64(r);
	a->first_used = bpacct__get_i64(r);
	a->last_used = bpacct__get_i64(r);
	a->locked = bpacct__get_i64(r);
	a->cancelled = bpacct__get_i64(r);
	a->pending_due = bpacct__get_i64(r);
	a->changed = bpacct__get_i64(r);
	a->revision = bpacct__get_revision(r);
	bpacct__get_str(r, a->id, 1, sizeof a->id);
	bpacct__get_str(r, a->owner, 0, sizeof a->owner);
	bpacct__get_str(r, a->holder_id, 0, sizeof a->holder_id);
	bpacct__get_str(r, a->pending_request, 0, sizeof a->pending_request);
}

int bpacct_account_decode(bpacct_account *account, const uint8_t *record,
			  size_t len)
{
	/* On the stack, not a static table: a table of function pointers
	 * would be relocated data, which the pure core has none of. */
	const bpacct__form form = {
		BPACCT__ACCOUNT_MAGIC, sizeof(struct bpacct_account),
		offsetof(struct bpacct_account, alloc), read_account
	};

	return bpacct__decode(account, &form, record, len);
}

/* A request's bytes but its reasons and strings: the header, 8 u8,
 * 2 u32, 4 i64 and the check. */
#define REQUEST_FIXED (2u + 8u + 2u * 4u + 4u * 8u + BPACCT__CHECK_BYTES)

static uint32_t reasons_kept(uint32_t n)
{
	/* a record is trusted no further than its array */
	return n > BPACCT__REASONS_MAX ? BPACCT__REASONS_MAX : n;
}

int bpacct_request_encode(const bpacct_request *q, uint8_t *buf, size_t size,
			  size_t *out_len)
{
	bpacct__text t[6];
	uint8_t *p = buf;
	size_t need;
	uint32_t n, m;
	int rc = check_args(q, BPACCT__REQUEST_MAGIC, buf, out_len);

	if (rc != BPACCT_OK)
		return rc;
	n = reasons_kept(q->nfirst_reasons);
	m = reasons_kept(q->nreasons);
	t[0] = bpacct__text_of(q->id, sizeof q->id);
	t[1] = bpacct__text_of(q->account, sizeof q->account);
	t[2] = bpacct__text_of(q->requester, sizeof q->requester);
	t[3] = bpacct__text_of(q->enterprise_code, sizeof q->enterprise_code);
	t[4] = bpacct__text_of(q->id_number, sizeof q->id_number);
	t[5] = bpacct__text_of(q->na20_account, sizeof q->na20_account);
	need = REQUEST_FIXED + 4u * (n + m) + bpacct__texts_size(t, 6);
	if (need > size)
		return BPACCT_EBUFSIZE;
	p = bpacct__put_head(p, BPACCT__TAG_REQUEST);
	p = bpacct__put_u8(p, q->state);
	p = bpacct__put_u8(p, q->outcome);
	p = bpacct__put_u8(p, q->first_outcome);
	p = bpacct__put_u8(p, q->channel);
	p = bpacct__put_u8(p, q->result_channel);
	p = bpacct__put_u8(p, q->id_type);
	p = bpacct__put_u8(p, n);
	p = bpacct__put_u8(p, m);
	p = bpacct__put_u32(p, q->documents);
	p = bpacct__put_u32(p, q->na20_present);
	p = bpacct__put_u64(p, (uint64_t)q->submitted);
	p = bpacct__put_u64(p, (uint64_t)q->received);
	p = bpacct__put_u64(p, (uint64_t)q->due);
	p = bpacct__put_u64(p, (uint64_t)q->first_received);
	for (uint32_t i = 0; i < n; i++)
		p = bpacct__put_u32(p, (uint32_t)q->first_reasons[i]);
	for (uint32_t i = 0; i < m; i++)
		p = bpacct__put_u32(p, (uint32_t)q->reasons[i]);
	p = bpacct__put_texts(p, t, 6);
	p = bpacct__put_check(buf, p);
	*out_len = (size_t)(p - buf);
	return BPACCT_OK;
}

#define DOCS_ALL                                                          \
	(BPACCT_DOC_APPLICATION | BPACCT_DOC_ENTERPRISE_REGISTRATION |    \
	 BPACCT_DOC_IDENTITY | BPACCT_DOC_NA20)

static void read_request(bpacct__reader *r, void *record)
{
	struct bpacct_request *q = record;

	bpacct__get_head(r, BPACCT__TAG_REQUEST);
	q->state = (uint8_t)bpacct__get_u8(r, BPACCT_REQUEST_REFUSED);
	q->outcome = (uint8_t)bpacct__get_u8(r, BPACCT_OUTCOME_REFUSED);
	q->first_outcome = (uint8_t)bpacct__get_u8(r, BPACCT_OUTCOME_REFUSED);
	q->channel = (uint8_t)bpacct__get_u8(r, CHANNEL_MAX);
	q->result_channel = (uint8_t)bpacct__get_u8(r, CHANNEL_MAX);
	q->id_type = (uint8_t)bpacct__get_u8(r, BPACCT_ID_PASSPORT);
	q->nfirst_reasons = (uint8_t)bpacct__get_u8(r, BPACCT__REASONS_MAX);
	q->nreasons = (uint8_t)bpacct__get_u8(r, BPACCT__REASONS_MAX);
	q->documents = bpacct__get_u32(r, DOCS_ALL);
	q->na20_present = bpacct__get_u32(r, 0xFFu); /* 7 fields + seal */
	q->submitted = bpacct__get_i64(r);
	q->received = bpacct__get_i64(r);
	q->due = bpacct__get_i64(r);
	q->first_received = bpacct__get_i64(r);
	for (uint32_t i = 0; i < q->nfirst_reasons; i++)
		q->first_reasons[i] = bpacct__get_reason(r);
	for (uint32_t i = 0; i < q->nreasons; i++)
		q->reasons[i] = bpacct__get_reason(r);
	bpacct__get_str(r, q->id, 1, sizeof q->id);
	bpacct__get_str(r, q->account, 0, sizeof q->account);
	bpacct__get_str(r, q->requester, 0, sizeof q->requester);
	bpacct__get_str(r, q->enterprise_code, 0, sizeof q->enterprise_code);
	bpacct__get_str(r, q->id_number, 0, sizeof q->id_number);
	bpacct__get_str(r, q->na20_account, 0, sizeof q->na20_account);
}

int bpacct_request_decode(bpacct_request *request, const uint8_t *record,
			  size_t len)
{
	/* On the stack, not a static table: a table of function pointers
	 * would be relocated data, which the pure core has none of. */
	const bpacct__form form = {
		BPACCT__REQUEST_MAGIC, sizeof(struct bpacct_request),
		offsetof(struct bpacct_request, alloc), read_request
	};

	return bpacct__decode(request, &form, record, len);
}
