# Sourced by run.sh and mint-token.sh: sets JAR to the daemon's jar, building it first when it is missing or
# older than any source, pom or resource (Maven's messages go to stderr, so a caller's stdout stays its own).
JAR="$root/signal-netty/target/signal-tracker.jar"

jar_needs_build() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/signal-core" "$root/signal-netty" \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$JAR" -print -quit)" ]
}

if jar_needs_build; then
  echo "signal-tracker: building $JAR" >&2
  (cd "$root" && mvn -q -B -DskipTests package -pl signal-netty -am) >&2
fi
