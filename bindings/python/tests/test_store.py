# SPDX-License-Identifier: MIT
"""A store written in Python (the vtable of bpacct/sys/store.h through
ctypes callbacks) running a BP case, and a store that fails."""
import unittest

import bpacct
from bpacct import EntryType, Engine, NoticeKind, State
from support import Recorder, at, bp_issue, bp_request


class DictStore(bpacct.Store):
    """Accounts, requests and the outbox in dicts; atomic by checking
    everything before writing anything."""

    def __init__(self):
        self.accounts = {}   # id -> (revision, next_due, bytes)
        self.requests = {}   # id -> bytes
        self.outbox_ = {}    # key -> [bytes, delivered]  (insertion order)
        self.audit = []      # bytes
        self.commits = 0

    def get_account(self, id):
        row = self.accounts.get(id)
        return row[2] if row else None

    def get_request(self, id):
        return self.requests.get(id)

    def commit(self, change):
        if change.has_account:
            ident, record = change.account
            stored = self.accounts.get(ident, (0, None, None))[0]
            if stored != change.expected_revision:
                raise bpacct.ConflictError()
            self.accounts[ident] = (change.revision, change.next_due, record)
        if change.request:
            self.requests[change.request[0]] = change.request[1]
        for e in change.entries:
            if e.type == EntryType.NOTICE:
                self.outbox_[e.key] = [e.record, False]
            else:
                self.audit.append(e.record)
        self.commits += 1

    def due(self, at, max):
        rows = sorted((due, ident) for ident, (_, due, _) in
                      self.accounts.items() if due is not None and due <= at)
        return [ident for _, ident in rows[:max]]

    def outbox(self, max):
        return [rec for rec, done in self.outbox_.values() if not done][:max]

    def mark_delivered(self, key):
        if key not in self.outbox_:
            raise bpacct.NotFoundError()
        self.outbox_[key][1] = True


class PythonStoreCase(unittest.TestCase):
    def test_bp_case_on_a_dict_store(self):
        store, rec = DictStore(), Recorder()
        with Engine(store=store, notifier=rec) as eng:
            eng.submit("A1", bp_issue("2026-11-02T08:00:00+07:00"), check=True)
            eng.submit("A1", bp_request("2026-11-16T09:00:00+07:00"))
            self.assertEqual(eng.account("A1").state, State.ACTIVE)
            self.assertEqual(store.accounts["A1"][1],
                             at("2026-11-16T11:00:00+07:00"))  # next due
            eng.tick(at("2026-11-16T11:00:00+07:00"))
            self.assertEqual(eng.account("A1").state, State.CANCELLED)
            self.assertEqual(eng.account("A1").revision, store.accounts["A1"][0])
        self.assertIn("Q1", store.requests)
        self.assertTrue(store.audit)
        self.assertTrue(all(done for _, done in store.outbox_.values()))
        kinds = [n.kind for n in rec.notices]
        self.assertEqual(kinds.count(NoticeKind.CANCELLATION), 1)
        # the store's bytes decode as the notices delivered
        decoded = {bpacct.Entry.decode(r).key for r, _ in store.outbox_.values()}
        self.assertEqual(decoded, {n.key for n in rec.notices})

    def test_a_raising_commit_is_an_error_not_a_success(self):
        class Broken(DictStore):
            def commit(self, change):
                raise OSError("disk full")

        store = Broken()
        with Engine(store=store) as eng:
            with self.assertRaises(bpacct.HostError) as cm:
                eng.submit("A1", bp_issue("2026-11-02T08:00:00+07:00"))
            self.assertEqual(cm.exception.code, bpacct.Status.EUSER)
            self.assertIn("disk full", cm.exception.detail)
            self.assertIsInstance(cm.exception.__cause__, OSError)
            self.assertEqual(store.accounts, {})
            with self.assertRaises(bpacct.NotFoundError):
                eng.account("A1")

    def test_a_host_code_passes_through(self):
        class Busy(DictStore):
            def commit(self, change):
                raise bpacct.BpacctError(-1001)

        with Engine(store=Busy()) as eng:
            with self.assertRaises(bpacct.BpacctError) as cm:
                eng.submit("A1", bp_issue("2026-11-02T08:00:00+07:00"))
            self.assertEqual(cm.exception.code, -1001)


if __name__ == "__main__":
    unittest.main()
