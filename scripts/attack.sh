#!/usr/bin/env bash
# Attacks a fresh daemon the ways issue 7 found to take it down, and says for each case whether it held.
# For every case: starts the daemon with the embedded defaults (only the port is set, through a one-line
# config file) on 127.0.0.1, runs the attack client (signal-bench, org.signaltracker.bench.attack) for
# --seconds while sampling the daemon's VmRSS every 100 ms, runs a bystander offer/answer pair during and
# after the attack, closes the attack's connections, reads the resident memory that stays after
# --settle seconds, and stops the daemon. A case passes when the daemon is alive and GET /health answers
# 200, both bystander exchanges completed, and peak resident memory (max of VmRSS samples and VmHWM)
# stayed under 768 MiB. Prints one verdict line per case, then "N passed, N failed"; exits 1 if any failed.
#   1  ping flood, never reading          (1 connection, 125-byte pings as fast as it can)
#   2  many unfinished messages            (8,000 connections, each ~127 KiB of a fragmented message)
#   3  frames after the budget, stuck      (a victim fills with relayed offers, then floods tiny announces)
#   4  pipelined GET /health, never read   (1 keep-alive connection)
#   5  unfinished frames                   (9,000 connections, each 127 KiB of a 128 KiB frame)
#   10 close mid-body                      (200 POSTs closing after 10 of 1000 body bytes; counts log lines)
# Usage:
#   scripts/attack.sh                                  every case against this checkout's build
#   scripts/attack.sh --cases 1,3 --seconds 20         some cases, longer
#   scripts/attack.sh --checkout /tmp/attack-before    another checkout's build (its scripts/run.sh)
#   scripts/attack.sh --jar path/to/signal-tracker.jar a built jar, with this checkout's scripts/jvm.env flags
#   scripts/attack.sh -- --messageConnections 4000     after --, options for the attack client (--help lists them)
# Options: --cases LIST (1,2,3,4,5,10)  --seconds S (20)  --settle S (5)  --port P (18700: case N listens on
# P+N, so no case waits for the previous one's sockets)  --out DIR (daemon logs and configs; a temp dir).
# Only 127.0.0.0/8 is ever attacked. Holds /tmp/signal-bench.lock while daemons run (builds happen first).
# Env: ATTACK_JVM_FLAGS (the attack client's JVM flags; default -Xms64m -Xmx512m);
# SIGNAL_TRACKER_JVM_FLAGS replaces the daemon's flags as for run.sh (leave it unset to test the defaults).
set -euo pipefail
# The whole script is one block, read before it runs: editing the file during a run cannot change the run.
{
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

cases="1,2,3,4,5,10"
seconds=20
settle=5
port=18700
checkout=""
daemon_jar=""
out=""
client_args=()
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --settle) settle="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --checkout) checkout="$(cd "$2" && pwd)"; shift 2 ;;
    --jar) daemon_jar="$(readlink -f "$2")"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --) shift; client_args=("$@"); break ;;
    -h|--help) usage; exit 0 ;;
    *) echo "attack: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$seconds" "$settle" "$port"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "attack: not a number: $n" >&2; exit 2; }
done
if [ -n "$checkout" ] && [ -n "$daemon_jar" ]; then
  echo "attack: --checkout and --jar exclude each other" >&2; exit 2
fi
IFS=',' read -r -a case_list <<<"$cases"
for c in "${case_list[@]}"; do
  [[ "$c" =~ ^(1|2|3|4|5|10)$ ]] || { echo "attack: no case $c (expected: 1,2,3,4,5,10)" >&2; exit 2; }
  [ $((port + c)) -le 65535 ] || { echo "attack: port $port + $c is past 65535" >&2; exit 2; }
done
out="${out:-$(mktemp -d /tmp/attack.XXXXXX)}"
mkdir -p "$out"

# The attack client: this checkout's benchmarks jar, built when stale.
client_jar="$root/signal-bench/target/benchmarks.jar"
# shellcheck source=bench-jar.sh
source "$root/scripts/bench-jar.sh"
build_bench_jar_if_stale "$client_jar" attack
# shellcheck source=find-java.sh
source "$root/scripts/find-java.sh"

# The daemon under test, and a first run that builds it (when run.sh finds it stale) before the lock.
if [ -n "$daemon_jar" ]; then
  [ -f "$daemon_jar" ] || { echo "attack: no jar $daemon_jar" >&2; exit 2; }
  # shellcheck source=jvm.env
  source "$root/scripts/jvm.env"
  # The flags are a space-separated list by design (see jvm.env).
  # shellcheck disable=SC2206
  daemon=("$JAVA_BIN" $SIGNAL_TRACKER_JVM_FLAGS -jar "$daemon_jar")
  build_desc="jar $daemon_jar"
else
  run_sh="${checkout:-$root}/scripts/run.sh"
  [ -x "$run_sh" ] || { echo "attack: no $run_sh" >&2; exit 2; }
  daemon=("$run_sh")
  "$run_sh" --print-default-config >/dev/null
  build_desc="$(cd "${checkout:-$root}" && git log -1 --format='%h %s' 2>/dev/null | cut -c1-72 || echo "${checkout:-$root}")"
fi
echo "attack: daemon ${build_desc}; $JAVA_BIN (Java $JAVA_MAJOR); $(nproc) cores; ${seconds} s per case; logs in $out"

daemon_pid=""
stop_daemon() {
  # SIGTERM, then SIGKILL if it has not exited within 20 s; always reaped (it is this shell's child).
  [ -n "$daemon_pid" ] || return 0
  if kill -0 "$daemon_pid" 2>/dev/null; then
    kill -TERM "$daemon_pid" 2>/dev/null || true
    for _ in $(seq 200); do
      kill -0 "$daemon_pid" 2>/dev/null && [ "$(awk '/^State:/ {print $2}' "/proc/$daemon_pid/status" 2>/dev/null)" != Z ] \
        || break
      sleep 0.1
    done
    kill -KILL "$daemon_pid" 2>/dev/null || true
  fi
  wait "$daemon_pid" 2>/dev/null || true
  daemon_pid=""
}
trap stop_daemon EXIT

case_name() {
  case "$1" in
    1) echo ping-flood ;; 2) echo unfinished-messages ;; 3) echo flood-stuck-outbound ;;
    4) echo pipelined-health ;; 5) echo unfinished-frames ;; 10) echo mid-body-close ;;
  esac
}

health_code() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/health" 2>/dev/null || true
}

exec 9>/tmp/signal-bench.lock
flock 9
passed=0
failed=0
verdicts=()
for c in "${case_list[@]}"; do
  case_port=$((port + c))
  conf="$out/case-$c.conf"
  log="$out/case-$c.log"
  # admin.port = 0: a free port, so the run never collides with an installed daemon's admin listener.
  printf 'server.port = %s\nadmin.port = 0\n' "$case_port" >"$conf"
  "${daemon[@]}" --config "$conf" >"$log" 2>&1 &
  daemon_pid=$!
  up=""
  for _ in $(seq 600); do   # 60 s to start
    kill -0 "$daemon_pid" 2>/dev/null || break
    if [ "$(health_code "$case_port")" = 200 ]; then up=1; break; fi
    sleep 0.1
  done
  if [ -z "$up" ]; then
    line="case $c $(case_name "$c"): FAIL peak_rss=? MiB daemon=DEAD bystander=failed (the daemon did not start; see $log)"
  else
    # shellcheck disable=SC2086
    line="$("$JAVA_BIN" ${ATTACK_JVM_FLAGS:--Xms64m -Xmx512m} -cp "$client_jar" org.signaltracker.bench.attack.AttackMain \
      --case "$c" --port "$case_port" --pid "$daemon_pid" --seconds "$seconds" --settleSeconds "$settle" \
      --daemonLog "$log" ${client_args[@]+"${client_args[@]}"} 2>"$out/case-$c.client.err" \
      | tee "$out/case-$c.client.out" | grep "^case $c " || true)"
    if [ -z "$line" ]; then
      line="case $c $(case_name "$c"): FAIL peak_rss=? MiB daemon=? bystander=? (the attack client gave no verdict; see $out/case-$c.client.err)"
    fi
    oom="$(grep -m 1 -o 'OutOfMemoryError[^"]*\|OutOfDirectMemoryError[^"]*' "$log" | cut -c1-120 || true)"
    if [ -n "$oom" ]; then line="$line; daemon log: $oom"; fi
  fi
  stop_daemon
  echo "$line"
  verdicts+=("$line")
  if [[ "$line" == *": PASS "* ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
flock -u 9
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
exit
}
