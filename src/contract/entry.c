/*
 * Entries (engine.h): an outbox notice or an audit record.  Reading is by
 * table, as for effects (effects.c): a field an entry type does not have
 * is BPACCT_ENOTFOUND, so a host prints exactly the columns it has.  The
 * byte format follows encode.c's rules (docs/engine.md):
 *
 *   'E' 1 | type input actor case from to kind channel document outcome
 *   fee delivered nreasons (u8 each; to 0xFF = refused) | recipients u32 |
 *   at available_from due (i64) | revision u64 | reasons (i32 each) |
 *   key account request owner holder requester detail (length-prefixed)
 */
#include <string.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/sys/store.h"
#include "contract/entry_internal.h"

#define E_NOT (1u << BPACCT_ENTRY_NOTICE)
#define E_AUD (1u << BPACCT_ENTRY_AUDIT)
#define E_ALL (E_NOT | E_AUD)

typedef struct entry_row {
	int32_t field;
	uint32_t types;
} entry_row;

static const entry_row int_fields[] = {
	{ BPACCT_FIELD_ENTRY_TYPE, E_ALL },
	{ BPACCT_FIELD_AT, E_ALL },
	{ BPACCT_FIELD_INPUT, E_ALL },
	{ BPACCT_FIELD_ACTOR, E_ALL },
	{ BPACCT_FIELD_CASE, E_ALL },
	{ BPACCT_FIELD_OUTCOME, E_ALL },
	{ BPACCT_FIELD_ENTRY_REVISION, E_ALL },
	{ BPACCT_FIELD_REASON_COUNT, E_ALL },
	{ BPACCT_FIELD_FROM, E_AUD },
	{ BPACCT_FIELD_TO, E_AUD },
	{ BPACCT_FIELD_KIND, E_NOT },
	{ BPACCT_FIELD_RECIPIENTS, E_NOT },
	{ BPACCT_FIELD_CHANNEL, E_NOT },
	{ BPACCT_FIELD_DOCUMENT, E_NOT },
	{ BPACCT_FIELD_AVAILABLE_FROM, E_NOT },
	{ BPACCT_FIELD_FEE, E_NOT },
	{ BPACCT_FIELD_DUE, E_NOT },
	{ BPACCT_FIELD_DELIVERED, E_NOT },
};

static const entry_row text_fields[] = {
	{ BPACCT_FIELD_KEY, E_ALL },
	{ BPACCT_FIELD_ACCOUNT, E_ALL },
	{ BPACCT_FIELD_REQUEST, E_ALL },
	{ BPACCT_FIELD_DETAIL, E_ALL },
	{ BPACCT_FIELD_OWNER_ID, E_NOT },
	{ BPACCT_FIELD_HOLDER_ID, E_NOT },
	{ BPACCT_FIELD_REQUESTER, E_NOT },
};

static int has_field(const entry_row *rows, size_t n, int32_t type,
		     int32_t field)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].field == field)
			return ((rows[i].types >> (uint32_t)type) & 1u) != 0;
	return 0;
}

static int check_entry(const bpacct_entry *entry, const void *out)
{
	if (!entry || !out)
		return BPACCT_EINVAL;
	return entry->magic == BPACCT__ENTRY_MAGIC ? BPACCT_OK
						   : BPACCT_EMISUSE;
}

static int64_t int_value(const struct bpacct_entry *e, int32_t field)
{
	switch (field) {
	case BPACCT_FIELD_ENTRY_TYPE: return e->type;
	case BPACCT_FIELD_AT: return e->at;
	case BPACCT_FIELD_INPUT: return e->input;
	case BPACCT_FIELD_ACTOR: return e->actor;
	case BPACCT_FIELD_CASE: return e->case_;
	case BPACCT_FIELD_OUTCOME: return e->outcome;
	case BPACCT_FIELD_ENTRY_REVISION: return (int64_t)e->revision;
	case BPACCT_FIELD_FROM: return e->from;
	case BPACCT_FIELD_TO: return e->to;
	case BPACCT_FIELD_KIND: return e->kind;
	case BPACCT_FIELD_RECIPIENTS: return e->recipients;
	case BPACCT_FIELD_CHANNEL: return e->channel;
	case BPACCT_FIELD_DOCUMENT: return e->document;
	case BPACCT_FIELD_AVAILABLE_FROM: return e->available_from;
	case BPACCT_FIELD_FEE: return e->fee;
	case BPACCT_FIELD_DUE: return e->due;
	case BPACCT_FIELD_DELIVERED: return e->delivered;
	default: return e->nreasons; /* BPACCT_FIELD_REASON_COUNT */
	}
}

int bpacct_entry_get_int(const bpacct_entry *entry, int32_t field,
			 int64_t *out)
{
	int rc = check_entry(entry, out);

	if (rc != BPACCT_OK)
		return rc;
	if (!has_field(int_fields, sizeof int_fields / sizeof int_fields[0],
		       entry->type, field))
		return BPACCT_ENOTFOUND;
	*out = int_value(entry, field);
	return BPACCT_OK;
}

int bpacct_entry_get_text(const bpacct_entry *entry, int32_t field,
			  const char **out)
{
	int rc = check_entry(entry, out);

	if (rc != BPACCT_OK)
		return rc;
	if (!has_field(text_fields,
		       sizeof text_fields / sizeof text_fields[0],
		       entry->type, field))
		return BPACCT_ENOTFOUND;
	switch (field) {
	case BPACCT_FIELD_KEY: *out = entry->key; break;
	case BPACCT_FIELD_ACCOUNT: *out = entry->account; break;
	case BPACCT_FIELD_REQUEST: *out = entry->request; break;
	case BPACCT_FIELD_OWNER_ID: *out = entry->owner; break;
	case BPACCT_FIELD_HOLDER_ID: *out = entry->holder; break;
	case BPACCT_FIELD_REQUESTER: *out = entry->requester; break;
	default: *out = entry->detail; break; /* BPACCT_FIELD_DETAIL */
	}
	return BPACCT_OK;
}

int bpacct_entry_reason(const bpacct_entry *entry, uint32_t k,
			int32_t *out_reason)
{
	int rc = check_entry(entry, out_reason);

	if (rc != BPACCT_OK)
		return rc;
	if (k >= entry->nreasons)
		return BPACCT_ENOTFOUND;
	*out_reason = entry->reasons[k];
	return BPACCT_OK;
}

/* The stored "to": a state, or 0xFF for the audit of a refused input. */
#define TO_REFUSED_BYTE 0xFFu

/* An entry's bytes but its reasons and strings: the header, 13 u8,
 * 1 u32, 4 i64 and the check. */
#define ENTRY_FIXED (2u + 13u + 4u + 4u * 8u + BPACCT__CHECK_BYTES)

/* The strings, measured, in their stored order. */
static void entry_texts(const struct bpacct_entry *e, bpacct__text t[7])
{
	t[0] = bpacct__text_of(e->key, sizeof e->key);
	t[1] = bpacct__text_of(e->account, sizeof e->account);
	t[2] = bpacct__text_of(e->request, sizeof e->request);
	t[3] = bpacct__text_of(e->owner, sizeof e->owner);
	t[4] = bpacct__text_of(e->holder, sizeof e->holder);
	t[5] = bpacct__text_of(e->requester, sizeof e->requester);
	t[6] = bpacct__text_of(e->detail, sizeof e->detail);
}

int bpacct_entry_encode(const bpacct_entry *e, uint8_t *buf, size_t size,
			size_t *out_len)
{
	bpacct__text t[7];
	uint8_t *p = buf;
	uint32_t n;

	if (!e || !buf || !out_len)
		return BPACCT_EINVAL;
	if (e->magic != BPACCT__ENTRY_MAGIC)
		return BPACCT_EMISUSE;
	n = e->nreasons;
	if (n > BPACCT__REASONS_MAX)
		n = BPACCT__REASONS_MAX;
	entry_texts(e, t);
	if (ENTRY_FIXED + 4u * n + bpacct__texts_size(t, 7) > size)
		return BPACCT_EBUFSIZE;
	p = bpacct__put_head(p, BPACCT__TAG_ENTRY);
	p = bpacct__put_u8(p, (uint32_t)e->type);
	p = bpacct__put_u8(p, (uint32_t)e->input);
	p = bpacct__put_u8(p, (uint32_t)e->actor);
	p = bpacct__put_u8(p, (uint32_t)e->case_);
	p = bpacct__put_u8(p, (uint32_t)e->from);
	p = bpacct__put_u8(p, e->to < 0 ? TO_REFUSED_BYTE : (uint32_t)e->to);
	p = bpacct__put_u8(p, (uint32_t)e->kind);
	p = bpacct__put_u8(p, (uint32_t)e->channel);
	p = bpacct__put_u8(p, (uint32_t)e->document);
	p = bpacct__put_u8(p, (uint32_t)e->outcome);
	p = bpacct__put_u8(p, (uint32_t)e->fee);
	p = bpacct__put_u8(p, (uint32_t)e->delivered);
	p = bpacct__put_u8(p, n);
	p = bpacct__put_u32(p, e->recipients);
	p = bpacct__put_u64(p, (uint64_t)e->at);
	p = bpacct__put_u64(p, (uint64_t)e->available_from);
	p = bpacct__put_u64(p, (uint64_t)e->due);
	p = bpacct__put_u64(p, e->revision);
	for (uint32_t i = 0; i < n; i++)
		p = bpacct__put_u32(p, (uint32_t)e->reasons[i]);
	p = bpacct__put_texts(p, t, 7);
	p = bpacct__put_check(buf, p);
	*out_len = (size_t)(p - buf);
	return BPACCT_OK;
}

static int32_t get_to(bpacct__reader *r)
{
	uint32_t v = bpacct__get_u8(r, TO_REFUSED_BYTE);

	if (v == TO_REFUSED_BYTE)
		return BPACCT__TO_REFUSED;
	if (v > BPACCT_STATE_CANCELLED)
		r->bad = 1;
	return (int32_t)v;
}

#define RECIPIENTS_ALL                                                    \
	(BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER |               \
	 BPACCT_RECIPIENT_REQUESTER)

static void read_entry(bpacct__reader *r, void *record)
{
	struct bpacct_entry *e = record;

	bpacct__get_head(r, BPACCT__TAG_ENTRY);
	e->type = (int32_t)bpacct__get_u8(r, BPACCT_ENTRY_AUDIT);
	if (e->type == 0)
		r->bad = 1;
	e->input = (int32_t)bpacct__get_u8(r, BPACCT_INPUT_EXCLUDE);
	e->actor = (int32_t)bpacct__get_u8(r, BPACCT_ACTOR_HOLDER);
	e->case_ = (int32_t)bpacct__get_u8(r, BPACCT_CASE_XNC);
	e->from = (int32_t)bpacct__get_u8(r, BPACCT_STATE_CANCELLED);
	e->to = get_to(r);
	e->kind = (int32_t)bpacct__get_u8(r,
					  BPACCT_NOTICE_INACTIVITY_WARNING);
	e->channel = (int32_t)bpacct__get_u8(r, BPACCT_CHANNEL_ONLINE);
	e->document = (int32_t)bpacct__get_u8(r, BPACCT_DOCUMENT_MAU06);
	e->outcome = (int32_t)bpacct__get_u8(r, BPACCT_OUTCOME_REFUSED);
	e->fee = (int32_t)bpacct__get_u8(r, 1);
	e->delivered = (int32_t)bpacct__get_u8(r, 1);
	e->nreasons = bpacct__get_u8(r, BPACCT__REASONS_MAX);
	e->recipients = bpacct__get_u32(r, RECIPIENTS_ALL);
	e->at = bpacct__get_i64(r);
	e->available_from = bpacct__get_i64(r);
	e->due = bpacct__get_i64(r);
	e->revision = bpacct__get_revision(r);
	for (uint32_t i = 0; i < e->nreasons; i++)
		e->reasons[i] = bpacct__get_reason(r);
	bpacct__get_str(r, e->key, 0, sizeof e->key);
	bpacct__get_str(r, e->account, 1, sizeof e->account);
	bpacct__get_str(r, e->request, 0, sizeof e->request);
	bpacct__get_str(r, e->owner, 0, sizeof e->owner);
	bpacct__get_str(r, e->holder, 0, sizeof e->holder);
	bpacct__get_str(r, e->requester, 0, sizeof e->requester);
	bpacct__get_str(r, e->detail, 0, sizeof e->detail);
}

int bpacct_entry_decode(bpacct_entry *entry, const uint8_t *record,
			size_t len)
{
	/* On the stack, not a static table: a table of function pointers
	 * would be relocated data, which the pure core has none of. */
	const bpacct__form form = {
		BPACCT__ENTRY_MAGIC, sizeof(struct bpacct_entry),
		offsetof(struct bpacct_entry, alloc), read_entry
	};

	return bpacct__decode(entry, &form, record, len);
}
