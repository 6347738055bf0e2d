# Commands that cannot be measured: exit 3 with the command, run number and exit code or signal.
. "$(dirname "$0")/lib.sh"

pg run --runs 2 --warmup 0 'no-such-command-perfgate'
expect_status 3 "a command that does not exist"
expect_in err "no-such-command-perfgate" "the missing command is named"
expect_in err "could not start: No such file or directory" "the OS reason"
expect_in err "run 1" "the run number"

pg run --runs 3 --warmup 0 'sh -c "test -e marker && exit 7; touch marker"'
expect_status 3 "a command that exits non-zero on its second run"
expect_in err "run 2 of" "the failing run is named"
expect_in err "exited with code 7" "the exit code is named"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].status')" "failed" "status failed"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples | length')" "1" \
  "the successful run is kept"
rm -f marker

# -N runs sh directly, so the signal kills the measured process itself.
pg run --runs 2 --warmup 0 -N 'sh -c "echo some detail >&2; kill -SEGV \$\$"'
expect_status 3 "a command killed by SIGSEGV"
expect_in err "killed by signal 11 (SIGSEGV)" "the signal is named"
expect_in err "some detail" "the tail of stderr is shown"

pg run --runs 2 --warmup 1 'false'
expect_status 3 "failing in warmup"
expect_in err "warmup run 1 of 'false' exited with code 1" "warmup failure"

# One broken benchmark does not stop the others, and still fails the run.
pg run --runs 2 --warmup 0 'true' 'false'
expect_status 3 "one of two fails"
expect_eq "$(json .perfgate/last/results.json '[.benchmarks[].status] | join(",")')" "ok,failed" \
  "the other benchmark is measured"

pg run --runs 3 --warmup 0 --ignore-failure 'sh -c "exit 4"'
expect_status 0 "--ignore-failure"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].exit_codes | join(",")')" "4,4,4" \
  "exit codes are recorded"

pg run --runs 2 --warmup 0 --prepare 'false' 'true'
expect_status 3 "a failing --prepare"
expect_in err "prepare command" "the hook is named"

finish
