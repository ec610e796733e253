#!/usr/bin/env bash
# Python generators read from Java (PyIterator: per item, per batch, from platform and virtual threads) and
# a Java iterator read by Python, against a Python for loop over the same generator in the same run.
# Prints a Markdown section.
# usage: benchmarks/iteration.sh [--python PATH] [--no-build] [ITEMS] [REPETITIONS]
set -euo pipefail
default_count=1000000
default_repetitions=7
source "$(dirname "$0")/bench-main.sh"
items=$count
bench_java io.pybridge.benchmarks.IterationThroughput "$items" "$repetitions"
