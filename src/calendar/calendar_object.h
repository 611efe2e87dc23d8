/*
 * What calendar_csv.c needs from calendar.c: host days are applied in two
 * steps so that a batch is all-or-nothing even when memory runs out:
 * everything that can fail (parsing, name copies, room for the entries)
 * happens first, then bpacct__calendar_apply(), which cannot fail.
 */
#ifndef BPACCT_CALENDAR_OBJECT_H
#define BPACCT_CALENDAR_OBJECT_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar_layout.h"

/* Longest host name, the NUL included. */
#define BPACCT__CAL_NAME_MAX 128

/* One host day (rule C4). */
typedef struct bpacct__host_day {
	int32_t day;   /* inside the calendar's range */
	int32_t kind;  /* holiday, compensatory, swap_off or makeup */
	char *name;    /* copy from bpacct__calendar_copy_name(), or NULL */
	int32_t line;  /* its CSV line, 1-based; 0 for bpacct_calendar_add_day */
} bpacct__host_day;

/* Rules C1 and E7: 1 if day (inside the range) is a statutory holiday of
 * the built-in calendar, which a host day may not make a working day;
 * calendar.c says which days those are. */
int bpacct__calendar_statutory(const bpacct_calendar *c, int32_t day);

/* Copies len bytes of a name (NUL added) through the calendar's
 * allocator; len 0 gives NULL.  Returns a bpacct status. */
int bpacct__calendar_copy_name(const bpacct_calendar *c, const char *text,
			       size_t len, char **out);

/* Releases a copy made by bpacct__calendar_copy_name(); NULL is fine. */
void bpacct__calendar_free_name(const bpacct_calendar *c, char *name);

/* Makes room for n more entries; on failure the calendar is unchanged. */
int bpacct__calendar_reserve(bpacct_calendar *c, uint32_t n);

/* Applies n host days in order (a later one for the same date wins) and
 * takes ownership of their names.  Room must have been reserved. */
void bpacct__calendar_apply(bpacct_calendar *c, const bpacct__host_day *days,
			    uint32_t n);

#endif
