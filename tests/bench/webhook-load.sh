#!/usr/bin/env bash
# Webhook intake on loopback under load: wrk (Debian package) posts signed generic push deliveries to a running
# `imprint serve` for a fixed time; prints requests/s and latency percentiles, then checks nothing was lost: the
# last push is published.   tests/bench/webhook-load.sh [seconds] [connections]   (defaults 10 32)
# JAR=... measures another build (an older one, back to back); JAVA_OPTS=... goes to the server's JVM (a flight
# recording, say). WARMUP=seconds runs wrk that long first, unmeasured, so that the numbers are of a warm JVM.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
conns=${2:-32}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
[ -f target/imprint.jar ] || mvn -q -DskipTests package
work=$(mktemp -d)
port=${PORT:-18182}
git init -q --bare -b main "$work/notes.git"
git clone -q "$work/notes.git" "$work/clone" 2>/dev/null
printf '# One\n\nA note.\n' > "$work/clone/one.md"
git -C "$work/clone" add -A && git -C "$work/clone" -c user.name=B -c user.email=b@b commit -qm one
git -C "$work/clone" push -q origin main
export LOAD_SECRET=load-secret
cat > "$work/imprint.yml" <<YML
server: { port: $port, bind: 127.0.0.1 }
repos:
  - name: notes
    source: { path: $work/notes.git, branch: main }
    webhook: { provider: generic, secret_env: LOAD_SECRET }
YML
jar=${JAR:-target/imprint.jar}
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$jar" serve --config "$work/imprint.yml" --data "$work/data" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done

# a second push while the load runs must still be published (nothing lost)
printf '# Two\n\nAnother note.\n' > "$work/clone/two.md"
git -C "$work/clone" add -A && git -C "$work/clone" -c user.name=B -c user.email=b@b commit -qm two
sha=$(git -C "$work/clone" rev-parse HEAD)
body="{\"ref\":\"refs/heads/main\",\"after\":\"$sha\"}"
sig="sha256=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$LOAD_SECRET" | sed 's/^.*= *//')"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hub-Signature-256"] = "$sig"
LUA
if [ "${WARMUP:-0}" -gt 0 ]; then
  wrk -t2 -c"$conns" -d"${WARMUP}s" -s "$work/post.lua" "http://127.0.0.1:$port/hooks/generic/notes" >/dev/null
fi
(sleep 1; git -C "$work/clone" push -q origin main) &
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/hooks/generic/notes"
for i in $(seq 1 100); do
  msg=$(git --git-dir "$work/notes.git" log -1 --format=%B gh-pages -- 2>/dev/null || true)
  if [[ "$msg" == *"Source-Commit: $sha"* ]]; then
    echo "the push made during the load is published: nothing lost"; exit 0
  fi
  sleep 0.2
done
echo "the push made during the load was NOT published"; exit 1
