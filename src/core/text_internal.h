/*
 * The core's text helpers (text.c), for every fixed-size text field: the
 * pure step's and the store contract's (entries, codecs).
 */
#ifndef BPACCT_CORE_TEXT_INTERNAL_H
#define BPACCT_CORE_TEXT_INTERNAL_H

#include <stddef.h>

/* Copies a NUL-terminated text into a field of `size` bytes, cut at a
 * UTF-8 character boundary when it does not fit. */
void bpacct__text_copy(char *dst, size_t size, const char *src);
/* Whether two NUL-terminated texts are equal (strcmp is outside the
 * pure core's allowed calls). */
int bpacct__text_same(const char *a, const char *b);

#endif
