# Benchmark names, commands and program messages never reach the console raw: no control
# character moves the cursor or recolours, and no line starts a GitHub Actions workflow command
# (`::` after blanks, `##[` anywhere) except perfgate's own annotations.
. "$(dirname "$0")/lib.sh"

# inert FILE WHAT: FILE (out, err, or a path) is valid UTF-8 with no control character but line
# breaks, and none of its lines (split as the Actions runner splits them) starts a workflow
# command, except `::error title=perfgate::` and `::warning title=perfgate::` annotations.
inert() {
  local file=$1
  [ -f "$WORK/$file" ] && file="$WORK/$file"
  local problems
  problems=$(perl -e '
    local $/;
    open(my $in, "<:raw", $ARGV[0]) or die "cannot read $ARGV[0]\n";
    my $text = <$in>;
    my $shown = sub { my $s = shift; $s =~ s/([^\x20-\x7e])/sprintf("<%x>", ord $1)/ge; $s };
    if ($text =~ /([\x00-\x09\x0b-\x1f\x7f])/) { print "raw control byte ", $shown->($1), "\n"; }
    utf8::decode($text) or print "not UTF-8\n";
    print "raw C1 control or line separator\n" if $text =~ /[\x{80}-\x{9f}\x{2028}\x{2029}]/;
    for my $line (split /\r\n|\r|\n/, $text) {
      next if $line =~ /^::(error|warning) title=perfgate::/;
      (my $bare = $line) =~ s/\p{Default_Ignorable_Code_Point}//g;
      $bare =~ s/^\s+//;
      print "command: ", $shown->($line), "\n" if $bare =~ /^::/ || $bare =~ /##\[/;
    }' "$file")
  if [ -z "$problems" ]; then pass; else fail "$2: $problems"; fi
}

esc=$(printf '\033')
nl='
'
hostile_names=(
  '::error::x'
  "ok${nl}::add-mask::secret"
  "${esc}[31mred${esc}[0m$(printf '\a\r')bell"
  '##[group]folded'
  "$(printf '\xc2\xa0\xe3\x80\x80')::warning::blank"
)

# The run table, the progress lines and --verbose's command lines.
args=()
for name in "${hostile_names[@]}"; do
  args+=(-n "$name")
done
pg run --runs 2 --warmup 0 --color never --verbose --export-markdown hf.md "${args[@]}" \
  true true true true true
expect_status 0 "a run of hostile names"
inert out "the run table"
inert err "progress and --verbose lines"
inert hf.md "--export-markdown"
expect_in out '\x3a:error::x' "a leading :: is shown escaped"
expect_in out 'ok\x0a::add-mask::secret' "a newline is shown escaped"
expect_in out '\x1b[31mred\x1b[0m\x07\x0dbell' "ESC, BEL and CR are shown escaped"
expect_in out '##\x5bgroup]folded' "##[ is broken up"
expect_eq "$(grep -c '^| `' hf.md)" "5" "--export-markdown has one row per benchmark"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[1].id')" "ok${nl}::add-mask::secret" \
  "results keep the id verbatim"

# perfgate's own colours still work around escaped names.
pg run --runs 2 --warmup 0 --color always -n "${esc}[31mred" true
expect_in out "${esc}[1m" "perfgate's own colour codes are kept"
expect_in out '\x1b[31mred' "the name's escape code is shown, not obeyed"

# A failing program's stderr in the error message.
pg run --runs 2 --warmup 0 --color never \
  "sh -c 'printf \"\\033]0;title\\007::error::pwned\\n##[error]x\\r\\n\" >&2; exit 1'"
expect_status 3 "a failing command"
inert out "the run table of a failing command"
inert err "the error message with the program's stderr"
expect_in err "failed" "the failure is still reported"

# A comparison with a baseline, with GitHub annotations: only perfgate's own are commands.
pg run --runs 3 --warmup 0 --color never --save-baseline main "${args[@]}" true true true true true
expect_status 0 "a hostile baseline"
GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY="$WORK/summary.md" \
  pg run --runs 3 --warmup 0 --color never --baseline main "${args[@]}" true true true true false
expect_status 3 "a comparison with a failed hostile benchmark"
inert out "the comparison table and annotations"
inert err "the comparison's messages"
expect_true "a perfgate annotation is still emitted" grep -q '^::error title=perfgate::' "$WORK/out"

# Error messages: a hostile baseline name, an unknown subcommand, a bad flag value.
pg run --runs 2 --baseline "x${nl}::error::y" true
expect_status 2 "an invalid baseline name"
inert err "the invalid baseline name's error"
pg "${esc}[2J::x"
expect_status 2 "an unknown subcommand"
inert err "the unknown subcommand's error"
pg run --runs "${esc}[2J${nl}::error::z" true
expect_status 2 "a bad flag value"
inert err "the bad flag value's error"

# perfgate list and baseline show.
cat >perfgate.toml <<'TOML'
[[benchmark]]
name = "\u001b[31m::error::listed"
command = "true"

[[benchmark]]
name = "fine\n::error::second"
command = ["echo", "##[group]x"]
TOML
pg list
expect_status 0 "list"
inert out "perfgate list"
expect_in out '\x1b[31m::error::listed' "list shows the escaped name"
pg list --json
expect_status 0 "list --json"
inert out "perfgate list --json"
expect_eq "$(json "$WORK/out" '.benchmarks[1].id')" "fine${nl}::error::second" \
  "list --json keeps the id exact"
expect_eq "$(json "$WORK/out" '.benchmarks[1].command')" "echo '##[group]x'" \
  "list --json keeps the command exact"
cp .perfgate/baselines/main.json ".perfgate/baselines/${esc}[31m::evil.json"
pg baseline list
expect_status 0 "baseline list with a hostile file name"
inert out "perfgate baseline list"
expect_in out '\x1b[31m::evil' "baseline list shows the escaped file name"
pg baseline show main
inert out "perfgate baseline show"

finish
