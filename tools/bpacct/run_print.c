/*
 * The effects of `bpacct run` as JSON lines, with exactly the keys of
 * cli.md and a few added ones (a notice's request, case and reasons, an
 * outcome's channel, a deadline's case).  Every value is the library's:
 * names from bpacct_value_name(), reasons from bpacct_reason_name() and
 * bpacct_reason_message(), instants at +07:00.
 *
 * Not printed: the issue of an account (a transition from "none", outside
 * the active → locked → cancelled machine of the contract: its deadline is
 * printed, and --audit shows it), and, unless --audit, the audit records
 * and the deliveries the notifier took.
 */
#include <string.h>

#include "run.h"

static void instant(tool_json *j, const char *key, int64_t t)
{
	char buf[BPACCT_INSTANT_BUFSIZE];

	tool_json_str(j, key, tool_instant(buf, t));
}

static void name(tool_json *j, const char *key, int32_t field, int32_t v)
{
	tool_json_str(j, key, bpacct_value_name(field, v));
}

void run_print_reasons(tool_json *j, const run_fx *f)
{
	tool_json_begin(j, "reasons", '[');
	for (uint32_t i = 0; i < f->nreasons; i++) {
		int32_t r = f->reasons[i];
		const char *vi = bpacct_reason_message(r, BPACCT_LANG_VI);
		const char *en = bpacct_reason_message(r, BPACCT_LANG_EN);

		tool_json_begin(j, NULL, '{');
		tool_json_str(j, "code", bpacct_reason_name(r));
		tool_json_str(j, "vi", vi);
		tool_json_str(j, "en", en);
		tool_json_end(j, '}');
	}
	tool_json_end(j, ']');
}

static void request_key(tool_json *j, const run_fx *f)
{
	if (f->request[0] != '\0')
		tool_json_str(j, "request", f->request);
}

static void print_outcome(tool_json *j, const run_fx *f)
{
	tool_json_str(j, "request", f->request);
	tool_json_str(j, "account", f->account);
	name(j, "outcome", BPACCT_FIELD_OUTCOME, f->outcome);
	instant(j, "received", f->received);
	run_print_reasons(j, f);
	if (f->outcome == BPACCT_OUTCOME_ACCEPTED &&
	    f->due != BPACCT_INSTANT_NONE)
		instant(j, "due", f->due);
	if (f->channel)
		name(j, "channel", BPACCT_FIELD_CHANNEL, f->channel);
	if (f->replay) /* rules E2: the standing outcome */
		tool_json_bool(j, "replay", 1);
}

static void print_transition(tool_json *j, const run_fx *f)
{
	tool_json_str(j, "account", f->account);
	name(j, "from", BPACCT_FIELD_FROM, f->from);
	name(j, "to", BPACCT_FIELD_TO, f->to);
	name(j, "case", BPACCT_FIELD_CASE, f->case_);
	name(j, "actor", BPACCT_FIELD_ACTOR, f->actor);
	request_key(j, f);
	if (f->rule)
		name(j, "rule", BPACCT_FIELD_RULE, f->rule);
}

static const struct {
	uint32_t bit;
	const char *role;
} roles[] = {
	{ BPACCT_RECIPIENT_OWNER, "owner" },
	{ BPACCT_RECIPIENT_HOLDER, "holder" },
	{ BPACCT_RECIPIENT_REQUESTER, "requester" },
};

static void print_notice(run_session *s, tool_json *j, const run_fx *f)
{
	const char *id;

	tool_json_str(j, "account", f->account);
	name(j, "kind", BPACCT_FIELD_KIND, f->kind);
	tool_json_begin(j, "recipients", '[');
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		if (!(f->recipients & roles[i].bit))
			continue;
		id = run_session_recipient(s, f, roles[i].bit);
		tool_json_begin(j, NULL, '{');
		tool_json_str(j, "role", roles[i].role);
		if (*id)
			tool_json_str(j, "id", id);
		else /* a holder whose document is not on record */
			tool_json_null(j, "id");
		tool_json_end(j, '}');
	}
	tool_json_end(j, ']');
	name(j, "channel", BPACCT_FIELD_CHANNEL, f->channel);
	if (f->document != BPACCT_DOCUMENT_NONE)
		name(j, "document", BPACCT_FIELD_DOCUMENT, f->document);
	instant(j, "available_from", f->available_from);
	tool_json_bool(j, "fee", f->fee != 0);
	request_key(j, f);
	if (f->case_ != BPACCT_CASE_NONE)
		name(j, "case", BPACCT_FIELD_CASE, f->case_);
	if (f->due != BPACCT_INSTANT_NONE) /* an inactivity warning's */
		instant(j, "due", f->due);
	if (f->nreasons > 0)
		run_print_reasons(j, f);
}

static void print_deadline(tool_json *j, const run_fx *f)
{
	tool_json_str(j, "account", f->account);
	name(j, "rule", BPACCT_FIELD_RULE, f->rule);
	instant(j, "due", f->due);
	if (f->case_ != BPACCT_CASE_NONE)
		name(j, "case", BPACCT_FIELD_CASE, f->case_);
}

static void print_refused(tool_json *j, const run_fx *f)
{
	tool_json_str(j, "op", f->input == RUN_INPUT_SHOW
				       ? "show"
				       : bpacct_value_name(BPACCT_FIELD_INPUT,
							   f->input));
	tool_json_str(j, "account", f->account);
	run_print_reasons(j, f);
	request_key(j, f);
}

static void print_audit(tool_json *j, const run_fx *f)
{
	tool_json_str(j, "account", f->account);
	name(j, "input", BPACCT_FIELD_INPUT, f->input);
	name(j, "from", BPACCT_FIELD_FROM, f->from);
	name(j, "to", BPACCT_FIELD_TO, f->to);
	name(j, "case", BPACCT_FIELD_CASE, f->case_);
	name(j, "actor", BPACCT_FIELD_ACTOR, f->actor);
	request_key(j, f);
	if (f->outcome)
		name(j, "outcome", BPACCT_FIELD_OUTCOME, f->outcome);
	run_print_reasons(j, f);
	if (f->detail[0] != '\0')
		tool_json_str(j, "detail", f->detail);
}

static void print_delivery(tool_json *j, const run_fx *f)
{
	tool_json_str(j, "account", f->account);
	name(j, "kind", BPACCT_FIELD_KIND, f->kind);
	name(j, "channel", BPACCT_FIELD_CHANNEL, f->channel);
	tool_json_str(j, "key", f->detail);
	request_key(j, f);
}

/* Whether the effect is printed, and under which type name. */
static const char *type_name(const run_fx *f, int audit)
{
	switch (f->type) {
	case BPACCT_EFFECT_TRANSITION:
		return f->from == BPACCT_STATE_NONE && !audit ? NULL
							       : "transition";
	case BPACCT_EFFECT_AUDIT:
		return audit ? "audit" : NULL;
	case RUN_FX_DELIVERY:
		return audit ? "delivery" : NULL;
	default:
		return bpacct_value_name(BPACCT_FIELD_TYPE, f->type);
	}
}

static void print_one(run_session *s, FILE *out, const run_fx *f, int audit)
{
	const char *type = type_name(f, audit);
	tool_json j;

	if (!type)
		return;
	tool_json_open(&j, out);
	tool_json_str(&j, "type", type);
	instant(&j, "at", f->at);
	switch (f->type) {
	case BPACCT_EFFECT_OUTCOME: print_outcome(&j, f); break;
	case BPACCT_EFFECT_TRANSITION: print_transition(&j, f); break;
	case BPACCT_EFFECT_NOTICE: print_notice(s, &j, f); break;
	case BPACCT_EFFECT_DEADLINE: print_deadline(&j, f); break;
	case BPACCT_EFFECT_REFUSED: print_refused(&j, f); break;
	case BPACCT_EFFECT_AUDIT: print_audit(&j, f); break;
	case RUN_FX_DELIVERY: print_delivery(&j, f); break;
	default: tool_json_str(&j, "account", f->account); break;
	}
	tool_json_close(&j);
}

void run_print_effects(run_session *s, FILE *f, int audit)
{
	for (size_t i = 0; i < s->nfx; i++)
		print_one(s, f, &s->fx[i], audit);
}

static void account_instant(tool_json *j, const bpacct_account *acc,
			    const char *key, int32_t field, int always)
{
	int64_t t = BPACCT_INSTANT_NONE;

	bpacct_account_get_int(acc, field, &t);
	if (t != BPACCT_INSTANT_NONE)
		instant(j, key, t);
	else if (always)
		tool_json_null(j, key);
}

static int64_t account_int(const bpacct_account *acc, int32_t field)
{
	int64_t v = 0;

	bpacct_account_get_int(acc, field, &v);
	return v;
}

static const char *account_text(const bpacct_account *acc, int32_t field)
{
	const char *t = "";

	bpacct_account_get_text(acc, field, &t);
	return t;
}

void run_print_account(FILE *f, int64_t at, const bpacct_account *acc)
{
	int32_t holder = (int32_t)account_int(acc, BPACCT_FIELD_HOLDER_ID_TYPE);
	int32_t rule = (int32_t)account_int(acc, BPACCT_FIELD_PENDING_RULE);
	const char *request = account_text(acc, BPACCT_FIELD_PENDING_REQUEST);
	tool_json j;

	tool_json_open(&j, f);
	tool_json_str(&j, "type", "account");
	instant(&j, "at", at);
	tool_json_str(&j, "account", account_text(acc, BPACCT_FIELD_ID));
	name(&j, "procedure", BPACCT_FIELD_PROCEDURE,
	     (int32_t)account_int(acc, BPACCT_FIELD_PROCEDURE));
	name(&j, "state", BPACCT_FIELD_STATE,
	     (int32_t)account_int(acc, BPACCT_FIELD_STATE));
	tool_json_str(&j, "owner", account_text(acc, BPACCT_FIELD_OWNER));
	if (holder != 0) {
		tool_json_begin(&j, "holder", '{');
		tool_json_str(&j, "id_type", bpacct_id_type_name(holder));
		tool_json_str(&j, "id_number",
			      account_text(acc, BPACCT_FIELD_HOLDER_ID_NUMBER));
		tool_json_end(&j, '}');
	}
	account_instant(&j, acc, "issued", BPACCT_FIELD_ISSUED, 1);
	account_instant(&j, acc, "last_used", BPACCT_FIELD_LAST_USED, 1);
	account_instant(&j, acc, "locked", BPACCT_FIELD_LOCKED, 0);
	account_instant(&j, acc, "cancelled", BPACCT_FIELD_CANCELLED, 0);
	if (rule != 0) {
		tool_json_begin(&j, "pending", '{');
		name(&j, "rule", BPACCT_FIELD_RULE, rule);
		account_instant(&j, acc, "due", BPACCT_FIELD_PENDING_DUE, 1);
		name(&j, "case", BPACCT_FIELD_CASE,
		     (int32_t)account_int(acc, BPACCT_FIELD_PENDING_CASE));
		if (*request)
			tool_json_str(&j, "request", request);
		tool_json_end(&j, '}');
	}
	tool_json_close(&j);
}

void run_print_error(FILE *f, unsigned long line, const run_error *err)
{
	tool_json j;

	tool_json_open(&j, f);
	tool_json_str(&j, "type", "error");
	if (err->at != BPACCT_INSTANT_NONE)
		instant(&j, "at", err->at);
	tool_json_int(&j, "line", (long long)line);
	tool_json_str(&j, "code", err->code);
	tool_json_str(&j, "message", err->message);
	tool_json_close(&j);
}
