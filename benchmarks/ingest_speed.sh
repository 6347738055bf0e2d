#!/bin/sh
# The end-to-end case of reading Google Benchmark output: `perfgate compare` on two files of
# 10,000 benchmarks x 30 repetitions (88 MB each, benchmarks/ingest_gen.py), against Python
# merely parsing the same two files (json.load, both kept), in the same run. Runs the two in
# turn RUNS times and prints the median wall time and the median peak RSS of each, and their
# ratios (below 1: perfgate is faster or smaller).
#
# usage: benchmarks/ingest_speed.sh [BUILD_DIR [RUNS]]     (defaults: build 5)
set -eu

build=${1:-build}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
perfgate=$build/perfgate
python=/usr/bin/python3
[ -x "$python" ] || python=python3
if [ ! -x "$perfgate" ]; then
  echo "ingest_speed.sh: no $perfgate: build perfgate first" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "ingest_speed.sh: needs GNU time (/usr/bin/time, Debian package time)" >&2
  exit 2
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$python" "$here/ingest_gen.py" "$dir/base.json" "$dir/current.json"
echo "files: $(du -m "$dir/base.json" | cut -f1) MB and $(du -m "$dir/current.json" | cut -f1) MB"

# Append "SECONDS KIB" of one run of the command to the file $1.
measure() {
  out=$1
  shift
  # Note: compare exits 1 when the gate fails; only a higher code is an error.
  /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr" || [ $? -le 1 ] || {
    cat "$dir/stderr" >&2
    exit 1
  }
  cat "$dir/time" >>"$out"
}

# Print the median of column $2 of the file $1.
median() {
  sort -n -k "$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END { print v[int((NR + 1) / 2)] }'
}

i=0
while [ "$i" -lt "$runs" ]; do
  measure "$dir/perfgate" "$perfgate" compare "$dir/base.json" "$dir/current.json" --color never
  measure "$dir/python" "$python" -c \
    'import json, sys; documents = [json.load(open(f)) for f in sys.argv[1:]]' \
    "$dir/base.json" "$dir/current.json"
  i=$((i + 1))
done

p_time=$(median "$dir/perfgate" 1)
p_rss=$(median "$dir/perfgate" 2)
y_time=$(median "$dir/python" 1)
y_rss=$(median "$dir/python" 2)
awk -v pt="$p_time" -v pr="$p_rss" -v yt="$y_time" -v yr="$y_rss" -v n="$runs" 'BEGIN {
  printf "perfgate compare: median %.2f s, peak RSS %.0f MiB (%d runs)\n", pt, pr / 1024, n
  printf "python json.load: median %.2f s, peak RSS %.0f MiB\n", yt, yr / 1024
  printf "ratio perfgate/python: time %.2f, peak RSS %.2f\n", pt / yt, pr / yr
}'
