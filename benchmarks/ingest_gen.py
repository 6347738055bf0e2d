#!/usr/bin/env python3
"""Write two Google Benchmark JSON files for benchmarks/ingest_speed.sh: a baseline and a
current run of BENCHMARKS benchmarks x REPETITIONS repetitions, with every 100th benchmark 30%
slower in the current one. Deterministic: the same arguments give the same bytes.

usage: ingest_gen.py BASE.json CURRENT.json [BENCHMARKS [REPETITIONS]]
"""
import json
import random
import sys

CONTEXT = (
    '"context": {"date": "2026-11-28T05:00:00+00:00", "host_name": "ci", '
    '"executable": "./suite_bench", "num_cpus": 2, "mhz_per_cpu": 2000, '
    '"cpu_scaling_enabled": false, "caches": [], "load_avg": [1.0], '
    '"library_build_type": "release"}'
)


def write(path, seed, slowdown, benchmarks, repetitions):
    rand = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        out.write("{\n  " + CONTEXT + ',\n  "benchmarks": [\n')
        first = True
        for i in range(benchmarks):
            scale = (slowdown if i % 100 == 0 else 1.0) * (100 + i % 900)
            for rep in range(repetitions):
                time = scale * rand.lognormvariate(0, 0.05)
                run = {
                    "name": f"BM_Case/{i}",
                    "family_index": 0,
                    "per_family_instance_index": i,
                    "run_name": f"BM_Case/{i}",
                    "run_type": "iteration",
                    "repetitions": repetitions,
                    "repetition_index": rep,
                    "threads": 1,
                    "iterations": 1000000,
                    "real_time": time,
                    "cpu_time": time * 0.99,
                    "time_unit": "ns",
                }
                out.write(("" if first else ",\n") + "    " + json.dumps(run))
                first = False
        out.write("\n  ]\n}\n")


def main():
    if len(sys.argv) not in (3, 4, 5):
        sys.exit(__doc__.strip().splitlines()[-1])
    benchmarks = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    repetitions = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    write(sys.argv[1], 1, 1.0, benchmarks, repetitions)
    write(sys.argv[2], 2, 1.3, benchmarks, repetitions)


if __name__ == "__main__":
    main()
