# SPDX-License-Identifier: MIT
"""The civil-service working calendar and the procedure deadlines."""
import ctypes
from ctypes import byref, c_char_p, c_int32, c_int64, c_uint32, c_void_p

from ._constants import (CONSTANTS, CalendarFlag, Channel, DayKind,
                         DaySource, DeadlineFlag, Lang, Rule)
from ._lib import CalendarOptions, DeadlineOptions, lib
from .civil import from_day, from_instant, to_day, to_instant
from .errors import _enum, check

__all__ = ["Calendar", "DayInfo", "Deadline", "deadline", "rule_basis",
           "default_calendar"]


class DayInfo:
    __slots__ = ("date", "working", "kind", "source", "name")

    def __init__(self, d, working, kind, source, name):
        self.date, self.working = d, bool(working)
        self.kind, self.source = _enum(DayKind, kind), _enum(DaySource, source)
        self.name = name

    def __repr__(self):
        return "DayInfo(%s, working=%s, %s, %s, %r)" % (
            self.date, self.working, getattr(self.kind, "name", self.kind),
            getattr(self.source, "name", self.source), self.name)


class Calendar:
    """A working calendar 2013-01-01 … 2199-12-31 (bpacct_calendar)."""

    def __init__(self, no_announced=False):
        opts = CalendarOptions()
        check(lib.bpacct_calendar_options_init(
            byref(opts), CONSTANTS["CALENDAR_OPTIONS_VERSION"]))
        if no_announced:
            opts.flags |= CalendarFlag.NO_ANNOUNCED
        h = c_void_p()
        check(lib.bpacct_calendar_new(byref(h), byref(opts)))
        self._h = h
        self._engines = 0

    @property
    def handle(self):
        if not self._h:
            raise ValueError("calendar closed")
        return self._h

    def close(self):
        if self._h:
            lib.bpacct_calendar_free(self._h)
            self._h = c_void_p()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def range(self):
        a, b = c_int32(), c_int32()
        check(lib.bpacct_calendar_range(self.handle, byref(a), byref(b)))
        return from_day(a.value), from_day(b.value)

    def is_working_day(self, d):
        out = c_int32()
        check(lib.bpacct_calendar_is_working_day(self.handle, to_day(d),
                                                 byref(out)))
        return bool(out.value)

    def day_info(self, d):
        w, k, s, n = c_int32(), c_int32(), c_int32(), c_char_p()
        check(lib.bpacct_calendar_day_info(self.handle, to_day(d), byref(w),
                                           byref(k), byref(s), byref(n)))
        return DayInfo(d, w.value, k.value, s.value, (n.value or b"").decode())

    def entries(self, year):
        """Every entry (holiday, compensatory, swap, make-up) of a year."""
        count = c_uint32()
        check(lib.bpacct_calendar_entry_count(self.handle, year, byref(count)))
        out = []
        for i in range(count.value):
            d, k, s, n = c_int32(), c_int32(), c_int32(), c_char_p()
            check(lib.bpacct_calendar_entry_at(self.handle, year, i, byref(d),
                                               byref(k), byref(s), byref(n)))
            day = from_day(d.value)
            out.append(DayInfo(day, self.is_working_day(day), k.value,
                               s.value, (n.value or b"").decode()))
        return out

    def year_projected(self, year):
        out = c_int32()
        check(lib.bpacct_calendar_year_projected(self.handle, year, byref(out)))
        return bool(out.value)

    def count_working_days(self, start, end):
        """Working days in [start, end)."""
        out = c_int32()
        check(lib.bpacct_calendar_count_working_days(
            self.handle, to_day(start), to_day(end), byref(out)))
        return out.value

    def offset_working_days(self, d, n):
        out = c_int32()
        check(lib.bpacct_calendar_offset_working_days(self.handle, to_day(d),
                                                      n, byref(out)))
        return from_day(out.value)

    def add_day(self, d, kind, name=None):
        check(lib.bpacct_calendar_add_day(
            self.handle, to_day(d), int(kind),
            name.encode() if name is not None else None))

    def add_csv(self, text):
        raw = text.encode() if isinstance(text, str) else bytes(text)
        line = c_int32(0)
        rc = lib.bpacct_calendar_add_csv(self.handle, raw, len(raw), byref(line))
        check(rc, lambda: "line %d" % line.value if line.value else "")


_default = None


def default_calendar():
    """One shared Calendar() (built on first use)."""
    global _default
    if _default is None:
        _default = Calendar()
    return _default


class Deadline:
    __slots__ = ("rule", "due", "late_after", "flags")

    def __init__(self, rule, due, late_after, flags):
        self.rule, self.due, self.late_after = rule, due, late_after
        self.flags = DeadlineFlag(flags)

    def __repr__(self):
        return "Deadline(%s, due=%s, late_after=%s, flags=%r)" % (
            self.rule.name, self.due.isoformat(), self.late_after.isoformat(),
            self.flags)


def deadline(rule, at, calendar=None, *, channel=None, last_used=None,
             flags=0):
    """bpacct_deadline_compute(): when the action of a rule is due.

    rule: a Rule; at: the aware datetime of the rule's event; channel:
    the Channel (xnc-request); last_used: for the rolling inactivity
    policy; flags: DeadlineFlag policy flags."""
    cal = calendar or default_calendar()
    opts = DeadlineOptions()
    check(lib.bpacct_deadline_options_init(
        byref(opts), CONSTANTS["DEADLINE_OPTIONS_VERSION"]))
    opts.flags = int(flags)
    if channel is not None:
        opts.channel = int(channel)
    if last_used is not None:
        opts.last_used = to_instant(last_used)
    due, late, out_flags = c_int64(), c_int64(), c_uint32()
    check(lib.bpacct_deadline_compute(cal.handle, byref(opts), int(rule),
                                      to_instant(at), byref(due), byref(late),
                                      byref(out_flags)))
    return Deadline(Rule(rule), from_instant(due.value),
                    from_instant(late.value), out_flags.value)


def rule_basis(rule, lang=Lang.EN):
    """The legal basis of a rule in one line."""
    return lib.bpacct_rule_basis(int(rule), int(lang)).decode()
