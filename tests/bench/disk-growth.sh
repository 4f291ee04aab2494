#!/usr/bin/env bash
# What a long run of one-note pushes leaves on disk, with the service's housekeeping (git's gc --auto thresholds,
# JGit GC between builds) and without it (gc.auto=0, gc.autoPackLimit=0 in the repository: what Imprint did before).
# The push-latency.sh harness: a bare repository with the shipped post-receive hook, `imprint serve` watching it.
#   tests/bench/disk-growth.sh [count] [pushes]        (defaults 1000 1000)
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-1000}
pushes=${2:-1000}
bench=${BENCH_DIR:-/tmp/imprint-bench}
port=${PORT:-18182}
[ -f target/imprint.jar ] || mvn -q -DskipTests package
[ -d "$bench/$count/.git" ] || java tests/bench/GenerateNotes.java "$bench/$count" "$count"
export BENCH_SECRET=bench-secret

run() { # $1: on|off
  local mode=$1 work=$bench/disk-$count-$1
  rm -rf "$work" && mkdir -p "$work"
  git clone -q --bare "$bench/$count" "$work/notes.git"
  git --git-dir "$work/notes.git" config receive.autogc false # measure Imprint, not git's own receive-pack gc
  if [ "$mode" = off ]; then
    git --git-dir "$work/notes.git" config gc.auto 0
    git --git-dir "$work/notes.git" config gc.autoPackLimit 0
  fi
  cat > "$work/imprint.yml" <<YML
server: { port: $port, bind: 127.0.0.1 }
reconcile_minutes: 60
repos:
  - name: notes
    source: { path: $work/notes.git, branch: main }
    publish: { branch: gh-pages }
    webhook: { provider: generic, secret_env: BENCH_SECRET }
YML
  cp deploy/hooks/post-receive "$work/notes.git/hooks/post-receive"
  printf 'IMPRINT_URL=http://127.0.0.1:%s/hooks/generic/notes\nIMPRINT_SECRET=%s\n' "$port" "$BENCH_SECRET" > "$work/notes.git/hooks/imprint.env"
  java -Xmx1g -jar target/imprint.jar serve --config "$work/imprint.yml" --data "$work/data" > "$work/serve.log" 2>&1 &
  server=$!
  published() { local msg; msg=$(git --git-dir "$work/notes.git" log -1 --format=%B gh-pages -- 2>/dev/null || true); [[ "$msg" == *"Source-Commit: $1"* ]]; }
  local head; head=$(git --git-dir "$work/notes.git" rev-parse main)
  until published "$head"; do sleep 0.5; done
  local first; first=$(du -sk "$work/notes.git" | cut -f1)
  git clone -q "$work/notes.git" "$work/clone"
  local start; start=$(date +%s)
  (
    cd "$work/clone"
    notes=($(git ls-files 'content/*note-*.md' | sed -n '1,500p'))
    for i in $(seq 1 "$pushes"); do
      f=${notes[$(( (i * 37) % ${#notes[@]} ))]}
      printf '\nEdited in push %d.\n' "$i" >> "$f"
      git -c user.name=Bench -c user.email=b@b commit -qam "push $i"
      sha=$(git rev-parse HEAD)
      git push -q origin main 2>/dev/null
      until published "$sha"; do sleep 0.01; done
    done
  )
  local secs=$(( $(date +%s) - start ))
  kill $server; wait $server 2>/dev/null || true
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
