/*
 * Rules C1–C3: the statutory holidays (Labour Code 2012 Art. 115 for
 * 2013–2020, Labour Code 2019 Art. 112 from 2021), the Art. 111(3)
 * compensatory day, and the projection of unannounced years (Tết block,
 * National-Day adjacent day).  Expected dates are literals worked out by
 * hand from the law, rules.md and data/vn_civil_service_calendar_2020_2026.csv.
 */
#include "test_support.h"

#include "core/calendar_layout.h"

#define H BPACCT_DAY_HOLIDAY
#define C BPACCT_DAY_COMPENSATORY
#define STAT BPACCT_SOURCE_STATUTORY
#define ANN BPACCT_SOURCE_ANNOUNCED
#define PROJ BPACCT_SOURCE_PROJECTED
#define NO_ANN BPACCT_CALENDAR_NO_ANNOUNCED

typedef struct year_list {
	bpacct__day_entry e[BPACCT__YEAR_ENTRIES_MAX];
	uint32_t n;
} year_list;

/* An expected entry: month, day, kind, source, name (NULL: not checked). */
typedef struct want {
	int32_t m, d, kind, source;
	const char *name;
} want;

static void year_of(year_list *l, int32_t year, uint32_t flags)
{
	assert_int_equal(bpacct__year_entries(year, flags, l->e,
					      BPACCT__YEAR_ENTRIES_MAX, &l->n),
			 BPACCT_OK);
}

static const bpacct__day_entry *find(const year_list *l, int32_t day)
{
	for (uint32_t i = 0; i < l->n; i++)
		if (l->e[i].day == day)
			return &l->e[i];
	return NULL;
}

static void expect_entry(const year_list *l, int32_t year, const want *w)
{
	const bpacct__day_entry *e = find(l, tst_day_of(year, w->m, w->d));
	if (!e)
		fail_msg("%d-%02d-%02d: no entry", year, w->m, w->d);
	assert_int_equal(e->kind, w->kind);
	assert_int_equal(e->source, w->source);
	if (w->name)
		assert_string_equal(e->name, w->name);
}

/* The entries of l between two dates are exactly the n of w. */
static void expect_window(const year_list *l, int32_t year, int32_t m0,
			  int32_t d0, int32_t m1, int32_t d1, const want *w,
			  uint32_t n)
{
	int32_t from = tst_day_of(year, m0, d0), to = tst_day_of(year, m1, d1);
	uint32_t seen = 0;
	for (uint32_t i = 0; i < l->n; i++)
		if (l->e[i].day >= from && l->e[i].day <= to)
			seen++;
	assert_int_equal(seen, n);
	for (uint32_t i = 0; i < n; i++)
		expect_entry(l, year, &w[i]);
}

static uint32_t count_kind(const year_list *l, int32_t kind)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < l->n; i++)
		n += l->e[i].kind == kind;
	return n;
}

static void test_c1_ten_holidays_2013_2020_eleven_from_2021(void **state)
{
	(void)state;
	for (int32_t y = 2013; y <= 2199; y++) {
		year_list l;
		uint32_t stat = 0;
		year_of(&l, y, NO_ANN);
		assert_int_equal(count_kind(&l, H), y <= 2020 ? 10 : 11);
		for (uint32_t i = 0; i < l.n; i++)
			stat += l.e[i].kind == H && l.e[i].source == STAT;
		/* 1/1, Hùng Kings, 30/4, 1/5, 2/9 */
		assert_int_equal(stat, 5);
	}
}

static void test_c1_fixed_holidays_are_statutory_every_year(void **state)
{
	static const want fixed[] = {
		{ 1, 1, H, STAT, "Tết Dương lịch" },
		{ 4, 30, H, STAT, "Ngày Chiến thắng" },
		{ 5, 1, H, STAT, "Quốc tế Lao động" },
		{ 9, 2, H, STAT, "Quốc khánh" },
	};
	(void)state;
	for (int32_t y = 2013; y <= 2199; y++) {
		year_list l;
		year_of(&l, y, NO_ANN);
		for (uint32_t i = 0; i < 4; i++)
			expect_entry(&l, y, &fixed[i]);
	}
}

static void test_c1_lc2012_national_day_is_one_day_2019_2018(void **state)
{
	year_list l;
	(void)state;
	/* 2019-09-02 Mon: no adjacent day before 2021. */
	year_of(&l, 2019, 0);
	assert_null(find(&l, tst_day_of(2019, 9, 1)));
	assert_null(find(&l, tst_day_of(2019, 9, 3)));
	/* 2018-09-02 Sun: compensatory Mon 2018-09-03 (Art. 115(3) LC 2012). */
	year_of(&l, 2018, 0);
	expect_entry(&l, 2018, &(want){ 9, 3, C, STAT, "Nghỉ bù Quốc khánh" });
	assert_null(find(&l, tst_day_of(2018, 9, 1)));
}

static void test_c1_art111_3_2022_01_01_sat_gives_mon_2022_01_03(void **state)
{
	year_list l;
	(void)state;
	year_of(&l, 2022, NO_ANN);
	expect_entry(&l, 2022, &(want){ 1, 1, H, STAT, "Tết Dương lịch" });
	assert_null(find(&l, tst_day_of(2022, 1, 2)));
	expect_entry(&l, 2022,
		     &(want){ 1, 3, C, STAT, "Nghỉ bù Tết Dương lịch" });
}

static void test_c1_art111_3_2021_05_01_sat_gives_mon_2021_05_03(void **state)
{
	year_list l;
	(void)state;
	year_of(&l, 2021, NO_ANN);
	expect_entry(&l, 2021, &(want){ 5, 1, H, STAT, "Quốc tế Lao động" });
	expect_entry(&l, 2021,
		     &(want){ 5, 3, C, STAT, "Nghỉ bù Quốc tế Lao động" });
	assert_null(find(&l, tst_day_of(2021, 5, 2)));
}

/* 2022: 30/4 Sat and 1/5 Sun -> Mon 2/5 and Tue 3/5, in date order. */
static void test_c1_art111_3_two_weekend_holidays_2022(void **state)
{
	static const want w[] = {
		{ 4, 30, H, STAT, NULL }, { 5, 1, H, STAT, NULL },
		{ 5, 2, C, STAT, "Nghỉ bù Ngày Chiến thắng" },
		{ 5, 3, C, STAT, "Nghỉ bù Quốc tế Lao động" },
	};
	year_list l;
	(void)state;
	year_of(&l, 2022, NO_ANN);
	expect_window(&l, 2022, 4, 20, 5, 31, w, 4);
}

static void test_c1_hung_kings_2033_04_09_sat_gives_mon_2033_04_11(void **state)
{
	year_list l;
	(void)state;
	year_of(&l, 2033, 0);
	expect_entry(&l, 2033, &(want){ 4, 9, H, STAT, "Giỗ Tổ Hùng Vương" });
	expect_entry(&l, 2033,
		     &(want){ 4, 11, C, STAT, "Nghỉ bù Giỗ Tổ Hùng Vương" });
	assert_null(find(&l, tst_day_of(2033, 4, 10)));
}

/* 2023 rules only: Hùng Kings Sat 29/4, 30/4 Sun, 1/5 Mon -> the next
 * working days Tue 2/5 and Wed 3/5 (as announced). */
static void test_c1_art111_3_skips_holidays_2023(void **state)
{
	static const want w[] = {
		{ 4, 29, H, STAT, NULL }, { 4, 30, H, STAT, NULL },
		{ 5, 1, H, STAT, NULL },
		{ 5, 2, C, STAT, "Nghỉ bù Giỗ Tổ Hùng Vương" },
		{ 5, 3, C, STAT, "Nghỉ bù Ngày Chiến thắng" },
	};
	year_list l;
	(void)state;
	year_of(&l, 2023, NO_ANN);
	expect_window(&l, 2023, 4, 20, 5, 31, w, 5);
}

/* Tết 2027 = Sat 6 Feb (29 Chạp = Fri 5 Feb): block Thu 4 .. Mon 8, the
 * Sat and Sun compensated on Tue 9 and Wed 10. */
static void test_c3_tet_2027_block_thu_02_04_to_mon_02_08_comp_02_09_02_10(
	void **state)
{
	static const want w[] = {
		{ 2, 4, H, PROJ, "Tết Nguyên đán (28 Chạp)" },
		{ 2, 5, H, PROJ, "Tết Nguyên đán (29 Chạp)" },
		{ 2, 6, H, PROJ, "Tết Nguyên đán (mùng 1)" },
		{ 2, 7, H, PROJ, "Tết Nguyên đán (mùng 2)" },
		{ 2, 8, H, PROJ, "Tết Nguyên đán (mùng 3)" },
		{ 2, 9, C, PROJ, "Nghỉ bù Tết Nguyên đán" },
		{ 2, 10, C, PROJ, "Nghỉ bù Tết Nguyên đán" },
	};
	year_list l;
	(void)state;
	year_of(&l, 2027, 0);
	expect_window(&l, 2027, 1, 15, 2, 28, w, 7);
}

/* The whole of 2027, sorted: statutory days, the projected Tết block and
 * the projected National-Day adjacent day (2/9 Thu -> Fri 3/9). */
static void test_c3_2027_whole_year(void **state)
{
	static const want w[] = {
		{ 1, 1, H, STAT, "Tết Dương lịch" },
		{ 2, 4, H, PROJ, NULL }, { 2, 5, H, PROJ, NULL },
		{ 2, 6, H, PROJ, NULL }, { 2, 7, H, PROJ, NULL },
		{ 2, 8, H, PROJ, NULL }, { 2, 9, C, PROJ, NULL },
		{ 2, 10, C, PROJ, NULL },
		{ 4, 16, H, STAT, "Giỗ Tổ Hùng Vương" },
		{ 4, 30, H, STAT, "Ngày Chiến thắng" },
		{ 5, 1, H, STAT, "Quốc tế Lao động" },
		{ 5, 3, C, STAT, "Nghỉ bù Quốc tế Lao động" },
		{ 9, 2, H, STAT, "Quốc khánh" },
		{ 9, 3, H, PROJ, "Quốc khánh (ngày liền kề)" },
	};
	year_list l;
	(void)state;
	year_of(&l, 2027, 0);
	assert_int_equal(l.n, 14);
	for (uint32_t i = 0; i < 14; i++) {
		assert_int_equal(l.e[i].day, tst_day_of(2027, w[i].m, w[i].d));
		expect_entry(&l, 2027, &w[i]);
	}
}

/* C3 table: 2 Sep Mon 2030, Tue 2031, Wed 2037, Thu 2027, Fri 2033, Sat
 * 2028, Sun 2029. */
static void test_c3_national_day_adjacent_day_every_weekday(void **state)
{
	static const struct {
		int32_t year, wd, adj_d, comp_d; /* comp_d 0: none */
	} rows[] = {
		{ 2030, 1, 3, 0 }, { 2031, 2, 1, 0 }, { 2037, 3, 1, 0 },
		{ 2027, 4, 3, 0 }, { 2033, 5, 1, 0 }, { 2028, 6, 1, 4 },
		{ 2029, 7, 3, 4 },
	};
	(void)state;
	for (uint32_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		year_list l;
		int32_t wd, n = rows[i].comp_d ? 3 : 2;
		want w[3] = {
			{ 9, 2, H, STAT, "Quốc khánh" },
			{ 9, rows[i].adj_d, H, PROJ,
			  "Quốc khánh (ngày liền kề)" },
			{ 9, rows[i].comp_d, C, STAT, "Nghỉ bù Quốc khánh" },
		};
		assert_int_equal(bpacct_day_weekday(
					 tst_day_of(rows[i].year, 9, 2), &wd),
				 BPACCT_OK);
		assert_int_equal(wd, rows[i].wd);
		year_of(&l, rows[i].year, 0);
		expect_window(&l, rows[i].year, 8, 25, 9, 10, w, (uint32_t)n);
	}
}

/* With the announcements ignored, the projection gives back the Tết
 * blocks announced for 2020, 2021, 2023, 2024 and 2025 ("2 before + 3
 * after"), compensatory days included. */
static void test_c3_projection_reproduces_announced_tet_blocks(void **state)
{
	static const struct {
		int32_t year, m, d; /* first day of the block */
		int32_t k[7];
		uint32_t n;
	} blocks[] = {
		{ 2020, 1, 23, { H, H, H, H, H, C, C }, 7 },
		{ 2021, 2, 10, { H, H, H, H, H, C, C }, 7 },
		{ 2023, 1, 20, { H, H, H, H, H, C, C }, 7 },
		{ 2024, 2, 8, { H, H, H, H, H, C, C }, 7 },
		{ 2025, 1, 27, { H, H, H, H, H }, 5 },
	};
	(void)state;
	for (uint32_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
		year_list proj, ann;
		int32_t y = blocks[b].year;
		int32_t first = tst_day_of(y, blocks[b].m, blocks[b].d);
		year_of(&proj, y, NO_ANN);
		year_of(&ann, y, 0);
		for (uint32_t i = 0; i < blocks[b].n; i++) {
			const bpacct__day_entry *p = find(&proj, first + (int32_t)i);
			const bpacct__day_entry *a = find(&ann, first + (int32_t)i);
			assert_non_null(p);
			assert_non_null(a);
			assert_int_equal(p->kind, blocks[b].k[i]);
			assert_int_equal(a->kind, blocks[b].k[i]);
			assert_int_equal(p->source, PROJ);
			assert_int_equal(a->source, ANN);
		}
		/* nothing else around Tết */
		assert_null(find(&proj, first - 1));
		assert_null(find(&proj, first + (int32_t)blocks[b].n));
	}
}

/* 2022 and 2026 were announced "1 before + 4 after": the announcement
 * wins; the projection differs in kind and in the weekend day it lists. */
static void test_c2_announced_2022_2026_tet_blocks_win(void **state)
{
	year_list l;
	(void)state;
	year_of(&l, 2022, 0);
	expect_window(&l, 2022, 1, 20, 2, 10, (const want[]){
		{ 1, 31, H, ANN, "Tết Nguyên đán (29 Chạp (eve))" },
		{ 2, 1, H, ANN, NULL }, { 2, 2, H, ANN, NULL },
		{ 2, 3, H, ANN, NULL },
		{ 2, 4, H, ANN, "Tết Nguyên đán (mùng 4)" } }, 5);
	year_of(&l, 2022, NO_ANN);
	expect_window(&l, 2022, 1, 20, 2, 10, (const want[]){
		{ 1, 30, H, PROJ, "Tết Nguyên đán (28 Chạp)" },
		{ 1, 31, H, PROJ, "Tết Nguyên đán (29 Chạp)" },
		{ 2, 1, H, PROJ, NULL }, { 2, 2, H, PROJ, NULL },
		{ 2, 3, H, PROJ, "Tết Nguyên đán (mùng 3)" },
		{ 2, 4, C, PROJ, "Nghỉ bù Tết Nguyên đán" } }, 6);
	year_of(&l, 2026, 0);
	expect_window(&l, 2026, 2, 10, 2, 28, (const want[]){
		{ 2, 16, H, ANN, NULL }, { 2, 17, H, ANN, NULL },
		{ 2, 18, H, ANN, NULL }, { 2, 19, H, ANN, NULL },
		{ 2, 20, H, ANN, "Tết Nguyên đán (mùng 4)" } }, 5);
	year_of(&l, 2026, NO_ANN);
	expect_window(&l, 2026, 2, 10, 2, 28, (const want[]){
		{ 2, 15, H, PROJ, NULL }, { 2, 16, H, PROJ, NULL },
		{ 2, 17, H, PROJ, NULL }, { 2, 18, H, PROJ, NULL },
		{ 2, 19, H, PROJ, NULL }, { 2, 20, C, PROJ, NULL } }, 6);
}

/* 30 Chạp when month 12 has 30 days: 2024-02-09 (as announced). */
static void test_c3_tet_eve_named_by_lunar_day_2024(void **state)
{
	year_list l;
	(void)state;
	year_of(&l, 2024, NO_ANN);
	expect_entry(&l, 2024,
		     &(want){ 2, 8, H, PROJ, "Tết Nguyên đán (29 Chạp)" });
	expect_entry(&l, 2024,
		     &(want){ 2, 9, H, PROJ, "Tết Nguyên đán (30 Chạp)" });
}

/* Properties of every computed year: sorted, one per date, inside the
 * year; every holiday on a weekend has its own compensatory weekday after
 * it; a compensatory day is never a weekend day or a holiday; the
 * projected flag is on Tết and the adjacent day only. */
static void test_c1_c3_every_year_2013_2199_is_consistent(void **state)
{
	(void)state;
	for (int32_t y = 2013; y <= 2199; y++) {
		year_list l;
		uint32_t weekend_hol = 0, comp = 0, proj = 0;
		year_of(&l, y, NO_ANN);
		for (uint32_t i = 0; i < l.n; i++) {
			int32_t wd, yy, mm, dd;
			const bpacct__day_entry *e = &l.e[i];
			assert_int_equal(bpacct_day_to_date(e->day, &yy, &mm, &dd),
					 BPACCT_OK);
			assert_int_equal(yy, y);
			if (i)
				assert_true(l.e[i - 1].day < e->day);
			assert_int_equal(bpacct_day_weekday(e->day, &wd),
					 BPACCT_OK);
			if (e->kind == H && wd > 5)
				weekend_hol++;
			if (e->kind == C) {
				comp++;
				assert_true(wd <= 5);
			}
			if (e->source == PROJ) {
				proj++;
				assert_true(strstr(e->name, "Tết") ||
					    strstr(e->name, "Quốc khánh"));
			}
		}
		assert_int_equal(comp, weekend_hol);
		assert_true(proj >= 5);
	}
}

static void test_year_entries_errors(void **state)
{
	bpacct__day_entry e[BPACCT__YEAR_ENTRIES_MAX];
	uint32_t n = 99;
	(void)state;
	assert_int_equal(bpacct__year_entries(2012, 0, e, 48, &n),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct__year_entries(2200, 0, e, 48, &n),
			 BPACCT_ERANGE);
	assert_int_equal(bpacct__year_entries(2027, 0, e, 13, &n),
			 BPACCT_EBUFSIZE);
	assert_int_equal(bpacct__year_entries(2024, 0, e, 14, &n),
			 BPACCT_EBUFSIZE);
	assert_int_equal(bpacct__year_entries(2027, 0, NULL, 48, &n),
			 BPACCT_EINVAL);
	assert_int_equal(bpacct__year_entries(2027, 0, e, 48, NULL),
			 BPACCT_EINVAL);
	assert_int_equal(n, 99);
	assert_int_equal(bpacct__year_entries(2013, 0, e, 48, &n), BPACCT_OK);
	assert_int_equal(bpacct__year_entries(2199, 0, e, 48, &n), BPACCT_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c1_ten_holidays_2013_2020_eleven_from_2021),
		cmocka_unit_test(test_c1_fixed_holidays_are_statutory_every_year),
		cmocka_unit_test(test_c1_lc2012_national_day_is_one_day_2019_2018),
		cmocka_unit_test(test_c1_art111_3_2022_01_01_sat_gives_mon_2022_01_03),
		cmocka_unit_test(test_c1_art111_3_2021_05_01_sat_gives_mon_2021_05_03),
		cmocka_unit_test(test_c1_art111_3_two_weekend_holidays_2022),
		cmocka_unit_test(test_c1_hung_kings_2033_04_09_sat_gives_mon_2033_04_11),
		cmocka_unit_test(test_c1_art111_3_skips_holidays_2023),
		cmocka_unit_test(test_c3_tet_2027_block_thu_02_04_to_mon_02_08_comp_02_09_02_10),
		cmocka_unit_test(test_c3_2027_whole_year),
		cmocka_unit_test(test_c3_national_day_adjacent_day_every_weekday),
		cmocka_unit_test(test_c3_projection_reproduces_announced_tet_blocks),
		cmocka_unit_test(test_c2_announced_2022_2026_tet_blocks_win),
		cmocka_unit_test(test_c3_tet_eve_named_by_lunar_day_2024),
		cmocka_unit_test(test_c1_c3_every_year_2013_2199_is_consistent),
		cmocka_unit_test(test_year_entries_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
