#!/usr/bin/env python3
"""Sanity tests of the reference model itself (no tool needed): the
deadlines, sessions and identifiers it computes, a few whole scenarios, the
generator's invariants and the minimiser."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_model as C  # noqa: E402
import lives  # noqa: E402
import model as M  # noqa: E402

CAL = M.Calendar()
OWN = '0100109106'
ORG = '0301234562'


def T(s):
    return M.parse_instant(s + '+07:00')


class Instants(unittest.TestCase):
    def test_round_trip_and_offsets(self):
        t = M.parse_instant('2026-11-22T10:00:00+07:00')
        self.assertEqual(M.fmt(t), '2026-11-22T10:00:00+07:00')
        self.assertEqual(M.parse_instant('2026-11-22T03:00:00Z'), t)
        self.assertEqual(M.parse_instant('2026-11-22T12:00:00+09:00'), t)
        self.assertEqual(M.parse_instant('2026-11-21T22:00:00-05:00'), t)


class BpInactivity(unittest.TestCase):
    def due(self, s):
        return M.fmt(M.bp_inactivity_due(M.parse_instant(s)))

    def test_rules_example_2026_03_15(self):      # BP-R5
        self.assertEqual(self.due('2026-03-15T10:00:00+07:00'),
                         '2026-09-16T00:00:00+07:00')

    def test_missing_corresponding_day_falls_back(self):   # T3
        self.assertEqual(self.due('2026-08-31T09:00:00+07:00'),
                         '2027-03-01T00:00:00+07:00')    # 2027-02-28 end
        self.assertEqual(self.due('2026-03-31T09:00:00+07:00'),
                         '2026-10-01T00:00:00+07:00')    # 2026-09-30 end
        self.assertEqual(self.due('2023-08-31T09:00:00+07:00'),
                         '2024-03-01T00:00:00+07:00')    # 2024-02-29 end
        self.assertEqual(self.due('2023-08-29T09:00:00+07:00'),
                         '2024-03-01T00:00:00+07:00')
        self.assertEqual(self.due('2024-02-29T09:00:00+07:00'),
                         '2024-08-30T00:00:00+07:00')

    def test_issue_day_is_the_vietnamese_date(self):     # T1
        self.assertEqual(self.due('2026-03-15T23:59:59+07:00'),
                         '2026-09-16T00:00:00+07:00')
        self.assertEqual(self.due('2026-03-15T17:30:00Z'),  # 03-16 00:30
                         '2026-09-17T00:00:00+07:00')

    def test_no_extension_over_a_weekend(self):          # BP-R5, no 148(5)
        # 2026-04-10 + 6 months = Sat 2026-10-10: ends 24:00 that Saturday
        self.assertEqual(self.due('2026-04-10T09:00:00+07:00'),
                         '2026-10-11T00:00:00+07:00')


class Sessions(unittest.TestCase):
    def nxt(self, s, kind='reception'):
        return M.fmt(CAL.next_open(T(s), kind))

    def test_half_open_edges(self):                       # XNC-R1, E9
        self.assertTrue(CAL.in_session(T('2026-03-16T08:00:00')))
        self.assertFalse(CAL.in_session(T('2026-03-16T07:59:59')))
        self.assertTrue(CAL.in_session(T('2026-03-16T11:59:59')))
        self.assertFalse(CAL.in_session(T('2026-03-16T12:00:00')))
        self.assertTrue(CAL.in_session(T('2026-03-16T13:00:00')))
        self.assertTrue(CAL.in_session(T('2026-03-16T16:59:59')))
        self.assertFalse(CAL.in_session(T('2026-03-16T17:00:00')))
        self.assertEqual(self.nxt('2026-03-16T12:00:00'),
                         '2026-03-16T13:00:00+07:00')
        self.assertEqual(self.nxt('2026-03-16T17:00:00'),
                         '2026-03-17T08:00:00+07:00')

    def test_plain_saturday_morning_only(self):
        self.assertTrue(CAL.in_session(T('2026-03-21T11:59:59')))
        self.assertFalse(CAL.in_session(T('2026-03-21T12:00:00')))
        self.assertEqual(self.nxt('2026-03-21T12:00:00'),
                         '2026-03-23T08:00:00+07:00')
        self.assertEqual(self.nxt('2026-03-22T10:00:00'),   # Sunday
                         '2026-03-23T08:00:00+07:00')

    def test_saturday_in_a_break_is_closed(self):
        # Fri 2026-01-02 is swapped off: Sat 2026-01-03 has no session
        self.assertEqual(self.nxt('2026-01-03T09:00:00'),
                         '2026-01-05T08:00:00+07:00')
        # Tết 2026: Mon 16 .. Fri 20 February; Sat 14 and Sat 21 closed
        self.assertEqual(self.nxt('2026-02-13T17:00:00'),
                         '2026-02-23T08:00:00+07:00')

    def test_makeup_saturday_is_a_working_day(self):
        self.assertTrue(CAL.in_session(T('2026-01-10T14:00:00')))
        self.assertEqual(self.nxt('2026-01-10T10:00:00', 'result'),
                         '2026-01-10T10:00:00+07:00')

    def test_result_never_on_a_plain_saturday(self):     # XNC-R5
        self.assertEqual(self.nxt('2026-03-21T10:00:00', 'result'),
                         '2026-03-23T08:00:00+07:00')
        # Mon 2026-04-27 is compensatory for Hùng Kings
        self.assertEqual(self.nxt('2026-04-25T10:00:00', 'result'),
                         '2026-04-28T08:00:00+07:00')


class Identifiers(unittest.TestCase):
    def test_enterprise_code(self):                       # section 7.2
        self.assertTrue(M.enterprise_code_valid('0100109106'))
        self.assertFalse(M.enterprise_code_valid('0100109107'))
        self.assertTrue(M.enterprise_code_valid('0100109106-001'))
        self.assertFalse(M.enterprise_code_valid('0100109106-000'))
        self.assertFalse(M.enterprise_code_valid('010010910'))
        self.assertTrue(M.enterprise_code_valid(ORG))

    def test_cccd(self):                                  # section 7.1
        at = T('2026-01-01T00:00:00')
        self.assertTrue(M.cccd_valid('001090123456', at))
        self.assertFalse(M.cccd_valid('101090123456', at))
        self.assertFalse(M.cccd_valid('001230123456', at))   # born 2030
        self.assertFalse(M.cccd_valid('001490123456', at))   # 2100s
        self.assertFalse(M.cccd_valid('00109012345', at))

    def test_identity(self):
        h = ('cccd', '001090123456')
        before, after = T('2024-12-31T23:59:59'), T('2025-01-01T00:00:00')
        self.assertEqual(M.identity_problems('cmnd', '001090123456', before,
                                             h), [])
        self.assertEqual(M.identity_problems('cmnd', '001090123456', after,
                                             h), ['cmnd_expired'])
        self.assertEqual(M.identity_problems('cmnd', '123456789', after, h),
                         ['cmnd_expired', 'identity_mismatch'])
        self.assertEqual(M.identity_problems('cccd', '101090123456', after,
                                             h), ['invalid_cccd'])
        self.assertEqual(M.identity_problems('passport', 'c 1234567', after,
                                             ('passport', 'C1234567')), [])

    def test_na20(self):
        na = dict(lives.NA20_OK, account='X1', sealed=True)
        self.assertEqual(M.na20_problems(na, 'X1'), [])
        self.assertEqual(M.na20_problems(None, 'X1'), ['na20_missing'])
        self.assertEqual(M.na20_problems(dict(na, phone='abc', sealed=False),
                                         'X1'), ['na20_phone', 'na20_seal'])
        self.assertEqual(M.na20_problems(na, 'X2'), ['na20_account_mismatch'])


def bp_issue(a, t, hid='001090123456'):
    return {'op': 'issue', 'at': t + '+07:00', 'account': a,
            'procedure': 'bp', 'owner': OWN,
            'holder': {'name': 'N', 'id_type': 'cccd', 'id_number': hid}}


def run(lines):
    m = M.Model(CAL)
    return [[M.normalise(e, ev['op']) for e in m.line(ev)] for ev in lines]


class Scenarios(unittest.TestCase):
    def kinds(self, effs):
        import json
        return [json.loads(x[1])['t'] + ':' + str(json.loads(x[1]).get(
            'case') or json.loads(x[1]).get('reasons') or '')
            for x in effs if x]

    def test_used_once_never_cancelled_for_inactivity(self):   # BP-R5 (a)
        out = run([bp_issue('A1', '2026-03-15T10:00:00'),
                   {'op': 'use', 'at': '2026-04-01T10:00:00+07:00',
                    'account': 'A1'},
                   {'op': 'use', 'at': '2026-11-01T10:00:00+07:00',
                    'account': 'A1'},
                   {'op': 'show', 'at': '2026-12-01T10:00:00+07:00',
                    'account': 'A1'}])
        self.assertEqual(out[2], [])
        self.assertIn('"state": "active"', out[3][0][1])

    def test_never_used_cancelled_at_the_due_before_the_use(self):  # E6
        out = run([bp_issue('A1', '2026-03-15T10:00:00'),
                   {'op': 'use', 'at': '2026-09-16T00:00:00+07:00',
                    'account': 'A1'}])
        self.assertEqual(self.kinds(out[1]),
                         ['transition:bp-c', 'notice:',
                          "refused:['account_cancelled']"])
        self.assertIn('"at": "2026-09-16T00:00:00+07:00"', out[1][0][1])
        self.assertIn('"actor": "system"', out[1][0][1])

    def test_xnc_online_on_sunday_cancelled_when_monday_opens(self):
        na = dict(lives.NA20_OK, account='X1', sealed=True)
        out = run([{'op': 'issue', 'at': '2026-03-20T10:00:00+07:00',
                    'account': 'X1', 'procedure': 'xnc', 'owner': ORG},
                   {'op': 'request', 'at': '2026-03-22T10:00:00+07:00',
                    'request': 'Q1', 'account': 'X1', 'requester': ORG,
                    'channel': 'online', 'na20': na},
                   {'op': 'tick', 'at': '2026-03-23T09:00:00+07:00'}])
        self.assertIn('"due": "2026-03-23T08:00:00+07:00"', out[1][0][1])
        self.assertEqual(self.kinds(out[2]), ['transition:xnc', 'notice:'])
        self.assertIn('"at": "2026-03-23T08:00:00+07:00"', out[2][0][1])

    def test_replay_returns_the_standing_outcome(self):      # E2
        req = {'op': 'request', 'at': '2026-03-16T10:00:00+07:00',
               'request': 'Q1', 'account': 'A1', 'requester': OWN,
               'channel': 'postal', 'documents': ['application']}
        sup = {'op': 'supplement', 'at': '2026-03-16T11:00:00+07:00',
               'request': 'Q1', 'requester': OWN,
               'documents': ['enterprise_registration', 'identity'],
               'enterprise_code': OWN,
               'identity': {'id_type': 'cccd', 'id_number': '001090123456'}}
        again = dict(req, at='2026-03-16T11:30:00+07:00')
        other = dict(req, at='2026-03-16T11:40:00+07:00',
                     requester=ORG)
        out = run([bp_issue('A1', '2026-03-15T10:00:00'), req, sup, again,
                   other])
        self.assertIn('"replay": true', out[3][0][1])
        self.assertIn('"due": "2026-03-16T13:00:00+07:00"', out[3][0][1])
        self.assertIn('request_id_reused', out[4][0][1])
        self.assertIn('"due": null', out[4][0][1])

    def test_stranger_supplement_refused_not_owner(self):    # E5
        req = {'op': 'request', 'at': '2026-03-16T10:00:00+07:00',
               'request': 'Q1', 'account': 'A1', 'requester': OWN,
               'channel': 'postal', 'documents': ['application']}
        sup = {'op': 'supplement', 'at': '2026-03-16T11:00:00+07:00',
               'request': 'Q1', 'requester': ORG,
               'documents': ['enterprise_registration', 'identity'],
               'enterprise_code': OWN,
               'identity': {'id_type': 'cccd', 'id_number': '001090123456'}}
        out = run([bp_issue('A1', '2026-03-15T10:00:00'), req, sup])
        self.assertEqual(out[2][0][0], 'request:Q1')
        self.assertIn('not_owner', out[2][0][1])


class Generator(unittest.TestCase):
    def test_lives_are_sorted_inside_the_calendar_and_deterministic(self):
        for seed in range(1, 40):
            ev = lives.life(seed)
            self.assertEqual(ev, lives.life(seed))
            ts = [M.parse_instant(e['at']) for e in ev]
            self.assertEqual(ts, sorted(ts))
            self.assertGreaterEqual(ts[0], lives.START)
            self.assertLessEqual(ts[-1], lives.END)
            self.assertTrue(all(e.get('account') != C.MARK for e in ev))


class Minimiser(unittest.TestCase):
    def test_ddmin_finds_the_two_lines(self):
        xs = list(range(100))
        got = C.ddmin(xs, lambda s: 17 in s and 71 in s)
        self.assertEqual(got, [17, 71])


if __name__ == '__main__':
    unittest.main()
