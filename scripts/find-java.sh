# Sourced by the other scripts: exports JAVA_BIN, the newest JDK (17 or later) on this machine, and
# JAVA_MAJOR, its major version (jvm.env adds flags that only newer JDKs accept).
# Candidates: /usr/lib/jvm/*/bin/java, $JAVA_HOME/bin/java and `java` on PATH; the highest major wins, so a
# JAVA_HOME pointing at an older JDK than one installed under /usr/lib/jvm is not used.
# Override with SIGNAL_TRACKER_JAVA=/path/to/java. Newer JDKs give the daemon smaller object headers and
# better collectors, so the newest one wins; the build itself targets release 17.

java_major() {
  # Prints the major version of the java binary $1, or nothing if it does not run. Reads the JDK's
  # `release` file when there is one: starting a JVM per candidate costs seconds on a busy machine.
  local home
  home="$(dirname "$(dirname "$(readlink -f "$1")")")"
  if [ -f "$home/release" ] && grep -q '^JAVA_VERSION="[0-9]' "$home/release"; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release" | head -n 1
    return
  fi
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

pick_java() {
  if [ -n "${SIGNAL_TRACKER_JAVA:-}" ]; then
    JAVA_BIN="$SIGNAL_TRACKER_JAVA"
    JAVA_MAJOR="$(java_major "$JAVA_BIN" || true)"
    if [ -z "$JAVA_MAJOR" ]; then
      echo "signal-tracker: SIGNAL_TRACKER_JAVA=$JAVA_BIN does not run" >&2
      return 1
    fi
    if [ "$JAVA_MAJOR" -lt 17 ]; then
      echo "signal-tracker: SIGNAL_TRACKER_JAVA=$JAVA_BIN is Java $JAVA_MAJOR; 17 or later is needed" >&2
      return 1
    fi
    return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/bin/java "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major="$(java_major "$candidate" || true)"
    [ -n "$major" ] || continue
    if [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ "$best_major" -lt 17 ]; then
    echo "signal-tracker: no JDK 17 or later found (set SIGNAL_TRACKER_JAVA)" >&2
    return 1
  fi
  JAVA_BIN="$best"
  JAVA_MAJOR="$best_major"
}

pick_java
export JAVA_BIN JAVA_MAJOR
