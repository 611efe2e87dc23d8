# SPDX-License-Identifier: MIT
"""bpacct for Python: the lifecycle of electronic accounts under the BP and
XNC procedures, over libbpacct.so.1 through ctypes.

The library is found through BPACCT_LIBRARY (a path) or the system loader
(libbpacct.so.1); the SQLite store through BPACCT_SQLITE_LIBRARY or
libbpacct-sqlite.so.1, on first use.  At import the library's ABI version,
major version and status codes are checked against the constants this
package was generated from (bpacct/_constants.py)."""
from ._constants import *  # noqa: F401,F403 - the generated enums
from ._constants import CONSTANTS, GENERATED_FROM
from ._lib import LoadError, lib as _clib
from .calendar import Calendar, DayInfo, Deadline, deadline, default_calendar, rule_basis
from .civil import (VN, LunarDate, format_instant, from_day, from_instant,
                    lunar_leap_month, lunar_month_length, lunar_range,
                    parse_instant, to_day, to_instant)
from .engine import (Account, Change, ChangeEntry, Effect, Engine, Entry,
                     Event, MemoryStore, Notifier, SqliteStore, Step, Store)
from .errors import *  # noqa: F401,F403

__version__ = GENERATED_FROM


def library_version():
    """The version of the loaded libbpacct, "X.Y.Z"."""
    return _clib.bpacct_version_string().decode()
