/* Run-time version of the linked library. */
#include "bpacct/version.h"

const char *bpacct_version_string(void)
{
	return BPACCT_VERSION_STRING;
}

uint32_t bpacct_version_number(void)
{
	return (uint32_t)BPACCT_VERSION_NUMBER;
}

uint32_t bpacct_soversion(void)
{
	return (uint32_t)BPACCT_SOVERSION;
}
