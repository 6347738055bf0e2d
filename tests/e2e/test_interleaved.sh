# Interleaved rounds, end to end: `run --against` launches the base checkout's and the head's
# benchmarks in paired rounds, and `run --reference` judges commands against a reference. Every
# outcome checked here holds however loaded the machine is: the slowdowns are sleeps far beyond
# any threshold, or the gate is off.
. "$(dirname "$0")/lib.sh"

# Two checkouts of one project; each side's step logs its name, so the order of launches shows.
for side in base head; do
  mkdir -p "$side/project"
  git init -q "$side"
  cat >"$side/project/perfgate.toml" <<'TOML'
[[benchmark]]
name = "step"
command = "sh step.sh"
TOML
done
printf 'echo base >>"$LOG"\n' >base/project/step.sh
printf 'echo head >>"$LOG"\nsleep 0.2\n' >head/project/step.sh
export LOG="$WORK/launches.log"

cd head/project || exit 1
pg run --against "$WORK/base" --warmup 0
expect_status 1 "--against: a head 200 ms slower fails the gate"
expect_in out "regressed (blocker)" "--against: the slowdown is a blocker"
expect_in err "round 6:" "--against: at least the 6 rounds a paired test needs"
rounds=$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples | length')
expect_eq "$(grep -c '^base$' "$LOG")" "$rounds" "--against: the base ran once per round"
expect_eq "$(grep -c '^head$' "$LOG")" "$rounds" "--against: the head ran once per round"
# Note: each round holds one launch of each side, so every pair of lines is one base, one head.
expect_eq "$(paste -d' ' - - <"$LOG" | awk '$1 == $2' | wc -l | tr -d ' ')" "0" \
  "--against: launches are interleaved round by round"
expect_eq "$(json .perfgate/last/base-results.json '.benchmarks[0].id')" "step" \
  "--against: the base's results are written"
expect_eq "$(json .perfgate/last/base-results.json '.benchmarks[0].metrics.wall.samples | length')" \
  "$rounds" "--against: a base sample per round"
expect_eq "$(json .perfgate/last/comparison.json '.benchmarks[0].basis')" "rounds" \
  "--against: judged on the paired rounds"
expect_true "--against: nothing was written into the base checkout" test ! -e "$WORK/base/project/.perfgate"

: >"$LOG"
pg run --against "$WORK/base" --warmup 0 --fail-on never --save-baseline head
expect_status 0 "--against --fail-on never: the same rounds pass"
expect_true "--against --save-baseline: the head's results become the baseline" \
  test -s .perfgate/baselines/head.json
expect_eq "$(json .perfgate/baselines/head.json '.benchmarks[0].metrics.wall.samples | length')" \
  "$(grep -c '^head$' "$LOG")" "--against --save-baseline: the baseline holds the head's samples"

pg run --against "$WORK/nowhere"
expect_status 2 "--against a folder that does not exist"
expect_in err "nowhere" "--against: the error names the folder"
pg run --against "$WORK/base" --baseline main
expect_status 2 "--against with --baseline is refused"
cd "$WORK" || exit 1

# A reference command: 'true' is far more than 1.5x faster than a 300 ms sleep whatever the load,
# and a sleep is never 1.5x faster than itself.
: >"$LOG"
pg run --reference 'sleep 0.3' --expect-speedup 1.5x --warmup 0 -n fast 'true'
expect_status 0 "--reference: a requirement that is met passes"
expect_in out "fast" "--reference: the command is reported"
pg run --reference 'sleep 0.3' --expect-speedup 1.5x --warmup 0 -n same 'sleep 0.3'
expect_status 1 "--reference: a requirement that is not met fails the gate"
expect_in out "required a change of at most -33.3%" "--reference: the report says what was required"
pg run --expect-speedup 1.5x 'true'
expect_status 2 "--expect-speedup without --reference is refused"
pg run --reference 'true' --expect-speedup fast 'true'
expect_status 2 "--expect-speedup needs a factor"

finish
