# perfgate run with the [[benchmark]] entries of perfgate.toml, found by walking up.
. "$(dirname "$0")/lib.sh"

cat >perfgate.toml <<'TOML'
[run]
warmup = 2
min_runs = 3
max_runs = 3
min_time = "0s"

[[benchmark]]
name = "argv form"
command = ["sh", "-c", "echo run >> runs.log"]
setup = "echo setup >> hooks.log"
prepare = "echo prepare >> hooks.log"
conclude = "echo conclude >> hooks.log"
cleanup = "echo cleanup >> hooks.log"

[[benchmark]]
command = "sleep 0.001"
TOML
mkdir -p deep/inside
(cd deep/inside && "$PERFGATE" run >"$WORK/out" 2>"$WORK/err" </dev/null)
status=$?
expect_status 0 "configured benchmarks"
expect_in out "argv form" "the named benchmark"
expect_in out "sleep 0.001" "a benchmark named by its command"
expect_true "results go to the project's .perfgate" test -f .perfgate/last/results.json
expect_true "commands run in the project root" test -f runs.log
expect_eq "$(grep -c run runs.log)" "5" "2 warmup + 3 measured runs"
expect_eq "$(grep -c setup hooks.log)" "1" "setup runs once"
expect_eq "$(grep -c prepare hooks.log)" "5" "prepare runs before every run, warmup included"
expect_eq "$(grep -c conclude hooks.log)" "5" "conclude runs after every run"
expect_eq "$(grep -c cleanup hooks.log)" "1" "cleanup runs once"
expect_eq "$(head -n 1 hooks.log)" "setup" "setup comes first"
expect_eq "$(tail -n 1 hooks.log)" "cleanup" "cleanup comes last"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples | length')" "3" \
  "min_runs/max_runs from the file"

# Flags override the file; --filter narrows by regex.
pg run --runs 2 --filter '^sleep'
expect_status 0 "--filter"
expect_eq "$(json .perfgate/last/results.json '[.benchmarks[].id] | join(",")')" "sleep 0.001" \
  "only the matching benchmark"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples | length')" "2" \
  "--runs overrides the file"

pg run --filter 'nothing-matches'
expect_status 3 "--filter matching nothing"
expect_in err "no benchmark matches --filter 'nothing-matches'" "says nothing matched"

# --config names the file explicitly.
mkdir other
printf '[[benchmark]]\nname = "other"\ncommand = "true"\n[run]\nmin_time = "0s"\nmin_runs = 2\n' \
  >other/custom.toml
pg run --config other/custom.toml
expect_status 0 "--config"
expect_eq "$(json other/.perfgate/last/results.json '.benchmarks[0].id')" "other" \
  "results live beside the named config"

finish
