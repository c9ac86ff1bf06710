#!/usr/bin/env bash
# Runs load scenarios one after the other against this daemon only, each against a daemon started
# afresh from the same build, pinned as scripts/compare.sh pins it (daemon on CPU 1, generator on CPU 0),
# and prints one line per run and a SCENARIOS {json} line. Alternate the list to see drift:
#   scripts/scenarios.sh "signal relay signal relay" [CONNECTIONS] [SECONDS] [extra load.sh options...]
#   defaults: "signal relay" 1000 30
# On a shared machine: flock -o /tmp/signal-bench.lock scripts/scenarios.sh ...  (-o: the daemons started
# here must not inherit the lock).
# The daemon runs with compare.sh's settings (tracker.minAnnounceIntervalSeconds = 0, no message budget,
# no connection limit) and no signaling message budget either, so both relay paths run unthrottled.
# Scenario signal targets /ws, the others /announce. Output, logs and histograms go to $SCENARIOS_DIR
# (default /tmp/signal-tracker-scenarios). Env: SCENARIOS_PORT (18300), COMPARE_SERVER_CPU (1),
# COMPARE_LOAD_CPU (0), COMPARE_WARMUP_SECONDS (5). A port already in use stops the run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
read -r -a scenarios <<< "${1:-signal relay}"
connections="${2:-1000}"
seconds="${3:-30}"
shift $(( $# < 3 ? $# : 3 ))
work="${SCENARIOS_DIR:-/tmp/signal-tracker-scenarios}"
server_cpu="${COMPARE_SERVER_CPU:-1}"
load_cpu="${COMPARE_LOAD_CPU:-0}"
port="${SCENARIOS_PORT:-18300}"
warmup="${COMPARE_WARMUP_SECONDS:-5}"
mkdir -p "$work"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_busy "$port"; then
  echo "scenarios: port $port is already in use; set SCENARIOS_PORT" >&2
  exit 1
fi
cat > "$work/ours.conf" <<CONF
server.bindAddress = 127.0.0.1
server.port = $port
admin.port = 0
tracker.minAnnounceIntervalSeconds = 0
limits.messagesPerSecond = 10000000
limits.messageBurst = 10000000
limits.maxConnections = 0
limits.maxSwarmsPerConnection = 1000000
signaling.messagesPerSecond = 10000000
signaling.messageBurst = 10000000
CONF
# Both jars are built when missing or stale by run.sh and load.sh; building here keeps that out of the timing.
(cd "$root" && mvn -q -B -DskipTests package -pl signal-bench -am)
source "$root/scripts/find-java.sh"

daemon=""
cleanup() { if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; wait 2>/dev/null || true; fi; }
trap cleanup EXIT

# Waits (at most 20 s) until pid $1 listens on the port; fails if it died first.
wait_listening() {
  for _ in $(seq 1 200); do
    kill -0 "$1" 2>/dev/null || { echo "scenarios: the daemon (pid $1) exited; see $work/*.log" >&2; return 1; }
    port_busy "$port" && return 0
    sleep 0.1
  done
  echo "scenarios: nothing listens on port $port" >&2
  return 1
}

# Stops pid $1 and waits (at most 15 s) until it is gone, so the next daemon has the CPU to itself.
stop_daemon() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

echo "== scenarios: ${scenarios[*]}, $connections connections, ${seconds}s (+${warmup}s warm-up); daemon on CPU $server_cpu, generator on CPU $load_cpu; $(date -u +%FT%TZ)" >&2
echo "== JDK: $("$JAVA_BIN" -version 2>&1 | head -n 1); load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
summaries=()
n=0
for scenario in "${scenarios[@]}"; do
  n=$((n + 1))
  path=/announce
  if [ "$scenario" = signal ]; then path=/ws; fi
  name="$n-$scenario"
  # run.sh and taskset both exec, so $! is the daemon's own pid (for its CPU and VmRSS).
  taskset -c "$server_cpu" "$root/scripts/run.sh" --config "$work/ours.conf" > "$work/$name.log" 2>&1 &
  daemon=$!
  wait_listening "$daemon"
  LOAD_CPU="$load_cpu" "$root/scripts/load.sh" --url "ws://127.0.0.1:$port$path" --scenario "$scenario" \
    --connections "$connections" --durationSeconds "$seconds" --warmupSeconds "$warmup" --serverPid "$daemon" \
    --histogramLog "$work/$name.hlog" "$@" > "$work/$name.txt" 2>&1 || true
  stop_daemon "$daemon"
  daemon=""
  echo "== run $name (output $work/$name.txt)" >&2
  grep -v '^WARNING' "$work/$name.txt" >&2
  summary=$(grep '^SUMMARY ' "$work/$name.txt" | sed 's/^SUMMARY //' || true)
  if [ -z "$summary" ]; then
    echo "scenarios: run $name printed no SUMMARY; see $work/$name.txt" >&2
    exit 1
  fi
  summaries+=("$summary")
done

python3 - "$connections" "${summaries[@]}" <<'PY'
import json, sys
connections, runs = sys.argv[1], [json.loads(s) for s in sys.argv[2:]]
print(f"\n{connections} connections, this daemon:")
print(f"{'run':<10}{'round trips/s':>15}{'msgs/s':>10}{'errors/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'p99.9 ms':>10}"
      f"{'tracker CPU':>13}{'gen CPU':>9}")
for i, r in enumerate(runs, 1):
    lat = r['latencyMs']
    print(f"{str(i) + ' ' + r['scenario']:<10}{r['roundTripsPerSecond']:>15,.0f}{r['receivedPerSecond']:>10,.0f}"
          f"{r['failuresPerSecond']:>10,.0f}{lat['p50']:>9.2f}{lat['p99']:>9.2f}{lat['p999']:>10.2f}"
          f"{r['trackerCpuCores'] * 100:>12.0f}%{r['generatorCpuCores'] * 100:>8.0f}%")
print("SCENARIOS " + json.dumps({"connections": int(connections), "runs": runs}))
PY
