# SPDX-License-Identifier: MIT
"""Both procedures end to end through the engine; a failing notifier."""
import os
import tempfile
import unittest

import bpacct
from bpacct import (Case, Document, EffectType, Engine, MemoryStore,
                    NoticeKind, Outcome, Recipients, State)
from support import (CCCD, OWNER, Recorder, at, bp_issue, bp_request,
                     xnc_issue, xnc_request)


def sqlite_available():
    try:
        bpacct.SqliteStore(":memory:").close()
        return True
    except bpacct.LoadError:
        return False


class BpCase(unittest.TestCase):
    """BP-A: an application accepted, cancelled by the tick 2 h later; the
    notice to owner and holder (BP-R6), once."""

    def run_case(self, store):
        rec = Recorder()
        with Engine(store=store, notifier=rec) as eng:
            eng.submit("A1", bp_issue("2026-11-02T08:00:00+07:00"), check=True)
            steps = eng.submit("A1", bp_request("2026-11-16T09:00:00+07:00"))
            outcome = [e for s in steps for e in s.of_type(EffectType.OUTCOME)]
            self.assertEqual(outcome[0].outcome, Outcome.ACCEPTED)
            self.assertEqual(outcome[0].due, at("2026-11-16T11:00:00+07:00"))
            self.assertEqual(eng.account("A1").state, State.ACTIVE)
            # one second early: nothing yet
            eng.tick(at("2026-11-16T10:59:59+07:00"))
            self.assertEqual(eng.account("A1").state, State.ACTIVE)
            steps = eng.tick(at("2026-11-16T11:00:00+07:00"))
            acc = eng.account("A1")
            self.assertEqual(acc.state, State.CANCELLED)
            self.assertEqual(acc.cancelled, at("2026-11-16T11:00:00+07:00"))
            self.assertEqual(acc.cancelled.utcoffset().total_seconds(), 7 * 3600)
            trans = [e for s in steps for e in s.of_type(EffectType.TRANSITION)]
            self.assertEqual((trans[0].from_, trans[0].to),
                             (State.ACTIVE, State.CANCELLED))
            self.assertEqual(trans[0].case, Case.BP_A)
            cancels = [n for n in rec.notices
                       if n.kind == NoticeKind.CANCELLATION]
            self.assertEqual(len(cancels), 1)
            n = cancels[0]
            self.assertEqual(n.recipients, Recipients.OWNER | Recipients.HOLDER)
            self.assertEqual((n.owner_id, n.holder_id), (OWNER, CCCD))
            self.assertEqual(n.document, Document.MAU06)
            self.assertEqual(eng.deliver(), 0)
            # exactly once: no key delivered twice
            self.assertEqual(len(rec.keys), len(set(rec.keys)))
        return rec

    def test_memory_store(self):
        store = MemoryStore()
        self.run_case(store)
        self.assertEqual(store.stats()["outbox"], 0)

    @unittest.skipUnless(sqlite_available(), "libbpacct-sqlite.so.1 not found")
    def test_sqlite_store(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "bp.db")
            store = bpacct.SqliteStore(path)
            self.run_case(store)
            self.assertEqual(store.stats()["outbox"], 0)
            store.close()
            # the state outlives the process's store
            store = bpacct.SqliteStore(path)
            with Engine(store=store) as eng:
                self.assertEqual(eng.account("A1").state, State.CANCELLED)
            store.close()


class XncCase(unittest.TestCase):
    """XNC: an NA20 handed over in a reception session is accepted and the
    account cancelled at once, with letter NB10 (XNC-R4, XNC-R5)."""

    def test_na20_in_session(self):
        rec = Recorder()
        with Engine(notifier=rec) as eng:
            eng.submit("X1", xnc_issue("2026-11-02T08:00:00+07:00"), check=True)
            # Monday 16 November 2026, 09:00: inside a reception session
            steps = eng.submit("X1", xnc_request("2026-11-16T09:00:00+07:00",
                                                 "X1"), check=True)
            effects = [e for s in steps for e in s.effects]
            outcome = [e for e in effects if e.type == EffectType.OUTCOME]
            self.assertEqual(outcome[0].outcome, Outcome.ACCEPTED)
            acc = eng.account("X1")
            self.assertEqual(acc.state, State.CANCELLED)
            self.assertEqual(acc.cancelled, at("2026-11-16T09:00:00+07:00"))
            nb10 = [n for n in rec.notices if n.kind == NoticeKind.NB10]
            self.assertEqual(len(nb10), 1)
            self.assertEqual(nb10[0].document, Document.NB10)
            self.assertEqual(nb10[0].recipients & Recipients.OWNER,
                             Recipients.OWNER)

    def test_incomplete_na20_supplement_reasons(self):
        with Engine() as eng:
            eng.submit("X2", xnc_issue("2026-11-02T08:00:00+07:00"))
            ev = xnc_request("2026-11-16T09:00:00+07:00", "X2")
            ev.fields["na20"]["email"] = None
            steps = eng.submit("X2", ev)
            out = [e for s in steps for e in s.of_type(EffectType.OUTCOME)][0]
            self.assertEqual(out.outcome, Outcome.SUPPLEMENT)
            r = out.reasons[0]
            self.assertEqual(r.code, bpacct.Reason.NA20_EMAIL)
            self.assertEqual(r.name, "na20_email")
            self.assertTrue(r.message_vi and r.message_en)
            self.assertNotEqual(r.message_vi, r.message_en)

    def test_refused_raises_with_both_messages(self):
        with Engine() as eng:
            with self.assertRaises(bpacct.RefusedError) as cm:
                eng.submit("N1", bpacct.Event(bpacct.Input.USE,
                                              at("2026-11-16T09:00:00+07:00")),
                           check=True)
            e = cm.exception
            self.assertEqual(e.code, bpacct.Reason.NOT_ISSUED)
            self.assertTrue(e.message_vi and e.message_en)


class FailingNotifier(bpacct.Notifier):
    """Raises on its first `failures` calls, then delivers."""

    def __init__(self, failures):
        self.failures = failures
        self.calls = 0
        self.delivered = []

    def deliver(self, notice):
        self.calls += 1
        if self.calls <= self.failures:
            raise ConnectionError("the portal is down")
        self.delivered.append(notice.key)


class FailingNotifierCase(unittest.TestCase):
    """An exception in deliver() is a failed delivery, never a success:
    the notice stays in the outbox and the next tick delivers it, once."""

    def test_retried_on_next_tick_exactly_once(self):
        store = MemoryStore()
        notifier = FailingNotifier(failures=1000)
        with Engine(store=store, notifier=notifier) as eng:
            eng.submit("A1", bp_issue("2026-11-02T08:00:00+07:00"))
            eng.submit("A1", bp_request("2026-11-16T09:00:00+07:00"))
            eng.tick(at("2026-11-16T11:00:00+07:00"))
            self.assertEqual(eng.account("A1").state, State.CANCELLED)
            pending = store.stats()["outbox"]
            self.assertGreaterEqual(pending, 1)  # nothing taken as sent
            self.assertEqual(notifier.delivered, [])
            self.assertTrue(any(isinstance(e, ConnectionError)
                                for _, e in eng.callback_errors))
            notifier.failures = 0  # the portal is back
            eng.tick(at("2026-11-16T11:05:00+07:00"))
            self.assertEqual(store.stats()["outbox"], 0)
            self.assertEqual(len(notifier.delivered), pending)
            self.assertEqual(len(set(notifier.delivered)), pending)
            # a later tick or deliver sends nothing again
            eng.tick(at("2026-11-16T12:00:00+07:00"))
            self.assertEqual(eng.deliver(), 0)
            self.assertEqual(len(notifier.delivered), pending)

    def test_fails_once_then_delivered(self):
        store = MemoryStore()
        notifier = FailingNotifier(failures=1)
        with Engine(store=store, notifier=notifier) as eng:
            eng.submit("A1", bp_issue("2026-11-02T08:00:00+07:00"))
            eng.submit("A1", bp_request("2026-11-16T09:00:00+07:00"))
            eng.tick(at("2026-11-16T11:00:00+07:00"))
            self.assertEqual(eng.deliver(), 0)
            self.assertEqual(len(notifier.delivered),
                             len(set(notifier.delivered)))
            self.assertEqual(store.stats()["outbox"], 0)


if __name__ == "__main__":
    unittest.main()
