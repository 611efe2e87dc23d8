/*
 * Queries over a built working calendar (rule T4).  Pure: they only read
 * the object that src/calendar/ built.
 *
 * The calendar keeps one bit per day (1 = working day) and, per 64-bit
 * word, the number of working days before it (the rank).  Then:
 * - is_working_day is one bit test;
 * - count_working_days is rank + popcount at each end, O(1);
 * - offset_working_days turns "the n-th working day after d" into "the
 *   working day of rank r" and finds it with a short scan of the rank
 *   array (a binary search for far jumps) and a broadword select inside
 *   one word: no day-by-day loop.
 */
#include "bpacct/calendar.h"
#include "bpacct/errors.h"
#include "core/calendar_layout.h"
#include "core/civil_internal.h"

/* Past this many working days, a binary search beats the linear scan. */
#define SCAN_LIMIT 256u

#define L8 0x0101010101010101u
#define H8 0x8080808080808080u

/* Argument check shared by every query: EINVAL for NULL, EMISUSE for a
 * handle that is not a live calendar. */
static int check(const bpacct_calendar *c)
{
	if (!c)
		return BPACCT_EINVAL;
	return c->magic == BPACCT__CALENDAR_MAGIC ? BPACCT_OK : BPACCT_EMISUSE;
}

static uint32_t trailing_zeros(uint32_t x)
{
#if defined(__GNUC__)
	return (uint32_t)__builtin_ctz(x);
#else
	uint32_t n = 0;
	while (!(x & 1u)) {
		x >>= 1;
		n++;
	}
	return n;
#endif
}

/*
 * The position of the k-th set bit (0-based) of x; k < popcount(x).
 * Byte sums by SWAR, their prefix sums by one multiplication, the byte
 * that holds the bit by a bytewise "prefix <= k" compare, then at most 7
 * steps inside that byte.
 */
static uint32_t select64(uint64_t x, uint32_t k)
{
	uint64_t s = x - ((x >> 1) & 0x5555555555555555u);
	s = (s & 0x3333333333333333u) + ((s >> 2) & 0x3333333333333333u);
	s = (s + (s >> 4)) & 0x0f0f0f0f0f0f0f0fu;
	uint64_t cum = s * L8; /* byte i: set bits in bytes 0..i (<= 64) */
	/* Byte i of (k | 0x80) - cum_i keeps its top bit iff cum_i <= k; no
	 * borrow crosses bytes because 0x80 + k - cum_i stays in 64..191. */
	uint64_t le = (((uint64_t)k * L8) | H8) - cum;
	uint32_t byte = (uint32_t)((((le & H8) >> 7) * L8) >> 56);
	uint32_t shift = byte * 8u;
	uint32_t before = (uint32_t)(((cum << 8) >> shift) & 0xffu);
	uint32_t bits = (uint32_t)((x >> shift) & 0xffu);
	for (uint32_t j = k - before; j; j--)
		bits &= bits - 1u;
	return shift + trailing_zeros(bits);
}

/* Working days in [first_day, first_day + bit); bit <= ndays. */
static uint32_t rank_before(const bpacct_calendar *c, uint32_t bit)
{
	uint32_t w = bit >> 6;
	uint64_t mask = ((uint64_t)1 << (bit & 63u)) - 1u;
	return c->rank[w] + bpacct__popcount64(c->working[w] & mask);
}

/* The word holding the working day of rank r (r < total), searched from
 * the hint word w. */
static uint32_t word_of_rank(const bpacct_calendar *c, uint32_t r, uint32_t w)
{
	const uint32_t *rank = c->rank;
	uint32_t lo, hi;
	if (rank[w] <= r && r - rank[w] < SCAN_LIMIT) {
		while (rank[w + 1] <= r)
			w++;
		return w;
	}
	if (rank[w] > r && rank[w] - r <= SCAN_LIMIT) {
		while (rank[w] > r)
			w--;
		return w;
	}
	/* Largest w with rank[w] <= r. */
	lo = 0;
	hi = c->nwords;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo + 1) / 2;
		if (rank[mid] <= r)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

int bpacct_calendar_is_working_day(const bpacct_calendar *calendar,
				   int32_t day, int32_t *out_working)
{
	uint32_t bit;
	if (!calendar || !out_working)
		return BPACCT_EINVAL;
	if (calendar->magic != BPACCT__CALENDAR_MAGIC)
		return BPACCT_EMISUSE;
	/* One unsigned compare covers both ends of the range. */
	bit = (uint32_t)day - (uint32_t)calendar->first_day;
	if (bit >= calendar->ndays)
		return BPACCT_ERANGE;
	*out_working = (int32_t)((calendar->working[bit >> 6] >> (bit & 63u)) &
				 1u);
	return BPACCT_OK;
}

int bpacct_calendar_day_info(const bpacct_calendar *calendar, int32_t day,
			     int32_t *out_working, int32_t *out_kind,
			     int32_t *out_source, const char **out_name)
{
	int32_t kind, source;
	const char *name = "";
	uint32_t i;
	int rc = check(calendar);
	if (rc)
		return rc;
	if (day < calendar->first_day || day > calendar->last_day)
		return BPACCT_ERANGE;
	if (bpacct__find_entry(calendar, day, &i)) {
		kind = calendar->entries[i].kind;
		source = calendar->entries[i].source;
		name = calendar->entries[i].name;
	} else {
		kind = bpacct__weekday(day) > 5 ? BPACCT_DAY_WEEKEND
						: BPACCT_DAY_WORKING;
		source = BPACCT_SOURCE_NONE;
	}
	if (out_working)
		*out_working = bpacct__is_working(calendar, day);
	if (out_kind)
		*out_kind = kind;
	if (out_source)
		*out_source = source;
	if (out_name)
		*out_name = name;
	return BPACCT_OK;
}

static int year_index(const bpacct_calendar *c, int32_t year, uint32_t *out)
{
	int rc = check(c);
	if (rc)
		return rc;
	if (year < BPACCT__CAL_FIRST_YEAR || year > BPACCT__CAL_LAST_YEAR)
		return BPACCT_ERANGE;
	*out = (uint32_t)(year - BPACCT__CAL_FIRST_YEAR);
	return BPACCT_OK;
}

int bpacct_calendar_entry_count(const bpacct_calendar *calendar,
				int32_t year, uint32_t *out_count)
{
	uint32_t y;
	int rc = out_count ? year_index(calendar, year, &y) : BPACCT_EINVAL;
	if (rc)
		return rc;
	*out_count = calendar->year_start[y + 1] - calendar->year_start[y];
	return BPACCT_OK;
}

int bpacct_calendar_entry_at(const bpacct_calendar *calendar, int32_t year,
			     uint32_t index, int32_t *out_day,
			     int32_t *out_kind, int32_t *out_source,
			     const char **out_name)
{
	const bpacct__day_entry *e;
	uint32_t y;
	int rc = year_index(calendar, year, &y);
	if (rc)
		return rc;
	if (index >= calendar->year_start[y + 1] - calendar->year_start[y])
		return BPACCT_ENOTFOUND;
	e = &calendar->entries[calendar->year_start[y] + index];
	if (out_day)
		*out_day = e->day;
	if (out_kind)
		*out_kind = e->kind;
	if (out_source)
		*out_source = e->source;
	if (out_name)
		*out_name = e->name;
	return BPACCT_OK;
}

int bpacct_calendar_year_projected(const bpacct_calendar *calendar,
				   int32_t year, int32_t *out_projected)
{
	uint32_t y;
	int rc = out_projected ? year_index(calendar, year, &y)
			       : BPACCT_EINVAL;
	if (rc)
		return rc;
	*out_projected = calendar->projected[y] ? 1 : 0;
	return BPACCT_OK;
}

int bpacct_calendar_count_working_days(const bpacct_calendar *calendar,
				       int32_t from, int32_t to,
				       int32_t *out_count)
{
	uint32_t a, b;
	int rc = out_count ? check(calendar) : BPACCT_EINVAL;
	if (rc)
		return rc;
	/* Both ends lie in [first_day, last_day + 1]. */
	a = (uint32_t)from - (uint32_t)calendar->first_day;
	b = (uint32_t)to - (uint32_t)calendar->first_day;
	if (a > calendar->ndays || b > calendar->ndays)
		return BPACCT_ERANGE;
	*out_count = (int32_t)rank_before(calendar, b) -
		     (int32_t)rank_before(calendar, a);
	return BPACCT_OK;
}

int bpacct_calendar_offset_working_days(const bpacct_calendar *calendar,
					int32_t day, int32_t n,
					int32_t *out_day)
{
	uint32_t bit, w, total;
	int64_t r;
	int rc = out_day ? check(calendar) : BPACCT_EINVAL;
	if (rc)
		return rc;
	bit = (uint32_t)day - (uint32_t)calendar->first_day;
	if (bit >= calendar->ndays)
		return BPACCT_ERANGE;
	/* The rank of the target among all working days: n > 0 counts from
	 * the day after (Art. 147), n = 0 takes the first working day at or
	 * after the day, n < 0 counts back from the day before. */
	if (n > 0)
		r = (int64_t)rank_before(calendar, bit + 1) + n - 1;
	else
		r = (int64_t)rank_before(calendar, bit) + n;
	total = calendar->rank[calendar->nwords];
	if (r < 0 || r >= (int64_t)total)
		return BPACCT_ERANGE;
	w = word_of_rank(calendar, (uint32_t)r, bit >> 6);
	*out_day = calendar->first_day +
		   (int32_t)((w << 6) +
			     select64(calendar->working[w],
				      (uint32_t)r - calendar->rank[w]));
	return BPACCT_OK;
}

int bpacct_calendar_range(const bpacct_calendar *calendar,
			  int32_t *out_first, int32_t *out_last)
{
	int rc = out_first && out_last ? check(calendar) : BPACCT_EINVAL;
	if (rc)
		return rc;
	*out_first = calendar->first_day;
	*out_last = calendar->last_day;
	return BPACCT_OK;
}

const char *bpacct_day_kind_name(int32_t kind)
{
	switch ((bpacct_day_kind)kind) {
	case BPACCT_DAY_WORKING: return "working";
	case BPACCT_DAY_WEEKEND: return "weekend";
	case BPACCT_DAY_HOLIDAY: return "holiday";
	case BPACCT_DAY_COMPENSATORY: return "compensatory";
	case BPACCT_DAY_SWAP_OFF: return "swap_off";
	case BPACCT_DAY_MAKEUP: return "working";
	}
	return "unknown";
}

const char *bpacct_day_source_name(int32_t source)
{
	switch ((bpacct_day_source)source) {
	case BPACCT_SOURCE_NONE: return "none";
	case BPACCT_SOURCE_STATUTORY: return "statutory";
	case BPACCT_SOURCE_ANNOUNCED: return "announced";
	case BPACCT_SOURCE_PROJECTED: return "projected";
	case BPACCT_SOURCE_HOST: return "host";
	}
	return "unknown";
}
