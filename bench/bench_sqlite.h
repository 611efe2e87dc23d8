/*
 * bpacct-bench's SQLite case (bench_sqlite.c), built only with
 * libbpacct-sqlite.
 */
#ifndef BPACCT_BENCH_SQLITE_H
#define BPACCT_BENCH_SQLITE_H

#include <bpacct/bpacct.h>

/* Runs sqlite_request if the command line asks for it; 0, or 1. */
int bench_sqlite(const bpacct_calendar *cal, int json, int rounds, int argc,
		 char **argv);

#endif
