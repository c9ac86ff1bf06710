#!/usr/bin/env bash
# The classic trackers side by side: the same UDP or HTTP load against this daemon and against Debian's
# opentracker (0.0~git20210823.110868e, C, the reference classic tracker), alternating A/B for ROUNDS
# rounds, each tracker pinned to one core and the generator to the other. Prints every run, then one
# comparison line per scenario (mean responses/s of each side and their ratio).
#   scripts/compare-classic.sh SCENARIO [CONNECTIONS] [SECONDS] [extra load.sh options...]
#   SCENARIO: udp | http-new | http-keepalive      defaults: 1000 clients, 20 s (+5 s warm-up)
#   e.g.      scripts/compare-classic.sh udp 1000 20
#             scripts/compare-classic.sh http-new 256 20 --sourceAddresses 32
#             scripts/compare-classic.sh http-keepalive 256 20
# scripts/compare.sh hands these scenarios over to this script, so `scripts/compare.sh udp 1000 20` is the same.
# On a shared machine: flock -o /tmp/signal-bench.lock scripts/compare.sh udp ...  (-o: the trackers started
# here must not inherit the lock).
# Env: COMPARE_ROUNDS (2; odd rounds run ours first, even rounds opentracker first), COMPARE_ONLY (both |
# ours | opentracker), COMPARE_STUB (1: for udp, also a third side, the stateless batching responder that
# shows the generator's ceiling), COMPARE_SERVER_CPU (1), COMPARE_LOAD_CPU (0), COMPARE_OURS_PORT (18100),
# COMPARE_THEIRS_PORT (18200), COMPARE_STUB_PORT (18300), COMPARE_TORRENTS (10000: info hashes, all
# whitelisted for opentracker), COMPARE_WARMUP_SECONDS (5), COMPARE_DIR (/tmp/signal-tracker-compare-classic:
# each run's output, histogram log and the trackers' logs), COMPARE_OURS_EXTRA_CONFIG (lines appended to our
# daemon's generated config, e.g. "server.transport = io_uring").
# Fairness: opentracker enforces no minimum announce interval and no request budget, so our daemon runs
# with classic.minAnnounceIntervalSeconds = 0 and an unlimited budget (limits.messagesPerSecond and
# limits.messageBurst, which also bound the requests of one kept-alive HTTP connection); both answer with
# at most 50 peers (the generator asks numwant 50).
# opentracker in Debian is IPv4-only and serves whitelisted info hashes only (README.Debian), chroots to
# its directory and refuses to run as root without -u; -i must come before the -p/-P it applies to.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scenario="${1:?usage: compare-classic.sh udp|http-new|http-keepalive [CONNECTIONS] [SECONDS] [load options...]}"
connections="${2:-1000}"
seconds="${3:-20}"
shift $(( $# < 3 ? $# : 3 ))
case "$scenario" in
  udp|http-new|http-keepalive) ;;
  *) echo "compare-classic: scenario $scenario (expected: udp, http-new or http-keepalive)" >&2; exit 2 ;;
esac
rounds="${COMPARE_ROUNDS:-2}"
only="${COMPARE_ONLY:-both}"
stub="${COMPARE_STUB:-0}"
work="${COMPARE_DIR:-/tmp/signal-tracker-compare-classic}"
server_cpu="${COMPARE_SERVER_CPU:-1}"
load_cpu="${COMPARE_LOAD_CPU:-0}"
ours_port="${COMPARE_OURS_PORT:-18100}"
theirs_port="${COMPARE_THEIRS_PORT:-18200}"
stub_port="${COMPARE_STUB_PORT:-18300}"
torrents="${COMPARE_TORRENTS:-10000}"
warmup="${COMPARE_WARMUP_SECONDS:-5}"
case "$only" in both|ours|opentracker) ;; *) echo "compare-classic: COMPARE_ONLY=$only (expected: both, ours or opentracker)" >&2; exit 2 ;; esac
mkdir -p "$work"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
udp_busy() { ss -Hlun "sport = :$1" 2>/dev/null | grep -q .; }
for port in "$ours_port" "$theirs_port" "$stub_port"; do
  if port_busy "$port" || udp_busy "$port"; then
    echo "compare-classic: port $port is already in use; set COMPARE_OURS_PORT / COMPARE_THEIRS_PORT / COMPARE_STUB_PORT" >&2
    exit 1
  fi
done

if [ "$only" != ours ] && ! command -v opentracker > /dev/null; then
  echo "compare-classic: installing Debian's opentracker" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends opentracker >&2
  else sudo apt-get install -y --no-install-recommends opentracker >&2; fi
fi

# Both jars, built now so that no build runs inside the timing.
(cd "$root" && mvn -q -B -DskipTests package -pl signal-bench -am)
jar="$root/signal-bench/target/load-generator.jar"
source "$root/scripts/find-java.sh"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# Waits (at most 30 s) until pid $2 listens on TCP port $1 (or, with $3 = udp, on UDP port $1).
wait_listening() {
  for _ in $(seq 1 300); do
    kill -0 "$2" 2>/dev/null || { echo "compare-classic: the server (pid $2) exited; see $work/*.log" >&2; return 1; }
    if [ "${3:-tcp}" = udp ]; then udp_busy "$1" && return 0; else port_busy "$1" && return 0; fi
    sleep 0.1
  done
  echo "compare-classic: nothing listens on port $1" >&2
  return 1
}

# One HTTP announce of torrent 0 to port $1; succeeds when the tracker answers without a failure (for
# opentracker: once it has read its whitelist, which it does in a thread of its own after starting).
probe_announce() {
  local hash
  hash="$(head -c 40 "$work/opentracker/whitelist.txt" | sed 's/../%&/g')"
  python3 - "$1" "$hash" <<'PY'
import sys, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/announce?info_hash={sys.argv[2]}&peer_id=-PROBE0-000000000000&port=1&left=0&compact=1"
body = urllib.request.urlopen(url, timeout=2).read()
sys.exit(0 if body.startswith(b"d") and b"failure reason" not in body else 1)
PY
}

echo "== compare-classic: $scenario, $connections clients, ${seconds}s (+${warmup}s warm-up) x $rounds rounds;" \
  "trackers on CPU $server_cpu, generator on CPU $load_cpu; $(date -u +%FT%TZ)" >&2
echo "== JDK: $("$JAVA_BIN" -version 2>&1 | head -n 1); machine: $(nproc) CPU(s), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

ours_pid=""
theirs_pid=""
stub_pid=""
if [ "$only" != opentracker ]; then
  cat > "$work/ours.conf" <<CONF
server.bindAddress = 127.0.0.1
server.port = $ours_port
admin.port = 0
classic.http = on
classic.udp = on
classic.udpPort = $ours_port
classic.minAnnounceIntervalSeconds = 0
tracker.minAnnounceIntervalSeconds = 0
limits.messagesPerSecond = 10000000
limits.messageBurst = 10000000
limits.maxConnections = 0
CONF
  if [ -n "${COMPARE_OURS_EXTRA_CONFIG:-}" ]; then printf '%s\n' "$COMPARE_OURS_EXTRA_CONFIG" >> "$work/ours.conf"; fi
  # run.sh and taskset both exec, so $! is the daemon's own pid (for its CPU time and VmRSS).
  taskset -c "$server_cpu" "$root/scripts/run.sh" --config "$work/ours.conf" > "$work/ours.log" 2>&1 &
  ours_pid=$!
  pids+=("$ours_pid")
  wait_listening "$ours_port" "$ours_pid"
  if [ "$scenario" = udp ]; then wait_listening "$ours_port" "$ours_pid" udp; fi
  echo "== signal-tracker (pid $ours_pid, CPU $server_cpu, tcp+udp port $ours_port)" >&2
fi
if [ "$only" != ours ]; then
  mkdir -p "$work/opentracker"
  "$JAVA_BIN" -cp "$jar" org.signaltracker.bench.load.ClassicTorrents "$torrents" > "$work/opentracker/whitelist.txt"
  chmod 755 "$work/opentracker"
  chmod 644 "$work/opentracker/whitelist.txt"
  taskset -c "$server_cpu" opentracker -u nobody -d "$work/opentracker" -w whitelist.txt -A 127.0.0.1 \
    -i 127.0.0.1 -p "$theirs_port" -P "$theirs_port" > "$work/opentracker.log" 2>&1 &
  theirs_pid=$!
  pids+=("$theirs_pid")
  wait_listening "$theirs_port" "$theirs_pid"
  for _ in $(seq 1 100); do probe_announce "$theirs_port" && break; sleep 0.1; done
  probe_announce "$theirs_port" || { echo "compare-classic: opentracker refuses the whitelisted hashes; see $work/opentracker.log" >&2; exit 1; }
  echo "== opentracker $(dpkg-query -W -f '${Version}' opentracker 2>/dev/null || echo '?') (pid $theirs_pid, CPU $server_cpu, tcp+udp port $theirs_port, $torrents whitelisted hashes)" >&2
fi
if [ "$stub" = 1 ] && [ "$scenario" = udp ]; then
  taskset -c "$server_cpu" "$JAVA_BIN" -Xms256m -Xmx256m --enable-native-access=ALL-UNNAMED -cp "$jar" \
    org.signaltracker.bench.load.UdpStubResponder 127.0.0.1 "$stub_port" > "$work/stub.log" 2>&1 &
  stub_pid=$!
  pids+=("$stub_pid")
  wait_listening "$stub_port" "$stub_pid" udp
  echo "== stateless batching responder (pid $stub_pid, CPU $server_cpu, udp port $stub_port): the generator's ceiling" >&2
fi

url_for() {
  if [ "$scenario" = udp ]; then echo "udp://127.0.0.1:$1"; else echo "http://127.0.0.1:$1/announce"; fi
}

# Datagrams the kernel dropped on the UDP sockets bound to port $1 (a full receive buffer), from /proc/net/udp.
udp_drops() {
  awk -v port="$(printf '%04X' "$1")" 'NR > 1 { split($2, a, ":"); if (a[2] == port) sum += $NF } END { print sum + 0 }' /proc/net/udp
}

results="$work/results.jsonl"
: > "$results"
run_one() { # name port pid round
  local name="$1" out="$work/$1-$4" drops_before drops
  drops_before="$(udp_drops "$2")"
  LOAD_CPU="$load_cpu" "$root/scripts/load.sh" --url "$(url_for "$2")" --scenario "$scenario" \
    --connections "$connections" --durationSeconds "$seconds" --warmupSeconds "$warmup" --serverPid "$3" \
    --torrents "$torrents" --histogramLog "$out.hlog" "${@:5}" > "$out.txt" 2>&1 || true
  grep -v '^WARNING' "$out.txt" >&2
  local summary
  summary="$(grep '^SUMMARY ' "$out.txt" | sed 's/^SUMMARY //')"
  if [ -z "$summary" ]; then
    echo "compare-classic: the $name run printed no SUMMARY; see $out.txt" >&2
    return 1
  fi
  drops=$(( $(udp_drops "$2") - drops_before ))
  if [ "$scenario" = udp ]; then echo "== $name: $drops datagrams dropped by the kernel at the tracker's socket(s) (full receive buffer), warm-up included" >&2; fi
  printf '{"side":"%s","round":%d,"udpDrops":%d,"summary":%s}\n' "$name" "$4" "$drops" "$summary" >> "$results"
}

for round in $(seq 1 "$rounds"); do
  order=(ours opentracker)
  if [ $((round % 2)) = 0 ]; then order=(opentracker ours); fi
  for side in "${order[@]}"; do
    if [ "$side" = ours ] && [ -n "$ours_pid" ]; then
      echo "== round $round: signal-tracker" >&2
      run_one ours "$ours_port" "$ours_pid" "$round" "$@"
    elif [ "$side" = opentracker ] && [ -n "$theirs_pid" ]; then
      echo "== round $round: opentracker" >&2
      run_one opentracker "$theirs_port" "$theirs_pid" "$round" "$@"
    fi
  done
  if [ -n "$stub_pid" ]; then
    echo "== round $round: stateless responder (generator ceiling)" >&2
    run_one stub "$stub_port" "$stub_pid" "$round" "$@"
  fi
done

python3 - "$scenario" "$connections" "$results" <<'PY'
import json, sys
scenario, connections, path = sys.argv[1], sys.argv[2], sys.argv[3]
runs = [json.loads(line) for line in open(path) if line.strip()]
def per_cpu_second(r):
    # What the tracker does per second of its own CPU: the fair figure when the generator saturates its core
    # first and both trackers sit partly idle (throughput then measures the generator).
    return r['responsesPerSecond'] / r['trackerCpuCores'] if r['trackerCpuCores'] > 0 else float('nan')
print(f"\n{scenario}, {connections} clients:")
print(f"{'':16}{'round':>6}{'responses/s':>13}{'announce/s':>12}{'errors/s':>10}{'timeouts/s':>11}{'p50 ms':>8}"
      f"{'p99 ms':>8}{'p99.9 ms':>9}{'trk CPU':>8}{'per CPU-s':>10}{'gen CPU':>8}{'RSS MiB':>9}" + (f"{'drops':>9}" if scenario == 'udp' else ''))
for run in runs:
    r, lat = run['summary'], run['summary']['latencyMs']
    errors = r['failuresPerSecond'] + r['malformedPerSecond'] + r['socketErrorsPerSecond']
    print(f"{run['side']:16}{run['round']:>6}{r['responsesPerSecond']:>13,.0f}{r['announceRepliesPerSecond']:>12,.0f}"
          f"{errors:>10,.0f}{r['timeoutsPerSecond']:>11,.0f}{lat['p50']:>8.2f}{lat['p99']:>8.2f}{lat['p999']:>9.2f}"
          f"{r['trackerCpuCores'] * 100:>7.0f}%{per_cpu_second(r):>10,.0f}{r['generatorCpuCores'] * 100:>7.0f}%"
          f"{r['trackerRssBytes'] / 1048576:>9.1f}"
          + (f"{run['udpDrops']:>9,}" if scenario == 'udp' else ''))
    if scenario == 'http-keepalive' and r['closedAfterAnswerPerSecond'] > 0:
        print(f"{'':22}(the server closed {r['closedAfterAnswerPerSecond']:,.0f} connections/s after their answer: keep-alive degenerated)")
def mean(side, figure=lambda r: r['responsesPerSecond']):
    values = [figure(run['summary']) for run in runs if run['side'] == side]
    return sum(values) / len(values) if values else None
ours, theirs, stub = mean('ours'), mean('opentracker'), mean('stub')
ours_cpu, theirs_cpu = mean('ours', per_cpu_second), mean('opentracker', per_cpu_second)
if stub is not None:
    print(f"generator ceiling (stateless batching responder): {stub:,.0f} responses/s")
if ours is not None and theirs is not None:
    ratio = ours / theirs if theirs else float('inf')
    print(f"{scenario}: signal-tracker {ours:,.0f}/s vs opentracker {theirs:,.0f}/s (mean of {len(runs) and sum(1 for r in runs if r['side'] == 'ours')} runs each): ratio {ratio:.2f}x")
    cpu_ratio = ours_cpu / theirs_cpu if theirs_cpu else float('inf')
    print(f"{scenario}: per tracker CPU-second {ours_cpu:,.0f} vs {theirs_cpu:,.0f} (means): ratio {cpu_ratio:.2f}x"
          " (the figure to read when the generator's core is saturated)")
    print("COMPARE " + json.dumps({"scenario": scenario, "connections": int(connections), "ours": ours,
                                    "theirs": theirs, "ratio": round(ratio, 2), "oursPerCpuSecond": ours_cpu,
                                    "theirsPerCpuSecond": theirs_cpu, "cpuRatio": round(cpu_ratio, 2)}))
else:
    side, value = ('signal-tracker', ours) if ours is not None else ('opentracker', theirs)
    if value is not None:
        print(f"{scenario}: {side} {value:,.0f} responses/s (one side only)")
PY
