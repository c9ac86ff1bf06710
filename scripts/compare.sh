#!/usr/bin/env bash
# Runs the same load, in one run, against this daemon and against bittorrent-tracker (the reference
# WebTorrent tracker, WebSocket server only), and prints messages per second, the ratio, and latency.
#   scripts/compare.sh [SCENARIO] [CONNECTIONS] [SECONDS] [extra load.sh options...]
#   defaults: announce 1000 30   (announce: 5 offers of 300 B each, aquatic's counting)
# Pinning: each tracker runs on CPU 1, the generator on CPU 0 (COMPARE_SERVER_CPU, COMPARE_LOAD_CPU).
# Fairness: bittorrent-tracker enforces no announce interval and no message budget, so our daemon runs
# here with tracker.minAnnounceIntervalSeconds = 0 and an unlimited message budget, relaying what it relays.
# bittorrent-tracker is installed with npm into $COMPARE_DIR (default /tmp/signal-tracker-compare).
# Ports: COMPARE_OURS_PORT (18100) and COMPARE_THEIRS_PORT (18200), so two comparisons can coexist.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenario="${1:-announce}"
connections="${2:-1000}"
seconds="${3:-30}"
shift $(( $# < 3 ? $# : 3 ))
work="${COMPARE_DIR:-/tmp/signal-tracker-compare}"
server_cpu="${COMPARE_SERVER_CPU:-1}"
load_cpu="${COMPARE_LOAD_CPU:-0}"
ours_port="${COMPARE_OURS_PORT:-18100}"
theirs_port="${COMPARE_THEIRS_PORT:-18200}"
mkdir -p "$work"

if [ ! -d "$work/node_modules/bittorrent-tracker" ]; then
  echo "compare: installing bittorrent-tracker into $work" >&2
  printf '{"name":"signal-tracker-compare","private":true,"type":"module","dependencies":{"bittorrent-tracker":"11.2.3"}}\n' \
    > "$work/package.json"
  (cd "$work" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
cat > "$work/ws-only.mjs" <<'JS'
// bittorrent-tracker's own Server with only its WebSocket tracker enabled; its server module alone,
// since the package index also loads the WebRTC client.
import Server from 'bittorrent-tracker/server'
const port = Number(process.argv[2])
const server = new Server({ udp: false, http: false, ws: true, stats: false })
server.on('warning', () => {})
server.listen(port, '127.0.0.1', () => console.log(`bittorrent-tracker ws listening on ${port}`))
JS
cat > "$work/ours.conf" <<CONF
server.bindAddress = 127.0.0.1
server.port = $ours_port
tracker.minAnnounceIntervalSeconds = 0
limits.messagesPerSecond = 10000000
limits.messageBurst = 10000000
limits.maxConnections = 0
limits.maxSwarmsPerConnection = 1000000
CONF
(cd "$root" && mvn -q -B -DskipTests package -pl signal-bench -am)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "compare: nothing listens on port $1" >&2
  return 1
}

run_load() {
  LOAD_CPU="$load_cpu" "$root/scripts/load.sh" --url "ws://127.0.0.1:$1/announce" --scenario "$scenario" \
    --connections "$connections" --durationSeconds "$seconds" --warmupSeconds 5 --serverPid "$2" \
    --histogramLog "$work/$3.hlog" "${@:4}" | tee "$work/$3.txt" | grep -v '^WARNING' >&2
  grep '^SUMMARY ' "$work/$3.txt" | sed 's/^SUMMARY //'
}

taskset -c "$server_cpu" "$root/scripts/run.sh" --config "$work/ours.conf" > "$work/ours.log" 2>&1 &
pids+=($!)
wait_port "$ours_port"
ours_pid=$(pgrep -f "signal-tracker.jar --config $work/ours.conf" | head -n 1)
echo "== signal-tracker (pid $ours_pid, CPU $server_cpu)" >&2
ours=$(run_load "$ours_port" "$ours_pid" ours "$@")
kill "$ours_pid" 2>/dev/null || true

taskset -c "$server_cpu" node "$work/ws-only.mjs" "$theirs_port" > "$work/theirs.log" 2>&1 &
pids+=($!)
wait_port "$theirs_port"
theirs_pid=$(pgrep -f "ws-only.mjs $theirs_port" | head -n 1)
echo "== bittorrent-tracker 11.2.3 on node $(node --version) (pid $theirs_pid, CPU $server_cpu)" >&2
theirs=$(run_load "$theirs_port" "$theirs_pid" theirs "$@")

python3 - "$scenario" "$connections" "$ours" "$theirs" <<'PY'
import json, sys
scenario, connections, ours, theirs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
key = 'roundTripsPerSecond' if scenario == 'relay' else 'receivedPerSecond'
label = 'round trips/s' if scenario == 'relay' else 'messages/s'
print(f"\n{scenario}, {connections} connections:")
print(f"{'':22}{label:>16}{'p50 ms':>10}{'p99 ms':>10}{'RSS MiB':>10}")
for name, r in (('signal-tracker', ours), ('bittorrent-tracker', theirs)):
    print(f"{name:22}{r[key]:>16,.0f}{r['latencyMs']['p50']:>10.2f}{r['latencyMs']['p99']:>10.2f}"
          f"{r['trackerRssBytes'] / 1048576:>10.1f}")
ratio = ours[key] / theirs[key] if theirs[key] else float('inf')
print(f"ratio (signal-tracker / bittorrent-tracker): {ratio:.2f}x")
print("COMPARE " + json.dumps({"scenario": scenario, "connections": int(connections), "ours": ours,
                                "theirs": theirs, "ratio": round(ratio, 2)}))
PY
