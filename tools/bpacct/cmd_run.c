/*
 * `bpacct run [--store SPEC] [FILE]`: events in, effects out (cli.md).
 *
 * Each line of FILE (or stdin) is parsed (run_parse.c) and handed to the
 * engine (run_session.c); the effects of the steps it committed are then
 * printed, one JSON object per line (run_print.c).  A line that is not a
 * valid event is an `error` effect naming its line number; nothing of it
 * is applied and the run goes on.  Exit status: 0 when every line was a
 * valid event — refusals included: a refusal is the rules' answer to a
 * well-formed event, printed as a `refused` effect, not a failure of the
 * run —, 1 when any line was an error (or the engine failed), 2 for bad
 * usage or an unreadable FILE, before anything is printed.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"

/* Lines between two progress reports on a terminal. */
#define PROGRESS_EVERY 10000ul

typedef struct run_state {
	run_session s;
	FILE *in, *out;
	int audit;
	int interactive; /* flush after every line: a program may wait */
	int progress;    /* stderr is a terminal */
	unsigned long line, errors;
	char warned[256]; /* the last outbox warning said */
} run_state;

static int open_input(const tool_args *a, run_state *st)
{
	const char *path = a->npos > 0 ? a->pos[0] : "-";
	struct stat sb;

	if (strcmp(path, "-") == 0) {
		st->in = stdin;
		st->interactive = fstat(STDIN_FILENO, &sb) != 0 ||
				  !S_ISREG(sb.st_mode);
		return TOOL_EXIT_OK;
	}
	errno = 0;
	st->in = fopen(path, "r");
	if (!st->in)
		return tool_usage(a, "cannot read '%s': %s", path,
				  strerror(errno ? errno : ENOENT));
	return TOOL_EXIT_OK;
}

/* A failure of the library on a valid line: an error effect too. */
static void engine_error(run_state *st, int status, int64_t at)
{
	run_error err;
	const char *msg = bpacct_engine_last_error(st->s.engine);

	err.at = at;
	if (status == BPACCT_ERANGE) {
		char first[BPACCT_DATE_BUFSIZE], last[BPACCT_DATE_BUFSIZE];

		tool_calendar_range_text(st->s.cal, first, last);
		err.code = "out_of_range";
		snprintf(err.message, sizeof err.message, "the instant or a "
			 "deadline from it falls outside the calendar (%s to "
			 "%s)", first, last);
	} else {
		/* rules E8: a record that fails its check is named. */
		err.code = status == BPACCT_EINVAL   ? "bad_value"
			   : status == BPACCT_EPARSE ? "corrupt_record"
						     : "engine_failed";
		snprintf(err.message, sizeof err.message, "%s (%s)%s%s",
			 bpacct_strerror(status), bpacct_error_name(status),
			 *msg ? ": " : "", msg);
	}
	run_print_error(st->out, st->line, &err);
	st->errors++;
}

/* `show`: what is due by its instant runs first (rules E6), as for any
 * event; then the account as the store has it.  A stored record that
 * fails its check is an error naming the account, never "not issued"
 * (rules E8). */
static int show(run_state *st, const run_line *l)
{
	const bpacct_account *acc = NULL;
	run_fx *f;
	int rc = bpacct_engine_tick(st->s.engine, l->ev.at);

	if (rc != BPACCT_OK)
		return rc;
	run_print_effects(&st->s, st->out, st->audit);
	run_session_clear(&st->s);
	rc = run_session_read(&st->s, l->account, &acc);
	if (rc == BPACCT_OK) {
		run_print_account(st->out, l->ev.at, acc);
		return BPACCT_OK;
	}
	if (rc != BPACCT_ENOTFOUND)
		return rc;
	f = run_session_add(&st->s, BPACCT_EFFECT_REFUSED, RUN_INPUT_SHOW,
			    l->ev.at, l->account);
	if (f)
		run_fx_reason(f, BPACCT_REASON_NOT_ISSUED);
	return BPACCT_OK;
}

/* rules E8: undelivered outbox records that cannot be read are said on
 * stderr (the call succeeded: the others were delivered), once per change
 * of what the engine reports. */
static void outbox_warning(run_state *st)
{
	const char *msg = bpacct_engine_last_error(st->s.engine);

	if (!*msg || strcmp(msg, st->warned) == 0)
		return;
	fprintf(stderr, "bpacct run: line %lu: %s\n", st->line, msg);
	snprintf(st->warned, sizeof st->warned, "%s", msg);
}

static void one_line(run_state *st, const char *text, size_t len)
{
	run_line l;
	run_error err;
	int status;

	if (run_parse(text, len, &l, &err) != 0) {
		run_print_error(st->out, st->line, &err);
		st->errors++;
		return;
	}
	run_session_clear(&st->s);
	status = l.op == RUN_OP_SHOW ? show(st, &l)
				    : run_session_submit(&st->s, &l);
	/* What the engine committed before a failure stands: print it. */
	run_print_effects(&st->s, st->out, st->audit);
	if (status != BPACCT_OK)
		engine_error(st, status, l.ev.at);
	else if (st->s.lost)
		engine_error(st, BPACCT_ENOMEM, l.ev.at);
	else
		outbox_warning(st);
	run_line_free(&l);
}

static int skipped(const char *text, size_t len)
{
	size_t i = strspn(text, " \t\r\n");

	return i >= len || text[i] == '#';
}

static void progress(const run_state *st, int done)
{
	if (!st->progress || (!done && st->line % PROGRESS_EVERY != 0) ||
	    (done && st->line < PROGRESS_EVERY))
		return;
	fprintf(stderr, "\rbpacct run: %lu lines, %lu errors%s", st->line,
		st->errors, done ? "\n" : "");
	fflush(stderr);
}

static void run_lines(run_state *st)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&buf, &cap, st->in)) >= 0) {
		size_t len = (size_t)n;

		st->line++;
		while (len > 0 &&
		       (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			len--;
		if (!skipped(buf, len))
			one_line(st, buf, len);
		if (st->interactive)
			fflush(st->out);
		progress(st, 0);
	}
	free(buf);
	progress(st, 1);
}

int tool_cmd_run(const tool_args *a)
{
	run_state st;
	int rc;

	memset(&st, 0, sizeof st);
	st.out = stdout;
	st.audit = tool_has(a, TOOL_OPT_AUDIT);
	st.progress = isatty(STDERR_FILENO);
	rc = run_store_check(a);
	if (rc == TOOL_EXIT_OK)
		rc = open_input(a, &st);
	if (rc != TOOL_EXIT_OK)
		return rc;
	rc = run_session_open(a, &st.s);
	if (rc == TOOL_EXIT_OK) {
		run_lines(&st);
		if (ferror(st.in))
			rc = tool_refuse(a, "error reading the input after "
					 "line %lu", st.line);
		else if (st.errors > 0)
			rc = TOOL_EXIT_REFUSED;
		run_session_close(&st.s);
	}
	if (st.in != stdin)
		fclose(st.in);
	return rc;
}
