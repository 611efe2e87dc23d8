/*
 * The primitives of the stored byte format (docs/engine.md, "Record
 * format"), inline because a change encodes and a read decodes a few
 * hundred fields per event.  A writer that runs out of room only counts,
 * so the caller learns the size; a reader that meets anything wrong sets
 * `bad`, and every later read is a no-op, so a decoder reads every field
 * unconditionally and checks once at the end (encode.c).
 */
#ifndef BPACCT_CORE_CODEC_INTERNAL_H
#define BPACCT_CORE_CODEC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The stored format (docs/engine.md): a type tag and a format version
 * first, then fixed-width little-endian fields, then length-prefixed
 * strings. */
#define BPACCT__TAG_ACCOUNT 0x41u /* 'A' */
#define BPACCT__TAG_REQUEST 0x52u /* 'R' */
#define BPACCT__TAG_ENTRY 0x45u   /* 'E' */
#define BPACCT__FORMAT_VERSION 1u

typedef struct bpacct__writer {
	uint8_t *buf;
	size_t room; /* bytes left; 0 once a write did not fit */
	size_t len;  /* bytes written or, past the room, wanted */
	int over;    /* a write did not fit */
} bpacct__writer;

#define BPACCT__WRITER(buf, size) { (buf), (size), 0, 0 }

typedef struct bpacct__reader {
	const uint8_t *p;
	size_t len;
	size_t pos;
	int bad;
} bpacct__reader;

/* Appends n bytes, or only counts them once the buffer is full. */
static inline void bpacct__put_bytes(bpacct__writer *w, const void *p,
				     size_t n)
{
	if (n <= w->room) {
		memcpy(w->buf + w->len, p, n);
		w->room -= n;
	} else {
		w->room = 0;
		w->over = 1;
	}
	w->len += n;
}

static inline void bpacct__put_u8(bpacct__writer *w, uint32_t v)
{
	uint8_t b = (uint8_t)v;

	bpacct__put_bytes(w, &b, 1);
}

static inline void bpacct__put_u32(bpacct__writer *w, uint32_t v)
{
	uint8_t b[4];

	for (unsigned i = 0; i < 4; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	bpacct__put_bytes(w, b, sizeof b);
}

static inline void bpacct__put_u64(bpacct__writer *w, uint64_t v)
{
	uint8_t b[8];

	for (unsigned i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	bpacct__put_bytes(w, b, sizeof b);
}

/* A string of at most max − 1 bytes: one length byte, then the bytes
 * (bounded: a field always holds its NUL, but a record is trusted only
 * as far as its array). */
static inline void bpacct__put_str(bpacct__writer *w, const char *s,
				   size_t max)
{
	size_t n = 0;

	while (n + 1 < max && s[n] != '\0')
		n++;
	bpacct__put_u8(w, (uint32_t)n);
	bpacct__put_bytes(w, s, n);
}

/* The header: tag and format version. */
static inline void bpacct__put_head(bpacct__writer *w, uint32_t tag)
{
	bpacct__put_u8(w, tag);
	bpacct__put_u8(w, BPACCT__FORMAT_VERSION);
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

/* bytes little-endian bytes. */
static inline uint64_t bpacct__get_le(bpacct__reader *r, unsigned bytes)
{
	uint64_t v = 0;

	if (r->bad || r->len - r->pos < bytes) {
		r->bad = 1;
		return 0;
	}
	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)r->p[r->pos + i] << (8 * i);
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
	for (size_t i = 0; !r->bad && i < n; i++)
		if (r->p[r->pos + i] == 0)
			r->bad = 1; /* a NUL would cut the text short */
	if (r->bad) {
		dst[0] = '\0';
		return;
	}
	if (n)
		memcpy(dst, r->p + r->pos, n);
	dst[n] = '\0';
	r->pos += n;
}

/* BPACCT_OK, or BPACCT_EBUFSIZE when the record did not fit. */
int bpacct__writer_done(const bpacct__writer *w, size_t *out_len);

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
