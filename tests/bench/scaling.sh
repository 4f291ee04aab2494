#!/usr/bin/env bash
# Does a one-note push cost the same on a large repository as on a small one? Warm body edits (IncrementalBench,
# one process per size) on generated repositories of each size, then each median against the first size's.
#
#   tests/bench/scaling.sh [rounds] [count...]      (default: 20 rounds; 1000 10000 100000)
#
# Environment (all optional): BENCH_DIR (default /tmp/imprint-bench), SEED (default 42),
# JAVA_OPTS (default -Xmx8g: the 100,000-note full build that starts each run needs it), IMPRINT_JAR.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/../.." && pwd)
bench=${BENCH_DIR:-/tmp/imprint-bench}
seed=${SEED:-42}
java_opts=${JAVA_OPTS:--Xmx8g}
jar=${IMPRINT_JAR:-$project/target/imprint.jar}
rounds=${1:-20}
shift || true
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || counts=(1000 10000 100000)

if [[ ! -f $jar ]]; then
  (cd "$project" && mvn -q -DskipTests package)
fi
mkdir -p "$bench"

declare -A median
for c in "${counts[@]}"; do
  repo=$bench/$c
  if ! head -1 "$repo/imprint.yml" 2>/dev/null | grep "(count $c, seed $seed)" >/dev/null; then
    rm -rf "$repo"
    java "$here/GenerateNotes.java" "$repo" "$c" "$seed" >/dev/null
  fi
  echo "== $c notes: $rounds warm body edits"
  out=$(java $java_opts -Dkinds=body -cp "$jar" "$here/IncrementalBench.java" "$repo" "$rounds")
  echo "$out"
  median[$c]=$(echo "$out" | sed -n 's/^body  edit: median \([0-9]*\) ms.*/\1/p')
done

first=${counts[0]}
printf '\n%10s %12s %10s\n' notes "median ms" "vs $first"
for c in "${counts[@]}"; do
  printf '%10s %12s %10s\n' "$c" "${median[$c]}" "$(awk -v a="${median[$c]}" -v b="${median[$first]}" 'BEGIN { printf "%.2f", a / b }')"
done
