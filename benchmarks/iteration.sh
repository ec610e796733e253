#!/usr/bin/env bash
# Python generators read from Java (PyIterator: per item, per batch, from platform and virtual threads) and
# a Java iterator read by Python, against a Python for loop over the same generator in the same run.
# Prints a Markdown section.
# usage: benchmarks/iteration.sh [--python PATH] [--no-build] [ITEMS] [REPETITIONS]
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
items=${1:-1000000}
repetitions=${2:-7}
python_exe=$("$python" -c 'import sys; print(sys.executable)')
jar=$root/benchmarks/target/benchmarks.jar
if $build; then
  (cd "$root" && mvn -q -B -ntp -pl benchmarks -am package -DskipTests 1>&2)
fi
"$JAVA_HOME/bin/java" -Xss8m --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dpybridge.python="$python_exe" -Dpybridge.bench.modulePath="$root/benchmarks/python" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$jar" io.pybridge.benchmarks.IterationThroughput "$items" "$repetitions" 2> >(grep -v '^SLF4J' >&2)
