/*
 * The engine of `bpacct run` and `bpacct demo`: the working calendar of the
 * command line, the library's in-memory store, the built-in profiles, a
 * notifier that takes every notice, and a buffer that keeps the effects of
 * each committed step as plain values until the tool prints them.
 *
 * The tool is the host here, and reads what a host needs of its requests
 * (which account each one is about, who asked) from the request records
 * the store keeps: only what the library stored counts (a request line it
 * refused leaves nothing), in every run and every process alike.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "bpacct/sys/notifier.h"
#include "bpacct/sys/store.h"
#include "run.h"

static void text_copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

run_fx *run_session_add(run_session *s, int32_t type, int32_t input,
			int64_t at, const char *account)
{
	run_fx *f;

	if (s->nfx == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		run_fx *grown = realloc(s->fx, cap * sizeof *grown);

		if (!grown) {
			s->lost = 1;
			return NULL;
		}
		s->fx = grown;
		s->cap = cap;
	}
	f = &s->fx[s->nfx++];
	memset(f, 0, sizeof *f);
	f->type = type;
	f->input = input;
	f->at = at;
	f->due = BPACCT_INSTANT_NONE;
	f->received = BPACCT_INSTANT_NONE;
	f->available_from = BPACCT_INSTANT_NONE;
	text_copy(f->account, sizeof f->account, account);
	return f;
}

void run_fx_reason(run_fx *f, int32_t reason)
{
	if (f->nreasons < RUN_REASONS_MAX)
		f->reasons[f->nreasons++] = reason;
}

void run_session_clear(run_session *s)
{
	s->nfx = 0;
	s->lost = 0;
	s->error[0] = '\0';
}

/* Integer fields of an effect and where they go; a field the effect does
 * not have (BPACCT_ENOTFOUND) keeps its default. */
static const struct {
	int32_t field;
	size_t off;
} int_fields[] = {
	{ BPACCT_FIELD_FROM, offsetof(run_fx, from) },
	{ BPACCT_FIELD_TO, offsetof(run_fx, to) },
	{ BPACCT_FIELD_CASE, offsetof(run_fx, case_) },
	{ BPACCT_FIELD_ACTOR, offsetof(run_fx, actor) },
	{ BPACCT_FIELD_KIND, offsetof(run_fx, kind) },
	{ BPACCT_FIELD_DOCUMENT, offsetof(run_fx, document) },
	{ BPACCT_FIELD_CHANNEL, offsetof(run_fx, channel) },
	{ BPACCT_FIELD_RULE, offsetof(run_fx, rule) },
	{ BPACCT_FIELD_OUTCOME, offsetof(run_fx, outcome) },
	{ BPACCT_FIELD_FEE, offsetof(run_fx, fee) },
	{ BPACCT_FIELD_REPLAY, offsetof(run_fx, replay) },
}, instant_fields[] = {
	{ BPACCT_FIELD_DUE, offsetof(run_fx, due) },
	{ BPACCT_FIELD_RECEIVED, offsetof(run_fx, received) },
	{ BPACCT_FIELD_AVAILABLE_FROM, offsetof(run_fx, available_from) },
};

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

static void copy_effect(run_fx *f, const bpacct_effects *fx, uint32_t i)
{
	const char *text = NULL;
	int64_t v = 0;

	for (size_t k = 0; k < COUNT(int_fields); k++)
		if (bpacct_effect_get_int(fx, i, int_fields[k].field, &v) ==
		    BPACCT_OK)
			*(int32_t *)(void *)((char *)f + int_fields[k].off) =
				(int32_t)v;
	for (size_t k = 0; k < COUNT(instant_fields); k++)
		if (bpacct_effect_get_int(fx, i, instant_fields[k].field, &v) ==
		    BPACCT_OK)
			*(int64_t *)(void *)((char *)f +
					     instant_fields[k].off) = v;
	if (bpacct_effect_get_int(fx, i, BPACCT_FIELD_RECIPIENTS, &v) ==
	    BPACCT_OK)
		f->recipients = (uint32_t)v;
	if (bpacct_effect_get_text(fx, i, BPACCT_FIELD_REQUEST, &text) ==
	    BPACCT_OK)
		text_copy(f->request, sizeof f->request, text);
	if (bpacct_effect_get_text(fx, i, BPACCT_FIELD_DETAIL, &text) ==
	    BPACCT_OK)
		text_copy(f->detail, sizeof f->detail, text);
	if (bpacct_effect_get_int(fx, i, BPACCT_FIELD_REASON_COUNT, &v) !=
	    BPACCT_OK)
		return;
	for (uint32_t k = 0; k < (uint32_t)v && k < RUN_REASONS_MAX; k++) {
		int32_t reason = 0;

		if (bpacct_effect_reason(fx, i, k, &reason) == BPACCT_OK)
			run_fx_reason(f, reason);
	}
}

static void on_effects(const char *account, const bpacct_effects *effects,
		       void *userdata)
{
	run_session *s = userdata;
	uint32_t n = 0;

	if (bpacct_effects_count(effects, &n) != BPACCT_OK)
		return;
	for (uint32_t i = 0; i < n; i++) {
		int64_t type = 0, input = 0, at = 0;
		run_fx *f;

		bpacct_effect_get_int(effects, i, BPACCT_FIELD_TYPE, &type);
		bpacct_effect_get_int(effects, i, BPACCT_FIELD_INPUT, &input);
		bpacct_effect_get_int(effects, i, BPACCT_FIELD_AT, &at);
		f = run_session_add(s, (int32_t)type, (int32_t)input, at,
				    account);
		if (f)
			copy_effect(f, effects, i);
	}
}

/* Takes every notice (the tool has nowhere to send it) and keeps a note
 * of it, for --audit and the demo. */
static int deliver(const bpacct_entry *notice, void *userdata)
{
	run_session *s = userdata;
	const char *text = "";
	int64_t v = 0;
	run_fx *f;

	bpacct_entry_get_int(notice, BPACCT_FIELD_AT, &v);
	bpacct_entry_get_text(notice, BPACCT_FIELD_ACCOUNT, &text);
	f = run_session_add(s, RUN_FX_DELIVERY, 0, v, text);
	s->delivered++;
	if (!f)
		return 0;
	if (bpacct_entry_get_int(notice, BPACCT_FIELD_KIND, &v) == BPACCT_OK)
		f->kind = (int32_t)v;
	if (bpacct_entry_get_int(notice, BPACCT_FIELD_CHANNEL, &v) ==
	    BPACCT_OK)
		f->channel = (int32_t)v;
	if (bpacct_entry_get_text(notice, BPACCT_FIELD_KEY, &text) ==
	    BPACCT_OK)
		text_copy(f->detail, sizeof f->detail, text);
	if (bpacct_entry_get_text(notice, BPACCT_FIELD_REQUEST, &text) ==
	    BPACCT_OK)
		text_copy(f->request, sizeof f->request, text);
	return 0;
}

static const bpacct_notifier_ops notifier = { BPACCT_NOTIFIER_OPS_VERSION,
					      deliver };

static int open_engine(const tool_args *a, run_session *s)
{
	bpacct_engine_options o;
	int st = bpacct_engine_options_init(&o, BPACCT_ENGINE_OPTIONS_VERSION);

	if (st == BPACCT_OK)
		st = bpacct_account_new(&s->scratch, "scratch", NULL);
	if (st == BPACCT_OK)
		st = bpacct_request_new(&s->scratch_request, "scratch", NULL);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_engine_options_init", st);
	st = run_store_open(a, s, &o);
	if (st != TOOL_EXIT_OK)
		return st;
	s->store_ops = o.store;
	s->store_userdata = o.store_userdata;
	o.notifier = &notifier;
	o.notifier_userdata = s;
	o.calendar = s->cal;
	o.on_effects = on_effects;
	o.effects_userdata = s;
	st = bpacct_engine_new(&s->engine, &o);
	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_engine_new", st);
	run_store_attach(s);
	return TOOL_EXIT_OK;
}

int run_session_open(const tool_args *a, run_session *s)
{
	int rc;

	memset(s, 0, sizeof *s);
	rc = tool_calendar_open(a, &s->cal);
	if (rc == TOOL_EXIT_OK)
		rc = open_engine(a, s);
	if (rc != TOOL_EXIT_OK)
		run_session_close(s);
	return rc;
}

void run_session_close(run_session *s)
{
	bpacct_engine_free(s->engine);
	run_store_close(s);
	bpacct_account_free(s->scratch);
	bpacct_request_free(s->scratch_request);
	bpacct_calendar_free(s->cal);
	free(s->fx);
	memset(s, 0, sizeof *s);
}

int run_session_read(run_session *s, const char *id,
		     const bpacct_account **out)
{
	int64_t state = BPACCT_STATE_NONE;
	int rc = bpacct_engine_account(s->engine, id, s->scratch);

	*out = NULL;
	if (rc != BPACCT_OK)
		return rc;
	/* A request about an unknown account stores a record in state
	 * none (the compare-and-swap anchor): still not issued. */
	if (bpacct_account_get_int(s->scratch, BPACCT_FIELD_STATE, &state) !=
		    BPACCT_OK ||
	    state == BPACCT_STATE_NONE)
		return BPACCT_ENOTFOUND;
	*out = s->scratch;
	return BPACCT_OK;
}

const bpacct_account *run_session_account(run_session *s, const char *id)
{
	const bpacct_account *acc = NULL;

	(void)run_session_read(s, id, &acc);
	return acc;
}

int run_session_stored_request(run_session *s, const char *id,
			       const bpacct_request **out)
{
	uint8_t buf[BPACCT_RECORD_MAX];
	size_t len = 0;
	int rc = s->store_ops->get_request(id, buf, sizeof buf, &len,
					   s->store_userdata);

	*out = NULL;
	if (rc == BPACCT_OK && len > sizeof buf)
		rc = BPACCT_EPARSE;
	if (rc == BPACCT_OK &&
	    bpacct_request_decode(s->scratch_request, buf, len) != BPACCT_OK)
		rc = BPACCT_EPARSE;
	if (rc == BPACCT_EPARSE)
		snprintf(s->error, sizeof s->error,
			 "store.get_request: the stored record of request "
			 "'%s' is corrupt (its check, length or format version "
			 "fails)", id);
	else if (rc != BPACCT_OK && rc != BPACCT_ENOTFOUND)
		snprintf(s->error, sizeof s->error,
			 "store.get_request: request '%s' cannot be read (%s)",
			 id, bpacct_error_name(rc));
	if (rc == BPACCT_OK)
		*out = s->scratch_request;
	return rc;
}

/* The id of a notice's recipient: the owner's code and the holder's
 * document as the account records them, the requester as the request
 * line gave it. */
const char *run_session_recipient(run_session *s, const run_fx *f,
				  uint32_t role)
{
	const bpacct_account *acc;
	const char *text = "";

	if (role == BPACCT_RECIPIENT_REQUESTER) {
		const bpacct_request *r = NULL;

		if (!f->request[0] ||
		    run_session_stored_request(s, f->request, &r) != BPACCT_OK ||
		    bpacct_request_get_text(r, BPACCT_FIELD_REQUESTER, &text) !=
			    BPACCT_OK)
			return "";
		return text;
	}
	acc = run_session_account(s, f->account);
	if (acc)
		bpacct_account_get_text(acc,
					role == BPACCT_RECIPIENT_OWNER
						? BPACCT_FIELD_OWNER
						: BPACCT_FIELD_HOLDER_ID_NUMBER,
					&text);
	return text;
}

/* A supplement that names no account, for a request this run has not
 * seen: the library's answer to an unknown request, given here because
 * there is no account to submit it to. */
static void unknown_request(run_session *s, const run_line *l)
{
	run_fx *f = run_session_add(s, BPACCT_EFFECT_OUTCOME,
				    BPACCT_INPUT_SUPPLEMENT, l->ev.at, "");

	if (f) {
		snprintf(f->request, sizeof f->request, "%s", l->ev.request);
		f->outcome = BPACCT_OUTCOME_REFUSED;
		f->received = l->ev.at;
		run_fx_reason(f, BPACCT_REASON_UNKNOWN_REQUEST);
	}
	f = run_session_add(s, BPACCT_EFFECT_REFUSED,
			    BPACCT_INPUT_SUPPLEMENT, l->ev.at, "");
	if (f) {
		snprintf(f->request, sizeof f->request, "%s", l->ev.request);
		run_fx_reason(f, BPACCT_REASON_UNKNOWN_REQUEST);
	}
}

/* The account of a supplement in *out: the line's, else that of the
 * request the store keeps (NULL when it has none). */
static int supplement_account(run_session *s, const run_line *l,
			      const char **out)
{
	const bpacct_request *r = NULL;
	int rc;

	*out = l->account;
	if (*out)
		return BPACCT_OK;
	rc = run_session_stored_request(s, l->ev.request, &r);
	if (rc == BPACCT_ENOTFOUND)
		return BPACCT_OK;
	if (rc == BPACCT_OK)
		rc = bpacct_request_get_text(r, BPACCT_FIELD_ACCOUNT, out);
	return rc;
}

int run_session_submit(run_session *s, const run_line *l)
{
	const char *account = l->account;

	switch (l->op) {
	case RUN_OP_SHOW: /* the command's own */
		return BPACCT_EINVAL;
	case RUN_OP_TICK:
		return bpacct_engine_tick(s->engine, l->ev.at);
	case RUN_OP_SUPPLEMENT: {
		int rc = supplement_account(s, l, &account);

		if (rc != BPACCT_OK)
			return rc;
		if (!account || !*account) {
			/* E6: what is due by now runs first, as for any
			 * event; then the answer to an unknown request. */
			rc = bpacct_engine_tick(s->engine, l->ev.at);
			if (rc == BPACCT_OK)
				unknown_request(s, l);
			return rc;
		}
		break;
	}
	case RUN_OP_REQUEST:
	case RUN_OP_ISSUE:
	case RUN_OP_USE:
	case RUN_OP_RISK:
	case RUN_OP_CANCEL:
		break;
	}
	return bpacct_engine_submit(s->engine, account, &l->ev);
}
