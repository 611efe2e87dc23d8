#!/usr/bin/env python3
"""The layering of src/, proven from the sources and the compiled archives.

Purity (from the archives, with nm): the pure core (src/core) and the store
contract (src/contract, but its one allocating file) have no mutable
globals (no .data/.bss symbols) and call nothing but the allowed memory
primitives and their own functions: no allocator, clock, I/O or threads.
The core's archive is closed (it calls nothing of the library's outside
itself); the contract's calls only itself and the core.

Layers (from the sources): a file of folder F includes private headers only
from F and from the folders below it (LAYERS), and from another folder only
that folder's documented interface (INTERFACES).  So the core includes
nothing outside core/ and support/; the stores nothing from src/engine/;
the engine no store implementation.  The public headers a layer may not
reach, even through another public header (FORBIDDEN_PUBLIC): the core,
the records and the calendar objects never see the extender API
(bpacct/sys/*.h, bpacct/engine.h).  The pure folders include no libc header
for I/O, time or heap.

Placement: every function a private header declares is defined in a .c
file of the header's own folder (a header lives beside its source).

Calls (from the library's archive and the adapters', with nm): no store
object calls an engine function, nor the engine a store's; an adapter
calls into the engine only through bpacct_engine_set_error(), the public
relay of a store's own words (include/bpacct/engine.h).

Usage: check_purity.py SRC_DIR --core LIBBPACCT_CORE.a
           --contract LIBBPACCT_CONTRACT.a [--library LIBBPACCT.a]
           [--adapter LIBBPACCT_ADAPTER.a ...]
       check_purity.py --self-test
"""
import argparse
import pathlib
import re
import subprocess
import sys
import tempfile

ALLOWED_UNDEFINED = {"memcpy", "memset", "memmove", "memcmp", "bcmp", "strlen",
                     "__stack_chk_fail", "_GLOBAL_OFFSET_TABLE_"}
TOOL_PREFIXES = ("__asan", "__ubsan", "__sanitizer", "__lsan", "__gcov",
                 "__llvm_gcov", "__llvm_profile", "__tsan", "__msan")
MUTABLE_OK = ("__gcov", "__llvm_gcov", "__llvm_prf", "__profc", "__profd",
              "__asan", "__odr_asan")

# The folders of src/ and what each may include, bottom up.  A new folder
# must be placed here before it builds.
LAYERS = {
    "": (),                               # version.c
    "support": (),                        # the per-object allocator
    "core": ("support",),                 # the pure rules
    "records": ("core", "support"),       # host-held records (allocate)
    "calendar": ("core", "support"),      # the calendar object (allocates)
    "contract": ("records", "core", "support"),  # include/bpacct/sys/
    "engine": ("contract", "core", "support"),
    "store": ("support",),                # the in-memory store
    "adapters/sqlite": (),                # public headers only
    "adapters/postgres": (),
}
# What a folder offers the folders above it; anything else is private.
INTERFACES = {
    "support": {"alloc_internal.h"},
    "core": {"record_layout.h", "calendar_layout.h", "civil_internal.h",
             "text_internal.h"},
    "records": {"records_internal.h"},
    "contract": {"contract_internal.h", "entry_internal.h"},
}
PURE = {"core", "contract"}
# The one file of a pure folder that is not in its pure archive.
NOT_PURE_FILES = {"contract/entry_object.c"}

EXTENDER = re.compile(r"^bpacct/(sys/.*|engine\.h|bpacct\.h)$")
ADAPTER_API = re.compile(r"^bpacct/(sqlite|postgres)\.h$")
FORBIDDEN_PUBLIC = {
    "core": EXTENDER, "records": EXTENDER, "calendar": EXTENDER,
    "support": EXTENDER,
    "contract": ADAPTER_API, "engine": ADAPTER_API, "store": ADAPTER_API,
}
FORBIDDEN_LIBC = re.compile(
    r"^(stdio|stdlib|time|sys/time|unistd|pthread|threads|fcntl|malloc)\.h$")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)
# The one engine function a store may call: it relays the store's words.
RELAY = {"bpacct_engine_set_error"}


# --- the sources -----------------------------------------------------------

def folder_of(src, path):
    rel = path.parent.relative_to(src).as_posix()
    return "" if rel == "." else rel


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", " ", text, flags=re.S)


def public_closure(include_dir):
    """Each public header with every public header it reaches."""
    direct = {}
    if include_dir.is_dir():
        for h in include_dir.rglob("*.h"):
            name = h.relative_to(include_dir.parent).as_posix()
            deps = set()
            for _, inc in INCLUDE.findall(h.read_text()):
                target = (h.parent / inc).resolve()
                if inc.startswith("bpacct/"):
                    deps.add(inc)
                elif target.is_relative_to(include_dir.parent.resolve()):
                    deps.add(target.relative_to(
                        include_dir.parent.resolve()).as_posix())
            direct[name] = deps
    closure = {}
    for name in direct:
        seen, todo = set(), [name]
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo.extend(direct.get(n, ()))
        closure[name] = seen
    return closure


def check_includes(src, include_dir):
    bad = []
    closure = public_closure(include_dir)
    for path in sorted(src.rglob("*.[ch]")):
        f = folder_of(src, path)
        rel = path.relative_to(src).as_posix()
        if f not in LAYERS:
            bad.append(f"{rel}: folder src/{f} has no layer (LAYERS)")
            continue
        text = strip_comments(path.read_text())
        for kind, inc in INCLUDE.findall(text):
            where = (f"{rel}: #include <{inc}>" if kind == "<"
                     else f'{rel}: #include "{inc}"')
            if kind == "<" or not inc.startswith("bpacct/") and "/" not in inc:
                if kind == "<" and f in PURE and rel not in NOT_PURE_FILES \
                        and FORBIDDEN_LIBC.match(inc):
                    bad.append(f"{where}: I/O, time or heap in a pure layer")
                continue
            if inc.startswith("bpacct/"):
                rule = FORBIDDEN_PUBLIC.get(f)
                reached = closure.get(inc, {inc})
                hit = sorted(h for h in reached if rule and rule.match(h))
                if hit:
                    bad.append(f"{where}: src/{f} may not reach "
                               f"{', '.join(hit)}")
                continue
            target = inc.rsplit("/", 1)[0]
            header = inc.rsplit("/", 1)[1]
            if target == f:
                continue
            if target not in LAYERS[f]:
                bad.append(f"{where}: src/{f} may not include src/{target} "
                           f"(it may: {', '.join(LAYERS[f]) or 'none'})")
            elif header not in INTERFACES.get(target, ()):
                bad.append(f"{where}: not an interface of src/{target} "
                           f"(INTERFACES)")
    for folder, headers in INTERFACES.items():
        for h in sorted(headers):
            if not (src / folder / h).is_file():
                bad.append(f"INTERFACES names src/{folder}/{h}, "
                           f"which does not exist")
    return bad


DECL = re.compile(r"^(?!typedef|static|extern|#|struct|enum|union)"
                  r"[A-Za-z_][^;(){}=]*?\b(bpacct_\w+)\s*\(", re.M)


def defined_in(text, name):
    for m in re.finditer(r"^[A-Za-z_][^;{}]*?\b" + name + r"\s*\(",
                         text, re.M):
        rest = text[m.end():]
        semi, brace = rest.find(";"), rest.find("{")
        if brace != -1 and (semi == -1 or brace < semi):
            return True
    return False


def check_placement(src):
    bad = []
    sources = {}
    for c in src.rglob("*.c"):
        sources.setdefault(folder_of(src, c), []).append(
            strip_comments(c.read_text()))
    for h in sorted(src.rglob("*.h")):
        f = folder_of(src, h)
        for name in DECL.findall(strip_comments(h.read_text())):
            if not any(defined_in(t, name) for t in sources.get(f, ())):
                where = [o for o, ts in sources.items()
                         if any(defined_in(t, name) for t in ts)]
                bad.append(f"{h.relative_to(src).as_posix()}: {name}() is "
                           f"defined outside src/{f}"
                           + (f" (in src/{where[0]})" if where else "")
                           + ": a header lives beside its source")
    return bad


# --- the archives ----------------------------------------------------------

def nm(archive):
    return subprocess.run(["nm", archive], check=True, capture_output=True,
                          text=True).stdout


def parse_nm(out):
    """{object: (defined, undefined, mutable)} from nm's output."""
    objs = {}
    cur = objs.setdefault("?", (set(), set(), []))
    for line in out.splitlines():
        if line.endswith(":"):
            cur = objs.setdefault(line[:-1], (set(), set(), []))
            continue
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            cur[1].add(parts[1])
        elif len(parts) == 3:
            cur[0].add(parts[2])
            if parts[1] in "BbDdCGgSs" and not parts[2].startswith(MUTABLE_OK):
                cur[2].append(parts[2])
    return objs


def union(objs, index, pick=lambda o: True):
    return set().union(*[v[index] for k, v in objs.items() if pick(k)])


def check_pure(label, objs, also_defined=frozenset()):
    bad = []
    for obj, (_, _, mutable) in sorted(objs.items()):
        for m in mutable:
            bad.append(f"mutable global in the {label}: {obj}: {m}")
    outside = union(objs, 1) - union(objs, 0) - set(also_defined)
    for u in sorted(outside):
        if u not in ALLOWED_UNDEFINED and not u.startswith(TOOL_PREFIXES):
            bad.append(f"the {label} calls outside itself: {u}")
    return bad


def layer_of_object(name):
    # meson names an object <folder>_<file>.c.o
    return name.split("_", 1)[0] if "_" in name else ""


def check_calls(library, adapters):
    bad = []
    engine = union(library, 0, lambda o: layer_of_object(o) == "engine")
    store = union(library, 0, lambda o: layer_of_object(o) == "store")
    for obj, (_, undefined, _) in sorted(library.items()):
        layer = layer_of_object(obj)
        if layer == "store":
            for s in sorted(undefined & engine):
                bad.append(f"the store calls the engine: {obj}: {s}")
        elif layer == "engine":
            for s in sorted(undefined & store):
                bad.append(f"the engine calls a store: {obj}: {s}")
    for name, objs in adapters:
        for s in sorted(union(objs, 1) & engine - RELAY):
            bad.append(f"the adapter {name} calls the engine: {s}")
    return bad


# --- the self-test ---------------------------------------------------------

SELF_TEST_TREE = {
    "include/bpacct/common.h": "",
    "include/bpacct/lifecycle.h": '#include "common.h"\n',
    "include/bpacct/engine.h": '#include "lifecycle.h"\n',
    "include/bpacct/sys/store.h": '#include "../engine.h"\n',
    "include/bpacct/bpacct.h": '#include "engine.h"\n',
    "src/support/alloc_internal.h": "int bpacct__alloc_mem(void);\n",
    "src/support/alloc.c": "int bpacct__alloc_mem(void)\n{\n\treturn 0;\n}\n",
    "src/core/record_layout.h": '#include "support/alloc_internal.h"\n'
                                "int bpacct__id_length(const char *id);\n",
    "src/core/record_layout.c": '#include "core/record_layout.h"\n'
                                "#include <string.h>\n"
                                "int bpacct__id_length(const char *id)\n"
                                "{\n\treturn 0;\n}\n",
    "src/core/calendar_layout.h": "", "src/core/civil_internal.h": "",
    "src/core/text_internal.h": "",
    "src/records/records_internal.h": "",
    "src/contract/contract_internal.h": '#include "core/record_layout.h"\n'
                                        '#include "bpacct/sys/store.h"\n',
    "src/contract/entry_internal.h": "",
    "src/engine/engine.c": '#include "contract/contract_internal.h"\n',
    "src/store/memory.c": '#include "bpacct/sys/store.h"\n',
}
# Each rule broken once: the file, its text, a word of the message.
SELF_TEST_BREAKS = [
    ("src/core/bad.c", '#include "bpacct/sys/store.h"\n', "may not reach"),
    ("src/core/bad.c", '#include "bpacct/bpacct.h"\n', "may not reach"),
    ("src/core/bad.c", '#include "engine/engine_internal.h"\n',
     "may not include"),
    ("src/core/bad.c", '#include "contract/entry_internal.h"\n',
     "may not include"),
    ("src/core/bad.c", "#include <stdio.h>\n", "I/O"),
    ("src/records/bad.c", '#include "bpacct/sys/store.h"\n',
     "may not reach"),
    ("src/store/bad.c", '#include "engine/engine_internal.h"\n',
     "may not include"),
    ("src/store/bad.c", '#include "contract/contract_internal.h"\n',
     "may not include"),
    ("src/engine/bad.c", '#include "store/memory_internal.h"\n',
     "may not include"),
    ("src/engine/bad.c", '#include "bpacct/sqlite.h"\n', "may not reach"),
    ("src/engine/bad.c", '#include "core/lifecycle_internal.h"\n',
     "not an interface"),
    ("src/adapters/sqlite/bad.c", '#include "contract/sink.h"\n',
     "may not include"),
    ("src/newfolder/bad.c", "", "no layer"),
    ("src/core/misplaced.h", "int bpacct__alloc_mem(void);\n",
     "beside its source"),
]
SELF_TEST_NM = {
    "pure": ("x.c.o:\n0000 T bpacct__f\n0000 D table\n U malloc\n"
             " U bpacct__outside\n", ["mutable global", "malloc",
                                      "bpacct__outside"]),
    "calls": ("engine_step.c.o:\n0000 T bpacct__engine_step\n"
              "0000 T bpacct_engine_set_error\n U bpacct__mem_commit\n"
              "store_memory.c.o:\n0000 T bpacct__mem_commit\n"
              " U bpacct__engine_step\n",
              ["the store calls the engine", "the engine calls a store",
               "adapter"]),
}


def self_test():
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        for name, text in SELF_TEST_TREE.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        src, inc = root / "src", root / "include/bpacct"
        clean = check_includes(src, inc) + check_placement(src)
        if clean:
            print("self-test: a clean tree fails:", *clean, sep="\n  ")
            failed += 1
        for name, text, word in SELF_TEST_BREAKS:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            found = check_includes(src, inc) + check_placement(src)
            path.unlink()
            if not any(word in b for b in found):
                print(f"self-test: {name} with {text.strip()!r} is not "
                      f"caught ({word!r}): {found}")
                failed += 1
    out, words = SELF_TEST_NM["pure"]
    found = check_pure("core", parse_nm(out))
    failed += sum(1 for w in words if not any(w in b for b in found))
    out, words = SELF_TEST_NM["calls"]
    lib = parse_nm(out)
    adapter = parse_nm("commit.c.o:\n U bpacct_engine_set_error\n"
                       " U bpacct__engine_step\n")
    found = check_calls(lib, [("sqlite", adapter)])
    failed += sum(1 for w in words if not any(w in b for b in found))
    if any("set_error" in b for b in found):
        print("self-test: the relay is refused")
        failed += 1
    print(f"self-test: {'ok' if not failed else f'{failed} failure(s)'}")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", nargs="?", type=pathlib.Path)
    ap.add_argument("--core")
    ap.add_argument("--contract")
    ap.add_argument("--library")
    ap.add_argument("--adapter", action="append", default=[])
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    if not a.src or not a.core or not a.contract:
        ap.error("SRC_DIR, --core and --contract are required")
    bad = []
    core = parse_nm(nm(a.core))
    bad += check_pure("core", core)
    bad += check_pure("contract", parse_nm(nm(a.contract)),
                      also_defined=union(core, 0))
    bad += check_includes(a.src, a.src.parent / "include/bpacct")
    bad += check_placement(a.src)
    if a.library:
        adapters = [(pathlib.Path(p).name, parse_nm(nm(p)))
                    for p in a.adapter]
        bad += check_calls(parse_nm(nm(a.library)), adapters)
    for b in bad:
        print(b)
    print(f"{0 if bad else 1} passed, {1 if bad else 0} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
