/*
 * The built-in classification of one year (pure): the announced schedule
 * of rule C2 when the library has one, otherwise the statutory holidays of
 * rule C1 with their Art. 111(3) compensatory days and the projection of
 * rule C3 (Tết block, National-Day adjacent day).
 *
 * Two holidays on one date (possible only when Hùng Kings' day, 10/3
 * lunar, falls on 30 April): the date keeps the holiday listed first
 * (fixed-date statutory holidays, then Hùng Kings, then Tết, then the
 * National-Day adjacent day) and the other is carried to the next working
 * day as a compensatory day, as if its date were a weekly rest day.  The
 * law grants a number of paid days (Art. 112(1): 11), and Art. 111(3)
 * shows the intent that a coincidence must not cost the worker one of
 * them.  docs/calendar.md records this choice.
 */
#include "bpacct/errors.h"
#include "bpacct/lunar.h"
#include "core/calendar_data.h"
#include "core/calendar_layout.h"
#include "core/civil_internal.h"

/* Labour Code 2019 (Law 45/2019/QH14) in force: two National-Day days. */
#define LC2019_FIRST_YEAR 2021
#define PLAN_MAX 16

/* The occasions of Art. 112(1) (Art. 115(1) of the 2012 Code). */
typedef enum occasion {
	OCC_NEW_YEAR,
	OCC_TET,
	OCC_HUNG_KINGS,
	OCC_VICTORY,
	OCC_LABOUR,
	OCC_NATIONAL,
	OCC_NATIONAL_ADJ
} occasion;

typedef struct holiday {
	int32_t day;
	uint8_t source;
	uint8_t occ;
	uint8_t displaced; /* lost its date to an earlier-listed holiday */
	const char *name;
} holiday;

typedef struct plan {
	holiday hol[PLAN_MAX];
	uint32_t nhol;
	bpacct__day_entry comp[PLAN_MAX];
	uint32_t ncomp;
} plan;

/* Pointer tables would land in .data.rel.ro, which the purity check
 * counts as mutable data: names come from switches instead. */
static const char *occasion_name(occasion occ)
{
	switch (occ) {
	case OCC_NEW_YEAR: return "Tết Dương lịch";
	case OCC_TET: return "Tết Nguyên đán";
	case OCC_HUNG_KINGS: return "Giỗ Tổ Hùng Vương";
	case OCC_VICTORY: return "Ngày Chiến thắng";
	case OCC_LABOUR: return "Quốc tế Lao động";
	case OCC_NATIONAL: return "Quốc khánh";
	case OCC_NATIONAL_ADJ: return "Quốc khánh (ngày liền kề)";
	}
	return "";
}

static const char *compensatory_name(occasion occ)
{
	switch (occ) {
	case OCC_NEW_YEAR: return "Nghỉ bù Tết Dương lịch";
	case OCC_TET: return "Nghỉ bù Tết Nguyên đán";
	case OCC_HUNG_KINGS: return "Nghỉ bù Giỗ Tổ Hùng Vương";
	case OCC_VICTORY: return "Nghỉ bù Ngày Chiến thắng";
	case OCC_LABOUR: return "Nghỉ bù Quốc tế Lao động";
	case OCC_NATIONAL:
	case OCC_NATIONAL_ADJ: return "Nghỉ bù Quốc khánh";
	}
	return "";
}

/* The Tết block days by lunar day: 28–30 Chạp, then mùng 1–3. */
static const char *tet_name(int32_t lunar_month, int32_t lunar_day)
{
	if (lunar_month == 1) {
		switch (lunar_day) {
		case 1: return "Tết Nguyên đán (mùng 1)";
		case 2: return "Tết Nguyên đán (mùng 2)";
		default: return "Tết Nguyên đán (mùng 3)";
		}
	}
	switch (lunar_day) {
	case 28: return "Tết Nguyên đán (28 Chạp)";
	case 29: return "Tết Nguyên đán (29 Chạp)";
	default: return "Tết Nguyên đán (30 Chạp)";
	}
}

static int plan_add(plan *p, int32_t day, occasion occ, uint8_t source,
		    const char *name)
{
	holiday *h;
	if (p->nhol >= PLAN_MAX)
		return BPACCT_EBUFSIZE;
	h = &p->hol[p->nhol++];
	h->day = day;
	h->occ = (uint8_t)occ;
	h->source = source;
	h->name = name ? name : occasion_name(occ);
	h->displaced = 0;
	for (uint32_t i = 0; i + 1 < p->nhol; i++)
		if (p->hol[i].day == day && !p->hol[i].displaced)
			h->displaced = 1;
	return BPACCT_OK;
}

/* Rule C1: the fixed-date and lunar statutory holidays. */
static int add_statutory(plan *p, int32_t year)
{
	static const int8_t fixed[][3] = {
		{ 1, 1, OCC_NEW_YEAR }, { 4, 30, OCC_VICTORY },
		{ 5, 1, OCC_LABOUR }, { 9, 2, OCC_NATIONAL },
	};
	bpacct_lunar_date hung = { year, 3, 10, 0 };
	int32_t day;
	int rc;
	for (uint32_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		day = bpacct__days_from_civil(year, fixed[i][0], fixed[i][1]);
		rc = plan_add(p, day, (occasion)fixed[i][2],
			      BPACCT_SOURCE_STATUTORY, NULL);
		if (rc)
			return rc;
	}
	rc = bpacct_lunar_to_solar(&day, &hung);
	if (rc)
		return rc;
	return plan_add(p, day, OCC_HUNG_KINGS, BPACCT_SOURCE_STATUTORY, NULL);
}

/* Rule C3: lunar eve − 1, eve, mùng 1–3. */
static int add_tet_block(plan *p, int32_t year)
{
	bpacct_lunar_date tet = { year, 1, 1, 0 }, ld;
	int32_t first;
	int rc = bpacct_lunar_to_solar(&first, &tet);
	if (rc)
		return rc;
	for (int32_t day = first - 2; day <= first + 2; day++) {
		rc = bpacct_lunar_from_solar(&ld, day);
		if (rc)
			return rc;
		rc = plan_add(p, day, OCC_TET, BPACCT_SOURCE_PROJECTED,
			      tet_name(ld.month, ld.day));
		if (rc)
			return rc;
	}
	return BPACCT_OK;
}

/* Rule C3: the adjacent day joins 2 September to a weekend; by the
 * weekday of 2 September (Mon..Sun), its offset from it. */
static int add_national_adjacent(plan *p, int32_t year)
{
	static const int8_t offset[7] = { +1, -1, -1, +1, -1, -1, +1 };
	int32_t sep2 = bpacct__days_from_civil(year, 9, 2);
	return plan_add(p, sep2 + offset[bpacct__weekday(sep2) - 1],
			OCC_NATIONAL_ADJ, BPACCT_SOURCE_PROJECTED, NULL);
}

static int is_holiday(const plan *p, int32_t day)
{
	for (uint32_t i = 0; i < p->nhol; i++)
		if (p->hol[i].day == day)
			return 1;
	return 0;
}

static int is_compensatory(const plan *p, int32_t day)
{
	for (uint32_t i = 0; i < p->ncomp; i++)
		if (p->comp[i].day == day)
			return 1;
	return 0;
}

static void sort_holidays(plan *p)
{
	/* Insertion sort, stable: a displaced holiday stays after the one
	 * that kept its date. */
	for (uint32_t i = 1; i < p->nhol; i++) {
		holiday h = p->hol[i];
		uint32_t j = i;
		for (; j > 0 && p->hol[j - 1].day > h.day; j--)
			p->hol[j] = p->hol[j - 1];
		p->hol[j] = h;
	}
}

/* Art. 111(3): a holiday on a weekly rest day (or displaced by another
 * holiday) gives a day off on the next working day.  Handled in date
 * order so that each takes the first working day not already taken. */
static void add_compensatory(plan *p)
{
	for (uint32_t i = 0; i < p->nhol; i++) {
		const holiday *h = &p->hol[i];
		int32_t day = h->day;
		bpacct__day_entry *e;
		if (bpacct__weekday(day) <= 5 && !h->displaced)
			continue;
		do
			day++;
		while (bpacct__weekday(day) > 5 || is_holiday(p, day) ||
		       is_compensatory(p, day));
		e = &p->comp[p->ncomp++];
		e->day = day;
		e->kind = BPACCT_DAY_COMPENSATORY;
		e->source = h->source;
		e->owned = 0;
		e->pad = 0;
		e->name = compensatory_name((occasion)h->occ);
	}
}

/* Merges the holidays (one per date) and compensatory days by date. */
static int emit(const plan *p, bpacct__day_entry *out, uint32_t cap,
		uint32_t *out_count)
{
	uint32_t i = 0, j = 0, n = 0;
	while (i < p->nhol || j < p->ncomp) {
		bpacct__day_entry e;
		if (i < p->nhol && p->hol[i].displaced) {
			i++;
			continue;
		}
		if (j >= p->ncomp ||
		    (i < p->nhol && p->hol[i].day < p->comp[j].day)) {
			e.day = p->hol[i].day;
			e.kind = BPACCT_DAY_HOLIDAY;
			e.source = p->hol[i].source;
			e.owned = 0;
			e.pad = 0;
			e.name = p->hol[i].name;
			i++;
		} else {
			e = p->comp[j++];
		}
		if (n >= cap)
			return BPACCT_EBUFSIZE;
		out[n++] = e;
	}
	*out_count = n;
	return BPACCT_OK;
}

static int computed_year(int32_t year, bpacct__day_entry *out, uint32_t cap,
			 uint32_t *out_count)
{
	plan p;
	int rc;
	p.nhol = 0;
	p.ncomp = 0;
	rc = add_statutory(&p, year);
	if (!rc)
		rc = add_tet_block(&p, year);
	if (!rc && year >= LC2019_FIRST_YEAR)
		rc = add_national_adjacent(&p, year);
	if (rc)
		return rc;
	sort_holidays(&p);
	add_compensatory(&p);
	return emit(&p, out, cap, out_count);
}

static int announced_year(int32_t year, bpacct__day_entry *out, uint32_t cap,
			  uint32_t *out_count)
{
	int32_t y = year - bpacct__announced_first_year;
	uint32_t from = bpacct__announced_year_start[y];
	uint32_t to = bpacct__announced_year_start[y + 1];
	if (to - from > cap)
		return BPACCT_EBUFSIZE;
	for (uint32_t i = from; i < to; i++) {
		const bpacct__announced_day *a = &bpacct__announced_days[i];
		bpacct__day_entry *e = &out[i - from];
		e->day = a->day;
		e->kind = (uint8_t)a->kind;
		e->source = (uint8_t)a->source;
		e->owned = 0;
		e->pad = 0;
		e->name = bpacct__announced_names + a->name;
	}
	*out_count = to - from;
	return BPACCT_OK;
}

int bpacct__year_entries(int32_t year, uint32_t flags,
			 bpacct__day_entry *out, uint32_t cap,
			 uint32_t *out_count)
{
	if (!out || !out_count)
		return BPACCT_EINVAL;
	if (year < BPACCT__CAL_FIRST_YEAR || year > BPACCT__CAL_LAST_YEAR)
		return BPACCT_ERANGE;
	if (!(flags & BPACCT_CALENDAR_NO_ANNOUNCED) &&
	    year >= bpacct__announced_first_year &&
	    year <= bpacct__announced_last_year)
		return announced_year(year, out, cap, out_count);
	return computed_year(year, out, cap, out_count);
}
