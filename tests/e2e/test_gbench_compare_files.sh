# compare.py habits: two Google Benchmark files are compared by the program named in their
# context, not by their file names, and two files of one program each are matched.
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
for side in before after; do
  "$fixtures/plain_bench" --benchmark_filter=BM_Empty --benchmark_repetitions=3 \
    --benchmark_min_time=0.001 --benchmark_out=$side.json --benchmark_out_format=json \
    >/dev/null 2>&1
done
pg compare before.json after.json --fail-on never
expect_status 0 "two files of one program"
expect_in out "plain_bench/BM_Empty" "ids come from the program in the context"
expect_not_in out "before/BM_Empty" "not from the file name"

# Two programs, one each: matched benchmark by benchmark.
sed 's|plain_bench"|other_bench"|' after.json >other.json
pg compare before.json other.json --fail-on never
expect_status 0 "files naming different programs"
expect_not_in err "no benchmark in common" "they are matched"
expect_not_in out " new" "nothing is new"

finish
