#!/usr/bin/env bash
# The first use of each kind of operation in a fresh JVM against its second use, right after it
# (FirstUseMain): what an application's first request pays on top of its steady state, operation by
# operation. Prints a Markdown section: medians of RUNS fresh JVMs (default 7), after one unmeasured run.
# usage: benchmarks/first-use.sh [--python PATH] [--no-build] [RUNS]
set -euo pipefail
default_count=7
default_repetitions=1
source "$(dirname "${BASH_SOURCE[0]}")/bench-main.sh"
runs=$count
results=$root/benchmarks/target/first-use.tsv

bench_java io.pybridge.benchmarks.FirstUseMain "$root/benchmarks/python" >/dev/null
: >"$results"
for _ in $(seq 1 "$runs"); do
  bench_java io.pybridge.benchmarks.FirstUseMain "$root/benchmarks/python" >>"$results"
done

echo "## First use of each operation"
echo
echo "\`benchmarks/first-use.sh $runs\` on $(python_description): \`FirstUseMain\` in a fresh JVM, after"
echo "\`Python.start()\`, does each operation twice in a row, in this order; medians of $runs JVMs, milliseconds."
echo
echo "| operation | first | second | first - second |"
echo "| --- | --- | --- | --- |"
# Operation names in the order of the first run, then the medians of each one's columns over all runs.
cut -f1 "$results" | awk '!seen[$0]++' | while IFS= read -r name; do
  awk -F'\t' -v name="$name" '$1 == name { first[++n] = $2; second[n] = $3 }
    function median(v, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    END { f = median(first, n); s = median(second, n); printf "| %s | %.2f | %.2f | %.2f |\n", name, f, s, f - s }' "$results"
done
