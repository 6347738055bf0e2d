# SIGINT during a run: children are killed, partial results are written, exit 130.
. "$(dirname "$0")/lib.sh"

marker=$((RANDOM + 40000)).5
"$PERFGATE" run --runs 5 --warmup 0 "sleep $marker" 'true' >"$WORK/out" 2>"$WORK/err" </dev/null &
pid=$!
for _ in $(seq 100); do
  pgrep -f "^sleep $marker" >/dev/null && break
  sleep 0.1
done
expect_true "the benchmark started" pgrep -f "^sleep $marker"
kill -INT "$pid"
wait "$pid"
status=$?
expect_status 130 "interrupted"
expect_true "no child is left" no_process "sleep $marker"
expect_in err "interrupted" "says it was interrupted"
results=.perfgate/last/results.json
expect_true "partial results are written" test -f "$results"
expect_eq "$(json "$results" '.benchmarks[0].status')" "interrupted" "status interrupted"

finish
