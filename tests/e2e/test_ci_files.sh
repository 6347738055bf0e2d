# The CI files: every shell script passes shellcheck, the workflows and the action validate
# against GitHub's schemas (action-validator, installed by `./build.sh test`), the action passes
# every input its script reads, and benchmarks/perfgate.toml loads.
. "$(dirname "$0")/lib.sh"

src=$PERFGATE_SOURCE_DIR

# check_shell WHAT FILE SHELLCHECK_ARGS...: shellcheck finds nothing in FILE.
check_shell() {
  local what=$1 file=$2
  shift 2
  (cd "$(dirname "$file")" && shellcheck "$@" "$(basename "$file")") >"$WORK/out" 2>"$WORK/err"
  status=$?
  expect_status 0 "shellcheck $what"
}

if ! command -v shellcheck >/dev/null; then
  fail "shellcheck is not installed (./build.sh test installs it)"
else
  # It finds what it is meant to find: this test can fail.
  printf '#!/bin/sh\nrm $1\n' >bad.sh
  shellcheck bad.sh >"$WORK/out" 2>"$WORK/err"
  expect_in out "SC2086" "shellcheck reports an unquoted variable"

  for file in .github/actions/perfgate/comment.sh .github/actions/perfgate/run.sh build.sh .ci/run \
    benchmarks/runner_overhead.sh examples/make-data.sh; do
    check_shell "$file" "$src/$file"
  done
  # The end-to-end tests are run by CTest with bash and source lib.sh. Note: SC2016 (an expression
  # in single quotes) is what they mean when they look for GitHub's `${{ ... }}` or Markdown text.
  for file in "$src"/tests/e2e/*.sh; do
    check_shell "tests/e2e/$(basename "$file")" "$file" --shell=bash -x --exclude=SC2016
  done
fi

if /usr/bin/python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' \
  "$src/tests/e2e/fake_github.py" >"$WORK/out" 2>"$WORK/err"; then
  pass
else
  fail "tests/e2e/fake_github.py does not parse"
fi

# The action forwards every input run.sh and comment.sh read, and exposes what run.sh writes as
# outputs.
action_yml="$src/.github/actions/perfgate/action.yml"
for variable in $(grep -oh 'INPUT_[A-Z_]*' "$src"/.github/actions/perfgate/*.sh | sort -u) \
  PERFGATE_BIN GITHUB_TOKEN PR_NUMBER; do
  expect_true "action.yml sets $variable" grep -q "^ *$variable: \${{ " "$action_yml"
done
for input in config baseline fail-on comment token comment-author pr-number comment-file args \
  working-directory perfgate; do
  expect_true "action.yml has the input $input" grep -q "^  $input:$" "$action_yml"
done
# Note: exec, so that the step's shell, whose environment holds the token, is not the parent of the
# benchmarks (they could read its /proc/PID/environ).
expect_true "the step execs run.sh" grep -qF 'run: exec bash "$GITHUB_ACTION_PATH/run.sh"' "$action_yml"
for output in exit-code comment-url comment-file; do
  expect_true "action.yml has the output $output" \
    grep -qF "value: \${{ steps.perfgate.outputs.$output }}" "$action_yml"
  expect_true "run.sh writes the output $output" grep -qF "set_output $output " \
    "$src/.github/actions/perfgate/run.sh"
done

# benchmarks/perfgate.toml is a valid configuration (it finds nothing when the benchmarks of
# ../build are not built: exit 3, never 2).
pg list --config "$src/benchmarks/perfgate.toml"
if [ "$status" -eq 3 ]; then status=0; fi
expect_status 0 "benchmarks/perfgate.toml loads"
if [ -x "$src/build/benchmarks/core_bench" ]; then
  expect_in out "core_bench/BM_Summarize" "it discovers perfgate's own benchmarks"
fi

validator="$PERFGATE_BUILD_DIR/node_modules/.bin/action-validator"
if [ ! -x "$validator" ]; then
  echo "SKIP: action-validator is not installed in $PERFGATE_BUILD_DIR/node_modules" \
    "(./build.sh test installs it with npm); the YAML files are not validated"
else
  # It rejects what GitHub rejects: a composite step without a shell, an unknown key.
  mkdir -p bad
  printf 'name: x\ndescription: x\nruns:\n  using: composite\n  steps:\n    - run: "true"\n' \
    >bad/action.yml
  printf 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n' >bad/workflow.yml
  for file in bad/action.yml bad/workflow.yml; do
    "$validator" "$file" >"$WORK/out" 2>"$WORK/err"
    status=$?
    status=$((status == 0 ? 0 : 1))
    expect_status 1 "action-validator rejects $file"
  done
  for file in "$src"/.github/workflows/*.yml "$src"/.github/actions/*/action.yml; do
    "$validator" "$file" >"$WORK/out" 2>"$WORK/err"
    status=$?
    expect_status 0 "action-validator ${file#"$src"/}"
  done
fi

finish
