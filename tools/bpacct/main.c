/*
 * bpacct — the library's command-line front door (spec: cli.md).
 *
 * main() finds the subcommand in a table, parses its options against the
 * option table below and hands a tool_args to the command.  Every bad
 * argument is reported here or by the command before anything is printed
 * on stdout, with exit status 2.
 */
#include <string.h>

#include "tool.h"

typedef struct tool_option {
	const char *name;
	const char *arg; /* NULL for a flag */
	const char *help;
} tool_option;

static const tool_option options[TOOL_OPT_COUNT] = {
	[TOOL_OPT_JSON] = { "--json", NULL, "print one JSON object per line" },
	[TOOL_OPT_HELP] = { "--help", NULL, "show this help" },
	[TOOL_OPT_CALENDAR] = { "--calendar", "FILE",
		"add host days from a CSV file (date,kind,name)" },
	[TOOL_OPT_NO_ANNOUNCED] = { "--no-announced", NULL,
		"ignore the built-in announced schedules (rules C1, C3 only)" },
	[TOOL_OPT_LEAP] = { "--leap", NULL, "the month is the leap month" },
	[TOOL_OPT_RULE] = { "--rule", "RULE",
		"bp-request, bp-lock, bp-inactivity or xnc-request" },
	[TOOL_OPT_PERIOD] = { "--period", "P",
		"Nmin, Nh, Nd, Nw, Nmo, Ny or Nwd (working days)" },
	[TOOL_OPT_AT] = { "--at", "INSTANT",
		"the event instant (RFC 3339, any offset)" },
	[TOOL_OPT_NO_EXTEND] = { "--no-extend", NULL,
		"no Art. 148(5) move to the next working day" },
	[TOOL_OPT_CHANNEL] = { "--channel", "CH",
		"xnc-request: in_person, postal or online (default)" },
	[TOOL_OPT_LAST_USED] = { "--last-used", "INSTANT",
		"bp-inactivity: the last use of the account" },
	[TOOL_OPT_ROLLING] = { "--rolling", NULL,
		"bp-inactivity: from the later of issue and last use" },
	[TOOL_OPT_EXTEND] = { "--extend", NULL,
		"bp-inactivity: apply the Art. 148(5) extension" },
	[TOOL_OPT_WORKING_HOURS] = { "--working-hours", NULL,
		"count hours and minutes in office hours only (T2 policy)" },
	[TOOL_OPT_DOT] = { "--dot", NULL,
		"print the machines as Graphviz DOT (docs/fsm.dot)" },
	[TOOL_OPT_STORE] = { "--store", "SPEC",
		"memory (the default: state lasts for one run)" },
	[TOOL_OPT_AUDIT] = { "--audit", NULL,
		"also print the audit records and the deliveries" },
	[TOOL_OPT_PROGRESS] = { "--progress", NULL,
		"report progress on stderr (the default on a terminal)" },
	[TOOL_OPT_ACCOUNTS] = { "--accounts", "N",
		"simulate: accounts in the population (1 to 1000000)" },
	[TOOL_OPT_YEARS] = { "--years", "Y",
		"simulate: years to run (1 to 50)" },
	[TOOL_OPT_SEED] = { "--seed", "S",
		"simulate: the random seed (0 to 2^53-1)" },
	[TOOL_OPT_PROCEDURE] = { "--procedure", "P",
		"simulate: bp, xnc or both (the default)" },
	[TOOL_OPT_START] = { "--start", "DATE",
		"simulate: the first day (default 2026-01-01)" },
	[TOOL_OPT_ISSUE_MONTHS] = { "--issue-months", "M",
		"simulate: issue over the first M months (default all)" },
	[TOOL_OPT_WARNING_DAYS] = { "--warning-days", "D",
		"simulate: BP inactivity warning D days before (0-366)" },
	[TOOL_OPT_LOCK_NOTICE] = { "--lock-notice", NULL,
		"simulate: BP lock notice with the reason (BP-R4 policy)" },
	[TOOL_OPT_MIX] = { "--mix", "SPEC",
		"simulate: shares, e.g. never=1,requests=0,risks=0" },
};

#define BASE (TOOL_BIT(TOOL_OPT_JSON) | TOOL_BIT(TOOL_OPT_HELP))
#define CAL (BASE | TOOL_BIT(TOOL_OPT_CALENDAR) | \
	     TOOL_BIT(TOOL_OPT_NO_ANNOUNCED))
#define DEADLINE (CAL | TOOL_BIT(TOOL_OPT_RULE) | TOOL_BIT(TOOL_OPT_PERIOD) | \
		  TOOL_BIT(TOOL_OPT_AT) | TOOL_BIT(TOOL_OPT_NO_EXTEND) | \
		  TOOL_BIT(TOOL_OPT_CHANNEL) | TOOL_BIT(TOOL_OPT_LAST_USED) | \
		  TOOL_BIT(TOOL_OPT_ROLLING) | TOOL_BIT(TOOL_OPT_EXTEND) | \
		  TOOL_BIT(TOOL_OPT_WORKING_HOURS))

#define RUN (CAL | TOOL_BIT(TOOL_OPT_STORE) | TOOL_BIT(TOOL_OPT_AUDIT) | \
	     TOOL_BIT(TOOL_OPT_PROGRESS))
#define SIMULATE (CAL | TOOL_BIT(TOOL_OPT_ACCOUNTS) | \
		  TOOL_BIT(TOOL_OPT_YEARS) | TOOL_BIT(TOOL_OPT_SEED) | \
		  TOOL_BIT(TOOL_OPT_PROCEDURE) | TOOL_BIT(TOOL_OPT_START) | \
		  TOOL_BIT(TOOL_OPT_ISSUE_MONTHS) | \
		  TOOL_BIT(TOOL_OPT_ROLLING) | TOOL_BIT(TOOL_OPT_WARNING_DAYS) | \
		  TOOL_BIT(TOOL_OPT_LOCK_NOTICE) | TOOL_BIT(TOOL_OPT_MIX))

typedef struct tool_command {
	const char *name;
	const char *synopsis;
	const char *posname; /* the positional argument, for messages */
	const char *summary;
	int (*run)(const tool_args *a);
	int npos;         /* most positional arguments */
	uint32_t options; /* TOOL_BIT mask of the options accepted */
	int optional;     /* the positional arguments may be left out */
	const char *more; /* help after the options; NULL for the usual */
} tool_command;

#define EXIT_HELP "exit status: 0 success, 1 refused, 2 bad usage or input\n"

static const char run_help[] =
	"\ninput: one JSON object per line, each with \"op\" and \"at\" "
	"(RFC 3339):\n"
	"  issue       account, procedure (bp|xnc), owner, bp: holder\n"
	"              {name, id_type (cmnd|cccd|passport), id_number}\n"
	"  use         account\n"
	"  request     request, account, requester, channel (in_person|"
	"postal|online);\n"
	"              bp: documents [application, enterprise_registration,"
	"\n              identity], enterprise_code, identity {id_type, "
	"id_number};\n"
	"              xnc: na20 {organisation, address, phone, email, "
	"account,\n              reason, signer, sealed}, result_channel\n"
	"  supplement  request, and what was missing (keys of request); "
	"account\n              may be left out for a request of this run\n"
	"  risk        account, detail\n"
	"  cancel      account, actor (officer|owner|system)\n"
	"  tick        runs everything due at or before \"at\"\n"
	"  show        account\n"
	"Blank lines and lines starting with # are skipped; unknown keys "
	"are ignored.\n"
	"output: one JSON object per line (outcome, transition, notice, "
	"deadline,\naccount, refused, error; with --audit also audit and "
	"delivery).\n"
	"--store sqlite:PATH and postgres:CONNINFO come with the database "
	"adapters.\n"
	"Input hygiene (rule E7): a line with a key twice (duplicate_key), a "
	"NUL byte\n(nul_byte) or bytes that are not UTF-8 (bad_utf8) is an "
	"error, and so is an\nid (account, request, owner, requester, "
	"document numbers) with a control\ncharacter, a space or '/', and a "
	"text over its limit (ids 47 bytes, codes\nand document numbers 23, "
	"detail 95, names and NA20 fields 1023): nothing\nis cut, nothing of "
	"the line is applied.  \"at\" must lie in the years 1-9999\n"
	"at UTC+07:00.\n"
	"At the end one line on stderr: lines read, events applied (how many "
	"refused),\nerrors; --progress (the default when stderr is a "
	"terminal) also reports\nevery 10000 lines.\n\n"
	"exit status: 0 every line was a valid event (refusals included: "
	"they are\n  the rules' answers, printed as \"refused\" effects); "
	"1 a line was not a\n  valid event (an \"error\" effect with its "
	"line number; the run goes on)\n  or the engine failed on it; 2 bad "
	"usage, or the input or the store cannot\n  be opened or read (the "
	"cause on stderr)\n";

static const char demo_help[] =
	"\nThe seven cases of the two procedures, computed by the library on "
	"the\nin-memory store and told step by step.\n\n"
	"exit status: 0 success, 1 the library failed\n";

static const tool_command commands[] = {
	{ "lunar", "DATE", "DATE", "The lunar date (âm lịch) of a solar date",
	  tool_cmd_lunar, 1, BASE, 0, NULL },
	{ "solar", "LY-LM-LD [--leap]", "LY-LM-LD",
	  "The solar date of a lunar date",
	  tool_cmd_solar, 1, BASE | TOOL_BIT(TOOL_OPT_LEAP), 0, NULL },
	{ "calendar", "YEAR", "YEAR",
	  "The days off, make-up Saturdays and working days of a year",
	  tool_cmd_calendar, 1, CAL, 0, NULL },
	{ "workday", "DATE", "DATE", "Whether a day is a working day, and why",
	  tool_cmd_workday, 1, CAL, 0, NULL },
	{ "deadline",
	  "--rule RULE --at INSTANT | --period P --at INSTANT [--no-extend]",
	  NULL,
	  "When a procedure deadline or a Civil Code period ends",
	  tool_cmd_deadline, 0, DEADLINE, 0, NULL },
	{ "fsm", "[--dot]", NULL,
	  "The account and request state machines, from the library's table",
	  tool_cmd_fsm, 0, BASE | TOOL_BIT(TOOL_OPT_DOT), 0,
	  NULL },
	{ "reasons", "", NULL,
	  "Every reason code of a refusal, rejection or supplement (rule E3)",
	  tool_cmd_reasons, 0, BASE, 0, NULL },
	{ "run", "[--store SPEC] [FILE]", "FILE",
	  "Apply the events of FILE (or stdin, also '-') and print their "
	  "effects as JSON lines",
	  tool_cmd_run, 1, RUN, 1, run_help },
	{ "demo", "", NULL,
	  "A narrated walk through every case of both procedures",
	  tool_cmd_demo, 0, TOOL_BIT(TOOL_OPT_HELP), 0, demo_help },
	{ "simulate", "--accounts N --years Y --seed S", NULL,
	  "Run a seeded population through the engine and report what the "
	  "rules did",
	  tool_cmd_simulate, 0, SIMULATE, 0, tool_simulate_help },
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_usage(FILE *f)
{
	fputs("usage: bpacct --version\n", f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "       bpacct %s%s%s%s\n", commands[i].name,
			*commands[i].synopsis ? " " : "",
			commands[i].synopsis,
			(commands[i].options & TOOL_BIT(TOOL_OPT_JSON)) &&
					commands[i].run != tool_cmd_run
				? " [--json]"
				: "");
	fputs("Run 'bpacct COMMAND --help' for the options of a command.\n", f);
}

static void print_command_help(const tool_command *c)
{
	printf("usage: bpacct %s%s%s [options]\n%s.\n\noptions:\n", c->name,
	       *c->synopsis ? " " : "", c->synopsis, c->summary);
	for (int o = 0; o < TOOL_OPT_COUNT; o++) {
		char left[40];

		if (!(c->options & TOOL_BIT(o)))
			continue;
		snprintf(left, sizeof left, "%s%s%s", options[o].name,
			 options[o].arg ? " " : "",
			 options[o].arg ? options[o].arg : "");
		printf("  ");
		tool_text_cell(stdout, left, 22);
		printf("%s\n", options[o].help);
	}
	fputs(c->more ? c->more : "\n" EXIT_HELP, stdout);
}

static int find_option(const char *arg, size_t len)
{
	for (int o = 0; o < TOOL_OPT_COUNT; o++)
		if (strlen(options[o].name) == len &&
		    strncmp(options[o].name, arg, len) == 0)
			return o;
	return -1;
}

/* Parses "--opt", "--opt VALUE", "--opt=VALUE" and positionals; "--"
 * ends the options. */
static int parse_args(const tool_command *c, int argc, char **argv,
		      tool_args *a)
{
	int only_pos = 0;

	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i];
		const char *eq = strchr(arg, '=');
		size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
		int o;

		if (only_pos || arg[0] != '-' || arg[1] == '\0') {
			if (a->npos >= c->npos || a->npos >= TOOL_POS_MAX)
				return tool_usage(a, "unexpected argument "
						  "'%s'", arg);
			a->pos[a->npos++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = 1;
			continue;
		}
		o = strcmp(arg, "-h") == 0 ? TOOL_OPT_HELP
					   : find_option(arg, len);
		if (o < 0 || !(c->options & TOOL_BIT(o)))
			return tool_usage(a, "unknown option '%.*s' (see "
					  "'bpacct %s --help')", (int)len, arg,
					  c->name);
		if (!options[o].arg && eq)
			return tool_usage(a, "option '%s' takes no value",
					  options[o].name);
		if (options[o].arg) {
			if ((a->seen & TOOL_BIT(o)) != 0)
				return tool_usage(a, "option '%s' given twice",
						  options[o].name);
			if (!eq && i + 1 >= argc)
				return tool_usage(a, "option '%s' needs a "
						  "value %s", options[o].name,
						  options[o].arg);
			a->value[o] = eq ? eq + 1 : argv[++i];
		}
		a->seen |= TOOL_BIT(o);
	}
	return TOOL_EXIT_OK;
}

static int has_help(int argc, char **argv)
{
	for (int i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

static int run_command(const tool_command *c, int argc, char **argv)
{
	tool_args a;
	int rc;

	memset(&a, 0, sizeof a);
	a.cmd = c->name;
	if (has_help(argc, argv)) {
		print_command_help(c);
		return TOOL_EXIT_OK;
	}
	rc = parse_args(c, argc, argv, &a);
	if (rc != TOOL_EXIT_OK)
		return rc;
	if (a.npos < c->npos && !c->optional)
		return tool_usage(&a, "missing %s (usage: bpacct %s %s)",
				  c->posname, c->name, c->synopsis);
	return c->run(&a);
}

static int dispatch(int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stderr);
		return TOOL_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 && argc == 2) {
		printf("bpacct %s\n", bpacct_version_string());
		return TOOL_EXIT_OK;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_usage(stdout);
		return TOOL_EXIT_OK;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return run_command(&commands[i], argc - 2, argv + 2);
	fprintf(stderr, "bpacct: unknown command '%s'\n", argv[1]);
	print_usage(stderr);
	return TOOL_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int rc = dispatch(argc, argv);

	/* A full disk or a closed pipe must not pass for success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("bpacct: error writing the output\n", stderr);
		return rc == TOOL_EXIT_OK ? TOOL_EXIT_REFUSED : rc;
	}
	return rc;
}
