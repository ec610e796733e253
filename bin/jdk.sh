# Sourced by the bin/ scripts: points JAVA_HOME at a JDK 25 or stops with one line saying what to install.
# Order: $JAVA_HOME, then `java` on PATH, then the usual install places (Linux, macOS, SDKMAN).

# A JDK's major version: from its `release` file, which every JDK since 9 has (reading it costs nothing,
# where starting a JVM to ask cost every launch 150 ms), else from the JVM itself.
pybridge_java_major() {
  local major=""
  [ -f "$1/release" ] && major=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  if [ -z "$major" ]; then
    major=$("$1/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "$major"
}

pybridge_find_jdk() {
  local candidates=() dir
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk* \
             /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$dir" ] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    if [ -x "$dir/bin/javac" ] && [ "$(pybridge_java_major "$dir")" = "25" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

if ! JAVA_HOME=$(pybridge_find_jdk); then
  echo "PyBridge needs a JDK 25 (looked at \$JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt, SDKMAN): install one, e.g. 'apt-get install temurin-25-jdk', or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
  echo "PyBridge builds with Maven 3.8+: install it ('apt-get install maven') and run again." >&2
  exit 1
fi
# Maven 3.8's bundled Guava uses sun.misc.Unsafe, which JDK 25 warns about on every build.
case "${MAVEN_OPTS:-}" in
  *sun-misc-unsafe-memory-access*) ;;
  *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
esac
