# SkipWithMessage (Google Benchmark 1.8+: "skipped": true, "skip_message") is a skip: shown,
# not gating, not blocking --save-baseline. The fake program writes what 1.8 writes.
. "$(dirname "$0")/lib.sh"

cat >fake.sh <<'SH'
#!/bin/sh
# Selecting no benchmark, the library lists none.
case "$*" in *'--benchmark_filter=^$'*) exit 0 ;; esac
for arg; do
  case $arg in
    --benchmark_list_tests=true) echo BM_A; echo BM_Skip; exit 0 ;;
    --benchmark_out=*) out=${arg#--benchmark_out=} ;;
  esac
done
cat >"$out" <<'J'
{"context": {"executable": "fake"}, "benchmarks": [
{"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "family_index": 0, "per_family_instance_index": 0, "repetitions": 2, "iterations": 10, "real_time": 5, "cpu_time": 5, "time_unit": "ns"},
{"name": "BM_A", "run_name": "BM_A", "run_type": "iteration", "family_index": 0, "per_family_instance_index": 0, "repetitions": 2, "iterations": 10, "real_time": 5, "cpu_time": 5, "time_unit": "ns"},
{"name": "BM_Skip", "run_name": "BM_Skip", "run_type": "iteration", "family_index": 1, "per_family_instance_index": 0, "repetitions": 2, "iterations": 0, "real_time": 0, "cpu_time": 0, "time_unit": "ns", "skipped": true, "skip_message": "needs a GPU"},
{"name": "BM_Skip", "run_name": "BM_Skip", "run_type": "iteration", "family_index": 1, "per_family_instance_index": 0, "repetitions": 2, "iterations": 0, "real_time": 0, "cpu_time": 0, "time_unit": "ns", "skipped": true, "skip_message": "needs a GPU"}
]}
J
SH
chmod +x fake.sh
printf '[discover]\npaths = []\nlaunches = 1\nrepetitions = 2\n[[benchmark]]\nname = "fake"\nkind = "google-benchmark"\ncommand = ["./fake.sh"]\n' >perfgate.toml

pg run --save-baseline main
expect_status 0 "a skipped benchmark does not break the run"
expect_in err "saved as baseline 'main'" "nor block --save-baseline"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[] | select(.id == "fake/BM_Skip") | .status')" \
  "skipped" "recorded as skipped"
pg run
expect_status 0 "compared: the skip does not gate"
expect_in out "skipped: 'fake/BM_Skip': needs a GPU" "shown with its message"

finish
