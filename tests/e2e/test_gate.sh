# The regression gate on a real Google Benchmark program whose time grows with an environment
# variable: itself passes, doubled time is a blocker (1), a crash is a broken run (3).
# Note: gate_bench reports the times it is told to (UseManualTime), so that no verdict here
# depends on the machine's load.
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
cat >perfgate.toml <<TOML
[discover]
paths = ["$fixtures"]
include = ["gate_bench"]
repetitions = 10
min_time = "0.02s"

[gate]
# Doubling is +100%, a blocker; the benchmarks' own spread is under 4%.
warning = "25%"
critical = "40%"
blocker = "60%"
TOML

pg run --save-baseline main
expect_status 0 "first run, saved as the baseline"
expect_in err "saved as baseline 'main'" "says it saved the baseline"
expect_not_in err "no baseline 'main' to compare with yet" "no 'no baseline' note while saving one"
expect_eq "$(json .perfgate/baselines/main.json .schema)" "perfgate-results/1" "the baseline is stored"

pg run
expect_status 0 "the same build against itself"
expect_in out "gate: passed" "the gate line"
comparison=.perfgate/last/comparison.json
expect_eq "$(json "$comparison" .schema)" "perfgate-comparison/1" "comparison.json is written"
expect_eq "$(json "$comparison" .gate.exit_code)" "0" "the comparison records the exit code"
expect_eq "$(json "$comparison" '[.benchmarks[].id] | join(",")')" \
  "gate_bench/BM_Work/manual_time,gate_bench/BM_Steady/manual_time" "every benchmark is compared"

PERFGATE_FIXTURE_WORK=2 pg run
expect_status 1 "doubled work fails the gate"
expect_in out "regressed (blocker)" "a blocker regression"
expect_in out "gate: FAILED (fail-on blocker)" "the gate line says FAILED"
expect_eq "$(json "$comparison" '.benchmarks[] | select(.id == "gate_bench/BM_Work/manual_time") | .verdict + "/" + .level')" \
  "regressed/blocker" "the verdict in comparison.json"
expect_eq "$(json "$comparison" '.benchmarks[] | select(.id == "gate_bench/BM_Work/manual_time") | .change > 0.6')" \
  "true" "the change is above the blocker threshold"
expect_eq "$(json "$comparison" '.benchmarks[] | select(.id == "gate_bench/BM_Work/manual_time") | .p_value < 0.05')" \
  "true" "and significant"
regressed_run=$(readlink -f .perfgate/last)/results.json

PERFGATE_FIXTURE_WORK=2 pg run --fail-on never
expect_status 0 "--fail-on never reports but does not fail"
expect_in out "regressed" "the regression is still shown"

PERFGATE_FIXTURE_CRASH=BM_Work pg run
expect_status 3 "a crash is a broken run, not a regression"
expect_in out "gate: BROKEN RUN" "the gate line says broken"

# compare: the same two files, without running anything.
pg compare .perfgate/baselines/main.json "$regressed_run"
expect_status 1 "compare finds the regression"
pg compare .perfgate/baselines/main.json .perfgate/baselines/main.json
expect_status 0 "a file against itself"
expect_in out "2 unchanged" "nothing changed"

# A budget is judged on the current run alone; a new benchmark has no baseline.
cat >>perfgate.toml <<TOML

[[benchmark]]
name = "wl"
kind = "google-benchmark"
command = ["$fixtures/gate_bench"]
budget = "1ns"
TOML
pg run --filter '^wl/BM_Steady'
expect_status 1 "a budget breach fails the gate"
expect_in out "BREACHED" "the breach is shown"
expect_in out "new" "a benchmark missing from the baseline is new"

# Baselines: names, listing, showing, deleting, refusing failed runs.
before=$(md5sum .perfgate/baselines/main.json)
PERFGATE_FIXTURE_CRASH=BM_Work pg run --filter '^wl/' --save-baseline main
expect_status 3 "a failing run with --save-baseline"
expect_in err "not saved as baseline 'main'" "it is not saved"
expect_eq "$(md5sum .perfgate/baselines/main.json)" "$before" "the baseline is untouched"

pg run --save-baseline ../escape
expect_status 2 "a baseline name that is not a plain file name"
expect_in err "invalid baseline name '../escape'" "the name is refused"

pg run --baseline nope
expect_status 2 "--baseline naming nothing"
expect_in err "baseline 'nope' does not exist" "says so"
expect_in err "available: main" "lists the ones that exist"

pg baseline save second "$regressed_run"
expect_status 0 "baseline save NAME RESULTS"
pg baseline list
expect_status 0 "baseline list"
expect_in out "main" "lists main"
expect_in out "second" "lists second"
pg baseline show second
expect_status 0 "baseline show"
expect_in out "gate_bench/BM_Work/manual_time" "shows its benchmarks"
pg baseline delete second
expect_status 0 "baseline delete"
expect_true "the file is gone" test ! -e .perfgate/baselines/second.json
pg baseline delete second
expect_status 2 "deleting it again"

finish
