# perfgate run with ad-hoc commands: the table, results.json, .perfgate/last and the exports.
. "$(dirname "$0")/lib.sh"

pg run --runs 3 --warmup 1 --export-json hf.json --export-markdown hf.md 'sleep 0.02' 'sleep 0.01'
expect_status 0 "two commands"
expect_in out "Benchmark" "table header"
expect_in out "sleep 0.02" "first command in the table"
expect_in out "sleep 0.01" "second command in the table"
expect_in out "Relative" "several commands show relative speed"
expect_in out "1.00" "the fastest is 1.00"
expect_in err "results: " "says where results went"

results=.perfgate/last/results.json
expect_true "last points at a run" test -f "$results"
expect_eq "$(json "$results" .schema)" "perfgate-results/1" "schema"
expect_eq "$(json "$results" '.benchmarks | length')" "2" "two benchmarks"
expect_eq "$(json "$results" '.benchmarks[0].id')" "sleep 0.02" "ids keep the given order"
expect_eq "$(json "$results" '.benchmarks[0].metrics.wall.samples | length')" "3" "--runs 3 gives 3 samples"
expect_eq "$(json "$results" '.benchmarks[0].metrics | keys_unsorted | join(",")')" \
  "wall,user,sys,cpu,peak_rss" "every command metric"
expect_eq "$(json "$results" '.benchmarks[0].exit_codes | join(",")')" "0,0,0" "exit codes per run"
expect_eq "$(json "$results" '.benchmarks[0].command | join(" ")')" "sleep 0.02" "run directly, no shell"
expect_eq "$(json "$results" '[.benchmarks[].metrics.wall.samples[] | select(. >= 0.01)] | length')" "6" \
  "wall times are at least the sleep"
expect_eq "$(json "$results" '.benchmarks[1].metrics.wall.summary.n')" "3" "summary stored"
expect_eq "$(json "$results" '.environment.cpus > 0')" "true" "environment fingerprint"

expect_eq "$(json hf.json '.results | length')" "2" "hyperfine JSON has both"
expect_eq "$(json hf.json '.results[1].command')" "sleep 0.01" "hyperfine JSON command"
expect_eq "$(json hf.json '.results[1].times | length')" "3" "hyperfine JSON times"
expect_eq "$(json hf.json '.results[0] | has("mean") and has("stddev") and has("median") and has("user") and has("system") and has("min") and has("max") and has("exit_codes")')" \
  "true" "hyperfine JSON fields"
expect_true "hyperfine Markdown header" grep -q '^| Command | Mean \[ms\] | Min \[ms\] | Max \[ms\] | Relative |$' hf.md
expect_true "hyperfine Markdown row" grep -q '^| `sleep 0.01` | .* | 1.00 |$' hf.md

# A second run gets its own folder and moves `last`.
first=$(readlink .perfgate/last)
pg run --runs 2 --quiet 'true'
expect_status 0 "second run"
expect_true "a new run folder" test "$(readlink .perfgate/last)" != "$first"
expect_eq "$(find .perfgate/runs -mindepth 1 -maxdepth 1 | wc -l | tr -d ' ')" "2" "runs are kept"
expect_eq "$(wc -c <"$WORK/err" | tr -d ' ')" "0" "--quiet prints nothing on stderr"

# Precision: stops at the first run that makes the median's 95% interval tight (or at max-runs),
# whatever --min-time says.
# Note: how many runs that takes depends on the machine's load; that sampling stopped at the
# first run whose samples were precise enough does not. `precise` is core/stats.cpp's rule: the
# order statistics that bound the median's interval, and the median NumPy computes.
pg run --precision 20% --min-runs 5 --max-runs 300 --min-time 100s --warmup 0 'sleep 0.005'
expect_status 0 "--precision"
stopped=$(json .perfgate/last/results.json '
  def precise($p):
    sort as $s | length as $n
    | (1.959963984540054 * ($n | sqrt) / 2) as $h
    | ([([($n / 2 - $h) | floor, 1] | max), $n] | min) as $lo
    | ([([($n / 2 + 1 + $h) | ceil, 1] | max), $n] | min) as $hi
    | (($n - 1) / 2) as $at | ($at | floor) as $l | ([$l + 1, $n - 1] | min) as $u
    | (if $at - $l < 0.5 then $s[$l] else $s[$u] - ($s[$u] - $s[$l]) / 2 end) as $median
    | $median > 0 and ($s[$hi - 1] - $s[$lo - 1]) / 2 <= $p * $median;
  .benchmarks[0].metrics.wall.samples as $w | ($w | length) as $n
  | $n >= 5 and ($n == 300 or ($w | precise(0.2)))
    and all(range(5; $n); . as $k | $w[:$k] | precise(0.2) | not)')
expect_eq "$stopped" "true" "--precision stops at the first run whose median is precise enough"

# min_time and the run bounds.
pg run --min-time 0.2s --min-runs 2 --max-runs 1000 --warmup 0 'sleep 0.02'
# Note: how many runs that takes depends on the machine's load; that sampling stopped at the
# first run that brought the measured time to 0.2 s does not.
stopped=$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples
  | (add >= 0.2) and (.[:-1] | add < 0.2) and (length <= 11)')
expect_eq "$stopped" "true" "--min-time keeps sampling until 0.2 s are measured, then stops"
pg run --min-time 10s --min-runs 2 --max-runs 4 --warmup 0 'true'
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples | length')" "4" \
  "--max-runs caps sampling"

finish
