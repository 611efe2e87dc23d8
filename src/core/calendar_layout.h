/*
 * The core's interface to the calendar object: the layout of a
 * bpacct_calendar that the pure queries read (workdays.c, period.c,
 * sessions.c), the built-in classification of a year (holidays.c) and the
 * inline lookups.  src/calendar/ builds the object on this layout
 * (calendar_object.h); the core never allocates one.
 */
#ifndef BPACCT_CORE_CALENDAR_LAYOUT_H
#define BPACCT_CORE_CALENDAR_LAYOUT_H

#include <stdint.h>

#include "bpacct/calendar.h"
#include "support/alloc_internal.h"

/* The years a working calendar covers (rule C1: Labour Code 2012 onwards). */
#define BPACCT__CAL_FIRST_YEAR 2013
#define BPACCT__CAL_LAST_YEAR 2199
#define BPACCT__CAL_YEARS (BPACCT__CAL_LAST_YEAR - BPACCT__CAL_FIRST_YEAR + 1)
/* Most base (non-host) entries one year can have. */
#define BPACCT__YEAR_ENTRIES_MAX 48

#define BPACCT__CALENDAR_MAGIC 0x42504341u /* "BPCA" */

/* One classified day: a day off or a make-up working day. */
typedef struct bpacct__day_entry {
	int32_t day;
	uint8_t kind;   /* bpacct_day_kind, never WORKING or WEEKEND */
	uint8_t source; /* bpacct_day_source */
	uint8_t owned;  /* name was allocated for a host entry */
	uint8_t pad;
	const char *name;
} bpacct__day_entry;

struct bpacct_calendar {
	uint32_t magic;
	uint32_t flags;
	bpacct__alloc alloc;
	int32_t first_day; /* 2013-01-01 */
	int32_t last_day;  /* 2199-12-31 */
	uint32_t ndays;    /* last_day - first_day + 1 */
	/* Words of the bitmap: enough for bit ndays too (always 0), so that
	 * "working days before day last_day + 1" needs no special case. */
	uint32_t nwords;
	uint64_t *working; /* bit (day - first_day): 1 = working day */
	uint32_t *rank;    /* working days before word i; nwords + 1 items */
	bpacct__day_entry *entries; /* sorted by day, one per day */
	uint32_t nentries;
	uint32_t capacity;
	/* index of the first entry of each year, plus one past the end */
	uint32_t year_start[BPACCT__CAL_YEARS + 1];
	uint8_t projected[BPACCT__CAL_YEARS];
};

/*
 * The built-in classification of one year (pure): the statutory rules and
 * the projection (C1, C3), or the announced schedule (C2) when the year has
 * one and flags lack BPACCT_CALENDAR_NO_ANNOUNCED.  Entries come out sorted
 * by day, one per day, names static.  Returns a bpacct status.
 */
int bpacct__year_entries(int32_t year, uint32_t flags,
			 bpacct__day_entry *out, uint32_t cap,
			 uint32_t *out_count);

/* Whether the checked calendar handle is usable (magic word). */
static inline int bpacct__calendar_ok(const bpacct_calendar *c)
{
	return c && c->magic == BPACCT__CALENDAR_MAGIC;
}

/* Bits set in a word.  GCC lowers __builtin_popcountll to a libgcc call
 * (__popcountdi2, outside the pure core) unless the target has a popcount
 * instruction, so the builtin is used only where it is known to inline;
 * elsewhere the classic SWAR sum, which compilers reduce to ~12 ops. */
static inline uint32_t bpacct__popcount64(uint64_t x)
{
#if defined(__GNUC__) && (defined(__POPCNT__) || defined(__aarch64__) || \
			  defined(__clang__))
	return (uint32_t)__builtin_popcountll(x);
#else
	x = x - ((x >> 1) & 0x5555555555555555u);
	x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fu;
	return (uint32_t)((x * 0x0101010101010101u) >> 56);
#endif
}

/*
 * The entry of a day, by binary search over the sorted entries: returns 1
 * and its index if the day has one, else 0 and the index where it would be
 * inserted.
 */
static inline int bpacct__find_entry(const bpacct_calendar *c, int32_t day,
				     uint32_t *out_index)
{
	uint32_t lo = 0, hi = c->nentries;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (c->entries[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	*out_index = lo;
	return lo < c->nentries && c->entries[lo].day == day;
}

/* Fast working-day test; the caller checks the range. */
static inline int bpacct__is_working(const bpacct_calendar *c, int32_t day)
{
	uint32_t bit = (uint32_t)(day - c->first_day);
	return (int)((c->working[bit >> 6] >> (bit & 63)) & 1u);
}

#endif
