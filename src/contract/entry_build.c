/*
 * Entries from the effects of one step: the NOTICE effects become outbox
 * notices and the AUDIT effects audit records, in the order the step owes
 * them (the other effects are reported to the host, not stored).  Pure,
 * so that the engine's change set is a function of the stored records and
 * the event alone: a retry after a failed commit computes the same
 * entries with the same idempotency keys.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "contract/entry_internal.h"
#include "core/record_layout.h"
#include "core/text_internal.h"

void bpacct__entry_clear(struct bpacct_entry *e)
{
	bpacct__alloc keep = e->alloc;

	memset(e, 0, sizeof *e);
	e->magic = BPACCT__ENTRY_MAGIC;
	e->at = BPACCT_INSTANT_NONE;
	e->available_from = BPACCT_INSTANT_NONE;
	e->due = BPACCT_INSTANT_NONE;
	e->alloc = keep;
}

/* Appends text at dst[*n], within size (the NUL always fits). */
static void append(char *dst, size_t size, size_t *n, const char *s)
{
	while (*s != '\0' && *n + 1 < size)
		dst[(*n)++] = *s++;
	dst[*n] = '\0';
}

/* Appends v in decimal (snprintf is outside the pure core). */
static void append_u64(char *dst, size_t size, size_t *n, uint64_t v)
{
	char digits[21];
	size_t k = sizeof digits - 1;

	digits[k] = '\0';
	do {
		digits[--k] = (char)('0' + (int)(v % 10u));
		v /= 10u;
	} while (v != 0 && k > 0);
	append(dst, size, n, digits + k);
}

size_t bpacct__entry_key(char *dst, const char *account, uint64_t revision,
			 const char *request, uint32_t n)
{
	size_t len = 0;

	dst[0] = '\0';
	append(dst, BPACCT__KEY_MAX, &len, account);
	append(dst, BPACCT__KEY_MAX, &len, "/");
	append_u64(dst, BPACCT__KEY_MAX, &len, request ? 0u : revision);
	append(dst, BPACCT__KEY_MAX, &len, "/");
	if (request) {
		append(dst, BPACCT__KEY_MAX, &len, request);
		append(dst, BPACCT__KEY_MAX, &len, "/");
	}
	append_u64(dst, BPACCT__KEY_MAX, &len, n);
	return len;
}

static void fill_common(struct bpacct_entry *o, const bpacct__effect *e,
			const bpacct__entry_source *src)
{
	bpacct__entry_clear(o);
	o->input = e->input;
	o->actor = e->actor;
	o->case_ = e->case_;
	o->from = e->from;
	o->to = e->to;
	o->outcome = e->outcome;
	o->at = e->at;
	o->revision = src->revision;
	o->nreasons = e->nreasons <= BPACCT__REASONS_MAX
			      ? e->nreasons
			      : BPACCT__REASONS_MAX;
	memcpy(o->reasons, e->reasons, o->nreasons * sizeof o->reasons[0]);
	bpacct__text_copy(o->account, sizeof o->account, e->account);
	bpacct__text_copy(o->request, sizeof o->request, e->request);
	bpacct__text_copy(o->detail, sizeof o->detail, e->detail);
}

/* The recipients' identities travel with the notice: the notifier must
 * not need to read the account (it may have changed since). */
static void fill_notice(struct bpacct_entry *o, const bpacct__effect *e,
			const bpacct__entry_source *src)
{
	o->type = BPACCT_ENTRY_NOTICE;
	o->kind = e->kind;
	o->recipients = e->recipients;
	o->channel = e->channel;
	o->document = e->document;
	o->available_from = e->available_from;
	o->fee = e->fee;
	o->due = e->due;
	bpacct__text_copy(o->owner, sizeof o->owner, src->account->owner);
	bpacct__text_copy(o->holder, sizeof o->holder,
			  src->account->holder_id);
	if (src->request)
		bpacct__text_copy(o->requester, sizeof o->requester,
				  src->request->requester);
}

static void fill_key(struct bpacct_entry *o, const bpacct__entry_source *src,
		     uint32_t n)
{
	if (src->keys == BPACCT__KEYS_NONE)
		return;
	bpacct__entry_key(o->key, o->account, src->revision, NULL, n);
}

uint32_t bpacct__entries_from_effects(const bpacct__entry_source *src,
				      struct bpacct_entry *out, uint32_t max)
{
	const bpacct_effects *fx = src->fx;
	uint32_t n = 0;

	for (uint32_t i = 0; i < fx->count && n < max; i++) {
		const bpacct__effect *e = &fx->items[i];
		struct bpacct_entry *o = &out[n];

		if (e->type != BPACCT_EFFECT_NOTICE &&
		    e->type != BPACCT_EFFECT_AUDIT)
			continue;
		fill_common(o, e, src);
		if (e->type == BPACCT_EFFECT_NOTICE) {
			fill_notice(o, e, src);
		} else {
			o->type = BPACCT_ENTRY_AUDIT;
			/* The audit of a refusal follows its REFUSED effect
			 * (bpacct__refuse); what ran before the event (E6)
			 * keeps its own audit, with its transition. */
			if (i > 0 &&
			    fx->items[i - 1].type == BPACCT_EFFECT_REFUSED)
				o->to = BPACCT__TO_REFUSED;
		}
		fill_key(o, src, n);
		n++;
	}
	return n;
}
