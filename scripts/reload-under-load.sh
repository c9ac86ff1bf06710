#!/usr/bin/env bash
# Reloads the daemon's config with kill -HUP several times while the load generator holds connections and
# sends announces, and shows that no connection was dropped and that the new limits are in force:
#   1. limits.maxConnections = the load's connection count: a further WebSocket upgrade gets 503.
#   2. a file with an error: refused whole, the running config stays (one log line says why).
#   3. limits.messagesPerSecond below what each load connection sends, plus a restart-only change
#      (server.ioThreads): the load's announces start getting "too many messages" failures, and the
#      restart-only key is named.
#   4. limits.maxConnections = 0 (no cap) again: a further upgrade gets 101.
#   5. the same file once more: nothing changes.
# Everything is bounded and on 127.0.0.1. Usage: scripts/reload-under-load.sh [CONNECTIONS] [SECONDS]
# (defaults 200 connections, 30 measured seconds after a 5 s warm-up). Env: RELOAD_PORT (default 18300),
# RELOAD_DIR (work files, default /tmp/signal-tracker-reload).
# Prints the connections closed during the run (must be 0) and exits 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
connections="${1:-200}"
seconds="${2:-30}"
port="${RELOAD_PORT:-18300}"
work="${RELOAD_DIR:-/tmp/signal-tracker-reload}"
# The open loop sends 10 announces per second per connection: enough to see a limit of 5 per second bite,
# slow enough that a connection alternates between accepted and refused messages and never reaches the
# flood close (messageBurst refusals in a row).
rate=$((connections * 10))
mkdir -p "$work"
conf="$work/signal-tracker.conf"
log="$work/daemon.log"
load_out="$work/load.txt"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if port_busy "$port"; then
  echo "reload-under-load: port $port is in use; set RELOAD_PORT" >&2
  exit 1
fi

# $1: extra lines after the fixed part (bind address, port, limits that never throttle the load).
write_config() {
  cat > "$conf" <<CONF
server.bindAddress = 127.0.0.1
server.port = $port
admin.port = 0
tracker.minAnnounceIntervalSeconds = 0
limits.maxSwarmsPerConnection = 1000000
$1
CONF
}

# The status line of a WebSocket upgrade on a fresh connection (curl gives up after 3 s).
probe_upgrade() {
  curl -s -i -m 3 -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
    -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' "http://127.0.0.1:$port/announce" 2>/dev/null \
    | head -n 1 | tr -d '\r' || true
}

# Established connections on the daemon's port, as the kernel counts them (the load's and any probe's).
established() {
  ss -Htn state established "( sport = :$port )" | wc -l
}

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Both jars are built (when stale) before anything is timed.
(cd "$root" && mvn -q -B -DskipTests package -pl signal-bench -am)
source "$root/scripts/find-java.sh"
echo "== reload-under-load: $connections connections, open loop $rate announces/s, ${seconds}s (+5 s warm-up), port $port; $(date -u +%FT%TZ)"
echo "== JDK: $("$JAVA_BIN" -version 2>&1 | head -n 1)"

write_config "limits.messagesPerSecond = 1000000
limits.messageBurst = 1000000
limits.maxConnections = 0"
"$root/scripts/run.sh" --config "$conf" > "$log" 2>&1 &
daemon=$!
pids+=("$daemon")
for _ in $(seq 1 200); do
  grep -q 'listening on' "$log" && break
  kill -0 "$daemon" 2>/dev/null || { echo "reload-under-load: the daemon exited; see $log" >&2; exit 1; }
  sleep 0.1
done
grep -q 'listening on' "$log" || { echo "reload-under-load: the daemon did not start; see $log" >&2; exit 1; }
# run.sh execs java, so $daemon is the JVM itself: the pid a HUP must reach.

"$root/scripts/load.sh" --url "ws://127.0.0.1:$port/announce" --scenario announce --connections "$connections" \
  --durationSeconds "$seconds" --warmupSeconds 5 --ratePerSecond "$rate" --offersPerAnnounce 0 \
  --serverPid "$daemon" --histogramLog "$work/load.hlog" > "$load_out" 2>&1 &
load=$!
pids+=("$load")
for _ in $(seq 1 300); do
  grep -q '^connected:' "$load_out" && break
  sleep 0.1
done
grep '^connected:' "$load_out" || { echo "reload-under-load: the load did not connect; see $load_out" >&2; exit 1; }
sleep 3
echo "established on :$port before any reload: $(established)"

# $1: what this reload changes; the config file must be written before.
hup() {
  local before
  before=$(grep -c 'ConfigReloader' "$log" || true)
  kill -HUP "$daemon"
  for _ in $(seq 1 50); do
    [ "$(grep -c 'ConfigReloader' "$log" || true)" -gt "$before" ] && break
    sleep 0.1
  done
  sleep 0.5
  echo "-- HUP: $1"
  grep 'ConfigReloader' "$log" | tail -n +"$((before + 1))" | sed 's/^/   daemon: /'
  echo "   established on :$port: $(established)"
}

write_config "limits.messagesPerSecond = 1000000
limits.messageBurst = 1000000
limits.maxConnections = $connections"
hup "limits.maxConnections = $connections"
echo "   a further upgrade: $(probe_upgrade)"
sleep 2

write_config "limits.messagesPerSecond = -1"
hup "a file with an error"
echo "   a further upgrade (the cap of $connections still holds): $(probe_upgrade)"
sleep 2

write_config "limits.messagesPerSecond = 5
limits.messageBurst = 50
limits.maxConnections = $connections
server.ioThreads = 1"
hup "limits.messagesPerSecond = 5 (each load connection sends 10/s), server.ioThreads = 1 (restart-only)"
sleep 2

write_config "limits.messagesPerSecond = 5
limits.messageBurst = 50
limits.maxConnections = 0
server.ioThreads = 1"
hup "limits.maxConnections = 0"
echo "   a further upgrade: $(probe_upgrade)"
sleep 2

hup "the same file again"

wait "$load" || true
grep -v '^WARNING' "$load_out" | sed -n '/^-----/,$p' | grep -E 'connections up|connections closed|failures/s|messages sent/s|responses/s' || true
summary=$(grep '^SUMMARY ' "$load_out" | sed 's/^SUMMARY //')
closed=$(printf '%s' "$summary" | grep -o '"disconnected":[0-9]*' | cut -d: -f2)
up=$(printf '%s' "$summary" | grep -o '"up":[0-9]*' | cut -d: -f2)
failures=$(printf '%s' "$summary" | grep -o '"failuresPerSecond":[0-9.]*' | cut -d: -f2)
echo "== result: $up of $connections connections up; connections dropped during the run: ${closed:-?};" \
  "announces refused: ${failures:-?}/s over the measured period (all by the reloaded rate limit of 5/s:" \
  "before it the limit was 1,000,000/s)"
if [ "${closed:-1}" != "0" ] || [ "${up:-0}" != "$connections" ]; then
  echo "reload-under-load: FAILED (connections dropped or not up); see $load_out and $log" >&2
  exit 1
fi
