/*
 * One line of `bpacct run` input (cli.md) parsed with json-c into a
 * bpacct_event.  Each op is a row that names the keys it requires and the
 * keys it reads; each key is a row with its parser.  A key that is absent
 * (or null) is not read; a required one absent is `missing_key`; a value of
 * the wrong type, an unknown name or an id the library cannot store is
 * `bad_value`.  Keys no row names are ignored.  Names of procedures,
 * channels, identity documents and actors come from the library.
 *
 * Input hygiene (rule E7), before anything of the line is read: a NUL byte
 * anywhere in the line is `nul_byte` (also a "\u0000" in a string), bytes
 * that are not UTF-8 are `bad_utf8` (also an escape that decodes to a lone
 * surrogate), a key given twice in one object, nested objects included, is
 * `duplicate_key` (JSON allows it and json-c keeps the last value; we
 * refuse the line).  Every text the line is read for has a limit, and a
 * longer one is `bad_value` naming the limit, never cut; no text holds a
 * control character (C0, DEL, C1), and an id — account, request, owner,
 * requester, a document number, an enterprise code — holds no space and
 * no '/' either.
 */
#include <stdarg.h>
#include <stdlib.h>
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
	  K(K_REQUEST) | K(K_REQUESTER), K(K_ACCOUNT) | K(K_CHANNEL) | PAPERS },
	{ "risk", RUN_OP_RISK, BPACCT_INPUT_RISK, K(K_ACCOUNT), K(K_DETAIL) },
	{ "cancel", RUN_OP_CANCEL, BPACCT_INPUT_CANCEL,
	  K(K_ACCOUNT) | K(K_ACTOR), 0 }, /* E5: who cancels is said */
	{ "tick", RUN_OP_TICK, BPACCT_INPUT_TICK, 0, 0 },
	{ "show", RUN_OP_SHOW, 0, K(K_ACCOUNT), 0 },
};

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

/* Limits of the texts of a line, in bytes (rule E7: longer is an error
 * that names the limit).  Ids as the library keeps them; a risk's detail
 * as the audit record keeps it; other texts (names, NA20 fields) have a
 * bound of the tool's. */
#define ID_LIMIT ((size_t)BPACCT_ID_MAX - 1)     /* 47 */
#define CODE_LIMIT ((size_t)BPACCT_CODE_MAX - 1) /* 23 */
#define DETAIL_LIMIT ((size_t)RUN_TEXT_MAX - 1)  /* 95 */
#define FREE_LIMIT ((size_t)1023)

/* How a text is checked. */
enum {
	T_FREE = 0,     /* any UTF-8 text without control characters */
	T_ID = 1,       /* also no space and no '/' */
	T_NONEMPTY = 2, /* at least one byte */
};

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

/*
 * The code point of the UTF-8 sequence at s[*i] (advancing *i), or -1 for
 * bytes that are not UTF-8: a bad lead or continuation byte, a truncated,
 * overlong or surrogate form, or a value beyond U+10FFFF.
 */
static long utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	unsigned char b = s[*i];
	size_t need;
	long cp;

	if (b < 0x80) {
		(*i)++;
		return b;
	}
	if (b >= 0xc2 && b <= 0xdf) {
		need = 1;
		cp = b & 0x1f;
	} else if (b >= 0xe0 && b <= 0xef) {
		need = 2;
		cp = b & 0x0f;
	} else if (b >= 0xf0 && b <= 0xf4) {
		need = 3;
		cp = b & 0x07;
	} else {
		return -1;
	}
	if (len - *i <= need)
		return -1;
	for (size_t k = 1; k <= need; k++) {
		if ((s[*i + k] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[*i + k] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return -1;
	*i += need + 1;
	return cp;
}

/* The offset of the first byte that is not UTF-8, or len. */
static size_t utf8_bad(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t at = i;

		if (utf8_next((const unsigned char *)s, len, &i) < 0)
			return at;
	}
	return len;
}

static int is_control(long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* Spaces of Unicode (Zs) and the invisible format characters that could
 * make two ids look alike (U+200B–U+200F, U+2060–U+2064, U+FEFF). */
static int is_space(long cp)
{
	return cp == 0x20 || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202f) ||
	       (cp >= 0x205f && cp <= 0x2064) || cp == 0x3000 ||
	       cp == 0xfeff;
}

/*
 * A string of at most limit bytes (0: no limit) without NUL bytes or
 * control characters, UTF-8; with T_ID also without spaces and '/' (the
 * separator of the idempotency keys: the library refuses it too), with
 * T_NONEMPTY at least one byte.  Rule E7: too long is an error that names
 * the limit; nothing is cut.
 */
static int text_as(json_object *v, const char *key, size_t limit,
		   unsigned how, const char **out, run_error *e)
{
	const unsigned char *u;
	const char *s;
	size_t len, i = 0;

	if (!json_object_is_type(v, json_type_string))
		return fail(e, "bad_value", "key '%s' must be a string", key);
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	u = (const unsigned char *)s;
	if (memchr(s, '\0', len))
		return fail(e, "nul_byte", "key '%s' holds a NUL character",
			    key);
	if (limit && len > limit)
		return fail(e, "bad_value", "key '%s' has %zu bytes: the limit "
			    "is %zu (nothing is cut, rule E7)", key, len,
			    limit);
	if ((how & T_NONEMPTY) && len == 0)
		return fail(e, "bad_value", "key '%s' must have 1 to %zu bytes",
			    key, limit);
	while (i < len) {
		size_t at = i;
		long cp = utf8_next(u, len, &i);

		if (cp < 0)
			return fail(e, "bad_utf8", "key '%s' is not UTF-8 "
				    "(byte %zu)", key, at + 1);
		if (is_control(cp))
			return fail(e, "bad_value", "key '%s' holds a control "
				    "character (U+%04lX at byte %zu)", key,
				    (unsigned long)cp, at + 1);
		if ((how & T_ID) && is_space(cp))
			return fail(e, "bad_value", "key '%s' must not contain "
				    "spaces (U+%04lX at byte %zu)", key,
				    (unsigned long)cp, at + 1);
		if ((how & T_ID) && cp == 0xfffd)
			return fail(e, "bad_value", "key '%s' holds U+FFFD (an "
				    "escape that is not a character, such as a "
				    "lone surrogate)", key);
		if ((how & T_ID) && cp == '/')
			return fail(e, "bad_value", "key '%s' must not contain "
				    "'/'", key);
	}
	*out = s;
	return 0;
}

/* A text of no bound of its own: a name the library compares, an
 * instant the library parses. */
static int text(json_object *v, const char *key, const char **out,
		run_error *e)
{
	return text_as(v, key, 0, T_FREE, out, e);
}

/* An account or request id: 1 to BPACCT_ID_MAX - 1 bytes. */
static int id_text(json_object *v, const char *key, const char **out,
		   run_error *e)
{
	return text_as(v, key, ID_LIMIT, T_ID | T_NONEMPTY, out, e);
}

/* A code or document number: at most BPACCT_CODE_MAX - 1 bytes; empty
 * (a paper without it) when not required, for the library to judge. */
static int code_text(json_object *v, const char *key, unsigned how,
		     const char **out, run_error *e)
{
	return text_as(v, key, CODE_LIMIT, T_ID | how, out, e);
}

/* A name the library gives to values first..last of a field. */
static int named(json_object *v, const char *key, int32_t field,
		 int32_t first, int32_t last, int32_t *out, run_error *e)
{
	char expected[96] = "";
	const char *s = "";

	if (text(v, key, &s, e) != 0)
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

	if (text(v, key, &s, e) != 0)
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
	if (member(v, "name") && text_as(member(v, "name"), "holder.name",
					 FREE_LIMIT, T_FREE, &name, e) != 0)
		return -1;
	if (id_type(t, "holder.id_type", &l->ev.holder_id_type, e) != 0)
		return -1;
	return code_text(n, "holder.id_number", T_NONEMPTY,
			 &l->ev.holder_id_number, e);
}

static int parse_identity(json_object *v, run_line *l, run_error *e)
{
	json_object *t = member(v, "id_type"), *n = member(v, "id_number");

	if (object(v, "identity", e) != 0)
		return -1;
	if (t && id_type(t, "identity.id_type", &l->ev.id_type, e) != 0)
		return -1;
	return n ? code_text(n, "identity.id_number", 0, &l->ev.id_number, e)
		 : 0;
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

		if (text(json_object_array_get_idx(v, i), "documents", &s,
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
		/* the account named on the form is an id; the rest is text */
		if (f && (i == BPACCT_NA20_ACCOUNT
				  ? text_as(f, key, ID_LIMIT, T_ID,
					    &l->ev.na20[i], e)
				  : text_as(f, key, FREE_LIMIT, T_FREE,
					    &l->ev.na20[i], e)) != 0)
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
		return code_text(v, "owner", T_NONEMPTY, &ev->owner, e);
	case K_HOLDER:
		return parse_holder(v, l, e);
	case K_REQUESTER:
		return code_text(v, "requester", 0, &ev->requester, e);
	case K_CHANNEL:
		return channel(v, "channel", &ev->channel, e);
	case K_DOCUMENTS:
		return parse_documents(v, l, e);
	case K_ENTERPRISE_CODE:
		return code_text(v, "enterprise_code", 0, &ev->enterprise_code,
				 e);
	case K_IDENTITY:
		return parse_identity(v, l, e);
	case K_NA20:
		return parse_na20(v, l, e);
	case K_RESULT_CHANNEL:
		return channel(v, "result_channel", &ev->result_channel, e);
	case K_DETAIL:
		return text_as(v, "detail", DETAIL_LIMIT, T_FREE, &ev->detail,
			       e);
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

/*
 * Rule E7: duplicate keys.  json-c keeps one member per key (the last), so
 * an object of the line has a key twice exactly when its text lists more
 * members than json-c's object holds.  The text's objects are counted in
 * document order (opening braces outside strings), and so are json-c's
 * (members in the order they were first given, arrays in order): up to
 * the first object with a duplicate key both lists hold the same objects,
 * since only a replaced value drops objects from json-c's tree.
 */
typedef struct raw_objects {
	size_t n;
	size_t *members; /* per object, in document order */
	size_t *offset;  /* of its '{' */
} raw_objects;

/* Skips the string that starts at s[i] == '"'; returns the index after
 * its closing quote (the text is valid JSON). */
static size_t skip_string(const char *s, size_t len, size_t i)
{
	for (i++; i < len && s[i] != '"'; i++)
		if (s[i] == '\\')
			i++;
	return i + 1;
}

static int count_members(const char *s, size_t len, raw_objects *r)
{
	size_t stack[64]; /* open objects (index) or arrays (SIZE_MAX) */
	int empty[64];
	size_t depth = 0, nobj = 0, i;

	for (i = 0; i < len; i = s[i] == '"' ? skip_string(s, len, i) : i + 1)
		if (s[i] == '{')
			nobj++;
	r->n = nobj;
	r->members = calloc(nobj ? nobj : 1, sizeof *r->members);
	r->offset = calloc(nobj ? nobj : 1, sizeof *r->offset);
	if (!r->members || !r->offset)
		return -1;
	nobj = 0;
	for (i = 0; i < len;) {
		char ch = s[i];

		if (depth > 0 && empty[depth - 1] && !strchr(" \t\r\n", ch) &&
		    ch != '}' && ch != ']') {
			empty[depth - 1] = 0;
			if (stack[depth - 1] != SIZE_MAX)
				r->members[stack[depth - 1]] = 1;
		}
		if (ch == '"') {
			i = skip_string(s, len, i);
			continue;
		}
		if ((ch == '{' || ch == '[') && depth < COUNT(stack)) {
			if (ch == '{')
				r->offset[nobj] = i;
			stack[depth] = ch == '{' ? nobj++ : SIZE_MAX;
			empty[depth++] = 1;
		} else if ((ch == '}' || ch == ']') && depth > 0) {
			depth--;
		} else if (ch == ',' && depth > 0 &&
			   stack[depth - 1] != SIZE_MAX) {
			r->members[stack[depth - 1]]++;
		}
		i++;
	}
	return 0;
}

/* The first object of json-c's tree, in document order, that holds fewer
 * members than the text gives it; SIZE_MAX when none does. */
static size_t short_object(json_object *o, const raw_objects *r,
			   size_t *next)
{
	size_t at;

	if (json_object_is_type(o, json_type_array)) {
		size_t n = json_object_array_length(o);

		for (size_t i = 0; i < n; i++) {
			at = short_object(json_object_array_get_idx(o, i), r,
					  next);
			if (at != SIZE_MAX)
				return at;
		}
		return SIZE_MAX;
	}
	if (!json_object_is_type(o, json_type_object))
		return SIZE_MAX;
	at = (*next)++;
	if (at >= r->n ||
	    (size_t)json_object_object_length(o) != r->members[at])
		return at < r->n ? at : 0;
	json_object_object_foreach(o, key, value) {
		(void)key;
		at = short_object(value, r, next);
		if (at != SIZE_MAX)
			return at;
	}
	return SIZE_MAX;
}

/* A JSON string literal of n bytes decoded by json-c; NULL on failure. */
static json_object *decode_string(const char *lit, size_t n)
{
	json_tokener *t = json_tokener_new();
	json_object *o = NULL;

	if (t && n <= (size_t)INT32_MAX)
		o = json_tokener_parse_ex(t, lit, (int)n);
	if (o && !json_object_is_type(o, json_type_string)) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(t);
	return o;
}

/* The key of the object at s[off] that a member repeats, decoded by
 * json-c, into buf; "" when not found among its first keys. */
static void repeated_key(const char *s, size_t len, size_t off, char *buf,
			 size_t size)
{
	json_object *keys[32];
	size_t nkeys = 0, i = off + 1, depth = 0;
	int want_key = 1;

	buf[0] = '\0';
	while (i < len && nkeys < COUNT(keys)) {
		char ch = s[i];

		if (ch == '"') {
			size_t end = skip_string(s, len, i);

			if (depth == 0 && want_key) {
				keys[nkeys++] = decode_string(s + i, end - i);
				want_key = 0;
			}
			i = end;
			continue;
		}
		if (ch == '{' || ch == '[')
			depth++;
		else if ((ch == '}' || ch == ']') && depth-- == 0)
			break;
		else if (ch == ',' && depth == 0)
			want_key = 1;
		i++;
	}
	for (size_t a = 1; a < nkeys && !buf[0]; a++)
		for (size_t b = 0; b < a && !buf[0]; b++)
			if (keys[a] && keys[b] &&
			    strcmp(json_object_get_string(keys[a]),
				   json_object_get_string(keys[b])) == 0)
				snprintf(buf, size, "%s",
					 json_object_get_string(keys[a]));
	for (size_t a = 0; a < nkeys; a++)
		json_object_put(keys[a]);
}

static int no_duplicate_keys(json_object *o, const char *s, size_t len,
			     run_error *e)
{
	raw_objects r = { 0, NULL, NULL };
	size_t next = 0, at;
	char key[64];
	int rc = 0;

	if (count_members(s, len, &r) != 0) {
		rc = fail(e, "not_json", "out of memory");
	} else if ((at = short_object(o, &r, &next)) != SIZE_MAX) {
		repeated_key(s, len, r.offset[at], key, sizeof key);
		if (key[0] && utf8_bad(key, strlen(key)) == strlen(key))
			rc = fail(e, "duplicate_key", "key '%.40s' appears "
				  "twice in one object (rule E7)", key);
		else
			rc = fail(e, "duplicate_key", "a key appears twice in "
				  "the object at byte %zu (rule E7)",
				  r.offset[at] + 1);
	}
	free(r.members);
	free(r.offset);
	return rc;
}

/* Every string of the parsed line, keys included, once decoded: no NUL
 * (a "\u0000"), nothing but UTF-8 (an escaped lone surrogate). */
static int clean_strings(json_object *o, run_error *e)
{
	if (json_object_is_type(o, json_type_string)) {
		const char *s = json_object_get_string(o);
		size_t len = (size_t)json_object_get_string_len(o);

		if (memchr(s, '\0', len))
			return fail(e, "nul_byte", "a string holds a NUL "
				    "character (\\u0000)");
		if (utf8_bad(s, len) != len)
			return fail(e, "bad_utf8", "a string is not UTF-8 once "
				    "decoded (a lone surrogate escape?)");
		return 0;
	}
	if (json_object_is_type(o, json_type_array)) {
		size_t n = json_object_array_length(o);

		for (size_t i = 0; i < n; i++)
			if (clean_strings(json_object_array_get_idx(o, i), e))
				return -1;
		return 0;
	}
	if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, key, value) {
			if (utf8_bad(key, strlen(key)) != strlen(key))
				return fail(e, "bad_utf8", "a key is not UTF-8 "
					    "once decoded");
			if (clean_strings(value, e))
				return -1;
		}
	}
	return 0;
}

int run_line_clean(const char *text_, size_t len, run_error *e)
{
	const char *nul = memchr(text_, '\0', len);
	size_t bad;

	if (nul)
		return fail(e, "nul_byte", "the line holds a NUL byte (byte "
			    "%zu; rule E7)", (size_t)(nul - text_) + 1);
	bad = utf8_bad(text_, len);
	if (bad != len)
		return fail(e, "bad_utf8", "the line is not UTF-8 (byte %zu; "
			    "rule E7)", bad + 1);
	return 0;
}

/* A plain word for what json-c found wrong (its own descriptions name
 * parser states: "continue"). */
static const char *json_problem(enum json_tokener_error err)
{
	switch (err) {
	case json_tokener_continue:
	case json_tokener_error_parse_eof:
		return "the line ends before the JSON object does (a missing "
		       "'}', ']' or '\"'?)";
	case json_tokener_error_depth:
		return "objects and arrays nested too deep";
	case json_tokener_error_parse_string:
	case json_tokener_error_parse_utf8_string:
		return "a malformed string";
	case json_tokener_error_parse_number:
		return "a malformed number";
	case json_tokener_error_parse_object_key_name:
		return "a key must be a string in double quotes";
	case json_tokener_error_parse_object_key_sep:
		return "a ':' is missing after a key";
	case json_tokener_error_parse_object_value_sep:
		return "a ',' or '}' is missing after a value (or a ',' "
		       "before '}')";
	case json_tokener_error_parse_array:
		return "a malformed array";
	case json_tokener_error_parse_comment:
		return "comments are not JSON";
	default:
		return "an unexpected character";
	}
}

/* The line as one JSON object, nothing after it but blanks; strict JSON
 * (RFC 8259: no trailing comma, no single quotes, no comment). */
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
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT
#ifdef JSON_TOKENER_ALLOW_TRAILING_CHARS
					    | JSON_TOKENER_ALLOW_TRAILING_CHARS
#endif
	);
	o = json_tokener_parse_ex(tok, s, (int)len);
	end = json_tokener_get_parse_end(tok);
	if (!o || json_tokener_get_error(tok) != json_tokener_success) {
		fail(e, "not_json", "not JSON: %s (near byte %zu)",
		     json_problem(json_tokener_get_error(tok)), end + 1);
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
	char buf[BPACCT_INSTANT_BUFSIZE];
	const char *s = "";

	if (!v)
		return fail(e, "missing_key", "missing key 'op'");
	if (text(v, "op", &s, e) != 0)
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
	if (text(v, "at", &s, e) != 0)
		return -1;
	if (bpacct_instant_parse(&l->ev.at, s, strlen(s)) != BPACCT_OK)
		return fail(e, "bad_instant", "key 'at': invalid instant "
			    "'%.40s' (expected RFC 3339, e.g. "
			    "2026-11-16T09:00:00+07:00)", s);
	/* RFC 3339 with an offset reaches a day before year 1 or after
	 * 9999 at UTC+07:00, which no output can write. */
	if (bpacct_instant_format(buf, sizeof buf, l->ev.at) != BPACCT_OK)
		return fail(e, "bad_instant", "key 'at': instant '%.40s' lies "
			    "outside the years 1 to 9999 at UTC+07:00", s);
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
	if (run_line_clean(text_, len, err) != 0)
		return -1;
	o = parse_json(text_, len, err);
	if (!o)
		return -1;
	if (no_duplicate_keys(o, text_, len, err) != 0 ||
	    clean_strings(o, err) != 0 ||
	    parse_head(o, &op, out, err) != 0 ||
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
