# perfgate init: a starter perfgate.toml with the build trees found, and a workflow; existing
# files are not overwritten without --force.
. "$(dirname "$0")/lib.sh"

mkdir -p cmake-out/release
touch cmake-out/release/CMakeCache.txt
pg init
expect_status 0 "init"
expect_in out "[discover] looks in cmake-out/release" "says where discovery will look"
expect_true "perfgate.toml is written" test -f perfgate.toml
expect_true "the workflow is written" test -f .github/workflows/perfgate.yml
expect_true "the build tree is filled in" grep -qF 'paths       = ["cmake-out/release"]' perfgate.toml
expect_true "the build command is not HTML-escaped" \
  grep -qF 'cmake -B cmake-out/release -DCMAKE_BUILD_TYPE=Release && cmake --build cmake-out/release' \
  .github/workflows/perfgate.yml
expect_true "the workflow keeps GitHub's expressions" \
  grep -qF '${{ github.event.pull_request.base.sha }}' .github/workflows/perfgate.yml

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

finish
