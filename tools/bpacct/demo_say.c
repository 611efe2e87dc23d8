/*
 * The effects of one step told to a person (`bpacct demo`): what the
 * library decided, when the next thing is due and under which rule and
 * article (bpacct_rule_basis()), who is notified, how, from when and at
 * whose cost.  Every fact comes from the effect; the tool adds only the
 * Vietnamese names of the values, with the contract name in brackets.
 */
#include <string.h>

#include "run.h"

/* Vietnamese names, indexed by the library's values (lifecycle.h,
 * deadline.h); index 0 is "none". */
static const char *const state_vi[] = {
	"chưa cấp", "đang hoạt động", "bị khóa", "đã hủy",
};
static const char *const outcome_vi[] = {
	"", "tiếp nhận và giải quyết", "yêu cầu bổ sung",
	"không đủ điều kiện, trả lời từ chối", "không tiếp nhận",
};
static const char *const actor_vi[] = {
	"", "cán bộ", "cơ quan, tổ chức chủ quản", "hệ thống",
	"người làm thủ tục",
};
static const char *const channel_vi[] = {
	"", "trực tiếp", "bưu chính công ích",
	"trực tuyến, qua cổng dịch vụ công",
};
static const char *const kind_vi[] = {
	"", "Thông báo hủy tài khoản", "Thông báo khóa tài khoản",
	"Giấy biên nhận hồ sơ", "Thông báo tiếp nhận hồ sơ",
	"Yêu cầu bổ sung hồ sơ", "Thông báo từ chối, nêu rõ lý do",
	"Công văn thông báo hủy tài khoản điện tử",
	"Cảnh báo trước khi hủy do không sử dụng",
};
static const char *const document_vi[] = {
	"", "mẫu NB10", "Mẫu số 06",
};

#define PICK(t, v) \
	((v) >= 0 && (size_t)(v) < sizeof(t) / sizeof((t)[0]) ? (t)[v] : "?")

const char *demo_state_vi(int32_t state)
{
	return PICK(state_vi, state);
}

/* "2026-11-17T12:30:00+07:00 (Thứ Ba)" */
static const char *when(char *buf, size_t size, int64_t t)
{
	char s[BPACCT_INSTANT_BUFSIZE];
	int32_t day = 0;

	if (bpacct_instant_to_day(t, &day, NULL) != BPACCT_OK)
		snprintf(buf, size, "%s", tool_instant(s, t));
	else
		snprintf(buf, size, "%s (%s)", tool_instant(s, t),
			 tool_weekday_vi(day));
	return buf;
}

/* Columns of the narration; longer texts wrap under an indent. */
#define WRAP 78
#define INDENT 8

/* "      label: text", the text wrapped at word boundaries (widths in
 * characters, not bytes: Vietnamese takes several bytes a letter). */
static void wrapped(FILE *f, const char *label, const char *text)
{
	char word[256];
	size_t col;

	fprintf(f, "      %s:", label);
	col = 7 + tool_text_width(label);
	while (*text) {
		size_t n = strcspn(text, " "), w;

		snprintf(word, sizeof word, "%.*s", (int)n, text);
		w = tool_text_width(word);
		if (col + 1 + w > WRAP) {
			fprintf(f, "\n%*s", INDENT, "");
			col = INDENT;
		} else {
			fputc(' ', f);
			col++;
		}
		fputs(word, f);
		col += w;
		text += n;
		text += strspn(text, " ");
	}
	fputc('\n', f);
}

static void reasons(FILE *f, const run_fx *x)
{
	for (uint32_t i = 0; i < x->nreasons; i++) {
		int32_t r = x->reasons[i];
		char label[64];

		snprintf(label, sizeof label, "lý do [%s]",
			 bpacct_reason_name(r));
		wrapped(f, label, bpacct_reason_message(r, BPACCT_LANG_VI));
		wrapped(f, "reason", bpacct_reason_message(r, BPACCT_LANG_EN));
	}
}

/* The rule, its due instant and its legal basis in both languages; the
 * basis once per step (*told: the rule whose basis was given). */
static void due(FILE *f, const char *label, int32_t rule, int64_t t,
		int32_t *told)
{
	char buf[64];

	fprintf(f, "      %s: %s, rule %s\n", label, when(buf, sizeof buf, t),
		bpacct_rule_name(rule));
	if (rule == *told)
		return;
	*told = rule;
	wrapped(f, "căn cứ", bpacct_rule_basis(rule, BPACCT_LANG_VI));
	wrapped(f, "basis", bpacct_rule_basis(rule, BPACCT_LANG_EN));
}

static void say_outcome(FILE *f, const run_fx *x, int32_t *told)
{
	char buf[64];

	fprintf(f, "  → Kết quả: %s (%s), request %s\n",
		PICK(outcome_vi, x->outcome),
		bpacct_value_name(BPACCT_FIELD_OUTCOME, x->outcome),
		x->request);
	fprintf(f, "      received (thời điểm tiếp nhận): %s\n",
		when(buf, sizeof buf, x->received));
	if (x->received > x->at)
		fputs("      (later than it was sent: at the start of the next "
		      "reception session)\n", f);
	reasons(f, x);
	if (x->outcome == BPACCT_OUTCOME_ACCEPTED &&
	    x->due != BPACCT_INSTANT_NONE)
		due(f, "hạn hủy / due", x->rule, x->due, told);
}

static void say_transition(FILE *f, const run_fx *x)
{
	char buf[64];

	fprintf(f, "  → Tài khoản %s: %s → %s (%s → %s)\n", x->account,
		PICK(state_vi, x->from), PICK(state_vi, x->to),
		bpacct_value_name(BPACCT_FIELD_FROM, x->from),
		bpacct_value_name(BPACCT_FIELD_TO, x->to));
	fprintf(f, "      case %s, by the %s (%s)",
		bpacct_value_name(BPACCT_FIELD_CASE, x->case_),
		bpacct_value_name(BPACCT_FIELD_ACTOR, x->actor),
		PICK(actor_vi, x->actor));
	if (x->request[0])
		fprintf(f, ", on request %s", x->request);
	fprintf(f, "\n      at %s", when(buf, sizeof buf, x->at));
	if (x->rule)
		fprintf(f, ", under rule %s", bpacct_rule_name(x->rule));
	fputc('\n', f);
}

static const struct {
	uint32_t bit;
	const char *en, *vi;
} roles[] = {
	{ BPACCT_RECIPIENT_OWNER, "owner", "cơ quan, tổ chức chủ quản" },
	{ BPACCT_RECIPIENT_HOLDER, "holder", "người làm thủ tục" },
	{ BPACCT_RECIPIENT_REQUESTER, "requester", "người đề nghị" },
};

static void say_notice(run_session *s, FILE *f, const run_fx *x)
{
	char buf[64];

	fprintf(f, "  → Thông báo: %s (%s)\n", PICK(kind_vi, x->kind),
		bpacct_value_name(BPACCT_FIELD_KIND, x->kind));
	if (x->document != BPACCT_DOCUMENT_NONE)
		fprintf(f, "      document: %s (%s)\n",
			bpacct_value_name(BPACCT_FIELD_DOCUMENT, x->document),
			PICK(document_vi, x->document));
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		const char *id;

		if (!(x->recipients & roles[i].bit))
			continue;
		id = run_session_recipient(s, x, roles[i].bit);
		fprintf(f, "      to the %s %s (%s)\n", roles[i].en,
			*id ? id : "(not on record)", roles[i].vi);
	}
	fprintf(f, "      channel: %s (%s)\n",
		bpacct_value_name(BPACCT_FIELD_CHANNEL, x->channel),
		PICK(channel_vi, x->channel));
	fprintf(f, "      available from: %s\n",
		when(buf, sizeof buf, x->available_from));
	/* A result waits for a hand-out session (XNC-R5); an answer to a
	 * request for its receipt (XNC-R2). */
	if (x->available_from > x->at)
		fprintf(f, "        (%s)\n", x->case_ != BPACCT_CASE_NONE
				 ? "the first session that hands out results"
				 : "once the request is received");
	fprintf(f, "      fee: %s\n", x->fee ? "the delivery fee is due "
		"(phí chuyển phát)" : "none (không thu phí)");
	reasons(f, x);
}

static void say_refused(FILE *f, const run_fx *x)
{
	fprintf(f, "  → Từ chối / refused: %s on account %s; nothing changes\n",
		x->input == RUN_INPUT_SHOW
			? "show"
			: bpacct_value_name(BPACCT_FIELD_INPUT, x->input),
		x->account);
	reasons(f, x);
}

static void say_one(run_session *s, FILE *f, const run_fx *x,
		    int32_t *told)
{
	switch (x->type) {
	case BPACCT_EFFECT_OUTCOME:
		say_outcome(f, x, told);
		break;
	case BPACCT_EFFECT_TRANSITION:
		if (x->from == BPACCT_STATE_NONE)
			fprintf(f, "  → Tài khoản %s: cấp mới, %s (issued, "
				"active)\n", x->account, state_vi[1]);
		else
			say_transition(f, x);
		break;
	case BPACCT_EFFECT_NOTICE:
		say_notice(s, f, x);
		break;
	case BPACCT_EFFECT_DEADLINE:
		fprintf(f, "  → Thời hạn / deadline armed for %s:\n",
			x->account);
		due(f, "due", x->rule, x->due, told);
		break;
	case BPACCT_EFFECT_REFUSED:
		say_refused(f, x);
		break;
	default: /* audit records and deliveries: summed up at the end */
		break;
	}
}

void demo_say_effects(run_session *s, FILE *f)
{
	size_t told = 0;
	int32_t rule = 0;

	for (size_t i = 0; i < s->nfx; i++) {
		say_one(s, f, &s->fx[i], &rule);
		told += s->fx[i].type != BPACCT_EFFECT_AUDIT &&
			s->fx[i].type != RUN_FX_DELIVERY;
	}
	if (told == 0)
		fputs("  → nothing owed: no outcome, deadline or notice (không "
		      "phát sinh)\n", f);
}
