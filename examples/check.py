#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Suite `examples`: runs an example program and compares what it prints
with the expected text, line for line; or (--doc) checks that the code of
docs/engine.md section 8 is the code of examples/host_store.c."""
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def run(program, expected, args):
    with tempfile.TemporaryDirectory() as tmp:
        argv = [program] + [a.replace("@TMP@", tmp) for a in args]
        p = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    want = Path(expected).read_text(encoding="utf-8")
    if p.returncode != 0 or p.stdout != want:
        print(f"{program}: exit {p.returncode}\n--- expected\n{want}"
              f"--- got\n{p.stdout}--- stderr\n{p.stderr}")
        return 1
    print(f"{Path(program).name}: as expected ({len(want.splitlines())} "
          f"lines)")
    return 0


def doc(markdown, source):
    text = Path(markdown).read_text(encoding="utf-8")
    section = text[text.index("## 8. A host store"):text.index("## 9.")]
    blocks = re.findall(r"```c\n(.*?)```", section, re.S)
    code = Path(source).read_text(encoding="utf-8")
    body = code[code.index("*/\n", code.index("/*\n")) + 3:]
    if body != blocks[0] + "\n" + blocks[1]:
        print(f"{source} is not the code of {markdown} section 8: copy "
              "the blocks again")
        return 1
    print(f"{source}: the code of {markdown} section 8")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--doc":
        sys.exit(doc(sys.argv[2], sys.argv[3]))
    sys.exit(run(sys.argv[1], sys.argv[2], sys.argv[3:]))
