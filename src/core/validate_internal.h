/*
 * Validation of who may ask and of the papers (validate.c, contact.c):
 * the papers as the step hands them, and the verdict.
 */
#ifndef BPACCT_CORE_VALIDATE_INTERNAL_H
#define BPACCT_CORE_VALIDATE_INTERNAL_H

#include <stdint.h>

#include "bpacct/profile.h"
#include "core/record_layout.h"

/* The papers of a request as validation sees them: the record's papers
 * merged with a supplement's (strings NUL-terminated, NULL when absent). */
typedef struct bpacct__papers {
	const char *requester;
	int32_t channel;
	uint32_t documents;
	const char *enterprise_code;
	int32_t id_type;
	const char *id_number;
	const char *na20[BPACCT_NA20_FIELDS];
	int32_t na20_sealed;
} bpacct__papers;

/* The verdict of validation: an outcome and every reason. */
typedef struct bpacct__verdict {
	int32_t outcome;        /* bpacct_outcome */
	uint32_t nreasons;
	int32_t reasons[BPACCT__REASONS_MAX];
} bpacct__verdict;

/*
 * Validates a request (BP-R2, XNC-R3) that was received at `received` with
 * receipt status `receipt` (a bpacct_receipt_status), in this order:
 * refused (channel not allowed by the profile, in person outside a
 * session), then rejected (no account, wrong procedure, not the owner,
 * already cancelled), then supplement (every missing or invalid paper or
 * field, each with its reason), else accepted.  Pure; fills *out.
 */
void bpacct__validate(const bpacct_profile *profile,
		      const struct bpacct_account *account,
		      const bpacct__papers *papers, int64_t received,
		      int32_t receipt, bpacct__verdict *out);

/* Whitespace inside a field: blank, tab, line breaks. */
static inline int bpacct__is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The syntax of an NA20 phone number and e-mail address (contact.c); 0
 * for NULL. */
int bpacct__phone_valid(const char *s);
int bpacct__email_valid(const char *s);

#endif
