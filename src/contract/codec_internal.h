/*
 * The primitives of the stored byte format (docs/engine.md, "Record
 * format"), inline because a change encodes and a read decodes a few
 * hundred fields per event.  Writers are unchecked: the encoder sizes the
 * record before the first byte (see below).  A reader that meets anything
 * wrong sets `bad`, and every later read is a no-op, so a decoder reads
 * every field unconditionally and checks once at the end (encode.c).
 */
#ifndef BPACCT_CONTRACT_CODEC_INTERNAL_H
#define BPACCT_CONTRACT_CODEC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The stored format (docs/engine.md): a type tag and a format version
 * first, then fixed-width little-endian fields, then length-prefixed
 * strings, then the CRC-32C of every byte before it (4 bytes, little
 * endian: rules E8).  Version 2 added the check (and the account's first
 * use, the request's standing reasons); version 1 records are refused. */
#define BPACCT__TAG_ACCOUNT 0x41u /* 'A' */
#define BPACCT__TAG_REQUEST 0x52u /* 'R' */
#define BPACCT__TAG_ENTRY 0x45u   /* 'E' */
#define BPACCT__FORMAT_VERSION 2u
/* Bytes of the check at the end of every record. */
#define BPACCT__CHECK_BYTES 4u

/* CRC-32C of n bytes (crc32c.c). */
uint32_t bpacct__crc32c(const uint8_t *p, size_t n);

typedef struct bpacct__reader {
	const uint8_t *p;
	size_t len;
	size_t pos;
	int bad;
} bpacct__reader;

/*
 * Writing is sized first, then unchecked: an encoder measures its strings
 * (bpacct__text_of), checks the whole record against the buffer once, and
 * only then writes, through pointer-bumping writers that cannot fail.  A
 * record is encoded on every change, so a bounds check per byte was most
 * of its cost; and a buffer that is too small is left untouched.
 */

/* A string field about to be written: measured once, for the size check
 * and for the write. */
typedef struct bpacct__text {
	const char *s;
	size_t n;
} bpacct__text;

/* A string of at most max − 1 bytes (bounded: a field always holds its
 * NUL, but a record is trusted only as far as its array). */
static inline bpacct__text bpacct__text_of(const char *s, size_t max)
{
	bpacct__text t = { s, 0 };

	/* A field that ends in a NUL bounds strlen (the fast, usual case). */
	if (s[max - 1] == '\0') {
		t.n = strlen(s);
		return t;
	}
	while (t.n + 1 < max && s[t.n] != '\0')
		t.n++;
	return t;
}

/* The encoded size of count strings: a length byte and the bytes each. */
static inline size_t bpacct__texts_size(const bpacct__text *t, size_t count)
{
	size_t n = 0;

	for (size_t i = 0; i < count; i++)
		n += 1 + t[i].n;
	return n;
}

static inline uint8_t *bpacct__put_u8(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	return p + 1;
}

/* Little-endian byte by byte: the same bytes on every host (compilers
 * merge these into one store where the host is little-endian). */
static inline uint8_t *bpacct__put_u32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
	return p + 4;
}

/* Two halves: a loop of 8 is not unrolled at -O2, and would not merge. */
static inline uint8_t *bpacct__put_u64(uint8_t *p, uint64_t v)
{
	return bpacct__put_u32(bpacct__put_u32(p, (uint32_t)v),
			       (uint32_t)(v >> 32));
}

/* Strings: one length byte, then the bytes, without the NUL. */
static inline uint8_t *bpacct__put_texts(uint8_t *p, const bpacct__text *t,
					 size_t count)
{
	for (size_t i = 0; i < count; i++) {
		*p++ = (uint8_t)t[i].n;
		if (t[i].n)
			memcpy(p, t[i].s, t[i].n);
		p += t[i].n;
	}
	return p;
}

/* The header: tag and format version. */
static inline uint8_t *bpacct__put_head(uint8_t *p, uint32_t tag)
{
	p[0] = (uint8_t)tag;
	p[1] = (uint8_t)BPACCT__FORMAT_VERSION;
	return p + 2;
}

/* The check of a record whose bytes run from `start` to `p`: written
 * after the last field; returns the end of the record. */
static inline uint8_t *bpacct__put_check(uint8_t *start, uint8_t *p)
{
	uint32_t c = bpacct__crc32c(start, (size_t)(p - start));

	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(c >> (8u * i));
	return p + 4;
}

/* A byte of at most max. */
static inline uint32_t bpacct__get_u8(bpacct__reader *r, uint32_t max)
{
	uint32_t v;

	if (r->bad || r->pos >= r->len) {
		r->bad = 1;
		return 0;
	}
	v = r->p[r->pos++];
	if (v > max)
		r->bad = 1;
	return r->bad ? 0 : v;
}

/* 4 little-endian bytes, written out so that compilers make it one load
 * where the host is little-endian. */
static inline uint32_t bpacct__le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* bytes (4 or 8) little-endian bytes. */
static inline uint64_t bpacct__get_le(bpacct__reader *r, unsigned bytes)
{
	uint64_t v;

	if (r->bad || r->len - r->pos < bytes) {
		r->bad = 1;
		return 0;
	}
	v = bpacct__le32(r->p + r->pos);
	if (bytes == 8)
		v |= (uint64_t)bpacct__le32(r->p + r->pos + 4) << 32;
	r->pos += bytes;
	return v;
}

/* A u32 with no bit outside mask. */
static inline uint32_t bpacct__get_u32(bpacct__reader *r, uint32_t mask)
{
	uint32_t v = (uint32_t)bpacct__get_le(r, 4);

	if (v & ~mask)
		r->bad = 1;
	return r->bad ? 0 : v;
}

static inline int32_t bpacct__get_i32(bpacct__reader *r)
{
	uint32_t v = (uint32_t)bpacct__get_le(r, 4);

	/* Two's complement without implementation-defined conversion. */
	return v <= INT32_MAX ? (int32_t)v
			      : -(int32_t)(UINT32_MAX - v) - 1;
}

static inline int64_t bpacct__get_i64(bpacct__reader *r)
{
	uint64_t v = bpacct__get_le(r, 8);

	return v <= INT64_MAX ? (int64_t)v
			      : -(int64_t)(UINT64_MAX - v) - 1;
}

/* A revision: at most INT64_MAX, for the change's int64 columns. */
static inline uint64_t bpacct__get_revision(bpacct__reader *r)
{
	uint64_t v = bpacct__get_le(r, 8);

	if (v > INT64_MAX)
		r->bad = 1;
	return r->bad ? 0 : v;
}

/* A string of min to max − 1 bytes, none of them NUL, into dst[max]. */
static inline void bpacct__get_str(bpacct__reader *r, char *dst,
				   size_t min, size_t max)
{
	size_t n = bpacct__get_u8(r, (uint32_t)(max - 1));

	if (!r->bad && (n < min || r->len - r->pos < n))
		r->bad = 1;
	if (!r->bad && n) {
		memcpy(dst, r->p + r->pos, n);
		dst[n] = '\0';
		/* A NUL inside would cut the text short: strlen, bounded by
		 * the NUL just written, finds it. */
		if (strlen(dst) != n)
			r->bad = 1;
	}
	if (r->bad) {
		dst[0] = '\0';
		return;
	}
	dst[n] = '\0';
	r->pos += n;
}

/* Checks the header against tag and the known version. */
void bpacct__get_head(bpacct__reader *r, uint32_t tag);
/* A reason code the library knows. */
int32_t bpacct__get_reason(bpacct__reader *r);
/* BPACCT_OK when every byte was read and all was valid, else
 * BPACCT_EPARSE. */
int bpacct__reader_done(const bpacct__reader *r);

/* How one kind of record is decoded: its magic, size, where it keeps its
 * allocator, and the function that reads its fields. */
typedef struct bpacct__form {
	uint32_t magic;
	size_t size;
	size_t alloc_offset;
	void (*read)(bpacct__reader *r, void *record);
} bpacct__form;

/* Decodes `len` bytes into `out` (a record of the form's kind): written
 * only when every byte is valid.  BPACCT_EINVAL, BPACCT_EMISUSE,
 * BPACCT_EPARSE. */
int bpacct__decode(void *out, const bpacct__form *form,
		   const uint8_t *record, size_t len);

#endif
