#!/usr/bin/env python3
"""Compares the built libbpacct.so with the committed baseline
abi/libbpacct.abi (libabigail).  Added functions are fine; any change that
abidiff flags as incompatible (bit 8 of its exit status) fails, and so does
an abidiff error.  Regenerate the baseline only at a release, with
scripts/update-abi-baseline.

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
    failed = bool(rc & 1) or bool(rc & 2) or bool(rc & 8)
    print(f"abidiff exit status {rc}: " +
          ("incompatible change or error" if failed else "compatible"))
    print(f"{0 if failed else 1} passed, {1 if failed else 0} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
