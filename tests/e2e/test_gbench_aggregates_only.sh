# Google Benchmark files written with --benchmark_report_aggregates_only hold no repetitions:
# comparing them is an input error (exit 2) that says so and what to do, never an empty pass.
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
for side in before after; do
  "$fixtures/plain_bench" --benchmark_filter=BM_Empty --benchmark_repetitions=3 \
    --benchmark_min_time=0.001 --benchmark_report_aggregates_only=true \
    --benchmark_out=$side.json --benchmark_out_format=json >/dev/null 2>&1
done
pg compare before.json after.json
expect_status 2 "aggregates-only files"
expect_in err "before.json': only aggregates" "the file is named"
expect_in err "no per-repetition samples" "what is missing"
expect_in err "run the benchmarks again without it" "what to do"

finish
