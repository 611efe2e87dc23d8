/*
 * bpacct-bench's engine cases (bench_engine.c), run from bench.c's main.
 */
#ifndef BPACCT_BENCH_ENGINE_H
#define BPACCT_BENCH_ENGINE_H

#include <bpacct/bpacct.h>

/* Whether the command line asks for case `name` (no names: every case). */
int bench_wanted(const char *name, int argc, char **argv);

/* Runs the engine cases the command line asks for; 0, or 1 on a failure
 * (reported on stderr). */
int bench_engine(const bpacct_calendar *cal, int json, int rounds, int argc,
		 char **argv);

#endif
