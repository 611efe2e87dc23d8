/*
 * The sinks (include/bpacct/sys/store.h), through which a store lists due
 * accounts and undelivered notices.  The engine owns their arrays and
 * reads what they kept; a store only adds to them, during its due() and
 * outbox() calls.
 *
 * A record listed in the outbox that is not a keyed notice (corrupt
 * bytes, a record of another type) cannot be delivered nor marked: the
 * sink skips and counts it instead of failing the listing, or that one
 * record would stop every later tick, submit and delivery
 * (engine/outbox.c tells it).
 */
#include <string.h>

#include "bpacct/errors.h"
#include "contract/contract_internal.h"

void bpacct__sink_init(struct bpacct_sink *s, int32_t kind, uint32_t cap)
{
	s->magic = BPACCT__SINK_MAGIC;
	s->kind = kind;
	s->cap = cap;
	bpacct__sink_reset(s, 0);
}

void bpacct__sink_reset(struct bpacct_sink *s, uint32_t skip)
{
	s->skip = skip;
	/* 0 when skip + cap does not fit: the caller stops. */
	s->max = skip <= UINT32_MAX - s->cap ? skip + s->cap : 0u;
	s->seen = 0;
	s->count = 0;
	s->unreadable = 0;
}

static int sink_ok(const bpacct_sink *sink, const void *item, int32_t kind)
{
	return sink && item && sink->magic == BPACCT__SINK_MAGIC &&
	       sink->kind == kind;
}

int bpacct_sink_add_id(bpacct_sink *sink, const char *id)
{
	size_t n = 0;

	if (!sink_ok(sink, id, BPACCT__SINK_IDS))
		return BPACCT_EINVAL;
	while (n < BPACCT_ID_MAX && id[n] != '\0')
		n++;
	if (n == 0 || n == BPACCT_ID_MAX)
		return BPACCT_EINVAL;
	if (sink->seen >= sink->max)
		return BPACCT_EBUFSIZE;
	if (sink->seen++ < sink->skip)
		return BPACCT_OK; /* handled in an earlier round */
	memcpy(sink->ids[sink->count++], id, n + 1);
	return BPACCT_OK;
}

int bpacct_sink_add_entry(bpacct_sink *sink, const uint8_t *record,
			  size_t len)
{
	struct bpacct_entry *slot;
	int rc;

	if (!sink_ok(sink, record, BPACCT__SINK_NOTICES))
		return BPACCT_EINVAL;
	if (sink->seen >= sink->max)
		return BPACCT_EBUFSIZE;
	if (sink->seen < sink->skip) {
		sink->seen++;
		return BPACCT_OK;
	}
	slot = &sink->notices[sink->count];
	rc = bpacct_entry_decode(slot, record, len);
	sink->seen++;
	/* Only a keyed notice can be delivered and marked; anything else
	 * keeps its place in the listing but is not kept. */
	if (rc != BPACCT_OK || slot->type != BPACCT_ENTRY_NOTICE ||
	    slot->key[0] == '\0') {
		sink->unreadable++;
		return BPACCT_OK;
	}
	sink->count++;
	return BPACCT_OK;
}
