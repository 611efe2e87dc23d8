/*
 * Procedures as data (include/bpacct/profile.h): the BP and XNC rows
 * against the seed (seeds-en.md) and rules.md, field by field, and the
 * checks a host profile passes through.
 */
#include "test_support.h"
#include "test_lifecycle_support.h"

#define CH(c) (1u << (c))
#define ALL_CHANNELS                                                      \
	(CH(BPACCT_CHANNEL_IN_PERSON) | CH(BPACCT_CHANNEL_POSTAL) |       \
	 CH(BPACCT_CHANNEL_ONLINE))

static const bpacct_profile *builtin(int32_t procedure)
{
	const bpacct_profile *p = NULL;
	assert_int_equal(bpacct_profile_get(procedure, &p), BPACCT_OK);
	assert_non_null(p);
	assert_int_equal(bpacct_profile_check(p), BPACCT_OK);
	return p;
}

static void test_bp_a1_channels_papers_and_checks(void **state)
{
	const bpacct_profile *p = builtin(BPACCT_PROCEDURE_BP);
	(void)state;
	assert_string_equal(p->name, "bp");
	assert_int_equal(p->procedure, BPACCT_PROCEDURE_BP);
	assert_int_equal(p->channels, ALL_CHANNELS);
	assert_int_equal(p->required_documents,
			 BPACCT_DOC_APPLICATION |
				 BPACCT_DOC_ENTERPRISE_REGISTRATION |
				 BPACCT_DOC_IDENTITY);
	assert_int_equal(p->checks,
			 BPACCT_CHECK_ENTERPRISE_CODE | BPACCT_CHECK_IDENTITY);
}

static void test_bp_a2_b2_c1_rules_and_cases(void **state)
{
	const bpacct_profile *p = builtin(BPACCT_PROCEDURE_BP);
	(void)state;
	assert_int_equal(p->request_rule, BPACCT_RULE_BP_REQUEST);
	assert_int_equal(p->request_case, BPACCT_CASE_BP_A);
	assert_int_equal(p->lock_rule, BPACCT_RULE_BP_LOCK);
	assert_int_equal(p->inactivity_rule, BPACCT_RULE_BP_INACTIVITY);
	assert_int_equal(p->warning_days, 0);
	/* BP-R4, BP-R5 defaults: every policy off. */
	assert_int_equal(p->policies, 0u);
	assert_null(p->reception);
	assert_null(p->result);
}

static void test_bp_a3_bp_r6_notice_to_both_by_the_request_channel(
	void **state)
{
	const bpacct_profile *p = builtin(BPACCT_PROCEDURE_BP);
	(void)state;
	assert_int_equal(p->recipients,
			 BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	assert_int_equal(p->cancellation_notice, BPACCT_NOTICE_CANCELLATION);
	assert_int_equal(p->cancellation_document, BPACCT_DOCUMENT_MAU06);
	assert_int_equal(p->request_notice_channel, BPACCT_NOTICE_BY_REQUEST);
	assert_int_equal(p->fee_channels, 0u);
	for (int c = 0; c < 3; c++) {
		assert_int_equal(p->outcome_notice[0][c], 0);
		assert_int_equal(p->outcome_notice[1][c],
				 BPACCT_NOTICE_SUPPLEMENT);
		assert_int_equal(p->outcome_notice[2][c],
				 BPACCT_NOTICE_REJECTION);
		assert_int_equal(p->outcome_notice[3][c], 0);
	}
}

static void test_xnc_ch_xnc_1_channels_and_the_na20(void **state)
{
	const bpacct_profile *p = builtin(BPACCT_PROCEDURE_XNC);
	(void)state;
	assert_string_equal(p->name, "xnc");
	assert_int_equal(p->channels, ALL_CHANNELS);
	assert_int_equal(p->required_documents, BPACCT_DOC_NA20);
	assert_int_equal(p->checks, BPACCT_CHECK_NA20);
	assert_int_equal(p->request_rule, BPACCT_RULE_XNC_REQUEST);
	assert_int_equal(p->request_case, BPACCT_CASE_XNC);
	assert_int_equal(p->lock_rule, 0);
	assert_int_equal(p->inactivity_rule, 0);
}

static void test_xnc_r_xnc_r3_xnc_r5_xnc_f_result_and_notices(void **state)
{
	const bpacct_profile *p = builtin(BPACCT_PROCEDURE_XNC);
	(void)state;
	assert_int_equal(p->recipients, BPACCT_RECIPIENT_OWNER);
	assert_int_equal(p->cancellation_notice, BPACCT_NOTICE_NB10);
	assert_int_equal(p->cancellation_document, BPACCT_DOCUMENT_NB10);
	assert_int_equal(p->request_notice_channel, BPACCT_NOTICE_BY_RESULT);
	assert_int_equal(p->fee_channels, CH(BPACCT_CHANNEL_POSTAL));
	assert_int_equal(p->outcome_notice[0][0], BPACCT_NOTICE_RECEIPT);
	assert_int_equal(p->outcome_notice[0][1], 0);
	assert_int_equal(p->outcome_notice[0][2], BPACCT_NOTICE_ACCEPTANCE);
	for (int c = 0; c < 3; c++) {
		assert_int_equal(p->outcome_notice[1][c],
				 BPACCT_NOTICE_SUPPLEMENT);
		assert_int_equal(p->outcome_notice[2][c],
				 BPACCT_NOTICE_REJECTION);
	}
}

static void test_profile_get_and_init_arguments(void **state)
{
	const bpacct_profile *p = NULL;
	bpacct_profile host;
	(void)state;
	assert_int_equal(bpacct_profile_get(3, &p), BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_profile_get(BPACCT_PROCEDURE_BP, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct_profile_init(NULL, 1, BPACCT_PROCEDURE_BP),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_profile_init(&host, 0, BPACCT_PROCEDURE_BP),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_profile_init(&host, 2, BPACCT_PROCEDURE_BP),
			 BPACCT_EMISUSE);
	assert_int_equal(bpacct_profile_init(&host, 1, 7), BPACCT_ENOTFOUND);
	assert_int_equal(bpacct_profile_init(&host, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_XNC),
			 BPACCT_OK);
	assert_memory_equal(&host, builtin(BPACCT_PROCEDURE_XNC), sizeof host);
}

/* A host procedure is a profile, not new code. */
static void test_profile_a_third_procedure_passes_the_check(void **state)
{
	bpacct_profile p;
	bpacct_sessions office;
	(void)state;
	assert_int_equal(bpacct_profile_init(&p, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_XNC),
			 BPACCT_OK);
	assert_int_equal(bpacct_sessions_init(&office, BPACCT_SESSIONS_VERSION,
					      BPACCT_SESSIONS_OFFICE_HOURS),
			 BPACCT_OK);
	p.procedure = 100;
	memcpy(p.name, "port", 5);
	p.lock_rule = BPACCT_RULE_BP_LOCK;
	p.recipients = BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER;
	p.reception = &office;
	p.result = &office;
	assert_int_equal(bpacct_profile_check(&p), BPACCT_OK);
}

/* "Procedures are data": a third procedure, a seaport variant of BP that
 * takes applications through the portal only and sends a lock notice, is a
 * filled-in profile run by the same bpacct_apply, with no new code. */
static void test_profile_a_third_procedure_runs_end_to_end(void **state)
{
	bpacct_profile port;
	bpacct_account *a = tl_account("P-1");
	bpacct_request *r1 = tl_request("P-Q1"), *r2 = tl_request("P-Q2");
	bpacct_effects *fx = tl_effects();
	bpacct_event e;
	uint32_t i;
	(void)state;
	assert_int_equal(bpacct_profile_init(&port, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP), BPACCT_OK);
	port.procedure = 100;
	memcpy(port.name, "port", 5);
	port.channels = 1u << BPACCT_CHANNEL_ONLINE;
	port.policies |= BPACCT_POLICY_LOCK_NOTICE;
	assert_int_equal(bpacct_profile_check(&port), BPACCT_OK);
	tl_issue(&port, a, fx, "2026-11-02T08:00:00+07:00");
	assert_int_equal(tl_acc(a, BPACCT_FIELD_PROCEDURE), 100);

	/* in person is not a channel of this procedure: refused */
	e = tl_bp_request("2026-11-16T09:00:00+07:00", "P-Q1",
			  BPACCT_CHANNEL_IN_PERSON);
	tl_apply(&port, a, r1, &e, fx);
	i = tl_one(fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(fx, i, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_REFUSED);
	assert_int_equal(tl_reason(fx, i, 0),
			 BPACCT_REASON_CHANNEL_NOT_ALLOWED);

	/* through the portal: accepted, due two hours later (BP-A2) */
	e = tl_bp_request("2026-11-16T09:00:00+07:00", "P-Q2",
			  BPACCT_CHANNEL_ONLINE);
	tl_apply(&port, a, r2, &e, fx);
	i = tl_one(fx, BPACCT_EFFECT_OUTCOME);
	assert_int_equal(tl_int(fx, i, BPACCT_FIELD_OUTCOME),
			 BPACCT_OUTCOME_ACCEPTED);
	tl_instant_is(tl_int(fx, i, BPACCT_FIELD_DUE),
		      "2026-11-16T11:00:00+07:00");

	/* the tick at the due instant cancels, notice to both by the portal */
	e = tl_event(BPACCT_INPUT_TICK, "2026-11-16T11:00:00+07:00");
	tl_apply(&port, a, NULL, &e, fx);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE), BPACCT_STATE_CANCELLED);
	i = tl_one(fx, BPACCT_EFFECT_NOTICE);
	assert_int_equal(tl_int(fx, i, BPACCT_FIELD_KIND),
			 BPACCT_NOTICE_CANCELLATION);
	assert_int_equal(tl_int(fx, i, BPACCT_FIELD_RECIPIENTS),
			 BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER);
	assert_int_equal(tl_int(fx, i, BPACCT_FIELD_CHANNEL),
			 BPACCT_CHANNEL_ONLINE);
	assert_int_equal(tl_int(fx, i, BPACCT_FIELD_DOCUMENT),
			 BPACCT_DOCUMENT_MAU06);
	bpacct_effects_free(fx);
	bpacct_request_free(r1);
	bpacct_request_free(r2);
	bpacct_account_free(a);
}

static void test_profile_check_rejects_every_bad_field(void **state)
{
	bpacct_profile base, p;
	bpacct_sessions bad;
	(void)state;
	assert_int_equal(bpacct_profile_init(&base, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	assert_int_equal(bpacct_profile_check(NULL), BPACCT_EINVAL);
	p = base;
	p.version = 0;
	assert_int_equal(bpacct_profile_check(&p), BPACCT_EMISUSE);
	p = base;
	p.version = BPACCT_PROFILE_VERSION + 1;
	assert_int_equal(bpacct_profile_check(&p), BPACCT_EMISUSE);
#define BAD(stmt)                                                         \
	do {                                                              \
		p = base;                                                 \
		stmt;                                                     \
		assert_int_equal(bpacct_profile_check(&p), BPACCT_EINVAL); \
	} while (0)
	BAD(p.procedure = 3);
	BAD(p.procedure = 0);
	BAD(p.name[0] = '\0');
	BAD(memset(p.name, 'x', sizeof p.name));
	BAD(p.channels = 0);
	BAD(p.channels = 1u); /* bit 0 is no channel */
	BAD(p.required_documents = 0x10u);
	BAD(p.checks = 0x8u);
	BAD(p.request_rule = 0);
	BAD(p.request_rule = 5);
	BAD(p.request_case = BPACCT_CASE_NONE);
	BAD(p.lock_rule = 9);
	BAD(p.inactivity_rule = -1);
	BAD(p.warning_days = -1);
	BAD(p.warning_days = 400);
	BAD(p.recipients = 0);
	BAD(p.recipients = BPACCT_RECIPIENT_REQUESTER);
	BAD(p.cancellation_notice = 0);
	BAD(p.cancellation_notice = 9);
	BAD(p.cancellation_document = 3);
	BAD(p.request_notice_channel = 0);
	BAD(p.request_notice_channel = 4);
	BAD(p.outcome_notice[2][1] = 42);
	BAD(p.fee_channels = 1u << 4);
	BAD(p.policies = 0x20u);
	assert_int_equal(bpacct_sessions_init(&bad, BPACCT_SESSIONS_VERSION,
					      BPACCT_SESSIONS_OFFICE_HOURS),
			 BPACCT_OK);
	bad.working_day_count = 9;
	BAD(p.reception = &bad);
	BAD(p.result = &bad);
#undef BAD
}

/* The profile a host changes is its own copy: the built-in stays. */
static void test_profile_builtin_is_not_changed_by_init_copies(void **state)
{
	bpacct_profile p;
	(void)state;
	assert_int_equal(bpacct_profile_init(&p, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	p.policies = BPACCT_POLICY_UNLOCK;
	assert_int_equal(builtin(BPACCT_PROCEDURE_BP)->policies, 0u);
	assert_string_equal(bpacct_value_name(BPACCT_FIELD_PROCEDURE,
					      BPACCT_PROCEDURE_BP),
			    "bp");
	assert_string_equal(bpacct_value_name(BPACCT_FIELD_PROCEDURE,
					      BPACCT_PROCEDURE_XNC),
			    "xnc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bp_a1_channels_papers_and_checks),
		cmocka_unit_test(test_bp_a2_b2_c1_rules_and_cases),
		cmocka_unit_test(
			test_bp_a3_bp_r6_notice_to_both_by_the_request_channel),
		cmocka_unit_test(test_xnc_ch_xnc_1_channels_and_the_na20),
		cmocka_unit_test(
			test_xnc_r_xnc_r3_xnc_r5_xnc_f_result_and_notices),
		cmocka_unit_test(test_profile_get_and_init_arguments),
		cmocka_unit_test(test_profile_a_third_procedure_passes_the_check),
		cmocka_unit_test_setup_teardown(
			test_profile_a_third_procedure_runs_end_to_end,
			tst_calendar_setup, tst_calendar_teardown),
		cmocka_unit_test(test_profile_check_rejects_every_bad_field),
		cmocka_unit_test(
			test_profile_builtin_is_not_changed_by_init_copies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
