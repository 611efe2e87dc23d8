#!/usr/bin/env python3
"""Generates src/core/lunar_table.c, the Vietnamese lunisolar calendar
(am lich) for lunar years 1900-2199 at UTC+07:00 (rules C5 and
domain-reference section 3.1), from our own implementation of the astronomy:

* new moons: Meeus, Astronomical Algorithms (2nd ed.), ch. 49 (mean phase,
  the new-moon periodic terms and the 14 planetary arguments A1..A14);
* the Sun's apparent longitude: VSOP87D Earth series abridged as in Meeus
  Appendix III (ch. 32), geocentric = L + 180 deg, FK5 correction and
  aberration (ch. 25), nutation in longitude (ch. 22, largest terms);
* Delta T = TT - UT: Espenak & Meeus polynomials (1900-2200);
* CLOSE_CALLS: the new moons closer to local midnight than our own error,
  where the day follows the most precise ephemeris (rule C5).

Usage:
  gen_lunar.py [OUT]            write the table (default src/core/lunar_table.c)
  gen_lunar.py --check PATH     exit 1 if PATH is not what we would write
  gen_lunar.py --report ...     also list the close calls on stderr
Python 3 standard library only; the output is deterministic.
"""
import argparse
import bisect
import difflib
import math
import pathlib
import sys

import lunar_astro as astro

FIRST_YEAR, LAST_YEAR = 1900, 2199
FIRST_DAY, LAST_DAY = -25537, 84005  # 1900-01-31, 2199-12-31 (lunar_internal.h)
UNIX_JDN = 2440588          # Julian day number of 1970-01-01
TZ = 7.0 / 24.0             # UTC+07:00, the 105 deg E meridian
NEW_MOON_CLOSE_MIN = 5.0    # report new moons this close to local midnight
TERM_CLOSE_MIN = 30.0       # report principal terms this close to a month start
# The generator's own error on the instant of a new moon: ch. 49 has
# sigma 4.5 s and a worst case of 17 s against Swiss Ephemeris over
# 1900-2020, the solar longitude <= 17 s (docs/lunar.md).  A new moon this
# close to local midnight is not decided by our astronomy.
NEW_MOON_ERROR_S = 20.0

# Rule C5: where a new moon lies closer to local midnight than our own
# error, the day follows the most precise ephemeris available.  Each row:
# (the local day our computation gives, the day the ephemeris gives, the
# source).  The generator stops if a row no longer matches a new moon
# within NEW_MOON_ERROR_S of midnight, so that a row cannot outlive its
# reason.  docs/lunar.md lists these close calls.
CLOSE_CALLS = (
    ("1967-07-07", "1967-07-08",
     "Swiss Ephemeris (Moshier): new moon 1967-07-08 00:00:06 UTC+7, "
     "ours 1967-07-07 23:59:58"),
)

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "src" / "core" / "lunar_table.c"


def local_day(jd_ut):
    """Day number (since 1970-01-01) of the UTC+7 civil day of an instant."""
    return math.floor(jd_ut + TZ + 0.5) - UNIX_JDN


def midnight_jde(day):
    """JDE (TT) of local 00:00 of a day number."""
    return astro.ut_to_tt(day + UNIX_JDN - 0.5 - TZ)


def civil(day):
    """(year, month, day) of a day number, proleptic Gregorian."""
    z = day + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if m <= 2 else 0), m, d


def iso(day):
    return "%04d-%02d-%02d" % civil(day)


def day_of_iso(text):
    """Day number of a YYYY-MM-DD date (inverse of iso)."""
    y, m, d = (int(x) for x in text.split("-"))
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def follow_close_calls(moons):
    """Rule C5: moves the local day of each new moon of CLOSE_CALLS to the
    ephemeris' day; stops if a row does not apply."""
    out = list(moons)
    for ours, theirs, source in CLOSE_CALLS:
        a, b = day_of_iso(ours), day_of_iso(theirs)
        if abs(a - b) != 1 or iso(a) != ours or iso(b) != theirs:
            raise SystemExit("gen_lunar: bad close call %s -> %s" % (ours, theirs))
        hits = [j for j, m in enumerate(out) if m[2] == a]
        if len(hits) != 1:
            raise SystemExit("gen_lunar: close call %s: no new moon that day" % ours)
        k, jd, _ = out[hits[0]]
        # seconds from the midnight between the two days
        edge = max(a, b) + UNIX_JDN - 0.5 - TZ
        if abs(jd - edge) * 86400.0 > NEW_MOON_ERROR_S:
            raise SystemExit("gen_lunar: close call %s: the new moon is %.0f s "
                             "from midnight, more than our error (%s)"
                             % (ours, abs(jd - edge) * 86400.0, source))
        out[hits[0]] = (k, jd, b)
    return out


def hhmmss(jd_ut):
    """Local UTC+7 date and time of an instant, to the second."""
    x = jd_ut + TZ + 0.5
    day = math.floor(x)
    sec = round((x - day) * 86400.0)
    if sec == 86400:
        day, sec = day + 1, 0
    return "%s %02d:%02d:%02d" % (iso(day - UNIX_JDN), sec // 3600,
                                  sec // 60 % 60, sec % 60)


class Calendar:
    """The new moons, month-11 starts and labelled months of the range."""

    def __init__(self):
        k0 = math.floor((FIRST_YEAR - 2.5 - 2000) * 12.3685)
        k1 = math.ceil((LAST_YEAR + 2.5 - 2000) * 12.3685)
        self.moons = []                         # (k, jd_ut, local day)
        for k in range(k0, k1 + 1):
            jd = astro.tt_to_ut(astro.new_moon_jde(k))
            self.moons.append((k, jd, local_day(jd)))
        self.moons = follow_close_calls(self.moons)
        self.starts = [m[2] for m in self.moons]
        self.lam = {d: astro.sun_longitude(midnight_jde(d))
                    for d in self.starts}
        self.m11 = {}                           # Gregorian year -> index
        for y in range(FIRST_YEAR - 2, LAST_YEAR + 2):
            # Month 11 is the last month starting on or before the local
            # day of the winter solstice (270 deg).
            jd = astro.tt_to_ut(astro.solar_term_jde(y, 270.0))
            s = local_day(jd)
            self.m11[y] = bisect.bisect_right(self.starts, s) - 1
        self.leap_span = set()
        self.months = self._label()

    def sector(self, i):
        return math.floor(self.lam[self.starts[i]] / 30.0)

    def _span(self, y):
        """Labels of the months from M11(y-1) up to M11(y), exclusive."""
        a, b = self.m11[y - 1], self.m11[y]
        if b - a not in (12, 13):
            raise SystemExit("gen_lunar: %d months before M11(%d)" % (b - a, y))
        leap = -1
        if b - a == 13:
            self.leap_span.update(range(a, b + 1))
            leap = next(i for i in range(1, 13)
                        if self.sector(a + i) == self.sector(a + i + 1))
        out, num = [], 11
        for i in range(b - a):
            if i == leap:
                out.append((a + i, (num + 10) % 12 + 1, 1))
                continue
            out.append((a + i, num, 0))
            num = num % 12 + 1
        return out

    def _label(self):
        months = []
        for y in range(FIRST_YEAR - 1, LAST_YEAR + 2):
            months.extend(self._span(y))
        return months

    def years(self):
        """Per lunar year FIRST_YEAR..LAST_YEAR + 1 (the last one partial):
        (year, first day, long-month mask, leap month, [(num, leap, len)])."""
        out, cur = {}, None
        for j, (i, num, leap) in enumerate(self.months[:-1]):
            start = self.starts[i]
            if num == 1 and not leap:
                cur = civil(start)[0]
                out[cur] = [start, 0, 0, []]
            if cur is None:
                continue
            length = self.starts[self.months[j + 1][0]] - start
            row = out[cur]
            if length == 30:
                row[1] |= 1 << len(row[3])
            if leap:
                row[2] = num
            row[3].append((num, leap, length))
        return [(y,) + tuple(out[y]) for y in range(FIRST_YEAR, LAST_YEAR + 2)]


def check_years(rows):
    """The structural invariants every lunar year must satisfy, and the
    range that src/core/lunar_internal.h assumes."""
    assert rows[0][1] == FIRST_DAY and rows[-1][1] > LAST_DAY
    for (y, first, mask, leap, months), nxt in zip(rows, rows[1:]):
        assert first + sum(m[2] for m in months) == nxt[1], y
        nums = [m[0] for m in months if not m[1]]
        assert nums == list(range(1, 13)), (y, months)
        assert len(months) == (13 if leap else 12), y
        assert all(m[2] in (29, 30) for m in months), y
        assert mask < (1 << len(months)), y
        assert civil(first)[0] == y, y
        if leap:
            idx = [k for k, m in enumerate(months) if m[1]]
            assert idx == [leap], (y, idx)


def render(rows):
    cmd = "python3 tools/gen/gen_lunar.py src/core/lunar_table.c"
    lines = [
        "/*",
        " * GENERATED FILE - do not edit.  Regenerate with:",
        " *   " + cmd,
        " * (tools/gen/gen_lunar.py and lunar_astro.py: new moons per Meeus",
        " * ch. 49, solar longitude per VSOP87D / Meeus App. III, Delta T per",
        " * Espenak-Meeus; close calls per Swiss Ephemeris, CLOSE_CALLS;",
        " * see docs/lunar.md).  The meson test",
        " * lunar-table-fresh checks that this file matches the generator.",
        " *",
        " * One row per lunar year %d-%d at UTC+07:00:" % (FIRST_YEAR, LAST_YEAR),
        " * { day number of month 1 day 1 (Tet), mask of 30-day months in",
        " *   order (bit 0 = month 1; the leap month is counted in place),",
        " *   leap month number or 0 }",
        " */",
        '#include "core/lunar_internal.h"',
        "",
        "const bpacct__lunar_year bpacct__lunar_years[BPACCT__LUNAR_YEARS] = {",
    ]
    for y, first, mask, leap, months in rows[:-1]:
        lines.append("\t{ %d, 0x%04x, %d, 0 }, /* %s%s */" % (
            first, mask, leap, iso(first),
            " leap %d" % leap if leap else ""))
    lines.append("};")
    return "\n".join(lines) + "\n"


def close_calls(cal):
    """Lines describing every new moon or boundary term near midnight."""
    out = []
    for k, jd, day in cal.moons:
        frac = (jd + TZ + 0.5) % 1.0
        mins = min(frac, 1.0 - frac) * 1440.0
        if mins < NEW_MOON_CLOSE_MIN and 1899 <= civil(day)[0] <= 2200:
            followed = [c for c in CLOSE_CALLS if c[1] == iso(day)]
            out.append("new moon k=%d at %s UTC+7 (%.1f min from midnight)"
                       " -> month starts %s%s" % (
                           k, hhmmss(jd), mins, iso(day),
                           " (close call: %s)" % followed[0][2]
                           if followed else ""))
    for i, day in enumerate(cal.starts):
        lam = cal.lam[day]
        target = 30.0 * round(lam / 30.0) % 360.0
        delta = (lam - target + 180.0) % 360.0 - 180.0
        if abs(delta) > 0.05 or not 1899 <= civil(day)[0] <= 2200:
            continue
        jd = astro.tt_to_ut(astro.term_near(midnight_jde(day), target))
        mins = (jd - (day + UNIX_JDN - 0.5 - TZ)) * 1440.0
        if abs(mins) >= TERM_CLOSE_MIN:
            continue
        why = []
        if target == 270.0:
            why.append("winter solstice: fixes month 11")
        if i in cal.leap_span:
            why.append("in a 13-month span: may move the leap month")
        out.append("principal term %3d deg at %s UTC+7 (%+.1f min from the"
                   " start of the month of %s)%s" % (
                       target, hhmmss(jd), mins, iso(day),
                       "; " + ", ".join(why) if why else "; no effect"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(DEFAULT_OUT))
    ap.add_argument("--check", metavar="PATH")
    ap.add_argument("--report", action="store_true")
    args = ap.parse_args()
    astro.self_test()
    cal = Calendar()
    rows = cal.years()
    check_years(rows)
    text = render(rows)
    if args.report:
        for line in close_calls(cal):
            print(line, file=sys.stderr)
    if args.check:
        path = pathlib.Path(args.check)
        old = path.read_text() if path.exists() else ""
        if old == text:
            print("lunar table is fresh: 1 passed, 0 failed")
            return 0
        diff = list(difflib.unified_diff(old.splitlines(), text.splitlines(),
                                         str(path), "regenerated", n=0,
                                         lineterm=""))
        print("%s differs from the generator output (%d diff lines):"
              % (path, len(diff)))
        print("\n".join(diff[:40]))
        print("0 passed, 1 failed")
        return 1
    pathlib.Path(args.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
