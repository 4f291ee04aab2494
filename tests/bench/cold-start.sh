#!/usr/bin/env bash
# cold-start.sh [runs] [repo] — what a one-shot JVM costs: `imprint build --out` of a small repository (a fresh
# one-note repository unless a path is given), run alternately without and with the class-data archive that
# `mvn package` writes (target/imprint.jsa), `runs` times each (default 9). Prints the median and best wall time
# of each and their ratio. Needs target/imprint.jar and target/imprint.jsa (mvn -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-9}"
jar="$PWD/target/imprint.jar"
jsa="$PWD/target/imprint.jsa"
[[ -f "$jar" && -f "$jsa" ]] || { echo "cold-start: build first: mvn -q -DskipTests package" >&2; exit 2; }
work="$(mktemp -d -t cold-start.XXXXXX)"
trap 'rm -rf "$work"' EXIT
repo="${2:-}"
if [[ -z "$repo" ]]; then
  repo="$work/notes"
  git init -q -b main "$repo"
  printf -- '---\ntitle: One\ndate: 2024-01-01\n---\nOne note.\n' > "$repo/one.md"
  git -C "$repo" add -A
  git -C "$repo" -c user.name=Bench -c user.email=bench@localhost commit -q -m one
fi
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
plain=() cds=()
for ((i = 0; i < runs; i++)); do
  rm -rf "$work/a" "$work/b"
  plain+=("$(ms java -jar "$jar" build --source "$repo" --out "$work/a" --cache "$work/cache-a")")
  cds+=("$(ms java -XX:SharedArchiveFile="$jsa" -Xlog:cds=off -jar "$jar" build --source "$repo" --out "$work/b" --cache "$work/cache-b")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
best() { printf '%s\n' "$@" | sort -n | head -1; }
mp=$(median "${plain[@]}"); mc=$(median "${cds[@]}")
printf 'cold build, %d runs each, alternating:\n' "$runs"
printf '  java -jar                        median %5d ms  best %5d ms\n' "$mp" "$(best "${plain[@]}")"
printf '  java -XX:SharedArchiveFile -jar  median %5d ms  best %5d ms\n' "$mc" "$(best "${cds[@]}")"
awk -v a="$mc" -v b="$mp" 'BEGIN { printf "  with the archive / without: %.2f\n", a / b }'
