#!/usr/bin/env bash
# kill -9 a real `imprint build` many more times than CI does (KillNineTest, 20 kills): after every kill the
# repository must be fsck-clean and the publishing branch a complete commit, and at the end the tree must equal a
# clean full build's.
#   tests/bench/kill-nine.sh [kills] [seed] [notes]        (defaults 200, random, 200)
set -euo pipefail
cd "$(dirname "$0")/../.."
kills=${1:-200}
seed=${2:-$(date +%s%N)}
notes=${3:-200}
log=${BENCH_DIR:-/tmp/imprint-bench}/kill-nine-$seed.log
mkdir -p "$(dirname "$log")"
start=$(date +%s)
set +e
mvn -B -ntp -q -o test -Dtest=KillNineTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dimprint.kill.count="$kills" -Dimprint.kill.seed="$seed" -Dimprint.kill.notes="$notes" > "$log" 2>&1
rc=$?
set -e
grep '^kill-nine:' "$log" | grep -v '^kill-nine: round' || true
echo "$(grep -c '^kill-nine: round.*killed at' "$log") kills in $(( $(date +%s) - start ))s, seed $seed: $([ $rc = 0 ] && echo passed || echo "FAILED (see $log)")"
exit $rc
