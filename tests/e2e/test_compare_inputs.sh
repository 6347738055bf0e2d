# perfgate compare on files: other tools' formats, and bad input (exit 2, file and position
# named, nothing changed).
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
"$fixtures/plain_bench" --benchmark_out=gbench.json --benchmark_out_format=json \
  --benchmark_repetitions=5 --benchmark_min_time=0.01 >/dev/null 2>&1
pg run --runs 6 --export-json hyperfine.json 'sleep 0.001'
cp .perfgate/last/results.json perfgate.json

pg compare gbench.json gbench.json
expect_status 0 "Google Benchmark JSON against itself"
expect_in out "plain_bench/BM_Empty" "ids come from the program in the context and run_name"
pg compare hyperfine.json perfgate.json
expect_status 0 "hyperfine JSON against perfgate results of the same command"
expect_in out "sleep 0.001" "the command is matched by name"
pg baseline save from-gbench gbench.json
expect_status 0 "baseline save accepts Google Benchmark JSON"

check_bad() { # FILE WHAT EXPECTED-TEXT
  local sum
  sum=$(md5sum "$1")
  pg compare "$1" perfgate.json
  expect_status 2 "$2"
  expect_in err "$3" "$2: message"
  expect_eq "$(md5sum "$1")" "$sum" "$2: the file is unchanged"
}
: >empty.json
check_bad empty.json "an empty file" "empty.json"
head -c 300 perfgate.json >truncated.json
check_bad truncated.json "a truncated file" "truncated.json:"
echo 'hello world' >text.json
check_bad text.json "not JSON" "text.json:1:"
jq '.schema = "perfgate-results/9"' perfgate.json >schema.json
check_bad schema.json "an unknown schema" "perfgate-results/9"
jq 'del(.benchmarks[0].metrics)' perfgate.json >fields.json
check_bad fields.json "a missing field" "benchmarks[0]"
echo '{"something": "else"}' >other.json
check_bad other.json "some other JSON" "not a results file"

pg compare gbench.json perfgate.json
expect_status 2 "no benchmark in common"
expect_in err "no benchmark in common" "said plainly"

jq '.benchmarks[0].metrics.wall.unit = "ms"' perfgate.json >units.json
pg compare perfgate.json units.json
expect_status 2 "units differ"
expect_in err "cannot be compared" "said plainly"

pg compare missing.json perfgate.json
expect_status 2 "a missing file"
expect_in err "missing.json" "the file is named"

# Results from another machine: a warning, or with --strict-env a refusal, for two results
# files and for a saved comparison alike, with the same words.
jq '.environment.host = "elsewhere"' perfgate.json >elsewhere.json
pg compare perfgate.json elsewhere.json --format json
expect_status 0 "another machine without --strict-env"
expect_eq "$(jq -r '.warnings[0]' comparison.json | grep -c "this run on host 'elsewhere'")" 1 \
  "the difference is a warning in the comparison"
pg compare perfgate.json elsewhere.json --strict-env
expect_status 2 "--strict-env refuses results from another machine"
expect_in err "--strict-env: the baseline was measured on host" "said plainly"
pg report comparison.json --strict-env
expect_status 2 "--strict-env refuses a saved comparison across machines"
expect_in err "--strict-env: comparison.json: the baseline was measured on host" "the file is named"
pg compare perfgate.json perfgate.json --strict-env
expect_status 0 "--strict-env accepts results from one machine"

finish
