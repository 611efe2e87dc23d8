/*
 * Shared declarations of `bpacct run` and `bpacct demo` (cli.md): an
 * engine over the in-memory store whose effects are kept in a buffer as
 * plain values (run_session.c), events read from JSON lines (run_parse.c)
 * and effects printed as JSON lines (run_print.c) or narrated (demo_say.c).
 *
 * Effects are buffered, not printed from the engine's callback, because a
 * notice names its recipients by id (the owner's code, the holder's
 * document) and those are read from the account once the engine call has
 * returned: the engine may not be called from inside its own callback.
 */
#ifndef BPACCT_TOOL_RUN_H
#define BPACCT_TOOL_RUN_H

#include "tool.h"

/* Reasons kept per effect (the library's own bound is the same). */
#define RUN_REASONS_MAX 16
/* Bytes of a detail text or an idempotency key kept per effect. */
#define RUN_TEXT_MAX 96

/* Buffer entries that are not effects of the library. */
#define RUN_FX_DELIVERY 100 /* a notice handed to the notifier */
/* The op of a refusal the tool makes itself (show of an unknown account). */
#define RUN_INPUT_SHOW 100

/* One effect, copied out of the engine's list while it is valid. */
typedef struct run_fx {
	int32_t type;     /* bpacct_effect_type or RUN_FX_DELIVERY */
	int32_t input;    /* bpacct_input, or RUN_INPUT_SHOW */
	int32_t from, to; /* bpacct_state */
	int32_t case_, actor, kind, document, channel, rule, outcome, fee;
	int32_t replay; /* an outcome answering an id given again (E2) */
	uint32_t recipients; /* BPACCT_RECIPIENT_* */
	uint32_t nreasons;
	int64_t at, due, received, available_from; /* or BPACCT_INSTANT_NONE */
	int32_t reasons[RUN_REASONS_MAX];
	char account[BPACCT_ID_MAX];
	char request[BPACCT_ID_MAX];
	char detail[RUN_TEXT_MAX]; /* audit detail; a delivery's key */
} run_fx;

typedef struct run_session {
	bpacct_calendar *cal;
	bpacct_memory_store *store; /* --store memory (the default) */
	void *db;                   /* --store sqlite:PATH (run_store.c) */
	void *pg;                   /* --store postgres:… (run_store_pg.c) */
	bpacct_engine *engine;
	bpacct_account *scratch; /* for reading accounts back */
	run_fx *fx;              /* effects of the current line */
	size_t nfx, cap;
	int lost;                /* effects dropped for want of memory */
	unsigned long delivered; /* notices the notifier took */
	/* The store the engine uses, read directly for the request records:
	 * a supplement names only its request, a rejection goes back to
	 * whoever asked, and only what the library stored counts. */
	const bpacct_store_ops *store_ops;
	void *store_userdata;
	bpacct_request *scratch_request;
	char error[256]; /* the tool's own word on a failed line */
} run_session;

/* run_session.c */
int run_session_open(const tool_args *a, run_session *s);
void run_session_close(run_session *s);
void run_session_clear(run_session *s);
run_fx *run_session_add(run_session *s, int32_t type, int32_t input,
			int64_t at, const char *account);
/* The request record the store keeps for `id` in *out: BPACCT_OK,
 * BPACCT_ENOTFOUND, or the store's error (BPACCT_EPARSE: corrupt, rules
 * E8; s->error then says which). */
int run_session_stored_request(run_session *s, const char *id,
			       const bpacct_request **out);
/* The account's record, or NULL when the store has none (or it cannot be
 * read: run_session_read() tells which). */
const bpacct_account *run_session_account(run_session *s, const char *id);
/* The account's record in *out: BPACCT_OK, BPACCT_ENOTFOUND when the store
 * has none (or not issued), else the engine's error (BPACCT_EPARSE: the
 * stored record is corrupt, rules E8). */
int run_session_read(run_session *s, const char *id,
		     const bpacct_account **out);
const char *run_session_recipient(run_session *s, const run_fx *f,
				  uint32_t role);
void run_fx_reason(run_fx *f, int32_t reason);

/* run_store.c: the store named by --store. */
int run_store_check(const tool_args *a);
int run_store_open(const tool_args *a, run_session *s,
		   bpacct_engine_options *o);
void run_store_attach(run_session *s);
void run_store_close(run_session *s);
/* run_store_pg.c: --store postgres:CONNINFO (with BPACCT_TOOL_POSTGRES). */
int run_pg_open(const tool_args *a, run_session *s, const char *conninfo,
		bpacct_engine_options *o);
void run_pg_attach(run_session *s);
void run_pg_close(run_session *s);

/* run_parse.c: one line of input. */
typedef enum run_op {
	RUN_OP_ISSUE,
	RUN_OP_USE,
	RUN_OP_REQUEST,
	RUN_OP_SUPPLEMENT,
	RUN_OP_RISK,
	RUN_OP_CANCEL,
	RUN_OP_TICK,
	RUN_OP_SHOW
} run_op;

typedef struct run_line {
	run_op op;
	bpacct_event ev;     /* its texts point into the parsed JSON */
	const char *account; /* NULL when the line names none */
	void *json;          /* the parsed object (json-c), owner of texts */
} run_line;

typedef struct run_error {
	const char *code; /* stable: not_json, missing_key, bad_value, … */
	char message[256];
	int64_t at;       /* the line's instant, or BPACCT_INSTANT_NONE */
} run_error;

int run_parse(const char *text, size_t len, run_line *out, run_error *err);
/* Rule E7: 0 when the len bytes hold no NUL byte and are UTF-8 (run_parse
 * checks it too; `run` checks the lines it skips as well). */
int run_line_clean(const char *text, size_t len, run_error *err);
void run_line_free(run_line *l);

/* run_session.c: hands a line to the engine (show is the command's). */
int run_session_submit(run_session *s, const run_line *l);

/* run_print.c: effects as JSON lines (cli.md). */
void run_print_effects(run_session *s, FILE *f, int audit);
void run_print_account(FILE *f, int64_t at, const bpacct_account *acc);
void run_print_error(FILE *f, unsigned long line, const run_error *err);
void run_print_reasons(tool_json *j, const run_fx *fx);

/* demo_say.c: effects told to a person. */
void demo_say_effects(run_session *s, FILE *f);
const char *demo_state_vi(int32_t state);

#endif /* BPACCT_TOOL_RUN_H */
