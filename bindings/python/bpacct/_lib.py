# SPDX-License-Identifier: MIT
"""Loading libbpacct.so.1, the ctypes prototypes and the struct mirrors.

Only the public headers are mirrored (include/bpacct/*.h, sys/*.h,
sqlite.h).  Everything here is private to the package."""
import ctypes
import os
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char_p, c_int, c_int32,
                    c_int64, c_size_t, c_uint8, c_uint32, c_uint64, c_void_p)

from . import _constants as K

C = K.CONSTANTS
#: The SONAME this binding was written for (BPACCT_SOVERSION).
SONAME = "libbpacct.so.%d" % C["SOVERSION"]
SQLITE_SONAME = "libbpacct-sqlite.so.%d" % C["SOVERSION"]


class LoadError(ImportError):
    """The library could not be loaded or does not match this binding."""


def _load(env, soname):
    path = os.environ.get(env)
    try:
        return ctypes.CDLL(path or soname)
    except OSError as e:
        raise LoadError("cannot load %s (set %s to its path, or make it "
                        "visible to the system loader: ldconfig or "
                        "LD_LIBRARY_PATH): %s" % (path or soname, env, e)) from e


# -- struct mirrors (the layouts of the public headers) -------------------

class CalendarOptions(Structure):  # bpacct/calendar.h
    _fields_ = [("version", c_uint32), ("flags", c_uint32),
                ("allocator", c_void_p)]


class DeadlineOptions(Structure):  # bpacct/deadline.h
    _fields_ = [("version", c_uint32), ("flags", c_uint32),
                ("channel", c_int32), ("last_used", c_int64),
                ("reception", c_void_p), ("working_hours", c_void_p)]


class LunarDateC(Structure):  # bpacct/lunar.h
    _fields_ = [("year", c_int32), ("month", c_int32), ("day", c_int32),
                ("leap", c_int32)]


class EventC(Structure):  # bpacct/lifecycle.h
    _fields_ = [
        ("version", c_uint32), ("input", c_int32), ("at", c_int64),
        ("actor", c_int32), ("procedure", c_int32), ("owner", c_char_p),
        ("holder_id_type", c_int32), ("holder_id_number", c_char_p),
        ("request", c_char_p), ("requester", c_char_p),
        ("channel", c_int32), ("documents", c_uint32),
        ("enterprise_code", c_char_p), ("id_type", c_int32),
        ("id_number", c_char_p),
        ("na20", c_char_p * C["NA20_FIELDS"]),
        ("na20_sealed", c_int32), ("result_channel", c_int32),
        ("flag", c_int32), ("detail", c_char_p)]


# Callbacks (BPACCT_CALLBACK is cdecl; CFUNCTYPE is cdecl).
GET_FN = CFUNCTYPE(c_int, c_char_p, POINTER(c_uint8), c_size_t,
                   POINTER(c_size_t), c_void_p)
COMMIT_FN = CFUNCTYPE(c_int, c_void_p, c_void_p)
DUE_FN = CFUNCTYPE(c_int, c_int64, c_uint32, c_void_p, c_void_p)
OUTBOX_FN = CFUNCTYPE(c_int, c_uint32, c_void_p, c_void_p)
MARK_FN = CFUNCTYPE(c_int, c_char_p, c_void_p)
DELIVER_FN = CFUNCTYPE(c_int, c_void_p, c_void_p)
EFFECTS_FN = CFUNCTYPE(None, c_char_p, c_void_p, c_void_p)


class StoreOps(Structure):  # bpacct/sys/store.h
    _fields_ = [("version", c_uint32), ("get_account", GET_FN),
                ("get_request", GET_FN), ("commit", COMMIT_FN),
                ("due", DUE_FN), ("outbox", OUTBOX_FN),
                ("mark_delivered", MARK_FN)]


class NotifierOps(Structure):  # bpacct/sys/notifier.h
    _fields_ = [("version", c_uint32), ("deliver", DELIVER_FN)]


class EngineOptions(Structure):  # bpacct/engine.h
    _fields_ = [
        ("version", c_uint32), ("store", c_void_p),
        ("store_userdata", c_void_p), ("notifier", c_void_p),
        ("notifier_userdata", c_void_p), ("calendar", c_void_p),
        ("profiles", c_void_p), ("profile_count", c_uint32),
        ("allocator", c_void_p), ("on_effects", EFFECTS_FN),
        ("effects_userdata", c_void_p), ("batch", c_uint32),
        ("retries", c_uint32)]


#: Every mirror, by C type name, with the struct version it mirrors
#: (the library accepts older versions, so a mirror of version N stays
#: valid with any later library of the same SONAME).
MIRRORS = {
    "bpacct_calendar_options": (CalendarOptions, "CALENDAR_OPTIONS_VERSION"),
    "bpacct_deadline_options": (DeadlineOptions, "DEADLINE_OPTIONS_VERSION"),
    "bpacct_lunar_date": (LunarDateC, None),
    "bpacct_event": (EventC, "EVENT_VERSION"),
    "bpacct_engine_options": (EngineOptions, "ENGINE_OPTIONS_VERSION"),
    "bpacct_store_ops": (StoreOps, "STORE_OPS_VERSION"),
    "bpacct_notifier_ops": (NotifierOps, "NOTIFIER_OPS_VERSION"),
}
#: The struct versions the mirrors were written for.
MIRROR_VERSIONS = {"CALENDAR_OPTIONS_VERSION": 1, "DEADLINE_OPTIONS_VERSION": 1,
                   "EVENT_VERSION": 1, "ENGINE_OPTIONS_VERSION": 1,
                   "STORE_OPS_VERSION": 1, "NOTIFIER_OPS_VERSION": 1}

# -- prototypes ------------------------------------------------------------

P = c_void_p
i32p, i64p, u32p, u64p = (POINTER(c_int32), POINTER(c_int64),
                          POINTER(c_uint32), POINTER(c_uint64))
PROTOS = {
    # version.h, errors.h, reason.h
    "bpacct_version_string": (c_char_p, []),
    "bpacct_version_number": (c_uint32, []),
    "bpacct_soversion": (c_uint32, []),
    "bpacct_strerror": (c_char_p, [c_int]),
    "bpacct_error_name": (c_char_p, [c_int]),
    "bpacct_reason_message": (c_char_p, [c_int32, c_int32]),
    "bpacct_reason_name": (c_char_p, [c_int32]),
    # civil.h
    "bpacct_day_from_date": (c_int, [i32p, c_int32, c_int32, c_int32]),
    "bpacct_instant_parse": (c_int, [i64p, c_char_p, c_size_t]),
    "bpacct_instant_format": (c_int, [c_char_p, c_size_t, c_int64]),
    # lunar.h
    "bpacct_lunar_from_solar": (c_int, [POINTER(LunarDateC), c_int32]),
    "bpacct_lunar_to_solar": (c_int, [i32p, POINTER(LunarDateC)]),
    "bpacct_lunar_leap_month": (c_int, [i32p, c_int32]),
    "bpacct_lunar_month_length": (c_int, [i32p, c_int32, c_int32, c_int32]),
    "bpacct_lunar_range": (c_int, [i32p, i32p]),
    # calendar.h
    "bpacct_calendar_options_init": (c_int, [POINTER(CalendarOptions), c_uint32]),
    "bpacct_calendar_new": (c_int, [POINTER(P), POINTER(CalendarOptions)]),
    "bpacct_calendar_free": (None, [P]),
    "bpacct_calendar_range": (c_int, [P, i32p, i32p]),
    "bpacct_calendar_add_day": (c_int, [P, c_int32, c_int32, c_char_p]),
    "bpacct_calendar_add_csv": (c_int, [P, c_char_p, c_size_t, i32p]),
    "bpacct_calendar_is_working_day": (c_int, [P, c_int32, i32p]),
    "bpacct_calendar_day_info": (c_int, [P, c_int32, i32p, i32p, i32p,
                                         POINTER(c_char_p)]),
    "bpacct_calendar_entry_count": (c_int, [P, c_int32, u32p]),
    "bpacct_calendar_entry_at": (c_int, [P, c_int32, c_uint32, i32p, i32p,
                                         i32p, POINTER(c_char_p)]),
    "bpacct_calendar_year_projected": (c_int, [P, c_int32, i32p]),
    "bpacct_calendar_count_working_days": (c_int, [P, c_int32, c_int32, i32p]),
    "bpacct_calendar_offset_working_days": (c_int, [P, c_int32, c_int32, i32p]),
    # deadline.h
    "bpacct_deadline_options_init": (c_int, [POINTER(DeadlineOptions), c_uint32]),
    "bpacct_deadline_compute": (c_int, [P, POINTER(DeadlineOptions), c_int32,
                                        c_int64, i64p, i64p, u32p]),
    "bpacct_rule_name": (c_char_p, [c_int32]),
    "bpacct_rule_basis": (c_char_p, [c_int32, c_int32]),
    # profile.h
    "bpacct_profile_get": (c_int, [c_int32, POINTER(P)]),
    # lifecycle.h
    "bpacct_event_init": (c_int, [POINTER(EventC), c_uint32, c_int32, c_int64]),
    "bpacct_account_new": (c_int, [POINTER(P), c_char_p, P]),
    "bpacct_account_free": (None, [P]),
    "bpacct_account_get_int": (c_int, [P, c_int32, i64p]),
    "bpacct_account_get_text": (c_int, [P, c_int32, POINTER(c_char_p)]),
    "bpacct_effects_count": (c_int, [P, u32p]),
    "bpacct_effect_get_int": (c_int, [P, c_uint32, c_int32, i64p]),
    "bpacct_effect_get_text": (c_int, [P, c_uint32, c_int32, POINTER(c_char_p)]),
    "bpacct_effect_reason": (c_int, [P, c_uint32, c_uint32, i32p]),
    "bpacct_value_name": (c_char_p, [c_int32, c_int32]),
    # engine.h
    "bpacct_engine_options_init": (c_int, [POINTER(EngineOptions), c_uint32]),
    "bpacct_engine_new": (c_int, [POINTER(P), POINTER(EngineOptions)]),
    "bpacct_engine_free": (None, [P]),
    "bpacct_engine_submit": (c_int, [P, c_char_p, POINTER(EventC)]),
    "bpacct_engine_tick": (c_int, [P, c_int64]),
    "bpacct_engine_deliver": (c_int, [P, u32p]),
    "bpacct_engine_preview": (c_int, [P, c_int64, u32p]),
    "bpacct_engine_account": (c_int, [P, c_char_p, P]),
    "bpacct_engine_last_error": (c_char_p, [P]),
    "bpacct_engine_set_error": (c_int, [P, c_char_p]),
    "bpacct_entry_get_int": (c_int, [P, c_int32, i64p]),
    "bpacct_entry_get_text": (c_int, [P, c_int32, POINTER(c_char_p)]),
    "bpacct_entry_reason": (c_int, [P, c_uint32, i32p]),
    "bpacct_memory_store_new": (c_int, [POINTER(P), P]),
    "bpacct_memory_store_free": (None, [P]),
    "bpacct_memory_store_ops": (P, []),
    "bpacct_memory_store_stats": (c_int, [P, u64p, u64p, u64p, u64p]),
    # sys/store.h, sys/notifier.h
    "bpacct_store_ops_init": (c_int, [POINTER(StoreOps), c_uint32]),
    "bpacct_notifier_ops_init": (c_int, [POINTER(NotifierOps), c_uint32]),
    "bpacct_change_get_int": (c_int, [P, c_int32, i64p]),
    "bpacct_change_account": (c_int, [P, POINTER(c_char_p), POINTER(P),
                                      POINTER(c_size_t)]),
    "bpacct_change_request": (c_int, [P, POINTER(c_char_p), POINTER(P),
                                      POINTER(c_size_t)]),
    "bpacct_change_entry": (c_int, [P, c_uint32, POINTER(P), POINTER(P),
                                    POINTER(c_size_t)]),
    "bpacct_sink_add_id": (c_int, [P, c_char_p]),
    "bpacct_sink_add_entry": (c_int, [P, c_char_p, c_size_t]),
    "bpacct_entry_new": (c_int, [POINTER(P), P]),
    "bpacct_entry_free": (None, [P]),
    "bpacct_entry_decode": (c_int, [P, c_char_p, c_size_t]),
}

SQLITE_PROTOS = {
    "bpacct_sqlite_store_open": (c_int, [POINTER(P), c_char_p, P]),
    "bpacct_sqlite_store_close": (None, [P]),
    "bpacct_sqlite_store_ops": (P, []),
    "bpacct_sqlite_store_set_engine": (c_int, [P, P]),
    "bpacct_sqlite_store_last_error": (c_char_p, [P]),
    "bpacct_sqlite_store_stats": (c_int, [P, u64p, u64p, u64p, i64p]),
}


def _bind(dll, protos):
    for name, (res, args) in protos.items():
        f = getattr(dll, name)
        f.restype = res
        f.argtypes = args
    return dll


def check_library(dll):
    """What can be checked of the loaded library against the mirrors.

    - the SONAME's ABI version (bpacct_soversion()) is the one the
      constants were generated for;
    - the major version (bpacct_version_number()) is the generated one's;
    - every struct version a mirror was written for is still known to the
      headers the constants came from (a mirror of version N is valid for
      any later library, which accepts older versions);
    - the status codes the enums hold are the library's (by name).
    """
    so = dll.bpacct_soversion()
    if so != C["SOVERSION"]:
        raise LoadError("libbpacct ABI version %d, this binding is for %d"
                        % (so, C["SOVERSION"]))
    number = dll.bpacct_version_number()
    if number >> 16 != C["VERSION_MAJOR"]:
        raise LoadError("libbpacct %s: this binding was generated from %s"
                        % (dll.bpacct_version_string().decode(),
                           C["VERSION_STRING"]))
    for macro, mirrored in MIRROR_VERSIONS.items():
        if C[macro] < mirrored:
            raise LoadError("%s is %d, the mirror is of version %d"
                            % (macro, C[macro], mirrored))
    for st in K.Status:
        name = dll.bpacct_error_name(int(st)).decode()
        if name != "BPACCT_" + st.name:
            raise LoadError("status %d is %s in the library, %s in the "
                            "binding" % (st, name, st.name))
    check_struct_sizes(dll)


def check_struct_sizes(dll):
    """Every struct mirror against the library's own size and version
    (bpacct_struct_size(), since 0.5.0): a mirror that does not match the
    linked library is refused at load time, before any struct is passed."""
    query = getattr(dll, "bpacct_struct_size", None)
    if query is None:
        return  # an older library: the layouts are checked by the tests
    query.restype = c_int
    query.argtypes = [c_int32, ctypes.POINTER(c_uint32),
                      ctypes.POINTER(c_uint32)]
    kinds = {k.name.lower(): int(k) for k in K.StructKind}
    for cname, (mirror, _) in MIRRORS.items():
        kind = kinds.get(cname[len("bpacct_"):])
        if kind is None:
            continue
        size, version = c_uint32(0), c_uint32(0)
        if query(kind, ctypes.byref(size), ctypes.byref(version)) != 0:
            continue  # a kind this library does not know
        if size.value != ctypes.sizeof(mirror):
            raise LoadError("%s: the library says %d bytes, the mirror has %d"
                            % (cname, size.value, ctypes.sizeof(mirror)))


lib = _bind(_load("BPACCT_LIBRARY", SONAME), PROTOS)
check_library(lib)

_sqlite = None


def sqlite():
    """libbpacct-sqlite.so.1, loaded on first use (optional)."""
    global _sqlite
    if _sqlite is None:
        _sqlite = _bind(_load("BPACCT_SQLITE_LIBRARY", SQLITE_SONAME),
                        SQLITE_PROTOS)
    return _sqlite
