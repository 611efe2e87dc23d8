/*
 * The scenario corpus (fault_scenarios.h).  Instants and outcomes are the
 * literal ones of the spec and of the lifecycle tests: BP-R3 cancels 2 h
 * after the receipt of the complete application; E11 locks on Tết eve
 * and cancels 2 h later; E12 cancels a never-used account on 2026-09-16;
 * XNC-R4 cancels in session at once and a Sunday request when Monday's
 * session opens.
 */
#include "fault_scenarios.h"

#include <bpacct/bpacct.h>

#define N(a) (uint32_t)(sizeof(a) / sizeof((a)[0]))

#define BP BPACCT_PROCEDURE_BP
#define XNC BPACCT_PROCEDURE_XNC
#define IN_PERSON BPACCT_CHANNEL_IN_PERSON
#define POSTAL BPACCT_CHANNEL_POSTAL
#define ONLINE BPACCT_CHANNEL_ONLINE
#define ACTIVE BPACCT_STATE_ACTIVE
#define LOCKED BPACCT_STATE_LOCKED
#define CANCELLED BPACCT_STATE_CANCELLED
#define OWNER BPACCT_RECIPIENT_OWNER
#define BOTH (BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER)
#define REQUESTER BPACCT_RECIPIENT_REQUESTER

#define ISSUE(at, acc, proc) \
	{ BPACCT_INPUT_ISSUE, at, acc, proc, NULL, 0, 0, NULL, ACTIVE }
#define REQUEST(at, acc, proc, req, ch, flavor, st) \
	{ BPACCT_INPUT_REQUEST, at, acc, proc, req, ch, flavor, NULL, st }
#define SUPPLEMENT(at, acc, proc, req, st) \
	{ BPACCT_INPUT_SUPPLEMENT, at, acc, proc, req, 0, 0, NULL, st }
#define INPUT(in, at, acc, watch, st) \
	{ BPACCT_INPUT_##in, at, acc, 0, NULL, 0, 0, watch, st }
#define TICK(at, watch, st) { FE_TICK, at, NULL, 0, NULL, 0, 0, watch, st }
#define PREVIEW(at, count) { FE_PREVIEW, at, NULL, 0, NULL, 0, 0, NULL, count }

#define SCENARIO(name, warn, steps, finals, owed) \
	{ name, warn, 0, steps, N(steps), finals, N(finals), owed, N(owed) }
#define SWEEP(name, batch, steps, finals, owed) \
	{ name, 0, batch, steps, N(steps), finals, N(finals), owed, N(owed) }

/* BP-A1, BP-R2, BP-R3, BP-A3: a postal application without the identity
 * paper; the supplement received Tue 09:00 makes it due at 11:00; the
 * notice goes by the application's channel. */
static const fe_step bp_a_supplement[] = {
	ISSUE("2026-11-02T08:00:00+07:00", "A1", BP),
	REQUEST("2026-11-16T09:00:00+07:00", "A1", BP, "Q1", POSTAL,
		FE_MISSING, ACTIVE),
	SUPPLEMENT("2026-11-17T09:00:00+07:00", "A1", BP, "Q1", ACTIVE),
	PREVIEW("2026-11-17T11:00:00+07:00", 1),
	TICK("2026-11-17T10:59:59+07:00", "A1", ACTIVE),
	TICK("2026-11-17T11:00:00+07:00", "A1", CANCELLED),
};
static const fe_final bp_a_supplement_end[] = {
	{ "A1", CANCELLED, BPACCT_CASE_BP_A, "2026-11-17T11:00:00+07:00" },
};
static const fe_owed bp_a_supplement_owed[] = {
	{ "A1", BPACCT_NOTICE_SUPPLEMENT, OWNER, POSTAL },
	{ "A1", BPACCT_NOTICE_CANCELLATION, BOTH, POSTAL },
};

/* BP-R1, BP-A2, BP-R3: by the portal on a Sunday night, due Mon 01:30;
 * the due cancellation runs after another account's event. */
static const fe_step bp_a_portal[] = {
	ISSUE("2026-11-02T08:00:00+07:00", "A1", BP),
	ISSUE("2026-11-02T08:00:00+07:00", "A2", BP),
	REQUEST("2026-11-22T23:30:00+07:00", "A1", BP, "Q1", ONLINE, 0,
		ACTIVE),
	INPUT(USE, "2026-11-23T01:29:59+07:00", "A2", "A1", ACTIVE),
	INPUT(USE, "2026-11-23T01:30:00+07:00", "A2", "A1", CANCELLED),
};
static const fe_final bp_a_portal_end[] = {
	{ "A1", CANCELLED, BPACCT_CASE_BP_A, "2026-11-23T01:30:00+07:00" },
	{ "A2", ACTIVE, 0, NULL },
};
static const fe_owed bp_a_portal_owed[] = {
	{ "A1", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
};

/* BP-B1..B3, BP-R4, E11: locked at once on Tết eve, unusable, cancelled
 * by the system at lock + 2 h, notified through the portal. */
static const fe_step bp_b_lock[] = {
	ISSUE("2026-01-05T08:00:00+07:00", "A1", BP),
	INPUT(RISK, "2026-02-16T22:30:00+07:00", "A1", NULL, LOCKED),
	INPUT(USE, "2026-02-16T23:00:00+07:00", "A1", NULL, LOCKED),
	TICK("2026-02-17T00:29:59+07:00", "A1", LOCKED),
	TICK("2026-02-17T00:30:00+07:00", "A1", CANCELLED),
};
static const fe_final bp_b_lock_end[] = {
	{ "A1", CANCELLED, BPACCT_CASE_BP_B, "2026-02-17T00:30:00+07:00" },
};
static const fe_owed bp_b_lock_owed[] = {
	{ "A1", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
};

/* BP-C1, BP-C2, BP-R5, E12: never used since 2026-03-15, cancelled on
 * 2026-09-16; the account used on 2026-04-01 is spared. */
static const fe_step bp_c_inactivity[] = {
	ISSUE("2026-03-15T10:00:00+07:00", "A1", BP),
	ISSUE("2026-03-15T10:00:00+07:00", "A2", BP),
	INPUT(USE, "2026-04-01T10:00:00+07:00", "A2", NULL, ACTIVE),
	TICK("2026-09-15T23:59:59+07:00", "A1", ACTIVE),
	PREVIEW("2026-09-16T00:00:00+07:00", 1),
	TICK("2026-09-16T00:00:00+07:00", "A1", CANCELLED),
};
static const fe_final bp_c_inactivity_end[] = {
	{ "A1", CANCELLED, BPACCT_CASE_BP_C, "2026-09-16T00:00:00+07:00" },
	{ "A2", ACTIVE, 0, NULL },
};
static const fe_owed bp_c_inactivity_owed[] = {
	{ "A1", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
};

/* BP-C1, BP-R5 through the due index in batches of two accounts (and
 * of two notices): four of five accounts are due. */
static const fe_step bp_c_sweep[] = {
	ISSUE("2026-03-15T10:00:00+07:00", "A1", BP),
	ISSUE("2026-03-15T10:00:00+07:00", "A2", BP),
	ISSUE("2026-03-15T10:00:00+07:00", "A3", BP),
	ISSUE("2026-03-15T10:00:00+07:00", "A4", BP),
	ISSUE("2026-03-15T10:00:00+07:00", "A5", BP),
	INPUT(USE, "2026-04-01T10:00:00+07:00", "A3", NULL, ACTIVE),
	PREVIEW("2026-09-16T00:00:00+07:00", 4),
	TICK("2026-09-16T00:00:00+07:00", "A5", CANCELLED),
};
static const fe_final bp_c_sweep_end[] = {
	{ "A1", CANCELLED, BPACCT_CASE_BP_C, "2026-09-16T00:00:00+07:00" },
	{ "A2", CANCELLED, BPACCT_CASE_BP_C, "2026-09-16T00:00:00+07:00" },
	{ "A3", ACTIVE, 0, NULL },
	{ "A4", CANCELLED, BPACCT_CASE_BP_C, "2026-09-16T00:00:00+07:00" },
	{ "A5", CANCELLED, BPACCT_CASE_BP_C, "2026-09-16T00:00:00+07:00" },
};
static const fe_owed bp_c_sweep_owed[] = {
	{ "A1", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
	{ "A2", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
	{ "A4", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
	{ "A5", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
};

/* The inactivity warning 30 days ahead (from 2026-08-17), once, then the
 * cancellation. */
static const fe_step bp_c_warning[] = {
	ISSUE("2026-03-15T10:00:00+07:00", "A1", BP),
	TICK("2026-08-20T09:00:00+07:00", "A1", ACTIVE),
	TICK("2026-08-21T09:00:00+07:00", "A1", ACTIVE),
	TICK("2026-09-16T00:00:00+07:00", "A1", CANCELLED),
};
static const fe_final bp_c_warning_end[] = {
	{ "A1", CANCELLED, BPACCT_CASE_BP_C, "2026-09-16T00:00:00+07:00" },
};
static const fe_owed bp_c_warning_owed[] = {
	{ "A1", BPACCT_NOTICE_INACTIVITY_WARNING, BOTH, ONLINE },
	{ "A1", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
};

/* XNC-2a, XNC-T, XNC-R4: in person on Friday 10:00, in session: the
 * receipt, and the cancellation at once with its NB10. */
static const fe_step xnc_in_person[] = {
	ISSUE("2026-06-01T09:00:00+07:00", "X1", XNC),
	REQUEST("2026-11-20T10:00:00+07:00", "X1", XNC, "N1", IN_PERSON, 0,
		CANCELLED),
};
static const fe_final xnc_in_person_end[] = {
	{ "X1", CANCELLED, BPACCT_CASE_XNC, "2026-11-20T10:00:00+07:00" },
};
static const fe_owed xnc_in_person_owed[] = {
	{ "X1", BPACCT_NOTICE_RECEIPT, OWNER, IN_PERSON },
	{ "X1", BPACCT_NOTICE_NB10, OWNER, IN_PERSON },
};

/* XNC-2b, XNC-1, XNC-F: by post without the reason, a written request to
 * supplement, then the supplement at 14:00 cancels at once; the NB10
 * goes back by post. */
static const fe_step xnc_postal_supplement[] = {
	ISSUE("2026-06-01T09:00:00+07:00", "X1", XNC),
	REQUEST("2026-11-20T12:30:00+07:00", "X1", XNC, "N1", POSTAL,
		FE_MISSING, ACTIVE),
	SUPPLEMENT("2026-11-20T14:00:00+07:00", "X1", XNC, "N1", CANCELLED),
};
static const fe_final xnc_postal_supplement_end[] = {
	{ "X1", CANCELLED, BPACCT_CASE_XNC, "2026-11-20T14:00:00+07:00" },
};
static const fe_owed xnc_postal_supplement_owed[] = {
	{ "X1", BPACCT_NOTICE_SUPPLEMENT, OWNER, POSTAL },
	{ "X1", BPACCT_NOTICE_NB10, OWNER, POSTAL },
};

/* XNC-R4, XNC-2c: online on Sunday 10:00, received when Monday's session
 * opens at 08:00, cancelled by that tick and not before. */
static const fe_step xnc_online_sunday[] = {
	ISSUE("2026-06-01T09:00:00+07:00", "X1", XNC),
	REQUEST("2026-11-22T10:00:00+07:00", "X1", XNC, "N1", ONLINE, 0,
		ACTIVE),
	PREVIEW("2026-11-23T07:59:59+07:00", 0),
	TICK("2026-11-23T07:59:59+07:00", "X1", ACTIVE),
	PREVIEW("2026-11-23T08:00:00+07:00", 1),
	TICK("2026-11-23T08:00:00+07:00", "X1", CANCELLED),
};
static const fe_final xnc_online_sunday_end[] = {
	{ "X1", CANCELLED, BPACCT_CASE_XNC, "2026-11-23T08:00:00+07:00" },
};
static const fe_owed xnc_online_sunday_owed[] = {
	{ "X1", BPACCT_NOTICE_ACCEPTANCE, OWNER, ONLINE },
	{ "X1", BPACCT_NOTICE_NB10, OWNER, ONLINE },
};

/* XNC-2c, XNC-E: a request from another organisation is rejected, the
 * rejection goes back to it, the account stays active. */
static const fe_step xnc_not_eligible[] = {
	ISSUE("2026-06-01T09:00:00+07:00", "X1", XNC),
	REQUEST("2026-11-20T10:00:00+07:00", "X1", XNC, "N1", ONLINE,
		FE_STRANGER, ACTIVE),
};
static const fe_final xnc_not_eligible_end[] = {
	{ "X1", ACTIVE, 0, NULL },
};
static const fe_owed xnc_not_eligible_owed[] = {
	{ "X1", BPACCT_NOTICE_REJECTION, REQUESTER, ONLINE },
};

/* XNC-E, E2: a request about an account that was never issued is
 * rejected (the change holds the request, no account), once: the same id
 * again gets that first outcome and owes nothing. */
static const fe_step xnc_no_account[] = {
	REQUEST("2026-11-20T10:00:00+07:00", "X9", XNC, "N1", ONLINE, 0, 0),
	REQUEST("2026-11-20T11:00:00+07:00", "X9", XNC, "N1", ONLINE, 0, 0),
};
static const fe_final xnc_no_account_end[] = {
	{ "X9", BPACCT_STATE_NONE, 0, NULL },
};
static const fe_owed xnc_no_account_owed[] = {
	{ "X9", BPACCT_NOTICE_REJECTION, REQUESTER, ONLINE },
};

/* E2: the same request id again (before and after the cancellation)
 * and for another account changes nothing and owes nothing. */
static const fe_step repeated_request_id[] = {
	ISSUE("2026-11-02T08:00:00+07:00", "A1", BP),
	ISSUE("2026-11-02T08:00:00+07:00", "A2", BP),
	REQUEST("2026-11-16T09:00:00+07:00", "A1", BP, "Q1", ONLINE, 0,
		ACTIVE),
	REQUEST("2026-11-16T09:30:00+07:00", "A1", BP, "Q1", ONLINE, 0,
		ACTIVE),
	REQUEST("2026-11-16T09:40:00+07:00", "A2", BP, "Q1", ONLINE, 0,
		ACTIVE),
	TICK("2026-11-16T11:00:00+07:00", "A1", CANCELLED),
	REQUEST("2026-11-16T12:00:00+07:00", "A1", BP, "Q1", ONLINE, 0,
		CANCELLED),
};
static const fe_final repeated_request_id_end[] = {
	{ "A1", CANCELLED, BPACCT_CASE_BP_A, "2026-11-16T11:00:00+07:00" },
	{ "A2", ACTIVE, 0, NULL },
};
static const fe_owed repeated_request_id_owed[] = {
	{ "A1", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
};

/* E1, BP-B2: an officer cancels the locked account; using it, or a new
 * risk, is refused and owes nothing; the lock's due passes idle. */
static const fe_step use_of_cancelled[] = {
	ISSUE("2026-11-02T08:00:00+07:00", "A1", BP),
	INPUT(RISK, "2026-11-16T10:00:00+07:00", "A1", NULL, LOCKED),
	INPUT(CANCEL, "2026-11-16T10:30:00+07:00", "A1", NULL, CANCELLED),
	INPUT(USE, "2026-11-16T12:00:00+07:00", "A1", NULL, CANCELLED),
	INPUT(RISK, "2026-11-16T12:10:00+07:00", "A1", NULL, CANCELLED),
	TICK("2026-11-16T12:30:00+07:00", "A1", CANCELLED),
};
static const fe_final use_of_cancelled_end[] = {
	{ "A1", CANCELLED, BPACCT_CASE_BP_B, "2026-11-16T10:30:00+07:00" },
};
static const fe_owed use_of_cancelled_owed[] = {
	{ "A1", BPACCT_NOTICE_CANCELLATION, BOTH, ONLINE },
};

const fe_scenario fe_scenarios[FE_SCENARIOS] = {
	[FE_BP_A_SUPPLEMENT] = SCENARIO("bp_a_supplement", 0,
					bp_a_supplement, bp_a_supplement_end,
					bp_a_supplement_owed),
	[FE_BP_A_PORTAL] = SCENARIO("bp_a_portal", 0, bp_a_portal,
				    bp_a_portal_end, bp_a_portal_owed),
	[FE_BP_B_LOCK] = SCENARIO("bp_b_lock", 0, bp_b_lock, bp_b_lock_end,
				  bp_b_lock_owed),
	[FE_BP_C_INACTIVITY] = SCENARIO("bp_c_inactivity", 0, bp_c_inactivity,
					bp_c_inactivity_end,
					bp_c_inactivity_owed),
	[FE_BP_C_SWEEP] = SWEEP("bp_c_sweep", 2, bp_c_sweep, bp_c_sweep_end,
				bp_c_sweep_owed),
	[FE_BP_C_WARNING] = SCENARIO("bp_c_warning", 30, bp_c_warning,
				     bp_c_warning_end, bp_c_warning_owed),
	[FE_XNC_IN_PERSON] = SCENARIO("xnc_in_person", 0, xnc_in_person,
				      xnc_in_person_end, xnc_in_person_owed),
	[FE_XNC_POSTAL_SUPPLEMENT] = SCENARIO(
		"xnc_postal_supplement", 0, xnc_postal_supplement,
		xnc_postal_supplement_end, xnc_postal_supplement_owed),
	[FE_XNC_ONLINE_SUNDAY] = SCENARIO("xnc_online_sunday", 0,
					  xnc_online_sunday,
					  xnc_online_sunday_end,
					  xnc_online_sunday_owed),
	[FE_XNC_NOT_ELIGIBLE] = SCENARIO("xnc_not_eligible", 0,
					 xnc_not_eligible,
					 xnc_not_eligible_end,
					 xnc_not_eligible_owed),
	[FE_XNC_NO_ACCOUNT] = SCENARIO("xnc_no_account", 0, xnc_no_account,
				       xnc_no_account_end,
				       xnc_no_account_owed),
	[FE_REPEATED_REQUEST_ID] = SCENARIO("repeated_request_id", 0,
					    repeated_request_id,
					    repeated_request_id_end,
					    repeated_request_id_owed),
	[FE_USE_OF_CANCELLED] = SCENARIO("use_of_cancelled", 0,
					 use_of_cancelled,
					 use_of_cancelled_end,
					 use_of_cancelled_owed),
};
