/*
 * Shared declarations of the `bpacct` command-line tool.
 *
 * The tool is a thin front door: it parses arguments, calls the public API
 * and prints what the library computed (tools/../spec: cli.md).  It holds no
 * domain logic; only names of weekdays and lunar months for display.
 */
#ifndef BPACCT_TOOL_H
#define BPACCT_TOOL_H

#include <stdint.h>
#include <stdio.h>

#include "bpacct/bpacct.h"

#if defined(__GNUC__)
#define TOOL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TOOL_PRINTF(f, a)
#endif

/* Exit status of the contract. */
enum {
	TOOL_EXIT_OK = 0,      /* success */
	TOOL_EXIT_REFUSED = 1, /* a domain refusal or a failed check */
	TOOL_EXIT_USAGE = 2    /* bad usage or bad input */
};

/* Options; a command lists the ones it accepts as a bit mask. */
typedef enum tool_opt {
	TOOL_OPT_JSON,
	TOOL_OPT_HELP,
	TOOL_OPT_CALENDAR,
	TOOL_OPT_NO_ANNOUNCED,
	TOOL_OPT_LEAP,
	TOOL_OPT_RULE,
	TOOL_OPT_PERIOD,
	TOOL_OPT_AT,
	TOOL_OPT_NO_EXTEND,
	TOOL_OPT_CHANNEL,
	TOOL_OPT_LAST_USED,
	TOOL_OPT_ROLLING,
	TOOL_OPT_EXTEND,
	TOOL_OPT_WORKING_HOURS,
	TOOL_OPT_DOT,
	TOOL_OPT_STORE,
	TOOL_OPT_AUDIT,
	TOOL_OPT_PROGRESS,     /* run */
	TOOL_OPT_ACCOUNTS,     /* simulate (cmd_simulate.c) */
	TOOL_OPT_YEARS,
	TOOL_OPT_SEED,
	TOOL_OPT_PROCEDURE,
	TOOL_OPT_START,
	TOOL_OPT_ISSUE_MONTHS,
	TOOL_OPT_WARNING_DAYS,
	TOOL_OPT_LOCK_NOTICE,
	TOOL_OPT_MIX,
	TOOL_OPT_COUNT
} tool_opt;

#define TOOL_BIT(o) (1u << (o))
#define TOOL_POS_MAX 4

/* The parsed command line of one subcommand. */
typedef struct tool_args {
	const char *cmd;                    /* the subcommand, for messages */
	uint32_t seen;                      /* TOOL_BIT of every option given */
	const char *value[TOOL_OPT_COUNT];  /* values of valued options */
	const char *pos[TOOL_POS_MAX];      /* positional arguments */
	int npos;
} tool_args;

static inline int tool_has(const tool_args *a, tool_opt o)
{
	return (a->seen & TOOL_BIT(o)) != 0;
}

/* Subcommands (cmd_*.c). */
int tool_cmd_lunar(const tool_args *a);
int tool_cmd_solar(const tool_args *a);
int tool_cmd_calendar(const tool_args *a);
int tool_cmd_workday(const tool_args *a);
int tool_cmd_deadline(const tool_args *a);
int tool_cmd_fsm(const tool_args *a);
int tool_cmd_reasons(const tool_args *a);
int tool_cmd_run(const tool_args *a);
int tool_cmd_demo(const tool_args *a);
int tool_cmd_simulate(const tool_args *a);
extern const char tool_simulate_help[];

/* calfile.c: the calendar of --no-announced and --calendar FILE. */
int tool_calendar_open(const tool_args *a, bpacct_calendar **out);
void tool_calendar_range_text(const bpacct_calendar *cal, char *first,
			      char *last);

/* out.c: messages.  Each returns the exit status to use. */
int tool_usage(const tool_args *a, const char *fmt, ...) TOOL_PRINTF(2, 3);
int tool_refuse(const tool_args *a, const char *fmt, ...) TOOL_PRINTF(2, 3);
int tool_lib_fail(const tool_args *a, const char *what, int status);

/* out.c: parsing of command-line values through the API. */
int tool_parse_date(const tool_args *a, const char *what, const char *text,
		    int32_t *out);
int tool_parse_instant(const tool_args *a, const char *what,
		       const char *text, int64_t *out);

/* out.c: formatting. */
const char *tool_date(char buf[BPACCT_DATE_BUFSIZE], int32_t day);
const char *tool_instant(char buf[BPACCT_INSTANT_BUFSIZE], int64_t t);
const char *tool_weekday_vi(int32_t day);
const char *tool_weekday_en(int32_t day);

/* out.c: a JSON object on one line. */
#define TOOL_JSON_DEPTH 8
typedef struct tool_json {
	FILE *f;
	int depth;
	int count[TOOL_JSON_DEPTH];
} tool_json;

void tool_json_open(tool_json *j, FILE *f);
void tool_json_close(tool_json *j);
void tool_json_begin(tool_json *j, const char *key, char bracket);
void tool_json_end(tool_json *j, char bracket);
void tool_json_str(tool_json *j, const char *key, const char *value);
void tool_json_int(tool_json *j, const char *key, long long value);
void tool_json_bool(tool_json *j, const char *key, int value);
void tool_json_null(tool_json *j, const char *key);

/* out.c: aligned text that counts UTF-8 characters, not bytes. */
size_t tool_text_width(const char *s);
void tool_text_cell(FILE *f, const char *s, size_t width);
void tool_text_field(FILE *f, const char *label, const char *value);

#endif /* BPACCT_TOOL_H */
