#!/usr/bin/env python3
"""Tests of the constants gate (constants.py) and of the debug-information
guard of check_abi.py, on small headers compiled with the project's C
compiler.

Usage: test_constants.py [unittest args] -- CC [CC ARGS...]
"""
import contextlib
import io
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_abi  # noqa: E402
import constants  # noqa: E402

CC = ["cc"]

HEADER = """\
#ifndef BPACCT_T_H
#define BPACCT_T_H
#include <stdint.h>
#define BPACCT_T_API
#define BPACCT_T_MACRO(x) ((x) + 1)
#define BPACCT_T_INIT { 1, 0 }
/** Values. */
typedef enum bpacct_t_kind {
	BPACCT_T_A = 1, /**< a, b */
	BPACCT_T_B = @B@,
	BPACCT_T_C = BPACCT_T_B + 10@EXTRA@
} bpacct_t_kind;
#define BPACCT_T_SHIFT (1u << 4) /* the compiler, not a parser, says 16 */
#define BPACCT_T_NONE INT64_MIN
#define BPACCT_T_NAME "t\\"1"
#define BPACCT_VERSION_STRING "@VERSION@"
@MORE@
#endif
"""


def header(b="2", extra="", more="", version="1.0.0"):
    return (HEADER.replace("@B@", b).replace("@EXTRA@", extra)
            .replace("@MORE@", more).replace("@VERSION@", version))


class ConstantsGate(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="bpacct-constants-self-")
        self.inc = os.path.join(self.tmp.name, "include")
        os.makedirs(os.path.join(self.inc, "bpacct", "sys"))
        self.baseline = os.path.join(self.tmp.name, "constants.txt")
        self.write_header(header())
        rc, out = self.run_tool("--write", self.baseline)
        self.assertEqual(rc, 0, out)

    def tearDown(self):
        self.tmp.cleanup()

    def write_header(self, text, name="t.h"):
        with open(os.path.join(self.inc, "bpacct", name), "w") as f:
            f.write(text)

    def run_tool(self, *args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = constants.main(list(args) + ["--include", self.inc, "--"] + CC)
        return rc, out.getvalue()

    def check(self):
        return self.run_tool("--check", self.baseline)

    def test_baseline_has_compiler_values(self):
        got = constants.read_manifest(self.baseline)
        self.assertEqual(got, {
            "BPACCT_T_A": "1", "BPACCT_T_B": "2", "BPACCT_T_C": "12",
            "BPACCT_T_SHIFT": "16", "BPACCT_T_NONE": "-9223372036854775808",
            "BPACCT_T_NAME": '"t\\"1"'})

    def test_unchanged_passes(self):
        rc, out = self.check()
        self.assertEqual(rc, 0, out)
        self.assertIn("0 changed, 0 removed, 0 added", out)

    def test_renumbered_value_fails(self):
        self.write_header(header(b="3"))
        rc, out = self.check()
        self.assertEqual(rc, 1, out)
        self.assertIn("BPACCT_T_B: was 2, now 3", out)
        self.assertIn("BPACCT_T_C: was 12, now 13", out)

    def test_changed_define_fails(self):
        self.write_header(header().replace("(1u << 4)", "(1u << 5)"))
        rc, out = self.check()
        self.assertEqual(rc, 1, out)
        self.assertIn("BPACCT_T_SHIFT: was 16, now 32", out)

    def test_removed_name_fails(self):
        self.write_header(header().replace('#define BPACCT_T_NAME "t\\"1"\n',
                                           ""))
        rc, out = self.check()
        self.assertEqual(rc, 1, out)
        self.assertIn('BPACCT_T_NAME: was "t\\"1", now missing', out)

    def test_added_names_pass(self):
        self.write_header(header(extra=",\n\tBPACCT_T_D = 4",
                                 more="#define BPACCT_T_NEW 7u"))
        self.write_header("#ifndef BPACCT_SYS_U_H\n#define BPACCT_SYS_U_H\n"
                          "enum { BPACCT_U_X = -5 };\n#endif\n", "sys/u.h")
        rc, out = self.check()
        self.assertEqual(rc, 0, out)
        self.assertIn("added BPACCT_T_D = 4", out)
        self.assertIn("added BPACCT_T_NEW = 7", out)
        self.assertIn("added BPACCT_U_X = -5", out)
        self.assertIn("0 changed, 0 removed, 3 added", out)

    def test_release_numbers_are_not_frozen(self):
        self.write_header(header(version="1.0.1"))
        rc, out = self.check()
        self.assertEqual(rc, 0, out)

    def test_not_constants_are_left_out(self):
        got = constants.read_manifest(self.baseline)
        for name in ("BPACCT_T_H", "BPACCT_T_API", "BPACCT_T_MACRO",
                     "BPACCT_T_INIT"):
            self.assertNotIn(name, got)

    def test_not_a_constant_expression_is_skipped(self):
        self.write_header(header(more="int bpacct_t_fn(void);\n"
                                      "#define BPACCT_T_RT (bpacct_t_fn())"))
        with contextlib.redirect_stderr(io.StringIO()) as err:
            rc, out = self.check()
        self.assertEqual(rc, 0, out)
        self.assertIn("BPACCT_T_RT skipped", err.getvalue())

    def test_missing_baseline_fails(self):
        os.remove(self.baseline)
        rc, out = self.check()
        self.assertEqual(rc, 1, out)

    def test_json(self):
        path = os.path.join(self.tmp.name, "c.json")
        rc, out = self.run_tool("--json", path)
        self.assertEqual(rc, 0, out)
        import json
        with open(path) as f:
            doc = json.load(f)
        self.assertEqual(doc["version"], "1.0.0")
        self.assertEqual(doc["enums"]["bpacct_t_kind"],
                         {"BPACCT_T_A": 1, "BPACCT_T_B": 2, "BPACCT_T_C": 12})
        self.assertEqual(doc["macros"]["BPACCT_T_NAME"], 't"1')
        self.assertEqual(doc["macros"]["BPACCT_T_SHIFT"], 16)


class DebugInfoGuard(unittest.TestCase):
    def build(self, tmp, *flags):
        src = os.path.join(tmp, "x.c")
        with open(src, "w") as f:
            f.write("struct s { int a; long b; };\n"
                    "int x_get(const struct s *p) { return p->a; }\n")
        lib = os.path.join(tmp, "libx%d.so" % len(flags))
        subprocess.run(CC + ["-shared", "-fPIC", *flags, src, "-o", lib],
                       check=True)
        return lib

    def test_with_and_without_dwarf(self):
        with tempfile.TemporaryDirectory() as tmp:
            self.assertTrue(check_abi.has_debug_info(self.build(tmp, "-g")))
            self.assertFalse(check_abi.has_debug_info(self.build(tmp, "-g0",
                                                                 "-O1")))

    def test_not_elf(self):
        with tempfile.NamedTemporaryFile() as f:
            f.write(b"not an ELF file")
            f.flush()
            self.assertFalse(check_abi.has_debug_info(f.name))


if __name__ == "__main__":
    argv = sys.argv[1:]
    if "--" in argv:
        CC = argv[argv.index("--") + 1:] or CC
        argv = argv[:argv.index("--")]
    unittest.main(argv=[sys.argv[0]] + argv, verbosity=2)
