# SPDX-License-Identifier: MIT
"""Vietnam civil time (rule T1, UTC+07:00) and the lunar calendar.

Instants are aware datetimes (int64 seconds since the epoch in C); days
are dates (int32 days since 1970-01-01 in C)."""
import ctypes
from datetime import date, datetime, timedelta, timezone

from ._constants import CONSTANTS
from ._lib import LunarDateC, lib
from .errors import check

__all__ = ["VN", "to_instant", "from_instant", "to_day", "from_day",
           "parse_instant", "format_instant", "LunarDate", "lunar_leap_month",
           "lunar_month_length", "lunar_range"]

#: Vietnam civil time, UTC+07:00, no daylight saving.
VN = timezone(timedelta(seconds=CONSTANTS["UTC_OFFSET_SECONDS"]), "ICT")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_DAY0 = date(1970, 1, 1)
INSTANT_NONE = CONSTANTS["INSTANT_NONE"]


def to_instant(dt):
    """An aware datetime as seconds since the epoch (a fraction truncated
    towards the past, as bpacct_instant_parse()); None as INSTANT_NONE.
    A naive datetime is refused: the library has no local time."""
    if dt is None:
        return INSTANT_NONE
    if isinstance(dt, int):
        return dt
    if not isinstance(dt, datetime):
        raise TypeError("an aware datetime is needed, not %r" % type(dt))
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("naive datetime %s: give it a tzinfo (bpacct.VN "
                         "for Vietnam time)" % dt.isoformat())
    d = dt - _EPOCH
    return d.days * 86400 + d.seconds


def from_instant(instant):
    """Seconds since the epoch as an aware datetime in Vietnam time;
    INSTANT_NONE as None."""
    if instant is None or instant == INSTANT_NONE:
        return None
    return (_EPOCH + timedelta(seconds=int(instant))).astimezone(VN)


def to_day(d):
    """A date as the library's day number."""
    if isinstance(d, datetime):
        raise TypeError("a date is needed, not a datetime (use "
                        "dt.astimezone(bpacct.VN).date())")
    return (d - _DAY0).days


def from_day(n):
    return _DAY0 + timedelta(days=int(n))


def parse_instant(text):
    """An RFC 3339 date-time (any offset) as an aware datetime (Vietnam
    time), parsed by the library."""
    raw = text.encode()
    out = ctypes.c_int64()
    check(lib.bpacct_instant_parse(ctypes.byref(out), raw, len(raw)), text)
    return from_instant(out.value)


def format_instant(dt):
    """"YYYY-MM-DDTHH:MM:SS+07:00", formatted by the library."""
    buf = ctypes.create_string_buffer(CONSTANTS["INSTANT_BUFSIZE"])
    check(lib.bpacct_instant_format(buf, len(buf), to_instant(dt)))
    return buf.value.decode()


class LunarDate:
    """A Vietnamese lunar date (âm lịch), 1900-01-31 … 2199-12-31."""

    __slots__ = ("year", "month", "day", "leap")

    def __init__(self, year, month, day, leap=False):
        self.year, self.month, self.day, self.leap = year, month, day, bool(leap)

    @classmethod
    def from_solar(cls, d):
        out = LunarDateC()
        check(lib.bpacct_lunar_from_solar(ctypes.byref(out), to_day(d)))
        return cls(out.year, out.month, out.day, out.leap)

    def to_solar(self):
        c = LunarDateC(self.year, self.month, self.day, int(self.leap))
        out = ctypes.c_int32()
        check(lib.bpacct_lunar_to_solar(ctypes.byref(out), ctypes.byref(c)))
        return from_day(out.value)

    def __eq__(self, other):
        return isinstance(other, LunarDate) and (
            self.year, self.month, self.day, self.leap) == (
            other.year, other.month, other.day, other.leap)

    def __hash__(self):
        return hash((self.year, self.month, self.day, self.leap))

    def __repr__(self):
        return "LunarDate(%d, %d, %d%s)" % (self.year, self.month, self.day,
                                           ", leap=True" if self.leap else "")


def lunar_leap_month(year):
    """The month a lunar year repeats (1–12), or 0."""
    out = ctypes.c_int32()
    check(lib.bpacct_lunar_leap_month(ctypes.byref(out), year))
    return out.value


def lunar_month_length(year, month, leap=False):
    out = ctypes.c_int32()
    check(lib.bpacct_lunar_month_length(ctypes.byref(out), year, month,
                                        int(leap)))
    return out.value


def lunar_range():
    a, b = ctypes.c_int32(), ctypes.c_int32()
    check(lib.bpacct_lunar_range(ctypes.byref(a), ctypes.byref(b)))
    return from_day(a.value), from_day(b.value)
