/*
 * Requests and supplements: the legal receipt (BP-R1, XNC-R2), the
 * verdict of validation (BP-R2, XNC-R3, src/core/validate.c), the request
 * table (fsm.c), the outcome and its notice, and on acceptance the pending
 * cancellation (BP-R3: receipt + 2 h; XNC-R4: due at receipt).
 *
 * A supplement carries only what was missing.  Its papers are merged with
 * the request's: BP texts are kept on the record; of the NA20 form the
 * record keeps which fields were received valid (na20_present), so a field
 * received valid before and not sent again is not asked for again.  The
 * supplement's receipt is the receipt of the complete application (BP-R3,
 * E10).
 */
#include <string.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/sessions.h"
#include "core/fsm_internal.h"
#include "core/lifecycle_internal.h"
#include "core/validate_internal.h"

#define ALL_DOCS                                                          \
	(BPACCT_DOC_APPLICATION | BPACCT_DOC_ENTERPRISE_REGISTRATION |    \
	 BPACCT_DOC_IDENTITY | BPACCT_DOC_NA20)
#define SEAL_BIT (1u << BPACCT__NA20_SEAL_BIT)

typedef struct receipt {
	int64_t received;
	int32_t status; /* bpacct_receipt_status */
	int64_t due;    /* of the request rule, none when refused */
} receipt;

static int channel_in_range(int32_t ch)
{
	return ch >= BPACCT_CHANNEL_IN_PERSON && ch <= BPACCT_CHANNEL_ONLINE;
}

static const char *filled(const char *s)
{
	return s && s[0] != '\0' ? s : NULL;
}

/* BP-R1, XNC-R2: the legal receipt of a submission by `channel` at the
 * step's instant, and the due of the request rule from it. */
static int receive(const bpacct__step *s, int32_t channel, receipt *r)
{
	const bpacct_profile *p = s->profile;
	bpacct_deadline_options o = BPACCT_DEADLINE_OPTIONS_INIT;
	bpacct_sessions preset;
	const bpacct_sessions *reception = p->reception;
	uint32_t flags = 0;
	int rc;

	r->received = s->at;
	r->status = BPACCT_RECEIPT_RECEIVED;
	r->due = BPACCT_INSTANT_NONE;
	/* A channel the procedure does not take: validation refuses it. */
	if (!channel_in_range(channel) || !((p->channels >> channel) & 1u))
		return BPACCT_OK;
	o.flags = bpacct__deadline_flags(p);
	o.channel = channel;
	o.reception = reception;
	rc = bpacct_deadline_compute(s->calendar, &o, p->request_rule, s->at,
				     &r->due, NULL, &flags);
	if (rc != BPACCT_OK)
		return rc;
	if (flags & BPACCT_DEADLINE_REFUSED) {
		r->status = BPACCT_RECEIPT_REFUSED;
		r->due = BPACCT_INSTANT_NONE;
		return BPACCT_OK;
	}
	if (flags & BPACCT_DEADLINE_MOVED) {
		/* Only the XNC rule moves a receipt; its default sessions. */
		if (!reception) {
			bpacct_sessions_init(&preset, BPACCT_SESSIONS_VERSION,
					     BPACCT_SESSIONS_XNC_RECEPTION);
			reception = &preset;
		}
		r->status = BPACCT_RECEIPT_MOVED;
		return bpacct_sessions_first_open(s->calendar, reception, s->at,
						  &r->received);
	}
	/* BP-R1: in person at any time, unless the host set sessions. */
	if (channel == BPACCT_CHANNEL_IN_PERSON && reception) {
		rc = bpacct_receipt_instant(s->calendar, reception,
					    BPACCT_RECEIPT_SESSION_ONLY, s->at,
					    &r->received, &r->status);
		if (r->status == BPACCT_RECEIPT_REFUSED)
			r->due = BPACCT_INSTANT_NONE;
	}
	return rc;
}

static int has_reason(const bpacct__verdict *v, int32_t reason)
{
	for (uint32_t i = 0; i < v->nreasons; i++)
		if (v->reasons[i] == reason)
			return 1;
	return 0;
}

/* NA20 fields a submission carries: bit = field, SEAL_BIT the seal. */
static uint32_t na20_given(const bpacct_event *ev)
{
	uint32_t bits = ev->na20_sealed ? SEAL_BIT : 0u;
	for (uint32_t i = 0; i < BPACCT_NA20_FIELDS; i++)
		if (filled(ev->na20[i]))
			bits |= 1u << i;
	return bits;
}

/* The NA20 fields a verdict found valid among those given. */
static uint32_t na20_valid(const bpacct_profile *p, const bpacct__papers *pp,
			   const bpacct__verdict *v, uint32_t given)
{
	uint32_t bits = 0;

	if (!(p->checks & BPACCT_CHECK_NA20) ||
	    !(pp->documents & BPACCT_DOC_NA20) ||
	    (v->outcome != BPACCT_OUTCOME_ACCEPTED &&
	     v->outcome != BPACCT_OUTCOME_SUPPLEMENT))
		return 0;
	for (uint32_t i = 0; i < BPACCT_NA20_FIELDS; i++)
		if (((given >> i) & 1u) &&
		    !has_reason(v, BPACCT_REASON_NA20_ORGANISATION +
					   (int32_t)i))
			bits |= 1u << i;
	if ((given & SEAL_BIT) && !has_reason(v, BPACCT_REASON_NA20_SEAL))
		bits |= SEAL_BIT;
	return bits;
}

/* Copies a text that fits; one that does not is not kept (validation has
 * judged it invalid). */
static void keep_text(char *dst, size_t size, const char *src)
{
	size_t n = 0;
	while (n < size && src[n] != '\0')
		n++;
	if (n < size)
		memcpy(dst, src, n + 1);
	else
		dst[0] = '\0';
}

static void keep_papers(struct bpacct_request *q, const bpacct_event *ev)
{
	if (filled(ev->enterprise_code))
		keep_text(q->enterprise_code, sizeof q->enterprise_code,
			  ev->enterprise_code);
	if (filled(ev->id_number))
		keep_text(q->id_number, sizeof q->id_number, ev->id_number);
	if (ev->id_type >= 1 && ev->id_type <= 3)
		q->id_type = (uint8_t)ev->id_type;
	if (filled(ev->na20[BPACCT_NA20_ACCOUNT]))
		keep_text(q->na20_account, sizeof q->na20_account,
			  ev->na20[BPACCT_NA20_ACCOUNT]);
	q->documents |= ev->documents & ALL_DOCS;
}

/* The standing decision (E2): what a replay answers. */
static void keep_standing(struct bpacct_request *q, const bpacct__verdict *v)
{
	q->outcome = (uint8_t)v->outcome;
	q->nreasons = (uint8_t)v->nreasons;
	memset(q->reasons, 0, sizeof q->reasons);
	memcpy(q->reasons, v->reasons, v->nreasons * sizeof v->reasons[0]);
}

/* The channel of the cancellation notice of an accepted request (BP-R6:
 * the application's; XNC-R5: the result channel). */
static int32_t notice_channel(const bpacct_profile *p,
			      const struct bpacct_request *q)
{
	switch (p->request_notice_channel) {
	case BPACCT_NOTICE_BY_REQUEST:
		return q->channel;
	case BPACCT_NOTICE_BY_RESULT:
		return q->result_channel;
	default:
		return BPACCT_CHANNEL_ONLINE;
	}
}

static void outcome_notice(const bpacct__step *s, const bpacct__next *n,
			   const bpacct__verdict *v, const receipt *r,
			   int32_t channel)
{
	const bpacct_profile *p = s->profile;
	int32_t kind = channel_in_range(channel)
			       ? p->outcome_notice[v->outcome - 1][channel - 1]
			       : 0;
	const struct bpacct_account *a = s->account;
	bpacct__effect *e;

	if (kind == 0)
		return;
	e = bpacct__effect_add(s, BPACCT_EFFECT_NOTICE);
	e->kind = kind;
	e->outcome = v->outcome;
	e->channel = channel;
	e->available_from = r->received;
	/* The answer goes to whoever asked: the owner, or a stranger
	 * rejected as not the owner. */
	e->recipients = a->state != BPACCT_STATE_NONE &&
				bpacct__text_same(n->request.requester, a->owner)
				? BPACCT_RECIPIENT_OWNER
				: BPACCT_RECIPIENT_REQUESTER;
	bpacct__effect_reasons(e, v->reasons, v->nreasons);
}

/* The effects of a decision, and on acceptance the pending cancellation
 * on the account's copy. */
static void decide(const bpacct__step *s, bpacct__next *n,
		   const bpacct__verdict *v, const receipt *r, int32_t channel)
{
	const bpacct_profile *p = s->profile;
	int accepted = v->outcome == BPACCT_OUTCOME_ACCEPTED;
	bpacct__effect *e = bpacct__effect_add(s, BPACCT_EFFECT_OUTCOME);

	e->outcome = v->outcome;
	e->received = r->received;
	e->channel = channel;
	bpacct__effect_reasons(e, v->reasons, v->nreasons);
	if (accepted) {
		e->due = r->due;
		e->case_ = p->request_case;
		e->rule = p->request_rule;
	}
	outcome_notice(s, n, v, r, channel);
	if (accepted) {
		bpacct__arm(&n->account, p->request_rule, r->due,
			    p->request_case, n->request.id,
			    notice_channel(p, &n->request));
		bpacct__touch(&n->account, s->at);
		e = bpacct__effect_add(s, BPACCT_EFFECT_DEADLINE);
		e->rule = p->request_rule;
		e->due = r->due;
		e->case_ = p->request_case;
	}
	e = bpacct__audit(s, s->account->state,
			  accepted ? p->request_case : BPACCT_CASE_NONE);
	e->outcome = v->outcome;
	bpacct__effect_reasons(e, v->reasons, v->nreasons);
}

int bpacct__judge_request(const bpacct__step *s, bpacct__next *n)
{
	const bpacct_event *ev = s->event;
	struct bpacct_request *q = &n->request;
	int32_t ch = channel_in_range(ev->channel) ? ev->channel : 0;
	bpacct__papers pp;
	bpacct__verdict v;
	const bpacct__request_row *row;
	receipt r;
	int rc = receive(s, ev->channel, &r);

	if (rc != BPACCT_OK)
		return rc;
	pp.requester = ev->requester;
	pp.channel = ev->channel;
	pp.documents = ev->documents;
	pp.enterprise_code = ev->enterprise_code;
	pp.id_type = ev->id_type;
	pp.id_number = ev->id_number;
	memcpy(pp.na20, ev->na20, sizeof pp.na20);
	pp.na20_sealed = ev->na20_sealed;
	bpacct__validate(s->profile, s->account, &pp, r.received, r.status, &v);
	row = bpacct__request_row_find(BPACCT_REQUEST_NONE, s->input,
				       v.outcome);
	if (!row)
		return BPACCT_EINVAL; /* unreachable: a row per outcome */
	q->state = (uint8_t)row->to;
	keep_standing(q, &v);
	q->first_outcome = (uint8_t)v.outcome;
	q->channel = (uint8_t)ch;
	q->result_channel = (uint8_t)(channel_in_range(ev->result_channel)
					      ? ev->result_channel
					      : ch);
	q->nfirst_reasons = (uint8_t)v.nreasons;
	memset(q->first_reasons, 0, sizeof q->first_reasons);
	memcpy(q->first_reasons, v.reasons, v.nreasons * sizeof v.reasons[0]);
	q->submitted = s->at;
	q->received = r.received;
	q->first_received = r.received;
	q->due = v.outcome == BPACCT_OUTCOME_ACCEPTED ? r.due
						      : BPACCT_INSTANT_NONE;
	q->na20_present = na20_valid(s->profile, &pp, &v, na20_given(ev));
	if (filled(ev->requester))
		keep_text(q->requester, sizeof q->requester, ev->requester);
	keep_papers(q, ev);
	memcpy(q->account, s->account->id, sizeof q->account);
	n->request_dirty = 1;
	decide(s, n, &v, &r, ch);
	return BPACCT_OK;
}

/* The request's papers with the supplement's over them. */
static void merge(const bpacct_event *ev, const struct bpacct_request *q,
		  int32_t channel, bpacct__papers *pp)
{
	pp->requester = q->requester;
	pp->channel = channel;
	pp->documents = q->documents | ev->documents;
	pp->enterprise_code = filled(ev->enterprise_code)
				      ? ev->enterprise_code
				      : filled(q->enterprise_code);
	pp->id_type = ev->id_type ? ev->id_type : q->id_type;
	pp->id_number = filled(ev->id_number) ? ev->id_number
					      : filled(q->id_number);
	memcpy(pp->na20, ev->na20, sizeof pp->na20);
	if (!filled(ev->na20[BPACCT_NA20_ACCOUNT]))
		pp->na20[BPACCT_NA20_ACCOUNT] = filled(q->na20_account);
	pp->na20_sealed = ev->na20_sealed || (q->na20_present & SEAL_BIT);
}

/* Drops the reasons of NA20 fields received valid before and not sent
 * again: XNC-R3 lists what is still missing. */
static void forget_received(bpacct__verdict *v, uint32_t present,
			    uint32_t given)
{
	uint32_t k = 0;

	for (uint32_t i = 0; i < v->nreasons; i++) {
		int32_t f = v->reasons[i] - BPACCT_REASON_NA20_ORGANISATION;
		uint32_t bit = f >= 0 && f <= BPACCT__NA20_SEAL_BIT
				       ? 1u << f
				       : 0u;
		if (!(bit & present & ~given))
			v->reasons[k++] = v->reasons[i];
	}
	v->nreasons = k;
	if (v->outcome == BPACCT_OUTCOME_SUPPLEMENT && k == 0)
		v->outcome = BPACCT_OUTCOME_ACCEPTED;
}

int bpacct__judge_supplement(const bpacct__step *s, bpacct__next *n)
{
	const bpacct_event *ev = s->event;
	const struct bpacct_request *old = s->request;
	struct bpacct_request *q = &n->request;
	int32_t channel = ev->channel ? ev->channel : old->channel;
	int32_t ch = channel_in_range(channel) ? channel : 0;
	uint32_t given = na20_given(ev);
	const bpacct__request_row *row =
		bpacct__request_row_find(old->state, s->input, 0);
	bpacct__papers pp;
	bpacct__verdict v;
	receipt r;
	int rc;

	if (row && row->to < 0) { /* UNKNOWN_REQUEST, REQUEST_CLOSED */
		bpacct__refuse(s, row->reason);
		return BPACCT_OK;
	}
	if (s->at < old->submitted) {
		bpacct__refuse(s, BPACCT_REASON_OUT_OF_ORDER);
		return BPACCT_OK;
	}
	rc = receive(s, channel, &r);
	if (rc != BPACCT_OK)
		return rc;
	merge(ev, old, channel, &pp);
	bpacct__validate(s->profile, s->account, &pp, r.received, r.status, &v);
	forget_received(&v, old->na20_present, given);
	row = bpacct__request_row_find(old->state, s->input, v.outcome);
	if (!row)
		return BPACCT_EINVAL; /* unreachable */
	if (v.outcome == BPACCT_OUTCOME_REFUSED) {
		/* Not received: the request still waits, nothing changes. */
		decide(s, n, &v, &r, ch);
		return BPACCT_OK;
	}
	q->state = (uint8_t)row->to;
	keep_standing(q, &v);
	q->received = r.received; /* BP-R3: the complete application's */
	q->due = v.outcome == BPACCT_OUTCOME_ACCEPTED ? r.due
						      : BPACCT_INSTANT_NONE;
	q->na20_present = (old->na20_present & ~given) |
			  na20_valid(s->profile, &pp, &v, given);
	keep_papers(q, ev);
	n->request_dirty = 1;
	decide(s, n, &v, &r, ch);
	return BPACCT_OK;
}
