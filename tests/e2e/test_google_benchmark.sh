# Google Benchmark programs built in the tree (tests/fixtures): discovery, `perfgate list`,
# running, ingestion, crashes and broken output.
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
cat >perfgate.toml <<TOML
[discover]
paths = ["$fixtures"]
launches = 2
repetitions = 3
min_time = "0.01s"
TOML

# list: what runs, and what was skipped with the reason.
pg list
expect_status 0 "list"
expect_in out "plain_bench/BM_VectorPush/8" "a benchmark with an argument"
expect_in out "features_bench/BM_Templated<int>" "a templated name"
expect_in out "features_bench/latency/disabled-at-runtime (global logger): x" "spaces, parentheses, colons"
expect_in out "hello_bench: not Google Benchmark" "a plain program is skipped"
expect_in out "notexec_bench: not executable" "a non-executable file is skipped"
expect_in out "script_bench: not an ELF program" "a script is skipped"
expect_in out "shared_bench: a shared library" "a shared library is skipped"
expect_in out "fail_bench: probe failed: exit code 1" "a failing probe is skipped"
expect_in out "hang_bench: probe timed out" "a hanging probe is killed and skipped"
expect_in out "pattern_bench: probe failed: exit code 1 (stdout: [error] Usage: " \
  "a program that takes its first argument as what to benchmark: skipped with its own message"
expect_in out "noisy_bench/BM_Quiet" "a program that prints lines of its own is listed"
expect_not_in out "noisy_bench/----" "but its own lines are not benchmarks"
expect_not_in out "noisy_bench/Testing" "none of them"
expect_in err "noisy_bench' prints lines of its own when listing, also when no benchmark is selected; they are not benchmarks and were left out: 'Testing ConsoleReporter Output', '-------'" \
  "and says so"
expect_not_in out "hidden_bench" "hidden folders are not entered"
expect_true "the hanging probe left no process" no_process "$fixtures/hang_bench"

pg list --json --filter 'plain_bench/BM_Vector'
expect_status 0 "list --json --filter"
expect_eq "$(json "$WORK/out" '[.benchmarks[].id] | join(",")')" \
  "plain_bench/BM_VectorPush/8,plain_bench/BM_VectorPush/64" "--filter narrows the list"
expect_eq "$(json "$WORK/out" '.benchmarks[0].source')" "google-benchmark" "source in JSON"
expect_eq "$(json "$WORK/out" '[.skipped[].reason] | length')" "7" "seven files skipped"

# From here on, skip the fixtures that exist to be skipped (the hanging probe costs 5 s a run).
sed -i 's/^min_time.*/&\nexclude = ["hang_bench", "fail_bench", "hello_bench", "pattern_bench"]/' perfgate.toml
pg list
expect_in out "hang_bench: excluded by 'hang_bench'" "exclude is honoured and said"

# run: each program is launched twice; repetitions become samples with their launch, the
# program's aggregates are dropped, counters kept.
pg run --filter '^(plain|features)_bench/'
expect_status 3 "a benchmark with SkipWithError fails the run"
results=.perfgate/last/results.json
b() { json "$results" ".benchmarks[] | select(.id == \"$1\") | $2"; }
expect_eq "$(json "$results" '.benchmarks | length')" "15" "every plain and features benchmark"
expect_eq "$(b plain_bench/BM_Empty '.metrics.real_time.samples | length')" "6" \
  "2 launches of 3 repetitions, no aggregates"
expect_eq "$(b plain_bench/BM_Empty '.metrics.real_time.launches | join(",")')" "0,0,0,1,1,1" \
  "each sample keeps its launch"
expect_eq "$(b plain_bench/BM_Empty '.metrics.real_time.unit')" "ns" "times in ns"
expect_eq "$(b plain_bench/BM_Empty '.executable')" "$fixtures/plain_bench" "the executable is kept"
expect_eq "$(b plain_bench/BM_Empty '.context | has("library_build_type")')" "true" "the context is kept"
expect_eq "$(b features_bench/BM_Millisecond '.metrics.real_time.samples[0] > 500000')" "true" \
  "a millisecond benchmark is converted to ns"
expect_eq "$(b features_bench/BM_Throughput '.metrics.items_per_second.better')" "higher" \
  "items_per_second: higher is better"
expect_eq "$(b features_bench/BM_Throughput '.metrics.bytes_per_second.unit')" "B/s" "bytes_per_second"
expect_eq "$(b features_bench/BM_Counters '.metrics.widgets.samples | join(",")')" "42,42,42,42,42,42" \
  "a user counter"
expect_eq "$(b features_bench/BM_Counters '.metrics | has("frobs")')" "true" "a rate counter"
expect_eq "$(b features_bench/BM_Error '.status')" "failed" "SkipWithError is a failure"
expect_eq "$(b features_bench/BM_Error '.message')" "fixture error: no input" "with its message"
expect_eq "$(b 'features_bench/latency/disabled-at-runtime (global logger): x' '.status')" "ok" \
  "an id with spaces, parentheses and a colon"
expect_in err "benchmark 'features_bench/BM_Error' failed: fixture error: no input" "the error is named"
expect_in out "features_bench/BM_Throughput" "the table lists Google Benchmark results"

# A program that aborts part-way: what finished is kept; the crash is pinned on its benchmark.
pg run --filter '^abort_bench/'
expect_status 3 "a crashing program"
expect_eq "$(b abort_bench/BM_A_First '.status')" "ok" "a benchmark before the crash is kept"
expect_eq "$(b abort_bench/BM_B_Second '.metrics.real_time.samples | length')" "6" "with its samples"
expect_eq "$(b abort_bench/BM_C_Crashes '.status')" "failed" "the crashing benchmark fails"
expect_in err "abort_bench' was killed by signal 6 (SIGABRT)" "the signal is named"

# Mixed: configured commands and discovered programs in one run; `kind = "google-benchmark"`
# entries get their own name as prefix.
cat >>perfgate.toml <<TOML
[[benchmark]]
name = "true"
command = "true"

[[benchmark]]
name = "wl"
kind = "google-benchmark"
command = ["$fixtures/workload_bench"]
TOML
pg run --filter '^(true|wl/)' --runs 2
expect_status 0 "commands and Google Benchmark programs together"
expect_eq "$(json "$results" '[.benchmarks[] | .id + ":" + .source] | join(",")')" \
  "true:command,wl/BM_Work:google-benchmark,wl/BM_Steady:google-benchmark" "both kinds, named"

# Broken output from a "program": a script that lists one benchmark but writes nothing, garbage
# or half a JSON document to --benchmark_out.
cat >fake.sh <<'SH'
#!/bin/sh
# Selecting no benchmark, the library lists none.
case "$*" in *'--benchmark_filter=^$'*) exit 0 ;; esac
for arg; do
  case $arg in
    --benchmark_list_tests=true) echo BM_Fake; exit 0 ;;
    --benchmark_out=*) out=${arg#--benchmark_out=} ;;
  esac
done
case $MODE in
  none) : >"$out" ;;
  garbage) echo 'this is not json' >"$out" ;;
  truncated) printf '{"context": {}, "benchmarks": [{"name": "BM_Fake", "run_name": "BM_Fake", "real_' >"$out" ;;
esac
exit 0
SH
chmod +x fake.sh
printf '[discover]\npaths = []\n[[benchmark]]\nname = "fake"\nkind = "google-benchmark"\ncommand = ["./fake.sh"]\n' \
  >perfgate.toml
for mode in none garbage truncated; do
  MODE=$mode pg run
  expect_status 3 "a program that exits 0 with $mode output"
  expect_in err "benchmark 'fake/BM_Fake' failed" "$mode output fails the benchmark"
  expect_in err "fake.sh" "$mode output names the program"
done

# Without a perfgate.toml, ./build is searched.
rm perfgate.toml
mkdir -p build/bench && cp "$fixtures/plain_bench" build/bench/
pg list
expect_status 0 "list without a configuration"
expect_in out "plain_bench/BM_Empty" "./build is searched by default"

# -v shows each program's command line, perfgate's flags included.
pg run -v --filter '^plain_bench/BM_Empty$' --fail-on never
expect_status 0 "a verbose run"
expect_in err "perfgate: 'plain_bench' runs " "-v names the program"
expect_in err "'--benchmark_filter=^(BM_Empty)\$'" "-v shows the exact filter"
expect_in err "--benchmark_repetitions=3" "-v shows the repetitions of each launch"
expect_in err "(launched 5 times)" "-v says how often it is launched"

finish
