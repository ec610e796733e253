#!/usr/bin/env bash
# The stress suite's long soak (StressTest with -Dpybridge.soak=true): platform and virtual threads
# mixing calls, conversions, exceptions, callbacks, cancellations and closes; prints a Markdown section
# with its figures (operations/s, allocated blocks before and after, failures).
# usage: benchmarks/soak.sh [--python PATH] [OPERATIONS]   (default 2,000,000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/bin/jdk.sh"
python_property=()
if [ "${1:-}" = "--python" ]; then
  python_property=("-Dpybridge.test.python=$2")
  shift 2
fi
operations="${1:-2000000}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
(cd "$root" && mvn -B -ntp -pl pybridge-core -P '!debian-python' test -Dtest=StressTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dpybridge.soak=true -Dpybridge.soak.operations="$operations" \
  ${python_property[@]+"${python_property[@]}"} >"$log" 2>&1) || { cat "$log" >&2; exit 1; }
echo "## Soak"
echo
echo "\`benchmarks/soak.sh $operations\`: \`StressTest\` with \`-Dpybridge.soak=true\`, asserting every result."
echo
echo '```'
sed -n '/^Soak: /,/^  failures: /p' "$log"
echo '```'
