#!/usr/bin/env bash
# The Imprint GitHub Action's entry point (action.yml runs it): on a push, publishes the pushed commit to the
# publishing branch with `imprint build`; on a pull request, checks it with `imprint check`. Reads what a workflow
# gives every step — GITHUB_WORKSPACE, GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_SHA, GITHUB_REPOSITORY,
# GITHUB_SERVER_URL, GITHUB_TOKEN — and the action's inputs as IMPRINT_* variables. Pushes with the workflow's token
# and never forces: a branch someone else moved is rebuilt on its new tip by Imprint itself.
set -euo pipefail

branch="${IMPRINT_BRANCH:-gh-pages}"
cache="${IMPRINT_CACHE:-${RUNNER_TEMP:-/tmp}/imprint-cache}"
workspace="${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set: run this as a GitHub Action step}"
event="${GITHUB_EVENT_NAME:?GITHUB_EVENT_NAME is not set}"
server="${GITHUB_SERVER_URL:-https://github.com}"
report="${RUNNER_TEMP:-/tmp}/imprint-report.json"

imprint() {
  if [[ -n "${IMPRINT_CLASSPATH:-}" ]]; then # the project's own tests run it from its classes
    java ${IMPRINT_JAVA_OPTS:-} -cp "$IMPRINT_CLASSPATH" dev.imprint.cli.Main "$@"
    return
  fi
  local jar="${IMPRINT_JAR:?IMPRINT_JAR names the Imprint jar}" cds=()
  # mvn package writes the class-data archive beside the jar: a cold start in less time
  [[ -f "${jar%.jar}.jsa" ]] && cds=(-XX:SharedArchiveFile="${jar%.jar}.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off)
  java ${IMPRINT_JAVA_OPTS:-} "${cds[@]}" -jar "$jar" "$@"
}

# "path:line: warning: …" / "path:line: broken link: …" → annotations on the pull request's files
annotate() {
  sed -E -e 's/^([^:]+):([0-9]+): warning: (.*)$/::warning file=\1,line=\2::\3/' \
         -e 's/^([^:]+):([0-9]+): broken link: (.*)$/::error file=\1,line=\2::broken link: \3/'
}

if [[ "$(git -C "$workspace" rev-parse --is-shallow-repository 2>/dev/null)" == "true" ]]; then
  echo "::warning::the checkout is shallow: notes without a date take the wrong one from Git." \
       "Give actions/checkout 'fetch-depth: 0'."
fi

case "$event" in
  pull_request|pull_request_target)
    args=(check --source "$workspace" --ref HEAD --cache "$cache")
    [[ "${IMPRINT_STRICT:-false}" == "true" ]] && args+=(--strict)
    status=0
    imprint "${args[@]}" | annotate || status=$?
    exit "$status"
    ;;
  push|workflow_dispatch|schedule)
    if [[ "${GITHUB_REF:-}" == "refs/heads/$branch" ]]; then
      echo "imprint: $GITHUB_REF is the publishing branch itself; nothing to build"
      exit 0
    fi
    remote="$server/${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}.git"
    if [[ "$remote" == https://* && -n "${GITHUB_TOKEN:-}" ]]; then
      # the workflow's token, as actions/checkout uses it; Imprint never prints a URL's credentials
      remote="https://x-access-token:${GITHUB_TOKEN}@${remote#https://}"
    elif [[ "$remote" == http://* && -n "${GITHUB_TOKEN:-}" ]]; then
      remote="http://x-access-token:${GITHUB_TOKEN}@${remote#http://}"
    fi
    imprint build --source "$workspace" --ref "${GITHUB_SHA:-HEAD}" --branch "$branch" --publish-to "$remote" \
        --cache "$cache" --report "$report" ${IMPRINT_BASE_URL:+--base-url "$IMPRINT_BASE_URL"}
    ;;
  *)
    echo "imprint: nothing to do on a '$event' event (push builds, pull_request checks)"
    ;;
esac
