#!/usr/bin/env bash
# Warm-up: the first COUNT calls of a fresh JVM, no warm-up, against the same JVM's steady state
# (WarmupMain: add(i, 1) through PyObject.call, each call taking the GIL, result as long). Prints a Markdown
# section: medians of RUNS fresh processes. The AOT row trains JDK 25's ahead-of-time cache (class loading,
# linking and method profiles, -XX:AOTCacheOutput) on one run and starts the others from it (-XX:AOTCache).
# The raw FFM row is the floor under both (RawFfmWarmupMain): the same calls' C API functions through plain
# FFM downcall handles on the same libpython, no bridge code, in fresh JVMs run in turn with the others.
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

IFS=$'\t' read -r library program < <(python_library)

kinds=(plain)
[ -f "$aot" ] && kinds+=(aot)
kinds+=(raw)
for kind in "${kinds[@]}"; do
  : >"$target/warmup-$kind.tsv"
done
for _ in $(seq 1 "$runs"); do
  bench_java io.pybridge.benchmarks.WarmupMain "$module_dir" "$calls" >>"$target/warmup-plain.tsv"
  if [ -f "$aot" ]; then
    bench_java -XX:AOTCache="$aot" io.pybridge.benchmarks.WarmupMain "$module_dir" "$calls" >>"$target/warmup-aot.tsv"
  fi
  bench_java io.pybridge.benchmarks.RawFfmWarmupMain "$library" "$program" "$module_dir" "$calls" \
    >>"$target/warmup-raw.tsv"
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
    raw) name="raw FFM, no bridge: the same C API calls (RawFfmWarmupMain)" ;;
  esac
  first=$(median "$file" 3)
  steady=$(median "$file" 4)
  printf '| %s | %s | %s | %s | %s | %.1fx |\n' "$name" "$(median "$file" 1)" "$(median "$file" 2)" "$first" "$steady" \
    "$(echo "$first / $steady" | bc -l)"
done

raw_first=$(median "$target/warmup-raw.tsv" 3)
plain_steady=$(median "$target/warmup-plain.tsv" 4)
echo
echo "The raw FFM row makes, per call, the C API calls a bridge call makes (PyEval_RestoreThread,"
echo "PyLong_FromLongLong, PyObject_Vectorcall, Py_DecRef twice, PyEval_SaveThread: counted with uprobes on"
echo "libpython), writes the argument vector and reads the result in place, through FFM handles and no bridge code."
printf 'Its first %s calls average %s ns, %.1fx the bridge'"'"'s steady state: the JDK'"'"'s share of the warm-up,\n' \
  "$calls" "$raw_first" "$(echo "$raw_first / $plain_steady" | bc -l)"
echo "which no binding of these calls through FFM goes under on this JDK and host."
