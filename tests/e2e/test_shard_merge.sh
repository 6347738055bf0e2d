# --shard I/N splits the benchmarks deterministically; perfgate merge joins the shards and
# concatenates the samples of repeated runs.
. "$(dirname "$0")/lib.sh"

fixtures="$PERFGATE_BUILD_DIR/tests/fixtures"
cat >perfgate.toml <<TOML
[run]
min_runs = 2
max_runs = 2
warmup = 0
[discover]
paths = ["$fixtures"]
include = ["plain_bench", "features_bench"]
repetitions = 2
min_time = "0.001s"
TOML
for i in 1 2 3 4 5 6; do
  printf '[[benchmark]]\nname = "cmd-%s"\ncommand = "true %s"\n' "$i" "$i" >>perfgate.toml
done

ids() { jq -r '[.benchmarks[].id] | sort | join("\n")' "$1"; }

pg run --quiet
all=$(ids .perfgate/last/results.json)
expect_eq "$(echo "$all" | wc -l | tr -d ' ')" "21" "the unsharded run has every benchmark"

for i in 1 2 3; do
  pg run --quiet --shard "$i/3"
  cp .perfgate/last/results.json "shard$i.json"
done
expect_true "the shards differ" test "$(ids shard1.json)" != "$(ids shard2.json)"
pg merge shard1.json shard2.json shard3.json -o merged.json
expect_status 0 "merge"
expect_eq "$(ids merged.json)" "$all" "3 shards merged give exactly the unsharded set"
expect_eq "$(cat shard*.json | jq -r '.benchmarks[].id' | sort | uniq -d | wc -l | tr -d ' ')" "0" \
  "no benchmark is in two shards"

pg run --quiet --shard 1/3
expect_eq "$(ids .perfgate/last/results.json)" "$(ids shard1.json)" "sharding is deterministic"
cp .perfgate/last/results.json again1.json

# Repeated runs: samples concatenate.
pg merge shard1.json again1.json -o twice.json
expect_eq "$(jq '[.benchmarks[0].metrics[]][0].samples | length' twice.json)" \
  "$(( $(jq '[.benchmarks[0].metrics[]][0].samples | length' shard1.json) * 2 ))" "samples concatenate"

jq '.benchmarks[0].metrics |= with_entries(.value.unit = "ms")' again1.json >units.json
pg merge shard1.json units.json -o bad.json
expect_status 2 "mismatched units"
expect_in err "cannot merge" "said plainly"
expect_true "nothing is written on error" test ! -e bad.json

pg run --shard 4/3
expect_status 2 "an invalid shard"
expect_in err "invalid --shard '4/3'" "the shard is named"

finish
