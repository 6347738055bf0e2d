# perfgate run with a `kind = "pytest-benchmark"` entry: real pytest runs, the file perfgate
# asks for through PYTEST_ADDOPTS read back, the user's own PYTEST_ADDOPTS kept, a failing test
# a broken run. Needs Debian's python3-pytest-benchmark (./build.sh test installs it).
. "$(dirname "$0")/lib.sh"

if ! /usr/bin/python3 -c 'import pytest_benchmark' 2>/dev/null; then
  echo "skipped: /usr/bin/python3 has no pytest_benchmark (apt-get install python3-pytest-benchmark)"
  exit 77
fi
cp "$PERFGATE_SOURCE_DIR/tests/fixtures/pytest_benchmark/test_fixture.py" .
cat >perfgate.toml <<'TOML'
[[benchmark]]
name = "py"
kind = "pytest-benchmark"
command = ["/usr/bin/python3", "-m", "pytest", "-q", "-p", "no:cacheprovider",
           "--benchmark-min-rounds=5", "--benchmark-max-time=0.00001", "test_fixture.py"]
TOML

pg run
expect_status 0 "pytest-benchmark: a run"
results=.perfgate/last/results.json
expect_eq "$(json $results '[.benchmarks[].id] | join(",")')" \
  "py/test_fixture.py::test_fib,py/test_fixture.py::test_sort[100],py/test_fixture.py::test_sort[1000]" \
  "pytest-benchmark: ids are NAME/<the test's full name>"
expect_eq "$(json $results '[.benchmarks[].source] | unique | join(",")')" "pytest-benchmark" \
  "pytest-benchmark: the source"
expect_true "pytest-benchmark: every round is a sample" \
  test "$(json $results '[.benchmarks[].metrics.time.samples | length] | min')" -ge 5
expect_eq "$(json $results '.benchmarks[2].parameters.size')" "1000" \
  "pytest-benchmark: the test's parameters are kept"

PYTEST_ADDOPTS="-k fib" pg run --quiet
expect_status 0 "pytest-benchmark: with the user's PYTEST_ADDOPTS"
expect_eq "$(json $results '[.benchmarks[].id] | join(",")')" "py/test_fixture.py::test_fib" \
  "pytest-benchmark: the user's PYTEST_ADDOPTS still applies"

cat >>test_fixture.py <<'PY'


def test_broken(benchmark):
    assert benchmark(sum, [1, 2]) == 4
PY
pg run
expect_status 3 "pytest-benchmark: a failing test is a broken run"
expect_in err "benchmark 'py' failed: '/usr/bin/python3 -m pytest" "the command is named"
expect_in err "ended with exit code 1" "its exit code is named"
expect_eq "$(json $results '[.benchmarks[] | select(.status == "ok") | .id] | length')" "4" \
  "pytest-benchmark: what was measured before the failure is kept"

finish
