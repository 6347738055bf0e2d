# What a benchmark starts never outlives its run: background children of a normal exit, daemons
# that left the process group with setsid (at a timeout too), and the running child when
# perfgate is hung up on or killed outright.
. "$(dirname "$0")/lib.sh"

# Durations unique to this test, so that no other sleep is mistaken for ours.
base=$((RANDOM + 50000))

# gone PATTERN: no process matches PATTERN, waiting up to ten seconds for killed ones to go.
gone() {
  for _ in $(seq 100); do
    no_process "$1" && return 0
    sleep 0.1
  done
  return 1
}

# started PATTERN: a process matching PATTERN appears within thirty seconds.
started() {
  for _ in $(seq 300); do
    pgrep -f -- "$1" >/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# kill_left PATTERN: end what a failed check left behind, by pid.
kill_left() {
  local pid
  for pid in $(pgrep -f -- "$1"); do kill -KILL "$pid" 2>/dev/null; done
}

marker="sleep $base.1"
pg run --runs 2 --warmup 0 "sh -c '$marker & exit 0'"
expect_status 0 "a command that leaves a background child"
expect_true "the background child is killed when the run ends" gone "^$marker"
kill_left "^$marker"

marker="sleep $base.2"
pg run --runs 2 --warmup 0 "sh -c 'setsid $marker & exit 0'"
expect_status 0 "a command that leaves a daemon in a session of its own"
expect_true "the setsid daemon is killed when the run ends" gone "^$marker"
kill_left "^$marker"

marker="sleep $base.3"
pg run --runs 1 --warmup 0 --timeout 1s "sh -c 'setsid $marker & $marker'"
expect_status 3 "a command past its timeout with a setsid daemon"
expect_true "the setsid daemon is killed after the timeout" gone "^$marker"
kill_left "^$marker"

for signal in HUP TERM; do
  marker="sleep $base.4$((${#signal}))"
  "$PERFGATE" run --runs 3 --warmup 0 "$marker" >"$WORK/out" 2>"$WORK/err" </dev/null &
  pid=$!
  expect_true "the benchmark started" started "^$marker"
  kill -"$signal" "$pid"
  wait "$pid"
  status=$?
  expect_status 130 "SIG$signal is handled like Ctrl-C"
  expect_true "SIG$signal: the running child is killed" gone "^$marker"
  expect_in err "interrupted" "SIG$signal: says it was interrupted"
  expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].status')" "interrupted" \
    "SIG$signal: partial results are written"
  kill_left "^$marker"
done

marker="sleep $base.5"
"$PERFGATE" run --runs 3 --warmup 0 "$marker" >"$WORK/out" 2>"$WORK/err" </dev/null &
pid=$!
expect_true "the benchmark started" started "^$marker"
kill -KILL "$pid"
wait "$pid"
expect_true "the running child dies with a killed perfgate" gone "^$marker"
kill_left "^$marker"

finish
