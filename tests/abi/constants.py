#!/usr/bin/env python3
"""The public constants of bpacct, as the C compiler sees them.

Finds the names in every public header under INCLUDE/bpacct/ (also sys/ and
the adapter headers): every enumerator, and every object-like #define whose
value is an integer or a string.  Left out: include guards, function-like
macros, macros with no value in some branch (BPACCT_API, BPACCT_BEGIN_DECL),
aggregate initializers (BPACCT_*_INIT) and attributes.  The VALUES are not
parsed: a C program that includes the headers is generated, compiled with
the project's C compiler and run, and it prints every name with its value.

Modes (any combination):
  --write FILE   write the manifest (abi/constants.txt): "NAME VALUE" lines
  --check FILE   compare with a committed manifest: a name that is missing or
                 has another value fails; names only added pass
  --json FILE    write the constants as JSON (installed as
                 share/bpacct/constants.json)

Usage: constants.py [--write F] [--check F] [--json F]
                    --include DIR [--include DIR ...] -- CC [CC ARGS...]

The release numbers (BPACCT_VERSION_MAJOR/MINOR/PATCH/STRING/NUMBER) change
with every release by design: they are in the JSON but not in the manifest.
BPACCT_SOVERSION is in both, and must never change.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# Names that differ from release to release on purpose.
RELEASE_VARYING = {
    "BPACCT_VERSION_MAJOR", "BPACCT_VERSION_MINOR", "BPACCT_VERSION_PATCH",
    "BPACCT_VERSION_STRING", "BPACCT_VERSION_NUMBER",
}

MANIFEST_HEADER = (
    "# bpacct {version}: every public enum value and #define constant, values "
    "from the C compiler.\n"
    "# Regenerate on purpose with scripts/update-abi-baseline (tests/abi/"
    "constants.py --write); suite abi test 'constants' fails on any change "
    "but an addition.\n")

_TOKEN = re.compile(
    r'"(?:\\.|[^"\\\n])*"'        # string literal
    r"|'(?:\\.|[^'\\\n])*'"       # character literal
    r"|/\*.*?\*/"                 # block comment
    r"|//[^\n]*",                 # line comment
    re.S)


def strip_comments(text):
    """Removes comments (keeping line structure), leaves literals alone."""
    def repl(m):
        s = m.group(0)
        if s.startswith("/*"):
            return " " + "\n" * s.count("\n")
        if s.startswith("//"):
            return " "
        return s
    return _TOKEN.sub(repl, text)


def headers_in(include_dirs):
    """Every public header: INCLUDE/bpacct/**/*.h, as "bpacct/x.h" names
    mapped to their paths (the first include dir that has it wins)."""
    found = {}
    for inc in include_dirs:
        root = os.path.join(inc, "bpacct")
        for dirpath, _, files in os.walk(root):
            for f in files:
                if f.endswith(".h"):
                    path = os.path.join(dirpath, f)
                    rel = os.path.relpath(path, inc).replace(os.sep, "/")
                    found.setdefault(rel, path)
    return dict(sorted(found.items()))


def parse_header(text):
    """Returns (enums, macros, skipped): enums as [(enum tag or '', [names])],
    macros as the candidate names in order, skipped as {name: why}."""
    text = strip_comments(text)
    text = re.sub(r"\\\n", " ", text)  # join continued lines
    enums = []
    skipped = {}
    macros = []
    # Enum bodies (preprocessor lines inside are dropped).
    for m in re.finditer(r"\benum\s*(\w*)\s*\{(.*?)\}\s*(\w*)", text, re.S):
        tag = m.group(1) or m.group(3)
        body = "\n".join(l for l in m.group(2).split("\n")
                         if not l.lstrip().startswith("#"))
        names = []
        depth = 0
        item = ""
        for ch in body + ",":
            if ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
            if ch == "," and depth == 0:
                n = re.match(r"\s*([A-Za-z_]\w*)", item)
                if n:
                    names.append(n.group(1))
                item = ""
            else:
                item += ch
        enums.append((tag, names))
    # Object-like macros.  An include guard is the first #define of the file
    # naming what the file's first #ifndef tested.
    lines = text.split("\n")
    directives = [re.match(r"\s*#\s*(\w+)\s*(.*)", l) for l in lines]
    directives = [(d.group(1), d.group(2).strip()) for d in directives if d]
    guard = None
    if len(directives) >= 2 and directives[0][0] == "ifndef" \
            and directives[1][0] == "define" \
            and directives[1][1].split()[:1] == [directives[0][1]]:
        guard = directives[0][1]
    bodies = {}
    for kind, rest in directives:
        if kind != "define":
            continue
        m = re.match(r"([A-Za-z_]\w*)(\(?)(.*)", rest)
        if not m:
            continue
        name, paren, body = m.group(1), m.group(2), m.group(3).strip()
        if name == guard:
            skipped[name] = "include guard"
            continue
        if paren:
            skipped[name] = "function-like macro"
            continue
        bodies.setdefault(name, []).append(body)
    for name, bs in bodies.items():
        if any(b == "" for b in bs):
            skipped[name] = "no value (in some branch)"
        elif any(b.startswith("{") for b in bs):
            skipped[name] = "aggregate initializer"
        elif any(re.search(r"\b(__attribute__|__declspec|extern)\b", b)
                 for b in bs):
            skipped[name] = "attribute or linkage, not a value"
        else:
            macros.append(name)
    return enums, macros, skipped


PRELUDE = r"""
#include <stdio.h>
#include <stdlib.h>
#define BPC_KIND(x) _Generic((x), \
	_Bool: 'u', char: 'i', signed char: 'i', unsigned char: 'u', \
	short: 'i', unsigned short: 'u', int: 'i', unsigned int: 'u', \
	long: 'i', unsigned long: 'u', long long: 'i', unsigned long long: 'u', \
	char *: 's', const char *: 's', default: '?')
#define BPC_ASINT(x) _Generic((x), char *: 0, const char *: 0, default: (x))
#define BPC_ASSTR(x) _Generic((x), char *: (x), const char *: (x), \
	default: (const char *)0)
#define BPC_ITEM(name, x) { name, BPC_KIND(x), (long long)BPC_ASINT(x), \
	(unsigned long long)BPC_ASINT(x), BPC_ASSTR(x) },
struct bpc_item {
	const char *name;
	char kind; /* i signed, u unsigned, s string, ? other, x undefined */
	long long i;
	unsigned long long u;
	const char *s;
};
"""

MAIN = r"""
static void bpc_print_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
}

int main(void)
{
	size_t n;
	for (n = 0; n < sizeof bpc_items / sizeof bpc_items[0]; n++) {
		const struct bpc_item *it = &bpc_items[n];
		printf("%s %c ", it->name, it->kind);
		if (it->kind == 'i')
			printf("%lld", it->i);
		else if (it->kind == 'u')
			printf("%llu", it->u);
		else if (it->kind == 's')
			bpc_print_string(it->s);
		putchar('\n');
	}
	return ferror(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}
"""


def c_program(headers, items):
    """items: [(name, is_macro)]."""
    out = [PRELUDE]
    out += [f"#include <{h}>" for h in headers]
    out.append("static const struct bpc_item bpc_items[] = {")
    for name, is_macro in items:
        if is_macro:
            out.append(f"#ifdef {name}\n\tBPC_ITEM(\"{name}\", {name})\n"
                       f"#else\n\t{{ \"{name}\", 'x', 0, 0, 0 }},\n#endif")
        else:
            out.append(f"\tBPC_ITEM(\"{name}\", {name})")
    if not items:
        out.append("\t{ \"\", 'x', 0, 0, 0 },")
    out.append("};")
    out.append(MAIN)
    return "\n".join(out) + "\n"


def compile_c(cc, include_dirs, source, workdir, name, link=True):
    src = os.path.join(workdir, name + ".c")
    exe = os.path.join(workdir, name)
    with open(src, "w", encoding="utf-8") as f:
        f.write(source)
    cmd = list(cc) + ["-std=c11"] + [f"-I{d}" for d in include_dirs] + [src]
    cmd += ["-o", exe] if link else ["-fsyntax-only"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    return (exe if p.returncode == 0 else None), p.stderr


def collect(cc, include_dirs, log=None):
    """Returns (values, groups, skipped): values {name: value text}, groups
    {name: enum tag or None for a macro}, skipped {name: why}."""
    log = log or sys.stderr
    headers = headers_in(include_dirs)
    if not headers:
        raise SystemExit(f"no headers under {include_dirs}")
    items, groups, skipped = [], {}, {}
    for rel, path in headers.items():
        with open(path, encoding="utf-8") as f:
            enums, macros, skip = parse_header(f.read())
        skipped.update(skip)
        for tag, names in enums:
            for n in names:
                if n not in groups:
                    groups[n] = tag
                    items.append((n, False))
        for n in macros:
            if n not in groups:
                groups[n] = None
                items.append((n, True))
    with tempfile.TemporaryDirectory(prefix="bpacct-constants-") as tmp:
        exe, err = compile_c(cc, include_dirs,
                             c_program(headers, items), tmp, "constants")
        if exe is None:
            # Find the names that are not constant expressions, one by one.
            keep = []
            for n, is_macro in items:
                ok, err1 = compile_c(cc, include_dirs,
                                     c_program(headers, [(n, is_macro)]),
                                     tmp, "probe", link=False)
                if ok is None:
                    first = next((l for l in err1.splitlines()
                                  if "error" in l), err1.strip()[:200])
                    first = first.split("error:", 1)[-1].strip()
                    skipped[n] = f"not a constant expression ({first})"
                    print(f"warning: {n} skipped: {skipped[n]}", file=log)
                else:
                    keep.append((n, is_macro))
            items = keep
            exe, err = compile_c(cc, include_dirs,
                                 c_program(headers, items), tmp, "constants")
            if exe is None:
                raise SystemExit("cannot compile the constants program:\n" + err)
        p = subprocess.run([exe], capture_output=True, text=True)
        if p.returncode != 0:
            raise SystemExit(f"the constants program failed ({p.returncode}):"
                             f"\n{p.stderr}")
    values = {}
    for line in p.stdout.splitlines():
        name, kind, value = (line.split(" ", 2) + [""])[:3]
        if kind == "x":
            skipped[name] = "not defined for this compiler/platform"
        elif kind == "?":
            skipped[name] = "neither an integer nor a string"
            print(f"warning: {name} skipped: {skipped[name]}", file=log)
        else:
            values[name] = value
    for n in list(groups):
        if n not in values:
            del groups[n]
    return values, groups, skipped


def manifest_text(values):
    version = values.get("BPACCT_VERSION_STRING", '"?"').strip('"')
    lines = [f"{n} {v}" for n, v in sorted(values.items())
             if n not in RELEASE_VARYING]
    return MANIFEST_HEADER.format(version=version) + "\n".join(lines) + "\n"


def read_manifest(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, _, value = line.partition(" ")
            out[name] = value
    return out


def compare(baseline, current):
    """Returns (changed [(name, was, now)], removed [(name, was)],
    added [(name, now)]), each sorted by name.  Release-varying names are
    ignored."""
    current = {n: v for n, v in current.items() if n not in RELEASE_VARYING}
    changed = [(n, v, current[n]) for n, v in sorted(baseline.items())
               if n in current and current[n] != v]
    removed = [(n, v) for n, v in sorted(baseline.items()) if n not in current]
    added = [(n, v) for n, v in sorted(current.items()) if n not in baseline]
    return changed, removed, added


def report(baseline_path, baseline, current, out=None):
    """Prints the comparison; returns 0 when only additions, else 1."""
    out = out or sys.stdout
    changed, removed, added = compare(baseline, current)
    for n, was, now in changed:
        print(f"{n}: was {was}, now {now}", file=out)
    for n, was in removed:
        print(f"{n}: was {was}, now missing", file=out)
    for n, now in added:
        print(f"added {n} = {now}", file=out)
    failed = bool(changed or removed)
    print(f"{len(baseline)} constants in {baseline_path}: {len(changed)} "
          f"changed, {len(removed)} removed, {len(added)} added", file=out)
    if failed:
        print("public constants changed: a value may never be renumbered or "
              "removed.  If this is a deliberate new baseline (a release), "
              "run scripts/update-abi-baseline and review the diff.", file=out)
    print(f"{0 if failed else 1} passed, {1 if failed else 0} failed", file=out)
    return 1 if failed else 0


def json_text(values, groups):
    def py(v):
        return json.loads(v) if v.startswith('"') else int(v)
    enums = {}
    macros = {}
    for n, v in values.items():
        if groups.get(n) is None:
            macros[n] = py(v)
        else:
            enums.setdefault(groups[n] or "", {})[n] = py(v)
    doc = {
        "version": py(values["BPACCT_VERSION_STRING"])
        if "BPACCT_VERSION_STRING" in values else None,
        "enums": enums,
        "macros": macros,
    }
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv:
        print("usage: constants.py [--write F] [--check F] [--json F] "
              "--include DIR ... -- CC [ARGS...]", file=sys.stderr)
        return 2
    cut = argv.index("--")
    cc = argv[cut + 1:]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--include", action="append", required=True)
    ap.add_argument("--write")
    ap.add_argument("--check")
    ap.add_argument("--json")
    ap.add_argument("--list-skipped", action="store_true")
    a = ap.parse_args(argv[:cut])
    if not cc:
        ap.error("no C compiler after --")
    values, groups, skipped = collect(cc, a.include)
    if a.list_skipped:
        for n, why in sorted(skipped.items()):
            print(f"skipped {n}: {why}")
    rc = 0
    if a.write:
        with open(a.write, "w", encoding="utf-8") as f:
            f.write(manifest_text(values))
        print(f"wrote {a.write}: "
              f"{len([n for n in values if n not in RELEASE_VARYING])} constants")
    if a.json:
        tmp = a.json + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(json_text(values, groups))
        os.replace(tmp, a.json)
    if a.check:
        if not os.path.exists(a.check):
            print(f"missing constants baseline {a.check}: run "
                  "scripts/update-abi-baseline")
            print("0 passed, 1 failed")
            return 1
        rc = report(a.check, read_manifest(a.check), values)
    return rc


if __name__ == "__main__":
    sys.exit(main())
