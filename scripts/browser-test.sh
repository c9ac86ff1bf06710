#!/usr/bin/env bash
# Real-browser proof of the demo page (GET /, signal-netty/src/main/resources/static/): headless Chromium
# opens it in two tabs, both join one room over /ws, negotiate WebRTC through the server, open a data
# channel peer to peer, and each sends the other a chat message that must arrive; then one leaves (the
# other must see it go) and tries the other's name (the page must show the refusal). Saves a PNG of both
# tabs as the chat went both ways; prints `BROWSER PASS ...` last, or `BROWSER FAIL: reason`, and exits non-zero on failure.
#
#   scripts/browser-test.sh                  against our daemon (scripts/run.sh --config <port only>)
#   scripts/browser-test.sh --stand-in       against scripts/browser/stand-in-signaling-server.mjs, a
#                                            test stand-in (Node, happy path only) for the page itself
#   scripts/browser-test.sh --screenshot F   the PNG goes to F (default target/browser-test.png)
#
# Phase 1 (normal network, as root): installs Debian's chromium with apt-get and the pinned npm packages
# of scripts/browser/package.json into a scratch folder, reusing earlier installs, and builds the daemon if
# needed. Phase 2 runs in a loopback-only network namespace (`unshare -n`): WebRTC gathers candidates on
# every interface, and here traffic may only go to 127.0.0.0/8. It starts the server, waits for /health,
# then runs the browser. Phase 2 holds /tmp/signal-bench.lock (Chromium is CPU-heavy on a small machine,
# and benchmarks hold the same lock); the wait for it is bounded apart from phase 2's own limit.
#
# Env: BROWSER_TEST_DIR      scratch folder (default ${TMPDIR:-/tmp}/signal-tracker-browser)
#      BROWSER_TEST_PORT     server port on 127.0.0.1 (default 18100)
#      BROWSER_TEST_TIMEOUT  hard limit in seconds for phase 2 (default 120)
#      BROWSER_TEST_LOCK_WAIT  seconds to wait for /tmp/signal-bench.lock (default 900)
#      CHROMIUM              the browser binary (default /usr/bin/chromium)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BROWSER_TEST_DIR:-${TMPDIR:-/tmp}/signal-tracker-browser}"
npmdir="$work/npm"
port="${BROWSER_TEST_PORT:-18100}"
limit="${BROWSER_TEST_TIMEOUT:-120}"
lock_wait="${BROWSER_TEST_LOCK_WAIT:-900}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

say() { echo "browser-test: $*"; }
die() { echo "BROWSER FAIL: $*"; exit 1; }

if [ "${BROWSER_TEST_PHASE:-1}" = 1 ]; then
  server=daemon
  shot="$root/target/browser-test.png"
  while [ $# -gt 0 ]; do
    case "$1" in
      --stand-in) server=stand-in ;;
      --screenshot) [ $# -ge 2 ] || { echo "browser-test: --screenshot needs a path" >&2; exit 2; }; shot="$2"; shift ;;
      *) echo "usage: $0 [--stand-in] [--screenshot FILE.png]" >&2; exit 2 ;;
    esac
    shift
  done
  case "$limit" in ''|*[!0-9]*|0) echo "browser-test: BROWSER_TEST_TIMEOUT must be a positive integer" >&2; exit 2;; esac
  [ "$(id -u)" = 0 ] || { echo "browser-test: needs root for a network namespace (unshare -n)" >&2; exit 2; }
  for tool in node npm unshare ip curl timeout setsid flock bc; do
    command -v "$tool" >/dev/null || { echo "browser-test: $tool is required" >&2; exit 2; }
  done
  if [ ! -x "$CHROMIUM" ]; then
    say "installing Debian's chromium (apt-get)"
    # apt-get update only when the package lists do not know chromium yet.
    apt-cache show chromium >/dev/null 2>&1 || apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null \
      || die "apt-get install chromium failed"
  fi
  mkdir -p "$npmdir" "$(dirname "$shot")"
  shot="$(cd "$(dirname "$shot")" && pwd)/$(basename "$shot")"
  # A changed package.json means other pinned versions: start the install afresh.
  if ! cmp -s "$root/scripts/browser/package.json" "$npmdir/package.json"; then
    rm -rf "$npmdir/node_modules" "$npmdir/package-lock.json"
  fi
  cp "$root/scripts/browser/package.json" "$root/scripts/browser/"*.mjs "$npmdir/"
  if [ -d "$npmdir/node_modules/playwright-core" ] && [ -d "$npmdir/node_modules/ws" ]; then
    say "reusing the npm install in $npmdir"
  else
    # --ignore-scripts: nothing downloads a browser of its own; the Debian one is used.
    say "installing playwright-core and ws into $npmdir (npm install --ignore-scripts)"
    (cd "$npmdir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error 2>&1 \
      | grep -v 'Unknown user config' || true)
    [ -d "$npmdir/node_modules/playwright-core" ] || die "npm install failed"
  fi
  if [ "$server" = daemon ]; then
    # Builds the jar when it is missing or stale (run.sh's rule) while Maven can still reach the network.
    "$root/scripts/run.sh" --print-default-config 2> >(sed 's/\x1b\[[0-9;]*m//g' >&2) > /dev/null \
      || die "the daemon does not build or start"
  fi
  say "versions: $("$CHROMIUM" --version 2>/dev/null | head -1), playwright-core@$(node -p \
    "require('$npmdir/node_modules/playwright-core/package.json').version"), node@$(node -p process.versions.node)"
  export BROWSER_TEST_PHASE=2 BROWSER_TEST_DIR="$work" BROWSER_TEST_PORT="$port" BROWSER_TEST_TIMEOUT="$limit" \
    BROWSER_TEST_SERVER="$server" BROWSER_TEST_SHOT="$shot"
  say "waiting (at most ${lock_wait}s) for /tmp/signal-bench.lock"
  exec 9>/tmp/signal-bench.lock
  flock -w "$lock_wait" 9 || die "/tmp/signal-bench.lock was not free within ${lock_wait}s"
  say "lock held; entering a loopback-only network namespace (unshare -n), hard limit ${limit}s"
  # The backstop: phase 2 bounds each wait itself; this ends it if something still hangs.
  set +e
  timeout -k 10 "$((limit + 15))" unshare -n bash "$0" 9>&-
  rc=$?
  set -e
  [ "$rc" = 124 ] && echo "BROWSER FAIL: phase 2 did not finish within $((limit + 15))s"
  exit "$rc"
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
mkdir -p "$run"
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
trap 'echo "BROWSER FAIL: interrupted (timeout or signal) after $(elapsed)s"; exit 124' TERM INT

show_log() {
  say "--- server log (last 30 lines, without the effective-config listing) ---"
  grep -Ev '^[a-zA-Z]+\.[a-zA-Z]+ =( |$)' "$run/server.log" | tail -30 | sed 's/^/  | /'
  say "run folder kept: $run"
}
fail() { show_log; die "$*"; }

if [ "$BROWSER_TEST_SERVER" = stand-in ]; then
  server_name="the test stand-in (scripts/browser/stand-in-signaling-server.mjs), not the daemon"
  setsid node "$work/npm/stand-in-signaling-server.mjs" "$port" "$root/signal-netty/src/main/resources/static" \
    > "$run/server.log" 2>&1 &
else
  server_name="signal-tracker (scripts/run.sh)"
  printf '# written by scripts/browser-test.sh\nserver.port = %s\nadmin.port = 0\n' "$port" > "$run/server.conf"
  setsid "$root/scripts/run.sh" --config "$run/server.conf" > "$run/server.log" 2>&1 &
fi
server=$!
pids+=("$server")
say "starting $server_name on 127.0.0.1:$port"
until [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ]; do
  kill -0 "$server" 2>/dev/null || fail "the server exited before it was ready"
  [ "$(remaining)" -gt 0 ] && [ "$(elapsed | cut -d. -f1)" -lt 60 ] || fail "the server was not ready within 60s"
  sleep 0.2
done
t_ready=$(elapsed)
say "server ready after ${t_ready}s (GET /health answered 200)"
page_status=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$port/")
[ "$page_status" = 200 ] || fail "GET / answered $page_status, not the demo page (does this server have the signaling edge?)"

set +e
node "$work/npm/browser-test.mjs" "http://127.0.0.1:$port" "$BROWSER_TEST_SHOT" "$run/result.json" "$(remaining)" \
  2>&1 | tee "$run/browser.log"
browser_rc=${PIPESTATUS[0]}
set -e
[ -s "$run/result.json" ] || fail "the browser run ended (exit $browser_rc) without a result"
field() { node -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = process.argv[2].split(".").reduce((a, k) => a == null ? a : a[k], o); console.log(v == null ? "" : v)' "$run/result.json" "$1"; }
[ -n "$(field screenshot)" ] && say "screenshot: $(field screenshot)" || say "no screenshot was saved"
if [ "$browser_rc" != 0 ] || [ "$(field pass)" != true ]; then
  fail "$(field error) (server: $server_name)"
fi
echo "BROWSER PASS: two Chromium $(field chromium) tabs joined room $(field room) on ws://127.0.0.1:$port/ws," \
  "opened a WebRTC data channel ($(field path.local) <-> $(field path.remote)) and each received the other's" \
  "chat message; then one left (the other saw it) and a taken name was refused on the page" \
  "($(field refusal)); server: $server_name; server ready ${t_ready}s, both in the room $(field times.bobInRoomMs) ms," \
  "channels open $(field times.channelsOpenMs) ms, chat both ways $(field times.chatDoneMs) ms after the browser" \
  "started; total $(elapsed)s"
rm -rf "$run"
