#!/usr/bin/env bash
# replay-kisaragi.sh — replay the whole history of ../shared/corpora/kisaragi-hiu.bundle (a Hugo site in Org mode,
# 1,868 commits, no imprint.yml) through Imprint's incremental engine and check it against full builds.
#
# Every first-parent commit, oldest to newest, is built incrementally onto gh-pages on top of the previous
# commit's build; every K-th commit (and the last) is also built in full into a separate bare repository and
# the two tree ids must be equal. Prints the number of commits, the total time and the median / p90 / max
# incremental build time per commit; exits non-zero when any incremental tree differs from the full one
# (the differing files are listed).
#
# Usage: tests/bench/replay-kisaragi.sh [K]        K = compare with a full build every K commits (default 10)
# Needs: an offline-ready Maven repository (mvn -o), git, and ../shared/corpora/kisaragi-hiu.bundle next to the checkout.
# Takes a while (tens of minutes on a small machine): each of the ~1,800 commits is a real build and publish.
set -euo pipefail
cd "$(dirname "$0")/../.."
every="${1:-10}"
if [[ ! -f ../shared/corpora/kisaragi-hiu.bundle ]]; then
  echo "replay-kisaragi: ../shared/corpora/kisaragi-hiu.bundle not found; nothing to replay" >&2
  exit 2
fi
log="$(mktemp -t replay-kisaragi.XXXXXX.log)"
status=0
mvn -q -o test -Dtest=KisaragiReplayTest -Dimprint.verify=false -Dimprint.kisaragi.all=true -Dimprint.kisaragi.every="$every" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
grep -E '^kisaragi replay:' "$log" || true
if [[ $status -ne 0 ]]; then
  echo "replay-kisaragi: FAILED (exit $status); full log: $log" >&2
  grep -E 'commit #|differs:|only in|line [0-9]+|incremental:|full:|Tests run|ERROR' "$log" | head -80 >&2 || true
  exit "$status"
fi
echo "replay-kisaragi: every incremental build compared equal to its full build (log: $log)"
