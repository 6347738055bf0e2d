# A file or output perfgate cannot write exits 74, never 2 (bad input): the disk or the
# permissions refused, not the user's input. A failed gate (1) still outranks a lost output.
. "$(dirname "$0")/lib.sh"

pg run --runs 5 'true'
expect_status 0 "a run to compare"
cp .perfgate/last/results.json base.json
jq '.benchmarks[0].metrics.wall.samples |= map(. * 10) | del(.benchmarks[0].metrics.wall.summary)' \
  base.json >slow.json

"$PERFGATE" compare base.json base.json >/dev/full 2>"$WORK/err"
status=$?
expect_status 74 "standard output on a full disk"
expect_in err "perfgate: error: cannot write to standard output: No space left on device" \
  "the lost output is named"

"$PERFGATE" compare base.json slow.json >/dev/full 2>"$WORK/err"
status=$?
expect_status 1 "a failed gate outranks the lost output"

pg compare base.json base.json --format html --report-dir /proc/self/no-such-folder
expect_status 74 "a report folder that cannot be created"
expect_in err "cannot create directory '/proc/self/no-such-folder'" "the folder is named"

sum=$(md5sum base.json)
pg run --runs 2 'true' --export-json /proc/no-such-file.json
expect_status 74 "an export that cannot be written"
expect_in err "cannot write '/proc/no-such-file.json'" "the file is named"
expect_eq "$(md5sum base.json)" "$sum" "nothing else is touched"

finish
