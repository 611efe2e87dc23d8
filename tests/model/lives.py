"""Random lives for the reference model: per seed, a stream of `bpacct run`
events (cli.md) over 1-6 years for 5-30 accounts of both procedures.

Every instant lies inside 2020-01-01..2026-12-15 (no projected calendar
year is ever needed) and the stream is sorted (instants non-decreasing).
"""

import calendar as _pycal
import datetime as _dt
import random

import model as M

START = M.vn(2020, 1, 1)
END = M.vn(2026, 12, 15)
MIN = 60
EDGES = [(7, 59, 59), (8, 0, 0), (11, 59, 59), (12, 0, 0), (12, 59, 59),
         (13, 0, 0), (16, 59, 59), (17, 0, 0)]
NA20_OK = {'organisation': 'Công ty TNHH Du lịch Sông Hồng',
           'address': '12 Tràng Tiền, Hoàn Kiếm, Hà Nội',
           'phone': '024 3826 1234', 'email': 'lienhe@songhong.vn',
           'reason': 'Không còn nhu cầu sử dụng',
           'signer': 'Nguyễn Văn An, Giám đốc'}
PHONES_OK = ['024 3826 1234', '0912345678', '+84 24 3826 1234',
             '02438261234']
PHONES_BAD = ['abc', '12', '']
EMAILS_OK = ['lienhe@songhong.vn', 'a@b.vn']
EMAILS_BAD = ['x', 'a@', '@b.vn', '']
CHANNELS = ['in_person', 'postal', 'online']
PROVINCES = sorted(M.PROVINCES)

# Features a triage run may switch off (--without NAME in check_model.py)
FEATURES = {
    'cmnd': 'CMND documents (holder and attached)',
    'offsets': 'instants written with other UTC offsets than +07:00',
    'strangers': 'supplements from another requester',
    'actors': 'cancel by another actor than officer',
    'bad_issue': 'refused BP issues (owner code, holder)',
    'replays': 'repeated request ids',
    'hygiene': 'lines that are errors (rule E7)',
}

# E7: lines that are not valid events (nothing of them may be applied);
# {AT} is the instant, {A} a real account (so applying one would show)
BAD_LINES = [
    '{"op":"use","at":"{AT}","account":"{A} 1"}',
    '{"op":"show","at":"{AT}","account":"{A}/1"}',
    '{"op":"use","at":"{AT}","account":"{A}\\u0001"}',
    '{"op":"risk","at":"{AT}","account":"{A}","account":"{A}"}',
    '{"op":"risk","at":"{AT}","account":"{A}","detail":"\udcff\udcfe"}',
    '{"op":"risk","at":"{AT}","account":"{A}","detail":"a\x00b"}',
    '{"op":"cancel","at":"{AT}","account":"{A}","actor":"officer",'
    '"actor":"officer"}',
]


class Life:
    def __init__(self, seed, prefix='', without=()):
        self.seed = seed
        self.rng = random.Random(seed)
        self.prefix = prefix
        self.off = set(without)
        self.cal = M.Calendar()
        self.ev = []       # (at, seq, dict)
        self.seq = 0
        self.nreq = 0
        # Saturdays the XNC-R1 rule treats specially: make-up working
        # Saturdays, and Saturdays next to a non-working weekday (a break)
        sp = set(self.cal.makeup)
        for o in self.cal.off:
            for k in range(-6, 7):
                d = o + _dt.timedelta(days=k)
                if d.weekday() == 5:
                    sp.add(d)
        self.special = sorted(M.local_midnight(d) for d in sp)

    # ---- instants ----------------------------------------------------

    def snap(self, t, lo, hi):
        """Move t to an instant the rules care about, sometimes."""
        r = self.rng
        x = r.random()
        d = M.local_date(t)
        if x < 0.25:                       # XNC session edge
            h, mi, s = r.choice(EDGES)
            c = M.local_midnight(d) + h * 3600 + mi * 60 + s
        elif x < 0.33:                     # a Saturday
            d2 = d + _dt.timedelta(days=(5 - d.weekday()) % 7)
            h, mi, s = r.choice(EDGES[:4])
            c = M.local_midnight(d2) + h * 3600 + mi * 60 + s
        elif x < 0.43:                     # month end
            last = d.replace(day=28) + _dt.timedelta(days=4)
            last = last - _dt.timedelta(days=last.day)
            m = M.local_midnight(last)
            c = m + r.choice([23 * 3600 + 3599, 86400, 22 * 3600,
                              r.randrange(86400)])
        elif 0.53 <= x < 0.58:             # make-up / break Saturdays
            sp = [m for m in self.special if lo <= m <= hi]
            if not sp:
                return t
            c = r.choice(sp) + r.choice(
                [h * 3600 + mi * 60 + s for h, mi, s in EDGES])
        elif x < 0.53:                     # around a day off (Tết ...)
            offs = [o for o in self.cal.off
                    if lo <= M.local_midnight(o) <= hi]
            if not offs:
                return t
            o = r.choice(sorted(offs)) + _dt.timedelta(days=r.randint(-3, 3))
            c = M.local_midnight(o) + r.choice(
                [r.randrange(86400)] + [h * 3600 + mi * 60 + s
                                        for h, mi, s in EDGES])
        else:
            return t
        return c if lo <= c <= hi else t

    def pick(self, lo, hi, snap=0.5):
        lo, hi = max(lo, START), min(hi, END)
        if hi <= lo:
            return lo
        t = self.rng.randint(lo, hi)
        if self.rng.random() < snap:
            t = self.snap(t, lo, hi)
        return t

    def stamp(self, t):
        if 'offsets' not in self.off and self.rng.random() < 0.08:
            o = self.rng.choice([0, 0, 9 * 3600, -5 * 3600])
            s = M.fmt(t + o - M.VN)[:19]
            if o == 0:
                return s + self.rng.choice(['Z', '+00:00'])
            sign = '+' if o > 0 else '-'
            return s + '%s%02d:00' % (sign, abs(o) // 3600)
        return M.fmt(t)

    def add(self, t, ev):
        self.seq += 1
        t = max(START, min(END, t))
        ev = dict(ev)
        ev['_t'] = t
        self.ev.append((t, self.seq, ev))

    # ---- identifiers -------------------------------------------------

    def code(self):
        r = self.rng
        while True:
            stem = '%09d' % r.randrange(10 ** 9)
            cd = M.check_digit(stem)
            if cd is not None:
                return stem + str(cd)

    def bad_code(self):
        r = self.rng
        x = r.random()
        if x < 0.5:
            c = self.code()
            return c[:9] + str((int(c[9]) + r.randint(1, 9)) % 10)
        if x < 0.7:
            return self.code()[:9]
        if x < 0.85:
            while True:   # S mod 11 = 0: no check digit is ever issued
                stem = '%09d' % r.randrange(10 ** 9)
                if M.check_digit(stem) is None:
                    return stem + str(r.randrange(10))
        return self.code() + '-000'

    def cccd(self):
        r = self.rng
        if r.random() < 0.8:
            g, yy = r.choice([0, 1]), r.randint(40, 99)
        else:
            g, yy = r.choice([2, 3]), r.randint(0, 5)
        return '%03d%d%02d%06d' % (r.choice(PROVINCES), g, yy,
                                   r.randrange(10 ** 6))

    def bad_cccd(self):
        r = self.rng
        x = r.random()
        if x < 0.4:
            return '%03d%d%02d%06d' % (r.randint(100, 999), 0, 80,
                                       r.randrange(10 ** 6))
        if x < 0.7:
            return '%03d%d%02d%06d' % (r.choice(PROVINCES), r.randint(4, 9),
                                       r.randint(0, 99), r.randrange(10 ** 6))
        if x < 0.85:   # born in the future (2040-2099)
            return '%03d%d%02d%06d' % (r.choice(PROVINCES), 2,
                                       r.randint(40, 99), r.randrange(10 ** 6))
        return '%011d' % r.randrange(10 ** 11)

    def passport(self):
        return self.rng.choice('BCNP') + '%07d' % self.rng.randrange(10 ** 7)

    def identity(self, at):
        r = self.rng.random()
        if r < 0.55:
            return ('cccd', self.cccd())
        if r < 0.8 or 'cmnd' in self.off or at >= M.CMND_LAST:
            return ('passport', self.passport())
        if r < 0.9:
            return ('cmnd', '%09d' % self.rng.randrange(10 ** 9))
        return ('cmnd', self.cccd())          # a 12-digit CMND

    def bad_identity(self):
        x = self.rng.random()
        if x < 0.5:
            return ('cccd', self.bad_cccd())
        if x < 0.75 or 'cmnd' in self.off:
            return ('passport', self.rng.choice(['X1', '1234', 'AB-12']))
        return ('cmnd', self.rng.choice(['12345', '1234567890', '12345678901']))

    # ---- the life ----------------------------------------------------

    def build(self):
        r = self.rng
        years = r.randint(1, 6)
        span = years * 365 * 86400
        lo = START
        hi = END - span
        self.t0 = r.randint(lo, max(lo, hi))
        self.t1 = min(END, self.t0 + span)
        t0, t1 = self.t0, self.t1
        owners = [self.code() for _ in range(r.randint(2, 6))]
        n = r.randint(5, 30)
        self.accs = []
        for i in range(n):
            proc = 'bp' if r.random() < 0.55 else 'xnc'
            aid = '%s%s%02d' % (self.prefix, 'A' if proc == 'bp' else 'X', i)
            owner = r.choice(owners)
            ti = self.pick(t0, t0 + int(0.7 * (t1 - t0)), 0.3)
            if r.random() < 0.12:      # issued on the 29th, 30th or 31st
                d = M.local_date(ti)
                last = _pycal.monthrange(d.year, d.month)[1]
                day = r.choice([x for x in (29, 30, 31) if x <= last] or
                               [last])
                ti2 = M.local_midnight(d.replace(day=day)) + \
                    r.randrange(86400)
                if START <= ti2 <= END:
                    ti = ti2
            holder = self.identity(ti) if proc == 'bp' else None
            a = dict(id=aid, proc=proc, owner=owner, holder=holder, t=ti)
            self.accs.append(a)
            self.gen_issue(a, owners)
        for a in self.accs:
            self.gen_uses(a)
            self.gen_risks(a)
            self.gen_requests(a, owners)
            self.gen_cancels(a)
        # requests and supplements for unknown ids
        for _ in range(r.randint(0, 3)):
            t = self.pick(t0, t1)
            q = self.rid()
            acc = {'id': self.prefix + 'N%02d' % r.randint(0, 9),
                   'proc': r.choice(['bp', 'xnc']), 'owner': r.choice(owners),
                   'holder': ('passport', self.passport())}
            ev = self.request_event(acc, q, acc['owner'], r.choice(CHANNELS),
                                    'complete', t)[0]
            self.add(t, ev)
            if r.random() < 0.5:
                self.add(self.pick(t, t1), {'op': 'supplement', 'request':
                                            self.rid(), 'requester':
                                            r.choice(owners),
                                            'documents': ['application']})
        # ticks: random, none at all in some lives (long stretches)
        nt = 0 if r.random() < 0.3 else r.randint(1, 25)
        for _ in range(nt):
            self.add(self.pick(t0, t1, 0.6), {'op': 'tick'})
        # random shows, unknown accounts included
        for _ in range(r.randint(0, 12)):
            aid = r.choice([a['id'] for a in self.accs] +
                           [self.prefix + 'Z99'])
            self.add(self.pick(t0, t1), {'op': 'show', 'account': aid})
        if 'hygiene' not in self.off and r.random() < 0.25:
            for _ in range(r.randint(1, 3)):
                a = r.choice(self.accs)
                self.add(self.pick(a['t'] or t0, t1),
                         {'op': '_raw', 'raw': r.choice(BAD_LINES).replace(
                             '{A}', a['id'])})
        self.at_dues()
        # the end: show every account
        for a in self.accs:
            self.add(t1, {'op': 'show', 'account': a['id']})
        return self.events()

    def rid(self):
        self.nreq += 1
        return '%sQ%03d' % (self.prefix, self.nreq)

    def gen_issue(self, a, owners):
        r = self.rng
        ev = {'op': 'issue', 'account': a['id'], 'procedure': a['proc'],
              'owner': a['owner']}
        if a['proc'] == 'bp':
            ev['holder'] = {'name': 'Lê Văn Cường', 'id_type': a['holder'][0],
                            'id_number': a['holder'][1]}
        elif r.random() < 0.1:
            ev['holder'] = {'name': 'x', 'id_type': 'passport',
                            'id_number': 'X1'}     # ignored for XNC
        if a['proc'] == 'bp' and 'bad_issue' not in self.off and \
                r.random() < 0.12:
            bad = dict(ev)
            x = r.random()
            if x < 0.35:
                bad['owner'] = self.bad_code()
            elif x < 0.6:
                del bad['holder']
            else:
                t, n = self.bad_identity()
                bad['holder'] = {'name': 'N', 'id_type': t, 'id_number': n}
            tb = a['t']
            self.add(tb, bad)
            if r.random() < 0.4:
                a['t'] = None          # never issued
                return
            a['t'] = self.pick(tb, tb + 30 * 86400, 0.2)
        self.add(a['t'], ev)
        if r.random() < 0.05:
            self.add(self.pick(a['t'], self.t1), dict(ev))  # already issued

    def gen_uses(self, a):
        r = self.rng
        ti = a['t'] if a['t'] is not None else self.t0
        due = M.bp_inactivity_due(ti)
        x = r.random()
        uses = []
        if x < 0.3:        # never used
            if a['proc'] == 'bp' and r.random() < 0.5:
                self.near_due(a, due)
            if r.random() < 0.3:
                uses.append(due)                  # exactly at the due
            if r.random() < 0.3:
                uses.append(self.pick(due, self.t1))
            if r.random() < 0.2:
                uses.append(due - 1)
        elif x < 0.55:     # used early, then not for a long time
            for _ in range(r.randint(1, 4)):
                uses.append(self.pick(ti, min(due - 1, ti + 150 * 86400)))
            if r.random() < 0.5:
                uses.append(self.pick(due + 365 * 86400, self.t1))
        elif x < 0.75:     # frequent
            t = ti
            for _ in range(r.randint(5, 30)):
                t += r.randint(3600, 25 * 86400)
                if t > self.t1:
                    break
                uses.append(t)
        else:              # rare
            for _ in range(r.randint(1, 3)):
                uses.append(self.pick(ti, self.t1))
        if r.random() < 0.05:
            uses.append(self.pick(self.t0, ti))   # before the issue
        for t in uses:
            self.add(t, {'op': 'use', 'account': a['id']})

    def near_due(self, a, due):
        """Events at the instants that decide BP-R5 (a) and E6."""
        r = self.rng
        x = r.random()
        if x < 0.2:      # its 2 hours end exactly at the BP-C due
            ev, _fix = self.request_event(a, self.rid(), a['owner'],
                                          r.choice(CHANNELS), 'complete',
                                          due - 7200)
            self.add(due - 7200, ev)
        elif x < 0.35:
            self.add(due - 7200, {'op': 'risk', 'account': a['id'],
                                  'detail': 'x'})
        elif x < 0.5:
            self.add(due, {'op': 'risk', 'account': a['id'], 'detail': 'x'})
        elif x < 0.65:
            self.add(due, {'op': 'show', 'account': a['id']})
        elif x < 0.8:
            self.add(due + r.choice([-1, 0, 1]),
                     {'op': 'cancel', 'account': a['id'], 'actor': 'officer'})
        else:
            self.add(due - 1, {'op': 'use', 'account': a['id']})

    def gen_risks(self, a):
        r = self.rng
        if r.random() < 0.18:
            ti = a['t'] or self.t0
            t = self.pick(ti, self.t1)
            self.add(t, {'op': 'risk', 'account': a['id'],
                         'detail': 'đăng nhập bất thường'})
            if r.random() < 0.2:
                self.add(t + r.randint(0, 3 * 3600),
                         {'op': 'risk', 'account': a['id'], 'detail': 'again'})
            if r.random() < 0.3:
                self.add(t + r.randint(0, 3 * 3600),
                         {'op': 'use', 'account': a['id']})
            if r.random() < 0.4:
                self.add(t + r.randint(0, 2 * 3600),
                         {'op': 'show', 'account': a['id']})
            if r.random() < 0.3:
                self.add(t + r.choice([7200, 7199, 7201, r.randint(0, 7200)]),
                         {'op': 'cancel', 'account': a['id'],
                          'actor': 'officer'})

    def gen_cancels(self, a):
        r = self.rng
        ti = a['t'] or self.t0
        if r.random() < 0.12:
            self.add(self.pick(ti, self.t1),
                     {'op': 'cancel', 'account': a['id'], 'actor': 'officer'})
        if 'actors' not in self.off and r.random() < 0.08:
            self.add(self.pick(ti, self.t1),
                     {'op': 'cancel', 'account': a['id'],
                      'actor': r.choice(['owner', 'system'])})

    # ---- requests ----------------------------------------------------

    def request_event(self, a, q, requester, channel, defect, t):
        """The request line and what would complete it (a supplement)."""
        r = self.rng
        ev = {'op': 'request', 'request': q, 'account': a['id'],
              'requester': requester, 'channel': channel}
        fix = {}
        if a['proc'] == 'bp':
            docs = ['application', 'enterprise_registration', 'identity']
            code = a['owner']
            ident = a['holder'] or ('passport', self.passport())
            if defect == 'docs':
                drop = r.sample(docs, r.randint(1, 3))
                docs = [d for d in docs if d not in drop]
                fix['documents'] = drop
            elif defect == 'code':
                x = r.random()
                fix['documents'] = ['enterprise_registration']
                fix['enterprise_code'] = code
                if x < 0.3:
                    code = self.bad_code()
                elif x < 0.55:
                    code = self.code()          # another enterprise's
                elif x < 0.7:
                    code = ''
                elif x < 0.85:
                    code = None
                else:                           # a branch of the owner: fine
                    code = code + '-%03d' % r.randint(1, 999)
                    fix = {}
            elif defect == 'identity':
                x = r.random()
                fix['documents'] = ['identity']
                fix['identity'] = {'id_type': ident[0], 'id_number': ident[1]}
                if x < 0.4:
                    ident = self.identity(t)       # someone else's
                elif x < 0.7:
                    ident = self.bad_identity()
                elif x < 0.85 and ident[0] == 'cccd' and 'cmnd' not in self.off:
                    ident = ('cmnd', ident[1])     # same number on a CMND
                else:                              # given but not attached
                    docs.remove('identity')
                    fix['identity'] = dict(fix['identity'])
            elif defect == 'wrong_shape':
                ev['na20'] = dict(NA20_OK, account=a['id'], sealed=True)
                docs = None
                code = None
                ident = None
                fix['documents'] = ['application', 'enterprise_registration',
                                    'identity']
                fix['enterprise_code'] = a['owner']
                h = a['holder'] or ('passport', 'C1234567')
                fix['identity'] = {'id_type': h[0], 'id_number': h[1]}
            if docs is not None:
                ev['documents'] = docs
            if code is not None:
                ev['enterprise_code'] = code
            if ident is not None:
                ev['identity'] = {'id_type': ident[0], 'id_number': ident[1]}
        else:
            na = dict(NA20_OK, account=a['id'], sealed=True)
            na['phone'] = r.choice(PHONES_OK)
            na['email'] = r.choice(EMAILS_OK)
            if defect in ('docs', 'code', 'identity'):
                keys = list(na)
                bad = r.sample(keys, r.randint(1, 3))
                good = {}
                for k in bad:
                    good[k] = na[k]
                    y = r.random()
                    if k == 'phone' and y < 0.5:
                        na[k] = r.choice(PHONES_BAD)
                    elif k == 'email' and y < 0.5:
                        na[k] = r.choice(EMAILS_BAD)
                    elif k == 'account' and y < 0.5:
                        na[k] = self.prefix + 'X%02d' % r.randint(0, 40)
                        if na[k] == a['id']:
                            del na[k]
                    elif k == 'sealed':
                        if y < 0.5:
                            na[k] = False
                        else:
                            del na[k]
                    else:
                        del na[k]
                fix['na20'] = good
                ev['na20'] = na
            elif defect == 'wrong_shape':
                ev['documents'] = ['application', 'enterprise_registration',
                                   'identity']
                ev['enterprise_code'] = a['owner']
                fix['na20'] = na
            else:
                ev['na20'] = na
            if r.random() < 0.3:
                ev['result_channel'] = r.choice(CHANNELS)
        return ev, fix

    def gen_requests(self, a, owners):
        r = self.rng
        if r.random() < 0.45:
            return
        ti = a['t'] or self.t0
        for _ in range(r.randint(1, 3)):
            t = self.pick(ti, self.t1, 0.6)
            q = self.rid()
            stranger = r.random() < 0.12
            requester = a['owner']
            if stranger:
                others = [o for o in owners if o != a['owner']]
                requester = r.choice(others) if others else self.code()
            channel = r.choice(CHANNELS)
            defect = r.choice(['complete'] * 5 + ['docs', 'code', 'identity',
                                                  'wrong_shape'])
            ev, fix = self.request_event(a, q, requester, channel, defect, t)
            self.add(t, ev)
            # replays of the same id
            if 'replays' not in self.off:
                x = r.random()
                if x < 0.2:
                    self.add(t + r.choice([0, 1, 60, 3600, 7200,
                                           r.randint(0, 200 * 86400)]),
                             dict(ev))
                elif x < 0.25:
                    e2 = dict(ev, requester=r.choice(owners + [self.code()]))
                    self.add(self.pick(t, self.t1), e2)
                elif x < 0.3:
                    other = r.choice(self.accs)
                    self.add(self.pick(t, self.t1),
                             dict(ev, account=other['id']))
            if r.random() < 0.2:
                self.add(t + r.choice([0, r.randint(0, 3 * 86400)]),
                         {'op': 'show', 'account': a['id']})
            # an officer's cancel soon after
            if r.random() < 0.12:
                self.add(t + r.randint(0, 3 * 3600),
                         {'op': 'cancel', 'account': a['id'],
                          'actor': 'officer'})
            # supplements
            nsup = 0
            if fix and r.random() < 0.75:
                nsup = r.randint(1, 2)
            elif r.random() < 0.1:
                nsup = 1                       # to a closed request
            ts = t
            for _k in range(nsup):
                x = r.random()
                if x < 0.5:
                    ts = ts + r.randint(0, 4 * 3600)      # early
                elif x < 0.8:
                    ts = ts + r.randint(86400, 60 * 86400)
                else:
                    ts = self.pick(ts, self.t1)          # late
                sup = {'op': 'supplement', 'request': q,
                       'requester': requester}
                if 'strangers' not in self.off and r.random() < 0.12:
                    sup['requester'] = r.choice(
                        [o for o in owners if o != requester] or
                        [self.code()])
                part = dict(fix)
                if part and r.random() < 0.25:
                    # only part of what is missing
                    k = r.choice(sorted(part))
                    if k == 'na20' and len(part['na20']) > 1:
                        kk = r.choice(sorted(part['na20']))
                        part['na20'] = {kk: part['na20'][kk]}
                    elif k == 'documents' and len(part['documents']) > 1:
                        part['documents'] = part['documents'][:1]
                    else:
                        del part[k]
                sup.update(part)
                if r.random() < 0.3:
                    sup['channel'] = r.choice(CHANNELS)
                self.add(ts, sup)

    # ---- ticks and shows at due instants ---------------------------------

    def at_dues(self):
        m = M.Model(self.cal)
        for e in self.events():
            m.line(e)
        r = self.rng
        for d in sorted(m.dues_seen):
            if not self.t0 <= d <= self.t1:
                continue
            x = r.random()
            if x < 0.35:
                self.add(d, {'op': 'tick'})
            elif x < 0.45:
                self.add(d - 1, {'op': 'tick'})
            elif x < 0.55:
                aid = r.choice([a['id'] for a in self.accs])
                self.add(d, {'op': 'show', 'account': aid})

    def events(self):
        out = []
        for t, _s, ev in sorted(self.ev, key=lambda x: (x[0], x[1])):
            e = {k: v for k, v in ev.items() if k != '_t'}
            e2 = {'op': e.pop('op'), 'at': self.stamp(t)}
            e2.update(e)
            if e2['op'] == '_raw':
                e2['raw'] = e2['raw'].replace('{AT}', e2['at'])
            out.append(e2)
        return out


def line_bytes(e):
    """One input line as bytes (a raw E7 line as it is)."""
    if e['op'] == '_raw':
        return e['raw'].encode('utf-8', 'surrogateescape') + b'\n'
    import json
    return json.dumps(e, ensure_ascii=False).encode() + b'\n'


def life(seed, prefix='', without=()):
    return Life(seed, prefix, without).build()


if __name__ == '__main__':
    import json
    import sys
    for e in life(int(sys.argv[1]) if len(sys.argv) > 1 else 1):
        sys.stdout.buffer.write(line_bytes(e))
