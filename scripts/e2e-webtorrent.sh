#!/usr/bin/env bash
# End-to-end proof with real WebTorrent clients (webtorrent in Node, WebRTC from @roamhq/wrtc): one client
# seeds a 1 MiB random file, a second downloads it, and they find each other only through the tracker
# under test (no DHT, no LSD, no PEX, no web seeds, no uTP, no other trackers). Passes when the
# downloaded bytes have the original's sha256; prints `E2E PASS ...` last, or `E2E FAIL: reason`.
#
#   scripts/e2e-webtorrent.sh              against our daemon (scripts/run.sh --config <generated file>)
#   scripts/e2e-webtorrent.sh --reference  against bittorrent-tracker's Server, WebSocket tracker only
#
# Phase 1 (normal network): npm-installs the pinned versions of scripts/e2e/package.json into a scratch
# folder with install scripts off (one dependency's install step needs pnpm, another downloads a binary
# from GitHub; @roamhq/wrtc ships its binary in the registry package, and a local stand-in for
# webrtc-polyfill hands it to the WebRTC peer library), reusing an earlier install, and builds the daemon
# if needed. Phase 2 runs in a loopback-only network namespace (`unshare -n`, so root is needed) because
# WebRTC gathers ICE candidates on every interface: the tracker, then the seeder, then, once the seeder's
# first announce is answered (two clients started at the same instant can cross offers and drop both
# connections), the leecher.
#
# Env: E2E_DIR          scratch folder (default ${TMPDIR:-/tmp}/signal-tracker-e2e)
#      E2E_PORT         tracker port on 127.0.0.1 (default 18000)
#      E2E_TIMEOUT      hard limit in seconds for phase 2 (default 120)
#      E2E_TRACKER_CMD  shell command that starts another tracker instead of ours; it sees E2E_PORT and
#                       E2E_NPM (the npm folder) and must answer GET /health with 200 (set E2E_READY=tcp
#                       to wait for a TCP connect instead)
#      E2E_ORDER        both (default): the two scenarios below one after the other, each with a fresh
#                       tracker; seeder-first: the leecher starts once the seeder's first announce is
#                       answered; leecher-first: the other way round (the seeder's offers must reach a
#                       waiting leecher, which does not re-announce before the announce interval);
#                       together: both clients wait at a barrier and start at the same instant, so their
#                       first offers can cross (WebRTC glare; not part of `both`)
#      E2E_RUNS         runs of each scenario (default 1), each with a fresh tracker and namespace; with
#                       more than one, a summary line `E2E RUNS: <scenario> passed P of N` per scenario
#                       (for glare runs, lower E2E_TIMEOUT: a failed pairing only recovers at the next
#                       announce, 120 s later)
#      E2E_DEBUG=1      the clients print every tracker message they send and receive
#      E2E_KEEP=1       keep the run folder (logs, payload, torrent) after a pass
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${E2E_DIR:-${TMPDIR:-/tmp}/signal-tracker-e2e}"
npmdir="$work/npm"
port="${E2E_PORT:-18000}"
limit="${E2E_TIMEOUT:-120}"
ready="${E2E_READY:-health}"
order="${E2E_ORDER:-both}"
runs="${E2E_RUNS:-1}"
case "$order" in seeder-first|leecher-first|together|both) ;; *) echo "e2e: E2E_ORDER must be seeder-first, leecher-first, together or both" >&2; exit 2;; esac
case "$runs" in ''|*[!0-9]*|0) echo "e2e: E2E_RUNS must be a positive integer" >&2; exit 2;; esac

say() { echo "e2e: $*"; }
die() { echo "E2E FAIL: $*"; exit 1; }

if [ "${E2E_PHASE:-1}" = 1 ]; then
  if [ "${1:-}" = --reference ]; then
    E2E_TRACKER_CMD='exec node "$E2E_NPM/reference-tracker.mjs" "$E2E_PORT" 127.0.0.1'
    E2E_TRACKER_NAME="bittorrent-tracker (reference, WebSocket only)"
  elif [ -n "${1:-}" ]; then
    echo "usage: $0 [--reference]" >&2; exit 2
  fi
  [ "$(id -u)" = 0 ] || { echo "e2e: needs root for a network namespace (unshare -n)" >&2; exit 2; }
  for tool in node npm unshare ip curl timeout setsid sha256sum; do
    command -v "$tool" >/dev/null || { echo "e2e: $tool is required" >&2; exit 2; }
  done
  mkdir -p "$npmdir"
  # A changed package.json means other pinned versions: start the install afresh.
  if ! cmp -s "$root/scripts/e2e/package.json" "$npmdir/package.json"; then
    rm -rf "$npmdir/node_modules" "$npmdir/package-lock.json"
  fi
  cp -r "$root/scripts/e2e/package.json" "$root/scripts/e2e/"*.mjs "$root/scripts/e2e/webrtc-polyfill-shim" "$npmdir/"
  if [ -d "$npmdir/node_modules/webtorrent" ] && [ -d "$npmdir/node_modules/@roamhq/wrtc" ]; then
    say "reusing the npm install in $npmdir"
  else
    say "installing webtorrent and @roamhq/wrtc into $npmdir (npm install --ignore-scripts)"
    (cd "$npmdir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error 2>&1 \
      | grep -v 'Unknown user config' || true)
    [ -d "$npmdir/node_modules/webtorrent" ] || die "npm install failed"
  fi
  (cd "$npmdir" && node -e '
    for (const p of ["webtorrent", "@roamhq/wrtc", "bittorrent-tracker", "webrtc-polyfill"])
      process.stdout.write(p + "@" + require("./node_modules/" + p + "/package.json").version + " ")
    console.log("node@" + process.versions.node)') | sed 's/^/e2e: versions: /'
  if [ -z "${E2E_TRACKER_CMD:-}" ]; then
    # Builds the jar when it is missing or stale (run.sh's rule) while Maven can still reach the network.
    # (Maven's colour codes are stripped from the build's messages.)
    "$root/scripts/run.sh" --print-default-config 2> >(sed 's/\x1b\[[0-9;]*m//g' >&2) > /dev/null \
      || die "the daemon does not build or start"
  fi
  export E2E_PHASE=2 E2E_DIR="$work" E2E_PORT="$port" E2E_TIMEOUT="$limit" E2E_READY="$ready" \
    E2E_TRACKER_CMD="${E2E_TRACKER_CMD:-}" E2E_TRACKER_NAME="${E2E_TRACKER_NAME:-}"
  orders=("$order"); [ "$order" = both ] && orders=(seeder-first leecher-first)
  failed=()
  summaries=()
  for o in "${orders[@]}"; do
    passed=0
    failed_runs=()
    for r in $(seq 1 "$runs"); do
      [ "$runs" -gt 1 ] && say "scenario $o: run $r of $runs"
      say "scenario $o: entering a loopback-only network namespace (unshare -n), hard limit ${limit}s"
      # The backstop: phase 2 bounds each wait itself; this ends it if something still hangs.
      set +e
      E2E_ORDER="$o" timeout -k 10 "$((limit + 15))" unshare -n bash "$0"
      rc=$?
      set -e
      [ "$rc" = 124 ] && echo "E2E FAIL: phase 2 did not finish within $((limit + 15))s"
      if [ "$rc" = 0 ]; then passed=$((passed + 1)); else failed_runs+=("$r"); fi
    done
    [ "$passed" = "$runs" ] || failed+=("$o")
    [ "$runs" -gt 1 ] && summaries+=("E2E RUNS: $o passed $passed of $runs${failed_runs[*]:+ (failed runs: ${failed_runs[*]})}")
  done
  for line in "${summaries[@]}"; do echo "$line"; done
  if [ "${#orders[@]}" -gt 1 ]; then
    [ "${#failed[@]}" = 0 ] && echo "E2E PASS: all scenarios (${orders[*]})" \
      || echo "E2E FAIL: scenario(s) ${failed[*]} failed"
  fi
  [ "${#failed[@]}" = 0 ] || exit 1
  exit 0
fi

# ---- Phase 2: inside the namespace. ----
t_start=$(date +%s%N)
deadline=$(( $(date +%s) + limit ))
elapsed() { echo "scale=2; ($(date +%s%N) - $t_start) / 1000000000" | bc | sed 's/^\./0./'; }
remaining() { echo $(( deadline - $(date +%s) )); }

ip link set lo up
links=$(ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')
[ "$links" = "lo " ] || die "the namespace has interfaces other than lo: $links"
say "network namespace has only: $links($(ip -o -4 addr show | awk '{print $4}' | tr '\n' ' '))"

run="$work/run.$$"
mkdir -p "$run/seed" "$run/leech"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'echo "E2E FAIL: interrupted (timeout or signal) after $(elapsed)s"; exit 124' TERM INT

show_logs() {
  say "--- tracker log (last 30 lines, without the effective-config listing) ---"
  grep -Ev '^[a-zA-Z]+\.[a-zA-Z]+ = ' "$run/tracker.log" | tail -30 | sed 's/^/  | /'
  say "--- seeder log (last 30 lines) ---"; tail -30 "$run/seed.log" 2>/dev/null | sed 's/^/  | /'
  say "--- leecher log (last 30 lines) ---"; tail -30 "$run/leech.log" 2>/dev/null | sed 's/^/  | /'
  say "run folder kept: $run"
}
fail() { show_logs; die "$*"; }

url="ws://127.0.0.1:$port/announce"
export E2E_NPM="$work/npm" E2E_PORT="$port"
if [ -n "$E2E_TRACKER_CMD" ]; then
  tracker_name="${E2E_TRACKER_NAME:-custom tracker}"
  say "tracker command: $E2E_TRACKER_CMD"
  setsid bash -c "$E2E_TRACKER_CMD" > "$run/tracker.log" 2>&1 &
else
  tracker_name="signal-tracker (scripts/run.sh)"
  printf '# written by scripts/e2e-webtorrent.sh\nserver.bindAddress = 127.0.0.1\nserver.port = %s\nadmin.port = 0\n' \
    "$port" > "$run/tracker.conf"
  setsid "$root/scripts/run.sh" --config "$run/tracker.conf" > "$run/tracker.log" 2>&1 &
fi
tracker=$!
pids+=("$tracker")
say "starting $tracker_name on 127.0.0.1:$port"

is_ready() {
  if [ "$ready" = tcp ]; then
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  else
    [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]
  fi
}
until is_ready; do
  kill -0 "$tracker" 2>/dev/null || fail "the tracker exited before it was ready"
  [ "$(remaining)" -gt 0 ] && [ "$(elapsed | cut -d. -f1)" -lt 60 ] || fail "the tracker was not ready within 60s"
  sleep 0.2
done
t_ready=$(elapsed)
say "tracker ready after ${t_ready}s ($([ "$ready" = tcp ] && echo "TCP connect" || echo "GET /health answered 200"))"

head -c 1048576 /dev/urandom > "$run/seed/payload.bin"
expected=$(sha256sum "$run/seed/payload.bin" | cut -d' ' -f1)
say "payload: 1048576 random bytes, sha256 $expected"

node_env=()
[ "${E2E_DEBUG:-0}" = 1 ] && node_env=(env DEBUG=bittorrent-tracker:websocket-tracker DEBUG_COLORS=0)

start_seeder() {
  "${node_env[@]}" node "$work/npm/peer.mjs" seed "$run/seed/payload.bin" "$url" "$run" "$@" \
    > >(tee "$run/seed.log" | sed -u 's/^/  /') 2>&1 &
  seeder=$!
  pids+=("$seeder")
}
start_leecher() {
  "${node_env[@]}" node "$work/npm/peer.mjs" leech "$run/payload.torrent" "$url" "$run/leech" \
    > >(tee "$run/leech.log" | sed -u 's/^/  /') 2>&1 &
  leecher=$!
  pids+=("$leecher")
}
# await FILE PID WHO WHAT: waits (bounded by the deadline) until FILE exists while PID lives.
await() {
  until [ -s "$1" ]; do
    kill -0 "$2" 2>/dev/null || { [ -s "$1" ] && break; fail "the $3 exited before $4"; }
    [ "$(remaining)" -gt 0 ] || fail "the $3 did not get to: $4 within ${limit}s of the start"
    sleep 0.2
  done
}

if [ "$order" = seeder-first ]; then
  start_seeder
  await "$run/seed-announced" "$seeder" seeder "its first announce was answered"
  t_seeded=$(elapsed)
  say "seeder's first announce answered after ${t_seeded}s; starting the leecher"
  start_leecher
elif [ "$order" = together ]; then
  timeout 60 node "$work/npm/peer.mjs" torrent "$run/seed/payload.bin" "$url" "$run" | sed 's/^/  /'
  [ -s "$run/payload.torrent" ] || fail "could not make the torrent file"
  info_hash=$(cat "$run/payload.infohash")
  # Both clients load, then wait at a barrier (E2E_GO): neither calls seed/add before the other is ready.
  export E2E_GO="$run/go"
  start_leecher
  start_seeder "$info_hash"
  await "$E2E_GO.leech-ready" "$leecher" leecher "it was ready to start"
  await "$E2E_GO.seed-ready" "$seeder" seeder "it was ready to start"
  touch "$E2E_GO"
  t_seeded=$(elapsed)
  say "both clients released at the same instant after ${t_seeded}s"
else
  timeout 60 node "$work/npm/peer.mjs" torrent "$run/seed/payload.bin" "$url" "$run" | sed 's/^/  /'
  [ -s "$run/payload.torrent" ] || fail "could not make the torrent file"
  info_hash=$(cat "$run/payload.infohash")
  start_leecher
  await "$run/leech/announced" "$leecher" leecher "its first announce was answered"
  t_seeded=$(elapsed)
  say "leecher's first announce answered after ${t_seeded}s; starting the seeder"
  start_seeder "$info_hash"
fi
await "$run/leech/result.json" "$leecher" leecher "the download finished"
t_done=$(elapsed)
wait "$leecher" 2>/dev/null || true

[ -f "$run/leech/payload.bin" ] || fail "the leecher reported done but wrote no payload.bin"
actual=$(sha256sum "$run/leech/payload.bin" | cut -d' ' -f1)
[ "$actual" = "$expected" ] || fail "downloaded bytes differ: expected sha256 $expected, got $actual"

result=$(cat "$run/leech/result.json")
field() { node -e 'let o = {}; try { o = JSON.parse(process.argv[1]) } catch {} const v = o[process.argv[2]]; console.log(Array.isArray(v) ? [...new Set(v)].join(",") : v)' "$1" "$2"; }
leech_peers=$(field "$result" numPeers)
leech_wires=$(field "$result" wireTypes)
download_ms=$(field "$result" downloadMs)
first_peer_ms=$(field "$result" firstPeerMs)
sleep 0.5 # the seeder rewrites its status every 250 ms
seed_status=$(cat "$run/seed-status.json" 2>/dev/null || echo '{}')
seed_uploaded=$(field "$seed_status" uploaded)
seed_peers=$(field "$seed_status" wires)
say "seeder uploaded ${seed_uploaded} bytes to ${seed_peers} peer connection(s)"
say "--- tracker log (last 10 lines, without the effective-config listing) ---"
grep -Ev '^[a-zA-Z]+\.[a-zA-Z]+ = ' "$run/tracker.log" | tail -10 | sed 's/^/  | /'
echo "E2E PASS: 1 MiB downloaded over WebRTC (${leech_wires}) through $url only, sha256 matches ($actual);" \
  "tracker: ${tracker_name}; leecher peers=${leech_peers}, seeder peer connections=${seed_peers}," \
  "seeder uploaded=${seed_uploaded} B; order ${order}, tracker ready ${t_ready}s, first client answered (or both released) ${t_seeded}s," \
  "first peer ${first_peer_ms} ms and download ${download_ms} ms after the leecher started, total $(elapsed)s"
[ "${E2E_KEEP:-0}" = 1 ] && say "run folder kept: $run" || rm -rf "$run"
