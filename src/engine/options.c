/*
 * The engine's options: their defaults and the one check of them, shared
 * by bpacct_engine_new() and bpacct_engine_options_check(), so that the
 * two never disagree (issue 9, "construction errors say why").  Each
 * failure names the field that is wrong, in one line (convention C22).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bpacct/errors.h"
#include "core/calendar_layout.h"
#include "engine/engine_internal.h"

int bpacct_engine_options_init(bpacct_engine_options *options,
			       uint32_t version)
{
	return bpacct__versioned_init(options, sizeof *options, version,
				      BPACCT_ENGINE_OPTIONS_VERSION);
}

/* Where a check writes why it failed: buf may be NULL (size 0). */
typedef struct why {
	char *buf;
	size_t size;
} why;

static int say(const why *w, int rc, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static int say(const why *w, int rc, const char *fmt, ...)
{
	va_list ap;

	if (!w->buf || w->size == 0)
		return rc;
	va_start(ap, fmt);
	/* ap is started above; clang-analyzer 14 cannot see it. */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vsnprintf(w->buf, w->size, fmt, ap);
	va_end(ap);
	return rc;
}

/* Versions 1 to `known` are this library's (convention A2). */
static int check_version(const why *w, const char *what, uint32_t version,
			 uint32_t known)
{
	if (version == 0)
		return say(w, BPACCT_EMISUSE,
			   "%s: version 0 is not a version (1 to %u)", what,
			   (unsigned)known);
	if (version > known)
		return say(w, BPACCT_EMISUSE,
			   "%s: version %u is newer than this library's %u",
			   what, (unsigned)version, (unsigned)known);
	return BPACCT_OK;
}

/* The first operation of version 1 that is missing, or NULL. */
static const char *missing_store_op(const bpacct_store_ops *s)
{
	if (!s->get_account)
		return "get_account";
	if (!s->get_request)
		return "get_request";
	if (!s->commit)
		return "commit";
	if (!s->due)
		return "due";
	if (!s->outbox)
		return "outbox";
	if (!s->mark_delivered)
		return "mark_delivered";
	return NULL;
}

/* Copies the store's operations up to the version the host declared
 * (convention B10): the host need only keep the functions alive. */
static int copy_store(const why *w, bpacct_store_ops *dst,
		      const bpacct_store_ops *src)
{
	const char *missing;
	int rc = check_version(w, "options.store", src->version,
			       BPACCT_STORE_OPS_VERSION);

	if (rc != BPACCT_OK)
		return rc;
	memset(dst, 0, sizeof *dst);
	dst->version = src->version;
	dst->get_account = src->get_account;
	dst->get_request = src->get_request;
	dst->commit = src->commit;
	dst->due = src->due;
	dst->outbox = src->outbox;
	dst->mark_delivered = src->mark_delivered;
	/* Every operation of version 1 is required. */
	missing = missing_store_op(dst);
	if (missing)
		return say(w, BPACCT_EINVAL, "options.store->%s is NULL",
			   missing);
	return BPACCT_OK;
}

static int copy_notifier(const why *w, bpacct_notifier_ops *dst,
			 const bpacct_notifier_ops *src)
{
	int rc = check_version(w, "options.notifier", src->version,
			       BPACCT_NOTIFIER_OPS_VERSION);

	if (rc != BPACCT_OK)
		return rc;
	memset(dst, 0, sizeof *dst);
	dst->version = src->version;
	dst->deliver = src->deliver;
	if (!dst->deliver)
		return say(w, BPACCT_EINVAL,
			   "options.notifier->deliver is NULL");
	return BPACCT_OK;
}

static int check_profiles(const why *w, const bpacct_engine_options *o)
{
	if (!o->profiles && o->profile_count == 0)
		return BPACCT_OK;
	if (!o->profiles)
		return say(w, BPACCT_EINVAL,
			   "options.profiles is NULL but "
			   "options.profile_count is %u",
			   (unsigned)o->profile_count);
	if (o->profile_count == 0)
		return say(w, BPACCT_EINVAL,
			   "options.profile_count is 0 but options.profiles "
			   "is set");
	for (uint32_t i = 0; i < o->profile_count; i++) {
		int rc;

		if (!o->profiles[i])
			return say(w, BPACCT_EINVAL,
				   "options.profiles[%u] is NULL",
				   (unsigned)i);
		rc = bpacct_profile_check(o->profiles[i]);
		if (rc != BPACCT_OK)
			return say(w, rc,
				   "options.profiles[%u]: "
				   "bpacct_profile_check() returned %s",
				   (unsigned)i, bpacct_error_name(rc));
	}
	return BPACCT_OK;
}

static int check_allocator(const why *w, const bpacct_allocator *host,
			   bpacct__alloc *alloc)
{
	/* The allocator's own rules are bpacct__alloc_setup()'s; only its
	 * answer is put into words here. */
	int rc = bpacct__alloc_setup(alloc, host);

	if (rc == BPACCT_EMISUSE)
		return check_version(w, "options.allocator", host->version,
				     BPACCT_ALLOCATOR_VERSION);
	if (rc != BPACCT_OK)
		return say(w, rc,
			   "options.allocator: alloc and free must both be "
			   "set or both be NULL");
	return BPACCT_OK;
}

int bpacct__engine_options_check(const bpacct_engine_options *o,
				 bpacct_store_ops *store,
				 bpacct_notifier_ops *notifier,
				 bpacct__alloc *alloc, char *buf, size_t size)
{
	const why w = { buf, size };
	int rc;

	if (buf && size)
		buf[0] = '\0';
	if (!o)
		return say(&w, BPACCT_EINVAL, "options is NULL");
	rc = check_version(&w, "options", o->version,
			   BPACCT_ENGINE_OPTIONS_VERSION);
	if (rc != BPACCT_OK)
		return rc;
	if (!o->store)
		return say(&w, BPACCT_EINVAL, "options.store is NULL");
	if (!o->calendar)
		return say(&w, BPACCT_EINVAL, "options.calendar is NULL");
	/* batch × BPACCT_ID_MAX bytes of ids must fit a 32-bit size_t. */
	if (o->batch > BPACCT_ENGINE_BATCH_MAX)
		return say(&w, BPACCT_EINVAL, "options.batch: %u is above %u",
			   (unsigned)o->batch,
			   (unsigned)BPACCT_ENGINE_BATCH_MAX);
	if (!bpacct__calendar_ok(o->calendar))
		return say(&w, BPACCT_EMISUSE,
			   "options.calendar is not a calendar made by "
			   "bpacct_calendar_new()");
	rc = copy_store(&w, store, o->store);
	if (rc == BPACCT_OK && o->notifier)
		rc = copy_notifier(&w, notifier, o->notifier);
	if (rc == BPACCT_OK)
		rc = check_profiles(&w, o);
	if (rc == BPACCT_OK)
		rc = check_allocator(&w, o->allocator, alloc);
	return rc;
}

int bpacct_engine_options_check(const bpacct_engine_options *options,
				char *buf, size_t size)
{
	bpacct_store_ops store;
	bpacct_notifier_ops notifier;
	bpacct__alloc alloc;

	return bpacct__engine_options_check(options, &store, &notifier,
					    &alloc, buf, size);
}
