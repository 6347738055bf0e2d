# Broken or hostile input is exit 2 naming the file and the field: never a crash, an internal
# error or an impossible number (issue 11: out-of-range numbers, impossible samples, wrong types).
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
"$fixtures/plain_bench" --benchmark_out=gbench.json --benchmark_out_format=json \
  --benchmark_repetitions=2 --benchmark_min_time=0.01 >/dev/null 2>&1
pg run --runs 3 --export-json hyperfine.json 'true'
cp .perfgate/last/results.json perfgate.json

# check_input FILE WHAT EXPECTED-TEXT: comparing FILE is exit 2 naming FILE and EXPECTED-TEXT.
check_input() {
  pg compare "$1" "$1"
  expect_status 2 "$2"
  expect_in err "$1" "$2: the file is named"
  expect_in err "$3" "$2: the problem is named"
  expect_not_in err "internal error" "$2: not an internal error"
}

# JSON nested 100,000 deep overflowed the stack (SIGSEGV) while it was copied.
{
  printf '{"schema": "perfgate-results/1", "benchmarks": [], "x": '
  head -c 100000 /dev/zero | tr '\0' '['
} >deep.json
check_input deep.json "deeply nested JSON" "nested deeper than 256 levels"

jq '.benchmarks[0].run_name = 7' gbench.json >gbench_type.json
check_input gbench_type.json "a Google Benchmark field of the wrong type" \
  "benchmarks[0].run_name: expected a string"
jq '.benchmarks[0].real_time = -46777' gbench.json >gbench_negative.json
check_input gbench_negative.json "a negative Google Benchmark time" \
  "benchmarks[0].real_time: expected a time of 0"
jq '.benchmarks[1].time_unit = "min"' gbench.json >gbench_unit.json
check_input gbench_unit.json "an unknown time_unit" "benchmarks[1].time_unit: unknown value 'min'"
sed 's/"cpu_time": [0-9.e+-]*/"cpu_time": Infinity/' gbench.json >gbench_infinity.json
check_input gbench_infinity.json "an infinite Google Benchmark time" "not Infinity"

jq '.results[0].memory_usage_byte = ["1 MB"]' hyperfine.json >hyperfine_type.json
check_input hyperfine_type.json "a hyperfine field of the wrong type" \
  "results[0].memory_usage_byte[0]: expected a number"
jq '.results[0].times[0] = 1e300' hyperfine.json >hyperfine_huge.json
check_input hyperfine_huge.json "an absurd hyperfine time" \
  "results[0].times[0]: 1e+300 s is out of range"

jq '.benchmarks[0].metrics.wall.samples[0] = -1' perfgate.json >perfgate_negative.json
check_input perfgate_negative.json "a negative time in a results file" \
  "benchmarks[0].metrics.wall.samples[0]"
jq '.environment.cpus = 99999999999' perfgate.json >perfgate_range.json
check_input perfgate_range.json "an integer out of range" \
  "environment.cpus: integer 99999999999 out of range"

# Flags and perfgate.toml share the parsers: absurd durations are refused before anything runs.
for flag in "--timeout 1e300s" "--timeout 300000000h" "--min-time 1e-300s"; do
  # shellcheck disable=SC2086 # the flag and its value are two words
  pg run $flag 'touch ran'
  expect_status 2 "$flag"
  expect_in err "out of range, expected 0 or from 1ns to 168h (7 days)" "$flag: the range is named"
  expect_true "$flag: nothing ran" test ! -e ran
done
printf '[run]\ntimeout = 1e300\n' >perfgate.toml
pg run 'touch ran'
expect_status 2 "timeout = 1e300 in perfgate.toml"
expect_in err "perfgate.toml:2:11: invalid duration '1e+300' for 'timeout' in [run]: out of range" \
  "the file, line and key are named"
expect_true "a timeout out of range runs nothing" test ! -e ran
rm perfgate.toml

finish
