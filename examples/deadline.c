/* SPDX-License-Identifier: MIT */
/*
 * A deadline (the README's C example): when is a BP account issued on
 * 2026-03-15 cancelled for six months unused (rule BP-R5, reading (a))?
 * Prints the instant of 24:00 of the corresponding day, 2026-09-16T00:00.
 */
#include <stdio.h>
#include <string.h>

#include <bpacct/bpacct.h>

int main(void)
{
	bpacct_calendar *cal = NULL;
	int64_t issued = 0, due = 0;
	char text[BPACCT_INSTANT_BUFSIZE];
	const char *at = "2026-03-15T09:00:00+07:00";
	int rc = bpacct_calendar_new(&cal, NULL);

	if (rc == BPACCT_OK)
		rc = bpacct_instant_parse(&issued, at, strlen(at));
	if (rc == BPACCT_OK)
		rc = bpacct_deadline_compute(cal, NULL, BPACCT_RULE_BP_INACTIVITY,
					     issued, &due, NULL, NULL);
	if (rc == BPACCT_OK)
		rc = bpacct_instant_format(text, sizeof text, due);
	if (rc != BPACCT_OK) {
		fprintf(stderr, "deadline: %s\n", bpacct_strerror(rc));
		bpacct_calendar_free(cal);
		return 1;
	}
	printf("BP-C: cancel from %s\n", text);
	bpacct_calendar_free(cal);
	return 0;
}
