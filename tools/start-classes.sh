#!/usr/bin/env bash
# Writes pybridge-core's start-classes.txt: the classes a start and a first call load that the JDK's CDS archive
# does not hold, in the order they are first needed, which StartClasses loads on a background thread while the
# starting thread discovers Python and the Python main thread initializes it (docs/performance.md).
#
# Two fresh starts of benchmarks' StartupMain (Python.start(), import, add(1, 2)) with -Xlog:class+load, on the
# JVM's default thread stack as most applications have it (so through a companion thread, see StackGuard): one on
# python3 from the PATH (or --python PATH), one on the bundled CPython (pybridge-python and its org.bytedeco jars).
# The list is the first start's classes, with the bundled start's own classes merged in where that start
# loaded them. Run it after changing what a start does; StartClassesTest fails when the list falls behind.
#
# usage: tools/start-classes.sh [--python PATH]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bin/jdk.sh"
python=python3
[ "${1:-}" = --python ] && python=$2
python_exe=$("$python" -c 'import sys; print(sys.executable)')
output=$root/pybridge-core/src/main/resources/io/pybridge/internal/runtime/start-classes.txt
work=$root/target/start-classes
mkdir -p "$work"

cd "$root"
mvn -q -B -ntp -pl benchmarks,pybridge-python -am package -DskipTests 1>&2
mvn -q -B -ntp -pl pybridge-core,pybridge-python dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" 1>&2
bytedeco=$(tr ':' '\n' <"$work/classpath.txt" | grep '/org/bytedeco/' | paste -sd: -)
benchmarks=$root/benchmarks/target/benchmarks.jar
bundled=$root/pybridge-python/target/pybridge-python-0.1.0-SNAPSHOT.jar

start() {   # LOG PYTHON CLASSPATH: one start, its class loading logged
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dpybridge.python="$2" \
    -Dpybridge.preloadStartClasses=false -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Xlog:class+load:file="$1" -cp "$3" \
    io.pybridge.benchmarks.StartupMain "$root/benchmarks/python" >/dev/null 2> >(grep -v '^SLF4J' >&2)
}
start "$work/system.log" "$python_exe" "$benchmarks"
start "$work/bundled.log" bundled "$benchmarks:$bundled:$bytedeco"

"$python_exe" - "$work/system.log" "$work/bundled.log" "$output" <<'PY'
import re, sys

def loaded(log):
    """Classes loaded after the benchmark's main class, not from the CDS archive, not hidden, not the benchmark's."""
    names, started = [], False
    for line in open(log):
        m = re.search(r"\] (\S+) source: (.*)$", line)
        if not m:
            continue
        name, source = m.groups()
        if name == "io.pybridge.benchmarks.StartupMain":
            started = True
        elif started and "/" not in name and not name.startswith("io.pybridge.benchmarks.") \
                and source != "shared objects file" and (source.startswith("jrt:/") or source.startswith("file:")):
            names.append(name)
    return names

system, bundled = loaded(sys.argv[1]), loaded(sys.argv[2])
merged = list(system)
for i, name in enumerate(bundled):
    if name not in merged:
        before = next((merged.index(b) for b in reversed(bundled[:i]) if b in merged), -1)
        merged.insert(before + 1, name)
with open(sys.argv[3], "w") as out:
    out.write("# Written by tools/start-classes.sh: the classes a start and a first call load beyond the JDK's CDS\n"
              "# archive, in the order first needed (a start on python3 and one on the bundled CPython, merged).\n")
    out.writelines(name + "\n" for name in merged)
print("%s: %d classes (%d from the start on %s, %d more from the bundled one)"
      % (sys.argv[3], len(merged), len(system), "python3", len(merged) - len(system)))
PY
