#!/usr/bin/env python3
"""Runs the payment-list job side by side: Jimu, the Python peer and the C peer (.bench/peers) on
one generated project (.bench/make-payment-list.py). Called by `bash .ci/bench peers`.

Usage: peers.py ORDERS PROJECT JIMU C_PEER JIMU_FOR_VALGRIND

1. Equivalence: each program runs on an empty ledger and again on its own ledger; the counts of
   both runs must agree, and the 全銀 files and the accounting import of the first run must be
   byte-identical. Any difference stops the bench (exit 1).
2. Timing: JIMU_BENCH_ROUNDS rounds (default 3, at least 3), each running Jimu, Python and C in
   turn on an empty ledger, so that the machine's drift falls on all three alike. Printed: each
   program's median wall and CPU (user + system) seconds and peak RSS, then the ratios round by
   round (peer ÷ Jimu: above 1 means Jimu is faster).
3. callgrind: instructions per record of each program on the first JIMU_BENCH_CALLGRIND records
   of the list (default 20000; 0 leaves it out), all threads counted.

JIMU_BENCH_CHECK_ONLY=1 stops after 1: `.ci/test` checks so that the peers keep doing what Jimu does.
"""
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

orders = int(sys.argv[1])
project, jimu, c_peer, jimu_for_valgrind = map(os.path.abspath, sys.argv[2:6])
python_peer = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers/payment_list.py")
AS_OF = "2026-11-21"
FOLDER = f"payment-list/{AS_OF}"


def command(name, program=None):
    """The command line of a program on the project: Jimu's ledger and outputs are in .jimu/,
    the peers' in peer-NAME/."""
    if name == "jimu":
        return [program or jimu, "run", "Jobs/peers.yaml", "--as-of", AS_OF, "--summary", "json"]
    own = os.path.join(project, f"peer-{name}")
    runner = ["python3", python_peer] if name == "python" else [c_peer]
    return runner + [project, AS_OF, os.path.join(own, "out"), os.path.join(own, "ledger.sqlite")]


def outputs(name):
    return os.path.join(project, ".jimu/out" if name == "jimu" else f"peer-{name}/out", FOLDER)


def reset(name):
    """An empty ledger and output folder for the program."""
    own = os.path.join(project, ".jimu" if name == "jimu" else f"peer-{name}")
    shutil.rmtree(own, ignore_errors=True)
    os.makedirs(own)


def run(name, timed=False, program=None, prefix=()):
    """Runs a program; returns its counts and, when timed, (wall, cpu, peak RSS in KB)."""
    timing = tempfile.NamedTemporaryFile(mode="r")
    time = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", timing.name] if timed else []
    result = subprocess.run(time + list(prefix) + command(name, program), cwd=project, capture_output=True, text=True)
    if result.returncode not in (0, 65):
        sys.exit(f"{name} failed with exit {result.returncode}:\n{result.stderr[-2000:]}")
    summary = json.loads(result.stdout.strip().splitlines()[-1]) if not prefix else {}
    counts = {key: summary.get("input" if key == "read" and name == "jimu" else key) for key in ["read", "issued", "rejected", "skipped"]}
    if not timed:
        return counts, result.stderr
    wall, user, system, kilobytes = timing.read().splitlines()[-1].split()  # after "Command exited with…"
    return counts, (float(wall), float(user) + float(system), int(kilobytes))


def check_equivalence():
    names = ["jimu", "python", "c"]
    counts = {}
    for name in names:
        reset(name)
        first, _ = run(name)
        again, _ = run(name)
        counts[name] = (first, again)
    if len({json.dumps(c, sort_keys=True) for c in counts.values()}) != 1:
        sys.exit(f"the programs disagree on the counts: {json.dumps(counts, ensure_ascii=False)}")
    compared = sorted(f for f in os.listdir(outputs("jimu")) if f.startswith(("sogo-furikomi-", "accounting-import-")) and "-run1" in f)
    for name in names[1:]:
        theirs = sorted(f for f in os.listdir(outputs(name)) if f.startswith(("sogo-furikomi-", "accounting-import-")) and "-run1" in f)
        if theirs != compared:
            sys.exit(f"{name} wrote other files: {theirs} against Jimu's {compared}")
        for file in compared:
            if not filecmp.cmp(os.path.join(outputs("jimu"), file), os.path.join(outputs(name), file), shallow=False):
                sys.exit(f"{name}'s {file} differs from Jimu's")
    first, again = counts["jimu"]
    print(f"{orders:,} orders: all three agree: {first['issued']:,} issued, {first['rejected']:,} rejected, {first['skipped']:,} skipped; "
          f"again on the same ledger: {again['issued']:,} issued, {again['rejected']:,} rejected, {again['skipped']:,} skipped; "
          f"{len(compared)} files byte-identical ({', '.join(compared)})")


def timings():
    rounds = max(3, int(os.environ.get("JIMU_BENCH_ROUNDS", "3")))
    measured = {name: [] for name in ["jimu", "python", "c"]}
    for _ in range(rounds):
        for name in measured:
            reset(name)
            measured[name].append(run(name, timed=True)[1])
    print(f"{'program':<8s} {'median wall s':>13s} {'median CPU s':>13s} {'peak RSS MB':>12s}")
    for name, runs in measured.items():
        print(f"{name:<8s} {statistics.median(r[0] for r in runs):13.2f} {statistics.median(r[1] for r in runs):13.2f} "
              f"{max(r[2] for r in runs) / 1024:12.1f}")
    print("round  Python÷Jimu wall  Python÷Jimu CPU  C÷Jimu wall  C÷Jimu CPU")
    for index, (j, p, c) in enumerate(zip(measured["jimu"], measured["python"], measured["c"]), start=1):
        print(f"{index:5d}  {p[0] / j[0]:16.2f}  {p[1] / j[1]:15.2f}  {c[0] / j[0]:11.2f}  {c[1] / j[1]:10.2f}")
    ratio = lambda peer, field: statistics.median(p[field] / j[field] for j, p in zip(measured["jimu"], measured[peer]))
    print(f"median ratios: Python÷Jimu wall {ratio('python', 0):.2f}, CPU {ratio('python', 1):.2f}; "
          f"C÷Jimu wall {ratio('c', 0):.2f}, CPU {ratio('c', 1):.2f}")


def instructions():
    records = min(orders, int(os.environ.get("JIMU_BENCH_CALLGRIND", "20000")))
    if records <= 0:
        return
    path = os.path.join(project, "Samples/payment-list.csv")
    whole = path + ".whole"
    os.rename(path, whole)
    with open(whole, "rb") as source, open(path, "wb") as cut:
        for _ in range(records + 1):
            cut.write(source.readline())
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    figures = []
    for name in ["jimu", "python", "c"]:
        reset(name)
        _, log = run(name, program=jimu_for_valgrind, prefix=valgrind)
        refs = [line for line in log.splitlines() if "Collected" in line or "I   refs" in line]
        count = int(refs[-1].split()[-1].replace(",", ""))
        figures.append(f"{name} {count // records:,}")
    os.replace(whole, path)
    print(f"callgrind instructions per record ({records:,} records, all threads): " + ", ".join(figures))


check_equivalence()
if os.environ.get("JIMU_BENCH_CHECK_ONLY") != "1":
    timings()
    instructions()
