#!/usr/bin/env bash
# Runs the JMH benchmarks (signal-bench) with the newest JDK found; builds the benchmarks jar when it is
# missing or older than the sources. Arguments pass through to JMH, e.g.
#   scripts/bench.sh                                   every benchmark (about 30 min)
#   scripts/bench.sh RelayPath -prof gc                one class, with bytes allocated per operation
#   scripts/bench.sh 'TrackerCore.*announce' -p swarms=1000000
#   scripts/bench.sh -h                                every JMH option
# The forked JVM's flags (heap, collector, Netty settings as in the daemon) are fixed in
# signal-bench/.../jmh/BenchmarkBase.java; add more with -jvmArgsAppend. BENCH_CPU=1 pins the run with
# taskset (on a 2-core machine keep other work off the other core; a concurrent build doubles the error).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/signal-bench/target/benchmarks.jar"
# shellcheck source=bench-jar.sh
source "$root/scripts/bench-jar.sh"
build_bench_jar_if_stale "$jar" bench
# shellcheck source=find-java.sh
source "$root/scripts/find-java.sh"
pin=()
if [ -n "${BENCH_CPU:-}" ]; then pin=(taskset -c "$BENCH_CPU"); fi
exec "${pin[@]}" "$JAVA_BIN" -jar "$jar" "$@"
