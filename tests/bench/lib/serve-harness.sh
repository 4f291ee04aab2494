# Sourced by push-latency.sh and disk-growth.sh (from the repository root, under set -euo pipefail), not run.
# The harness both measure through: a bare repository with the shipped post-receive hook, `imprint serve` watching
# it through the generic webhook, and one-note pushes waited on until their Source-Commit is published.

bench=${BENCH_DIR:-/tmp/imprint-bench}
export BENCH_SECRET=bench-secret
server=

# The jar and a generated repository of $1 notes in $bench/$1, each made once and then reused.
harness_inputs() {
  [ -f target/imprint.jar ] || mvn -q -DskipTests package
  [ -d "$bench/$1/.git" ] || java tests/bench/GenerateNotes.java "$bench/$1" "$1"
}

# Empties $1 and puts there notes.git, a bare clone of $2 whose shipped hook notifies port $3, and imprint.yml.
harness_repo() {
  local work=$1 source=$2 port=$3
  rm -rf "$work" && mkdir -p "$work"
  git clone -q --bare "$source" "$work/notes.git"
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
  printf 'IMPRINT_URL=http://127.0.0.1:%s/hooks/generic/notes\nIMPRINT_SECRET=%s\n' "$port" "$BENCH_SECRET" \
    > "$work/notes.git/hooks/imprint.env"
}

# Starts `imprint serve` for $1 with heap $2 (pid in $server, stopped on exit too) and waits for its first, full build.
start_serve() {
  java -Xmx"$2" -jar target/imprint.jar serve --config "$1/imprint.yml" --data "$1/data" > "$1/serve.log" 2>&1 &
  server=$!
  trap stop_serve EXIT
  wait_published "$1/notes.git" "$(git --git-dir "$1/notes.git" rev-parse main)" 0.5
}

stop_serve() {
  [ -n "$server" ] || return 0
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=
}

# True once the publishing branch of bare repository $1 names source commit $2.
published() {
  local msg
  msg=$(git --git-dir "$1" log -1 --format=%B gh-pages -- 2>/dev/null || true)
  [[ "$msg" == *"Source-Commit: $2"* ]]
}

# Polls every $3 seconds until $2 is published in $1.
wait_published() {
  until published "$1" "$2"; do sleep "$3"; done
}

# In a clone (the current folder): lists in $notes the first 500 notes that edit_one_note picks from.
load_notes() {
  notes=($(git ls-files 'content/*note-*.md' | sed -n '1,500p'))
}

# Appends a line to the note push number $1 picks, commits it and prints the commit id. Chained with && because
# callers run it in $(...), where set -e does not reach: a failed commit must fail the call.
edit_one_note() {
  local f=${notes[$(( ($1 * 37) % ${#notes[@]} ))]}
  printf '\nEdited in push %d.\n' "$1" >> "$f" &&
    git -c user.name=Bench -c user.email=b@b commit -qam "push $1" &&
    git rev-parse HEAD
}

# Pushes the clone's main to bare repository $1 (its origin) and polls every $3 seconds until commit $2 is published.
push_published() {
  git push -q origin main 2>/dev/null
  wait_published "$1" "$2" "$3"
}
