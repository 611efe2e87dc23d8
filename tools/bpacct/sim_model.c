/*
 * The population of `bpacct simulate` and its events, in time order.
 *
 * Each account has its own splitmix64 stream, seeded from --seed and its
 * index, and at most one pending action of each kind (issue, next use,
 * next request step, risk, officer's cancel) in a binary heap ordered by
 * (instant, account, kind).  Actions are drawn lazily, one ahead, so the
 * memory is O(accounts) whatever the number of years or uses.  The host's
 * tick runs every hour on the hour (SIM_TICK) between the events.
 *
 * Usage patterns: daily (a use on 85 % of days, 06:00–20:00), occasional
 * (gaps of 7 to 60 days), once (one use within 20 days of issue, then
 * silence), never.  A request is filed at a random instant between issue
 * and the end: complete (70 %), missing a paper then supplemented 1 hour
 * to 10 days later (20 %), missing a paper and never supplemented (5 %),
 * or filed by an enterprise that is not the owner (5 %).  Channels: BP
 * online 60 %, postal 20 %, in person 20 %; XNC a third each, a visit in
 * person inside a reception session 70 % of the time (else at a random
 * instant, refused when outside one, and made again in a session).  Risks
 * (BP only) come at a random instant.  Half of the pending BP
 * cancellations are executed by an officer 5 to 150 minutes after the
 * trigger (after 120 the engine has done it: the officer is refused).
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define NONE BPACCT_INSTANT_NONE
#define MINUTE ((int64_t)60)

uint64_t sim_next(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

uint64_t sim_below(uint64_t *state, uint64_t n)
{
	return n ? sim_next(state) % n : 0;
}

int sim_chance(uint64_t *state, uint32_t ppm)
{
	return sim_below(state, SIM_PPM) < ppm;
}

/* --- the heap ------------------------------------------------------- */

static int ev_less(const sim_ev *a, const sim_ev *b)
{
	if (a->t != b->t)
		return a->t < b->t;
	if (a->idx != b->idx)
		return a->idx < b->idx;
	return a->kind < b->kind;
}

void sim_push(sim *s, uint32_t idx, uint32_t kind, int64_t t)
{
	sim_ev e;
	size_t i;

	if (t == NONE || s->acc[idx].cancelled)
		return;
	if (t < s->clock)
		t = s->clock; /* never behind the engine's clock */
	if (t >= s->end)
		return;
	if (s->nheap == s->cap) {
		size_t cap = s->cap * 2;
		sim_ev *grown = realloc(s->heap, cap * sizeof *grown);

		if (!grown) {
			s->oom = 1;
			return;
		}
		s->heap = grown;
		s->cap = cap;
	}
	s->acc[idx].t[kind] = t;
	e.t = t;
	e.idx = idx;
	e.kind = kind;
	i = s->nheap++;
	while (i > 0 && ev_less(&e, &s->heap[(i - 1) / 2])) {
		s->heap[i] = s->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	s->heap[i] = e;
}

static sim_ev pop(sim *s)
{
	sim_ev top = s->heap[0], last = s->heap[--s->nheap];
	size_t i = 0, n = s->nheap;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && ev_less(&s->heap[c + 1], &s->heap[c]))
			c++;
		if (!ev_less(&s->heap[c], &last))
			break;
		s->heap[i] = s->heap[c];
		i = c;
	}
	if (n > 0)
		s->heap[i] = last;
	return top;
}

/* --- drawing actions ------------------------------------------------ */

/* A random instant in [from, to), or `from` when the range is empty. */
static int64_t between(sim_acct *a, int64_t from, int64_t to)
{
	return to > from ? from + (int64_t)sim_below(&a->rng,
						     (uint64_t)(to - from))
			 : from;
}

/* The instant of the day of t at a random second in [h0, h1) hours. */
static int64_t day_at(sim_acct *a, int64_t t, int h0, int h1)
{
	int64_t midnight = t - (((t + 7 * SIM_HOUR) % SIM_DAY) + SIM_DAY) %
				       SIM_DAY; /* 00:00 at UTC+07:00 (T1) */

	return midnight + h0 * SIM_HOUR +
	       (int64_t)sim_below(&a->rng, (uint64_t)((h1 - h0) * SIM_HOUR));
}

static void next_use(sim *s, uint32_t idx, int64_t after)
{
	sim_acct *a = &s->acc[idx];
	int64_t t = NONE;

	switch (a->pattern) {
	case SIM_DAILY: {
		int64_t day = after + SIM_DAY;

		while (sim_chance(&a->rng, 150000))
			day += SIM_DAY;
		t = day_at(a, day, 6, 20);
		break;
	}
	case SIM_OCCASIONAL:
		t = day_at(a, after + (7 + (int64_t)sim_below(&a->rng, 54)) *
					      SIM_DAY, 6, 22);
		break;
	case SIM_ONCE:
		if (a->last_used == NONE && after == a->issued)
			t = after + SIM_HOUR +
			    (int64_t)sim_below(&a->rng,
					       (uint64_t)(20 * SIM_DAY));
		break;
	default:
		break;
	}
	if (t != NONE)
		sim_push(s, idx, SIM_K_USE, t > after ? t : after + 1);
}

/* An instant inside an XNC reception session, at or after t. */
static int64_t in_session(sim *s, sim_acct *a, int64_t t)
{
	int64_t open = t, close = t;

	if (bpacct_sessions_find(s->cal, &s->reception, t, &open, &close) !=
	    BPACCT_OK)
		return NONE;
	if (t >= open && t < close)
		return t;
	return between(a, open, close);
}

/* A visit in person to the XNC office: in a session unless `anytime`. */
static int64_t visit(sim *s, sim_acct *a, int64_t t, int anytime)
{
	if (a->procedure != BPACCT_PROCEDURE_XNC ||
	    a->channel != BPACCT_CHANNEL_IN_PERSON || anytime)
		return t;
	return in_session(s, a, t);
}

void sim_officer(sim *s, uint32_t idx, int64_t trigger)
{
	sim_acct *a = &s->acc[idx];
	int64_t t;

	if (!sim_chance(&a->rng, 500000))
		return;
	t = (trigger > s->clock ? trigger : s->clock) + 5 * MINUTE +
	    (int64_t)sim_below(&a->rng, (uint64_t)(145 * MINUTE));
	if (a->t[SIM_K_CANCEL] == NONE || a->t[SIM_K_CANCEL] < s->clock)
		sim_push(s, idx, SIM_K_CANCEL, t);
}

/* --- the population ------------------------------------------------- */

static void draw_account(sim *s, uint32_t idx)
{
	sim_acct *a = &s->acc[idx];
	uint32_t r, cum = 0;

	a->rng = s->cfg.seed ^ (((uint64_t)idx + 1) * 0xd1b54a32d192ed03u);
	(void)sim_next(&a->rng);
	for (int k = 0; k < SIM_KINDS; k++)
		a->t[k] = NONE;
	a->last_used = a->trig_request = a->trig_lock = NONE;
	if (s->cfg.procedures == 3)
		a->procedure = sim_chance(&a->rng, 500000)
				       ? BPACCT_PROCEDURE_BP
				       : BPACCT_PROCEDURE_XNC;
	else
		a->procedure = (uint8_t)s->cfg.procedures;
	r = (uint32_t)sim_below(&a->rng, SIM_PPM);
	a->pattern = SIM_NEVER;
	for (int p = 0; p < SIM_PATTERNS; p++) {
		cum += s->cfg.mix[p];
		if (r < cum) {
			a->pattern = (uint8_t)p;
			break;
		}
	}
	a->issued = between(a, s->start, s->issue_end);
	a->request = SIM_REQ_NONE;
	if (sim_chance(&a->rng, s->cfg.mix[SIM_MIX_REQUESTS])) {
		r = (uint32_t)sim_below(&a->rng, 100);
		a->request = r < 70   ? SIM_REQ_COMPLETE
			     : r < 90 ? SIM_REQ_SUPPLEMENT
			     : r < 95 ? SIM_REQ_ABANDONED
				      : SIM_REQ_STRANGER;
		r = (uint32_t)sim_below(&a->rng, 30);
		if (a->procedure == BPACCT_PROCEDURE_BP)
			a->channel = r < 18   ? BPACCT_CHANNEL_ONLINE
				     : r < 24 ? BPACCT_CHANNEL_POSTAL
					      : BPACCT_CHANNEL_IN_PERSON;
		else
			a->channel = (uint8_t)(1 + r / 10);
		a->t[SIM_K_REQUEST] = between(a, a->issued + 1, s->end);
	}
	if (a->procedure == BPACCT_PROCEDURE_BP &&
	    sim_chance(&a->rng, s->cfg.mix[SIM_MIX_RISKS]))
		a->t[SIM_K_RISK] = between(a, a->issued + 1, s->end);
	sim_push(s, idx, SIM_K_ISSUE, a->issued);
}

/* Valid enterprise codes, found with the library's own check. */
static void find_owners(sim *s)
{
	uint32_t found = 0;

	for (uint32_t k = 0; found < 16 && k < 100000; k++) {
		char code[BPACCT_CODE_MAX];
		int32_t reason = -1;

		snprintf(code, sizeof code, "%010u", 100109106u + 7919u * k);
		if (bpacct_enterprise_code_check(code, strlen(code), &reason) ==
			    BPACCT_OK &&
		    reason == 0)
			memcpy(s->owners[found++], code, sizeof code);
	}
}

int sim_setup(sim *s)
{
	size_t n = s->cfg.accounts;

	s->acc = calloc(n, sizeof *s->acc);
	s->cap = n * 2 + 16; /* grows to about one entry per kind */
	s->clock = s->start;
	s->heap = malloc(s->cap * sizeof *s->heap);
	if (!s->acc || !s->heap)
		return BPACCT_ENOMEM;
	find_owners(s);
	bpacct_sessions_init(&s->reception, BPACCT_SESSIONS_VERSION,
			     BPACCT_SESSIONS_XNC_RECEPTION);
	for (uint32_t i = 0; i < s->cfg.accounts; i++)
		draw_account(s, i);
	return BPACCT_OK;
}

void sim_free(sim *s)
{
	free(s->acc);
	free(s->heap);
	s->acc = NULL;
	s->heap = NULL;
}

/* --- submitting ----------------------------------------------------- */

static const char *const na20_text[BPACCT_NA20_FIELDS] = {
	"Công ty TNHH Mô phỏng", "12 Tràng Tiền, Hoàn Kiếm, Hà Nội",
	"024 3826 1234", "lienhe@mophong.vn", NULL,
	"Không còn nhu cầu sử dụng", "Nguyễn Văn An, Giám đốc"
};

static void ids(uint32_t idx, char *account, char *holder)
{
	snprintf(account, BPACCT_ID_MAX, "A%07u", idx);
	if (holder)
		snprintf(holder, BPACCT_CODE_MAX, "C%07u", idx % 10000000u);
}

static const char *owner_of(const sim *s, uint32_t idx)
{
	const sim_acct *a = &s->acc[idx];

	return s->owners[(a->procedure == BPACCT_PROCEDURE_BP ? 0 : 8) +
			 idx % 8];
}

static int submit(sim *s, uint32_t idx, bpacct_event *e)
{
	char account[BPACCT_ID_MAX];

	ids(idx, account, NULL);
	s->clock = e->at;
	s->current = idx;
	s->current_refused = 0;
	s->current_outcome = 0;
	s->current_input = e->input;
	return bpacct_engine_submit(s->engine, account, e);
}

static int do_issue(sim *s, uint32_t idx, int64_t t)
{
	sim_acct *a = &s->acc[idx];
	char account[BPACCT_ID_MAX], holder[BPACCT_CODE_MAX];
	bpacct_event e;
	int rc;

	ids(idx, account, holder);
	bpacct_event_init(&e, BPACCT_EVENT_VERSION, BPACCT_INPUT_ISSUE, t);
	e.procedure = a->procedure;
	e.owner = owner_of(s, idx);
	if (a->procedure == BPACCT_PROCEDURE_BP) {
		e.holder_id_type = BPACCT_ID_PASSPORT;
		e.holder_id_number = holder;
	}
	s->st.issued[a->procedure]++;
	s->st.events[SIM_K_ISSUE]++;
	rc = submit(s, idx, &e);
	if (rc != BPACCT_OK || s->current_refused) {
		a->cancelled = 1; /* never issued: nothing more happens */
		return rc;
	}
	next_use(s, idx, t);
	if (a->t[SIM_K_REQUEST] != NONE)
		sim_push(s, idx, SIM_K_REQUEST,
			 visit(s, a, a->t[SIM_K_REQUEST],
			       sim_chance(&a->rng, 300000)));
	if (a->t[SIM_K_RISK] != NONE)
		sim_push(s, idx, SIM_K_RISK, a->t[SIM_K_RISK]);
	return BPACCT_OK;
}

static void papers(sim *s, uint32_t idx, bpacct_event *e, const char *holder,
		   const char *account, int complete)
{
	sim_acct *a = &s->acc[idx];

	if (a->procedure == BPACCT_PROCEDURE_BP) {
		e->documents = BPACCT_DOC_APPLICATION |
			       BPACCT_DOC_ENTERPRISE_REGISTRATION;
		e->enterprise_code = e->requester;
		if (complete) {
			e->documents |= BPACCT_DOC_IDENTITY;
			e->id_type = BPACCT_ID_PASSPORT;
			e->id_number = holder;
		}
		return;
	}
	e->documents = BPACCT_DOC_NA20;
	for (int f = 0; f < BPACCT_NA20_FIELDS; f++)
		e->na20[f] = na20_text[f];
	e->na20[BPACCT_NA20_ACCOUNT] = account;
	if (!complete)
		e->na20[BPACCT_NA20_PHONE] = NULL;
	e->na20_sealed = 1;
}

/* A random delay of less than `days` days. */
static int64_t later(sim_acct *a, int64_t days)
{
	return (int64_t)sim_below(&a->rng, (uint64_t)(days * SIM_DAY));
}

static int do_request(sim *s, uint32_t idx, int64_t t)
{
	sim_acct *a = &s->acc[idx];
	char account[BPACCT_ID_MAX], holder[BPACCT_CODE_MAX];
	char request[BPACCT_ID_MAX];
	bpacct_event e;
	int rc, supplement = a->supplement_due;

	ids(idx, account, holder);
	if (!supplement)
		a->step++;
	snprintf(request, sizeof request, "R%07u-%u", idx, a->step);
	bpacct_event_init(&e, BPACCT_EVENT_VERSION,
			  supplement ? BPACCT_INPUT_SUPPLEMENT
				     : BPACCT_INPUT_REQUEST, t);
	e.request = request;
	e.requester = owner_of(s, idx);
	if (supplement) {
		a->supplement_due = 0;
		if (a->procedure == BPACCT_PROCEDURE_BP) {
			e.documents = BPACCT_DOC_IDENTITY;
			e.id_type = BPACCT_ID_PASSPORT;
			e.id_number = holder;
		} else {
			e.na20[BPACCT_NA20_PHONE] =
				na20_text[BPACCT_NA20_PHONE];
		}
		s->st.events[SIM_KINDS]++;
	} else {
		if (a->request == SIM_REQ_STRANGER)
			e.requester = s->owners[(a->procedure ==
							 BPACCT_PROCEDURE_BP
						 ? 0 : 8) + (idx + 1) % 8];
		e.channel = a->channel;
		papers(s, idx, &e, holder, account,
		       a->request == SIM_REQ_COMPLETE ||
			       a->request == SIM_REQ_STRANGER);
		s->st.events[SIM_K_REQUEST]++;
	}
	rc = submit(s, idx, &e);
	if (rc != BPACCT_OK)
		return rc;
	if (s->current_outcome == BPACCT_OUTCOME_SUPPLEMENT &&
	    a->request == SIM_REQ_SUPPLEMENT) {
		a->supplement_due = 1;
		sim_push(s, idx, SIM_K_REQUEST,
			 visit(s, a, t + SIM_HOUR + later(a, 9), 0));
	} else if (s->current_outcome == BPACCT_OUTCOME_REFUSED &&
		   !supplement && a->step < 4) {
		/* Handed over outside a session: come back in one. */
		sim_push(s, idx, SIM_K_REQUEST,
			 visit(s, a, t + SIM_HOUR + later(a, 2), 0));
	}
	return BPACCT_OK;
}

static int handle(sim *s, const sim_ev *ev)
{
	sim_acct *a = &s->acc[ev->idx];
	bpacct_event e;
	int rc;

	a->t[ev->kind] = NONE;
	switch (ev->kind) {
	case SIM_K_ISSUE:
		return do_issue(s, ev->idx, ev->t);
	case SIM_K_USE:
		s->st.events[SIM_K_USE]++;
		bpacct_event_init(&e, BPACCT_EVENT_VERSION, BPACCT_INPUT_USE,
				  ev->t);
		rc = submit(s, ev->idx, &e);
		if (rc == BPACCT_OK && !s->current_refused)
			a->last_used = ev->t;
		next_use(s, ev->idx, ev->t);
		return rc;
	case SIM_K_REQUEST:
		return do_request(s, ev->idx, ev->t);
	case SIM_K_RISK:
		s->st.events[SIM_K_RISK]++;
		bpacct_event_init(&e, BPACCT_EVENT_VERSION, BPACCT_INPUT_RISK,
				  ev->t);
		e.detail = "simulated: credentials found in a public leak";
		return submit(s, ev->idx, &e);
	default:
		s->st.events[SIM_K_CANCEL]++;
		bpacct_event_init(&e, BPACCT_EVENT_VERSION,
				  BPACCT_INPUT_CANCEL, ev->t);
		e.actor = BPACCT_ACTOR_OFFICER;
		return submit(s, ev->idx, &e);
	}
}

static int tick(sim *s, int64_t t)
{
	s->clock = t;
	s->current = UINT32_MAX;
	s->st.events[SIM_KINDS + 1]++;
	return bpacct_engine_tick(s->engine, t);
}

int sim_run(sim *s)
{
	int64_t next_tick = s->start + SIM_TICK;
	int rc = BPACCT_OK;

	while (rc == BPACCT_OK && s->nheap > 0) {
		sim_ev ev;

		while (rc == BPACCT_OK && next_tick <= s->heap[0].t) {
			rc = tick(s, next_tick);
			next_tick += SIM_TICK;
		}
		if (rc != BPACCT_OK)
			break;
		ev = pop(s);
		if ((s->acc[ev.idx].cancelled && ev.kind != SIM_K_CANCEL) ||
		    s->acc[ev.idx].t[ev.kind] != ev.t)
			continue; /* stale */
		rc = handle(s, &ev);
		if (rc == BPACCT_OK && s->oom)
			rc = BPACCT_ENOMEM;
	}
	while (rc == BPACCT_OK && next_tick < s->end) {
		rc = tick(s, next_tick);
		next_tick += SIM_TICK;
	}
	if (rc == BPACCT_OK)
		rc = tick(s, s->end - 1);
	return rc;
}
