/**
 * @file bpacct/alloc.h
 * @brief The per-object allocator a host may supply.
 * @defgroup bpacct_alloc Allocator
 * @{
 *
 * bpacct never allocates behind the host's back: the pure functions
 * (civil time, lunar calendar, periods, deadlines, sessions) use no heap at
 * all, and the objects that do hold memory (a #bpacct_calendar, later the
 * engine) take an optional allocator in their options.  There is no global
 * allocator to replace (compare zlib's `zalloc`/`zfree`/`opaque`).
 */
#ifndef BPACCT_ALLOC_H
#define BPACCT_ALLOC_H

#include "common.h"

BPACCT_BEGIN_DECL

/** The version of #bpacct_allocator this header describes. */
#define BPACCT_ALLOCATOR_VERSION 1

/**
 * A host allocator. Copied by the object that receives it, so the struct
 * itself need not outlive the call; the functions and @p opaque must live as
 * long as the object.
 */
typedef struct bpacct_allocator {
	/** Must be #BPACCT_ALLOCATOR_VERSION (or an older version). */
	uint32_t version;
	/** Allocates memory.
	 *  @param size bytes wanted, never 0.
	 *  @param opaque the @c opaque member.
	 *  @return memory aligned for any type, or NULL.
	 *  @since 1 */
	void *BPACCT_CALLBACK(alloc)(size_t size, void *opaque);
	/** Releases memory returned by @c alloc; never called with NULL.
	 *  @param ptr the memory.
	 *  @return nothing (void).
	 *  @param opaque the @c opaque member.
	 *  @since 1 */
	void BPACCT_CALLBACK(free)(void *ptr, void *opaque);
	/** Passed unchanged as the last argument of both functions.
	 *  @since 1 */
	void *opaque;
} bpacct_allocator;

/** Static initializer: an allocator with no functions (libc defaults). */
#define BPACCT_ALLOCATOR_INIT { BPACCT_ALLOCATOR_VERSION, NULL, NULL, NULL }

/**
 * Initializes @p allocator for @p version with no functions (the libc
 * defaults); for FFI callers that cannot use #BPACCT_ALLOCATOR_INIT.
 *
 * @param allocator the struct to fill.
 * @param version #BPACCT_ALLOCATOR_VERSION, or an older version.
 * @return #BPACCT_OK, or #BPACCT_EMISUSE for NULL or an unknown version.
 * @since 0.1.0
 */
BPACCT_API int bpacct_allocator_init(bpacct_allocator *allocator,
				     uint32_t version);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_ALLOC_H */
