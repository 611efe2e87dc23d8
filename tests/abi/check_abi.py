#!/usr/bin/env python3
"""Compares the built libbpacct.so with the committed baseline
abi/libbpacct.abi (libabigail).  Added functions are fine (--no-added-syms);
any other change abidiff reports fails: a removed or changed symbol (bit 8 of
its exit status), and also a changed type (bit 4), because abidiff files a
moved field or a resized struct under bit 4, not bit 8.  A struct a host
fills in may only grow by appending fields under a new version number, and
then the baseline is regenerated on purpose with scripts/update-abi-baseline
and the diff reviewed.

Usage: check_abi.py ABIDIFF BASELINE.abi LIBBPACCT.so PUBLIC_HEADERS_DIR
"""
import os
import subprocess
import sys


def main():
    abidiff, baseline, lib, headers = sys.argv[1:5]
    if not os.path.exists(baseline):
        print(f"missing ABI baseline {baseline}: run scripts/update-abi-baseline")
        print("0 passed, 1 failed")
        return 1
    p = subprocess.run([abidiff, "--no-added-syms", "--headers-dir2", headers,
                        baseline, lib], capture_output=True, text=True)
    sys.stdout.write(p.stdout + p.stderr)
    rc = p.returncode
    failed = rc != 0
    print(f"abidiff exit status {rc}: " +
          ("ABI changed or abidiff failed" if failed else "no change beyond added functions"))
    print(f"{0 if failed else 1} passed, {1 if failed else 0} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
