/*
 * `bpacct simulate`: a seeded population run forward through the engine
 * (the in-memory store, the public API only), to show a ministry what the
 * rules do under a policy before it is turned on (docs/lifecycle.md,
 * "Simulation").
 *
 * This file reads the options, builds the profiles the way a host would
 * (a copy of the built-in BP profile with the policy switches set, the
 * built-in XNC profile), the store, the notifier and the engine, runs the
 * model (sim_model.c) and prints the report (sim_report.c).
 */
#include <stdlib.h>
#include <string.h>

#include "bpacct/sys/notifier.h"
#include "sim.h"

const char tool_simulate_help[] =
	"\nA population of N accounts issued at random over the first "
	"--issue-months\n(default: the whole period), each with a usage "
	"pattern drawn from --mix,\nruns for Y years from --start (default "
	"2026-01-01) through the library's\nengine on the in-memory store, "
	"with an hourly tick.  Cancellation\nrequests (complete, supplemented "
	"later, never supplemented, or filed by\nanother enterprise) and "
	"security risks (BP) come at random instants, XNC\nrequests on every "
	"channel, in person also outside reception sessions;\nan officer "
	"executes half of the pending BP cancellations.  The same seed\n"
	"gives the same output, byte for byte.\n\n"
	"--mix takes comma-separated shares (decimals, at most 6 places):\n"
	"  daily=0.15,occasional=0.35,once=0.25,never=0.25  usage patterns "
	"(the\n    shares not given split what is left in these proportions)\n"
	"  requests=0.06  accounts whose owner files a cancellation request\n"
	"  risks=0.01     BP accounts on which a security risk is detected\n\n"
	"--json prints one object with the keys:\n"
	"  seed, accounts, years, procedure, start, end, issue_months,\n"
	"  tick_seconds, policy {rolling, warning_days, lock_notice},\n"
	"  mix_ppm {daily, occasional, once, never, requests, risks},\n"
	"  issued {bp, xnc}, patterns {daily, occasional, once, never},\n"
	"  events {issue, use, request, risk, officer_cancel, supplement, "
	"tick},\n"
	"  cancellations {bp_a, bp_b, bp_c, xnc, total},\n"
	"  cancellations_by_actor {officer, system},\n"
	"  cancellations_by_month [{month, bp_a, bp_b, bp_c, xnc, total}],\n"
	"  notices {cancellation_notice, lock_notice, receipt, acceptance,\n"
	"    supplement_request, rejection, nb10, inactivity_warning, "
	"total},\n"
	"  notices_delivered, requests {accepted, supplement, rejected, "
	"refused},\n"
	"  request_reasons {REASON: count} (reasons given with the "
	"outcomes),\n"
	"  refusals {REASON: count} (inputs the rules refused),\n"
	"  deadlines {bp_a, bp_b, bp_c, xnc: {count, min_seconds, "
	"mean_seconds,\n"
	"    max_seconds, late, early, mean_run_lag_seconds,\n"
	"    max_run_lag_seconds}, late, early},\n"
	"  final_states {bp, xnc: {active, locked, cancelled}},\n"
	"  store {audit_entries, outbox_pending}.\n"
	"Deadlines run from the trigger (bp-a: receipt of the complete "
	"application;\nbp-b: the lock; bp-c: the six-month mark; xnc: the "
	"receipt) to the\ncancellation; late counts those recorded after the "
	"legal bound, early\nthose before the trigger (both must be 0); the "
	"run lag is how long after\nthe recorded instant a tick or event ran "
	"it (the host's tick cadence).\n\n"
	"exit status: 0 success, 1 the library failed, 2 bad usage\n";

/* Default shares of --mix, in ppm. */
static const uint32_t mix_default[SIM_MIX_COUNT] = { 150000, 350000, 250000,
						     250000, 60000, 10000 };
static const char *const mix_name[SIM_MIX_COUNT] = {
	"daily", "occasional", "once", "never", "requests", "risks"
};

/* A decimal integer in [lo, hi], digits only. */
static int parse_uint(const tool_args *a, tool_opt o, const char *name,
		      uint64_t lo, uint64_t hi, uint64_t *out)
{
	const char *t = a->value[o];
	uint64_t v = 0;

	if (!t || !*t)
		return tool_usage(a, "%s needs a number", name);
	for (const char *p = t; *p; p++) {
		if (*p < '0' || *p > '9' ||
		    v > (UINT64_MAX - (uint64_t)(*p - '0')) / 10)
			return tool_usage(a, "%s: '%s' is not a number from "
					  "%llu to %llu", name, t,
					  (unsigned long long)lo,
					  (unsigned long long)hi);
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v < lo || v > hi)
		return tool_usage(a, "%s: %s is out of range (%llu to %llu)",
				  name, t, (unsigned long long)lo,
				  (unsigned long long)hi);
	*out = v;
	return TOOL_EXIT_OK;
}

/* A share 0..1 with at most 6 decimals, in ppm; -1 if malformed. */
static long share_ppm(const char *t, size_t len)
{
	long whole = 0, frac = 0, scale = 100000;
	size_t i = 0;

	if (len == 0)
		return -1;
	for (; i < len && t[i] >= '0' && t[i] <= '9'; i++)
		if ((whole = whole * 10 + (t[i] - '0')) > 1)
			return -1;
	if (i < len && t[i] == '.') {
		if (++i == len)
			return -1;
		for (; i < len && t[i] >= '0' && t[i] <= '9'; i++) {
			if (scale == 0)
				return -1;
			frac += (t[i] - '0') * scale;
			scale /= 10;
		}
	}
	if (i != len || (t[0] == '.' && len == 1))
		return -1;
	whole = whole * (long)SIM_PPM + frac;
	return whole > (long)SIM_PPM ? -1 : whole;
}

static int parse_mix(const tool_args *a, uint32_t *mix)
{
	const char *p = a->value[TOOL_OPT_MIX];
	uint32_t given = 0, sum = 0, rest_w = 0;
	int last_free = -1;

	memcpy(mix, mix_default, sizeof mix_default);
	while (p && *p) {
		const char *comma = strchr(p, ','), *eq;
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		int k;
		long v;

		eq = memchr(p, '=', len);
		for (k = 0; eq && k < SIM_MIX_COUNT; k++)
			if ((size_t)(eq - p) == strlen(mix_name[k]) &&
			    strncmp(p, mix_name[k], (size_t)(eq - p)) == 0)
				break;
		if (!eq || k == SIM_MIX_COUNT)
			return tool_usage(a, "--mix: unknown share '%.*s' "
					  "(expected daily, occasional, once, "
					  "never, requests or risks =VALUE)",
					  (int)len, p);
		v = share_ppm(eq + 1, len - (size_t)(eq + 1 - p));
		if (v < 0)
			return tool_usage(a, "--mix: %s: '%.*s' is not a share "
					  "from 0 to 1 (at most 6 decimals)",
					  mix_name[k],
					  (int)(len - (size_t)(eq + 1 - p)),
					  eq + 1);
		if (given & (1u << k))
			return tool_usage(a, "--mix: %s given twice",
					  mix_name[k]);
		given |= 1u << k;
		mix[k] = (uint32_t)v;
		p = comma ? comma + 1 : p + len;
	}
	for (int k = 0; k < SIM_PATTERNS; k++) {
		if (given & (1u << k))
			sum += mix[k];
		else
			rest_w += mix_default[k], last_free = k;
	}
	if (sum > SIM_PPM || (last_free < 0 && sum != SIM_PPM))
		return tool_usage(a, "--mix: the usage shares (daily, "
				  "occasional, once, never) add up to %s, not "
				  "1", sim_ppm_text((char[16]){ 0 }, sum));
	if (last_free >= 0) { /* the others share what is left */
		uint32_t left = SIM_PPM - sum, put = 0;

		for (int k = 0; k < SIM_PATTERNS; k++)
			if (!(given & (1u << k))) {
				mix[k] = k == last_free
						 ? left - put
						 : (uint32_t)((uint64_t)left *
							      mix_default[k] /
							      rest_w);
				put += mix[k];
			}
	}
	return TOOL_EXIT_OK;
}

/* The day `months` months after `day` (the last day of a shorter month
 * when the day does not exist there, as Civil Code Art. 148). */
static int32_t add_months(int32_t day, int32_t months)
{
	int32_t y = 0, m = 0, d = 0, first = 0, next = 0, out = day;
	long total;

	bpacct_day_to_date(day, &y, &m, &d);
	total = (long)y * 12 + (m - 1) + months;
	y = (int32_t)(total / 12);
	m = (int32_t)(total % 12 + 1);
	bpacct_day_from_date(&first, y, m, 1);
	bpacct_day_from_date(&next, m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1,
			     1);
	if (d > next - first)
		d = next - first;
	bpacct_day_from_date(&out, y, m, d);
	return out;
}

static int parse_config(const tool_args *a, const bpacct_calendar *cal,
			sim_config *c)
{
	uint64_t v = 0;
	int32_t first = 0, last = 0;
	int rc;

	memset(c, 0, sizeof *c);
	if (!tool_has(a, TOOL_OPT_ACCOUNTS) || !tool_has(a, TOOL_OPT_YEARS) ||
	    !tool_has(a, TOOL_OPT_SEED))
		return tool_usage(a, "--accounts N, --years Y and --seed S are "
				  "required (see 'bpacct simulate --help')");
	rc = parse_uint(a, TOOL_OPT_ACCOUNTS, "--accounts", 1,
			SIM_ACCOUNTS_MAX, &v);
	c->accounts = (uint32_t)v;
	if (rc == TOOL_EXIT_OK)
		rc = parse_uint(a, TOOL_OPT_YEARS, "--years", 1, SIM_YEARS_MAX,
				&v);
	c->years = (int32_t)v;
	if (rc == TOOL_EXIT_OK)
		rc = parse_uint(a, TOOL_OPT_SEED, "--seed", 0, SIM_SEED_MAX,
				&c->seed);
	if (rc == TOOL_EXIT_OK && tool_has(a, TOOL_OPT_WARNING_DAYS))
		rc = parse_uint(a, TOOL_OPT_WARNING_DAYS, "--warning-days", 0,
				366, &v);
	c->warning_days = tool_has(a, TOOL_OPT_WARNING_DAYS) ? (int32_t)v : 0;
	c->issue_months = 12 * c->years;
	if (rc == TOOL_EXIT_OK && tool_has(a, TOOL_OPT_ISSUE_MONTHS))
		rc = parse_uint(a, TOOL_OPT_ISSUE_MONTHS, "--issue-months", 1,
				(uint64_t)c->issue_months, &v);
	if (tool_has(a, TOOL_OPT_ISSUE_MONTHS))
		c->issue_months = (int32_t)v;
	if (rc != TOOL_EXIT_OK)
		return rc;
	c->procedures = 3;
	if (tool_has(a, TOOL_OPT_PROCEDURE)) {
		const char *p = a->value[TOOL_OPT_PROCEDURE];

		c->procedures = strcmp(p, "bp") == 0    ? 1
				: strcmp(p, "xnc") == 0  ? 2
				: strcmp(p, "both") == 0 ? 3
							 : 0;
		if (!c->procedures)
			return tool_usage(a, "--procedure: unknown procedure "
					  "'%s' (expected bp, xnc or both)", p);
	}
	rc = tool_parse_date(a, "--start",
			     tool_has(a, TOOL_OPT_START)
				     ? a->value[TOOL_OPT_START]
				     : "2026-01-01",
			     &c->start_day);
	if (rc != TOOL_EXIT_OK)
		return rc;
	bpacct_calendar_range(cal, &first, &last);
	/* A year beyond the end for the deadlines of the last accounts. */
	if (c->start_day < first ||
	    add_months(c->start_day, 12 * (c->years + 1)) > last) {
		char d0[BPACCT_DATE_BUFSIZE], d1[BPACCT_DATE_BUFSIZE];

		return tool_usage(a, "--start %s with --years %d leaves the "
				  "calendar (%s to %s, one year kept after "
				  "the end)", a->value[TOOL_OPT_START]
				  ? a->value[TOOL_OPT_START] : "2026-01-01",
				  c->years, tool_date(d0, first),
				  tool_date(d1, last));
	}
	c->rolling = tool_has(a, TOOL_OPT_ROLLING);
	c->lock_notice = tool_has(a, TOOL_OPT_LOCK_NOTICE);
	c->json = tool_has(a, TOOL_OPT_JSON);
	return parse_mix(a, c->mix);
}

/* The notifier takes every notice (the simulation sends nothing). */
static int deliver(const bpacct_entry *notice, void *userdata)
{
	sim *s = userdata;

	(void)notice;
	s->st.delivered++;
	return 0;
}

static const bpacct_notifier_ops notifier = { BPACCT_NOTIFIER_OPS_VERSION,
					      deliver };

/* The profiles a host would pass: BP with the policy, XNC built in. */
static int profiles(sim *s)
{
	int rc = bpacct_profile_init(&s->bp, BPACCT_PROFILE_VERSION,
				     BPACCT_PROCEDURE_BP);

	if (rc != BPACCT_OK)
		return rc;
	if (s->cfg.rolling)
		s->bp.policies |= BPACCT_POLICY_INACTIVITY_ROLLING;
	if (s->cfg.lock_notice)
		s->bp.policies |= BPACCT_POLICY_LOCK_NOTICE;
	s->bp.warning_days = s->cfg.warning_days;
	rc = bpacct_profile_check(&s->bp);
	if (rc == BPACCT_OK)
		rc = bpacct_profile_get(BPACCT_PROCEDURE_XNC, &s->profiles[1]);
	s->profiles[0] = &s->bp;
	return rc;
}

static int open_engine(sim *s)
{
	bpacct_engine_options o;
	int rc = bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);

	if (rc == BPACCT_OK)
		rc = profiles(s);
	if (rc == BPACCT_OK)
		rc = bpacct_memory_store_new(&s->store, NULL);
	if (rc == BPACCT_OK)
		rc = bpacct_account_new(&s->scratch, "scratch", NULL);
	if (rc != BPACCT_OK)
		return rc;
	o.store = bpacct_memory_store_ops();
	o.store_userdata = s->store;
	o.notifier = &notifier;
	o.notifier_userdata = s;
	o.calendar = s->cal;
	o.profiles = s->profiles;
	o.profile_count = 2;
	o.on_effects = sim_on_effects;
	o.effects_userdata = s;
	return bpacct_engine_new(&s->engine, &o);
}

/* Accounts by final state, as the store has them. */
static int final_states(sim *s)
{
	uint64_t audit = 0, pending = 0;
	int rc = bpacct_engine_deliver(s->engine, NULL);

	for (uint32_t i = 0; rc == BPACCT_OK && i < s->cfg.accounts; i++) {
		char id[BPACCT_ID_MAX];
		int64_t state = 0;

		snprintf(id, sizeof id, "A%07u", i);
		rc = bpacct_engine_account(s->engine, id, s->scratch);
		if (rc == BPACCT_OK)
			rc = bpacct_account_get_int(s->scratch,
						    BPACCT_FIELD_STATE, &state);
		if (rc == BPACCT_OK && state >= 0 && state <= 3)
			s->st.final[s->acc[i].procedure][state]++;
	}
	if (rc == BPACCT_OK)
		rc = bpacct_memory_store_stats(s->store, NULL, NULL, &pending,
					       &audit);
	s->st.audit = audit;
	s->st.pending = pending;
	return rc;
}

static int simulate(sim *s)
{
	int rc;

	s->start = 0;
	if (bpacct_instant_from_day(&s->start, s->cfg.start_day, 0) !=
		    BPACCT_OK ||
	    bpacct_instant_from_day(&s->issue_end,
				    add_months(s->cfg.start_day,
					       s->cfg.issue_months),
				    0) != BPACCT_OK)
		return BPACCT_ERANGE;
	s->end_day = add_months(s->cfg.start_day, 12 * s->cfg.years);
	if (bpacct_instant_from_day(&s->end, s->end_day, 0) != BPACCT_OK)
		return BPACCT_ERANGE;
	s->st.months = (uint32_t)(12 * s->cfg.years);
	s->st.monthly = calloc(s->st.months, sizeof *s->st.monthly);
	if (!s->st.monthly)
		return BPACCT_ENOMEM;
	rc = open_engine(s);
	if (rc == BPACCT_OK)
		rc = sim_setup(s);
	if (rc == BPACCT_OK)
		rc = sim_run(s);
	if (rc == BPACCT_OK)
		rc = final_states(s);
	return rc;
}

int tool_cmd_simulate(const tool_args *a)
{
	sim *s = calloc(1, sizeof *s);
	int rc;

	if (!s)
		return tool_refuse(a, "out of memory");
	s->args = a;
	rc = tool_calendar_open(a, &s->cal);
	if (rc == TOOL_EXIT_OK)
		rc = parse_config(a, s->cal, &s->cfg);
	if (rc == TOOL_EXIT_OK) {
		int st = simulate(s);

		if (st != BPACCT_OK) {
			const char *msg = s->engine
						  ? bpacct_engine_last_error(
							    s->engine)
						  : "";

			rc = tool_refuse(a, "the simulation failed: %s "
					 "(%s)%s%s", bpacct_strerror(st),
					 bpacct_error_name(st),
					 *msg ? ": " : "", msg);
		} else if (s->cfg.json) {
			sim_print_json(s, stdout);
		} else {
			sim_print_text(s, stdout);
		}
	}
	bpacct_engine_free(s->engine);
	bpacct_memory_store_free(s->store);
	bpacct_account_free(s->scratch);
	bpacct_calendar_free(s->cal);
	free(s->st.monthly);
	sim_free(s);
	free(s);
	return rc;
}
