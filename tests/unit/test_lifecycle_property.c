/*
 * Properties of the step over random event sequences (fixed seed, so a
 * failure replays): a few accounts of BP, of a BP host profile with every
 * policy on, and of XNC, a pool of request ids, and thousands of random
 * inputs (issue, use, risk, requests complete or not, supplements, cancel,
 * ticks, unlock, exclusion), some out of order.  After every step:
 *
 * - never two cancellation transitions for one account, and nothing
 *   leaves cancelled (E1);
 * - every cancellation transition comes with the profile's cancellation
 *   notice to the profile's recipients in the same effects list (BP-R6,
 *   XNC-R);
 * - a refused input changes neither record, byte for byte;
 * - a request id given again returns its first outcome (E2);
 * - the state moves only along rows of the transition table;
 * - every transition and refusal has its audit (E4).
 */
#include <stdio.h>

#include "test_lifecycle_support.h"

#define ACCOUNTS 5
#define REQUESTS 6
#define STEPS 100000

static uint64_t rng_state = 0x2545F4914F6CDD1Du;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545F4914F6CDD1Du) >> 33) % n;
}

typedef struct slot {
	bpacct_account *acc;
	const bpacct_profile *profile;
	char id[16];
	int cancellations;
} slot;

typedef struct req_slot {
	bpacct_request *req;
	char id[16];
	char account[16]; /* "" until decided */
	int64_t first;    /* first outcome seen, 0 before */
} req_slot;

static slot accounts[ACCOUNTS];
static req_slot requests[REQUESTS];
static bpacct_profile host_bp;
static bpacct_effects *fx;
static int allowed[4][10][4]; /* [from][input][to] from the table */
static uint32_t serial;

static void load_table(void)
{
	uint32_t n = 0;
	int32_t from, input, to, reason;

	assert_int_equal(bpacct_fsm_transition_count(&n), BPACCT_OK);
	for (uint32_t i = 0; i < n; i++) {
		assert_int_equal(bpacct_fsm_transition_at(i, &from, &input, &to,
							  &reason),
				 BPACCT_OK);
		if (to >= 0)
			allowed[from][input][to] = 1;
	}
}

static void new_account(int k)
{
	bpacct_account_free(accounts[k].acc);
	snprintf(accounts[k].id, sizeof accounts[k].id, "ACC%u", serial++);
	accounts[k].acc = tl_account(accounts[k].id);
	accounts[k].cancellations = 0;
}

static void new_request(int k)
{
	bpacct_request_free(requests[k].req);
	snprintf(requests[k].id, sizeof requests[k].id, "REQ%u", serial++);
	requests[k].req = tl_request(requests[k].id);
	requests[k].account[0] = '\0';
	requests[k].first = 0;
}

static void setup_world(void)
{
	assert_int_equal(bpacct_profile_init(&host_bp, BPACCT_PROFILE_VERSION,
					     BPACCT_PROCEDURE_BP),
			 BPACCT_OK);
	host_bp.policies = BPACCT_POLICY_UNLOCK | BPACCT_POLICY_LOCK_NOTICE |
			   BPACCT_POLICY_INACTIVITY_ROLLING;
	host_bp.warning_days = 10;
	accounts[0].profile = tl_builtin(BPACCT_PROCEDURE_BP);
	accounts[1].profile = &host_bp;
	accounts[2].profile = tl_builtin(BPACCT_PROCEDURE_XNC);
	accounts[3].profile = tl_builtin(BPACCT_PROCEDURE_XNC);
	/* A BP account nobody uses: BP-C. */
	accounts[4].profile = tl_builtin(BPACCT_PROCEDURE_BP);
	for (int k = 0; k < ACCOUNTS; k++)
		new_account(k);
	for (int k = 0; k < REQUESTS; k++)
		new_request(k);
	fx = tl_effects();
	load_table();
}

static void free_world(void)
{
	for (int k = 0; k < ACCOUNTS; k++) {
		bpacct_account_free(accounts[k].acc);
		accounts[k].acc = NULL;
	}
	for (int k = 0; k < REQUESTS; k++) {
		bpacct_request_free(requests[k].req);
		requests[k].req = NULL;
	}
	bpacct_effects_free(fx);
}

static const int32_t channels[3] = { BPACCT_CHANNEL_IN_PERSON,
				     BPACCT_CHANNEL_POSTAL,
				     BPACCT_CHANNEL_ONLINE };

/* A submission, complete or with something missing or wrong. */
static void fill_submission(bpacct_event *e, const slot *s)
{
	if (s->profile->checks & BPACCT_CHECK_NA20) {
		bpacct_event x = tl_xnc_request("2026-01-05T08:00:00+07:00",
						"x", channels[rnd(3)], s->id);
		memcpy(e->na20, x.na20, sizeof e->na20);
		e->na20_sealed = 1;
		e->documents = BPACCT_DOC_NA20;
		if (rnd(3) == 0)
			e->na20[rnd(BPACCT_NA20_FIELDS)] = NULL;
		if (rnd(4) == 0)
			e->na20_sealed = 0;
	} else {
		e->documents = BPACCT_DOC_APPLICATION |
			       BPACCT_DOC_ENTERPRISE_REGISTRATION |
			       BPACCT_DOC_IDENTITY;
		e->enterprise_code = TL_OWNER;
		e->id_type = BPACCT_ID_CCCD;
		e->id_number = TL_CCCD;
		if (rnd(3) == 0)
			e->documents &= ~(1u << rnd(3));
	}
	e->requester = rnd(8) == 0 ? TL_STRANGER : TL_OWNER;
	e->channel = channels[rnd(3)];
	e->result_channel = rnd(2) ? channels[rnd(3)] : 0;
}

static int64_t clock_now;

/* What the run exercised, so that it cannot pass by doing nothing. */
static struct {
	int cancellations[5]; /* by case */
	int refusals, replays, accepted, supplements, locks;
} seen;

static bpacct_event random_event(const slot *s, req_slot **out_req)
{
	int32_t input = (int32_t)rnd(9) + 1;
	bpacct_event e;

	if (s == &accounts[ACCOUNTS - 1] && input != BPACCT_INPUT_ISSUE &&
	    input != BPACCT_INPUT_EXCLUDE)
		input = BPACCT_INPUT_TICK;

	/* Time moves on by up to a few hours, sometimes days; now and then
	 * an event comes late (out of order). */
	clock_now += rnd(50) == 0 ? (int64_t)rnd(10) * 86400
				  : (int64_t)rnd(2 * 3600);
	e = tl_event(input, "2026-01-05T08:00:00+07:00");
	e.at = clock_now - (rnd(10) == 0 ? (int64_t)rnd(6 * 3600) : 0);
	e.owner = TL_OWNER;
	e.procedure = s->profile->procedure;
	e.flag = (int32_t)rnd(2);
	e.detail = "rủi ro";
	*out_req = NULL;
	if (input == BPACCT_INPUT_ISSUE && rnd(2)) {
		e.holder_id_type = BPACCT_ID_CCCD;
		e.holder_id_number = TL_CCCD;
	}
	if (input == BPACCT_INPUT_REQUEST || input == BPACCT_INPUT_SUPPLEMENT) {
		int k = (int)rnd(REQUESTS);
		if (input == BPACCT_INPUT_REQUEST && rnd(5) == 0)
			new_request(k);
		*out_req = &requests[k];
		e.request = requests[k].id;
		fill_submission(&e, s);
		if (input == BPACCT_INPUT_SUPPLEMENT && rnd(2))
			e.channel = 0;
	}
	return e;
}

static int is_cancel_notice(uint32_t i, const bpacct_profile *p)
{
	return tl_int(fx, i, BPACCT_FIELD_TYPE) == BPACCT_EFFECT_NOTICE &&
	       tl_int(fx, i, BPACCT_FIELD_KIND) == p->cancellation_notice &&
	       tl_int(fx, i, BPACCT_FIELD_RECIPIENTS) == p->recipients &&
	       tl_int(fx, i, BPACCT_FIELD_DOCUMENT) ==
		       p->cancellation_document;
}

/* Whether the step first ran what was due (E6): effects of input tick
 * ahead of an event that is not one. */
static int ran_due_first(int32_t input)
{
	if (input == BPACCT_INPUT_TICK)
		return 0;
	for (uint32_t i = 0; i < tl_count(fx); i++)
		if (tl_int(fx, i, BPACCT_FIELD_INPUT) == BPACCT_INPUT_TICK)
			return 1;
	return 0;
}

/* Transitions the event itself made (not what ran before it, E6). */
static int own_transitions(int32_t input)
{
	int n = 0;

	for (uint32_t i = 0; i < tl_count(fx); i++)
		n += tl_int(fx, i, BPACCT_FIELD_TYPE) ==
			     BPACCT_EFFECT_TRANSITION &&
		     tl_int(fx, i, BPACCT_FIELD_INPUT) == input;
	return n;
}

static void check_effects(slot *s, int32_t input)
{
	uint32_t n = tl_count(fx);
	int transitions = 0, cancels = 0, notices = 0, audits = 0;
	int refused = 0;

	for (uint32_t i = 0; i < n; i++) {
		int64_t type = tl_int(fx, i, BPACCT_FIELD_TYPE);
		if (type == BPACCT_EFFECT_TRANSITION) {
			transitions++;
			if (tl_int(fx, i, BPACCT_FIELD_TO) ==
			    BPACCT_STATE_CANCELLED)
				cancels++;
		}
		notices += is_cancel_notice(i, s->profile);
		audits += type == BPACCT_EFFECT_AUDIT;
		refused += type == BPACCT_EFFECT_REFUSED;
	}
	assert_true(cancels <= 1);
	seen.refusals += refused;
	if (cancels) {
		int t = tl_find(fx, BPACCT_EFFECT_TRANSITION, 0);
		seen.cancellations[tl_int(fx, (uint32_t)t, BPACCT_FIELD_CASE)]++;
		s->cancellations++;
		assert_int_equal(s->cancellations, 1);
		assert_int_equal(notices, 1);
	}
	assert_true(audits >= transitions);
	if (refused)
		assert_int_equal(own_transitions(input), 0);
	if (refused)
		assert_true(audits >= 1);
}

/* Effects of what ran before the event (E6). */
static int due_effects(void)
{
	int n = 0;

	for (uint32_t i = 0; i < tl_count(fx); i++)
		n += tl_int(fx, i, BPACCT_FIELD_INPUT) == BPACCT_INPUT_TICK;
	return n;
}

/* E2: the request's standing outcome, seen by the test, again; a
 * supplement's decision becomes the standing one. */
static void check_request(const slot *s, req_slot *r, int32_t input,
			  int was_decided)
{
	int o = tl_find(fx, BPACCT_EFFECT_OUTCOME, 0);
	int64_t outcome;

	if (o < 0)
		return;
	outcome = tl_int(fx, (uint32_t)o, BPACCT_FIELD_OUTCOME);
	if (tl_refused(fx) != 0)
		return; /* refused before judging: reused id, out of order */
	if (input == BPACCT_INPUT_SUPPLEMENT) {
		if (outcome != BPACCT_OUTCOME_REFUSED) /* received */
			r->first = outcome;
		return;
	}
	if (input != BPACCT_INPUT_REQUEST)
		return;
	if (outcome == BPACCT_OUTCOME_ACCEPTED)
		seen.accepted += !was_decided;
	if (outcome == BPACCT_OUTCOME_SUPPLEMENT)
		seen.supplements += !was_decided;
	if (was_decided) {
		seen.replays++;
		assert_string_equal(r->account, s->id);
		/* E2: the standing outcome, marked, and nothing else of
		 * the event's own (what was due may have run first). */
		assert_int_equal(outcome, r->first);
		assert_int_equal(tl_int(fx, (uint32_t)o, BPACCT_FIELD_REPLAY),
				 1);
		assert_int_equal(tl_count(fx) - (uint32_t)due_effects(), 1);
		return;
	}
	r->first = outcome;
	memcpy(r->account, s->id, sizeof r->account);
}

static void one_step(void)
{
	int k = (int)rnd(ACCOUNTS);
	slot *s = &accounts[k];
	req_slot *r = NULL;
	struct bpacct_account acc_before;
	struct bpacct_request req_before;
	bpacct_event e;
	int64_t from;
	int was_decided = 0;

	if (s->cancellations && rnd(4) == 0)
		new_account(k);
	e = random_event(s, &r);
	if (r) {
		memcpy(&req_before, r->req, sizeof req_before);
		was_decided = r->first != 0 &&
			      strcmp(r->account, s->id) == 0;
	}
	tl_snapshot(s->acc, &acc_before);
	from = tl_acc(s->acc, BPACCT_FIELD_STATE);
	tl_apply(s->profile, s->acc, r ? r->req : NULL, &e, fx);
	check_effects(s, e.input);
	if (tl_refused(fx) != 0 && !ran_due_first(e.input)) {
		assert_memory_equal(&acc_before, s->acc, sizeof acc_before);
		if (r)
			assert_memory_equal(&req_before, r->req,
					    sizeof req_before);
	}
	if (r)
		check_request(s, r, e.input, was_decided);
	{
		int64_t to = tl_acc(s->acc, BPACCT_FIELD_STATE);
		if (to != from && !ran_due_first(e.input))
			assert_int_equal(allowed[from][e.input][to], 1);
		if (to != from && ran_due_first(e.input))
			assert_int_equal(to, BPACCT_STATE_CANCELLED);
		seen.locks += to == BPACCT_STATE_LOCKED &&
			      from == BPACCT_STATE_ACTIVE;
		if (from == BPACCT_STATE_CANCELLED)
			assert_int_equal(to, BPACCT_STATE_CANCELLED);
	}
}

/* The engine's own ticks: exactly at the next due instant. */
static void due_tick(void)
{
	int k = (int)rnd(ACCOUNTS);
	slot *s = &accounts[k];
	int64_t due = 0;
	bpacct_event e;

	assert_int_equal(bpacct_account_next_due(s->profile, tst_cal, s->acc,
						 &due),
			 BPACCT_OK);
	if (due == TL_NONE || due > clock_now + 30 * 86400)
		return;
	if (due > clock_now)
		clock_now = due;
	e = tl_event(BPACCT_INPUT_TICK, "2026-01-05T08:00:00+07:00");
	e.at = clock_now;
	tl_apply(s->profile, s->acc, NULL, &e, fx);
	check_effects(s, BPACCT_INPUT_TICK);
}

static void test_property_random_sequences_keep_every_invariant(void **state)
{
	(void)state;
	clock_now = tst_at("2026-01-05T08:00:00+07:00");
	setup_world();
	for (int i = 0; i < STEPS; i++) {
		if (rnd(5) == 0)
			due_tick();
		else
			one_step();
		/* A new epoch of new records, well inside the calendar. */
		if (clock_now > tst_at("2029-01-01T00:00:00+07:00")) {
			clock_now = tst_at("2026-01-05T08:00:00+07:00");
			for (int k = 0; k < ACCOUNTS; k++)
				new_account(k);
			for (int k = 0; k < REQUESTS; k++)
				new_request(k);
		}
	}
	free_world();
	printf("cancellations bp-a %d bp-b %d bp-c %d xnc %d; accepted %d, "
	       "supplement %d, replays %d, refusals %d, locks %d\n",
	       seen.cancellations[1], seen.cancellations[2],
	       seen.cancellations[3], seen.cancellations[4], seen.accepted,
	       seen.supplements, seen.replays, seen.refusals, seen.locks);
	for (int c = 1; c <= 4; c++)
		assert_true(seen.cancellations[c] >= 5);
	assert_true(seen.replays >= 50);
	assert_true(seen.refusals >= 1000);
	assert_true(seen.supplements >= 40);
	assert_true(seen.accepted >= 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			test_property_random_sequences_keep_every_invariant),
	};
	return cmocka_run_group_tests(tests, tst_calendar_setup,
				      tst_calendar_teardown);
}
