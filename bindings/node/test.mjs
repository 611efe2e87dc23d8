// SPDX-License-Identifier: MIT
// Suite ffi, test `node`: libbpacct.so.1 from JavaScript through koffi.
// A deadline (BP-R5), then a BP case through the engine over the
// in-memory store with a JavaScript notifier: an application accepted,
// cancelled by the tick 2 h later, the notice to owner and holder once.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire((process.env.BPACCT_NODE_DIR || '.') + '/');
const koffi = require('koffi');
const lib = koffi.load(process.env.BPACCT_LIBRARY || 'libbpacct.so.1');

// The constants, as the build generated them from the headers.
const K = JSON.parse(readFileSync(process.env.BPACCT_CONSTANTS_JSON, 'utf8'));
const E = Object.assign({}, ...Object.values(K.enums), K.macros);

const f = (decl) => lib.func(decl);
const instant_parse = f('int bpacct_instant_parse(_Out_ int64_t *out, const char *text, size_t len)');
const instant_format = f('int bpacct_instant_format(_Out_ uint8_t *buf, size_t size, int64_t instant)');
const calendar_new = f('int bpacct_calendar_new(_Out_ void **out, void *options)');
const calendar_free = f('void bpacct_calendar_free(void *calendar)');
const deadline_compute = f('int bpacct_deadline_compute(void *calendar, void *options, int32_t rule, int64_t at, _Out_ int64_t *due, _Out_ int64_t *late, _Out_ uint32_t *flags)');
const memory_store_new = f('int bpacct_memory_store_new(_Out_ void **out, void *allocator)');
const memory_store_free = f('void bpacct_memory_store_free(void *store)');
const memory_store_ops = f('void *bpacct_memory_store_ops(void)');
const memory_store_stats = f('int bpacct_memory_store_stats(void *store, _Out_ uint64_t *accounts, _Out_ uint64_t *bytes, _Out_ uint64_t *outbox, _Out_ uint64_t *audit)');
const entry_get_int = f('int bpacct_entry_get_int(void *entry, int32_t field, _Out_ int64_t *out)');
const entry_get_text = f('int bpacct_entry_get_text(void *entry, int32_t field, _Out_ const char **out)');
const account_new = f('int bpacct_account_new(_Out_ void **out, const char *id, void *allocator)');
const account_free = f('void bpacct_account_free(void *account)');
const account_get_int = f('int bpacct_account_get_int(void *account, int32_t field, _Out_ int64_t *out)');
const value_name = f('const char *bpacct_value_name(int32_t field, int32_t value)');
const strerror = f('const char *bpacct_strerror(int status)');

const NotifierOps = koffi.struct('bpacct_notifier_ops', {
  version: 'uint32_t', deliver: 'void *' });
const DeliverCb = koffi.proto('int bpacct_deliver_cb(void *notice, void *userdata)');
const EngineOptions = koffi.struct('bpacct_engine_options', {
  version: 'uint32_t', store: 'void *', store_userdata: 'void *',
  notifier: 'void *', notifier_userdata: 'void *', calendar: 'void *',
  profiles: 'void *', profile_count: 'uint32_t', allocator: 'void *',
  on_effects: 'void *', effects_userdata: 'void *', batch: 'uint32_t',
  retries: 'uint32_t' });
const Event = koffi.struct('bpacct_event', {
  version: 'uint32_t', input: 'int32_t', at: 'int64_t', actor: 'int32_t',
  procedure: 'int32_t', owner: 'const char *', holder_id_type: 'int32_t',
  holder_id_number: 'const char *', request: 'const char *',
  requester: 'const char *', channel: 'int32_t', documents: 'uint32_t',
  enterprise_code: 'const char *', id_type: 'int32_t',
  id_number: 'const char *',
  na20: koffi.array('const char *', E.BPACCT_NA20_FIELDS),
  na20_sealed: 'int32_t', result_channel: 'int32_t', flag: 'int32_t',
  detail: 'const char *' });
const engine_new = f('int bpacct_engine_new(_Out_ void **out, const bpacct_engine_options *options)');
const engine_free = f('void bpacct_engine_free(void *engine)');
const engine_submit = f('int bpacct_engine_submit(void *engine, const char *account, const bpacct_event *event)');
const engine_tick = f('int bpacct_engine_tick(void *engine, int64_t at)');
const engine_account = f('int bpacct_engine_account(void *engine, const char *id, void *out)');
const engine_last_error = f('const char *bpacct_engine_last_error(void *engine)');

const ok = (rc, what) => assert.equal(rc, E.BPACCT_OK, `${what}: ${strerror(rc)}`);
const at = (text) => { const o = [0]; ok(instant_parse(o, text, Buffer.byteLength(text)), text); return Number(o[0]); };
const fmt = (t) => { const b = Buffer.alloc(E.BPACCT_INSTANT_BUFSIZE); ok(instant_format(b, b.length, t), 'format'); return b.toString('utf8', 0, b.indexOf(0)); };

// -- a deadline -----------------------------------------------------------
const calOut = [null];
ok(calendar_new(calOut, null), 'calendar_new');
const cal = calOut[0];
{
  const due = [0], late = [0], flags = [0];
  ok(deadline_compute(cal, null, E.BPACCT_RULE_BP_INACTIVITY,
                      at('2026-03-15T09:00:00+07:00'), due, late, flags), 'deadline');
  assert.equal(fmt(Number(due[0])), '2026-09-16T00:00:00+07:00');
  console.log('ok deadline BP-R5: 2026-03-15T09:00+07:00 -> ' + fmt(Number(due[0])));
}

// -- a BP case through the engine with a JavaScript notifier ---------------
const OWNER = '0100109106', CCCD = '001090012345';
const delivered = [];
let failures = 1; // the first delivery fails: the next tick retries it
const deliver = koffi.register((notice, _ud) => {
  try {
    if (failures-- > 0) return E.BPACCT_EUSER;
    const key = [null], owner = [null], holder = [null], kind = [0];
    ok(entry_get_text(notice, E.BPACCT_FIELD_KEY, key), 'key');
    ok(entry_get_text(notice, E.BPACCT_FIELD_OWNER_ID, owner), 'owner');
    ok(entry_get_text(notice, E.BPACCT_FIELD_HOLDER_ID, holder), 'holder');
    ok(entry_get_int(notice, E.BPACCT_FIELD_KIND, kind), 'kind');
    delivered.push({ key: key[0], owner: owner[0], holder: holder[0],
                     kind: value_name(E.BPACCT_FIELD_KIND, Number(kind[0])) });
    return 0;
  } catch (e) {
    console.error(e);
    return E.BPACCT_EUSER; // never success on an exception
  }
}, koffi.pointer(DeliverCb));

const ops = koffi.alloc(NotifierOps, 1);
koffi.encode(ops, NotifierOps, { version: E.BPACCT_NOTIFIER_OPS_VERSION, deliver });
const storeOut = [null];
ok(memory_store_new(storeOut, null), 'memory_store_new');
const store = storeOut[0];
const engOut = [null];
ok(engine_new(engOut, {
  version: E.BPACCT_ENGINE_OPTIONS_VERSION, store: memory_store_ops(),
  store_userdata: store, notifier: ops, notifier_userdata: null,
  calendar: cal, profiles: null, profile_count: 0, allocator: null,
  on_effects: null, effects_userdata: null, batch: 0, retries: 0 }), 'engine_new');
const engine = engOut[0];

const event = (input, when, extra) => Object.assign({
  version: E.BPACCT_EVENT_VERSION, input, at: at(when), actor: 0,
  procedure: 0, owner: null, holder_id_type: 0, holder_id_number: null,
  request: null, requester: null, channel: 0, documents: 0,
  enterprise_code: null, id_type: 0, id_number: null,
  na20: new Array(E.BPACCT_NA20_FIELDS).fill(null), na20_sealed: 0,
  result_channel: 0, flag: 0, detail: null }, extra);
const submit = (ev) => ok(engine_submit(engine, 'A1', ev), 'submit: ' + engine_last_error(engine));

submit(event(E.BPACCT_INPUT_ISSUE, '2026-11-02T08:00:00+07:00', {
  procedure: E.BPACCT_PROCEDURE_BP, owner: OWNER,
  holder_id_type: E.BPACCT_ID_CCCD, holder_id_number: CCCD }));
submit(event(E.BPACCT_INPUT_REQUEST, '2026-11-16T09:00:00+07:00', {
  request: 'Q1', requester: OWNER, channel: E.BPACCT_CHANNEL_ONLINE,
  documents: E.BPACCT_DOC_APPLICATION | E.BPACCT_DOC_ENTERPRISE_REGISTRATION | E.BPACCT_DOC_IDENTITY,
  enterprise_code: OWNER, id_type: E.BPACCT_ID_CCCD, id_number: CCCD }));
ok(engine_tick(engine, at('2026-11-16T11:00:00+07:00')), 'tick');
ok(engine_tick(engine, at('2026-11-16T11:05:00+07:00')), 'tick again');

const accOut = [null];
ok(account_new(accOut, 'A1', null), 'account_new');
ok(engine_account(engine, 'A1', accOut[0]), 'engine_account');
const state = [0];
ok(account_get_int(accOut[0], E.BPACCT_FIELD_STATE, state), 'state');
assert.equal(value_name(E.BPACCT_FIELD_STATE, Number(state[0])), 'cancelled');
const cancels = delivered.filter((n) => n.kind === 'cancellation_notice');
assert.equal(cancels.length, 1, JSON.stringify(delivered));
assert.deepEqual([cancels[0].owner, cancels[0].holder], [OWNER, CCCD]);
assert.equal(new Set(delivered.map((n) => n.key)).size, delivered.length);
const outbox = [0];
ok(memory_store_stats(store, null, null, outbox, null), 'stats');
assert.equal(Number(outbox[0]), 0);
console.log(`ok BP case: A1 cancelled at 11:00, ${delivered.length} notices delivered once each, the failed one retried`);

account_free(accOut[0]);
engine_free(engine);
koffi.unregister(deliver);
koffi.free(ops);
memory_store_free(store);
calendar_free(cal);
