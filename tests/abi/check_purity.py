#!/usr/bin/env python3
"""Proves from the compiled core archive that src/core is pure: no mutable
globals (no .data/.bss symbols), and no call to anything but the allowed
memory primitives and the core's own functions (no allocator, clock, I/O or
threads).  Also checks that core sources include no engine, store or tool
header and no libc header for I/O, time or heap.

Usage: check_purity.py LIBBPACCT_CORE.a SRC_CORE_DIR
"""
import pathlib
import re
import subprocess
import sys

ALLOWED_UNDEFINED = {"memcpy", "memset", "memmove", "memcmp", "bcmp", "strlen",
                     "__stack_chk_fail", "_GLOBAL_OFFSET_TABLE_"}
ALLOWED_PREFIXES = ("__asan", "__ubsan", "__sanitizer", "__lsan", "__gcov",
                    "__llvm_gcov", "__gcov_", "bpacct_", "bpacct__")
FORBIDDEN_INCLUDES = re.compile(
    r'#\s*include\s*[<"](stdio\.h|stdlib\.h|time\.h|sys/time\.h|unistd\.h|'
    r'pthread\.h|threads\.h|fcntl\.h|malloc\.h|(engine|store|adapters|tools)/[^">]*)[">]')


def main():
    archive, core = sys.argv[1], pathlib.Path(sys.argv[2])
    out = subprocess.run(["nm", archive], check=True, capture_output=True,
                         text=True).stdout
    defined, undefined, mutable = set(), set(), []
    obj = "?"
    for line in out.splitlines():
        if line.endswith(":"):
            obj = line[:-1]
            continue
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3:
            defined.add(parts[2])
            if parts[1] in "BbDdCGgSs" and not parts[2].startswith(("__gcov", "__llvm_gcov", "__asan", "__odr_asan")):
                mutable.append(f"{obj}: {parts[2]} ({parts[1]})")
    bad = 0
    for m in mutable:
        print(f"mutable global in the core: {m}")
        bad += 1
    for u in sorted(undefined - defined):
        if u not in ALLOWED_UNDEFINED and not u.startswith(ALLOWED_PREFIXES):
            print(f"the core calls outside itself: {u}")
            bad += 1
    for src in sorted(core.glob("*.[ch]")):
        for n, text in enumerate(src.read_text().splitlines(), 1):
            if FORBIDDEN_INCLUDES.search(text):
                print(f"{src.name}:{n}: forbidden include in the core: {text.strip()}")
                bad += 1
    print(f"{0 if bad else 1} passed, {1 if bad else 0} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
