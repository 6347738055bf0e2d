#!/bin/sh
# The two quick-start commands: `./build.sh demo` and `./build.sh test`.
# Installs the Debian packages that are missing (as root or through sudo), builds perfgate into
# build/, then runs the demo or every test. `./build.sh tidy` runs clang-tidy (.clang-tidy, every
# warning an error) over every C++ file of the repository. Extra CMake arguments:
# PERFGATE_CMAKE_ARGS.
set -eu
cd "$(dirname "$0")"

# What building needs (CONTRIBUTING.md), and what the tests and demo use besides.
build_packages="cmake ninja-build g++ libcli11-dev libfmt-dev nlohmann-json3-dev rapidjson-dev
  libtomlplusplus-dev libkainjow-mustache-dev libbenchmark-dev doctest-dev"
test_packages="jq procps bsdutils gzip cmark-gfm libxml2-utils shellcheck python3 curl chromium git
  clang libclang-rt-14-dev python3-pytest-benchmark zsh fish man-db"
# The tests of the GitHub workflows and action validate them with action-validator, from npm.
# Note: Debian's npm conflicts with NodeSource's nodejs, which bundles its own npm: an npm that is
# already there is used as it is.
node_packages="nodejs npm"
validator=build/node_modules/.bin/action-validator

usage() {
  echo "usage: ./build.sh demo|test|build|tidy" >&2
  exit 2
}

install_missing() {
  missing=""
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
      missing="$missing $package"
    fi
  done
  [ -n "$missing" ] || return 0
  echo "installing:$missing"
  if [ "$(id -u)" -eq 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null; then
    sudo="sudo"
  else
    echo "error: missing packages:$missing; run as root or install sudo" >&2
    exit 2
  fi
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

build() {
  # shellcheck disable=SC2086
  cmake -S . -B build -G Ninja ${PERFGATE_CMAKE_ARGS:-}
  cmake --build build -j "$(nproc)"
}

[ $# -eq 1 ] || usage
# The package lists are split into words on purpose.
# shellcheck disable=SC2086
case "$1" in
  build)
    install_missing $build_packages
    build
    ;;
  demo)
    install_missing $build_packages $test_packages
    build
    cd examples
    # The first demo run becomes baseline 'main'; every run compares with it.
    if [ ! -f .perfgate/baselines/main.json ]; then
      echo "perfgate: first demo run, saved as baseline 'main'"
      ../build/perfgate run --quiet --save-baseline main >/dev/null
    fi
    status=0
    ../build/perfgate run --format console,markdown,html,junit || status=$?
    # A regression (1) is the gate working, not a broken demo; usage (2) or broken runs (3) are.
    echo "perfgate exited with $status (0 passed, 1 the gate failed, 2 bad input, 3 broken run)"
    [ "$status" -le 1 ]
    ;;
  test)
    install_missing $build_packages $test_packages
    command -v npm >/dev/null || install_missing $node_packages
    build
    # Without it, tests/e2e/test_ci_files.sh skips the validation and says so.
    if [ ! -x "$validator" ]; then
      npm install --no-audit --no-fund --prefix build @action-validator/cli@0.6 ||
        echo "warning: could not install @action-validator/cli; the workflows are not validated" >&2
    fi
    ctest --test-dir build --output-on-failure -j "$(nproc)"
    ;;
  tidy)
    install_missing $build_packages clang-tidy
    # clang-tidy needs one compile command per file, so this configuration compiles cli/ without
    # its unity source; it is only configured, never built.
    cmake -S . -B build/tidy -G Ninja -DPERFGATE_UNITY_CLI=OFF ${PERFGATE_CMAKE_ARGS:-} >/dev/null
    run-clang-tidy -p build/tidy -j "$(nproc)" -quiet \
      "^$(pwd)/(util|core|runners|baselines|reporters|cli|benchmarks|examples|tests)/"
    ;;
  *) usage ;;
esac
