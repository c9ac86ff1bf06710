#!/usr/bin/env bash
# Runs the same load, in one run, against this daemon and against bittorrent-tracker (the reference
# WebTorrent tracker, WebSocket server only), and prints messages per second, the ratio, and latency.
# The classic scenarios (udp, http-new, http-keepalive) compare against Debian's opentracker instead:
# scripts/compare-classic.sh runs them, e.g. scripts/compare.sh udp 1000 20 (see that script).
#   scripts/compare.sh [SCENARIO] [CONNECTIONS] [SECONDS] [extra load.sh options...]
#   defaults: announce 1000 30   (announce: 5 offers of 300 B each, aquatic's counting)
# On a shared machine: flock -o /tmp/signal-bench.lock scripts/compare.sh ...  (-o: the daemons started here
# must not inherit the lock, or one left behind would hold it for everybody).
#   e.g.      scripts/compare.sh relay 100 20
#             scripts/compare.sh announce 1000 30 --offersPerAnnounce 10
# Pinning: each tracker runs on CPU 1, the generator on CPU 0 (COMPARE_SERVER_CPU, COMPARE_LOAD_CPU).
# Fairness: bittorrent-tracker enforces no announce interval and no message budget, so our daemon runs
# here with tracker.minAnnounceIntervalSeconds = 0 and an unlimited message budget, relaying what it relays.
# bittorrent-tracker 11.2.3 is installed with npm (--ignore-scripts) into $COMPARE_DIR (default
# /tmp/signal-tracker-compare), which also receives each side's output, histogram log and daemon log.
# Ports: COMPARE_OURS_PORT (18100) and COMPARE_THEIRS_PORT (18200); a port already in use stops the run,
# since load sent to somebody else's server would be measured as ours.
# COMPARE_OURS_EXTRA_CONFIG: lines appended to our daemon's generated config, e.g. "server.transport = io_uring".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in
  udp|http-new|http-keepalive) exec "$root/scripts/compare-classic.sh" "$@" ;;
esac
scenario="${1:-announce}"
connections="${2:-1000}"
seconds="${3:-30}"
shift $(( $# < 3 ? $# : 3 ))
work="${COMPARE_DIR:-/tmp/signal-tracker-compare}"
server_cpu="${COMPARE_SERVER_CPU:-1}"
load_cpu="${COMPARE_LOAD_CPU:-0}"
ours_port="${COMPARE_OURS_PORT:-18100}"
theirs_port="${COMPARE_THEIRS_PORT:-18200}"
warmup="${COMPARE_WARMUP_SECONDS:-5}"
mkdir -p "$work"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$ours_port" "$theirs_port"; do
  if port_busy "$port"; then
    echo "compare: port $port is already in use; set COMPARE_OURS_PORT / COMPARE_THEIRS_PORT" >&2
    exit 1
  fi
done

if [ ! -d "$work/node_modules/bittorrent-tracker" ]; then
  echo "compare: installing bittorrent-tracker 11.2.3 into $work" >&2
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
server.on('error', err => { console.error(err); process.exit(1) })
server.listen(port, '127.0.0.1', () => console.log(`bittorrent-tracker ws listening on ${port}`))
JS
cat > "$work/ours.conf" <<CONF
server.bindAddress = 127.0.0.1
server.port = $ours_port
admin.port = 0
tracker.minAnnounceIntervalSeconds = 0
limits.messagesPerSecond = 10000000
limits.messageBurst = 10000000
limits.maxConnections = 0
limits.maxSwarmsPerConnection = 1000000
CONF
if [ -n "${COMPARE_OURS_EXTRA_CONFIG:-}" ]; then printf '%s\n' "$COMPARE_OURS_EXTRA_CONFIG" >> "$work/ours.conf"; fi
# Both jars are built when missing or stale by run.sh and load.sh; building here keeps that out of the timing.
(cd "$root" && mvn -q -B -DskipTests package -pl signal-bench -am)

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Waits (at most 20 s) until pid $2 listens on port $1; fails if the process died first.
wait_listening() {
  for _ in $(seq 1 200); do
    kill -0 "$2" 2>/dev/null || { echo "compare: the server (pid $2) exited; see $work/*.log" >&2; return 1; }
    port_busy "$1" && return 0
    sleep 0.1
  done
  echo "compare: nothing listens on port $1" >&2
  return 1
}

# Stops pid $1 and waits (at most 15 s) until it is gone, so the next server has the CPU to itself.
stop_server() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
}

run_load() {
  LOAD_CPU="$load_cpu" "$root/scripts/load.sh" --url "ws://127.0.0.1:$1/announce" --scenario "$scenario" \
    --connections "$connections" --durationSeconds "$seconds" --warmupSeconds "$warmup" --serverPid "$2" \
    --histogramLog "$work/$3.hlog" "${@:4}" > "$work/$3.txt" 2>&1 || true
  grep -v '^WARNING' "$work/$3.txt" >&2
  grep '^SUMMARY ' "$work/$3.txt" | sed 's/^SUMMARY //'
}

source "$root/scripts/find-java.sh"
echo "== compare: $scenario, $connections connections, ${seconds}s (+${warmup}s warm-up); trackers on CPU $server_cpu, generator on CPU $load_cpu; $(date -u +%FT%TZ)" >&2
echo "== JDK: $("$JAVA_BIN" -version 2>&1 | head -n 1)" >&2

# run.sh and taskset both exec, so $! is the daemon's own pid (for its VmRSS).
taskset -c "$server_cpu" "$root/scripts/run.sh" --config "$work/ours.conf" > "$work/ours.log" 2>&1 &
ours_pid=$!
pids+=("$ours_pid")
wait_listening "$ours_port" "$ours_pid"
echo "== signal-tracker (pid $ours_pid, CPU $server_cpu, port $ours_port)" >&2
ours=$(run_load "$ours_port" "$ours_pid" ours "$@")
stop_server "$ours_pid"

taskset -c "$server_cpu" node "$work/ws-only.mjs" "$theirs_port" > "$work/theirs.log" 2>&1 &
theirs_pid=$!
pids+=("$theirs_pid")
wait_listening "$theirs_port" "$theirs_pid"
echo "== bittorrent-tracker 11.2.3 on node $(node --version) (pid $theirs_pid, CPU $server_cpu, port $theirs_port)" >&2
theirs=$(run_load "$theirs_port" "$theirs_pid" theirs "$@")
stop_server "$theirs_pid"

if [ -z "$ours" ] || [ -z "$theirs" ]; then
  echo "compare: a run printed no SUMMARY; see $work/ours.txt and $work/theirs.txt" >&2
  exit 1
fi

python3 - "$scenario" "$connections" "$ours" "$theirs" <<'PY'
import json, sys
scenario, connections, ours, theirs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
key = 'roundTripsPerSecond' if scenario == 'relay' else 'receivedPerSecond'
label = 'round trips/s' if scenario == 'relay' else 'messages/s'
print(f"\n{scenario}, {connections} connections:")
print(f"{'':20}{label:>14}{'announces/s':>13}{'errors/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'p99.9 ms':>10}{'RSS MiB':>9}"
      f"{'gen CPU':>9}")
for name, r in (('signal-tracker', ours), ('bittorrent-tracker', theirs)):
    lat = r['latencyMs']
    # The generator's share of its core: near 100 % (without spin-waiting) it, not the tracker, set the pace.
    gen = r.get('generatorCpuCores', -1)
    print(f"{name:20}{r[key]:>14,.0f}{r['announcesPerSecond']:>13,.0f}{r['failuresPerSecond']:>10,.0f}"
          f"{lat['p50']:>9.2f}{lat['p99']:>9.2f}{lat['p999']:>10.2f}{r['trackerRssBytes'] / 1048576:>9.1f}"
          f"{gen * 100:>8.0f}%")
    if r.get('rateKept') is False:
        print(f"  !!! {name}: the open loop did not hold its rate; its latency is not the latency at that rate")
ratio = ours[key] / theirs[key] if theirs[key] else float('inf')
print(f"ratio (signal-tracker / bittorrent-tracker): {ratio:.2f}x")
print("COMPARE " + json.dumps({"scenario": scenario, "connections": int(connections), "ours": ours,
                                "theirs": theirs, "ratio": round(ratio, 2)}))
PY
