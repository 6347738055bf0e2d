# `cmake --install` installs the binary, the man page and the completions; `cpack -G DEB` packages
# them with the shared libraries perfgate needs as dependencies.
. "$(dirname "$0")/lib.sh"
: "${PERFGATE_BUILD_DIR:?set PERFGATE_BUILD_DIR to the build folder}"

cmake --install "$PERFGATE_BUILD_DIR" --prefix "$WORK/prefix" >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 0 "cmake --install"
for file in bin/perfgate share/man/man1/perfgate.1 share/bash-completion/completions/perfgate \
  share/zsh/vendor-completions/_perfgate share/fish/vendor_completions.d/perfgate.fish; do
  expect_true "installs $file" test -s "$WORK/prefix/$file"
done
expect_eq "$("$WORK/prefix/bin/perfgate" -V)" "$("$PERFGATE" -V)" "the installed binary runs"
expect_true "the installed man page is the generated one" \
  cmp -s "$WORK/prefix/share/man/man1/perfgate.1" <("$PERFGATE" man)
expect_true "the installed bash completion is the generated one" \
  cmp -s "$WORK/prefix/share/bash-completion/completions/perfgate" <("$PERFGATE" completions bash)

if ! command -v cpack >/dev/null || ! command -v dpkg-deb >/dev/null; then
  echo "note: cpack or dpkg-deb missing; the Debian package is not built"
  finish
  exit $?
fi
cpack --config "$PERFGATE_BUILD_DIR/CPackConfig.cmake" -G DEB -B "$WORK/package" \
  >"$WORK/out" 2>"$WORK/err"
status=$?
expect_status 0 "cpack -G DEB"
deb=$(find "$WORK/package" -maxdepth 1 -name 'perfgate_*.deb' | head -1)
expect_true "a .deb is written" test -n "$deb"
if [ -n "$deb" ]; then
  dpkg-deb -c "$deb" >"$WORK/out"
  for file in ./usr/bin/perfgate ./usr/share/man/man1/perfgate.1 \
    ./usr/share/bash-completion/completions/perfgate; do
    expect_in out "$file" "the package holds $file"
  done
  dpkg-deb -f "$deb" Package Depends >"$WORK/out"
  expect_in out "Package: perfgate" "package name"
  expect_in out "libfmt" "depends on the fmt library it links"
fi

finish
