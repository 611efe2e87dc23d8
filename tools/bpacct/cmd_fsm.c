/*
 * `bpacct fsm [--dot]`: the library's own transition tables (rule E1,
 * conventions D.23/D.25), printed as they are.
 *
 * The account rows come from bpacct_fsm_transition_count/_at().  The
 * public API has no row function for the request machine nor for the
 * guards and actions of the account rows, so these are read back from the
 * library's DOT text (bpacct_fsm_dot()), whose edges are drawn from the
 * same tables in the same order: `"m/from" -> "m/to" [label="..."]`, the
 * label being `input [guard] / action`, `input [outcome]`, `input / first
 * outcome (E2)` or `input: reason` for a refusal.  The tool adds only the
 * Vietnamese names of the account states.
 */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* Vietnamese names of the account states, for the text table only. */
static const char *const state_vi[4] = {
	"chưa cấp", "đang hoạt động", "bị khóa", "đã hủy",
};

/* Bytes of a name or label part; the library's are far shorter. */
#define FSM_NAME_MAX 40

/* One edge of the DOT text, its label split into its parts. */
typedef struct fsm_edge {
	char machine[FSM_NAME_MAX], from[FSM_NAME_MAX], to[FSM_NAME_MAX];
	char input[FSM_NAME_MAX], cond[FSM_NAME_MAX], action[FSM_NAME_MAX];
	char reason[FSM_NAME_MAX];
	int refused, replay;
} fsm_edge;

/* The DOT text and its edges. */
typedef struct fsm_doc {
	char *dot;
	size_t len;
	fsm_edge *edges;
	size_t nedges;
} fsm_doc;

static int load_dot(fsm_doc *d)
{
	int st = bpacct_fsm_dot(NULL, 0, &d->len);

	if (st != BPACCT_OK && st != BPACCT_EBUFSIZE)
		return st;
	d->dot = malloc(d->len + 1);
	if (!d->dot)
		return BPACCT_ENOMEM;
	return bpacct_fsm_dot(d->dot, d->len + 1, &d->len);
}

/* Copies the text between p and the first `stop` into out[size] (cut to
 * fit); returns the position after `stop`, or NULL when there is none. */
static const char *take(const char *p, const char *stop, char *out,
			size_t size)
{
	const char *e = strstr(p, stop);
	size_t n;

	if (!e)
		return NULL;
	n = (size_t)(e - p) < size - 1 ? (size_t)(e - p) : size - 1;
	memcpy(out, p, n);
	out[n] = '\0';
	return e + strlen(stop);
}

/* "input [cond] / action", "input / action", "input: reason" */
static void split_label(const char *label, fsm_edge *e)
{
	size_t n = strcspn(label, " :");
	const char *p = label + n;

	snprintf(e->input, sizeof e->input, "%.*s", (int)n, label);
	if (strncmp(p, " [", 2) == 0)
		p = take(p + 2, "]", e->cond, sizeof e->cond);
	if (p && strncmp(p, ": ", 2) == 0) {
		snprintf(e->reason, sizeof e->reason, "%s", p + 2);
		e->refused = 1;
		return;
	}
	if (p && strncmp(p, " / ", 3) == 0)
		snprintf(e->action, sizeof e->action, "%s", p + 3);
	/* A replay (E2) is drawn "input / first outcome (E2)". */
	e->replay = strstr(e->action, "(E2)") != NULL;
}

/* One line `\t\t"m/from" -> "m/to" [label="..."...];`; 0 if not an edge. */
static int parse_edge(const char *line, fsm_edge *e)
{
	char label[4 * FSM_NAME_MAX];
	const char *p = line;

	memset(e, 0, sizeof *e);
	while (*p == '\t')
		p++;
	if (*p++ != '"' ||
	    !(p = take(p, "/", e->machine, sizeof e->machine)) ||
	    !(p = take(p, "\" -> \"", e->from, sizeof e->from)) ||
	    !(p = take(p, "/", label, sizeof label)) ||
	    !(p = take(p, "\" [label=\"", e->to, sizeof e->to)) ||
	    !take(p, "\"", label, sizeof label))
		return 0;
	split_label(label, e);
	return 1;
}

static int load_edges(fsm_doc *d)
{
	size_t lines = 1;
	const char *p = d->dot;

	for (size_t i = 0; i < d->len; i++)
		lines += d->dot[i] == '\n';
	d->edges = calloc(lines, sizeof *d->edges);
	if (!d->edges)
		return BPACCT_ENOMEM;
	while (*p) {
		char line[256];
		size_t n = strcspn(p, "\n");

		snprintf(line, sizeof line, "%.*s", (int)n, p);
		if (strstr(line, "\" -> \"") &&
		    parse_edge(line, &d->edges[d->nedges]))
			d->nedges++;
		p += n + (p[n] == '\n');
	}
	return BPACCT_OK;
}

static void free_doc(fsm_doc *d)
{
	free(d->dot);
	free(d->edges);
}

/* The code of a reason named by the library, 0 if none. */
static int32_t reason_code(const char *name)
{
	for (int32_t r = 100; r < 600; r++)
		if (strcmp(bpacct_reason_name(r), name) == 0)
			return r;
	return 0;
}

static void json_reason(tool_json *j, int32_t reason)
{
	tool_json_begin(j, "reason", '{');
	tool_json_int(j, "value", reason);
	tool_json_str(j, "code", bpacct_reason_name(reason));
	tool_json_str(j, "vi", bpacct_reason_message(reason, BPACCT_LANG_VI));
	tool_json_str(j, "en", bpacct_reason_message(reason, BPACCT_LANG_EN));
	tool_json_end(j, '}');
}

/* Keys of one row: account rows say `when` (the guard) and `action`,
 * request rows `outcome` or `replay`. */
static void print_json(const fsm_edge *e, int32_t reason)
{
	int account = strcmp(e->machine, "account") == 0;
	tool_json j;

	tool_json_open(&j, stdout);
	tool_json_str(&j, "machine", e->machine);
	tool_json_str(&j, "from", e->from);
	tool_json_str(&j, "input", e->input);
	if (e->cond[0])
		tool_json_str(&j, account ? "when" : "outcome", e->cond);
	if (e->replay)
		tool_json_bool(&j, "replay", 1);
	else if (e->action[0])
		tool_json_str(&j, "action", e->action);
	if (e->refused) {
		tool_json_bool(&j, "refused", 1);
		json_reason(&j, reason);
	} else {
		tool_json_str(&j, "to", e->to);
	}
	tool_json_close(&j);
}

static void print_text(const fsm_edge *e, int32_t reason)
{
	char from[2 * FSM_NAME_MAX];
	int account = strcmp(e->machine, "account") == 0;

	snprintf(from, sizeof from, "%s", e->from);
	for (int32_t s = 0; account && s < 4; s++)
		if (strcmp(bpacct_value_name(BPACCT_FIELD_STATE, s),
			   e->from) == 0)
			snprintf(from, sizeof from, "%s (%s)", e->from,
				 state_vi[s]);
	printf("  ");
	tool_text_cell(stdout, from, account ? 26 : 12);
	tool_text_cell(stdout, e->input, 12);
	tool_text_cell(stdout, e->cond, account ? 19 : 11);
	tool_text_cell(stdout, e->replay ? "first outcome (E2)" : e->action,
		       account ? 17 : 20);
	if (e->refused)
		printf("refused: %s — %s\n", bpacct_reason_name(reason),
		       bpacct_reason_message(reason, BPACCT_LANG_VI));
	else
		printf("%s\n", e->to);
}

static void print_header(int account, uint32_t rows)
{
	if (account)
		printf("Account machine (máy trạng thái tài khoản): %lu rows "
		       "of the library's table.\nThe rows of one state and "
		       "input are tried in order; the first whose condition\n"
		       "holds decides.  Cancelled is final (rule E1).\n\n  ",
		       (unsigned long)rows);
	else
		printf("\nRequest machine (hồ sơ đề nghị hủy): the outcome of "
		       "validation chooses the row;\na decided request given "
		       "again returns its first outcome (rule E2).\n\n  ");
	tool_text_cell(stdout, "from", account ? 26 : 12);
	tool_text_cell(stdout, "input", 12);
	tool_text_cell(stdout, account ? "when" : "outcome", account ? 19 : 11);
	tool_text_cell(stdout, "action", account ? 17 : 20);
	printf("to\n");
}

/* Prints the account rows of the API, each checked against its edge, then
 * the request edges. */
static int print_rows(const tool_args *a, const fsm_doc *d)
{
	int json = tool_has(a, TOOL_OPT_JSON);
	uint32_t n = 0;
	size_t k = 0;
	int st = bpacct_fsm_transition_count(&n);

	if (st != BPACCT_OK)
		return tool_lib_fail(a, "bpacct_fsm_transition_count", st);
	if (!json)
		print_header(1, n);
	for (uint32_t i = 0; i < n; i++, k++) {
		int32_t from = 0, input = 0, to = 0, reason = 0;
		const fsm_edge *e = k < d->nedges ? &d->edges[k] : NULL;

		st = bpacct_fsm_transition_at(i, &from, &input, &to, &reason);
		if (st != BPACCT_OK)
			return tool_lib_fail(a, "bpacct_fsm_transition_at", st);
		if (!e || strcmp(e->machine, "account") != 0 ||
		    strcmp(e->from, bpacct_value_name(BPACCT_FIELD_STATE,
						      from)) != 0 ||
		    strcmp(e->input, bpacct_value_name(BPACCT_FIELD_INPUT,
						       input)) != 0 ||
		    (to < 0) != e->refused)
			return tool_refuse(a, "the DOT text and the table "
					   "disagree at row %lu",
					   (unsigned long)i);
		if (json)
			print_json(e, reason);
		else
			print_text(e, reason);
	}
	if (!json)
		print_header(0, 0);
	for (; k < d->nedges; k++) {
		const fsm_edge *e = &d->edges[k];
		int32_t reason = e->refused ? reason_code(e->reason) : 0;

		if (json)
			print_json(e, reason);
		else
			print_text(e, reason);
	}
	return TOOL_EXIT_OK;
}

int tool_cmd_fsm(const tool_args *a)
{
	fsm_doc d;
	int st, rc;

	if (tool_has(a, TOOL_OPT_DOT) && tool_has(a, TOOL_OPT_JSON))
		return tool_usage(a, "--dot and --json cannot be combined");
	memset(&d, 0, sizeof d);
	st = load_dot(&d);
	if (st == BPACCT_OK && !tool_has(a, TOOL_OPT_DOT))
		st = load_edges(&d);
	if (st != BPACCT_OK)
		rc = tool_lib_fail(a, "bpacct_fsm_dot", st);
	else if (tool_has(a, TOOL_OPT_DOT))
		rc = fwrite(d.dot, 1, d.len, stdout) == d.len
			     ? TOOL_EXIT_OK
			     : TOOL_EXIT_REFUSED;
	else
		rc = print_rows(a, &d);
	free_doc(&d);
	return rc;
}
