/*
 * Validation of requests (src/core/validate.c): BP-R2, XNC-R2, XNC-R3,
 * XNC-E.  Profiles and account records are built here by hand so that
 * these tests do not depend on the built-in profiles; every expected
 * verdict is a literal list of reason codes.
 *
 * Identifiers used (domain-reference §7):
 * - enterprise codes 0100109106 (check digit 6, §7.2), 0301234562 (another
 *   valid code), 0100109107 (wrong check digit);
 * - CCCD 001090123456 (Hà Nội, male, 1990), 079185001234 (HCM, female,
 *   1985); CMND 012345678 and 987654321; passport B1234567.
 */
#include "test_support.h"

#include "core/validate_internal.h"

#define OWNER "0100109106"
#define OTHER_CODE "0301234562"
#define BAD_CHECK_DIGIT "0100109107"
#define CCCD "001090123456"
#define CCCD_OTHER "079185001234"
#define CMND_9 "012345678"
#define CMND_9_OTHER "987654321"
#define PASSPORT "B1234567"
#define ACCOUNT_ID "acc-0001"

#define CH_BIT(c) (1u << (c))
#define ALL_CHANNELS                                                      \
	(CH_BIT(BPACCT_CHANNEL_IN_PERSON) | CH_BIT(BPACCT_CHANNEL_POSTAL) |  \
	 CH_BIT(BPACCT_CHANNEL_ONLINE))
#define BP_DOCS                                                           \
	(BPACCT_DOC_APPLICATION | BPACCT_DOC_ENTERPRISE_REGISTRATION |     \
	 BPACCT_DOC_IDENTITY)

/* The verdict has this outcome and exactly these reasons, in order. */
#define EXPECT(v, want_outcome, ...)                                      \
	expect_verdict(&(v), (want_outcome), (const int32_t[]){ __VA_ARGS__ }, \
		       sizeof((const int32_t[]){ __VA_ARGS__ }) /           \
			       sizeof(int32_t))

static void expect_verdict(const bpacct__verdict *v, int32_t outcome,
			   const int32_t *reasons, size_t n)
{
	assert_int_equal(v->outcome, outcome);
	assert_int_equal(v->nreasons, n);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v->reasons[i], reasons[i]);
}

static void expect_accepted(const bpacct__verdict *v)
{
	assert_int_equal(v->outcome, BPACCT_OUTCOME_ACCEPTED);
	assert_int_equal(v->nreasons, 0);
}

/* BP: channels in person, postal, online; the application, the
 * registration and an identity document; code and identity checked. */
static bpacct_profile bp_profile(void)
{
	bpacct_profile p;
	memset(&p, 0, sizeof p);
	p.version = BPACCT_PROFILE_VERSION;
	p.procedure = BPACCT_PROCEDURE_BP;
	memcpy(p.name, "bp", 3);
	p.channels = ALL_CHANNELS;
	p.required_documents = BP_DOCS;
	p.checks = BPACCT_CHECK_ENTERPRISE_CODE | BPACCT_CHECK_IDENTITY;
	return p;
}

/* XNC: the three channels; one NA20, every field checked. */
static bpacct_profile xnc_profile(void)
{
	bpacct_profile p;
	memset(&p, 0, sizeof p);
	p.version = BPACCT_PROFILE_VERSION;
	p.procedure = BPACCT_PROCEDURE_XNC;
	memcpy(p.name, "xnc", 4);
	p.channels = ALL_CHANNELS;
	p.required_documents = BPACCT_DOC_NA20;
	p.checks = BPACCT_CHECK_NA20;
	return p;
}

static void set_text(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	assert_true(n < size);
	memcpy(dst, src, n + 1);
}

/* An active account of `procedure` owned by OWNER, with the holder's
 * document (type 0: none on record). */
static struct bpacct_account account_of(int32_t procedure,
					int32_t holder_type,
					const char *holder_id)
{
	struct bpacct_account a;
	memset(&a, 0, sizeof a);
	a.magic = BPACCT__ACCOUNT_MAGIC;
	a.state = BPACCT_STATE_ACTIVE;
	a.procedure = procedure;
	a.holder_id_type = (uint8_t)holder_type;
	a.issued = tst_at("2026-01-05T09:00:00+07:00");
	a.last_used = a.locked = a.cancelled = BPACCT_INSTANT_NONE;
	a.pending_due = BPACCT_INSTANT_NONE;
	set_text(a.id, sizeof a.id, ACCOUNT_ID);
	set_text(a.owner, sizeof a.owner, OWNER);
	set_text(a.holder_id, sizeof a.holder_id, holder_id);
	return a;
}

static struct bpacct_account bp_account(void)
{
	return account_of(BPACCT_PROCEDURE_BP, BPACCT_ID_CCCD, CCCD);
}

static struct bpacct_account xnc_account(void)
{
	return account_of(BPACCT_PROCEDURE_XNC, 0, "");
}

/* A complete BP application from the owner, online. */
static bpacct__papers bp_papers(void)
{
	bpacct__papers p;
	memset(&p, 0, sizeof p);
	p.requester = OWNER;
	p.channel = BPACCT_CHANNEL_ONLINE;
	p.documents = BP_DOCS;
	p.enterprise_code = OWNER;
	p.id_type = BPACCT_ID_CCCD;
	p.id_number = CCCD;
	return p;
}

/* A complete, sealed NA20 from the owner, in person. */
static bpacct__papers xnc_papers(void)
{
	bpacct__papers p;
	memset(&p, 0, sizeof p);
	p.requester = OWNER;
	p.channel = BPACCT_CHANNEL_IN_PERSON;
	p.documents = BPACCT_DOC_NA20;
	p.na20[BPACCT_NA20_ORGANISATION] = "Công ty TNHH Du lịch Sông Hồng";
	p.na20[BPACCT_NA20_ADDRESS] = "12 Tràng Tiền, Hoàn Kiếm, Hà Nội";
	p.na20[BPACCT_NA20_PHONE] = "+84 24 3826 4026";
	p.na20[BPACCT_NA20_EMAIL] = "visa@songhong.vn";
	p.na20[BPACCT_NA20_ACCOUNT] = ACCOUNT_ID;
	p.na20[BPACCT_NA20_REASON] = "Ngừng hoạt động bảo lãnh";
	p.na20[BPACCT_NA20_SIGNER] = "Nguyễn Văn An, Giám đốc";
	p.na20_sealed = 1;
	return p;
}

/* A weekday in 2026, inside the morning session. */
#define RECEIVED_2026 tst_at("2026-03-10T09:30:00+07:00")

static bpacct__verdict run(const bpacct_profile *profile,
			   const struct bpacct_account *account,
			   const bpacct__papers *papers, int64_t received,
			   int32_t receipt)
{
	bpacct__verdict v;
	/* Garbage in the output proves validation starts afresh. */
	memset(&v, 0x5a, sizeof v);
	bpacct__validate(profile, account, papers, received, receipt, &v);
	return v;
}

static bpacct__verdict run_bp(const bpacct__papers *papers)
{
	bpacct_profile p = bp_profile();
	struct bpacct_account a = bp_account();
	return run(&p, &a, papers, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
}

static bpacct__verdict run_xnc(const bpacct__papers *papers)
{
	bpacct_profile p = xnc_profile();
	struct bpacct_account a = xnc_account();
	return run(&p, &a, papers, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
}

/* ---- accepted ---------------------------------------------------- */

static void test_complete_bp_application_accepted(void **state)
{
	static const int32_t channels[] = { BPACCT_CHANNEL_IN_PERSON,
					    BPACCT_CHANNEL_POSTAL,
					    BPACCT_CHANNEL_ONLINE };
	(void)state;
	for (size_t i = 0; i < 3; i++) {
		bpacct__papers p = bp_papers();
		bpacct__verdict v;
		p.channel = channels[i];
		v = run_bp(&p);
		expect_accepted(&v);
	}
}

static void test_complete_na20_accepted(void **state)
{
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	v = run_xnc(&p);
	expect_accepted(&v);
}

static void test_bp_r2_every_identity_type_accepted(void **state)
{
	static const struct {
		int32_t type;
		const char *number;
	} docs[] = {
		{ BPACCT_ID_CMND, CMND_9 },
		{ BPACCT_ID_CMND, CCCD },  /* a 12-digit CMND */
		{ BPACCT_ID_CCCD, CCCD },
		{ BPACCT_ID_PASSPORT, PASSPORT },
	};
	bpacct_profile prof = bp_profile();
	/* No holder document on record: any valid one will do. */
	struct bpacct_account a = account_of(BPACCT_PROCEDURE_BP, 0, "");
	(void)state;
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		bpacct__papers p = bp_papers();
		bpacct__verdict v;
		p.id_type = docs[i].type;
		p.id_number = docs[i].number;
		v = run(&prof, &a, &p, tst_at("2024-06-03T10:00:00+07:00"),
			BPACCT_RECEIPT_RECEIVED);
		expect_accepted(&v);
	}
}

static void test_locked_account_is_eligible(void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = bp_account();
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	a.state = BPACCT_STATE_LOCKED;
	a.locked = tst_at("2026-03-09T15:00:00+07:00");
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
}

/* ---- BP-R2: who may ask ----------------------------------------- */

static void test_bp_r2_not_owner_is_rejected_whatever_it_attaches(
	void **state)
{
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	/* Complete, valid papers. */
	p.requester = OTHER_CODE;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
	/* No papers at all: still rejected, not asked to supplement. */
	p.documents = 0;
	p.enterprise_code = NULL;
	p.id_type = 0;
	p.id_number = NULL;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
	/* The owner's own registration attached by a stranger. */
	p = bp_papers();
	p.requester = OTHER_CODE;
	p.enterprise_code = OWNER;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
}

static void test_bp_r2_missing_or_empty_requester_is_not_owner(void **state)
{
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	p.requester = NULL;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
	p.requester = "";
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
	/* A branch of the owner is not the owner. */
	p.requester = OWNER "-001";
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
	/* A prefix of the owner's code is not the owner. */
	p.requester = "010010910";
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
}

static void test_bp_r2_not_owner_is_not_told_the_account_is_cancelled(
	void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = bp_account();
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	a.state = BPACCT_STATE_CANCELLED;
	p.requester = OTHER_CODE;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
}

/* ---- BP-R2: the papers ------------------------------------------ */

static void test_bp_r2_owner_missing_papers_lists_every_problem(void **state)
{
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	p.documents = 0;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_MISSING_APPLICATION,
	       BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION,
	       BPACCT_REASON_MISSING_IDENTITY);
	p.documents = BPACCT_DOC_APPLICATION;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION,
	       BPACCT_REASON_MISSING_IDENTITY);
	/* A missing paper and an invalid one are both listed. */
	p.documents = BPACCT_DOC_ENTERPRISE_REGISTRATION | BPACCT_DOC_IDENTITY;
	p.enterprise_code = BAD_CHECK_DIGIT;
	p.id_number = "00109012345"; /* 11 digits */
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_MISSING_APPLICATION,
	       BPACCT_REASON_INVALID_ENTERPRISE_CODE,
	       BPACCT_REASON_INVALID_CCCD);
}

static void test_bp_r2_papers_not_attached_are_not_checked(void **state)
{
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	/* Registration and identity not attached: their fields are not
	 * judged, only their absence. */
	p.documents = BPACCT_DOC_APPLICATION;
	p.enterprise_code = BAD_CHECK_DIGIT;
	p.id_type = 99;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION,
	       BPACCT_REASON_MISSING_IDENTITY);
}

static void test_bp_r2_enterprise_code_must_be_given(void **state)
{
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	p.enterprise_code = NULL;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_MISSING_ENTERPRISE_CODE);
	p.enterprise_code = "";
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_MISSING_ENTERPRISE_CODE);
}

static void test_bp_r2_enterprise_code_must_be_valid(void **state)
{
	static const char *const bad[] = {
		BAD_CHECK_DIGIT,
		"010010910",                   /* 9 digits */
		"01001091060",                 /* 11 digits */
		"010010910A",
		OWNER "-000",                  /* branch 000 */
		OWNER "-01",
		"0100109106-0010100109106-001", /* longer than CODE_MAX */
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bpacct__papers p = bp_papers();
		bpacct__verdict v;
		p.enterprise_code = bad[i];
		v = run_bp(&p);
		EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
		       BPACCT_REASON_INVALID_ENTERPRISE_CODE);
	}
}

static void test_bp_r2_enterprise_code_must_be_the_owners(void **state)
{
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	p.enterprise_code = OTHER_CODE;
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_ENTERPRISE_CODE_MISMATCH);
	/* A branch of another enterprise. */
	p.enterprise_code = OTHER_CODE "-001";
	v = run_bp(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_ENTERPRISE_CODE_MISMATCH);
}

static void test_bp_r2_enterprise_code_stems_compared_branch_ignored(
	void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = bp_account();
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	/* The certificate of a branch of the owner. */
	p.enterprise_code = OWNER "-001";
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
	/* An owner recorded as a branch; the parent's certificate. */
	set_text(a.owner, sizeof a.owner, OWNER "-002");
	p.requester = OWNER "-002";
	p.enterprise_code = OWNER;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
	/* An owner code that is not an enterprise code never matches. */
	set_text(a.owner, sizeof a.owner, OWNER "X");
	p.requester = OWNER "X";
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_ENTERPRISE_CODE_MISMATCH);
}

static void test_bp_r2_cmnd_accepted_until_2024_12_31(void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = account_of(BPACCT_PROCEDURE_BP,
					     BPACCT_ID_CMND, CMND_9);
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	p.id_type = BPACCT_ID_CMND;
	p.id_number = CMND_9;
	v = run(&prof, &a, &p, tst_at("2024-12-31T23:59:59+07:00"),
		BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
	v = run(&prof, &a, &p, tst_at("2020-05-04T08:00:00+07:00"),
		BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
}

static void test_bp_r2_cmnd_refused_after_2024_12_31(void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = account_of(BPACCT_PROCEDURE_BP,
					     BPACCT_ID_CMND, CMND_9);
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	p.id_type = BPACCT_ID_CMND;
	p.id_number = CMND_9;
	/* 2024-12-31T17:00:00Z is already 2025 in Vietnam. */
	v = run(&prof, &a, &p, tst_at("2025-01-01T00:00:00+07:00"),
		BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_CMND_EXPIRED);
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_CMND_EXPIRED);
}

static void test_bp_r2_identity_number_must_be_valid(void **state)
{
	static const struct {
		int32_t type;
		const char *number;
		int32_t reason;
	} bad[] = {
		{ BPACCT_ID_CMND, "12345", BPACCT_REASON_INVALID_CMND },
		{ BPACCT_ID_CMND, "01234567A", BPACCT_REASON_INVALID_CMND },
		{ BPACCT_ID_CCCD, "00109012345", BPACCT_REASON_INVALID_CCCD },
		{ BPACCT_ID_CCCD, "", BPACCT_REASON_INVALID_CCCD },
		{ BPACCT_ID_CCCD, NULL, BPACCT_REASON_INVALID_CCCD },
		{ BPACCT_ID_CCCD, "001090123456001090123456",
		  BPACCT_REASON_INVALID_CCCD },  /* longer than CODE_MAX */
		{ BPACCT_ID_PASSPORT, "B1", BPACCT_REASON_INVALID_PASSPORT },
		{ 0, CCCD, BPACCT_REASON_UNKNOWN_ID_TYPE },
		{ 4, CCCD, BPACCT_REASON_UNKNOWN_ID_TYPE },
		{ -1, CCCD, BPACCT_REASON_UNKNOWN_ID_TYPE },
	};
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = account_of(BPACCT_PROCEDURE_BP, 0, "");
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		bpacct__papers p = bp_papers();
		bpacct__verdict v;
		p.id_type = bad[i].type;
		p.id_number = bad[i].number;
		v = run(&prof, &a, &p, tst_at("2024-06-03T10:00:00+07:00"),
			BPACCT_RECEIPT_RECEIVED);
		EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, bad[i].reason);
	}
}

static void test_bp_r2_holder_identity_must_match_record(void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = bp_account(); /* holder: CCCD */
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	p.id_number = CCCD_OTHER;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_IDENTITY_MISMATCH);
	/* A valid passport is not the CCCD on record. */
	p.id_type = BPACCT_ID_PASSPORT;
	p.id_number = PASSPORT;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_IDENTITY_MISMATCH);
	/* The passport on record, a different passport attached. */
	a = account_of(BPACCT_PROCEDURE_BP, BPACCT_ID_PASSPORT, PASSPORT);
	p.id_number = "C7654321";
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_IDENTITY_MISMATCH);
	p.id_number = PASSPORT;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
}

static void test_bp_r2_cmnd_and_cccd_of_one_number_are_one_person(
	void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = account_of(BPACCT_PROCEDURE_BP,
					     BPACCT_ID_CMND, CCCD);
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	/* 12-digit CMND on record, the CCCD of the same number attached. */
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
	/* CCCD on record, the 12-digit CMND attached before the cut-off. */
	a = bp_account();
	p.id_type = BPACCT_ID_CMND;
	v = run(&prof, &a, &p, tst_at("2024-11-20T14:00:00+07:00"),
		BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
	/* A 9-digit CMND is never a 12-digit CCCD. */
	p.id_number = CMND_9;
	v = run(&prof, &a, &p, tst_at("2024-11-20T14:00:00+07:00"),
		BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_IDENTITY_MISMATCH);
}

static void test_bp_r2_expired_cmnd_of_someone_else_lists_both(void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = account_of(BPACCT_PROCEDURE_BP,
					     BPACCT_ID_CMND, CMND_9);
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	p.id_type = BPACCT_ID_CMND;
	p.id_number = CMND_9_OTHER;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_CMND_EXPIRED,
	       BPACCT_REASON_IDENTITY_MISMATCH);
	/* A malformed number is not also compared with the record. */
	p.id_number = "12345";
	v = run(&prof, &a, &p, tst_at("2024-06-03T10:00:00+07:00"),
		BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_INVALID_CMND);
}

/* ---- XNC-E / XNC-R3: eligibility ---------------------------------- */

static void test_xnc_r3_no_account_rejected(void **state)
{
	bpacct_profile prof = xnc_profile();
	struct bpacct_account a = xnc_account();
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	v = run(&prof, NULL, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NO_ACCOUNT);
	/* A record in state NONE was never issued (XNC-E); alone, whoever
	 * asks and whatever is missing. */
	a.state = BPACCT_STATE_NONE;
	p.requester = OTHER_CODE;
	p.documents = 0;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NO_ACCOUNT);
}

static void test_xnc_r3_not_owner_rejected(void **state)
{
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	p.requester = OTHER_CODE;
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
}

static void test_xnc_r3_already_cancelled_rejected(void **state)
{
	bpacct_profile prof = xnc_profile();
	struct bpacct_account a = xnc_account();
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	a.state = BPACCT_STATE_CANCELLED;
	a.cancelled = tst_at("2026-02-02T10:00:00+07:00");
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_ALREADY_CANCELLED);
	/* Rejected, not asked to supplement an incomplete NA20. */
	p.na20[BPACCT_NA20_PHONE] = NULL;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_ALREADY_CANCELLED);
}

static void test_wrong_procedure_rejected(void **state)
{
	bpacct_profile prof = xnc_profile();
	struct bpacct_account a = bp_account();
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_WRONG_PROCEDURE);
	p.requester = OTHER_CODE;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_WRONG_PROCEDURE,
	       BPACCT_REASON_NOT_OWNER);
	p.requester = OWNER;
	a.state = BPACCT_STATE_CANCELLED;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_WRONG_PROCEDURE,
	       BPACCT_REASON_ALREADY_CANCELLED);
}

/* ---- XNC-R3: the NA20 --------------------------------------------- */

static void test_xnc_r3_na20_missing_supplement(void **state)
{
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	p.documents = 0;
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_NA20_MISSING);
}

static void test_xnc_r3_every_missing_na20_field_reported_separately(
	void **state)
{
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	for (size_t i = 0; i < BPACCT_NA20_FIELDS; i++)
		p.na20[i] = NULL;
	p.na20_sealed = 0;
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_NA20_ORGANISATION,
	       BPACCT_REASON_NA20_ADDRESS, BPACCT_REASON_NA20_PHONE,
	       BPACCT_REASON_NA20_EMAIL, BPACCT_REASON_NA20_ACCOUNT,
	       BPACCT_REASON_NA20_REASON, BPACCT_REASON_NA20_SIGNER,
	       BPACCT_REASON_NA20_SEAL);
	/* Empty or blank fields are not filled in. */
	p = xnc_papers();
	p.na20[BPACCT_NA20_ADDRESS] = "";
	p.na20[BPACCT_NA20_REASON] = " \t\r\n";
	p.na20[BPACCT_NA20_SIGNER] = "   ";
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_NA20_ADDRESS,
	       BPACCT_REASON_NA20_REASON, BPACCT_REASON_NA20_SIGNER);
	/* Each field alone. */
	for (size_t i = 0; i < BPACCT_NA20_FIELDS; i++) {
		static const int32_t want[BPACCT_NA20_FIELDS] = {
			401, 402, 403, 404, 405, 406, 407,
		};
		p = xnc_papers();
		p.na20[i] = NULL;
		v = run_xnc(&p);
		EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, want[i]);
	}
	p = xnc_papers();
	p.na20_sealed = 0;
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_NA20_SEAL);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* An NA20 whose `field` holds a good value is accepted; one holding a bad
 * value is sent back to supplement with exactly `reason`. */
static void expect_na20_field(int field, const char *const *good,
			      size_t ngood, const char *const *bad,
			      size_t nbad, int32_t reason)
{
	for (size_t i = 0; i < ngood; i++) {
		bpacct__papers p = xnc_papers();
		bpacct__verdict v;
		p.na20[field] = good[i];
		v = run_xnc(&p);
		expect_accepted(&v);
	}
	for (size_t i = 0; i < nbad; i++) {
		bpacct__papers p = xnc_papers();
		bpacct__verdict v;
		p.na20[field] = bad[i];
		v = run_xnc(&p);
		EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, reason);
	}
}

static void test_xnc_r3_na20_phone_must_be_a_phone_number(void **state)
{
	static const char *const good[] = {
		"02438264026", "024 3826 4026", "+84 24 3826 4026",
		"(024) 3826.4026", "0912-345-678", " 0912 345 678 ",
		"12345678", "+842438264026123",
	};
	static const char *const bad[] = {
		"", "   ", "1234567" /* 7 digits */,
		"+8424382640261234" /* 16 digits */, "024 3826 402x",
		"84+2438264026", "++84 24 3826 4026", "(024 3826 4026",
		"024) 3826 4026", "((024)) 3826 4026", "024/3826/4026",
		"ĐT 02438264026",
	};
	(void)state;
	expect_na20_field(BPACCT_NA20_PHONE, good, COUNT(good), bad, COUNT(bad),
			  BPACCT_REASON_NA20_PHONE);
}

static void test_xnc_r3_na20_email_must_be_an_address(void **state)
{
	static const char *const good[] = {
		"visa@songhong.vn", "a.b-c@mail.songhong.com.vn",
		"  visa@songhong.vn  ", "x@y.z",
	};
	static const char *const bad[] = {
		"", " ", "visa.songhong.vn", "visa@songhong", "@songhong.vn",
		"visa@@songhong.vn", "visa@song@hong.vn", "visa@.vn",
		"visa@songhong.", "visa @songhong.vn", "vi sa@songhong.vn",
		"visa@song hong.vn",
	};
	(void)state;
	expect_na20_field(BPACCT_NA20_EMAIL, good, COUNT(good), bad, COUNT(bad),
			  BPACCT_REASON_NA20_EMAIL);
}

static void test_xnc_r3_na20_account_must_be_the_account_asked_about(
	void **state)
{
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	p.na20[BPACCT_NA20_ACCOUNT] = "acc-0002";
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_NA20_ACCOUNT_MISMATCH);
	p.na20[BPACCT_NA20_ACCOUNT] = ACCOUNT_ID "1";
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_NA20_ACCOUNT_MISMATCH);
	/* Longer than any account id. */
	p.na20[BPACCT_NA20_ACCOUNT] =
		"acc-0001acc-0001acc-0001acc-0001acc-0001acc-0001acc-0001";
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_NA20_ACCOUNT_MISMATCH);
	/* With the seal missing too: the seal first, by code order. */
	p.na20[BPACCT_NA20_ACCOUNT] = "acc-0002";
	p.na20_sealed = 0;
	v = run_xnc(&p);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_NA20_SEAL,
	       BPACCT_REASON_NA20_ACCOUNT_MISMATCH);
}

/* ---- XNC-R2: receivable ------------------------------------------- */

static void test_xnc_r2_in_person_outside_session_refused(void **state)
{
	bpacct_profile prof = xnc_profile();
	struct bpacct_account a = xnc_account();
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	v = run(&prof, &a, &p, tst_at("2026-03-10T12:30:00+07:00"),
		BPACCT_RECEIPT_REFUSED);
	EXPECT(v, BPACCT_OUTCOME_REFUSED, BPACCT_REASON_OUTSIDE_SESSION);
}

static void test_xnc_r2_moved_receipt_is_receivable(void **state)
{
	bpacct_profile prof = xnc_profile();
	struct bpacct_account a = xnc_account();
	bpacct__papers p = xnc_papers();
	bpacct__verdict v;
	(void)state;
	p.channel = BPACCT_CHANNEL_POSTAL;
	v = run(&prof, &a, &p, tst_at("2026-03-11T08:00:00+07:00"),
		BPACCT_RECEIPT_MOVED);
	expect_accepted(&v);
}

static void test_channel_not_allowed_refused(void **state)
{
	static const int32_t bad[] = { 0, -1, 4, 31, 32, 1000, INT32_MIN };
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = bp_account();
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	/* A host procedure that takes online requests only. */
	prof.channels = CH_BIT(BPACCT_CHANNEL_ONLINE);
	p.channel = BPACCT_CHANNEL_IN_PERSON;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REFUSED, BPACCT_REASON_CHANNEL_NOT_ALLOWED);
	p.channel = BPACCT_CHANNEL_POSTAL;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REFUSED, BPACCT_REASON_CHANNEL_NOT_ALLOWED);
	/* Not allowed is enough: the session does not matter. */
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_REFUSED);
	EXPECT(v, BPACCT_OUTCOME_REFUSED, BPACCT_REASON_CHANNEL_NOT_ALLOWED);
	/* Values that are no channel at all. */
	prof = bp_profile();
	prof.channels = 0xffffffffu;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		p.channel = bad[i];
		v = run(&prof, &a, &p, RECEIVED_2026,
			BPACCT_RECEIPT_RECEIVED);
		EXPECT(v, BPACCT_OUTCOME_REFUSED,
		       BPACCT_REASON_CHANNEL_NOT_ALLOWED);
	}
}

/* ---- precedence, bounds, profile as data --------------------------- */

static void test_precedence_refused_before_rejected_before_supplement(
	void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = bp_account();
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	/* A stranger without papers, outside a session: refused. */
	p.requester = OTHER_CODE;
	p.documents = 0;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_REFUSED);
	EXPECT(v, BPACCT_OUTCOME_REFUSED, BPACCT_REASON_OUTSIDE_SESSION);
	/* No account, by a channel not allowed: refused. */
	p.channel = 7;
	v = run(&prof, NULL, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REFUSED, BPACCT_REASON_CHANNEL_NOT_ALLOWED);
	/* Received: the stranger is rejected, not asked to supplement. */
	p.channel = BPACCT_CHANNEL_POSTAL;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_REJECTED, BPACCT_REASON_NOT_OWNER);
	/* The owner: asked to supplement. */
	p.requester = OWNER;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_MISSING_APPLICATION,
	       BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION,
	       BPACCT_REASON_MISSING_IDENTITY);
	/* Complete: accepted. */
	p = bp_papers();
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
}

static void test_worst_case_reasons_fit(void **state)
{
	/* A host procedure requiring every paper with every check. */
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = account_of(BPACCT_PROCEDURE_BP,
					     BPACCT_ID_CMND, CMND_9);
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	prof.required_documents = BP_DOCS | BPACCT_DOC_NA20;
	prof.checks = BPACCT_CHECK_ENTERPRISE_CODE | BPACCT_CHECK_IDENTITY |
		      BPACCT_CHECK_NA20;
	/* One paper missing, every other one wrong in every way. */
	p.documents = BPACCT_DOC_ENTERPRISE_REGISTRATION | BPACCT_DOC_IDENTITY |
		      BPACCT_DOC_NA20;
	p.enterprise_code = BAD_CHECK_DIGIT;
	p.id_type = BPACCT_ID_CMND;
	p.id_number = CMND_9_OTHER;
	p.na20[BPACCT_NA20_ACCOUNT] = "acc-0002";
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT, BPACCT_REASON_MISSING_APPLICATION,
	       BPACCT_REASON_INVALID_ENTERPRISE_CODE,
	       BPACCT_REASON_CMND_EXPIRED, BPACCT_REASON_IDENTITY_MISMATCH,
	       BPACCT_REASON_NA20_ORGANISATION, BPACCT_REASON_NA20_ADDRESS,
	       BPACCT_REASON_NA20_PHONE, BPACCT_REASON_NA20_EMAIL,
	       BPACCT_REASON_NA20_REASON, BPACCT_REASON_NA20_SIGNER,
	       BPACCT_REASON_NA20_SEAL, BPACCT_REASON_NA20_ACCOUNT_MISMATCH);
	assert_true(v.nreasons <= BPACCT__REASONS_MAX);
}

static void test_profile_checks_are_data(void **state)
{
	bpacct_profile prof = bp_profile();
	struct bpacct_account a = bp_account();
	bpacct__papers p = bp_papers();
	bpacct__verdict v;
	(void)state;
	/* A host procedure that asks for the papers but checks nothing. */
	prof.procedure = 100;
	prof.checks = 0;
	a.procedure = 100;
	p.enterprise_code = BAD_CHECK_DIGIT;
	p.id_number = CCCD_OTHER;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
	/* …and one that requires only the application. */
	prof.required_documents = BPACCT_DOC_APPLICATION;
	p.documents = BPACCT_DOC_APPLICATION;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	expect_accepted(&v);
	p.documents = 0;
	v = run(&prof, &a, &p, RECEIVED_2026, BPACCT_RECEIPT_RECEIVED);
	EXPECT(v, BPACCT_OUTCOME_SUPPLEMENT,
	       BPACCT_REASON_MISSING_APPLICATION);
}

int main(void)
{
#define T(f) cmocka_unit_test(f)
	const struct CMUnitTest tests[] = {
		T(test_complete_bp_application_accepted),
		T(test_complete_na20_accepted),
		T(test_bp_r2_every_identity_type_accepted),
		T(test_locked_account_is_eligible),
		T(test_bp_r2_not_owner_is_rejected_whatever_it_attaches),
		T(test_bp_r2_missing_or_empty_requester_is_not_owner),
		T(test_bp_r2_not_owner_is_not_told_the_account_is_cancelled),
		T(test_bp_r2_owner_missing_papers_lists_every_problem),
		T(test_bp_r2_papers_not_attached_are_not_checked),
		T(test_bp_r2_enterprise_code_must_be_given),
		T(test_bp_r2_enterprise_code_must_be_valid),
		T(test_bp_r2_enterprise_code_must_be_the_owners),
		T(test_bp_r2_enterprise_code_stems_compared_branch_ignored),
		T(test_bp_r2_cmnd_accepted_until_2024_12_31),
		T(test_bp_r2_cmnd_refused_after_2024_12_31),
		T(test_bp_r2_identity_number_must_be_valid),
		T(test_bp_r2_holder_identity_must_match_record),
		T(test_bp_r2_cmnd_and_cccd_of_one_number_are_one_person),
		T(test_bp_r2_expired_cmnd_of_someone_else_lists_both),
		T(test_xnc_r3_no_account_rejected),
		T(test_xnc_r3_not_owner_rejected),
		T(test_xnc_r3_already_cancelled_rejected),
		T(test_wrong_procedure_rejected),
		T(test_xnc_r3_na20_missing_supplement),
		T(test_xnc_r3_every_missing_na20_field_reported_separately),
		T(test_xnc_r3_na20_phone_must_be_a_phone_number),
		T(test_xnc_r3_na20_email_must_be_an_address),
		T(test_xnc_r3_na20_account_must_be_the_account_asked_about),
		T(test_xnc_r2_in_person_outside_session_refused),
		T(test_xnc_r2_moved_receipt_is_receivable),
		T(test_channel_not_allowed_refused),
		T(test_precedence_refused_before_rejected_before_supplement),
		T(test_worst_case_reasons_fit),
		T(test_profile_checks_are_data),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
