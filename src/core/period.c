/*
 * Time limits under the Civil Code 2015, Arts 147–148 (rules T2, T3).
 *
 * Months and years are computed on the civil date in O(1); only the
 * Art. 148(5) roll-forward (a few days at most) and the working-day and
 * working-hours counts walk the calendar, always bounded by its range.
 * The explanation texts are in period_basis.c.
 */
#include <string.h>

#include "bpacct/civil.h"
#include "bpacct/errors.h"
#include "bpacct/period.h"
#include "core/calendar_layout.h"
#include "core/civil_internal.h"

#define COUNT_MAX 100000
#define POLICY_FLAGS                                                  \
	(BPACCT_PERIOD_NO_EXTEND | BPACCT_PERIOD_ANCHOR_FIRST_DAY |   \
	 BPACCT_PERIOD_WORKING_HOURS)

/* Instants of 0001-01-01T00:00+07:00 and of 24:00 of 9999-12-31. */
#define INSTANT_MIN \
	((int64_t)BPACCT__DAY_MIN * BPACCT__SECONDS_PER_DAY - BPACCT__OFFSET)
#define INSTANT_END \
	((int64_t)(BPACCT__DAY_MAX + 1) * BPACCT__SECONDS_PER_DAY - \
	 BPACCT__OFFSET)

int bpacct_period_options_init(bpacct_period_options *options,
			       uint32_t version)
{
	if (!options || version == 0 || version > BPACCT_PERIOD_OPTIONS_VERSION)
		return BPACCT_EMISUSE;
	options->version = version;
	options->flags = 0u;
	options->working_hours = NULL;
	return BPACCT_OK;
}

/* Texts in this file are arrays, not pointers, so that the tables stay
 * read-only data without relocations. */
typedef struct unit_name {
	char text[4];
	size_t len;
	int32_t unit;
} unit_name;

static const unit_name unit_names[] = {
	{ "min", 3, BPACCT_UNIT_MINUTE }, { "h", 1, BPACCT_UNIT_HOUR },
	{ "d", 1, BPACCT_UNIT_DAY },      { "w", 1, BPACCT_UNIT_WEEK },
	{ "mo", 2, BPACCT_UNIT_MONTH },   { "y", 1, BPACCT_UNIT_YEAR },
	{ "wd", 2, BPACCT_UNIT_WORKING_DAY },
};

int bpacct_period_parse(const char *text, size_t len, int32_t *out_unit,
			int32_t *out_count)
{
	size_t i = 0;
	int32_t count = 0;
	if (!text || !out_unit || !out_count)
		return BPACCT_EINVAL;
	for (; i < len && text[i] >= '0' && text[i] <= '9'; i++) {
		count = count * 10 + (text[i] - '0');
		if (count > COUNT_MAX)
			return BPACCT_EPARSE;
	}
	if (i == 0)
		return BPACCT_EPARSE;
	for (size_t k = 0; k < sizeof unit_names / sizeof unit_names[0]; k++) {
		const unit_name *u = &unit_names[k];
		if (len - i == u->len &&
		    memcmp(text + i, u->text, u->len) == 0) {
			*out_unit = u->unit;
			*out_count = count;
			return BPACCT_OK;
		}
	}
	return BPACCT_EPARSE;
}

/* T2 policy: only the seconds inside working-hours sessions count, from
 * `t` if it is inside one, else from the next opening. */
static int working_clock(const bpacct_calendar *c, const bpacct_sessions *s,
			 int64_t t, int64_t left, int64_t *out_due)
{
	for (;;) {
		int64_t open, close;
		int rc = bpacct_sessions_find(c, s, t, &open, &close);
		if (rc != BPACCT_OK)
			return rc;
		if (open > t)
			t = open;
		if (left <= close - t) {
			*out_due = t + left;
			return BPACCT_OK;
		}
		left -= close - t;
		t = close;
	}
}

/* Minutes and hours (T2, Art. 147(1)): never extended by Art. 148(5). */
static int clock_end(const bpacct_calendar *c,
		     const bpacct_period_options *o, int64_t start,
		     int32_t unit, int32_t count, int64_t *out_due)
{
	int64_t len = (int64_t)count * (unit == BPACCT_UNIT_MINUTE ? 60 : 3600);
	bpacct_sessions office;
	if (o->flags & BPACCT_PERIOD_WORKING_HOURS) {
		const bpacct_sessions *s = o->working_hours;
		if (!s) {
			bpacct_sessions_init(&office, BPACCT_SESSIONS_VERSION,
					     BPACCT_SESSIONS_OFFICE_HOURS);
			s = &office;
		}
		return working_clock(c, s, start, len, out_due);
	}
	if (start + len >= INSTANT_END)
		return BPACCT_ERANGE;
	*out_due = start + len;
	return BPACCT_OK;
}

/* The corresponding day `months` months after an anchor day (Art. 148(3)),
 * or the last day of that month when it has none. */
static int add_months(int32_t anchor, int64_t months, int32_t *out,
		      uint32_t *flags)
{
	int32_t y, m, d;
	bpacct__civil_from_days(anchor, &y, &m, &d);
	int64_t index = (int64_t)y * 12 + (m - 1) + months;
	if (index / 12 > BPACCT_CIVIL_YEAR_MAX)
		return BPACCT_ERANGE;
	int32_t ny = (int32_t)(index / 12), nm = (int32_t)(index % 12) + 1;
	int32_t len = bpacct__month_length(ny, nm);
	if (d > len) {
		d = len;
		*flags |= BPACCT_PERIOD_MONTH_END;
	}
	*out = bpacct__days_from_civil(ny, nm, d);
	return BPACCT_OK;
}

/* The n-th working day after the event day (n ≥ 1). */
static int nth_working_day(const bpacct_calendar *c, int32_t event,
			   int32_t n, int32_t *out)
{
	int32_t day = event;
	if (event < c->first_day - 1 || event >= c->last_day)
		return BPACCT_ERANGE;
	while (n > 0) {
		if (day >= c->last_day)
			return BPACCT_ERANGE;
		day++;
		n -= bpacct__is_working(c, day);
	}
	*out = day;
	return BPACCT_OK;
}

/* The last day before any extension (Art. 147(2), 148(1)–(4)). */
static int last_day_of(const bpacct_calendar *c, uint32_t policy,
		       int32_t event, int32_t unit, int32_t count,
		       int32_t *out, uint32_t *flags)
{
	/* Reading A1(b) anchors the corresponding day on the first counted
	 * day; days are counted the same under both readings. */
	int32_t anchor =
		(policy & BPACCT_PERIOD_ANCHOR_FIRST_DAY) ? event + 1 : event;
	switch (unit) {
	case BPACCT_UNIT_DAY:
		*out = event + count;
		return BPACCT_OK;
	case BPACCT_UNIT_WEEK:
		*out = anchor + 7 * count;
		return BPACCT_OK;
	case BPACCT_UNIT_MONTH:
		return add_months(anchor, count, out, flags);
	case BPACCT_UNIT_YEAR:
		/* A2: 29 Feb falls back to 28 Feb like a missing month day. */
		return add_months(anchor, (int64_t)count * 12, out, flags);
	default: /* BPACCT_UNIT_WORKING_DAY */
		if (count == 0) {
			*out = event;
			return BPACCT_OK;
		}
		return nth_working_day(c, event, count, out);
	}
}

/* Art. 148(5): a last day that is not a working day moves to the next
 * working day. */
static int extend(const bpacct_calendar *c, int32_t *last, uint32_t *flags)
{
	int32_t day = *last;
	if (day < c->first_day || day > c->last_day)
		return BPACCT_ERANGE;
	while (!bpacct__is_working(c, day)) {
		if (day >= c->last_day)
			return BPACCT_ERANGE;
		day++;
	}
	if (day != *last)
		*flags |= BPACCT_PERIOD_EXTENDED;
	*last = day;
	return BPACCT_OK;
}

static int day_end(const bpacct_calendar *c, uint32_t policy, int64_t start,
		   int32_t unit, int32_t count, int64_t *out_due,
		   int32_t *out_last, uint32_t *flags)
{
	int32_t last = 0;
	int rc = last_day_of(c, policy, bpacct__day_of_instant(start), unit,
			     count, &last, flags);
	if (rc != BPACCT_OK)
		return rc;
	if (!(policy & BPACCT_PERIOD_NO_EXTEND)) {
		rc = extend(c, &last, flags);
		if (rc != BPACCT_OK)
			return rc;
	}
	if (last > BPACCT__DAY_MAX)
		return BPACCT_ERANGE;
	*flags |= BPACCT_PERIOD_HAS_LAST_DAY;
	*out_last = last;
	/* Art. 148(6): 24:00 of the last day is 00:00 of the next. */
	*out_due = bpacct__instant_of_day(last + 1, 0);
	return BPACCT_OK;
}

static int is_clock(int32_t unit)
{
	return unit == BPACCT_UNIT_MINUTE || unit == BPACCT_UNIT_HOUR;
}

/* Whether the computation reads the calendar at all. */
static int needs_calendar(uint32_t policy, int32_t unit)
{
	if (is_clock(unit))
		return (policy & BPACCT_PERIOD_WORKING_HOURS) != 0;
	return unit == BPACCT_UNIT_WORKING_DAY ||
	       !(policy & BPACCT_PERIOD_NO_EXTEND);
}

int bpacct_period_end(const bpacct_calendar *calendar,
		      const bpacct_period_options *options, int64_t start,
		      int32_t unit, int32_t count, int64_t *out_due,
		      int32_t *out_last_day, uint32_t *out_flags)
{
	bpacct_period_options o = BPACCT_PERIOD_OPTIONS_INIT;
	int64_t due = 0;
	int32_t last = 0;
	uint32_t flags = 0;
	int rc;
	if (!out_due)
		return BPACCT_EINVAL;
	if (options) {
		if (options->version == 0 ||
		    options->version > BPACCT_PERIOD_OPTIONS_VERSION)
			return BPACCT_EMISUSE;
		o = *options;
	}
	if ((o.flags & ~POLICY_FLAGS) || unit < BPACCT_UNIT_MINUTE ||
	    unit > BPACCT_UNIT_WORKING_DAY || count < 0 || count > COUNT_MAX)
		return BPACCT_EINVAL;
	if (calendar && !bpacct__calendar_ok(calendar))
		return BPACCT_EMISUSE;
	if (!calendar && needs_calendar(o.flags, unit))
		return BPACCT_EINVAL;
	if (start < INSTANT_MIN || start >= INSTANT_END)
		return BPACCT_ERANGE;
	if (is_clock(unit))
		rc = clock_end(calendar, &o, start, unit, count, &due);
	else
		rc = day_end(calendar, o.flags, start, unit, count, &due, &last,
			     &flags);
	if (rc != BPACCT_OK)
		return rc;
	*out_due = due;
	if (out_last_day && (flags & BPACCT_PERIOD_HAS_LAST_DAY))
		*out_last_day = last;
	if (out_flags)
		*out_flags = flags;
	return BPACCT_OK;
}
