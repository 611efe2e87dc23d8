/*
 * `bpacct deadline --rule RULE --at INSTANT` and
 * `bpacct deadline --period P --at INSTANT [--no-extend]`: a procedure
 * deadline (deadline.h) or a Civil Code period (period.h).
 */
#include <string.h>

#include "tool.h"

/* Options that only make sense for some rules (0: only with --period). */
typedef struct rule_option {
	tool_opt opt;
	uint32_t rules; /* bit r set: allowed with rule r */
	const char *where;
} rule_option;

#define RULE_BIT(r) (1u << (r))

static const rule_option rule_options[] = {
	{ TOOL_OPT_CHANNEL, RULE_BIT(BPACCT_RULE_XNC_REQUEST),
	  "--rule xnc-request" },
	{ TOOL_OPT_LAST_USED, RULE_BIT(BPACCT_RULE_BP_INACTIVITY),
	  "--rule bp-inactivity" },
	{ TOOL_OPT_ROLLING, RULE_BIT(BPACCT_RULE_BP_INACTIVITY),
	  "--rule bp-inactivity" },
	{ TOOL_OPT_EXTEND, RULE_BIT(BPACCT_RULE_BP_INACTIVITY),
	  "--rule bp-inactivity" },
	{ TOOL_OPT_NO_EXTEND, 0, "--period" },
};

static const char *const option_name[TOOL_OPT_COUNT] = {
	[TOOL_OPT_CHANNEL] = "--channel",
	[TOOL_OPT_LAST_USED] = "--last-used",
	[TOOL_OPT_ROLLING] = "--rolling",
	[TOOL_OPT_EXTEND] = "--extend",
	[TOOL_OPT_NO_EXTEND] = "--no-extend",
};

/* rule 0 stands for --period. */
static int check_options(const tool_args *a, int32_t rule)
{
	for (size_t i = 0; i < sizeof rule_options / sizeof *rule_options;
	     i++) {
		const rule_option *ro = &rule_options[i];
		int ok = rule ? (ro->rules & RULE_BIT(rule)) != 0
			      : ro->rules == 0;

		if (tool_has(a, ro->opt) && !ok)
			return tool_usage(a, "%s applies to %s only",
					  option_name[ro->opt], ro->where);
	}
	if (tool_has(a, TOOL_OPT_LAST_USED) && !tool_has(a, TOOL_OPT_ROLLING))
		return tool_usage(a, "--last-used needs --rolling (policy "
				  "(b)); by default only the issue date "
				  "counts (BP-R5)");
	if (rule && tool_has(a, TOOL_OPT_WORKING_HOURS) &&
	    rule != BPACCT_RULE_BP_REQUEST && rule != BPACCT_RULE_BP_LOCK)
		return tool_usage(a, "--working-hours applies to --rule "
				  "bp-request, bp-lock and to hour and minute "
				  "periods only");
	return TOOL_EXIT_OK;
}

/* "2026-03-15T10:00:00+07:00 (Chủ Nhật)" for text output. */
static const char *instant_text(char *buf, size_t size, int64_t t)
{
	char s[BPACCT_INSTANT_BUFSIZE];
	int32_t day = 0;

	if (bpacct_instant_to_day(t, &day, NULL) == BPACCT_OK)
		snprintf(buf, size, "%s (%s)", tool_instant(s, t),
			 tool_weekday_vi(day));
	else
		snprintf(buf, size, "%s", tool_instant(s, t));
	return buf;
}

static int out_of_range(const tool_args *a, const bpacct_calendar *cal)
{
	char first[BPACCT_DATE_BUFSIZE], last[BPACCT_DATE_BUFSIZE];

	tool_calendar_range_text(cal, first, last);
	return tool_usage(a, "the deadline from --at '%s' falls outside the "
			  "calendar (%s to %s)", a->value[TOOL_OPT_AT], first,
			  last);
}

static void print_period(const tool_args *a, int64_t at, int64_t due,
			 int32_t last_day, uint32_t flags,
			 const char *basis_en, const char *basis_vi)
{
	char s[BPACCT_INSTANT_BUFSIZE], d[BPACCT_DATE_BUFSIZE];
	int has_last = (flags & BPACCT_PERIOD_HAS_LAST_DAY) != 0;
	tool_json j;

	if (!tool_has(a, TOOL_OPT_JSON)) {
		char buf[64];

		tool_text_field(stdout, "period", a->value[TOOL_OPT_PERIOD]);
		tool_text_field(stdout, "at",
				instant_text(buf, sizeof buf, at));
		tool_text_field(stdout, "due",
				instant_text(buf, sizeof buf, due));
		if (has_last) {
			snprintf(buf, sizeof buf, "%s (%s), ends at 24:00",
				 tool_date(d, last_day),
				 tool_weekday_vi(last_day));
			tool_text_field(stdout, "last day", buf);
		}
		tool_text_field(stdout, "căn cứ", basis_vi);
		tool_text_field(stdout, "basis", basis_en);
		return;
	}
	tool_json_open(&j, stdout);
	tool_json_str(&j, "period", a->value[TOOL_OPT_PERIOD]);
	tool_json_str(&j, "at", tool_instant(s, at));
	tool_json_str(&j, "due", tool_instant(s, due));
	if (has_last)
		tool_json_str(&j, "last_day", tool_date(d, last_day));
	tool_json_str(&j, "basis", basis_en);
	tool_json_bool(&j, "extended", (flags & BPACCT_PERIOD_EXTENDED) != 0);
	tool_json_close(&j);
}

static int run_period(const tool_args *a, const bpacct_calendar *cal,
		      int64_t at)
{
	const char *text = a->value[TOOL_OPT_PERIOD];
	bpacct_period_options po;
	char en[256], vi[256];
	int32_t unit = 0, count = 0, last_day = 0;
	int64_t due = 0;
	uint32_t flags = 0;
	int st;

	if (bpacct_period_parse(text, strlen(text), &unit, &count) != BPACCT_OK)
		return tool_usage(a, "invalid period '%s' (expected a count "
				  "and a unit: min, h, d, w, mo, y or wd, e.g. "
				  "6mo)", text);
	if (tool_has(a, TOOL_OPT_WORKING_HOURS) && unit != BPACCT_UNIT_HOUR &&
	    unit != BPACCT_UNIT_MINUTE)
		return tool_usage(a, "--working-hours applies to hour and "
				  "minute periods only, not '%s'", text);
	st = bpacct_period_options_init(&po, BPACCT_PERIOD_OPTIONS_VERSION);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_period_options_init", st);
	if (tool_has(a, TOOL_OPT_NO_EXTEND))
		po.flags |= BPACCT_PERIOD_NO_EXTEND;
	if (tool_has(a, TOOL_OPT_WORKING_HOURS))
		po.flags |= BPACCT_PERIOD_WORKING_HOURS;
	st = bpacct_period_end(cal, &po, at, unit, count, &due, &last_day,
			       &flags);
	if (st == BPACCT_ERANGE)
		return out_of_range(a, cal);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_period_end", st);
	st = bpacct_period_basis(en, sizeof en, unit, count, flags | po.flags,
				 BPACCT_LANG_EN);
	if (st == BPACCT_OK)
		st = bpacct_period_basis(vi, sizeof vi, unit, count,
					 flags | po.flags, BPACCT_LANG_VI);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_period_basis", st);
	print_period(a, at, due, last_day, flags, en, vi);
	return TOOL_EXIT_OK;
}

/* The outcome of a rule, for printing. */
typedef struct rule_result {
	int32_t rule, channel;
	int64_t at, due, late_after;
	uint32_t flags;
	int policy[3]; /* indexes in policies[] of the options in effect */
	int npolicy;
} rule_result;

/* The rule's basis text does not mention policies: name them apart. */
static const struct {
	tool_opt opt;
	const char *name, *text;
} policies[] = {
	{ TOOL_OPT_ROLLING, "rolling",
	  "rolling: from the later of issue and last use (BP-R5 (b))" },
	{ TOOL_OPT_EXTEND, "extend",
	  "extend: Civil Code Art. 148(5) applies" },
	{ TOOL_OPT_WORKING_HOURS, "working-hours",
	  "working-hours: hours counted in office hours only (T2)" },
};

#define REFUSAL_EN "handed over in person outside a reception session " \
		   "(XNC-R2): not receivable"
#define REFUSAL_VI "nộp trực tiếp ngoài giờ tiếp nhận (XNC-R2): không " \
		   "được tiếp nhận"

static void print_rule_text(const rule_result *r)
{
	char buf[96];
	int xnc = r->rule == BPACCT_RULE_XNC_REQUEST;

	tool_text_field(stdout, "rule", bpacct_rule_name(r->rule));
	tool_text_field(stdout, "at", instant_text(buf, sizeof buf, r->at));
	if (xnc)
		tool_text_field(stdout, "channel",
				bpacct_channel_name(r->channel));
	for (int i = 0; i < r->npolicy; i++)
		tool_text_field(stdout, i ? "" : "policy",
				policies[r->policy[i]].text);
	if (r->flags & BPACCT_DEADLINE_REFUSED) {
		tool_text_field(stdout, "refused", REFUSAL_VI);
	} else {
		if (xnc)
			tool_text_field(stdout, "received",
					instant_text(buf, sizeof buf, r->due));
		if (r->flags & BPACCT_DEADLINE_MOVED)
			tool_text_field(stdout, "",
					"moved to the start of the next "
					"reception session");
		tool_text_field(stdout, "due",
				instant_text(buf, sizeof buf, r->due));
		if (xnc)
			tool_text_field(stdout, "late after",
					instant_text(buf, sizeof buf,
						     r->late_after));
		if (r->flags & BPACCT_DEADLINE_EXTENDED)
			tool_text_field(stdout, "", "extended by Civil Code "
					"Art. 148(5)");
	}
	tool_text_field(stdout, "căn cứ",
			bpacct_rule_basis(r->rule, BPACCT_LANG_VI));
	tool_text_field(stdout, "basis",
			bpacct_rule_basis(r->rule, BPACCT_LANG_EN));
}

static void print_rule_json(const rule_result *r)
{
	char s[BPACCT_INSTANT_BUFSIZE];
	int refused = (r->flags & BPACCT_DEADLINE_REFUSED) != 0;
	tool_json j;

	tool_json_open(&j, stdout);
	tool_json_str(&j, "rule", bpacct_rule_name(r->rule));
	tool_json_str(&j, "at", tool_instant(s, r->at));
	if (!refused)
		tool_json_str(&j, "due", tool_instant(s, r->due));
	tool_json_str(&j, "basis", bpacct_rule_basis(r->rule, BPACCT_LANG_EN));
	if (r->rule == BPACCT_RULE_XNC_REQUEST) {
		tool_json_str(&j, "channel", bpacct_channel_name(r->channel));
		if (!refused) {
			tool_json_str(&j, "received", tool_instant(s, r->due));
			tool_json_str(&j, "late_after",
				      tool_instant(s, r->late_after));
			tool_json_bool(&j, "moved",
				       (r->flags & BPACCT_DEADLINE_MOVED) != 0);
		}
	}
	if (r->rule == BPACCT_RULE_BP_INACTIVITY)
		tool_json_bool(&j, "extended",
			       (r->flags & BPACCT_DEADLINE_EXTENDED) != 0);
	if (r->npolicy > 0) {
		tool_json_begin(&j, "policies", '[');
		for (int i = 0; i < r->npolicy; i++)
			tool_json_str(&j, NULL, policies[r->policy[i]].name);
		tool_json_end(&j, ']');
	}
	if (refused) {
		tool_json_bool(&j, "refused", 1);
		tool_json_str(&j, "reason", REFUSAL_EN);
	}
	tool_json_close(&j);
}

/* Reads --channel, --last-used and the policy flags into o. */
static int rule_options_read(const tool_args *a, bpacct_deadline_options *o)
{
	const char *ch = a->value[TOOL_OPT_CHANNEL];
	int rc = TOOL_EXIT_OK;

	if (ch && bpacct_channel_from_name(ch, strlen(ch), &o->channel) !=
			  BPACCT_OK)
		return tool_usage(a, "unknown channel '%s' (expected "
				  "in_person, postal or online)", ch);
	if (tool_has(a, TOOL_OPT_LAST_USED))
		rc = tool_parse_instant(a, "--last-used",
					a->value[TOOL_OPT_LAST_USED],
					&o->last_used);
	if (tool_has(a, TOOL_OPT_ROLLING))
		o->flags |= BPACCT_DEADLINE_INACTIVITY_ROLLING;
	if (tool_has(a, TOOL_OPT_EXTEND))
		o->flags |= BPACCT_DEADLINE_EXTEND;
	if (tool_has(a, TOOL_OPT_WORKING_HOURS))
		o->flags |= BPACCT_DEADLINE_WORKING_HOURS;
	return rc;
}

static int unknown_rule(const tool_args *a, const char *name)
{
	char names[160] = "";

	/* List the rules the library knows, in its own words. */
	for (int32_t r = 1; strcmp(bpacct_rule_name(r), "unknown") != 0; r++) {
		size_t len = strlen(names);

		snprintf(names + len, sizeof names - len, "%s%s",
			 len ? ", " : "", bpacct_rule_name(r));
	}
	return tool_usage(a, "unknown rule '%s' (expected one of: %s)", name,
			  names);
}

static int run_rule(const tool_args *a, const bpacct_calendar *cal,
		    int64_t at, int32_t rule)
{
	bpacct_deadline_options o;
	rule_result r;
	int st, rc;

	memset(&r, 0, sizeof r);
	st = bpacct_deadline_options_init(&o, BPACCT_DEADLINE_OPTIONS_VERSION);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_deadline_options_init", st);
	rc = rule_options_read(a, &o);
	if (rc != TOOL_EXIT_OK)
		return rc;
	st = bpacct_deadline_compute(cal, &o, rule, at, &r.due, &r.late_after,
				     &r.flags);
	if (st == BPACCT_ERANGE)
		return out_of_range(a, cal);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_deadline_compute", st);
	r.rule = rule;
	r.channel = o.channel;
	r.at = at;
	for (size_t i = 0; i < sizeof policies / sizeof *policies; i++)
		if (tool_has(a, policies[i].opt))
			r.policy[r.npolicy++] = (int)i;
	if (tool_has(a, TOOL_OPT_JSON))
		print_rule_json(&r);
	else
		print_rule_text(&r);
	if (r.flags & BPACCT_DEADLINE_REFUSED)
		return tool_refuse(a, "refused: %s", REFUSAL_EN);
	return TOOL_EXIT_OK;
}

int tool_cmd_deadline(const tool_args *a)
{
	const char *name = a->value[TOOL_OPT_RULE];
	bpacct_calendar *cal = NULL;
	int32_t rule = 0;
	int64_t at = 0;
	int rc;

	if (tool_has(a, TOOL_OPT_RULE) == tool_has(a, TOOL_OPT_PERIOD))
		return tool_usage(a, "give either --rule RULE or --period P "
				  "(see 'bpacct deadline --help')");
	if (!tool_has(a, TOOL_OPT_AT))
		return tool_usage(a, "missing --at INSTANT");
	if (name && bpacct_rule_from_name(name, strlen(name), &rule) !=
			    BPACCT_OK)
		return unknown_rule(a, name);
	rc = check_options(a, rule);
	if (rc == TOOL_EXIT_OK)
		rc = tool_parse_instant(a, "--at", a->value[TOOL_OPT_AT], &at);
	if (rc == TOOL_EXIT_OK)
		rc = tool_calendar_open(a, &cal);
	if (rc != TOOL_EXIT_OK)
		return rc;
	rc = rule ? run_rule(a, cal, at, rule) : run_period(a, cal, at);
	bpacct_calendar_free(cal);
	return rc;
}
