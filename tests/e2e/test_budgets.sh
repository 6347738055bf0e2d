#!/usr/bin/env bash
# Budgets on any metric and statistic, metric directions, required improvements, profiles and
# report settings. Outcomes never depend on the machine's speed: limits are far from what the
# commands can take, and the compared results are constructed files.
. "$(dirname "$0")/lib.sh"

# results FILE ID SOURCE METRIC UNIT BETTER SAMPLES...: a perfgate-results/1 file with one
# benchmark and one metric.
results() {
  local file=$1 id=$2 source=$3 metric=$4 unit=$5 better=$6
  shift 6
  local samples
  samples=$(printf '%s,' "$@")
  cat >"$file" <<EOF
{"schema": "perfgate-results/1", "benchmarks": [
  {"id": "$id", "source": "$source", "status": "ok",
   "metrics": {"$metric": {"unit": "$unit", "better": "$better", "samples": [${samples%,}]}}}]}
EOF
}

# --- Peak memory of `true`: far under 500MB, far over 1kB; with and without a baseline.
cat >perfgate.toml <<'EOF'
[run]
warmup = 0
min_runs = 3
max_runs = 3
min_time = 0

[[benchmark]]
name = "true"
command = "true"

[[budget]]
match = "true"
metric = "peak_rss"
max = "500MB"
EOF
pg run
expect_status 0 "peak_rss of true is under 500MB"
expect_in out "budget: 'true' peak_rss: median " "the budget is shown without a baseline"
expect_in out " ≤ 500MB: " "with the limit as written"
expect_in out "gate: passed (fail-on blocker)" "and the gate line"
expect_in out "Peak RSS" "the run table shows the peak RSS measured"
comparison=.perfgate/last/comparison.json
expect_eq "$(json "$comparison" '.benchmarks[] | select(.metric == "peak_rss") | .role')" \
  "informational" "a budgeted metric that is not judged is shown for its budget"
expect_eq "$(json "$comparison" '.benchmarks[] | select(.metric == "peak_rss") | .budgets[0] | [.bound, .written, .statistic, .breached] | join(",")')" \
  "ceiling,500MB,median,false" "the budget in comparison.json"

sed -i 's/max = "500MB"/max = "1kB"/' perfgate.toml
pg run
expect_status 1 "a breach fails without a baseline"
expect_in out "budget: 'true' peak_rss: median " "the breach is shown"
expect_in out " > 1kB: BREACHED (blocker) (" "as breached, at its level"
expect_in out "perfgate.toml:11)" "with where the budget is set"
expect_in out "gate: FAILED (fail-on blocker): 1 budget breach at or above blocker" "the gate line"
expect_eq "$(json .perfgate/last/comparison.json .totals.budget_breaches)" "1" "counted"

pg report .perfgate/last/comparison.json
expect_status 1 "a saved comparison is judged again: the breach still fails"

pg run --save-baseline main
expect_status 1 "saving a baseline does not hide the breach"
pg run
expect_status 1 "a breach fails with a baseline too"
expect_in out "BREACHED" "shown in the comparison table"

sed -i 's/max = "1kB"/max = "1kB"\nlevel = "warning"/' perfgate.toml
pg run --baseline main
expect_status 0 "a breach at warning passes a blocker gate"
expect_in out "BREACHED (warning)" "and is reported at its level"
pg run --baseline main --fail-on warning
expect_status 1 "and fails a warning gate"
rm -rf .perfgate

# --- Wall time of `sleep 0.01`: a shorthand far above, budgets far below; several at once.
cat >perfgate.toml <<'EOF'
[run]
warmup = 0
min_runs = 3
max_runs = 3
min_time = 0

[[benchmark]]
name = "nap"
command = ["sleep", "0.01"]
budget = "10s"

[[budget]]
match = "nap"
statistic = "p95"
max = "2s"
min = "1ms"
EOF
pg run
expect_status 0 "far under 10s and 2s, far over 1ms"
expect_in out "budget: 'nap' wall: p95 " "the p95 budget"
expect_in out " ≤ 2s: " "its ceiling"
expect_in out " ≥ 1ms: " "its floor"
expect_in out "budget: 'nap' wall: median " "the shorthand's median"
expect_in out " ≤ 10s: " "its limit"

printf '\n[[budget]]\nmatch = "n*"\nmin = "1h"\n' >>perfgate.toml
pg run
expect_status 1 "a floor of an hour is breached"
expect_in out " < 1h: BREACHED (blocker)" "a floor breach"

# --- Bad budgets: exit 2 naming the file, the position and what was expected.
cat >perfgate.toml <<'EOF'
[[benchmark]]
name = "nap"
command = ["sleep", "0.01"]

[[budget]]
match = "nap"
max = "500 parsecs"
EOF
pg run --runs 2
expect_status 2 "an unknown unit"
expect_in err "perfgate.toml:7:7: invalid value '500 parsecs' for 'max' in [[budget]]: unknown unit 'parsecs'; expected a time" \
  "names file, line, column, key and the units it takes"

cat >perfgate.toml <<'EOF'
[[benchmark]]
name = "nap"
command = ["sleep", "0.01"]
budget = "500MB"
EOF
pg run --runs 2
expect_status 2 "the shorthand is a time"
expect_in err "perfgate.toml:4:10: 'budget' in [[benchmark]] is a ceiling on wall time, and '500MB' is a size in bytes" \
  "and says where to limit memory"

cat >perfgate.toml <<'EOF'
[[benchmark]]
name = "nap"
command = ["sleep", "0.01"]

[[budget]]
match = "nap"
metric = "items_per_second"
min = "50/s"
EOF
pg run --runs 2 --warmup 0
expect_status 2 "a budget on a metric the benchmark lacks is an error, not silence"
expect_in err "perfgate.toml:5: the budget on 'items_per_second' cannot apply to 'nap': it has no such metric (it measures wall, user, sys, cpu, peak_rss)" \
  "naming the budget's line and the metrics there are"

cat >perfgate.toml <<'EOF'
[[benchmark]]
name = "nap"
command = ["sleep", "0.01"]

[[budget]]
match = "nap"
metric = "peak_rss"
max = "2s"
EOF
pg run --runs 2 --warmup 0
expect_status 2 "a unit that cannot apply to the metric"
expect_in err "perfgate.toml:5: 'max' = '2s' cannot limit 'peak_rss' of 'nap': '2s' is a time, and 'peak_rss' is a size in bytes (B)" \
  "says both"

# --- failures: recorded with --ignore-failure, so "any failure fails" can be said.
cat >perfgate.toml <<'EOF'
[[budget]]
match = "*"
metric = "failures"
statistic = "max"
max = 0
EOF
pg run --runs 3 --warmup 0 -i 'sh -c "exit 1"'
expect_status 1 "a failing run breaches max = 0 on failures"
expect_in out "budget: 'sh -c \"exit 1\"' failures: max 1 > 0: BREACHED (blocker)" "shown"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].metrics.failures.samples | join(",")')" \
  "1,1,1" "one per failed run"
pg run --runs 3 --warmup 0 -i true
expect_status 0 "no failure: within the budget"
pg run --runs 3 --warmup 0 true
expect_status 2 "without --ignore-failure there is no failures metric"
expect_in err "commands record 'failures' with --ignore-failure" "and the error says how to get it"

cat >perfgate.toml <<'EOF'
[[budget]]
match = "*"
metric = "failures"
statistic = "mean"
max = "5%"
EOF
pg run --runs 4 --warmup 0 -i 'sh -c "exit 1"'
expect_status 1 "an error rate above 5%"
expect_in out "failures: mean 100% > 5%: BREACHED" "shown in percent, as written"

# --- A floor on a rate and a thin headroom, on constructed results.
cat >perfgate.toml <<'EOF'
[[budget]]
match = "loadgen"
metric = "requests_per_second"
min = "50/s"
warn_headroom = "20%"
EOF
results slow.json loadgen command requests_per_second 1/s higher 40 41 42 39
pg report slow.json
expect_status 1 "40 requests/s breaches a floor of 50/s"
expect_in out "median 40.5 1/s < 50/s: BREACHED (blocker)" "the floor breach"
results close.json loadgen command requests_per_second 1/s higher 55 55 56 54
pg report close.json
expect_status 0 "55 requests/s is within 50/s"
expect_in out "only 10% headroom (warns below 20%)" "but closer than warn_headroom"
expect_in out "1 close to budget" "counted"
results fast.json loadgen command requests_per_second 1/s higher 90 91 89 90
pg report fast.json
expect_status 0 "90 requests/s"
expect_not_in out "close to budget" "far from the floor"

# --- Directions: a hit rate falling from 0.6 to 0.4 is a regression.
rm perfgate.toml
results before.json cache_bench/BM_Lookup google-benchmark hit_rate "" lower 0.60 0.61 0.59 0.60 0.62 0.58
results after.json cache_bench/BM_Lookup google-benchmark hit_rate "" lower 0.40 0.41 0.39 0.40 0.42 0.38
pg compare before.json after.json --metric hit_rate --fail-on critical
expect_status 1 "a hit rate's name makes it higher-is-better"
expect_in out "regressed (critical)" "0.6 -> 0.4 is a regression"
cat >perfgate.toml <<'EOF'
[[policy]]
match = "cache_bench/*"
metrics = ["hit_rate"]
better = "lower"
EOF
pg compare before.json after.json --fail-on critical
expect_status 0 "[[policy]] better overrides the name"
expect_in out "improved" "and the same change is an improvement"
cat >perfgate.toml <<'EOF'
[[policy]]
match = "cache_bench/*"
metrics = ["hit_rate"]
unit = "MB"
EOF
pg compare before.json after.json
expect_status 2 "an unknown unit in [[policy]]"
expect_in err "perfgate.toml:4:8: invalid value 'MB' for 'unit' in [[policy]]" "names file and line"

# --- Required improvements and "must not drop more than 10%".
cat >perfgate.toml <<'EOF'
[[policy]]
match = "app"
metrics = ["wall"]
blocker = "-30%"
EOF
results base.json app command wall s lower 1.00 1.01 0.99 1.00 1.02 0.98
results head.json app command wall s lower 0.90 0.91 0.89 0.90 0.92 0.88
pg compare base.json head.json
expect_status 1 "10% faster falls short of at least 30% faster"
expect_in out "required a change of at most -30.0% (blocker), measured -10.0%" "the note"
results head.json app command wall s lower 0.50 0.51 0.49 0.50 0.52 0.48
pg compare base.json head.json
expect_status 0 "50% faster meets it"
expect_in out "improved" "an improvement"
cat >perfgate.toml <<'EOF'
[[policy]]
match = "api"
metrics = ["throughput"]
warning = "10%"

[gate]
fail_on = "warning"
EOF
results base.json api command throughput 1/s higher 100 101 99 100 102 98
results head.json api command throughput 1/s higher 85 86 84 85 87 83
pg compare base.json head.json
expect_status 1 "throughput dropping 15% fails a 10% limit"
expect_in out "regressed (warning)" "at warning"
results head.json api command throughput 1/s higher 95 96 94 95 97 93
pg compare base.json head.json
expect_status 0 "a 5% drop is within it"
cat >perfgate.toml <<'EOF'
[gate]
warning = "-30%"
blocker = "-40%"
EOF
pg compare base.json head.json
expect_status 2 "required improvements must ask the most at warning"
expect_in err "perfgate.toml:3:11: 'blocker' (-40%) in [gate] must not be below" "names the line"

# --- Profiles, --stats and [report].
cat >perfgate.toml <<'EOF'
[run]
warmup = 0
min_runs = 5
max_runs = 5
min_time = 0

[[benchmark]]
name = "fast"
command = "true"

[[benchmark]]
name = "other"
command = ["sleep", "0.001"]

[profile.quick]
min_runs = 2
max_runs = 2
filter = "^fast$"

[report]
formats = ["console", "markdown"]
stats = ["p95"]
EOF
pg run --profile quick
expect_status 0 "the quick profile"
expect_eq "$(json .perfgate/last/results.json '[.benchmarks[].id] | join(",")')" "fast" "its filter"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples | length')" "2" \
  "its runs"
expect_in out "p95" "[report].stats adds a column"
expect_true "[report].formats writes the Markdown report" test -f .perfgate/last/report.md
pg run --profile quick --filter other --runs 3 --stats p50,p99
expect_status 0 "flags override the profile"
expect_eq "$(json .perfgate/last/results.json '[.benchmarks[].id] | join(",")')" "other" "the --filter"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples | length')" "3" \
  "the --runs"
expect_in out "p99" "--stats replaces [report].stats"
pg run --profile nightly
expect_status 2 "an unknown profile"
expect_in err "unknown profile 'nightly': " "is named"
expect_in err "perfgate.toml defines quick" "with the ones there are"
pg run --stats p42
expect_status 2 "an unknown statistic"
expect_in err "unknown statistic 'p42': expected mean, median, p50, p90, p95, p99, min or max" "says which"

# The comparison reports show the statistics too.
pg run --profile quick --save-baseline main
pg run --profile quick --stats p50,p99 --format console,markdown,html
expect_status 0 "compared with the baseline"
expect_true "the console table has the columns" grep -q 'Current  *p50  *p99' "$WORK/out"
expect_true "the Markdown table too" grep -q '| Current | p50 | p99 |' .perfgate/last/report.md
expect_true "and the HTML one" grep -q '<th data-sort="number" class="num" scope="col">p99</th>' \
  .perfgate/last/report.html

finish
