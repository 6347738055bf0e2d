# Shell detection, -N, and hyperfine's parameter scans.
. "$(dirname "$0")/lib.sh"

pg run --runs 2 'echo hi | cat' 'echo plain'
expect_status 0 "a pipeline"
results=.perfgate/last/results.json
expect_eq "$(json "$results" '.benchmarks[0].shell')" "/bin/sh" "a pipeline runs under /bin/sh"
expect_eq "$(json "$results" '.benchmarks[0].shell_startup_seconds > 0')" "true" \
  "the shell's start-up is measured"
expect_eq "$(json "$results" '.benchmarks[1] | has("shell")')" "false" "a plain command runs directly"
expect_in out "ran under /bin/sh -c; the shell's own start-up" "the shell cost is reported"

pg run --runs 2 -N "printf '%s\n' 'a b'"
expect_status 0 "-N with quotes"
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].command | length')" "3" \
  "-N splits into words, quotes respected"

pg run --runs 2 --shell bash 'true'
expect_eq "$(json .perfgate/last/results.json '.benchmarks[0].shell')" "bash" "--shell forces a shell"

pg run --runs 2 --export-json hf.json -P n 1 3 'sleep 0.00{n}'
expect_status 0 "--parameter-scan"
expect_eq "$(json .perfgate/last/results.json '[.benchmarks[].id] | join(",")')" \
  "sleep 0.001,sleep 0.002,sleep 0.003" "one benchmark per value"
expect_eq "$(json hf.json '.results[2].parameters.n')" "3" "parameters exported like hyperfine"

pg run --runs 2 -P d 0 0.2 -D 0.1 -n 'step {d}' 'true {d}'
expect_eq "$(json .perfgate/last/results.json '[.benchmarks[].id] | join(",")')" \
  "step 0.0,step 0.1,step 0.2" "decimal steps and names"

pg run --runs 2 -L mode fast,slow -L size 1,2 'echo {mode} {size}'
expect_eq "$(json .perfgate/last/results.json '[.benchmarks[].id] | join(",")')" \
  "echo fast 1,echo fast 2,echo slow 1,echo slow 2" "lists combine"

finish
