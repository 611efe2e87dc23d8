/*
 * The records layer's interface: the one allocator of host-held records
 * (records.c), for a record kind of another layer (the store contract's
 * entry: contract/entry_object.c).  A kind is a fixed-size record that
 * starts with its uint32_t magic word and keeps the allocator it was made
 * with at alloc_offset.
 */
#ifndef BPACCT_RECORDS_INTERNAL_H
#define BPACCT_RECORDS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "bpacct/alloc.h"

typedef struct bpacct__record_kind {
	uint32_t magic;
	size_t size;
	size_t alloc_offset; /* where the record keeps its allocator */
} bpacct__record_kind;

/* A zeroed record of kind k with its magic and the host's allocator
 * (NULL: malloc/free).  BPACCT_OK, BPACCT_EINVAL, BPACCT_ENOMEM. */
int bpacct__record_new(void **out, const bpacct__record_kind *k,
		       const bpacct_allocator *host);

/* Frees a record of kind k through its own allocator; NULL, another
 * kind and a second free are ignored. */
void bpacct__record_free(void *record, const bpacct__record_kind *k);

#endif
