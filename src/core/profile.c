/*
 * The two built-in procedures as constant data (seeds-en.md, rules.md).
 * Everything the engine does differently for BP and XNC is read from
 * these rows; a host procedure is one more row the host fills in.  The
 * rows hold no pointer (reception and result sessions are NULL: the
 * defaults), so the table stays in read-only data without relocations.
 */
#include <string.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/lifecycle.h"
#include "bpacct/profile.h"
#include "core/lifecycle_internal.h"

#define CH(c) (1u << (c))
#define ALL_CHANNELS                                                      \
	(CH(BPACCT_CHANNEL_IN_PERSON) | CH(BPACCT_CHANNEL_POSTAL) |       \
	 CH(BPACCT_CHANNEL_ONLINE))
#define ALL_DOCS                                                          \
	(BPACCT_DOC_APPLICATION | BPACCT_DOC_ENTERPRISE_REGISTRATION |    \
	 BPACCT_DOC_IDENTITY | BPACCT_DOC_NA20)
#define ALL_CHECKS                                                        \
	(BPACCT_CHECK_ENTERPRISE_CODE | BPACCT_CHECK_IDENTITY |           \
	 BPACCT_CHECK_NA20)
#define ALL_RECIPIENTS (BPACCT_RECIPIENT_OWNER | BPACCT_RECIPIENT_HOLDER)
#define ALL_POLICIES                                                      \
	(BPACCT_POLICY_LOCK_NOTICE | BPACCT_POLICY_UNLOCK |               \
	 BPACCT_POLICY_INACTIVITY_ROLLING | BPACCT_POLICY_INACTIVITY_EXTEND | \
	 BPACCT_POLICY_WORKING_HOURS)
/* A warning further ahead than a year is a mistake, not a policy. */
#define WARNING_DAYS_MAX 366

#define SUP BPACCT_NOTICE_SUPPLEMENT
#define REJ BPACCT_NOTICE_REJECTION

static const bpacct_profile builtin[2] = {
	/* BP: seed 000, BP-A/B/C, BP-R1..R6. */
	{ BPACCT_PROFILE_VERSION, BPACCT_PROCEDURE_BP, "bp",
	  ALL_CHANNELS, /* BP-A1: postal, in person, portal */
	  BPACCT_DOC_APPLICATION | BPACCT_DOC_ENTERPRISE_REGISTRATION |
		  BPACCT_DOC_IDENTITY, /* BP-A1, BP-R2 */
	  BPACCT_CHECK_ENTERPRISE_CODE | BPACCT_CHECK_IDENTITY,
	  BPACCT_RULE_BP_REQUEST, BPACCT_CASE_BP_A, /* BP-A2, BP-R3 */
	  BPACCT_RULE_BP_LOCK,                      /* BP-B2, BP-R4 */
	  BPACCT_RULE_BP_INACTIVITY,                /* BP-C1, BP-R5 */
	  0,                                        /* no warning */
	  ALL_RECIPIENTS,                           /* BP-A3, BP-R6 */
	  BPACCT_NOTICE_CANCELLATION, BPACCT_DOCUMENT_MAU06,
	  BPACCT_NOTICE_BY_REQUEST, /* BP-R6: case A by its channel */
	  /* [outcome - 1][channel - 1]: in person, postal, online.  The
	   * acceptance owes no notice of its own: the cancellation notice
	   * follows within 2 hours (BP-A3). */
	  { { 0, 0, 0 },
	    { SUP, SUP, SUP },
	    { REJ, REJ, REJ },
	    { 0, 0, 0 } },
	  0u,   /* no fee anywhere */
	  0u,   /* BP-R4, BP-R5 defaults: every policy off */
	  NULL, /* BP-R1: received at any time */
	  NULL },
	/* XNC: seed 004, XNC-1..XNC-R, XNC-R1..R5. */
	{ BPACCT_PROFILE_VERSION, BPACCT_PROCEDURE_XNC, "xnc",
	  ALL_CHANNELS,       /* XNC-CH */
	  BPACCT_DOC_NA20,    /* XNC-1: one original of NA20 */
	  BPACCT_CHECK_NA20,  /* XNC-2, XNC-R3 */
	  BPACCT_RULE_XNC_REQUEST, BPACCT_CASE_XNC, /* XNC-T, XNC-R4 */
	  0,                  /* no security lock */
	  0,                  /* no inactivity cancellation */
	  0,
	  BPACCT_RECIPIENT_OWNER, /* the organisation */
	  BPACCT_NOTICE_NB10, BPACCT_DOCUMENT_NB10, /* XNC-R */
	  BPACCT_NOTICE_BY_RESULT,                  /* XNC-3, XNC-R5 */
	  /* XNC-R3: accepted → in person a receipt, online a portal
	   * acceptance, postal none (the written reply is the NB10). */
	  { { BPACCT_NOTICE_RECEIPT, 0, BPACCT_NOTICE_ACCEPTANCE },
	    { SUP, SUP, SUP },
	    { REJ, REJ, REJ },
	    { 0, 0, 0 } },
	  CH(BPACCT_CHANNEL_POSTAL), /* XNC-2d, XNC-F */
	  0u,
	  NULL, /* XNC-R1 reception: the rule's default */
	  NULL }, /* XNC-R5 result: BPACCT_SESSIONS_XNC_RESULT */
};

int bpacct_profile_get(int32_t procedure, const bpacct_profile **out)
{
	if (!out)
		return BPACCT_EINVAL;
	if (procedure != BPACCT_PROCEDURE_BP &&
	    procedure != BPACCT_PROCEDURE_XNC)
		return BPACCT_ENOTFOUND;
	*out = &builtin[procedure - 1];
	return BPACCT_OK;
}

int bpacct_profile_init(bpacct_profile *profile, uint32_t version,
			int32_t base)
{
	if (!profile || version == 0 || version > BPACCT_PROFILE_VERSION)
		return BPACCT_EMISUSE;
	if (base != BPACCT_PROCEDURE_BP && base != BPACCT_PROCEDURE_XNC)
		return BPACCT_ENOTFOUND;
	/* Version 1 is the whole struct; a later version copies only the
	 * fields the caller's version has. */
	*profile = builtin[base - 1];
	profile->version = version;
	return BPACCT_OK;
}

static int rule_ok(int32_t rule, int optional)
{
	if (rule == 0)
		return optional;
	return rule >= BPACCT_RULE_BP_REQUEST &&
	       rule <= BPACCT_RULE_XNC_REQUEST;
}

static int kind_ok(int32_t kind, int optional)
{
	if (kind == 0)
		return optional;
	return kind >= BPACCT_NOTICE_CANCELLATION &&
	       kind <= BPACCT_NOTICE_INACTIVITY_WARNING;
}

static int name_ok(const char *name, size_t size)
{
	size_t n = 0;
	while (n < size && name[n] != '\0')
		n++;
	return n > 0 && n < size;
}

static int sessions_ok(const bpacct_sessions *s)
{
	return !s || bpacct_sessions_check(s) == BPACCT_OK;
}

static int notices_ok(const bpacct_profile *p)
{
	for (size_t o = 0; o < 4; o++)
		for (size_t c = 0; c < 3; c++)
			if (!kind_ok(p->outcome_notice[o][c], 1))
				return 0;
	return 1;
}

/* Every field within its enumeration or mask. */
static int fields_ok(const bpacct_profile *p)
{
	int32_t proc = p->procedure;

	return (proc == BPACCT_PROCEDURE_BP || proc == BPACCT_PROCEDURE_XNC ||
		proc >= 100) &&
	       name_ok(p->name, sizeof p->name) &&
	       p->channels != 0 && !(p->channels & ~ALL_CHANNELS) &&
	       !(p->required_documents & ~ALL_DOCS) &&
	       !(p->checks & ~ALL_CHECKS) &&
	       rule_ok(p->request_rule, 0) &&
	       p->request_case >= BPACCT_CASE_BP_A &&
	       p->request_case <= BPACCT_CASE_XNC &&
	       rule_ok(p->lock_rule, 1) && rule_ok(p->inactivity_rule, 1) &&
	       p->warning_days >= 0 && p->warning_days <= WARNING_DAYS_MAX &&
	       p->recipients != 0 && !(p->recipients & ~ALL_RECIPIENTS) &&
	       kind_ok(p->cancellation_notice, 0) &&
	       p->cancellation_document >= BPACCT_DOCUMENT_NONE &&
	       p->cancellation_document <= BPACCT_DOCUMENT_MAU06 &&
	       p->request_notice_channel >= BPACCT_NOTICE_BY_REQUEST &&
	       p->request_notice_channel <= BPACCT_NOTICE_BY_PORTAL &&
	       notices_ok(p) && !(p->fee_channels & ~ALL_CHANNELS) &&
	       !(p->policies & ~ALL_POLICIES);
}

int bpacct_profile_check(const bpacct_profile *profile)
{
	if (!profile)
		return BPACCT_EINVAL;
	if (profile->version == 0 || profile->version > BPACCT_PROFILE_VERSION)
		return BPACCT_EMISUSE;
	if (!fields_ok(profile) || !sessions_ok(profile->reception) ||
	    !sessions_ok(profile->result))
		return BPACCT_EINVAL;
	return BPACCT_OK;
}

int bpacct__profile_builtin(const bpacct_profile *profile)
{
	return profile == &builtin[0] || profile == &builtin[1];
}
