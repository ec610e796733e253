#!/usr/bin/env bash
# Compiles the C API baseline against the libpython of the given interpreter.
# usage: benchmarks/c/build.sh [PYTHON] [OUTPUT_DIR]
#   PYTHON      interpreter whose libpython is embedded (default: $PYBRIDGE_PYTHON, else python3)
#   OUTPUT_DIR  where capi_baseline is written (default: benchmarks/target)
# Include and link flags come from that interpreter's sysconfig; the program finds libpython through an rpath.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=${1:-${PYBRIDGE_PYTHON:-python3}}
output_dir=${2:-$source_dir/../target}
cc=${CC:-gcc}

if ! command -v "$python" >/dev/null 2>&1; then
  echo "build.sh: no Python interpreter '$python' (give one as the first argument or set PYBRIDGE_PYTHON)" >&2
  exit 1
fi

# One line: include dir, directory of the shared libpython, its file name; or a reason on stderr.
config=$("$python" - <<'PY'
import os, sys, sysconfig
var = sysconfig.get_config_var
if not var("Py_ENABLE_SHARED"):
    sys.exit(f"{sys.executable} has no shared libpython (built without --enable-shared); "
             "the baseline, like PyBridge, needs one")
library = var("LDLIBRARY") or ""
folders = [var("LIBDIR"), var("LIBPL"), os.path.join(sys.base_prefix, "lib")]
folder = next((f for f in folders if f and os.path.isfile(os.path.join(f, library))), None)
if folder is None:
    sys.exit(f"{library or 'libpython'} not found in {', '.join(f for f in folders if f)}")
print(var("INCLUDEPY"), folder, library, sep="\t")
PY
) || { echo "build.sh: cannot embed $python" >&2; exit 1; }
IFS=$'\t' read -r include_dir library_dir library_file <<<"$config"

if [ ! -f "$include_dir/Python.h" ]; then
  echo "build.sh: $include_dir/Python.h is missing: install the interpreter's development headers (e.g. python3.x-dev)" >&2
  exit 1
fi

mkdir -p "$output_dir"
$cc -std=c11 -O2 -Wall -Wextra -Werror=implicit-function-declaration \
  -I"$include_dir" \
  "$source_dir"/*.c \
  -o "$output_dir/capi_baseline" \
  "$library_dir/$library_file" -Wl,-rpath,"$library_dir" \
  -lpthread -ldl -lm
echo "$output_dir/capi_baseline (libpython: $library_dir/$library_file)"
