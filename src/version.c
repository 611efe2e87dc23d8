/*
 * Run-time version of the linked library, and the sizes of the structs a
 * host fills in (what a binding checks its mirrors against at load time).
 */
#include "bpacct/bpacct.h"
#include "bpacct/sys/notifier.h"
#include "bpacct/sys/store.h"

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

/* One row per bpacct_struct_kind, at index kind - 1. */
static const struct {
	uint32_t size, version;
} structs[] = {
	{ sizeof(bpacct_allocator), BPACCT_ALLOCATOR_VERSION },
	{ sizeof(bpacct_calendar_options), BPACCT_CALENDAR_OPTIONS_VERSION },
	{ sizeof(bpacct_sessions), BPACCT_SESSIONS_VERSION },
	{ sizeof(bpacct_period_options), BPACCT_PERIOD_OPTIONS_VERSION },
	{ sizeof(bpacct_deadline_options), BPACCT_DEADLINE_OPTIONS_VERSION },
	{ sizeof(bpacct_profile), BPACCT_PROFILE_VERSION },
	{ sizeof(bpacct_event), BPACCT_EVENT_VERSION },
	{ sizeof(bpacct_engine_options), BPACCT_ENGINE_OPTIONS_VERSION },
	{ sizeof(bpacct_store_ops), BPACCT_STORE_OPS_VERSION },
	{ sizeof(bpacct_notifier_ops), BPACCT_NOTIFIER_OPS_VERSION },
	{ sizeof(bpacct_lunar_date), 0 },
};

_Static_assert(sizeof structs / sizeof structs[0] ==
		       BPACCT_STRUCT_LUNAR_DATE,
	       "one row per bpacct_struct_kind, in order");

int bpacct_struct_size(int32_t kind, uint32_t *out_size,
		       uint32_t *out_version)
{
	if (!out_size)
		return BPACCT_EINVAL;
	if (kind < BPACCT_STRUCT_ALLOCATOR || kind > BPACCT_STRUCT_LUNAR_DATE)
		return BPACCT_ENOTFOUND;
	*out_size = structs[kind - 1].size;
	if (out_version)
		*out_version = structs[kind - 1].version;
	return BPACCT_OK;
}
