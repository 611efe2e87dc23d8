/*
 * Effects as data: how the step appends its effects (each initialised as
 * it is appended, never the whole list: a simple step stays cheap), the
 * refusal and the audit every step owes (E3, E4), and the cancellation
 * with its notice (BP-A3, BP-B3, BP-C2, BP-R6, XNC-R, XNC-R5, XNC-F).
 */
#include <string.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/sessions.h"
#include "core/lifecycle_internal.h"

bpacct__effect *bpacct__effect_add(const bpacct__step *s, int32_t type)
{
	bpacct_effects *fx = s->fx;
	bpacct__effect *e;
	size_t n;

	/* A step owes at most five effects; the bound only guards memory. */
	if (fx->count < BPACCT__EFFECTS_MAX)
		fx->count++;
	e = &fx->items[fx->count - 1];
	e->type = type;
	e->input = s->input;
	e->at = s->at;
	e->from = s->account->state;
	e->to = s->account->state;
	e->case_ = BPACCT_CASE_NONE;
	e->actor = s->actor;
	e->kind = 0;
	e->document = BPACCT_DOCUMENT_NONE;
	e->channel = 0;
	e->rule = 0;
	e->outcome = 0;
	e->recipients = 0;
	e->fee = 0;
	e->replay = 0;
	e->due = BPACCT_INSTANT_NONE;
	e->received = BPACCT_INSTANT_NONE;
	e->available_from = BPACCT_INSTANT_NONE;
	e->nreasons = 0;
	n = strlen(s->account->id);
	memcpy(e->account, s->account->id, n + 1);
	if (s->request) {
		n = strlen(s->request->id);
		memcpy(e->request, s->request->id, n + 1);
	} else {
		e->request[0] = '\0';
	}
	e->detail[0] = '\0';
	return e;
}

void bpacct__effect_reasons(bpacct__effect *e, const int32_t *reasons,
			    uint32_t n)
{
	for (uint32_t i = 0; i < n && e->nreasons < BPACCT__REASONS_MAX; i++)
		e->reasons[e->nreasons++] = reasons[i];
}

bpacct__effect *bpacct__audit(const bpacct__step *s, int32_t to,
			      int32_t case_)
{
	bpacct__effect *e = bpacct__effect_add(s, BPACCT_EFFECT_AUDIT);

	e->to = to;
	e->case_ = case_;
	if (s->input == BPACCT_INPUT_RISK)
		bpacct__text_copy(e->detail, sizeof e->detail,
				  s->event->detail);
	return e;
}

void bpacct__refuse(const bpacct__step *s, int32_t reason)
{
	bpacct__effect *e;

	/* cli.md: every request and supplement has an outcome. */
	if (s->input == BPACCT_INPUT_REQUEST ||
	    s->input == BPACCT_INPUT_SUPPLEMENT) {
		e = bpacct__effect_add(s, BPACCT_EFFECT_OUTCOME);
		e->outcome = BPACCT_OUTCOME_REFUSED;
		e->received = s->at;
		e->channel = s->event->channel;
		bpacct__effect_reasons(e, &reason, 1);
	}
	e = bpacct__effect_add(s, BPACCT_EFFECT_REFUSED);
	bpacct__effect_reasons(e, &reason, 1);
	/* Right after the REFUSED effect: that is how the stored audit entry
	 * knows it is a refusal's (contract/entry_build.c). */
	e = bpacct__audit(s, s->account->state, BPACCT_CASE_NONE);
	bpacct__effect_reasons(e, &reason, 1);
}

int bpacct__notice_from(const bpacct__step *s, int32_t channel, int result,
			int64_t at, int64_t *out)
{
	bpacct_sessions preset;
	const bpacct_sessions *sessions = s->profile->result;

	/* XNC-R5: through the portal at once.  A notice that is not a
	 * result (BP) goes at once too, unless the host set result
	 * sessions. */
	if (channel == BPACCT_CHANNEL_ONLINE || (!result && !sessions)) {
		*out = at;
		return BPACCT_OK;
	}
	if (!sessions) {
		bpacct_sessions_init(&preset, BPACCT_SESSIONS_VERSION,
				     BPACCT_SESSIONS_XNC_RESULT);
		sessions = &preset;
	}
	return bpacct_sessions_first_open(s->calendar, sessions, at, out);
}

void bpacct__touch(struct bpacct_account *next, int64_t at)
{
	next->changed = at;
	next->revision++;
}

void bpacct__arm(struct bpacct_account *next, int32_t rule, int64_t due,
		 int32_t case_, const char *request_id, int32_t channel)
{
	/* Never two cancellations: one pending slot, the earliest due. */
	if (next->pending_rule != 0 && next->pending_due <= due)
		return;
	next->pending_rule = rule;
	next->pending_due = due;
	next->pending_case = (uint8_t)case_;
	next->pending_channel = channel;
	bpacct__text_copy(next->pending_request,
			  sizeof next->pending_request, request_id);
}

static void clear_pending(struct bpacct_account *next)
{
	next->pending_rule = 0;
	next->pending_due = BPACCT_INSTANT_NONE;
	next->pending_case = BPACCT_CASE_NONE;
	next->pending_channel = 0;
	next->pending_request[0] = '\0';
}

int bpacct__cancel(const bpacct__step *s, struct bpacct_account *next,
		   const bpacct__cancellation *c)
{
	const bpacct_profile *p = s->profile;
	/* The notice of a cancellation on request is the procedure's
	 * result (XNC-R, NB10) when it goes by the result channel. */
	int result = c->case_ == p->request_case &&
		     p->request_notice_channel == BPACCT_NOTICE_BY_RESULT;
	int64_t from = c->at;
	bpacct__effect *e;
	int rc = bpacct__notice_from(s, c->channel, result, c->at, &from);

	if (rc != BPACCT_OK)
		return rc;
	e = bpacct__effect_add(s, BPACCT_EFFECT_TRANSITION);
	e->at = c->at;
	e->to = BPACCT_STATE_CANCELLED;
	e->case_ = c->case_;
	e->rule = c->rule;
	bpacct__text_copy(e->request, sizeof e->request, c->request_id);

	/* BP-R6: one notice to every recipient of the profile (BP: owner and
	 * holder; XNC: the organisation), never lost: it is in the same
	 * effects list as the transition. */
	e = bpacct__effect_add(s, BPACCT_EFFECT_NOTICE);
	e->at = c->at;
	e->to = BPACCT_STATE_CANCELLED;
	e->case_ = c->case_;
	e->kind = p->cancellation_notice;
	e->document = p->cancellation_document;
	e->recipients = p->recipients;
	e->channel = c->channel;
	e->available_from = from;
	e->fee = ((p->fee_channels >> (uint32_t)c->channel) & 1u) ? 1 : 0;
	bpacct__text_copy(e->request, sizeof e->request, c->request_id);

	e = bpacct__audit(s, BPACCT_STATE_CANCELLED, c->case_);
	e->at = c->at;
	bpacct__text_copy(e->request, sizeof e->request, c->request_id);

	next->state = BPACCT_STATE_CANCELLED;
	next->cancelled = c->at;
	clear_pending(next);
	bpacct__touch(next, c->at);
	return BPACCT_OK;
}
