# Shell completions and the man page come from the CLI definition; every subcommand's --help
# ends with examples.
. "$(dirname "$0")/lib.sh"
require_tools zsh fish man

pg completions bash
expect_status 0 "completions bash"
cp "$WORK/out" perfgate.bash
complete_words() {
  bash -c '. ./perfgate.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _perfgate; echo "${COMPREPLY[*]}"' \
    completion "$@"
}
expect_eq "$(complete_words perfgate ru)" "run" "bash completes a subcommand"
expect_eq "$(complete_words perfgate run --export-c)" "--export-csv" "bash completes run's options"
expect_eq "$(complete_words perfgate baseline s)" "save show" "bash completes nested subcommands"
expect_eq "$(complete_words perfgate merge --o)" "--output" "bash completes merge's options"
pg completions tcsh
expect_status 2 "completions for an unknown shell"

pg completions zsh
cp "$WORK/out" _perfgate
expect_true "zsh script parses" zsh -n _perfgate
expect_in out "'--export-csv:Also write hyperfine" "zsh lists options with their help"
pg completions fish
cp "$WORK/out" perfgate.fish
expect_true "fish script parses" fish -n perfgate.fish
expect_eq "$(fish -c 'source perfgate.fish; complete -C "perfgate run --export-o"' | cut -f1)" \
  "--export-orgmode" "fish completes run's options"

pg man
expect_status 0 "man"
cp "$WORK/out" perfgate.1
expect_true "man page header" grep -q '^\.TH PERFGATE 1 ' perfgate.1
for sub in run list compare baseline report merge init completions man; do
  expect_true "man page documents '$sub'" grep -q "^\.SS \"perfgate $sub\"" perfgate.1
done
MANWIDTH=100 man -l perfgate.1 >rendered.txt 2>"$WORK/err"
expect_true "man renders the page" grep -q -- "--export-csv TEXT" rendered.txt
expect_true "man renders the exit codes" grep -q "EXIT STATUS" rendered.txt

for sub in run list compare baseline report merge init completions man; do
  "$PERFGATE" "$sub" --help >"$WORK/out" 2>&1
  examples=$(sed -n '/^Examples:$/,$p' "$WORK/out" | grep -c "^  perfgate $sub")
  expect_true "'$sub --help' ends with examples (got $examples)" test "$examples" -ge 2
  expect_eq "$(tail -1 "$WORK/out" | cut -c1-11)" "  perfgate " "'$sub --help' ends with an example"
done

finish
