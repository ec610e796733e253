#!/usr/bin/env bash
# Paired runs: each JMH benchmark named (a key of pairs.tsv without parameters, such as call.add; every key
# with a target when none is named) run between two runs of its C baseline, the three in turn, ROUNDS times.
# The two sides of each ratio are then measured seconds apart, not minutes as in run.sh's suite, so that a
# host whose speed drifts moves both alike. Prints a Markdown table (tools/paired.py) and writes it to
# target/results/paired.md.
#
# usage: benchmarks/paired.sh [--python PATH] [--no-build] [--rounds N] [KEY...]
set -euo pipefail
bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench_dir/.." && pwd)"
source "$root/bin/jdk.sh"

python=${PYBRIDGE_PYTHON:-python3}
build=true
rounds=3
while [ $# -gt 0 ]; do
  case $1 in
    --python) python=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    -*) echo "paired.sh: unknown option $1 (usage: paired.sh [--python PATH] [--no-build] [--rounds N] [KEY...])" >&2; exit 2 ;;
    *) break ;;
  esac
done
python_exe=$("$python" -c 'import sys; print(sys.executable)') || {
  echo "paired.sh: '$python' does not run as a Python interpreter (use --python PATH)" >&2
  exit 1
}
target=$bench_dir/target
jar=$target/benchmarks.jar
results=$target/results/paired
cd "$root"
# shellcheck source=bench-jmh.sh
source "$bench_dir/bench-jmh.sh"
if $build; then
  "$bench_dir/c/build.sh" "$python_exe" "$target" >/dev/null
  mvn -q -B -ntp -pl benchmarks -am package -DskipTests 1>&2
fi

keys=("$@")
if [ ${#keys[@]} -eq 0 ]; then
  mapfile -t keys < <(sed 's/#.*//' "$bench_dir/pairs.tsv" | awk 'NF == 3 && $3 != "-" { print $1 }' | sort -u)
fi

rm -rf "$results"
for key in "${keys[@]}"; do
  c_name=$("$python_exe" "$bench_dir/tools/paired.py" --pairs "$bench_dir/pairs.tsv" --baseline-of "$key") || exit 2
  group=${key%%.*}
  # call.add -> ^io\.pybridge\.benchmarks\.CallBenchmark\.add$ (JMH matches names by regular expression)
  benchmark="^io\\.pybridge\\.benchmarks\\.${group^}Benchmark\\.${key#*.}\$"
  mkdir -p "$results/$key"
  for round in $(seq 1 "$rounds"); do
    echo "== $key, round $round of $rounds" >&2
    capi_run --only "$c_name" >"$results/$key/$round.before.tsv"
    if ! java -jar "$jar" "$benchmark" -f 1 -wi 3 -w 1s -i 5 -r 1s -bm avgt -tu ns -jvmArgsAppend "$(jmh_jvm_args)" \
        -rf json -rff "$results/$key/$round.jmh.json" >"$results/$key/$round.jmh.log" 2>&1; then
      cat "$results/$key/$round.jmh.log" >&2
      echo "paired.sh: JMH failed on $key (its output above)" >&2
      exit 1
    fi
    capi_run --only "$c_name" >"$results/$key/$round.after.tsv"
  done
done

"$python_exe" "$bench_dir/tools/paired.py" --pairs "$bench_dir/pairs.tsv" --dir "$results" \
  --out "$target/results/paired.md" --command "benchmarks/paired.sh --rounds $rounds ${keys[*]}"
cat "$target/results/paired.md"
