/*
 * The engine handle: creation, errors (conventions C13, C22) and the
 * re-entry guard (convention B15).  The options are checked in options.c;
 * the work itself is in step.c, sweep.c, change.c and outbox.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bpacct/errors.h"
#include "engine/engine_internal.h"

int bpacct__engine_fail(bpacct_engine *e, int rc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	/* ap is started above; clang-analyzer 14 cannot see it. */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vsnprintf(e->error, sizeof e->error, fmt, ap);
	va_end(ap);
	return rc;
}

/* A callback's return as a status (errors.h, BPACCT_EHOST_MAX): a library
 * code or a host code passes through; anything else is no status at all. */
static int host_status(int rc)
{
	if (rc <= BPACCT_EHOST_MAX ||
	    (rc < 0 && rc >= BPACCT_EINVALID_TRANSITION))
		return rc;
	return BPACCT_EUSER;
}

int bpacct__engine_host_fail(bpacct_engine *e, int rc, const char *op)
{
	int status = host_status(rc);

	if (status != rc)
		return bpacct__engine_fail(e, status,
					   "%s callback returned %d, which is "
					   "not a status (0, a library code, "
					   "or a host code <= %d)",
					   op, rc, BPACCT_EHOST_MAX);
	/* The host's own words win (bpacct_engine_set_error()). */
	if (e->relayed[0] != '\0') {
		memcpy(e->error, e->relayed, sizeof e->error);
		return rc;
	}
	return bpacct__engine_fail(e, rc, "%s callback returned %d", op, rc);
}

static void take_options(bpacct_engine *e, const bpacct_engine_options *o)
{
	e->has_notifier = o->notifier != NULL;
	e->store_userdata = o->store_userdata;
	e->notifier_userdata = o->notifier_userdata;
	e->calendar = o->calendar;
	e->profiles = o->profiles;
	e->profile_count = o->profile_count;
	e->on_effects = o->on_effects;
	e->effects_userdata = o->effects_userdata;
	e->batch = o->batch ? o->batch : BPACCT__BATCH_DEFAULT;
	e->retries = o->retries ? o->retries : BPACCT__RETRIES_DEFAULT;
	/* A bound, not a loop forever against a store that always
	 * conflicts (UINT32_MAX + 1 attempts would wrap). */
	if (e->retries > BPACCT_ENGINE_RETRIES_MAX)
		e->retries = BPACCT_ENGINE_RETRIES_MAX;
}

/* The scratch records and the sinks' arrays; ENOMEM frees what was
 * taken. */
static int init_workspace(bpacct_engine *e)
{
	uint32_t ncap = e->batch < BPACCT__OUTBOX_CAP ? e->batch
						      : BPACCT__OUTBOX_CAP;

	e->account.magic = BPACCT__ACCOUNT_MAGIC;
	e->request.magic = BPACCT__REQUEST_MAGIC;
	e->request_before.magic = BPACCT__REQUEST_MAGIC;
	e->fx.magic = BPACCT__EFFECTS_MAGIC;
	e->change.magic = BPACCT__CHANGE_MAGIC;
	bpacct__sink_init(&e->ids, BPACCT__SINK_IDS, e->batch);
	bpacct__sink_init(&e->notices, BPACCT__SINK_NOTICES, ncap);
	e->ids.ids = bpacct__alloc_mem(&e->alloc,
				       (size_t)e->batch * BPACCT_ID_MAX);
	if (!e->ids.ids)
		return BPACCT_ENOMEM;
	e->notices.notices = bpacct__alloc_mem(
		&e->alloc, ncap * sizeof(struct bpacct_entry));
	if (!e->notices.notices) {
		bpacct__free_mem(&e->alloc, e->ids.ids);
		return BPACCT_ENOMEM;
	}
	memset(e->notices.notices, 0, ncap * sizeof(struct bpacct_entry));
	for (uint32_t i = 0; i < ncap; i++)
		bpacct__entry_clear(&e->notices.notices[i]);
	return BPACCT_OK;
}

int bpacct_engine_new(bpacct_engine **out,
		      const bpacct_engine_options *options)
{
	bpacct_store_ops store;
	bpacct_notifier_ops notifier;
	bpacct__alloc alloc;
	bpacct_engine *e;
	int rc;

	if (!out)
		return BPACCT_EINVAL;
	memset(&notifier, 0, sizeof notifier);
	/* A wrong option costs no allocation; the check is
	 * bpacct_engine_options_check()'s (options.c), word for word. */
	rc = bpacct__engine_options_check(options, &store, &notifier, &alloc,
					  NULL, 0);
	if (rc != BPACCT_OK)
		return rc;
	e = bpacct__alloc_mem(&alloc, sizeof *e);
	if (!e)
		return BPACCT_ENOMEM;
	memset(e, 0, sizeof *e);
	e->store = store;
	e->notifier = notifier;
	e->alloc = alloc;
	take_options(e, options);
	rc = init_workspace(e);
	if (rc != BPACCT_OK) {
		bpacct__free_mem(&alloc, e);
		return rc;
	}
	e->magic = BPACCT__ENGINE_MAGIC;
	*out = e;
	return BPACCT_OK;
}

int bpacct__engine_enter(bpacct_engine *e)
{
	if (!e)
		return BPACCT_EINVAL;
	if (e->magic != BPACCT__ENGINE_MAGIC)
		return BPACCT_EMISUSE;
	/* Convention B15: a callback that calls back is refused, and the
	 * outer call's state is left alone. */
	if (e->busy)
		return BPACCT_ERECURSIVE;
	e->busy = 1;
	e->error[0] = '\0';
	e->unreadable = 0;
	e->corrupt = 0;
	/* A message relayed before this call (outside any store call, or
	 * by a store call that then succeeded) is no word about it. */
	e->relayed[0] = '\0';
	return BPACCT_OK;
}

int bpacct__engine_leave(bpacct_engine *e, int rc)
{
	e->busy = 0;
	if (rc == BPACCT_OK && e->corrupt > 0)
		/* Not the call's error: the other accounts were run. */
		bpacct__engine_fail(e, rc,
				    "store.due: %u due account record(s) are "
				    "corrupt (first: account '%s', %s) and were "
				    "skipped; their deadlines wait%s",
				    (unsigned)e->corrupt, e->corrupt_id,
				    bpacct_error_name(BPACCT_EPARSE),
				    e->unreadable ? "; and outbox records "
						    "cannot be read" : "");
	else if (rc == BPACCT_OK && e->unreadable > 0)
		/* Not the call's error: the others were delivered. */
		bpacct__engine_fail(e, rc,
				    "store.outbox: %u record(s) are not "
				    "notices that can be read (%s); they stay "
				    "in the outbox, undelivered",
				    (unsigned)e->unreadable,
				    bpacct_error_name(BPACCT_EPARSE));
	else if (rc == BPACCT_OK)
		e->error[0] = '\0';
	else if (e->error[0] == '\0')
		bpacct__engine_fail(e, rc, "%s", bpacct_strerror(rc));
	/* A relayed message belongs to the call it was relayed in. */
	e->relayed[0] = '\0';
	return rc;
}

void bpacct_engine_free(bpacct_engine *engine)
{
	bpacct__alloc a;

	/* Freed from inside its own callback, the engine would be used
	 * after the free by the call still running: refused (ignored). */
	if (!engine || engine->magic != BPACCT__ENGINE_MAGIC || engine->busy)
		return;
	a = engine->alloc;
	engine->magic = 0;
	bpacct__free_mem(&a, engine->ids.ids);
	bpacct__free_mem(&a, engine->notices.notices);
	bpacct__free_mem(&a, engine);
}

const char *bpacct_engine_last_error(const bpacct_engine *engine)
{
	if (!engine || engine->magic != BPACCT__ENGINE_MAGIC)
		return "invalid engine handle";
	return engine->error;
}

int bpacct_engine_set_error(bpacct_engine *engine, const char *message)
{
	size_t n = 0;

	if (!engine || !message)
		return BPACCT_EINVAL;
	if (engine->magic != BPACCT__ENGINE_MAGIC)
		return BPACCT_EMISUSE;
	/* One line (convention C22): cut at the first line break. */
	while (n + 1 < sizeof engine->relayed && message[n] != '\0' &&
	       message[n] != '\n' && message[n] != '\r')
		n++;
	memcpy(engine->relayed, message, n);
	engine->relayed[n] = '\0';
	return BPACCT_OK;
}
