/*
 * The announced civil-service schedules (rule C2), generated at build time
 * by tools/gen/gen_calendar.py from
 * data/vn_civil_service_calendar_2020_2026.csv into calendar_data.c.
 * Pointer-free so that the table stays in .rodata.
 */
#ifndef BPACCT_CORE_CALENDAR_DATA_H
#define BPACCT_CORE_CALENDAR_DATA_H

#include <stdint.h>

#include "bpacct/calendar.h"

/* One announced row: its date, CSV kind (working -> BPACCT_DAY_MAKEUP),
 * CSV status (statutory/announced -> bpacct_day_source) and the offset of
 * its occasion text in bpacct__announced_names. */
typedef struct bpacct__announced_day {
	int32_t day;
	uint8_t kind;
	uint8_t source;
	uint16_t name;
} bpacct__announced_day;

/* The years the CSV covers; every year in between has rows. */
extern const int32_t bpacct__announced_first_year;
extern const int32_t bpacct__announced_last_year;
/* NUL-separated occasion texts (UTF-8). */
extern const char bpacct__announced_names[];
/* Index of the first row of year first_year + i, for i = 0 .. number of
 * years; the last item is the number of rows. */
extern const uint16_t bpacct__announced_year_start[];
/* The rows, sorted by day, one per day. */
extern const bpacct__announced_day bpacct__announced_days[];

#endif
