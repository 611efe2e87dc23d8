// The umbrella header compiles as C++ and declares C linkage.
#include <bpacct/bpacct.h>

extern "C" int bpacct_header_cxx(void);
extern "C" int bpacct_header_cxx(void)
{
	bpacct_calendar_options o = BPACCT_CALENDAR_OPTIONS_INIT;
	return o.version == BPACCT_CALENDAR_OPTIONS_VERSION ? 0 : 1;
}
