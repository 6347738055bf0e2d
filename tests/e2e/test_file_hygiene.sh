# What killed saves leave is cleaned up; a corrupt baseline does not hide the others; concurrent
# savers of one baseline take turns and the last one says what it replaced; merge refuses to
# count a file twice and keeps launches distinct.
. "$(dirname "$0")/lib.sh"

# Leftovers of killed writes, two minutes old, and things that must stay.
pg run --runs 2 --warmup 0 --save-baseline main -n good true
expect_status 0 "a first run"
old=$(date -d '2 minutes ago' '+%Y%m%d%H%M.%S')
touch -t "$old" .perfgate/baselines/.main.json.tmp.Ab12Cd .perfgate/.last.tmp.4242.0
mkdir .perfgate/runs/20260101T000000Z
touch -t "$old" .perfgate/runs/20260101T000000Z/.results.json.tmp.zZ90aB .perfgate/runs/20260101T000000Z
touch .perfgate/baselines/.main.json.tmp.fresh0
touch -t "$old" .perfgate/baselines/notes.txt .perfgate/runs/my-notes
pg baseline list
expect_status 0 "baseline list after killed saves"
expect_in err "removed '$PWD/.perfgate/baselines/.main.json.tmp.Ab12Cd', left by a write that was killed" \
  "a stale temporary baseline is removed and named"
expect_in err "removed '$PWD/.perfgate/.last.tmp.4242.0'" "a stale temporary link is removed"
expect_in err "removed the run folder '$PWD/.perfgate/runs/20260101T000000Z': it has no results" \
  "a run folder without results is removed"
expect_true "the stale files are gone" test ! -e .perfgate/baselines/.main.json.tmp.Ab12Cd \
  -a ! -e .perfgate/runs/20260101T000000Z
expect_true "a fresh temporary (a save in progress) stays" test -e .perfgate/baselines/.main.json.tmp.fresh0
expect_true "other files stay" test -e .perfgate/baselines/notes.txt -a -e .perfgate/runs/my-notes
expect_true "the runs with results stay" test -s .perfgate/last/results.json
pg baseline list
expect_not_in err "removed" "nothing is left to remove the next time"

# A corrupt baseline among good ones.
pg baseline save second .perfgate/last/results.json
printf '{"schema": ' >.perfgate/baselines/broken.json
pg baseline list
expect_status 2 "baseline list with a corrupt file"
expect_in out "main" "the readable baselines are listed"
expect_in out "second" "all of them"
expect_in err "perfgate: error: " "the corrupt file is an error"
expect_in err "broken.json" "the corrupt file is named"
rm .perfgate/baselines/broken.json

# Two runs save one baseline at once: the saves take turns and the last one says what it
# replaced. The slow run waits for the file `go`, which is made after the quick one saved.
"$PERFGATE" run --runs 1 --warmup 0 --timeout 2m --save-baseline shared -n slow \
  "sh -c 'touch started; while [ ! -e go ]; do sleep 0.05; done'" >"$WORK/slow.out" 2>"$WORK/slow.err" </dev/null &
slow=$!
for _ in $(seq 600); do
  [ -e started ] && break
  sleep 0.1
done
expect_true "the slow run started" test -e started
pg run --runs 1 --warmup 0 --save-baseline shared -n quick true
expect_status 0 "the quick run saved"
expect_not_in err "replaced baseline" "the quick run replaced nothing"
touch go
wait "$slow"
expect_eq "$?" "0" "the slow run saved too"
expect_true "the slow run says it replaced the quick run's baseline" \
  grep -q "perfgate: replaced baseline 'shared', saved at .*another run may have saved it" "$WORK/slow.err"
expect_eq "$(json .perfgate/baselines/shared.json '.benchmarks[0].id')" "slow" "the last save wins"
expect_eq "$(find .perfgate/baselines -name '.shared.json.tmp.*' | wc -l | tr -d ' ')" "0" \
  "the saves left no temporary file"

# merge: the same file twice, by another path, or a copy of it.
cp .perfgate/last/results.json a.json
cp a.json copy.json
pg merge a.json a.json -o twice.json
expect_status 2 "merge a.json a.json"
expect_in err "'a.json' is given twice" "the file given twice is named"
pg merge a.json ./a.json -o twice.json
expect_status 2 "merge a.json ./a.json"
pg merge a.json copy.json -o twice.json
expect_status 2 "merge of a copy"
expect_in err "cannot merge 'a.json' with 'copy.json': they hold the same run" "the copy is named"
expect_true "nothing is written" test ! -e twice.json

# merge of two runs of a Google Benchmark program: launches stay distinct.
fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
cat >perfgate.toml <<TOML
[discover]
paths = ["$fixtures"]
include = ["plain_bench"]
launches = 2
repetitions = 2
min_time = "0.001s"
TOML
pg run --quiet
cp .perfgate/last/results.json g1.json
pg run --quiet
cp .perfgate/last/results.json g2.json
pg merge g1.json g2.json -o g.json
expect_status 0 "merge two Google Benchmark runs"
expect_eq "$(json g1.json '.benchmarks[0].metrics.real_time.launches | unique | join(",")')" "0,1" \
  "each run has launches 0 and 1"
expect_eq "$(json g.json '.benchmarks[0].metrics.real_time.launches | join(",")')" "0,0,1,1,2,2,3,3" \
  "the second run's launches follow the first's"
pg compare g.json g.json --fail-on never
expect_status 0 "the merged file reads back"

finish
