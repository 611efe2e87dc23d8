/*
 * Validation of a cancellation request (BP-A1, BP-R2, XNC-1, XNC-2, XNC-E,
 * XNC-R2, XNC-R3): one verdict, an outcome and every reason, in this order
 * of precedence, the first group that applies deciding the outcome.
 *
 * 1. REFUSED, not receivable (XNC-R2).  A channel outside the profile's
 *    `channels` gives CHANNEL_NOT_ALLOWED alone: the receipt rule of a
 *    channel the procedure does not take means nothing.  A value that is
 *    not one of the three channels is never allowed, whatever bits the
 *    profile sets.  Otherwise a receipt status REFUSED (handed over in
 *    person outside a session, XNC-R1/R2) gives OUTSIDE_SESSION.
 *
 * 2. REJECTED, not eligible (XNC-E, XNC-R3, BP-R2), in the order
 *    NO_ACCOUNT, WRONG_PROCEDURE, NOT_OWNER, ALREADY_CANCELLED:
 *    - NO_ACCOUNT (no record, or state NONE) is alone: with no account
 *      there is no procedure, owner or state to judge.
 *    - NOT_OWNER (no requester, or not exactly the owner's code) ends the
 *      list: BP-R2 rejects a stranger "whatever it attaches", and the
 *      state of an account is not disclosed to someone who does not own
 *      it, so a stranger never learns it is cancelled.  It may follow
 *      WRONG_PROCEDURE, which says only that the account is not this
 *      authority's.
 *    - A locked account is eligible (BP-B: its cancellation may also be
 *      asked for).
 *
 * 3. SUPPLEMENT, the owner's papers missing or invalid (BP-R2 "every
 *    problem listed", XNC-R3 "listing every missing field"), each problem
 *    its own reason, in this order:
 *    - every paper of `required_documents` not attached: MISSING_APPLICATION,
 *      MISSING_ENTERPRISE_REGISTRATION, MISSING_IDENTITY, NA20_MISSING.  A
 *      check below is made only when its paper is attached.
 *    - CHECK_ENTERPRISE_CODE (BP-R2, domain-reference §7.2): no code →
 *      MISSING_ENTERPRISE_CODE; malformed, bad check digit, or longer than
 *      BPACCT_CODE_MAX − 1 → INVALID_ENTERPRISE_CODE; valid but not the
 *      owner's → ENTERPRISE_CODE_MISMATCH.  The 10-digit stems are
 *      compared and a branch suffix (-001…-999) is ignored on both sides:
 *      a branch is a dependent unit of the same enterprise, without legal
 *      personality (Enterprise Law 2020 Art. 44), so its certificate and
 *      the parent's prove the same owner.  An owner code that is not a
 *      10-digit stem, alone or with a suffix, never matches.
 *    - CHECK_IDENTITY (BP-R2, domain-reference §7.1): a type other than
 *      CMND, CCCD, passport → UNKNOWN_ID_TYPE alone; then the number's
 *      own reason from bpacct_identity_check() at `received` (INVALID_CMND,
 *      CMND_EXPIRED after 2024-12-31, INVALID_CCCD, INVALID_PASSPORT; a
 *      number longer than BPACCT_CODE_MAX − 1 is invalid for its type);
 *      then, when the holder's document is on record and the number is
 *      well formed (valid or only an expired CMND), IDENTITY_MISMATCH if it
 *      is not the same document.  A CMND and a CCCD are compared as CCCD
 *      numbers: a 12-digit CMND carries the personal identification number
 *      that the CCCD / thẻ căn cước keeps, so they are the same person; a
 *      9-digit CMND never equals a 12-digit number.  A passport is never
 *      the same as a CMND or CCCD.
 *    - CHECK_NA20 (XNC-1, XNC-R3, domain-reference §6.2): a text field that
 *      is NULL, empty or only blanks gives its own code (NA20_ORGANISATION
 *      … NA20_SIGNER, in field order); NA20_PHONE also when the phone is not
 *      a phone number (an optional leading '+', then digits, spaces, dots,
 *      dashes and unnested parentheses, 8 to 15 digits); NA20_EMAIL also
 *      when it is not one address (one '@' after a non-empty local part, a
 *      dot inside the domain, no blank inside; blanks around are ignored);
 *      then NA20_SEAL when unsealed, then NA20_ACCOUNT_MISMATCH when the
 *      account named is not exactly the account's id.
 *
 * 4. ACCEPTED, no reason.
 *
 * The worst case (a host profile requiring every paper with every check,
 * one paper missing and everything else wrong) is 12 reasons, within
 * BPACCT__REASONS_MAX.  Pure: no heap, no I/O, no globals; every string
 * is read within a bound (BPACCT_CODE_MAX, BPACCT_ID_MAX or contact.c's),
 * phone and e-mail in a single pass.  profile, papers and out must not be
 * NULL; account may be (no account).
 */
#include <stddef.h>
#include <stdint.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/ids.h"
#include "bpacct/reason.h"
#include "bpacct/sessions.h"
#include "core/validate_internal.h"

/* Digits of an enterprise code stem (domain-reference §7.2). */
#define STEM_LEN 10u

/* The most one verdict lists: a missing paper, an enterprise-code reason,
 * an identity reason and its mismatch, and 8 NA20 reasons (6 fields, the
 * seal and the account mismatch, which excludes NA20_ACCOUNT). */
#define WORST_CASE_REASONS (1 + 1 + 2 + 8)
_Static_assert(WORST_CASE_REASONS <= BPACCT__REASONS_MAX,
	       "the worst-case verdict must fit");

/* A required paper and the reason of its absence, in listing order. */
typedef struct paper_row {
	uint32_t document;
	int32_t reason;
} paper_row;

static const paper_row paper_rows[] = {
	{ BPACCT_DOC_APPLICATION, BPACCT_REASON_MISSING_APPLICATION },
	{ BPACCT_DOC_ENTERPRISE_REGISTRATION,
	  BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION },
	{ BPACCT_DOC_IDENTITY, BPACCT_REASON_MISSING_IDENTITY },
	{ BPACCT_DOC_NA20, BPACCT_REASON_NA20_MISSING },
};

/* The reason of each NA20 text field, by bpacct_na20_field. */
static const int32_t na20_reasons[BPACCT_NA20_FIELDS] = {
	BPACCT_REASON_NA20_ORGANISATION, BPACCT_REASON_NA20_ADDRESS,
	BPACCT_REASON_NA20_PHONE,        BPACCT_REASON_NA20_EMAIL,
	BPACCT_REASON_NA20_ACCOUNT,      BPACCT_REASON_NA20_REASON,
	BPACCT_REASON_NA20_SIGNER,
};

/* The reason of a malformed number, by bpacct_id_type. */
static const int32_t invalid_id_reasons[] = {
	0, BPACCT_REASON_INVALID_CMND, BPACCT_REASON_INVALID_CCCD,
	BPACCT_REASON_INVALID_PASSPORT,
};

static void push(bpacct__verdict *v, int32_t reason)
{
	if (v->nreasons < BPACCT__REASONS_MAX)
		v->reasons[v->nreasons++] = reason;
}

/* The length of s, or max when no NUL is within its first max bytes. */
static size_t bounded_len(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n] != '\0')
		n++;
	return n;
}

/* Both NUL-terminated within max bytes and equal. */
static int same_text(const char *a, const char *b, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		if (a[i] != b[i])
			return 0;
		if (a[i] == '\0')
			return 1;
	}
	return 0;
}

/* Filled in: some character that is not a blank. */
static int filled(const char *s)
{
	if (!s)
		return 0;
	while (bpacct__is_blank(*s))
		s++;
	return *s != '\0';
}

static int refused(const bpacct_profile *profile,
		   const bpacct__papers *papers, int32_t receipt,
		   bpacct__verdict *v)
{
	int32_t ch = papers->channel;

	/* Only the three channels exist, whatever bits a profile sets. */
	if (ch < BPACCT_CHANNEL_IN_PERSON || ch > BPACCT_CHANNEL_ONLINE ||
	    !(profile->channels & (1u << ch)))
		push(v, BPACCT_REASON_CHANNEL_NOT_ALLOWED);
	else if (receipt == BPACCT_RECEIPT_REFUSED)
		push(v, BPACCT_REASON_OUTSIDE_SESSION);
	return v->nreasons != 0;
}

static int rejected(const bpacct_profile *profile,
		    const struct bpacct_account *account,
		    const bpacct__papers *papers, bpacct__verdict *v)
{
	if (!account || account->state == BPACCT_STATE_NONE) {
		push(v, BPACCT_REASON_NO_ACCOUNT);
		return 1;
	}
	if (account->procedure != profile->procedure)
		push(v, BPACCT_REASON_WRONG_PROCEDURE);
	if (!papers->requester || papers->requester[0] == '\0' ||
	    !same_text(papers->requester, account->owner, BPACCT_CODE_MAX))
		push(v, BPACCT_REASON_NOT_OWNER);
	else if (account->state == BPACCT_STATE_CANCELLED)
		push(v, BPACCT_REASON_ALREADY_CANCELLED);
	return v->nreasons != 0;
}

static void missing_papers(const bpacct_profile *profile,
			   const bpacct__papers *papers, bpacct__verdict *v)
{
	uint32_t missing = profile->required_documents & ~papers->documents;

	for (size_t i = 0; i < sizeof paper_rows / sizeof paper_rows[0]; i++)
		if (missing & paper_rows[i].document)
			push(v, paper_rows[i].reason);
}

/* The owner's code is the 10-digit stem `stem`, alone or with a branch. */
static int owner_has_stem(const char *owner, const char *stem)
{
	for (size_t i = 0; i < STEM_LEN; i++)
		if (owner[i] != stem[i])
			return 0;
	return owner[STEM_LEN] == '\0' || owner[STEM_LEN] == '-';
}

static void check_enterprise(const struct bpacct_account *account,
			     const bpacct__papers *papers, bpacct__verdict *v)
{
	const char *code = papers->enterprise_code;
	int32_t reason = BPACCT_REASON_INVALID_ENTERPRISE_CODE;
	size_t len;

	if (!code || code[0] == '\0') {
		push(v, BPACCT_REASON_MISSING_ENTERPRISE_CODE);
		return;
	}
	len = bounded_len(code, BPACCT_CODE_MAX);
	if (len < BPACCT_CODE_MAX &&
	    bpacct_enterprise_code_check(code, len, &reason) != BPACCT_OK)
		reason = BPACCT_REASON_INVALID_ENTERPRISE_CODE;
	if (reason != 0)
		push(v, reason);
	else if (!owner_has_stem(account->owner, code))
		push(v, BPACCT_REASON_ENTERPRISE_CODE_MISMATCH);
}

static int is_personal_number(int32_t type)
{
	return type == BPACCT_ID_CMND || type == BPACCT_ID_CCCD;
}

/* Whether the attached number is the holder's document on record. */
static int same_document(const struct bpacct_account *account,
			 int32_t type, const char *number)
{
	int32_t held = account->holder_id_type, same = 0;

	if (held != type) {
		/* A 12-digit CMND and a CCCD share one personal number. */
		if (!is_personal_number(held) || !is_personal_number(type))
			return 0;
		type = BPACCT_ID_CCCD;
	}
	if (bpacct_identity_same(type, number, account->holder_id, &same) !=
	    BPACCT_OK)
		return 0;
	return same;
}

static void check_identity(const struct bpacct_account *account,
			   const bpacct__papers *papers, int64_t received,
			   bpacct__verdict *v)
{
	int32_t type = papers->id_type, reason = 0;
	const char *number = papers->id_number ? papers->id_number : "";
	size_t len;

	if (type < BPACCT_ID_CMND || type > BPACCT_ID_PASSPORT) {
		push(v, BPACCT_REASON_UNKNOWN_ID_TYPE);
		return;
	}
	len = bounded_len(number, BPACCT_CODE_MAX);
	if (len == BPACCT_CODE_MAX ||
	    bpacct_identity_check(type, number, len, received, &reason,
				  NULL) != BPACCT_OK)
		reason = invalid_id_reasons[type];
	if (reason != 0)
		push(v, reason);
	if (reason != 0 && reason != BPACCT_REASON_CMND_EXPIRED)
		return;
	if (account->holder_id_type != 0 && account->holder_id[0] != '\0' &&
	    !same_document(account, type, number))
		push(v, BPACCT_REASON_IDENTITY_MISMATCH);
}

static void check_na20(const struct bpacct_account *account,
		       const bpacct__papers *papers, bpacct__verdict *v)
{
	const char *const *f = papers->na20;
	const char *named = f[BPACCT_NA20_ACCOUNT];

	for (size_t i = 0; i < BPACCT_NA20_FIELDS; i++) {
		int ok;

		if (i == BPACCT_NA20_PHONE)
			ok = bpacct__phone_valid(f[i]);
		else if (i == BPACCT_NA20_EMAIL)
			ok = bpacct__email_valid(f[i]);
		else
			ok = filled(f[i]);
		if (!ok)
			push(v, na20_reasons[i]);
	}
	if (papers->na20_sealed == 0)
		push(v, BPACCT_REASON_NA20_SEAL);
	if (filled(named) && !same_text(named, account->id, BPACCT_ID_MAX))
		push(v, BPACCT_REASON_NA20_ACCOUNT_MISMATCH);
}

static void check_papers(const bpacct_profile *profile,
			 const struct bpacct_account *account,
			 const bpacct__papers *papers, int64_t received,
			 bpacct__verdict *v)
{
	uint32_t checks = profile->checks, docs = papers->documents;

	missing_papers(profile, papers, v);
	if ((checks & BPACCT_CHECK_ENTERPRISE_CODE) &&
	    (docs & BPACCT_DOC_ENTERPRISE_REGISTRATION))
		check_enterprise(account, papers, v);
	if ((checks & BPACCT_CHECK_IDENTITY) && (docs & BPACCT_DOC_IDENTITY))
		check_identity(account, papers, received, v);
	if ((checks & BPACCT_CHECK_NA20) && (docs & BPACCT_DOC_NA20))
		check_na20(account, papers, v);
}

void bpacct__validate(const bpacct_profile *profile,
		      const struct bpacct_account *account,
		      const bpacct__papers *papers, int64_t received,
		      int32_t receipt, bpacct__verdict *out)
{
	out->nreasons = 0;
	if (refused(profile, papers, receipt, out)) {
		out->outcome = BPACCT_OUTCOME_REFUSED;
	} else if (rejected(profile, account, papers, out)) {
		out->outcome = BPACCT_OUTCOME_REJECTED;
	} else {
		/* account is non-NULL here: rejected() saw to it. */
		check_papers(profile, account, papers, received, out);
		out->outcome = out->nreasons ? BPACCT_OUTCOME_SUPPLEMENT
					     : BPACCT_OUTCOME_ACCEPTED;
	}
}
