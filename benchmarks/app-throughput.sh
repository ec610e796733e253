#!/usr/bin/env bash
# The reference application's throughput: files/s with 1 and with 8 files at once, and peak RSS,
# on generated sample media copied COPIES times (default 8). Prints a Markdown section.
# usage: benchmarks/app-throughput.sh [--python PATH] [COPIES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python_args=()
if [ "${1:-}" = "--python" ]; then
  python_args=(--python "$2")
  shift 2
fi
copies="${1:-8}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

samples="$work/samples"
mkdir -p "$samples"
# The application generates its sample set when given no folder; keep one copy of it.
"$root/bin/media-analyzer" --no-progress "${python_args[@]}" >"$work/first.txt" 2>&1
generated=$(sed -n 's/.*No folder given: generated [0-9]* sample files in //p' "$work/first.txt")
if [ -z "$generated" ] || [ ! -d "$generated" ]; then
  echo "app-throughput: bin/media-analyzer did not generate its samples; its output was:" >&2
  cat "$work/first.txt" >&2
  exit 1
fi
for i in $(seq 1 "$copies"); do
  mkdir -p "$samples/copy-$i"
  cp "$generated"/* "$samples/copy-$i/"
done
rm -rf "$generated"

echo "## Reference application throughput"
echo
echo "\`benchmarks/app-throughput.sh $copies\` on $(ls -R "$samples" | grep -c '\.\(wav\|png\|jpg\|bmp\|gif\)$') generated files"
echo "(${python_args[*]:-bundled CPython}); each line is one run of \`bin/media-analyzer\` in a fresh JVM, models loaded once."
echo
echo "| files at once | files | seconds | files/s | peak RSS |"
echo "| --- | --- | --- | --- | --- |"
for threads in 1 8; do
  line=$("$root/bin/media-analyzer" --no-progress --threads "$threads" "${python_args[@]}" "$samples" 2>&1 | grep -E '^[0-9]+ files in ')
  # "72 files in 9.81 s (7.3 files/s, 1 at once), 0 skipped or failed, peak RSS 221 MiB"
  echo "$line" | sed -E 's/^([0-9]+) files in ([0-9.]+) s \(([0-9.]+) files\/s, ([0-9]+) at once\).*peak RSS (.*)$/| \4 | \1 | \2 | \3 | \5 |/'
done
