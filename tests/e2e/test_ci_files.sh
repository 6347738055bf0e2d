# The CI files: every shell script passes shellcheck, the workflows and the action validate
# against GitHub's schemas (action-validator, installed by `./build.sh test`), and so does every
# workflow in the README; the action passes every input its scripts read; the README's sharding
# example runs as written (its shards, their artifacts, its gate); benchmarks/perfgate.toml loads.
. "$(dirname "$0")/lib.sh"
require_tools git cmake

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
  working-directory perfgate report-artifact; do
  expect_true "action.yml has the input $input" grep -q "^  $input:$" "$action_yml"
done
# Note: exec, so that the step's shell, whose environment holds the token, is not the parent of the
# benchmarks (they could read its /proc/PID/environ).
expect_true "the step execs run.sh" grep -qF 'run: exec bash "$GITHUB_ACTION_PATH/run.sh"' "$action_yml"
for output in exit-code comment-url comment-file report; do
  expect_true "run.sh writes the output $output" grep -qF "set_output $output " \
    "$src/.github/actions/perfgate/run.sh"
done
for output in exit-code comment-file; do
  expect_true "action.yml has the output $output" \
    grep -qF "value: \${{ steps.perfgate.outputs.$output }}" "$action_yml"
done
expect_true "action.yml has the output comment-url" \
  grep -qF 'value: ${{ steps.comment.outputs.comment-url }}' "$action_yml"
expect_true "the measure step's report is uploaded" \
  grep -qF 'path: ${{ steps.perfgate.outputs.report }}' "$action_yml"
expect_true "and its address linked by the comment step" \
  grep -qF 'REPORT_URL: ${{ steps.report.outputs.artifact-url }}' "$action_yml"

# benchmarks/perfgate.toml is a valid configuration (it finds nothing when the benchmarks of
# ../build are not built: exit 3, never 2).
pg list --config "$src/benchmarks/perfgate.toml"
if [ "$status" -eq 3 ]; then status=0; fi
expect_status 0 "benchmarks/perfgate.toml loads"
if [ -x "$src/build/benchmarks/core_bench" ]; then
  expect_in out "core_bench/BM_Summarize" "it discovers perfgate's own benchmarks"
fi

# readme_blocks: every ```yaml block of the README into readme-N.yml (from 1).
readme_blocks() {
  awk '/^```yaml$/ { n++; inside = 1; next } inside && /^```$/ { inside = 0; next }
    inside { print > ("readme-" n ".yml") }' "$src/README.md"
}

# readme_block HEADING: the first ```yaml block after the README's `## HEADING`.
readme_block() {
  awk -v heading="## $1" '$0 == heading { section = 1 } section && /^```yaml$/ { inside = 1; next }
    inside && /^```$/ { exit } inside { print }' "$src/README.md"
}

# yaml_value FILE STEP KEY: the value of KEY (one line, or a `|` block without its indentation)
# in the first workflow step whose first line is `- STEP`.
yaml_value() {
  awk -v step="$2" -v key="$3" '
    function indent_of(text) { return match(text, /[^ ]/) - 1 }
    !found {
      line = $0
      sub(/^ *- /, "", line)
      if ($0 ~ /^ *- / && line == step) { found = 1; step_indent = indent_of($0) }
      next
    }
    inside {
      if ($0 ~ /^ *$/) { print ""; next }
      if (indent_of($0) <= key_indent) exit
      print substr($0, key_indent + 3)
      next
    }
    $0 ~ /^ *- / && indent_of($0) <= step_indent { exit }
    $0 ~ ("^ *" key ":( |$)") {
      key_indent = indent_of($0)
      value = $0
      sub("^ *" key ": *", "", value)
      if (value == "|") { inside = 1; next }
      print value
      exit
    }' "$1"
}

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
  # The README's workflows, and its lists of steps inside a job of their own.
  readme_blocks
  for file in readme-*.yml; do
    if grep -q '^jobs:' "$file"; then
      cp "$file" checked.yml
    elif grep -q '^      - ' "$file"; then
      printf 'on: pull_request\njobs:\n  job:\n    runs-on: ubuntu-latest\n    steps:\n' >checked.yml
      cat "$file" >>checked.yml
    else
      continue
    fi
    "$validator" checked.yml >"$WORK/out" 2>"$WORK/err"
    status=$?
    expect_status 0 "action-validator: the README's workflow $(head -n 1 "$file")"
  done
fi

# The README's sharding example, run as written: each shard from a fresh clone of a repository
# whose head adds perfgate.toml, its artifact's files copied as upload-artifact and
# download-artifact (merge-multiple) would, then the gate's script.
readme_block Sharding >sharding.yml
expect_true "the README has a sharding workflow" grep -q '^jobs:' sharding.yml
uploads=$(yaml_value sharding.yml "uses: actions/upload-artifact@v4" path)
expect_true "the shards upload their results" test -n "$uploads"
if ! grep -q 'include-hidden-files: true' sharding.yml; then
  expect_true "no upload from a hidden folder (upload-artifact skips them)" \
    sh -c '! printf "%s\n" "$0" | grep -q -e "^\." -e "/\."' "$uploads"
fi
shards=$(sed -n 's/^ *shard: \[\(.*\)\]$/\1/p' sharding.yml | tr -d ',')
expect_eq "$shards" "1 2 3 4" "four shards"
measure=$(yaml_value sharding.yml "name: Measure the base and the head of this shard" run)
gate=$(yaml_value sharding.yml "name: Merge the shards and gate" run)
expect_true "the measure step" test -n "$measure"
expect_true "the gate step" test -n "$gate"
if [ -n "$measure" ] && [ -n "$gate" ]; then
  mkdir -p repo bin artifacts
  ln -s "$PERFGATE" bin/perfgate
  export GIT_CONFIG_GLOBAL="$WORK/gitconfig" GIT_CONFIG_NOSYSTEM=1
  (
    cd repo &&
      git init -q &&
      printf 'cmake_minimum_required(VERSION 3.16)\nproject(demo NONE)\n' >CMakeLists.txt &&
      git add CMakeLists.txt &&
      git -c user.name=t -c user.email=t@t commit -q -m base &&
      printf '[run]\nwarmup = 0\nmin_runs = 3\nmax_runs = 3\nmin_time = "0s"\n' >perfgate.toml &&
      for name in one two three; do
        printf '\n[[benchmark]]\nname = "%s"\ncommand = ["true"]\n' "$name" >>perfgate.toml
      done &&
      git add perfgate.toml &&
      git -c user.name=t -c user.email=t@t commit -q -m head
  ) >"$WORK/out" 2>"$WORK/err" </dev/null
  base_sha=$(git -C repo rev-parse HEAD~1)
  for shard in $shards; do
    git clone -q repo "shard-$shard/workspace"
    (cd "shard-$shard/workspace" && env PATH="$WORK/bin:$PATH" GITHUB_WORKSPACE="$PWD" \
      BASE_SHA="$base_sha" SHARD="$shard" bash -e -c "$measure") >"$WORK/out" 2>"$WORK/err" </dev/null
    status=$?
    expect_status 0 "shard $shard measures its base and head"
    for upload in ${uploads//'${{ matrix.shard }}'/$shard}; do
      expect_true "shard $shard wrote $upload" cp "shard-$shard/workspace/$upload" artifacts/
    done
  done
  (cd artifacts && env PATH="$WORK/bin:$PATH" bash -e -c "$gate") >"$WORK/out" 2>"$WORK/err" </dev/null
  status=$?
  # Note: three runs a side cannot be significant, so nothing regresses; 1 would still be the gate.
  expect_status 0 "the gate job merges and compares"
  for side in base head; do
    expect_eq "$(json "artifacts/$side.json" '[.benchmarks[].id] | sort | join(" ")')" \
      "one three two" "$side.json has every shard's benchmarks"
  done
  expect_in out "0 regressed" "the comparison is reported"
else
  echo "the example lacks a step (failed above); the sharding example is not run"
fi

finish
