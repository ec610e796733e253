#!/usr/bin/env bash
# The reference application's throughput: files/s with 1 and with 8 files at once, and peak RSS,
# on generated sample media copied COPIES times (default 8); then the same `embedders` work on one set of
# the samples (JPEG left out) by standalone Python, by that script embedded in PyBridge (`bin/pybridge run`)
# and by the application, first pass (cold) and later passes (warm), each the median of RUNS fresh
# processes (default 5). Prints a Markdown section.
# usage: benchmarks/app-throughput.sh [--python PATH] [COPIES [RUNS]]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python_args=()
if [ "${1:-}" = "--python" ]; then
  python_args=(--python "$2")
  shift 2
fi
copies="${1:-8}"
runs="${2:-5}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

samples="$work/samples"
mkdir -p "$samples"
# The application generates its sample set when given no folder; keep one copy of it.
"$root/bin/media-analyzer" --no-progress "${python_args[@]}" >"$work/first.txt" 2>&1
generated=$(sed -n 's/.*No folder given: generated [0-9]* sample files in //p' "$work/first.txt")
if [ -z "$generated" ] || [ ! -d "$generated" ]; then
  echo "app-throughput: bin/media-analyzer did not generate its samples; its output was:" >&2
  cat "$work/first.txt" >&2
  exit 1
fi
for i in $(seq 1 "$copies"); do
  mkdir -p "$samples/copy-$i"
  cp "$generated"/* "$samples/copy-$i/"
done
rm -rf "$generated"

echo "## Reference application throughput"
echo
echo "\`benchmarks/app-throughput.sh $copies\` on $(ls -R "$samples" | grep -c '\.\(wav\|png\|jpg\|bmp\|gif\)$') generated files"
echo "(${python_args[*]:-bundled CPython}); each line is one run of \`bin/media-analyzer\` in a fresh JVM, models loaded once."
echo
echo "| files at once | files | seconds | files/s | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
for threads in 1 8; do
  line=$("$root/bin/media-analyzer" --no-progress --threads "$threads" "${python_args[@]}" "$samples" 2>&1 | grep -E '^[0-9]+ files in ')
  # "72 files in 9.81 s (7.3 files/s, 1 at once), 0 skipped or failed, peak RSS 221 MiB"
  echo "$line" | sed -E 's/^([0-9]+) files in ([0-9.]+) s \(([0-9.]+) files\/s, ([0-9]+) at once\).*peak RSS (.*)$/| \4 | \1 | \2 | \3 | \5 |/'
done

# --- The same embedders work against standalone Python, on one copy of the samples without JPEG
# (app_baseline.py hands files to embedders as paths, and numpy cannot read JPEG).
compare="$work/compare"
mkdir -p "$compare"
cp "$samples/copy-1"/* "$compare/"
rm -f "$compare"/*.jpg "$compare"/*.jpeg
passes=4
if [ ${#python_args[@]} -gt 0 ]; then
  standalone=${python_args[1]}
  standalone_env=()
else
  cache=${PYBRIDGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pybridge}
  # The newest tree: the application runs unpacked it (above), older layouts' trees may still be there.
  bundled=$(ls -td "$cache"/python-3.14.*-linux-x86_64-* 2>/dev/null | grep -v '\.lock$' | head -n 1 || true)
  if [ -z "$bundled" ]; then
    echo "app-throughput: the bundled CPython is not unpacked under $cache" >&2
    exit 1
  fi
  standalone=$bundled/bin/python3
  standalone_env=("LD_LIBRARY_PATH=$bundled/lib")
fi
embedders_path="$root/examples/media-analyzer/python"

# The median of the numbers on standard input, one a line.
median() {
  sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# One fresh process: prints "WHOLE_SECONDS FIRST_PASS WARM_MEDIAN" from its "pass N: ... in X s" lines.
measure() {
  local begin end output passes first warm
  begin=$(date +%s%N)
  output=$("$@" 2>&1) || { echo "app-throughput: failed: $*" >&2; echo "$output" >&2; return 1; }
  end=$(date +%s%N)
  passes=$(echo "$output" | sed -nE 's/^pass ([0-9]+): [0-9]+ files in ([0-9.]+) s.*/\1 \2/p')
  first=$(echo "$passes" | awk '$1 == 1 { print $2 }')
  warm=$(echo "$passes" | awk '$1 > 1 { print $2 }' | median) || return 1
  [ -n "$first" ] || return 1
  awk -v whole="$(( (end - begin) / 1000000 ))" -v first="$first" -v warm="$warm" \
    'BEGIN { printf "%.3f %.3f %.3f\n", whole / 1000, first, warm }'
}

# The median of RUNS measurements, column by column.
median_of_runs() {
  local i rows
  rows=$(for i in $(seq 1 "$runs"); do
    measure "$@" || { echo "app-throughput: no pass times from: $*" >&2; exit 1; }
  done) || exit 1
  echo "$(echo "$rows" | cut -d' ' -f1 | median) $(echo "$rows" | cut -d' ' -f2 | median) $(echo "$rows" | cut -d' ' -f3 | median)"
}

read -r py_whole py_first py_warm < <(median_of_runs env ${standalone_env[@]+"${standalone_env[@]}"} \
  PYTHONPATH="$embedders_path" "$standalone" "$root/benchmarks/python/app_baseline.py" "$compare" "$passes")
pybridge_python=(--bundled)
[ ${#python_args[@]} -gt 0 ] && pybridge_python=(--python "$standalone")
read -r br_whole br_first br_warm < <(median_of_runs "$root/bin/pybridge" run "${pybridge_python[@]}" \
  --path "$root/benchmarks/python" --path "$embedders_path" app_baseline:run "$compare" "$passes")
read -r app_whole app_first app_warm < <(median_of_runs "$root/bin/media-analyzer" --no-progress --threads 1 \
  --passes "$passes" "${python_args[@]}" "$compare")
# What an application can add on top: JDK 25's AOT cache, made by one training run on the same folder.
source "$root/bin/jdk.sh"
app_jar="$root/examples/media-analyzer/target/media-analyzer.jar"
"$JAVA_HOME/bin/java" -Xss8m -XX:AOTCacheOutput="$work/app.aot" -jar "$app_jar" --no-progress --threads 1 \
  --passes 2 "${python_args[@]}" "$compare" >"$work/training.txt" 2>&1 ||
  { echo "app-throughput: the AOT training run failed:" >&2; cat "$work/training.txt" >&2; exit 1; }
read -r aot_whole aot_first aot_warm < <(median_of_runs "$JAVA_HOME/bin/java" -Xss8m -XX:AOTCache="$work/app.aot" \
  -jar "$app_jar" --no-progress --threads 1 --passes "$passes" "${python_args[@]}" "$compare")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo
echo "The same \`embedders\` work on the $(ls "$compare" | wc -l) non-JPEG samples, one file at a time: standalone Python running"
echo "\`benchmarks/python/app_baseline.py\` ($standalone), that script embedded (\`bin/pybridge run\`), and the application"
echo "(\`bin/media-analyzer --threads 1 --passes $passes\`, which decodes the files in Java and hands numpy views of"
echo "them over). Cold: the first pass after the models are loaded, in a fresh process; warm: the median of"
echo "passes 2 to $passes. Each figure is the median of $runs fresh processes; ratios are to standalone Python."
echo "The AOT line runs the application's jar with \`-XX:AOTCache\`, made by one training run (\`-XX:AOTCacheOutput\`)."
echo
echo "| program | whole process | cold pass | warm pass | cold ratio | warm ratio |"
echo "| --- | --- | --- | --- | --- | --- |"
echo "| standalone Python | ${py_whole} s | ${py_first} s | ${py_warm} s | 1x | 1x |"
echo "| the script in PyBridge | ${br_whole} s | ${br_first} s | ${br_warm} s | $(ratio "$br_first" "$py_first") | $(ratio "$br_warm" "$py_warm") |"
echo "| the application | ${app_whole} s | ${app_first} s | ${app_warm} s | $(ratio "$app_first" "$py_first") | $(ratio "$app_warm" "$py_warm") |"
echo "| the application, JDK AOT cache | ${aot_whole} s | ${aot_first} s | ${aot_warm} s | $(ratio "$aot_first" "$py_first") | $(ratio "$aot_warm" "$py_warm") |"
