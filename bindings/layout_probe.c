/* SPDX-License-Identifier: MIT */
/*
 * Prints the size and every member offset of each struct the bindings
 * mirror, as the C compiler lays them out, for tests/test_layout of the
 * Python binding (and bindings/node/test.mjs).  Public headers only.
 */
#include <stddef.h>
#include <stdio.h>

#include <bpacct/bpacct.h>
#include <bpacct/sys/notifier.h>
#include <bpacct/sys/store.h>

#define S(t) printf("%s %zu\n", #t, sizeof(t))
#define F(t, m) printf("%s.%s %zu\n", #t, #m, offsetof(t, m))

int main(void)
{
	S(bpacct_calendar_options);
	F(bpacct_calendar_options, version);
	F(bpacct_calendar_options, flags);
	F(bpacct_calendar_options, allocator);
	S(bpacct_deadline_options);
	F(bpacct_deadline_options, flags);
	F(bpacct_deadline_options, channel);
	F(bpacct_deadline_options, last_used);
	F(bpacct_deadline_options, reception);
	F(bpacct_deadline_options, working_hours);
	S(bpacct_lunar_date);
	F(bpacct_lunar_date, leap);
	S(bpacct_event);
	F(bpacct_event, input);
	F(bpacct_event, at);
	F(bpacct_event, actor);
	F(bpacct_event, procedure);
	F(bpacct_event, owner);
	F(bpacct_event, holder_id_type);
	F(bpacct_event, holder_id_number);
	F(bpacct_event, request);
	F(bpacct_event, requester);
	F(bpacct_event, channel);
	F(bpacct_event, documents);
	F(bpacct_event, enterprise_code);
	F(bpacct_event, id_type);
	F(bpacct_event, id_number);
	F(bpacct_event, na20);
	F(bpacct_event, na20_sealed);
	F(bpacct_event, result_channel);
	F(bpacct_event, flag);
	F(bpacct_event, detail);
	S(bpacct_engine_options);
	F(bpacct_engine_options, store);
	F(bpacct_engine_options, store_userdata);
	F(bpacct_engine_options, notifier);
	F(bpacct_engine_options, notifier_userdata);
	F(bpacct_engine_options, calendar);
	F(bpacct_engine_options, profiles);
	F(bpacct_engine_options, profile_count);
	F(bpacct_engine_options, allocator);
	F(bpacct_engine_options, on_effects);
	F(bpacct_engine_options, effects_userdata);
	F(bpacct_engine_options, batch);
	F(bpacct_engine_options, retries);
	S(bpacct_store_ops);
	F(bpacct_store_ops, get_account);
	F(bpacct_store_ops, get_request);
	F(bpacct_store_ops, commit);
	F(bpacct_store_ops, due);
	F(bpacct_store_ops, outbox);
	F(bpacct_store_ops, mark_delivered);
	S(bpacct_notifier_ops);
	F(bpacct_notifier_ops, deliver);
	return 0;
}
