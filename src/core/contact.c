/*
 * The contact details an NA20 form carries (XNC-R3): what a phone number
 * and an e-mail address look like, read within TEXT_MAX bytes in one
 * pass.  Syntax only: whether they reach the organisation is not the
 * library's to know.
 */
#include <stddef.h>

#include "core/validate_internal.h"

/* Longest phone or e-mail text read (an address is at most 254 bytes,
 * RFC 5321); a longer one is invalid. */
#define TEXT_MAX 254u

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* An optional leading '+', then digits, spaces, dots, dashes and unnested
 * parentheses, with 8 to 15 digits. */
int bpacct__phone_valid(const char *s)
{
	unsigned digits = 0;
	int started = 0, open = 0;

	if (!s)
		return 0;
	for (size_t i = 0; s[i] != '\0'; i++) {
		char c = s[i];

		if (i >= TEXT_MAX)
			return 0;
		if (is_digit(c))
			digits++;
		else if (c == '(' && !open)
			open = 1;
		else if (c == ')' && open)
			open = 0;
		else if (!(c == '+' && !started) && c != ' ' && c != '.' &&
			 c != '-')
			return 0;
		started |= c != ' ';
	}
	return !open && digits >= 8 && digits <= 15;
}

/* One '@' after a non-empty local part, a domain with a dot neither first
 * nor last, no blank inside; blanks around are ignored. */
int bpacct__email_valid(const char *s)
{
	size_t at = 0, last = 0, ats = 0, dots = 0;
	int started = 0, gap = 0;

	if (!s)
		return 0;
	for (size_t i = 0; s[i] != '\0'; i++) {
		if (i >= TEXT_MAX)
			return 0;
		if (bpacct__is_blank(s[i])) {
			gap = started;
			continue;
		}
		if (gap)
			return 0;
		if (!started && s[i] == '@')
			return 0;
		started = 1;
		last = i;
		if (s[i] == '@') {
			ats++;
			at = i;
		} else if (s[i] == '.' && ats) {
			dots++;
		}
	}
	return ats == 1 && dots > 0 && s[at + 1] != '.' && s[last] != '.';
}
