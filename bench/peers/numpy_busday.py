#!/usr/bin/env python3
"""Peer figures for docs/performance.md: numpy's busday functions on the same
civil-service calendar as bpacct (the days off 2020-2035 that `bpacct calendar
YEAR --json` lists; numpy cannot express make-up Saturdays, so its calendar is
slightly wrong, which only makes it cheaper).

Usage: apt-get install python3-numpy; for y in $(seq 2020 2035); do
       bpacct calendar $y --json; done > cal.jsonl; python3 numpy_busday.py
"""
import json, time, numpy as np
hol = sorted({d["date"] for l in open("cal.jsonl") for d in json.loads(l)["days_off"]})
hol = np.array(hol, dtype='datetime64[D]')
cal = np.busdaycalendar(weekmask='1111100', holidays=hol)
rng = np.random.default_rng(1)
N = 1_000_000
d0, d1 = np.datetime64('2020-01-01'), np.datetime64('2035-12-31')
days = d0 + rng.integers(0, int((d1 - d0).astype(int)), N).astype('timedelta64[D]')
s0 = np.datetime64('2033-12-31')
sdays = d0 + rng.integers(0, int((s0 - d0).astype(int)), N).astype('timedelta64[D]')
offs = rng.integers(0, 30, N)
def best(f):
    b = 1e30
    for _ in range(5):
        t = time.perf_counter(); f(); b = min(b, (time.perf_counter() - t) / N * 1e9)
    return b
print(json.dumps({"holidays": len(hol)}))
print(json.dumps({"name": "numpy is_busday (vectorised)", "ns_per_op": round(best(lambda: np.is_busday(days, busdaycal=cal)), 1), "numpy": np.__version__}))
print(json.dumps({"name": "numpy busday_offset roll=forward (vectorised)", "ns_per_op": round(best(lambda: np.busday_offset(sdays, offs, roll='forward', busdaycal=cal)), 1)}))
M = 100_000
dl, ol = list(days[:M]), list(offs[:M])
def loop_is():
    f = np.is_busday
    for d in dl: f(d, busdaycal=cal)
def loop_off():
    f = np.busday_offset
    for d, o in zip(dl, ol): f(d, o, roll='forward', busdaycal=cal)
def bestM(f):
    b = 1e30
    for _ in range(3):
        t = time.perf_counter(); f(); b = min(b, (time.perf_counter() - t) / M * 1e9)
    return b
print(json.dumps({"name": "numpy is_busday (one call per date)", "ns_per_op": round(bestM(loop_is), 1)}))
print(json.dumps({"name": "numpy busday_offset (one call per date)", "ns_per_op": round(bestM(loop_off), 1)}))
