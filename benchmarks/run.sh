#!/usr/bin/env bash
# Runs the C API baseline and the JMH benchmarks in one go and writes their ratios to BENCHMARKS.md.
# usage: benchmarks/run.sh [--quick] [--python PATH] [--c-only] [--no-build] [--out FILE]
# After the ratio table it appends start-up and warm-up (benchmarks/startup.sh, benchmarks/warmup.sh), the
# first use of each kind of operation (benchmarks/first-use.sh), the reference application's throughput
# (benchmarks/app-throughput.sh),
# Arrow batches to numpy and back (benchmarks/arrow-transfer.sh), generators read from Java
# (benchmarks/iteration.sh) and, in full mode, the Spark example
# (benchmarks/spark-inference.sh) and the stress suite's soak (benchmarks/soak.sh).
#   --quick      short rounds and iterations: a smoke run of a minute or two, not figures to quote
#   --python     interpreter to embed (default: $PYBRIDGE_PYTHON, else python3); both sides use it
#   --c-only     run the C baseline only
#   --no-build   use benchmarks/target/benchmarks.jar as it is (default: build it with Maven first)
#   --out        where the report goes (default: BENCHMARKS.md at the repository root)
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(dirname "$bench_dir")
mode=full
python=${PYBRIDGE_PYTHON:-python3}
run_jmh=true
build_jar=true
report=$repo_dir/BENCHMARKS.md

usage() { sed -n '3,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
while [ $# -gt 0 ]; do
  case $1 in
    --quick) mode=quick ;;
    --python) [ $# -ge 2 ] || { usage >&2; exit 2; }; python=$2; shift ;;
    --c-only) run_jmh=false ;;
    --no-build) build_jar=false ;;
    --out) [ $# -ge 2 ] || { usage >&2; exit 2; }; report=$(realpath -m "$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

cd "$repo_dir"
# shellcheck source=../bin/jdk.sh
source bin/jdk.sh

# The interpreter itself, not a launcher in front of it (a pyenv shim, say), so both sides embed the same one.
if ! python_exe=$("$python" -c 'import sys; print(sys.executable)' 2>/dev/null) || [ -z "$python_exe" ]; then
  echo "run.sh: '$python' does not run as a Python interpreter (use --python PATH or set PYBRIDGE_PYTHON)" >&2
  exit 1
fi
target=$bench_dir/target
# shellcheck source=bench-jmh.sh
source "$bench_dir/bench-jmh.sh"
results=$target/results
mkdir -p "$results"
rm -f "$results/capi.tsv" "$results/capi-after.tsv" "$results/jmh.json"

echo "== C API baseline ($mode) on $python_exe"
"$bench_dir/c/build.sh" "$python_exe" "$target"
c_options=()
[ "$mode" = quick ] && c_options+=(--quick)
capi_run ${c_options[@]+"${c_options[@]}"} | tee "$results/capi.tsv"

report_inputs=()
if $run_jmh; then
  jar=$target/benchmarks.jar
  if $build_jar; then
    echo "== Building $jar"
    mvn -q -pl benchmarks -am package -DskipTests
  fi
  if [ ! -f "$jar" ]; then
    echo "run.sh: $jar is missing: build it with 'mvn -pl benchmarks -am package -DskipTests' or drop --no-build" >&2
    exit 1
  fi
  # JMH lists nothing (and fails) when the jar holds no @Benchmark methods yet.
  benchmark_count=$({ java -jar "$jar" -l 2>/dev/null || true; } |
    awk 'listed && NF { count++ } /^Benchmarks:/ { listed = 1 } END { print count + 0 }')
  if [ "$benchmark_count" -eq 0 ]; then
    echo "== JMH skipped: $jar holds no benchmarks yet; the report shows the C baseline alone"
  else
    if [ "$mode" = quick ]; then
      jmh_times=(-wi 1 -w 200ms -i 2 -r 200ms)
    else
      jmh_times=(-wi 3 -w 1s -i 5 -r 1s)
    fi
    echo "== JMH ($mode): $benchmark_count benchmarks"
    java -jar "$jar" -f 1 "${jmh_times[@]}" -bm avgt -tu ns -jvmArgsAppend "$(jmh_jvm_args)" \
      -rf json -rff "$results/jmh.json"
    report_inputs=(--jmh "$results/jmh.json")
    # The C side again: on a host whose speed drifts over minutes, the report says by how much.
    echo "== C API baseline again, after JMH"
    capi_run ${c_options[@]+"${c_options[@]}"} | tee "$results/capi-after.tsv"
    report_inputs+=(--capi-after "$results/capi-after.tsv")
  fi
fi

"$python_exe" "$bench_dir/tools/report.py" --capi "$results/capi.tsv" ${report_inputs[@]+"${report_inputs[@]}"} \
  --pairs "$bench_dir/pairs.tsv" --mode "$mode" --out "$report"
if [ "$run_jmh" = true ]; then
  echo "== Start-up and warm-up"
  { echo; "$bench_dir/startup.sh" --python "$python_exe" --no-build "$([ "$mode" = quick ] && echo 3 || echo 11)"; } >>"$report"
  { echo; "$bench_dir/warmup.sh" --python "$python_exe" --no-build "$([ "$mode" = quick ] && echo 1 || echo 5)"; } >>"$report"
  { echo; "$bench_dir/first-use.sh" --python "$python_exe" --no-build "$([ "$mode" = quick ] && echo 1 || echo 7)"; } >>"$report"
  echo "== Reference application throughput"
  { echo; "$bench_dir/app-throughput.sh" $([ "$mode" = quick ] && echo 2 1 || echo 8 5); } >>"$report"
  echo "== Arrow record batches to numpy and back"
  arrow_size=()
  [ "$mode" = quick ] && arrow_size=(1000000 5)
  { echo; "$bench_dir/arrow-transfer.sh" --python "$python_exe" --no-build ${arrow_size[@]+"${arrow_size[@]}"}; } >>"$report"
  echo "== Iterating Python generators from Java"
  iteration_size=()
  [ "$mode" = quick ] && iteration_size=(200000 3)
  { echo; "$bench_dir/iteration.sh" --python "$python_exe" --no-build ${iteration_size[@]+"${iteration_size[@]}"}; } >>"$report"
  if [ "$mode" != quick ]; then
    echo "== Spark example (about a minute)"
    { echo; "$bench_dir/spark-inference.sh" --python "$python_exe"; } >>"$report"
    echo "== Soak (about 2 minutes)"
    { echo; "$bench_dir/soak.sh"; } >>"$report"
  fi
fi
echo "== Report: $report"
