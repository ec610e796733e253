#!/usr/bin/env bash
# Start-up: main() -> first result, in fresh processes, beside a C program doing the same on the same
# libpython in the same run. Prints a Markdown section (medians of RUNS, after one unmeasured run of each
# that fills the OS file cache and PyBridge's probe cache, as any second start of a service finds them).
#
# Each PyBridge row is StartupMain: Python.start() (bench_target's folder on sys.path), import bench_target,
# add(1, 2) -> long. The C row is c/startup/startup_embed: dlopen, Py_InitializeEx(0), the same path, import
# and call. "in main" is measured by each program from its main(); "process" is the whole process, from
# exec to exit, as a user waits for it (the JVM's own start-up included). The AOT row adds JDK 25's
# ahead-of-time cache (-XX:AOTCache, trained once by a run with -XX:AOTCacheOutput), which an application
# can add on its own command line. The row without preloading turns StartClasses off, to show what it saves.
# The raw FFM row (RawFfmStartupMain) does the C program's steps from Java through plain FFM handles, no
# bridge code: the floor any FFM bridge starts from on this JDK, with and without its own AOT cache.
# A second table does the same for the bundled runtime (the README's default; -Dpybridge.python=bundled with
# target/bundled's jars on the class path) beside the C program on the libpython it unpacked, in the same runs.
#
# Then where the start goes, step by step (StartupPhases), and the JDK's share of it.
# usage: benchmarks/startup.sh [--python PATH] [--no-build] [RUNS]
set -euo pipefail
default_count=11
default_repetitions=1
source "$(dirname "${BASH_SOURCE[0]}")/bench-main.sh"
runs=$count
target=$root/benchmarks/target
module_dir=$root/benchmarks/python

# The C program embeds the libpython this interpreter uses, with its executable as the program name.
IFS=$'\t' read -r library program < <(python_library)
"${CC:-gcc}" -O2 -o "$target/startup_embed" "$root/benchmarks/c/startup/startup_embed.c" -ldl

aot=$target/startup.aot
rm -f "$aot"
bench_java -XX:AOTCacheOutput="$aot" io.pybridge.benchmarks.StartupMain "$module_dir" >/dev/null 2>&1 \
  || echo "startup.sh: this JDK could not write an AOT cache; the AOT row is left out" >&2
raw_aot=$target/startup-raw.aot
rm -f "$raw_aot"
if [ -f "$aot" ]; then
  bench_java -XX:AOTCacheOutput="$raw_aot" io.pybridge.benchmarks.RawFfmStartupMain "$library" "$program" "$module_dir" \
    >/dev/null 2>&1 || echo "startup.sh: no AOT cache for RawFfmStartupMain; its AOT row is left out" >&2
fi

now_ms() { date +%s.%N; }

# One run: prints "started imported called process" in ms; the first three from the program itself.
measure() {
  local before after line
  before=$(now_ms)
  line=$("$@")
  after=$(now_ms)
  printf '%s\t%s\n' "$line" "$(echo "($after - $before) * 1000" | bc -l)"
}
c_run() { measure "$target/startup_embed" "$library" "$program" "$module_dir"; }
raw_run() { measure bench_java io.pybridge.benchmarks.RawFfmStartupMain "$library" "$program" "$module_dir"; }
raw_aot_run() {
  measure bench_java -XX:AOTCache="$raw_aot" io.pybridge.benchmarks.RawFfmStartupMain "$library" "$program" "$module_dir"
}
java_run() { measure bench_java io.pybridge.benchmarks.StartupMain "$module_dir"; }
aot_run() { measure bench_java -XX:AOTCache="$aot" io.pybridge.benchmarks.StartupMain "$module_dir"; }
shim_run() { BENCH_DEFAULT_DISCOVERY=1 measure bench_java io.pybridge.benchmarks.StartupMain "$module_dir"; }
unpreloaded_run() {
  measure bench_java -Dpybridge.preloadStartClasses=false io.pybridge.benchmarks.StartupMain "$module_dir"
}

kinds=(c raw java unpreloaded)
[ -f "$aot" ] && kinds+=(aot)
[ -f "$raw_aot" ] && kinds+=(raw_aot)
# A pyenv shim as python3 is a script: without a cached answer every start would run it (and pyenv) to probe.
shim=$(command -v python3 || true)
if [ -n "$shim" ] && [ "$(head -c 2 "$shim")" = "#!" ] && grep -q pyenv "$shim"; then
  kinds+=(shim)
fi
# The bundled runtime, where Maven copied its jars: its first start may unpack it; the C row needs its tree.
bundled_run() { BENCH_BUNDLED=1 measure bench_java io.pybridge.benchmarks.StartupMain "$module_dir"; }
bundled_c_run() { measure "$target/startup_embed" "$bundled_library" "$bundled_program" "$module_dir"; }
bundled_raw_run() {
  measure bench_java io.pybridge.benchmarks.RawFfmStartupMain "$bundled_library" "$bundled_program" "$module_dir"
}
bundled_library=
if compgen -G "$target/bundled/cpython-*.jar" >/dev/null; then
  IFS=$'\t' read -r bundled_library bundled_program \
    < <(BENCH_BUNDLED=1 bench_java io.pybridge.benchmarks.StartupMain "$module_dir" --runtime) || true
fi
if [ -n "$bundled_library" ]; then
  kinds+=(bundled_c bundled_raw bundled)
else
  echo "startup.sh: the bundled runtime did not start (are benchmarks/target/bundled's jars there?); its rows are left out" >&2
fi
for kind in "${kinds[@]}"; do
  "${kind}_run" >/dev/null
  : >"$target/startup-$kind.tsv"
done
for _ in $(seq 1 "$runs"); do
  for kind in "${kinds[@]}"; do
    "${kind}_run" >>"$target/startup-$kind.tsv"
  done
done

# One table row: KIND NAME C_KIND, its ratios to the C row C_KIND of the same runs.
row() {
  local file=$target/startup-$1.tsv c_file=$target/startup-$3.tsv called process
  called=$(median "$file" 3)
  process=$(median "$file" 4)
  printf '| %s | %s | %s | %s | %.1fx | %s | %.1fx |\n' "$2" "$(median "$file" 1)" "$(median "$file" 2)" "$called" \
    "$(echo "$called / $(median "$c_file" 3)" | bc -l)" "$process" "$(echo "$process / $(median "$c_file" 4)" | bc -l)"
}

echo "## Start-up: main() to the first result"
echo
echo "\`benchmarks/startup.sh $runs\` on $(python_description) ($library);"
echo "medians of $runs fresh processes each, run in turn, after one unmeasured run of each. Milliseconds."
echo
echo "| program | started | imported | first result (in main) | ratio to C | whole process | ratio to C |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for kind in "${kinds[@]}"; do
  case $kind in
    c) row c "C: dlopen + Py_InitializeEx (startup_embed)" c ;;
    raw) row raw "Java, raw FFM handles, no bridge: the C program's steps (RawFfmStartupMain)" c ;;
    java) row java "PyBridge: Python.start() (StartupMain)" c ;;
    unpreloaded) row unpreloaded "PyBridge, start classes not preloaded (\`-Dpybridge.preloadStartClasses=false\`)" c ;;
    aot) row aot "PyBridge with -XX:AOTCache" c ;;
    raw_aot) row raw_aot "Java, raw FFM handles, no bridge, with -XX:AOTCache" c ;;
    shim) row shim "PyBridge, \`python3\` on the PATH a pyenv shim (default discovery)" c ;;
  esac
done
if [ -n "$bundled_library" ]; then
  echo
  echo "The bundled runtime (the README's default: \`-Dpybridge.python=bundled\`, its jars on the class path),"
  echo "in the same runs, beside the same C program on the libpython it unpacked ($bundled_library):"
  echo
  echo "| program | started | imported | first result (in main) | ratio to C | whole process | ratio to C |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  row bundled_c "C: startup_embed on the bundled runtime's libpython" bundled_c
  row bundled_raw "Java, raw FFM handles, no bridge, on that libpython (RawFfmStartupMain)" bundled_c
  row bundled "PyBridge: Python.start() on the bundled runtime (StartupMain)" bundled_c
fi

# Where PyBridge's start goes (StartupPhases), medians of the same number of fresh JVMs.
: >"$target/startup-phases.tsv"
: >"$target/startup-jdk.tsv"
for _ in $(seq 1 "$runs"); do
  bench_java io.pybridge.benchmarks.StartupPhases bridge "$module_dir" >>"$target/startup-phases.tsv"
  bench_java io.pybridge.benchmarks.StartupPhases jdk >>"$target/startup-jdk.tsv"
done
phases=$target/startup-phases.tsv
jdk=$target/startup-jdk.tsv
echo
echo "Where PyBridge's start goes (\`StartupPhases\`, medians of $runs fresh JVMs, milliseconds):"
echo
echo "| discovery | discovery again, same JVM | \`Interpreter.start\` | \`Python\` over it | import + first call |"
echo "| --- | --- | --- | --- | --- |"
echo "| $(median "$phases" 1) | $(median "$phases" 2) | $(median "$phases" 3) | $(median "$phases" 4) | $(median "$phases" 5) |"
echo
echo "The JDK's share in a JVM without the bridge: SLF4J's initialization $(median "$jdk" 1) ms, the FFM linker's"
echo "first downcall handle $(median "$jdk" 2) ms, a second one of another shape $(median "$jdk" 3) ms."

# What one start loads: every class, those not in the JDK's CDS archive, and the lambdas the bridge's own
# code spins (hidden classes defined by a class of pybridge's, the benchmark's main left out), each 0.6-1 ms
# in a cold JVM.
classes=$target/startup-classes.txt
bench_java -Xlog:class+load:file="$classes" io.pybridge.benchmarks.StartupMain "$module_dir" >/dev/null
loaded=$(grep -c ' source: ' "$classes")
unshared=$(grep ' source: ' "$classes" | grep -vc 'source: shared objects file')
lambdas=$(grep ' source: io\.pybridge\.' "$classes" | grep -vc ' source: io\.pybridge\.benchmarks\.' || true)
echo
echo "One start (\`StartupMain\`, \`-Xlog:class+load\`) loads $loaded classes, $unshared of them not from the JDK's"
echo "CDS archive; the bridge's own code spins $lambdas lambdas."
