# --format, --report-dir and perfgate report on real runs; the files checked with real tools
# (cmark-gfm, xmllint); GitHub's step summary and annotations.
. "$(dirname "$0")/lib.sh"
require_tools cmark-gfm xmllint

evil='<script>alert(1)</script>|`x`'
pg run --runs 4 --warmup 0 --save-baseline main -n "$evil" -n plain 'true' 'sleep 0.001'
expect_status 0 "the baseline run"
# Note: the gate is off and one metric judged: what this test checks must not depend on timing.
pg run --runs 4 --warmup 0 -n "$evil" -n plain --fail-on never --metric wall \
  --format console,markdown,html,json,junit 'true' 'sleep 0.001'
expect_status 0 "a run with every format"
for file in report.md comment.md report.html comparison.json junit.xml; do
  expect_true "$file is written into the run's folder" test -s ".perfgate/last/$file"
  expect_in err "report: " "the files are listed"
done
expect_eq "$(head -n 1 .perfgate/last/comment.md)" "<!-- perfgate -->" "the PR comment starts with the marker"
expect_true "no raw script tag in Markdown" sh -c '! grep -q "<script>" .perfgate/last/report.md'
expect_true "no raw script tag in HTML" sh -c '! grep -q "<script>alert" .perfgate/last/report.html'
cmark-gfm -e table .perfgate/last/report.md >rendered.html
expect_true "cmark-gfm renders tables" grep -q "<table>" rendered.html
expect_true "the evil name is text in the rendered Markdown" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' rendered.html
expect_true "JUnit is well-formed XML" xmllint --noout .perfgate/last/junit.xml
expect_eq "$(xmllint --xpath 'string(//testsuite/@tests)' .perfgate/last/junit.xml)" "2" "one test case per benchmark"

printf 'CUSTOM REPORT {{#nothing}}x{{/nothing}}\n' >custom.mustache
pg report .perfgate/last/comparison.json --format markdown --template markdown=custom.mustache --report-dir custom
expect_status 0 "--template markdown=FILE"
expect_true "the custom template is used" grep -q "^CUSTOM REPORT" custom/report.md
pg report .perfgate/last/comparison.json --format markdown --template junit=custom.mustache --report-dir custom
expect_status 2 "--template for a format without templates"

pg run --runs 4 --warmup 0 --quiet --format json --report-dir elsewhere 'true'
expect_true "--report-dir chooses the folder" test -s elsewhere/comparison.json



# report: a saved comparison again, and a plain results file.
pg report .perfgate/last/comparison.json --format markdown,junit --report-dir again
expect_status 0 "report a comparison"
expect_true "markdown again" test -s again/report.md
pg report .perfgate/baselines/main.json --metric wall --format console,markdown --report-dir fromresults
expect_status 0 "report a results file"
expect_in out "2 new" "a results file renders as all new"

# 5,000 benchmarks: the PR comment stays under GitHub's limit and says it was shortened.
jq '.benchmarks = [range(5000) as $i | .benchmarks[1] | .id = "suite/BM_Case/\($i)"]' \
  .perfgate/baselines/main.json >big.json
pg report big.json --format markdown --report-dir big
expect_status 0 "report 5,000 benchmarks"
expect_true "comment.md is at most 65,536 bytes" test "$(wc -c <big/comment.md)" -le 65536
expect_true "it says rows were left out" grep -q "not shown" big/comment.md

# Under GitHub Actions: the summary is appended and regressions are annotated.
: >summary.md
GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=$WORK/summary.md pg compare .perfgate/baselines/main.json .perfgate/baselines/main.json
expect_status 0 "compare under GitHub Actions"
expect_true "the step summary is written" grep -q "perfgate" summary.md
# Note: fixed samples, so that the verdict does not depend on how loaded the machine was.
jq '(.benchmarks[] | select(.id == "plain") | .metrics.wall.samples) = [0.010, 0.011, 0.012, 0.013]' \
  .perfgate/baselines/main.json >fixed.json
jq '(.benchmarks[] | select(.id == "plain") | .metrics.wall.samples) |= map(. * 3)' \
  fixed.json >slower.json
GITHUB_ACTIONS=true GITHUB_STEP_SUMMARY=$WORK/summary.md pg compare fixed.json slower.json --metric wall
expect_status 1 "a tripled benchmark fails the gate"
expect_in out "::error" "an error annotation"

finish
