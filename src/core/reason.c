/*
 * Reason codes (rule E3): one constant table, sorted by code, that gives
 * every code its stable name and its sentence in Vietnamese and in English.
 * The `code` of the tool's JSON and the messages shown to people all come
 * from this table, so a code cannot have a name without its two messages.
 */
#include <stddef.h>

#include "bpacct/reason.h"

/* Texts are arrays, not pointers, so that the table is read-only data (a
 * table of pointers would need relocations: .data.rel.ro).  The sizes
 * leave room for the NUL: the unit test checks that every message ends in
 * a full stop, which a text cut short by its array would not. */
typedef struct reason_row {
	int32_t code;
	char name[40];
	char vi[192];
	char en[160];
} reason_row;

/* Sorted by code (binary search). */
static const reason_row rows[] = {
	{ BPACCT_REASON_NONE, "none",
	  "Không có lý do.",
	  "No reason." },

	/* 1xx: not eligible, rejected */
	{ BPACCT_REASON_NO_ACCOUNT, "no_account",
	  "Tài khoản không tồn tại (chưa từng được cấp).",
	  "The account does not exist (it was never issued)." },
	{ BPACCT_REASON_NOT_OWNER, "not_owner",
	  "Tổ chức đề nghị không phải là cơ quan, doanh nghiệp chủ quản của "
	  "tài khoản.",
	  "The requester is not the agency or enterprise that owns the "
	  "account." },
	{ BPACCT_REASON_ALREADY_CANCELLED, "already_cancelled",
	  "Tài khoản đã bị hủy trước đó.",
	  "The account has already been cancelled." },
	{ BPACCT_REASON_WRONG_PROCEDURE, "wrong_procedure",
	  "Tài khoản thuộc một thủ tục hành chính khác.",
	  "The account belongs to another procedure." },

	/* 2xx: not receivable, refused */
	{ BPACCT_REASON_OUTSIDE_SESSION, "outside_session",
	  "Hồ sơ được nộp trực tiếp ngoài thời gian tiếp nhận hồ sơ.",
	  "The application was handed over in person outside a reception "
	  "session." },
	{ BPACCT_REASON_CHANNEL_NOT_ALLOWED, "channel_not_allowed",
	  "Thủ tục này không tiếp nhận hồ sơ theo hình thức nộp này.",
	  "The procedure does not accept applications by this channel." },

	/* 3xx: papers missing or invalid, supplement */
	{ BPACCT_REASON_MISSING_APPLICATION, "missing_application",
	  "Thiếu Đơn đề nghị hủy tài khoản.",
	  "The application for cancellation of the account is missing." },
	{ BPACCT_REASON_MISSING_ENTERPRISE_REGISTRATION,
	  "missing_enterprise_registration",
	  "Thiếu bản sao Giấy chứng nhận đăng ký doanh nghiệp.",
	  "The copy of the enterprise registration certificate is missing." },
	{ BPACCT_REASON_MISSING_IDENTITY, "missing_identity",
	  "Thiếu bản sao giấy tờ tùy thân của người làm thủ tục (chứng minh "
	  "nhân dân, căn cước công dân hoặc hộ chiếu).",
	  "The copy of the performer's identity document (CMND, CCCD or "
	  "passport) is missing." },
	{ BPACCT_REASON_MISSING_ENTERPRISE_CODE, "missing_enterprise_code",
	  "Chưa ghi mã số doanh nghiệp.",
	  "The enterprise code is not given." },
	{ BPACCT_REASON_INVALID_ENTERPRISE_CODE, "invalid_enterprise_code",
	  "Mã số doanh nghiệp không hợp lệ (sai định dạng hoặc sai chữ số "
	  "kiểm tra).",
	  "The enterprise code is malformed or its check digit is wrong." },
	{ BPACCT_REASON_ENTERPRISE_CODE_MISMATCH, "enterprise_code_mismatch",
	  "Mã số doanh nghiệp không phải của cơ quan, doanh nghiệp chủ quản "
	  "của tài khoản.",
	  "The enterprise code is not that of the agency or enterprise that "
	  "owns the account." },
	{ BPACCT_REASON_INVALID_CMND, "invalid_cmnd",
	  "Số chứng minh nhân dân không hợp lệ (phải gồm 9 hoặc 12 chữ số).",
	  "The CMND number is invalid (it must have 9 or 12 digits)." },
	{ BPACCT_REASON_CMND_EXPIRED, "cmnd_expired",
	  "Chứng minh nhân dân chỉ được sử dụng đến hết ngày 31/12/2024 "
	  "(Luật Căn cước năm 2023).",
	  "A CMND could be used only until 31 December 2024 (Law on Identity "
	  "2023)." },
	{ BPACCT_REASON_INVALID_CCCD, "invalid_cccd",
	  "Số căn cước công dân (thẻ căn cước) không hợp lệ: phải gồm 12 chữ "
	  "số theo đúng cấu trúc số định danh cá nhân.",
	  "The CCCD / identity card number is invalid: it must be 12 digits "
	  "with the structure of a personal identification number." },
	{ BPACCT_REASON_INVALID_PASSPORT, "invalid_passport",
	  "Số hộ chiếu không hợp lệ.",
	  "The passport number is invalid." },
	{ BPACCT_REASON_IDENTITY_MISMATCH, "identity_mismatch",
	  "Giấy tờ tùy thân không khớp với giấy tờ đã đăng ký của người làm "
	  "thủ tục.",
	  "The identity document is not the one on record for the holder." },
	{ BPACCT_REASON_UNKNOWN_ID_TYPE, "unknown_id_type",
	  "Giấy tờ tùy thân không phải là chứng minh nhân dân, căn cước công "
	  "dân hoặc hộ chiếu.",
	  "The identity document is not a CMND, a CCCD or a passport." },

	/* 4xx: form NA20 incomplete, supplement */
	{ BPACCT_REASON_NA20_MISSING, "na20_missing",
	  "Thiếu công văn đề nghị hủy tài khoản điện tử (mẫu NA20).",
	  "The request to cancel the electronic account (form NA20) is "
	  "missing." },
	{ BPACCT_REASON_NA20_ORGANISATION, "na20_organisation",
	  "Mẫu NA20: chưa ghi tên cơ quan, tổ chức.",
	  "Form NA20: the name of the organisation is missing." },
	{ BPACCT_REASON_NA20_ADDRESS, "na20_address",
	  "Mẫu NA20: chưa ghi địa chỉ.",
	  "Form NA20: the address is missing." },
	{ BPACCT_REASON_NA20_PHONE, "na20_phone",
	  "Mẫu NA20: chưa ghi số điện thoại hoặc số điện thoại không hợp lệ.",
	  "Form NA20: the telephone number is missing or is not a telephone "
	  "number." },
	{ BPACCT_REASON_NA20_EMAIL, "na20_email",
	  "Mẫu NA20: chưa ghi địa chỉ thư điện tử hoặc địa chỉ thư điện tử "
	  "không hợp lệ.",
	  "Form NA20: the e-mail address is missing or is not an e-mail "
	  "address." },
	{ BPACCT_REASON_NA20_ACCOUNT, "na20_account",
	  "Mẫu NA20: chưa ghi tài khoản điện tử đề nghị hủy.",
	  "Form NA20: the electronic account to cancel is missing." },
	{ BPACCT_REASON_NA20_REASON, "na20_reason",
	  "Mẫu NA20: chưa ghi lý do đề nghị hủy tài khoản.",
	  "Form NA20: the reason for the cancellation is missing." },
	{ BPACCT_REASON_NA20_SIGNER, "na20_signer",
	  "Mẫu NA20: thiếu chữ ký, họ tên và chức vụ của người đứng đầu cơ "
	  "quan, tổ chức.",
	  "Form NA20: the signature, full name and title of the head of the "
	  "organisation are missing." },
	{ BPACCT_REASON_NA20_SEAL, "na20_seal",
	  "Mẫu NA20: thiếu dấu của cơ quan, tổ chức.",
	  "Form NA20: the seal of the organisation is missing." },
	{ BPACCT_REASON_NA20_ACCOUNT_MISMATCH, "na20_account_mismatch",
	  "Mẫu NA20: tài khoản ghi trong công văn không trùng với tài khoản "
	  "được đề nghị hủy.",
	  "Form NA20: the account named on the form is not the account "
	  "concerned." },

	/* 5xx: inputs the lifecycle does not allow, refused */
	{ BPACCT_REASON_ACCOUNT_LOCKED, "account_locked",
	  "Tài khoản đang bị khóa nên không thể sử dụng.",
	  "The account is locked and cannot be used." },
	{ BPACCT_REASON_ACCOUNT_CANCELLED, "account_cancelled",
	  "Tài khoản đã bị hủy; không thể thực hiện thêm thao tác nào với "
	  "tài khoản này.",
	  "The account is cancelled; nothing can change it any more." },
	{ BPACCT_REASON_ALREADY_ISSUED, "already_issued",
	  "Tài khoản đã được cấp trước đó.",
	  "The account has already been issued." },
	{ BPACCT_REASON_ALREADY_LOCKED, "already_locked",
	  "Tài khoản đã bị khóa trước đó.",
	  "The account is already locked." },
	{ BPACCT_REASON_NOTHING_PENDING, "nothing_pending",
	  "Không có việc hủy tài khoản nào đang chờ thực hiện.",
	  "No cancellation of the account is pending." },
	{ BPACCT_REASON_NOT_LOCKED, "not_locked",
	  "Tài khoản không bị khóa nên không thể mở khóa.",
	  "The account is not locked, so it cannot be unlocked." },
	{ BPACCT_REASON_UNLOCK_NOT_ALLOWED, "unlock_not_allowed",
	  "Thủ tục này không cho phép mở khóa tài khoản.",
	  "The procedure does not allow an account to be unlocked." },
	{ BPACCT_REASON_NOT_IN_PROCEDURE, "not_in_procedure",
	  "Thủ tục của tài khoản không có thao tác này.",
	  "The account's procedure has no such step." },
	{ BPACCT_REASON_UNKNOWN_REQUEST, "unknown_request",
	  "Không tìm thấy hồ sơ đề nghị cần bổ sung.",
	  "The request to be supplemented does not exist." },
	{ BPACCT_REASON_REQUEST_CLOSED, "request_closed",
	  "Hồ sơ đề nghị không ở trạng thái chờ bổ sung.",
	  "The request is not waiting for a supplement." },
	{ BPACCT_REASON_OUT_OF_ORDER, "out_of_order",
	  "Thời điểm của sự kiện trước lần thay đổi gần nhất đã ghi nhận của "
	  "tài khoản.",
	  "The event is dated before the account's last recorded change." },
	{ BPACCT_REASON_NOT_ISSUED, "not_issued",
	  "Tài khoản chưa được cấp.",
	  "The account has not been issued." },
	{ BPACCT_REASON_REQUEST_ID_REUSED, "request_id_reused",
	  "Mã hồ sơ đề nghị đã được sử dụng; hãy nộp hồ sơ với mã khác.",
	  "The request id is already in use; submit under another id." },
	{ BPACCT_REASON_ACTOR_NOT_ALLOWED, "actor_not_allowed",
	  "Chỉ cán bộ có thẩm quyền mới được thực hiện việc hủy tài khoản.",
	  "Only an authorised officer may execute the cancellation of an "
	  "account." },
	{ BPACCT_REASON_HOLDER_REQUIRED, "holder_required",
	  "Chưa có giấy tờ tùy thân của người được cấp tài khoản "
	  "(chứng minh nhân dân, căn cước công dân hoặc hộ chiếu).",
	  "The identity document (CMND, CCCD or passport) of the account's "
	  "holder is not given." },
};

#define NROWS (sizeof rows / sizeof rows[0])

static const reason_row *reason_find(int32_t code)
{
	size_t lo = 0, hi = NROWS;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows[mid].code == code)
			return &rows[mid];
		if (rows[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *bpacct_reason_message(int32_t reason, int32_t lang)
{
	const reason_row *row = reason_find(reason);
	if (row == NULL)
		return "";
	switch ((bpacct_lang)lang) {
	case BPACCT_LANG_VI: return row->vi;
	case BPACCT_LANG_EN: return row->en;
	}
	return "";
}

const char *bpacct_reason_name(int32_t reason)
{
	const reason_row *row = reason_find(reason);
	return row != NULL ? row->name : "unknown";
}
