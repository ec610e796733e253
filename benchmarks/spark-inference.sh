#!/usr/bin/env bash
# examples/spark-inference: rows/s of the Python model inside Spark's executor JVM against a pure-Java UDF
# doing the same arithmetic, where each Python batch spends its time, and whether Spark's task threads
# handing Python to PyBridge's own threads (their stack is under 8 MiB without -Xss8m) matters.
# Prints a Markdown section. usage: benchmarks/spark-inference.sh [--python PATH] [COPIES] [BATCH_SIZE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python_args=()
if [ "${1:-}" = "--python" ]; then
  python_args=(-Dpybridge.python="$2")
  shift 2
fi
copies=${1:-1000}
batch=${2:-4096}
echo "## Spark: a Python model in the executor JVM"
echo
echo "\`benchmarks/spark-inference.sh $copies $batch\`: \`bin/spark-inference --master local[2] --copies $copies"
echo "--batch-size $batch --rounds 3\` (Spark 4.2 local mode, one JVM), once with \`-Xss8m\` (task threads run"
echo "Python themselves) and once with the JVM's default 1 MiB stacks (each batch's Python hops to a PyBridge"
echo "thread). Each round scores every row with the Python UDF, then with the Java UDF; rows/s is for the whole"
echo "Spark job (generating the rows, scoring, summing the results). Per batch: Java rows to an Arrow batch, the"
echo "wait for the GIL (and the hop), the bridge (Arrow to Python and the scores back to Java), the model in"
echo "Python, Arrow scores to Spark rows."
for xss in 8m 1m; do
  echo
  echo "-Xss$xss:"
  echo
  echo '```'
  SPARK_INFERENCE_XSS=$xss JAVA_TOOL_OPTIONS="${python_args[*]:-}" "$root/bin/spark-inference" --master 'local[2]' \
    --copies "$copies" --batch-size "$batch" --rounds 3 2>/dev/null | grep -v '^Picked up JAVA_TOOL_OPTIONS'
  echo '```'
done
