#!/bin/sh
# The short fuzzing run of CI, and the long one by hand (CONTRIBUTING.md). Builds the fuzz
# targets with clang (libFuzzer, AddressSanitizer, UndefinedBehaviorSanitizer) in a build
# directory of their own, then runs each one from its seed corpus. Exits 77 (skipped) when
# clang's libFuzzer is not installed, 1 when a target crashes or a sanitizer reports.
#
# usage: run_fuzzers.sh SOURCE_DIR BUILD_DIR [RUNS [TARGET...]]
#   RUNS: inputs per target (default 10000); the inputs that add coverage are kept in
#   BUILD_DIR/corpus/<target>, so a later run continues where this one stopped.
# Environment: FUZZ_CXX (default clang++), FUZZ_JOBS (build jobs, default 2), and
# PERFGATE_BUILD_LOCK, a file to hold with flock while building, on a machine where builds
# must not run at once.
set -eu

source_dir=$1
build_dir=$2
runs=${3:-10000}
if [ $# -gt 3 ]; then shift 3; else set --; fi

cxx=${FUZZ_CXX:-clang++}
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "skipped: $cxx is not installed" >&2
  exit 77
fi
probe_dir=$(mktemp -d)
trap 'rm -rf "$probe_dir"' EXIT
printf '%s\n' 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long)' \
  '{ return 0; }' >"$probe_dir/probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe_dir/probe.cpp" -o "$probe_dir/probe" \
  >/dev/null 2>&1; then
  echo "skipped: $cxx cannot build libFuzzer targets (install libclang-rt-14-dev)" >&2
  exit 77
fi

# Note: -O1 without NDEBUG keeps the library's assertions, and stays fast enough to fuzz.
CXX=$cxx cmake -S "$source_dir" -B "$build_dir" -G Ninja -DPERFGATE_FUZZ=ON \
  -DPERFGATE_BUILD_TESTS=OFF -DPERFGATE_BUILD_BENCHMARKS=OFF -DPERFGATE_BUILD_EXAMPLES=OFF \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 >/dev/null
if [ -n "${PERFGATE_BUILD_LOCK:-}" ]; then
  flock "$PERFGATE_BUILD_LOCK" cmake --build "$build_dir" --target fuzzers -j "${FUZZ_JOBS:-2}"
else
  cmake --build "$build_dir" --target fuzzers -j "${FUZZ_JOBS:-2}"
fi

[ $# -gt 0 ] || set -- results comparison google_benchmark hyperfine config units
failed=""
for name in "$@"; do
  case "$name" in
    config) dict="$source_dir/tests/fuzz/toml.dict" ;;
    units) dict="" ;;
    *) dict="$source_dir/tests/fuzz/json.dict" ;;
  esac
  corpus="$build_dir/corpus/$name"
  artifacts="$build_dir/artifacts/$name"
  mkdir -p "$corpus" "$artifacts"
  log="$build_dir/fuzz_$name.log"
  echo "fuzz_$name: $runs inputs"
  # New inputs go to the first directory; the seeds in the source tree are only read.
  if "$build_dir/tests/fuzz/fuzz_$name" -runs="$runs" -seed=1 -max_len=65536 \
    ${dict:+-dict="$dict"} -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "$corpus" "$source_dir/tests/fuzz/corpus/$name" >"$log" 2>&1; then
    grep -E '^(Done|stat::number_of_executed_units)' "$log" || true
  else
    echo "FAIL: fuzz_$name (log: $log; reproduce with: $build_dir/tests/fuzz/fuzz_$name <input>)"
    grep -E -A12 '^(==[0-9]+==ERROR|.*runtime error|.*deadly signal)' "$log" | head -40 ||
      tail -20 "$log"
    ls "$artifacts"
    failed="$failed fuzz_$name"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzzing found problems in:$failed" >&2
  exit 1
fi
