#!/usr/bin/env python3
"""The exported symbols agree three ways: the BPACCT_API declarations of the
public headers, the version script src/bpacct.sym, and `nm -D` of the built
shared library.  Every export is named bpacct_*.

Usage: check_symbols.py SOURCE_ROOT LIBBPACCT.so
"""
import pathlib
import re
import subprocess
import sys


def declared(root):
    names = set()
    for h in sorted((root / "include/bpacct").rglob("*.h*")):
        text = re.sub(r"/\*.*?\*/", "", h.read_text(), flags=re.S)
        for m in re.finditer(r"BPACCT_API\s+[^;(]*?\b(bpacct_\w+)\s*\(", text):
            names.add(m.group(1))
    return names


def scripted(root):
    text = re.sub(r"/\*.*?\*/", "", (root / "src/bpacct.sym").read_text(), flags=re.S)
    names = set()
    for block in re.findall(r"global:(.*?)(?:local:|\})", text, flags=re.S):
        names |= {n.strip() for n in block.split(";") if n.strip()}
    return names


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TtWiDdBbRr" and not parts[2].startswith("BPACCT_"):
            names.add(parts[2].split("@")[0])
    return names


def main():
    root, lib = pathlib.Path(sys.argv[1]), sys.argv[2]
    d, s, e = declared(root), scripted(root), exported(lib)
    bad = 0
    for label, a, b in (("declared but not in bpacct.sym", d, s),
                        ("in bpacct.sym but not declared", s, d),
                        ("exported but not in bpacct.sym", e, s),
                        ("in bpacct.sym but not exported", s, e)):
        for n in sorted(a - b):
            print(f"{label}: {n}")
            bad += 1
    for n in sorted(e):
        if not n.startswith("bpacct_"):
            print(f"export outside the bpacct_ namespace: {n}")
            bad += 1
    print(f"{len(d)} declared, {len(s)} scripted, {len(e)} exported")
    print(f"{0 if bad else 1} passed, {1 if bad else 0} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
