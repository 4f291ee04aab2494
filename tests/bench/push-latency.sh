#!/usr/bin/env bash
# Push → published commit latency through the whole service, for one-note changes on a generated repository:
# a bare repository with the shipped post-receive hook, `imprint serve` watching it through the generic webhook.
#   tests/bench/push-latency.sh [count] [pushes]        (defaults 10000 20)
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-10000}
pushes=${2:-20}
bench=${BENCH_DIR:-/tmp/imprint-bench}
work=$bench/latency-$count
port=${PORT:-18181}
[ -f target/imprint.jar ] || mvn -q -DskipTests package
[ -d "$bench/$count/.git" ] || java tests/bench/GenerateNotes.java "$bench/$count" "$count"
rm -rf "$work" && mkdir -p "$work"
git clone -q --bare "$bench/$count" "$work/notes.git"
export BENCH_SECRET=bench-secret
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

java -Xmx2g -jar target/imprint.jar serve --config "$work/imprint.yml" --data "$work/data" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
published() { local msg; msg=$(git --git-dir "$work/notes.git" log -1 --format=%B gh-pages -- 2>/dev/null || true); [[ "$msg" == *"Source-Commit: $1"* ]]; }
head=$(git --git-dir "$work/notes.git" rev-parse main)
echo "waiting for the first (full) build of $count notes..."
until published "$head"; do sleep 0.5; done

git clone -q "$work/notes.git" "$work/clone"
cd "$work/clone"
notes=($(git ls-files 'content/*note-*.md' | sed -n '1,500p'))
times=()
for i in $(seq 1 "$pushes"); do
  f=${notes[$(( (i * 37) % ${#notes[@]} ))]}
  printf '\nEdited in push %d.\n' "$i" >> "$f"
  git -c user.name=Bench -c user.email=b@b commit -qam "push $i"
  sha=$(git rev-parse HEAD)
  start=$(date +%s%N)
  git push -q origin main 2>/dev/null
  until published "$sha"; do sleep 0.005; done
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "notes=$count pushes=$pushes push→published ms: median ${sorted[$(( pushes / 2 ))]}, min ${sorted[0]}, max ${sorted[$(( pushes - 1 ))]}"
echo "all: ${times[*]}"
