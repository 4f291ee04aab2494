#!/usr/bin/env bash
# Full build of the same N notes by Imprint (cold CLI) and by Hugo (Debian package `hugo`) with an equivalent
# minimal layout: single page with TOC and prev/next, section lists, tags, RSS, sitemap.
#   tests/bench/hugo-compare.sh [count]        (default 10000; needs `apt-get install hugo`)
# IMPRINT_JAR=path/to/imprint.jar times another build of Imprint (an older commit's, for a before/after table).
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-10000}
bench=${BENCH_DIR:-/tmp/imprint-bench}
repo=$bench/$count
command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)"; exit 1; }
jar=${IMPRINT_JAR:-target/imprint.jar}
[ -f "$jar" ] || mvn -q -DskipTests package
[ -d "$repo/.git" ] || java tests/bench/GenerateNotes.java "$repo" "$count"

# Hugo site: the same content folder, a minimal layout with what Imprint's pages have
site=$bench/hugo-$count
rm -rf "$site" && mkdir -p "$site/layouts/_default"
ln -s "$repo/content" "$site/content"
cat > "$site/hugo.toml" <<'TOML'
baseURL = "https://example.org/notes/"
title = "Bench"
disableKinds = []
[taxonomies]
  tag = "tags"
[markup.tableOfContents]
  startLevel = 2
  endLevel = 4
[markup.goldmark.renderer]
  unsafe = false
TOML
cat > "$site/layouts/_default/baseof.html" <<'HTML'
<!doctype html><html><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>{{ block "main" . }}{{ end }}</body></html>
HTML
cat > "$site/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article><p>{{ .Section }}</p><h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>
{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">#{{ .LinkTitle }}</a>{{ end }}
<nav>Contents {{ .TableOfContents }}</nav>{{ .Content }}
<nav>{{ with .Prev }}<a href="{{ .RelPermalink }}">Previously {{ .Section }} {{ .Title }}</a>{{ end }}
{{ with .Next }}<a href="{{ .RelPermalink }}">Next {{ .Section }} {{ .Title }}</a>{{ end }}</nav></article>{{ end }}
HTML
cat > "$site/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }} {{ .Summary | plainify | truncate 200 }}</li>{{ end }}</ul>{{ end }}
HTML
cp "$site/layouts/_default/list.html" "$site/layouts/_default/terms.html"

# each build must succeed (a failed one would time nothing); every run writes to a new folder
run() {
  local start end rc=0 log
  log=$(mktemp)
  start=$(date +%s%N)
  "$@" >"$log" 2>&1 || rc=$?
  end=$(date +%s%N)
  if [[ $rc -ne 0 ]]; then echo "FAILED ($rc): $*" >&2; tail -20 "$log" >&2; rm -f "$log"; exit 1; fi
  rm -f "$log"
  echo $(( (end - start) / 1000000 ))
}
old=$(ls -d "$bench/imprint-out-$count" "$bench"/imprint-out-"$count".* "$site/public" "$site"/public.* 2>/dev/null || true)
[[ -z $old ]] || rm -rf $old
sync
# ROUNDS runs of each, the order alternating (whichever runs first meets a colder page cache); medians compared
rounds=${ROUNDS:-3}
imprint_times=()
hugo_times=()
for ((r = 1; r <= rounds; r++)); do
  imprint_out=$bench/imprint-out-$count.$r
  hugo_out=$site/public.$r
  if (( r % 2 == 1 )); then
    imprint_times+=("$(run java -Xmx512m -jar "$jar" build --source "$repo" --out "$imprint_out")")
    hugo_times+=("$(run hugo --quiet --source "$site" --destination "$hugo_out")")
  else
    hugo_times+=("$(run hugo --quiet --source "$site" --destination "$hugo_out")")
    imprint_times+=("$(run java -Xmx512m -jar "$jar" build --source "$repo" --out "$imprint_out")")
  fi
  echo "round $r: imprint ${imprint_times[-1]} ms, hugo ${hugo_times[-1]} ms"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
imprint_ms=$(median "${imprint_times[@]}")
hugo_ms=$(median "${hugo_times[@]}")
imprint_pages=$(find "$imprint_out" -name '*.html' | wc -l)
hugo_pages=$(find "$hugo_out" -name '*.html' | wc -l)
echo "notes=$count"
echo "imprint: ${imprint_ms} ms median of $rounds (${imprint_pages} html files, cold JVM, -Xmx512m)"
echo "hugo:    ${hugo_ms} ms median of $rounds (${hugo_pages} html files, $(hugo version | cut -d' ' -f2))"
awk -v a="$imprint_ms" -v b="$hugo_ms" 'BEGIN { printf "ratio imprint/hugo: %.2f\n", a / b }'
