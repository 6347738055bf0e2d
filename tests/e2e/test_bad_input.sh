# Bad input: exit 2 with a one-line error naming the problem, and nothing is run.
. "$(dirname "$0")/lib.sh"

nothing_ran() {
  [ ! -e ran ] && [ ! -e .perfgate ]
}

pg run --runs 0 'touch ran'
expect_status 2 "--runs 0"
expect_in err "perfgate: error: the number of runs must be at least 1, not 0" "--runs 0 message"
expect_true "--runs 0 runs nothing" nothing_ran

pg run --runs 99999999999999 'touch ran'
expect_status 2 "--runs too large"
expect_in err "perfgate: error: --runs 99999999999999 is out of range" "said as out of range"
expect_true "--runs too large runs nothing" nothing_ran

pg run --warmup many 'touch ran'
expect_status 2 "--warmup not a number"
expect_in err "perfgate: error: 'many' is not a valid value for --warmup" "the value is named"
expect_true "--warmup many runs nothing" nothing_ran

pg run --min-runs 5 --max-runs 2 'touch ran'
expect_status 2 "--min-runs 5 --max-runs 2"
expect_in err "the minimum number of runs (5) is larger than the maximum (2)" "min > max message"
expect_true "min > max runs nothing" nothing_ran

pg run --bogus 'touch ran'
expect_status 2 "unknown flag"
expect_in err "perfgate: error:" "unknown flag is an error"
expect_in err "--bogus" "unknown flag is named"
expect_true "unknown flag runs nothing" nothing_ran

pg rn 'touch ran'
expect_status 2 "unknown subcommand"
expect_in err "unknown command 'rn'; did you mean 'run'?" "did you mean"

pg run --min-time 3x 'touch ran'
expect_status 2 "bad duration"
expect_in err "invalid duration '3x'" "bad duration is named"
expect_true "bad duration runs nothing" nothing_ran

pg run --precision two 'touch ran'
expect_status 2 "bad percentage"
expect_true "bad percentage runs nothing" nothing_ran

pg run --filter '(' 'touch ran'
expect_status 2 "bad regex"
expect_in err "invalid --filter regex '('" "bad regex is named"

pg run -n a -n b 'touch ran'
expect_status 2 "more names than commands"
expect_in err "--command-name was given 2 times for 1 commands" "names count message"

pg run -N "echo 'unterminated"
expect_status 2 "unterminated quote with -N"
expect_in err "unterminated ' quote" "unterminated quote message"

# A malformed perfgate.toml, found by walking up from a subdirectory.
mkdir -p sub/dir
printf '[run]\nwarmup = 1\nmin_runs = "ten"\n' >perfgate.toml
(cd sub/dir && "$PERFGATE" run 'touch ran' >"$WORK/out" 2>"$WORK/err")
status=$?
expect_status 2 "wrong type in perfgate.toml"
expect_in err "perfgate.toml:3:" "the file and line are named"
expect_in err "min_runs" "the key is named"
expect_true "a bad config runs nothing" test ! -e sub/dir/ran

printf '[run]\nwarmpu = 1\n' >perfgate.toml
pg run 'touch ran'
expect_status 2 "unknown key"
expect_in err "perfgate.toml:2:" "unknown key line"
expect_in err "warmpu" "unknown key named"

printf '[run\nwarmup = 1\n' >perfgate.toml
pg run 'touch ran'
expect_status 2 "TOML syntax error"
expect_in err "perfgate.toml:1:" "syntax error line"
expect_true "syntax error runs nothing" nothing_ran

pg run --config missing.toml 'touch ran'
expect_status 2 "missing --config file"
expect_in err "missing.toml" "missing config named"
rm perfgate.toml

# Nothing to run at all is a broken run, not a pass.
pg run
expect_status 3 "no commands and no configuration"
expect_in err "nothing to run" "nothing to run message"

finish
