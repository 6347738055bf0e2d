# A hanging command is killed at --timeout with everything it started; the run exits 3.
. "$(dirname "$0")/lib.sh"

marker=$((RANDOM + 40000))
start=$(date +%s)
pg run --runs 2 --warmup 0 --timeout 1s "sh -c 'sleep $marker & sleep $marker; true'"
elapsed=$(($(date +%s) - start))
expect_status 3 "a hanging command"
expect_in err "timed out after 1.00 s" "the timeout is named"
expect_in err "its process group was killed" "the kill is said"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].status')" "timeout" "status timeout"
expect_true "the run stopped at the timeout, not later (${elapsed}s)" test "$elapsed" -lt 30
expect_true "no process of it is left, the background grandchild included" no_process "sleep $marker"

# A command that closes its streams and daemonises a grandchild does not hang perfgate either.
pg run --runs 1 --warmup 0 --timeout 1s "sh -c 'sleep $marker >/dev/null 2>&1 & exit 0'"
expect_status 0 "a command that leaves a background child but exits"
pkill -f "sleep $marker" || true

# A grandchild that keeps the stderr pipe open does not make perfgate wait for it.
start=$(date +%s)
pg run --runs 1 --warmup 0 --timeout 60s "sh -c 'sleep $marker & exit 0'"
elapsed=$(($(date +%s) - start))
expect_status 0 "a grandchild holding stderr open"
expect_true "perfgate did not wait for the grandchild (${elapsed}s)" test "$elapsed" -lt 30
pkill -f "sleep $marker" || true

finish
