# Sourced by the other scripts: sets JAVA_BIN to the newest JDK (17 or later) on this machine.
# Override with SIGNAL_TRACKER_JAVA=/path/to/java. Newer JDKs give the daemon smaller object headers and
# better collectors, so the newest one wins; the build itself targets release 17.

java_major() {
  # Prints the major version of the java binary $1, or nothing if it does not run.
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

pick_java() {
  if [ -n "${SIGNAL_TRACKER_JAVA:-}" ]; then
    JAVA_BIN="$SIGNAL_TRACKER_JAVA"
    return
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/bin/java "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
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
}

pick_java
export JAVA_BIN
