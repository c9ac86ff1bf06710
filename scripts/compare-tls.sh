#!/usr/bin/env bash
# Announce throughput over TLS against plain, in one run: one daemon listens on both (tls.mode = both,
# a throwaway self-signed P-256 certificate for 127.0.0.1), and the same load alternates between its
# ws:// and wss:// ports, ROUNDS times each, so drift on a shared machine hits both alike. Prints each
# run and the medians, and the TLS/plain ratio.
#   scripts/compare-tls.sh [ROUNDS] [CONNECTIONS] [SECONDS] [extra load.sh options...]
#   defaults: 3 1000 20   (announce: 5 offers of 300 B each, aquatic's counting)
# On a shared machine: flock -o /tmp/signal-bench.lock scripts/compare-tls.sh ...
# Env: COMPARE_TLS_ENGINE (auto; or jdk, openssl), COMPARE_SERVER_CPU (1), COMPARE_LOAD_CPU (0),
# COMPARE_PLAIN_PORT (18300), COMPARE_TLS_PORT (18343), COMPARE_DIR (/tmp/signal-tracker-compare-tls).
# The generator trusts any certificate; load.sh only ever targets 127.0.0.0/8.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
connections="${2:-1000}"
seconds="${3:-20}"
shift $(( $# < 3 ? $# : 3 ))
work="${COMPARE_DIR:-/tmp/signal-tracker-compare-tls}"
engine="${COMPARE_TLS_ENGINE:-auto}"
server_cpu="${COMPARE_SERVER_CPU:-1}"
load_cpu="${COMPARE_LOAD_CPU:-0}"
plain_port="${COMPARE_PLAIN_PORT:-18300}"
tls_port="${COMPARE_TLS_PORT:-18343}"
warmup="${COMPARE_WARMUP_SECONDS:-5}"
mkdir -p "$work"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$plain_port" "$tls_port"; do
  if port_busy "$port"; then
    echo "compare-tls: port $port is already in use; set COMPARE_PLAIN_PORT / COMPARE_TLS_PORT" >&2
    exit 1
  fi
done

# A fresh key each run, never committed; PKCS#8 (BEGIN PRIVATE KEY) as the daemon wants.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=127.0.0.1" \
  -addext "subjectAltName=IP:127.0.0.1" -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
chmod 600 "$work/privkey.pem"
cat > "$work/ours.conf" <<CONF
server.bindAddress = 127.0.0.1
server.port = $plain_port
admin.port = 0
tls.mode = both
tls.port = $tls_port
tls.engine = $engine
tls.certificateChainFile = $work/fullchain.pem
tls.privateKeyFile = $work/privkey.pem
tracker.minAnnounceIntervalSeconds = 0
limits.messagesPerSecond = 10000000
limits.messageBurst = 10000000
limits.maxConnections = 0
limits.maxSwarmsPerConnection = 1000000
CONF
(cd "$root" && mvn -q -B -DskipTests package -pl signal-bench -am)

pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

source "$root/scripts/find-java.sh"
echo "== compare-tls: announce, $connections connections, ${seconds}s (+${warmup}s warm-up) x $rounds rounds each;" \
  "tracker on CPU $server_cpu, generator on CPU $load_cpu; $(date -u +%FT%TZ)" >&2
echo "== JDK: $("$JAVA_BIN" -version 2>&1 | head -n 1)" >&2
taskset -c "$server_cpu" "$root/scripts/run.sh" --config "$work/ours.conf" > "$work/daemon.log" 2>&1 &
pid=$!
# Up once the TLS line (engine and certificate) is logged, which follows the bind of both ports.
for _ in $(seq 1 300); do
  kill -0 "$pid" 2>/dev/null || { echo "compare-tls: the daemon exited; see $work/daemon.log" >&2; exit 1; }
  grep -q 'TLS on [^ ]*: engine' "$work/daemon.log" && break
  sleep 0.1
done
grep -o 'TLS on [^ ]*: engine.*' "$work/daemon.log" >&2 || { echo "compare-tls: the daemon did not start" >&2; exit 1; }

results="$work/results.jsonl"
: > "$results"
for round in $(seq 1 "$rounds"); do
  for kind in plain tls; do
    if [ "$kind" = plain ]; then url="ws://127.0.0.1:$plain_port/announce"; else url="wss://127.0.0.1:$tls_port/announce"; fi
    LOAD_CPU="$load_cpu" "$root/scripts/load.sh" --url "$url" --scenario announce --connections "$connections" \
      --durationSeconds "$seconds" --warmupSeconds "$warmup" --serverPid "$pid" \
      --histogramLog "$work/$kind-$round.hlog" "$@" > "$work/$kind-$round.txt" 2>&1 || true
    summary=$(grep '^SUMMARY ' "$work/$kind-$round.txt" | sed 's/^SUMMARY //')
    if [ -z "$summary" ]; then
      echo "compare-tls: $kind round $round printed no SUMMARY; see $work/$kind-$round.txt" >&2
      exit 1
    fi
    echo "{\"kind\":\"$kind\",\"round\":$round,\"summary\":$summary}" >> "$results"
  done
done

python3 - "$results" <<'PY'
import json, statistics, sys
runs = [json.loads(line) for line in open(sys.argv[1])]
# The tracker's CPU time per message it received counts what TLS costs even when the shared machine
# starves the tracker of its core, which throughput alone does not.
def cpu_us(s):
    return s['trackerCpuCores'] * 1e6 / s['receivedPerSecond'] if s['receivedPerSecond'] > 0 else float('nan')
print(f"{'run':12}{'messages/s':>12}{'announces/s':>13}{'errors/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'tracker CPU':>13}"
      f"{'CPU us/msg':>12}{'gen CPU':>9}")
for r in runs:
    s = r['summary']
    print(f"{r['kind'] + ' #' + str(r['round']):12}{s['receivedPerSecond']:>12,.0f}{s['announcesPerSecond']:>13,.0f}"
          f"{s['failuresPerSecond']:>10,.0f}{s['latencyMs']['p50']:>9.2f}{s['latencyMs']['p99']:>9.2f}"
          f"{s['trackerCpuCores'] * 100:>12.0f}%{cpu_us(s):>12.1f}{s['generatorCpuCores'] * 100:>8.0f}%")
med = {k: statistics.median(r['summary']['receivedPerSecond'] for r in runs if r['kind'] == k) for k in ('plain', 'tls')}
cpu = {k: statistics.median(cpu_us(r['summary']) for r in runs if r['kind'] == k) for k in ('plain', 'tls')}
print(f"median messages/s: plain {med['plain']:,.0f}, tls {med['tls']:,.0f}; tls/plain = {med['tls'] / med['plain']:.2f}")
print(f"median tracker CPU per message: plain {cpu['plain']:.1f} us, tls {cpu['tls']:.1f} us; "
      f"tls/plain = {cpu['tls'] / cpu['plain']:.2f}")
print("COMPARE_TLS " + json.dumps({"plain": med['plain'], "tls": med['tls'], "ratio": round(med['tls'] / med['plain'], 3),
                                   "cpuMicrosPerMessage": {k: round(v, 2) for k, v in cpu.items()}}))
PY
