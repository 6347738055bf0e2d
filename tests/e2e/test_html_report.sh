# The HTML report in a real browser: Debian's headless Chromium loads it offline with no console
# error and no network request, runs its script, and shows every row and the charts.
. "$(dirname "$0")/lib.sh"

if ! command -v chromium >/dev/null; then
  echo "chromium not installed: skipped"
  exit 77
fi

evil='<script>alert(1)</script>|`x`'
pg run --runs 5 --warmup 0 --quiet --save-baseline main -n "$evil" -n plain -n other 'true' 'sleep 0.001' 'sleep 0.002'
pg run --runs 5 --warmup 0 --quiet --fail-on never --format html -n "$evil" -n plain -n other 'true' 'sleep 0.001' 'sleep 0.002'
expect_status 0 "a run with the HTML report"
report=$(readlink -f .perfgate/last/report.html)

browse() { # ARGS...: headless Chromium as this machine allows it, its log in chromium.log
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d "$WORK/profile.XXXXXX")" --enable-logging=stderr --v=0 \
    "$@" 2>>"$WORK/chromium.log"
}
browse --log-net-log="$WORK/netlog.json" --dump-dom "file://$report" >dom.html
expect_true "Chromium rendered the page" grep -q "</html>" dom.html
expect_true "the page's script ran to the end without an error" grep -q 'data-ready="1"' dom.html
# Note: a CPU-bound command has two judged rows (CPU time and its wall-time guard), and whether
# `true` counts as CPU-bound depends on the machine's load, so the rows are counted by id.
expect_eq "$(grep -o '<td class="id" data-value="[^"]*"' dom.html | sort -u | wc -l | tr -d ' ')" "3" \
  "every benchmark has its rows"
expect_true "the chart of changes exists" grep -q 'id="change-chart"' dom.html
expect_true "distribution plots exist" grep -q '<details class="plot"' dom.html
expect_true "the evil name is text, not a script" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' dom.html
expect_true "no console error" sh -c "! grep -Ei 'Uncaught|CONSOLE\(.*error' '$WORK/chromium.log'"
# Note: Chromium itself calls its update, time and account services (Google hosts) whatever the
# page; those are not the page's requests.
expect_true "no network request from the page" \
  sh -c "! grep -Eo '\"url\":\"(https?|wss?|ftp)://[^/\"]*' '$WORK/netlog.json' | grep -Ev '(google|googleapis|gstatic)\.com' | grep -q ."
expect_true "the file names no URL at all" sh -c "! grep -Eq '(https?|ftp)://' '$report'"

browse --screenshot="$WORK/report.png" --window-size=1200,1600 "file://$report" >/dev/null
expect_true "a screenshot is taken" test -s report.png

finish
