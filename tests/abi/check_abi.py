#!/usr/bin/env python3
"""Compares the built libbpacct.so with the committed baseline
abi/libbpacct.abi (libabigail).  Added functions are fine (--no-added-syms);
any other change abidiff reports fails: a removed or changed symbol (bit 8 of
its exit status), and also a changed type (bit 4), because abidiff files a
moved field or a resized struct under bit 4, not bit 8.  A struct a host
fills in may only grow by appending fields under a new version number, and
then the baseline is regenerated on purpose with scripts/update-abi-baseline
and the diff reviewed.

Without debug information abidiff silently compares symbol names only and
misses every type change, so the check fails when the library under test
has no DWARF (.debug_info), and when the baseline holds no type.

Usage: check_abi.py ABIDIFF BASELINE.abi LIBBPACCT.so PUBLIC_HEADERS_DIR
       check_abi.py --has-debug-info LIB   (exit 0 when LIB has DWARF)
"""
import os
import struct
import subprocess
import sys


def elf_section_names(path):
    """The section names of an ELF file (32/64-bit, either byte order), or
    None when it is not ELF."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] not in (1, 2) or data[5] not in (1, 2):
        return None
    is64 = data[4] == 2
    e = "<" if data[5] == 1 else ">"
    if is64:
        shoff, = struct.unpack_from(e + "Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x3A)
    else:
        shoff, = struct.unpack_from(e + "I", data, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from(e + "HHH", data, 0x2E)
    if shoff == 0 or shentsize == 0:
        return []
    if shnum == 0:  # more than 0xff00 sections: the count is in section 0
        shnum, = struct.unpack_from(e + ("Q" if is64 else "I"), data,
                                    shoff + (0x20 if is64 else 0x14))
    if shstrndx == 0xFFFF:
        shstrndx, = struct.unpack_from(e + "I", data,
                                       shoff + (0x28 if is64 else 0x18))

    def header(i):
        base = shoff + i * shentsize
        name, = struct.unpack_from(e + "I", data, base)
        if is64:
            off, size = struct.unpack_from(e + "QQ", data, base + 0x18)
        else:
            off, size = struct.unpack_from(e + "II", data, base + 0x10)
        return name, off, size
    _, stroff, strsize = header(shstrndx)
    strtab = data[stroff:stroff + strsize]
    names = []
    for i in range(shnum):
        n = header(i)[0]
        names.append(strtab[n:strtab.index(b"\0", n)].decode("latin-1"))
    return names


def has_debug_info(path):
    """True when the ELF file carries DWARF type information."""
    names = elf_section_names(path) or []
    return ".debug_info" in names or ".zdebug_info" in names


def baseline_has_types(path):
    """True when an abidw baseline describes types, not only symbols."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return "<abi-instr" in text and ("<function-decl" in text
                                     or "<type-decl" in text)


def main():
    if sys.argv[1:2] == ["--has-debug-info"]:
        return 0 if has_debug_info(sys.argv[2]) else 1
    abidiff, baseline, lib, headers = sys.argv[1:5]
    if not os.path.exists(baseline):
        print(f"missing ABI baseline {baseline}: run scripts/update-abi-baseline")
        print("0 passed, 1 failed")
        return 1
    if not has_debug_info(lib):
        print(f"{lib} has no debug information (no .debug_info section): "
              "abidiff would compare symbol names only and miss every type "
              "change.  Build with debug info (buildtype debug or "
              "debugoptimized, or -Ddebug=true) and do not strip.")
        print("0 passed, 1 failed")
        return 1
    if not baseline_has_types(baseline):
        print(f"{baseline} describes no types (it was written from a library "
              "without debug information): regenerate it with "
              "scripts/update-abi-baseline from a build with debug info.")
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
