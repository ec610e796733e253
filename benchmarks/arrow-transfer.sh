#!/usr/bin/env bash
# pybridge-arrow: a 10M-row record batch (float64, int64, string) from Java to numpy and back, against
# Java's memcpy (MemorySegment.copy) of the same bytes in the same run. Prints a Markdown section.
# usage: benchmarks/arrow-transfer.sh [--python PATH] [--no-build] [ROWS] [REPETITIONS]
set -euo pipefail
default_count=10000000
default_repetitions=15
source "$(dirname "$0")/bench-main.sh"
rows=$count
echo "## Arrow record batches to numpy and back"
echo
echo "\`benchmarks/arrow-transfer.sh $rows $repetitions\` (\`io.pybridge.benchmarks.arrow.ArrowTransfer\`): one JVM; the"
echo "baseline is Java's memcpy, \`MemorySegment.copy\` of the same buffers into native memory, timed in the"
echo "same run (the C baseline's \`capi.memcpy_f32_100m\` above is the same operation from C)."
echo
bench_java io.pybridge.benchmarks.arrow.ArrowTransfer "$rows" "$repetitions"
