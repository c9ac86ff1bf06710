#!/usr/bin/env bash
# End-to-end proof with real WebTorrent clients: one Node WebTorrent client seeds a 1 MiB random file,
# another downloads it over WebRTC, and they find each other only through this tracker.
#
# Phase 1 (normal network): npm-installs webtorrent and @roamhq/wrtc into a scratch folder with install
# scripts off (one dependency's install step needs pnpm, another downloads a binary; @roamhq/wrtc ships
# its binary in the registry package) and builds the daemon.
# Phase 2 (a loopback-only network namespace, because WebRTC gathers ICE candidates on every interface):
# starts the daemon, the seeder, then the leecher once the seeder's first announce is answered, and
# compares the bytes.
#
# Env: E2E_DIR scratch folder (default /tmp/signal-tracker-e2e), E2E_PORT (default 18000),
#      E2E_TIMEOUT seconds for phase 2 (default 120), E2E_TRACKER_CMD to test another tracker instead
#      (it must listen on E2E_PORT and answer nothing special: readiness is a TCP connect).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${E2E_DIR:-/tmp/signal-tracker-e2e}"
port="${E2E_PORT:-18000}"
limit="${E2E_TIMEOUT:-120}"

if [ "${E2E_PHASE:-1}" = 1 ]; then
  [ "$(id -u)" = 0 ] || { echo "e2e: needs root for a network namespace (unshare -n)" >&2; exit 2; }
  command -v node >/dev/null || { echo "e2e: node is required" >&2; exit 2; }
  mkdir -p "$work/npm"
  if ! cmp -s "$root/scripts/e2e/package.json" "$work/npm/package.json"; then
    rm -rf "$work/npm/node_modules" "$work/npm/package-lock.json"
  fi
  cp -r "$root/scripts/e2e/package.json" "$root/scripts/e2e/peer.mjs" "$root/scripts/e2e/webrtc-polyfill-shim" "$work/npm/"
  if [ ! -d "$work/npm/node_modules/webtorrent" ] || [ ! -d "$work/npm/node_modules/@roamhq/wrtc" ]; then
    echo "e2e: installing webtorrent and @roamhq/wrtc into $work/npm"
    (cd "$work/npm" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
  if [ -z "${E2E_TRACKER_CMD:-}" ]; then
    echo "e2e: building the daemon"
    (cd "$root" && mvn -q -B -DskipTests package -pl signal-netty -am)
  fi
  echo "e2e: entering a loopback-only network namespace"
  exec unshare -n env E2E_PHASE=2 E2E_DIR="$work" E2E_PORT="$port" E2E_TIMEOUT="$limit" \
    E2E_TRACKER_CMD="${E2E_TRACKER_CMD:-}" bash "$0"
fi

# Phase 2: inside the namespace.
ip link set lo up
echo "e2e: interfaces in this namespace: $(ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')"
run="$work/run.$$"
mkdir -p "$run/seed" "$run/leech"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

url="ws://127.0.0.1:$port/announce"
if [ -n "${E2E_TRACKER_CMD:-}" ]; then
  bash -c "$E2E_TRACKER_CMD" > "$run/tracker.log" 2>&1 &
else
  printf 'server.bindAddress = 127.0.0.1\nserver.port = %s\n' "$port" > "$run/tracker.conf"
  "$root/scripts/run.sh" --config "$run/tracker.conf" > "$run/tracker.log" 2>&1 &
fi
pids+=($!)
for _ in $(seq 1 150); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.2
done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { cat "$run/tracker.log"; echo "e2e: FAIL tracker did not start"; exit 1; }
echo "e2e: tracker up at $url"

head -c 1048576 /dev/urandom > "$run/seed/payload.bin"
expected=$(sha256sum "$run/seed/payload.bin" | cut -d' ' -f1)
start=$(date +%s.%N)

node "$work/npm/peer.mjs" seed "$run/seed/payload.bin" "$url" "$run/payload.torrent" &
seeder=$!
pids+=("$seeder")
for _ in $(seq 1 $((limit * 5))); do
  [ -s "$run/payload.torrent" ] && break
  kill -0 "$seeder" 2>/dev/null || { echo "e2e: FAIL the seeder exited"; exit 1; }
  sleep 0.2
done
[ -s "$run/payload.torrent" ] || { echo "e2e: FAIL the seeder's announce was never answered"; tail -20 "$run/tracker.log"; exit 1; }

timeout "$limit" node "$work/npm/peer.mjs" leech "$run/payload.torrent" "$url" "$run/leech" || {
  echo "e2e: FAIL the download did not complete"; tail -20 "$run/tracker.log"; exit 1; }
actual=$(sha256sum "$run/leech/payload.bin" | cut -d' ' -f1)
elapsed=$(echo "$(date +%s.%N) - $start" | bc)
if [ "$actual" != "$expected" ]; then
  echo "e2e: FAIL bytes differ (expected $expected, got $actual)"
  exit 1
fi
echo "e2e: tracker log:"
sed 's/^/  | /' "$run/tracker.log" | grep -v ' = ' | tail -8
echo "E2E PASS: 1 MiB downloaded over WebRTC through $url in ${elapsed}s, sha256 $actual"
rm -rf "$run"
