# SPDX-License-Identifier: MIT
"""A deadline, time conversions, the calendar, lunar dates, errors, and the
generated enums against the headers' values."""
import json
import os
import subprocess
import sys
import unittest
from datetime import date, datetime, timedelta, timezone

import bpacct
from bpacct import Rule, Status, VN

HERE = os.path.dirname(os.path.abspath(__file__))


class DeadlineCase(unittest.TestCase):
    def test_bp_r5_inactivity(self):
        """BP-R5: issued 2026-03-15T09:00+07:00 → due at 24:00 of
        2026-09-15, i.e. 2026-09-16T00:00+07:00, no Art. 148(5) move."""
        d = bpacct.deadline(Rule.BP_INACTIVITY,
                            datetime(2026, 3, 15, 9, 0, tzinfo=VN))
        self.assertEqual(d.due, datetime(2026, 9, 16, 0, 0, tzinfo=VN))
        self.assertEqual(d.due.isoformat(), "2026-09-16T00:00:00+07:00")
        self.assertEqual(bpacct.format_instant(d.due),
                         "2026-09-16T00:00:00+07:00")
        self.assertFalse(d.flags & bpacct.DeadlineFlag.EXTENDED)

    def test_any_offset_in_vietnam_time_out(self):
        utc = datetime(2026, 3, 15, 2, 0, tzinfo=timezone.utc)  # 09:00 +07
        d = bpacct.deadline(Rule.BP_REQUEST, utc)
        self.assertEqual(d.due, datetime(2026, 3, 15, 11, 0, tzinfo=VN))
        self.assertEqual(d.due.utcoffset(), timedelta(hours=7))

    def test_naive_datetime_refused(self):
        with self.assertRaises(ValueError):
            bpacct.deadline(Rule.BP_REQUEST, datetime(2026, 3, 15, 9))

    def test_basis_in_both_languages(self):
        self.assertIn("BP-R5", bpacct.rule_basis(Rule.BP_INACTIVITY))
        self.assertNotEqual(bpacct.rule_basis(Rule.BP_INACTIVITY, bpacct.Lang.VI),
                            bpacct.rule_basis(Rule.BP_INACTIVITY, bpacct.Lang.EN))


class CivilCase(unittest.TestCase):
    def test_round_trip(self):
        for text in ("1970-01-01T07:00:00+07:00", "2026-09-16T00:00:00+07:00",
                     "0001-01-01T07:00:00+07:00"):
            dt = bpacct.parse_instant(text)
            self.assertEqual(bpacct.format_instant(dt), text)
            self.assertEqual(bpacct.from_instant(bpacct.to_instant(dt)), dt)
        self.assertIsNone(bpacct.from_instant(bpacct.CONSTANTS["INSTANT_NONE"]))

    def test_parse_error_carries_code_and_messages(self):
        with self.assertRaises(bpacct.ParseError) as cm:
            bpacct.parse_instant("2026-02-30T00:00:00Z")
        e = cm.exception
        self.assertEqual(e.code, Status.EPARSE)
        self.assertEqual(e.name, "BPACCT_EPARSE")
        self.assertTrue(e.message)
        self.assertIsInstance(e, ValueError)

    def test_lunar(self):
        tet = bpacct.LunarDate(2026, 1, 1)
        self.assertEqual(tet.to_solar(), date(2026, 2, 17))
        self.assertEqual(bpacct.LunarDate.from_solar(date(2026, 2, 17)), tet)
        self.assertEqual(bpacct.lunar_leap_month(2023), 2)
        self.assertEqual(bpacct.lunar_range(), (date(1900, 1, 31),
                                                date(2199, 12, 31)))
        with self.assertRaises(bpacct.OutOfRangeError):
            bpacct.LunarDate.from_solar(date(1800, 1, 1))

    def test_calendar(self):
        cal = bpacct.Calendar()
        self.assertFalse(cal.is_working_day(date(2026, 9, 2)))  # National Day
        info = cal.day_info(date(2026, 9, 2))
        self.assertEqual(info.kind, bpacct.DayKind.HOLIDAY)
        self.assertTrue(cal.is_working_day(date(2026, 9, 3)) or
                        cal.day_info(date(2026, 9, 3)).kind != bpacct.DayKind.WORKING)
        self.assertGreater(len(cal.entries(2026)), 10)
        self.assertEqual(cal.offset_working_days(date(2026, 11, 13), 1),
                         date(2026, 11, 16))  # Friday → Monday
        self.assertEqual(cal.count_working_days(date(2026, 11, 16),
                                                date(2026, 11, 23)), 5)


class EnumCase(unittest.TestCase):
    def test_status_names_are_the_librarys(self):
        for st in Status:
            self.assertEqual(bpacct.BpacctError(st).name, "BPACCT_" + st.name)

    def test_reason_names_are_the_librarys(self):
        for r in bpacct.Reason:
            info = bpacct.reason_info(r)
            self.assertEqual(info.name.upper(), r.name if r else "NONE")

    def test_generated_module_matches_the_headers(self):
        """bpacct/_constants.py against the constants.json the build made
        from the headers with the C compiler (BPACCT_CONSTANTS_JSON)."""
        path = os.environ.get("BPACCT_CONSTANTS_JSON")
        if not path:
            self.skipTest("BPACCT_CONSTANTS_JSON not set (meson test sets it)")
        gen = os.path.join(HERE, "..", "gen_constants.py")
        p = subprocess.run([sys.executable, gen, "--check", path],
                           capture_output=True, text=True)
        sys.stderr.write(p.stdout)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for tag, members in doc["enums"].items():
            for name, value in members.items():
                self.assertEqual(bpacct.C_VALUES[name], value, name)


class LayoutCase(unittest.TestCase):
    def test_mirrors_match_the_compiler(self):
        """Every ctypes mirror against sizeof/offsetof from the C compiler
        (bindings/layout_probe.c, BPACCT_LAYOUT_PROBE): the offsets too, which
        the import-time size check cannot see."""
        import ctypes
        from bpacct import _lib
        probe = os.environ.get("BPACCT_LAYOUT_PROBE")
        if not probe:
            self.skipTest("BPACCT_LAYOUT_PROBE not set (meson test sets it)")
        out = subprocess.run([probe], capture_output=True, text=True,
                             check=True).stdout.split("\n")
        seen = set()
        for line in filter(None, out):
            name, value = line.split()
            struct, _, field = name.partition(".")
            mirror = _lib.MIRRORS[struct][0]
            seen.add(struct)
            if field:
                self.assertEqual(getattr(mirror, field).offset, int(value), name)
            else:
                self.assertEqual(ctypes.sizeof(mirror), int(value), name)
        self.assertEqual(seen, set(_lib.MIRRORS))

    def test_import_checks_the_mirrors_with_bpacct_struct_size(self):
        """At load time every mirror is checked against the linked
        library's bpacct_struct_size(): a mirror of the wrong size is
        refused with LoadError."""
        import ctypes
        from bpacct import _lib
        self.assertTrue(hasattr(_lib.lib, "bpacct_struct_size"))
        _lib.check_struct_sizes(_lib.lib)  # the real mirrors pass

        class Short(ctypes.Structure):
            _fields_ = [("version", ctypes.c_uint32)]

        saved = dict(_lib.MIRRORS)
        try:
            _lib.MIRRORS["bpacct_event"] = (Short, "EVENT_VERSION")
            with self.assertRaises(_lib.LoadError):
                _lib.check_struct_sizes(_lib.lib)
        finally:
            _lib.MIRRORS.clear()
            _lib.MIRRORS.update(saved)


if __name__ == "__main__":
    unittest.main()
