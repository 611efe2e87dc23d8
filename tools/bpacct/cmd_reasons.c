/*
 * `bpacct reasons`: every reason code of the library (rule E3) with its
 * stable name and its messages in Vietnamese and in English.  Codes are
 * grouped by hundreds (reason.h); the groups' ranges are walked and a value
 * the library names "unknown" is a gap, skipped.
 */
#include <string.h>

#include "tool.h"

#define REASON_FIRST 100
#define REASON_LAST 599

static int known(int32_t reason)
{
	return strcmp(bpacct_reason_name(reason), "unknown") != 0;
}

static void print_json(int32_t reason)
{
	tool_json j;

	tool_json_open(&j, stdout);
	tool_json_int(&j, "value", reason);
	tool_json_str(&j, "code", bpacct_reason_name(reason));
	tool_json_str(&j, "vi", bpacct_reason_message(reason, BPACCT_LANG_VI));
	tool_json_str(&j, "en", bpacct_reason_message(reason, BPACCT_LANG_EN));
	tool_json_close(&j);
}

/* The code, then the Vietnamese message, the English one below it. */
static void print_text(int32_t reason, size_t width)
{
	printf("%5ld  ", (long)reason);
	tool_text_cell(stdout, bpacct_reason_name(reason), width);
	printf("%s\n%7s", bpacct_reason_message(reason, BPACCT_LANG_VI), "");
	tool_text_cell(stdout, "", width);
	printf("%s\n", bpacct_reason_message(reason, BPACCT_LANG_EN));
}

int tool_cmd_reasons(const tool_args *a)
{
	int json = tool_has(a, TOOL_OPT_JSON);
	size_t width = 4;
	unsigned long count = 0;

	for (int32_t r = REASON_FIRST; r <= REASON_LAST; r++)
		if (known(r) && tool_text_width(bpacct_reason_name(r)) > width)
			width = tool_text_width(bpacct_reason_name(r));
	width += 2;
	if (!json) {
		printf("%5s  ", "value");
		tool_text_cell(stdout, "code", width);
		printf("message (tiếng Việt / English)\n");
	}
	for (int32_t r = REASON_FIRST; r <= REASON_LAST; r++) {
		if (!known(r))
			continue;
		count++;
		if (json)
			print_json(r);
		else
			print_text(r, width);
	}
	if (!json)
		printf("\n%lu reason codes (mã lý do)\n", count);
	return TOOL_EXIT_OK;
}
