#!/usr/bin/env bash
# A one-note push built by a cold process (a CI job): `imprint build --branch gh-pages` in a fresh JVM, with the
# cache's analysis file from the build before, and without one (an empty --cache), each round after a one-note commit.
#
#   tests/bench/cold-build.sh <repo> [rounds]        (rounds default 3; the repo from GenerateNotes.java)
#
# Environment (all optional):
#   IMPRINT_JAR jar to benchmark   (default <project>/target/imprint.jar)
#   CACHE_DIR   the kept cache      (default /tmp/imprint-cold-cache)
#   JAVA_OPTS   JVM options, e.g. -XX:SharedArchiveFile=target/imprint.jsa -Xlog:cds=off
# Prints each build's wall time and phases (-Dimprint.timing=true); the first build with the cache fills it.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/../.." && pwd)
repo=${1:?usage: cold-build.sh <repo> [rounds]}
rounds=${2:-3}
jar=${IMPRINT_JAR:-$project/target/imprint.jar}
cache=${CACHE_DIR:-/tmp/imprint-cold-cache}
[[ -f $jar ]] || { echo "error: no jar at $jar (mvn -q -DskipTests package)" >&2; exit 1; }

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
build() { # <label> <cache dir>
  local start end
  start=$(now_ms)
  java ${JAVA_OPTS:-} -Dimprint.timing=true -jar "$jar" build --source "$repo" --branch gh-pages --cache "$2" 2>&1 \
    | grep -E '^(timing|warning: .*analysis)' | sed "s/^/  $1: /" || true
  end=$(now_ms)
  echo "  $1: wall $((end - start)) ms"
}

notes=$(git -C "$repo" ls-files 'content/*note-*' | wc -l)
echo "== filling $cache"
build "with cache" "$cache"
for round in $(seq 1 "$rounds"); do
  n=$(( (round * 7919) % notes + 1 ))
  echo "== round $round"
  "$here/edit-one.sh" "$repo" "$n" body >/dev/null
  empty=$(mktemp -d)
  build "no cache  " "$empty"
  rm -rf "$empty"
  "$here/edit-one.sh" "$repo" "$((n % notes + 1))" body >/dev/null
  build "with cache" "$cache"
done
