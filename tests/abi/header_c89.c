/* The umbrella header is C89-clean (-std=c89 -pedantic-errors). */
#include <bpacct/bpacct.h>

int bpacct_header_c89(void);
int bpacct_header_c89(void)
{
	bpacct_lunar_date d;
	d.year = 2026;
	return d.year == 2026 ? BPACCT_OK : BPACCT_EINVAL;
}
