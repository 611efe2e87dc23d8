#!/usr/bin/env python3
"""Drive `bpacct run` with random lives and compare it with the reference
model (model.py), line by line.

  check_model.py --tool PATH --lives N --seed S
                 [--store memory|sqlite|postgres] [--split K]
                 [--out DIR] [--without FEATURE ...] [--stop] [--jobs J]

memory:   one `bpacct run` process per life.
sqlite:   the life split into K consecutive chunks, each run by a NEW
          process over the same --store sqlite:FILE (a fresh file per
          life in a temporary directory); the outputs are concatenated.
postgres: --store postgres:CONNINFO from BPACCT_PG_CONNINFO, each life in
          its own fresh schema (options='-csearch_path=...', made and
          dropped with psql), in K chunks as for sqlite (--split; 1: one
          process); skipped (exit 77) when the variable is unset and CI
          is not "true".

N defaults to BPACCT_MODEL_LIVES when that is set (the long mode:
BPACCT_MODEL_LIVES=100000).  The first failing life is minimised (delta
debugging over its lines) and written as JSONL to --out (default: the
current directory); its path, the seed and the first differing line are
printed.  Exit status: 0 all lives agree, 1 some failed, 77 skipped.

How lines are told apart: after every input line the driver inserts a
marker line, a `show` of an account that never exists (MARK), at the same
instant.  Its `refused` effect closes the segment of the line before it.
A marker changes no state (everything due at or before its instant was
already run by the line it follows, rule E6), so the model expects nothing
from it but that refusal.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lives  # noqa: E402
import model as M  # noqa: E402

MARK = 'ZZMARK'


# --------------------------------------------------------------------------
# Running the tool

class Runner:
    def __init__(self, tool, store, split, tmp):
        self.tool, self.store, self.split, self.tmp = tool, store, split, tmp
        self.n = 0
        self.pg = os.environ.get('BPACCT_PG_CONNINFO')

    def _run(self, lines, store_arg):
        inp = b''.join(lives.line_bytes(e) for e in lines)
        cmd = [self.tool, 'run']
        if store_arg:
            cmd += ['--store', store_arg]
        try:
            p = subprocess.run(cmd, input=inp, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=600)
        except subprocess.TimeoutExpired as ex:
            return [{'type': 'error', 'code': 'timeout',
                     'message': 'bpacct run: no end after %ss' % ex.timeout}]
        out = []
        for raw in p.stdout.decode(errors='replace').splitlines():
            try:
                out.append(json.loads(raw))
            except ValueError:
                out.append({'type': 'error', 'code': 'not_json',
                            'message': raw[:200]})
        if p.returncode not in (0, 1):
            # a crash or a store that cannot be opened: a failure of the
            # life like any other (it is minimised too)
            out.append({'type': 'error', 'code': 'exit_%d' % p.returncode,
                        'message': p.stderr.decode(errors='replace')[-500:]})
        return out

    def run(self, events):
        """The tool's effects, one list per input event."""
        marked = []
        for e in events:
            marked.append(e)
            marked.append({'op': 'show', 'at': e['at'], 'account': MARK})
        self.n += 1
        if self.store == 'memory':
            return self._segments(self._run(marked, None))
        # the same life in K consecutive chunks, each by a new process
        # over the same store
        k = max(1, self.split)
        n = len(marked) // 2
        cuts = sorted(set([0] + [2 * (n * i // k) for i in range(1, k)] +
                          [len(marked)]))
        out = []
        if self.store == 'sqlite':
            path = os.path.join(self.tmp, 'life%d.db' % self.n)
            try:
                for a, b in zip(cuts, cuts[1:]):
                    out += self._run(marked[a:b], 'sqlite:' + path)
            finally:
                for suffix in ('', '-wal', '-shm', '-journal'):
                    if os.path.exists(path + suffix):
                        os.unlink(path + suffix)
        else:
            schema = 'bpacct_model_%d_%d' % (os.getpid(), self.n)
            psql(self.pg, 'CREATE SCHEMA %s' % schema)
            try:
                for a, b in zip(cuts, cuts[1:]):
                    out += self._run(marked[a:b],
                                     "postgres:%s options='-csearch_path=%s'"
                                     % (self.pg, schema))
            finally:
                psql(self.pg, 'DROP SCHEMA %s CASCADE' % schema)
        return self._segments(out)

    @staticmethod
    def _segments(out):
        segs, cur = [], []
        for e in out:
            if e.get('account') == MARK:
                segs.append(cur)
                cur = []
            else:
                cur.append(e)
        if cur:
            segs.append(cur)   # effects after the last marker: extra
        return segs


def psql(conninfo, sql):
    p = subprocess.run(['psql', conninfo, '-qAtX', '-v', 'ON_ERROR_STOP=1',
                        '-c', sql], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError('psql: %s' % p.stderr.decode(errors='replace'))


# --------------------------------------------------------------------------
# Comparing

def reason_names(tool):
    """The names of the reasons E5 adds, as `bpacct reasons` lists them."""
    names = {}
    try:
        p = subprocess.run([tool, 'reasons', '--json'],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60)
        codes = [json.loads(x)['code'] for x in p.stdout.decode().splitlines()
                 if x.strip()]
    except (OSError, ValueError, KeyError, subprocess.SubprocessError):
        codes = []
    for want, words in (('holder_required', ('holder',)),
                        ('actor_not_allowed', ('actor',))):
        if want in codes:
            continue
        for c in codes:
            if all(w in c for w in words):
                names[want] = c
                break
    return names, codes


def expected(events, rn, cal):
    m = M.Model(cal, rn)
    return [m.line(e) for e in events]


def first_difference(events, segs, rn, cal):
    """None, or (index, group, expected, actual)."""
    exp = expected(events, rn, cal)
    for i, e in enumerate(events):
        act = segs[i] if i < len(segs) else [{'type': 'error',
                                              'code': 'missing_segment',
                                              'message': 'no output'}]
        d = M.compare_line(exp[i], act, e['op'])
        if d is not None:
            return (i,) + d
        for x in act:    # E3: every reason with a message in vi and en
            for r in x.get('reasons') or []:
                if not (isinstance(r.get('vi'), str) and r['vi'].strip() and
                        isinstance(r.get('en'), str) and r['en'].strip()):
                    return (i, 'E3', ['a reason with vi and en messages'],
                            [json.dumps(r, ensure_ascii=False)])
    if len(segs) > len(events):
        return (len(events), 'extra', [], [json.dumps(x) for x in segs[-1]])
    return None


def ddmin(events, fails):
    """Zeller's delta debugging over the lines: a 1-minimal sub-list that
    still fails."""
    n = 2
    cur = list(events)
    while len(cur) >= 2:
        chunk = max(1, len(cur) // n)
        subsets = [cur[i:i + chunk] for i in range(0, len(cur), chunk)]
        reduced = False
        for i in range(len(subsets)):
            comp = [x for j, s in enumerate(subsets) if j != i for x in s]
            if comp and fails(comp):
                cur = comp
                n = max(n - 1, 2)
                reduced = True
                break
        if not reduced:
            if n >= len(cur):
                break
            n = min(len(cur), 2 * n)
    return cur


def describe(events, d):
    i, grp, exp, act = d
    lines = []
    if i < len(events):
        lines.append('first differing line %d: %s' % (
            i + 1, json.dumps(events[i], ensure_ascii=False)))
    else:
        lines.append('output after the last line')
    lines.append('  group %s' % grp)
    lines.append('  expected (model):')
    lines += ['    ' + x for x in exp] or ['    (nothing)']
    lines.append('  actual (bpacct):')
    lines += ['    ' + x for x in act] or ['    (nothing)']
    return '\n'.join(lines)


def _label(x):
    try:
        e = json.loads(x)
    except ValueError:
        return x
    t = e.get('t', 'reason')
    if t == 'outcome':
        return 'outcome %s%s%s' % (e['outcome'], e['reasons'] or '',
                                   ' replay' if e['replay'] else '')
    if t == 'refused':
        return 'refused %s' % e['reasons']
    if t == 'transition':
        return 'transition %s %s' % (e['case'], e['actor'])
    if t == 'notice':
        return 'notice %s' % e['kind']
    if t == 'account':
        return 'account %s' % e['state']
    return t


def signature(events, d):
    """A short name for a kind of difference, to count them and to keep
    the minimiser on the same one."""
    i, _grp, exp, act = d
    op = events[i]['op'] if i < len(events) else 'end'
    se, sa = set(exp), set(act)
    only_e = sorted(set(_label(x) for x in exp if x not in sa))
    only_a = sorted(set(_label(x) for x in act if x not in se))
    if not only_e and not only_a:
        return '%s: order' % op
    return '%s: model [%s] / tool [%s]' % (op, '; '.join(only_e),
                                           '; '.join(only_a))


# --------------------------------------------------------------------------

def report(a, runner, rn, cal, outdir, seed, events, d, sig):
    print('model: life seed %d (%d lines, store %s) FAILED: %s' % (
        seed, len(events), a.store, sig))
    print(describe(events, d))
    small = events
    if not a.no_minimise:
        def fails(evs):
            d2 = first_difference(evs, runner.run(evs), rn, cal)
            return d2 is not None and signature(evs, d2) == sig
        small = ddmin(events, fails)
    d2 = first_difference(small, runner.run(small), rn, cal)
    path = os.path.join(outdir, 'model-fail-%s-seed%d.jsonl' % (a.store,
                                                                 seed))
    with open(path, 'wb') as f:
        for e in small:
            f.write(lives.line_bytes(e))
    print('model: seed %d minimised to %d lines: %s' % (seed, len(small),
                                                        path))
    print('model: again: %s --tool %s --lives 1 --seed %d --store %s%s' % (
        sys.argv[0], a.tool, seed, a.store,
        ''.join(' --without ' + w for w in a.without)))
    if d2 is not None:
        print(describe(small, d2))
    sys.stdout.flush()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--tool', required=True)
    ap.add_argument('--lives', type=int,
                    default=int(os.environ.get('BPACCT_MODEL_LIVES', '1000')))
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--store', choices=['memory', 'sqlite', 'postgres'],
                    default='memory')
    ap.add_argument('--split', type=int, default=3)
    ap.add_argument('--out', default=None,
                    help='directory for the minimised stream (default: cwd)')
    ap.add_argument('--without', action='append', default=[],
                    choices=sorted(lives.FEATURES),
                    help='switch a feature of the generator off (triage)')
    ap.add_argument('--stop', action='store_true',
                    help='stop at the first failing life')
    ap.add_argument('--no-minimise', action='store_true')
    ap.add_argument('--each', type=int, default=0, metavar='N',
                    help='minimise the first life of each kind of '
                    'difference (up to N kinds), not only the first')
    ap.add_argument('--env-lives', action='store_true',
                    help='BPACCT_MODEL_LIVES, when set, wins over --lives')
    a = ap.parse_args(argv)
    if a.env_lives and os.environ.get('BPACCT_MODEL_LIVES'):
        a.lives = int(os.environ['BPACCT_MODEL_LIVES'])

    if a.store == 'postgres':
        if not os.environ.get('BPACCT_PG_CONNINFO'):
            if os.environ.get('CI') == 'true':
                print('model: BPACCT_PG_CONNINFO is not set (CI=true)')
                return 1
            print('model: postgres skipped (BPACCT_PG_CONNINFO not set)')
            return 77
        if shutil.which('psql') is None:
            print('model: postgres skipped (no psql to make schemas)')
            return 1 if os.environ.get('CI') == 'true' else 77

    rn, codes = reason_names(a.tool)
    for want in ('holder_required', 'actor_not_allowed'):
        got = rn.get(want, want)
        note = '' if got in codes else ' (not yet in `bpacct reasons`)'
        print('model: reason %s -> %s%s' % (want, got, note))
    cal = M.Calendar()
    tmp = tempfile.mkdtemp(prefix='bpacct-model-')
    runner = Runner(a.tool, a.store, a.split, tmp)
    outdir = a.out or os.getcwd()
    t0 = time.time()
    failed = 0
    sigs = {}
    nmin = 0
    k = -1
    try:
        for k in range(a.lives):
            seed = a.seed + k
            events = lives.life(seed, without=a.without)
            segs = runner.run(events)
            d = first_difference(events, segs, rn, cal)
            if d is None:
                continue
            failed += 1
            sig = signature(events, d)
            sigs.setdefault(sig, []).append(seed)
            if len(sigs[sig]) == 1 and nmin < (a.each if a.each else 1):
                nmin += 1
                report(a, runner, rn, cal, outdir, seed, events, d, sig)
            if a.stop:
                break
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for sig, seeds in sorted(sigs.items(), key=lambda x: -len(x[1])):
        print('model:   %4d lives: %s (first seed %d)' % (len(seeds), sig,
                                                         seeds[0]))
    print('model: %d lives, %d failed (store %s, seed %d, %.1f s)' % (
        k + 1, failed, a.store,
        a.seed, time.time() - t0))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
