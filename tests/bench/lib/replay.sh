#!/usr/bin/env bash
# lib/replay.sh NAME BUNDLE TEST PREFIX [K] — the body of replay-til.sh and replay-kisaragi.sh: runs the replay test
# TEST over every first-parent commit of ../shared/corpora/BUNDLE (system properties under PREFIX), comparing with a
# full build every K commits (default 10). Prints the test's "NAME replay:" line; exits non-zero on any difference.
set -euo pipefail
name="$1" bundle="$2" test="$3" prefix="$4" every="${5:-10}"
cd "$(dirname "$0")/../../.."
if [[ ! -f "../shared/corpora/$bundle" ]]; then
  echo "replay-$name: ../shared/corpora/$bundle not found; nothing to replay" >&2
  exit 2
fi
log="$(mktemp -t "replay-$name.XXXXXX.log")"
status=0
mvn -q -o test -Dtest="$test" -Dimprint.verify=false -D"$prefix".all=true -D"$prefix".every="$every" \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1 || status=$?
grep -E "^$name replay:" "$log" || true
if [[ $status -ne 0 ]]; then
  echo "replay-$name: FAILED (exit $status); full log: $log" >&2
  grep -E 'commit #|differs:|only in|line [0-9]+|incremental:|full:|Tests run|ERROR' "$log" | head -80 >&2 || true
  exit "$status"
fi
echo "replay-$name: every incremental build compared equal to its full build (log: $log)"
