#!/usr/bin/env bash
# pybridge-arrow: a 10M-row record batch (float64, int64, string) from Java to numpy and back, against
# Java's memcpy (MemorySegment.copy) of the same bytes in the same run. Prints a Markdown section.
# usage: benchmarks/arrow-transfer.sh [--python PATH] [--no-build] [ROWS] [REPETITIONS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/bin/jdk.sh"
python=${PYBRIDGE_PYTHON:-python3}
build=true
while [ $# -gt 0 ]; do
  case $1 in
    --python) python=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    *) break ;;
  esac
done
rows=${1:-10000000}
repetitions=${2:-15}
python_exe=$("$python" -c 'import sys; print(sys.executable)')
jar=$root/benchmarks/target/benchmarks.jar
if $build; then
  (cd "$root" && mvn -q -B -ntp -pl benchmarks -am package -DskipTests 1>&2)
fi
echo "## Arrow record batches to numpy and back"
echo
echo "\`benchmarks/arrow-transfer.sh $rows $repetitions\` (\`io.pybridge.benchmarks.arrow.ArrowTransfer\`): one JVM; the"
echo "baseline is Java's memcpy, \`MemorySegment.copy\` of the same buffers into native memory, timed in the"
echo "same run (the C baseline's \`capi.memcpy_f32_100m\` above is the same operation from C)."
echo
"$JAVA_HOME/bin/java" -Xss8m --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow -Dpybridge.python="$python_exe" \
  -Dpybridge.bench.modulePath="$root/benchmarks/python" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$jar" io.pybridge.benchmarks.arrow.ArrowTransfer "$rows" "$repetitions" 2> >(grep -v '^SLF4J' >&2)
