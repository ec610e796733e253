#!/usr/bin/env bash
# Warm-up: the first COUNT calls of a fresh JVM, no warm-up, against the same JVM's steady state
# (WarmupMain: add(i, 1) through PyObject.call, each call taking the GIL, result as long). Prints a Markdown
# section: medians of RUNS fresh processes. The AOT row trains JDK 25's ahead-of-time cache (class loading,
# linking and method profiles, -XX:AOTCacheOutput) on one run and starts the others from it (-XX:AOTCache).
#
# usage: benchmarks/warmup.sh [--python PATH] [--no-build] [RUNS] [COUNT]
set -euo pipefail
default_count=5
default_repetitions=20000
source "$(dirname "${BASH_SOURCE[0]}")/bench-main.sh"
runs=$count
calls=$repetitions
target=$root/benchmarks/target
module_dir=$root/benchmarks/python

aot=$target/warmup.aot
rm -f "$aot"
bench_java -XX:AOTCacheOutput="$aot" io.pybridge.benchmarks.WarmupMain "$module_dir" "$calls" 1 >/dev/null 2>&1 \
  || echo "warmup.sh: this JDK could not write an AOT cache; the AOT row is left out" >&2

kinds=(plain)
[ -f "$aot" ] && kinds+=(aot)
for kind in "${kinds[@]}"; do
  : >"$target/warmup-$kind.tsv"
done
for _ in $(seq 1 "$runs"); do
  bench_java io.pybridge.benchmarks.WarmupMain "$module_dir" "$calls" >>"$target/warmup-plain.tsv"
  if [ -f "$aot" ]; then
    bench_java -XX:AOTCache="$aot" io.pybridge.benchmarks.WarmupMain "$module_dir" "$calls" >>"$target/warmup-aot.tsv"
  fi
done

echo "## Warm-up: the first $calls calls of a fresh JVM"
echo
echo "\`benchmarks/warmup.sh $runs $calls\` on $(python_description);"
echo "\`add(i, 1)\` through \`PyObject.call\`, each call taking the GIL, the result read as a \`long\`; medians of $runs"
echo "fresh JVMs. Steady state: the same JVM after 3 s more of calls."
echo
echo "| JVM | first call (µs) | first 1,000 (ns/call) | first $calls (ns/call) | steady state (ns/call) | first $calls / steady |"
echo "| --- | --- | --- | --- | --- | --- |"
for kind in "${kinds[@]}"; do
  file=$target/warmup-$kind.tsv
  case $kind in
    plain) name="plain" ;;
    aot) name="with -XX:AOTCache" ;;
  esac
  first=$(median "$file" 3)
  steady=$(median "$file" 4)
  printf '| %s | %s | %s | %s | %s | %.1fx |\n' "$name" "$(median "$file" 1)" "$(median "$file" 2)" "$first" "$steady" \
    "$(echo "$first / $steady" | bc -l)"
done
