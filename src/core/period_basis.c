/*
 * The one-line explanation of a period (bpacct_period_basis): the Civil
 * Code articles that apply to its unit, then one clause per flag that
 * changed the result (fallback to the month's end, Art. 148(5) extension,
 * reading A1(b)).  Pure; 256 bytes always suffice, so the text is built in
 * a local buffer and copied only when it fits.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "bpacct/period.h"

#define COUNT_MAX 100000
#define KNOWN_FLAGS                                                    \
	(BPACCT_PERIOD_NO_EXTEND | BPACCT_PERIOD_ANCHOR_FIRST_DAY |    \
	 BPACCT_PERIOD_WORKING_HOURS | BPACCT_PERIOD_EXTENDED |        \
	 BPACCT_PERIOD_MONTH_END | BPACCT_PERIOD_HAS_LAST_DAY)

static int is_clock(int32_t unit)
{
	return unit == BPACCT_UNIT_MINUTE || unit == BPACCT_UNIT_HOUR;
}

/* Texts are arrays, not pointers, so that the tables stay read-only data
 * without relocations. */
typedef struct basis_text {
	char head[48];  /* articles, before the count */
	char one[24];   /* unit, singular */
	char many[24];  /* unit, plural */
	char rest[80];  /* how it ends */
} basis_text;

/* Indexed [lang - 1][unit - 1]. */
static const basis_text basis_texts[2][7] = {
	{
		{ "BLDS 2015 Điều 147(1): ", " phút", " phút",
		  " theo đồng hồ, từ thời điểm xác định" },
		{ "BLDS 2015 Điều 147(1): ", " giờ", " giờ",
		  " theo đồng hồ, từ thời điểm xác định" },
		{ "BLDS 2015 Điều 147(2), 148(1): ", " ngày", " ngày",
		  ", không tính ngày bắt đầu; hết 24 giờ ngày cuối cùng" },
		{ "BLDS 2015 Điều 147(2), 148(2): ", " tuần", " tuần",
		  "; hết 24 giờ ngày tương ứng" },
		{ "BLDS 2015 Điều 147(2), 148(3): ", " tháng", " tháng",
		  "; hết 24 giờ ngày tương ứng" },
		{ "BLDS 2015 Điều 147(2), 148(4): ", " năm", " năm",
		  "; hết 24 giờ ngày tương ứng" },
		{ "BLDS 2015 Điều 147(2): ", " ngày làm việc",
		  " ngày làm việc",
		  ", không tính ngày bắt đầu; hết 24 giờ ngày làm việc cuối" },
	},
	{
		{ "Civil Code Art. 147(1): ", " minute", " minutes",
		  " on the clock from the exact instant" },
		{ "Civil Code Art. 147(1): ", " hour", " hours",
		  " on the clock from the exact instant" },
		{ "Civil Code Art. 147(2), 148(1): ", " day", " days",
		  ", the event day not counted; ends at 24:00 of the last "
		  "day" },
		{ "Civil Code Art. 147(2), 148(2): ", " week", " weeks",
		  "; ends at 24:00 of the corresponding day" },
		{ "Civil Code Art. 147(2), 148(3): ", " month", " months",
		  "; ends at 24:00 of the corresponding day" },
		{ "Civil Code Art. 147(2), 148(4): ", " year", " years",
		  "; ends at 24:00 of the corresponding day" },
		{ "Civil Code Art. 147(2): ", " working day", " working days",
		  ", the event day not counted; ends at 24:00 of the last "
		  "one" },
	},
};

/* Clauses appended for flags, indexed [lang - 1]. */
typedef struct basis_clauses {
	char working_hours[64];
	char no_clock_extension[48];
	char anchor_first_day[64];
	char month_end[80];
	char year_end[80];
	char extended[96];
	char not_extended[64];
} basis_clauses;

static const basis_clauses clauses[2] = {
	{
		" tính trong giờ làm việc (chính sách T2)",
		"; không áp dụng Điều 148(5)",
		"; mốc: ngày đầu được tính (A1(b))",
		"; không có ngày tương ứng: ngày cuối tháng",
		"; từ 29/2 hết 28/2 (Điều 148(3), A2)",
		"; ngày nghỉ: lùi đến ngày làm việc kế tiếp (Điều 148(5))",
		"; không lùi theo Điều 148(5) (chính sách)",
	},
	{
		" counted inside working hours (T2 policy)",
		"; no Art. 148(5) extension",
		"; anchored on the first counted day (A1(b))",
		"; no corresponding day: last day of the month",
		"; from 29 Feb ends 28 Feb (Art. 148(3) by analogy, A2)",
		"; the last day was a day off: moved to the next working day "
		"(Art. 148(5))",
		"; no Art. 148(5) extension (policy)",
	},
};

typedef struct text_buf {
	char text[512];
	size_t len;
} text_buf;

static void put(text_buf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n < sizeof b->text) {
		memcpy(b->text + b->len, s, n);
		b->len += n;
	}
}

static void put_count(text_buf *b, int32_t v)
{
	char s[12];
	size_t i = sizeof s - 1;
	s[i] = '\0';
	do {
		s[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	put(b, s + i);
}

static void put_clauses(text_buf *b, const basis_clauses *k, int32_t unit,
			uint32_t flags)
{
	if (is_clock(unit)) {
		put(b, k->no_clock_extension);
		return;
	}
	if ((flags & BPACCT_PERIOD_ANCHOR_FIRST_DAY) &&
	    unit != BPACCT_UNIT_DAY && unit != BPACCT_UNIT_WORKING_DAY)
		put(b, k->anchor_first_day);
	if ((flags & BPACCT_PERIOD_MONTH_END) && unit == BPACCT_UNIT_MONTH)
		put(b, k->month_end);
	if ((flags & BPACCT_PERIOD_MONTH_END) && unit == BPACCT_UNIT_YEAR)
		put(b, k->year_end);
	if (flags & BPACCT_PERIOD_EXTENDED)
		put(b, k->extended);
	else if (flags & BPACCT_PERIOD_NO_EXTEND)
		put(b, k->not_extended);
}

int bpacct_period_basis(char *buf, size_t size, int32_t unit, int32_t count,
			uint32_t flags, int32_t lang)
{
	text_buf b;
	if (!buf || unit < BPACCT_UNIT_MINUTE ||
	    unit > BPACCT_UNIT_WORKING_DAY || count < 0 || count > COUNT_MAX ||
	    (flags & ~KNOWN_FLAGS) ||
	    (lang != BPACCT_LANG_VI && lang != BPACCT_LANG_EN))
		return BPACCT_EINVAL;
	const basis_text *t = &basis_texts[lang - 1][unit - 1];
	const basis_clauses *k = &clauses[lang - 1];
	b.len = 0;
	put(&b, t->head);
	put_count(&b, count);
	put(&b, count == 1 ? t->one : t->many);
	if (is_clock(unit) && (flags & BPACCT_PERIOD_WORKING_HOURS))
		put(&b, k->working_hours);
	else
		put(&b, t->rest);
	put_clauses(&b, k, unit, flags);
	if (b.len >= size)
		return BPACCT_EBUFSIZE;
	memcpy(buf, b.text, b.len);
	buf[b.len] = '\0';
	return BPACCT_OK;
}
