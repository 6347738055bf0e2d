#!/usr/bin/env python3
"""How often perfgate's verdicts are right on a loaded machine: false alarms on unchanged code
and detected slowdowns, measured with perfgate itself. Run by hand, not in CI (minutes):

    benchmarks/decision_quality.py --build build            # two busy loops load the machine
    benchmarks/decision_quality.py --build build --no-load  # a quiet machine

1. The fixture benchmarks/decision_fixture (two CPU-bound Google Benchmark benchmarks) plays five
   programs through wrapper scripts: A1 and A2 (1.0x work, the same code twice), B10 and B20
   (1.1x and 1.2x work) and W50 (BM_Wait also sleeps 50% of its work's time: a slowdown that only
   wall time shows). `perfgate run` launches the five `--launches` times each, in shuffled
   rounds, with perfgate's default repetitions and minimum time, while two `while :; do :; done`
   loops keep both cores busy.
2. Comparisons are drawn from those launches: each picks 5 launches (perfgate's default) of one
   program as the baseline and 5 of another as the current run, at random without replacement
   within a side, writes them as two perfgate results files and runs `perfgate compare` on them
   with the defaults and `warning = 5%` (critical 10%, blocker 20%). A/A draws A1 against A2; A/B
   draws A1 against B10, B20 or W50.
3. `--paired N` also runs `perfgate run --against` N times on two real folders (A against A, and
   A against B10), each a real interleaved run with perfgate's stopping rule.

A benchmark comparison is a false alarm when any of its gated metrics is judged `regressed`
(warning or above); a slowdown is detected when one of them is. Printed: a table per kind.
"""

import argparse
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile

VARIANTS = {
    "A1": {"PERFGATE_WORK_PERCENT": "100"},
    "A2": {"PERFGATE_WORK_PERCENT": "100"},
    "B10": {"PERFGATE_WORK_PERCENT": "110"},
    "B20": {"PERFGATE_WORK_PERCENT": "120"},
    "W50": {"PERFGATE_WAIT_PERCENT": "50"},
}
GATE = '[gate]\nwarning = "5%"\ncritical = "10%"\nblocker = "20%"\n'
LAUNCHES_PER_SIDE = 5


def wrapper(folder, name, fixture, environment):
    """Write `name`.sh, which runs the fixture with `environment`; return its path."""
    path = folder / f"{name}.sh"
    exports = " ".join(f"{key}={value}" for key, value in environment.items())
    path.write_text(f'#!/bin/sh\nexec env {exports} "{fixture}" "$@"\n')
    path.chmod(0o755)
    return path


class BusyLoops:
    """Two `while :; do :; done` shells for as long as the `with` block runs."""

    def __init__(self, enabled):
        self.enabled = enabled
        self.processes = []

    def __enter__(self):
        if self.enabled:
            self.processes = [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range(2)]
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            process.send_signal(signal.SIGKILL)
            process.wait()


def collect(perfgate, fixture, folder, launches, sampling):
    """Launch every variant `launches` times with perfgate; return {variant: {benchmark: [launch
    -> {metric: (unit, better, samples)}]}}."""
    config = ["[discover]", "paths = []", f"launches = {launches}", *sampling, ""]
    for name, environment in VARIANTS.items():
        script = wrapper(folder, name, fixture, environment)
        config += ["[[benchmark]]", f'name = "{name}"', 'kind = "google-benchmark"',
                   f'command = ["{script}"]', ""]
    (folder / "perfgate.toml").write_text("\n".join(config))
    subprocess.run([perfgate, "run", "--quiet", "--fail-on", "never"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL)
    results = json.loads((folder / ".perfgate" / "last" / "results.json").read_text())
    pools = {}
    for benchmark in results["benchmarks"]:
        variant, name = benchmark["id"].split("/", 1)
        if benchmark["status"] != "ok":
            sys.exit(f"{benchmark['id']}: {benchmark['status']}: {benchmark.get('message')}")
        by_launch = {}
        for metric, data in benchmark["metrics"].items():
            for sample, launch in zip(data["samples"], data["launches"]):
                entry = by_launch.setdefault(launch, {})
                entry.setdefault(metric, (data["unit"], data["better"], []))[2].append(sample)
        pools.setdefault(variant, {})[name] = [by_launch[k] for k in sorted(by_launch)]
    return pools


def results_file(path, pools, picks):
    """Write a perfgate results file of the launches `picks` of every benchmark in `pools`."""
    benchmarks = []
    for name, launches in pools.items():
        metrics = {}
        for index, pick in enumerate(picks):
            for metric, (unit, better, samples) in launches[pick].items():
                data = metrics.setdefault(metric, {"unit": unit, "better": better, "samples": [],
                                                   "launches": []})
                data["samples"] += samples
                data["launches"] += [index] * len(samples)
        benchmarks.append({"id": f"fixture/{name}", "source": "google-benchmark", "status": "ok",
                           "metrics": metrics})
    path.write_text(json.dumps({"schema": "perfgate-results/1", "benchmarks": benchmarks}))


def judged(perfgate, folder, base, current):
    """Return {benchmark: [gated entries]} of `perfgate compare base current`."""
    reports = folder / "reports"
    completed = subprocess.run([perfgate, "compare", base, current, "--format", "json",
                                "--report-dir", reports, "--fail-on", "never"],
                               cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if completed.returncode not in (0, 1):
        sys.exit(f"perfgate compare exited {completed.returncode}: {completed.stderr.decode()}")
    comparison = json.loads((reports / "comparison.json").read_text())
    entries = {}
    for entry in comparison["benchmarks"]:
        if entry["gated"]:
            entries.setdefault(entry["id"].split("/", 1)[1], []).append(entry)
    return entries


def flagged(entries):
    return any(entry["verdict"] == "regressed" for entry in entries)


def resample(perfgate, pools, folder, trials, seed, per_side):
    """Return {(kind, benchmark): [comparisons, flagged, inconclusive]}."""
    (folder / "perfgate.toml").write_text(GATE)
    rng = random.Random(seed)
    counts = {}
    for kind, variant in (("A/A", "A2"), ("+10% work", "B10"), ("+20% work", "B20"),
                          ("+50% wall only", "W50")):
        for _ in range(trials):
            base_picks = rng.sample(range(len(pools["A1"]["BM_Work"])), per_side)
            current_picks = rng.sample(range(len(pools[variant]["BM_Work"])), per_side)
            results_file(folder / "base.json", pools["A1"], base_picks)
            results_file(folder / "current.json", pools[variant], current_picks)
            for name, entries in judged(perfgate, folder, "base.json", "current.json").items():
                # BM_Work has no wait: under W50 it is an A/A comparison too.
                key = ("A/A" if variant == "W50" and name == "BM_Work" else kind, name)
                row = counts.setdefault(key, [0, 0, 0])
                row[0] += 1
                row[1] += flagged(entries)
                row[2] += any(e["verdict"] == "inconclusive" and e["role"] == "primary"
                              for e in entries)
    return counts


def paired(perfgate, fixture, folder, runs):
    """Run `perfgate run --against` `runs` times for A/A and for +10% work; return counts."""
    counts = {}
    for kind, head in (("A/A", "A2"), ("+10% work", "B10")):
        for run in range(runs):
            root = folder / f"paired-{kind[0]}-{run}"
            for side, variant in (("base", "A1"), ("head", head)):
                (root / side).mkdir(parents=True)
                wrapper(root / side, "fixture", fixture, VARIANTS[variant])
            (root / "head" / "perfgate.toml").write_text(
                GATE + '\n[discover]\npaths = []\n\n[[benchmark]]\nname = "fixture"\n'
                'kind = "google-benchmark"\ncommand = ["./fixture.sh"]\n')
            subprocess.run([perfgate, "run", "--quiet", "--against", "../base", "--fail-on",
                            "never", "--format", "json"], cwd=root / "head", check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            comparison = json.loads((root / "head" / ".perfgate" / "last" /
                                     "comparison.json").read_text())
            by_benchmark = {}
            for entry in comparison["benchmarks"]:
                if entry["gated"]:
                    by_benchmark.setdefault(entry["id"].split("/", 1)[1], []).append(entry)
            for name, entries in by_benchmark.items():
                row = counts.setdefault((kind, name), [0, 0, 0])
                row[0] += 1
                row[1] += flagged(entries)
                row[2] += any(e["verdict"] == "inconclusive" and e["role"] == "primary"
                              for e in entries)
    return counts


def print_table(title, counts):
    print(f"\n{title}")
    print(f"| {'comparison':<16} | {'benchmark':<8} | {'n':>5} | {'flagged':>8} | {'rate':>7} | "
          f"{'inconclusive':>12} |")
    print(f"|{'-' * 18}|{'-' * 10}|{'-' * 7}|{'-' * 10}|{'-' * 9}|{'-' * 14}|")
    for (kind, name), (n, hits, unclear) in sorted(counts.items()):
        print(f"| {kind:<16} | {name:<8} | {n:>5} | {hits:>8} | {100 * hits / n:>6.1f}% | "
              f"{unclear:>12} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build", help="perfgate's build folder")
    parser.add_argument("--launches", type=int, default=40, help="launches collected per variant")
    parser.add_argument("--trials", type=int, default=500, help="comparisons drawn per kind")
    parser.add_argument("--paired", type=int, default=0, help="real --against runs per kind")
    parser.add_argument("--per-side", type=int, default=LAUNCHES_PER_SIDE,
                        help="launches per side of each drawn comparison (default perfgate's 5)")
    parser.add_argument("--seed", type=int, default=20261128)
    parser.add_argument("--no-load", action="store_true", help="do not start the busy loops")
    parser.add_argument("--repetitions", type=int, help="repetitions per launch (default perfgate's)")
    parser.add_argument("--min-time", help="time per repetition, e.g. 0.05s (default perfgate's)")
    parser.add_argument("--save", help="also write the collected launches to this JSON file")
    parser.add_argument("--reuse", help="draw from launches saved with --save; collect nothing")
    parser.add_argument("--keep-repetitions", type=int,
                        help="with --reuse: keep the first N repetitions of each launch (what "
                             "fewer repetitions per launch would have given)")
    args = parser.parse_args()
    build = pathlib.Path(args.build).resolve()
    perfgate = str(build / "perfgate")
    fixture = str(build / "benchmarks" / "decision_fixture")
    for path in (perfgate, fixture):
        if not os.access(path, os.X_OK):
            sys.exit(f"{path} is missing: build perfgate first (./build.sh build)")
    folder = pathlib.Path(tempfile.mkdtemp(prefix="perfgate-decision-"))
    try:
        if args.reuse:
            pools = json.loads(pathlib.Path(args.reuse).read_text())
            if args.keep_repetitions:
                for benchmarks in pools.values():
                    for launches in benchmarks.values():
                        for launch in launches:
                            for metric in launch.values():
                                del metric[2][args.keep_repetitions:]
            args.launches = len(pools["A1"]["BM_Work"])
            paired_counts = {}
        else:
            with BusyLoops(not args.no_load):
                print(f"collecting {args.launches} launches of each variant "
                      f"({'two busy loops' if not args.no_load else 'no load'}) ...", flush=True)
                sampling = [f"repetitions = {args.repetitions}"] if args.repetitions else []
                sampling += [f'min_time = "{args.min_time}"'] if args.min_time else []
                pools = collect(perfgate, fixture, folder, args.launches, sampling)
                paired_counts = paired(perfgate, fixture, folder, args.paired) if args.paired else {}
        if args.save:
            pathlib.Path(args.save).write_text(json.dumps(pools))
        counts = resample(perfgate, pools, folder, args.trials, args.seed, args.per_side)
        print_table(f"perfgate compare, {args.per_side} launches per side drawn from "
                    f"{args.launches} (warning 5%):", counts)
        if paired_counts:
            print_table(f"perfgate run --against, {args.paired} real runs per kind "
                        "(warning 5%):", paired_counts)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
