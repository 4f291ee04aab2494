#!/usr/bin/env bash
# org-vs-markdown.sh — does an Org note cost about what a Markdown note of the same size costs?
#
#   tests/bench/org-vs-markdown.sh [count]        (default 2000)
#
# 1. generates the same <count> notes (same seed) twice: in Markdown and, with GenerateNotes --org, in Org;
# 2. compiles, then runs OrgRenderBench (NoteParser.parse vs parseOrg, thread CPU, several rounds in one JVM)
#    on the pair, and on the Org notes of ../shared/corpora/kisaragi-hiu.bundle (real Org; skipped if missing);
# 3. times `imprint build --out` of each generated repository with target/imprint.jar (best of 3 wall times,
#    JVM start-up included, the two formats alternating; the build's user+sys CPU too, steadier on a busy box);
# 4. prints one summary table. Exits non-zero only when something fails, never because of the numbers.
#
# Environment (all optional): BENCH_DIR (default /tmp/imprint-bench/org-vs-md), SEED (42), ROUNDS (parse rounds,
# default 15), KISARAGI_ROUNDS (default 300: its 268 small notes need many rounds to reach the JIT's steady state),
# BUILDS (full builds per format, default 3), JAVA_OPTS (for the builds, default -Xmx512m).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$(cd "$here/../.." && pwd)
count=${1:-2000}
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "error: count must be a positive integer: $count" >&2; exit 2; }
seed=${SEED:-42}
rounds=${ROUNDS:-15}
krounds=${KISARAGI_ROUNDS:-300}
builds=${BUILDS:-3}
java_opts=${JAVA_OPTS:--Xmx512m}
work=${BENCH_DIR:-/tmp/imprint-bench/org-vs-md}
bundle=$project/../shared/corpora/kisaragi-hiu.bundle
md=$work/md-$count
org=$work/org-$count
jar=$project/target/imprint.jar

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# value of key $2 on the "result format=$1 ..." line of file $3
result() { sed -n "s/^result format=$1 .*\\b$2=\\([^ ]*\\).*/\\1/p" "$3"; }

mkdir -p "$work"
for f in md org; do
  repo=$md; flag=()
  [[ $f == org ]] && { repo=$org; flag=(--org); }
  rm -rf -- "$repo"
  echo "== generating $count $f notes in $repo"
  java "$here/GenerateNotes.java" "$repo" "$count" "$seed" "${flag[@]}" | sed 's/^/   /'
done

# one Maven run: the jar (package) and the compiled test classes with their classpath
echo "== compiling (mvn -q -o -DskipTests package dependency:build-classpath)"
(cd "$project" && mvn -q -o -DskipTests package dependency:build-classpath -Dmdep.outputFile="$work/cp.txt") \
  > "$work/mvn.log" 2>&1 || { echo "error: mvn failed; see $work/mvn.log" >&2; tail -n 30 "$work/mvn.log" >&2; exit 1; }
[[ -f $jar ]] || { echo "error: mvn did not produce $jar" >&2; exit 1; }
cp="$project/target/classes:$project/target/test-classes:$(cat "$work/cp.txt")"

echo "== parsing the generated notes ($rounds rounds)"
java -cp "$cp" dev.imprint.render.OrgRenderBench --rounds "$rounds" "$md/content" "$org/content" \
  | tee "$work/parse-generated.txt" | sed 's/^/   /'

kisaragi=false
if [[ -f $bundle ]]; then
  rm -rf -- "$work/kisaragi"
  git clone -q "$bundle" "$work/kisaragi" 2>/dev/null
  echo "== parsing kisaragi-hiu's Org notes ($krounds rounds)"
  java -cp "$cp" dev.imprint.render.OrgRenderBench --rounds "$krounds" --only org "$work/kisaragi/content" \
    | tee "$work/parse-kisaragi.txt" | sed 's/^/   /'
  kisaragi=true
else
  echo "== $bundle not found: skipping the kisaragi-hiu corpus"
fi

# pages.rendered from a build report (n/a without python3)
pages() {
  python3 -c 'import json,sys
try: print(json.load(open(sys.argv[1]))["pages"]["rendered"])
except Exception: print("n/a")' "$1" 2>/dev/null || echo n/a
}

declare -A best bestCpu pagesOf
echo "== full builds: imprint build --out, best of $builds"
for ((i = 1; i <= builds; i++)); do
  order=(md org); ((i % 2 == 0)) && order=(org md)
  for f in "${order[@]}"; do
    repo=$md; [[ $f == org ]] && repo=$org
    out=$work/out-$f; report=$work/report-$f.json; log=$work/build-$f-$i.log
    rm -rf -- "$out" "$report"
    t0=$(now_ms)
    TIMEFORMAT='%U %S'
    { time java $java_opts -jar "$jar" build --source "$repo" --out "$out" --report "$report" > "$log" 2>&1; } \
      2> "$work/time-$f.txt" || {
      rc=$?
      echo "error: $f build $i failed (exit $rc); last lines of $log:" >&2
      tail -n 20 "$log" >&2
      exit 1
    }
    wall=$(( $(now_ms) - t0 ))
    cpu=$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$work/time-$f.txt")
    echo "   round $i $f: wall $wall ms, cpu $cpu ms"
    [[ -z ${best[$f]:-} || $wall -lt ${best[$f]} ]] && best[$f]=$wall
    [[ -z ${bestCpu[$f]:-} || $cpu -lt ${bestCpu[$f]} ]] && bestCpu[$f]=$cpu
    pagesOf[$f]=$(pages "$report")
  done
done

g=$work/parse-generated.txt
k=$work/parse-kisaragi.txt
row() { # label format file
  printf '%-26s %6s %7s %9s %9s %9s %8s\n' "$1" "$(result "$2" notes "$3")" "$(result "$2" avg_kb "$3")" \
    "$(result "$2" cold_ms "$3")" "$(result "$2" warm_ms "$3")" "$(result "$2" us_per_note "$3")" \
    "$(result "$2" mb_per_s "$3")"
}
echo
echo "== summary: $count generated notes, seed $seed; parse = thread CPU, warm = median of rounds 2..N (N = $rounds; kisaragi $krounds)"
printf '%-26s %6s %7s %9s %9s %9s %8s\n' "parse (NoteParser)" notes "avg KB" "cold ms" "warm ms" "us/note" "MB/s"
row "markdown, generated" markdown "$g"
row "org, generated" org "$g"
$kisaragi && row "org, kisaragi-hiu (real)" org "$k"
echo
printf '%-40s %s\n' "org/markdown CPU per byte, generated:" "$(sed -n 's/^result ratio_per_byte=//p' "$g")"
if $kisaragi; then
  printf '%-40s %s\n' "kisaragi org/generated md CPU per byte:" \
    "$(awk -v m="$(result markdown mb_per_s "$g")" -v o="$(result org mb_per_s "$k")" 'BEGIN { printf "%.2f", m / o }')"
fi
echo
printf '%-26s %12s %12s %8s\n' "full build (--out)" "best wall ms" "best cpu ms" pages
printf '%-26s %12s %12s %8s\n' "markdown, generated" "${best[md]}" "${bestCpu[md]}" "${pagesOf[md]}"
printf '%-26s %12s %12s %8s\n' "org, generated" "${best[org]}" "${bestCpu[org]}" "${pagesOf[org]}"
printf '%-40s %s\n' "org/markdown full build, wall:" \
  "$(awk -v o="${best[org]}" -v m="${best[md]}" 'BEGIN { printf "%.2f", o / m }')"
printf '%-40s %s\n' "org/markdown full build, cpu:" \
  "$(awk -v o="${bestCpu[org]}" -v m="${bestCpu[md]}" 'BEGIN { printf "%.2f", o / m }')"
[[ ${pagesOf[md]} == "${pagesOf[org]}" ]] \
  || echo "warning: the two sites rendered different page counts: the Org notes are not the same notes"
echo "(logs and outputs in $work)"
