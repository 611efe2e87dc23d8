/*
 * The versioned vtables a host fills (include/bpacct/sys/): their init
 * functions, for FFI, on the one rule every caller-allocated struct
 * follows (convention A2), which the engine's options share.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "bpacct/sys/notifier.h"
#include "contract/contract_internal.h"

int bpacct__versioned_init(void *p, size_t size, uint32_t version,
			   uint32_t known)
{
	if (!p || version == 0 || version > known)
		return BPACCT_EMISUSE;
	memset(p, 0, size);
	memcpy(p, &version, sizeof version);
	return BPACCT_OK;
}

int bpacct_store_ops_init(bpacct_store_ops *ops, uint32_t version)
{
	return bpacct__versioned_init(ops, sizeof *ops, version,
				      BPACCT_STORE_OPS_VERSION);
}

int bpacct_notifier_ops_init(bpacct_notifier_ops *ops, uint32_t version)
{
	return bpacct__versioned_init(ops, sizeof *ops, version,
				      BPACCT_NOTIFIER_OPS_VERSION);
}
