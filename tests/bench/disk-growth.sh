#!/usr/bin/env bash
# What a long run of one-note pushes leaves on disk, with the service's housekeeping (git's gc --auto thresholds,
# JGit GC between builds) and without it (gc.auto=0, gc.autoPackLimit=0 in the repository: what Imprint did before).
# The push-latency.sh harness (lib/serve-harness.sh): a bare repository with the shipped post-receive hook,
# `imprint serve` watching it.
#   tests/bench/disk-growth.sh [count] [pushes]        (defaults 1000 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/lib/serve-harness.sh
count=${1:-1000}
pushes=${2:-1000}
port=${PORT:-18182}
harness_inputs "$count"

run() { # $1: on|off
  local mode=$1 work=$bench/disk-$count-$1
  harness_repo "$work" "$bench/$count" "$port"
  git --git-dir "$work/notes.git" config receive.autogc false # measure Imprint, not git's own receive-pack gc
  if [ "$mode" = off ]; then
    git --git-dir "$work/notes.git" config gc.auto 0
    git --git-dir "$work/notes.git" config gc.autoPackLimit 0
  fi
  start_serve "$work" 1g
  local first; first=$(du -sk "$work/notes.git" | cut -f1)
  git clone -q "$work/notes.git" "$work/clone"
  local start; start=$(date +%s)
  (
    cd "$work/clone"
    load_notes
    for i in $(seq 1 "$pushes"); do
      sha=$(edit_one_note "$i")
      push_published "$work/notes.git" "$sha" 0.01
    done
  )
  local secs=$(( $(date +%s) - start ))
  stop_serve
  local objects; objects=$(git --git-dir "$work/notes.git" count-objects -v)
  val() { echo "$objects" | sed -n "s/^$1: //p"; }
  printf '%-4s %8s %10s %10s %8s %12s %7s %10s\n' "$mode" "$pushes" "$first" "$(du -sk "$work/notes.git" | cut -f1)" \
    "$(val count)" "$(val size)" "$(val packs)" "$(val size-pack)" >> "$bench/disk-growth-$count.txt"
  echo "gc $mode: $pushes pushes in ${secs}s; packed $(grep -c 'packed ' "$work/serve.log" || true) times" >&2
  git --git-dir "$work/notes.git" fsck --strict --no-progress --no-dangling >&2
}

printf '%-4s %8s %10s %10s %8s %12s %7s %10s\n' gc pushes "start KB" "end KB" loose "loose KB" packs "packs KB" \
  > "$bench/disk-growth-$count.txt"
run off
run on
cat "$bench/disk-growth-$count.txt"
