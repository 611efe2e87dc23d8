/*
 * The event of a scenario step (fault_scenarios.h), shared by the suites
 * that run the corpus: fault (test_fault.c) and db (tests/db).  Include
 * after ../unit/test_lifecycle_support.h.
 */
#ifndef BPACCT_TEST_FAULT_EVENT_H
#define BPACCT_TEST_FAULT_EVENT_H

#include "fault_scenarios.h"

static inline bpacct_event fe_build(const fe_step *s)
{
	bpacct_event e;

	if (s->op == BPACCT_INPUT_ISSUE) {
		e = tl_event(s->op, s->at);
		e.procedure = s->procedure;
		e.owner = TL_OWNER;
		if (s->procedure == BPACCT_PROCEDURE_BP) {
			e.holder_id_type = BPACCT_ID_CCCD;
			e.holder_id_number = TL_CCCD;
		}
		return e;
	}
	if (s->op != BPACCT_INPUT_REQUEST &&
	    s->op != BPACCT_INPUT_SUPPLEMENT) {
		e = tl_event(s->op, s->at);
		if (s->op == BPACCT_INPUT_RISK)
			e.detail = "đăng nhập bất thường";
		return e;
	}
	if (s->procedure == BPACCT_PROCEDURE_BP) {
		e = tl_bp_request(s->at, s->request, s->channel);
		if (s->flavor & FE_MISSING)
			e.documents &= ~BPACCT_DOC_IDENTITY;
	} else {
		e = tl_xnc_request(s->at, s->request, s->channel, s->account);
		if (s->flavor & FE_MISSING)
			e.na20[BPACCT_NA20_REASON] = NULL;
	}
	if (s->flavor & FE_STRANGER)
		e.requester = TL_STRANGER;
	if (s->op == BPACCT_INPUT_SUPPLEMENT) {
		/* The supplement brings what was missing. */
		bpacct_event full = e;
		e = tl_event(s->op, s->at);
		e.request = s->request;
		e.requester = full.requester; /* E5: who asked */
		e.documents = BPACCT_DOC_IDENTITY;
		e.id_type = full.id_type;
		e.id_number = full.id_number;
		e.na20[BPACCT_NA20_REASON] = full.na20[BPACCT_NA20_REASON];
		if (s->procedure == BPACCT_PROCEDURE_XNC)
			e.documents = 0;
	}
	return e;
}

#endif
