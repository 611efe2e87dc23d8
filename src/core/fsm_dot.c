/*
 * Both state machines as Graphviz DOT, drawn from the tables of fsm.c and
 * nothing else (conventions D.25): one cluster per machine, a solid edge
 * per row that moves (its guard in brackets, its action after a slash), a
 * dashed edge to the machine's "refused" box per row that refuses (the
 * reason's stable name).  The text is deterministic: the tables' order.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "bpacct/lifecycle.h"
#include "bpacct/reason.h"
#include "core/fsm_internal.h"
#include "core/lifecycle_internal.h"

typedef struct out_text {
	char *buf;
	size_t size;
	size_t len;
} out_text;

static void put(out_text *o, const char *s)
{
	size_t n = strlen(s);
	if (o->len < o->size) {
		size_t room = o->size - o->len;
		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static void node(out_text *o, const char *machine, const char *name,
		 const char *attrs)
{
	put(o, "\t\t\"");
	put(o, machine);
	put(o, "/");
	put(o, name);
	put(o, "\" [label=\"");
	put(o, name);
	put(o, "\"");
	put(o, attrs);
	put(o, "];\n");
}

/* The head of an edge: "m/from" -> "m/to" [label=" */
static void edge_head(out_text *o, const char *machine, const char *from,
		      const char *to)
{
	put(o, "\t\t\"");
	put(o, machine);
	put(o, "/");
	put(o, from);
	put(o, "\" -> \"");
	put(o, machine);
	put(o, "/");
	put(o, to);
	put(o, "\" [label=\"");
}

static void account_edge(out_text *o, int32_t from, int32_t input,
			 const bpacct__fsm_row *r, int guarded)
{
	const char *in = bpacct_value_name(BPACCT_FIELD_INPUT, input);
	const char *act = bpacct__action_name(r->action);

	edge_head(o, "account", bpacct_value_name(BPACCT_FIELD_STATE, from),
		  r->to < 0 ? "not allowed"
			    : bpacct_value_name(BPACCT_FIELD_STATE, r->to));
	put(o, in);
	if (r->guard != BPACCT__G_ALWAYS) {
		put(o, " [");
		put(o, bpacct__guard_name(r->guard));
		put(o, "]");
	} else if (guarded) {
		put(o, " [otherwise]");
	}
	if (r->to < 0) {
		put(o, ": ");
		put(o, bpacct_reason_name(r->reason));
		put(o, "\", style=dashed];\n");
		return;
	}
	if (act[0] != '\0' && !bpacct__text_same(act, in)) {
		put(o, " / ");
		put(o, act);
	}
	put(o, "\"];\n");
}

static void account_machine(out_text *o)
{
	put(o, "\tsubgraph cluster_account {\n\t\tlabel=\"account\";\n");
	for (int32_t s = 0; s < BPACCT__STATES; s++)
		node(o, "account", bpacct_value_name(BPACCT_FIELD_STATE, s),
		     s == BPACCT_STATE_CANCELLED ? ", shape=doublecircle" : "");
	node(o, "account", "not allowed", ", shape=box, style=dashed");
	for (int32_t s = 0; s < BPACCT__STATES; s++) {
		for (int32_t i = 1; i <= BPACCT__INPUTS; i++) {
			const bpacct__fsm_cell *c = bpacct__fsm_cell_of(s, i);
			for (uint8_t k = 0; k < c->count; k++)
				account_edge(o, s, i, &c->rows[k],
					     c->count > 1);
		}
	}
	put(o, "\t}\n");
}

static void request_edge(out_text *o, const bpacct__request_row *r)
{
	const char *from =
		bpacct_value_name(BPACCT_FIELD_REQUEST_STATE, r->from);

	edge_head(o, "request", from,
		  r->to < 0 ? "not allowed"
			    : bpacct_value_name(BPACCT_FIELD_REQUEST_STATE,
						r->to));
	put(o, bpacct_value_name(BPACCT_FIELD_INPUT, r->input));
	if (r->to < 0) {
		put(o, ": ");
		put(o, bpacct_reason_name(r->reason));
		put(o, "\", style=dashed];\n");
		return;
	}
	if (r->replay) {
		put(o, " / first outcome (E2)\"];\n");
		return;
	}
	put(o, " [");
	put(o, bpacct_value_name(BPACCT_FIELD_OUTCOME, r->outcome));
	put(o, "]\"];\n");
}

static void request_machine(out_text *o)
{
	size_t n = 0;
	const bpacct__request_row *rows = bpacct__request_rows(&n);

	put(o, "\tsubgraph cluster_request {\n\t\tlabel=\"request\";\n");
	for (int32_t s = BPACCT_REQUEST_NONE; s <= BPACCT_REQUEST_REFUSED; s++)
		node(o, "request",
		     bpacct_value_name(BPACCT_FIELD_REQUEST_STATE, s),
		     s >= BPACCT_REQUEST_ACCEPTED ? ", shape=doublecircle" : "");
	node(o, "request", "not allowed", ", shape=box, style=dashed");
	for (size_t i = 0; i < n; i++)
		request_edge(o, &rows[i]);
	put(o, "\t}\n");
}

int bpacct_fsm_dot(char *buf, size_t size, size_t *out_len)
{
	out_text o = { buf, size, 0 };

	if (!out_len || (!buf && size != 0))
		return BPACCT_EINVAL;
	put(&o, "digraph bpacct {\n\trankdir=LR;\n");
	account_machine(&o);
	request_machine(&o);
	put(&o, "}\n");
	*out_len = o.len;
	if (size == 0)
		return BPACCT_EBUFSIZE;
	if (o.len >= size) {
		buf[size - 1] = '\0';
		return BPACCT_EBUFSIZE;
	}
	buf[o.len] = '\0';
	return BPACCT_OK;
}
