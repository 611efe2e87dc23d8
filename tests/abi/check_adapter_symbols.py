#!/usr/bin/env python3
"""An adapter library exports exactly the functions its header declares
with its own API macro, all named PREFIX*, all in its version script under
NODE, and nothing else (no bpacct internals, no SQLite or libpq symbol).

Usage: check_adapter_symbols.py HEADER SYMFILE NODE PREFIX LIBRARY.so
"""
import re
import subprocess
import sys


def declared(header, prefix):
    text = re.sub(r"/\*.*?\*/", "", open(header).read(), flags=re.S)
    return set(re.findall(r"\b(" + re.escape(prefix) + r"\w+)\s*\(", text))


def scripted(symfile, node):
    text = re.sub(r"/\*.*?\*/", "", open(symfile).read(), flags=re.S)
    m = re.search(re.escape(node) + r"\s*\{\s*global:(.*?)local:", text, re.S)
    if not m:
        sys.exit(f"{symfile}: no node {node}")
    return {n.strip() for n in m.group(1).split(";") if n.strip()}


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    names, nodes = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        if parts[1] == "A":
            nodes.add(parts[2])
        else:
            names.add(parts[2].split("@")[0])
            if "@" in parts[2]:
                nodes.add(parts[2].split("@")[-1])
    return names, nodes


def main():
    header, symfile, node, prefix, lib = sys.argv[1:6]
    d, s = declared(header, prefix), scripted(symfile, node)
    e, nodes = exported(lib)
    bad = 0
    for label, a, b in (("declared but not in the version script", d, s),
                        ("in the version script but not declared", s, d),
                        ("exported but not in the version script", e, s),
                        ("in the version script but not exported", s, e)):
        for n in sorted(a - b):
            print(f"{label}: {n}")
            bad += 1
    for n in sorted(e):
        if not n.startswith(prefix):
            print(f"exported without the {prefix} prefix: {n}")
            bad += 1
    if nodes != {node}:
        print(f"version nodes {sorted(nodes)}, expected only {node}")
        bad += 1
    print(f"{len(e)} symbols exported under {node}" if not bad else
          f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
