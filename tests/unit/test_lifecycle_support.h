/*
 * Helpers of the lifecycle tests (test_fsm, test_lifecycle_*): events,
 * one checked step, and reading effects.  Every helper asserts that the
 * call it wraps succeeded.  Identifiers (domain-reference §7): enterprise
 * code 0100109106 (valid check digit), CCCD 001090012345 (Hà Nội, 1990).
 */
#ifndef BPACCT_TEST_LIFECYCLE_SUPPORT_H
#define BPACCT_TEST_LIFECYCLE_SUPPORT_H

#include "test_support.h"

#include "core/record_layout.h"

#define TL_OWNER "0100109106"
#define TL_STRANGER "0301234562"
#define TL_CCCD "001090012345"
#define TL_NONE BPACCT_INSTANT_NONE

static inline bpacct_event tl_event(int32_t input, const char *at)
{
	bpacct_event e;
	assert_int_equal(bpacct_event_init(&e, BPACCT_EVENT_VERSION, input,
					   tst_at(at)),
			 BPACCT_OK);
	return e;
}

static inline const bpacct_profile *tl_builtin(int32_t procedure)
{
	const bpacct_profile *p = NULL;
	assert_int_equal(bpacct_profile_get(procedure, &p), BPACCT_OK);
	return p;
}

static inline bpacct_account *tl_account(const char *id)
{
	bpacct_account *a = NULL;
	assert_int_equal(bpacct_account_new(&a, id, NULL), BPACCT_OK);
	return a;
}

static inline bpacct_request *tl_request(const char *id)
{
	bpacct_request *r = NULL;
	assert_int_equal(bpacct_request_new(&r, id, NULL), BPACCT_OK);
	return r;
}

static inline bpacct_effects *tl_effects(void)
{
	bpacct_effects *fx = NULL;
	assert_int_equal(bpacct_effects_new(&fx, NULL), BPACCT_OK);
	return fx;
}

static inline void tl_apply(const bpacct_profile *p, bpacct_account *a,
			    bpacct_request *r, const bpacct_event *e,
			    bpacct_effects *fx)
{
	assert_int_equal(bpacct_apply(p, tst_cal, a, r, e, fx), BPACCT_OK);
}

static inline uint32_t tl_count(const bpacct_effects *fx)
{
	uint32_t n = 0;
	assert_int_equal(bpacct_effects_count(fx, &n), BPACCT_OK);
	return n;
}

static inline int64_t tl_int(const bpacct_effects *fx, uint32_t i,
			     int32_t field)
{
	int64_t v = 0;
	assert_int_equal(bpacct_effect_get_int(fx, i, field, &v), BPACCT_OK);
	return v;
}

static inline const char *tl_text(const bpacct_effects *fx, uint32_t i,
				  int32_t field)
{
	const char *s = NULL;
	assert_int_equal(bpacct_effect_get_text(fx, i, field, &s), BPACCT_OK);
	return s;
}

static inline int32_t tl_reason(const bpacct_effects *fx, uint32_t i,
				uint32_t k)
{
	int32_t r = 0;
	assert_int_equal(bpacct_effect_reason(fx, i, k, &r), BPACCT_OK);
	return r;
}

/* The index of the nth (0-based) effect of `type`, or -1. */
static inline int tl_find(const bpacct_effects *fx, int32_t type, int nth)
{
	uint32_t n = tl_count(fx);
	for (uint32_t i = 0; i < n; i++)
		if (tl_int(fx, i, BPACCT_FIELD_TYPE) == type && nth-- == 0)
			return (int)i;
	return -1;
}

/* The index of the one effect of `type` (asserted to exist). */
static inline uint32_t tl_one(const bpacct_effects *fx, int32_t type)
{
	int i = tl_find(fx, type, 0);
	assert_true(i >= 0);
	assert_int_equal(tl_find(fx, type, 1), -1);
	return (uint32_t)i;
}

static inline int tl_has(const bpacct_effects *fx, int32_t type)
{
	return tl_find(fx, type, 0) >= 0;
}

/* The reason of the step's REFUSED effect, or 0 when it has none. */
static inline int32_t tl_refused(const bpacct_effects *fx)
{
	int i = tl_find(fx, BPACCT_EFFECT_REFUSED, 0);
	return i < 0 ? 0 : tl_reason(fx, (uint32_t)i, 0);
}

static inline int64_t tl_acc(const bpacct_account *a, int32_t field)
{
	int64_t v = 0;
	assert_int_equal(bpacct_account_get_int(a, field, &v), BPACCT_OK);
	return v;
}

static inline const char *tl_acc_text(const bpacct_account *a,
				      int32_t field)
{
	const char *s = NULL;
	assert_int_equal(bpacct_account_get_text(a, field, &s), BPACCT_OK);
	return s;
}

static inline int64_t tl_req(const bpacct_request *r, int32_t field)
{
	int64_t v = 0;
	assert_int_equal(bpacct_request_get_int(r, field, &v), BPACCT_OK);
	return v;
}

/* The instant of an integer field formats as want. */
#define tl_instant_is(v, want) tst_instant_is((v), (want))

static inline void tl_issue(const bpacct_profile *p, bpacct_account *a,
			    bpacct_effects *fx, const char *at)
{
	bpacct_event e = tl_event(BPACCT_INPUT_ISSUE, at);
	e.procedure = p->procedure;
	e.owner = TL_OWNER;
	if (p->recipients & BPACCT_RECIPIENT_HOLDER) {
		e.holder_id_type = BPACCT_ID_CCCD;
		e.holder_id_number = TL_CCCD;
	}
	tl_apply(p, a, NULL, &e, fx);
	assert_int_equal(tl_acc(a, BPACCT_FIELD_STATE), BPACCT_STATE_ACTIVE);
}

/* A complete BP application (BP-A1) from the owner. */
static inline bpacct_event tl_bp_request(const char *at, const char *id,
					 int32_t channel)
{
	bpacct_event e = tl_event(BPACCT_INPUT_REQUEST, at);
	e.request = id;
	e.requester = TL_OWNER;
	e.channel = channel;
	e.documents = BPACCT_DOC_APPLICATION |
		      BPACCT_DOC_ENTERPRISE_REGISTRATION | BPACCT_DOC_IDENTITY;
	e.enterprise_code = TL_OWNER;
	e.id_type = BPACCT_ID_CCCD;
	e.id_number = TL_CCCD;
	return e;
}

/* A complete NA20 (XNC-1) from the owner for `account`. */
static inline bpacct_event tl_xnc_request(const char *at, const char *id,
					  int32_t channel,
					  const char *account)
{
	bpacct_event e = tl_event(BPACCT_INPUT_REQUEST, at);
	e.request = id;
	e.requester = TL_OWNER;
	e.channel = channel;
	e.documents = BPACCT_DOC_NA20;
	e.na20[BPACCT_NA20_ORGANISATION] = "Công ty TNHH Du lịch Sông Hồng";
	e.na20[BPACCT_NA20_ADDRESS] = "12 Tràng Tiền, Hoàn Kiếm, Hà Nội";
	e.na20[BPACCT_NA20_PHONE] = "024 3826 1234";
	e.na20[BPACCT_NA20_EMAIL] = "lienhe@songhong.vn";
	e.na20[BPACCT_NA20_ACCOUNT] = account;
	e.na20[BPACCT_NA20_REASON] = "Không còn nhu cầu sử dụng";
	e.na20[BPACCT_NA20_SIGNER] = "Nguyễn Văn An, Giám đốc";
	e.na20_sealed = 1;
	return e;
}

/* The record bytes that must not change, for memcmp. */
static inline void tl_snapshot(const bpacct_account *a,
			       struct bpacct_account *out)
{
	memcpy(out, a, sizeof *out);
}

#endif
