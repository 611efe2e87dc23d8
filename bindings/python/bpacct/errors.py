# SPDX-License-Identifier: MIT
"""Exceptions: a status code with its name and message (bpacct_error_name,
bpacct_strerror) and the engine's own message; a refusal with its reason
codes and their Vietnamese and English messages."""
from ._constants import Lang, Reason, Status, CONSTANTS
from ._lib import lib

__all__ = ["BpacctError", "InvalidError", "OutOfRangeError", "NoMemoryError",
           "MisuseError", "ParseError", "NotFoundError", "BufferSizeError",
           "NotSupportedError", "HostError", "ConflictError", "RecursiveError",
           "RefusedError", "ReasonInfo", "reason_info", "error_from"]


def _enum(cls, value):
    try:
        return cls(value)
    except ValueError:
        return value


class BpacctError(Exception):
    """A bpacct status code other than BPACCT_OK.

    code: the Status (an int when the library is newer than the binding
    or for a host code at or below EHOST_MAX); name: bpacct_error_name();
    message: bpacct_strerror() (English); detail: the engine's or store's
    own message (bpacct_engine_last_error()), "" when there is none.

    Raise one (or a subclass) from a store or notifier callback to return
    that code to the library: a library code or a host code at or below
    EHOST_MAX (−1000) is passed through; any other exception is EUSER."""

    status = None

    def __init__(self, code=None, detail=""):
        if code is None:
            code = self.status if self.status is not None else Status.EUSER
        self.code = _enum(Status, int(code))
        self.name = lib.bpacct_error_name(int(code)).decode()
        self.message = lib.bpacct_strerror(int(code)).decode()
        self.detail = detail or ""
        text = "%s (%s)" % (self.message, self.name)
        if self.detail:
            text += ": " + self.detail
        super().__init__(text)


class InvalidError(BpacctError, ValueError):
    status = Status.EINVAL


class OutOfRangeError(BpacctError, ValueError):
    status = Status.ERANGE


class NoMemoryError(BpacctError, MemoryError):
    status = Status.ENOMEM


class MisuseError(BpacctError):
    status = Status.EMISUSE


class ParseError(BpacctError, ValueError):
    status = Status.EPARSE


class NotFoundError(BpacctError, LookupError):
    status = Status.ENOTFOUND


class BufferSizeError(BpacctError):
    status = Status.EBUFSIZE


class NotSupportedError(BpacctError):
    status = Status.ENOTSUP


class HostError(BpacctError):
    status = Status.EUSER


class ConflictError(BpacctError):
    status = Status.ECONFLICT


class RecursiveError(BpacctError):
    status = Status.ERECURSIVE


_BY_CODE = {c.status: c for c in (
    InvalidError, OutOfRangeError, NoMemoryError, MisuseError, ParseError,
    NotFoundError, BufferSizeError, NotSupportedError, HostError,
    ConflictError, RecursiveError)}


def error_from(code, detail=""):
    """The exception for a status code."""
    return _BY_CODE.get(code, BpacctError)(code, detail)


def check(rc, detail=""):
    if rc != 0:
        raise error_from(rc, detail() if callable(detail) else detail)
    return rc


def callback_code(exc):
    """The int a callback returns for an exception: its code when it is a
    BpacctError with a library code or a host code (≤ EHOST_MAX), else
    EUSER.  Never 0."""
    if isinstance(exc, BpacctError):
        code = int(exc.code)
        if code <= CONSTANTS["EHOST_MAX"]:
            return code
        if code < 0 and code in Status._value2member_map_:
            return code
    return int(Status.EUSER)


class ReasonInfo:
    """A reason code with its stable name and both messages."""

    __slots__ = ("code", "name", "message_vi", "message_en")

    def __init__(self, code):
        self.code = _enum(Reason, int(code))
        self.name = lib.bpacct_reason_name(int(code)).decode()
        self.message_vi = lib.bpacct_reason_message(int(code), Lang.VI).decode()
        self.message_en = lib.bpacct_reason_message(int(code), Lang.EN).decode()

    def __eq__(self, other):
        return int(self.code) == int(getattr(other, "code", other))

    def __hash__(self):
        return hash(int(self.code))

    def __repr__(self):
        return "ReasonInfo(%s, %r)" % (getattr(self.code, "name", self.code),
                                       self.message_en)


def reason_info(code):
    return ReasonInfo(code)


class RefusedError(Exception):
    """An input the rules refused (raised by Engine.submit(check=True)):
    reasons is a list of ReasonInfo; code, name, message_vi and
    message_en are those of the first."""

    def __init__(self, reasons, account=""):
        self.reasons = [r if isinstance(r, ReasonInfo) else ReasonInfo(r)
                        for r in reasons] or [ReasonInfo(0)]
        first = self.reasons[0]
        self.account = account
        self.code, self.name = first.code, first.name
        self.message_vi, self.message_en = first.message_vi, first.message_en
        super().__init__("%s refused: %s (%s) / %s" % (
            account, self.message_en, self.name, self.message_vi))
