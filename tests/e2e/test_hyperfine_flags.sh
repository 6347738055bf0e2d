# hyperfine's flags keep hyperfine's meaning: -c/-C, -V, -S with arguments, --output, --input,
# the CSV, AsciiDoc and org-mode exports, --sort, its warnings, --style none, the terminal width,
# and durations given as plain seconds.
. "$(dirname "$0")/lib.sh"

pg -V
expect_status 0 "-V"
expect_eq "$(cat "$WORK/out")" "$("$PERFGATE" --version)" "-V prints the version as --version"

# -c is --cleanup (once after all runs), -C is --conclude (after every run, warmup included).
pg run --runs 3 --warmup 1 -c 'echo cleanup >> cleaned' -C 'echo conclude >> concluded' 'true'
expect_status 0 "-c and -C"
expect_eq "$(wc -l <cleaned | tr -d ' ')" "1" "-c runs once after all runs"
expect_eq "$(wc -l <concluded | tr -d ' ')" "4" "-C runs after each of the 1 + 3 runs"

# A shell with arguments.
pg run --runs 2 -S 'bash --norc' 'echo $BASH_VERSION | cat'
expect_status 0 "-S 'bash --norc'"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].command[0:3] | join(" ")')" \
  "bash --norc -c" "the shell's arguments come before -c"
expect_in out "ran under bash --norc -c" "the shell note names the shell as given"

# --output: the command's stdout; a folder is refused with a pointer to --report-dir.
pg run --runs 2 --output out.txt 'echo written'
expect_status 0 "--output FILE"
expect_eq "$(cat out.txt)" "written" "--output FILE holds one run's output"
pg run --runs 2 --output inherit -n hello 'echo hello-inherited'
expect_in out "hello-inherited" "--output inherit lets the output through"
pg run --runs 2 --output pipe -n piped 'echo hello-piped'
expect_status 0 "--output pipe"
expect_not_in out "hello-piped" "--output pipe does not show the output"
mkdir reports
pg run --runs 2 --output reports 'true'
expect_status 2 "--output FOLDER"
expect_in err "--report-dir" "the error points at --report-dir"
pg run --runs 2 --output bogus/missing/x 'echo x'
expect_status 3 "--output in a missing folder cannot run"

# --input: the command's stdin.
printf 'from input\n' >input.txt
pg run --runs 2 --input input.txt --output copied.txt 'cat'
expect_status 0 "--input FILE"
expect_eq "$(cat copied.txt)" "from input" "--input feeds the command"
pg run --runs 2 --input missing.txt 'cat'
expect_status 2 "--input missing file"
expect_in err "--input 'missing.txt': no such file" "names the missing input"

# Exports and --sort.
pg run --runs 3 --export-csv r.csv --export-asciidoc r.adoc --export-orgmode r.org \
  -P n 1 2 'sleep 0.0{n}'
expect_status 0 "exports"
expect_eq "$(head -1 r.csv)" "command,mean,stddev,median,user,system,min,max,parameter_n" \
  "CSV header as hyperfine's"
expect_eq "$(sed -n 2p r.csv | cut -d, -f1,9)" "sleep 0.01,1" "CSV row with its parameter"
expect_eq "$(head -2 r.adoc | tr '\n' ' ')" '[cols="<,>,>,>,>"] |=== ' "AsciiDoc header"
expect_eq "$(tail -1 r.adoc)" "|===" "AsciiDoc footer"
expect_eq "$(sed -n 2p r.org)" "|--+--+--+--+--|" "org-mode divider"
expect_true "org-mode rows" grep -q '^| =sleep 0.01=  |' r.org
pg run --runs 2 --sort command --export-markdown given.md -n slow -n fast 'sleep 0.05' 'true'
expect_eq "$(grep -n '^slow' "$WORK/out" | cut -d: -f1)" "2" "--sort command: the table as given"
expect_eq "$(sed -n 3p given.md | cut -d'|' -f2)" ' `slow` ' "--sort command: exports as given"
pg run --runs 2 --sort mean-time --export-markdown sorted.md -n slow -n fast 'sleep 0.05' 'true'
expect_eq "$(grep -n '^fast' "$WORK/out" | cut -d: -f1)" "2" "--sort mean-time: fastest first"
expect_eq "$(sed -n 3p sorted.md | cut -d'|' -f2)" ' `fast` ' "--sort mean-time: exports too"
pg run --runs 2 --sort auto --export-markdown auto.md -n slow -n fast 'sleep 0.05' 'true'
expect_eq "$(grep -n '^fast' "$WORK/out" | cut -d: -f1)" "2" "--sort auto: the table by speed"
expect_eq "$(sed -n 3p auto.md | cut -d'|' -f2)" ' `slow` ' "--sort auto: exports as given"
pg run --runs 2 --sort fastest 'true'
expect_status 2 "--sort with an unknown order"

# A slow first run is warned about, as hyperfine does.
pg run --runs 8 --warmup 0 -n first-slow 'sh -c "test -f once || { touch once; sleep 1; }"'
expect_status 0 "slow first run"
expect_in err "warning: 'first-slow': the first run was much slower than the rest" \
  "warns about the slow first run"
expect_in err "--warmup" "suggests --warmup"

# The table fits $COLUMNS: optional columns go, then names are shortened.
long='echo a-command-name-much-too-long-for-a-narrow-terminal'
COLUMNS=60 pg run --runs 2 "$long"
expect_status 0 "narrow terminal"
expect_not_in out "Peak RSS" "a narrow table leaves out the resources"
expect_true "a narrow table shortens the name" grep -q '^echo a-command-name.*… ' "$WORK/out"
expect_not_in out "$long" "a narrow table has no whole name"
pg run --runs 2 "$long"
expect_in out "$long" "without a width the name is whole"
expect_in out "Peak RSS" "without a width every column"

# --style none: nothing on stdout, with or without a baseline.
pg run --runs 2 --style none 'true'
expect_eq "$(wc -c <"$WORK/out" | tr -d ' ')" "0" "--style none without a baseline"
pg run --runs 2 --save-baseline main --quiet 'true'
pg run --runs 2 --style none 'true'
expect_status 0 "--style none with a baseline"
expect_eq "$(wc -c <"$WORK/out" | tr -d ' ')" "0" "--style none with a baseline"

# Durations on the command line as in perfgate.toml: a plain number is seconds.
pg run --min-runs 2 --max-runs 1000 --min-time 0.05 --warmup 0 'sleep 0.001'
expect_status 0 "--min-time 0.05"
# Note: sampling stops at the first run that brings the measured time to 50 ms, however long
# the machine's load makes each run.
stopped=$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples
  | (add >= 0.05) and (.[:-1] | add < 0.05)')
expect_eq "$stopped" "true" "--min-time 0.05 is 50 ms of measured time"
# Note: 1000 s of measuring is never reached, so sampling stops at --max-runs, not --min-runs.
pg run --min-runs 2 --max-runs 4 --min-time 1000 --warmup 0 'true'
expect_status 0 "--min-time 1000"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].metrics.wall.samples | length')" "4" \
  "--min-time 1000 is 1000 s: sampling goes on to --max-runs"
pg run --runs 2 --timeout 30 'true'
expect_status 0 "--timeout 30"
pg run --runs 2 --timeout 3x 'true'
expect_status 2 "--timeout 3x"
expect_in err "expected a number of seconds or a number followed by" "says what a duration is"

finish
