/**
 * @file bpacct/lifecycle.h
 * @brief The account lifecycle (active → locked → cancelled), requests and
 *        their validation, as one pure step function whose effects are
 *        data.
 * @defgroup bpacct_lifecycle Lifecycle
 * @{
 *
 * A host keeps two kinds of records, both opaque: an **account**
 * (#bpacct_account) and a **request** (#bpacct_request).  One call,
 * bpacct_apply(), takes an account, a request when the input is one, an
 * input event (#bpacct_event, filled by the host), a procedure profile and
 * the working calendar, and updates the records and fills a
 * #bpacct_effects list with what is owed: the outcome of a request, the
 * transition, the notices (kind, recipients, channel, document, from when,
 * fee), the deadlines armed, an audit record, or a refusal with its reasons.
 *
 * The step is pure: no clock (the instant is in the event), no I/O, no
 * heap, no globals; it is reentrant.  What the account owes at or before
 * the event's instant runs first, at its due instant, by the system (rules
 * E6); a refused input then leaves both records as that left them and says
 * why; cancelled is final (E1); a request id given again by its requester
 * returns its standing outcome, marked as a replay, and changes nothing, and
 * from anyone else is refused (E2); only the requester supplements and only
 * an officer cancels (E5); every change carries an audit effect (E4).
 *
 * The transition table is data (bpacct_fsm_transition_at(),
 * bpacct_fsm_dot()).  Records are created with the `_new` functions, which
 * allocate through the host's allocator; nothing else allocates.
 */
#ifndef BPACCT_LIFECYCLE_H
#define BPACCT_LIFECYCLE_H

#include "common.h"
#include "alloc.h"
#include "calendar.h"
#include "profile.h"

BPACCT_BEGIN_DECL

/** Bytes of an account or request id, the NUL included.  An id is 1..47
 *  bytes and contains no '/' — the separator of idempotency keys; any
 *  other id is refused with #BPACCT_EINVAL wherever ids enter
 *  (bpacct_account_new(), bpacct_request_new(), bpacct_apply(),
 *  bpacct_engine_submit()). */
#define BPACCT_ID_MAX 48
/** Bytes of an owner, requester or enterprise code or of an identity
 *  document number, the NUL included; a longer one in a request is
 *  judged invalid (a reason), in an issue refused with #BPACCT_EINVAL. */
#define BPACCT_CODE_MAX 24

/** Account states. Values are stable. */
typedef enum bpacct_state {
	/** Not issued (a record the host made for an unknown id). */
	BPACCT_STATE_NONE = 0,
	/** Active (đang hoạt động). */
	BPACCT_STATE_ACTIVE = 1,
	/** Locked (bị khóa): cannot be used (BP-B1, BP-R4). */
	BPACCT_STATE_LOCKED = 2,
	/** Cancelled (đã hủy): final (E1). */
	BPACCT_STATE_CANCELLED = 3
} bpacct_state;

/** Inputs of the account machine. Values are stable. */
typedef enum bpacct_input {
	/** The account is issued (procedure, owner, holder). */
	BPACCT_INPUT_ISSUE = 1,
	/** The holder uses the account. */
	BPACCT_INPUT_USE = 2,
	/** A risk to the security of the data is detected (BP-B1). */
	BPACCT_INPUT_RISK = 3,
	/** A cancellation request is submitted. */
	BPACCT_INPUT_REQUEST = 4,
	/** The missing papers or fields of a request are supplied. */
	BPACCT_INPUT_SUPPLEMENT = 5,
	/** An officer executes the pending cancellation now. */
	BPACCT_INPUT_CANCEL = 6,
	/** The system runs what is due at the event's instant (the tick). */
	BPACCT_INPUT_TICK = 7,
	/** Unlock a locked account (policy #BPACCT_POLICY_UNLOCK). */
	BPACCT_INPUT_UNLOCK = 8,
	/** Exclude the account from, or include it again in, inactivity
	 *  cancellation (the event's @c flag). */
	BPACCT_INPUT_EXCLUDE = 9
} bpacct_input;

/** Request states. Values are stable. */
typedef enum bpacct_request_state {
	/** A new record, no submission yet. */
	BPACCT_REQUEST_NONE = 0,
	/** Waiting for the owner to supplement. */
	BPACCT_REQUEST_SUPPLEMENT = 1,
	/** Accepted: the cancellation is pending or done. */
	BPACCT_REQUEST_ACCEPTED = 2,
	/** Rejected: not eligible. */
	BPACCT_REQUEST_REJECTED = 3,
	/** Refused: not receivable. */
	BPACCT_REQUEST_REFUSED = 4
} bpacct_request_state;

/** Outcomes of a request (and of a supplement). Values are stable. */
typedef enum bpacct_outcome {
	BPACCT_OUTCOME_ACCEPTED = 1,   /**< complete and eligible */
	BPACCT_OUTCOME_SUPPLEMENT = 2, /**< papers missing or invalid */
	BPACCT_OUTCOME_REJECTED = 3,   /**< not eligible */
	BPACCT_OUTCOME_REFUSED = 4     /**< not receivable */
} bpacct_outcome;

/** Cases of a cancellation. Values are stable. */
typedef enum bpacct_case {
	BPACCT_CASE_NONE = 0,  /**< no case */
	BPACCT_CASE_BP_A = 1,  /**< BP-A: the enterprise's application */
	BPACCT_CASE_BP_B = 2,  /**< BP-B: a security risk */
	BPACCT_CASE_BP_C = 3,  /**< BP-C: 6 months unused */
	BPACCT_CASE_XNC = 4    /**< XNC: the organisation's NA20 */
} bpacct_case;

/** Who acts. Values are stable. */
typedef enum bpacct_actor {
	BPACCT_ACTOR_NONE = 0,    /**< not said: the input's default */
	BPACCT_ACTOR_OFFICER = 1, /**< an officer of the authority */
	BPACCT_ACTOR_OWNER = 2,   /**< the owning enterprise/organisation */
	BPACCT_ACTOR_SYSTEM = 3,  /**< the engine, at a due instant */
	BPACCT_ACTOR_HOLDER = 4   /**< the performer who holds the account */
} bpacct_actor;

/** Papers attached to a request (bit mask). */
#define BPACCT_DOC_APPLICATION 0x1u             /**< BP application form */
#define BPACCT_DOC_ENTERPRISE_REGISTRATION 0x2u /**< registration copy */
#define BPACCT_DOC_IDENTITY 0x4u                /**< identity document */
#define BPACCT_DOC_NA20 0x8u                    /**< XNC form NA20 */

/** Fields of form NA20 (index into bpacct_event::na20). */
typedef enum bpacct_na20_field {
	BPACCT_NA20_ORGANISATION = 0, /**< name of the organisation */
	BPACCT_NA20_ADDRESS = 1,      /**< address */
	BPACCT_NA20_PHONE = 2,        /**< telephone */
	BPACCT_NA20_EMAIL = 3,        /**< e-mail */
	BPACCT_NA20_ACCOUNT = 4,      /**< the account to cancel */
	BPACCT_NA20_REASON = 5,       /**< reason */
	BPACCT_NA20_SIGNER = 6,       /**< head who signs */
	BPACCT_NA20_FIELDS = 7        /**< number of text fields */
} bpacct_na20_field;

/** The version of #bpacct_event this header describes. */
#define BPACCT_EVENT_VERSION 1

/**
 * An input event, filled by the host (bpacct_event_init() first).  Text
 * fields are NUL-terminated UTF-8, NULL when absent; they are read during
 * bpacct_apply() only.  A supplement carries the papers and fields that
 * were missing, with the same members as the request.
 */
typedef struct bpacct_event {
	/** Must be #BPACCT_EVENT_VERSION (or older). */
	uint32_t version;
	/** A #bpacct_input. @since 1 */
	int32_t input;
	/** When it happened (for a submission: handed over). @since 1 */
	int64_t at;
	/** A #bpacct_actor, or #BPACCT_ACTOR_NONE for the input's default
	 *  (issue, risk, cancel: officer; use: holder; request, supplement:
	 *  owner; tick: system). @since 1 */
	int32_t actor;
	/** ISSUE: the #bpacct_procedure. @since 1 */
	int32_t procedure;
	/** ISSUE: the owner's enterprise/organisation code. @since 1 */
	const char *owner;
	/** ISSUE (BP): the holder's #bpacct_id_type. @since 1 */
	int32_t holder_id_type;
	/** ISSUE (BP): the holder's document number, NULL when not on
	 *  record; ignored when the profile's recipients have no holder
	 *  (XNC).  An invalid one refuses the issue with its reason.
	 *  @since 1 */
	const char *holder_id_number;
	/** REQUEST, SUPPLEMENT: the request id (idempotency key, E2).
	 *  @since 1 */
	const char *request;
	/** REQUEST: the requester's enterprise/organisation code. @since 1 */
	const char *requester;
	/** REQUEST: the #bpacct_channel. @since 1 */
	int32_t channel;
	/** REQUEST, SUPPLEMENT: `BPACCT_DOC_*` papers attached. @since 1 */
	uint32_t documents;
	/** BP: the enterprise code on the registration. @since 1 */
	const char *enterprise_code;
	/** BP: the attached identity document's #bpacct_id_type. @since 1 */
	int32_t id_type;
	/** BP: the attached identity document's number. @since 1 */
	const char *id_number;
	/** XNC: the NA20 text fields, by #bpacct_na20_field. @since 1 */
	const char *na20[BPACCT_NA20_FIELDS];
	/** XNC: 1 if the NA20 bears the organisation's seal. @since 1 */
	int32_t na20_sealed;
	/** XNC: the #bpacct_channel for the result (NB10); 0 for the
	 *  submission channel. @since 1 */
	int32_t result_channel;
	/** EXCLUDE: 1 to exclude from inactivity cancellation, 0 to include
	 *  again. @since 1 */
	int32_t flag;
	/** RISK: a description of the risk, for the audit. @since 1 */
	const char *detail;
} bpacct_event;

/**
 * Initializes an event with no fields set.
 *
 * @param event the struct to fill.
 * @param version #BPACCT_EVENT_VERSION or older.
 * @param input the #bpacct_input.
 * @param at the instant.
 * @return #BPACCT_OK; #BPACCT_EMISUSE for NULL or an unknown version.
 * @since 0.2.0
 */
BPACCT_API int bpacct_event_init(bpacct_event *event, uint32_t version,
				 int32_t input, int64_t at);

/** An account record (opaque). */
typedef struct bpacct_account bpacct_account;
/** A request record (opaque). */
typedef struct bpacct_request bpacct_request;
/** The effects of one step (opaque, reusable). */
typedef struct bpacct_effects bpacct_effects;

/**
 * Creates an account record in state #BPACCT_STATE_NONE.
 *
 * @param[out] out the record.
 * @param id the account id (1 to #BPACCT_ID_MAX − 1 bytes).
 * @param allocator NULL for malloc/free.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOMEM.
 * @since 0.2.0
 */
BPACCT_API int bpacct_account_new(bpacct_account **out, const char *id,
				  const bpacct_allocator *allocator);

/**
 * Releases an account record; NULL is ignored.
 *
 * @param account the record.
 * @since 0.2.0
 */
BPACCT_API void bpacct_account_free(bpacct_account *account);

/**
 * Copies one account record over another (both made by
 * bpacct_account_new()).
 *
 * @param dst the record overwritten.
 * @param src the record read.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.2.0
 */
BPACCT_API int bpacct_account_copy(bpacct_account *dst,
				   const bpacct_account *src);

/**
 * Creates a request record in state #BPACCT_REQUEST_NONE.
 *
 * @param[out] out the record.
 * @param id the request id (1 to #BPACCT_ID_MAX − 1 bytes).
 * @param allocator NULL for malloc/free.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOMEM.
 * @since 0.2.0
 */
BPACCT_API int bpacct_request_new(bpacct_request **out, const char *id,
				  const bpacct_allocator *allocator);

/**
 * Releases a request record; NULL is ignored.
 *
 * @param request the record.
 * @since 0.2.0
 */
BPACCT_API void bpacct_request_free(bpacct_request *request);

/**
 * Copies one request record over another.
 *
 * @param dst the record overwritten.
 * @param src the record read.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.2.0
 */
BPACCT_API int bpacct_request_copy(bpacct_request *dst,
				   const bpacct_request *src);

/**
 * Creates an empty effects list.
 *
 * @param[out] out the list.
 * @param allocator NULL for malloc/free.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOMEM.
 * @since 0.2.0
 */
BPACCT_API int bpacct_effects_new(bpacct_effects **out,
				  const bpacct_allocator *allocator);

/**
 * Releases an effects list; NULL is ignored.
 *
 * @param effects the list.
 * @since 0.2.0
 */
BPACCT_API void bpacct_effects_free(bpacct_effects *effects);

/**
 * Applies one input event: the pure step of the library.
 *
 * Rules E6: before the event, everything the account owes at or before
 * `event->at` (the inactivity warning, a pending cancellation, the
 * inactivity cancellation) runs first, in due order, each recorded at its
 * due instant with actor #BPACCT_ACTOR_SYSTEM and input #BPACCT_INPUT_TICK;
 * the event then meets the state that results.  The effects of what ran
 * come first in @p effects.  Everything is computed on copies: the caller's
 * records are written once, at the end, and not at all on an error.
 *
 * @param profile the procedure profile (bpacct_profile_get() or a host
 *        profile): the account's procedure (another is #BPACCT_EINVAL,
 *        except for a request, which is rejected WRONG_PROCEDURE); for
 *        ISSUE the event's procedure, when set, must be the profile's.
 * @param calendar the working calendar (sessions, periods).
 * @param account the account; updated only when the input is accepted.
 * @param request for REQUEST and SUPPLEMENT, the request record with the
 *        event's id (a new one or the stored one); NULL otherwise.
 * @param event the input.
 * @param effects cleared, then filled with the effects owed.  An
 *        accepted USE owes none, nor does a TICK with nothing due; a
 *        request id already decided owes only its standing outcome, with
 *        #BPACCT_FIELD_REPLAY 1 (E2); a refused input owes REFUSED and
 *        AUDIT (and, for a request or supplement, an outcome "refused"
 *        first) — after the effects of what was due (E6).  A request
 *        judged not receivable (in person outside a session, a channel
 *        the procedure does not take: XNC-R2) is a decision, not a
 *        refused input: its outcome "refused", its notice if any and its
 *        AUDIT, and the request record keeps the id (state refused).
 * @return #BPACCT_OK whenever the input was judged, refused ones
 *         included (the effects say how); #BPACCT_EINVAL for NULL
 *         arguments, an unknown input, a missing request record, an
 *         identifier (event.request or a record's id) that is not 1 to
 *         #BPACCT_ID_MAX − 1 bytes without '/'; #BPACCT_EMISUSE for a
 *         bad version or handle; #BPACCT_ERANGE for an instant outside the
 *         calendar.  On an error the records are unchanged and
 *         @p effects (when it is a valid list) is left empty.
 * @since 0.2.0
 */
BPACCT_API int bpacct_apply(const bpacct_profile *profile,
			    const bpacct_calendar *calendar,
			    bpacct_account *account, bpacct_request *request,
			    const bpacct_event *event,
			    bpacct_effects *effects);

/**
 * The next instant at which a tick has something to do for an account: a
 * pending cancellation, an inactivity warning or an inactivity
 * cancellation (BP-R5); #BPACCT_INSTANT_NONE when nothing will ever be due
 * (cancelled, or no deadline in the profile).
 *
 * @param profile the account's procedure profile.
 * @param calendar the working calendar.
 * @param account the account.
 * @param[out] out_due the instant.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ERANGE.
 * @since 0.2.0
 */
BPACCT_API int bpacct_account_next_due(const bpacct_profile *profile,
				       const bpacct_calendar *calendar,
				       const bpacct_account *account,
				       int64_t *out_due);

/** Fields of records and effects, read with the `*_get_int` and
 *  `*_get_text` functions.  Values are stable; a field that does not apply
 *  to a record or effect gives #BPACCT_ENOTFOUND. */
typedef enum bpacct_field {
	/* account (text) */
	BPACCT_FIELD_ID = 1,               /**< text: the record's id */
	BPACCT_FIELD_OWNER = 2,            /**< text: owner code */
	BPACCT_FIELD_HOLDER_ID_NUMBER = 4, /**< text: holder's document */
	BPACCT_FIELD_PENDING_REQUEST = 5,  /**< text: request of the pending
					    *  cancellation, "" if none */
	BPACCT_FIELD_ACCOUNT = 6,          /**< text: a request's or an
					    *  effect's account id */
	BPACCT_FIELD_REQUEST = 7,          /**< text: an effect's request id,
					    *  "" if none */
	BPACCT_FIELD_REQUESTER = 8,        /**< text: a request's requester */
	BPACCT_FIELD_DETAIL = 9,           /**< text: an audit's detail */
	/* integers */
	BPACCT_FIELD_PROCEDURE = 20,       /**< #bpacct_procedure */
	BPACCT_FIELD_STATE = 21,           /**< #bpacct_state or
					    *  #bpacct_request_state */
	BPACCT_FIELD_HOLDER_ID_TYPE = 22,  /**< #bpacct_id_type */
	BPACCT_FIELD_ISSUED = 23,          /**< instant */
	BPACCT_FIELD_LAST_USED = 24,       /**< instant or none */
	BPACCT_FIELD_LOCKED = 25,          /**< instant or none */
	BPACCT_FIELD_CANCELLED = 26,       /**< instant or none */
	BPACCT_FIELD_PENDING_RULE = 27,    /**< #bpacct_rule, 0 if none */
	BPACCT_FIELD_PENDING_DUE = 28,     /**< instant or none */
	BPACCT_FIELD_PENDING_CASE = 29,    /**< #bpacct_case */
	BPACCT_FIELD_EXCLUDED = 30,        /**< 1 if excluded from BP-C */
	BPACCT_FIELD_WARNED = 31,          /**< 1 once the inactivity
					    *  warning went out */
	BPACCT_FIELD_CHANGED = 32,         /**< instant of the last change */
	BPACCT_FIELD_REVISION = 33,        /**< count of accepted changes */
	BPACCT_FIELD_REQUEST_STATE = 34,   /**< names #bpacct_request_state
					    *  values in bpacct_value_name() */
	BPACCT_FIELD_FIRST_USED = 35,      /**< instant of the first use, or
					    *  none (BP-R5 (a)) @since 0.5.0 */
	BPACCT_FIELD_CHANNEL = 40,         /**< #bpacct_channel: a request's
					    *  or an effect's; an account's
					    *  pending cancellation notice */
	BPACCT_FIELD_RESULT_CHANNEL = 41,  /**< #bpacct_channel */
	BPACCT_FIELD_RECEIVED = 42,        /**< instant of legal receipt */
	BPACCT_FIELD_OUTCOME = 43,         /**< #bpacct_outcome */
	BPACCT_FIELD_FIRST_OUTCOME = 44,   /**< #bpacct_outcome of the first
					    *  submission (E2) */
	BPACCT_FIELD_DOCUMENTS = 45,       /**< `BPACCT_DOC_*` received */
	BPACCT_FIELD_DUE = 46,             /**< instant */
	/* effects */
	BPACCT_FIELD_TYPE = 60,            /**< #bpacct_effect_type */
	BPACCT_FIELD_AT = 61,              /**< instant of the effect; a
					    *  request's first submission */
	BPACCT_FIELD_FROM = 62,            /**< #bpacct_state */
	BPACCT_FIELD_TO = 63,              /**< #bpacct_state */
	BPACCT_FIELD_CASE = 64,            /**< #bpacct_case */
	BPACCT_FIELD_ACTOR = 65,           /**< #bpacct_actor */
	BPACCT_FIELD_INPUT = 66,           /**< #bpacct_input */
	BPACCT_FIELD_KIND = 67,            /**< #bpacct_notice_kind */
	BPACCT_FIELD_RECIPIENTS = 68,      /**< `BPACCT_RECIPIENT_*` mask */
	BPACCT_FIELD_DOCUMENT = 69,        /**< #bpacct_document */
	BPACCT_FIELD_AVAILABLE_FROM = 70,  /**< instant */
	BPACCT_FIELD_FEE = 71,             /**< 1 if the delivery fee is due */
	BPACCT_FIELD_RULE = 72,            /**< #bpacct_rule */
	BPACCT_FIELD_REASON_COUNT = 73,    /**< number of reasons (a
					    *  request: of its standing
					    *  decision, E2) */
	BPACCT_FIELD_REPLAY = 74           /**< an outcome: 1 when it answers
					    *  a request id given again (the
					    *  standing outcome, E2), else 0
					    *  @since 0.5.0 */
} bpacct_field;

/** Effect types. Values are stable. */
typedef enum bpacct_effect_type {
	/** The outcome of a request or supplement (with reasons, due). */
	BPACCT_EFFECT_OUTCOME = 1,
	/** The account changed state. */
	BPACCT_EFFECT_TRANSITION = 2,
	/** A notice is owed. */
	BPACCT_EFFECT_NOTICE = 3,
	/** A deadline is armed. */
	BPACCT_EFFECT_DEADLINE = 4,
	/** An audit record (E4): every transition and every refusal. */
	BPACCT_EFFECT_AUDIT = 5,
	/** The input was refused (with reasons); nothing changed. */
	BPACCT_EFFECT_REFUSED = 6
} bpacct_effect_type;

/** Notice kinds. Values are stable. */
typedef enum bpacct_notice_kind {
	BPACCT_NOTICE_CANCELLATION = 1,  /**< thông báo hủy tài khoản */
	BPACCT_NOTICE_LOCK = 2,          /**< lock notice (policy) */
	BPACCT_NOTICE_RECEIPT = 3,       /**< giấy biên nhận (in person) */
	BPACCT_NOTICE_ACCEPTANCE = 4,    /**< portal acceptance notice */
	BPACCT_NOTICE_SUPPLEMENT = 5,    /**< request to supplement */
	BPACCT_NOTICE_REJECTION = 6,     /**< rejection with reasons */
	BPACCT_NOTICE_NB10 = 7,          /**< the NB10 result letter */
	BPACCT_NOTICE_INACTIVITY_WARNING = 8 /**< warning before BP-C */
} bpacct_notice_kind;

/** Documents a notice carries. Values are stable. */
typedef enum bpacct_document {
	BPACCT_DOCUMENT_NONE = 0,  /**< none */
	BPACCT_DOCUMENT_NB10 = 1,  /**< XNC letter NB10 */
	BPACCT_DOCUMENT_MAU06 = 2  /**< BP notice, form Mẫu số 06 */
} bpacct_document;

/** Recipient roles (bit mask). */
#define BPACCT_RECIPIENT_OWNER 0x1u  /**< the owning organisation */
#define BPACCT_RECIPIENT_HOLDER 0x2u /**< the performer who holds it */
/** The requester of a request who is not the account's owner (a
 *  rejection goes back to whoever asked). @since 0.2.0 */
#define BPACCT_RECIPIENT_REQUESTER 0x4u

/**
 * Reads an integer field of an account.
 *
 * @param account the record.
 * @param field a #bpacct_field.
 * @param[out] out the value.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND for
 *         a field accounts do not have.
 * @since 0.2.0
 */
BPACCT_API int bpacct_account_get_int(const bpacct_account *account,
				      int32_t field, int64_t *out);

/**
 * Reads a text field of an account; "" when unset.
 *
 * @param account the record.
 * @param field a #bpacct_field.
 * @param[out] out the text, valid while the record is unchanged.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.2.0
 */
BPACCT_API int bpacct_account_get_text(const bpacct_account *account,
				       int32_t field, const char **out);

/**
 * Reads an integer field of a request.
 *
 * @param request the record.
 * @param field a #bpacct_field.
 * @param[out] out the value.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.2.0
 */
BPACCT_API int bpacct_request_get_int(const bpacct_request *request,
				      int32_t field, int64_t *out);

/**
 * Reads a text field of a request; "" when unset.
 *
 * @param request the record.
 * @param field a #bpacct_field.
 * @param[out] out the text, valid while the record is unchanged.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.2.0
 */
BPACCT_API int bpacct_request_get_text(const bpacct_request *request,
				       int32_t field, const char **out);

/**
 * The number of effects of the last step.
 *
 * @param effects the list.
 * @param[out] out_count the count.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE.
 * @since 0.2.0
 */
BPACCT_API int bpacct_effects_count(const bpacct_effects *effects,
				    uint32_t *out_count);

/**
 * Reads an integer field of one effect.
 *
 * @param effects the list.
 * @param index 0 to count − 1, in the order the effects are owed.
 * @param field a #bpacct_field.
 * @param[out] out the value.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND for
 *         an index past the end or a field the effect does not have.
 * @since 0.2.0
 */
BPACCT_API int bpacct_effect_get_int(const bpacct_effects *effects,
				     uint32_t index, int32_t field,
				     int64_t *out);

/**
 * Reads a text field of one effect.
 *
 * @param effects the list.
 * @param index the effect.
 * @param field a #bpacct_field.
 * @param[out] out the text, valid until the next step on @p effects.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.2.0
 */
BPACCT_API int bpacct_effect_get_text(const bpacct_effects *effects,
				      uint32_t index, int32_t field,
				      const char **out);

/**
 * One reason of an outcome, refusal or audit effect.
 *
 * @param effects the list.
 * @param index the effect.
 * @param k 0 to the effect's #BPACCT_FIELD_REASON_COUNT − 1.
 * @param[out] out_reason the #bpacct_reason.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EMISUSE; #BPACCT_ENOTFOUND.
 * @since 0.2.0
 */
BPACCT_API int bpacct_effect_reason(const bpacct_effects *effects,
				    uint32_t index, uint32_t k,
				    int32_t *out_reason);

/**
 * The number of rows of the account transition table.
 *
 * @param[out] out_count the count.
 * @return #BPACCT_OK, or #BPACCT_EINVAL.
 * @since 0.2.0
 */
BPACCT_API int bpacct_fsm_transition_count(uint32_t *out_count);

/**
 * One row of the account transition table: in state @p out_from, input
 * @p out_input leads to @p out_to (or is refused with @p out_reason when
 * @p out_to is −1).  Every (state, input) pair has one to three rows, in
 * order; when it has several, each but the last has a guard (a lock rule,
 * an unlock policy, a cancellation due, …, named in bpacct_fsm_dot()) and
 * the first whose guard holds decides.  Rows of REQUEST and SUPPLEMENT
 * keep the state: validation judges the request.
 *
 * @param index 0 to count − 1.
 * @param[out] out_from a #bpacct_state.
 * @param[out] out_input a #bpacct_input.
 * @param[out] out_to a #bpacct_state, or −1 for a refusal.
 * @param[out] out_reason the #bpacct_reason of a refusal, else 0.
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_ENOTFOUND.
 * @since 0.2.0
 */
BPACCT_API int bpacct_fsm_transition_at(uint32_t index, int32_t *out_from,
					int32_t *out_input, int32_t *out_to,
					int32_t *out_reason);

/**
 * The account and request state machines as Graphviz DOT, from the
 * library's own tables.
 *
 * @param[out] buf the text buffer (may be NULL when @p size is 0).
 * @param size its size.
 * @param[out] out_len the length of the text without the NUL, also when
 *        the buffer is too small (call once with size 0 to learn it).
 * @return #BPACCT_OK; #BPACCT_EINVAL; #BPACCT_EBUFSIZE.
 * @since 0.2.0
 */
BPACCT_API int bpacct_fsm_dot(char *buf, size_t size, size_t *out_len);

/**
 * The contract name of an enumerated value: states ("active", "locked",
 * "cancelled"), inputs ("issue", "use", …), request states, outcomes
 * ("accepted", …), cases ("bp-a", …), actors ("officer", …), effect types
 * ("outcome", …), notice kinds ("cancellation_notice", "lock_notice",
 * "receipt", "acceptance", "supplement_request", "rejection", "nb10",
 * "inactivity_warning") and documents ("NB10", "MAU06").
 *
 * @param field the #bpacct_field whose values are named:
 *        #BPACCT_FIELD_STATE (account states), #BPACCT_FIELD_INPUT,
 *        #BPACCT_FIELD_OUTCOME, #BPACCT_FIELD_CASE, #BPACCT_FIELD_ACTOR,
 *        #BPACCT_FIELD_TYPE, #BPACCT_FIELD_KIND, #BPACCT_FIELD_DOCUMENT,
 *        #BPACCT_FIELD_REQUEST_STATE; also #BPACCT_FIELD_FROM and
 *        #BPACCT_FIELD_TO (states), #BPACCT_FIELD_FIRST_OUTCOME,
 *        #BPACCT_FIELD_PENDING_CASE, #BPACCT_FIELD_PROCEDURE ("bp",
 *        "xnc"), #BPACCT_FIELD_CHANNEL and #BPACCT_FIELD_RESULT_CHANNEL
 *        (bpacct_channel_name()), #BPACCT_FIELD_RULE and
 *        #BPACCT_FIELD_PENDING_RULE (bpacct_rule_name()).
 * @param value the value.
 * @return a static string; "unknown" for other values.
 * @since 0.2.0
 */
BPACCT_API const char *bpacct_value_name(int32_t field, int32_t value);

BPACCT_END_DECL

/** @} */
#endif /* BPACCT_LIFECYCLE_H */
