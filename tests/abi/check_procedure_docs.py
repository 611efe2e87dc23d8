#!/usr/bin/env python3
"""Keeps the procedure pages honest (docs/procedure-bp.md,
docs/procedure-xnc.md): every requirement id of docs/spec/seeds-en.md and
every rule of docs/spec/rules.md has its own heading on its procedure's
page, each such section cites at least one test, every test it cites exists
in tests/, no TODO is left, and the legal basis of XNC-L is cited with the
four texts of the seed (XNC-L changes no computation: this check is what
proves it is traced).

Usage: check_procedure_docs.py SOURCE_ROOT
"""
import pathlib
import re
import sys

LEGAL_BASIS = ("47/2014/QH13", "51/2019/QH14", "57/2020/TT-BCA",
               "04/2015/TT-BCA")
# A test function; not a file name (test_fsm.c) nor a pattern (test_x_*).
TEST_NAME = re.compile(r"\btest_[a-z0-9_]+\b(?![.*])")
LINT_TESTS = ("procedure-docs", "fsm-diagram-fresh")


def spec_ids(root):
    seeds = (root / "docs/spec/seeds-en.md").read_text(encoding="utf-8")
    rules = (root / "docs/spec/rules.md").read_text(encoding="utf-8")
    ids = re.findall(r"\*\*((?:BP|XNC)-[A-Z0-9]+[a-e]?)\b", seeds)
    ids += re.findall(r"\*\*((?:BP|XNC)-R\d)\*\*", rules)
    return list(dict.fromkeys(ids))


def defined_tests(root):
    names = set()
    for path in list(root.glob("tests/unit/*.c")) + list(root.glob("tests/cli/*.c")):
        names.update(re.findall(r"^static void (test_[a-z0-9_]+)\(",
                                path.read_text(encoding="utf-8"), re.M))
    return names


def sections(text):
    """(level, heading, body) of every markdown heading."""
    out, cur = [], None
    for line in text.splitlines():
        m = re.match(r"^(#+)\s+(.*)$", line)
        if m:
            cur = [len(m.group(1)), m.group(2), []]
            out.append(cur)
        elif cur:
            cur[2].append(line)
    return [(lvl, head, "\n".join(body)) for lvl, head, body in out]


def check_page(page, ids, tests, bad):
    text = page.read_text(encoding="utf-8")
    secs = sections(text)
    if "TODO" in text:
        bad.append(f"{page.name}: a TODO is left")
    for ident in ids:
        found = [i for i, (_, head, _) in enumerate(secs)
                 if re.search(re.escape(ident) + r"(?![0-9a-z])", head)]
        if not found:
            bad.append(f"{page.name}: no heading for {ident}")
            continue
        i = found[0]
        lvl, head, body = secs[i]
        has_children = i + 1 < len(secs) and secs[i + 1][0] > lvl
        cited = TEST_NAME.findall(body) or any(t in body for t in LINT_TESTS)
        if "**Tests**" not in body and not has_children:
            bad.append(f"{page.name}: {ident} cites no test")
        elif "**Tests**" in body and not cited:
            bad.append(f"{page.name}: {ident} has an empty Tests line")
    for name in sorted(set(TEST_NAME.findall(text))):
        if name not in tests:
            bad.append(f"{page.name}: cites {name}, which no test defines")
    for e in ("E1", "E2", "E3", "E4"):
        if not re.search(r"\b" + e + r"\b", text):
            bad.append(f"{page.name}: rule {e} is not mentioned")


def check_xnc_l_legal_basis_cited(root, bad):
    seed = (root / "docs/spec/seeds-en.md").read_text(encoding="utf-8")
    page = (root / "docs/procedure-xnc.md").read_text(encoding="utf-8")
    for law in LEGAL_BASIS:
        if law not in seed:
            bad.append(f"XNC-L: {law} is not in seeds-en.md any more")
        if law not in page:
            bad.append(f"XNC-L: procedure-xnc.md does not cite {law}")


def main():
    root = pathlib.Path(sys.argv[1])
    ids = spec_ids(root)
    tests = defined_tests(root)
    results = []
    for proc, page in (("BP", "procedure-bp.md"), ("XNC", "procedure-xnc.md")):
        mine = [i for i in ids if i.startswith(proc + "-")]
        bad = []
        check_page(root / "docs" / page, mine, tests, bad)
        results.append((f"{page}: {len(mine)} requirement ids and rules", bad))
    bad = []
    check_xnc_l_legal_basis_cited(root, bad)
    results.append(("XNC-L: legal basis cited", bad))
    for name, problems in results:
        print(f"{'ok  ' if not problems else 'FAIL'} {name}")
        for p in problems:
            print(f"     {p}")
    failed = sum(1 for _, problems in results if problems)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
