# Google Benchmark programs that cannot list their benchmarks: never silently dropped. A program
# the run needs (configured, or with benchmarks in the baseline) breaks the run (exit 3, named);
# a new program that fails to list is skipped with a warning.
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
mkdir build
cp "$fixtures/plain_bench" build/x_bench
cp "$fixtures/plain_bench" build/z_bench
cat >perfgate.toml <<TOML
[discover]
paths = ["build"]
launches = 1
repetitions = 2
min_time = "0.01s"
TOML

pg run --filter 'BM_Empty' --save-baseline main
expect_status 0 "a baseline with x_bench's benchmarks"

# x_bench now fails when asked for its listing; its benchmarks are in the baseline.
cp "$fixtures/fail_bench" build/x_bench
pg run --filter _bench/BM_Empty
expect_status 3 "a known program that fails to list breaks the run"
expect_in err "build/x_bench' probe failed: exit code 1" "the program and its failure are named"
expect_in err "which the baseline has (e.g. 'x_bench/BM_Empty')" "why it is needed"
expect_not_in out "missing" "its benchmarks are not 'missing'"

# A new program that fails to list: a warning, and the rest runs.
cp "$fixtures/plain_bench" build/x_bench
cp "$fixtures/plain_bench" build/z_bench
cp "$fixtures/fail_bench" build/y_bench
pg run
expect_status 0 "a new program that fails to list does not break the run"
expect_in err "warning: '" "a warning"
expect_in err "build/y_bench' probe failed: exit code 1" "the warning names the program"
expect_in err "skipped: no baseline has its benchmarks" "and says why it is only a warning"
rm build/y_bench

# A program configured explicitly that fails to list breaks the run, baseline or not.
printf '#!/bin/sh\necho "cannot list: no data file" >&2\nexit 4\n' >broken.sh
chmod +x broken.sh
cat >>perfgate.toml <<TOML
[[benchmark]]
name = "broken"
kind = "google-benchmark"
command = ["./broken.sh"]
TOML
pg run
expect_status 3 "a configured program that fails to list"
expect_in err "perfgate.toml:6: benchmark 'broken'" "the configuration line is named"
expect_in err "broken.sh' probe failed: exit code 4 (stderr: cannot list: no data file)" \
  "with the program's own error"
pg list
expect_status 3 "list: a configured program that fails to list"
expect_in out "broken.sh: probe failed: exit code 4" "list shows it"

# [discover].probe_timeout bounds the listing; a configured program that --filter excludes
# entirely does not abort the run when it cannot be listed.
cp "$fixtures/hang_bench" hang_bench
cat >perfgate.toml <<TOML
[discover]
paths = ["build"]
launches = 1
repetitions = 2
min_time = "0.01s"
probe_timeout = "0.3s"

[[benchmark]]
name = "slow"
kind = "google-benchmark"
command = ["./hang_bench"]
TOML
pg run
expect_status 3 "a configured program whose listing times out"
expect_in err "hang_bench' probe timed out after 300 ms" "the configured probe timeout is used"
pg run --filter '^x_bench/BM_Empty'
expect_status 0 "the filter excludes the program that cannot be listed"
expect_in err "not needed: --filter '^x_bench/BM_Empty' excludes it" "said in a warning"
expect_true "the hanging probe left no process" no_process "$WORK/hang_bench"

# Listings are kept in .perfgate/listings.json while a program's file stays the same: the next
# run does not ask again; a rebuilt (touched) program and `perfgate list` do.
cat >counted.sh <<SH
#!/bin/sh
case "\$*" in *--benchmark_list_tests=true*) echo listed >>"$WORK/calls" ;; esac
exec "$fixtures/plain_bench" "\$@"
SH
chmod +x counted.sh
cat >perfgate.toml <<TOML
[discover]
paths = ["nothing"]
launches = 1
repetitions = 2
min_time = "0.01s"

[[benchmark]]
name = "counted"
kind = "google-benchmark"
command = ["./counted.sh"]
TOML
calls() { wc -l <"$WORK/calls" 2>/dev/null || echo 0; }
pg run --filter BM_Empty
expect_status 0 "a first run lists the program"
first=$(calls)
expect_true "it was asked for its listing" test "$first" -gt 0
expect_true "the listing is kept" grep -q 'counted.sh' .perfgate/listings.json
pg run --filter BM_Empty
expect_status 0 "a second run"
expect_eq "$(calls)" "$first" "the second run reuses the listing"
touch -d '+1 second' counted.sh
pg run --filter BM_Empty
expect_status 0 "a run after the program changed"
expect_eq "$(calls)" "$((first * 2))" "the changed program is asked again"
pg list
expect_eq "$(calls)" "$((first * 3))" "list always asks again"

finish
