# Sourced by load.sh and bench.sh: builds signal-bench's jars (benchmarks.jar and load-generator.jar come
# from one `mvn package`) when the jar "$1" is missing or older than any source of the modules it holds.
# $2 names the caller in the "building" message.
build_bench_jar_if_stale() {
  local root jar="$1" who="$2"
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  if [ ! -f "$jar" ] || [ -n "$(find "$root/signal-core/src" "$root/signal-netty/src" "$root/signal-bench/src" \
      "$root/signal-bench/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "$who: building $jar" >&2
    (cd "$root" && mvn -q -B -DskipTests package -pl signal-bench -am) >&2
  fi
}
