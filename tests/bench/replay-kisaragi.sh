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
exec bash "$(dirname "$0")/lib/replay.sh" kisaragi kisaragi-hiu.bundle KisaragiReplayTest imprint.kisaragi "$@"
