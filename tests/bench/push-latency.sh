#!/usr/bin/env bash
# Push → published commit latency through the whole service, for one-note changes on a generated repository:
# a bare repository with the shipped post-receive hook, `imprint serve` watching it through the generic webhook.
#   tests/bench/push-latency.sh [count] [pushes]        (defaults 10000 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/lib/serve-harness.sh
count=${1:-10000}
pushes=${2:-20}
work=$bench/latency-$count
port=${PORT:-18181}
harness_inputs "$count"
harness_repo "$work" "$bench/$count" "$port"

echo "waiting for the first (full) build of $count notes..."
start_serve "$work" 2g

git clone -q "$work/notes.git" "$work/clone"
cd "$work/clone"
load_notes
times=()
for i in $(seq 1 "$pushes"); do
  sha=$(edit_one_note "$i")
  start=$(date +%s%N)
  push_published "$work/notes.git" "$sha" 0.005
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "notes=$count pushes=$pushes push→published ms: median ${sorted[$(( pushes / 2 ))]}, min ${sorted[0]}, max ${sorted[$(( pushes - 1 ))]}"
echo "all: ${times[*]}"
