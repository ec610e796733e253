# Sourced by the benchmark scripts that run one main class of benchmarks.jar (not JMH): reads
# [--python PATH] [--no-build] COUNT REPETITIONS, builds the jar unless told not to, and defines
# bench_java CLASS ARGS... to run the class on that Python with the bridge's usual JVM flags, and
# median FILE COLUMN for the scripts that run a class several times, python_description and python_library.
# The script sets default_count and default_repetitions before sourcing this.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
count=${1:-$default_count}
repetitions=${2:-$default_repetitions}
python_exe=$("$python" -c 'import sys; print(sys.executable)')
jar=$root/benchmarks/target/benchmarks.jar
if $build; then
  (cd "$root" && mvn -q -B -ntp -pl benchmarks -am package -DskipTests 1>&2)
fi

# With BENCH_DEFAULT_DISCOVERY=1 the class finds Python as an application would (no -Dpybridge.python); with
# BENCH_BUNDLED=1 it runs on the bundled runtime, its jars (target/bundled) on the class path.
bench_java() {
  local chosen=(-Dpybridge.python="$python_exe") class_path=$jar
  [ "${BENCH_DEFAULT_DISCOVERY:-}" = 1 ] && chosen=()
  if [ "${BENCH_BUNDLED:-}" = 1 ]; then
    chosen=(-Dpybridge.python=bundled)
    class_path="$jar:$root/benchmarks/target/bundled/*"
  fi
  "$JAVA_HOME/bin/java" -Xss8m --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
    --sun-misc-unsafe-memory-access=allow "${chosen[@]}" \
    -Dpybridge.bench.modulePath="$root/benchmarks/python" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$class_path" "$@" 2> >(grep -v '^SLF4J' >&2)
}

median() {   # FILE COLUMN -> the median of that tab-separated column, one decimal
  cut -f"$2" "$1" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m }'
}

python_description() {   # -> "CPython 3.11.7": the implementation and version of the Python benchmarked
  "$python_exe" -c 'import platform; print(platform.python_implementation(), platform.python_version())'
}

python_library() {   # -> "LIBPYTHON<tab>EXECUTABLE": the shared libpython the interpreter benchmarked uses
  "$python_exe" - <<'PY'
import os, sys, sysconfig
var = sysconfig.get_config_var
folders = [var("LIBDIR"), var("LIBPL"), os.path.join(sys.base_prefix, "lib")]
library = next(os.path.join(f, var("LDLIBRARY")) for f in folders
               if f and os.path.isfile(os.path.join(f, var("LDLIBRARY") or "")))
print(library, sys.executable, sep="\t")
PY
}
