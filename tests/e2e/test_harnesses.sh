# Results from other harnesses: perfgate compare, baseline save and merge on real criterion
# output folders and pytest-benchmark files; perfgate run with `kind = "samples"` entries whose
# commands write perfgate-samples/1; bad input named with its file and JSON path.
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_SOURCE_DIR/tests/fixtures"
criterion="$fixtures/criterion"
pytest="$fixtures/pytest_benchmark"

# expect_line FILE REGEX WHAT: a line of std FILE matches the extended regex REGEX.
expect_line() {
  if grep -qE -- "$2" "$WORK/$1"; then pass; else fail "$3: std$1 has no line matching '$2'"; fi
}

# criterion: `after` is a second run in which fib does 2.6x the work.
pg compare "$criterion/before" "$criterion/after"
expect_status 1 "criterion: a real regression fails the gate"
expect_line out '^fib +time +[0-9.]+ ns +[0-9.]+ ns +\+[0-9.]+% .*regressed \(blocker\)$' \
  "criterion: fib regressed, its time per iteration in ns"
expect_line out '^copy/bytes/1024 +time ' "criterion: ids are benchmark.json's full_id"
pg compare "$criterion/before" "$criterion/before"
expect_status 0 "criterion: a folder against itself"
expect_in out "0 regressed," "criterion: nothing regressed"
expect_line out '^fib +time +[0-9.]+ ns +[0-9.]+ ns +0\.0% .* ~ unchanged$' \
  "criterion: an identical, steady benchmark is unchanged"
expect_in out "rest on the repetitions of a single launch per side" \
  "criterion: the samples of one process are repetitions, and the report says so"
pg compare "$criterion/before" "$criterion/before" --metric elements_per_second
expect_status 0 "criterion: throughput is a metric"
expect_line out '^sum/elements/64 +elements_per_second +[0-9.e+]+ 1/s' \
  "criterion: the elements throughput, per second"

pg baseline save rust "$criterion/before"
expect_status 0 "criterion: baseline save from a folder"
expect_in out "saved 4 benchmarks" "criterion: every benchmark saved"
expect_eq "$(json .perfgate/baselines/rust.json '[.benchmarks[] | .source] | unique | join(",")')" \
  "criterion" "criterion: the baseline keeps the source"
pg compare .perfgate/baselines/rust.json "$criterion/after"
expect_status 1 "criterion: the saved baseline judges the same"
expect_line out '^fib +time .*regressed \(blocker\)$' "criterion: fib regressed against the baseline"

pg merge "$criterion/before" "$criterion/after" -o merged.json
expect_status 0 "criterion: merge two folders"
expect_eq "$(json merged.json '.benchmarks[] | select(.id == "fib") | .metrics.time.samples | length')" \
  "20" "criterion: merging concatenates the samples"

cp -R "$criterion/before" broken
jq -c '.times[2] = -5' "$criterion/before/fib/new/sample.json" >broken/fib/new/sample.json
pg compare broken "$criterion/after"
expect_status 2 "criterion: a negative time is bad input"
expect_in err "broken/fib/new/sample.json': times[2]: expected a finite, non-negative number, not -5" \
  "criterion: the file and the JSON path are named"
rm broken/fib/new/sample.json
pg baseline save broken broken
expect_status 2 "criterion: a missing sample.json"
expect_in err "broken/fib/new/sample.json': missing" "criterion: the missing file is named"
mkdir -p empty/report
pg compare empty "$criterion/after"
expect_status 2 "criterion: a folder without benchmarks"
expect_in err "'empty': not a criterion output folder: expected <benchmark>/new/benchmark.json" \
  "criterion: what was expected is said"

# pytest-benchmark: `after` is a run in which test_fib does 4.5x the work.
pg compare "$pytest/before.json" "$pytest/after.json"
expect_status 1 "pytest-benchmark: a real regression fails the gate"
expect_line out '^test_fixture\.py::test_fib +time +[0-9.]+ µs +[0-9.]+ µs .*regressed \(blocker\)$' \
  "pytest-benchmark: ids are the tests' full names, every round a sample"
pg baseline save py "$pytest/before.json"
expect_status 0 "pytest-benchmark: baseline save"
expect_eq "$(json .perfgate/baselines/py.json '.benchmarks[0].metrics.time.samples | length')" "15" \
  "pytest-benchmark: the raw data is kept"
pg compare "$pytest/summary.json" "$pytest/summary.json"
expect_status 0 "pytest-benchmark: a file without raw data"
expect_line out '^test_fixture\.py::test_fib +median_time .* inconclusive \(too few samples\)$' \
  "pytest-benchmark: without raw data, the medians are compared but not judged"
expect_in out "hold only a summary (saved without --benchmark-save-data)" \
  "pytest-benchmark: the report says what cannot be judged"
expect_not_in out "single launch" "and does not also warn about repetitions it does not have"
jq '.benchmarks[1].stats.data[3] = "slow"' "$pytest/before.json" >bad-pytest.json
pg compare bad-pytest.json "$pytest/after.json"
expect_status 2 "pytest-benchmark: a round that is not a number"
expect_in err "bad-pytest.json': benchmarks[1].stats.data[3]: expected a finite, non-negative number" \
  "pytest-benchmark: the file and JSON path are named"

# perfgate-samples/1 files given to compare.
pg compare "$fixtures/samples/loadgen.json" "$fixtures/samples/loadgen.json"
expect_status 0 "samples: a file against itself"
expect_line out '^query +latency ' "samples: every metric of a samples file is gated (latency)"
expect_line out '^query +errors ' "samples: every metric of a samples file is gated (errors)"
jq '.benchmarks[0].metrics[1].unit = "rps"' "$fixtures/samples/loadgen.json" >bad-unit.json
pg compare bad-unit.json "$fixtures/samples/loadgen.json"
expect_status 2 "samples: an unknown unit"
expect_in err "bad-unit.json': benchmarks[0].metrics[1].unit: unknown unit 'rps': expected s, ms" \
  "samples: the unit and what is expected are named"

# kind = "samples": fixed numbers, scaled by $SCALE, so the verdict is data, not timing.
mkdir project
cd project || exit 1
cat >fixed.sh <<'SCRIPT'
#!/bin/sh
awk -v s="${SCALE:-1}" 'BEGIN {
  printf "{\"schema\": \"perfgate-samples/1\", \"benchmarks\": [{\"id\": \"query\", \"metrics\": ["
  printf "{\"name\": \"latency\", \"unit\": \"ms\", \"better\": \"lower\", \"samples\": ["
  for (i = 0; i < 20; i++) printf "%s%.3f", (i ? ", " : ""), s * (4 + (i % 5) * 0.1)
  print "]}]}]}"
}' >"$PERFGATE_SAMPLES"
SCRIPT
echo hello >page.html
cat >perfgate.toml <<TOML
[[benchmark]]
name = "query"
kind = "samples"
command = ["sh", "fixed.sh"]

[[benchmark]]
name = "timed"
kind = "samples"
command = ["sh", "$fixtures/samples/time_command.sh", "true", "5", "true"]

[[benchmark]]
name = "loadgen"
kind = "samples"
command = "python3 '$fixtures/samples/loadgen.py' 'file://$PWD/page.html' 20"
TOML
pg list
expect_status 0 "samples: list"
expect_line out '^query/\* +samples +sh fixed\.sh$' "samples: list shows the entry"
pg run --save-baseline main
expect_status 0 "samples: the first run saves the baseline"
results=.perfgate/last/results.json
expect_eq "$(json $results '[.benchmarks[].id] | join(",")')" "query/query,timed/true,loadgen/fetch" \
  "samples: ids are NAME/<id in the file>"
expect_eq "$(json $results '.benchmarks[0].metrics.latency | "\(.unit) \(.samples | length) \(.samples[0])"')" \
  "s 20 0.004" "samples: milliseconds are kept as seconds"
expect_eq "$(json $results '.benchmarks[1].metrics.time.samples | length')" "5" \
  "samples: the shell writer's five runs"
expect_eq "$(json $results '.benchmarks[2].metrics | keys | join(",")')" "errors,latency,throughput" \
  "samples: the Python load generator's metrics"
expect_eq "$(json $results '.benchmarks[2].metrics.errors.samples[0]')" "0" \
  "samples: every request of the load generator succeeded"
SCALE=2 pg run --filter '^query/'
expect_status 1 "samples: a doubled latency fails the gate"
expect_line out '^query/query +latency +[0-9.]+ ms +[0-9.]+ ms +\+100\.0% .*regressed \(blocker\)$' \
  "samples: the regression is reported"

cat >failing.toml <<'TOML'
[[benchmark]]
name = "down"
kind = "samples"
command = "echo 'connection refused' >&2; exit 7"

[[benchmark]]
name = "negative"
kind = "samples"
command = """printf '{"schema": "perfgate-samples/1", "benchmarks": [{"id": "q", "metrics": [{"name": "t", "unit": "s", "better": "lower", "samples": [1, -1]}]}]}' >"$PERFGATE_SAMPLES" """
TOML
pg run --config failing.toml
expect_status 3 "samples: a failing command is a broken run"
expect_in err "benchmark 'down' failed: 'echo 'connection refused' >&2; exit 7' ended with exit code 7 (connection refused)" \
  "samples: the command and its exit are named"
expect_in err "benchmark 'negative' failed:" "samples: a malformed file fails its benchmark"
expect_in err "wrote results perfgate cannot read: '\$PERFGATE_SAMPLES': benchmarks[0].metrics[0].samples[1]: expected a finite, non-negative number, not -1" \
  "samples: the JSON path of the negative sample is named"

finish
