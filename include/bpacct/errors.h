/**
 * @file bpacct/errors.h
 * @brief Status codes returned by every bpacct function.
 * @defgroup bpacct_errors Errors
 * @{
 *
 * Every public function that can fail returns an `int` that is either
 * #BPACCT_OK (0) or one of the negative #bpacct_status values below.  The
 * values are part of the ABI: they are never renumbered or reused, and new
 * ones are only ever appended.  A function that fails leaves its outputs and
 * every object it was given unchanged.
 */
#ifndef BPACCT_ERRORS_H
#define BPACCT_ERRORS_H

#include "common.h"

BPACCT_BEGIN_DECL

/** Status codes. 0 is success, errors are negative. */
typedef enum bpacct_status {
	/** Success. */
	BPACCT_OK = 0,
	/** An argument is invalid: NULL where an object is needed, a value
	 *  outside its domain (month 13, a negative count, an unknown enum). */
	BPACCT_EINVAL = -1,
	/** A value is valid but outside the range the library covers (a lunar
	 *  date before 1900-01-31 or after 2199-12-31, a working day outside the
	 *  working calendar's years, an instant that overflows). */
	BPACCT_ERANGE = -2,
	/** The allocator returned NULL. Nothing was changed. */
	BPACCT_ENOMEM = -3,
	/** The API was used in a way its contract forbids (a freed or foreign
	 *  handle, a struct version of 0 or newer than the library knows). */
	BPACCT_EMISUSE = -4,
	/** Text could not be parsed (a malformed date, instant or CSV line). */
	BPACCT_EPARSE = -5,
	/** The thing asked for does not exist (no such entry, no session
	 *  before the end of the covered range). */
	BPACCT_ENOTFOUND = -6,
	/** A caller-supplied buffer is too small. */
	BPACCT_EBUFSIZE = -7,
	/** The operation is not supported by this build or this host
	 *  interface. */
	BPACCT_ENOTSUP = -8,
	/** Reserved for host callbacks: bpacct never produces it and passes it
	 *  through unchanged. */
	BPACCT_EUSER = -9,
	/** A concurrent change won: the expected version did not match. */
	BPACCT_ECONFLICT = -10,
	/** A bpacct call was made on an object from inside one of its own
	 *  callbacks. */
	BPACCT_ERECURSIVE = -11,
	/** Never returned: since 0.2.0 an event the rules do not allow is a
	 *  result, not an error (its REFUSED effect says why).  The value
	 *  stays reserved, never to mean anything else. */
	BPACCT_EINVALID_TRANSITION = -12
} bpacct_status;

/** The highest code a host may use for its own errors: a store or notifier
 *  callback may return any code at or below it (−1000, −1001, …), which
 *  the library never produces and passes through unchanged, so that a host
 *  code cannot collide with a library code added later.  A callback that
 *  returns a positive value, or a negative one above this that is not a
 *  library code, is taken as #BPACCT_EUSER (with a message saying so).
 *  @since 0.5.0 */
#define BPACCT_EHOST_MAX (-1000)

/**
 * A one-line English description of a status code.
 *
 * @param status a #bpacct_status value (any int is accepted).
 * @return a static string, never NULL; "Unknown error" for values that are
 *         not status codes.
 * @since 0.1.0
 */
BPACCT_API const char *bpacct_strerror(int status);

/**
 * The symbolic name of a status code, e.g. "BPACCT_EINVAL".
 *
 * @param status a #bpacct_status value (any int is accepted).
 * @return a static string, never NULL; "BPACCT_UNKNOWN" for values that are
 *         not status codes.
 * @since 0.1.0
 */
BPACCT_API const char *bpacct_error_name(int status);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_ERRORS_H */
