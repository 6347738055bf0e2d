# A command writing 1 GB to stdout or stderr is measured normally; perfgate's memory stays flat.
. "$(dirname "$0")/lib.sh"

# perfgate measures itself: the outer run's peak_rss is the inner perfgate's (and head's).
pg run --runs 1 --warmup 0 \
  "$PERFGATE run --runs 1 --warmup 0 --quiet 'head -c 1000000000 /dev/zero'" \
  "$PERFGATE run --runs 1 --warmup 0 --quiet 'sh -c \"head -c 1000000000 /dev/zero >&2\"'"
expect_status 0 "1 GB of output"
rss_out=$(json .perfgate/last/results.json '.benchmarks[0].metrics.peak_rss.samples[0]')
rss_err=$(json .perfgate/last/results.json '.benchmarks[1].metrics.peak_rss.samples[0]')
expect_true "memory stays flat with 1 GB on stdout (peak $rss_out B)" \
  test "${rss_out%.*}" -lt 64000000
expect_true "memory stays flat with 1 GB on stderr (peak $rss_err B)" \
  test "${rss_err%.*}" -lt 64000000

finish
