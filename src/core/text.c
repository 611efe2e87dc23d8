/*
 * Bounded texts without libc's string functions beyond the allowed
 * primitives (text_internal.h): the fixed-size fields of every record.
 */
#include <string.h>

#include "core/text_internal.h"

void bpacct__text_copy(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	if (src)
		while (n + 1 < size && src[n] != '\0')
			n++;
	/* Cut before a UTF-8 continuation byte so that no character is
	 * split. */
	if (src && src[n] != '\0')
		while (n > 0 && ((unsigned char)src[n] & 0xC0u) == 0x80u)
			n--;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

int bpacct__text_same(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}
