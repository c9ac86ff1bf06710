#!/usr/bin/env bash
# Memory soak: does the daemon's memory stay flat under churn and come back down after it?
#
#   scripts/soak.sh SECONDS [OUT_DIR]        e.g. scripts/soak.sh 1800      (OUT_DIR: target/soak-<time>)
#
# 1. Starts the daemon (the jar with the flags of scripts/jvm.env, plus native memory tracking) on
#    127.0.0.1:$SOAK_PORT with short timers, so that eviction happens within the run: announce interval
#    10 s, peers evicted 20 s after their last announce (sweep every 5 s), connections closed after 30 s
#    without a read (ping after 10 s).
# 2. Warm-up: $SOAK_WARMUP_SECONDS of the same load, then the load stops and the timers run out. The
#    BASELINE is the live heap after a full GC at that point: no client left, but every class loaded, the
#    JIT's work done, and Netty's pools, the event loops' caches and the lazily built parts of the daemon
#    in place. A baseline taken before any traffic would count those one-off costs as growth; this one is
#    the state the daemon should return to after every burst, whether it ran a minute or a month.
# 3. Load for SECONDS: the load generator's churn scenario ($SOAK_CONNECTIONS clients at all times over
#    thousands of info hashes of skewed popularity; each announces a few times and leaves with a WebSocket
#    close, a bare TCP FIN, a reset, or by going silent - still connected, neither announcing nor reading -
#    and is replaced), plus $SOAK_SIGNAL_CONNECTIONS /ws signaling clients relaying ICE candidates in
#    rooms (0 leaves them out). Generator runs last at most an hour, so a longer soak chains them (each
#    start and stop is one more wave of arrivals and departures). Every $SOAK_SAMPLE_SECONDS: the live heap
#    after a full GC (jcmd GC.run - one full collection a minute, a pause the load sees), the committed
#    heap, VmRSS, Netty's direct memory (native memory tracking's "Other": buffers allocated without a
#    cleaner) and the open file descriptors (about one per connection).
# 4. The load stops; after the timers run out again ($SOAK_DRAIN_SECONDS), the FINAL live heap after a
#    full GC. FAILS (exit 1) when it is more than $SOAK_TOLERANCE_PERCENT % above the baseline, and also
#    when a silent client was never closed by the daemon, the load did not run, or the daemon died. On a
#    failure the class histograms (baseline and final) are diffed: the classes that grew, by bytes.
#
# Prints a table of the samples and writes OUT_DIR/soak.csv, the daemon's log, its config, the generators'
# reports and both class histograms. Loopback only; at most $SOAK_CONNECTIONS + those waiting to be seen
# closed (silent) connections in one generator process, under the 20,000 open-files limit.
# Env: SOAK_PORT (18790), SOAK_CONNECTIONS (2000), SOAK_SIGNAL_CONNECTIONS (100), SOAK_WARMUP_SECONDS (60),
# SOAK_SAMPLE_SECONDS (60), SOAK_DRAIN_SECONDS (60), SOAK_TOLERANCE_PERCENT (10), SOAK_LIFE_ANNOUNCES (6),
# SOAK_ANNOUNCE_MILLIS (5000), SOAK_TORRENTS (10000), LOAD_JVM_FLAGS (-Xms256m -Xmx1g, for the generators),
# SOAK_EXTRA_CONFIG (lines appended to the daemon's config, e.g. "server.transport = io_uring").
# Exit status: 0 memory came back, 1 it did not (or the run itself failed), 2 bad arguments.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() { echo "usage: scripts/soak.sh SECONDS [OUT_DIR]   (SECONDS: 60..2592000)" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
[[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -ge 60 ] && [ "$1" -le 2592000 ] || usage
seconds="$1"
out="${2:-$root/target/soak-$(date -u +%Y%m%dT%H%M%SZ)}"
port="${SOAK_PORT:-18790}"
connections="${SOAK_CONNECTIONS:-2000}"
signal_connections="${SOAK_SIGNAL_CONNECTIONS:-100}"
warmup="${SOAK_WARMUP_SECONDS:-60}"
every="${SOAK_SAMPLE_SECONDS:-60}"
drain="${SOAK_DRAIN_SECONDS:-60}"
tolerance="${SOAK_TOLERANCE_PERCENT:-10}"
life="${SOAK_LIFE_ANNOUNCES:-6}"
announce_ms="${SOAK_ANNOUNCE_MILLIS:-5000}"
torrents="${SOAK_TORRENTS:-10000}"
for n in "$port" "$connections" "$signal_connections" "$warmup" "$every" "$drain" "$tolerance" "$life" \
    "$announce_ms" "$torrents"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "soak: every SOAK_* setting is a whole number (got '$n')" >&2; exit 2; }
done
if [ "$connections" -lt 1 ] || [ "$connections" -gt 15000 ] || [ "$signal_connections" -gt 2000 ] \
    || [ "$warmup" -lt 10 ] || [ "$every" -lt 5 ] || [ "$drain" -lt 45 ] || [ "$port" -lt 1024 ] || [ "$port" -gt 65535 ]; then
  echo "soak: SOAK_CONNECTIONS 1..15000, SOAK_SIGNAL_CONNECTIONS 0..2000, SOAK_WARMUP_SECONDS >= 10," \
       "SOAK_SAMPLE_SECONDS >= 5, SOAK_DRAIN_SECONDS >= 45 (the timers below), SOAK_PORT 1024..65535" >&2
  exit 2
fi
if ss -ltnH "sport = :$port" 2>/dev/null | grep -q .; then
  echo "soak: port $port is in use (set SOAK_PORT)" >&2
  exit 2
fi

# The daemon's timers, short so that eviction and idle closes happen many times within a run.
ping_s=10 idle_s=30 announce_s=10 peer_s=20 sweep_s=5
# A silent client waits this long for the daemon to close it: its idle timeout, and then some.
silent_s=$((idle_s + 2 * ping_s + 10))

# shellcheck source=build-jar.sh
source "$root/scripts/build-jar.sh"
# shellcheck source=bench-jar.sh
source "$root/scripts/bench-jar.sh"
load_jar="$root/signal-bench/target/load-generator.jar"
build_bench_jar_if_stale "$load_jar" soak
# shellcheck source=find-java.sh
source "$root/scripts/find-java.sh"
# shellcheck source=jvm.env
source "$root/scripts/jvm.env"
jcmd_bin="$(dirname "$(readlink -f "$JAVA_BIN")")/jcmd"
[ -x "$jcmd_bin" ] || jcmd_bin="$(command -v jcmd || true)"
[ -n "$jcmd_bin" ] || { echo "soak: no jcmd next to $JAVA_BIN or on PATH" >&2; exit 1; }

mkdir -p "$out"
csv="$out/soak.csv"
cat > "$out/soak.conf" <<EOF
# scripts/soak.sh: short timers so that peer eviction and idle closes happen within the run.
server.bindAddress = 127.0.0.1
server.port = $port
admin.port = 0
server.shutdownGraceSeconds = 2
websocket.pingIntervalSeconds = $ping_s
websocket.idleTimeoutSeconds = $idle_s
tracker.announceIntervalSeconds = $announce_s
tracker.minAnnounceIntervalSeconds = 0
tracker.peerTimeoutSeconds = $peer_s
tracker.sweepIntervalSeconds = $sweep_s
EOF
if [ -n "${SOAK_EXTRA_CONFIG:-}" ]; then printf '%s\n' "$SOAK_EXTRA_CONFIG" >> "$out/soak.conf"; fi

daemon_pid=""
load_pids=()
cleanup() {
  local p
  for p in "${load_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill "$daemon_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$daemon_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# Native memory tracking (summary) costs a little memory and CPU per malloc; it is what shows Netty's
# direct buffers, which are outside the heap and outside the JVM's own direct-memory counters.
# shellcheck disable=SC2086
"$JAVA_BIN" $SIGNAL_TRACKER_JVM_FLAGS -XX:NativeMemoryTracking=summary -jar "$JAR" --config "$out/soak.conf" \
  > "$out/daemon.log" 2>&1 &
daemon_pid=$!
for _ in $(seq 1 600); do
  grep -q "listening on" "$out/daemon.log" && break
  kill -0 "$daemon_pid" 2>/dev/null || { echo "soak: the daemon exited at start:" >&2; tail -20 "$out/daemon.log" >&2; exit 1; }
  sleep 0.1
done
grep -q "listening on" "$out/daemon.log" || { echo "soak: the daemon did not start listening in 60 s" >&2; exit 1; }

jcmd_run() { timeout 60 "$jcmd_bin" "$daemon_pid" "$@" 2>/dev/null || true; }
daemon_alive() { kill -0 "$daemon_pid" 2>/dev/null; }
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$daemon_pid/status" 2>/dev/null || echo NA; }
fds() { find "/proc/$daemon_pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
# Full GC (twice: objects kept only for a cleaner or a reference queue go on the second), then the heap.
live_heap() {
  jcmd_run GC.run > /dev/null
  jcmd_run GC.run > /dev/null
  jcmd_run GC.heap_info | sed -n 's/.*total reserved [0-9]*K, committed \([0-9]*\)K, used \([0-9]*\)K.*/\1 \2/p' | head -1
}
direct_mib() {
  jcmd_run VM.native_memory summary \
    | sed -n 's/^-  *Other (reserved=[0-9]*KB, committed=\([0-9]*\)KB).*/\1/p' | awk '{ printf "%.1f", $1 / 1024 }'
}

t0=$(date +%s)
echo "elapsed_s,phase,live_heap_mib,heap_committed_mib,rss_mib,direct_mib,open_fds" > "$csv"
printf '%-9s %-9s %14s %15s %9s %11s %9s\n' elapsed phase "live heap MiB" "committed MiB" "RSS MiB" "direct MiB" "open fds"
last_live=""
sample() {
  local phase="$1" heap committed used rss direct
  heap="$(live_heap)"
  committed="$(awk '{ printf "%.1f", $1 / 1024 }' <<< "${heap:-NA NA}" 2>/dev/null)"
  used="$(awk '{ printf "%.2f", $2 / 1024 }' <<< "${heap:-NA NA}" 2>/dev/null)"
  [ -n "$heap" ] || { committed=NA; used=NA; }
  rss="$(rss_mib)"
  direct="$(direct_mib)"
  [ -n "$direct" ] || direct=NA
  last_live="$used"
  echo "$(( $(date +%s) - t0 )),$phase,$used,$committed,$rss,$direct,$(fds)" >> "$csv"
  printf '%-9s %-9s %14s %15s %9s %11s %9s\n' "$(( $(date +%s) - t0 ))" "$phase" "$used" "$committed" "$rss" "$direct" "$(fds)"
}

# Starts the generators for $1 seconds in the background (pids in load_pids); $2 names their reports.
start_load() {
  local secs="$1" tag="$2" flags="${LOAD_JVM_FLAGS:--Xms256m -Xmx1g}"
  load_pids=()
  # shellcheck disable=SC2086
  "$JAVA_BIN" $flags --enable-native-access=ALL-UNNAMED -jar "$load_jar" --scenario churn \
    --url "ws://127.0.0.1:$port/announce" --connections "$connections" --sourceAddresses 4 \
    --torrents "$torrents" --churnLifeAnnounces "$life" --churnAnnounceMillis "$announce_ms" \
    --churnAbruptShare 0.3 --churnSilentShare 0.2 --churnSilentSeconds "$silent_s" \
    --warmupSeconds 0 --durationSeconds "$secs" --serverPid "$daemon_pid" \
    --histogramLog "$out/churn-$tag.hlog" > "$out/churn-$tag.txt" 2>&1 &
  load_pids+=($!)
  if [ "$signal_connections" -gt 0 ]; then
    # Open loop at one candidate per connection a second: signaling traffic beside the churn, not a race.
    # shellcheck disable=SC2086
    "$JAVA_BIN" $flags --enable-native-access=ALL-UNNAMED -jar "$load_jar" --scenario signal \
      --url "ws://127.0.0.1:$port/ws" --connections "$signal_connections" --roomShare 0.5 --roomSize 10 \
      --ratePerSecond "$signal_connections" --spinWait off --warmupSeconds 0 --durationSeconds "$secs" \
      --histogramLog "$out/signal-$tag.hlog" > "$out/signal-$tag.txt" 2>&1 &
    load_pids+=($!)
  fi
}

# Waits for the generators (bounded: their duration plus connecting and reporting); kills the late ones.
wait_load() {
  local deadline=$(( $(date +%s) + $1 + 180 )) p
  for p in "${load_pids[@]}"; do
    while kill -0 "$p" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do sleep 1; done
    if kill -0 "$p" 2>/dev/null; then
      echo "soak: generator $p still running past its time; killed" >&2
      kill "$p" 2>/dev/null || true
    fi
    wait "$p" 2>/dev/null || true
  done
  load_pids=()
}

# A whole-number field of a generator's SUMMARY line ($1 the report, $2 the field), 0 when missing.
summary_field() {
  local v
  v="$(sed -n "s/^SUMMARY .*\"$2\":\([0-9]*\).*/\1/p" "$1" | head -1)"
  echo "${v:-0}"
}

echo "soak: daemon pid $daemon_pid on 127.0.0.1:$port ($JAVA_BIN, Java $JAVA_MAJOR); output in $out"
echo "soak: warm-up ${warmup} s of load, then ${drain} s for the timers to run out"
start_load "$warmup" warmup
wait_load "$warmup"
sleep "$drain"
daemon_alive || { echo "soak: FAIL: the daemon died during the warm-up" >&2; exit 1; }
sample baseline
baseline="$last_live"
jcmd_run GC.class_histogram > "$out/histogram-baseline.txt"
[ "$baseline" != "NA" ] || { echo "soak: FAIL: could not read the baseline heap with $jcmd_bin" >&2; exit 1; }

echo "soak: load for $seconds s, sampling every $every s"
load_end=$(( $(date +%s) + seconds ))
chunk=0
silent_not_closed=0
lost=0
arrivals=0
while [ "$(date +%s)" -lt "$load_end" ]; do
  chunk=$((chunk + 1))
  secs=$(( load_end - $(date +%s) ))
  [ "$secs" -le 3600 ] || secs=3600
  [ "$secs" -ge 1 ] || break
  start_load "$secs" "$chunk"
  next=$(( $(date +%s) + every ))
  while kill -0 "${load_pids[0]}" 2>/dev/null; do
    if ! daemon_alive; then echo "soak: FAIL: the daemon died under load (see $out/daemon.log)" >&2; exit 1; fi
    if [ "$(date +%s)" -ge "$next" ]; then
      sample load
      next=$(( next + every ))
    fi
    sleep 1
  done
  wait_load "$secs"
  report="$out/churn-$chunk.txt"
  if ! grep -q '^SUMMARY ' "$report"; then
    echo "soak: FAIL: the churn generator did not finish its run (see $report)" >&2
    exit 1
  fi
  silent_not_closed=$(( silent_not_closed + $(summary_field "$report" silentNotClosed) ))
  lost=$(( lost + $(summary_field "$report" lost) ))
  arrivals=$(( arrivals + $(summary_field "$report" arrivals) ))
done
daemon_alive || { echo "soak: FAIL: the daemon died under load (see $out/daemon.log)" >&2; exit 1; }
sample stopped
echo "soak: load stopped; waiting ${drain} s for evictions and idle timeouts"
sleep "$drain"
sample final
final="$last_live"
jcmd_run GC.class_histogram > "$out/histogram-final.txt"

# The classes whose instances grew most between the two histograms, by bytes.
histogram_growth() {
  awk 'FNR == 1 { file++ } $1 ~ /^[0-9]+:$/ { if (file == 1) base[$4] = $3; else end[$4] = $3 }
       END { for (c in end) if (end[c] - base[c] > 0) printf "%12d bytes more  %s\n", end[c] - base[c], c }' \
    "$out/histogram-baseline.txt" "$out/histogram-final.txt" | sort -rn | head -15
}

peak_rss="$(awk -F, 'NR > 1 && $5 != "NA" && $5 > max { max = $5 } END { print max + 0 }' "$csv")"
load_heap="$(awk -F, '$2 == "load" && $3 != "NA" { n++; s += $3; if (min == "" || $3 < min) min = $3; if ($3 > max) max = $3 }
  END { if (n) printf "min %.2f, mean %.2f, max %.2f MiB over %d samples", min, s / n, max, n; else print "no samples" }' "$csv")"
echo
echo "baseline live heap   $baseline MiB (after ${warmup} s of load and ${drain} s without clients)"
echo "under load           $load_heap"
echo "final live heap      $final MiB ($(awk -v b="$baseline" -v f="$final" 'BEGIN { printf "%+.1f %%", (f - b) * 100 / b }') of the baseline; limit +$tolerance %)"
echo "peak RSS             $peak_rss MiB"
echo "churn                $arrivals newcomers; $silent_not_closed silent clients not closed by the daemon; $lost closed during their life"
echo "samples              $csv"
verdict=0
if awk -v b="$baseline" -v f="$final" -v t="$tolerance" 'BEGIN { exit !(f > b * (1 + t / 100)) }'; then
  echo "soak: FAIL: the live heap did not come back: $final MiB after the load, baseline $baseline MiB (more than $tolerance % above)"
  echo "soak: classes that grew (baseline -> final class histograms in $out):"
  histogram_growth
  verdict=1
fi
if [ "$silent_not_closed" -gt 0 ]; then
  echo "soak: FAIL: $silent_not_closed silent clients were still open ${silent_s} s after going silent (idle timeout ${idle_s} s)"
  verdict=1
fi
[ "$verdict" -ne 0 ] || echo "soak: PASS: the live heap came back to within $tolerance % of the baseline"
exit "$verdict"
