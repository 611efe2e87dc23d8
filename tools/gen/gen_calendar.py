#!/usr/bin/env python3
"""Turns the announced civil-service schedules (rule C2) into a C table.

Usage: gen_calendar.py INPUT.csv OUTPUT.c

INPUT is data/vn_civil_service_calendar_2020_2026.csv, one row per date:
    date,weekday,kind,occasion,status,note,source
The generator is strict, because a silently dropped or misread row would
shift every deadline computed from it: an unknown kind or status, a date
that does not exist, a weekday that does not match its date, an empty
occasion, a duplicate date, a missing column, or a year with no rows inside
the span of announced years stops the build with the file, line and reason.

The output holds no pointers (names are offsets into one character pool)
so that the table lands in .rodata and src/core stays free of relocated
data (tests/abi/check_purity.py).  Python standard library only.
"""
import csv
import datetime
import sys

HEADER = ["date", "weekday", "kind", "occasion", "status", "note", "source"]
KINDS = {
    "holiday": "BPACCT_DAY_HOLIDAY",
    "compensatory": "BPACCT_DAY_COMPENSATORY",
    "swap_off": "BPACCT_DAY_SWAP_OFF",
    "working": "BPACCT_DAY_MAKEUP",
}
STATUSES = {
    "statutory": "BPACCT_SOURCE_STATUTORY",
    "announced": "BPACCT_SOURCE_ANNOUNCED",
}
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EPOCH = datetime.date(1970, 1, 1)
NAME_MAX = 127


class CsvError(Exception):
    pass


def parse_row(path, line, row):
    if len(row) != len(HEADER):
        raise CsvError(f"{path}:{line}: expected {len(HEADER)} columns "
                       f"({','.join(HEADER)}), found {len(row)}")
    date_s, weekday, kind, occasion, status = (f.strip() for f in row[:5])
    try:
        if len(date_s) != 10:
            raise ValueError
        date = datetime.date.fromisoformat(date_s)
    except ValueError:
        raise CsvError(f"{path}:{line}: malformed date {date_s!r} "
                       "(want YYYY-MM-DD)") from None
    if weekday != WEEKDAYS[date.weekday()]:
        raise CsvError(f"{path}:{line}: {date_s} is a "
                       f"{WEEKDAYS[date.weekday()]}, the row says {weekday!r}")
    if kind not in KINDS:
        raise CsvError(f"{path}:{line}: unknown kind {kind!r} "
                       f"(known: {', '.join(KINDS)})")
    if status not in STATUSES:
        raise CsvError(f"{path}:{line}: unknown status {status!r} "
                       f"(known: {', '.join(STATUSES)})")
    if not occasion:
        raise CsvError(f"{path}:{line}: empty occasion")
    if len(occasion.encode("utf-8")) > NAME_MAX:
        raise CsvError(f"{path}:{line}: occasion longer than {NAME_MAX} bytes")
    return date, kind, status, occasion


def read_rows(path):
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f, strict=True)
            try:
                header = next(reader)
            except StopIteration:
                raise CsvError(f"{path}: empty file") from None
            if [h.strip() for h in header] != HEADER:
                raise CsvError(f"{path}:1: header must be {','.join(HEADER)}")
            rows, seen = [], {}
            for row in reader:
                line = reader.line_num
                if not row or (len(row) == 1 and not row[0].strip()):
                    continue
                r = parse_row(path, line, row)
                if r[0] in seen:
                    raise CsvError(f"{path}:{line}: date {r[0]} already "
                                   f"given on line {seen[r[0]]}")
                seen[r[0]] = line
                rows.append(r)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise CsvError(f"{path}: {e}") from None
    if not rows:
        raise CsvError(f"{path}: no rows")
    rows.sort(key=lambda r: r[0])
    return rows


def c_string(s):
    """A C string literal; non-ASCII bytes as 3-digit octal escapes, which
    never swallow a following digit, so the text is portable to any
    compiler's source character set."""
    out = []
    for b in s.encode("utf-8"):
        c = chr(b)
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append(f"\\{b:03o}")
    return '"' + "".join(out) + '"'


def render(src_name, rows):
    first, last = rows[0][0].year, rows[-1][0].year
    years = {r[0].year for r in rows}
    missing = [y for y in range(first, last + 1) if y not in years]
    if missing:
        raise CsvError(f"{src_name}: no rows for announced year(s) "
                       f"{', '.join(map(str, missing))}")
    pool, offsets, size = [], {}, 0
    for r in rows:
        if r[3] not in offsets:
            offsets[r[3]] = size
            pool.append(r[3])
            size += len(r[3].encode("utf-8")) + 1
    if size > 4095:
        # ISO C guarantees string literals of 4095 bytes (-Woverlength-strings)
        raise CsvError(f"{src_name}: occasion texts exceed 4095 bytes; "
                       "split the name pool in the generator")
    year_start, idx = [], 0
    for y in range(first, last + 2):
        while idx < len(rows) and rows[idx][0].year < y:
            idx += 1
        year_start.append(idx)
    o = []
    o.append("/* Generated by tools/gen/gen_calendar.py from")
    o.append(f" * {src_name}.  Do not edit. */")
    o.append('#include "core/calendar_data.h"')
    o.append("")
    o.append(f"const int32_t bpacct__announced_first_year = {first};")
    o.append(f"const int32_t bpacct__announced_last_year = {last};")
    o.append("")
    o.append("/* Every name, NUL-terminated, one after the other. */")
    o.append("const char bpacct__announced_names[] =")
    for i, name in enumerate(pool):
        end = ";" if i == len(pool) - 1 else ""
        o.append(f"\t{c_string(name + chr(0))}{end}"
                 if i < len(pool) - 1 else f"\t{c_string(name)}{end}")
    o.append("")
    o.append("/* Index of the first row of each year, first_year .. "
             "last_year + 1. */")
    o.append(f"const uint16_t bpacct__announced_year_start[{len(year_start)}]"
             " = {")
    o.append("\t" + ", ".join(map(str, year_start)) + ",")
    o.append("};")
    o.append("")
    o.append(f"const bpacct__announced_day bpacct__announced_days[{len(rows)}]"
             " = {")
    for date, kind, status, occasion in rows:
        day = (date - EPOCH).days
        o.append(f"\t{{ {day}, {KINDS[kind]}, {STATUSES[status]}, "
                 f"{offsets[occasion]} }}, /* {date} */")
    o.append("};")
    o.append("")
    return "\n".join(o)


def main(argv):
    if len(argv) != 3:
        print("usage: gen_calendar.py INPUT.csv OUTPUT.c", file=sys.stderr)
        return 2
    src, dst = argv[1], argv[2]
    try:
        text = render(src.rsplit("/", 1)[-1], read_rows(src))
    except CsvError as e:
        print(f"gen_calendar.py: error: {e}", file=sys.stderr)
        return 1
    with open(dst, "w", encoding="ascii", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
