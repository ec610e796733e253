# Sourced by bin/pybridge and bin/media-analyzer: builds a module's runnable jar with Maven when it
# is missing or older than the sources it is made from, then runs it with a JDK 25 from bin/jdk.sh.
# Usage: launch_jar MODULE_DIR JAR_NAME ARGS...
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/bin/jdk.sh"

launch_jar() {
  local module="$1" name="$2"
  shift 2
  local jar="$root/$module/target/$name.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root"/pybridge-{core,python}/pom.xml \
        "$root"/pybridge-{core,python}/src/main "$root/$module/pom.xml" "$root/$module/src/main" \
        -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "$name: building it first (mvn -q -pl $module -am package -DskipTests)..." >&2
    # Maven's own output goes to stderr, so that stdout carries only what the program prints; the
    # colour resets Maven 3.8 writes even in batch mode are dropped.
    (cd "$root" && set -o pipefail && mvn -q -B -ntp -pl "$module" -am package -DskipTests 2>&1 \
      | sed 's/\x1b\[[0-9;]*m//g' 1>&2)
    # The jar plugin leaves an unchanged jar as it was, older than the sources that made its lib/ jars:
    # mark it built, or every later run would build again.
    touch "$jar"
  fi
  # -Xss8m: the main thread gets the stack Python is built for and runs Python itself (see README, "Threads").
  exec "$JAVA_HOME/bin/java" -Xss8m -jar "$jar" "$@"
}
