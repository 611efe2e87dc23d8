/*
 * Per-object allocators (convention B17): no global allocator to replace.
 */
#include <stdlib.h>

#include "bpacct/errors.h"
#include "support/alloc_internal.h"

int bpacct_allocator_init(bpacct_allocator *allocator, uint32_t version)
{
	if (!allocator || version == 0 || version > BPACCT_ALLOCATOR_VERSION)
		return BPACCT_EMISUSE;
	allocator->version = version;
	allocator->alloc = NULL;
	allocator->free = NULL;
	allocator->opaque = NULL;
	return BPACCT_OK;
}

int bpacct__alloc_setup(bpacct__alloc *out, const bpacct_allocator *host)
{
	out->alloc = NULL;
	out->free = NULL;
	out->opaque = NULL;
	if (!host)
		return BPACCT_OK;
	if (host->version == 0 || host->version > BPACCT_ALLOCATOR_VERSION)
		return BPACCT_EMISUSE;
	/* Both or neither: memory from one allocator must not reach the
	 * other's free. */
	if ((host->alloc == NULL) != (host->free == NULL))
		return BPACCT_EINVAL;
	out->alloc = host->alloc;
	out->free = host->free;
	out->opaque = host->opaque;
	return BPACCT_OK;
}

void *bpacct__alloc_mem(const bpacct__alloc *a, size_t size)
{
	return a->alloc ? a->alloc(size, a->opaque) : malloc(size);
}

void bpacct__free_mem(const bpacct__alloc *a, void *ptr)
{
	if (!ptr)
		return;
	if (a->free)
		a->free(ptr, a->opaque);
	else
		free(ptr);
}
