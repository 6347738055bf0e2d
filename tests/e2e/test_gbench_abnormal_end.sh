# A Google Benchmark-like program that writes (part of) its JSON and then dies by a signal or
# exits non-zero is never recorded as ok: the benchmarks it did not finish fail, the run exits
# 3, and --save-baseline refuses.
. "$(dirname "$0")/lib.sh"

# fake.sh lists $NAMES; asked to run, it writes one row per repetition and name ($ROWS rows
# instead when set), then ends as $END says: "kill" (SIGKILL), "exit" (code 1) or "ok".
cat >fake.sh <<'SH'
#!/bin/sh
reps=1
# Selecting no benchmark, the library lists none.
case "$*" in *'--benchmark_filter=^$'*) exit 0 ;; esac
for arg; do
  case $arg in
    --benchmark_list_tests=true) for n in $NAMES; do echo "$n"; done; exit 0 ;;
    --benchmark_out=*) out=${arg#--benchmark_out=} ;;
    --benchmark_repetitions=*) reps=${arg#--benchmark_repetitions=} ;;
  esac
done
rows=${ROWS:-$reps}
{
  printf '{"context": {"executable": "fake"}, "benchmarks": ['
  sep=
  for n in $NAMES; do
    i=0
    while [ "$i" -lt "$rows" ]; do
      printf '%s{"name": "%s", "run_name": "%s", "run_type": "iteration", "repetitions": %s, "iterations": 10, "real_time": 5, "cpu_time": 5, "time_unit": "ns"}' \
        "$sep" "$n" "$n" "$reps"
      sep=,
      i=$((i + 1))
    done
  done
  [ "$END" = ok ] && printf ']}\n'
} >"$out"
case $END in
  kill) kill -KILL $$ ;;
  exit) echo "fake: retrying on device 2"; echo "fake: lost the device" >&2; exit 1 ;;
esac
exit 0
SH
chmod +x fake.sh
cat >perfgate.toml <<'TOML'
[discover]
paths = []
launches = 1
repetitions = 3

[[benchmark]]
name = "fake"
kind = "google-benchmark"
command = ["./fake.sh"]
TOML
results=.perfgate/last/results.json
status_of() { json "$results" ".benchmarks[] | select(.id == \"fake/$1\") | .status"; }

NAMES=BM_A END=ok pg run
expect_status 0 "the fake program, ending normally, passes"
expect_eq "$(status_of BM_A)" "ok" "a normal end is ok"

# Part of the repetitions, then SIGKILL: not finished, so failed; nothing saved.
NAMES=BM_A ROWS=1 END=kill pg run --save-baseline main
expect_status 3 "a program killed after part of its JSON"
expect_eq "$(status_of BM_A)" "failed" "the unfinished benchmark fails"
expect_in err "fake.sh' was killed by signal 9 (SIGKILL)" "the signal is named"
expect_true "no baseline was saved" test ! -e .perfgate/baselines/main.json

# Every repetition written, then SIGKILL or exit 1: the abnormal end still fails it.
NAMES=BM_A END=kill pg run
expect_status 3 "a program killed after writing all its rows"
expect_eq "$(status_of BM_A)" "failed" "killed after its results: failed"
expect_in err "(after writing its results)" "said so"
NAMES=BM_A END=exit pg run
expect_status 3 "a program that exits 1 after writing all its rows"
expect_in err "fake.sh' exited with code 1" "the exit code is named"
expect_in err "(stderr: fake: lost the device; stdout: fake: retrying on device 2)" \
  "with the last lines of its stderr and stdout"

# Two benchmarks, one of them cut short: it fails, the finished one is run again alone and,
# ending abnormally alone too, fails as well. fake.sh lists two names now, a change the listing
# cache cannot see (the file is the same): `perfgate list` lists it again.
NAMES="BM_A BM_B" pg list
expect_in out "fake/BM_B" "list asks the program again"
NAMES="BM_A BM_B" END=kill pg run
expect_status 3 "two benchmarks, then SIGKILL"
expect_eq "$(status_of BM_A),$(status_of BM_B)" "failed,failed" "neither is recorded as ok"

finish
