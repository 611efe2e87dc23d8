/*
 * The allocator an object was created with: the host's, or libc's.
 */
#ifndef BPACCT_CORE_ALLOC_INTERNAL_H
#define BPACCT_CORE_ALLOC_INTERNAL_H

#include "bpacct/alloc.h"

typedef struct bpacct__alloc {
	void *(*alloc)(size_t size, void *opaque);
	void (*free)(void *ptr, void *opaque);
	void *opaque;
} bpacct__alloc;

/* Copies a host allocator (NULL: libc). Returns a bpacct status. */
int bpacct__alloc_setup(bpacct__alloc *out, const bpacct_allocator *host);
void *bpacct__alloc_mem(const bpacct__alloc *a, size_t size);
void bpacct__free_mem(const bpacct__alloc *a, void *ptr);

#endif
