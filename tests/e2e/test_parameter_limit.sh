# Parameter scans and lists make at most 10,000 benchmarks: a larger plan is refused before
# anything is built (no memory blow-up), and a plan at the limit still answers SIGTERM.
. "$(dirname "$0")/lib.sh"

# Note: 1 GiB of address space is far more than a refused plan needs and far less than the
# 30 million benchmarks it describes. AddressSanitizer reserves terabytes of address space up
# front, so a sanitised build runs without the limit.
memory_limit=1048576
if ldd "$PERFGATE" 2>/dev/null | grep -q libasan; then
  memory_limit=unlimited
fi
limited() {
  (ulimit -v "$memory_limit" && exec "$PERFGATE" "$@") >"$WORK/out" 2>"$WORK/err" </dev/null
  status=$?
}

limited run --runs 1 -P n 1 30000000 'echo {n}'
expect_status 2 "a scan of 30 million values"
expect_in err "parameter 'n' from 1 to 30000000 by 1 would make 30000000 benchmarks" \
  "the error says how many"
expect_in err "at most 10000 can come from parameters" "the error names the limit"
expect_true "nothing ran" test ! -e .perfgate/runs

limited run --runs 1 -P n 1 1e300 -D 1e-300 'echo {n}'
expect_status 2 "a scan too large to count in integers"

limited run --runs 1 -P a 1 1000 -P b 1 1000 'echo {a} {b}'
expect_status 2 "combinations past the limit"
limited run --runs 1 -L a "$(seq -s, 1 200)" -L b "$(seq -s, 1 200)" 'echo {a} {b}'
expect_status 2 "lists whose combinations pass the limit"
expect_in err "would make 40000 benchmarks" "the product is counted"
limited run --runs 1 -P n 1 4000 'echo a {n}' 'echo b {n}' 'echo c {n}'
expect_status 2 "three commands × 4000 values"
expect_in err "3 command(s) × 'n' (4000 values) would make 12000 benchmarks" \
  "commands count too"

limited run --runs 1 -P n 1 nan 'echo {n}'
expect_status 2 "a range that is not a number"

# At the limit the plan is made and run; SIGTERM stops it like Ctrl-C.
"$PERFGATE" run --runs 1 --warmup 0 --style basic -P n 1 10000 'sleep 0.0{n}' \
  >"$WORK/out" 2>"$WORK/err" </dev/null &
pid=$!
for _ in $(seq 300); do
  grep -q '^\[1/10000\]' "$WORK/err" && break
  sleep 0.1
done
expect_in err "[1/10000]" "a plan of 10000 benchmarks runs"
kill -TERM "$pid"
wait "$pid"
status=$?
expect_status 130 "SIGTERM during a plan at the limit"
expect_in err "interrupted" "says it was interrupted"

finish
