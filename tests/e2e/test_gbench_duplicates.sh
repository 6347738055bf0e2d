# A Google Benchmark program that registers one name twice (duplicate_bench, built with the
# real library): each registration gets a stable distinct id, said in a warning; no phantom
# "new" in a comparison, no doubled samples.
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
cat >perfgate.toml <<TOML
[discover]
paths = ["$fixtures"]
include = ["duplicate_bench"]
launches = 2
repetitions = 2
min_time = "0.001s"
TOML
results=.perfgate/last/results.json

pg list
expect_status 0 "list"
expect_in out "duplicate_bench/BM_Same#2" "the second registration has its own id"
expect_in err "lists 'BM_Same' 2 times: the others are 'duplicate_bench/BM_Same#2'" "said in a warning"

pg run --save-baseline main
expect_status 0 "run"
expect_eq "$(json "$results" '[.benchmarks[].id] | join(",")')" \
  "duplicate_bench/BM_Same,duplicate_bench/BM_Same#2,duplicate_bench/BM_Arg/8,duplicate_bench/BM_Arg/8#2" \
  "four distinct ids in registration order"
expect_eq "$(json "$results" '[.benchmarks[].metrics.real_time.samples | length] | join(",")')" \
  "4,4,4,4" "2 launches x 2 repetitions each, not doubled"
expect_in err "lists 'BM_Arg/8' 2 times" "run warns too"

pg run --fail-on never
expect_status 0 "compared with its own baseline"
expect_not_in out " new" "no phantom new benchmark"
expect_not_in out "missing" "nothing missing"

finish
