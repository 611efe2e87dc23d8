#!/usr/bin/env python3
"""placeholder"""
import sys
open(sys.argv[2], "w").write("typedef int bpacct__placeholder_calendar_data;\n")
