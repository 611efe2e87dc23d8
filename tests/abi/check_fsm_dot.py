#!/usr/bin/env python3
"""Fails when the committed diagram docs/fsm.dot is not exactly what the
built tool prints with `bpacct fsm --dot` (conventions D.25: the diagram
comes from the library's table and a stale copy is a failed test).

Regenerate both docs/fsm.dot and docs/fsm.svg with scripts/update-fsm-diagram.

Usage: check_fsm_dot.py BPACCT_TOOL DOCS_FSM_DOT
"""
import difflib
import pathlib
import subprocess
import sys


def main():
    tool, committed = sys.argv[1], pathlib.Path(sys.argv[2])
    run = subprocess.run([tool, "fsm", "--dot"], capture_output=True,
                         text=True)
    bad = 0
    if run.returncode != 0:
        print(f"`bpacct fsm --dot` exited {run.returncode}: {run.stderr.strip()}")
        bad = 1
    elif not committed.exists():
        print(f"{committed} is missing: run scripts/update-fsm-diagram")
        bad = 1
    else:
        want = run.stdout.splitlines(keepends=True)
        have = committed.read_text(encoding="utf-8").splitlines(keepends=True)
        diff = list(difflib.unified_diff(have, want, str(committed),
                                         "bpacct fsm --dot"))
        if diff:
            added = sum(1 for d in diff if d.startswith("+") and not d.startswith("+++"))
            removed = sum(1 for d in diff if d.startswith("-") and not d.startswith("---"))
            print(f"{committed} is stale: {removed} line(s) differ from, "
                  f"{added} line(s) missing in the committed copy; "
                  "run scripts/update-fsm-diagram")
            sys.stdout.writelines(diff[:60])
            if len(diff) > 60:
                print(f"... {len(diff) - 60} more diff lines")
            bad = 1
        else:
            print(f"{committed} matches `bpacct fsm --dot` "
                  f"({len(want)} lines)")
    print(f"{0 if bad else 1} passed, {1 if bad else 0} failed")
    return bad


if __name__ == "__main__":
    sys.exit(main())
