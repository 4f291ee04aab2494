#!/usr/bin/env bash
# Pull-request webhook → review comment latency through the whole service (GitHub simulated in process), on a
# generated repository: the first preview of a pull request, then one-note pushes to it with the service warm.
#   tests/bench/preview-latency.sh [count] [pushes]        (defaults 10000 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-10000}
pushes=${2:-10}
bench=${BENCH_DIR:-/tmp/imprint-bench}
repo=$bench/$count
[ -d "$repo/.git" ] || java tests/bench/GenerateNotes.java "$repo" "$count"
log=$(mktemp -t preview-latency.XXXXXX.log)
mvn -q -o test -Dtest=PreviewLatencyBench -Dimprint.verify=false -Dimprint.bench.repo="$repo" \
    -Dimprint.bench.pushes="$pushes" -DargLine=-Xmx2g -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || {
  echo "preview-latency: FAILED; log: $log" >&2; tail -40 "$log" >&2; exit 1; }
grep -E '^(site|preview):' "$log"
