#!/usr/bin/env bash
# Runs the load generator (signal-bench) against a tracker on 127.0.0.0/8; builds it when needed and
# picks the newest JDK. Arguments pass through; --help lists every option with its default. Examples:
#   scripts/load.sh --url ws://127.0.0.1:8000/announce --scenario announce --connections 1000
#   scripts/load.sh --scenario relay --connections 200 --durationSeconds 30
#   scripts/load.sh --scenario signal --connections 1000 --roomShare 0.25 --roomSize 10    (on /ws)
#   scripts/load.sh --scenario idle --connections 18000 --sourceAddresses 8 --serverPid "$(pgrep -f signal-tracker.jar)"
#   scripts/load.sh --connections 10000 --sourceAddresses 4      one process holds up to 19,000 connections
#   scripts/load.sh --ratePerSecond 3700      open loop at a fixed rate; exits 3 when the rate did not hold
#   scripts/load.sh --url wss://127.0.0.1:8443/announce   over TLS (trusts any certificate: loopback only)
#   scripts/load.sh --scenario udp --url udp://127.0.0.1:6969 --connections 1000 --udpSockets 8 --window 16
#   scripts/load.sh --scenario http-new --url http://127.0.0.1:6969/announce --connections 256 --sourceAddresses 16
#   scripts/load.sh --scenario http-keepalive --url http://127.0.0.1:6969/announce --connections 256
#     classic trackers (BEP 15 UDP; HTTP with a new connection per request, or kept alive); the info
#     hashes they use: java -cp signal-bench/target/load-generator.jar org.signaltracker.bench.load.ClassicTorrents 10000
# Env: LOAD_JVM_FLAGS (default -Xms1g -Xmx2g), LOAD_CPU (run the generator under taskset -c LOAD_CPU).
# Exit status: 0 ok, 1 not every connection came up, 2 bad options, 3 open loop did not hold its rate.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/signal-bench/target/load-generator.jar"
# shellcheck source=bench-jar.sh
source "$root/scripts/bench-jar.sh"
build_bench_jar_if_stale "$jar" load
# shellcheck source=find-java.sh
source "$root/scripts/find-java.sh"
pin=()
if [ -n "${LOAD_CPU:-}" ]; then pin=(taskset -c "$LOAD_CPU"); fi
# shellcheck disable=SC2086
exec "${pin[@]}" "$JAVA_BIN" ${LOAD_JVM_FLAGS:--Xms1g -Xmx2g} --enable-native-access=ALL-UNNAMED \
  -jar "$jar" "$@"
