#!/bin/sh
# Time whole processes, in one session: RUNS runs of /bin/true under a bare posix_spawn+wait4
# loop, under perfgate and (when installed) under `hyperfine -N`, alternating ROUNDS times; print
# the median wall time of each and the ratios to the bare loop. Then compare the median that
# perfgate and hyperfine report for `sleep 0.05`.
# usage: benchmarks/runner_overhead.sh [BUILD_DIR] [RUNS] [ROUNDS]
set -eu
build=${1:-build}
runs=${2:-2000}
rounds=${3:-5}
perfgate="$build/perfgate"
bare="$build/benchmarks/bare_spawn"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
has_hyperfine=false
command -v hyperfine >/dev/null && has_hyperfine=true

now() { date +%s.%N; }
calc() { awk "BEGIN { print $1 }"; }
timed() {
  start=$(now)
  "$@" >/dev/null 2>&1
  calc "$(now) - $start"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for _ in $(seq "$rounds"); do
  timed "$bare" "$runs" /bin/true >>"$work/bare"
  (cd "$work" && timed "$OLDPWD/$perfgate" run --quiet --warmup 0 --runs "$runs" -N /bin/true) >>"$work/perfgate"
  if $has_hyperfine; then
    timed hyperfine -N --warmup 0 --runs "$runs" --style none /bin/true >>"$work/hyperfine"
  fi
done

b=$(median <"$work/bare")
p=$(median <"$work/perfgate")
printf '%s runs of /bin/true, median of %s rounds (whole process, seconds)\n' "$runs" "$rounds"
printf '  bare posix_spawn+wait4  %.3f\n' "$b"
printf '  perfgate                %.3f  (%.3fx bare)\n' "$p" "$(calc "$p / $b")"
if $has_hyperfine; then
  h=$(median <"$work/hyperfine")
  printf '  hyperfine -N            %.3f  (%.3fx bare; perfgate/hyperfine %.3f)\n' "$h" \
    "$(calc "$h / $b")" "$(calc "$p / $h")"

  # The median each tool reports for sleep 0.05, alternating.
  for _ in $(seq "$rounds"); do
    (cd "$work" && "$OLDPWD/$perfgate" run --quiet --runs 30 -N 'sleep 0.05' >/dev/null &&
      jq '.benchmarks[0].metrics.wall.summary.median' .perfgate/last/results.json) >>"$work/pg_sleep"
    hyperfine -N --runs 30 --style none --export-json "$work/hf.json" 'sleep 0.05' >/dev/null
    jq '.results[0].median' "$work/hf.json" >>"$work/hf_sleep"
  done
  ps=$(median <"$work/pg_sleep")
  hs=$(median <"$work/hf_sleep")
  printf 'sleep 0.05, reported median (median of %s rounds of 30 runs)\n' "$rounds"
  printf '  perfgate %.4f s, hyperfine %.4f s, ratio %.4f\n' "$ps" "$hs" "$(calc "$ps / $hs")"
fi
