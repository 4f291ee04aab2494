#!/usr/bin/env bash
# Edit one generated note and commit the change (for incremental-build benchmarks).
#
#   tests/bench/edit-one.sh <repo> <note-number> body|title
#
#   body   append a line to the note's body
#   title  change the note's title (front matter `title:`)
#
# Commits are deterministic: fixed identity, and the commit date is the
# generator's fixed date plus one minute per existing commit.
set -euo pipefail

usage() { echo "usage: $0 <repo> <note-number> body|title" >&2; exit 2; }
[[ $# -eq 3 ]] || usage
repo=$1 num=$2 mode=$3
[[ $num =~ ^[0-9]+$ ]] || usage
[[ $mode == body || $mode == title ]] || usage
num=$((10#$num))

unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
g() { git -C "$repo" -c core.autocrlf=false -c commit.gpgsign=false -c core.hooksPath=/dev/null "$@"; }

# note-00042.md (zero-padded to >= 5 digits); match the number, not the padding.
file=$(g ls-files -- 'content/*' | grep -E "/note-0*${num}\.md\$" | head -n 1 || true)
[[ -n $file ]] || { echo "error: note $num not found in $repo" >&2; exit 1; }
path="$repo/$file"

n=$(g rev-list --count HEAD)   # edit sequence number
case $mode in
  body)
    printf '\nEdited for benchmark, revision %d.\n' "$n" >> "$path"
    ;;
  title)
    # Replace the first `title:` line (inside the front matter), dropping any earlier " (rev N)" suffix.
    sed -i -E '0,/^title: /{s/^title: "?(.*[^"])"?$/title: "\1"/; s/^title: "(.*) \(rev [0-9]+\)"$/title: "\1"/; s/^title: "(.*)"$/title: "\1 (rev '"$n"')"/}' "$path"
    ;;
esac

date=$((1704067200 + 60 * n))
GIT_AUTHOR_DATE="$date +0000" GIT_COMMITTER_DATE="$date +0000" \
  g -c user.name=Bench -c user.email=bench@localhost \
  commit -q -m "Edit note $num ($mode)" -- "$file"
echo "$file $(g rev-parse --short HEAD)"
