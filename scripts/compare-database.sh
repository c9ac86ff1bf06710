#!/usr/bin/env bash
# Runs the same load against this daemon with the info-hash database off and on (SQLite, database.policy =
# open, database.writeIntervalSeconds = 5), alternating OFF, ON, OFF, ON ... in one run so both sides see the
# same machine, and prints messages per second per run, the medians and their ratio (on / off).
#   scripts/compare-database.sh [ROUNDS] [SCENARIO] [CONNECTIONS] [SECONDS] [extra load.sh options...]
#   defaults: 3 announce 1000 20
# On a shared machine: flock -o /tmp/signal-bench.lock scripts/compare-database.sh ...
# Pinning as compare.sh: the daemon on CPU 1, the generator on CPU 0 (COMPARE_SERVER_CPU, COMPARE_LOAD_CPU).
# The daemon runs with the settings compare.sh gives it (no min interval, unlimited budget); each ON run
# starts from an empty database file, so every run records the same torrents anew.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
scenario="${2:-announce}"
connections="${3:-1000}"
seconds="${4:-20}"
shift $(( $# < 4 ? $# : 4 ))
work="${COMPARE_DIR:-/tmp/signal-tracker-compare-db}"
server_cpu="${COMPARE_SERVER_CPU:-1}"
load_cpu="${COMPARE_LOAD_CPU:-0}"
port="${COMPARE_OURS_PORT:-18300}"
warmup="${COMPARE_WARMUP_SECONDS:-5}"
mkdir -p "$work"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_busy "$port"; then
  echo "compare-database: port $port is already in use; set COMPARE_OURS_PORT" >&2
  exit 1
fi
(cd "$root" && mvn -q -B -DskipTests package -pl signal-bench -am)
source "$root/scripts/find-java.sh"
source "$root/scripts/jvm.env"
# Every run starts this copy: run.sh would rebuild the jar whenever a source changed during the comparison.
cp "$root/signal-netty/target/signal-tracker.jar" "$work/signal-tracker.jar"

write_config() { # $1: off or on
  {
    echo "server.bindAddress = 127.0.0.1"
    echo "server.port = $port"
    echo "tracker.minAnnounceIntervalSeconds = 0"
    echo "limits.messagesPerSecond = 10000000"
    echo "limits.messageBurst = 10000000"
    echo "limits.maxConnections = 0"
    echo "limits.maxSwarmsPerConnection = 1000000"
    echo "admin.port = 0"
    if [ "$1" = on ]; then
      echo "database.url = sqlite:$work/state/bench.db"
      echo "database.policy = open"
      echo "database.writeIntervalSeconds = 5"
    else
      echo "database.url ="
    fi
  } > "$work/$1.conf"
}

pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_listening() {
  for _ in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || { echo "compare-database: the daemon exited; see $work/*.log" >&2; return 1; }
    port_busy "$port" && return 0
    sleep 0.1
  done
  echo "compare-database: nothing listens on port $port" >&2
  return 1
}

stop_server() {
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || { pid=""; return 0; }; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  pid=""
}

echo "== compare-database: $rounds rounds of off/on, $scenario, $connections connections, ${seconds}s (+${warmup}s warm-up); daemon on CPU $server_cpu, generator on CPU $load_cpu; $(date -u +%FT%TZ)" >&2
echo "== JDK: $("$JAVA_BIN" -version 2>&1 | head -n 1)" >&2
results=()
for round in $(seq 1 "$rounds"); do
  for side in off on; do
    write_config "$side"
    rm -rf "$work/state"
    # The flags are a space-separated list by design (see jvm.env).
    # shellcheck disable=SC2086
    taskset -c "$server_cpu" "$JAVA_BIN" $SIGNAL_TRACKER_JVM_FLAGS -jar "$work/signal-tracker.jar" \
      --config "$work/$side.conf" > "$work/$side-$round.log" 2>&1 &
    pid=$!
    wait_listening
    LOAD_CPU="$load_cpu" "$root/scripts/load.sh" --url "ws://127.0.0.1:$port/announce" --scenario "$scenario" \
      --connections "$connections" --durationSeconds "$seconds" --warmupSeconds "$warmup" --serverPid "$pid" \
      "$@" > "$work/$side-$round.txt" 2>&1 || true
    stop_server
    summary=$(grep '^SUMMARY ' "$work/$side-$round.txt" | sed 's/^SUMMARY //' || true)
    if [ -z "$summary" ]; then
      echo "compare-database: run $side $round printed no SUMMARY; see $work/$side-$round.txt" >&2
      exit 1
    fi
    results+=("$side" "$summary")
  done
done

python3 - "$scenario" "${results[@]}" <<'PY'
import json, statistics, sys
scenario, rest = sys.argv[1], sys.argv[2:]
key = 'roundTripsPerSecond' if scenario == 'relay' else 'receivedPerSecond'
runs = {'off': [], 'on': []}
print(f"\n{'run':8}{'messages/s':>14}{'announces/s':>13}{'p50 ms':>9}{'p99 ms':>9}{'RSS MiB':>9}")
for i in range(0, len(rest), 2):
    side, r = rest[i], json.loads(rest[i + 1])
    runs[side].append(r)
    lat = r['latencyMs']
    print(f"{side:8}{r[key]:>14,.0f}{r['announcesPerSecond']:>13,.0f}{lat['p50']:>9.2f}{lat['p99']:>9.2f}"
          f"{r['trackerRssBytes'] / 1048576:>9.1f}")
off = statistics.median(r[key] for r in runs['off'])
on = statistics.median(r[key] for r in runs['on'])
print(f"median off {off:,.0f}, on {on:,.0f}: on / off = {on / off:.4f} ({(on / off - 1) * 100:+.2f} %)")
print("COMPARE_DATABASE " + json.dumps({"scenario": scenario, "off": runs['off'], "on": runs['on'],
                                         "ratio": round(on / off, 4)}))
PY
