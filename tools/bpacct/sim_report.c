/*
 * What `bpacct simulate` reports: counts taken from the effects of every
 * step the engine committed (sim_on_effects), and the deadlines checked
 * again with the library's own deadline rules: for each cancellation the
 * time from its trigger (bp-a: receipt of the complete application; bp-b:
 * the lock; bp-c: the six-month mark, from issue or, --rolling, from the
 * last use; xnc: the legal receipt) and whether it was recorded after its
 * legal bound (bp-a, bp-b: trigger + 2 h; bp-c: the mark; xnc: the end of
 * the reception session of receipt), or before its trigger ("early").
 * The run lag is how long after the recorded instant the engine ran it,
 * through the host's hourly tick or a later event (the record carries
 * the due instant all the same, rules E6).
 */
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define NONE BPACCT_INSTANT_NONE

static const char *const case_key[SIM_CASES] = { "bp_a", "bp_b", "bp_c",
						 "xnc" };
static const char *const pattern_key[SIM_PATTERNS] = { "daily", "occasional",
						       "once", "never" };

int sim_month_of(const sim *s, int64_t t)
{
	int32_t day = 0, sec = 0, y = 0, m = 0, d = 0, y0 = 0, m0 = 0;
	long k;

	if (bpacct_instant_to_day(t, &day, &sec) != BPACCT_OK ||
	    bpacct_day_to_date(day, &y, &m, &d) != BPACCT_OK ||
	    bpacct_day_to_date(s->cfg.start_day, &y0, &m0, &d) != BPACCT_OK)
		return 0;
	k = (long)(y - y0) * 12 + (m - m0);
	if (k < 0)
		return 0;
	return k >= (long)s->st.months ? (int)s->st.months - 1 : (int)k;
}

/* The trigger and the legal bound of a cancellation, from the facts the
 * simulation gave the engine and the library's deadline rules. */
static void bound_of(const sim *s, const sim_acct *a, int c,
		     int64_t *trigger, int64_t *bound)
{
	bpacct_deadline_options o;
	int64_t due = NONE, late = NONE;
	int32_t rule;

	bpacct_deadline_options_init(&o, BPACCT_DEADLINE_OPTIONS_VERSION);
	switch (c + 1) {
	case BPACCT_CASE_BP_A:
		rule = BPACCT_RULE_BP_REQUEST;
		*trigger = a->trig_request;
		break;
	case BPACCT_CASE_BP_B:
		rule = BPACCT_RULE_BP_LOCK;
		*trigger = a->trig_lock;
		break;
	case BPACCT_CASE_BP_C:
		rule = BPACCT_RULE_BP_INACTIVITY;
		*trigger = a->issued;
		if (s->cfg.rolling) {
			o.flags |= BPACCT_DEADLINE_INACTIVITY_ROLLING;
			o.last_used = a->last_used;
		}
		break;
	default:
		rule = BPACCT_RULE_XNC_REQUEST;
		*trigger = a->trig_request;
		o.channel = a->channel ? a->channel : BPACCT_CHANNEL_ONLINE;
		break;
	}
	*bound = NONE;
	if (*trigger == NONE ||
	    bpacct_deadline_compute(s->cal, &o, rule, *trigger, &due, &late,
				    NULL) != BPACCT_OK)
		return;
	if (rule == BPACCT_RULE_BP_INACTIVITY)
		*trigger = due; /* the six-month mark */
	*bound = late;
}

static void cancelled(sim *s, uint32_t idx, int c, int actor, int64_t at)
{
	sim_acct *a = &s->acc[idx];
	sim_delay *d = &s->st.delay[c];
	int64_t trigger = NONE, bound = NONE, delay, lag = s->clock - at;

	s->st.cancel[c]++;
	s->st.monthly[sim_month_of(s, at)][c]++;
	if (actor >= 0 && actor < 5)
		s->st.by_actor[actor]++;
	a->cancelled = 1;
	for (int k = 0; k < SIM_KINDS; k++)
		if (k != SIM_K_CANCEL) /* a late officer still tries */
			a->t[k] = NONE;
	bound_of(s, a, c, &trigger, &bound);
	/* A cancellation whose trigger the simulation cannot name counts
	 * as late: the report must not hide it. */
	delay = trigger == NONE ? 0 : at - trigger;
	if (d->count == 0 || delay < d->min)
		d->min = delay;
	if (d->count == 0 || delay > d->max)
		d->max = delay;
	if (lag > d->max_lag)
		d->max_lag = lag;
	d->count++;
	d->total += delay;
	d->total_lag += lag;
	if (bound == NONE || at > bound)
		d->late++;
	/* Before its trigger; under reading (a) a bp-c of an account that
	 * was used at all (E6: a use after the mark is refused, not kept). */
	if (trigger != NONE &&
	    (at < trigger || (c + 1 == BPACCT_CASE_BP_C && !s->cfg.rolling &&
			      a->last_used != NONE)))
		d->early++;
}

static void outcome(sim *s, uint32_t idx, const bpacct_effects *fx,
		    uint32_t i, int64_t input)
{
	sim_acct *a = &s->acc[idx];
	int64_t o = 0, received = NONE;

	int64_t n = 0;

	bpacct_effect_get_int(fx, i, BPACCT_FIELD_OUTCOME, &o);
	bpacct_effect_get_int(fx, i, BPACCT_FIELD_RECEIVED, &received);
	if (o >= 1 && o <= 4)
		s->st.outcomes[o]++;
	bpacct_effect_get_int(fx, i, BPACCT_FIELD_REASON_COUNT, &n);
	for (uint32_t k = 0; k < (uint32_t)n; k++) {
		int32_t r = 0;

		bpacct_effect_reason(fx, i, k, &r);
		s->st.outcome_reasons[r > 0 && r < 1024 ? r : 0]++;
	}
	if (idx == s->current && input == s->current_input)
		s->current_outcome = (int)o;
	if (o != BPACCT_OUTCOME_ACCEPTED)
		return;
	if (a->trig_request == NONE)
		a->trig_request = received;
	if (a->procedure == BPACCT_PROCEDURE_BP)
		sim_officer(s, idx, received);
}

static void refused(sim *s, uint32_t idx, const bpacct_effects *fx,
		    uint32_t i, int64_t input)
{
	int64_t n = 0;

	if (idx == s->current && input == s->current_input)
		s->current_refused = 1;
	bpacct_effect_get_int(fx, i, BPACCT_FIELD_REASON_COUNT, &n);
	for (uint32_t k = 0; k < (uint32_t)n; k++) {
		int32_t r = 0;

		bpacct_effect_reason(fx, i, k, &r);
		s->st.refused[r > 0 && r < 1024 ? r : 0]++;
	}
}

void sim_on_effects(const char *account, const bpacct_effects *effects,
		    void *userdata)
{
	sim *s = userdata;
	uint32_t n = 0;
	unsigned long idx;
	char *end = NULL;

	if (!account || account[0] != 'A')
		return;
	idx = strtoul(account + 1, &end, 10);
	if (!end || *end != '\0' || idx >= s->cfg.accounts ||
	    bpacct_effects_count(effects, &n) != BPACCT_OK)
		return;
	for (uint32_t i = 0; i < n; i++) {
		int64_t type = 0, input = 0, at = 0, v = 0, c = 0;
		sim_acct *a = &s->acc[idx];

		bpacct_effect_get_int(effects, i, BPACCT_FIELD_TYPE, &type);
		bpacct_effect_get_int(effects, i, BPACCT_FIELD_INPUT, &input);
		bpacct_effect_get_int(effects, i, BPACCT_FIELD_AT, &at);
		switch (type) {
		case BPACCT_EFFECT_OUTCOME:
			outcome(s, (uint32_t)idx, effects, i, input);
			break;
		case BPACCT_EFFECT_TRANSITION:
			bpacct_effect_get_int(effects, i, BPACCT_FIELD_TO, &v);
			if (v == BPACCT_STATE_LOCKED) {
				a->locked = 1;
				a->trig_lock = at;
				sim_officer(s, (uint32_t)idx, at);
			} else if (v == BPACCT_STATE_CANCELLED) {
				bpacct_effect_get_int(effects, i,
						      BPACCT_FIELD_CASE, &c);
				bpacct_effect_get_int(effects, i,
						      BPACCT_FIELD_ACTOR, &v);
				if (c >= 1 && c <= SIM_CASES)
					cancelled(s, (uint32_t)idx,
						  (int)c - 1, (int)v, at);
			}
			break;
		case BPACCT_EFFECT_NOTICE:
			bpacct_effect_get_int(effects, i, BPACCT_FIELD_KIND,
					      &v);
			s->st.notices[v >= 1 && v <= 8 ? v : 0]++;
			break;
		case BPACCT_EFFECT_REFUSED:
			refused(s, (uint32_t)idx, effects, i, input);
			break;
		default:
			break;
		}
	}
}

/* --- printing ------------------------------------------------------- */

/* A share in parts per million as a short decimal: 250000 → "0.25". */
const char *sim_ppm_text(char buf[16], uint32_t ppm)
{
	size_t n;

	snprintf(buf, 16, "%u.%06u", ppm / SIM_PPM, ppm % SIM_PPM);
	n = strlen(buf);
	while (n > 3 && buf[n - 1] == '0')
		buf[--n] = '\0';
	return buf;
}

static const char *month_text(const sim *s, uint32_t k, char buf[16])
{
	int32_t y = 0, m = 0, d = 0;
	long total;

	bpacct_day_to_date(s->cfg.start_day, &y, &m, &d);
	total = (long)y * 12 + (m - 1) + (long)k;
	snprintf(buf, 16, "%04ld-%02ld", total / 12, total % 12 + 1);
	return buf;
}

static uint64_t notices_total(const sim_stats *st)
{
	uint64_t t = 0;

	for (int k = 0; k <= 8; k++)
		t += st->notices[k];
	return t;
}

static int64_t mean_of(const sim_delay *d)
{
	return d->count ? d->total / (int64_t)d->count : 0;
}

static const char *procedure_key(int p)
{
	return p == BPACCT_PROCEDURE_BP ? "bp" : "xnc";
}


static const char *const event_key[SIM_KINDS + 2] = {
	"issue", "use", "request", "risk", "officer_cancel", "supplement",
	"tick"
};

static void json_counts(tool_json *j, const char *key,
			const char *const *names, const uint64_t *v, int n)
{
	tool_json_begin(j, key, '{');
	for (int k = 0; k < n; k++)
		tool_json_int(j, names[k], (long long)v[k]);
	tool_json_end(j, '}');
}

static void json_head(const sim *s, tool_json *j)
{
	static const char *const mix_key[SIM_MIX_COUNT] = {
		"daily", "occasional", "once", "never", "requests", "risks"
	};
	char date[BPACCT_DATE_BUFSIZE];
	uint64_t mix[SIM_MIX_COUNT], patterns[SIM_PATTERNS] = { 0 };

	tool_json_int(j, "seed", (long long)s->cfg.seed);
	tool_json_int(j, "accounts", s->cfg.accounts);
	tool_json_int(j, "years", s->cfg.years);
	tool_json_str(j, "procedure", s->cfg.procedures == 3 ? "both"
				      : procedure_key(s->cfg.procedures));
	tool_json_str(j, "start", tool_date(date, s->cfg.start_day));
	tool_json_str(j, "end", tool_date(date, s->end_day));
	tool_json_int(j, "issue_months", s->cfg.issue_months);
	tool_json_int(j, "tick_seconds", SIM_TICK);
	tool_json_begin(j, "policy", '{');
	tool_json_bool(j, "rolling", s->cfg.rolling);
	tool_json_int(j, "warning_days", s->cfg.warning_days);
	tool_json_bool(j, "lock_notice", s->cfg.lock_notice);
	tool_json_end(j, '}');
	for (int k = 0; k < SIM_MIX_COUNT; k++)
		mix[k] = s->cfg.mix[k];
	json_counts(j, "mix_ppm", mix_key, mix, SIM_MIX_COUNT);
	tool_json_begin(j, "issued", '{');
	tool_json_int(j, "bp", (long long)s->st.issued[BPACCT_PROCEDURE_BP]);
	tool_json_int(j, "xnc", (long long)s->st.issued[BPACCT_PROCEDURE_XNC]);
	tool_json_end(j, '}');
	for (uint32_t i = 0; i < s->cfg.accounts; i++)
		patterns[s->acc[i].pattern]++;
	json_counts(j, "patterns", pattern_key, patterns, SIM_PATTERNS);
	json_counts(j, "events", event_key, s->st.events, SIM_KINDS + 2);
}

static void json_cancellations(const sim *s, tool_json *j)
{
	uint64_t total = 0;

	tool_json_begin(j, "cancellations", '{');
	for (int c = 0; c < SIM_CASES; c++) {
		tool_json_int(j, case_key[c], (long long)s->st.cancel[c]);
		total += s->st.cancel[c];
	}
	tool_json_int(j, "total", (long long)total);
	tool_json_end(j, '}');
	tool_json_begin(j, "cancellations_by_actor", '{');
	tool_json_int(j, "officer",
		      (long long)s->st.by_actor[BPACCT_ACTOR_OFFICER]);
	tool_json_int(j, "system",
		      (long long)s->st.by_actor[BPACCT_ACTOR_SYSTEM]);
	tool_json_end(j, '}');
	tool_json_begin(j, "cancellations_by_month", '[');
	for (uint32_t m = 0; m < s->st.months; m++) {
		char month[16];

		total = 0;
		tool_json_begin(j, NULL, '{');
		tool_json_str(j, "month", month_text(s, m, month));
		for (int c = 0; c < SIM_CASES; c++) {
			tool_json_int(j, case_key[c],
				      (long long)s->st.monthly[m][c]);
			total += s->st.monthly[m][c];
		}
		tool_json_int(j, "total", (long long)total);
		tool_json_end(j, '}');
	}
	tool_json_end(j, ']');
}

/* Counts by reason code, the codes that occurred only ("other": a code
 * the table does not name). */
static void json_reasons(tool_json *j, const char *key, const uint64_t *v)
{
	tool_json_begin(j, key, '{');
	for (int r = 1; r < 1024; r++)
		if (v[r])
			tool_json_int(j, bpacct_reason_name(r),
				      (long long)v[r]);
	if (v[0])
		tool_json_int(j, "other", (long long)v[0]);
	tool_json_end(j, '}');
}

static void text_reasons(FILE *f, const char *title, const uint64_t *v)
{
	fprintf(f, "\n%s\n", title);
	for (int r = 0; r < 1024; r++)
		if (v[r])
			fprintf(f, "  %-26s%10llu\n",
				r ? bpacct_reason_name(r) : "other",
				(unsigned long long)v[r]);
}

static void json_notices(const sim *s, tool_json *j)
{
	tool_json_begin(j, "notices", '{');
	for (int k = 1; k <= 8; k++)
		tool_json_int(j, bpacct_value_name(BPACCT_FIELD_KIND, k),
			      (long long)s->st.notices[k]);
	tool_json_int(j, "total", (long long)notices_total(&s->st));
	tool_json_end(j, '}');
	tool_json_int(j, "notices_delivered", (long long)s->st.delivered);
	tool_json_begin(j, "requests", '{');
	for (int o = 1; o <= 4; o++)
		tool_json_int(j, bpacct_value_name(BPACCT_FIELD_OUTCOME, o),
			      (long long)s->st.outcomes[o]);
	tool_json_end(j, '}');
	json_reasons(j, "request_reasons", s->st.outcome_reasons);
	json_reasons(j, "refusals", s->st.refused);
}

static void json_deadlines(const sim *s, tool_json *j)
{
	uint64_t late = 0, early = 0;

	tool_json_begin(j, "deadlines", '{');
	for (int c = 0; c < SIM_CASES; c++) {
		const sim_delay *d = &s->st.delay[c];

		tool_json_begin(j, case_key[c], '{');
		tool_json_int(j, "count", (long long)d->count);
		tool_json_int(j, "min_seconds", (long long)d->min);
		tool_json_int(j, "mean_seconds", (long long)mean_of(d));
		tool_json_int(j, "max_seconds", (long long)d->max);
		tool_json_int(j, "late", (long long)d->late);
		tool_json_int(j, "early", (long long)d->early);
		tool_json_int(j, "mean_run_lag_seconds",
			      (long long)(d->count ? d->total_lag /
							     (int64_t)d->count
						   : 0));
		tool_json_int(j, "max_run_lag_seconds", (long long)d->max_lag);
		tool_json_end(j, '}');
		late += d->late;
		early += d->early;
	}
	tool_json_int(j, "late", (long long)late);
	tool_json_int(j, "early", (long long)early);
	tool_json_end(j, '}');
}

static void json_final(const sim *s, tool_json *j)
{
	tool_json_begin(j, "final_states", '{');
	for (int p = BPACCT_PROCEDURE_BP; p <= BPACCT_PROCEDURE_XNC; p++) {
		tool_json_begin(j, procedure_key(p), '{');
		for (int st = BPACCT_STATE_ACTIVE; st <= BPACCT_STATE_CANCELLED;
		     st++)
			tool_json_int(j, bpacct_value_name(BPACCT_FIELD_STATE,
							   st),
				      (long long)s->st.final[p][st]);
		tool_json_end(j, '}');
	}
	tool_json_end(j, '}');
	tool_json_begin(j, "store", '{');
	tool_json_int(j, "audit_entries", (long long)s->st.audit);
	tool_json_int(j, "outbox_pending", (long long)s->st.pending);
	tool_json_end(j, '}');
}

void sim_print_json(const sim *s, FILE *f)
{
	tool_json j;

	tool_json_open(&j, f);
	json_head(s, &j);
	json_cancellations(s, &j);
	json_notices(s, &j);
	json_deadlines(s, &j);
	json_final(s, &j);
	tool_json_close(&j);
}

/* --- text ----------------------------------------------------------- */

/* A duration as "1h 59m 20s", "0s". */
static const char *duration(char buf[32], int64_t sec)
{
	int64_t d = sec / SIM_DAY, h = sec % SIM_DAY / 3600,
		m = sec % 3600 / 60, x = sec % 60;
	size_t n = 0;

	if (sec < 0) { /* an early cancellation: counted, not shown */
		snprintf(buf, 32, "-");
		return buf;
	}
	if (d)
		n += (size_t)snprintf(buf + n, 32 - n, "%lldd ", (long long)d);
	if (h || d)
		n += (size_t)snprintf(buf + n, 32 - n, "%lldh ", (long long)h);
	if (m || h || d)
		n += (size_t)snprintf(buf + n, 32 - n, "%lldm ", (long long)m);
	snprintf(buf + n, 32 - n, "%llds", (long long)x);
	return buf;
}

static void text_head(const sim *s, FILE *f)
{
	char a[BPACCT_DATE_BUFSIZE], b[BPACCT_DATE_BUFSIZE], p[16];

	fprintf(f, "Simulation: %u accounts (BP %llu, XNC %llu), %d year%s "
		"from %s to %s, seed %llu\n", s->cfg.accounts,
		(unsigned long long)s->st.issued[BPACCT_PROCEDURE_BP],
		(unsigned long long)s->st.issued[BPACCT_PROCEDURE_XNC],
		s->cfg.years, s->cfg.years == 1 ? "" : "s",
		tool_date(a, s->cfg.start_day), tool_date(b, s->end_day),
		(unsigned long long)s->cfg.seed);
	fprintf(f, "Policy: BP-R5 %s; inactivity warning %s",
		s->cfg.rolling ? "(b) rolling, from the last use"
			       : "(a) never used since issue",
		s->cfg.warning_days ? "" : "off");
	if (s->cfg.warning_days)
		fprintf(f, "%d days before", s->cfg.warning_days);
	fprintf(f, "; lock notice %s\n", s->cfg.lock_notice ? "on" : "off");
	fprintf(f, "Mix: daily %s", sim_ppm_text(p, s->cfg.mix[SIM_DAILY]));
	fprintf(f, ", occasional %s",
		sim_ppm_text(p, s->cfg.mix[SIM_OCCASIONAL]));
	fprintf(f, ", once %s", sim_ppm_text(p, s->cfg.mix[SIM_ONCE]));
	fprintf(f, ", never %s", sim_ppm_text(p, s->cfg.mix[SIM_NEVER]));
	fprintf(f, "; requests %s",
		sim_ppm_text(p, s->cfg.mix[SIM_MIX_REQUESTS]));
	fprintf(f, ", risks %s; issued over %d months; hourly ticks\n",
		sim_ppm_text(p, s->cfg.mix[SIM_MIX_RISKS]),
		s->cfg.issue_months);
	fprintf(f, "Events: %llu issues, %llu uses, %llu requests, %llu "
		"supplements, %llu risks, %llu officer cancels, %llu ticks\n",
		(unsigned long long)s->st.events[SIM_K_ISSUE],
		(unsigned long long)s->st.events[SIM_K_USE],
		(unsigned long long)s->st.events[SIM_K_REQUEST],
		(unsigned long long)s->st.events[SIM_KINDS],
		(unsigned long long)s->st.events[SIM_K_RISK],
		(unsigned long long)s->st.events[SIM_K_CANCEL],
		(unsigned long long)s->st.events[SIM_KINDS + 1]);
}

static void text_months(const sim *s, FILE *f)
{
	uint64_t sum[SIM_CASES] = { 0 }, total = 0;

	fprintf(f, "\nCancellations (hủy tài khoản) by month\n");
	fprintf(f, "  %-8s %8s %8s %8s %8s %8s\n", "month", "bp-a", "bp-b",
		"bp-c", "xnc", "total");
	for (uint32_t m = 0; m < s->st.months; m++) {
		char month[16];
		uint64_t t = 0;

		fprintf(f, "  %-8s", month_text(s, m, month));
		for (int c = 0; c < SIM_CASES; c++) {
			fprintf(f, " %8llu",
				(unsigned long long)s->st.monthly[m][c]);
			t += s->st.monthly[m][c];
			sum[c] += s->st.monthly[m][c];
		}
		fprintf(f, " %8llu\n", (unsigned long long)t);
		total += t;
	}
	fprintf(f, "  %-8s", "total");
	for (int c = 0; c < SIM_CASES; c++)
		fprintf(f, " %8llu", (unsigned long long)sum[c]);
	fprintf(f, " %8llu\n", (unsigned long long)total);
	fprintf(f, "  by an officer %llu, by the system at the due instant "
		"%llu\n",
		(unsigned long long)s->st.by_actor[BPACCT_ACTOR_OFFICER],
		(unsigned long long)s->st.by_actor[BPACCT_ACTOR_SYSTEM]);
}

static void text_deadlines(const sim *s, FILE *f)
{
	static const char *const trigger[SIM_CASES] = {
		"receipt", "lock", "6-month mark", "receipt"
	};

	fprintf(f, "\nDeadlines met: from the trigger to the cancellation\n");
	fprintf(f, "  %-5s %-13s %7s %12s %12s %12s %5s %5s %12s\n", "case",
		"trigger", "count", "min", "mean", "max", "late", "early",
		"max run lag");
	for (int c = 0; c < SIM_CASES; c++) {
		const sim_delay *d = &s->st.delay[c];
		char lo[32], me[32], hi[32], lag[32];

		fprintf(f, "  %-5s %-13s %7llu %12s %12s %12s %5llu %5llu "
			"%12s\n", bpacct_value_name(BPACCT_FIELD_CASE, c + 1),
			trigger[c], (unsigned long long)d->count,
			duration(lo, d->min), duration(me, mean_of(d)),
			duration(hi, d->max), (unsigned long long)d->late,
			(unsigned long long)d->early,
			duration(lag, d->max_lag));
	}
	fprintf(f, "  late: recorded after the legal bound (bp-a, bp-b: 2 h; "
		"bp-c: the mark;\n  xnc: the end of the session of receipt). "
		"early: before the trigger,\n  or (reading (a)) a bp-c of a "
		"used account.  Both must be 0.  run lag:\n  how long after "
		"the due instant a tick or event ran it (it is recorded\n  at "
		"the due instant all the same, rules E6)\n");
}

static void text_rest(const sim *s, FILE *f)
{
	fprintf(f, "\nNotices by kind\n");
	for (int k = 1; k <= 8; k++) {
		fputs("  ", f);
		tool_text_cell(f, bpacct_value_name(BPACCT_FIELD_KIND, k), 22);
		fprintf(f, "%10llu\n", (unsigned long long)s->st.notices[k]);
	}
	fprintf(f, "  %-22s%10llu (delivered %llu)\n", "total",
		(unsigned long long)notices_total(&s->st),
		(unsigned long long)s->st.delivered);
	fprintf(f, "\nRequests and supplements by outcome\n");
	for (int o = 1; o <= 4; o++)
		fprintf(f, "  %-22s%10llu\n",
			bpacct_value_name(BPACCT_FIELD_OUTCOME, o),
			(unsigned long long)s->st.outcomes[o]);
	text_reasons(f, "Reasons given with the outcomes",
		     s->st.outcome_reasons);
	text_reasons(f, "Inputs refused, by reason", s->st.refused);
	fprintf(f, "\nAccounts by final state\n  %-5s %10s %10s %10s\n", "",
		"active", "locked", "cancelled");
	for (int p = BPACCT_PROCEDURE_BP; p <= BPACCT_PROCEDURE_XNC; p++)
		fprintf(f, "  %-5s %10llu %10llu %10llu\n",
			p == BPACCT_PROCEDURE_BP ? "BP" : "XNC",
			(unsigned long long)s->st.final[p][BPACCT_STATE_ACTIVE],
			(unsigned long long)s->st.final[p][BPACCT_STATE_LOCKED],
			(unsigned long long)
				s->st.final[p][BPACCT_STATE_CANCELLED]);
}

void sim_print_text(const sim *s, FILE *f)
{
	text_head(s, f);
	text_months(s, f);
	text_deadlines(s, f);
	text_rest(s, f);
}
