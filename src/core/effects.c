/*
 * Reading records and effects: each field a record or an effect type has
 * is one row of a table; any other field is BPACCT_ENOTFOUND, so a host
 * (or the CLI) can print exactly the keys an effect has.
 */
#include "bpacct/errors.h"
#include "core/record_layout.h"

/* Effect types as bits of a row's `types`. */
#define T_OUT (1u << BPACCT_EFFECT_OUTCOME)
#define T_TRA (1u << BPACCT_EFFECT_TRANSITION)
#define T_NOT (1u << BPACCT_EFFECT_NOTICE)
#define T_DEA (1u << BPACCT_EFFECT_DEADLINE)
#define T_AUD (1u << BPACCT_EFFECT_AUDIT)
#define T_REF (1u << BPACCT_EFFECT_REFUSED)
#define T_ALL (T_OUT | T_TRA | T_NOT | T_DEA | T_AUD | T_REF)

typedef struct field_row {
	int32_t field;
	uint32_t types;
} field_row;

static const field_row effect_fields[] = {
	{ BPACCT_FIELD_TYPE, T_ALL },
	{ BPACCT_FIELD_AT, T_ALL },
	{ BPACCT_FIELD_INPUT, T_ALL },
	{ BPACCT_FIELD_ACTOR, T_ALL },
	{ BPACCT_FIELD_ACCOUNT, T_ALL },
	{ BPACCT_FIELD_REQUEST, T_ALL },
	{ BPACCT_FIELD_FROM, T_TRA | T_AUD },
	{ BPACCT_FIELD_TO, T_TRA | T_AUD },
	{ BPACCT_FIELD_CASE, T_OUT | T_TRA | T_NOT | T_DEA | T_AUD },
	{ BPACCT_FIELD_RULE, T_OUT | T_TRA | T_DEA },
	{ BPACCT_FIELD_DUE, T_OUT | T_NOT | T_DEA },
	{ BPACCT_FIELD_OUTCOME, T_OUT | T_NOT | T_AUD },
	{ BPACCT_FIELD_RECEIVED, T_OUT },
	{ BPACCT_FIELD_CHANNEL, T_OUT | T_NOT },
	{ BPACCT_FIELD_KIND, T_NOT },
	{ BPACCT_FIELD_RECIPIENTS, T_NOT },
	{ BPACCT_FIELD_DOCUMENT, T_NOT },
	{ BPACCT_FIELD_AVAILABLE_FROM, T_NOT },
	{ BPACCT_FIELD_FEE, T_NOT },
	{ BPACCT_FIELD_DETAIL, T_NOT | T_AUD },
	{ BPACCT_FIELD_REASON_COUNT, T_OUT | T_NOT | T_AUD | T_REF },
	{ BPACCT_FIELD_REPLAY, T_OUT },
};

static int effect_has(const bpacct__effect *e, int32_t field)
{
	for (size_t i = 0; i < sizeof effect_fields / sizeof effect_fields[0];
	     i++)
		if (effect_fields[i].field == field)
			return ((effect_fields[i].types >> (uint32_t)e->type) &
				1u) != 0;
	return 0;
}

static int effect_at(const bpacct_effects *fx, uint32_t index,
		     const bpacct__effect **out)
{
	if (fx->magic != BPACCT__EFFECTS_MAGIC)
		return BPACCT_EMISUSE;
	if (index >= fx->count)
		return BPACCT_ENOTFOUND;
	*out = &fx->items[index];
	return BPACCT_OK;
}

int bpacct_effects_count(const bpacct_effects *effects, uint32_t *out_count)
{
	if (!effects || !out_count)
		return BPACCT_EINVAL;
	if (effects->magic != BPACCT__EFFECTS_MAGIC)
		return BPACCT_EMISUSE;
	*out_count = effects->count;
	return BPACCT_OK;
}

static int64_t effect_value(const bpacct__effect *e, int32_t field)
{
	switch (field) {
	case BPACCT_FIELD_TYPE: return e->type;
	case BPACCT_FIELD_AT: return e->at;
	case BPACCT_FIELD_INPUT: return e->input;
	case BPACCT_FIELD_ACTOR: return e->actor;
	case BPACCT_FIELD_FROM: return e->from;
	case BPACCT_FIELD_TO: return e->to;
	case BPACCT_FIELD_CASE: return e->case_;
	case BPACCT_FIELD_RULE: return e->rule;
	case BPACCT_FIELD_DUE: return e->due;
	case BPACCT_FIELD_OUTCOME: return e->outcome;
	case BPACCT_FIELD_RECEIVED: return e->received;
	case BPACCT_FIELD_CHANNEL: return e->channel;
	case BPACCT_FIELD_KIND: return e->kind;
	case BPACCT_FIELD_RECIPIENTS: return e->recipients;
	case BPACCT_FIELD_DOCUMENT: return e->document;
	case BPACCT_FIELD_AVAILABLE_FROM: return e->available_from;
	case BPACCT_FIELD_FEE: return e->fee;
	case BPACCT_FIELD_REPLAY: return e->replay;
	default: return e->nreasons; /* BPACCT_FIELD_REASON_COUNT */
	}
}

int bpacct_effect_get_int(const bpacct_effects *effects, uint32_t index,
			  int32_t field, int64_t *out)
{
	const bpacct__effect *e = NULL;
	int rc;

	if (!effects || !out)
		return BPACCT_EINVAL;
	rc = effect_at(effects, index, &e);
	if (rc != BPACCT_OK)
		return rc;
	if (field == BPACCT_FIELD_ACCOUNT || field == BPACCT_FIELD_REQUEST ||
	    field == BPACCT_FIELD_DETAIL || !effect_has(e, field))
		return BPACCT_ENOTFOUND;
	*out = effect_value(e, field);
	return BPACCT_OK;
}

int bpacct_effect_get_text(const bpacct_effects *effects, uint32_t index,
			   int32_t field, const char **out)
{
	const bpacct__effect *e = NULL;
	int rc;

	if (!effects || !out)
		return BPACCT_EINVAL;
	rc = effect_at(effects, index, &e);
	if (rc != BPACCT_OK)
		return rc;
	if (!effect_has(e, field))
		return BPACCT_ENOTFOUND;
	switch (field) {
	case BPACCT_FIELD_ACCOUNT: *out = e->account; return BPACCT_OK;
	case BPACCT_FIELD_REQUEST: *out = e->request; return BPACCT_OK;
	case BPACCT_FIELD_DETAIL: *out = e->detail; return BPACCT_OK;
	default: return BPACCT_ENOTFOUND;
	}
}

int bpacct_effect_reason(const bpacct_effects *effects, uint32_t index,
			 uint32_t k, int32_t *out_reason)
{
	const bpacct__effect *e = NULL;
	int rc;

	if (!effects || !out_reason)
		return BPACCT_EINVAL;
	rc = effect_at(effects, index, &e);
	if (rc != BPACCT_OK)
		return rc;
	if (k >= e->nreasons)
		return BPACCT_ENOTFOUND;
	*out_reason = e->reasons[k];
	return BPACCT_OK;
}

int bpacct_account_get_int(const bpacct_account *a, int32_t field,
			   int64_t *out)
{
	if (!a || !out)
		return BPACCT_EINVAL;
	if (a->magic != BPACCT__ACCOUNT_MAGIC)
		return BPACCT_EMISUSE;
	switch (field) {
	case BPACCT_FIELD_PROCEDURE: *out = a->procedure; break;
	case BPACCT_FIELD_STATE: *out = a->state; break;
	case BPACCT_FIELD_HOLDER_ID_TYPE: *out = a->holder_id_type; break;
	case BPACCT_FIELD_ISSUED: *out = a->issued; break;
	case BPACCT_FIELD_FIRST_USED: *out = a->first_used; break;
	case BPACCT_FIELD_LAST_USED: *out = a->last_used; break;
	case BPACCT_FIELD_LOCKED: *out = a->locked; break;
	case BPACCT_FIELD_CANCELLED: *out = a->cancelled; break;
	case BPACCT_FIELD_PENDING_RULE: *out = a->pending_rule; break;
	case BPACCT_FIELD_PENDING_DUE: *out = a->pending_due; break;
	case BPACCT_FIELD_PENDING_CASE: *out = a->pending_case; break;
	case BPACCT_FIELD_CHANNEL: *out = a->pending_channel; break;
	case BPACCT_FIELD_EXCLUDED:
		*out = (a->flags & BPACCT__ACC_EXCLUDED) ? 1 : 0;
		break;
	case BPACCT_FIELD_WARNED:
		*out = (a->flags & BPACCT__ACC_WARNED) ? 1 : 0;
		break;
	case BPACCT_FIELD_CHANGED: *out = a->changed; break;
	case BPACCT_FIELD_REVISION: *out = (int64_t)a->revision; break;
	default: return BPACCT_ENOTFOUND;
	}
	return BPACCT_OK;
}

int bpacct_account_get_text(const bpacct_account *a, int32_t field,
			    const char **out)
{
	if (!a || !out)
		return BPACCT_EINVAL;
	if (a->magic != BPACCT__ACCOUNT_MAGIC)
		return BPACCT_EMISUSE;
	switch (field) {
	case BPACCT_FIELD_ID: *out = a->id; break;
	case BPACCT_FIELD_OWNER: *out = a->owner; break;
	case BPACCT_FIELD_HOLDER_ID_NUMBER: *out = a->holder_id; break;
	case BPACCT_FIELD_PENDING_REQUEST: *out = a->pending_request; break;
	default: return BPACCT_ENOTFOUND;
	}
	return BPACCT_OK;
}

int bpacct_request_get_int(const bpacct_request *r, int32_t field,
			   int64_t *out)
{
	if (!r || !out)
		return BPACCT_EINVAL;
	if (r->magic != BPACCT__REQUEST_MAGIC)
		return BPACCT_EMISUSE;
	switch (field) {
	case BPACCT_FIELD_STATE: *out = r->state; break;
	case BPACCT_FIELD_CHANNEL: *out = r->channel; break;
	case BPACCT_FIELD_RESULT_CHANNEL: *out = r->result_channel; break;
	case BPACCT_FIELD_AT: *out = r->submitted; break;
	case BPACCT_FIELD_RECEIVED: *out = r->received; break;
	case BPACCT_FIELD_OUTCOME: *out = r->outcome; break;
	case BPACCT_FIELD_FIRST_OUTCOME: *out = r->first_outcome; break;
	case BPACCT_FIELD_DOCUMENTS: *out = r->documents; break;
	case BPACCT_FIELD_DUE: *out = r->due; break;
	case BPACCT_FIELD_REASON_COUNT: *out = r->nreasons; break;
	default: return BPACCT_ENOTFOUND;
	}
	return BPACCT_OK;
}

int bpacct_request_get_text(const bpacct_request *r, int32_t field,
			    const char **out)
{
	if (!r || !out)
		return BPACCT_EINVAL;
	if (r->magic != BPACCT__REQUEST_MAGIC)
		return BPACCT_EMISUSE;
	switch (field) {
	case BPACCT_FIELD_ID: *out = r->id; break;
	case BPACCT_FIELD_ACCOUNT: *out = r->account; break;
	case BPACCT_FIELD_REQUESTER: *out = r->requester; break;
	default: return BPACCT_ENOTFOUND;
	}
	return BPACCT_OK;
}
