/*
 * The working calendar object: built once from the built-in years
 * (src/core/holidays.c) into sorted entries, a working-day bitmap and its
 * rank array, then changed only by host days (rule C4).  All memory comes
 * from the calendar's own allocator.
 */
#include <string.h>

#include "bpacct/calendar.h"
#include "bpacct/errors.h"
#include "bpacct/lunar.h"
#include "calendar/calendar_object.h"
#include "core/calendar_layout.h"
#include "core/civil_internal.h"

#define KNOWN_FLAGS BPACCT_CALENDAR_NO_ANNOUNCED
/* Spare entries added when host days outgrow the array. */
#define GROW_MIN 64u

int bpacct_calendar_options_init(bpacct_calendar_options *options,
				 uint32_t version)
{
	if (!options || version == 0 ||
	    version > BPACCT_CALENDAR_OPTIONS_VERSION)
		return BPACCT_EMISUSE;
	options->version = version;
	options->flags = 0;
	options->allocator = NULL;
	return BPACCT_OK;
}

static int32_t year_first_day(int32_t year)
{
	return bpacct__days_from_civil(year, 1, 1);
}

static void set_bit(bpacct_calendar *c, int32_t day, int working)
{
	uint32_t bit = (uint32_t)(day - c->first_day);
	uint64_t m = (uint64_t)1 << (bit & 63u);
	if (working)
		c->working[bit >> 6] |= m;
	else
		c->working[bit >> 6] &= ~m;
}

/* Rewrites one year's bits (weekdays, then its entries) and its
 * projected flag (rule C3: any projected entry). */
static void build_year(bpacct_calendar *c, uint32_t y)
{
	int32_t year = BPACCT__CAL_FIRST_YEAR + (int32_t)y;
	int32_t end = year_first_day(year + 1);
	uint8_t projected = 0;
	for (int32_t d = year_first_day(year); d < end; d++)
		set_bit(c, d, bpacct__weekday(d) <= 5);
	for (uint32_t i = c->year_start[y]; i < c->year_start[y + 1]; i++) {
		const bpacct__day_entry *e = &c->entries[i];
		set_bit(c, e->day, e->kind == BPACCT_DAY_MAKEUP);
		if (e->source == BPACCT_SOURCE_PROJECTED)
			projected = 1;
	}
	c->projected[y] = projected;
}

static void build_rank(bpacct_calendar *c)
{
	uint32_t sum = 0;
	for (uint32_t w = 0; w < c->nwords; w++) {
		c->rank[w] = sum;
		sum += bpacct__popcount64(c->working[w]);
	}
	c->rank[c->nwords] = sum;
}

/* Fills entries and year_start from the built-in years; with out NULL
 * only counts them. */
static int collect(bpacct_calendar *c, bpacct__day_entry *out,
		   uint32_t *out_total)
{
	bpacct__day_entry buf[BPACCT__YEAR_ENTRIES_MAX];
	uint32_t total = 0, n;
	for (uint32_t y = 0; y < BPACCT__CAL_YEARS; y++) {
		int rc = bpacct__year_entries(BPACCT__CAL_FIRST_YEAR +
						      (int32_t)y,
					      c->flags, buf,
					      BPACCT__YEAR_ENTRIES_MAX, &n);
		if (rc)
			return rc;
		c->year_start[y] = total;
		if (out)
			memcpy(out + total, buf, n * sizeof buf[0]);
		total += n;
	}
	c->year_start[BPACCT__CAL_YEARS] = total;
	*out_total = total;
	return BPACCT_OK;
}

static int build(bpacct_calendar *c)
{
	uint32_t total;
	int rc = collect(c, NULL, &total);
	if (rc)
		return rc;
	c->entries = bpacct__alloc_mem(&c->alloc, total * sizeof *c->entries);
	c->working = bpacct__alloc_mem(&c->alloc,
				       c->nwords * sizeof *c->working);
	c->rank = bpacct__alloc_mem(&c->alloc,
				    (c->nwords + 1) * sizeof *c->rank);
	if (!c->entries || !c->working || !c->rank)
		return BPACCT_ENOMEM;
	c->capacity = total;
	rc = collect(c, c->entries, &c->nentries);
	if (rc)
		return rc;
	memset(c->working, 0, c->nwords * sizeof *c->working);
	for (uint32_t y = 0; y < BPACCT__CAL_YEARS; y++)
		build_year(c, y);
	build_rank(c);
	return BPACCT_OK;
}

/* Host names are copies their entry owns; built-in names are static. */
static void drop_name(const bpacct_calendar *c, const bpacct__day_entry *e)
{
	char *owned;

	if (!e->owned)
		return;
	/* The entry keeps the name const for its readers; the copy is ours to
	 * free, so take the pointer back without a qualifier-dropping cast. */
	memcpy(&owned, &e->name, sizeof owned);
	bpacct__calendar_free_name(c, owned);
}

static void release(bpacct_calendar *c)
{
	bpacct__alloc a = c->alloc;
	if (c->entries)
		for (uint32_t i = 0; i < c->nentries; i++)
			drop_name(c, &c->entries[i]);
	bpacct__free_mem(&a, c->entries);
	bpacct__free_mem(&a, c->working);
	bpacct__free_mem(&a, c->rank);
	c->magic = 0;
	bpacct__free_mem(&a, c);
}

int bpacct_calendar_new(bpacct_calendar **out,
			const bpacct_calendar_options *options)
{
	const bpacct_calendar_options defaults = BPACCT_CALENDAR_OPTIONS_INIT;
	bpacct__alloc a;
	bpacct_calendar *c;
	int rc;
	if (!out)
		return BPACCT_EINVAL;
	if (!options)
		options = &defaults;
	if (options->version == 0 ||
	    options->version > BPACCT_CALENDAR_OPTIONS_VERSION)
		return BPACCT_EMISUSE;
	if (options->flags & ~(uint32_t)KNOWN_FLAGS)
		return BPACCT_EINVAL;
	rc = bpacct__alloc_setup(&a, options->allocator);
	if (rc)
		return rc;
	c = bpacct__alloc_mem(&a, sizeof *c);
	if (!c)
		return BPACCT_ENOMEM;
	memset(c, 0, sizeof *c);
	c->alloc = a;
	c->flags = options->flags;
	c->first_day = year_first_day(BPACCT__CAL_FIRST_YEAR);
	c->last_day = year_first_day(BPACCT__CAL_LAST_YEAR + 1) - 1;
	c->ndays = (uint32_t)(c->last_day - c->first_day + 1);
	c->nwords = c->ndays / 64 + 1;
	rc = build(c);
	if (rc) {
		release(c);
		return rc;
	}
	c->magic = BPACCT__CALENDAR_MAGIC;
	*out = c;
	return BPACCT_OK;
}

void bpacct_calendar_free(bpacct_calendar *calendar)
{
	if (calendar && calendar->magic == BPACCT__CALENDAR_MAGIC)
		release(calendar);
}

int bpacct__calendar_copy_name(const bpacct_calendar *c, const char *text,
			       size_t len, char **out)
{
	char *s;
	*out = NULL;
	if (len == 0)
		return BPACCT_OK;
	s = bpacct__alloc_mem(&c->alloc, len + 1);
	if (!s)
		return BPACCT_ENOMEM;
	memcpy(s, text, len);
	s[len] = '\0';
	*out = s;
	return BPACCT_OK;
}

void bpacct__calendar_free_name(const bpacct_calendar *c, char *name)
{
	bpacct__free_mem(&c->alloc, name);
}

int bpacct__calendar_reserve(bpacct_calendar *c, uint32_t n)
{
	bpacct__day_entry *e;
	uint32_t cap;
	if (n <= c->capacity - c->nentries)
		return BPACCT_OK;
	if (n > UINT32_MAX / 2 - c->nentries - GROW_MIN)
		return BPACCT_ENOMEM;
	cap = c->nentries + n + GROW_MIN;
	e = bpacct__alloc_mem(&c->alloc, (size_t)cap * sizeof *e);
	if (!e)
		return BPACCT_ENOMEM;
	memcpy(e, c->entries, c->nentries * sizeof *e);
	bpacct__free_mem(&c->alloc, c->entries);
	c->entries = e;
	c->capacity = cap;
	return BPACCT_OK;
}

/* Rule C4: the host entry replaces whatever the date had. */
static void put(bpacct_calendar *c, const bpacct__host_day *h, uint32_t y)
{
	bpacct__day_entry *e;
	uint32_t i;
	if (bpacct__find_entry(c, h->day, &i)) {
		e = &c->entries[i];
		drop_name(c, e);
	} else {
		memmove(&c->entries[i + 1], &c->entries[i],
			(c->nentries - i) * sizeof c->entries[0]);
		c->nentries++;
		for (uint32_t k = y + 1; k <= BPACCT__CAL_YEARS; k++)
			c->year_start[k]++;
		e = &c->entries[i];
	}
	e->day = h->day;
	e->kind = (uint8_t)h->kind;
	e->source = BPACCT_SOURCE_HOST;
	e->owned = h->name != NULL;
	e->pad = 0;
	e->name = h->name ? h->name : "";
}

void bpacct__calendar_apply(bpacct_calendar *c, const bpacct__host_day *days,
			    uint32_t n)
{
	uint8_t dirty[BPACCT__CAL_YEARS];
	int32_t year, month, mday;
	memset(dirty, 0, sizeof dirty);
	for (uint32_t i = 0; i < n; i++) {
		bpacct__civil_from_days(days[i].day, &year, &month, &mday);
		put(c, &days[i], (uint32_t)(year - BPACCT__CAL_FIRST_YEAR));
		dirty[year - BPACCT__CAL_FIRST_YEAR] = 1;
	}
	for (uint32_t y = 0; y < BPACCT__CAL_YEARS; y++)
		if (dirty[y])
			build_year(c, y);
	build_rank(c);
}

/* Whether the built-in calendar (its flags, no host day) has this day as a
 * holiday of the Labour Code, stated by the law or fixed by announcement. */
static int builtin_holiday(const bpacct_calendar *c, int32_t year,
			   int32_t day)
{
	bpacct__day_entry e[BPACCT__YEAR_ENTRIES_MAX];
	uint32_t n = 0;
	if (bpacct__year_entries(year, c->flags, e, BPACCT__YEAR_ENTRIES_MAX,
				 &n) != BPACCT_OK)
		return 0;
	for (uint32_t i = 0; i < n; i++)
		if (e[i].day == day && e[i].kind == BPACCT_DAY_HOLIDAY &&
		    (e[i].source == BPACCT_SOURCE_STATUTORY ||
		     e[i].source == BPACCT_SOURCE_ANNOUNCED))
			return 1;
	return 0;
}

/*
 * Rules C1 and E7: a statutory holiday, which no host day may make a
 * working day.  That is every day the Labour Code (2019 Art. 112, 2012
 * Art. 115) makes a holiday by its date — 1/1, 30/4, 1/5, 2/9 and 10/3
 * lunar (Hùng Kings) —, the Tết days every schedule has (the lunar New
 * Year's eve and mùng 1–3), and every holiday an announced schedule
 * (rule C2) fixes, its whole Tết block and National Day adjacent day
 * included.  A projected day (rule C3) that is none of these — the Tết
 * day before the eve, the projected National Day adjacent day — stays a
 * guess that a host's announcement may replace.
 */
int bpacct__calendar_statutory(const bpacct_calendar *c, int32_t day)
{
	bpacct_lunar_date l, next;
	int32_t year, month, mday;
	bpacct__civil_from_days(day, &year, &month, &mday);
	if ((month == 1 && mday == 1) || (month == 4 && mday == 30) ||
	    (month == 5 && mday == 1) || (month == 9 && mday == 2))
		return 1;
	if (bpacct_lunar_from_solar(&l, day) == BPACCT_OK && !l.leap &&
	    ((l.month == 3 && l.day == 10) || (l.month == 1 && l.day <= 3)))
		return 1;
	if (bpacct_lunar_from_solar(&next, day + 1) == BPACCT_OK &&
	    next.month == 1 && next.day == 1 && !next.leap)
		return 1;
	return builtin_holiday(c, year, day);
}

int bpacct_calendar_add_day(bpacct_calendar *calendar, int32_t day,
			    int32_t kind, const char *name)
{
	bpacct__host_day h;
	size_t len = 0;
	int rc;
	if (!calendar)
		return BPACCT_EINVAL;
	if (calendar->magic != BPACCT__CALENDAR_MAGIC)
		return BPACCT_EMISUSE;
	if (kind != BPACCT_DAY_HOLIDAY && kind != BPACCT_DAY_COMPENSATORY &&
	    kind != BPACCT_DAY_SWAP_OFF && kind != BPACCT_DAY_MAKEUP)
		return BPACCT_EINVAL;
	if (name) {
		len = strlen(name);
		if (len >= BPACCT__CAL_NAME_MAX)
			return BPACCT_EINVAL;
	}
	if (day < calendar->first_day || day > calendar->last_day)
		return BPACCT_ERANGE;
	if (kind == BPACCT_DAY_MAKEUP &&
	    bpacct__calendar_statutory(calendar, day))
		return BPACCT_EINVAL; /* rule E7 */
	rc = bpacct__calendar_reserve(calendar, 1);
	if (rc)
		return rc;
	h.day = day;
	h.kind = kind;
	h.line = 0;
	rc = bpacct__calendar_copy_name(calendar, name, len, &h.name);
	if (rc)
		return rc;
	bpacct__calendar_apply(calendar, &h, 1);
	return BPACCT_OK;
}
