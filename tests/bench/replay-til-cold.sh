#!/usr/bin/env bash
# replay-til-cold.sh — replay-til.sh's history built cold: every first-parent commit of ../shared/corpora/til.bundle by
# a fresh Builder that shares only the cache directory (the analysis file) with the build before, as one CI job per
# push would; every K-th commit compared with a full build. Prints the per-commit median, p90 and max.
#
# Usage: tests/bench/replay-til-cold.sh [K]        K = compare with a full build every K commits (default 10)
exec bash "$(dirname "$0")/lib/replay.sh" til-cold til.bundle TilColdReplayTest imprint.cold "$@"
