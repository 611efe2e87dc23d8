/*
 * `bpacct run [--store SPEC] [FILE]`: events in, effects out (cli.md).
 *
 * Each line of FILE (or stdin) is parsed (run_parse.c) and handed to the
 * engine (run_session.c); the effects of the steps it committed are then
 * printed, one JSON object per line (run_print.c).  A line that is not a
 * valid event is an `error` effect naming its line number; nothing of it
 * is applied and the run goes on.  A line that is skipped (blank, or a `#`
 * comment) must still hold no NUL byte and be UTF-8 (rule E7).
 *
 * Exit status (cli.md): 0 when every line was a valid event — refusals
 * included: a refusal is the rules' answer to a well-formed event, printed
 * as a `refused` effect, not a failure of the run —, 1 when any line was
 * an error (or the engine failed on it), 2 for bad usage, or when the
 * input or the store cannot be opened or read (the cause on stderr).  At
 * the end one line on stderr sums the run up: lines read, events applied,
 * how many of them were refused, errors.  With --progress, or when stderr
 * is a terminal, a long input reports its progress every PROGRESS_EVERY
 * lines.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "run.h"

/* Lines between two progress reports. */
#define PROGRESS_EVERY 10000ul

typedef struct run_state {
	run_session s;
	FILE *in, *out;
	int audit;
	int interactive; /* flush after every line: a program may wait */
	int progress;    /* --progress, or stderr is a terminal */
	int tty;         /* stderr is a terminal: reports overwrite */
	unsigned long line;    /* lines read */
	unsigned long events;  /* valid events the engine took */
	unsigned long refused; /* of those, lines answered by a refusal */
	unsigned long errors;  /* error effects */
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
/* msg: the library's (or the tool's) word on the line, read before the
 * effects were printed (printing reads accounts, which resets it). */
static void engine_error(run_state *st, int status, int64_t at,
			 const char *msg)
{
	run_error err;

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

/* rules E8: undelivered outbox records that cannot be read are said on
 * stderr (the call succeeded: the others were delivered), once per change
 * of what the engine reports. */
static void outbox_warning(run_state *st, const char *msg)
{
	/* Only the store's word on a call that succeeded (unreadable outbox
	 * records, corrupt due accounts skipped): after a `show` the last
	 * error may be the read of an account that does not exist, which is
	 * no warning. */
	if (strncmp(msg, "store.", 6) != 0 || strcmp(msg, st->warned) == 0)
		return;
	fprintf(stderr, "bpacct run: line %lu: %s\n", st->line, msg);
	snprintf(st->warned, sizeof st->warned, "%s", msg);
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
	outbox_warning(st, bpacct_engine_last_error(st->s.engine));
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


/* A valid event the engine took: counted, a refusal among its effects
 * (a `refused` effect, cli.md) counted once. */
static void accepted(run_state *st, const char *msg)
{
	st->events++;
	for (size_t i = 0; i < st->s.nfx; i++)
		if (st->s.fx[i].type == BPACCT_EFFECT_REFUSED) {
			st->refused++;
			break;
		}
	outbox_warning(st, msg);
}

static void one_line(run_state *st, const char *text, size_t len)
{
	run_line l;
	run_error err;
	char msg[sizeof err.message];
	int status;

	if (run_parse(text, len, &l, &err) != 0) {
		run_print_error(st->out, st->line, &err);
		st->errors++;
		return;
	}
	run_session_clear(&st->s);
	status = l.op == RUN_OP_SHOW ? show(st, &l)
				    : run_session_submit(&st->s, &l);
	snprintf(msg, sizeof msg, "%s",
		 st->s.error[0] ? st->s.error
				: bpacct_engine_last_error(st->s.engine));
	/* What the engine committed before a failure stands: print it. */
	run_print_effects(&st->s, st->out, st->audit);
	if (status != BPACCT_OK)
		engine_error(st, status, l.ev.at, msg);
	else if (st->s.lost)
		engine_error(st, BPACCT_ENOMEM, l.ev.at, "");
	else
		accepted(st, msg);
	run_line_free(&l);
}

/* Blank or a comment; len bytes, NUL bytes included (rule E7: a line
 * with one is never skipped, run_line_clean() reports it). */
static int skipped(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && text[i] != '\0' && strchr(" \t\r\n", text[i]))
		i++;
	return i >= len || text[i] == '#';
}

static const char *plural(unsigned long n)
{
	return n == 1 ? "" : "s";
}

/* "120 lines, 118 events (5 refused), 2 errors" */
static void sums(const run_state *st, FILE *f)
{
	fprintf(f, "bpacct run: %lu line%s, %lu event%s (%lu refused), "
		"%lu error%s", st->line, plural(st->line), st->events,
		plural(st->events), st->refused, st->errors,
		plural(st->errors));
}

static void progress(const run_state *st)
{
	if (!st->progress || st->line % PROGRESS_EVERY != 0)
		return;
	/* On a terminal one line, rewritten; elsewhere one line a report. */
	fputs(st->tty ? "\r" : "", stderr);
	sums(st, stderr);
	fputs(st->tty ? " ..." : " so far\n", stderr);
	fflush(stderr);
}

/* The one-line summary at the end (over the progress line on a tty). */
static void summary(const run_state *st)
{
	if (st->tty && st->progress && st->line >= PROGRESS_EVERY)
		fputs("\r\033[K", stderr);
	sums(st, stderr);
	fputc('\n', stderr);
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
		if (skipped(buf, len)) {
			run_error err;

			err.at = BPACCT_INSTANT_NONE;
			if (run_line_clean(buf, len, &err) != 0) {
				run_print_error(st->out, st->line, &err);
				st->errors++;
			}
		} else {
			one_line(st, buf, len);
		}
		if (st->interactive)
			fflush(st->out);
		progress(st);
	}
	free(buf);
}

int tool_cmd_run(const tool_args *a)
{
	run_state st;
	int rc;

	memset(&st, 0, sizeof st);
	st.out = stdout;
	st.audit = tool_has(a, TOOL_OPT_AUDIT);
	st.tty = isatty(STDERR_FILENO);
	st.progress = st.tty || tool_has(a, TOOL_OPT_PROGRESS);
	rc = run_store_check(a);
	if (rc == TOOL_EXIT_OK)
		rc = open_input(a, &st);
	if (rc != TOOL_EXIT_OK)
		return rc;
	/* A store (or a --calendar) that cannot be opened: the cause is on
	 * stderr already; cli.md gives it status 2, like the input. */
	rc = run_session_open(a, &st.s) == TOOL_EXIT_OK ? TOOL_EXIT_OK
							: TOOL_EXIT_USAGE;
	if (rc == TOOL_EXIT_OK) {
		int read_error;

		errno = 0;
		run_lines(&st);
		read_error = ferror(st.in);
		if (read_error)
			tool_usage(a, "error reading the input after line "
				   "%lu: %s", st.line,
				   strerror(errno ? errno : EIO));
		summary(&st);
		rc = read_error     ? TOOL_EXIT_USAGE
		     : st.errors > 0 ? TOOL_EXIT_REFUSED
				     : TOOL_EXIT_OK;
		run_session_close(&st.s);
	}
	if (st.in != stdin)
		fclose(st.in);
	return rc;
}
