"""A reference model of `bpacct run` (cli.md), written from the rules only.

This is a second, deliberately simple implementation of the lifecycle of
/work/shared/spec/rules.md (T*, BP-R*, XNC-R*, E1-E9), of the tool contract
(cli.md) and of the decisions of docs/lifecycle.md, docs/procedure-bp.md and
docs/procedure-xnc.md.  It shares no code with the library: it reads only
data/vn_civil_service_calendar_2020_2026.csv (the announced civil-service
calendar, rule C2).  Every instant the generator makes lies inside
2020-01-01..2026-12-15, so no projected year (C3) is ever needed; BP needs
no calendar at all (T2: 2-hour periods on the clock; BP-R5: calendar months,
no Art. 148(5) extension).

Model.line(event) takes one input event (a dict, as cli.md defines it) and
returns the effects the tool must print for that line, as raw dicts shaped
like the tool's output.  normalise() (used on the model's AND on the tool's
effects) keeps only what the rules pin; compare_line() compares two lists.

READINGS.  Where the rules are silent the model follows docs/lifecycle.md or
the behaviour of the binary as it was when this model was written; each such
choice is marked "READING:" below, so a reviewer can find them all with
grep.
"""

import calendar as _pycal
import csv
import datetime as _dt
import json
import os
import re

HOUR = 3600
DAY = 86400
VN = 7 * HOUR  # T1: UTC+07:00, no DST

# --------------------------------------------------------------------------
# Instants (T1, cli.md conventions)

_INSTANT = re.compile(
    r'^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})$')


def parse_instant(s):
    m = _INSTANT.match(s)
    if not m:
        raise ValueError('bad instant %r' % s)
    y, mo, d, h, mi, se = (int(x) for x in m.groups()[:6])
    off = m.group(7)
    if off == 'Z':
        o = 0
    else:
        sign = 1 if off[0] == '+' else -1
        o = sign * (int(off[1:3]) * HOUR + int(off[4:6]) * 60)
    days = _dt.date(y, mo, d).toordinal() - _dt.date(1970, 1, 1).toordinal()
    return days * DAY + h * HOUR + mi * 60 + se - o


def fmt(t):
    """Output format of cli.md: always +07:00, whole seconds."""
    if t is None:
        return None
    lt = t + VN
    days, secs = divmod(lt, DAY)
    d = _dt.date.fromordinal(_dt.date(1970, 1, 1).toordinal() + days)
    return '%04d-%02d-%02dT%02d:%02d:%02d+07:00' % (
        d.year, d.month, d.day, secs // HOUR, secs % HOUR // 60, secs % 60)


def local_date(t):
    days = (t + VN) // DAY
    return _dt.date.fromordinal(_dt.date(1970, 1, 1).toordinal() + days)


def local_midnight(d):
    """The instant 00:00:00+07:00 of date d."""
    days = d.toordinal() - _dt.date(1970, 1, 1).toordinal()
    return days * DAY - VN


def vn(y, mo, d, h=0, mi=0, s=0):
    return local_midnight(_dt.date(y, mo, d)) + h * HOUR + mi * 60 + s


# --------------------------------------------------------------------------
# T3 / BP-R5: issue date + 6 months, corresponding day, end at 24:00

def add_months(d, n):
    """Corresponding day n months after date d (Art. 148(3)); a missing
    corresponding day falls back to the last day of that month."""
    m0 = d.month - 1 + n
    y, m = d.year + m0 // 12, m0 % 12 + 1
    last = _pycal.monthrange(y, m)[1]
    return _dt.date(y, m, min(d.day, last))


def bp_inactivity_due(issued):
    """BP-R5 (a): 24:00 of the day corresponding to the issue date + 6
    months, i.e. 00:00 of the next day; no Art. 148(5) extension."""
    last_day = add_months(local_date(issued), 6)
    return local_midnight(last_day + _dt.timedelta(days=1))


# --------------------------------------------------------------------------
# Calendar (T4, C2) and XNC sessions (XNC-R1, XNC-R2, XNC-R5, E9)

def _default_csv():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, '..', '..', 'data',
                        'vn_civil_service_calendar_2020_2026.csv')


class Calendar:
    def __init__(self, path=None):
        self.off = set()       # holiday, compensatory, swap_off
        self.makeup = set()    # announced working Saturdays
        with open(path or _default_csv(), encoding='utf-8') as f:
            for row in csv.DictReader(f):
                d = _dt.date.fromisoformat(row['date'])
                if row['kind'] == 'working':
                    self.makeup.add(d)
                else:
                    self.off.add(d)
        self._cache = {}

    def working(self, d):
        """T4: not Saturday/Sunday and not a day off; a make-up Saturday is
        a working day."""
        if d in self.makeup:
            return True
        return d.weekday() < 5 and d not in self.off

    def _nonworking_weekday(self, d):
        return d.weekday() < 5 and d in self.off

    def reception(self, d):
        """XNC-R1: sessions of day d as (start, end) half-open instants."""
        key = ('r', d)
        if key in self._cache:
            return self._cache[key]
        m = local_midnight(d)
        if self.working(d):
            s = [(m + 8 * HOUR, m + 12 * HOUR), (m + 13 * HOUR, m + 17 * HOUR)]
        elif d.weekday() == 5 and d not in self.off and not (
                self._nonworking_weekday(d - _dt.timedelta(days=1)) or
                self._nonworking_weekday(d + _dt.timedelta(days=2))):
            # a plain Saturday: morning only, unless inside a holiday break
            s = [(m + 8 * HOUR, m + 12 * HOUR)]
        else:
            s = []
        self._cache[key] = s
        return s

    def result(self, d):
        """XNC-R5: result sessions, working days only (never a plain
        Saturday; a make-up Saturday is a working day)."""
        m = local_midnight(d)
        if self.working(d):
            return [(m + 8 * HOUR, m + 12 * HOUR), (m + 13 * HOUR, m + 17 * HOUR)]
        return []

    def in_session(self, t, kind='reception'):
        f = self.reception if kind == 'reception' else self.result
        return any(a <= t < b for a, b in f(local_date(t)))

    def next_open(self, t, kind='reception'):
        """t itself inside a session (E9: half-open), else the start of the
        next session."""
        f = self.reception if kind == 'reception' else self.result
        d = local_date(t)
        for _ in range(60):
            for a, b in f(d):
                if a <= t < b:
                    return t
                if a > t:
                    return a
            d += _dt.timedelta(days=1)
        raise ValueError('no session within 60 days of %s' % fmt(t))


# --------------------------------------------------------------------------
# Identifiers (domain-reference.md section 7)

_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def check_digit(stem9):
    s = sum(w * int(c) for w, c in zip(_WEIGHTS, stem9))
    r = s % 11
    return None if r == 0 else 10 - r   # S mod 11 = 0: not issued (strict)


def enterprise_code_valid(code):
    """Section 7.2: 10 digits with the mod-11 check digit, optionally a
    branch suffix -001..-999."""
    if not isinstance(code, str):
        return False
    m = re.match(r'^(\d{10})(?:-(\d{3}))?$', code)
    if not m:
        return False
    if m.group(2) is not None and m.group(2) == '000':
        return False
    stem = m.group(1)
    cd = check_digit(stem[:9])
    return cd is not None and cd == int(stem[9])


def enterprise_stem(code):
    return code[:10]


PROVINCES = {
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30,
    31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56,
    58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86,
    87, 89, 91, 92, 93, 94, 95, 96}

CMND_LAST = vn(2025, 1, 1)   # a CMND received at or after this is expired


def cccd_valid(num, at):
    """Section 7.1: 12 digits PPP G YY RRRRRR; PPP a birth-registration code
    (the table, or 001-099: READING: accepted with a warning -- the
    generator never makes an untabled 001-099 code); century from G; birth
    year not after the year of the instant."""
    if not re.match(r'^\d{12}$', num):
        return False
    ppp = int(num[:3])
    if not 1 <= ppp <= 99:
        return False
    g, yy = int(num[3]), int(num[4:6])
    year = 1900 + 100 * (g // 2) + yy
    return year <= local_date(at).year


def passport_valid(num):
    n = num.upper().replace(' ', '')
    return bool(re.match(r'^[A-Z][0-9]{7}$', n) or
                re.match(r'^[A-Z0-9]{5,9}$', n))


def identity_problems(id_type, num, at, holder):
    """BP-R2 checks of one identity document received at `at` against the
    holder on record.  READING (binary): a malformed number gives only its
    own reason; a well-formed CMND received after 2024-12-31 gives
    cmnd_expired and, when it is not the holder's, identity_mismatch too
    (docs: test_bp_r2_expired_cmnd_of_someone_else_lists_both)."""
    if id_type == 'cmnd':
        if not (re.match(r'^\d{9}$', num) or re.match(r'^\d{12}$', num)):
            return ['invalid_cmnd']
        out = ['cmnd_expired'] if at >= CMND_LAST else []
    elif id_type == 'cccd':
        if not cccd_valid(num, at):
            return ['invalid_cccd']
        out = []
    elif id_type == 'passport':
        if not passport_valid(num):
            return ['invalid_passport']
        out = []
    else:
        return ['unknown_id_type']
    if holder is not None and not identity_same(holder, (id_type, num)):
        out.append('identity_mismatch')
    return out


def identity_same(a, b):
    """One person: the same passport (case and spaces ignored), or the same
    12-digit number on a CMND/CCCD (docs:
    test_bp_r2_cmnd_and_cccd_of_one_number_are_one_person)."""
    (ta, na), (tb, nb) = a, b
    if ta == 'passport' or tb == 'passport':
        return (ta == tb and
                na.upper().replace(' ', '') == nb.upper().replace(' ', ''))
    if ta == tb:
        return na == nb
    return len(na) == 12 and na == nb


def holder_problems(holder, at):
    """E5: the holder's document at the issue instant."""
    if not isinstance(holder, dict) or not holder.get('id_number'):
        return ['holder_required']
    return identity_problems(holder.get('id_type'), holder['id_number'], at,
                             None)


# NA20 (XNC-1, XNC-R3)
NA20_FIELDS = ('organisation', 'address', 'phone', 'email', 'account',
               'reason', 'signer')


def phone_valid(s):
    t = re.sub(r'[\s().-]', '', s)
    if t.startswith('+'):
        t = t[1:]
    return t.isdigit() and 9 <= len(t) <= 15


def email_valid(s):
    return bool(re.match(r'^[^@\s]+@[^@\s]+\.[^@\s]+$', s))


def na20_problems(na20, account):
    if not isinstance(na20, dict):
        return ['na20_missing']
    out = []
    for f in NA20_FIELDS:
        v = na20.get(f)
        if not isinstance(v, str) or not v.strip():
            out.append('na20_' + f)
        elif f == 'phone' and not phone_valid(v):
            out.append('na20_phone')
        elif f == 'email' and not email_valid(v):
            out.append('na20_email')
        elif f == 'account' and v != account:
            out.append('na20_account_mismatch')
    if na20.get('sealed') is not True:
        out.append('na20_seal')
    return out


# --------------------------------------------------------------------------
# The model

class Account:
    def __init__(self, aid, proc, owner, holder, issued):
        self.id, self.proc, self.owner, self.issued = aid, proc, owner, issued
        self.holder = holder            # (id_type, id_number) or None
        self.state = 'active'
        self.last_used = None
        self.locked = None
        self.cancelled = None
        self.pending = None   # dict(due, case, rule, request)
        # BP-R5 (a): armed at issue, disarmed for ever by a use before it
        self.cdue = bp_inactivity_due(issued) if proc == 'bp' else None

    def next_due(self):
        """READING (binary, docs/lifecycle.md "earlier due wins"): the
        earliest of the pending cancellation and the BP-C due; on a tie the
        pending one (it carries its request) wins."""
        if self.state == 'cancelled':
            return None
        c = []
        if self.pending is not None:
            c.append((self.pending['due'], 0, dict(self.pending)))
        if self.cdue is not None:
            c.append((self.cdue, 1, dict(due=self.cdue, case='bp-c',
                                         rule='bp-inactivity', request=None)))
        return min(c, key=lambda x: (x[0], x[1]))[2] if c else None


class Request:
    def __init__(self, rid, account, requester, channel, result_channel):
        self.id, self.account, self.requester = rid, account, requester
        self.channel, self.result_channel = channel, result_channel
        self.docs = set()
        self.code = None
        self.identity = None
        self.na20 = None
        self.state = None
        self.standing = None   # dict(outcome, received, due, reasons)


class Model:
    def __init__(self, cal=None, reason_names=None):
        self.cal = cal or Calendar()
        self.accounts = {}
        self.requests = {}
        # the driver maps the codes that are still being named in the
        # library (E5) to the names `bpacct reasons` lists
        self.rn = dict(reason_names or {})
        self.dues_seen = set()  # every due instant armed (for the generator)

    def r(self, code):
        return self.rn.get(code, code)

    # ---- effects, shaped like the tool's output ----------------------

    @staticmethod
    def _reasons(codes):
        return [{'code': c} for c in codes]

    def _refused(self, op, account, codes, at):
        return {'type': 'refused', 'at': fmt(at), 'op': op,
                'account': account, 'reasons': self._reasons(codes)}

    def _outcome(self, rq_id, account, outcome, received, codes, due=None,
                 replay=False, at=None):
        e = {'type': 'outcome', 'at': fmt(at), 'request': rq_id,
             'account': account, 'outcome': outcome,
             'received': fmt(received), 'reasons': self._reasons(codes)}
        if due is not None:
            e['due'] = fmt(due)
        if replay:
            e['replay'] = True
        return e

    def _notice(self, acc_id, kind, recipients, channel, available_from,
                fee=False, document=None):
        e = {'type': 'notice', 'account': acc_id, 'kind': kind,
             'recipients': [{'role': r, 'id': i} for r, i in recipients],
             'channel': channel, 'available_from': fmt(available_from),
             'fee': fee}
        if document:
            e['document'] = document
        return e

    # ---- cancellations (BP-R3..R6, XNC-R4, XNC-R5, E6) ---------------

    def _cancel(self, acc, at, case, actor, request):
        out = [{'type': 'transition', 'at': fmt(at), 'account': acc.id,
                'from': acc.state, 'to': 'cancelled', 'case': case,
                'actor': actor, 'request': request}]
        if acc.proc == 'bp':
            # BP-R6: owner and holder; case A the application's channel,
            # B and C online.  READING (binary): "the application" is the
            # request as first submitted (a supplement's own channel does
            # not change it).  Document MAU06 (docs/procedure-bp.md).
            ch = 'online'
            if case == 'bp-a':
                ch = self.requests[request].channel
            rec = [('owner', acc.owner)]
            if acc.holder is not None:
                rec.append(('holder', acc.holder[1]))
            out.append(self._notice(acc.id, 'cancellation_notice', rec, ch,
                                    at, False, 'MAU06'))
        else:
            # XNC-R / XNC-R5 / XNC-2d: the NB10 to the organisation by the
            # result channel (READING: the request's result_channel, else
            # the channel the request came by); online at once, otherwise
            # the first result session at or after the cancellation; the
            # postal delivery carries the fee flag.
            rq = self.requests[request]
            ch = rq.result_channel or rq.channel
            avail = at if ch == 'online' else self.cal.next_open(at, 'result')
            out.append(self._notice(acc.id, 'nb10', [('owner', acc.owner)],
                                    ch, avail, ch == 'postal', 'NB10'))
        acc.state = 'cancelled'
        acc.cancelled = at
        acc.pending = None
        acc.cdue = None
        return out

    def run_due(self, upto):
        """E6: everything due at or before `upto`, in due order, each at
        its due instant, actor system.  (Ties across accounts: not
        pinned.)"""
        out = []
        while True:
            best = None
            for acc in self.accounts.values():
                nd = acc.next_due()
                if nd is not None and nd['due'] <= upto and (
                        best is None or nd['due'] < best[1]['due']):
                    best = (acc, nd)
            if best is None:
                return out
            acc, nd = best
            out += self._cancel(acc, nd['due'], nd['case'], 'system',
                                nd['request'])

    def _arm(self, acc, due, case, rule, request):
        """One slot: when a second cancellation is armed the earlier due
        wins (docs/lifecycle.md section 4; READING (binary): on a tie the
        first armed stays)."""
        self.dues_seen.add(due)
        if acc.pending is None or due < acc.pending['due']:
            acc.pending = dict(due=due, case=case, rule=rule, request=request)

    # ---- one input line ------------------------------------------------

    def line(self, ev):
        at = parse_instant(ev['at'])
        out = self.run_due(at)                    # E6, before the event
        if ev['op'] == '_raw':
            # E7: a line that is not a valid event, nothing of it applied.
            # (Whether the dues run before it or before the next line is
            # not observable here: both print on the same line.)
            return out + [{'type': 'error'}]
        out += getattr(self, 'op_' + ev['op'])(ev, at)
        out += self.run_due(at)                   # E6, what it made due
        return out

    def op_tick(self, ev, at):
        return []

    def op_show(self, ev, at):
        acc = self.accounts.get(ev['account'])
        if acc is None:
            return [self._refused('show', ev['account'], ['not_issued'], at)]
        e = {'type': 'account', 'at': fmt(at), 'account': acc.id,
             'procedure': acc.proc, 'state': acc.state, 'owner': acc.owner,
             'issued': fmt(acc.issued), 'last_used': fmt(acc.last_used)}
        if acc.locked is not None:
            e['locked'] = fmt(acc.locked)     # kept after the cancellation
        if acc.cancelled is not None:
            e['cancelled'] = fmt(acc.cancelled)
        if acc.pending is not None:
            # READING (binary): `pending` is the slot (a request, a lock);
            # the BP-C due is not shown as pending.
            p = {'rule': acc.pending['rule'], 'due': fmt(acc.pending['due']),
                 'case': acc.pending['case']}
            if acc.pending['request']:
                p['request'] = acc.pending['request']
            e['pending'] = p
        return [e]

    def op_issue(self, ev, at):
        aid = ev['account']
        acc = self.accounts.get(aid)
        if acc is not None:
            # READING (docs/lifecycle.md table): issue of an existing account
            # is refused already_issued, of a cancelled one account_cancelled
            code = 'account_cancelled' if acc.state == 'cancelled' \
                else 'already_issued'
            return [self._refused('issue', aid, [code], at)]
        proc = ev['procedure']
        holder = None
        if proc == 'bp':
            # E5: a valid enterprise code as owner, a holder with a valid
            # identity document.  READING: every problem listed (the
            # generator makes one problem per refused issue).
            probs = []
            if not enterprise_code_valid(ev.get('owner')):
                probs.append('invalid_enterprise_code')
            probs += [self.r(c) for c in holder_problems(ev.get('holder'), at)]
            if probs:
                return [self._refused('issue', aid, probs, at)]
            holder = (ev['holder']['id_type'], ev['holder']['id_number'])
        acc = Account(aid, proc, ev['owner'], holder, at)
        self.accounts[aid] = acc
        out = []
        if acc.cdue is not None:
            self.dues_seen.add(acc.cdue)
            out.append({'type': 'deadline', 'account': aid,
                        'rule': 'bp-inactivity', 'due': fmt(acc.cdue)})
        return out

    def op_use(self, ev, at):
        acc = self.accounts.get(ev['account'])
        if acc is None:
            return [self._refused('use', ev['account'], ['not_issued'], at)]
        if acc.state == 'cancelled':
            return [self._refused('use', acc.id, ['account_cancelled'], at)]
        if acc.state == 'locked':
            return [self._refused('use', acc.id, ['account_locked'], at)]
        acc.last_used = at
        if acc.cdue is not None and at < acc.cdue:
            acc.cdue = None    # BP-R5 (a): used within the 6 months
        return []

    def op_risk(self, ev, at):
        acc = self.accounts.get(ev['account'])
        if acc is None:
            return [self._refused('risk', ev['account'], ['not_issued'], at)]
        if acc.state == 'cancelled':
            return [self._refused('risk', acc.id, ['account_cancelled'], at)]
        if acc.state == 'locked':
            return [self._refused('risk', acc.id, ['already_locked'], at)]
        if acc.proc != 'bp':
            return [self._refused('risk', acc.id, ['not_in_procedure'], at)]
        # BP-R4: lock now, actor officer (docs), cancellation due lock + 2 h.
        # The lock notice policy is off by default: no notice.
        out = [{'type': 'transition', 'at': fmt(at), 'account': acc.id,
                'from': 'active', 'to': 'locked', 'case': 'bp-b',
                'actor': 'officer', 'request': None}]
        acc.state = 'locked'
        acc.locked = at
        self._arm(acc, at + 2 * HOUR, 'bp-b', 'bp-lock', None)
        return out

    def op_cancel(self, ev, at):
        aid = ev['account']
        acc = self.accounts.get(aid)
        # READING (binary; docs/lifecycle.md table: "none | cancel | refused
        # not_issued", "cancelled | anything else | refused
        # account_cancelled"): the account's state is checked first, then
        # E5's actor (only an officer executes a cancellation).
        if acc is None:
            return [self._refused('cancel', aid, ['not_issued'], at)]
        if acc.state == 'cancelled':
            return [self._refused('cancel', aid, ['account_cancelled'], at)]
        if ev.get('actor') != 'officer':
            return [self._refused('cancel', aid,
                                  [self.r('actor_not_allowed')], at)]
        if acc.pending is None:
            # a BP-C due at or before `at` was already run by E6
            return [self._refused('cancel', aid, ['nothing_pending'], at)]
        p = acc.pending
        return self._cancel(acc, at, p['case'], 'officer', p['request'])

    # ---- requests (BP-R1..R3, XNC-R2, XNC-R3, E2, E5) ----------------

    def _received(self, acc, channel, at):
        """BP-R1: at once.  XNC-R2: postal and online moved to the next
        session start.  READING (binary): an unknown account has no
        procedure, so no session mapping: received = at."""
        if acc is None or acc.proc == 'bp' or channel == 'in_person':
            return at
        return self.cal.next_open(at, 'reception')

    def _judge(self, rq, acc, channel, received, at):
        """Validation of a receivable submission on an existing, not
        cancelled account of the requester: accepted or supplement."""
        if acc.proc == 'bp':
            probs = []
            if 'application' not in rq.docs:
                probs.append('missing_application')
            if 'enterprise_registration' not in rq.docs:
                probs.append('missing_enterprise_registration')
            elif not rq.code:
                probs.append('missing_enterprise_code')
            elif not enterprise_code_valid(rq.code):
                probs.append('invalid_enterprise_code')
            elif enterprise_stem(rq.code) != enterprise_stem(acc.owner):
                probs.append('enterprise_code_mismatch')
            if 'identity' not in rq.docs:
                probs.append('missing_identity')
            else:
                i = rq.identity or {}
                probs += identity_problems(i.get('id_type'),
                                           i.get('id_number', ''), received,
                                           acc.holder)
        else:
            probs = na20_problems(rq.na20, acc.id)
        out = []
        if probs:
            rq.state = 'supplement'
            rq.standing = dict(outcome='supplement', received=received,
                               due=None, reasons=probs)
            out.append(self._outcome(rq.id, acc.id, 'supplement', received,
                                     probs, at=at))
            out.append(self._notice(acc.id, 'supplement_request',
                                    [('owner', acc.owner)], channel,
                                    received))
            return out
        # BP-R3: receipt of the complete application + 2 h (clock, T2);
        # XNC-R4: due at the receipt instant.
        if acc.proc == 'bp':
            due, case, rule = received + 2 * HOUR, 'bp-a', 'bp-request'
        else:
            due, case, rule = received, 'xnc', 'xnc-request'
        rq.state = 'accepted'
        rq.standing = dict(outcome='accepted', received=received, due=due,
                           reasons=[])
        out.append(self._outcome(rq.id, acc.id, 'accepted', received, [],
                                 due=due, at=at))
        # XNC-R3 / docs: in person a receipt, online a portal acceptance,
        # postal nothing (the NB10 is the written reply); BP: nothing (the
        # cancellation notice follows).
        if acc.proc == 'xnc' and channel != 'postal':
            kind = 'receipt' if channel == 'in_person' else 'acceptance'
            out.append(self._notice(acc.id, kind, [('owner', acc.owner)],
                                    channel, received))
        self._arm(acc, due, case, rule, rq.id)
        return out

    def _take(self, rq, ev):
        """What a request or supplement line brings.  READING (binary): the
        papers and fields are merged into the request (a later value of a
        key replaces an earlier one) and the whole dossier is judged again
        at each receipt (so a CMND is judged at the receipt of the complete
        application, BP-R3)."""
        if isinstance(ev.get('documents'), list):
            rq.docs |= set(ev['documents'])
        if 'enterprise_code' in ev:
            rq.code = ev['enterprise_code']
        if isinstance(ev.get('identity'), dict):
            rq.identity = dict(ev['identity'])
        if isinstance(ev.get('na20'), dict):
            if rq.na20 is None:
                rq.na20 = {}
            rq.na20.update(ev['na20'])

    def op_request(self, ev, at):
        rid, aid = ev['request'], ev['account']
        requester, channel = ev['requester'], ev['channel']
        old = self.requests.get(rid)
        if old is not None:
            if old.requester == requester and old.account == aid:
                # E2: the standing outcome, marked as a replay; no notice
                s = old.standing
                return [self._outcome(rid, aid, s['outcome'], s['received'],
                                      s['reasons'], due=s['due'],
                                      replay=True, at=at)]
            # E2: another requester or another account: refused, revealing
            # nothing (no due, no first outcome)
            return [self._outcome(rid, aid, 'refused', at,
                                  ['request_id_reused'], at=at)]
        acc = self.accounts.get(aid)
        rq = Request(rid, aid, requester, channel, ev.get('result_channel'))
        self.requests[rid] = rq
        self._take(rq, ev)
        # docs: refused (not receivable) before rejected before supplement
        if acc is not None and acc.proc == 'xnc' and channel == 'in_person' \
                and not self.cal.in_session(at):
            rq.state = 'refused'
            rq.standing = dict(outcome='refused', received=at, due=None,
                               reasons=['outside_session'])
            return [self._outcome(rid, aid, 'refused', at,
                                  ['outside_session'], at=at)]
        received = self._received(acc, channel, at)
        reject = None
        if acc is None:
            reject = 'no_account'
        elif requester != acc.owner:
            reject = 'not_owner'     # BP-R2: whatever it attaches, not told
        elif acc.state == 'cancelled':  # whether the account is cancelled
            reject = 'already_cancelled'
        if reject:
            rq.state = 'rejected'
            rq.standing = dict(outcome='rejected', received=received,
                               due=None, reasons=[reject])
            # docs/lifecycle.md section 6: rejections go back to whoever
            # asked (role requester when not the owner or no account)
            role = 'owner' if acc is not None and requester == acc.owner \
                else 'requester'
            return [self._outcome(rid, aid, 'rejected', received, [reject],
                                  at=at),
                    self._notice(aid, 'rejection', [(role, requester)],
                                 channel, received)]
        return self._judge(rq, acc, channel, received, at)

    def op_supplement(self, ev, at):
        rid = ev['request']
        rq = self.requests.get(rid)

        def refused(code):
            return [self._outcome(rid, rq.account if rq else '', 'refused',
                                  at, [code], at=at)]
        if rq is None:
            return refused('unknown_request')
        if ev.get('requester') != rq.requester:
            # E5.  READING: checked first, so a stranger learns nothing of
            # the request's or the account's state.
            return refused('not_owner')
        acc = self.accounts.get(rq.account)
        # READING (binary; docs/lifecycle.md table "cancelled | anything
        # else | refused account_cancelled"): the account's state is
        # checked before the request's.
        if acc is not None and acc.state == 'cancelled':
            return refused('account_cancelled')
        if rq.state != 'supplement':
            return refused('request_closed')
        channel = ev.get('channel') or rq.channel
        if acc.proc == 'xnc' and channel == 'in_person' and \
                not self.cal.in_session(at):
            # XNC-R2; docs: not received, the request still waits
            return refused('outside_session')
        self._take(rq, ev)
        received = self._received(acc, channel, at)
        return self._judge(rq, acc, channel, received, at)


# --------------------------------------------------------------------------
# Normalisation: what the rules pin, for the model and the tool alike

def normalise(e, op):
    """(group, canonical string) or None for an effect that is not compared.

    group is the account (order is compared only within one account), or
    'request:<id>' for a refused supplement (READING: its `account` key is
    not pinned -- a supplement for an unknown id has none, and a stranger's
    must reveal nothing), or 'error'."""
    t = e.get('type')
    codes = sorted(r['code'] for r in e.get('reasons') or [])
    if t == 'outcome':
        d = {'t': 'outcome', 'request': e['request'], 'outcome': e['outcome'],
             'received': e.get('received'), 'due': e.get('due'),
             'reasons': codes, 'replay': bool(e.get('replay', False))}
        if op == 'supplement' and e['outcome'] == 'refused':
            return 'request:' + e['request'], _canon(d)
        d['account'] = e.get('account')
        return e.get('account'), _canon(d)
    if t == 'transition':
        if e.get('from') in (None, 'none'):
            return None    # the issue's none -> active is not compared
        d = {'t': 'transition', 'at': e['at'], 'from': e['from'],
             'to': e['to'], 'case': e.get('case'), 'actor': e.get('actor'),
             'request': e.get('request')}
        return e['account'], _canon(d)
    if t == 'notice':
        d = {'t': 'notice', 'kind': e['kind'],
             'recipients': sorted((r['role'], r['id'])
                                  for r in e.get('recipients') or []),
             'channel': e.get('channel'), 'document': e.get('document'),
             'available_from': e.get('available_from'),
             'fee': bool(e.get('fee', False))}
        return e['account'], _canon(d)
    if t == 'deadline':
        if e.get('rule') != 'bp-inactivity':
            return None    # the other deadlines: their dues are pinned in
        d = {'t': 'deadline', 'rule': e['rule'],   # outcomes and `show`
             'due': e['due']}
        return e['account'], _canon(d)
    if t == 'account':
        p = e.get('pending')
        d = {'t': 'account', 'procedure': e.get('procedure'),
             'state': e.get('state'), 'owner': e.get('owner'),
             'issued': e.get('issued'), 'last_used': e.get('last_used'),
             'locked': e.get('locked'), 'cancelled': e.get('cancelled'),
             'pending': None if not p else {
                 'rule': p.get('rule'), 'due': p.get('due'),
                 'request': p.get('request')}}
        return e['account'], _canon(d)
    if t == 'refused':
        if op in ('request', 'supplement'):
            return None    # the outcome line says it
        d = {'t': 'refused', 'op': e.get('op'), 'reasons': codes}
        return e.get('account'), _canon(d)
    if t == 'error':
        return 'error', _canon({'t': 'error'})
    return None            # audit, delivery, progress ...: not pinned


def _canon(d):
    return json.dumps(d, sort_keys=True, ensure_ascii=False)


def group(effects, op):
    g = {}
    for e in effects:
        n = normalise(e, op)
        if n is not None:
            g.setdefault(n[0], []).append(n[1])
    return g


def compare_line(expected, actual, op):
    """None when equal, else (group, expected list, actual list) of the
    first group that differs (groups in sorted order)."""
    ge, ga = group(expected, op), group(actual, op)
    for k in sorted(set(ge) | set(ga), key=str):
        if ge.get(k, []) != ga.get(k, []):
            return k, ge.get(k, []), ga.get(k, [])
    return None
