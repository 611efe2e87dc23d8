/*
 * Office sessions (XNC-R1, XNC-R5, the working-hours clock of T2) and the
 * legal receipt instant of a submission (BP-R1, XNC-R2).
 *
 * Pure: the calendar is only read (its working-day bitmap and its sorted
 * entries), nothing is allocated, and every search stops at the calendar's
 * last day.
 */
#include <string.h>

#include "bpacct/errors.h"
#include "bpacct/sessions.h"
#include "core/calendar_layout.h"
#include "core/civil_internal.h"

#define HM(h, m) ((h) * 3600 + (m) * 60)
#define KNOWN_FLAGS \
	(BPACCT_SESSIONS_FLAG_ALWAYS | BPACCT_SESSIONS_FLAG_SATURDAY_IN_BREAK)

/* Instants of 0001-01-01T00:00+07:00 and of 24:00 of 9999-12-31. */
#define INSTANT_MIN \
	((int64_t)BPACCT__DAY_MIN * BPACCT__SECONDS_PER_DAY - BPACCT__OFFSET)
#define INSTANT_END \
	((int64_t)(BPACCT__DAY_MAX + 1) * BPACCT__SECONDS_PER_DAY - \
	 BPACCT__OFFSET)

/* 08:00–12:00 and 13:00–17:00 (domain-reference §4, rules XNC-R1/R5). */
static const int32_t office_hours[4] = { HM(8, 0), HM(12, 0), HM(13, 0),
					 HM(17, 0) };
/* The plain-Saturday reception morning of XNC-R1. */
static const int32_t saturday_morning[2] = { HM(8, 0), HM(12, 0) };

typedef struct preset_row {
	int32_t preset;
	uint32_t flags;
	uint32_t working_day_count; /* sessions taken from office_hours */
	uint32_t saturday_count;    /* sessions taken from saturday_morning */
} preset_row;

static const preset_row presets[] = {
	{ BPACCT_SESSIONS_OFFICE_HOURS, 0u, 2u, 0u },
	{ BPACCT_SESSIONS_XNC_RECEPTION, 0u, 2u, 1u },
	{ BPACCT_SESSIONS_XNC_RESULT, 0u, 2u, 0u },
	{ BPACCT_SESSIONS_ALWAYS, BPACCT_SESSIONS_FLAG_ALWAYS, 0u, 0u },
};

int bpacct_sessions_init(bpacct_sessions *sessions, uint32_t version,
			 int32_t preset)
{
	if (!sessions || version == 0 || version > BPACCT_SESSIONS_VERSION)
		return BPACCT_EMISUSE;
	for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++) {
		const preset_row *p = &presets[i];
		bpacct_sessions s;
		if (p->preset != preset)
			continue;
		memset(&s, 0, sizeof s);
		s.version = version;
		s.flags = p->flags;
		s.working_day_count = p->working_day_count;
		memcpy(s.working_day, office_hours,
		       (size_t)p->working_day_count * 2 * sizeof(int32_t));
		s.saturday_count = p->saturday_count;
		memcpy(s.saturday, saturday_morning,
		       (size_t)p->saturday_count * 2 * sizeof(int32_t));
		*sessions = s;
		return BPACCT_OK;
	}
	return BPACCT_EINVAL;
}

/* Pairs ascending, not overlapping (touching is allowed), inside a day. */
static int check_list(uint32_t count, const int32_t *list)
{
	int32_t prev = 0;
	if (count > BPACCT_SESSIONS_MAX)
		return BPACCT_EINVAL;
	for (size_t i = 0; i < count; i++) {
		int32_t open = list[2 * i], close = list[2 * i + 1];
		if (open < prev || close <= open ||
		    close > BPACCT__SECONDS_PER_DAY)
			return BPACCT_EINVAL;
		prev = close;
	}
	return BPACCT_OK;
}

int bpacct_sessions_check(const bpacct_sessions *sessions)
{
	if (!sessions || sessions->version == 0 ||
	    sessions->version > BPACCT_SESSIONS_VERSION)
		return BPACCT_EMISUSE;
	if (sessions->flags & ~KNOWN_FLAGS)
		return BPACCT_EINVAL;
	int rc = check_list(sessions->working_day_count, sessions->working_day);
	if (rc != BPACCT_OK)
		return rc;
	return check_list(sessions->saturday_count, sessions->saturday);
}

/* Whether a day has an entry other than a make-up day: for a Saturday that
 * is not a working day, that is a holiday, compensatory or swapped-off day. */
static int has_day_off_entry(const bpacct_calendar *c, int32_t day)
{
	uint32_t i = 0;
	return bpacct__find_entry(c, day, &i) &&
	       c->entries[i].kind != BPACCT_DAY_MAKEUP;
}

/* A weekday outside the calendar cannot be classified; it does not make a
 * break. */
static int weekday_off(const bpacct_calendar *c, int32_t day)
{
	return day >= c->first_day && day <= c->last_day &&
	       !bpacct__is_working(c, day);
}

/*
 * The sessions of one day (XNC-R1): working days (T4, make-up Saturdays
 * included) have the working-day list; a plain Saturday has the Saturday
 * list unless it is itself a day off or lies inside a holiday break (the
 * Friday before or the Monday after is off); any other day has none.
 */
static uint32_t day_sessions(const bpacct_calendar *c,
			     const bpacct_sessions *s, int32_t day,
			     const int32_t **out)
{
	if (bpacct__is_working(c, day)) {
		*out = s->working_day;
		return s->working_day_count;
	}
	if (s->saturday_count == 0 || bpacct__weekday(day) != 6)
		return 0;
	if (has_day_off_entry(c, day))
		return 0;
	if (!(s->flags & BPACCT_SESSIONS_FLAG_SATURDAY_IN_BREAK) &&
	    (weekday_off(c, day - 1) || weekday_off(c, day + 2)))
		return 0;
	*out = s->saturday;
	return s->saturday_count;
}

/* Common argument checks; a calendar is needed unless always open. */
static int check_args(const bpacct_calendar *c, const bpacct_sessions *s)
{
	if (!s)
		return BPACCT_EINVAL;
	int rc = bpacct_sessions_check(s);
	if (rc != BPACCT_OK)
		return rc;
	if (s->flags & BPACCT_SESSIONS_FLAG_ALWAYS)
		return BPACCT_OK;
	if (!c)
		return BPACCT_EINVAL;
	return bpacct__calendar_ok(c) ? BPACCT_OK : BPACCT_EMISUSE;
}

/* The session containing `at` or the next one; arguments checked. */
static int next_session(const bpacct_calendar *c, const bpacct_sessions *s,
			int64_t at, int64_t *out_open, int64_t *out_close)
{
	if (at < INSTANT_MIN || at >= INSTANT_END)
		return BPACCT_ERANGE;
	int32_t day = bpacct__day_of_instant(at);
	if (s->flags & BPACCT_SESSIONS_FLAG_ALWAYS) {
		/* One session per whole day: "open" at any instant, and the
		 * session of an instant still has an end (its midnight). */
		*out_open = bpacct__instant_of_day(day, 0);
		*out_close = bpacct__instant_of_day(day + 1, 0);
		return BPACCT_OK;
	}
	/* No list at all: nothing will ever open, say so at once. */
	if (s->working_day_count == 0 && s->saturday_count == 0)
		return BPACCT_ERANGE;
	if (day < c->first_day || day > c->last_day)
		return BPACCT_ERANGE;
	for (; day <= c->last_day; day++) {
		const int32_t *list = NULL;
		uint32_t n = day_sessions(c, s, day, &list);
		for (size_t i = 0; i < n; i++) {
			int64_t open = bpacct__instant_of_day(day, list[2 * i]);
			int64_t close =
				bpacct__instant_of_day(day, list[2 * i + 1]);
			if (close > at) {
				*out_open = open;
				*out_close = close;
				return BPACCT_OK;
			}
		}
	}
	return BPACCT_ERANGE;
}

int bpacct_sessions_find(const bpacct_calendar *calendar,
			 const bpacct_sessions *sessions, int64_t at,
			 int64_t *out_open, int64_t *out_close)
{
	int64_t open, close;
	int rc = check_args(calendar, sessions);
	if (rc != BPACCT_OK)
		return rc;
	rc = next_session(calendar, sessions, at, &open, &close);
	if (rc != BPACCT_OK)
		return rc;
	if (out_open)
		*out_open = open;
	if (out_close)
		*out_close = close;
	return BPACCT_OK;
}

int bpacct_sessions_first_open(const bpacct_calendar *calendar,
			       const bpacct_sessions *sessions, int64_t at,
			       int64_t *out)
{
	int64_t open, close;
	if (!out)
		return BPACCT_EINVAL;
	int rc = bpacct_sessions_find(calendar, sessions, at, &open, &close);
	if (rc != BPACCT_OK)
		return rc;
	*out = open > at ? open : at;
	return BPACCT_OK;
}

/* Whether `at` lies inside a session of its own day; arguments checked. */
static int inside_session(const bpacct_calendar *c, const bpacct_sessions *s,
			  int64_t at, int *out_inside)
{
	if (at < INSTANT_MIN || at >= INSTANT_END)
		return BPACCT_ERANGE;
	if (s->flags & BPACCT_SESSIONS_FLAG_ALWAYS) {
		*out_inside = 1;
		return BPACCT_OK;
	}
	int32_t day = bpacct__day_of_instant(at);
	if (day < c->first_day || day > c->last_day)
		return BPACCT_ERANGE;
	int64_t second = at - bpacct__instant_of_day(day, 0);
	const int32_t *list = NULL;
	uint32_t n = day_sessions(c, s, day, &list);
	*out_inside = 0;
	for (size_t i = 0; i < n; i++)
		if (list[2 * i] <= second && second < list[2 * i + 1])
			*out_inside = 1;
	return BPACCT_OK;
}

/* XNC-R2 for the two session-bound rules; arguments checked. */
static int receipt_in_sessions(const bpacct_calendar *c,
			       const bpacct_sessions *s, int32_t rule,
			       int64_t submitted, int64_t *out_received,
			       int32_t *out_status)
{
	int inside = 0;
	int64_t open, close;
	int rc = inside_session(c, s, submitted, &inside);
	if (rc != BPACCT_OK)
		return rc;
	*out_received = submitted;
	*out_status = BPACCT_RECEIPT_RECEIVED;
	if (inside)
		return BPACCT_OK;
	if (rule == BPACCT_RECEIPT_SESSION_ONLY) {
		*out_status = BPACCT_RECEIPT_REFUSED;
		return BPACCT_OK;
	}
	rc = next_session(c, s, submitted, &open, &close);
	if (rc != BPACCT_OK)
		return rc;
	*out_received = open;
	*out_status = BPACCT_RECEIPT_MOVED;
	return BPACCT_OK;
}

int bpacct_receipt_instant(const bpacct_calendar *calendar,
			   const bpacct_sessions *sessions, int32_t rule,
			   int64_t submitted, int64_t *out_received,
			   int32_t *out_status)
{
	int64_t received = submitted;
	int32_t status = BPACCT_RECEIPT_RECEIVED;
	int rc;
	if (!out_received)
		return BPACCT_EINVAL;
	switch (rule) {
	case BPACCT_RECEIPT_IMMEDIATE:
		/* BP-R1: the portal is open 24/7; post and desk hand-overs
		 * count when the host says they happened. */
		break;
	case BPACCT_RECEIPT_NEXT_SESSION:
	case BPACCT_RECEIPT_SESSION_ONLY:
		rc = check_args(calendar, sessions);
		if (rc == BPACCT_OK)
			rc = receipt_in_sessions(calendar, sessions, rule,
						 submitted, &received, &status);
		if (rc != BPACCT_OK)
			return rc;
		break;
	default:
		return BPACCT_EINVAL;
	}
	*out_received = received;
	if (out_status)
		*out_status = status;
	return BPACCT_OK;
}
