/*
 * The deadlines of the two procedures as one constant table.  Every rule is
 * a row: its event, its period, how each channel's submission becomes a
 * legal receipt, whether Art. 148(5) applies, and its legal basis.  The
 * functions below read the row and nothing else, so a third procedure is a
 * new row, not new code.
 */
#include <string.h>

#include "bpacct/deadline.h"
#include "bpacct/errors.h"
#include "bpacct/period.h"

#define KNOWN_FLAGS                                                       \
	(BPACCT_DEADLINE_INACTIVITY_ROLLING | BPACCT_DEADLINE_EXTEND |    \
	 BPACCT_DEADLINE_WORKING_HOURS)

/* The event a row's `at` stands for (documentation of the table). */
typedef enum rule_event {
	EVENT_RECEIPT = 1,    /* receipt of the complete application */
	EVENT_LOCK = 2,       /* the lock on a security risk */
	EVENT_ISSUE = 3,      /* the issue of the account */
	EVENT_SUBMISSION = 4  /* a submission, mapped to its legal receipt */
} rule_event;

/* Row properties. */
#define ROW_EXTEND 0x1u       /* Art. 148(5) applies unless disabled */
#define ROW_LAST_USE 0x2u     /* policy (b) may start it at the last use */
#define ROW_LATE_SESSION 0x4u /* late after the end of the session */

/* Texts are arrays, not pointers, so that the table is read-only data (a
 * table of pointers would need relocations: .data.rel.ro). */
typedef struct rule_row {
	int32_t rule;
	char name[16];
	/* What `at` stands for: read by people, not by the code. */
	/* cppcheck-suppress unusedStructMember */
	int32_t event;
	int32_t unit;  /* a bpacct_unit, or 0 for "immediately" */
	int32_t count;
	/* bpacct_receipt_rule per channel: in person, postal, online */
	int32_t receipt[3];
	/* bpacct_sessions_preset used when the host gives no reception */
	int32_t reception;
	uint32_t props;
	char basis[2][448]; /* [lang - 1] */
} rule_row;

static const rule_row rules[] = {
	{ BPACCT_RULE_BP_REQUEST, "bp-request", EVENT_RECEIPT,
	  BPACCT_UNIT_HOUR, 2,
	  { BPACCT_RECEIPT_IMMEDIATE, BPACCT_RECEIPT_IMMEDIATE,
	    BPACCT_RECEIPT_IMMEDIATE },
	  BPACCT_SESSIONS_ALWAYS, 0u,
	  { "BP-A2, BP-R3: hủy tài khoản chậm nhất sau 02 giờ kể từ khi nhận "
	    "được Đơn đầy đủ; tính theo giờ đồng hồ từ thời điểm nhận, kể cả "
	    "đêm, ngày nghỉ, ngày lễ (T2; Điều 147(1) Bộ luật Dân sự; "
	    "QĐ 15/2019/QĐ-TTg Điều 8(3))",
	    "BP-A2, BP-R3: cancel no later than 02 hours after receipt of the "
	    "complete application; clock hours from the exact instant, through "
	    "nights, weekends and holidays (T2; Civil Code Art. 147(1); "
	    "Decision 15/2019/QĐ-TTg Art. 8(3))" } },
	{ BPACCT_RULE_BP_LOCK, "bp-lock", EVENT_LOCK, BPACCT_UNIT_HOUR, 2,
	  { BPACCT_RECEIPT_IMMEDIATE, BPACCT_RECEIPT_IMMEDIATE,
	    BPACCT_RECEIPT_IMMEDIATE },
	  BPACCT_SESSIONS_ALWAYS, 0u,
	  { "BP-B1, BP-B2, BP-R4: khóa ngay khi phát hiện nguy cơ; hủy chậm "
	    "nhất sau 02 giờ kể từ khi khóa, tính theo giờ đồng hồ (T2; "
	    "Điều 147(1) Bộ luật Dân sự; QĐ 15/2019/QĐ-TTg Điều 8)",
	    "BP-B1, BP-B2, BP-R4: lock at once on finding the risk; cancel no "
	    "later than 02 hours after the lock, on the clock (T2; Civil Code "
	    "Art. 147(1); Decision 15/2019/QĐ-TTg Art. 8)" } },
	{ BPACCT_RULE_BP_INACTIVITY, "bp-inactivity", EVENT_ISSUE,
	  BPACCT_UNIT_MONTH, 6,
	  { BPACCT_RECEIPT_IMMEDIATE, BPACCT_RECEIPT_IMMEDIATE,
	    BPACCT_RECEIPT_IMMEDIATE },
	  BPACCT_SESSIONS_ALWAYS, ROW_LAST_USE,
	  { "BP-C1, BP-R5, T3: không sử dụng 06 tháng liên tục kể từ ngày "
	    "được cấp; 6 tháng dương lịch, không tính ngày cấp, hết 24 giờ "
	    "ngày tương ứng (Điều 147(2), 148(3) Bộ luật Dân sự), không lùi "
	    "theo Điều 148(5) (D3)",
	    "BP-C1, BP-R5, T3: not used for 06 consecutive months from the "
	    "issue date; 6 calendar months, the issue day not counted, ending "
	    "at 24:00 of the corresponding day (Civil Code Art. 147(2), "
	    "148(3)), no Art. 148(5) extension (D3)" } },
	{ BPACCT_RULE_XNC_REQUEST, "xnc-request", EVENT_SUBMISSION, 0, 0,
	  { BPACCT_RECEIPT_SESSION_ONLY, BPACCT_RECEIPT_NEXT_SESSION,
	    BPACCT_RECEIPT_NEXT_SESSION },
	  BPACCT_SESSIONS_XNC_RECEPTION, ROW_LATE_SESSION,
	  { "XNC-T, XNC-R2, XNC-R4: hủy ngay sau khi nhận được văn bản NA20; "
	    "thời điểm nhận: trực tiếp khi giao trong buổi tiếp nhận, bưu "
	    "chính và trực tuyến ngoài buổi thì chuyển sang đầu buổi tiếp "
	    "nhận kế tiếp; quá hạn sau khi kết thúc buổi tiếp nhận (D6)",
	    "XNC-T, XNC-R2, XNC-R4: cancel immediately on receipt of form "
	    "NA20; receipt: in person at the handover within a reception "
	    "session, postal and online outside one moved to the start of the "
	    "next session; late after the end of the session of receipt "
	    "(D6)" } },
};

#define RULE_COUNT (sizeof rules / sizeof rules[0])

static const rule_row *find_rule(int32_t rule)
{
	for (size_t i = 0; i < RULE_COUNT; i++)
		if (rules[i].rule == rule)
			return &rules[i];
	return NULL;
}

static const char channel_names[3][10] = { "in_person", "postal",
					    "online" };

int bpacct_deadline_options_init(bpacct_deadline_options *options,
				 uint32_t version)
{
	if (!options || version == 0 ||
	    version > BPACCT_DEADLINE_OPTIONS_VERSION)
		return BPACCT_EMISUSE;
	options->version = version;
	options->flags = 0u;
	options->channel = BPACCT_CHANNEL_ONLINE;
	options->last_used = BPACCT_INSTANT_NONE;
	options->reception = NULL;
	options->working_hours = NULL;
	return BPACCT_OK;
}

/* The row's period from `start`, with the policies that apply to it. */
static int row_period(const bpacct_calendar *c, const rule_row *row,
		      const bpacct_deadline_options *o, int64_t start,
		      int64_t *out_due, uint32_t *flags)
{
	bpacct_period_options p = BPACCT_PERIOD_OPTIONS_INIT;
	uint32_t result = 0;
	if (row->unit == 0) {
		*out_due = start;
		return BPACCT_OK;
	}
	if (!(row->props & ROW_EXTEND) && !(o->flags & BPACCT_DEADLINE_EXTEND))
		p.flags |= BPACCT_PERIOD_NO_EXTEND;
	if (o->flags & BPACCT_DEADLINE_WORKING_HOURS) {
		p.flags |= BPACCT_PERIOD_WORKING_HOURS;
		p.working_hours = o->working_hours;
	}
	int rc = bpacct_period_end(c, &p, start, row->unit, row->count,
				   out_due, NULL, &result);
	if (rc == BPACCT_OK && (result & BPACCT_PERIOD_EXTENDED))
		*flags |= BPACCT_DEADLINE_EXTENDED;
	return rc;
}

static int compute(const bpacct_calendar *c, const rule_row *row,
		   const bpacct_deadline_options *o, int64_t at,
		   int64_t *out_due, int64_t *out_late, uint32_t *flags)
{
	bpacct_sessions preset;
	const bpacct_sessions *reception = o->reception;
	int64_t received = at, start;
	int32_t status = BPACCT_RECEIPT_RECEIVED;
	if (!reception) {
		bpacct_sessions_init(&preset, BPACCT_SESSIONS_VERSION,
				     row->reception);
		reception = &preset;
	}
	int rc = bpacct_receipt_instant(c, reception,
					row->receipt[o->channel - 1], at,
					&received, &status);
	if (rc != BPACCT_OK)
		return rc;
	if (status == BPACCT_RECEIPT_REFUSED) {
		*flags |= BPACCT_DEADLINE_REFUSED;
		*out_due = at;
		*out_late = at;
		return BPACCT_OK;
	}
	if (status == BPACCT_RECEIPT_MOVED)
		*flags |= BPACCT_DEADLINE_MOVED;
	start = received;
	if ((row->props & ROW_LAST_USE) &&
	    (o->flags & BPACCT_DEADLINE_INACTIVITY_ROLLING) &&
	    o->last_used != BPACCT_INSTANT_NONE && o->last_used > start)
		start = o->last_used;
	rc = row_period(c, row, o, start, out_due, flags);
	if (rc != BPACCT_OK)
		return rc;
	*out_late = *out_due;
	if (row->props & ROW_LATE_SESSION)
		return bpacct_sessions_find(c, reception, received, NULL,
					    out_late);
	return BPACCT_OK;
}

int bpacct_deadline_compute(const bpacct_calendar *calendar,
			    const bpacct_deadline_options *options,
			    int32_t rule, int64_t at, int64_t *out_due,
			    int64_t *out_late_after, uint32_t *out_flags)
{
	bpacct_deadline_options o = BPACCT_DEADLINE_OPTIONS_INIT;
	int64_t due = at, late = at;
	uint32_t flags = 0;
	if (!out_due)
		return BPACCT_EINVAL;
	if (options) {
		if (options->version == 0 ||
		    options->version > BPACCT_DEADLINE_OPTIONS_VERSION)
			return BPACCT_EMISUSE;
		o = *options;
	}
	const rule_row *row = find_rule(rule);
	if (!row || (o.flags & ~KNOWN_FLAGS) ||
	    o.channel < BPACCT_CHANNEL_IN_PERSON ||
	    o.channel > BPACCT_CHANNEL_ONLINE)
		return BPACCT_EINVAL;
	int rc = compute(calendar, row, &o, at, &due, &late, &flags);
	if (rc != BPACCT_OK)
		return rc;
	*out_due = due;
	if (out_late_after)
		*out_late_after = late;
	if (out_flags)
		*out_flags = flags;
	return BPACCT_OK;
}

const char *bpacct_rule_name(int32_t rule)
{
	const rule_row *row = find_rule(rule);
	return row ? row->name : "unknown";
}

int bpacct_rule_from_name(const char *text, size_t len, int32_t *out)
{
	if (!text || !out)
		return BPACCT_EINVAL;
	for (size_t i = 0; i < RULE_COUNT; i++) {
		if (strlen(rules[i].name) == len &&
		    memcmp(rules[i].name, text, len) == 0) {
			*out = rules[i].rule;
			return BPACCT_OK;
		}
	}
	return BPACCT_ENOTFOUND;
}

const char *bpacct_rule_basis(int32_t rule, int32_t lang)
{
	const rule_row *row = find_rule(rule);
	if (!row || (lang != BPACCT_LANG_VI && lang != BPACCT_LANG_EN))
		return "";
	return row->basis[lang - 1];
}

const char *bpacct_channel_name(int32_t channel)
{
	if (channel < BPACCT_CHANNEL_IN_PERSON ||
	    channel > BPACCT_CHANNEL_ONLINE)
		return "unknown";
	return channel_names[channel - 1];
}

int bpacct_channel_from_name(const char *text, size_t len, int32_t *out)
{
	if (!text || !out)
		return BPACCT_EINVAL;
	for (int32_t i = 0; i < 3; i++) {
		if (strlen(channel_names[i]) == len &&
		    memcmp(channel_names[i], text, len) == 0) {
			*out = i + 1;
			return BPACCT_OK;
		}
	}
	return BPACCT_ENOTFOUND;
}
