/*
 * Status names and messages.  Switches without default: a new status that
 * is not described here fails the build (-Wswitch-enum -Werror).
 */
#include "bpacct/errors.h"

const char *bpacct_strerror(int status)
{
	switch ((bpacct_status)status) {
	case BPACCT_OK: return "Success";
	case BPACCT_EINVAL: return "Invalid argument";
	case BPACCT_ERANGE: return "Value outside the supported range";
	case BPACCT_ENOMEM: return "Out of memory";
	case BPACCT_EMISUSE: return "API misuse (bad handle or struct version)";
	case BPACCT_EPARSE: return "Malformed text";
	case BPACCT_ENOTFOUND: return "Not found";
	case BPACCT_EBUFSIZE: return "Buffer too small";
	case BPACCT_ENOTSUP: return "Operation not supported";
	case BPACCT_EUSER: return "Error reported by a host callback";
	case BPACCT_ECONFLICT: return "Conflicting concurrent change";
	case BPACCT_ERECURSIVE: return "Call from inside a callback";
	case BPACCT_EINVALID_TRANSITION: return "Event not allowed in this state";
	}
	return status <= BPACCT_EHOST_MAX ? "Error code of the host"
					  : "Unknown error";
}

const char *bpacct_error_name(int status)
{
	switch ((bpacct_status)status) {
	case BPACCT_OK: return "BPACCT_OK";
	case BPACCT_EINVAL: return "BPACCT_EINVAL";
	case BPACCT_ERANGE: return "BPACCT_ERANGE";
	case BPACCT_ENOMEM: return "BPACCT_ENOMEM";
	case BPACCT_EMISUSE: return "BPACCT_EMISUSE";
	case BPACCT_EPARSE: return "BPACCT_EPARSE";
	case BPACCT_ENOTFOUND: return "BPACCT_ENOTFOUND";
	case BPACCT_EBUFSIZE: return "BPACCT_EBUFSIZE";
	case BPACCT_ENOTSUP: return "BPACCT_ENOTSUP";
	case BPACCT_EUSER: return "BPACCT_EUSER";
	case BPACCT_ECONFLICT: return "BPACCT_ECONFLICT";
	case BPACCT_ERECURSIVE: return "BPACCT_ERECURSIVE";
	case BPACCT_EINVALID_TRANSITION: return "BPACCT_EINVALID_TRANSITION";
	}
	return status <= BPACCT_EHOST_MAX ? "BPACCT_EHOST" : "BPACCT_UNKNOWN";
}
