/*
 * The lunar-year table behind bpacct/lunar.h.  The table itself lives in
 * src/core/lunar_table.c, written by tools/gen/gen_lunar.py (never by
 * hand); the symbol is hidden (the core is built with hidden visibility).
 */
#ifndef BPACCT_CORE_LUNAR_INTERNAL_H
#define BPACCT_CORE_LUNAR_INTERNAL_H

#include <stdint.h>

/* Lunar years covered: year Y is the one whose month 1 starts in Y. */
#define BPACCT__LUNAR_FIRST_YEAR 1900
#define BPACCT__LUNAR_LAST_YEAR 2199
#define BPACCT__LUNAR_YEARS \
	(BPACCT__LUNAR_LAST_YEAR - BPACCT__LUNAR_FIRST_YEAR + 1)

/* Solar days covered (rule C5): 1900-01-31 (Tết 1900, the table's first
 * day) to 2199-12-31, which lies inside lunar year 2199. */
#define BPACCT__LUNAR_FIRST_DAY (-25537)
#define BPACCT__LUNAR_LAST_DAY 84005

/*
 * One lunar year.  Its months, leap month included, are numbered 0..11 (or
 * 0..12) in calendar order; bit i of long_months says month i has 30 days
 * (else 29).  With a leap month L, order i == L is the leap month "L
 * nhuận", orders below L are months i + 1 and orders above are months i.
 */
typedef struct bpacct__lunar_year {
	int32_t first_day;    /* day number of 1/1 (Tết) */
	uint16_t long_months; /* bit i: month of order i has 30 days */
	uint8_t leap;         /* number of the repeated month, 0 = none */
	uint8_t reserved;     /* 0 */
} bpacct__lunar_year;

extern const bpacct__lunar_year bpacct__lunar_years[BPACCT__LUNAR_YEARS];

#endif
