# perfgate init: a starter perfgate.toml with the build trees found, a workflow (the README's
# own, byte for byte) whose base step works on a pull request that adds perfgate.toml, and
# `.perfgate/` in .gitignore; it says what it wrote and lists every placeholder left, by line.
# Existing files are not overwritten without --force.
. "$(dirname "$0")/lib.sh"
require_tools git cmake

src=$PERFGATE_SOURCE_DIR
workflow=.github/workflows/perfgate.yml

mkdir -p cmake-out/release
touch cmake-out/release/CMakeCache.txt
pg init
expect_status 0 "init"
expect_in out "[discover] looks in cmake-out/release" "says where discovery will look"
expect_true "perfgate.toml is written" test -f perfgate.toml
expect_true "the workflow is written" test -f "$workflow"
expect_in out "wrote perfgate.toml:" "says it wrote perfgate.toml"
expect_in out "wrote $workflow: on each pull request, builds the base and the head, then measures both interleaved" \
  "and the workflow, with what it does"
expect_true "the build tree is filled in" grep -qF 'paths       = ["cmake-out/release"]' perfgate.toml
expect_true "the build command is not HTML-escaped" \
  grep -qF 'cmake -B cmake-out/release -DCMAKE_BUILD_TYPE=Release && cmake --build cmake-out/release' \
  "$workflow"
expect_true "the workflow keeps GitHub's expressions" \
  grep -qF '${{ github.event.pull_request.base.sha }}' "$workflow"
expect_true "it runs in Debian 12, whose packages perfgate builds from" \
  grep -qx '    container: debian:12 .*' "$workflow"
expect_true "base and head are measured interleaved" grep -qxF '          against: ../base' "$workflow"
expect_true "the benchmarks cannot read the checkout's token" \
  grep -qxF '          persist-credentials: false    # the benchmarks run the pull request'"'"'s code' "$workflow"

# .gitignore: created with .perfgate/.
expect_eq "$(grep -vx '#.*' .gitignore)" ".perfgate/" ".gitignore ignores .perfgate/"
expect_in out "added .perfgate/ to .gitignore" "says so"

# Every placeholder left is listed with its line, and every line listed is one.
listed=$(sed -n "s|^  $workflow:\([0-9]*\): .*|\1|p" out)
expected=$(grep -n -e 'OWNER/perfgate' -e '# your build$' "$workflow" | grep -v '^[0-9]*: *#' | cut -d: -f1)
expect_eq "$listed" "$expected" "the placeholders' lines"
expect_eq "$(grep -c 'OWNER: the GitHub owner of the perfgate repository' out)" "2" "OWNER, twice"
expect_eq "$(grep -c "'cmake -B cmake-out/release .*' is a guess: put your project's build here" out)" \
  "2" "the guessed build command, twice"

# The README shows exactly what init writes for a project without a build tree.
mkdir fresh
(cd fresh && "$PERFGATE" init) >out 2>err </dev/null
status=$?
expect_status 0 "init in an empty folder"
awk '/^## Gate a pull request/ { section = 1 } section && /^```yaml$/ { inside = 1; next }
  inside && /^```$/ { exit } inside { print }' "$src/README.md" >readme-workflow.yml
expect_true "the README has the workflow" test -s readme-workflow.yml
expect_true "the README's workflow is init's" cmp -s readme-workflow.yml "fresh/$workflow"

validator="$PERFGATE_BUILD_DIR/node_modules/.bin/action-validator"
if [ -x "$validator" ]; then
  "$validator" "$workflow" >out 2>err
  status=$?
  expect_status 0 "action-validator accepts the workflow"
else
  echo "SKIP: action-validator is not installed (./build.sh test installs it); not validated"
fi

# The base step, run as the workflow would on a pull request that adds perfgate.toml: the base
# has none and is built; then the action's `perfgate run --against ../base` measures both sides
# with the head's perfgate.toml.
mkdir -p repo bin
ln -s "$PERFGATE" bin/perfgate
export GIT_CONFIG_GLOBAL="$WORK/gitconfig" GIT_CONFIG_NOSYSTEM=1
(
  cd repo &&
    git init -q &&
    printf 'cmake_minimum_required(VERSION 3.16)\nproject(demo NONE)\n' >CMakeLists.txt &&
    git add CMakeLists.txt &&
    git -c user.name=t -c user.email=t@t commit -q -m base &&
    "$PERFGATE" init >/dev/null &&
    printf '[run]\nwarmup = 0\nmin_runs = 3\nmax_runs = 3\nmin_time = "0s"\n\n[[benchmark]]\nname = "no op"\ncommand = ["true"]\n' \
      >perfgate.toml &&
    git add -A &&
    git -c user.name=t -c user.email=t@t commit -q -m head
) >out 2>err </dev/null
expect_true "a repository with a base and a head" test -f repo/.github/workflows/perfgate.yml
awk '/- name: Build the base/ { step = 1 } step && /^        run: \|$/ { inside = 1; next }
  inside && !/^          / { exit } inside { sub(/^          /, ""); print }' \
  "repo/$workflow" >base-step.sh
expect_true "the base step is found" grep -q 'git worktree add ../base' base-step.sh
(cd repo && env PATH="$WORK/bin:$PATH" GITHUB_WORKSPACE="$WORK/repo" \
  BASE_SHA="$(git rev-parse HEAD~1)" bash -e "$WORK/base-step.sh") >out 2>err </dev/null
status=$?
expect_status 0 "the base step runs"
expect_true "the base has no perfgate.toml" test ! -e base/perfgate.toml
(cd repo && "$PERFGATE" run --against ../base --fail-on never --quiet) >out 2>err </dev/null
status=$?
expect_status 0 "perfgate run --against ../base"
expect_eq "$(json repo/.perfgate/last/base-results.json '.benchmarks[].id')" "no op" \
  "the base is measured with the head's perfgate.toml"
expect_eq "$(json repo/.perfgate/last/comparison.json '.settings.paired')" "true" \
  "judged on paired rounds"

# The starter file is valid: perfgate reads it, and runs nothing from an empty tree.
pg list
expect_status 3 "the starter configuration loads (and finds nothing to run)"
expect_in err "nothing to run" "not a configuration error"

echo '# mine' >perfgate.toml
pg init
expect_status 2 "an existing file is not overwritten"
expect_in err "'perfgate.toml' exists; use --force" "says how to overwrite"
expect_eq "$(cat perfgate.toml)" "# mine" "the file is untouched"
pg init --force
expect_status 0 "--force overwrites"
expect_true "the file is replaced" grep -q '^\[gate\]' perfgate.toml
expect_eq "$(grep -cx '.perfgate/' .gitignore)" "1" ".perfgate/ is not added twice"
expect_in out ".gitignore already ignores .perfgate/" "says so"

# An existing .gitignore keeps its lines; one that ignores .perfgate already is left alone.
mkdir kept ignored
printf 'build/\n*.o' >kept/.gitignore
(cd kept && "$PERFGATE" init) >out 2>err </dev/null
status=$?
expect_status 0 "init beside a .gitignore"
expect_eq "$(cat kept/.gitignore)" "$(printf 'build/\n*.o\n%s\n.perfgate/' "# perfgate's runs, reports and local baselines")" \
  "the line is added after the user's"
printf '/.perfgate\n' >ignored/.gitignore
(cd ignored && "$PERFGATE" init) >out 2>err </dev/null
status=$?
expect_status 0 "init beside a .gitignore that ignores /.perfgate"
expect_eq "$(cat ignored/.gitignore)" "/.perfgate" "it is left alone"

finish
