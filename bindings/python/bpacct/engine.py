# SPDX-License-Identifier: MIT
"""The engine over a store (the in-memory one, SQLite, or a Python class)
with a notifier (a Python class), through the versioned vtables of
include/bpacct/sys/.

Callbacks and exceptions: every callback the library calls runs inside a
guard.  An exception in a store operation or in a notifier never reaches
the library as success: it becomes an error return — the exception's code
when it is a BpacctError with a library or host code, else EUSER — and its
text is relayed with bpacct_engine_set_error().  A notifier that raises
leaves the notice in the outbox, and a later deliver() or tick() sends
it.  Exceptions other than Exception (KeyboardInterrupt, SystemExit) are
re-raised when the engine call returns."""
import ctypes
import weakref
from ctypes import (byref, c_char_p, c_int64, c_size_t, c_uint32, c_uint64,
                    c_void_p, string_at)

from ._constants import (CONSTANTS, Actor, Case, Channel, Document,
                         Documents, EffectType, EntryField, EntryType, Field,
                         IdType, Input, Na20Field, NoticeKind, Outcome,
                         Procedure, Recipients, RequestState, Rule, State,
                         Status)
from ._lib import (COMMIT_FN, DELIVER_FN, DUE_FN, EFFECTS_FN, GET_FN, MARK_FN,
                   OUTBOX_FN, EngineOptions, EventC, NotifierOps, StoreOps,
                   lib, sqlite)
from .civil import from_instant, to_instant
from .errors import (BpacctError, ReasonInfo, RefusedError, _enum,
                     callback_code, check, error_from)

__all__ = ["Event", "Engine", "MemoryStore", "SqliteStore", "Store",
           "Notifier", "Change", "ChangeEntry", "Effect", "Step", "Entry",
           "Account"]

_OK, _ENOTFOUND = int(Status.OK), int(Status.ENOTFOUND)

# How each field's integer reads in Python.
_INSTANT = {Field.ISSUED, Field.LAST_USED, Field.LOCKED, Field.CANCELLED,
            Field.PENDING_DUE, Field.CHANGED, Field.FIRST_USED,
            Field.RECEIVED, Field.DUE, Field.AT, Field.AVAILABLE_FROM}
_ENUMS = {Field.PROCEDURE: Procedure, Field.STATE: State,
          Field.HOLDER_ID_TYPE: IdType, Field.PENDING_RULE: Rule,
          Field.PENDING_CASE: Case, Field.CHANNEL: Channel,
          Field.RESULT_CHANNEL: Channel, Field.OUTCOME: Outcome,
          Field.FIRST_OUTCOME: Outcome, Field.DOCUMENTS: Documents,
          Field.TYPE: EffectType, Field.FROM: State, Field.TO: State,
          Field.CASE: Case, Field.ACTOR: Actor, Field.INPUT: Input,
          Field.KIND: NoticeKind, Field.RECIPIENTS: Recipients,
          Field.DOCUMENT: Document, Field.RULE: Rule,
          Field.REQUEST_STATE: RequestState,
          EntryField.ENTRY_TYPE: EntryType}
_BOOL = {Field.EXCLUDED, Field.WARNED, Field.FEE, Field.REPLAY,
         EntryField.DELIVERED}
_TEXT = [Field.ID, Field.OWNER, Field.HOLDER_ID_NUMBER, Field.PENDING_REQUEST,
         Field.ACCOUNT, Field.REQUEST, Field.REQUESTER, Field.DETAIL,
         EntryField.KEY, EntryField.OWNER_ID, EntryField.HOLDER_ID]
_INTS = [f for f in list(Field) + list(EntryField) if f not in _TEXT]


def _py(field, v):
    if field in _INSTANT:
        return from_instant(v)
    if field in _BOOL:
        return bool(v)
    cls = _ENUMS.get(field)
    if cls is Documents or cls is Recipients:
        return cls(v)
    if cls is not None:
        if v in (0, -1) and cls in (Rule, Channel, Outcome, State):
            try:
                return cls(v)
            except ValueError:
                return None if v == 0 else v
        return _enum(cls, v)
    return v


class _Fields:
    """Read-only attributes by lower-case field name (values: datetime,
    enums, bool, int, str; a field the record lacks is absent).  FIELD_FROM
    reads as `from_` (a keyword in Python)."""

    def __init__(self, values):
        object.__setattr__(self, "_values", values)

    def __getattr__(self, name):
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError("%s has no field %r" % (
                type(self).__name__, name)) from None

    def get(self, name, default=None):
        return self._values.get(name, default)

    def as_dict(self):
        return dict(self._values)

    def __repr__(self):
        keys = ("type", "kind", "key", "id", "state", "account", "at")
        shown = ", ".join("%s=%r" % (k, self._values[k]) for k in keys
                          if k in self._values)
        return "%s(%s)" % (type(self).__name__, shown)


def _read(get_int, get_text):
    values = {}
    v = c_int64()
    for f in _INTS:
        if get_int(int(f), byref(v)) == _OK:
            name = f.name.lower()
            values[name + "_" if name == "from" else name] = _py(f, v.value)
    s = c_char_p()
    for f in _TEXT:
        if get_text(int(f), byref(s)) == _OK:
            values[f.name.lower()] = (s.value or b"").decode()
    return values


class Effect(_Fields):
    """One effect of a step (bpacct_effect_get_*); reasons: [ReasonInfo]."""


class Entry(_Fields):
    """A notice or audit entry (bpacct_entry_get_*); reasons: [ReasonInfo]."""

    @classmethod
    def _from(cls, h):
        values = _read(lambda f, o: lib.bpacct_entry_get_int(h, f, o),
                       lambda f, o: lib.bpacct_entry_get_text(h, f, o))
        r = ctypes.c_int32()
        values["reasons"] = [
            ReasonInfo(r.value) for k in range(values.get("reason_count", 0))
            if lib.bpacct_entry_reason(h, k, byref(r)) == _OK]
        return cls(values)

    @classmethod
    def decode(cls, record):
        """Decodes an encoded entry (the bytes a store keeps)."""
        h = c_void_p()
        check(lib.bpacct_entry_new(byref(h), None))
        try:
            check(lib.bpacct_entry_decode(h, bytes(record), len(record)))
            return cls._from(h)
        finally:
            lib.bpacct_entry_free(h)


class Account(_Fields):
    """A snapshot of an account record (bpacct_account_get_*)."""


class Step:
    """The effects of one committed step of one account."""

    __slots__ = ("account", "effects")

    def __init__(self, account, effects):
        self.account, self.effects = account, effects

    def of_type(self, t):
        return [e for e in self.effects if e.type == t]

    def __repr__(self):
        return "Step(%r, %r)" % (self.account, self.effects)


def _effects(h):
    n = c_uint32()
    check(lib.bpacct_effects_count(h, byref(n)))
    out = []
    r = ctypes.c_int32()
    for i in range(n.value):
        values = _read(lambda f, o: lib.bpacct_effect_get_int(h, i, f, o),
                       lambda f, o: lib.bpacct_effect_get_text(h, i, f, o))
        values["reasons"] = [
            ReasonInfo(r.value) for k in range(values.get("reason_count", 0))
            if lib.bpacct_effect_reason(h, i, k, byref(r)) == _OK]
        out.append(Effect(values))
    return out


# -- events --------------------------------------------------------------

_NA20 = {f.name.lower(): f for f in Na20Field}


class Event:
    """An input event (bpacct_event).  Keyword arguments are the C
    members: actor, procedure, owner, holder_id_type, holder_id_number,
    request, requester, channel, documents, enterprise_code, id_type,
    id_number, na20 (a dict by Na20Field or its lower-case name),
    na20_sealed, result_channel, flag, detail."""

    _TEXTS = ("owner", "holder_id_number", "request", "requester",
              "enterprise_code", "id_number", "detail")
    _INTS = ("actor", "procedure", "holder_id_type", "channel", "documents",
             "id_type", "na20_sealed", "result_channel", "flag")

    def __init__(self, input, at, **fields):
        self.input, self.at = Input(input), at
        unknown = set(fields) - set(self._TEXTS) - set(self._INTS) - {"na20"}
        if unknown:
            raise TypeError("unknown event fields: %s" % ", ".join(sorted(unknown)))
        self.fields = fields

    def _c(self):
        """The C struct, and the bytes it points to (keep both alive)."""
        ev = EventC()
        check(lib.bpacct_event_init(byref(ev), CONSTANTS["EVENT_VERSION"],
                                    int(self.input), to_instant(self.at)))
        keep = []
        for name in self._INTS:
            if self.fields.get(name) is not None:
                setattr(ev, name, int(self.fields[name]))
        for name in self._TEXTS:
            if self.fields.get(name) is not None:
                b = self.fields[name].encode()
                keep.append(b)
                setattr(ev, name, b)
        for key, text in (self.fields.get("na20") or {}).items():
            f = _NA20[key] if isinstance(key, str) else Na20Field(key)
            b = text.encode() if text is not None else None
            keep.append(b)
            ev.na20[int(f)] = b
        return ev, keep

    def __repr__(self):
        return "Event(%s, %s, %r)" % (self.input.name, self.at, self.fields)


# -- the guard ------------------------------------------------------------

class _Guard:
    """Runs Python code for the library: never lets an exception through
    as success (ctypes would return 0 for an exception in a callback)."""

    def __init__(self):
        self.engine = None      # the C handle, once created
        self.errors = []        # exceptions of the current engine call
        self.fatal = None       # a BaseException to re-raise

    def run(self, where, fn, *args):
        try:
            rc = fn(*args)
            return _OK if rc is None else int(rc)
        except BaseException as e:  # noqa: B902 - nothing may escape
            if not isinstance(e, Exception) and self.fatal is None:
                self.fatal = e
            self.errors.append((where, e))
            if self.engine:
                msg = "%s: %s: %s" % (where, type(e).__name__, e)
                lib.bpacct_engine_set_error(self.engine, msg.encode()[:500])
            return callback_code(e)


# -- stores ---------------------------------------------------------------

class Store:
    """A store written in Python (the vtable of bpacct/sys/store.h).
    Subclass it and implement every method; records are opaque bytes.

    get_account(id) / get_request(id) -> bytes, or None when absent;
    commit(change: Change) -> None, atomically and only if the stored
        account's revision is change.expected_revision (0: absent), else
        raise ConflictError() and write nothing;
    due(at: datetime, max: int) -> ids of accounts whose next_due is at or
        before at, earliest first (ties by id), at most max;
    outbox(max: int) -> encoded undelivered notices, in commit order;
    mark_delivered(key) -> None (twice is fine; raise NotFoundError for a
        key it does not have).
    Raise anything to fail an operation: it becomes an error return."""

    def get_account(self, id):
        raise NotImplementedError

    def get_request(self, id):
        raise NotImplementedError

    def commit(self, change):
        raise NotImplementedError

    def due(self, at, max):
        raise NotImplementedError

    def outbox(self, max):
        raise NotImplementedError

    def mark_delivered(self, key):
        raise NotImplementedError


class ChangeEntry:
    """A notice or audit entry of a change: type, key, account, the
    encoded record, and entry (decoded, an Entry)."""

    __slots__ = ("type", "key", "account", "record", "entry")

    def __init__(self, type, key, account, record, entry):
        self.type, self.key, self.account = type, key, account
        self.record, self.entry = record, entry


class Change:
    """A change set to commit (bpacct_change, copied out of the call).

    has_account, expected_revision, revision, next_due (datetime or None),
    account and request ((id, bytes) or None), entries ([ChangeEntry])."""

    def __init__(self, h):
        v = c_int64()

        def get(f):
            check(lib.bpacct_change_get_int(h, int(f), byref(v)))
            return v.value
        from ._constants import ChangeField as F
        self.has_account = bool(get(F.HAS_ACCOUNT))
        self.expected_revision = get(F.EXPECTED_REVISION)
        self.revision = get(F.REVISION)
        self.next_due = from_instant(get(F.NEXT_DUE))
        self.has_request = bool(get(F.HAS_REQUEST))
        count = get(F.ENTRY_COUNT)
        ident, rec, n = c_char_p(), c_void_p(), c_size_t()
        self.account = self.request = None
        if self.has_account:
            check(lib.bpacct_change_account(h, byref(ident), byref(rec), byref(n)))
            self.account = (ident.value.decode(), string_at(rec, n.value))
        if self.has_request:
            check(lib.bpacct_change_request(h, byref(ident), byref(rec), byref(n)))
            self.request = (ident.value.decode(), string_at(rec, n.value))
        self.entries = []
        e = c_void_p()
        for i in range(count):
            check(lib.bpacct_change_entry(h, i, byref(e), byref(rec), byref(n)))
            entry = Entry._from(e)
            self.entries.append(ChangeEntry(
                entry.get("entry_type"), entry.get("key", ""),
                entry.get("account", ""), string_at(rec, n.value), entry))

    @property
    def account_id(self):
        return self.account[0] if self.account else None


class _PyStoreAdapter:
    """The C vtable over a Python Store: the CFUNCTYPE objects live as
    long as this adapter, which the Engine keeps."""

    def __init__(self, store, guard):
        self.store, self.guard = store, guard
        g = guard.run

        def reader(method, where):
            def get(ident, buf, size, out_len, _ud):
                def body():
                    data = method(ident.decode())
                    if data is None:
                        return _ENOTFOUND
                    data = bytes(data)
                    if len(data) > size:
                        raise BpacctError(Status.EBUFSIZE, "record of %d bytes"
                                          % len(data))
                    ctypes.memmove(buf, data, len(data))
                    out_len[0] = len(data)
                    return _OK
                return g(where, body)
            return GET_FN(get)

        def commit(change, _ud):
            return g("store.commit", lambda: store.commit(Change(change)))

        def due(at, max_, sink, _ud):
            def body():
                for n, ident in enumerate(store.due(from_instant(at), max_)):
                    if n >= max_ or lib.bpacct_sink_add_id(
                            sink, ident.encode()) != _OK:
                        break
            return g("store.due", body)

        def outbox(max_, sink, _ud):
            def body():
                for n, rec in enumerate(store.outbox(max_)):
                    if n >= max_:
                        break
                    rec = bytes(rec)
                    check(lib.bpacct_sink_add_entry(sink, rec, len(rec)))
            return g("store.outbox", body)

        def mark(key, _ud):
            return g("store.mark_delivered",
                     lambda: store.mark_delivered(key.decode()))

        self.ops = StoreOps()
        check(lib.bpacct_store_ops_init(byref(self.ops),
                                        CONSTANTS["STORE_OPS_VERSION"]))
        self.ops.get_account = reader(store.get_account, "store.get_account")
        self.ops.get_request = reader(store.get_request, "store.get_request")
        self.ops.commit = COMMIT_FN(commit)
        self.ops.due = DUE_FN(due)
        self.ops.outbox = OUTBOX_FN(outbox)
        self.ops.mark_delivered = MARK_FN(mark)

    def c_ops(self):
        return ctypes.cast(byref(self.ops), c_void_p), None


class MemoryStore:
    """The library's in-memory store (bpacct_memory_store)."""

    def __init__(self):
        h = c_void_p()
        check(lib.bpacct_memory_store_new(byref(h), None))
        self._h = h
        self._engines = weakref.WeakSet()

    def c_ops(self):
        return lib.bpacct_memory_store_ops(), self._h

    def stats(self):
        """{"accounts", "bytes", "outbox", "audit"} counts."""
        v = [c_uint64() for _ in range(4)]
        check(lib.bpacct_memory_store_stats(self._h, *map(byref, v)))
        return dict(zip(("accounts", "bytes", "outbox", "audit"),
                        (x.value for x in v)))

    def close(self):
        if any(not e.closed for e in self._engines):
            raise RuntimeError("close the engines over this store first")
        if self._h:
            lib.bpacct_memory_store_free(self._h)
            self._h = c_void_p()

    def __del__(self):
        if getattr(self, "_h", None) and not list(self._engines):
            lib.bpacct_memory_store_free(self._h)


class SqliteStore:
    """The SQLite store (libbpacct-sqlite.so.1, loaded on first use;
    BPACCT_SQLITE_LIBRARY names it)."""

    def __init__(self, path):
        self._lib = sqlite()
        h = c_void_p()
        rc = self._lib.bpacct_sqlite_store_open(byref(h), str(path).encode(),
                                                None)
        if rc != _OK:
            # Ownership on failure differs by store (issue 9): SQLite may
            # hand back a half-open store that only tells why.
            detail = ""
            if h:
                detail = self._lib.bpacct_sqlite_store_last_error(h).decode()
                self._lib.bpacct_sqlite_store_close(h)
            raise error_from(rc, detail or str(path))
        self._h = h
        self._engines = weakref.WeakSet()

    def c_ops(self):
        return self._lib.bpacct_sqlite_store_ops(), self._h

    def _attach(self, engine_handle):
        check(self._lib.bpacct_sqlite_store_set_engine(self._h, engine_handle))

    def last_error(self):
        return self._lib.bpacct_sqlite_store_last_error(self._h).decode()

    def stats(self):
        """{"accounts", "outbox", "audit", "schema"}."""
        a, o, au, s = c_uint64(), c_uint64(), c_uint64(), c_int64()
        check(self._lib.bpacct_sqlite_store_stats(
            self._h, byref(a), byref(o), byref(au), byref(s)),
            self.last_error)
        return {"accounts": a.value, "outbox": o.value, "audit": au.value,
                "schema": s.value}

    def close(self):
        if any(not e.closed for e in self._engines):
            raise RuntimeError("close the engines over this store first")
        if self._h:
            self._lib.bpacct_sqlite_store_close(self._h)
            self._h = c_void_p()

    def __del__(self):
        if getattr(self, "_h", None) and not list(self._engines):
            self._lib.bpacct_sqlite_store_close(self._h)


# -- notifiers ------------------------------------------------------------

class Notifier:
    """A notifier written in Python: deliver(notice: Entry) returns when
    the notice is delivered; raising anything means "not now" (the notice
    stays in the outbox).  notice.key is the idempotency key."""

    def deliver(self, notice):
        raise NotImplementedError


class _NotifierAdapter:
    def __init__(self, notifier, guard):
        self.notifier = notifier

        def deliver(entry, _ud):
            return guard.run("notifier.deliver",
                             lambda: notifier.deliver(Entry._from(entry)))
        self.ops = NotifierOps()
        check(lib.bpacct_notifier_ops_init(byref(self.ops),
                                           CONSTANTS["NOTIFIER_OPS_VERSION"]))
        self.ops.deliver = DELIVER_FN(deliver)


# -- the engine -----------------------------------------------------------

class Engine:
    """bpacct_engine over a store and an optional notifier.

    store: a MemoryStore (the default), a SqliteStore or a Store subclass;
    notifier: a Notifier (anything with deliver(notice)), or None to leave
    every notice in the outbox; calendar: a Calendar (the default one when
    omitted); on_effects(step) is called with every committed Step.

    The engine keeps the store, notifier, calendar and every callback
    object alive until close().  Not thread-safe: one thread at a time."""

    def __init__(self, store=None, notifier=None, calendar=None, *,
                 batch=0, retries=0, on_effects=None):
        from .calendar import default_calendar
        self.calendar = calendar or default_calendar()
        self.store = store if store is not None else MemoryStore()
        self.notifier = notifier
        self.on_effects = on_effects
        self.closed = True
        self._guard = _Guard()
        self._steps = []
        #: (where, exception) of every callback that raised, for the host.
        self.callback_errors = []

        if isinstance(self.store, Store) or not hasattr(self.store, "c_ops"):
            self._store_adapter = _PyStoreAdapter(self.store, self._guard)
            ops, userdata = self._store_adapter.c_ops()
        else:
            self._store_adapter = None
            ops, userdata = self.store.c_ops()
        self._notifier_adapter = (_NotifierAdapter(notifier, self._guard)
                                  if notifier is not None else None)

        def effects(account, fx, _ud):
            def body():
                step = Step(account.decode(), _effects(fx))
                self._steps.append(step)
                if self.on_effects is not None:
                    self.on_effects(step)
            self._guard.run("on_effects", body)
        self._effects_fn = EFFECTS_FN(effects)

        o = EngineOptions()
        check(lib.bpacct_engine_options_init(byref(o),
                                             CONSTANTS["ENGINE_OPTIONS_VERSION"]))
        o.store = ops
        o.store_userdata = userdata
        if self._notifier_adapter is not None:
            o.notifier = ctypes.cast(byref(self._notifier_adapter.ops), c_void_p)
        o.calendar = self.calendar.handle
        o.on_effects = self._effects_fn
        o.batch, o.retries = batch, retries
        self._options = o  # the engine copies it; kept for clarity
        h = c_void_p()
        check(lib.bpacct_engine_new(byref(h), byref(o)),
              "bpacct_engine_new (the library gives no reason yet)")
        self._h = h
        self._guard.engine = h
        self.closed = False
        if hasattr(self.store, "_engines"):
            self.store._engines.add(self)
        if hasattr(self.store, "_attach"):
            self.store._attach(h)

    # the call wrapper: errors of callbacks become the exception's cause
    def _call(self, fn, *args):
        if self.closed:
            raise ValueError("engine closed")
        g = self._guard
        g.errors, g.fatal, self._steps = [], None, []
        rc = fn(self._h, *args)
        errors, fatal, steps = g.errors, g.fatal, self._steps
        self.callback_errors.extend(errors)
        if fatal is not None:
            raise fatal
        if rc != _OK:
            exc = error_from(rc, lib.bpacct_engine_last_error(self._h).decode())
            store_errors = [e for w, e in errors if w.startswith("store.")]
            raise exc from (store_errors[-1] if store_errors else None)
        return steps

    def submit(self, account, event, check=False):
        """Submits an event (bpacct_engine_submit) and returns the Steps
        committed (what was due first, then the event's).  check=True
        raises RefusedError when the input was refused."""
        ev, keep = event._c()
        steps = self._call(lib.bpacct_engine_submit, account.encode(), byref(ev))
        del keep
        if check:
            for s in steps:
                for e in s.effects:
                    if e.type == EffectType.REFUSED and s.account == account:
                        raise RefusedError(e.reasons, account)
        return steps

    def tick(self, at):
        """Runs everything due at or before at, then retries the outbox."""
        return self._call(lib.bpacct_engine_tick, to_instant(at))

    def deliver(self):
        """Retries the outbox; returns the notices still pending."""
        n = c_uint32()
        self._call(lib.bpacct_engine_deliver, byref(n))
        return n.value

    def preview(self, at):
        """A dry run of tick(at): (count, steps), nothing written."""
        n = c_uint32()
        steps = self._call(lib.bpacct_engine_preview, to_instant(at), byref(n))
        return n.value, steps

    def account(self, id):
        """A snapshot of an account (Account), or NotFoundError."""
        h = c_void_p()
        check(lib.bpacct_account_new(byref(h), id.encode(), None))
        try:
            self._call(lib.bpacct_engine_account, id.encode(), h)
            return Account(_read(
                lambda f, o: lib.bpacct_account_get_int(h, f, o),
                lambda f, o: lib.bpacct_account_get_text(h, f, o)))
        finally:
            lib.bpacct_account_free(h)

    def last_error(self):
        return lib.bpacct_engine_last_error(self._h).decode()

    def close(self):
        if not self.closed:
            if hasattr(self.store, "_attach"):
                self.store._attach(None)
            lib.bpacct_engine_free(self._h)
            self._guard.engine = None
            self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass
