/*
 * One line of `bpacct run` input (cli.md) parsed with json-c into a
 * bpacct_event.  Each op is a row that names the keys it requires and the
 * keys it reads; each key is a row with its parser.  A key that is absent
 * (or null) is not read; a required one absent is `missing_key`; a value of
 * the wrong type, an unknown name or an id the library cannot store is
 * `bad_value`.  Keys no row names are ignored.  Names of procedures,
 * channels, identity documents and actors come from the library.
 */
#include <stdarg.h>
#include <string.h>

#include <json-c/json.h>

#include "run.h"

#define K(k) (1u << (k))

enum {
	K_ACCOUNT, K_REQUEST, K_PROCEDURE, K_OWNER, K_HOLDER, K_REQUESTER,
	K_CHANNEL, K_DOCUMENTS, K_ENTERPRISE_CODE, K_IDENTITY, K_NA20,
	K_RESULT_CHANNEL, K_DETAIL, K_ACTOR, K_COUNT
};

#define PAPERS (K(K_DOCUMENTS) | K(K_ENTERPRISE_CODE) | K(K_IDENTITY) | \
		K(K_NA20) | K(K_RESULT_CHANNEL))

static const struct {
	const char *name;
	run_op op;
	int32_t input;
	uint32_t required, read;
} ops[] = {
	{ "issue", RUN_OP_ISSUE, BPACCT_INPUT_ISSUE,
	  K(K_ACCOUNT) | K(K_PROCEDURE) | K(K_OWNER), K(K_HOLDER) },
	{ "use", RUN_OP_USE, BPACCT_INPUT_USE, K(K_ACCOUNT), 0 },
	{ "request", RUN_OP_REQUEST, BPACCT_INPUT_REQUEST,
	  K(K_REQUEST) | K(K_ACCOUNT) | K(K_REQUESTER) | K(K_CHANNEL), PAPERS },
	{ "supplement", RUN_OP_SUPPLEMENT, BPACCT_INPUT_SUPPLEMENT,
	  K(K_REQUEST), K(K_ACCOUNT) | K(K_CHANNEL) | PAPERS },
	{ "risk", RUN_OP_RISK, BPACCT_INPUT_RISK, K(K_ACCOUNT), K(K_DETAIL) },
	{ "cancel", RUN_OP_CANCEL, BPACCT_INPUT_CANCEL, K(K_ACCOUNT),
	  K(K_ACTOR) },
	{ "tick", RUN_OP_TICK, BPACCT_INPUT_TICK, 0, 0 },
	{ "show", RUN_OP_SHOW, 0, K(K_ACCOUNT), 0 },
};

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

TOOL_PRINTF(3, 4)
static int fail(run_error *e, const char *code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	/* ap is started above; clang-analyzer 14 cannot see it (out.c). */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return -1;
}

/* A string without NUL bytes, of 1 to max - 1 bytes when max is not 0. */
static int text(json_object *v, const char *key, size_t max,
		const char **out, run_error *e)
{
	const char *s;
	size_t len;

	if (!json_object_is_type(v, json_type_string))
		return fail(e, "bad_value", "key '%s' must be a string", key);
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (strlen(s) != len)
		return fail(e, "bad_value", "key '%s' holds a NUL character",
			    key);
	if (max && (len == 0 || len >= max))
		return fail(e, "bad_value", "key '%s' must have 1 to %zu "
			    "bytes", key, max - 1);
	*out = s;
	return 0;
}

/* An account or request id: 1 to BPACCT_ID_MAX - 1 bytes without '/',
 * the separator of the idempotency keys (the library refuses it too). */
static int id_text(json_object *v, const char *key, const char **out,
		   run_error *e)
{
	const char *s = "";

	if (text(v, key, BPACCT_ID_MAX, &s, e) != 0)
		return -1;
	if (strchr(s, '/'))
		return fail(e, "bad_value", "key '%s' must not contain '/'",
			    key);
	*out = s;
	return 0;
}

/* A name the library gives to values first..last of a field. */
static int named(json_object *v, const char *key, int32_t field,
		 int32_t first, int32_t last, int32_t *out, run_error *e)
{
	char expected[96] = "";
	const char *s = "";

	if (text(v, key, 0, &s, e) != 0)
		return -1;
	for (int32_t x = first; x <= last; x++) {
		const char *name = bpacct_value_name(field, x);
		size_t n = strlen(expected);

		if (strcmp(name, s) == 0) {
			*out = x;
			return 0;
		}
		snprintf(expected + n, sizeof expected - n, "%s%s",
			 x == first ? "" : x == last ? " or " : ", ", name);
	}
	return fail(e, "bad_value", "key '%s': unknown value '%.40s' "
		    "(expected %s)", key, s, expected);
}

static int channel(json_object *v, const char *key, int32_t *out,
		   run_error *e)
{
	return named(v, key, BPACCT_FIELD_CHANNEL, BPACCT_CHANNEL_IN_PERSON,
		     BPACCT_CHANNEL_ONLINE, out, e);
}

static int id_type(json_object *v, const char *key, int32_t *out,
		   run_error *e)
{
	const char *s = "";

	if (text(v, key, 0, &s, e) != 0)
		return -1;
	if (bpacct_id_type_from_name(s, strlen(s), out) != BPACCT_OK)
		return fail(e, "bad_value", "key '%s': unknown value '%.40s' "
			    "(expected cmnd, cccd or passport)", key, s);
	return 0;
}

/* The member `name` of an object, NULL when absent or null. */
static json_object *member(json_object *o, const char *name)
{
	json_object *v = NULL;

	return json_object_object_get_ex(o, name, &v) ? v : NULL;
}

static int object(json_object *v, const char *key, run_error *e)
{
	if (!json_object_is_type(v, json_type_object))
		return fail(e, "bad_value", "key '%s' must be an object", key);
	return 0;
}

static int parse_holder(json_object *v, run_line *l, run_error *e)
{
	json_object *t = member(v, "id_type"), *n = member(v, "id_number");
	const char *name = NULL;

	if (object(v, "holder", e) != 0)
		return -1;
	if (!t || !n)
		return fail(e, "missing_key", "key 'holder' needs id_type and "
			    "id_number");
	if (member(v, "name") && text(member(v, "name"), "holder.name", 0,
				      &name, e) != 0)
		return -1;
	if (id_type(t, "holder.id_type", &l->ev.holder_id_type, e) != 0)
		return -1;
	return text(n, "holder.id_number", BPACCT_CODE_MAX,
		    &l->ev.holder_id_number, e);
}

static int parse_identity(json_object *v, run_line *l, run_error *e)
{
	json_object *t = member(v, "id_type"), *n = member(v, "id_number");

	if (object(v, "identity", e) != 0)
		return -1;
	if (t && id_type(t, "identity.id_type", &l->ev.id_type, e) != 0)
		return -1;
	return n ? text(n, "identity.id_number", 0, &l->ev.id_number, e) : 0;
}

/* Papers by name; the library has the bits, not the names. */
static const struct {
	const char *name;
	uint32_t bit;
} documents[] = {
	{ "application", BPACCT_DOC_APPLICATION },
	{ "enterprise_registration", BPACCT_DOC_ENTERPRISE_REGISTRATION },
	{ "identity", BPACCT_DOC_IDENTITY },
	{ "na20", BPACCT_DOC_NA20 },
};

static int parse_documents(json_object *v, run_line *l, run_error *e)
{
	size_t n;

	if (!json_object_is_type(v, json_type_array))
		return fail(e, "bad_value", "key 'documents' must be a list");
	n = json_object_array_length(v);
	for (size_t i = 0; i < n; i++) {
		const char *s = "";
		size_t k = 0;

		if (text(json_object_array_get_idx(v, i), "documents", 0, &s,
			 e) != 0)
			return -1;
		while (k < COUNT(documents) &&
		       strcmp(documents[k].name, s) != 0)
			k++;
		if (k == COUNT(documents))
			return fail(e, "bad_value", "key 'documents': unknown "
				    "document '%.40s' (expected application, "
				    "enterprise_registration or identity)", s);
		l->ev.documents |= documents[k].bit;
	}
	return 0;
}

/* NA20 fields by bpacct_na20_field. */
static const char *const na20_names[BPACCT_NA20_FIELDS] = {
	"organisation", "address", "phone", "email", "account", "reason",
	"signer",
};

static int parse_na20(json_object *v, run_line *l, run_error *e)
{
	json_object *sealed = member(v, "sealed");

	if (object(v, "na20", e) != 0)
		return -1;
	for (int i = 0; i < BPACCT_NA20_FIELDS; i++) {
		json_object *f = member(v, na20_names[i]);
		char key[32];

		snprintf(key, sizeof key, "na20.%s", na20_names[i]);
		if (f && text(f, key, 0, &l->ev.na20[i], e) != 0)
			return -1;
	}
	if (sealed && !json_object_is_type(sealed, json_type_boolean))
		return fail(e, "bad_value", "key 'na20.sealed' must be true "
			    "or false");
	l->ev.na20_sealed = sealed && json_object_get_boolean(sealed);
	l->ev.documents |= BPACCT_DOC_NA20;
	return 0;
}

static int parse_key(int k, json_object *v, run_line *l, run_error *e)
{
	bpacct_event *ev = &l->ev;

	switch (k) {
	case K_ACCOUNT:
		return id_text(v, "account", &l->account, e);
	case K_REQUEST:
		return id_text(v, "request", &ev->request, e);
	case K_PROCEDURE:
		return named(v, "procedure", BPACCT_FIELD_PROCEDURE,
			     BPACCT_PROCEDURE_BP, BPACCT_PROCEDURE_XNC,
			     &ev->procedure, e);
	case K_OWNER:
		return text(v, "owner", BPACCT_CODE_MAX, &ev->owner, e);
	case K_HOLDER:
		return parse_holder(v, l, e);
	case K_REQUESTER:
		return text(v, "requester", 0, &ev->requester, e);
	case K_CHANNEL:
		return channel(v, "channel", &ev->channel, e);
	case K_DOCUMENTS:
		return parse_documents(v, l, e);
	case K_ENTERPRISE_CODE:
		return text(v, "enterprise_code", 0, &ev->enterprise_code, e);
	case K_IDENTITY:
		return parse_identity(v, l, e);
	case K_NA20:
		return parse_na20(v, l, e);
	case K_RESULT_CHANNEL:
		return channel(v, "result_channel", &ev->result_channel, e);
	case K_DETAIL:
		return text(v, "detail", 0, &ev->detail, e);
	default: /* K_ACTOR */
		return named(v, "actor", BPACCT_FIELD_ACTOR,
			     BPACCT_ACTOR_OFFICER, BPACCT_ACTOR_HOLDER,
			     &ev->actor, e);
	}
}

static const char *const key_names[K_COUNT] = {
	"account", "request", "procedure", "owner", "holder", "requester",
	"channel", "documents", "enterprise_code", "identity", "na20",
	"result_channel", "detail", "actor",
};

static int parse_keys(json_object *o, size_t op, run_line *l, run_error *e)
{
	for (int k = 0; k < K_COUNT; k++) {
		json_object *v = member(o, key_names[k]);

		if (!((ops[op].required | ops[op].read) & K(k)))
			continue;
		if (!v && (ops[op].required & K(k)))
			return fail(e, "missing_key", "missing key '%s' (op "
				    "'%s')", key_names[k], ops[op].name);
		if (v && parse_key(k, v, l, e) != 0)
			return -1;
	}
	return 0;
}

/* The line as one JSON object, nothing after it but blanks. */
static json_object *parse_json(const char *s, size_t len, run_error *e)
{
	json_tokener *tok = json_tokener_new();
	json_object *o;
	size_t end;

	if (!tok || len > (size_t)INT32_MAX) {
		json_tokener_free(tok);
		fail(e, "not_json", "line too long or out of memory");
		return NULL;
	}
	o = json_tokener_parse_ex(tok, s, (int)len);
	end = json_tokener_get_parse_end(tok);
	if (!o || json_tokener_get_error(tok) != json_tokener_success) {
		fail(e, "not_json", "not JSON: %s",
		     json_tokener_error_desc(json_tokener_get_error(tok)));
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	while (o && end < len && strchr(" \t\r", s[end]))
		end++;
	if (o && (end < len || !json_object_is_type(o, json_type_object))) {
		fail(e, "not_json", "a line must hold one JSON object");
		json_object_put(o);
		o = NULL;
	}
	return o;
}

static int parse_head(json_object *o, size_t *op, run_line *l, run_error *e)
{
	json_object *v = member(o, "op");
	const char *s = "";

	if (!v)
		return fail(e, "missing_key", "missing key 'op'");
	if (text(v, "op", 0, &s, e) != 0)
		return -1;
	for (*op = 0; *op < COUNT(ops) && strcmp(ops[*op].name, s) != 0;
	     (*op)++)
		;
	if (*op == COUNT(ops))
		return fail(e, "unknown_op", "unknown op '%.40s' (expected "
			    "issue, use, request, supplement, risk, cancel, "
			    "tick or show)", s);
	v = member(o, "at");
	if (!v)
		return fail(e, "missing_key", "missing key 'at' (op '%s')",
			    ops[*op].name);
	if (text(v, "at", 0, &s, e) != 0)
		return -1;
	if (bpacct_instant_parse(&l->ev.at, s, strlen(s)) != BPACCT_OK)
		return fail(e, "bad_instant", "key 'at': invalid instant "
			    "'%.40s' (expected RFC 3339, e.g. "
			    "2026-11-16T09:00:00+07:00)", s);
	e->at = l->ev.at;
	return 0;
}

int run_parse(const char *text_, size_t len, run_line *out, run_error *err)
{
	json_object *o;
	size_t op = 0;

	memset(out, 0, sizeof *out);
	err->code = NULL;
	err->message[0] = '\0';
	err->at = BPACCT_INSTANT_NONE;
	o = parse_json(text_, len, err);
	if (!o)
		return -1;
	if (parse_head(o, &op, out, err) != 0 ||
	    bpacct_event_init(&out->ev, BPACCT_EVENT_VERSION, ops[op].input,
			      err->at) != BPACCT_OK ||
	    parse_keys(o, op, out, err) != 0) {
		json_object_put(o);
		memset(out, 0, sizeof *out);
		return -1;
	}
	out->op = ops[op].op;
	out->json = o;
	return 0;
}

void run_line_free(run_line *l)
{
	json_object_put(l->json);
	l->json = NULL;
}
